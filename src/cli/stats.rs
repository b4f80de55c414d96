//! `tabula stats`: progress figures, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use super::{CliError, Context};
use crate::core::save::{SaveData, read_save};
use crate::core::schedule::Scheduler;
use crate::core::stats::{Figures, stats};
use crate::core::study::Catalog;

pub fn run(context: &Context, json: bool) -> Result<ExitCode, CliError> {
    let library = context.library(&[]);
    let catalog = Catalog::new(&library, &[]);
    let now = context.clock.now();
    let data = if context.data_dir.exists() { read_save(&context.data_dir, now)? } else { SaveData::default() };
    let scheduler = Scheduler::new(data.settings.scheduler.clone(), context.calendar);
    let figures = stats(&catalog, &data, &scheduler, now);
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&figures).map_err(|error| CliError::Usage(error.to_string()))?;
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
    Ok(ExitCode::SUCCESS)
}
