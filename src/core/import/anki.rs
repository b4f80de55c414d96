//! Anki text exports and import files: the `#key:value` header lines Anki's
//! manual lists, then one note a row. Basic notes (front, back) become FAQ
//! entries; cloze notes one entry per deletion; rendered cards (Anki's
//! "Cards in Plain Text") keep their `[...]` and take the answer from the
//! back's cloze spans. Empty notes are skipped and counted by line.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::columns;
use super::html::cloze_spans;
use super::message::{ImportProblem, SkipReason, SpecialColumn, SummaryLine};
use super::sheet::{Row, Separator};
use super::{Entry, ImportError, ImportOptions, Report, faq_content, text_of};
use crate::core::deck::Content;
use crate::core::text::normalizes_to_empty;

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
fn header_line(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start_matches('\u{feff}');
    let (key, value) = line.strip_prefix('#')?.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    HEADER_KEYS.contains(&key.as_str()).then_some((key, value.trim()))
}

/// What the header lines say.
#[derive(Debug, Default)]
pub struct Headers {
    /// Whether the file has any Anki header line.
    pub found: bool,
    pub separator: Option<Separator>,
    /// `#html:true` or `#html:false`; without it, the fields tell.
    pub html: Option<bool>,
    pub deck: Option<String>,
    /// 1-based columns that hold no field, with what they hold.
    special_columns: Vec<(usize, SpecialColumn)>,
    guid_column: Option<usize>,
}

impl Headers {
    /// Reads the header lines at the top of a file.
    pub fn read(text: &str) -> Result<Headers, ImportError> {
        let mut headers = Headers::default();
        for (index, line) in text.lines().enumerate() {
            let Some((key, value)) = header_line(line) else { break };
            headers.found = true;
            let column = || value.parse::<usize>().ok().filter(|column| *column > 0);
            match key.as_str() {
                "separator" => {
                    headers.separator = Some(Separator::from_name(&value.to_ascii_lowercase()).ok_or_else(|| {
                        ImportError::at(index + 1, ImportProblem::UnknownSeparator { value: value.to_owned() })
                    })?);
                }
                "html" => headers.html = Some(value.eq_ignore_ascii_case("true")),
                "deck" => headers.deck = Some(value.replace("::", " › ")),
                "notetype column" => headers.special_columns.extend(column().map(|c| (c, SpecialColumn::NoteType))),
                "deck column" => headers.special_columns.extend(column().map(|c| (c, SpecialColumn::Deck))),
                "tags column" => headers.special_columns.extend(column().map(|c| (c, SpecialColumn::Tags))),
                "guid column" => {
                    headers.guid_column = column();
                    headers.special_columns.extend(column().map(|c| (c, SpecialColumn::Guid)));
                }
                _ => {}
            }
        }
        Ok(headers)
    }

    fn is_special(&self, column: usize) -> bool {
        self.special_columns.iter().any(|(special, _)| *special == column)
    }
}

/// The notes of an export, as FAQ entries.
pub fn notes(
    rows: &[Row],
    headers: &Headers,
    html: bool,
    options: &ImportOptions,
    report: &mut Report,
) -> Result<Content, ImportError> {
    let width = rows.iter().map(|row| row.cells.len()).max().unwrap_or(0);
    let fields: Vec<usize> = match &options.columns {
        Some(spec) => columns::choose(spec, None, width)?,
        None => (0..width).filter(|column| !headers.is_special(column + 1)).collect(),
    };
    if fields.len() < 2 {
        return Err(ImportError::at(1, ImportProblem::NoFields));
    }
    let mut entries = Vec::new();
    let mut cloze_notes = 0;
    let mut extra_lines: Vec<Vec<usize>> = vec![Vec::new(); fields.len()];
    for row in rows {
        let front_raw = row.cell(fields[0]);
        let back_raw = row.cell(fields[1]);
        for (index, column) in fields.iter().enumerate().skip(2) {
            if !row.cell(*column).trim().is_empty() {
                extra_lines[index].push(row.line);
            }
        }
        let guid = headers.guid_column.map(|column| row.cell(column - 1).to_owned()).filter(|guid| !guid.is_empty());
        let pairs: Vec<(String, String)> = if let Some(deletions) = cloze(front_raw) {
            cloze_notes += 1;
            deletions
                .into_iter()
                .map(|(question, answer)| {
                    (text_of(&question, html, row.line, report), text_of(&answer, html, row.line, report))
                })
                .collect()
        } else if html && front_raw.contains("class=\"cloze\"") {
            let answer = cloze_spans(back_raw).join("; ");
            vec![(text_of(front_raw, html, row.line, report), answer)]
        } else {
            vec![(text_of(front_raw, html, row.line, report), text_of(back_raw, html, row.line, report))]
        };
        if pairs.is_empty() {
            report.skip(SkipReason::ClozeWithoutDeletion, row.line);
            continue;
        }
        for (question, answer) in pairs {
            // `check` calls a text empty when nothing but punctuation is left.
            if normalizes_to_empty(&question) || normalizes_to_empty(&answer) {
                report.skip(SkipReason::EmptyNote, row.line);
                continue;
            }
            entries.push(Entry {
                line: row.line,
                question,
                answer,
                accepted: Vec::new(),
                id: None,
                guid: guid.clone(),
            });
        }
    }
    report.summary.push(SummaryLine::AnkiFields {
        question: fields[0] + 1,
        answer: fields[1] + 1,
        special: headers.special_columns.clone(),
    });
    if headers.guid_column.is_some() {
        report.summary.push(SummaryLine::GuidsKept);
    }
    for (index, lines) in extra_lines.into_iter().enumerate().filter(|(_, lines)| !lines.is_empty()) {
        report.summary.push(SummaryLine::AnkiColumnIgnored { column: fields[index] + 1, lines });
    }
    if cloze_notes > 0 {
        report.summary.push(SummaryLine::ClozeNotes(cloze_notes));
    }
    Ok(faq_content(entries, report))
}

/// Cloze deletions `{{c1::text}}` or `{{c1::text::hint}}` in a field: for each
/// deletion number, the field with those deletions hidden (`[…]`, or
/// `[hint]`) and the others shown, and the hidden texts; `None` when the
/// field holds no deletion.
fn cloze(field: &str) -> Option<Vec<(String, String)>> {
    if !field.contains("{{c") {
        return None;
    }
    let parts = parse_cloze(field);
    let numbers: BTreeSet<u32> = parts.iter().filter_map(|part| part.number).collect();
    if numbers.is_empty() {
        return None;
    }
    Some(
        numbers
            .into_iter()
            .map(|number| {
                let mut question = String::new();
                let mut answers = Vec::new();
                for part in &parts {
                    match part.number {
                        Some(n) if n == number => {
                            let hint = part.hint.as_deref().filter(|hint| !hint.trim().is_empty()).unwrap_or("…");
                            let _ = write!(question, "[{hint}]");
                            answers.push(part.text.clone());
                        }
                        _ => question.push_str(&part.text),
                    }
                }
                (question, answers.join("; "))
            })
            .collect(),
    )
}

struct ClozePart {
    number: Option<u32>,
    text: String,
    hint: Option<String>,
}

fn parse_cloze(field: &str) -> Vec<ClozePart> {
    let mut parts = Vec::new();
    let mut rest = field;
    while let Some(start) = rest.find("{{c") {
        let after = &rest[start + 3..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let parsed = after[digits..].strip_prefix("::").and_then(|body| {
            let number = after[..digits].parse::<u32>().ok()?;
            let end = body.find("}}")?;
            Some((number, &body[..end], body.len() - end - 2))
        });
        let Some((number, inner, remaining)) = parsed else {
            parts.push(ClozePart { number: None, text: rest[..start + 3].to_owned(), hint: None });
            rest = after;
            continue;
        };
        parts.push(ClozePart { number: None, text: rest[..start].to_owned(), hint: None });
        let (text, hint) = match inner.split_once("::") {
            Some((text, hint)) => (text.to_owned(), Some(hint.to_owned())),
            None => (inner.to_owned(), None),
        };
        parts.push(ClozePart { number: Some(number), text, hint });
        rest = &rest[rest.len() - remaining..];
    }
    parts.push(ClozePart { number: None, text: rest.to_owned(), hint: None });
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_question_per_deletion() {
        let cards =
            cloze("{{c1::Berlin}} is the capital of {{c2::Germany::country}}; {{c1::it}} is big").expect("cloze");
        assert_eq!(
            cards,
            vec![
                ("[…] is the capital of Germany; […] is big".to_owned(), "Berlin; it".to_owned()),
                ("Berlin is the capital of [country]; it is big".to_owned(), "Germany".to_owned()),
            ]
        );
        assert_eq!(cloze("no {{deletion}} here"), None);
        assert_eq!(cloze("{{c1::unclosed"), None);
    }

    #[test]
    fn headers() {
        let headers = Headers::read("#separator:tab\n#html:true\n#deck:German::B1\n#guid column:1\n#tags column:4\nx")
            .expect("headers");
        assert!(headers.found);
        assert_eq!(headers.separator, Some(Separator::Byte(b'\t')));
        assert_eq!(headers.html, Some(true));
        assert_eq!(headers.deck.as_deref(), Some("German › B1"));
        assert!(headers.is_special(1) && headers.is_special(4) && !headers.is_special(2));
        assert!(!Headers::read("# a comment\nx").expect("no headers").found);
    }
}
