//! The window's chrome: the top bar and the keys that work on every screen.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{App, Screen};
use crate::ui::i18n::Lang;
use crate::ui::{Action, stats};

/// The width (in points) below which the top bar leaves out the app's name.
const WIDE_BAR: f32 = 640.0;

impl App {
    pub(super) fn top_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let lang = self.lang();
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            // The title bar names the app already; where the tabs and the
            // language button would not fit beside it (800×600 at 150%),
            // the name gives way rather than the button covering a tab.
            if ui.available_width() >= WIDE_BAR {
                ui.heading("Tabula");
                ui.separator();
            }
            let at = |screen: &Screen| std::mem::discriminant(screen) == std::mem::discriminant(&self.screen);
            if ui.selectable_label(at(&Screen::Home), lang.tr("Home", "主页")).on_hover_text("Esc").clicked() {
                actions.push(Action::Home);
            }
            let browsing = matches!(self.screen, Screen::Browse(_));
            if ui.selectable_label(browsing, lang.tr("Browse", "浏览")).on_hover_text("Ctrl+B").clicked() {
                actions.push(Action::Browse(None));
            }
            let examining = matches!(self.screen, Screen::ExamSetup(_) | Screen::Exam(_) | Screen::ExamReport(_));
            if ui.selectable_label(examining, lang.tr("Exam", "考试")).on_hover_text("Ctrl+E").clicked() && !examining
            {
                actions.push(Action::ExamSetup(Vec::new()));
            }
            let counting = matches!(self.screen, Screen::Stats(_));
            if ui.selectable_label(counting, lang.tr("Statistics", "统计")).on_hover_text("Ctrl+T").clicked() {
                actions.push(Action::Stats(stats::PERIODS[0]));
            }
            let setting = matches!(self.screen, Screen::Settings(_));
            if ui.selectable_label(setting, lang.tr("Settings", "设置")).on_hover_text("Ctrl+,").clicked() {
                actions.push(Action::Settings);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
                if ui.button(other.name()).on_hover_text(lang.tr("Interface language", "界面语言")).clicked() {
                    actions.push(Action::SetLang(other));
                }
            });
        });
        actions
    }

    /// Keys that work on every screen: Esc goes back, F5 reloads, Ctrl+Z
    /// undoes, Ctrl+B / Ctrl+E / Ctrl+T / Ctrl+, / Ctrl+O open Browse, Exam,
    /// Statistics, Settings and Open deck (not during an exam).
    pub(super) fn global_keys(&self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.open_deck.is_some() {
            return actions;
        }
        ctx.input_mut(|input| {
            if input.consume_key(Modifiers::NONE, Key::F5) {
                actions.push(Action::Reload);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z))
                && matches!(self.screen, Screen::Session(_) | Screen::Exam(_))
            {
                actions.push(Action::Undo);
            }
            let running_exam = matches!(self.screen, Screen::Exam(_));
            if !running_exam {
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::B)) {
                    actions.push(Action::Browse(None));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                    actions.push(Action::ExamSetup(Vec::new()));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::T)) {
                    actions.push(Action::Stats(stats::PERIODS[0]));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Comma)) {
                    actions.push(Action::Settings);
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
                    actions.push(Action::OpenDeck);
                }
            }
            if !running_exam && !matches!(self.screen, Screen::Home) && input.consume_key(Modifiers::NONE, Key::Escape)
            {
                actions.push(Action::Home);
            }
        });
        actions
    }
}
