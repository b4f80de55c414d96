//! `tabula import` and `tabula export`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{CliError, Context};
use crate::core::deck_check::{Severity, check_structure, long_line, validate};
use crate::core::export::{to_anki, to_csv};
use crate::core::import::sheet::{Encoding, Separator};
use crate::core::import::{ImportKind, ImportOptions, import as import_bytes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
}

/// The arguments of `tabula import`.
#[derive(Debug, clap::Args)]
pub struct ImportRequest {
    pub file: PathBuf,
    /// What the file holds: table, faq, lists, anki or quizlet
    /// (recognised where the file says, asked for where it cannot).
    #[arg(long = "as", value_name = "KIND")]
    pub kind: Option<String>,
    #[arg(long, value_name = "DECK.ron")]
    pub out: Option<PathBuf>,
    /// utf-8, utf-16 (utf-16le, utf-16be) or gb18030; by default the
    /// byte-order mark says, else UTF-8, else GB18030.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Field separator: one character (`\t` or `tab` for a tab) or several
    /// (`/////`); by default guessed over the first lines.
    #[arg(long)]
    pub separator: Option<String>,
    /// Deck id (by default made from the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// The columns to read, by header name or number (1 = first), in the
    /// kind's order: question then answer (more are added to the answer);
    /// category, item, detail; a table's aspect column then its subjects.
    #[arg(long, value_name = "A,B,…")]
    pub columns: Option<String>,
    /// The first row is material, not a header.
    #[arg(long)]
    pub no_header: bool,
    /// The deck's language (`de`, `ja`…) instead of the one its script says.
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,
    /// The deck's title instead of the Anki `#deck:` header or the file name.
    #[arg(long)]
    pub title: Option<String>,
}

pub fn import(request: &ImportRequest) -> Result<ExitCode, CliError> {
    let usage = |message: String| CliError::Usage(message);
    let kind = match &request.kind {
        Some(name) => Some(
            ImportKind::from_name(name)
                .ok_or_else(|| usage(format!("unknown kind `{name}`; one of table, faq, lists, anki, quizlet")))?,
        ),
        None => None,
    };
    let encoding = match &request.encoding {
        Some(name) => Some(Encoding::from_name(name).ok_or_else(|| {
            usage(format!("unknown encoding `{name}`; one of utf-8, utf-16, utf-16le, utf-16be, gb18030"))
        })?),
        None => None,
    };
    let separator = match request.separator.as_deref() {
        None => None,
        Some(text) => Some(Separator::from_name(text).ok_or_else(|| usage("the separator is empty".into()))?),
    };
    let bytes = std::fs::read(&request.file).map_err(|source| CliError::Read { path: request.file.clone(), source })?;
    let name = request.file.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    let options = ImportOptions {
        kind,
        encoding,
        separator,
        deck_id: request.id.clone(),
        name,
        columns: request.columns.clone(),
        no_header: request.no_header,
        language: request.language.clone(),
        title: request.title.clone(),
    };
    let file = request.file.display();
    let imported = match import_bytes(&bytes, &options) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("{file}:{}: {}", error.line, escape_controls(&error.problem.to_string()));
            return Ok(ExitCode::FAILURE);
        }
    };
    for line in &imported.summary {
        eprintln!("{file}: {}", escape_controls(&line.to_string()));
    }
    for note in &imported.notes {
        eprintln!("{file}:{}: note: {}", note.line, escape_controls(&note.note.to_string()));
    }
    let text = imported.text;
    // The promise of `import` is a deck that `check` passes: hold it to that,
    // by check's own rules on the deck in memory, which its text reads back
    // as (a test holds `to_ron` to that); only a deck that fails is read
    // back, to place each error at its line. Questions a deck cannot make
    // are only warnings, so their deciding is left to `check`.
    let fails =
        long_line(&text).is_some() || validate(&imported.deck).iter().any(|issue| issue.severity == Severity::Error);
    if fails && let Err(errors) = check_structure("imported deck", &text) {
        let lines: Vec<String> = errors.iter().map(|error| escape_controls(&error.to_string())).collect();
        return Err(usage(format!("{file}:1: the imported deck does not check:\n{}", lines.join("\n"))));
    }
    write_output(request.out.as_deref(), &text)?;
    if let Some(out) = &request.out {
        eprintln!("wrote deck `{}` to {}", imported.deck.id, out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Text from a file, safe for a terminal: control characters shown as `\u{1b}`.
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

pub fn export(context: &Context, deck: &str, format: ExportFormat, out: Option<&Path>) -> Result<ExitCode, CliError> {
    let (library, ids) = context.select_decks(&[deck.to_owned()])?;
    let Some(loaded) = ids.first().and_then(|id| library.find(id)) else {
        return Err(CliError::Usage(format!("no deck `{deck}`")));
    };
    let text = match format {
        ExportFormat::Anki => to_anki(&loaded.deck),
        ExportFormat::Csv => to_csv(&loaded.deck),
    };
    write_output(out, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to a file, or to standard output without one.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), CliError> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|source| CliError::File { path: path.to_owned(), source }),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}
