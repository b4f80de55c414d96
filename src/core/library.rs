//! The set of decks a learner studies: the built-in ones, the user's deck
//! folder and files named on the command line. A deck that fails to load is
//! reported and the others load as usual; a user deck with the id of a
//! built-in one replaces it.

use std::path::{Path, PathBuf};

use crate::core::builtin::BUILTIN_DECKS;
use crate::core::deck::Deck;
use crate::core::deck_check::{CheckedDeck, Diagnostic, check_file, check_text};
use crate::core::generate::Decided;
use crate::core::notice::Notice;

/// The user's deck folder inside a data folder.
#[must_use]
pub fn deck_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("decks")
}

/// Where a deck came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// A deck ready to study.
#[derive(Debug, Clone)]
pub struct LoadedDeck {
    pub deck: Deck,
    pub origin: Origin,
    pub warnings: Vec<Diagnostic>,
    /// Its cards, as checking decided them.
    pub decided: Decided,
}

/// A deck file that could not be loaded.
#[derive(Debug, Clone)]
pub struct FailedDeck {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Every deck, with what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub decks: Vec<LoadedDeck>,
    pub failures: Vec<FailedDeck>,
    /// Things the learner should know, such as a built-in deck replaced by a
    /// user's copy.
    pub notices: Vec<Notice>,
}

impl Library {
    /// Built-in decks, then every `*.ron` under `deck_folder` (if given and
    /// present), then `extra` files or folders.
    #[must_use]
    pub fn load(deck_folder: Option<&Path>, extra: &[PathBuf]) -> Library {
        let mut library = Library::built_in();
        for path in deck_paths(deck_folder, extra) {
            library.add_file(&path);
        }
        library
    }

    /// The built-in decks alone: small and known, so a window can start on
    /// them while the learner's own decks are checked elsewhere.
    #[must_use]
    pub fn built_in() -> Library {
        let mut library = Library::default();
        for (name, text) in BUILTIN_DECKS {
            match check_text(&format!("(built-in) {name}"), text) {
                Ok(CheckedDeck { deck, warnings, decided }) => {
                    library.decks.push(LoadedDeck { deck, origin: Origin::BuiltIn, warnings, decided });
                }
                Err(diagnostics) => library.failures.push(FailedDeck { file: name.to_owned(), diagnostics }),
            }
        }
        library
    }

    /// Loads one deck file into the library; a deck with the id of one
    /// already loaded replaces it, and a notice says so.
    pub fn add_file(&mut self, path: &Path) {
        self.add_checked(path, check_file(path));
    }

    /// Adds a deck file checked elsewhere (another thread), as
    /// [`Library::add_file`] would. Files added in [`deck_paths`] order
    /// replace each other as a whole load would.
    pub fn add_checked(&mut self, path: &Path, checked: Result<CheckedDeck, Vec<Diagnostic>>) {
        match checked {
            Ok(CheckedDeck { deck, warnings, decided }) => {
                let loaded = LoadedDeck { deck, origin: Origin::File(path.to_owned()), warnings, decided };
                if let Some(existing) = self.decks.iter_mut().find(|d| d.deck.id == loaded.deck.id) {
                    let replaced = match &existing.origin {
                        Origin::BuiltIn => None,
                        Origin::File(file) => Some(file.clone()),
                    };
                    // The same file read again (a deck rewritten in place) is
                    // no replacement to tell of.
                    if replaced.as_deref() != Some(path) {
                        self.notices.push(Notice::DeckReplaced {
                            id: loaded.deck.id.clone(),
                            by: path.to_owned(),
                            replaced,
                        });
                    }
                    *existing = loaded;
                } else {
                    self.decks.push(loaded);
                }
            }
            Err(diagnostics) => {
                self.failures.push(FailedDeck { file: path.display().to_string(), diagnostics });
            }
        }
    }

    #[must_use]
    pub fn find(&self, id: &str) -> Option<&LoadedDeck> {
        self.decks.iter().find(|loaded| loaded.deck.id == id)
    }
}

/// The user's deck files a library loads after the built-in decks, in
/// order: every `*.ron` under `deck_folder` (if given and present), then
/// `extra` files or folders.
#[must_use]
pub fn deck_paths(deck_folder: Option<&Path>, extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(folder) = deck_folder.filter(|folder| folder.is_dir()) {
        files.extend(deck_files(folder));
    }
    for path in extra {
        if path.is_dir() {
            files.extend(deck_files(path));
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Every `*.ron` file under a folder, searched recursively, sorted. Each
/// folder is read once however many links lead to it (a symlink loop would
/// otherwise never end), and only regular files are decks (a FIFO named
/// `x.ron` would block the reader forever).
#[must_use]
pub fn deck_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut visited = std::collections::BTreeSet::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(real) = std::fs::canonicalize(&dir) else { continue };
        if !visited.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            // Follows links: a linked deck or folder counts as what it points to.
            let Ok(metadata) = std::fs::metadata(&path) else { continue };
            if metadata.is_dir() {
                pending.push(path);
            } else if metadata.is_file() && path.extension().is_some_and(|ext| ext == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_again_replaces_its_deck_without_a_notice_and_another_file_with_one() {
        let folder = tempfile::tempdir().expect("temp");
        let deck = |title: &str| {
            format!(
                r#"Deck(id: "d", title: "{title}", content: Faq((entries: [(id: "a", question: "What is one plus one?", answer: "Two")])))"#
            )
        };
        let (first, second) = (folder.path().join("a.ron"), folder.path().join("b.ron"));
        std::fs::write(&first, deck("One")).expect("write");
        let mut library = Library::default();
        library.add_file(&first);
        std::fs::write(&first, deck("Two")).expect("write");
        library.add_file(&first);
        assert_eq!(library.decks.len(), 1);
        assert_eq!(library.decks[0].deck.title, "Two");
        assert!(library.notices.is_empty(), "{:?}", library.notices);
        std::fs::write(&second, deck("Three")).expect("write");
        library.add_file(&second);
        assert_eq!(library.decks.len(), 1);
        assert!(matches!(&library.notices[..], [Notice::DeckReplaced { replaced: Some(file), .. }] if *file == first));
    }
}
