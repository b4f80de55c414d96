//! The `tabula` command line: thin subcommands over the core.

mod check;
mod exam;
mod optimize;
mod plan;
mod questions;
mod report;
mod stats;
mod study;
mod transfer;

use std::io::{self, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use thiserror::Error;

use crate::core::calendar::Calendar;
use crate::core::library::{Library, deck_folder};
use crate::core::save::SaveError;
use crate::host::{Clock, default_data_dir};

/// Tabula: learn comparison tables, FAQs and lists by generated questions,
/// scheduled with FSRS.
#[derive(Debug, Parser)]
#[command(name = "tabula", version, about)]
pub struct Cli {
    /// Start the clock at this instant (RFC 3339) instead of the system time;
    /// it runs on from there.
    #[arg(long, global = true, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<DateTime<Utc>>,
    /// Folder holding the save and the user's decks (default: the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// With no command, the window opens; this adds a deck file or folder to
    /// it, beside the built-in decks and the user's deck folder (repeatable).
    #[arg(long = "deck", value_name = "PATH")]
    pub decks: Vec<PathBuf>,
    /// Open the window straight into Study, print `startup_ms=N` (from the
    /// start of the process to the first frame showing a question) and
    /// `peak_rss_mb=N`, and exit.
    #[arg(long, conflicts_with = "idle_probe")]
    pub startup_probe: bool,
    /// Open the window, leave it alone for this many seconds after it has
    /// settled, print `idle_frames=N` (frames drawn meanwhile) and exit.
    #[arg(long, value_name = "SECONDS")]
    pub idle_probe: Option<f64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate deck files, or folders searched for `*.ron`.
    Check {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print every question a deck generates, one JSON object per line.
    Questions {
        /// A deck file or the id of a deck.
        deck: String,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Only questions of this kind (e.g. `cell_choice`).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Study in the terminal.
    Study {
        /// Deck ids or deck files (default: every deck).
        decks: Vec<String>,
        /// Study with text on standard input and output.
        #[arg(long, required = true)]
        text: bool,
        /// Cycle through all questions regardless of the schedule; answers
        /// are recorded as practice and leave the schedule alone.
        #[arg(long)]
        practice: bool,
    },
    /// Show what is due, new and learned, and retention.
    Stats {
        #[arg(long)]
        json: bool,
        /// Days of history to show: 30, 90 or 365.
        #[arg(long, default_value_t = 30, value_parser = parse_days)]
        days: usize,
    },
    /// Print a mock exam with its answer key, or take it in the terminal
    /// with `--text`.
    Exam {
        /// Deck ids or deck files.
        #[arg(required = true)]
        decks: Vec<String>,
        /// Questions on the paper.
        #[arg(long, default_value_t = 20)]
        count: usize,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = exam::Format::Md)]
        format: exam::Format,
        /// Take the exam with text on standard input and output; the end of
        /// input hands it in.
        #[arg(long, conflicts_with = "format")]
        text: bool,
        /// With `--text`: a time limit in minutes; the paper is handed in
        /// at the first answer given after it.
        #[arg(long, requires = "text")]
        minutes: Option<u32>,
        /// Write the paper to this file instead of standard output.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        out: Option<PathBuf>,
    },
    /// Make a deck from a spreadsheet (CSV/TSV), an Anki text export, a
    /// Quizlet, Pleco or flashcard-app export; the RON goes to --out or
    /// standard output, a summary of what was kept to standard error.
    Import(transfer::ImportRequest),
    /// Write a deck as an Anki import file or as the CSV `import` reads.
    Export {
        /// A deck file or the id of a deck.
        deck: String,
        #[arg(long, value_enum)]
        format: transfer::ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The class's results from learners' saves (save folders, backup files,
    /// or folders searched for them): per learner, and per question hardest
    /// first. Unreadable files are listed and skipped.
    Report {
        #[arg(required = true, value_name = "SAVE_OR_DIR")]
        paths: Vec<PathBuf>,
        /// Also write the per-question table as CSV.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Fit FSRS-6 parameters to the review history and compare them with the
    /// defaults (5-split time-series evaluation); keeps them only if better.
    Optimize {
        /// Only evaluate a review log in py-fsrs's CSV layout; no save changes.
        #[arg(long, value_name = "FILE.csv")]
        revlog: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Go back to the default parameters.
        #[arg(long, conflicts_with = "revlog")]
        reset: bool,
    },
    /// Plan an exam to revise for (new cards paced to be met before it,
    /// reviews chosen for recall on the day), or list the exams planned
    /// with what you are expected to recall on each.
    Plan {
        /// When the exam is (RFC 3339).
        #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
        exam: Option<DateTime<Utc>>,
        /// Deck ids it covers (default: every deck).
        decks: Vec<String>,
        /// Minutes of study a day you mean to give it.
        #[arg(long, value_name = "M", requires = "exam")]
        minutes_a_day: Option<u32>,
        /// Call off the exam planned at --exam.
        #[arg(long, requires = "exam")]
        cancel: bool,
    },
    /// Show the learner's settings, or change them.
    Settings {
        /// Desired retention, 0.70–0.97 (default 0.90).
        #[arg(long)]
        retention: Option<f32>,
        /// New cards introduced a day (default 20).
        #[arg(long)]
        new_per_day: Option<u32>,
        /// The learner's display name, shown in class reports.
        #[arg(long)]
        name: Option<String>,
    },
    /// Suspend cards that make poor questions (they are not shown again
    /// until unsuspended), or unsuspend them with `--undo`.
    Suspend {
        /// Card ids, as `tabula questions` prints them.
        #[arg(required = true)]
        cards: Vec<String>,
        #[arg(long)]
        undo: bool,
    },
    /// Merge another copy of this learner's save (a data folder, a database,
    /// a backup, a `--format ron` export or a version-1 save, e.g. from
    /// another computer) into the save of `--data-dir`: both review logs,
    /// each answer once.
    Merge {
        #[arg(value_name = "OTHER")]
        other: PathBuf,
    },
    /// Write the whole save as one file, to hand in or keep: a consistent
    /// copy of the database (even while Tabula is open on it), the whole save
    /// as RON, or the review log as the CSV `optimize --revlog` reads.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "db")]
        format: BackupFormat,
    },
}

fn parse_days(text: &str) -> Result<usize, String> {
    match text {
        "30" | "90" | "365" => text.parse().map_err(|_| String::new()),
        _ => Err("one of 30, 90, 365".into()),
    }
}

fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|error| format!("not an RFC 3339 time ({error}); e.g. 2026-03-01T09:00:00+08:00"))
}

/// A failure of a subcommand, reported once by `main`.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    #[error("cannot write {path}: {source}")]
    File { path: PathBuf, source: io::Error },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
}

/// What every subcommand shares: where the data lives, the clock, the calendar.
#[derive(Debug)]
pub struct Context {
    pub data_dir: PathBuf,
    pub clock: Clock,
    pub calendar: Calendar,
}

impl Context {
    /// The data folder (default: the OS's), and the clock from `--now` on.
    #[must_use]
    pub fn new(data_dir: Option<PathBuf>, now: Option<DateTime<Utc>>) -> Context {
        let data_dir = data_dir.unwrap_or_else(default_data_dir);
        Context { data_dir, clock: Clock::new(now), calendar: Calendar::Local }
    }

    /// The user's deck folder.
    #[must_use]
    pub fn deck_folder(&self) -> PathBuf {
        deck_folder(&self.data_dir)
    }

    /// Loads the library with extra deck files, reporting notices and
    /// failures on standard error (never mixed into the output).
    #[must_use]
    pub fn library(&self, extra: &[PathBuf]) -> Library {
        let library = Library::load(Some(&self.deck_folder()), extra);
        for notice in &library.notices {
            eprintln!("note: {notice}");
        }
        for failure in &library.failures {
            for diagnostic in &failure.diagnostics {
                eprintln!("{diagnostic}");
            }
        }
        library
    }

    /// Splits deck arguments into files to load and ids to select; a file
    /// is selected by the id of the deck it holds.
    pub fn select_decks(&self, arguments: &[String]) -> Result<(Library, Vec<String>), CliError> {
        let files: Vec<PathBuf> = arguments.iter().map(PathBuf::from).filter(|path| path.exists()).collect();
        let library = self.library(&files);
        let mut ids = Vec::new();
        for argument in arguments {
            let path = PathBuf::from(argument);
            if path.exists() {
                let loaded = library
                    .decks
                    .iter()
                    .find(|deck| matches!(&deck.origin, crate::core::library::Origin::File(file) if *file == path));
                match loaded {
                    Some(deck) => ids.push(deck.deck.id.clone()),
                    None => return Err(CliError::Usage(format!("the deck {argument} could not be loaded"))),
                }
            } else if library.find(argument).is_some() {
                ids.push(argument.clone());
            } else {
                let known: Vec<&str> = library.decks.iter().map(|deck| deck.deck.id.as_str()).collect();
                return Err(CliError::Usage(format!(
                    "no deck file or deck id `{argument}`; decks: {}",
                    known.join(", ")
                )));
            }
        }
        Ok((library, ids))
    }
}

/// Runs a subcommand.
pub fn run(command: Command, context: &Context) -> Result<ExitCode, CliError> {
    match command {
        Command::Check { paths } => Ok(check::run(&paths)),
        Command::Questions { deck, seed, kind } => questions::run(context, &deck, seed, kind.as_deref()),
        Command::Study { decks, text: _, practice } => study::run(context, &decks, practice),
        Command::Stats { json, days } => stats::run(context, json, days),
        Command::Exam { decks, count, seed, format, text, minutes, out } => {
            if text {
                study::exam(context, &decks, count, seed, minutes)
            } else {
                exam::run(context, &decks, &exam::PaperRequest { count, seed, format, out })
            }
        }
        Command::Import(request) => transfer::import(&request),
        Command::Export { deck, format, out } => transfer::export(context, &deck, format, out.as_deref()),
        Command::Report { paths, csv } => report::run(context, &paths, csv.as_deref()),
        Command::Optimize { revlog, json, reset } => optimize::run(context, revlog.as_deref(), json, reset),
        Command::Settings { retention, new_per_day, name } => settings(context, retention, new_per_day, name),
        Command::Suspend { cards, undo } => suspend(context, &cards, !undo),
        Command::Plan { exam, decks, minutes_a_day, cancel } => plan::run(context, exam, &decks, minutes_a_day, cancel),
        Command::Backup { out, format } => backup(context, &out, format),
        Command::Merge { other } => merge(context, &other),
    }
}

fn merge(context: &Context, other: &std::path::Path) -> Result<ExitCode, CliError> {
    let now = context.clock.now();
    let opened = crate::core::save::Save::open(&context.data_dir, now)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    let scheduler = crate::core::schedule::Scheduler::new(save.data().settings.scheduler.clone(), context.calendar);
    let merged = save.merge(other, &scheduler, now)?;
    println!(
        "merged from {}: {} new answer(s), {} answer(s) undone there, {} card(s) recomputed, {} exam(s); {} answers in all",
        other.display(),
        merged.answers,
        merged.undone,
        merged.cards,
        merged.exams,
        save.answer_count()?
    );
    Ok(ExitCode::SUCCESS)
}

/// What `tabula backup` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackupFormat {
    /// A copy of the database (`tabula.sqlite3`).
    Db,
    /// The whole save as RON.
    Ron,
    /// The review log in py-fsrs's CSV layout.
    Csv,
}

fn backup(context: &Context, out: &std::path::Path, format: BackupFormat) -> Result<ExitCode, CliError> {
    use crate::core::save;
    let now = context.clock.now();
    match format {
        BackupFormat::Db => save::backup_database(&context.data_dir, out, now)?,
        BackupFormat::Ron => save::write_snapshot(out, &save::read_save(&context.data_dir, now)?)?,
        BackupFormat::Csv => {
            let text = save::revlog_csv(&save::read_save(&context.data_dir, now)?);
            std::fs::write(out, text).map_err(|source| CliError::File { path: out.to_owned(), source })?;
        }
    }
    if format == BackupFormat::Csv {
        eprintln!("wrote the review log to {}", out.display());
    } else {
        // Read back from what was written: the figures are the copy's.
        let data = save::read_save(out, now)?;
        eprintln!("wrote {} reviews and {} cards to {}", data.reviews.len(), data.cards.len(), out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn suspend(context: &Context, cards: &[String], suspended: bool) -> Result<ExitCode, CliError> {
    let library = context.library(&[]);
    let catalog = crate::core::study::Catalog::new(&library, &[]);
    let now = context.clock.now();
    let ids: Vec<crate::core::question::CardId> =
        cards.iter().map(|card| crate::core::question::CardId(card.clone())).collect();
    if let Some(unknown) = ids.iter().find(|card| !catalog.contains(card)) {
        return Err(CliError::Usage(format!("no card `{unknown}` in the loaded decks")));
    }
    let opened = crate::core::save::Save::open(&context.data_dir, now)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    for card in ids {
        eprintln!("{} {card}", if suspended { "suspended" } else { "unsuspended" });
        save.record(crate::core::save::Change::Suspended { card, suspended }, now)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn settings(
    context: &Context,
    retention: Option<f32>,
    new_per_day: Option<u32>,
    name: Option<String>,
) -> Result<ExitCode, CliError> {
    let now = context.clock.now();
    let opened = crate::core::save::Save::open(&context.data_dir, now)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    let mut settings = save.data().settings.clone();
    if let Some(retention) = retention {
        settings.scheduler.set_desired_retention(retention).map_err(|error| CliError::Usage(error.to_string()))?;
    }
    if let Some(count) = new_per_day {
        settings.new_cards_per_day = count;
    }
    if settings != save.data().settings {
        save.record(crate::core::save::Change::SettingsChanged(settings), now)?;
    }
    if let Some(name) = name {
        save.record(crate::core::save::Change::LearnerNamed(name.trim().to_owned()), now)?;
    }
    let data = save.data();
    let mut out = io::stdout().lock();
    writeln!(out, "learner name:       {}", if data.learner_name.is_empty() { "—" } else { &data.learner_name })?;
    writeln!(out, "desired retention:  {:.2}", data.settings.scheduler.desired_retention)?;
    writeln!(out, "new cards per day:  {}", data.settings.new_cards_per_day)?;
    writeln!(out, "data folder:        {}", context.data_dir.display())?;
    Ok(ExitCode::SUCCESS)
}
