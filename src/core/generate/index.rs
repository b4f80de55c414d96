//! Near-duplicates among a deck's texts, found once per deck without
//! comparing every pair: an inverted index from tokens to texts, and prefix
//! filtering — two texts sharing three quarters of their tokens must share
//! one of the rarest quarter (plus one) of either, and a text contained in
//! another shares its own rarest token with it. Each candidate pair is then
//! confirmed by [`Comparable::near_duplicate`], so the answers are exactly
//! those of comparing every pair.

use std::collections::{HashMap, HashSet};

use crate::core::text::Comparable;

#[derive(Debug, Default)]
pub struct TextIndex {
    ids: HashMap<String, usize>,
    texts: Vec<String>,
    /// For each text, the texts that are its near-duplicates.
    partners: Vec<Vec<usize>>,
    /// Token → texts holding it, for finding related texts.
    postings: HashMap<String, Vec<usize>>,
    /// Each text's distinct tokens, rarest first.
    rare_first: Vec<Vec<String>>,
}

impl TextIndex {
    /// Indexes distinct texts.
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>) -> TextIndex {
        let mut index = TextIndex::default();
        let mut comparables: Vec<Comparable> = Vec::new();
        for text in texts {
            if index.ids.contains_key(text) {
                continue;
            }
            index.ids.insert(text.to_owned(), comparables.len());
            index.texts.push(text.to_owned());
            comparables.push(Comparable::new(text));
        }
        for (id, comparable) in comparables.iter().enumerate() {
            let mut seen = HashSet::new();
            for token in comparable.tokens() {
                if seen.insert(token) {
                    index.postings.entry(token.clone()).or_default().push(id);
                }
            }
        }
        index.rare_first = comparables
            .iter()
            .map(|comparable| {
                let mut tokens: Vec<String> = comparable.tokens().to_vec();
                tokens.sort_unstable();
                tokens.dedup();
                tokens.sort_by_key(|token| (index.postings.get(token).map_or(0, Vec::len), token.clone()));
                tokens
            })
            .collect();
        let mut by_normalized: HashMap<&str, Vec<usize>> = HashMap::new();
        for (id, comparable) in comparables.iter().enumerate() {
            by_normalized.entry(comparable.normalized.as_str()).or_default().push(id);
        }
        let mut pairs: HashSet<(usize, usize)> = HashSet::new();
        for ids in by_normalized.values() {
            for (position, &a) in ids.iter().enumerate() {
                for &b in &ids[position + 1..] {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
        // Texts stating different numbers are near-duplicates only when one
        // contains the other, so the shared-tokens test looks only among
        // texts stating the same numbers: postings per number signature.
        let mut signatures: HashMap<Vec<&str>, usize> = HashMap::new();
        let signature: Vec<usize> = comparables
            .iter()
            .map(|comparable| {
                let next = signatures.len();
                *signatures.entry(comparable.numbers()).or_insert(next)
            })
            .collect();
        let mut same_numbers: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
        for (id, tokens) in index.rare_first.iter().enumerate() {
            for token in tokens {
                same_numbers.entry((signature[id], token.as_str())).or_default().push(id);
            }
        }
        let confirm = |id: usize, other: usize, pairs: &mut HashSet<(usize, usize)>| {
            let pair = (id.min(other), id.max(other));
            if other != id && !pairs.contains(&pair) && comparables[id].near_duplicate(&comparables[other]) {
                pairs.insert(pair);
            }
        };
        for (id, comparable) in comparables.iter().enumerate() {
            let Some(rarest) = index.rare_first[id].first() else { continue };
            // A text contained in another shares its own rarest token with it.
            for &other in &index.postings[rarest] {
                confirm(id, other, &mut pairs);
            }
            let count = comparable.tokens().len();
            // Shared ≥ 3/4 of this text's tokens: at least one of the first
            // `count - ceil(3count/4) + 1` rarest distinct tokens is shared.
            let prefix = (count - (count * 3).div_ceil(4) + 1).min(index.rare_first[id].len());
            for token in &index.rare_first[id][1..prefix.max(1)] {
                for &other in &same_numbers[&(signature[id], token.as_str())] {
                    confirm(id, other, &mut pairs);
                }
            }
        }
        index.partners = vec![Vec::new(); comparables.len()];
        for (a, b) in pairs {
            index.partners[a].push(b);
            index.partners[b].push(a);
        }
        index
    }

    /// Whether two indexed texts are near-duplicates; texts not indexed are
    /// compared directly.
    #[must_use]
    pub fn near_duplicate(&self, a: &str, b: &str) -> bool {
        match (self.ids.get(a), self.ids.get(b)) {
            (Some(x), Some(y)) => x == y || self.partners[*x].contains(y),
            _ => Comparable::new(a).near_duplicate(&Comparable::new(b)),
        }
    }

    /// The indexed texts that are near-duplicates of `text`.
    pub fn partners<'s>(&'s self, text: &str) -> impl Iterator<Item = &'s str> + 's {
        self.ids
            .get(text)
            .map(|id| self.partners[*id].as_slice())
            .unwrap_or_default()
            .iter()
            .map(|other| self.texts[*other].as_str())
    }

    /// Up to `limit` indexed texts sharing the most of `text`'s rarer tokens,
    /// most shared first: where the most confusable options are found.
    #[must_use]
    pub fn related(&self, text: &str, limit: usize) -> Vec<&str> {
        let Some(&id) = self.ids.get(text) else { return Vec::new() };
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for token in self.rare_first[id].iter().take(8) {
            // A token held by most texts says little and costs much.
            let posting = &self.postings[token];
            for &other in posting.iter().take(4 * limit.max(1)) {
                if other != id {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(other, _)| self.texts[other].as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::near_duplicate;

    #[test]
    fn finds_exactly_the_pairs_a_full_comparison_finds() {
        let texts = [
            "耗时耗力",
            "耗时",
            "数据安全和隐私问题",
            "隐私和安全问题",
            "可衡量的结果",
            "可衡量的结果和问责制",
            "经济高效的营销",
            "经济高效的广告",
            "Search engines",
            "search engines.",
            "e mail",
            "E-mail",
            "email",
            "What is number 1?",
            "What is number 10?",
            "Paris is the capital",
            "Paris is the capital of France",
            "全球覆盖",
            "激烈的竞争",
            // Numbers: different ones part texts unless one contains the other.
            "59% of adults use social media daily",
            "59% of adults use social media",
            "47% of adults use social media daily",
            "users spent 4 hours a day",
            "4 hours",
            "spent 2 hours a day online",
            "spent 2 hours a day on line",
        ];
        let index = TextIndex::new(texts);
        for a in texts {
            for b in texts {
                assert_eq!(index.near_duplicate(a, b), a == b || near_duplicate(a, b), "{a} / {b}");
            }
        }
        assert!(index.partners("耗时").any(|other| other == "耗时耗力"));
        assert_eq!(index.related("经济高效的营销", 1), vec!["经济高效的广告"]);
    }
}
