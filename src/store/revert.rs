//! Undo and revert: writing the inverse of a recorded change, worked out from its events' row snapshots.
//! Over 400 lines because each of the three inverses (delete, re-insert, restore columns)
//! carries its own refusals, each naming the event in the way.
//!
//! Works for every table in [`Table`]: an insert is undone by deleting the row,
//! an update by restoring the columns it changed, a delete by inserting the row
//! again with its own id. The inverse is one new change, audited like any
//! other; nothing is removed from the log. A change is refused when a later
//! change touched one of its rows, or when a later row refers to a row it would
//! delete, naming the event that stands in the way.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::Tx;
use super::audit::Table;
use super::db::{self, Db, Dialect, Param};
use super::log::{EVENT_SELECT, chain_event};
use super::redact::key_column;
use crate::chain::{self, ChainEvent, Change};
use crate::error::{Error, Result};
use crate::model::ClaimId;

/// A field of a row snapshot that lives in a table of its own, one row per value
/// (an article's `derived_from` list in `article_derivations`).
struct Part {
    table: Table,
    field: &'static str,
    part_table: &'static str,
    owner_column: &'static str,
    value_column: &'static str,
}

const PARTS: [Part; 1] = [Part {
    table: Table::Articles,
    field: "derived_from",
    part_table: "article_derivations",
    owner_column: "article_id",
    value_column: "derived_from_id",
}];

fn part(table: Table, field: &str) -> Option<&'static Part> {
    PARTS.iter().find(|p| p.table == table && p.field == field)
}

/// A row snapshot's fields, in order.
type Fields = Vec<(String, Value)>;

/// What one reverted event became.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Inverse {
    /// The event that was reverted.
    pub event: i64,
    pub table: String,
    pub row_id: i64,
    /// What the inverse did to the row: `delete`, `insert` or `update`.
    pub action: &'static str,
}

/// A change that was reverted, and the change that reverted it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Reverted {
    /// The change that was reverted.
    pub reverted: ChangeInfo,
    /// The new change that holds the inverse.
    pub change: i64,
    /// The inverse of each event, newest event first (the order they were applied in).
    pub inverses: Vec<Inverse>,
}

/// A change as `undo` and `revert` name it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ChangeInfo {
    pub id: i64,
    pub at: String,
    pub editor: String,
    pub command: String,
}

impl From<&Change> for ChangeInfo {
    fn from(c: &Change) -> Self {
        ChangeInfo { id: c.id, at: c.at.clone(), editor: c.editor.clone(), command: c.command.clone() }
    }
}

/// The newest change by `editor` that has events: read back from the newest event,
/// so it costs the events written since, not the whole log.
pub fn last_change_by(db: Db<'_>, editor: &str) -> Result<Option<i64>> {
    db.query_opt(
        "SELECT e.change_id FROM events e JOIN changes c ON c.id = e.change_id
         WHERE c.editor = ?1 ORDER BY e.id DESC LIMIT 1",
        &[&editor],
        |r| r.get(0),
    )
}

/// The change event `id` belongs to.
pub fn change_of_event(db: Db<'_>, id: i64) -> Result<Option<i64>> {
    db.query_opt("SELECT change_id FROM events WHERE id = ?1", &[&id], |r| r.get(0))
}

/// The first event at or after `id` with its change.
fn event_from(db: Db<'_>, id: i64) -> Result<Option<(i64, i64)>> {
    db.query_opt("SELECT id, change_id FROM events WHERE id >= ?1 ORDER BY id LIMIT 1", &[&id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// The smallest event id whose change is `change` or later (one past the last event when
/// there is none). Change ids never decrease along the log (`verify` checks it), so this
/// is a binary search on event ids, with no index on `change_id`.
fn first_event_from_change(db: Db<'_>, change: i64) -> Result<i64> {
    let (mut lo, mut hi): (i64, i64) = db
        .query_opt("SELECT coalesce(min(id), 1), coalesce(max(id), 0) + 1 FROM events", &[], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .unwrap_or((1, 1));
    // The answer lies in lo..=hi.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match event_from(db, mid)? {
            Some((id, found)) if found < change => lo = id + 1,
            _ => hi = mid,
        }
    }
    Ok(lo)
}

/// The events of one change, oldest first. A change's events are consecutive
/// (`verify` checks it): they lie between the first event of this change and the first of a later one.
fn events_of(db: Db<'_>, change: i64) -> Result<Vec<ChainEvent>> {
    let first = first_event_from_change(db, change)?;
    let end = first_event_from_change(db, change.saturating_add(1))?;
    let found = db.query(
        &format!("{EVENT_SELECT} WHERE e.id >= ?1 AND e.id < ?2 ORDER BY e.id"),
        &[&first, &end],
        chain_event,
    )?;
    Ok(found.into_iter().take_while(|event| event.change.id == change).collect())
}

/// How an event is named in a refusal: "event 57 (change 15, `claim edit` by bob at …)".
fn describe(event: &ChainEvent) -> String {
    format!(
        "event {} (change {}, `{}` by {} at {})",
        event.id, event.change.id, event.change.command, event.change.editor, event.change.at
    )
}

/// A foreign key: `table.column` refers to a row of `target`.
struct ForeignKey {
    table: String,
    column: String,
    target: String,
}

/// Every foreign key in the ledger, read once per revert, from the engine's own catalogue (so a
/// table a later migration adds is covered on both). On SQLite in `sqlite_schema` order; on
/// PostgreSQL in the order the tables were created (the same order for the ledger's own tables;
/// where several rows stand in the way, each engine names the first it finds).
fn foreign_keys(db: Db<'_>) -> Result<Vec<ForeignKey>> {
    let sql = match db.dialect() {
        Dialect::Sqlite => {
            "SELECT m.name, k.\"from\", k.\"table\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) k
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
        Dialect::Postgres => {
            "SELECT t.relname::text, a.attname::text, f.relname::text FROM pg_constraint c
             JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
             ORDER BY t.oid, c.oid"
        }
    };
    let keys = db.query(sql, &[], |r| Ok(ForeignKey { table: r.get(0)?, column: r.get(1)?, target: r.get(2)? }))?;
    // Rows derived from a claim's text follow the claim (see `super::matching`); they never stand in the way.
    Ok(keys.into_iter().filter(|k| !super::matching::DERIVED_TABLES.contains(&k.table.as_str())).collect())
}

/// An SQL identifier from the schema, quoted.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The change a revert's command names: `undo (reverts change 12)` → 12.
fn reverted_by(command: &str) -> Option<i64> {
    command.rsplit_once("(reverts change ")?.1.strip_suffix(')')?.parse().ok()
}

/// A value from a snapshot, as it is written back.
enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Param for Cell {
    fn value(&self) -> db::Value<'_> {
        match self {
            Cell::Null => db::Value::Null,
            Cell::Integer(v) => db::Value::Integer(*v),
            Cell::Real(v) => db::Value::Real(*v),
            Cell::Text(t) => db::Value::Text(t),
        }
    }
}

fn sql_value(value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Null,
        Value::Bool(b) => Cell::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map(Cell::Integer).unwrap_or_else(|| Cell::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => Cell::Text(s.clone()),
        other => Cell::Text(other.to_string()),
    }
}

/// A table's real columns, so that no name from the log reaches SQL unchecked, from the
/// engine's catalogue (SQLite's `table_info` pragma, PostgreSQL's `information_schema`).
fn table_columns(db: Db<'_>, table: &str) -> Result<HashSet<String>> {
    let names = match db.dialect() {
        Dialect::Sqlite => db.query(&format!("PRAGMA table_info({})", quoted(table)), &[], |r| r.get::<String>(1))?,
        Dialect::Postgres => db.query(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1",
            &[&table],
            |r| r.get::<String>(0),
        )?,
    };
    Ok(names.into_iter().collect())
}

impl Tx<'_> {
    /// Reverts the newest change by this transaction's editor (whatever it was:
    /// undoing an undo applies the change again).
    pub fn undo_last(&mut self) -> Result<Reverted> {
        let editor = self.author().editor.clone();
        let change = last_change_by(self.db(), &editor)?
            .ok_or_else(|| Error::invalid(format!("{editor} has made no change to this ledger to undo")))?;
        self.revert_change(change)
    }

    /// Writes the inverse of change `id` as one new change, whose command names it
    /// (`undo (reverts change 12)`).
    pub fn revert_change(&mut self, id: i64) -> Result<Reverted> {
        let events = self.each_row(events_of(self.db(), id)?)?;
        let Some(first) = events.first() else {
            return Err(Error::NotFound { what: "change", given: id.to_string() });
        };
        let original = first.change.clone();
        let what = format!("change {id} (`{}` by {} at {})", original.command, original.editor, original.at);
        if let Some(redact) = events.iter().find(|e| e.action == "redact") {
            return Err(Error::invalid(format!(
                "cannot revert {what}: event {} is a redaction, and a redaction cannot be undone",
                redact.id
            )));
        }
        self.refuse_later_changes(&events, &what)?;
        self.author.command = format!("{} (reverts change {id})", self.author.command);
        let keys = foreign_keys(self.db())?;
        let mut inverses = Vec::with_capacity(events.len());
        let mut columns: HashMap<Table, HashSet<String>> = HashMap::new();
        for event in events.iter().rev() {
            let table = Table::parse(&event.table).ok_or_else(|| {
                Error::invalid(format!(
                    "cannot revert {what}: event {} is about table {:?}, which this claimtrack does not know",
                    event.id, event.table
                ))
            })?;
            if let std::collections::hash_map::Entry::Vacant(slot) = columns.entry(table) {
                slot.insert(table_columns(self.db(), table.name())?);
            }
            let known = &columns[&table];
            let action = match event.action.as_str() {
                "insert" => {
                    self.remove_row(&keys, table, event, &what)?;
                    "delete"
                }
                "delete" => {
                    self.restore_row(table, event, known, &what)?;
                    "insert"
                }
                "update" => {
                    self.restore_columns(table, event, known, &what)?;
                    "update"
                }
                other => {
                    return Err(Error::invalid(format!(
                        "cannot revert {what}: event {} has an action ({other:?}) that cannot be reverted",
                        event.id
                    )));
                }
            };
            inverses.push(Inverse { event: event.id, table: event.table.clone(), row_id: event.row_id, action });
        }
        let change = self.change.as_ref().map(|c| c.id).ok_or_else(|| Error::Internal("no change written".into()))?;
        Ok(Reverted { reverted: ChangeInfo::from(&original), change, inverses })
    }

    /// The change's events with each `import` event spelled out as the inserts of the
    /// rows it covers that still stand, in id order, so that each is reverted as one.
    fn each_row(&self, events: Vec<ChainEvent>) -> Result<Vec<ChainEvent>> {
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            let table = Table::parse(&event.table).filter(|_| event.action == "import");
            let Some(table) = table else {
                out.push(event);
                continue;
            };
            let last = super::log::import_last(&event);
            super::audit::each_between(self.db(), table, event.row_id, last, |row_id, data| {
                let claim_id = match table {
                    Table::Claims => Some(row_id),
                    _ => data.get("claim_id").and_then(Value::as_i64),
                };
                out.push(ChainEvent { action: "insert".into(), row_id, claim_id, data, ..event.clone() });
            })?;
        }
        Ok(out)
    }

    /// Refuses when a later change touched a row the change touched: reverting
    /// would overwrite that later work (revert the later change first). A later
    /// change that a still later one reverted cancels out, as jj sees it.
    fn refuse_later_changes(&self, events: &[ChainEvent], what: &str) -> Result<()> {
        let rows: HashSet<(&str, i64)> = events.iter().map(|e| (e.table.as_str(), e.row_id)).collect();
        let last = events.iter().map(|e| e.id).max().unwrap_or(0);
        // Later changes that touched these rows, oldest first, each with its first such event.
        let mut standing: Vec<(i64, i64)> = Vec::new();
        self.db().each(
            "SELECT e.id, e.change_id, c.command, e.table_name, e.row_id FROM events e
             JOIN changes c ON c.id = e.change_id WHERE e.id > ?1 ORDER BY e.id",
            &[&last],
            |row| {
                let (event, change, command, table, row_id): (i64, i64, String, String, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
                if !rows.contains(&(table.as_str(), row_id)) || standing.iter().any(|&(c, _)| c == change) {
                    return Ok(());
                }
                match reverted_by(&command).and_then(|n| standing.iter().position(|&(c, _)| c == n)) {
                    Some(undone) => {
                        standing.remove(undone);
                    }
                    None => standing.push((change, event)),
                }
                Ok(())
            },
        )?;
        if let Some(&(_, first)) = standing.first() {
            let event = self.event(first)?;
            return Err(Error::invalid(format!(
                "cannot revert {what}: {} later changed {} row {}; revert that change first",
                describe(&event),
                event.table,
                event.row_id
            )));
        }
        Ok(())
    }

    fn event(&self, id: i64) -> Result<ChainEvent> {
        self.db()
            .query_opt(&format!("{EVENT_SELECT} WHERE e.id = ?1"), &[&id], chain_event)?
            .ok_or_else(|| Error::Internal(format!("event {id} vanished")))
    }

    /// The newest event about a row, to name what stands in the way.
    fn last_event_on(&self, table: &str, row_id: i64) -> Result<Option<ChainEvent>> {
        let id: Option<i64> = self
            .db()
            .query_opt("SELECT max(id) FROM events WHERE table_name = ?1 AND row_id = ?2", &[&table, &row_id], |r| {
                r.get(0)
            })?
            .flatten();
        id.map(|id| self.event(id)).transpose()
    }

    /// The inverse of an insert: delete the row, unless a row written later refers to it.
    fn remove_row(&mut self, keys: &[ForeignKey], table: Table, event: &ChainEvent, what: &str) -> Result<()> {
        let name = table.name();
        let row_id = event.row_id;
        if super::audit::snapshot(self.db(), table, row_id)?.is_none() {
            return Err(Error::invalid(format!(
                "cannot revert {what}: {name} row {row_id} is no longer there (run `claimtrack verify`)"
            )));
        }
        if let Some(blocker) = self.dependent(keys, table, row_id)? {
            return Err(Error::invalid(format!("cannot revert {what}: {blocker} refers to {name} row {row_id}")));
        }
        let claim_id = event.claim_id.map(ClaimId);
        self.audited(table, row_id, claim_id, |db| {
            for part in PARTS.iter().filter(|p| p.table == table) {
                db.execute(&format!("DELETE FROM {} WHERE {} = ?1", part.part_table, part.owner_column), &[&row_id])?;
            }
            if table == Table::Claims {
                super::matching::forget_in(db, ClaimId(row_id))?;
            }
            db.execute(&format!("DELETE FROM {name} WHERE id = ?1"), &[&row_id])?;
            Ok(())
        })
    }

    /// A row (in any table, through its foreign keys) that refers to `table` row `id`,
    /// named with the event that wrote it.
    fn dependent(&self, keys: &[ForeignKey], table: Table, id: i64) -> Result<Option<String>> {
        for key in keys.iter().filter(|k| k.target == table.name()) {
            let (referring, column) = (&key.table, &key.column);
            let owned_part = PARTS.iter().find(|p| p.part_table == referring.as_str());
            // A row's own parts go with it.
            if owned_part.is_some_and(|p| p.table == table && p.owner_column == column.as_str()) {
                continue;
            }
            let (owner_table, owner_column) = match owned_part {
                Some(p) => (p.table.name(), p.owner_column),
                None => (referring.as_str(), "id"),
            };
            let from = |select: &str| {
                format!("SELECT {select} FROM {} WHERE {} = ?1 LIMIT 1", quoted(referring), quoted(column))
            };
            let found: Option<i64> = if table_columns(self.db(), referring)?.contains(owner_column) {
                self.db().query_opt(&from(&quoted(owner_column)), &[&id], |r| r.get(0))?
            } else {
                // A table without an id column: name the table.
                if self.db().query_opt(&from("1"), &[&id], |r| r.get::<i64>(0))?.is_some() {
                    return Ok(Some(format!("a row of {referring} ({column} = {id})")));
                }
                None
            };
            if let Some(row) = found {
                let by = match self.last_event_on(owner_table, row)? {
                    Some(event) => format!(", written by {}", describe(&event)),
                    None => String::new(),
                };
                return Ok(Some(format!("{owner_table} row {row} ({referring}.{column}){by},")));
            }
        }
        Ok(None)
    }

    /// The inverse of a delete: the row again, with its own id, as its delete event recorded it.
    fn restore_row(&mut self, table: Table, event: &ChainEvent, known: &HashSet<String>, what: &str) -> Result<()> {
        let name = table.name();
        let row_id = event.row_id;
        if super::audit::snapshot(self.db(), table, row_id)?.is_some() {
            return Err(Error::invalid(format!(
                "cannot revert {what}: {name} row {row_id} exists again (run `claimtrack verify`)"
            )));
        }
        let mut row = event.data.clone();
        chain::expand(&event.table, &mut row, &event.change.at);
        refuse_redacted(&row, event, name, what)?;
        if table == Table::Articles && row.contains_key("body_sha256") {
            return Err(Error::invalid(format!(
                "cannot revert {what}: article {row_id}'s text is kept in the audit log only as its SHA-256, so the article cannot be restored; add it again with `claimtrack article add … --text-file`"
            )));
        }
        let (parts, plain): (Fields, Fields) = row.into_iter().partition(|(field, _)| part(table, field).is_some());
        let mut names = vec!["id".to_string()];
        let mut values = vec![Cell::Integer(row_id)];
        for (column, value) in &plain {
            check_column(known, column, event, name, what)?;
            names.push(column.clone());
            values.push(sql_value(value));
            if let (Some(key), Value::String(text)) = (key_column(table, column), value) {
                names.push(key.to_string());
                values.push(Cell::Text(crate::names::key(text)));
            }
        }
        let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {name} ({}) VALUES ({})", names.join(", "), placeholders.join(", "));
        let claim_id = event.claim_id.map(ClaimId);
        self.audited(table, row_id, claim_id, |db| {
            let params: Vec<&dyn Param> = values.iter().map(|v| v as &dyn Param).collect();
            db.execute(&sql, &params)?;
            for (field, value) in &parts {
                set_part(db, table, field, row_id, value)?;
            }
            if table == Table::Claims {
                super::matching::reindex_claim_in(db, ClaimId(row_id), false)?;
            }
            Ok(())
        })
    }

    /// The inverse of an update: each column it changed back to its old value,
    /// provided the row still holds what the update wrote.
    fn restore_columns(&mut self, table: Table, event: &ChainEvent, known: &HashSet<String>, what: &str) -> Result<()> {
        let name = table.name();
        let row_id = event.row_id;
        let Some(current) = super::audit::snapshot(self.db(), table, row_id)? else {
            return Err(Error::invalid(format!(
                "cannot revert {what}: {name} row {row_id} is no longer there (run `claimtrack verify`)"
            )));
        };
        let mut old = Map::new();
        for (column, pair) in &event.data {
            let (Value::Array(pair), Some(now)) = (pair, current.get(column)) else {
                return Err(Error::invalid(format!(
                    "cannot revert {what}: event {} records {name}.{column}, which the row does not have",
                    event.id
                )));
            };
            let [before, after] = pair.as_slice() else {
                return Err(Error::invalid(format!("cannot revert {what}: event {} is malformed", event.id)));
            };
            if chain::marker_digest(before).is_some() || chain::marker_digest(after).is_some() {
                return Err(redacted(event, name, column, what));
            }
            if now != after {
                return Err(Error::invalid(format!(
                    "cannot revert {what}: {name} row {row_id}'s {column} is not what event {} left (run `claimtrack verify`)",
                    event.id
                )));
            }
            old.insert(column.clone(), before.clone());
        }
        let claim_id = event.claim_id.map(ClaimId);
        for column in old.keys().filter(|c| part(table, c).is_none()) {
            check_column(known, column, event, name, what)?;
        }
        self.audited(table, row_id, claim_id, |db| {
            for (column, value) in &old {
                if part(table, column).is_some() {
                    set_part(db, table, column, row_id, value)?;
                    continue;
                }
                db.execute(&format!("UPDATE {name} SET {column} = ?2 WHERE id = ?1"), &[&row_id, &sql_value(value)])?;
                if let (Some(key), Value::String(text)) = (key_column(table, column), value) {
                    db.execute(
                        &format!("UPDATE {name} SET {key} = ?2 WHERE id = ?1"),
                        &[&row_id, &crate::names::key(text)],
                    )?;
                }
            }
            if table == Table::Claims && old.contains_key("text") {
                super::matching::reindex_claim_in(db, ClaimId(row_id), true)?;
            }
            Ok(())
        })
    }
}

/// Replaces a row's part (its rows in the part's table) with the ids in `value`.
fn set_part(db: Db<'_>, table: Table, field: &str, row_id: i64, value: &Value) -> Result<()> {
    let part = part(table, field).ok_or_else(|| Error::Internal(format!("{field} is not a part")))?;
    db.execute(&format!("DELETE FROM {} WHERE {} = ?1", part.part_table, part.owner_column), &[&row_id])?;
    let ids = match value {
        Value::Array(ids) => ids.iter().filter_map(Value::as_i64).collect(),
        Value::Null => Vec::new(),
        other => return Err(Error::Internal(format!("{}.{field} is not a list: {other}", table.name()))),
    };
    for id in ids {
        db.execute(
            &format!("INSERT INTO {} ({}, {}) VALUES (?1, ?2)", part.part_table, part.owner_column, part.value_column),
            &[&row_id, &id],
        )?;
    }
    Ok(())
}

fn check_column(known: &HashSet<String>, column: &str, event: &ChainEvent, table: &str, what: &str) -> Result<()> {
    if known.contains(column) && column != "id" {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "cannot revert {what}: event {} records {column:?}, which is not a column of {table}",
        event.id
    )))
}

fn refuse_redacted(row: &Map<String, Value>, event: &ChainEvent, table: &str, what: &str) -> Result<()> {
    match row.iter().find(|(_, v)| chain::marker_digest(v).is_some()) {
        Some((column, _)) => Err(redacted(event, table, column, what)),
        None => Ok(()),
    }
}

fn redacted(event: &ChainEvent, table: &str, column: &str, what: &str) -> Error {
    Error::invalid(format!(
        "cannot revert {what}: {table} row {}'s {column} was redacted since event {}, and a redacted value cannot be restored",
        event.row_id, event.id
    ))
}
