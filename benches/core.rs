//! Budgets of the learning core (see docs/performance.md): loading, checking
//! and generating large decks, recording an answer durably against short and
//! long histories (and the answer that folds the journal), opening a large
//! save, importing a large Anki export.
//! Large inputs are generated here, never committed.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use tabula::core::deck_check::check_text;
use tabula::core::generate::generate;
use tabula::core::import::{ImportKind, ImportOptions, import};
use tabula::core::question::{CardId, QuestionKind};
use tabula::core::save::{Change, Review, Save, SaveData, SessionKind, write_snapshot};
use tabula::core::schedule::{CardState, Phase, Rating};

#[path = "support/decks.rs"]
mod decks;

use decks::Script;

fn lists_deck(items: usize) -> String {
    decks::lists_deck("bench", items)
}

/// Load, check and generate FAQ and lists decks of both alphabets at 10k and
/// 100k entries: the Chinese ones share characters between nearly every pair
/// of texts, where comparing texts by shared tokens turned quadratic.
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
                group.bench_with_input(BenchmarkId::from_parameter(id), &text, |b, text| {
                    b.iter(|| {
                        let checked = check_text("bench.ron", text).expect("valid");
                        black_box(generate(&checked.deck, 0).questions.len())
                    });
                });
            }
        }
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
            b.iter(|| {
                let checked = check_text("bench.ron", text).expect("valid");
                black_box(generate(&checked.deck, 0).questions.len())
            });
        });
    }
    group.finish();
}

fn history(reviews: usize, cards: usize) -> SaveData {
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).single().expect("time");
    let mut data = SaveData::default();
    for card in 0..cards {
        let id = CardId::new("bench", &format!("item-{card}"), QuestionKind::WhichCategory);
        data.cards.insert(id, CardState { phase: Phase::Review, interval_days: 3, ..CardState::new_card(start) });
    }
    for index in 0..reviews {
        data.reviews.push(Review {
            card: CardId::new("bench", &format!("item-{}", index % cards.max(1)), QuestionKind::WhichCategory),
            at: start + Duration::seconds(i64::try_from(index).unwrap_or(0)),
            rating: Rating::Good,
            duration_ms: 4000,
            answer: "an option".into(),
            correct: Some(true),
            session: SessionKind::Study,
            phase_before: Phase::Review,
            overridden: false,
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

/// An open save holding `reviews` answers, in a folder on the save disk.
fn open_save(reviews: usize, now: DateTime<Utc>) -> (tempfile::TempDir, Save) {
    let folder = folder_on_the_save_disk();
    write_snapshot(&folder.path().join("save.ron"), &history(reviews, 1_000)).expect("snapshot");
    let save = Save::open(folder.path(), now).expect("open").save;
    (folder, save)
}

fn record_answer(c: &mut Criterion) {
    let mut group = c.benchmark_group("record_answer_durably");
    group.sample_size(50);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    for reviews in [1_000, 1_000_000] {
        let (_folder, mut save) = open_save(reviews, now);
        let review = history(1, 1).reviews.remove(0);
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            b.iter(|| {
                let change = Change::Answered { review: review.clone(), card: None, before: None };
                save.record(change, now).expect("record");
            });
        });
    }
    group.finish();
}

fn open_large_save(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_save");
    group.sample_size(10);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).single().expect("time");
    let folder = tempfile::tempdir().expect("temp");
    write_snapshot(&folder.path().join("save.ron"), &history(1_000_000, 100_000)).expect("snapshot");
    // Imported into the database once; the bench reads the database.
    drop(Save::open(folder.path(), now).expect("import"));
    group.bench_function("100k_cards_1M_reviews", |b| {
        b.iter(|| black_box(tabula::core::save::read_save(folder.path(), now).expect("read").reviews.len()));
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
    import_anki,
    import_anki_chinese,
    load_check_generate_shapes
);
criterion_main!(benches);
