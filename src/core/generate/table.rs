//! Questions from a comparison table.

use super::options::{Asked, Distractor, Likeness, build};
use super::skip::Skip;
use super::{Draft, Generator, Rng, Slot, neighbourhood};
use crate::core::deck::{Aspect, FieldPath, Subject, Table};
use crate::core::phrases::{fill, fill_marked};
use crate::core::question::{QuestionKind, TRUE_FALSE_OPTIONS};
use crate::core::seeded::{below, shuffle};

/// Most pairs a matching question shows.
pub const MAX_PAIRS: usize = 6;

const CELL_KINDS: [QuestionKind; 5] = [
    QuestionKind::CellRecall,
    QuestionKind::CellChoice,
    QuestionKind::WhichSubject,
    QuestionKind::WhichAspect,
    QuestionKind::TrueFalse,
];

/// At least as many as [`slots`] gives: a card of each kind per cell, and a
/// matching question per subject.
pub(super) fn slot_bound(table: &Table) -> usize {
    table.subjects.len() * (table.aspects.len() * CELL_KINDS.len() + 1)
}

pub(super) fn slots(table: &Table, each: &mut dyn FnMut(Slot)) {
    for (aspect_index, aspect) in table.aspects.iter().enumerate() {
        for (subject_index, subject) in table.subjects.iter().enumerate() {
            let others = || table.subjects.iter().filter(|other| other.id != subject.id);
            // As the author stated (`includes`, `also_holds`): a cell that
            // holds for every other subject names no one subject, and where
            // every other subject's cell holds for this one too, nothing can
            // be said of this one that is false.
            let names_one = others().any(|other| !table.holds_for(&aspect.id, &subject.id, &other.id));
            let can_be_false = others().any(|other| !table.holds_for(&aspect.id, &other.id, &subject.id));
            for kind in CELL_KINDS {
                if (kind == QuestionKind::WhichSubject && !names_one)
                    || (kind == QuestionKind::TrueFalse && !can_be_false)
                {
                    continue;
                }
                each(Slot {
                    item: cell_ref(aspect, subject),
                    kind,
                    path: FieldPath::Cell { aspect: aspect_index, subject: subject_index },
                    entry: None,
                });
            }
        }
    }
    for (subject_index, subject) in table.subjects.iter().enumerate() {
        each(Slot {
            item: subject.id.clone(),
            kind: QuestionKind::Matching,
            path: FieldPath::Subject(subject_index),
            entry: None,
        });
    }
}

fn cell_ref(aspect: &Aspect, subject: &Subject) -> String {
    format!("{}/{}", aspect.id, subject.id)
}

fn cell<'t>(aspect: &'t Aspect, subject: &Subject) -> &'t str {
    aspect.cells.get(&subject.id).map_or("", String::as_str)
}

pub(super) fn question(generator: &Generator, table: &Table, slot: &Slot, rng: &mut Rng) -> Result<Draft, Skip> {
    if slot.kind == QuestionKind::Matching {
        let subject = table.subjects.iter().find(|subject| subject.id == slot.item).ok_or(Skip::NoSuchEntry)?;
        return matching(generator, table, subject, rng);
    }
    let (aspect_id, subject_id) = slot.item.split_once('/').ok_or(Skip::NoSuchEntry)?;
    let row =
        generator.position(aspect_id).filter(|row| table.aspects[*row].id == aspect_id).ok_or(Skip::NoSuchEntry)?;
    let aspect = &table.aspects[row];
    let column = table.subjects.iter().position(|subject| subject.id == subject_id).ok_or(Skip::NoSuchEntry)?;
    let subject = &table.subjects[column];
    let cell = CellQuestion { generator, table, row, aspect, column, subject };
    match slot.kind {
        QuestionKind::CellRecall => Ok(cell.recall()),
        QuestionKind::CellChoice => cell.choice(rng),
        QuestionKind::WhichSubject => cell.which_subject(rng),
        QuestionKind::WhichAspect => cell.which_aspect(rng),
        QuestionKind::TrueFalse => cell.true_false(rng),
        other => Err(Skip::KindNotApplicable(other)),
    }
}

struct CellQuestion<'a> {
    generator: &'a Generator<'a>,
    table: &'a Table,
    /// The aspect's index among the table's rows.
    row: usize,
    aspect: &'a Aspect,
    /// The subject's index among the table's columns.
    column: usize,
    subject: &'a Subject,
}

impl CellQuestion<'_> {
    fn text(&self) -> &str {
        cell(self.aspect, self.subject)
    }

    fn is_alike(&self, aspect: &Aspect, subject: &Subject) -> bool {
        self.generator.alike(
            (&cell_ref(self.aspect, self.subject), self.text()),
            (&cell_ref(aspect, subject), cell(aspect, subject)),
        )
    }

    fn slots(&self) -> [(&'static str, &str); 3] {
        [("subject", &self.subject.name), ("aspect", &self.aspect.name), ("text", self.text())]
    }

    /// The row: the aspect and the subjects' cells side by side (in a table
    /// of more than `2 × NEIGHBOURS + 1` subjects, the nearest ones).
    fn context(&self) -> String {
        // A question only decided is never shown: no context to write.
        if self.generator.deciding {
            return String::new();
        }
        let colon = self.generator.phrases.colon;
        let mut lines = vec![self.aspect.name.clone()];
        for subject in self.nearby_subjects() {
            lines.push(format!("{}{colon}{}", subject.name, cell(self.aspect, subject)));
        }
        lines.join("\n")
    }

    /// The rows distractors are drawn from (see [`super::NEIGHBOURS`]).
    fn nearby_aspects(&self) -> &[Aspect] {
        &self.table.aspects[neighbourhood(self.table.aspects.len(), self.row)]
    }

    /// The subjects distractors are drawn from, likewise: every subject of
    /// a table of up to `2 × NEIGHBOURS + 1`, the nearest ones of a wider
    /// one, so that a question costs the same however many subjects there are.
    fn nearby_subjects(&self) -> &[Subject] {
        &self.table.subjects[neighbourhood(self.table.subjects.len(), self.column)]
    }

    fn recall(&self) -> Draft {
        Draft {
            answer: self.text().to_owned(),
            context: self.context(),
            ..Draft::asking(fill_marked(self.generator.phrases.cell_recall, &self.slots()))
        }
    }

    fn choice(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let mut candidates = Vec::new();
        for aspect in self.nearby_aspects() {
            for subject in self.nearby_subjects() {
                let same_aspect = aspect.id == self.aspect.id;
                let same_subject = subject.id == self.subject.id;
                // Another subject's cell that holds for this one too would be right.
                let holds_here = self.table.holds_for(&aspect.id, &subject.id, &self.subject.id);
                if (same_aspect && (same_subject || holds_here)) || self.is_alike(aspect, subject) {
                    continue;
                }
                let tier = match (same_aspect, same_subject) {
                    (true, _) => 0,
                    (_, true) => 1,
                    _ => 2,
                };
                candidates.push(Distractor::new(tier, cell(aspect, subject)));
            }
        }
        let prompt = fill_marked(self.generator.phrases.cell_choice, &self.slots());
        let (options, correct) =
            build(self.generator, rng, Likeness::Texts, Asked::new(prompt.prompt(), self.text()), candidates)
                .ok_or(Skip::NoFittingOption)?;
        Ok(Draft {
            options,
            correct: vec![correct],
            answer: self.text().to_owned(),
            context: self.context(),
            ..Draft::asking(prompt)
        })
    }

    fn which_subject(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let candidates = self
            .nearby_subjects()
            .iter()
            .filter(|subject| subject.id != self.subject.id && !self.is_alike(self.aspect, subject))
            .filter(|subject| !self.table.holds_for(&self.aspect.id, &self.subject.id, &subject.id))
            .map(|subject| Distractor::new(0, &subject.name));
        let prompt = fill_marked(self.generator.phrases.which_subject, &self.slots());
        let (options, correct) =
            build(self.generator, rng, Likeness::Names, Asked::new(prompt.prompt(), &self.subject.name), candidates)
                .ok_or(Skip::NoSingleSubject)?;
        Ok(Draft {
            options,
            correct: vec![correct],
            answer: self.subject.name.clone(),
            context: self.context(),
            ..Draft::asking(prompt)
        })
    }

    fn which_aspect(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let candidates = self
            .nearby_aspects()
            .iter()
            .filter(|aspect| aspect.id != self.aspect.id && !self.is_alike(aspect, self.subject))
            .map(|aspect| Distractor::new(0, &aspect.name));
        let prompt = fill_marked(self.generator.phrases.which_aspect, &self.slots());
        let (options, correct) =
            build(self.generator, rng, Likeness::Names, Asked::new(prompt.prompt(), &self.aspect.name), candidates)
                .ok_or(Skip::NoSingleAspect)?;
        Ok(Draft {
            options,
            correct: vec![correct],
            answer: self.aspect.name.clone(),
            context: self.context(),
            ..Draft::asking(prompt)
        })
    }

    /// States the cell of this subject (true) or, as often, another subject's
    /// cell for the same aspect (false); a card that could only ever be true
    /// teaches nothing and is not generated.
    fn true_false(&self, rng: &mut Rng) -> Result<Draft, Skip> {
        let false_texts: Vec<&str> = self
            .nearby_subjects()
            .iter()
            .filter(|subject| subject.id != self.subject.id && !self.is_alike(self.aspect, subject))
            .filter(|subject| !self.table.holds_for(&self.aspect.id, &subject.id, &self.subject.id))
            .map(|subject| cell(self.aspect, subject))
            .collect();
        if false_texts.is_empty() {
            return Err(Skip::NoFalseStatement);
        }
        let is_true = below(rng, 2) == 0;
        let shown = if is_true { self.text() } else { false_texts[below(rng, false_texts.len())] };
        let slots = [("subject", self.subject.name.as_str()), ("aspect", &self.aspect.name), ("text", shown)];
        Ok(Draft {
            prompt: fill(self.generator.phrases.true_false, &slots),
            options: TRUE_FALSE_OPTIONS.map(String::from).to_vec(),
            correct: vec![usize::from(!is_true)],
            answer: TRUE_FALSE_OPTIONS[usize::from(!is_true)].into(),
            context: self.context(),
            ..Draft::default()
        })
    }
}

/// Match up to [`MAX_PAIRS`] aspects of one subject to their cells, no two
/// cells alike.
fn matching(generator: &Generator, table: &Table, subject: &Subject, rng: &mut Rng) -> Result<Draft, Skip> {
    let alike = |a: &Aspect, b: &Aspect| {
        generator.alike((&cell_ref(a, subject), cell(a, subject)), (&cell_ref(b, subject), cell(b, subject)))
    };
    let mut order: Vec<&Aspect> = table.aspects.iter().collect();
    shuffle(rng, &mut order);
    let mut chosen: Vec<&Aspect> = Vec::new();
    for aspect in order {
        if chosen.len() < MAX_PAIRS && chosen.iter().all(|other| !alike(other, aspect)) {
            chosen.push(aspect);
        }
    }
    if chosen.len() < 2 {
        // The greedy pick can stall where a distinct pair still exists.
        let pair = table
            .aspects
            .iter()
            .enumerate()
            .find_map(|(index, a)| table.aspects[index + 1..].iter().find(|b| !alike(a, b)).map(|b| vec![a, b]));
        chosen = pair.ok_or(Skip::NothingToMatch)?;
    }
    // Lefts in deck order read better than shuffled ones; the options are shuffled.
    chosen.sort_by_key(|aspect| table.aspects.iter().position(|other| other.id == aspect.id));
    let mut option_order: Vec<usize> = (0..chosen.len()).collect();
    shuffle(rng, &mut option_order);
    let options = option_order.iter().map(|&index| cell(chosen[index], subject).to_owned()).collect();
    let correct =
        (0..chosen.len()).map(|left| option_order.iter().position(|&index| index == left).unwrap_or(0)).collect();
    let colon = generator.phrases.colon;
    let answer = chosen
        .iter()
        .map(|aspect| format!("{}{colon}{}", aspect.name, cell(aspect, subject)))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Draft {
        prompt: fill(generator.phrases.matching, &[("subject", &subject.name)]),
        options,
        correct,
        answer: answer.clone(),
        lefts: chosen.iter().map(|aspect| aspect.name.clone()).collect(),
        context: format!("{}\n{answer}", subject.name),
        ..Draft::default()
    })
}
