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
        result: Receiver<Outcome>,
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

/// How a fit ended.
#[derive(Debug)]
pub enum Outcome {
    Evaluated(Evaluation),
    /// The history holds this many training items, too few to fit.
    TooShort(usize),
    Failed(String),
}

impl Fit {
    /// Starts fitting on a thread of its own, which first reads the
    /// training items with `read` (the whole study log: a second or so at a
    /// million answers, never on the window's thread); too short a history
    /// ends the fit, saying how short.
    #[must_use]
    pub fn start(
        read: impl FnOnce() -> Result<Vec<TrainingItem>, String> + Send + 'static,
        ctx: &egui::Context,
    ) -> Fit {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (sender, result) = mpsc::channel();
        let (done_in, total_in, ctx) = (Arc::clone(&done), Arc::clone(&total), ctx.clone());
        std::thread::spawn(move || {
            let outcome = match read() {
                Err(reason) => Outcome::Failed(reason),
                Ok(items) if items.len() < MIN_TRAINING_ITEMS => Outcome::TooShort(items.len()),
                Ok(items) => match evaluate(&items, |now_done, now_total| {
                    done_in.store(now_done, Ordering::Relaxed);
                    total_in.store(now_total, Ordering::Relaxed);
                    ctx.request_repaint();
                }) {
                    Ok(evaluation) => Outcome::Evaluated(evaluation),
                    Err(error) => Outcome::Failed(error.to_string()),
                },
            };
            // The window may have closed meanwhile: nobody to tell.
            sender.send(outcome).ok();
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
    pub fn poll(&mut self) -> Option<Outcome> {
        let Fit::Running { result, .. } = self else { return None };
        match result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Outcome::Failed("the fitting thread stopped".to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn the_log_is_read_on_the_fitting_thread_not_before_it_starts() {
        let (release, wait) = mpsc::channel::<()>();
        let started = Instant::now();
        // Read on the caller's thread, this would wait out its timeout
        // before `start` returned, and fail.
        let mut fit = Fit::start(
            move || match wait.recv_timeout(Duration::from_secs(5)) {
                Ok(()) => Ok(Vec::new()),
                Err(_) => Err("the log was read before the thread started".to_owned()),
            },
            &egui::Context::default(),
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(fit.poll().is_none(), "still reading");
        release.send(()).expect("the reader waits");
        let outcome = loop {
            if let Some(outcome) = fit.poll() {
                break outcome;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the fit never ended");
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(matches!(outcome, Outcome::TooShort(0)), "{outcome:?}");
    }
}
