//! What the learner should be told about loading decks and opening the save:
//! typed values, so that each front end words them in the learner's language
//! (`Display` gives the English the command line prints).

use std::fmt;
use std::path::{Path, PathBuf};

/// Something that happened on the way in, which nothing failed over but the
/// learner should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The save's snapshot could not be read; it was moved aside and a new
    /// save started.
    SnapshotSetAside { reason: String, moved_to: PathBuf },
    /// A folder stood where the journal belongs; it was moved aside.
    JournalFolderSetAside { moved_to: PathBuf },
    /// Damaged journal lines were skipped; the journal as it was is kept.
    JournalLinesSkipped { count: usize, kept_at: PathBuf },
    /// The save's database was damaged: it was copied aside byte for byte
    /// and what could still be read carried into a fresh one.
    SaveRepaired { reason: String, kept_at: PathBuf, reviews_kept: usize, cards_kept: usize },
    /// Today's automatic backup could not be made (tried again at the next
    /// opening).
    BackupFailed { reason: String },
    /// A deck file has the id of a deck already loaded, and replaces it
    /// (`replaced` None: the built-in deck).
    DeckReplaced { id: String, by: PathBuf, replaced: Option<PathBuf> },
}

impl Notice {
    /// The file set aside, kept or loaded, where the learner can find it.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Notice::SnapshotSetAside { moved_to, .. } | Notice::JournalFolderSetAside { moved_to } => moved_to,
            Notice::JournalLinesSkipped { kept_at, .. } | Notice::SaveRepaired { kept_at, .. } => kept_at,
            Notice::DeckReplaced { by, .. } => by,
            Notice::BackupFailed { .. } => Path::new(crate::core::save::BACKUPS_FOLDER),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::SnapshotSetAside { reason, moved_to } => write!(
                f,
                "The save could not be read ({reason}). It was moved to {} and a new save was started.",
                moved_to.display()
            ),
            Notice::JournalFolderSetAside { moved_to } => {
                write!(f, "A folder stood where the journal belongs; it was moved to {}.", moved_to.display())
            }
            Notice::JournalLinesSkipped { count, kept_at } => write!(
                f,
                "{count} damaged line(s) in the journal were skipped; the journal as it was is kept at {}.",
                kept_at.display()
            ),
            Notice::SaveRepaired { reason, kept_at, reviews_kept, cards_kept } => write!(
                f,
                "The save was damaged ({reason}). A copy as it was is kept at {}; {reviews_kept} answer(s) and \
                 {cards_kept} card(s) could be read and were kept.",
                kept_at.display()
            ),
            Notice::BackupFailed { reason } => write!(f, "Today's automatic backup of the save failed: {reason}"),
            Notice::DeckReplaced { id, by, replaced } => {
                let replaced =
                    replaced.as_ref().map_or_else(|| "the built-in deck".to_owned(), |path| path.display().to_string());
                write!(f, "deck `{id}` from {} replaces {replaced}", by.display())
            }
        }
    }
}
