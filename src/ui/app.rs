//! The app's state and the one place that changes it: every screen draws
//! from `App` and hands back `Action`s, which `App::apply` carries out
//! through the core. No learning logic lives here.

use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use super::i18n::{self, Lang};
use super::open_deck::OpenDeck;
use super::optimizer::Fit;
use super::{browse, exam, home, session, settings, stats, style};
use crate::core::calendar::Calendar;
use crate::core::exam::{exam_id, paper};
use crate::core::library::{Library, deck_folder};
use crate::core::notice::Notice;
use crate::core::optimize::{study_reviews, training_items};
use crate::core::plan::{self, Forecast, PlannedExam};
use crate::core::question::{CardId, Response};
use crate::core::save::{Change, Save, SaveData, SaveError, Settings};
use crate::core::schedule::{Rating, Scheduler};
use crate::core::session::{End, Session};
use crate::core::study::{Catalog, MistakeScope, Planner, mistakes};
use crate::host::Clock;

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
    Session(Box<session::StudyScreen>),
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
    /// Cram: the weakest cards for the exam planned at this time.
    WeakestFor(DateTime<Utc>),
}

/// How many cards a cram session takes.
pub const CRAM_CARDS: usize = 20;

/// An exam ahead as Home shows it: the prediction, and what ten more
/// minutes a day would make of it (a simulation, so worked out when Home
/// opens, not every frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub exam: PlannedExam,
    pub forecast: Forecast,
    /// Minutes a day assumed, the expected recall with them, and with
    /// [`MORE_MINUTES`] more; None until Home opens, and for exams too large
    /// to simulate while the window waits.
    pub what_if: Option<(u32, f64, f64)>,
}

/// The most cards a "what if" is simulated for while the window waits.
const WHAT_IF_MAX_CARDS: usize = 2_000;

/// The minutes added in the "what if" line.
pub const MORE_MINUTES: u32 = 10;

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
    /// Take back the last thing this sitting did.
    Undo,
    /// Suspend the card on screen in study, practice or an exam.
    SuspendCurrent,
    /// Suspend or unsuspend a card from Browse.
    SetSuspended(CardId, bool),
    /// Record the exam's current answer and go on (None: left blank).
    ExamAnswer(Option<Response>),
    /// Hand the exam in now (the screen has asked first where questions are
    /// left unanswered).
    FinishExam,
    /// Plan an exam to revise for.
    PlanExam(PlannedExam),
    /// Call off the exam planned at this time.
    UnplanExam(DateTime<Utc>),
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

/// Something the learner should know, shown above the screen until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// From the core, worded when drawn, in the language of the moment.
    Notice(Notice),
    /// Said by the window itself, already worded.
    Text(String),
}

impl Message {
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Message::Notice(notice) => i18n::notice(lang, notice),
            Message::Text(text) => text.clone(),
        }
    }
}

/// What a screen reads to draw itself: the app's state, never a way to
/// change it (screens hand back `Action`s for that).
pub struct View<'a> {
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub prefs: Prefs,
    pub library: &'a Library,
    pub catalog: &'a Catalog,
    pub data: &'a SaveData,
    pub scheduler: &'a Scheduler,
    pub data_dir: &'a Path,
    pub fit: Option<&'a Fit>,
    /// The exams ahead, as last worked out.
    pub outlook: &'a [Outlook],
}

impl View<'_> {
    /// A planner over some of the catalog's cards.
    #[must_use]
    pub fn planner<'c>(&'c self, catalog: &'c Catalog) -> Planner<'c> {
        Planner { catalog, data: self.data, scheduler: self.scheduler, now: self.now }
    }
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
    pub(crate) messages: Vec<Message>,
    pub(crate) open_deck: Option<OpenDeck>,
    /// A parameter fit running or finished.
    pub(crate) fit: Option<Fit>,
    /// The exams ahead with their predictions, worked out when Home opens
    /// and when a plan changes.
    outlook: Vec<Outlook>,
    /// The "what if" of the exams ahead is still to be worked out: after
    /// the first frame, so that it never delays the window's start.
    what_if_pending: bool,
    applied_prefs: Option<Prefs>,
    /// The context the window draws in, for background work to wake it.
    ctx: Option<egui::Context>,
}

impl App {
    /// Loads the decks and opens the save.
    #[must_use]
    pub fn new(launch: Launch, prefs: Prefs) -> App {
        let clock = Clock::new(launch.now);
        let library = Library::load(Some(&deck_folder(&launch.data_dir)), &launch.decks);
        let catalog = Catalog::new(&library, &[]);
        let scheduler = Scheduler::new(Settings::default().scheduler, launch.calendar);
        let mut app = App {
            messages: library.notices.iter().cloned().map(Message::Notice).collect(),
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
            outlook: Vec::new(),
            what_if_pending: true,
            applied_prefs: None,
            ctx: None,
        };
        app.open_save();
        app.refresh_outlook(false);
        app
    }

    /// Opens the save, or says why it cannot (another window holds it).
    fn open_save(&mut self) {
        self.save = match Save::open(&self.launch.data_dir, self.now()) {
            Ok(opened) => {
                self.messages.extend(opened.notices.into_iter().map(Message::Notice));
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

    /// Moves the app's clock on, as if that much time had passed (tests,
    /// and coming back "tomorrow").
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock.advance(by);
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
        deck_folder(&self.launch.data_dir)
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

    /// What screens read, where the save is open.
    #[must_use]
    pub fn view(&self) -> Option<View<'_>> {
        Some(View {
            lang: self.lang(),
            now: self.now(),
            prefs: self.prefs,
            library: &self.library,
            catalog: &self.catalog,
            data: self.data()?,
            scheduler: &self.scheduler,
            data_dir: &self.launch.data_dir,
            fit: self.fit.as_ref(),
            outlook: &self.outlook,
        })
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
                let lang = self.lang();
                let texts: Vec<String> = self.messages.iter().map(|message| message.text(lang)).collect();
                actions.extend(style::messages(ui, lang, &texts));
            }
            actions.extend(self.screen_ui(ui));
        });
        if let Some(dialog) = &mut self.open_deck {
            let outcome = dialog.show(&ctx, self.prefs.lang, &deck_folder(&self.launch.data_dir));
            match outcome {
                super::open_deck::Outcome::Open => {}
                super::open_deck::Outcome::Closed => self.open_deck = None,
                super::open_deck::Outcome::Added(message) => {
                    self.open_deck = None;
                    self.messages.push(Message::Text(message));
                    actions.push(Action::Reload);
                }
            }
        }
        style::drop_hint(&ctx, self.lang());
        for action in actions {
            self.apply(action);
        }
        if std::mem::take(&mut self.what_if_pending) && !self.outlook.is_empty() {
            self.refresh_outlook(true);
            ctx.request_repaint();
        }
        if let Screen::Exam(running) = &self.screen
            && running.is_timed()
        {
            // The timer is the only thing that changes with nobody touching
            // the window: one repaint a second while it runs.
            ctx.request_repaint_after(StdDuration::from_secs(1));
        }
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let lang = self.lang();
        let mut screen = std::mem::replace(&mut self.screen, Screen::Home);
        let actions = match (self.view(), &mut screen) {
            (None, _) => {
                let reason = self.save.as_ref().err().cloned().unwrap_or_default();
                style::refused(ui, lang, &reason)
            }
            (Some(view), Screen::Home) => home::show(ui, &view),
            (Some(view), Screen::Session(session)) => session.show(ui, &view),
            (Some(view), Screen::ExamSetup(setup)) => setup.show(ui, &view),
            (Some(view), Screen::Exam(running)) => running.show(ui, &view),
            (Some(_), Screen::ExamReport(report)) => report.show(ui, lang),
            (Some(view), Screen::Browse(browse)) => browse.show(ui, &view),
            (Some(view), Screen::Settings(form)) => form.show(ui, &view),
            (Some(view), Screen::Stats(stats)) => stats.show(ui, &view),
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
                && matches!(self.screen, Screen::Session(_) | Screen::Exam(_))
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
            Action::Home => {
                self.refresh_outlook(true);
                self.screen = Screen::Home;
            }
            Action::Study(decks) => {
                let catalog = self.catalog.subset(&decks);
                self.begin(Session::study(catalog, decks));
            }
            Action::Practice(source) => self.start_practice(&source),
            Action::ExamSetup(decks) => {
                if let Some(view) = self.view() {
                    self.screen = Screen::ExamSetup(exam::Setup::new(&view, &decks));
                }
            }
            Action::StartExam(request) => self.start_exam(&request),
            Action::Browse(deck) => {
                if let Some(view) = self.view() {
                    self.screen = Screen::Browse(Box::new(browse::Browse::new(&view, deck)));
                }
            }
            Action::Settings => {
                if let Some(view) = self.view() {
                    self.screen = Screen::Settings(settings::Form::new(&view));
                }
            }
            Action::Stats(days) => {
                if let Some(stats) = self.view().map(|view| stats::Stats::new(&view, days)) {
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
            Action::Reveal
            | Action::Respond(_)
            | Action::ExamAnswer(_)
            | Action::Rate(_)
            | Action::Continue
            | Action::Undo
            | Action::SuspendCurrent
            | Action::FinishExam => self.apply_to_sitting(action),
            Action::SetSuspended(card, suspended) => {
                if self.record(Change::Suspended { card, suspended })
                    && let Screen::Browse(browse) = &mut self.screen
                {
                    browse.refresh_states();
                }
            }
            Action::PlanExam(exam) => {
                self.record(Change::ExamPlanned(exam));
                self.refresh_outlook(true);
            }
            Action::UnplanExam(at) => {
                self.record(Change::ExamUnplanned(at));
                self.refresh_outlook(true);
            }
            Action::SetLang(lang) => self.prefs.lang = lang,
            Action::SetTheme(theme) => self.prefs.theme = theme,
            Action::SetZoom(zoom) => self.prefs.zoom = zoom.clamp(0.5, 3.0),
            Action::SaveSettings(settings) => {
                self.record(Change::SettingsChanged(settings));
            }
            Action::SetLearnerName(name) => {
                self.record(Change::LearnerNamed(name.trim().to_owned()));
            }
            Action::OpenDataFolder => {
                if let Err(error) = open_folder(&self.launch.data_dir) {
                    let lang = self.lang();
                    self.messages.push(Message::Text(format!(
                        "{} {error}",
                        lang.tr("Could not open the folder:", "无法打开文件夹：")
                    )));
                }
            }
            Action::DismissMessage => self.messages.clear(),
            Action::RetryOpen => self.open_save(),
        }
        self.show_report_of_handed_in_exam();
    }

    /// Carries out an action on the sitting on screen (study, practice or an exam).
    fn apply_to_sitting(&mut self, action: Action) {
        match action {
            Action::Reveal => {
                if let Some(session) = sitting(&mut self.screen) {
                    session.reveal();
                }
            }
            Action::Respond(response) | Action::ExamAnswer(Some(response)) => {
                self.in_sitting(|session, save, scheduler, now| {
                    session.respond(save, scheduler, response, now).map(drop)
                });
            }
            Action::ExamAnswer(None) => self.in_sitting(|session, save, _, now| session.skip(save, now)),
            Action::Rate(rating) => {
                self.in_sitting(|session, save, scheduler, now| session.rate(save, scheduler, rating, now).map(drop));
            }
            Action::Continue => {
                let now = self.now();
                if let (Some(data), Some(session)) =
                    (self.save.as_ref().ok().map(Save::data), sitting(&mut self.screen))
                {
                    session.advance(data, &self.scheduler, now);
                }
            }
            Action::Undo => self.in_sitting(|session, save, _, now| session.undo(save, now).map(drop)),
            Action::SuspendCurrent => {
                self.in_sitting(|session, save, scheduler, now| session.suspend(save, scheduler, now).map(drop));
            }
            Action::FinishExam => self.in_sitting(|session, save, _, now| session.hand_in(save, now, false)),
            _ => {}
        }
    }

    /// Runs a change of the sitting on screen against the save; a failure to
    /// save is shown, never swallowed.
    fn in_sitting(
        &mut self,
        change: impl FnOnce(&mut Session, &mut Save, &Scheduler, DateTime<Utc>) -> Result<(), SaveError>,
    ) {
        let now = self.now();
        let lang = self.lang();
        let (Ok(save), Some(session)) = (&mut self.save, sitting(&mut self.screen)) else { return };
        if let Err(error) = change(session, save, &self.scheduler, now) {
            self.messages.push(Message::Text(format!("{} {error}", lang.tr("Could not save:", "无法保存："))));
        }
    }

    /// Works out the exams ahead for Home: the prediction and, with
    /// `simulate`, the "what if".
    fn refresh_outlook(&mut self, simulate: bool) {
        let now = self.now();
        let Some(data) = self.data() else { return };
        self.outlook = plan::exams_ahead(data, now)
            .into_iter()
            .map(|exam| {
                let forecast = plan::forecast(&self.catalog, data, &self.scheduler, exam, now);
                let minutes = exam.minutes_a_day.unwrap_or(20);
                let with = |minutes| plan::what_if(&self.catalog, data, &self.scheduler, exam, now, minutes);
                let small = self.catalog.cards().len() <= WHAT_IF_MAX_CARDS;
                let what_if = (simulate && small).then(|| (minutes, with(minutes), with(minutes + MORE_MINUTES)));
                Outlook { exam: exam.clone(), forecast, what_if }
            })
            .collect();
    }

    /// Starts a study or practice sitting with its first question.
    fn begin(&mut self, mut session: Session) {
        let now = self.now();
        if let Some(data) = self.data() {
            session.advance(data, &self.scheduler, now);
        }
        self.screen = Screen::Session(Box::new(session::StudyScreen::new(session)));
    }

    /// An exam just handed in gives way to its report.
    fn show_report_of_handed_in_exam(&mut self) {
        if let Screen::Exam(running) = &self.screen
            && let Some(End::HandedIn { graded, timed_out }) = running.session().end()
        {
            self.screen = Screen::ExamReport(exam::Report::new(graded.clone(), *timed_out));
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
                    kept = self.record(Change::SettingsChanged(settings));
                }
                Fit::Done { evaluation, kept }
            }
            Err(reason) => Fit::Failed(reason),
        });
    }

    /// Records a change; a failure is shown, never swallowed. The
    /// scheduler follows the settings here, the one place they change.
    fn record(&mut self, change: Change) -> bool {
        let now = self.now();
        let lang = self.lang();
        let Ok(save) = &mut self.save else { return false };
        let settings = matches!(change, Change::SettingsChanged(_));
        match save.record(change, now) {
            Ok(()) => {
                if settings {
                    self.scheduler = Scheduler::new(save.data().settings.scheduler.clone(), self.launch.calendar);
                }
                true
            }
            Err(error) => {
                self.messages.push(Message::Text(format!("{} {error}", lang.tr("Could not save:", "无法保存："))));
                false
            }
        }
    }

    fn reload(&mut self) {
        self.library = Library::load(Some(&self.deck_folder()), &self.launch.decks);
        self.catalog = Catalog::new(&self.library, &[]);
        self.messages.extend(self.library.notices.iter().cloned().map(Message::Notice));
        match &mut self.screen {
            Screen::Session(screen) => {
                // The same sitting goes on over the decks as they now are.
                let catalog = self.catalog.subset(screen.session().decks());
                screen.refresh_catalog(catalog);
            }
            Screen::Browse(browse) => {
                let deck = browse.deck_id().map(str::to_owned);
                if let Some(view) = self.view() {
                    self.screen = Screen::Browse(Box::new(browse::Browse::new(&view, deck)));
                }
            }
            _ => {}
        }
    }

    fn start_practice(&mut self, source: &PracticeSource) {
        let Some(data) = self.data() else { return };
        let seed = u64::try_from(self.now().timestamp()).unwrap_or_default();
        let (decks, catalog, queue) = match source {
            PracticeSource::Decks(decks) => {
                let catalog = self.catalog.subset(decks);
                let round = catalog.practice_round(data, seed);
                (decks.clone(), catalog, round)
            }
            PracticeSource::Mistakes(scope) => (Vec::new(), self.catalog.clone(), mistakes(&self.catalog, data, scope)),
            PracticeSource::Cards(cards) => (Vec::new(), self.catalog.clone(), cards.clone()),
            PracticeSource::WeakestFor(at) => {
                let Some(exam) = data.planned_exams.iter().find(|exam| exam.at == *at) else { return };
                let cards = plan::weakest(&self.catalog, data, &self.scheduler, exam, CRAM_CARDS);
                (exam.decks.clone(), self.catalog.clone(), cards)
            }
        };
        self.begin(Session::practice(catalog, decks, queue));
    }

    fn start_exam(&mut self, request: &exam::Request) {
        let now = self.now();
        let catalog = self.catalog.subset(&request.decks);
        let paper = paper(&catalog, request.count, request.seed);
        let limit = request.minutes.filter(|minutes| *minutes > 0).map(|minutes| Duration::minutes(i64::from(minutes)));
        let session = Session::exam(catalog, request.decks.clone(), paper, exam_id(now, request.seed), limit, now);
        self.screen = Screen::Exam(Box::new(exam::Running::new(session)));
    }

    /// Hands in an exam whose time is up.
    fn tick(&mut self) {
        let now = self.now();
        if let Screen::Exam(running) = &self.screen
            && running.session().time_is_up(now)
        {
            self.in_sitting(|session, save, _, now| session.hand_in(save, now, true));
            self.show_report_of_handed_in_exam();
        }
    }
}

/// The sitting a screen drives, if it drives one.
fn sitting(screen: &mut Screen) -> Option<&mut Session> {
    match screen {
        Screen::Session(screen) => Some(screen.session_mut()),
        Screen::Exam(running) => Some(running.session_mut()),
        _ => None,
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
        let first = running.session().current().expect("a question").question.clone();
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
        app.advance_clock(Duration::seconds(61));
        app.tick();
        let Screen::ExamReport(report) = &app.screen else { panic!("the exam did not end") };
        assert!(report.timed_out());
        let graded = report.graded();
        assert_eq!((graded.right, graded.answered, graded.total), (1, 1, 5), "the rest count as unanswered");
        assert_eq!(app.data().expect("save").reviews.len(), 1);
        let results = crate::core::exam::results(app.data().expect("save"));
        assert_eq!((results[0].right, results[0].questions), (1, 5), "the record agrees with the report");
    }
}
