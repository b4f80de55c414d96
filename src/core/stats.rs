//! Figures about a learner's progress, computed from the save and the decks.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::core::save::{DeckCounts, SaveData, count_decks};
use crate::core::schedule::Scheduler;
use crate::core::study::{Catalog, Planner};

/// The figures of `tabula stats`, for all decks or one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Every answer recorded: study, practice and exam.
    pub reviews: usize,
    pub due_today: usize,
    /// New cards that today's remaining daily limit would introduce.
    pub new_available: usize,
    /// Share of study answers on review cards in the last 30 days that were
    /// not Again; None when there were none.
    pub retention_30d: Option<f64>,
}

/// Overall figures and per deck.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    #[serde(flatten)]
    pub total: Figures,
    pub decks: BTreeMap<String, Figures>,
}

/// The window over which `retention_30d` is counted, ending at `now`.
#[must_use]
pub fn retention_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(30)
}

/// Computes the figures at `now` from the answers `data` holds in memory.
#[must_use]
pub fn stats(catalog: &Catalog, data: &SaveData, scheduler: &Scheduler, now: DateTime<Utc>) -> Stats {
    let counts = count_decks(&data.reviews, retention_since(now), now);
    stats_with(catalog, data, scheduler, now, &counts)
}

/// Computes the figures at `now`, the log's answers counted in `counts`
/// (see [`crate::core::save::History::deck_counts`], over [`retention_since`]`(now)` to `now`).
#[must_use]
pub fn stats_with(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    now: DateTime<Utc>,
    counts: &DeckCounts,
) -> Stats {
    let total = figures(catalog, data, scheduler, now, None, counts);
    let decks = catalog
        .decks()
        .iter()
        .map(|deck| (deck.id.clone(), figures(catalog, data, scheduler, now, Some(&deck.id), counts)))
        .collect();
    Stats { total, decks }
}

fn figures(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    now: DateTime<Utc>,
    deck: Option<&str>,
    answers: &DeckCounts,
) -> Figures {
    let in_scope = |card: &crate::core::question::CardId| deck.is_none_or(|deck| card.deck() == deck);
    let planner = Planner { catalog, data, scheduler, now };
    let counts = planner.counts_where(in_scope);
    let (mut reviews, mut review_answers, mut recalled) = (0usize, 0usize, 0usize);
    for (_, counted) in answers.iter().filter(|(id, _)| deck.is_none_or(|deck| deck == id.as_str())) {
        reviews += counted.reviews;
        review_answers += counted.recall_answers;
        recalled += counted.recalled;
    }
    Figures {
        reviews,
        due_today: counts.due_today,
        new_available: counts.new_available,
        retention_30d: (review_answers > 0).then(|| recalled as f64 / review_answers as f64),
    }
}
