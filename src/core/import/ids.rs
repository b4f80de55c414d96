//! Ids for imported entries, made from their key text where the sheet gives
//! none: readable, and the same each time the same file is imported.

use std::collections::BTreeSet;

use crate::core::text::normalize;

/// Longest id made from text, in characters.
const MAX_SLUG_CHARS: usize = 40;

/// Hands out ids unique within one deck.
#[derive(Debug, Default)]
pub struct IdMaker {
    used: BTreeSet<String>,
}

impl IdMaker {
    /// An id from an explicit id cell if there is one, else from the key text.
    pub fn make(&mut self, given: Option<&str>, key: &str) -> String {
        let base = match given.map(str::trim).filter(|id| !id.is_empty()) {
            Some(id) => id.chars().map(|c| if c == '/' || c.is_whitespace() { '-' } else { c }).collect(),
            None => slug(key),
        };
        let mut id = base.clone();
        let mut counter = 1;
        while !self.used.insert(id.clone()) {
            counter += 1;
            id = format!("{base}-{counter}");
        }
        id
    }
}

/// `Search engine optimisation (SEO)` → `search-engine-optimisation-seo`;
/// `社交媒体营销` → `社交媒体营销`.
#[must_use]
pub fn slug(text: &str) -> String {
    let lowered: String = text.chars().flat_map(char::to_lowercase).collect();
    let mut slug = String::new();
    for c in lowered.chars() {
        if normalize(&c.to_string()).is_empty() || !c.is_alphanumeric() {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push(c);
        }
        if slug.chars().count() >= MAX_SLUG_CHARS {
            break;
        }
    }
    let slug = slug.trim_matches('-').to_owned();
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
    }
}
