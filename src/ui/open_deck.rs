//! "Open deck…" and dropped files: a deck file (`.ron`) or a file to import
//! (a spreadsheet, an Anki or Quizlet export) is checked and previewed, and
//! added to the user's deck folder only when the learner says so.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use egui::{RichText, Ui};

use super::i18n::Lang;
use super::style;
use crate::core::deck::Deck;
use crate::core::deck_check::{CheckedDeck, Diagnostic, MAX_DECK_BYTES, check_file, check_text};
use crate::core::generate::generate;
use crate::core::import::message::{ImportNote, SummaryLine};
use crate::core::import::{ImportError, ImportKind, ImportOptions, import};

/// The largest file an import reads: the deck files' limit, since the
/// deck written is about as large.
const MAX_IMPORT_BYTES: u64 = MAX_DECK_BYTES;

/// The dialog's width where the window has room, and its least distance
/// from the window's edges.
const DIALOG_WIDTH: f32 = 620.0;
const DIALOG_MARGIN: f32 = 16.0;
/// Room for "Check" and "Choose file…" beside the path field.
const BUTTONS_WIDTH: f32 = 200.0;

/// A checked file, ready to add.
#[derive(Debug, Clone)]
pub struct Ready {
    pub deck: Deck,
    /// The deck file to write: the author's own text for a `.ron` file.
    pub ron: String,
    pub questions: usize,
    /// The file as the learner named it, for the import's notes.
    pub file: String,
    /// How an import read the file, worded when shown.
    pub summary: Vec<SummaryLine>,
    /// The import's notes at their lines, worded when shown.
    pub notes: Vec<ImportNote>,
    /// Warnings from the check, worded when shown.
    pub warnings: Vec<Diagnostic>,
}

/// One problem of a file that cannot be added.
#[derive(Debug, Clone)]
pub enum Problem {
    /// A deck-file problem, worded in the learner's language when shown.
    Deck(Box<Diagnostic>),
    /// An import refused, worded in the learner's language when shown.
    Import { file: String, error: ImportError },
    /// A file to import over the size an import reads.
    TooLarge { file: String, limit_mib: u64 },
    /// The system could not read the file, or write the deck; `detail` is
    /// its own words.
    Io { file: String, writing: bool, kind: std::io::ErrorKind, detail: String },
}

impl Problem {
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Problem::Deck(diagnostic) => super::i18n::diagnostic(lang, diagnostic),
            Problem::Import { file, error } => super::i18n::import_error(lang, file, error),
            Problem::TooLarge { file, limit_mib } => match lang {
                Lang::En => format!("{file}: larger than {limit_mib} MiB, not read"),
                Lang::Zh => format!("{file}：文件超过 {limit_mib} MiB，不予读取"),
            },
            Problem::Io { file, writing, kind, detail } => match lang {
                Lang::En => format!("{file}: {detail}"),
                Lang::Zh => format!("{file}：{}", io_zh(*writing, *kind, detail)),
            },
        }
    }

    fn io(file: String, writing: bool, error: &std::io::Error) -> Problem {
        Problem::Io { file, writing, kind: error.kind(), detail: error.to_string() }
    }
}

/// What went wrong with a file, in Chinese; the system's own words only
/// where no kind of error says it.
pub(crate) fn io_zh(writing: bool, kind: std::io::ErrorKind, detail: &str) -> String {
    use std::io::ErrorKind;
    match (kind, writing) {
        (ErrorKind::NotFound, false) => "找不到这个文件".to_owned(),
        (ErrorKind::NotFound, true) => "找不到要写入的文件夹".to_owned(),
        (ErrorKind::PermissionDenied, false) => "没有权限读取这个文件".to_owned(),
        (ErrorKind::PermissionDenied, true) => "没有权限写入这个文件".to_owned(),
        (ErrorKind::IsADirectory, _) => "这是一个文件夹，不是文件".to_owned(),
        (ErrorKind::StorageFull, _) => "磁盘已满，无法写入".to_owned(),
        (_, false) => format!("无法读取这个文件（{detail}）"),
        (_, true) => format!("无法写入这个文件（{detail}）"),
    }
}

/// What checking a file gave.
#[derive(Debug, Clone)]
pub enum Preview {
    Ready(Box<Ready>),
    /// Every problem, each naming its place in the file.
    Failed(Vec<Problem>),
}

/// How the dialog ended this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Closed,
    /// The deck was written to the deck folder: a message saying where, and
    /// the file.
    Added(String, PathBuf),
}

/// The dialog's state.
#[derive(Default)]
pub struct OpenDeck {
    path: String,
    kind: Option<ImportKind>,
    /// `--columns` as the window says it: names or numbers, comma-separated.
    columns: String,
    /// The first row is material, not a header.
    no_header: bool,
    preview: Option<Preview>,
    picker: Option<Receiver<Option<PathBuf>>>,
    picker_failed: bool,
    /// Whether the path field has had the keyboard once.
    focused: bool,
}

impl OpenDeck {
    /// The dialog with a file already chosen (dropped on the window).
    #[must_use]
    pub fn with_path(path: &Path) -> OpenDeck {
        let mut dialog = OpenDeck { path: path.display().to_string(), ..OpenDeck::default() };
        dialog.check();
        dialog
    }

    #[must_use]
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    fn check(&mut self) {
        let path = typed_path(&self.path);
        let columns = Some(self.columns.trim()).filter(|columns| !columns.is_empty());
        self.preview = Some(check_with(&path, self.kind, columns, self.no_header));
    }

    /// Asks the system for a file on another thread, so the window keeps
    /// drawing; where there is no file dialog (a bare X server) nothing
    /// comes back and the path field is there instead.
    fn pick(&mut self, ctx: &egui::Context) {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let file = rfd::FileDialog::new()
                .add_filter("Tabula deck", &["ron"])
                .add_filter("Spreadsheet / Anki / Quizlet", &["csv", "tsv", "txt"])
                .pick_file();
            // The dialog may have been closed meanwhile: nothing to tell.
            sender.send(file).ok();
            ctx.request_repaint();
        });
        self.picker = Some(receiver);
        self.picker_failed = false;
    }

    fn poll_picker(&mut self) {
        let Some(receiver) = &self.picker else { return };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                self.picker = None;
                self.path = path.display().to_string();
                self.check();
            }
            Ok(None) | Err(TryRecvError::Disconnected) => {
                self.picker = None;
                self.picker_failed = true;
            }
            Err(TryRecvError::Empty) => {}
        }
    }

    pub fn show(&mut self, ctx: &egui::Context, lang: Lang, deck_folder: &Path) -> Outcome {
        self.poll_picker();
        let mut outcome = Outcome::Open;
        let mut open = true;
        // Never wider than the window (800×600 at 150% leaves 533 points).
        let width = DIALOG_WIDTH.min(ctx.content_rect().width() - 2.0 * DIALOG_MARGIN);
        egui::Window::new(lang.tr("Open deck", "打开题库"))
            .collapsible(false)
            .resizable(true)
            .default_width(width)
            .max_width(width)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .open(&mut open)
            .show(ctx, |ui| outcome = self.contents(ui, lang, deck_folder));
        if !open || ctx.input(|input| input.key_pressed(egui::Key::Escape)) {
            return Outcome::Closed;
        }
        outcome
    }

    fn contents(&mut self, ui: &mut Ui, lang: Lang, deck_folder: &Path) -> Outcome {
        ui.label(lang.tr(
            "A Tabula deck (.ron), or a file to import: a spreadsheet (CSV/TSV) holding a table, an FAQ or lists, an Anki text export, a Quizlet export. You can also drop a file on the window.",
            "Tabula 题库（.ron），或要导入的文件：含对比表、问答或列表的电子表格（CSV/TSV）、Anki 文本导出、Quizlet 导出。也可以把文件拖到窗口上。",
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            // The two buttons beside the field keep their room.
            let field_width = (ui.available_width() - BUTTONS_WIDTH).clamp(160.0, 360.0);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .hint_text(lang.tr("Path of the file", "文件路径"))
                    .desired_width(field_width),
            );
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            if ui.button(lang.tr("Check", "检查")).clicked() || entered {
                self.check();
            }
            let choosing = self.picker.is_some();
            if ui.add_enabled(!choosing, egui::Button::new(lang.tr("Choose file…", "选择文件…"))).clicked() {
                self.pick(ui.ctx());
            }
        });
        if self.picker.is_some() {
            ui.label(style::hint(lang.tr("Waiting for the file dialog…", "正在等待文件对话框…")));
        }
        if self.picker_failed {
            ui.label(style::hint(lang.tr(
                "No file came back from the system's file dialog (none may be available here): type the path above.",
                "系统文件对话框没有返回文件（这里可能没有可用的对话框）：请在上面输入路径。",
            )));
        }
        let is_import = !is_deck_file(&typed_path(&self.path));
        if is_import && !self.path.trim().is_empty() {
            ui.horizontal(|ui| {
                ui.label(lang.tr("Read it as", "读取为"));
                let kinds = [
                    (None, lang.tr("recognise", "自动识别")),
                    (Some(ImportKind::Table), lang.tr("table", "对比表")),
                    (Some(ImportKind::Faq), lang.tr("FAQ", "问答")),
                    (Some(ImportKind::Lists), lang.tr("lists", "列表")),
                    (Some(ImportKind::Anki), "Anki"),
                    (Some(ImportKind::Quizlet), "Quizlet"),
                ];
                for (kind, name) in kinds {
                    if ui.radio(self.kind == kind, name).clicked() {
                        self.kind = kind;
                        self.check();
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label(lang.tr("Columns", "列"));
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.columns)
                        .hint_text(lang.tr("e.g. question,answer or 1,3", "例如 问题,答案 或 1,3"))
                        .desired_width(200.0),
                );
                let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                let header = ui.checkbox(&mut self.no_header, lang.tr("First row is material", "第一行是内容"));
                if entered || header.changed() {
                    self.check();
                }
            });
        }
        ui.separator();
        self.preview_ui(ui, lang, deck_folder)
    }

    /// The checked file: its problems, or the deck and a way to add it.
    fn preview_ui(&mut self, ui: &mut Ui, lang: Lang, deck_folder: &Path) -> Outcome {
        let Some(preview) = &self.preview else { return Outcome::Open };
        let ready = match preview {
            Preview::Failed(problems) => {
                let heading = RichText::new(lang.tr("This file cannot be added:", "无法添加这个文件："));
                ui.label(heading.color(ui.visuals().error_fg_color));
                egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                    for problem in problems {
                        ui.add(egui::Label::new(RichText::new(problem.text(lang)).monospace()).wrap());
                    }
                });
                return Outcome::Open;
            }
            Preview::Ready(ready) => ready,
        };
        let deck = &ready.deck;
        ui.label(RichText::new(&deck.title).size(18.0).strong());
        ui.label(format!(
            "{} · {} {} · {} {}",
            style::kind_name(lang, deck.content.kind_name()),
            lang.tr("id", "标识"),
            deck.id,
            ready.questions,
            lang.tr("questions", "道题")
        ));
        if !ready.summary.is_empty() || !ready.notes.is_empty() || !ready.warnings.is_empty() {
            egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                for line in &ready.summary {
                    ui.add(egui::Label::new(style::hint(&super::i18n::import_summary(lang, line))).wrap());
                }
                for note in &ready.notes {
                    ui.add(egui::Label::new(style::hint(&super::i18n::import_note(lang, &ready.file, note))).wrap());
                }
                for warning in &ready.warnings {
                    ui.add(egui::Label::new(style::hint(&super::i18n::diagnostic(lang, warning))).wrap());
                }
            });
        }
        let target = deck_folder.join(format!("{}.ron", deck.id));
        ui.label(style::hint(&format!("{} {}", lang.tr("Will be saved as", "将保存为"), target.display())));
        if target.exists() {
            ui.label(style::hint(lang.tr(
                "A deck with this id is already there: it will be replaced (progress is kept by card id).",
                "已有相同标识的题库：它将被替换（学习进度按卡片标识保留）。",
            )));
        }
        ui.add_space(6.0);
        if !ui.button(RichText::new(lang.tr("Add to my decks", "添加到我的题库")).strong()).clicked() {
            return Outcome::Open;
        }
        match add(ready, &target) {
            Ok(()) => Outcome::Added(
                format!("{} “{}” → {}", lang.tr("Deck added:", "已添加题库："), deck.title, target.display()),
                target,
            ),
            Err(error) => {
                self.preview = Some(Preview::Failed(vec![Problem::io(target.display().to_string(), true, &error)]));
                Outcome::Open
            }
        }
    }
}

/// The path in the field as the learner gave it. Windows' "Copy as path"
/// wraps it in double quotes, and a path copied from a terminal may come in
/// single quotes: one pair around the whole is not part of the name.
fn typed_path(text: &str) -> PathBuf {
    let text = text.trim();
    let unquoted = ['"', '\''].into_iter().find_map(|quote| text.strip_prefix(quote)?.strip_suffix(quote));
    PathBuf::from(unquoted.unwrap_or(text))
}

/// Windows and macOS name files without regard to case: `Deck.RON` is a
/// deck file too.
fn is_deck_file(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("ron"))
}

/// Checks a deck file, or imports another file and checks the result.
#[must_use]
pub fn check(path: &Path, kind: Option<ImportKind>) -> Preview {
    check_with(path, kind, None, false)
}

/// As `check`, with the columns to read and whether the first row is a header.
#[must_use]
pub fn check_with(path: &Path, kind: Option<ImportKind>, columns: Option<&str>, no_header: bool) -> Preview {
    let name = path.display().to_string();
    let diagnostics = |diagnostics: Vec<Diagnostic>| {
        Preview::Failed(diagnostics.into_iter().map(|d| Problem::Deck(Box::new(d))).collect())
    };
    let unreadable = |name: String, error: &std::io::Error| Preview::Failed(vec![Problem::io(name, false, error)]);
    if is_deck_file(path) {
        let checked = match check_file(path) {
            Ok(checked) => checked,
            Err(problems) => return diagnostics(problems),
        };
        return match std::fs::read_to_string(path) {
            Ok(ron) => ready(checked, ron, name, Vec::new(), Vec::new()),
            Err(error) => unreadable(name, &error),
        };
    }
    let bytes = match std::fs::metadata(path) {
        Ok(metadata) if metadata.len() > MAX_IMPORT_BYTES => {
            return Preview::Failed(vec![Problem::TooLarge { file: name, limit_mib: MAX_IMPORT_BYTES / 1024 / 1024 }]);
        }
        Ok(_) => std::fs::read(path),
        Err(error) => Err(error),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return unreadable(name, &error),
    };
    let stem = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    let options =
        ImportOptions { kind, name: stem, columns: columns.map(str::to_owned), no_header, ..ImportOptions::default() };
    match import(&bytes, &options) {
        Ok(imported) => {
            let ron = imported.text;
            match check_text(&name, &ron) {
                // The same summary and per-line notes as `tabula import` prints.
                Ok(checked) => ready(checked, ron, name, imported.summary, imported.notes),
                Err(problems) => diagnostics(problems),
            }
        }
        Err(error) => Preview::Failed(vec![Problem::Import { file: name, error }]),
    }
}

fn ready(
    checked: CheckedDeck,
    ron: String,
    file: String,
    summary: Vec<SummaryLine>,
    notes: Vec<ImportNote>,
) -> Preview {
    let questions = generate(&checked.deck, 0).questions.len();
    Preview::Ready(Box::new(Ready {
        deck: checked.deck,
        ron,
        questions,
        file,
        summary,
        notes,
        warnings: checked.warnings,
    }))
}

fn add(ready: &Ready, target: &Path) -> std::io::Result<()> {
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    // Written beside the target and renamed, so a deck is never half there.
    let temporary = target.with_extension("ron.partial");
    std::fs::write(&temporary, &ready.ron)?;
    std::fs::rename(&temporary, target)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{MAX_IMPORT_BYTES, OpenDeck, Preview, check, is_deck_file, typed_path};
    use crate::ui::i18n::Lang;

    #[test]
    fn a_file_that_is_not_there_is_said_so_in_the_windows_language() {
        let folder = tempfile::tempdir().expect("temp");
        let path = folder.path().join("词表.csv");
        let Preview::Failed(problems) = check(&path, None) else { panic!("a missing file cannot be added") };
        let zh = problems[0].text(Lang::Zh);
        assert_eq!(zh, format!("{}：找不到这个文件", path.display()));
        let en = problems[0].text(Lang::En);
        assert!(en.starts_with(&format!("{}: ", path.display())) && !en.contains('找'), "{en}");
    }

    #[test]
    fn one_pair_of_quotes_around_a_typed_path_is_not_part_of_it() {
        assert_eq!(typed_path(r#" "C:\Users\Lin\My decks\faq.csv" "#), PathBuf::from(r"C:\Users\Lin\My decks\faq.csv"));
        assert_eq!(typed_path("'/home/lin/my deck.ron'"), PathBuf::from("/home/lin/my deck.ron"));
        assert_eq!(typed_path("/home/lin/deck.ron\n"), PathBuf::from("/home/lin/deck.ron"));
        // Quotes that do not enclose the whole path are the file's own.
        assert_eq!(typed_path("\"a\" and b.ron"), PathBuf::from("\"a\" and b.ron"));
        assert_eq!(typed_path("\""), PathBuf::from("\""));
    }

    #[test]
    fn a_file_is_read_up_to_the_deck_files_limit_and_no_further() {
        let folder = tempfile::tempdir().expect("temp");
        let text = |preview: &Preview| match preview {
            Preview::Failed(problems) => problems.iter().map(|problem| problem.text(Lang::En)).collect(),
            Preview::Ready(_) => String::new(),
        };
        let path = folder.path().join("big.csv");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_IMPORT_BYTES + 1).expect("grow");
        assert!(text(&super::check(&path, None)).contains("larger than 64 MiB, not read"));
        // Once the window's own limit, below the deck files': read now.
        file.set_len(17 * 1024 * 1024).expect("shrink");
        assert!(!text(&super::check(&path, None)).contains("larger than"));
    }

    #[test]
    fn a_deck_file_is_known_by_its_extension_in_any_case() {
        assert!(is_deck_file(Path::new("faq.ron")));
        assert!(is_deck_file(Path::new(r"C:\Decks\FAQ.RON")));
        assert!(!is_deck_file(Path::new("faq.csv")));
        assert!(!is_deck_file(Path::new("ron")));
    }

    #[test]
    fn a_quoted_path_to_an_upper_case_deck_file_is_checked_as_a_deck() {
        let folder = tempfile::tempdir().expect("temp");
        let path = folder.path().join("My FAQ.RON");
        std::fs::write(&path, include_str!("../../decks/smm-vs-dm-faq.ron")).expect("write");
        let mut dialog = OpenDeck { path: format!("\"{}\"", path.display()), ..OpenDeck::default() };
        dialog.check();
        match dialog.preview() {
            Some(Preview::Ready(ready)) => assert!(ready.questions > 0),
            other => panic!("expected a checked deck, got {other:?}"),
        }
    }
}
