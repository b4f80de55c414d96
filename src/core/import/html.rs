//! Fields of Anki exports hold HTML: it becomes plain text here. `<br>` and
//! `<div>` become line breaks, other tags are dropped, then entities are
//! decoded — in that order, so `&lt;ROI&gt;` stays the text `<ROI>`.

/// Plain text from a field's HTML.
#[must_use]
pub fn to_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name =
            tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
        let breaks = name == "br" || (name == "div" && !text.is_empty() && !text.ends_with('\n'));
        if breaks {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    decoded.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after.find(';').filter(|end| *end <= 10).map(|end| (&after[..end], end));
        let decoded = entity.and_then(|(name, _)| match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        if let (Some(c), Some((_, end))) = (decoded, entity) {
            out.push(if c == '\u{a0}' { ' ' } else { c });
            rest = &after[end + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_breaks_and_entities() {
        assert_eq!(to_text("A<br>B<br/>C"), "A\nB\nC");
        assert_eq!(to_text("<div>one</div><div>two</div>"), "one\ntwo");
        assert_eq!(to_text("<b>bold</b>&nbsp;and&amp;more"), "bold and&more");
        assert_eq!(to_text("&lt;ROI&gt; &#20013;&#x6587;"), "<ROI> 中文");
        assert_eq!(to_text("a & b; c &unknown; 3 < 4"), "a & b; c &unknown; 3 < 4");
    }
}
