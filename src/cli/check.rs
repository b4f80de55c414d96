//! `tabula check`: validate deck files.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::deck_check::{Diagnostic, Severity, check_file};
use crate::core::library::deck_files;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(deck_files(path));
        } else {
            files.push(path.clone());
        }
    }
    let mut errors = 0;
    let mut warnings = 0;
    for file in &files {
        let diagnostics: Vec<Diagnostic> = match check_file(file) {
            Ok(checked) => checked.warnings,
            Err(diagnostics) => diagnostics,
        };
        // Read again only to quote lines; a file that cannot be read has
        // said so in its diagnostic.
        let text = if diagnostics.is_empty() { None } else { std::fs::read_to_string(file).ok() };
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            eprintln!("{diagnostic}");
            if let Some(quote) = text.as_deref().and_then(|text| quote(text, diagnostic.line, diagnostic.column)) {
                eprintln!("{quote}");
            }
        }
    }
    // A reader that stops early (`| head`) misses the summary; nothing to report.
    let _ =
        writeln!(std::io::stdout(), "checked {} deck file(s): {errors} error(s), {warnings} warning(s)", files.len());
    if errors > 0 || files.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The line a diagnostic points at, with a `^` under its column, as
/// compilers show it. Columns count characters; the caret is placed by
/// display width, so that it stands under the right one of wide (Chinese)
/// characters. None for a line that is not in the text.
#[must_use]
pub fn quote(text: &str, line: usize, column: usize) -> Option<String> {
    use unicode_width::UnicodeWidthChar as _;
    let source = text.strip_prefix('\u{feff}').unwrap_or(text).split('\n').nth(line.checked_sub(1)?)?;
    let source = source.strip_suffix('\r').unwrap_or(source);
    // Tabs and control characters would move or garble the caret line.
    let shown: String = source.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let before: usize = shown.chars().take(column.saturating_sub(1)).map(|c| c.width().unwrap_or(0)).sum();
    Some(format!("    {shown}\n    {}^", " ".repeat(before)))
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn the_caret_stands_under_the_column_also_after_chinese() {
        let text = "Deck(\n    title: \"中文\" x,\n)";
        assert_eq!(
            quote(text, 2, 17).as_deref(),
            Some(format!("        title: \"中文\" x,\n{}^", " ".repeat(4 + 18)).as_str())
        );
        assert_eq!(quote(text, 1, 1).as_deref(), Some("    Deck(\n    ^"));
        assert_eq!(quote(text, 9, 1), None);
    }
}
