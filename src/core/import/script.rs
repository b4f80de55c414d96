//! A deck's language from the script its questions are written in: the
//! majority of entries decides, so a few Chinese words in a German deck do
//! not make it Chinese. Kana make Japanese (with the words written in kanji
//! alone), hangul Korean; scripts that do
//! not tell one language (Latin) give English, the prompts' default.

use crate::core::deck::Content;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Han,
    Kana,
    Hangul,
    Cyrillic,
    Other,
}

fn script_of(c: char) -> Option<Script> {
    match u32::from(c) {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some(Script::Kana),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some(Script::Hangul),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Some(Script::Han),
        0x0400..=0x04FF => Some(Script::Cyrillic),
        _ if c.is_alphabetic() => Some(Script::Other),
        _ => None,
    }
}

/// The script of one text: Japanese where any kana is among Han characters,
/// else the most frequent.
fn text_script(text: &str) -> Option<Script> {
    let mut counts = [0usize; 5];
    for script in text.chars().filter_map(script_of) {
        counts[script as usize] += 1;
    }
    if counts[Script::Kana as usize] > 0
        && counts[Script::Kana as usize] + counts[Script::Han as usize] >= counts[Script::Other as usize]
    {
        return Some(Script::Kana);
    }
    let (index, count) = counts.iter().enumerate().max_by_key(|(index, count)| (**count, std::cmp::Reverse(*index)))?;
    if *count == 0 {
        return None;
    }
    [Script::Han, Script::Kana, Script::Hangul, Script::Cyrillic, Script::Other].get(index).copied()
}

/// The texts a learner reads first: questions, subjects and aspects, items
/// (walked, not gathered: an import of 100,000 notes asks this once).
fn prompts(content: &Content) -> Box<dyn Iterator<Item = &str> + '_> {
    match content {
        Content::Faq(faq) => Box::new(faq.entries.iter().map(|entry| entry.question.as_str())),
        Content::Table(table) => Box::new(
            table
                .subjects
                .iter()
                .map(|subject| subject.name.as_str())
                .chain(table.aspects.iter().map(|aspect| aspect.name.as_str())),
        ),
        Content::Lists(lists) => Box::new(lists.categories.iter().flat_map(|category| {
            std::iter::once(category.name.as_str()).chain(category.items.iter().map(|item| item.text.as_str()))
        })),
    }
}

/// A BCP 47 tag for the deck.
#[must_use]
pub fn language(content: &Content) -> &'static str {
    let mut votes = [0usize; 5];
    for text in prompts(content) {
        if let Some(script) = text_script(text) {
            votes[script as usize] += 1;
        }
    }
    // Japanese writes many words in kanji alone; Chinese never uses kana.
    let (han, kana) = (votes[Script::Han as usize], votes[Script::Kana as usize]);
    if kana > 0 && kana * 10 >= han + kana {
        votes[Script::Kana as usize] += han;
        votes[Script::Han as usize] = 0;
    }
    let winner = votes
        .iter()
        .enumerate()
        .max_by_key(|(index, count)| (**count, std::cmp::Reverse(*index)))
        .map(|(index, _)| index);
    match winner {
        Some(index) if votes[index] == 0 => "en",
        Some(0) => "zh",
        Some(1) => "ja",
        Some(2) => "ko",
        Some(3) => "ru",
        _ => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::{Faq, FaqEntry};

    fn faq(questions: &[&str]) -> Content {
        Content::Faq(Faq {
            entries: questions
                .iter()
                .map(|question| FaqEntry {
                    id: "x".into(),
                    question: (*question).into(),
                    answer: "a".into(),
                    accepted: Vec::new(),
                    guid: String::new(),
                })
                .collect(),
        })
    }

    #[test]
    fn the_majority_script_decides() {
        assert_eq!(language(&faq(&["die Arbeitsstelle", "der Markt", "die Probezeit (试用期)"])), "en");
        assert_eq!(language(&faq(&["会う", "青", "赤", "学生"])), "ja");
        assert_eq!(language(&faq(&["시계", "돈", "window"])), "ko");
        assert_eq!(language(&faq(&["爱", "八", "bā"])), "zh");
        assert_eq!(language(&faq(&["слово", "дом"])), "ru");
    }
}
