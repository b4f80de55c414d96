//! Settings: the window's (language, theme, zoom) and the learner's
//! (desired retention, new cards per day, display name), and where the data
//! lives.

use egui::{RichText, Ui};

use super::app::{Action, Theme, View};
use super::i18n::Lang;
use super::optimizer::Fit;
use super::style;
use crate::core::optimize::MIN_TRAINING_ITEMS;
use crate::core::save::Settings;
use crate::core::schedule::RETENTION_RANGE;

/// The settings being edited; the learner's are saved when a control is let go.
pub struct Form {
    settings: Settings,
    name: String,
}

impl Form {
    #[must_use]
    pub fn new(view: &View) -> Form {
        Form { settings: view.data.settings.clone(), name: view.data.learner_name.clone() }
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        let lang = view.lang;
        let prefs = view.prefs;
        let mut actions = Vec::new();
        ui.heading(lang.tr("Settings", "设置"));
        ui.add_space(8.0);
        egui::Grid::new("settings").num_columns(2).spacing([24.0, 12.0]).show(ui, |ui| {
            ui.label(lang.tr("Interface language", "界面语言"));
            ui.horizontal(|ui| {
                for choice in [Lang::En, Lang::Zh] {
                    if ui.radio(prefs.lang == choice, choice.name()).clicked() {
                        actions.push(Action::SetLang(choice));
                    }
                }
            });
            ui.end_row();

            ui.label(lang.tr("Theme", "主题"));
            ui.horizontal(|ui| {
                let themes = [
                    (Theme::System, lang.tr("Follow the system", "跟随系统")),
                    (Theme::Light, lang.tr("Light", "浅色")),
                    (Theme::Dark, lang.tr("Dark", "深色")),
                ];
                for (theme, name) in themes {
                    if ui.radio(prefs.theme == theme, name).clicked() {
                        actions.push(Action::SetTheme(theme));
                    }
                }
            });
            ui.end_row();

            let label = ui.label(lang.tr("Zoom", "缩放"));
            let mut zoom = prefs.zoom;
            let slider = ui
                .add(
                    egui::Slider::new(&mut zoom, 0.75..=2.0)
                        .step_by(0.05)
                        .custom_formatter(|v, _| format!("{:.0}%", v * 100.0))
                        .custom_parser(parse_zoom),
                )
                .labelled_by(label.id);
            if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                actions.push(Action::SetZoom(zoom));
            }
            ui.end_row();

            // A control's explanation goes on a row of its own beneath it, so
            // that the label stays level with the control, not with the middle
            // of the two.
            let label = ui.label(lang.tr("Desired retention", "目标记忆保持率"));
            let (low, high) = RETENTION_RANGE;
            let retention = &mut self.settings.scheduler.desired_retention;
            let slider = ui.add(egui::Slider::new(retention, low..=high).step_by(0.01)).labelled_by(label.id);
            if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                actions.push(Action::SaveSettings(self.settings.clone()));
            }
            ui.end_row();
            ui.label("");
            // A grid cell lays out left to right, where a label would not
            // wrap and would widen the whole screen past the window.
            ui.add(
                egui::Label::new(style::hint(lang.tr(
                    "The share of reviews you aim to remember. Higher means more reviews.",
                    "你希望在复习时记得的比例。越高，复习越频繁。",
                )))
                .wrap(),
            );
            ui.end_row();

            let label = ui.label(lang.tr("New cards per day", "每日新卡片数"));
            let count = ui
                .add(egui::DragValue::new(&mut self.settings.new_cards_per_day).range(0..=9999))
                .labelled_by(label.id);
            if count.drag_stopped() || (count.changed() && !count.dragged()) {
                actions.push(Action::SaveSettings(self.settings.clone()));
            }
            ui.end_row();

            let label = ui.label(lang.tr("Your name (shown in class reports)", "你的名字（显示在班级报告中）"));
            let field = ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(240.0)).labelled_by(label.id);
            if field.lost_focus() && view.data.learner_name != self.name.trim() {
                actions.push(Action::SetLearnerName(self.name.clone()));
            }
            ui.end_row();

            actions.extend(data_folder_rows(ui, view));
        });
        ui.add_space(16.0);
        actions.extend(optimize_section(ui, view));
        actions
    }
}

/// The grid's rows about the data folder: where it is, what can be done
/// with it, what it holds.
fn data_folder_rows(ui: &mut Ui, view: &View) -> Vec<Action> {
    let lang = view.lang;
    let mut actions = Vec::new();
    ui.label(lang.tr("Data folder", "数据文件夹"));
    let folder = view.data_dir.display().to_string();
    ui.label(RichText::new(&folder).monospace());
    ui.end_row();
    ui.label("");
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.tr("Open folder", "打开文件夹")).clicked() {
            actions.push(Action::OpenDataFolder);
        }
        if ui.button(lang.tr("Copy path", "复制路径")).clicked() {
            ui.ctx().copy_text(folder.clone());
        }
        if ui.button(lang.tr("Merge progress from…", "合并来自…的进度")).clicked() {
            actions.push(Action::MergeFrom);
        }
    });
    ui.end_row();
    ui.label("");
    // A grid cell lays out left to right, where a label would not
    // wrap and would widen the whole screen past the window.
    ui.add(
        egui::Label::new(style::hint(lang.tr(
            "Your progress (tabula.sqlite3, daily copies in backups/) and your own decks (decks/) live here.",
            "你的学习进度（tabula.sqlite3，每日备份在 backups/）和你自己的题库（decks/）都在这里。",
        )))
        .wrap(),
    );
    ui.end_row();
    actions
}

/// "Optimize parameters": fit FSRS-6 to this learner's history, report how
/// well the old and new parameters predict it, keep the better.
fn optimize_section(ui: &mut Ui, view: &View) -> Vec<Action> {
    let lang = view.lang;
    let mut actions = Vec::new();
    ui.label(RichText::new(lang.tr("FSRS parameters", "FSRS 参数")).strong().size(17.0));
    ui.add(egui::Label::new(style::hint(lang.tr(
        "Fit the scheduler to your own history. The fitted parameters are kept only if they predict your held-back reviews better than the current ones (lower log loss in a 5-split time-series evaluation). It needs at least 400 reviews of cards seen on an earlier day.",
        "让调度算法适应你自己的学习记录。只有当拟合出的参数对留出的复习记录预测得更好（5 折时间序列评估中对数损失更低）时才会采用。至少需要 400 次针对前几天见过的卡片的复习。",
    ))).wrap());
    let fitted = view.data.settings.scheduler.parameters != fsrs::DEFAULT_PARAMETERS;
    ui.label(if fitted {
        lang.tr("In use: parameters fitted to your history.", "当前使用：根据你的记录拟合的参数。")
    } else {
        lang.tr("In use: FSRS-6's default parameters.", "当前使用：FSRS-6 默认参数。")
    });
    let running = view.fit.and_then(Fit::progress);
    ui.horizontal(|ui| {
        if ui.add_enabled(running.is_none(), egui::Button::new(lang.tr("Optimize parameters", "优化参数"))).clicked()
        {
            actions.push(Action::Optimize);
        }
        if ui
            .add_enabled(fitted && running.is_none(), egui::Button::new(lang.tr("Use the defaults", "恢复默认参数")))
            .clicked()
        {
            actions.push(Action::ResetParameters);
        }
    });
    if let Some(share) = running {
        ui.add(egui::ProgressBar::new(share).desired_width(320.0).show_percentage().animate(true).text(format!(
            "{} {:.0}%",
            lang.tr("Fitting…", "拟合中…"),
            share * 100.0
        )));
    }
    match view.fit {
        Some(Fit::TooShort { found }) => {
            ui.label(format!(
                "{} {found} / {MIN_TRAINING_ITEMS}",
                lang.tr("Not enough history yet: reviews on later days so far", "记录还不够：目前在之后几天的复习次数")
            ));
        }
        Some(Fit::Failed(reason)) => {
            ui.label(RichText::new(reason).color(ui.visuals().error_fg_color));
        }
        Some(Fit::Done { evaluation, kept }) => {
            egui::Grid::new("fit-metrics").num_columns(4).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
                ui.label("");
                ui.label(lang.tr("log loss", "对数损失"));
                ui.label("RMSE(bins)");
                ui.label("AUC");
                ui.end_row();
                for (name, metrics) in
                    [(lang.tr("default", "默认"), &evaluation.default), (lang.tr("fitted", "拟合"), &evaluation.fitted)]
                {
                    ui.label(name);
                    ui.label(format!("{:.4}", metrics.log_loss));
                    ui.label(format!("{:.4}", metrics.rmse_bins));
                    ui.label(format!("{:.4}", metrics.auc));
                    ui.end_row();
                }
            });
            ui.label(if *kept {
                lang.tr("The fitted parameters are now in use.", "已采用拟合出的参数。")
            } else {
                lang.tr(
                    "The current parameters were kept: the fitted ones predicted your reviews no better.",
                    "保留了当前参数：拟合出的参数预测得并不更好。",
                )
            });
        }
        _ => {}
    }
    actions
}

/// A zoom typed into the field: as the field shows it, in percent ("150",
/// "150%"), or as a factor ("1.5").
fn parse_zoom(text: &str) -> Option<f64> {
    let number: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    // No zoom is 5× or more, so a figure that large is a percentage.
    Some(if number >= 5.0 { number / 100.0 } else { number })
}

#[cfg(test)]
mod zoom_tests {
    #[test]
    fn a_typed_zoom_reads_as_the_percentage_shown() {
        assert_eq!(super::parse_zoom("150"), Some(1.5));
        assert_eq!(super::parse_zoom(" 125 % "), Some(1.25));
        assert_eq!(super::parse_zoom("1.5"), Some(1.5));
        assert_eq!(super::parse_zoom("big"), None);
    }
}
