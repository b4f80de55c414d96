//! Importing material from spreadsheets (CSV or TSV), Anki text exports and
//! Quizlet exports into a deck.
//!
//! Real files are messy: a byte-order mark, quoted fields holding separators,
//! quotes and line breaks, Windows line ends, GB18030 from Excel in a Chinese
//! locale. Blank rows are skipped with a note; a row with the wrong number of
//! cells is an error naming its line, never guessed at.

mod anki;
pub mod html;
pub mod ids;
pub mod sheet;

use std::collections::BTreeMap;

use thiserror::Error;

use crate::core::deck::{Aspect, Category, Content, Deck, Faq, FaqEntry, Item, Lists, Subject, Table};
use ids::{IdMaker, slug};
use sheet::{Encoding, Row, decode, guess_separator, rows};

/// What a file holds, as `--as` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Table,
    Faq,
    Lists,
    Anki,
    Quizlet,
}

impl ImportKind {
    #[must_use]
    pub fn from_name(name: &str) -> Option<ImportKind> {
        match name {
            "table" => Some(ImportKind::Table),
            "faq" => Some(ImportKind::Faq),
            "lists" => Some(ImportKind::Lists),
            "anki" => Some(ImportKind::Anki),
            "quizlet" => Some(ImportKind::Quizlet),
            _ => None,
        }
    }
}

/// A failed import: every message names the line.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("line {line}: {message}")]
    Encoding { line: usize, message: String },
    #[error("line {line}: {message}")]
    Row { line: usize, message: String },
    #[error("{0}")]
    Ambiguous(String),
    #[error("{0}")]
    Empty(String),
}

/// How to read the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub kind: Option<ImportKind>,
    pub encoding: Option<Encoding>,
    /// Field separator (Quizlet exports, or to override the guess).
    pub separator: Option<u8>,
    /// Deck id; by default made from `name`.
    pub deck_id: Option<String>,
    /// The file's name without its extension: the default id and title.
    pub name: String,
}

/// An imported deck, with notes on what was skipped.
#[derive(Debug, Clone)]
pub struct Imported {
    pub deck: Deck,
    pub notes: Vec<String>,
}

/// Imports a file's bytes.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let text = decode(bytes, options.encoding)?;
    let looks_like_anki = text.lines().next().is_some_and(anki::is_header_line);
    let kind = match options.kind {
        Some(kind) => kind,
        None if looks_like_anki => ImportKind::Anki,
        None => detect(&text, options)?,
    };
    let mut notes = Vec::new();
    let (content, title) = match kind {
        ImportKind::Anki => {
            let (content, deck_name) = anki::import(&text, options.separator, &mut notes)?;
            (content, deck_name)
        }
        ImportKind::Quizlet => (quizlet(&text, options.separator.unwrap_or(b'\t'), &mut notes)?, None),
        sheet_kind => {
            let separator = options.separator.unwrap_or_else(|| guess_separator(&text));
            let rows = non_blank(rows(&text, separator, 1)?, &mut notes);
            let content = match sheet_kind {
                ImportKind::Table => table(&rows)?,
                ImportKind::Faq => faq(&rows)?,
                _ => lists(&rows)?,
            };
            (content, None)
        }
    };
    let title = title.unwrap_or_else(|| options.name.clone());
    let id = options.deck_id.clone().unwrap_or_else(|| slug(&options.name));
    let language = if has_cjk(&content) { "zh" } else { "en" };
    let deck = Deck {
        id,
        title: if title.trim().is_empty() { "Imported deck".into() } else { title },
        language: language.into(),
        description: String::new(),
        source: String::new(),
        kinds: Vec::new(),
        same: Vec::new(),
        content,
    };
    Ok(Imported { deck, notes })
}

/// Writes a deck as RON in the shape authors write by hand.
#[must_use]
pub fn to_ron(deck: &Deck) -> String {
    let config = ron::ser::PrettyConfig::default().indentor("    ".to_owned());
    match ron::ser::to_string_pretty(deck, config) {
        Ok(text) => format!("Deck{text}\n"),
        // Serialising plain strings and lists cannot fail.
        Err(error) => format!("// could not write the deck: {error}\n"),
    }
}

fn has_cjk(content: &Content) -> bool {
    let text = format!("{content:?}");
    text.chars().any(|c| matches!(u32::from(c), 0x4E00..=0x9FFF))
}

/// Recognises a sheet's kind from its header and shape.
fn detect(text: &str, options: &ImportOptions) -> Result<ImportKind, ImportError> {
    let separator = options.separator.unwrap_or_else(|| guess_separator(text));
    let rows = rows(text, separator, 1)?;
    let Some(header) = rows.iter().find(|row| !row.is_blank()) else {
        return Err(ImportError::Empty("the file holds no rows".into()));
    };
    let names: Vec<String> = header.cells.iter().map(|cell| cell.trim().to_lowercase()).collect();
    let has = |words: &[&str]| names.iter().any(|name| words.contains(&name.as_str()));
    if has(&["question", "问题", "q"]) && has(&["answer", "答案", "a"]) {
        return Ok(ImportKind::Faq);
    }
    if has(&["category", "类别", "分类", "list"]) && has(&["item", "条目", "项目", "要点"]) {
        return Ok(ImportKind::Lists);
    }
    let columns = names.iter().filter(|name| *name != "id").count();
    match columns {
        0 | 1 => Err(ImportError::Empty(format!("line {}: a sheet needs at least two columns", header.line))),
        2 => Err(ImportError::Ambiguous(
            "a two-column sheet could be an FAQ (question, answer), grouped lists (category, item) or a Quizlet \
             export (term, definition); say which with --as faq, --as lists or --as quizlet"
                .into(),
        )),
        _ => Ok(ImportKind::Table),
    }
}

/// Drops blank rows, noting each.
fn non_blank(rows: Vec<Row>, notes: &mut Vec<String>) -> Vec<Row> {
    rows.into_iter()
        .filter(|row| {
            if row.is_blank() {
                notes.push(format!("line {}: blank row skipped", row.line));
            }
            !row.is_blank()
        })
        .collect()
}

/// The header and the rows under it; `id` columns found by name.
struct Sheet<'r> {
    header: &'r Row,
    body: &'r [Row],
    id_column: Option<usize>,
}

impl<'r> Sheet<'r> {
    fn new(rows: &'r [Row], minimum_columns: usize, what: &str) -> Result<Sheet<'r>, ImportError> {
        let (header, body) = rows.split_first().ok_or_else(|| ImportError::Empty("the file holds no rows".into()))?;
        let id_column = header.cells.iter().position(|cell| cell.trim().eq_ignore_ascii_case("id"));
        let columns = header.cells.len() - usize::from(id_column.is_some());
        if columns < minimum_columns {
            return Err(ImportError::Row {
                line: header.line,
                message: format!("{what} needs at least {minimum_columns} columns, the header has {columns}"),
            });
        }
        for row in body {
            if row.cells.len() != header.cells.len() {
                return Err(ImportError::Row {
                    line: row.line,
                    message: format!("{} cells where the header has {}", row.cells.len(), header.cells.len()),
                });
            }
        }
        Ok(Sheet { header, body, id_column })
    }

    /// The cells of a row other than the id column, trimmed.
    fn cells(&self, row: &Row) -> Vec<String> {
        row.cells
            .iter()
            .enumerate()
            .filter(|(index, _)| Some(*index) != self.id_column)
            .map(|(_, cell)| cell.trim().to_owned())
            .collect()
    }

    fn id<'a>(&self, row: &'a Row) -> Option<&'a str> {
        self.id_column.and_then(|column| row.cells.get(column)).map(String::as_str)
    }
}

fn require(row: &Row, cell: &str, what: &str) -> Result<(), ImportError> {
    if cell.is_empty() {
        return Err(ImportError::Row { line: row.line, message: format!("empty {what}") });
    }
    Ok(())
}

/// First row: the aspect heading, then each subject; then one aspect a row.
fn table(rows: &[Row]) -> Result<Content, ImportError> {
    let sheet = Sheet::new(rows, 3, "a comparison table")?;
    let header = sheet.cells(sheet.header);
    let mut ids = IdMaker::default();
    let subjects: Vec<Subject> = header[1..]
        .iter()
        .map(|name| {
            require(sheet.header, name, "subject name")?;
            Ok(Subject { id: ids.make(None, name), name: name.clone() })
        })
        .collect::<Result<_, ImportError>>()?;
    let mut aspects = Vec::new();
    for row in sheet.body {
        let cells = sheet.cells(row);
        require(row, &cells[0], "aspect name")?;
        let mut map = BTreeMap::new();
        for (subject, cell) in subjects.iter().zip(&cells[1..]) {
            require(row, cell, &format!("cell for {}", subject.name))?;
            map.insert(subject.id.clone(), cell.clone());
        }
        aspects.push(Aspect { id: ids.make(sheet.id(row), &cells[0]), name: cells[0].clone(), cells: map });
    }
    if aspects.is_empty() {
        return Err(ImportError::Empty("the table has a header but no rows".into()));
    }
    Ok(Content::Table(Table { aspect_heading: header[0].clone(), subjects, aspects }))
}

/// Header, then question, answer and optionally accepted answers split by `|`.
fn faq(rows: &[Row]) -> Result<Content, ImportError> {
    let sheet = Sheet::new(rows, 2, "an FAQ")?;
    let mut ids = IdMaker::default();
    let mut entries = Vec::new();
    for row in sheet.body {
        let cells = sheet.cells(row);
        require(row, &cells[0], "question")?;
        require(row, &cells[1], "answer")?;
        let accepted = cells
            .get(2)
            .map(|cell| cell.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default();
        entries.push(FaqEntry {
            id: ids.make(sheet.id(row), &cells[0]),
            question: cells[0].clone(),
            answer: cells[1].clone(),
            accepted,
        });
    }
    if entries.is_empty() {
        return Err(ImportError::Empty("the FAQ has a header but no rows".into()));
    }
    Ok(Content::Faq(Faq { entries }))
}

/// Header, then category, item and optionally the item's detail.
fn lists(rows: &[Row]) -> Result<Content, ImportError> {
    let sheet = Sheet::new(rows, 2, "grouped lists")?;
    let mut ids = IdMaker::default();
    let mut categories: Vec<Category> = Vec::new();
    for row in sheet.body {
        let cells = sheet.cells(row);
        require(row, &cells[0], "category")?;
        require(row, &cells[1], "item")?;
        let index = if let Some(index) = categories.iter().position(|category| category.name == cells[0]) {
            index
        } else {
            let id = ids.make(None, &format!("list {}", cells[0]));
            categories.push(Category { id, name: cells[0].clone(), items: Vec::new() });
            categories.len() - 1
        };
        let item = Item {
            id: ids.make(sheet.id(row), &cells[1]),
            text: cells[1].clone(),
            detail: cells.get(2).cloned().unwrap_or_default(),
            also_in: Vec::new(),
        };
        categories[index].items.push(item);
    }
    if categories.is_empty() {
        return Err(ImportError::Empty("the lists have a header but no rows".into()));
    }
    Ok(Content::Lists(Lists { categories }))
}

/// Quizlet: `term<separator>definition` a line, no quoting; becomes an FAQ.
fn quizlet(text: &str, separator: u8, notes: &mut Vec<String>) -> Result<Content, ImportError> {
    let separator = char::from(separator);
    let mut ids = IdMaker::default();
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            notes.push(format!("line {number}: blank row skipped"));
            continue;
        }
        let Some((term, definition)) = line.split_once(separator) else {
            return Err(ImportError::Row {
                line: number,
                message: format!("no {separator:?} between term and definition (set it with --separator)"),
            });
        };
        let (term, definition) = (term.trim(), definition.trim());
        if term.is_empty() || definition.is_empty() {
            return Err(ImportError::Row { line: number, message: "empty term or definition".into() });
        }
        entries.push(FaqEntry {
            id: ids.make(None, term),
            question: term.to_owned(),
            answer: definition.to_owned(),
            accepted: Vec::new(),
        });
    }
    if entries.is_empty() {
        return Err(ImportError::Empty("the file holds no terms".into()));
    }
    Ok(Content::Faq(Faq { entries }))
}

#[cfg(test)]
mod tests;
