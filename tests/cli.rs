//! The `tabula` command line as a user runs it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use tabula::core::generate::generate;
use tabula::core::library::Library;
use tabula::core::question::Question;

fn tabula(data_dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tabula"));
    command.arg("--data-dir").arg(data_dir).args(args).env("TZ", "Asia/Shanghai");
    command
}

fn run_with_input(mut command: Command, input: &str) -> Output {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // The child may stop reading early; a broken pipe here is not a failure.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("wait")
}

fn stats(data_dir: &Path, now: &str) -> serde_json::Value {
    let output = tabula(data_dir, &["stats", "--json", "--now", now]).output().expect("stats");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("json")
}

fn saved_lines(output: &Output) -> usize {
    String::from_utf8_lossy(&output.stdout).lines().filter(|line| line.starts_with("saved")).count()
}

#[test]
fn check_passes_the_shipped_decks_and_points_at_mistakes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().expect("temp");
    let output = tabula(temp.path(), &["check"]).arg(root.join("decks")).output().expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // Only the questions the shipped decks cannot ask (listed in tests/shipped_decks.rs).
    let stderr = String::from_utf8_lossy(&output.stderr);
    let diagnostics = stderr.lines().filter(|line| line.contains(": warning: ") || line.contains(": error: "));
    assert!(
        diagnostics.clone().count() > 0 && diagnostics.into_iter().all(|line| line.contains(": warning: question ")),
        "{stderr}"
    );

    let bad = temp.path().join("bad.ron");
    std::fs::write(&bad, "Deck(\n    id: \"x\",\n    title: \"X\"\n    content: Faq((entries: [])),\n)\n")
        .expect("write");
    let output = tabula(temp.path(), &["check"]).arg(&bad).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with(&format!("{}:4:5: error:", bad.display())), "{stderr}");
    assert!(
        stderr.contains("\n        content: Faq((entries: [])),\n        ^"),
        "the line, a caret under the column: {stderr}"
    );

    // Every missing comma of a file, not only the first.
    std::fs::write(
        &bad,
        "Deck(\n    id: \"x\"\n    title: \"题\",\n    content: Table((\n        subjects: [(id: \"a\", name: \"甲\")\n            (id: \"b\", name: \"乙\")],\n        aspects: [],\n    )),\n)\n",
    )
    .expect("write");
    let output = tabula(temp.path(), &["check"]).arg(&bad).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{}:3:5: error:", bad.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}:5:40: error: a comma is missing here", bad.display())), "{stderr}");
}

#[test]
fn questions_prints_json_lines_that_keep_the_rules() {
    let temp = tempfile::tempdir().expect("temp");
    for deck in ["smm-vs-dm-comparison", "smm-vs-dm-faq", "smm-vs-dm-lists", "smm-vs-dm-facts"] {
        let output = tabula(temp.path(), &["questions", deck, "--seed", "3"]).output().expect("run");
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).expect("utf-8");
        assert!(text.lines().count() > 10, "{deck}");
        for line in text.lines() {
            let question: serde_json::Value = serde_json::from_str(line).expect("json");
            for key in ["id", "deck", "item", "kind", "prompt", "options", "correct", "answer"] {
                assert!(question.get(key).is_some(), "{key} missing in {line}");
            }
            let question: tabula::core::question::Question = serde_json::from_str(line).expect("question");
            assert!(question.rule_breaches().is_empty(), "{line}");
        }
    }
    let output = tabula(temp.path(), &["questions", "smm-vs-dm-faq", "--kind", "typed_answer"]).output().expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.lines().count() > 0, "no typed question came back");
    assert!(text.lines().all(|line| line.contains("\"kind\":\"typed_answer\"") && line.contains("\"accepted\"")));
}

#[test]
fn practice_answers_are_all_counted() {
    let temp = tempfile::tempdir().expect("temp");
    let input = "1\n".repeat(500);
    let output = run_with_input(tabula(temp.path(), &["study", "--text", "--practice"]), &input);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let saved = saved_lines(&output);
    assert!(saved > 200, "{saved} answers saved");
    let figures = stats(temp.path(), "2030-01-01T00:00:00Z");
    assert_eq!(figures["reviews"].as_u64(), Some(saved as u64));
    assert_eq!(figures["due_today"].as_u64(), Some(0), "practice leaves the schedule alone");
}

/// The right answer to each prompt the built-in decks can show; for a
/// matching prompt, every pair it may ask (the pairs asked vary by seed).
#[derive(Default)]
struct AnswerBook {
    questions: HashMap<String, Question>,
    pairs: HashMap<String, HashMap<String, String>>,
    /// Two cards may share a prompt (an item listed twice asks "which list
    /// holds this?" with a different list offered in each).
    rights: HashMap<String, std::collections::HashSet<String>>,
}

fn answer_book() -> AnswerBook {
    let library = Library::load(None, &[]);
    let mut book = AnswerBook::default();
    for loaded in &library.decks {
        for seed in 0..60 {
            for question in generate(&loaded.deck, seed).questions {
                let pairs = book.pairs.entry(question.prompt.clone()).or_default();
                for (left, option) in question.lefts.iter().zip(&question.correct) {
                    pairs.insert(left.clone(), question.options[*option].clone());
                }
                book.rights.entry(question.prompt.clone()).or_default().insert(question.answer.clone());
                book.questions.insert(question.prompt.clone(), question);
            }
        }
    }
    book
}

/// Studies like a learner who knows every answer, until the session ends;
/// returns the number of answers saved and the closing line.
fn study_perfectly(data_dir: &Path, now: &str, book: &AnswerBook) -> (usize, String) {
    let mut child = tabula(data_dir, &["study", "--text", "--now", now])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut prompt: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let mut lefts: Vec<String> = Vec::new();
    let mut reading_prompt = false;
    let mut saved = 0;
    let mut closing = String::new();
    let reply = |stdin: &mut std::process::ChildStdin, text: String| {
        stdin.write_all(text.as_bytes()).expect("answer");
        stdin.flush().expect("flush");
    };
    for line in stdout.lines() {
        let line = line.expect("line");
        let question = || book.questions.get(&prompt.join("\n")).unwrap_or_else(|| panic!("unknown prompt {prompt:?}"));
        if let Some(rest) = line.strip_prefix('[').and_then(|rest| rest.split_once("] ")) {
            prompt = vec![rest.1.to_owned()];
            options.clear();
            lefts.clear();
            reading_prompt = true;
        } else if let Some(more) = line.strip_prefix("    ") {
            // A further line of the prompt or of the last option.
            if reading_prompt {
                prompt.push(more.to_owned());
            } else if let Some(last) = options.last_mut() {
                last.push('\n');
                last.push_str(more);
            }
        } else if let Some((number, text)) = line.strip_prefix("  ").and_then(|rest| rest.split_once(". ")) {
            reading_prompt = false;
            assert_eq!(number.parse::<usize>().ok(), Some(options.len() + 1));
            options.push(text.to_owned());
        } else if let Some(text) =
            line.strip_prefix("  ").and_then(|rest| rest.get(3..)).filter(|_| line.get(3..5) == Some(") "))
        {
            reading_prompt = false;
            lefts.push(text.to_owned());
        } else if line.starts_with("(press Enter") {
            reply(&mut stdin, "\n".into());
        } else if line.starts_with("1 again") {
            reply(&mut stdin, "3\n".into());
        } else if line.starts_with("(type your answer") {
            reply(&mut stdin, format!("{}\n", question().accepted[0]));
        } else if line.starts_with("(answer with an option number") {
            let rights = &book.rights[&prompt.join("\n")];
            let index = options.iter().position(|option| rights.contains(option)).expect("right option shown");
            reply(&mut stdin, format!("{}\n", index + 1));
        } else if line.starts_with("(one option number per") {
            let pairs = &book.pairs[&prompt.join("\n")];
            let numbers: Vec<String> = lefts
                .iter()
                .map(|left| (options.iter().position(|option| option == &pairs[left]).expect("cell") + 1).to_string())
                .collect();
            reply(&mut stdin, format!("{}\n", numbers.join(" ")));
        } else if line.starts_with("saved ") {
            saved += 1;
        } else if line.starts_with("Nothing") {
            closing = line;
        }
    }
    drop(stdin);
    let status = child.wait().expect("wait");
    assert!(status.success());
    (saved, closing)
}

#[test]
fn a_week_of_study_with_a_moving_clock() {
    let temp = tempfile::tempdir().expect("temp");
    let book = answer_book();
    let mut total_saved = 0;
    let mut due_seen = 0;
    for day in 1..=7 {
        let now = format!("2026-03-{day:02}T09:00:00+08:00");
        let before = stats(temp.path(), &now);
        due_seen += before["due_today"].as_u64().unwrap_or(0);
        let (saved, closing) = study_perfectly(temp.path(), &now, &book);
        assert!(closing.contains("The next card is due"), "day {day}: {closing}");
        assert!(saved >= 20, "day {day}: at least the new cards");
        total_saved += saved;
        let after = stats(temp.path(), &now);
        assert_eq!(after["new_available"].as_u64(), Some(0), "day {day}: the daily limit is used up");
        assert_eq!(after["due_today"].as_u64(), Some(0), "day {day}: nothing left due");
        assert_eq!(after["reviews"].as_u64(), Some(total_saved as u64));
    }
    assert!(due_seen > 0, "cards learned on one day come due on a later one");
    let figures = stats(temp.path(), "2026-03-08T09:00:00+08:00");
    assert!(figures["retention_30d"].as_f64().is_some_and(|share| share > 0.99));
}

#[test]
fn a_second_writer_is_refused_and_the_first_loses_nothing() {
    let temp = tempfile::tempdir().expect("temp");
    let mut first = tabula(temp.path(), &["study", "--text", "--practice"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = first.stdin.take().expect("stdin");
    stdin.write_all(b"1\n1\n1\n").expect("write");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let second = run_with_input(tabula(temp.path(), &["study", "--text", "--practice"]), "1\n");
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("open in another Tabula"));
    drop(stdin);
    let output = first.wait_with_output().expect("wait");
    let saved = saved_lines(&output);
    assert!(saved > 0, "the first writer saved nothing, so there is nothing to lose");
    assert_eq!(stats(temp.path(), "2030-01-01T00:00:00Z")["reviews"].as_u64(), Some(saved as u64));
}

#[test]
fn a_damaged_save_is_set_aside_and_study_goes_on() {
    let temp = tempfile::tempdir().expect("temp");
    std::fs::write(temp.path().join("save.ron"), "not a save").expect("write");
    let output = run_with_input(tabula(temp.path(), &["study", "--text", "--practice"]), "1\n");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("moved to"), "{stderr}");
    let aside = std::fs::read_dir(temp.path())
        .expect("list")
        .flatten()
        .find(|entry| entry.file_name().to_string_lossy().starts_with("save.ron.damaged-"))
        .expect("set aside");
    assert_eq!(std::fs::read_to_string(aside.path()).expect("read"), "not a save");
}

#[test]
fn backup_writes_one_file_that_reads_back() {
    let temp = tempfile::tempdir().expect("temp");
    let output = run_with_input(tabula(temp.path(), &["study", "--text", "--practice"]), &"2\n".repeat(20));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let saved = saved_lines(&output);
    assert!(saved > 0, "nothing answered, so an empty backup would pass");
    let backup = temp.path().join("handed-in.ron");
    let status = tabula(temp.path(), &["backup", "--out"]).arg(&backup).status().expect("backup");
    assert!(status.success());
    let data = tabula::core::save::read_save(&backup, chrono::Utc::now()).expect("read backup");
    assert_eq!(data.reviews.len(), saved);
}

#[test]
fn exam_is_the_same_paper_for_the_same_seed() {
    let temp = tempfile::tempdir().expect("temp");
    let paper = |seed: &str| {
        let output =
            tabula(temp.path(), &["exam", "smm-vs-dm-comparison", "smm-vs-dm-faq", "--count", "12", "--seed", seed])
                .output()
                .expect("exam");
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let first = paper("5");
    assert_eq!(first, paper("5"));
    assert_ne!(first, paper("6"));
    assert!(first.contains("## 12."));
    // The decks are Chinese, and so is the paper around their questions.
    assert!(first.contains("# 模拟考试") && first.contains("## 答案"), "{first}");
    for english in ["Mock exam", "Answer key", "Decks:", "Seed:", "true", "false"] {
        assert!(!first.contains(english), "{english} on a Chinese paper");
    }
    let output =
        tabula(temp.path(), &["exam", "smm-vs-dm-faq", "--count", "500", "--format", "json"]).output().expect("exam");
    assert!(String::from_utf8_lossy(&output.stderr).contains("fewer than the 500"));
    let paper: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(paper["questions"].as_array().expect("questions").len() < 500);
}

#[test]
fn exam_out_writes_the_paper_to_the_file() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("paper.html");
    let args = ["exam", "smm-vs-dm-facts", "--count", "6", "--seed", "3", "--format", "html", "--out"];
    let output = tabula(temp.path(), &args).arg(&out).output().expect("exam");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty(), "the paper goes to the file, not to standard output");
    let page = std::fs::read_to_string(&out).expect("paper written");
    assert!(page.contains("<html lang=\"zh\">") && page.contains("<h2>答案</h2>"));
    assert_eq!(page.matches("<div class=\"question\">").count(), 6);
    // A true/false question's options are printed as 对 and 错.
    if page.contains("判断正误") {
        assert!(page.contains("<li>对</li>") && page.contains("<li>错</li>"), "{page}");
    }
}

#[test]
fn a_user_deck_replaces_the_built_in_one_and_says_so_on_stderr() {
    let temp = tempfile::tempdir().expect("temp");
    let decks = temp.path().join("decks");
    std::fs::create_dir_all(&decks).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("decks/smm-vs-dm-faq.ron")).expect("read");
    std::fs::write(
        decks.join("faq.ron"),
        text.replace("社交媒体营销和数字营销是同一回事吗", "社交媒体营销与数字营销是一回事吗"),
    )
    .expect("write");
    let output = tabula(temp.path(), &["questions", "smm-vs-dm-faq", "--kind", "faq_recall"]).output().expect("run");
    assert!(String::from_utf8_lossy(&output.stdout).contains("社交媒体营销与数字营销是一回事吗"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("replaces the built-in deck"));
}

#[test]
fn a_suspended_card_is_not_studied_until_unsuspended() {
    let temp = tempfile::tempdir().expect("temp");
    // The card study shows first, by the id its answer is saved under (the
    // answer is taken back at once with `u`, so every run starts afresh).
    let study_first_card = || {
        let output = run_with_input(tabula(temp.path(), &["study", "--text", "smm-vs-dm-comparison"]), "\n1\nu\n");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let card = stdout
            .lines()
            .find_map(|line| line.strip_prefix("saved "))
            .map(|rest| rest.split(' ').next().unwrap_or_default().to_owned());
        card.unwrap_or_else(|| panic!("no answer saved: {stdout}"))
    };
    let first = study_first_card();
    assert!(tabula(temp.path(), &["suspend", &first]).status().expect("suspend").success());
    let shown = study_first_card();
    assert_ne!(shown, first, "a suspended card is not studied");
    assert!(tabula(temp.path(), &["suspend", "--undo", &first]).status().expect("unsuspend").success());
    assert_eq!(study_first_card(), first, "and comes back once unsuspended");
    let output = tabula(temp.path(), &["suspend", "no/such/card"]).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn settings_change_the_daily_limit_and_name_the_learner() {
    let temp = tempfile::tempdir().expect("temp");
    let output = tabula(temp.path(), &["settings", "--new-per-day", "5", "--retention", "0.85", "--name", "Lin"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("0.85") && shown.contains("Lin") && shown.contains("new cards per day:  5"), "{shown}");
    let figures = stats(temp.path(), "2026-03-01T09:00:00+08:00");
    assert_eq!(figures["new_available"].as_u64(), Some(5));
    let output = tabula(temp.path(), &["settings", "--retention", "0.5"]).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("outside 0.70–0.97"));
}

#[test]
fn optimize_evaluates_a_review_log_and_names_bad_rows() {
    use rand::{Rng, SeedableRng};
    use std::fmt::Write as _;
    let temp = tempfile::tempdir().expect("temp");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let mut csv = String::from("card_id,review_rating,review_time,review_duration\n");
    let start = chrono::DateTime::parse_from_rfc3339("2024-01-01T09:00:00+00:00").expect("time");
    for card in 0..150 {
        let mut day = i64::from(card % 30);
        let mut interval = 1;
        for _ in 0..6 {
            let recalled = rng.random::<f64>() < 0.85;
            let rating = if recalled { rng.random_range(2..=4) } else { 1 };
            let at = start + chrono::Duration::days(day);
            writeln!(csv, "{card},{rating},{},{}", at.to_rfc3339(), rng.random_range(1000..9000)).expect("write");
            interval = if recalled { interval * 2 + 1 } else { 1 };
            day += interval;
        }
    }
    csv.push_str("7,9,2024-02-01T09:00:00+00:00,100\n");
    let file = temp.path().join("revlog.csv");
    std::fs::write(&file, csv).expect("write");
    let output = tabula(temp.path(), &["optimize", "--json", "--revlog"]).arg(&file).output().expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("revlog.csv:902: skipped: rating `9` is not 1–4"), "{stderr}");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    for side in ["default", "fitted"] {
        for metric in ["log_loss", "rmse_bins", "auc"] {
            assert!(result[side][metric].as_f64().is_some(), "{side}.{metric} in {result}");
        }
    }
    assert_eq!(result["parameters"].as_array().map(Vec::len), Some(21));
    assert!(!temp.path().join("save.ron").exists(), "--revlog changes no save");

    let output = tabula(temp.path(), &["optimize"]).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not enough to fit parameters"));
}

#[test]
fn stats_json_holds_the_history() {
    let temp = tempfile::tempdir().expect("temp");
    let output = run_with_input(
        tabula(temp.path(), &["study", "--text", "--now", "2026-03-01T09:00:00+08:00"]),
        &"1\n".repeat(60),
    );
    assert!(output.status.success());
    let output = tabula(temp.path(), &["stats", "--json", "--days", "90", "--now", "2026-03-01T10:00:00+08:00"])
        .output()
        .expect("stats");
    let figures: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let history = &figures["history"];
    let daily = history["daily"].as_array().expect("daily");
    assert_eq!(daily.len(), 90);
    assert_eq!(daily[89]["date"], "2026-03-01");
    let answered_today = ["new", "review", "exam"].iter().map(|key| daily[89][key].as_u64().unwrap_or(0)).sum::<u64>();
    assert_eq!(answered_today, figures["reviews"].as_u64().expect("reviews"));
    assert_eq!(history["forecast"].as_array().map(Vec::len), Some(30));
    assert_eq!(history["streak_days"], 1);
    assert!(history["card_states"]["learning"].as_u64().unwrap_or(0) > 0);
    let output = tabula(temp.path(), &["stats", "--days", "7"]).output().expect("stats");
    assert_eq!(output.status.code(), Some(2), "only 30, 90 or 365");
}

#[test]
fn a_line_it_cannot_use_gets_a_hint_and_the_question_again() {
    let temp = tempfile::tempdir().expect("temp");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("decks/smm-vs-dm-comparison.ron")).expect("deck");
    let deck = temp.path().join("choices.ron");
    let choices_only = text.replacen("    language:", "    kinds: [cell_choice],\n    language:", 1);
    assert_ne!(choices_only, text);
    std::fs::write(&deck, choices_only).expect("write");
    let mut command = tabula(temp.path(), &["study", "--text", "--practice"]);
    command.arg(&deck);
    let output = run_with_input(command, "nonsense\n9\n1\n");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let prompt = stdout.lines().find(|line| line.starts_with("[cell_choice]")).expect("a choice question");
    assert_eq!(stdout.matches("Answer with the number of an option.").count(), 2, "{stdout}");
    assert_eq!(stdout.matches(prompt).count(), 3, "asked again after each unusable line: {stdout}");
    assert_eq!(saved_lines(&output), 1);
}

/// The exam in the terminal: five answers then the end of input hand a
/// ten-question paper in; the five left blank count, here and in `stats`.
#[test]
fn an_exam_taken_in_the_terminal_counts_every_question_of_the_paper() {
    let temp = tempfile::tempdir().expect("temp");
    let args = ["exam", "smm-vs-dm-lists", "--text", "--count", "10", "--seed", "4"];
    let output = run_with_input(tabula(temp.path(), &args), &"1\n".repeat(5));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(saved_lines(&output), 5, "one durable answer per line given");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let score = stdout.lines().find_map(|line| line.strip_prefix("score: ")).expect("a score");
    let (right, total) = score.split_once(" / ").expect("right / total");
    let right: u64 = right.parse().expect("right");
    assert!(right <= 5, "{score}");
    assert!(total.starts_with("10 "), "{score}");
    assert!(stdout.contains("5 left unanswered"), "{stdout}");
    let figures = stats(temp.path(), "2030-01-01T00:00:00Z");
    let exams = figures["history"]["exams"].as_array().expect("exams");
    assert_eq!(exams.len(), 1);
    assert_eq!(exams[0]["questions"].as_u64(), Some(10));
    assert_eq!(exams[0]["answered"].as_u64(), Some(5));
    assert_eq!(exams[0]["right"].as_u64(), Some(right));
    assert_eq!(exams[0]["by_deck"]["smm-vs-dm-lists"], serde_json::json!([right, 5, 10]));
}

#[test]
fn u_takes_back_the_last_answer_of_this_session_only() {
    let temp = tempfile::tempdir().expect("temp");
    let output = run_with_input(tabula(temp.path(), &["study", "smm-vs-dm-faq", "--text"]), "1\n1\n1\n1\nu\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let saved = saved_lines(&output);
    assert!(saved >= 1, "at least one answer was saved");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().filter(|line| line.starts_with("undone")).count(), 1, "{stdout}");
    let figures = stats(temp.path(), "2030-01-01T00:00:00Z");
    assert_eq!(figures["reviews"].as_u64(), Some(saved as u64 - 1));
    // A new session has nothing of the last one's to undo.
    let output = run_with_input(tabula(temp.path(), &["study", "smm-vs-dm-faq", "--text"]), "u\n");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.lines().any(|line| line.starts_with("undone")), "{stdout}");
    assert!(stdout.contains("Nothing to undo in this session."), "{stdout}");
    assert_eq!(stats(temp.path(), "2030-01-01T00:00:00Z")["reviews"].as_u64(), Some(saved as u64 - 1));
}

#[test]
fn s_suspends_the_card_on_screen_and_u_brings_it_back() {
    let temp = tempfile::tempdir().expect("temp");
    let output = run_with_input(tabula(temp.path(), &["study", "smm-vs-dm-faq", "--text"]), "1\n1\ns\nu\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let suspended = stdout.lines().find_map(|line| line.strip_prefix("suspended ")).expect("suspended line");
    let card = suspended.split_whitespace().next().expect("card id");
    assert!(stdout.lines().any(|line| line == format!("undone suspension of {card}")), "{stdout}");
    assert!(!stdout.lines().any(|line| line.starts_with("undone answer")), "the answer before stays: {stdout}");
    let data = tabula::core::save::read_save(temp.path(), chrono::Utc::now()).expect("save");
    let state = data.cards.get(&tabula::core::question::CardId(card.to_owned()));
    assert!(state.is_none_or(|state| !state.suspended), "the card is back in study");
    assert_eq!(data.reviews.len(), saved_lines(&output));
}

#[test]
fn practice_in_the_terminal_ends_when_every_card_is_answered_right() {
    let temp = tempfile::tempdir().expect("temp");
    let deck = temp.path().join("tiny.ron");
    std::fs::write(
        &deck,
        r#"Deck(id: "tiny", title: "Tiny", kinds: [typed_answer], content: Faq((entries: [
            (id: "a", question: "Capital of France?", answer: "Paris", accepted: ["Paris"]),
        ])))"#,
    )
    .expect("deck");
    let deck = deck.to_string_lossy().into_owned();
    let output = run_with_input(tabula(temp.path(), &["study", &deck, "--text", "--practice"]), "\\u\nParis\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.lines().any(|line| line.starts_with("undone")), "`\\u` is the answer u: {stdout}");
    assert!(stdout.contains("Practice done"), "{stdout}");
    let verdicts: Vec<&str> =
        stdout.lines().filter(|line| line.starts_with("Correct.") || line.starts_with("Wrong.")).collect();
    assert_eq!(verdicts.len(), 2, "wrong, then the card again and right: {stdout}");
    assert!(verdicts[0].starts_with("Wrong."));
    assert!(!stdout.lines().any(|line| line.contains("(10m)") || line.contains("(1m)")), "no intervals in practice");
}

/// A poor learner (always option 1, "again" on every flip card) who studies
/// every day for an exam planned two weeks ahead meets every card before it,
/// and is expected to recall more on the day than the same learner without
/// a plan (a plan made on the exam morning predicts what plain scheduling left).
#[test]
fn a_planned_exam_paces_new_cards_and_raises_the_expected_recall_on_the_day() {
    let exam = "2026-12-11T09:00:00Z";
    let planned = tempfile::tempdir().expect("temp");
    let plain = tempfile::tempdir().expect("temp");
    let status =
        tabula(planned.path(), &["plan", "--exam", exam, "--now", "2026-11-27T08:00:00Z"]).status().expect("plan");
    assert!(status.success());
    for day in 0..14 {
        let now = format!(
            "2026-{}T08:00:00Z",
            [
                "11-27", "11-28", "11-29", "11-30", "12-01", "12-02", "12-03", "12-04", "12-05", "12-06", "12-07",
                "12-08", "12-09", "12-10"
            ][day]
        );
        for dir in [planned.path(), plain.path()] {
            let output = run_with_input(tabula(dir, &["study", "--text", "--now", &now]), &"1\n".repeat(300));
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
    }
    let morning = "2026-12-11T08:00:00Z";
    let status =
        tabula(plain.path(), &["plan", "--exam", exam, "--now", morning]).stdout(Stdio::null()).status().expect("plan");
    assert!(status.success());
    let with_plan = &stats(planned.path(), morning)["exams_planned"][0];
    let without = &stats(plain.path(), morning)["exams_planned"][0];
    assert_eq!(with_plan["days_left"].as_i64(), Some(0));
    assert_eq!(with_plan["new_left"].as_u64(), Some(0), "every card met before the exam: {with_plan}");
    let expected = |figures: &serde_json::Value| figures["expected_recall"].as_f64().expect("a share");
    assert!(expected(with_plan) > expected(without), "with a plan {with_plan}\nwithout {without}");
    assert!(with_plan["decks"]["smm-vs-dm-faq"]["expected_recall"].as_f64().is_some_and(|share| share > 0.0));
}

#[test]
fn deck_with_a_command_is_an_error_not_ignored() {
    let temp = tempfile::tempdir().expect("temp");
    let output = tabula(temp.path(), &["--deck", "my.ron", "stats"]).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--deck adds decks to the window"));
}

/// Typed answers compare numbers as values and lists in any order; a wrong
/// verdict can be overruled with `r` at the next prompt; each answer gets one
/// line starting `Correct.` or `Wrong.`, even when the deck's own text starts
/// with "Correct".
#[test]
fn typed_answers_count_numbers_and_r_says_i_was_right() {
    let temp = tempfile::tempdir().expect("temp");
    let deck = temp.path().join("numbers.ron");
    std::fs::write(
        &deck,
        r#"Deck(id: "numbers", title: "Numbers", kinds: [typed_answer], content: Faq((entries: [
            (id: "everest", question: "Height of Everest in metres?", answer: "Correct to the centimetre: 8848.86", accepted: ["8848.86"]),
            (id: "pi", question: "Pi to two decimals?", answer: "3.14", accepted: ["3.14"]),
            (id: "funnel", question: "The stages?", answer: "lead generation, capture and nurturing", accepted: ["潜在客户生成、捕获和培育"]),
        ])))"#,
    )
    .expect("deck");
    let deck = deck.to_string_lossy().into_owned();
    let answers = HashMap::from([
        ("Height of Everest in metres?", "884886"),
        ("Pi to two decimals?", "3.14"),
        ("The stages?", "培育，捕获，潜在客户生成"),
    ]);
    let mut child = tabula(temp.path(), &["study", &deck, "--text", "--now", "2026-03-01T09:00:00+08:00"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut transcript = Vec::new();
    let mut overruled = false;
    while let Some(Ok(line)) = lines.next() {
        transcript.push(line.clone());
        if let Some(prompt) = line.strip_prefix("[typed_answer] ") {
            let Some(answer) = answers.get(prompt) else { break };
            if transcript.iter().any(|line| line.starts_with("Wrong.")) && !overruled {
                // The same prompt comes again after the acknowledgement.
                writeln!(stdin, "r").expect("write");
                overruled = true;
                continue;
            }
            writeln!(stdin, "{answer}").expect("write");
        }
        if line.starts_with("Done for today") || line.contains("nothing") {
            break;
        }
        if transcript.iter().filter(|line| line.starts_with("saved")).count() == 4 {
            break;
        }
    }
    drop(stdin);
    let _ = child.wait();
    let text = transcript.join("\n");
    let verdicts: Vec<&String> =
        transcript.iter().filter(|line| line.starts_with("Correct") || line.starts_with("Wrong.")).collect();
    assert_eq!(verdicts.len(), 3, "one verdict per answer, none from the deck's text: {text}");
    assert_eq!(verdicts.iter().filter(|line| line.starts_with("Wrong.")).count(), 1, "884886 is not 8848.86: {text}");
    assert!(overruled, "{text}");
    assert!(
        transcript.iter().any(|line| line.starts_with("saved numbers/everest/typed_answer (good: you were right)")),
        "{text}"
    );
    let stats = stats(temp.path(), "2026-03-01T10:00:00+08:00");
    assert_eq!(stats["reviews"], 3, "the overruled answer counts once: {stats}");
}

/// Two computers, one learner: saves made by `study --text` in two data
/// folders, merged, hold the sum of both logs; merging again changes nothing.
#[test]
fn merge_adds_both_logs_and_twice_is_once() {
    let a = tempfile::tempdir().expect("temp");
    let b = tempfile::tempdir().expect("temp");
    let now = "2026-03-01T10:00:00+08:00";
    let first = run_with_input(tabula(a.path(), &["study", "--text", "--now", now]), &"3\n".repeat(12));
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let later = "2026-03-01T11:00:00+08:00";
    let second = run_with_input(tabula(b.path(), &["study", "--text", "--now", later]), &"1\n".repeat(9));
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let (in_a, in_b) = (saved_lines(&first), saved_lines(&second));
    assert!(in_a > 0 && in_b > 0, "{in_a} and {in_b} answers");
    let check = "2026-03-02T10:00:00+08:00";
    assert_eq!(stats(a.path(), check)["reviews"], in_a);
    let merge = tabula(a.path(), &["merge"]).arg(b.path()).output().expect("merge");
    assert!(merge.status.success(), "{}", String::from_utf8_lossy(&merge.stderr));
    let merged = stats(a.path(), check);
    assert_eq!(merged["reviews"], in_a + in_b);
    let again = tabula(a.path(), &["merge"]).arg(b.path()).output().expect("merge");
    assert!(again.status.success());
    assert_eq!(stats(a.path(), check), merged, "merging again changes nothing");
    // B's RON export holds the same answers under the same ids: merging it
    // after B itself brings nothing, and into a copy of A it brings B.
    let export = b.path().join("b.ron");
    let backup = tabula(b.path(), &["backup", "--format", "ron", "--out"]).arg(&export).output().expect("backup");
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    let from_ron = tabula(a.path(), &["merge"]).arg(&export).output().expect("merge");
    assert!(from_ron.status.success(), "{}", String::from_utf8_lossy(&from_ron.stderr));
    assert!(String::from_utf8_lossy(&from_ron.stdout).contains(": 0 new answer(s)"));
    assert_eq!(stats(a.path(), check), merged);
    let fresh = tempfile::tempdir().expect("temp");
    let first_a = tabula(fresh.path(), &["merge"]).arg(a.path()).output().expect("merge");
    assert!(first_a.status.success());
    assert_eq!(stats(fresh.path(), check)["reviews"], in_a + in_b);
    let then_ron = tabula(fresh.path(), &["merge"]).arg(&export).output().expect("merge");
    assert!(then_ron.status.success());
    assert_eq!(stats(fresh.path(), check), merged, "B's answers, by A or by B's export, count once");
}

#[test]
fn backup_formats_read_back() {
    let temp = tempfile::tempdir().expect("temp");
    let output = run_with_input(tabula(temp.path(), &["study", "--text"]), &"3\n".repeat(8));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let saved = saved_lines(&output);
    assert!(saved > 0);
    for (format, name) in [("db", "copy.sqlite3"), ("ron", "copy.ron")] {
        let out = temp.path().join(name);
        let status = tabula(temp.path(), &["backup", "--format", format, "--out"]).arg(&out).status().expect("backup");
        assert!(status.success(), "{format}");
        assert_eq!(tabula::core::save::read_save(&out, chrono::Utc::now()).expect("read").reviews.len(), saved);
    }
    let csv = temp.path().join("revlog.csv");
    let status = tabula(temp.path(), &["backup", "--format", "csv", "--out"]).arg(&csv).status().expect("backup");
    assert!(status.success());
    let (reviews, problems) = tabula::core::optimize::parse_revlog(&std::fs::read_to_string(&csv).expect("csv"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(reviews.len(), saved);
}
