use chrono::{Duration, FixedOffset, TimeZone};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;

fn utc() -> Calendar {
    Calendar::Fixed(FixedOffset::east_opt(0).expect("offset"))
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 10, 0, 0).single().expect("time")
}

fn prediction(probability: f64, recalled: bool) -> Prediction {
    Prediction { probability, recalled, bin: (0, 0, 0) }
}

#[test]
fn auc_worked_by_hand() {
    // Positives at 0.9 and 0.4, negatives at 0.6 and 0.2: of the four
    // positive–negative pairs, three are ordered right.
    let predictions = [prediction(0.9, true), prediction(0.4, true), prediction(0.6, false), prediction(0.2, false)];
    assert!((auc(&predictions) - 0.75).abs() < 1e-12);
    // A tie counts half: one pair, tied.
    assert!((auc(&[prediction(0.5, true), prediction(0.5, false)]) - 0.5).abs() < 1e-12);
    assert!((auc(&[prediction(0.9, true), prediction(0.1, false)]) - 1.0).abs() < 1e-12);
}

#[test]
fn log_loss_and_rmse_worked_by_hand() {
    let predictions = [prediction(0.8, true), prediction(0.8, false)];
    let metrics = metrics(&predictions);
    // (-ln 0.8 - ln 0.2) / 2
    assert!((metrics.log_loss - (-(0.8f64.ln()) - 0.2f64.ln()) / 2.0).abs() < 1e-12);
    // One bin: predicted 0.8, recalled 0.5.
    assert!((metrics.rmse_bins - 0.3).abs() < 1e-12);
}

#[test]
fn items_follow_study_days() {
    let review = |card: &str, hours: i64, rating: u32| LoggedReview {
        card: card.into(),
        at: start() + Duration::hours(hours),
        rating,
    };
    // Card a: learned, again the same day, then 2 days later, then 3 more.
    let reviews =
        vec![review("a", 0, 3), review("a", 1, 1), review("a", 48, 3), review("a", 120, 3), review("b", 5, 3)];
    let items = training_items(&reviews, utc());
    assert_eq!(items.len(), 2, "same-day reviews and first reviews predict nothing");
    let deltas: Vec<u32> = items[1].item.reviews.iter().map(|r| r.delta_t).collect();
    assert_eq!(deltas, vec![0, 0, 2, 3]);
}

/// A learner whose memory follows FSRS with hidden parameters unlike the
/// defaults, scheduled by the defaults for a year.
fn simulated_history(cards: usize, days: i64, seed: u64) -> Vec<LoggedReview> {
    let mut truth_parameters = DEFAULT_PARAMETERS.to_vec();
    for (index, factor) in [(0, 0.4), (1, 0.5), (2, 0.5), (3, 0.6), (8, 0.8), (20, 1.8)] {
        truth_parameters[index] *= factor;
    }
    let truth = FSRS::new(&truth_parameters).expect("truth");
    let default_model = FSRS::new(&DEFAULT_PARAMETERS).expect("defaults");
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut reviews = Vec::new();
    // (due day, last day, true memory, scheduled memory)
    let mut state: Vec<Option<(i64, i64, MemoryPair)>> = vec![None; cards];
    for day in 0..days {
        for (card, slot) in state.iter_mut().enumerate() {
            let introduce = slot.is_none() && i64::try_from(card / 12).unwrap_or(i64::MAX) == day;
            let due = slot.as_ref().is_some_and(|(due, _, _)| *due <= day);
            if !introduce && !due {
                continue;
            }
            let (rating, elapsed, previous) = match slot {
                None => (3, 0, None),
                Some((_, last, memory)) => {
                    let elapsed = u32::try_from(day - *last).unwrap_or(0);
                    let recall = current_retrievability(memory.truth, elapsed as f32, truth_parameters[20]);
                    let rating =
                        if rng.random::<f32>() < recall { [2, 3, 3, 3, 3, 4][rng.random_range(0..6)] } else { 1 };
                    (rating, elapsed, Some(*memory))
                }
            };
            let next = |model: &FSRS, memory: Option<fsrs::MemoryState>| {
                let states = model.next_states(memory, 0.9, elapsed).expect("states");
                match rating {
                    1 => states.again,
                    2 => states.hard,
                    3 => states.good,
                    _ => states.easy,
                }
            };
            let remembered = next(&truth, previous.map(|m| m.truth)).memory;
            let planned = next(&default_model, previous.map(|m| m.scheduled));
            // Rounded to whole days; the cast is of a small positive number.
            #[allow(clippy::cast_possible_truncation)]
            let interval = (planned.interval.round() as i64).max(1);
            *slot = Some((day + interval, day, MemoryPair { truth: remembered, scheduled: planned.memory }));
            let minutes = i64::try_from(card).unwrap_or(0);
            reviews.push(LoggedReview {
                card: format!("card-{card}"),
                at: start() + Duration::days(day) + Duration::minutes(minutes),
                rating,
            });
        }
    }
    reviews
}

#[derive(Debug, Clone, Copy)]
struct MemoryPair {
    truth: fsrs::MemoryState,
    scheduled: fsrs::MemoryState,
}

#[test]
fn fitted_parameters_beat_the_defaults_on_held_back_reviews() {
    let reviews = simulated_history(360, 300, 7);
    assert!(reviews.len() > 3000, "{} reviews", reviews.len());
    let items = training_items(&reviews, utc());
    let mut calls = 0;
    let evaluation = evaluate(&items, |_, _| calls += 1).expect("evaluate");
    assert_eq!(calls, SPLITS + 1);
    assert_eq!(evaluation.parameters.len(), 21);
    assert!(evaluation.fitted_is_better(), "{evaluation:?}");
    assert!(evaluation.fitted.rmse_bins < evaluation.default.rmse_bins, "{evaluation:?}");
    assert!(evaluation.fitted.auc > 0.5 && evaluation.fitted.auc < 1.0, "{evaluation:?}");
}

#[test]
fn too_few_reviews_are_refused() {
    let reviews = simulated_history(10, 30, 1);
    let items = training_items(&reviews, utc());
    assert!(matches!(evaluate(&items, |_, _| {}), Err(OptimizeError::NotEnoughReviews { .. })));
}

#[test]
fn revlog_rows_are_read_and_bad_ones_named_by_line() {
    let text = "card_id,review_rating,review_time,review_duration\n\
                1,3,2024-03-29T20:32:32.250000+00:00,5000\n\
                1,5,2024-03-30T20:32:32+00:00,4000\n\
                2,1,yesterday,100\n\
                \n\
                2,2,2024-03-31T08:00:00+08:00\n\
                2,4,2024-04-01T08:00:00+08:00,900\n";
    let (reviews, problems) = parse_revlog(text);
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[1].at, Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).single().expect("time"));
    let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, vec![3, 4, 6], "{problems:?}");
    let (_, problems) = parse_revlog("id,rating\n");
    assert_eq!(problems[0].0, 1);
}
