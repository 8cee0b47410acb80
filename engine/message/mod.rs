//! Messages as data, worded at the end: a problem, a reason or a label is a [`Msg`] (a code
//! and typed arguments) until it is printed, and only then becomes a sentence in the reader's
//! language.
//!
//! The sentences live in Fluent catalogues, one folder per language. The built-in catalogue
//! (`engine/message/{zh,en}/*.ftl`, compiled in) words diagnostics, the command line and
//! report labels, so a broken policy folder can always be told what is wrong with it. The
//! policy catalogue (`policies/base/messages/{zh,en}.ftl` and a sector's own) words the reasons
//! of scores and actions; it is layered over the built-in one, so an editor rewords a reason
//! without rebuilding cogov. Fluent rather than a RON table: English needs plural forms
//! (`1 problem`, `2 problems`) and both languages need arguments placed freely in the sentence;
//! Fluent does both, and its parser points at the line of a broken message.

mod catalogue;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::{Lang, Text};

pub use catalogue::{Catalogue, builtin};

/// A message: what to say, with the values to say it with, not yet worded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Msg {
    /// Catalogue id, e.g. `policy-unknown-field`.
    pub code: Cow<'static, str>,
    /// Named arguments (sorted, so outputs are stable).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<Cow<'static, str>, Arg>,
}

/// A typed message argument.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A number (counts select plural forms).
    Num(f64),
    /// Text as found in a file or the data, quoted as is in every language.
    Str(String),
    /// A name with its Chinese and English forms, picked by the reader's language.
    Text(Text),
    /// A message worded inside this one.
    Msg(Msg),
    /// Several values, joined as a list in the reader's language (`、` or `, `).
    List(Vec<Arg>),
}

impl Msg {
    /// A message with no arguments yet.
    pub fn new(code: &'static str) -> Self {
        Self {
            code: Cow::Borrowed(code),
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.insert(Cow::Borrowed(name), value.into());
        self
    }

    /// The message worded by the built-in catalogue.
    pub fn word(&self, lang: Lang) -> String {
        builtin().word(self, lang)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg::Str(s.into_owned())
    }
}

impl From<&Cow<'_, str>> for Arg {
    fn from(s: &Cow<'_, str>) -> Self {
        Arg::Str(s.to_string())
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
whole_numbers!(i32, i64, u8, u16, u32, u64, usize);

impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(t)
    }
}

impl From<&Text> for Arg {
    fn from(t: &Text) -> Self {
        Arg::Text(t.clone())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}

impl<T: Into<Arg>> From<Vec<T>> for Arg {
    fn from(items: Vec<T>) -> Self {
        Arg::List(items.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;

    /// Every code written as a literal `Msg::new` argument in the sources.
    fn codes_used() -> BTreeSet<String> {
        let mut codes = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/engine"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (at, _) in text.match_indices("Msg::new(\"") {
                        let rest = &text[at + 10..];
                        codes.insert(rest[..rest.find('"').unwrap()].to_string());
                    }
                }
            }
        }
        codes
    }

    fn ids(text: &str) -> BTreeSet<String> {
        defined(text).into_iter().collect()
    }

    /// Every id defined, in file order, repeats included.
    fn defined(text: &str) -> Vec<String> {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    /// A message defined twice is worded by one of the two, and the other's users get a
    /// placeholder (`report-rule-kind` was once both explain's column heading and its
    /// rule-kind choice; the CSV header read `⟦report-rule-kind: …⟧`).
    #[test]
    fn no_message_id_is_defined_twice_in_a_language() {
        for lang in [0, 1] {
            let mut seen = BTreeSet::new();
            for (area, zh, en) in super::catalogue::builtin_texts() {
                for id in defined(if lang == 0 { zh } else { en }) {
                    assert!(
                        seen.insert(id.clone()),
                        "`{id}` is defined twice ({area}.ftl)"
                    );
                }
            }
        }
        for lang in ["zh", "en"] {
            let path = format!(
                "{}/policies/base/messages/{lang}.ftl",
                env!("CARGO_MANIFEST_DIR")
            );
            let ids = defined(&std::fs::read_to_string(path).unwrap());
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(
                unique.len(),
                ids.len(),
                "the policy's {lang}.ftl repeats an id"
            );
        }
    }

    #[test]
    fn both_languages_word_the_same_messages_and_each_file_parses() {
        for (area, zh, en) in super::catalogue::builtin_texts() {
            assert_eq!(
                ids(zh),
                ids(en),
                "zh/{area}.ftl and en/{area}.ftl differ in their ids"
            );
        }
    }

    #[test]
    fn every_code_in_the_sources_is_in_the_catalogue_and_every_message_is_used() {
        let mut known = BTreeSet::new();
        for (_, zh, _) in super::catalogue::builtin_texts() {
            known.extend(ids(zh));
        }
        // Reasons and warnings are worded by the policy's catalogue.
        let policy = |lang: &str| {
            let path = format!(
                "{}/policies/base/messages/{lang}.ftl",
                env!("CARGO_MANIFEST_DIR")
            );
            ids(&std::fs::read_to_string(path).unwrap())
        };
        assert_eq!(
            policy("zh"),
            policy("en"),
            "the policy's zh.ftl and en.ftl differ in their ids"
        );
        known.extend(policy("zh"));
        let used = codes_used();
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(missing.is_empty(), "codes without a message: {missing:?}");
        let unused: Vec<_> = known
            .difference(&used)
            .filter(|c| !c.starts_with("-"))
            .collect();
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    }
}
