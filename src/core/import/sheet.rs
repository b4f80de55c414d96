//! Reading spreadsheet text: the encoding (UTF-8 with or without a byte-order
//! mark, or GB18030 as Excel writes CSV in a Chinese locale) and the rows of a
//! CSV or TSV file, each with the line it starts on.

use super::ImportError;

/// A text encoding a sheet may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    /// Parses an `--encoding` value.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// Decodes a file: the given encoding, or UTF-8 where the bytes are valid
/// UTF-8 and GB18030 otherwise. A UTF-8 byte-order mark is dropped.
pub fn decode(bytes: &[u8], encoding: Option<Encoding>) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match encoding {
        Some(Encoding::Utf8) => String::from_utf8(bytes.to_vec()).map_err(|error| ImportError::Encoding {
            line: line_of_offset(bytes, error.utf8_error().valid_up_to()),
            message: "the file is not valid UTF-8 (try --encoding gb18030)".into(),
        }),
        Some(Encoding::Gb18030) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(ImportError::Encoding { line: 1, message: "the file is not valid GB18030".into() });
            }
            Ok(text.into_owned())
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => decode(bytes, Some(Encoding::Gb18030)).map_err(|_| ImportError::Encoding {
                line: 1,
                message: "the file is neither UTF-8 nor GB18030; name its encoding with --encoding".into(),
            }),
        },
    }
}

fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].split(|byte| *byte == b'\n').count()
}

/// One row of a sheet and the line it starts on (1-based, in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// A row whose every cell is empty.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

/// The separator a sheet most likely uses: a tab if the first line has one,
/// else a semicolon if it has more of those than commas, else a comma.
#[must_use]
pub fn guess_separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.contains('\t') {
        b'\t'
    } else if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Splits sheet text into rows (RFC 4180). `first_line` is the file line
/// the text starts on (after any header lines). Quoted fields may hold
/// separators, doubled quotes and line breaks; Windows line ends are
/// accepted. Blank lines come back as blank rows, so they can be reported.
pub fn rows(text: &str, separator: u8, first_line: usize) -> Result<Vec<Row>, ImportError> {
    let separator = char::from(separator);
    let mut rows = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = first_line;
    while chars.peek().is_some() {
        let start = line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut at_cell_start = true;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    return Err(ImportError::Row { line: start, message: "a quoted field is never closed".into() });
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        cell.push('\n');
                    }
                    '\r' if chars.peek() == Some(&'\n') => {}
                    other => cell.push(other),
                }
                continue;
            }
            match c {
                '"' if at_cell_start => {
                    quoted = true;
                    at_cell_start = false;
                }
                c if c == separator => {
                    cells.push(std::mem::take(&mut cell));
                    at_cell_start = true;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    break;
                }
                other => {
                    cell.push(other);
                    at_cell_start = false;
                }
            }
        }
        cells.push(cell);
        rows.push(Row { line: start, cells });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_crlf_and_line_numbers() {
        let text = "name,text\r\n\"a, b\",\"say \"\"hi\"\"\nthen go\"\r\nc,d\r\n";
        let rows = rows(text, b',', 1).expect("rows");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells, vec!["a, b", "say \"hi\"\nthen go"]);
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn blank_lines_and_unclosed_quotes() {
        let rows = rows("a,b\n\nc,d", b',', 3).expect("rows");
        assert_eq!(rows.len(), 3);
        assert!(rows[1].is_blank());
        assert_eq!(rows[2].line, 5);
        assert_eq!(
            super::rows("a,\"b\nc", b',', 1),
            Err(ImportError::Row { line: 1, message: "a quoted field is never closed".into() })
        );
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xef\xbb\xbfabc", None).expect("utf-8"), "abc");
        let (gb, _, _) = encoding_rs::GB18030.encode("社交媒体营销,数字营销");
        assert_eq!(decode(&gb, None).expect("gb18030"), "社交媒体营销,数字营销");
        assert!(decode(&gb, Some(Encoding::Utf8)).is_err());
    }

    #[test]
    fn separators() {
        assert_eq!(guess_separator("a\tb,c"), b'\t');
        assert_eq!(guess_separator("a;b;c,d"), b';');
        assert_eq!(guess_separator("a,b"), b',');
    }
}
