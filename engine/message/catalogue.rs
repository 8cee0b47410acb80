//! The Fluent catalogues: the built-in one, and the policy's laid over it.

use std::sync::{Arc, LazyLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Msg};
use crate::text::Lang;

/// The built-in catalogue's files, one set per language, in the order they are added.
const BUILTIN: [(&str, &str, &str); 19] = [
    (
        "common",
        include_str!("zh/common.ftl"),
        include_str!("en/common.ftl"),
    ),
    (
        "policy",
        include_str!("zh/policy.ftl"),
        include_str!("en/policy.ftl"),
    ),
    (
        "rules",
        include_str!("zh/rules.ftl"),
        include_str!("en/rules.ftl"),
    ),
    (
        "script",
        include_str!("zh/script.ftl"),
        include_str!("en/script.ftl"),
    ),
    (
        "data",
        include_str!("zh/data.ftl"),
        include_str!("en/data.ftl"),
    ),
    (
        "import",
        include_str!("zh/import.ftl"),
        include_str!("en/import.ftl"),
    ),
    (
        "table",
        include_str!("zh/table.ftl"),
        include_str!("en/table.ftl"),
    ),
    (
        "cli",
        include_str!("zh/cli.ftl"),
        include_str!("en/cli.ftl"),
    ),
    (
        "archive",
        include_str!("zh/archive.ftl"),
        include_str!("en/archive.ftl"),
    ),
    (
        "watch",
        include_str!("zh/watch.ftl"),
        include_str!("en/watch.ftl"),
    ),
    (
        "replay",
        include_str!("zh/replay.ftl"),
        include_str!("en/replay.ftl"),
    ),
    (
        "test",
        include_str!("zh/test.ftl"),
        include_str!("en/test.ftl"),
    ),
    (
        "report",
        include_str!("zh/report.ftl"),
        include_str!("en/report.ftl"),
    ),
    (
        "compare",
        include_str!("zh/compare.ftl"),
        include_str!("en/compare.ftl"),
    ),
    (
        "reasons",
        include_str!("zh/reasons.ftl"),
        include_str!("en/reasons.ftl"),
    ),
    (
        "workbook",
        include_str!("zh/workbook.ftl"),
        include_str!("en/workbook.ftl"),
    ),
    (
        "html",
        include_str!("zh/html.ftl"),
        include_str!("en/html.ftl"),
    ),
    (
        "template",
        include_str!("zh/template.ftl"),
        include_str!("en/template.ftl"),
    ),
    (
        "publish",
        include_str!("zh/publish.ftl"),
        include_str!("en/publish.ftl"),
    ),
];

/// Messages in both languages.
pub struct Catalogue {
    zh: FluentBundle<Arc<FluentResource>>,
    en: FluentBundle<Arc<FluentResource>>,
}

/// The built-in files parsed once per process, shared by every catalogue.
struct Parsed {
    zh: Vec<Arc<FluentResource>>,
    en: Vec<Arc<FluentResource>>,
}

static PARSED: LazyLock<Parsed> = LazyLock::new(|| {
    let parse = |text: &str| {
        Arc::new(FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial))
    };
    Parsed {
        zh: BUILTIN.iter().map(|(_, zh, _)| parse(zh)).collect(),
        en: BUILTIN.iter().map(|(_, _, en)| parse(en)).collect(),
    }
});

static BUILTIN_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::built_in);

/// The built-in catalogue: diagnostics, the command line and report labels.
pub fn builtin() -> &'static Catalogue {
    &BUILTIN_CATALOGUE
}

fn bundle(lang: Lang, resources: &[Arc<FluentResource>]) -> FluentBundle<Arc<FluentResource>> {
    let id = match lang {
        Lang::Zh => unic_langid::langid!("zh-CN"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: terminals and snapshots show them as noise.
    bundle.set_use_isolating(false);
    for resource in resources {
        bundle.add_resource_overriding(resource.clone());
    }
    bundle
}

impl Catalogue {
    fn built_in() -> Self {
        Self {
            zh: bundle(Lang::Zh, &PARSED.zh),
            en: bundle(Lang::En, &PARSED.en),
        }
    }

    /// The built-in catalogue with `zh` and `en` resources laid over it (a later resource's
    /// message replaces an earlier one of the same id).
    pub fn layered(zh: &[Arc<FluentResource>], en: &[Arc<FluentResource>]) -> Self {
        let mut catalogue = Self::built_in();
        for r in zh {
            catalogue.zh.add_resource_overriding(r.clone());
        }
        for r in en {
            catalogue.en.add_resource_overriding(r.clone());
        }
        catalogue
    }

    /// True when the message exists in `lang`.
    pub fn has(&self, code: &str, lang: Lang) -> bool {
        self.bundle(lang).has_message(code)
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<Arc<FluentResource>> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The message as a sentence in `lang`.
    pub fn word(&self, msg: &Msg, lang: Lang) -> String {
        self.try_word(msg, lang).unwrap_or_else(|missing| missing)
    }

    /// The message as a sentence, or `Err` with a placeholder naming what the catalogue lacks
    /// or could not resolve (an unknown id or argument).
    pub fn try_word(&self, msg: &Msg, lang: Lang) -> Result<String, String> {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(&msg.code).and_then(|m| m.value()) else {
            return Err(format!("⟦{}⟧", msg.code));
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            args.set(name.as_ref(), self.value(value, lang)?);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(format!("⟦{}: {errors:?}⟧", msg.code))
        }
    }

    fn value(&self, arg: &Arg, lang: Lang) -> Result<FluentValue<'static>, String> {
        Ok(match arg {
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Str(s) => FluentValue::from(s.clone()),
            Arg::Text(t) => FluentValue::from(t.get(lang).to_string()),
            Arg::Msg(m) => FluentValue::from(self.try_word(m, lang)?),
            Arg::List(items) => {
                let words = items
                    .iter()
                    .map(|a| self.plain(a, lang))
                    .collect::<Result<Vec<_>, _>>()?;
                FluentValue::from(words.join(match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                }))
            }
        })
    }

    fn plain(&self, arg: &Arg, lang: Lang) -> Result<String, String> {
        Ok(match self.value(arg, lang)? {
            FluentValue::String(s) => s.into_owned(),
            FluentValue::Number(n) => n.as_string().into_owned(),
            _ => String::new(),
        })
    }
}

/// The names of the built-in catalogue's files, for the completeness test.
#[cfg(test)]
pub(crate) fn builtin_texts() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    BUILTIN.iter().copied()
}
