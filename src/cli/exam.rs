//! `tabula exam`: a printable mock exam with its answer key.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{CliError, Context};
use crate::core::exam::{Paper, paper};
use crate::core::question::{QuestionKind, option_letter as letter};
use crate::core::study::Catalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
    Html,
}

pub fn run(context: &Context, decks: &[String], count: usize, seed: u64, format: Format) -> Result<ExitCode, CliError> {
    if count == 0 {
        return Err(CliError::Usage("--count must be at least 1".into()));
    }
    let (library, ids) = context.select_decks(decks)?;
    let catalog = Catalog::new(&library, &ids);
    let paper = paper(&catalog, count, seed);
    if paper.is_short() {
        eprintln!(
            "note: the decks supply {} distinct auto-graded questions, fewer than the {count} asked for",
            paper.questions.len()
        );
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&paper).map_err(|error| CliError::Usage(error.to_string()))?,
        Format::Md => markdown(&paper, &catalog),
        Format::Html => html(&paper, &catalog),
    };
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// The paper as Markdown: numbered questions, lettered options, blanks for
/// typed answers, then the answer key.
#[must_use]
pub fn markdown(paper: &Paper, catalog: &Catalog) -> String {
    let mut text = String::new();
    let titles: Vec<&str> = catalog.decks().iter().map(|deck| deck.title.as_str()).collect();
    let _ = writeln!(text, "# Mock exam\n");
    let _ = writeln!(text, "Decks: {}  ", titles.join(" · "));
    let _ = writeln!(text, "Seed: {} · {} questions", paper.seed, paper.questions.len());
    if paper.is_short() {
        let _ = writeln!(
            text,
            "\n> Note: {} questions were asked for; these decks supply {} distinct ones.",
            paper.requested,
            paper.questions.len()
        );
    }
    for (number, question) in paper.questions.iter().enumerate() {
        let _ = writeln!(text, "\n## {}. {}\n", number + 1, question.prompt.replace('\n', "\n\n"));
        match question.kind {
            QuestionKind::TypedAnswer => {
                let _ = writeln!(text, "Answer: ______________________________");
            }
            QuestionKind::Matching => {
                for (index, left) in question.lefts.iter().enumerate() {
                    let _ = writeln!(text, "{}. {left} → ____", index + 1);
                }
                let _ = writeln!(text);
                for (index, option) in question.options.iter().enumerate() {
                    let _ = writeln!(text, "- {}. {option}", letter(index));
                }
            }
            _ => {
                for (index, option) in question.options.iter().enumerate() {
                    let _ = writeln!(text, "- {}. {option}", letter(index));
                }
            }
        }
    }
    let _ = writeln!(text, "\n---\n\n## Answer key\n");
    for (number, question) in paper.questions.iter().enumerate() {
        let key = key_text(question);
        let _ = writeln!(text, "{}. {key}", number + 1);
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\n', "<br>")
}

/// The answer to a question as the key states it.
fn key_text(question: &crate::core::question::Question) -> String {
    match question.kind {
        QuestionKind::TypedAnswer => question.accepted.join(" / "),
        QuestionKind::Matching => question
            .correct
            .iter()
            .enumerate()
            .map(|(left, option)| format!("{}→{}", left + 1, letter(*option)))
            .collect::<Vec<_>>()
            .join(", "),
        _ => question
            .correct
            .iter()
            .map(|index| format!("{} ({})", letter(*index), question.options[*index]))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The paper as a printable HTML page: questions, then the answer key on a
/// page of its own.
#[must_use]
pub fn html(paper: &Paper, catalog: &Catalog) -> String {
    let mut page = String::new();
    let titles: Vec<&str> = catalog.decks().iter().map(|deck| deck.title.as_str()).collect();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>Mock exam</title>\n<style>\n\
         body {{ font-family: system-ui, \"Noto Sans CJK SC\", sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }}\n\
         .question {{ break-inside: avoid; margin-bottom: 1.5em; }}\n\
         ol.options {{ list-style: upper-alpha; }}\n\
         .blank {{ border-bottom: 1px solid #000; height: 2.5em; }}\n\
         .key {{ break-before: page; page-break-before: always; }}\n\
         </style>\n</head>\n<body>\n<h1>Mock exam</h1>\n<p>Decks: {}<br>Seed: {} · {} questions</p>\n",
        escape(&titles.join(" · ")),
        paper.seed,
        paper.questions.len()
    );
    if paper.is_short() {
        let _ = writeln!(
            page,
            "<p><em>{} questions were asked for; these decks supply {} distinct ones.</em></p>",
            paper.requested,
            paper.questions.len()
        );
    }
    for (number, question) in paper.questions.iter().enumerate() {
        let _ = writeln!(
            page,
            "<div class=\"question\">\n<p><strong>{}.</strong> {}</p>",
            number + 1,
            escape(&question.prompt)
        );
        match question.kind {
            QuestionKind::TypedAnswer => {
                let _ = writeln!(page, "<div class=\"blank\"></div>");
            }
            QuestionKind::Matching => {
                let _ = writeln!(page, "<ol>");
                for left in &question.lefts {
                    let _ = writeln!(page, "<li>{} → ____</li>", escape(left));
                }
                let _ = writeln!(page, "</ol>");
                let _ = writeln!(page, "<ol class=\"options\">");
                for option in &question.options {
                    let _ = writeln!(page, "<li>{}</li>", escape(option));
                }
                let _ = writeln!(page, "</ol>");
            }
            _ => {
                let _ = writeln!(page, "<ol class=\"options\">");
                for option in &question.options {
                    let _ = writeln!(page, "<li>{}</li>", escape(option));
                }
                let _ = writeln!(page, "</ol>");
            }
        }
        let _ = writeln!(page, "</div>");
    }
    let _ = writeln!(page, "<section class=\"key\">\n<h2>Answer key</h2>\n<ol>");
    for question in &paper.questions {
        let _ = writeln!(page, "<li>{}</li>", escape(&key_text(question)));
    }
    let _ = writeln!(page, "</ol>\n</section>\n</body>\n</html>");
    page
}
