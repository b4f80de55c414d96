//! `tabula study --text` and `tabula exam --text`: a sitting in the
//! terminal, one question at a time, driven by the core's session.
//!
//! What scripts read stays fixed: `[KIND] prompt` opens a question, a line
//! starting `saved` follows each durable answer, `undone` and `suspended`
//! acknowledge the commands `u` and `s` (a line that is just that letter, at
//! any prompt; `\u` types the text "u"), and one line starting `Correct.` or
//! `Wrong.` gives an auto-graded verdict in study and practice — the deck's
//! texts printed after it are indented, so no other line starts so. After a
//! wrong typed answer, `r` at the next prompt counts it as right ("I was
//! right"), acknowledged by a `saved` line.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use chrono::{DateTime, Duration, Local, Utc};

use super::{CliError, Context};
use crate::core::exam::{exam_id, paper};
use crate::core::question::{Question, QuestionKind, Response, option_letter};
use crate::core::save::Save;
use crate::core::schedule::{CardState, Rating, Scheduler, format_wait};
use crate::core::session::{End, Mode, Session, Stage, Undone};
use crate::core::study::{Catalog, DayEnd};

/// `tabula study --text [--practice]`.
pub fn run(context: &Context, deck_arguments: &[String], practice: bool) -> Result<ExitCode, CliError> {
    let (library, ids) = context.select_decks(deck_arguments)?;
    let catalog = Catalog::new(&library, &ids);
    let mut save = open_save(context)?;
    let session = if practice {
        let seed = u64::try_from(context.clock.now().timestamp()).unwrap_or_default();
        let round = catalog.practice_round(save.data(), seed);
        Session::practice(catalog, ids, round)
    } else {
        Session::study(catalog, ids)
    };
    let scheduler = Scheduler::new(save.data().settings.scheduler.clone(), context.calendar);
    let mut terminal = Terminal { input: io::stdin().lock(), output: io::stdout().lock() };
    terminal.sit(session, &mut save, &scheduler, context)?;
    Ok(ExitCode::SUCCESS)
}

/// `tabula exam --text`: a paper taken in the terminal, handed in at the
/// end of input or when its time is up, then scored.
pub fn exam(
    context: &Context,
    deck_arguments: &[String],
    count: usize,
    seed: u64,
    minutes: Option<u32>,
) -> Result<ExitCode, CliError> {
    if count == 0 {
        return Err(CliError::Usage("--count must be at least 1".into()));
    }
    let (library, ids) = context.select_decks(deck_arguments)?;
    let catalog = Catalog::new(&library, &ids);
    let paper = paper(&catalog, count, seed);
    if paper.questions.is_empty() {
        return Err(CliError::Usage("these decks give no exam questions".into()));
    }
    let mut save = open_save(context)?;
    let now = context.clock.now();
    let limit = minutes.filter(|minutes| *minutes > 0).map(|minutes| Duration::minutes(i64::from(minutes)));
    let session = Session::exam(catalog, ids, paper, exam_id(now, seed), limit, now);
    let scheduler = Scheduler::new(save.data().settings.scheduler.clone(), context.calendar);
    let mut terminal = Terminal { input: io::stdin().lock(), output: io::stdout().lock() };
    terminal.sit(session, &mut save, &scheduler, context)?;
    Ok(ExitCode::SUCCESS)
}

fn open_save(context: &Context) -> Result<Save, CliError> {
    let opened = Save::open(&context.data_dir, context.clock.now())?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    Ok(opened.save)
}

/// A line read at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Text(String),
    Undo,
    Suspend,
    /// "I was right" about the last typed answer.
    Right,
    End,
}

impl Line {
    /// `u` and `s` alone are commands; a leading backslash escapes them
    /// (`\u` is the text "u").
    fn parse(raw: &str) -> Line {
        match raw.trim() {
            "u" => Line::Undo,
            "s" => Line::Suspend,
            "r" => Line::Right,
            text => Line::Text(text.strip_prefix('\\').unwrap_or(text).to_owned()),
        }
    }
}

struct Terminal<I, O> {
    input: I,
    output: O,
}

impl<I: BufRead, O: Write> Terminal<I, O> {
    fn line(&mut self) -> io::Result<Line> {
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(Line::End);
        }
        Ok(Line::parse(line.trim_end_matches(['\n', '\r'])))
    }

    /// Runs the sitting to its end or the end of input.
    fn sit(
        &mut self,
        mut session: Session,
        save: &mut Save,
        scheduler: &Scheduler,
        context: &Context,
    ) -> Result<(), CliError> {
        let clock = context.clock;
        if session.mode() != Mode::Exam {
            session.advance(save.data(), scheduler, clock.now());
        }
        let mut hint: Option<&'static str> = None;
        loop {
            let now = clock.now();
            if session.time_is_up(now) {
                writeln!(self.output, "Time is up.")?;
                session.hand_in(save, now, true)?;
            }
            if let Some(end) = session.end() {
                self.ended(end, &session, now)?;
                return Ok(());
            }
            let Some(current) = session.current().cloned() else { return Ok(()) };
            let question = &current.question;
            if let Some(text) = hint.take() {
                writeln!(self.output, "{text}")?;
            }
            if current.stage == Stage::Revealed {
                self.rating_buttons(&session, save, scheduler, question, now)?;
            } else {
                if let Some((index, total)) = session.exam_position() {
                    writeln!(self.output, "\nQuestion {} of {total}", index + 1)?;
                }
                writeln!(self.output, "\n[{}] {}", question.kind, indented(&question.prompt))?;
                if question.kind.is_self_graded() {
                    writeln!(self.output, "(press Enter to show the answer)")?;
                } else {
                    self.show_choices(question, session.mode() == Mode::Exam)?;
                }
            }
            let line = self.line()?;
            let now = clock.now();
            match line {
                Line::End => {
                    if session.mode() == Mode::Exam {
                        writeln!(self.output, "End of input: the paper is handed in.")?;
                        session.hand_in(save, now, false)?;
                        if let Some(end) = session.end() {
                            self.ended(end, &session, now)?;
                        }
                    } else {
                        writeln!(self.output, "End of input: session over.")?;
                    }
                    return Ok(());
                }
                Line::Undo => match session.undo(save, now)? {
                    Some(Undone::Answer(card)) => writeln!(self.output, "undone answer to {card}")?,
                    Some(Undone::Suspension(card)) => writeln!(self.output, "undone suspension of {card}")?,
                    Some(Undone::Skip(card)) => writeln!(self.output, "undone skip of {card}")?,
                    None => hint = Some("Nothing to undo in this session."),
                },
                Line::Right => match session.overrule(save, scheduler, now)? {
                    Some(recorded) => {
                        let review = &recorded.review;
                        writeln!(
                            self.output,
                            "saved {} ({}: you were right)",
                            review.card,
                            rating_name(review.rating)
                        )?;
                    }
                    None => hint = Some("Nothing to count as right: `r` follows a wrong typed answer."),
                },
                Line::Suspend => {
                    if let Some(card) = session.suspend(save, scheduler, now)? {
                        writeln!(self.output, "suspended {card} (tabula suspend --undo {card} brings it back)")?;
                    }
                }
                Line::Text(text) => match current.stage {
                    Stage::Asking if question.kind.is_self_graded() => session.reveal(),
                    Stage::Revealed => match text.trim().parse::<u32>().ok().and_then(Rating::from_number) {
                        Some(rating) => {
                            if let Some(recorded) = session.rate(save, scheduler, rating, now)? {
                                let review = &recorded.review;
                                writeln!(self.output, "saved {} ({})", review.card, rating_name(review.rating))?;
                            }
                        }
                        None => hint = Some("Rate with a number from 1 to 4."),
                    },
                    _ if text.is_empty() && session.mode() == Mode::Exam => session.skip(save, now)?,
                    _ => match parse_response(question, &text) {
                        Some(response) => self.respond(&mut session, save, scheduler, response, now)?,
                        None => hint = Some(usage(question)),
                    },
                },
            }
        }
    }

    fn respond(
        &mut self,
        session: &mut Session,
        save: &mut Save,
        scheduler: &Scheduler,
        response: Response,
        now: DateTime<Utc>,
    ) -> Result<(), CliError> {
        let Some(recorded) = session.respond(save, scheduler, response, now)? else { return Ok(()) };
        let review = recorded.review;
        if let Some(current) = session.current()
            && let Stage::Answered { correct, .. } = &current.stage
        {
            let question = &current.question;
            if *correct {
                writeln!(self.output, "Correct.")?;
            } else {
                writeln!(self.output, "Wrong. The answer: {}", indented(&question.answer))?;
            }
            if !question.context.is_empty() {
                writeln!(self.output, "{CONTINUED}{}", indented(&question.context))?;
            }
            if session.can_overrule() {
                writeln!(self.output, "(r at the next prompt: I was right)")?;
            }
        }
        writeln!(self.output, "saved {} ({})", review.card, rating_name(review.rating))?;
        if session.mode() != Mode::Exam {
            session.advance(save.data(), scheduler, now);
        }
        Ok(())
    }

    /// The flip card's answer and the four ratings; in study each with the
    /// wait it gives (practice leaves the schedule alone).
    fn rating_buttons(
        &mut self,
        session: &Session,
        save: &Save,
        scheduler: &Scheduler,
        question: &Question,
        now: DateTime<Utc>,
    ) -> io::Result<()> {
        writeln!(self.output, "Answer: {}", indented(&question.answer))?;
        let buttons: Vec<String> = if session.mode() == Mode::Study {
            let card = save.data().cards.get(&question.id).cloned().unwrap_or_else(|| CardState::new_card(now));
            scheduler
                .preview(&card, now)
                .iter()
                .zip(Rating::ALL)
                .map(|(next, rating)| {
                    format!("{} {} ({})", rating.number(), rating_name(rating), format_wait(next.due_at - now))
                })
                .collect()
        } else {
            Rating::ALL.iter().map(|rating| format!("{} {}", rating.number(), rating_name(*rating))).collect()
        };
        writeln!(self.output, "{}", buttons.join("   "))
    }

    /// Prints the options of an auto-graded question and how to answer.
    fn show_choices(&mut self, question: &Question, exam: bool) -> io::Result<()> {
        match question.kind {
            QuestionKind::TypedAnswer => writeln!(self.output, "(type your answer)")?,
            QuestionKind::Matching => {
                for (index, left) in question.lefts.iter().enumerate() {
                    writeln!(self.output, "  {}) {}", option_letter(index).to_ascii_lowercase(), indented(left))?;
                }
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {}", index + 1, indented(option))?;
                }
                writeln!(self.output, "(one option number per lettered entry, in order, separated by spaces)")?;
            }
            QuestionKind::TrueFalse => {
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {}", index + 1, indented(option))?;
                }
                writeln!(self.output, "(answer with an option number, or t / f)")?;
            }
            _ => {
                for (index, option) in question.options.iter().enumerate() {
                    writeln!(self.output, "  {}. {}", index + 1, indented(option))?;
                }
                writeln!(self.output, "(answer with an option number)")?;
            }
        }
        if exam {
            writeln!(self.output, "(an empty line leaves it blank; u undoes, s suspends)")?;
        }
        Ok(())
    }

    fn ended(&mut self, end: &End, session: &Session, now: DateTime<Utc>) -> io::Result<()> {
        match end {
            End::DayDone(day) => self.day_done(day, now),
            End::PracticeDone => {
                let tally = session.tally();
                writeln!(
                    self.output,
                    "Practice done: every card answered right ({} answers, {} right).",
                    tally.answered, tally.right
                )
            }
            End::HandedIn { graded, timed_out } => {
                let share = graded.score() * 100.0;
                writeln!(self.output, "\nscore: {} / {} ({share:.0}%)", graded.right, graded.total)?;
                if graded.answered < graded.total {
                    writeln!(self.output, "{} left unanswered (counted as wrong)", graded.total - graded.answered)?;
                }
                if *timed_out {
                    writeln!(self.output, "(the time ran out)")?;
                }
                writeln!(self.output, "by deck:")?;
                for tally in &graded.by_deck {
                    writeln!(self.output, "  {}  {} / {}", tally.name, tally.right, tally.total)?;
                }
                Ok(())
            }
        }
    }

    fn day_done(&mut self, day: &DayEnd, now: DateTime<Utc>) -> io::Result<()> {
        match day.next_due_at {
            Some(due) => writeln!(
                self.output,
                "Nothing left to study now. The next card is due {} (in {}).",
                due.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                format_wait(due - now)
            )?,
            None => writeln!(self.output, "Nothing to study: these decks have no cards.")?,
        }
        let counts = day.counts;
        if counts.new_held_by_sibling > 0 {
            writeln!(
                self.output,
                "{} new card(s) wait: another card of the same entry was studied today, and one would give the other away.",
                counts.new_held_by_sibling
            )?;
        }
        if counts.new_over_limit > 0 {
            writeln!(
                self.output,
                "{} new card(s) wait for tomorrow: today's limit of {} new cards is reached (tabula settings --new-per-day).",
                counts.new_over_limit, day.new_per_day
            )?;
        }
        Ok(())
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

/// A deck's text as printed, each further line indented, so that no line of
/// it starts like a verdict or a command's acknowledgement.
fn indented(text: &str) -> String {
    text.replace('\n', &format!("\n{CONTINUED}"))
}

/// How the further lines of a deck's text begin: deeper than an option's
/// `  1. `, so that a script can tell them apart.
const CONTINUED: &str = "    ";

/// What to type at an auto-graded question, after a line that could not be used.
fn usage(question: &Question) -> &'static str {
    match question.kind {
        QuestionKind::TypedAnswer => "Type an answer.",
        QuestionKind::Matching => "Give option numbers separated by spaces, e.g. `2 1 3`.",
        QuestionKind::TrueFalse => "Answer 1 or t for true, 2 or f for false.",
        _ => "Answer with the number of an option.",
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

    #[test]
    fn u_and_s_alone_are_commands_and_a_backslash_makes_them_text() {
        assert_eq!(Line::parse("u"), Line::Undo);
        assert_eq!(Line::parse(" s "), Line::Suspend);
        assert_eq!(Line::parse("\\u"), Line::Text("u".into()));
        assert_eq!(Line::parse("r"), Line::Right);
        assert_eq!(Line::parse("\\r"), Line::Text("r".into()));
        assert_eq!(Line::parse("us"), Line::Text("us".into()));
    }
}
