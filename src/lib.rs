//! Tabula: learn structured material — comparison tables, FAQs, grouped
//! lists — by generated questions scheduled with FSRS.

pub mod cli;
pub mod core;
pub mod host;
pub mod ui;
