//! Study and practice: the core's sitting drawn one question at a time,
//! with the answer, the verdict and the way on.

use chrono::{DateTime, Local, Utc};
use egui::{Key, Ui};

use super::app::{Action, PracticeSource, View};
use super::i18n::Lang;
use super::question_view::{self as view, Draft};
use super::style;
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Rating};
use crate::core::session::{Current, End, Mode, Session, Stage};
use crate::core::study::{Catalog, DayEnd};

/// The study or practice screen: a sitting and what is typed or picked for
/// the question on screen.
pub struct StudyScreen {
    session: Session,
    draft: Draft,
}

impl StudyScreen {
    #[must_use]
    pub fn new(session: Session) -> StudyScreen {
        StudyScreen { session, draft: Draft::default() }
    }

    #[must_use]
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// What is typed or picked for the question on screen.
    #[must_use]
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The question on screen.
    #[must_use]
    pub fn current(&self) -> Option<&Current> {
        self.session.current()
    }

    /// Decks were reloaded: the same sitting over the new catalog.
    pub fn refresh_catalog(&mut self, catalog: Catalog) {
        self.session.refresh_catalog(catalog);
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        self.draft.follow(self.session.current());
        let lang = view.lang;
        let mut actions = Vec::new();
        self.header(ui, view);
        ui.separator();
        ui.add_space(8.0);
        let Some(current) = self.session.current() else {
            self.summary(ui, view, &mut actions);
            return actions;
        };
        let question = &current.question;
        let card = question.id.clone();
        let deck = self.session.catalog().deck_of(&card);
        let practice = self.session.mode() == Mode::Practice;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            style::column(ui, 860.0, |ui| {
                style::card(ui, |ui| view::prompt(ui, question));
                ui.add_space(12.0);
                match &current.stage {
                    Stage::Asking if question.kind.is_self_graded() => {
                        let show = ui.button(lang.tr("Show answer  (Space)", "显示答案  (空格)"));
                        if show.clicked() || view::go_on_pressed(ui) {
                            actions.push(Action::Reveal);
                        }
                    }
                    Stage::Asking => {
                        if let Some(response) = view::ask(ui, lang, question, &mut self.draft, true) {
                            actions.push(Action::Respond(response));
                        }
                    }
                    Stage::Revealed => {
                        view::flip_answer(ui, question);
                        view::source(ui, lang, deck, question);
                        ui.add_space(12.0);
                        if let Some(rating) = rating_buttons(ui, view, &card, practice) {
                            actions.push(Action::Rate(rating));
                        }
                    }
                    Stage::Answered { response, correct } => {
                        view::review(ui, lang, question, response, *correct);
                        view::source(ui, lang, deck, question);
                        ui.add_space(12.0);
                        let next = view::main_button(ui, lang.tr("Continue  (Space)", "继续  (空格)"));
                        if next.clicked() || view::go_on_pressed(ui) {
                            actions.push(Action::Continue);
                        }
                        if !*correct && self.session.can_overrule() {
                            ui.add_space(style::space::M);
                            ui.vertical_centered(|ui| {
                                let right =
                                    ui.button(lang.tr("I was right  (R)", "我答对了  (R)")).on_hover_text(lang.tr(
                                        "Count this answer as right: the log keeps it marked as your override.",
                                        "将此答案计为正确：记录中会标明是你的更正。",
                                    ));
                                if right.clicked() || view::key_pressed(ui, Key::R) {
                                    actions.push(Action::Overrule);
                                }
                            });
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
                        actions.push(Action::SuspendCurrent);
                    }
                    undo_button(ui, lang, &self.session, &mut actions);
                });
            });
        });
        actions
    }

    fn header(&self, ui: &mut Ui, view: &View) {
        let lang = view.lang;
        let practice = self.session.mode() == Mode::Practice;
        // The tallies are laid out first, from the right, and the title takes
        // what is left, cut short: at 800×600 or 150% the two never overlap.
        let height = ui.text_style_height(&egui::TextStyle::Heading) + style::space::S;
        let size = egui::vec2(ui.available_width(), height);
        ui.allocate_ui_with_layout(size, egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if practice {
                ui.label(format!("{} {}", self.session.practice_left(), lang.tr("to go", "题待练")));
            } else {
                let counts = view.planner(self.session.catalog()).counts();
                ui.label(style::two_counts(
                    counts.due_today,
                    lang.tr("due", "到期"),
                    counts.new_available,
                    lang.tr("new", "新卡片"),
                ));
            }
            let tally = self.session.tally();
            if tally.answered > 0 {
                ui.label(style::hint(&style::two_counts(
                    tally.answered,
                    lang.tr("answered", "已答"),
                    tally.right,
                    lang.tr("right", "正确"),
                )));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.heading(if practice { lang.tr("Practice", "练习") } else { lang.tr("Study", "学习") });
                let decks = self.session.catalog().decks();
                // Over several decks, the deck of the card on screen.
                let current =
                    self.session.current().and_then(|current| self.session.catalog().deck_of(&current.question.id));
                let only = (decks.len() == 1).then(|| &decks[0]);
                if let Some(deck) = current.or(only) {
                    ui.add(egui::Label::new(style::hint(&deck.title)).truncate());
                }
            });
        });
    }

    fn summary(&self, ui: &mut Ui, view: &View, actions: &mut Vec<Action>) {
        let lang = view.lang;
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            match self.session.end() {
                Some(End::PracticeDone) => {
                    ui.heading(lang.tr("Practice round done", "本轮练习完成"));
                    ui.label(lang.tr("Every card was answered right.", "每张卡片都已答对。"));
                }
                Some(End::DayDone(day)) => {
                    ui.heading(lang.tr("Nothing left for now", "现在没有要学的了"));
                    day_done(ui, lang, day, view.now);
                }
                _ => {}
            }
            ui.add_space(8.0);
            let tally = self.session.tally();
            if tally.answered > 0 {
                ui.label(style::two_counts(
                    tally.answered,
                    lang.tr("answers this session", "本次回答"),
                    tally.right,
                    lang.tr("right", "正确"),
                ));
            }
            ui.add_space(16.0);
            ui.horizontal(|ui| {
                if ui.button(lang.tr("Home  (Esc)", "主页  (Esc)")).clicked() {
                    actions.push(Action::Home);
                }
                let decks = self.session.decks().to_vec();
                if ui.button(lang.tr("Practise these decks anyway", "仍然练习这些题库")).clicked() {
                    actions.push(Action::Practice(PracticeSource::Decks(decks)));
                }
                undo_button(ui, lang, &self.session, actions);
            });
        });
    }
}

fn undo_button(ui: &mut Ui, lang: Lang, session: &Session, actions: &mut Vec<Action>) {
    let button = egui::Button::new(lang.tr("Undo  (Ctrl+Z)", "撤销  (Ctrl+Z)"));
    let undo = ui
        .add_enabled(session.can_undo(), button)
        .on_disabled_hover_text(lang.tr("Nothing to undo in this session.", "本次学习中没有可撤销的操作。"));
    if undo.clicked() {
        actions.push(Action::Undo);
    }
}

/// What waits, why, and when the next card comes.
fn day_done(ui: &mut Ui, lang: Lang, day: &DayEnd, now: DateTime<Utc>) {
    match day.next_due_at {
        Some(due) => ui.label(format!(
            "{} {} ({} {})",
            lang.tr("The next card is due", "下一张卡片到期于"),
            due.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
            lang.tr("in", "还有"),
            super::i18n::wait(lang, due - now)
        )),
        None => ui.label(lang.tr("These decks have no cards.", "这些题库没有卡片。")),
    };
    let counts = day.counts;
    if counts.new_held_by_sibling > 0 {
        ui.label(style::hint(&format!(
            "{} {}",
            counts.new_held_by_sibling,
            lang.tr(
                "new cards wait: a card of the same entry was studied today, and one would give the other away.",
                "张新卡片在等待：今天已学过同一条目的另一张卡片，两者会互相泄露答案。",
            )
        )));
    }
    if counts.new_over_limit > 0 {
        ui.label(style::hint(&format!(
            "{} {} {} {}",
            counts.new_over_limit,
            lang.tr("new cards wait for tomorrow: today's limit of", "张新卡片明天再学：今天的上限"),
            day.new_per_day,
            lang.tr("new cards is reached (Settings).", "张新卡片已用完（见设置）。"),
        )));
    }
}

/// Again / Hard / Good / Easy; in study each with the wait it gives, in
/// practice without (practice leaves the schedule alone).
fn rating_buttons(ui: &mut Ui, view: &View, card: &CardId, practice: bool) -> Option<Rating> {
    let lang = view.lang;
    let now = view.now;
    let labels: Vec<String> = if practice {
        Rating::ALL.iter().map(|rating| format!("{}  ({})", rating_name(lang, *rating), rating.number())).collect()
    } else {
        let state = view.data.cards.get(card).cloned().unwrap_or_else(|| CardState::new_card(now));
        let previews = view.scheduler.preview(&state, now);
        Rating::ALL
            .iter()
            .zip(&previews)
            .map(|(rating, next)| {
                format!(
                    "{}  ({})\n{}",
                    rating_name(lang, *rating),
                    rating.number(),
                    super::i18n::wait(lang, next.due_at - now)
                )
            })
            .collect()
    };
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
