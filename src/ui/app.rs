//! The app's state and the one place that changes it: every screen draws
//! from `App` and hands back `Action`s, which `App::apply` carries out
//! through the core. No learning logic lives here.

use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use super::open_deck::OpenDeck;
use super::optimizer::Fit;
use super::{browse, exam, home, session, settings, stats, style};
use crate::cli::Clock;
use crate::core::calendar::Calendar;
use crate::core::exam::{Graded, Paper, grade, paper};
use crate::core::library::Library;
use crate::core::optimize::{study_reviews, training_items};
use crate::core::question::{CardId, Response};
use crate::core::save::{Change, Save, SaveError, Settings};
use crate::core::schedule::{Rating, Scheduler};
use crate::core::study::{Answer, Catalog, MistakeScope, Planner, mistakes, record_answer};

/// How the window was started: the command line's choices.
#[derive(Debug, Clone)]
pub struct Launch {
    pub data_dir: PathBuf,
    /// `--now`: the clock starts here and runs on.
    pub now: Option<DateTime<Utc>>,
    /// Deck files or folders named on the command line.
    pub decks: Vec<PathBuf>,
    pub calendar: Calendar,
}

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    System,
    Light,
    Dark,
}

/// What the window remembers between runs (eframe's storage); the learning
/// data stays in the save.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Lang,
    pub theme: Theme,
    pub zoom: f32,
}

impl Prefs {
    /// A first run: the system's language and theme, no zoom.
    #[must_use]
    pub fn first_run() -> Prefs {
        Prefs { lang: Lang::from_system(), theme: Theme::System, zoom: 1.0 }
    }
}

/// Which screen is up.
pub enum Screen {
    Home,
    Session(Box<session::Session>),
    ExamSetup(exam::Setup),
    Exam(Box<exam::Running>),
    ExamReport(exam::Report),
    Browse(Box<browse::Browse>),
    Settings(settings::Form),
    Stats(Box<stats::Stats>),
}

/// Which decks a practice session draws from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PracticeSource {
    Decks(Vec<String>),
    Mistakes(MistakeScope),
    Cards(Vec<CardId>),
}

/// Everything a screen can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Home,
    Study(Vec<String>),
    Practice(PracticeSource),
    ExamSetup(Vec<String>),
    StartExam(exam::Request),
    Browse(Option<String>),
    /// The statistics screen over this many days.
    Stats(usize),
    Settings,
    Reload,
    OpenDeck,
    /// Answer the current question (study, practice).
    Respond(Response),
    Reveal,
    Rate(Rating),
    Continue,
    Undo,
    SetSuspended(CardId, bool),
    /// Record the exam's current answer and go on (None: left blank).
    ExamAnswer(Option<Response>),
    FinishExam,
    SetLang(Lang),
    SetTheme(Theme),
    SetZoom(f32),
    SaveSettings(Settings),
    SetLearnerName(String),
    /// Fit FSRS parameters to the learner's history (in the background).
    Optimize,
    /// Go back to FSRS's default parameters.
    ResetParameters,
    OpenDataFolder,
    DismissMessage,
    /// Try opening the save again (another window held it).
    RetryOpen,
}

/// The desktop app.
pub struct App {
    pub(crate) launch: Launch,
    clock: Clock,
    pub(crate) library: Library,
    pub(crate) catalog: Catalog,
    /// The open save, or why there is none (another window holds it).
    pub(crate) save: Result<Save, String>,
    pub(crate) scheduler: Scheduler,
    pub(crate) prefs: Prefs,
    pub(crate) screen: Screen,
    /// Things the learner should know: a damaged save set aside, a deck
    /// replaced, a write that failed.
    pub(crate) messages: Vec<String>,
    pub(crate) open_deck: Option<OpenDeck>,
    /// A parameter fit running or finished.
    pub(crate) fit: Option<Fit>,
    applied_prefs: Option<Prefs>,
    /// The context the window draws in, for background work to wake it.
    ctx: Option<egui::Context>,
}

impl App {
    /// Loads the decks and opens the save.
    #[must_use]
    pub fn new(launch: Launch, prefs: Prefs) -> App {
        let clock = Clock::new(launch.now);
        let library = Library::load(Some(&launch.data_dir.join("decks")), &launch.decks);
        let catalog = Catalog::new(&library, &[]);
        let scheduler = Scheduler::new(Settings::default().scheduler, launch.calendar);
        let mut app = App {
            messages: library.notices.clone(),
            launch,
            clock,
            library,
            catalog,
            save: Err(String::new()),
            scheduler,
            prefs,
            screen: Screen::Home,
            open_deck: None,
            fit: None,
            applied_prefs: None,
            ctx: None,
        };
        app.open_save();
        app
    }

    /// Opens the save, or says why it cannot (another window holds it).
    fn open_save(&mut self) {
        self.save = match Save::open(&self.launch.data_dir, self.now()) {
            Ok(opened) => {
                self.messages.extend(opened.notices);
                self.scheduler = Scheduler::new(opened.save.data().settings.scheduler.clone(), self.launch.calendar);
                Ok(opened.save)
            }
            Err(error) => Err(refusal(&error, self.prefs.lang)),
        };
    }

    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    #[must_use]
    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    #[must_use]
    pub fn prefs(&self) -> Prefs {
        self.prefs
    }

    #[must_use]
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The ids of the decks loaded.
    #[must_use]
    pub fn catalog_decks(&self) -> Vec<String> {
        self.catalog.decks().iter().map(|deck| deck.id.clone()).collect()
    }

    /// The user's deck folder.
    #[must_use]
    pub fn deck_folder(&self) -> PathBuf {
        self.launch.data_dir.join("decks")
    }

    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.launch.data_dir
    }

    /// The save's data, where the save is open.
    #[must_use]
    pub fn data(&self) -> Option<&crate::core::save::SaveData> {
        self.save.as_ref().ok().map(Save::data)
    }

    /// A planner over some of the catalog's cards.
    pub(crate) fn planner<'a>(&'a self, catalog: &'a Catalog) -> Option<Planner<'a>> {
        Some(Planner { catalog, data: self.data()?, scheduler: &self.scheduler, now: self.now() })
    }

    /// Draws the whole window: the top bar, the screen, dialogs.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.apply_prefs(&ctx);
        self.tick();
        self.poll_fit();
        let mut actions = Vec::new();
        actions.extend(self.global_keys(&ctx));
        if let Some(dropped) = dropped_file(&ctx) {
            self.open_deck = Some(OpenDeck::with_path(&dropped));
        }
        egui::Panel::top("top-bar").show(ui, |ui| actions.extend(self.top_bar(ui)));
        egui::CentralPanel::default().show(ui, |ui| {
            if !self.messages.is_empty() {
                actions.extend(style::messages(ui, self.lang(), &self.messages));
            }
            actions.extend(self.screen_ui(ui));
        });
        if let Some(dialog) = &mut self.open_deck {
            let outcome = dialog.show(&ctx, self.prefs.lang, &self.launch.data_dir.join("decks"));
            match outcome {
                super::open_deck::Outcome::Open => {}
                super::open_deck::Outcome::Closed => self.open_deck = None,
                super::open_deck::Outcome::Added(message) => {
                    self.open_deck = None;
                    self.messages.push(message);
                    actions.push(Action::Reload);
                }
            }
        }
        style::drop_hint(&ctx, self.lang());
        for action in actions {
            self.apply(action);
        }
        if let Screen::Exam(running) = &self.screen
            && running.limit.is_some()
        {
            // The timer is the only thing that changes with nobody touching
            // the window: one repaint a second while it runs.
            ctx.request_repaint_after(StdDuration::from_secs(1));
        }
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        if let Err(reason) = &self.save {
            return style::refused(ui, self.lang(), reason);
        }
        let lang = self.lang();
        let mut screen = std::mem::replace(&mut self.screen, Screen::Home);
        let actions = match &mut screen {
            Screen::Home => home::show(ui, self),
            Screen::Session(session) => session.show(ui, self),
            Screen::ExamSetup(setup) => setup.show(ui, self),
            Screen::Exam(running) => running.show(ui, lang, self.now()),
            Screen::ExamReport(report) => report.show(ui, lang),
            Screen::Browse(browse) => browse.show(ui, self),
            Screen::Settings(form) => form.show(ui, self),
            Screen::Stats(stats) => stats.show(ui, self),
        };
        // Screens only ask for changes; the actions are applied after drawing.
        self.screen = screen;
        actions
    }

    fn top_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let lang = self.lang();
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.heading("Tabula");
            ui.separator();
            let at = |screen: &Screen| std::mem::discriminant(screen) == std::mem::discriminant(&self.screen);
            if ui.selectable_label(at(&Screen::Home), lang.tr("Home", "主页")).on_hover_text("Esc").clicked() {
                actions.push(Action::Home);
            }
            let browsing = matches!(self.screen, Screen::Browse(_));
            if ui.selectable_label(browsing, lang.tr("Browse", "浏览")).on_hover_text("Ctrl+B").clicked() {
                actions.push(Action::Browse(None));
            }
            let examining = matches!(self.screen, Screen::ExamSetup(_) | Screen::Exam(_) | Screen::ExamReport(_));
            if ui.selectable_label(examining, lang.tr("Exam", "考试")).on_hover_text("Ctrl+E").clicked() && !examining
            {
                actions.push(Action::ExamSetup(Vec::new()));
            }
            let counting = matches!(self.screen, Screen::Stats(_));
            if ui.selectable_label(counting, lang.tr("Statistics", "统计")).on_hover_text("Ctrl+T").clicked() {
                actions.push(Action::Stats(stats::PERIODS[0]));
            }
            let setting = matches!(self.screen, Screen::Settings(_));
            if ui.selectable_label(setting, lang.tr("Settings", "设置")).on_hover_text("Ctrl+,").clicked() {
                actions.push(Action::Settings);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
                if ui.button(other.name()).on_hover_text(lang.tr("Interface language", "界面语言")).clicked() {
                    actions.push(Action::SetLang(other));
                }
            });
        });
        actions
    }

    /// Keys that work on every screen: Esc goes back, F5 reloads, Ctrl+Z
    /// undoes, Ctrl+B / Ctrl+E / Ctrl+, open Browse, Exam and Settings (not
    /// during an exam).
    fn global_keys(&self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.open_deck.is_some() {
            return actions;
        }
        ctx.input_mut(|input| {
            if input.consume_key(Modifiers::NONE, Key::F5) {
                actions.push(Action::Reload);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z))
                && matches!(self.screen, Screen::Session(_) | Screen::Home)
            {
                actions.push(Action::Undo);
            }
            let running_exam = matches!(self.screen, Screen::Exam(_));
            if !running_exam {
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::B)) {
                    actions.push(Action::Browse(None));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                    actions.push(Action::ExamSetup(Vec::new()));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::T)) {
                    actions.push(Action::Stats(stats::PERIODS[0]));
                }
                if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Comma)) {
                    actions.push(Action::Settings);
                }
            }
            if !running_exam && !matches!(self.screen, Screen::Home) && input.consume_key(Modifiers::NONE, Key::Escape)
            {
                actions.push(Action::Home);
            }
        });
        actions
    }

    fn apply_prefs(&mut self, ctx: &egui::Context) {
        if self.applied_prefs == Some(self.prefs) {
            // egui's own Ctrl+plus / Ctrl+minus change the zoom too: keep it.
            self.prefs.zoom = ctx.zoom_factor();
            self.applied_prefs = Some(self.prefs);
            return;
        }
        ctx.set_theme(match self.prefs.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
        ctx.set_zoom_factor(self.prefs.zoom);
        self.applied_prefs = Some(self.prefs);
    }

    /// Carries out an action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Home => self.screen = Screen::Home,
            Action::Study(decks) => {
                let catalog = self.catalog.subset(&decks);
                self.screen = Screen::Session(Box::new(session::Session::study(catalog, decks)));
                self.advance();
            }
            Action::Practice(source) => self.start_practice(&source),
            Action::ExamSetup(decks) => self.screen = Screen::ExamSetup(exam::Setup::new(self, &decks)),
            Action::StartExam(request) => self.start_exam(&request),
            Action::Browse(deck) => self.screen = Screen::Browse(Box::new(browse::Browse::new(self, deck))),
            Action::Settings => self.screen = Screen::Settings(settings::Form::new(self)),
            Action::Stats(days) => {
                if let Some(stats) = stats::Stats::new(self, days) {
                    self.screen = Screen::Stats(Box::new(stats));
                }
            }
            Action::Optimize => self.start_fit(),
            Action::ResetParameters => {
                if let Some(mut settings) = self.data().map(|data| data.settings.clone()) {
                    settings.scheduler.parameters = fsrs::DEFAULT_PARAMETERS.to_vec();
                    self.apply(Action::SaveSettings(settings));
                    self.fit = None;
                }
            }
            Action::Reload => self.reload(),
            Action::OpenDeck => self.open_deck = Some(OpenDeck::default()),
            Action::Respond(response) => self.respond(&response),
            Action::Reveal => {
                if let Screen::Session(session) = &mut self.screen {
                    session.reveal();
                }
            }
            Action::Rate(rating) => self.rate(rating),
            Action::Continue => self.advance(),
            Action::Undo => self.undo(),
            Action::SetSuspended(card, suspended) => self.set_suspended(card, suspended),
            Action::ExamAnswer(response) => self.exam_answer(response),
            Action::FinishExam => self.finish_exam(),
            Action::SetLang(lang) => self.prefs.lang = lang,
            Action::SetTheme(theme) => self.prefs.theme = theme,
            Action::SetZoom(zoom) => self.prefs.zoom = zoom.clamp(0.5, 3.0),
            Action::SaveSettings(settings) => {
                if self.record(Change::SettingsChanged(settings.clone())) {
                    self.scheduler = Scheduler::new(settings.scheduler, self.launch.calendar);
                }
            }
            Action::SetLearnerName(name) => {
                self.record(Change::LearnerNamed(name.trim().to_owned()));
            }
            Action::OpenDataFolder => {
                if let Err(error) = open_folder(&self.launch.data_dir) {
                    let lang = self.lang();
                    self.messages
                        .push(format!("{} {error}", lang.tr("Could not open the folder:", "无法打开文件夹：")));
                }
            }
            Action::DismissMessage => self.messages.clear(),
            Action::RetryOpen => self.open_save(),
        }
    }

    fn start_fit(&mut self) {
        if matches!(self.fit, Some(Fit::Running { .. })) {
            return;
        }
        let (Some(data), Some(ctx)) = (self.data(), &self.ctx) else { return };
        let items = training_items(&study_reviews(data), self.launch.calendar);
        self.fit = Some(Fit::start(items, ctx));
    }

    /// Takes a finished fit's result: the fitted parameters are kept only
    /// where they predicted the held-back reviews better.
    fn poll_fit(&mut self) {
        let Some(outcome) = self.fit.as_mut().and_then(Fit::poll) else { return };
        self.fit = Some(match outcome {
            Ok(evaluation) => {
                let mut kept = false;
                if evaluation.fitted_is_better()
                    && let Some(mut settings) = self.data().map(|data| data.settings.clone())
                {
                    settings.scheduler.parameters.clone_from(&evaluation.parameters);
                    kept = self.record(Change::SettingsChanged(settings.clone()));
                    if kept {
                        self.scheduler = Scheduler::new(settings.scheduler, self.launch.calendar);
                    }
                }
                Fit::Done { evaluation, kept }
            }
            Err(reason) => Fit::Failed(reason),
        });
    }

    /// Records a change; a failure is shown, never swallowed.
    fn record(&mut self, change: Change) -> bool {
        let now = self.now();
        let lang = self.lang();
        let Ok(save) = &mut self.save else { return false };
        match save.record(change, now) {
            Ok(()) => true,
            Err(error) => {
                self.messages.push(format!("{} {error}", lang.tr("Could not save:", "无法保存：")));
                false
            }
        }
    }

    fn reload(&mut self) {
        self.library = Library::load(Some(&self.deck_folder()), &self.launch.decks);
        self.catalog = Catalog::new(&self.library, &[]);
        self.messages.extend(self.library.notices.iter().cloned());
        let catalog = &self.catalog;
        match &mut self.screen {
            Screen::Session(session) => session.refresh_catalog(catalog),
            Screen::Browse(browse) => {
                let deck = browse.deck_id().map(str::to_owned);
                self.screen = Screen::Browse(Box::new(browse::Browse::new(self, deck)));
            }
            _ => {}
        }
    }

    fn start_practice(&mut self, source: &PracticeSource) {
        let Some(data) = self.data() else { return };
        let seed = u64::try_from(self.now().timestamp()).unwrap_or_default();
        let (catalog, queue) = match source {
            PracticeSource::Decks(decks) => {
                let catalog = self.catalog.subset(decks);
                let round = catalog.practice_round(data, seed);
                (catalog, round)
            }
            PracticeSource::Mistakes(scope) => (self.catalog.clone(), mistakes(&self.catalog, data, scope)),
            PracticeSource::Cards(cards) => (self.catalog.clone(), cards.clone()),
        };
        self.screen = Screen::Session(Box::new(session::Session::practice(catalog, queue)));
        self.advance();
    }

    /// Shows the next card of the session, or the summary when none is left.
    fn advance(&mut self) {
        let now = self.now();
        let Screen::Session(session) = &mut self.screen else { return };
        let Ok(save) = &self.save else { return };
        let next = if session.is_practice() {
            session.next_practice_card()
        } else {
            Planner { catalog: session.catalog(), data: save.data(), scheduler: &self.scheduler, now }.next_card()
        };
        let seed = save.data().reviews.len() as u64;
        let question = next.and_then(|card| session.catalog().question(&card, seed));
        session.show_question(question, now);
    }

    fn respond(&mut self, response: &Response) {
        let Screen::Session(session) = &mut self.screen else { return };
        let Some((answer, correct)) = session.grade(response) else { return };
        if self.record_answer(answer).is_some()
            && let Screen::Session(session) = &mut self.screen
        {
            session.answered(response.clone(), correct);
        }
    }

    fn rate(&mut self, rating: Rating) {
        let Screen::Session(session) = &mut self.screen else { return };
        let Some(answer) = session.rated(rating) else { return };
        if self.record_answer(answer).is_some() {
            self.advance();
        }
    }

    fn record_answer(&mut self, answer: Answer) -> Option<()> {
        let now = self.now();
        let lang = self.lang();
        let save = self.save.as_mut().ok()?;
        match record_answer(save, &self.scheduler, answer, now) {
            Ok(_) => Some(()),
            Err(error) => {
                self.messages.push(format!("{} {error}", lang.tr("Could not save your answer:", "无法保存你的回答：")));
                None
            }
        }
    }

    /// Takes back the last answer and shows its card again.
    fn undo(&mut self) {
        let now = self.now();
        let lang = self.lang();
        let Ok(save) = &mut self.save else { return };
        if !save.can_undo() {
            return;
        }
        match save.undo(now) {
            Ok(Some(card)) => {
                if !matches!(self.screen, Screen::Session(_)) {
                    let catalog = self.catalog.clone();
                    self.screen = Screen::Session(Box::new(session::Session::study(catalog, Vec::new())));
                }
                let seed = self.data().map_or(0, |data| data.reviews.len() as u64);
                if let Screen::Session(session) = &mut self.screen {
                    let question = session.catalog().question(&card, seed);
                    session.undone(question, now);
                }
            }
            Ok(None) => {}
            Err(error) => self.messages.push(format!("{} {error}", lang.tr("Could not undo:", "无法撤销："))),
        }
    }

    fn set_suspended(&mut self, card: CardId, suspended: bool) {
        let current = matches!(&self.screen, Screen::Session(s) if s.current_card() == Some(&card));
        if self.record(Change::Suspended { card, suspended }) {
            if current {
                self.advance();
            }
            if let Screen::Browse(browse) = &mut self.screen {
                browse.refresh_states();
            }
        }
    }

    fn start_exam(&mut self, request: &exam::Request) {
        let catalog = self.catalog.subset(&request.decks);
        let paper: Paper = paper(&catalog, request.count, request.seed);
        let id = format!("{}-s{}", self.now().format("%Y%m%dT%H%M%S"), request.seed);
        let limit = request.minutes.filter(|minutes| *minutes > 0).map(|minutes| Duration::minutes(i64::from(minutes)));
        self.screen = Screen::Exam(Box::new(exam::Running::new(id, paper, catalog, limit, self.now())));
    }

    fn exam_answer(&mut self, response: Option<Response>) {
        let Screen::Exam(running) = &mut self.screen else { return };
        let answer = running.answer(response);
        let finished = running.is_finished();
        if let Some(answer) = answer
            && self.record_answer(answer).is_none()
        {
            return;
        }
        if finished {
            self.finish_exam();
        }
    }

    fn finish_exam(&mut self) {
        let Screen::Exam(running) = &self.screen else { return };
        let graded: Graded = grade(&running.paper, &running.responses, &running.catalog);
        let report = exam::Report::new(graded, running.timed_out(self.now()));
        self.screen = Screen::ExamReport(report);
    }

    /// Ends an exam whose time is up.
    fn tick(&mut self) {
        if let Screen::Exam(running) = &self.screen
            && running.timed_out(self.now())
        {
            self.finish_exam();
        }
    }
}

/// Why the save could not be opened, in the learner's words.
fn refusal(error: &SaveError, lang: Lang) -> String {
    match error {
        SaveError::Locked(folder) => format!(
            "{}\n{}",
            lang.tr(
                "Tabula is already open on this save (another window or a `tabula` command is using it). Close it, then try again.",
                "Tabula 已在使用这个存档（另一个窗口或 `tabula` 命令正在使用）。请先关闭它，再重试。",
            ),
            folder.display()
        ),
        other => format!("{} {other}", lang.tr("The save could not be opened:", "无法打开存档：")),
    }
}

/// The first file dropped on the window this frame.
fn dropped_file(ctx: &egui::Context) -> Option<PathBuf> {
    ctx.input(|input| {
        input
            .raw
            .dropped_files
            .iter()
            .find_map(|file| Some(file.path().to_owned()).filter(|path| !path.as_os_str().is_empty()))
    })
}

/// Opens a folder in the system's file manager.
fn open_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(folder).spawn().map(drop)
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone};

    use super::*;

    #[test]
    fn an_exam_ends_itself_when_its_time_is_up() {
        let dir = tempfile::tempdir().expect("temp");
        let launch = Launch {
            data_dir: dir.path().to_owned(),
            now: Some(Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).single().expect("time")),
            decks: Vec::new(),
            calendar: Calendar::Fixed(FixedOffset::east_opt(0).expect("offset")),
        };
        let mut app = App::new(launch, Prefs { lang: Lang::En, theme: Theme::Light, zoom: 1.0 });
        app.apply(Action::StartExam(exam::Request { decks: Vec::new(), count: 5, minutes: Some(1), seed: 3 }));
        let Screen::Exam(running) = &app.screen else { panic!("no exam") };
        let first = running.paper.questions[0].clone();
        let answer = match first.kind {
            crate::core::question::QuestionKind::TypedAnswer => Response::Typed(first.accepted[0].clone()),
            crate::core::question::QuestionKind::Matching => {
                Response::Matches(first.correct.iter().copied().map(Some).collect())
            }
            _ => Response::Choice(first.correct[0]),
        };
        app.apply(Action::ExamAnswer(Some(answer)));
        app.tick();
        assert!(matches!(app.screen, Screen::Exam(_)), "time is not up yet");
        let Screen::Exam(running) = &mut app.screen else { panic!("no exam") };
        running.rewind(Duration::seconds(61));
        app.tick();
        let Screen::ExamReport(report) = &app.screen else { panic!("the exam did not end") };
        assert!(report.timed_out());
        let graded = report.graded();
        assert_eq!((graded.right, graded.answered, graded.total), (1, 1, 5), "the rest count as unanswered");
        assert_eq!(app.data().expect("save").reviews.len(), 1);
    }
}
