//! FAQ blocks: which entries ask the same kind of question. "What is the
//! capital of France?" and "…of Peru?" share their frame — the words many
//! questions use — while "Symbol for hydrogen?" does not; wrong options come
//! from entries whose questions share the frame, wherever they stand in the
//! file, so that a capital is offered among capitals, not among metals.

use rustc_hash::FxHashMap;

use crate::core::deck::Faq;
use crate::core::text::visit_tokens;

/// Entries of one frame visited per question, nearest in the file first.
const PER_QUESTION: usize = super::options::POOL;

#[derive(Debug, Default)]
pub struct Frames {
    /// Each entry's question tokens, numbered (in order of first use) and
    /// sorted, with their weights (0 for a token only its own question
    /// uses): numbers, not strings, for a deck of 100,000 questions.
    weighted: Vec<Vec<(u32, f64)>>,
    /// Token number → the entries whose questions hold it, in file order.
    postings: Vec<Vec<usize>>,
}

impl Frames {
    #[must_use]
    pub fn new(faq: &Faq) -> Frames {
        let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<usize>> = Vec::new();
        let mut token_sets: Vec<Vec<u32>> = Vec::with_capacity(faq.entries.len());
        for (entry, question) in faq.entries.iter().enumerate() {
            let mut tokens = Vec::new();
            visit_tokens(&question.question, |token| {
                if token.chars().any(|c| c.is_ascii_digit()) {
                    return;
                }
                let number = if let Some(&number) = numbers.get(token) {
                    number
                } else {
                    let number = u32::try_from(postings.len()).unwrap_or(u32::MAX);
                    numbers.insert(token.to_owned(), number);
                    postings.push(Vec::new());
                    number
                };
                tokens.push(number);
            });
            tokens.sort_unstable();
            tokens.dedup();
            for &token in &tokens {
                postings[token as usize].push(entry);
            }
            token_sets.push(tokens);
        }
        // Numbered again in the tokens' string order, so that an entry's
        // tokens sort as their strings do and the weights below are summed
        // in the same order as when tokens were strings: the same figures.
        let mut vocabulary: Vec<(String, u32)> = numbers.into_iter().collect();
        vocabulary.sort_unstable();
        let mut renumbered = vec![0u32; vocabulary.len()];
        let mut sorted_postings = Vec::with_capacity(vocabulary.len());
        for (rank, (_, number)) in vocabulary.into_iter().enumerate() {
            renumbered[number as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
            sorted_postings.push(std::mem::take(&mut postings[number as usize]));
        }
        let postings = sorted_postings;
        for tokens in &mut token_sets {
            for token in tokens.iter_mut() {
                *token = renumbered[*token as usize];
            }
            tokens.sort_unstable();
        }
        // A word many questions use is frame (weighs by how many); a word of
        // one question alone is its own matter and weighs nothing.
        let weighted = token_sets
            .into_iter()
            .map(|tokens| {
                tokens
                    .into_iter()
                    .map(|token| {
                        let used_by = postings.get(token as usize).map_or(1, Vec::len);
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
        // Both sorted by token number, which is string order: one merge,
        // summing in the order of the tokens' strings.
        let mut shared = 0.0;
        let mut union = 0.0;
        let mut j = 0;
        for &(token, weight) in a {
            union += weight;
            while j < b.len() && b[j].0 < token {
                j += 1;
            }
            if b.get(j).is_some_and(|&(other, _)| other == token) {
                shared += weight;
            }
        }
        let mut i = 0;
        for &(token, weight) in b {
            while i < a.len() && a[i].0 < token {
                i += 1;
            }
            if a.get(i).is_none_or(|&(other, _)| other != token) {
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
            .filter_map(|&(token, _)| self.postings.get(token as usize))
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
