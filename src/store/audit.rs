//! The audit log in the database: row snapshots, one change per command, one event per row
//! touched, chained by `crate::chain`, and reading the log back.
//!
//! An insert records the new row, an update only the columns that changed
//! (old and new), a delete the old row: enough for `verify` to replay the log
//! and rebuild every row. Every event of one command shares its change.

use rusqlite::{Connection, params};
use serde_json::{Map, Value};

use super::{Tx, optional};
use crate::chain::{self, ChainEvent, Change, GENESIS, Hash};
use crate::error::{Error, Result};
use crate::model::{ClaimId, Event, EventId};

/// The audited tables, each with the SQL that snapshots one row as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Sources,
    SourceAliases,
    Articles,
    Claims,
    Citations,
    Links,
    Verdicts,
    Settings,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Sources,
        Table::SourceAliases,
        Table::Articles,
        Table::Claims,
        Table::Citations,
        Table::Links,
        Table::Verdicts,
        Table::Settings,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Sources => "sources",
            Table::SourceAliases => "source_aliases",
            Table::Articles => "articles",
            Table::Claims => "claims",
            Table::Citations => "citations",
            Table::Links => "links",
            Table::Verdicts => "verdicts",
            Table::Settings => "settings",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// `SELECT id, <json of the other columns>`: what events record and `verify` compares.
    fn snapshot_select(self) -> &'static str {
        match self {
            Table::Sources => {
                "SELECT id, json_object('name', name, 'kind', kind, 'url', url, 'note', note,
                 'created_at', created_at) FROM sources"
            }
            Table::SourceAliases => {
                "SELECT id, json_object('source_id', source_id, 'alias', alias, 'created_at', created_at)
                 FROM source_aliases"
            }
            Table::Articles => {
                "SELECT id, json_object('publisher_id', publisher_id, 'url', url, 'title', title,
                 'published', published, 'published_precision', published_precision,
                 'body_sha256', body_sha256, 'created_at', created_at,
                 'derived_from', json((SELECT json_group_array(derived_from_id) FROM
                    (SELECT derived_from_id FROM article_derivations d
                     WHERE d.article_id = articles.id ORDER BY derived_from_id)))) FROM articles"
            }
            Table::Claims => {
                "SELECT id, json_object('text', text, 'status', status,
                 'retract_reason', retract_reason, 'created_at', created_at, 'updated_at', updated_at)
                 FROM claims"
            }
            Table::Citations => {
                "SELECT id, json_object('claim_id', claim_id, 'article_id', article_id,
                 'source_id', source_id, 'kind', kind, 'quote', quote, 'start_offset', start_offset,
                 'end_offset', end_offset, 'created_at', created_at) FROM citations"
            }
            Table::Links => {
                "SELECT id, json_object('claim_id', claim_id, 'stance', stance,
                 'target_claim_id', target_claim_id, 'target_article_id', target_article_id,
                 'note', note, 'editor', editor, 'created_at', created_at) FROM links"
            }
            Table::Verdicts => {
                "SELECT id, json_object('claim_id', claim_id, 'rating', rating, 'note', note,
                 'evidence', evidence, 'editor', editor, 'created_at', created_at) FROM verdicts"
            }
            Table::Settings => "SELECT rowid AS id, json_object('key', key, 'value', value) FROM settings",
        }
    }

    /// The WHERE clause that picks one row by its id.
    fn by_id(self) -> &'static str {
        match self {
            Table::Settings => "WHERE rowid = ?1",
            _ => "WHERE id = ?1",
        }
    }
}

fn columns(json: String) -> Result<Map<String, Value>> {
    match serde_json::from_str(&json) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::Internal(format!("a row snapshot is not a JSON object: {json}"))),
    }
}

/// One row's columns, or `None` when it does not exist.
pub fn snapshot(conn: &Connection, table: Table, id: i64) -> Result<Option<Map<String, Value>>> {
    let sql = format!("{} {}", table.snapshot_select(), table.by_id());
    let json: Option<String> = optional(conn.prepare_cached(&sql)?.query_row([id], |row| row.get(1)))?;
    json.map(columns).transpose()
}

/// Every row of a table as (id, columns), for `verify`.
pub fn snapshots(conn: &Connection, table: Table) -> Result<Vec<(i64, Map<String, Value>)>> {
    let mut stmt = conn.prepare(table.snapshot_select())?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push((row.get(0)?, columns(row.get(1)?)?));
    }
    Ok(out)
}

/// What an event records for a row that went from `old` to `new`; `None` when nothing changed.
fn event_data(
    old: Option<Map<String, Value>>,
    new: Option<Map<String, Value>>,
) -> Option<(&'static str, Map<String, Value>)> {
    match (old, new) {
        (None, Some(new)) => Some(("insert", new)),
        (Some(old), None) => Some(("delete", old)),
        (Some(mut old), Some(new)) => {
            let changed: Map<String, Value> = new
                .into_iter()
                .filter_map(|(column, value)| {
                    let before = old.remove(&column).unwrap_or(Value::Null);
                    (before != value).then(|| (column, Value::Array(vec![before, value])))
                })
                .collect();
            (!changed.is_empty()).then_some(("update", changed))
        }
        (None, None) => None,
    }
}

/// The chain's head: the last event's id and hash.
pub fn head(conn: &Connection) -> Result<Option<(i64, Hash)>> {
    let row: Option<(i64, Vec<u8>)> = optional(
        conn.prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?))),
    )?;
    row.map(|(id, hash)| Ok((id, to_hash(id, hash)?))).transpose()
}

fn to_hash(id: i64, bytes: Vec<u8>) -> Result<Hash> {
    bytes.try_into().map_err(|_| Error::Internal(format!("event {id}'s hash is not 32 bytes")))
}

/// What the first event chains from: the genesis hash, or, for a ledger upgraded
/// from schema 1, the summary of the old chain kept in `events_v1_hashes`.
pub fn origin(conn: &Connection) -> Result<Hash> {
    let mut stmt = conn.prepare_cached("SELECT id, hash FROM events_v1_hashes ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut hashes = Vec::new();
    while let Some(row) = rows.next()? {
        hashes.push(to_hash(row.get(0)?, row.get(1)?)?);
    }
    Ok(if hashes.is_empty() { GENESIS } else { chain::legacy_origin(&hashes) })
}

/// The hash schema 1 gave event `id`, when the ledger was upgraded from it (for old anchors).
pub fn v1_hash(conn: &Connection, id: i64) -> Result<Option<Hash>> {
    let bytes: Option<Vec<u8>> = optional(
        conn.prepare_cached("SELECT hash FROM events_v1_hashes WHERE id = ?1")?.query_row([id], |r| r.get(0)),
    )?;
    bytes.map(|b| to_hash(id, b)).transpose()
}

/// The hash of event `id`, if there is one.
pub fn hash_of(conn: &Connection, id: i64) -> Result<Option<Hash>> {
    let bytes: Option<Vec<u8>> =
        optional(conn.prepare_cached("SELECT hash FROM events WHERE id = ?1")?.query_row([id], |r| r.get(0)))?;
    bytes.map(|b| to_hash(id, b)).transpose()
}

impl Tx<'_> {
    /// Runs `change` on one row and records its event: the columns that changed,
    /// the row inserted, or the row deleted. A change that changes nothing records nothing.
    pub(crate) fn audited(
        &mut self,
        table: Table,
        row_id: i64,
        claim_id: Option<ClaimId>,
        change: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<()> {
        let old = snapshot(self.conn(), table, row_id)?;
        change(self.conn())?;
        let new = snapshot(self.conn(), table, row_id)?;
        match event_data(old, new) {
            Some((action, data)) => self.record(action, table, row_id, claim_id, data),
            None => Ok(()),
        }
    }

    /// Inserts a row with `insert` (which returns its id) and records the event.
    pub(crate) fn audited_insert(
        &mut self,
        table: Table,
        claim_id: Option<ClaimId>,
        insert: impl FnOnce(&Connection) -> Result<i64>,
    ) -> Result<i64> {
        let id = insert(self.conn())?;
        let new = snapshot(self.conn(), table, id)?
            .ok_or_else(|| Error::Internal(format!("{} row {id} vanished as it was written", table.name())))?;
        self.record("insert", table, id, claim_id, new)?;
        Ok(id)
    }

    /// Appends one event to the chain, opening the transaction's change first when needed.
    pub(crate) fn record(
        &mut self,
        action: &str,
        table: Table,
        row_id: i64,
        claim_id: Option<ClaimId>,
        data: Map<String, Value>,
    ) -> Result<()> {
        // A claim's own row is about that claim.
        let claim_id = if table == Table::Claims { Some(ClaimId(row_id)) } else { claim_id };
        let change = self.change()?;
        let (prev_id, prev_hash) = match self.chain_head {
            Some(head) => head,
            None => match head(self.conn())? {
                Some(head) => head,
                None => (0, origin(self.conn())?),
            },
        };
        let mut event = ChainEvent {
            id: prev_id + 1,
            change,
            action: action.to_string(),
            table: table.name().to_string(),
            row_id,
            claim_id: claim_id.map(|c| c.0),
            data,
            hash: GENESIS,
        };
        event.hash = chain::event_hash(&prev_hash, &event);
        let data = Value::Object(std::mem::take(&mut event.data)).to_string();
        self.conn()
            .prepare_cached(
                "INSERT INTO events (id, change_id, action, table_name, row_id, claim_id, data, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                event.id,
                event.change.id,
                event.action,
                event.table,
                event.row_id,
                event.claim_id,
                data,
                &event.hash[..]
            ])?;
        self.chain_head = Some((event.id, event.hash));
        Ok(())
    }

    /// This transaction's change: who, when and which command; written with its first event.
    fn change(&mut self) -> Result<Change> {
        if let Some(change) = &self.change {
            return Ok(change.clone());
        }
        let author = self.author().clone();
        self.conn()
            .prepare_cached("INSERT INTO changes (at, editor, command) VALUES (?1, ?2, ?3)")?
            .execute(params![author.at, author.editor, author.command])?;
        let change = Change {
            id: self.conn().last_insert_rowid(),
            at: author.at,
            editor: author.editor,
            command: author.command,
        };
        self.change = Some(change.clone());
        Ok(change)
    }
}

const EVENT_SELECT: &str = "SELECT e.id, e.change_id, c.at, c.editor, c.command, e.action, e.table_name, e.row_id,
        e.claim_id, e.data, e.hash
     FROM events e JOIN changes c ON c.id = e.change_id";

fn chain_event(row: &rusqlite::Row<'_>) -> Result<ChainEvent> {
    let id: i64 = row.get(0)?;
    Ok(ChainEvent {
        id,
        change: Change { id: row.get(1)?, at: row.get(2)?, editor: row.get(3)?, command: row.get(4)? },
        action: row.get(5)?,
        table: row.get(6)?,
        row_id: row.get(7)?,
        claim_id: row.get(8)?,
        data: columns(row.get(9)?)?,
        hash: to_hash(id, row.get(10)?)?,
    })
}

/// Calls `visit` with every event in id order, without holding them all in memory.
pub fn each_event(conn: &Connection, mut visit: impl FnMut(ChainEvent)) -> Result<()> {
    let mut stmt = conn.prepare(&format!("{EVENT_SELECT} ORDER BY e.id"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        visit(chain_event(row)?);
    }
    Ok(())
}

/// The events about one claim (its row, citations, verdicts, and links from or
/// to it), or all events, newest last; `limit` keeps the newest N (0 or `None`: all).
pub fn events(conn: &Connection, claim: Option<ClaimId>, limit: Option<u64>) -> Result<Vec<Event>> {
    let limit = limit.filter(|&n| n > 0).and_then(|n| i64::try_from(n).ok()).unwrap_or(-1);
    let sql = format!(
        "SELECT * FROM ({EVENT_SELECT}
         WHERE ?1 IS NULL OR e.claim_id = ?1
            OR (e.table_name = 'links' AND e.action IN ('insert', 'delete')
                AND json_extract(e.data, '$.target_claim_id') = ?1)
         ORDER BY e.id DESC LIMIT ?2) ORDER BY id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![claim, limit])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(readable(chain_event(row)?));
    }
    Ok(out)
}

/// An event as `history` shows it: the row before and after, as far as the event says.
fn readable(event: ChainEvent) -> Event {
    let shown = |value: Value| match chain::marker_digest(&value) {
        Some(_) => Value::String("[redacted]".into()),
        None => value,
    };
    let (old_values, new_values) = match event.action.as_str() {
        "insert" => (None, Some(event.data.into_iter().map(|(k, v)| (k, shown(v))).collect())),
        "delete" => (Some(event.data.into_iter().map(|(k, v)| (k, shown(v))).collect()), None),
        "update" => {
            let mut old = Map::new();
            let mut new = Map::new();
            for (column, pair) in event.data {
                if let Value::Array(mut pair) = pair
                    && pair.len() == 2
                {
                    new.insert(column.clone(), shown(pair.pop().unwrap_or(Value::Null)));
                    old.insert(column, shown(pair.pop().unwrap_or(Value::Null)));
                }
            }
            (Some(old), Some(new))
        }
        _ => (None, Some(event.data)),
    };
    Event {
        id: EventId(event.id),
        change: event.change.id,
        at: event.change.at,
        editor: event.change.editor,
        command: event.change.command,
        action: event.action,
        table: event.table,
        row_id: event.row_id,
        claim_id: event.claim_id.map(ClaimId),
        old_values: old_values.map(Value::Object),
        new_values: new_values.map(Value::Object),
        hash: chain::hex(&event.hash),
    }
}

/// Names, aliases and titles whose lookup key no longer matches them (edited by hand).
pub fn name_key_mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (table, column, key) in
        [("sources", "name", "name_key"), ("source_aliases", "alias", "alias_key"), ("articles", "title", "title_key")]
    {
        let mut stmt = conn.prepare(&format!("SELECT id, {column}, {key} FROM {table}"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, text, stored): (i64, String, Option<String>) = (row.get(0)?, row.get(1)?, row.get(2)?);
            if stored.as_deref() != Some(crate::names::key(&text).as_str()) {
                out.push(format!(
                    "{table} row {id}'s {key} does not match its {column}, so lookups by name would miss or mislead"
                ));
            }
        }
    }
    Ok(out)
}

/// `PRAGMA integrity_check` lines other than "ok".
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |row| row.get::<_, String>(0))?;
    Ok(lines.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().filter(|l| l != "ok").collect())
}

/// `PRAGMA foreign_key_check` rows as readable lines.
pub fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |row| {
        Ok(format!(
            "{} row {} points at a missing {} row",
            row.get::<_, String>(0)?,
            row.get::<_, Option<i64>>(1)?.map_or("?".into(), |r| r.to_string()),
            row.get::<_, String>(2)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether each article's stored text still matches its SHA-256.
pub fn article_text_mismatches(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id, body, body_sha256 FROM articles WHERE body IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    let mut bad = Vec::new();
    while let Some(row) = rows.next()? {
        let body: String = row.get(1)?;
        let sha: String = row.get(2)?;
        // A redacted text no longer matches the hash of what it replaced; its redact event accounts for it.
        if chain::hex(&chain::sha256(body.as_bytes())) != sha && !body.starts_with("[redacted in event ") {
            bad.push(row.get(0)?);
        }
    }
    Ok(bad)
}
