//! Study sessions: which card comes next, and recording an answer.
//!
//! Due cards come first (learning steps, then reviews), then new cards up to
//! the daily limit; apart from a card's own learning steps, two cards of the
//! same entry are not shown on the same study day.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::core::deck::Deck;
use crate::core::exam;
use crate::core::generate::{Decided, DeckCache, Generator, decide};
use crate::core::library::Library;
use crate::core::plan::{self, PlannedExam};
use crate::core::question::{CardId, Question, QuestionKind, Response};
use crate::core::save::{Change, Review, Save, SaveData, SaveError, SessionKind};
use crate::core::schedule::{CardState, Phase, Rating, Scheduler};
use crate::core::seeded::{rng_for, shuffle};

/// How far ahead a learning card may be shown when nothing else is left,
/// as Anki's "learn ahead limit".
pub const LEARN_AHEAD_MINUTES: i64 = 20;

/// Every card of a set of decks.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    decks: Vec<Deck>,
    cards: Vec<CardId>,
    deck_of: HashMap<CardId, usize>,
    /// What generating each deck's questions worked out once (its text
    /// index, its lookups), kept for every later question.
    caches: Vec<Arc<DeckCache>>,
}

impl Catalog {
    /// The cards of the library's decks; `only` limits them to those deck ids
    /// (empty: every deck).
    #[must_use]
    pub fn new(library: &Library, only: &[String]) -> Catalog {
        let decided = library
            .decks
            .iter()
            .filter(|loaded| only.is_empty() || only.contains(&loaded.deck.id))
            .map(|loaded| (loaded.deck.clone(), loaded.decided.clone()))
            .collect();
        Catalog::from_decided(decided)
    }

    /// The cards of decks not loaded through a library, decided here.
    #[must_use]
    pub fn from_decks(decks: Vec<Deck>) -> Catalog {
        Catalog::from_decided(
            decks
                .into_iter()
                .map(|deck| {
                    let decided = decide(&deck);
                    (deck, decided)
                })
                .collect(),
        )
    }

    /// The cards of decks as checking decided them: nothing generated again.
    fn from_decided(decided: Vec<(Deck, Decided)>) -> Catalog {
        let mut catalog = Catalog::default();
        for (index, (deck, decided)) in decided.into_iter().enumerate() {
            for card in decided.cards {
                catalog.deck_of.insert(card.clone(), index);
                catalog.cards.push(card);
            }
            catalog.decks.push(deck);
            catalog.caches.push(decided.cache);
        }
        catalog
    }

    #[must_use]
    pub fn decks(&self) -> &[Deck] {
        &self.decks
    }

    /// Every card, in deck order.
    #[must_use]
    pub fn cards(&self) -> &[CardId] {
        &self.cards
    }

    #[must_use]
    pub fn contains(&self, card: &CardId) -> bool {
        self.deck_of.contains_key(card)
    }

    /// The question for a card with a seed.
    #[must_use]
    pub fn question(&self, card: &CardId, seed: u64) -> Option<Question> {
        let index = *self.deck_of.get(card)?;
        let generator = Generator::with_cache(&self.decks[index], Arc::clone(&self.caches[index]));
        let slot = generator.slot_of(card)?;
        generator.question(&slot, seed).ok()
    }

    /// The same catalog limited to some decks (empty: all of them), with
    /// nothing generated again.
    #[must_use]
    pub fn subset(&self, only: &[String]) -> Catalog {
        if only.is_empty() {
            return self.clone();
        }
        let keep: Vec<usize> = (0..self.decks.len()).filter(|index| only.contains(&self.decks[*index].id)).collect();
        let decks: Vec<Deck> = keep.iter().map(|index| self.decks[*index].clone()).collect();
        let caches = keep.iter().map(|index| Arc::clone(&self.caches[*index])).collect();
        let cards: Vec<CardId> =
            self.cards.iter().filter(|card| keep.contains(&self.deck_of[*card])).cloned().collect();
        let deck_of = cards
            .iter()
            .map(|card| {
                let old = self.deck_of[card];
                (card.clone(), keep.iter().position(|index| *index == old).unwrap_or_default())
            })
            .collect();
        Catalog { decks, cards, deck_of, caches }
    }

    /// The deck a card belongs to.
    #[must_use]
    pub fn deck_of(&self, card: &CardId) -> Option<&Deck> {
        self.deck_of.get(card).map(|index| &self.decks[*index])
    }

    /// The cards in a seeded shuffled order, suspended ones left out: the
    /// round of a practice session.
    #[must_use]
    pub fn practice_round(&self, data: &SaveData, seed: u64) -> Vec<CardId> {
        let mut round: Vec<CardId> = self
            .cards
            .iter()
            .filter(|card| !data.cards.get(*card).is_some_and(|state| state.suspended))
            .cloned()
            .collect();
        shuffle(&mut rng_for(seed, "practice"), &mut round);
        round
    }
}

/// Which answers "practise my mistakes" draws on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MistakeScope {
    /// The most recent exam.
    LastExam,
    /// Every answer given at or after this time.
    Since(DateTime<Utc>),
}

/// Cards answered wrongly (Again, or an auto-graded answer that was wrong)
/// in the scope, each once, most recent mistake first — for the last exam,
/// its questions answered wrongly or left blank, in paper order; suspended
/// cards and cards the catalog no longer has are left out.
#[must_use]
pub fn mistakes(catalog: &Catalog, data: &SaveData, scope: &MistakeScope) -> Vec<CardId> {
    let keep = |card: &CardId| catalog.contains(card) && !data.cards.get(card).is_some_and(|state| state.suspended);
    match scope {
        MistakeScope::LastExam => exam::results(data)
            .pop()
            .map(|last| last.mistakes.into_iter().filter(|card| keep(card)).collect())
            .unwrap_or_default(),
        MistakeScope::Since(at) => {
            let mut seen = BTreeSet::new();
            let mut cards = Vec::new();
            for review in data.reviews.iter().rev().filter(|review| review.at >= *at) {
                let wrong =
                    review.correct == Some(false) || (review.correct.is_none() && review.rating == Rating::Again);
                if wrong && keep(&review.card) && seen.insert(review.card.clone()) {
                    cards.push(review.card.clone());
                }
            }
            cards
        }
    }
}

/// What today looks like for a set of cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayCounts {
    /// Cards already studied that come due before the study day ends.
    pub due_today: usize,
    /// New cards study would introduce today: one per entry not studied
    /// today, up to what is left of the daily limit.
    pub new_available: usize,
    /// Cards never studied.
    pub new_total: usize,
    /// Cards studied at least once.
    pub learned: usize,
    /// New cards that wait because another card of their entry is studied
    /// today (they would give each other away).
    pub new_held_by_sibling: usize,
    /// New cards that wait for tomorrow's daily limit.
    pub new_over_limit: usize,
}

/// Why scheduled study has nothing to show now, and when it will.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayEnd {
    pub counts: DayCounts,
    /// The daily limit of new cards.
    pub new_per_day: u32,
    /// When the next card comes due; None when these decks have no cards.
    pub next_due_at: Option<DateTime<Utc>>,
}

/// Chooses cards for scheduled study.
#[derive(Debug)]
pub struct Planner<'a> {
    pub catalog: &'a Catalog,
    pub data: &'a SaveData,
    pub scheduler: &'a Scheduler,
    pub now: DateTime<Utc>,
}

impl Planner<'_> {
    fn today(&self) -> i64 {
        self.scheduler.calendar().day(self.now)
    }

    fn is_today(&self, at: DateTime<Utc>) -> bool {
        self.scheduler.calendar().day(at) == self.today()
    }

    /// Study answers given today, oldest first.
    fn todays_study(&self) -> impl Iterator<Item = &Review> {
        self.data
            .reviews
            .iter()
            .rev()
            .take_while(|review| self.scheduler.calendar().day(review.at) >= self.today())
            .filter(|review| review.session == SessionKind::Study && self.is_today(review.at))
    }

    /// New cards introduced today.
    #[must_use]
    pub fn new_introduced_today(&self) -> usize {
        self.todays_study().filter(|review| review.phase_before == Phase::New).count()
    }

    /// How many new cards each pacing may still introduce today: the pace
    /// of each exam ahead for the cards it covers (the soonest one that
    /// covers a card), the daily limit for every other card.
    fn new_limits(&self) -> NewLimits<'_> {
        let exams = plan::exams_ahead(self.data, self.now);
        let group = |card: &CardId| exams.iter().position(|exam| exam.covers(card));
        let mut introduced = vec![0usize; exams.len() + 1];
        for review in self.todays_study().filter(|review| review.phase_before == Phase::New) {
            introduced[group(&review.card).unwrap_or(exams.len())] += 1;
        }
        let mut new_left = vec![0usize; exams.len()];
        if !exams.is_empty() {
            for card in self.catalog.cards() {
                let fresh = self.data.cards.get(card).is_none_or(|state| state.phase == Phase::New && !state.suspended);
                if let Some(index) = group(card).filter(|_| fresh) {
                    new_left[index] += 1;
                }
            }
        }
        let mut left: Vec<usize> = exams
            .iter()
            .enumerate()
            .map(|(index, exam)| {
                let days = plan::days_left(self.scheduler, exam, self.now);
                let pace = plan::pace(new_left[index] + introduced[index], days, exam.minutes_a_day);
                pace.per_day.saturating_sub(introduced[index])
            })
            .collect();
        left.push((self.data.settings.new_cards_per_day as usize).saturating_sub(introduced[exams.len()]));
        let days_to_margin = exams
            .iter()
            .map(|exam| {
                let days = plan::days_left(self.scheduler, exam, self.now);
                usize::try_from((days - plan::margin_days(days)).max(1)).unwrap_or(1)
            })
            .collect();
        NewLimits { exams, left, days_to_margin }
    }

    /// Entries (`DECK/ITEM`) already studied today, with the card studied.
    fn entries_seen_today(&self) -> HashMap<&str, BTreeSet<&CardId>> {
        let mut seen: HashMap<&str, BTreeSet<&CardId>> = HashMap::new();
        for review in self.todays_study() {
            seen.entry(review.card.item_key()).or_default().insert(&review.card);
        }
        seen
    }

    /// Cards in review brought forward today for an exam ahead, best gain
    /// first (see [`plan`]).
    fn brought_forward(&self) -> Vec<&CardId> {
        let exams = plan::exams_ahead(self.data, self.now);
        if exams.is_empty() {
            return Vec::new();
        }
        let mut chosen: Vec<(&CardId, f64)> = Vec::new();
        for card in self.catalog.cards() {
            let Some(state) = self.data.cards.get(card) else { continue };
            let Some(exam) = exams.iter().find(|exam| exam.covers(card)) else { continue };
            if plan::brought_forward(self.scheduler, state, exam, self.now) {
                chosen.push((card, plan::review_gain(self.scheduler, state, exam.at, self.now)));
            }
        }
        chosen.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        chosen.into_iter().map(|(card, _)| card).collect()
    }

    /// The next card to study now, or None when nothing is left for today.
    #[must_use]
    pub fn next_card(&self) -> Option<CardId> {
        self.next_card_where(|_| true)
    }

    /// The next card to study now among those `keep` allows (a session keeps
    /// out the siblings its last question gave away).
    #[must_use]
    pub fn next_card_where(&self, keep: impl Fn(&CardId) -> bool) -> Option<CardId> {
        let seen = self.entries_seen_today();
        // New cards take turns by kind: a table's flip cards do not all come
        // before its choice questions.
        let mut new_of_kind: HashMap<Option<QuestionKind>, usize> = HashMap::new();
        for review in self.todays_study().filter(|review| review.phase_before == Phase::New) {
            *new_of_kind.entry(review.card.kind()).or_default() += 1;
        }
        let sibling_seen =
            |card: &CardId| seen.get(card.item_key()).is_some_and(|cards| cards.iter().any(|other| *other != card));
        let limits = self.new_limits();
        let untouched =
            |card: &CardId| self.data.cards.get(card).is_none_or(|state| state.phase == Phase::New && !state.suspended);
        let mut fresh_per_entry: HashMap<&str, usize> = HashMap::new();
        for card in self.catalog.cards().iter().filter(|card| untouched(card)) {
            *fresh_per_entry.entry(card.item_key()).or_default() += 1;
        }
        // For an exam, an entry's new cards come before a review of a
        // sibling (which then waits a day): one card of an entry a day, and
        // every card must be met before the exam.
        let yields_to_new = |card: &CardId| {
            limits.is_for_exam(card) && limits.left_for(card) > 0 && fresh_per_entry.contains_key(card.item_key())
        };
        let mut learning: Vec<(&CardId, &CardState)> = Vec::new();
        let mut review: Vec<(&CardId, &CardState)> = Vec::new();
        for card in self.catalog.cards().iter().filter(|card| keep(card)) {
            let Some(state) = self.data.cards.get(card) else { continue };
            if state.suspended {
                continue;
            }
            match state.phase {
                Phase::Learning | Phase::Relearning => learning.push((card, state)),
                Phase::Review if state.due_at <= self.now && !sibling_seen(card) && !yields_to_new(card) => {
                    review.push((card, state));
                }
                _ => {}
            }
        }
        learning.sort_by_key(|(card, state)| (state.due_at, (*card).clone()));
        review.sort_by_key(|(card, state)| (state.due_at, (*card).clone()));
        // The entry with the most cards still new goes first (deck order
        // among equals): an entry's cards can only come one a day, so the
        // entries with many must not be left to the end.
        let fresh = self
            .catalog
            .cards()
            .iter()
            .filter(|card| {
                let fresh = fresh_per_entry.get(card.item_key()).copied().unwrap_or_default();
                let may_come = !seen.contains_key(card.item_key()) || limits.is_pressing(card, fresh);
                untouched(card) && may_come && limits.left_for(card) > 0 && keep(card)
            })
            .enumerate()
            .max_by_key(|(position, card)| {
                let kind_turn = std::cmp::Reverse(new_of_kind.get(&card.kind()).copied().unwrap_or_default());
                (limits.is_for_exam(card), fresh_per_entry[card.item_key()], kind_turn, std::cmp::Reverse(*position))
            })
            .map(|(_, card)| card);
        // An exam's new cards for today come first of all: every one must be
        // met before the exam, and a learner with a backlog would otherwise
        // never reach them.
        if let Some(card) = fresh.filter(|card| limits.is_for_exam(card)) {
            return Some(card.clone());
        }
        if let Some((card, _)) = learning.iter().find(|(_, state)| state.due_at <= self.now) {
            return Some((*card).clone());
        }
        if let Some((card, _)) = review.first() {
            return Some((*card).clone());
        }
        if let Some(card) = fresh {
            return Some(card.clone());
        }
        // New cards first: an exam's cards must all be met before it.
        if let Some(card) = self.brought_forward().into_iter().find(|card| !sibling_seen(card) && keep(card)) {
            return Some(card.clone());
        }
        let ahead = self.now + Duration::minutes(LEARN_AHEAD_MINUTES);
        learning.iter().find(|(_, state)| state.due_at <= ahead).map(|(card, _)| (*card).clone())
    }

    /// When the next card of these decks comes due, once nothing is left now.
    #[must_use]
    pub fn next_due_at(&self) -> Option<DateTime<Utc>> {
        let studied_due = self
            .catalog
            .cards()
            .iter()
            .filter_map(|card| self.data.cards.get(card))
            .filter(|state| !state.suspended && state.phase != Phase::New)
            .map(|state| state.due_at)
            .min();
        let has_new = self.counts().new_total > 0;
        let tomorrow = self.scheduler.calendar().day_start(self.today() + 1);
        match (studied_due, has_new) {
            (Some(due), true) => Some(due.max(self.now).min(tomorrow)),
            (Some(due), false) => Some(due.max(self.now)),
            (None, true) => Some(tomorrow),
            (None, false) => None,
        }
    }

    /// Today's figures for the catalog's cards.
    #[must_use]
    pub fn counts(&self) -> DayCounts {
        self.counts_where(|_| true)
    }

    /// Today's figures for the cards a filter keeps (one deck, say).
    #[must_use]
    pub fn counts_where(&self, keep: impl Fn(&CardId) -> bool) -> DayCounts {
        let day_end = self.scheduler.calendar().day_start(self.today() + 1);
        let seen = self.entries_seen_today();
        let limits = self.new_limits();
        let forward: BTreeSet<&CardId> = self.brought_forward().into_iter().collect();
        let mut counts = DayCounts::default();
        let mut open_entries: BTreeMap<&str, usize> = BTreeMap::new();
        for card in self.catalog.cards().iter().filter(|card| keep(card)) {
            match self.data.cards.get(card) {
                Some(state) if state.suspended => {}
                Some(state) if state.phase != Phase::New => {
                    counts.learned += 1;
                    if state.due_at < day_end || forward.contains(card) {
                        counts.due_today += 1;
                    }
                }
                _ => {
                    counts.new_total += 1;
                    if !seen.contains_key(card.item_key()) {
                        open_entries.entry(card.item_key()).or_insert_with(|| limits.group(card));
                    }
                }
            }
        }
        let mut per_group = vec![0usize; limits.left.len()];
        for group in open_entries.values() {
            per_group[*group] += 1;
        }
        counts.new_available = per_group.iter().zip(&limits.left).map(|(open, left)| (*open).min(*left)).sum();
        counts.new_over_limit = open_entries.len() - counts.new_available;
        counts.new_held_by_sibling = counts.new_total - open_entries.len();
        counts
    }

    /// What is left and when it comes, once [`Planner::next_card`] has
    /// nothing to show.
    #[must_use]
    pub fn day_end(&self) -> DayEnd {
        DayEnd {
            counts: self.counts(),
            new_per_day: self.data.settings.new_cards_per_day,
            next_due_at: self.next_due_at(),
        }
    }
}

/// New cards each pacing may still introduce today (see [`Planner::new_limits`]).
struct NewLimits<'d> {
    exams: Vec<&'d PlannedExam>,
    /// One per exam ahead, then the daily limit for the other cards.
    left: Vec<usize>,
    /// Per exam ahead: study days left before its margin (at least 1).
    days_to_margin: Vec<usize>,
}

impl NewLimits<'_> {
    fn group(&self, card: &CardId) -> usize {
        self.exams.iter().position(|exam| exam.covers(card)).unwrap_or(self.exams.len())
    }

    fn left_for(&self, card: &CardId) -> usize {
        self.left[self.group(card)]
    }

    fn is_for_exam(&self, card: &CardId) -> bool {
        self.group(card) < self.exams.len()
    }

    /// Whether an entry with `fresh` new cards can no longer wait for days
    /// on which none of its cards is seen: one a day would not meet them
    /// all before the exam.
    fn is_pressing(&self, card: &CardId, fresh: usize) -> bool {
        self.days_to_margin.get(self.group(card)).is_some_and(|days| fresh >= *days)
    }
}

/// An answer to record.
#[derive(Debug, Clone)]
pub struct Answer {
    pub card: CardId,
    pub rating: Rating,
    /// What the learner answered, as text.
    pub response: String,
    /// Whether an auto-graded answer was right; None for self-graded.
    pub correct: Option<bool>,
    pub duration_ms: u64,
    pub session: SessionKind,
}

impl Answer {
    /// The answer to an auto-graded question: Good when right, Again when
    /// wrong, with the response as text.
    #[must_use]
    pub fn graded(question: &Question, response: &Response, session: SessionKind, duration_ms: u64) -> Answer {
        let correct = question.is_correct(response);
        Answer {
            card: question.id.clone(),
            rating: Rating::from_correct(correct),
            response: question.response_text(response),
            correct: Some(correct),
            duration_ms,
            session,
        }
    }
}

/// Records an answer durably. Study answers move the card's schedule;
/// practice and exam answers are logged and leave it alone.
pub fn record_answer(
    save: &mut Save,
    scheduler: &Scheduler,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Review, SaveError> {
    record_review(save, scheduler, answer, false, now)
}

/// Records an answer, marked as the learner's override of a wrong verdict
/// or not (see [`Review::overridden`]).
pub(crate) fn record_review(
    save: &mut Save,
    scheduler: &Scheduler,
    answer: Answer,
    overridden: bool,
    now: DateTime<Utc>,
) -> Result<Review, SaveError> {
    let before = save.data().cards.get(&answer.card).cloned();
    let current = before.clone().unwrap_or_else(|| CardState::new_card(now));
    let review = Review {
        card: answer.card,
        at: now,
        rating: answer.rating,
        duration_ms: answer.duration_ms,
        answer: answer.response,
        correct: answer.correct,
        phase_before: current.phase,
        session: answer.session,
        overridden,
        id: None,
    };
    let card = (review.session == SessionKind::Study).then(|| scheduler.answer(&current, answer.rating, now));
    save.record(Change::Answered { review: review.clone(), card, before }, now)?;
    Ok(review)
}

#[cfg(test)]
mod tests;
