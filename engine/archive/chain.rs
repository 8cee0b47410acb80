//! The hash chain: each run's hash covers the previous run's hash and the run's content, every
//! column of the run and the digest of every one of its credit rows, so a row or run changed,
//! added or deleted behind the program's back (with the triggers dropped) no longer matches.
//!
//! Values are hashed in a canonical form that does not depend on how SQLite stores them: a type
//! tag, then an integer's or a real's 8 bytes, or a text's length and bytes.

use rusqlite::types::Value;
use sha2::{Digest, Sha256};

/// The hash a chain starts from, before the first run.
pub(super) const GENESIS: &str = "";

/// Feeds one value in its canonical form.
fn feed(hasher: &mut Sha256, value: &Value) {
    match value {
        Value::Null => hasher.update([0u8]),
        Value::Integer(i) => {
            hasher.update([1u8]);
            hasher.update(i.to_le_bytes());
        }
        Value::Real(x) => {
            hasher.update([2u8]);
            hasher.update(x.to_bits().to_le_bytes());
        }
        Value::Text(s) => {
            hasher.update([3u8]);
            hasher.update((s.len() as u64).to_le_bytes());
            hasher.update(s.as_bytes());
        }
        Value::Blob(b) => {
            hasher.update([4u8]);
            hasher.update((b.len() as u64).to_le_bytes());
            hasher.update(b);
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of one credit row: its columns in [`super::schema::CREDIT_COLUMNS`] order.
pub(super) fn row_digest(values: &[Value]) -> String {
    let mut hasher = Sha256::new();
    values.iter().for_each(|v| feed(&mut hasher, v));
    hex(&hasher.finalize())
}

/// The content hash of a run: its columns in [`super::schema::RUN_COLUMNS`] order, then its
/// number of rows and each row's digest in key order.
pub(super) fn content_hash<'a>(run: &[Value], rows: impl Iterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    run.iter().for_each(|v| feed(&mut hasher, v));
    for digest in rows {
        feed(&mut hasher, &Value::Text(digest.to_string()));
    }
    hex(&hasher.finalize())
}

/// A run's link in the chain: the previous run's hash, then its content hash.
pub(super) fn run_hash(previous: &str, content: &str) -> String {
    let mut hasher = Sha256::new();
    feed(&mut hasher, &Value::Text(previous.to_string()));
    feed(&mut hasher, &Value::Text(content.to_string()));
    hex(&hasher.finalize())
}
