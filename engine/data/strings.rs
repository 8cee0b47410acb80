//! The strings of an association's events, each stored once.
//!
//! A city's archive holds millions of events, and most of their strings repeat: the member's
//! credit code, the kind, the level, the product, the failed item. Those are interned while the
//! file is parsed, so an event holds small [`Sym`] numbers instead of owned strings, and the
//! checks that follow compare numbers. Strings that do not repeat (event ids, free text) are
//! appended to the same buffer without being looked up.
//!
//! Names that identify a thing across events — products and failed items — are also
//! [`normalised`] here, so that `陶瓷砖` and `陶瓷砖　` (with a full-width space) are one product
//! wherever the event was written.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU32;

use serde::Deserialize;
use serde::de::{Deserializer, Error, Visitor};

/// A string in a [`Strings`] store. `Option<Sym>` takes no more room than `Sym`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// A symbol no store gives, for a place not yet filled in: reading its text panics.
    pub(crate) const UNFILLED: Sym = Sym(NonZeroU32::MAX);

    /// The symbol of the `i`th string stored (from 0).
    fn at(i: usize) -> Sym {
        let number = u32::try_from(i + 1).ok().and_then(NonZeroU32::new);
        Sym(number.expect("fewer than four billion strings fit in memory"))
    }

    /// Which string of its store the symbol is (from 0).
    fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// The symbols that the strings of a store have in the store that absorbed it.
pub struct Absorbed(Vec<Sym>);

impl Absorbed {
    /// The symbol here of the absorbed store's `sym`.
    pub fn get(&self, sym: Sym) -> Sym {
        self.0[sym.index()]
    }
}

/// Strings stored once, in one buffer; repeated ones are interned.
#[derive(Clone, Debug, Default)]
pub struct Strings {
    buffer: String,
    /// Where each symbol's text ends in `buffer` (it starts where the one before ends).
    ends: Vec<usize>,
    /// Interned strings (not unique ones) and their symbols.
    interned: HashMap<Box<str>, Sym, foldhash::fast::FixedState>,
}

impl Strings {
    /// The symbol of `text`, adding it the first time it is seen.
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.interned.get(text) {
            return sym;
        }
        let sym = self.add(text);
        self.interned.insert(text.into(), sym);
        sym
    }

    /// Adds a string that is not expected to repeat (an event id, a free text), without
    /// looking it up; [`Strings::find`] will not find it.
    pub fn add(&mut self, text: &str) -> Sym {
        self.add_joined(&[text])
    }

    /// Adds the string its parts make, without building it first (an event id made of a file
    /// name and a row number).
    pub fn add_joined(&mut self, parts: &[&str]) -> Sym {
        for part in parts {
            self.buffer.push_str(part);
        }
        self.ends.push(self.buffer.len());
        self.last()
    }

    /// The symbol of the string added last.
    fn last(&self) -> Sym {
        Sym::at(self.ends.len() - 1)
    }

    /// Adds the strings of `other` in its order, those it interned interned here too, the
    /// others added: the rows of a table are read a slice per core, each slice into strings of
    /// its own, and the slices are absorbed in row order. A run of strings added without being
    /// looked up (a slice's event ids, one after another) is copied at once.
    pub fn absorb(&mut self, other: &Strings) -> Absorbed {
        let mut interned = vec![false; other.len()];
        for sym in other.interned.values() {
            interned[sym.index()] = true;
        }
        let mut here = Vec::with_capacity(other.len());
        let mut i = 0;
        while i < other.len() {
            if interned[i] {
                here.push(self.intern(other.get(Sym::at(i))));
                i += 1;
                continue;
            }
            let end = interned[i..]
                .iter()
                .position(|&interned| interned)
                .map_or(other.len(), |n| i + n);
            let (from, to) = (other.start(i), other.ends[end - 1]);
            let base = self.buffer.len();
            self.buffer.push_str(&other.buffer[from..to]);
            let first = self.ends.len();
            self.ends
                .extend(other.ends[i..end].iter().map(|&e| e - from + base));
            here.extend((first..self.ends.len()).map(Sym::at));
            i = end;
        }
        Absorbed(here)
    }

    /// Makes room for the strings of `others`, to be absorbed next: the buffer grows once,
    /// not by doubling again and again.
    pub fn reserve_for<'s>(&mut self, others: impl Iterator<Item = &'s Strings>) {
        let (mut bytes, mut count) = (0, 0);
        for other in others {
            bytes += other.buffer.len();
            count += other.len();
        }
        self.buffer.reserve(bytes);
        self.ends.reserve(count);
    }

    /// Where the `i`th string starts in the buffer.
    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1] }
    }

    /// The symbol of an interned string, if it was interned.
    pub fn find(&self, text: &str) -> Option<Sym> {
        self.interned.get(text).copied()
    }

    /// The text of a symbol.
    pub fn get(&self, sym: Sym) -> &str {
        let i = sym.index();
        &self.buffer[self.start(i)..self.ends[i]]
    }

    /// How many strings are stored.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no string is stored.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// A name as it identifies a product or an item: compatibility characters folded (NFKC:
/// full-width letters and digits, the ideographic space) and white space around it trimmed.
/// Borrowed when the name is already in that form, as nearly every name is.
pub fn normalised(name: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    let folded = match is_nfkc_quick(name.chars()) {
        IsNormalized::Yes => Cow::Borrowed(name),
        _ => Cow::Owned(name.nfkc().collect::<String>()),
    };
    match folded {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    }
}

impl Strings {
    /// The symbol of `sym`'s text [`normalised`], interned; `None` when nothing is left of it.
    pub fn normalise(&mut self, sym: Sym) -> Option<Sym> {
        let text = self.get(sym);
        match normalised(text) {
            Cow::Borrowed("") => None,
            Cow::Borrowed(same) if same.len() == text.len() => Some(sym),
            name => {
                let name = name.into_owned();
                (!name.is_empty()).then(|| self.intern(&name))
            }
        }
    }
}

thread_local! {
    /// The store that [`Sym`]s being deserialized on this thread go into.
    static COLLECTING: RefCell<Option<Strings>> = const { RefCell::new(None) };
}

/// Runs `parse` with `strings` as the store that deserialized [`Sym`]s go into, and gives the
/// store back with its result.
///
/// Deserialization has no place to carry a store, so the store is lent to the thread for the
/// duration of the parse, and taken back even if the parse panics.
pub fn collect<T>(strings: Strings, parse: impl FnOnce() -> T) -> (T, Strings) {
    /// Takes the store back from the thread when dropped, also if the parse panics.
    struct Lent;
    impl Drop for Lent {
        fn drop(&mut self) {
            COLLECTING.with(|c| c.borrow_mut().take());
        }
    }
    let previous = COLLECTING.with(|c| c.replace(Some(strings)));
    assert!(previous.is_none(), "string stores are not lent twice");
    let _lent = Lent;
    let value = parse();
    let strings = COLLECTING.with(|c| c.borrow_mut().take());
    (value, strings.expect("the store is still lent"))
}

/// Stores a string in the store being collected on this thread.
fn into_store<E: Error>(store: impl FnOnce(&mut Strings) -> Sym) -> Result<Sym, E> {
    COLLECTING.with(|c| match c.borrow_mut().as_mut() {
        Some(strings) => Ok(store(strings)),
        None => Err(E::custom("strings can only be read into a store")),
    })
}

/// Deserializes a string into the store being collected, interned or added.
fn store<'de, D: Deserializer<'de>>(d: D, interned: bool) -> Result<Sym, D::Error> {
    struct Text(bool);
    impl Visitor<'_> for Text {
        type Value = Sym;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: Error>(self, text: &str) -> Result<Sym, E> {
            if self.0 {
                into_store(|strings| strings.intern(text))
            } else {
                into_store(|strings| strings.add(text))
            }
        }
    }
    d.deserialize_str(Text(interned))
}

/// Interns the string.
impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        store(d, true)
    }
}

/// For `#[serde(deserialize_with = "unique")]`: adds a string expected not to repeat.
pub fn unique<'de, D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
    store(d, false)
}

/// For `#[serde(deserialize_with = "unique_opt")]`: an optional [`unique`] string.
pub fn unique_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sym>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    text.map(|text| into_store(|strings| strings.add(&text)))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absorbed_strings_keep_their_texts_interned_ones_meeting_those_already_here() {
        let mut here = Strings::default();
        let ceramics = here.intern("陶瓷砖");
        let mut slice = Strings::default();
        let id = slice.add_joined(&["抽查", "-", "7"]);
        let tile = slice.intern("陶瓷砖");
        let fail = slice.intern("sampling_fail");
        let again = slice.add("陶瓷砖");
        let absorbed = here.absorb(&slice);
        assert_eq!(absorbed.get(tile), ceramics);
        assert_eq!(here.get(absorbed.get(id)), "抽查-7");
        assert_eq!(here.find("sampling_fail"), Some(absorbed.get(fail)));
        // A string added, not interned, stays a string of its own.
        assert_ne!(absorbed.get(again), ceramics);
        assert_eq!(here.get(absorbed.get(again)), "陶瓷砖");
        assert_eq!(here.len(), 4);
    }

    #[test]
    fn runs_of_added_strings_are_absorbed_each_string_its_own() {
        let mut here = Strings::default();
        here.add("已有");
        here.intern("陶瓷砖");
        let mut slice = Strings::default();
        let written = [
            (false, "抽查-1"),
            (false, ""),
            (false, "抽查-3"),
            (true, "陶瓷砖"),
            (false, "抽查-4"),
            (true, "吸水率"),
            (true, "破坏强度"),
            (false, "抽查-5"),
            (false, "抽查-6"),
        ];
        let syms: Vec<Sym> = written
            .iter()
            .map(|&(interned, text)| {
                if interned {
                    slice.intern(text)
                } else {
                    slice.add(text)
                }
            })
            .collect();
        here.reserve_for([&slice].into_iter());
        let absorbed = here.absorb(&slice);
        for (&(_, text), sym) in written.iter().zip(syms) {
            assert_eq!(here.get(absorbed.get(sym)), text);
        }
        // Interned here too; the empty string and the ids are each a string of their own.
        let water = slice.find("吸水率").unwrap();
        assert_eq!(here.find("吸水率"), Some(absorbed.get(water)));
        assert_eq!(here.len(), 2 + written.len() - 1);
    }

    #[test]
    fn repeated_strings_share_a_symbol_and_unique_ones_do_not() {
        let mut strings = Strings::default();
        let a = strings.intern("sampling_fail");
        let id = strings.add("e1");
        assert_eq!(strings.intern("sampling_fail"), a);
        assert_ne!(strings.add("e1"), id);
        assert_eq!(strings.get(a), "sampling_fail");
        assert_eq!(strings.get(id), "e1");
        assert_eq!(strings.find("e1"), None);
        assert_eq!(strings.len(), 3);
    }

    #[test]
    fn names_are_trimmed_of_full_width_spaces_and_folded_to_one_form() {
        assert_eq!(normalised("陶瓷砖"), "陶瓷砖");
        assert!(matches!(normalised("陶瓷砖"), Cow::Borrowed(_)));
        assert_eq!(normalised("陶瓷砖\u{3000}"), "陶瓷砖");
        assert_eq!(normalised(" \t陶瓷砖 "), "陶瓷砖");
        assert_eq!(normalised("ＬＥＤ灯具（Ａ型）"), "LED灯具(A型)");
        assert_eq!(normalised("\u{3000}\u{3000}"), "");
        let mut strings = Strings::default();
        let tile = strings.intern("陶瓷砖");
        let spaced = strings.intern("陶瓷砖\u{3000}");
        let blank = strings.intern("\u{3000}");
        assert_eq!(strings.normalise(spaced), Some(tile));
        assert_eq!(strings.normalise(tile), Some(tile));
        assert_eq!(strings.normalise(blank), None);
    }

    #[test]
    fn deserialized_symbols_go_into_the_store_lent_to_the_parse() {
        #[derive(Deserialize)]
        struct Row {
            #[serde(deserialize_with = "unique")]
            id: Sym,
            kind: Sym,
        }
        let (rows, strings) = collect(Strings::default(), || {
            serde_json::from_str::<Vec<Row>>(r#"[{"id":"a","kind":"k"},{"id":"b","kind":"k"}]"#)
        });
        let rows = rows.unwrap();
        assert_eq!(rows[0].kind, rows[1].kind);
        assert_eq!(strings.get(rows[1].id), "b");
        assert_eq!(strings.len(), 3);
        assert!(serde_json::from_str::<Sym>("\"x\"").is_err());
    }
}
