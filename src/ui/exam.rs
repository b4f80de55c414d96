//! Mock exams: choose decks, length, time limit and seed; answer with no
//! feedback; then the score, a breakdown and every mistake.

use chrono::{DateTime, Duration, Utc};
use egui::{Key, RichText, Ui};

use super::app::{Action, App, PracticeSource};
use super::i18n::Lang;
use super::question_view::{self as view, Draft};
use super::style;
use crate::core::exam::{Graded, Paper, Tally};
use crate::core::question::Response;
use crate::core::save::SessionKind;
use crate::core::study::{Answer, Catalog};

/// What an exam is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Deck ids (empty: every deck).
    pub decks: Vec<String>,
    pub count: usize,
    /// Time limit in minutes; None or 0 for none.
    pub minutes: Option<u32>,
    pub seed: u64,
}

/// The exam setup form.
pub struct Setup {
    chosen: Vec<(String, String, bool)>,
    count: usize,
    minutes: u32,
    seed: u64,
}

impl Setup {
    #[must_use]
    pub fn new(app: &App, decks: &[String]) -> Setup {
        let chosen = app
            .catalog
            .decks()
            .iter()
            .map(|deck| (deck.id.clone(), deck.title.clone(), decks.is_empty() || decks.contains(&deck.id)))
            .collect();
        // A fresh paper each time unless the learner types a seed.
        let seed = u64::try_from(app.now().timestamp()).unwrap_or_default() % 100_000;
        Setup { chosen, count: 20, minutes: 10, seed }
    }

    fn request(&self) -> Request {
        Request {
            decks: self.chosen.iter().filter(|(_, _, on)| *on).map(|(id, _, _)| id.clone()).collect(),
            count: self.count,
            minutes: Some(self.minutes),
            seed: self.seed,
        }
    }

    pub fn show(&mut self, ui: &mut Ui, app: &App) -> Vec<Action> {
        let lang = app.lang();
        let mut actions = Vec::new();
        ui.heading(lang.tr("New exam", "新考试"));
        ui.label(style::hint(lang.tr(
            "No feedback until the end. Answers are recorded as exam answers and do not move your study schedule.",
            "考试结束前不显示对错。答案记为考试记录，不影响学习计划。",
        )));
        ui.add_space(10.0);
        egui::Grid::new("exam-setup").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
            ui.label(lang.tr("Decks", "题库"));
            ui.vertical(|ui| {
                for (_, title, on) in &mut self.chosen {
                    ui.checkbox(on, title.as_str());
                }
            });
            ui.end_row();
            let label = ui.label(lang.tr("Questions", "题数"));
            ui.add(egui::DragValue::new(&mut self.count).range(1..=200)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(lang.tr("Time limit (minutes, 0 for none)", "时间限制（分钟，0 为不限）"));
            ui.add(egui::DragValue::new(&mut self.minutes).range(0..=600)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(lang.tr("Seed (the same seed gives the same paper)", "种子（相同种子生成相同试卷）"));
            ui.add(egui::DragValue::new(&mut self.seed)).labelled_by(label.id);
            ui.end_row();
        });
        ui.add_space(12.0);
        let any = self.chosen.iter().any(|(_, _, on)| *on);
        let start = ui.add_enabled(
            any,
            egui::Button::new(RichText::new(lang.tr("Start exam  (Enter)", "开始考试  (Enter)")).strong()),
        );
        if any && (start.clicked() || view::key_pressed(ui, Key::Enter)) {
            actions.push(Action::StartExam(self.request()));
        }
        actions
    }
}

/// An exam in progress.
pub struct Running {
    pub id: String,
    pub paper: Paper,
    pub catalog: Catalog,
    pub responses: Vec<Option<Response>>,
    pub limit: Option<Duration>,
    started: DateTime<Utc>,
    index: usize,
    draft: Draft,
    shown: std::time::Instant,
    now: DateTime<Utc>,
}

impl Running {
    #[must_use]
    pub fn new(id: String, paper: Paper, catalog: Catalog, limit: Option<Duration>, now: DateTime<Utc>) -> Running {
        let draft = paper.questions.first().map(Draft::for_question).unwrap_or_default();
        let responses = vec![None; paper.questions.len()];
        Running {
            id,
            paper,
            catalog,
            responses,
            limit,
            started: now,
            index: 0,
            draft,
            shown: std::time::Instant::now(),
            now,
        }
    }

    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.index >= self.paper.questions.len()
    }

    #[must_use]
    pub fn timed_out(&self, now: DateTime<Utc>) -> bool {
        self.limit.is_some_and(|limit| now - self.started >= limit)
    }

    /// Moves the start back, as if time had passed.
    #[cfg(test)]
    pub(crate) fn rewind(&mut self, by: Duration) {
        self.started -= by;
    }

    /// Which question is on screen, from 0.
    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }

    /// Hands in the answer to the question on screen and moves on; the
    /// answer to record, where one was given.
    pub fn answer(&mut self, response: Option<Response>) -> Option<Answer> {
        let question = self.paper.questions.get(self.index)?;
        let session = SessionKind::Exam(self.id.clone());
        let answer = response
            .as_ref()
            .map(|response| Answer::graded(question, response, session, crate::cli::elapsed_ms(self.shown)));
        self.responses[self.index] = response;
        self.index += 1;
        self.draft = self.paper.questions.get(self.index).map(Draft::for_question).unwrap_or_default();
        self.shown = std::time::Instant::now();
        answer
    }

    pub fn show(&mut self, ui: &mut Ui, lang: Lang, now: DateTime<Utc>) -> Vec<Action> {
        self.now = now;
        let mut actions = Vec::new();
        let total = self.paper.questions.len();
        ui.horizontal(|ui| {
            ui.heading(lang.tr("Exam", "考试"));
            ui.label(format!("{} {} / {total}", lang.tr("Question", "第"), (self.index + 1).min(total)));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(lang.tr("Finish now", "立即交卷")).clicked() {
                    actions.push(Action::FinishExam);
                }
                if let Some(limit) = self.limit {
                    let left = (limit - (now - self.started)).max(Duration::zero());
                    let text = format!(
                        "{} {:02}:{:02}",
                        lang.tr("Time left", "剩余时间"),
                        left.num_minutes(),
                        left.num_seconds() % 60
                    );
                    let urgent = left < Duration::minutes(1);
                    let text = RichText::new(text).monospace().size(18.0);
                    ui.label(if urgent { text.color(ui.visuals().error_fg_color) } else { text });
                }
            });
        });
        ui.separator();
        if total == 0 {
            ui.label(lang.tr("These decks give no exam questions.", "这些题库没有可用于考试的题目。"));
            if ui.button(lang.tr("Home", "主页")).clicked() {
                actions.push(Action::Home);
            }
            return actions;
        }
        let Some(question) = self.paper.questions.get(self.index) else { return actions };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            style::column(ui, 860.0, |ui| {
                style::card(ui, |ui| view::prompt(ui, question));
                ui.add_space(12.0);
                view::ask(ui, lang, question, &mut self.draft, false);
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    let response = self.draft.response(question);
                    let label = if self.index + 1 == total {
                        lang.tr("Hand in  (Enter)", "交卷  (Enter)")
                    } else {
                        lang.tr("Next  (Enter)", "下一题  (Enter)")
                    };
                    let typing = ui.ctx().text_edit_focused() && ui.input(|input| input.key_pressed(Key::Enter));
                    let next = ui.add_enabled(response.is_some(), egui::Button::new(RichText::new(label).strong()));
                    if response.is_some() && (next.clicked() || typing || view::key_pressed(ui, Key::Enter)) {
                        actions.push(Action::ExamAnswer(response));
                    }
                    if ui.button(lang.tr("Skip", "跳过")).clicked() {
                        actions.push(Action::ExamAnswer(None));
                    }
                });
            });
        });
        actions
    }
}

/// The end of an exam.
pub struct Report {
    graded: Graded,
    timed_out: bool,
}

impl Report {
    #[must_use]
    pub fn new(graded: Graded, timed_out: bool) -> Report {
        Report { graded, timed_out }
    }

    #[must_use]
    pub fn graded(&self) -> &Graded {
        &self.graded
    }

    /// Whether the exam ended because its time was up.
    #[must_use]
    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    pub fn show(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Action> {
        let mut actions = Vec::new();
        let graded = &self.graded;
        ui.heading(lang.tr("Exam report", "考试报告"));
        if self.timed_out {
            ui.label(style::hint(lang.tr("Time ran out.", "时间到。")));
        }
        ui.label(
            RichText::new(format!("{} / {}  ({:.0}%)", graded.right, graded.total, graded.score() * 100.0))
                .size(32.0)
                .strong(),
        );
        if graded.answered < graded.total {
            ui.label(style::hint(&format!(
                "{} {}",
                graded.total - graded.answered,
                lang.tr("left unanswered (counted as wrong)", "题未作答（计为错误）")
            )));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Home  (Esc)", "主页  (Esc)")).clicked() {
                actions.push(Action::Home);
            }
            let cards: Vec<_> = graded.mistakes.iter().map(|mistake| mistake.question.id.clone()).collect();
            if ui
                .add_enabled(!cards.is_empty(), egui::Button::new(lang.tr("Practise these mistakes", "练习这些错题")))
                .clicked()
            {
                actions.push(Action::Practice(PracticeSource::Cards(cards)));
            }
            if ui.button(lang.tr("New exam", "新考试")).clicked() {
                actions.push(Action::ExamSetup(Vec::new()));
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let by_deck = |ui: &mut Ui| breakdown(ui, "by-deck", lang.tr("By deck", "按题库"), &graded.by_deck);
            let by_group = |ui: &mut Ui| {
                breakdown(ui, "by-group", lang.tr("By aspect / category", "按方面 / 类别"), &graded.by_group);
            };
            if ui.available_width() >= 1000.0 {
                ui.horizontal_top(|ui| {
                    by_deck(ui);
                    ui.add_space(24.0);
                    by_group(ui);
                });
            } else {
                // Side by side the long deck titles would be cut off.
                by_deck(ui);
                ui.add_space(8.0);
                by_group(ui);
            }
            ui.add_space(12.0);
            ui.heading(lang.tr("Mistakes", "错题"));
            if graded.mistakes.is_empty() {
                ui.label(lang.tr("None — every answer was right.", "没有——全部答对。"));
            }
            for mistake in &graded.mistakes {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{}. {}", mistake.number + 1, mistake.question.prompt)).strong(),
                        )
                        .wrap(),
                    );
                    let given = mistake.given.as_deref().unwrap_or(lang.tr("(not answered)", "（未作答）"));
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(lang.tr("Your answer:", "你的答案：")).weak());
                        ui.label(RichText::new(given).color(style::verdict_color(ui, false)));
                    });
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(lang.tr("Correct answer:", "正确答案：")).weak());
                        ui.label(RichText::new(&mistake.question.answer).color(style::verdict_color(ui, true)));
                    });
                });
            }
        });
        actions
    }
}

fn breakdown(ui: &mut Ui, id: &str, title: &str, tallies: &[Tally]) {
    ui.vertical(|ui| {
        ui.label(RichText::new(title).strong());
        egui::Grid::new(id).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            for tally in tallies {
                ui.label(&tally.name);
                ui.label(format!("{} / {}", tally.right, tally.total));
                let share = if tally.total == 0 { 0.0 } else { tally.right as f32 / tally.total as f32 };
                ui.add(egui::ProgressBar::new(share).desired_width(80.0).text(format!("{:.0}%", share * 100.0)));
                ui.end_row();
            }
        });
    });
}
