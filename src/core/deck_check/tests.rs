use super::*;

const GOOD: &str = r#"Deck(
    id: "capitals",
    title: "Capitals",
    content: Table((
        subjects: [
            (id: "fr", name: "France"),
            (id: "it", name: "Italy"),
        ],
        aspects: [
            (id: "capital", name: "Capital", cells: {"fr": "Paris", "it": "Rome"}),
            (id: "river", name: "River", cells: {"fr": "Seine", "it": "Tiber"}),
        ],
    )),
)
"#;

fn errors(text: &str) -> Vec<String> {
    match check_text("deck.ron", text) {
        Ok(checked) => panic!("expected errors, got a deck with warnings {:?}", checked.warnings),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_good_deck_checks_clean() {
    let checked = check_text("deck.ron", GOOD).expect("valid");
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    assert_eq!(checked.deck.id, "capitals");
}

#[test]
fn syntax_error_names_line_and_column() {
    let text = GOOD.replace(r#"(id: "it", name: "Italy"),"#, r#"(id: "it" name: "Italy"),"#);
    let found = errors(&text);
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("deck.ron:7:"), "{found:?}");
    assert!(found[0].contains("error:"), "{found:?}");
}

#[test]
fn unknown_field_is_an_error_at_its_place() {
    let text = GOOD.replace(
        r#"title: "Capitals","#,
        r#"title: "Capitals",
    colour: "blue","#,
    );
    let found = errors(&text);
    assert!(found[0].starts_with("deck.ron:4:"), "{found:?}");
    assert!(found[0].contains("colour"), "{found:?}");
}

#[test]
fn duplicate_id_points_at_the_second_use() {
    let text = GOOD.replace(r#"(id: "river""#, r#"(id: "fr""#);
    let found = errors(&text);
    assert_eq!(found, vec!["deck.ron:11:18: error: duplicate id `fr` (first used at subject 1, France)"]);
}

#[test]
fn empty_text_and_missing_cell() {
    let text = GOOD
        .replace(r#""it": "Tiber""#, r#""it": "   ""#)
        .replace(r#"{"fr": "Paris", "it": "Rome"}"#, r#"{"fr": "Paris"}"#);
    let found = errors(&text);
    assert!(
        found.contains(&"deck.ron:10:53: error: aspect `capital` has no cell for subject `it`".to_owned()),
        "{found:?}"
    );
    assert!(found.contains(&"deck.ron:11:71: error: empty cell".to_owned()), "{found:?}");
}

#[test]
fn bad_ids_and_references() {
    let text = GOOD
        .replace(r#"(id: "capital""#, r#"(id: "the capital""#)
        .replace(r#"title: "Capitals","#, r#"title: "Capitals", same: [("capital/fr", "nowhere")],"#);
    let found = errors(&text);
    assert!(found.iter().any(|line| line.contains("contains `/` or white space")), "{found:?}");
    assert!(
        found.iter().any(|line| line.starts_with("deck.ron:3:") && line.contains("`nowhere` names no entry")),
        "{found:?}"
    );
}

#[test]
fn one_subject_is_not_a_comparison() {
    let text = GOOD
        .replace(r#"(id: "it", name: "Italy"),"#, "")
        .replace(r#", "it": "Rome""#, "")
        .replace(r#", "it": "Tiber""#, "");
    let found = errors(&text);
    assert!(found.iter().any(|line| line.contains("at least 2 subjects")), "{found:?}");
}

#[test]
fn ambiguous_texts_warn_and_name_the_skipped_question() {
    let text = GOOD.replace(r#""it": "Tiber""#, r#""it": "Seine""#);
    let checked = check_text("deck.ron", &text).expect("warnings only");
    let lines: Vec<String> = checked.warnings.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|line| line.starts_with("deck.ron:11:56:")
            && line.contains("warning: question capitals/river/fr/which_subject is not generated")),
        "{lines:?}"
    );
}

#[test]
fn kinds_that_do_not_apply_warn() {
    let text = GOOD.replace(r#"title: "Capitals","#, r#"title: "Capitals", kinds: [cell_choice, typed_answer],"#);
    let checked = check_text("deck.ron", &text).expect("warnings only");
    assert!(
        checked.warnings.iter().any(|w| w.message().contains("typed_answer does not apply")),
        "{:?}",
        checked.warnings
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("Deck(id: {}", "[".repeat(100_000));
    let found = errors(&text);
    assert_eq!(found.len(), 1);
}

#[test]
fn very_long_line_is_refused() {
    let text = format!("Deck(id: \"{}\")", "x".repeat(MAX_LINE_BYTES + 1));
    let found = errors(&text);
    assert!(found[0].starts_with("deck.ron:1:1: error: line longer than"), "{found:?}");
}

#[test]
fn whole_file_problems_are_at_1_1() {
    let folder = tempfile::tempdir().expect("temp");
    let missing = folder.path().join("missing.ron");
    let found = check_file(&missing).expect_err("missing");
    assert_eq!((found[0].line, found[0].column), (1, 1));
    let big = folder.path().join("big.ron");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(MAX_DECK_BYTES + 1).expect("grow");
    let found = check_file(&big).expect_err("too big");
    assert!(found[0].message().contains("refused"), "{found:?}");
    let binary = folder.path().join("binary.ron");
    std::fs::write(&binary, b"Deck(\n  id: \"\xff\xfe\"").expect("write");
    let found = check_file(&binary).expect_err("not UTF-8");
    assert_eq!((found[0].line, found[0].column), (2, 8));
}

#[test]
fn byte_order_mark_is_accepted() {
    assert!(check_text("deck.ron", &format!("\u{feff}{GOOD}")).is_ok());
}

#[test]
fn every_missing_comma_is_reported_not_only_the_first() {
    let text = "Deck(\n    id: \"x\"\n    title: \"题\",\n    content: Table((\n        subjects: [(id: \"a\", name: \"甲\")\n            (id: \"b\", name: \"乙\")],\n        aspects: [],\n    )),\n)\n";
    let found = errors(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("deck.ron:3:5: error:"), "{found:?}");
    assert_eq!(found[1], "deck.ron:5:40: error: a comma is missing here: the next line starts another field or entry");
    // Read past the commas, the deck's own problem shows in the same run.
    assert_eq!(found[2], "deck.ron:7:18: error: a comparison table needs at least 1 aspect");
    // A well-formed deck, and strings holding quotes, commas and "//", give none.
    assert!(missing_commas(GOOD).is_empty());
    assert!(missing_commas("(a: \"x \\\" y // z\",\n b: 1)").is_empty());
}

#[test]
fn a_deck_with_a_missing_comma_is_still_checked_for_its_other_problems() {
    // A missing comma on line 7, a duplicate aspect id on line 8 and a
    // missing cell on line 9: one run names all three.
    let text = "Deck(\n    id: \"x\",\n    title: \"T\",\n    content: Table((\n        subjects: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n        aspects: [\n            (id: \"size\", name: \"Size\", cells: {\"a\": \"small\", \"b\": \"large\"})\n            (id: \"size\", name: \"Colour\", cells: {\"a\": \"red\", \"b\": \"blue\"}),\n            (id: \"mass\", name: \"Mass\", cells: {\"a\": \"light\"}),\n        ],\n    )),\n)\n";
    let found = errors(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("deck.ron:8:"), "the parser's stop: {found:?}");
    assert!(found[1].starts_with("deck.ron:8:") && found[1].contains("size"), "the duplicate id: {found:?}");
    assert!(found[2].starts_with("deck.ron:9:") && found[2].contains("`b`"), "the missing cell: {found:?}");
    // A comma missing between two fields of one line is put in too.
    let found = errors("Deck(id: \"x\" title: \"T\", content: Faq((entries: [])))");
    assert!(found.iter().any(|line| line.contains("at least 1")), "{found:?}");
}

#[test]
fn includes_and_also_holds_name_subjects_and_cells_of_the_table() {
    let text = GOOD.replace(
        "        aspects: [",
        "        includes: [(\"fr\", \"es\")],\n        also_holds: [(\"capital/de\", \"it\")],\n        aspects: [",
    );
    let found = errors(&text);
    assert!(found.iter().any(|line| line.contains("`es`")), "{found:?}");
    assert!(found.iter().any(|line| line.contains("`capital/de`")), "{found:?}");
    let stated = GOOD.replace("        aspects: [", "        includes: [(\"fr\", \"it\")],\n        aspects: [");
    assert!(check_text("deck.ron", &stated).expect("valid").warnings.is_empty());
}

#[test]
fn cells_sharing_most_words_without_a_statement_are_warned_of() {
    let overlapping = GOOD.replace(
        r#"{"fr": "Seine", "it": "Tiber"}"#,
        r#"{"fr": "a long river through the north", "it": "a long river by the southern hills"}"#,
    );
    let checked = check_text("deck.ron", &overlapping).expect("valid");
    let warnings: Vec<String> = checked.warnings.iter().map(ToString::to_string).collect();
    assert!(
        // At the second of the two cells, Italy's.
        warnings.iter().any(|line| line.starts_with("deck.ron:11:96:") && line.contains("share most of their words")),
        "{warnings:?}"
    );
    let stated =
        overlapping.replace("        aspects: [", "        also_holds: [(\"river/fr\", \"it\")],\n        aspects: [");
    let checked = check_text("deck.ron", &stated).expect("valid");
    assert!(checked.warnings.iter().all(|w| !w.to_string().contains("share most")), "{:?}", checked.warnings);
}

/// The long line found by line ends is the one a split into lines finds.
#[test]
fn long_lines_are_found_where_they_stand() {
    let long = "x".repeat(MAX_LINE_BYTES + 1);
    let full = "y".repeat(MAX_LINE_BYTES);
    for lines in [
        vec!["a", "b"],
        vec![long.as_str()],
        vec![full.as_str(), full.as_str()],
        vec!["a", long.as_str(), "b"],
        vec!["", "", full.as_str(), long.as_str()],
        vec!["a", "", long.as_str(), ""],
        vec!["a", "\r", full.as_str(), "b", long.as_str()],
    ] {
        let text = lines.join("\n");
        let split = text.split('\n').position(|line| line.len() > MAX_LINE_BYTES).map(|index| index + 1);
        assert_eq!(long_line(&text), split);
        assert_eq!(long_line(&text), lines.iter().position(|line| line.len() > MAX_LINE_BYTES).map(|index| index + 1));
    }
}

#[test]
fn a_place_quotes_the_first_line_cut_after_thirty_characters() {
    let thirty = "问".repeat(29) + "题";
    let questions = [
        "Short?".to_owned(),
        thirty.clone(),
        thirty.clone() + "吗",
        "First line\r\nsecond line".to_owned(),
        format!("{thirty}\nmore"),
    ];
    let mut deck = Deck::example_faq(questions.len());
    let Content::Faq(faq) = &mut deck.content else { unreachable!("an FAQ deck") };
    for (entry, question) in faq.entries.iter_mut().zip(&questions) {
        entry.question.clone_from(question);
    }
    let quoted: Vec<String> = (0..questions.len())
        .map(|at| match place_of(&deck, &format!("content.entries[{at}].answer")) {
            Some(Place::Entry { number, question }) if number == at + 1 => question,
            other => panic!("{at}: {other:?}"),
        })
        .collect();
    assert_eq!(quoted, ["Short?".to_owned(), thirty.clone(), format!("{thirty}…"), "First line".to_owned(), thirty]);
}

#[test]
fn a_card_not_made_is_located_at_its_own_entry_or_item() {
    // Two entries asking the same question, answered differently: each
    // entry's cards are not made, and each warning points at its entry.
    let faq = r#"Deck(
    id: "f",
    title: "F",
    content: Faq((entries: [
        (id: "a", question: "What does a brand voice give?", answer: "Recognition"),
        (id: "b", question: "Which colour is the sky?", answer: "Blue"),
        (id: "c", question: "What does a brand voice give?", answer: "Trust over time"),
    ])),
)
"#;
    // The same item in two lists: asking which list holds it has two
    // answers.
    let lists = r#"Deck(
    id: "l",
    title: "L",
    content: Lists((categories: [
        (id: "x", name: "Paid", items: [
            (id: "x1", text: "Search advertising"),
            (id: "x2", text: "Display banners"),
        ]),
        (id: "y", name: "Owned", items: [
            (id: "y1", text: "Company blog"),
            (id: "y2", text: "Search advertising"),
        ]),
    ])),
)
"#;
    // Each card not made at the opening parenthesis of its entry or item.
    let faq_places = [(5, 9, "f/a/"), (7, 9, "f/c/")];
    let lists_places = [(6, 13, "l/x1/"), (11, 13, "l/y2/")];
    for (text, places) in [(faq, &faq_places), (lists, &lists_places)] {
        let checked = check_text("deck.ron", text).expect("warnings only");
        let not_made: Vec<(usize, usize, &str)> = checked
            .warnings
            .iter()
            .filter_map(|warning| match &warning.problem {
                Problem::NotGenerated { card, .. } => Some((warning.line, warning.column, card.as_str())),
                _ => None,
            })
            .collect();
        for (_, _, prefix) in places {
            assert!(not_made.iter().any(|(_, _, card)| card.starts_with(prefix)), "no card of {prefix}: {not_made:?}");
        }
        for &(line, column, card) in &not_made {
            let place = places.iter().find(|(_, _, prefix)| card.starts_with(prefix)).map(|&(l, c, _)| (l, c));
            assert_eq!(Some((line, column)), place, "{card}");
        }
    }
}
