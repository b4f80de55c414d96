//! Large decks for the benches and for `examples/big_data.rs`, generated
//! rather than committed.

use std::fmt::Write as _;

/// A grouped-lists deck of `items` items in 20 lists, as RON text; texts are
/// made of a few words drawn from a vocabulary, so some are near-duplicates.
pub fn lists_deck(id: &str, items: usize) -> String {
    const WORDS: [&str; 16] = [
        "brand", "reach", "cost", "data", "privacy", "audience", "content", "video", "search", "email", "trust",
        "growth", "budget", "channel", "metric", "review",
    ];
    let mut text = format!("Deck(id: \"{id}\", title: \"Lists of {items}\", content: Lists((categories: [\n");
    let per_list = items.div_ceil(20);
    for list in 0..20 {
        let _ = writeln!(text, "(id: \"list-{list}\", name: \"List number {list}\", items: [");
        for index in list * per_list..((list + 1) * per_list).min(items) {
            let words: Vec<&str> = (0..4).map(|k| WORDS[(index * 7 + k * 5 + index / 16) % 16]).collect();
            let _ = writeln!(
                text,
                "(id: \"item-{index}\", text: \"{} {index}\", detail: \"Why {} matters, case {index}.\"),",
                words.join(" "),
                words[0]
            );
        }
        text.push_str("]),\n");
    }
    text.push_str("])))\n");
    text
}
