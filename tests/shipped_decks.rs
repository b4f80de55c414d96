//! The shipped decks: they check clean, every question keeps the rules, and
//! the article's traps are handled.

use std::path::Path;

use tabula::core::deck_check::check_file;
use tabula::core::generate::generate;
use tabula::core::library::{Library, deck_files};
use tabula::core::question::{Question, QuestionKind};
use tabula::core::text::near_duplicate;

fn shipped() -> Vec<tabula::core::deck::Deck> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    deck_files(&folder).iter().map(|path| check_file(path).expect("deck loads").deck).collect()
}

fn questions(deck_id: &str, seed: u64) -> Vec<Question> {
    let deck = shipped().into_iter().find(|deck| deck.id == deck_id).expect("deck");
    generate(&deck, seed).questions
}

#[test]
fn every_shipped_deck_checks_clean() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let files = deck_files(&folder);
    assert_eq!(files.len(), 4);
    for file in files {
        let checked = check_file(&file).unwrap_or_else(|errors| panic!("{errors:#?}"));
        assert!(checked.warnings.is_empty(), "{:#?}", checked.warnings);
    }
}

#[test]
fn built_in_decks_are_the_shipped_files() {
    let library = Library::load(None, &[]);
    assert!(library.failures.is_empty());
    let mut built_in: Vec<_> = library.decks.into_iter().map(|loaded| loaded.deck).collect();
    let mut files = shipped();
    built_in.sort_by(|a, b| a.id.cmp(&b.id));
    files.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(built_in, files);
}

#[test]
fn every_question_keeps_the_rules_for_many_seeds() {
    let mut with_options = 0;
    for deck in shipped() {
        for seed in 0..20 {
            let generated = generate(&deck, seed);
            for question in &generated.questions {
                assert!(question.rule_breaches().is_empty(), "{question:#?}");
                if !question.kind.is_self_graded() && question.kind != QuestionKind::TypedAnswer {
                    assert!(!question.options.is_empty());
                    with_options += 1;
                }
            }
        }
    }
    assert!(with_options > 0, "no question with options was checked");
}

#[test]
fn the_table_is_five_bases_by_two_disciplines() {
    let all = questions("smm-vs-dm-comparison", 0);
    assert_eq!(all.iter().filter(|q| q.kind == QuestionKind::CellRecall).count(), 10);
    assert_eq!(all.iter().filter(|q| q.kind == QuestionKind::Matching).count(), 2);
}

#[test]
fn cells_that_say_the_same_are_never_options_against_each_other() {
    for seed in 0..20 {
        let all = questions("smm-vs-dm-comparison", seed);
        let which_aspect = |item: &str| {
            all.iter().find(|q| q.kind == QuestionKind::WhichAspect && q.item == item).expect("question").clone()
        };
        assert!(!which_aspect("scope/smm").options.contains(&"平台".to_owned()));
        assert!(!which_aspect("platforms/smm").options.contains(&"范围".to_owned()));
        assert!(!which_aspect("platforms/dm").options.contains(&"沟通和互动".to_owned()));
        assert!(!which_aspect("communication/dm").options.contains(&"平台".to_owned()));
    }
}

/// Texts the article lists in more than one place, or nearly so: none is ever
/// a wrong option against another of its group.
const SAME_GROUPS: [&[&str]; 6] = [
    &["竞争优势"],
    &["全球覆盖"],
    &["经济高效的营销", "经济高效的广告", "成本效益", "低成本"],
    &["耗时耗力", "耗时"],
    &["数据安全和隐私问题", "隐私和安全问题"],
    &["可衡量的结果", "可衡量的结果和问责制"],
];

#[test]
fn points_listed_twice_are_never_wrong_options() {
    // How often each group's text was the right option: a group never asked
    // about would pass unchecked.
    let mut asked = [0usize; SAME_GROUPS.len()];
    for seed in 0..20 {
        for question in questions("smm-vs-dm-lists", seed) {
            let right =
                &question.options.get(question.correct.first().copied().unwrap_or(0)).cloned().unwrap_or_default();
            if question.kind == QuestionKind::WhichBelongs {
                for (group, asked) in SAME_GROUPS.iter().zip(&mut asked) {
                    if group.contains(&right.as_str()) {
                        *asked += 1;
                        for option in &question.options {
                            assert!(option == right || !group.contains(&option.as_str()), "{question:#?}");
                        }
                    }
                }
                for option in question.options.iter().filter(|option| *option != right) {
                    assert!(!near_duplicate(option, right), "{question:#?}");
                }
            }
        }
    }
    for (group, asked) in SAME_GROUPS.iter().zip(asked) {
        assert!(asked > 0, "{group:?} was never the right option in 20 seeds");
    }
}

#[test]
fn which_list_never_offers_another_list_that_holds_the_point() {
    let lists = questions("smm-vs-dm-lists", 0);
    let holders = |text: &str| -> Vec<String> {
        lists
            .iter()
            .filter(|q| q.kind == QuestionKind::WhichCategory && q.prompt.contains(&format!("「{text}」")))
            .map(|q| q.answer.clone())
            .collect()
    };
    for (text, lists_holding) in [
        ("竞争优势", vec!["社交媒体营销的重要性", "社交媒体营销的优点"]),
        ("全球覆盖", vec!["数字营销的重要性", "数字营销的优点"]),
        ("定向广告", vec!["社交媒体营销的重要性", "数字营销的重要性"]),
    ] {
        assert_eq!(holders(text).len(), 2, "{text}");
        for question in
            lists.iter().filter(|q| q.kind == QuestionKind::WhichCategory && q.prompt.contains(&format!("「{text}」")))
        {
            let offered: Vec<&String> =
                question.options.iter().filter(|o| lists_holding.contains(&o.as_str())).collect();
            assert_eq!(offered.len(), 1, "{question:#?}");
        }
    }
}

#[test]
fn the_article_figures_are_reachable() {
    let facts = questions("smm-vs-dm-facts", 0);
    let text =
        facts.iter().map(|q| format!("{} {} {:?}", q.prompt, q.answer, q.accepted)).collect::<Vec<_>>().join("\n");
    for figure in ["MySpace", "2004", "59%", "47.6亿", "64%", "4000", "10000", "20世纪90年代"] {
        assert!(text.contains(figure), "{figure} is not reachable");
    }
}

#[test]
fn same_seed_same_questions() {
    for deck in shipped() {
        assert_eq!(generate(&deck, 7).questions, generate(&deck, 7).questions);
    }
}
