//! Mock exams: a seeded paper of auto-graded questions mixed from decks.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::core::question::{CardId, Question};
use crate::core::seeded::{rng_for, shuffle};
use crate::core::study::Catalog;

/// An exam paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paper {
    pub seed: u64,
    pub requested: usize,
    pub questions: Vec<Question>,
}

impl Paper {
    /// Whether the decks supplied fewer questions than asked for.
    #[must_use]
    pub fn is_short(&self) -> bool {
        self.questions.len() < self.requested
    }
}

/// Draws `count` auto-graded questions, taking the decks in turn and never two
/// questions on the same entry (one would give the other away). The same
/// catalog and seed give the same paper.
#[must_use]
pub fn paper(catalog: &Catalog, count: usize, seed: u64) -> Paper {
    let mut per_deck: Vec<Vec<CardId>> = catalog
        .decks()
        .iter()
        .map(|deck| {
            let mut cards: Vec<CardId> = catalog
                .cards()
                .iter()
                .filter(|card| card.deck() == deck.id && card.kind().is_some_and(|kind| !kind.is_self_graded()))
                .cloned()
                .collect();
            shuffle(&mut rng_for(seed, &format!("exam/{}", deck.id)), &mut cards);
            cards.reverse();
            cards
        })
        .collect();
    let mut used_entries: BTreeSet<String> = BTreeSet::new();
    let mut questions = Vec::new();
    while questions.len() < count && per_deck.iter().any(|cards| !cards.is_empty()) {
        for cards in &mut per_deck {
            if questions.len() == count {
                break;
            }
            while let Some(card) = cards.pop() {
                if !used_entries.insert(card.item_key().to_owned()) {
                    continue;
                }
                if let Some(question) = catalog.question(&card, seed) {
                    questions.push(question);
                    break;
                }
            }
        }
    }
    Paper { seed, requested: count, questions }
}
