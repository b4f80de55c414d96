//! The deck format: what an author writes in a `.ron` file, as Rust types.
//!
//! A deck is one of three content kinds (comparison table, FAQ, grouped lists).
//! Every entry carries an author-written id, so a learner's progress survives
//! any edit of the texts. Parsing and validation live in `deck_check.rs`.

use serde::{Deserialize, Serialize};

use crate::core::question::QuestionKind;

/// A deck as written by its author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Stable id of the deck: a short string without `/` or white space.
    pub id: String,
    /// Title shown to the learner.
    pub title: String,
    /// Language of the deck's texts as a BCP 47 tag (`zh`, `en`, …); prompts
    /// are phrased in this language.
    #[serde(default = "default_language")]
    pub language: String,
    /// A sentence or two about the deck.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the material comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The question kinds this deck uses; empty means every kind that applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<QuestionKind>,
    /// Pairs of entries that say the same thing, so that neither is ever offered
    /// as a wrong option against the other. An entry is named by its id; a table
    /// cell as `ASPECT/SUBJECT`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same: Vec<(String, String)>,
    /// The material itself.
    pub content: Content,
}

/// Longest id accepted, for decks and their entries.
pub const MAX_ID_CHARS: usize = 64;

/// What is wrong with the form of an entry's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFault {
    Empty,
    /// Punctuation alone: an id needs a letter or digit.
    NoLetter,
    /// A `/` (which card ids use between their parts) or white space.
    SlashOrSpace,
    TooLong,
}

/// The one rule for an entry's id, kept by `check` and by imports alike.
#[must_use]
pub fn entry_id_fault(id: &str) -> Option<IdFault> {
    if id.is_empty() {
        Some(IdFault::Empty)
    } else if !id.chars().any(char::is_alphanumeric) {
        Some(IdFault::NoLetter)
    } else if id.chars().any(|c| c == '/' || c.is_whitespace()) {
        Some(IdFault::SlashOrSpace)
    } else if id.chars().count() > MAX_ID_CHARS {
        Some(IdFault::TooLong)
    } else {
        None
    }
}

/// What makes a deck id unsafe, if anything: the id names the deck's file
/// (`ID.ron`) in the deck folder on every system, so it may hold no path
/// separator, no `..`, no Windows reserved name (`CON`, `NUL`, `COM1`…), no
/// control or white space character, and not punctuation alone.
#[must_use]
pub fn deck_id_problem(id: &str) -> Option<String> {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let stem = id.split('.').next().unwrap_or_default().trim_end().to_ascii_lowercase();
    let numbered = ["com", "lpt"].iter().any(|prefix| {
        stem.strip_prefix(prefix).is_some_and(|rest| rest.len() == 1 && rest.chars().all(|c| c.is_ascii_digit()))
    });
    if id.is_empty() {
        Some("is empty".into())
    } else if id.chars().count() > MAX_ID_CHARS {
        Some(format!("is longer than {MAX_ID_CHARS} characters"))
    } else if let Some(c) = id.chars().find(|c| c.is_whitespace() || c.is_control()) {
        Some(format!("contains {}", c.escape_debug()))
    } else if let Some(c) = id.chars().find(|c| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')) {
        Some(format!("contains `{c}`, which a file name cannot hold"))
    } else if id.contains("..") || id.starts_with('.') || id.ends_with('.') {
        Some("starts or ends with `.` or contains `..`".into())
    } else if RESERVED.contains(&stem.as_str()) || numbered {
        Some(format!("`{stem}` is a name Windows reserves for devices"))
    } else if !id.chars().any(char::is_alphanumeric) {
        Some("has no letter or digit".into())
    } else {
        None
    }
}

fn default_language() -> String {
    "en".to_owned()
}

impl Deck {
    /// The part of the deck an entry belongs to, for breakdowns: the aspect
    /// (row) of a table cell, the subject of a table's matching question,
    /// the category of a list item or of a list question; an FAQ is one
    /// group, the deck's title.
    #[must_use]
    pub fn group_of(&self, item: &str) -> &str {
        let found = match &self.content {
            Content::Table(table) => {
                let aspect = item.split_once('/').map_or(item, |(aspect, _)| aspect);
                table
                    .aspects
                    .iter()
                    .find(|row| row.id == aspect)
                    .map(|row| row.name.as_str())
                    .or_else(|| table.subjects.iter().find(|subject| subject.id == item).map(|s| s.name.as_str()))
            }
            Content::Faq(_) => None,
            Content::Lists(lists) => lists
                .categories
                .iter()
                .find(|category| category.id == item || category.items.iter().any(|entry| entry.id == item))
                .map(|category| category.name.as_str()),
        };
        found.unwrap_or(&self.title)
    }
}

/// The three kinds of material a deck can hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Content {
    /// Subjects × aspects, a text cell for each pair.
    Table(Table),
    /// Questions with their answers.
    Faq(Faq),
    /// Categories holding items.
    Lists(Lists),
}

impl Content {
    /// The name of the content kind, as written in the file.
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Content::Table(_) => "table",
            Content::Faq(_) => "faq",
            Content::Lists(_) => "lists",
        }
    }
}

/// A comparison table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Heading of the aspect column, e.g. "Basis of difference".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub aspect_heading: String,
    /// The things compared (the columns).
    pub subjects: Vec<Subject>,
    /// The points of comparison (the rows), each with a cell per subject.
    pub aspects: Vec<Aspect>,
    /// Subjects that include others, as `(whole, part)`: everything said of
    /// the part holds for the whole too (digital marketing includes social
    /// media marketing), so no question says it does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<(String, String)>,
    /// Cells that also hold for another subject, as `("ASPECT/SUBJECT",
    /// "OTHER_SUBJECT")`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_holds: Vec<(String, String)>,
}

impl Table {
    /// Whether the cell of `aspect` for `subject` also holds for `other`, as
    /// the author stated (see [`Table::includes`], [`Table::also_holds`]).
    #[must_use]
    pub fn holds_for(&self, aspect: &str, subject: &str, other: &str) -> bool {
        self.includes.iter().any(|(whole, part)| whole == other && part == subject)
            || self.also_holds.iter().any(|(cell, also)| {
                also == other && cell.split_once('/').is_some_and(|(a, s)| a == aspect && s == subject)
            })
    }
}

/// A column of a comparison table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: String,
    pub name: String,
}

/// A row of a comparison table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub id: String,
    pub name: String,
    /// Cell text per subject id.
    pub cells: std::collections::BTreeMap<String, String>,
}

/// Questions and answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub entries: Vec<FaqEntry>,
}

/// One question with its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub id: String,
    pub question: String,
    pub answer: String,
    /// Short answers accepted when the learner types the answer; a typed-answer
    /// question is generated only where this list is not empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// The Anki note this entry was imported from, exactly as Anki wrote its
    /// guid (which may hold `/`, unlike an id), so that `export --format anki`
    /// updates that note instead of adding another.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guid: String,
}

/// Grouped lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    pub categories: Vec<Category>,
}

/// A named list of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    /// A self-contained name: options show it out of context.
    pub name: String,
    pub items: Vec<Item>,
}

/// An entry of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// What the item means or why it matters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// Ids of further categories this same item belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<String>,
}

/// Where something stands in a deck file, written out as a field path
/// (`content.aspects[2].cells{smm}`) only when a diagnostic locates it: a
/// deck of 100,000 entries lists 400,000 cards, each with its place, and
/// most never need it written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldPath {
    /// Nowhere in particular: a card read from its id alone.
    Unplaced,
    Subject(usize),
    Aspect(usize),
    /// A table's cell: its aspect's position, and its subject's, whose id
    /// names the cell.
    Cell {
        aspect: usize,
        subject: usize,
    },
    Entry(usize),
    Category(usize),
    /// A list's item: its category's position, then its own in the category.
    Item(usize, usize),
}

impl FieldPath {
    /// The path written out, in `deck`, the deck it is a place of.
    #[must_use]
    pub fn written(self, deck: &Deck) -> String {
        match self {
            FieldPath::Unplaced => String::new(),
            FieldPath::Subject(index) => format!("content.subjects[{index}]"),
            FieldPath::Aspect(index) => format!("content.aspects[{index}]"),
            FieldPath::Cell { aspect, subject } => {
                let subject = match &deck.content {
                    Content::Table(table) => table.subjects.get(subject).map_or("", |subject| subject.id.as_str()),
                    Content::Faq(_) | Content::Lists(_) => "",
                };
                format!("content.aspects[{aspect}].cells{{{subject}}}")
            }
            FieldPath::Entry(index) => format!("content.entries[{index}]"),
            FieldPath::Category(index) => format!("content.categories[{index}]"),
            FieldPath::Item(category, item) => format!("content.categories[{category}].items[{item}]"),
        }
    }
}

#[cfg(test)]
impl Deck {
    /// A deck to test with: id `d`, English, every kind, no `same` pairs.
    pub(crate) fn example(content: Content) -> Deck {
        Deck {
            id: "d".into(),
            title: "D".into(),
            language: "en".into(),
            description: String::new(),
            source: String::new(),
            kinds: Vec::new(),
            same: Vec::new(),
            content,
        }
    }

    /// An FAQ deck of `entries` distinct entries.
    pub(crate) fn example_faq(entries: usize) -> Deck {
        let entries = (0..entries)
            .map(|index| FaqEntry {
                id: format!("q{index}"),
                question: format!("Question number {index}?"),
                answer: format!("Answer {index} {}", "xyz".repeat(index % 3 + 1)),
                accepted: Vec::new(),
                guid: String::new(),
            })
            .collect();
        Deck::example(Content::Faq(Faq { entries }))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn groups_are_rows_subjects_and_categories() {
        let table = Deck::example(Content::Table(Table {
            aspect_heading: String::new(),
            subjects: vec![Subject { id: "s".into(), name: "Social".into() }],
            aspects: vec![Aspect { id: "cost".into(), name: "Cost".into(), cells: BTreeMap::new() }],
            includes: Vec::new(),
            also_holds: Vec::new(),
        }));
        assert_eq!(table.group_of("cost/s"), "Cost");
        assert_eq!(table.group_of("s"), "Social");
        assert_eq!(table.group_of("gone/s"), "D", "an unknown entry falls back to the deck");
        let item = |id: &str| Item { id: id.into(), text: id.into(), detail: String::new(), also_in: Vec::new() };
        let lists = Deck::example(Content::Lists(Lists {
            categories: vec![Category { id: "tools".into(), name: "Tools".into(), items: vec![item("ads")] }],
        }));
        assert_eq!(lists.group_of("ads"), "Tools");
        assert_eq!(lists.group_of("tools"), "Tools");
        assert_eq!(Deck::example_faq(2).group_of("q1"), "D");
    }
}
