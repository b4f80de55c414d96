//! FAQ blocks: which entries ask the same kind of question. "What is the
//! capital of France?" and "…of Peru?" share their frame — the words many
//! questions use — while "Symbol for hydrogen?" does not; wrong options come
//! from entries whose questions share the frame, wherever they stand in the
//! file, so that a capital is offered among capitals, not among metals.

use std::collections::HashMap;

use crate::core::deck::Faq;
use crate::core::text::Comparable;

/// Entries of one frame visited per question, nearest in the file first.
const PER_QUESTION: usize = super::options::POOL;

#[derive(Debug, Default)]
pub struct Frames {
    /// Each entry's question tokens with their weights (0 for a token only
    /// its own question uses).
    weighted: Vec<Vec<(String, f64)>>,
    /// Token → the entries whose questions hold it, in file order.
    postings: HashMap<String, Vec<usize>>,
}

impl Frames {
    #[must_use]
    pub fn new(faq: &Faq) -> Frames {
        let token_sets: Vec<Vec<String>> = faq
            .entries
            .iter()
            .map(|entry| {
                let mut tokens: Vec<String> = Comparable::new(&entry.question)
                    .tokens()
                    .iter()
                    .filter(|token| !token.chars().any(|c| c.is_ascii_digit()))
                    .cloned()
                    .collect();
                tokens.sort_unstable();
                tokens.dedup();
                tokens
            })
            .collect();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (entry, tokens) in token_sets.iter().enumerate() {
            for token in tokens {
                postings.entry(token.clone()).or_default().push(entry);
            }
        }
        // A word many questions use is frame (weighs by how many); a word of
        // one question alone is its own matter and weighs nothing.
        let weighted = token_sets
            .into_iter()
            .map(|tokens| {
                tokens
                    .into_iter()
                    .map(|token| {
                        let used_by = postings.get(&token).map_or(1, Vec::len);
                        (token, (used_by as f64).ln())
                    })
                    .collect()
            })
            .collect();
        Frames { weighted, postings }
    }

    /// How alike two entries' question frames are, 0 to 1 (weighted Jaccard).
    #[must_use]
    pub fn likeness(&self, a: usize, b: usize) -> f64 {
        let (Some(a), Some(b)) = (self.weighted.get(a), self.weighted.get(b)) else { return 0.0 };
        let weight_of = |tokens: &[(String, f64)], token: &str| {
            tokens.binary_search_by(|(t, _)| t.as_str().cmp(token)).ok().map(|at| tokens[at].1)
        };
        let mut shared = 0.0;
        let mut union = 0.0;
        for (token, weight) in a {
            union += weight;
            if weight_of(b, token).is_some() {
                shared += weight;
            }
        }
        for (token, weight) in b {
            if weight_of(a, token).is_none() {
                union += weight;
            }
        }
        if union == 0.0 { 0.0 } else { shared / union }
    }

    /// Entries likely to share this one's frame: those holding its most
    /// specific frame word (the one fewest other questions use, used by at
    /// least a few), nearest in the file first, at most [`PER_QUESTION`].
    #[must_use]
    pub fn block_of(&self, entry: usize) -> Vec<usize> {
        let Some(tokens) = self.weighted.get(entry) else { return Vec::new() };
        let specific = tokens
            .iter()
            .filter_map(|(token, _)| self.postings.get(token))
            .filter(|posting| posting.len() >= 4)
            .min_by_key(|posting| posting.len());
        let Some(posting) = specific else { return Vec::new() };
        let at = posting.partition_point(|&other| other < entry);
        let window = super::neighbourhood(posting.len(), at.min(posting.len().saturating_sub(1)));
        let mut block: Vec<usize> = posting[window].iter().copied().filter(|&other| other != entry).collect();
        block.sort_by_key(|&other| other.abs_diff(entry));
        block.truncate(PER_QUESTION);
        block
    }
}
