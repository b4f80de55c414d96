//! Question generation: every card a deck yields, and for each card a
//! question drawn with a seeded generator.
//!
//! Whether a card exists never depends on the seed — only the choice and the
//! order of its options do — so a learner's cards stay put while the wording of
//! each review varies. A card whose question cannot be made unambiguous is not
//! generated; the reason is reported so that `check` can warn the author.

mod faq;
mod frames;
mod index;
mod lists;
mod options;
mod packed;
mod shape;
mod skip;
mod table;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use rand_chacha::ChaCha8Rng;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rustc_hash::FxHashMap;
pub use skip::Skip;

use crate::core::deck::{Content, Deck, FieldPath};
use crate::core::phrases::{Filled, Phrasebook, Prompt};
use crate::core::question::{CardId, Question, QuestionKind};
use crate::core::seeded::rng_for;
use crate::core::text::Comparable;

/// One card of a deck: an entry and a question kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The entry tested (see [`Question::item`]).
    pub item: String,
    pub kind: QuestionKind,
    /// Where the entry stands in the deck file, for locating diagnostics.
    pub path: FieldPath,
    /// Where the entry stands in deck order (FAQ entries; list items counted
    /// across the lists), for a slot listed from such a deck: its question
    /// then finds the entry without looking its id up (400,000 slots in a
    /// deck of 100,000 entries). A slot read from a card id, or of a table,
    /// has none; one whose entry there has another id is looked up by id.
    pub entry: Option<usize>,
}

impl Slot {
    /// The id of this card of deck `deck`.
    fn card(&self, deck: &str) -> CardId {
        CardId::new(deck, &self.item, self.kind)
    }
}

/// A card the deck cannot make unambiguous, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub card: CardId,
    pub path: String,
    pub reason: Skip,
}

/// Everything a deck generates for one seed.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    pub questions: Vec<Question>,
    pub skipped: Vec<Skipped>,
}

/// Generates every question of a deck.
#[must_use]
pub fn generate(deck: &Deck, seed: u64) -> Generated {
    let generator = Generator::new(deck);
    let mut generated = Generated::default();
    generator.each_slot(|slot| match generator.question(&slot, seed) {
        Ok(question) => generated.questions.push(question),
        Err(reason) => {
            let (card, path) = (generator.card_id(&slot), slot.path.written(deck));
            generated.skipped.push(Skipped { card, path, reason });
        }
    });
    generated
}

/// Which cards a deck has — every slot whose question it can make
/// unambiguous — and which it cannot, with why. Decided once for a deck and
/// shared: `check` reports the skipped ones, the study catalog studies the
/// cards, and the work done on the way is kept for later questions. No
/// option is drawn: each question runs the refusals it runs when shown, and
/// a choice question stops at its first fitting wrong option (see
/// `options::build`); its options are drawn when it is shown.
#[derive(Debug, Clone, Default)]
pub struct Decided {
    pub cards: Vec<CardId>,
    pub skipped: Vec<Skipped>,
    pub cache: Arc<DeckCache>,
}

/// Decides a deck's cards (see [`Decided`]). A large deck's cards are
/// decided over every core, batch by batch (each card's refusals read only
/// the deck and what its cache holds, never another card's decision); the
/// cards and the skipped come out in deck order whatever the cores.
#[must_use]
pub fn decide(deck: &Deck) -> Decided {
    let cache: Arc<DeckCache> = Arc::default();
    let deciding = || {
        let mut generator = Generator::with_cache(deck, Arc::clone(&cache));
        // Only whether each question can be made: its options are drawn
        // when it is shown (see `options::build`).
        generator.deciding = true;
        generator
    };
    let generator = deciding();
    // What every card reads is worked out here, before the cards are shared
    // out: a worker waiting on another's lazy build would sit idle, and one
    // stealing work while building could be asked for what it is building.
    generator.prepare();
    // The cores answer whether each card of a batch can be made; the ids
    // kept are made on this thread, so that what the deck keeps is not
    // spread over the workers' memory among what they threw away, and
    // while the cores decide the next batch (see `Pending`).
    let mut batch: Vec<Slot> = Vec::with_capacity(DECIDE_BATCH);
    let mut pending = Pending::default();
    // Room for every card at once, whether kept or skipped: grown by
    // doubling, a deck of 100,000 entries (400,000 cards) had its lists
    // copied, and their memory touched afresh, a dozen times over. Room
    // never written to holds no memory.
    let bound = generator.slot_bound();
    let (cards, skipped) = (Vec::with_capacity(bound), Vec::with_capacity(bound));
    let mut decided = Decided { cards, skipped, cache: Arc::clone(&cache) };
    generator.each_slot(|slot| {
        batch.push(slot);
        if batch.len() == DECIDE_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(DECIDE_BATCH));
            let decided_before = std::mem::take(&mut pending);
            let decide_full = || {
                let outcomes = full.par_iter().map_init(deciding, |generator, slot| generator.can_make(slot)).collect();
                Pending { slots: full, outcomes }
            };
            // The ids on this thread (a join's first half stays on its
            // caller), the decision shared by the rest.
            pending = rayon::join(|| decided_before.settle(deck, &mut decided), decide_full).1;
        }
    });
    pending.settle(deck, &mut decided);
    // The last batch, short: on this thread alone.
    let outcomes = batch.iter().map(|slot| generator.can_make(slot)).collect();
    Pending { slots: batch, outcomes }.settle(deck, &mut decided);
    // Kept as long as the deck is studied: not with the room left.
    decided.cards.shrink_to_fit();
    decided
}

/// Each entry's position in deck order (table rows, FAQ entries, list items
/// counted across the lists) by a hash of its id, the first of an id met
/// twice: the ids are the deck's, not copied (a deck of 100,000 entries
/// would keep as many strings), and a position found is checked against the
/// id at it.
#[derive(Debug, Default)]
struct Positions {
    by_hash: FxHashMap<u64, u32>,
    /// Ids whose hash another id had first.
    collided: FxHashMap<String, u32>,
    /// Lists: where each list's items begin among all the items.
    starts: Vec<usize>,
    /// Whether two entries have one id (a deck the check refuses, whose
    /// cards are decided beside its validation all the same).
    repeated: bool,
}

impl Positions {
    fn new(deck: &Deck) -> Positions {
        let mut positions = Positions::default();
        let ids: Vec<&str> = match &deck.content {
            Content::Table(table) => table.aspects.iter().map(|aspect| aspect.id.as_str()).collect(),
            Content::Faq(faq) => faq.entries.iter().map(|entry| entry.id.as_str()).collect(),
            Content::Lists(lists) => {
                let mut start = 0;
                for category in &lists.categories {
                    positions.starts.push(start);
                    start += category.items.len();
                }
                lists.categories.iter().flat_map(|c| c.items.iter().map(|item| item.id.as_str())).collect()
            }
        };
        positions.by_hash.reserve(ids.len());
        for (position, id) in ids.into_iter().enumerate() {
            let Ok(position) = u32::try_from(position) else { break };
            match positions.by_hash.entry(index::text_hash(id)) {
                std::collections::hash_map::Entry::Vacant(vacant) => {
                    vacant.insert(position);
                }
                std::collections::hash_map::Entry::Occupied(first) => {
                    if Positions::id_at(deck, &positions.starts, *first.get() as usize) == Some(id) {
                        positions.repeated = true;
                    } else {
                        positions.collided.entry(id.to_owned()).or_insert(position);
                    }
                }
            }
        }
        positions
    }

    /// Entry `id`'s position in `deck`, the deck these positions are of.
    fn get(&self, deck: &Deck, id: &str) -> Option<usize> {
        let first = *self.by_hash.get(&index::text_hash(id))? as usize;
        if Positions::id_at(deck, &self.starts, first) == Some(id) {
            return Some(first);
        }
        self.collided.get(id).map(|&position| position as usize)
    }

    /// The id of the entry at `position`.
    fn id_at<'d>(deck: &'d Deck, starts: &[usize], position: usize) -> Option<&'d str> {
        match &deck.content {
            Content::Table(table) => table.aspects.get(position).map(|aspect| aspect.id.as_str()),
            Content::Faq(faq) => faq.entries.get(position).map(|entry| entry.id.as_str()),
            Content::Lists(lists) => {
                let list = starts.partition_point(|&start| start <= position).checked_sub(1)?;
                lists.categories.get(list)?.items.get(position - starts[list]).map(|item| item.id.as_str())
            }
        }
    }
}

/// A batch of slots [`decide`] has decided, and whether each card can be
/// made, waiting for its card ids.
#[derive(Default)]
struct Pending {
    slots: Vec<Slot>,
    outcomes: Vec<Result<(), Skip>>,
}

impl Pending {
    /// Adds each card of deck `deck` to `decided`, kept or skipped: a
    /// skipped card's path written out for its warning.
    fn settle(self, deck: &Deck, decided: &mut Decided) {
        for (slot, outcome) in self.slots.into_iter().zip(self.outcomes) {
            let card = slot.card(&deck.id);
            match outcome {
                Ok(()) => decided.cards.push(card),
                Err(reason) => decided.skipped.push(Skipped { card, path: slot.path.written(deck), reason }),
            }
        }
    }
}

/// A deck's texts indexed for near-duplicates (see [`DeckCache`]).
fn deck_index(deck: &Deck, phrases: &Phrasebook) -> index::TextIndex {
    // The texts compared deck-wide rather than among a question's
    // candidates: FAQ questions (is it asked twice?) and list items
    // (which lists hold it?). Given in the deck's order (an FAQ's answers,
    // then its questions), where `faq::Texts` and `lists::holding_index`
    // read their ids.
    let (texts, related): (Vec<&str>, Vec<&str>) = match &deck.content {
        Content::Table(table) => {
            (table.aspects.iter().flat_map(|a| a.cells.values().map(String::as_str)).collect(), Vec::new())
        }
        Content::Faq(faq) => (
            faq.entries.iter().map(|e| e.answer.as_str()).collect(),
            faq.entries.iter().map(|e| e.question.as_str()).collect(),
        ),
        Content::Lists(lists) => {
            (Vec::new(), lists.categories.iter().flat_map(|c| c.items.iter().map(|i| i.text.as_str())).collect())
        }
    };
    let mut index = index::TextIndex::new(texts, related);
    // The frames' words and the names put in them, which make every
    // prompt with the deck's texts.
    let names: Vec<&str> = match &deck.content {
        Content::Table(table) => table
            .subjects
            .iter()
            .map(|subject| subject.name.as_str())
            .chain(table.aspects.iter().map(|aspect| aspect.name.as_str()))
            .collect(),
        Content::Faq(_) => Vec::new(),
        Content::Lists(lists) => lists.categories.iter().map(|category| category.name.as_str()).collect(),
    };
    index.remember(phrases.frame_words().into_iter().chain(names));
    index
}

/// Cards decided together: enough to share among the cores, few enough that
/// their slots take little room (a deck of 100,000 entries has 400,000). A
/// deck with fewer is decided on the calling thread alone.
const DECIDE_BATCH: usize = 4096;

/// How many entries on each side of a question's own entry (in deck order)
/// its distractors are drawn from. A deck with up to `2 × NEIGHBOURS + 1`
/// entries — every deck shipped — offers every entry; a larger one offers
/// the nearest ones, where authors keep related material, so that a question
/// costs the same in a deck of any size.
pub const NEIGHBOURS: usize = 32;

/// The indexes near `center` in `0..len`: `2 × NEIGHBOURS + 1` of them,
/// shifted at the ends to keep the count.
#[must_use]
pub fn neighbourhood(len: usize, center: usize) -> Range<usize> {
    let width = 2 * NEIGHBOURS + 1;
    let start = center.saturating_sub(NEIGHBOURS).min(len.saturating_sub(width));
    start..(start + width).min(len)
}

/// What a deck's questions share, worked out once per deck and kept by
/// whoever asks many questions of it (the study catalog).
#[derive(Debug, Default)]
pub struct DeckCache {
    /// Near-duplicates among the deck's texts.
    index: OnceLock<index::TextIndex>,
    /// Lists only: the categories holding each item (see `lists::holding_index`).
    list_holding: OnceLock<lists::Holding>,
    /// Lists only: for each list, once asked, the lists most alike it (see
    /// `lists::alike_lists`).
    lists_alike: OnceLock<Vec<OnceLock<AlikeLists>>>,
    /// Each entry's position by id: table rows, FAQ entries, list items
    /// (counted across the lists, in deck order).
    positions: OnceLock<Positions>,
    /// FAQ only: each entry's texts by their ids in the index, and the
    /// entries asking each question text.
    faq_texts: OnceLock<faq::Texts>,
    /// FAQ only: which entries ask the same kind of question.
    frames: OnceLock<frames::Frames>,
    /// FAQ only: for each entry, once asked, another asking nearly the same
    /// question with a different answer (see `faq::twin`): three of an
    /// entry's four cards ask it.
    faq_twins: OnceLock<Vec<OnceLock<Option<u32>>>>,
    /// The author's `same` pairs, grouped.
    same: OnceLock<SameGroups>,
}

/// The lists most alike one list, each with its tier (see `lists::alike_lists`).
type AlikeLists = Vec<(u8, usize)>;

/// A deck prepared for generating questions.
#[derive(Debug)]
pub struct Generator<'d> {
    deck: &'d Deck,
    phrases: &'static Phrasebook,
    /// Texts prepared for comparison, each once: a deck of 400 entries
    /// compares every answer with every other.
    comparables: RefCell<HashMap<String, Rc<Comparable>>>,
    cache: Arc<DeckCache>,
    /// Deciding which cards exist, not showing questions: a choice question
    /// stops at its first fitting wrong option (see `options::build`).
    deciding: bool,
}

impl<'d> Generator<'d> {
    #[must_use]
    pub fn new(deck: &'d Deck) -> Self {
        Generator::with_cache(deck, Arc::default())
    }

    /// A generator reusing what earlier generators of the same deck worked out.
    #[must_use]
    pub fn with_cache(deck: &'d Deck, cache: Arc<DeckCache>) -> Self {
        Generator {
            deck,
            phrases: Phrasebook::for_language(&deck.language),
            comparables: RefCell::default(),
            cache,
            deciding: false,
        }
    }

    /// The slot a card id names, read from the id alone: for callers that
    /// already know the deck has the card.
    #[must_use]
    pub fn slot_of(&self, card: &CardId) -> Option<Slot> {
        let rest = card.0.strip_prefix(&self.deck.id)?.strip_prefix('/')?;
        let (item, kind) = rest.rsplit_once('/')?;
        Some(Slot {
            item: item.to_owned(),
            kind: QuestionKind::from_name(kind)?,
            path: FieldPath::Unplaced,
            entry: None,
        })
    }

    #[must_use]
    pub fn deck(&self) -> &'d Deck {
        self.deck
    }

    /// Every card slot of the deck, generatable or not, in deck order.
    #[must_use]
    pub fn slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        self.each_slot(|slot| slots.push(slot));
        slots
    }

    /// Hands each slot of [`Generator::slots`] to `each` in turn, without
    /// keeping them: a deck of 100,000 entries has 400,000.
    pub fn each_slot(&self, mut each: impl FnMut(Slot)) {
        let mut used = |slot: Slot| {
            if self.uses(slot.kind) {
                each(slot);
            }
        };
        match &self.deck.content {
            Content::Table(table) => table::slots(table, &mut used),
            Content::Faq(faq) => faq::slots(faq, &mut used),
            Content::Lists(lists) => lists::slots(lists, self.same(), &mut used),
        }
    }

    /// The slot behind a card id of this deck, if the deck has it.
    #[must_use]
    pub fn slot_for(&self, card: &CardId) -> Option<Slot> {
        let rest = card.0.strip_prefix(&self.deck.id)?.strip_prefix('/')?;
        let (item, kind) = rest.rsplit_once('/')?;
        let kind = QuestionKind::from_name(kind)?;
        self.slots().into_iter().find(|slot| slot.kind == kind && slot.item == item)
    }

    #[must_use]
    pub fn card_id(&self, slot: &Slot) -> CardId {
        slot.card(&self.deck.id)
    }

    /// At least as many as the deck's slots (see [`Generator::each_slot`]),
    /// without making them.
    fn slot_bound(&self) -> usize {
        match &self.deck.content {
            Content::Table(table) => table::slot_bound(table),
            Content::Faq(faq) => faq::slot_bound(faq),
            Content::Lists(lists) => lists::slot_bound(lists),
        }
    }

    /// Works out what every question of the deck reads (see [`DeckCache`]),
    /// where a question would work it out when first asked.
    fn prepare(&self) {
        self.same();
        self.position("");
        if let Content::Faq(faq) = &self.deck.content {
            // An FAQ's frames are built beside its index (neither reads the
            // other): what the index leaves of the cores, its stretches on
            // one, the frames use.
            let (deck, phrases, cache) = (self.deck, self.phrases, &*self.cache);
            rayon::join(
                || cache.index.get_or_init(|| deck_index(deck, phrases)),
                || cache.frames.get_or_init(|| frames::Frames::new(faq)),
            );
        }
        self.index();
        match &self.deck.content {
            Content::Table(_) => {}
            Content::Faq(faq) => {
                self.faq_texts(faq);
            }
            Content::Lists(lists) => {
                self.list_holding(lists);
            }
        }
    }

    /// The author's `same` pairs, grouped (see [`SameGroups`]).
    fn same(&self) -> &SameGroups {
        self.cache.same.get_or_init(|| SameGroups::new(&self.deck.same))
    }

    /// The question for a slot with a seed, or why the slot cannot be asked.
    pub fn question(&self, slot: &Slot, seed: u64) -> Result<Question, Skip> {
        let id = self.card_id(slot);
        let draft = self.draft(slot, &mut rng_for(seed, &id.0))?;
        Ok(Question {
            id,
            deck: self.deck.id.clone(),
            item: slot.item.clone(),
            kind: slot.kind,
            prompt: draft.prompt,
            options: draft.options,
            correct: draft.correct,
            answer: draft.answer,
            lefts: draft.lefts,
            accepted: draft.accepted,
            context: draft.context,
        })
    }

    /// Whether a slot's question can be made, without writing it: what
    /// [`decide`] asks of every card. Whether it can is never up to the seed
    /// (see `options::build`), so no card id is made to seed it.
    fn can_make(&self, slot: &Slot) -> Result<(), Skip> {
        self.draft(slot, &mut rng_for(0, "")).map(drop)
    }

    /// A slot's question before it is dressed as a [`Question`], or why
    /// the slot cannot be asked.
    fn draft(&self, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
        let draft = match &self.deck.content {
            Content::Table(table) => table::question(self, table, slot, rng),
            Content::Faq(faq) => faq::question(self, faq, slot, rng),
            Content::Lists(lists) => lists::question(self, lists, slot, rng),
        }?;
        match self.giveaway(slot.kind, &draft) {
            Some(given) => Err(Skip::GivesAnswerAway { given }),
            None => Ok(draft),
        }
    }

    /// The right answer, when the prompt already states it: "Capital of
    /// Singapore?" with Singapore to find. Such a question tests reading, not
    /// memory, and is not asked (masking the word would leave a riddle).
    fn giveaway(&self, kind: QuestionKind, draft: &Draft) -> Option<String> {
        let right: Vec<&str> = match kind {
            QuestionKind::TrueFalse | QuestionKind::Matching => return None,
            QuestionKind::TypedAnswer => draft.accepted.iter().map(String::as_str).collect(),
            _ if draft.options.is_empty() => vec![draft.answer.as_str()],
            _ => draft.correct.iter().filter_map(|&index| draft.options.get(index)).map(String::as_str).collect(),
        };
        // By token numbers (`Comparable::holds`'s answer): most prompts and
        // answers are the deck's own texts, tokenised once for its index.
        let index = self.index();
        let mut unknown = index::Unknown::default();
        let prompt = Prompt { text: &draft.prompt, values: &draft.prompt_values };
        let prompt = index.numbered_prompt(prompt, draft.ids, |token| unknown.add(token));
        let right_id = if right.len() == 1 { draft.ids.right } else { None };
        let elsewhere = right.len() == 1 && draft.ids.right_elsewhere;
        right
            .into_iter()
            .find(|text| {
                let id = right_id.or_else(|| if elsewhere { None } else { index.id_of(text) });
                prompt.holds(&index.numbered_known(text, id, |token| unknown.get(token)))
            })
            .map(str::to_owned)
    }

    fn uses(&self, kind: QuestionKind) -> bool {
        self.deck.kinds.is_empty() || self.deck.kinds.contains(&kind)
    }

    /// Whether two entries (by reference) say the same thing: marked by the
    /// author, or texts that are near-duplicates.
    fn alike(&self, (ref_a, text_a): (&str, &str), (ref_b, text_b): (&str, &str)) -> bool {
        self.same().same(ref_a, ref_b) || self.near_duplicate(text_a, text_b)
    }

    /// Whether two texts are near-duplicates by this deck's weights, which
    /// make light of its boilerplate words (see `docs/deck-format.md`, "How
    /// texts are compared").
    #[must_use]
    pub fn near_duplicate(&self, a: &str, b: &str) -> bool {
        self.index().near_duplicate(a, b)
    }

    /// The deck's texts indexed for near-duplicates.
    pub(super) fn index(&self) -> &index::TextIndex {
        self.cache.index.get_or_init(|| deck_index(self.deck, self.phrases))
    }

    /// The categories holding an item or one that says the same.
    fn list_holding(&self, lists: &crate::core::deck::Lists) -> &lists::Holding {
        self.cache.list_holding.get_or_init(|| lists::holding_index(self, lists))
    }

    /// The lists most alike list `list` (see `lists::alike_lists`).
    fn lists_alike(&self, lists: &crate::core::deck::Lists, list: usize) -> &[(u8, usize)] {
        once_each(&self.cache.lists_alike, lists.categories.len(), list, || lists::alike_lists(self, lists, list))
            .map_or(&[], Vec::as_slice)
    }

    /// An entry's position in deck order, by id (see [`DeckCache`]).
    fn position(&self, id: &str) -> Option<usize> {
        self.positions().get(self.deck, id)
    }

    /// Each entry's position in deck order by its id (see [`DeckCache`]).
    fn positions(&self) -> &Positions {
        self.cache.positions.get_or_init(|| Positions::new(self.deck))
    }

    /// FAQ: each entry's texts by their ids in the index, and the entries
    /// asking each question (see [`faq::Texts`]).
    fn faq_texts(&self, faq: &crate::core::deck::Faq) -> &faq::Texts {
        self.cache.faq_texts.get_or_init(|| faq::Texts::new(self.index(), faq))
    }

    /// FAQ: the first other entry asking nearly the same question as entry
    /// `position` with a different answer (see `faq::twin`), worked out once.
    fn faq_twin(&self, faq: &crate::core::deck::Faq, position: usize) -> Option<usize> {
        let twin = once_each(&self.cache.faq_twins, faq.entries.len(), position, || {
            faq::twin(self, faq, position).and_then(|at| u32::try_from(at).ok())
        })?;
        twin.map(|at| at as usize)
    }

    /// FAQ: which entries ask the same kind of question (see [`frames`]).
    fn frames(&self, faq: &crate::core::deck::Faq) -> &frames::Frames {
        self.cache.frames.get_or_init(|| frames::Frames::new(faq))
    }

    /// A text prepared for comparison, from the cache.
    fn comparable(&self, text: &str) -> Rc<Comparable> {
        if let Some(found) = self.comparables.borrow().get(text) {
            return Rc::clone(found);
        }
        let made = Rc::new(Comparable::new(text));
        self.comparables.borrow_mut().insert(text.to_owned(), Rc::clone(&made));
        made
    }
}

/// Item `at` of `count` worked out once, when first asked, in `cells` (made
/// on first use): for what a deck's questions ask of one entry or list.
fn once_each<T>(cells: &OnceLock<Vec<OnceLock<T>>>, count: usize, at: usize, make: impl FnOnce() -> T) -> Option<&T> {
    let each = cells.get_or_init(|| (0..count).map(|_| OnceLock::new()).collect());
    Some(each.get(at)?.get_or_init(make))
}

/// What a kind-specific generator returns; [`Generator::question`] adds the ids.
#[derive(Debug, Default)]
struct Draft {
    prompt: String,
    /// Where the values put in the prompt's frame stand (see `Filled`).
    prompt_values: Vec<Range<usize>>,
    options: Vec<String>,
    correct: Vec<usize>,
    answer: String,
    lefts: Vec<String>,
    accepted: Vec<String>,
    context: String,
    ids: Known,
}

/// The ids in the deck's index of a question's prompt, where it is a deck
/// text whole, of the one deck text put in its frame beside the names
/// there, where it is framed, and of its one right answer, where the deck's
/// code knows them (an FAQ's texts, see `faq::Texts`, and a list's items,
/// read where the index was given them): else the index finds a text by
/// hashing it and comparing its copy, read from anywhere in memory, for
/// each of a large deck's questions.
#[derive(Debug, Clone, Copy, Default)]
struct Known {
    prompt: Option<usize>,
    framed: Option<usize>,
    right: Option<usize>,
    /// The right answer is none of the texts the index was given (a list
    /// item's detail): not looked for there, a probe of its table from
    /// anywhere in memory that finds nothing. Numbered token by token, as
    /// a text it holds would be.
    right_elsewhere: bool,
}

impl Draft {
    /// A draft asking a filled frame.
    fn asking(prompt: Filled) -> Draft {
        Draft { prompt: prompt.text, prompt_values: prompt.values, ..Draft::default() }
    }
}

type Rng = ChaCha8Rng;

/// The author's `same` pairs, closed under "says the same as".
#[derive(Debug, Default)]
struct SameGroups {
    /// Each member's group.
    group_of: FxHashMap<String, usize>,
    /// Each group's members, sorted.
    groups: Vec<Vec<String>>,
}

impl SameGroups {
    /// The groups by union–find: a deck of thousands of pairs is grouped in
    /// one pass, not by scanning every group for each pair.
    fn new(pairs: &[(String, String)]) -> Self {
        let mut number: HashMap<&str, usize> = HashMap::new();
        let mut parent: Vec<usize> = Vec::new();
        for (a, b) in pairs {
            let (a, b) = (union_number(&mut number, &mut parent, a), union_number(&mut number, &mut parent, b));
            let (a, b) = (union_root(&mut parent, a), union_root(&mut parent, b));
            parent[a.max(b)] = a.min(b);
        }
        let mut members: Vec<(&str, usize)> = number.into_iter().collect();
        members.sort_unstable();
        let mut group_at: HashMap<usize, usize> = HashMap::new();
        let mut same = SameGroups::default();
        for (member, at) in members {
            let top = union_root(&mut parent, at);
            let group = *group_at.entry(top).or_insert_with(|| {
                same.groups.push(Vec::new());
                same.groups.len() - 1
            });
            same.groups[group].push(member.to_owned());
            same.group_of.insert(member.to_owned(), group);
        }
        same
    }

    /// The other entries marked as saying the same as `reference`, in the
    /// order of their ids.
    fn members<'s>(&'s self, reference: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let group = self.group_of.get(reference).map_or(&[][..], |&group| self.groups[group].as_slice());
        group.iter().map(String::as_str).filter(move |member| *member != reference)
    }

    fn same(&self, a: &str, b: &str) -> bool {
        a == b || matches!((self.group_of.get(a), self.group_of.get(b)), (Some(x), Some(y)) if x == y)
    }

    /// Whether the deck marks no entries as saying the same.
    fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// A member's number in a union–find forest, given on first sight as a
/// root of its own.
fn union_number<'p>(number: &mut HashMap<&'p str, usize>, parent: &mut Vec<usize>, member: &'p str) -> usize {
    *number.entry(member).or_insert_with(|| {
        parent.push(parent.len());
        parent.len() - 1
    })
}

/// The root of `at`'s tree, halving the path on the way.
fn union_root(parent: &mut [usize], mut at: usize) -> usize {
    while parent[at] != at {
        parent[at] = parent[parent[at]];
        at = parent[at];
    }
    at
}

#[cfg(test)]
mod tests;
