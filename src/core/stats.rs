//! Figures about a learner's progress, computed from the save and the decks.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::core::save::{SaveData, SessionKind};
use crate::core::schedule::{Phase, Rating, Scheduler};
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

/// Computes the figures at `now`.
#[must_use]
pub fn stats(catalog: &Catalog, data: &SaveData, scheduler: &Scheduler, now: DateTime<Utc>) -> Stats {
    let total = figures(catalog, data, scheduler, now, None);
    let decks = catalog
        .decks()
        .iter()
        .map(|deck| (deck.id.clone(), figures(catalog, data, scheduler, now, Some(&deck.id))))
        .collect();
    Stats { total, decks }
}

fn figures(
    catalog: &Catalog,
    data: &SaveData,
    scheduler: &Scheduler,
    now: DateTime<Utc>,
    deck: Option<&str>,
) -> Figures {
    let in_scope = |card: &crate::core::question::CardId| deck.is_none_or(|deck| card.deck() == deck);
    let planner = Planner { catalog, data, scheduler, now };
    let counts = planner.counts_where(in_scope);
    let since = now - Duration::days(30);
    let mut review_answers = 0usize;
    let mut recalled = 0usize;
    for review in data.reviews.iter().filter(|review| in_scope(&review.card)) {
        if review.session == SessionKind::Study
            && review.phase_before == Phase::Review
            && review.at > since
            && review.at <= now
        {
            review_answers += 1;
            if review.rating != Rating::Again {
                recalled += 1;
            }
        }
    }
    Figures {
        reviews: data.reviews.iter().filter(|review| in_scope(&review.card)).count(),
        due_today: counts.due_today,
        new_available: counts.new_available,
        retention_30d: (review_answers > 0).then(|| recalled as f64 / review_answers as f64),
    }
}
