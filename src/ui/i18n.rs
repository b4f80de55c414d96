//! The interface's two languages. Every visible string is written in both
//! at the place it is used, so a missing translation cannot slip through.

use serde::{Deserialize, Serialize};

use crate::core::deck_check::{Diagnostic, Field, NameList, Place, Problem, Severity};
use crate::core::generate::Skip;
use crate::core::notice::Notice;
use crate::core::schedule::{Wait, format_wait};

mod import;
pub use import::{import_error, import_note, import_summary};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language a first run starts in: Chinese where the system locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set) is Chinese.
    #[must_use]
    pub fn from_system() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    #[must_use]
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// Picks the text for this language.
    #[must_use]
    pub fn tr<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The language's own name, as the language switch shows it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }
}

/// A wait in the learner's language: "10m" or "10 分钟".
#[must_use]
pub fn wait(lang: Lang, wait: chrono::Duration) -> String {
    if lang == Lang::En {
        return format_wait(wait);
    }
    match Wait::of(wait) {
        Wait::UnderAMinute => "不到 1 分钟".to_owned(),
        Wait::Minutes(minutes) => format!("{minutes} 分钟"),
        Wait::Hours(hours) => format!("{hours} 小时"),
        Wait::Days(days) => format!("{days} 天"),
        Wait::Months(months) => format!("{months:.1} 个月"),
        Wait::Years(years) => format!("{years:.1} 年"),
    }
}

/// A deck-file problem as the window shows it: where in the file, where in
/// the deck in its own terms, and what is wrong, in the learner's language.
#[must_use]
pub fn diagnostic(lang: Lang, diagnostic: &Diagnostic) -> String {
    let severity = match (lang, diagnostic.severity) {
        (Lang::En, Severity::Error) => "error",
        (Lang::En, Severity::Warning) => "warning",
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
    };
    let Diagnostic { file, line, column, .. } = diagnostic;
    let place = diagnostic.place.as_ref().map_or_else(String::new, |place| match lang {
        Lang::En => format!("{place}: "),
        Lang::Zh => format!("{}：", place_zh(place)),
    });
    let (colon, message) = match lang {
        Lang::En => (": ", diagnostic.problem.to_string()),
        Lang::Zh => ("：", problem_zh(&diagnostic.problem)),
    };
    format!("{file}:{line}:{column}: {severity}{colon}{place}{message}")
}

fn place_zh(place: &Place) -> String {
    match place {
        Place::Subject { number, name } => format!("第 {number} 个对象「{name}」"),
        Place::Aspect { number, name } => format!("第 {number} 个方面「{name}」"),
        Place::Entry { number, question } => format!("第 {number} 个问答「{question}」"),
        Place::Category { number, name } => format!("第 {number} 个类别「{name}」"),
        Place::Item { category, number, text } => format!("「{category}」的第 {number} 项「{text}」"),
    }
}

fn field_zh(field: Field) -> &'static str {
    match field {
        Field::Title => "标题",
        Field::SubjectName => "对象名称",
        Field::AspectName => "方面名称",
        Field::Cell => "单元格",
        Field::Question => "问题",
        Field::Answer => "答案",
        Field::AcceptedAnswer => "可接受的答案",
        Field::CategoryName => "类别名称",
        Field::ItemText => "条目文字",
    }
}

fn problem_zh(problem: &Problem) -> String {
    match problem {
        Problem::Unreadable { kind, detail } => super::open_deck::io_zh(false, *kind, detail),
        Problem::Folder => "这是一个文件夹，不是题库文件".to_owned(),
        Problem::TooBig { megabytes, limit } => format!("文件有 {megabytes} MB；超过 {limit} MB 的题库不予读取"),
        Problem::NotUtf8 => "文件不是 UTF-8 文本".to_owned(),
        Problem::LineTooLong { limit_kb } => format!("有一行超过 {limit_kb} KB；这么长的行不予读取"),
        Problem::Syntax(error) => syntax_zh(error),
        Problem::MissingComma => "这里缺少逗号：下一行开始了另一个字段或条目".to_owned(),
        Problem::DeckId { id, problem } => format!("题库标识「{}」不可用（{problem}）", id.escape_debug()),
        Problem::EmptyId => "标识为空".to_owned(),
        Problem::IdWithoutLetter { id } => format!("标识「{id}」没有字母或数字"),
        Problem::IdWithSpace { id } => format!("标识「{id}」含有 / 或空白"),
        Problem::IdTooLong { id } => {
            format!("标识「{id}」超过 {} 个字符", crate::core::deck::MAX_ID_CHARS)
        }
        Problem::DuplicateId { id, first, first_path } => match first {
            Some(place) => format!("标识「{id}」重复（{}已经用过）", place_zh(place)),
            None => format!("标识「{id}」重复（{first_path} 已经用过）"),
        },
        Problem::Empty(field) => format!("{}为空", field_zh(*field)),
        Problem::ControlCharacter { field, character } => {
            format!("{}含有控制字符 {character}", field_zh(*field))
        }
        Problem::UnknownReference { reference } => format!("「{reference}」不是本题库中的条目"),
        Problem::CellsOverlap { aspect, subject, other } => format!(
            "方面「{aspect}」中「{subject}」和「{other}」的单元格大部分用词相同：如果其中一格也适用于另一个对象，\
             请在 includes 或 also_holds 中写明，否则判断题可能把正确的说法判为错误"
        ),
        Problem::KindDoesNotApply { kind, content } => {
            let content = super::style::kind_name(Lang::Zh, content);
            format!("题型「{}」不适用于{content}题库", super::style::question_kind_name(Lang::Zh, *kind))
        }
        Problem::TooFewSubjects => "对比表至少需要 2 个对象".to_owned(),
        Problem::NoAspects => "对比表至少需要 1 个方面".to_owned(),
        Problem::MissingCell { aspect, subject } => format!("方面「{aspect}」缺少对象「{subject}」的单元格"),
        Problem::UnknownSubjectCell { subject } => format!("单元格属于不存在的对象「{subject}」"),
        Problem::NoEntries => "问答至少需要 1 个条目".to_owned(),
        Problem::NoCategories => "分组列表至少需要 1 个类别".to_owned(),
        Problem::EmptyCategory { category } => format!("类别「{category}」没有条目"),
        Problem::NotAnotherCategory { category } => format!("「{category}」不是本题库中的另一个类别"),
        Problem::DuplicateName { list, name, first } => {
            let list = match list {
                NameList::Subject => "对象",
                NameList::Aspect => "方面",
                NameList::Category => "类别",
            };
            format!("{list}名称「{name}」与第 {first} 个{list}相同")
        }
        Problem::NotGenerated { card, kind, reason } => {
            let question =
                kind.map_or_else(|| card.clone(), |kind| super::style::question_kind_name(Lang::Zh, kind).to_owned());
            format!("不会生成「{question}」题：{}", skip_zh(reason))
        }
    }
}

/// What the RON parser stopped at, in Chinese: the slips an author makes
/// by hand in their own words, the rest named as a format error with the
/// parser's message.
fn syntax_zh(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::Eof => "文件在写完之前就结束了：缺少右括号或引号？".to_owned(),
        E::ExpectedComma => "这里缺少逗号".to_owned(),
        E::ExpectedArrayEnd => "这里应是列表的结尾「]」，或缺少逗号".to_owned(),
        E::ExpectedMapEnd => "这里应是映射的结尾「}」，或缺少逗号".to_owned(),
        E::ExpectedStructLikeEnd => "这里应是右括号「)」，或缺少逗号".to_owned(),
        E::ExpectedMapColon => "这里应有冒号「:」".to_owned(),
        E::ExpectedString => "这里应是一段加引号的文字".to_owned(),
        E::ExpectedStringEnd => "文字缺少结尾的引号".to_owned(),
        E::ExpectedArray => "这里应是一个列表「[…]」".to_owned(),
        E::ExpectedMap => "这里应是一个映射「{…}」".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "这里应是一个括号「(…)」".to_owned(),
        E::ExpectedInteger => "这里应是一个整数".to_owned(),
        E::ExpectedIdentifier => "这里应是一个字段名".to_owned(),
        E::UnexpectedChar(character) => format!("这里不应出现字符「{character}」"),
        E::TrailingCharacters => "题库结束之后还有多余的内容".to_owned(),
        E::UnclosedBlockComment => "注释「/*」没有结束".to_owned(),
        // The parser names the enclosing type by its Rust name; the line and
        // column say where it is.
        E::NoSuchStructField { found, .. } => format!("这里没有字段「{found}」"),
        E::MissingStructField { field, .. } => format!("这里缺少字段「{field}」"),
        E::DuplicateStructField { field, .. } => format!("字段「{field}」出现了两次"),
        E::NoSuchEnumVariant { found, .. } => format!("「{found}」不是可用的取值"),
        other => format!("文件格式有误（{other}）"),
    }
}

/// Why a card is not generated, in Chinese.
fn skip_zh(skip: &Skip) -> String {
    match skip {
        Skip::NoSuchEntry => "题库中没有这个条目".to_owned(),
        Skip::KindNotApplicable(kind) => {
            format!("「{}」题不适用于这个题库", super::style::question_kind_name(Lang::Zh, *kind))
        }
        Skip::NoFittingOption => "没有其他文字可以作为错误选项：没有一条与它同类（年份、数字、术语、句子……）、                                  与它不同，并且在它重复题目用词时也重复这些用词"
            .to_owned(),
        Skip::NearlySameQuestion { twin } => format!("条目「{twin}」问的几乎是同一个问题"),
        Skip::InSeveralLists { item, lists } => {
            format!("「{item}」在 {lists} 个列表中，所以“它属于哪个列表？”不止一个答案")
        }
        Skip::GivesAnswerAway { given } => format!("题目泄露了答案：题干中含有「{given}」"),
        Skip::NoFalseStatement => "这个方面没有其他对象的单元格与它不同，无法构造错误的说法".to_owned(),
        Skip::NoOtherList => "其他每个列表都含有这个条目或意思相同的条目".to_owned(),
        Skip::NoOtherItem => "其他同类条目都属于这个列表或意思相同".to_owned(),
        Skip::NoOtherEntry => "其他每个条目的答案或问题都与这一条意思相同".to_owned(),
        Skip::NoSingleSubject => "这个方面其他对象的单元格意思相同，没有唯一正确的对象".to_owned(),
        Skip::NoSingleAspect => "这个对象的其他单元格意思相同，没有唯一正确的方面".to_owned(),
        Skip::NothingToMatch => "这个对象不同的单元格少于两个，无法配对".to_owned(),
    }
}

/// A notice from the core, in the learner's language.
#[must_use]
pub fn notice(lang: Lang, notice: &Notice) -> String {
    if lang == Lang::En {
        return notice.to_string();
    }
    match notice {
        Notice::SnapshotSetAside { reason, moved_to } => {
            format!("存档无法读取（{reason}）。它已被移到 {}，并开始了一个新的存档。", moved_to.display())
        }
        Notice::JournalFolderSetAside { moved_to } => {
            format!("日志文件的位置上有一个文件夹；它已被移到 {}。", moved_to.display())
        }
        Notice::JournalLinesSkipped { count, kept_at } => {
            format!("日志中有 {count} 行已损坏，已跳过；原来的日志保存在 {}。", kept_at.display())
        }
        Notice::SaveRepaired { reason, kept_at, reviews_kept, cards_kept } => format!(
            "存档已损坏（{reason}）。原样的副本保存在 {}；能读出的 {reviews_kept} 条作答和 {cards_kept} 张卡片已保留。",
            kept_at.display()
        ),
        Notice::BackupFailed { reason } => format!("今天的存档自动备份失败：{reason}"),
        Notice::DeckReplaced { id, by, replaced } => {
            let replaced = replaced.as_ref().map_or_else(|| "内置题库".to_owned(), |path| path.display().to_string());
            format!("来自 {} 的题库「{id}」替换了{replaced}", by.display())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_locales_start_in_chinese() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn waits_are_worded_in_the_learners_language() {
        assert_eq!(wait(Lang::Zh, chrono::Duration::minutes(1)), "1 分钟");
        assert_eq!(wait(Lang::Zh, chrono::Duration::days(8)), "8 天");
        assert_eq!(wait(Lang::Zh, chrono::Duration::hours(18)), "18 小时");
        assert_eq!(wait(Lang::Zh, chrono::Duration::seconds(20)), "不到 1 分钟");
        assert_eq!(wait(Lang::En, chrono::Duration::days(8)), "8d");
    }

    #[test]
    fn a_deck_file_that_cannot_be_read_is_said_in_chinese() {
        let folder = tempfile::tempdir().expect("temp");
        let Err(found) = crate::core::deck_check::check_file(&folder.path().join("没有.ron")) else {
            panic!("a missing file is an error")
        };
        let zh = diagnostic(Lang::Zh, &found[0]);
        assert!(zh.ends_with("找不到这个文件"), "{zh}");
        assert!(diagnostic(Lang::En, &found[0]).contains("cannot read the file"));
    }

    #[test]
    fn the_parsers_common_stops_are_worded_in_chinese() {
        let broken = [
            (r#"Deck(id: "d" title: "T")"#, "缺少逗号"),
            (r#"Deck(id: "d", title: "T", colour: "red")"#, "没有字段「colour」"),
            (r#"Deck(id: "d", title: "T", content: Faq((entries: ["#, "括号「(…)」"),
            (r#"Deck(id: "d", title: "T", content: Faq((entries: [(id: "a", question: "q")])))"#, "缺少字段「answer」"),
            (r#"Deck(id: "d", title: "T, content: Faq((entries: [])))"#, "引号"),
        ];
        for (text, expected) in broken {
            let Err(found) = crate::core::deck_check::check_text("d.ron", text) else { panic!("{text}: errors") };
            let zh = diagnostic(Lang::Zh, &found[0]);
            assert!(zh.contains(expected), "{text}: {zh}");
            let english: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|word| word.len() >= 2 && !["ron", "colour", "answer"].contains(word))
                .collect();
            assert!(english.is_empty(), "{zh}: {english:?}");
        }
    }

    #[test]
    fn every_reason_a_card_is_not_generated_is_worded_in_chinese() {
        use crate::core::question::QuestionKind;
        let reasons = [
            Skip::NoSuchEntry,
            Skip::KindNotApplicable(QuestionKind::Matching),
            Skip::NoFittingOption,
            Skip::NearlySameQuestion { twin: "条目二".into() },
            Skip::InSeveralLists { item: "视频".into(), lists: 2 },
            Skip::GivesAnswerAway { given: "新加坡".into() },
            Skip::NoFalseStatement,
            Skip::NoOtherList,
            Skip::NoOtherItem,
            Skip::NoOtherEntry,
            Skip::NoSingleSubject,
            Skip::NoSingleAspect,
            Skip::NothingToMatch,
        ];
        for reason in reasons {
            let problem =
                Problem::NotGenerated { card: "d/x/matching".into(), kind: Some(QuestionKind::Matching), reason };
            let zh = problem_zh(&problem);
            let english: Vec<&str> =
                zh.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| word.len() >= 2).collect();
            assert!(english.is_empty(), "{zh}: {english:?}");
        }
    }

    #[test]
    fn deck_errors_are_worded_in_chinese_with_places_in_the_decks_terms() {
        let text = r#"Deck(id: "d", title: "T", content: Table((
            subjects: [(id: "a", name: "甲"), (id: "b", name: "乙")],
            aspects: [(id: "a", name: "平台", cells: {"a": "x", "b": "y"}),
                      (id: "a", name: "范围", cells: {"a": "x", "b": " "})])))"#;
        let Err(found) = crate::core::deck_check::check_text("d.ron", text) else { panic!("errors expected") };
        let zh: Vec<String> = found.iter().map(|d| diagnostic(Lang::Zh, d)).collect();
        assert!(
            zh.iter().any(|line| line.contains("第 2 个方面「范围」：标识「a」重复（第 1 个对象「甲」已经用过）")),
            "{zh:?}"
        );
        assert!(zh.iter().any(|line| line.contains("错误：第 2 个方面「范围」：单元格为空")), "{zh:?}");
        for line in &zh {
            assert!(!line.contains("content.") && !line.contains("error"), "{line}");
        }
        let en: Vec<String> = found.iter().map(|d| diagnostic(Lang::En, d)).collect();
        assert!(
            en.iter()
                .any(|line| line.contains("error: aspect 2, 范围: duplicate id `a` (first used at subject 1, 甲)")),
            "{en:?}"
        );
    }

    #[test]
    fn core_notices_are_worded_in_chinese_in_the_chinese_window() {
        let notice = Notice::JournalLinesSkipped { count: 2, kept_at: "/d/journal.ron.damaged".into() };
        let zh = super::notice(Lang::Zh, &notice);
        assert!(zh.contains("已跳过") && zh.contains("/d/journal.ron.damaged"), "{zh}");
        assert!(!zh.contains("skipped"), "{zh}");
        assert_eq!(super::notice(Lang::En, &notice), notice.to_string());
    }
}
