//! Version-1 saves, read to be imported: a RON snapshot (`save.ron`) and a
//! journal of RON lines (`journal.ron`) replayed on top. Nothing here writes
//! a journal any more; damaged parts are set aside as version 1 did, while a
//! file that cannot be read for any other reason (permissions, a FIFO, a
//! symlink, a newer version) is refused and left where it is.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Change, JOURNAL_FILE, SNAPSHOT_FILE, SaveData, SaveError, aside_name, check_file, copy_aside, read_snapshot,
    set_aside,
};
use crate::core::notice::Notice;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct JournalLine {
    pub(super) sequence: u64,
    pub(super) change: Change,
}

/// Whether a folder holds a version-1 save.
pub(super) fn present(folder: &Path) -> bool {
    folder.join(SNAPSHOT_FILE).symlink_metadata().is_ok() || folder.join(JOURNAL_FILE).symlink_metadata().is_ok()
}

/// Reads a version-1 save folder: the snapshot and the journal replayed on
/// top. With `writable`, a damaged snapshot or a folder in the journal's place
/// is moved aside and a journal with damaged lines copied aside; without,
/// nothing on disk changes and damage is an error.
pub(super) fn load_folder(
    folder: &Path,
    now: DateTime<Utc>,
    notices: &mut Vec<Notice>,
    writable: bool,
) -> Result<SaveData, SaveError> {
    let snapshot = folder.join(SNAPSHOT_FILE);
    let journal = folder.join(JOURNAL_FILE);
    // Folders in either place are old damage, set aside; anything else that
    // is not a plain file (a symlink, a FIFO) is refused before it is opened.
    let snapshot_is_folder = snapshot.symlink_metadata().is_ok_and(|meta| meta.is_dir());
    let journal_is_folder = journal.symlink_metadata().is_ok_and(|meta| meta.is_dir());
    if !snapshot_is_folder {
        check_file(&snapshot)?;
    }
    if !journal_is_folder {
        check_file(&journal)?;
    }
    let mut data = if snapshot_is_folder {
        if writable {
            let moved_to = set_aside(&snapshot, now)?;
            notices.push(Notice::SnapshotSetAside { reason: "a folder stood in its place".into(), moved_to });
        }
        SaveData::default()
    } else if snapshot.exists() {
        match read_snapshot(&snapshot) {
            Ok(data) => data,
            // Only a file read in full and found damaged is set aside: one
            // that cannot be read, or is from a newer Tabula, is refused.
            Err(SaveError::Unreadable { reason, .. }) if writable => {
                let moved_to = set_aside(&snapshot, now)?;
                notices.push(Notice::SnapshotSetAside { reason, moved_to });
                SaveData::default()
            }
            Err(error) => return Err(error),
        }
    } else {
        SaveData::default()
    };
    if journal_is_folder {
        if writable {
            let moved_to = set_aside(&journal, now)?;
            notices.push(Notice::JournalFolderSetAside { moved_to });
        }
        return Ok(data);
    }
    let file = match File::open(&journal) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(data),
        Err(source) => return Err(SaveError::Io { path: journal, op: "read", source }),
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
        // mid-write: that answer was never acknowledged.
        if line.last() != Some(&b'\n') {
            break;
        }
        let parsed =
            std::str::from_utf8(&line).ok().and_then(|text| ron::from_str::<JournalLine>(text.trim_end()).ok());
        match parsed {
            Some(entry) => {
                if entry.sequence > data.sequence {
                    data.apply(&entry.change, now);
                    data.sequence = entry.sequence;
                }
            }
            None => damaged_lines += 1,
        }
    }
    if damaged_lines > 0 && writable {
        let kept_at = copy_aside(&journal, now)?;
        notices.push(Notice::JournalLinesSkipped { count: damaged_lines, kept_at });
    }
    Ok(data)
}

/// Moves a version-1 save's files aside once their content is in the
/// database, under names that say so.
pub(super) fn move_aside_imported(folder: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>, SaveError> {
    let mut moved = Vec::new();
    for name in [SNAPSHOT_FILE, JOURNAL_FILE] {
        let path = folder.join(name);
        if path.symlink_metadata().is_ok() {
            let aside = aside_name(&path, "imported", now);
            std::fs::rename(&path, &aside).map_err(|source| SaveError::Io {
                path: path.clone(),
                op: "move aside",
                source,
            })?;
            moved.push(aside);
        }
    }
    Ok(moved)
}
