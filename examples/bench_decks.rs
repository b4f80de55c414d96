//! Writes the generated material of scripts/bench.sh: an Anki text export of
//! 10,000 Chinese notes (fronts of 4–12 characters, backs of 20–80, from a
//! 40-character vocabulary) as `DIR/anki-zh-10000.txt`, for the side-by-side
//! with Anki; and an 11,000-entry FAQ deck of the same kind of text as
//! `DIR/faq-zh-11000.ron`, for launch with a big deck in the deck folder.
//! With `shapes` after DIR it writes instead the decks of the criterion
//! group `deck_shapes` as files (`DIR/{faq,lists}-{zh,en}-{10000,100000}.ron`),
//! for timing `tabula check` on them under `/usr/bin/time -v` or `perf`.
//! Usage: `cargo run --release --example bench_decks -- DIR [shapes]`.

use std::path::PathBuf;

#[path = "../benches/support/decks.rs"]
mod decks;

fn main() -> std::io::Result<()> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "bench-decks".to_owned()));
    std::fs::create_dir_all(&folder)?;
    if std::env::args().nth(2).as_deref() == Some("shapes") {
        for script in decks::Script::ALL {
            for entries in [10_000, 100_000] {
                let name = script.name();
                let faq = decks::faq_deck_in("bench", script, entries);
                std::fs::write(folder.join(format!("faq-{name}-{entries}.ron")), faq)?;
                let lists = decks::lists_deck_in("bench", script, entries);
                std::fs::write(folder.join(format!("lists-{name}-{entries}.ron")), lists)?;
            }
        }
        return Ok(());
    }
    std::fs::write(folder.join("anki-zh-10000.txt"), decks::anki_export(decks::Script::Chinese, 10_000))?;
    std::fs::write(folder.join("faq-zh-11000.ron"), decks::faq_deck_in("faq-zh-11000", decks::Script::Chinese, 11_000))
}
