//! Questions from an FAQ.

use super::index::TextIndex;
use super::options::{Asked, Distractor, Likeness, build};
use super::packed::Packed;
use super::skip::Skip;
use super::{Draft, Generator, Known, Rng, Slot, neighbourhood};
use crate::core::deck::{Faq, FieldPath};
use crate::core::phrases::fill_marked;
use crate::core::question::QuestionKind;

/// The kinds of an entry's questions.
const KINDS: [QuestionKind; 4] =
    [QuestionKind::FaqRecall, QuestionKind::AnswerChoice, QuestionKind::WhichQuestion, QuestionKind::TypedAnswer];

/// At least as many as [`slots`] gives.
pub(super) fn slot_bound(faq: &Faq) -> usize {
    faq.entries.len() * KINDS.len()
}

pub(super) fn slots(faq: &Faq, each: &mut dyn FnMut(Slot)) {
    for (index, entry) in faq.entries.iter().enumerate() {
        for kind in KINDS {
            if kind == QuestionKind::TypedAnswer && entry.accepted.is_empty() {
                continue;
            }
            each(Slot { item: entry.id.clone(), kind, path: FieldPath::Entry(index), entry: Some(index) });
        }
    }
}

pub(super) fn question(generator: &Generator, faq: &Faq, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
    let asks = |at: &usize| faq.entries.get(*at).is_some_and(|entry| entry.id == slot.item);
    let position =
        slot.entry.filter(asks).or_else(|| generator.position(&slot.item).filter(asks)).ok_or(Skip::NoSuchEntry)?;
    let entry = &faq.entries[position];
    // A question only decided is never shown: no context to write.
    let context = if generator.deciding { String::new() } else { format!("{}\n{}", entry.question, entry.answer) };
    // Another entry asking nearly the same question with a different answer
    // makes the answer ambiguous; one that says the same does not.
    if slot.kind != QuestionKind::WhichQuestion
        && let Some(twin) = generator.faq_twin(faq, position)
    {
        return Err(Skip::NearlySameQuestion { twin: faq.entries[twin].id.clone() });
    }
    // Distractors come from the entries asking the same kind of question
    // (see `frames`) and those nearest this one in the file (`NEIGHBOURS`),
    // the most alike in frame first.
    // Worked out only for the kinds with options.
    let others = || {
        let frames = generator.frames(faq);
        let nearby = frames.block(position).chain(neighbourhood(faq.entries.len(), position));
        // A question only decided asks whether any candidate fits (see
        // `options::build`): neither their order nor a repeat changes that,
        // and it stops at the first that fits, most often the first met.
        let nearby: Box<dyn Iterator<Item = usize>> = if generator.deciding {
            Box::new(nearby)
        } else {
            let mut nearby: Vec<usize> = nearby.collect();
            nearby.sort_unstable();
            nearby.dedup();
            Box::new(nearby.into_iter())
        };
        nearby
            .filter(|&other| faq.entries[other].id != entry.id)
            .map(move |other| (tier_from_likeness(frames.likeness(position, other)), other))
    };
    let texts = generator.faq_texts(faq);
    // The question asked, its answer the right one.
    let asking =
        Known { prompt: texts.question(position), framed: None, right: texts.answer(position), ..Known::default() };
    match slot.kind {
        QuestionKind::FaqRecall => Ok(Draft {
            prompt: entry.question.clone(),
            answer: entry.answer.clone(),
            context,
            ids: asking,
            ..Draft::default()
        }),
        QuestionKind::AnswerChoice => {
            // Answers alike this one's are dropped by `build` (see
            // `options::Fit`), which compares each candidate with the right
            // answer: only the author's marks are left to read here.
            let candidates = others()
                .filter(|&(_, other)| !marked_same(generator, faq, position, other))
                .map(|(tier, other)| Distractor { tier, text: &faq.entries[other].answer, id: texts.answer(other) });
            let asked = Asked { prompt: entry.question.as_str().into(), right: &entry.answer, ids: asking };
            let (options, correct) =
                build(generator, rng, Likeness::Texts, asked, candidates).ok_or(Skip::NoFittingOption)?;
            Ok(Draft {
                prompt: entry.question.clone(),
                options,
                correct: vec![correct],
                answer: entry.answer.clone(),
                context,
                ids: asking,
                ..Draft::default()
            })
        }
        QuestionKind::WhichQuestion => {
            // A question whose answer says the same would be right too.
            // Questions alike this one are dropped by `build`, as above.
            let candidates = others()
                .filter(|&(_, other)| {
                    !answer_alike(generator, faq, position, other) && !marked_same(generator, faq, position, other)
                })
                .map(|(tier, other)| Distractor {
                    tier,
                    text: &faq.entries[other].question,
                    id: texts.question(other),
                });
            let prompt = fill_marked(generator.phrases.which_question, &[("text", &entry.answer)]);
            // The answer asked within a frame, the question the right one.
            let ids = Known {
                prompt: None,
                framed: texts.answer(position),
                right: texts.question(position),
                ..Known::default()
            };
            let asked = Asked { ids, ..Asked::new(prompt.prompt(), &entry.question) };
            let (options, correct) =
                build(generator, rng, Likeness::Texts, asked, candidates).ok_or(Skip::NoOtherEntry)?;
            Ok(Draft {
                options,
                correct: vec![correct],
                answer: entry.question.clone(),
                context,
                ids,
                ..Draft::asking(prompt)
            })
        }
        QuestionKind::TypedAnswer => Ok(Draft {
            prompt: entry.question.clone(),
            answer: entry.accepted.first().cloned().unwrap_or_default(),
            accepted: entry.accepted.clone(),
            context,
            ..Draft::default()
        }),
        other => Err(Skip::KindNotApplicable(other)),
    }
}

/// The first of [`twins`] of entry `position` whose answer says something
/// else: the entry's answer is then ambiguous.
pub(super) fn twin(generator: &Generator, faq: &Faq, position: usize) -> Option<usize> {
    twins(generator, faq, position).find(|&other| !answer_alike(generator, faq, position, other))
}

/// The other entries asking the same question or nearly (by position):
/// by text (from the deck's near-duplicate index) and as the author marked
/// them, never by comparing every entry.
fn twins<'f>(generator: &'f Generator, faq: &'f Faq, position: usize) -> impl Iterator<Item = usize> + 'f {
    let index = generator.index();
    let texts = generator.faq_texts(faq);
    let question = texts.question(position);
    let alike = question.into_iter().flat_map(|id| std::iter::once(id).chain(index.partner_ids(id)));
    let by_text = alike.flat_map(|text| texts.asking.get(text).unwrap_or_default().iter().map(|&at| at as usize));
    let marked = generator.same().members(&faq.entries[position].id).filter_map(|id| generator.position(id));
    // Not the entry itself. Another of its id (in a deck the check refuses)
    // answers alike by `answer_alike`, as one entry.
    by_text.chain(marked).filter(move |&other| other < faq.entries.len() && other != position)
}

/// A frame likeness (0–1) as a tier, most alike first: 0 for the same frame.
fn tier_from_likeness(likeness: f64) -> u8 {
    let tenths = ((1.0 - likeness.clamp(0.0, 1.0)) * 10.0).round();
    // In 0..=10 by the clamp, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths as u8;
    tenths
}

/// Whether the entries at positions `a` and `b` are one entry or marked by
/// the author as saying the same (see [`Generator::alike`]'s first half).
/// Where the deck marks none and its ids are its entries' own, that follows
/// from the positions: no id is read from anywhere in memory, once for
/// every twin of every entry of a large deck.
fn marked_same(generator: &Generator, faq: &Faq, a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    if generator.same().is_empty() && !generator.positions().repeated {
        return false;
    }
    generator.same().same(&faq.entries[a].id, &faq.entries[b].id)
}

/// Whether two entries' answers say the same: marked so by the author, or
/// near-duplicates (see [`Generator::alike`]). Compared by their ids in the
/// index: an entry's texts are read only where the index lacks one.
fn answer_alike(generator: &Generator, faq: &Faq, a: usize, b: usize) -> bool {
    let ids = &generator.faq_texts(faq).ids;
    marked_same(generator, faq, a, b)
        || match (ids[a].answer, ids[b].answer) {
            (Some(first), Some(second)) => generator.index().alike_ids(first, second),
            _ => generator.near_duplicate(&faq.entries[a].answer, &faq.entries[b].answer),
        }
}

/// An FAQ's texts by their ids in the deck's index, worked out once: an
/// entry is compared with its neighbours and twins many times over, and
/// finding a text's id hashes it and reads the index's copy of it from
/// anywhere in memory.
#[derive(Debug)]
pub(super) struct Texts {
    /// Each entry's question and answer ids (none for a text not indexed).
    ids: Vec<EntryIds>,
    /// The entries asking each question text, by the text's id.
    asking: Packed,
}

#[derive(Debug, Clone, Copy)]
struct EntryIds {
    question: Option<usize>,
    answer: Option<usize>,
}

impl Texts {
    /// Entry `position`'s answer's id, if the index holds it.
    fn answer(&self, position: usize) -> Option<usize> {
        self.ids.get(position).and_then(|ids| ids.answer)
    }

    /// Entry `position`'s question's id, if the index holds it.
    fn question(&self, position: usize) -> Option<usize> {
        self.ids.get(position).and_then(|ids| ids.question)
    }

    pub(super) fn new(index: &TextIndex, faq: &Faq) -> Texts {
        // The index was given the answers, then the questions, in the
        // entries' order (see `deck_index`).
        let (answers, questions) = index.given_ids().split_at(faq.entries.len().min(index.given_ids().len()));
        debug_assert_eq!(questions.len(), answers.len(), "the index holds each entry's question and answer");
        let id = |ids: &[u32], at: usize| ids.get(at).map(|&id| id as usize);
        let ids: Vec<EntryIds> = (0..faq.entries.len())
            .map(|at| EntryIds { question: id(questions, at), answer: id(answers, at) })
            .collect();
        let placed: Vec<(usize, u32)> =
            ids.iter().enumerate().filter_map(|(at, entry)| Some((entry.question?, u32::try_from(at).ok()?))).collect();
        Texts { asking: Packed::grouped(index.len(), &placed), ids }
    }
}
