//! Merging another copy of a learner's save into this one (two computers,
//! one learner): the union of both review logs by review id, tombstones
//! kept, and every card either side answered recomputed by replaying FSRS
//! over its merged history. The order of the history is by time then review
//! id, the same from either side, so A+B and B+A give the same cards, and a
//! second merge finds nothing new.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::{Connection, Transaction, params};

use super::db::{self, DbError};
use crate::core::question::CardId;
use crate::core::schedule::{CardState, Scheduler};

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
    for card in &affected {
        let state = replay(tx, scheduler, card)?;
        let ours: Option<CardState> = tx
            .query_row("SELECT state FROM cards WHERE card = ?1", params![card], |row| row.get::<_, String>(0))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok());
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
        let ours: Option<CardState> = tx
            .query_row("SELECT state FROM cards WHERE card = ?1", params![card], |row| row.get::<_, String>(0))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok());
        let theirs: Option<CardState> = other
            .query_row("SELECT state FROM cards WHERE card = ?1", params![card], |row| row.get::<_, String>(0))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok());
        if let Some(mut state) = ours.or(theirs) {
            state.suspended = true;
            db::write_card(tx, &CardId(card.clone()), Some(&state))?;
        }
    }
    Ok(merged)
}

/// A card's state from its study answers alone, in time then id order; None
/// when it has none.
fn replay(tx: &Transaction<'_>, scheduler: &Scheduler, card: &str) -> Result<Option<CardState>, DbError> {
    let mut statement =
        tx.prepare("SELECT * FROM reviews WHERE card = ?1 AND undone = 0 AND session = 'study' ORDER BY at, id")?;
    let mut rows = statement.query(params![card])?;
    let mut state: Option<CardState> = None;
    while let Some(row) = rows.next()? {
        let review = db::review_from_row(row)?;
        let current = state.unwrap_or_else(|| CardState::new_card(review.at));
        state = Some(scheduler.answer(&current, review.rating, review.at));
    }
    Ok(state)
}

/// Opens the other save read-only: a data folder, its database or a backup.
pub(super) fn open_other(path: &Path) -> Result<(std::path::PathBuf, Connection), super::SaveError> {
    let db_path = if path.is_dir() { path.join(super::DB_FILE) } else { path.to_owned() };
    if !super::is_database(&db_path)? {
        return Err(super::SaveError::Unreadable {
            path: db_path,
            reason: "not a Tabula database (open a version-1 save once with this Tabula to import it)".into(),
        });
    }
    let conn = super::open_read_only(&db_path)?;
    let found = db::schema_version(&conn).map_err(super::db_error(&db_path))?;
    if found > db::SCHEMA_VERSION {
        return Err(super::db_error(&db_path)(DbError::Newer { found }));
    }
    Ok((db_path, conn))
}
