use super::*;
use crate::core::deck::{Aspect, Category, Faq, FaqEntry, Item, Lists, Subject, Table};

fn table(subjects: usize, aspects: usize, cell: impl Fn(usize, usize) -> String) -> Deck {
    let subjects: Vec<Subject> =
        (0..subjects).map(|s| Subject { id: format!("s{s}"), name: format!("Subject {s}") }).collect();
    let aspects = (0..aspects)
        .map(|a| Aspect {
            id: format!("a{a}"),
            name: format!("Aspect {a}"),
            cells: subjects.iter().enumerate().map(|(s, subject)| (subject.id.clone(), cell(a, s))).collect(),
        })
        .collect();
    deck(Content::Table(Table {
        aspect_heading: String::new(),
        subjects,
        aspects,
        includes: Vec::new(),
        also_holds: Vec::new(),
    }))
}

fn deck(content: Content) -> Deck {
    Deck { id: "t".into(), title: "T".into(), ..Deck::example(content) }
}

/// An FAQ entry with no typed answers.
fn entry(id: &str, question: &str, answer: &str) -> FaqEntry {
    FaqEntry {
        id: id.into(),
        question: question.into(),
        answer: answer.into(),
        accepted: Vec::new(),
        guid: String::new(),
    }
}

fn item(id: &str, text: &str) -> Item {
    Item { id: id.into(), text: text.into(), detail: String::new(), also_in: Vec::new() }
}

fn lists(categories: Vec<(&str, Vec<Item>)>) -> Deck {
    deck(Content::Lists(Lists {
        categories: categories
            .into_iter()
            .map(|(id, items)| Category { id: id.into(), name: format!("List {id}"), items })
            .collect(),
    }))
}

fn find<'a>(generated: &'a Generated, card: &str) -> Option<&'a Question> {
    generated.questions.iter().find(|question| question.id.0 == card)
}

fn distinct_words(a: usize, s: usize) -> String {
    const WORDS: [&str; 12] = [
        "apple", "river", "stone", "cloud", "ember", "frost", "grove", "harbor", "island", "jungle", "kettle",
        "lantern",
    ];
    format!("{} {}", WORDS[a % 12], WORDS[(s * 5 + 7) % 12].to_uppercase())
}

#[test]
fn a_table_of_three_subjects_asks_every_kind() {
    let generated = generate(&table(3, 4, |a, s| format!("cell {} of {}", distinct_words(a, s), a * 10 + s)), 1);
    assert!(generated.skipped.is_empty(), "{:?}", generated.skipped);
    assert_eq!(generated.questions.len(), 3 * 4 * 5 + 3);
    for question in &generated.questions {
        assert!(question.rule_breaches().is_empty(), "{question:?}");
    }
    let which_subject = find(&generated, "t/a1/s2/which_subject").expect("question");
    assert_eq!(which_subject.options.len(), 3);
    assert_eq!(which_subject.options[which_subject.correct[0]], "Subject 2");
}

#[test]
fn cell_choice_offers_the_same_aspect_of_other_subjects_first() {
    let generated = generate(&table(3, 6, |a, s| format!("{} {}", distinct_words(a, s), a * 10 + s)), 0);
    let question = find(&generated, "t/a2/s0/cell_choice").expect("question");
    for subject in 1..3 {
        let same_aspect = format!("{} {}", distinct_words(2, subject), 20 + subject);
        assert!(question.options.contains(&same_aspect), "{question:?}");
    }
}

#[test]
fn alike_cells_are_never_offered_against_each_other() {
    // Subject 1 says the same about aspect 0 as subject 0.
    let deck = table(2, 3, |a, s| if a == 0 { "shared words here".into() } else { distinct_words(a, s) });
    let generated = generate(&deck, 0);
    assert!(find(&generated, "t/a0/s0/which_subject").is_none());
    assert!(find(&generated, "t/a0/s0/true_false").is_none());
    let skipped: Vec<&str> = generated.skipped.iter().map(|skip| skip.card.0.as_str()).collect();
    assert!(skipped.contains(&"t/a0/s0/which_subject"));
    let choice = find(&generated, "t/a0/s0/cell_choice").expect("question");
    assert_eq!(choice.options.iter().filter(|option| *option == "shared words here").count(), 1);
}

#[test]
fn author_marked_same_cells_are_not_distractors() {
    let mut deck = table(2, 3, distinct_words);
    deck.same.push(("a0/s0".into(), "a1/s0".into()));
    let generated = generate(&deck, 0);
    let question = find(&generated, "t/a0/s0/which_aspect").expect("question");
    assert!(!question.options.contains(&"Aspect 1".to_owned()), "{question:?}");
    let choice = find(&generated, "t/a0/s0/cell_choice").expect("question");
    assert!(!choice.options.contains(&distinct_words(1, 0)));
}

#[test]
fn an_item_in_two_lists_is_not_asked_which_list_and_never_offered_against_itself() {
    let deck = lists(vec![
        ("x", vec![item("x1", "competitive edge"), item("x2", "brand reach")]),
        ("y", vec![item("y1", "Competitive edge."), item("y2", "loyal customers")]),
        ("z", vec![item("z1", "time cost"), item("z2", "privacy risk")]),
    ]);
    let generated = generate(&deck, 3);
    for card in ["t/x1/which_category", "t/y1/which_category"] {
        assert!(find(&generated, card).is_none(), "one prompt, two answers across cards: {card}");
        let skipped = generated.skipped.iter().find(|s| s.card.0 == card).expect("reported");
        assert!(matches!(skipped.reason, Skip::InSeveralLists { lists: 2, .. }), "{skipped:?}");
    }
    let belongs = find(&generated, "t/x1/which_belongs").expect("still asked the other way");
    assert!(!belongs.options.contains(&"Competitive edge.".to_owned()), "{belongs:?}");
    let belongs = find(&generated, "t/x2/which_belongs").expect("question");
    assert!(!belongs.options.contains(&"Competitive edge.".to_owned()), "{belongs:?}");
    assert!(find(&generated, "t/z1/which_category").is_some());
}

#[test]
fn near_duplicate_items_are_not_distractors() {
    let deck = lists(vec![
        ("a", vec![item("a1", "耗时耗力"), item("a2", "声誉管理")]),
        ("b", vec![item("b1", "耗时"), item("b2", "知识和培训")]),
    ]);
    let generated = generate(&deck, 0);
    let belongs = find(&generated, "t/a2/which_belongs").expect("question");
    assert!(!belongs.options.contains(&"耗时".to_owned()), "{belongs:?}");
    let category = find(&generated, "t/b1/which_category");
    assert!(category.is_none(), "耗时 is in list a as 耗时耗力 too");
}

#[test]
fn faq_of_400_entries_and_typed_answers() {
    let entries = (0..400)
        .map(|index| FaqEntry {
            id: format!("q{index}"),
            question: format!("What is number {index} doubled plus one?"),
            answer: format!("It is {} in words {}", 2 * index + 1, distinct_words(index, index / 12)),
            accepted: if index % 2 == 0 { vec![(2 * index + 1).to_string()] } else { Vec::new() },
            guid: String::new(),
        })
        .collect();
    let generated = generate(&deck(Content::Faq(Faq { entries })), 9);
    assert_eq!(generated.questions.len(), 400 * 3 + 200);
    let typed = find(&generated, "t/q10/typed_answer").expect("question");
    assert!(typed.is_correct(&crate::core::question::Response::Typed(" 21 ".into())));
    for question in &generated.questions {
        assert!(question.rule_breaches().is_empty(), "{question:?}");
    }
}

#[test]
fn same_seed_same_questions_other_seed_other_order() {
    let deck = table(3, 5, distinct_words);
    let first = generate(&deck, 42).questions;
    assert_eq!(first, generate(&deck, 42).questions);
    assert_ne!(first, generate(&deck, 43).questions);
    let ids = |questions: &[Question]| questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&generate(&deck, 43).questions), "cards do not depend on the seed");
}

#[test]
fn kinds_limit_the_cards() {
    let mut deck = table(2, 2, distinct_words);
    deck.kinds = vec![QuestionKind::CellChoice];
    let generated = generate(&deck, 0);
    assert!(generated.questions.iter().all(|question| question.kind == QuestionKind::CellChoice));
    assert_eq!(generated.questions.len(), 4);
}

#[test]
fn matching_takes_at_most_six_pairs() {
    let generated = generate(&table(2, 9, |a, s| distinct_words(a, s) + &a.to_string()), 5);
    let question = find(&generated, "t/s0/matching").expect("question");
    assert_eq!(question.lefts.len(), 6);
    assert!(question.rule_breaches().is_empty());
}

#[test]
fn slot_for_finds_every_card() {
    let deck = table(2, 3, distinct_words);
    let generator = Generator::new(&deck);
    for slot in generator.slots() {
        assert_eq!(generator.slot_for(&generator.card_id(&slot)), Some(slot));
    }
    assert_eq!(generator.slot_for(&CardId("other/a0/s0/cell_choice".into())), None);
}

/// The room made for a deck's cards holds them all: the shipped decks (every
/// content) and a table whose cells all make every kind.
#[test]
fn the_slot_bound_holds_every_slot() {
    let shipped = crate::core::builtin::BUILTIN_DECKS
        .iter()
        .map(|(file, text)| crate::core::deck_check::check_text(file, text).expect("a shipped deck checks").deck);
    for deck in shipped.chain([table(3, 4, distinct_words)]) {
        let generator = Generator::new(&deck);
        let mut slots = 0;
        generator.each_slot(|_| slots += 1);
        assert!(slots > 0 && slots <= generator.slot_bound(), "{}: {slots} slots", deck.id);
    }
}

/// An item's position counts the items of every list before its own, empty
/// lists too; an id met twice is at its first place; an id the deck lacks is
/// nowhere, even where its hash finds a place (the id there is another).
#[test]
fn positions_count_items_across_lists_and_check_the_id_found() {
    let deck = lists(vec![
        ("empty", vec![]),
        ("a", vec![item("a0", "alpha"), item("a1", "beta")]),
        ("none", vec![]),
        ("b", vec![item("b0", "gamma"), item("a1", "delta"), item("b2", "epsilon")]),
    ]);
    let generator = Generator::new(&deck);
    let found: Vec<Option<usize>> = ["a0", "a1", "b0", "b2", "zz"].iter().map(|id| generator.position(id)).collect();
    assert_eq!(found, [Some(0), Some(1), Some(2), Some(4), None]);
    let mut positions = Positions::new(&deck);
    positions.by_hash.insert(index::text_hash("ghost"), 3);
    assert_eq!(positions.get(&deck, "ghost"), None);
    positions.collided.insert("ghost".into(), 4);
    assert_eq!(positions.get(&deck, "ghost"), Some(4));
}

/// A slot knows where its entry stands; a slot whose place is missing or
/// names another entry (a card id read back, an edited deck) is asked of
/// its entry all the same.
#[test]
fn a_slot_is_asked_of_its_own_entry_wherever_it_says_it_stands() {
    let faq = deck(Content::Faq(Faq {
        entries: (0..6)
            .map(|at| FaqEntry {
                id: format!("e{at}"),
                question: format!("Question about {}?", distinct_words(at, at)),
                answer: format!("Answer {}", distinct_words(at + 3, at)),
                accepted: Vec::new(),
                guid: String::new(),
            })
            .collect(),
    }));
    let list_deck = lists(vec![
        ("a", vec![item("a1", "apple pie"), item("a2", "river stone")]),
        ("b", vec![item("b1", "cloud ember"), item("b2", "frost grove")]),
    ]);
    for deck in [faq, list_deck] {
        let generator = Generator::new(&deck);
        for slot in generator.slots() {
            let listed = generator.question(&slot, 3);
            for entry in [None, Some(0), Some(1), Some(99)] {
                let moved = Slot { entry, ..slot.clone() };
                assert_eq!(generator.question(&moved, 3), listed, "{slot:?} said to stand at {entry:?}");
            }
        }
    }
}

#[test]
fn faq_entries_marked_same_are_still_asked() {
    let mut faq = deck(Content::Faq(Faq {
        entries: vec![
            entry("a", "Is SMM the same as DM?", "No: SMM is a subset of DM."),
            entry("b", "Is SMM the same as DM??", "No, SMM is a subset of DM"),
            entry("c", "What are the three elements?", "Generation, capture, nurturing."),
        ],
    }));
    faq.same.push(("a".into(), "b".into()));
    let generated = generate(&faq, 0);
    let choice = find(&generated, "t/a/answer_choice").expect("asked");
    assert_eq!(choice.options.len(), 2, "the twin's answer is no distractor: {choice:?}");
    // Nearly the same question with a different answer cannot be asked.
    if let Content::Faq(faq_content) = &mut faq.content {
        faq_content.entries[1].answer = "Yes, entirely.".into();
    }
    faq.same.clear();
    let generated = generate(&faq, 0);
    assert!(find(&generated, "t/a/faq_recall").is_none());
    assert!(find(&generated, "t/a/which_question").is_some());
}

/// Twins are found by position where a deck's ids are its entries' own, and
/// by id where two entries share one (a deck the check refuses, decided
/// beside its validation all the same): an entry is never its own twin.
#[test]
fn an_entry_is_never_its_own_twin_even_where_the_deck_repeats_its_id() {
    let faq = deck(Content::Faq(Faq {
        entries: vec![
            entry("a", "Is SMM the same as DM?", "No: SMM is a subset of DM."),
            entry("a", "Is SMM the same as DM??", "Yes, entirely."),
            entry("c", "What are the three elements?", "Generation, capture, nurturing."),
            entry("d", "What are the three elements??", "Reach, trust, sales."),
        ],
    }));
    let generated = generate(&faq, 0);
    let twins: Vec<(&str, &Skip)> = generated
        .skipped
        .iter()
        .filter(|skipped| matches!(skipped.reason, Skip::NearlySameQuestion { .. }))
        .map(|skipped| (skipped.card.0.as_str(), &skipped.reason))
        .collect();
    assert!(
        twins.iter().all(|(card, reason)| !matches!(reason, Skip::NearlySameQuestion { twin } if card.starts_with(&format!("t/{twin}/")))),
        "{twins:?}"
    );
    // Entries of their own ids are each other's twins.
    assert!(find(&generated, "t/c/faq_recall").is_none() && find(&generated, "t/d/faq_recall").is_none());
}

#[test]
fn neighbourhoods_keep_their_size_inside_the_deck() {
    assert_eq!(neighbourhood(10, 3), 0..10, "a small deck offers every entry");
    assert_eq!(neighbourhood(1000, 0), 0..65);
    assert_eq!(neighbourhood(1000, 500), 468..533);
    assert_eq!(neighbourhood(1000, 999), 935..1000);
    assert_eq!(neighbourhood(0, 0), 0..0);
}

#[test]
fn a_large_deck_draws_distractors_from_nearby_entries() {
    let entries: Vec<FaqEntry> = (0..400)
        .map(|index| FaqEntry {
            id: format!("q{index}"),
            question: format!("Which figure belongs to case {index}?"),
            answer: format!("Figure {index}"),
            accepted: Vec::new(),
            guid: String::new(),
        })
        .collect();
    let deck = deck(Content::Faq(Faq { entries }));
    let generator = Generator::new(&deck);
    for at in [0usize, 200, 399] {
        let slot =
            Slot { item: format!("q{at}"), kind: QuestionKind::AnswerChoice, path: FieldPath::Unplaced, entry: None };
        let question = generator.question(&slot, 7).expect("question");
        for option in &question.options {
            let number: usize = option.trim_start_matches("Figure ").parse().expect("a figure");
            assert!(neighbourhood(400, at).contains(&number), "{option} is far from entry {at}");
        }
    }
}

/// A table a thousand subjects wide: each question looks at the subjects
/// near its own, as it does at the rows near its own, so that it costs the
/// same however wide the table is (the whole row made every question, and
/// so the deck, quadratic in the subjects).
#[test]
fn a_wide_tables_questions_draw_on_nearby_subjects_only() {
    let deck = table(1_000, 2, |subject, aspect| format!("fact {aspect} of subject {subject}"));
    let generator = Generator::new(&deck);
    let window = 2 * NEIGHBOURS + 1;
    let mut checked = 0;
    for slot in generator.slots().into_iter().filter(|slot| slot.item.ends_with("/s500")) {
        let question = generator.question(&slot, 0).expect("question");
        assert!(question.context.lines().count() <= window + 1, "{}: the row near its subject", slot.kind);
        checked += 1;
    }
    assert!(checked >= 4, "the cell's questions were generated");
}

#[test]
fn a_prompt_that_states_its_answer_is_not_asked() {
    let entry = |id: &str, question: &str, answer: &str| FaqEntry {
        accepted: vec![answer.into()],
        ..entry(id, question, answer)
    };
    let deck = deck(Content::Faq(Faq {
        entries: vec![
            entry("sg", "Capital of Singapore?", "Singapore"),
            entry("fr", "Capital of France?", "Paris"),
            entry("h", "Symbol for hydrogen?", "H"),
            entry("dm", "哪种营销包括数字营销？", "数字营销"),
        ],
    }));
    let generated = generate(&deck, 0);
    for kind in ["faq_recall", "answer_choice", "typed_answer"] {
        assert!(find(&generated, &format!("t/sg/{kind}")).is_none(), "{kind}");
        assert!(find(&generated, &format!("t/dm/{kind}")).is_none(), "{kind}");
        assert!(find(&generated, &format!("t/h/{kind}")).is_some(), "H is not a word of the prompt: {kind}");
        assert!(find(&generated, &format!("t/fr/{kind}")).is_some(), "{kind}");
    }
    let skipped: Vec<&Skip> =
        generated.skipped.iter().filter(|s| s.card.0.starts_with("t/sg/")).map(|s| &s.reason).collect();
    assert!(
        skipped.iter().all(|reason| matches!(reason, Skip::GivesAnswerAway { given } if given == "Singapore")),
        "{skipped:?}"
    );
}

/// An item's detail that its prompt states is not asked, whether the detail
/// is one of the texts the deck's index holds (the item's own), its list's
/// name, or a text of neither (part of a Chinese item); a detail the prompt
/// does not state is.
#[test]
fn a_detail_the_prompt_states_is_not_asked() {
    let detailed = |id: &str, text: &str, detail: &str| Item { detail: detail.into(), ..item(id, text) };
    let deck = lists(vec![
        (
            "channels",
            vec![
                detailed("own", "paid search ads", "paid search ads"),
                detailed("name", "owned media", "channels"),
                detailed("part", "数字营销渠道", "数字营销"),
                detailed("asked", "email newsletters", "Sent to subscribers who opted in."),
            ],
        ),
        ("costs", vec![item("c1", "agency fees"), item("c2", "tool licences")]),
    ]);
    let generated = generate(&deck, 0);
    for id in ["own", "name", "part"] {
        let card = format!("t/{id}/detail_recall");
        assert!(find(&generated, &card).is_none(), "{card}");
        let skipped = generated.skipped.iter().find(|s| s.card.0 == card).expect("reported");
        assert!(matches!(skipped.reason, Skip::GivesAnswerAway { .. }), "{skipped:?}");
    }
    assert!(find(&generated, "t/asked/detail_recall").is_some());
}

#[test]
fn a_subject_that_includes_another_is_never_told_the_part_does_not_hold_for_it() {
    let mut deck = table(3, 4, |a, s| distinct_words(a * 3 + s, 0));
    let Content::Table(cells) = &mut deck.content else { unreachable!("a table") };
    // Subject 0 includes subject 1; one cell of subject 2 also holds for subject 0.
    cells.includes.push(("s0".into(), "s1".into()));
    cells.also_holds.push(("a2/s2".into(), "s0".into()));
    for seed in 0..30 {
        let generated = generate(&deck, seed);
        for aspect in 0..4 {
            let part_text = distinct_words(aspect * 3 + 1, 0);
            if let Some(question) = find(&generated, &format!("t/a{aspect}/s0/true_false")) {
                let false_with_part = question.prompt.contains(&part_text) && question.correct == vec![1];
                assert!(!false_with_part, "{question:#?}");
            }
            let choice = find(&generated, &format!("t/a{aspect}/s0/cell_choice")).expect("question");
            assert!(!choice.options.contains(&part_text), "{choice:#?}");
            if let Some(question) = find(&generated, &format!("t/a{aspect}/s1/which_subject")) {
                assert!(!question.options.contains(&"Subject 0".to_owned()), "{question:#?}");
            }
        }
        let also = find(&generated, "t/a2/s0/true_false");
        if let Some(question) = also {
            let shows_s2 = question.prompt.contains(&distinct_words(2 * 3 + 2, 0));
            assert!(!(shows_s2 && question.correct == vec![1]), "{question:#?}");
        }
    }
    // Two subjects, one inside the other: the part's cells name no one
    // subject, and nothing said of the whole can be false.
    let mut deck = table(2, 3, |a, s| distinct_words(a * 2 + s, 0));
    let Content::Table(cells) = &mut deck.content else { unreachable!("a table") };
    cells.includes.push(("s0".into(), "s1".into()));
    let generated = generate(&deck, 0);
    assert!(find(&generated, "t/a0/s1/which_subject").is_none());
    assert!(find(&generated, "t/a0/s0/true_false").is_none());
    assert!(find(&generated, "t/a0/s1/true_false").is_some(), "the whole's cells can still be false of the part");
    assert!(find(&generated, "t/a0/s0/which_subject").is_some());
    assert!(generated.skipped.iter().all(|skipped| !skipped.card.0.starts_with("t/a0/s")), "{:?}", generated.skipped);
}

/// `same` pairs chained through shared members make one group, whatever
/// order they come in; a member's others come in the order of their ids.
#[test]
fn same_pairs_close_into_groups() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    };
    let groups = SameGroups::new(&pairs(&[("d", "c"), ("x", "y"), ("a", "b"), ("b", "c")]));
    assert_eq!(groups.members("a").collect::<Vec<_>>(), ["b", "c", "d"]);
    assert_eq!(groups.members("c").collect::<Vec<_>>(), ["a", "b", "d"]);
    assert_eq!(groups.members("y").collect::<Vec<_>>(), ["x"]);
    assert_eq!(groups.members("z").count(), 0);
    assert!(groups.same("d", "a") && groups.same("z", "z"));
    assert!(!groups.same("a", "x") && !groups.same("a", "z"));
    // Thousands of pairs in a chain: one group, grouped in one pass.
    let chain: Vec<(String, String)> = (0..5000).map(|n| (format!("e{n}"), format!("e{}", n + 1))).collect();
    let groups = SameGroups::new(&chain);
    assert_eq!(groups.members("e0").count(), 5000);
    assert!(groups.same("e0", "e5000"));
}
