//! Questions as the learner sees them, the ids of the cards they belong to,
//! and how an answer to each is graded.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::text::{Comparable, normalize, same_answer};

/// Every kind of question the generator makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Table: recall a cell from its subject and aspect (self-graded).
    CellRecall,
    /// Table: pick the cell for a subject and aspect.
    CellChoice,
    /// Table: which subject does this cell describe.
    WhichSubject,
    /// Table: which aspect is this cell about.
    WhichAspect,
    /// Table: is this cell said of this subject.
    TrueFalse,
    /// Table: match the aspects of one subject to their cells.
    Matching,
    /// FAQ: flip card from question to answer (self-graded).
    FaqRecall,
    /// FAQ: pick the answer to a question.
    AnswerChoice,
    /// FAQ: which question does this answer.
    WhichQuestion,
    /// FAQ: type a short answer.
    TypedAnswer,
    /// Lists: which category holds this item.
    WhichCategory,
    /// Lists: which of these items belongs to a category.
    WhichBelongs,
    /// Lists: recall an item's detail (self-graded).
    DetailRecall,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 13] = [
        QuestionKind::CellRecall,
        QuestionKind::CellChoice,
        QuestionKind::WhichSubject,
        QuestionKind::WhichAspect,
        QuestionKind::TrueFalse,
        QuestionKind::Matching,
        QuestionKind::FaqRecall,
        QuestionKind::AnswerChoice,
        QuestionKind::WhichQuestion,
        QuestionKind::TypedAnswer,
        QuestionKind::WhichCategory,
        QuestionKind::WhichBelongs,
        QuestionKind::DetailRecall,
    ];

    /// The kind's name as the command line and the files write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::CellRecall => "cell_recall",
            QuestionKind::CellChoice => "cell_choice",
            QuestionKind::WhichSubject => "which_subject",
            QuestionKind::WhichAspect => "which_aspect",
            QuestionKind::TrueFalse => "true_false",
            QuestionKind::Matching => "matching",
            QuestionKind::FaqRecall => "faq_recall",
            QuestionKind::AnswerChoice => "answer_choice",
            QuestionKind::WhichQuestion => "which_question",
            QuestionKind::TypedAnswer => "typed_answer",
            QuestionKind::WhichCategory => "which_category",
            QuestionKind::WhichBelongs => "which_belongs",
            QuestionKind::DetailRecall => "detail_recall",
        }
    }

    /// Parses a kind from its name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether the learner grades the answer themselves (a flip card).
    #[must_use]
    pub fn is_self_graded(self) -> bool {
        matches!(self, QuestionKind::CellRecall | QuestionKind::FaqRecall | QuestionKind::DetailRecall)
    }
}

impl fmt::Display for QuestionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The letter of an option or entry on paper and in the terminal: A, B, C…
#[must_use]
pub fn option_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .and_then(|index| b'A'.checked_add(index))
        .filter(u8::is_ascii_uppercase)
        .map_or('?', char::from)
}

/// The stable id of a card: `DECK/ITEM/KIND`, where a table cell's item is
/// `ASPECT/SUBJECT`. Built only from author-written ids, so editing a text
/// keeps the card's progress.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CardId(pub String);

impl CardId {
    #[must_use]
    pub fn new(deck: &str, item: &str, kind: QuestionKind) -> CardId {
        CardId(format!("{deck}/{item}/{kind}"))
    }

    /// The deck id, the part before the first `/`.
    #[must_use]
    pub fn deck(&self) -> &str {
        self.0.split('/').next().unwrap_or_default()
    }

    /// The question kind, the part after the last `/`.
    #[must_use]
    pub fn kind(&self) -> Option<QuestionKind> {
        self.0.rsplit('/').next().and_then(QuestionKind::from_name)
    }

    /// `DECK/ITEM`: cards sharing it test the same entry.
    #[must_use]
    pub fn item_key(&self) -> &str {
        self.0.rsplit_once('/').map_or(self.0.as_str(), |(item, _)| item)
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A generated question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The card this question is a form of.
    pub id: CardId,
    /// Deck id.
    pub deck: String,
    /// The entry tested: FAQ entry id, list item id, `ASPECT/SUBJECT` for a
    /// table cell, subject id for a matching question.
    pub item: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// Options to choose from; empty for self-graded and typed questions.
    pub options: Vec<String>,
    /// Indexes of the correct options; for matching, the option index for each
    /// left entry in order.
    pub correct: Vec<usize>,
    /// The correct answer written out.
    pub answer: String,
    /// Left entries of a matching question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lefts: Vec<String>,
    /// Accepted typed answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// Where the answer comes from, to show after answering (the whole table
    /// row, the FAQ entry, the item with its detail).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
}

/// The options of every true/false question, in this order: the front ends
/// bind `T` to the first and `F` to the second.
pub const TRUE_FALSE_OPTIONS: [&str; 2] = ["true", "false"];

/// What a learner answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// One option, by index.
    Choice(usize),
    /// For matching: the option chosen for each left entry (None: left blank).
    Matches(Vec<Option<usize>>),
    /// Typed text.
    Typed(String),
}

/// How much of a question a learner has seen (see [`Question::gives_away`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Asked, as on an exam paper: its prompt and options.
    Asked,
    /// Answered in study or practice: its answer and source passage too.
    Answered,
}

impl Question {
    /// Whether the response is right. Self-graded questions are never graded here.
    #[must_use]
    pub fn is_correct(&self, response: &Response) -> bool {
        match (self.kind, response) {
            (QuestionKind::Matching, Response::Matches(chosen)) => {
                chosen.len() == self.correct.len()
                    && chosen.iter().zip(&self.correct).all(|(c, right)| *c == Some(*right))
            }
            (QuestionKind::TypedAnswer, Response::Typed(text)) => {
                self.accepted.iter().any(|accepted| same_answer(text, accepted))
            }
            (_, Response::Choice(index)) => self.correct.contains(index),
            _ => false,
        }
    }

    /// Whether having seen this question gives away `other`'s answer: both
    /// test one entry, or something this one shows holds `other`'s right
    /// answer (a "which question does this passage answer?" shows the answer
    /// its sibling asks for; a matching question's options are the cells its
    /// subject's cell questions ask for). Once answered, a question also shows
    /// its answer and source passage, and two questions on the same passage
    /// (a table row) give each other away. A name asked for (which subject,
    /// aspect, list) is given away only by its passage: names stand in every
    /// row. Wrong options give nothing away. Such questions are not set back
    /// to back, nor on one exam paper.
    #[must_use]
    pub fn gives_away(&self, other: &Question, seen: Seen) -> bool {
        if self.id.item_key() == other.id.item_key() {
            return true;
        }
        let answered = seen == Seen::Answered;
        if answered && !self.context.is_empty() && self.context == other.context {
            return true;
        }
        let right: Vec<&str> = match other.kind {
            QuestionKind::TrueFalse
            | QuestionKind::Matching
            | QuestionKind::WhichSubject
            | QuestionKind::WhichAspect
            | QuestionKind::WhichCategory => return false,
            QuestionKind::TypedAnswer => other.accepted.iter().map(String::as_str).collect(),
            _ if other.options.is_empty() => vec![other.answer.as_str()],
            _ => other.correct.iter().filter_map(|&at| other.options.get(at)).map(String::as_str).collect(),
        };
        let right: Vec<Comparable> = right.into_iter().map(Comparable::new).collect();
        let right_options = self.correct.iter().filter_map(|&at| self.options.get(at));
        let feedback = [&self.answer, &self.context].into_iter().filter(|_| answered);
        let shown = std::iter::once(&self.prompt).chain(feedback).chain(right_options).chain(&self.lefts);
        shown.map(|text| Comparable::new(text)).any(|shown| right.iter().any(|right| shown.holds(right)))
    }

    /// Breaches of the rules every question keeps: exactly one correct
    /// answer, no two options with the same normalised text, at most 4
    /// options (6 pairs for matching), a true/false question offering
    /// [`TRUE_FALSE_OPTIONS`] and nothing else. Empty for a sound question.
    #[must_use]
    pub fn rule_breaches(&self) -> Vec<String> {
        let mut breaches = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for option in &self.options {
            if !seen.insert(normalize(option)) {
                breaches.push(format!("two options read `{option}`"));
            }
        }
        match self.kind {
            kind if kind.is_self_graded() || kind == QuestionKind::TypedAnswer => {
                if !self.options.is_empty() || !self.correct.is_empty() {
                    breaches.push("a flip card or typed question has options".into());
                }
                if kind == QuestionKind::TypedAnswer && self.accepted.is_empty() {
                    breaches.push("a typed question accepts no answer".into());
                }
            }
            QuestionKind::Matching => {
                let mut sorted = self.correct.clone();
                sorted.sort_unstable();
                if self.lefts.len() < 2 || self.lefts.len() > 6 {
                    breaches.push(format!("{} pairs to match", self.lefts.len()));
                }
                if self.options.len() != self.lefts.len() || sorted != (0..self.options.len()).collect::<Vec<_>>() {
                    breaches.push("matching answers are not one option per entry".into());
                }
            }
            QuestionKind::TrueFalse => {
                if self.options != TRUE_FALSE_OPTIONS {
                    breaches.push(format!("a true/false question offers {:?}", self.options));
                }
                if self.correct != [0] && self.correct != [1] {
                    breaches.push(format!("correct answers {:?}", self.correct));
                }
            }
            _ => {
                if self.options.len() < 2 || self.options.len() > 4 {
                    breaches.push(format!("{} options", self.options.len()));
                }
                if self.correct.len() != 1 || self.correct.iter().any(|index| *index >= self.options.len()) {
                    breaches.push(format!("correct answers {:?}", self.correct));
                }
            }
        }
        breaches
    }

    /// The learner's response as text, for the review log.
    #[must_use]
    pub fn response_text(&self, response: &Response) -> String {
        let option = |index: &usize| self.options.get(*index).cloned().unwrap_or_default();
        match response {
            Response::Choice(index) => option(index),
            Response::Typed(text) => text.clone(),
            Response::Matches(chosen) => chosen
                .iter()
                .zip(&self.lefts)
                .map(|(choice, left)| format!("{left} → {}", choice.as_ref().map(option).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

#[cfg(test)]
impl Question {
    /// A question to test with: three options `a b c`, three lefts `x y z`.
    pub(crate) fn example(kind: QuestionKind) -> Question {
        Question {
            id: CardId::new("d", "i", kind),
            deck: "d".into(),
            item: "i".into(),
            kind,
            prompt: "p".into(),
            options: vec!["a".into(), "b".into(), "c".into()],
            correct: vec![0, 1, 2],
            answer: String::new(),
            lefts: vec!["x".into(), "y".into(), "z".into()],
            accepted: vec![],
            context: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind) -> Question {
        let mut question = Question::example(kind);
        question.correct = vec![1];
        question.answer = "b".into();
        question.lefts.clear();
        question.accepted = vec!["四千".into(), "4000".into()];
        question
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in QuestionKind::ALL {
            assert_eq!(QuestionKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(QuestionKind::from_name("nonsense"), None);
    }

    #[test]
    fn card_id_parts() {
        let id = CardId::new("deck", "scope/smm", QuestionKind::CellChoice);
        assert_eq!(id.0, "deck/scope/smm/cell_choice");
        assert_eq!(id.deck(), "deck");
        assert_eq!(id.item_key(), "deck/scope/smm");
    }

    #[test]
    fn choice_grading() {
        let q = question(QuestionKind::CellChoice);
        assert!(q.is_correct(&Response::Choice(1)));
        assert!(!q.is_correct(&Response::Choice(0)));
        assert!(!q.is_correct(&Response::Choice(9)));
    }

    #[test]
    fn typed_grading_normalises() {
        let q = question(QuestionKind::TypedAnswer);
        assert!(q.is_correct(&Response::Typed(" ４０００。".into())));
        assert!(q.is_correct(&Response::Typed("四千".into())));
        assert!(!q.is_correct(&Response::Typed(String::new())));
        assert!(!q.is_correct(&Response::Typed("5000".into())));
    }

    #[test]
    fn matching_needs_every_pair() {
        let mut q = question(QuestionKind::Matching);
        q.lefts = vec!["x".into(), "y".into()];
        q.correct = vec![2, 0];
        assert!(q.is_correct(&Response::Matches(vec![Some(2), Some(0)])));
        assert!(!q.is_correct(&Response::Matches(vec![Some(2), None])));
        assert!(!q.is_correct(&Response::Matches(vec![Some(2)])));
        assert_eq!(q.response_text(&Response::Matches(vec![Some(2), None])), "x → c; y → ");
    }

    /// A question of `kind` that keeps every rule; each breach test below
    /// changes one thing in it.
    fn sound(kind: QuestionKind) -> Question {
        let mut question = Question::example(kind);
        question.lefts.clear();
        match kind {
            QuestionKind::TrueFalse => {
                question.options = TRUE_FALSE_OPTIONS.map(String::from).to_vec();
                question.correct = vec![1];
            }
            QuestionKind::Matching => {
                question.lefts = vec!["x".into(), "y".into(), "z".into()];
                question.correct = vec![2, 0, 1];
            }
            QuestionKind::TypedAnswer => {
                question.options.clear();
                question.correct.clear();
                question.accepted = vec!["4000".into()];
            }
            kind if kind.is_self_graded() => {
                question.options.clear();
                question.correct.clear();
            }
            _ => question.correct = vec![1],
        }
        question
    }

    fn breaches(kind: QuestionKind, change: impl FnOnce(&mut Question)) -> Vec<String> {
        let mut question = sound(kind);
        change(&mut question);
        question.rule_breaches()
    }

    #[test]
    fn a_sound_question_of_every_kind_breaks_no_rule() {
        for kind in QuestionKind::ALL {
            assert_eq!(sound(kind).rule_breaches(), Vec::<String>::new(), "{kind}");
        }
    }

    #[test]
    fn more_than_four_options_is_a_breach() {
        let five = |q: &mut Question| q.options = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(breaches(QuestionKind::CellChoice, five), ["5 options"]);
    }

    #[test]
    fn fewer_than_two_options_is_a_breach() {
        let one = |q: &mut Question| {
            q.options = vec!["a".into()];
            q.correct = vec![0];
        };
        assert_eq!(breaches(QuestionKind::WhichCategory, one), ["1 options"]);
    }

    #[test]
    fn options_alike_once_normalised_are_a_breach() {
        let alike = |q: &mut Question| q.options = vec!["ROI".into(), "ｒｏｉ。".into(), "c".into()];
        assert_eq!(breaches(QuestionKind::AnswerChoice, alike), ["two options read `ｒｏｉ。`"]);
        let alike = |q: &mut Question| q.options = vec!["x".into(), "y".into(), "z".into(), "《 Y 》".into()];
        assert_eq!(
            breaches(QuestionKind::Matching, alike),
            ["two options read `《 Y 》`", "matching answers are not one option per entry"]
        );
    }

    #[test]
    fn two_right_answers_are_a_breach() {
        assert_eq!(breaches(QuestionKind::WhichSubject, |q| q.correct = vec![0, 1]), ["correct answers [0, 1]"]);
    }

    #[test]
    fn no_right_answer_or_one_beyond_the_options_is_a_breach() {
        assert_eq!(breaches(QuestionKind::WhichAspect, |q| q.correct.clear()), ["correct answers []"]);
        assert_eq!(breaches(QuestionKind::WhichBelongs, |q| q.correct = vec![3]), ["correct answers [3]"]);
    }

    #[test]
    fn a_typed_question_accepting_nothing_is_a_breach() {
        assert_eq!(breaches(QuestionKind::TypedAnswer, |q| q.accepted.clear()), ["a typed question accepts no answer"]);
    }

    #[test]
    fn a_flip_card_or_typed_question_with_options_is_a_breach() {
        for kind in
            [QuestionKind::CellRecall, QuestionKind::FaqRecall, QuestionKind::DetailRecall, QuestionKind::TypedAnswer]
        {
            let with_options = |q: &mut Question| q.options = vec!["a".into(), "b".into()];
            assert_eq!(breaches(kind, with_options), ["a flip card or typed question has options"], "{kind}");
            assert_eq!(
                breaches(kind, |q| q.correct = vec![0]),
                ["a flip card or typed question has options"],
                "{kind}"
            );
        }
    }

    #[test]
    fn a_true_false_question_with_other_options_is_a_breach() {
        let yes_no = |q: &mut Question| q.options = vec!["yes".into(), "no".into()];
        assert_eq!(breaches(QuestionKind::TrueFalse, yes_no), [r#"a true/false question offers ["yes", "no"]"#]);
        let swapped = |q: &mut Question| q.options.reverse();
        assert_eq!(breaches(QuestionKind::TrueFalse, swapped), [r#"a true/false question offers ["false", "true"]"#]);
        let third = |q: &mut Question| q.options.push("maybe".into());
        assert_eq!(
            breaches(QuestionKind::TrueFalse, third),
            [r#"a true/false question offers ["true", "false", "maybe"]"#]
        );
        assert_eq!(breaches(QuestionKind::TrueFalse, |q| q.correct = vec![0, 1]), ["correct answers [0, 1]"]);
        assert_eq!(breaches(QuestionKind::TrueFalse, |q| q.correct = vec![2]), ["correct answers [2]"]);
    }

    #[test]
    fn matching_fewer_than_two_or_more_than_six_pairs_is_a_breach() {
        let one = |q: &mut Question| {
            q.lefts.truncate(1);
            q.options.truncate(1);
            q.correct = vec![0];
        };
        assert_eq!(breaches(QuestionKind::Matching, one), ["1 pairs to match"]);
        let seven = |q: &mut Question| {
            q.lefts = (0..7).map(|n| format!("left {n}")).collect();
            q.options = (0..7).map(|n| format!("right {n}")).collect();
            q.correct = (0..7).rev().collect();
        };
        assert_eq!(breaches(QuestionKind::Matching, seven), ["7 pairs to match"]);
    }

    #[test]
    fn matching_answers_that_are_not_one_option_per_entry_are_a_breach() {
        let expected = ["matching answers are not one option per entry"];
        assert_eq!(breaches(QuestionKind::Matching, |q| q.correct = vec![0, 0, 1]), expected);
        assert_eq!(breaches(QuestionKind::Matching, |q| q.correct = vec![0, 1]), expected);
        assert_eq!(breaches(QuestionKind::Matching, |q| q.correct = vec![0, 1, 3]), expected);
        assert_eq!(breaches(QuestionKind::Matching, |q| q.options.push("d".into())), expected);
    }
}
