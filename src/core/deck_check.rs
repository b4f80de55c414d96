//! Reading a deck file: parsing, validation, and diagnostics that name
//! `file:line:column`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::core::deck::{Content, Deck, FieldPath, IdFault, MAX_ID_CHARS, deck_id_problem, entry_id_fault};
use crate::core::generate::{Decided, Generator, Skip, decide};
use crate::core::question::QuestionKind;
use crate::core::ron_paths::{PathIndex, Position, Stretches, positions_of};
use crate::core::text::{Comparable, near_duplicate, normalize, normalizes_to_empty};

/// Largest deck file read; a larger one is refused without being loaded. A
/// 100,000-item deck, as `import` writes it, fits in one file.
pub const MAX_DECK_BYTES: u64 = 64 * 1024 * 1024;
/// Longest line accepted in a deck file.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted (a deck needs about eight levels).
const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a deck file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// What is wrong, as a value each language words for itself.
    pub problem: Problem,
    /// Where in the deck, in the deck's own terms, where it parsed.
    pub place: Option<Place>,
}

impl Diagnostic {
    fn new(file: &str, position: Position, severity: Severity, problem: Problem) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: position.line,
            column: position.column,
            severity,
            problem,
            place: None,
        }
    }

    /// The problem in English, as the command line prints it: worded when
    /// asked, not kept for each of a large deck's warnings.
    #[must_use]
    pub fn message(&self) -> String {
        self.problem.to_string()
    }

    /// A problem with the whole file (missing, unreadable, too big), at 1:1.
    #[must_use]
    pub fn whole_file(file: &str, problem: Problem) -> Self {
        Diagnostic::new(file, Position::START, Severity::Error, problem)
    }
}

/// A text field of a deck, as problems name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    SubjectName,
    AspectName,
    Cell,
    Question,
    Answer,
    AcceptedAnswer,
    CategoryName,
    ItemText,
}

impl Field {
    #[must_use]
    pub fn english(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::SubjectName => "subject name",
            Field::AspectName => "aspect name",
            Field::Cell => "cell",
            Field::Question => "question",
            Field::Answer => "answer",
            Field::AcceptedAnswer => "accepted answer",
            Field::CategoryName => "category name",
            Field::ItemText => "item text",
        }
    }
}

/// Which list a duplicated name is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameList {
    Subject,
    Aspect,
    Category,
}

impl NameList {
    fn english(self) -> &'static str {
        match self {
            NameList::Subject => "subject",
            NameList::Aspect => "aspect",
            NameList::Category => "category",
        }
    }
}

/// A place in a deck in its own terms ("aspect 2, 平台"), numbered from 1
/// as an author counts, instead of the file's field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Subject { number: usize, name: String },
    Aspect { number: usize, name: String },
    Entry { number: usize, question: String },
    Category { number: usize, name: String },
    Item { category: String, number: usize, text: String },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Subject { number, name } => write!(f, "subject {number}, {name}"),
            Place::Aspect { number, name } => write!(f, "aspect {number}, {name}"),
            Place::Entry { number, question } => write!(f, "entry {number}, {question}"),
            Place::Category { number, name } => write!(f, "category {number}, {name}"),
            Place::Item { category, number, text } => write!(f, "item {number} of {category}, {text}"),
        }
    }
}

/// The place a field path (`content.aspects[1].cells{smm}`) points into.
#[must_use]
pub fn place_of(deck: &Deck, path: &str) -> Option<Place> {
    fn index_after<'p>(prefix: &str, text: &'p str) -> Option<(usize, &'p str)> {
        let rest = text.strip_prefix(prefix)?;
        let (number, rest) = rest.split_once(']')?;
        Some((number.parse().ok()?, rest))
    }
    // The first line, cut after 30 characters: read once, as far as the
    // 31st (a large deck's every warning quotes its entry).
    let short = |text: &str| -> String {
        let line = text.lines().next().unwrap_or_default();
        match line.char_indices().nth(30) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_owned(),
        }
    };
    match &deck.content {
        Content::Table(table) => {
            if let Some((index, _)) = index_after("content.subjects[", path) {
                let subject = table.subjects.get(index)?;
                return Some(Place::Subject { number: index + 1, name: short(&subject.name) });
            }
            let (index, _) = index_after("content.aspects[", path)?;
            let aspect = table.aspects.get(index)?;
            Some(Place::Aspect { number: index + 1, name: short(&aspect.name) })
        }
        Content::Faq(faq) => {
            let (index, _) = index_after("content.entries[", path)?;
            let entry = faq.entries.get(index)?;
            Some(Place::Entry { number: index + 1, question: short(&entry.question) })
        }
        Content::Lists(lists) => {
            let (index, rest) = index_after("content.categories[", path)?;
            let category = lists.categories.get(index)?;
            match index_after(".items[", rest) {
                Some((item, _)) => {
                    let item_text = category.items.get(item)?;
                    Some(Place::Item {
                        category: short(&category.name),
                        number: item + 1,
                        text: short(&item_text.text),
                    })
                }
                None => Some(Place::Category { number: index + 1, name: short(&category.name) }),
            }
        }
    }
}

/// What is wrong with a deck file. English is its `Display`; the window
/// words each in the learner's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file cannot be read: the operating system's kind of refusal and its
    /// own words.
    Unreadable {
        kind: std::io::ErrorKind,
        detail: String,
    },
    Folder,
    TooBig {
        megabytes: u64,
        limit: u64,
    },
    NotUtf8,
    LineTooLong {
        limit_kb: usize,
    },
    /// What the RON parser stopped at (its own English wording; the window
    /// words the common ones in Chinese).
    Syntax(ron::Error),
    /// A value ends a line without a comma before the next field or entry.
    MissingComma,
    DeckId {
        id: String,
        problem: String,
    },
    EmptyId,
    IdWithoutLetter {
        id: String,
    },
    IdWithSpace {
        id: String,
    },
    IdTooLong {
        id: String,
    },
    /// (The first place boxed: the largest of the problems, it would make
    /// every one of a large deck's warnings larger.)
    DuplicateId {
        id: String,
        first: Option<Box<Place>>,
        first_path: String,
    },
    Empty(Field),
    ControlCharacter {
        field: Field,
        character: String,
    },
    UnknownReference {
        reference: String,
    },
    KindDoesNotApply {
        kind: QuestionKind,
        content: &'static str,
    },
    /// Two subjects' cells for one aspect share most of their words, and the
    /// author has not said that one holds for the other.
    CellsOverlap {
        aspect: String,
        subject: String,
        other: String,
    },
    TooFewSubjects,
    NoAspects,
    MissingCell {
        aspect: String,
        subject: String,
    },
    UnknownSubjectCell {
        subject: String,
    },
    NoEntries,
    NoCategories,
    EmptyCategory {
        category: String,
    },
    NotAnotherCategory {
        category: String,
    },
    DuplicateName {
        list: NameList,
        name: String,
        first: usize,
    },
    /// A question the generator leaves out, of which kind, and why.
    NotGenerated {
        card: String,
        kind: Option<QuestionKind>,
        reason: Skip,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { detail, .. } => write!(f, "cannot read the file: {detail}"),
            Problem::Folder => write!(f, "is a folder, not a deck file"),
            Problem::TooBig { megabytes, limit } => {
                write!(f, "the file is {megabytes} MB; decks larger than {limit} MB are refused")
            }
            Problem::NotUtf8 => write!(f, "the file is not UTF-8 text"),
            Problem::LineTooLong { limit_kb } => {
                write!(f, "line longer than {limit_kb} KB; deck lines this long are refused")
            }
            Problem::Syntax(error) => write!(f, "{error}"),
            Problem::MissingComma => write!(f, "a comma is missing here: the next line starts another field or entry"),
            Problem::DeckId { id, problem } => write!(f, "deck id `{}` {problem}", id.escape_debug()),
            Problem::EmptyId => write!(f, "empty id"),
            Problem::IdWithoutLetter { id } => write!(f, "id `{id}` has no letter or digit"),
            Problem::IdWithSpace { id } => write!(f, "id `{id}` contains `/` or white space"),
            Problem::IdTooLong { id } => write!(f, "id `{id}` is longer than {MAX_ID_CHARS} characters"),
            Problem::DuplicateId { id, first, first_path } => match first {
                Some(place) => write!(f, "duplicate id `{id}` (first used at {place})"),
                None => write!(f, "duplicate id `{id}` (first used at {first_path})"),
            },
            Problem::Empty(field) => write!(f, "empty {}", field.english()),
            Problem::ControlCharacter { field, character } => {
                write!(f, "{} contains the control character {character}", field.english())
            }
            Problem::UnknownReference { reference } => write!(f, "`{reference}` names no entry of this deck"),
            Problem::KindDoesNotApply { kind, content } => write!(f, "{kind} does not apply to a {content} deck"),
            Problem::CellsOverlap { aspect, subject, other } => write!(
                f,
                "the cells of `{subject}` and `{other}` for `{aspect}` share most of their words: if one also holds \
                 for the other, say so in `includes` or `also_holds`, or a true/false question may call a true \
                 statement false"
            ),
            Problem::TooFewSubjects => write!(f, "a comparison table needs at least 2 subjects"),
            Problem::NoAspects => write!(f, "a comparison table needs at least 1 aspect"),
            Problem::MissingCell { aspect, subject } => {
                write!(f, "aspect `{aspect}` has no cell for subject `{subject}`")
            }
            Problem::UnknownSubjectCell { subject } => write!(f, "cell for unknown subject `{subject}`"),
            Problem::NoEntries => write!(f, "an FAQ needs at least 1 entry"),
            Problem::NoCategories => write!(f, "grouped lists need at least 1 category"),
            Problem::EmptyCategory { category } => write!(f, "category `{category}` has no items"),
            Problem::NotAnotherCategory { category } => write!(f, "`{category}` is not another category of this deck"),
            Problem::DuplicateName { list, name, first } => {
                let list = list.english();
                write!(f, "{list} name `{name}` is the same as {list} {first} of the list")
            }
            Problem::NotGenerated { card, reason, .. } => write!(f, "question {card} is not generated: {reason}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {severity}: {}", self.file, self.line, self.column, self.problem)
    }
}

/// A deck that parsed and validated, with its warnings and its cards.
#[derive(Debug, Clone)]
pub struct CheckedDeck {
    pub deck: Deck,
    pub warnings: Vec<Diagnostic>,
    /// The cards it has, decided once for checking and for study. The cards
    /// it cannot make are in `warnings`, moved there from `decided.skipped`
    /// (left empty): a deck of many would hold each twice.
    pub decided: Decided,
}

/// Reads and checks a deck file. Errors come back as diagnostics, never as a panic.
pub fn check_file(path: &Path) -> Result<CheckedDeck, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let fail = |problem: Problem| Err(vec![Diagnostic::whole_file(&name, problem)]);
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return fail(Problem::Unreadable { kind: error.kind(), detail: error.to_string() }),
    };
    if metadata.is_dir() {
        return fail(Problem::Folder);
    }
    if metadata.len() > MAX_DECK_BYTES {
        return fail(Problem::TooBig { megabytes: metadata.len() / 1_000_000, limit: MAX_DECK_BYTES / 1024 / 1024 });
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => check_text(&name, &text),
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                let position = end_position(&text);
                Err(vec![Diagnostic::new(&name, position, Severity::Error, Problem::NotUtf8)])
            }
        },
        Err(error) => fail(Problem::Unreadable { kind: error.kind(), detail: error.to_string() }),
    }
}

/// Places where a line ends a value (`"…"`, `)`, `]`, `}`, a number) with no
/// comma and the next line starts another field or entry: the place after
/// the value, and the next line's number.
fn missing_commas(text: &str) -> Vec<(Position, usize)> {
    /// A line's last character outside strings and comments, with its index.
    type LastChar = Option<(usize, char)>;
    // Each line's last character outside strings and comments, and whether
    // the line starts inside a string.
    let mut lines: Vec<(LastChar, bool, &str)> = Vec::new();
    let mut in_string = false;
    for line in text.split('\n') {
        let starts_in_string = in_string;
        let mut last = None;
        let mut escaped = false;
        let chars: Vec<char> = line.chars().collect();
        let mut index = 0;
        while index < chars.len() {
            let c = chars[index];
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                    last = Some((index, c));
                }
            } else if c == '/' && chars.get(index + 1) == Some(&'/') {
                break;
            } else if c == '"' {
                in_string = true;
            } else if !c.is_whitespace() {
                last = Some((index, c));
            }
            index += 1;
        }
        lines.push((if in_string { None } else { last }, starts_in_string, line));
    }
    let starts_entry = |line: &str| {
        let line = line.trim_start();
        let identifier: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let after = line[identifier.len()..].trim_start();
        line.starts_with('(') || line.starts_with('"') || (!identifier.is_empty() && after.starts_with(':'))
    };
    let mut found = Vec::new();
    for (number, (last, _, _)) in lines.iter().enumerate() {
        let Some((index, c)) = *last else { continue };
        if !matches!(c, '"' | ')' | ']' | '}') && !c.is_ascii_digit() {
            continue;
        }
        let next = lines.iter().enumerate().skip(number + 1).find(|(_, (_, in_string, line))| {
            *in_string || !(line.trim().is_empty() || line.trim_start().starts_with("//"))
        });
        if let Some((next_number, (_, false, next_line))) = next
            && starts_entry(next_line)
        {
            found.push((Position { line: number + 1, column: index + 2 }, next_number + 1));
        }
    }
    found
}

/// How many more parser stops a deck with missing commas is read past.
const MORE_STOPS: usize = 16;

/// The problems of a deck read with a comma put in at each of `commas`:
/// every further missing comma the parser stops at (each put in too, up to
/// `MORE_STOPS`), the first other parser stop, or — once it parses — every
/// problem its validation finds. `first` is the stop already reported.
fn past_missing_commas(file: &str, text: &str, mut commas: Vec<Position>, first: Position) -> Vec<Diagnostic> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let mut found = Vec::new();
    for _ in 0..MORE_STOPS {
        let repaired = with_commas(text, &commas);
        match options.from_str::<Deck>(&repaired) {
            Ok(deck) => {
                let index = PathIndex::new(&repaired);
                for issue in validate(&deck) {
                    let mut diagnostic =
                        Diagnostic::new(file, index.locate(&issue.path), issue.severity, issue.problem);
                    diagnostic.place = place_of(&deck, &issue.path);
                    found.push(diagnostic);
                }
                break;
            }
            Err(error) => {
                let at = Position { line: error.span.start.line.max(1), column: error.span.start.col.max(1) };
                // A stop on a line already reported, or one no comma mends,
                // ends the reading: what follows may be its consequence.
                if at.line == first.line || commas.iter().any(|comma| comma.line == at.line) {
                    break;
                }
                let mends = error.code == ron::Error::ExpectedComma;
                found.push(Diagnostic::new(file, at, Severity::Error, Problem::Syntax(error.code)));
                if !mends {
                    break;
                }
                commas.push(at);
            }
        }
    }
    found
}

/// `text` with a comma put in before each position (line and column
/// counted in characters from 1, as the parser and `missing_commas` give).
fn with_commas(text: &str, commas: &[Position]) -> String {
    let mut out = String::with_capacity(text.len() + commas.len());
    for (number, line) in text.split('\n').enumerate() {
        if number > 0 {
            out.push('\n');
        }
        let mut columns: Vec<usize> =
            commas.iter().filter(|comma| comma.line == number + 1).map(|comma| comma.column).collect();
        columns.sort_unstable();
        let mut next = columns.into_iter().peekable();
        for (index, character) in line.chars().enumerate() {
            while next.peek().is_some_and(|column| *column <= index + 1) {
                out.push(',');
                next.next();
            }
            out.push(character);
        }
        if next.peek().is_some() {
            out.push(',');
        }
    }
    out
}

fn end_position(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Position { line, column }
}

/// Parses and checks the text of a deck file named `file`.
pub fn check_text(file: &str, text: &str) -> Result<CheckedDeck, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (deck, stretches) = parse(file, text)?;
    let stretches = stretches.as_ref();
    // The deck's cards are decided beside its validation, which reads the
    // deck on one core while the cards' preparation leaves the other idle
    // at times; a deck validation refuses wastes the decision.
    let (validated, mut decided) = rayon::join(|| validated(file, text, stretches, &deck), || decide(&deck));
    let mut warnings = validated?;
    let skipped = std::mem::take(&mut decided.skipped);
    if !skipped.is_empty() {
        // Only the paths of the cards not made are located: a large deck
        // of many such cards is not indexed value by value.
        let paths: Vec<&str> = skipped.iter().map(|skipped| skipped.path.as_str()).collect();
        let positions = positions_of(text, &paths, stretches);
        drop(paths);
        // At its size: a list grown by doubling holds its old copy and a new
        // one twice as large at once (tens of megabytes for a deck of many
        // cards not made). Made over the cores: a deck may have a warning
        // for every other card.
        warnings.reserve_exact(skipped.len());
        warnings.par_extend(skipped.into_par_iter().zip(positions).map(|(skipped, position)| {
            let kind = skipped.card.kind();
            let problem = Problem::NotGenerated { card: skipped.card.0, kind, reason: skipped.reason };
            let mut warning = Diagnostic::new(file, position, Severity::Warning, problem);
            warning.place = place_of(&deck, &skipped.path);
            warning
        }));
    }
    Ok(CheckedDeck { deck, warnings, decided })
}

/// Parses and validates a deck's text without deciding its questions: the
/// errors of [`check_text`] (a question the deck cannot make is only ever a
/// warning) and the warnings of the file itself. For `import`, which promises
/// a deck `check` accepts, at the cost of reading it.
pub fn check_structure(file: &str, text: &str) -> Result<(Deck, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    structure(file, text)
}

/// [`check_structure`] of a text without a byte-order mark. The text is
/// scanned for positions only where validation found something to locate,
/// and then for those paths alone: a deck that checks clean is not scanned
/// a second time (a fifth of `tabula import`).
fn structure(file: &str, text: &str) -> Result<(Deck, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (deck, stretches) = parse(file, text)?;
    let warnings = validated(file, text, stretches.as_ref(), &deck)?;
    Ok((deck, warnings))
}

/// A deck's text parsed, with the stretches of its bulk list where it was
/// parsed over the cores (see [`split`]), or the errors that stop it: a line
/// too long, or its syntax errors (every missing comma at once).
fn parse(file: &str, text: &str) -> Result<(Deck, Option<Stretches>), Vec<Diagnostic>> {
    if let Some(line) = long_line(text) {
        let position = Position { line, column: 1 };
        return Err(vec![Diagnostic::new(
            file,
            position,
            Severity::Error,
            Problem::LineTooLong { limit_kb: MAX_LINE_BYTES / 1024 },
        )]);
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let parsed = split::parse(text, &options).map_or_else(
        || options.from_str(text).map(|deck| (deck, None)),
        |(deck, stretches)| Ok((deck, Some(stretches))),
    );
    let parsed: (Deck, Option<Stretches>) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let position = Position { line: error.span.start.line.max(1), column: error.span.start.col.max(1) };
            let syntax = Problem::Syntax(error.code.clone());
            let mut errors = vec![Diagnostic::new(file, position, Severity::Error, syntax)];
            // The parser stops at its first error; the commonest slip, a
            // missing comma, is found everywhere else too so that one run
            // shows every place to fix.
            let missing = missing_commas(text);
            for (at, next_line) in &missing {
                if *next_line != position.line && at.line != position.line {
                    errors.push(Diagnostic::new(file, *at, Severity::Error, Problem::MissingComma));
                }
            }
            // With those commas put in, the rest of the deck may parse: then
            // its other problems are reported in the same run.
            let mut commas: Vec<Position> = missing.iter().map(|(at, _)| *at).collect();
            if error.code == ron::Error::ExpectedComma && !missing.iter().any(|(_, next)| *next == position.line) {
                commas.push(position);
            }
            if !commas.is_empty() {
                errors.extend(past_missing_commas(file, text, commas, position));
            }
            errors.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
            return Err(errors);
        }
    };
    Ok(parsed)
}

/// A parsed deck's warnings, or its errors and warnings if it has errors
/// (see [`validate`]), located in its text.
fn validated(
    file: &str,
    text: &str,
    stretches: Option<&Stretches>,
    deck: &Deck,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let issues = validate(deck);
    let paths: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
    let positions = if paths.is_empty() { Vec::new() } else { positions_of(text, &paths, stretches) };
    drop(paths);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (issue, position) in issues.into_iter().zip(positions) {
        let mut diagnostic = Diagnostic::new(file, position, issue.severity, issue.problem);
        diagnostic.place = place_of(deck, &issue.path);
        match issue.severity {
            Severity::Error => errors.push(diagnostic),
            Severity::Warning => warnings.push(diagnostic),
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    Ok(warnings)
}

/// The first line (1-based) of a deck's text longer than a deck file may
/// hold, if any.
#[must_use]
pub fn long_line(text: &str) -> Option<usize> {
    // Line ends found by one memchr pass, not a search started per line:
    // an imported deck has a line per field, and 10,000 entries and more.
    let mut start = 0;
    for (index, end) in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())).enumerate() {
        if end - start > MAX_LINE_BYTES {
            return Some(index + 1);
        }
        start = end + 1;
    }
    None
}

/// A problem found in a parsed deck, at a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub severity: Severity,
    pub problem: Problem,
}

struct Validator<'a> {
    deck: &'a Deck,
    issues: Vec<Issue>,
    /// Each id seen and where; only looked up: hashed. Neither the id nor
    /// its path is copied: an import validates 10,000 entries and more.
    ids: FxHashMap<&'a str, FieldPath>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, path: impl Into<String>, problem: Problem) {
        self.issues.push(Issue { path: path.into(), severity: Severity::Error, problem });
    }

    fn warning(&mut self, path: impl Into<String>, problem: Problem) {
        self.issues.push(Issue { path: path.into(), severity: Severity::Warning, problem });
    }

    /// Checks an id's form and that no other entry of the deck has it.
    fn id(&mut self, place: FieldPath, id: &'a str) {
        let field = || format!("{}.id", place.written(self.deck));
        let id_owned = || id.to_owned();
        if let Some(fault) = entry_id_fault(id) {
            let problem = match fault {
                IdFault::Empty => Problem::EmptyId,
                IdFault::NoLetter => Problem::IdWithoutLetter { id: id_owned() },
                IdFault::SlashOrSpace => Problem::IdWithSpace { id: id_owned() },
                IdFault::TooLong => Problem::IdTooLong { id: id_owned() },
            };
            self.error(field(), problem);
        } else if let Some(first) = self.ids.get(id) {
            let first_path = first.written(self.deck);
            let first = place_of(self.deck, &first_path).map(Box::new);
            self.error(field(), Problem::DuplicateId { id: id.to_owned(), first, first_path });
        } else {
            self.ids.insert(id, place);
        }
    }

    /// Checks a text; its path is written out only for a problem (a deck
    /// has a few texts per entry, and 100,000 entries).
    fn text(&mut self, path: impl FnOnce() -> String, field: Field, text: &str) {
        if normalizes_to_empty(text) {
            self.error(path(), Problem::Empty(field));
        } else if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
            // An escape sequence in a deck could retitle or repaint the learner's terminal.
            self.error(path(), Problem::ControlCharacter { field, character: c.escape_unicode().to_string() });
        }
    }
}

/// Every problem of a parsed deck.
#[must_use]
pub fn validate(deck: &Deck) -> Vec<Issue> {
    // Room for every id at once: a map grown by doubling copies and touches
    // new memory at each step (100,000 entries).
    let ids = match &deck.content {
        Content::Table(table) => table.subjects.len() + table.aspects.len(),
        Content::Faq(faq) => faq.entries.len(),
        Content::Lists(lists) => lists.categories.iter().map(|category| 1 + category.items.len()).sum(),
    };
    let ids = FxHashMap::with_capacity_and_hasher(ids, rustc_hash::FxBuildHasher);
    let mut validator = Validator { deck, issues: Vec::new(), ids };
    let v = &mut validator;
    if let Some(problem) = deck_id_problem(&deck.id) {
        v.error("id", Problem::DeckId { id: deck.id.clone(), problem });
    }
    v.text(|| "title".into(), Field::Title, &deck.title);
    let mut references: BTreeSet<String> = BTreeSet::new();
    match &deck.content {
        Content::Table(table) => validate_table(v, table, &mut references),
        Content::Faq(faq) => validate_faq(v, faq, &mut references),
        Content::Lists(lists) => validate_lists(v, lists, &mut references),
    }
    for (index, (a, b)) in deck.same.iter().enumerate() {
        for (side, reference) in [a, b].into_iter().enumerate() {
            if !references.contains(reference) {
                v.error(format!("same[{index}][{side}]"), Problem::UnknownReference { reference: reference.clone() });
            }
        }
    }
    // Worked out only for a deck that names its kinds: it takes a copy of
    // the deck, whose own kinds would hide the others.
    let applicable = if deck.kinds.is_empty() {
        BTreeSet::new()
    } else {
        let mut applicable = BTreeSet::new();
        Generator::new(&Deck { kinds: Vec::new(), ..deck.clone() }).each_slot(|slot| {
            applicable.insert(slot.kind);
        });
        applicable
    };
    for (index, kind) in deck.kinds.iter().enumerate() {
        if !applicable.contains(kind) {
            v.warning(
                format!("kinds[{index}]"),
                Problem::KindDoesNotApply { kind: *kind, content: deck.content.kind_name() },
            );
        }
    }
    validator.issues
}

fn validate_table<'a>(v: &mut Validator<'a>, table: &'a crate::core::deck::Table, references: &mut BTreeSet<String>) {
    let deck = v.deck;
    if table.subjects.len() < 2 {
        v.error("content.subjects", Problem::TooFewSubjects);
    }
    if table.aspects.is_empty() {
        v.error("content.aspects", Problem::NoAspects);
    }
    for (index, subject) in table.subjects.iter().enumerate() {
        let place = FieldPath::Subject(index);
        let path = place.written(deck);
        v.id(place, &subject.id);
        v.text(|| format!("{path}.name"), Field::SubjectName, &subject.name);
    }
    for (index, aspect) in table.aspects.iter().enumerate() {
        let place = FieldPath::Aspect(index);
        let path = place.written(deck);
        v.id(place, &aspect.id);
        v.text(|| format!("{path}.name"), Field::AspectName, &aspect.name);
        for (subject_index, subject) in table.subjects.iter().enumerate() {
            match aspect.cells.get(&subject.id) {
                None => v.error(
                    format!("{path}.cells"),
                    Problem::MissingCell { aspect: aspect.id.clone(), subject: subject.id.clone() },
                ),
                Some(cell) => {
                    let cell_place = FieldPath::Cell { aspect: index, subject: subject_index };
                    v.text(|| cell_place.written(deck), Field::Cell, cell);
                }
            }
            references.insert(format!("{}/{}", aspect.id, subject.id));
        }
        for key in aspect.cells.keys() {
            if !table.subjects.iter().any(|subject| &subject.id == key) {
                v.error(format!("{path}.cells{{{key}}}"), Problem::UnknownSubjectCell { subject: key.clone() });
            }
        }
    }
    let subject_ids: BTreeSet<&str> = table.subjects.iter().map(|subject| subject.id.as_str()).collect();
    for (index, (whole, part)) in table.includes.iter().enumerate() {
        for (side, id) in [whole, part].into_iter().enumerate() {
            if !subject_ids.contains(id.as_str()) {
                v.error(
                    format!("content.includes[{index}][{side}]"),
                    Problem::UnknownReference { reference: id.clone() },
                );
            }
        }
    }
    for (index, (cell, other)) in table.also_holds.iter().enumerate() {
        if !references.contains(cell) {
            v.error(format!("content.also_holds[{index}][0]"), Problem::UnknownReference { reference: cell.clone() });
        }
        if !subject_ids.contains(other.as_str()) {
            v.error(format!("content.also_holds[{index}][1]"), Problem::UnknownReference { reference: other.clone() });
        }
    }
    overlapping_cells(v, table);
    duplicate_names(v, NameList::Subject, table.subjects.iter().map(|s| s.name.as_str()), "content.subjects", ".name");
    duplicate_names(v, NameList::Aspect, table.aspects.iter().map(|a| a.name.as_str()), "content.aspects", ".name");
}

/// Share of words above which two cells of one aspect read as saying much
/// the same (below the near-duplicate share, which drops the questions).
const OVERLAP_SHARE: f64 = 0.5;

/// Warns where two subjects' cells for one aspect share most of their words
/// and the author has said nothing of it (`includes`, `also_holds`, `same`):
/// each may then hold for the other. Each cell is compared with the cells of
/// its own row only, a few subjects wide.
fn overlapping_cells(v: &mut Validator, table: &crate::core::deck::Table) {
    let stated = |aspect: &str, a: &str, b: &str| {
        table.holds_for(aspect, a, b) || table.holds_for(aspect, b, a) || {
            let (x, y) = (format!("{aspect}/{a}"), format!("{aspect}/{b}"));
            v.deck.same.iter().any(|(p, q)| (*p == x && *q == y) || (*p == y && *q == x))
        }
    };
    let mut found = Vec::new();
    for (index, aspect) in table.aspects.iter().enumerate() {
        let subjects = &table.subjects[..table.subjects.len().min(crate::core::generate::NEIGHBOURS)];
        for (at, a) in subjects.iter().enumerate() {
            for (b_at, b) in subjects.iter().enumerate().skip(at + 1) {
                let (Some(text_a), Some(text_b)) = (aspect.cells.get(&a.id), aspect.cells.get(&b.id)) else { continue };
                let share = Comparable::new(text_a).share(&Comparable::new(text_b));
                if share >= OVERLAP_SHARE && !near_duplicate(text_a, text_b) && !stated(&aspect.id, &a.id, &b.id) {
                    found.push((
                        FieldPath::Cell { aspect: index, subject: b_at }.written(v.deck),
                        Problem::CellsOverlap { aspect: aspect.id.clone(), subject: a.id.clone(), other: b.id.clone() },
                    ));
                }
            }
        }
    }
    for (path, problem) in found {
        v.warning(path, problem);
    }
}

fn validate_faq<'a>(v: &mut Validator<'a>, faq: &'a crate::core::deck::Faq, references: &mut BTreeSet<String>) {
    let deck = v.deck;
    if faq.entries.is_empty() {
        v.error("content.entries", Problem::NoEntries);
    }
    for (index, entry) in faq.entries.iter().enumerate() {
        let place = FieldPath::Entry(index);
        v.id(place, &entry.id);
        v.text(|| format!("{}.question", place.written(deck)), Field::Question, &entry.question);
        v.text(|| format!("{}.answer", place.written(deck)), Field::Answer, &entry.answer);
        for (accepted_index, accepted) in entry.accepted.iter().enumerate() {
            v.text(|| format!("{}.accepted[{accepted_index}]", place.written(deck)), Field::AcceptedAnswer, accepted);
        }
        // An FAQ's ids are referred to by `same` alone.
        if !v.deck.same.is_empty() {
            references.insert(entry.id.clone());
        }
    }
}

fn validate_lists<'a>(v: &mut Validator<'a>, lists: &'a crate::core::deck::Lists, references: &mut BTreeSet<String>) {
    let deck = v.deck;
    if lists.categories.is_empty() {
        v.error("content.categories", Problem::NoCategories);
    }
    let category_ids: BTreeSet<&str> = lists.categories.iter().map(|c| c.id.as_str()).collect();
    for (index, category) in lists.categories.iter().enumerate() {
        let place = FieldPath::Category(index);
        let path = place.written(deck);
        v.id(place, &category.id);
        v.text(|| format!("{path}.name"), Field::CategoryName, &category.name);
        if category.items.is_empty() {
            v.error(format!("{path}.items"), Problem::EmptyCategory { category: category.id.clone() });
        }
        for (item_index, item) in category.items.iter().enumerate() {
            let place = FieldPath::Item(index, item_index);
            v.id(place, &item.id);
            v.text(|| format!("{}.text", place.written(deck)), Field::ItemText, &item.text);
            for (also_index, also) in item.also_in.iter().enumerate() {
                if !category_ids.contains(also.as_str()) || *also == category.id {
                    v.error(
                        format!("{}.also_in[{also_index}]", place.written(deck)),
                        Problem::NotAnotherCategory { category: also.clone() },
                    );
                }
            }
            // A list's ids are referred to by `same` alone.
            if !v.deck.same.is_empty() {
                references.insert(item.id.clone());
            }
        }
    }
    duplicate_names(
        v,
        NameList::Category,
        lists.categories.iter().map(|c| c.name.as_str()),
        "content.categories",
        ".name",
    );
}

/// Options show names out of context: two alike names would be two right answers.
fn duplicate_names<'a>(
    v: &mut Validator,
    list: NameList,
    names: impl Iterator<Item = &'a str>,
    list_path: &str,
    field: &str,
) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, name) in names.enumerate() {
        let normalized = normalize(name);
        if let Some(first) = seen.get(&normalized) {
            v.error(
                format!("{list_path}[{index}]{field}"),
                Problem::DuplicateName { list, name: name.to_owned(), first: first + 1 },
            );
        } else {
            seen.insert(normalized, index);
        }
    }
}

mod split;
#[cfg(test)]
mod tests;
