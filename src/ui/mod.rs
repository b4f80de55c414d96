//! The desktop app (eframe/egui). It draws the core's state and sends it
//! actions; every rule about cards, schedules and saves stays in `core`.

pub mod app;
pub mod browse;
pub mod exam;
pub mod fonts;
mod home;
pub mod i18n;
pub mod open_deck;
pub mod optimizer;
pub mod probe;
pub mod question_view;
pub mod session;
mod settings;
pub mod stats;
mod style;

pub use app::{Action, App, Launch, Prefs, Screen, Theme};

/// The key of the window's own settings in eframe's storage.
const PREFS_KEY: &str = "tabula-prefs";

/// The file, in the data folder, where eframe keeps the window's state.
pub const WINDOW_FILE: &str = "window.ron";

/// Prepares a context the way the window has it: the fonts, and no
/// blinking text cursor (a blinking cursor would repaint an idle window).
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    ctx.all_styles_mut(|style| {
        style.visuals.text_cursor.blink = false;
        // Text to read and study, not a tool palette: larger than egui's default.
        for (text_style, size) in [
            (egui::TextStyle::Small, 12.0),
            (egui::TextStyle::Body, 15.0),
            (egui::TextStyle::Button, 15.0),
            (egui::TextStyle::Monospace, 14.0),
            (egui::TextStyle::Heading, 22.0),
        ] {
            if let Some(font) = style.text_styles.get_mut(&text_style) {
                font.size = size;
            }
        }
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}

struct Window {
    app: App,
    probe: Option<probe::Probe>,
    /// The settings last written to eframe's storage.
    stored: Option<Prefs>,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.show(ui);
        if let Some(probe) = &mut self.probe
            && probe.after_frame(ui.ctx(), &self.app)
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // eframe saves on exit and on a timer that only runs while frames
        // are drawn; an idle window would lose a change made just before a
        // crash or a kill, so a change is written at once.
        let prefs = self.app.prefs();
        if self.stored != Some(prefs)
            && let Some(storage) = frame.storage_mut()
        {
            eframe::set_value(storage, PREFS_KEY, &prefs);
            storage.flush();
            self.stored = Some(prefs);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.app.prefs());
    }
}

/// Tabula's icon for the title bar and the task bar, drawn from the same
/// source as the desktop entry's and the Windows exe's (`assets/icon`).
fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/tabula-256.png")).ok()
}

/// Opens the window and runs until it is closed; a probe measures it and
/// closes it.
pub fn run(launch: Launch, probe: Option<probe::Probe>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Tabula")
        // The desktop entry is `tabula.desktop`: the same id lets the
        // desktop group the window under its entry and icon.
        .with_app_id("tabula")
        .with_inner_size([1100.0, 760.0])
        .with_min_inner_size([640.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        // The window's own state sits beside the save, apart from it: one
        // data folder holds everything, and `--data-dir` starts afresh.
        persistence_path: Some(launch.data_dir.join(WINDOW_FILE)),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "tabula",
        options,
        Box::new(move |creation| {
            setup_context(&creation.egui_ctx);
            let stored = creation.storage.and_then(|storage| eframe::get_value(storage, PREFS_KEY));
            let mut app = App::new(launch, stored.unwrap_or_else(Prefs::first_run));
            if probe.as_ref().is_some_and(probe::Probe::opens_study) {
                app.apply(Action::Study(Vec::new()));
            }
            Ok(Box::new(Window { app, probe, stored }))
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_app_icon_at_full_size() {
        let icon = super::window_icon().expect("the bundled icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Not egui's default: the tile's corner is transparent, its middle opaque.
        assert_eq!(icon.rgba[3], 0);
        assert_eq!(icon.rgba[(128 * 256 + 128) * 4 + 3], 255);
    }
}
