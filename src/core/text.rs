//! Text comparison shared by validation, question generation and grading:
//! the normalised form of a text, and whether two texts say nearly the same.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Share of characters two texts must have in common (counted against the
/// longer one) to count as near-duplicates: 7 of 9 for 数据安全和隐私问题 /
/// 隐私和安全问题 is 0.78.
const SHARED_CHARACTER_SHARE: f64 = 0.75;

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

/// Whether two normalised texts are too alike to be offered against each
/// other: equal, one containing the other, or most characters shared.
#[must_use]
pub fn near_duplicate_normalized(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    shared_character_share(a, b) >= SHARED_CHARACTER_SHARE
}

/// [`near_duplicate_normalized`] on raw texts.
#[must_use]
pub fn near_duplicate(a: &str, b: &str) -> bool {
    near_duplicate_normalized(&normalize(a), &normalize(b))
}

/// Characters the two texts share (as multisets), over the longer length.
#[must_use]
pub fn shared_character_share(a: &str, b: &str) -> f64 {
    let mut counts: HashMap<char, usize> = HashMap::new();
    for c in a.chars() {
        *counts.entry(c).or_default() += 1;
    }
    let mut shared = 0usize;
    for c in b.chars() {
        if let Some(count) = counts.get_mut(&c)
            && *count > 0
        {
            *count -= 1;
            shared += 1;
        }
    }
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 { 1.0 } else { shared as f64 / longer as f64 }
}

/// How confusable a distractor is with the right answer, for ordering
/// distractors: the share of characters they have in common.
#[must_use]
pub fn confusability(right: &str, other: &str) -> f64 {
    shared_character_share(&normalize(right), &normalize(other))
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
    }

    #[test]
    fn empty_text_is_only_like_empty_text() {
        assert!(near_duplicate("", "。"));
        assert!(!near_duplicate("", "a"));
    }
}
