//! Property tests: decks of many shapes, random texts with many near
//! duplicates, and damaged deck files. Questions keep the rules and nothing
//! panics.

use std::collections::BTreeMap;

use proptest::prelude::*;
use tabula::core::deck::{Aspect, Category, Content, Deck, Faq, FaqEntry, Item, Lists, Subject, Table};
use tabula::core::deck_check::{Severity, check_text, validate};
use tabula::core::generate::{Generator, decide, generate};
use tabula::core::import::{ImportKind, ImportOptions, import};
use tabula::core::question::QuestionKind;

#[path = "../benches/support/decks.rs"]
mod decks;

use decks::Script;

/// A small vocabulary, so that equal and near-equal texts are common.
const WORDS: [&str; 10] = ["耗时", "耗力", "成本", "效益", "品牌", "知名度", "global", "reach", "cost", "数据安全"];

/// Chinese characters of a topic deck's small vocabulary: every text shares
/// characters with most others.
const CHARACTERS: [&str; 12] = ["数", "据", "安", "全", "营", "销", "品", "牌", "广", "告", "成", "本"];

/// English words, separated by spaces.
const ENGLISH: [&str; 8] = ["brand", "reach", "cost", "data", "the", "of", "what", "capital"];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(0..WORDS.len(), 1..4).prop_map(|words| words
            .iter()
            .map(|&w| WORDS[w])
            .collect::<Vec<_>>()
            .join("")),
        prop::collection::vec(0..CHARACTERS.len(), 1..10)
            .prop_map(|chars| chars.iter().map(|&c| CHARACTERS[c]).collect::<String>()),
        prop::collection::vec(0..ENGLISH.len(), 1..6).prop_map(|words| words
            .iter()
            .map(|&w| ENGLISH[w])
            .collect::<Vec<_>>()
            .join(" ")),
    ]
}

fn deck(content: Content, same: Vec<(String, String)>) -> Deck {
    Deck {
        id: "p".into(),
        title: "P".into(),
        language: "zh".into(),
        description: String::new(),
        source: String::new(),
        kinds: Vec::new(),
        same,
        content,
    }
}

fn table_deck() -> impl Strategy<Value = Deck> {
    (2usize..5, 1usize..8).prop_flat_map(|(subjects, aspects)| {
        (
            prop::collection::vec(text(), subjects * aspects),
            prop::collection::vec((0..aspects, 0..subjects, 0..aspects), 0..3),
        )
            .prop_map(move |(cells, same)| {
                let subject_list: Vec<Subject> =
                    (0..subjects).map(|s| Subject { id: format!("s{s}"), name: format!("主体{s}") }).collect();
                let aspects = (0..aspects)
                    .map(|a| Aspect {
                        id: format!("a{a}"),
                        name: format!("方面{a}"),
                        cells: (0..subjects)
                            .map(|s| (format!("s{s}"), cells[a * subjects + s].clone()))
                            .collect::<BTreeMap<_, _>>(),
                    })
                    .collect();
                let same = same.into_iter().map(|(a, s, b)| (format!("a{a}/s{s}"), format!("a{b}/s{s}"))).collect();
                deck(
                    Content::Table(Table {
                        aspect_heading: String::new(),
                        subjects: subject_list,
                        aspects,
                        includes: Vec::new(),
                        also_holds: Vec::new(),
                    }),
                    same,
                )
            })
    })
}

fn faq_deck() -> impl Strategy<Value = Deck> {
    prop::collection::vec((text(), text(), prop::collection::vec(text(), 0..2)), 1..25).prop_map(|entries| {
        let entries = entries
            .into_iter()
            .enumerate()
            .map(|(index, (question, answer, accepted))| FaqEntry {
                id: format!("q{index}"),
                question,
                answer,
                accepted,
                guid: String::new(),
            })
            .collect();
        deck(Content::Faq(Faq { entries }), Vec::new())
    })
}

fn lists_deck() -> impl Strategy<Value = Deck> {
    prop::collection::vec(prop::collection::vec((text(), text(), prop::option::of(0usize..6)), 1..8), 1..6).prop_map(
        |categories| {
            let count = categories.len();
            let categories = categories
                .into_iter()
                .enumerate()
                .map(|(c, items)| Category {
                    id: format!("c{c}"),
                    name: format!("类别{c}"),
                    items: items
                        .into_iter()
                        .enumerate()
                        .map(|(i, (text, detail, also))| Item {
                            id: format!("c{c}i{i}"),
                            text,
                            detail,
                            also_in: also
                                .map(|other| other % count)
                                .filter(|other| *other != c)
                                .map(|other| format!("c{other}"))
                                .into_iter()
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
            deck(Content::Lists(Lists { categories }), Vec::new())
        },
    )
}

fn any_deck() -> impl Strategy<Value = Deck> {
    prop_oneof![table_deck(), faq_deck(), lists_deck()]
}

/// What a list item's text is held by: its categories and those of items
/// that say the same, by the deck's rule, every item compared.
fn holders(deck: &Deck, text: &str) -> Vec<String> {
    let Content::Lists(lists) = &deck.content else { return Vec::new() };
    let generator = Generator::new(deck);
    let mut holders = Vec::new();
    for category in &lists.categories {
        for item in &category.items {
            if generator.near_duplicate(&item.text, text) {
                holders.push(category.name.clone());
                for also in &item.also_in {
                    if let Some(other) = lists.categories.iter().find(|c| &c.id == also) {
                        holders.push(other.name.clone());
                    }
                }
            }
        }
    }
    holders
}

/// Every question of a deck keeps the rules: no breach, no wrong option
/// alike the right one (by the deck's rule), one list holding the item asked.
fn keeps_the_rules(deck: &Deck, seed: u64) -> Result<usize, String> {
    let generator = Generator::new(deck);
    let generated = generate(deck, seed);
    for question in &generated.questions {
        if !question.rule_breaches().is_empty() {
            return Err(format!("{:?}: {question:?}", question.rule_breaches()));
        }
        let right = question.correct.first().and_then(|index| question.options.get(*index));
        match question.kind {
            QuestionKind::CellChoice | QuestionKind::AnswerChoice | QuestionKind::WhichBelongs => {
                let right = right.ok_or_else(|| format!("no right option: {question:?}"))?;
                if question.options.iter().any(|option| option != right && generator.near_duplicate(option, right)) {
                    return Err(format!("an option alike the right one: {question:?}"));
                }
            }
            QuestionKind::WhichCategory => {
                let item = question.prompt.trim_start_matches('「').split('」').next().unwrap_or_default();
                let holders = holders(deck, item);
                let offered = question.options.iter().filter(|option| holders.contains(option)).count();
                if offered != 1 {
                    return Err(format!("{offered} holders offered: {question:?}"));
                }
            }
            _ => {}
        }
    }
    Ok(generated.questions.len())
}

/// The bench decks of both alphabets, in every shape and as an imported Anki
/// export, large enough that the deck-wide comparisons take their
/// locality-sensitive path, keep every rule.
#[test]
fn generated_bench_decks_keep_the_rules() {
    for script in Script::ALL {
        let anki = decks::anki_export(script, 300);
        let options = ImportOptions { kind: Some(ImportKind::Anki), name: "anki".into(), ..ImportOptions::default() };
        let imported = import(anki.as_bytes(), &options).expect("import").deck;
        let texts = [
            decks::faq_deck_in("faq", script, 300),
            decks::lists_deck_in("lists", script, 300),
            decks::table_deck_in("table", script, 4, 40),
        ];
        let mut decks: Vec<Deck> =
            texts.iter().map(|text| check_text("deck.ron", text).expect("a valid deck").deck).collect();
        decks.push(imported);
        for deck in &decks {
            let questions =
                keeps_the_rules(deck, 3).unwrap_or_else(|breach| panic!("{} {}: {breach}", script.name(), deck.id));
            assert!(questions > 300, "{} {}: only {questions} questions", script.name(), deck.id);
        }
    }
}

/// A quiz book of templated questions (capitals, currencies, element
/// symbols, atomic numbers) is not a book of duplicates: the questions
/// differ in their distinctive terms.
#[test]
fn templated_faq_keeps_its_questions() {
    let deck = check_text("quiz.ron", &decks::templated_faq("quiz", 400)).expect("a valid deck").deck;
    let generated = generate(&deck, 0);
    let Content::Faq(faq) = &deck.content else { panic!("an FAQ") };
    let has = |id: &str, kind: QuestionKind| generated.questions.iter().any(|q| q.item == id && q.kind == kind);
    let kept = faq
        .entries
        .iter()
        .filter(|entry| has(&entry.id, QuestionKind::FaqRecall) && has(&entry.id, QuestionKind::AnswerChoice))
        .count();
    assert!(kept * 100 >= faq.entries.len() * 95, "{kept} of {} entries keep flip and choice", faq.entries.len());
    let generator = Generator::new(&deck);
    assert!(!generator.near_duplicate(&faq.entries[0].question, &faq.entries[4].question));
    assert!(!generator.near_duplicate(&faq.entries[0].question, &faq.entries[1].question));
}

/// Whether deciding a deck's cards (without drawing options) keeps exactly
/// the cards whose questions build, for each of `seeds`: every kept card
/// yields a question and every skipped one fails, with the same reason.
fn decide_agrees(deck: &Deck, seeds: impl IntoIterator<Item = u64>) -> Result<(), String> {
    let decided = decide(deck);
    let kept: Vec<String> = decided.cards.iter().map(ToString::to_string).collect();
    let skipped: Vec<(String, String)> =
        decided.skipped.iter().map(|skipped| (skipped.card.to_string(), skipped.reason.to_string())).collect();
    for seed in seeds {
        let generated = generate(deck, seed);
        let built: Vec<String> = generated.questions.iter().map(|question| question.id.to_string()).collect();
        let refused: Vec<(String, String)> =
            generated.skipped.iter().map(|skipped| (skipped.card.to_string(), skipped.reason.to_string())).collect();
        if built != kept {
            return Err(format!("seed {seed}: decide kept {kept:?}, the questions built are {built:?}"));
        }
        if refused != skipped {
            return Err(format!("seed {seed}: decide skipped {skipped:?}, the questions refused are {refused:?}"));
        }
    }
    Ok(())
}

#[test]
fn deciding_large_bench_decks_agrees_with_building_them() {
    // 300 entries: more candidates than a question scores, the index's
    // deck-wide path, both alphabets.
    for script in Script::ALL {
        let anki = decks::anki_export(script, 300);
        let options = ImportOptions { kind: Some(ImportKind::Anki), name: "anki".into(), ..ImportOptions::default() };
        let mut decks = vec![import(anki.as_bytes(), &options).expect("import").deck];
        for text in [
            decks::faq_deck_in("faq", script, 300),
            decks::lists_deck_in("lists", script, 300),
            decks::table_deck_in("table", script, 12, 30),
        ] {
            decks.push(check_text("deck.ron", &text).expect("a bench deck checks").deck);
        }
        for deck in &decks {
            if let Err(disagreement) = decide_agrees(deck, [0, 1, 7]) {
                panic!("{} ({}): {disagreement}", deck.id, script.name());
            }
        }
    }
}

/// A deck's cards, and those skipped with why, as `decide` gives them on
/// `threads` cores.
fn decided_on(threads: usize, deck: &Deck) -> (Vec<String>, Vec<String>) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let decided = pool.install(|| decide(deck));
    let skipped = decided
        .skipped
        .iter()
        .map(|skipped| format!("{} at {}: {}", skipped.card, skipped.path, skipped.reason))
        .collect();
    (decided.cards.iter().map(ToString::to_string).collect(), skipped)
}

#[test]
fn deciding_over_several_cores_gives_what_one_gives() {
    // Decks large enough that their cards are decided batch by batch on
    // every core and their near-duplicates swept by member on every core,
    // with many near-duplicates and skipped cards in Chinese.
    for script in Script::ALL {
        for text in [decks::faq_deck_in("faq", script, 3_000), decks::lists_deck_in("lists", script, 3_000)] {
            let deck = check_text("deck.ron", &text).expect("a bench deck checks").deck;
            let alone = decided_on(1, &deck);
            let slots = alone.0.len() + alone.1.len();
            assert!(slots > 2 * 4096, "{}: {slots} cards and skipped, fewer than two batches", deck.id);
            // Every batch's cards, each once and in order, are those the
            // questions built one by one give.
            if let Err(disagreement) = decide_agrees(&deck, [0]) {
                panic!("{} ({}): {disagreement}", deck.id, script.name());
            }
            for threads in [2, 3] {
                assert!(decided_on(threads, &deck) == alone, "{} ({}) on {threads} cores", deck.id, script.name());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_questions_keep_the_rules(deck in any_deck(), seed in 0u64..1000) {
        let errors: Vec<_> = validate(&deck).into_iter().filter(|issue| issue.severity == Severity::Error).collect();
        prop_assume!(errors.is_empty());
        let generated = generate(&deck, seed);
        prop_assert_eq!(&generated.questions, &generate(&deck, seed).questions);
        if let Err(breach) = keeps_the_rules(&deck, seed) {
            prop_assert!(false, "{}", breach);
        }
    }

    /// Which cards a deck has is decided without drawing any option, and
    /// agrees with building every question, whatever the seed.
    #[test]
    fn decided_cards_are_exactly_those_that_build(deck in any_deck(), seeds in prop::collection::vec(any::<u64>(), 1..4)) {
        let errors: Vec<_> = validate(&deck).into_iter().filter(|issue| issue.severity == Severity::Error).collect();
        prop_assume!(errors.is_empty());
        if let Err(disagreement) = decide_agrees(&deck, seeds) {
            prop_assert!(false, "{}", disagreement);
        }
    }

    /// The file checker accepts exactly the decks `validate()` finds no
    /// error in, and reads them back unchanged.
    #[test]
    fn written_decks_read_back_and_check(deck in any_deck()) {
        let text = ron::ser::to_string_pretty(&deck, ron::ser::PrettyConfig::default()).expect("serialise");
        let errors: Vec<_> = validate(&deck).into_iter().filter(|issue| issue.severity == Severity::Error).collect();
        match check_text("deck.ron", &text) {
            Ok(checked) => {
                prop_assert!(errors.is_empty(), "accepted a deck with errors {:?}", errors);
                prop_assert_eq!(checked.deck, deck);
            }
            Err(diagnostics) => {
                prop_assert!(!errors.is_empty(), "refused a valid deck: {:?}", diagnostics);
                prop_assert!(diagnostics.iter().any(|diagnostic| diagnostic.severity == Severity::Error));
                for diagnostic in diagnostics {
                    prop_assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = check_text("deck.ron", &text);
    }

    #[test]
    fn mutated_shipped_decks_never_panic(cuts in prop::collection::vec((0usize..60_000, any::<u8>()), 1..8)) {
        let original = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/decks/smm-vs-dm-comparison.ron")).expect("deck");
        let mut bytes = original.clone();
        for (at, byte) in cuts {
            let at = at % bytes.len();
            if byte % 3 == 0 { bytes.remove(at); } else { bytes[at] = byte; }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(checked) = check_text("deck.ron", &text) {
            let _ = generate(&checked.deck, 1);
        }
    }
}

proptest! {
    // The long run: `cargo test --test generator_properties -- --ignored`.
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    #[ignore = "long fuzz run; cargo test --test generator_properties -- --ignored"]
    fn long_run_bad_decks_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), deck in any_deck(), seed in 0u64..100) {
        let _ = check_text("deck.ron", &String::from_utf8_lossy(&bytes));
        let text = ron::ser::to_string_pretty(&deck, ron::ser::PrettyConfig::default()).expect("serialise");
        let cut = bytes.first().map_or(text.len(), |b| usize::from(*b) * text.len() / 256);
        let _ = check_text("deck.ron", &text[..text.floor_char_boundary(cut)]);
        if validate(&deck).iter().all(|issue| issue.severity != Severity::Error) {
            for question in generate(&deck, seed).questions {
                prop_assert!(question.rule_breaches().is_empty());
            }
        }
    }
}
