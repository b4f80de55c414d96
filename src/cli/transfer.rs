//! `tabula import` and `tabula export`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{CliError, Context};
use crate::core::deck_check::check_text;
use crate::core::export::{to_anki, to_csv};
use crate::core::import::sheet::Encoding;
use crate::core::import::{ImportKind, ImportOptions, import as import_bytes, to_ron};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
}

/// The arguments of `tabula import`.
#[derive(Debug)]
pub struct ImportRequest {
    pub file: PathBuf,
    pub kind: Option<String>,
    pub out: Option<PathBuf>,
    pub encoding: Option<String>,
    pub separator: Option<String>,
    pub id: Option<String>,
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
        Some(name) => Some(
            Encoding::from_name(name).ok_or_else(|| usage(format!("unknown encoding `{name}`; utf-8 or gb18030")))?,
        ),
        None => None,
    };
    let separator = match request.separator.as_deref() {
        None => None,
        Some("\\t" | "tab") => Some(b'\t'),
        Some(text) if text.len() == 1 => text.bytes().next(),
        Some(text) => return Err(usage(format!("the separator must be one character, not `{text}`"))),
    };
    let bytes = std::fs::read(&request.file).map_err(|source| CliError::Read { path: request.file.clone(), source })?;
    let name = request.file.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    let options = ImportOptions { kind, encoding, separator, deck_id: request.id.clone(), name };
    let imported =
        import_bytes(&bytes, &options).map_err(|error| usage(format!("{}: {error}", request.file.display())))?;
    for note in &imported.notes {
        eprintln!("{}: note: {note}", request.file.display());
    }
    let text = to_ron(&imported.deck);
    // The promise of `import` is a deck that `check` passes: hold it to that.
    if let Err(errors) = check_text("imported deck", &text) {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(usage(format!("the imported deck does not check:\n{}", lines.join("\n"))));
    }
    write_output(request.out.as_deref(), &text)?;
    if let Some(out) = &request.out {
        eprintln!("wrote deck `{}` to {}", imported.deck.id, out.display());
    }
    Ok(ExitCode::SUCCESS)
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
fn write_output(out: Option<&Path>, text: &str) -> Result<(), CliError> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|source| CliError::File { path: path.to_owned(), source }),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}
