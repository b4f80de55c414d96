use super::*;
use crate::core::deck_check::check_text;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn options(name: &str, kind: Option<ImportKind>) -> ImportOptions {
    ImportOptions { kind, name: name.into(), ..ImportOptions::default() }
}

fn stem(file: &str) -> &str {
    file.split('.').next().unwrap_or(file)
}

/// Imports, writes RON, and checks that the RON passes `check` as the same deck.
fn import_checked(file: &str, kind: Option<ImportKind>) -> Imported {
    import_with(file, &options(stem(file), kind))
}

fn import_with(file: &str, options: &ImportOptions) -> Imported {
    let imported = import(&fixture(file), options).unwrap_or_else(|error| panic!("{file}: {error}"));
    let text = to_ron(&imported.deck);
    let checked = check_text("imported.ron", &text).unwrap_or_else(|errors| panic!("{errors:#?}\n{text}"));
    assert_eq!(checked.deck, imported.deck);
    assert!(text.len() <= ron_capacity(&imported.deck), "{file}: the RON outgrew its room, copied as it grew");
    imported
}

fn refused(file: &str, options: &ImportOptions) -> ImportError {
    match import(&fixture(file), options) {
        Ok(imported) => panic!("{file} imported: {:?}", imported.deck.content),
        Err(error) => error,
    }
}

fn faq(imported: &Imported) -> &Faq {
    match &imported.deck.content {
        Content::Faq(faq) => faq,
        other => panic!("an FAQ, not {other:?}"),
    }
}

fn pairs(imported: &Imported) -> Vec<(&str, &str)> {
    faq(imported).entries.iter().map(|entry| (entry.question.as_str(), entry.answer.as_str())).collect()
}

fn notes(imported: &Imported) -> Vec<String> {
    imported.notes.iter().map(ToString::to_string).collect()
}

fn summary(imported: &Imported) -> String {
    imported.summary.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn anki_export_with_html_and_entities() {
    let imported = import_checked("anki-basic.txt", None);
    assert_eq!(imported.deck.title, "Marketing basics");
    let faq = faq(&imported);
    assert_eq!(faq.entries.len(), 4);
    assert_eq!(faq.entries[0].id, "Ab3xK9pQ", "ids from the guid column");
    assert_eq!(faq.entries[0].answer, "Return on investment (ROI)");
    assert_eq!(faq.entries[1].answer, "Email\nSearch engines\nSocial media");
    assert_eq!(faq.entries[2].question, "What is written <ROI>?");
    assert_eq!(faq.entries[2].answer, "The text\n<ROI> in brackets");
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
fn a_headerless_two_column_export_is_terms_and_definitions() {
    let imported = import_checked("quizlet.txt", None);
    let faq = faq(&imported);
    assert_eq!(faq.entries[0].question, "SEO", "the first row is material, not a header");
    assert_eq!(faq.entries[1].answer, "Pay-per-click advertising, billed per click");
    assert_eq!(faq.entries[1].id, "ppc");
    assert!(summary(&imported).contains("without a header row"), "{}", summary(&imported));
    // Named as before, the same deck.
    assert_eq!(import_checked("quizlet.txt", Some(ImportKind::Quizlet)).deck, imported.deck);
    assert_eq!(import_checked("quizlet.txt", Some(ImportKind::Faq)).deck, imported.deck, "--as faq keeps row 1");
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
    assert_eq!(faq(&imported).entries[0].accepted, vec!["2004", "2004年"]);
    let imported = import_checked("lists.tsv", None);
    let Content::Lists(lists) = &imported.deck.content else { panic!("lists") };
    assert_eq!(lists.categories.len(), 2);
    assert_eq!(lists.categories[0].items[1].detail, "");
}

#[test]
fn ragged_rows_are_errors_with_their_line() {
    let error = refused("ragged.csv", &options("ragged", None));
    assert_eq!(error, ImportError::at(3, ImportProblem::TooManyCells { cells: 2, header: 3 }));
    assert_eq!(error.to_string(), "line 3: 2 cells where the header has 3");
}

#[test]
fn term_and_meaning_headers_are_recognised() {
    let imported = import_checked("two-columns.csv", None);
    assert_eq!(pairs(&imported)[0], ("SEO", "Search engine optimisation"));
}

#[test]
fn importing_twice_gives_the_same_ids() {
    for file in ["table-bom-crlf.csv", "anki-basic.txt", "lists.tsv", "anki-cloze.txt", "pleco.txt"] {
        let first = import(&fixture(file), &options(file, None)).expect("import");
        let second = import(&fixture(file), &options(file, None)).expect("import");
        assert_eq!(first.deck, second.deck);
    }
}

#[test]
fn columns_by_name_readings_guids_and_japanese() {
    let imported = import_checked("vocab-named-columns.csv", None);
    assert_eq!(pairs(&imported)[0], ("会う", "to meet, to see (あう)"));
    assert_eq!(imported.deck.language, "ja", "kana make Japanese, kanji-only words too");
    let faq = faq(&imported);
    assert_eq!(faq.entries[1].id, "HB)I{+$j.i", "guids kept exactly");
    assert!(!faq.entries[0].id.contains('/'), "{}", faq.entries[0].id);
    let summary = summary(&imported);
    assert!(summary.contains("columns used `expression`, `meaning`, `reading` and `guid`"), "{summary}");
    assert!(summary.contains("ignored `tags`"), "{summary}");
    let chosen = import_with(
        "vocab-named-columns.csv",
        &ImportOptions { columns: Some("reading,meaning".into()), ..options("v", None) },
    );
    assert_eq!(pairs(&chosen)[0], ("あう", "to meet, to see"));
    let error = refused(
        "vocab-named-columns.csv",
        &ImportOptions { columns: Some("kanji,meaning".into()), ..options("v", None) },
    );
    assert_eq!(error.line, 1);
    assert!(error.problem.to_string().contains("no column `kanji`"), "{error}");
}

#[test]
fn a_headerless_word_list_is_term_then_the_rest() {
    let imported = import_checked("word-list-headerless.txt", None);
    let pairs = pairs(&imported);
    assert_eq!(pairs.len(), 4, "the first word is not a header");
    assert_eq!(pairs[0], ("挨", "ai1 · āi · get close to; in sequence"));
    assert_eq!(pairs[2], ("爱戴", "愛戴 · ai4dai4 · àidài · love and respect"));
    assert_eq!(imported.deck.language, "zh");
    assert!(summary(&imported).contains("without a header row"));
}

#[test]
fn pleco_categories_and_utf16_lists() {
    let imported = import_checked("pleco.txt", None);
    assert_eq!(pairs(&imported), vec![("爱[愛]", "ài"), ("八[八]", "bā"), ("北京[北京]", "Běijīng")]);
    assert!(summary(&imported).contains("2 `//` category lines"), "{}", summary(&imported));
    let imported = import_checked("utf16-list.csv", None);
    assert_eq!(pairs(&imported)[1], ("还", "hai2, huan2 · still; yet\nrepay; to return"));
    assert_eq!(pairs(&imported).len(), 3);
}

#[test]
fn cloze_notes_become_one_question_per_deletion() {
    let imported = import_checked("anki-cloze.txt", None);
    assert_eq!(imported.deck.title, "German Vocabulary › B1");
    assert_eq!(
        pairs(&imported),
        vec![
            ("[die Stelle]", "die Arbeitsstelle"),
            ("Ich […] gern herum.", "laufe"),
            ("Ich laufe gern […].", "herum"),
            ("[…] (试用期)", "die Probezeit"),
            ("der Markt", "the market"),
        ]
    );
    assert_eq!(imported.deck.language, "en", "one line with 试用期 does not make the deck Chinese");
    let summary = summary(&imported);
    assert!(summary.contains("skipped 1: empty notes"), "{summary}");
    assert!(summary.contains("line 9"), "{summary}");
    assert!(summary.contains("1 media references"), "{summary}");
    assert!(summary.contains("3 cloze notes"), "{summary}");
}

#[test]
fn empty_notes_are_skipped_and_counted_not_fatal() {
    let imported = import_checked("anki-empty-notes.txt", None);
    assert_eq!(pairs(&imported).len(), 2);
    assert_eq!(pairs(&imported)[0].1, "Fog that forms when cold, dry air moves over warm water.");
    let summary = summary(&imported);
    assert!(
        summary.contains("skipped 2: empty notes (front or back empty once markup is removed) (lines 6, 7)"),
        "{summary}"
    );
    assert!(summary.contains("2 media references"), "{summary}");
}

#[test]
fn rendered_cards_keep_list_items_apart() {
    let imported = import_checked("anki-cards-rendered.txt", None);
    assert_eq!(
        pairs(&imported),
        vec![
            ("Required Inspections\nA - [...]\nE - ELT\n50-hour oil change", "Annual"),
            ("Plain front", "Plain\nback text"),
        ]
    );
}

#[test]
fn html_is_recognised_without_a_header() {
    let imported = import_checked("html-without-header.txt", None);
    assert_eq!(pairs(&imported)[0], ("Redis的底层数据结构?", "简单动态字符串、链表\n参考资料：\n1. Redis的数据结构"));
    assert_eq!(pairs(&imported)[1].1, "有序链表加多级索引\n查找 O(log n)");
}

#[test]
fn multi_character_separators() {
    let imported = import_checked("quizlet-5slash.txt", None);
    assert_eq!(pairs(&imported)[1], ("a bone of contention", "something that people argue about, for a long time"));
    let with_flag = import_with(
        "quizlet-5slash.txt",
        &ImportOptions { separator: Separator::from_name("/////"), ..options("q", None) },
    );
    assert_eq!(faq(&with_flag), faq(&imported));
}

#[test]
fn flashcards_deluxe_metadata_and_text_columns() {
    let imported = import_checked("flashcards-deluxe.txt", None);
    assert_eq!(pairs(&imported), vec![("Einchecken", "check-in"), ("Gepäck", "luggage"), ("Flugzeug", "plane")]);
    assert!(summary(&imported).contains("3 `*` metadata lines"));
    assert_eq!(imported.deck.title, "Green Line 1", "the metadata's name");
}

#[test]
fn headerless_files_that_are_not_word_lists_are_refused_with_the_choices() {
    let error = refused("headerless-questions-ragged.csv", &options("c", None));
    assert_eq!(error.line, 1);
    assert!(error.problem.to_string().contains("column 3 holds `Study Guide, 8th Edition` on every row"), "{error}");
    assert!(error.problem.to_string().contains("--no-header --columns 1,2"), "{error}");
    let imported = import_with(
        "headerless-questions-ragged.csv",
        &ImportOptions { columns: Some("1,2".into()), no_header: true, ..options("c", None) },
    );
    assert_eq!(pairs(&imported)[0], ("What's availability?", "Timely access to objects."));
    assert_eq!(pairs(&imported).len(), 3, "row 1 kept");
}

#[test]
fn duplicate_rows_name_both_lines_and_the_flag() {
    let error = refused("duplicate-rows.csv", &options("d", None));
    assert_eq!(error.line, 4);
    assert!(error.problem.to_string().contains("`Bolivia` in column `country` is already on line 3"), "{error}");
    assert!(error.problem.to_string().contains("--columns country,capital"), "{error}");
    let imported = import_with(
        "duplicate-rows.csv",
        &ImportOptions { columns: Some("country,capital".into()), ..options("d", None) },
    );
    assert_eq!(pairs(&imported).len(), 3);
    assert_eq!(notes(&imported), vec!["line 4: the question `Bolivia` is also on line 3"]);
}

#[test]
fn separators_are_judged_over_the_file_and_korean_is_korean() {
    let imported = import_checked("semicolon.csv", None);
    assert_eq!(pairs(&imported)[0], ("Hund", "dog, hound"));
    let imported = import_checked("anki-korean.txt", None);
    assert_eq!(imported.deck.language, "ko");
    assert_eq!(pairs(&imported)[0], ("시계", "clock [sigye] 시계가 있어요. — There is a clock."));
    assert!(summary(&imported).contains("column 3 ignored: it held text on 3 notes"), "{}", summary(&imported));
}

#[test]
fn control_characters_never_reach_the_deck_and_entities_are_decoded() {
    let imported = import_checked("control-and-entities.csv", None);
    assert_eq!(pairs(&imported), vec![("Title ]0;owned here?", "to cover"), ("Is 3 < 4 & 5 > 2?", "yes & no")]);
}

#[test]
fn language_and_title_can_be_set() {
    let imported = import_with(
        "anki-cloze.txt",
        &ImportOptions { language: Some("de".into()), title: Some("Deutsch B1".into()), ..options("c", None) },
    );
    assert_eq!((imported.deck.language.as_str(), imported.deck.title.as_str()), ("de", "Deutsch B1"));
}

#[test]
fn no_questions_is_a_failure_at_line_one() {
    let error =
        import(b"#separator:tab\n#html:true\n<img src=\"a.png\">\t\n\t\n", &options("e", None)).expect_err("empty");
    assert_eq!(error.line, 1);
    assert!(error.problem.to_string().contains("no questions"), "{error}");
}

#[test]
fn unsafe_deck_ids_are_refused() {
    for id in ["../evil", "a\\b", "CON", "com1", "nul.txt", "---", "a b"] {
        let error = import(&fixture("faq.csv"), &ImportOptions { deck_id: Some(id.into()), ..options("f", None) })
            .expect_err(id);
        assert!(error.problem.to_string().contains("choose another with --id"), "{id}: {error}");
    }
}

#[test]
fn guids_survive_an_export_round_trip() {
    let imported = import_checked("vocab-named-columns.csv", None);
    let entry = &faq(&imported).entries[0];
    assert_eq!((entry.id.as_str(), entry.guid.as_str()), ("kw9-x-q2", "kw9!x/Q2"), "mapped id, guid kept");
    let exported = crate::core::export::to_anki(&imported.deck);
    assert!(exported.lines().any(|line| line.starts_with("kw9!x/Q2\t")), "{exported}");
    assert!(exported.lines().any(|line| line.starts_with("HB)I{+$j.i\t")), "{exported}");
}

#[test]
fn ids_rewritten_are_noted_with_their_lines() {
    let text = "id,question,answer\nmy id,Q one?,A one\nsame,Q two?,A two\nsame,Q three?,A three\n";
    let imported = import(text.as_bytes(), &options("ids", None)).expect("import");
    let ids: Vec<&str> = faq(&imported).entries.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, vec!["my-id", "same", "same-2"]);
    assert_eq!(
        notes(&imported),
        vec![
            "line 2: id `my id` made `my-id`: an id holds no `/`, white space or control character and at most 64 characters",
            "line 4: id `same` made `same-2`: another row has it",
        ]
    );
}

#[test]
fn one_named_column_of_two_names_the_other() {
    let text = "Begriff;Erläuterung\nHund;dog, hound\nKatze;cat\n";
    let imported = import(text.as_bytes(), &options("begriffe", None)).expect("import");
    assert_eq!(pairs(&imported), vec![("Hund", "dog, hound"), ("Katze", "cat")]);
}

#[test]
fn a_guid_without_a_letter_or_digit_is_not_kept_as_an_id() {
    // Found by the fuzz test: `}}*` was kept as an entry id, which `check`
    // refuses (an id needs a letter or digit).
    let text = b"#guid column:1\n}}*\tname\tx\n";
    let imported = import(text, &options("fuzz", None)).expect("imports");
    let ron = to_ron(&imported.deck);
    assert!(check_text("fuzz.ron", &ron).is_ok(), "{ron}");
}

/// The byte shortcuts of `all_seen_as_written` answer as the character test
/// does, for every character alone and among ideographs and ASCII.
#[test]
fn seen_as_written_by_bytes_as_by_characters() {
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("中{c}a"), format!("a{c}鿿")] {
            assert_eq!(all_seen_as_written(&text), text.chars().all(seen_as_written), "{c:?}");
        }
    }
}

/// The scan goes by blocks of bytes: a hidden character is found wherever
/// it stands, across a block's end too.
#[test]
fn seen_as_written_at_every_place_in_a_long_text() {
    for pad in ["a", "中", "é"] {
        for at in 0..140 {
            for (c, seen) in [('\u{feff}', false), ('\u{7}', false), ('\u{e000}', false), ('，', true), ('丁', true)]
            {
                let text = format!("{}{c}{}", pad.repeat(at), pad.repeat(70));
                assert_eq!(all_seen_as_written(&text), seen, "{c:?} after {at} × {pad}");
            }
        }
    }
}

/// A deck's texts written unescaped or escaped (see `to_ron`) read back as
/// the same deck, whatever they hold; unescaped only where every character
/// is seen as written.
#[test]
fn any_text_is_written_so_that_check_reads_it_back_the_same() {
    let texts = [
        ("数据安全和隐私问题", true),
        ("It's \"quoted\" and back\\slashed", true),
        ("a raw \"# end and \"## two", true),
        ("first line\nsecond line", true),
        ("café, naïve, ½, 　ideographic space, ，。？", true),
        ("tab\there", false),
        ("carriage\r\nreturn", false),
        ("bell\u{7} and escape\u{1b}", false),
        ("\u{feff}byte order mark", false),
        ("zero\u{200b}width", false),
        ("line\u{2028}separator", false),
        ("private \u{e000} use", false),
    ];
    for (text, plain) in texts {
        let entries = vec![
            FaqEntry {
                id: "a".into(),
                question: text.to_owned(),
                answer: "An answer".into(),
                accepted: vec![text.to_owned()],
                guid: String::new(),
            },
            FaqEntry {
                id: "b".into(),
                question: "Another question?".into(),
                answer: text.to_owned(),
                accepted: Vec::new(),
                guid: String::new(),
            },
        ];
        let deck = Deck { title: text.to_owned(), ..Deck::example(Content::Faq(Faq { entries })) };
        let written = to_ron(&deck);
        let read: Deck = ron::from_str(&written).unwrap_or_else(|error| panic!("{error}\n{written}"));
        assert_eq!(read, deck, "{written}");
        // Check refuses control characters in texts, whichever way written;
        // it reads every other deck back as it was.
        if !text.chars().any(|c| c.is_control() && c != '\n') {
            let checked = check_text("written.ron", &written).unwrap_or_else(|errors| panic!("{errors:#?}\n{written}"));
            assert_eq!(checked.deck, deck, "{written}");
        }
        // Escaped, a text with a control character keeps every line of the
        // file on one line of the deck.
        assert_eq!(written.contains(text), plain, "{written}");
        if !plain {
            assert!(written.chars().all(|c| c == '\n' || !c.is_control()), "{written}");
        }
    }
}
