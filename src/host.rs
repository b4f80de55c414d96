//! What both front ends, the window and the command line, take from the
//! machine: the clock (or `--now`'s clock) and the data folder. The core
//! reads neither; the front ends pass them in.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Utc};

/// The time, from the system or from a given start onwards (`--now`).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: Option<(DateTime<Utc>, Instant)>,
}

impl Clock {
    /// The system's clock, or one that starts at `start` and runs on.
    #[must_use]
    pub fn new(start: Option<DateTime<Utc>>) -> Clock {
        Clock { start: start.map(|at| (at, Instant::now())) }
    }

    /// Moves the clock on by `by`, from now on.
    pub fn advance(&mut self, by: chrono::Duration) {
        let now = self.now();
        self.start = Some((now + by, Instant::now()));
    }

    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        match self.start {
            Some((at, started)) => at + chrono::Duration::from_std(started.elapsed()).unwrap_or_default(),
            None => Utc::now(),
        }
    }
}

/// The OS data folder for Tabula (`~/.local/share/tabula` on Linux).
#[must_use]
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("tabula")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_given_start_runs_on_from_there() {
        let start = Utc.with_ymd_and_hms(2026, 5, 5, 9, 0, 0).single().expect("time");
        let clock = Clock::new(Some(start));
        let now = clock.now();
        assert!(now >= start && now - start < chrono::Duration::seconds(5));
        let mut clock = clock;
        clock.advance(chrono::Duration::days(1));
        assert!(clock.now() - start >= chrono::Duration::days(1));
    }
}
