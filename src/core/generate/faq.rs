//! Questions from an FAQ.

use super::options::{Distractor, Likeness, build};
use super::skip::Skip;
use super::{Draft, Generator, Rng, Slot, neighbourhood};
use crate::core::deck::{Faq, FaqEntry};
use crate::core::phrases::fill;
use crate::core::question::QuestionKind;

pub(super) fn slots(faq: &Faq, each: &mut dyn FnMut(Slot)) {
    for (index, entry) in faq.entries.iter().enumerate() {
        let kinds = [
            QuestionKind::FaqRecall,
            QuestionKind::AnswerChoice,
            QuestionKind::WhichQuestion,
            QuestionKind::TypedAnswer,
        ];
        for kind in kinds {
            if kind == QuestionKind::TypedAnswer && entry.accepted.is_empty() {
                continue;
            }
            each(Slot { item: entry.id.clone(), kind, path: format!("content.entries[{index}]") });
        }
    }
}

pub(super) fn question(generator: &Generator, faq: &Faq, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
    let position =
        generator.position(&slot.item).filter(|at| faq.entries[*at].id == slot.item).ok_or(Skip::NoSuchEntry)?;
    let entry = &faq.entries[position];
    let context = format!("{}\n{}", entry.question, entry.answer);
    // Another entry asking nearly the same question with a different answer
    // makes the answer ambiguous; one that says the same does not.
    if slot.kind != QuestionKind::WhichQuestion
        && let Some(twin) = twins(generator, faq, entry).find(|other| !answer_alike(generator, entry, other))
    {
        return Err(Skip::NearlySameQuestion { twin: twin.id.clone() });
    }
    // Distractors come from the entries asking the same kind of question
    // (see `frames`) and those nearest this one in the file (`NEIGHBOURS`),
    // the most alike in frame first.
    // Worked out only for the kinds with options.
    let others = || {
        let frames = generator.frames(faq);
        let mut nearby: Vec<usize> = frames.block_of(position);
        nearby.extend(neighbourhood(faq.entries.len(), position));
        nearby.sort_unstable();
        nearby.dedup();
        nearby
            .into_iter()
            .filter(|&other| faq.entries[other].id != entry.id)
            .map(move |other| (tier_from_likeness(frames.likeness(position, other)), &faq.entries[other]))
    };
    match slot.kind {
        QuestionKind::FaqRecall => {
            Ok(Draft { prompt: entry.question.clone(), answer: entry.answer.clone(), context, ..Draft::default() })
        }
        QuestionKind::AnswerChoice => {
            let candidates = others()
                .filter(|(_, other)| !answer_alike(generator, entry, other))
                .map(|(tier, other)| Distractor { tier, text: other.answer.clone() });
            let (options, correct) = build(generator, rng, Likeness::Texts, &entry.question, &entry.answer, candidates)
                .ok_or(Skip::NoFittingOption)?;
            Ok(Draft {
                prompt: entry.question.clone(),
                options,
                correct: vec![correct],
                answer: entry.answer.clone(),
                context,
                ..Draft::default()
            })
        }
        QuestionKind::WhichQuestion => {
            // A question whose answer says the same would be right too.
            let candidates = others()
                .filter(|(_, other)| !answer_alike(generator, entry, other) && !question_alike(generator, entry, other))
                .map(|(tier, other)| Distractor { tier, text: other.question.clone() });
            let prompt = fill(generator.phrases.which_question, &[("text", &entry.answer)]);
            let (options, correct) = build(generator, rng, Likeness::Texts, &prompt, &entry.question, candidates)
                .ok_or(Skip::NoOtherEntry)?;
            Ok(Draft {
                prompt,
                options,
                correct: vec![correct],
                answer: entry.question.clone(),
                context,
                ..Draft::default()
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

/// The other entries asking the same question or nearly: by text (from the
/// deck's near-duplicate index) and as the author marked them, never by
/// comparing every entry.
fn twins<'f>(generator: &'f Generator, faq: &'f Faq, entry: &'f FaqEntry) -> impl Iterator<Item = &'f FaqEntry> + 'f {
    let texts = std::iter::once(entry.question.as_str()).chain(generator.index().partners(&entry.question));
    let by_text = texts.flat_map(|text| generator.entries_asking(faq, text).iter().map(|at| &faq.entries[*at]));
    let marked =
        generator.same.members(&entry.id).filter_map(|id| generator.position(id).and_then(|at| faq.entries.get(at)));
    by_text.chain(marked).filter(move |other| other.id != entry.id)
}

/// A frame likeness (0–1) as a tier, most alike first: 0 for the same frame.
fn tier_from_likeness(likeness: f64) -> u8 {
    let tenths = ((1.0 - likeness.clamp(0.0, 1.0)) * 10.0).round();
    // In 0..=10 by the clamp, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths as u8;
    tenths
}

fn question_alike(generator: &Generator, a: &FaqEntry, b: &FaqEntry) -> bool {
    generator.alike((&a.id, &a.question), (&b.id, &b.question))
}

fn answer_alike(generator: &Generator, a: &FaqEntry, b: &FaqEntry) -> bool {
    generator.alike((&a.id, &a.answer), (&b.id, &b.answer))
}
