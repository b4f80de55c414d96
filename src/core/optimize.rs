//! Fitting FSRS-6 parameters to a learner's own history, and measuring how
//! well parameters predict it.
//!
//! Reviews become training items as Anki makes them: a card's reviews in time
//! order, each with the whole study days since the one before (0 for reviews
//! on the same study day, which FSRS-6 models as short-term memory); every
//! review on a later study day than the previous one is an item to predict,
//! with the card's earlier reviews as its history. The evaluation is the FSRS
//! benchmark's time-series split: items in time order cut into six segments,
//! and for each of the five folds the parameters are fitted on the segments
//! before the test segment only. The crate fits; log loss, RMSE(bins) and AUC
//! are computed here from each prediction.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use fsrs::{
    ComputeParametersInput, DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview, compute_parameters, current_retrievability,
};
use serde::Serialize;
use thiserror::Error;

use crate::core::calendar::Calendar;
use crate::core::save::{History, Review, SaveData, SaveError};

/// Fewest training items before fitting is offered. Each of the five test
/// segments then holds at least 66 predictions, about the least for which a
/// log-loss difference between two parameter sets says more than noise; Anki
/// asks for a similar amount (400 reviews) before a full fit.
pub const MIN_TRAINING_ITEMS: usize = 400;
/// Folds of the time-series evaluation, as in the FSRS benchmark.
pub const SPLITS: usize = 5;

#[derive(Debug, Error)]
pub enum OptimizeError {
    #[error("{found} reviews on later days are not enough to fit parameters; at least {MIN_TRAINING_ITEMS} are needed")]
    NotEnoughReviews { found: usize },
    #[error("FSRS could not fit parameters: {0}")]
    Fsrs(String),
}

/// One review, wherever it comes from (a save, a revlog file).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedReview {
    pub card: String,
    pub at: DateTime<Utc>,
    /// 1 Again … 4 Easy.
    pub rating: u32,
}

/// A review log in the CSV layout of py-fsrs's test data:
/// `card_id,review_rating,review_time,review_duration`, the time in ISO 8601
/// with an offset, the rating 1–4. Returns the reviews and, for each row that
/// could not be used, its line and why.
#[must_use]
pub fn parse_revlog(text: &str) -> (Vec<LoggedReview>, Vec<(usize, String)>) {
    let mut reviews = Vec::new();
    let mut problems = Vec::new();
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim().trim_start_matches('\u{feff}') == REVLOG_HEADER => {}
        Some(_) => problems.push((1, format!("the header must be `{REVLOG_HEADER}`"))),
        None => problems.push((1, "the file is empty".into())),
    }
    if !problems.is_empty() {
        return (reviews, problems);
    }
    for (index, line) in lines {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() != 4 {
            problems.push((number, format!("{} fields where 4 are expected", fields.len())));
            continue;
        }
        let Ok(rating @ 1..=4) = fields[1].parse::<u32>() else {
            problems.push((number, format!("rating `{}` is not 1–4", fields[1])));
            continue;
        };
        let at = match DateTime::parse_from_rfc3339(fields[2]) {
            Ok(at) => at.with_timezone(&Utc),
            Err(error) => {
                problems.push((number, format!("time `{}`: {error}", fields[2])));
                continue;
            }
        };
        if fields[0].is_empty() {
            problems.push((number, "empty card_id".into()));
            continue;
        }
        reviews.push(LoggedReview { card: fields[0].to_owned(), at, rating });
    }
    (reviews, problems)
}

/// The learner's scheduled study answers as a review log (practice and
/// exam answers leave the schedule alone, so they are not FSRS reviews),
/// read from the whole log.
pub fn study_reviews(data: &SaveData) -> Result<Vec<LoggedReview>, SaveError> {
    let mut found = Vec::new();
    data.each_review(true, |review| found.push(LoggedReview::from(review)))?;
    Ok(found)
}

/// [`study_reviews`] through a [`History`] handle, which another thread
/// can hold (the window's fit reads the log on its own thread).
pub fn history_study_reviews(history: &History) -> Result<Vec<LoggedReview>, SaveError> {
    let mut found = Vec::new();
    history.each_review(true, |review| found.push(LoggedReview::from(review)))?;
    Ok(found)
}

impl From<Review> for LoggedReview {
    fn from(review: Review) -> Self {
        LoggedReview { card: review.card.0, at: review.at, rating: review.rating.number() }
    }
}

/// The header line of a py-fsrs review-log CSV.
pub const REVLOG_HEADER: &str = "card_id,review_rating,review_time,review_duration";

/// A training item and the time of the review it predicts.
#[derive(Debug, Clone)]
pub struct TrainingItem {
    pub at: DateTime<Utc>,
    pub item: FSRSItem,
}

/// Training items from a review log, in time order.
#[must_use]
pub fn training_items(reviews: &[LoggedReview], calendar: Calendar) -> Vec<TrainingItem> {
    let mut by_card: BTreeMap<&str, Vec<&LoggedReview>> = BTreeMap::new();
    for review in reviews.iter().filter(|review| (1..=4).contains(&review.rating)) {
        by_card.entry(&review.card).or_default().push(review);
    }
    let mut items = Vec::new();
    for card_reviews in by_card.values_mut() {
        card_reviews.sort_by_key(|review| review.at);
        let mut history: Vec<FSRSReview> = Vec::new();
        let mut previous: Option<DateTime<Utc>> = None;
        for review in card_reviews.iter() {
            let delta_t = previous.map_or(0, |before| calendar.days_between(before, review.at));
            history.push(FSRSReview { rating: review.rating, delta_t });
            if history.len() > 1 && delta_t > 0 {
                items.push(TrainingItem { at: review.at, item: FSRSItem { reviews: history.clone() } });
            }
            previous = Some(review.at);
        }
    }
    items.sort_by_key(|item| item.at);
    items
}

/// How well a parameter set predicts recall.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    pub log_loss: f64,
    pub rmse_bins: f64,
    pub auc: f64,
}

/// Default and fitted parameters compared on held-back reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub default: Metrics,
    pub fitted: Metrics,
    /// Parameters fitted on every item.
    pub parameters: Vec<f32>,
}

impl Evaluation {
    /// Whether the fitted parameters predicted the held-back reviews better.
    #[must_use]
    pub fn fitted_is_better(&self) -> bool {
        self.fitted.log_loss < self.default.log_loss
    }
}

/// A prediction for one held-back review.
#[derive(Debug, Clone, Copy)]
struct Prediction {
    probability: f64,
    recalled: bool,
    bin: (u32, u32, u32),
}

/// Fits parameters and evaluates them against the defaults with the
/// time-series split. `progress(done, total)` is called after each fit.
pub fn evaluate(items: &[TrainingItem], mut progress: impl FnMut(usize, usize)) -> Result<Evaluation, OptimizeError> {
    if items.len() < MIN_TRAINING_ITEMS {
        return Err(OptimizeError::NotEnoughReviews { found: items.len() });
    }
    let segment = items.len() / (SPLITS + 1);
    let total = SPLITS + 1;
    let mut default_predictions = Vec::new();
    let mut fitted_predictions = Vec::new();
    for fold in 0..SPLITS {
        let test_start = (fold + 1) * segment;
        let test_end = if fold == SPLITS - 1 { items.len() } else { test_start + segment };
        let train: Vec<FSRSItem> = items[..test_start].iter().map(|item| item.item.clone()).collect();
        let fitted = fit(train)?;
        progress(fold + 1, total);
        for item in &items[test_start..test_end] {
            default_predictions.extend(predict(&DEFAULT_PARAMETERS, &item.item));
            fitted_predictions.extend(predict(&fitted, &item.item));
        }
    }
    let parameters = fit(items.iter().map(|item| item.item.clone()).collect())?;
    progress(total, total);
    Ok(Evaluation { default: metrics(&default_predictions), fitted: metrics(&fitted_predictions), parameters })
}

fn fit(train_set: Vec<FSRSItem>) -> Result<Vec<f32>, OptimizeError> {
    compute_parameters(ComputeParametersInput { train_set, enable_short_term: true, ..Default::default() })
        .map_err(|error| OptimizeError::Fsrs(error.to_string()))
}

/// The probability of recall the parameters give for an item's last review.
fn predict(parameters: &[f32], item: &FSRSItem) -> Option<Prediction> {
    let (last, history) = item.reviews.split_last()?;
    if history.is_empty() {
        return None;
    }
    let model = FSRS::new(parameters).ok()?;
    let state = model.memory_state(FSRSItem { reviews: history.to_vec() }, None).ok()?;
    let decay = parameters.get(20).copied().unwrap_or(fsrs::FSRS6_DEFAULT_DECAY);
    let probability = f64::from(current_retrievability(state, last.delta_t as f32, decay));
    probability.is_finite().then(|| Prediction {
        probability: probability.clamp(1e-4, 1.0 - 1e-4),
        recalled: last.rating > 1,
        bin: benchmark_bin(history, last.delta_t),
    })
}

/// The FSRS benchmark's bin of a review: by interval, by number of earlier
/// reviews on later days, and by lapses, each on a logarithmic scale.
fn benchmark_bin(history: &[FSRSReview], delta_t: u32) -> (u32, u32, u32) {
    let log_bin = |value: f64, base: f64, scale: f64| {
        // Small positive figures by construction; the cast keeps their integer part.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bin = (scale * base.powf(value.log(base).floor())).round() as u32;
        bin
    };
    let delta_bin = log_bin(f64::from(delta_t), 3.62, 248.0);
    let long_term = history.iter().filter(|review| review.delta_t > 0).count() as f64 + 1.0;
    let length_bin = log_bin(long_term, 1.89, 1.99);
    let lapses = history.iter().filter(|review| review.rating == 1 && review.delta_t > 0).count();
    let lapse_bin = if lapses == 0 { 0 } else { log_bin(lapses as f64, 1.73, 1.65) };
    (delta_bin, length_bin, lapse_bin)
}

fn metrics(predictions: &[Prediction]) -> Metrics {
    let count = predictions.len().max(1) as f64;
    let log_loss = predictions
        .iter()
        .map(|p| if p.recalled { -p.probability.ln() } else { -(1.0 - p.probability).ln() })
        .sum::<f64>()
        / count;
    let mut bins: HashMap<(u32, u32, u32), (f64, f64, f64)> = HashMap::new();
    for p in predictions {
        let bin = bins.entry(p.bin).or_default();
        bin.0 += p.probability;
        bin.1 += f64::from(u8::from(p.recalled));
        bin.2 += 1.0;
    }
    let rmse_bins = (bins.values().map(|(predicted, actual, n)| (predicted / n - actual / n).powi(2) * n).sum::<f64>()
        / count)
        .sqrt();
    Metrics { log_loss, rmse_bins, auc: auc(predictions) }
}

/// Area under the ROC curve: the chance that a recalled review got a higher
/// predicted probability than a forgotten one (ties count half), by ranks.
fn auc(predictions: &[Prediction]) -> f64 {
    let mut sorted: Vec<&Prediction> = predictions.iter().collect();
    sorted.sort_by(|a, b| a.probability.total_cmp(&b.probability));
    let positives = sorted.iter().filter(|p| p.recalled).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return 0.5;
    }
    let mut rank_sum = 0.0;
    let mut index = 0;
    while index < sorted.len() {
        let mut end = index;
        // Exact ties only: equal predictions share a rank.
        while end + 1 < sorted.len() && sorted[end + 1].probability.total_cmp(&sorted[index].probability).is_eq() {
            end += 1;
        }
        // Tied predictions share the mean of their 1-based ranks.
        let mean_rank = (index + end) as f64 / 2.0 + 1.0;
        rank_sum += mean_rank * sorted[index..=end].iter().filter(|p| p.recalled).count() as f64;
        index = end + 1;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

#[cfg(test)]
mod tests;
