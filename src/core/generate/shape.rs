//! What kind of text an option is — a year, a percentage, a number, a date,
//! a short term or a sentence — so that a choice question offers options of
//! one kind: a year among sentences, or the one sentence among names, gives
//! the answer away without a thought.

use crate::core::text::{is_ideograph_like, nfkc};

/// The kind of an option's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `2004`, `2004年`, `20世纪90年代`.
    Year,
    /// `59%`, `5.9 %`.
    Percent,
    /// A date: `2025年3月17日`, `2025-03-17`, `3月17日`.
    Date,
    /// A figure, with at most a short unit or word: `4000-10000`, `47.6亿`, `8848.86 m`.
    Number,
    /// A name or short phrase: `Hydrogen`, `定向广告`, `First stable release`.
    Term,
    /// Anything longer: a clause or more.
    Sentence,
}

/// A text's kind as options compare it: its [`Shape`], and for a number the
/// words around the figure (`24 months` is not `90`, `8:42pm` is not `57`,
/// `1 to 2` stands with `5 to 7`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    shape: Shape,
    unit: String,
}

impl Kind {
    #[must_use]
    pub fn of(text: &str) -> Kind {
        Kind::shaped(Shape::of(text), text)
    }

    /// The kind of `text`, whose shape is `shape` (worked out before).
    pub(super) fn shaped(shape: Shape, text: &str) -> Kind {
        let unit = if shape == Shape::Number { unit(text) } else { String::new() };
        Kind { shape, unit }
    }
}

/// What a number says besides its figures: the text without digits, signs,
/// decimal points, thousands separators, white space and closing marks,
/// lower-cased.
fn unit(text: &str) -> String {
    let folded: String = nfkc(text).chars().flat_map(char::to_lowercase).collect();
    let core = folded.trim().trim_end_matches(['.', '。', '!', '！', '?', '？', ';', '；']);
    let chars: Vec<char> = core.chars().collect();
    let mut unit = String::new();
    for (at, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(at + 1).is_some_and(char::is_ascii_digit);
        let prev_digit = at > 0 && chars[at - 1].is_ascii_digit();
        let in_figure = c.is_ascii_digit()
            || (matches!(c, '.' | ',') && prev_digit && next_digit)
            || (matches!(c, '-' | '+') && next_digit && !prev_digit);
        if !in_figure && !c.is_whitespace() {
            unit.push(c);
        }
    }
    unit
}

/// Most words (a CJK character counting half) a term has.
const TERM_WORDS: f64 = 6.0;

impl Shape {
    const ALL: [Shape; 6] = [Shape::Year, Shape::Percent, Shape::Date, Shape::Number, Shape::Term, Shape::Sentence];

    /// The shape as a number from 1 (0 is none), to keep in a byte.
    pub(super) fn code(self) -> u8 {
        Shape::ALL.iter().zip(1..).find_map(|(&shape, code)| (shape == self).then_some(code)).unwrap_or(0)
    }

    /// The shape whose [`Shape::code`] is `code`, if any.
    pub(super) fn from_code(code: u8) -> Option<Shape> {
        Shape::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }

    #[must_use]
    pub fn of(text: &str) -> Shape {
        let folded = nfkc(text);
        let core = folded.trim().trim_end_matches(['.', '。', '!', '！', '?', '？', ';', '；']).trim();
        // Most texts hold no digit: they are read once more below, not copied.
        let digits = core.bytes().filter(u8::is_ascii_digit).count();
        let chars: Vec<char> =
            if digits > 0 { core.chars().filter(|c| !c.is_whitespace()).collect() } else { Vec::new() };
        if digits > 0 && chars.len() <= 16 {
            let has = |marks: &[char]| chars.iter().any(|c| marks.contains(c));
            let year_like = (3..=4).contains(&digits)
                && chars.iter().all(|c| c.is_ascii_digit() || *c == '年')
                && chars.first().is_some_and(char::is_ascii_digit);
            if year_like || core.contains("世纪") || core.contains("年代") {
                return Shape::Year;
            }
            if has(&['%', '‰']) && chars.len() <= 10 {
                return Shape::Percent;
            }
            if (has(&['年']) && has(&['月'])) || (has(&['月']) && has(&['日', '号'])) || is_numeric_date(&chars) {
                return Shape::Date;
            }
            if digits * 3 >= chars.len() || chars.len() <= 8 {
                return Shape::Number;
            }
        }
        // A term has no clause mark and at most `TERM_WORDS` words, each
        // of its white-space-separated words counting one if it holds a
        // letter or digit outside the CJK ideographs, plus half its
        // ideographs. The words so far only grow: a long text is a sentence
        // as soon as they are too many, without reading it to its end.
        let (mut words, mut narrow_word) = (0.0, false);
        for c in core.chars() {
            if matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、') {
                return Shape::Sentence;
            }
            if c.is_whitespace() {
                narrow_word = false;
            } else if is_ideograph_like(c) {
                words += 0.5;
            } else if !narrow_word && c.is_alphanumeric() {
                narrow_word = true;
                words += 1.0;
            }
            if words > TERM_WORDS {
                return Shape::Sentence;
            }
        }
        Shape::Term
    }
}

/// `2025-03-17`, `17/3/2025`, `2025.3.17`.
fn is_numeric_date(chars: &[char]) -> bool {
    let groups: Vec<usize> = chars
        .split(|c| matches!(c, '-' | '/' | '.'))
        .map(|group| if group.iter().all(char::is_ascii_digit) { group.len() } else { 0 })
        .collect();
    groups.len() == 3 && groups.iter().all(|len| (1..=4).contains(len)) && groups.contains(&4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_everyday_answers() {
        for (text, shape) in [
            ("2004", Shape::Year),
            ("2004年。", Shape::Year),
            ("20世纪90年代", Shape::Year),
            ("59%", Shape::Percent),
            ("5.9 %", Shape::Percent),
            ("2025年3月17日", Shape::Date),
            ("2025-03-17", Shape::Date),
            ("4000-10000", Shape::Number),
            ("47.6亿", Shape::Number),
            ("8848.86 m", Shape::Number),
            ("Hydrogen", Shape::Term),
            ("As", Shape::Term),
            ("First stable release", Shape::Term),
            ("定向广告", Shape::Term),
            ("The Jordanian dinar", Shape::Term),
            ("MySpace：它在2004年成为首个吸引百万用户的社交媒体平台。", Shape::Sentence),
            ("Rust 1.0 was released in 2015 after years of work", Shape::Sentence),
            ("通过评论、点赞、分享和私信等方式促进社交媒体平台上的互动", Shape::Sentence),
        ] {
            assert_eq!(Shape::of(text), shape, "{text}");
        }
    }

    /// Ideographs, letters, spaces and a clause mark now and then: texts
    /// either side of a term's length.
    const ALPHABET: [char; 16] =
        ['社', '交', '媒', '体', '营', '销', 'a', 'Z', 'é', 'x', ' ', ' ', '\u{3000}', '-', '，', ':'];

    proptest::proptest! {
        /// A text without digits is a term or a sentence as its whole
        /// words and marks say, though it is read only until it is sure.
        #[test]
        fn terms_and_sentences_by_their_words_and_marks(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET.to_vec()), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            let core = text.trim().trim_end_matches(['.', '。', '!', '！', '?', '？', ';', '；']).trim();
            let clause_marks = core.chars().any(|c| matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、'));
            let words: f64 = core
                .split_whitespace()
                .map(|word| {
                    let wide = word.chars().filter(|c| is_ideograph_like(*c)).count();
                    let narrow = word.chars().any(|c| !is_ideograph_like(c) && c.is_alphanumeric());
                    wide as f64 / 2.0 + f64::from(u8::from(narrow))
                })
                .sum();
            let whole = if words <= TERM_WORDS && !clause_marks { Shape::Term } else { Shape::Sentence };
            proptest::prop_assert_eq!(Shape::of(&text), whole, "{:?}", text);
        }
    }

    #[test]
    fn a_shape_keeps_in_a_byte() {
        for shape in Shape::ALL {
            assert_ne!(shape.code(), 0);
            assert_eq!(Shape::from_code(shape.code()), Some(shape));
        }
        assert_eq!(Shape::from_code(0), None);
        assert_eq!(Shape::from_code(7), None);
    }

    #[test]
    fn numbers_stand_with_numbers_of_the_same_unit() {
        // From a pilot's deck of other people's: durations, times and bare
        // figures were offered side by side.
        assert_ne!(Kind::of("24 months"), Kind::of("90"));
        assert_ne!(Kind::of("100 hour"), Kind::of("61"));
        assert_ne!(Kind::of("8:42pm"), Kind::of("57"));
        assert_eq!(Kind::of("1 to 2"), Kind::of("5 to 7"));
        assert_eq!(Kind::of("18,000"), Kind::of("-0600"));
        assert_eq!(Kind::of("91.213"), Kind::of("61"));
        assert_eq!(Kind::of("47.6亿"), Kind::of("8.5亿。"));
        assert_eq!(Kind::of("Hydrogen"), Kind::of("As"), "terms are one kind whatever they say");
    }
}
