//! The save: settings, every card's state and the full review log, kept
//! so that no acknowledged answer is ever lost.
//!
//! On disk a save is one SQLite database, `tabula.sqlite3`, in the data
//! folder (schema and row mapping in `save/db.rs`). It runs in WAL mode with
//! `synchronous=FULL`, and each change is one transaction: an answer is
//! acknowledged only once its commit is on disk, and recording it costs the
//! same whatever the length of the history. Every review row has an id unique
//! across computers (the save's device id and a counter), and an undone answer
//! stays as a tombstone row, so that two saves can be merged.
//!
//! A window opens a save holding the card states of the decks it has loaded
//! ([`CardScope`]) and reads a deck's states as the deck joins; the recent
//! answers and exam answers are in memory, the older log stays in the
//! database (`save/history.rs`).
//!
//! One writer at a time: `save/lock.rs` holds an OS lock no file deletion can
//! lift. Readers (`stats`, `report`, `backup`) open the database read-only and
//! work while a writer has it.
//!
//! Files that cannot be opened for what they are (permissions, a FIFO, a
//! symlink, a newer schema) are refused with an error naming them, never
//! moved or replaced. A database that opens but fails `PRAGMA quick_check` is
//! damaged: it is copied aside byte for byte, every row still readable is
//! carried into a fresh database, and a notice says what was kept.
//!
//! A version-1 save (`save.ron` and `journal.ron`, read by `save/legacy.rs`)
//! is imported on first open and its files moved aside, not deleted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::notice::Notice;
use crate::core::plan::PlannedExam;
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Phase, Rating, Scheduler, SchedulerConfig};

pub mod db;
mod history;
mod legacy;
mod lock;
mod merge;

pub use history::{BucketTotals, DeckAnswers, DeckCounts, History, LogScope, ReviewTotals, count_decks};

/// Whose card states a save opened for writing holds in
/// [`SaveData::cards`]: every card's, or only those of some decks. A window
/// opens with the decks it has loaded and reads a deck's states as the deck
/// joins ([`Save::load_decks`]), so that the first question does not wait
/// for the states of decks still being checked; the rest stay in the
/// database, untouched by anything written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CardScope {
    #[default]
    All,
    Decks(std::collections::BTreeSet<String>),
}

impl CardScope {
    /// Whether a card's state is held in memory.
    #[must_use]
    pub fn holds(&self, card: &CardId) -> bool {
        match self {
            CardScope::All => true,
            CardScope::Decks(decks) => decks.contains(card.deck()),
        }
    }
}
pub use merge::Merged;

/// The format version this build writes.
pub const SAVE_VERSION: u32 = 1;
/// The save's database, in the data folder.
pub const DB_FILE: &str = "tabula.sqlite3";
/// A version-1 save's snapshot and journal, imported on first open.
pub const SNAPSHOT_FILE: &str = "save.ron";
pub const JOURNAL_FILE: &str = "journal.ron";
/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

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
    /// Something Tabula will not open or replace; nothing was changed.
    #[error("Tabula will not open {path}: {reason}; nothing was changed")]
    Refused { path: PathBuf, reason: Refusal },
    #[error("the save database {path}: {source}")]
    Db {
        path: PathBuf,
        #[source]
        source: db::DbError,
    },
}

/// Why Tabula will not open or replace a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    SymbolicLink,
    Folder,
    /// A FIFO or a device.
    NotPlainFile,
    /// Written by a newer Tabula: its version, and the newest this one reads.
    Newer {
        found: i64,
        reads: i64,
    },
    /// A file to be written exists already.
    Exists,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::SymbolicLink => write!(f, "it is a symbolic link"),
            Refusal::Folder => write!(f, "it is a folder"),
            Refusal::NotPlainFile => write!(f, "it is not a plain file (a FIFO or a device)"),
            Refusal::Newer { found, reads } => {
                write!(f, "it was written by a newer Tabula (version {found}; this one reads up to {reads})")
            }
            Refusal::Exists => write!(f, "it exists already"),
        }
    }
}

fn db_error(path: &Path) -> impl FnOnce(db::DbError) -> SaveError + '_ {
    move |source| match source {
        db::DbError::Newer { found } => {
            SaveError::Refused { path: path.to_owned(), reason: Refusal::Newer { found, reads: db::SCHEMA_VERSION } }
        }
        source => SaveError::Db { path: path.to_owned(), source },
    }
}

fn sqlite_error(path: &Path) -> impl FnOnce(rusqlite::Error) -> SaveError + '_ {
    move |source| db_error(path)(db::DbError::Sqlite(source))
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
    /// The id this answer is kept under in a database save (see
    /// `save/db.rs`), when the whole save is read to be exported or merged
    /// ([`read_save`]); None in a save open for study and in a version-1
    /// save, which had none. A merge knows an answer it has seen by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
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
    /// A version-1 save: the sequence number of the last change folded in; a
    /// database save: the number of answers this save has recorded.
    #[serde(default)]
    pub sequence: u64,
    #[serde(default)]
    pub learner_name: String,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub cards: BTreeMap<CardId, CardState>,
    /// The review log, oldest first: whole, or only its recent part (see
    /// `log`).
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Which answers `reviews` holds; a save open for writing holds only
    /// the recent ones (see `save/history.rs`).
    #[serde(skip)]
    pub log: LogScope,
    /// Answers taken back, kept (with their ids) when the whole save is read
    /// to be exported, so that merging the export cannot bring them back;
    /// left out of every figure. Empty in a save open for study.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<Review>,
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
            undone: Vec::new(),
            log: LogScope::Whole,
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
            newer if newer > SAVE_VERSION => Err(SaveError::Refused {
                path: path.to_owned(),
                reason: Refusal::Newer { found: i64::from(newer), reads: i64::from(SAVE_VERSION) },
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
    check_file(path)?;
    let bytes = fs::read(path).map_err(io_error(path, "read"))?;
    let text = String::from_utf8(bytes)
        .map_err(|error| SaveError::Unreadable { path: path.to_owned(), reason: error.to_string() })?;
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

/// Refuses anything at `path` that is not a plain file: a symlink could lead
/// outside the data folder, and a FIFO would hang whoever opens it. Nothing
/// at all is fine.
pub(crate) fn check_file(path: &Path) -> Result<(), SaveError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(SaveError::Io { path: path.to_owned(), op: "look at", source }),
    };
    let reason = if meta.file_type().is_symlink() {
        Refusal::SymbolicLink
    } else if meta.is_dir() {
        Refusal::Folder
    } else if !meta.is_file() {
        Refusal::NotPlainFile
    } else {
        return Ok(());
    };
    Err(SaveError::Refused { path: path.to_owned(), reason })
}

/// The database's side files, which SQLite opens by name.
fn side_files(db_path: &Path) -> [PathBuf; 2] {
    let name = db_path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut name = name.clone();
        name.push(suffix);
        PathBuf::from(name)
    };
    [with("-wal"), with("-shm")]
}

/// Opens the database for writing, after refusing what is not plain files or
/// cannot be opened for writing, so SQLite never falls back to read-only
/// nor meets a FIFO.
fn open_writable(db_path: &Path) -> Result<Connection, SaveError> {
    check_file(db_path)?;
    for side in side_files(db_path) {
        check_file(&side)?;
    }
    if db_path.exists() {
        OpenOptions::new().read(true).write(true).open(db_path).map_err(io_error(db_path, "open"))?;
    }
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_error(db_path))?;
    Ok(conn)
}

/// Opens a database read-only, for a reader beside a possible writer.
fn open_read_only(db_path: &Path) -> Result<Connection, SaveError> {
    check_file(db_path)?;
    for side in side_files(db_path) {
        check_file(&side)?;
    }
    File::open(db_path).map_err(io_error(db_path, "read"))?;
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(sqlite_error(db_path))?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sqlite_error(db_path))?;
    Ok(conn)
}

/// What `PRAGMA quick_check` says; None when the database is sound.
fn damage(conn: &Connection) -> Option<String> {
    let result = (|| -> rusqlite::Result<Vec<String>> {
        let mut statement = conn.prepare("PRAGMA quick_check")?;
        let lines = statement.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines)
    })();
    match result {
        Ok(lines) if lines == ["ok"] => None,
        Ok(lines) => Some(lines.join("; ")),
        Err(error) => Some(error.to_string()),
    }
}

/// Sets up a writer's connection: durable commits, the schema current.
fn prepare(conn: &mut Connection, db_path: &Path) -> Result<(), SaveError> {
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sqlite_error(db_path))?;
    conn.pragma_update(None, "journal_mode", "WAL").map_err(sqlite_error(db_path))?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(sqlite_error(db_path))?;
    db::migrate(conn).map_err(db_error(db_path))
}

/// How far back a save opened for writing holds answers in memory: study
/// needs today's answers (the new-card limit, today's counts, undo; today's
/// study day began less than a day ago in any time zone) and the home
/// screen the last seven days' mistakes.
pub const RECENT_HOURS: i64 = 8 * 24;

/// The first answer a save opened at `now` holds in memory.
fn recent_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::hours(RECENT_HOURS)
}

/// A save's settings, cards and exams, with the answers given since `since`
/// and every exam answer.
fn load_recent(
    conn: &Connection,
    db_path: &Path,
    since: DateTime<Utc>,
    scope: &CardScope,
) -> Result<SaveData, SaveError> {
    let mut data = db::load_scoped(conn, Some(since), scope).map_err(db_error(db_path))?;
    data.log = LogScope::Recent { since, db: db_path.to_owned() };
    Ok(data)
}

/// Reads decks' card states beside the writer, on any thread: see
/// [`Save::deck_states`].
#[derive(Debug, Clone)]
pub struct DeckStates {
    db: PathBuf,
    reloads: u64,
}

/// A deck's card states as [`DeckStates::read`] found them.
#[derive(Debug)]
pub struct ReadStates {
    deck: String,
    states: Vec<(CardId, CardState)>,
    reloads: u64,
}

impl DeckStates {
    /// The card states of `deck`, on a read-only connection.
    pub fn read(&self, deck: &str) -> Result<ReadStates, SaveError> {
        let conn = open_read_only(&self.db)?;
        let states = db::deck_cards(&conn, deck).map_err(db_error(&self.db))?;
        Ok(ReadStates { deck: deck.to_owned(), states, reloads: self.reloads })
    }
}

/// An open save, locked for writing.
#[derive(Debug)]
pub struct Save {
    folder: PathBuf,
    data: SaveData,
    /// Whose card states `data` holds.
    scope: CardScope,
    /// How many times `data` was read again from the database (a merge, a
    /// repair): card states read elsewhere before then are out of date.
    reloads: u64,
    // Dropped before the lock: the connection closes, then the next writer
    // may come in.
    conn: Connection,
    /// The integrity check and the day's backup when the opener left them
    /// for later ([`Checks::Later`]); None once done.
    checks: Option<Later>,
    /// What the learner should know that came after opening: a check that
    /// found damage, a backup that failed.
    notices: Vec<Notice>,
    /// Why nothing more can be written: the check found damage and the
    /// repair failed, after the writer's connection was closed. Every write
    /// then fails, never going anywhere but the save.
    broken: Option<String>,
    _lock: lock::WriterLock,
}

/// When [`Save::open_with`] checks the database (`PRAGMA quick_check`) and
/// makes the day's backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Before it returns (the command line).
    AtOpen,
    /// When [`Save::start_checks`] is called, on a thread of its own with a
    /// read-only connection, so a window can show its first question first.
    /// Nothing is written before the check has answered: a damaged
    /// database is repaired before the first change, and no acknowledged
    /// answer ever goes into it.
    Later,
}

/// The check and backup left for later.
#[derive(Debug)]
struct Later {
    /// When the save was opened: the backup is that day's.
    opened: DateTime<Utc>,
    /// The check's thread, once started.
    running: Option<std::sync::mpsc::Receiver<Checked>>,
}

/// What the check and the backup found.
#[derive(Debug)]
struct Checked {
    /// Why the database is damaged, if it is.
    damage: Option<String>,
    /// Why there is no backup of today, if there is none.
    backup: Result<(), SaveError>,
}

/// Checks the database on its own read-only connection, then backs it up
/// once a day if it is sound.
fn check_and_back_up(folder: &Path, now: DateTime<Utc>) -> Checked {
    let db_path = folder.join(DB_FILE);
    match open_read_only(&db_path) {
        Ok(conn) => {
            let damage = damage(&conn);
            let backup = if damage.is_none() { daily_backup(&conn, folder, now) } else { Ok(()) };
            Checked { damage, backup }
        }
        // The writer holds it open: this is rare (a file system gone), and
        // the next write would say more.
        Err(error) => Checked { damage: None, backup: Err(error) },
    }
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
        Save::open_with(folder, now, Checks::AtOpen)
    }

    /// Opens the save as [`Save::open`] does, checking the database and
    /// backing it up when `checks` says.
    pub fn open_with(folder: &Path, now: DateTime<Utc>, checks: Checks) -> Result<Opened, SaveError> {
        Save::open_scoped(folder, now, checks, CardScope::All)
    }

    /// Opens the save as [`Save::open_with`] does, holding the card states
    /// of `scope` only.
    pub fn open_scoped(
        folder: &Path,
        now: DateTime<Utc>,
        checks: Checks,
        scope: CardScope,
    ) -> Result<Opened, SaveError> {
        fs::create_dir_all(folder).map_err(io_error(folder, "create the folder"))?;
        let lock = lock::WriterLock::take(folder)?;
        let db_path = folder.join(DB_FILE);
        let mut notices = Vec::new();
        check_file(&db_path)?;
        if db_path.exists() {
            // Left behind by an import that stopped after the database was
            // in place.
            if legacy::present(folder) {
                legacy::move_aside_imported(folder, now)?;
            }
        } else if legacy::present(folder) {
            import_v1(folder, &db_path, now, &mut notices)?;
        }
        let mut conn = open_writable(&db_path)?;
        let found = db::schema_version(&conn);
        if let Ok(found) = found
            && found > db::SCHEMA_VERSION
        {
            return Err(db_error(&db_path)(db::DbError::Newer { found }));
        }
        let damaged = match found {
            Err(error) => Some(error.to_string()),
            Ok(_) if checks == Checks::AtOpen => damage(&conn),
            Ok(_) => None,
        };
        let loaded = if damaged.is_none() {
            prepare(&mut conn, &db_path)?;
            load_recent(&conn, &db_path, recent_since(now), &scope).ok()
        } else {
            None
        };
        let (conn, data) = if let Some(data) = loaded {
            (conn, data)
        } else {
            {
                let reason = damaged.unwrap_or_else(|| "rows that cannot be read".to_owned());
                drop(conn);
                let kept_at = repair(&db_path, now)?;
                let mut conn = open_writable(&db_path)?;
                prepare(&mut conn, &db_path)?;
                let data = load_recent(&conn, &db_path, recent_since(now), &scope)?;
                notices.push(Notice::SaveRepaired {
                    reason,
                    kept_at,
                    reviews_kept: history::count_answers(&conn).map_err(db_error(&db_path))?,
                    cards_kept: db::count_cards(&conn).map_err(db_error(&db_path))?,
                });
                (conn, data)
            }
        };
        let checks = match checks {
            Checks::AtOpen => {
                if let Err(error) = daily_backup(&conn, folder, now) {
                    notices.push(Notice::BackupFailed { reason: error.to_string() });
                }
                None
            }
            Checks::Later => Some(Later { opened: now, running: None }),
        };
        let save = Save {
            folder: folder.to_owned(),
            data,
            scope,
            reloads: 0,
            conn,
            checks,
            notices: Vec::new(),
            broken: None,
            _lock: lock,
        };
        Ok(Opened { save, notices })
    }

    /// Starts the check and backup left for later ([`Checks::Later`]) on a
    /// thread of their own, which calls `done` once they have answered (a
    /// window wakes itself there); [`Save::poll_checks`] takes their outcome.
    pub fn start_checks(&mut self, done: impl FnOnce() + Send + 'static) {
        let Some(later) = self.checks.as_mut().filter(|later| later.running.is_none()) else { return };
        let (sender, receiver) = std::sync::mpsc::channel();
        let (folder, opened) = (self.folder.clone(), later.opened);
        std::thread::spawn(move || {
            // The save may be closed meanwhile: then nobody is listening.
            let _ = sender.send(check_and_back_up(&folder, opened));
            done();
        });
        later.running = Some(receiver);
    }

    /// Whether the check left for later has yet to answer.
    #[must_use]
    pub fn checking(&self) -> bool {
        self.checks.is_some()
    }

    /// Takes the outcome of the check left for later if it has come (a
    /// damaged database is repaired now), and returns what the learner
    /// should know since the save was opened; an error once, where a
    /// damaged database could not be repaired (every write fails then).
    pub fn poll_checks(&mut self, now: DateTime<Utc>) -> Result<Vec<Notice>, SaveError> {
        let outcome = match &self.checks {
            Some(Later { opened, running: Some(receiver) }) => match receiver.try_recv() {
                Ok(checked) => Some(checked),
                Err(std::sync::mpsc::TryRecvError::Empty) => None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(check_and_back_up(&self.folder, *opened)),
            },
            _ => None,
        };
        if let Some(checked) = outcome {
            self.checks = None;
            self.take_checked(checked, now)?;
        }
        Ok(std::mem::take(&mut self.notices))
    }

    /// Waits for the check left for later, then refuses a write where the
    /// save could not be repaired.
    fn ready_to_write(&mut self, now: DateTime<Utc>) -> Result<(), SaveError> {
        self.settle_checks(now)?;
        match &self.broken {
            None => Ok(()),
            Some(reason) => Err(SaveError::Unreadable {
                path: self.folder.join(DB_FILE),
                reason: format!("it was found damaged and could not be repaired ({reason})"),
            }),
        }
    }

    /// Waits for the check left for later (running it here if it has not
    /// started) and repairs a damaged database: before any change is
    /// written, so that none goes into a damaged file.
    fn settle_checks(&mut self, now: DateTime<Utc>) -> Result<(), SaveError> {
        let Some(Later { opened, running }) = self.checks.take() else { return Ok(()) };
        // Run here when it never started, or its thread ended without answering.
        let checked = running
            .and_then(|receiver| receiver.recv().ok())
            .unwrap_or_else(|| check_and_back_up(&self.folder, opened));
        self.take_checked(checked, now)
    }

    fn take_checked(&mut self, checked: Checked, now: DateTime<Utc>) -> Result<(), SaveError> {
        if let Err(error) = checked.backup {
            self.notices.push(Notice::BackupFailed { reason: error.to_string() });
        }
        let Some(reason) = checked.damage else { return Ok(()) };
        let db_path = self.folder.join(DB_FILE);
        // The writer's connection closes first: the repair replaces the
        // file under it.
        let closed = Connection::open_in_memory().map_err(sqlite_error(&db_path))?;
        drop(std::mem::replace(&mut self.conn, closed));
        let repaired = (|| {
            let kept_at = repair(&db_path, now)?;
            let mut conn = open_writable(&db_path)?;
            prepare(&mut conn, &db_path)?;
            let data = load_recent(&conn, &db_path, recent_since(now), &self.scope)?;
            let answers = history::count_answers(&conn).map_err(db_error(&db_path))?;
            let cards = db::count_cards(&conn).map_err(db_error(&db_path))?;
            Ok((kept_at, conn, data, answers, cards))
        })();
        let (kept_at, conn, data, answers, cards) =
            repaired.inspect_err(|error: &SaveError| self.broken = Some(error.to_string()))?;
        self.data = data;
        self.conn = conn;
        self.reloads += 1;
        self.notices.push(Notice::SaveRepaired { reason, kept_at, reviews_kept: answers, cards_kept: cards });
        Ok(())
    }

    #[must_use]
    pub fn data(&self) -> &SaveData {
        &self.data
    }

    /// Every live answer in the save, counted from the totals table.
    pub fn answer_count(&self) -> Result<usize, SaveError> {
        let path = self.folder.join(DB_FILE);
        history::count_answers(&self.conn).map_err(db_error(&path))
    }

    /// Reads the card states of these decks, where not read yet: a deck
    /// joining the window's library brings its cards' states in.
    pub fn load_decks<'d>(&mut self, decks: impl IntoIterator<Item = &'d str>) -> Result<(), SaveError> {
        let CardScope::Decks(held) = &mut self.scope else { return Ok(()) };
        let path = self.folder.join(DB_FILE);
        for deck in decks {
            if held.contains(deck) {
                continue;
            }
            let cards = db::deck_cards(&self.conn, deck).map_err(db_error(&path))?;
            self.data.cards.extend(cards);
            held.insert(deck.to_owned());
        }
        Ok(())
    }

    /// A handle that reads decks' card states on another thread (the
    /// window's deck-loading thread), for [`Save::take_deck_states`]; None
    /// when the save holds every card's state.
    #[must_use]
    pub fn deck_states(&self) -> Option<DeckStates> {
        matches!(self.scope, CardScope::Decks(_))
            .then(|| DeckStates { db: self.folder.join(DB_FILE), reloads: self.reloads })
    }

    /// Takes in a deck's card states read elsewhere, unless the deck's
    /// states are held already or the save was read again since (a merge or
    /// a repair in between may have changed them); then [`Save::load_decks`]
    /// reads them here. Nothing else can change the states of a deck not
    /// held: every change to them is refused (see [`Save::record`]).
    pub fn take_deck_states(&mut self, read: ReadStates) -> bool {
        let CardScope::Decks(held) = &mut self.scope else { return false };
        if read.reloads != self.reloads || held.contains(&read.deck) {
            return false;
        }
        self.data.cards.extend(read.states);
        held.insert(read.deck);
        true
    }

    /// Whose card states [`Save::data`] holds.
    #[must_use]
    pub fn scope(&self) -> &CardScope {
        &self.scope
    }

    /// The decks holding a studied card due at `now` (not suspended), read
    /// from memory for the decks whose states are held and from the
    /// database for the others.
    pub fn due_decks(&self, now: DateTime<Utc>) -> Result<std::collections::BTreeSet<String>, SaveError> {
        let mut due: std::collections::BTreeSet<String> = self
            .data
            .cards
            .iter()
            .filter(|(_, state)| !state.suspended && state.phase != Phase::New && state.due_at <= now)
            .map(|(card, _)| card.deck().to_owned())
            .collect();
        if let CardScope::Decks(held) = &self.scope {
            let path = self.folder.join(DB_FILE);
            let others = db::due_decks(&self.conn, now).map_err(db_error(&path))?;
            due.extend(others.into_iter().filter(|deck| !held.contains(deck)));
        }
        Ok(due)
    }

    fn recent_since(&self) -> DateTime<Utc> {
        match &self.data.log {
            LogScope::Recent { since, .. } => *since,
            LogScope::Whole => DateTime::<Utc>::MIN_UTC,
        }
    }

    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Records a change in one transaction, then applies it; `Ok` means
    /// committed to disk.
    #[expect(clippy::needless_pass_by_value, reason = "callers hand the change over; it is theirs no longer")]
    pub fn record(&mut self, change: Change, now: DateTime<Utc>) -> Result<(), SaveError> {
        self.ready_to_write(now)?;
        let path = self.folder.join(DB_FILE);
        let moved = match &change {
            Change::Answered { review, card: Some(_), .. } => Some(&review.card),
            Change::Undone { card, schedule_changed: true, .. } | Change::Suspended { card, .. } => Some(card),
            _ => None,
        };
        // A state worked out from a state never read would overwrite the
        // one in the database.
        if let Some(card) = moved.filter(|card| !self.scope.holds(card)) {
            return Err(db_error(&path)(db::DbError::NotRead(card.0.clone())));
        }
        let current = match &change {
            Change::Suspended { card, .. } => self.data.cards.get(card),
            _ => None,
        };
        let tx = self.conn.transaction().map_err(sqlite_error(&path))?;
        db::write_change(&tx, &change, current, now).map_err(db_error(&path))?;
        tx.commit().map_err(sqlite_error(&path))?;
        self.data.apply(&change, now);
        if matches!(change, Change::Answered { .. }) {
            self.data.sequence += 1;
        }
        Ok(())
    }

    /// Merges another copy of this learner's save (a data folder, a
    /// database, a backup, a RON export or a version-1 save) into this one,
    /// in one transaction: see `save/merge.rs`.
    pub fn merge(&mut self, other: &Path, scheduler: &Scheduler, now: DateTime<Utc>) -> Result<Merged, SaveError> {
        let opened = self.checks.as_ref().map(|later| later.opened);
        self.ready_to_write(opened.unwrap_or(now))?;
        let path = self.folder.join(DB_FILE);
        let (other_path, other_conn) = merge::open_other(other, now)?;
        let tx = self.conn.transaction().map_err(sqlite_error(&path))?;
        let merged = merge::merge_rows(&other_conn, &tx, scheduler).map_err(db_error(&other_path))?;
        tx.commit().map_err(sqlite_error(&path))?;
        self.data = load_recent(&self.conn, &path, self.recent_since(), &self.scope)?;
        self.reloads += 1;
        Ok(merged)
    }

    /// Writes the whole save as one RON file, for handing in.
    pub fn backup(&self, out: &Path) -> Result<(), SaveError> {
        let path = self.folder.join(DB_FILE);
        write_snapshot(out, &db::load(&self.conn, None).map_err(db_error(&path))?)
    }

    /// A consistent copy of the database at `out`, by SQLite's online
    /// backup.
    pub fn backup_database(&self, out: &Path) -> Result<(), SaveError> {
        backup_connection(&self.conn, out)
    }
}

fn backup_connection(conn: &Connection, out: &Path) -> Result<(), SaveError> {
    check_file(out)?;
    conn.backup(rusqlite::MAIN_DB, out, None::<fn(rusqlite::backup::Progress)>).map_err(sqlite_error(out))?;
    // A copy is one self-contained file: out of WAL mode, reading it later
    // leaves no side files beside it.
    let copy = Connection::open(out).map_err(sqlite_error(out))?;
    copy.pragma_update(None, "journal_mode", "DELETE").map_err(sqlite_error(out))
}

/// The folder of automatic backups, beside the database.
pub const BACKUPS_FOLDER: &str = "backups";
/// Automatic backups kept; older ones are removed.
pub const BACKUPS_KEPT: usize = 7;

/// Once a day (the first open of a UTC day), a copy of the database in
/// `backups/`, by SQLite's online backup; the last [`BACKUPS_KEPT`] kept.
fn daily_backup(conn: &Connection, folder: &Path, now: DateTime<Utc>) -> Result<(), SaveError> {
    let backups = folder.join(BACKUPS_FOLDER);
    let today = backups.join(format!("tabula-{}.sqlite3", now.format("%Y-%m-%d")));
    if today.symlink_metadata().is_ok() {
        return Ok(());
    }
    fs::create_dir_all(&backups).map_err(io_error(&backups, "create the folder"))?;
    // Written under a temporary name, so a backup cut short is never taken
    // for today's.
    let partial = backups.join("partial.sqlite3.tmp");
    if partial.symlink_metadata().is_ok() {
        fs::remove_file(&partial).map_err(io_error(&partial, "remove"))?;
    }
    backup_connection(conn, &partial)?;
    fs::rename(&partial, &today).map_err(io_error(&today, "create"))?;
    let mut kept: Vec<PathBuf> = fs::read_dir(&backups)
        .map_err(io_error(&backups, "list"))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name().is_some_and(|name| {
                let name = name.to_string_lossy();
                name.starts_with("tabula-") && name.ends_with(".sqlite3")
            })
        })
        .collect();
    // The names hold the date, so their order is the days'.
    kept.sort();
    let excess = kept.len().saturating_sub(BACKUPS_KEPT);
    for old in &kept[..excess] {
        fs::remove_file(old).map_err(io_error(old, "remove"))?;
    }
    Ok(())
}

/// Writes a whole save into a new database file at `out`.
pub fn write_database(out: &Path, data: &SaveData) -> Result<(), SaveError> {
    check_file(out)?;
    if out.exists() {
        return Err(SaveError::Refused { path: out.to_owned(), reason: Refusal::Exists });
    }
    let mut conn = Connection::open(out).map_err(sqlite_error(out))?;
    db::migrate(&mut conn).map_err(db_error(out))?;
    let tx = conn.transaction().map_err(sqlite_error(out))?;
    db::write_all(&tx, data).map_err(db_error(out))?;
    tx.commit().map_err(sqlite_error(out))
}

/// The save's study answers as a review log in py-fsrs's CSV layout (the
/// one `tabula optimize --revlog` reads): practice and exam answers leave
/// the schedule alone, so they are not FSRS reviews.
#[must_use]
pub fn revlog_csv(data: &SaveData) -> String {
    let mut text = String::from(crate::core::optimize::REVLOG_HEADER);
    text.push('\n');
    for review in data.reviews.iter().filter(|review| review.session == SessionKind::Study) {
        let _ = writeln!(
            text,
            "{},{},{},{}",
            review.card.0,
            review.rating.number(),
            review.at.to_rfc3339(),
            review.duration_ms
        );
    }
    text
}

/// Imports a version-1 save into a new database: built beside, renamed into
/// place once complete, then the old files moved aside. A crash anywhere
/// leaves either the old files (imported again next time) or the database.
fn import_v1(folder: &Path, db_path: &Path, now: DateTime<Utc>, notices: &mut Vec<Notice>) -> Result<(), SaveError> {
    let data = legacy::load_folder(folder, now, notices, true)?;
    let building = folder.join(format!("{DB_FILE}.importing"));
    for path in std::iter::once(building.clone()).chain(side_files(&building)) {
        check_file(&path)?;
        if path.exists() {
            fs::remove_file(&path).map_err(io_error(&path, "remove"))?;
        }
    }
    {
        let mut conn = Connection::open(&building).map_err(sqlite_error(&building))?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sqlite_error(&building))?;
        db::migrate(&mut conn).map_err(db_error(&building))?;
        let tx = conn.transaction().map_err(sqlite_error(&building))?;
        db::write_all(&tx, &data).map_err(db_error(&building))?;
        tx.commit().map_err(sqlite_error(&building))?;
    }
    fs::rename(&building, db_path).map_err(io_error(db_path, "create"))?;
    sync_folder(db_path);
    legacy::move_aside_imported(folder, now)?;
    sync_folder(db_path);
    Ok(())
}

/// Replaces a damaged database by a fresh one holding every row that can
/// still be read; the damaged file (and its WAL) is first copied aside byte
/// for byte. Returns where the copy is.
fn repair(db_path: &Path, now: DateTime<Utc>) -> Result<PathBuf, SaveError> {
    let kept_at = aside_name(db_path, "damaged", now);
    fs::copy(db_path, &kept_at).map_err(io_error(db_path, "copy aside"))?;
    let [wal, shm] = side_files(db_path);
    if wal.exists() {
        let [kept_wal, _] = side_files(&kept_at);
        fs::copy(&wal, &kept_wal).map_err(io_error(&wal, "copy aside"))?;
    }
    let fresh = db_path.with_extension("sqlite3.salvage");
    for path in std::iter::once(fresh.clone()).chain(side_files(&fresh)) {
        check_file(&path)?;
        if path.exists() {
            fs::remove_file(&path).map_err(io_error(&path, "remove"))?;
        }
    }
    {
        let mut target = Connection::open(&fresh).map_err(sqlite_error(&fresh))?;
        db::migrate(&mut target).map_err(db_error(&fresh))?;
        // The damaged file may not open at all (a broken header): then there
        // is nothing to carry over, and the copy aside is all there is.
        if let Ok(source) = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
            let tx = target.transaction().map_err(sqlite_error(&fresh))?;
            db::salvage(&source, &tx);
            tx.commit().map_err(sqlite_error(&fresh))?;
        }
    }
    for path in [&wal, &shm] {
        if path.exists() {
            fs::remove_file(path).map_err(io_error(path, "remove"))?;
        }
    }
    fs::rename(&fresh, db_path).map_err(io_error(db_path, "replace"))?;
    sync_folder(db_path);
    Ok(kept_at)
}

/// A name beside `path` for a file set aside (`why`: damaged, imported),
/// unused so far.
fn aside_name(path: &Path, why: &str, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.{why}-{stamp}"));
    let mut counter = 1;
    while candidate.symlink_metadata().is_ok() {
        counter += 1;
        candidate = path.with_file_name(format!("{name}.{why}-{stamp}-{counter}"));
    }
    candidate
}

fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, SaveError> {
    let aside = aside_name(path, "damaged", now);
    fs::rename(path, &aside).map_err(io_error(path, "move aside"))?;
    sync_folder(path);
    Ok(aside)
}

fn copy_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, SaveError> {
    let aside = aside_name(path, "damaged", now);
    fs::copy(path, &aside).map_err(io_error(path, "copy aside"))?;
    Ok(aside)
}

/// Whether a file is an SQLite database (by its first bytes).
fn is_database(path: &Path) -> Result<bool, SaveError> {
    check_file(path)?;
    let mut header = [0u8; 16];
    let mut file = File::open(path).map_err(io_error(path, "read"))?;
    let read = io::Read::read(&mut file, &mut header).map_err(io_error(path, "read"))?;
    Ok(read == header.len() && header == SQLITE_HEADER)
}

/// Reads a save without locking or changing it: a data folder (even one in
/// use by another process; a version-1 folder too), a database or backup
/// file, or a RON snapshot.
pub fn read_save(path: &Path, now: DateTime<Utc>) -> Result<SaveData, SaveError> {
    if path.is_dir() {
        let db_path = path.join(DB_FILE);
        check_file(&db_path)?;
        if db_path.exists() {
            read_database(&db_path)
        } else {
            let mut notices = Vec::new();
            legacy::load_folder(path, now, &mut notices, false)
        }
    } else if is_database(path)? {
        read_database(path)
    } else {
        read_snapshot(path)
    }
}

/// Reads a save as [`read_save`] does, but from a database only the part a
/// window holds (settings, every card state, exams, exam answers and the
/// answers of the last days; see [`RECENT_HOURS`]): the rest of the log is
/// reached through [`History::of`], by query.
pub fn read_save_recent(path: &Path, now: DateTime<Utc>) -> Result<SaveData, SaveError> {
    let db_path = if path.is_dir() { path.join(DB_FILE) } else { path.to_owned() };
    check_file(&db_path)?;
    if !(db_path.exists() && is_database(&db_path)?) {
        return read_save(path, now);
    }
    let conn = open_read_only(&db_path)?;
    let found = db::schema_version(&conn).map_err(db_error(&db_path))?;
    if found > db::SCHEMA_VERSION {
        return Err(db_error(&db_path)(db::DbError::Newer { found }));
    }
    if found == 0 {
        return Ok(SaveData::default());
    }
    load_recent(&conn, &db_path, recent_since(now), &CardScope::All)
}

fn read_database(db_path: &Path) -> Result<SaveData, SaveError> {
    let conn = open_read_only(db_path)?;
    let found = db::schema_version(&conn).map_err(db_error(db_path))?;
    if found > db::SCHEMA_VERSION {
        return Err(db_error(db_path)(db::DbError::Newer { found }));
    }
    // Version 0: SQLite made the file, but its first open ended (a kill)
    // before the schema was written; nothing was ever saved in it.
    if found == 0 {
        return Ok(SaveData::default());
    }
    db::load(&conn, None).map_err(db_error(db_path))
}

/// A consistent copy of the database in a data folder, made while a writer
/// may be using it.
pub fn backup_database(folder: &Path, out: &Path, now: DateTime<Utc>) -> Result<(), SaveError> {
    let db_path = folder.join(DB_FILE);
    check_file(&db_path)?;
    if db_path.exists() {
        let conn = open_read_only(&db_path)?;
        backup_connection(&conn, out)
    } else {
        write_database(out, &read_save(folder, now)?)
    }
}

#[cfg(test)]
mod tests;
