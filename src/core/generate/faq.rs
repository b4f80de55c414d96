//! Questions from an FAQ.

use super::options::{Distractor, Likeness, build};
use super::{Draft, Generator, Rng, Slot};
use crate::core::deck::{Faq, FaqEntry};
use crate::core::phrases::fill;
use crate::core::question::QuestionKind;

pub(super) fn slots(faq: &Faq) -> Vec<Slot> {
    let mut slots = Vec::new();
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
            slots.push(Slot { item: entry.id.clone(), kind, path: format!("content.entries[{index}]") });
        }
    }
    slots
}

pub(super) fn question(generator: &Generator, faq: &Faq, slot: &Slot, rng: &mut Rng) -> Result<Draft, String> {
    let entry = faq.entries.iter().find(|entry| entry.id == slot.item).ok_or("no such entry")?;
    let context = format!("{}\n{}", entry.question, entry.answer);
    // Another entry asking nearly the same question with a different answer
    // makes the answer ambiguous; one that says the same does not.
    if slot.kind != QuestionKind::WhichQuestion
        && let Some(twin) = faq.entries.iter().find(|other| {
            other.id != entry.id && question_alike(generator, entry, other) && !answer_alike(generator, entry, other)
        })
    {
        return Err(format!("entry `{}` asks nearly the same question", twin.id));
    }
    let others = || faq.entries.iter().filter(move |other| other.id != entry.id);
    match slot.kind {
        QuestionKind::FaqRecall => {
            Ok(Draft { prompt: entry.question.clone(), answer: entry.answer.clone(), context, ..Draft::default() })
        }
        QuestionKind::AnswerChoice => {
            let candidates = others()
                .filter(|other| !answer_alike(generator, entry, other))
                .map(|other| Distractor { tier: 0, text: other.answer.clone() })
                .collect();
            let (options, correct) = build(generator, rng, Likeness::Texts, &entry.answer, candidates)
                .ok_or("every other answer says the same as this one")?;
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
                .filter(|other| !answer_alike(generator, entry, other) && !question_alike(generator, entry, other))
                .map(|other| Distractor { tier: 0, text: other.question.clone() })
                .collect();
            let (options, correct) = build(generator, rng, Likeness::Texts, &entry.question, candidates)
                .ok_or("every other entry's answer or question says the same as this one")?;
            Ok(Draft {
                prompt: fill(generator.phrases.which_question, &[("text", &entry.answer)]),
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
        other => Err(format!("{other} does not apply to an FAQ")),
    }
}

fn question_alike(generator: &Generator, a: &FaqEntry, b: &FaqEntry) -> bool {
    generator.alike((&a.id, &a.question), (&b.id, &b.question))
}

fn answer_alike(generator: &Generator, a: &FaqEntry, b: &FaqEntry) -> bool {
    generator.alike((&a.id, &a.answer), (&b.id, &b.answer))
}
