//! The decks shipped inside the binary, so the app works with no files around it.

/// File name and text of each built-in deck.
pub const BUILTIN_DECKS: [(&str, &str); 4] = [
    ("smm-vs-dm-comparison.ron", include_str!("../../decks/smm-vs-dm-comparison.ron")),
    ("smm-vs-dm-faq.ron", include_str!("../../decks/smm-vs-dm-faq.ron")),
    ("smm-vs-dm-lists.ron", include_str!("../../decks/smm-vs-dm-lists.ron")),
    ("smm-vs-dm-facts.ron", include_str!("../../decks/smm-vs-dm-facts.ron")),
];
