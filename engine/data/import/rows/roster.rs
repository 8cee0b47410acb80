//! The member roster as table rows are matched against it: by credit code, or by company name
//! when a row gives no code.
//!
//! A notice of a million rows looks a code up, and compares the row's company with the
//! member's name, a million times in no order the roster can foresee: each look-up is a wait
//! on memory, which the cache does not hold while a table's text streams through it. So each
//! member is one record in one buffer — its code, its place on the roster, the length of its
//! name, then the name — and the table that finds a record is slots of 8 bytes, at most half
//! of them used: a look-up reads one slot and one record. The rows ahead of the one being read
//! ask for theirs to be fetched ([`Roster::warm_slot`], then [`Roster::warm_record`]), so
//! that the waits overlap instead of coming one after the other.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use crate::data::members::Member;
use crate::data::prefetch::prefetch;
use crate::data::strings::{Strings, Sym};

/// The length of every valid credit code, in bytes: a code of another length is never looked
/// up by a row (it is refused before).
const CODE_LEN: usize = 18;
/// Where a member's index is in its record.
const INDEX_AT: usize = CODE_LEN;
/// Where the length of a member's name is in its record.
const NAME_LEN_AT: usize = INDEX_AT + 4;
/// Where the name starts in a member's record.
const NAME_AT: usize = NAME_LEN_AT + 4;
/// Records start at a multiple of this, so that a slot can name one in 32 bits.
const RECORD_ALIGN: usize = 8;

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
    /// The slots of the look-up by code, open addressed with linear probing: each empty (0)
    /// or the high 32 bits of its code's hash above one more than where its record starts,
    /// in multiples of [`RECORD_ALIGN`].
    slots: Vec<u64>,
    /// A record for each member with a code of the valid length: its code, its index in
    /// [`Roster::members`] and the length of its name (4 bytes each, in native order), then
    /// its name.
    records: Vec<u8>,
    hasher: FixedState,
    names: OnceLock<Vec<String>>,
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
            slots: vec![0; (2 * members.len()).next_power_of_two().max(16)],
            records: Vec::new(),
            hasher: FixedState::default(),
            names: OnceLock::new(),
        };
        rayon::join(
            || {
                for (i, m) in members.iter().enumerate() {
                    let i = u32::try_from(i).expect("fewer than four billion members");
                    roster.syms.push(strings.intern(&m.code));
                    roster.add(m, i);
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

    /// Adds the `index`th member to the look-up by code, unless its code cannot be valid or
    /// is there.
    fn add(&mut self, member: &Member, index: u32) {
        let Ok(name_len) = u32::try_from(member.name.len()) else {
            return;
        };
        let hash = self.hash(&member.code);
        if member.code.len() != CODE_LEN || self.find(&member.code, hash).is_some() {
            return;
        }
        let at = self.records.len();
        let aligned = u32::try_from(at / RECORD_ALIGN).expect("a roster within 32 GiB");
        self.records.extend_from_slice(member.code.as_bytes());
        self.records.extend_from_slice(&index.to_ne_bytes());
        self.records.extend_from_slice(&name_len.to_ne_bytes());
        self.records.extend_from_slice(member.name.as_bytes());
        self.records
            .resize(self.records.len().next_multiple_of(RECORD_ALIGN), 0);
        let mut i = self.first_slot(hash);
        while self.slots[i] != 0 {
            i = self.next_slot(i);
        }
        self.slots[i] = Self::slot_for(hash, aligned);
    }

    fn hash(&self, code: &str) -> u64 {
        self.hasher.hash_one(code.as_bytes())
    }

    /// The slot a look-up of a code with this hash reads first.
    fn first_slot(&self, hash: u64) -> usize {
        hash as usize & (self.slots.len() - 1)
    }

    /// The slot after slot `i`, the first after the last.
    fn next_slot(&self, i: usize) -> usize {
        (i + 1) & (self.slots.len() - 1)
    }

    /// The slot of a code with this hash whose record starts at `aligned` multiples of
    /// [`RECORD_ALIGN`]; [`Roster::record_of`] reads it back.
    fn slot_for(hash: u64, aligned: u32) -> u64 {
        (hash & !u64::from(u32::MAX)) | (u64::from(aligned) + 1)
    }

    /// Where the record a slot names starts, when the slot may be that of a code with this
    /// hash.
    fn record_of(slot: u64, hash: u64) -> Option<usize> {
        let same_tag = slot >> 32 == hash >> 32;
        (slot != 0 && same_tag).then(|| (slot as u32 - 1) as usize * RECORD_ALIGN)
    }

    /// Where the record of the member with this code, of this hash, starts. The slots are at
    /// most half full: a probe always comes to an empty one.
    fn find(&self, code: &str, hash: u64) -> Option<usize> {
        if code.len() != CODE_LEN {
            return None;
        }
        let mut i = self.first_slot(hash);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if let Some(at) = Self::record_of(slot, hash)
                && &self.records[at..at + CODE_LEN] == code.as_bytes()
            {
                return Some(at);
            }
            i = self.next_slot(i);
        }
    }

    /// Asks the processor to fetch the slot a look-up of `code` reads first; a look-up a few
    /// rows later then finds it in the cache.
    pub(in crate::data::import) fn warm_slot(&self, code: &str) {
        prefetch(&self.slots[self.first_slot(self.hash(code))]);
    }

    /// Asks the processor to fetch the record the first slot of `code` names, once that slot
    /// is in the cache ([`Roster::warm_slot`] a few rows before).
    pub(in crate::data::import) fn warm_record(&self, code: &str) {
        let hash = self.hash(code);
        if let Some(at) = Self::record_of(self.slots[self.first_slot(hash)], hash) {
            prefetch(&self.records[at]);
            if let Some(end) = self.records.get(at + 63) {
                prefetch(end);
            }
        }
    }

    /// The 4 bytes at `at` of the records, as a number.
    fn word(&self, at: usize) -> u32 {
        let bytes = self.records[at..at + 4].try_into().expect("4 bytes");
        u32::from_ne_bytes(bytes)
    }

    /// The member with this credit code, if the roster lists it.
    pub(super) fn listed(&self, code: &str) -> Option<Listed<'_>> {
        let at = self.find(code, self.hash(code))?;
        let sym = self.syms[self.word(at + INDEX_AT) as usize];
        let name_len = self.word(at + NAME_LEN_AT) as usize;
        let name = &self.records[at + NAME_AT..at + NAME_AT + name_len];
        // SAFETY: the bytes were copied from a member's name, a `str`, and the range is
        // exactly the one they were copied to.
        let name = unsafe { std::str::from_utf8_unchecked(name) };
        Some(Listed { name, sym })
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

    #[test]
    fn every_member_of_a_large_roster_is_found_by_its_code_and_no_other_code_is() {
        let code = |i: usize| format!("914406{i:011}X");
        let members: Vec<Member> = (0..20_000)
            .map(|i| member(&code(i), &format!("佛山市第{i}陶瓷有限公司")))
            .collect();
        let mut strings = Strings::default();
        let roster = Roster::new(members.iter(), &mut strings);
        for (i, m) in members.iter().enumerate() {
            roster.warm_slot(&m.code);
            roster.warm_record(&m.code);
            let listed = roster.listed(&m.code).unwrap();
            assert_eq!(listed.name, m.name);
            assert_eq!(roster.code(i as u32), (m.code.as_str(), listed.sym));
        }
        for i in 20_000..40_000 {
            roster.warm_record(&code(i));
            assert!(roster.listed(&code(i)).is_none());
        }
        // Warming a code that could never be listed is only a hint, too.
        roster.warm_slot("");
        roster.warm_record("914406");
    }
}
