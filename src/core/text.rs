//! Text comparison shared by validation, question generation and grading:
//! the normalised form of a text, and whether two texts say nearly the same.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Share of tokens two texts must have in common (counted against the
/// longer one) to count as near-duplicates: 7 of 9 for 数据安全和隐私问题 /
/// 隐私和安全问题 is 0.78.
pub const SHARED_CHARACTER_SHARE: f64 = 0.75;

/// The form in which texts are compared: Unicode NFKC (so full-width and
/// half-width forms agree), lower-cased, without white space or punctuation
/// (general category P, which includes 、。《》).
#[must_use]
pub fn normalize(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && c.general_category_group() != GeneralCategoryGroup::Punctuation)
        .collect()
}

/// A text prepared for comparison: its normalised form and its tokens —
/// each CJK character alone, runs of letters and digits as words — so that
/// character sharing means the same in Chinese and in English.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparable {
    pub normalized: String,
    tokens: Vec<String>,
}

impl Comparable {
    #[must_use]
    pub fn new(text: &str) -> Comparable {
        let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
        let mut tokens = Vec::new();
        let mut word = String::new();
        for c in folded.chars() {
            let in_word = c.is_alphanumeric() && !is_ideograph_like(c);
            if in_word {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if c.is_alphanumeric() {
                tokens.push(c.to_string());
            }
        }
        if !word.is_empty() {
            tokens.push(word);
        }
        Comparable { normalized: normalize(text), tokens }
    }

    /// Too alike to be offered against each other: equal once normalised,
    /// one containing the other, or most tokens shared — unless they state
    /// different numbers, which are facts of their own.
    #[must_use]
    pub fn near_duplicate(&self, other: &Comparable) -> bool {
        self.near_duplicate_weighing(other, &|_| 1.0)
    }

    /// [`Comparable::near_duplicate`], where sharing most tokens must also
    /// hold with the tokens counted by `weight` (see
    /// [`Comparable::weighted_share`]): a deck weighs its boilerplate words
    /// lightly, so that texts made from one template with different
    /// distinctive terms are different. Weights only ever part texts.
    #[must_use]
    pub fn near_duplicate_weighing(&self, other: &Comparable, weight: &dyn Fn(&str) -> f64) -> bool {
        if self.normalized == other.normalized {
            return true;
        }
        if self.tokens.is_empty() || other.tokens.is_empty() {
            return false;
        }
        if contains_run(&self.tokens, &other.tokens) || contains_run(&other.tokens, &self.tokens) {
            return true;
        }
        numbers(&self.tokens) == numbers(&other.tokens)
            && self.share(other) >= SHARED_CHARACTER_SHARE
            && self.weighted_share(other, weight) >= SHARED_CHARACTER_SHARE
    }

    #[must_use]
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// The tokens holding a digit, sorted: two texts stating different
    /// numbers are near-duplicates only by containment.
    #[must_use]
    pub fn numbers(&self) -> Vec<&str> {
        numbers(&self.tokens)
    }

    /// Tokens the two share (as multisets), over the longer token count.
    #[must_use]
    pub fn share(&self, other: &Comparable) -> f64 {
        self.weighted_share(other, &|_| 1.0)
    }

    /// The weight of the tokens the two share (as multisets) over the
    /// heavier text's weight; with every weight 1, [`Comparable::share`].
    #[must_use]
    pub fn weighted_share(&self, other: &Comparable, weight: &dyn Fn(&str) -> f64) -> f64 {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for token in &self.tokens {
            *counts.entry(token).or_default() += 1;
        }
        let mut shared = 0.0;
        for token in &other.tokens {
            if let Some(count) = counts.get_mut(token.as_str())
                && *count > 0
            {
                *count -= 1;
                shared += weight(token);
            }
        }
        let total = |tokens: &[String]| tokens.iter().map(|token| weight(token)).sum::<f64>();
        let heavier = total(&self.tokens).max(total(&other.tokens));
        if heavier <= 0.0 { 1.0 } else { shared / heavier }
    }
}

/// Scripts written without spaces, where each character stands alone.
fn is_ideograph_like(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|window| window == needle)
}

fn numbers(tokens: &[String]) -> Vec<&str> {
    let mut numbers: Vec<&str> =
        tokens.iter().filter(|token| token.chars().any(|c| c.is_ascii_digit())).map(String::as_str).collect();
    numbers.sort_unstable();
    numbers
}

/// How confusable a distractor is with the right answer, for ordering
/// distractors: the share of tokens they have in common.
#[must_use]
pub fn confusability(right: &str, other: &str) -> f64 {
    Comparable::new(right).share(&Comparable::new(other))
}

/// Whether two texts say nearly the same (see [`Comparable::near_duplicate`]).
#[must_use]
pub fn near_duplicate(a: &str, b: &str) -> bool {
    Comparable::new(a).near_duplicate(&Comparable::new(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_width_case_space_and_punctuation() {
        assert_eq!(normalize("ＲＯＩ， Return-on  Investment。"), "roireturnoninvestment");
        assert_eq!(normalize("《社交媒体》、营销"), "社交媒体营销");
        assert_eq!(normalize("（SEO）"), normalize("(seo)"));
    }

    #[test]
    fn near_duplicates_from_the_article_are_caught() {
        assert!(near_duplicate("耗时耗力", "耗时"));
        assert!(near_duplicate("数据安全和隐私问题", "隐私和安全问题"));
        assert!(near_duplicate("可衡量的结果", "可衡量的结果和问责制"));
        assert!(near_duplicate("定向广告", "定向广告。"));
    }

    #[test]
    fn distinct_texts_are_not_near_duplicates() {
        assert!(!near_duplicate("提高品牌知名度", "市场洞察"));
        assert!(!near_duplicate("全球覆盖", "激烈的竞争"));
        assert!(!near_duplicate("Paris", "Rome"));
        assert!(!near_duplicate("What is number 1?", "What is number 10?"));
        assert!(!near_duplicate("Paris is the capital of France", "Rome is the capital of Italy"));
        assert!(near_duplicate("Paris is the capital", "Paris is the capital of France"));
    }

    #[test]
    fn empty_text_is_only_like_empty_text() {
        assert!(near_duplicate("", "。"));
        assert!(!near_duplicate("", "a"));
    }
}
