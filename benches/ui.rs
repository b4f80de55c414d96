//! Frame time of the window: building the UI and tessellating it (the
//! software rasterizer's own time is not counted), on the study screen and
//! on Browse of a 10,000-row comparison table. Decks are generated here.

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use tabula::core::calendar::Calendar;
use tabula::ui::i18n::Lang;
use tabula::ui::{Action, App, Launch, Prefs, Screen, Theme};

/// The app's allocator (see src/main.rs), so that these figures are the
/// app's.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A comparison table of `rows` aspects and two subjects, as RON text. Only
/// flip cards are asked of it: Browse draws the same table whatever the
/// kinds, and the setup then skips generating choice questions for 20,000
/// cells (a budget of its own, in the core bench).
fn table_deck(rows: usize) -> String {
    let mut text = String::from(
        "Deck(id: \"big\", title: \"Big table\", kinds: [cell_recall], content: Table((subjects: [(id: \"a\", name: \"Alpha\"), (id: \"b\", name: \"Beta\")], aspects: [\n",
    );
    for row in 0..rows {
        let _ = writeln!(
            text,
            "(id: \"r{row}\", name: \"Aspect {row}\", cells: {{\"a\": \"alpha holds {row} and {}\", \"b\": \"beta gives {} for {row}\"}}),",
            row * 7 % 1000,
            row * 13 % 997
        );
    }
    text.push_str("])))\n");
    text
}

fn app_with(decks: &[(&str, String)]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("decks");
    std::fs::create_dir_all(&folder).expect("deck folder");
    for (name, text) in decks {
        std::fs::write(folder.join(name), text).expect("deck");
    }
    let launch = Launch {
        data_dir: dir.path().to_owned(),
        now: Some(Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).single().expect("time")),
        decks: Vec::new(),
        calendar: Calendar::Local,
    };
    let mut app = App::new(launch, Prefs { lang: Lang::Zh, theme: Theme::Dark, zoom: 1.0 });
    app.wait_for_decks();
    (dir, app)
}

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    tabula::ui::setup_context(&ctx);
    ctx
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..egui::RawInput::default()
    }
}

/// One frame: the UI built, its shapes tessellated into meshes.
fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    let ctx = context();
    let (_dir, mut app) = app_with(&[]);
    app.apply(Action::Study(Vec::new()));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    assert!(matches!(app.screen(), Screen::Session(session) if session.current().is_some()), "a question on screen");
    group.bench_function("study_screen", |b| b.iter(|| black_box(frame(&ctx, &mut app))));

    let ctx = context();
    let (_dir, mut app) = app_with(&[("big.ron", table_deck(10_000))]);
    app.apply(Action::Browse(Some("big".into())));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    assert!(matches!(app.screen(), Screen::Browse(browse) if browse.deck_id() == Some("big")), "the big table");
    group.bench_function("browse_10k_rows", |b| b.iter(|| black_box(frame(&ctx, &mut app))));
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
