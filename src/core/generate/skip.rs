//! Why a card is not generated: a typed reason, worded in English here and
//! in the learner's language by the window (`ui::i18n`).

use std::fmt;

use crate::core::question::QuestionKind;

/// Why the generator leaves a card out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The card names no entry of the deck (a card id from an older deck).
    NoSuchEntry,
    /// The kind is not asked of a deck of this shape.
    KindNotApplicable(QuestionKind),
    /// No other text is of the right answer's kind and differs from it (see
    /// `options::build`).
    NoFittingOption,
    /// Another FAQ entry asks nearly the same question with another answer.
    NearlySameQuestion { twin: String },
    /// The item stands in several lists, found alike by its text.
    InSeveralLists { item: String, lists: usize },
    /// The prompt holds the right answer.
    GivesAnswerAway { given: String },
    /// No other subject's cell for the aspect differs.
    NoFalseStatement,
    /// Every other list holds the item or one that says the same.
    NoOtherList,
    /// Every other item of the kind belongs to the list or says the same.
    NoOtherItem,
    /// Every other FAQ entry's answer or question says the same.
    NoOtherEntry,
    /// The other subjects' cells for the aspect say the same.
    NoSingleSubject,
    /// The subject's other cells say the same.
    NoSingleAspect,
    /// Fewer than two of the subject's cells differ.
    NothingToMatch,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::NoSuchEntry => write!(f, "the deck has no such entry"),
            Skip::KindNotApplicable(kind) => write!(f, "{kind} does not apply to this deck"),
            Skip::NoFittingOption => write!(
                f,
                "no other text can stand beside it as a wrong option: none is of the same kind \
                 (a year, a number, a term, a sentence…), differs from it, and — where it repeats the question's \
                 words — repeats them too"
            ),
            Skip::NearlySameQuestion { twin } => write!(f, "entry `{twin}` asks nearly the same question"),
            Skip::InSeveralLists { item, lists } => {
                write!(f, "«{item}» is in {lists} lists, so \"which list holds it?\" has more than one answer")
            }
            Skip::GivesAnswerAway { given } => {
                write!(f, "the question gives its answer away: its prompt contains «{given}»")
            }
            Skip::NoFalseStatement => {
                write!(f, "no other subject's cell for this aspect differs, so no false statement can be made")
            }
            Skip::NoOtherList => write!(f, "every other list holds this item or one that says the same"),
            Skip::NoOtherItem => write!(f, "every other item of the same kind belongs to this list or says the same"),
            Skip::NoOtherEntry => write!(f, "every other entry's answer or question says the same as this one"),
            Skip::NoSingleSubject => {
                write!(f, "the other subjects' cells for this aspect say the same, so no subject is the one answer")
            }
            Skip::NoSingleAspect => {
                write!(f, "this subject's other cells say the same, so no aspect is the one answer")
            }
            Skip::NothingToMatch => {
                write!(f, "fewer than two of this subject's cells differ, so there is nothing to match")
            }
        }
    }
}
