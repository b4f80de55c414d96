//! `tabula report`: the class's weak points from learners' saves.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Local;

use super::{CliError, Context};
use crate::core::phrases::is_chinese;
use crate::core::report::{ItemRow, report};
use crate::core::save::{DB_FILE, JOURNAL_FILE, SNAPSHOT_FILE, SaveData, read_save};
use crate::core::study::Catalog;

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
    // Questions are named by their prompt and exams by their decks, which
    // needs the decks; a card whose deck is not here keeps its id.
    let library = context.library(&[]);
    let catalog = Catalog::new(&library, &[]);
    let words = Words::for_report(&catalog, &report.items);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", words.learners, report.learners.len());
    let [learner, cards, reviews, retention, exams] = words.learner_columns;
    let _ = writeln!(out, "{learner:<24} {cards:>8} {reviews:>8} {retention:>10}  {exams}");
    for learner in &report.learners {
        let retention = learner.retention.map_or("—".to_owned(), |share| format!("{:.0}%", share * 100.0));
        let exams: Vec<String> = learner
            .exams
            .iter()
            .map(|exam| {
                let decks: Vec<&str> = exam
                    .by_deck
                    .keys()
                    .map(|id| catalog.decks().iter().find(|deck| &deck.id == id).map_or(id.as_str(), |d| &d.title))
                    .collect();
                let at = exam.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
                format!("{at} {} {}/{}", decks.join(" + "), exam.right, exam.questions)
            })
            .collect();
        let _ = writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>10}  {}",
            learner.name,
            learner.cards_studied,
            learner.reviews,
            retention,
            exams.join("; ")
        );
    }
    let _ = writeln!(out, "\n{} ({})\n", words.questions, report.items.len());
    let [wrong, answered, question] = words.item_columns;
    let _ = writeln!(out, "{wrong:>6} {answered:>9}  {question}");
    for item in &report.items {
        let prompt =
            catalog.question(&item.card, 0).map_or_else(|| item.card.0.clone(), |question| one_line(&question.prompt));
        let _ = writeln!(out, "{:>5.0}% {:>9}  {prompt}", item.share_wrong() * 100.0, item.answered);
        if let Some((answer, count)) = &item.common_wrong {
            let answer: String = one_line(answer).chars().take(60).collect();
            let _ = writeln!(out, "{:>17}  {}{answer} (×{count})", "", words.common_wrong);
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if let Some(path) = csv {
        std::fs::write(path, items_csv(&report.items))
            .map_err(|source| CliError::File { path: path.to_owned(), source })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The report's headings, in the language of the decks its questions come
/// from, as the printed papers are.
struct Words {
    learners: &'static str,
    learner_columns: [&'static str; 5],
    questions: &'static str,
    item_columns: [&'static str; 3],
    common_wrong: &'static str,
}

impl Words {
    fn for_report(catalog: &Catalog, items: &[ItemRow]) -> Words {
        let deck = items.iter().find_map(|item| catalog.deck_of(&item.card)).or_else(|| catalog.decks().first());
        let chinese = deck.is_some_and(|deck| is_chinese(&deck.language));
        if chinese {
            Words {
                learners: "学习者",
                learner_columns: ["学习者", "卡片", "回答", "保持率", "考试"],
                questions: "题目，最难的在前",
                item_columns: ["答错", "回答次数", "题目"],
                common_wrong: "最常见的错误答案：",
            }
        } else {
            Words {
                learners: "Learners",
                learner_columns: ["learner", "cards", "reviews", "retention", "exams"],
                questions: "Questions, hardest first",
                item_columns: ["wrong", "answered", "question"],
                common_wrong: "most common wrong answer: ",
            }
        }
    }
}

/// A text on one line, for a row of the report.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
