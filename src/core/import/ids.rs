//! Ids for imported entries, made from their key text where the sheet gives
//! none: readable, and the same each time the same file is imported.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::deck::entry_id_fault;
use crate::core::text::{is_common_ideograph, normalize};

/// Longest id made from text, in characters.
const MAX_SLUG_CHARS: usize = 40;

/// Hands out ids unique within one deck. Only ever asked whether an id is
/// taken, never walked: hashed, and the ids stay the same from run to run.
#[derive(Debug, Default)]
pub struct IdMaker {
    used: FxHashSet<String>,
    /// The next counter to try for each base: ten thousand rows of one name
    /// must not try 1, 2, 3… each time.
    next: FxHashMap<String, usize>,
}

impl IdMaker {
    /// An id from an explicit id cell (an `id` column, an Anki guid) kept
    /// exactly where it can be an entry id, else from the key text.
    pub fn make(&mut self, given: Option<&str>, key: &str) -> String {
        let base = match given.filter(|id| !id.is_empty()) {
            Some(id) if is_entry_id(id) => id.to_owned(),
            Some(id) => slug(id),
            None => slug(key),
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let counter = self.next.entry(base.clone()).or_insert(1);
        loop {
            *counter += 1;
            let id = format!("{base}-{counter}");
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Whether a text can be an entry id as it stands: card ids join deck,
/// entry and kind with `/`, and ids are written in RON and shown in lists.
#[must_use]
pub fn is_entry_id(id: &str) -> bool {
    entry_id_fault(id).is_none() && !id.chars().any(char::is_control)
}

/// `Search engine optimisation (SEO)` → `search-engine-optimisation-seo`;
/// `社交媒体营销` → `社交媒体营销`.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len().min(4 * MAX_SLUG_CHARS));
    let mut chars = 0;
    // Takes a lower-case character; whether the slug has room for more.
    let mut take = |c: char| {
        // A letter or digit of ASCII or a common ideograph is itself once
        // normalised: no string made for it (ids of 100,000 rows).
        let kept = c.is_ascii_alphanumeric()
            || is_common_ideograph(c)
            || (!normalize(&c.to_string()).is_empty() && c.is_alphanumeric());
        if kept {
            slug.push(c);
            chars += 1;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
            chars += 1;
        }
        chars < MAX_SLUG_CHARS
    };
    for c in text.chars() {
        // ASCII and common ideographs lower-case without the Unicode tables.
        let room = if c.is_ascii() || is_common_ideograph(c) {
            take(c.to_ascii_lowercase())
        } else {
            c.to_lowercase().all(&mut take)
        };
        if !room {
            break;
        }
    }
    // A slug never starts with `-`; it may end with one.
    if slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() { "entry".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_unique() {
        assert_eq!(slug("Search engine optimisation (SEO)"), "search-engine-optimisation-seo");
        assert_eq!(slug("社交媒体营销：范围"), "社交媒体营销-范围");
        assert_eq!(slug("!!!"), "entry");
        let mut maker = IdMaker::default();
        assert_eq!(maker.make(None, "Scope"), "scope");
        assert_eq!(maker.make(None, "scope"), "scope-2");
        assert_eq!(maker.make(Some("my id"), "x"), "my-id");
        assert_eq!(maker.make(Some("L]APQnsbzL"), "x"), "L]APQnsbzL", "guids kept exactly");
        assert_eq!(maker.make(Some("a/b+c"), "x"), "a-b-c");
    }

    #[test]
    fn ten_thousand_alike_names_take_linear_time() {
        let mut maker = IdMaker::default();
        for _ in 0..10_000 {
            maker.make(None, "name");
        }
        assert_eq!(maker.make(None, "name"), "name-10001");
        assert_eq!(maker.next.get("name"), Some(&10_001), "each counter tried once");
    }
}
