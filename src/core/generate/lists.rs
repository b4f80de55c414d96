//! Questions from grouped lists.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::Cell;

use super::options::{Asked, Distractor, Likeness, build};
use super::packed::Packed;
use super::skip::Skip;
use super::{Draft, Generator, Known, Rng, SameGroups, Slot, neighbourhood};
use crate::core::deck::{Category, FieldPath, Item, Lists};
use crate::core::phrases::fill_marked;
use crate::core::question::QuestionKind;

/// The kinds of an item's questions.
const KINDS: [QuestionKind; 3] = [QuestionKind::WhichCategory, QuestionKind::WhichBelongs, QuestionKind::DetailRecall];

/// At least as many as [`slots`] gives.
pub(super) fn slot_bound(lists: &Lists) -> usize {
    lists.categories.iter().map(|category| category.items.len()).sum::<usize>() * KINDS.len()
}

pub(super) fn slots(lists: &Lists, same: &SameGroups, each: &mut dyn FnMut(Slot)) {
    let category_of: FxHashMap<&str, &str> =
        all_items(lists).map(|placed| (placed.item.id.as_str(), placed.category.id.as_str())).collect();
    // Items the author put in several lists — by `also_in`, or marked the
    // same as an item of another list — have no one list that holds them
    // (see `which_category`).
    let in_several = |item: &Item, category: &Category| {
        !item.also_in.is_empty()
            || same.members(&item.id).any(|member| category_of.get(member).is_some_and(|other| *other != category.id))
    };
    let mut position = 0;
    for (category_index, category) in lists.categories.iter().enumerate() {
        for (item_index, item) in category.items.iter().enumerate() {
            let entry = Some(position);
            position += 1;
            let path = FieldPath::Item(category_index, item_index);
            for kind in KINDS {
                if kind == QuestionKind::DetailRecall && item.detail.trim().is_empty() {
                    continue;
                }
                if kind == QuestionKind::WhichCategory && in_several(item, category) {
                    continue;
                }
                each(Slot { item: item.id.clone(), kind, path, entry });
            }
        }
    }
}

/// An item with the category it is written in.
#[derive(Clone, Copy)]
struct Placed<'a> {
    item: &'a Item,
    category: &'a Category,
}

struct ListQuestion<'a> {
    generator: &'a Generator<'a>,
    lists: &'a Lists,
    placed: Placed<'a>,
    /// The item's index in its list.
    place: usize,
    /// Its list's index in the deck.
    list: usize,
    /// The lists holding each item (see [`holding_index`]).
    holding: &'a Holding,
}

pub(super) fn question(generator: &Generator, lists: &Lists, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
    let (placed, place, list) = find_item(generator, lists, slot).ok_or(Skip::NoSuchEntry)?;
    let holding = generator.list_holding(lists);
    let list = ListQuestion { generator, lists, placed, place, list, holding };
    match slot.kind {
        QuestionKind::WhichCategory => list.which_category(rng),
        QuestionKind::WhichBelongs => list.which_belongs(rng),
        QuestionKind::DetailRecall => Ok(list.detail_recall()),
        other => Err(Skip::KindNotApplicable(other)),
    }
}

/// A slot's item, the list holding it, its place in that list and the
/// list's index.
fn find_item<'l>(generator: &Generator, lists: &'l Lists, slot: &Slot) -> Option<(Placed<'l>, usize, usize)> {
    let id = slot.item.as_str();
    slot.entry.and_then(|at| item_at(lists, id, at)).or_else(|| item_at(lists, id, generator.position(id)?))
}

/// The item at `position` in deck order (counted across the lists), if its
/// id is `id`, with its list and place as [`find_item`] gives them.
fn item_at<'l>(lists: &'l Lists, id: &str, mut position: usize) -> Option<(Placed<'l>, usize, usize)> {
    for (list, category) in lists.categories.iter().enumerate() {
        match category.items.get(position) {
            Some(item) if item.id == id => return Some((Placed { item, category }, position, list)),
            Some(_) => return None,
            None => position -= category.items.len(),
        }
    }
    None
}

fn all_items(lists: &Lists) -> impl Iterator<Item = Placed<'_>> {
    lists.categories.iter().flat_map(|category| category.items.iter().map(move |item| Placed { item, category }))
}

impl ListQuestion<'_> {
    /// The lists (by index) that hold this item or anything that says the
    /// same: each of them is a right answer to "which list holds this?".
    fn holding(&self) -> &[u32] {
        self.holding.of(self.holding.place(self.list, self.place))
    }

    /// Whether the list this item is asked of holds item `item` of list
    /// `list`, or one that says the same.
    fn holds(&self, list: usize, item: usize) -> bool {
        self.holding.of(self.holding.place(list, item)).contains(&u32::try_from(self.list).unwrap_or(u32::MAX))
    }

    /// The item's text id in the deck's index.
    fn text_id(&self) -> Option<usize> {
        self.text_id_of(self.list, self.place)
    }

    /// The text id in the deck's index of item `item` of list `list`: read
    /// where the index was given it, not found again by hashing the text
    /// and reading the index's copy of it from anywhere in memory.
    fn text_id_of(&self, list: usize, item: usize) -> Option<usize> {
        self.generator.index().given_ids().get(self.holding.place(list, item)).map(|&id| id as usize)
    }

    fn context(&self) -> String {
        // A question only decided is never shown: no context to write.
        if self.generator.deciding {
            return String::new();
        }
        let Placed { item, category } = self.placed;
        let colon = self.generator.phrases.colon;
        if item.detail.is_empty() {
            format!("{}{colon}{}", category.name, item.text)
        } else {
            format!("{}{colon}{}\n{}", category.name, item.text, item.detail)
        }
    }

    fn which_category(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let Placed { item, category } = self.placed;
        let holding = self.holding();
        // Asked of each holder's item, one prompt would expect a different
        // answer on each card; "which belongs to this list?" asks it instead.
        // (An item the author put in several lists has no such card at all;
        // this finds the ones found alike by their texts alone.)
        if holding.len() > 1 {
            return Err(Skip::InSeveralLists { item: item.text.clone(), lists: holding.len() });
        }
        let candidates = self
            .lists
            .categories
            .iter()
            .enumerate()
            .filter(|(at, _)| !holding.iter().any(|&list| list as usize == *at))
            .map(|(_, other)| Distractor::new(0, &other.name));
        let prompt = fill_marked(self.generator.phrases.which_category, &[("text", &item.text)]);
        let ids = Known { framed: self.text_id(), ..Known::default() };
        let asked = Asked { ids, ..Asked::new(prompt.prompt(), &category.name) };
        let (options, correct) =
            build(self.generator, rng, Likeness::Names, asked, candidates).ok_or(Skip::NoOtherList)?;
        Ok(Draft {
            options,
            correct: vec![correct],
            answer: category.name.clone(),
            context: self.context(),
            ids,
            ..Draft::asking(prompt)
        })
    }

    /// Distractors come from the lists most like this one (a sibling list such
    /// as the other discipline's advantages) and never say the same as any
    /// item of this list.
    fn which_belongs(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let Placed { item, category } = self.placed;
        // An option far longer or shorter than the right one gives itself
        // away, so those come after every option of a fitting length.
        let length = item.text.chars().count();
        // Gathered lazily, list by list, until `CANDIDATES` are in hand: a
        // question only decided stops at the first that fits.
        let gathered = Cell::new(0);
        let candidates = self
            .generator
            .lists_alike(self.lists, self.list)
            .iter()
            .take_while(|_| gathered.get() < CANDIDATES)
            .flat_map(|&(tier, list)| {
                let other = &self.lists.categories[list];
                // The items nearest this one's place in its own list (see
                // `NEIGHBOURS`); none of this list's own, which it holds.
                let center = self.place * other.items.len() / category.items.len().max(1);
                neighbourhood(other.items.len(), center).map(move |at| (tier, list, at, &other.items[at]))
            })
            // Held by this list, or saying the same as an item it holds
            // (whose list is then among the holders too).
            .filter(|&(_, list, at, _)| !self.holds(list, at))
            .map(|(tier, list, at, candidate)| {
                gathered.set(gathered.get() + 1);
                let other_length = candidate.text.chars().count();
                let misfit = other_length > length * 2 + 4 || length > other_length * 2 + 4;
                let id = self.text_id_of(list, at);
                Distractor { id, ..Distractor::new(tier + if misfit { 11 } else { 0 }, &candidate.text) }
            });
        let prompt = fill_marked(self.generator.phrases.which_belongs, &[("category", &category.name)]);
        let ids = Known { right: self.text_id(), ..Known::default() };
        let asked = Asked { ids, ..Asked::new(prompt.prompt(), &item.text) };
        let (options, correct) =
            build(self.generator, rng, Likeness::Texts, asked, candidates).ok_or(Skip::NoOtherItem)?;
        Ok(Draft {
            options,
            correct: vec![correct],
            answer: item.text.clone(),
            ids,
            context: self.context(),
            ..Draft::asking(prompt)
        })
    }

    fn detail_recall(&self) -> Draft {
        let Placed { item, category } = self.placed;
        let slots = [("category", category.name.as_str()), ("text", &item.text)];
        Draft {
            answer: item.detail.clone(),
            context: self.context(),
            ids: Known { framed: self.text_id(), right_elsewhere: true, ..Known::default() },
            ..Draft::asking(fill_marked(self.generator.phrases.detail_recall, &slots))
        }
    }
}

/// Enough distractor candidates for one question: the lists closest to the
/// item's own are visited until this many are gathered (in the decks
/// shipped, every list is).
const CANDIDATES: usize = 2 * super::options::POOL;

/// A share of shared characters (0–1) as a tier, closest first.
fn tier_from_share(share: f64) -> u8 {
    let tenths = (share.clamp(0.0, 1.0) * 10.0).round();
    // In 0..=10 by the clamp, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths as u8;
    10 - tenths
}

/// The lists near list `list` in the deck (see `NEIGHBOURS`), itself left
/// out, most alike by name first as a tier (see [`tier_from_share`]), in
/// deck order otherwise: where a "which belongs to this list?" question
/// looks for wrong options first (a sibling list such as the other
/// discipline's advantages). A deck of many lists compares each with its
/// neighbours only, not with every other.
pub(super) fn alike_lists(generator: &Generator, lists: &Lists, list: usize) -> Vec<(u8, usize)> {
    let name = generator.comparable(&lists.categories[list].name);
    let mut others: Vec<(u8, usize)> = neighbourhood(lists.categories.len(), list)
        .filter(|&other| other != list)
        .map(|other| (tier_from_share(name.share(&generator.comparable(&lists.categories[other].name))), other))
        .collect();
    // Stable: deck order among lists of one tier.
    others.sort_by_key(|(tier, _)| *tier);
    others
}

/// For every item, the lists holding it or an item that says the same: its
/// own, those of items with a near-duplicate text, those of items the author
/// marked the same; each as the list's index in the deck. Worked out once
/// per deck from the text index, by numbers: items by their place in the
/// deck (counted across the lists), texts by their id in the index.
#[derive(Debug, Default)]
pub struct Holding {
    /// Item (its place in the deck) → the indexes of the lists holding it,
    /// sorted.
    lists: Packed,
    /// Where each list's first item stands in the deck.
    starts: Vec<usize>,
}

impl Holding {
    /// The lists holding the item at `place` in the deck.
    pub(super) fn of(&self, place: usize) -> &[u32] {
        self.lists.get(place).unwrap_or_default()
    }

    /// The place in the deck of item `item` of list `list`.
    pub(super) fn place(&self, list: usize, item: usize) -> usize {
        self.starts.get(list).map_or(usize::MAX, |start| start + item)
    }
}

/// Items whose holding lists are found together on one core.
const HOLDING_RUN: usize = 4096;

pub(super) fn holding_index(generator: &Generator, lists: &Lists) -> Holding {
    let index = generator.index();
    let number = |list: usize| u32::try_from(list).unwrap_or(u32::MAX);
    let list_of: FxHashMap<&str, u32> =
        lists.categories.iter().enumerate().map(|(at, category)| (category.id.as_str(), number(at))).collect();
    let mut starts = Vec::with_capacity(lists.categories.len());
    let mut items: Vec<(u32, &Item)> = Vec::new();
    for (list, category) in lists.categories.iter().enumerate() {
        starts.push(items.len());
        items.extend(category.items.iter().map(|item| (number(list), item)));
    }
    // The index was given the items' texts in this order (see `deck_index`).
    let texts = index.given_ids();
    debug_assert_eq!(texts.len(), items.len(), "the index holds each item's text");
    // Each item's lists (its own, then those it is also in) by its place,
    // end to end: the items alike an item are anywhere in the deck, and
    // reading each one's `also_in` from its `Item` missed the cache at
    // nearly every read of a 100,000-item deck.
    let mut lists_at = Packed::default();
    let mut own: Vec<u32> = Vec::new();
    for (list, item) in &items {
        own.clear();
        own.push(*list);
        own.extend(item.also_in.iter().filter_map(|id| list_of.get(id.as_str())));
        lists_at.push(&own);
    }
    // Text id in the index → the lists of the items of that text: what an
    // item reads of each text alike its own, in one place rather than
    // item by item (a text of a large deck has several partners, each
    // read from anywhere in memory).
    let text_lists: Vec<(usize, u32)> = texts
        .iter()
        .enumerate()
        .filter_map(|(place, &text)| Some((text as usize, lists_at.get(place)?)))
        .flat_map(|(text, lists)| lists.iter().map(move |&list| (text, list)))
        .collect();
    let text_lists = Packed::grouped(index.len(), &text_lists);
    // Over the cores, a run of items at a time, the runs' lists joined in
    // deck order.
    let (same, positions) = (generator.same(), generator.positions());
    let runs: Vec<Packed> = items
        .par_chunks(HOLDING_RUN)
        .enumerate()
        .map(|(run, chunk)| {
            let mut holding = Packed::default();
            let mut held: Vec<u32> = Vec::new();
            for (offset, (_, item)) in chunk.iter().enumerate() {
                let place = run * HOLDING_RUN + offset;
                held.clear();
                held.extend_from_slice(lists_at.get(place).unwrap_or_default());
                let alike = texts
                    .get(place)
                    .into_iter()
                    .flat_map(|&text| std::iter::once(text as usize).chain(index.partner_ids(text as usize)));
                for text in alike {
                    held.extend_from_slice(text_lists.get(text).unwrap_or_default());
                }
                for other in same.members(&item.id).filter_map(|member| positions.get(generator.deck, member)) {
                    held.extend_from_slice(lists_at.get(other).unwrap_or_default());
                }
                held.sort_unstable();
                held.dedup();
                holding.push(&held);
            }
            holding
        })
        .collect();
    let mut holding = Packed::default();
    for run in &runs {
        holding.append(run);
    }
    Holding { lists: holding, starts }
}
