//! Home: every deck with today's counts, what failed to load, and the ways
//! in (study, practice, exam, browse).

use std::path::Path;

use chrono::{Duration, Local};
use egui::{RichText, Ui};

use super::app::{Action, CRAM_CARDS, MORE_MINUTES, Outlook, PracticeSource, View};
use super::i18n::Lang;
use super::question_view::key_pressed;
use super::style;
use crate::core::library::{FailedDeck, LoadedDeck, Origin};
use crate::core::study::{DayCounts, MistakeScope, mistakes};

pub fn show(ui: &mut Ui, view: &View) -> Vec<Action> {
    let lang = view.lang;
    let mut actions = Vec::new();
    let planner = view.planner(view.catalog);
    let total = planner.counts();
    ui.horizontal(|ui| {
        ui.heading(lang.tr("Your decks", "你的题库"));
        ui.label(style::hint(&style::two_counts(
            total.due_today,
            lang.tr("due today", "张今天到期"),
            total.new_available,
            lang.tr("new", "张新卡片"),
        )));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(lang.tr("Reload  (F5)", "重新加载  (F5)")).clicked() {
                actions.push(Action::Reload);
            }
            if ui.button(lang.tr("Open deck…", "打开题库…")).on_hover_text("Ctrl+O").clicked() {
                actions.push(Action::OpenDeck);
            }
        });
    });
    ui.add_space(6.0);
    // Wrapped: at 800×600 and 150% the mistake buttons go to a second line
    // rather than past the window's edge.
    ui.horizontal_wrapped(|ui| {
        let study_all = ui.add_enabled(
            total.due_today + total.new_available > 0,
            egui::Button::new(RichText::new(lang.tr("Study all  (Enter)", "学习全部  (Enter)")).strong()),
        );
        if study_all.clicked() || (study_all.enabled() && key_pressed(ui, egui::Key::Enter)) {
            actions.push(Action::Study(Vec::new()));
        }
        let exam_mistakes = mistakes(view.catalog, view.data, &MistakeScope::LastExam).len();
        let week = MistakeScope::Since(view.now - Duration::days(7));
        let week_mistakes = mistakes(view.catalog, view.data, &week).len();
        let label =
            format!("{} ({exam_mistakes})", lang.tr("Practise mistakes of the last exam", "练习上次考试的错题"));
        if ui.add_enabled(exam_mistakes > 0, egui::Button::new(label)).clicked() {
            actions.push(Action::Practice(PracticeSource::Mistakes(MistakeScope::LastExam)));
        }
        let label = format!("{} ({week_mistakes})", lang.tr("Practise this week's mistakes", "练习本周的错题"));
        if ui.add_enabled(week_mistakes > 0, egui::Button::new(label)).clicked() {
            actions.push(Action::Practice(PracticeSource::Mistakes(week)));
        }
    });
    for outlook in view.outlook {
        ui.add_space(6.0);
        actions.extend(outlook_card(ui, view, outlook));
    }
    ui.add_space(8.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        // First: the learner is waiting for them.
        for path in view.loading {
            loading_card(ui, lang, path);
            ui.add_space(6.0);
        }
        for loaded in &view.library.decks {
            let counts = planner.counts_where(|card| card.deck() == loaded.deck.id);
            actions.extend(deck_card(ui, lang, loaded, counts));
            ui.add_space(6.0);
        }
        for failure in &view.library.failures {
            failure_card(ui, lang, failure);
            ui.add_space(6.0);
        }
    });
    actions
}

/// An exam ahead: what you are expected to recall on the day, what is
/// left, what ten more minutes a day would do, and cram.
fn outlook_card(ui: &mut Ui, view: &View, outlook: &Outlook) -> Vec<Action> {
    let lang = view.lang;
    let mut actions = Vec::new();
    let forecast = &outlook.forecast;
    let titles: Vec<&str> = view
        .catalog
        .decks()
        .iter()
        .filter(|deck| outlook.exam.decks.is_empty() || outlook.exam.decks.contains(&deck.id))
        .map(|deck| deck.title.as_str())
        .collect();
    let when = forecast.at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string();
    let percent = |share: f64| format!("{:.0}%", share * 100.0);
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let headline = match lang {
            Lang::En => format!(
                "Exam on {when} ({} days left): you are expected to recall {} of {}.",
                forecast.days_left,
                percent(forecast.expected_recall),
                titles.join(" · ")
            ),
            Lang::Zh => format!(
                "{when} 的考试（还有 {} 天）：预计你能回忆起「{}」中 {} 的内容。",
                forecast.days_left,
                titles.join("」「"),
                percent(forecast.expected_recall)
            ),
        };
        ui.add(egui::Label::new(RichText::new(headline).strong()).wrap());
        if forecast.new_left > 0 {
            let pace = match lang {
                Lang::En => format!(
                    "{} new cards left: about {} a day, paced to meet every card before the exam.",
                    forecast.new_left, forecast.pace.per_day
                ),
                Lang::Zh => format!(
                    "还有 {} 张新卡片：每天约 {} 张，按进度在考试前学完所有卡片。",
                    forecast.new_left, forecast.pace.per_day
                ),
            };
            ui.label(pace);
            if !forecast.pace.fits {
                ui.label(RichText::new(lang.tr(
                    "Not everything fits in your daily time: new cards come first, then the reviews that raise your recall on the day the most.",
                    "每天的时间不够学完全部：先学新卡片，再复习对考试当天记忆提升最大的卡片。",
                )).color(ui.visuals().warn_fg_color));
            }
        }
        if let Some((minutes, now, more)) = outlook.what_if {
            ui.label(style::hint(&match lang {
                Lang::En => format!(
                    "Studying {minutes} minutes a day: expected {}; +{MORE_MINUTES} minutes a day: {}.",
                    percent(now),
                    percent(more)
                ),
                Lang::Zh => format!(
                    "每天学习 {minutes} 分钟：预计 {}；每天多学 {MORE_MINUTES} 分钟：{}。",
                    percent(now),
                    percent(more)
                ),
            }));
        }
        ui.horizontal(|ui| {
            let label = format!("{} ({CRAM_CARDS})", lang.tr("Practise the weakest for this exam", "练习这场考试最薄弱的卡片"));
            if ui.button(label).clicked() {
                actions.push(Action::Practice(PracticeSource::WeakestFor(outlook.exam.at)));
            }
            if ui.button(lang.tr("Exam plans…", "考试计划…")).clicked() {
                actions.push(Action::ExamSetup(Vec::new()));
            }
        });
    });
    actions
}

fn deck_card(ui: &mut Ui, lang: Lang, loaded: &LoadedDeck, counts: DayCounts) -> Vec<Action> {
    let mut actions = Vec::new();
    let deck = &loaded.deck;
    let cards = counts.learned + counts.new_total;
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&deck.title).size(18.0).strong());
            ui.label(style::hint(style::kind_name(lang, deck.content.kind_name())));
            if let Origin::File(path) = &loaded.origin {
                ui.label(style::hint(&path.display().to_string()));
            }
        });
        ui.horizontal(|ui| {
            ui.label(format!("{} {}", counts.due_today, lang.tr("due", "到期")));
            ui.label(format!("{} {}", counts.new_total, lang.tr("new", "新")));
            ui.label(format!("{} {}", counts.learned, lang.tr("learned", "已学")));
            let share = if cards == 0 { 0.0 } else { counts.learned as f32 / cards as f32 };
            ui.add(egui::ProgressBar::new(share).desired_width(160.0).text(format!("{:.0}%", share * 100.0)));
        });
        // The built-in decks' warnings are for whoever edits them, not for
        // a learner, who cannot.
        if !loaded.warnings.is_empty() && !matches!(loaded.origin, Origin::BuiltIn) {
            ui.label(style::hint(&format!(
                "{} {}",
                loaded.warnings.len(),
                lang.tr(
                    "warnings: questions this deck cannot ask (tabula check lists them)",
                    "条警告：部分题目无法生成"
                )
            )));
        }
        ui.horizontal(|ui| {
            let only = vec![deck.id.clone()];
            let has_work = counts.due_today + counts.new_available > 0;
            if ui.add_enabled(has_work, egui::Button::new(lang.tr("Study", "学习"))).clicked() {
                actions.push(Action::Study(only.clone()));
            }
            if ui.button(lang.tr("Practice", "练习")).clicked() {
                actions.push(Action::Practice(PracticeSource::Decks(only.clone())));
            }
            if ui.button(lang.tr("Exam", "考试")).clicked() {
                actions.push(Action::ExamSetup(only.clone()));
            }
            if ui.button(lang.tr("Browse", "浏览")).clicked() {
                actions.push(Action::Browse(Some(deck.id.clone())));
            }
        });
    });
    actions
}

/// A deck file still being checked: it joins Home when done.
fn loading_card(ui: &mut Ui, lang: Lang, path: &Path) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(lang.tr("Loading…", "正在加载…")).strong());
            ui.label(style::hint(&path.display().to_string()));
        });
    });
}

/// A deck file that failed to load, with every problem at its `file:line:column`.
fn failure_card(ui: &mut Ui, lang: Lang, failure: &FailedDeck) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!("{} {}", lang.tr("Could not load", "无法加载"), failure.file))
                .strong()
                .color(ui.visuals().error_fg_color),
        );
        for diagnostic in &failure.diagnostics {
            ui.add(egui::Label::new(RichText::new(super::i18n::diagnostic(lang, diagnostic)).monospace()).wrap());
        }
        ui.label(style::hint(
            lang.tr("Fix the file and press F5; the other decks work as usual.", "修改文件后按 F5；其他题库照常可用。"),
        ));
    });
}
