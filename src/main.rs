// The Windows exe opens no console window of its own (see platform.rs).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;
use tabula::cli::{self, Cli, CliError};
use tabula::ui::{self, Launch, probe::Probe};

/// See the dependency's note in Cargo.toml.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod platform;

fn main() -> ExitCode {
    // The startup probe counts from here: the first thing the process does.
    let started = Instant::now();
    platform::attach_parent_console();
    let args = Cli::parse();
    let outcome = match args.command {
        None => open_window(args, started),
        Some(_) if !args.decks.is_empty() => Err(anyhow::anyhow!(
            "--deck adds decks to the window; a command takes deck files as its own arguments (`tabula study FILE --text`)"
        )),
        Some(command) => {
            let context = cli::Context::new(args.data_dir, args.now);
            match cli::run(command, &context) {
                Ok(code) => Ok(code),
                // A reader that stops early (`| head`) is not a failure.
                Err(CliError::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(error) => Err(error.into()),
            }
        }
    };
    outcome.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::FAILURE
    })
}

fn open_window(args: Cli, started: Instant) -> anyhow::Result<ExitCode> {
    let launch = Launch {
        data_dir: args.data_dir.unwrap_or_else(tabula::host::default_data_dir),
        now: args.now,
        decks: args.decks,
        calendar: tabula::core::calendar::Calendar::Local,
    };
    let probe = match (args.startup_probe, args.idle_probe) {
        (true, _) => Some(Probe::startup(started)),
        (false, Some(seconds)) => Some(Probe::idle(seconds)),
        (false, None) => None,
    };
    ui::run(launch, probe).map_err(|error| anyhow::anyhow!("{error}")).context("the window could not open")?;
    Ok(ExitCode::SUCCESS)
}
