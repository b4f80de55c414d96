use chrono::TimeZone;

use rusqlite::Connection;

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
        id: None,
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

/// A version-1 save folder: `snapshot` as `save.ron`, `changes` as journal
/// lines numbered after it.
fn write_v1(folder: &Path, snapshot: &SaveData, changes: &[Change]) {
    write_snapshot(&folder.join(SNAPSHOT_FILE), snapshot).expect("snapshot");
    let mut journal = String::new();
    for (offset, change) in changes.iter().enumerate() {
        let line = legacy::JournalLine { sequence: snapshot.sequence + 1 + offset as u64, change: change.clone() };
        journal.push_str(&ron::to_string(&line).expect("line"));
        journal.push('\n');
    }
    fs::write(folder.join(JOURNAL_FILE), journal).expect("journal");
}

fn files_starting(folder: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .expect("list")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(prefix))
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

#[test]
fn backups_round_trip() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    for n in 0..5 {
        save.record(answered(n, true), now()).expect("record");
    }
    let ron_path = folder.path().join("backup.ron");
    save.backup(&ron_path).expect("backup");
    // The whole save, as read whole: a save open for writing holds only its
    // recent answers.
    let whole = SaveData { log: LogScope::Whole, ..save.data().clone() };
    let ron = read_save(&ron_path, now()).expect("read");
    assert!(ron.reviews.iter().all(|review| review.id.is_some()), "an export carries the answers' ids");
    assert_eq!(without_ids(ron), whole);
    let db_path = folder.path().join("backup.sqlite3");
    save.backup_database(&db_path).expect("backup");
    assert_eq!(without_ids(read_save(&db_path, now()).expect("read")), whole);
    assert_eq!(without_ids(read_save(folder.path(), now()).expect("read")), whole);
}

/// A save read whole, its answers without the ids they are kept under.
fn without_ids(mut data: SaveData) -> SaveData {
    for review in data.reviews.iter_mut().chain(&mut data.undone) {
        review.id = None;
    }
    data
}

#[test]
fn a_reader_sees_every_committed_answer_while_the_writer_holds_the_save() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    for n in 0..3 {
        save.record(answered(n, true), now()).expect("record");
        assert_eq!(read_save(folder.path(), now()).expect("read").reviews.len(), n + 1);
    }
    let out = folder.path().join("copy.sqlite3");
    backup_database(folder.path(), &out, now()).expect("backup while held");
    assert_eq!(read_save(&out, now()).expect("read").reviews.len(), 3);
}

#[test]
fn a_version_1_save_is_imported_with_every_answer_and_its_files_kept_aside() {
    let folder = tempfile::tempdir().expect("temp");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/save-v1.ron");
    let snapshot = read_snapshot(&fixture).expect("fixture");
    write_v1(folder.path(), &snapshot, &[answered(1, true), answered(2, false), Change::LearnerNamed("Lin".into())]);
    let snapshot_bytes = fs::read(folder.path().join(SNAPSHOT_FILE)).expect("read");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    let data = opened.save.data().clone();
    assert_eq!(data.reviews.len(), 3, "the snapshot's exam answer and the journal's two: the recent ones");
    let whole = read_save(folder.path(), now()).expect("read whole");
    assert_eq!(whole.reviews.len(), 4, "two in the snapshot, two in the journal");
    let data = SaveData { log: LogScope::Whole, ..whole };
    assert_eq!(data.reviews[0].answer, snapshot.reviews[0].answer);
    assert_eq!(data.reviews[1].session, SessionKind::Exam("exam-2026-02-20".into()));
    assert_eq!(data.cards.len(), 2);
    assert_eq!(data.learner_name, "Lin");
    assert_eq!(data.settings, snapshot.settings);
    drop(opened);
    assert!(!folder.path().join(SNAPSHOT_FILE).exists() && !folder.path().join(JOURNAL_FILE).exists());
    let kept = files_starting(folder.path(), "save.ron.imported-");
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).expect("kept"), snapshot_bytes, "moved aside as it was");
    assert_eq!(files_starting(folder.path(), "journal.ron.imported-").len(), 1);
    drop(Save::open(folder.path(), now()).expect("reopen"));
    assert_eq!(read_save(folder.path(), now()).expect("read whole"), data, "imported once");
}

#[test]
fn a_database_whose_first_open_was_killed_before_its_tables_reads_as_empty_and_opens() {
    // SQLite has made the file; the kill came before the schema was written.
    let folder = tempfile::tempdir().expect("temp");
    let db_path = folder.path().join(DB_FILE);
    Connection::open(&db_path).expect("create").execute_batch("PRAGMA journal_mode = WAL;").expect("wal");
    let read = read_save(folder.path(), now()).expect("a save never written to is an empty save");
    assert!(read.reviews.is_empty() && read.cards.is_empty());
    let mut opened = Save::open(folder.path(), now()).expect("and it opens for writing");
    opened.save.record(answered(1, true), now()).expect("record");
    drop(opened);
    assert_eq!(read_save(folder.path(), now()).expect("read").reviews.len(), 1);
}

#[test]
fn a_version_1_folder_reads_without_being_imported() {
    let folder = tempfile::tempdir().expect("temp");
    write_v1(folder.path(), &SaveData::default(), &[answered(1, true)]);
    assert_eq!(read_save(folder.path(), now()).expect("read").reviews.len(), 1);
    assert!(folder.path().join(SNAPSHOT_FILE).exists() && !folder.path().join(DB_FILE).exists());
}

#[test]
fn a_crash_between_snapshot_and_emptying_the_journal_applies_nothing_twice() {
    let folder = tempfile::tempdir().expect("temp");
    let mut snapshot = SaveData::default();
    for n in 1..=2 {
        snapshot.apply(&answered(n, true), now());
    }
    snapshot.sequence = 2;
    // The journal still holds the two lines the snapshot folded in.
    write_v1(folder.path(), &SaveData::default(), &[answered(1, true), answered(2, true)]);
    write_snapshot(&folder.path().join(SNAPSHOT_FILE), &snapshot).expect("snapshot");
    let data = Save::open(folder.path(), now()).expect("open").save.data().clone();
    assert_eq!(data.reviews.len(), 2);
}

#[test]
fn a_torn_last_line_is_dropped_and_the_rest_kept() {
    let source = tempfile::tempdir().expect("temp");
    write_v1(source.path(), &SaveData::default(), &[answered(1, true), answered(2, true)]);
    let text = fs::read(source.path().join(JOURNAL_FILE)).expect("journal");
    // Cut inside the second line: that answer was never acknowledged.
    let first_end = text.iter().position(|b| *b == b'\n').expect("newline") + 1;
    for cut in [first_end + 1, first_end + 20, text.len() - 1] {
        let folder = tempfile::tempdir().expect("temp");
        write_v1(folder.path(), &SaveData::default(), &[]);
        fs::write(folder.path().join(JOURNAL_FILE), &text[..cut]).expect("cut");
        let opened = Save::open(folder.path(), now()).expect("open");
        assert_eq!(opened.save.data().reviews.len(), 1, "cut at {cut}");
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
    let aside = files_starting(folder.path(), "save.ron.damaged-");
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).expect("read"), garbage);
    assert!(opened.save.data().reviews.is_empty());
}

#[test]
fn a_version_1_save_from_a_newer_version_is_refused_and_left_alone() {
    let folder = tempfile::tempdir().expect("temp");
    let snapshot = folder.path().join(SNAPSHOT_FILE);
    fs::write(&snapshot, "(version: 99)").expect("write");
    match Save::open(folder.path(), now()) {
        Err(error @ SaveError::Refused { .. }) => {
            assert!(error.to_string().contains("version 99") && error.to_string().contains("save.ron"), "{error}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&snapshot).expect("read"), "(version: 99)");
    assert!(!folder.path().join(DB_FILE).exists());
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    save.record(answered(1, true), now()).expect("record");
    drop(save);
    let path = folder.path().join(DB_FILE);
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("version");
    }
    let before = fs::read(&path).expect("read");
    for result in [Save::open(folder.path(), now()).map(|_| ()), read_save(folder.path(), now()).map(|_| ())] {
        match result {
            Err(error @ SaveError::Refused { .. }) => {
                assert!(error.to_string().contains("newer") && error.to_string().contains(DB_FILE), "{error}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(fs::read(&path).expect("read"), before, "nothing changed");
    assert!(files_starting(folder.path(), "tabula.sqlite3.damaged").is_empty());
}

#[test]
fn a_folder_where_the_snapshot_belongs_is_set_aside() {
    let folder = tempfile::tempdir().expect("temp");
    fs::create_dir(folder.path().join(SNAPSHOT_FILE)).expect("mkdir");
    let opened = Save::open(folder.path(), now()).expect("open");
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert_eq!(files_starting(folder.path(), "save.ron.damaged-").len(), 1);
}

#[test]
fn a_damaged_middle_line_is_skipped_and_the_journal_kept_aside() {
    let folder = tempfile::tempdir().expect("temp");
    write_v1(folder.path(), &SaveData::default(), &[answered(0, true), answered(1, true), answered(2, true)]);
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
fn deleting_every_side_file_does_not_let_a_second_writer_in() {
    let folder = tempfile::tempdir().expect("temp");
    let mut first = Save::open(folder.path(), now()).expect("open").save;
    first.record(answered(1, true), now()).expect("record");
    for entry in fs::read_dir(folder.path()).expect("list").flatten() {
        if entry.file_name().to_string_lossy() != DB_FILE {
            let _ = fs::remove_file(entry.path());
        }
    }
    match Save::open(folder.path(), now()) {
        Err(SaveError::Locked(_)) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    first.record(answered(2, true), now()).expect("the first writer goes on");
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
    // Kept as a tombstone, so that a merge cannot bring it back.
    let conn = Connection::open(folder.path().join(DB_FILE)).expect("open");
    let undone: i64 =
        conn.query_row("SELECT count(*) FROM reviews WHERE undone = 1", [], |row| row.get(0)).expect("count");
    assert_eq!(undone, 1);
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

/// A version-1 snapshot cut at many offsets, with garbage appended, empty: every time
/// the save opens, the bad file is set aside byte for byte, and a notice says
/// where it went.
#[test]
fn damaged_snapshots_of_every_kind_are_set_aside() {
    let source = tempfile::tempdir().expect("temp");
    let mut snapshot = SaveData::default();
    for n in 0..20 {
        snapshot.apply(&answered(n, true), now());
    }
    write_v1(source.path(), &snapshot, &[]);
    let good = fs::read(source.path().join(SNAPSHOT_FILE)).expect("snapshot");
    let mut damaged: Vec<Vec<u8>> = (1..good.len()).step_by(97).map(|cut| good[..cut].to_vec()).collect();
    damaged.push([good.as_slice(), b"\x00\xff garbage (((".as_slice()].concat());
    damaged.push(Vec::new());
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

/// A save of `n` study answers, closed (its WAL folded into the file).
fn closed_save(folder: &Path, n: usize) -> PathBuf {
    let mut save = Save::open(folder, now()).expect("open").save;
    for index in 0..n {
        save.record(answered(index, true), now()).expect("record");
    }
    drop(save);
    folder.join(DB_FILE)
}

fn assert_repaired(folder: &Path, damaged: &[u8]) -> (usize, usize) {
    let opened = Save::open(folder, now()).expect("a damaged save opens");
    let [Notice::SaveRepaired { kept_at, reviews_kept, cards_kept, .. }] = opened.notices.as_slice() else {
        panic!("expected one repair notice, got {:?}", opened.notices);
    };
    assert_eq!(&fs::read(kept_at).expect("kept"), damaged, "copied aside byte for byte");
    assert_eq!(opened.save.data().reviews.len(), *reviews_kept);
    let conn = Connection::open(folder.join(DB_FILE)).expect("open");
    assert!(damage(&conn).is_none(), "the fresh database is sound");
    let mut save = opened.save;
    save.record(answered(999, true), now()).expect("answers go on");
    (*reviews_kept, *cards_kept)
}

/// Damages a closed save's card index (an invalid b-tree page type on its
/// root page) and returns the damaged file's bytes.
fn damage_card_index(path: &Path) -> Vec<u8> {
    let root: i64 = Connection::open(path)
        .expect("open")
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'reviews_card'", [], |row| row.get(0))
        .expect("root page");
    let mut bytes = fs::read(path).expect("read");
    bytes[usize::try_from(root - 1).expect("page") * 4096] = 0xFF;
    fs::write(path, &bytes).expect("damage");
    bytes
}

#[test]
fn a_damaged_index_is_repaired_and_every_row_kept() {
    let folder = tempfile::tempdir().expect("temp");
    let bytes = damage_card_index(&closed_save(folder.path(), 200));
    assert_eq!(assert_repaired(folder.path(), &bytes), (200, 200));
}

#[test]
fn a_check_left_for_later_repairs_a_damaged_database_before_the_first_write() {
    let folder = tempfile::tempdir().expect("temp");
    let path = closed_save(folder.path(), 20);
    let bytes = damage_card_index(&path);
    let opened = Save::open_with(folder.path(), now(), Checks::Later).expect("opens");
    assert!(opened.notices.is_empty(), "not checked yet: {:?}", opened.notices);
    let mut save = opened.save;
    assert!(save.checking());
    assert_eq!(fs::read(&path).expect("read"), bytes, "nothing written before the check");
    save.record(answered(100, true), now()).expect("the first write waits for the check");
    let notices = save.poll_checks(now()).expect("repaired");
    let [Notice::SaveRepaired { kept_at, reviews_kept, .. }] = notices.as_slice() else {
        panic!("expected one repair notice, got {notices:?}");
    };
    assert_eq!(*reviews_kept, 20);
    assert_eq!(&fs::read(kept_at).expect("kept"), &bytes, "copied aside byte for byte");
    assert!(!save.checking());
    drop(save);
    let reread = read_save(folder.path(), now()).expect("read");
    assert_eq!(reread.reviews.len(), 21, "the answer went into the repaired save");
    assert!(damage(&Connection::open(&path).expect("open")).is_none());
}

#[test]
fn a_save_that_could_not_be_repaired_after_a_later_check_refuses_every_write() {
    let folder = tempfile::tempdir().expect("temp");
    let path = closed_save(folder.path(), 5);
    damage_card_index(&path);
    // A folder where the repair builds its fresh database: the repair fails.
    fs::create_dir(path.with_extension("sqlite3.salvage")).expect("folder");
    let mut save = Save::open_with(folder.path(), now(), Checks::Later).expect("opens").save;
    assert!(save.record(answered(100, true), now()).is_err(), "the repair failed: nothing saved");
    assert!(save.record(answered(101, true), now()).is_err(), "nor afterwards, anywhere");
    assert!(save.poll_checks(now()).is_ok());
}

#[test]
fn a_check_left_for_later_runs_off_the_thread_and_makes_the_days_backup() {
    let folder = tempfile::tempdir().expect("temp");
    closed_save(folder.path(), 5);
    let backup = folder.path().join(BACKUPS_FOLDER).join("tabula-2026-03-02.sqlite3");
    let tomorrow = now() + chrono::Duration::days(1);
    let mut save = Save::open_with(folder.path(), tomorrow, Checks::Later).expect("opens").save;
    assert!(!backup.exists(), "no backup before the checks run");
    let (sender, receiver) = std::sync::mpsc::channel();
    save.start_checks(move || sender.send(()).expect("send"));
    receiver.recv_timeout(std::time::Duration::from_secs(30)).expect("the checks answer");
    assert!(save.poll_checks(tomorrow).expect("sound").is_empty(), "a sound save, backed up");
    assert!(!save.checking());
    assert_eq!(read_save(&backup, tomorrow).expect("backup").reviews.len(), 5);
}

#[test]
fn a_flipped_byte_in_a_table_page_is_repaired_and_the_readable_rows_kept() {
    let folder = tempfile::tempdir().expect("temp");
    let path = closed_save(folder.path(), 200);
    let root: i64 = Connection::open(&path)
        .expect("open")
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'reviews'", [], |row| row.get(0))
        .expect("root page");
    let mut bytes = fs::read(&path).expect("read");
    bytes[usize::try_from(root - 1).expect("page") * 4096] ^= 0x55;
    fs::write(&path, &bytes).expect("damage");
    let (_, cards) = assert_repaired(folder.path(), &bytes);
    assert_eq!(cards, 200, "the cards' table was not damaged");
}

#[test]
fn a_truncated_or_headless_database_is_repaired() {
    let source = tempfile::tempdir().expect("temp");
    let good = fs::read(closed_save(source.path(), 300)).expect("read");
    let mut headless = good.clone();
    headless[..16].fill(0);
    for damaged in [good[..good.len() / 2].to_vec(), good[..100].to_vec(), headless] {
        let folder = tempfile::tempdir().expect("temp");
        fs::write(folder.path().join(DB_FILE), &damaged).expect("write");
        assert_repaired(folder.path(), &damaged);
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_database_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().expect("temp");
    let path = closed_save(folder.path(), 3);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if File::open(&path).is_ok() {
        // Root reads whatever the permissions: nothing to refuse here.
        eprintln!("skipped: permissions do not apply to this user");
        return;
    }
    for result in [Save::open(folder.path(), now()).map(|_| ()), read_save(folder.path(), now()).map(|_| ())] {
        match result {
            Err(SaveError::Io { path: named, .. }) => assert_eq!(named, path),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
    assert_eq!(read_save(folder.path(), now()).expect("read").reviews.len(), 3, "nothing replaced");
}

#[cfg(unix)]
#[test]
fn fifos_and_symlinks_are_refused_at_once() {
    let elsewhere = tempfile::tempdir().expect("temp");
    let target = closed_save(elsewhere.path(), 2);
    let before = fs::read(&target).expect("read");
    for name in [DB_FILE, "tabula.sqlite3-wal", SNAPSHOT_FILE, JOURNAL_FILE] {
        for kind in ["fifo", "symlink"] {
            let folder = tempfile::tempdir().expect("temp");
            if name != DB_FILE && name.starts_with("tabula") {
                closed_save(folder.path(), 1);
            }
            let path = folder.path().join(name);
            if kind == "fifo" {
                let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
                assert!(status.success());
            } else {
                std::os::unix::fs::symlink(&target, &path).expect("symlink");
            }
            for result in [Save::open(folder.path(), now()).map(|_| ()), read_save(folder.path(), now()).map(|_| ())] {
                match result {
                    Err(SaveError::Refused { path: named, .. }) => assert_eq!(named, path, "{kind} {name}"),
                    other => panic!("{kind} {name}: expected a refusal, got {other:?}"),
                }
            }
            assert!(fs::symlink_metadata(&path).is_ok(), "{kind} {name}: left where it was");
        }
    }
    assert_eq!(fs::read(&target).expect("read"), before, "the file a symlink leads to is untouched");
}

#[test]
fn a_backup_is_made_once_a_day_and_the_last_seven_kept() {
    let folder = tempfile::tempdir().expect("temp");
    let backups = folder.path().join(BACKUPS_FOLDER);
    for day in 0..10 {
        let at = now() + chrono::Duration::days(day);
        for _ in 0..2 {
            let mut save = Save::open(folder.path(), at).expect("open").save;
            save.record(answered(0, true), at).expect("record");
        }
        let today = backups.join(format!("tabula-{}.sqlite3", at.format("%Y-%m-%d")));
        // The first open of the day copied the save as it was then.
        assert_eq!(read_save(&today, at).expect("backup").reviews.len(), usize::try_from(day * 2).expect("count"));
    }
    let kept = files_starting(&backups, "tabula-");
    assert_eq!(kept.len(), BACKUPS_KEPT);
    assert!(kept[0].ends_with(format!("tabula-{}.sqlite3", (now() + chrono::Duration::days(3)).format("%Y-%m-%d"))));
}

#[test]
fn the_review_log_exports_as_the_csv_optimize_reads() {
    let mut data = SaveData::default();
    for n in 0..3 {
        data.apply(&answered(n, true), now());
    }
    data.apply(&answered(9, false), now());
    let (reviews, problems) = crate::core::optimize::parse_revlog(&revlog_csv(&data));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(reviews, crate::core::optimize::study_reviews(&data).expect("log"));
}

fn scheduler() -> Scheduler {
    Scheduler::new(
        SchedulerConfig::default(),
        crate::core::calendar::Calendar::Fixed(chrono::FixedOffset::east_opt(0).expect("offset")),
    )
}

/// Study answers to `cards`, one a minute from `start`, made as
/// `study::record_answer` makes them.
fn study(save: &mut Save, cards: std::ops::Range<usize>, start: DateTime<Utc>, rating: Rating) {
    let scheduler = scheduler();
    for (minute, n) in cards.enumerate() {
        let at = start + chrono::Duration::minutes(i64::try_from(minute).expect("minute"));
        let before = save.data().cards.get(&card(n)).cloned();
        let current = before.clone().unwrap_or_else(|| CardState::new_card(at));
        let review = Review {
            card: card(n),
            at,
            rating,
            duration_ms: 900,
            answer: String::new(),
            correct: None,
            session: SessionKind::Study,
            phase_before: current.phase,
            overridden: false,
            id: None,
        };
        let state = scheduler.answer(&current, rating, at);
        save.record(Change::Answered { review, card: Some(state), before }, at).expect("record");
    }
}

/// Two computers' saves: A answers cards 0–5, cards 0–1 again two days
/// later, and suspends card 5; B answers cards 3–8 an hour after A started. Returns copies of both as database files.
fn two_computers(dir: &Path) -> (PathBuf, PathBuf) {
    let a = dir.join("a");
    let b = dir.join("b");
    {
        let mut save = Save::open(&a, now()).expect("open").save;
        study(&mut save, 0..6, now(), Rating::Good);
        study(&mut save, 0..2, now() + chrono::Duration::days(2), Rating::Again);
        save.record(Change::Suspended { card: card(5), suspended: true }, now()).expect("suspend");
    }
    {
        let mut save = Save::open(&b, now()).expect("open").save;
        study(&mut save, 3..9, now() + chrono::Duration::hours(1), Rating::Hard);
    }
    let a_copy = dir.join("a.sqlite3");
    let b_copy = dir.join("b.sqlite3");
    backup_database(&a, &a_copy, now()).expect("copy");
    backup_database(&b, &b_copy, now()).expect("copy");
    (a_copy, b_copy)
}

/// Merges `other` into a fresh folder holding a copy of `base`.
fn merged(dir: &Path, name: &str, base: &Path, other: &Path) -> (SaveData, Merged) {
    let folder = folder_with(dir, name, base);
    let mut save = Save::open(&folder, now()).expect("open").save;
    let result = save.merge(other, &scheduler(), now()).expect("merge");
    (save.data().clone(), result)
}

fn sorted_reviews(data: &SaveData) -> Vec<String> {
    let mut reviews: Vec<String> = data.reviews.iter().map(|review| format!("{review:?}")).collect();
    reviews.sort();
    reviews
}

#[test]
fn merging_takes_the_union_of_both_logs_and_twice_is_once() {
    let dir = tempfile::tempdir().expect("temp");
    let (a, b) = two_computers(dir.path());
    let a_data = read_save(&a, now()).expect("a");
    let b_data = read_save(&b, now()).expect("b");
    let folder = folder_with(dir.path(), "ab", &a);
    let mut save = Save::open(&folder, now()).expect("open").save;
    let first = save.merge(&b, &scheduler(), now()).expect("merge");
    assert_eq!(first.answers, b_data.reviews.len());
    assert_eq!(save.data().reviews.len(), a_data.reviews.len() + b_data.reviews.len());
    let once = save.data().clone();
    let second = save.merge(&b, &scheduler(), now()).expect("merge again");
    assert_eq!((second.answers, second.undone), (0, 0));
    assert_eq!(save.data(), &once, "merging again changes nothing");
    // Merging a save with itself brings nothing either.
    let own = folder.join(DB_FILE);
    save.merge(&own, &scheduler(), now()).expect("merge itself");
    assert_eq!(save.data(), &once);
    // The cards B alone answered have B's states; those both answered are
    // replayed over both histories.
    assert_eq!(once.cards.get(&card(8)), b_data.cards.get(&card(8)));
    assert!(once.cards[&card(5)].suspended, "suspended on A, still suspended");
    let replayed = once.cards[&card(3)].clone();
    assert_eq!(replayed.reps, 2, "one answer on each computer");
}

#[test]
fn merging_is_commutative() {
    let dir = tempfile::tempdir().expect("temp");
    let (a, b) = two_computers(dir.path());
    let (ab, _) = merged(dir.path(), "ab", &a, &b);
    let (ba, _) = merged(dir.path(), "ba", &b, &a);
    assert_eq!(ab.cards, ba.cards);
    assert_eq!(sorted_reviews(&ab), sorted_reviews(&ba));
}

/// A save (folder `a`) of three study answers, copied as a database file
/// (`b.sqlite3`); then A takes its last answer back. Returns A, open, and
/// the copy, which still has that answer.
fn copied_then_undone(dir: &Path) -> (Save, PathBuf) {
    let a = dir.join("a");
    let mut save = Save::open(&a, now()).expect("open").save;
    study(&mut save, 0..3, now(), Rating::Good);
    drop(save);
    let b_copy = dir.join("b.sqlite3");
    backup_database(&a, &b_copy, now()).expect("copy");
    let mut save = Save::open(&a, now()).expect("open").save;
    save.record(Change::Undone { card: card(2), schedule_changed: true, restored: None }, now()).expect("undo");
    (save, b_copy)
}

/// A data folder `name` holding a copy of the database file `db`.
fn folder_with(dir: &Path, name: &str, db: &Path) -> PathBuf {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).expect("mkdir");
    fs::copy(db, folder.join(DB_FILE)).expect("copy");
    folder
}

#[test]
fn an_answer_undone_on_one_side_stays_undone_after_merging() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut save, b_copy) = copied_then_undone(dir.path());
    let a = dir.path().join("a");
    let result = save.merge(&b_copy, &scheduler(), now()).expect("merge");
    assert_eq!(result.answers, 0);
    assert_eq!(save.data().reviews.len(), 2, "the copy's answer does not come back");
    assert!(!save.data().cards.contains_key(&card(2)));
    drop(save);
    // And from the other side: B learns the undo.
    let b = folder_with(dir.path(), "b", &b_copy);
    let mut save = Save::open(&b, now()).expect("open").save;
    let result = save.merge(&a, &scheduler(), now()).expect("merge");
    assert_eq!(result.undone, 1);
    assert_eq!(save.data().reviews.len(), 2);
    assert!(!save.data().cards.contains_key(&card(2)));
}

/// Review ids and whether each is undone, as a database holds them.
fn ids_in(db: &Path) -> Vec<(String, bool)> {
    let conn = Connection::open(db).expect("open");
    let mut statement = conn.prepare("SELECT id, undone FROM reviews ORDER BY id").expect("prepare");
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_ron_export_keeps_review_ids_and_tombstones() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("save");
    let mut save = Save::open(&folder, now()).expect("open").save;
    study(&mut save, 0..3, now(), Rating::Good);
    save.record(Change::Undone { card: card(2), schedule_changed: true, restored: None }, now()).expect("undo");
    let export = dir.path().join("export.ron");
    save.backup(&export).expect("export");
    drop(save);
    let data = read_snapshot(&export).expect("read back");
    assert_eq!(data.reviews.len(), 2);
    assert!(data.reviews.iter().all(|review| review.id.is_some()), "{:?}", data.reviews);
    assert_eq!(data.undone.len(), 1, "the answer taken back is kept apart");
    assert_eq!(data.undone[0].card, card(2));
    // Read back into a database, every row is the one it was.
    let copy = dir.path().join("copy.sqlite3");
    write_database(&copy, &data).expect("write");
    assert_eq!(ids_in(&copy), ids_in(&folder.join(DB_FILE)));
    assert_eq!(read_save(&copy, now()).expect("copy").reviews, data.reviews);
}

#[test]
fn merging_a_ron_export_is_merging_the_save_it_came_from() {
    let dir = tempfile::tempdir().expect("temp");
    let (a, b) = two_computers(dir.path());
    let b_ron = dir.path().join("b.ron");
    write_snapshot(&b_ron, &read_save(&b, now()).expect("b")).expect("export");
    let (from_db, result_db) = merged(dir.path(), "from-db", &a, &b);
    let (from_ron, result_ron) = merged(dir.path(), "from-ron", &a, &b_ron);
    assert_eq!(result_ron, result_db);
    assert_eq!(from_ron.cards, from_db.cards);
    assert_eq!(sorted_reviews(&from_ron), sorted_reviews(&from_db));
    // The export's answers are the database's: after one, the other brings
    // nothing new.
    let mut save = Save::open(&dir.path().join("from-ron"), now()).expect("open").save;
    let again = save.merge(&b, &scheduler(), now()).expect("merge the database after its export");
    assert_eq!((again.answers, again.undone), (0, 0));
    assert_eq!(save.data(), &from_ron);
}

#[test]
fn an_answer_undone_in_a_ron_export_stays_undone_after_merging() {
    let dir = tempfile::tempdir().expect("temp");
    // B is a copy of A from before A took its last answer back; A is
    // exported as RON after.
    let (save, b_copy) = copied_then_undone(dir.path());
    let b = folder_with(dir.path(), "b", &b_copy);
    let a_ron = dir.path().join("a.ron");
    save.backup(&a_ron).expect("export");
    drop(save);
    let mut save = Save::open(&b, now()).expect("open").save;
    let result = save.merge(&a_ron, &scheduler(), now()).expect("merge");
    assert_eq!((result.answers, result.undone), (0, 1));
    assert_eq!(save.data().reviews.len(), 2);
    assert!(!save.data().cards.contains_key(&card(2)));
}

#[test]
fn a_version_1_save_merges_every_answer_once_however_it_is_reached() {
    let dir = tempfile::tempdir().expect("temp");
    // A version-1 save: answers in the snapshot and in the journal.
    let v1 = dir.path().join("v1");
    fs::create_dir_all(&v1).expect("mkdir");
    let mut snapshot = SaveData::default();
    for n in 0..4 {
        snapshot.apply(&answered(n, true), now());
    }
    snapshot.sequence = 4;
    write_v1(&v1, &snapshot, &[answered(10, true), answered(11, false)]);
    let v1_answers = read_save(&v1, now()).expect("v1").reviews.len();
    assert_eq!(v1_answers, 6);
    // This computer's save, with answers of its own.
    let ours = dir.path().join("ours");
    let mut save = Save::open(&ours, now()).expect("open").save;
    study(&mut save, 20..23, now() + chrono::Duration::hours(1), Rating::Good);
    let result = save.merge(&v1, &scheduler(), now()).expect("merge the folder");
    assert_eq!(result.answers, v1_answers);
    assert_eq!(save.data().reviews.len(), 3 + v1_answers);
    assert!(save.data().cards.contains_key(&card(10)), "the journal's answers count");
    let once = save.data().clone();
    // Again, by the folder or by its snapshot's file (a file dialog picks
    // no folders): nothing new.
    for other in [v1.clone(), v1.join(SNAPSHOT_FILE)] {
        let again = save.merge(&other, &scheduler(), now()).expect("merge again");
        assert_eq!((again.answers, again.undone), (0, 0), "{}", other.display());
        assert_eq!(save.data(), &once);
    }
    drop(save);
    // The same version-1 save opened on another computer is imported with
    // the same ids, so merging that computer's database adds nothing either.
    let other_computer = dir.path().join("other");
    fs::create_dir_all(&other_computer).expect("mkdir");
    for name in [SNAPSHOT_FILE, JOURNAL_FILE] {
        fs::copy(v1.join(name), other_computer.join(name)).expect("copy");
    }
    drop(Save::open(&other_computer, now()).expect("import"));
    let mut save = Save::open(&ours, now()).expect("open").save;
    let again = save.merge(&other_computer, &scheduler(), now()).expect("merge the imported save");
    assert_eq!((again.answers, again.undone), (0, 0));
}

/// An answer of any kind at `at`.
fn any_answer(n: usize, at: DateTime<Utc>, kind: usize, rating: Rating) -> Change {
    let (session, phase_before) = match kind % 5 {
        0 => (SessionKind::Study, Phase::New),
        1 => (SessionKind::Study, Phase::Review),
        2 => (SessionKind::Study, Phase::Relearning),
        3 => (SessionKind::Practice, Phase::Review),
        _ => (SessionKind::Exam(format!("exam-{}", n % 3)), Phase::Review),
    };
    let review = Review {
        card: card(n),
        at,
        rating,
        duration_ms: 700,
        answer: "选项".into(),
        correct: Some(rating != Rating::Again),
        session,
        phase_before,
        overridden: false,
        id: None,
    };
    Change::Answered { review, card: None, before: None }
}

/// The totals table as stored, and a recount of the whole log read row by
/// row.
fn stored_and_recounted(folder: &Path) -> (ReviewTotals, ReviewTotals) {
    let conn = Connection::open(folder.join(DB_FILE)).expect("open");
    let stored = history::read_totals(&conn).expect("totals");
    let whole = read_save(folder, now()).expect("read");
    assert_eq!(whole.log, LogScope::Whole);
    (stored, ReviewTotals::from_reviews(&whole.reviews))
}

#[test]
fn opening_reads_the_recent_answers_and_exam_answers_by_their_indexes_not_the_whole_log() {
    let folder = tempfile::tempdir().expect("temp");
    let mut conn = Connection::open(folder.path().join(DB_FILE)).expect("db");
    db::migrate(&mut conn).expect("schema");
    for sql in history::RECENT_SQL {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan")
            .query_map([0_i64], |row| row.get::<_, String>(3))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("plan");
        assert!(plan.iter().all(|step| !step.starts_with("SCAN reviews")), "{plan:#?}");
    }
}

#[test]
fn a_save_opens_without_its_old_log_yet_statistics_history_and_exports_see_it() {
    let folder = tempfile::tempdir().expect("temp");
    let last_year = now() - chrono::Duration::days(300);
    {
        let mut save = Save::open(folder.path(), last_year).expect("open").save;
        for n in 0..50 {
            let at = last_year + chrono::Duration::hours(i64::try_from(n).expect("n") * 5);
            save.record(any_answer(n, at, n, Rating::Good), at).expect("record");
        }
    }
    let mut save = Save::open(folder.path(), now()).expect("reopen").save;
    save.record(any_answer(7, now(), 1, Rating::Again), now()).expect("today's answer");
    let data = save.data();
    // Today's answer and last year's exam answers (every fifth), nothing else.
    assert_eq!(data.reviews.len(), 1 + 10);
    assert!(data.reviews.iter().all(|review| review.at == now() || matches!(review.session, SessionKind::Exam(_))));
    assert!(matches!(data.log, LogScope::Recent { .. }));

    // Ids are read only for exports; the figures compare answers.
    let whole = without_ids(read_save(folder.path(), now()).expect("read whole"));
    assert_eq!(whole.reviews.len(), 51);
    let totals = History::of(data).totals().expect("totals");
    assert_eq!(totals, ReviewTotals::from_reviews(&whole.reviews));
    assert_eq!(totals.answers(), 51);
    assert_eq!(save.answer_count().expect("count"), 51);
    let card_7: Vec<Review> = whole.reviews.iter().filter(|review| review.card == card(7)).cloned().collect();
    assert_eq!(card_7.len(), 2);
    assert_eq!(data.card_history(&card(7)).expect("history"), card_7);
    let mut streamed = Vec::new();
    data.each_review(false, |review| streamed.push(review)).expect("stream");
    assert_eq!(streamed, whole.reviews);
    let study = crate::core::optimize::study_reviews(data).expect("study log");
    assert_eq!(study, crate::core::optimize::study_reviews(&whole).expect("study log"));
    assert_eq!(study.len(), whole.reviews.iter().filter(|review| review.session == SessionKind::Study).count());
    let ron = folder.path().join("whole.ron");
    save.backup(&ron).expect("ron backup");
    assert_eq!(
        without_ids(read_save(&ron, now()).expect("read ron")).reviews,
        whole.reviews,
        "a RON backup holds the whole log"
    );
    // Last year's answers count for last year's statistics.
    let progress = crate::core::progress::progress(
        &crate::core::study::Catalog::default(),
        data,
        &totals,
        crate::core::calendar::Calendar::Fixed(chrono::FixedOffset::east_opt(0).expect("offset")),
        now(),
        365,
    );
    let shown: usize = progress.daily.iter().map(crate::core::progress::DayAnswers::total).sum();
    assert_eq!(shown, 51);
}

#[test]
fn the_totals_equal_a_recount_after_answers_undos_merges_and_repair() {
    use rand::{Rng, SeedableRng};
    let dir = tempfile::tempdir().expect("temp");
    for seed in 0..4u64 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut folders = Vec::new();
        for side in ["a", "b"] {
            let folder = dir.path().join(format!("{seed}-{side}"));
            let mut save = Save::open(&folder, now()).expect("open").save;
            for _ in 0..120 {
                let n = rng.random_range(0..12);
                // Some before 1970 and some across the year: every bucket
                // rule is met.
                let minutes = rng.random_range(-30_000_000i64..600_000);
                let at = now() + chrono::Duration::minutes(minutes);
                if rng.random_bool(0.2) {
                    save.record(Change::Undone { card: card(n), schedule_changed: false, restored: None }, at)
                        .expect("undo");
                } else {
                    let rating = if rng.random_bool(0.3) { Rating::Again } else { Rating::Good };
                    save.record(any_answer(n, at, rng.random_range(0..5), rating), at).expect("record");
                }
            }
            drop(save);
            let (stored, recounted) = stored_and_recounted(&folder);
            assert_eq!(stored, recounted, "seed {seed} side {side}: after answers and undos");
            folders.push(folder);
        }
        let other = folders[1].join(DB_FILE);
        let mut save = Save::open(&folders[0], now()).expect("open").save;
        save.merge(&other, &scheduler(), now()).expect("merge");
        drop(save);
        let (stored, recounted) = stored_and_recounted(&folders[0]);
        assert_eq!(stored, recounted, "seed {seed}: after merging");

        // Damage the card index: the repair carries the rows into a fresh
        // database, whose totals are counted anew.
        let path = folders[0].join(DB_FILE);
        damage_card_index(&path);
        let opened = Save::open(&folders[0], now()).expect("repaired");
        assert!(matches!(opened.notices.as_slice(), [Notice::SaveRepaired { .. }]), "{:?}", opened.notices);
        drop(opened);
        let (stored, recounted) = stored_and_recounted(&folders[0]);
        assert_eq!(stored, recounted, "seed {seed}: after the repair");
        assert_eq!(stored.answers(), recounted.answers());
    }
}

#[test]
fn a_version_1_database_gains_its_totals_when_migrated() {
    let folder = tempfile::tempdir().expect("temp");
    closed_save(folder.path(), 30);
    // Back to schema 1, as the first database build wrote it.
    {
        let conn = Connection::open(folder.path().join(DB_FILE)).expect("open");
        conn.execute_batch(
            "DROP TRIGGER review_counted; DROP TRIGGER review_undone; DROP TRIGGER review_deleted;
             DROP TABLE review_totals; DROP INDEX reviews_exam; PRAGMA user_version = 1;",
        )
        .expect("downgrade");
    }
    let save = Save::open(folder.path(), now()).expect("open").save;
    assert_eq!(save.answer_count().expect("count"), 30);
    drop(save);
    let (stored, recounted) = stored_and_recounted(folder.path());
    assert_eq!(stored, recounted);
}

fn deck_card(deck: &str, n: usize) -> CardId {
    CardId::new(deck, &format!("item{n}"), QuestionKind::CellChoice)
}

fn answered_at(card: CardId, at: DateTime<Utc>, interval_days: u32) -> Change {
    let review = Review {
        card,
        at,
        rating: Rating::Good,
        duration_ms: 900,
        answer: "Oslo".into(),
        correct: Some(true),
        session: SessionKind::Study,
        phase_before: Phase::New,
        overridden: false,
        id: None,
    };
    let state = CardState {
        phase: Phase::Review,
        interval_days,
        due_at: at + chrono::Duration::days(i64::from(interval_days)),
        ..CardState::new_card(at)
    };
    Change::Answered { review, card: Some(state), before: None }
}

#[test]
fn cards_of_decks_not_loaded_are_neither_lost_nor_overwritten_and_a_deck_loaded_later_sees_its_states() {
    let folder = tempfile::tempdir().expect("temp");
    // "ab" and "a0" sort right after "a/": a deck's range must not take them.
    let decks = ["a", "ab", "a0", "b"];
    {
        let mut save = Save::open(folder.path(), now()).expect("open").save;
        for (days, deck) in (3..).zip(decks) {
            for n in 0..3 {
                save.record(answered_at(deck_card(deck, n), now(), days), now()).expect("record");
            }
        }
    }
    let before = read_save(folder.path(), now()).expect("read").cards;
    assert_eq!(before.len(), 12);

    let scope = CardScope::Decks(["a".to_owned()].into());
    let later = now() + chrono::Duration::hours(1);
    let mut save = Save::open_scoped(folder.path(), later, Checks::AtOpen, scope).expect("open").save;
    let held: Vec<&CardId> = save.data().cards.keys().collect();
    assert_eq!(held, [&deck_card("a", 0), &deck_card("a", 1), &deck_card("a", 2)]);
    save.record(answered_at(deck_card("a", 0), later, 20), later).expect("an answer in a deck loaded");
    // A state worked out without the one stored would overwrite it: refused.
    let outside = [
        answered_at(deck_card("b", 0), later, 1),
        Change::Suspended { card: deck_card("ab", 1), suspended: true },
        Change::Undone { card: deck_card("a0", 2), schedule_changed: true, restored: None },
    ];
    for change in outside {
        assert!(save.record(change.clone(), later).is_err(), "{change:?}");
    }
    assert_eq!(
        save.due_decks(now() + chrono::Duration::days(4)).expect("due"),
        ["a", "ab"].map(str::to_owned).into(),
        "in 4 days: a's cards held in memory (3 days) and ab's in the database (4 days); a0's and b's later"
    );
    save.load_decks(["b", "a"]).expect("load");
    for n in 0..3 {
        assert_eq!(save.data().cards.get(&deck_card("b", n)), before.get(&deck_card("b", n)));
    }
    assert_eq!(save.data().cards[&deck_card("a", 0)].interval_days, 20, "a deck read again keeps what was written");
    assert_eq!(save.data().cards.len(), 6);
    drop(save);

    let after = read_save(folder.path(), now()).expect("read").cards;
    for (card, state) in &before {
        if *card == deck_card("a", 0) {
            assert_eq!(after[card].interval_days, 20);
        } else {
            assert_eq!(after.get(card), Some(state), "{card:?}");
        }
    }
    assert_eq!(after.len(), 12);
}

#[test]
fn stats_from_the_recent_part_and_queries_equal_stats_from_the_whole_log() {
    use rand::{Rng, SeedableRng};

    use crate::core::library::Library;
    use crate::core::progress::progress;
    use crate::core::stats::{retention_since, stats, stats_with};
    use crate::core::study::Catalog;

    let catalog = Catalog::new(&Library::built_in(), &[]);
    let mut decks: Vec<String> = catalog.decks().iter().map(|deck| deck.id.clone()).take(2).collect();
    decks.push("gone".to_owned());
    let folder = tempfile::tempdir().expect("temp");
    let mut save = Save::open(folder.path(), now()).expect("open").save;
    let mut random = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    for n in 0..300 {
        let at = now() - chrono::Duration::hours(random.random_range(0..24 * 60));
        let rating = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy][random.random_range(0..4)];
        let Change::Answered { mut review, card, before } = any_answer(n, at, random.random_range(0..5), rating) else {
            unreachable!("an answer")
        };
        review.card = deck_card(&decks[n % decks.len()], n % 17);
        let undo = random.random_range(0..6) == 0;
        let card_id = review.card.clone();
        save.record(Change::Answered { review, card, before }, now()).expect("record");
        if undo {
            save.record(Change::Undone { card: card_id, schedule_changed: false, restored: None }, now())
                .expect("undo");
        }
    }
    drop(save);

    let scheduler = scheduler();
    let calendar = crate::core::calendar::Calendar::Fixed(chrono::FixedOffset::east_opt(0).expect("offset"));
    let whole = read_save(folder.path(), now()).expect("whole");
    let recent = read_save_recent(folder.path(), now()).expect("recent");
    assert!(recent.reviews.len() < whole.reviews.len(), "the old log is left in the database");
    let log = History::of(&recent);
    let old = stats(&catalog, &whole, &scheduler, now());
    let new = stats_with(
        &catalog,
        &recent,
        &scheduler,
        now(),
        &log.deck_counts(retention_since(now()), now()).expect("counts"),
    );
    assert_eq!(new, old);
    assert!(old.total.reviews > 200 && old.total.reviews < 300, "undone answers are left out: {}", old.total.reviews);
    for deck in &decks[..2] {
        assert!(old.decks[deck].reviews > 0 && old.decks[deck].retention_30d.is_some(), "{old:?}");
    }
    assert_eq!(
        progress(&catalog, &recent, &log.totals().expect("totals"), calendar, now(), 60),
        progress(&catalog, &whole, &ReviewTotals::from_reviews(&whole.reviews), calendar, now(), 60)
    );
}

#[test]
fn deck_states_read_on_another_thread_join_unless_the_save_was_read_again_in_between() {
    let folder = tempfile::tempdir().expect("temp");
    let other = tempfile::tempdir().expect("temp");
    {
        let mut save = Save::open(folder.path(), now()).expect("open").save;
        for deck in ["a", "b", "c"] {
            save.record(answered_at(deck_card(deck, 0), now(), 5), now()).expect("record");
        }
        drop(Save::open(other.path(), now()).expect("other"));
    }
    let stored = read_save(folder.path(), now()).expect("read").cards;
    let scope = CardScope::Decks(["a".to_owned()].into());
    let mut save = Save::open_scoped(folder.path(), now(), Checks::AtOpen, scope).expect("open").save;
    let reader = save.deck_states().expect("a scoped save reads decks elsewhere");
    let read = std::thread::spawn(move || reader.read("b")).join().expect("thread").expect("read");
    assert!(save.take_deck_states(read));
    assert_eq!(save.data().cards.get(&deck_card("b", 0)), stored.get(&deck_card("b", 0)));

    let reader = save.deck_states().expect("reader");
    let read = std::thread::spawn(move || reader.read("c")).join().expect("thread").expect("read");
    save.merge(other.path(), &scheduler(), now()).expect("merge");
    assert!(!save.take_deck_states(read), "read before the merge: out of date");
    assert!(!save.data().cards.contains_key(&deck_card("c", 0)));
    save.load_decks(["c"]).expect("load");
    assert_eq!(save.data().cards.get(&deck_card("c", 0)), stored.get(&deck_card("c", 0)));
    assert!(Save::open(other.path(), now()).expect("open").save.deck_states().is_none(), "every state held");
}
