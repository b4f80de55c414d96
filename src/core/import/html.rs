//! Fields that hold HTML (Anki exports, sheets written from web pages)
//! become plain text here, parsed by html5ever through `scraper` as a browser
//! would: block elements (`p`, `div`, `li`, `tr`, headings, `br`) are line
//! breaks, white space runs collapse, entities are decoded, media counted.
//! Fields without markup get their entities decoded and spaces collapsed
//! the same way, so that no `&nbsp;` reaches a deck.
//!
//! Most fields are plain text or a few simple tags (`<b>`, `<br>`, `<div>`,
//! `&nbsp;`): those are read by a small reader of their own, which gives
//! exactly what the parse would (a differential test holds it to that) and
//! hands anything it is not sure of to the parse: a full HTML5 parse per
//! field was most of an import's time.

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
    let (html, sounds) = without_sounds(html);
    let mut out = Writer::default();
    let media = if let Some(media) = simple_html(&html, &mut out) {
        media
    } else {
        out = Writer::default();
        parsed_html(&html, &mut out)
    };
    Field { text: out.finish(), media: sounds + media }
}

/// Writes the text of HTML as parsed by html5ever; the media it refers to.
fn parsed_html(html: &str, out: &mut Writer) -> usize {
    let fragment = Html::parse_fragment(html);
    let mut media = 0;
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
    media
}

/// Elements the simple reader takes inside text: formatting and phrasing
/// elements an HTML5 parser opens and closes as written when they nest.
const INLINE: [&str; 25] = [
    "a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
];
/// Blocks the simple reader takes (each one of [`BLOCKS`]).
const SIMPLE_BLOCKS: [&str; 11] = ["div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p", "ul"];
const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Writes the text of HTML that holds only text, character references the
/// reader knows ([`reference`]), `<br>`, `<img>`, and the elements of
/// [`INLINE`] and [`SIMPLE_BLOCKS`] closed in the order they were opened, in
/// the places where an HTML5 parser builds them as written: no block inside
/// a `p`, an `li` only right inside a list, no heading right inside a
/// heading, no link inside a link. There the parse's tree is the tags as
/// written, and its text the text as written. Anything else — a comment, a
/// table, an end tag out of order, an unknown element or reference, a NUL —
/// is `None`, and the field goes to the parse. Returns the media counted.
fn simple_html(html: &str, out: &mut Writer) -> Option<usize> {
    let mut open: Vec<&'static str> = Vec::new();
    let mut media = 0;
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&', '\0']) {
        out.text(&rest[..at]);
        rest = &rest[at..];
        let bytes = rest.as_bytes();
        match bytes[0] {
            b'&' => {
                let (decoded, length) = reference(rest)?;
                out.text(decoded.encode_utf8(&mut [0; 4]));
                rest = &rest[length..];
            }
            b'<' => match bytes.get(1) {
                Some(b'/') => {
                    let (name, length) = end_tag(rest)?;
                    if open.last() != Some(&name.as_str()) {
                        return None;
                    }
                    open.pop();
                    if SIMPLE_BLOCKS.contains(&name.as_str()) {
                        out.soft_break();
                    }
                    rest = &rest[length..];
                }
                Some(next) if next.is_ascii_alphabetic() => {
                    let (name, closed, length) = start_tag(rest)?;
                    match name.as_str() {
                        "br" => out.hard_break(),
                        "img" => media += 1,
                        _ if closed => return None,
                        _ => {
                            if let Some(element) = INLINE.iter().find(|element| **element == name) {
                                if *element == "a" && open.contains(&"a") {
                                    return None;
                                }
                                open.push(element);
                            } else if let Some(block) = SIMPLE_BLOCKS.iter().find(|block| **block == name) {
                                let top = open.last().copied().unwrap_or_default();
                                let placed = !open.contains(&"p")
                                    && (*block != "li" || matches!(top, "ul" | "ol"))
                                    && !(HEADINGS.contains(block) && HEADINGS.contains(&top));
                                if !placed {
                                    return None;
                                }
                                out.soft_break();
                                open.push(block);
                            } else {
                                return None;
                            }
                        }
                    }
                    rest = &rest[length..];
                }
                Some(b'!' | b'?') => return None,
                // `<` before anything else (a space, a digit, the end) is text.
                _ => {
                    out.text("<");
                    rest = &rest[1..];
                }
            },
            // The parse drops a NUL; this reader leaves that to it.
            _ => return None,
        }
    }
    out.text(rest);
    Some(media)
}

/// HTML's white space in a tag (a carriage return is a new line by then).
fn is_tag_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// An end tag at the start of `text` (`</name>`, white space allowed before
/// the `>`): its name in lower case and its length.
fn end_tag(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let name_end = 2 + bytes[2..].iter().position(|byte| is_tag_space(*byte) || matches!(byte, b'/' | b'>'))?;
    let name = text[2..name_end].to_ascii_lowercase();
    let close = name_end + bytes[name_end..].iter().position(|byte| !is_tag_space(*byte))?;
    (!name.is_empty() && bytes[close] == b'>').then_some((name, close + 1))
}

/// A start tag at the start of `text`, its attributes read as HTML's
/// tokenizer reads them (and left): its name in lower case, whether it ends
/// in `/>`, and its length. `None` where the tag does not end, or a `/` or
/// `=` stands where the tokenizer would take it otherwise than as written.
fn start_tag(text: &str) -> Option<(String, bool, usize)> {
    let bytes = text.as_bytes();
    let name_end = 1 + bytes[1..].iter().position(|byte| is_tag_space(*byte) || matches!(byte, b'/' | b'>'))?;
    let name = text[1..name_end].to_ascii_lowercase();
    let mut at = name_end;
    loop {
        while is_tag_space(*bytes.get(at)?) {
            at += 1;
        }
        match bytes[at] {
            b'>' => return Some((name, false, at + 1)),
            b'/' => return (bytes.get(at + 1) == Some(&b'>')).then_some((name, true, at + 2)),
            b'=' => return None,
            _ => {}
        }
        // An attribute's name, then perhaps `=` and its value.
        at += bytes[at..].iter().position(|byte| is_tag_space(*byte) || matches!(byte, b'/' | b'>' | b'='))?;
        while is_tag_space(*bytes.get(at)?) {
            at += 1;
        }
        if bytes[at] != b'=' {
            continue;
        }
        at += 1;
        while is_tag_space(*bytes.get(at)?) {
            at += 1;
        }
        match bytes[at] {
            quote @ (b'"' | b'\'') => at += 2 + bytes[at + 1..].iter().position(|byte| *byte == quote)?,
            b'>' => {}
            _ => at += bytes[at..].iter().position(|byte| is_tag_space(*byte) || *byte == b'>')?,
        }
    }
}

/// A character reference at the start of `text` (at its `&`) the reader
/// knows, as HTML decodes it in text: the character and the reference's
/// length. A `&` before anything but a letter, a digit or `#` is itself.
/// `None` for every other reference (an unknown name, no `;`, a number HTML
/// replaces or refuses): the parse decides those.
fn reference(text: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 6] =
        [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&apos;", '\''), ("&nbsp;", '\u{a0}')];
    let bytes = text.as_bytes();
    match bytes.get(1) {
        Some(b'#') => {
            let (digits, radix) = match bytes.get(2) {
                Some(b'x' | b'X') => (&text[3..], 16),
                _ => (&text[2..], 10),
            };
            let length = digits.bytes().take_while(|byte| (*byte as char).is_digit(radix)).count();
            if length == 0 || length > 8 || digits.as_bytes().get(length) != Some(&b';') {
                return None;
            }
            let value = u32::from_str_radix(&digits[..length], radix).ok()?;
            // HTML replaces NUL, C1 controls and what is no character; keeps these as they are.
            let kept = (0x20..0x7F).contains(&value) || (value >= 0xA0 && !(0xD800..=0xDFFF).contains(&value));
            let c = char::from_u32(value).filter(|_| kept)?;
            Some((c, text.len() - digits.len() + length + 1))
        }
        Some(next) if next.is_ascii_alphanumeric() => {
            NAMED.iter().find(|(name, _)| text.starts_with(name)).map(|(name, c)| (*c, name.len()))
        }
        _ => Some(('&', 1)),
    }
}

/// Plain text from a field that is not HTML: entities decoded, `<` and `>`
/// kept as they are, line breaks kept, spaces collapsed.
#[must_use]
pub fn plain(text: &str) -> Field {
    let (text, media) = without_sounds(text);
    if !text.contains('&') {
        return Field { text: collapse_lines(&text), media };
    }
    let decoded = simple_references(&text).unwrap_or_else(|| parsed_references(&text));
    Field { text: collapse_lines(&decoded), media }
}

/// A text's character references decoded by html5ever, `<` and `>` kept.
fn parsed_references(text: &str) -> String {
    let escaped = text.replace('<', "&lt;").replace('>', "&gt;");
    Html::parse_fragment(&escaped).root_element().text().collect()
}

/// A text's character references decoded as the parse would decode them,
/// its line breaks made new lines as the parse makes them; `None` where a
/// reference is not one [`reference`] knows, or the text holds a NUL.
fn simple_references(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['&', '\r', '\0']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.as_bytes()[0] {
            b'&' => {
                let (decoded, length) = reference(rest)?;
                out.push(decoded);
                rest = &rest[length..];
            }
            b'\r' => {
                out.push('\n');
                rest = rest.strip_prefix("\r\n").unwrap_or(&rest[1..]);
            }
            _ => return None,
        }
    }
    out.push_str(rest);
    Some(out)
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

/// Whether a byte may start a character [`Writer::text`] takes apart: ASCII
/// white space and controls, and the first bytes in UTF-8 of U+0080–U+00BF
/// (C1 controls, no-break space), U+1680, U+2000–U+2FFF (spaces, zero
/// widths, separators), U+3000 and U+FEFF. Every other byte (a CJK
/// character's among them) is kept without decoding its character.
fn may_be_taken(byte: u8) -> bool {
    byte <= b' ' || matches!(byte, 0x7F | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// Builds text with white space collapsed and at most one blank line in a row.
#[derive(Default)]
struct Writer {
    out: String,
    space: bool,
}

impl Writer {
    fn text(&mut self, text: &str) {
        // Control characters (ESC, NUL…) must never reach a terminal: they go
        // as white space. Zero-width characters only ever hide differences
        // between answers: they go. Runs of other characters go in whole.
        let taken = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
        };
        let bytes = text.as_bytes();
        let (mut start, mut at) = (0, 0);
        while let Some(offset) = bytes[at..].iter().position(|byte| may_be_taken(*byte)) {
            at += offset;
            let Some(c) = text[at..].chars().next() else { break };
            if taken(c) {
                self.kept(&text[start..at]);
                if c.is_whitespace() || c.is_control() {
                    self.space = true;
                }
                start = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        self.kept(&text[start..]);
    }

    /// Characters kept as they are, after a space if white space went before.
    fn kept(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(run);
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

    fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        let start = self.out.len() - self.out.trim_start().len();
        self.out.drain(..start);
        self.out
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

    /// Pieces of fields, so that random fields meet every turn of the
    /// simple reader and of the parse: first the pieces the simple reader
    /// takes on their own, then the others.
    const PIECES: [&str; 104] = [
        "a",
        "Term 7",
        "中文",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\u{a0}",
        "\u{200b}",
        "\u{1b}",
        "<",
        ">",
        "&",
        "&amp;",
        "&nbsp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&apos;",
        "&#20013;",
        "&#x4e2d;",
        "&#X41;",
        "&#xFFFE;",
        "<b>",
        "</b>",
        "<B>",
        "</B >",
        "<i>",
        "</i>",
        "<a href=\"x\">",
        "</a>",
        "<span style='a>b'>",
        "<span class=x>",
        "</span>",
        "<font color=red size=2>",
        "</font>",
        "<br>",
        "<br/>",
        "<br />",
        "<img src=\"a.png\">",
        "<img src=a.png/>",
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<h1>",
        "</h1>",
        "<h2>",
        "</h2>",
        "<3",
        "<sub>",
        "</sub>",
        "=",
        "\"",
        "'",
        "/",
        "<b a b=c>",
        "[sound:a.mp3]",
        "\0",
        "&amp",
        "&nbsp",
        "&eacute;",
        "&notin;",
        "&not",
        "&#0;",
        "&#9;",
        "&#128;",
        "&#159;",
        "&#x110000;",
        "&#65",
        "&#xD800;",
        "&#;",
        "&#x;",
        "&#0000000065;",
        "</br>",
        "<div/>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "<!-- c -->",
        "<?x>",
        "</>",
        "< b>",
        "<script>",
        "</script>",
        "<pre>",
        "<textarea>",
        "<b",
        "<span a",
        "<span a=",
        "<span a=\"",
        "<x-y>",
        "<b =x>",
        "<b a=\"x\"c>",
        "<hr>",
    ];
    const SIMPLE_PIECES: usize = 66;

    fn field_of(pieces: &[usize]) -> String {
        pieces.iter().map(|index| PIECES[*index]).collect()
    }

    fn parsed(html: &str) -> (String, usize) {
        let mut out = Writer::default();
        let media = parsed_html(html, &mut out);
        (out.finish(), media)
    }

    fn simple(html: &str) -> Option<(String, usize)> {
        let mut out = Writer::default();
        simple_html(html, &mut out).map(|media| (out.finish(), media))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// The simple reader reads what it takes exactly as the parse does.
        #[test]
        fn the_simple_reader_agrees_with_the_parse(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..16),
            simple_pieces in proptest::collection::vec(0..SIMPLE_PIECES, 0..24),
        ) {
            for field in [field_of(&pieces), field_of(&simple_pieces)] {
                if let Some(read) = simple(&field) {
                    proptest::prop_assert_eq!(read, parsed(&field), "{:?}", field);
                }
                if let Some(decoded) = simple_references(&field) {
                    proptest::prop_assert_eq!(decoded, parsed_references(&field), "{:?}", field);
                }
            }
        }
    }

    /// Fields as exports hold them are read by the simple reader, and read
    /// as the parse reads them.
    #[test]
    fn common_fields_take_the_simple_reader() {
        let fields = [
            "What is <b>term 12</b>?",
            "It is the meaning&nbsp;of term 12<br>with a second line",
            "数据安全和隐私问题",
            "<div>one</div><div>two &amp; three</div>",
            "<ul><li>ELT</li><li>50-hour oil change</li></ul>Preflight",
            "<span style=\"color: rgb(0, 0, 0);\">x</span> <img src=\"a.png\" />",
            "<p><i>a</i> &lt;b&gt; &#20013;</p><h2>c</h2>",
            "3 < 4 and 5 > 2 & 1",
        ];
        for field in fields {
            assert_eq!(simple(field), Some(parsed(field)), "{field:?}");
        }
        assert_eq!(simple_references("to&nbsp;&nbsp;cover &amp; a\r\nb"), Some("to\u{a0}\u{a0}cover & a\nb".into()));
        for other in [
            "<table><tr><td>a</td></tr></table>",
            "<p>a<div>b</div></p>",
            "a&eacute;",
            "<!-- x -->",
            "<b>a<i>b</b>c</i>",
        ] {
            assert_eq!(simple(other), None, "{other:?}");
        }
    }

    /// Every character the writer takes apart starts with a byte it looks at.
    #[test]
    fn writer_looks_at_every_character_it_takes_apart() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let taken = c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}');
            if taken {
                assert!(may_be_taken(c.encode_utf8(&mut [0; 4]).as_bytes()[0]), "{c:?}");
                let mut out = Writer::default();
                out.text(&format!("a{c}中{c}{c}b"));
                let between = if c.is_whitespace() || c.is_control() { " " } else { "" };
                assert_eq!(out.finish(), format!("a{between}中{between}b"), "{c:?}");
            }
        }
    }

    #[test]
    fn cloze_spans_of_rendered_cards() {
        let back = "Inspections <ul><li>A - <span class=\"cloze\" data-ordinal=\"1\">Annual</span></li></ul>";
        assert_eq!(cloze_spans(back), vec!["Annual"]);
    }
}
