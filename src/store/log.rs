//! Reading the audit log back (the chain's head, every event for `verify`, a claim's history)
//! and the file-level checks `verify` runs beside the chain.

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::audit::columns;
use super::db::{Db, Dialect, Row};
use crate::chain::{self, ChainEvent, Change, Hash, v1};
use crate::error::{Error, Result};
use crate::model::{ClaimId, Event, EventId};

/// The chain's head: the last event's id and hash. A writer reads it inside its write
/// transaction, under the write lock (IMMEDIATE on SQLite, the advisory lock on PostgreSQL).
pub fn head(db: Db<'_>) -> Result<Option<(i64, Hash)>> {
    db.query_opt(&head_query(db), &[], |row| {
        let id: i64 = row.get(0)?;
        Ok((id, to_hash(id, row.get(1)?)?))
    })
}

/// The query for the chain's head, its id and hash (the newsroom's, on a server); also part of
/// the statement that opens a transaction's events on PostgreSQL (`audit`).
pub(super) fn head_query(db: Db<'_>) -> String {
    format!("SELECT id, hash FROM events WHERE true{} ORDER BY id DESC LIMIT 1", db.newsroom_only("org_id"))
}

pub(super) fn to_hash(id: i64, bytes: Vec<u8>) -> Result<Hash> {
    bytes.try_into().map_err(|_| Error::Internal(format!("event {id}'s hash is not 32 bytes")))
}

/// What the first event chains from: the genesis hash, or, for a ledger upgraded
/// from schema 1, a hash over the old chain kept in `events_v1`.
pub fn origin(db: Db<'_>) -> Result<Hash> {
    Ok(v1::origin(&v1_events(db)?))
}

/// The hash schema 1 gave event `id`, when the ledger was upgraded from it (for old anchors).
pub fn v1_hash(db: Db<'_>, id: i64) -> Result<Option<Hash>> {
    let hex: Option<String> = db.query_opt("SELECT hash FROM events_v1 WHERE id = ?1", &[&id], |r| r.get(0))?;
    Ok(hex.and_then(|h| chain::from_hex(&h)))
}

/// The schema-1 log kept after the upgrade (empty on a ledger that began at schema 3).
pub fn v1_events(db: Db<'_>) -> Result<Vec<v1::Event>> {
    db.query(
        "SELECT id, at, editor, action, table_name, row_id, claim_id, old_values, new_values, prev_hash, hash
         FROM events_v1 ORDER BY id",
        &[],
        |row| {
            Ok(v1::Event {
                id: row.get(0)?,
                at: row.get(1)?,
                editor: row.get(2)?,
                action: row.get(3)?,
                table: row.get(4)?,
                row_id: row.get(5)?,
                claim_id: row.get(6)?,
                old_values: row.get(7)?,
                new_values: row.get(8)?,
                prev_hash: row.get(9)?,
                hash: row.get(10)?,
            })
        },
    )
}

/// The hash of event `id`, if there is one.
pub fn hash_of(db: Db<'_>, id: i64) -> Result<Option<Hash>> {
    let bytes: Option<Vec<u8>> = db.query_opt("SELECT hash FROM events WHERE id = ?1", &[&id], |r| r.get(0))?;
    bytes.map(|b| to_hash(id, b)).transpose()
}

pub(super) const EVENT_SELECT: &str =
    "SELECT e.id, e.change_id, c.at, c.editor, c.command, e.action, e.table_name, e.row_id,
        e.claim_id, e.data, e.hash
     FROM events e JOIN changes c ON c.id = e.change_id";

pub(super) fn chain_event(row: &Row<'_>) -> Result<ChainEvent> {
    let id: i64 = row.get(0)?;
    Ok(ChainEvent {
        id,
        change: Change { id: row.get(1)?, at: row.get(2)?, editor: row.get(3)?, command: row.get(4)? },
        action: row.get(5)?,
        table: row.get(6)?,
        row_id: row.get(7)?,
        claim_id: row.get(8)?,
        // Data that is not a JSON object was changed outside claimtrack: kept as
        // read, so its hash no longer matches and verify names the event.
        data: {
            let raw: String = row.get(9)?;
            columns(raw.clone()).unwrap_or_else(|_| Map::from_iter([("unreadable".to_string(), Value::String(raw))]))
        },
        hash: to_hash(id, row.get(10)?)?,
    })
}

/// Calls `visit` with every event in id order, without holding them all in memory.
pub fn each_event(db: Db<'_>, mut visit: impl FnMut(ChainEvent)) -> Result<()> {
    db.each(&format!("{EVENT_SELECT} WHERE true{} ORDER BY e.id", db.newsroom_only("e.org_id")), &[], |row| {
        visit(chain_event(row)?);
        Ok(())
    })
}

/// Every `import` event (a bulk import's rows of one table), oldest first.
pub fn imports(db: Db<'_>) -> Result<Vec<ChainEvent>> {
    let own = db.newsroom_only("e.org_id");
    db.query(&format!("{EVENT_SELECT} WHERE e.action = 'import'{own} ORDER BY e.id"), &[], chain_event)
}

/// The last row an `import` event covers.
pub fn import_last(event: &ChainEvent) -> i64 {
    event.data.get("last").and_then(Value::as_i64).unwrap_or(event.row_id)
}

/// The events about one claim (its row, citations, verdicts, and links from or
/// to it), or all events, newest last; `limit` keeps the newest N (0 or `None`: all).
pub fn events(db: Db<'_>, claim: Option<ClaimId>, limit: Option<u64>) -> Result<Vec<Event>> {
    let limit = limit.filter(|&n| n > 0).and_then(|n| i64::try_from(n).ok()).unwrap_or(i64::MAX);
    // A link's target and an import's last row, read from the event's JSON.
    let (target, last) = match db.dialect() {
        Dialect::Sqlite => ("json_extract(e.data, '$.target_claim_id')", "json_extract(e.data, '$.last')"),
        Dialect::Postgres => {
            ("CAST(e.data::jsonb->>'target_claim_id' AS BIGINT)", "CAST(e.data::jsonb->>'last' AS BIGINT)")
        }
    };
    let sql = format!(
        "SELECT * FROM ({EVENT_SELECT}
         WHERE CAST(?1 AS BIGINT) IS NULL OR e.claim_id = ?1
            OR (e.table_name = 'links' AND e.action IN ('insert', 'delete') AND {target} = ?1)
            OR (e.table_name = 'claims' AND e.action = 'import' AND ?1 BETWEEN e.row_id AND {last})
         ORDER BY e.id DESC LIMIT ?2) x ORDER BY id"
    );
    let found = db.query(&sql, &[&claim, &limit], chain_event)?;
    let mut out = Vec::with_capacity(found.len());
    for event in found {
        let mut event = readable(event);
        // An import event about many claims: this claim's own place in the file.
        if let (Some(claim), "import", Some(Value::Object(values))) =
            (claim, event.action.as_str(), event.new_values.as_mut())
        {
            let from: Option<String> =
                db.query_opt("SELECT imported_from FROM claims WHERE id = ?1", &[&claim], |r| r.get(0))?.flatten();
            values.insert("row".into(), from.map_or(Value::Null, Value::String));
        }
        out.push(event);
    }
    Ok(out)
}

/// An event as `history` shows it: the row before and after, as far as the event says.
fn readable(event: ChainEvent) -> Event {
    let shown = |value: Value| match chain::marker_digest(&value) {
        Some(_) => Value::String("[redacted]".into()),
        None => value,
    };
    let mut row = event.data.clone();
    chain::expand(&event.table, &mut row, &event.change.at);
    let (old_values, new_values) = match event.action.as_str() {
        "insert" => (None, Some(row.into_iter().map(|(k, v)| (k, shown(v))).collect())),
        "delete" => (Some(row.into_iter().map(|(k, v)| (k, shown(v))).collect()), None),
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
pub fn name_key_mismatches(db: Db<'_>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (table, column, key) in
        [("sources", "name", "name_key"), ("source_aliases", "alias", "alias_key"), ("articles", "title", "title_key")]
    {
        let own = db.newsroom_only("org_id");
        db.each(&format!("SELECT id, {column}, {key} FROM {table} WHERE true{own}"), &[], |row| {
            let (id, text, stored): (i64, String, Option<String>) = (row.get(0)?, row.get(1)?, row.get(2)?);
            if stored.as_deref() != Some(crate::names::key(&text).as_str()) {
                out.push(format!(
                    "{table} row {id}'s {key} does not match its {column}, so lookups by name would miss or mislead"
                ));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// `PRAGMA integrity_check` lines other than "ok". (Engine-specific: SQLite's own check of its file.)
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |row| row.get::<_, String>(0))?;
    Ok(lines.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().filter(|l| l != "ok").collect())
}

/// `PRAGMA foreign_key_check` rows as readable lines. (Engine-specific: PostgreSQL enforces foreign keys as it writes.)
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

/// Changes that no event belongs to: a row added to `changes` by hand.
pub fn orphan_changes(db: Db<'_>) -> Result<Vec<String>> {
    db.query(
        "SELECT id FROM changes c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.change_id = c.id) ORDER BY id",
        &[],
        |r| Ok(format!("change {} has no events: it was added outside claimtrack", r.get::<i64>(0)?)),
    )
}

/// Tables whose `sqlite_sequence` was set back below an id the log has used, so deleted ids could return.
/// (Engine-specific: SQLite's AUTOINCREMENT counters; PostgreSQL's sequences need their own check.)
pub fn sequence_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT e.table_name,
                max(CASE e.action WHEN 'import' THEN json_extract(e.data, '$.last') ELSE e.row_id END),
                coalesce(s.seq, 0) FROM events e
         LEFT JOIN sqlite_sequence s ON s.name = e.table_name
         WHERE e.action IN ('insert', 'import') AND e.table_name <> 'settings'
           -- (An offline copy of a server's ledger records shares, a table only servers have.)
           AND e.table_name IN (SELECT name FROM sqlite_schema WHERE type = 'table')
         GROUP BY e.table_name HAVING max(e.row_id) > coalesce(s.seq, 0)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "sqlite_sequence for {} was set back to {} below id {} the log has used: deleted ids could be reused",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(1)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Articles whose stored text no longer matches its SHA-256, with the text when it
/// is a redaction's stand-in (which `verify` accepts only for a recorded redaction).
pub fn article_text_mismatches(db: Db<'_>) -> Result<Vec<(i64, Option<String>)>> {
    let mut bad = Vec::new();
    let sql = format!(
        "SELECT id, body, body_sha256 FROM articles WHERE body IS NOT NULL{} ORDER BY id",
        db.newsroom_only("org_id")
    );
    db.each(&sql, &[], |row| {
        let body: String = row.get(1)?;
        let sha: String = row.get(2)?;
        if chain::hex(&chain::sha256(body.as_bytes())) != sha {
            let stand_in = body.starts_with("[redacted in event ").then_some(body);
            bad.push((row.get(0)?, stand_in));
        }
        Ok(())
    })?;
    Ok(bad)
}
