//! Measuring the window from outside its code paths: how soon the first
//! question is on screen (`--startup-probe`) and how many frames an idle
//! window draws (`--idle-probe`). `scripts/bench.sh` runs both.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::app::{App, Screen};

/// What the probe measures.
pub struct Probe {
    kind: Kind,
    /// The figure is printed: the window is closing, and may still draw a
    /// frame or two meanwhile.
    reported: bool,
}

enum Kind {
    Startup {
        started: Instant,
        /// A frame with a question has been built; the next frame means it
        /// was painted.
        question_built: bool,
    },
    Idle {
        seconds: f64,
        counting: Arc<AtomicBool>,
        done: Arc<AtomicBool>,
        timer_started: bool,
        frames: usize,
    },
}

impl Probe {
    /// Time from `started` (the start of `main`) to the first painted frame
    /// that shows a question.
    #[must_use]
    pub fn startup(started: Instant) -> Probe {
        Probe { kind: Kind::Startup { started, question_built: false }, reported: false }
    }

    /// Frames drawn during `seconds` of nobody touching the window, counted
    /// from one second after it opened (egui lays a new window out over its
    /// first few frames).
    #[must_use]
    pub fn idle(seconds: f64) -> Probe {
        Probe {
            kind: Kind::Idle {
                seconds: seconds.max(0.0),
                counting: Arc::new(AtomicBool::new(false)),
                done: Arc::new(AtomicBool::new(false)),
                timer_started: false,
                frames: 0,
            },
            reported: false,
        }
    }

    /// Whether the window opens straight into Study.
    #[must_use]
    pub fn opens_study(&self) -> bool {
        matches!(self.kind, Kind::Startup { .. })
    }

    /// Called once a frame's UI is built; true when the figure is printed
    /// and the window should close.
    pub fn after_frame(&mut self, ctx: &egui::Context, app: &App) -> bool {
        if self.reported {
            return false;
        }
        self.reported = self.measure(ctx, app);
        self.reported
    }

    fn measure(&mut self, ctx: &egui::Context, app: &App) -> bool {
        match &mut self.kind {
            Kind::Startup { started, question_built } => {
                if *question_built {
                    println!("startup_ms={}", started.elapsed().as_millis());
                    print_peak_memory();
                    return true;
                }
                if matches!(app.screen(), Screen::Session(screen) if screen.current().is_some()) {
                    *question_built = true;
                    ctx.request_repaint();
                }
                false
            }
            Kind::Idle { seconds, counting, done, timer_started, frames } => {
                if done.load(Ordering::SeqCst) {
                    println!("idle_frames={frames}");
                    print_peak_memory();
                    return true;
                }
                if counting.load(Ordering::SeqCst) {
                    *frames += 1;
                }
                if !*timer_started {
                    *timer_started = true;
                    let (counting, done, ctx, seconds) =
                        (Arc::clone(counting), Arc::clone(done), ctx.clone(), *seconds);
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_secs(1));
                        counting.store(true, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs_f64(seconds));
                        done.store(true, Ordering::SeqCst);
                        // The frame this wakes is the probe's own, not counted.
                        ctx.request_repaint();
                    });
                }
                false
            }
        }
    }
}

/// Prints the process's peak resident memory as `peak_rss_mb=N`, where the
/// system tells it.
pub fn print_peak_memory() {
    if let Some(megabytes) = peak_memory_mb() {
        println!("peak_rss_mb={megabytes:.1}");
    }
}

/// The process's peak resident memory in MiB (`VmHWM`; Linux only).
#[must_use]
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kilobytes = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<u64>().ok())?;
    Some(kilobytes as f64 / 1024.0)
}
