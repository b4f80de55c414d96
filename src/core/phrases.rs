//! How generated questions are worded, in the deck's own language: a Chinese
//! deck asks in Chinese whatever the interface language, so that prompt and
//! material read as one text. Languages without a phrasebook use English.

use std::ops::Range;

/// The sentence frames of one language.
#[derive(Debug)]
pub struct Phrasebook {
    pub cell_recall: &'static str,
    pub cell_choice: &'static str,
    pub which_subject: &'static str,
    pub which_aspect: &'static str,
    pub true_false: &'static str,
    pub matching: &'static str,
    pub which_question: &'static str,
    pub which_category: &'static str,
    pub which_belongs: &'static str,
    pub detail_recall: &'static str,
    /// Separator between a label and its text in context lines.
    pub colon: &'static str,
}

const ENGLISH: Phrasebook = Phrasebook {
    cell_recall: "{subject} — {aspect}: what is said?",
    cell_choice: "Which describes {subject} in {aspect}?",
    which_subject: "In {aspect}, which does this describe?\n{text}",
    which_aspect: "This describes {subject}. Which aspect is it about?\n{text}",
    true_false: "True or false? In {aspect}, {subject}: {text}",
    matching: "Match each aspect of {subject} to its description.",
    which_question: "Which question does this answer?\n{text}",
    which_category: "Which list holds “{text}”?",
    which_belongs: "Which of these belongs to “{category}”?",
    detail_recall: "{category}: “{text}”. Explain it.",
    colon: ": ",
};

const CHINESE: Phrasebook = Phrasebook {
    cell_recall: "「{subject}」在「{aspect}」方面是怎样的？",
    cell_choice: "哪一项描述了「{subject}」在「{aspect}」方面的特点？",
    which_subject: "在「{aspect}」方面，这段描述说的是哪一个？\n{text}",
    which_aspect: "这段描述说的是「{subject}」的哪个方面？\n{text}",
    true_false: "判断正误：在「{aspect}」方面，「{subject}」{text}",
    matching: "把「{subject}」的各个方面与对应的描述配对。",
    which_question: "这段话回答的是哪个问题？\n{text}",
    which_category: "「{text}」属于哪一类？",
    which_belongs: "以下哪一项属于「{category}」？",
    detail_recall: "{category}：「{text}」，请说明。",
    colon: "：",
};

impl Phrasebook {
    /// The words of every frame between its slots: what [`fill_marked`]
    /// puts around the values.
    #[must_use]
    pub fn frame_words(&self) -> Vec<&'static str> {
        let frames = [
            self.cell_recall,
            self.cell_choice,
            self.which_subject,
            self.which_aspect,
            self.true_false,
            self.matching,
            self.which_question,
            self.which_category,
            self.which_belongs,
            self.detail_recall,
        ];
        let mut words = Vec::new();
        for frame in frames {
            let mut rest = frame;
            while let Some((open, close)) = rest.find('{').and_then(|open| Some((open, open + rest[open..].find('}')?)))
            {
                words.push(&rest[..open]);
                rest = &rest[close + 1..];
            }
            words.push(rest);
        }
        words
    }

    /// The phrasebook for a BCP 47 language tag.
    #[must_use]
    pub fn for_language(tag: &str) -> &'static Phrasebook {
        if is_chinese(tag) { &CHINESE } else { &ENGLISH }
    }
}

/// Whether a deck's language tag (BCP 47: `zh`, `zh-Hans`, `zh_CN`) is
/// Chinese: what its prompts, papers and reports are worded in.
#[must_use]
pub fn is_chinese(tag: &str) -> bool {
    tag.split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case("zh"))
}

/// Fills `{name}` slots of a frame.
#[must_use]
pub fn fill(frame: &str, slots: &[(&str, &str)]) -> String {
    fill_marked(frame, slots).text
}

/// A frame with its slots filled, and where in the text each value stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    /// The byte ranges of the values put in, in order.
    pub values: Vec<Range<usize>>,
}

impl Filled {
    /// The prompt this text is.
    #[must_use]
    pub fn prompt(&self) -> Prompt<'_> {
        Prompt { text: &self.text, values: &self.values }
    }
}

/// A question's prompt as its options and checks read it: its text and where
/// the values put in its frame stand (none for a deck text asked as it is).
#[derive(Debug, Clone, Copy)]
pub struct Prompt<'a> {
    pub text: &'a str,
    pub values: &'a [Range<usize>],
}

impl<'a> From<&'a str> for Prompt<'a> {
    fn from(text: &'a str) -> Prompt<'a> {
        Prompt { text, values: &[] }
    }
}

/// [`fill`], saying where each value was put: a question's prompt is then
/// read as its frame's words around deck texts the deck has read already.
#[must_use]
pub fn fill_marked(frame: &str, slots: &[(&str, &str)]) -> Filled {
    // One pass over the frame: a value is never read as a frame itself, so
    // an aspect named "{subject} costs" stays as written.
    let mut filled = Filled { text: String::with_capacity(frame.len()), values: Vec::new() };
    let mut rest = frame;
    while let Some(open) = rest.find('{') {
        filled.text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            slots.iter().find(|(slot, _)| *slot == name).map(|(_, value)| (*value, close))
        });
        if let Some((value, close)) = value {
            let start = filled.text.len();
            filled.text.push_str(value);
            filled.values.push(start..filled.text.len());
            rest = &after[close + 1..];
        } else {
            filled.text.push('{');
            rest = after;
        }
    }
    filled.text.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_tags_use_chinese_frames() {
        assert_eq!(Phrasebook::for_language("zh-Hans").colon, "：");
        assert_eq!(Phrasebook::for_language("zh").colon, "：");
        assert_eq!(Phrasebook::for_language("fr").colon, ": ");
    }

    #[test]
    fn fill_replaces_every_slot() {
        let text = fill(ENGLISH.true_false, &[("aspect", "scope"), ("subject", "SMM"), ("text", "social only")]);
        assert_eq!(text, "True or false? In scope, SMM: social only");
    }

    #[test]
    fn filled_values_are_marked_where_they_stand() {
        let filled = fill_marked("{a} and {b}, {missing} {a}", &[("a", "甲"), ("b", "")]);
        assert_eq!(filled.text, "甲 and , {missing} 甲");
        let values: Vec<&str> = filled.values.iter().map(|at| &filled.text[at.clone()]).collect();
        assert_eq!(values, ["甲", "", "甲"]);
    }

    #[test]
    fn values_are_never_filled_in_themselves() {
        let text = fill(ENGLISH.true_false, &[("aspect", "{subject} costs"), ("subject", "SMM"), ("text", "{aspect}")]);
        assert_eq!(text, "True or false? In {subject} costs, SMM: {aspect}");
    }
}
