//! Anki text exports and import files: the `#key:value` header lines Anki's
//! manual lists, then one note a row. Basic notes (front, back) become an FAQ.

use super::html::to_text;
use super::ids::IdMaker;
use super::sheet::{guess_separator, rows};
use super::{ImportError, non_blank};
use crate::core::deck::{Content, Faq, FaqEntry};

const HEADER_KEYS: [&str; 10] = [
    "separator",
    "html",
    "tags",
    "columns",
    "notetype",
    "deck",
    "notetype column",
    "deck column",
    "tags column",
    "guid column",
];

/// Whether a line is one of Anki's file headers.
pub fn is_header_line(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}');
    line.strip_prefix('#')
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(key, _)| HEADER_KEYS.contains(&key.trim().to_ascii_lowercase().as_str()))
}

#[derive(Debug, Default)]
struct Headers {
    separator: Option<u8>,
    html: bool,
    deck: Option<String>,
    /// 1-based columns that hold no field.
    special_columns: Vec<usize>,
    guid_column: Option<usize>,
}

fn separator_from(value: &str) -> Option<u8> {
    match value.trim().to_ascii_lowercase().as_str() {
        "comma" => Some(b','),
        "semicolon" => Some(b';'),
        "tab" => Some(b'\t'),
        "space" => Some(b' '),
        "pipe" => Some(b'|'),
        "colon" => Some(b':'),
        other => other.bytes().next().filter(|_| other.len() == 1),
    }
}

/// Reads the headers and the notes; returns the content and the deck name.
pub fn import(
    text: &str,
    separator: Option<u8>,
    notes: &mut Vec<String>,
) -> Result<(Content, Option<String>), ImportError> {
    let mut headers = Headers { html: false, ..Headers::default() };
    let mut header_lines = 0;
    for (index, line) in text.lines().enumerate() {
        if !is_header_line(line) {
            break;
        }
        header_lines = index + 1;
        let Some((key, value)) = line.trim_start_matches('\u{feff}')[1..].split_once(':') else { continue };
        let column = || value.trim().parse::<usize>().ok();
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                headers.separator = Some(separator_from(value).ok_or_else(|| ImportError::Row {
                    line: index + 1,
                    message: format!("unknown separator `{}`", value.trim()),
                })?);
            }
            "html" => headers.html = value.trim().eq_ignore_ascii_case("true"),
            "deck" => headers.deck = Some(value.trim().to_owned()),
            "notetype column" | "deck column" | "tags column" => headers.special_columns.extend(column()),
            "guid column" => {
                headers.guid_column = column();
                headers.special_columns.extend(column());
            }
            _ => {}
        }
    }
    let body: String = text.split_inclusive('\n').skip(header_lines).collect();
    let separator = separator.or(headers.separator).unwrap_or_else(|| guess_separator(&body));
    let rows = non_blank(rows(&body, separator, header_lines + 1)?, notes);
    let mut ids = IdMaker::default();
    let mut entries = Vec::new();
    for row in &rows {
        let field = |text: &str| if headers.html { to_text(text) } else { text.trim().to_owned() };
        let fields: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(index, _)| !headers.special_columns.contains(&(index + 1)))
            .map(|(_, cell)| field(cell))
            .collect();
        if fields.len() < 2 {
            return Err(ImportError::Row { line: row.line, message: "a note needs a front and a back field".into() });
        }
        if fields[0].is_empty() || fields[1].is_empty() {
            return Err(ImportError::Row { line: row.line, message: "empty front or back field".into() });
        }
        let guid = headers.guid_column.and_then(|column| row.cells.get(column - 1)).map(String::as_str);
        entries.push(FaqEntry {
            id: ids.make(guid, &fields[0]),
            question: fields[0].clone(),
            answer: fields[1].clone(),
            accepted: Vec::new(),
        });
    }
    if entries.is_empty() {
        return Err(ImportError::Empty("the file holds no notes".into()));
    }
    Ok((Content::Faq(Faq { entries }), headers.deck))
}
