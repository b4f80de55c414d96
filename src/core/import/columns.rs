//! Which column holds what: header names recognised in several languages,
//! `--columns` chosen by name or number, and whether a first row is a header
//! at all.

use super::ImportError;
use super::message::ImportProblem;
use super::sheet::Row;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Front,
    Back,
    /// A reading or pronunciation, added to the answer.
    Reading,
    Accepted,
    Category,
    Item,
    Detail,
    Id,
    Guid,
    Tags,
    /// Anki's note type or deck columns: bookkeeping, never material.
    Bookkeeping,
}

/// Header names, lower-cased, for each role.
const NAMES: [(Role, &[&str]); 11] = [
    (
        Role::Front,
        &[
            "front",
            "question",
            "q",
            "term",
            "word",
            "expression",
            "query",
            "prompt",
            "text 1",
            "vocab",
            "vocabulary",
            "kanji",
            "hanzi",
            "simplified",
            "问题",
            "问",
            "题目",
            "正面",
            "词语",
            "单词",
            "词",
            "汉字",
            "简体",
            "frage",
            "vorderseite",
            "begriff",
            "wort",
            "recto",
            "mot",
            "terme",
            "pregunta",
            "término",
            "termino",
            "palabra",
            "domanda",
            "termine",
            "parola",
            "pergunta",
            "palavra",
            "質問",
            "表面",
            "単語",
            "問題",
            "語彙",
            "질문",
            "앞면",
            "단어",
            "вопрос",
            "слово",
            "термин",
        ],
    ),
    (
        Role::Back,
        &[
            "back",
            "description",
            "explanation",
            "beschreibung",
            "erklärung",
            "explication",
            "explicación",
            "answer",
            "a",
            "definition",
            "meaning",
            "response",
            "translation",
            "gloss",
            "english",
            "text 2",
            "答案",
            "答",
            "回答",
            "背面",
            "释义",
            "意思",
            "解释",
            "定义",
            "翻译",
            "英文",
            "antwort",
            "rückseite",
            "bedeutung",
            "definition",
            "übersetzung",
            "englisch",
            "réponse",
            "reponse",
            "verso",
            "définition",
            "traduction",
            "sens",
            "respuesta",
            "definición",
            "significado",
            "traducción",
            "risposta",
            "definizione",
            "significato",
            "traduzione",
            "resposta",
            "tradução",
            "答え",
            "意味",
            "裏面",
            "解答",
            "英語",
            "답",
            "답변",
            "뒷면",
            "뜻",
            "의미",
            "ответ",
            "определение",
            "перевод",
            "значение",
        ],
    ),
    (
        Role::Reading,
        &[
            "reading",
            "pinyin",
            "pronunciation",
            "romanization",
            "romaji",
            "kana",
            "furigana",
            "拼音",
            "读音",
            "発音",
            "読み",
            "読み方",
            "발음",
            "aussprache",
            "prononciation",
            "pronunciación",
        ],
    ),
    (Role::Accepted, &["accepted", "alternatives", "accepted answers", "可接受答案", "备选答案"]),
    (
        Role::Category,
        &[
            "category",
            "list",
            "group",
            "类别",
            "分类",
            "列表",
            "kategorie",
            "catégorie",
            "categoría",
            "カテゴリ",
            "분류",
        ],
    ),
    (Role::Item, &["item", "条目", "项目", "要点", "eintrag", "élément", "elemento", "項目", "항목"]),
    (Role::Detail, &["detail", "details", "详情", "说明", "note", "notes", "extra", "back extra"]),
    (Role::Id, &["id", "编号", "identifier"]),
    (Role::Guid, &["guid", "note id", "noteid", "anki guid"]),
    (Role::Tags, &["tags", "tag", "标签", "标记", "schlagwörter", "étiquettes", "etiquetas", "タグ", "태그"]),
    (Role::Bookkeeping, &["notetype", "note type", "deck", "model"]),
];

/// The role a header name names, if any.
#[must_use]
pub fn role_of(name: &str) -> Option<Role> {
    let name = name.trim().trim_start_matches('\u{feff}').to_lowercase();
    NAMES.iter().find(|(_, names)| names.contains(&name.as_str())).map(|(role, _)| *role)
}

/// Whether a first row is a header by its names: at least one cell names
/// material or an id (`tags` or `deck` alone could be words of a list).
#[must_use]
pub fn recognised(header: &Row) -> bool {
    header
        .cells
        .iter()
        .filter_map(|cell| role_of(cell))
        .any(|role| matches!(role, Role::Front | Role::Back | Role::Category | Role::Item | Role::Id | Role::Guid))
}

/// Longest text a header cell of unknown names may have.
const HEADER_CELL_CHARS: usize = 40;

/// Whether an unrecognised first row reads as a header over the rows below:
/// its cells all filled, short, different from each other,
/// none found again in its column; and over a column of numbers, or not
/// written like the rows below where their columns mix scripts (a list of
/// 汉字, pinyin and English has no header by guess).
#[must_use]
pub fn looks_like_header(first: &Row, body: &[Row]) -> bool {
    let cells: Vec<&str> = first.cells.iter().map(|cell| cell.trim()).collect();
    let filled = cells.iter().all(|cell| !cell.is_empty() && cell.chars().count() <= HEADER_CELL_CHARS);
    let distinct = cells.iter().enumerate().all(|(i, cell)| !cells[..i].contains(cell));
    if !(filled && distinct) {
        return false;
    }
    let sample = &body[..body.len().min(200)];
    if (0..cells.len()).any(|column| sample.iter().any(|row| row.cell(column).trim() == cells[column])) {
        return false;
    }
    // A column of numbers under a word: the surest sign of a header.
    let numeric = |text: &str| !text.trim().is_empty() && text.trim().parse::<f64>().is_ok();
    if (0..cells.len()).any(|column| sample.iter().filter(|row| numeric(row.cell(column))).count() * 2 > sample.len()) {
        return true;
    }
    // A row of words in the scripts of the columns below it, where those
    // differ (汉字, then pinyin, then English), is one more word.
    let latin = |text: &str| text.chars().filter(|c| c.is_alphabetic()).all(|c| u32::from(c) < 0x250);
    let body_latin: Vec<bool> = (0..cells.len())
        .map(|column| sample.iter().filter(|row| latin(row.cell(column))).count() * 2 >= sample.len())
        .collect();
    let mixed = body_latin.iter().any(|is_latin| *is_latin) && body_latin.iter().any(|is_latin| !is_latin);
    let same_scripts = cells.iter().zip(&body_latin).all(|(cell, is_latin)| latin(cell) == *is_latin);
    !(mixed && same_scripts)
}

/// A column chosen with `--columns`: a header name or a 1-based number.
pub fn choose(spec: &str, header: Option<&Row>, width: usize) -> Result<Vec<usize>, ImportError> {
    let mut chosen = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        let by_name = header.and_then(|row| row.cells.iter().position(|cell| cell.trim().eq_ignore_ascii_case(part)));
        let column = match (by_name, part.parse::<usize>()) {
            (Some(column), _) => column,
            (None, Ok(number)) if (1..=width).contains(&number) => number - 1,
            _ => {
                return Err(ImportError::at(
                    header.map_or(1, |row| row.line),
                    ImportProblem::NoSuchColumn { part: part.to_owned(), header: header.map(Row::owned_cells), width },
                ));
            }
        };
        chosen.push(column);
    }
    if chosen.is_empty() {
        return Err(ImportError::at(1, ImportProblem::NoColumnsNamed));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(cells: &[&'a str]) -> Row<'a> {
        Row { line: 1, cells: cells.iter().map(|cell| std::borrow::Cow::Borrowed(*cell)).collect() }
    }

    #[test]
    fn header_names_in_several_languages() {
        for (name, role) in [
            ("Front", Role::Front),
            ("query", Role::Front),
            ("问题", Role::Front),
            ("Text 2", Role::Back),
            ("Antwort", Role::Back),
            ("答案", Role::Back),
            ("GUID", Role::Guid),
            ("tags", Role::Tags),
            ("reading", Role::Reading),
        ] {
            assert_eq!(role_of(name), Some(role), "{name}");
        }
        assert!(recognised(&row(&["expression", "reading", "meaning", "tags", "guid"])));
        assert!(recognised(&row(&["id", "区别基础", "社交媒体营销"])), "an id column names a header");
        assert!(!recognised(&row(&["tags", "deck"])));
    }

    #[test]
    fn a_word_list_has_no_header_by_guess() {
        let body = [row(&["癌症", "ai2zheng4", "cancer"]), row(&["爱戴", "ai4dai4", "love and respect"])];
        assert!(
            !looks_like_header(&row(&["挨", "ai1", "get close to"]), &body),
            "汉字, pinyin, English: one more word"
        );
        assert!(looks_like_header(&row(&["aspect", "subject 1", "subject 2"]), &[row(&["first", "fact 1", "fact 2"])]));
        assert!(!looks_like_header(&row(&["爱", "ài", "love"]), &body), "汉字 over 汉字 is data");
        let body = [row(&["阿德利企鹅", "托尔森岛", "39.1"]), row(&["阿德利企鹅", "比斯科群岛", "40.3"])];
        assert!(looks_like_header(&row(&["物种", "岛屿", "喙的长度"]), &body), "numbers under words");
        let body = [row(&["Albania", "Tirana", "countryCapital"])];
        assert!(looks_like_header(&row(&["country", "capital", "type"]), &body));
        let body = [row(&["abolir", "to abolish"])];
        assert!(!looks_like_header(
            &row(&["abaisser", "to lower/humiliate/(cookery) roll [sth] out/(cookery)"]),
            &body
        ));
    }

    #[test]
    fn columns_by_name_or_number() {
        let header = row(&["expression", "reading", "meaning"]);
        assert_eq!(choose("expression, meaning", Some(&header), 3), Ok(vec![0, 2]));
        assert_eq!(choose("1,3", None, 3), Ok(vec![0, 2]));
        let error = choose("kanji", Some(&header), 3).expect_err("no such column");
        assert!(error.to_string().contains("`expression`, `reading` and `meaning`"), "{error}");
    }
}
