//! A large deck's text parsed over the cores.
//!
//! `ron` parses a text value after value on one core: a tenth of a
//! 100,000-entry deck's check, with the other core idle. A deck's bulk is one
//! list — an FAQ's entries, a lists deck's lists — whose elements stand
//! apart in the text, so runs of them are parsed on every core at once and
//! joined in order, and the rest of the deck (its head, the last run and its
//! end) beside them.
//!
//! The runs are found by one pass over the text that steps over strings and
//! comments; anything it does not expect of a deck (extensions, a character
//! literal, a raw identifier, a byte outside ASCII between values) and any
//! run that does not parse leaves the text to the whole parse, which reports
//! errors where they are. A run parses alone exactly when it parses in its
//! place: each begins after a comma of the list, or at its start, and ends
//! with a comma of the list, so the runs and the rest are the text cut
//! between elements, and a missing comma or a stray bracket in any of them
//! fails its parse.

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::core::deck::{Category, Content, Deck, FaqEntry};
use crate::core::ron_paths::Stretches;

/// Texts shorter than this are parsed whole.
const SPLIT_FROM: usize = 1 << 20;
/// About how many bytes of a deck's bulk each run holds.
const RUN_BYTES: usize = 256 * 1024;

/// A deck's text parsed over the cores, with the stretches of its bulk list
/// that its positions can be scanned in apart, or `None` where it is parsed
/// whole (see the module's note).
pub(super) fn parse(text: &str, options: &ron::Options) -> Option<(Deck, Stretches)> {
    if text.len() < SPLIT_FROM {
        return None;
    }
    let bulk = Bulk::find(text)?;
    let (runs, last) = bulk.runs();
    if runs.is_empty() {
        return None;
    }
    let rest = [&text[..bulk.open], &text[last..]].concat();
    let pieces = Pieces { text, options, runs: &runs, rest: &rest };
    let deck = match bulk.kind {
        BulkKind::Entries => pieces.parse::<FaqEntry>(|content| match content {
            Content::Faq(faq) => Some(&mut faq.entries),
            _ => None,
        }),
        BulkKind::Categories => pieces.parse::<Category>(|content| match content {
            Content::Lists(lists) => Some(&mut lists.categories),
            _ => None,
        }),
    }?;
    Some((deck, bulk.stretches(&runs, last)))
}

/// A deck's text cut for [`parse`]: the runs of its bulk list's elements
/// (byte ranges of `text`), and the rest of the deck with the last run.
struct Pieces<'p> {
    text: &'p str,
    options: &'p ron::Options,
    runs: &'p [std::ops::Range<usize>],
    rest: &'p str,
}

impl Pieces<'_> {
    /// The runs' elements of type `T`, parsed over the cores, put before
    /// those of the bulk list the rest holds (`bulk_of` finds it); `None` if
    /// any piece does not parse.
    fn parse<T: DeserializeOwned + Send>(&self, bulk_of: fn(&mut Content) -> Option<&mut Vec<T>>) -> Option<Deck> {
        let gather = || -> Option<Vec<Vec<T>>> {
            self.runs
                .par_iter()
                .map(|run| {
                    let list = ["[", &self.text[run.clone()], "]"].concat();
                    self.options.from_str::<Vec<T>>(&list).ok()
                })
                .collect()
        };
        let (deck, runs) = rayon::join(|| self.options.from_str::<Deck>(self.rest).ok(), gather);
        let (mut deck, runs) = (deck?, runs?);
        let bulk = bulk_of(&mut deck.content)?;
        let last = std::mem::take(bulk);
        bulk.reserve_exact(runs.iter().map(Vec::len).sum::<usize>() + last.len());
        for run in runs {
            bulk.extend(run);
        }
        bulk.extend(last);
        Some(deck)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BulkKind {
    /// `content: Faq((entries: [...]))`.
    Entries,
    /// `content: Lists((categories: [...]))`.
    Categories,
}

/// Where a deck's bulk list stands in its text: the byte after its `[`, the
/// byte after each comma between its elements, and its `]`.
#[derive(Debug, PartialEq, Eq)]
struct Bulk {
    kind: BulkKind,
    open: usize,
    commas: Vec<usize>,
    close: usize,
}

impl Bulk {
    fn find(text: &str) -> Option<Bulk> {
        let mut lexer = Lexer { bytes: text.as_bytes(), at: 0, depth: 0 };
        if lexer.next()? == Token::Hash {
            // Extensions change how the rest reads.
            return None;
        }
        (lexer.at, lexer.depth) = (0, 0);
        let kind = loop {
            match lexer.next()? {
                Token::Identifier("content") if lexer.depth == 1 => break lexer.bulk_kind()?,
                Token::End => return None,
                _ => {}
            }
        };
        let open = lexer.at;
        let depth = lexer.depth;
        let mut commas = Vec::new();
        loop {
            match lexer.next()? {
                Token::Comma if lexer.depth == depth => commas.push(lexer.at),
                Token::Close if lexer.depth < depth => break,
                Token::End => return None,
                _ => {}
            }
        }
        Some(Bulk { kind, open, commas, close: lexer.at - 1 })
    }

    /// The list's runs (see [`Bulk::runs`]) and its last run, each with the
    /// index of its first element, and the list's path.
    fn stretches(&self, runs: &[std::ops::Range<usize>], last: usize) -> Stretches {
        // A run begins at the list's start or just past the comma after the
        // element before its first.
        let first = |start: usize| self.commas.binary_search(&start).map_or(0, |comma| comma + 1);
        let stretches = runs.iter().cloned().chain(std::iter::once(last..self.close));
        Stretches {
            path: match self.kind {
                BulkKind::Entries => "content.entries",
                BulkKind::Categories => "content.categories",
            },
            stretches: stretches.map(|stretch| (stretch.clone(), first(stretch.start))).collect(),
        }
    }

    /// The runs of elements parsed apart (each about [`RUN_BYTES`]), and
    /// where the last run, parsed with the rest of the deck, begins.
    fn runs(&self) -> (Vec<std::ops::Range<usize>>, usize) {
        let mut runs = Vec::new();
        let mut start = self.open;
        for &comma in &self.commas {
            if comma - start >= RUN_BYTES && self.close - comma >= RUN_BYTES {
                runs.push(start..comma);
                start = comma;
            }
        }
        (runs, start)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'t> {
    Open,
    Close,
    Comma,
    Colon,
    Hash,
    Identifier(&'t str),
    /// A string, a number or any other value read whole.
    Other,
    End,
}

/// RON's tokens as far as finding a deck's bulk needs: brackets (with the
/// depth they leave), commas, colons and identifiers; strings and comments
/// stepped over. `None` for what a deck does not hold.
struct Lexer<'t> {
    bytes: &'t [u8],
    at: usize,
    depth: usize,
}

impl<'t> Lexer<'t> {
    fn next(&mut self) -> Option<Token<'t>> {
        self.skip_trivia()?;
        let Some(&byte) = self.bytes.get(self.at) else { return Some(Token::End) };
        self.at += 1;
        Some(match byte {
            b'(' | b'[' | b'{' => {
                self.depth += 1;
                Token::Open
            }
            b')' | b']' | b'}' => {
                self.depth = self.depth.checked_sub(1)?;
                Token::Close
            }
            b',' => Token::Comma,
            b':' => Token::Colon,
            b'#' => Token::Hash,
            b'"' => {
                self.string()?;
                Token::Other
            }
            b'\'' => return None,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let start = self.at - 1;
                while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
                    self.at += 1;
                }
                let word = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                match (word, self.bytes.get(self.at)) {
                    ("b", Some(b'"')) => {
                        self.at += 1;
                        self.string()?;
                        Token::Other
                    }
                    ("r" | "br", Some(b'"' | b'#')) => {
                        self.raw_string()?;
                        Token::Other
                    }
                    _ => Token::Identifier(word),
                }
            }
            byte if byte.is_ascii() => Token::Other,
            _ => return None,
        })
    }

    /// After `content` at the deck's top: `: Faq((entries: [` or
    /// `: Lists((categories: [`, the inner struct's name written or not.
    fn bulk_kind(&mut self) -> Option<BulkKind> {
        let expect = |lexer: &mut Lexer<'t>, token: Token| (lexer.next()? == token).then_some(());
        expect(self, Token::Colon)?;
        let kind = match self.next()? {
            Token::Identifier("Faq") => BulkKind::Entries,
            Token::Identifier("Lists") => BulkKind::Categories,
            _ => return None,
        };
        let name = if kind == BulkKind::Entries { "Faq" } else { "Lists" };
        let field = if kind == BulkKind::Entries { "entries" } else { "categories" };
        expect(self, Token::Open)?;
        match self.next()? {
            Token::Open => {}
            Token::Identifier(word) if word == name => expect(self, Token::Open)?,
            _ => return None,
        }
        expect(self, Token::Identifier(field))?;
        expect(self, Token::Colon)?;
        // The list's own bracket, not a group's.
        (self.next()? == Token::Open && self.bytes[self.at - 1] == b'[').then_some(kind)
    }

    /// Steps over white space and comments (block comments nest in RON).
    fn skip_trivia(&mut self) -> Option<()> {
        loop {
            match (self.bytes.get(self.at), self.bytes.get(self.at + 1)) {
                (Some(byte), _) if byte.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    self.at =
                        memchr::memchr(b'\n', &self.bytes[self.at..]).map_or(self.bytes.len(), |end| self.at + end);
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut open = 1;
                    while open > 0 {
                        match (self.bytes.get(self.at)?, self.bytes.get(self.at + 1)) {
                            (b'/', Some(b'*')) => (open, self.at) = (open + 1, self.at + 2),
                            (b'*', Some(b'/')) => (open, self.at) = (open - 1, self.at + 2),
                            _ => self.at += 1,
                        }
                    }
                }
                _ => return Some(()),
            }
        }
    }

    /// Steps over a string whose opening quote is behind.
    fn string(&mut self) -> Option<()> {
        loop {
            let found = memchr::memchr2(b'"', b'\\', &self.bytes[self.at..])?;
            self.at += found + 1;
            if self.bytes[self.at - 1] == b'"' {
                return Some(());
            }
            // An escape: the escaped byte is stepped over too.
            self.at += 1;
        }
    }

    /// Steps over a raw string (`r#"…"#`) whose `r` is behind.
    fn raw_string(&mut self) -> Option<()> {
        let hashes = self.bytes[self.at..].iter().take_while(|&&byte| byte == b'#').count();
        self.at += hashes;
        if self.bytes.get(self.at) != Some(&b'"') {
            // A raw identifier.
            return None;
        }
        self.at += 1;
        loop {
            let found = memchr::memchr(b'"', &self.bytes[self.at..])?;
            self.at += found + 1;
            if self.bytes[self.at..].iter().take(hashes).take_while(|&&byte| byte == b'#').count() == hashes {
                self.at += hashes;
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::core::ron_paths::{PathIndex, positions_of};

    fn options() -> ron::Options {
        ron::Options::default().with_recursion_limit(super::super::MAX_NESTING)
    }

    /// `text` is cut at the `commas` of a bulk list of `kind`, into several
    /// runs, and parses over the cores as it parses whole.
    fn assert_parses_as_whole(text: &str, kind: BulkKind, commas: usize) {
        let bulk = Bulk::find(text).expect("the bulk list is found");
        assert_eq!(bulk.kind, kind);
        assert_eq!(bulk.commas.len(), commas);
        assert!(bulk.runs().0.len() > 3, "split into runs");
        let whole: Deck = options().from_str(text).expect("parses");
        assert_eq!(parse(text, &options()).map(|(deck, _)| deck), Some(whole));
    }

    /// A deck of `count` entries or lists, laid out as `import` and the
    /// bench decks write it, with strings and comments that hold brackets,
    /// commas and quotes.
    fn faq_text(count: usize) -> String {
        let mut text = String::from(
            "// a deck (of \"entries\": [\n/* content: Faq((entries: [ /* nested */ ]) */\nDeck(\n    id: \"big\",\n    title: \"content: Faq((entries: [\",\n    same: [(\"e1\", \"e2\")],\n    content: Faq((\n        entries: [\n",
        );
        for at in 0..count {
            let _ = writeln!(
                text,
                "            (id: \"e{at}\", question: \"Q {at}), ( \\\"quoted\\\" [x]?\", answer: r#\"A \"{at}\"],\"#, accepted: [\"a{at}\", \"社交{at}\"]), // ]),"
            );
        }
        text.push_str("        ],\n    )),\n)\n");
        text
    }

    fn lists_text(lists: usize, items: usize) -> String {
        let mut text = String::from("Deck(id: \"l\", title: \"L\", content: Lists(Lists(categories: [\n");
        for list in 0..lists {
            let _ = writeln!(text, "(id: \"list-{list}\", name: \"List, {list}\", items: [");
            for item in 0..items {
                let _ = writeln!(text, "(id: \"i{list}-{item}\", text: \"项目 {item}\", also_in: [\"x\"]),");
            }
            text.push_str("]),\n");
        }
        text.push_str("]))\n)\n");
        text
    }

    #[test]
    fn a_large_faq_parses_over_the_cores_as_it_parses_whole() {
        let text = faq_text(20_000);
        assert!(text.len() > 4 * RUN_BYTES);
        assert_parses_as_whole(&text, BulkKind::Entries, 20_000);
    }

    #[test]
    fn a_large_lists_deck_parses_over_the_cores_as_it_parses_whole() {
        // Lists and items begin their lines alike: only depth tells them apart.
        assert_parses_as_whole(&lists_text(40, 1_000), BulkKind::Categories, 40);
    }

    /// `paths` are located in `text` over the stretches its parse found as
    /// they are by a scan of the whole text.
    fn assert_located_as_whole(text: &str, paths: &[String]) {
        let (_, stretches) = parse(text, &options()).expect("parsed over the cores");
        assert!(stretches.stretches.len() > 3, "several stretches");
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let whole = positions_of(text, &paths, None);
        assert_eq!(positions_of(text, &paths, Some(&stretches)), whole);
        // Each path in the text where the index of every value puts it.
        let index = PathIndex::new(text);
        for (path, position) in paths.iter().zip(&whole) {
            if index.has(path) {
                assert_eq!(*position, index.locate(path), "{path}");
            }
        }
    }

    #[test]
    fn warnings_are_located_over_the_stretches_as_in_the_whole_text() {
        // Entries on lines of their own, after a head of comments, strings
        // and comments holding brackets, commas, quotes and line feeds.
        let text = faq_text(20_000).replace("question: \"Q 1", "question: \"Q\n 1");
        let entries: Vec<String> = (0..20_000).step_by(7).map(|at| format!("content.entries[{at}]")).collect();
        assert_located_as_whole(&text, &entries);
        // Each asked twice over, as a deck's cards of one entry are.
        let twice: Vec<String> = entries.iter().flat_map(|path| [path.clone(), path.clone()]).collect();
        assert_located_as_whole(&text, &twice);
        // Deeper paths, and several elements on one line (columns).
        let deeper: Vec<String> = (0..20_000).step_by(13).map(|at| format!("content.entries[{at}].answer")).collect();
        assert_located_as_whole(&text.replace("), // ]),\n            (id:", "), (id:"), &deeper);
        // Items of a lists deck's lists.
        let items: Vec<String> = (0..40)
            .flat_map(|list| {
                (0..1_000).step_by(37).map(move |item| format!("content.categories[{list}].items[{item}]"))
            })
            .collect();
        assert_located_as_whole(&lists_text(40, 1_000), &items);
        // A path outside the list, or not in it, sends the text to the whole scan.
        for odd in ["title", "content.entries[20000]", "content.entries[12].nothing"] {
            let paths = [entries.clone(), vec![odd.to_owned()]].concat();
            assert_located_as_whole(&text, &paths);
        }
    }

    #[test]
    fn a_path_the_stretches_miss_is_located_by_the_whole_scan() {
        // Stretches whose first elements are numbered one too high: the
        // first entry asked is then in none, and every path is located as
        // the whole text locates it, not where the stretches would put it.
        let text = faq_text(20_000);
        let (_, mut stretches) = parse(&text, &options()).expect("parsed over the cores");
        for (_, first) in &mut stretches.stretches {
            *first += 1;
        }
        let paths: Vec<String> = (0..20_000).step_by(7).map(|at| format!("content.entries[{at}]")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(positions_of(&text, &paths, Some(&stretches)), positions_of(&text, &paths, None));
    }

    #[test]
    fn a_fault_anywhere_leaves_the_text_to_the_whole_parse() {
        let text = faq_text(20_000);
        let middle = text.find("(id: \"e10000\"").expect("an entry");
        // Where a run ends: after a comma between two entries.
        let (runs, _) = Bulk::find(&text).expect("the entries are found").runs();
        let between = runs[1].end - 1;
        assert_eq!(&text[between..=between], ",");
        for broken in [
            // A missing comma between two entries, where a run would end.
            [&text[..between], &text[between + 1..]].concat(),
            // A field unknown to an entry.
            [&text[..=middle], "oops: 1, ", &text[middle + 1..]].concat(),
            // An unclosed string.
            [&text[..=middle], "id: \"x, ", &text[middle + 1..]].concat(),
        ] {
            assert!(options().from_str::<Deck>(&broken).is_err());
            assert_eq!(parse(&broken, &options()), None);
        }
    }

    #[test]
    fn what_a_deck_does_not_hold_is_left_to_the_whole_parse() {
        let text = faq_text(20_000);
        for odd in [
            format!("#![enable(implicit_some)]\n{text}"),
            text.replacen("question: \"Q 7", "question: 'q', x: \"Q 7", 1),
            text.replacen("(id: \"e5\"", "(r#id: \"e5\"", 1),
        ] {
            assert!(Bulk::find(&odd).is_none() || parse(&odd, &options()).is_none());
        }
        assert!(parse(&faq_text(10), &options()).is_none(), "a small deck is parsed whole");
    }
}
