//! `tabula plan`: exams to revise for, and what is expected on the day.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use chrono::{DateTime, Local, Utc};

use super::{CliError, Context};
use crate::core::plan::{Forecast, PlannedExam, exams_ahead, forecast, what_if};
use crate::core::save::{Change, Save};
use crate::core::schedule::Scheduler;
use crate::core::study::Catalog;

/// Minutes added in the "what if" line.
const MORE_MINUTES: u32 = 10;

pub fn run(
    context: &Context,
    exam: Option<DateTime<Utc>>,
    decks: &[String],
    minutes_a_day: Option<u32>,
    cancel: bool,
) -> Result<ExitCode, CliError> {
    let (library, ids) = context.select_decks(decks)?;
    let catalog = Catalog::new(&library, &[]);
    let now = context.clock.now();
    let opened = Save::open(&context.data_dir, now)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    let mut out = std::io::stdout().lock();
    if let Some(at) = exam {
        if cancel {
            save.record(Change::ExamUnplanned(at), now)?;
            writeln!(out, "exam of {} called off", at.with_timezone(&Local).format("%Y-%m-%d %H:%M"))?;
        } else if at <= now {
            return Err(CliError::Usage("the exam must be in the future".into()));
        } else {
            save.record(Change::ExamPlanned(PlannedExam { at, decks: ids, minutes_a_day }), now)?;
        }
    }
    let scheduler = Scheduler::new(save.data().settings.scheduler.clone(), context.calendar);
    let exams = exams_ahead(save.data(), now);
    if exams.is_empty() {
        writeln!(
            out,
            "No exam planned. Plan one with: tabula plan --exam 2026-12-11T09:00:00+08:00 [DECK...] [--minutes-a-day M]"
        )?;
    }
    for exam in exams {
        let forecast = forecast(&catalog, save.data(), &scheduler, exam, now);
        writeln!(out, "{}", describe(&forecast))?;
        let minutes = exam.minutes_a_day.unwrap_or(20);
        let now_figure = what_if(&catalog, save.data(), &scheduler, exam, now, minutes);
        let more = what_if(&catalog, save.data(), &scheduler, exam, now, minutes + MORE_MINUTES);
        writeln!(
            out,
            "  studying {minutes} minutes a day: expected {:.0}%; with {} minutes: {:.0}%",
            now_figure * 100.0,
            minutes + MORE_MINUTES,
            more * 100.0
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// An exam's forecast in a few lines.
#[must_use]
pub fn describe(forecast: &Forecast) -> String {
    let mut text = format!(
        "exam on {} ({} days left): expected to recall {:.0}% of its cards if you stop studying now; {} new cards left",
        forecast.at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
        forecast.days_left,
        forecast.expected_recall * 100.0,
        forecast.new_left
    );
    if forecast.new_left > 0 {
        let _ = write!(text, "\n  pace: about {} new cards a day", forecast.pace.per_day);
        if !forecast.pace.fits {
            let _ = write!(
                text,
                " — not everything fits in {} minutes a day: new cards come in deck order, the entries with the most cards first, and reviews for the day are chosen by their gain in recall on the day",
                forecast.minutes_a_day.unwrap_or_default()
            );
        }
    }
    for (deck, figures) in &forecast.decks {
        let _ =
            write!(text, "\n  {deck}: {:.0}% expected, {} new left", figures.expected_recall * 100.0, figures.new_left);
    }
    text
}
