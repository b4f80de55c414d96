//! `tabula report`: the class's weak points from learners' saves.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, Context};
use crate::core::report::{ItemRow, report};
use crate::core::save::{DB_FILE, JOURNAL_FILE, SNAPSHOT_FILE, SaveData, read_save};

pub fn run(context: &Context, paths: &[PathBuf], csv: Option<&Path>) -> Result<ExitCode, CliError> {
    let now = context.clock.now();
    let mut saves: Vec<(String, SaveData)> = Vec::new();
    for candidate in paths.iter().flat_map(|path| candidates(path)) {
        match read_save(&candidate, now) {
            Ok(data) => saves.push((display_name(&candidate), data)),
            Err(error) => eprintln!("skipped {}: {error}", candidate.display()),
        }
    }
    if saves.is_empty() {
        return Err(CliError::Usage("no readable save among the paths given".into()));
    }
    let report = report(&saves);
    let mut out = String::new();
    let _ = writeln!(out, "Learners ({})\n", report.learners.len());
    let _ = writeln!(out, "{:<24} {:>8} {:>8} {:>10}  exams", "learner", "cards", "reviews", "retention");
    for learner in &report.learners {
        let retention = learner.retention.map_or("—".to_owned(), |share| format!("{:.0}%", share * 100.0));
        let exams: Vec<String> =
            learner.exams.iter().map(|exam| format!("{} {}/{}", exam.id, exam.right, exam.questions)).collect();
        let _ = writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>10}  {}",
            learner.name,
            learner.cards_studied,
            learner.reviews,
            retention,
            exams.join(", ")
        );
    }
    let _ = writeln!(out, "\nQuestions, hardest first ({})\n", report.items.len());
    let _ = writeln!(out, "{:>6} {:>9}  {:<56} most common wrong answer", "wrong", "answered", "question");
    for item in &report.items {
        let common = item.common_wrong.as_ref().map_or(String::new(), |(answer, count)| {
            format!("{} (×{count})", answer.chars().take(40).collect::<String>())
        });
        let _ =
            writeln!(out, "{:>5.0}% {:>9}  {:<56} {common}", item.share_wrong() * 100.0, item.answered, item.card.0);
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if let Some(path) = csv {
        std::fs::write(path, items_csv(&report.items))
            .map_err(|source| CliError::File { path: path.to_owned(), source })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The saves under a path: a save folder, a backup file, or a folder
/// searched for both.
fn candidates(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir()
        || path.join(DB_FILE).exists()
        || path.join(SNAPSHOT_FILE).exists()
        || path.join(JOURNAL_FILE).exists()
    {
        return vec![path.to_owned()];
    }
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            found.extend(candidates(&entry));
        } else if entry.extension().is_some_and(|ext| ext == "ron" || ext == "sqlite3") {
            found.push(entry);
        }
    }
    found
}

fn display_name(path: &Path) -> String {
    let name = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    if name == "save" || name == "tabula" {
        path.parent().and_then(Path::file_name).map_or(name, |parent| parent.to_string_lossy().into_owned())
    } else {
        name
    }
}

fn items_csv(items: &[ItemRow]) -> String {
    let cell = crate::core::export::csv_cell;
    let mut text = String::from("card,answered,wrong,share_wrong,common_wrong_answer,common_wrong_count\r\n");
    for item in items {
        let (answer, count) = item.common_wrong.clone().unwrap_or_default();
        let _ = write!(
            text,
            "{},{},{},{:.3},{},{}\r\n",
            cell(&item.card.0),
            item.answered,
            item.wrong,
            item.share_wrong(),
            cell(&answer),
            count
        );
    }
    text
}
