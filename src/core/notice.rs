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
            Notice::JournalLinesSkipped { kept_at, .. } => kept_at,
            Notice::DeckReplaced { by, .. } => by,
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
            Notice::DeckReplaced { id, by, replaced } => {
                let replaced =
                    replaced.as_ref().map_or_else(|| "the built-in deck".to_owned(), |path| path.display().to_string());
                write!(f, "deck `{id}` from {} replaces {replaced}", by.display())
            }
        }
    }
}
