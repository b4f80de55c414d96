//! Reading a deck file: parsing, validation, and diagnostics that name
//! `file:line:column`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use crate::core::deck::{Content, Deck, MAX_ID_CHARS, deck_id_problem};
use crate::core::generate::{Decided, Generator, decide};
use crate::core::question::QuestionKind;
use crate::core::ron_paths::{PathIndex, Position};
use crate::core::text::normalize;

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
    pub message: String,
}

impl Diagnostic {
    fn new(file: &str, position: Position, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: position.line,
            column: position.column,
            severity,
            message: message.into(),
        }
    }

    /// A problem with the whole file (missing, unreadable, too big), at 1:1.
    #[must_use]
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(file, Position::START, Severity::Error, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {severity}: {}", self.file, self.line, self.column, self.message)
    }
}

/// A deck that parsed and validated, with its warnings and its cards.
#[derive(Debug, Clone)]
pub struct CheckedDeck {
    pub deck: Deck,
    pub warnings: Vec<Diagnostic>,
    /// The cards it has, decided once for checking and for study.
    pub decided: Decided,
}

/// Reads and checks a deck file. Errors come back as diagnostics, never as a panic.
pub fn check_file(path: &Path) -> Result<CheckedDeck, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let fail = |message: String| Err(vec![Diagnostic::whole_file(&name, message)]);
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return fail(format!("cannot read the file: {error}")),
    };
    if metadata.is_dir() {
        return fail("is a folder, not a deck file".into());
    }
    if metadata.len() > MAX_DECK_BYTES {
        return fail(format!(
            "the file is {} MB; decks larger than {} MB are refused",
            metadata.len() / 1_000_000,
            MAX_DECK_BYTES / 1024 / 1024
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => check_text(&name, &text),
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                let position = end_position(&text);
                Err(vec![Diagnostic::new(&name, position, Severity::Error, "the file is not UTF-8 text")])
            }
        },
        Err(error) => fail(format!("cannot read the file: {error}")),
    }
}

fn end_position(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Position { line, column }
}

/// Parses and checks the text of a deck file named `file`.
pub fn check_text(file: &str, text: &str) -> Result<CheckedDeck, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (deck, mut warnings, index) = structure(file, text)?;
    let decided = decide(&deck);
    for skipped in &decided.skipped {
        let message = format!("question {} is not generated: {}", skipped.card, skipped.reason);
        warnings.push(Diagnostic::new(file, index.locate(&skipped.path), Severity::Warning, message));
    }
    Ok(CheckedDeck { deck, warnings, decided })
}

/// Parses and validates a deck's text without deciding its questions: the
/// errors of [`check_text`] (a question the deck cannot make is only ever a
/// warning) and the warnings of the file itself. For `import`, which promises
/// a deck `check` accepts, at the cost of reading it.
pub fn check_structure(file: &str, text: &str) -> Result<(Deck, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    structure(file, text).map(|(deck, warnings, _)| (deck, warnings))
}

/// [`check_structure`], with the index that locates the deck's fields.
fn structure(file: &str, text: &str) -> Result<(Deck, Vec<Diagnostic>, PathIndex), Vec<Diagnostic>> {
    if let Some((number, _)) = text.split('\n').enumerate().find(|(_, line)| line.len() > MAX_LINE_BYTES) {
        let position = Position { line: number + 1, column: 1 };
        return Err(vec![Diagnostic::new(
            file,
            position,
            Severity::Error,
            format!("line longer than {} KB; deck lines this long are refused", MAX_LINE_BYTES / 1024),
        )]);
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let deck: Deck = match options.from_str(text) {
        Ok(deck) => deck,
        Err(error) => {
            let position = Position { line: error.span.start.line.max(1), column: error.span.start.col.max(1) };
            return Err(vec![Diagnostic::new(file, position, Severity::Error, error.code.to_string())]);
        }
    };
    let index = PathIndex::new(text);
    let issues = validate(&deck);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for issue in issues {
        let diagnostic = Diagnostic::new(file, index.locate(&issue.path), issue.severity, issue.message);
        match issue.severity {
            Severity::Error => errors.push(diagnostic),
            Severity::Warning => warnings.push(diagnostic),
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    Ok((deck, warnings, index))
}

/// A problem found in a parsed deck, at a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

struct Validator {
    issues: Vec<Issue>,
    ids: BTreeMap<String, String>,
}

impl Validator {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.issues.push(Issue { path: path.into(), severity: Severity::Error, message: message.into() });
    }

    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.issues.push(Issue { path: path.into(), severity: Severity::Warning, message: message.into() });
    }

    /// Checks an id's form and that no other entry of the deck has it.
    fn id(&mut self, path: &str, id: &str) {
        let field = format!("{path}.id");
        if id.is_empty() {
            self.error(field, "empty id");
        } else if id.chars().any(|c| c == '/' || c.is_whitespace()) {
            self.error(field, format!("id `{id}` contains `/` or white space"));
        } else if id.chars().count() > MAX_ID_CHARS {
            self.error(field, format!("id `{id}` is longer than {MAX_ID_CHARS} characters"));
        } else if let Some(first) = self.ids.get(id) {
            let first = first.clone();
            self.error(field, format!("duplicate id `{id}` (first used at {first})"));
        } else {
            self.ids.insert(id.to_owned(), path.to_owned());
        }
    }

    fn text(&mut self, path: String, what: &str, text: &str) {
        if normalize(text).is_empty() {
            self.error(path, format!("empty {what}"));
        } else if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
            // An escape sequence in a deck could retitle or repaint the learner's terminal.
            self.error(path, format!("{what} contains the control character {}", c.escape_unicode()));
        }
    }
}

/// Every problem of a parsed deck.
#[must_use]
pub fn validate(deck: &Deck) -> Vec<Issue> {
    let mut validator = Validator { issues: Vec::new(), ids: BTreeMap::new() };
    let v = &mut validator;
    if let Some(problem) = deck_id_problem(&deck.id) {
        v.error("id", format!("deck id `{}` {problem}", deck.id.escape_debug()));
    }
    v.text("title".into(), "title", &deck.title);
    let mut references: BTreeSet<String> = BTreeSet::new();
    match &deck.content {
        Content::Table(table) => validate_table(v, table, &mut references),
        Content::Faq(faq) => validate_faq(v, faq, &mut references),
        Content::Lists(lists) => validate_lists(v, lists, &mut references),
    }
    for (index, (a, b)) in deck.same.iter().enumerate() {
        for (side, reference) in [a, b].into_iter().enumerate() {
            if !references.contains(reference) {
                v.error(format!("same[{index}][{side}]"), format!("`{reference}` names no entry of this deck"));
            }
        }
    }
    let applicable = Generator::new(&Deck { kinds: Vec::new(), ..deck.clone() })
        .slots()
        .into_iter()
        .map(|slot| slot.kind)
        .collect::<BTreeSet<QuestionKind>>();
    for (index, kind) in deck.kinds.iter().enumerate() {
        if !applicable.contains(kind) {
            v.warning(
                format!("kinds[{index}]"),
                format!("{kind} does not apply to a {} deck", deck.content.kind_name()),
            );
        }
    }
    validator.issues
}

fn validate_table(v: &mut Validator, table: &crate::core::deck::Table, references: &mut BTreeSet<String>) {
    if table.subjects.len() < 2 {
        v.error("content.subjects", "a comparison table needs at least 2 subjects");
    }
    if table.aspects.is_empty() {
        v.error("content.aspects", "a comparison table needs at least 1 aspect");
    }
    for (index, subject) in table.subjects.iter().enumerate() {
        let path = format!("content.subjects[{index}]");
        v.id(&path, &subject.id);
        v.text(format!("{path}.name"), "subject name", &subject.name);
    }
    for (index, aspect) in table.aspects.iter().enumerate() {
        let path = format!("content.aspects[{index}]");
        v.id(&path, &aspect.id);
        v.text(format!("{path}.name"), "aspect name", &aspect.name);
        for subject in &table.subjects {
            match aspect.cells.get(&subject.id) {
                None => v.error(
                    format!("{path}.cells"),
                    format!("aspect `{}` has no cell for subject `{}`", aspect.id, subject.id),
                ),
                Some(cell) => v.text(format!("{path}.cells{{{}}}", subject.id), "cell", cell),
            }
            references.insert(format!("{}/{}", aspect.id, subject.id));
        }
        for key in aspect.cells.keys() {
            if !table.subjects.iter().any(|subject| &subject.id == key) {
                v.error(format!("{path}.cells{{{key}}}"), format!("cell for unknown subject `{key}`"));
            }
        }
    }
    duplicate_names(v, "subject", table.subjects.iter().map(|s| s.name.as_str()), "content.subjects", ".name");
    duplicate_names(v, "aspect", table.aspects.iter().map(|a| a.name.as_str()), "content.aspects", ".name");
}

fn validate_faq(v: &mut Validator, faq: &crate::core::deck::Faq, references: &mut BTreeSet<String>) {
    if faq.entries.is_empty() {
        v.error("content.entries", "an FAQ needs at least 1 entry");
    }
    for (index, entry) in faq.entries.iter().enumerate() {
        let path = format!("content.entries[{index}]");
        v.id(&path, &entry.id);
        v.text(format!("{path}.question"), "question", &entry.question);
        v.text(format!("{path}.answer"), "answer", &entry.answer);
        for (accepted_index, accepted) in entry.accepted.iter().enumerate() {
            v.text(format!("{path}.accepted[{accepted_index}]"), "accepted answer", accepted);
        }
        references.insert(entry.id.clone());
    }
}

fn validate_lists(v: &mut Validator, lists: &crate::core::deck::Lists, references: &mut BTreeSet<String>) {
    if lists.categories.is_empty() {
        v.error("content.categories", "grouped lists need at least 1 category");
    }
    let category_ids: BTreeSet<&str> = lists.categories.iter().map(|c| c.id.as_str()).collect();
    for (index, category) in lists.categories.iter().enumerate() {
        let path = format!("content.categories[{index}]");
        v.id(&path, &category.id);
        v.text(format!("{path}.name"), "category name", &category.name);
        if category.items.is_empty() {
            v.error(format!("{path}.items"), format!("category `{}` has no items", category.id));
        }
        for (item_index, item) in category.items.iter().enumerate() {
            let item_path = format!("{path}.items[{item_index}]");
            v.id(&item_path, &item.id);
            v.text(format!("{item_path}.text"), "item text", &item.text);
            for (also_index, also) in item.also_in.iter().enumerate() {
                if !category_ids.contains(also.as_str()) || *also == category.id {
                    v.error(
                        format!("{item_path}.also_in[{also_index}]"),
                        format!("`{also}` is not another category of this deck"),
                    );
                }
            }
            references.insert(item.id.clone());
        }
    }
    duplicate_names(v, "category", lists.categories.iter().map(|c| c.name.as_str()), "content.categories", ".name");
}

/// Options show names out of context: two alike names would be two right answers.
fn duplicate_names<'a>(
    v: &mut Validator,
    what: &str,
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
                format!("{what} name `{name}` is the same as {what} {} of the list", first + 1),
            );
        } else {
            seen.insert(normalized, index);
        }
    }
}

#[cfg(test)]
mod tests;
