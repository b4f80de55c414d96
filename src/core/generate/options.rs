//! Building the options of a choice question: the right answer and wrong
//! options of the same kind (see [`Kind`]), none the prompt itself names, no
//! two alike, drawn afresh for each showing from the most confusable ones.

use std::collections::HashSet;

use super::index::{Numbered, Unknown};
use super::shape::Kind;
use super::{Generator, Known, Rng};
use crate::core::phrases::Prompt;
use crate::core::seeded::{below, shuffle};
use crate::core::text::normalize;

/// Most candidates scored for one question; smaller decks score them all.
pub(super) const POOL: usize = 64;

/// Most options a choice question shows.
pub const MAX_OPTIONS: usize = 4;

/// How many of the best-ranked wrong options each showing draws from: twice
/// what it shows, so that one confusable text does not stand in every
/// question of a deck, and a learner does not learn the options by heart.
const DRAW_FROM: usize = 2 * (MAX_OPTIONS - 1);

/// How many of the prompt's words a right answer repeats (three in five of
/// them, too) for it to stand out among options that do not: then only
/// wrong options repeating at least half as many are offered.
const ECHO_TOKENS: usize = 5;

/// How options are told apart. Texts that share most characters say the same
/// (耗时耗力 / 耗时), but names that do are still different labels
/// (社交媒体营销的优点 / 社交媒体营销的缺点): the author keeps names distinct, and
/// validation checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// Equal once normalised.
    Names,
    /// Near-duplicates (see [`crate::core::text::Comparable::near_duplicate`]).
    Texts,
}

/// A possible wrong option: its text (the deck's own, not copied: a
/// question only decided meets many and keeps none) and how close it stands
/// to the right answer by construction (0 is closest: same aspect of
/// another subject, sibling category…).
#[derive(Debug, Clone, Copy)]
pub struct Distractor<'d> {
    pub tier: u8,
    pub text: &'d str,
    /// The text's id in the deck's index, where the caller knows it (an
    /// FAQ's texts, see `faq::Texts`, and a list's items, read where the
    /// index was given them); else it is looked up by the text.
    pub id: Option<usize>,
}

/// What a choice question asks: its prompt and its right answer, with their
/// ids where the caller knows them.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub prompt: Prompt<'a>,
    pub right: &'a str,
    pub ids: Known,
}

impl<'a> Asked<'a> {
    pub fn new(prompt: Prompt<'a>, right: &'a str) -> Asked<'a> {
        Asked { prompt, right, ids: Known::default() }
    }
}

impl<'d> Distractor<'d> {
    pub fn new(tier: u8, text: &'d str) -> Distractor<'d> {
        Distractor { tier, text, id: None }
    }
}

/// Options with the right answer among up to three distractors, or `None`
/// when no distractor is left. The caller has already removed every
/// candidate that is also a right answer; here the candidates [`Fit`] does
/// not admit are dropped, then near-duplicates of another option. The rest
/// are ranked by tier, then by fit of length, then by how many characters
/// they share with the right answer, and each showing draws its wrong options
/// from the best [`DRAW_FROM`] of them, the better ranked more often.
///
/// A generator that only decides which cards exist (see
/// [`super::decide`]) stops at the first admitted candidate (the caller may
/// pass them lazily) and returns the
/// right answer alone: whether a question has options follows from `Fit`
/// alone, never from the seed, so the card is kept exactly when a shown
/// question would have options.
pub fn build<'d>(
    generator: &Generator,
    rng: &mut Rng,
    likeness: Likeness,
    asked: Asked<'_>,
    candidates: impl IntoIterator<Item = Distractor<'d>>,
) -> Option<(Vec<String>, usize)> {
    let right = asked.right;
    let fit = Fit::new(generator, likeness, asked);
    if generator.deciding {
        // Candidates may come lazily: the rest are never worked out.
        let mut candidates = candidates.into_iter();
        return candidates.any(|candidate| fit.admits(generator, candidate)).then(|| (vec![right.to_owned()], 0));
    }
    let mut candidates: Vec<Distractor> =
        candidates.into_iter().filter(|&candidate| fit.admits(generator, candidate)).collect();
    if candidates.len() > POOL {
        // Scoring every candidate of a large deck would cost a comparison per
        // pair; the closest tiers and the texts sharing the rarest tokens
        // with the right answer are where the most confusable ones are.
        let related: HashSet<&str> = generator.index().related(right, POOL).into_iter().collect();
        let mut ranked: Vec<(u8, bool, usize, Distractor)> = candidates
            .drain(..)
            .enumerate()
            .map(|(index, candidate)| (candidate.tier, !related.contains(candidate.text), index, candidate))
            .collect();
        ranked.sort_by_key(|(tier, unrelated, index, _)| (*tier, *unrelated, *index));
        candidates = ranked.into_iter().take(POOL).map(|(_, _, _, candidate)| candidate).collect();
    }
    // Candidates that rank alike are met in a different order at each
    // showing, so that file order does not pick the same ones every time.
    shuffle(rng, &mut candidates);
    let length = right.chars().count();
    let mut scored: Vec<(u8, bool, f64, Distractor)> = candidates
        .drain(..)
        .map(|candidate| {
            let score = generator.index().share(right, candidate.text);
            let other = candidate.text.chars().count();
            let misfit = other > length * 2 + 4 || length > other * 2 + 4;
            (candidate.tier, misfit, score, candidate)
        })
        .collect();
    // A stable sort: equals stay in their shuffled order.
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.total_cmp(&a.2)));

    // The names taken, normalised, or the texts taken (the right answer's
    // likes are gone already).
    let mut names = vec![normalize(right)];
    let mut pool: Vec<&str> = Vec::new();
    for (_, _, _, candidate) in scored {
        if pool.len() == DRAW_FROM {
            break;
        }
        let alike = match likeness {
            Likeness::Names => {
                let name = normalize(candidate.text);
                let taken = names.contains(&name);
                if !taken {
                    names.push(name);
                }
                taken
            }
            Likeness::Texts => pool.iter().any(|other| generator.index().near_duplicate(candidate.text, other)),
        };
        if alike {
            continue;
        }
        pool.push(candidate.text);
    }
    if pool.is_empty() {
        return None;
    }
    let mut options = vec![right];
    options.extend(draw(rng, pool, MAX_OPTIONS - 1));
    let mut order: Vec<usize> = (0..options.len()).collect();
    shuffle(rng, &mut order);
    let correct = order.iter().position(|&index| index == 0).unwrap_or(0);
    Some((order.into_iter().map(|index| options[index].to_owned()).collect(), correct))
}

/// Which candidates may stand beside a right answer as wrong options, one
/// rule each: texts of another [`Kind`] than the right answer (for texts),
/// texts the prompt names, texts that would stand out beside a right answer
/// repeating the prompt's words (see [`ECHO_TOKENS`]), and texts alike the
/// right answer (equal names, near-duplicate texts) are not. Whether a card
/// has a choice question at all is whether any candidate is admitted.
struct Fit<'a> {
    likeness: Likeness,
    right: &'a str,
    /// The right answer's id in the deck's index, if it holds it.
    right_id: Option<usize>,
    /// Prepared for this question only, not kept: a large deck would keep
    /// every text's tokens for as long as it is studied. Texts the deck's
    /// index holds are not tokenised again (see `TextIndex::numbered`).
    prompt: Numbered<'a>,
    /// The prompt's tokens the index does not hold.
    unknown: Unknown,
    /// The right answer's normalised form, for [`Likeness::Names`] only.
    right_name: String,
    kind: Kind,
    right_echo: usize,
    echoes: bool,
}

impl<'a> Fit<'a> {
    fn new(generator: &'a Generator, likeness: Likeness, asked: Asked<'a>) -> Fit<'a> {
        let index = generator.index();
        let mut unknown = Unknown::default();
        let prompt = index.numbered_prompt(asked.prompt, asked.ids, |token| unknown.add(token));
        let right = asked.right;
        let right_id = asked.ids.right.or_else(|| index.id_of(right));
        let right_numbered = index.numbered_known(right, right_id, |token| unknown.get(token));
        let reaches = |echo: usize| echo >= ECHO_TOKENS && echo * 5 >= prompt.len() * 3;
        // The echo is at most the shorter text's length: where that cannot
        // reach the bounds (a right answer shorter than three fifths of its
        // prompt, as a question asked by its answer), it is not counted,
        // and `right_echo` is read only where the answer echoes.
        let shorter = prompt.len().min(right_numbered.len());
        let right_echo = if reaches(shorter) { prompt.echoed_by(&right_numbered) } else { 0 };
        let echoes = reaches(right_echo);
        let right_name = match likeness {
            Likeness::Names => normalize(right),
            Likeness::Texts => String::new(),
        };
        let kind = index.kind(right, right_id);
        Fit { likeness, right, right_id, prompt, unknown, right_name, kind, right_echo, echoes }
    }

    fn admits(&self, generator: &Generator, candidate: Distractor<'_>) -> bool {
        let Distractor { text: candidate, id, .. } = candidate;
        let index = generator.index();
        // Found once: the candidate's kind, its tokens and its likeness to
        // the right answer are all read by its id.
        let id = id.or_else(|| index.id_of(candidate));
        if self.likeness == Likeness::Texts && index.kind(candidate, id) != self.kind {
            return false;
        }
        let text = index.numbered_known(candidate, id, |token| self.unknown.get(token));
        let stands_out = self.echoes && self.prompt.echoed_by(&text) * 2 < self.right_echo;
        if self.prompt.holds(&text) || stands_out {
            return false;
        }
        match self.likeness {
            Likeness::Names => normalize(candidate) != self.right_name,
            Likeness::Texts => !index.near_duplicate_known((candidate, id), (self.right, self.right_id)),
        }
    }
}

/// `count` texts of a ranked pool, without repeats: each draw weighs the
/// texts left by their rank (the best `n` times the last of `n`).
fn draw<'t>(rng: &mut Rng, mut pool: Vec<&'t str>, count: usize) -> Vec<&'t str> {
    let mut drawn = Vec::new();
    while drawn.len() < count && !pool.is_empty() {
        let total: usize = (1..=pool.len()).sum();
        let mut ticket = below(rng, total);
        let mut at = 0;
        while ticket >= pool.len() - at {
            ticket -= pool.len() - at;
            at += 1;
        }
        drawn.push(pool.remove(at));
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::{Content, Deck, Faq};
    use crate::core::seeded::rng_for;

    fn build(
        rng: &mut Rng,
        likeness: Likeness,
        right: &str,
        candidates: Vec<Distractor>,
    ) -> Option<(Vec<String>, usize)> {
        let deck = Deck::example(Content::Faq(Faq { entries: Vec::new() }));
        super::build(&Generator::new(&deck), rng, likeness, Asked::new("".into(), right), candidates)
    }

    fn candidate(tier: u8, text: &str) -> Distractor<'_> {
        Distractor::new(tier, text)
    }

    #[test]
    fn closest_tier_first_and_near_duplicates_dropped() {
        let candidates = vec![
            candidate(1, "数字营销的优点"),
            candidate(0, "社交媒体营销的缺点"),
            candidate(1, "数字营销的缺点"),
            candidate(0, "社交媒体营销的优点。"),
            candidate(2, "其他"),
            candidate(2, "另外"),
        ];
        let (options, correct) =
            build(&mut rng_for(0, "t"), Likeness::Names, "社交媒体营销的优点", candidates).expect("options");
        assert_eq!(options.len(), 4);
        assert_eq!(options[correct], "社交媒体营销的优点");
        assert!(options.contains(&"社交媒体营销的缺点".to_owned()));
        assert!(!options.contains(&"社交媒体营销的优点。".to_owned()));
        assert!(!options.contains(&"其他".to_owned()));
    }

    #[test]
    fn texts_drop_near_duplicates_names_do_not() {
        let candidates = || vec![candidate(0, "耗时"), candidate(0, "激烈的竞争")];
        let (options, _) = build(&mut rng_for(0, "t"), Likeness::Texts, "耗时耗力", candidates()).expect("options");
        assert_eq!(options.len(), 2);
        assert!(!options.contains(&"耗时".to_owned()));
        let (options, _) = build(&mut rng_for(0, "t"), Likeness::Names, "耗时耗力", candidates()).expect("options");
        assert_eq!(options.len(), 3);
    }

    #[test]
    fn no_distractor_no_question() {
        assert!(build(&mut rng_for(0, "t"), Likeness::Names, "a", vec![candidate(0, "A")]).is_none());
    }
}
