//! `tabula exam`: a printable mock exam with its answer key.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{CliError, Context};
use crate::core::exam::{Paper, paper};
use crate::core::phrases::is_chinese;
use crate::core::question::{Question, QuestionKind, option_letter as letter};
use crate::core::study::Catalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
    Html,
}

/// What paper to print and where.
#[derive(Debug)]
pub struct PaperRequest {
    pub count: usize,
    pub seed: u64,
    pub format: Format,
    /// The file to write; standard output without one.
    pub out: Option<PathBuf>,
}

/// The words of a printed paper, in the language of its decks, so that a
/// Chinese paper does not say "Answer key" around Chinese questions.
struct Words {
    lang: &'static str,
    title: &'static str,
    decks: &'static str,
    seed: &'static str,
    questions: &'static str,
    answer: &'static str,
    answer_key: &'static str,
    /// True and false as the paper prints them.
    truth: [&'static str; 2],
    short: fn(usize, usize) -> String,
}

const ENGLISH: Words = Words {
    lang: "en",
    title: "Mock exam",
    decks: "Decks: ",
    seed: "Seed: ",
    questions: " questions",
    answer: "Answer: ",
    answer_key: "Answer key",
    truth: ["true", "false"],
    short: |asked, supplied| format!("{asked} questions were asked for; these decks supply {supplied} distinct ones."),
};

const CHINESE: Words = Words {
    lang: "zh",
    title: "模拟考试",
    decks: "题库：",
    seed: "种子：",
    questions: " 题",
    answer: "答：",
    answer_key: "答案",
    truth: ["对", "错"],
    short: |asked, supplied| format!("要求 {asked} 题；这些题库只能出 {supplied} 道不同的题。"),
};

impl Words {
    /// Chinese when the paper's first deck is in Chinese.
    fn for_catalog(catalog: &Catalog) -> &'static Words {
        let chinese = catalog.decks().first().is_some_and(|deck| is_chinese(&deck.language));
        if chinese { &CHINESE } else { &ENGLISH }
    }

    /// An option as printed: a true/false question's "true" in the paper's words.
    fn option<'a>(&'a self, question: &'a Question, index: usize) -> &'a str {
        let text = question.options.get(index).map_or("", String::as_str);
        if question.kind == QuestionKind::TrueFalse { self.truth.get(index).copied().unwrap_or(text) } else { text }
    }
}

pub fn run(context: &Context, decks: &[String], request: &PaperRequest) -> Result<ExitCode, CliError> {
    let PaperRequest { count, seed, format, out } = request;
    let (count, seed, format) = (*count, *seed, *format);
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
    super::transfer::write_output(out.as_deref(), &format!("{text}\n"))?;
    if let Some(path) = out {
        eprintln!("wrote the paper ({} questions) to {}", paper.questions.len(), path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The paper as Markdown: numbered questions, lettered options, blanks for
/// typed answers, then the answer key.
#[must_use]
pub fn markdown(paper: &Paper, catalog: &Catalog) -> String {
    let words = Words::for_catalog(catalog);
    let mut text = String::new();
    let titles: Vec<&str> = catalog.decks().iter().map(|deck| deck.title.as_str()).collect();
    let _ = writeln!(text, "# {}\n", words.title);
    let _ = writeln!(text, "{}{}  ", words.decks, titles.join(" · "));
    let _ = writeln!(text, "{}{} · {}{}", words.seed, paper.seed, paper.questions.len(), words.questions);
    if paper.is_short() {
        let _ = writeln!(text, "\n> {}", (words.short)(paper.requested, paper.questions.len()));
    }
    for (number, question) in paper.questions.iter().enumerate() {
        let _ = writeln!(text, "\n## {}. {}\n", number + 1, question.prompt.replace('\n', "\n\n"));
        match question.kind {
            QuestionKind::TypedAnswer => {
                let _ = writeln!(text, "{}______________________________", words.answer);
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
                for index in 0..question.options.len() {
                    let _ = writeln!(text, "- {}. {}", letter(index), words.option(question, index));
                }
            }
        }
    }
    let _ = writeln!(text, "\n---\n\n## {}\n", words.answer_key);
    for (number, question) in paper.questions.iter().enumerate() {
        let key = key_text(words, question);
        let _ = writeln!(text, "{}. {key}", number + 1);
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\n', "<br>")
}

/// The answer to a question as the key states it.
fn key_text(words: &Words, question: &Question) -> String {
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
            .map(|index| format!("{} ({})", letter(*index), words.option(question, *index)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The paper as a printable HTML page: questions, then the answer key on a
/// page of its own.
#[must_use]
pub fn html(paper: &Paper, catalog: &Catalog) -> String {
    let words = Words::for_catalog(catalog);
    let mut page = String::new();
    let titles: Vec<&str> = catalog.decks().iter().map(|deck| deck.title.as_str()).collect();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         body {{ font-family: system-ui, \"Noto Sans CJK SC\", sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }}\n\
         .question {{ break-inside: avoid; margin-bottom: 1.5em; }}\n\
         ol.options {{ list-style: upper-alpha; }}\n\
         .blank {{ border-bottom: 1px solid #000; height: 2.5em; }}\n\
         .key {{ break-before: page; page-break-before: always; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{decks}{}<br>{seed}{} · {}{questions}</p>\n",
        escape(&titles.join(" · ")),
        paper.seed,
        paper.questions.len(),
        lang = words.lang,
        title = words.title,
        decks = words.decks,
        seed = words.seed,
        questions = words.questions,
    );
    if paper.is_short() {
        let _ = writeln!(page, "<p><em>{}</em></p>", escape(&(words.short)(paper.requested, paper.questions.len())));
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
                for index in 0..question.options.len() {
                    let _ = writeln!(page, "<li>{}</li>", escape(words.option(question, index)));
                }
                let _ = writeln!(page, "</ol>");
            }
        }
        let _ = writeln!(page, "</div>");
    }
    let _ = writeln!(page, "<section class=\"key\">\n<h2>{}</h2>\n<ol>", words.answer_key);
    for question in &paper.questions {
        let _ = writeln!(page, "<li>{}</li>", escape(&key_text(words, question)));
    }
    let _ = writeln!(page, "</ol>\n</section>\n</body>\n</html>");
    page
}
