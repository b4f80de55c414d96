use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // The startup probe counts from here: the first thing the process does.
    let started = std::time::Instant::now();
    let cli = tabula::cli::Cli::parse();
    match tabula::cli::run(cli, started) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not a failure.
        Err(tabula::cli::CliError::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {:#}", anyhow::Error::from(error));
            ExitCode::FAILURE
        }
    }
}
