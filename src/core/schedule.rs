//! Scheduling with FSRS-6 (the `fsrs` crate), with short learning steps for
//! new and forgotten cards as Anki has them.
//!
//! [`Scheduler::answer`] is a pure transition from a card's state, a rating
//! and the time to the card's next state; applying and saving it is the save
//! file's business.

use chrono::{DateTime, Duration, Utc};
use fsrs::{DEFAULT_PARAMETERS, FSRS, MemoryState, current_retrievability};
use serde::{Deserialize, Serialize};

use crate::core::calendar::Calendar;

/// How well the learner recalled a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// 1–4, as FSRS and the keyboard number them.
    #[must_use]
    pub fn number(self) -> u32 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
            Rating::Easy => 4,
        }
    }

    #[must_use]
    pub fn from_number(number: u32) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.number() == number)
    }

    /// The grade of an auto-graded answer: right is Good, wrong is Again.
    #[must_use]
    pub fn from_correct(correct: bool) -> Rating {
        if correct { Rating::Good } else { Rating::Again }
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Phase {
    #[default]
    New,
    Learning,
    Review,
    Relearning,
}

/// FSRS memory of a card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    pub stability: f32,
    pub difficulty: f32,
}

impl From<MemoryState> for Memory {
    fn from(state: MemoryState) -> Self {
        Memory { stability: state.stability, difficulty: state.difficulty }
    }
}

impl From<Memory> for MemoryState {
    fn from(memory: Memory) -> Self {
        MemoryState { stability: memory.stability, difficulty: memory.difficulty }
    }
}

/// The scheduling state of one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub phase: Phase,
    /// Index of the current learning or relearning step.
    #[serde(default)]
    pub step: usize,
    #[serde(default)]
    pub memory: Option<Memory>,
    pub due_at: DateTime<Utc>,
    #[serde(default)]
    pub last_review_at: Option<DateTime<Utc>>,
    /// Interval set at the last review, in days (0 while in steps).
    #[serde(default)]
    pub interval_days: u32,
    #[serde(default)]
    pub reps: u32,
    #[serde(default)]
    pub lapses: u32,
    #[serde(default)]
    pub suspended: bool,
}

impl CardState {
    /// A card never studied.
    #[must_use]
    pub fn new_card(now: DateTime<Utc>) -> CardState {
        CardState {
            phase: Phase::New,
            step: 0,
            memory: None,
            due_at: now,
            last_review_at: None,
            interval_days: 0,
            reps: 0,
            lapses: 0,
            suspended: false,
        }
    }
}

/// Every scheduling setting in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulerConfig {
    /// Probability of recall aimed at when a card comes due (0.70–0.97).
    pub desired_retention: f32,
    /// Steps for new cards, in minutes; empty graduates a card at once.
    pub learning_steps_minutes: Vec<u32>,
    /// Steps for forgotten cards, in minutes.
    pub relearning_steps_minutes: Vec<u32>,
    pub maximum_interval_days: u32,
    /// FSRS-6 parameters (21); the crate's defaults unless fitted.
    pub parameters: Vec<f32>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            desired_retention: 0.9,
            learning_steps_minutes: vec![1, 10],
            relearning_steps_minutes: vec![10],
            maximum_interval_days: 36_500,
            parameters: DEFAULT_PARAMETERS.to_vec(),
        }
    }
}

/// Lowest and highest desired retention a learner may set.
pub const RETENTION_RANGE: (f32, f32) = (0.70, 0.97);

/// A desired retention outside [`RETENTION_RANGE`].
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("desired retention {value} is outside {low:.2}–{high:.2}", low = RETENTION_RANGE.0, high = RETENTION_RANGE.1)]
pub struct RetentionOutOfRange {
    pub value: f32,
}

impl SchedulerConfig {
    /// Sets the desired retention, refusing a value outside [`RETENTION_RANGE`]:
    /// the one place that range is checked.
    pub fn set_desired_retention(&mut self, value: f32) -> Result<(), RetentionOutOfRange> {
        let (low, high) = RETENTION_RANGE;
        if !(low..=high).contains(&value) {
            return Err(RetentionOutOfRange { value });
        }
        self.desired_retention = value;
        Ok(())
    }
}

/// FSRS with its settings.
pub struct Scheduler {
    fsrs: FSRS,
    config: SchedulerConfig,
    calendar: Calendar,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Scheduler {
    /// A scheduler; parameters FSRS rejects fall back to the defaults.
    #[must_use]
    pub fn new(mut config: SchedulerConfig, calendar: Calendar) -> Scheduler {
        config.desired_retention = config.desired_retention.clamp(RETENTION_RANGE.0, RETENTION_RANGE.1);
        let fsrs = FSRS::new(&config.parameters).unwrap_or_else(|_| {
            config.parameters = DEFAULT_PARAMETERS.to_vec();
            FSRS::default()
        });
        Scheduler { fsrs, config, calendar }
    }

    #[must_use]
    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    #[must_use]
    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    /// The next memory state after a rating, from FSRS.
    #[must_use]
    pub fn next_memory(&self, memory: Option<Memory>, elapsed_days: u32, rating: Rating) -> Memory {
        let retention = self.config.desired_retention;
        match self.fsrs.next_states(memory.map(Into::into), retention, elapsed_days) {
            Ok(states) => {
                let state = match rating {
                    Rating::Again => states.again,
                    Rating::Hard => states.hard,
                    Rating::Good => states.good,
                    Rating::Easy => states.easy,
                };
                state.memory.into()
            }
            // Only non-finite input gets here; keep what was known.
            Err(_) => memory.unwrap_or(Memory { stability: 1.0, difficulty: 5.0 }),
        }
    }

    /// The probability of recalling a studied card now (FSRS's
    /// retrievability, from its memory and the time since its last review);
    /// None for a card never studied.
    #[must_use]
    pub fn recall_probability(&self, card: &CardState, now: DateTime<Utc>) -> Option<f64> {
        let memory = card.memory?;
        let last = card.last_review_at?;
        let elapsed_days = ((now - last).num_seconds().max(0) as f32) / 86_400.0;
        let decay = self.config.parameters.get(20).copied().unwrap_or(fsrs::FSRS6_DEFAULT_DECAY);
        let probability = f64::from(current_retrievability(memory.into(), elapsed_days, decay));
        probability.is_finite().then(|| probability.clamp(0.0, 1.0))
    }

    /// The interval in whole days for a stability, within 1 and the maximum.
    #[must_use]
    pub fn interval_days(&self, stability: f32) -> u32 {
        let days = self.fsrs.next_interval(Some(stability), self.config.desired_retention, 3);
        let maximum = self.config.maximum_interval_days.max(1);
        if days.is_finite() {
            // Clamped to 1..=maximum first, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let days = days.round().clamp(1.0, maximum as f32) as u32;
            days
        } else {
            maximum
        }
    }

    /// The card after answering it at `now` with `rating`.
    #[must_use]
    pub fn answer(&self, card: &CardState, rating: Rating, now: DateTime<Utc>) -> CardState {
        let elapsed_days = card.last_review_at.map_or(0, |last| self.calendar.days_between(last, now));
        let memory = self.next_memory(card.memory, elapsed_days, rating);
        let mut next = CardState {
            memory: Some(memory),
            last_review_at: Some(now),
            reps: card.reps.saturating_add(1),
            ..card.clone()
        };
        match card.phase {
            Phase::New | Phase::Learning => {
                self.step(&mut next, card.step, rating, now, &self.config.learning_steps_minutes);
            }
            Phase::Relearning => {
                self.step(&mut next, card.step, rating, now, &self.config.relearning_steps_minutes);
            }
            Phase::Review => {
                if rating == Rating::Again {
                    next.lapses = card.lapses.saturating_add(1);
                    if self.config.relearning_steps_minutes.is_empty() {
                        self.graduate(&mut next, now, rating, card);
                    } else {
                        next.phase = Phase::Relearning;
                        next.step = 0;
                        next.interval_days = 0;
                        next.due_at = now + minutes(self.config.relearning_steps_minutes[0]);
                    }
                } else {
                    self.graduate(&mut next, now, rating, card);
                }
            }
        }
        next
    }

    /// Every possible next state, in rating order: what each button would do.
    #[must_use]
    pub fn preview(&self, card: &CardState, now: DateTime<Utc>) -> [CardState; 4] {
        Rating::ALL.map(|rating| self.answer(card, rating, now))
    }

    /// A step of (re)learning: Again restarts the steps, Hard repeats the
    /// current one (half-way to the next on the first), Good moves on and
    /// graduates after the last, Easy graduates at once.
    fn step(&self, next: &mut CardState, step: usize, rating: Rating, now: DateTime<Utc>, steps: &[u32]) {
        let learning = if next.phase == Phase::Relearning { Phase::Relearning } else { Phase::Learning };
        let stay = |next: &mut CardState, step: usize, delay: Duration| {
            next.phase = learning;
            next.step = step;
            next.interval_days = 0;
            next.due_at = now + delay;
        };
        match rating {
            _ if steps.is_empty() => self.graduate(next, now, rating, &next.clone()),
            Rating::Again => stay(next, 0, minutes(steps[0])),
            Rating::Hard => {
                let current = steps[step.min(steps.len() - 1)];
                let delay = if step == 0 && steps.len() > 1 {
                    (minutes(steps[0]) + minutes(steps[1])) / 2
                } else if steps.len() == 1 {
                    (minutes(current) * 3 / 2).min(minutes(current) + Duration::days(1))
                } else {
                    minutes(current)
                };
                stay(next, step, delay);
            }
            Rating::Good if step + 1 < steps.len() => stay(next, step + 1, minutes(steps[step + 1])),
            Rating::Good | Rating::Easy => self.graduate(next, now, rating, &next.clone()),
        }
    }

    /// Into (or on in) review with an interval from FSRS; Hard, Good and Easy
    /// keep their order so that each button means more time than the last.
    fn graduate(&self, next: &mut CardState, now: DateTime<Utc>, rating: Rating, before: &CardState) {
        let stability = next.memory.map_or(1.0, |memory| memory.stability);
        let mut interval = self.interval_days(stability);
        if before.phase == Phase::Review && rating != Rating::Again {
            // The three buttons of a review card must differ, as Anki's do.
            let with = |r: Rating| {
                let elapsed = before.last_review_at.map_or(0, |last| self.calendar.days_between(last, now));
                self.interval_days(self.next_memory(before.memory, elapsed, r).stability)
            };
            let hard = with(Rating::Hard);
            let good = with(Rating::Good).max(hard + 1);
            interval = match rating {
                Rating::Hard => hard,
                Rating::Good => good,
                _ => interval.max(good + 1),
            };
        }
        interval = interval.min(self.config.maximum_interval_days.max(1));
        next.phase = Phase::Review;
        next.step = 0;
        next.interval_days = interval;
        next.due_at = self.calendar.day_start(self.calendar.day(now) + i64::from(interval));
    }
}

fn minutes(count: u32) -> Duration {
    Duration::minutes(i64::from(count))
}

/// A wait rounded to the unit a button shows it in, so that each language
/// can word it (`10m` in English, `10 分钟` in Chinese) from the same figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wait {
    UnderAMinute,
    Minutes(i64),
    Hours(i64),
    Days(f64),
    /// Months of 30 days, to one decimal.
    Months(f64),
    /// Years of 365 days, to one decimal.
    Years(f64),
}

impl Wait {
    #[must_use]
    pub fn of(wait: Duration) -> Wait {
        let minutes = wait.num_minutes();
        let days = wait.num_seconds() as f64 / 86_400.0;
        if minutes < 1 {
            Wait::UnderAMinute
        } else if minutes < 60 {
            Wait::Minutes(minutes)
        } else if wait.num_hours() < 24 {
            Wait::Hours(wait.num_hours())
        } else if days < 30.0 {
            Wait::Days(days.round())
        } else if days < 365.0 {
            Wait::Months(days / 30.0)
        } else {
            Wait::Years(days / 365.0)
        }
    }
}

/// A short form of a wait, as Anki shows on its buttons: `<1m`, `10m`, `3h`,
/// `4d`, `2.5mo`, `1.1y`.
#[must_use]
pub fn format_wait(wait: Duration) -> String {
    match Wait::of(wait) {
        Wait::UnderAMinute => "<1m".to_owned(),
        Wait::Minutes(minutes) => format!("{minutes}m"),
        Wait::Hours(hours) => format!("{hours}h"),
        Wait::Days(days) => format!("{days}d"),
        Wait::Months(months) => format!("{months:.1}mo"),
        Wait::Years(years) => format!("{years:.1}y"),
    }
}

#[cfg(test)]
mod tests;
