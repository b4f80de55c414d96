//! Questions from grouped lists.

use std::cell::Cell;
use std::collections::HashMap;

use super::options::{Distractor, Likeness, build};
use super::skip::Skip;
use super::{Draft, Generator, Rng, SameGroups, Slot, neighbourhood};
use crate::core::deck::{Category, Item, Lists};
use crate::core::phrases::fill;
use crate::core::question::QuestionKind;

pub(super) fn slots(lists: &Lists, same: &SameGroups, each: &mut dyn FnMut(Slot)) {
    let category_of: HashMap<&str, &str> =
        all_items(lists).map(|placed| (placed.item.id.as_str(), placed.category.id.as_str())).collect();
    // Items the author put in several lists — by `also_in`, or marked the
    // same as an item of another list — have no one list that holds them
    // (see `which_category`).
    let in_several = |item: &Item, category: &Category| {
        !item.also_in.is_empty()
            || same.members(&item.id).any(|member| category_of.get(member).is_some_and(|other| *other != category.id))
    };
    for (category_index, category) in lists.categories.iter().enumerate() {
        for (item_index, item) in category.items.iter().enumerate() {
            let path = format!("content.categories[{category_index}].items[{item_index}]");
            for kind in [QuestionKind::WhichCategory, QuestionKind::WhichBelongs, QuestionKind::DetailRecall] {
                if kind == QuestionKind::DetailRecall && item.detail.trim().is_empty() {
                    continue;
                }
                if kind == QuestionKind::WhichCategory && in_several(item, category) {
                    continue;
                }
                each(Slot { item: item.id.clone(), kind, path: path.clone() });
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
}

pub(super) fn question(generator: &Generator, lists: &Lists, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
    let (placed, place, list) = find_item(generator, lists, &slot.item).ok_or(Skip::NoSuchEntry)?;
    let list = ListQuestion { generator, lists, placed, place, list };
    match slot.kind {
        QuestionKind::WhichCategory => list.which_category(rng),
        QuestionKind::WhichBelongs => list.which_belongs(rng),
        QuestionKind::DetailRecall => Ok(list.detail_recall()),
        other => Err(Skip::KindNotApplicable(other)),
    }
}

/// An item by id, the list holding it, its place in that list and the
/// list's index.
fn find_item<'l>(generator: &Generator, lists: &'l Lists, id: &str) -> Option<(Placed<'l>, usize, usize)> {
    let mut position = generator.position(id)?;
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
    /// Ids of the categories that hold this item or anything that says the
    /// same: each of them is a right answer to "which list holds this?".
    fn holding(&self, item: &Item) -> &[String] {
        self.generator.list_holding(self.lists, &item.id)
    }

    fn context(&self) -> String {
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
        let holding = self.holding(item);
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
            .filter(|other| !holding.contains(&other.id))
            .map(|other| Distractor { tier: 0, text: other.name.clone() });
        let prompt = fill(self.generator.phrases.which_category, &[("text", &item.text)]);
        let (options, correct) = build(self.generator, rng, Likeness::Names, &prompt, &category.name, candidates)
            .ok_or(Skip::NoOtherList)?;
        Ok(Draft {
            prompt,
            options,
            correct: vec![correct],
            answer: category.name.clone(),
            context: self.context(),
            ..Draft::default()
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
            .flat_map(|&(tier, other)| {
                let other = &self.lists.categories[other];
                // The items nearest this one's place in its own list (see
                // `NEIGHBOURS`); none of this list's own, which it holds.
                let center = self.place * other.items.len() / category.items.len().max(1);
                other.items[neighbourhood(other.items.len(), center)].iter().map(move |candidate| (tier, candidate))
            })
            // Held by this list, or saying the same as an item it holds
            // (whose list is then among the holders too).
            .filter(|(_, candidate)| !self.holding(candidate).contains(&category.id))
            .map(|(tier, candidate)| {
                gathered.set(gathered.get() + 1);
                let other_length = candidate.text.chars().count();
                let misfit = other_length > length * 2 + 4 || length > other_length * 2 + 4;
                Distractor { tier: tier + if misfit { 11 } else { 0 }, text: candidate.text.clone() }
            });
        let prompt = fill(self.generator.phrases.which_belongs, &[("category", &category.name)]);
        let (options, correct) =
            build(self.generator, rng, Likeness::Texts, &prompt, &item.text, candidates).ok_or(Skip::NoOtherItem)?;
        Ok(Draft {
            prompt,
            options,
            correct: vec![correct],
            answer: item.text.clone(),
            context: self.context(),
            ..Draft::default()
        })
    }

    fn detail_recall(&self) -> Draft {
        let Placed { item, category } = self.placed;
        Draft {
            prompt: fill(self.generator.phrases.detail_recall, &[("category", &category.name), ("text", &item.text)]),
            answer: item.detail.clone(),
            context: self.context(),
            ..Draft::default()
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

/// For every item, the categories holding it or an item that says the same:
/// its own, those of items with a near-duplicate text, those of items the
/// author marked the same. Computed once per deck from the text index.
pub(super) fn holding_index(generator: &Generator, lists: &Lists) -> HashMap<String, Vec<String>> {
    let mut by_text: HashMap<&str, Vec<Placed>> = HashMap::new();
    let mut by_id: HashMap<&str, Placed> = HashMap::new();
    for placed in all_items(lists) {
        by_text.entry(placed.item.text.as_str()).or_default().push(placed);
        by_id.insert(placed.item.id.as_str(), placed);
    }
    let mut index: HashMap<String, Vec<String>> = HashMap::new();
    for placed in all_items(lists) {
        let text = placed.item.text.as_str();
        let mut holding: Vec<String> = Vec::new();
        let alike_texts = std::iter::once(text).chain(generator.index().partners(text));
        let same = generator.same.members(&placed.item.id).filter_map(|member| by_id.get(member));
        for other in alike_texts.flat_map(|other| by_text.get(other).into_iter().flatten()).chain(same) {
            holding.push(other.category.id.clone());
            holding.extend(other.item.also_in.iter().cloned());
        }
        holding.sort_unstable();
        holding.dedup();
        index.insert(placed.item.id.clone(), holding);
    }
    index
}
