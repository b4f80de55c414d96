//! Statistics: what was studied, what is retained, what is coming — the
//! core's progress figures drawn with `egui_plot`. Every chart has a caption
//! saying what it shows; hovering a bar or point shows its value.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::{DateTime, NaiveDate, Utc};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Corner, HLine, Legend, Line, Plot, PlotPoints, Points};

use super::app::{Action, View};
use super::i18n::Lang;
use super::style;
use crate::core::plan;
use crate::core::progress::{DayAnswers, Progress, progress};
use crate::core::save::{History, ReviewTotals};

/// Draws one chart of the screen.
type Chart<'a> = &'a dyn Fn(&Stats, &mut Ui);

/// Periods the charts can cover, in days.
pub const PERIODS: [usize; 3] = [30, 90, 365];

const NEW: Color32 = Color32::from_rgb(80, 140, 230);
const REVIEW: Color32 = Color32::from_rgb(90, 180, 110);
const EXAM: Color32 = Color32::from_rgb(230, 150, 60);

pub struct Stats {
    days: usize,
    period: Progress,
    /// The last year, for the calendar.
    year: Progress,
    /// The review log's totals being read on another thread; until they
    /// come, the figures above hold no answers and the screen says it is
    /// counting.
    counting: Option<Receiver<Result<ReviewTotals, String>>>,
    desired_retention: f64,
    titles: Vec<(String, String)>,
    /// The soonest exam ahead: its time and the expected share recalled on
    /// each day from today to it, with no more study.
    exam_curve: Option<(DateTime<Utc>, Vec<f64>)>,
    /// Why the review log could not be counted, when it could not.
    failure: Option<String>,
}

impl Stats {
    /// Figures over `days` days: the cards' at once, the review log's
    /// counted on another thread (reading the database's totals can take
    /// longer than a frame on a long history).
    #[must_use]
    pub fn new(view: &View, days: usize) -> Stats {
        let data = view.data;
        let now = view.now;
        let history = History::of(data);
        let (sender, counting) = mpsc::channel();
        std::thread::spawn(move || {
            // The screen may have closed meanwhile: nobody to tell.
            sender.send(history.totals().map_err(|error| error.to_string())).ok();
        });
        let empty = ReviewTotals::default();
        let year = progress(view.catalog, data, &empty, view.scheduler.calendar(), now, 365);
        let period = year.clone();
        let titles = view.catalog.decks().iter().map(|deck| (deck.id.clone(), deck.title.clone())).collect();
        let desired_retention = f64::from(data.settings.scheduler.desired_retention);
        let exam_curve = plan::exams_ahead(data, now)
            .first()
            .map(|exam| (exam.at, plan::curve(view.catalog, data, view.scheduler, exam, now)));
        Stats { days, period, year, counting: Some(counting), desired_retention, titles, exam_curve, failure: None }
    }

    /// The figures over the chosen period, once the review log is counted.
    #[must_use]
    pub fn figures(&self) -> Option<&Progress> {
        self.counting.is_none().then_some(&self.period)
    }

    /// Takes the counting thread's totals when they have come; true while
    /// they have not.
    fn still_counting(&mut self, view: &View) -> bool {
        let Some(counting) = &self.counting else { return false };
        let totals = match counting.try_recv() {
            Ok(Ok(totals)) => totals,
            Ok(Err(failure)) => {
                self.failure = Some(failure);
                ReviewTotals::default()
            }
            Err(TryRecvError::Empty) => return true,
            Err(TryRecvError::Disconnected) => {
                self.failure = Some("the counting stopped".to_owned());
                ReviewTotals::default()
            }
        };
        let calendar = view.scheduler.calendar();
        self.year = progress(view.catalog, view.data, &totals, calendar, view.now, 365);
        self.period = if self.days == 365 {
            self.year.clone()
        } else {
            progress(view.catalog, view.data, &totals, calendar, view.now, self.days)
        };
        self.counting = None;
        false
    }

    pub fn show(&mut self, ui: &mut Ui, view: &View) -> Vec<Action> {
        let lang = view.lang;
        let mut actions = Vec::new();
        let counting = self.still_counting(view);
        ui.horizontal(|ui| {
            ui.heading(lang.tr("Statistics", "统计"));
            for days in PERIODS {
                let label = format!("{days} {}", lang.tr("days", "天"));
                if ui.selectable_label(self.days == days, label).clicked() && self.days != days {
                    actions.push(Action::Stats(days));
                }
            }
        });
        ui.separator();
        if let Some(failure) = &self.failure {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{} {failure}", lang.tr("The review log could not be read:", "无法读取复习记录：")),
            );
        }
        if counting {
            // No spinner: it would repaint every frame.
            ui.label(style::hint(lang.tr("Counting the review log…", "正在统计复习记录…")));
            // The thread's answer is looked for ten times a second, and the
            // window idles again once it has come.
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
            return actions;
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            if self.exam_curve.is_some() {
                chart_box(ui, ui.available_width(), |ui| self.exam_day(ui, lang));
                ui.add_space(4.0);
            }
            let charts: [Chart<'_>; 6] = [
                &|stats, ui| stats.reviews_per_day(ui, lang),
                &|stats, ui| stats.retention(ui, lang),
                &|stats, ui| stats.forecast(ui, lang),
                &|stats, ui| stats.card_states(ui, lang),
                &|stats, ui| stats.calendar(ui, lang),
                &|stats, ui| stats.exams(ui, lang),
            ];
            // Two charts a row in a wide window, one in a narrow one.
            let per_row = if ui.available_width() >= 1000.0 { 2 } else { 1 };
            let width = (ui.available_width() - 8.0 * (per_row - 1) as f32) / per_row as f32;
            for row in charts.chunks(per_row) {
                ui.horizontal_top(|ui| {
                    for chart in row {
                        chart_box(ui, width, |ui| chart(self, ui));
                    }
                });
                ui.add_space(4.0);
            }
        });
        actions
    }

    /// The expected share recalled from today to the planned exam.
    fn exam_day(&self, ui: &mut Ui, lang: Lang) {
        let Some((at, curve)) = &self.exam_curve else { return };
        caption(
            ui,
            &format!(
                "{} {}",
                lang.tr("Expected recall up to the exam on", "到考试日的预计记忆："),
                at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
            ),
            lang.tr(
                "The share of the exam's cards you are expected to recall on each day until the exam if you studied no more (FSRS's prediction from each card's memory; cards never studied count as 0).",
                "如果不再学习，考试前每一天预计能回忆起的考试卡片比例（根据每张卡片的记忆由 FSRS 预测；从未学过的卡片计为 0）。",
            ),
        );
        let points: Vec<[f64; 2]> = curve.iter().enumerate().map(|(day, share)| [day as f64, 100.0 * share]).collect();
        chart("exam-day-curve", 160.0)
            .include_y(100.0)
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .x_axis_formatter(move |mark, _| format!("+{:.0}", mark.value))
            .show(ui, |plot| {
                plot.line(Line::new(lang.tr("expected recall", "预计记忆"), PlotPoints::from(points)).color(EXAM));
            });
    }

    fn reviews_per_day(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("Reviews per day", "每日回答"),
            &format!(
                "{} {} {}",
                lang.tr("Answers on each of the last", "最近"),
                self.days,
                lang.tr("days: new cards, reviews and exam answers.", "天每天的回答：新卡片、复习和考试。")
            ),
        );
        let today = self.period.daily.len() as f64 - 1.0;
        let bars = |pick: fn(&DayAnswers) -> usize| -> Vec<Bar> {
            self.period
                .daily
                .iter()
                .enumerate()
                .map(|(index, day)| {
                    Bar::new(index as f64 - today, pick(day) as f64).name(day.date.format("%Y-%m-%d").to_string())
                })
                .collect()
        };
        let width = if self.days > 90 { 1.0 } else { 0.8 };
        let new = BarChart::new(lang.tr("new", "新卡片"), bars(|day| day.new)).color(NEW).width(width);
        let review = BarChart::new(lang.tr("review", "复习"), bars(|day| day.review))
            .color(REVIEW)
            .width(width)
            .stack_on(&[&new]);
        let exam = BarChart::new(lang.tr("exam", "考试"), bars(|day| day.exam))
            .color(EXAM)
            .width(width)
            .stack_on(&[&new, &review]);
        let dates: Vec<NaiveDate> = self.period.daily.iter().map(|day| day.date).collect();
        chart("reviews-per-day", 180.0)
            .legend(Legend::default().position(Corner::LeftTop))
            .x_axis_formatter(move |mark, _| day_label(&dates, mark.value + today))
            .show(ui, |plot| {
                plot.bar_chart(new);
                plot.bar_chart(review);
                plot.bar_chart(exam);
            });
    }

    fn retention(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("True retention per week", "每周实际记忆保持率"),
            lang.tr(
                "Share of review answers that were not Again, each week, against your desired retention (the line).",
                "每周复习回答中不是“重来”的比例，对照你的目标记忆保持率（横线）。",
            ),
        );
        let weeks: Vec<_> = self.period.weekly_retention.iter().filter(|week| week.retention.is_some()).collect();
        if weeks.is_empty() {
            ui.label(style::hint(lang.tr("No review answers in this period yet.", "这段时间还没有复习回答。")));
        }
        let bars: Vec<Bar> = weeks
            .iter()
            .enumerate()
            .map(|(index, week)| {
                let share = week.retention.unwrap_or_default() * 100.0;
                Bar::new(index as f64, share).name(format!(
                    "{} ({} {})",
                    week.start,
                    week.answers,
                    lang.tr("answers", "次回答")
                ))
            })
            .collect();
        let starts: Vec<NaiveDate> = weeks.iter().map(|week| week.start).collect();
        chart("retention", 180.0)
            .include_y(100.0)
            .x_axis_formatter(move |mark, _| day_label(&starts, mark.value))
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new(lang.tr("retention", "保持率"), bars).color(REVIEW).width(0.7));
                plot.hline(
                    HLine::new(lang.tr("desired retention", "目标保持率"), self.desired_retention * 100.0).color(EXAM),
                );
            });
    }

    fn forecast(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("Due forecast", "到期预测"),
            lang.tr(
                "Cards coming due on each of the next 30 days (today includes overdue ones).",
                "未来 30 天每天到期的卡片数（今天包括已逾期的）。",
            ),
        );
        let bars: Vec<Bar> = self
            .period
            .forecast
            .iter()
            .enumerate()
            .map(|(day, count)| {
                let name = match day {
                    0 => lang.tr("today", "今天").to_owned(),
                    1 => lang.tr("tomorrow", "明天").to_owned(),
                    _ => format!("+{day} {}", lang.tr("days", "天")),
                };
                Bar::new(day as f64, *count as f64).name(name)
            })
            .collect();
        chart("forecast", 180.0)
            .show(ui, |plot| plot.bar_chart(BarChart::new(lang.tr("due", "到期"), bars).color(NEW).width(0.8)));
    }

    fn card_states(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("Cards by state", "卡片状态"),
            lang.tr(
                "New, learning, young (interval under 21 days) and mature cards; and each deck's share studied.",
                "新卡片、学习中、较新（间隔少于 21 天）和成熟的卡片；以及每个题库已学的比例。",
            ),
        );
        let states = self.period.card_states;
        let total = (states.new + states.learning + states.young + states.mature + states.suspended).max(1) as f32;
        egui::Grid::new("card-states").num_columns(3).spacing([12.0, 4.0]).show(ui, |ui| {
            for (name, count, color) in [
                (lang.tr("new", "新卡片"), states.new, NEW),
                (lang.tr("learning", "学习中"), states.learning, EXAM),
                (lang.tr("young", "较新"), states.young, REVIEW.gamma_multiply(0.7)),
                (lang.tr("mature", "成熟"), states.mature, REVIEW),
                (lang.tr("suspended", "已暂停"), states.suspended, Color32::GRAY),
            ] {
                ui.label(name);
                ui.label(count.to_string());
                ui.add(egui::ProgressBar::new(count as f32 / total).fill(color).desired_width(160.0));
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        egui::Grid::new("deck-shares").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
            for (id, title) in &self.titles {
                // A share between 0 and 1: nothing to lose in f32.
                #[allow(clippy::cast_possible_truncation)]
                let share = self.period.learned_share.get(id).copied().unwrap_or_default() as f32;
                ui.label(title);
                ui.add(egui::ProgressBar::new(share).desired_width(160.0).text(format!("{:.0}%", share * 100.0)));
                ui.end_row();
            }
        });
    }

    fn calendar(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("Study calendar", "学习日历"),
            &format!(
                "{} {} {}",
                lang.tr(
                    "Answers on each day of the last year; the current streak is",
                    "过去一年每天的回答；当前连续学习"
                ),
                self.year.streak_days,
                lang.tr("days.", "天。")
            ),
        );
        let days = &self.year.daily;
        let most = days.iter().map(DayAnswers::total).max().unwrap_or(0).max(1) as f32;
        let cell = ((ui.available_width() - 8.0) / 54.0).clamp(4.0, 14.0);
        let (rect, response) = ui.allocate_exact_size(egui::vec2(cell * 54.0, cell * 7.0), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let Some(first) = days.first() else { return };
        // Columns are weeks starting on Monday, as a wall calendar.
        let offset = first.date.format("%u").to_string().parse::<usize>().unwrap_or(1) - 1;
        let empty = ui.visuals().extreme_bg_color;
        let mut hovered = None;
        for (index, day) in days.iter().enumerate() {
            let slot = index + offset;
            let min = rect.min + egui::vec2((slot / 7) as f32 * cell, (slot % 7) as f32 * cell);
            let square = egui::Rect::from_min_size(min, egui::vec2(cell - 1.5, cell - 1.5));
            let total = day.total();
            let color = if total == 0 { empty } else { REVIEW.gamma_multiply(0.3 + 0.7 * total as f32 / most) };
            painter.rect_filled(square, 2.0, color);
            if response.hover_pos().is_some_and(|pos| square.contains(pos)) {
                hovered = Some(*day);
            }
        }
        if let Some(day) = hovered {
            response.on_hover_text(format!("{}: {} {}", day.date, day.total(), lang.tr("answers", "次回答")));
        }
    }

    fn exams(&self, ui: &mut Ui, lang: Lang) {
        caption(
            ui,
            lang.tr("Exam history", "考试记录"),
            lang.tr("Each exam's score over time; open one for its breakdown.", "每次考试的得分；展开可查看细分。"),
        );
        let exams = &self.period.exams;
        if exams.is_empty() {
            ui.label(style::hint(lang.tr("No exams taken yet.", "还没有参加过考试。")));
            return;
        }
        let scores: Vec<[f64; 2]> =
            exams.iter().enumerate().map(|(index, exam)| [index as f64 + 1.0, 100.0 * exam.score()]).collect();
        chart("exam-scores", 140.0).include_y(100.0).y_axis_formatter(|mark, _| format!("{:.0}%", mark.value)).show(
            ui,
            |plot| {
                plot.line(Line::new(lang.tr("score", "得分"), PlotPoints::from(scores.clone())).color(EXAM));
                plot.points(Points::new(lang.tr("score", "得分"), PlotPoints::from(scores)).radius(4.0).color(EXAM));
            },
        );
        for (index, exam) in exams.iter().enumerate().rev() {
            let title = format!(
                "{}. {}  ·  {} / {}",
                index + 1,
                exam.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"),
                exam.right,
                exam.questions
            );
            egui::CollapsingHeader::new(title).id_salt(("exam", index)).show(ui, |ui| {
                if exam.answered < exam.questions {
                    ui.label(style::hint(&format!(
                        "{} {}",
                        exam.questions - exam.answered,
                        lang.tr("left unanswered (counted as wrong)", "题未作答（计为错误）")
                    )));
                }
                for (deck, [right, _, questions]) in &exam.by_deck {
                    let name = self.titles.iter().find(|(id, _)| id == deck).map_or(deck.as_str(), |(_, t)| t.as_str());
                    ui.label(format!("{name}: {right} / {questions}"));
                }
            });
        }
    }
}

/// A plot that stays put (no dragging or zooming: the figures are the
/// point), with zero in view.
fn chart<'a>(id: &str, height: f32) -> Plot<'a> {
    Plot::new(id).height(height).allow_drag(false).allow_zoom(false).allow_scroll(false).include_y(0.0)
}

/// A chart's frame, a fixed share of the width.
fn chart_box(ui: &mut Ui, width: f32, add_contents: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(width - 22.0);
        ui.vertical(add_contents);
    });
}

/// A chart's title and what it shows.
fn caption(ui: &mut Ui, title: &str, text: &str) {
    ui.label(RichText::new(title).strong().size(17.0));
    ui.add(egui::Label::new(style::hint(text)).wrap());
    ui.add_space(4.0);
}

/// The date under an axis mark, for whole marks inside the period.
// The mark is checked to be whole and not negative before it indexes.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn day_label(dates: &[NaiveDate], value: f64) -> String {
    if value.fract().abs() > 1e-6 || value < 0.0 {
        return String::new();
    }
    dates.get(value as usize).map(|date| date.format("%m-%d").to_string()).unwrap_or_default()
}
