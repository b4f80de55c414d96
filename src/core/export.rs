//! Writing a deck out: as the spreadsheet `import` reads (CSV), and as an
//! Anki import file of Basic notes.

use std::fmt::Write as _;

use crate::core::deck::{Content, Deck};

/// The deck as the CSV shape `tabula import` reads, with an `id` column so
/// that importing it again keeps the ids.
#[must_use]
pub fn to_csv(deck: &Deck) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    match &deck.content {
        Content::Table(table) => {
            let heading = if table.aspect_heading.is_empty() { "aspect" } else { table.aspect_heading.as_str() };
            let mut header = vec!["id".to_owned(), heading.to_owned()];
            header.extend(table.subjects.iter().map(|subject| subject.name.clone()));
            rows.push(header);
            for aspect in &table.aspects {
                let mut row = vec![aspect.id.clone(), aspect.name.clone()];
                row.extend(table.subjects.iter().map(|s| aspect.cells.get(&s.id).cloned().unwrap_or_default()));
                rows.push(row);
            }
        }
        Content::Faq(faq) => {
            rows.push(["id", "question", "answer", "accepted"].map(str::to_owned).to_vec());
            for entry in &faq.entries {
                rows.push(vec![
                    entry.id.clone(),
                    entry.question.clone(),
                    entry.answer.clone(),
                    entry.accepted.join("|"),
                ]);
            }
        }
        Content::Lists(lists) => {
            rows.push(["id", "category", "item", "detail"].map(str::to_owned).to_vec());
            for category in &lists.categories {
                for item in &category.items {
                    rows.push(vec![item.id.clone(), category.name.clone(), item.text.clone(), item.detail.clone()]);
                }
            }
        }
    }
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        let _ = write!(text, "{}\r\n", cells.join(","));
    }
    text
}

/// A CSV cell, quoted where it must be.
#[must_use]
pub fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) || cell.trim() != cell {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// One Anki note: a stable id and the front and back fields, as plain text.
struct Note {
    guid: String,
    front: String,
    back: String,
}

/// The deck as an Anki import file of Basic notes: a table cell, an FAQ entry
/// or a list item a note, each with a guid made from its ids so that Anki
/// updates the notes on a second import instead of duplicating them.
#[must_use]
pub fn to_anki(deck: &Deck) -> String {
    let mut notes = Vec::new();
    match &deck.content {
        Content::Table(table) => {
            for aspect in &table.aspects {
                for subject in &table.subjects {
                    notes.push(Note {
                        guid: format!("{}/{}/{}", deck.id, aspect.id, subject.id),
                        front: format!("{} — {}", subject.name, aspect.name),
                        back: aspect.cells.get(&subject.id).cloned().unwrap_or_default(),
                    });
                }
            }
        }
        Content::Faq(faq) => {
            for entry in &faq.entries {
                notes.push(Note {
                    // A note imported from Anki goes back as itself.
                    guid: if entry.guid.is_empty() { format!("{}/{}", deck.id, entry.id) } else { entry.guid.clone() },
                    front: entry.question.clone(),
                    back: entry.answer.clone(),
                });
            }
        }
        Content::Lists(lists) => {
            for category in &lists.categories {
                for item in &category.items {
                    let back = if item.detail.is_empty() {
                        category.name.clone()
                    } else {
                        format!("{}\n{}", category.name, item.detail)
                    };
                    notes.push(Note { guid: format!("{}/{}", deck.id, item.id), front: item.text.clone(), back });
                }
            }
        }
    }
    let mut text = String::new();
    let _ = write!(
        text,
        "#separator:tab\n#html:true\n#notetype:Basic\n#deck:{}\n#guid column:1\n",
        deck.title.replace('\n', " ")
    );
    for note in notes {
        let _ = writeln!(text, "{}\t{}\t{}", anki_field(&note.guid), anki_field(&note.front), anki_field(&note.back));
    }
    text
}

/// A field as HTML: special characters escaped, line breaks as `<br>`, tabs
/// as spaces (a tab would end the field).
fn anki_field(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\t', " ")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::{ImportOptions, import};

    fn shipped(name: &str) -> Deck {
        let path = format!("{}/decks/{name}", env!("CARGO_MANIFEST_DIR"));
        crate::core::deck_check::check_file(std::path::Path::new(&path)).expect("deck").deck
    }

    /// Every text a sheet carries, each row with its id: a table's subject
    /// names, then each aspect with its cells by subject name; an FAQ's
    /// entries; each list item with its category's name. Read from the deck
    /// itself, not from [`to_csv`], so a text the export drops shows.
    fn sheet_texts(deck: &Deck) -> Vec<Vec<String>> {
        match &deck.content {
            Content::Table(table) => {
                let subjects = table.subjects.iter().map(|subject| subject.name.clone()).collect();
                let aspects = table.aspects.iter().map(|aspect| {
                    let mut row = vec![aspect.id.clone(), aspect.name.clone()];
                    for subject in &table.subjects {
                        let cell = aspect.cells.get(&subject.id).cloned().unwrap_or_default();
                        row.extend([subject.name.clone(), cell]);
                    }
                    row
                });
                std::iter::once(subjects).chain(aspects).collect()
            }
            Content::Faq(faq) => faq
                .entries
                .iter()
                .map(|entry| {
                    let mut row = vec![entry.id.clone(), entry.question.clone(), entry.answer.clone()];
                    row.extend(entry.accepted.iter().cloned());
                    row
                })
                .collect(),
            Content::Lists(lists) => lists
                .categories
                .iter()
                .flat_map(|category| {
                    category.items.iter().map(|item| {
                        vec![item.id.clone(), category.name.clone(), item.text.clone(), item.detail.clone()]
                    })
                })
                .collect(),
        }
    }

    #[test]
    fn csv_round_trip_gives_the_same_deck() {
        for name in ["smm-vs-dm-comparison.ron", "smm-vs-dm-faq.ron", "smm-vs-dm-lists.ron"] {
            let deck = shipped(name);
            let options =
                ImportOptions { deck_id: Some(deck.id.clone()), name: deck.title.clone(), ..Default::default() };
            let first = import(to_csv(&deck).as_bytes(), &options).expect("import").deck;
            assert!(!sheet_texts(&deck).is_empty(), "{name}");
            assert_eq!(sheet_texts(&first), sheet_texts(&deck), "{name}: texts or ids changed on the way");
            let second = import(to_csv(&first).as_bytes(), &options).expect("import").deck;
            assert_eq!(first, second, "{name}");
        }
    }

    #[test]
    fn anki_file_escapes_and_reads_back() {
        let deck = shipped("smm-vs-dm-faq.ron");
        let text = to_anki(&deck);
        assert!(text.starts_with("#separator:tab\n#html:true\n"));
        let options = ImportOptions { name: "x".into(), ..Default::default() };
        let back = import(text.as_bytes(), &options).expect("import").deck;
        let (Content::Faq(original), Content::Faq(read)) = (&deck.content, &back.content) else { panic!("faq") };
        assert_eq!(original.entries.len(), read.entries.len());
        for (a, b) in original.entries.iter().zip(&read.entries) {
            assert_eq!((&a.question, &a.answer), (&b.question, &b.answer));
            assert_eq!(b.id, format!("{}/{}", deck.id, a.id).replace('/', "-"));
        }
    }
}
