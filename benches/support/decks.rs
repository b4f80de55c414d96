//! Large decks for the benches and for `examples/big_data.rs`, generated
//! rather than committed. Shared by the benches, the property tests and
//! `examples/big_data.rs`, each of which uses a part.
#![allow(dead_code)]

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

/// The alphabet of generated material. Chinese draws every character from a
/// vocabulary of 40, as a topic deck does: every text then shares
/// characters with nearly every other, which is what made comparing texts by
/// shared tokens quadratic. English draws words from a vocabulary of 64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Chinese,
    English,
}

impl Script {
    pub const ALL: [Script; 2] = [Script::Chinese, Script::English];

    pub fn name(self) -> &'static str {
        match self {
            Script::Chinese => "zh",
            Script::English => "en",
        }
    }
}

const CHINESE: &str = "数据安全隐私问题营销品牌广告客户内容社交媒体成本效益市场分析定位搜索引擎视频电子";

const ENGLISH: [&str; 64] = [
    "brand", "reach", "cost", "data", "privacy", "audience", "content", "video", "search", "email", "trust", "growth",
    "budget", "channel", "metric", "review", "market", "client", "target", "report", "signal", "price", "value",
    "reward", "risk", "share", "voice", "story", "offer", "funnel", "lead", "rank", "engine", "page", "link", "post",
    "feed", "ad", "click", "view", "image", "format", "mobile", "local", "global", "niche", "trend", "survey", "loyal",
    "retail", "online", "social", "paid", "organic", "launch", "season", "event", "partner", "agency", "tool", "plan",
    "test", "result", "insight",
];

/// Texts drawn from a script's vocabulary by a seeded generator (splitmix64:
/// the same seed writes the same deck on every machine).
pub struct Texts {
    script: Script,
    state: u64,
    chinese: Vec<char>,
}

impl Texts {
    pub fn new(script: Script, seed: u64) -> Texts {
        Texts { script, state: seed, chinese: CHINESE.chars().collect() }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + usize::try_from(self.next() % (high - low + 1) as u64).unwrap_or(0)
    }

    /// A front: 4–12 characters, or 2–5 words.
    pub fn front(&mut self) -> String {
        match self.script {
            Script::Chinese => self.chinese_text(4, 12),
            Script::English => self.words(2, 5),
        }
    }

    /// A back: 20–80 characters, or 6–20 words.
    pub fn back(&mut self) -> String {
        match self.script {
            Script::Chinese => self.chinese_text(20, 80),
            Script::English => self.words(6, 20),
        }
    }

    fn chinese_text(&mut self, low: usize, high: usize) -> String {
        let length = self.between(low, high);
        (0..length)
            .map(|_| {
                let at = self.between(0, self.chinese.len() - 1);
                self.chinese[at]
            })
            .collect()
    }

    fn words(&mut self, low: usize, high: usize) -> String {
        let count = self.between(low, high);
        (0..count).map(|_| ENGLISH[self.between(0, ENGLISH.len() - 1)]).collect::<Vec<_>>().join(" ")
    }
}

/// An Anki text export (Basic notes, tab-separated, with its header lines)
/// of `rows` notes.
pub fn anki_export(script: Script, rows: usize) -> String {
    let mut texts = Texts::new(script, 12);
    let mut text = String::from("#separator:tab\n#html:false\n#notetype:Basic\n#deck:Bench\n");
    for _ in 0..rows {
        let (front, back) = (texts.front(), texts.back());
        let _ = writeln!(text, "{front}\t{back}");
    }
    text
}

fn header(id: &str, script: Script, title: &str) -> String {
    format!("Deck(id: \"{id}\", title: \"{title}\", language: \"{}\", ", script.name())
}

/// An FAQ deck of `entries` entries: fronts ask, backs answer.
pub fn faq_deck_in(id: &str, script: Script, entries: usize) -> String {
    let mut texts = Texts::new(script, 21);
    let mut text = header(id, script, "FAQ") + "content: Faq((entries: [\n";
    for index in 0..entries {
        let (question, answer) = (texts.front(), texts.back());
        let _ = writeln!(text, "(id: \"e{index}\", question: \"{question}\", answer: \"{answer}\"),");
    }
    text.push_str("])))\n");
    text
}

/// A grouped-lists deck of `items` items in 20 lists: fronts are the items,
/// backs their details.
pub fn lists_deck_in(id: &str, script: Script, items: usize) -> String {
    let mut texts = Texts::new(script, 34);
    let mut text = header(id, script, "Lists") + "content: Lists((categories: [\n";
    let per_list = items.div_ceil(20);
    for list in 0..20 {
        let _ = writeln!(text, "(id: \"list-{list}\", name: \"{} {list}\", items: [", texts.front());
        for index in list * per_list..((list + 1) * per_list).min(items) {
            let (item, detail) = (texts.front(), texts.back());
            let _ = writeln!(text, "(id: \"item-{index}\", text: \"{item}\", detail: \"{detail}\"),");
        }
        text.push_str("]),\n");
    }
    text.push_str("])))\n");
    text
}

/// A comparison table of `subjects` × `aspects` cells, each a back.
pub fn table_deck_in(id: &str, script: Script, subjects: usize, aspects: usize) -> String {
    let mut texts = Texts::new(script, 55);
    let mut text = header(id, script, "Table") + "content: Table((subjects: [\n";
    for subject in 0..subjects {
        let _ = writeln!(text, "(id: \"s{subject}\", name: \"{} {subject}\"),", texts.front());
    }
    text.push_str("], aspects: [\n");
    for aspect in 0..aspects {
        let _ = write!(text, "(id: \"a{aspect}\", name: \"{} {aspect}\", cells: {{", texts.front());
        for subject in 0..subjects {
            let _ = write!(text, "\"s{subject}\": \"{}\", ", texts.back());
        }
        text.push_str("}),\n");
    }
    text.push_str("])))\n");
    text
}

/// A word made of syllables, from a number: invented place, currency and
/// element names that never repeat within a deck.
fn invented(number: usize, syllables: &[&str]) -> String {
    let mut word = String::new();
    let mut rest = number;
    for _ in 0..3 {
        word.push_str(syllables[rest % syllables.len()]);
        rest /= syllables.len();
    }
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A templated FAQ of `entries` entries, as a quiz book is written: "What is
/// the capital of X?", "What is the currency of X?", "What is the symbol for
/// element Y?" and "Which element has the atomic number N?", each template
/// asked of many countries or elements, each answer its own.
pub fn templated_faq(id: &str, entries: usize) -> String {
    const PLACES: [&str; 12] = ["ba", "ro", "vin", "ta", "mel", "dor", "si", "kan", "lu", "fe", "nor", "qui"];
    const TOWNS: [&str; 11] = ["pol", "av", "ers", "ton", "ham", "gra", "dun", "vik", "mor", "bel", "sk"];
    const ELEMENTS: [&str; 10] = ["ox", "hel", "lith", "carb", "sod", "neon", "arg", "tit", "zin", "cob"];
    let mut text = format!("Deck(id: \"{id}\", title: \"Quiz book\", language: \"en\", content: Faq((entries: [\n");
    for index in 0..entries {
        let n = index / 4;
        let (question, answer) = match index % 4 {
            0 => (format!("What is the capital of {}?", invented(n, &PLACES)), invented(n * 7 + 3, &TOWNS)),
            1 => {
                let currency = invented(n * 5 + 1, &TOWNS).to_lowercase();
                (format!("What is the currency of {}?", invented(n, &PLACES)), format!("The {currency} crown"))
            }
            2 => {
                let element = invented(n, &ELEMENTS) + "ium";
                let symbol: String =
                    element.chars().take(1).chain(invented(n, &TOWNS).chars().skip(1).take(2)).collect();
                (format!("What is the symbol for {element}?"), symbol)
            }
            _ => (format!("Which element has the atomic number {}?", n + 1), invented(n, &ELEMENTS) + "ium"),
        };
        let _ = writeln!(text, "(id: \"t{index}\", question: \"{question}\", answer: \"{answer}\"),");
    }
    text.push_str("])))\n");
    text
}
