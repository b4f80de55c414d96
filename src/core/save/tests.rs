use chrono::TimeZone;

use super::*;
use crate::core::question::QuestionKind;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("time")
}

fn card(n: usize) -> CardId {
    CardId::new("deck", &format!("item{n}"), QuestionKind::CellChoice)
}

fn answered(n: usize, study: bool) -> Change {
    let review = Review {
        card: card(n),
        at: now(),
        rating: Rating::Good,
        duration_ms: 1200,
        answer: "Paris".into(),
        correct: Some(true),
        session: if study { SessionKind::Study } else { SessionKind::Practice },
        phase_before: Phase::New,
        overridden: false,
    };
    let state = CardState { phase: Phase::Learning, step: 1, ..CardState::new_card(now()) };
    Change::Answered { review, card: study.then_some(state), before: None }
}

#[test]
fn answers_survive_reopening() {
    let folder = tempfile::tempdir().expect("temp");
    {
        let mut save = Save::open(folder.path(), now()).expect("open").save;
        save.record(answered(1, true), now()).expect("record");
        save.record(answered(2, false), now()).expect("record");
        save.record(Change::LearnerNamed("Lin".into()), now()).expect("record");
    }
    let opened = Save::open(folder.path(), now()).expect("reopen");
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    let data = opened.save.data();
    assert_eq!(data.reviews.len(), 2);
    assert_eq!(data.cards.len(), 1, "practice leaves the schedule alone");
    assert_eq!(data.learner_name, "Lin");
    assert_eq!(data.reviews[0].answer, "Paris");
}

#[test]
fn snapshot_round_trip() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    for n in 0..5 {
        save.record(answered(n, true), now()).expect("record");
    }
    save.compact().expect("compact");
    let path = folder.path().join("backup.ron");
    save.backup(&path).expect("backup");
    assert_eq!(&read_save(&path, now()).expect("read"), save.data());
    assert_eq!(&read_save(folder.path(), now()).expect("read"), save.data());
}

#[test]
fn the_journal_is_folded_into_the_snapshot() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    // 1,003 answers: folded once the journal holds 1,000 (a quarter of the
    // history is less than that), leaving 3 lines.
    for n in 0..COMPACT_AFTER_LINES + 3 {
        save.record(answered(n % 7, false), now()).expect("record");
    }
    let journal = fs::read_to_string(folder.path().join(JOURNAL_FILE)).expect("journal");
    assert_eq!(journal.lines().count(), 3);
    drop(save);
    let data = read_save(folder.path(), now()).expect("read");
    assert_eq!(data.reviews.len(), COMPACT_AFTER_LINES + 3);
}

#[test]
fn answers_after_compaction_are_written_to_the_emptied_journal() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    save.record(answered(1, true), now()).expect("record");
    save.compact().expect("compact");
    let journal_path = folder.path().join(JOURNAL_FILE);
    assert_eq!(fs::read_to_string(&journal_path).expect("journal"), "");
    save.record(answered(2, true), now()).expect("record");
    save.record(answered(3, false), now()).expect("record");
    let journal = fs::read_to_string(&journal_path).expect("journal");
    assert_eq!(journal.lines().count(), 2, "{journal}");
    drop(save);
    let data = Save::open(folder.path(), now()).expect("reopen").save.data().clone();
    assert_eq!(data.reviews.len(), 3);
    assert_eq!(data.sequence, 3);
}

#[test]
fn a_crash_between_snapshot_and_emptying_the_journal_applies_nothing_twice() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    save.record(answered(1, true), now()).expect("record");
    save.record(answered(2, true), now()).expect("record");
    let journal = fs::read(folder.path().join(JOURNAL_FILE)).expect("journal");
    save.compact().expect("compact");
    drop(save);
    // As if the process died after the rename, before the journal was emptied.
    fs::write(folder.path().join(JOURNAL_FILE), journal).expect("restore journal");
    let data = Save::open(folder.path(), now()).expect("open").save.data().clone();
    assert_eq!(data.reviews.len(), 2);
}

#[test]
fn a_torn_last_line_is_dropped_and_the_rest_kept() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    save.record(answered(1, true), now()).expect("record");
    save.record(answered(2, true), now()).expect("record");
    drop(save);
    let path = folder.path().join(JOURNAL_FILE);
    let text = fs::read(&path).expect("journal");
    // Cut inside the second line: that answer was never acknowledged.
    let first_end = text.iter().position(|b| *b == b'\n').expect("newline") + 1;
    for cut in [first_end + 1, first_end + 20, text.len() - 1] {
        fs::write(&path, &text[..cut]).expect("cut");
        let opened = Save::open(folder.path(), now()).expect("open");
        assert_eq!(opened.save.data().reviews.len(), 1, "cut at {cut}");
        drop(opened);
        // Leave the snapshot empty again for the next cut.
        fs::remove_file(folder.path().join(SNAPSHOT_FILE)).expect("remove");
    }
}

#[test]
fn a_damaged_snapshot_is_set_aside_not_overwritten() {
    let folder = tempfile::tempdir().expect("temp");
    let snapshot = folder.path().join(SNAPSHOT_FILE);
    let garbage = b"SaveData(version: 1, cards: {".to_vec();
    fs::write(&snapshot, &garbage).expect("write");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert_eq!(opened.notices.len(), 1);
    assert!(matches!(opened.notices[0], Notice::SnapshotSetAside { .. }), "{:?}", opened.notices);
    let aside: Vec<_> = fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("save.ron.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(aside[0].path()).expect("read"), garbage);
    assert!(opened.save.data().reviews.is_empty());
}

#[test]
fn a_save_from_a_newer_version_is_set_aside() {
    let folder = tempfile::tempdir().expect("temp");
    fs::write(folder.path().join(SNAPSHOT_FILE), "(version: 99)").expect("write");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert!(opened.notices[0].to_string().contains("version 99"), "{:?}", opened.notices);
}

#[test]
fn a_folder_where_the_snapshot_belongs_is_set_aside() {
    let folder = tempfile::tempdir().expect("temp");
    fs::create_dir(folder.path().join(SNAPSHOT_FILE)).expect("mkdir");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(folder.path().join(SNAPSHOT_FILE).is_file());
}

#[test]
fn a_damaged_middle_line_is_skipped_and_the_journal_kept_aside() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    for n in 0..3 {
        save.record(answered(n, true), now()).expect("record");
    }
    drop(save);
    let path = folder.path().join(JOURNAL_FILE);
    let text = fs::read_to_string(&path).expect("journal");
    let lines: Vec<&str> = text.lines().collect();
    fs::write(&path, format!("{}\n#garbage#\n{}\n{}\n", lines[0], lines[1], lines[2])).expect("write");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert_eq!(opened.save.data().reviews.len(), 3);
    assert!(matches!(opened.notices[0], Notice::JournalLinesSkipped { count: 1, .. }), "{:?}", opened.notices);
}

#[test]
fn a_second_writer_is_refused() {
    let folder = tempfile::tempdir().expect("temp");
    let first = Save::open(folder.path(), now()).expect("open");
    match Save::open(folder.path(), now()) {
        Err(SaveError::Locked(_)) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    drop(first);
    assert!(Save::open(folder.path(), now()).is_ok(), "the lock goes with its holder");
}

#[test]
fn an_undone_answer_leaves_the_log_and_restores_the_card() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    save.record(answered(1, true), now()).expect("record");
    let undone = Change::Undone { card: card(1), schedule_changed: true, restored: None };
    save.record(undone, now()).expect("undo");
    assert!(save.data().reviews.is_empty());
    assert!(!save.data().cards.contains_key(&card(1)));
    drop(save);
    let data = read_save(folder.path(), now()).expect("read");
    assert!(data.reviews.is_empty() && data.cards.is_empty());
}

#[test]
fn version_1_fixture_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/save-v1.ron");
    let data = read_save(&path, now()).expect("fixture");
    assert_eq!(data.version, 1);
    assert_eq!(data.learner_name, "王小明");
    assert_eq!(data.reviews.len(), 2);
    assert_eq!(data.reviews[1].session, SessionKind::Exam("exam-2026-02-20".into()));
    assert_eq!(data.cards.len(), 1);
}

/// A snapshot cut at many offsets, with garbage appended, empty: every time
/// the save opens, the bad file is set aside byte for byte, and a notice says
/// where it went.
#[test]
fn damaged_snapshots_of_every_kind_are_set_aside() {
    let source = tempfile::tempdir().expect("temp");
    {
        let mut save = Save::open(source.path(), now()).expect("open").save;
        for n in 0..20 {
            save.record(answered(n, true), now()).expect("record");
        }
        save.compact().expect("compact");
    }
    let good = fs::read(source.path().join(SNAPSHOT_FILE)).expect("snapshot");
    let mut damaged: Vec<Vec<u8>> = (1..good.len()).step_by(97).map(|cut| good[..cut].to_vec()).collect();
    damaged.push([good.as_slice(), b"\x00\xff garbage (((".as_slice()].concat());
    damaged.push(Vec::new());
    damaged.push(b"(version: 2)".to_vec());
    for (index, bytes) in damaged.iter().enumerate() {
        let folder = tempfile::tempdir().expect("temp");
        let snapshot = folder.path().join(SNAPSHOT_FILE);
        fs::write(&snapshot, bytes).expect("write");
        let opened = Save::open(folder.path(), now()).unwrap_or_else(|error| panic!("case {index}: {error}"));
        assert_eq!(opened.notices.len(), 1, "case {index}: {:?}", opened.notices);
        let aside = opened.notices[0].path();
        assert_eq!(&fs::read(aside).expect("aside"), bytes, "case {index}: kept byte for byte");
        assert!(opened.save.data().reviews.is_empty());
    }
}
