//! The sitting on screen — study, practice or an exam — driven through the
//! core's session, and how each one starts and ends.

use chrono::{DateTime, Duration, Utc};

use super::{App, CRAM_CARDS, Message, PracticeSource, Screen};
use crate::core::exam::{exam_id, paper};
use crate::core::plan;
use crate::core::save::{Save, SaveError};
use crate::core::schedule::Scheduler;
use crate::core::session::{End, Mode, Session};
use crate::core::study::mistakes;
use crate::ui::{Action, exam, session};

impl App {
    /// Carries out an action on the sitting on screen (study, practice or an exam).
    pub(super) fn apply_to_sitting(&mut self, action: Action) {
        match action {
            Action::Reveal => {
                if let Some(session) = sitting(&mut self.screen) {
                    session.reveal();
                }
            }
            Action::Respond(response) | Action::ExamAnswer(Some(response)) => {
                self.in_sitting(|session, save, scheduler, now| {
                    session.respond(save, scheduler, response, now).map(drop)
                });
            }
            Action::ExamAnswer(None) => self.in_sitting(|session, save, _, now| session.skip(save, now)),
            Action::Rate(rating) => {
                self.in_sitting(|session, save, scheduler, now| session.rate(save, scheduler, rating, now).map(drop));
            }
            Action::Continue => {
                let now = self.now();
                if let (Some(data), Some(session)) =
                    (self.save.as_ref().ok().map(Save::data), sitting(&mut self.screen))
                {
                    session.advance(data, &self.scheduler, now);
                }
            }
            Action::Undo => self.in_sitting(|session, save, _, now| session.undo(save, now).map(drop)),
            Action::Overrule => {
                self.in_sitting(|session, save, scheduler, now| session.overrule(save, scheduler, now).map(drop));
            }
            Action::SuspendCurrent => {
                self.in_sitting(|session, save, scheduler, now| session.suspend(save, scheduler, now).map(drop));
            }
            Action::FinishExam => self.in_sitting(|session, save, _, now| session.hand_in(save, now, false)),
            _ => {}
        }
    }

    /// Runs a change of the sitting on screen against the save; a failure to
    /// save is shown, never swallowed.
    pub(super) fn in_sitting(
        &mut self,
        change: impl FnOnce(&mut Session, &mut Save, &Scheduler, DateTime<Utc>) -> Result<(), SaveError>,
    ) {
        let now = self.now();
        let lang = self.lang();
        let (Ok(save), Some(session)) = (&mut self.save, sitting(&mut self.screen)) else { return };
        if let Err(error) = change(session, save, &self.scheduler, now) {
            self.messages.push(Message::Text(format!("{} {error}", lang.tr("Could not save:", "无法保存："))));
        }
    }

    /// Starts a study or practice sitting with its first question; a study
    /// sitting whose due cards are in decks still loading waits for them.
    pub(super) fn begin(&mut self, mut session: Session) {
        let now = self.now();
        if let Some(data) = self.data()
            && !self.waits_for_due_decks(&session, now)
        {
            session.advance(data, &self.scheduler, now);
        }
        self.screen = Screen::Session(Box::new(session::StudyScreen::new(session)));
    }

    /// A study sitting with nothing on screen (it found nothing in the decks
    /// loaded so far, or waits for the decks its due cards are in) asks
    /// again once decks have come.
    pub(super) fn resume_waiting_study(&mut self) {
        let now = self.now();
        let Screen::Session(screen) = &self.screen else { return };
        let session = screen.session();
        let idle = session.current().is_none() && matches!(session.end(), None | Some(End::DayDone(_)));
        if !idle || session.mode() != Mode::Study || self.waits_for_due_decks(session, now) {
            return;
        }
        if let (Screen::Session(screen), Ok(save)) = (&mut self.screen, &self.save) {
            screen.session_mut().advance(save.data(), &self.scheduler, now);
        }
    }

    /// Whether a study sitting should wait for the decks still loading:
    /// while the save holds cards due now in decks not loaded yet. Reviews
    /// come before new cards, so the first question would otherwise be a
    /// new card the learner's own due reviews should have preceded; a deck
    /// that is not being loaded (deleted) is waited for only until loading
    /// ends. Without due cards there, the sitting starts at once on what is
    /// loaded, and the decks join it as they come.
    pub(super) fn waits_for_due_decks(&self, session: &Session, now: DateTime<Utc>) -> bool {
        if session.mode() != Mode::Study || !self.decks_loading() {
            return false;
        }
        let loaded = |deck: &str| session.catalog().decks().iter().any(|loaded| loaded.id == deck);
        let asked = |deck: &str| session.decks().is_empty() || session.decks().iter().any(|id| id == deck);
        // The states of decks not loaded are not in memory: the save asks
        // its database. Where it cannot, the sitting goes on at once.
        let due = match &self.save {
            Ok(save) => save.due_decks(now).unwrap_or_default(),
            Err(_) => return false,
        };
        due.iter().any(|deck| asked(deck) && !loaded(deck))
    }

    /// An exam just handed in gives way to its report.
    pub(super) fn show_report_of_handed_in_exam(&mut self) {
        if let Screen::Exam(running) = &self.screen
            && let Some(End::HandedIn { graded, timed_out }) = running.session().end()
        {
            self.screen = Screen::ExamReport(exam::Report::new(graded.clone(), *timed_out));
        }
    }

    pub(super) fn start_practice(&mut self, source: &PracticeSource) {
        let Some(data) = self.data() else { return };
        let seed = u64::try_from(self.now().timestamp()).unwrap_or_default();
        let (decks, catalog, queue) = match source {
            PracticeSource::Decks(decks) => {
                let catalog = self.catalog.subset(decks);
                let round = catalog.practice_round(data, seed);
                (decks.clone(), catalog, round)
            }
            PracticeSource::Mistakes(scope) => (Vec::new(), self.catalog.clone(), mistakes(&self.catalog, data, scope)),
            PracticeSource::Cards(cards) => (Vec::new(), self.catalog.clone(), cards.clone()),
            PracticeSource::WeakestFor(at) => {
                let Some(exam) = data.planned_exams.iter().find(|exam| exam.at == *at) else { return };
                let cards = plan::weakest(&self.catalog, data, &self.scheduler, exam, CRAM_CARDS);
                (exam.decks.clone(), self.catalog.clone(), cards)
            }
        };
        self.begin(Session::practice(catalog, decks, queue));
    }

    pub(super) fn start_exam(&mut self, request: &exam::Request) {
        let now = self.now();
        let catalog = self.catalog.subset(&request.decks);
        let paper = paper(&catalog, request.count, request.seed);
        let limit = request.minutes.filter(|minutes| *minutes > 0).map(|minutes| Duration::minutes(i64::from(minutes)));
        let session = Session::exam(catalog, request.decks.clone(), paper, exam_id(now, request.seed), limit, now);
        self.screen = Screen::Exam(Box::new(exam::Running::new(session)));
    }

    /// Hands in an exam whose time is up.
    pub(super) fn tick(&mut self) {
        let now = self.now();
        if let Screen::Exam(running) = &self.screen
            && running.session().time_is_up(now)
        {
            self.in_sitting(|session, save, _, now| session.hand_in(save, now, true));
            self.show_report_of_handed_in_exam();
        }
    }
}

/// The sitting a screen drives, if it drives one.
pub(super) fn sitting(screen: &mut Screen) -> Option<&mut Session> {
    match screen {
        Screen::Session(screen) => Some(screen.session_mut()),
        Screen::Exam(running) => Some(running.session_mut()),
        _ => None,
    }
}
