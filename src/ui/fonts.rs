//! Fonts: egui's own for Latin text, then the bundled CJK subset, so Chinese
//! renders as glyphs on a machine with no Chinese font installed. Characters
//! outside the subset fall back to the system's fonts (eframe's font
//! provider), where there are any.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Sans CJK SC, cut to the common characters and every character the
/// decks and the interface use (`scripts/make-cjk-subset.sh`; SIL OFL 1.1,
/// `assets/fonts/OFL.txt`).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Subset.otf");

const CJK_NAME: &str = "noto-sans-cjk-sc-subset";

/// egui's default fonts with the CJK subset after them in both families.
#[must_use]
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(CJK_NAME.to_owned(), Arc::new(FontData::from_static(CJK_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(CJK_NAME.to_owned());
    }
    fonts
}

/// Installs the fonts in a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
