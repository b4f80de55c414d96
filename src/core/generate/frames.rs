//! FAQ blocks: which entries ask the same kind of question. "What is the
//! capital of France?" and "…of Peru?" share their frame — the words many
//! questions use — while "Symbol for hydrogen?" does not; wrong options come
//! from entries whose questions share the frame, wherever they stand in the
//! file, so that a capital is offered among capitals, not among metals.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::packed::Packed;
use crate::core::deck::{Faq, FaqEntry};
use crate::core::text::visit_tokens;

/// Questions tokenised on one core at a time (see [`Frames::new`]).
const RUN: usize = 1024;

/// A run of questions' words (numbers left out), each question's as a set of
/// numbers in the run's own words, which are listed in number order.
fn tokenised(entries: &[FaqEntry]) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut words: Vec<String> = Vec::new();
    let sets = entries
        .iter()
        .map(|entry| {
            let mut tokens = Vec::new();
            visit_tokens(&entry.question, |token| {
                if token.chars().any(|c| c.is_ascii_digit()) {
                    return;
                }
                tokens.push(if let Some(&number) = numbers.get(token) {
                    number
                } else {
                    let next = u32::try_from(words.len()).unwrap_or(u32::MAX);
                    numbers.insert(token.to_owned(), next);
                    words.push(token.to_owned());
                    next
                });
            });
            tokens.sort_unstable();
            tokens.dedup();
            tokens
        })
        .collect();
    (words, sets)
}

/// Entries of one frame visited per question, nearest in the file first.
const PER_QUESTION: usize = super::options::POOL;

#[derive(Debug, Default)]
pub struct Frames {
    /// Each entry's question tokens, numbered in the tokens' string order
    /// and sorted: numbers, not strings, for a deck of 100,000 questions,
    /// all in one list.
    tokens: Packed,
    /// Each token number's weight: a word many questions use is frame and
    /// weighs by how many (the logarithm); a word of one question alone is
    /// its own matter and weighs nothing.
    weights: Vec<f64>,
    /// Token number → the entries whose questions hold it, in file order.
    postings: Packed,
}

impl Frames {
    #[must_use]
    pub fn new(faq: &Faq) -> Frames {
        // Each run of questions tokenised on a core, numbered in the run's
        // own words; then every word numbered in the words' string order,
        // so that an entry's tokens sort as their strings do and the
        // weights are summed in the same order as when tokens were strings:
        // the same figures whatever the cores.
        let runs: Vec<(Vec<String>, Vec<Vec<u32>>)> = faq.entries.par_chunks(RUN).map(tokenised).collect();
        let mut vocabulary: Vec<&str> = runs.iter().flat_map(|(words, _)| words.iter().map(String::as_str)).collect();
        vocabulary.par_sort_unstable();
        vocabulary.dedup();
        let token_sets: Vec<Vec<u32>> = runs
            .par_iter()
            .flat_map_iter(|(words, sets)| {
                let ranks: Vec<u32> = words
                    .iter()
                    .map(|word| {
                        vocabulary
                            .binary_search(&word.as_str())
                            .map_or(u32::MAX, |rank| u32::try_from(rank).unwrap_or(u32::MAX))
                    })
                    .collect();
                sets.iter().map(move |set| {
                    let mut set: Vec<u32> = set.iter().map(|&local| ranks[local as usize]).collect();
                    set.sort_unstable();
                    set
                })
            })
            .collect();
        let mut used_by = vec![0usize; vocabulary.len()];
        let mut tokens = Packed::default();
        for set in &token_sets {
            for &token in set {
                used_by[token as usize] += 1;
            }
            tokens.push(set);
        }
        // Token → entry, in file order: the postings.
        let postings = Packed::grouped_from(used_by.len(), || {
            token_sets.iter().enumerate().flat_map(|(entry, set)| {
                let entry = u32::try_from(entry).unwrap_or(u32::MAX);
                set.iter().map(move |&token| (token as usize, entry))
            })
        });
        let weights = used_by.iter().map(|&count| (count.max(1) as f64).ln()).collect();
        Frames { tokens, weights, postings }
    }

    /// How alike two entries' question frames are, 0 to 1 (weighted Jaccard).
    #[must_use]
    pub fn likeness(&self, a: usize, b: usize) -> f64 {
        let (Some(a), Some(b)) = (self.tokens.get(a), self.tokens.get(b)) else { return 0.0 };
        let weight = |token: u32| self.weights[token as usize];
        // Both sorted by token number, which is string order: one merge,
        // summing in the order of the tokens' strings.
        let mut shared = 0.0;
        let mut union = 0.0;
        let mut j = 0;
        for &token in a {
            union += weight(token);
            while j < b.len() && b[j] < token {
                j += 1;
            }
            if b.get(j) == Some(&token) {
                shared += weight(token);
            }
        }
        let mut i = 0;
        for &token in b {
            while i < a.len() && a[i] < token {
                i += 1;
            }
            if a.get(i) != Some(&token) {
                union += weight(token);
            }
        }
        if union == 0.0 { 0.0 } else { shared / union }
    }

    /// Entries likely to share this one's frame: those holding its most
    /// specific frame word (the one fewest other questions use, used by at
    /// least a few), nearest in the file first, at most [`PER_QUESTION`].
    /// One at a time: a question only decided stops at its first fitting
    /// candidate, most often the first.
    pub fn block(&self, entry: usize) -> impl Iterator<Item = usize> + '_ {
        let window = self.window_of(entry);
        // Nearest first, the earlier of two as near: the entries before this
        // one read backwards merged with those after it, both in file order.
        let split = window.partition_point(|&other| (other as usize) < entry);
        let mut before = window[..split].iter().rev().map(|&other| other as usize).peekable();
        let mut after =
            window[split..].iter().map(|&other| other as usize).filter(move |&other| other != entry).peekable();
        std::iter::from_fn(move || match (before.peek(), after.peek()) {
            (Some(&earlier), Some(&later)) if entry - earlier <= later - entry => before.next(),
            (_, Some(_)) => after.next(),
            (Some(_), None) => before.next(),
            (None, None) => None,
        })
        .take(PER_QUESTION)
    }

    /// The entries of this one's most specific frame word (see
    /// [`Frames::block`]) nearest it in the file, this one among them.
    fn window_of(&self, entry: usize) -> &[u32] {
        let Some(tokens) = self.tokens.get(entry) else { return &[] };
        let specific = tokens
            .iter()
            .filter_map(|&token| self.postings.get(token as usize))
            .filter(|posting| posting.len() >= 4)
            .min_by_key(|posting| posting.len());
        let Some(posting) = specific else { return &[] };
        let at = posting.partition_point(|&other| (other as usize) < entry);
        &posting[super::neighbourhood(posting.len(), at.min(posting.len().saturating_sub(1)))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::FaqEntry;

    /// The block as a stable sort by distance makes it, cut to size.
    fn sorted_block(frames: &Frames, entry: usize) -> Vec<usize> {
        let mut block: Vec<usize> =
            frames.window_of(entry).iter().map(|&other| other as usize).filter(|&other| other != entry).collect();
        block.sort_by_key(|&other| other.abs_diff(entry));
        block.truncate(PER_QUESTION);
        block
    }

    /// Entries of a few frames, spread unevenly through the file, so that a
    /// block runs out on one side, meets entries as near on both, and is cut
    /// to size.
    #[test]
    fn blocks_are_the_nearest_entries_of_the_frame_the_nearer_first() {
        let frames_used = ["What is the capital of", "Which year saw", "Who wrote", "How tall is"];
        let entries: Vec<FaqEntry> = (0..600)
            .map(|at: usize| FaqEntry {
                id: format!("e{at}"),
                question: format!("{} thing{at}?", frames_used[(at * at / 7 + at / 50) % frames_used.len()]),
                answer: format!("answer {at}"),
                accepted: Vec::new(),
                guid: String::new(),
            })
            .collect();
        let frames = Frames::new(&Faq { entries });
        for entry in 0..600 {
            let block = frames.block(entry).collect::<Vec<usize>>();
            assert_eq!(block, sorted_block(&frames, entry), "entry {entry}");
        }
        assert!((0..600).any(|entry| frames.block(entry).count() == PER_QUESTION));
    }

    /// Over several runs of questions (each numbering its own words), an
    /// entry's likeness to another is the weighted Jaccard of their words
    /// as strings, weights summed in the words' order: the same figure
    /// however the runs cut the deck.
    #[test]
    fn likeness_over_runs_is_that_of_the_words() {
        let words = ["数据", "营销", "brand", "reach", "cost", "ads", "Ünïcode", "a1", "品牌"];
        let entries: Vec<FaqEntry> = (0..3 * RUN + 17)
            .map(|at: usize| FaqEntry {
                id: format!("e{at}"),
                question: (0..=at % 5)
                    .map(|k| words[(at * 7 + k * 3 + at / RUN) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" "),
                answer: String::new(),
                accepted: Vec::new(),
                guid: String::new(),
            })
            .collect();
        let frames = Frames::new(&Faq { entries: entries.clone() });
        let sets: Vec<std::collections::BTreeSet<String>> = entries
            .iter()
            .map(|entry| {
                let mut set = std::collections::BTreeSet::new();
                visit_tokens(&entry.question, |token| {
                    if !token.chars().any(|c| c.is_ascii_digit()) {
                        set.insert(token.to_owned());
                    }
                });
                set
            })
            .collect();
        let weight = |word: &String| (sets.iter().filter(|set| set.contains(word)).count().max(1) as f64).ln();
        for a in (0..entries.len()).step_by(97) {
            for b in [a + 1, a + RUN, a + 2 * RUN + 5].into_iter().filter(|&b| b < entries.len()) {
                let shared = sets[a].intersection(&sets[b]).map(weight).fold(0.0, |sum, w| sum + w);
                // In `likeness`'s order: a's words, then b's others.
                let union = sets[a].iter().chain(sets[b].difference(&sets[a])).map(weight).fold(0.0, |sum, w| sum + w);
                let expected = if union == 0.0 { 0.0 } else { shared / union };
                // Bit for bit: the same figure, not a near one.
                assert_eq!(frames.likeness(a, b).to_bits(), expected.to_bits(), "entries {a} and {b}");
            }
        }
    }
}
