//! An import's refusal, summary and notes in the learner's language. The
//! English is the command line's own; in Chinese the command-line flags
//! become the Open deck dialog's fields (「读取为」, 「列」, 「第一行是内容」),
//! and where the dialog has no field the learner is told what to do instead.

use std::fmt::Write as _;

use crate::core::import::ImportError;
use crate::core::import::ImportKind;
use crate::core::import::message::{
    ColumnName, ImportNote, ImportProblem, LINES_SHOWN, Note, SkipReason, SpecialColumn, SummaryLine,
};
use crate::core::import::sheet::Separator;

use super::Lang;

/// A refused import at its file and line: `file:line: message`.
#[must_use]
pub fn import_error(lang: Lang, file: &str, error: &ImportError) -> String {
    match lang {
        Lang::En => format!("{file}:{}: {}", error.line, error.problem),
        Lang::Zh => format!("{file}:{}：{}", error.line, problem_zh(&error.problem)),
    }
}

/// One line of an import's summary.
#[must_use]
pub fn import_summary(lang: Lang, line: &SummaryLine) -> String {
    match lang {
        Lang::En => line.to_string(),
        Lang::Zh => summary_zh(line),
    }
}

/// A note at its line of the file.
#[must_use]
pub fn import_note(lang: Lang, file: &str, note: &ImportNote) -> String {
    match lang {
        Lang::En => format!("{file}: {note}"),
        Lang::Zh => format!("{file}：第 {} 行：{}", note.line, note_zh(&note.note)),
    }
}

/// "第 3 行", "第 3、4、9 行", the first few of many.
fn lines_zh(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(LINES_SHOWN).map(ToString::to_string).collect();
    if lines.len() > LINES_SHOWN {
        format!("第 {} 行等，共 {} 行", shown.join("、"), lines.len())
    } else {
        format!("第 {} 行", shown.join("、"))
    }
}

fn quoted_zh(names: &[String]) -> String {
    names.iter().map(|name| format!("「{}」", name.trim())).collect::<Vec<_>>().join("、")
}

fn column_zh(column: &ColumnName) -> String {
    match column {
        ColumnName::Named(name) => format!("「{}」", name.trim()),
        ColumnName::Number(number) => format!("第 {number} 列"),
    }
}

fn columns_zh(columns: &[ColumnName]) -> String {
    columns.iter().map(column_zh).collect::<Vec<_>>().join("、")
}

fn kind_zh(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Table => "对比表",
        ImportKind::Lists => "分组列表",
        _ => "问答",
    }
}

fn separator_zh(separator: &Separator) -> String {
    match separator {
        Separator::Byte(b'\t') => "制表符".to_owned(),
        Separator::Byte(b',') => "逗号".to_owned(),
        Separator::Byte(b';') => "分号".to_owned(),
        Separator::Byte(b'|') => "竖线".to_owned(),
        Separator::Byte(b' ') => "空格".to_owned(),
        Separator::Byte(b':') => "冒号".to_owned(),
        Separator::Byte(byte) => format!("「{}」", char::from(*byte)),
        Separator::Text(text) => format!("「{text}」"),
    }
}

/// A language code as a learner knows it; codes not listed stay quoted.
fn language_zh(code: &str) -> String {
    let name = match code {
        "zh" => "中文",
        "en" => "英语",
        "ja" => "日语",
        "ko" => "韩语",
        "ru" => "俄语",
        "de" => "德语",
        "fr" => "法语",
        "es" => "西班牙语",
        _ => return format!("「{code}」"),
    };
    name.to_owned()
}

/// What to do about a headerless file whose columns cannot be told apart.
fn choices_zh(width: usize) -> String {
    format!(
        "请勾选「第一行是内容」，并在「列」中写明哪一列是问题、哪一列是答案（例如 1,2；文件有第 1 到第 {width} 列），\
         或者在文件第一行加上标题，例如「问题,答案」"
    )
}

/// Saving as UTF-8 is what a learner can do where the window has no
/// encoding field.
const SAVE_AS_UTF8: &str = "请用文本编辑器或 Excel 把它另存为 UTF-8 编码的 CSV 文件";

fn problem_zh(problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::NotUtf8 => format!("文件不是有效的 UTF-8 文本：{SAVE_AS_UTF8}"),
        ImportProblem::NotUtf16 => format!("文件开头标明是 UTF-16 编码，但内容不是有效的 UTF-16：{SAVE_AS_UTF8}"),
        ImportProblem::NotGb18030 => format!("文件不是有效的 GB18030 文本：{SAVE_AS_UTF8}"),
        ImportProblem::UnknownEncoding => {
            format!("无法识别文件的编码（既不是 UTF-8，也不是 GB18030）：{SAVE_AS_UTF8}")
        }
        ImportProblem::UnknownSeparator { value } => {
            format!("文件开头声明的分隔符「{value}」无法识别：请删掉这一行，或改用 Anki 认识的分隔符名称")
        }
        // The reader's own words have no translation; say where to look.
        ImportProblem::Unreadable { .. } => "这一行无法按表格读取：请检查其中的引号是否成对".to_owned(),
        ImportProblem::NoRows => "文件中没有任何内容行".to_owned(),
        ImportProblem::NoQuestions { skipped } => {
            let mut text = "没有可出的题：每一行都被跳过了".to_owned();
            for (reason, lines) in skipped {
                let _ = write!(text, "；{}：{}", skip_reason_zh(reason), lines_zh(lines));
            }
            text
        }
        ImportProblem::DeckId { id, .. } => {
            format!("由文件名得到的题库标识「{}」不能用作文件名：请给文件改个名字再导入", id.escape_debug())
        }
        ImportProblem::TooBig { megabytes, limit_megabytes, rows_each } => format!(
            "导入后的题库将有 {megabytes} MB，超过了一个题库最多 {limit_megabytes} MB 的上限：\
             请把文件拆成几个较小的文件（每个约 {rows_each} 行即可）"
        ),
        ImportProblem::TableNeedsHeader => "对比表需要标题行（先是方面的标题，再是各个对象）：\
             请取消勾选「第一行是内容」，或在「读取为」中选择别的类型"
            .to_owned(),
        ImportProblem::TooFewColumns { kind, minimum, names, width } => {
            let has = match names {
                Some(names) => format!("文件只有 {} 列：{}", names.len(), quoted_zh(names)),
                None => format!("文件只有 {width} 列"),
            };
            format!("{}至少需要 {minimum} 列，{has}", kind_zh(*kind))
        }
        ImportProblem::WhichColumns { names } => format!(
            "标题行是{}：哪一列是问题，哪一列是答案？请在「列」中写明（先问题、后答案，例如「{}」），\
             或在「读取为」中选择「列表」",
            quoted_zh(names),
            names.iter().map(|name| name.trim().to_owned()).take(2).collect::<Vec<_>>().join(",")
        ),
        ImportProblem::OneColumn { width } => format!("文件只有一列，没有答案。{}", choices_zh(*width)),
        ImportProblem::LongFirstColumn { width } => {
            format!("文件没有标题行，而且第一列是长段文字，不是词语；{}", choices_zh(*width))
        }
        ImportProblem::SameOnEveryRow { column, text, width } => {
            format!("文件没有标题行，而且第 {column} 列每一行都是「{text}」，所以它不是词表；{}", choices_zh(*width))
        }
        ImportProblem::EmptySubjectName { column } => format!("第 {column} 列的对象名称为空"),
        ImportProblem::DuplicateSubject { name, first, column } => {
            format!("对象「{name}」同时出现在第 {first} 列和第 {column} 列")
        }
        ImportProblem::EmptyAspect { heading } => {
            format!("「{heading}」为空：对比表的每一行都要写明它的方面")
        }
        ImportProblem::DuplicateAspect { name, heading, first, columns } => format!(
            "「{heading}」列中的「{name}」在第 {first} 行已经出现过：对比表中每个名称只占一行；\
             如果想导入为问答，请在「列」中写明两列，例如「{}」",
            columns.join(",")
        ),
        ImportProblem::TooManyCells { cells, header } => {
            format!("这一行有 {cells} 个单元格，而标题行只有 {header} 个")
        }
        ImportProblem::EmptyCell { subject } => {
            format!("「{subject}」列的单元格为空（对比表的每个单元格都要填写）")
        }
        ImportProblem::NoFields => {
            "每条笔记都需要正面和背面两个字段，但文件的每一列都是唯一标识、标签、牌组或笔记类型列".to_owned()
        }
        ImportProblem::NoSuchColumn { part, header, width } => {
            let columns = match header {
                None => format!("文件没有标题行，请用列号 1 到 {width}"),
                Some(names) => format!("文件的列是{}，也可以用列号 1 到 {width}", quoted_zh(names)),
            };
            format!("「列」中的「{part}」不是文件中的列；{columns}")
        }
        ImportProblem::NoColumnsNamed => "「列」中没有写任何列".to_owned(),
    }
}

fn skip_reason_zh(reason: &SkipReason) -> String {
    match reason {
        SkipReason::BlankRow => "所有单元格都为空的行".to_owned(),
        SkipReason::EmptyCell(Some(column)) => format!("{}为空的行", column_zh(column)),
        SkipReason::EmptyCell(None) => "有空单元格的行".to_owned(),
        SkipReason::ClozeWithoutDeletion => "没有挖空的填空笔记".to_owned(),
        SkipReason::EmptyNote => "空笔记（去掉标记后正面或背面为空）".to_owned(),
    }
}

fn special_zh(special: SpecialColumn) -> &'static str {
    match special {
        SpecialColumn::NoteType => "笔记类型",
        SpecialColumn::Deck => "牌组",
        SpecialColumn::Tags => "标签",
        SpecialColumn::Guid => "唯一标识",
    }
}

fn summary_zh(line: &SummaryLine) -> String {
    match line {
        SummaryLine::CommentLines(count) => format!("已跳过开头的 {count} 行 # 注释"),
        SummaryLine::CategoryLines(count) => format!("已跳过 {count} 行 // 类别行（Pleco）"),
        SummaryLine::MetadataLines(count) => format!("已跳过 {count} 行以 * 开头的元数据（来自抽认卡应用）"),
        SummaryLine::ReadAs { kind, header, separator, used, ignored } => {
            let mut text = format!(
                "读取为{}{}，分隔符为{}：使用的列为{}",
                kind_zh(*kind),
                if *header { "" } else { "，没有标题行" },
                separator_zh(separator),
                columns_zh(used)
            );
            if ignored.is_empty() {
                text.push_str("，没有忽略的列");
            } else {
                let _ = write!(text, "；忽略了{}（可在「列」中选择）", columns_zh(ignored));
            }
            text
        }
        SummaryLine::AnkiFields { question, answer, special } => {
            let mut text = format!("读取为 Anki 导出：第 {question} 个字段作问题，第 {answer} 个字段作答案");
            if !special.is_empty() {
                let names: Vec<String> =
                    special.iter().map(|(column, what)| format!("{}（第 {column} 列）", special_zh(*what))).collect();
                let _ = write!(text, "；{}按其用途读取", names.join("、"));
            }
            text
        }
        SummaryLine::GuidsKept => "Anki 的唯一标识保留为条目标识（含 / 或空格的已转换）".to_owned(),
        SummaryLine::AnkiColumnIgnored { column, lines } => format!(
            "第 {column} 列被忽略：它在 {} 条笔记中有文字（{}）；可在「列」中选择要读取的列",
            lines.len(),
            lines_zh(lines)
        ),
        SummaryLine::ClozeNotes(count) => {
            format!("{count} 条填空笔记：每个挖空出一道题，题目是带 […] 的句子，答案是挖去的内容")
        }
        SummaryLine::Rows { rows, entries, kind, header, skipped } => {
            let kept = match kind {
                ImportKind::Table => format!("得到对比表的 {entries} 行"),
                ImportKind::Lists => format!("得到 {entries} 个列表条目"),
                _ => format!("得到 {entries} 个问答"),
            };
            let mut text = format!("读取了 {rows} 行{}，{kept}", if *header { "（不含标题行）" } else { "" });
            if *skipped > 0 {
                let _ = write!(text, "；跳过 {skipped} 条");
            }
            text
        }
        SummaryLine::Skipped { reason, lines } => {
            format!("跳过 {} 条：{}（{}）", lines.len(), skip_reason_zh(reason), lines_zh(lines))
        }
        SummaryLine::Media { count, media_only } => {
            let mut text = format!("{count} 处媒体引用（图片、声音）没有导入：题库只保存文字");
            if !media_only.is_empty() {
                let _ = write!(text, "；只含媒体的字段现在为空（{}）", lines_zh(media_only));
            }
            text
        }
        SummaryLine::Language { language, given } => format!(
            "语言：{}{}",
            language_zh(language),
            if *given {
                ""
            } else {
                "（根据题目所用的文字判断；如有误，可在题库文件中修改）"
            }
        ),
    }
}

fn note_zh(note: &Note) -> String {
    match note {
        Note::RepeatedQuestion { question, first } => format!("问题「{question}」在第 {first} 行也出现过"),
        Note::IdRewritten { given, made, taken } => {
            let why = if *taken {
                "另一行已经用了这个标识".to_owned()
            } else {
                format!("标识不能含有 /、空白或控制字符，且最多 {} 个字符", crate::core::deck::MAX_ID_CHARS)
            };
            format!("标识「{}」改为「{made}」：{why}", given.escape_debug())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that stay as they are in Chinese: products, encodings, units.
    const KEEP: [&str; 7] = ["UTF", "GB", "CSV", "Excel", "Anki", "Pleco", "MB"];

    /// Runs of two or more ASCII letters that are not kept names, outside
    /// the 「」 that quote the file's own content.
    fn stray_words(text: &str) -> Vec<String> {
        let ours: String = text
            .split('「')
            .enumerate()
            .map(|(index, part)| if index == 0 { part } else { part.split_once('」').map_or("", |(_, after)| after) })
            .collect();
        ours.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|word| word.len() >= 2 && !KEEP.contains(word))
            .map(str::to_owned)
            .collect()
    }

    fn assert_chinese(texts: &[String]) {
        for text in texts {
            assert!(stray_words(text).is_empty(), "English words {:?} in {text}", stray_words(text));
            assert!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {text}");
        }
    }

    fn names() -> Vec<String> {
        vec!["问题".to_owned(), "答案".to_owned(), "备注".to_owned()]
    }

    #[test]
    fn every_refusal_is_worded_in_chinese() {
        let problems = vec![
            ImportProblem::NotUtf8,
            ImportProblem::NotUtf16,
            ImportProblem::NotGb18030,
            ImportProblem::UnknownEncoding,
            ImportProblem::UnknownSeparator { value: "竖线".into() },
            ImportProblem::Unreadable { detail: "CSV error: record 3".into() },
            ImportProblem::NoRows,
            ImportProblem::NoQuestions {
                skipped: vec![(SkipReason::BlankRow, vec![2, 3]), (SkipReason::EmptyNote, (1..=12).collect())],
            },
            ImportProblem::DeckId { id: "con".into(), problem: "is a name Windows reserves".into() },
            ImportProblem::TooBig { megabytes: 70, limit_megabytes: 64, rows_each: 90_000 },
            ImportProblem::TableNeedsHeader,
            ImportProblem::TooFewColumns { kind: ImportKind::Table, minimum: 3, names: Some(names()), width: 3 },
            ImportProblem::TooFewColumns { kind: ImportKind::Faq, minimum: 2, names: None, width: 1 },
            ImportProblem::WhichColumns { names: names() },
            ImportProblem::OneColumn { width: 1 },
            ImportProblem::LongFirstColumn { width: 2 },
            ImportProblem::SameOnEveryRow { column: 3, text: "教材".into(), width: 3 },
            ImportProblem::EmptySubjectName { column: 2 },
            ImportProblem::DuplicateSubject { name: "火星".into(), first: 2, column: 4 },
            ImportProblem::EmptyAspect { heading: "方面".into() },
            ImportProblem::DuplicateAspect {
                name: "玻利维亚".into(),
                heading: "国家".into(),
                first: 3,
                columns: vec!["国家".into(), "首都".into()],
            },
            ImportProblem::TooManyCells { cells: 4, header: 3 },
            ImportProblem::EmptyCell { subject: "金星".into() },
            ImportProblem::NoFields,
            ImportProblem::NoSuchColumn { part: "汉字".into(), header: Some(names()), width: 3 },
            ImportProblem::NoSuchColumn { part: "9".into(), header: None, width: 2 },
            ImportProblem::NoColumnsNamed,
        ];
        let texts: Vec<String> =
            problems.into_iter().map(|problem| import_error(Lang::Zh, "词表", &ImportError::at(4, problem))).collect();
        assert_chinese(&texts);
        assert!(texts[7].contains("第 1、2、3、4、5、6、7、8 行等，共 12 行"), "{}", texts[7]);
        assert!(texts[20].starts_with("词表:4："), "{}", texts[20]);
    }

    #[test]
    fn every_summary_line_is_worded_in_chinese() {
        let lines = vec![
            SummaryLine::CommentLines(2),
            SummaryLine::CategoryLines(3),
            SummaryLine::MetadataLines(4),
            SummaryLine::ReadAs {
                kind: ImportKind::Faq,
                header: false,
                separator: Separator::Byte(b'\t'),
                used: vec![ColumnName::Number(1), ColumnName::Number(2)],
                ignored: vec![ColumnName::Number(3)],
            },
            SummaryLine::ReadAs {
                kind: ImportKind::Table,
                header: true,
                separator: Separator::Text("//".into()),
                used: vec![ColumnName::Named("问题".into())],
                ignored: Vec::new(),
            },
            SummaryLine::AnkiFields {
                question: 2,
                answer: 3,
                special: vec![
                    (1, SpecialColumn::Guid),
                    (4, SpecialColumn::NoteType),
                    (5, SpecialColumn::Deck),
                    (6, SpecialColumn::Tags),
                ],
            },
            SummaryLine::GuidsKept,
            SummaryLine::AnkiColumnIgnored { column: 3, lines: vec![4, 5] },
            SummaryLine::ClozeNotes(3),
            SummaryLine::Rows { rows: 5, entries: 4, kind: ImportKind::Faq, header: true, skipped: 1 },
            SummaryLine::Rows { rows: 1, entries: 1, kind: ImportKind::Table, header: false, skipped: 0 },
            SummaryLine::Rows { rows: 9, entries: 9, kind: ImportKind::Lists, header: true, skipped: 0 },
            SummaryLine::Skipped { reason: SkipReason::BlankRow, lines: vec![3] },
            SummaryLine::Skipped { reason: SkipReason::EmptyCell(Some(ColumnName::Number(2))), lines: vec![3] },
            SummaryLine::Skipped {
                reason: SkipReason::EmptyCell(Some(ColumnName::Named("答案".into()))),
                lines: vec![3],
            },
            SummaryLine::Skipped { reason: SkipReason::EmptyCell(None), lines: vec![3] },
            SummaryLine::Skipped { reason: SkipReason::ClozeWithoutDeletion, lines: vec![3] },
            SummaryLine::Skipped { reason: SkipReason::EmptyNote, lines: vec![3, 7] },
            SummaryLine::Media { count: 2, media_only: vec![6] },
            SummaryLine::Language { language: "zh".into(), given: false },
            SummaryLine::Language { language: "ko".into(), given: true },
        ];
        let texts: Vec<String> = lines.iter().map(|line| import_summary(Lang::Zh, line)).collect();
        assert_chinese(&texts);
        assert_eq!(texts[9], "读取了 5 行（不含标题行），得到 4 个问答；跳过 1 条");
        assert_eq!(texts[14], "跳过 1 条：「答案」为空的行（第 3 行）");
        let english: Vec<String> = lines.iter().map(|line| import_summary(Lang::En, line)).collect();
        assert_eq!(english[9], "5 rows read → 4 questions and answers (the header row apart); 1 skipped");
    }

    #[test]
    fn every_note_is_worded_in_chinese() {
        let notes = [
            ImportNote { line: 4, note: Note::RepeatedQuestion { question: "玻利维亚".into(), first: 3 } },
            ImportNote {
                line: 2,
                note: Note::IdRewritten { given: "我的 标识".into(), made: "我的-标识".into(), taken: false },
            },
            ImportNote { line: 5, note: Note::IdRewritten { given: "同".into(), made: "同-2".into(), taken: true } },
        ];
        let texts: Vec<String> = notes.iter().map(|note| import_note(Lang::Zh, "词表", note)).collect();
        assert_chinese(&texts);
        assert_eq!(texts[0], "词表：第 4 行：问题「玻利维亚」在第 3 行也出现过");
        assert_eq!(
            import_note(Lang::En, "a.csv", &notes[0]),
            "a.csv: line 4: the question `玻利维亚` is also on line 3"
        );
    }
}
