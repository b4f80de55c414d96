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
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            eprintln!("{diagnostic}");
        }
    }
    // A reader that stops early (`| head`) misses the summary; nothing to report.
    let _ =
        writeln!(std::io::stdout(), "checked {} deck file(s): {errors} error(s), {warnings} warning(s)", files.len());
    if errors > 0 || files.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
