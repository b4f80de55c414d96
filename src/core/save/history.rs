//! The review log beyond what a save holds in memory: which answers
//! [`SaveData::reviews`] holds ([`LogScope`]), the per-quarter-hour totals
//! statistics are drawn from ([`ReviewTotals`]), and the queries that read
//! the rest of the log from the database when it is not in memory.
//!
//! A save opened for writing holds today's answers and every exam answer;
//! the rest stays in the database, so opening costs the same whatever the
//! length of the history. A save read whole (`read_save`) holds every
//! answer, and these queries answer from memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::db::{self, BUCKET_NANOS, DbError};
use super::{Review, SaveData, SaveError, SessionKind};
use crate::core::question::CardId;
use crate::core::schedule::{Phase, Rating};

/// Which answers [`SaveData::reviews`] holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LogScope {
    /// Every answer.
    #[default]
    Whole,
    /// Answers given at or after `since`, and every exam answer; the whole
    /// log is in the database at `db`.
    Recent { since: DateTime<Utc>, db: PathBuf },
}

/// Answers in one quarter hour, by the kinds the statistics count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BucketTotals {
    /// Study answers on cards seen for the first time.
    pub new: usize,
    /// Every other study or practice answer.
    pub review: usize,
    pub exam: usize,
    /// Study answers on review cards, and how many of them were not Again.
    pub recall_answers: usize,
    pub recalled: usize,
}

impl BucketTotals {
    fn of(review: &Review) -> BucketTotals {
        let new = review.session == SessionKind::Study && review.phase_before == Phase::New;
        let exam = matches!(review.session, SessionKind::Exam(_));
        let recall = review.session == SessionKind::Study && review.phase_before == Phase::Review;
        BucketTotals {
            new: usize::from(new),
            review: usize::from(!new && !exam),
            exam: usize::from(exam),
            recall_answers: usize::from(recall),
            recalled: usize::from(recall && review.rating != Rating::Again),
        }
    }

    fn add(&mut self, other: BucketTotals) {
        self.new += other.new;
        self.review += other.review;
        self.exam += other.exam;
        self.recall_answers += other.recall_answers;
        self.recalled += other.recalled;
    }

    fn is_empty(self) -> bool {
        self == BucketTotals::default()
    }
}

/// The live log counted per quarter hour (undone answers left out), keyed by
/// the quarter hour's start; what the statistics screen draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewTotals {
    pub buckets: BTreeMap<DateTime<Utc>, BucketTotals>,
}

/// The start of the quarter hour `at` falls in, as the database counts it.
fn bucket_start(at: DateTime<Utc>) -> DateTime<Utc> {
    db::from_nanos(db::nanos(at).div_euclid(BUCKET_NANOS) * BUCKET_NANOS)
}

impl ReviewTotals {
    /// Counts answers held in memory: the Rust twin of the database's
    /// triggers.
    pub fn from_reviews<'r>(reviews: impl IntoIterator<Item = &'r Review>) -> ReviewTotals {
        let mut buckets: BTreeMap<DateTime<Utc>, BucketTotals> = BTreeMap::new();
        for review in reviews {
            buckets.entry(bucket_start(review.at)).or_default().add(BucketTotals::of(review));
        }
        ReviewTotals { buckets }
    }

    /// Every answer counted.
    #[must_use]
    pub fn answers(&self) -> usize {
        self.buckets.values().map(|totals| totals.new + totals.review + totals.exam).sum()
    }
}

/// Reads the totals table.
pub(super) fn read_totals(conn: &Connection) -> Result<ReviewTotals, DbError> {
    let mut statement =
        conn.prepare("SELECT bucket, new, review, exam, recall_answers, recalled FROM review_totals ORDER BY bucket")?;
    let mut rows = statement.query([])?;
    let mut buckets = BTreeMap::new();
    let count = |row: &rusqlite::Row<'_>, index: usize| -> Result<usize, DbError> {
        let value: i64 = row.get(index)?;
        usize::try_from(value).map_err(|_| DbError::Row(format!("a negative total ({value})")))
    };
    while let Some(row) = rows.next()? {
        let bucket: i64 = row.get(0)?;
        let totals = BucketTotals {
            new: count(row, 1)?,
            review: count(row, 2)?,
            exam: count(row, 3)?,
            recall_answers: count(row, 4)?,
            recalled: count(row, 5)?,
        };
        // Rows every answer of which was undone stay behind at zero.
        if !totals.is_empty() {
            buckets.insert(db::from_nanos(bucket.saturating_mul(BUCKET_NANOS)), totals);
        }
    }
    Ok(ReviewTotals { buckets })
}

/// The queries of [`recent_reviews`]: exam answers older than `?1`, then
/// every answer from `?1` on, each read through its own index. (One query
/// with a `UNION` had SQLite walk the whole log for the exam half: ~0.1 s at
/// a million answers, at every open.) `INDEXED BY` makes SQLite refuse the
/// query rather than scan the table should the index ever go.
pub(super) const RECENT_SQL: [&str; 2] = [
    "SELECT * FROM reviews INDEXED BY reviews_exam
     WHERE exam IS NOT NULL AND undone = 0 AND at < ?1 ORDER BY at, rowid",
    "SELECT * FROM reviews INDEXED BY reviews_at WHERE at >= ?1 AND undone = 0 ORDER BY at, rowid",
];

/// Live answers given at or after `since` and every live exam answer,
/// oldest first: what a save opened for writing holds in memory.
pub(super) fn recent_reviews(conn: &Connection, since: DateTime<Utc>) -> Result<Vec<Review>, DbError> {
    let mut found = Vec::new();
    for sql in RECENT_SQL {
        let mut statement = conn.prepare(sql)?;
        let mut rows = statement.query(params![db::nanos(since)])?;
        while let Some(row) = rows.next()? {
            found.push(db::review_from_row(row)?);
        }
    }
    Ok(found)
}

fn card_reviews(conn: &Connection, card: &CardId) -> Result<Vec<Review>, DbError> {
    let mut statement = conn.prepare("SELECT * FROM reviews WHERE card = ?1 AND undone = 0 ORDER BY at, rowid")?;
    let mut rows = statement.query(params![card.0])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        found.push(db::review_from_row(row)?);
    }
    Ok(found)
}

/// Every live answer, counted.
pub(super) fn count_answers(conn: &Connection) -> Result<usize, DbError> {
    let totals = read_totals(conn)?;
    Ok(totals.answers())
}

/// A handle on a save's whole log, for queries that may take long: it holds
/// no connection, so it can be sent to another thread, and each query opens
/// the database read-only beside the writer.
#[derive(Debug, Clone, PartialEq)]
pub enum History {
    /// The log is in memory (a save read whole, or no save at all).
    InMemory(Vec<Review>),
    Database(PathBuf),
}

impl History {
    /// The handle on `data`'s whole log.
    #[must_use]
    pub fn of(data: &SaveData) -> History {
        match &data.log {
            LogScope::Whole => History::InMemory(data.reviews.clone()),
            LogScope::Recent { db, .. } => History::Database(db.clone()),
        }
    }

    fn query<T>(db_path: &Path, read: impl FnOnce(&Connection) -> Result<T, DbError>) -> Result<T, SaveError> {
        let conn = super::open_read_only(db_path)?;
        read(&conn).map_err(super::db_error(db_path))
    }

    /// Hands every live answer to `each`, as [`SaveData::each_review`]
    /// does; on any thread.
    pub fn each_review(&self, study_only: bool, mut each: impl FnMut(Review)) -> Result<(), SaveError> {
        match self {
            History::InMemory(reviews) => {
                for review in reviews {
                    if !study_only || review.session == SessionKind::Study {
                        each(review.clone());
                    }
                }
                Ok(())
            }
            History::Database(path) => stream(path, study_only, each),
        }
    }

    /// Every live answer counted per deck, with the study answers on
    /// review cards given in `(since, until]` and how many of them were not
    /// Again (`tabula stats`' figures); from memory or by two queries.
    pub fn deck_counts(&self, since: DateTime<Utc>, until: DateTime<Utc>) -> Result<DeckCounts, SaveError> {
        match self {
            History::InMemory(reviews) => Ok(count_decks(reviews, since, until)),
            History::Database(path) => History::query(path, |conn| deck_counts(conn, since, until)),
        }
    }

    /// The log counted per quarter hour.
    pub fn totals(&self) -> Result<ReviewTotals, SaveError> {
        match self {
            History::InMemory(reviews) => Ok(ReviewTotals::from_reviews(reviews)),
            History::Database(path) => History::query(path, read_totals),
        }
    }
}

/// Answers of one deck, as [`History::deck_counts`] counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeckAnswers {
    pub reviews: usize,
    pub recall_answers: usize,
    pub recalled: usize,
}

/// [`DeckAnswers`] by deck id.
pub type DeckCounts = BTreeMap<String, DeckAnswers>;

/// [`History::deck_counts`] of answers in memory.
pub fn count_decks<'r>(
    reviews: impl IntoIterator<Item = &'r Review>,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> DeckCounts {
    let mut counts = DeckCounts::new();
    for review in reviews {
        let deck = counts.entry(review.card.deck().to_owned()).or_default();
        deck.reviews += 1;
        if review.session == SessionKind::Study
            && review.phase_before == Phase::Review
            && review.at > since
            && review.at <= until
        {
            deck.recall_answers += 1;
            deck.recalled += usize::from(review.rating != Rating::Again);
        }
    }
    counts
}

fn deck_counts(conn: &Connection, since: DateTime<Utc>, until: DateTime<Utc>) -> Result<DeckCounts, DbError> {
    // A deck id is a card id up to its first '/' (`CardId::deck`).
    const DECK: &str = "CASE instr(card, '/') WHEN 0 THEN card ELSE substr(card, 1, instr(card, '/') - 1) END";
    let count = |value: i64| usize::try_from(value).unwrap_or(0);
    let mut counts = DeckCounts::new();
    let mut statement = conn.prepare(&format!("SELECT {DECK}, count(*) FROM reviews WHERE undone = 0 GROUP BY 1"))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        counts.entry(row.get(0)?).or_default().reviews = count(row.get(1)?);
    }
    let mut statement = conn.prepare(&format!(
        "SELECT {DECK}, count(*), sum(rating <> 1) FROM reviews INDEXED BY reviews_at
         WHERE at > ?1 AND at <= ?2 AND undone = 0 AND session = 'study' AND phase_before = 'review' GROUP BY 1"
    ))?;
    let mut rows = statement.query(params![db::nanos(since), db::nanos(until)])?;
    while let Some(row) = rows.next()? {
        let deck = counts.entry(row.get(0)?).or_default();
        deck.recall_answers = count(row.get(1)?);
        deck.recalled = count(row.get(2)?);
    }
    Ok(counts)
}

/// Streams the live log from the database, oldest first.
fn stream(db_path: &Path, study_only: bool, mut each: impl FnMut(Review)) -> Result<(), SaveError> {
    History::query(db_path, |conn| {
        let filter = if study_only { "AND session = 'study'" } else { "" };
        let mut statement =
            conn.prepare(&format!("SELECT * FROM reviews WHERE undone = 0 {filter} ORDER BY at, rowid"))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            each(db::review_from_row(row)?);
        }
        Ok(())
    })
}

impl SaveData {
    /// Hands every live answer of the whole log to `each`, oldest first
    /// (with `study_only`, only scheduled study answers), streamed from the
    /// database when the log is not all in memory.
    pub fn each_review(&self, study_only: bool, mut each: impl FnMut(Review)) -> Result<(), SaveError> {
        match &self.log {
            LogScope::Whole => {
                for review in &self.reviews {
                    if !study_only || review.session == SessionKind::Study {
                        each(review.clone());
                    }
                }
                Ok(())
            }
            LogScope::Recent { db, .. } => stream(db, study_only, each),
        }
    }

    /// Every live answer to `card`, oldest first, from memory or the
    /// database (by its index on cards: milliseconds at any length).
    pub fn card_history(&self, card: &CardId) -> Result<Vec<Review>, SaveError> {
        match &self.log {
            LogScope::Whole => Ok(self.reviews.iter().filter(|review| &review.card == card).cloned().collect()),
            LogScope::Recent { db, .. } => History::query(db, |conn| card_reviews(conn, card)),
        }
    }
}
