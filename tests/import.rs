//! `tabula import` on the shapes real files have: what it prints, where a
//! refusal points, how long odd shapes take; and the deck folder walk on
//! links that loop.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tabula::core::deck_check::{MAX_DECK_BYTES, check_structure};

#[path = "../benches/support/decks.rs"]
mod decks;

fn tabula(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tabula")).args(args).output().expect("run")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_refusal_exits_non_zero_and_names_file_line_column_and_flag() {
    let file = fixture("duplicate-rows.csv");
    let output = tabula(&["import", &file]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with(&format!("{file}:4: `Bolivia` in column `country` is already on line 3")), "{message}");
    assert!(message.contains("--columns country,capital"), "{message}");
    assert!(output.stdout.is_empty(), "no deck written");
    let output = tabula(&["import", &file, "--columns", "country,capital"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!("{file}:4: note: the question `Bolivia` is also on line 3")));
}

#[test]
fn the_summary_says_what_was_kept_and_dropped() {
    let file = fixture("anki-cloze.txt");
    let output = tabula(&["import", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(&format!("{file}: 5 rows read → 5 questions and answers; 1 skipped")), "{message}");
    assert!(message.contains("3 cloze notes"), "{message}");
    assert!(message.contains("language `en`"), "{message}");
}

#[test]
fn no_questions_fails() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("empty-notes.txt");
    std::fs::write(&file, "#separator:tab\n#html:true\n<img src=\"a.png\">\t\n").expect("write");
    let output = tabula(&["import", &file.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("empty-notes.txt:1: no questions"), "{}", stderr(&output));
}

#[test]
fn utf16_can_be_named_and_is_read_by_its_mark() {
    for args in [vec![], vec!["--encoding", "utf-16"]] {
        let file = fixture("utf16-list.csv");
        let mut all = vec!["import", file.as_str()];
        all.extend(args);
        let output = tabula(&all);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(String::from_utf8_lossy(&output.stdout).contains("还"));
    }
}

#[test]
fn unsafe_deck_ids_are_refused_by_check_too() {
    let temp = tempfile::tempdir().expect("temp");
    let deck = temp.path().join("deck.ron");
    let output = tabula(&["import", &fixture("faq.csv"), "--out", &deck.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&deck).expect("deck");
    for bad in ["..", "a\\\\b", "CON", "LPT1", "%%%"] {
        let changed = text.replacen("id: \"faq\"", &format!("id: \"{bad}\""), 1);
        assert_ne!(changed, text);
        std::fs::write(&deck, &changed).expect("write");
        let output = tabula(&["check", &deck.to_string_lossy()]);
        assert!(!output.status.success(), "{bad} passed check");
        assert!(stderr(&output).contains("deck id"), "{bad}: {}", stderr(&output));
    }
}

#[test]
fn control_characters_in_a_deck_are_refused() {
    let temp = tempfile::tempdir().expect("temp");
    let deck = temp.path().join("deck.ron");
    let output = tabula(&["import", &fixture("faq.csv"), "--out", &deck.to_string_lossy()]);
    assert!(output.status.success());
    let text = std::fs::read_to_string(&deck).expect("deck").replacen("In 2004.", "In 2004.\\u{1b}]0;owned\\u{7}", 1);
    std::fs::write(&deck, text).expect("write");
    let output = tabula(&["check", &deck.to_string_lossy()]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("control character"), "{}", stderr(&output));
    assert!(!stderr(&output).contains('\u{1b}'), "never sent raw to the terminal");
}

/// Odd shapes that took seconds to minutes: each well under a second now in
/// a release build; the bound leaves room for a loaded debug build.
const BOUND: Duration = Duration::from_secs(20);

#[test]
fn odd_shapes_take_linear_time() {
    let temp = tempfile::tempdir().expect("temp");
    let repeated = temp.path().join("repeated.csv");
    let header = vec!["name"; 10_000].join(",");
    let row = vec!["x"; 10_000].join(",");
    std::fs::write(&repeated, format!("{header}\n{row}\n")).expect("write");
    let started = Instant::now();
    let output = tabula(&["import", &repeated.to_string_lossy(), "--as", "table"]);
    assert!(started.elapsed() < BOUND, "{:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("repeated.csv:1: subject `name` is in columns 2 and 3"), "{}", stderr(&output));

    let wide = temp.path().join("wide.csv");
    let subjects: Vec<String> = (0..1_000).map(|index| format!("subject {index}")).collect();
    let cells = |row: usize| (0..1_000).map(|index| format!("fact {row} {index}")).collect::<Vec<_>>().join(",");
    std::fs::write(&wide, format!("aspect,{}\nfirst,{}\nsecond,{}\n", subjects.join(","), cells(0), cells(1)))
        .expect("write");
    let started = Instant::now();
    let output = tabula(&["import", &wide.to_string_lossy()]);
    assert!(started.elapsed() < BOUND, "{:?}", started.elapsed());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn the_deck_folder_walk_survives_link_loops() {
    let temp = tempfile::tempdir().expect("temp");
    let folder = temp.path().join("decks");
    std::fs::create_dir_all(folder.join("sub")).expect("folders");
    std::fs::write(folder.join("sub/a.ron"), "Deck()").expect("deck");
    std::os::unix::fs::symlink(&folder, folder.join("sub/loop")).expect("link");
    std::os::unix::fs::symlink(folder.join("sub"), folder.join("sub/self")).expect("link");
    std::fs::create_dir(folder.join("folder.ron")).expect("a folder named like a deck");
    let files = tabula::core::library::deck_files(&folder);
    assert_eq!(files, vec![folder.join("sub/a.ron")]);
}

mod never_panics {
    use std::fmt::Write as _;

    use proptest::prelude::*;
    use tabula::core::deck_check::{Severity, validate};
    use tabula::core::import::message::ImportProblem;
    use tabula::core::import::{ImportOptions, Imported, import};

    /// Pieces real files are made of, so that random files reach deep paths.
    const PIECES: [&str; 33] = [
        "#separator:tab\n",
        "#html:true\n",
        "#guid column:1\n",
        "#deck:A::B\n",
        "//Level 1\n",
        "*\tname\tx\n",
        "question,answer\n",
        "\t",
        ",",
        ";",
        "/////",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "<div>",
        "</li><li>",
        "<img src=x>",
        "{{c1::",
        "::hint}}",
        "}}",
        "&nbsp;",
        "爱",
        "\u{1b}",
        "数据安全和隐私",
        "What is <b>term 7</b>?",
        "<br>",
        "&#20013;&amp;&lt;",
        "\\",
        "r#\"",
        "'",
        " ",
        "\u{200b}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Import never panics, and what it writes is what `check` accepts
        /// (see [`written_as_check_reads_it`]).
        #[test]
        fn import_never_panics_and_writes_what_check_reads_back(pieces in proptest::collection::vec(0..PIECES.len(), 0..40), bytes in proptest::collection::vec(any::<u8>(), 0..16)) {
            let mut text: Vec<u8> = pieces.iter().flat_map(|index| PIECES[*index].bytes()).collect();
            text.extend(bytes);
            let options = ImportOptions { name: "fuzz".into(), ..ImportOptions::default() };
            if let Ok(imported) = import(&text, &options) {
                written_as_check_reads_it(&imported)?;
            }
        }

        /// The same of Anki exports, Chinese and English, plain and HTML,
        /// whose notes import.
        #[test]
        fn anki_exports_write_what_check_reads_back(
            notes in proptest::collection::vec((proptest::collection::vec(0..FIELD_PIECES.len(), 1..10), proptest::collection::vec(0..FIELD_PIECES.len(), 1..10)), 1..30),
            html in any::<bool>(),
        ) {
            let mut text = format!("#separator:tab\n#html:{html}\n");
            for (front, back) in &notes {
                // Quoted as Anki quotes a field with a quote.
                let field = |pieces: &Vec<usize>| {
                    let field: String = pieces.iter().map(|index| FIELD_PIECES[*index]).collect();
                    if field.contains('"') { format!("\"{}\"", field.replace('"', "\"\"")) } else { field }
                };
                let _ = writeln!(text, "{}\t{}", field(front), field(back));
            }
            let options = ImportOptions { name: "anki".into(), ..ImportOptions::default() };
            match import(text.as_bytes(), &options) {
                Ok(imported) => written_as_check_reads_it(&imported)?,
                Err(error) => prop_assert!(matches!(error.problem, ImportProblem::NoQuestions { .. }), "{}", error),
            }
        }
    }

    /// Pieces of the fields of Anki notes.
    const FIELD_PIECES: [&str; 24] = [
        "数据安全",
        "和",
        "隐私问题",
        "中文",
        "What is",
        " ",
        "term 7",
        "?",
        "<b>",
        "</b>",
        "<br>",
        "&nbsp;",
        "&amp;",
        "&#20013;",
        "<div>",
        "</div>",
        "\\",
        "\"",
        "'",
        "r#",
        "\u{200b}",
        "，。",
        "{{c1::答案}}",
        "&eacute;",
    ];

    /// What import wrote is its deck as `check` reads it, and the deck in
    /// memory passes `check`'s validation as it stands: `tabula import`
    /// validates that deck rather than reading its text back.
    fn written_as_check_reads_it(imported: &Imported) -> Result<(), TestCaseError> {
        let ron = &imported.text;
        prop_assert_eq!(ron, &tabula::core::import::to_ron(&imported.deck));
        let checked = match tabula::core::deck_check::check_text("written.ron", ron) {
            Ok(checked) => checked,
            Err(errors) => return Err(TestCaseError::fail(format!("{errors:?}\n{ron}"))),
        };
        prop_assert_eq!(&checked.deck, &imported.deck, "{}", ron);
        let issues = validate(&imported.deck);
        prop_assert!(issues.iter().all(|issue| issue.severity != Severity::Error), "{:?}", issues);
        Ok(())
    }
}

/// A 100,000-note Anki export imports as one deck file, larger than the
/// 16 MiB a deck could once have, that `check` accepts: within the size
/// limit, and without an error (deciding its questions only ever warns).
#[test]
fn a_hundred_thousand_notes_import_as_one_deck_check_accepts() {
    let folder = tempfile::tempdir().expect("temp");
    let export = folder.path().join("big.txt");
    std::fs::write(&export, decks::anki_export(decks::Script::Chinese, 100_000)).expect("write");
    let deck = folder.path().join("big.ron");
    let output = tabula(&["import", &export.to_string_lossy(), "--out", &deck.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let size = std::fs::metadata(&deck).expect("written").len();
    assert!(size > 16 * 1024 * 1024 && size <= MAX_DECK_BYTES, "{size} bytes");
    let text = std::fs::read_to_string(&deck).expect("read");
    assert!(check_structure("big.ron", &text).is_ok());
}
