//! The interface's two languages. Every visible string is written in both
//! at the place it is used, so a missing translation cannot slip through.

use serde::{Deserialize, Serialize};

use crate::core::notice::Notice;
use crate::core::schedule::{Wait, format_wait};

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
        Notice::DeckReplaced { id, by, replaced } => {
            let replaced = replaced.as_ref().map_or_else(|| "内置题库".to_owned(), |path| path.display().to_string());
            format!("来自 {} 的题库 `{id}` 替换了{replaced}", by.display())
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
    fn core_notices_are_worded_in_chinese_in_the_chinese_window() {
        let notice = Notice::JournalLinesSkipped { count: 2, kept_at: "/d/journal.ron.damaged".into() };
        let zh = super::notice(Lang::Zh, &notice);
        assert!(zh.contains("已跳过") && zh.contains("/d/journal.ron.damaged"), "{zh}");
        assert!(!zh.contains("skipped"), "{zh}");
        assert_eq!(super::notice(Lang::En, &notice), notice.to_string());
    }
}
