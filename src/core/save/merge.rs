//! Merging another copy of a learner's save into this one (two computers,
//! one learner): the union of both review logs by review id, tombstones
//! kept, and every card either side answered recomputed by replaying FSRS
//! over its merged history. The order of the history is by time then review
//! id, the same from either side, so A+B and B+A give the same cards, and a
//! second merge finds nothing new.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use rusqlite::{Connection, Transaction, params};

use super::SaveData;
use super::db::{self, DbError};
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Rating, Scheduler};

/// What a merge brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Answers new to this save.
    pub answers: usize,
    /// Answers this save had that the other had taken back.
    pub undone: usize,
    /// Cards whose state was recomputed.
    pub cards: usize,
    /// Exams handed in and exams planned, new to this save.
    pub exams: usize,
}

/// Merges the rows of `other` into the transaction's database.
pub(super) fn merge_rows(other: &Connection, tx: &Transaction<'_>, scheduler: &Scheduler) -> Result<Merged, DbError> {
    let mut merged = Merged::default();
    let mut affected: BTreeSet<String> = BTreeSet::new();
    {
        let mut statement = other.prepare("SELECT * FROM reviews")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get("id")?;
            let undone: bool = row.get("undone")?;
            let review = db::review_from_row(row)?;
            let inserted = db::insert_review_with_id(tx, &id, &review, undone, true)?;
            if inserted {
                merged.answers += usize::from(!undone);
                affected.insert(review.card.0.clone());
            } else if undone {
                let changed = tx.execute("UPDATE reviews SET undone = 1 WHERE id = ?1 AND undone = 0", params![id])?;
                if changed > 0 {
                    merged.undone += 1;
                    affected.insert(review.card.0.clone());
                }
            }
            // Every card the other side answered is recomputed, not only
            // those it brought new answers to: its state then comes from the
            // merged history alone, whichever side the merge started from.
            affected.insert(review.card.0);
        }
    }
    for table in ["exams", "planned_exams"] {
        db::copy_rows(other, tx, table, |inserted| {
            merged.exams += inserted?;
            Ok(())
        })?;
    }
    // Suspension is not in the log: a card suspended on either side stays
    // suspended (the union, so the order of merging does not matter).
    let mut suspended: BTreeSet<String> = BTreeSet::new();
    {
        let mut statement = other.prepare("SELECT card FROM cards WHERE suspended = 1")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            suspended.insert(row.get(0)?);
        }
    }
    let mut replayed = replay(tx, scheduler, &affected)?;
    for card in &affected {
        let state = replayed.remove(card);
        let ours = stored_state(tx, card);
        let is_suspended = suspended.contains(card) || ours.as_ref().is_some_and(|state| state.suspended);
        let state = match (state, ours) {
            (Some(mut state), _) => {
                state.suspended = is_suspended;
                Some(state)
            }
            // No study answer left (all undone): never studied, unless
            // suspended, which keeps what this side had.
            (None, ours) => ours.filter(|_| is_suspended),
        };
        db::write_card(tx, &CardId(card.clone()), state.as_ref())?;
        merged.cards += 1;
    }
    for card in suspended.difference(&affected) {
        let ours = stored_state(tx, card);
        let theirs = stored_state(other, card);
        if let Some(mut state) = ours.or(theirs) {
            state.suspended = true;
            db::write_card(tx, &CardId(card.clone()), Some(&state))?;
        }
    }
    Ok(merged)
}

/// A card's state as a save holds it; None when it holds none it can read.
fn stored_state(conn: &Connection, card: &str) -> Option<CardState> {
    let json: String = conn
        .prepare_cached("SELECT state FROM cards WHERE card = ?1")
        .and_then(|mut statement| statement.query_row(params![card], |row| row.get(0)))
        .ok()?;
    serde_json::from_str(&json).ok()
}

/// The states of `cards` from their study answers alone, each card's in time
/// then id order; a card without any is left out. One pass over the log:
/// asking card by card reads the pages holding each card's answers again
/// for every card, as many pages as answers.
fn replay(
    tx: &Transaction<'_>,
    scheduler: &Scheduler,
    cards: &BTreeSet<String>,
) -> Result<BTreeMap<String, CardState>, DbError> {
    // Cards by number, in the set's order, so that the answers sort by card
    // as by its id without a copy of the id per answer.
    let numbers: HashMap<&str, usize> =
        cards.iter().enumerate().map(|(number, card)| (card.as_str(), number)).collect();
    let mut answers: Vec<(usize, i64, String, u32)> = Vec::new();
    {
        let mut statement =
            tx.prepare("SELECT card, at, id, rating FROM reviews WHERE undone = 0 AND session = 'study'")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let card = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(&number) = numbers.get(card) {
                answers.push((number, row.get(1)?, row.get(2)?, row.get(3)?));
            }
        }
    }
    answers.sort_unstable();
    let mut states: Vec<Option<CardState>> = vec![None; cards.len()];
    for (number, at, _, rating) in answers {
        let rating = Rating::from_number(rating).ok_or_else(|| db::row_error(format_args!("rating {rating}")))?;
        let at = db::from_nanos(at);
        let slot = &mut states[number];
        let state = slot.take().unwrap_or_else(|| CardState::new_card(at));
        *slot = Some(scheduler.answer(&state, rating, at));
    }
    Ok(cards.iter().zip(states).filter_map(|(card, state)| Some((card.clone(), state?))).collect())
}

/// Opens the other save read-only: a data folder, its database or a backup
/// of one; or, read into a database in memory, a RON export (`tabula backup
/// --format ron`) or a version-1 save (its folder or snapshot).
pub(super) fn open_other(path: &Path, now: DateTime<Utc>) -> Result<(PathBuf, Connection), super::SaveError> {
    // A version-1 save picked by one of its two files (a file dialog picks
    // no folders) is its folder: the snapshot alone lacks the journal.
    let named = |name: &str| path.file_name().is_some_and(|found| found == name);
    let folder = match path.parent() {
        Some(folder) if folder.as_os_str().is_empty() => Path::new("."),
        Some(folder) => folder,
        None => path,
    };
    let path = if (named(super::SNAPSHOT_FILE) || named(super::JOURNAL_FILE))
        && folder.join(super::DB_FILE).symlink_metadata().is_err()
    {
        folder
    } else {
        path
    };
    let db_path = if path.is_dir() { path.join(super::DB_FILE) } else { path.to_owned() };
    let in_memory = |data: &SaveData| -> Result<Connection, DbError> {
        let mut conn = Connection::open_in_memory()?;
        db::migrate(&mut conn)?;
        let tx = conn.transaction()?;
        db::write_all(&tx, data)?;
        tx.commit()?;
        Ok(conn)
    };
    if path.is_dir() && db_path.symlink_metadata().is_err() && super::legacy::present(path) {
        let data = super::legacy::load_folder(path, now, &mut Vec::new(), false)?;
        return Ok((path.to_owned(), in_memory(&data).map_err(super::db_error(path))?));
    }
    if !super::is_database(&db_path)? {
        let data = super::read_snapshot(&db_path)?;
        return Ok((db_path.clone(), in_memory(&data).map_err(super::db_error(&db_path))?));
    }
    let conn = super::open_read_only(&db_path)?;
    let found = db::schema_version(&conn).map_err(super::db_error(&db_path))?;
    if found > db::SCHEMA_VERSION {
        return Err(super::db_error(&db_path)(DbError::Newer { found }));
    }
    Ok((db_path, conn))
}
