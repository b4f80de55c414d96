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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the shipped decks and the interface's source use.
    fn characters_used() -> std::collections::BTreeSet<char> {
        let mut texts: Vec<String> =
            crate::core::builtin::BUILTIN_DECKS.iter().map(|(_, text)| (*text).to_owned()).collect();
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src/ui") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    texts.push(std::fs::read_to_string(&path).expect("source"));
                }
            }
        }
        texts.iter().flat_map(|text| text.chars()).filter(|c| !c.is_ascii() && !c.is_whitespace()).collect()
    }

    #[test]
    fn the_bundled_font_covers_every_character_of_the_decks_and_the_interface() {
        let ctx = egui::Context::default();
        install(&ctx);
        // Fonts take effect with the next pass.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        let used = characters_used();
        let missing: String =
            ctx.fonts_mut(|fonts| used.iter().copied().filter(|c| !fonts.has_glyph(&font, *c)).collect());
        assert!(used.len() > 500, "the decks are in Chinese: {} characters", used.len());
        assert!(missing.is_empty(), "run scripts/make-cjk-subset.sh; no glyph for: {missing}");
    }
}
