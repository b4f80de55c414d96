//! The save file: settings, every card's state and the full review log, kept
//! so that no acknowledged answer is ever lost.
//!
//! On disk a save is a folder holding `save.ron`, a snapshot written by
//! atomic rename, and `journal.ron`, one RON line per change since the
//! snapshot, appended and synced before the change is acknowledged. Recording
//! an answer costs one append whatever the length of the history; the journal
//! is folded into a new snapshot from time to time. Every journal line carries
//! a sequence number and the snapshot the last one it holds, so a crash between
//! writing a snapshot and emptying the journal applies nothing twice.
//!
//! A file that cannot be read is moved aside, never overwritten, and the
//! learner is told where it went. `save.lock`, held with an OS lock that dies
//! with its process, keeps a second writer out.
//!
//! The same code serves Windows: the lock is `LockFileEx` there, and the
//! snapshot's rename replaces `save.ron` even while another Tabula reads it
//! (std opens files with delete sharing, and renames with POSIX semantics on
//! NTFS). Where a drive has no POSIX renames (FAT), or another program holds
//! `save.ron` open without delete sharing, the rename fails while it is open
//! and the error names the file; an answer is safe in the journal by then.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::notice::Notice;
use crate::core::plan::PlannedExam;
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Phase, Rating, SchedulerConfig};

/// The format version this build writes.
pub const SAVE_VERSION: u32 = 1;
/// Journal lines after which the journal is folded into the snapshot, at the
/// least; a long history waits for proportionally more (see
/// [`Save::compaction_due`]).
const COMPACT_AFTER_LINES: usize = 1000;

pub const SNAPSHOT_FILE: &str = "save.ron";
pub const JOURNAL_FILE: &str = "journal.ron";
pub const LOCK_FILE: &str = "save.lock";

/// What went wrong with a save, with the path and what was being done.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot {op} {path}: {source}")]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("the save in {0} is open in another Tabula window or command; close it first")]
    Locked(PathBuf),
    #[error("{path} is not a Tabula save: {reason}")]
    Unreadable { path: PathBuf, reason: String },
}

fn io_error<'p>(path: &'p Path, op: &'static str) -> impl FnOnce(io::Error) -> SaveError + 'p {
    move |source| SaveError::Io { path: path.to_owned(), op, source }
}

/// The kind of session an answer was given in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionKind {
    /// Scheduled study: the answer moves the card's schedule.
    Study,
    /// Practice outside the schedule: recorded, schedule untouched.
    Practice,
    /// A mock exam, with its id.
    Exam(String),
}

/// One answer in the review log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub card: CardId,
    pub at: DateTime<Utc>,
    pub rating: Rating,
    #[serde(default)]
    pub duration_ms: u64,
    /// What the learner answered: the option's text or what was typed.
    #[serde(default)]
    pub answer: String,
    /// Whether an auto-graded answer was right; None for self-graded cards.
    #[serde(default)]
    pub correct: Option<bool>,
    pub session: SessionKind,
    /// The card's phase before this answer.
    pub phase_before: Phase,
    /// A typed answer graded wrong that the learner declared right ("I was
    /// right"): counted as right, and kept apart in the log as an override.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
}

/// A mock exam handed in: the paper as it was set, so that questions left
/// unanswered count as much as answered ones in every figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamRecord {
    /// The id its answers carry (`SessionKind::Exam`).
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub handed_in_at: DateTime<Utc>,
    /// Every question on the paper, in order.
    pub questions: Vec<CardId>,
    /// Whether it ended because its time was up.
    #[serde(default)]
    pub timed_out: bool,
}

/// A learner's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub scheduler: SchedulerConfig,
    pub new_cards_per_day: u32,
    /// Interface language chosen by the learner (`en`, `zh`); None follows the system.
    pub language: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { scheduler: SchedulerConfig::default(), new_cards_per_day: 20, language: None }
    }
}

/// Everything a save holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveData {
    pub version: u32,
    /// Sequence number of the last change folded in.
    #[serde(default)]
    pub sequence: u64,
    #[serde(default)]
    pub learner_name: String,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub cards: BTreeMap<CardId, CardState>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Exams handed in, oldest first.
    #[serde(default)]
    pub exams: Vec<ExamRecord>,
    /// Exams the learner revises for (see `core::plan`).
    #[serde(default)]
    pub planned_exams: Vec<PlannedExam>,
}

impl Default for SaveData {
    fn default() -> Self {
        SaveData {
            version: SAVE_VERSION,
            sequence: 0,
            learner_name: String::new(),
            settings: Settings::default(),
            cards: BTreeMap::new(),
            reviews: Vec::new(),
            exams: Vec::new(),
            planned_exams: Vec::new(),
        }
    }
}

/// One change, as a journal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// An answer; `card` is the card's new state for study answers, None when
    /// the schedule is untouched; `before` its state before, for undo.
    Answered {
        review: Review,
        card: Option<CardState>,
        before: Option<CardState>,
    },
    /// The last answer to `card` taken back; where it had moved the
    /// schedule, the card returns to `restored` (None: never studied).
    Undone {
        card: CardId,
        schedule_changed: bool,
        restored: Option<CardState>,
    },
    Suspended {
        card: CardId,
        suspended: bool,
    },
    SettingsChanged(Settings),
    LearnerNamed(String),
    /// A mock exam handed in, with its paper.
    ExamHandedIn(ExamRecord),
    /// An exam to revise for; one at the same time replaces it.
    ExamPlanned(PlannedExam),
    /// A planned exam called off (the one at this time).
    ExamUnplanned(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct JournalLine {
    sequence: u64,
    change: Change,
}

impl SaveData {
    /// Applies a change in memory.
    pub fn apply(&mut self, change: &Change, now: DateTime<Utc>) {
        match change {
            Change::Answered { review, card, .. } => {
                if let Some(card) = card {
                    self.cards.insert(review.card.clone(), card.clone());
                }
                self.reviews.push(review.clone());
            }
            Change::Undone { card, schedule_changed, restored } => {
                if let Some(index) = self.reviews.iter().rposition(|review| &review.card == card) {
                    self.reviews.remove(index);
                }
                if *schedule_changed {
                    match restored {
                        Some(state) => {
                            self.cards.insert(card.clone(), state.clone());
                        }
                        None => {
                            self.cards.remove(card);
                        }
                    }
                }
            }
            Change::Suspended { card, suspended, .. } => {
                self.cards.entry(card.clone()).or_insert_with(|| CardState::new_card(now)).suspended = *suspended;
            }
            Change::SettingsChanged(settings) => self.settings = settings.clone(),
            Change::LearnerNamed(name) => self.learner_name.clone_from(name),
            Change::ExamHandedIn(record) => self.exams.push(record.clone()),
            Change::ExamPlanned(exam) => {
                self.planned_exams.retain(|planned| planned.at != exam.at);
                self.planned_exams.push(exam.clone());
            }
            Change::ExamUnplanned(at) => self.planned_exams.retain(|planned| planned.at != *at),
        }
    }

    /// Migrates a save written by an older version to this one.
    fn migrate(self, path: &Path) -> Result<SaveData, SaveError> {
        match self.version {
            SAVE_VERSION => Ok(self),
            newer if newer > SAVE_VERSION => Err(SaveError::Unreadable {
                path: path.to_owned(),
                reason: format!("format version {newer} is newer than this Tabula understands ({SAVE_VERSION})"),
            }),
            older => Err(SaveError::Unreadable {
                path: path.to_owned(),
                reason: format!("format version {older} is not a version Tabula ever wrote"),
            }),
        }
    }
}

/// Reads a snapshot (or a `tabula backup` file).
pub fn read_snapshot(path: &Path) -> Result<SaveData, SaveError> {
    let text = fs::read_to_string(path).map_err(io_error(path, "read"))?;
    let data: SaveData = ron::from_str(&text)
        .map_err(|error| SaveError::Unreadable { path: path.to_owned(), reason: error.to_string() })?;
    data.migrate(path)
}

/// Writes a snapshot by writing a temporary file, syncing it and renaming it
/// over the old one, so a crash leaves the old or the new, never half of one.
pub fn write_snapshot(path: &Path, data: &SaveData) -> Result<(), SaveError> {
    let text = ron::ser::to_string_pretty(data, ron::ser::PrettyConfig::default())
        .map_err(|error| SaveError::Unreadable { path: path.to_owned(), reason: error.to_string() })?;
    let temporary = path.with_extension("ron.tmp");
    let mut file = File::create(&temporary).map_err(io_error(&temporary, "create"))?;
    file.write_all(text.as_bytes()).map_err(io_error(&temporary, "write"))?;
    file.sync_all().map_err(io_error(&temporary, "sync"))?;
    drop(file);
    fs::rename(&temporary, path).map_err(io_error(path, "replace"))?;
    sync_folder(path);
    Ok(())
}

/// Makes a rename durable; where folders cannot be opened it is skipped.
fn sync_folder(path: &Path) {
    if let Some(parent) = path.parent()
        && let Ok(folder) = File::open(parent)
    {
        let _ = folder.sync_all();
    }
}

/// An open save folder, locked for writing.
#[derive(Debug)]
pub struct Save {
    folder: PathBuf,
    data: SaveData,
    journal: File,
    journal_lines: usize,
    _lock: File,
}

/// The result of opening a save: the save and what the learner should know.
#[derive(Debug)]
pub struct Opened {
    pub save: Save,
    pub notices: Vec<Notice>,
}

impl Save {
    /// Opens (or creates) the save in `folder` for writing. A second opening
    /// while the first process lives is refused with [`SaveError::Locked`].
    pub fn open(folder: &Path, now: DateTime<Utc>) -> Result<Opened, SaveError> {
        fs::create_dir_all(folder).map_err(io_error(folder, "create the folder"))?;
        let lock_path = folder.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path, "open"))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(SaveError::Locked(folder.to_owned())),
            Err(fs::TryLockError::Error(source)) => {
                return Err(SaveError::Io { path: lock_path, op: "lock", source });
            }
        }
        let mut notices = Vec::new();
        let (data, journal_state) = load_folder(folder, now, &mut notices, true)?;
        let journal_path = folder.join(JOURNAL_FILE);
        let journal = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal_path)
            .map_err(io_error(&journal_path, "open"))?;
        let mut save =
            Save { folder: folder.to_owned(), data, journal, journal_lines: journal_state.lines, _lock: lock };
        if journal_state.needs_compaction || !folder.join(SNAPSHOT_FILE).exists() {
            save.compact()?;
        }
        Ok(Opened { save, notices })
    }

    #[must_use]
    pub fn data(&self) -> &SaveData {
        &self.data
    }

    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Records a change durably (appended and synced), then applies it.
    pub fn record(&mut self, change: Change, now: DateTime<Utc>) -> Result<(), SaveError> {
        let sequence = self.data.sequence + 1;
        let line = JournalLine { sequence, change };
        let mut text = ron::to_string(&line).map_err(|error| SaveError::Unreadable {
            path: self.folder.join(JOURNAL_FILE),
            reason: error.to_string(),
        })?;
        text.push('\n');
        let path = self.folder.join(JOURNAL_FILE);
        self.journal.write_all(text.as_bytes()).map_err(io_error(&path, "append to"))?;
        self.journal.sync_data().map_err(io_error(&path, "sync"))?;
        self.data.apply(&line.change, now);
        self.data.sequence = sequence;
        self.journal_lines += 1;
        if self.compaction_due() {
            self.compact()?;
        }
        Ok(())
    }

    /// Folding rewrites the whole history, so it waits until the journal holds
    /// a quarter as many lines as the history has answers (and at least
    /// [`COMPACT_AFTER_LINES`]): the cost per answer stays constant however
    /// long the history grows.
    fn compaction_due(&self) -> bool {
        self.journal_lines >= COMPACT_AFTER_LINES.max(self.data.reviews.len() / 4)
    }

    /// Folds the journal into a new snapshot and empties the journal.
    pub fn compact(&mut self) -> Result<(), SaveError> {
        let snapshot = self.folder.join(SNAPSHOT_FILE);
        write_snapshot(&snapshot, &self.data)?;
        let path = self.folder.join(JOURNAL_FILE);
        // Windows refuses to shorten a file through a handle opened for
        // appending (rust-lang/rust#105437), so `set_len(0)` on the journal
        // would fail there on the first run: the journal is emptied by
        // opening it afresh, and later lines go through the new handle.
        let emptied = File::create(&path).map_err(io_error(&path, "empty"))?;
        emptied.sync_all().map_err(io_error(&path, "sync"))?;
        self.journal = emptied;
        self.journal_lines = 0;
        Ok(())
    }

    /// Writes the whole save as one file, for handing in.
    pub fn backup(&self, out: &Path) -> Result<(), SaveError> {
        write_snapshot(out, &self.data)
    }
}

/// What reading the journal found.
#[derive(Debug, Default)]
struct JournalState {
    lines: usize,
    /// The journal had damage or a torn end: fold what was good into a new
    /// snapshot now.
    needs_compaction: bool,
}

/// Reads a save folder: the snapshot (set aside if unreadable) and the
/// journal replayed on top. With `writable`, damaged files are moved aside;
/// without, nothing on disk changes.
fn load_folder(
    folder: &Path,
    now: DateTime<Utc>,
    notices: &mut Vec<Notice>,
    writable: bool,
) -> Result<(SaveData, JournalState), SaveError> {
    let snapshot = folder.join(SNAPSHOT_FILE);
    let mut data = if snapshot.exists() {
        match read_snapshot(&snapshot) {
            Ok(data) => data,
            Err(error) => {
                let reason = error.to_string();
                if writable {
                    let moved_to = set_aside(&snapshot, now)?;
                    notices.push(Notice::SnapshotSetAside { reason, moved_to });
                } else {
                    return Err(error);
                }
                SaveData::default()
            }
        }
    } else {
        SaveData::default()
    };
    let journal = folder.join(JOURNAL_FILE);
    let mut state = JournalState::default();
    if journal.is_dir() {
        if writable {
            let moved_to = set_aside(&journal, now)?;
            notices.push(Notice::JournalFolderSetAside { moved_to });
        }
        return Ok((data, state));
    }
    let Ok(file) = File::open(&journal) else {
        return Ok((data, state));
    };
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut damaged_lines = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(source) => return Err(SaveError::Io { path: journal, op: "read", source }),
        }
        // A last line without its line end was cut short by a crash
        // mid-write: that answer was never acknowledged, so dropping it loses
        // nothing, and the journal is rewritten before anything is appended.
        if line.last() != Some(&b'\n') {
            state.needs_compaction = true;
            break;
        }
        let parsed =
            std::str::from_utf8(&line).ok().and_then(|text| ron::from_str::<JournalLine>(text.trim_end()).ok());
        match parsed {
            Some(entry) => {
                state.lines += 1;
                if entry.sequence > data.sequence {
                    data.apply(&entry.change, now);
                    data.sequence = entry.sequence;
                }
            }
            None => damaged_lines += 1,
        }
    }
    if damaged_lines > 0 {
        if writable {
            let kept_at = copy_aside(&journal, now)?;
            notices.push(Notice::JournalLinesSkipped { count: damaged_lines, kept_at });
        }
        state.needs_compaction = true;
    }
    Ok((data, state))
}

/// A name beside `path` for a file set aside, unused so far.
fn aside_name(path: &Path, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut counter = 1;
    while candidate.exists() {
        counter += 1;
        candidate = path.with_file_name(format!("{name}.damaged-{stamp}-{counter}"));
    }
    candidate
}

fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, SaveError> {
    let aside = aside_name(path, now);
    fs::rename(path, &aside).map_err(io_error(path, "move aside"))?;
    sync_folder(path);
    Ok(aside)
}

fn copy_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, SaveError> {
    let aside = aside_name(path, now);
    fs::copy(path, &aside).map_err(io_error(path, "copy aside"))?;
    Ok(aside)
}

/// Reads a save without locking or changing it: a save folder (even one in
/// use by another process) or a single snapshot or backup file.
pub fn read_save(path: &Path, now: DateTime<Utc>) -> Result<SaveData, SaveError> {
    if path.is_dir() {
        let mut notices = Vec::new();
        load_folder(path, now, &mut notices, false).map(|(data, _)| data)
    } else {
        read_snapshot(path)
    }
}

#[cfg(test)]
mod tests;
