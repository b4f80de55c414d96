//! Reading spreadsheet text: the encoding (UTF-8 with or without a byte-order
//! mark, UTF-16 with one, or GB18030 as Excel writes CSV in a Chinese locale),
//! the lines before the rows (`#` comments, Pleco `//` categories, Flashcards
//! Deluxe `*` metadata), the separator, and the rows of a CSV or TSV file,
//! each with the line it starts on.

use std::borrow::Cow;

use super::ImportError;
use super::message::ImportProblem;

/// A text encoding a sheet may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    /// Parses an `--encoding` value.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16" | "utf16" | "utf-16le" | "utf16le" | "ucs-2" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// Decodes a file: the given encoding; else the one its byte-order mark
/// names; else UTF-8 where the bytes are valid UTF-8 and GB18030 otherwise.
pub fn decode(bytes: &[u8], encoding: Option<Encoding>) -> Result<Cow<'_, str>, ImportError> {
    let from_bom = if bytes.starts_with(b"\xff\xfe") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xfe\xff") {
        Some(Encoding::Utf16Be)
    } else {
        None
    };
    // UTF-8 is read in place, not copied: a copy of a big file is megabytes
    // of fresh memory, a good part of an import's time as a process.
    let text = match encoding.or(from_bom) {
        Some(Encoding::Utf8) => {
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            Cow::Borrowed(
                utf8(bytes).map_err(|error| {
                    ImportError::at(line_of_offset(bytes, error.valid_up_to()), ImportProblem::NotUtf8)
                })?,
            )
        }
        Some(utf16 @ (Encoding::Utf16Le | Encoding::Utf16Be)) => {
            let codec = if utf16 == Encoding::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let bytes = bytes.strip_prefix(b"\xff\xfe").or_else(|| bytes.strip_prefix(b"\xfe\xff")).unwrap_or(bytes);
            let (text, had_errors) = codec.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(ImportError::at(1, ImportProblem::NotUtf16));
            }
            text
        }
        Some(Encoding::Gb18030) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(ImportError::at(1, ImportProblem::NotGb18030));
            }
            text
        }
        None => match utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => decode(bytes, Some(Encoding::Gb18030))
                .map_err(|_| ImportError::at(1, ImportProblem::UnknownEncoding))?,
        },
    };
    Ok(match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Cow::Owned(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => Cow::Owned(rest.to_owned()),
            None => Cow::Owned(text),
        },
    })
}

/// Bytes read as UTF-8 by simdutf8, as `std::str::from_utf8` reads them
/// but several times faster on text that is not ASCII (the std reader was a
/// fourteenth of importing a Chinese export); where they are not UTF-8, the
/// std reader says where.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].split(|byte| *byte == b'\n').count()
}

/// One row of a sheet and the line it starts on (1-based, in the file).
/// A cell is the file's own text where it needs no unquoting: copying every
/// cell was a good part of an import's memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub line: usize,
    pub cells: Vec<Cow<'a, str>>,
}

impl Row<'_> {
    /// A row whose every cell is empty.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }

    /// The cells as strings of their own, for a message.
    #[must_use]
    pub fn owned_cells(&self) -> Vec<String> {
        self.cells.iter().map(|cell| cell.clone().into_owned()).collect()
    }

    /// A cell, or "" past the end of a short row.
    #[must_use]
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |cell| cell.as_ref())
    }
}

/// Lines that hold no row, blanked out before the rows are read so that
/// every row keeps its line number.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Preamble {
    /// `#` lines at the top: comments, or Anki's `#key:value` headers.
    pub comments: usize,
    /// Pleco's `//category` lines, anywhere in the file.
    pub categories: usize,
    /// Flashcards Deluxe `*<TAB>key<TAB>value` lines at the top.
    pub metadata: usize,
    /// The first `//` line's text.
    pub first_category: Option<String>,
    /// Flashcards Deluxe's `*<TAB>name<TAB>…`: the deck's title.
    pub name: Option<String>,
}

/// The text of a sheet's rows, after its preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body<'a> {
    /// The text, preamble lines blanked (or cut off above it).
    pub text: Cow<'a, str>,
    /// The file's lines above `text`: every line number read in it is this
    /// many lines further down the file.
    pub lines_before: usize,
}

impl Body<'_> {
    /// The rows of the text ([`rows`]), each at its line in the file.
    pub fn rows(&self, separator: &Separator) -> Result<Vec<Row<'_>>, ImportError> {
        match rows(&self.text, separator) {
            Ok(mut rows) => {
                for row in &mut rows {
                    row.line += self.lines_before;
                }
                Ok(rows)
            }
            Err(error) => Err(ImportError::at(error.line + self.lines_before, error.problem)),
        }
    }
}

/// Blanks out the lines that hold no row; returns the text left and what was
/// blanked. `//` lines count as categories only where the file begins with
/// one (Pleco, Skritter): elsewhere `//` may start a cell's text.
#[must_use]
pub fn strip_preamble(text: &str) -> (Body<'_>, Preamble) {
    let mut preamble = Preamble::default();
    let pleco = text.lines().find(|line| !line.trim().is_empty()).is_some_and(|line| line.starts_with("//"));
    let mut at_top = true;
    // Where the lines above the first row are preamble or empty, ending
    // as the rows' reader takes a line's end, the rows are read from the
    // rest of the text as it is, their lines counted from there: blanked
    // lines hold no row, so reading them changes nothing, and the file is
    // not copied (megabytes of fresh memory for a big export).
    let mut cuttable = !pleco;
    let mut out = String::new();
    let mut offset = 0;
    for (lines_before, line) in text.split_inclusive('\n').enumerate() {
        if !at_top && !pleco {
            // Past the top, only Pleco's categories are preamble.
            out.push_str(&text[offset..]);
            break;
        }
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        let skip = if pleco && content.starts_with("//") {
            preamble.categories += 1;
            if preamble.first_category.is_none() {
                preamble.first_category = Some(content.trim_start_matches('/').trim().to_owned());
            }
            true
        } else if at_top && content.starts_with('#') {
            preamble.comments += 1;
            true
        } else if at_top && (content.starts_with("*\t") || content == "*") {
            preamble.metadata += 1;
            if let Some(name) = content.strip_prefix("*\tname\t") {
                preamble.name = Some(name.trim().to_owned()).filter(|name| !name.is_empty());
            }
            true
        } else {
            if !content.trim().is_empty() {
                at_top = false;
                // A byte-order mark starting the text is read as one by
                // the rows' reader, not as a cell's first character.
                if cuttable && (lines_before == 0 || !content.starts_with('\u{feff}')) {
                    return (Body { text: Cow::Borrowed(&text[start..]), lines_before }, preamble);
                }
            }
            false
        };
        cuttable &= (skip || content.is_empty()) && matches!(ending, "\n" | "\r\n");
        if !skip {
            out.push_str(content);
        }
        out.push_str(ending);
    }
    (Body { text: Cow::Owned(out), lines_before: 0 }, preamble)
}

/// How cells are separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Separator {
    /// One byte, with CSV quoting.
    Byte(u8),
    /// Several characters (Quizlet's custom separators such as `/////`),
    /// without quoting: such exports are never quoted.
    Text(String),
}

impl Separator {
    /// Parses a `--separator` value.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Separator> {
        match name {
            "" => None,
            "\\t" | "tab" => Some(Separator::Byte(b'\t')),
            "comma" => Some(Separator::Byte(b',')),
            "semicolon" => Some(Separator::Byte(b';')),
            "pipe" => Some(Separator::Byte(b'|')),
            "space" => Some(Separator::Byte(b' ')),
            "colon" => Some(Separator::Byte(b':')),
            text if text.len() == 1 => text.bytes().next().map(Separator::Byte),
            text => Some(Separator::Text(text.to_owned())),
        }
    }

    /// How the summary names it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Separator::Byte(b'\t') => "tab".to_owned(),
            Separator::Byte(byte) => format!("`{}`", char::from(*byte)),
            Separator::Text(text) => format!("`{text}`"),
        }
    }
}

/// How many lines the separator is guessed from.
const SNIFF_LINES: usize = 200;

/// The separator a sheet most likely uses, judged over its first lines:
/// a run of punctuation found once on nearly every line (Quizlet's `/////`),
/// else the one of tab, comma, semicolon and pipe that splits the most rows
/// into the same number of cells, quotes respected.
#[must_use]
pub fn guess_separator(text: &str) -> Separator {
    let sample: Vec<&str> = text.lines().filter(|line| !line.trim().is_empty()).take(SNIFF_LINES).collect();
    if let Some(run) = repeated_run(&sample) {
        return Separator::Text(run);
    }
    let sample_text = sample.join("\n");
    let mut best = (Separator::Byte(b','), 0.0);
    for byte in [b'\t', b',', b';', b'|'] {
        let counts: Vec<usize> = read_records(&sample_text, byte).map(|record| record.len()).collect();
        let Some((width, agreeing)) = mode(&counts) else { continue };
        if width < 2 {
            continue;
        }
        let consistency = agreeing as f64 / counts.len() as f64;
        // Ties go to the earlier candidate: a tab is rarely text.
        if consistency > best.1 + 1e-9 {
            best = (Separator::Byte(byte), consistency);
        }
    }
    best.0
}

/// A run of two or more of the same punctuation character that appears
/// exactly once on at least nine lines in ten, where no line has a tab.
fn repeated_run(sample: &[&str]) -> Option<String> {
    if sample.len() < 2 || sample.iter().any(|line| line.contains('\t')) {
        return None;
    }
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for line in sample {
        let mut runs: Vec<String> = Vec::new();
        let chars: Vec<char> = line.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            let c = chars[start];
            let mut end = start + 1;
            while end < chars.len() && chars[end] == c {
                end += 1;
            }
            // A separator has text on both sides; `,,,` ending a CSV row is empty cells.
            let inside = start > 0 && end < chars.len();
            if end - start >= 2
                && inside
                && c.is_ascii_punctuation()
                && !matches!(c, '"' | '.' | '-' | '\'' | '(' | ')' | ',' | ';')
            {
                runs.push(chars[start..end].iter().collect());
            }
            start = end;
        }
        runs.sort();
        let once: Vec<&String> =
            runs.iter().filter(|run| runs.iter().filter(|other| other == run).count() == 1).collect();
        for run in once {
            *counts.entry(run.clone()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, lines)| lines * 10 >= sample.len() * 9)
        .max_by_key(|(_, lines)| *lines)
        .map(|(run, _)| run)
}

/// The most common value and how often it occurs.
fn mode(values: &[usize]) -> Option<(usize, usize)> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for value in values {
        *counts.entry(*value).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(value, count)| (*count, *value))
}

fn read_records(text: &str, separator: u8) -> impl Iterator<Item = csv::StringRecord> + '_ {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes())
        .into_records()
        .filter_map(Result::ok)
}

/// Splits sheet text into rows. With a one-byte separator the `csv` crate
/// reads it (RFC 4180: quoted fields may hold separators, doubled quotes and
/// line breaks; rows may differ in length); a longer separator splits each
/// line as it stands. Blank lines hold no row.
pub fn rows<'a>(text: &'a str, separator: &Separator) -> Result<Vec<Row<'a>>, ImportError> {
    match separator {
        Separator::Text(separator) => Ok(text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| Row {
                line: index + 1,
                cells: line.split(separator.as_str()).map(Cow::Borrowed).collect(),
            })
            .collect()),
        Separator::Byte(byte) if is_unquoted(text, *byte) => Ok(unquoted_rows(text, *byte)),
        Separator::Byte(byte) => csv_rows(text, *byte),
    }
}

/// Whether the csv reader would read a text as lines split at a separator:
/// no quote, no carriage return but before a new line, no byte-order mark
/// at the start, a separator of one ASCII character that is none of these.
fn is_unquoted(text: &str, separator: u8) -> bool {
    let bytes = text.as_bytes();
    separator.is_ascii()
        && !matches!(separator, b'"' | b'\r' | b'\n')
        && !text.starts_with('\u{feff}')
        && !bytes.contains(&b'"')
        && bytes.iter().enumerate().all(|(at, byte)| *byte != b'\r' || bytes.get(at + 1) == Some(&b'\n'))
}

/// The rows of a text [`is_unquoted`] holds, as the csv reader reads them
/// (empty lines skipped, rows as ragged as written), without its machinery:
/// most of reading an export's rows. Separators and line ends are found in
/// one pass (memchr2) rather than lines first and then cells in each.
fn unquoted_rows(text: &str, separator: u8) -> Vec<Row<'_>> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut line = 1;
    let mut cell_start = 0;
    for at in memchr::memchr2_iter(separator, b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line_ends = bytes.get(at).is_none_or(|byte| *byte == b'\n');
        let cell = text.get(cell_start..at).unwrap_or_default();
        cells.push(Cow::Borrowed(if line_ends { cell.strip_suffix('\r').unwrap_or(cell) } else { cell }));
        cell_start = at + 1;
        if line_ends {
            let width = cells.len();
            if width == 1 && cells[0].is_empty() {
                cells.clear();
            } else {
                rows.push(Row { line, cells: std::mem::replace(&mut cells, Vec::with_capacity(width)) });
            }
            line += 1;
        }
    }
    rows
}

/// The rows of a CSV text, by the csv crate.
fn csv_rows(text: &str, byte: u8) -> Result<Vec<Row<'static>>, ImportError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(byte).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The reader's own line count skips blank lines and line breaks
    // inside quotes; lines are counted here from the byte offset.
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, csv::Position::byte));
                rows.push(Row { line, cells: record.iter().map(|cell| Cow::Owned(cell.to_owned())).collect() });
            }
            Err(error) => {
                let line = lines.line_at(error.position().map_or(0, csv::Position::byte));
                return Err(ImportError::at(line, ImportProblem::Unreadable { detail: error.to_string() }));
            }
        }
    }
    Ok(rows)
}

/// Line numbers of byte offsets that only grow, in one pass over the text.
struct LineCounter<'t> {
    bytes: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 }
    }

    // One pass over bytes already in memory: a crate to count them faster is not worth its weight.
    #[allow(clippy::naive_bytecount)]
    fn line_at(&mut self, byte: u64) -> usize {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        // A record's position is where the reader started looking: before
        // the blank lines it skipped.
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.offset {
            self.line += self.bytes[self.offset..target].iter().filter(|b| **b == b'\n').count();
            self.offset = target;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_crlf_and_line_numbers() {
        let text = "name,text\r\n\"a, b\",\"say \"\"hi\"\"\nthen go\"\r\nc,d\r\n";
        let rows = rows(text, &Separator::Byte(b',')).expect("rows");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells, vec!["a, b", "say \"hi\"\nthen go"]);
        assert_eq!(rows[2].line, 4);
    }

    /// Pieces of sheets, quoted and not, with every kind of line break.
    const PIECES: [&str; 16] =
        ["a", "中文", "b c", ",", "\t", ";", "|", "\n", "\r\n", "\r", " ", "\"", "\u{feff}", "\n\n", ",,", "\t\n"];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Rows read without the csv reader are the rows it reads, lines and all.
        #[test]
        fn unquoted_rows_are_the_csv_readers(pieces in proptest::collection::vec(0..PIECES.len(), 0..24), separator in 0..4usize) {
            let text: String = pieces.iter().map(|index| PIECES[*index]).collect();
            let separator = [b',', b'\t', b';', b'|'][separator];
            if is_unquoted(&text, separator) {
                proptest::prop_assert_eq!(Ok(unquoted_rows(&text, separator)), csv_rows(&text, separator), "{:?}", text);
            }
        }
    }

    #[test]
    fn exports_without_quotes_skip_the_csv_reader() {
        let export = "\n\n\n\n爱\tài\r\n\n八\tbā\tx\n";
        assert!(is_unquoted(export, b'\t'));
        assert_eq!(Ok(unquoted_rows(export, b'\t')), csv_rows(export, b'\t'));
        assert!(!is_unquoted("a,\"b\"\n", b','));
        assert!(!is_unquoted("a,b\rc,d\n", b','));
    }

    #[test]
    fn blank_lines_keep_line_numbers_and_rows_may_be_ragged() {
        let rows = rows("a,b\n\nc,d,e", &Separator::Byte(b',')).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].cells.len(), 3);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xef\xbb\xbfabc", None).expect("utf-8"), "abc");
        let (gb, _, _) = encoding_rs::GB18030.encode("社交媒体营销,数字营销");
        assert_eq!(decode(&gb, None).expect("gb18030"), "社交媒体营销,数字营销");
        assert!(decode(&gb, Some(Encoding::Utf8)).is_err());
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("爱\tài\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, None).expect("utf-16"), "爱\tài\r\n");
        assert_eq!(decode(&utf16, Some(Encoding::Utf16Le)).expect("utf-16"), "爱\tài\r\n");
        assert_eq!(Encoding::from_name("UTF-16"), Some(Encoding::Utf16Le));
    }

    #[test]
    fn separators_are_judged_over_many_lines() {
        assert_eq!(guess_separator("a\tb\nc\td"), Separator::Byte(b'\t'));
        // The first line has more commas than semicolons; the file is semicolon-separated.
        let text = "Frage;Antwort, kurz\nA;B, C, D\nE;F\nG;H, I\n";
        assert_eq!(guess_separator(text), Separator::Byte(b';'));
        assert_eq!(guess_separator("a,b\nc,d"), Separator::Byte(b','));
        assert_eq!(guess_separator("x,\"a;b;c\"\ny,\"d;e\"\n"), Separator::Byte(b','), "quotes respected");
        let quizlet = "a bad apple/////a trouble maker\nfat chance/////no chance, a/b\n";
        assert_eq!(guess_separator(quizlet), Separator::Text("/////".into()));
        let rows = rows(quizlet, &Separator::Text("/////".into())).expect("rows");
        assert_eq!(rows[1].cells, vec!["fat chance", "no chance, a/b"]);
    }

    proptest::proptest! {
        /// simdutf8 takes and refuses what the std reader does.
        #[test]
        fn utf8_is_read_as_std_reads_it(bytes in proptest::collection::vec(proptest::sample::select(vec![
            b'a', b'\n', 0x00, 0x7f, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xe4, 0xe9, 0xed, 0xa0, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
        ]), 0..64), text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(utf8(&bytes), std::str::from_utf8(&bytes));
            let mut long = text.repeat(8).into_bytes();
            proptest::prop_assert_eq!(utf8(&long), std::str::from_utf8(&long));
            long.extend_from_slice(&bytes);
            proptest::prop_assert_eq!(utf8(&long), std::str::from_utf8(&long));
        }
    }

    #[test]
    fn preambles_are_blanked_keeping_line_numbers() {
        let (body, preamble) = strip_preamble("//HSK/Level 1\n爱\tài\n//HSK/Level 2\n八\tbā\n");
        assert_eq!((body.text.as_ref(), body.lines_before), ("\n爱\tài\n\n八\tbā\n", 0));
        assert_eq!(preamble.categories, 2);
        assert_eq!(preamble.first_category.as_deref(), Some("HSK/Level 1"));
        let (body, preamble) = strip_preamble("*\tname\tDeck\n*\tauthor\tMe\nText 1\tText 2\n");
        assert_eq!((body.text.as_ref(), body.lines_before), ("Text 1\tText 2\n", 2), "cut, not copied");
        assert_eq!(preamble.metadata, 2);
        assert_eq!(preamble.name.as_deref(), Some("Deck"));
        let (body, preamble) = strip_preamble("# words\n#more\na,b\n#c,d\n");
        assert_eq!((body.text.as_ref(), body.lines_before), ("a,b\n#c,d\n", 2), "only the top lines are comments");
        assert_eq!(preamble.comments, 2);
        let (body, _) = strip_preamble("# words\n \na,b\n");
        assert_eq!((body.text.as_ref(), body.lines_before), ("\n \na,b\n", 0), "a blank row is kept to be counted");
    }

    /// The blanking of preamble lines before texts were cut: each preamble
    /// line kept as its line ending, the rest as written.
    fn blanked(text: &str) -> String {
        let pleco = text.lines().find(|line| !line.trim().is_empty()).is_some_and(|line| line.starts_with("//"));
        let mut at_top = true;
        let mut out = String::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if !at_top && !pleco {
                out.push_str(&text[offset..]);
                break;
            }
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let skip = (pleco && content.starts_with("//"))
                || (at_top && (content.starts_with('#') || content.starts_with("*\t") || content == "*"));
            if !skip && !content.trim().is_empty() {
                at_top = false;
            }
            if !skip {
                out.push_str(content);
            }
            out.push_str(&line[content.len()..]);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// A body cut above its first row reads as the blanked text read:
        /// the same rows at the same lines, the same separator guessed.
        #[test]
        fn cut_bodies_read_as_blanked_ones(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "#separator:tab", "#html:false", "*\tname\tDeck", "*", "//HSK", "", " ", "\t", "\r", "\u{feff}",
            "a\tb", "爱\tài", "x,y", "\"q\"", "#", "\n", "\r\n", "\n", "\n",
        ]), 0..24)) {
            let text: String = pieces.concat();
            let (body, _) = strip_preamble(&text);
            let old = blanked(&text);
            proptest::prop_assert_eq!(guess_separator(&body.text), guess_separator(&old), "{:?}", text);
            for separator in [Separator::Byte(b'\t'), Separator::Byte(b','), Separator::Text("//".to_owned())] {
                proptest::prop_assert_eq!(body.rows(&separator), rows(&old, &separator), "{:?}", text);
            }
        }
    }
}
