//! Checking the audit chain: every hash recomputes, every event follows its predecessor, and
//! replaying the events rebuilds every row exactly as it stands in the tables. Over 400 lines
//! with its tests: the replay of each action, the schema-1 check and the rebuilding of an
//! import's rows all feed the one replayed state.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::chain::{self, ChainEvent, Hash, v1};

/// A row as the log says it should be: its columns, or `None` once deleted.
type RowState = Option<Map<String, Value>>;

/// Rows of one table as (id, columns).
pub type Rows = Vec<(i64, Map<String, Value>)>;

/// Walks the events in id order, replaying them.
pub struct ChainCheck {
    prev_hash: Hash,
    prev_id: Option<i64>,
    /// The change of the event visited last: change ids never decrease along the log.
    prev_change: i64,
    pub events: u64,
    pub problems: Vec<String>,
    /// (table, row id) → the row the events so far describe.
    state: HashMap<(String, i64), RowState>,
    /// Deleted rows as their delete events left them, for redactions of what they held.
    deleted: HashMap<(String, i64), Map<String, Value>>,
    /// Redaction markers met in events, each of which a later redact event must account for.
    markers: Vec<((String, i64, String), i64)>,
    /// (table, row, column) → the last redact event that redacted it.
    redacted: HashMap<(String, i64, String), i64>,
    /// Import event id → the rows it added, as they stood when it was recorded (see [`imported_rows`]).
    imported: HashMap<i64, Rows>,
}

/// How many problems `verify` spells out before summarising.
const SHOWN: usize = 20;

impl ChainCheck {
    /// A check of a chain that starts from `origin` (the genesis hash, or the old chain's summary).
    pub fn new(origin: Hash) -> ChainCheck {
        ChainCheck {
            prev_hash: origin,
            prev_id: None,
            prev_change: 0,
            events: 0,
            problems: Vec::new(),
            state: HashMap::new(),
            deleted: HashMap::new(),
            markers: Vec::new(),
            redacted: HashMap::new(),
            imported: HashMap::new(),
        }
    }

    /// The rows import event `event` added, for the replay to create when it reaches it.
    pub fn expect_import(&mut self, event: i64, rows: Rows) {
        self.imported.insert(event, rows);
    }

    /// The hash of the last event visited (the chain's head).
    pub fn head(&self) -> Option<(i64, Hash)> {
        self.prev_id.map(|id| (id, self.prev_hash))
    }

    pub fn visit(&mut self, event: ChainEvent) {
        self.events += 1;
        // Ids may skip where the chain still links: one newsroom's chain from a shared server
        // interleaves with the others', and a write rolled back there spends sequence numbers.
        let linked = chain::event_hash(&self.prev_hash, &event) == event.hash;
        if let Some(prev) = self.prev_id
            && (event.id <= prev || (event.id != prev + 1 && !linked))
        {
            self.problem(format!("event {} follows event {prev}: events are missing from the log", event.id));
        }
        // One change is one transaction: its events are consecutive, and changes come in order.
        if event.change.id < self.prev_change {
            self.problem(format!(
                "event {} belongs to change {}, older than change {} of the event before it: the log is out of order",
                event.id, event.change.id, self.prev_change
            ));
        }
        self.prev_change = event.change.id;
        if !linked {
            self.problem(format!(
                "event {} was altered, or an event before it was removed: its hash no longer matches",
                event.id
            ));
        }
        self.prev_id = Some(event.id);
        self.prev_hash = event.hash;
        for (column, value) in &event.data {
            let values: &[Value] = match (event.action.as_str(), value) {
                ("update", Value::Array(pair)) => pair,
                _ => std::slice::from_ref(value),
            };
            if values.iter().any(|v| chain::marker_digest(v).is_some()) {
                self.markers.push(((event.table.clone(), event.row_id, column.clone()), event.id));
            }
        }
        self.replay(event);
    }

    fn replay(&mut self, event: ChainEvent) {
        let key = (event.table.clone(), event.row_id);
        let (table, row, id) = (&event.table, event.row_id, event.id);
        match event.action.as_str() {
            "insert" => {
                match self.state.get(&key) {
                    Some(Some(_)) => {
                        self.problem(format!("event {id} inserts {table} row {row}, which already exists"))
                    }
                    // An undo brings a deleted row back as itself; an id never names another row.
                    Some(None) if self.deleted.get(&key).is_some_and(|gone| same_row(gone, &expanded(&event))) => {}
                    Some(None) => self.problem(format!(
                        "event {id} inserts {table} row {row} again after it was deleted, as another row: row ids must never be reused"
                    )),
                    None => {}
                }
                let mut data = event.data;
                chain::expand(table, &mut data, &event.change.at);
                self.state.insert(key, Some(data));
            }
            "update" => {
                let Some(Some(current)) = self.state.get_mut(&key) else {
                    return self.problem(format!("event {id} updates {table} row {row}, which the log never created"));
                };
                let mut mismatched = Vec::new();
                for (column, change) in event.data {
                    let Value::Array(mut pair) = change else {
                        mismatched.push(column);
                        continue;
                    };
                    let (Some(new), Some(old)) = (pair.pop(), pair.pop()) else {
                        mismatched.push(column);
                        continue;
                    };
                    if chain::digest(current.get(&column).unwrap_or(&Value::Null)) != chain::digest(&old) {
                        mismatched.push(column.clone());
                    }
                    current.insert(column, new);
                }
                if !mismatched.is_empty() {
                    self.problem(format!(
                        "event {id} changes {table} row {row} from values the log never recorded ({})",
                        mismatched.join(", ")
                    ));
                }
            }
            "delete" => {
                let mut data = event.data;
                chain::expand(table, &mut data, &event.change.at);
                match self.state.get(&key) {
                    Some(Some(current)) if same_row(current, &data) => {}
                    Some(Some(_)) => self.problem(format!(
                        "event {id} deletes {table} row {row} as it never was in the log (it was changed outside claimtrack first)"
                    )),
                    _ => self.problem(format!("event {id} deletes {table} row {row}, which the log never created")),
                }
                self.deleted.insert(key.clone(), data);
                self.state.insert(key, None);
            }
            "redact" => {
                let column = event.data.get("column").and_then(Value::as_str).unwrap_or_default().to_string();
                let kept = event.data.get("digest").and_then(Value::as_str).and_then(chain::from_hex);
                match self.state.get_mut(&key) {
                    Some(Some(current)) if kept.is_some() && current.get(&column).map(chain::digest) == kept => {
                        current.insert(column.clone(), Value::String(redacted_text(id)));
                    }
                    // A column the log does not carry (an article's text, kept by its hash): nothing to replay.
                    Some(Some(current)) if kept.is_some() && !current.contains_key(&column) => {}
                    // A deleted row's value, which lives on in its events.
                    Some(None)
                        if kept.is_some()
                            && self.deleted.get(&key).and_then(|row| row.get(&column)).map(chain::digest) == kept => {}
                    _ => self.problem(format!(
                        "event {id} redacts {table} row {row}'s {column}, but the value it names is not the one the log had"
                    )),
                }
                self.redacted.insert((table.clone(), row, column), id);
            }
            "import" => {
                for (row, data) in self.imported.remove(&id).unwrap_or_default() {
                    let key = (table.clone(), row);
                    if self.state.contains_key(&key) {
                        self.problem(format!("event {id} imports {table} row {row}, which the log already had"));
                    }
                    self.state.insert(key, Some(data));
                }
            }
            other => self.problem(format!("event {id} has an unknown action {other:?}")),
        }
    }

    /// Compares a table's current rows (id, columns) with what the replayed log says they should be.
    pub fn compare_table(&mut self, table: &str, rows: Vec<(i64, Map<String, Value>)>) {
        let mut present = HashSet::new();
        for (id, row) in rows {
            present.insert(id);
            match self.state.get(&(table.to_string(), id)) {
                None => self.problem(format!("{table} row {id} was written without an audit event")),
                Some(None) => self.problem(format!("{table} row {id} was deleted in the log but is present")),
                Some(Some(logged)) if !same_row(logged, &row) => {
                    let columns: Vec<&str> = row
                        .iter()
                        .filter(|(k, v)| chain::digest(logged.get(*k).unwrap_or(&Value::Null)) != chain::digest(v))
                        .map(|(k, _)| k.as_str())
                        .collect();
                    self.problem(format!(
                        "{table} row {id} was changed outside claimtrack ({} differ from the audit log)",
                        if columns.is_empty() { "its columns".to_string() } else { columns.join(", ") }
                    ))
                }
                Some(Some(_)) => {}
            }
        }
        let mut missing: Vec<i64> = self
            .state
            .iter()
            .filter(|((t, id), state)| t == table && state.is_some() && !present.contains(id))
            .map(|((_, id), _)| *id)
            .collect();
        missing.sort_unstable();
        for id in missing {
            self.problem(format!("{table} row {id} was deleted outside claimtrack"));
        }
    }

    /// After every event: each redaction marker in the log is accounted for by a
    /// redact event of the same field that comes after it (a later value cannot be
    /// hidden behind an earlier redaction).
    pub fn finish(&mut self) {
        let mut unaccounted: Vec<(i64, String)> = self
            .markers
            .iter()
            .filter(|(key, event)| self.redacted.get(key).is_none_or(|redact| redact < event))
            .map(|((table, row, column), event)| (*event, format!("{table} row {row}'s {column}")))
            .collect();
        unaccounted.sort();
        unaccounted.dedup();
        for (event, what) in unaccounted {
            self.problem(format!("event {event} hides {what} behind a redaction marker that no redact event records"));
        }
    }

    /// Checks the schema-1 log kept after an upgrade: its old chain recomputes
    /// (an event a redaction scrubbed excepted), and each converted event says
    /// what its old event said (a redacted field excepted). `converted` holds the
    /// events with the old events' ids, as they are stored.
    pub fn check_v1(&mut self, old: &[v1::Event], converted: &HashMap<i64, ChainEvent>) {
        let mut prev = v1::GENESIS;
        for (i, e) in old.iter().enumerate() {
            let scrubbed = |check: &Self| {
                check.redacted.iter().any(|((t, r, _), n)| {
                    *t == e.table
                        && *r == e.row_id
                        && [&e.old_values, &e.new_values]
                            .into_iter()
                            .flatten()
                            .any(|json| json.contains(&redacted_text(*n)))
                })
            };
            if !v1::follows(e, i, prev) || (v1::event_hash(e) != e.hash && !scrubbed(self)) {
                self.problem(format!(
                    "schema-1 event {} was altered after the upgrade: the old chain no longer recomputes",
                    e.id
                ));
            }
            prev = &e.hash;
            let Some(new) = converted.get(&e.id) else {
                self.problem(format!("schema-1 event {} has no converted event", e.id));
                continue;
            };
            let expected = match v1::converted(e) {
                Ok(mut data) => {
                    if matches!(e.action.as_str(), "insert" | "delete") {
                        chain::compact(&e.table, &mut data, &e.at);
                    }
                    data
                }
                Err(why) => {
                    self.problem(why);
                    continue;
                }
            };
            let same_fields = new.action == e.action
                && new.table == e.table
                && new.row_id == e.row_id
                && new.claim_id == e.claim_id
                && new.change.at == e.at
                && new.change.editor == e.editor;
            let null = Value::Null;
            let differing = expected.keys().chain(new.data.keys()).any(|column| {
                let (a, b) = (expected.get(column).unwrap_or(&null), new.data.get(column).unwrap_or(&null));
                let sides = |v: &Value| match (new.action.as_str(), v) {
                    ("update", Value::Array(pair)) => pair.iter().map(chain::digest).collect::<Vec<_>>(),
                    _ => vec![chain::digest(v)],
                };
                sides(a) != sides(b) && self.redaction_of(&e.table, e.row_id, column).is_none()
            });
            if !same_fields || differing {
                self.problem(format!(
                    "event {} no longer says what schema-1 event {} said: the converted log was rewritten",
                    e.id, e.id
                ));
            }
        }
    }

    /// The last redact event of a field, if it was redacted.
    pub fn redaction_of(&self, table: &str, row: i64, column: &str) -> Option<i64> {
        self.redacted.get(&(table.to_string(), row, column.to_string())).copied()
    }

    pub fn problem(&mut self, text: String) {
        if self.problems.len() < SHOWN {
            self.problems.push(text);
        } else if self.problems.len() == SHOWN {
            self.problems.push("… and more problems (fix the ones above first)".into());
        }
    }
}

/// Which import event's rows a later event is about: per table, the imports' id ranges
/// (which never overlap), in order.
pub struct ImportRanges {
    by_table: HashMap<String, Vec<(i64, i64, i64, usize)>>,
}

impl ImportRanges {
    /// From each import event with the last row it covers, in the order given.
    pub fn new<'e>(imports: impl IntoIterator<Item = (&'e ChainEvent, i64)>) -> ImportRanges {
        let mut by_table: HashMap<String, Vec<(i64, i64, i64, usize)>> = HashMap::new();
        for (index, (import, last)) in imports.into_iter().enumerate() {
            by_table.entry(import.table.clone()).or_default().push((import.row_id, last, import.id, index));
        }
        for ranges in by_table.values_mut() {
            ranges.sort_unstable();
        }
        ImportRanges { by_table }
    }

    /// The index of the import whose rows `event` changed after it, if any.
    pub fn covering(&self, event: &ChainEvent) -> Option<usize> {
        if event.action == "import" {
            return None;
        }
        let ranges = self.by_table.get(&event.table)?;
        let at = ranges.partition_point(|&(first, ..)| first <= event.row_id).checked_sub(1)?;
        let (_, last, import, index) = ranges[at];
        (event.row_id <= last && event.id > import).then_some(index)
    }
}

/// The rows an `import` event added, as they stood when it was recorded: the rows of
/// its range as they stand now (`current`, id order), with every later event on them
/// (`later`, oldest first) undone — an update's old values put back, a deleted row
/// taken from its delete event, a redacted value replaced by a marker that keeps its
/// digest. Returns them in their replayed form, and whether they still hash to the
/// event's digest: when they do not, a row was added, removed or changed outside claimtrack.
pub fn imported_rows(import: &ChainEvent, current: Rows, later: &[ChainEvent]) -> (Rows, bool) {
    let mut rows: std::collections::BTreeMap<i64, Option<Map<String, Value>>> =
        current.into_iter().map(|(id, row)| (id, Some(row))).collect();
    for event in later.iter().rev() {
        let row = rows.entry(event.row_id).or_insert(None);
        match event.action.as_str() {
            "update" => {
                if let Some(row) = row {
                    for (column, pair) in &event.data {
                        if let Value::Array(pair) = pair
                            && let Some(old) = pair.first()
                        {
                            row.insert(column.clone(), old.clone());
                        }
                    }
                }
            }
            "delete" => *row = Some(expanded(event)),
            "insert" => *row = None,
            "redact" => {
                let column = event.data.get("column").and_then(Value::as_str).unwrap_or_default();
                let digest = event.data.get("digest").and_then(Value::as_str).unwrap_or_default();
                if let Some(row) = row
                    && row.contains_key(column)
                {
                    row.insert(column.into(), chain::marker_keeping(digest));
                }
            }
            _ => {}
        }
    }
    let mut digest = chain::RowsDigest::new();
    let mut out = Vec::new();
    for (id, row) in rows {
        let Some(mut row) = row else { continue };
        chain::compact(&import.table, &mut row, &import.change.at);
        digest.add(id, &row);
        chain::expand(&import.table, &mut row, &import.change.at);
        out.push((id, row));
    }
    let recorded = import.data.get("digest").and_then(Value::as_str).and_then(chain::from_hex);
    let rows = import.data.get("rows").and_then(Value::as_u64);
    let intact = rows == Some(digest.rows()) && recorded == Some(digest.finish());
    (out, intact)
}

/// The text a redacted value leaves in its row: it names the redact event, so it is unique.
pub fn redacted_text(event: i64) -> String {
    format!("[redacted in event {event}]")
}

/// An insert or delete event's row with the time columns it left to its change put back.
fn expanded(event: &ChainEvent) -> Map<String, Value> {
    let mut row = event.data.clone();
    chain::expand(&event.table, &mut row, &event.change.at);
    row
}

/// Two rows are the same when every column has the same digest (a marker matches
/// the value it replaced; a column left out is null).
fn same_row(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    let null = Value::Null;
    a.keys()
        .chain(b.keys())
        .all(|k| chain::digest(a.get(k).unwrap_or(&null)) == chain::digest(b.get(k).unwrap_or(&null)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::chain::{Change, GENESIS};

    fn chain_of(events: Vec<(&str, &str, i64, Value)>) -> Vec<ChainEvent> {
        let mut prev = GENESIS;
        let mut out = Vec::new();
        for (i, (action, table, row, data)) in events.into_iter().enumerate() {
            let mut event = ChainEvent {
                id: i as i64 + 1,
                change: Change {
                    id: 1,
                    at: "2025-09-22T10:00:00Z".into(),
                    editor: "amina".into(),
                    command: "test".into(),
                },
                action: action.into(),
                table: table.into(),
                row_id: row,
                claim_id: None,
                data: data.as_object().unwrap().clone(),
                hash: GENESIS,
            };
            event.hash = chain::event_hash(&prev, &event);
            prev = event.hash;
            out.push(event);
        }
        out
    }

    #[test]
    fn later_events_find_the_import_whose_rows_they_touch() {
        let events = chain_of(vec![
            ("import", "claims", 1, json!({"last": 3})),    // event 1: claims 1–3
            ("update", "claims", 5, json!({})),             // event 2: before claims 4–6 were imported
            ("import", "claims", 4, json!({"last": 6})),    // event 3: claims 4–6
            ("import", "citations", 1, json!({"last": 2})), // event 4: citations 1–2
            ("update", "claims", 2, json!({})),             // event 5
            ("delete", "claims", 6, json!({})),             // event 6
            ("update", "claims", 7, json!({})),             // event 7: no import's row
            ("update", "citations", 3, json!({})),          // event 8: past the range
            ("update", "sources", 1, json!({})),            // event 9: no import in the table
        ]);
        let ranges = ImportRanges::new(
            events.iter().filter(|e| e.action == "import").map(|e| (e, e.data["last"].as_i64().unwrap())),
        );
        let found: Vec<Option<usize>> = events.iter().map(|e| ranges.covering(e)).collect();
        assert_eq!(found, [None, None, None, None, Some(0), Some(1), None, None, None]);
    }

    fn check(events: Vec<ChainEvent>, rows: Vec<(i64, Value)>) -> Vec<String> {
        let mut check = ChainCheck::new(GENESIS);
        for e in events {
            check.visit(e);
        }
        check.compare_table("settings", rows.into_iter().map(|(id, v)| (id, v.as_object().unwrap().clone())).collect());
        check.finish();
        check.problems
    }

    #[test]
    fn replay_rebuilds_rows() {
        let events = chain_of(vec![
            ("insert", "settings", 1, json!({"text": "A", "status": "active"})),
            ("update", "settings", 1, json!({"text": ["A", "B"]})),
            ("insert", "settings", 2, json!({"text": "C", "status": "active"})),
            ("delete", "settings", 2, json!({"text": "C", "status": "active"})),
        ]);
        assert_eq!(check(events.clone(), vec![(1, json!({"text": "B", "status": "active"}))]), Vec::<String>::new());
        let problems = check(events, vec![(1, json!({"text": "Z", "status": "active"}))]);
        assert!(problems[0].contains("settings row 1 was changed outside claimtrack (text differ"), "{problems:?}");
    }

    #[test]
    fn a_redaction_keeps_the_chain_and_must_be_recorded() {
        let mut events = chain_of(vec![
            ("insert", "settings", 1, json!({"text": "Ali told us", "status": "active"})),
            (
                "redact",
                "settings",
                1,
                json!({"column": "text", "digest": chain::hex(&chain::digest(&json!("Ali told us"))), "reason": "source protection"}),
            ),
        ]);
        let text = events[0].data["text"].clone();
        events[0].data.insert("text".into(), chain::marker(&text));
        let row = json!({"text": redacted_text(2), "status": "active"});
        assert_eq!(check(events.clone(), vec![(1, row.clone())]), Vec::<String>::new());
        // The same marker without its redact event is a problem.
        let problems = check(events[..1].to_vec(), vec![(1, json!({"text": "Ali told us", "status": "active"}))]);
        assert!(problems.iter().any(|p| p.contains("no redact event records")), "{problems:?}");
    }

    #[test]
    fn a_removed_or_reordered_event_breaks_the_chain() {
        let events = chain_of(vec![
            ("insert", "settings", 1, json!({"text": "A"})),
            ("insert", "settings", 2, json!({"text": "B"})),
            ("insert", "settings", 3, json!({"text": "C"})),
        ]);
        let without_middle = vec![events[0].clone(), events[2].clone()];
        let problems = check(without_middle, vec![(1, json!({"text": "A"})), (3, json!({"text": "C"}))]);
        assert!(problems.iter().any(|p| p.contains("events are missing")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("hash no longer matches")), "{problems:?}");
    }

    #[test]
    fn a_deleted_row_may_come_back_only_as_itself() {
        let row = json!({"text": "A", "status": "active"});
        let restored = chain_of(vec![
            ("insert", "settings", 1, row.clone()),
            ("delete", "settings", 1, row.clone()),
            ("insert", "settings", 1, row.clone()),
        ]);
        assert_eq!(check(restored, vec![(1, row.clone())]), Vec::<String>::new());
        let other = json!({"text": "B", "status": "active"});
        let reused = chain_of(vec![
            ("insert", "settings", 1, row.clone()),
            ("delete", "settings", 1, row),
            ("insert", "settings", 1, other.clone()),
        ]);
        let problems = check(reused, vec![(1, other)]);
        assert!(problems.iter().any(|p| p.contains("row ids must never be reused")), "{problems:?}");
    }
}
