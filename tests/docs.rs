//! The examples in `docs/deck-format.md` are real decks: every complete one
//! (a block whose first line of code is `Deck(`) checks without errors.

use tabula::core::deck_check::check_text;

#[test]
fn every_complete_deck_example_checks() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/deck-format.md")).expect("doc");
    let mut examples = 0;
    for block in doc.split("```ron\n").skip(1) {
        let code = block.split("```").next().unwrap_or_default();
        let starts_a_deck = code.lines().map(str::trim).find(|line| !line.is_empty() && !line.starts_with("//"));
        if starts_a_deck.is_some_and(|line| line.starts_with("Deck(")) {
            examples += 1;
            if let Err(errors) = check_text("example.ron", code) {
                panic!("example {examples} does not check:\n{errors:#?}\n{code}");
            }
        }
    }
    assert!(examples >= 4, "{examples} complete examples");
}
