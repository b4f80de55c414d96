//! Where each value stands in a RON text, by field path.
//!
//! `serde` forgets positions once a deck is parsed, but an author needs
//! `file:line:column` for a duplicate id or an empty text as much as for a
//! syntax error. This scanner walks a text that `ron` has already accepted
//! and records the position of every value under a path such as
//! `content.categories[2].items[0].text` or `content.aspects[1].cells{smm}`.

use std::fmt::Write as _;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
        PathIndex::scan(text)
    }

    fn scan(text: &str) -> PathIndex {
        let mut scanner = Scanner::new(text, None);
        scanner.skip_head();
        scanner.value(&mut String::new(), 0);
        scanner.index
    }

    /// Whether the text has a value at `path`.
    #[cfg(test)]
    pub(crate) fn has(&self, path: &str) -> bool {
        self.positions.contains_key(path)
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

/// The position of each of `paths`, in their order: where the text has a
/// value at the path, where [`PathIndex::locate`] puts it; where it has
/// none, that of its nearest parent among `paths`, else the start of the
/// text's value. Only the paths asked are recorded: what a check that found
/// problems in a large deck needs, without a string kept for every value of
/// the file. Each path is hashed once, and again only where the scan passes
/// it; a warning is not looked up (a 100,000-entry deck may have a warning
/// for every other card, and looking each up read the index from anywhere
/// in memory).
///
/// Where `list` (a large deck's bulk, as its parse cut it) holds every path
/// asked, the list's stretches are scanned apart, on every core. Where a
/// path asked is not in the list, or not found in its stretches, the text
/// is scanned whole: the paths asked are located the same either way.
#[must_use]
pub fn positions_of(text: &str, paths: &[&str], list: Option<&Stretches>) -> Vec<Position> {
    // Each distinct path numbered once; a path asked again at once (a
    // deck's cards of one entry, one after another) is not hashed again.
    let mut wanted: Wanted<'_> = FxHashMap::default();
    wanted.reserve(paths.len());
    let mut numbers: Vec<u32> = Vec::with_capacity(paths.len());
    for (at, &path) in paths.iter().enumerate() {
        let number = match numbers.last() {
            Some(&number) if paths[at - 1] == path => number,
            _ => {
                let next = u32::try_from(wanted.len()).unwrap_or(u32::MAX);
                *wanted.entry(path).or_insert(next)
            }
        };
        numbers.push(number);
    }
    let found = list.and_then(|list| found_in_stretches(text, &wanted, list)).unwrap_or_else(|| {
        let mut scanner = Scanner::new(text, Some(&wanted));
        scanner.skip_head();
        scanner.value(&mut String::new(), 0);
        first_found(wanted.len(), [scanner.found])
    });
    // The whole text's, which a path found nowhere falls back to.
    let mut head = Scanner::new(text, None);
    head.skip_head();
    let start = head.position();
    let nearest = |path: &str| {
        let mut path = path;
        while let Some(cut) = path.rfind(['.', '[', '{']) {
            path = &path[..cut];
            if let Some(position) = wanted.get(path).and_then(|&number| found[number as usize]) {
                return position;
            }
        }
        start
    };
    paths.iter().zip(numbers).map(|(path, number)| found[number as usize].unwrap_or_else(|| nearest(path))).collect()
}

/// Paths asked of a scan (see [`positions_of`]), each by its number.
type Wanted<'p> = FxHashMap<&'p str, u32>;

/// Each asked path's position by its number, from the finds of scans in the
/// text's order: the first find of a path is its position.
fn first_found(count: usize, scans: impl IntoIterator<Item = Vec<(u32, Position)>>) -> Vec<Option<Position>> {
    let mut found = vec![None; count];
    for (number, position) in scans.into_iter().flatten() {
        found[number as usize].get_or_insert(position);
    }
    found
}

/// The positions of `wanted` found by scanning `list`'s stretches apart, on
/// every core; none where a path asked is not in the list or not found.
fn found_in_stretches(text: &str, wanted: &Wanted<'_>, list: &Stretches) -> Option<Vec<Option<Position>>> {
    let inside = format!("{}[", list.path);
    let in_order = list.stretches.windows(2).all(|pair| pair[0].0.end <= pair[1].0.start);
    let in_text = list.stretches.iter().all(|(stretch, _)| {
        stretch.start <= stretch.end && text.is_char_boundary(stretch.start) && text.is_char_boundary(stretch.end)
    });
    if !in_order || !in_text || wanted.keys().any(|path| !path.starts_with(&inside)) {
        return None;
    }
    let bytes = text.as_bytes();
    // Each stretch's first line: the line feeds before it, counted
    // between one stretch's start and the next over the cores.
    let starts: Vec<usize> = list.stretches.iter().map(|(stretch, _)| stretch.start).collect();
    let feeds: Vec<usize> = (0..starts.len())
        .into_par_iter()
        .map(|at| {
            let from = at.checked_sub(1).map_or(0, |before| starts[before]);
            memchr::memchr_iter(b'\n', &bytes[from..starts[at]]).count()
        })
        .collect();
    let mut line = 1;
    let lines: Vec<usize> = feeds
        .iter()
        .map(|feeds| {
            line += feeds;
            line
        })
        .collect();
    let scans: Vec<Vec<(u32, Position)>> = list
        .stretches
        .par_iter()
        .zip(lines)
        .map(|((stretch, first), line)| {
            let line_start = memchr::memrchr(b'\n', &bytes[..stretch.start]).map_or(0, |feed| feed + 1);
            let mut scanner = Scanner::new(&text[..stretch.end], Some(wanted));
            (scanner.at, scanner.line, scanner.line_start) = (stretch.start, line, line_start);
            let mut path = list.path.to_owned();
            // From the list's depth: a parsed deck is far shallower than
            // where the scanner stops descending, whatever the depth.
            scanner.sequence_from(']', &mut path, Some(*first), 0);
            scanner.found
        })
        .collect();
    let found = first_found(wanted.len(), scans);
    // Every path asked was found, or the stretches are not to be trusted.
    found.iter().all(Option::is_some).then_some(found)
}

/// Deeper than this the scanner stops descending (the parser's own limit is lower).
const MAX_DEPTH: usize = 256;

/// A list of a RON text whose elements stand in stretches that can be
/// scanned apart (see [`PathIndex::of_paths_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretches {
    /// The list's path (`content.entries`).
    pub path: &'static str,
    /// Each stretch, in order: its bytes, from the list's first element or
    /// just past a comma between its elements, to just past such a comma or
    /// to the list's closing bracket; and the index of its first element.
    pub stretches: Vec<(Range<usize>, usize)>,
}

/// Walks a text byte by byte where it can: every character RON gives a
/// meaning to is ASCII, and most of a deck's bytes are inside strings, which
/// are skipped with `memchr` (a 100,000-entry deck's check scans 20 MB to
/// locate its warnings). A column is counted only for a position recorded.
struct Scanner<'t, 'w, 'p> {
    text: &'t str,
    /// The byte where the scan stands (always at a character's start).
    at: usize,
    line: usize,
    /// The byte where the current line begins.
    line_start: usize,
    /// The last position whose column was counted, as its byte and column:
    /// a later one on the same line counts on from there.
    counted: (usize, usize),
    /// Every value's position, where no paths are asked.
    index: PathIndex,
    /// The paths asked, where they are (see [`positions_of`]), and each
    /// found, by its number, in the text's order.
    wanted: Option<&'w Wanted<'p>>,
    found: Vec<(u32, Position)>,
}

impl<'t, 'w, 'p> Scanner<'t, 'w, 'p> {
    /// A scanner at the start of `text`.
    fn new(text: &'t str, wanted: Option<&'w Wanted<'p>>) -> Scanner<'t, 'w, 'p> {
        let index = PathIndex::default();
        Scanner { text, at: 0, line: 1, line_start: 0, counted: (0, 1), index, wanted, found: Vec::new() }
    }

    /// Moves past what comes before a text's value: white space, comments
    /// and inner attributes such as `#![enable(...)]`.
    fn skip_head(&mut self) {
        self.skip_trivia();
        while self.peek() == Some('#') {
            while !matches!(self.peek(), None | Some(']')) {
                self.bump();
            }
            self.bump();
            self.skip_trivia();
        }
    }

    fn rest(&self) -> std::str::Chars<'t> {
        self.text.get(self.at..).unwrap_or_default().chars()
    }

    fn peek(&self) -> Option<char> {
        let byte = *self.text.as_bytes().get(self.at)?;
        if byte.is_ascii() { Some(char::from(byte)) } else { self.rest().next() }
    }

    /// The character `offset` characters ahead: for short looks ahead only.
    fn peek_at(&self, offset: usize) -> Option<char> {
        self.rest().nth(offset)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.new_line();
        }
        Some(c)
    }

    /// Notes a line starting at the scan's byte, just past a line feed.
    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.at;
    }

    fn position(&mut self) -> Position {
        let (from, column) = if self.counted.0 >= self.line_start { self.counted } else { (self.line_start, 1) };
        let column = column + self.text.get(from..self.at).unwrap_or_default().chars().count();
        self.counted = (self.at, column);
        Position { line: self.line, column }
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    let rest = &self.text.as_bytes()[self.at..];
                    self.at += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
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

    /// Records the value starting here under `path` (where wanted) and
    /// moves past it. `path` is one buffer for the whole scan: each level
    /// appends its part and takes it off again.
    fn value(&mut self, path: &mut String, depth: usize) {
        self.skip_trivia();
        match self.wanted {
            Some(wanted) => {
                if let Some(&number) = wanted.get(path.as_str()) {
                    let here = self.position();
                    self.found.push((number, here));
                }
            }
            None if !self.index.positions.contains_key(path.as_str()) => {
                let here = self.position();
                self.index.positions.insert(path.clone(), here);
            }
            None => {}
        }
        if depth > MAX_DEPTH {
            return;
        }
        match self.peek() {
            Some('"') => self.skip_string(),
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
                self.sequence(']', path, true, depth);
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

    /// Moves past the quoted string starting here, by its quotes,
    /// backslashes and line feeds alone.
    fn skip_string(&mut self) {
        self.bump();
        let bytes = self.text.as_bytes();
        while let Some(found) = memchr::memchr3(b'"', b'\\', b'\n', &bytes[self.at..]) {
            self.at += found + 1;
            match bytes[self.at - 1] {
                b'"' => return,
                b'\\' => {
                    self.bump();
                }
                _ => self.new_line(),
            }
        }
        self.at = bytes.len();
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

    /// The elements up to `close`, each under `path` with its index
    /// appended (`[2]`), or under `path` itself where not `indexed`.
    fn sequence(&mut self, close: char, path: &mut String, indexed: bool, depth: usize) {
        self.sequence_from(close, path, indexed.then_some(0), depth);
    }

    /// [`Scanner::sequence`] of elements indexed from `first` (none: not
    /// indexed), as where a scan begins in the middle of a list.
    fn sequence_from(&mut self, close: char, path: &mut String, first: Option<usize>, depth: usize) {
        let base = path.len();
        let mut index = first.unwrap_or(0);
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
                    if first.is_some() {
                        let _ = write!(path, "[{index}]");
                    }
                    self.value(path, depth + 1);
                    path.truncate(base);
                    index += 1;
                    if self.at == before {
                        self.bump();
                    }
                }
            }
        }
    }

    fn map(&mut self, path: &mut String, depth: usize) {
        let base = path.len();
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
                    let _ = write!(path, "{{{key}}}");
                    self.value(path, depth + 1);
                    path.truncate(base);
                }
                Some(_) => {
                    let before = self.at;
                    path.push_str("{?}");
                    self.value(path, depth + 1);
                    path.truncate(base);
                    self.skip_trivia();
                    if self.peek() == Some(':') {
                        self.bump();
                        path.push_str("{?}");
                        self.value(path, depth + 1);
                        path.truncate(base);
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
    fn group(&mut self, path: &mut String, depth: usize) {
        self.skip_trivia();
        if self.peek() == Some(')') {
            self.bump();
            return;
        }
        if self.starts_named_field() {
            let base = path.len();
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
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(name);
                        self.value(path, depth + 1);
                        path.truncate(base);
                    }
                }
            }
        }
        let elements = self.count_elements();
        self.sequence(')', path, elements != 1, depth);
    }

    /// How many comma-separated elements the group that starts here holds,
    /// by a flat scan to its closing parenthesis.
    fn count_elements(&self) -> usize {
        let bytes = self.text.as_bytes();
        let (mut at, mut depth, mut elements, mut pending) = (self.at, 0usize, 0, false);
        while let Some(&byte) = bytes.get(at) {
            at += 1;
            match byte {
                b'"' => {
                    // To the closing quote, past escaped characters (whose
                    // bytes are never taken for a quote or a backslash).
                    at = loop {
                        match memchr::memchr2(b'"', b'\\', bytes.get(at..).unwrap_or_default()) {
                            Some(found) if bytes[at + found] == b'"' => break at + found + 1,
                            Some(found) => at += found + 2,
                            None => break bytes.len(),
                        }
                    };
                    pending = true;
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    pending = true;
                }
                b')' | b']' | b'}' if depth == 0 => break,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => {
                    elements += usize::from(pending);
                    pending = false;
                }
                b'/' if bytes.get(at) == Some(&b'/') => {
                    at += memchr::memchr(b'\n', &bytes[at..]).unwrap_or(bytes.len() - at);
                }
                _ if byte.is_ascii() => pending |= !char::from(byte).is_whitespace(),
                _ => {
                    // A character of several bytes, read whole from its first.
                    let c = self.text.get(at - 1..).and_then(|rest| rest.chars().next()).unwrap_or_default();
                    at += c.len_utf8().saturating_sub(1);
                    pending |= !c.is_whitespace();
                }
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

    fn identifier(&mut self) -> &'t str {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        self.text.get(start..self.at).unwrap_or_default()
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
    fn columns_count_characters_past_strings_of_several_lines_escapes_and_comments() {
        let text =
            "Deck(\n    a: \"社交\\\"\n续\", b: \"x\",\n    c: [\"\\\\\", /* 注释 */ \"y\"], // 尾\n    d: 'é',\n)";
        let index = PathIndex::new(text);
        assert_eq!(index.locate("a"), Position { line: 2, column: 8 });
        assert_eq!(index.locate("b"), Position { line: 3, column: 8 });
        assert_eq!(index.locate("c[0]"), Position { line: 4, column: 9 });
        assert_eq!(index.locate("c[1]"), Position { line: 4, column: 24 });
        assert_eq!(index.locate("d"), Position { line: 5, column: 8 });
        assert_eq!(positions_of(text, &["c[1]"], None), [Position { line: 4, column: 24 }]);
    }

    #[test]
    fn a_newtype_holding_a_string_with_an_escaped_quote_is_one_element() {
        let text = "Deck(content: T((\"x\\\", y\")), next: \"z\")";
        let index = PathIndex::new(text);
        assert_eq!(index.locate("content"), Position { line: 1, column: 15 });
        assert!(!index.positions.contains_key("content[0]"));
        assert_eq!(index.locate("next"), Position { line: 1, column: 36 });
    }

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
    fn paths_asked_are_located_as_the_whole_index_locates_them() {
        let all = PathIndex::new(TEXT);
        let paths = [
            "content.subjects[1].name",
            "content.aspects[0].cells{dm}",
            "content.aspects[0].cells{dm}",
            "",
            "content.subjects[1].name",
        ];
        let expected: Vec<Position> = paths.iter().map(|path| all.locate(path)).collect();
        assert_eq!(positions_of(TEXT, &paths, None), expected);
        // A path not in the text falls back to its nearest parent asked,
        // else to the whole text (not to a parent no one asked for).
        let odd = ["content.subjects[1]", "content.subjects[1].missing", "content.aspects[0].missing", "id"];
        let located = positions_of(TEXT, &odd, None);
        assert_eq!(located, [all.locate(odd[0]), all.locate(odd[0]), all.locate(""), all.locate("id")]);
    }

    #[test]
    fn survives_unbalanced_and_deep_input() {
        let deep = "(".repeat(10_000);
        let index = PathIndex::new(&deep);
        assert_eq!(index.locate(""), Position::START);
        let _ = PathIndex::new("Deck(id: \"unterminated");
    }
}
