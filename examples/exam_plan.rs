//! The exam planner against plain FSRS scheduling, for a simulated learner
//! whose memory the scheduler does not know: every shipped deck new, an exam
//! 14 days (then 3 days) away, 20 minutes a day. Prints, over many seeds, the
//! scheduler's expected recall on the day and the learner's actual one.
//! The figures in docs/exam-planner.md come from here:
//! `cargo run --release --example exam_plan`.

use chrono::{Duration, FixedOffset, TimeZone, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tabula::core::calendar::Calendar;
use tabula::core::library::Library;
use tabula::core::plan::{PlannedExam, Simulation, forecast};
use tabula::core::save::SaveData;
use tabula::core::schedule::{Scheduler, SchedulerConfig};
use tabula::core::study::Catalog;

const SEEDS: u64 = 20;

fn main() {
    let calendar = Calendar::Fixed(FixedOffset::east_opt(0).expect("offset"));
    let scheduler = Scheduler::new(SchedulerConfig::default(), calendar);
    // Hidden from the scheduler: a learner who forgets faster than FSRS's
    // defaults assume (initial stabilities halved), and one who forgets slower.
    let learner = |factor: f32| {
        let mut config = SchedulerConfig::default();
        for weight in config.parameters.iter_mut().take(4) {
            *weight *= factor;
        }
        Scheduler::new(config, calendar)
    };
    let catalog = Catalog::new(&Library::load(None, &[]), &[]);
    let start = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).single().expect("time");
    println!("{} cards, {SEEDS} seeds each, 20 minutes a day", catalog.cards().len());
    println!(
        "{:<28} {:>6} {:>14} {:>12} {:>10}",
        "learner, days to the exam", "plan", "expected", "actual", "new left"
    );
    for (name, truth) in
        [("forgets faster", learner(0.5)), ("as FSRS assumes", learner(1.0)), ("forgets slower", learner(2.0))]
    {
        for days in [14, 3] {
            let exam = PlannedExam {
                at: start + Duration::days(days) + Duration::hours(1),
                decks: Vec::new(),
                minutes_a_day: Some(20),
            };
            let simulation = Simulation {
                catalog: &catalog,
                scheduler: &scheduler,
                truth: &truth,
                exam: &exam,
                from: start,
                minutes_a_day: 20,
            };
            for planned in [false, true] {
                let (mut expected, mut actual, mut new_left) = (0.0, 0.0, 0);
                for seed in 0..SEEDS {
                    let data = SaveData {
                        planned_exams: if planned { vec![exam.clone()] } else { Vec::new() },
                        ..SaveData::default()
                    };
                    let (after, recall) = simulation.run(data, &mut ChaCha8Rng::seed_from_u64(seed));
                    let on_the_day = forecast(&catalog, &after, &scheduler, &exam, exam.at - Duration::hours(1));
                    expected += on_the_day.expected_recall;
                    actual += recall;
                    new_left += on_the_day.new_left;
                }
                let seeds = SEEDS as f64;
                println!(
                    "{:<28} {:>6} {:>13.1}% {:>11.1}% {:>10.1}",
                    format!("{name}, {days}"),
                    if planned { "yes" } else { "no" },
                    100.0 * expected / seeds,
                    100.0 * actual / seeds,
                    new_left as f64 / seeds
                );
            }
        }
    }
}
