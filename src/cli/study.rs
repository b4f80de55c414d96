//! `tabula study --text`: study in the terminal, one question at a time.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{DateTime, Local, Utc};

use super::{CliError, Context};
use crate::core::question::{CardId, Question, QuestionKind, Response};
use crate::core::save::{Save, SessionKind};
use crate::core::schedule::{Rating, Scheduler, format_wait};
use crate::core::study::{Answer, Catalog, Planner, record_answer};

pub fn run(context: &Context, deck_arguments: &[String], practice: bool) -> Result<ExitCode, CliError> {
    let (library, ids) = context.select_decks(deck_arguments)?;
    let catalog = Catalog::new(&library, &ids);
    let opened = Save::open(&context.data_dir, context.clock.now())?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut save = opened.save;
    let scheduler = Scheduler::new(save.data().settings.scheduler.clone(), context.calendar);
    let stdin = io::stdin();
    let mut session = Session { input: stdin.lock(), output: io::stdout().lock() };
    let mut round: Vec<CardId> = Vec::new();
    let mut rounds = 0u64;
    loop {
        let now = context.clock.now();
        let card = if practice {
            if round.is_empty() {
                round = catalog.practice_round(save.data(), rounds);
                round.reverse();
                rounds += 1;
            }
            round.pop()
        } else {
            Planner { catalog: &catalog, data: save.data(), scheduler: &scheduler, now }.next_card()
        };
        let Some(card) = card else {
            let planner = Planner { catalog: &catalog, data: save.data(), scheduler: &scheduler, now };
            session.finished(planner.next_due_at(), now)?;
            return Ok(ExitCode::SUCCESS);
        };
        let seed = save.data().reviews.len() as u64;
        let Some(question) = catalog.question(&card, seed) else { continue };
        let shown_at = Instant::now();
        let Some(outcome) = session.ask(&question, &scheduler, &save, now)? else {
            writeln!(session.output, "End of input: session over.")?;
            return Ok(ExitCode::SUCCESS);
        };
        let answer = Answer {
            card: card.clone(),
            rating: outcome.rating,
            response: outcome.response,
            correct: outcome.correct,
            duration_ms: super::elapsed_ms(shown_at),
            session: if practice { SessionKind::Practice } else { SessionKind::Study },
        };
        let review = record_answer(&mut save, &scheduler, answer, context.clock.now())?;
        writeln!(session.output, "saved {} ({})", review.card, rating_name(review.rating))?;
        session.output.flush()?;
    }
}

struct Outcome {
    rating: Rating,
    response: String,
    correct: Option<bool>,
}

struct Session<I, O> {
    input: I,
    output: O,
}

impl<I: BufRead, O: Write> Session<I, O> {
    /// A line of input without its line end; None at end of input.
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
    }

    fn ask(
        &mut self,
        question: &Question,
        scheduler: &Scheduler,
        save: &Save,
        now: DateTime<Utc>,
    ) -> Result<Option<Outcome>, CliError> {
        if question.kind.is_self_graded() {
            writeln!(self.output, "\n[{}] {}", question.kind, question.prompt)?;
            writeln!(self.output, "(press Enter to show the answer)")?;
            self.output.flush()?;
            if self.line()?.is_none() {
                return Ok(None);
            }
            writeln!(self.output, "Answer: {}", question.answer)?;
            let card = save
                .data()
                .cards
                .get(&question.id)
                .cloned()
                .unwrap_or_else(|| crate::core::schedule::CardState::new_card(now));
            let buttons: Vec<String> = scheduler
                .preview(&card, now)
                .iter()
                .zip(Rating::ALL)
                .map(|(next, rating)| {
                    format!("{} {} ({})", rating.number(), rating_name(rating), format_wait(next.due_at - now))
                })
                .collect();
            loop {
                writeln!(self.output, "{}", buttons.join("   "))?;
                self.output.flush()?;
                let Some(line) = self.line()? else { return Ok(None) };
                match line.trim().parse::<u32>().ok().and_then(Rating::from_number) {
                    Some(rating) => return Ok(Some(Outcome { rating, response: String::new(), correct: None })),
                    None => writeln!(self.output, "Rate with a number from 1 to 4.")?,
                }
            }
        }
        let mut hint = None;
        loop {
            // After a line it cannot use: the hint, then the question again.
            if let Some(hint) = hint {
                writeln!(self.output, "{hint}")?;
            }
            writeln!(self.output, "\n[{}] {}", question.kind, question.prompt)?;
            let usage = self.show_choices(question)?;
            self.output.flush()?;
            let Some(line) = self.line()? else { return Ok(None) };
            let Some(response) = parse_response(question, &line) else {
                hint = Some(usage);
                continue;
            };
            let correct = question.is_correct(&response);
            if correct {
                writeln!(self.output, "Correct.")?;
            } else {
                writeln!(self.output, "Wrong. The answer: {}", question.answer)?;
            }
            if !question.context.is_empty() {
                writeln!(self.output, "{}", question.context)?;
            }
            return Ok(Some(Outcome {
                rating: Rating::from_correct(correct),
                response: question.response_text(&response),
                correct: Some(correct),
            }));
        }
    }

    /// Prints the options and returns the hint for an unusable line.
    fn show_choices(&mut self, question: &Question) -> io::Result<&'static str> {
        match question.kind {
            QuestionKind::TypedAnswer => {
                writeln!(self.output, "(type your answer)")?;
                Ok("Type an answer.")
            }
            QuestionKind::Matching => {
                for (index, left) in question.lefts.iter().enumerate() {
                    writeln!(self.output, "  {}) {left}", super::letter(index).to_ascii_lowercase())?;
                }
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {option}", index + 1)?;
                }
                writeln!(self.output, "(one option number per lettered entry, in order, separated by spaces)")?;
                Ok("Give option numbers separated by spaces, e.g. `2 1 3`.")
            }
            QuestionKind::TrueFalse => {
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {option}", index + 1)?;
                }
                writeln!(self.output, "(answer with an option number, or t / f)")?;
                Ok("Answer 1 or t for true, 2 or f for false.")
            }
            _ => {
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {option}", index + 1)?;
                }
                writeln!(self.output, "(answer with an option number)")?;
                Ok("Answer with the number of an option.")
            }
        }
    }

    fn finished(&mut self, next_due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> io::Result<()> {
        match next_due {
            Some(due) => writeln!(
                self.output,
                "Nothing left to study now. The next card is due {} (in {}).",
                due.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                format_wait(due - now)
            ),
            None => writeln!(self.output, "Nothing to study: these decks have no cards."),
        }
    }
}

fn rating_name(rating: Rating) -> &'static str {
    match rating {
        Rating::Again => "again",
        Rating::Hard => "hard",
        Rating::Good => "good",
        Rating::Easy => "easy",
    }
}

/// Reads an answer line; None where it cannot be used.
fn parse_response(question: &Question, line: &str) -> Option<Response> {
    let number =
        |word: &str| word.parse::<usize>().ok().filter(|n| (1..=question.options.len()).contains(n)).map(|n| n - 1);
    match question.kind {
        QuestionKind::TypedAnswer => (!line.trim().is_empty()).then(|| Response::Typed(line.trim().to_owned())),
        QuestionKind::Matching => {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() || words.len() > question.lefts.len() {
                return None;
            }
            let mut chosen: Vec<Option<usize>> = Vec::new();
            for word in words {
                chosen.push(Some(number(word)?));
            }
            chosen.resize(question.lefts.len(), None);
            Some(Response::Matches(chosen))
        }
        QuestionKind::TrueFalse => match line.trim().to_lowercase().as_str() {
            "t" | "true" => Some(Response::Choice(0)),
            "f" | "false" => Some(Response::Choice(1)),
            other => number(other).map(Response::Choice),
        },
        _ => number(line.trim()).map(Response::Choice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind) -> Question {
        Question::example(kind)
    }

    #[test]
    fn matching_missing_entries_count_as_blank() {
        let q = question(QuestionKind::Matching);
        assert_eq!(parse_response(&q, "2"), Some(Response::Matches(vec![Some(1), None, None])));
        assert_eq!(parse_response(&q, "1 2 3 1"), None);
        assert_eq!(parse_response(&q, "4"), None);
    }

    #[test]
    fn choice_needs_an_option_number() {
        let q = question(QuestionKind::CellChoice);
        assert_eq!(parse_response(&q, " 3 "), Some(Response::Choice(2)));
        assert_eq!(parse_response(&q, "0"), None);
        assert_eq!(parse_response(&q, "x"), None);
        let tf = question(QuestionKind::TrueFalse);
        assert_eq!(parse_response(&tf, "F"), Some(Response::Choice(1)));
    }
}
