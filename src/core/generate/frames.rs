//! FAQ blocks: which entries ask the same kind of question. "What is the
//! capital of France?" and "…of Peru?" share their frame — the words many
//! questions use — while "Symbol for hydrogen?" does not; wrong options come
//! from entries whose questions share the frame, wherever they stand in the
//! file, so that a capital is offered among capitals, not among metals.

use rustc_hash::FxHashMap;

use super::packed::Packed;
use crate::core::deck::Faq;
use crate::core::text::visit_tokens;

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
        let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
        let mut token_sets: Vec<Vec<u32>> = Vec::with_capacity(faq.entries.len());
        for question in &faq.entries {
            let mut tokens = Vec::new();
            visit_tokens(&question.question, |token| {
                if token.chars().any(|c| c.is_ascii_digit()) {
                    return;
                }
                let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                tokens.push(if let Some(&number) = numbers.get(token) {
                    number
                } else {
                    numbers.insert(token.to_owned(), next);
                    next
                });
            });
            tokens.sort_unstable();
            tokens.dedup();
            token_sets.push(tokens);
        }
        // Numbered again in the tokens' string order, so that an entry's
        // tokens sort as their strings do and the weights are summed in the
        // same order as when tokens were strings: the same figures.
        let mut vocabulary: Vec<(String, u32)> = numbers.into_iter().collect();
        vocabulary.sort_unstable();
        let mut renumbered = vec![0u32; vocabulary.len()];
        for (rank, (_, number)) in vocabulary.into_iter().enumerate() {
            renumbered[number as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        let mut used_by = vec![0usize; renumbered.len()];
        let mut tokens = Packed::default();
        // Token → entry, in file order: the postings.
        let mut placed: Vec<(usize, u32)> = Vec::new();
        for (entry, mut set) in token_sets.into_iter().enumerate() {
            for token in &mut set {
                *token = renumbered[*token as usize];
                used_by[*token as usize] += 1;
                placed.push((*token as usize, u32::try_from(entry).unwrap_or(u32::MAX)));
            }
            set.sort_unstable();
            tokens.push(&set);
        }
        let postings = Packed::grouped(used_by.len(), &placed);
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
}
