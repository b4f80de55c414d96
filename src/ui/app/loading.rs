//! The learner's deck files, checked on a thread of their own so that the
//! window starts on the built-in decks whatever the size of the deck folder;
//! each deck joins the library, Home and a sitting under way as it is done.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::App;
use crate::core::deck_check::{CheckedDeck, Diagnostic, check_file};
use crate::core::save::{DeckStates, ReadStates};

/// One deck file as its check left it, with its cards' states where the
/// save holds only some decks' (read on the same thread: a deck of 100k
/// cards takes ~0.1 s); None where they could not be read, and the UI
/// thread reads them instead.
type Checked = (PathBuf, Result<CheckedDeck, Vec<Diagnostic>>, Option<ReadStates>);

/// Deck files still to come into the library.
#[derive(Default)]
pub struct Loading {
    /// Files not yet in the library, in the order they join it.
    pub(crate) pending: Vec<PathBuf>,
    /// Files to check once the first frame is on screen: work started
    /// earlier would take the cores the first frame is drawn with.
    not_started: Option<Vec<PathBuf>>,
    results: Option<Receiver<Checked>>,
}

impl Loading {
    /// These files, to be checked once [`Loading::start`] is called.
    pub(crate) fn of(files: Vec<PathBuf>) -> Loading {
        Loading { pending: files.clone(), not_started: Some(files), results: None }
    }

    /// Starts checking, on another thread, if not started yet; `states`
    /// reads each deck's card states there too.
    pub(crate) fn start(&mut self, ctx: Option<&egui::Context>, states: Option<DeckStates>) {
        let Some(files) = self.not_started.take() else { return };
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.cloned();
        // A new load (F5) drops the receiver: the old thread's next send
        // fails and it stops, its results unused.
        std::thread::spawn(move || {
            // A large deck's check is shared among the cores (see
            // `generate::decide`), all but the one the window draws with.
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(cores.saturating_sub(1).max(1)).build().ok();
            for path in files {
                let checked = match &pool {
                    Some(pool) => pool.install(|| check_file(&path)),
                    None => check_file(&path),
                };
                let read = match (&checked, &states) {
                    (Ok(checked), Some(states)) => states.read(&checked.deck.id).ok(),
                    _ => None,
                };
                if sender.send((path, checked, read)).is_err() {
                    return;
                }
                if let Some(ctx) = &ctx {
                    ctx.request_repaint();
                }
            }
        });
        self.results = Some(receiver);
    }

    /// Whether deck files are still to come.
    #[must_use]
    pub(crate) fn is_loading(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The decks checked so far and not yet taken, in order; with `wait`,
    /// every deck still to come.
    fn take(&mut self, wait: bool) -> Vec<Checked> {
        let mut done = Vec::new();
        let Some(results) = &self.results else { return done };
        loop {
            let next = if wait { results.recv().map_err(|_| TryRecvError::Disconnected) } else { results.try_recv() };
            match next {
                Ok(checked) => {
                    if let Some(at) = self.pending.iter().position(|path| *path == checked.0) {
                        self.pending.remove(at);
                    }
                    done.push(checked);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The thread ended (a panic in a check would end it
                    // early): nothing more will come.
                    self.pending.clear();
                    self.results = None;
                    break;
                }
            }
        }
        done
    }
}

impl App {
    /// Takes in the decks checked since the last frame: the library, the
    /// catalog and the screen follow.
    pub(super) fn poll_loading(&mut self) {
        let done = self.loading.take(false);
        self.take_decks(done);
    }

    /// Waits for every deck still loading (tests and benches, which need
    /// the whole library before they go on).
    pub fn wait_for_decks(&mut self) {
        let (ctx, states) = (self.ctx.clone(), self.deck_states());
        self.loading.start(ctx.as_ref(), states);
        let done = self.loading.take(true);
        self.take_decks(done);
    }

    /// A deck file just written to the deck folder (Open deck…): checked off
    /// the UI thread and added to the library as it is, without checking
    /// every other deck again. While decks load, it joins through a reload
    /// instead, so that files still join in their order.
    pub(super) fn add_deck_file(&mut self, path: PathBuf) {
        if self.loading.is_loading() || self.reloading.is_some() {
            self.reload();
            return;
        }
        self.loading = Loading::of(vec![path]);
        if self.started {
            let states = self.deck_states();
            self.loading.start(self.ctx.as_ref(), states);
        }
    }

    /// The reader of decks' card states the loading thread uses, where the
    /// save holds only some decks' states.
    pub(super) fn deck_states(&self) -> Option<crate::core::save::DeckStates> {
        self.save.as_ref().ok().and_then(crate::core::save::Save::deck_states)
    }

    /// Whether deck files are still being checked.
    #[must_use]
    pub fn decks_loading(&self) -> bool {
        self.loading.is_loading()
    }

    /// Adds decks checked to the library (or to a reload's, which replaces
    /// the library once complete); the catalog and the screen follow.
    pub(super) fn take_decks(&mut self, done: Vec<Checked>) {
        // The states come in before the deck: `catalog_changed` then finds
        // them held and reads nothing on this thread.
        let done: Vec<_> = done
            .into_iter()
            .map(|(path, checked, states)| {
                if let (Some(states), Ok(save)) = (states, &mut self.save) {
                    save.take_deck_states(states);
                }
                (path, checked)
            })
            .collect();
        if let Some(reloading) = &mut self.reloading {
            for (path, checked) in done {
                reloading.add_checked(&path, checked);
            }
            if self.loading.is_loading() {
                return;
            }
            self.library = std::mem::take(reloading);
            self.reloading = None;
            self.messages.extend(self.library.notices.iter().cloned().map(super::Message::Notice));
        } else {
            if done.is_empty() {
                return;
            }
            let notices = self.library.notices.len();
            for (path, checked) in done {
                self.library.add_checked(&path, checked);
            }
            self.messages.extend(self.library.notices[notices..].iter().cloned().map(super::Message::Notice));
        }
        self.catalog_changed();
    }
}
