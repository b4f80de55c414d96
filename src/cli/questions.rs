//! `tabula questions`: every question of a deck as JSON lines.

use std::io::Write;
use std::process::ExitCode;

use super::{CliError, Context};
use crate::core::generate::generate;
use crate::core::question::QuestionKind;

pub fn run(context: &Context, deck: &str, seed: u64, kind: Option<&str>) -> Result<ExitCode, CliError> {
    let kind = match kind {
        Some(name) => Some(QuestionKind::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = QuestionKind::ALL.iter().map(|kind| kind.name()).collect();
            CliError::Usage(format!("unknown kind `{name}`; kinds: {}", names.join(", ")))
        })?),
        None => None,
    };
    let (library, ids) = context.select_decks(&[deck.to_owned()])?;
    let Some(loaded) = ids.first().and_then(|id| library.find(id)) else {
        return Err(CliError::Usage(format!("no deck `{deck}`")));
    };
    let mut out = std::io::stdout().lock();
    for question in generate(&loaded.deck, seed).questions {
        if kind.is_none_or(|kind| kind == question.kind) {
            let line = serde_json::to_string(&question).map_err(|error| CliError::Usage(error.to_string()))?;
            writeln!(out, "{line}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
