use chrono::{FixedOffset, TimeZone};

use super::*;
use crate::core::calendar::Calendar;
use crate::core::schedule::SchedulerConfig;

fn faq_catalog(entries: usize) -> Catalog {
    Catalog::from_decks(vec![Deck::example_faq(entries)])
}

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default(), Calendar::Fixed(FixedOffset::east_opt(0).expect("offset")))
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("time")
}

fn answer(save: &mut Save, scheduler: &Scheduler, card: &CardId, rating: Rating, now: DateTime<Utc>) {
    let answer = Answer {
        card: card.clone(),
        rating,
        response: String::new(),
        correct: None,
        duration_ms: 1000,
        session: SessionKind::Study,
    };
    record_answer(save, scheduler, answer, now).expect("record");
}

#[test]
fn one_card_per_entry_a_day_and_the_daily_new_limit() {
    let catalog = faq_catalog(30);
    assert_eq!(catalog.cards().len(), 90);
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), start()).expect("open").save;
    let scheduler = scheduler();
    let mut now = start();
    let mut shown = Vec::new();
    while let Some(card) = (Planner { catalog: &catalog, data: save.data(), scheduler: &scheduler, now }).next_card() {
        answer(&mut save, &scheduler, &card, Rating::Easy, now);
        shown.push(card);
        now += Duration::seconds(5);
    }
    assert_eq!(shown.len(), 20, "20 new cards a day by default");
    let entries: BTreeSet<&str> = shown.iter().map(CardId::item_key).collect();
    assert_eq!(entries.len(), 20, "no two cards of one entry on one day");
}

#[test]
fn learning_steps_come_back_within_the_session_and_due_cards_come_first() {
    let catalog = faq_catalog(3);
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), start()).expect("open").save;
    let scheduler = scheduler();
    let now = start();
    let planner =
        |save: &Save, now| Planner { catalog: &catalog, data: save.data(), scheduler: &scheduler, now }.next_card();
    let first = planner(&save, now).expect("card");
    answer(&mut save, &scheduler, &first, Rating::Again, now);
    // Due in a minute: other new cards come first, then it is learned ahead.
    let second = planner(&save, now).expect("card");
    assert_ne!(second, first);
    let later = now + Duration::minutes(2);
    assert_eq!(planner(&save, later), Some(first.clone()), "a due learning card comes before new ones");
    // Next day: the graduated card is due before anything new.
    answer(&mut save, &scheduler, &first, Rating::Good, later);
    answer(&mut save, &scheduler, &first, Rating::Good, later + Duration::minutes(10));
    let state = save.data().cards[&first].clone();
    let due_day = state.due_at + Duration::hours(1);
    assert_eq!(planner(&save, due_day), Some(first));
}

#[test]
fn counts_and_next_due() {
    let catalog = faq_catalog(5);
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), start()).expect("open").save;
    let scheduler = scheduler();
    let now = start();
    let card = catalog.cards()[0].clone();
    answer(&mut save, &scheduler, &card, Rating::Easy, now);
    let planner = Planner { catalog: &catalog, data: save.data(), scheduler: &scheduler, now };
    let counts = planner.counts();
    assert_eq!(counts.learned, 1);
    assert_eq!(counts.new_total, 14);
    assert_eq!(counts.new_available, 4, "one card of each entry not studied today");
    assert_eq!(counts.new_held_by_sibling, 10);
    assert_eq!(counts.due_today, 0);
    assert_eq!(planner.new_introduced_today(), 1);
    assert!(planner.next_due_at().expect("due") > now);
}

#[test]
fn practice_leaves_the_schedule_alone() {
    let catalog = faq_catalog(2);
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), start()).expect("open").save;
    let round = catalog.practice_round(save.data(), 0);
    assert_eq!(round.len(), catalog.cards().len());
    let practice = Answer {
        card: round[0].clone(),
        rating: Rating::Again,
        response: "x".into(),
        correct: Some(false),
        duration_ms: 10,
        session: SessionKind::Practice,
    };
    record_answer(&mut save, &scheduler(), practice, start()).expect("record");
    assert!(save.data().cards.is_empty());
    assert_eq!(save.data().reviews.len(), 1);
}

#[test]
fn subsets_keep_only_their_decks_cards() {
    let mut other = Deck::example_faq(3);
    other.id = "other".into();
    let catalog = Catalog::from_decks(vec![Deck::example_faq(2), other]);
    let subset = catalog.subset(&["other".to_owned()]);
    assert_eq!(subset.decks().len(), 1);
    assert_eq!(subset.cards().len(), 9);
    assert!(subset.cards().iter().all(|card| card.deck() == "other"));
    let card = &subset.cards()[4];
    assert_eq!(subset.deck_of(card).map(|deck| deck.id.as_str()), Some("other"));
    assert_eq!(subset.question(card, 1), catalog.question(card, 1));
    assert_eq!(catalog.subset(&[]).cards().len(), 15);
}

#[test]
fn mistakes_of_the_last_exam_and_of_a_period() {
    let catalog = faq_catalog(4);
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), start()).expect("open").save;
    let cards = catalog.cards().to_vec();
    let mut give = |card: &CardId, correct: Option<bool>, rating: Rating, session: SessionKind, minutes: i64| {
        let answer = Answer { card: card.clone(), rating, response: String::new(), correct, duration_ms: 1, session };
        record_answer(&mut save, &scheduler(), answer, start() + Duration::minutes(minutes)).expect("record");
    };
    let exam = |id: &str| SessionKind::Exam(id.to_owned());
    give(&cards[0], Some(false), Rating::Again, exam("first"), 0);
    give(&cards[1], None, Rating::Again, SessionKind::Study, 10);
    give(&cards[2], Some(false), Rating::Again, exam("second"), 20);
    give(&cards[3], Some(true), Rating::Good, exam("second"), 21);
    give(&cards[4], Some(false), Rating::Again, exam("second"), 22);
    give(&cards[2], Some(false), Rating::Again, SessionKind::Practice, 30);
    let data = save.data();
    // The last exam's mistakes in the order they were asked.
    assert_eq!(mistakes(&catalog, data, &MistakeScope::LastExam), vec![cards[2].clone(), cards[4].clone()]);
    let since = MistakeScope::Since(start() + Duration::minutes(5));
    assert_eq!(mistakes(&catalog, data, &since), vec![cards[2].clone(), cards[4].clone(), cards[1].clone()]);
    assert_eq!(mistakes(&catalog, data, &MistakeScope::Since(start() + Duration::hours(1))), Vec::<CardId>::new());
}

#[test]
fn the_catalog_studies_the_cards_checking_decided_without_deciding_again() {
    let deck = Deck::example_faq(3);
    let mut decided = crate::core::generate::decide(&deck);
    assert_eq!(decided.cards.len(), 9);
    // Whatever checking decided is what study gets: one decision per load.
    decided.cards.truncate(2);
    let library = Library {
        decks: vec![crate::core::library::LoadedDeck {
            deck,
            origin: crate::core::library::Origin::BuiltIn,
            warnings: Vec::new(),
            decided: decided.clone(),
        }],
        ..Library::default()
    };
    assert_eq!(Catalog::new(&library, &[]).cards(), decided.cards.as_slice());
}
