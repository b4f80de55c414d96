//! Building the options of a choice question: the right answer, the most
//! confusable distractors, no two alike, in seeded order.

use std::collections::HashSet;

use super::{Generator, Rng};
use crate::core::seeded::shuffle;
use crate::core::text::normalize;

/// Most candidates scored for one question; smaller decks score them all.
pub(super) const POOL: usize = 64;

/// Most options a choice question shows.
pub const MAX_OPTIONS: usize = 4;

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

/// A possible wrong option: its text and how close it stands to the right
/// answer by construction (0 is closest: same aspect of another subject,
/// sibling category…).
#[derive(Debug, Clone)]
pub struct Distractor {
    pub tier: u8,
    pub text: String,
}

/// Options with the right answer among up to three distractors, or `None`
/// when no distractor is left. The caller has already removed every
/// candidate that is also a right answer; here near-duplicates of the right
/// answer or of an option already taken are dropped, and the rest ranked by
/// tier, then by how many characters they share with the right answer.
pub fn build(
    generator: &Generator,
    rng: &mut Rng,
    likeness: Likeness,
    right: &str,
    mut candidates: Vec<Distractor>,
) -> Option<(Vec<String>, usize)> {
    if candidates.len() > POOL {
        // Scoring every candidate of a large deck would cost a comparison per
        // pair; the closest tiers and the texts sharing the rarest tokens
        // with the right answer are where the most confusable ones are.
        let related: HashSet<&str> = generator.index().related(right, POOL).into_iter().collect();
        let mut ranked: Vec<(u8, bool, usize, Distractor)> = candidates
            .drain(..)
            .enumerate()
            .map(|(index, candidate)| (candidate.tier, !related.contains(candidate.text.as_str()), index, candidate))
            .collect();
        ranked.sort_by_key(|(tier, unrelated, index, _)| (*tier, *unrelated, *index));
        candidates = ranked.into_iter().take(POOL).map(|(_, _, _, candidate)| candidate).collect();
    }
    let mut scored: Vec<(u8, f64, usize, Distractor)> = candidates
        .drain(..)
        .enumerate()
        .map(|(index, candidate)| {
            let score = generator.index().share(right, &candidate.text);
            (candidate.tier, score, index, candidate)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));

    // The names taken, normalised. No text is prepared here and kept: a
    // large deck would keep every answer's tokens for as long as it is studied.
    let mut names = vec![normalize(right)];
    let mut options = vec![right.to_owned()];
    for (_, _, _, candidate) in scored {
        if options.len() == MAX_OPTIONS {
            break;
        }
        let alike = match likeness {
            Likeness::Names => {
                let name = normalize(&candidate.text);
                let taken = names.contains(&name);
                if !taken {
                    names.push(name);
                }
                taken
            }
            Likeness::Texts => options.iter().any(|other| generator.index().near_duplicate(&candidate.text, other)),
        };
        if alike {
            continue;
        }
        options.push(candidate.text);
    }
    if options.len() < 2 {
        return None;
    }
    let mut order: Vec<usize> = (0..options.len()).collect();
    shuffle(rng, &mut order);
    let correct = order.iter().position(|&index| index == 0).unwrap_or(0);
    Some((order.into_iter().map(|index| options[index].clone()).collect(), correct))
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
        super::build(&Generator::new(&deck), rng, likeness, right, candidates)
    }

    fn candidate(tier: u8, text: &str) -> Distractor {
        Distractor { tier, text: text.to_owned() }
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
