//! The audit chain's hashing: what each event's SHA-256 covers, shared by the store that writes
//! events and by `verify`, which recomputes them.

use sha2::{Digest, Sha256};

/// The hash the first event chains from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A raw event row, as stored, for verification.
pub struct RawEvent {
    pub id: i64,
    pub at: String,
    pub editor: String,
    pub action: String,
    pub table: String,
    pub row_id: i64,
    pub claim_id: Option<i64>,
    pub old_values: Option<String>,
    pub new_values: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The content an event's hash covers, serialised unambiguously.
#[allow(clippy::too_many_arguments)]
pub fn event_hash(
    prev_hash: &str,
    id: i64,
    at: &str,
    editor: &str,
    action: &str,
    table: &str,
    row_id: i64,
    claim_id: Option<i64>,
    old_values: Option<&str>,
    new_values: Option<&str>,
) -> String {
    let content =
        serde_json::to_string(&(prev_hash, id, at, editor, action, table, row_id, claim_id, old_values, new_values))
            .expect("tuples of strings and numbers serialise");
    hex(&Sha256::digest(content.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
