//! Values every stage shares, at the bottom of the module graph: a fact's value and how
//! numbers are written. Nothing here imports another module of the crate.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A fact's value: yes/no or a number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    /// true or false.
    YesNo(bool),
    /// A count, rate or amount.
    Number(f64),
}

impl<'de> Deserialize<'de> for FactValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FactValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true, false or a number")
            }
            fn visit_bool<E>(self, v: bool) -> Result<FactValue, E> {
                Ok(FactValue::YesNo(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<FactValue, E> {
                Ok(FactValue::Number(v as f64))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl std::fmt::Display for FactValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactValue::YesNo(true) => write!(f, "是"),
            FactValue::YesNo(false) => write!(f, "否"),
            FactValue::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A score without needless decimals: `4`, `2.5`, `81.25`.
pub fn num(x: f64) -> String {
    // Whole cents (most scores) are written from integers; exact decimal formatting of an
    // arbitrary float is slow, and outcomes write a few numbers per member.
    let cents = x * 100.0;
    if cents == cents.trunc() && cents.abs() < 1e15 {
        let cents = cents as i64;
        let (whole, frac) = (cents / 100, (cents % 100).abs());
        let sign = if cents < 0 && whole == 0 { "-" } else { "" };
        return match frac {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
            f => format!("{sign}{whole}.{f:02}"),
        };
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text made inert for a terminal: control characters from data (an escape sequence in a member
/// name, a carriage return in a title) are shown as their symbols (`␛`, `␍`) instead of acting
/// on the screen. Line breaks and tabs stay.
pub fn inert(text: &str) -> Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !acts(c) => c,
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// The same, keeping every byte offset (for source snippets whose spans point into the text):
/// a control character becomes as many `?` as it has bytes.
pub fn inert_in_place(text: &str) -> Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t' && c != '\r';
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if acts(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What a date field that is no date fails with: this prefix and the text found, which
/// diagnostics word as a coded message (a serde error can carry only text).
pub const NOT_A_DATE: &str = "cogov:not-a-date:";

/// Reads a `YYYY-MM-DD` date, failing with [`NOT_A_DATE`] and the text found. The text is
/// parsed where the parser holds it (no copy per event of a large archive).
pub fn date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<jiff::civil::Date, D::Error> {
    struct DateText;
    impl serde::de::Visitor<'_> for DateText {
        type Value = jiff::civil::Date;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            text.parse()
                .map_err(|_| E::custom(format!("{NOT_A_DATE}{text}")))
        }
    }
    d.deserialize_str(DateText)
}

/// Reads a `YYYY-MM-DD` date into `Some`, for an optional field (`#[serde(default)]` gives
/// `None` when it is absent).
pub fn some_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<jiff::civil::Date>, D::Error> {
    date(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals() {
        for (x, written) in [
            (4.0, "4"),
            (2.5, "2.5"),
            (81.25, "81.25"),
            (-0.5, "-0.5"),
            (-10.0, "-10"),
            (0.0, "0"),
            (1.0 / 3.0, "0.33"),
            (-2.675, "-2.67"),
        ] {
            assert_eq!(num(x), written, "{x}");
            let slow = format!("{x:.2}");
            assert_eq!(num(x), slow.trim_end_matches('0').trim_end_matches('.'));
        }
    }

    #[test]
    fn escape_sequences_and_carriage_returns_are_shown_not_obeyed() {
        assert_eq!(inert("甲\u{1b}[31m公司\r\n"), "甲␛[31m公司␍\n");
        assert_eq!(inert("\u{9b}2J\u{7f}"), "\u{fffd}2J␡");
        assert!(matches!(inert("普通\t文本\n"), Cow::Borrowed(_)));
        let text = "a\u{1b}b\u{9b}c";
        assert_eq!(inert_in_place(text).len(), text.len());
        assert_eq!(inert_in_place(text), "a?b??c");
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(num(4.0), "4");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(81.25), "81.25");
    }
}
