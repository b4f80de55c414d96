//! Mock exams: choose decks, length, time limit and seed; answer with no
//! feedback; then the score, a breakdown and every mistake.

use chrono::{Duration, Local, NaiveDateTime, TimeZone, Utc};
use egui::{Key, RichText, Ui};

use super::app::{Action, PracticeSource, View};
use super::i18n::Lang;
use super::question_view::{self as view, Draft};
use super::style;
use crate::core::exam::{Graded, Tally};
use crate::core::plan::PlannedExam;
use crate::core::session::Session;

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

/// The exam setup form: a mock exam now, or a real one to revise for.
pub struct Setup {
    chosen: Vec<(String, String, bool)>,
    count: usize,
    minutes: u32,
    seed: u64,
    /// The real exam's date and time, as typed (local time).
    plan_at: String,
    /// Minutes a day for it; 0 for no budget.
    plan_minutes: u32,
    plan_error: bool,
}

impl Setup {
    #[must_use]
    pub fn new(view: &View, decks: &[String]) -> Setup {
        let chosen = view
            .catalog
            .decks()
            .iter()
            .map(|deck| (deck.id.clone(), deck.title.clone(), decks.is_empty() || decks.contains(&deck.id)))
            .collect();
        // A fresh paper each time unless the learner types a seed.
        let seed = u64::try_from(view.now.timestamp()).unwrap_or_default() % 100_000;
        let in_two_weeks = (view.now + Duration::days(14)).with_timezone(&Local).format("%Y-%m-%d 09:00").to_string();
        Setup { chosen, count: 20, minutes: 10, seed, plan_at: in_two_weeks, plan_minutes: 20, plan_error: false }
    }

    fn request(&self) -> Request {
        Request {
            decks: self.chosen.iter().filter(|(_, _, on)| *on).map(|(id, _, _)| id.clone()).collect(),
            count: self.count,
            minutes: Some(self.minutes),
            seed: self.seed,
        }
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        self.follow_catalog(view);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| self.form_ui(ui, view)).inner
    }

    /// Decks added while the form is open (Open deck, a dropped file, F5)
    /// join it ticked, as the learner just asked for them; decks gone leave.
    fn follow_catalog(&mut self, view: &View) {
        let decks = view.catalog.decks();
        let same =
            decks.len() == self.chosen.len() && decks.iter().zip(&self.chosen).all(|(d, (id, _, _))| &d.id == id);
        if same {
            return;
        }
        let before = std::mem::take(&mut self.chosen);
        self.chosen = decks
            .iter()
            .map(|deck| {
                let on = before.iter().find(|(id, _, _)| id == &deck.id).is_none_or(|(_, _, on)| *on);
                (deck.id.clone(), deck.title.clone(), on)
            })
            .collect();
    }

    /// The deck ids ticked.
    #[must_use]
    pub fn ticked(&self) -> Vec<String> {
        self.chosen.iter().filter(|(_, _, on)| *on).map(|(id, _, _)| id.clone()).collect()
    }

    fn form_ui(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        let lang = view.lang;
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
        ui.add_space(20.0);
        ui.separator();
        actions.extend(self.plan_ui(ui, view));
        actions
    }

    /// Planning a real exam: its date, the decks ticked above, minutes a
    /// day; and the exams already planned.
    fn plan_ui(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        let lang = view.lang;
        let mut actions = Vec::new();
        ui.heading(lang.tr("Revise for a real exam", "为真正的考试复习"));
        ui.label(style::hint(lang.tr(
            "Tabula paces new cards so that you meet all of them before the exam, brings forward the reviews that matter on the day, and predicts what you will recall. It covers the decks ticked above.",
            "Tabula 会安排新卡片的进度，让你在考试前学完全部；提前安排对考试当天最重要的复习；并预测你能记住多少。计划覆盖上面勾选的题库。",
        )));
        ui.add_space(6.0);
        egui::Grid::new("exam-plan").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
            let label = ui.label(
                lang.tr("Date and time (YYYY-MM-DD HH:MM)", "日期和时间（年-月-日 时:分，如 2026-06-01 09:00）"),
            );
            ui.add(egui::TextEdit::singleline(&mut self.plan_at).desired_width(180.0)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(lang.tr("Minutes a day (0 for no limit)", "每天分钟数（0 为不限）"));
            ui.add(egui::DragValue::new(&mut self.plan_minutes).range(0..=600)).labelled_by(label.id);
            ui.end_row();
        });
        if self.plan_error {
            ui.label(
                RichText::new(lang.tr(
                    "Type a date and time still to come, such as 2026-12-11 09:00.",
                    "请输入一个未来的日期和时间，例如 2026-12-11 09:00。",
                ))
                .color(ui.visuals().error_fg_color),
            );
        }
        let any = self.chosen.iter().any(|(_, _, on)| *on);
        if ui.add_enabled(any, egui::Button::new(lang.tr("Plan this exam", "计划这场考试"))).clicked() {
            let at = NaiveDateTime::parse_from_str(self.plan_at.trim(), "%Y-%m-%d %H:%M")
                .ok()
                .and_then(|naive| Local.from_local_datetime(&naive).earliest())
                .map(|local| local.with_timezone(&Utc))
                .filter(|at| *at > view.now);
            self.plan_error = at.is_none();
            if let Some(at) = at {
                let all = self.chosen.iter().all(|(_, _, on)| *on);
                let decks = if all { Vec::new() } else { self.request().decks };
                let minutes_a_day = (self.plan_minutes > 0).then_some(self.plan_minutes);
                actions.push(Action::PlanExam(PlannedExam { at, decks, minutes_a_day }));
            }
        }
        for outlook in view.outlook {
            ui.horizontal(|ui| {
                let when = outlook.exam.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
                ui.label(format!(
                    "{when} · {} {:.0}%",
                    lang.tr("expected", "预计"),
                    outlook.forecast.expected_recall * 100.0
                ));
                if ui.button(lang.tr("Call off", "取消")).clicked() {
                    actions.push(Action::UnplanExam(outlook.exam.at));
                }
            });
        }
        actions
    }
}

/// An exam in progress: the core's sitting, the option picked but not yet
/// handed in, and whether "hand in now" is waiting for a yes.
pub struct Running {
    session: Session,
    draft: Draft,
    confirming: bool,
}

impl Running {
    #[must_use]
    pub fn new(session: Session) -> Running {
        Running { session, draft: Draft::default(), confirming: false }
    }

    #[must_use]
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Whether a clock runs (the only reason an idle window repaints).
    #[must_use]
    pub fn is_timed(&self) -> bool {
        self.session.time_limit().is_some()
    }

    /// Which question is on screen, from 0.
    #[must_use]
    pub fn index(&self) -> usize {
        self.session.exam_position().map_or(0, |(index, _)| index)
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        self.draft.follow(self.session.current());
        let lang = view.lang;
        let now = view.now;
        let mut actions = Vec::new();
        let (index, total) = self.session.exam_position().unwrap_or_default();
        ui.horizontal(|ui| {
            ui.heading(lang.tr("Exam", "考试"));
            ui.label(format!("{} {} / {total}", lang.tr("Question", "第"), (index + 1).min(total)));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(lang.tr("Hand in now…", "立即交卷…")).clicked() {
                    if self.session.unanswered() > 0 {
                        self.confirming = true;
                    } else {
                        actions.push(Action::FinishExam);
                    }
                }
                if let Some(left) = self.session.time_left(now) {
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
        if self.confirming {
            actions.extend(self.confirm_ui(ui, lang));
            return actions;
        }
        if total == 0 {
            ui.label(lang.tr("These decks give no exam questions.", "这些题库没有可用于考试的题目。"));
            if ui.button(lang.tr("Home", "主页")).clicked() {
                actions.push(Action::Home);
            }
            return actions;
        }
        let Some(current) = self.session.current() else { return actions };
        let question = &current.question;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            style::column(ui, 860.0, |ui| {
                style::card(ui, |ui| view::prompt(ui, question));
                ui.add_space(12.0);
                view::ask(ui, lang, question, &mut self.draft, false);
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    let response = self.draft.response(question);
                    let label = if index + 1 == total {
                        lang.tr("Hand in  (Enter)", "交卷  (Enter)")
                    } else {
                        lang.tr("Next  (Enter)", "下一题  (Enter)")
                    };
                    let typing = ui.is_enabled()
                        && ui.ctx().text_edit_focused()
                        && ui.input(|input| input.key_pressed(Key::Enter));
                    let next = ui.add_enabled(response.is_some(), egui::Button::new(RichText::new(label).strong()));
                    if response.is_some() && (next.clicked() || typing || view::key_pressed(ui, Key::Enter)) {
                        actions.push(Action::ExamAnswer(response));
                    }
                    if ui.button(lang.tr("Skip", "跳过")).clicked() {
                        actions.push(Action::ExamAnswer(None));
                    }
                    let undo = egui::Button::new(lang.tr("Back  (Ctrl+Z)", "上一步  (Ctrl+Z)"));
                    if ui.add_enabled(self.session.can_undo(), undo).clicked() {
                        actions.push(Action::Undo);
                    }
                });
            });
        });
        actions
    }

    /// Asks once before handing in a paper with questions left unanswered.
    fn confirm_ui(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading(lang.tr("Hand in now?", "现在交卷吗？"));
            ui.label(format!(
                "{} {}",
                self.session.unanswered(),
                lang.tr(
                    "questions are still unanswered; they will count as wrong.",
                    "道题还没有作答，交卷后计为错误。"
                )
            ));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button(RichText::new(lang.tr("Hand in", "交卷")).strong()).clicked() {
                    self.confirming = false;
                    actions.push(Action::FinishExam);
                }
                if ui.button(lang.tr("Keep answering  (Esc)", "继续作答  (Esc)")).clicked()
                    || view::key_pressed(ui, Key::Escape)
                {
                    self.confirming = false;
                }
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
