//! Budgets of the learning core (see docs/performance.md): loading, checking
//! and generating large decks, recording an answer durably against short and
//! long histories, opening a large save, statistics over a year of a long
//! history, merging two large saves, importing a large Anki export.
//! Large inputs are generated here, never committed.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use tabula::core::calendar::Calendar;
use tabula::core::deck_check::{CheckedDeck, check_text};
use tabula::core::generate::Generator;
use tabula::core::import::{ImportKind, ImportOptions, import};
use tabula::core::progress::progress;
use tabula::core::question::{CardId, QuestionKind};
use tabula::core::save::{Change, DB_FILE, History, Review, Save, SaveData, SessionKind, write_database};
use tabula::core::schedule::{CardState, Phase, Rating, Scheduler, SchedulerConfig};
use tabula::core::study::Catalog;

#[path = "support/decks.rs"]
mod decks;

/// The app's allocator (see src/main.rs), so that these figures are the
/// app's.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use decks::Script;

fn lists_deck(items: usize) -> String {
    decks::lists_deck("bench", items)
}

/// Load, check and generate FAQ and lists decks of both alphabets at 10k and
/// 100k entries: the Chinese ones share characters between nearly every pair
/// of texts, where comparing texts by shared tokens turned quadratic.
/// "Generate" is what loading a deck generates (see [`load_and_first_session`]).
fn load_check_generate_shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("deck_shapes");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for script in Script::ALL {
        for entries in [10_000, 100_000] {
            let shapes = [
                ("faq", decks::faq_deck_in("bench", script, entries)),
                ("lists", decks::lists_deck_in("bench", script, entries)),
            ];
            for (shape, text) in shapes {
                let id = format!("{shape}_{}_{entries}", script.name());
                // The deck opened is kept, as the app keeps it for the
                // session: freeing it (60–100 ms at 100,000 entries, many
                // small strings) is not part of opening it.
                group.bench_with_input(BenchmarkId::from_parameter(id), &text, |b, text| {
                    b.iter_with_large_drop(|| load_and_first_session(text));
                });
            }
        }
    }
    group.finish();
}

/// Questions a first study session shows.
const FIRST_SESSION: usize = 20;

/// What opening a deck costs before its first session: the text parsed and
/// checked (which decides every card, running each card's refusals, and
/// finds every card the deck cannot make), then the first session's
/// questions built through the cache the check filled. A question is built
/// when it is shown, never all of a deck's at once. The checked deck is
/// returned, to be kept as the app keeps it.
fn load_and_first_session(text: &str) -> CheckedDeck {
    let checked = check_text("bench.ron", text).expect("valid");
    let generator = Generator::with_cache(&checked.deck, Arc::clone(&checked.decided.cache));
    let shown = checked.decided.cards.iter().take(FIRST_SESSION).filter_map(|card| shown(&generator, card)).count();
    assert_eq!(shown, FIRST_SESSION.min(checked.decided.cards.len()), "every decided card has its question");
    drop(generator);
    checked
}

/// A decided card's question as a showing builds it (as `Catalog::question`
/// does, with the deck's generator made once).
fn shown(generator: &Generator, card: &CardId) -> Option<tabula::core::question::Question> {
    generator.slot_of(card).and_then(|slot| generator.question(&slot, 0).ok())
}

/// Every question of a 10,000-entry deck built, after its check: what a
/// question costs, for the record (no deck is ever generated whole).
fn every_question(c: &mut Criterion) {
    let mut group = c.benchmark_group("every_question");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for script in Script::ALL {
        let text = decks::faq_deck_in("bench", script, 10_000);
        let checked = check_text("bench.ron", &text).expect("valid");
        let id = format!("faq_{}_10000", script.name());
        group.bench_with_input(BenchmarkId::from_parameter(id), &checked, |b, checked| {
            b.iter(|| {
                let generator = Generator::with_cache(&checked.deck, Arc::clone(&checked.decided.cache));
                checked.decided.cards.iter().filter_map(|card| shown(&generator, card)).count()
            });
        });
    }
    group.finish();
}

/// Tabula's in-process import of the 10,000-note Chinese Anki export that
/// `scripts/bench.sh` also gives Anki (`examples/bench_decks.rs` writes it).
fn import_anki_chinese(c: &mut Criterion) {
    let text = decks::anki_export(Script::Chinese, 10_000);
    let options = ImportOptions { kind: Some(ImportKind::Anki), name: "bench".into(), ..ImportOptions::default() };
    c.bench_function("import_anki_zh_10k_rows", |b| {
        b.iter(|| black_box(import(text.as_bytes(), &options).expect("import").deck.id.len()));
    });
}

fn load_validate_generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("deck_load_validate_generate");
    group.sample_size(10);
    for items in [1_000, 10_000, 100_000] {
        let text = lists_deck(items);
        group.bench_with_input(BenchmarkId::from_parameter(items), &text, |b, text| {
            b.iter_with_large_drop(|| load_and_first_session(text));
        });
    }
    group.finish();
}

/// A save of `cards` card states and `reviews` answers, one every 90
/// seconds up to the benches' `now` (a million reaches back nearly three
/// years, so a year's statistics meet a quarter hour's totals nearly
/// everywhere).
fn history(reviews: usize, cards: usize) -> SaveData {
    history_ending(reviews, cards, Utc.with_ymd_and_hms(2026, 3, 1, 7, 0, 0).single().expect("time"))
}

/// [`history`] ending at `end`.
fn history_ending(reviews: usize, cards: usize, end: DateTime<Utc>) -> SaveData {
    let start = end - Duration::seconds(i64::try_from(reviews * 90).unwrap_or(0));
    let mut data = SaveData::default();
    for card in 0..cards {
        let id = CardId::new("bench", &format!("item-{card}"), QuestionKind::WhichCategory);
        data.cards.insert(id, CardState { phase: Phase::Review, interval_days: 3, ..CardState::new_card(start) });
    }
    for index in 0..reviews {
        data.reviews.push(Review {
            card: CardId::new("bench", &format!("item-{}", index % cards.max(1)), QuestionKind::WhichCategory),
            at: start + Duration::seconds(i64::try_from(index * 90).unwrap_or(0)),
            rating: Rating::Good,
            duration_ms: 4000,
            answer: "an option".into(),
            correct: Some(true),
            session: SessionKind::Study,
            phase_before: Phase::Review,
            overridden: false,
            id: None,
        });
    }
    data.sequence = reviews as u64;
    data
}

/// A folder on the file system a save would live on: under
/// `TABULA_BENCH_DIR` (scripts/bench.sh sets it to the data folder's parent)
/// or the platform's data folder. Not the system temp folder, which may be a
/// RAM file system where a sync costs nothing.
fn folder_on_the_save_disk() -> tempfile::TempDir {
    let parent = std::env::var_os("TABULA_BENCH_DIR")
        .map(PathBuf::from)
        .or_else(dirs::data_dir)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).expect("the data folder's parent");
    tempfile::Builder::new().prefix("tabula-bench-").tempdir_in(parent).expect("temp")
}

/// An open save holding `reviews` answers to `cards` cards, written as a
/// database directly, in a folder on the save disk.
fn open_save(reviews: usize, cards: usize, now: DateTime<Utc>) -> (tempfile::TempDir, Save) {
    let folder = folder_on_the_save_disk();
    write_database(&folder.path().join(DB_FILE), &history(reviews, cards)).expect("database");
    let save = Save::open(folder.path(), now).expect("open").save;
    (folder, save)
}

fn record_answer(c: &mut Criterion) {
    let mut group = c.benchmark_group("record_answer_durably");
    group.sample_size(50);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    for reviews in [1_000, 1_000_000] {
        let (_folder, mut save) = open_save(reviews, 1_000, now);
        // A study answer: its review row and its card's new state, in one
        // transaction.
        let review = history(1, 1).reviews.remove(0);
        let state = CardState { phase: Phase::Review, interval_days: 4, ..CardState::new_card(now) };
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            b.iter(|| {
                let change = Change::Answered { review: review.clone(), card: Some(state.clone()), before: None };
                save.record(change, now).expect("record");
            });
        });
    }
    group.finish();
}

/// Opening for study: settings, card states, exams and the recent answers,
/// never the old log; beside an empty save for the ratio of the budget.
fn open_large_save(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_save");
    group.sample_size(10);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    for (name, reviews, cards) in [("empty", 0, 0), ("100k_cards_1M_reviews", 1_000_000, 100_000)] {
        // Opened once: the day's backup is made then, not in the bench.
        let (folder, save) = open_save(reviews, cards, now);
        drop(save);
        group.bench_function(name, |b| {
            b.iter(|| black_box(Save::open(folder.path(), now).expect("open").save.data().cards.len()));
        });
    }
    group.finish();
}

/// The statistics screen's year: the totals of a million answers read and
/// drawn into 365 days, weekly retention and the streak.
fn stats_year(c: &mut Criterion) {
    let mut group = c.benchmark_group("stats_365_days");
    group.sample_size(20);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    let (_folder, save) = open_save(1_000_000, 1_000, now);
    let catalog = Catalog::default();
    let calendar = Calendar::Fixed(chrono::FixedOffset::east_opt(8 * 3600).expect("offset"));
    group.bench_function("1M_reviews", |b| {
        b.iter(|| {
            let totals = History::of(save.data()).totals().expect("totals");
            black_box(progress(&catalog, save.data(), &totals, calendar, now, 365).streak_days)
        });
    });
    group.finish();
}

/// Two computers' saves of 100,000 answers each to the same 10,000 cards
/// (their answers 45 seconds apart): B merged into a fresh copy of A, every
/// card replayed over its 20 answers. The copy and its opening are outside
/// the timing.
fn merge_saves(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge_saves");
    group.sample_size(10);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    let folder = folder_on_the_save_disk();
    let a = folder.path().join("a.sqlite3");
    let b = folder.path().join("b.sqlite3");
    let end = Utc.with_ymd_and_hms(2026, 3, 1, 7, 0, 0).single().expect("time");
    // Ids as each computer's save gives them: its device id and a counter.
    for (path, device, end) in [(&a, "5f3a9c0e12b4d678", end), (&b, "c81e0d47a9f2b365", end - Duration::seconds(45))] {
        let mut data = history_ending(100_000, 10_000, end);
        for (counter, review) in data.reviews.iter_mut().enumerate() {
            review.id = Some(format!("{device}-{}", counter + 1));
        }
        write_database(path, &data).expect("save");
    }
    let scheduler =
        Scheduler::new(SchedulerConfig::default(), Calendar::Fixed(chrono::FixedOffset::east_opt(0).expect("offset")));
    group.bench_function("100k_reviews_each", |bencher| {
        bencher.iter_batched(
            || {
                let copy = tempfile::tempdir_in(folder.path()).expect("temp");
                std::fs::copy(&a, copy.path().join(DB_FILE)).expect("copy");
                let save = Save::open(copy.path(), now).expect("open").save;
                (copy, save)
            },
            |(copy, mut save)| {
                let merged = save.merge(&b, &scheduler, now).expect("merge");
                assert_eq!(merged.answers, 100_000);
                (copy, save)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn import_anki(c: &mut Criterion) {
    let mut text = String::from("#separator:tab\n#html:true\n#notetype:Basic\n#deck:Bench\n#guid column:1\n");
    for index in 0..10_000 {
        let _ = writeln!(
            text,
            "g{index}\tWhat is <b>term {index}</b>?\tIt is the meaning&nbsp;of term {index}<br>with a second line"
        );
    }
    let options = ImportOptions { kind: Some(ImportKind::Anki), name: "bench".into(), ..ImportOptions::default() };
    c.bench_function("import_anki_10k_rows", |b| {
        b.iter(|| black_box(import(text.as_bytes(), &options).expect("import").deck.id.len()));
    });
}

criterion_group!(
    benches,
    load_validate_generate,
    record_answer,
    open_large_save,
    stats_year,
    merge_saves,
    import_anki,
    import_anki_chinese,
    load_check_generate_shapes,
    every_question
);
criterion_main!(benches);
