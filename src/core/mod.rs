//! The learning core: decks, questions, scheduling, study sessions and the
//! save file. Nothing here draws a window, reads the clock or uses a global
//! random generator: callers pass the time and the seed.

pub mod builtin;
pub mod calendar;
pub mod deck;
pub mod deck_check;
pub mod exam;
pub mod export;
pub mod generate;
pub mod import;
pub mod library;
pub mod notice;
pub mod optimize;
pub mod phrases;
pub mod plan;
pub mod progress;
pub mod question;
pub mod report;
pub mod ron_paths;
pub mod save;
pub mod schedule;
pub mod seeded;
pub mod session;
pub mod stats;
pub mod study;
pub mod text;
