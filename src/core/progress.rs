//! Progress over time: answers per day, retention per week, the due
//! forecast, cards by state, the study streak and exam history — the figures
//! behind the statistics screen and `tabula stats`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::core::calendar::Calendar;
use crate::core::exam::{self, ExamResult};
use crate::core::save::{ReviewTotals, SaveData};
use crate::core::schedule::Phase;
use crate::core::study::Catalog;

/// Interval from which a review card counts as mature, in days (as Anki).
pub const MATURE_INTERVAL_DAYS: u32 = 21;

/// Answers on one study day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayAnswers {
    pub date: NaiveDate,
    /// Study answers on cards seen for the first time.
    pub new: usize,
    /// Every other study or practice answer.
    pub review: usize,
    pub exam: usize,
}

impl DayAnswers {
    #[must_use]
    pub fn total(&self) -> usize {
        self.new + self.review + self.exam
    }
}

/// True retention in one week: the share of study answers on review cards
/// that were not Again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekRetention {
    /// The first study day of the week.
    pub start: NaiveDate,
    pub answers: usize,
    pub retention: Option<f64>,
}

/// Cards by where they are in their life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CardStates {
    pub new: usize,
    pub learning: usize,
    /// In review with an interval under 21 days.
    pub young: usize,
    pub mature: usize,
    pub suspended: usize,
}

/// Everything over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The last `days` study days, oldest first, today last.
    pub daily: Vec<DayAnswers>,
    pub weekly_retention: Vec<WeekRetention>,
    /// Cards due on each of the next 30 study days (today first, overdue included).
    pub forecast: Vec<usize>,
    pub card_states: CardStates,
    /// Share of each deck's cards studied at least once.
    pub learned_share: BTreeMap<String, f64>,
    /// Consecutive study days with answers, ending today (or yesterday when
    /// nothing was answered yet today).
    pub streak_days: usize,
    pub exams: Vec<ExamResult>,
}

/// Computes progress over the last `days` study days, the log's answers
/// taken from `totals` (see `save::History`).
#[must_use]
pub fn progress(
    catalog: &Catalog,
    data: &SaveData,
    totals: &ReviewTotals,
    calendar: Calendar,
    now: DateTime<Utc>,
    days: usize,
) -> Progress {
    let today = calendar.day(now);
    let span = i64::try_from(days.max(1)).unwrap_or(365);
    let first = today - span + 1;
    let mut daily: Vec<DayAnswers> =
        (first..=today).map(|day| DayAnswers { date: Calendar::date(day), new: 0, review: 0, exam: 0 }).collect();
    let mut weeks: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    let mut days_with_answers = std::collections::BTreeSet::new();
    for (start, bucket) in &totals.buckets {
        let day = calendar.day(*start);
        days_with_answers.insert(day);
        if let Some(slot) = usize::try_from(day - first).ok().and_then(|index| daily.get_mut(index)) {
            slot.new += bucket.new;
            slot.review += bucket.review;
            slot.exam += bucket.exam;
        }
        if bucket.recall_answers > 0 && day > today - span {
            let week = first + (day - first).div_euclid(7) * 7;
            let entry = weeks.entry(week).or_default();
            entry.0 += bucket.recall_answers;
            entry.1 += bucket.recalled;
        }
    }
    let weekly_retention = weeks
        .into_iter()
        .map(|(start, (answers, kept))| WeekRetention {
            start: Calendar::date(start),
            answers,
            retention: (answers > 0).then(|| kept as f64 / answers as f64),
        })
        .collect();

    let mut forecast = vec![0usize; 30];
    let mut card_states = CardStates::default();
    let mut learned: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for card in catalog.cards() {
        let deck = learned.entry(card.deck()).or_default();
        deck.1 += 1;
        let Some(state) = data.cards.get(card) else {
            card_states.new += 1;
            continue;
        };
        if state.suspended {
            card_states.suspended += 1;
            continue;
        }
        match state.phase {
            Phase::New => card_states.new += 1,
            Phase::Learning | Phase::Relearning => card_states.learning += 1,
            Phase::Review if state.interval_days >= MATURE_INTERVAL_DAYS => card_states.mature += 1,
            Phase::Review => card_states.young += 1,
        }
        if state.phase != Phase::New {
            deck.0 += 1;
            let offset = (calendar.day(state.due_at) - today).max(0);
            if let Some(slot) = usize::try_from(offset).ok().and_then(|index| forecast.get_mut(index)) {
                *slot += 1;
            }
        }
    }
    let learned_share = learned
        .into_iter()
        .map(|(deck, (studied, total))| (deck.to_owned(), if total == 0 { 0.0 } else { studied as f64 / total as f64 }))
        .collect();

    let mut streak_days = 0;
    let mut day = if days_with_answers.contains(&today) { today } else { today - 1 };
    while days_with_answers.contains(&day) {
        streak_days += 1;
        day -= 1;
    }

    Progress { daily, weekly_retention, forecast, card_states, learned_share, streak_days, exams: exam::results(data) }
}

#[cfg(test)]
mod tests;
