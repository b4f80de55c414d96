//! The desktop app driven through `egui_kittest`: real app state, real
//! widgets found by their labels, no GPU.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use egui::{Key, Modifiers, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tabula::core::calendar::Calendar;
use tabula::core::question::{Question, QuestionKind};
use tabula::core::save::SessionKind;
use tabula::core::schedule::{Phase, Rating};
use tabula::core::session::Stage;
use tabula::ui::exam::Request;
use tabula::ui::i18n::Lang;
use tabula::ui::{Action, App, Launch, Prefs, Screen, Theme};

/// A small table deck: three rows, two subjects, only the kinds asked for.
fn table_deck(id: &str, kinds: &str) -> String {
    format!(
        r#"Deck(
    id: "{id}",
    title: "Fruit {id}",
    kinds: [{kinds}],
    content: Table((
        subjects: [(id: "a", name: "Apples"), (id: "b", name: "Bananas")],
        aspects: [
            (id: "colour", name: "Colour", cells: {{"a": "red or green", "b": "yellow"}}),
            (id: "shape", name: "Shape", cells: {{"a": "spherical", "b": "long and curved"}}),
            (id: "season", name: "Season", cells: {{"a": "autumn harvest", "b": "all year"}}),
        ],
    )),
)"#
    )
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).single().expect("time")
}

fn launch(data_dir: &Path, decks: &[(&str, String)]) -> Launch {
    let deck_folder = data_dir.join("decks");
    std::fs::create_dir_all(&deck_folder).expect("deck folder");
    for (name, text) in decks {
        std::fs::write(deck_folder.join(name), text).expect("write deck");
    }
    Launch {
        data_dir: data_dir.to_owned(),
        now: Some(start()),
        decks: Vec::new(),
        calendar: Calendar::Fixed(FixedOffset::east_opt(0).expect("offset")),
    }
}

fn english() -> Prefs {
    Prefs { lang: Lang::En, theme: Theme::Light, zoom: 1.0 }
}

/// The window once every deck has loaded.
fn harness(app: App) -> Harness<'static, App> {
    let mut harness = harness_of(app);
    loaded(&mut harness);
    harness
}

/// The window, drawn until nothing changes.
fn harness_of(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1100.0, 800.0])
        // Work done off the UI thread (decks, the save's check, counts)
        // wakes the window when it is done: a run may take a few more frames.
        .with_max_steps(MAX_STEPS)
        .with_context_setup(tabula::ui::setup_context)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run();
    harness
}

/// Frames a run may draw before it counts as never settling.
const MAX_STEPS: u64 = 32;

/// Waits for the decks loading off the UI thread (after F5, at start) and
/// for the save's check after the first frame.
fn loaded(harness: &mut Harness<'_, App>) {
    harness.state_mut().wait_for_decks();
    until_settled(harness);
}

/// The texts on the app's very first frame, drawn as the window draws it
/// (the harness would go on drawing until nothing changes).
fn first_frame(app: &mut App) -> Vec<String> {
    let ctx = egui::Context::default();
    tabula::ui::setup_context(&ctx);
    ctx.enable_accesskit();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1100.0, 800.0))),
        ..egui::RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    // Nothing paints here: the font atlas's upload is not needed.
    output.textures_delta.clear();
    let update = output.platform_output.accesskit_update.expect("accesskit");
    update.nodes.iter().filter_map(|(_, node)| node.value().or(node.label()).map(str::to_owned)).collect()
}

/// Draws frames, as a window nobody touches would, until the background
/// work is done (the decks loaded, the save checked); never waits on it.
fn until_settled(harness: &mut Harness<'_, App>) {
    let started = std::time::Instant::now();
    while harness.state().background_busy() {
        assert!(started.elapsed() < Duration::from_mins(1), "background work did not finish");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

/// The app on a fresh data folder with these deck files, in English.
fn open(decks: &[(&str, String)]) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("temp");
    let harness = harness(App::new(launch(dir.path(), decks), english()));
    (dir, harness)
}

fn current_question(harness: &Harness<'_, App>) -> Question {
    match harness.state().screen() {
        Screen::Session(session) => session.current().expect("a question on screen").question.clone(),
        _ => panic!("not in a session"),
    }
}

fn stage(harness: &Harness<'_, App>) -> Stage {
    match harness.state().screen() {
        Screen::Session(session) => session.current().expect("a question on screen").stage.clone(),
        _ => panic!("not in a session"),
    }
}

fn reviews(harness: &Harness<'_, App>) -> Vec<tabula::core::save::Review> {
    harness.state().data().expect("save open").reviews.clone()
}

/// Whether some text on screen reads exactly this (a label's text appears in
/// more than one AccessKit node, so any of them counts).
fn shows(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_value(text).next().is_some()
}

/// Steps the window, `pause` apart, until it shows `text`: work on another
/// thread lands a few frames on. Fails after `most` frames; returns how
/// many it took.
fn step_until_shown(harness: &mut Harness<'_, App>, text: &str, most: usize, pause: Duration) -> usize {
    let mut frames = 0;
    while !shows(harness, text) {
        harness.step();
        frames += 1;
        assert!(frames < most, "{text:?} not shown after {frames} frames");
        std::thread::sleep(pause);
    }
    frames
}

fn number_key(index: usize) -> Key {
    tabula::ui::question_view::NUMBER_KEYS[index]
}

fn option_label(question: &Question, index: usize) -> String {
    format!("{}   {}", index + 1, question.options[index])
}

#[test]
fn a_choice_question_answered_by_click_then_by_key() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();

    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::CellChoice);
    let right = question.correct[0];
    harness.get_by_label(&option_label(&question, right)).click();
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].correct, log[0].rating), (Some(true), Rating::Good));
    assert!(shows(&harness, "✓ Correct"), "right at a glance");
    // Where the answer comes from: the whole row, both subjects.
    assert!(shows(&harness, "Apples") && shows(&harness, "Bananas"));

    harness.key_press(Key::Space);
    harness.run();
    let second = current_question(&harness);
    assert_ne!(second.id, question.id, "Space goes on to the next card");
    let wrong = (0..second.options.len()).find(|index| !second.correct.contains(index)).expect("a wrong option");
    harness.key_press(number_key(wrong));
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 2);
    assert_eq!((log[1].correct, log[1].rating), (Some(false), Rating::Again));
    assert_eq!(log[1].answer, second.options[wrong]);
    assert!(shows(&harness, "× Not quite"));
}

#[test]
fn a_flip_card_is_revealed_and_rated_with_intervals_on_the_buttons_and_undone() {
    let (_dir, mut harness) = open(&[("flip.ron", table_deck("flip", "cell_recall"))]);
    harness.state_mut().apply(Action::Study(vec!["flip".into()]));
    harness.run();
    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::CellRecall);
    harness.get_by_label("Show answer  (Space)").click();
    harness.run();
    assert_eq!(stage(&harness), Stage::Revealed);
    // A new card: Again 1m, Hard 6m (between the steps), Good 10m, Easy days.
    assert!(harness.query_by_label("Again  (1)\n1m").is_some());
    assert!(harness.query_by_label("Good  (3)\n10m").is_some());
    harness.get_by_label("Good  (3)\n10m").click();
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].rating, Rating::Good);
    let state = harness.state().data().expect("save").cards.get(&question.id).cloned().expect("card state");
    assert_eq!(state.phase, Phase::Learning);
    assert_ne!(current_question(&harness).id, question.id);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(reviews(&harness).is_empty(), "Ctrl+Z takes the answer back");
    assert!(!harness.state().data().expect("save").cards.contains_key(&question.id));
    assert_eq!(current_question(&harness).id, question.id, "and shows its card again");
    assert_eq!(stage(&harness), Stage::Asking);

    // The keyboard alone: Space reveals, 4 rates Easy.
    harness.key_press(Key::Space);
    harness.run();
    harness.key_press(Key::Num4);
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].rating, Rating::Easy);
}

/// Answers the exam question on screen with the keyboard, right or wrong.
/// The statistics screen's figures once its thread has counted the review
/// log (it reads the database beside the window), drawn.
fn counted(harness: &mut Harness<'_, App>) -> tabula::core::progress::Progress {
    for _ in 0..1000 {
        let Screen::Stats(stats) = harness.state().screen() else { panic!("not the statistics") };
        if let Some(figures) = stats.figures().cloned() {
            harness.run();
            return figures;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    panic!("the review log was never counted");
}

fn answer_exam_question(harness: &mut Harness<'_, App>, right: bool) {
    let Screen::Exam(running) = harness.state().screen() else { panic!("not in an exam") };
    let question = running.session().paper().expect("paper").questions[running.index()].clone();
    let option = if right {
        question.correct[0]
    } else {
        (0..question.options.len()).find(|index| !question.correct.contains(index)).expect("a wrong option")
    };
    harness.key_press(number_key(option));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn an_exam_runs_to_its_report_and_is_logged_as_an_exam() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::ExamSetup(vec!["fruit".into()]));
    harness.run();
    harness.get_by_label("Start exam  (Enter)").click();
    harness.run();
    let Screen::Exam(running) = harness.state().screen() else { panic!("the exam did not start") };
    assert_eq!(
        running.session().paper().expect("paper").questions.len(),
        6,
        "one question per cell, never two on the same cell"
    );
    let timer =
        harness.query_all_by(|node| node.value().is_some_and(|value| value.starts_with("Time left 09:5"))).next();
    assert!(timer.is_some(), "the timer shows");
    for number in 0..6 {
        assert!(reviews(&harness).len() == number, "each answer is saved as it is handed in");
        answer_exam_question(&mut harness, number < 4);
    }
    let Screen::ExamReport(report) = harness.state().screen() else { panic!("no report") };
    assert_eq!((report.graded().right, report.graded().total), (4, 6));
    assert!(shows(&harness, "4 / 6  (67%)"));
    assert!(shows(&harness, "Mistakes"));
    let log = reviews(&harness);
    assert_eq!(log.len(), 6);
    assert!(log.iter().all(|review| matches!(review.session, SessionKind::Exam(_))));
    assert!(harness.state().data().expect("save").cards.is_empty(), "an exam leaves the schedule alone");
    // Every mistake comes with its correct answer.
    for mistake in &report.graded().mistakes.clone() {
        assert!(harness.query_all_by_value(&mistake.question.answer).next().is_some());
    }
}

#[test]
fn the_same_seed_gives_the_same_paper() {
    let (_dir, mut harness) = open(&[]);
    let request = Request { decks: Vec::new(), count: 12, minutes: None, seed: 42 };
    let paper = |harness: &Harness<'_, App>| match harness.state().screen() {
        Screen::Exam(running) => {
            running.session().paper().expect("paper").questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>()
        }
        _ => panic!("no exam"),
    };
    harness.state_mut().apply(Action::StartExam(request.clone()));
    let first = paper(&harness);
    harness.state_mut().apply(Action::StartExam(request));
    assert_eq!(paper(&harness), first);
    assert_eq!(first.len(), 12);
}

#[test]
fn switching_the_language_changes_the_interface() {
    let (_dir, mut harness) = open(&[]);
    assert!(harness.query_by_label("Study all  (Enter)").is_some());
    harness.get_by_label("简体中文").click();
    harness.run();
    assert_eq!(harness.state().prefs().lang, Lang::Zh);
    assert!(harness.query_by_label("学习全部  (Enter)").is_some());
    assert!(harness.query_by_label("Study all  (Enter)").is_none());
    assert!(shows(&harness, "你的题库"));
    harness.get_by_label("设置").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::RadioButton, "English").click();
    harness.run();
    assert!(shows(&harness, "Interface language"));
}

#[test]
fn a_broken_deck_shows_its_error_while_the_rest_still_study() {
    let dir = tempfile::tempdir().expect("temp");
    let broken = table_deck("broken", "cell_choice").replace("name: \"Shape\"", "name: \"Shape\" oops");
    let decks = [("fruit.ron", table_deck("fruit", "cell_choice")), ("broken.ron", broken)];
    let mut harness = harness(App::new(launch(dir.path(), &decks), english()));
    let file = dir.path().join("decks").join("broken.ron");
    assert!(shows(&harness, &format!("Could not load {}", file.display())));
    let prefix = format!("{}:", file.display());
    let names_position = |value: &str| {
        let Some(rest) = value.strip_prefix(&prefix) else { return false };
        let mut parts = rest.splitn(3, ':');
        parts.next().is_some_and(|line| line == "9") && parts.next().is_some_and(|column| column.parse::<u32>().is_ok())
    };
    let diagnostic = harness.query_all_by(|node| node.value().is_some_and(|value| names_position(&value))).next();
    assert!(diagnostic.is_some(), "the error names file:line:column");
    harness.get_by_label("Study all  (Enter)").click();
    harness.run();
    let question = current_question(&harness);
    if question.kind.is_self_graded() {
        harness.key_press(Key::Space);
        harness.run();
        harness.key_press(Key::Num3);
    } else {
        harness.key_press(number_key(question.correct[0]));
    }
    harness.run();
    assert_eq!(reviews(&harness).len(), 1, "the other decks study as usual");
}

#[test]
fn browse_shows_a_table_deck_as_a_table_with_every_cell() {
    let (_dir, mut harness) = open(&[]);
    harness.state_mut().apply(Action::Browse(Some("smm-vs-dm-comparison".into())));
    harness.run();
    let catalog_deck = tabula::core::library::Library::load(None, &[])
        .find("smm-vs-dm-comparison")
        .expect("shipped deck")
        .deck
        .clone();
    let tabula::core::deck::Content::Table(table) = &catalog_deck.content else { panic!("not a table") };
    for subject in &table.subjects {
        assert!(shows(&harness, &subject.name), "column {}", subject.name);
    }
    for aspect in &table.aspects {
        assert!(shows(&harness, &aspect.name), "row {}", aspect.name);
        for cell in aspect.cells.values() {
            assert!(shows(&harness, cell), "cell {cell}");
        }
    }
    // The search filters rows and cards as you type.
    let (kept, dropped) = (&table.aspects[0], &table.aspects[1]);
    harness.get_by_role(egui::accesskit::Role::TextInput).focus();
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text(&kept.name);
    harness.run();
    assert!(shows(&harness, &kept.name));
    assert!(!shows(&harness, &dropped.name), "a row without the text is hidden");
    // The cards of every row the table keeps (the name may be in other rows' cells).
    let rows_kept: Vec<&str> = table
        .aspects
        .iter()
        .filter(|aspect| {
            aspect.name.contains(&kept.name) || aspect.cells.values().any(|cell| cell.contains(&kept.name))
        })
        .map(|aspect| aspect.id.as_str())
        .collect();
    let deck_cards = tabula::core::generate::decide(&catalog_deck).cards;
    let count =
        deck_cards.iter().filter(|card| rows_kept.iter().any(|row| card.0.contains(&format!("/{row}/")))).count();
    let cards = format!("Cards ({count})");
    assert!(shows(&harness, &cards), "only the cards of the rows kept are listed");
}

#[test]
fn a_browse_search_for_a_cells_words_counts_that_cells_cards() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice, which_subject"))]);
    harness.state_mut().apply(Action::Browse(Some("fruit".into())));
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).focus();
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text("curved");
    harness.run();
    assert!(shows(&harness, "Shape") && !shows(&harness, "Colour"), "the row with the words is kept");
    assert!(shows(&harness, "Cards (4)"), "and the row's cards are counted, not none");
    assert!(shows(&harness, "pick the cell") && shows(&harness, "which subject"), "kinds named in words");
    assert!(!shows(&harness, "cell_choice"));
}

#[test]
fn a_second_window_on_the_same_save_is_refused_and_the_first_keeps_working() {
    let dir = tempfile::tempdir().expect("temp");
    let mut first =
        harness(App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english()));
    let second = harness(App::new(launch(dir.path(), &[]), english()));
    assert!(shows(&second, "Your progress cannot be opened"));
    assert!(second.state().data().is_none());
    first.state_mut().apply(Action::Study(vec!["fruit".into()]));
    first.run();
    let question = current_question(&first);
    first.key_press(number_key(question.correct[0]));
    first.run();
    assert_eq!(reviews(&first).len(), 1);
    // Once the first window has closed, the second one's Try again opens the save.
    let mut second = second;
    second.get_by_label("Try again").click();
    second.run();
    assert!(second.state().data().is_none(), "still held by the first");
    drop(first);
    second.get_by_label("Try again").click();
    second.run();
    assert_eq!(second.state().data().expect("opened").reviews.len(), 1, "and finds the first window's answer");
}

fn repaint_delay(harness: &Harness<'_, App>) -> Duration {
    harness.output().viewport_output.get(&ViewportId::ROOT).map_or(Duration::MAX, |viewport| viewport.repaint_delay)
}

#[test]
fn an_idle_window_asks_for_no_frames_except_for_an_exam_timer() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.step();
    assert_eq!(repaint_delay(&harness), Duration::MAX, "home asks for no repaint");
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();
    harness.step();
    assert_eq!(repaint_delay(&harness), Duration::MAX, "a question on screen asks for no repaint");
    harness.state_mut().apply(Action::StartExam(Request {
        decks: vec!["fruit".into()],
        count: 3,
        minutes: Some(5),
        seed: 1,
    }));
    harness.step();
    harness.step();
    assert!(repaint_delay(&harness) <= Duration::from_secs(1), "a running timer ticks once a second");
}

fn faq_deck(kinds: &str) -> String {
    format!(
        r#"Deck(
    id: "faq",
    title: "Capitals",
    kinds: [{kinds}],
    content: Faq((
        entries: [
            (id: "fr", question: "Where does the French government sit?", answer: "In Paris, the capital.", accepted: ["Paris"]),
            (id: "it", question: "Which city was the centre of the Roman Empire?", answer: "Rome, now Italy's capital.", accepted: ["Rome"]),
            (id: "es", question: "Which Spanish city lies at the centre of the country?", answer: "Madrid, the capital.", accepted: ["Madrid"]),
        ],
    )),
)"#
    )
}

fn study(harness: &mut Harness<'_, App>, deck: &str) {
    harness.state_mut().apply(Action::Study(vec![deck.to_owned()]));
    harness.run();
}

#[test]
fn a_typed_answer_is_checked_with_enter() {
    let (_dir, mut harness) = open(&[("faq.ron", faq_deck("typed_answer"))]);
    study(&mut harness, "faq");
    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::TypedAnswer);
    let field = harness.get_by_role(egui::accesskit::Role::TextInput);
    assert!(field.is_focused(), "the answer field has the keyboard at once");
    harness.step();
    assert_eq!(repaint_delay(&harness), Duration::MAX, "no blinking cursor repaints an idle window");
    let field = harness.get_by_role(egui::accesskit::Role::TextInput);
    field.type_text(&format!("  {} ", question.accepted[0].to_uppercase()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].correct, Some(true), "case and spaces do not matter");
    assert!(shows(&harness, "✓ Correct"));
}

#[test]
fn a_matching_question_is_answered_by_number_keys() {
    let (_dir, mut harness) = open(&[("m.ron", table_deck("m", "matching"))]);
    study(&mut harness, "m");
    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::Matching);
    // Each key assigns an option to the highlighted entry and moves on.
    for option in &question.correct {
        harness.key_press(number_key(*option));
        harness.run();
    }
    assert!(reviews(&harness).is_empty(), "nothing is handed in before Enter");
    harness.key_press(Key::Enter);
    harness.run();
    let log = reviews(&harness);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].correct, Some(true));
}

#[test]
fn matching_gives_each_option_to_one_entry_and_its_letters_pick_entries() {
    let (_dir, mut harness) = open(&[("m.ron", table_deck("m", "matching"))]);
    study(&mut harness, "m");
    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::Matching);
    let draft = |harness: &Harness<'_, App>| match harness.state().screen() {
        Screen::Session(session) => session.draft().clone(),
        _ => panic!("not in a session"),
    };
    // The same option twice: it moves to the second entry, the first is open again.
    harness.key_press(number_key(0));
    harness.run();
    harness.key_press(number_key(0));
    harness.run();
    assert_eq!(draft(&harness).matches.iter().filter(|m| **m == Some(0)).count(), 1, "one entry per option");
    assert_eq!(draft(&harness).matches[0], None);
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&harness.get_by_label("Check  (Enter)")).is_disabled(),
        "incomplete: Check is off"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(reviews(&harness).is_empty(), "Enter does nothing while an entry is open");
    // The letter shown before an entry picks it.
    harness.key_press(Key::C);
    harness.run();
    assert_eq!(draft(&harness).focus, 2);
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(draft(&harness).focus, 0);
    // Fill every entry rightly, each key moving the highlight on.
    for (entry, option) in question.correct.iter().enumerate() {
        harness.key_press(LETTERS[entry]);
        harness.run();
        harness.key_press(number_key(*option));
        harness.run();
        assert_ne!(draft(&harness).focus, entry, "the highlight moves on");
    }
    assert!(!egui_kittest::kittest::NodeT::accesskit_node(&harness.get_by_label("Check  (Enter)")).is_disabled());
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(reviews(&harness)[0].correct, Some(true));
}

const LETTERS: [Key; 4] = [Key::A, Key::B, Key::C, Key::D];

#[test]
fn a_rating_key_on_a_flip_card_assigns_nothing_to_the_matching_question_after_it() {
    let (_dir, mut harness) = open(&[("m.ron", table_deck("m", "cell_recall, matching"))]);
    study(&mut harness, "m");
    for _ in 0..12 {
        let question = current_question(&harness);
        if question.kind == QuestionKind::CellRecall {
            harness.key_press(Key::Space);
            harness.run();
            harness.key_press(Key::Num3);
            harness.run();
            if current_question(&harness).kind == QuestionKind::Matching {
                let Screen::Session(session) = harness.state().screen() else { panic!("session") };
                assert!(session.draft().matches.iter().all(Option::is_none), "3 was a rating, not a match");
                return;
            }
        } else {
            harness.key_press(Key::S);
            harness.run();
        }
    }
    panic!("no matching question came after a flip card");
}

#[test]
fn true_or_false_is_answered_with_t_and_f() {
    let (_dir, mut harness) = open(&[("tf.ron", table_deck("tf", "true_false"))]);
    study(&mut harness, "tf");
    let question = current_question(&harness);
    assert_eq!(question.kind, QuestionKind::TrueFalse);
    assert!(harness.query_by_label_contains("·  T").is_some() && harness.query_by_label_contains("·  F").is_some());
    let key = if question.correct == [0] { Key::T } else { Key::F };
    harness.key_press(key);
    harness.run();
    assert_eq!(reviews(&harness)[0].correct, Some(true));
}

#[test]
fn a_suspended_card_leaves_study_until_unsuspended_in_browse() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    study(&mut harness, "fruit");
    let question = current_question(&harness);
    harness.key_press(Key::S);
    harness.run();
    let data = harness.state().data().expect("save");
    assert!(data.cards[&question.id].suspended);
    assert_ne!(current_question(&harness).id, question.id, "the next card comes up");
    assert!(data.reviews.is_empty(), "suspending is not an answer");

    harness.state_mut().apply(Action::Browse(Some("fruit".into())));
    harness.run();
    assert!(shows(&harness, "suspended"));
    harness.get_by_label("Unsuspend").click();
    harness.run();
    assert!(!harness.state().data().expect("save").cards[&question.id].suspended);
    assert!(!shows(&harness, "suspended"));
}

#[test]
fn f5_reloads_an_edited_deck_and_keeps_progress() {
    let (dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    study(&mut harness, "fruit");
    let question = current_question(&harness);
    harness.key_press(number_key(question.correct[0]));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    let file = dir.path().join("decks").join("fruit.ron");
    let edited = std::fs::read_to_string(&file).expect("read").replace("long and curved", "long, curved and yellow");
    std::fs::write(&file, edited).expect("edit");
    harness.state_mut().apply(Action::Browse(Some("fruit".into())));
    harness.run();
    assert!(shows(&harness, "long and curved"));
    harness.key_press(Key::F5);
    harness.run();
    loaded(&mut harness);
    assert!(shows(&harness, "long, curved and yellow"), "the edit shows after F5");
    assert!(!shows(&harness, "long and curved"));
    assert_eq!(reviews(&harness).len(), 1, "progress survives the reload");
    assert!(harness.state().data().expect("save").cards.contains_key(&question.id));
}

#[test]
fn open_deck_checks_previews_and_adds_a_spreadsheet() {
    let (dir, mut harness) = open(&[]);
    let sheet = dir.path().join("planets.csv");
    std::fs::write(
        &sheet,
        "Aspect,Mars,Venus\nColour,red,yellowish white\nMoons,two,none\nDay length,about a day,longer than its year\n",
    )
    .expect("sheet");
    harness.get_by_label("Open deck…").click();
    harness.run();
    assert!(harness.get_by_role(egui::accesskit::Role::TextInput).is_focused(), "the path field takes the keyboard");
    check_in_dialog(&mut harness, &sheet, "Check");
    harness.run();
    assert!(shows(&harness, "planets"), "the preview shows the deck's title");
    assert!(!dir.path().join("decks").join("planets.ron").exists(), "nothing is added before the learner says so");
    harness.get_by_label("Add to my decks").click();
    harness.run();
    loaded(&mut harness);
    let added = dir.path().join("decks").join("planets.ron");
    assert!(added.exists());
    assert!(tabula::core::deck_check::check_file(&added).is_ok());
    assert!(harness.state().catalog_decks().contains(&"planets".to_owned()), "the deck is loaded");
}

#[test]
fn keys_go_to_the_open_deck_dialog_not_to_the_screen_beneath_it() {
    let (dir, mut harness) = open(&[]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert!(harness.state().open_deck_is_up(), "Ctrl+O opens the dialog");
    let missing = dir.path().join("missing.csv");
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text(&missing.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    // The path field has let go of the keyboard: Enter and Space now reach
    // no field, and must not start Home's "Study all" beneath the dialog.
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::Space);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Home), "the screen beneath took a key");
    assert!(harness.state().open_deck_is_up());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().open_deck_is_up(), "Esc closes the dialog");
    assert!(matches!(harness.state().screen(), Screen::Home), "and Esc does no more");
}

#[test]
fn open_deck_shows_the_refusal_line_and_lets_the_columns_be_chosen() {
    let (dir, mut harness) = open(&[]);
    let sheet = dir.path().join("capitals.csv");
    std::fs::write(
        &sheet,
        "country,capital,type\nAlbania,Tirana,capital\nBolivia,La Paz,seat\nBolivia,Sucre,capital\n",
    )
    .expect("sheet");
    harness.get_by_label("Open deck…").click();
    harness.run();
    check_in_dialog(&mut harness, &sheet, "Check");
    harness.run();
    assert!(shows(&harness, "This file cannot be added:"));
    let refusal = format!("{}:4: `Bolivia` in column `country` is already on line 3", sheet.display());
    assert!(
        harness.query_all_by(|node| node.value().is_some_and(|value| value.starts_with(&refusal))).next().is_some(),
        "the refusal names the file's line"
    );
    assert_eq!(harness.get_all_by_role(egui::accesskit::Role::TextInput).count(), 2, "the path and the columns");
    harness.get_all_by_role(egui::accesskit::Role::TextInput).nth(1).expect("columns").click();
    harness.run();
    harness.get_all_by_role(egui::accesskit::Role::TextInput).nth(1).expect("columns").type_text("country,capital");
    harness.run();
    harness.get_by_label("Check").click();
    harness.run();
    assert!(harness.query_by_label("Add to my decks").is_some(), "the chosen columns import");
    assert!(shows(&harness, "3 rows read → 3 questions and answers (the header row apart)"), "the summary is shown");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn a_dropped_broken_deck_is_shown_with_its_errors_and_not_added() {
    let (dir, mut harness) = open(&[]);
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, table_deck("broken", "cell_choice").replace("\"yellow\"", "yellow")).expect("deck");
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(file.clone())));
    harness.run();
    assert!(shows(&harness, "This file cannot be added:"));
    let located = harness
        .query_all_by(|node| node.value().is_some_and(|value| value.starts_with(&format!("{}:8:", file.display()))))
        .next();
    assert!(located.is_some(), "the problem is named at file:line:column");
    assert!(harness.query_by_label("Add to my decks").is_none());
}

/// A fruit deck's first card answered on the first day: the launch of the
/// next day, and that card.
fn answered_yesterday(dir: &Path) -> (Launch, Question) {
    let decks = [("fruit.ron", table_deck("fruit", "cell_choice"))];
    let mut first_day = harness(App::new(launch(dir, &decks), english()));
    study(&mut first_day, "fruit");
    let question = current_question(&first_day);
    first_day.key_press(number_key(question.correct[0]));
    first_day.run();
    drop(first_day);
    let mut next_day = launch(dir, &decks);
    next_day.now = Some(start() + chrono::Duration::days(1));
    (next_day, question)
}

#[test]
fn the_next_day_the_window_shows_what_is_due() {
    let dir = tempfile::tempdir().expect("temp");
    let (next_day, question) = answered_yesterday(dir.path());
    let mut harness = harness(App::new(next_day, english()));
    assert!(shows(&harness, "1 due"), "the card answered yesterday is due");
    study(&mut harness, "fruit");
    assert_eq!(current_question(&harness).id, question.id, "due cards come before new ones");
}

#[test]
fn a_deck_joining_the_window_brings_its_cards_states_not_read_before() {
    let dir = tempfile::tempdir().expect("temp");
    let (next_day, question) = answered_yesterday(dir.path());
    let stored = tabula::core::save::read_save(dir.path(), start()).expect("read").cards[&question.id].clone();
    let app = App::new(next_day, english());
    assert!(app.decks_loading());
    assert!(!app.data().expect("save").cards.contains_key(&question.id), "fruit's states wait for fruit");
    let mut harness = harness_of(app);
    loaded(&mut harness);
    assert_eq!(harness.state().data().expect("save").cards.get(&question.id), Some(&stored));
}

#[test]
fn study_waits_for_the_deck_its_due_cards_are_in_not_for_other_decks() {
    let dir = tempfile::tempdir().expect("temp");
    let (next_day, question) = answered_yesterday(dir.path());
    let mut app = App::new(next_day.clone(), english());
    app.apply(Action::Study(Vec::new()));
    first_frame(&mut app);
    assert!(app.decks_loading());
    assert!(
        matches!(app.screen(), Screen::Session(session) if session.current().is_none()),
        "no new card from the built-in decks before the review due in a deck still loading"
    );
    let mut harness = harness_of(app);
    until_settled(&mut harness);
    assert_eq!(current_question(&harness).id, question.id, "the due card comes first once its deck is in");
    drop(harness);

    // With nothing due in the decks loading, study starts at once.
    let mut later = next_day;
    later.now = Some(start() + chrono::Duration::days(400));
    let mut app = App::new(later, english());
    app.apply(Action::Study(vec!["smm-vs-dm-faq".into()]));
    first_frame(&mut app);
    assert!(app.decks_loading());
    assert!(matches!(app.screen(), Screen::Session(session) if session.current().is_some()));
}

#[test]
fn a_reload_keeps_the_decks_on_screen_until_the_new_ones_are_in() {
    let (dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    std::fs::write(dir.path().join("decks").join("veg.ron"), table_deck("veg", "cell_choice")).expect("write");
    harness.state_mut().apply(Action::Reload);
    assert!(harness.state().decks_loading());
    assert!(harness.state().catalog_decks().contains(&"fruit".to_owned()), "fruit stays while it is checked again");
    loaded(&mut harness);
    let decks = harness.state().catalog_decks();
    assert!(decks.contains(&"fruit".to_owned()) && decks.contains(&"veg".to_owned()), "{decks:?}");
}

#[test]
fn settings_are_saved_in_the_save_file() {
    let (dir, mut harness) = open(&[]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    harness.get_by_label("New cards per day").set_value_accesskit(35.0);
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.state().prefs().theme, Theme::Dark);
    drop(harness);
    let data = tabula::core::save::read_save(dir.path(), start()).expect("save");
    assert_eq!(data.settings.new_cards_per_day, 35);
}

/// The statistics screen's chart captions, in English and in Chinese.
const CAPTIONS: [(&str, &str); 6] = [
    ("Reviews per day", "每日回答"),
    ("True retention per week", "每周实际记忆保持率"),
    ("Due forecast", "到期预测"),
    ("Cards by state", "卡片状态"),
    ("Study calendar", "学习日历"),
    ("Exam history", "考试记录"),
];

/// The top edge of the first text on screen that reads exactly this.
fn top_of(harness: &Harness<'_, App>, text: &str) -> f32 {
    harness.query_all_by_value(text).next().unwrap_or_else(|| panic!("{text} on screen")).rect().top()
}

#[test]
fn every_screen_opens_at_its_top_wherever_the_last_one_was_left() {
    // A short window, so that Home and the statistics both scroll: screens
    // whose scroll areas share an id would otherwise open where the last one
    // was left.
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english());
    let mut harness = Harness::builder()
        .with_size([800.0, 260.0])
        .with_max_steps(MAX_STEPS)
        .with_context_setup(tabula::ui::setup_context)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    loaded(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    counted(&mut harness);
    let stats_top = top_of(&harness, "Reviews per day");
    for _ in 0..6 {
        harness.query_all_by_value("Reviews per day").next().expect("caption").scroll_down();
        harness.run();
    }
    assert!(top_of(&harness, "Reviews per day") < stats_top - 100.0, "the statistics scrolled down");
    harness.key_press(Key::Escape);
    harness.run();
    let deck_top = top_of(&harness, "Fruit fruit");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    counted(&mut harness);
    assert!((top_of(&harness, "Reviews per day") - stats_top).abs() < 1.0, "the statistics open at their top again");
    harness.key_press(Key::Escape);
    harness.run();
    assert!((top_of(&harness, "Fruit fruit") - deck_top).abs() < 1.0, "and so does Home");
}

#[test]
fn the_statistics_screen_captions_every_chart_in_both_languages() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    study(&mut harness, "fruit");
    for _ in 0..3 {
        let question = current_question(&harness);
        harness.key_press(number_key(question.correct[0]));
        harness.run();
        harness.key_press(Key::Space);
        harness.run();
    }
    harness.state_mut().apply(Action::StartExam(Request {
        decks: vec!["fruit".into()],
        count: 2,
        minutes: None,
        seed: 5,
    }));
    harness.run();
    answer_exam_question(&mut harness, true);
    answer_exam_question(&mut harness, false);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Stats(_)), "Ctrl+T opens the statistics");
    let figures = counted(&mut harness);
    let today = figures.daily.last().copied().expect("today");
    assert_eq!((today.new, today.exam), (3, 2), "today's answers: three new cards and an exam of two");
    assert_eq!(figures.streak_days, 1);
    for (english, _) in CAPTIONS {
        assert!(shows(&harness, english), "caption {english}");
    }
    assert!(shows(&harness, "Answers on each day of the last year; the current streak is 1 days."));
    harness.get_by_label("简体中文").click();
    harness.run();
    for (_, chinese) in CAPTIONS {
        assert!(shows(&harness, chinese), "caption {chinese}");
    }
    harness.get_by_label("90 天").click();
    harness.run();
    assert_eq!(counted(&mut harness).daily.len(), 90);
}

#[test]
fn browse_shows_a_cards_history_and_probability_of_recall() {
    let (_dir, mut harness) = open(&[("flip.ron", table_deck("flip", "cell_recall"))]);
    study(&mut harness, "flip");
    let question = current_question(&harness);
    harness.key_press(Key::Space);
    harness.run();
    harness.key_press(Key::Num4);
    harness.run();
    harness.state_mut().apply(Action::Browse(Some("flip".into())));
    harness.run();
    // The first row is the card just rated Easy: Colour · Apples.
    assert!(question.id.0.contains("colour/a"));
    harness.get_all_by_label("Colour · Apples").next().expect("its row").click();
    harness.run();
    assert!(shows(&harness, "Probability of recall now"));
    assert!(shows(&harness, "100%"), "just answered: certain to be recalled");
    assert!(shows(&harness, "study · Easy"), "the history lists the answer");
}

/// A save holding a long study history: 150 cards reviewed on days 0, 1, 3,
/// 7, 15 and 30, mostly remembered.
fn save_with_history(dir: &Path) {
    use tabula::core::question::CardId;
    use tabula::core::save::{Review, SaveData, write_snapshot};
    let mut data = SaveData::default();
    for card in 0..150 {
        for (step, day) in [0, 1, 3, 7, 15, 30].into_iter().enumerate() {
            let rating = match (card * 7 + step * 3) % 10 {
                0 | 1 => Rating::Again,
                2 => Rating::Hard,
                9 => Rating::Easy,
                _ => Rating::Good,
            };
            data.reviews.push(Review {
                card: CardId(format!("history/card-{card}/faq_recall")),
                at: start() - chrono::Duration::days(40 - day)
                    + chrono::Duration::minutes(i64::try_from(card).expect("small")),
                rating,
                duration_ms: 4000,
                answer: String::new(),
                correct: None,
                session: SessionKind::Study,
                phase_before: if step == 0 { Phase::New } else { Phase::Review },
                overridden: false,
                id: None,
            });
        }
    }
    data.reviews.sort_by_key(|review| review.at);
    write_snapshot(&dir.join("save.ron"), &data).expect("save");
}

#[test]
fn optimize_parameters_fits_in_the_background_and_reports_both_parameter_sets() {
    let dir = tempfile::tempdir().expect("temp");
    save_with_history(dir.path());
    let mut harness = harness(App::new(launch(dir.path(), &[]), english()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    assert!(shows(&harness, "In use: FSRS-6's default parameters."));
    harness.get_by_label("Optimize parameters").click();
    // The window keeps drawing while the fit runs on its own thread.
    let frames = step_until_shown(&mut harness, "log loss", 6000, Duration::from_millis(10));
    assert!(frames > 1, "the fit ran in the background, not inside one frame");
    assert!(shows(&harness, "default") && shows(&harness, "fitted") && shows(&harness, "RMSE(bins)"));
    let kept = shows(&harness, "The fitted parameters are now in use.");
    let rejected =
        shows(&harness, "The current parameters were kept: the fitted ones predicted your reviews no better.");
    assert!(kept != rejected, "one verdict");
    let parameters = harness.state().data().expect("save").settings.scheduler.parameters.clone();
    assert_eq!(parameters != fsrs::DEFAULT_PARAMETERS, kept);
    if kept {
        harness.run();
        harness.get_by_label("Use the defaults").click();
        harness.run();
        assert_eq!(harness.state().data().expect("save").settings.scheduler.parameters, fsrs::DEFAULT_PARAMETERS);
    }
}

#[test]
fn optimize_parameters_says_when_the_history_is_too_short() {
    let (_dir, mut harness) = open(&[]);
    harness.state_mut().apply(Action::Settings);
    harness.run();
    harness.get_by_label("Optimize parameters").click();
    // The log is read on the fit's thread: the verdict comes a few frames on.
    let verdict = "Not enough history yet: reviews on later days so far 0 / 400";
    step_until_shown(&mut harness, verdict, 1000, Duration::from_millis(5));
}

#[test]
fn a_damaged_save_is_set_aside_and_the_window_says_where_it_went() {
    let dir = tempfile::tempdir().expect("temp");
    let garbage = b"SaveData(version: 1, reviews: [ this is not RON";
    std::fs::write(dir.path().join("save.ron"), garbage).expect("damage");
    let mut harness = harness(App::new(launch(dir.path(), &[]), english()));
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.file_name().is_some_and(|name| name.to_string_lossy().starts_with("save.ron.damaged-")))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is set aside");
    assert_eq!(std::fs::read(&aside[0]).expect("aside"), garbage, "byte for byte, never overwritten");
    let message = harness
        .query_all_by(|node| {
            node.value().is_some_and(|value| value.contains("could not be read") && value.contains("save.ron.damaged-"))
        })
        .next();
    assert!(message.is_some(), "the window says what happened and where the file went");
    // Study goes on with a fresh save.
    harness.get_by_label("Study all  (Enter)").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Session(_)));
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(
        harness.query_all_by(|node| node.value().is_some_and(|v| v.contains("could not be read"))).next().is_none()
    );
}

#[test]
fn an_exam_handed_in_early_asks_once_and_scores_the_whole_paper_everywhere() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    let request = Request { decks: vec!["fruit".into()], count: 5, minutes: Some(1), seed: 9 };
    harness.state_mut().apply(Action::StartExam(request));
    harness.run();
    answer_exam_question(&mut harness, true);
    answer_exam_question(&mut harness, true);
    harness.get_by_label("Hand in now…").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Exam(_)), "handing in with blanks asks first");
    assert!(shows(&harness, "3 questions are still unanswered; they will count as wrong."));
    harness.get_by_label("Keep answering  (Esc)").click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Exam(_)), "and the learner may go on");
    harness.get_by_label("Hand in now…").click();
    harness.run();
    harness.get_by_label("Hand in").click();
    harness.run();
    let Screen::ExamReport(report) = harness.state().screen() else { panic!("no report") };
    assert_eq!((report.graded().right, report.graded().answered, report.graded().total), (2, 2, 5));
    // The statistics and "practise mistakes" agree with the report.
    harness.state_mut().apply(Action::Stats(30));
    harness.run();
    let figures = counted(&mut harness);
    let exam = &figures.exams[0];
    assert_eq!((exam.right, exam.answered, exam.questions), (2, 2, 5));
    let title = harness.query_all_by(|node| node.label().is_some_and(|label| label.ends_with("·  2 / 5"))).next();
    assert!(title.is_some(), "the exam history scores it out of the paper");
    harness.state_mut().apply(Action::Home);
    harness.run();
    assert!(harness.query_by_label("Practise mistakes of the last exam (3)").is_some());
}

#[test]
fn a_blank_paper_handed_in_scores_nothing_out_of_five() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    let request = Request { decks: vec!["fruit".into()], count: 5, minutes: None, seed: 2 };
    harness.state_mut().apply(Action::StartExam(request));
    harness.run();
    harness.get_by_label("Hand in now…").click();
    harness.run();
    harness.get_by_label("Hand in").click();
    harness.run();
    let data = harness.state().data().expect("save");
    let results = tabula::core::exam::results(data);
    assert_eq!((results[0].right, results[0].answered, results[0].questions), (0, 0, 5));
    harness.state_mut().apply(Action::Home);
    harness.run();
    assert!(harness.query_by_label("Practise mistakes of the last exam (5)").is_some());
}

#[test]
fn ctrl_z_after_s_unsuspends_the_card_and_keeps_the_answer_before() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();
    let first = current_question(&harness);
    harness.key_press(number_key(first.correct[0]));
    harness.run();
    harness.key_press(Key::Space);
    harness.run();
    let second = current_question(&harness);
    harness.key_press(Key::S);
    harness.run();
    assert!(harness.state().data().expect("save").cards[&second.id].suspended);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!harness.state().data().expect("save").cards[&second.id].suspended, "the suspension is undone");
    assert_eq!(reviews(&harness).len(), 1, "the answer before stays");
    assert_eq!(current_question(&harness).id, second.id, "and the card is back on screen");
}

#[test]
fn ctrl_z_in_a_new_session_leaves_the_last_sessions_answer_alone() {
    let (_dir, mut harness) =
        open(&[("fruit.ron", table_deck("fruit", "cell_choice")), ("other.ron", table_deck("other", "cell_choice"))]);
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();
    let first = current_question(&harness);
    harness.key_press(number_key(first.correct[0]));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.state_mut().apply(Action::Study(vec!["other".into()]));
    harness.run();
    let other = current_question(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(reviews(&harness).len(), 1, "deck A's answer is not undone from deck B's session");
    assert_eq!(current_question(&harness).id, other.id, "deck B's session goes on");
}

#[test]
fn undoing_a_right_answer_takes_it_off_the_right_tally_too() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();
    let first = current_question(&harness);
    harness.key_press(number_key(first.correct[0]));
    harness.run();
    assert!(shows(&harness, "1 answered · 1 right"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!shows(&harness, "1 answered · 1 right") && !shows(&harness, "0 answered · 1 right"));
    let Screen::Session(screen) = harness.state().screen() else { panic!("not in a session") };
    assert_eq!((screen.session().tally().answered, screen.session().tally().right), (0, 0));
}

#[test]
fn practice_rating_buttons_show_no_intervals() {
    let (_dir, mut harness) = open(&[("flip.ron", table_deck("flip", "cell_recall"))]);
    harness.state_mut().apply(Action::Practice(tabula::ui::app::PracticeSource::Decks(vec!["flip".into()])));
    harness.run();
    harness.key_press(Key::Space);
    harness.run();
    assert!(harness.query_by_label("Again  (1)").is_some(), "the rating, without a wait");
    assert!(harness.query_by_label("Again  (1)\n1m").is_none());
}

#[test]
fn done_for_today_says_why_new_cards_wait() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice, which_subject"))]);
    harness.state_mut().apply(Action::Study(vec!["fruit".into()]));
    harness.run();
    for _ in 0..40 {
        let Screen::Session(screen) = harness.state().screen() else { panic!("not in a session") };
        let Some(current) = screen.current() else { break };
        let question = current.question.clone();
        harness.key_press(number_key(question.correct[0]));
        harness.run();
        harness.key_press(Key::Space);
        harness.run();
    }
    assert!(shows(&harness, "Nothing left for now"));
    let waiting = harness
        .query_all_by(|node| {
            node.value().is_some_and(|value| value.contains("new cards wait: a card of the same entry"))
        })
        .next();
    assert!(waiting.is_some(), "the summary says why the new cards wait");
    assert!(shows(&harness, "0 due · 0 new"), "and the header offers nothing more today");
}

#[test]
fn an_exam_planned_in_the_window_shows_its_prediction_on_home_and_in_statistics() {
    let (_dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::ExamSetup(Vec::new()));
    harness.run();
    let field = harness.get_by_label("Date and time (YYYY-MM-DD HH:MM)");
    field.focus();
    field.type_text("x");
    harness.run();
    harness.get_by_label("Plan this exam").click();
    harness.run();
    assert!(harness.state().data().expect("save").planned_exams.is_empty(), "a date that does not parse plans nothing");
    assert!(shows(&harness, "Type a date and time still to come, such as 2026-12-11 09:00."));
    // The field held a date two weeks ahead before the stray "x".
    harness.get_by_label("Date and time (YYYY-MM-DD HH:MM)").focus();
    harness.run();
    harness.key_press(Key::Backspace);
    harness.run();
    harness.get_by_label("Plan this exam").click();
    harness.run();
    let planned = harness.state().data().expect("save").planned_exams.clone();
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].minutes_a_day, Some(20));
    assert!(planned[0].at > start() + chrono::Duration::days(13));

    harness.state_mut().apply(Action::Home);
    harness.run();
    let headline = harness
        .query_all_by(|node| node.value().is_some_and(|value| value.contains("you are expected to recall 0% of")))
        .next();
    assert!(headline.is_some(), "Home says what is expected on the day");
    assert!(
        harness
            .query_all_by(|node| node.value().is_some_and(|value| value.contains("+10 minutes a day")))
            .next()
            .is_some()
    );
    harness.get_by_label("Practise the weakest for this exam (20)").click();
    harness.run();
    let Screen::Session(screen) = harness.state().screen() else { panic!("cram did not start") };
    assert!(screen.current().is_some());

    harness.state_mut().apply(Action::Stats(30));
    harness.run();
    counted(&mut harness);
    assert!(
        harness
            .query_all_by(|node| node
                .value()
                .is_some_and(|value| value.starts_with("Expected recall up to the exam on")))
            .next()
            .is_some()
    );
}

#[test]
fn i_was_right_after_a_wrong_typed_answer_counts_it_right_by_click_or_r() {
    for by_key in [false, true] {
        let (_dir, mut harness) = open(&[("faq.ron", faq_deck("typed_answer"))]);
        study(&mut harness, "faq");
        let field = harness.get_by_role(egui::accesskit::Role::TextInput);
        field.type_text("Lutetia");
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
        assert_eq!(reviews(&harness)[0].correct, Some(false));
        assert!(harness.query_by_label("I was right  (R)").is_some());
        if by_key {
            harness.key_press(Key::R);
        } else {
            harness.get_by_label("I was right  (R)").click();
        }
        harness.run();
        let log = reviews(&harness);
        assert_eq!(log.len(), 1, "the wrong verdict is replaced, not added to");
        assert_eq!((log[0].correct, log[0].overridden), (Some(true), true));
        assert_eq!(log[0].answer, "Lutetia");
        assert!(harness.query_by_label("I was right  (R)").is_none(), "once is enough");
        assert!(matches!(stage(&harness), Stage::Answered { correct: true, .. }));
    }
}

/// Types a path into the Open deck dialog's field and presses its Check
/// button (labelled `check`). The field is the focused one: a screen's own
/// fields lie beneath the dialog.
fn check_in_dialog(harness: &mut Harness<'_, App>, path: &Path, check: &str) {
    harness
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("the path field is focused")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label(check).click();
}

/// Whether some text on screen holds this.
fn shown_text(harness: &Harness<'_, App>, text: &str) -> bool {
    let text = text.to_owned();
    harness
        .query_all_by(move |node| {
            node.value().is_some_and(|value| value.contains(&text))
                || node.label().is_some_and(|label| label.contains(&text))
        })
        .next()
        .is_some()
}

/// Every text the deck holds, split into ASCII words: these may show in any
/// window language.
fn deck_words() -> std::collections::BTreeSet<String> {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => out.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
            serde_json::Value::Object(map) => map.iter().for_each(|(key, item)| {
                out.push(key.clone());
                strings(item, out);
            }),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for loaded in &tabula::core::library::Library::load(None, &[]).decks {
        strings(&serde_json::to_value(&loaded.deck).expect("deck as json"), &mut texts);
    }
    texts.iter().flat_map(|text| ascii_words(text)).collect()
}

/// Runs of two or more ASCII letters.
fn ascii_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| word.len() >= 2).map(str::to_owned).collect()
}

/// The ASCII words on screen that are not deck content, key names, names
/// that stay as they are in Chinese, or file names and paths.
fn stray_english(harness: &Harness<'_, App>, allowed: &std::collections::BTreeSet<String>) -> Vec<String> {
    const KEEP: [&str; 15] = [
        "Esc", "Enter", "Ctrl", "Tab", "Tabula", "Anki", "Quizlet", "Pleco", "FSRS", "CSV", "TSV", "English", "UTF",
        "MB", "KB",
    ];
    let mut stray = Vec::new();
    for node in harness.query_all_by(|_| true) {
        let node = egui_kittest::kittest::NodeT::accesskit_node(&node);
        let texts = [node.label(), node.value()];
        for text in texts.into_iter().flatten() {
            // egui names its window frame for screen readers, not on screen.
            if text.starts_with("Resize window") || text == "Close window" || text == "Resize panel" {
                continue;
            }
            // File names and paths (`save.ron`, `/tmp/x/decks/`) are not words.
            let words = text
                .split(|c: char| !(c.is_ascii_alphanumeric() || "._/\\-~:".contains(c)))
                .map(|token| token.trim_end_matches(['.', ':', '-']))
                .filter(|token| !token.contains(['/', '\\']) && !token.contains('.'))
                .flat_map(|token| {
                    // A figure with an English unit: "10m", "18h", "2.5mo".
                    let unit = token.trim_start_matches(|c: char| c.is_ascii_digit());
                    let figure = unit.len() < token.len() && !unit.is_empty();
                    if figure && unit.chars().all(|c| c.is_ascii_alphabetic()) {
                        vec![token.to_owned()]
                    } else {
                        ascii_words(token)
                    }
                })
                .collect::<Vec<_>>();
            for word in words {
                if !KEEP.contains(&word.as_str()) && !allowed.contains(&word) {
                    stray.push(format!("{word} in {text:?}"));
                }
            }
        }
    }
    stray.sort();
    stray.dedup();
    stray
}

#[test]
fn every_screen_in_chinese_shows_no_stray_english() {
    let dir = tempfile::tempdir().expect("temp");
    let broken =
        "Deck(id: \"坏\", title: \"坏题库\", content: Table((subjects: [(id: \"a\", name: \"甲\")], aspects: [])))";
    // A deck that loads with warnings: two subjects alike on one aspect, so
    // some of its questions are not generated, and Home says why.
    let warned = "Deck(id: \"warned\", title: \"有警告的题库\", language: \"zh\", content: Table((\
        subjects: [(id: \"a\", name: \"甲\"), (id: \"b\", name: \"乙\")], aspects: [\
        (id: \"c\", name: \"颜色\", cells: {\"a\": \"红色\", \"b\": \"红色\"}),\
        (id: \"d\", name: \"大小\", cells: {\"a\": \"大\", \"b\": \"小\"})])))";
    let decks = [("broken.ron", broken.to_owned()), ("warned.ron", warned.to_owned())];
    let prefs = Prefs { lang: Lang::Zh, theme: Theme::Dark, zoom: 1.0 };
    let mut harness = harness(App::new(launch(dir.path(), &decks), prefs));
    let allowed = deck_words();
    let mut found = Vec::new();
    let mut look = |harness: &mut Harness<'_, App>, screen: &str| {
        harness.run();
        found.extend(stray_english(harness, &allowed).into_iter().map(|word| format!("{screen}: {word}")));
    };
    look(&mut harness, "home");
    let deck = "smm-vs-dm-comparison".to_owned();
    harness.state_mut().apply(Action::Study(vec![deck.clone()]));
    look(&mut harness, "study");
    for _ in 0..12 {
        // Answer whatever comes, look at the answer, go on.
        let question = current_question(&harness);
        if question.kind.is_self_graded() {
            harness.state_mut().apply(Action::Reveal);
            look(&mut harness, "study, revealed");
            harness.state_mut().apply(Action::Rate(Rating::Good));
        } else {
            let wrong = (0..question.options.len()).find(|index| !question.correct.contains(index)).unwrap_or(0);
            let response = match question.kind {
                QuestionKind::TypedAnswer => tabula::core::question::Response::Typed("不知道".into()),
                QuestionKind::Matching => tabula::core::question::Response::Matches(
                    (0..question.lefts.len()).map(|index| Some((index + 1) % question.lefts.len())).collect(),
                ),
                _ => tabula::core::question::Response::Choice(wrong),
            };
            look(&mut harness, "study, asking");
            harness.state_mut().apply(Action::Respond(response));
            look(&mut harness, "study, answered");
            harness.state_mut().apply(Action::Continue);
        }
        look(&mut harness, "study, next");
    }
    harness.state_mut().apply(Action::Practice(tabula::ui::app::PracticeSource::Decks(vec!["smm-vs-dm-faq".into()])));
    look(&mut harness, "practice");
    harness.state_mut().apply(Action::ExamSetup(Vec::new()));
    look(&mut harness, "exam setup");
    harness.state_mut().apply(Action::StartExam(Request { decks: Vec::new(), count: 3, minutes: Some(10), seed: 1 }));
    look(&mut harness, "exam");
    for _ in 0..3 {
        harness.state_mut().apply(Action::ExamAnswer(None));
        look(&mut harness, "exam, answered");
    }
    harness.state_mut().apply(Action::Browse(Some(deck.clone())));
    look(&mut harness, "browse");
    harness.get_all_by_label_contains(" · ").next().expect("a card row").click();
    look(&mut harness, "browse, a card");
    for days in [30, 365] {
        harness.state_mut().apply(Action::Stats(days));
        look(&mut harness, "statistics");
    }
    harness.state_mut().apply(Action::Settings);
    look(&mut harness, "settings");
    harness.state_mut().apply(Action::OpenDeck);
    look(&mut harness, "open deck");
    // A deck file with a syntax slip and a missing comma, checked in the dialog.
    let slipped = dir.path().join("slipped.ron");
    std::fs::write(
        &slipped,
        "Deck(\n    id: \"x\"\n    title: \"题\",\n    content: Faq((entries: [(id: \"a\", question: \"问\")])),\n)\n",
    )
    .expect("write");
    check_in_dialog(&mut harness, &slipped, "检查");
    look(&mut harness, "open deck, a broken file");
    assert!(shown_text(&harness, "这里缺少逗号"), "the missing comma, in Chinese");
    assert!(
        shown_text(&harness, "这里缺少字段「answer」"),
        "the second problem, read past the missing comma, in Chinese"
    );
    // A deck that loads with warnings: the questions it cannot ask, and why.
    let warned_file = dir.path().join("warned-copy.ron");
    std::fs::write(&warned_file, warned.replace("\"warned\"", "\"副本\"")).expect("write");
    harness.key_press(Key::Escape);
    harness.run();
    harness.state_mut().apply(Action::OpenDeck);
    harness.run();
    check_in_dialog(&mut harness, &warned_file, "检查");
    look(&mut harness, "open deck, a deck with warnings");
    assert!(shown_text(&harness, "没有唯一正确的对象"), "why a question is not generated, in Chinese");
    harness.key_press(Key::Escape);
    harness.state_mut().apply(Action::Home);
    look(&mut harness, "home again");
    assert!(found.is_empty(), "English words in the Chinese window:\n{}", found.join("\n"));
}

#[test]
fn a_deck_added_while_the_exam_form_is_open_is_ticked() {
    let (dir, mut harness) = open(&[("fruit.ron", table_deck("fruit", "cell_choice"))]);
    harness.state_mut().apply(Action::ExamSetup(vec!["fruit".into()]));
    harness.run();
    std::fs::write(dir.path().join("decks").join("veg.ron"), table_deck("veg", "cell_choice")).expect("write");
    harness.state_mut().apply(Action::Reload);
    harness.run();
    loaded(&mut harness);
    let Screen::ExamSetup(setup) = harness.state().screen() else { panic!("still the exam form") };
    assert!(setup.ticked().contains(&"veg".to_owned()), "{:?}", setup.ticked());
}

#[test]
fn study_all_names_the_deck_of_the_card_on_screen() {
    let (_dir, mut harness) =
        open(&[("a.ron", table_deck("a", "cell_choice")), ("b.ron", table_deck("b", "cell_choice"))]);
    harness.state_mut().apply(Action::Study(Vec::new()));
    harness.run();
    let question = current_question(&harness);
    let Screen::Session(session) = harness.state().screen() else { panic!("session") };
    let title = session.session().catalog().deck_of(&question.id).expect("its deck").title.clone();
    assert!(session.session().catalog().decks().len() > 1);
    assert!(shows(&harness, &title), "the deck of {} is named", question.id);
}

#[test]
fn an_faq_card_does_not_repeat_its_question_and_answer_under_from_the_deck() {
    let (_dir, mut harness) = open(&[("faq.ron", faq_deck("faq_recall, answer_choice"))]);
    study(&mut harness, "faq");
    for _ in 0..6 {
        let question = current_question(&harness);
        if question.kind == QuestionKind::FaqRecall {
            harness.key_press(Key::Space);
            harness.run();
            assert!(!shows(&harness, "From the deck"), "the question and answer are on screen already");
            harness.key_press(Key::Num3);
        } else {
            harness.key_press(number_key(question.correct[0]));
            harness.run();
            assert!(!shows(&harness, "From the deck"), "the question and the answer are on screen already");
            harness.key_press(Key::Space);
        }
        harness.run();
    }
}

#[test]
fn the_chinese_open_deck_dialog_words_an_imports_refusal_summary_and_notes_in_chinese() {
    let dir = tempfile::tempdir().expect("temp");
    let prefs = Prefs { lang: Lang::Zh, theme: Theme::Light, zoom: 1.0 };
    let mut harness = harness(App::new(launch(dir.path(), &[]), prefs));
    let refused_text = "country,capital,type\nAlbania,Tirana,capital\nBolivia,La Paz,seat\nBolivia,Sucre,capital\n";
    let refused = dir.path().join("capitals.csv");
    std::fs::write(&refused, refused_text).expect("sheet");
    let kept_text = "id,问题,答案\nseo,什么是 SEO？,搜索引擎优化\n,,没有问题的答案\n,,\n点击 付费,什么是 CPC？,按点击付费\nroi,什么是 ROI？,投资回报率\n";
    let kept = dir.path().join("营销词汇.csv");
    std::fs::write(&kept, kept_text).expect("sheet");
    let mut allowed = deck_words();
    allowed.extend(ascii_words(refused_text).into_iter().chain(ascii_words(kept_text)));

    harness.get_by_label("打开题库…").click();
    harness.run();
    check_in_dialog(&mut harness, &refused, "检查");
    harness.run();
    assert!(shows(&harness, "无法添加这个文件："));
    let refusal = format!("{}:4：「country」列中的「Bolivia」在第 3 行已经出现过", refused.display());
    assert!(
        harness.query_all_by(|node| node.value().is_some_and(|value| value.starts_with(&refusal))).next().is_some(),
        "the refusal names the file's line, in Chinese"
    );
    assert_eq!(stray_english(&harness, &allowed), Vec::<String>::new(), "the refusal");

    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(kept.clone())));
    harness.run();
    assert!(harness.query_by_label("添加到我的题库").is_some(), "the sheet imports");
    assert!(shows(&harness, "读取了 5 行（不含标题行），得到 3 个问答；跳过 2 条"), "the summary");
    assert!(shows(&harness, "跳过 1 条：所有单元格都为空的行（第 4 行）"), "a skipped row with its line");
    assert!(shows(&harness, "跳过 1 条：「问题」为空的行（第 3 行）"), "a skipped row with its line");
    let note = format!(
        "{}：第 5 行：标识「点击 付费」改为「点击-付费」：标识不能含有 /、空白或控制字符，且最多 64 个字符",
        kept.display()
    );
    assert!(shows(&harness, &note), "a note at its line");
    assert_eq!(stray_english(&harness, &allowed), Vec::<String>::new(), "the summary and notes");
}

#[test]
fn decks_load_after_the_first_frame_and_home_fills_in_with_each_deck_and_each_error() {
    let dir = tempfile::tempdir().expect("temp");
    let decks = [("fruit.ron", table_deck("fruit", "cell_choice")), ("broken.ron", "Deck(id: \"broken\",".to_owned())];
    let mut app = App::new(launch(dir.path(), &decks), english());
    let texts = first_frame(&mut app);
    assert!(app.decks_loading());
    assert!(!app.catalog_decks().contains(&"fruit".to_owned()), "the first frame waits for no user deck");
    assert!(!app.catalog_decks().is_empty(), "the built-in decks are there from the first frame");
    for (name, _) in &decks {
        let path = dir.path().join("decks").join(name).display().to_string();
        assert!(texts.contains(&path), "Home names {name} among the decks still loading: {texts:?}");
    }
    assert!(texts.iter().any(|text| text == "Loading…"));
    let mut harness = harness_of(app);
    until_settled(&mut harness);
    assert!(harness.state().catalog_decks().contains(&"fruit".to_owned()));
    assert!(shows(&harness, "Fruit fruit"), "the deck joins Home");
    let failed = format!("Could not load {}", dir.path().join("decks").join("broken.ron").display());
    assert!(shows(&harness, &failed), "the failing deck shows its error");
    assert!(!shows(&harness, "Loading…"));
}

#[test]
fn study_asked_for_before_its_deck_has_loaded_starts_when_it_comes() {
    let dir = tempfile::tempdir().expect("temp");
    let mut app = App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english());
    app.apply(Action::Study(vec!["fruit".into()]));
    let texts = first_frame(&mut app);
    assert!(matches!(app.screen(), Screen::Session(session) if session.current().is_none()));
    assert!(texts.iter().any(|text| text == "Loading 1 deck file(s)…"), "the sitting says why it has no question yet");
    let mut harness = harness_of(app);
    until_settled(&mut harness);
    let question = current_question(&harness);
    assert!(question.id.0.starts_with("fruit/"), "{}", question.id.0);
}

#[test]
fn a_database_damaged_on_disk_is_checked_after_the_first_frame_and_repaired_before_any_write() {
    use tabula::core::save::DB_FILE;
    let dir = tempfile::tempdir().expect("temp");
    let decks = [("fruit.ron", table_deck("fruit", "cell_choice"))];
    {
        let mut first = harness(App::new(launch(dir.path(), &decks), english()));
        study(&mut first, "fruit");
        for _ in 0..3 {
            let question = current_question(&first);
            first.key_press(number_key(question.correct[0]));
            first.run();
            first.key_press(Key::Space);
            first.run();
        }
        assert_eq!(reviews(&first).len(), 3);
    }
    // An invalid b-tree page type in an index: the rows all read, only
    // `PRAGMA quick_check` sees the damage.
    let path = dir.path().join(DB_FILE);
    let root: i64 = rusqlite::Connection::open(&path)
        .expect("open")
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'reviews_card'", [], |row| row.get(0))
        .expect("root page");
    let mut bytes = std::fs::read(&path).expect("read");
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    bytes[usize::try_from(root - 1).expect("page") * page_size] = 0xFF;
    std::fs::write(&path, &bytes).expect("damage");

    let mut app = App::new(launch(dir.path(), &decks), english());
    let texts = first_frame(&mut app);
    assert!(app.background_busy());
    assert!(
        !texts.iter().any(|text| text.contains("The save was damaged")),
        "nothing is checked before the first frame is on screen"
    );
    let mut harness = harness_of(app);
    assert_eq!(reviews(&harness).len(), 3);
    until_settled(&mut harness);
    let message = harness
        .query_all_by(|node| {
            node.value().is_some_and(|value| value.contains("The save was damaged") && value.contains("3 answer(s)"))
        })
        .next();
    assert!(message.is_some(), "the window says the save was repaired and what was kept");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name().is_some_and(|name| name.to_string_lossy().starts_with("tabula.sqlite3.damaged-"))
        })
        .collect();
    // The copy takes its WAL along when the database had one at the repair
    // (whether it had depends on when the first window's connections
    // closed): one copy, and no side file of anything else.
    let (copies, sides): (Vec<_>, Vec<_>) = aside.iter().partition(|path| !path.to_string_lossy().ends_with("-wal"));
    assert_eq!(copies.len(), 1, "the damaged database is copied aside: {aside:?}");
    assert!(sides.iter().all(|side| side.to_string_lossy() == format!("{}-wal", copies[0].display())), "{aside:?}");
    study(&mut harness, "fruit");
    let question = current_question(&harness);
    harness.key_press(number_key(question.correct[0]));
    harness.run();
    assert_eq!(reviews(&harness).len(), 4, "answers go on into the repaired save");
    let reread = tabula::core::save::read_save(dir.path(), start()).expect("read");
    assert_eq!(reread.reviews.len(), 4, "every acknowledged answer is on disk");
}
