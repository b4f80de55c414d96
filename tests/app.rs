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
use tabula::ui::exam::Request;
use tabula::ui::i18n::Lang;
use tabula::ui::session::Stage;
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

fn harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1100.0, 800.0])
        .with_context_setup(tabula::ui::setup_context)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run();
    harness
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

fn number_key(index: usize) -> Key {
    tabula::ui::question_view::NUMBER_KEYS[index]
}

fn option_label(question: &Question, index: usize) -> String {
    format!("{}   {}", index + 1, question.options[index])
}

#[test]
fn a_choice_question_answered_by_click_then_by_key() {
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english());
    let mut harness = harness(app);
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
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[("flip.ron", table_deck("flip", "cell_recall"))]), english());
    let mut harness = harness(app);
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
fn answer_exam_question(harness: &mut Harness<'_, App>, right: bool) {
    let Screen::Exam(running) = harness.state().screen() else { panic!("not in an exam") };
    let question = running.paper.questions[running.index()].clone();
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
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english());
    let mut harness = harness(app);
    harness.state_mut().apply(Action::ExamSetup(vec!["fruit".into()]));
    harness.run();
    harness.get_by_label("Start exam  (Enter)").click();
    harness.run();
    let Screen::Exam(running) = harness.state().screen() else { panic!("the exam did not start") };
    assert_eq!(running.paper.questions.len(), 6, "one question per cell, never two on the same cell");
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
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[]), english());
    let mut harness = harness(app);
    let request = Request { decks: Vec::new(), count: 12, minutes: None, seed: 42 };
    let paper = |harness: &Harness<'_, App>| match harness.state().screen() {
        Screen::Exam(running) => running.paper.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>(),
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
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = harness(App::new(launch(dir.path(), &[]), english()));
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
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = harness(App::new(launch(dir.path(), &[]), english()));
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
}

fn repaint_delay(harness: &Harness<'_, App>) -> Duration {
    harness.output().viewport_output.get(&ViewportId::ROOT).map_or(Duration::MAX, |viewport| viewport.repaint_delay)
}

#[test]
fn an_idle_window_asks_for_no_frames_except_for_an_exam_timer() {
    let dir = tempfile::tempdir().expect("temp");
    let app = App::new(launch(dir.path(), &[("fruit.ron", table_deck("fruit", "cell_choice"))]), english());
    let mut harness = harness(app);
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
