use chrono::{FixedOffset, TimeZone};

use super::*;
use crate::core::calendar::Calendar;
use crate::core::deck::Deck;
use crate::core::exam::{self, paper};
use crate::core::question::{QuestionKind, Seen};
use crate::core::schedule::{Phase, SchedulerConfig};
use crate::core::study::MistakeScope;

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default(), Calendar::Fixed(FixedOffset::east_opt(0).expect("offset")))
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("time")
}

struct Bench {
    folder: tempfile::TempDir,
    save: Save,
    scheduler: Scheduler,
    now: DateTime<Utc>,
}

impl Bench {
    fn new() -> Bench {
        let folder = tempfile::tempdir().expect("temp");
        let save = Save::open(folder.path(), start()).expect("open").save;
        Bench { folder, save, scheduler: scheduler(), now: start() }
    }

    fn tick(&mut self) -> DateTime<Utc> {
        self.now += Duration::seconds(7);
        self.now
    }

    /// Answers the question on screen, rightly or wrongly, whatever its kind.
    fn answer(&mut self, session: &mut Session, right: bool) -> Recorded {
        let question = session.current().expect("a question").question.clone();
        let now = self.tick();
        if question.kind.is_self_graded() {
            session.reveal();
            let rating = if right { Rating::Good } else { Rating::Again };
            return session.rate(&mut self.save, &self.scheduler, rating, now).expect("rate").expect("recorded");
        }
        let response = response(&question, right);
        session.respond(&mut self.save, &self.scheduler, response, now).expect("respond").expect("recorded")
    }

    fn next(&mut self, session: &mut Session) {
        let now = self.tick();
        session.advance(self.save.data(), &self.scheduler, now);
    }

    fn undo(&mut self, session: &mut Session) -> Option<Undone> {
        let now = self.tick();
        session.undo(&mut self.save, now).expect("undo")
    }
}

fn response(question: &Question, right: bool) -> Response {
    match question.kind {
        QuestionKind::TypedAnswer if right => Response::Typed(question.accepted[0].clone()),
        QuestionKind::TypedAnswer => Response::Typed("certainly not this".into()),
        QuestionKind::Matching => {
            let mut chosen: Vec<Option<usize>> = question.correct.iter().copied().map(Some).collect();
            if !right {
                chosen.rotate_left(1);
            }
            Response::Matches(chosen)
        }
        _ if right => Response::Choice(question.correct[0]),
        _ => Response::Choice((0..question.options.len()).find(|i| !question.correct.contains(i)).expect("wrong")),
    }
}

fn faq(entries: usize) -> Catalog {
    Catalog::from_decks(vec![Deck::example_faq(entries)])
}

/// An FAQ deck asked only as multiple choice: every answer is auto-graded.
fn choice_faq(entries: usize) -> Catalog {
    let mut deck = Deck::example_faq(entries);
    deck.kinds = vec![QuestionKind::AnswerChoice];
    Catalog::from_decks(vec![deck])
}

fn study(bench: &mut Bench, catalog: &Catalog) -> Session {
    let mut session = Session::study(catalog.clone(), Vec::new());
    bench.next(&mut session);
    session
}

#[test]
fn undo_after_a_suspension_takes_back_the_suspension_not_the_answer_before() {
    let mut bench = Bench::new();
    let catalog = faq(6);
    let mut session = study(&mut bench, &catalog);
    bench.answer(&mut session, true);
    bench.next(&mut session);
    let suspended = session.current().expect("question").question.id.clone();
    let now = bench.tick();
    session.suspend(&mut bench.save, &bench.scheduler, now).expect("suspend");
    assert!(bench.save.data().cards[&suspended].suspended);
    assert_eq!(bench.undo(&mut session), Some(Undone::Suspension(suspended.clone())));
    assert!(!bench.save.data().cards[&suspended].suspended, "the card is back in study");
    assert_eq!(bench.save.data().reviews.len(), 1, "the answer before stays");
    assert_eq!(session.current().expect("question").question.id, suspended, "its question is back on screen");
}

#[test]
fn a_new_sitting_cannot_undo_what_an_earlier_one_did() {
    let mut bench = Bench::new();
    let catalog = faq(6);
    let mut first = study(&mut bench, &catalog);
    bench.answer(&mut first, true);
    assert!(first.can_undo());
    let mut second = study(&mut bench, &catalog);
    assert!(!second.can_undo());
    assert_eq!(bench.undo(&mut second), None);
    assert_eq!(bench.save.data().reviews.len(), 1, "the first sitting's answer stays");
    assert!(second.current().is_some(), "the second sitting goes on");
}

#[test]
fn undoing_a_right_answer_takes_it_off_both_tallies_and_restores_the_schedule() {
    let mut bench = Bench::new();
    let catalog = choice_faq(6);
    let mut session = study(&mut bench, &catalog);
    bench.answer(&mut session, false);
    bench.next(&mut session);
    let before = session.tally();
    let card = session.current().expect("question").question.id.clone();
    let state_before = bench.save.data().cards.get(&card).cloned();
    bench.answer(&mut session, true);
    assert_eq!(session.tally(), Tally { answered: before.answered + 1, right: before.right + 1 });
    assert_eq!(bench.undo(&mut session), Some(Undone::Answer(card.clone())));
    assert_eq!(session.tally(), before);
    assert_eq!(bench.save.data().cards.get(&card).cloned(), state_before);
    let current = session.current().expect("question");
    assert_eq!((&current.question.id, &current.stage), (&card, &Stage::Asking));
}

#[test]
fn undoing_a_flip_rating_puts_that_card_back_and_forgets_the_card_shown_after() {
    let mut bench = Bench::new();
    let catalog = faq(6);
    let mut session = study(&mut bench, &catalog);
    assert!(session.current().expect("question").question.kind.is_self_graded(), "new FAQ cards start as flips");
    let card = session.current().expect("question").question.id.clone();
    bench.answer(&mut session, true);
    assert_ne!(session.current().expect("next").question.id, card);
    assert_eq!(bench.undo(&mut session), Some(Undone::Answer(card.clone())));
    assert_eq!(session.current().expect("question").question.id, card);
    assert!(!bench.save.data().cards.contains_key(&card), "a first answer undone leaves the card new");
    assert!(bench.save.data().reviews.is_empty());
}

#[test]
fn practice_brings_wrong_answers_back_until_right_then_ends_leaving_the_schedule_alone() {
    let mut bench = Bench::new();
    let catalog = faq(3);
    let cards: Vec<CardId> = catalog.cards().iter().take(3).cloned().collect();
    let mut session = Session::practice(catalog.clone(), Vec::new(), cards.clone());
    bench.next(&mut session);
    let first = session.current().expect("question").question.id.clone();
    bench.answer(&mut session, false);
    if session.current().is_some_and(|current| current.stage != Stage::Asking) {
        bench.next(&mut session);
    }
    let mut order = vec![first.clone()];
    while session.current().is_some() {
        order.push(session.current().expect("question").question.id.clone());
        bench.answer(&mut session, true);
        if session.current().is_some_and(|current| current.stage != Stage::Asking) {
            bench.next(&mut session);
        }
    }
    assert_eq!(order.len(), 4, "three cards, the wrong one once more: {order:?}");
    assert_eq!(order.last(), Some(&first), "the wrong card comes back at the end");
    assert_eq!(session.end(), Some(&End::PracticeDone));
    assert_eq!(session.tally(), Tally { answered: 4, right: 3 });
    assert!(bench.save.data().cards.is_empty(), "practice leaves the schedule alone");
    assert!(bench.save.data().reviews.iter().all(|review| review.session == SessionKind::Practice));
}

#[test]
fn undoing_a_wrong_practice_answer_takes_its_card_off_the_end_of_the_queue() {
    let mut bench = Bench::new();
    let catalog = choice_faq(3);
    let cards: Vec<CardId> = catalog.cards().iter().take(2).cloned().collect();
    let mut session = Session::practice(catalog, Vec::new(), cards);
    bench.next(&mut session);
    bench.answer(&mut session, false);
    assert_eq!(session.practice_left(), 3, "on screen, next, and the wrong one again");
    bench.undo(&mut session);
    assert_eq!(session.practice_left(), 2);
    bench.answer(&mut session, true);
    if session.current().is_some_and(|current| current.stage != Stage::Asking) {
        bench.next(&mut session);
    }
    bench.answer(&mut session, true);
    if session.current().is_some_and(|current| current.stage != Stage::Asking) {
        bench.next(&mut session);
    }
    assert_eq!(session.end(), Some(&End::PracticeDone));
}

fn exam_session(bench: &Bench, catalog: &Catalog, count: usize) -> Session {
    let paper = paper(catalog, count, 11);
    assert_eq!(paper.questions.len(), count, "the deck supplies the paper");
    Session::exam(catalog.clone(), Vec::new(), paper, exam::exam_id(bench.now, 11), None, bench.now)
}

#[test]
fn an_exam_handed_in_early_records_every_question_and_one_score_everywhere() {
    let mut bench = Bench::new();
    let catalog = faq(12);
    let mut session = exam_session(&bench, &catalog, 10);
    for right in [true, false, true, true, false] {
        bench.answer(&mut session, right);
    }
    assert_eq!(session.unanswered(), 5);
    let now = bench.tick();
    session.hand_in(&mut bench.save, now, false).expect("hand in");
    let Some(End::HandedIn { graded, .. }) = session.end() else { panic!("not handed in") };
    assert_eq!((graded.right, graded.answered, graded.total), (3, 5, 10));
    let results = exam::results(bench.save.data());
    assert_eq!(results.len(), 1);
    assert_eq!((results[0].right, results[0].answered, results[0].questions), (3, 5, 10));
    assert_eq!(results[0].by_deck["d"], [3, 5, 10]);
    let mistakes = crate::core::study::mistakes(&catalog, bench.save.data(), &MistakeScope::LastExam);
    assert_eq!(mistakes.len(), 7, "two wrong and five blank");
    assert!(!session.can_undo(), "a paper handed in is final");
}

#[test]
fn an_exam_handed_in_blank_scores_nothing_out_of_the_paper() {
    let mut bench = Bench::new();
    let catalog = faq(8);
    let mut session = exam_session(&bench, &catalog, 5);
    let now = bench.tick();
    session.hand_in(&mut bench.save, now, true).expect("hand in");
    let results = exam::results(bench.save.data());
    assert_eq!((results[0].right, results[0].answered, results[0].questions), (0, 0, 5));
    assert_eq!(crate::core::study::mistakes(&catalog, bench.save.data(), &MistakeScope::LastExam).len(), 5);
    assert!(bench.save.data().exams[0].timed_out);
}

#[test]
fn the_last_answer_hands_the_paper_in_and_undo_in_an_exam_returns_to_the_question() {
    let mut bench = Bench::new();
    let catalog = faq(8);
    let mut session = exam_session(&bench, &catalog, 3);
    bench.answer(&mut session, true);
    let second = session.current().expect("question").question.id.clone();
    bench.answer(&mut session, false);
    assert_eq!(bench.undo(&mut session), Some(Undone::Answer(second.clone())));
    assert_eq!(session.exam_position(), Some((1, 3)));
    assert_eq!(session.current().expect("question").question.id, second);
    bench.answer(&mut session, true);
    let now = bench.tick();
    session.skip(&mut bench.save, now).expect("skip");
    let Some(End::HandedIn { graded, .. }) = session.end() else { panic!("the last question hands in") };
    assert_eq!((graded.right, graded.answered, graded.total), (2, 2, 3));
    assert_eq!(bench.save.data().reviews.len(), 2, "the undone answer is gone");
}

#[test]
fn an_exam_question_suspended_leaves_the_paper_and_undo_puts_it_back() {
    let mut bench = Bench::new();
    let catalog = faq(8);
    let mut session = exam_session(&bench, &catalog, 3);
    let now = bench.tick();
    let card = session.suspend(&mut bench.save, &bench.scheduler, now).expect("suspend").expect("card");
    assert_eq!(bench.undo(&mut session), Some(Undone::Suspension(card.clone())));
    assert_eq!(session.unanswered(), 3);
    let now = bench.tick();
    session.suspend(&mut bench.save, &bench.scheduler, now).expect("suspend");
    bench.answer(&mut session, true);
    bench.answer(&mut session, true);
    let Some(End::HandedIn { graded, .. }) = session.end() else { panic!("handed in") };
    assert_eq!((graded.right, graded.total), (2, 2), "the suspended question is not counted");
    assert_eq!(bench.save.data().exams[0].questions.len(), 2);
}

#[test]
fn an_exam_runs_out_of_time() {
    let bench = Bench::new();
    let catalog = faq(8);
    let paper = paper(&catalog, 3, 1);
    let session = Session::exam(catalog, Vec::new(), paper, "e".into(), Some(Duration::minutes(1)), bench.now);
    assert!(!session.time_is_up(bench.now + Duration::seconds(59)));
    assert!(session.time_is_up(bench.now + Duration::seconds(60)));
    assert_eq!(session.time_left(bench.now + Duration::seconds(90)), Some(Duration::zero()));
}

#[test]
fn done_for_today_says_what_waits_and_why() {
    let mut bench = Bench::new();
    let catalog = faq(4);
    let mut session = study(&mut bench, &catalog);
    while session.current().is_some() {
        bench.answer(&mut session, true);
        if session.current().is_some_and(|current| current.stage != Stage::Asking) {
            bench.next(&mut session);
        }
    }
    let Some(End::DayDone(day)) = session.end() else { panic!("study ended otherwise: {:?}", session.end()) };
    assert_eq!(day.counts.new_available, 0, "nothing more today: the header must not offer new cards");
    assert_eq!(day.counts.new_held_by_sibling, 8, "4 entries × 3 kinds, one of each shown today");
    assert_eq!(day.counts.new_over_limit, 0);
    assert!(day.next_due_at.is_some_and(|due| due > bench.now));
    assert!(bench.save.data().cards.values().all(|state| state.phase != Phase::New));
}

#[test]
fn done_for_today_counts_cards_over_the_daily_limit() {
    let mut bench = Bench::new();
    let mut settings = bench.save.data().settings.clone();
    settings.new_cards_per_day = 2;
    let now = bench.now;
    bench.save.record(Change::SettingsChanged(settings), now).expect("settings");
    let catalog = faq(5);
    let mut session = study(&mut bench, &catalog);
    while session.current().is_some() {
        bench.answer(&mut session, true);
        if session.current().is_some_and(|current| current.stage != Stage::Asking) {
            bench.next(&mut session);
        }
    }
    let Some(End::DayDone(day)) = session.end() else { panic!("study ended otherwise") };
    assert_eq!((day.counts.new_available, day.counts.new_over_limit), (0, 3), "three entries wait for tomorrow");
    assert_eq!(day.new_per_day, 2);
}

/// An FAQ deck asked only as typed answers.
fn typed_faq(entries: usize) -> Catalog {
    let mut deck = Deck::example_faq(entries);
    for entry in match &mut deck.content {
        crate::core::deck::Content::Faq(faq) => &mut faq.entries,
        _ => unreachable!("an FAQ"),
    } {
        entry.accepted = vec![entry.answer.clone()];
    }
    deck.kinds = vec![QuestionKind::TypedAnswer];
    Catalog::from_decks(vec![deck])
}

#[test]
fn i_was_right_counts_a_wrong_typed_answer_as_right_and_keeps_the_override_in_the_log() {
    let mut bench = Bench::new();
    let catalog = typed_faq(3);
    let mut session = study(&mut bench, &catalog);
    assert!(!session.can_overrule(), "nothing answered yet");
    let wrong = bench.answer(&mut session, false);
    assert_eq!(wrong.review.correct, Some(false));
    assert!(session.can_overrule());
    let now = bench.tick();
    let overruled = session.overrule(&mut bench.save, &bench.scheduler, now).expect("overrule").expect("recorded");
    assert_eq!(overruled.review.correct, Some(true));
    assert!(overruled.review.overridden);
    assert_eq!(overruled.review.answer, wrong.review.answer, "what was typed is kept");
    assert_eq!(session.tally(), Tally { answered: 1, right: 1 });
    assert!(matches!(session.current().expect("on screen").stage, Stage::Answered { correct: true, .. }));
    let reviews = &bench.save.data().reviews;
    assert_eq!(reviews.len(), 1, "the wrong verdict is taken back: {reviews:?}");
    let state = &bench.save.data().cards[&wrong.review.card];
    let right = bench.scheduler.answer(&CardState::new_card(now), Rating::Good, now);
    assert_eq!((state.phase, state.due_at), (right.phase, right.due_at), "scheduled as a right answer");
    assert!(!session.can_overrule(), "once is enough");
    let kept = crate::core::save::read_save(bench.folder.path(), now).expect("read back").reviews;
    assert_eq!((kept.len(), kept[0].overridden, kept[0].correct), (1, true, Some(true)), "the save keeps the override");
    // Undo takes the answer back as a whole.
    assert_eq!(bench.undo(&mut session), Some(Undone::Answer(wrong.review.card.clone())));
    assert!(bench.save.data().reviews.is_empty());
    assert_eq!(session.tally(), Tally::default());
}

#[test]
fn i_was_right_only_follows_a_wrong_typed_answer_outside_exams() {
    let mut bench = Bench::new();
    let mut session = study(&mut bench, &typed_faq(3));
    bench.answer(&mut session, true);
    assert!(!session.can_overrule(), "a right answer needs no override");
    let now = bench.tick();
    assert!(session.overrule(&mut bench.save, &bench.scheduler, now).expect("overrule").is_none());

    let mut bench = Bench::new();
    let mut session = study(&mut bench, &choice_faq(3));
    bench.answer(&mut session, false);
    assert!(!session.can_overrule(), "a choice is right or wrong by the options");

    let mut bench = Bench::new();
    let catalog = typed_faq(3);
    let mut session = exam_session(&bench, &catalog, 3);
    bench.answer(&mut session, false);
    assert!(!session.can_overrule(), "an exam is graded as set");
}

#[test]
fn i_was_right_in_practice_takes_the_card_off_the_queue() {
    let mut bench = Bench::new();
    let catalog = typed_faq(3);
    let cards: Vec<CardId> = catalog.cards().iter().take(2).cloned().collect();
    let mut session = Session::practice(catalog, Vec::new(), cards);
    bench.next(&mut session);
    bench.answer(&mut session, false);
    assert_eq!(session.practice_left(), 3);
    let now = bench.tick();
    session.overrule(&mut bench.save, &bench.scheduler, now).expect("overrule").expect("recorded");
    assert_eq!(session.practice_left(), 2, "the card is done");
    bench.next(&mut session);
    bench.answer(&mut session, true);
    bench.next(&mut session);
    assert_eq!(session.end(), Some(&End::PracticeDone));
}

fn shipped(deck_id: &str) -> Catalog {
    let library = crate::core::library::Library::load(None, &[]);
    Catalog::new(&library, &[deck_id.to_owned()])
}

/// Every question shown in a sitting, answering each as `right` says.
fn shown_in(bench: &mut Bench, session: &mut Session, right: bool, limit: usize) -> Vec<Question> {
    let mut shown = Vec::new();
    while let Some(current) = session.current().cloned() {
        if shown.len() == limit {
            break;
        }
        shown.push(current.question.clone());
        bench.answer(session, right);
        if session.current().is_some_and(|current| current.stage != Stage::Asking) {
            bench.next(session);
        }
    }
    shown
}

#[test]
fn practice_never_sets_a_question_right_after_one_that_gave_it_away() {
    for deck in ["smm-vs-dm-comparison", "smm-vs-dm-faq", "smm-vs-dm-lists"] {
        let mut bench = Bench::new();
        let catalog = shipped(deck);
        let cards = catalog.practice_round(bench.save.data(), 5);
        let mut session = Session::practice(catalog, Vec::new(), cards);
        bench.next(&mut session);
        let shown = shown_in(&mut bench, &mut session, true, usize::MAX);
        // The last few cards may have nothing left to swap with.
        let pairs: Vec<String> = shown[..shown.len().saturating_sub(4)]
            .windows(2)
            .filter(|pair| pair[0].gives_away(&pair[1], Seen::Answered))
            .map(|pair| format!("{} → {}", pair[0].id, pair[1].id))
            .collect();
        assert!(pairs.is_empty(), "{deck}: {pairs:?}");
    }
}

#[test]
fn new_cards_of_a_table_take_turns_by_kind() {
    let mut bench = Bench::new();
    let catalog = shipped("smm-vs-dm-comparison");
    let mut session = study(&mut bench, &catalog);
    let shown = shown_in(&mut bench, &mut session, true, 6);
    let kinds: std::collections::BTreeSet<QuestionKind> = shown.iter().map(|question| question.kind).collect();
    assert!(kinds.len() >= 4, "{:?}", shown.iter().map(|q| q.kind).collect::<Vec<_>>());
    let consecutive = shown.windows(2).filter(|pair| pair[0].gives_away(&pair[1], Seen::Answered)).count();
    assert_eq!(consecutive, 0, "{:?}", shown.iter().map(|q| q.id.0.clone()).collect::<Vec<_>>());
}

#[test]
fn no_question_on_a_paper_gives_another_away() {
    for seed in 0..10 {
        let catalog = shipped("smm-vs-dm-comparison").subset(&[]);
        let library = crate::core::library::Library::load(None, &[]);
        let everything = Catalog::new(&library, &[]);
        for catalog in [catalog, everything] {
            let paper = paper(&catalog, 40, seed);
            for (at, question) in paper.questions.iter().enumerate() {
                for other in &paper.questions[at + 1..] {
                    assert!(
                        !question.gives_away(other, Seen::Asked) && !other.gives_away(question, Seen::Asked),
                        "{} / {}",
                        question.id,
                        other.id
                    );
                }
            }
        }
    }
}
