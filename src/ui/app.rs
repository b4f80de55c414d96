//! The app's state and the one place that changes it: every screen draws
//! from `App` and hands back `Action`s, which `App::apply` carries out
//! through the core. No learning logic lives here.

use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

mod action;
mod chrome;
mod loading;
mod outlook;
mod sitting;

pub use action::{Action, PracticeSource};
pub use outlook::{CRAM_CARDS, MORE_MINUTES, Outlook};

use super::i18n::{self, Lang};
use super::open_deck::OpenDeck;
use super::optimizer::{Fit, Outcome};
use super::{browse, exam, home, session, settings, stats, style};
use crate::core::calendar::Calendar;
use crate::core::library::{Library, deck_folder, deck_paths};
use crate::core::notice::Notice;
use crate::core::optimize::{history_study_reviews, training_items};
use crate::core::save::{CardScope, Change, Checks, History, Refusal, Save, SaveData, SaveError, Settings};
use crate::core::schedule::Scheduler;
use crate::core::session::Session;
use crate::core::study::{Catalog, Planner};
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
    /// Deck files still being checked, to join the library.
    pub loading: &'a [PathBuf],
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
    /// The learner's deck files still being checked off the UI thread.
    loading: loading::Loading,
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
    /// Background work (decks, the save's check) has begun: it waits until
    /// the first frame is on screen.
    started: bool,
    /// A reload's library while its decks load: the library on screen
    /// stays until every deck is in this one.
    reloading: Option<Library>,
}

impl App {
    /// Opens the save with the built-in decks; the learner's deck files are
    /// checked off the UI thread once the first frame is on screen (see
    /// `app/loading.rs`), and join as each is done.
    #[must_use]
    pub fn new(launch: Launch, prefs: Prefs) -> App {
        let clock = Clock::new(launch.now);
        let library = Library::built_in();
        let loading = loading::Loading::of(deck_paths(Some(&deck_folder(&launch.data_dir)), &launch.decks));
        let catalog = Catalog::new(&library, &[]);
        let scheduler = Scheduler::new(Settings::default().scheduler, launch.calendar);
        let mut app = App {
            messages: library.notices.iter().cloned().map(Message::Notice).collect(),
            launch,
            clock,
            library,
            loading,
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
            started: false,
            reloading: None,
        };
        app.open_save();
        app.refresh_outlook(false);
        app
    }

    /// Opens the save, or says why it cannot (another window holds it). The
    /// integrity check and the day's backup wait until the first frame is on
    /// screen, and run off the UI thread (see `Checks::Later`); the card
    /// states read are those of the decks loaded, the others' as their decks
    /// join (see `catalog_changed`).
    fn open_save(&mut self) {
        let decks = self.library.decks.iter().map(|loaded| loaded.deck.id.clone()).collect();
        self.save = match Save::open_scoped(&self.launch.data_dir, self.now(), Checks::Later, CardScope::Decks(decks)) {
            Ok(mut opened) => {
                self.messages.extend(opened.notices.into_iter().map(Message::Notice));
                self.scheduler = Scheduler::new(opened.save.data().settings.scheduler.clone(), self.launch.calendar);
                if self.started {
                    opened.save.start_checks(waker(self.ctx.clone()));
                }
                Ok(opened.save)
            }
            Err(error) => Err(refusal(&error, self.prefs.lang)),
        };
    }

    /// Takes what the save's deferred check found: a repair, a failed backup.
    fn poll_save_checks(&mut self) {
        let now = self.now();
        let lang = self.lang();
        if let Ok(save) = &mut self.save {
            let notices = match save.poll_checks(now) {
                Ok(notices) => notices,
                Err(error) => {
                    let text = lang.tr("The save could not be repaired:", "无法修复存档：");
                    self.messages.push(Message::Text(format!("{text} {error}")));
                    Vec::new()
                }
            };
            if notices.iter().any(|notice| matches!(notice, Notice::SaveRepaired { .. })) {
                // The repaired save holds what could be read: every screen
                // draws from it again.
                self.refresh_outlook(false);
            }
            self.messages.extend(notices.into_iter().map(Message::Notice));
        }
    }

    /// Whether background work is still under way: deck files being checked,
    /// the save's integrity check and backup.
    #[must_use]
    pub fn background_busy(&self) -> bool {
        self.decks_loading() || self.save.as_ref().is_ok_and(Save::checking)
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

    /// Whether the Open deck dialog is up (it has the keyboard).
    #[must_use]
    pub fn open_deck_is_up(&self) -> bool {
        self.open_deck.is_some()
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
            loading: &self.loading.pending,
        })
    }

    /// Draws the whole window: the top bar, the screen, dialogs.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.apply_prefs(&ctx);
        self.tick();
        self.poll_fit();
        self.poll_loading();
        self.poll_save_checks();
        let mut actions = Vec::new();
        actions.extend(self.global_keys(&ctx));
        if let Some(dropped) = dropped_file(&ctx) {
            self.open_deck = Some(OpenDeck::with_path(&dropped));
        }
        // While the Open deck dialog is up, what lies beneath it takes no
        // clicks and no keys.
        let dialog_up = self.open_deck.is_some();
        egui::Panel::top("top-bar").show(ui, |ui| {
            if dialog_up {
                ui.disable();
            }
            actions.extend(self.top_bar(ui));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            if dialog_up {
                ui.disable();
            }
            if !self.messages.is_empty() {
                let lang = self.lang();
                let texts: Vec<String> = self.messages.iter().map(|message| message.text(lang)).collect();
                actions.extend(style::messages(ui, lang, &texts));
            }
            if !self.loading.pending.is_empty() && !matches!(self.screen, Screen::Home) {
                let lang = self.lang();
                let left = self.loading.pending.len().to_string();
                ui.label(style::hint(
                    &lang.tr("Loading {n} deck file(s)…", "正在加载 {n} 个题库文件…").replace("{n}", &left),
                ));
            }
            actions.extend(self.screen_ui(ui));
        });
        if let Some(dialog) = &mut self.open_deck {
            let outcome = dialog.show(&ctx, self.prefs.lang, &deck_folder(&self.launch.data_dir));
            match outcome {
                super::open_deck::Outcome::Open => {}
                super::open_deck::Outcome::Closed => self.open_deck = None,
                super::open_deck::Outcome::Added(message, path) => {
                    self.open_deck = None;
                    self.messages.push(Message::Text(message));
                    self.add_deck_file(path);
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
        if ctx.cumulative_frame_nr() == 0 {
            // The next frame starts the background work; without it a
            // window nobody touches would never start it.
            ctx.request_repaint();
        } else if !self.started {
            // The first frame is on screen (eframe paints each frame before
            // building the next; a frame may take several passes): the work
            // it must not wait for begins.
            self.started = true;
            let states = self.deck_states();
            self.loading.start(Some(&ctx), states);
            if let Ok(save) = &mut self.save {
                save.start_checks(waker(Some(ctx.clone())));
            }
        }
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let lang = self.lang();
        let mut screen = std::mem::replace(&mut self.screen, Screen::Home);
        style::open_at_top(ui.ctx(), screen_key(&screen));
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
            | Action::Overrule
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
            Action::MergeFrom => self.merge_from(),
            Action::DismissMessage => self.messages.clear(),
            Action::RetryOpen => self.open_save(),
        }
        self.show_report_of_handed_in_exam();
    }

    /// Merges another copy of the save, picked in a file dialog, into this
    /// one (see `core::save::Save::merge`), and says what it brought.
    fn merge_from(&mut self) {
        let lang = self.lang();
        let Ok(save) = &mut self.save else { return };
        let Some(path) = rfd::FileDialog::new()
            .set_title(lang.tr("Merge progress from…", "合并来自…的进度"))
            .add_filter(lang.tr("Tabula save", "Tabula 存档"), &["sqlite3", "ron"])
            .pick_file()
        else {
            return;
        };
        let now = self.clock.now();
        let text = match save.merge(&path, &self.scheduler, now) {
            Ok(merged) => lang
                .tr("Merged {n} new answer(s) from {path}.", "已从 {path} 合并 {n} 条新的作答。")
                .replace("{n}", &merged.answers.to_string())
                .replace("{path}", &path.display().to_string()),
            Err(error) => format!("{} {error}", lang.tr("Could not merge:", "无法合并：")),
        };
        self.messages.push(Message::Text(text));
        self.refresh_outlook(true);
    }

    fn start_fit(&mut self) {
        if matches!(self.fit, Some(Fit::Running { .. })) {
            return;
        }
        let (Some(data), Some(ctx)) = (self.data(), &self.ctx) else { return };
        // A handle, not the log: the fit's thread reads it.
        let history = History::of(data);
        let calendar = self.launch.calendar;
        let read = move || {
            let reviews = history_study_reviews(&history).map_err(|error| error.to_string())?;
            Ok(training_items(&reviews, calendar))
        };
        self.fit = Some(Fit::start(read, ctx));
    }

    /// Takes a finished fit's result: the fitted parameters are kept only
    /// where they predicted the held-back reviews better.
    fn poll_fit(&mut self) {
        let Some(outcome) = self.fit.as_mut().and_then(Fit::poll) else { return };
        self.fit = Some(match outcome {
            Outcome::Evaluated(evaluation) => {
                let mut kept = false;
                if evaluation.fitted_is_better()
                    && let Some(mut settings) = self.data().map(|data| data.settings.clone())
                {
                    settings.scheduler.parameters.clone_from(&evaluation.parameters);
                    kept = self.record(Change::SettingsChanged(settings));
                }
                Fit::Done { evaluation, kept }
            }
            Outcome::TooShort(found) => Fit::TooShort { found },
            Outcome::Failed(reason) => Fit::Failed(reason),
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

    /// Loads every deck again, the learner's files off the UI thread as at
    /// start; the decks on screen stay usable until the new ones are all in.
    fn reload(&mut self) {
        self.reloading = Some(Library::built_in());
        self.loading = loading::Loading::of(deck_paths(Some(&self.deck_folder()), &self.launch.decks));
        if self.started {
            let states = self.deck_states();
            self.loading.start(self.ctx.as_ref(), states);
        }
        self.take_decks(Vec::new());
    }

    /// The library changed (a reload, a deck done loading): the catalog and
    /// the screen follow it.
    fn catalog_changed(&mut self) {
        if let Ok(save) = &mut self.save
            && let Err(error) = save.load_decks(self.library.decks.iter().map(|loaded| loaded.deck.id.as_str()))
        {
            let text = self.prefs.lang.tr("The save could not be read:", "无法读取存档：");
            self.messages.push(Message::Text(format!("{text} {error}")));
        }
        self.catalog = Catalog::new(&self.library, &[]);
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
        self.resume_waiting_study();
        // Forecasts count the cards of the decks in the library.
        self.refresh_outlook(false);
        self.what_if_pending = true;
    }
}

/// Wakes the window when background work is done, so that what it found
/// shows without waiting for the learner to move the mouse.
fn waker(ctx: Option<egui::Context>) -> impl FnOnce() + Send + 'static {
    move || {
        if let Some(ctx) = ctx {
            ctx.request_repaint();
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
        other if lang == Lang::Zh => format!("无法打开存档：{}", save_error_zh(other)),
        other => format!("The save could not be opened: {other}"),
    }
}

/// A save that cannot be opened, in Chinese: the operating system's and
/// SQLite's common refusals in words; a rarer one keeps their own message.
fn save_error_zh(error: &SaveError) -> String {
    match error {
        SaveError::Io { path, op, source } => {
            let writing = matches!(*op, "lock" | "move aside");
            let op = match *op {
                "lock" => "锁定",
                "look at" => "查看",
                "move aside" => "移开",
                "open the folder" => "打开文件夹",
                "open" => "打开",
                "read" => "读取",
                _ => "使用",
            };
            format!(
                "{op} {} 时出错：{}",
                path.display(),
                super::open_deck::io_zh(writing, source.kind(), &source.to_string())
            )
        }
        SaveError::Locked(folder) => format!("{} 中的存档已在另一个 Tabula 窗口或命令中打开", folder.display()),
        SaveError::Unreadable { path, reason } => format!("{} 不是 Tabula 存档（{reason}）", path.display()),
        SaveError::Refused { path, reason } => {
            let reason = match reason {
                Refusal::SymbolicLink => "它是一个符号链接".to_owned(),
                Refusal::Folder => "它是一个文件夹".to_owned(),
                Refusal::NotPlainFile => "它不是普通文件（是管道或设备）".to_owned(),
                Refusal::Newer { found, reads } => {
                    format!("它由更新版本的 Tabula 写入（版本 {found}；这个版本最高读取 {reads}）")
                }
                Refusal::Exists => "文件已经存在".to_owned(),
            };
            format!("Tabula 不会打开 {}：{reason}；什么也没有改动", path.display())
        }
        SaveError::Db { path, source } => {
            let sqlite = match source {
                crate::core::save::db::DbError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) => {
                    match failure.code {
                        rusqlite::ErrorCode::DiskFull => Some("磁盘已满"),
                        rusqlite::ErrorCode::ReadOnly => Some("存档是只读的"),
                        rusqlite::ErrorCode::PermissionDenied => Some("没有权限"),
                        rusqlite::ErrorCode::CannotOpen => Some("无法打开数据库文件"),
                        rusqlite::ErrorCode::NotADatabase => Some("这不是数据库文件"),
                        rusqlite::ErrorCode::DatabaseCorrupt => Some("数据库已损坏"),
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                            Some("数据库正被另一个程序使用")
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match sqlite {
                Some(words) => format!("存档数据库 {}：{words}", path.display()),
                None => format!("存档数据库 {}：{source}", path.display()),
            }
        }
    }
}

/// What is on screen, for opening each new screen (and each new question)
/// at its top: the kind of screen and the question shown.
fn screen_key(screen: &Screen) -> egui::Id {
    let question = match screen {
        Screen::Session(session) => session.current().map(|current| (current.question.id.0.clone(), current.shown_at)),
        _ => None,
    };
    let exam_question = match screen {
        Screen::Exam(running) => Some(running.index()),
        _ => None,
    };
    egui::Id::unique((std::mem::discriminant(screen), question, exam_question))
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
    use crate::core::question::Response;

    #[test]
    fn a_save_that_cannot_be_opened_is_said_in_chinese() {
        let path = PathBuf::from("/data/tabula.sqlite3");
        let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
        let errors = [
            SaveError::Db { path: path.clone(), source: crate::core::save::db::DbError::Sqlite(full) },
            SaveError::Io {
                path: path.clone(),
                op: "read",
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            SaveError::Locked(PathBuf::from("/data")),
            SaveError::Refused { path: path.clone(), reason: Refusal::NotPlainFile },
            SaveError::Refused { path: path.clone(), reason: Refusal::Newer { found: 9, reads: 2 } },
        ];
        for error in errors {
            let zh = refusal(&error, Lang::Zh);
            let english: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|word| word.len() >= 2 && !["data", "tabula", "sqlite", "Tabula"].contains(word))
                .collect();
            assert!(english.is_empty(), "{zh}: {english:?}");
        }
    }

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
