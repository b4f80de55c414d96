use chrono::{FixedOffset, TimeZone};

use super::*;

fn utc() -> Calendar {
    Calendar::Fixed(FixedOffset::east_opt(0).expect("offset"))
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().expect("time")
}

fn no_steps() -> SchedulerConfig {
    SchedulerConfig { learning_steps_minutes: vec![], relearning_steps_minutes: vec![], ..SchedulerConfig::default() }
}

/// py-fsrs 6.3.2, learning steps and fuzz off, desired retention 0.9, each
/// review on its due day.
#[test]
fn agrees_with_the_fsrs_reference() {
    let scheduler = Scheduler::new(no_steps(), utc());
    let elapsed = [0, 2, 11, 2, 5, 19, 36];
    let ratings = [Rating::Good, Rating::Good, Rating::Again, Rating::Good, Rating::Easy, Rating::Hard, Rating::Good];
    let stabilities = [2.3065, 10.9643, 1.5383, 4.8763, 18.8021, 35.7815, 71.4676];
    let difficulties = [2.1181, 2.1112, 7.3922, 7.3801, 6.4898, 7.6550, 7.6426];
    let mut card = CardState::new_card(start());
    let mut now = start();
    for step in 0..elapsed.len() {
        now += Duration::days(elapsed[step]);
        card = scheduler.answer(&card, ratings[step], now);
        let memory = card.memory.expect("memory");
        assert!((f64::from(memory.stability) - stabilities[step]).abs() < 1e-4, "step {step}: {memory:?}");
        assert!((f64::from(memory.difficulty) - difficulties[step]).abs() < 1e-4, "step {step}: {memory:?}");
    }
}

#[test]
fn new_card_walks_the_learning_steps() {
    let scheduler = Scheduler::new(SchedulerConfig::default(), utc());
    let now = start();
    let card = CardState::new_card(now);
    let again = scheduler.answer(&card, Rating::Again, now);
    assert_eq!((again.phase, again.due_at - now), (Phase::Learning, Duration::minutes(1)));
    let hard = scheduler.answer(&card, Rating::Hard, now);
    assert_eq!(hard.due_at - now, Duration::seconds(330));
    let good = scheduler.answer(&card, Rating::Good, now);
    assert_eq!((good.phase, good.step, good.due_at - now), (Phase::Learning, 1, Duration::minutes(10)));
    let graduated = scheduler.answer(&good, Rating::Good, now + Duration::minutes(10));
    assert_eq!(graduated.phase, Phase::Review);
    assert!(graduated.interval_days >= 1);
    let easy = scheduler.answer(&card, Rating::Easy, now);
    assert_eq!(easy.phase, Phase::Review);
    assert!(easy.interval_days > graduated.interval_days);
}

#[test]
fn forgotten_review_card_relearns_and_counts_a_lapse() {
    let scheduler = Scheduler::new(SchedulerConfig::default(), utc());
    let now = start();
    let card = scheduler.answer(&CardState::new_card(now), Rating::Easy, now);
    let later = card.due_at;
    let lapsed = scheduler.answer(&card, Rating::Again, later);
    assert_eq!((lapsed.phase, lapsed.lapses), (Phase::Relearning, 1));
    assert_eq!(lapsed.due_at - later, Duration::minutes(10));
    let back = scheduler.answer(&lapsed, Rating::Good, later + Duration::minutes(10));
    assert_eq!(back.phase, Phase::Review);
}

#[test]
fn review_buttons_keep_their_order() {
    let scheduler = Scheduler::new(SchedulerConfig::default(), utc());
    let now = start();
    let card = scheduler.answer(&CardState::new_card(now), Rating::Good, now);
    let card = scheduler.answer(&card, Rating::Good, now + Duration::minutes(10));
    let [_, hard, good, easy] = scheduler.preview(&card, card.due_at);
    assert!(hard.interval_days < good.interval_days, "{hard:?} {good:?}");
    assert!(good.interval_days < easy.interval_days, "{good:?} {easy:?}");
}

#[test]
fn review_due_at_the_start_of_a_study_day() {
    let scheduler = Scheduler::new(no_steps(), utc());
    let now = start();
    let card = scheduler.answer(&CardState::new_card(now), Rating::Good, now);
    assert_eq!(card.interval_days, 2);
    assert_eq!(card.due_at, Utc.with_ymd_and_hms(2026, 3, 3, 4, 0, 0).single().expect("time"));
}

#[test]
fn clock_moved_back_or_far_ahead_gives_sane_intervals() {
    let scheduler = Scheduler::new(no_steps(), utc());
    let now = start();
    let card = scheduler.answer(&CardState::new_card(now), Rating::Good, now);
    let earlier = scheduler.answer(&card, Rating::Good, now - Duration::days(400));
    assert!(earlier.interval_days >= 1 && earlier.interval_days <= 36_500);
    assert!(earlier.memory.expect("memory").stability.is_finite());
    let far = scheduler.answer(&card, Rating::Good, now + Duration::days(365 * 200));
    assert!(far.interval_days >= 1 && far.interval_days <= 36_500);
    assert!(far.memory.expect("memory").stability.is_finite());
}

#[test]
fn retention_outside_the_range_is_clamped() {
    let config = SchedulerConfig { desired_retention: 0.2, ..SchedulerConfig::default() };
    assert!((Scheduler::new(config, utc()).config().desired_retention - 0.70).abs() < f32::EPSILON);
}

#[test]
fn waits_read_as_anki_shows_them() {
    assert_eq!(format_wait(Duration::seconds(30)), "<1m");
    assert_eq!(format_wait(Duration::minutes(10)), "10m");
    assert_eq!(format_wait(Duration::hours(5)), "5h");
    assert_eq!(format_wait(Duration::days(3)), "3d");
    assert_eq!(format_wait(Duration::days(75)), "2.5mo");
    assert_eq!(format_wait(Duration::days(730)), "2.0y");
}

#[test]
fn recall_probability_falls_from_certain_to_the_desired_retention_at_the_due_date() {
    let scheduler = Scheduler::new(no_steps(), utc());
    let fresh = CardState::new_card(start());
    assert_eq!(scheduler.recall_probability(&fresh, start()), None, "a card never studied has no memory");
    let card = scheduler.answer(&fresh, Rating::Good, start());
    assert_eq!(card.phase, Phase::Review);
    let just_after = scheduler.recall_probability(&card, start()).expect("studied");
    assert!(just_after > 0.999, "{just_after}");
    let at_due = scheduler.recall_probability(&card, card.due_at).expect("studied");
    assert!((0.85..=0.95).contains(&at_due), "the interval aims at retention 0.9: {at_due}");
    let much_later = scheduler.recall_probability(&card, card.due_at + Duration::days(365)).expect("studied");
    assert!(much_later < at_due);
    let clock_back = scheduler.recall_probability(&card, start() - Duration::days(3)).expect("studied");
    assert!(clock_back > 0.999, "a clock that moved back counts as no time passed");
}

#[test]
fn no_button_schedules_beyond_the_maximum_interval() {
    let config = SchedulerConfig { maximum_interval_days: 5, ..no_steps() };
    let scheduler = Scheduler::new(config, utc());
    let mut card = scheduler.answer(&CardState::new_card(start()), Rating::Easy, start());
    for _ in 0..4 {
        card = scheduler.answer(&card, Rating::Easy, card.due_at);
    }
    for next in scheduler.preview(&card, card.due_at) {
        assert!(next.interval_days <= 5, "{next:?}");
        assert!(next.due_at <= card.due_at + Duration::days(5), "{next:?}");
    }
}

#[test]
fn every_answer_counts_a_repetition() {
    let scheduler = Scheduler::new(SchedulerConfig::default(), utc());
    let mut card = CardState::new_card(start());
    for (answered, rating) in (1u32..).zip([Rating::Good, Rating::Again, Rating::Good, Rating::Good]) {
        card = scheduler.answer(&card, rating, card.due_at);
        assert_eq!(card.reps, answered, "{card:?}");
    }
}
