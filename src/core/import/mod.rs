//! Importing material from spreadsheets (CSV or TSV), Anki text exports,
//! Quizlet, Pleco and flashcard-app exports into a deck.
//!
//! Real files are messy: byte-order marks, UTF-16 and GB18030, quoted fields
//! holding separators and line breaks, preamble lines, HTML, cloze
//! deletions, empty notes. Whatever is not kept is counted in the summary
//! with its lines; whatever is refused names its line and the flag that
//! would fix it, before any deck is built.

mod anki;
mod columns;
pub mod html;
pub mod ids;
pub mod message;
mod script;
pub mod sheet;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::core::deck::{Aspect, Category, Content, Deck, Faq, FaqEntry, Item, Lists, Subject, Table, deck_id_problem};
use crate::core::deck_check::MAX_DECK_BYTES;
use crate::core::text::{normalize, normalizes_to_empty};
use columns::Role;
use ids::{IdMaker, slug};
use message::{ColumnName, ImportNote, ImportProblem, Note, SkipReason, SummaryLine};
use sheet::{Encoding, Row, Separator, decode, guess_separator, strip_preamble};

/// What a file holds, as `--as` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Table,
    Faq,
    Lists,
    Anki,
    /// Term and definition a row, no header.
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

/// A refused import: the line of the file it is about (line 1 when it is
/// about the whole file) and what would fix it.
#[derive(Debug, Error, PartialEq, Eq, Clone)]
#[error("line {line}: {problem}")]
pub struct ImportError {
    pub line: usize,
    pub problem: ImportProblem,
}

impl ImportError {
    #[must_use]
    pub fn at(line: usize, problem: ImportProblem) -> ImportError {
        ImportError { line, problem }
    }
}

/// How to read the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub kind: Option<ImportKind>,
    pub encoding: Option<Encoding>,
    /// Field separator, to override the guess.
    pub separator: Option<Separator>,
    /// Deck id; by default made from `name`.
    pub deck_id: Option<String>,
    /// The file's name without its extension: the default id and title.
    pub name: String,
    /// `--columns`: names or 1-based numbers, in the order the kind reads them.
    pub columns: Option<String>,
    /// `--no-header`: the first row is material.
    pub no_header: bool,
    /// `--language`: the deck's language instead of the one its script says.
    pub language: Option<String>,
    /// `--title`: instead of the Anki `#deck:` header or the file name.
    pub title: Option<String>,
}

/// An imported deck, with what was read, kept and dropped.
#[derive(Debug, Clone)]
pub struct Imported {
    pub deck: Deck,
    /// Problems at their lines that did not stop the import.
    pub notes: Vec<ImportNote>,
    /// What was read and kept: columns used and ignored, rows → entries,
    /// what was skipped and why, media, language.
    pub summary: Vec<SummaryLine>,
    /// The deck as the file import writes ([`to_ron`]): made once to
    /// measure it against the size limit, not again to write it.
    pub text: String,
}

/// What happened on the way, gathered for the summary.
#[derive(Debug, Default)]
struct Report {
    notes: Vec<ImportNote>,
    summary: Vec<SummaryLine>,
    /// Reason → the lines it applies to, in the order of the English
    /// wording, as the summary has always listed them.
    skipped: BTreeMap<String, (SkipReason, Vec<usize>)>,
    media: usize,
    media_only: Vec<usize>,
    /// Whether the first row was read as a header.
    header: bool,
}

impl Report {
    fn skip(&mut self, reason: SkipReason, line: usize) {
        self.skipped.entry(reason.to_string()).or_insert_with(|| (reason, Vec::new())).1.push(line);
    }

    fn skipped_count(&self) -> usize {
        self.skipped.values().map(|(_, lines)| lines.len()).sum()
    }

    fn skipped_lines(&self) -> Vec<(SkipReason, Vec<usize>)> {
        self.skipped.values().cloned().collect()
    }
}

/// Imports a file's bytes.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let text = decode(bytes, options.encoding)?;
    let headers = anki::Headers::read(&text)?;
    let (body, preamble) = strip_preamble(&text);
    let is_anki = match options.kind {
        Some(kind) => kind == ImportKind::Anki,
        None => headers.found,
    };
    let mut report = Report::default();
    if preamble.comments > 0 && !headers.found {
        report.summary.push(SummaryLine::CommentLines(preamble.comments));
    }
    if preamble.categories > 0 {
        report.summary.push(SummaryLine::CategoryLines(preamble.categories));
    }
    if preamble.metadata > 0 {
        report.summary.push(SummaryLine::MetadataLines(preamble.metadata));
    }
    let separator =
        options.separator.clone().or_else(|| headers.separator.clone()).unwrap_or_else(|| guess_separator(&body.text));
    let all_rows = body.rows(&separator)?;
    let read_rows = all_rows.len();
    let rows: Vec<Row> = all_rows
        .into_iter()
        .filter(|row| {
            if row.is_blank() {
                report.skip(SkipReason::BlankRow, row.line);
            }
            !row.is_blank()
        })
        .collect();
    if rows.is_empty() {
        return Err(ImportError::at(1, ImportProblem::NoRows));
    }
    let html =
        headers.html.unwrap_or_else(|| rows.iter().any(|row| row.cells.iter().any(|cell| html::looks_like_html(cell))));
    let content = if is_anki {
        anki::notes(&rows, &headers, html, options, &mut report)?
    } else {
        let pleco = preamble.categories > 0;
        sheet(&rows, &separator, pleco, html, options, &mut report)?
    };
    let entries = content_size(&content);
    if entries == 0 {
        return Err(ImportError::at(1, ImportProblem::NoQuestions { skipped: report.skipped_lines() }));
    }
    let title = options
        .title
        .clone()
        .or_else(|| headers.deck.clone())
        .or_else(|| preamble.name.clone())
        .filter(|title| !title.trim().is_empty())
        .unwrap_or_else(
            || if options.name.trim().is_empty() { "Imported deck".to_owned() } else { options.name.clone() },
        );
    let id = match &options.deck_id {
        Some(id) => id.clone(),
        None => slug(&options.name),
    };
    if let Some(problem) = deck_id_problem(&id) {
        return Err(ImportError::at(1, ImportProblem::DeckId { id, problem }));
    }
    let language = match &options.language {
        Some(language) => language.clone(),
        None => script::language(&content).to_owned(),
    };
    let deck = Deck {
        id,
        title,
        language,
        description: String::new(),
        source: String::new(),
        kinds: Vec::new(),
        same: Vec::new(),
        content,
    };
    let text = to_ron(&deck);
    let size = text.len();
    if u64::try_from(size).unwrap_or(u64::MAX) > MAX_DECK_BYTES {
        return Err(ImportError::at(
            1,
            ImportProblem::TooBig {
                megabytes: size / 1024 / 1024 + 1,
                limit_megabytes: MAX_DECK_BYTES / 1024 / 1024,
                rows_each: (read_rows * usize::try_from(MAX_DECK_BYTES).unwrap_or(usize::MAX) / size).max(1) * 9 / 10,
            },
        ));
    }
    let summary = summary(&mut report, &deck, read_rows, entries, options.language.is_some());
    Ok(Imported { deck, notes: report.notes, summary, text })
}

/// The summary's lines: how the file was read, then rows → entries, what
/// was skipped and why, media, language.
fn summary(
    report: &mut Report,
    deck: &Deck,
    read_rows: usize,
    entries: usize,
    language_given: bool,
) -> Vec<SummaryLine> {
    let mut summary = std::mem::take(&mut report.summary);
    let kind = match &deck.content {
        Content::Faq(_) => ImportKind::Faq,
        Content::Table(_) => ImportKind::Table,
        Content::Lists(_) => ImportKind::Lists,
    };
    summary.push(SummaryLine::Rows {
        rows: read_rows - usize::from(report.header),
        entries,
        kind,
        header: report.header,
        skipped: report.skipped_count(),
    });
    for (reason, lines) in report.skipped_lines() {
        summary.push(SummaryLine::Skipped { reason, lines });
    }
    if report.media > 0 {
        summary.push(SummaryLine::Media { count: report.media, media_only: report.media_only.clone() });
    }
    summary.push(SummaryLine::Language { language: deck.language.clone(), given: language_given });
    summary
}

fn content_size(content: &Content) -> usize {
    match content {
        Content::Faq(faq) => faq.entries.len(),
        Content::Table(table) => table.aspects.len(),
        Content::Lists(lists) => lists.categories.iter().map(|category| category.items.len()).sum(),
    }
}

/// Writes a deck as RON in the shape authors write by hand.
#[must_use]
pub fn to_ron(deck: &Deck) -> String {
    // ron escapes every character of every string by `char::escape_debug`, a
    // Unicode table lookup per character: most of an import's time. A deck
    // is written unescaped (a text with `"` or `\` as a raw string, a new
    // line as a new line) unless that shows a character one cannot see or
    // that would break a line (a control character other than a new line, a
    // format character such as U+FEFF, a line or paragraph separator, a
    // private-use or unassigned code point): then it is written escaped,
    // every such character as `\u{…}`. Both read back as the same deck.
    let write = |escape: bool| {
        let config = ron::ser::PrettyConfig::default().indentor("    ".to_owned()).escape_strings(escape);
        let mut text = String::with_capacity(ron_capacity(deck));
        text.push_str("Deck");
        match ron::ser::to_writer_pretty(&mut text, deck, config) {
            Ok(()) => {
                text.push('\n');
                text
            }
            // Serialising plain strings and lists cannot fail.
            Err(error) => format!("// could not write the deck: {error}\n"),
        }
    };
    let plain = write(false);
    if all_seen_as_written(&plain) { plain } else { write(true) }
}

/// Room for a deck's RON written unescaped: its texts and, for each text,
/// more than its field's name, indentation, quotes and comma take. Made at
/// once, the text is not copied as it grows (a big deck's RON is megabytes,
/// copied to fresh memory at each doubling); room never written costs
/// nothing but its address space.
fn ron_capacity(deck: &Deck) -> usize {
    const PER_TEXT: usize = 64;
    let texts = |texts: &[&String]| texts.iter().map(|text| text.len() + PER_TEXT).sum::<usize>();
    let pairs = |pairs: &[(String, String)]| pairs.iter().map(|(a, b)| a.len() + b.len() + 2 * PER_TEXT).sum::<usize>();
    let content = match &deck.content {
        Content::Faq(faq) => faq
            .entries
            .iter()
            .map(|entry| {
                texts(&[&entry.id, &entry.question, &entry.answer, &entry.guid])
                    + entry.accepted.iter().map(|text| text.len() + PER_TEXT).sum::<usize>()
            })
            .sum::<usize>(),
        Content::Lists(lists) => lists
            .categories
            .iter()
            .map(|category| {
                texts(&[&category.id, &category.name])
                    + category
                        .items
                        .iter()
                        .map(|item| {
                            texts(&[&item.id, &item.text, &item.detail])
                                + item.also_in.iter().map(|id| id.len() + PER_TEXT).sum::<usize>()
                        })
                        .sum::<usize>()
            })
            .sum(),
        Content::Table(table) => {
            texts(&[&table.aspect_heading])
                + table.subjects.iter().map(|subject| texts(&[&subject.id, &subject.name])).sum::<usize>()
                + table
                    .aspects
                    .iter()
                    .map(|aspect| {
                        texts(&[&aspect.id, &aspect.name])
                            + aspect.cells.iter().map(|(id, cell)| id.len() + cell.len() + PER_TEXT).sum::<usize>()
                    })
                    .sum::<usize>()
                + pairs(&table.includes)
                + pairs(&table.also_holds)
        }
    };
    texts(&[&deck.id, &deck.title, &deck.language, &deck.description, &deck.source])
        + pairs(&deck.same)
        + deck.kinds.len() * PER_TEXT
        + content
}

/// Whether every character of a text is [`seen_as_written`]. Printable
/// ASCII, a new line and the ideographs of U+4000–U+9FFF (`E4` to `E9`
/// leading three bytes in UTF-8, all assigned letters and symbols) are
/// passed by their bytes, 64 at a time without a branch (vectorised), and
/// only a block holding another character is looked at a character at a
/// time: nearly every byte of a deck, and a tenth of an import when each
/// was decoded or branched on.
fn all_seen_as_written(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    for block in bytes.chunks(64) {
        if block.iter().fold(false, |any, byte| any | may_hide(*byte)) {
            let seen = block.iter().enumerate().filter(|(_, byte)| may_hide(**byte)).all(|(offset, _)| {
                text.get(start + offset..).and_then(|rest| rest.chars().next()).is_some_and(seen_as_written)
            });
            if !seen {
                return false;
            }
        }
        start += block.len();
    }
    true
}

/// Whether a byte may start a character not [`seen_as_written`]: an ASCII
/// control but a new line, or a lead byte of UTF-8 but those of U+4000–U+9FFF.
/// Continuation bytes belong to the character their lead byte started.
fn may_hide(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n') || byte == 0x7F || (byte >= 0xC0 && !matches!(byte, 0xE4..=0xE9))
}

/// Whether a character written as itself in a deck file is seen as written
/// (see [`to_ron`]).
fn seen_as_written(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    if c.is_ascii() {
        return c == '\n' || !c.is_ascii_control();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    !matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::PrivateUse
            | GeneralCategory::Surrogate
            | GeneralCategory::Unassigned
    )
}

/// A text cell as plain text, media counted.
fn text_of(cell: &str, html: bool, line: usize, report: &mut Report) -> String {
    let field = if html { html::to_text(cell) } else { html::plain(cell) };
    report.media += field.media;
    if field.media > 0 && field.text.is_empty() {
        report.media_only.push(line);
    }
    field.text
}

/// How a sheet's columns are read.
#[derive(Debug, Default)]
struct Layout {
    /// The columns the kind reads, in its order (question, answer…).
    main: Vec<usize>,
    /// Columns added to the answer in parentheses (readings).
    readings: Vec<usize>,
    accepted: Option<usize>,
    id: Option<usize>,
    guid: Option<usize>,
}

/// A sheet: its header (or none), its kind and its columns, then the content.
fn sheet(
    rows: &[Row],
    separator: &Separator,
    pleco: bool,
    html: bool,
    options: &ImportOptions,
    report: &mut Report,
) -> Result<Content, ImportError> {
    let width = rows.iter().map(filled_width).max().unwrap_or(0);
    let headerless = options.no_header
        || pleco
        || matches!(separator, Separator::Text(_))
        || options.kind == Some(ImportKind::Quizlet);
    let has_header = !headerless
        && (columns::recognised(&rows[0])
            || matches!(options.kind, Some(ImportKind::Table | ImportKind::Lists))
            // Two columns under an unknown first row are far more often a
            // term list than a header nobody named: the row is kept, and said so.
            || (width >= 3 && columns::looks_like_header(&rows[0], &rows[1..])));
    let (header, body) = if has_header { (Some(&rows[0]), &rows[1..]) } else { (None, rows) };
    report.header = has_header;
    if header.is_none() && matches!(options.kind, Some(ImportKind::Table)) {
        return Err(ImportError::at(1, ImportProblem::TableNeedsHeader));
    }
    let names: Vec<ColumnName> = match header {
        Some(row) => row.owned_cells().into_iter().map(ColumnName::Named).collect(),
        None => (1..=width).map(ColumnName::Number).collect(),
    };
    let (kind, layout) = match &options.columns {
        Some(spec) => {
            let main = columns::choose(spec, header, width.max(names.len()))?;
            let kind = match options.kind {
                Some(ImportKind::Table) => ImportKind::Table,
                Some(ImportKind::Lists) => ImportKind::Lists,
                _ => ImportKind::Faq,
            };
            let id = header.and_then(|row| role_column(row, Role::Id)).filter(|column| !main.contains(column));
            let guid = header.and_then(|row| role_column(row, Role::Guid)).filter(|column| !main.contains(column));
            (kind, Layout { main, id, guid, ..Layout::default() })
        }
        None => match header {
            Some(row) => by_header(row, options.kind, width)?,
            None => headerless_word_list(body, width, options.kind)?,
        },
    };
    let minimum = if kind == ImportKind::Table { 3 } else { 2 };
    if layout.main.len() < minimum {
        return Err(ImportError::at(
            1,
            ImportProblem::TooFewColumns { kind, minimum, names: header.map(Row::owned_cells), width },
        ));
    }
    let used: Vec<usize> = layout
        .main
        .iter()
        .chain(&layout.readings)
        .chain(&layout.accepted)
        .chain(&layout.id)
        .chain(&layout.guid)
        .copied()
        .collect();
    let name = |column: usize| names.get(column).cloned().unwrap_or(ColumnName::Number(column + 1));
    let ignored: Vec<ColumnName> = (0..names.len().max(width))
        .filter(|column| !used.contains(column))
        .filter(|column| body.iter().any(|row| !row.cell(*column).trim().is_empty()))
        .map(name)
        .collect();
    report.summary.push(SummaryLine::ReadAs {
        kind,
        header: header.is_some(),
        separator: separator.clone(),
        used: used.iter().copied().map(name).collect(),
        ignored,
    });
    if let Some(header) = header {
        for row in body {
            if filled_width(row) > header.cells.len() {
                return Err(ImportError::at(
                    row.line,
                    ImportProblem::TooManyCells { cells: filled_width(row), header: header.cells.len() },
                ));
            }
        }
    }
    match kind {
        ImportKind::Table => table(header, body, &layout, &names, html, report),
        ImportKind::Lists => Ok(lists(body, &layout, &names, html, report)),
        _ => Ok(faq(body, &layout, &names, html, header.is_none(), report)),
    }
}

/// Cells up to the last that is not empty.
fn filled_width(row: &Row) -> usize {
    row.cells.iter().rposition(|cell| !cell.trim().is_empty()).map_or(0, |last| last + 1)
}

fn role_column(header: &Row, role: Role) -> Option<usize> {
    header.cells.iter().position(|cell| columns::role_of(cell) == Some(role))
}

/// The kind and columns a header names.
fn by_header(header: &Row, kind: Option<ImportKind>, width: usize) -> Result<(ImportKind, Layout), ImportError> {
    let find = |role| role_column(header, role);
    let mut layout = Layout { id: find(Role::Id), guid: find(Role::Guid), ..Layout::default() };
    // Two columns of material, one named question or answer: the other is the other.
    let material: Vec<usize> = (0..header.cells.len().max(width))
        .filter(|column| {
            !matches!(
                header.cells.get(*column).and_then(|cell| columns::role_of(cell)),
                Some(Role::Id | Role::Guid | Role::Tags | Role::Bookkeeping)
            )
        })
        .collect();
    let other = |known: usize| material.iter().copied().find(|column| *column != known).filter(|_| material.len() == 2);
    let faq_columns = match (find(Role::Front), find(Role::Back)) {
        (Some(front), Some(back)) => Some((front, back)),
        (Some(front), None) => other(front).map(|back| (front, back)),
        (None, Some(back)) => other(back).map(|front| (front, back)),
        (None, None) => None,
    };
    let list_columns = find(Role::Category).zip(find(Role::Item));
    let chosen = match kind {
        Some(kind @ (ImportKind::Faq | ImportKind::Quizlet)) => Some(kind),
        Some(ImportKind::Lists) => Some(ImportKind::Lists),
        Some(ImportKind::Table) => Some(ImportKind::Table),
        _ => None,
    };
    match (chosen, faq_columns, list_columns) {
        (None | Some(ImportKind::Faq | ImportKind::Quizlet), Some((front, back)), _) => {
            layout.main = vec![front, back];
            layout.readings = (0..header.cells.len())
                .filter(|column| columns::role_of(&header.cells[*column]) == Some(Role::Reading))
                .collect();
            layout.accepted = find(Role::Accepted);
            Ok((ImportKind::Faq, layout))
        }
        (None | Some(ImportKind::Lists), _, Some((category, item))) => {
            layout.main = vec![category, item];
            layout.main.extend(find(Role::Detail));
            Ok((ImportKind::Lists, layout))
        }
        (Some(kind @ (ImportKind::Faq | ImportKind::Quizlet | ImportKind::Lists)), _, _) => {
            // Named by `--as`: the columns in their order, as before names were read.
            layout.main = (0..header.cells.len())
                .filter(|column| Some(*column) != layout.id && Some(*column) != layout.guid)
                .collect();
            if kind == ImportKind::Lists {
                layout.main.truncate(3);
            } else {
                layout.accepted = layout.main.get(2).copied();
                layout.main.truncate(2);
            }
            Ok((if kind == ImportKind::Lists { kind } else { ImportKind::Faq }, layout))
        }
        _ => {
            let material: Vec<usize> = (0..header.cells.len().max(width))
                .filter(|column| Some(*column) != layout.id && Some(*column) != layout.guid)
                .filter(|column| {
                    !matches!(
                        header.cells.get(*column).and_then(|cell| columns::role_of(cell)),
                        Some(Role::Tags | Role::Bookkeeping)
                    )
                })
                .collect();
            if material.len() >= 3 || kind == Some(ImportKind::Table) {
                layout.main = material;
                return Ok((ImportKind::Table, layout));
            }
            Err(ImportError::at(header.line, ImportProblem::WhichColumns { names: header.owned_cells() }))
        }
    }
}

/// Longest term a headerless word list has in most rows, in characters.
const TERM_CHARS: usize = 100;

/// A file without a header reads as a word list (a term, then its readings
/// or glosses) only where every row starts with a short term and no column
/// repeats one text on every row (a book title, an author: not a gloss).
fn headerless_word_list(
    body: &[Row],
    width: usize,
    kind: Option<ImportKind>,
) -> Result<(ImportKind, Layout), ImportError> {
    if width < 2 {
        return Err(ImportError::at(body.first().map_or(1, |row| row.line), ImportProblem::OneColumn { width }));
    }
    let forced = matches!(kind, Some(ImportKind::Faq | ImportKind::Quizlet));
    if !forced {
        let long_terms = body.iter().filter(|row| row.cell(0).trim().chars().count() > TERM_CHARS).count();
        if long_terms * 10 > body.len() {
            return Err(ImportError::at(1, ImportProblem::LongFirstColumn { width }));
        }
        if body.len() >= 3 {
            for column in 1..width {
                let first = body[0].cell(column).trim();
                if !first.is_empty() && body.iter().all(|row| row.cell(column).trim() == first) {
                    return Err(ImportError::at(
                        1,
                        ImportProblem::SameOnEveryRow { column: column + 1, text: first.to_owned(), width },
                    ));
                }
            }
        }
    }
    Ok((ImportKind::Faq, Layout { main: (0..width).collect(), ..Layout::default() }))
}

/// One question and answer and the line it came from.
struct Entry {
    line: usize,
    question: String,
    answer: String,
    accepted: Vec<String>,
    id: Option<String>,
    guid: Option<String>,
}

fn faq(
    body: &[Row],
    layout: &Layout,
    names: &[ColumnName],
    html: bool,
    word_list: bool,
    report: &mut Report,
) -> Content {
    let mut entries = Vec::new();
    for row in body {
        let question = text_of(row.cell(layout.main[0]), html, row.line, report);
        let mut parts: Vec<String> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for column in &layout.main[1..] {
            let part = text_of(row.cell(*column), html, row.line, report);
            // A word list's traditional form is often the simplified one again.
            if !(part.is_empty() || word_list && part == question) && seen.insert(part.clone()) {
                parts.push(part);
            }
        }
        let mut answer = parts.join(" · ");
        let readings: Vec<String> = layout
            .readings
            .iter()
            .map(|column| text_of(row.cell(*column), html, row.line, report))
            .filter(|reading| !reading.is_empty() && *reading != question)
            .collect();
        if !readings.is_empty() && !answer.is_empty() {
            let _ = write!(answer, " ({})", readings.join(", "));
        }
        if normalizes_to_empty(&question) || normalizes_to_empty(&answer) {
            let what =
                if normalizes_to_empty(&question) { names.get(layout.main[0]) } else { names.get(layout.main[1]) };
            report.skip(SkipReason::EmptyCell(what.cloned()), row.line);
            continue;
        }
        let accepted = layout
            .accepted
            .map(|column| {
                row.cell(column).split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default();
        entries.push(Entry {
            line: row.line,
            question,
            answer,
            accepted,
            id: layout.id.map(|column| row.cell(column).to_owned()),
            guid: layout.guid.map(|column| row.cell(column).to_owned()),
        });
    }
    faq_content(entries, report)
}

/// The FAQ of some entries; repeated questions are noted with both lines.
fn faq_content(entries: Vec<Entry>, report: &mut Report) -> Content {
    let mut ids = IdMaker::default();
    // Only looked up, never walked: hashed.
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let normalized = normalize(&entry.question);
        if let Some(first) = seen.get(&normalized).filter(|first| **first != entry.line) {
            report.notes.push(ImportNote {
                line: entry.line,
                note: Note::RepeatedQuestion { question: short(&entry.question), first: *first },
            });
        } else {
            seen.insert(normalized, entry.line);
        }
        let id = match entry.id.as_deref() {
            Some(given) => id_from_column(&mut ids, given, &entry.question, entry.line, report),
            None => ids.make(entry.guid.as_deref(), &entry.question),
        };
        let guid = entry.guid.unwrap_or_default();
        out.push(FaqEntry { id, question: entry.question, answer: entry.answer, accepted: entry.accepted, guid });
    }
    Content::Faq(Faq { entries: out })
}

/// An id from an `id` column, with a note where it could not be kept as
/// written: nothing is rewritten in silence.
fn id_from_column(ids: &mut IdMaker, given: &str, key: &str, line: usize, report: &mut Report) -> String {
    let id = ids.make(Some(given), key);
    if !given.is_empty() && id != given {
        let taken = ids::is_entry_id(given);
        report
            .notes
            .push(ImportNote { line, note: Note::IdRewritten { given: given.to_owned(), made: id.clone(), taken } });
    }
    id
}

/// A text cut for a message.
fn short(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or_default();
    let mut cut: String = first_line.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

fn table(
    header: Option<&Row>,
    body: &[Row],
    layout: &Layout,
    names: &[ColumnName],
    html: bool,
    report: &mut Report,
) -> Result<Content, ImportError> {
    let header_line = header.map_or(1, |row| row.line);
    let heading_column = layout.main[0];
    let mut ids = IdMaker::default();
    let mut subject_lines: BTreeMap<String, usize> = BTreeMap::new();
    let mut subjects = Vec::new();
    for column in &layout.main[1..] {
        let name = header.map_or("", |row| row.cell(*column)).trim().to_owned();
        if name.is_empty() {
            return Err(ImportError::at(header_line, ImportProblem::EmptySubjectName { column: column + 1 }));
        }
        if let Some(first) = subject_lines.insert(normalize(&name), column + 1) {
            return Err(ImportError::at(
                header_line,
                ImportProblem::DuplicateSubject { name, first, column: column + 1 },
            ));
        }
        subjects.push((Subject { id: ids.make(None, &name), name }, *column));
    }
    let mut aspects = Vec::new();
    let mut aspect_lines: BTreeMap<String, usize> = BTreeMap::new();
    let heading = names.get(heading_column).map(ToString::to_string).unwrap_or_default();
    for row in body {
        let name = text_of(row.cell(heading_column), html, row.line, report);
        if name.is_empty() {
            return Err(ImportError::at(row.line, ImportProblem::EmptyAspect { heading }));
        }
        if let Some(first) = aspect_lines.get(&normalize(&name)) {
            let columns = layout
                .main
                .iter()
                .take(2)
                .map(|column| match names.get(*column) {
                    Some(ColumnName::Named(name)) => name.trim().to_owned(),
                    _ => (column + 1).to_string(),
                })
                .collect();
            return Err(ImportError::at(
                row.line,
                ImportProblem::DuplicateAspect { name, heading, first: *first, columns },
            ));
        }
        aspect_lines.insert(normalize(&name), row.line);
        let mut cells = BTreeMap::new();
        for (subject, column) in &subjects {
            if *column >= row.cells.len() {
                return Err(ImportError::at(
                    row.line,
                    ImportProblem::TooManyCells {
                        cells: row.cells.len(),
                        header: header.map_or(0, |row| row.cells.len()),
                    },
                ));
            }
            let cell = text_of(row.cell(*column), html, row.line, report);
            if cell.is_empty() {
                return Err(ImportError::at(row.line, ImportProblem::EmptyCell { subject: subject.name.clone() }));
            }
            cells.insert(subject.id.clone(), cell);
        }
        let given = layout.id.map(|column| row.cell(column));
        let id = match given {
            Some(given) => id_from_column(&mut ids, given, &name, row.line, report),
            None => ids.make(None, &name),
        };
        aspects.push(Aspect { id, name, cells });
    }
    Ok(Content::Table(Table {
        aspect_heading: heading.trim().to_owned(),
        subjects: subjects.into_iter().map(|(subject, _)| subject).collect(),
        aspects,
        includes: Vec::new(),
        also_holds: Vec::new(),
    }))
}

fn lists(body: &[Row], layout: &Layout, names: &[ColumnName], html: bool, report: &mut Report) -> Content {
    let mut ids = IdMaker::default();
    let mut categories: Vec<Category> = Vec::new();
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    for row in body {
        let category = text_of(row.cell(layout.main[0]), html, row.line, report);
        let text = text_of(row.cell(layout.main[1]), html, row.line, report);
        if category.is_empty() || text.is_empty() {
            let column = if category.is_empty() { layout.main[0] } else { layout.main[1] };
            report.skip(SkipReason::EmptyCell(names.get(column).cloned()), row.line);
            continue;
        }
        let detail =
            layout.main.get(2).map(|column| text_of(row.cell(*column), html, row.line, report)).unwrap_or_default();
        let index = *index_of.entry(normalize(&category)).or_insert_with(|| {
            let id = ids.make(None, &format!("list {category}"));
            categories.push(Category { id, name: category.clone(), items: Vec::new() });
            categories.len() - 1
        });
        let given = layout.id.map(|column| row.cell(column));
        let id = match given {
            Some(given) => id_from_column(&mut ids, given, &text, row.line, report),
            None => ids.make(None, &text),
        };
        categories[index].items.push(Item { id, text, detail, also_in: Vec::new() });
    }
    Content::Lists(Lists { categories })
}

#[cfg(test)]
mod tests;
