//! Killed mid-answer: `tabula study --text --practice` is killed with SIGKILL
//! at random moments; after each kill the save loads and holds every answer
//! that was acknowledged with `saved`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ROUNDS: usize = 200;

#[test]
fn every_acknowledged_answer_survives_kill_9() {
    let temp = tempfile::tempdir().expect("temp");
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    // Answers in the save after the last round, and acknowledged in all rounds.
    let mut in_save = 0usize;
    let mut acknowledged_total = 0usize;
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tabula"))
            .args(["study", "--text", "--practice", "--data-dir"])
            .arg(temp.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("saved ") {
                    let _ = sender.send(());
                }
            }
        });
        // Answers wait in the pipe (well under its 64 KiB); the kill lands
        // somewhere among them, often in the middle of writing one.
        stdin.write_all(&b"1\n".repeat(5000)).expect("answers");
        std::thread::sleep(Duration::from_micros(rng.random_range(20_000..250_000)));
        child.kill().expect("kill");
        child.wait().expect("wait");
        drop(stdin);
        reader.join().expect("reader");
        let acknowledged = receiver.try_iter().count();
        acknowledged_total += acknowledged;
        let data = tabula::core::save::read_save(temp.path(), chrono::Utc::now())
            .unwrap_or_else(|error| panic!("round {round}: the save does not load: {error}"));
        let added =
            data.reviews.len().checked_sub(in_save).unwrap_or_else(|| {
                panic!("round {round}: the save went from {in_save} answers to {}", data.reviews.len())
            });
        assert!(added >= acknowledged, "round {round}: {added} answers added to the save, {acknowledged} acknowledged");
        // Nothing unacknowledged beyond the one being written at the kill.
        assert!(added <= acknowledged + 1, "round {round}: {added} answers added, only {acknowledged} acknowledged");
        in_save = data.reviews.len();
    }
    assert!(acknowledged_total > 0, "answers were acknowledged");
}
