//! Text comparison shared by validation, question generation and grading:
//! the normalised form of a text, and whether two texts say nearly the same.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Share of tokens two texts must have in common (counted against the
/// longer one) to count as near-duplicates: 7 of 9 for 数据安全和隐私问题 /
/// 隐私和安全问题 is 0.78.
pub const SHARED_CHARACTER_SHARE: f64 = 0.75;

/// The form in which texts are compared: Unicode NFKC (so full-width and
/// half-width forms agree), lower-cased, without white space or punctuation
/// (general category P, which includes 、。《》) — except where punctuation
/// carries a number's value: a decimal point stays (`3.14` is not `314`), a
/// `%` stays, a dash between digits is a range (`4000–10000` reads as
/// `4000-10000`), a thousands separator goes (`8,848.86` is `8848.86`) and any
/// other mark between two digits stays a separator, so digits are never run
/// together. A text of punctuation alone (`&&`, `::`) keeps its marks.
#[must_use]
pub fn normalize(text: &str) -> String {
    // Lower-case ASCII letters, digits and common ideographs alone are their
    // own normal form: most imported questions, each normalised to find repeats.
    if text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_common_ideograph(c)) {
        return text.to_owned();
    }
    normalize_folded(&fold(text))
}

/// Whether [`normalize`] leaves nothing of a text: white space alone. A
/// visible ASCII character or a common ideograph is never white space once
/// folded (it stays itself, or joins the marks after it), so such a text is
/// answered without normalising it: import and validation ask this of every
/// text.
#[must_use]
pub fn normalizes_to_empty(text: &str) -> bool {
    if text.chars().any(|c| c.is_ascii_graphic() || is_common_ideograph(c)) {
        return false;
    }
    normalize(text).is_empty()
}

/// A text in Unicode NFKC, lower-cased: where [`normalize`] and
/// [`Comparable::new`] start. Texts of ASCII and common CJK ideographs alone
/// — nearly every deck text — are NFKC already and lower-case without a table
/// lookup: a large deck folds millions of characters.
fn fold(text: &str) -> Vec<char> {
    let mut folded = Vec::with_capacity(text.len());
    let lower = |c: char, folded: &mut Vec<char>| {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if is_common_ideograph(c) {
            folded.push(c);
        } else {
            folded.extend(c.to_lowercase());
        }
    };
    nfkc(text).chars().for_each(|c| lower(c, &mut folded));
    folded
}

/// A text in NFKC: as it is where it already is (a Chinese or English text
/// nearly always), without the normaliser's pass and copy; character by
/// character where every character is a [`plain_starter`] (a Chinese text
/// with full-width punctuation, as the Chinese questions' frames have).
#[must_use]
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if is_nfkc(text) {
        Cow::Borrowed(text)
    } else if text.chars().all(plain_starter) {
        let mut normal = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() || is_common_ideograph(c) {
                normal.push(c);
            } else {
                normal.extend(std::iter::once(c).nfkc());
            }
        }
        Cow::Owned(normal)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// ASCII, the common ideographs, the full-width forms of ASCII and the CJK
/// symbols and punctuation other than the tone marks: starters that compose
/// with none of the others, so that a text of them alone is in NFKC when
/// each of its characters is (a test checks every pair).
fn plain_starter(c: char) -> bool {
    c.is_ascii()
        || is_common_ideograph(c)
        || ('\u{FF01}'..='\u{FF5E}').contains(&c)
        || ('\u{3000}'..='\u{3029}').contains(&c)
        || ('\u{3030}'..='\u{303F}').contains(&c)
}

/// Whether a text is known to be in NFKC already: ASCII and common
/// ideographs are, and the normaliser's quick check says so of most others.
fn is_nfkc(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii() || is_common_ideograph(c))
        || unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
}

/// The block of CJK Unified Ideographs: letters (category Lo), their own
/// NFKC form and lower case, never white space or punctuation.
pub(crate) fn is_common_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// [`normalize`] of a folded text (see [`fold`]).
fn normalize_folded(folded: &[char]) -> String {
    let mut out = String::with_capacity(folded.len());
    for (at, &c) in folded.iter().enumerate() {
        if c.is_ascii_alphanumeric() || is_common_ideograph(c) {
            out.push(c);
            continue;
        }
        let punctuation = c.general_category_group() == GeneralCategoryGroup::Punctuation;
        if !c.is_whitespace() && !punctuation && c != '~' {
            out.push(c);
            continue;
        }
        if c == '%' {
            out.push('%');
            continue;
        }
        let after_digit = out.chars().next_back().is_some_and(|p| p.is_ascii_digit());
        let next = folded[at + 1..].iter().find(|n| !n.is_whitespace());
        if c.is_whitespace() && next.is_some_and(|n| !n.is_ascii_digit()) {
            // `4000 ~ 10000`: the mark after the space decides.
            continue;
        }
        let before_digit = next.is_some_and(char::is_ascii_digit);
        if !(after_digit && before_digit) {
            continue;
        }
        if matches!(c, ',' | '\'' | ' ' | '\u{a0}' | '\u{202f}') && is_thousands_group(&folded[at + 1..]) {
            continue;
        }
        let mark = match c {
            '.' => '.',
            '~' => '-',
            _ if c.general_category() == unicode_properties::GeneralCategory::DashPunctuation => '-',
            _ => ',',
        };
        out.push(mark);
    }
    if out.is_empty() {
        return folded.iter().filter(|c| !c.is_whitespace()).collect();
    }
    canonical_numbers(&out)
}

/// Whether the characters after a separator are a group of exactly three
/// digits ending the number (`,848.86`, `,000`).
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3 && rest[..3].iter().all(char::is_ascii_digit) && !rest.get(3).is_some_and(char::is_ascii_digit)
}

/// Numbers written alike: trailing zeros of a decimal fraction dropped
/// (`3.10` is `3.1`, `2.0` is `2`).
fn canonical_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let starts_fraction =
            c == '.' && at > 0 && chars[at - 1].is_ascii_digit() && chars.get(at + 1).is_some_and(char::is_ascii_digit);
        if !starts_fraction {
            out.push(c);
            at += 1;
            continue;
        }
        let end = chars[at + 1..].iter().position(|d| !d.is_ascii_digit()).map_or(chars.len(), |n| at + 1 + n);
        let digits: String = chars[at + 1..end].iter().collect();
        let kept = digits.trim_end_matches('0');
        if !kept.is_empty() {
            out.push('.');
            out.push_str(kept);
        }
        at = end;
    }
    out
}

/// Whether a typed answer says what an accepted one says: equal once
/// normalised (see [`normalize`]), or the same parts of a list in any order
/// and with any of the usual separators (`、`, `，`, `,`, `;`, `和`, `and`…).
#[must_use]
pub fn same_answer(typed: &str, accepted: &str) -> bool {
    let typed_form = normalize(typed);
    if typed_form.is_empty() {
        return false;
    }
    if typed_form == normalize(accepted) {
        return true;
    }
    let mut typed_parts = list_parts(typed);
    let mut accepted_parts = list_parts(accepted);
    if accepted_parts.len() < 2 {
        return false;
    }
    typed_parts.sort_unstable();
    accepted_parts.sort_unstable();
    typed_parts == accepted_parts
}

/// The parts of a text read as a list, each normalised. A comma between two
/// digits belongs to a number, not to the list.
fn list_parts(text: &str) -> Vec<String> {
    let folded: Vec<char> = text.nfkc().flat_map(char::to_lowercase).collect();
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut at = 0;
    while at < folded.len() {
        let c = folded[at];
        let between_digits =
            at > 0 && folded[at - 1].is_ascii_digit() && folded.get(at + 1).is_some_and(char::is_ascii_digit);
        let joiner = joiner_at(&folded, at);
        if (matches!(c, ',' | '、' | ';' | '/') && !between_digits) || joiner > 0 {
            parts.push(std::mem::take(&mut part));
            at += joiner.max(1);
            continue;
        }
        part.push(c);
        at += 1;
    }
    parts.push(part);
    parts.iter().map(|part| normalize(part)).filter(|part| !part.is_empty()).collect()
}

/// The length of a list's joining word at `at` (和, 与, 及, 以及, or "and" / "&"
/// standing alone between spaces), or 0.
fn joiner_at(chars: &[char], at: usize) -> usize {
    let starts = |word: &str| word.chars().enumerate().all(|(n, w)| chars.get(at + n) == Some(&w));
    if starts("以及") {
        return 2;
    }
    if matches!(chars[at], '和' | '与' | '及') {
        return 1;
    }
    let spaced = |len: usize| {
        (at == 0 || chars[at - 1].is_whitespace()) && chars.get(at + len).is_none_or(|c| c.is_whitespace())
    };
    if starts("and") && spaced(3) {
        return 3;
    }
    if chars[at] == '&' && spaced(1) {
        return 1;
    }
    0
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
        let folded = fold(text);
        Comparable { normalized: normalize_folded(&folded), tokens: tokenize(&folded) }
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

    /// Whether `other`'s tokens stand in this text one after another (a
    /// word, a name, a run of characters): "Capital of Singapore?" holds
    /// "Singapore"; "Symbol for hydrogen?" does not hold "H".
    #[must_use]
    pub fn holds(&self, other: &Comparable) -> bool {
        !other.tokens.is_empty() && contains_run(&self.tokens, &other.tokens)
    }

    /// How many of this text's tokens (counted with repeats) `other` repeats.
    #[must_use]
    pub fn echoed_by(&self, other: &Comparable) -> usize {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for token in &other.tokens {
            *counts.entry(token).or_default() += 1;
        }
        self.tokens
            .iter()
            .filter(|token| {
                counts.get_mut(token.as_str()).is_some_and(|count| {
                    let left = *count > 0;
                    *count = count.saturating_sub(1);
                    left
                })
            })
            .count()
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

/// The tokens of a folded text (see [`Comparable`]).
fn tokenize(folded: &[char]) -> Vec<String> {
    let mut tokens = Vec::new();
    each_token(folded, &mut |token| tokens.push(token.to_owned()));
    tokens
}

/// [`Comparable::new`]'s work without keeping its tokens: each token is
/// handed to `token` in order, without a string made for each (a large deck
/// has millions), and the normalised form is returned.
pub fn visit_tokens(text: &str, mut token: impl FnMut(&str)) -> String {
    let folded = fold(text);
    each_token(&folded, &mut token);
    normalize_folded(&folded)
}

/// Hands each token of `text` to `token` in order, as [`Comparable::tokens`]
/// gives them, without a string made for each: for callers that number them.
pub fn each_token_of(text: &str, mut token: impl FnMut(&str)) {
    each_token(&fold(text), &mut token);
}

/// Whether the tokens of `left + right` are those of `left` then those of
/// `right`, for a `left` ending with `last` and a `right` beginning with
/// `first`: neither character changes in NFKC nor joins the other there (a
/// starter that composes with nothing before it), and the two, lower-cased,
/// do not run into one word or number. What lets a question's prompt be
/// numbered piece by piece: its frame's words, and the deck texts put in it
/// as the index has numbered them already.
pub(crate) fn tokens_part_between(last: char, first: char) -> bool {
    // A plain starter's NFKC is its own (`？` is `?`), as is that of a
    // starter NFKC keeps as it is.
    let stands_alone = |c: char| {
        plain_starter(c)
            || (unicode_normalization::char::canonical_combining_class(c) == 0
                && unicode_normalization::is_nfkc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes)
    };
    // `.` joins two numbers (`3.14`); letters and digits join into words.
    let joins = |c: Option<&char>| c.is_some_and(|&c| c == '.' || (!is_ideograph_like(c) && c.is_alphanumeric()));
    let folded = |c: char| fold(c.encode_utf8(&mut [0; 4]));
    stands_alone(last) && stands_alone(first) && !(joins(folded(last).last()) && joins(folded(first).first()))
}

/// Hands each token of a folded text to `token`, in order.
fn each_token(folded: &[char], token: &mut impl FnMut(&str)) {
    let mut word = String::new();
    let mut alone = [0u8; 4];
    for (at, &c) in folded.iter().enumerate() {
        // `3.14` is one number, not the numbers 3 and 14.
        let in_number = c == '.'
            && word.chars().next_back().is_some_and(|p| p.is_ascii_digit())
            && folded.get(at + 1).is_some_and(char::is_ascii_digit);
        let in_word = in_number || (!is_ideograph_like(c) && c.is_alphanumeric());
        if in_word {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            token(&word);
            word.clear();
        }
        if is_common_ideograph(c) || c.is_alphanumeric() {
            token(c.encode_utf8(&mut alone));
        }
    }
    if !word.is_empty() {
        token(&word);
    }
}

/// Scripts written without spaces, where each character stands alone.
pub(crate) fn is_ideograph_like(c: char) -> bool {
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

    proptest::proptest! {
        /// The shortcut of [`normalize`] for texts that are their own normal
        /// form gives what normalising gives.
        #[test]
        fn texts_of_letters_digits_and_ideographs_are_their_own_normal_form(text in "[a-z0-9\u{4E00}-\u{9FFF}]{0,12}") {
            proptest::prop_assert_eq!(normalize(&text), normalize_folded(&fold(&text)));
        }
    }

    fn tokens(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        each_token_of(text, |token| tokens.push(token.to_owned()));
        tokens
    }

    /// Where [`tokens_part_between`] says a boundary parts, `left + right`
    /// has `left`'s tokens then `right`'s.
    fn assert_parts(left: &str, right: &str) {
        let (Some(last), Some(first)) = (left.chars().next_back(), right.chars().next()) else { return };
        if tokens_part_between(last, first) {
            let mut apart = tokens(left);
            apart.extend(tokens(right));
            assert_eq!(tokens(&format!("{left}{right}")), apart, "{left:?} + {right:?}");
        }
    }

    proptest::proptest! {
        /// Letters that join into words, digits and decimal points, white
        /// space, ideographs, full-width forms (which NFKC makes ASCII),
        /// quotes, combining marks, Hangul jamo that compose, letters whose
        /// lower case is two characters.
        #[test]
        fn tokens_part_where_the_boundary_says(
            left in "[aZ3. 是“”，？Ａ１\u{301}\u{338}\u{1100}\u{1161}İßﬁ٣]{0,4}",
            right in "[aZ3. 是“”，？Ａ１\u{301}\u{338}\u{1100}\u{1161}İßﬁ٣]{0,4}",
        ) {
            assert_parts(&left, &right);
        }
    }

    /// Every character of the Basic Multilingual Plane either side of a few
    /// of each sort.
    #[test]
    fn tokens_part_where_the_boundary_says_for_every_character() {
        let others = ["a", "3", ".", " ", "是", "“", "，", "\u{301}", "\u{1161}", "Ａ"];
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let c = c.to_string();
            for other in others {
                assert_parts(&c, other);
                assert_parts(other, &c);
            }
        }
        // As a question's frame puts deck texts: all part.
        assert!(tokens_part_between('“', '数') && tokens_part_between('？', '”') && tokens_part_between(' ', 'A'));
        assert!(
            !tokens_part_between('a', 'b') && !tokens_part_between('3', '.') && !tokens_part_between('e', '\u{301}')
        );
    }

    /// Where [`normalizes_to_empty`] answers without normalising, normalising
    /// agrees: a visible ASCII character before every character, each such
    /// character alone and before a combining mark.
    #[test]
    fn normalizes_to_empty_agrees_with_normalize() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert!(!normalize(&format!("a{c}")).is_empty(), "{c:?}");
            if c.is_ascii_graphic() || is_common_ideograph(c) {
                for text in [c.to_string(), format!("{c}\u{301}"), format!("{c}\u{338}")] {
                    assert!(!normalizes_to_empty(&text) && !normalize(&text).is_empty(), "{text:?}");
                }
            }
        }
        assert!(normalizes_to_empty(" \u{3000}\t\n"));
        assert!(!normalizes_to_empty("&&"));
    }

    /// The shortcuts of [`fold`], [`normalize_folded`] and
    /// [`Comparable::new`] for the common ideographs hold for every one.
    #[test]
    fn common_ideographs_are_letters_their_own_nfkc_and_lower_case() {
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_common_ideograph(c)) {
            let alone = c.to_string();
            assert!(c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
            assert_eq!(c.general_category_group(), GeneralCategoryGroup::Letter, "{c:?}");
            assert_eq!(alone.nfkc().flat_map(char::to_lowercase).collect::<String>(), alone, "{c:?}");
        }
        // Texts of other characters take the long way, with the same result.
        for text in ["Ｓｅａｒｃｈ　ＥＮＧＩＮＥ", "ＡＢＣ数据", "ﬁve", "Ⅻ", "數據", "①２"] {
            let slow: Vec<char> = text.nfkc().flat_map(char::to_lowercase).collect();
            assert_eq!(fold(text), slow, "{text}");
        }
    }

    /// [`nfkc`] character by character gives what the normaliser gives,
    /// for every plain starter alone and every pair of the ones that are
    /// not ideographs (an ideograph is its own form, checked above).
    #[test]
    fn plain_starters_normalise_one_by_one() {
        let plain: Vec<char> = (0u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| plain_starter(c) && !is_common_ideograph(c))
            .collect();
        for &a in &plain {
            for b in plain.iter().copied().chain(['数']) {
                let text: String = [a, b].into_iter().collect();
                assert_eq!(nfkc(&text), text.nfkc().collect::<String>(), "{text:?}");
            }
        }
        let frame = "这段话回答的是哪个问题？\n「数据」，（ＳＥＯ）　";
        assert!(matches!(nfkc(frame), Cow::Owned(_)));
        assert_eq!(nfkc(frame), frame.nfkc().collect::<String>());
    }

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
    fn numbers_keep_their_value() {
        assert_ne!(normalize("3.14"), normalize("314"));
        assert_ne!(normalize("5.9%"), normalize("59%"));
        assert_ne!(normalize("59%"), normalize("5.9"));
        assert_eq!(normalize("8,848.86"), normalize("8848.86"));
        assert_ne!(normalize("8848.86"), normalize("884886"));
        assert_eq!(normalize("4000-10000"), normalize("4000–10000"));
        assert_eq!(normalize("4000 ~ 10000"), normalize("4000—10000"));
        assert_eq!(normalize("１２３"), normalize("123"));
        assert_eq!(normalize("3.10"), normalize("3.1"));
        assert_eq!(normalize("2.0 km"), normalize("2 km"));
        assert_ne!(normalize("1、2"), normalize("12"));
        assert!(!near_duplicate("3.14", "314"));
        assert!(!near_duplicate("5.9%", "59%"));
    }

    #[test]
    fn punctuation_alone_is_a_text() {
        assert_eq!(normalize("&&"), "&&");
        assert_ne!(normalize("&&"), normalize("::"));
        assert_eq!(normalize(" . "), ".");
        assert_eq!(normalize(" \n "), "");
    }

    #[test]
    fn typed_answers_compare_numbers_and_lists() {
        assert!(same_answer("8848.86", "8,848.86"));
        assert!(!same_answer("884886", "8848.86"));
        assert!(!same_answer("314", "3.14"));
        assert!(!same_answer("5.9%", "59%"));
        assert!(!same_answer("59", "5.9%"));
        assert!(same_answer("4000–10000", "4000-10000"));
        assert!(same_answer("４０００", "4000"));
        assert!(same_answer("潜在客户生成，捕获，培育", "潜在客户生成、捕获和培育"));
        assert!(same_answer("培育、捕获、潜在客户生成", "潜在客户生成、捕获和培育"));
        assert!(same_answer("salt and pepper", "pepper, salt"));
        assert!(!same_answer("salt", "pepper, salt"));
        assert!(!same_answer("1, 2", "12"));
        assert!(!same_answer("", "。"));
    }

    #[test]
    fn empty_text_is_only_like_empty_text() {
        assert!(near_duplicate("", " \n"));
        assert!(!near_duplicate("", "a"));
    }
}
