//! Browse: a deck as its author wrote it (a table as a table, an FAQ as a
//! list, lists as groups), a search that filters as you type, and every
//! card with its state and next due date, where cards are suspended and
//! unsuspended.

use chrono::{DateTime, Local, Utc};
use egui::{RichText, Ui};

use super::app::{Action, View};
use super::i18n::Lang;
use super::style;
use crate::core::deck::{Content, Deck, Table};
use crate::core::question::CardId;
use crate::core::save::{Review, SessionKind};
use crate::core::schedule::{CardState, Phase};
use crate::core::text::normalize;

/// One card's line in the card list.
struct Row {
    card: CardId,
    /// The entry's text, for the list and the search.
    label: String,
    searchable: String,
    state: Option<CardState>,
}

pub struct Browse {
    deck: Option<Deck>,
    search: String,
    rows: Vec<Row>,
    /// Each entry's texts normalised for the search, in deck order: a
    /// table's rows, an FAQ's entries, every list item.
    entry_texts: Vec<String>,
    /// What the search keeps, worked out again only when it changes.
    filter: Option<Filter>,
    /// The card whose details and history are open.
    selected: Option<CardId>,
    /// The open card's history as last read: the card and the save's answer
    /// counts it was read at, and the answers or why they could not be read.
    history: Option<(HistoryKey, Result<Vec<Review>, String>)>,
}

/// A card and the save's answer counts (`sequence`, recent answers held)
/// its history was read at.
type HistoryKey = (CardId, u64, usize);

impl Browse {
    #[must_use]
    pub fn new(view: &View, deck_id: Option<String>) -> Browse {
        let deck = deck_id
            .and_then(|id| view.catalog.decks().iter().find(|deck| deck.id == id).cloned())
            .or_else(|| view.catalog.decks().first().cloned());
        let entry_texts = deck.as_ref().map(entry_texts).unwrap_or_default();
        let mut browse = Browse {
            deck,
            search: String::new(),
            rows: Vec::new(),
            entry_texts,
            filter: None,
            selected: None,
            history: None,
        };
        browse.rows = browse.build_rows(view);
        browse
    }

    #[must_use]
    pub fn deck_id(&self) -> Option<&str> {
        self.deck.as_ref().map(|deck| deck.id.as_str())
    }

    fn build_rows(&self, view: &View) -> Vec<Row> {
        let Some(deck) = &self.deck else { return Vec::new() };
        view.catalog
            .cards()
            .iter()
            .filter(|card| card.deck() == deck.id)
            .map(|card| {
                let item = card.item_key().split_once('/').map_or("", |(_, item)| item);
                let label = entry_label(deck, item);
                Row {
                    searchable: normalize(&format!("{label} {} {card}", entry_content(deck, item))),
                    label,
                    card: card.clone(),
                    state: view.data.cards.get(card).cloned(),
                }
            })
            .collect()
    }

    /// Card states changed (a card suspended): read them again.
    pub fn refresh_states(&mut self) {
        self.rows.clear();
        self.filter = None;
    }

    /// The entries and cards the search keeps.
    fn filter(&mut self) -> &Filter {
        let needle = normalize(&self.search);
        if self.filter.as_ref().is_none_or(|filter| filter.needle != needle) {
            let keep = |text: &String| needle.is_empty() || text.contains(&needle);
            self.filter = Some(Filter {
                entries: (0..self.entry_texts.len()).filter(|index| keep(&self.entry_texts[*index])).collect(),
                rows: (0..self.rows.len()).filter(|index| keep(&self.rows[*index].searchable)).collect(),
                needle,
            });
        }
        self.filter.get_or_insert_with(Filter::default)
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        let lang = view.lang;
        let mut actions = Vec::new();
        if self.rows.is_empty() {
            self.rows = self.build_rows(view);
        }
        ui.horizontal(|ui| {
            ui.heading(lang.tr("Browse", "浏览"));
            let current = self.deck.as_ref().map_or(String::new(), |deck| deck.title.clone());
            let label = ui.label(lang.tr("Deck", "题库"));
            let combo =
                egui::ComboBox::from_id_salt("browse-deck").selected_text(current).width(280.0).show_ui(ui, |ui| {
                    for deck in view.catalog.decks() {
                        let selected = self.deck_id() == Some(deck.id.as_str());
                        if ui.selectable_label(selected, &deck.title).clicked() && !selected {
                            actions.push(Action::Browse(Some(deck.id.clone())));
                        }
                    }
                });
            combo.response.labelled_by(label.id);
            ui.add(
                egui::TextEdit::singleline(&mut self.search).hint_text(lang.tr("Search", "搜索")).desired_width(240.0),
            )
            .on_hover_text(lang.tr("Filters as you type", "输入即筛选"));
            if !self.search.is_empty()
                && ui.button("×").on_hover_text(lang.tr("Clear the search", "清除搜索")).clicked()
            {
                self.search.clear();
            }
        });
        ui.separator();
        if let Some(card) = self.selected.clone() {
            egui::Panel::right("card-detail").default_size(340.0).resizable(true).show(ui, |ui| {
                actions.extend(self.detail(ui, view, &card));
            });
        }
        let Some(deck) = &self.deck else {
            ui.label(lang.tr("No decks are loaded.", "没有加载任何题库。"));
            return actions;
        };
        let deck = deck.clone();
        let filter = self.filter().clone();
        let rows: Vec<&Row> = filter.rows.iter().map(|index| &self.rows[*index]).collect();
        content(ui, lang, &deck, &filter.entries, ui.available_height() * 0.55);
        ui.separator();
        ui.label(RichText::new(format!("{} ({})", lang.tr("Cards", "卡片"), rows.len())).strong());
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
        let mut picked = None;
        let now = view.now;
        egui::ScrollArea::vertical().id_salt("browse-cards").auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            rows.len(),
            |ui, range| {
                egui::Grid::new("browse-card-grid").striped(true).num_columns(5).min_row_height(row_height - 4.0).show(
                    ui,
                    |ui| {
                        for row in &rows[range] {
                            let selected = self.selected.as_ref() == Some(&row.card);
                            let (open, action) = card_row(ui, lang, row, selected, now);
                            if open {
                                picked = Some(row.card.clone());
                            }
                            actions.extend(action);
                            ui.end_row();
                        }
                    },
                );
            },
        );
        if picked.is_some() {
            self.selected = picked;
        }
        actions
    }

    /// One card: its state, its probability of recall now, every answer.
    /// The card's answers, oldest first, read from the save again only when
    /// the card or the save's answers changed.
    fn history(&mut self, view: &View, card: &CardId) -> &[Review] {
        let key = (card.clone(), view.data.sequence, view.data.reviews.len());
        if self.history.as_ref().is_none_or(|(read_at, _)| *read_at != key) {
            let read = view.data.card_history(card).map_err(|error| error.to_string());
            self.history = Some((key, read));
        }
        match &self.history {
            Some((_, Ok(reviews))) => reviews,
            _ => &[],
        }
    }

    fn detail(&mut self, ui: &mut Ui, view: &View, card: &CardId) -> Vec<Action> {
        let lang = view.lang;
        let mut actions = Vec::new();
        let now = view.now;
        let state = view.data.cards.get(card).cloned();
        ui.horizontal(|ui| {
            ui.label(RichText::new(lang.tr("Card", "卡片")).strong().size(17.0));
            if ui.small_button("×").on_hover_text(lang.tr("Close", "关闭")).clicked() {
                self.selected = None;
            }
        });
        if let Some(row) = self.rows.iter().find(|row| &row.card == card) {
            ui.add(egui::Label::new(&row.label).wrap());
        }
        if let Some(kind) = card.kind() {
            ui.label(style::hint(style::question_kind_name(lang, kind))).on_hover_text(card.to_string());
        }
        ui.add_space(6.0);
        egui::Grid::new("card-facts").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
            ui.label(lang.tr("State", "状态"));
            ui.label(state_name(lang, state.as_ref()));
            ui.end_row();
            if let Some(state) = state.as_ref().filter(|state| state.phase != Phase::New) {
                ui.label(lang.tr("Due", "到期"));
                ui.label(state.due_at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string());
                ui.end_row();
                ui.label(lang.tr("Reviews / lapses", "复习 / 遗忘"));
                ui.label(format!("{} / {}", state.reps, state.lapses));
                ui.end_row();
                if let Some(probability) = view.scheduler.recall_probability(state, now) {
                    ui.label(lang.tr("Probability of recall now", "当前回忆概率"));
                    ui.label(format!("{:.0}%", probability * 100.0));
                    ui.end_row();
                }
            }
        });
        let suspended = state.as_ref().is_some_and(|state| state.suspended);
        let label = if suspended { lang.tr("Unsuspend", "恢复") } else { lang.tr("Suspend", "暂停") };
        if ui.button(label).clicked() {
            actions.push(Action::SetSuspended(card.clone(), !suspended));
        }
        ui.add_space(8.0);
        ui.label(RichText::new(lang.tr("History", "记录")).strong());
        self.history(view, card);
        if let Some((_, Err(failure))) = &self.history {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{} {failure}", lang.tr("The review log could not be read:", "无法读取复习记录：")),
            );
        }
        let history = self.history(view, card);
        if history.is_empty() {
            ui.label(style::hint(lang.tr("Never answered.", "从未回答。")));
        }
        egui::ScrollArea::vertical().id_salt("card-history").show(ui, |ui| {
            egui::Grid::new("card-history-grid").num_columns(3).striped(true).spacing([10.0, 4.0]).show(ui, |ui| {
                for review in history.iter().rev() {
                    ui.label(review.at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string());
                    let session = match review.session {
                        SessionKind::Study => lang.tr("study", "学习"),
                        SessionKind::Practice => lang.tr("practice", "练习"),
                        SessionKind::Exam(_) => lang.tr("exam", "考试"),
                    };
                    ui.label(format!("{session} · {}", super::session::rating_name(lang, review.rating)));
                    let mark = match review.correct {
                        Some(true) => RichText::new("✓").color(style::verdict_color(ui, true)),
                        Some(false) => RichText::new("×").color(style::verdict_color(ui, false)),
                        None => RichText::new(""),
                    };
                    ui.horizontal(|ui| {
                        ui.label(mark);
                        ui.label(style::hint(&review.answer));
                    });
                    ui.end_row();
                }
            });
        });
        actions
    }
}

/// One card's cells in the card list: whether its label was clicked (to
/// open its details), and what its button asks.
fn card_row(ui: &mut Ui, lang: Lang, row: &Row, selected: bool, now: DateTime<Utc>) -> (bool, Option<Action>) {
    let open =
        ui.selectable_label(selected, &row.label).on_hover_text(lang.tr("Details and history", "详情与记录")).clicked();
    ui.label(style::hint(row.card.kind().map_or("", |kind| style::question_kind_name(lang, kind))));
    ui.label(state_name(lang, row.state.as_ref()));
    let due = row
        .state
        .as_ref()
        .filter(|state| state.phase != Phase::New && !state.suspended)
        .map(|state| {
            if state.due_at <= now {
                lang.tr("due now", "已到期").to_owned()
            } else {
                state.due_at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
            }
        })
        .unwrap_or_default();
    ui.label(due);
    let suspended = row.state.as_ref().is_some_and(|state| state.suspended);
    let label = if suspended { lang.tr("Unsuspend", "恢复") } else { lang.tr("Suspend", "暂停") };
    let action = ui.small_button(label).clicked().then(|| Action::SetSuspended(row.card.clone(), !suspended));
    (open, action)
}

fn state_name(lang: Lang, state: Option<&CardState>) -> &'static str {
    match state {
        Some(state) if state.suspended => lang.tr("suspended", "已暂停"),
        None => lang.tr("new", "新"),
        Some(state) => match state.phase {
            Phase::New => lang.tr("new", "新"),
            Phase::Learning => lang.tr("learning", "学习中"),
            Phase::Relearning => lang.tr("relearning", "重学中"),
            Phase::Review => lang.tr("review", "复习"),
        },
    }
}

/// The text of the entry a card tests: `aspect · subject`, the FAQ's
/// question, the list item.
fn entry_label(deck: &Deck, item: &str) -> String {
    match &deck.content {
        Content::Table(table) => {
            let (aspect, subject) = item.split_once('/').unwrap_or((item, ""));
            let aspect = table.aspects.iter().find(|a| a.id == aspect).map(|a| a.name.as_str());
            let subject_name = table.subjects.iter().find(|s| s.id == subject || s.id == item).map(|s| s.name.as_str());
            match (aspect, subject_name) {
                (Some(aspect), Some(subject)) => format!("{aspect} · {subject}"),
                (None, Some(subject)) => subject.to_owned(),
                _ => item.to_owned(),
            }
        }
        Content::Faq(faq) => {
            faq.entries.iter().find(|entry| entry.id == item).map_or_else(|| item.to_owned(), |e| e.question.clone())
        }
        Content::Lists(lists) => lists
            .categories
            .iter()
            .flat_map(|category| category.items.iter())
            .find(|entry| entry.id == item)
            .map_or_else(|| item.to_owned(), |entry| entry.text.clone()),
    }
}

/// The texts of the entry a card tests beyond its label, so that a search
/// which keeps an entry keeps its cards too: a table row's name and cells,
/// an FAQ's answer, a list item's category and detail.
fn entry_content(deck: &Deck, item: &str) -> String {
    match &deck.content {
        Content::Table(table) => {
            let aspect = item.split_once('/').map_or(item, |(aspect, _)| aspect);
            table.aspects.iter().find(|a| a.id == aspect).map_or_else(String::new, |aspect| {
                format!("{} {}", aspect.name, aspect.cells.values().cloned().collect::<Vec<_>>().join(" "))
            })
        }
        Content::Faq(faq) => faq
            .entries
            .iter()
            .find(|entry| entry.id == item)
            .map_or_else(String::new, |entry| format!("{} {}", entry.answer, entry.accepted.join(" "))),
        Content::Lists(lists) => lists
            .categories
            .iter()
            .find_map(|category| {
                let entry = category.items.iter().find(|entry| entry.id == item)?;
                Some(format!("{} {}", category.name, entry.detail))
            })
            .unwrap_or_default(),
    }
}

/// What a search keeps: entries (by index into `entry_texts`) and card rows.
#[derive(Debug, Clone, Default)]
struct Filter {
    needle: String,
    entries: Vec<usize>,
    rows: Vec<usize>,
}

/// Each entry's searchable texts, normalised, in the order `content` draws them.
fn entry_texts(deck: &Deck) -> Vec<String> {
    match &deck.content {
        Content::Table(table) => table
            .aspects
            .iter()
            .map(|aspect| {
                normalize(&format!("{} {}", aspect.name, aspect.cells.values().cloned().collect::<Vec<_>>().join(" ")))
            })
            .collect(),
        Content::Faq(faq) => {
            faq.entries.iter().map(|entry| normalize(&format!("{} {}", entry.question, entry.answer))).collect()
        }
        Content::Lists(lists) => lists
            .categories
            .iter()
            .flat_map(|category| {
                category.items.iter().map(|item| normalize(&format!("{} {} {}", category.name, item.text, item.detail)))
            })
            .collect(),
    }
}

/// Up to this many table rows are drawn with their cells wrapped in full;
/// a longer table is drawn a line a row, only the rows in view.
const FULL_TABLE_ROWS: usize = 200;

/// The deck's content as its author wrote it, the entries the search keeps.
fn content(ui: &mut Ui, lang: Lang, deck: &Deck, entries: &[usize], max_height: f32) {
    let scroll =
        egui::ScrollArea::vertical().id_salt("browse-content").max_height(max_height).auto_shrink([false, true]);
    match &deck.content {
        Content::Table(table) if entries.len() > FULL_TABLE_ROWS => long_table(ui, lang, table, entries, scroll),
        Content::Table(table) => {
            scroll.show(ui, |ui| {
                let columns = table.subjects.len() + 1;
                let width = ((ui.available_width() - 16.0 * columns as f32) / columns as f32).max(120.0);
                egui::Grid::new("browse-table").striped(true).num_columns(columns).spacing([16.0, 8.0]).show(
                    ui,
                    |ui| {
                        let heading = if table.aspect_heading.is_empty() {
                            lang.tr("Aspect", "方面")
                        } else {
                            &table.aspect_heading
                        };
                        ui.label(RichText::new(heading).strong());
                        for subject in &table.subjects {
                            ui.label(RichText::new(&subject.name).strong());
                        }
                        ui.end_row();
                        for index in entries {
                            let aspect = &table.aspects[*index];
                            let texts = std::iter::once(aspect.name.as_str()).chain(
                                table.subjects.iter().map(|s| aspect.cells.get(&s.id).map_or("", String::as_str)),
                            );
                            for (column, text) in texts.enumerate() {
                                ui.scope(|ui| {
                                    ui.set_max_width(width);
                                    let text =
                                        if column == 0 { RichText::new(text).strong() } else { RichText::new(text) };
                                    ui.add(egui::Label::new(text).wrap());
                                });
                            }
                            ui.end_row();
                        }
                    },
                );
            });
        }
        Content::Faq(faq) => {
            scroll.show(ui, |ui| {
                for entry in entries.iter().filter_map(|index| faq.entries.get(*index)) {
                    ui.add(egui::Label::new(RichText::new(&entry.question).strong()).wrap());
                    ui.add(egui::Label::new(&entry.answer).wrap());
                    ui.add_space(8.0);
                }
            });
        }
        Content::Lists(lists) => {
            scroll.show(ui, |ui| {
                let mut first = 0;
                for category in &lists.categories {
                    let range = first..first + category.items.len();
                    first = range.end;
                    let items: Vec<_> = entries
                        .iter()
                        .filter(|index| range.contains(index))
                        .map(|index| &category.items[index - range.start])
                        .collect();
                    if items.is_empty() {
                        continue;
                    }
                    ui.label(RichText::new(&category.name).strong());
                    for item in items {
                        ui.horizontal_wrapped(|ui| {
                            ui.label("•");
                            ui.label(&item.text);
                            if !item.detail.is_empty() {
                                ui.label(style::hint(&item.detail));
                            }
                        });
                    }
                    ui.add_space(6.0);
                }
            });
        }
    }
}

/// A long table, a line a row, laying out only the rows in view.
fn long_table(ui: &mut Ui, lang: Lang, table: &Table, entries: &[usize], scroll: egui::ScrollArea) {
    let columns = table.subjects.len() + 1;
    let width = ((ui.available_width() - 16.0 * columns as f32) / columns as f32).max(120.0);
    let height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let heading = if table.aspect_heading.is_empty() { lang.tr("Aspect", "方面") } else { &table.aspect_heading };
    ui.horizontal(|ui| {
        ui.add_sized([width, height], egui::Label::new(RichText::new(heading).strong()).truncate());
        for subject in &table.subjects {
            ui.add_sized([width, height], egui::Label::new(RichText::new(&subject.name).strong()).truncate());
        }
    });
    scroll.show_rows(ui, height, entries.len(), |ui, range| {
        for index in &entries[range] {
            let aspect = &table.aspects[*index];
            ui.horizontal(|ui| {
                ui.add_sized([width, height], egui::Label::new(RichText::new(&aspect.name).strong()).truncate());
                for subject in &table.subjects {
                    let text = aspect.cells.get(&subject.id).map_or("", String::as_str);
                    ui.add_sized([width, height], egui::Label::new(text).truncate());
                }
            });
        }
    });
}
