//! The hash chain: each run's hash covers the previous run's hash and the run's content, every
//! column of the run (the digest of its shared wording among them) and the digest of every one
//! of its credit rows, so a row, a wording entry or a run changed, added or deleted behind the
//! program's back (with the triggers dropped) no longer matches.
//!
//! Values are hashed in a canonical form that does not depend on how SQLite stores them: a type
//! tag, then an integer's or a real's 8 bytes, or a text's or a blob's length and bytes. They
//! are fed as borrowed values, straight from the columns being written or read.

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// The hash a chain starts from, before the first run.
pub(super) const GENESIS: &str = "";

/// Feeds one value in its canonical form.
pub(super) fn feed(hasher: &mut Sha256, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hasher.update([0u8]),
        ValueRef::Integer(i) => {
            hasher.update([1u8]);
            hasher.update(i.to_le_bytes());
        }
        ValueRef::Real(x) => {
            hasher.update([2u8]);
            hasher.update(x.to_bits().to_le_bytes());
        }
        ValueRef::Text(s) => {
            hasher.update([3u8]);
            hasher.update((s.len() as u64).to_le_bytes());
            hasher.update(s);
        }
        ValueRef::Blob(b) => {
            hasher.update([4u8]);
            hasher.update((b.len() as u64).to_le_bytes());
            hasher.update(b);
        }
    }
}

/// Lower-case hexadecimal.
pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The digest of one row: its values in order.
pub(super) fn digest<'a>(values: impl IntoIterator<Item = ValueRef<'a>>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    values.into_iter().for_each(|v| feed(&mut hasher, v));
    hasher.finalize().into()
}

/// The content hash of a run: its columns in [`super::schema::RUN_COLUMNS`] order, then each
/// of its rows' digests in key order.
pub(super) fn content_hash<'a>(
    run: &[ValueRef<'_>],
    rows: impl Iterator<Item = ValueRef<'a>>,
) -> String {
    let mut hasher = Sha256::new();
    run.iter().for_each(|v| feed(&mut hasher, *v));
    rows.for_each(|d| feed(&mut hasher, d));
    hex(&hasher.finalize())
}

/// A run's link in the chain: the previous run's hash, then its content hash.
pub(super) fn run_hash(previous: &str, content: &str) -> String {
    let mut hasher = Sha256::new();
    feed(&mut hasher, ValueRef::Text(previous.as_bytes()));
    feed(&mut hasher, ValueRef::Text(content.as_bytes()));
    hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_hashed_by_type_and_length() {
        let text = digest([ValueRef::Text(b"1")]);
        let integer = digest([ValueRef::Integer(1)]);
        let blob = digest([ValueRef::Blob(b"1")]);
        assert_ne!(text, integer);
        assert_ne!(text, blob);
        let split = digest([ValueRef::Text(b"ab"), ValueRef::Text(b"c")]);
        let joined = digest([ValueRef::Text(b"a"), ValueRef::Text(b"bc")]);
        assert_ne!(split, joined);
        assert_eq!(hex(&[0x0f, 0xa0]), "0fa0");
    }
}
