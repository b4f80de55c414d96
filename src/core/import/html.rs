//! Fields that hold HTML (Anki exports, sheets written from web pages)
//! become plain text here, parsed by html5ever through `scraper` as a browser
//! would: block elements (`p`, `div`, `li`, `tr`, headings, `br`) are line
//! breaks, white space runs collapse, entities are decoded, media counted.
//! Fields without markup get their entities decoded and spaces collapsed
//! the same way, so that no `&nbsp;` reaches a deck.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

/// Plain text from a field, and how many media (images, sounds, videos) it
/// referred to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Field {
    pub text: String,
    pub media: usize,
}

const BLOCKS: [&str; 27] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "tr",
    "ul",
];
const MEDIA: [&str; 6] = ["img", "audio", "video", "source", "object", "embed"];
const HIDDEN: [&str; 4] = ["script", "style", "head", "template"];

/// Tags that mark a field as HTML when no header says so.
const TELLING: [&str; 18] = [
    "<br", "<div", "<p>", "<p ", "<span", "<img", "<a href", "<b>", "<i>", "<u>", "<li", "<ul", "<ol", "<table",
    "<font", "<strong", "<em>", "<sup",
];

/// Whether a field holds HTML markup.
#[must_use]
pub fn looks_like_html(text: &str) -> bool {
    if !text.contains('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    TELLING.iter().any(|tag| lower.contains(tag)) || lower.contains("</")
}

/// Plain text from a field's HTML.
#[must_use]
pub fn to_text(html: &str) -> Field {
    let (html, mut media) = without_sounds(html);
    let fragment = Html::parse_fragment(&html);
    let mut out = Writer::default();
    let mut hidden = 0usize;
    for edge in fragment.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) if hidden == 0 => out.text(text),
                Node::Element(element) => {
                    let name = element.name();
                    if HIDDEN.contains(&name) {
                        hidden += 1;
                    } else if name == "br" {
                        out.hard_break();
                    } else if BLOCKS.contains(&name) {
                        out.soft_break();
                    } else if matches!(name, "td" | "th") {
                        out.cell();
                    } else if MEDIA.contains(&name) && name != "source" {
                        media += 1;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if HIDDEN.contains(&name) {
                        hidden = hidden.saturating_sub(1);
                    } else if BLOCKS.contains(&name) {
                        out.soft_break();
                    }
                }
            }
        }
    }
    Field { text: out.finish(), media }
}

/// Plain text from a field that is not HTML: entities decoded, `<` and `>`
/// kept as they are, line breaks kept, spaces collapsed.
#[must_use]
pub fn plain(text: &str) -> Field {
    let (text, media) = without_sounds(text);
    if !text.contains('&') {
        return Field { text: collapse_lines(&text), media };
    }
    let escaped = text.replace('<', "&lt;").replace('>', "&gt;");
    let fragment = Html::parse_fragment(&escaped);
    let decoded: String = fragment.root_element().text().collect();
    Field { text: collapse_lines(&decoded), media }
}

/// The texts of the cloze deletions Anki marks in rendered cards
/// (`<span class="cloze">`).
#[must_use]
pub fn cloze_spans(html: &str) -> Vec<String> {
    let Ok(selector) = Selector::parse(".cloze") else { return Vec::new() };
    let fragment = Html::parse_fragment(html);
    fragment
        .select(&selector)
        .map(|element| to_text(&element.inner_html()).text)
        .filter(|text| !text.is_empty())
        .collect()
}

/// Anki's `[sound:file.mp3]` references: counted, and taken out of the text.
fn without_sounds(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if !text.contains("[sound:") {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(start) = rest.find("[sound:") {
        let Some(end) = rest[start..].find(']') else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];
        count += 1;
    }
    out.push_str(rest);
    (std::borrow::Cow::Owned(out), count)
}

fn collapse_lines(text: &str) -> String {
    let mut out = Writer::default();
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.hard_break();
        }
        out.text(line);
    }
    out.finish()
}

/// Builds text with white space collapsed and at most one blank line in a row.
#[derive(Default)]
struct Writer {
    out: String,
    space: bool,
}

impl Writer {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            // Control characters (ESC, NUL…) must never reach a terminal: they go as white space.
            if c.is_whitespace() || c.is_control() {
                self.space = true;
            } else if matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}') {
                // Zero-width characters only ever hide differences between answers.
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    fn trim_end_spaces(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
        self.space = false;
    }

    /// A line break unless one is already there.
    fn soft_break(&mut self) {
        self.trim_end_spaces();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// A line break, blank lines allowed up to one.
    fn hard_break(&mut self) {
        self.trim_end_spaces();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Table cells side by side.
    fn cell(&mut self) {
        self.trim_end_spaces();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push_str(" | ");
        }
    }

    fn finish(self) -> String {
        self.out.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_text(html).text
    }

    #[test]
    fn tags_breaks_and_entities() {
        assert_eq!(text("A<br>B<br/>C"), "A\nB\nC");
        assert_eq!(text("<div>one</div><div>two</div>"), "one\ntwo");
        assert_eq!(text("<b>bold</b>&nbsp;and&amp;more"), "bold and&more");
        assert_eq!(text("&lt;ROI&gt; &#20013;&#x6587;"), "<ROI> 中文");
        assert_eq!(text("a & b; c &unknown; 3 < 4"), "a & b; c &unknown; 3 < 4");
    }

    #[test]
    fn list_items_are_lines_and_white_space_collapses() {
        assert_eq!(
            text("<ul><li>ELT</li><li>50-hour oil change</li></ul>Preflight"),
            "ELT\n50-hour oil change\nPreflight"
        );
        assert_eq!(text("(žr)\n  janjetina"), "(žr) janjetina");
        assert_eq!(
            text("<table><tr><td>meso</td><td>meat</td></tr><tr><td>riba</td><td>fish</td></tr></table>"),
            "meso | meat\nriba | fish"
        );
        assert_eq!(text("<p>a</p><script>alert(1)</script><p>b</p>"), "a\nb");
    }

    #[test]
    fn media_are_counted_and_leave_no_text() {
        let field = to_text("<img src=\"a.png\"> [sound:b.mp3] x");
        assert_eq!(field, Field { text: "x".into(), media: 2 });
        assert_eq!(plain("[sound:kost.mp3]"), Field { text: String::new(), media: 1 });
        assert_eq!(to_text("<img src=\"a.png\">").text, "");
    }

    #[test]
    fn plain_fields_decode_entities_and_keep_angle_brackets() {
        assert_eq!(plain("to&nbsp;&nbsp;cover").text, "to cover");
        assert_eq!(plain("a<b and c>d &amp; e").text, "a<b and c>d & e");
        assert_eq!(plain("line one  \n  line two\u{200b}").text, "line one\nline two");
        assert_eq!(plain("title\u{1b}]0;owned\u{7}x").text, "title ]0;owned x");
        assert!(looks_like_html("x<div>y</div>"));
        assert!(!looks_like_html("3 < 4 and 5 > 2"));
    }

    #[test]
    fn cloze_spans_of_rendered_cards() {
        let back = "Inspections <ul><li>A - <span class=\"cloze\" data-ordinal=\"1\">Annual</span></li></ul>";
        assert_eq!(cloze_spans(back), vec!["Annual"]);
    }
}
