//! The member roster as table rows are matched against it: by credit code, or by company name
//! when a row gives no code.
//!
//! A notice of a million rows looks a code up, and compares the row's company with the
//! member's name, a million times in no order the roster can foresee. Each member's code and
//! name are therefore kept side by side in one buffer, and the table that finds them holds
//! only where each record starts (16 bytes a member, small enough to stay in the cache): a
//! look-up and its name check read one place in memory beyond the table, not the table's
//! larger entries and then a name elsewhere on the heap.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::data::members::Member;
use crate::data::strings::{Strings, Sym};

/// The length of every valid credit code, in bytes: a code of another length is never looked
/// up by a row (it is refused before).
const CODE_LEN: usize = 18;

/// The roster: looked up by name and code, each code with its symbol in the association's
/// strings, and its names in order for the suggestions (sorted the first time a row names a
/// firm the roster lacks).
pub(in crate::data::import) struct Roster<'a> {
    /// The members, in roster order.
    members: Vec<&'a Member>,
    /// The symbol of each member's code.
    syms: Vec<Sym>,
    /// Each name's members, by index.
    by_name: HashMap<&'a str, Vec<u32>, FixedState>,
    by_code: HashTable<Entry>,
    /// Each member with a code of the valid length: its code, then its name.
    records: String,
    hasher: FixedState,
    names: OnceLock<Vec<String>>,
}

/// A member in [`Roster::by_code`]: where its record starts, how long its name is, and the
/// symbol of its code.
#[derive(Clone, Copy)]
struct Entry {
    at: usize,
    name_len: u32,
    sym: Sym,
}

/// A member found by its credit code.
#[derive(Clone, Copy)]
pub(super) struct Listed<'r> {
    /// The member's name on the roster.
    pub(super) name: &'r str,
    /// The symbol of its code.
    pub(super) sym: Sym,
}

impl<'a> Roster<'a> {
    /// The roster of `members`, their codes interned in `strings`; the first member with a
    /// code is the one its code finds (a code listed twice is the merge's problem). The codes
    /// are interned and looked up while the names are gathered on another core.
    pub(in crate::data::import) fn new(
        members: impl Iterator<Item = &'a Member>,
        strings: &mut Strings,
    ) -> Self {
        let members: Vec<&'a Member> = members.collect();
        let mut by_name: HashMap<&'a str, Vec<u32>, FixedState> = HashMap::default();
        let mut roster = Roster {
            members: Vec::new(),
            syms: Vec::new(),
            by_name: HashMap::default(),
            by_code: HashTable::with_capacity(members.len()),
            records: String::new(),
            hasher: FixedState::default(),
            names: OnceLock::new(),
        };
        rayon::join(
            || {
                for m in &members {
                    let sym = strings.intern(&m.code);
                    roster.syms.push(sym);
                    roster.add(m, sym);
                }
            },
            || {
                by_name.reserve(members.len());
                for (i, m) in members.iter().enumerate() {
                    let i = u32::try_from(i).expect("fewer than four billion members");
                    by_name.entry(m.name.as_str()).or_default().push(i);
                }
            },
        );
        roster.by_name = by_name;
        roster.members = members;
        roster
    }

    /// The members named `company`, as indices for [`Roster::code`].
    pub(super) fn named(&self, company: &str) -> Option<&[u32]> {
        self.by_name.get(company).map(Vec::as_slice)
    }

    /// The code of the `i`th member, and its symbol.
    pub(super) fn code(&self, i: u32) -> (&'a str, Sym) {
        let i = i as usize;
        (self.members[i].code.as_str(), self.syms[i])
    }

    /// Adds a member to the look-up by code, unless its code cannot be valid or is there.
    fn add(&mut self, member: &Member, sym: Sym) {
        let Ok(name_len) = u32::try_from(member.name.len()) else {
            return;
        };
        if member.code.len() != CODE_LEN || self.find(&member.code).is_some() {
            return;
        }
        let entry = Entry {
            at: self.records.len(),
            name_len,
            sym,
        };
        self.records.push_str(&member.code);
        self.records.push_str(&member.name);
        let (records, hasher) = (&self.records, &self.hasher);
        let hash = hasher.hash_one(member.code.as_bytes());
        self.by_code.insert_unique(hash, entry, |e| {
            hasher.hash_one(&records.as_bytes()[e.at..e.at + CODE_LEN])
        });
    }

    fn find(&self, code: &str) -> Option<Entry> {
        if code.len() != CODE_LEN {
            return None;
        }
        let hash = self.hasher.hash_one(code.as_bytes());
        let records = self.records.as_bytes();
        self.by_code
            .find(hash, |e| &records[e.at..e.at + CODE_LEN] == code.as_bytes())
            .copied()
    }

    /// The member with this credit code, if the roster lists it.
    pub(super) fn listed(&self, code: &str) -> Option<Listed<'_>> {
        let entry = self.find(code)?;
        let name = entry.at + CODE_LEN;
        Some(Listed {
            name: &self.records[name..name + entry.name_len as usize],
            sym: entry.sym,
        })
    }

    /// The roster's names, in order.
    pub(super) fn names(&self) -> &[String] {
        self.names.get_or_init(|| {
            let mut names: Vec<String> = self.by_name.keys().map(|n| n.to_string()).collect();
            names.sort_unstable();
            names
        })
    }

    /// Whether the roster has no member at all.
    pub(super) fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(code: &str, name: &str) -> Member {
        Member {
            code: code.into(),
            name: name.into(),
            archive_updated: None,
            applied: Vec::new(),
        }
    }

    #[test]
    fn a_code_finds_the_first_member_listed_with_it_and_its_name() {
        let members = [
            member("91440604MA4UJ1XK1B", "佛山市甲陶瓷有限公司"),
            member("91440604MA4UJ1XK2C", "佛山市乙陶瓷有限公司"),
            member("91440604MA4UJ1XK1B", "佛山市丙陶瓷有限公司"),
            member("914406", "佛山市丁陶瓷有限公司"),
        ];
        let mut strings = Strings::default();
        let roster = Roster::new(members.iter(), &mut strings);
        let first = roster.listed("91440604MA4UJ1XK1B").unwrap();
        assert_eq!(first.name, "佛山市甲陶瓷有限公司");
        assert_eq!(strings.get(first.sym), "91440604MA4UJ1XK1B");
        let second = roster.listed("91440604MA4UJ1XK2C").unwrap();
        assert_eq!(second.name, "佛山市乙陶瓷有限公司");
        assert!(roster.listed("91440604MA4UJ1XK3D").is_none());
        assert!(roster.listed("914406").is_none());
        assert_eq!(roster.named("佛山市丙陶瓷有限公司"), Some(&[2][..]));
        assert_eq!(roster.code(2), ("91440604MA4UJ1XK1B", first.sym));
        assert_eq!(roster.named("佛山市戊陶瓷有限公司"), None);
    }
}
