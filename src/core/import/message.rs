//! What an import tells its user, as typed values: the refusal
//! (`ImportProblem`), the summary's lines (`SummaryLine`), the notes at
//! their lines (`ImportNote`) and why rows were skipped (`SkipReason`).
//! `Display` gives the English the command line prints; the window words
//! each value in its own language from the same data.

use std::fmt::{self, Display, Formatter};

use super::ImportKind;
use super::sheet::Separator;

/// A column as messages name it: by its header, or by its number where the
/// file has no header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnName {
    Named(String),
    /// 1-based.
    Number(usize),
}

impl Display for ColumnName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ColumnName::Named(name) => f.write_str(name),
            ColumnName::Number(number) => write!(f, "column {number}"),
        }
    }
}

/// Why an import was refused; `ImportError` adds the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// The encoding was given as UTF-8 and the bytes are not.
    NotUtf8,
    NotUtf16,
    NotGb18030,
    /// Neither UTF-8 nor GB18030, and no encoding given.
    UnknownEncoding,
    /// An Anki `#separator:` header names no separator.
    UnknownSeparator {
        value: String,
    },
    /// The CSV reader's own words: it stopped on this line.
    Unreadable {
        detail: String,
    },
    NoRows,
    /// Every row was skipped, for these reasons at these lines.
    NoQuestions {
        skipped: Vec<(SkipReason, Vec<usize>)>,
    },
    /// The deck id cannot name a file; `problem` is the deck check's words.
    DeckId {
        id: String,
        problem: String,
    },
    TooBig {
        megabytes: usize,
        limit_megabytes: u64,
        rows_each: usize,
    },
    TableNeedsHeader,
    /// Fewer columns than the kind reads; `names` is the header, if any.
    TooFewColumns {
        kind: ImportKind,
        minimum: usize,
        names: Option<Vec<String>>,
        width: usize,
    },
    /// A header that names neither question and answer nor lists.
    WhichColumns {
        names: Vec<String>,
    },
    /// No header and one column.
    OneColumn {
        width: usize,
    },
    /// No header and a first column of long texts.
    LongFirstColumn {
        width: usize,
    },
    /// No header and a column that repeats one text on every row.
    SameOnEveryRow {
        column: usize,
        text: String,
        width: usize,
    },
    EmptySubjectName {
        column: usize,
    },
    DuplicateSubject {
        name: String,
        first: usize,
        column: usize,
    },
    EmptyAspect {
        heading: String,
    },
    /// A table's row name used twice; `columns` are the first two columns,
    /// as `--columns` would name them to read questions and answers instead.
    DuplicateAspect {
        name: String,
        heading: String,
        first: usize,
        columns: Vec<String>,
    },
    TooManyCells {
        cells: usize,
        header: usize,
    },
    EmptyCell {
        subject: String,
    },
    /// Every column of an Anki export is a guid, tags, deck or note type.
    NoFields,
    /// `--columns` names a column the file does not have.
    NoSuchColumn {
        part: String,
        header: Option<Vec<String>>,
        width: usize,
    },
    NoColumnsNamed,
}

/// What `--columns` or a header row would fix: said after refusals of a
/// headerless file.
fn choices(width: usize) -> String {
    format!(
        "say which columns hold the question and the answer, e.g. --no-header --columns 1,2 (columns 1 to {width}), \
         or add a header row such as `question,answer`"
    )
}

impl Display for ImportProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ImportProblem::NotUtf8 => {
                f.write_str("the file is not valid UTF-8 (try --encoding gb18030 or --encoding utf-16)")
            }
            ImportProblem::NotUtf16 => f.write_str("the file is not valid UTF-16"),
            ImportProblem::NotGb18030 => f.write_str("the file is not valid GB18030"),
            ImportProblem::UnknownEncoding => {
                f.write_str("the file is neither UTF-8 nor GB18030; name its encoding with --encoding")
            }
            ImportProblem::UnknownSeparator { value } => {
                write!(f, "unknown separator `{value}` (set it with --separator)")
            }
            ImportProblem::Unreadable { detail } => f.write_str(detail),
            ImportProblem::NoRows => f.write_str("the file holds no rows"),
            ImportProblem::NoQuestions { skipped } => {
                f.write_str("no questions: every row was skipped")?;
                for (reason, lines) in skipped {
                    write!(f, "; {} {reason} ({})", lines.len(), LineList(lines))?;
                }
                Ok(())
            }
            ImportProblem::DeckId { id, problem } => {
                write!(f, "the deck id `{}` {problem}; choose another with --id", id.escape_debug())
            }
            ImportProblem::TooBig { megabytes, limit_megabytes, rows_each } => write!(
                f,
                "the deck would be {megabytes} MB, over the {limit_megabytes} MB a deck may have; \
                 split the file into smaller ones ({rows_each} rows each would do)"
            ),
            ImportProblem::TableNeedsHeader => {
                f.write_str("a table needs a header row: the aspect heading, then the subjects")
            }
            ImportProblem::TooFewColumns { kind, minimum, names, width } => {
                write!(f, "{} needs at least {minimum} columns; the file has ", kind_name(*kind))?;
                match names {
                    Some(names) => f.write_str(&quoted_list(names)),
                    None => write!(f, "{width}"),
                }
            }
            ImportProblem::WhichColumns { names } => write!(
                f,
                "the header names {}: which is the question and which the answer? Say so with --columns {} \
                 (question, answer), or read it as lists with --as lists",
                quoted_list(names),
                names.iter().map(|cell| cell.trim().to_owned()).take(2).collect::<Vec<_>>().join(",")
            ),
            ImportProblem::OneColumn { width } => write!(f, "only one column: no answers. {}", choices(*width)),
            ImportProblem::LongFirstColumn { width } => write!(
                f,
                "the file has no header row and its first column holds long texts, not terms; {}",
                choices(*width)
            ),
            ImportProblem::SameOnEveryRow { column, text, width } => write!(
                f,
                "the file has no header row, and column {column} holds `{text}` on every row, so it is not a word list; {}",
                choices(*width)
            ),
            ImportProblem::EmptySubjectName { column } => write!(f, "empty subject name in column {column}"),
            ImportProblem::DuplicateSubject { name, first, column } => {
                write!(f, "subject `{name}` is in columns {first} and {column}")
            }
            ImportProblem::EmptyAspect { heading } => {
                write!(f, "empty `{heading}`: each row of a table names its aspect")
            }
            ImportProblem::DuplicateAspect { name, heading, first, columns } => write!(
                f,
                "`{name}` in column `{heading}` is already on line {first}: a table has one row per name; \
                 to import questions and answers instead, choose the columns, e.g. --columns {}",
                columns.join(",")
            ),
            ImportProblem::TooManyCells { cells, header } => write!(f, "{cells} cells where the header has {header}"),
            ImportProblem::EmptyCell { subject } => {
                write!(f, "empty cell in column `{subject}` (a table needs every cell)")
            }
            ImportProblem::NoFields => f.write_str(
                "a note needs a front and a back field, and every column is a guid, tags, deck or note type column",
            ),
            ImportProblem::NoSuchColumn { part, header, width } => {
                write!(f, "--columns: no column `{part}`; ")?;
                match header {
                    None => write!(f, "the file has no header; name columns by number, 1 to {width}"),
                    Some(names) => write!(f, "the columns are {}, or 1 to {width}", quoted_list(names)),
                }
            }
            ImportProblem::NoColumnsNamed => f.write_str("--columns names no column"),
        }
    }
}

/// Why rows were left out of the deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    BlankRow,
    /// The question, answer, category or item is empty; `None` where the
    /// column has no name (beyond the header).
    EmptyCell(Option<ColumnName>),
    ClozeWithoutDeletion,
    /// Front or back empty once markup is removed.
    EmptyNote,
}

impl Display for SkipReason {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::BlankRow => f.write_str("rows with every cell empty"),
            SkipReason::EmptyCell(Some(column)) => write!(f, "rows with an empty {column}"),
            SkipReason::EmptyCell(None) => f.write_str("rows with an empty cell"),
            SkipReason::ClozeWithoutDeletion => f.write_str("cloze notes without a deletion"),
            SkipReason::EmptyNote => f.write_str("empty notes (front or back empty once markup is removed)"),
        }
    }
}

/// A column of an Anki export that holds no field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialColumn {
    NoteType,
    Deck,
    Tags,
    Guid,
}

impl Display for SpecialColumn {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecialColumn::NoteType => "note type",
            SpecialColumn::Deck => "deck",
            SpecialColumn::Tags => "tags",
            SpecialColumn::Guid => "guid",
        })
    }
}

/// One line of an import's summary: how the file was read and what was
/// kept and dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryLine {
    /// `#` comment lines above the rows.
    CommentLines(usize),
    /// Pleco `//` category lines.
    CategoryLines(usize),
    /// Flashcards Deluxe `*` metadata lines.
    MetadataLines(usize),
    /// A sheet: its kind, header, separator and columns.
    ReadAs {
        kind: ImportKind,
        header: bool,
        separator: Separator,
        used: Vec<ColumnName>,
        ignored: Vec<ColumnName>,
    },
    /// An Anki export: the fields read, and the columns that hold no field.
    AnkiFields {
        question: usize,
        answer: usize,
        special: Vec<(usize, SpecialColumn)>,
    },
    GuidsKept,
    /// An Anki field beyond the two read that held text.
    AnkiColumnIgnored {
        column: usize,
        lines: Vec<usize>,
    },
    ClozeNotes(usize),
    /// Rows read → entries kept (`kind` names them), and how many skipped.
    Rows {
        rows: usize,
        entries: usize,
        kind: ImportKind,
        header: bool,
        skipped: usize,
    },
    Skipped {
        reason: SkipReason,
        lines: Vec<usize>,
    },
    /// Images and sounds left out, and the lines whose fields held only media.
    Media {
        count: usize,
        media_only: Vec<usize>,
    },
    /// The deck's language, given or guessed from the script.
    Language {
        language: String,
        given: bool,
    },
}

impl Display for SummaryLine {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SummaryLine::CommentLines(count) => write!(f, "{count} `#` comment lines at the top skipped"),
            SummaryLine::CategoryLines(count) => write!(f, "{count} `//` category lines (Pleco) skipped"),
            SummaryLine::MetadataLines(count) => {
                write!(f, "{count} `*` metadata lines (Flashcards Deluxe) skipped")
            }
            SummaryLine::ReadAs { kind, header, separator, used, ignored } => {
                write!(
                    f,
                    "read as {}{} with separator {}: columns used {}",
                    kind_name(*kind),
                    if *header { "" } else { " without a header row" },
                    separator.describe(),
                    quoted_columns(used)
                )?;
                if ignored.is_empty() {
                    f.write_str(", none ignored")
                } else {
                    write!(f, "; ignored {} (choose with --columns)", quoted_columns(ignored))
                }
            }
            SummaryLine::AnkiFields { question, answer, special } => {
                write!(f, "read as an Anki export: field {question} as the question, field {answer} as the answer")?;
                if !special.is_empty() {
                    let names: Vec<String> =
                        special.iter().map(|(column, what)| format!("{what} (column {column})")).collect();
                    write!(f, "; {} read as such", names.join(", "))?;
                }
                Ok(())
            }
            SummaryLine::GuidsKept => f.write_str("guids kept as entry ids (mapped where they hold `/` or spaces)"),
            SummaryLine::AnkiColumnIgnored { column, lines } => write!(
                f,
                "column {column} ignored: it held text on {} notes ({}); choose columns with --columns",
                lines.len(),
                LineList(lines)
            ),
            SummaryLine::ClozeNotes(count) => write!(
                f,
                "{count} cloze notes: one question per deletion, the sentence with […] and the deletion as the answer"
            ),
            SummaryLine::Rows { rows, entries, kind, header, skipped } => {
                let kept = match kind {
                    ImportKind::Table => "table rows",
                    ImportKind::Lists => "list items",
                    _ => "questions and answers",
                };
                write!(f, "{rows} {} read → {entries} {kept}", if *rows == 1 { "row" } else { "rows" })?;
                if *header {
                    f.write_str(" (the header row apart)")?;
                }
                if *skipped > 0 {
                    write!(f, "; {skipped} skipped")?;
                }
                Ok(())
            }
            SummaryLine::Skipped { reason, lines } => {
                write!(f, "skipped {}: {reason} ({})", lines.len(), LineList(lines))
            }
            SummaryLine::Media { count, media_only } => {
                write!(f, "{count} media references (images, sounds) not imported: a deck holds text only")?;
                if !media_only.is_empty() {
                    write!(f, "; fields that held only media are empty ({})", LineList(media_only))?;
                }
                Ok(())
            }
            SummaryLine::Language { language, given } => write!(
                f,
                "language `{language}`{}",
                if *given { "" } else { " from the script of the questions (set it with --language)" }
            ),
        }
    }
}

/// A problem at a line that did not stop the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    pub line: usize,
    pub note: Note,
}

/// What an `ImportNote` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The question (cut short) was first asked on line `first`.
    RepeatedQuestion { question: String, first: usize },
    /// An id from the file was changed to `made`: another row has it
    /// (`taken`), or it cannot be an id.
    IdRewritten { given: String, made: String, taken: bool },
}

impl Display for Note {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Note::RepeatedQuestion { question, first } => {
                write!(f, "the question `{question}` is also on line {first}")
            }
            Note::IdRewritten { given, made, taken } => {
                let why = if *taken {
                    "another row has it"
                } else {
                    "an id holds no `/`, white space or control character and at most 64 characters"
                };
                write!(f, "id `{}` made `{made}`: {why}", given.escape_debug())
            }
        }
    }
}

impl Display for ImportNote {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.note)
    }
}

/// How many lines a message names before it only counts the rest.
pub const LINES_SHOWN: usize = 8;

/// Lines named in a message, the first few of many.
pub struct LineList<'a>(pub &'a [usize]);

impl Display for LineList<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let lines = self.0;
        let shown: Vec<String> = lines.iter().take(LINES_SHOWN).map(ToString::to_string).collect();
        write!(f, "{} {}", if lines.len() == 1 { "line" } else { "lines" }, shown.join(", "))?;
        if lines.len() > LINES_SHOWN {
            write!(f, ", … ({} in all)", lines.len())?;
        }
        Ok(())
    }
}

fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Table => "a comparison table",
        ImportKind::Lists => "grouped lists",
        _ => "questions and answers",
    }
}

/// `a`, `b` and `c`, for messages.
#[must_use]
pub fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{}`", name.trim())).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn quoted_columns(columns: &[ColumnName]) -> String {
    quoted_list(&columns.iter().map(ToString::to_string).collect::<Vec<_>>())
}
