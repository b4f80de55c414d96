//! The exams ahead as Home shows them: the prediction, and what more
//! minutes a day would make of it.

use super::App;
use crate::core::plan::{self, Forecast, PlannedExam};

/// How many cards a cram session takes.
pub const CRAM_CARDS: usize = 20;

/// An exam ahead as Home shows it: the prediction, and what ten more
/// minutes a day would make of it (a simulation, so worked out when Home
/// opens, not every frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub exam: PlannedExam,
    pub forecast: Forecast,
    /// Minutes a day assumed, the expected recall with them, and with
    /// [`MORE_MINUTES`] more; None until Home opens, and for exams too large
    /// to simulate while the window waits.
    pub what_if: Option<(u32, f64, f64)>,
}

/// The most cards a "what if" is simulated for while the window waits.
const WHAT_IF_MAX_CARDS: usize = 2_000;

/// The minutes added in the "what if" line.
pub const MORE_MINUTES: u32 = 10;

impl App {
    /// Works out the exams ahead for Home: the prediction and, with
    /// `simulate`, the "what if".
    pub(super) fn refresh_outlook(&mut self, simulate: bool) {
        let now = self.now();
        let Some(data) = self.data() else { return };
        self.outlook = plan::exams_ahead(data, now)
            .into_iter()
            .map(|exam| {
                let forecast = plan::forecast(&self.catalog, data, &self.scheduler, exam, now);
                let minutes = exam.minutes_a_day.unwrap_or(20);
                let with = |minutes| plan::what_if(&self.catalog, data, &self.scheduler, exam, now, minutes);
                let small = self.catalog.cards().len() <= WHAT_IF_MAX_CARDS;
                let what_if = (simulate && small).then(|| (minutes, with(minutes), with(minutes + MORE_MINUTES)));
                Outlook { exam: exam.clone(), forecast, what_if }
            })
            .collect();
    }
}
