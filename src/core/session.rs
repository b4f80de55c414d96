//! One sitting of study, practice or a mock exam: the question on screen,
//! what the learner answered, what this sitting may take back, and why it
//! ended. The window and the terminal drive this one type.
//!
//! - **Study** takes the planner's next card; answers move the schedule.
//! - **Practice** goes through a set of cards once; a card answered wrongly
//!   (or rated Again) comes back at the end of the queue until it is answered
//!   right, and the sitting ends when every card has been. Answers are logged
//!   as practice and leave the schedule alone.
//! - **Exam** goes through a paper; every answer is logged as it is given,
//!   and handing in (or running out of time) records the paper itself, so
//!   that a question left blank counts as set and not answered.
//!
//! Undo takes back what *this sitting* did — an answer, a suspension, a
//! skipped exam question — last first, restoring the schedule, the tallies
//! and the question on screen; nothing outside it is ever undone.
//!
//! Like the rest of the core it reads no clock: every call that records takes
//! `now`, and an answer's duration is the time since its question was shown.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

use crate::core::exam::{Graded, Paper, grade};
use crate::core::question::{CardId, Question, QuestionKind, Response, Seen};
use crate::core::save::{Change, ExamRecord, Review, Save, SaveData, SaveError, SessionKind};
use crate::core::schedule::{CardState, Rating, Scheduler};
use crate::core::study::{Answer, Catalog, DayEnd, Planner, record_answer, record_review};

/// How many cards study passes over, at most, to avoid setting a question
/// right after one that gave its answer away.
const SIBLING_TRIES: usize = 8;

/// What kind of sitting this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Study,
    Practice,
    Exam,
}

/// Where the question on screen stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Asking,
    /// A flip card turned over, waiting for a rating.
    Revealed,
    /// An auto-graded answer given and recorded (study and practice).
    Answered {
        response: Response,
        correct: bool,
    },
}

/// The question on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub question: Question,
    pub stage: Stage,
    pub shown_at: DateTime<Utc>,
}

/// Answers given in this sitting, and how many were right (undone ones
/// taken off again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub answered: usize,
    pub right: usize,
}

/// Why a sitting has no question on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    /// Study: nothing left now; what is left and when it comes.
    DayDone(DayEnd),
    /// Practice: every card has been answered right.
    PracticeDone,
    /// The exam was handed in (or its time ran out).
    HandedIn { graded: Graded, timed_out: bool },
}

/// What an answer or a rating did, for the front end to acknowledge.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub review: Review,
}

/// What undo took back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    Answer(CardId),
    Suspension(CardId),
    Skip(CardId),
}

/// What an answer did to its card's schedule, for undo to restore it.
#[derive(Debug, Clone)]
enum ScheduleBefore {
    /// Practice and exams leave the schedule alone.
    Untouched,
    /// A study answer moved it from here (None: the card was new).
    Moved(Option<CardState>),
}

/// One thing this sitting did, with what undoing it needs.
#[derive(Debug, Clone)]
enum Step {
    Answered {
        question: Question,
        review: Review,
        exam_index: Option<usize>,
        right: bool,
        schedule: ScheduleBefore,
        /// Practice: the card went back into the queue.
        requeued: bool,
    },
    Suspended {
        question: Question,
        exam_index: Option<usize>,
    },
    Skipped {
        question: Question,
        exam_index: usize,
    },
}

impl Step {
    fn question(&self) -> &Question {
        match self {
            Step::Answered { question, .. } | Step::Suspended { question, .. } | Step::Skipped { question, .. } => {
                question
            }
        }
    }
}

/// A paper being answered.
#[derive(Debug, Clone)]
struct ExamSitting {
    id: String,
    paper: Paper,
    responses: Vec<Option<Response>>,
    /// Questions taken off the paper by suspending their card.
    dropped: Vec<bool>,
    index: usize,
    started_at: DateTime<Utc>,
    limit: Option<Duration>,
}

impl ExamSitting {
    /// The paper as it stands: the questions not dropped, with their answers.
    fn kept(&self) -> (Paper, Vec<Option<Response>>) {
        let mut paper = Paper { seed: self.paper.seed, requested: self.paper.requested, questions: Vec::new() };
        let mut responses = Vec::new();
        for ((question, response), dropped) in self.paper.questions.iter().zip(&self.responses).zip(&self.dropped) {
            if !dropped {
                paper.questions.push(question.clone());
                responses.push(response.clone());
            }
        }
        (paper, responses)
    }
}

/// A sitting of study, practice or an exam.
#[derive(Debug, Clone)]
pub struct Session {
    mode: Mode,
    catalog: Catalog,
    /// The deck ids it was started on (empty: every deck).
    decks: Vec<String>,
    /// Practice: the cards still to come.
    queue: VecDeque<CardId>,
    exam: Option<ExamSitting>,
    current: Option<Current>,
    tally: Tally,
    steps: Vec<Step>,
    end: Option<End>,
}

impl Session {
    fn new(mode: Mode, catalog: Catalog, decks: Vec<String>) -> Session {
        Session {
            mode,
            catalog,
            decks,
            queue: VecDeque::new(),
            exam: None,
            current: None,
            tally: Tally::default(),
            steps: Vec::new(),
            end: None,
        }
    }

    /// Scheduled study of the catalog's cards.
    #[must_use]
    pub fn study(catalog: Catalog, decks: Vec<String>) -> Session {
        Session::new(Mode::Study, catalog, decks)
    }

    /// Practice of these cards, in this order.
    #[must_use]
    pub fn practice(catalog: Catalog, decks: Vec<String>, cards: Vec<CardId>) -> Session {
        let mut session = Session::new(Mode::Practice, catalog, decks);
        session.queue = cards.into();
        session
    }

    /// A mock exam on a paper, with an optional time limit; the first
    /// question is on screen at once.
    #[must_use]
    pub fn exam(
        catalog: Catalog,
        decks: Vec<String>,
        paper: Paper,
        id: String,
        limit: Option<Duration>,
        now: DateTime<Utc>,
    ) -> Session {
        let mut session = Session::new(Mode::Exam, catalog, decks);
        let count = paper.questions.len();
        session.exam = Some(ExamSitting {
            id,
            paper,
            responses: vec![None; count],
            dropped: vec![false; count],
            index: 0,
            started_at: now,
            limit,
        });
        session.show_exam_question(now);
        session
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    #[must_use]
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The deck ids it was started on (empty: every deck).
    #[must_use]
    pub fn decks(&self) -> &[String] {
        &self.decks
    }

    /// The decks were reloaded: the same sitting goes on over the catalog
    /// as it now is (a card gone from it is passed over).
    pub fn refresh_catalog(&mut self, catalog: Catalog) {
        self.catalog = catalog;
    }

    #[must_use]
    pub fn current(&self) -> Option<&Current> {
        self.current.as_ref()
    }

    #[must_use]
    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// Why no question is on screen, once the sitting has ended.
    #[must_use]
    pub fn end(&self) -> Option<&End> {
        self.end.as_ref()
    }

    /// Whether this sitting has something to take back.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.steps.is_empty()
    }

    /// Practice: cards still to come, the one on screen included.
    #[must_use]
    pub fn practice_left(&self) -> usize {
        self.queue.len() + usize::from(self.current.is_some())
    }

    /// Exam: the question on screen (from 0) and the questions on the paper.
    #[must_use]
    pub fn exam_position(&self) -> Option<(usize, usize)> {
        self.exam.as_ref().map(|exam| (exam.index, exam.paper.questions.len()))
    }

    /// Exam: the paper as set.
    #[must_use]
    pub fn paper(&self) -> Option<&Paper> {
        self.exam.as_ref().map(|exam| &exam.paper)
    }

    /// Exam: its time limit, where it has one.
    #[must_use]
    pub fn time_limit(&self) -> Option<Duration> {
        self.exam.as_ref().and_then(|exam| exam.limit)
    }

    /// Exam: the time left, where there is a limit.
    #[must_use]
    pub fn time_left(&self, now: DateTime<Utc>) -> Option<Duration> {
        let exam = self.exam.as_ref()?;
        exam.limit.map(|limit| (limit - (now - exam.started_at)).max(Duration::zero()))
    }

    /// Exam: whether its time is up (and it is not handed in yet).
    #[must_use]
    pub fn time_is_up(&self, now: DateTime<Utc>) -> bool {
        self.end.is_none() && self.time_left(now).is_some_and(|left| left <= Duration::zero())
    }

    /// Exam: questions on the paper with no answer yet.
    #[must_use]
    pub fn unanswered(&self) -> usize {
        self.exam.as_ref().map_or(0, |exam| {
            exam.responses
                .iter()
                .zip(&exam.dropped)
                .filter(|(response, dropped)| response.is_none() && !**dropped)
                .count()
        })
    }

    fn session_kind(&self) -> SessionKind {
        match (&self.mode, &self.exam) {
            (Mode::Exam, Some(exam)) => SessionKind::Exam(exam.id.clone()),
            (Mode::Practice, _) => SessionKind::Practice,
            _ => SessionKind::Study,
        }
    }

    fn show(&mut self, question: Question, now: DateTime<Utc>) {
        self.end = None;
        self.current = Some(Current { question, stage: Stage::Asking, shown_at: now });
    }

    fn show_exam_question(&mut self, now: DateTime<Utc>) {
        let question = self.exam.as_ref().and_then(|exam| exam.paper.questions.get(exam.index)).cloned();
        self.current = None;
        if let Some(question) = question {
            self.show(question, now);
        }
    }

    /// Puts the next question on screen, or ends the sitting with the reason.
    /// An exam moves on by answering, skipping or handing in, not by this.
    pub fn advance(&mut self, data: &SaveData, scheduler: &Scheduler, now: DateTime<Utc>) {
        // The answers recorded so far, not `reviews.len()`: a save open for
        // writing holds only its recent answers.
        let seed = data.sequence;
        match self.mode {
            Mode::Study => {
                let planner = Planner { catalog: &self.catalog, data, scheduler, now };
                // Not the sibling the question just answered gave away, while
                // anything else is left.
                let last = self.steps.last().map(Step::question);
                let first = planner.next_card().and_then(|card| self.catalog.question(&card, seed));
                let mut next = first.clone();
                let mut passed_over: Vec<CardId> = Vec::new();
                while let Some(given) =
                    next.as_ref().filter(|next| last.is_some_and(|last| last.gives_away(next, Seen::Answered)))
                {
                    // A few tries, each one card fewer; then the sibling comes after all.
                    if passed_over.len() == SIBLING_TRIES {
                        next = first;
                        break;
                    }
                    passed_over.push(given.id.clone());
                    next = planner
                        .next_card_where(|card| !passed_over.contains(card))
                        .and_then(|card| self.catalog.question(&card, seed));
                    if next.is_none() {
                        next = first;
                        break;
                    }
                }
                if let Some(question) = next {
                    self.show(question, now);
                } else {
                    self.current = None;
                    self.end = Some(End::DayDone(planner.day_end()));
                }
            }
            Mode::Practice => {
                self.keep_siblings_apart(seed);
                while let Some(card) = self.queue.pop_front() {
                    let suspended = data.cards.get(&card).is_some_and(|state| state.suspended);
                    if suspended {
                        continue;
                    }
                    if let Some(question) = self.catalog.question(&card, seed) {
                        self.show(question, now);
                        return;
                    }
                }
                self.current = None;
                self.end = Some(End::PracticeDone);
            }
            Mode::Exam => {}
        }
    }

    /// Practice: where the question just answered gives the next one in the
    /// queue away, brings forward the first few that it does not.
    fn keep_siblings_apart(&mut self, seed: u64) {
        /// How far down the queue to look: a round of one entry's cards has
        /// nothing to swap with, and looking further costs a question each.
        const LOOK_AHEAD: usize = 16;
        let Some(last) = self.steps.last().map(Step::question) else { return };
        let given_away =
            |card: &CardId| self.catalog.question(card, seed).is_none_or(|next| last.gives_away(&next, Seen::Answered));
        if !self.queue.front().is_some_and(given_away) {
            return;
        }
        let found = self.queue.iter().take(LOOK_AHEAD).position(|card| !given_away(card));
        if let Some(at) = found {
            self.queue.swap(0, at);
        }
    }

    /// Turns the flip card on screen over.
    pub fn reveal(&mut self) {
        if let Some(current) = &mut self.current
            && current.stage == Stage::Asking
            && current.question.kind.is_self_graded()
        {
            current.stage = Stage::Revealed;
        }
    }

    fn duration_ms(current: &Current, now: DateTime<Utc>) -> u64 {
        u64::try_from((now - current.shown_at).num_milliseconds()).unwrap_or_default()
    }

    /// Records an answer and remembers how to take it back.
    fn record(
        &mut self,
        save: &mut Save,
        scheduler: &Scheduler,
        question: Question,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<(Review, bool), SaveError> {
        let before = save.data().cards.get(&answer.card).cloned();
        let right = answer.correct.unwrap_or(answer.rating != Rating::Again);
        let review = record_answer(save, scheduler, answer, now)?;
        let schedule = if review.session == SessionKind::Study {
            ScheduleBefore::Moved(before)
        } else {
            ScheduleBefore::Untouched
        };
        self.tally.answered += 1;
        self.tally.right += usize::from(right);
        let requeued = self.mode == Mode::Practice && !right;
        if requeued {
            self.queue.push_back(review.card.clone());
        }
        let exam_index = self.exam.as_ref().map(|exam| exam.index);
        self.steps.push(Step::Answered { question, review: review.clone(), exam_index, right, schedule, requeued });
        Ok((review, right))
    }

    /// Answers the auto-graded question on screen. In study and practice the
    /// verdict stays on screen until [`Session::advance`]; in an exam the next
    /// question follows at once, and the last one hands the paper in.
    pub fn respond(
        &mut self,
        save: &mut Save,
        scheduler: &Scheduler,
        response: Response,
        now: DateTime<Utc>,
    ) -> Result<Option<Recorded>, SaveError> {
        let Some(current) = self.current.as_ref().filter(|current| current.stage == Stage::Asking) else {
            return Ok(None);
        };
        if current.question.kind.is_self_graded() {
            return Ok(None);
        }
        let question = current.question.clone();
        let answer = Answer::graded(&question, &response, self.session_kind(), Session::duration_ms(current, now));
        let (review, right) = self.record(save, scheduler, question, answer, now)?;
        if let Some(exam) = &mut self.exam {
            exam.responses[exam.index] = Some(response);
            exam.index += 1;
            self.next_on_paper(save, now)?;
        } else if let Some(current) = &mut self.current {
            current.stage = Stage::Answered { response, correct: right };
        }
        Ok(Some(Recorded { review }))
    }

    /// Rates the flip card on screen once it is revealed, and moves on.
    pub fn rate(
        &mut self,
        save: &mut Save,
        scheduler: &Scheduler,
        rating: Rating,
        now: DateTime<Utc>,
    ) -> Result<Option<Recorded>, SaveError> {
        let Some(current) = self.current.as_ref().filter(|current| current.stage == Stage::Revealed) else {
            return Ok(None);
        };
        let question = current.question.clone();
        let answer = Answer {
            card: question.id.clone(),
            rating,
            response: String::new(),
            correct: None,
            duration_ms: Session::duration_ms(current, now),
            session: self.session_kind(),
        };
        let (review, _) = self.record(save, scheduler, question, answer, now)?;
        self.advance(save.data(), scheduler, now);
        Ok(Some(Recorded { review }))
    }

    /// Suspends the card on screen (a poor question) and moves on; in an exam
    /// its question leaves the paper.
    pub fn suspend(
        &mut self,
        save: &mut Save,
        scheduler: &Scheduler,
        now: DateTime<Utc>,
    ) -> Result<Option<CardId>, SaveError> {
        let Some(current) = &self.current else { return Ok(None) };
        let question = current.question.clone();
        let card = question.id.clone();
        save.record(Change::Suspended { card: card.clone(), suspended: true }, now)?;
        let exam_index = self.exam.as_ref().map(|exam| exam.index);
        self.steps.push(Step::Suspended { question, exam_index });
        if let Some(exam) = &mut self.exam {
            exam.dropped[exam.index] = true;
            exam.index += 1;
            self.next_on_paper(save, now)?;
        } else {
            self.advance(save.data(), scheduler, now);
        }
        Ok(Some(card))
    }

    /// Exam: leaves the question on screen blank and goes on.
    pub fn skip(&mut self, save: &mut Save, now: DateTime<Utc>) -> Result<(), SaveError> {
        let (Some(exam), Some(current)) = (&mut self.exam, &self.current) else { return Ok(()) };
        self.steps.push(Step::Skipped { question: current.question.clone(), exam_index: exam.index });
        exam.index += 1;
        self.next_on_paper(save, now)
    }

    /// The next question of the paper, or the paper handed in after the last.
    fn next_on_paper(&mut self, save: &mut Save, now: DateTime<Utc>) -> Result<(), SaveError> {
        let at_end = self.exam.as_ref().is_some_and(|exam| exam.index >= exam.paper.questions.len());
        if at_end {
            self.hand_in(save, now, false)
        } else {
            self.show_exam_question(now);
            Ok(())
        }
    }

    /// Hands the exam in: the paper is recorded with every question on it,
    /// answered or not, and graded. Nothing of the exam can be undone after.
    pub fn hand_in(&mut self, save: &mut Save, now: DateTime<Utc>, timed_out: bool) -> Result<(), SaveError> {
        if self.end.is_some() {
            return Ok(());
        }
        let Some(exam) = &self.exam else { return Ok(()) };
        let (paper, responses) = exam.kept();
        let record = ExamRecord {
            id: exam.id.clone(),
            started_at: exam.started_at,
            handed_in_at: now,
            questions: paper.questions.iter().map(|question| question.id.clone()).collect(),
            timed_out,
        };
        save.record(Change::ExamHandedIn(record), now)?;
        let graded = grade(&paper, &responses, &self.catalog);
        self.current = None;
        self.steps.clear();
        self.end = Some(End::HandedIn { graded, timed_out });
        Ok(())
    }

    /// Whether the last thing this sitting did was a typed answer graded
    /// wrong that [`Session::overrule`] can count as right.
    #[must_use]
    pub fn can_overrule(&self) -> bool {
        self.mode != Mode::Exam
            && matches!(self.steps.last(), Some(Step::Answered { question, right: false, .. })
                if question.kind == QuestionKind::TypedAnswer)
    }

    /// "I was right": the last answer, a typed one graded wrong, counts as
    /// right. Its verdict is undone and the answer recorded again as right,
    /// marked as the learner's override ([`Review::overridden`]). None when
    /// the last thing this sitting did was not such an answer; an exam is
    /// graded as it was set.
    pub fn overrule(
        &mut self,
        save: &mut Save,
        scheduler: &Scheduler,
        now: DateTime<Utc>,
    ) -> Result<Option<Recorded>, SaveError> {
        if !self.can_overrule() {
            return Ok(None);
        }
        let Some(Step::Answered { question, review, schedule, requeued, exam_index, .. }) = self.steps.pop() else {
            return Ok(None);
        };
        let card = question.id.clone();
        let restored = match &schedule {
            ScheduleBefore::Untouched => None,
            ScheduleBefore::Moved(before) => Some(before.clone()),
        };
        let undone = Change::Undone {
            card: card.clone(),
            schedule_changed: restored.is_some(),
            restored: restored.clone().flatten(),
        };
        if let Err(error) = save.record(undone, now) {
            self.steps.push(Step::Answered { question, review, exam_index, right: false, schedule, requeued });
            return Err(error);
        }
        let answer = Answer {
            card: card.clone(),
            rating: Rating::Good,
            response: review.answer.clone(),
            correct: Some(true),
            duration_ms: review.duration_ms,
            session: review.session.clone(),
        };
        // The wrong verdict is already undone: should this fail, the answer
        // is taken back as a whole, as undo would.
        let review = match record_review(save, scheduler, answer, true, now) {
            Ok(review) => review,
            Err(error) => {
                self.tally.answered = self.tally.answered.saturating_sub(1);
                self.drop_requeued(requeued, &card);
                return Err(error);
            }
        };
        self.tally.right += 1;
        self.drop_requeued(requeued, &card);
        self.steps.push(Step::Answered {
            question,
            review: review.clone(),
            exam_index,
            right: true,
            schedule,
            requeued: false,
        });
        match &mut self.current {
            Some(current) if current.question.id == card => match &mut current.stage {
                Stage::Answered { correct, .. } => *correct = true,
                // Practice brought the card straight back: it is done now.
                _ => self.advance(save.data(), scheduler, now),
            },
            _ => {}
        }
        Ok(Some(Recorded { review }))
    }

    /// Practice: takes a card put back in the queue by a wrong answer out again.
    fn drop_requeued(&mut self, requeued: bool, card: &CardId) {
        if requeued && let Some(position) = self.queue.iter().rposition(|queued| queued == card) {
            self.queue.remove(position);
        }
    }

    /// Takes back the last thing this sitting did and puts its question back
    /// on screen. None when there is nothing to take back.
    pub fn undo(&mut self, save: &mut Save, now: DateTime<Utc>) -> Result<Option<Undone>, SaveError> {
        let Some(step) = self.steps.last().cloned() else { return Ok(None) };
        let card = step.question().id.clone();
        let undone = match &step {
            Step::Answered { schedule, .. } => {
                let (schedule_changed, restored) = match schedule {
                    ScheduleBefore::Untouched => (false, None),
                    ScheduleBefore::Moved(before) => (true, before.clone()),
                };
                let change = Change::Undone { card: card.clone(), schedule_changed, restored };
                save.record(change, now)?;
                Undone::Answer(card.clone())
            }
            Step::Suspended { .. } => {
                save.record(Change::Suspended { card: card.clone(), suspended: false }, now)?;
                Undone::Suspension(card.clone())
            }
            Step::Skipped { .. } => Undone::Skip(card.clone()),
        };
        self.steps.pop();
        // The question that followed goes back where it came from.
        if self.mode == Mode::Practice
            && let Some(shown) = self.current.take().filter(|shown| shown.question.id != card)
        {
            self.queue.push_front(shown.question.id);
        }
        match step {
            Step::Answered { exam_index, right, requeued, .. } => {
                self.tally.answered = self.tally.answered.saturating_sub(1);
                self.tally.right = self.tally.right.saturating_sub(usize::from(right));
                self.drop_requeued(requeued, &card);
                self.rewind_exam(exam_index, |exam, index| exam.responses[index] = None);
            }
            Step::Suspended { exam_index, .. } => {
                self.rewind_exam(exam_index, |exam, index| exam.dropped[index] = false);
            }
            Step::Skipped { exam_index, .. } => self.rewind_exam(Some(exam_index), |_, _| {}),
        }
        self.show(step.question().clone(), now);
        Ok(Some(undone))
    }

    fn rewind_exam(&mut self, index: Option<usize>, restore: impl FnOnce(&mut ExamSitting, usize)) {
        if let (Some(exam), Some(index)) = (&mut self.exam, index) {
            restore(exam, index);
            exam.index = index;
        }
    }
}

#[cfg(test)]
mod tests;
