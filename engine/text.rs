//! Bilingual names and the output language: Chinese first, as the standard is written.

use serde::{Deserialize, Serialize};

/// Output language for human-readable text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (the standard's language; the default).
    #[default]
    Zh,
    /// English.
    En,
}

/// A name or sentence in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A text from its two languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to Chinese when no English was written.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.zh,
        }
    }
}

/// The variable that chooses the language when `--lang` is not given.
pub const LANG_ENV: &str = "COGOV_LANG";

impl Lang {
    /// The language a command line asks for: `--lang zh|en` (or `--lang=…`), else
    /// `$COGOV_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `en_*` is English),
    /// else Chinese. An unknown value falls through to the next source (the argument parser reports a bad
    /// `--lang` itself).
    pub fn chosen(args: &[std::ffi::OsString]) -> Lang {
        let mut flag = None;
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            if word == "--lang" {
                flag = words.next().map(|w| w.into_owned());
            } else if let Some(value) = word.strip_prefix("--lang=") {
                flag = Some(value.to_string());
            }
        }
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        flag.as_deref()
            .and_then(Lang::parse)
            .or_else(|| env(LANG_ENV).as_deref().and_then(Lang::parse))
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .into_iter()
                    .find_map(env)
                    .and_then(|locale| Lang::from_locale(&locale))
            })
            .unwrap_or_default()
    }

    /// `zh` or `en` (also `zh-CN`, `en-GB` and the like).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") || s.starts_with("zh_") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") || s.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// A POSIX locale such as `en_US.UTF-8` or `zh_CN.UTF-8`; `C` and `POSIX` say nothing.
    fn from_locale(locale: &str) -> Option<Lang> {
        let lang = locale.split(['.', '@']).next()?;
        Lang::parse(lang)
    }

    /// The id used on the command line and in file names: `zh` or `en`.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn locales_choose_the_language_and_others_say_nothing() {
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("POSIX"), None);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn the_flag_wins_and_its_last_use_counts() {
        let args = |v: &[&str]| {
            v.iter()
                .map(Into::into)
                .collect::<Vec<std::ffi::OsString>>()
        };
        assert_eq!(
            Lang::chosen(&args(&["cogov", "eval", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(
            Lang::chosen(&args(&["cogov", "--lang=en", "--lang", "zh"])),
            Lang::Zh
        );
    }
}
