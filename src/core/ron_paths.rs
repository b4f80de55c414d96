//! Where each value stands in a RON text, by field path.
//!
//! `serde` forgets positions once a deck is parsed, but an author needs
//! `file:line:column` for a duplicate id or an empty text as much as for a
//! syntax error. This scanner walks a text that `ron` has already accepted
//! and records the position of every value under a path such as
//! `content.categories[2].items[0].text` or `content.aspects[1].cells{smm}`.

use rustc_hash::{FxHashMap, FxHashSet};

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

/// Positions of the values of one RON text.
#[derive(Debug, Default)]
pub struct PathIndex {
    /// (Fx hashing: a 100,000-entry deck's check records and finds a path
    /// per warning.)
    positions: FxHashMap<String, Position>,
}

impl PathIndex {
    #[must_use]
    pub fn new(text: &str) -> PathIndex {
        PathIndex::scan(text, None)
    }

    /// The positions of `paths` alone (and of the whole text): what a check
    /// that found a few problems in a large deck needs, without a string
    /// kept for every value of the file.
    #[must_use]
    pub fn of_paths<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> PathIndex {
        PathIndex::scan(text, Some(paths.into_iter().map(str::to_owned).collect()))
    }

    fn scan(text: &str, wanted: Option<FxHashSet<String>>) -> PathIndex {
        let mut scanner = Scanner { text, at: 0, line: 1, column: 1, index: PathIndex::default(), wanted };
        scanner.skip_trivia();
        // Inner attributes such as `#![enable(...)]` come first.
        while scanner.peek() == Some('#') {
            while !matches!(scanner.peek(), None | Some(']')) {
                scanner.bump();
            }
            scanner.bump();
            scanner.skip_trivia();
        }
        scanner.value("", 0);
        scanner.index
    }

    /// The position of the value at `path`, or of its nearest recorded
    /// parent, or the start of the file.
    #[must_use]
    pub fn locate(&self, path: &str) -> Position {
        let mut path = path;
        loop {
            if let Some(position) = self.positions.get(path) {
                return *position;
            }
            match path.rfind(['.', '[', '{']) {
                Some(cut) => path = &path[..cut],
                None => return self.positions.get("").copied().unwrap_or(Position::START),
            }
        }
    }
}

/// Deeper than this the scanner stops descending (the parser's own limit is lower).
const MAX_DEPTH: usize = 256;

struct Scanner<'t> {
    text: &'t str,
    /// The byte where the scan stands.
    at: usize,
    line: usize,
    column: usize,
    index: PathIndex,
    /// The paths to record, where not every one is.
    wanted: Option<FxHashSet<String>>,
}

impl Scanner<'_> {
    fn rest(&self) -> std::str::Chars<'_> {
        self.text.get(self.at..).unwrap_or_default().chars()
    }

    fn peek(&self) -> Option<char> {
        self.rest().next()
    }

    /// The character `offset` characters ahead: for short looks ahead only.
    fn peek_at(&self, offset: usize) -> Option<char> {
        self.rest().nth(offset)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn position(&self) -> Position {
        Position { line: self.line, column: self.column }
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 && self.peek().is_some() {
                        match (self.bump(), self.peek()) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, path: &str, depth: usize) {
        self.skip_trivia();
        let here = self.position();
        if path.is_empty() || self.wanted.as_ref().is_none_or(|wanted| wanted.contains(path)) {
            self.index.positions.entry(path.to_owned()).or_insert(here);
        }
        if depth > MAX_DEPTH {
            return;
        }
        match self.peek() {
            Some('"') => {
                self.string();
            }
            Some('r') if matches!(self.peek_at(1), Some('"' | '#')) => self.raw_string(),
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    match c {
                        '\\' => {
                            self.bump();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
            }
            Some('[') => {
                self.bump();
                self.sequence(']', |index| format!("{path}[{index}]"), depth);
            }
            Some('{') => {
                self.bump();
                self.map(path, depth);
            }
            Some('(') => {
                self.bump();
                self.group(path, depth);
            }
            Some(c) if c.is_alphanumeric() || c == '_' || c == '-' || c == '+' || c == '.' => {
                while self.peek().is_some_and(|c| c.is_alphanumeric() || "_-+.".contains(c)) {
                    self.bump();
                }
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.bump();
                    self.group(path, depth);
                }
            }
            _ => {
                self.bump();
            }
        }
    }

    /// Reads a quoted string and returns its contents (escapes kept simple:
    /// enough to name a map key).
    fn string(&mut self) -> String {
        let mut text = String::new();
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(escaped) = self.bump() {
                        text.push(escaped);
                    }
                }
                '"' => break,
                other => text.push(other),
            }
        }
        text
    }

    fn raw_string(&mut self) {
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        while let Some(c) = self.bump() {
            if c == '"' && (0..hashes).all(|offset| self.peek_at(offset) == Some('#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    fn sequence(&mut self, close: char, path_of: impl Fn(usize) -> String, depth: usize) {
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                Some(_) => {
                    let before = self.at;
                    self.value(&path_of(index), depth + 1);
                    index += 1;
                    if self.at == before {
                        self.bump();
                    }
                }
            }
        }
    }

    fn map(&mut self, path: &str, depth: usize) {
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                Some('"') => {
                    let key = self.string();
                    self.skip_trivia();
                    if self.peek() == Some(':') {
                        self.bump();
                    }
                    self.value(&format!("{path}{{{key}}}"), depth + 1);
                }
                Some(_) => {
                    let before = self.at;
                    self.value(&format!("{path}{{?}}"), depth + 1);
                    self.skip_trivia();
                    if self.peek() == Some(':') {
                        self.bump();
                        self.value(&format!("{path}{{?}}"), depth + 1);
                    }
                    if self.at == before {
                        self.bump();
                    }
                }
            }
        }
    }

    /// A parenthesised group: named fields (`name: value`) or a tuple. A tuple
    /// of one element — a newtype such as `Table((…))` — shares its path with
    /// its content, so that `content.subjects` reads as written.
    fn group(&mut self, path: &str, depth: usize) {
        self.skip_trivia();
        if self.peek() == Some(')') {
            self.bump();
            return;
        }
        if self.starts_named_field() {
            loop {
                self.skip_trivia();
                match self.peek() {
                    None => return,
                    Some(')') => {
                        self.bump();
                        return;
                    }
                    Some(',') => {
                        self.bump();
                    }
                    Some(_) => {
                        let name = self.identifier();
                        self.skip_trivia();
                        if name.is_empty() || self.peek() != Some(':') {
                            self.bump();
                            continue;
                        }
                        self.bump();
                        let field = if path.is_empty() { name } else { format!("{path}.{name}") };
                        self.value(&field, depth + 1);
                    }
                }
            }
        }
        let elements = self.count_elements();
        if elements == 1 {
            self.sequence(')', |_| path.to_owned(), depth);
        } else {
            self.sequence(')', |index| format!("{path}[{index}]"), depth);
        }
    }

    /// How many comma-separated elements the group that starts here holds,
    /// by a flat scan to its closing parenthesis.
    fn count_elements(&self) -> usize {
        let mut depth = 0usize;
        let mut elements = 0;
        let mut pending = false;
        let mut chars = self.rest().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    while let Some(inner) = chars.next() {
                        match inner {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            _ => {}
                        }
                    }
                    pending = true;
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    pending = true;
                }
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    elements += usize::from(pending);
                    pending = false;
                }
                '/' if chars.peek() == Some(&'/') => while chars.next_if(|&c| c != '\n').is_some() {},
                c if c.is_whitespace() => {}
                _ => pending = true,
            }
        }
        elements + usize::from(pending)
    }

    fn starts_named_field(&self) -> bool {
        if self.peek().is_none_or(|c| c.is_ascii_digit()) {
            return false;
        }
        let mut chars = self.rest().peekable();
        let mut name = 0;
        while chars.next_if(|&c| c.is_alphanumeric() || c == '_').is_some() {
            name += 1;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        name > 0 && chars.next() == Some(':')
    }

    fn identifier(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            name.push(c);
            self.bump();
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// a deck
Deck(
    id: "d",
    same: [("a", "b")],
    content: Table((
        subjects: [
            (id: "smm", name: "社交"),
            (id: "dm", name: "数字"),
        ],
        aspects: [(id: "scope", name: "范围", cells: {
            "smm": "x",
            "dm": "",
        })],
    )),
)
"#;

    #[test]
    fn finds_fields_elements_and_map_values() {
        let index = PathIndex::new(TEXT);
        assert_eq!(index.locate("id"), Position { line: 3, column: 9 });
        assert_eq!(index.locate("same[0][1]"), Position { line: 4, column: 18 });
        assert_eq!(index.locate("content.subjects[1].name"), Position { line: 8, column: 30 });
        assert_eq!(index.locate("content.aspects[0].cells{dm}"), Position { line: 12, column: 19 });
    }

    #[test]
    fn unknown_paths_fall_back_to_their_parent() {
        let index = PathIndex::new(TEXT);
        assert_eq!(index.locate("content.subjects[1].missing"), Position { line: 8, column: 13 });
        assert_eq!(index.locate("nothing"), Position { line: 2, column: 1 });
    }

    #[test]
    fn of_paths_records_the_paths_asked_alone() {
        let all = PathIndex::new(TEXT);
        let asked = PathIndex::of_paths(TEXT, ["content.subjects[1].name", "content.aspects[0].cells{dm}"]);
        for path in ["content.subjects[1].name", "content.aspects[0].cells{dm}", ""] {
            assert_eq!(asked.locate(path), all.locate(path), "{path}");
        }
        assert_eq!(asked.positions.len(), 3);
        // Another path falls back to the whole text.
        assert_eq!(asked.locate("id"), all.locate(""));
    }

    #[test]
    fn survives_unbalanced_and_deep_input() {
        let deep = "(".repeat(10_000);
        let index = PathIndex::new(&deep);
        assert_eq!(index.locate(""), Position::START);
        let _ = PathIndex::new("Deck(id: \"unterminated");
    }
}
