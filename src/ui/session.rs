//! Study and practice: one question at a time, the answer, the next.

use std::collections::VecDeque;
use std::time::Instant;

use chrono::{DateTime, Local, Utc};
use egui::{Key, RichText, Ui};

use super::app::{Action, App, PracticeSource};
use super::i18n::Lang;
use super::question_view::{self as view, Draft};
use super::style;
use crate::cli::elapsed_ms;
use crate::core::question::{CardId, Question, Response};
use crate::core::save::SessionKind;
use crate::core::schedule::{CardState, Rating, format_wait};
use crate::core::study::{Answer, Catalog};

/// Where the question on screen stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Asking,
    /// A flip card turned over, waiting for a rating.
    Revealed,
    /// An auto-graded answer given and recorded.
    Answered {
        response: Response,
        correct: bool,
    },
}

/// The question on screen.
#[derive(Debug, Clone)]
pub struct Current {
    pub question: Question,
    pub stage: Stage,
    pub draft: Draft,
    shown: Instant,
}

/// A study or practice session.
pub struct Session {
    catalog: Catalog,
    decks: Vec<String>,
    /// Practice: the cards still to come. None for scheduled study.
    practice: Option<VecDeque<CardId>>,
    current: Option<Current>,
    answered: usize,
    right: usize,
    /// When the session ran out of cards.
    finished_at: Option<DateTime<Utc>>,
}

impl Session {
    #[must_use]
    pub fn study(catalog: Catalog, decks: Vec<String>) -> Session {
        Session { catalog, decks, practice: None, current: None, answered: 0, right: 0, finished_at: None }
    }

    #[must_use]
    pub fn practice(catalog: Catalog, queue: Vec<CardId>) -> Session {
        let decks = catalog.decks().iter().map(|deck| deck.id.clone()).collect();
        Session {
            catalog,
            decks,
            practice: Some(queue.into()),
            current: None,
            answered: 0,
            right: 0,
            finished_at: None,
        }
    }

    #[must_use]
    pub fn is_practice(&self) -> bool {
        self.practice.is_some()
    }

    #[must_use]
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    #[must_use]
    pub fn current(&self) -> Option<&Current> {
        self.current.as_ref()
    }

    #[must_use]
    pub fn current_card(&self) -> Option<&CardId> {
        self.current.as_ref().map(|current| &current.question.id)
    }

    /// The next practice card, taken off the queue.
    pub fn next_practice_card(&mut self) -> Option<CardId> {
        let queue = self.practice.as_mut()?;
        while let Some(card) = queue.pop_front() {
            if self.catalog.contains(&card) {
                return Some(card);
            }
        }
        None
    }

    /// Decks were reloaded: the same decks from the new catalog.
    pub fn refresh_catalog(&mut self, catalog: &Catalog) {
        self.catalog = catalog.subset(&self.decks);
    }

    /// Puts a question on screen; None ends the session.
    pub fn show_question(&mut self, question: Option<Question>, now: DateTime<Utc>) {
        self.finished_at = question.is_none().then_some(now);
        self.current = question.map(|question| Current {
            draft: Draft::for_question(&question),
            question,
            stage: Stage::Asking,
            shown: Instant::now(),
        });
    }

    /// The answer just taken back: its question again.
    pub fn undone(&mut self, question: Option<Question>, now: DateTime<Utc>) {
        self.answered = self.answered.saturating_sub(1);
        if let (Some(queue), Some(question)) = (&mut self.practice, &question) {
            // A wrong practice answer had put the card back at the end.
            if queue.back() == Some(&question.id) {
                queue.pop_back();
            }
        }
        self.show_question(question, now);
    }

    fn kind(&self) -> SessionKind {
        if self.is_practice() { SessionKind::Practice } else { SessionKind::Study }
    }

    /// The answer to record for an auto-graded response, and whether it is right.
    #[must_use]
    pub fn grade(&self, response: &Response) -> Option<(Answer, bool)> {
        let current = self.current.as_ref().filter(|current| current.stage == Stage::Asking)?;
        let question = &current.question;
        if question.kind.is_self_graded() {
            return None;
        }
        let answer = Answer::graded(question, response, self.kind(), elapsed_ms(current.shown));
        let correct = answer.correct == Some(true);
        Some((answer, correct))
    }

    /// The answer was recorded: show how it went.
    pub fn answered(&mut self, response: Response, correct: bool) {
        self.count(correct);
        if let Some(current) = &mut self.current {
            current.stage = Stage::Answered { response, correct };
        }
    }

    fn count(&mut self, correct: bool) {
        self.answered += 1;
        self.right += usize::from(correct);
        if let (Some(queue), Some(current), false) = (&mut self.practice, &self.current, correct) {
            // Practice goes round until every card has been answered right.
            queue.push_back(current.question.id.clone());
        }
    }

    pub fn reveal(&mut self) {
        if let Some(current) = &mut self.current
            && current.stage == Stage::Asking
            && current.question.kind.is_self_graded()
        {
            current.stage = Stage::Revealed;
        }
    }

    /// The answer to record for a rating of the flip card on screen.
    pub fn rated(&mut self, rating: Rating) -> Option<Answer> {
        let current = self.current.as_ref().filter(|current| current.stage == Stage::Revealed)?;
        let answer = Answer {
            card: current.question.id.clone(),
            rating,
            response: String::new(),
            correct: None,
            duration_ms: elapsed_ms(current.shown),
            session: self.kind(),
        };
        self.count(rating != Rating::Again);
        Some(answer)
    }

    pub fn show(&mut self, ui: &mut Ui, app: &App) -> Vec<Action> {
        let lang = app.lang();
        let mut actions = Vec::new();
        self.header(ui, app);
        ui.separator();
        ui.add_space(8.0);
        let Some(current) = &mut self.current else {
            self.summary(ui, app, &mut actions);
            return actions;
        };
        let card = current.question.id.clone();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            style::column(ui, 860.0, |ui| {
                style::card(ui, |ui| view::prompt(ui, &current.question));
                ui.add_space(12.0);
                match &current.stage {
                    Stage::Asking if current.question.kind.is_self_graded() => {
                        let show = ui.button(lang.tr("Show answer  (Space)", "显示答案  (空格)"));
                        if show.clicked() || view::go_on_pressed(ui) {
                            actions.push(Action::Reveal);
                        }
                    }
                    Stage::Asking => {
                        if let Some(response) = view::ask(ui, lang, &current.question, &mut current.draft, true) {
                            actions.push(Action::Respond(response));
                        }
                    }
                    Stage::Revealed => {
                        view::flip_answer(ui, &current.question);
                        let deck = self.catalog.deck_of(&card);
                        view::source(ui, lang, deck, &current.question);
                        ui.add_space(12.0);
                        if let Some(rating) = rating_buttons(ui, app, &card) {
                            actions.push(Action::Rate(rating));
                        }
                    }
                    Stage::Answered { response, correct } => {
                        view::review(ui, lang, &current.question, response, *correct);
                        view::source(ui, lang, self.catalog.deck_of(&card), &current.question);
                        ui.add_space(12.0);
                        let next = ui.button(RichText::new(lang.tr("Continue  (Space)", "继续  (空格)")).size(18.0));
                        if next.clicked() || view::go_on_pressed(ui) {
                            actions.push(Action::Continue);
                        }
                    }
                }
                ui.add_space(16.0);
                ui.horizontal(|ui| {
                    let suspend =
                        ui.button(lang.tr("Suspend this card  (S)", "暂停此卡片  (S)")).on_hover_text(lang.tr(
                            "A poor question? It will not be shown again until you unsuspend it in Browse.",
                            "题目不好？它将不再出现，直到你在“浏览”中恢复它。",
                        ));
                    if suspend.clicked() || view::key_pressed(ui, Key::S) {
                        actions.push(Action::SetSuspended(card.clone(), true));
                    }
                    let can_undo = app.save.as_ref().is_ok_and(crate::core::save::Save::can_undo);
                    if ui
                        .add_enabled(can_undo, egui::Button::new(lang.tr("Undo  (Ctrl+Z)", "撤销  (Ctrl+Z)")))
                        .clicked()
                    {
                        actions.push(Action::Undo);
                    }
                });
            });
        });
        actions
    }

    fn header(&self, ui: &mut Ui, app: &App) {
        let lang = app.lang();
        ui.horizontal(|ui| {
            let title = if self.is_practice() { lang.tr("Practice", "练习") } else { lang.tr("Study", "学习") };
            ui.heading(title);
            let decks: Vec<&str> = self.catalog.decks().iter().map(|deck| deck.title.as_str()).collect();
            if decks.len() == 1 {
                ui.label(style::hint(decks[0]));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(queue) = &self.practice {
                    ui.label(format!(
                        "{} {}",
                        queue.len() + usize::from(self.current.is_some()),
                        lang.tr("to go", "题待练")
                    ));
                } else if let Some(planner) = app.planner(&self.catalog) {
                    let counts = planner.counts();
                    ui.label(style::two_counts(
                        counts.due_today,
                        lang.tr("due", "到期"),
                        counts.new_available,
                        lang.tr("new", "新卡片"),
                    ));
                }
                if self.answered > 0 {
                    ui.label(style::hint(&style::two_counts(
                        self.answered,
                        lang.tr("answered", "已答"),
                        self.right,
                        lang.tr("right", "正确"),
                    )));
                }
            });
        });
    }

    fn summary(&self, ui: &mut Ui, app: &App, actions: &mut Vec<Action>) {
        let lang = app.lang();
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            if self.is_practice() {
                ui.heading(lang.tr("Practice round done", "本轮练习完成"));
            } else {
                ui.heading(lang.tr("Nothing left for today", "今天的学习已完成"));
            }
            ui.add_space(8.0);
            if self.answered > 0 {
                ui.label(style::two_counts(
                    self.answered,
                    lang.tr("answers this session", "本次回答"),
                    self.right,
                    lang.tr("right", "正确"),
                ));
            }
            if !self.is_practice()
                && let Some(planner) = app.planner(&self.catalog)
            {
                let now = self.finished_at.unwrap_or_else(|| app.now());
                match planner.next_due_at() {
                    Some(due) => ui.label(format!(
                        "{} {} ({} {})",
                        lang.tr("The next card is due", "下一张卡片到期于"),
                        due.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                        lang.tr("in", "还有"),
                        format_wait(due - now)
                    )),
                    None => ui.label(lang.tr("These decks have no cards.", "这些题库没有卡片。")),
                };
            }
            ui.add_space(16.0);
            ui.horizontal(|ui| {
                if ui.button(lang.tr("Home  (Esc)", "主页  (Esc)")).clicked() {
                    actions.push(Action::Home);
                }
                if ui.button(lang.tr("Practise these decks anyway", "仍然练习这些题库")).clicked() {
                    actions.push(Action::Practice(PracticeSource::Decks(self.decks.clone())));
                }
                let can_undo = app.save.as_ref().is_ok_and(crate::core::save::Save::can_undo);
                if can_undo && ui.button(lang.tr("Undo  (Ctrl+Z)", "撤销  (Ctrl+Z)")).clicked() {
                    actions.push(Action::Undo);
                }
            });
        });
    }
}

/// Again / Hard / Good / Easy, each with the wait it gives.
fn rating_buttons(ui: &mut Ui, app: &App, card: &CardId) -> Option<Rating> {
    let lang = app.lang();
    let now = app.now();
    let state = app.data().and_then(|data| data.cards.get(card)).cloned().unwrap_or_else(|| CardState::new_card(now));
    let previews = app.scheduler.preview(&state, now);
    let labels: Vec<String> = Rating::ALL
        .iter()
        .zip(&previews)
        .map(|(rating, next)| {
            format!("{}  ({})\n{}", rating_name(lang, *rating), rating.number(), format_wait(next.due_at - now))
        })
        .collect();
    let clicked = view::button_row(ui, &labels).and_then(|index| Rating::ALL.get(index).copied());
    clicked.or_else(|| view::number_pressed(ui, 4).and_then(|index| Rating::ALL.get(index).copied()))
}

/// A rating's name on its button.
#[must_use]
pub fn rating_name(lang: Lang, rating: Rating) -> &'static str {
    match rating {
        Rating::Again => lang.tr("Again", "重来"),
        Rating::Hard => lang.tr("Hard", "困难"),
        Rating::Good => lang.tr("Good", "良好"),
        Rating::Easy => lang.tr("Easy", "简单"),
    }
}
