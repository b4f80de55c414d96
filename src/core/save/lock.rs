//! The one-writer lock: an OS lock that dies with its process, held where no
//! file deletion can let a second writer in.
//!
//! On Unix the lock is held on the data folder itself (`flock` on the
//! folder). Not on the database file: on macOS and the BSDs `flock` and the
//! `fcntl` byte-range locks SQLite takes on the database share one lock list,
//! so a whole-file `flock` would stall SQLite's own locking; and a folder
//! cannot be removed while the save is in it, whereas a database file can be
//! unlinked and created afresh. Deleting `-wal`, `-shm` or any other file
//! beside the database leaves the lock where it was.
//!
//! On Windows locks are mandatory and SQLite locks byte ranges of the database
//! file, so a whole-file lock there would refuse SQLite its own file. The lock
//! is a side file, `tabula.sqlite3.lock`, held open without delete sharing:
//! Windows refuses to delete or rename a file opened that way, so the lock
//! cannot be removed from under its holder either.

use std::fs::{self, File};
use std::path::Path;

use super::SaveError;

/// Held for as long as the save is open for writing.
#[derive(Debug)]
pub(super) struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock for `folder` at once, or refuses with
    /// [`SaveError::Locked`]: there is no waiting for another writer.
    pub(super) fn take(folder: &Path) -> Result<WriterLock, SaveError> {
        let (file, path) = open_lock_file(folder)?;
        match file.try_lock() {
            Ok(()) => Ok(WriterLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(SaveError::Locked(folder.to_owned())),
            Err(fs::TryLockError::Error(source)) => Err(SaveError::Io { path, op: "lock", source }),
        }
    }
}

#[cfg(not(windows))]
fn open_lock_file(folder: &Path) -> Result<(File, std::path::PathBuf), SaveError> {
    let file = File::open(folder).map_err(|source| SaveError::Io {
        path: folder.to_owned(),
        op: "open the folder",
        source,
    })?;
    Ok((file, folder.to_owned()))
}

#[cfg(windows)]
fn open_lock_file(folder: &Path) -> Result<(File, std::path::PathBuf), SaveError> {
    use std::os::windows::fs::OpenOptionsExt;
    // FILE_SHARE_READ | FILE_SHARE_WRITE, and not FILE_SHARE_DELETE.
    const SHARE_READ_WRITE: u32 = 0x1 | 0x2;
    let path = folder.join(format!("{}.lock", super::DB_FILE));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .share_mode(SHARE_READ_WRITE)
        .open(&path)
        .map_err(|source| match source.raw_os_error() {
            // ERROR_SHARING_VIOLATION: another writer holds it open.
            Some(32) => SaveError::Locked(folder.to_owned()),
            _ => SaveError::Io { path: path.clone(), op: "open", source },
        })?;
    Ok((file, path))
}
