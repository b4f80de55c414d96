//! Drawing a question and taking its answer, the same in study, practice
//! and exams: option buttons, true/false, a text field, a matching grid, a
//! flip card; and, after an answer, what was right and where it comes from.

use chrono::{DateTime, Utc};
use egui::{Align, Button, Color32, Key, Layout, Modifiers, RichText, TextEdit, Ui};

use super::i18n::Lang;
use super::style;
use crate::core::deck::{Content, Deck};
use crate::core::question::{CardId, Question, QuestionKind, Response};
use crate::core::session::Current;

/// What the learner has entered so far for the question on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub typed: String,
    /// Matching: the option chosen for each left entry.
    pub matches: Vec<Option<usize>>,
    /// Matching: the left entry the next option goes to.
    pub focus: usize,
    /// Exams: the option picked but not yet handed in.
    pub choice: Option<usize>,
    /// The showing it belongs to: the card and when it was shown, so that a
    /// question shown again (after undo) starts afresh.
    showing: Option<(CardId, DateTime<Utc>)>,
}

impl Draft {
    /// Keeps the draft while the same showing is on screen; starts a fresh
    /// one when another question (or the same one shown again) comes up.
    pub fn follow(&mut self, current: Option<&Current>) {
        let showing = current.map(|current| (current.question.id.clone(), current.shown_at));
        if showing != self.showing {
            *self = current.map(|current| Draft::for_question(&current.question)).unwrap_or_default();
            self.showing = showing;
        }
    }

    #[must_use]
    pub fn for_question(question: &Question) -> Draft {
        Draft { matches: vec![None; question.lefts.len()], ..Draft::default() }
    }

    /// The response the draft amounts to, where it is complete.
    #[must_use]
    pub fn response(&self, question: &Question) -> Option<Response> {
        match question.kind {
            QuestionKind::TypedAnswer => {
                (!self.typed.trim().is_empty()).then(|| Response::Typed(self.typed.trim().to_owned()))
            }
            QuestionKind::Matching => {
                self.matches.iter().all(Option::is_some).then(|| Response::Matches(self.matches.clone()))
            }
            _ => self.choice.map(Response::Choice),
        }
    }

    /// Assigns an option to the focused left entry and moves on to the next
    /// entry still open. Each option goes to one entry only: an option
    /// already given to another entry moves here, leaving that one open.
    pub fn assign(&mut self, option: usize) {
        let count = self.matches.len();
        if count == 0 {
            return;
        }
        let focus = self.focus.min(count - 1);
        for chosen in &mut self.matches {
            if *chosen == Some(option) {
                *chosen = None;
            }
        }
        self.matches[focus] = Some(option);
        let next = (1..=count).map(|step| (focus + step) % count).find(|i| self.matches[*i].is_none());
        // With every entry matched, the highlight still moves on, so that the
        // next key does not silently overwrite the entry just set.
        self.focus = next.unwrap_or((focus + 1) % count);
    }
}

/// The letter keys of matching's left entries, a to h.
const LETTER_KEYS: [Key; 8] = [Key::A, Key::B, Key::C, Key::D, Key::E, Key::F, Key::G, Key::H];

/// The number keys, 1 to 9.
pub const NUMBER_KEYS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

/// Which number key was pressed (0 for 1), if any, while no text field has focus.
#[must_use]
pub fn number_pressed(ui: &Ui, count: usize) -> Option<usize> {
    if ui.ctx().text_edit_focused() {
        return None;
    }
    ui.input_mut(|input| NUMBER_KEYS.iter().take(count).position(|key| input.consume_key(Modifiers::NONE, *key)))
}

/// Whether a key was pressed while no text field has focus.
#[must_use]
pub fn key_pressed(ui: &Ui, key: Key) -> bool {
    // A disabled screen lies beneath a dialog, which has the keyboard.
    ui.is_enabled() && !ui.ctx().text_edit_focused() && ui.input_mut(|input| input.consume_key(Modifiers::NONE, key))
}

/// Whether Space or Enter was pressed (to reveal or go on).
#[must_use]
pub fn go_on_pressed(ui: &Ui) -> bool {
    key_pressed(ui, Key::Space) || key_pressed(ui, Key::Enter)
}

/// The prompt: the largest and brightest text on screen.
pub fn prompt(ui: &mut Ui, question: &Question) {
    let color = ui.visuals().strong_text_color();
    ui.add(egui::Label::new(RichText::new(&question.prompt).size(style::size::QUESTION).color(color)).wrap());
}

/// An option's button: full width, its text left-aligned (a ragged-right
/// block reads as text does, and stays put after the answer).
fn option_button<'a>(selected: bool, text: impl Into<egui::WidgetText>) -> Button<'a> {
    let text: egui::WidgetText = text.into();
    Button::selectable(selected, (text, egui::Atom::grow())).wrap()
}

/// The main button of a moment (Continue): wide, centred, large.
pub fn main_button(ui: &mut Ui, label: &str) -> egui::Response {
    let width = ui.available_width().min(420.0);
    let mut clicked = None;
    ui.vertical_centered(|ui| {
        let button = Button::new(RichText::new(label).size(style::size::ANSWER).strong());
        clicked = Some(ui.add_sized([width, style::space::ROW + 8.0], button));
    });
    clicked.unwrap_or_else(|| ui.label(""))
}

/// The answer widgets of an auto-graded question. In study (`commit`), a
/// click or key on an option answers at once; in an exam it only picks the
/// option, and the caller hands it in. Returns the response given.
pub fn ask(ui: &mut Ui, lang: Lang, question: &Question, draft: &mut Draft, commit: bool) -> Option<Response> {
    match question.kind {
        QuestionKind::TypedAnswer => typed(ui, lang, draft, commit),
        QuestionKind::Matching => matching(ui, lang, question, draft, commit),
        _ => choices(ui, lang, question, draft, commit),
    }
}

/// An option with its key. True and false are the core's words for scripts
/// (`"true"`, `"false"`); the window says them in the learner's language.
fn option_label(lang: Lang, index: usize, question: &Question) -> String {
    let text = &question.options[index];
    if question.kind == QuestionKind::TrueFalse {
        match lang {
            Lang::En => {
                let key = if index == 0 { "T" } else { "F" };
                format!("{}  ·  {key}   {text}", index + 1)
            }
            Lang::Zh => format!("{}   {}", index + 1, if index == 0 { "对" } else { "错" }),
        }
    } else {
        format!("{}   {text}", index + 1)
    }
}

fn choices(ui: &mut Ui, lang: Lang, question: &Question, draft: &mut Draft, commit: bool) -> Option<Response> {
    let mut picked = number_pressed(ui, question.options.len());
    if question.kind == QuestionKind::TrueFalse {
        if key_pressed(ui, Key::T) {
            picked = Some(0);
        } else if key_pressed(ui, Key::F) {
            picked = Some(1);
        }
    }
    for index in 0..question.options.len() {
        let selected = draft.choice == Some(index);
        let text = RichText::new(option_label(lang, index, question)).size(style::size::OPTION);
        let button = option_button(selected, text).min_size(egui::vec2(ui.available_width(), style::space::ROW));
        if ui.add(button).clicked() {
            picked = Some(index);
        }
        ui.add_space(style::space::S);
    }
    let picked = picked?;
    draft.choice = Some(picked);
    commit.then_some(Response::Choice(picked))
}

fn typed(ui: &mut Ui, lang: Lang, draft: &mut Draft, commit: bool) -> Option<Response> {
    let field = TextEdit::singleline(&mut draft.typed)
        .hint_text(lang.tr("Type your answer", "输入你的答案"))
        .desired_width(f32::INFINITY)
        .font(egui::TextStyle::Heading);
    let response = ui.add(field);
    if !response.has_focus() && !response.lost_focus() && draft.typed.is_empty() {
        response.request_focus();
    }
    let entered = response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter));
    if !commit {
        return None;
    }
    ui.add_space(style::space::M);
    let check = ui.add_enabled(!draft.typed.trim().is_empty(), Button::new(lang.tr("Check  (Enter)", "检查  (Enter)")));
    if (entered || check.clicked()) && !draft.typed.trim().is_empty() {
        return Some(Response::Typed(draft.typed.trim().to_owned()));
    }
    None
}

fn matching(ui: &mut Ui, lang: Lang, question: &Question, draft: &mut Draft, commit: bool) -> Option<Response> {
    if let Some(option) = number_pressed(ui, question.options.len()) {
        draft.assign(option);
    }
    if key_pressed(ui, Key::Backspace) && !draft.matches.is_empty() {
        let focus = draft.focus.min(draft.matches.len() - 1);
        draft.matches[focus] = None;
    }
    // The letter shown before a left entry picks it, as the label says.
    for (index, key) in LETTER_KEYS.iter().enumerate().take(question.lefts.len()) {
        if key_pressed(ui, *key) {
            draft.focus = index;
        }
    }
    ui.label(style::hint(lang.tr(
        "Pick an entry on the left (or press its letter), then its match on the right (or press its number). Each option goes to one entry.",
        "先选左边的一项（或按它的字母键），再选右边与之对应的一项（或按它的数字键）。每个选项只能配一项。",
    )));
    ui.add_space(style::space::M);
    let half = (ui.available_width() - 16.0) / 2.0;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(half);
            for (index, left) in question.lefts.iter().enumerate() {
                let chosen = draft.matches[index].map_or_else(|| "—".to_owned(), |option| format!("{}", option + 1));
                let label = format!("{}  {left}   →  {chosen}", style::letter(index));
                let button = Button::selectable(draft.focus == index, label).wrap();
                if ui.add_sized([half, 32.0], button).clicked() {
                    draft.focus = index;
                }
                ui.add_space(style::space::S);
            }
        });
        ui.vertical(|ui| {
            ui.set_width(half);
            for (index, option) in question.options.iter().enumerate() {
                let used = draft.matches.contains(&Some(index));
                let text = RichText::new(format!("{}   {option}", index + 1));
                let button = Button::new(if used { text.weak() } else { text }).wrap();
                if ui.add_sized([half, 32.0], button).clicked() {
                    draft.assign(index);
                }
                ui.add_space(style::space::S);
            }
        });
    });
    if !commit {
        // In an exam the caller hands the answer in.
        return None;
    }
    ui.add_space(style::space::M);
    let complete = draft.matches.iter().all(Option::is_some);
    let check = ui.add_enabled(complete, Button::new(lang.tr("Check  (Enter)", "检查  (Enter)")));
    let entered = complete && key_pressed(ui, Key::Enter);
    (complete && (check.clicked() || entered)).then(|| Response::Matches(draft.matches.clone()))
}

/// After an auto-graded answer: right or wrong at a glance, the options with
/// the right one marked, the correct answer.
pub fn review(ui: &mut Ui, lang: Lang, question: &Question, response: &Response, correct: bool) {
    verdict(ui, lang, correct);
    ui.add_space(style::space::L);
    match (question.kind, response) {
        (QuestionKind::Matching, Response::Matches(chosen)) => {
            for (index, left) in question.lefts.iter().enumerate() {
                let right = question.correct.get(index).and_then(|option| question.options.get(*option));
                let given = chosen.get(index).copied().flatten().and_then(|option| question.options.get(option));
                let ok = given.is_some() && given == right;
                let text = format!("{}  {left}  →  {}", style::letter(index), right.map_or("", String::as_str));
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(if ok { "✓" } else { "×" }).color(style::verdict_color(ui, ok)));
                    ui.label(text);
                    if !ok {
                        let given = given.map_or("—", String::as_str);
                        ui.label(style::hint(&format!("({} {given})", lang.tr("you said", "你选了"))));
                    }
                });
            }
        }
        (QuestionKind::TypedAnswer, Response::Typed(text)) => {
            ui.label(format!("{} {text}", lang.tr("You typed:", "你的答案：")));
            ui.label(RichText::new(format!("{} {}", lang.tr("Answer:", "答案："), question.answer)).strong());
        }
        (_, Response::Choice(chosen)) => {
            // Where the options stood, left-aligned as they were asked; the
            // right one and a wrong pick marked by colour, frame and icon,
            // never by a line through the (Chinese) glyphs.
            for index in 0..question.options.len() {
                let is_right = question.correct.contains(&index);
                let verdict = if is_right { Some(true) } else { (index == *chosen).then_some(false) };
                let text = RichText::new(option_label(lang, index, question)).size(style::size::OPTION);
                let (mark, text, stroke) = match verdict {
                    Some(ok) => {
                        let color = style::verdict_color(ui, ok);
                        (if ok { "✓" } else { "×" }, text.strong().color(color), egui::Stroke::new(1.5, color))
                    }
                    None => ("", text.weak(), egui::Stroke::NONE),
                };
                egui::Frame::new().stroke(stroke).corner_radius(4.0).inner_margin(egui::vec2(8.0, 8.0)).show(
                    ui,
                    |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_top(|ui| {
                            ui.add_sized(
                                [18.0, 18.0],
                                egui::Label::new(
                                    RichText::new(mark).strong().size(style::size::OPTION).color(stroke.color),
                                ),
                            );
                            ui.add(egui::Label::new(text).wrap());
                        });
                    },
                );
                ui.add_space(style::space::S);
            }
        }
        _ => {
            ui.label(RichText::new(format!("{} {}", lang.tr("Answer:", "答案："), question.answer)).strong());
        }
    }
}

/// "Correct" or "Not quite", coloured.
pub fn verdict(ui: &mut Ui, lang: Lang, correct: bool) {
    let (mark, text) =
        if correct { ("✓", lang.tr("Correct", "答对了")) } else { ("×", lang.tr("Not quite", "答错了")) };
    let text = RichText::new(format!("{mark} {text}")).size(style::size::VERDICT).strong();
    ui.label(text.color(style::verdict_color(ui, correct)));
}

/// Where the answer comes from: a table cell's whole row with the subjects
/// side by side, an FAQ entry, a list item in its category.
pub fn source(ui: &mut Ui, lang: Lang, deck: Option<&Deck>, question: &Question) {
    let row = deck.and_then(|deck| match &deck.content {
        Content::Table(table) => {
            let aspect_id = question.item.split_once('/').map(|(aspect, _)| aspect)?;
            let aspect = table.aspects.iter().find(|aspect| aspect.id == aspect_id)?;
            Some((table, aspect))
        }
        _ => None,
    });
    // What the screen already shows (the question, the answer, the options)
    // is not repeated under "From the deck".
    let shown = |line: &str| {
        let line = line.trim();
        line.is_empty()
            || question.prompt.contains(line)
            || question.answer.trim() == line
            || question.options.iter().any(|option| option.trim() == line)
    };
    let lines: Vec<&str> = question.context.lines().filter(|line| !shown(line)).collect();
    if row.is_none() && lines.is_empty() {
        return;
    }
    ui.add_space(style::space::L);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(style::hint(lang.tr("From the deck", "出处")));
        if let Some((table, aspect)) = row {
            ui.label(RichText::new(&aspect.name).strong());
            let width =
                (ui.available_width() - 12.0 * table.subjects.len() as f32) / table.subjects.len().max(1) as f32;
            ui.horizontal_top(|ui| {
                for subject in &table.subjects {
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        ui.label(RichText::new(&subject.name).underline());
                        let cell = aspect.cells.get(&subject.id).map_or("", String::as_str);
                        ui.add(egui::Label::new(cell).wrap());
                    });
                }
            });
        } else {
            let mut lines = lines.iter();
            if let Some(first) = lines.next() {
                ui.label(RichText::new(*first).strong());
            }
            for line in lines {
                ui.add(egui::Label::new(*line).wrap());
            }
        }
    });
}

/// A flip card's answer side.
pub fn flip_answer(ui: &mut Ui, question: &Question) {
    style::card(ui, |ui| ui.add(egui::Label::new(RichText::new(&question.answer).size(style::size::ANSWER)).wrap()));
}

/// A row of buttons across the width, returning which was clicked.
pub fn button_row(ui: &mut Ui, labels: &[String]) -> Option<usize> {
    let mut clicked = None;
    let count = labels.len().max(1) as f32;
    let width = (ui.available_width() - 8.0 * (count - 1.0)) / count;
    ui.with_layout(Layout::left_to_right(Align::Min), |ui| {
        for (index, label) in labels.iter().enumerate() {
            if ui
                .add_sized(
                    [width, style::space::ROW + 12.0],
                    Button::new(RichText::new(label).size(style::size::OPTION)),
                )
                .clicked()
            {
                clicked = Some(index);
            }
        }
    });
    clicked
}

/// The accent of right and wrong answers in the current theme.
#[must_use]
pub fn correct_color(dark: bool, correct: bool) -> Color32 {
    match (dark, correct) {
        (true, true) => Color32::from_rgb(110, 200, 120),
        (false, true) => Color32::from_rgb(20, 130, 40),
        (true, false) => Color32::from_rgb(240, 110, 100),
        (false, false) => Color32::from_rgb(190, 40, 30),
    }
}
