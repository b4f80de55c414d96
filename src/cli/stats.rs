//! `tabula stats`: progress figures, as text or JSON.

use std::io::Write;

use serde::Serialize;
use std::process::ExitCode;

use super::{CliError, Context};
use crate::core::plan::{Forecast, forecasts};
use crate::core::progress::{Progress, progress};
use crate::core::save::{History, SaveData, read_save_recent};
use crate::core::schedule::Scheduler;
use crate::core::stats::{Figures, Stats, retention_since, stats_with};
use crate::core::study::Catalog;

/// `tabula stats --json`: today's figures with the history beside them.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    figures: &'a Stats,
    history: &'a Progress,
    /// Exams ahead, soonest first, with what is expected on the day.
    exams_planned: &'a [Forecast],
}

pub fn run(context: &Context, json: bool, days: usize) -> Result<ExitCode, CliError> {
    let library = context.library(&[]);
    let catalog = Catalog::new(&library, &[]);
    let now = context.clock.now();
    // The old log stays in the database: counted there, never read whole.
    let data = if context.data_dir.exists() { read_save_recent(&context.data_dir, now)? } else { SaveData::default() };
    let log = History::of(&data);
    let scheduler = Scheduler::new(data.settings.scheduler.clone(), context.calendar);
    let figures = stats_with(&catalog, &data, &scheduler, now, &log.deck_counts(retention_since(now), now)?);
    let history = progress(&catalog, &data, &log.totals()?, context.calendar, now, days);
    let planned = forecasts(&catalog, &data, &scheduler, now);
    let mut out = std::io::stdout().lock();
    if json {
        let output = Output { figures: &figures, history: &history, exams_planned: &planned };
        let text = serde_json::to_string_pretty(&output).map_err(|error| CliError::Usage(error.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let row = |name: &str, figures: &Figures| {
        let retention = figures.retention_30d.map_or("—".to_owned(), |share| format!("{:.1}%", share * 100.0));
        format!(
            "{name:<28} {:>9} {:>9} {:>9} {:>14}",
            figures.due_today, figures.new_available, figures.reviews, retention
        )
    };
    writeln!(out, "{:<28} {:>9} {:>9} {:>9} {:>14}", "deck", "due today", "new", "reviews", "retention 30d")?;
    for (id, deck_figures) in &figures.decks {
        writeln!(out, "{}", row(id, deck_figures))?;
    }
    writeln!(out, "{}", row("all decks", &figures.total))?;
    for forecast in &planned {
        writeln!(out, "\n{}", super::plan::describe(forecast))?;
    }
    history_text(&mut out, &history)?;
    Ok(ExitCode::SUCCESS)
}

fn history_text(out: &mut impl Write, history: &Progress) -> std::io::Result<()> {
    let states = &history.card_states;
    writeln!(
        out,
        "\ncards: {} new, {} learning, {} young, {} mature, {} suspended",
        states.new, states.learning, states.young, states.mature, states.suspended
    )?;
    let shares: Vec<String> =
        history.learned_share.iter().map(|(deck, share)| format!("{deck} {:.0}%", share * 100.0)).collect();
    writeln!(out, "learned: {}", shares.join(", "))?;
    writeln!(out, "streak: {} day(s)", history.streak_days)?;
    writeln!(out, "\nanswers per day (new / review / exam), last {} days:", history.daily.len())?;
    for day in history.daily.iter().filter(|day| day.total() > 0) {
        writeln!(out, "  {}  {:>4} / {:>4} / {:>4}", day.date, day.new, day.review, day.exam)?;
    }
    writeln!(out, "\nretention per week (review answers not Again):")?;
    for week in &history.weekly_retention {
        let share = week.retention.map_or("—".to_owned(), |share| format!("{:.1}%", share * 100.0));
        writeln!(out, "  from {}  {share} of {}", week.start, week.answers)?;
    }
    let forecast: Vec<String> = history.forecast.iter().map(ToString::to_string).collect();
    writeln!(out, "\ndue in the next 30 days (today first): {}", forecast.join(" "))?;
    if !history.exams.is_empty() {
        writeln!(out, "\nexams:")?;
        for exam in &history.exams {
            writeln!(
                out,
                "  {}  {}  {}/{} ({} answered)",
                exam.at.format("%Y-%m-%d"),
                exam.id,
                exam.right,
                exam.questions,
                exam.answered
            )?;
        }
    }
    Ok(())
}
