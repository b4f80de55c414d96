//! The save's SQLite schema, its migrations, and the mapping between the
//! save's values and its rows: [`write_change`] is the one place a
//! [`Change`] becomes rows, [`load`] the one place rows become a
//! [`SaveData`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{CardScope, Change, ExamRecord, Review, SaveData, SessionKind, Settings};
use crate::core::plan::PlannedExam;
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Phase, Rating};

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 2;

/// The span of one `review_totals` row: a quarter of an hour, in
/// nanoseconds. Every time zone's study day starts on a quarter hour, so
/// these rows add up to any calendar's days, and a change of zone needs no
/// rebuild.
pub const BUCKET_NANOS: i64 = 15 * 60 * 1_000_000_000;

/// Each migration takes the schema from its index to the next version.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: the first database schema.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
     CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
     CREATE TABLE cards (
         card TEXT PRIMARY KEY,
         due_at INTEGER NOT NULL,
         suspended INTEGER NOT NULL,
         state TEXT NOT NULL
     ) STRICT;
     CREATE INDEX cards_due ON cards (due_at);
     CREATE TABLE reviews (
         id TEXT PRIMARY KEY,
         card TEXT NOT NULL,
         at INTEGER NOT NULL,
         rating INTEGER NOT NULL,
         duration_ms INTEGER NOT NULL,
         answer TEXT NOT NULL,
         correct INTEGER,
         session TEXT NOT NULL,
         exam TEXT,
         phase_before TEXT NOT NULL,
         undone INTEGER NOT NULL DEFAULT 0,
         overridden INTEGER NOT NULL DEFAULT 0
     ) STRICT;
     CREATE INDEX reviews_card ON reviews (card);
     CREATE INDEX reviews_at ON reviews (at);
     CREATE TABLE exams (
         id TEXT PRIMARY KEY,
         started_at INTEGER NOT NULL,
         handed_in_at INTEGER NOT NULL,
         questions TEXT NOT NULL,
         timed_out INTEGER NOT NULL
     ) STRICT;
     CREATE TABLE planned_exams (at INTEGER PRIMARY KEY, exam TEXT NOT NULL) STRICT;",
    // 1 → 2: per-quarter-hour totals of the live log, so statistics need
    // not read a million rows; triggers keep them in the transaction of
    // every row written, whoever writes it (an answer, an undo, a merge, an
    // import, a repair). Exam answers get their own index: a save opens
    // with them, and they are few.
    "CREATE TABLE review_totals (
         bucket INTEGER PRIMARY KEY,
         new INTEGER NOT NULL,
         review INTEGER NOT NULL,
         exam INTEGER NOT NULL,
         recall_answers INTEGER NOT NULL,
         recalled INTEGER NOT NULL
     ) STRICT;
     CREATE INDEX reviews_exam ON reviews (exam) WHERE exam IS NOT NULL;
     CREATE TRIGGER review_counted AFTER INSERT ON reviews WHEN NEW.undone = 0 BEGIN
         INSERT INTO review_totals (bucket, new, review, exam, recall_answers, recalled)
         SELECT * FROM (SELECT BUCKET_OF_NEW, COUNTS_OF_NEW, PLUS) WHERE true
         ON CONFLICT (bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review,
             exam = exam + excluded.exam, recall_answers = recall_answers + excluded.recall_answers,
             recalled = recalled + excluded.recalled;
     END;
     CREATE TRIGGER review_undone AFTER UPDATE OF undone ON reviews WHEN OLD.undone <> NEW.undone BEGIN
         INSERT INTO review_totals (bucket, new, review, exam, recall_answers, recalled)
         SELECT * FROM (SELECT BUCKET_OF_NEW, COUNTS_OF_NEW, SIGN) WHERE true
         ON CONFLICT (bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review,
             exam = exam + excluded.exam, recall_answers = recall_answers + excluded.recall_answers,
             recalled = recalled + excluded.recalled;
     END;
     CREATE TRIGGER review_deleted AFTER DELETE ON reviews WHEN OLD.undone = 0 BEGIN
         UPDATE review_totals SET new = new - COUNT_NEW_OLD, review = review - COUNT_REVIEW_OLD,
             exam = exam - COUNT_EXAM_OLD, recall_answers = recall_answers - COUNT_RECALL_OLD,
             recalled = recalled - COUNT_RECALLED_OLD
         WHERE bucket = BUCKET_OF_OLD;
     END;
     INSERT INTO review_totals (bucket, new, review, exam, recall_answers, recalled)
         SELECT BUCKET_OF_ROW, sum(IS_NEW_ROW), sum(IS_REVIEW_ROW), sum(IS_EXAM_ROW), sum(IS_RECALL_ROW),
             sum(IS_RECALLED_ROW)
         FROM reviews WHERE undone = 0 GROUP BY 1;",
];

/// The SQL of migration `index`, its placeholders written out: the bucket
/// and the kind of an answer are spelled once, here and in
/// [`totals_of`]'s Rust twin.
fn migration_sql(index: usize) -> String {
    let bucket = |row: &str| {
        format!("(CASE WHEN {row}at >= 0 THEN {row}at / {BUCKET_NANOS} ELSE ({row}at + 1) / {BUCKET_NANOS} - 1 END)")
    };
    let is_new = |row: &str| format!("({row}session = 'study' AND {row}phase_before = 'new')");
    let is_exam = |row: &str| format!("({row}session = 'exam')");
    let is_review = |row: &str| format!("(NOT {} AND NOT {})", is_new(row), is_exam(row));
    let is_recall = |row: &str| format!("({row}session = 'study' AND {row}phase_before = 'review')");
    let is_recalled = |row: &str| format!("({} AND {row}rating <> 1)", is_recall(row));
    let counts = |row: &str, times: &str| {
        format!(
            "{times}{} AS new, {times}{} AS review, {times}{} AS exam, {times}{} AS recall_answers, {times}{} AS recalled",
            is_new(row),
            is_review(row),
            is_exam(row),
            is_recall(row),
            is_recalled(row)
        )
    };
    MIGRATIONS[index]
        .replace("BUCKET_OF_NEW, COUNTS_OF_NEW, PLUS", &format!("{} AS bucket, {}", bucket("NEW."), counts("NEW.", "")))
        .replace(
            "BUCKET_OF_NEW, COUNTS_OF_NEW, SIGN",
            &format!("{} AS bucket, {}", bucket("NEW."), counts("NEW.", "(OLD.undone - NEW.undone) * ")),
        )
        .replace("BUCKET_OF_OLD", &bucket("OLD."))
        .replace("COUNT_NEW_OLD", &is_new("OLD."))
        .replace("COUNT_REVIEW_OLD", &is_review("OLD."))
        .replace("COUNT_EXAM_OLD", &is_exam("OLD."))
        .replace("COUNT_RECALLED_OLD", &is_recalled("OLD."))
        .replace("COUNT_RECALL_OLD", &is_recall("OLD."))
        .replace("BUCKET_OF_ROW", &bucket(""))
        .replace("IS_NEW_ROW", &is_new(""))
        .replace("IS_REVIEW_ROW", &is_review(""))
        .replace("IS_EXAM_ROW", &is_exam(""))
        .replace("IS_RECALLED_ROW", &is_recalled(""))
        .replace("IS_RECALL_ROW", &is_recall(""))
}

/// Why rows could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("a row cannot be read: {0}")]
    Row(String),
    #[error("schema version {found} is newer than this Tabula understands ({SCHEMA_VERSION})")]
    Newer { found: i64 },
    #[error("the state of card {0} was not read (its deck is not loaded); nothing was written")]
    NotRead(String),
}

pub(super) fn row_error(what: impl std::fmt::Display) -> DbError {
    DbError::Row(what.to_string())
}

/// The schema version of an open database.
pub fn schema_version(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings a database to [`SCHEMA_VERSION`], each step in its own
/// transaction; a newer schema is refused, never touched.
pub fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(DbError::Newer { found });
    }
    for (index, _) in MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        let tx = conn.transaction()?;
        tx.execute_batch(&migration_sql(index))?;
        if index == 0 {
            // A per-save device id: review ids made on two computers never
            // collide, so merging can take the union of both logs.
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('device', lower(hex(randomblob(8)))), ('counter', '0')",
                [],
            )?;
        }
        tx.pragma_update(None, "user_version", i64::try_from(index + 1).unwrap_or(i64::MAX))?;
        tx.commit()?;
    }
    Ok(())
}

#[must_use]
pub fn nanos(at: DateTime<Utc>) -> i64 {
    at.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

#[must_use]
pub fn from_nanos(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::New => "new",
        Phase::Learning => "learning",
        Phase::Review => "review",
        Phase::Relearning => "relearning",
    }
}

fn phase_from(name: &str) -> Result<Phase, DbError> {
    Ok(match name {
        "new" => Phase::New,
        "learning" => Phase::Learning,
        "review" => Phase::Review,
        "relearning" => Phase::Relearning,
        other => return Err(row_error(format_args!("unknown phase `{other}`"))),
    })
}

/// Inserts a review with a fresh id (this save's device id and the next
/// number of its counter).
pub fn insert_review(tx: &Transaction<'_>, review: &Review) -> Result<(), DbError> {
    // Cached statements: an import writes a million of these.
    let meta = |key: &str| -> rusqlite::Result<String> {
        tx.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row(params![key], |row| row.get(0))
    };
    let device = meta("device")?;
    let counter: u64 = meta("counter")?.parse().map_err(row_error)?;
    let next = counter + 1;
    tx.prepare_cached("UPDATE meta SET value = ?1 WHERE key = 'counter'")?.execute(params![next.to_string()])?;
    insert_review_with_id(tx, &format!("{device}-{next}"), review, false, false)?;
    Ok(())
}

/// Inserts a review under a given id. A new answer's id is new, and meeting
/// it again is an error; with `merged`, one already there is left alone (the
/// same answer, met again in a merge).
pub fn insert_review_with_id(
    tx: &Transaction<'_>,
    id: &str,
    review: &Review,
    undone: bool,
    merged: bool,
) -> Result<bool, DbError> {
    let (session, exam) = match &review.session {
        SessionKind::Study => ("study", None),
        SessionKind::Practice => ("practice", None),
        SessionKind::Exam(id) => ("exam", Some(id.as_str())),
    };
    let verb = if merged { "INSERT OR IGNORE" } else { "INSERT" };
    let inserted = tx
        .prepare_cached(&format!(
            "{verb} INTO reviews
             (id, card, at, rating, duration_ms, answer, correct, session, exam, phase_before, undone, overridden)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ))?
        .execute(params![
            id,
            review.card.0,
            nanos(review.at),
            review.rating.number(),
            i64::try_from(review.duration_ms).unwrap_or(i64::MAX),
            review.answer,
            review.correct,
            session,
            exam,
            phase_name(review.phase_before),
            undone,
            review.overridden,
        ])?;
    Ok(inserted > 0)
}

pub fn write_card(tx: &Transaction<'_>, card: &CardId, state: Option<&CardState>) -> Result<(), DbError> {
    match state {
        Some(state) => {
            let json = serde_json::to_string(state).map_err(row_error)?;
            // Cached: every study answer writes one.
            tx.prepare_cached("INSERT OR REPLACE INTO cards (card, due_at, suspended, state) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![card.0, nanos(state.due_at), state.suspended, json])?;
        }
        None => {
            tx.execute("DELETE FROM cards WHERE card = ?1", params![card.0])?;
        }
    }
    Ok(())
}

pub fn write_settings(tx: &Transaction<'_>, settings: &Settings) -> Result<(), DbError> {
    let json = serde_json::to_string(settings).map_err(row_error)?;
    tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('settings', ?1)", params![json])?;
    Ok(())
}

pub fn write_learner_name(tx: &Transaction<'_>, name: &str) -> Result<(), DbError> {
    tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('learner_name', ?1)", params![name])?;
    Ok(())
}

pub fn write_exam(tx: &Transaction<'_>, record: &ExamRecord) -> Result<(), DbError> {
    let questions: Vec<&str> = record.questions.iter().map(|card| card.0.as_str()).collect();
    let questions = serde_json::to_string(&questions).map_err(row_error)?;
    tx.execute(
        "INSERT OR REPLACE INTO exams (id, started_at, handed_in_at, questions, timed_out) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![record.id, nanos(record.started_at), nanos(record.handed_in_at), questions, record.timed_out],
    )?;
    Ok(())
}

pub fn write_planned(tx: &Transaction<'_>, exam: &PlannedExam) -> Result<(), DbError> {
    let json = serde_json::to_string(exam).map_err(row_error)?;
    tx.execute("INSERT OR REPLACE INTO planned_exams (at, exam) VALUES (?1, ?2)", params![nanos(exam.at), json])?;
    Ok(())
}

/// Writes one change as rows. `current` is the card's state before the
/// change, where the change needs it (suspending a card never studied).
///
/// Every `Change` variant is mapped here and nowhere else.
pub fn write_change(
    tx: &Transaction<'_>,
    change: &Change,
    current: Option<&CardState>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    match change {
        Change::Answered { review, card, .. } => {
            insert_review(tx, review)?;
            if let Some(state) = card {
                write_card(tx, &review.card, Some(state))?;
            }
        }
        Change::Undone { card, schedule_changed, restored } => {
            // A tombstone, not a deletion: a merge with a copy that still
            // holds the answer cannot bring it back.
            tx.execute(
                "UPDATE reviews SET undone = 1 WHERE rowid =
                     (SELECT max(rowid) FROM reviews WHERE card = ?1 AND undone = 0)",
                params![card.0],
            )?;
            if *schedule_changed {
                write_card(tx, card, restored.as_ref())?;
            }
        }
        Change::Suspended { card, suspended } => {
            let mut state = current.cloned().unwrap_or_else(|| CardState::new_card(now));
            state.suspended = *suspended;
            write_card(tx, card, Some(&state))?;
        }
        Change::SettingsChanged(settings) => write_settings(tx, settings)?,
        Change::LearnerNamed(name) => write_learner_name(tx, name)?,
        Change::ExamHandedIn(record) => write_exam(tx, record)?,
        Change::ExamPlanned(exam) => write_planned(tx, exam)?,
        Change::ExamUnplanned(at) => {
            tx.execute("DELETE FROM planned_exams WHERE at = ?1", params![nanos(*at)])?;
        }
    }
    Ok(())
}

/// Writes a whole save's contents into an empty database (the import of a
/// version-1 save, a `--format ron` backup read back).
pub fn write_all(tx: &Transaction<'_>, data: &SaveData) -> Result<(), DbError> {
    write_settings(tx, &data.settings)?;
    write_learner_name(tx, &data.learner_name)?;
    for (card, state) in &data.cards {
        write_card(tx, card, Some(state))?;
    }
    // An answer keeps the id it had; one without (a version-1 save, an
    // older export) gets one made from its place in the log, so that two
    // reads of the same old save give the same ids and merging it twice
    // adds nothing the second time.
    for (undone, reviews) in [(false, &data.reviews), (true, &data.undone)] {
        for (index, review) in reviews.iter().enumerate() {
            let id = review.id.clone().unwrap_or_else(|| legacy_id(index, undone, review));
            insert_review_with_id(tx, &id, review, undone, false)?;
        }
    }
    for exam in &data.exams {
        write_exam(tx, exam)?;
    }
    for exam in &data.planned_exams {
        write_planned(tx, exam)?;
    }
    Ok(())
}

/// The id of an answer from a save that kept none: its place in the log
/// (live answers and taken-back ones counted apart), time and card. A
/// version-1 folder copied to two computers before they diverged gives
/// both the same ids for what they share.
fn legacy_id(index: usize, undone: bool, review: &Review) -> String {
    let log = if undone { "undone" } else { "log" };
    format!("v1-{log}-{index}-{}-{}", nanos(review.at), review.card.0)
}

pub fn review_from_row(row: &rusqlite::Row<'_>) -> Result<Review, DbError> {
    let card: String = row.get("card")?;
    let rating: u32 = row.get("rating")?;
    let duration: i64 = row.get("duration_ms")?;
    let session: String = row.get("session")?;
    let exam: Option<String> = row.get("exam")?;
    let session = match (session.as_str(), exam) {
        ("study", _) => SessionKind::Study,
        ("practice", _) => SessionKind::Practice,
        ("exam", Some(id)) => SessionKind::Exam(id),
        (other, _) => return Err(row_error(format_args!("unknown session `{other}`"))),
    };
    let phase: String = row.get("phase_before")?;
    Ok(Review {
        card: CardId(card),
        at: from_nanos(row.get("at")?),
        rating: Rating::from_number(rating).ok_or_else(|| row_error(format_args!("rating {rating}")))?,
        duration_ms: u64::try_from(duration).unwrap_or(0),
        answer: row.get("answer")?,
        correct: row.get("correct")?,
        session,
        phase_before: phase_from(&phase)?,
        overridden: row.get("overridden")?,
        id: None,
    })
}

fn card_from_row(row: &rusqlite::Row<'_>) -> Result<(CardId, CardState), DbError> {
    let card: String = row.get("card")?;
    let state: String = row.get("state")?;
    Ok((CardId(card), serde_json::from_str(&state).map_err(row_error)?))
}

fn exam_from_row(row: &rusqlite::Row<'_>) -> Result<ExamRecord, DbError> {
    let questions: String = row.get("questions")?;
    let questions: Vec<String> = serde_json::from_str(&questions).map_err(row_error)?;
    Ok(ExamRecord {
        id: row.get("id")?,
        started_at: from_nanos(row.get("started_at")?),
        handed_in_at: from_nanos(row.get("handed_in_at")?),
        questions: questions.into_iter().map(CardId).collect(),
        timed_out: row.get("timed_out")?,
    })
}

fn planned_from_row(row: &rusqlite::Row<'_>) -> Result<PlannedExam, DbError> {
    let exam: String = row.get("exam")?;
    serde_json::from_str(&exam).map_err(row_error)
}

/// Rows of one table, read in order.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    read: impl Fn(&rusqlite::Row<'_>) -> Result<T, DbError>,
) -> Result<Vec<T>, DbError> {
    let mut found = Vec::new();
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        found.push(read(row)?);
    }
    Ok(found)
}

/// Carries every row of a damaged database that can still be read into a
/// fresh one; a table's reading stops at its first unreadable row. The
/// device id and counter are not carried: the fresh database has its own, so
/// new review ids cannot meet old ones.
pub fn salvage(source: &Connection, target: &Transaction<'_>) {
    for table in ["settings", "cards", "reviews", "exams", "planned_exams"] {
        // A row the fresh schema refuses (a damaged value) is left out; the
        // rest go on.
        let _ = copy_rows(source, target, table, |_| Ok(()));
    }
}

/// Copies every row of `table` from `source` into the same table of
/// `target`, keeping the rows `target` has already (`INSERT OR IGNORE`),
/// and hands each insert's outcome (rows inserted, or why not) to
/// `inserted`, which says whether to go on. Reading stops at the first row
/// that cannot be read.
pub fn copy_rows(
    source: &Connection,
    target: &Transaction<'_>,
    table: &str,
    mut inserted: impl FnMut(rusqlite::Result<usize>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut statement = source.prepare(&format!("SELECT * FROM {table}"))?;
    let columns = statement.column_count();
    let placeholders = vec!["?"; columns].join(", ");
    let mut insert = target.prepare(&format!("INSERT OR IGNORE INTO {table} VALUES ({placeholders})"))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let values = (0..columns)
            .map(|index| row.get::<_, rusqlite::types::Value>(index))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        inserted(insert.execute(rusqlite::params_from_iter(values)))?;
    }
    Ok(())
}

/// Everything a save holds, as the rest of Tabula sees it. Undone answers
/// are left out; answers come oldest first. With `recent`, only answers
/// from then on and exam answers are read (the scope is the caller's to
/// set in [`SaveData::log`]).
pub fn load(conn: &Connection, recent: Option<DateTime<Utc>>) -> Result<SaveData, DbError> {
    load_scoped(conn, recent, &CardScope::All)
}

/// The card states of one deck: its cards' ids all start with `deck/`, so
/// they are one range of the primary key.
pub fn deck_cards(conn: &Connection, deck: &str) -> Result<Vec<(CardId, CardState)>, DbError> {
    // '0' is the character after '/': every id starting `deck/` sorts
    // between the two bounds, and no other id does.
    let mut statement = conn.prepare_cached("SELECT card, state FROM cards WHERE card >= ?1 AND card < ?2")?;
    let mut rows = statement.query(params![format!("{deck}/"), format!("{deck}0")])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        found.push(card_from_row(row)?);
    }
    Ok(found)
}

/// Card states stored.
pub fn count_cards(conn: &Connection) -> Result<usize, DbError> {
    let count: i64 = conn.query_row("SELECT count(*) FROM cards", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The decks holding a studied card due at `now`, not suspended (a deck id
/// is its cards' ids up to the first `/`).
pub fn due_decks(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<String>, DbError> {
    let mut statement = conn.prepare_cached(
        "SELECT DISTINCT CASE instr(card, '/') WHEN 0 THEN card ELSE substr(card, 1, instr(card, '/') - 1) END FROM cards
         WHERE due_at <= ?1 AND suspended = 0 AND json_extract(state, '$.phase') <> 'New'",
    )?;
    let decks = statement.query_map(params![nanos(now)], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(decks)
}

/// [`load`], reading the card states of the decks in `cards` only.
pub fn load_scoped(conn: &Connection, recent: Option<DateTime<Utc>>, scope: &CardScope) -> Result<SaveData, DbError> {
    let settings_row = |key: &str| -> Result<Option<String>, DbError> {
        Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", params![key], |row| row.get(0)).optional()?)
    };
    let settings = match settings_row("settings")? {
        Some(json) => serde_json::from_str(&json).map_err(row_error)?,
        None => Settings::default(),
    };
    let learner_name = settings_row("learner_name")?.unwrap_or_default();
    let cards: BTreeMap<CardId, CardState> = match scope {
        CardScope::All => rows(conn, "SELECT card, state FROM cards", card_from_row)?.into_iter().collect(),
        CardScope::Decks(decks) => {
            let mut cards = BTreeMap::new();
            for deck in decks {
                cards.extend(deck_cards(conn, deck)?);
            }
            cards
        }
    };
    // The whole save is read to be exported or merged: each answer with its
    // id, and the answers taken back as well.
    let with_id = |row: &rusqlite::Row<'_>| -> Result<Review, DbError> {
        Ok(Review { id: Some(row.get("id")?), ..review_from_row(row)? })
    };
    let (reviews, undone) = match recent {
        Some(since) => (super::history::recent_reviews(conn, since)?, Vec::new()),
        None => (
            rows(conn, "SELECT * FROM reviews WHERE undone = 0 ORDER BY at, rowid", with_id)?,
            rows(conn, "SELECT * FROM reviews WHERE undone = 1 ORDER BY at, rowid", with_id)?,
        ),
    };
    let exams = rows(conn, "SELECT * FROM exams ORDER BY handed_in_at, rowid", exam_from_row)?;
    let planned_exams = rows(conn, "SELECT exam FROM planned_exams ORDER BY at", planned_from_row)?;
    let counter = conn
        .query_row("SELECT value FROM meta WHERE key = 'counter'", [], |row| row.get::<_, String>(0))
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(0);
    Ok(SaveData {
        version: super::SAVE_VERSION,
        sequence: counter,
        learner_name,
        settings,
        cards,
        reviews,
        undone,
        log: super::LogScope::Whole,
        exams,
        planned_exams,
    })
}
