//! The audit chain's hashing: what each event's SHA-256 covers, shared by the store that
//! writes events and by `verify`, which recomputes them. (Over 400 lines with its tests: the
//! event hash, an import's row digest, redaction markers and the first format's hashing are
//! one scheme, and each part is tested here.)
//!
//! An event's hash covers the previous event's hash, the event's own fields,
//! its change (when, who, which command) and, for every recorded value, the
//! value's SHA-256 — not the value itself. So `redact` can later replace a
//! value with a marker that keeps its digest (`{"redacted": "<hex>"}`), and the
//! chain still verifies.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// What the first event of a new ledger chains from.
pub const GENESIS: Hash = [0; 32];

/// The key of a redaction marker: `{"redacted": "<hex digest of the value it replaced>"}`.
pub const REDACTED: &str = "redacted";

/// Who made a change, when, and with which command; every event of the change shares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    pub at: String,
    pub editor: String,
    pub command: String,
}

/// One event as stored.
#[derive(Clone, Debug)]
pub struct ChainEvent {
    pub id: i64,
    pub change: Change,
    /// `insert`, `update`, `delete` or `redact`.
    pub action: String,
    pub table: String,
    pub row_id: i64,
    pub claim_id: Option<i64>,
    /// insert: the new row's columns; update: `{column: [old, new]}` for the
    /// columns that changed; delete: the old row's columns; redact:
    /// `{"column", "digest", "reason"}`.
    pub data: Map<String, Value>,
    pub hash: Hash,
}

/// The time columns an insert or delete may leave out when they equal the change's
/// time: the change already records it, and a million claims need not carry it twice.
pub fn time_columns(table: &str) -> &'static [&'static str] {
    match table {
        "claims" => &["created_at", "updated_at"],
        "settings" => &[],
        _ => &["created_at"],
    }
}

/// The recorded form of a row: null columns left out, and time columns that equal `at`.
pub fn compact(table: &str, row: &mut Map<String, Value>, at: &str) {
    row.retain(|column, value| recorded(table, column, value, at));
}

/// Whether a column stays in a row's recorded form (see [`compact`]).
pub fn recorded(table: &str, column: &str, value: &Value, at: &str) -> bool {
    let left_to_change = time_columns(table).contains(&column) && value.as_str() == Some(at);
    !value.is_null() && !left_to_change
}

/// A recorded row with the time columns it left to its change put back (null columns stay implicit).
pub fn expand(table: &str, row: &mut Map<String, Value>, at: &str) {
    for column in time_columns(table) {
        row.entry(column.to_string()).or_insert_with(|| Value::String(at.to_string()));
    }
}

/// The digest a value is recorded under: SHA-256 of its JSON, or the digest a redaction marker keeps.
pub fn digest(value: &Value) -> Hash {
    if let Some(kept) = marker_digest(value) {
        return kept;
    }
    // The JSON goes straight into the hash: the same bytes as `value.to_string()`, no string.
    let mut hash = Sha256::new();
    serde_json::to_writer(Hashing(&mut hash), value).expect("a JSON value always serialises, and hashing cannot fail");
    hash.finalize().into()
}

/// Bytes written here are hashed.
struct Hashing<'h>(&'h mut Sha256);

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The digest kept by a redaction marker, if `value` is one.
pub fn marker_digest(value: &Value) -> Option<Hash> {
    let Value::Object(map) = value else { return None };
    if map.len() != 1 {
        return None;
    }
    map.get(REDACTED).and_then(Value::as_str).and_then(from_hex)
}

/// The marker that replaces a redacted value.
pub fn marker(value: &Value) -> Value {
    marker_keeping(&hex(&digest(value)))
}

/// The marker that keeps a digest (in hex) recorded elsewhere, as a redact event records it.
pub fn marker_keeping(digest: &str) -> Value {
    let mut map = Map::new();
    map.insert(REDACTED.into(), Value::String(digest.into()));
    Value::Object(map)
}

/// The hash of `event` chained to `prev`.
pub fn event_hash(prev: &Hash, event: &ChainEvent) -> Hash {
    let mut h = Sha256::new();
    h.update(b"claimtrack event v2");
    h.update(prev);
    h.update(event.id.to_be_bytes());
    h.update(event.change.id.to_be_bytes());
    for text in [&event.change.at, &event.change.editor, &event.change.command, &event.action, &event.table] {
        put(&mut h, text.as_bytes());
    }
    h.update(event.row_id.to_be_bytes());
    match event.claim_id {
        Some(id) => {
            h.update([1]);
            h.update(id.to_be_bytes());
        }
        None => h.update([0]),
    }
    // A map keeps its keys sorted, so the order is the same on every machine.
    h.update((event.data.len() as u64).to_be_bytes());
    for (column, value) in &event.data {
        put(&mut h, column.as_bytes());
        match (event.action.as_str(), value) {
            ("update", Value::Array(pair)) => {
                h.update([2]);
                for side in pair {
                    h.update(digest(side));
                }
            }
            _ => {
                h.update([1]);
                h.update(digest(value));
            }
        }
    }
    h.finalize().into()
}

/// The digest of the rows a bulk import wrote, which its `import` event records in
/// place of one event per row. Each row (id order) adds its id and, for each column
/// of its recorded form, the column's name and the value's [`digest`] — so a
/// redaction marker, which keeps its value's digest, leaves the rows' digest intact.
pub struct RowsDigest {
    hash: Sha256,
    rows: u64,
}

impl RowsDigest {
    pub fn new() -> RowsDigest {
        let mut hash = Sha256::new();
        hash.update(b"claimtrack imported rows v1");
        RowsDigest { hash, rows: 0 }
    }

    /// Adds one row, in its recorded form (see [`compact`]); rows must come in id order.
    pub fn add(&mut self, id: i64, row: &Map<String, Value>) {
        self.add_columns(id, row.iter().map(|(column, value)| (column.as_str(), value)));
    }

    /// [`RowsDigest::add`] for a row given as its recorded columns in the order of their names
    /// (a [`Map`]'s order), without building the map.
    pub fn add_columns<'r>(&mut self, id: i64, columns: impl ExactSizeIterator<Item = (&'r str, &'r Value)>) {
        self.rows += 1;
        self.hash.update(id.to_be_bytes());
        self.hash.update((columns.len() as u64).to_be_bytes());
        for (column, value) in columns {
            put(&mut self.hash, column.as_bytes());
            self.hash.update(digest(value));
        }
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(self) -> Hash {
        self.hash.finalize().into()
    }
}

impl Default for RowsDigest {
    fn default() -> Self {
        RowsDigest::new()
    }
}

/// Length-prefixed bytes, so that no two different field lists hash alike.
fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// What the first event of a ledger upgraded from schema 1 chains from: the
/// old chain's head and every old hash, so an anchor taken before the upgrade
/// still checks against the table of old hashes, and that table cannot be
/// edited without breaking the new chain.
pub fn legacy_origin(old_hashes: &[Hash]) -> Hash {
    let mut h = Sha256::new();
    h.update(b"claimtrack chain continued from schema 1");
    h.update((old_hashes.len() as u64).to_be_bytes());
    for hash in old_hashes {
        h.update(hash);
    }
    h.finalize().into()
}

/// SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// 64 hex digits as a hash.
pub fn from_hex(text: &str) -> Option<Hash> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0_u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// A chain head kept outside the ledger: `ID:HASH`, the last event's id and hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub id: i64,
    pub hash: Hash,
}

impl Anchor {
    /// Reads `ID:HASH` (64 hex digits).
    pub fn parse(text: &str) -> Result<Anchor, String> {
        let text = text.trim();
        let (id, hash) = text.split_once(':').ok_or_else(|| format!("{text:?} is not an anchor (ID:HASH)"))?;
        let id: i64 =
            id.parse().ok().filter(|id| *id > 0).ok_or_else(|| format!("{text:?}: {id:?} is not an event id"))?;
        let hash =
            from_hex(&hash.to_ascii_lowercase()).ok_or_else(|| format!("{text:?}: the hash must be 64 hex digits"))?;
        Ok(Anchor { id, hash })
    }
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.id, hex(&self.hash))
    }
}

/// The hash format of schema 1, kept to check an old chain before it is converted.
pub mod v1 {
    use sha2::{Digest, Sha256};

    /// The hash the first schema-1 event chained from.
    pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    /// A schema-1 event row.
    pub struct Event {
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

    /// Whether `e`, at `position` in the log, follows the hash before it (`prev`).
    pub fn follows(e: &Event, position: usize, prev: &str) -> bool {
        e.id == position as i64 + 1 && e.prev_hash == prev
    }

    /// What the lasting chain of a ledger upgraded from this log starts from:
    /// the genesis hash for an empty log, else a hash over every old hash.
    pub fn origin(events: &[Event]) -> super::Hash {
        let hashes: Vec<super::Hash> = events.iter().filter_map(|e| super::from_hex(&e.hash)).collect();
        if hashes.is_empty() { super::GENESIS } else { super::legacy_origin(&hashes) }
    }

    /// What a schema-1 event becomes in the lasting format: its data (an
    /// insert's new row, an update's changed columns, a delete's old row).
    pub fn converted(e: &Event) -> Result<serde_json::Map<String, serde_json::Value>, String> {
        use serde_json::{Map, Value};
        let row = |json: Option<&str>| -> Result<Option<Map<String, Value>>, String> {
            let Some(json) = json else { return Ok(None) };
            match serde_json::from_str(json) {
                Ok(Value::Object(mut map)) => {
                    map.remove("id");
                    Ok(Some(map))
                }
                _ => Err(format!("schema-1 event {} holds a snapshot that is not a JSON object", e.id)),
            }
        };
        let (before, after) = (row(e.old_values.as_deref())?, row(e.new_values.as_deref())?);
        let data = match (e.action.as_str(), before, after) {
            ("insert", _, Some(new)) => new,
            ("delete", Some(old), _) => old,
            ("update", Some(mut old), Some(new)) => new
                .into_iter()
                .filter_map(|(column, value)| {
                    let before = old.remove(&column).unwrap_or(Value::Null);
                    (before != value).then(|| (column, Value::Array(vec![before, value])))
                })
                .collect(),
            (action, ..) => return Err(format!("schema-1 event {} ({action}) is missing its snapshot", e.id)),
        };
        Ok(data)
    }

    /// What a schema-1 event's hash covered.
    pub fn event_hash(e: &Event) -> String {
        let content = serde_json::to_string(&(
            &e.prev_hash,
            e.id,
            &e.at,
            &e.editor,
            &e.action,
            &e.table,
            e.row_id,
            e.claim_id,
            e.old_values.as_deref(),
            e.new_values.as_deref(),
        ))
        .expect("tuples of strings and numbers serialise");
        super::hex(&Sha256::digest(content.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_added_as_columns_digests_as_its_compacted_map() {
        let at = "2026-01-01T00:00:00Z";
        let cells = [
            ("text", serde_json::json!("Turkey will send troops")),
            ("created_at", serde_json::json!(at)),
            ("updated_at", serde_json::json!("2026-02-01T00:00:00Z")),
            ("due", Value::Null),
            ("stage", serde_json::json!("open")),
        ];
        let mut row: Map<String, Value> = cells.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        compact("claims", &mut row, at);
        let mut by_map = RowsDigest::new();
        by_map.add(7, &row);
        let mut sorted: Vec<&(&str, Value)> = cells.iter().filter(|(k, v)| recorded("claims", k, v, at)).collect();
        sorted.sort_by_key(|(k, _)| *k);
        let mut by_columns = RowsDigest::new();
        by_columns.add_columns(7, sorted.iter().map(|(k, v)| (*k, v)));
        assert_eq!(row.len(), 3);
        assert_eq!(by_map.finish(), by_columns.finish());
    }

    #[test]
    fn a_value_digest_is_the_hash_of_its_json_text() {
        for value in [
            serde_json::json!("Turkey will send \"1,500\" troops\n\u{202e}— تركيا"),
            serde_json::json!(1500),
            serde_json::json!(-2.5),
            serde_json::json!({"b": [1, null, true], "a": "x"}),
        ] {
            let expected: Hash = Sha256::digest(value.to_string().as_bytes()).into();
            assert_eq!(digest(&value), expected, "{value}");
        }
    }

    fn event(data: Value) -> ChainEvent {
        ChainEvent {
            id: 7,
            change: Change {
                id: 3,
                at: "2025-09-22T10:00:00Z".into(),
                editor: "amina".into(),
                command: "claim add".into(),
            },
            action: "insert".into(),
            table: "claims".into(),
            row_id: 5,
            claim_id: Some(5),
            data: data.as_object().unwrap().clone(),
            hash: GENESIS,
        }
    }

    #[test]
    fn a_marker_hashes_like_the_value_it_replaced() {
        let original = event(serde_json::json!({"text": "Confidential source: Ali", "status": "active"}));
        let mut redacted = original.clone();
        let text = redacted.data["text"].clone();
        redacted.data.insert("text".into(), marker(&text));
        assert_eq!(event_hash(&GENESIS, &original), event_hash(&GENESIS, &redacted));
    }

    #[test]
    fn every_field_counts() {
        let base = event(serde_json::json!({"text": "A"}));
        let hash = event_hash(&GENESIS, &base);
        let mut changed = base.clone();
        changed.change.editor = "mallory".into();
        assert_ne!(event_hash(&GENESIS, &changed), hash);
        let mut changed = base.clone();
        changed.data.insert("text".into(), Value::String("B".into()));
        assert_ne!(event_hash(&GENESIS, &changed), hash);
        let mut changed = base.clone();
        changed.claim_id = None;
        assert_ne!(event_hash(&GENESIS, &changed), hash);
        assert_ne!(event_hash(&[1; 32], &base), hash, "the previous hash counts");
        // A forged marker with the wrong digest does not hash like the value.
        let mut forged = base.clone();
        forged.data.insert("text".into(), serde_json::json!({"redacted": hex(&[9; 32])}));
        assert_ne!(event_hash(&GENESIS, &forged), hash);
    }

    #[test]
    fn anchors_read_back_what_they_print() {
        let anchor = Anchor { id: 57, hash: sha256(b"head") };
        assert_eq!(Anchor::parse(&anchor.to_string()), Ok(anchor));
        assert_eq!(Anchor::parse(&anchor.to_string().to_uppercase()), Ok(anchor));
        assert!(Anchor::parse("57").is_err());
        assert!(Anchor::parse("x:00").is_err());
        assert!(Anchor::parse("0:0000000000000000000000000000000000000000000000000000000000000000").is_err());
    }

    #[test]
    fn hex_round_trips() {
        let hash = sha256(b"claimtrack");
        assert_eq!(from_hex(&hex(&hash)), Some(hash));
        assert_eq!(from_hex("zz"), None);
    }
}
