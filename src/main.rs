use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tabula::cli::Cli::parse();
    match tabula::cli::run(cli) {
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
