//! `tabula optimize`: FSRS-6 parameters fitted to the learner's history.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::Offset;

use super::{CliError, Context};
use crate::core::calendar::Calendar;
use crate::core::optimize::{Evaluation, evaluate, parse_revlog, study_reviews, training_items};
use crate::core::save::{Change, Save};

pub fn run(context: &Context, revlog: Option<&Path>, json: bool, reset: bool) -> Result<ExitCode, CliError> {
    let progress = |done: usize, total: usize| eprintln!("fitting… {done}/{total}");
    if let Some(path) = revlog {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read { path: path.to_owned(), source })?;
        let (reviews, problems) = parse_revlog(&text);
        for (line, problem) in &problems {
            eprintln!("{}:{line}: skipped: {problem}", path.display());
        }
        // A review log carries its own offsets; its days roll over at 4 a.m. UTC.
        let utc = Calendar::Fixed(chrono::Utc.fix());
        let items = training_items(&reviews, utc);
        let evaluation = evaluate(&items, progress).map_err(|error| CliError::Usage(error.to_string()))?;
        print(&evaluation, reviews.len(), items.len(), json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let now = context.clock.now();
    let opened = Save::open(&context.data_dir, now)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    let mut settings = save.data().settings.clone();
    if reset {
        settings.scheduler.parameters = fsrs::DEFAULT_PARAMETERS.to_vec();
        save.record(Change::SettingsChanged(settings), now)?;
        eprintln!("the default FSRS-6 parameters are back in use");
        return Ok(ExitCode::SUCCESS);
    }
    let reviews = study_reviews(save.data())?;
    let items = training_items(&reviews, context.calendar);
    let evaluation = evaluate(&items, progress).map_err(|error| CliError::Usage(error.to_string()))?;
    print(&evaluation, reviews.len(), items.len(), json)?;
    if evaluation.fitted_is_better() {
        settings.scheduler.parameters.clone_from(&evaluation.parameters);
        save.record(Change::SettingsChanged(settings), now)?;
        eprintln!("kept the fitted parameters: lower log loss on held-back reviews");
    } else {
        eprintln!("kept the current parameters: the fitted ones predicted held-back reviews no better");
    }
    Ok(ExitCode::SUCCESS)
}

fn print(evaluation: &Evaluation, reviews: usize, items: usize, json: bool) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(evaluation).map_err(|error| CliError::Usage(error.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    writeln!(out, "{reviews} reviews, {items} predicted in the 5-split time-series evaluation\n")?;
    writeln!(out, "{:<10} {:>9} {:>11} {:>7}", "", "log loss", "RMSE(bins)", "AUC")?;
    for (name, metrics) in [("default", &evaluation.default), ("fitted", &evaluation.fitted)] {
        writeln!(out, "{name:<10} {:>9.4} {:>11.4} {:>7.4}", metrics.log_loss, metrics.rmse_bins, metrics.auc)?;
    }
    let parameters: Vec<String> = evaluation.parameters.iter().map(|p| format!("{p:.4}")).collect();
    writeln!(out, "\nfitted parameters: [{}]", parameters.join(", "))?;
    Ok(())
}
