//! What screens ask the app for: the actions `App::apply` carries out.

use chrono::{DateTime, Utc};

use super::Theme;
use crate::core::plan::PlannedExam;
use crate::core::question::{CardId, Response};
use crate::core::save::Settings;
use crate::core::schedule::Rating;
use crate::core::study::MistakeScope;
use crate::ui::exam;
use crate::ui::i18n::Lang;

/// Which decks a practice session draws from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PracticeSource {
    Decks(Vec<String>),
    Mistakes(MistakeScope),
    Cards(Vec<CardId>),
    /// Cram: the weakest cards for the exam planned at this time.
    WeakestFor(DateTime<Utc>),
}

/// Everything a screen can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Home,
    Study(Vec<String>),
    Practice(PracticeSource),
    ExamSetup(Vec<String>),
    StartExam(exam::Request),
    Browse(Option<String>),
    /// The statistics screen over this many days.
    Stats(usize),
    Settings,
    Reload,
    OpenDeck,
    /// Answer the current question (study, practice).
    Respond(Response),
    Reveal,
    Rate(Rating),
    Continue,
    /// Take back the last thing this sitting did.
    Undo,
    /// "I was right": count the typed answer just graded wrong as right.
    Overrule,
    /// Suspend the card on screen in study, practice or an exam.
    SuspendCurrent,
    /// Suspend or unsuspend a card from Browse.
    SetSuspended(CardId, bool),
    /// Record the exam's current answer and go on (None: left blank).
    ExamAnswer(Option<Response>),
    /// Hand the exam in now (the screen has asked first where questions are
    /// left unanswered).
    FinishExam,
    /// Plan an exam to revise for.
    PlanExam(PlannedExam),
    /// Call off the exam planned at this time.
    UnplanExam(DateTime<Utc>),
    SetLang(Lang),
    SetTheme(Theme),
    SetZoom(f32),
    SaveSettings(Settings),
    SetLearnerName(String),
    /// Fit FSRS parameters to the learner's history (in the background).
    Optimize,
    /// Go back to FSRS's default parameters.
    ResetParameters,
    OpenDataFolder,
    /// Pick another copy of the save (another computer's) and merge it in.
    MergeFrom,
    DismissMessage,
    /// Try opening the save again (another window held it).
    RetryOpen,
}
