//! Small pieces of look shared by the screens.

use egui::{Color32, RichText, Ui};

use super::app::Action;
use super::i18n::Lang;
use super::question_view::correct_color;
use crate::core::question::QuestionKind;

/// The type scale: every size of text the screens use, largest first. The
/// question is the largest text in the window, and the brightest.
pub mod size {
    /// The question asked.
    pub const QUESTION: f32 = 24.0;
    /// Right or wrong, after an answer.
    pub const VERDICT: f32 = 20.0;
    /// The answer of a flip card; the main button of a screen.
    pub const ANSWER: f32 = 18.0;
    /// Options and body text.
    pub const OPTION: f32 = 16.0;
}

/// The spacing scale, in points.
pub mod space {
    pub const S: f32 = 4.0;
    pub const M: f32 = 8.0;
    pub const L: f32 = 12.0;
    /// The height of an option or a button of the answer bar.
    pub const ROW: f32 = 40.0;
}

/// Secondary text.
#[must_use]
pub fn hint(text: &str) -> RichText {
    RichText::new(text).weak()
}

/// Two counts with their labels: "3 due · 20 new".
#[must_use]
pub fn two_counts(first: usize, first_label: &str, second: usize, second_label: &str) -> String {
    format!("{first} {first_label} · {second} {second_label}")
}

/// Green for right, red for wrong, readable in both themes.
#[must_use]
pub fn verdict_color(ui: &Ui, correct: bool) -> Color32 {
    correct_color(ui.visuals().dark_mode, correct)
}

/// The letter of a matching entry: a, b, c…
#[must_use]
pub fn letter(index: usize) -> char {
    crate::core::question::option_letter(index).to_ascii_lowercase()
}

/// The learner's messages, with a way to dismiss them.
pub fn messages(ui: &mut Ui, lang: Lang, messages: &[String]) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Frame::group(ui.style()).fill(ui.visuals().warn_fg_color.gamma_multiply(0.12)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                for message in messages {
                    ui.add(egui::Label::new(message).wrap());
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                if ui.button(lang.tr("Dismiss", "知道了")).clicked() {
                    actions.push(Action::DismissMessage);
                }
            });
        });
    });
    ui.add_space(8.0);
    actions
}

/// The screen shown when the save cannot be opened, such as when another
/// window holds it.
pub fn refused(ui: &mut Ui, lang: Lang, reason: &str) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.heading(lang.tr("Your progress cannot be opened", "无法打开你的学习进度"));
        ui.add_space(12.0);
        ui.add(egui::Label::new(reason).wrap());
        ui.add_space(12.0);
        ui.label(hint(lang.tr(
            "Nothing has been changed. Tabula will not open a second window on the same save, so no answer is lost.",
            "没有任何改动。Tabula 不会在同一个存档上打开第二个窗口，因此不会丢失任何回答。",
        )));
        ui.add_space(12.0);
        if ui.button(lang.tr("Try again", "重试")).clicked() {
            actions.push(Action::RetryOpen);
        }
    });
    actions
}

/// A veil over the window while a file is dragged over it.
pub fn drop_hint(ctx: &egui::Context, lang: Lang) {
    if ctx.input(|input| input.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop-hint")));
    painter.rect_filled(screen, 0.0, Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        lang.tr("Drop a deck file to add it", "松开鼠标以添加题库文件"),
        egui::FontId::proportional(24.0),
        Color32::WHITE,
    );
}

/// A deck's content kind in the interface language.
#[must_use]
pub fn kind_name(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "table" => lang.tr("comparison table", "对比表"),
        "faq" => lang.tr("questions and answers", "问答"),
        _ => lang.tr("grouped lists", "分组列表"),
    }
}

/// A question kind as the learner reads it: "pick the cell", not
/// `cell_choice` (that name is for the command line and files).
#[must_use]
pub fn question_kind_name(lang: Lang, kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::CellRecall => lang.tr("recall a cell", "回忆单元格"),
        QuestionKind::CellChoice => lang.tr("pick the cell", "选择单元格"),
        QuestionKind::WhichSubject => lang.tr("which subject", "哪一个对象"),
        QuestionKind::WhichAspect => lang.tr("which aspect", "哪个方面"),
        QuestionKind::TrueFalse => lang.tr("true or false", "判断对错"),
        QuestionKind::Matching => lang.tr("matching", "配对"),
        QuestionKind::FaqRecall => lang.tr("recall the answer", "回忆答案"),
        QuestionKind::AnswerChoice => lang.tr("pick the answer", "选择答案"),
        QuestionKind::WhichQuestion => lang.tr("which question", "哪个问题"),
        QuestionKind::TypedAnswer => lang.tr("type the answer", "输入答案"),
        QuestionKind::WhichCategory => lang.tr("which list", "属于哪一类"),
        QuestionKind::WhichBelongs => lang.tr("which belongs", "哪一项属于"),
        QuestionKind::DetailRecall => lang.tr("explain an item", "说明条目"),
    }
}

/// Forgets every scroll position when what is on screen changes (`key`), so
/// that a screen never opens scrolled to where the last one was left.
pub fn open_at_top(ctx: &egui::Context, key: egui::Id) {
    let slot = egui::Id::unique("tabula-screen-on-show");
    let changed = ctx.data_mut(|data| data.get_temp::<egui::Id>(slot) != Some(key));
    if changed {
        ctx.data_mut(|data| {
            data.remove_by_type::<egui::containers::scroll_area::State>();
            data.insert_temp(slot, key);
        });
    }
}

/// A centred column at most `max_width` wide, for reading.
pub fn column<R>(ui: &mut Ui, max_width: f32, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    let width = ui.available_width().min(max_width);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            add_contents(ui)
        })
        .inner
    })
    .inner
}

/// The card a prompt sits on.
pub fn card<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(18.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add_contents(ui)
        })
        .inner
}
