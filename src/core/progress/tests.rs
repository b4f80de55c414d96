use chrono::{Duration, FixedOffset, TimeZone};

use super::*;
use crate::core::deck::Deck;
use crate::core::question::CardId;
use crate::core::save::{Review, SessionKind};
use crate::core::schedule::{CardState, Rating};

fn utc() -> Calendar {
    Calendar::Fixed(FixedOffset::east_opt(0).expect("offset"))
}

/// Noon on day `n` of March 2026.
fn march(n: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, n, 12, 0, 0).single().expect("time")
}

fn catalog() -> Catalog {
    Catalog::from_decks(vec![Deck::example_faq(4)])
}

fn card(n: usize) -> CardId {
    CardId(format!("d/q{n}/answer_choice"))
}

fn review(n: usize, at: DateTime<Utc>, phase: Phase, rating: Rating, session: SessionKind) -> Review {
    Review {
        card: card(n),
        at,
        rating,
        duration_ms: 0,
        answer: String::new(),
        correct: Some(rating != Rating::Again),
        session,
        phase_before: phase,
        overridden: false,
        id: None,
    }
}

fn reviewed(phase: Phase, interval_days: u32, due_at: DateTime<Utc>) -> CardState {
    CardState { phase, due_at, interval_days, ..CardState::new_card(march(1)) }
}

#[test]
fn figures_from_a_hand_made_log() {
    let exam = || SessionKind::Exam("e1".into());
    let reviews = vec![
        review(0, march(1), Phase::New, Rating::Good, SessionKind::Study),
        review(1, march(1), Phase::New, Rating::Good, SessionKind::Study),
        // Days 8, 9, 10: reviews, one forgotten; a practice answer.
        review(0, march(8), Phase::Review, Rating::Good, SessionKind::Study),
        review(1, march(9), Phase::Review, Rating::Again, SessionKind::Study),
        review(2, march(9), Phase::New, Rating::Good, SessionKind::Practice),
        review(1, march(10), Phase::Relearning, Rating::Good, SessionKind::Study),
        review(0, march(10), Phase::Review, Rating::Hard, SessionKind::Study),
        review(3, march(10), Phase::New, Rating::Good, exam()),
        review(2, march(10), Phase::New, Rating::Again, exam()),
    ];
    let mut data = SaveData { reviews, ..SaveData::default() };
    data.cards.insert(card(0), reviewed(Phase::Review, 30, march(10) + Duration::days(30)));
    data.cards.insert(card(1), reviewed(Phase::Review, 3, march(13)));
    data.cards.insert(CardId("d/q1/which_question".into()), reviewed(Phase::Learning, 0, march(10)));
    let mut suspended = reviewed(Phase::Review, 5, march(12));
    suspended.suspended = true;
    data.cards.insert(CardId("d/q2/faq_recall".into()), suspended);

    let now = march(10) + Duration::hours(2);
    let figures = progress(&catalog(), &data, &ReviewTotals::from_reviews(&data.reviews), utc(), now, 10);

    // Ten days, March 1 to 10.
    assert_eq!(figures.daily.len(), 10);
    assert_eq!(figures.daily[0].date, NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"));
    assert_eq!((figures.daily[0].new, figures.daily[0].review), (2, 0));
    assert_eq!((figures.daily[8].review, figures.daily[8].new), (2, 0), "a study review and a practice answer");
    assert_eq!((figures.daily[9].review, figures.daily[9].exam), (2, 2));

    // Weeks start March 1 and March 8; the second holds three review answers, one Again.
    assert_eq!(figures.weekly_retention.len(), 1);
    let week = figures.weekly_retention[0];
    assert_eq!(week.start, NaiveDate::from_ymd_opt(2026, 3, 8).expect("date"));
    assert_eq!(week.answers, 3);
    assert!((week.retention.expect("retention") - 2.0 / 3.0).abs() < 1e-12);

    // Catalog: 4 entries × 3 kinds (no typed answers) = 12 cards.
    let states = figures.card_states;
    assert_eq!((states.mature, states.young, states.learning, states.suspended), (1, 1, 1, 1));
    assert_eq!(states.new, 8);
    assert!((figures.learned_share["d"] - 3.0 / 12.0).abs() < 1e-12);

    // Due: the learning card today, card 1 in three days, card 0 beyond 30 days.
    assert_eq!(figures.forecast[0], 1);
    assert_eq!(figures.forecast[3], 1);
    assert_eq!(figures.forecast.iter().sum::<usize>(), 2);

    // Answers on March 8, 9 and 10: a streak of three.
    assert_eq!(figures.streak_days, 3);

    assert_eq!(figures.exams.len(), 1);
    assert_eq!((figures.exams[0].right, figures.exams[0].answered), (1, 2));
    assert_eq!(figures.exams[0].by_deck["d"], [1, 2, 2], "no paper recorded: the questions answered");
}

#[test]
fn the_streak_counts_from_yesterday_until_today_is_studied() {
    let reviews = vec![
        review(0, march(8), Phase::New, Rating::Good, SessionKind::Study),
        review(0, march(9), Phase::Review, Rating::Good, SessionKind::Study),
    ];
    let data = SaveData { reviews, ..SaveData::default() };
    assert_eq!(
        progress(&catalog(), &data, &ReviewTotals::from_reviews(&data.reviews), utc(), march(10), 30).streak_days,
        2
    );
    assert_eq!(
        progress(&catalog(), &data, &ReviewTotals::from_reviews(&data.reviews), utc(), march(11), 30).streak_days,
        0
    );
}
