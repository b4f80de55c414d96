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
        // said so in its diagnostic. Split once: a big deck may have tens of
        // thousands of warnings.
        let text = if diagnostics.is_empty() { None } else { std::fs::read_to_string(file).ok() };
        let lines: Vec<&str> = text.as_deref().map(source_lines).unwrap_or_default();
        let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            let _ = writeln!(stderr, "{diagnostic}");
            let line = diagnostic.line.checked_sub(1).and_then(|index| lines.get(index));
            if let Some(line) = line {
                let _ = writeln!(stderr, "{}", quote(line, diagnostic.column));
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
pub fn quote(source: &str, column: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let source = source.strip_suffix('\r').unwrap_or(source);
    // Tabs and control characters would move or garble the caret line.
    let shown: String = source.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let before: usize = shown.chars().take(column.saturating_sub(1)).map(|c| c.width().unwrap_or(0)).sum();
    format!("    {shown}\n    {}^", " ".repeat(before))
}

/// A deck file's lines, as diagnostics count them (a byte order mark is not
/// part of the first).
fn source_lines(text: &str) -> Vec<&str> {
    text.strip_prefix('\u{feff}').unwrap_or(text).split('\n').collect()
}

#[cfg(test)]
mod tests {
    use super::{quote, source_lines};

    #[test]
    fn the_caret_stands_under_the_column_also_after_chinese() {
        let lines = source_lines("\u{feff}Deck(\n    title: \"中文\" x,\r\n)");
        assert_eq!(lines.len(), 3);
        assert_eq!(quote(lines[1], 17), format!("        title: \"中文\" x,\n{}^", " ".repeat(4 + 18)));
        assert_eq!(quote(lines[0], 1), "    Deck(\n    ^");
    }
}
