//! Mock exams: a seeded paper of auto-graded questions mixed from decks,
//! its grading, and every exam's result as the save records it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::core::question::{CardId, Question, Response, Seen};
use crate::core::save::{Review, SaveData, SessionKind};
use crate::core::seeded::{rng_for, shuffle};
use crate::core::study::Catalog;

/// The id an exam's answers carry: when it started, and its seed.
#[must_use]
pub fn exam_id(started_at: DateTime<Utc>, seed: u64) -> String {
    format!("{}-s{seed}", started_at.format("%Y%m%dT%H%M%S"))
}

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
                // No question on the paper may give another's answer away.
                if let Some(question) = catalog.question(&card, seed)
                    && !questions.iter().any(|set: &Question| {
                        set.gives_away(&question, Seen::Asked) || question.gives_away(set, Seen::Asked)
                    })
                {
                    questions.push(question);
                    break;
                }
            }
        }
    }
    Paper { seed, requested: count, questions }
}

/// Right answers out of questions for one part of a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub name: String,
    pub right: usize,
    pub total: usize,
}

/// A question answered wrongly or left blank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mistake {
    /// Position on the paper, from 0.
    pub number: usize,
    pub question: Question,
    /// What was answered, as text; None for a question left blank.
    pub given: Option<String>,
}

/// The result of a paper: the score, a breakdown, every mistake.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graded {
    pub right: usize,
    pub total: usize,
    pub answered: usize,
    /// Per deck, in the catalog's deck order.
    pub by_deck: Vec<Tally>,
    /// Per aspect (table), subject (matching), category (lists), or deck
    /// title (FAQ), in order of first appearance on the paper.
    pub by_group: Vec<Tally>,
    pub mistakes: Vec<Mistake>,
}

impl Graded {
    /// The share right, 0–1; 0 for an empty paper.
    #[must_use]
    pub fn score(&self) -> f64 {
        if self.total == 0 { 0.0 } else { self.right as f64 / self.total as f64 }
    }
}

fn tally<'t>(tallies: &'t mut Vec<Tally>, name: &str) -> &'t mut Tally {
    let index = tallies.iter().position(|tally| tally.name == name).unwrap_or_else(|| {
        tallies.push(Tally { name: name.to_owned(), right: 0, total: 0 });
        tallies.len() - 1
    });
    &mut tallies[index]
}

/// Grades a paper; `responses[i]` answers question `i` (None: left blank,
/// which counts as wrong).
#[must_use]
pub fn grade(paper: &Paper, responses: &[Option<Response>], catalog: &Catalog) -> Graded {
    let mut graded = Graded {
        right: 0,
        total: paper.questions.len(),
        answered: 0,
        by_deck: Vec::new(),
        by_group: Vec::new(),
        mistakes: Vec::new(),
    };
    for deck in catalog.decks().iter().filter(|deck| paper.questions.iter().any(|q| q.deck == deck.id)) {
        tally(&mut graded.by_deck, &deck.title);
    }
    for (number, question) in paper.questions.iter().enumerate() {
        let response = responses.get(number).and_then(Option::as_ref);
        let right = response.is_some_and(|response| question.is_correct(response));
        graded.answered += usize::from(response.is_some());
        graded.right += usize::from(right);
        let deck = catalog.decks().iter().find(|deck| deck.id == question.deck);
        let deck_name = deck.map_or(question.deck.as_str(), |deck| deck.title.as_str());
        let group = deck.map_or(deck_name, |deck| deck.group_of(&question.item));
        for entry in [tally(&mut graded.by_deck, deck_name), tally(&mut graded.by_group, group)] {
            entry.total += 1;
            entry.right += usize::from(right);
        }
        if !right {
            graded.mistakes.push(Mistake {
                number,
                question: question.clone(),
                given: response.map(|response| question.response_text(response)),
            });
        }
    }
    graded
}

/// One exam as the save tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExamResult {
    pub id: String,
    /// When it started (for an exam never handed in: its first answer).
    pub at: DateTime<Utc>,
    pub right: usize,
    pub answered: usize,
    /// Questions on the paper as set; for an exam left without handing in,
    /// the questions answered.
    pub questions: usize,
    /// Per deck id: `[right, answered, questions]`.
    pub by_deck: BTreeMap<String, [usize; 3]>,
    /// Questions answered wrongly or left blank, in paper order.
    #[serde(skip)]
    pub mistakes: Vec<CardId>,
}

impl ExamResult {
    fn new(id: &str, at: DateTime<Utc>) -> ExamResult {
        ExamResult {
            id: id.to_owned(),
            at,
            right: 0,
            answered: 0,
            questions: 0,
            by_deck: BTreeMap::new(),
            mistakes: Vec::new(),
        }
    }

    /// Counts one question of the paper, with the answer it got, if any.
    fn count(&mut self, card: &CardId, answer: Option<&Review>) {
        let right = answer.is_some_and(|review| review.correct == Some(true));
        let figures = [usize::from(right), usize::from(answer.is_some()), 1];
        for (total, add) in [&mut self.right, &mut self.answered, &mut self.questions].into_iter().zip(figures) {
            *total += add;
        }
        let deck = self.by_deck.entry(card.deck().to_owned()).or_default();
        for (total, add) in deck.iter_mut().zip(figures) {
            *total += add;
        }
        if !right {
            self.mistakes.push(card.clone());
        }
    }

    /// The share right, 0–1, of the questions set; 0 for an empty paper.
    #[must_use]
    pub fn score(&self) -> f64 {
        if self.questions == 0 { 0.0 } else { self.right as f64 / self.questions as f64 }
    }
}

/// Every exam in a save, oldest first: one score, the same for the report,
/// the statistics, `tabula stats` and "practise mistakes". A question left
/// blank counts as a question set and not answered.
#[must_use]
pub fn results(data: &SaveData) -> Vec<ExamResult> {
    let mut answers: HashMap<&str, Vec<&Review>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for review in &data.reviews {
        if let SessionKind::Exam(id) = &review.session {
            let list = answers.entry(id).or_default();
            if list.is_empty() {
                order.push(id);
            }
            list.push(review);
        }
    }
    let mut results = Vec::new();
    let mut recorded: BTreeSet<&str> = BTreeSet::new();
    for record in &data.exams {
        recorded.insert(&record.id);
        let given = answers.get(record.id.as_str()).map_or(&[][..], Vec::as_slice);
        let mut result = ExamResult::new(&record.id, record.started_at);
        for card in &record.questions {
            let answer = given.iter().rev().find(|review| &review.card == card).copied();
            result.count(card, answer);
        }
        results.push(result);
    }
    // Answers of an exam closed before it was handed in: only what was
    // answered is known.
    for id in order.into_iter().filter(|id| !recorded.contains(id)) {
        let given = &answers[id];
        let mut result = ExamResult::new(id, given[0].at);
        let mut counted: BTreeSet<&CardId> = BTreeSet::new();
        for review in given.iter().rev() {
            if counted.insert(&review.card) {
                result.count(&review.card, Some(review));
            }
        }
        result.mistakes.reverse();
        results.push(result);
    }
    results.sort_by_key(|result| result.at);
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::Deck;

    #[test]
    fn grading_counts_blanks_as_wrong_and_breaks_down_by_deck_and_group() {
        let mut other = Deck::example_faq(4);
        other.id = "other".into();
        other.title = "Other".into();
        let catalog = Catalog::from_decks(vec![Deck::example_faq(4), other]);
        let paper = paper(&catalog, 4, 7);
        assert_eq!(paper.questions.len(), 4);
        let right = |question: &Question| match question.kind {
            crate::core::question::QuestionKind::TypedAnswer => Response::Typed(question.accepted[0].clone()),
            _ => Response::Choice(question.correct[0]),
        };
        let wrong_choice = (0..paper.questions[1].options.len())
            .find(|index| !paper.questions[1].correct.contains(index))
            .expect("a wrong option");
        let responses = vec![
            Some(right(&paper.questions[0])),
            Some(Response::Choice(wrong_choice)),
            Some(right(&paper.questions[2])),
            None,
        ];
        let graded = grade(&paper, &responses, &catalog);
        assert_eq!((graded.right, graded.answered, graded.total), (2, 3, 4));
        assert!((graded.score() - 0.5).abs() < 1e-9);
        let decks: Vec<(&str, usize, usize)> =
            graded.by_deck.iter().map(|t| (t.name.as_str(), t.right, t.total)).collect();
        assert_eq!(decks, vec![("D", 2, 2), ("Other", 0, 2)], "decks take turns on the paper");
        assert_eq!(graded.by_group.iter().map(|t| t.total).sum::<usize>(), 4);
        let mistakes: Vec<(usize, bool)> = graded.mistakes.iter().map(|m| (m.number, m.given.is_some())).collect();
        assert_eq!(mistakes, vec![(1, true), (3, false)]);
        assert_eq!(graded.mistakes[0].given.as_deref(), Some(paper.questions[1].options[wrong_choice].as_str()));
    }
}
