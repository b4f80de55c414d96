//! Revising for a date: exams the learner plans, what they are expected to
//! recall on the day, and how study is steered towards it.
//!
//! FSRS schedules for long-term retention and knows nothing of a date. While
//! an exam is planned (its time still ahead), two things change for the
//! cards of its decks, and nothing else:
//!
//! - **Pacing.** New cards are spread so that every one is introduced a
//!   margin before the exam (a fifth of the time left, one to three days),
//!   instead of the daily new-card limit; with a time budget, no more than
//!   the budget leaves room for.
//! - **Reviews for the day.** In the last [`REVIEW_WINDOW_DAYS`] days, a card
//!   in review that FSRS would next show after the exam is brought forward
//!   when a review now raises its expected recall *on the exam day* by at
//!   least [`MIN_GAIN`]: a card that will be recalled anyway waits.
//!
//! Answers go on updating memory exactly as FSRS does; once the exam is past
//! it steers nothing, and the schedule it leaves is an ordinary one.
//!
//! The prediction is FSRS's retrievability at the exam time from each card's
//! memory state. A card never studied counts as 0: it is recall that is
//! predicted, and guessing an option is not recall, so choice kinds get no
//! credit for the chance of a lucky pick.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::core::question::CardId;
use crate::core::save::SaveData;
use crate::core::schedule::{CardState, Phase, Rating, Scheduler};
use crate::core::study::Catalog;

/// How many days before an exam reviews are brought forward for it.
pub const REVIEW_WINDOW_DAYS: i64 = 7;
/// The least gain in expected recall on the exam day that brings a review forward.
pub const MIN_GAIN: f64 = 0.1;
/// What a new card costs on its first day, in seconds: its first showing
/// (twice a review) and its two learning steps.
pub const NEW_CARD_SECONDS: u32 = 4 * REVIEW_SECONDS;
/// What an answer costs, in seconds (Anki's learners average 8–10 s a review).
pub const REVIEW_SECONDS: u32 = 10;

/// An exam the learner revises for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedExam {
    pub at: DateTime<Utc>,
    /// Deck ids it covers; empty: every deck.
    #[serde(default)]
    pub decks: Vec<String>,
    /// Minutes of study a day the learner means to give it.
    #[serde(default)]
    pub minutes_a_day: Option<u32>,
}

impl PlannedExam {
    #[must_use]
    pub fn covers(&self, card: &CardId) -> bool {
        self.decks.is_empty() || self.decks.iter().any(|deck| deck == card.deck())
    }

    /// Whether it still steers study: its time is ahead.
    #[must_use]
    pub fn is_ahead(&self, now: DateTime<Utc>) -> bool {
        self.at > now
    }
}

/// The exams planned and still ahead, soonest first.
#[must_use]
pub fn exams_ahead(data: &SaveData, now: DateTime<Utc>) -> Vec<&PlannedExam> {
    let mut exams: Vec<&PlannedExam> = data.planned_exams.iter().filter(|exam| exam.is_ahead(now)).collect();
    exams.sort_by_key(|exam| exam.at);
    exams
}

/// The soonest exam ahead that covers a card.
#[must_use]
pub fn exam_for<'d>(data: &'d SaveData, card: &CardId, now: DateTime<Utc>) -> Option<&'d PlannedExam> {
    data.planned_exams.iter().filter(|exam| exam.is_ahead(now) && exam.covers(card)).min_by_key(|exam| exam.at)
}

/// Whole study days from `now` to the exam (0 on its day).
#[must_use]
pub fn days_left(scheduler: &Scheduler, exam: &PlannedExam, now: DateTime<Utc>) -> i64 {
    let calendar = scheduler.calendar();
    (calendar.day(exam.at) - calendar.day(now)).max(0)
}

/// Days before the exam by which every new card should be introduced.
#[must_use]
pub fn margin_days(days_left: i64) -> i64 {
    if days_left <= 1 { 0 } else { (days_left / 5).clamp(1, 3) }
}

/// How new cards of an exam's decks are paced today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// New cards to introduce today.
    pub per_day: usize,
    /// Whether every new card gets introduced before the margin at this pace
    /// (false: the time budget is too small).
    pub fits: bool,
}

/// Today's pace for an exam: what is left, spread over the days before its
/// margin, within the time budget.
#[must_use]
pub fn pace(new_left_at_day_start: usize, days_left: i64, minutes_a_day: Option<u32>) -> Pace {
    let days = usize::try_from((days_left - margin_days(days_left)).max(1)).unwrap_or(1);
    let even = new_left_at_day_start.div_ceil(days);
    let Some(minutes) = minutes_a_day else { return Pace { per_day: even, fits: true } };
    let room = usize::try_from(u64::from(minutes) * 60 / u64::from(NEW_CARD_SECONDS)).unwrap_or(usize::MAX);
    Pace { per_day: even.min(room), fits: room >= even }
}

/// The expected recall of a card at `at`: FSRS's retrievability; 0 for a
/// card never studied (see the module's note on guessing).
#[must_use]
pub fn recall_at(scheduler: &Scheduler, state: Option<&CardState>, at: DateTime<Utc>) -> f64 {
    state.and_then(|state| scheduler.recall_probability(state, at)).unwrap_or(0.0)
}

/// How much a review now would raise the card's expected recall at the
/// exam: recalled (with FSRS's probability) it is rated Good, forgotten Again.
#[must_use]
pub fn review_gain(scheduler: &Scheduler, state: &CardState, exam_at: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    let Some(recall_now) = scheduler.recall_probability(state, now) else { return 0.0 };
    let without = recall_at(scheduler, Some(state), exam_at);
    let after = |rating| recall_at(scheduler, Some(&scheduler.answer(state, rating, now)), exam_at);
    let with = recall_now * after(Rating::Good) + (1.0 - recall_now) * after(Rating::Again);
    with - without
}

/// Whether a card is brought forward today for an exam (see the module).
#[must_use]
pub fn brought_forward(scheduler: &Scheduler, state: &CardState, exam: &PlannedExam, now: DateTime<Utc>) -> bool {
    state.phase == Phase::Review
        && !state.suspended
        && state.due_at > now
        && state.due_at > exam.at
        && days_left(scheduler, exam, now) <= REVIEW_WINDOW_DAYS
        && review_gain(scheduler, state, exam.at, now) >= MIN_GAIN
}

/// One deck's figures for an exam.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DeckForecast {
    pub expected_recall: f64,
    pub new_left: usize,
}

/// What an exam looks like from now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub at: DateTime<Utc>,
    pub days_left: i64,
    /// The expected share of the exam's cards recalled at its time, 0–1.
    pub expected_recall: f64,
    pub new_left: usize,
    pub decks: BTreeMap<String, DeckForecast>,
    /// New cards to introduce today, and whether all fit before the exam.
    #[serde(skip)]
    pub pace: Pace,
    #[serde(skip)]
    pub minutes_a_day: Option<u32>,
}

/// The cards an exam covers in a catalog, suspended ones left out.
fn exam_cards<'c>(catalog: &'c Catalog, data: &SaveData, exam: &PlannedExam) -> Vec<&'c CardId> {
    catalog
        .cards()
        .iter()
        .filter(|card| exam.covers(card) && !data.cards.get(*card).is_some_and(|state| state.suspended))
        .collect()
}

/// The prediction for one exam, with no more study.
#[must_use]
pub fn forecast(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    exam: &PlannedExam,
    now: DateTime<Utc>,
) -> Forecast {
    let mut decks: BTreeMap<String, (f64, usize, usize)> = BTreeMap::new();
    for card in exam_cards(catalog, data, exam) {
        let state = data.cards.get(card);
        let entry = decks.entry(card.deck().to_owned()).or_default();
        entry.0 += recall_at(scheduler, state, exam.at);
        entry.1 += usize::from(state.is_none_or(|state| state.phase == Phase::New));
        entry.2 += 1;
    }
    let (recall, new_left, cards) =
        decks.values().fold((0.0, 0, 0), |(r, n, c), (recall, new, cards)| (r + recall, n + new, c + cards));
    let days = days_left(scheduler, exam, now);
    let share = |recall: f64, cards: usize| if cards == 0 { 0.0 } else { recall / cards as f64 };
    Forecast {
        at: exam.at,
        days_left: days,
        expected_recall: share(recall, cards),
        new_left,
        decks: decks
            .into_iter()
            .map(|(deck, (recall, new_left, cards))| {
                (deck, DeckForecast { expected_recall: share(recall, cards), new_left })
            })
            .collect(),
        pace: pace(new_left, days, exam.minutes_a_day),
        minutes_a_day: exam.minutes_a_day,
    }
}

/// Every exam ahead, soonest first.
#[must_use]
pub fn forecasts(catalog: &Catalog, data: &SaveData, scheduler: &Scheduler, now: DateTime<Utc>) -> Vec<Forecast> {
    exams_ahead(data, now).into_iter().map(|exam| forecast(catalog, data, scheduler, exam, now)).collect()
}

/// The expected share recalled on each day from today to the exam, with no
/// more study: the curve the statistics draw.
#[must_use]
pub fn curve(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    exam: &PlannedExam,
    now: DateTime<Utc>,
) -> Vec<f64> {
    let cards = exam_cards(catalog, data, exam);
    let days = days_left(scheduler, exam, now);
    (0..=days)
        .map(|day| {
            let at = if day == days { exam.at } else { now + Duration::days(day) };
            let total: f64 = cards.iter().map(|card| recall_at(scheduler, data.cards.get(*card), at)).sum();
            if cards.is_empty() { 0.0 } else { total / cards.len() as f64 }
        })
        .collect()
}

/// Cram: the exam's cards with the lowest expected recall on the day,
/// weakest first (cards never studied count as 0 and come first, in deck
/// order).
#[must_use]
pub fn weakest(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    exam: &PlannedExam,
    count: usize,
) -> Vec<CardId> {
    let mut cards: Vec<(f64, usize, &CardId)> = exam_cards(catalog, data, exam)
        .into_iter()
        .enumerate()
        .map(|(position, card)| (recall_at(scheduler, data.cards.get(card), exam.at), position, card))
        .collect();
    cards.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    cards.into_iter().take(count).map(|(_, _, card)| card.clone()).collect()
}

/// A learner studying every day until an exam, for "what if" figures and
/// for measuring the planner: each day from `from` they study for
/// `minutes_a_day` (an answer takes [`REVIEW_SECONDS`], a card's first one
/// twice that) whatever the planner shows, and answer with the recall
/// probability of `truth`, a model of their memory that the scheduler does
/// not know (the scheduler itself, to simulate its own expectation).
#[derive(Debug, Clone, Copy)]
pub struct Simulation<'a> {
    pub catalog: &'a Catalog,
    pub scheduler: &'a Scheduler,
    pub truth: &'a Scheduler,
    pub exam: &'a PlannedExam,
    pub from: DateTime<Utc>,
    pub minutes_a_day: u32,
}

impl Simulation<'_> {
    /// Runs it from `data`: the save as it stands at the exam, and the
    /// learner's true probability of recall at the exam averaged over the
    /// exam's cards.
    pub fn run(&self, data: SaveData, rng: &mut impl rand::Rng) -> (SaveData, f64) {
        simulate(self, data, rng)
    }
}

fn simulate(simulation: &Simulation, mut data: SaveData, rng: &mut impl rand::Rng) -> (SaveData, f64) {
    let Simulation { catalog, scheduler, truth, exam, from, minutes_a_day } = *simulation;
    let calendar = scheduler.calendar();
    let mut truths: BTreeMap<CardId, CardState> = data.cards.clone();
    let mut day = calendar.day(from);
    while calendar.day_start(day) < exam.at {
        let mut now = from.max(calendar.day_start(day) + Duration::hours(5));
        let stop = now + Duration::minutes(i64::from(minutes_a_day));
        while now < stop && now < exam.at {
            let planner = crate::core::study::Planner { catalog, data: &data, scheduler, now };
            let Some(card) = planner.next_card() else { break };
            let state = data.cards.get(&card).cloned().unwrap_or_else(|| CardState::new_card(now));
            let true_state = truths.get(&card).cloned().unwrap_or_else(|| CardState::new_card(now));
            let recalled = match truth.recall_probability(&true_state, now) {
                Some(probability) => rng.random_bool(probability.clamp(0.0, 1.0)),
                // Shown for the first time: the answer comes with the card.
                None => true,
            };
            let rating = if recalled { Rating::Good } else { Rating::Again };
            let review = crate::core::save::Review {
                card: card.clone(),
                at: now,
                rating,
                duration_ms: u64::from(REVIEW_SECONDS) * 1000,
                answer: String::new(),
                correct: None,
                session: crate::core::save::SessionKind::Study,
                phase_before: state.phase,
                overridden: false,
                id: None,
            };
            let seconds = if state.phase == Phase::New { 2 * REVIEW_SECONDS } else { REVIEW_SECONDS };
            data.cards.insert(card.clone(), scheduler.answer(&state, rating, now));
            truths.insert(card, truth.answer(&true_state, rating, now));
            data.reviews.push(review);
            now += Duration::seconds(i64::from(seconds));
        }
        day += 1;
    }
    let cards = exam_cards(catalog, &data, exam);
    let total: f64 = cards.iter().map(|card| recall_at(truth, truths.get(*card), exam.at)).sum();
    let share = if cards.is_empty() { 0.0 } else { total / cards.len() as f64 };
    (data, share)
}

/// "What if": the expected recall at the exam if the learner studied
/// `minutes_a_day` every day from now, by the scheduler's own model.
#[must_use]
pub fn what_if(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    exam: &PlannedExam,
    now: DateTime<Utc>,
    minutes_a_day: u32,
) -> f64 {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x5eed);
    let mut planned = exam.clone();
    planned.minutes_a_day = Some(minutes_a_day);
    let mut data = data.clone();
    data.planned_exams.retain(|other| other.at != exam.at);
    data.planned_exams.push(planned.clone());
    let simulation = Simulation { catalog, scheduler, truth: scheduler, exam: &planned, from: now, minutes_a_day };
    simulation.run(data, &mut rng).1
}

#[cfg(test)]
mod tests;
