//! Near-duplicates among a deck's texts, at a cost per text that does not
//! depend on how many tokens the texts share (a Chinese deck with a small
//! vocabulary shares characters between nearly every pair of texts).
//!
//! Two texts are compared exactly, on demand ([`TextIndex::near_duplicate`]),
//! with the deck's own weights: a token held by more than a fifth of the
//! deck's texts is boilerplate and weighs a tenth of a distinctive one, and
//! texts sharing most of their tokens must share most of their weight too, so
//! "What is the capital of France?" and "…of Germany?" differ. Weights only
//! ever part texts: in a deck about two subjects, whose names are then its
//! commonest words, "How does A work?" and "How does B work?" stay apart.
//!
//! The relation over a whole set of texts (FAQ questions, list items: the
//! "is this asked twice?" and "which lists hold this?" questions) is found
//! without comparing every pair: texts equal once normalised by hashing,
//! texts containing others word for word by one sort of every text's
//! suffixes, and texts sharing most of their weight by `MinHash`
//! with locality-sensitive hashing; every candidate is then confirmed
//! exactly. Small sets are compared pair by pair.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};

// The index hashes every text and token it holds: Fx hashing (rustc-hash)
// is several times faster than SipHash on short keys, and deck texts are not
// chosen to collide a hash table on this machine.
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::packed::Packed;
use super::shape::{Kind, Shape};
use crate::core::phrases::Prompt;
use crate::core::text::{
    Comparable, SHARED_CHARACTER_SHARE, each_token_of, normalize, tokens_part_between, visit_tokens,
};

/// A token held by more than `1 / BOILERPLATE_SHARE` of the deck's texts, and
/// by at least `BOILERPLATE_TEXTS` of them, is boilerplate.
const BOILERPLATE_SHARE: usize = 5;
const BOILERPLATE_TEXTS: usize = 3;
/// The weight of a boilerplate token against 1 for a distinctive one.
const BOILERPLATE_WEIGHT: f64 = 0.1;

/// Sets of up to this many texts are compared pair by pair.
const EXHAUSTIVE: usize = 128;
/// `MinHash` bands and rows per band. Sharing three quarters of the heavier
/// text's weight means a weighted Jaccard similarity of at least 0.6, found
/// by 96% at exactly 0.6 and 99.9% from 0.7; unrelated short Chinese texts of a
/// 40-character vocabulary (similarity about 0.1) meet in a band once in
/// four thousand pairs.
const BANDS: usize = 40;
const ROWS: usize = 5;
/// Most texts paired with one text among texts equal to it, or with the
/// same tokens: what keeps a deck of thousands of copies of one text linear.
const CANDIDATES: usize = 128;
/// Most meetings of one text in the buckets of its band keys, over all the
/// bands, however many texts land there: the cost per text stays the same
/// whatever the deck's size and vocabulary. Short texts drawn from a few
/// dozen words or characters meet 45 to 60 others each in a deck of 10,000
/// and would meet ten times as many in one of 100,000, nearly all at random;
/// the imports of twenty real exports (`../shared/realfiles`: Anki, Quizlet,
/// HSK lists, in six languages) check the same, warning for warning, with
/// this bound as with 128 or 254.
const MEETINGS: usize = 48;
const _: () = assert!(MEETINGS <= u8::MAX as usize, "a member's meetings are counted in a byte");

#[derive(Debug, Default)]
pub struct TextIndex {
    /// Each text's id by a hash of the text: the texts are kept once, in
    /// `texts`, not again as keys (a 100,000-entry deck's are megabytes).
    ids: FxHashMap<u64, u32>,
    /// Texts whose hash another text had first.
    collided: FxHashMap<String, u32>,
    /// The texts end to end, text `id` ending at `ends[id]`: one string, not
    /// one apiece (a string's header and allocation, 200,000 times over).
    texts: String,
    ends: Vec<usize>,

    /// Each text's tokens as numbers, for comparing without hashing; no
    /// text keeps its tokens as strings (a 100,000-entry deck holds millions).
    prepared: Vec<Prepared>,
    /// Token → its number.
    numbers: FxHashMap<String, u32>,
    /// Whether each token number holds a digit.
    digits: Vec<bool>,
    /// Each token number's weight.
    weights: Vec<f64>,
    /// For each text of the related set, the texts of the set that are its
    /// near-duplicates, sorted (most texts have none).
    partners: Packed,
    /// Token number → how many texts hold it, for weights.
    holders: Vec<u32>,
    /// Pieces of prompts the index does not hold, by their text, and their
    /// tokens (see [`TextIndex::remember`]).
    remembered: FxHashMap<Box<str>, Box<[u32]>>,
    /// Token number → the first texts holding it (up to `KEPT_HOLDERS`),
    /// for related texts: a small vocabulary's every token is held by most
    /// of a large deck's texts, and [`TextIndex::related`] reads no further.
    postings: Vec<Vec<u32>>,
    /// Each text's [`Shape`] (by [`Shape::code`]), worked out when first
    /// asked (0 until then): a text is a candidate option of many questions.
    shapes: Vec<AtomicU8>,
    /// The id of each text given to [`TextIndex::new`], in the order given
    /// (`texts`, then `related`): the deck's code reads its texts' ids here
    /// rather than hashing each text again and probing for it at random.
    given: Vec<u32>,
}

/// Texts read on one core at a time, and in one wave over the cores (see
/// [`TextIndex::new`]).
const READ_CHUNK: usize = 1024;
const READ_WAVE: usize = 16 * READ_CHUNK;

/// A run of texts tokenised and normalised on one core: each token numbered
/// by its first sight in the run (`vocabulary`, in that order), and each
/// text's tokens and distinct tokens by those numbers, end to end.
struct Read {
    vocabulary: Vec<String>,
    tokens: Vec<u32>,
    distinct: Vec<u32>,
    texts: Vec<ReadText>,
}

/// One text of a [`Read`]: where its tokens and its distinct tokens end,
/// the hash of the text ([`text_hash`]), and of its normalised form.
struct ReadText {
    tokens_end: usize,
    distinct_end: usize,
    hash: u64,
    normalized: u64,
}

impl Read {
    fn of(texts: &[&str]) -> Read {
        // A token of one character (each of a Chinese text's) is looked up
        // by the character, without hashing and comparing a string.
        let mut chars: FxHashMap<char, u32> = FxHashMap::default();
        let mut local: FxHashMap<String, u32> = FxHashMap::default();
        // The last text (counted from 1) each token was seen in: a text's
        // distinct tokens are those it is the first to see, in one pass,
        // without sorting its tokens.
        let mut last_seen: Vec<usize> = Vec::new();
        let mut read = Read {
            vocabulary: Vec::new(),
            tokens: Vec::new(),
            distinct: Vec::new(),
            texts: Vec::with_capacity(texts.len()),
        };
        for (seen_in, text) in (1..).zip(texts) {
            let start = read.tokens.len();
            let normalized = visit_tokens(text, |token| {
                let known = match single_char(token) {
                    Some(c) => chars.get(&c),
                    None => local.get(token),
                };
                let number = if let Some(&number) = known {
                    number
                } else {
                    let number = u32::try_from(read.vocabulary.len()).unwrap_or(u32::MAX);
                    match single_char(token) {
                        Some(c) => chars.insert(c, number),
                        None => local.insert(token.to_owned(), number),
                    };
                    read.vocabulary.push(token.to_owned());
                    number
                };
                read.tokens.push(number);
            });
            last_seen.resize(read.vocabulary.len(), 0);
            for &token in &read.tokens[start..] {
                let last = &mut last_seen[token as usize];
                if *last != seen_in {
                    *last = seen_in;
                    read.distinct.push(token);
                }
            }
            read.texts.push(ReadText {
                tokens_end: read.tokens.len(),
                distinct_end: read.distinct.len(),
                hash: text_hash(text),
                normalized: fnv(normalized.as_bytes()),
            });
        }
        read
    }

    /// Each text's tokens, distinct tokens (by the run's numbers), and
    /// hashes.
    fn texts(&self) -> impl Iterator<Item = (&[u32], &[u32], &ReadText)> {
        let starts = std::iter::once((0, 0)).chain(self.texts.iter().map(|text| (text.tokens_end, text.distinct_end)));
        self.texts.iter().zip(starts).map(|(text, (tokens, distinct))| {
            (&self.tokens[tokens..text.tokens_end], &self.distinct[distinct..text.distinct_end], text)
        })
    }
}

/// A text's only character, if it has one alone.
fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// Texts kept per token in [`TextIndex`]'s postings: what
/// [`TextIndex::related`] reads for the most it is asked.
const KEPT_HOLDERS: usize = RELATED_READ * super::options::POOL;
/// Texts [`TextIndex::related`] reads per token, per text asked for.
const RELATED_READ: usize = 4;

impl TextIndex {
    /// Indexes distinct texts, and finds the near-duplicates among `related`
    /// (texts of `texts` or not) for [`TextIndex::partners`].
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>, related: impl IntoIterator<Item = &'t str>) -> TextIndex {
        let mut index = TextIndex::default();
        let texts: Vec<&str> = texts.into_iter().collect();
        let related: Vec<&str> = related.into_iter().collect();
        let all: Vec<&str> = texts.iter().chain(&related).copied().collect();
        // Sized for every text at once: grown by doubling, a 100,000-entry
        // deck's tables were copied, and their memory touched afresh, a
        // dozen times over. What repeated texts leave unused is given back
        // below (a lists deck's items may repeat throughout).
        index.texts.reserve(all.iter().map(|text| text.len()).sum());
        index.ends.reserve(all.len());
        index.ids.reserve(all.len());
        let mut numbered: Vec<(Vec<u32>, u64)> = Vec::with_capacity(all.len());
        let mut ids: Vec<usize> = Vec::with_capacity(all.len());
        // Read (tokenised, normalised, hashed) over the cores, a wave of
        // texts at a time so that little waits read; then numbered here, in
        // order, so that each text's id and each token's number are what
        // reading the texts one by one gives, while the cores read the next
        // wave; then each new text's tokens renumbered over the cores.
        let read_wave = |wave: &[&str]| -> Vec<Read> { wave.par_chunks(READ_CHUNK).map(Read::of).collect() };
        let waves: Vec<&[&str]> = all.chunks(READ_WAVE).collect();
        let mut next = waves.first().map(|wave| read_wave(wave));
        for (at, wave) in waves.iter().enumerate() {
            let read = next.take().unwrap_or_default();
            let mut fresh: Vec<(usize, &[u32], u64)> = Vec::new();
            let (numbers, after) = rayon::join(
                || index.number_wave(wave, &read, &mut ids, &mut fresh),
                || waves.get(at + 1).map(|wave| read_wave(wave)),
            );
            next = after;
            numbered.par_extend(fresh.into_par_iter().map(|(at, tokens, normalized)| {
                (tokens.iter().map(|&local| numbers[at][local as usize]).collect(), normalized)
            }));
        }
        index.texts.shrink_to_fit();
        index.ends.shrink_to_fit();
        index.shapes = (0..index.ends.len()).map(|_| AtomicU8::new(0)).collect();
        index.given = ids.iter().map(|&id| u32::try_from(id).unwrap_or(u32::MAX)).collect();
        let mut set = ids.split_off(texts.len());
        set.sort_unstable();
        set.dedup();
        let count = index.ends.len();
        index.weights = index.holders.iter().map(|&holders| weight_of(holders as usize, count)).collect();
        index.prepare(numbered, &set);
        let pairs = index.pairs_among(&set);
        // Each pair placed both ways, read from the pairs found (a large
        // deck's English FAQ has 400,000) rather than copied out first.
        let placed = || {
            pairs
                .0
                .iter()
                .map(|&key| Pairs::ids(key))
                .flat_map(|(a, b)| [(a, b), (b, a)])
                .map(|(from, to)| (from, u32::try_from(to).unwrap_or(u32::MAX)))
        };
        index.partners = Packed::grouped_from(index.ends.len(), placed);
        index.partners.sort_each();
        index
    }

    /// Numbers a wave of texts as read (`read`, a [`Read`] per chunk of
    /// [`READ_CHUNK`] texts): each text's id pushed to `ids`, and each new
    /// text's tokens (by its chunk's numbers) and normalised hash to
    /// `fresh`, with its chunk; returns each chunk's numbers for the
    /// index's.
    fn number_wave<'r>(
        &mut self,
        wave: &[&str],
        read: &'r [Read],
        ids: &mut Vec<usize>,
        fresh: &mut Vec<(usize, &'r [u32], u64)>,
    ) -> Vec<Vec<u32>> {
        read.iter()
            .enumerate()
            .map(|(at, read)| {
                let numbers: Vec<u32> = read.vocabulary.iter().map(|token| self.token_number(token)).collect();
                let chunk = &wave[at * READ_CHUNK..];
                for (text, (tokens, distinct, hashes)) in chunk.iter().zip(read.texts()) {
                    let distinct = distinct.iter().map(|&local| numbers[local as usize]);
                    let (id, new) = self.add(text, hashes.hash, distinct);
                    ids.push(id);
                    if new {
                        fresh.push((at, tokens, hashes.normalized));
                    }
                }
                numbers
            })
            .collect()
    }

    /// Indexed text `id`.
    fn text(&self, id: usize) -> &str {
        &self.texts[super::packed::span(&self.ends, id).unwrap_or_default()]
    }

    /// `text`'s [`Kind`], `id` its id if the index holds it: its shape is
    /// then worked out once.
    pub(super) fn kind(&self, text: &str, id: Option<usize>) -> Kind {
        let Some(kept) = id.and_then(|id| self.shapes.get(id)) else {
            return Kind::of(text);
        };
        let shape = Shape::from_code(kept.load(Ordering::Relaxed)).unwrap_or_else(|| {
            let shape = Shape::of(text);
            kept.store(shape.code(), Ordering::Relaxed);
            shape
        });
        Kind::shaped(shape, text)
    }

    /// An indexed text's id.
    pub(super) fn id_of(&self, text: &str) -> Option<usize> {
        self.id_by_hash(text, text_hash(text))
    }

    /// [`TextIndex::id_of`] of a text whose [`text_hash`] is `hash`.
    fn id_by_hash(&self, text: &str, hash: u64) -> Option<usize> {
        let first = *self.ids.get(&hash)? as usize;
        if first < self.ends.len() && self.text(first) == text {
            return Some(first);
        }
        self.collided.get(text).map(|&id| id as usize)
    }

    /// Adds a text once (`hash` its [`text_hash`]), with the postings of its
    /// distinct tokens: its id, and whether it is new.
    fn add(&mut self, text: &str, hash: u64, distinct: impl Iterator<Item = u32>) -> (usize, bool) {
        if let Some(id) = self.id_by_hash(text, hash) {
            return (id, false);
        }
        let id = self.ends.len();
        let holder = u32::try_from(id).unwrap_or(u32::MAX);
        for number in distinct {
            self.holders[number as usize] += 1;
            let posting = &mut self.postings[number as usize];
            if posting.len() < KEPT_HOLDERS {
                posting.push(holder);
            }
        }
        match self.ids.entry(hash) {
            std::collections::hash_map::Entry::Vacant(vacant) => {
                vacant.insert(holder);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(text.to_owned(), holder);
            }
        }
        self.texts.push_str(text);
        self.ends.push(self.texts.len());
        (id, true)
    }

    /// A token's number, given on first sight.
    fn token_number(&mut self, token: &str) -> u32 {
        if let Some(&number) = self.numbers.get(token) {
            return number;
        }
        let number = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.numbers.insert(token.to_owned(), number);
        self.postings.push(Vec::new());
        self.holders.push(0);
        self.digits.push(token.chars().any(|c| c.is_ascii_digit()));
        number
    }

    /// Numbers the tokens of texts the index does not hold but prompts are
    /// made of (the words of the question frames, the names put in them),
    /// after the deck's own, and keeps each text's tokens: such a piece of
    /// a prompt is not tokenised again (see [`TextIndex::numbered_prompt`]).
    /// Two texts then share these tokens as they would share unknown ones.
    pub(super) fn remember<'t>(&mut self, pieces: impl IntoIterator<Item = &'t str>) {
        for piece in pieces {
            if piece.is_empty() || self.remembered.contains_key(piece) || self.id_of(piece).is_some() {
                continue;
            }
            let mut tokens = Vec::new();
            each_token_of(piece, |token| tokens.push(self.token_number(token)));
            self.remembered.insert(piece.into(), tokens.into());
        }
        // Held by no indexed text: distinctive, as a token the deck never uses.
        self.weights.resize(self.holders.len(), weight_of(0, self.ends.len()));
    }

    /// Lays out each text for [`TextIndex::alike_ids`]. The sorted bag is
    /// kept for the texts of the related set (`related`, sorted), which the
    /// deck-wide search compares many times over; another text's is sorted
    /// when asked (see [`TextIndex::bag`]), not kept for 100,000 answers.
    fn prepare(&mut self, numbered: Vec<(Vec<u32>, u64)>, related: &[usize]) {
        let (digits, weights) = (&self.digits, &self.weights);
        self.prepared = numbered
            .into_par_iter()
            .enumerate()
            .map(|(id, (tokens, normalized))| {
                let total = tokens.iter().map(|&token| weights[token as usize]).sum();
                Prepared::new(tokens, related.binary_search(&id).is_ok(), digits, total, normalized)
            })
            .collect();
    }

    /// An indexed text's tokens sorted (a multiset): kept, or sorted now.
    fn bag(&self, id: usize) -> Cow<'_, [u32]> {
        bag_of(self.prepared[id].tokens(), self.kept_bag(id))
    }

    /// An indexed text's tokens sorted, where [`TextIndex::prepare`] kept them.
    fn kept_bag(&self, id: usize) -> Option<&[u32]> {
        self.prepared[id].kept_bag()
    }

    /// [`Comparable::near_duplicate_weighing`] of two indexed texts, by
    /// token numbers: the same answer without a hash per token.
    pub(super) fn alike_ids(&self, first: usize, second: usize) -> bool {
        let (a, b) = (&self.prepared[first], &self.prepared[second]);
        if first == second || (a.normalized == b.normalized && self.same_normalized(first, second)) {
            return true;
        }
        if a.tokens().is_empty() || b.tokens().is_empty() {
            return false;
        }
        let contains = |haystack: &[u32], needle: &[u32]| {
            // Element by element: texts are short, a slice compare's call
            // costs more than it saves.
            needle.len() <= haystack.len()
                && haystack.windows(needle.len()).any(|window| window.iter().zip(needle).all(|(x, y)| x == y))
        };
        if contains(a.tokens(), b.tokens()) || contains(b.tokens(), a.tokens()) {
            return true;
        }
        // Sharing three quarters of the longer's tokens needs lengths within a
        // quarter of each other: most pairs part here, before the merge.
        let (shorter, longer) = (a.tokens().len().min(b.tokens().len()), a.tokens().len().max(b.tokens().len()));
        if (shorter as f64) < SHARED_CHARACTER_SHARE * longer as f64 || a.numbers() != b.numbers() {
            return false;
        }
        // The shared multiset: a merge of the sorted bags.
        let (a_bag, b_bag) = (self.bag(first), self.bag(second));
        let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0usize);
        while i < a_bag.len() && j < b_bag.len() {
            match a_bag[i].cmp(&b_bag[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weights[a_bag[i] as usize];
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let heavier = a.total.max(b.total);
        Self::plain_share(count, a, b) >= SHARED_CHARACTER_SHARE
            && (heavier <= 0.0 || shared / heavier >= SHARED_CHARACTER_SHARE)
    }

    /// Whether two indexed texts are equal once normalised: the forms are
    /// made again, asked only of texts whose forms' hashes are equal (each
    /// text's form would double the index's text).
    fn same_normalized(&self, first: usize, second: usize) -> bool {
        normalize(self.text(first)) == normalize(self.text(second))
    }

    fn plain_share(count: usize, a: &Prepared, b: &Prepared) -> f64 {
        let longer = a.tokens().len().max(b.tokens().len());
        if longer == 0 { 1.0 } else { count as f64 / longer as f64 }
    }

    /// Tokens two texts share (as multisets) over the longer's count, as
    /// [`Comparable::share`] gives it: the same figure, by token numbers for
    /// indexed texts.
    #[must_use]
    pub fn share(&self, a: &str, b: &str) -> f64 {
        let (Some(first), Some(second)) = (self.id_of(a), self.id_of(b)) else {
            return Comparable::new(a).share(&Comparable::new(b));
        };
        let count = shared_count(&self.bag(first), &self.bag(second));
        Self::plain_share(count, &self.prepared[first], &self.prepared[second])
    }

    /// A token's weight in this deck (see the module's note); a token the
    /// deck never uses is distinctive.
    fn weight(&self, token: &str) -> f64 {
        self.numbers.get(token).map_or(1.0, |&number| self.weights[number as usize])
    }

    fn alike(&self, a: &Comparable, b: &Comparable) -> bool {
        a.near_duplicate_weighing(b, &|token| self.weight(token))
    }

    /// The near-duplicate pairs among `set` (ids, sorted, distinct).
    fn pairs_among(&self, set: &[usize]) -> Pairs {
        if set.len() <= EXHAUSTIVE {
            let mut keys = Vec::new();
            for (position, &a) in set.iter().enumerate() {
                for &b in &set[position + 1..] {
                    if self.alike_ids(a, b) {
                        keys.push(Pairs::key(a, b));
                    }
                }
            }
            return Pairs::of(keys);
        }
        let mut known = self.equal_normalized(set);
        known.extend(self.containment(set));
        let known = Pairs::of(known);
        // Sharing most of their weight: texts meeting in a band are candidates.
        // Only each band's key is kept, not the whole signature (a fifth of
        // the memory on a deck of 100,000 texts), band by band. Each band is
        // swept in shards of its keys (see [`Shard`]) over the cores: a
        // member has one key in a band, so the shards meet apart members,
        // and each member's meetings are those a single sweep would give it
        // whatever the cores.
        let members = set.len();
        let parts = rayon::current_num_threads().clamp(1, members.max(1));
        let band_keys = self.band_keys(set, parts);
        let met = Pairs::of(self.met_in_bands(set, &band_keys));
        let found = self.confirmed(met, &known);
        known.with(found)
    }

    /// The pairs of `set`'s texts equal once normalised, as [`Pairs::key`]s.
    fn equal_normalized(&self, set: &[usize]) -> Vec<u64> {
        // By a sort of their forms' hashes, not a map of a list per hash
        // (100,000 lists, nearly all of one text, made and freed).
        let mut hashed: Vec<(u64, usize)> = set.iter().map(|&id| (self.prepared[id].normalized, id)).collect();
        hashed.par_sort_unstable();
        let mut keys = Vec::new();
        for same_hash in hashed.chunk_by(|a, b| a.0 == b.0).filter(|same| same.len() > 1) {
            // The forms themselves, made again for the few texts whose hash
            // another shares.
            let mut forms: Vec<(String, usize)> =
                same_hash.iter().map(|&(_, id)| (normalize(self.text(id)), id)).collect();
            forms.sort();
            for equal in forms.chunk_by(|a, b| a.0 == b.0) {
                let ids: Vec<usize> = equal.iter().map(|(_, id)| *id).collect();
                pair_up(&ids, |a, b| keys.push(Pairs::key(a, b)));
            }
        }
        keys
    }

    /// The pairs of `set` whose members meet in the buckets of their band
    /// keys and whose sketches may share most of their tokens (see
    /// [`Sketch`]), as [`Pairs::key`]s in no order, some more than once:
    /// each member meets at most `MEETINGS` others over all the bands.
    fn met_in_bands(&self, set: &[usize], band_keys: &BandKeys) -> Vec<u64> {
        let members = set.len();
        // Most random meetings of short texts part on their sketches (a
        // small vocabulary makes meetings many and near-duplicates few),
        // copied beside each shard's sorted keys so that a bucket's are
        // read in order, not from anywhere in the deck.
        let sketches: Vec<Sketch> = set.par_iter().map(|&id| Sketch::of(self.prepared[id].tokens())).collect();
        let mut met: Vec<u8> = vec![0; members];
        let mut shards: Vec<Shard> =
            (0..SHARDS).map(|remainder| Shard { remainder, met: Vec::new(), counts: Vec::new() }).collect();
        for band in 0..BANDS {
            let band = &band_keys.bands[band * members..][..members];
            let meeting = Meeting { set, band, signed: &band_keys.signed, sketches: &sketches, met: &met };
            shards.par_iter_mut().for_each(|shard| shard.sweep(&meeting));
            for shard in &mut shards {
                for (member, count) in shard.counts.drain(..) {
                    met[member as usize] = count;
                }
            }
        }
        let mut pairs: Vec<u64> = Vec::with_capacity(shards.iter().map(|shard| shard.met.len()).sum());
        for shard in shards {
            pairs.extend(shard.met);
        }
        pairs
    }

    /// The pairs of `met` that are not `known` and are near-duplicates,
    /// each compared once. Told from the known ones by reading both lists
    /// in order, not by probing a set of them at random for each (a pair
    /// alike in several bands meets in each, and most pairs met in a large
    /// deck of a small vocabulary are known, one text holding the other);
    /// compared in the order of their first texts, over the cores.
    fn confirmed(&self, met: Pairs, known: &Pairs) -> Pairs {
        let mut known = known.0.iter().copied().peekable();
        let unknown: Vec<u64> = met
            .0
            .into_iter()
            .filter(|&key| {
                while known.next_if(|&known| known < key).is_some() {}
                known.peek() != Some(&key)
            })
            .collect();
        // Filtered in order, so still sorted.
        Pairs(
            unknown
                .into_par_iter()
                .filter(|&key| {
                    let (a, b) = Pairs::ids(key);
                    a != b && self.alike_ids(a, b)
                })
                .collect(),
        )
    }

    /// Each member's band keys (see [`TextIndex::signature`]), band-major,
    /// worked out over `parts` cores, each for a run of members; and whether
    /// each member has a signature (an empty text has none).
    fn band_keys(&self, set: &[usize], parts: usize) -> BandKeys {
        let members = set.len();
        let mut bands: Vec<u32> = vec![0; BANDS * members];
        let bounds: Vec<usize> = (0..=parts).map(|part| part * members / parts).collect();
        // Each part's piece of every band, so that the parts write apart.
        let mut pieces: Vec<Vec<&mut [u32]>> = (0..parts).map(|_| Vec::with_capacity(BANDS)).collect();
        for band in bands.chunks_mut(members.max(1)) {
            let mut rest = band;
            for (part, piece_list) in pieces.iter_mut().enumerate() {
                let (piece, after) = rest.split_at_mut(bounds[part + 1] - bounds[part]);
                piece_list.push(piece);
                rest = after;
            }
        }
        let signed: Vec<Vec<bool>> = pieces
            .into_par_iter()
            .enumerate()
            .map(|(part, mut piece_list)| {
                let mut signed = Vec::with_capacity(bounds[part + 1] - bounds[part]);
                let mut uniforms = Uniforms::new();
                for (at, &id) in set[bounds[part]..bounds[part + 1]].iter().enumerate() {
                    let signature = self.signature(&self.prepared[id], &mut uniforms);
                    signed.push(!signature.is_empty());
                    for (band, rows) in signature.chunks_exact(ROWS).enumerate() {
                        let key = rows.iter().fold(mix(band as u64), |key, row| mix(key ^ row));
                        // The high half: a chance collision of two keys then
                        // joins two buckets of a band a few times in 100,000
                        // texts, each a meeting that parts on its sketch.
                        piece_list[band][at] = u32::try_from(key >> 32).unwrap_or(u32::MAX);
                    }
                }
                signed
            })
            .collect();
        BandKeys { bands, signed: signed.concat() }
    }

    /// The pairs of `set` where one text's tokens occur, in order and
    /// together, in the other's, as [`Pairs::key`]s (some more than once).
    /// Every suffix of every text is sorted once;
    /// the suffixes beginning with a text then follow it in that order, so
    /// the cost is the sort plus the pairs found. (An Aho–Corasick automaton
    /// of every text did the same, but the `aho-corasick` crate's build
    /// grows faster than its patterns at 100,000 English texts, and
    /// `daachorse`'s held 40 MB more for a Chinese deck.)
    fn containment(&self, set: &[usize]) -> Vec<u64> {
        use std::hash::BuildHasher as _;
        // The texts of the same tokens together, by a hash of their tokens
        // sorted over the cores (a hash map of 100,000 token lists, built
        // on one core, took a seventh of the search). Which pairs are found
        // does not depend on their order.
        let mut hashed: Vec<(u64, usize, &[u32])> = set
            .par_iter()
            .map(|&id| (self.prepared[id].tokens(), id))
            .filter(|(tokens, _)| !tokens.is_empty())
            .map(|(tokens, id)| (rustc_hash::FxBuildHasher.hash_one(tokens), id, tokens))
            .collect();
        hashed.par_sort_unstable_by_key(|&(hash, id, _)| (hash, id));
        let mut texts: Vec<(&[u32], Vec<usize>)> = Vec::with_capacity(hashed.len());
        for same_hash in hashed.chunk_by(|a, b| a.0 == b.0) {
            // Texts whose hashes collide are told apart by their tokens.
            let start = texts.len();
            for &(_, id, tokens) in same_hash {
                match texts[start..].iter_mut().find(|(other, _)| *other == tokens) {
                    Some((_, ids)) => ids.push(id),
                    None => texts.push((tokens, vec![id])),
                }
            }
        }
        // Then in the order of their first ids, the order their tokens lie
        // in memory: the suffixes are made from them in that order (in the
        // hashes' order, each text's tokens were a read from anywhere).
        texts.par_sort_unstable_by_key(|(_, ids)| ids[0]);
        // The pairs listed as found (most of the 391,380 pairs of the
        // English bench FAQ at 100,000 entries are found here).
        let mut found: Vec<u64> = Vec::new();
        for (_, ids) in &texts {
            pair_up(ids, |a, b| found.push(Pairs::key(a, b)));
        }
        let suffixes = Suffixes::sorted(&texts, self.postings.len());
        for (at, suffix) in suffixes.order.iter().enumerate() {
            if suffix.offset != 0 {
                continue;
            }
            let (before, after) = suffixes.order.split_at(at);
            // Suffixes equal to the text sort either side of it; longer ones
            // beginning with it, after.
            let begins = |other: &&Suffix| suffixes.begins_with(other, suffix);
            let equal = before.iter().rev().take_while(begins);
            let beginning = after[1..].iter().take_while(begins);
            for other in equal.chain(beginning) {
                for &a in texts[other.text as usize].1.iter().take(CANDIDATES) {
                    for &b in texts[suffix.text as usize].1.iter().take(CANDIDATES) {
                        found.push(Pairs::key(a, b));
                    }
                }
            }
        }
        found
    }

    /// A text's weighted `MinHash`: for each of `BANDS × ROWS` hash functions,
    /// the token (with its occurrence number, so repeats count) winning an
    /// exponential race where a token's weight is its speed — two texts pick
    /// the same token with a probability of at least their weighted Jaccard
    /// similarity.
    fn signature(&self, text: &Prepared, uniforms: &mut Uniforms) -> Vec<u64> {
        if text.tokens().is_empty() {
            return Vec::new();
        }
        // Each token's occurrence number (1 for its first in the text), by
        // a sort of the positions rather than a hash map per text.
        let mut order: Vec<usize> = (0..text.tokens().len()).collect();
        order.sort_unstable_by_key(|&at| (text.tokens()[at], at));
        let mut occurrences = vec![0u64; text.tokens().len()];
        for (rank, &at) in order.iter().enumerate() {
            let before = rank.checked_sub(1).map(|previous| order[previous]);
            occurrences[at] = match before {
                Some(previous) if text.tokens()[previous] == text.tokens()[at] => occurrences[previous] + 1,
                _ => 1,
            };
        }
        let elements = text
            .tokens()
            .iter()
            .zip(&occurrences)
            .map(|(&token, &occurrence)| (token, mix((u64::from(token) << 32) ^ occurrence)));
        // (A token weighs 1 or `BOILERPLATE_WEIGHT`.)
        let boilerplate = |token: u32| self.weights[token as usize] < 1.0;
        if text.tokens().iter().all(|&token| boilerplate(token) == boilerplate(text.tokens()[0])) {
            // Every token weighs the same (a Chinese deck of a small
            // vocabulary, whose every character is boilerplate): u^(1/w)
            // orders the tokens as u does, and the race is run on u alone.
            let elements: Vec<u64> = elements.map(|(_, element)| element).collect();
            return race_even(&elements, uniforms).unwrap_or_else(|| {
                let elements = elements.into_iter().map(|element| ((), element));
                race(elements, uniforms, -1i32, |(), uniform| i32::from(uniform))
            });
        }
        // u^(1/w) orders as -ln(u)/w: the race without a logarithm.
        race(
            elements.map(|(token, element)| (boilerplate(token), element)),
            uniforms,
            f64::NEG_INFINITY,
            |boilerplate, uniform| {
                let uniform = (f64::from(uniform) + 0.5) / 65_536.0;
                if boilerplate { uniform.powi(10) } else { uniform }
            },
        )
    }

    /// `text`'s tokens by this index's numbers: an indexed text's as
    /// prepared, without tokenising it again; for another text, each token
    /// the index does not hold is numbered by `unknown` (see [`Unknown`]).
    pub(super) fn numbered(&self, text: &str, unknown: impl FnMut(&str) -> u32) -> Numbered<'_> {
        self.numbered_known(text, self.id_of(text), unknown)
    }

    /// [`TextIndex::numbered`] of a text whose id (if indexed) the caller
    /// already knows.
    pub(super) fn numbered_known(
        &self,
        text: &str,
        id: Option<usize>,
        mut unknown: impl FnMut(&str) -> u32,
    ) -> Numbered<'_> {
        if let Some(id) = id {
            return Numbered { tokens: Cow::Borrowed(self.prepared[id].tokens()), kept_bag: self.kept_bag(id) };
        }
        let mut tokens: Vec<u32> = Vec::new();
        self.number_tokens(text, &mut tokens, &mut unknown);
        Numbered::of(tokens)
    }

    /// [`TextIndex::numbered`] of a prompt: a frame's words around deck
    /// texts (see [`Prompt`]). Where every boundary between the pieces
    /// parts tokens (see [`tokens_part_between`]), the texts the index holds
    /// are taken as it numbered them and only the frame's words are
    /// tokenised: a deck of 100,000 items asks hundreds of thousands of
    /// prompts, each mostly a deck text.
    /// `known` holds the prompt's id where the caller knows it is a deck
    /// text whole, and that of the one text put in its frame where the
    /// caller knows that.
    pub(super) fn numbered_prompt(
        &self,
        prompt: Prompt<'_>,
        known: super::Known,
        mut unknown: impl FnMut(&str) -> u32,
    ) -> Numbered<'_> {
        if prompt.values.is_empty() {
            return self.numbered_known(prompt.text, known.prompt.or_else(|| self.id_of(prompt.text)), unknown);
        }
        let mut pieces: Vec<(&str, bool)> = Vec::with_capacity(2 * prompt.values.len() + 1);
        let mut at = 0;
        for value in prompt.values {
            match (prompt.text.get(at..value.start), prompt.text.get(value.clone())) {
                (Some(frame), Some(value)) => pieces.extend([(frame, false), (value, true)]),
                _ => return self.numbered(prompt.text, unknown),
            }
            at = value.end;
        }
        pieces.push((prompt.text.get(at..).unwrap_or_default(), false));
        pieces.retain(|(piece, _)| !piece.is_empty());
        let parts = pieces.windows(2).all(|pair| match (pair[0].0.chars().next_back(), pair[1].0.chars().next()) {
            (Some(last), Some(first)) => tokens_part_between(last, first),
            _ => false,
        });
        if !parts {
            return self.numbered(prompt.text, unknown);
        }
        // A remembered piece is no indexed text (see [`TextIndex::remember`]):
        // the names put in a frame are found in that small map, and the
        // known text is the one value left (counted before empty pieces are
        // dropped), without probing the table of every text at random (a
        // read from memory per prompt of a large deck).
        let remembered = |piece: &str| self.remembered.get(piece).map(|known| &**known);
        let open = prompt.values.iter().filter_map(|value| prompt.text.get(value.clone()));
        let framed = known.framed.filter(|_| open.filter(|&piece| remembered(piece).is_none()).count() == 1);
        let mut tokens: Vec<u32> = Vec::new();
        for (piece, value) in pieces {
            if let Some(known) = remembered(piece) {
                tokens.extend_from_slice(known);
            } else if let Some(id) = value.then(|| framed.or_else(|| self.id_of(piece))).flatten() {
                debug_assert_eq!(self.text(id), piece, "the text put in the frame is the one known");
                tokens.extend_from_slice(self.prepared[id].tokens());
            } else {
                self.number_tokens(piece, &mut tokens, &mut unknown);
            }
        }
        Numbered::of(tokens)
    }

    /// Appends `text`'s tokens by this index's numbers, or `unknown`'s.
    fn number_tokens(&self, text: &str, tokens: &mut Vec<u32>, unknown: &mut impl FnMut(&str) -> u32) {
        each_token_of(text, |token| tokens.push(self.numbers.get(token).copied().unwrap_or_else(|| unknown(token))));
    }

    /// Whether two texts are near-duplicates, by this deck's weights: exact,
    /// for texts indexed or not.
    #[must_use]
    pub fn near_duplicate(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        match (self.id_of(a), self.id_of(b)) {
            (Some(x), Some(y)) => self.alike_ids(x, y),
            _ => self.alike(&Comparable::new(a), &Comparable::new(b)),
        }
    }

    /// [`TextIndex::near_duplicate`] of two texts whose ids (if indexed)
    /// the caller already knows.
    pub(super) fn near_duplicate_known(
        &self,
        (a, a_id): (&str, Option<usize>),
        (b, b_id): (&str, Option<usize>),
    ) -> bool {
        match (a_id, b_id) {
            (Some(x), Some(y)) => self.alike_ids(x, y),
            _ => self.near_duplicate(a, b),
        }
    }

    /// How many texts the index holds (ids run below it).
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The ids of the texts given to [`TextIndex::new`], in the order given
    /// (`texts`, then `related`).
    pub(super) fn given_ids(&self) -> &[u32] {
        &self.given
    }

    /// The ids of [`TextIndex::partners`] of indexed text `id`.
    pub(super) fn partner_ids(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        self.partners.get(id).unwrap_or_default().iter().map(|&other| other as usize)
    }

    /// The texts of the related set that are near-duplicates of `text`
    /// (the deck's code asks [`TextIndex::partner_ids`]).
    #[cfg(test)]
    pub fn partners<'s>(&'s self, text: &str) -> impl Iterator<Item = &'s str> + 's {
        self.id_of(text)
            .and_then(|id| self.partners.get(id))
            .unwrap_or_default()
            .iter()
            .map(|&other| self.text(other as usize))
    }

    /// Up to `limit` indexed texts sharing the most of `text`'s rarer tokens,
    /// most shared first: where the most confusable options are found.
    /// `limit` is at most the options' pool (see `KEPT_HOLDERS`).
    #[must_use]
    pub fn related(&self, text: &str, limit: usize) -> Vec<&str> {
        let Some(id) = self.id_of(text) else { return Vec::new() };
        // Its distinct tokens rarest first, worked out here rather than kept
        // for every text: asked only of questions with many candidates.
        let mut rare_first = self.bag(id).into_owned();
        rare_first.dedup();
        rare_first.sort_by_key(|&token| (self.holders[token as usize], token));
        let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
        for &token in rare_first.iter().take(8) {
            // A token held by most texts says little and costs much.
            let posting = &self.postings[token as usize];
            for &other in posting.iter().take(RELATED_READ * limit.clamp(1, super::options::POOL)) {
                let other = other as usize;
                if other != id {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(other, _)| self.text(other)).collect()
    }
}

/// A text's tokens as numbers (see [`TextIndex::numbered`]), in order and
/// sorted: what [`Comparable::holds`] and [`Comparable::echoed_by`] compare,
/// without a string per token.
#[derive(Debug)]
pub(super) struct Numbered<'i> {
    tokens: Cow<'i, [u32]>,
    /// The tokens sorted (a multiset), where the index keeps them so; sorted
    /// when asked otherwise (see [`Numbered::bag`]).
    kept_bag: Option<&'i [u32]>,
}

impl Numbered<'_> {
    fn of(tokens: Vec<u32>) -> Numbered<'static> {
        Numbered { tokens: Cow::Owned(tokens), kept_bag: None }
    }

    /// The tokens sorted: only [`Numbered::echoed_by`] reads them, and most
    /// texts numbered are only looked for in a prompt (a deck's answers and
    /// prompts, hundreds of thousands of them, would each be sorted for
    /// nothing).
    fn bag(&self) -> Cow<'_, [u32]> {
        bag_of(&self.tokens, self.kept_bag)
    }

    /// [`Comparable::holds`]: `other`'s tokens stand in this text one after another.
    pub(super) fn holds(&self, other: &Numbered) -> bool {
        let (haystack, needle) = (&*self.tokens, &*other.tokens);
        !needle.is_empty()
            && needle.len() <= haystack.len()
            && haystack.windows(needle.len()).any(|window| window[0] == needle[0] && window == needle)
    }

    /// [`Comparable::echoed_by`]: how many of this text's tokens (with
    /// repeats) `other` repeats — the shared multiset, by a merge.
    pub(super) fn echoed_by(&self, other: &Numbered) -> usize {
        shared_count(&self.bag(), &other.bag())
    }

    pub(super) fn len(&self) -> usize {
        self.tokens.len()
    }
}

/// Numbers for the tokens of one text outside the index (a question's
/// prompt), counting down from `u32::MAX - 1`; [`Unknown::get`] gives any
/// other token outside the index `u32::MAX`, which no numbered token
/// equals. The index numbers its own tokens from 0, far below.
#[derive(Debug, Default)]
pub(super) struct Unknown(FxHashMap<String, u32>);

impl Unknown {
    /// The number of a token of the text numbered first, given on first sight.
    pub(super) fn add(&mut self, token: &str) -> u32 {
        let next = u32::MAX - 1 - u32::try_from(self.0.len()).unwrap_or(u32::MAX / 2);
        *self.0.entry(token.to_owned()).or_insert(next)
    }

    /// The number of a token of another text: that of the first text's
    /// same token, or `u32::MAX`.
    pub(super) fn get(&self, token: &str) -> u32 {
        self.0.get(token).copied().unwrap_or(u32::MAX)
    }
}

/// What a text's tokens allow of a pair, in 16 bytes: its length and a
/// bit per token number modulo 64. A token of one text whose bit the other
/// lacks is not shared, so the bits bound the shared count from above, and
/// a pair that cannot share three quarters of the longer's tokens parts
/// without reading either text.
#[derive(Debug, Clone, Copy)]
struct Sketch {
    length: u32,
    bits: u64,
}

impl Sketch {
    fn of(tokens: &[u32]) -> Sketch {
        let bits = tokens.iter().fold(0u64, |bits, &token| bits | 1 << (token % 64));
        Sketch { length: u32::try_from(tokens.len()).unwrap_or(u32::MAX), bits }
    }

    /// Whether the two texts may share `SHARED_CHARACTER_SHARE` of the
    /// longer's tokens: what [`TextIndex::alike_ids`] asks of a pair that is
    /// neither equal nor one inside the other.
    fn may_share_most(&self, other: &Sketch) -> bool {
        // Each bit set in one sketch only stands for at least one token the
        // other text does not hold.
        let at_most_shared = |a: &Sketch, b: &Sketch| a.length.saturating_sub((a.bits & !b.bits).count_ones());
        let bound = at_most_shared(self, other).min(at_most_shared(other, self));
        let longer = self.length.max(other.length);
        longer > 0 && f64::from(bound) >= SHARED_CHARACTER_SHARE * f64::from(longer)
    }
}

/// A text laid out for comparison: its tokens as numbers in order, the same
/// sorted (a multiset, kept for the texts of the related set only), the
/// numbers it states, sorted, and its total weight. The three lists lie end
/// to end in one allocation: a comparison reads them together, and at
/// 100,000 entries three allocations a text were three reads from anywhere
/// in memory (the pair check cost 20 times its 10,000-entry cost for 13
/// times the calls).
#[derive(Debug, Default)]
struct Prepared {
    /// The tokens, then the bag (empty where not kept), then the numbers.
    lists: Box<[u32]>,
    /// Where the tokens end and the bag begins.
    tokens_end: u32,
    /// Where the bag ends and the numbers begin.
    bag_end: u32,
    total: f64,
    /// A hash of the normalised form: most unequal texts part on it.
    normalized: u64,
}

impl Prepared {
    /// `tokens` laid out, with its sorted bag where `keep_bag`; `digits`
    /// tells which token numbers hold a digit.
    fn new(mut tokens: Vec<u32>, keep_bag: bool, digits: &[bool], total: f64, normalized: u64) -> Prepared {
        let count = tokens.len();
        let stated = tokens.iter().filter(|&&token| digits[token as usize]).count();
        tokens.reserve_exact(if keep_bag { count } else { 0 } + stated);
        if keep_bag {
            tokens.extend_from_within(..count);
            tokens[count..].sort_unstable();
        }
        let bag_end = tokens.len();
        for at in 0..count {
            if digits[tokens[at] as usize] {
                tokens.push(tokens[at]);
            }
        }
        tokens[bag_end..].sort_unstable();
        // Positions within one text's tokens, which a text's length bounds.
        let position = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Prepared { tokens_end: position(count), bag_end: position(bag_end), lists: tokens.into(), total, normalized }
    }

    fn tokens(&self) -> &[u32] {
        &self.lists[..self.tokens_end as usize]
    }

    /// The sorted bag, where it was kept.
    fn kept_bag(&self) -> Option<&[u32]> {
        let bag = &self.lists[self.tokens_end as usize..self.bag_end as usize];
        (bag.len() == self.tokens_end as usize).then_some(bag)
    }

    /// The tokens holding a digit, sorted.
    fn numbers(&self) -> &[u32] {
        &self.lists[self.bag_end as usize..]
    }
}

/// Every suffix of a set of token texts, in order (as slices compare).
struct Suffixes<'t> {
    texts: &'t [(&'t [u32], Vec<usize>)],
    order: Vec<Suffix>,
    /// Bits a token takes in a key.
    bits: u32,
}

/// A suffix: text `text` from token `offset`, whose first tokens, each
/// plus one, are packed in `key` (zeros after the text's end), so most
/// comparisons are of two integers, not of two texts read from memory.
#[derive(Clone, Copy, Default)]
struct Suffix {
    key: u64,
    text: u32,
    offset: u32,
}

/// About how many suffixes share a bucket of [`Suffixes::sorted`]'s first
/// pass, and the most bits its buckets are told apart by.
const SUFFIX_BUCKET: usize = 128;
const SUFFIX_BUCKET_BITS: u32 = 16;

impl<'t> Suffixes<'t> {
    fn sorted(texts: &'t [(&'t [u32], Vec<usize>)], tokens: usize) -> Suffixes<'t> {
        // Bits for a token plus one (zero is "no token"), and how many fit.
        let bits = (usize::BITS - tokens.leading_zeros()).max(1);
        let per_key = (u64::BITS / bits).max(1);
        let packed = per_key as usize;
        let key_bits = per_key * bits;
        // A text's suffixes with their keys, last first: a suffix's key is
        // its first token above the key of the suffix after it, moved down
        // a token, not the tokens packed again.
        let first_token = (per_key - 1) * bits;
        let keyed = |tokens: &'t [u32]| {
            let mut key = 0u64;
            tokens.iter().enumerate().rev().map(move |(offset, &token)| {
                key = (u64::from(token) + 1) << first_token | key >> bits;
                (key, u32::try_from(offset).unwrap_or(u32::MAX))
            })
        };
        // First into buckets by the key's leading bits (the first token's,
        // and the next's where a bucket would hold more than a hundred or
        // so): the suffixes counted, then each written to its bucket. A
        // sort of them all read and wrote the whole list, from anywhere in
        // it, once for every ten bits of key: a Chinese FAQ's 800,000
        // suffixes cost 18 times their cost at a tenth of them.
        let total: usize = texts.iter().map(|(tokens, _)| tokens.len()).sum();
        let wanted = usize::BITS - (total / SUFFIX_BUCKET).leading_zeros();
        let leading = wanted.max(bits).min(SUFFIX_BUCKET_BITS).min(key_bits);
        let shift = key_bits - leading;
        let bucket = |key: u64| usize::try_from(key >> shift).unwrap_or(0);
        let mut starts = vec![0usize; (1 << leading) + 1];
        for (tokens, _) in texts {
            for (key, _) in keyed(tokens) {
                starts[bucket(key) + 1] += 1;
            }
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut order = vec![Suffix::default(); total];
        let mut next = starts.clone();
        for (text, (tokens, _)) in texts.iter().enumerate() {
            let text = u32::try_from(text).unwrap_or(u32::MAX);
            for (key, offset) in keyed(tokens) {
                let slot = &mut next[bucket(key)];
                order[*slot] = Suffix { key, text, offset };
                *slot += 1;
            }
        }
        // Then each bucket, small enough to stay in the cache, over the
        // cores: by key, equal keys in text and offset order, then the
        // suffixes alike over a whole key by the tokens after it, stably
        // again (equal suffixes stay in text and offset order).
        let mut buckets: Vec<&mut [Suffix]> = Vec::new();
        let mut rest_of_order = order.as_mut_slice();
        for bounds in starts.windows(2) {
            let (bucket, after) = rest_of_order.split_at_mut(bounds[1] - bounds[0]);
            rest_of_order = after;
            if bucket.len() > 1 {
                buckets.push(bucket);
            }
        }
        let rest =
            |suffix: &Suffix| texts[suffix.text as usize].0.get(suffix.offset as usize + packed..).unwrap_or(&[]);
        buckets.into_par_iter().for_each(|bucket| {
            bucket.sort_unstable_by_key(|suffix| (suffix.key, suffix.text, suffix.offset));
            for same_key in bucket.chunk_by_mut(|a, b| a.key == b.key) {
                if same_key.len() > 1 {
                    same_key.sort_by(|a, b| rest(a).cmp(rest(b)));
                }
            }
        });
        Suffixes { texts, order, bits }
    }

    fn tokens(&self, suffix: &Suffix) -> &'t [u32] {
        &self.texts[suffix.text as usize].0[suffix.offset as usize..]
    }

    /// Whether suffix `other` begins with the whole text `start` begins:
    /// by their keys alone where the text fits in a key (the zeros after
    /// its end then say how long it is), so that the suffixes sorted after
    /// a text are not read from anywhere in memory.
    fn begins_with(&self, other: &Suffix, start: &Suffix) -> bool {
        let unused = start.key.trailing_zeros() / self.bits;
        if unused > 0 {
            let shift = unused * self.bits;
            return other.key.checked_shr(shift) == start.key.checked_shr(shift);
        }
        other.key == start.key && self.tokens(other).starts_with(self.tokens(start))
    }
}

/// The `MinHash` race of [`TextIndex::signature`]: for each of the
/// `BANDS × ROWS` hash functions, the element whose score is highest (the
/// first of equals), an element's scores coming from its 16-bit uniforms (one
/// 64-bit hash gives four of them, a quarter of the hashing) and what
/// `elements` pairs it with. Each element's uniforms are drawn first, then
/// raced in one pass over arrays of scores and winners. (The compiler keeps
/// a branch per function here; see [`race_even`] for the race it vectorises.)
fn race<W: Copy, S: PartialOrd + Copy>(
    elements: impl Iterator<Item = (W, u64)>,
    uniforms: &mut Uniforms,
    lowest: S,
    score: impl Fn(W, u16) -> S,
) -> Vec<u64> {
    let mut scores = [lowest; BANDS * ROWS];
    let mut winners = [0u64; BANDS * ROWS];
    for (with, element) in elements {
        let uniforms = uniforms.of(element);
        for ((best, winner), &uniform) in scores.iter_mut().zip(&mut winners).zip(uniforms) {
            let score = score(with, uniform);
            let better = score > *best;
            *best = if better { score } else { *best };
            *winner = if better { element } else { *winner };
        }
    }
    winners.to_vec()
}

/// [`race`] of elements of the same weight, up to `u16::MAX` of them:
/// each function's best kept as one number, the uniform above the element's
/// place counted down (the first of equals wins, as in `race`), so that the
/// race is a maximum, which the compiler does on vectors without a branch.
fn race_even(elements: &[u64], uniforms: &mut Uniforms) -> Option<Vec<u64>> {
    if elements.len() >= usize::from(u16::MAX) {
        return None;
    }
    let mut best = [0u32; BANDS * ROWS];
    for (place, &element) in (0u16..).zip(elements) {
        let uniforms = uniforms.of(element);
        let earlier = u32::from(u16::MAX - place);
        for (best, &uniform) in best.iter_mut().zip(uniforms) {
            *best = (*best).max((u32::from(uniform) << 16) | earlier);
        }
    }
    Some(best.iter().map(|&key| elements[usize::from(u16::MAX) - (key & 0xFFFF) as usize]).collect())
}

/// Elements' uniforms (see [`draw_uniforms`]) as drawn last, each in a slot
/// its low bits pick (an element is a hash: they are uniform), where a later
/// element of the same slot takes its place: a deck's texts draw most of
/// their elements from few tokens (every character of a Chinese deck of a
/// small vocabulary), and drawing an element's 200 uniforms was most of a
/// signature's cost.
struct Uniforms {
    elements: Vec<Option<u64>>,
    drawn: Vec<[u16; BANDS * ROWS]>,
}

/// Slots of [`Uniforms`]: 400 KB, within a core's own cache.
const UNIFORM_SLOTS: usize = 1024;

impl Uniforms {
    fn new() -> Uniforms {
        Uniforms { elements: vec![None; UNIFORM_SLOTS], drawn: vec![[0; BANDS * ROWS]; UNIFORM_SLOTS] }
    }

    /// `element`'s uniforms, drawn unless kept.
    fn of(&mut self, element: u64) -> &[u16; BANDS * ROWS] {
        // The low bits, below the slot count: the cast keeps them.
        #[allow(clippy::cast_possible_truncation)]
        let slot = element as usize % UNIFORM_SLOTS;
        if self.elements[slot] != Some(element) {
            draw_uniforms(element, &mut self.drawn[slot]);
            self.elements[slot] = Some(element);
        }
        &self.drawn[slot]
    }
}

/// An element's 16-bit uniforms, one for each `MinHash` function.
fn draw_uniforms(element: u64, uniforms: &mut [u16; BANDS * ROWS]) {
    for (group, four) in uniforms.chunks_exact_mut(4).enumerate() {
        let draw = mix(element ^ (group as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)).to_le_bytes();
        for (uniform, bytes) in four.iter_mut().zip(draw.chunks_exact(2)) {
            *uniform = u16::from_le_bytes([bytes[0], bytes[1]]);
        }
    }
}

/// A token's weight from how many of the deck's `texts` hold it.
fn weight_of(holders: usize, texts: usize) -> f64 {
    if holders >= BOILERPLATE_TEXTS && holders * BOILERPLATE_SHARE > texts { BOILERPLATE_WEIGHT } else { 1.0 }
}

/// Pairs texts known alike (equal once normalised, or the same tokens):
/// each with the next `CANDIDATES` of them, so thousands of copies of one
/// text stay linear.
fn pair_up(ids: &[usize], mut pair: impl FnMut(usize, usize)) {
    for (position, &a) in ids.iter().enumerate() {
        for &b in ids[position + 1..].iter().take(CANDIDATES) {
            pair(a, b);
        }
    }
}

/// Unordered pairs of text ids, each as one integer (see [`Pairs::key`]),
/// sorted and without repeats: a list read in order, where a hash set of
/// 400,000 pairs was probed from anywhere in memory once for every pair
/// met in every band.
#[derive(Debug, Default, PartialEq, Eq)]
struct Pairs(Vec<u64>);

impl Pairs {
    /// The pairs `keys` names, in any order and repeated.
    fn of(mut keys: Vec<u64>) -> Pairs {
        keys.par_sort_unstable();
        keys.dedup();
        Pairs(keys)
    }

    /// These pairs and `others`, none of which is among these: the two
    /// lists merged.
    fn with(self, others: Pairs) -> Pairs {
        let mut keys = Vec::with_capacity(self.0.len() + others.0.len());
        let mut others = others.0.into_iter().peekable();
        for key in self.0 {
            while let Some(other) = others.next_if(|&other| other < key) {
                keys.push(other);
            }
            keys.push(key);
        }
        keys.extend(others);
        Pairs(keys)
    }

    fn key(a: usize, b: usize) -> u64 {
        // Ids are below `u32::MAX`: the index numbers texts in `u32`s.
        ((a.min(b) as u64) << 32) | a.max(b) as u64
    }

    fn ids(key: u64) -> (usize, usize) {
        let id = |half: u64| u32::try_from(half).unwrap_or(u32::MAX) as usize;
        (id(key >> 32), id(key & u64::from(u32::MAX)))
    }

    #[cfg(test)]
    fn holds(&self, a: usize, b: usize) -> bool {
        self.0.binary_search(&Self::key(a, b)).is_ok()
    }
}

/// Each member's band keys, band after band (`bands[band × members +
/// member]`), and whether each member has a signature. 32 bits a key: half
/// the memory of the whole hash (16 MB for 100,000 texts).
struct BandKeys {
    bands: Vec<u32>,
    signed: Vec<bool>,
}

/// Shards of a band's keys swept apart (by the key's low bits): enough to
/// keep both cores busy when one shard's buckets take longer, few enough
/// that each shard's reading of the whole band stays small.
const SHARDS: u32 = 4;
/// The low bits of a band key, the same for every key of a shard.
const SHARD_BITS: u32 = SHARDS.trailing_zeros();
const _: () = assert!(SHARDS.is_power_of_two());

/// One band of [`TextIndex::pairs_among`]'s search, as every shard reads it:
/// the members' keys in the band, which members have one, their sketches,
/// and how many others each member had met before the band (up to
/// `MEETINGS`).
struct Meeting<'m> {
    set: &'m [usize],
    band: &'m [u32],
    signed: &'m [bool],
    sketches: &'m [Sketch],
    met: &'m [u8],
}

/// The keys of a band whose remainder by [`SHARDS`] is `remainder`, swept
/// on one core; the pairs its sweeps met whose sketches may share most (as
/// [`Pairs::key`]s, over all the bands), and its members' counts of
/// meetings after the band, written back once every shard is through it. A
/// member is in one shard of a band, so no count is changed twice; the
/// shards write apart rather than into one array, whose lines two cores
/// writing at random took from each other (a third of a sweep's time).
struct Shard {
    remainder: u32,
    met: Vec<u64>,
    counts: Vec<(u32, u8)>,
}

impl Shard {
    /// Meets the members of this shard's keys in one band with the nearest
    /// members of their bucket, as many as fit, keeping the pairs that may
    /// share most.
    fn sweep(&mut self, meeting: &Meeting) {
        // Each key with its member as one number, sorted: a bucket's members
        // then follow one another in their order.
        let mut keys: Vec<u64> = meeting
            .band
            .iter()
            .enumerate()
            .filter(|&(member, &key)| meeting.signed[member] && key % SHARDS == self.remainder)
            .map(|(member, &key)| (u64::from(key) << 32) | member as u64)
            .collect();
        sort_by_band_key(&mut keys);
        // The members of each bucket of two or more, their sketches beside
        // them, so that a bucket's are read in order.
        let member_of = |key: u64| u32::try_from(key & u64::from(u32::MAX)).unwrap_or(u32::MAX);
        let mut members: Vec<u32> = Vec::new();
        let mut buckets: Vec<usize> = vec![0];
        for bucket in keys.chunk_by(|a, b| a >> 32 == b >> 32).filter(|bucket| bucket.len() > 1) {
            members.extend(bucket.iter().map(|&key| member_of(key)));
            buckets.push(members.len());
        }
        drop(keys);
        let sketches: Vec<Sketch> = members.iter().map(|&member| meeting.sketches[member as usize]).collect();
        for bounds in buckets.windows(2) {
            let (bucket, bucket_sketches) = (&members[bounds[0]..bounds[1]], &sketches[bounds[0]..bounds[1]]);
            for (position, &member) in bucket.iter().enumerate() {
                let member = member as usize;
                let before = meeting.met[member];
                let mut met = before;
                // The nearest members of a crowded bucket, as many as fit.
                let from = position.saturating_sub(MEETINGS / 2);
                let nearest = bucket[from..]
                    .iter()
                    .zip(&bucket_sketches[from..])
                    .take(MEETINGS)
                    .filter(|(other, _)| **other as usize != member);
                for (&other, sketch) in nearest {
                    if usize::from(met) >= MEETINGS {
                        break;
                    }
                    met += 1;
                    if bucket_sketches[position].may_share_most(sketch) {
                        self.met.push(Pairs::key(meeting.set[member], meeting.set[other as usize]));
                    }
                }
                if met != before {
                    self.counts.push((u32::try_from(member).unwrap_or(u32::MAX), met));
                }
            }
        }
    }
}

/// Sorts a shard's keys (a band key in the high half, its member in the
/// low), given in the order of their members, as `sort_unstable` would: by
/// band key, stably, so that a bucket's members keep their order. A
/// least-significant-digit radix sort, ten bits a pass over the band key's
/// bits above the shard's (`SHARD_BITS`), which are the same for all, a
/// pass whose digit every key shares skipped: a comparison sort of 100,000
/// keys in each of 40 bands took a fifth of the sweeps.
fn sort_by_band_key(keys: &mut Vec<u64>) {
    const DIGIT: u32 = 10;
    let mut sorted = vec![0u64; keys.len()];
    let mut shift = 32 + SHARD_BITS;
    while shift < u64::BITS {
        let (low, width) = (shift, DIGIT.min(u64::BITS - shift));
        shift += width;
        let digit = |key: u64| usize::try_from((key >> low) & ((1 << width) - 1)).unwrap_or(0);
        let mut starts = [0usize; 1 << DIGIT];
        for &key in keys.iter() {
            starts[digit(key)] += 1;
        }
        if starts.contains(&keys.len()) {
            continue;
        }
        let mut start = 0;
        for slot in &mut starts {
            (*slot, start) = (start, start + *slot);
        }
        for &key in keys.iter() {
            let slot = &mut starts[digit(key)];
            sorted[*slot] = key;
            *slot += 1;
        }
        std::mem::swap(keys, &mut sorted);
    }
}

/// A text's tokens sorted (a multiset): `kept` where they are kept so,
/// else sorted now.
fn bag_of<'t>(tokens: &[u32], kept: Option<&'t [u32]>) -> Cow<'t, [u32]> {
    kept.map_or_else(
        || {
            let mut bag = tokens.to_vec();
            bag.sort_unstable();
            Cow::Owned(bag)
        },
        Cow::Borrowed,
    )
}

/// A text's key in [`TextIndex`]'s ids, and an entry id's in the deck's
/// positions (see `Positions`).
pub(super) fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// FNV-1a: a token's hash, the same on every machine and run.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3))
}

/// The splitmix64 finaliser: spreads a value over all 64 bits.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How many tokens two sorted bags of token numbers share, repeats counted
/// (the size of their multiset intersection), by one merge.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use std::ops::RangeInclusive;

    use super::*;
    use crate::core::text::near_duplicate;

    #[test]
    fn finds_exactly_the_pairs_a_full_comparison_finds() {
        let texts = [
            "耗时耗力",
            "耗时",
            "数据安全和隐私问题",
            "隐私和安全问题",
            "可衡量的结果",
            "可衡量的结果和问责制",
            "经济高效的营销",
            "经济高效的广告",
            "Search engines",
            "search engines.",
            "e mail",
            "E-mail",
            "email",
            "What is number 1?",
            "What is number 10?",
            "Paris is the capital",
            "Paris is the capital of France",
            "全球覆盖",
            "激烈的竞争",
            // Numbers: different ones part texts unless one contains the other.
            "59% of adults use social media daily",
            "59% of adults use social media",
            "47% of adults use social media daily",
            "users spent 4 hours a day",
            "4 hours",
            "spent 2 hours a day online",
            "spent 2 hours a day on line",
        ];
        let index = TextIndex::new(texts, texts);
        for a in texts {
            for b in texts {
                assert_eq!(index.near_duplicate(a, b), a == b || near_duplicate(a, b), "{a} / {b}");
            }
        }
        assert!(index.partners("耗时").any(|other| other == "耗时耗力"));
        assert_eq!(index.related("经济高效的营销", 1), vec!["经济高效的广告"]);
    }

    /// `count` texts of `lengths` characters drawn from `vocabulary`, the
    /// same for the same `seed`.
    fn drawn_texts(vocabulary: &str, seed: u64, count: usize, lengths: RangeInclusive<usize>) -> Vec<String> {
        let characters: Vec<char> = vocabulary.chars().collect();
        let mut state = seed;
        let mut draw = |below: usize| {
            state = mix(state);
            usize::try_from(state % below as u64).unwrap_or(0)
        };
        (0..count)
            .map(|_| {
                let length = lengths.start() + draw(lengths.end() - lengths.start() + 1);
                (0..length).map(|_| characters[draw(characters.len())]).collect()
            })
            .collect()
    }

    /// Pairs named in any order and repeated come out sorted and once
    /// each, and two lists of pairs merge into one in order, whichever
    /// holds the first and the last.
    #[test]
    fn pairs_are_sorted_once_each_and_merge_in_order() {
        let keys = |pairs: &[(usize, usize)]| pairs.iter().map(|&(a, b)| Pairs::key(a, b)).collect::<Vec<u64>>();
        let pairs = Pairs::of(keys(&[(5, 2), (1, 9), (2, 5), (1, 9), (0, 3)]));
        assert_eq!(pairs, Pairs(keys(&[(0, 3), (1, 9), (2, 5)])));
        assert!(pairs.holds(9, 1) && !pairs.holds(1, 2));
        for (these, others) in
            [(&[(0, 3), (4, 8)][..], &[(1, 2), (9, 10)][..]), (&[(1, 2)], &[(0, 1), (0, 4)]), (&[], &[(3, 4)])]
        {
            let mut all = keys(these);
            all.extend(keys(others));
            let merged = Pairs::of(keys(these)).with(Pairs::of(keys(others)));
            assert_eq!(merged, Pairs::of(all), "{these:?} and {others:?}");
            assert_eq!(Pairs::of(keys(others)).with(Pairs::of(keys(these))), merged);
        }
    }

    /// A pair found twice over, one text holding the other and the two
    /// meeting in bands, is one pair: listed once among each text's
    /// partners, as comparing every pair lists it.
    #[test]
    fn a_pair_both_held_and_met_is_listed_once() {
        // Short texts of a few characters, each also with one character
        // more: the two hold one another and share most of their tokens.
        let short = drawn_texts("数据安全营销品牌", 5, 400, 5..=8);
        let texts: Vec<String> = short.iter().flat_map(|text| [text.clone(), format!("{text}广")]).collect();
        let index = TextIndex::new([], texts.iter().map(String::as_str));
        let mut listed = 0;
        for text in &texts {
            let mut partners: Vec<&str> = index.partners(text).collect();
            listed += partners.len();
            let count = partners.len();
            partners.sort_unstable();
            partners.dedup();
            assert_eq!(partners.len(), count, "{text}: a partner listed twice");
            assert!(partners.contains(&format!("{text}广").as_str()) || text.ends_with('广'), "{text}");
        }
        assert!(listed > texts.len(), "few pairs: a weak test");
    }

    #[test]
    fn the_pairs_do_not_depend_on_the_cores() {
        // Short texts of six characters: buckets crowded past `MEETINGS`,
        // where which members meet which depends on the order of the sweep.
        let texts = drawn_texts("数据安全营销", 11, 3_000, 4..=8);
        let partners_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
            let index = pool.install(|| TextIndex::new([], texts.iter().map(String::as_str)));
            let partners: Vec<Vec<String>> =
                texts.iter().map(|text| index.partners(text).map(str::to_owned).collect()).collect();
            partners
        };
        let alone = partners_on(1);
        assert!(alone.iter().map(Vec::len).sum::<usize>() > texts.len(), "few pairs: a weak test");
        for threads in [2, 3] {
            assert!(partners_on(threads) == alone, "{threads} cores");
        }
    }

    #[test]
    fn band_keys_are_sorted_as_a_comparison_sort_sorts_them() {
        // Keys of one shard, their members in order: from few buckets
        // (keys repeat) to many, and keys using every bit.
        let mut seed = 3u64;
        for (count, spread) in [(0, 1), (1, 1), (5_000, 16), (5_000, 1 << 12), (20_000, u32::MAX)] {
            let keys: Vec<u64> = (0..count)
                .map(|member: u64| {
                    seed = mix(seed);
                    let key = u32::try_from(seed % u64::from(spread)).expect("below the spread") & !(SHARDS - 1);
                    (u64::from(key | 2) << 32) | member
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let mut sorted = keys;
            sort_by_band_key(&mut sorted);
            assert!(sorted == expected, "{count} keys below {spread}");
        }
    }

    /// Suffixes come out in the order a comparison sort gives them (by
    /// tokens, then text, then offset): for a vocabulary of one or a few
    /// tokens (many suffixes alike over a whole key, told apart after it)
    /// and of many (keys of few tokens, using their every bit), with empty
    /// texts among them.
    #[test]
    fn suffixes_are_sorted_as_a_comparison_sort_sorts_them() {
        let shapes = [(1u64, 0..=100u64), (2, 30..=80), (3, 0..=25), (40, 0..=14), (5_000, 0..=6), (1 << 20, 1..=4)];
        for (vocabulary, lengths) in shapes {
            let mut seed = vocabulary;
            let mut draw = |below: u64| {
                seed = mix(seed);
                seed % below
            };
            let texts: Vec<(Vec<u32>, Vec<usize>)> = (0..600)
                .map(|at| {
                    let length = lengths.start() + draw(lengths.end() - lengths.start() + 1);
                    let tokens = (0..length).map(|_| u32::try_from(draw(vocabulary)).expect("small")).collect();
                    (tokens, vec![at])
                })
                .collect();
            let texts: Vec<(&[u32], Vec<usize>)> =
                texts.iter().map(|(tokens, ids)| (&tokens[..], ids.clone())).collect();
            let tokens = usize::try_from(vocabulary).expect("small");
            let suffixes = Suffixes::sorted(&texts, tokens);
            let mut expected: Vec<(&[u32], u32, u32)> = texts
                .iter()
                .enumerate()
                .flat_map(|(text, (tokens, _))| {
                    let number = |at: usize| u32::try_from(at).expect("small");
                    (0..tokens.len()).map(move |offset| (&tokens[offset..], number(text), number(offset)))
                })
                .collect();
            expected.sort_unstable();
            let got: Vec<(&[u32], u32, u32)> =
                suffixes.order.iter().map(|suffix| (suffixes.tokens(suffix), suffix.text, suffix.offset)).collect();
            assert!(got == expected, "a vocabulary of {vocabulary}");
        }
    }

    #[test]
    fn containment_finds_the_pairs_a_scan_of_every_pair_finds() {
        // Texts shorter than a key holds, as long, and longer (a key holds
        // 32 tokens of a vocabulary of 2, 10 of 40, 7 of 300), so that both
        // the keys' comparisons and the tokens' are made; every other text
        // begins with the same words, more than a key holds where a
        // vocabulary's texts can be longer than a key, then differs.
        let shapes = [(2u64, 1..=40u64, 34), (3, 1..=12, 5), (40, 1..=14, 11), (300, 1..=10, 8)];
        for (vocabulary, lengths, shared) in shapes {
            let mut seed = vocabulary;
            let mut draw = |below: u64| {
                seed = mix(seed);
                seed % below
            };
            let word = |number: u64| format!("w{number}");
            let beginning: Vec<String> = (0..shared).map(|_| word(draw(vocabulary))).collect();
            let texts: Vec<String> = (0..400)
                .map(|at| {
                    let (mut words, length) = if at % 2 == 0 {
                        (beginning.clone(), draw(4))
                    } else {
                        (Vec::new(), lengths.start() + draw(lengths.end() - lengths.start() + 1))
                    };
                    words.extend((0..length).map(|_| word(draw(vocabulary))));
                    words.join(" ")
                })
                .collect();
            let index = TextIndex::new(texts.iter().map(String::as_str), []);
            let (found, expected) = contained_pairs(&index);
            assert!(expected.0.len() > index.len() / 10, "a vocabulary of {vocabulary}: few texts inside others");
            assert!(found.0 == expected.0, "a vocabulary of {vocabulary}");
        }
    }

    /// The pairs of an index's texts that containment finds, and those where
    /// one text's tokens occur in the other's, found by comparing every pair.
    fn contained_pairs(index: &TextIndex) -> (Pairs, Pairs) {
        let set: Vec<usize> = (0..index.len()).collect();
        let found = Pairs::of(index.containment(&set));
        let holds = |haystack: &[u32], needle: &[u32]| haystack.windows(needle.len()).any(|window| window == needle);
        let mut expected = Vec::new();
        for a in 0..set.len() {
            for b in a + 1..set.len() {
                let (x, y) = (index.prepared[a].tokens(), index.prepared[b].tokens());
                if !x.is_empty() && !y.is_empty() && (holds(x, y) || holds(y, x)) {
                    expected.push(Pairs::key(a, b));
                }
            }
        }
        (found, Pairs::of(expected))
    }

    /// Two members of a crowded bucket, too far apart in it to meet there,
    /// meet in a later band's bucket of their own only while both have room
    /// left for meetings (`MEETINGS`): the count of meetings carries from
    /// band to band.
    #[test]
    fn a_member_meets_at_most_its_meetings_over_all_bands() {
        // Orderings of the same eight characters: every pair is alike, none
        // holds another.
        let characters: Vec<char> = "数据安全营销品牌".chars().collect();
        let mut texts: Vec<String> = Vec::new();
        let mut order: Vec<usize> = (0..characters.len()).collect();
        let mut seed = 7u64;
        while texts.len() < 300 {
            for at in (1..order.len()).rev() {
                seed = mix(seed);
                order.swap(at, usize::try_from(seed % (at as u64 + 1)).unwrap_or(0));
            }
            let text: String = order.iter().map(|&at| characters[at]).collect();
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        let index = TextIndex::new([], texts.iter().map(String::as_str));
        let set: Vec<usize> = texts.iter().map(|text| index.id_of(text).expect("indexed")).collect();
        let members = set.len();
        let (a, b) = (100, 200);
        // Every member in one bucket in each of the first `crowded` bands,
        // then `a` and `b` alone together in the next; no other bucket.
        let found_with = |crowded: usize| {
            let mut bands: Vec<u32> =
                (0..BANDS * members).map(|at| 1_000 + u32::try_from(at).expect("small")).collect();
            for band in 0..crowded {
                bands[band * members..][..members].fill(1);
            }
            bands[crowded * members + a] = 2;
            bands[crowded * members + b] = 2;
            let band_keys = BandKeys { bands, signed: vec![true; members] };
            let met = Pairs::of(index.met_in_bands(&set, &band_keys));
            index.confirmed(met, &Pairs::default())
        };
        // In one crowded band a member meets the `MEETINGS - 1` nearest
        // others of its bucket: `a` and `b` still have room, and meet.
        let once = found_with(1);
        assert!(once.holds(set[a], set[b]));
        assert!(!once.holds(set[a], set[a + 70]), "too far apart to meet in the bucket");
        // After two, each has met its `MEETINGS`.
        assert!(!found_with(2).holds(set[a], set[b]));
    }

    /// Many texts of a 12-character vocabulary, where every text shares
    /// characters with nearly every other: the locality-sensitive path finds
    /// only true pairs, and every planted one (a text and a copy with one
    /// character changed, or a text and one containing it).
    #[test]
    fn finds_planted_pairs_among_texts_of_a_small_vocabulary() {
        let mut texts = drawn_texts("数据安全营销品牌广告成本效", 7, 300, 6..=12);
        let mut planted = Vec::new();
        for at in 0..30 {
            let mut changed: Vec<char> = texts[at].chars().collect();
            let last = changed.len() - 1;
            changed[last] = if changed[last] == '数' { '据' } else { '数' };
            let changed: String = changed.into_iter().collect();
            let longer = format!("{}{}", texts[at + 30], "品牌广告");
            planted.push((texts[at].clone(), changed.clone()));
            planted.push((texts[at + 30].clone(), longer.clone()));
            texts.push(changed);
            texts.push(longer);
        }
        let index = TextIndex::new(texts.iter().map(String::as_str), texts.iter().map(String::as_str));
        for text in &texts {
            for partner in index.partners(text) {
                assert!(index.near_duplicate(text, partner), "{text} / {partner}");
            }
        }
        for (a, b) in &planted {
            if index.near_duplicate(a, b) {
                assert!(index.partners(a).any(|other| other == b), "{a} / {b}");
            }
        }
        assert!(planted.iter().filter(|(a, b)| index.near_duplicate(a, b)).count() >= 55);
    }

    /// A text's sketch never parts a pair sharing three quarters of the
    /// longer's tokens: on texts of a small vocabulary, where bits stand for
    /// several tokens, and on texts of more tokens than bits.
    #[test]
    fn sketches_keep_every_pair_sharing_most() {
        let mut state = 11u64;
        let mut draw = |below: u64| {
            state = mix(state);
            u32::try_from(state % below).unwrap_or(0)
        };
        let texts: Vec<Vec<u32>> = (0..400)
            .map(|at| {
                let vocabulary = if at % 2 == 0 { 12 } else { 300 };
                let length = 1 + draw(14);
                (0..length).map(|_| draw(vocabulary)).collect()
            })
            .collect();
        let (mut kept, mut parted) = (0, 0);
        for a in &texts {
            for b in &texts {
                let (mut x, mut y) = (a.clone(), b.clone());
                x.sort_unstable();
                y.sort_unstable();
                let shares_most = shared_count(&x, &y) as f64 >= SHARED_CHARACTER_SHARE * a.len().max(b.len()) as f64;
                let may = Sketch::of(a).may_share_most(&Sketch::of(b));
                assert!(may || !shares_most, "{a:?} / {b:?}");
                if shares_most {
                    kept += 1;
                } else if !may {
                    parted += 1;
                }
            }
        }
        // It is a filter: most pairs that do not share most part on it.
        assert!(kept > 400 && parted > 400 * 400 / 2, "kept {kept}, parted {parted}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// The sorted suffixes find exactly the pairs where one text's
        /// tokens occur together in the other's, on sets too large to compare
        /// pair by pair, of a vocabulary so small that most texts hold others.
        #[test]
        fn containment_finds_exactly_the_texts_holding_others(
            picks in proptest::collection::vec(proptest::collection::vec(0usize..6, 1..7), 150..400),
            chinese in proptest::bool::ANY,
        ) {
            let vocabulary: [&str; 6] = if chinese {
                ["营", "销", "数", "字", "社", "交"]
            } else {
                ["ads", "reach", "cost", "brand", "data", "users"]
            };
            let separator = if chinese { "" } else { " " };
            let texts: Vec<String> =
                picks.iter().map(|words| words.iter().map(|&word| vocabulary[word]).collect::<Vec<_>>().join(separator)).collect();
            let index = TextIndex::new(texts.iter().map(String::as_str), []);
            let (found, expected) = contained_pairs(&index);
            proptest::prop_assert_eq!(found.0, expected.0);
        }
    }

    proptest::proptest! {
        /// A prompt numbered piece by piece (frame words and names
        /// remembered, deck texts as indexed or by the id of the one put in
        /// the frame) has the tokens and the numbers
        /// the whole text tokenised has, whatever stands at the boundaries:
        /// letters and digits running on, decimal points, full-width forms,
        /// combining marks.
        #[test]
        fn prompts_are_numbered_as_their_whole_text(
            texts in proptest::collection::vec("[a-c3.。 数据“Ａ\u{301}]{0,5}", 1..6),
            frame in "[a-c3.。 据”？Ａ\u{301}]{0,4}[{]x[}][a-c3.。 据”Ａ\u{301}]{0,3}[{]y[}][b9 ？]{0,2}",
            value in "[a-c3.。 数据“Ａ\u{301}]{0,5}",
        ) {
            let mut index = TextIndex::new(texts.iter().map(String::as_str), []);
            let phrases = crate::core::phrases::Phrasebook::for_language("en");
            index.remember(phrases.frame_words().into_iter().chain(frame.split(['{', '}'])));
            for filled in [
                crate::core::phrases::fill_marked(&frame, &[("x", &texts[0]), ("y", &value)]),
                crate::core::phrases::fill_marked(phrases.which_category, &[("text", &texts[0])]),
                crate::core::phrases::fill_marked(&frame, &[("y", &texts[0])]),
            ] {
                let mut whole = Unknown::default();
                let expected = index.numbered(&filled.text, |token| whole.add(token));
                // With the id of the deck text put in the frame known too,
                // beside names and other values.
                let framed = super::super::Known { framed: index.id_of(&texts[0]), ..super::super::Known::default() };
                for known in [super::super::Known::default(), framed] {
                    let mut pieces = Unknown::default();
                    let numbered = index.numbered_prompt(filled.prompt(), known, |token| pieces.add(token));
                    proptest::prop_assert_eq!(&*numbered.tokens, &*expected.tokens, "{:?} {:?}", filled, known);
                    proptest::prop_assert_eq!(&*numbered.bag(), &*expected.bag());
                }
            }
        }
    }

    proptest::proptest! {
        /// The race of elements of one weight as a maximum picks what the
        /// race picks, the first of equal uniforms too (a repeated element,
        /// or 16-bit uniforms that meet among thousands of elements).
        #[test]
        fn the_even_race_picks_what_the_race_picks(
            elements in proptest::collection::vec(0u64..64, 1..40),
            many in 0usize..3000,
        ) {
            let many: Vec<u64> = elements.iter().cycle().take(many.max(elements.len())).enumerate()
                .map(|(at, &element)| if at < elements.len() { element } else { mix(at as u64) }).collect();
            for elements in [&elements, &many] {
                let mut uniforms = Uniforms::new();
                let each = elements.iter().map(|&element| ((), element));
                let raced = race(each, &mut uniforms, -1i32, |(), uniform| i32::from(uniform));
                proptest::prop_assert_eq!(race_even(elements, &mut uniforms), Some(raced));
            }
        }
    }

    #[test]
    fn the_even_race_leaves_more_elements_than_it_can_place_to_the_race() {
        assert!(race_even(&vec![1; usize::from(u16::MAX) - 1], &mut Uniforms::new()).is_some());
        assert!(race_even(&vec![1; usize::from(u16::MAX)], &mut Uniforms::new()).is_none());
    }

    /// A text's three lists, laid end to end, read back as they were made:
    /// the tokens in order, the bag sorted where it is kept (and nowhere
    /// else), the digit tokens sorted with their repeats; for texts with
    /// and without digits, empty texts and texts of one token repeated.
    #[test]
    fn prepared_texts_read_back_their_tokens_bag_and_numbers() {
        let digits: Vec<bool> = (0..12).map(|token| token % 3 == 0).collect();
        let texts: [&[u32]; 6] = [&[], &[4], &[7, 1, 4, 1, 5], &[9, 3, 6, 3, 0, 11], &[6, 6, 6], &[10, 2, 8, 3]];
        for tokens in texts {
            let mut sorted = tokens.to_vec();
            sorted.sort_unstable();
            let numbers: Vec<u32> = sorted.iter().copied().filter(|&token| digits[token as usize]).collect();
            for keep_bag in [true, false] {
                let prepared = Prepared::new(tokens.to_vec(), keep_bag, &digits, 1.5, 42);
                assert_eq!(prepared.tokens(), tokens);
                let kept = keep_bag || tokens.is_empty();
                assert_eq!(prepared.kept_bag(), kept.then_some(&sorted[..]), "{tokens:?} {keep_bag}");
                assert_eq!(prepared.numbers(), numbers, "{tokens:?} {keep_bag}");
                assert_eq!((prepared.total.to_bits(), prepared.normalized), (1.5f64.to_bits(), 42));
                assert_eq!(prepared.lists.len(), tokens.len() * (1 + usize::from(keep_bag)) + numbers.len());
            }
        }
    }

    /// Uniforms kept are those drawn, for elements that share a slot too.
    #[test]
    fn kept_uniforms_are_the_uniforms_drawn() {
        let mut uniforms = Uniforms::new();
        let slot_mates = (0..5u64).map(|at| 7 + at * UNIFORM_SLOTS as u64);
        let elements: Vec<u64> = (0..3000).map(mix).chain(slot_mates).collect();
        for &element in elements.iter().chain(elements.iter().rev()).chain(&elements) {
            let mut drawn = [0; BANDS * ROWS];
            draw_uniforms(element, &mut drawn);
            assert_eq!(uniforms.of(element), &drawn, "{element}");
        }
    }

    /// Texts read over the cores in waves are numbered as reading them one
    /// by one numbers them: each text its id at its first sight, each token
    /// its number at its first sight, over more texts than a wave, repeats
    /// included, and a related set that repeats texts; each token's holders
    /// are counted once per text holding it.
    #[test]
    fn texts_read_in_waves_are_numbered_in_order() {
        let mut texts = drawn_texts("数据安全隐私营销广告用户内容平台社交媒体", 7, 2 * READ_WAVE + 300, 1..=6);
        texts.extend(drawn_texts("abcdefghij", 8, 500, 1..=3).into_iter().map(|text| text.replace('a', " a ")));
        let related: Vec<&str> = texts.iter().rev().step_by(3).map(String::as_str).collect();
        let index = TextIndex::new(texts.iter().map(String::as_str), related.iter().copied());
        let mut first_seen: FxHashMap<&str, usize> = FxHashMap::default();
        for text in texts.iter().map(String::as_str).chain(related.iter().copied()) {
            let next = first_seen.len();
            let id = *first_seen.entry(text).or_insert(next);
            assert_eq!(index.id_of(text), Some(id), "{text}");
        }
        assert_eq!(index.len(), first_seen.len());
        let mut next_token = 0;
        let mut holders: FxHashMap<u32, u32> = FxHashMap::default();
        for id in 0..index.len() {
            let mut tokens = Vec::new();
            each_token_of(index.text(id), |token| tokens.push(token.to_owned()));
            assert_eq!(tokens.len(), index.prepared[id].tokens().len());
            for (&number, token) in index.prepared[id].tokens().iter().zip(&tokens) {
                assert_eq!(index.numbers[token.as_str()], number);
                assert!(number <= next_token, "token {token} numbered {number} before {next_token}");
                next_token = next_token.max(number + 1);
            }
            let distinct: rustc_hash::FxHashSet<u32> = index.prepared[id].tokens().iter().copied().collect();
            for number in distinct {
                *holders.entry(number).or_default() += 1;
            }
        }
        for (number, count) in holders {
            assert_eq!(index.holders[number as usize], count);
        }
    }

    /// Containment is found on whole tokens: a text whose token numbers
    /// stand across two tokens of another is not inside it.
    #[test]
    fn containment_matches_whole_tokens_only() {
        // Each word its own token, numbered in order of first sight; once
        // token numbers were spelled in bytes, 0x0102 and 0x0304 spelled
        // 02 01 04 03, with 0x0401's 01 04 inside.
        let words: Vec<String> = (0..1100).map(|number| format!("t{number}")).collect();
        let across = format!("{} {}", words[0x0102], words[0x0304]);
        let inside = format!("{} {}", words[0x0102], words[0x0304]) + " tail";
        let mut texts: Vec<&str> = words.iter().map(String::as_str).collect();
        texts.push(&across);
        texts.push(&inside);
        let index = TextIndex::new(texts.iter().copied(), texts.iter().copied());
        assert!(!index.partners(&across).any(|other| other == words[0x0401]));
        assert!(index.partners(&inside).any(|other| other == across));
        assert!(index.partners(&across).any(|other| other == words[0x0102]));
    }

    /// A text's kind kept by its id is the kind of its text, asked once or again.
    #[test]
    fn a_kept_kind_is_the_kind_of_the_text() {
        let texts = [
            "2004年",
            "59%",
            "2025-03-17",
            "24 months",
            "47.6亿",
            "定向广告",
            "Rust 1.0 was released in 2015 after years",
        ];
        let index = TextIndex::new(texts, []);
        for _ in 0..2 {
            for text in texts {
                assert_eq!(index.kind(text, index.id_of(text)), Kind::of(text), "{text}");
            }
        }
        assert_eq!(index.kind("90", None), Kind::of("90"));
    }

    /// A token held by thousands of texts keeps its first holders for
    /// related texts, and its full count for weights.
    #[test]
    fn related_texts_come_from_the_first_holders_of_a_common_token() {
        let texts: Vec<String> = (0..3000).map(|number| format!("alpha beta{number}")).collect();
        let index = TextIndex::new(texts.iter().map(String::as_str), std::iter::empty());
        assert_eq!(index.related("alpha beta2999", 2), vec!["alpha beta0", "alpha beta1"]);
        assert!(index.postings.iter().all(|posting| posting.len() <= KEPT_HOLDERS));
        // "alpha" is held by every text: boilerplate, by its true count.
        assert!(index.weight("alpha") < 1.0 && index.weight("beta7") >= 1.0);
    }

    #[test]
    fn boilerplate_weighs_little_so_templates_differ() {
        let countries = ["France", "Germany", "Italy", "Spain", "Chile", "Peru", "Japan", "Korea", "Egypt", "Kenya"];
        let questions: Vec<String> = countries.iter().map(|c| format!("What is the capital of {c}?")).collect();
        let index = TextIndex::new(questions.iter().map(String::as_str), questions.iter().map(String::as_str));
        assert!(!index.near_duplicate(&questions[0], &questions[1]));
        assert_eq!(index.partners(&questions[0]).count(), 0);
        // Without the deck's weights, they share five words of six.
        assert!(near_duplicate(&questions[0], &questions[1]));
        assert!(index.near_duplicate("What is the capital of France?", "what is the capital of france"));
    }
}
