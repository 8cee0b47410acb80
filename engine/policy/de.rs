//! Typed shapes from spanned trees: a serde `Deserializer` over [`Node`], so the raw policy
//! types are plain `#[derive(Deserialize)]` structs, and [`Spanned<T>`] fields keep the place a
//! value was written for the checks that come after.
//!
//! A shape error (a missing field, an unknown one, a string where a number belongs) carries the
//! span of the value it is about. Options are implicit, as in RON's `implicit_some`: a field of
//! type `Option<T>` takes the value itself, and `Some(x)` and `None` are accepted too.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer};

use super::tree::{Field, FileId, Kind, Node, Span};
use crate::diagnostic::{expected_kind, found_kind, serde_message, unknown_name};
use crate::message::Msg;

/// A value with the place it was written.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
    /// The file that last set something directly in it (see [`Node::origin`]).
    pub origin: FileId,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The struct name by which [`Spanned`] asks this deserializer for its span.
const SPANNED: &str = "$cogov::Spanned";
const SPANNED_FIELDS: &[&str] = &["start", "end", "file", "origin", "value"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
                let mut n = [0u32; 4];
                for slot in &mut n {
                    map.next_key::<de::IgnoredAny>()?;
                    *slot = map.next_value()?;
                }
                map.next_key::<de::IgnoredAny>()?;
                let value = map.next_value()?;
                Ok(Spanned {
                    value,
                    span: Span {
                        start: n[0],
                        end: n[1],
                        file: n[2],
                    },
                    origin: n[3],
                })
            }
        }
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, V(std::marker::PhantomData))
    }
}

/// A shape problem and where it is.
#[derive(Clone, Debug)]
pub struct Error {
    /// What is wrong.
    pub message: Msg,
    /// Where (the innermost value it is about).
    pub span: Option<Span>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.word(crate::text::Lang::default()))
    }
}

impl std::error::Error for Error {}

impl Error {
    fn new(message: Msg) -> Self {
        Self {
            message,
            span: None,
        }
    }
}

/// Serde's shape errors, each a coded message (serde's own words name Rust types).
impl de::Error for Error {
    fn custom<M: fmt::Display>(message: M) -> Self {
        Self::new(serde_message(&message.to_string()))
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::new(
            Msg::new("shape-invalid-type")
                .arg("found", found_kind(unexp))
                .arg("expected", expected_kind(&exp.to_string())),
        )
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::new(
            Msg::new("shape-invalid-value")
                .arg("found", found_kind(unexp))
                .arg("expected", expected_kind(&exp.to_string())),
        )
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Self::new(
            Msg::new("shape-invalid-length")
                .arg("n", len)
                .arg("expected", expected_kind(&exp.to_string())),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::new(unknown_name(
            Msg::new("shape-unknown-variant"),
            variant,
            expected,
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::new(unknown_name(
            Msg::new("shape-unknown-field"),
            field,
            expected,
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::new(Msg::new("shape-missing-field").arg("field", field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::new(Msg::new("shape-duplicate-field").arg("field", field))
    }
}

/// Gives `node` the shape `T`.
pub fn from_node<'de, T: Deserialize<'de>>(node: &Node) -> Result<T, Error> {
    T::deserialize(node)
}

fn at(span: Span) -> impl Fn(Error) -> Error {
    move |mut e| {
        e.span.get_or_insert(span);
        e
    }
}

/// What a value of the wrong kind should have been (`policy-want` selects the words).
fn want(what: &'static str) -> Msg {
    Msg::new("policy-want").arg("what", what)
}

fn wrong(node: &Node, expected: Msg) -> Error {
    Error {
        message: Msg::new("policy-shape-wrong")
            .arg("expected", expected)
            .arg("found", node.describe()),
        span: Some(node.span),
    }
}

/// A whole number from a written number.
fn whole(node: &Node, max: f64) -> Result<u64, Error> {
    match node.kind {
        Kind::Number(v) if v.fract() == 0.0 && (0.0..=max).contains(&v) => Ok(v as u64),
        Kind::Number(v) => Err(Error {
            message: Msg::new("policy-shape-whole-range")
                .arg("max", format!("{max}"))
                .arg("found", format!("{v}")),
            span: Some(node.span),
        }),
        _ => Err(wrong(node, want("whole"))),
    }
}

macro_rules! whole_numbers {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            let n = whole(self, <$ty>::MAX as f64)?;
            v.$visit(n as $ty).map_err(at(self.span))
        }
    )*};
}

impl<'de> Deserializer<'de> for &Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let result = match &self.kind {
            Kind::Bool(b) => v.visit_bool(*b),
            Kind::Number(n) => v.visit_f64(*n),
            Kind::Str(s) => v.visit_str(s),
            Kind::Ident(s) => v.visit_str(s),
            Kind::List(items) | Kind::Tuple { items, .. } => v.visit_seq(Seq(items.iter())),
            Kind::Map(entries) => v.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
            Kind::Record { fields, .. } => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
        };
        result.map_err(at(self.span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Bool(b) => v.visit_bool(b).map_err(at(self.span)),
            _ => Err(wrong(self, want("bool"))),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Number(n) => v.visit_f64(n).map_err(at(self.span)),
            _ => Err(wrong(self, want("number"))),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_f64(v)
    }

    whole_numbers!(deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
                   deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64);

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                v.visit_i64(n as i64).map_err(at(self.span))
            }
            _ => Err(wrong(self, want("whole"))),
        }
    }

    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Str(s) => v.visit_str(s).map_err(at(self.span)),
            _ => Err(wrong(self, want("string"))),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Str(s) | Kind::Ident(s) => v.visit_str(s).map_err(at(self.span)),
            _ => Err(wrong(self, want("name"))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Ident(s) if s == "None" => v.visit_none(),
            Kind::Tuple {
                name: Some(n),
                items,
            } if n == "Some" && items.len() == 1 => v.visit_some(&items[0]),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_unit(),
            _ => Err(wrong(self, want("unit"))),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::List(items) | Kind::Tuple { name: None, items } => {
                v.visit_seq(Seq(items.iter())).map_err(at(self.span))
            }
            _ => Err(wrong(self, want("list"))),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::List(items) | Kind::Tuple { items, .. } => {
                v.visit_seq(Seq(items.iter())).map_err(at(self.span))
            }
            _ => Err(wrong(self, want("tuple"))),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Map(entries) => v
                .visit_map(Map {
                    entries: entries.iter(),
                    value: None,
                })
                .map_err(at(self.span)),
            _ => Err(wrong(self, want("map"))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED {
            return v.visit_map(SpanFields {
                node: self,
                next: 0,
            });
        }
        match &self.kind {
            Kind::Record {
                name: written,
                fields,
            } => {
                if let Some(w) = written.as_deref().filter(|w| *w != name) {
                    return Err(Error {
                        message: Msg::new("policy-shape-record-name")
                            .arg("expected", name)
                            .arg("found", w),
                        span: Some(self.span),
                    });
                }
                v.visit_map(Fields {
                    fields: fields.iter(),
                    value: None,
                })
                .map_err(at(self.span))
            }
            Kind::Tuple { items, .. } if items.is_empty() => v
                .visit_map(Fields {
                    fields: [].iter(),
                    value: None,
                })
                .map_err(at(self.span)),
            _ => Err(wrong(self, want("record"))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let variant = match &self.kind {
            Kind::Ident(n) | Kind::Str(n) => n,
            Kind::Record { name: Some(n), .. } | Kind::Tuple { name: Some(n), .. } => n,
            _ => {
                let names: Vec<String> = variants.iter().map(|v| format!("`{v}`")).collect();
                return Err(wrong(self, want("one-of").arg("names", names)));
            }
        };
        v.visit_enum(Enum {
            node: self,
            variant,
        })
        .map_err(at(self.span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! { i8 i16 i128 u128 char bytes byte_buf }
}

struct Seq<'a>(std::slice::Iter<'a, Node>);

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|n| seed.deserialize(n)).transpose()
    }
}

struct Map<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(self.value.take().expect("a value follows its key"))
    }
}

struct Fields<'a> {
    fields: std::slice::Iter<'a, Field>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(field) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(&field.value);
        let key: de::value::StrDeserializer<'_, Error> = field.name.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(at(field.name_span))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(self.value.take().expect("a value follows its field name"))
    }
}

/// The fields a [`Spanned`] reads: its span's numbers, then the value itself.
struct SpanFields<'a> {
    node: &'a Node,
    next: usize,
}

impl<'de> de::MapAccess<'de> for SpanFields<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(name) = SPANNED_FIELDS.get(self.next) else {
            return Ok(None);
        };
        let key: de::value::StrDeserializer<'_, Error> = (*name).into_deserializer();
        seed.deserialize(key).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let s = self.node.span;
        let number = [s.start, s.end, s.file, self.node.origin]
            .get(self.next)
            .copied();
        self.next += 1;
        match number {
            Some(n) => seed.deserialize(n.into_deserializer()),
            None => seed.deserialize(self.node),
        }
    }
}

struct Enum<'a> {
    node: &'a Node,
    variant: &'a str,
}

impl<'de, 'a> de::EnumAccess<'de> for Enum<'a> {
    type Error = Error;
    type Variant = &'a Node;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, &'a Node), Error> {
        let key: de::value::StrDeserializer<'_, Error> = self.variant.into_deserializer();
        let value = seed.deserialize(key).map_err(at(self.node.span))?;
        Ok((value, self.node))
    }
}

impl<'de> de::VariantAccess<'de> for &Node {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match &self.kind {
            Kind::Ident(_) | Kind::Str(_) => Ok(()),
            _ => Err(wrong(self, want("bare-name"))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match &self.kind {
            Kind::Tuple { items, .. } if items.len() == 1 => seed.deserialize(&items[0]),
            _ => Err(wrong(self, want("one-value"))),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Tuple { items, .. } => v.visit_seq(Seq(items.iter())),
            _ => Err(wrong(self, want("values"))),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.kind {
            Kind::Record { fields, .. } => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_map(Fields {
                fields: [].iter(),
                value: None,
            }),
            _ => Err(wrong(self, want("fields"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::policy::tree::parse;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Kind1 {
        points: Spanned<f64>,
        #[serde(default)]
        cap: Option<f64>,
        by: Points,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Points {
        Each(f64),
        ByLevel(BTreeMap<String, f64>),
        Below { share: f64 },
        All,
    }

    #[test]
    fn spans_reach_the_typed_value() {
        let text = "(points: -20, cap: 5, by: ByLevel({\"minor\": -5}))";
        let k: Kind1 = from_node(&parse(text, 2).expect("parses")).expect("shape");
        assert_eq!(*k.points, -20.0);
        assert_eq!(
            &text[k.points.span.start as usize..k.points.span.end as usize],
            "-20"
        );
        assert_eq!(k.points.span.file, 2);
        assert_eq!(k.cap, Some(5.0));
        assert_eq!(k.by, Points::ByLevel([("minor".to_string(), -5.0)].into()));
    }

    #[test]
    fn variants_of_every_form() {
        for (text, want) in [
            ("Each(-2)", Points::Each(-2.0)),
            ("Below(share: 0.5)", Points::Below { share: 0.5 }),
            ("All", Points::All),
        ] {
            let got: Points = from_node(&parse(text, 0).expect("parses")).expect(text);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn a_shape_error_points_at_the_value() {
        let text = "(points: \"ten\", by: All)";
        let e = from_node::<Kind1>(&parse(text, 0).expect("parses")).expect_err("a string");
        let span = e.span.expect("located");
        assert_eq!(&text[span.start as usize..span.end as usize], "\"ten\"");
        let e = from_node::<Kind1>(&parse("(points: 1, by: All, typo: 2)", 0).expect("parses"))
            .expect_err("unknown");
        let message = e.message.word(crate::text::Lang::En);
        assert!(message.contains("unknown field `typo`"), "{message}");
        let message = e.message.word(crate::text::Lang::Zh);
        assert!(message.contains("未知字段 `typo`"), "{message}");
    }

    #[test]
    fn whole_numbers_refuse_fractions_and_overflow() {
        let n = parse("8000000000", 0).expect("parses");
        assert!(from_node::<u32>(&n).is_err());
        assert!(from_node::<u32>(&parse("1.5", 0).expect("parses")).is_err());
        assert_eq!(
            from_node::<u32>(&parse("90", 0).expect("parses")).expect("fits"),
            90
        );
    }
}
