use super::*;
use crate::core::deck_check::check_text;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn options(name: &str, kind: Option<ImportKind>) -> ImportOptions {
    ImportOptions { kind, name: name.into(), ..ImportOptions::default() }
}

/// Imports, writes RON, and checks that the RON passes `check` as the same deck.
fn import_checked(file: &str, kind: Option<ImportKind>) -> Imported {
    let imported = import(&fixture(file), &options(file.split('.').next().unwrap_or(file), kind)).expect("import");
    let text = to_ron(&imported.deck);
    let checked = check_text("imported.ron", &text).unwrap_or_else(|errors| panic!("{errors:#?}\n{text}"));
    assert_eq!(checked.deck, imported.deck);
    imported
}

#[test]
fn anki_export_with_html_and_entities() {
    let imported = import_checked("anki-basic.txt", None);
    assert_eq!(imported.deck.title, "Marketing basics");
    let Content::Faq(faq) = &imported.deck.content else { panic!("an FAQ") };
    assert_eq!(faq.entries.len(), 4);
    assert_eq!(faq.entries[0].id, "Ab3xK9pQ", "ids from the guid column");
    assert_eq!(faq.entries[0].answer, "Return on investment (ROI)");
    assert_eq!(faq.entries[1].answer, "Email\nSearch engines\nSocial media");
    assert_eq!(faq.entries[2].question, "What is written <ROI>?");
    assert_eq!(faq.entries[2].answer, "The text\n<ROI> in brackets");
    assert_eq!(imported.notes, vec!["line 10: blank row skipped"]);
}

#[test]
fn csv_with_bom_quotes_newlines_and_crlf() {
    let imported = import_checked("table-bom-crlf.csv", None);
    let Content::Table(table) = &imported.deck.content else { panic!("a table") };
    assert_eq!(table.aspect_heading, "Basis");
    assert_eq!(table.subjects.len(), 2);
    assert_eq!(table.subjects[0].id, "social-media-marketing");
    assert_eq!(table.aspects.len(), 3);
    assert_eq!(table.aspects[0].cells["digital-marketing"], "Many channels: \"SEO\", email,\nand content");
    assert_eq!(imported.notes, vec!["line 5: blank row skipped"]);
}

#[test]
fn gb18030_is_detected() {
    let imported = import_checked("table-gb18030.csv", None);
    let Content::Table(table) = &imported.deck.content else { panic!("a table") };
    assert_eq!(table.subjects[0].name, "社交媒体营销");
    assert_eq!(table.aspects[1].cells["数字营销"], "搜索引擎、网站、电子邮件");
    assert_eq!(imported.deck.language, "zh");
}

#[test]
fn quizlet_export_needs_its_kind_named() {
    let error = import(&fixture("quizlet.txt"), &options("quizlet", None)).expect_err("ambiguous");
    assert!(matches!(error, ImportError::Ambiguous(_)), "{error}");
    let imported = import_checked("quizlet.txt", Some(ImportKind::Quizlet));
    let Content::Faq(faq) = &imported.deck.content else { panic!("an FAQ") };
    assert_eq!(faq.entries[1].answer, "Pay-per-click advertising, billed per click");
    assert_eq!(faq.entries[1].id, "ppc");
}

#[test]
fn three_subjects_thirty_aspects_with_an_id_column() {
    let imported = import_checked("table-3x30.csv", None);
    let Content::Table(table) = &imported.deck.content else { panic!("a table") };
    assert_eq!((table.subjects.len(), table.aspects.len()), (3, 30));
    assert_eq!(table.aspects[7].id, "aspect-07");
}

#[test]
fn faq_and_lists_from_their_headers() {
    let imported = import_checked("faq.csv", None);
    let Content::Faq(faq) = &imported.deck.content else { panic!("an FAQ") };
    assert_eq!(faq.entries[0].accepted, vec!["2004", "2004年"]);
    let imported = import_checked("lists.tsv", None);
    let Content::Lists(lists) = &imported.deck.content else { panic!("lists") };
    assert_eq!(lists.categories.len(), 2);
    assert_eq!(lists.categories[0].items[1].detail, "");
}

#[test]
fn ragged_rows_are_errors_with_their_line() {
    let error = import(&fixture("ragged.csv"), &options("ragged", None)).expect_err("ragged");
    assert_eq!(error, ImportError::Row { line: 3, message: "2 cells where the header has 3".into() });
}

#[test]
fn two_columns_ask_for_the_kind() {
    let error = import(&fixture("two-columns.csv"), &options("two", None)).expect_err("ambiguous");
    assert!(error.to_string().contains("--as"), "{error}");
    import_checked("two-columns.csv", Some(ImportKind::Faq));
}

#[test]
fn importing_twice_gives_the_same_ids() {
    for file in ["table-bom-crlf.csv", "anki-basic.txt", "lists.tsv"] {
        let first = import(&fixture(file), &options(file, None)).expect("import");
        let second = import(&fixture(file), &options(file, None)).expect("import");
        assert_eq!(first.deck, second.deck);
    }
}
