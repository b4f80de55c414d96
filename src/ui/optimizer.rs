//! Fitting FSRS parameters to the learner's history on a background thread,
//! so the window stays responsive; the core does the fitting and the
//! evaluation, this only runs it and reports.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::core::optimize::{Evaluation, MIN_TRAINING_ITEMS, TrainingItem, evaluate};

/// Where a fit stands.
pub enum Fit {
    Running {
        done: Arc<AtomicUsize>,
        total: Arc<AtomicUsize>,
        result: Receiver<Result<Evaluation, String>>,
    },
    /// Finished; `kept` says whether the fitted parameters are now in use.
    Done {
        evaluation: Evaluation,
        kept: bool,
    },
    /// The history holds `found` training items, fewer than the fit needs.
    TooShort {
        found: usize,
    },
    Failed(String),
}

impl Fit {
    /// Starts fitting; too short a history fails at once, saying how short.
    #[must_use]
    pub fn start(items: Vec<TrainingItem>, ctx: &egui::Context) -> Fit {
        if items.len() < MIN_TRAINING_ITEMS {
            return Fit::TooShort { found: items.len() };
        }
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (sender, result) = mpsc::channel();
        let (done_in, total_in, ctx) = (Arc::clone(&done), Arc::clone(&total), ctx.clone());
        std::thread::spawn(move || {
            let evaluation = evaluate(&items, |now_done, now_total| {
                done_in.store(now_done, Ordering::Relaxed);
                total_in.store(now_total, Ordering::Relaxed);
                ctx.request_repaint();
            });
            // The window may have closed meanwhile: nobody to tell.
            sender.send(evaluation.map_err(|error| error.to_string())).ok();
            ctx.request_repaint();
        });
        Fit::Running { done, total, result }
    }

    /// The share done while running.
    #[must_use]
    pub fn progress(&self) -> Option<f32> {
        match self {
            Fit::Running { done, total, .. } => {
                let total = total.load(Ordering::Relaxed).max(1);
                Some(done.load(Ordering::Relaxed) as f32 / total as f32)
            }
            _ => None,
        }
    }

    /// The evaluation, once the thread has finished; None while it runs.
    pub fn poll(&mut self) -> Option<Result<Evaluation, String>> {
        let Fit::Running { result, .. } = self else { return None };
        match result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the fitting thread stopped".to_owned())),
        }
    }
}
