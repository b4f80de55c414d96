//! Writes a data folder for the large-history budgets of scripts/bench.sh:
//! a grouped-lists deck of 34,000 items (about 100,000 cards) in `decks/`,
//! and a save holding a state for 100,000 of its cards and 1,000,000
//! reviews. Usage: `cargo run --release --example big_data -- DIR`.

use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use tabula::core::question::{CardId, QuestionKind};
use tabula::core::save::{DB_FILE, Review, SaveData, SessionKind, write_database};
use tabula::core::schedule::{CardState, Phase, Rating};

#[path = "../benches/support/decks.rs"]
mod decks;

const ITEMS: usize = 34_000;
const REVIEWS: usize = 1_000_000;
const KINDS: [QuestionKind; 3] = [QuestionKind::WhichCategory, QuestionKind::WhichBelongs, QuestionKind::DetailRecall];

fn main() -> std::io::Result<()> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "big-data".to_owned()));
    std::fs::create_dir_all(folder.join("decks"))?;
    let deck = decks::lists_deck("big", ITEMS);
    std::fs::write(folder.join("decks").join("big.ron"), deck)?;

    let start = Utc.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).single().expect("time");
    let card = |index: usize| CardId::new("big", &format!("item-{}", index / 3 % ITEMS), KINDS[index % 3]);
    let mut data = SaveData::default();
    for index in 0..100_000 {
        let state = CardState { phase: Phase::Review, interval_days: 3, ..CardState::new_card(start) };
        data.cards.insert(card(index), state);
    }
    for index in 0..REVIEWS {
        data.reviews.push(Review {
            card: card(index % 100_000),
            at: start + Duration::seconds(i64::try_from(index * 30).unwrap_or(0)),
            rating: if index % 9 == 0 { Rating::Again } else { Rating::Good },
            duration_ms: 4000,
            answer: "an option".into(),
            correct: Some(index % 9 != 0),
            session: SessionKind::Study,
            phase_before: Phase::Review,
            overridden: false,
            id: None,
        });
    }
    data.sequence = REVIEWS as u64;
    // Written as the database directly: a version-1 RON save would be
    // imported on first open, and the first launch timed would be that.
    write_database(&folder.join(DB_FILE), &data).map_err(std::io::Error::other)?;
    println!("wrote {} with {} cards and {} reviews", folder.display(), data.cards.len(), data.reviews.len());
    Ok(())
}
