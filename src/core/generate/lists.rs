//! Questions from grouped lists.

use std::collections::HashMap;

use super::options::{Distractor, Likeness, build};
use super::{Draft, Generator, Rng, Slot};
use crate::core::deck::{Category, Item, Lists};
use crate::core::phrases::fill;
use crate::core::question::QuestionKind;

pub(super) fn slots(lists: &Lists) -> Vec<Slot> {
    let mut slots = Vec::new();
    for (category_index, category) in lists.categories.iter().enumerate() {
        for (item_index, item) in category.items.iter().enumerate() {
            let path = format!("content.categories[{category_index}].items[{item_index}]");
            for kind in [QuestionKind::WhichCategory, QuestionKind::WhichBelongs, QuestionKind::DetailRecall] {
                if kind == QuestionKind::DetailRecall && item.detail.trim().is_empty() {
                    continue;
                }
                slots.push(Slot { item: item.id.clone(), kind, path: path.clone() });
            }
        }
    }
    slots
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
}

pub(super) fn question(generator: &Generator, lists: &Lists, slot: &Slot, rng: &mut Rng) -> Result<Draft, String> {
    let placed = all_items(lists).find(|placed| placed.item.id == slot.item).ok_or("no such item")?;
    let list = ListQuestion { generator, lists, placed };
    match slot.kind {
        QuestionKind::WhichCategory => list.which_category(rng),
        QuestionKind::WhichBelongs => list.which_belongs(rng),
        QuestionKind::DetailRecall => Ok(list.detail_recall()),
        other => Err(format!("{other} does not apply to lists")),
    }
}

fn all_items(lists: &Lists) -> impl Iterator<Item = Placed<'_>> {
    lists.categories.iter().flat_map(|category| category.items.iter().map(move |item| Placed { item, category }))
}

impl ListQuestion<'_> {
    fn alike(&self, a: &Item, b: &Item) -> bool {
        self.generator.alike((&a.id, &a.text), (&b.id, &b.text))
    }

    /// Ids of the categories that hold this item or anything that says the
    /// same: each of them is a right answer to "which list holds this?".
    fn holding(&self, item: &Item) -> Vec<String> {
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

    fn which_category(&self, rng: &mut Rng) -> Result<Draft, String> {
        let Placed { item, category } = self.placed;
        let holding = self.holding(item);
        let candidates = self
            .lists
            .categories
            .iter()
            .filter(|other| !holding.contains(&other.id))
            .map(|other| Distractor { tier: 0, text: other.name.clone() })
            .collect();
        let (options, correct) = build(self.generator, rng, Likeness::Names, &category.name, candidates)
            .ok_or("every other list holds this item or one that says the same")?;
        Ok(Draft {
            prompt: fill(self.generator.phrases.which_category, &[("text", &item.text)]),
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
    fn which_belongs(&self, rng: &mut Rng) -> Result<Draft, String> {
        let Placed { item, category } = self.placed;
        let members: Vec<&Item> = all_items(self.lists)
            .filter(|placed| placed.category.id == category.id || placed.item.also_in.contains(&category.id))
            .map(|placed| placed.item)
            .collect();
        let mut candidates: Vec<(f64, Distractor)> = Vec::new();
        for other in all_items(self.lists) {
            let belongs = self.holding(other.item).contains(&category.id);
            if belongs || members.iter().any(|member| self.alike(member, other.item)) {
                continue;
            }
            let sibling =
                self.generator.comparable(&category.name).share(&self.generator.comparable(&other.category.name));
            candidates.push((sibling, Distractor { tier: 0, text: other.item.text.clone() }));
        }
        // Rank by how alike the lists are (the tier carries it, in tenths);
        // an option far longer or shorter than the right one gives itself
        // away, so those come after every option of a fitting length.
        let length = item.text.chars().count();
        let candidates = candidates
            .into_iter()
            .map(|(sibling, mut distractor)| {
                let other = distractor.text.chars().count();
                let misfit = other > length * 2 + 4 || length > other * 2 + 4;
                distractor.tier = tier_from_share(sibling) + if misfit { 11 } else { 0 };
                distractor
            })
            .collect();
        let (options, correct) = build(self.generator, rng, Likeness::Texts, &item.text, candidates)
            .ok_or("every other item belongs to this list or says the same")?;
        Ok(Draft {
            prompt: fill(self.generator.phrases.which_belongs, &[("category", &category.name)]),
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

/// A share of shared characters (0–1) as a tier, closest first.
fn tier_from_share(share: f64) -> u8 {
    let tenths = (share.clamp(0.0, 1.0) * 10.0).round();
    // In 0..=10 by the clamp, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths as u8;
    10 - tenths
}

/// For every item, the categories holding it or an item that says the same;
/// computed once per deck, as it compares every pair of items.
pub(super) fn holding_index(generator: &Generator, lists: &Lists) -> HashMap<String, Vec<String>> {
    let placed: Vec<Placed> = all_items(lists).collect();
    let mut index: HashMap<String, Vec<String>> = HashMap::new();
    for item in &placed {
        let mut holding = Vec::new();
        for other in &placed {
            if other.item.id == item.item.id
                || generator.alike((&item.item.id, &item.item.text), (&other.item.id, &other.item.text))
            {
                holding.push(other.category.id.clone());
                holding.extend(other.item.also_in.iter().cloned());
            }
        }
        index.insert(item.item.id.clone(), holding);
    }
    index
}
