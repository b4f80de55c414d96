//! The class report: several learners' saves read together, per learner and
//! per question, hardest questions first.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::core::exam::{self, ExamResult};
use crate::core::question::CardId;
use crate::core::save::{Review, SaveData, SessionKind};
use crate::core::schedule::{Phase, Rating};

/// One learner's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerRow {
    pub name: String,
    /// Cards answered at least once.
    pub cards_studied: usize,
    pub reviews: usize,
    /// Share of study answers on review cards that were not Again.
    pub retention: Option<f64>,
    /// Each exam, oldest first, scored out of the questions set.
    pub exams: Vec<ExamResult>,
}

/// One question across the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub card: CardId,
    pub answered: usize,
    pub wrong: usize,
    /// The wrong answer given most often, with how often.
    pub common_wrong: Option<(String, usize)>,
}

impl ItemRow {
    #[must_use]
    pub fn share_wrong(&self) -> f64 {
        if self.answered == 0 { 0.0 } else { self.wrong as f64 / self.answered as f64 }
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub learners: Vec<LearnerRow>,
    pub items: Vec<ItemRow>,
}

fn is_wrong(review: &Review) -> bool {
    review.correct.map_or(review.rating == Rating::Again, |correct| !correct)
}

/// Builds the report from named saves.
#[must_use]
pub fn report(saves: &[(String, SaveData)]) -> Report {
    let mut learners = Vec::new();
    let mut items: BTreeMap<CardId, (usize, usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for (name, data) in saves {
        let mut studied: std::collections::BTreeSet<&CardId> = std::collections::BTreeSet::new();
        let mut review_answers = 0usize;
        let mut recalled = 0usize;
        for review in &data.reviews {
            studied.insert(&review.card);
            if review.session == SessionKind::Study && review.phase_before == Phase::Review {
                review_answers += 1;
                recalled += usize::from(review.rating != Rating::Again);
            }
            let entry = items.entry(review.card.clone()).or_default();
            entry.0 += 1;
            if is_wrong(review) {
                entry.1 += 1;
                if !review.answer.is_empty() {
                    *entry.2.entry(review.answer.clone()).or_default() += 1;
                }
            }
        }
        let display = if data.learner_name.trim().is_empty() { name.clone() } else { data.learner_name.clone() };
        learners.push(LearnerRow {
            name: display,
            cards_studied: studied.len(),
            reviews: data.reviews.len(),
            retention: (review_answers > 0).then(|| recalled as f64 / review_answers as f64),
            exams: exam::results(data),
        });
    }
    let mut items: Vec<ItemRow> = items
        .into_iter()
        .map(|(card, (answered, wrong, answers))| {
            let common_wrong = answers.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
            ItemRow { card, answered, wrong, common_wrong }
        })
        .collect();
    items.sort_by(|a, b| {
        b.share_wrong().total_cmp(&a.share_wrong()).then(b.answered.cmp(&a.answered)).then(a.card.cmp(&b.card))
    });
    Report { learners, items }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::core::question::QuestionKind;

    fn review(card: &str, correct: bool, answer: &str, session: SessionKind) -> Review {
        Review {
            card: CardId::new("d", card, QuestionKind::CellChoice),
            at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("time"),
            rating: Rating::from_correct(correct),
            duration_ms: 1000,
            answer: answer.into(),
            correct: Some(correct),
            session,
            phase_before: Phase::Review,
            overridden: false,
            id: None,
        }
    }

    fn save(name: &str, reviews: Vec<Review>) -> (String, SaveData) {
        (name.into(), SaveData { reviews, ..SaveData::default() })
    }

    #[test]
    fn hardest_items_first_with_the_common_wrong_answer() {
        let exam = || SessionKind::Exam("e1".into());
        let saves = vec![
            save("ana", vec![review("x", false, "Rome", SessionKind::Study), review("y", true, "ok", exam())]),
            save("ben", vec![review("x", false, "Rome", exam()), review("x", false, "Oslo", SessionKind::Study)]),
            save("cai", vec![review("x", true, "Paris", SessionKind::Study), review("y", false, "no", exam())]),
        ];
        let report = report(&saves);
        assert_eq!(report.items[0].card.0, "d/x/cell_choice");
        assert_eq!((report.items[0].answered, report.items[0].wrong), (4, 3));
        assert_eq!(report.items[0].common_wrong, Some(("Rome".into(), 2)));
        assert_eq!(report.items[1].wrong, 1);
        let ben = &report.learners[1];
        assert_eq!((ben.cards_studied, ben.reviews), (1, 2));
        assert_eq!(ben.retention, Some(0.0));
        let score = |exam: &ExamResult| (exam.id.clone(), exam.right, exam.answered, exam.questions);
        assert_eq!(ben.exams.iter().map(score).collect::<Vec<_>>(), vec![("e1".to_owned(), 0, 1, 1)]);
        assert_eq!(report.learners[0].exams.iter().map(score).collect::<Vec<_>>(), vec![("e1".to_owned(), 1, 1, 1)]);
    }

    #[test]
    fn an_exam_is_scored_out_of_its_paper_unanswered_questions_included() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("time");
        let exam = || SessionKind::Exam("e1".into());
        let (name, mut data) = save("ana", vec![review("x", true, "ok", exam())]);
        data.exams.push(crate::core::save::ExamRecord {
            id: "e1".into(),
            started_at: at,
            handed_in_at: at,
            questions: ["x", "y", "z"].iter().map(|item| CardId::new("d", item, QuestionKind::CellChoice)).collect(),
            timed_out: false,
        });
        let report = report(&[(name, data)]);
        let exam = &report.learners[0].exams[0];
        assert_eq!((exam.right, exam.answered, exam.questions), (1, 1, 3));
    }
}
