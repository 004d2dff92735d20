//! The audit log in the database: row snapshots, recording each change's event, reading the log back.
//!
//! The hashing that chains events lives in `crate::chain`, shared with `verify`.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::chain::{GENESIS, RawEvent, event_hash, hex};

use super::{Tx, optional};
use crate::error::Result;
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
}

impl Table {
    pub const ALL: [Table; 7] = [
        Table::Sources,
        Table::SourceAliases,
        Table::Articles,
        Table::Claims,
        Table::Citations,
        Table::Links,
        Table::Verdicts,
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
        }
    }

    /// `SELECT id, <json snapshot>`; the snapshot is what events store and `verify` compares.
    fn snapshot_select(self) -> &'static str {
        match self {
            Table::Sources => {
                "SELECT id, json_object('id', id, 'name', name, 'kind', kind, 'url', url, 'note', note,
                 'created_at', created_at) FROM sources"
            }
            Table::SourceAliases => {
                "SELECT id, json_object('id', id, 'source_id', source_id, 'alias', alias,
                 'created_at', created_at) FROM source_aliases"
            }
            Table::Articles => {
                "SELECT id, json_object('id', id, 'publisher_id', publisher_id, 'url', url, 'title', title,
                 'published', published, 'published_precision', published_precision,
                 'body_sha256', body_sha256, 'created_at', created_at,
                 'derived_from', json((SELECT json_group_array(derived_from_id) FROM
                    (SELECT derived_from_id FROM article_derivations d
                     WHERE d.article_id = articles.id ORDER BY derived_from_id)))) FROM articles"
            }
            Table::Claims => {
                "SELECT id, json_object('id', id, 'text', text, 'status', status,
                 'retract_reason', retract_reason, 'created_at', created_at, 'updated_at', updated_at)
                 FROM claims"
            }
            Table::Citations => {
                "SELECT id, json_object('id', id, 'claim_id', claim_id, 'article_id', article_id,
                 'source_id', source_id, 'kind', kind, 'quote', quote, 'start_offset', start_offset,
                 'end_offset', end_offset, 'created_at', created_at) FROM citations"
            }
            Table::Links => {
                "SELECT id, json_object('id', id, 'claim_id', claim_id, 'stance', stance,
                 'target_claim_id', target_claim_id, 'target_article_id', target_article_id,
                 'note', note, 'editor', editor, 'created_at', created_at) FROM links"
            }
            Table::Verdicts => {
                "SELECT id, json_object('id', id, 'claim_id', claim_id, 'rating', rating, 'note', note,
                 'evidence', evidence, 'editor', editor, 'created_at', created_at) FROM verdicts"
            }
        }
    }
}

/// The JSON snapshot of one row, or `None` when it does not exist.
pub fn snapshot(conn: &Connection, table: Table, id: i64) -> Result<Option<String>> {
    let sql = format!("{} WHERE id = ?1", table.snapshot_select());
    optional(conn.prepare_cached(&sql)?.query_row([id], |row| row.get(1)))
}

/// Every row of a table as (id, snapshot), for `verify`.
pub fn snapshots(conn: &Connection, table: Table) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(table.snapshot_select())?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Tx<'_> {
    /// Runs `change` on one row and records the audit event for it: the
    /// snapshot before, the snapshot after, chained to the previous event.
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
        self.record(table, row_id, claim_id, old, new)
    }

    /// Inserts a row with `insert` (which returns its id) and records the event.
    pub(crate) fn audited_insert(
        &mut self,
        table: Table,
        claim_id: Option<ClaimId>,
        insert: impl FnOnce(&Connection) -> Result<i64>,
    ) -> Result<i64> {
        let id = insert(self.conn())?;
        let new = snapshot(self.conn(), table, id)?;
        self.record(table, id, claim_id, None, new)?;
        Ok(id)
    }

    fn record(
        &mut self,
        table: Table,
        row_id: i64,
        claim_id: Option<ClaimId>,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<()> {
        // A claim's own row is about that claim.
        let claim_id = if table == Table::Claims { Some(ClaimId(row_id)) } else { claim_id };
        let action = match (&old, &new) {
            (None, Some(_)) => "insert",
            (Some(_), None) => "delete",
            _ => "update",
        };
        let conn = self.conn();
        let last: Option<(i64, String)> = optional(
            conn.prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
                .query_row([], |row| Ok((row.get(0)?, row.get(1)?))),
        )?;
        let (prev_id, prev_hash) = last.unwrap_or((0, GENESIS.to_string()));
        let id = prev_id + 1;
        let author = &self.author;
        let hash = event_hash(
            &prev_hash,
            id,
            &author.at,
            &author.editor,
            action,
            table.name(),
            row_id,
            claim_id.map(|c| c.0),
            old.as_deref(),
            new.as_deref(),
        );
        conn.prepare_cached(
            "INSERT INTO events (id, at, editor, action, table_name, row_id, claim_id,
                                 old_values, new_values, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            id,
            author.at,
            author.editor,
            action,
            table.name(),
            row_id,
            claim_id,
            old,
            new,
            prev_hash,
            hash
        ])?;
        Ok(())
    }
}

const EVENT_COLUMNS: &str =
    "id, at, editor, action, table_name, row_id, claim_id, old_values, new_values, prev_hash, hash";

fn raw_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok(RawEvent {
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
}

/// Calls `visit` with every event in id order, without holding them all in memory.
pub fn each_event(conn: &Connection, mut visit: impl FnMut(RawEvent)) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {EVENT_COLUMNS} FROM events ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        visit(raw_event(row)?);
    }
    Ok(())
}

/// The events about one claim (its row, citations, verdicts, and links from or
/// to it), or all events, newest last; `limit` keeps the newest N (0 or `None`: all).
pub fn events(conn: &Connection, claim: Option<ClaimId>, limit: Option<u64>) -> Result<Vec<Event>> {
    let limit = limit.filter(|&n| n > 0).and_then(|n| i64::try_from(n).ok()).unwrap_or(-1);
    let sql = format!(
        "SELECT * FROM (SELECT {EVENT_COLUMNS} FROM events
         WHERE ?1 IS NULL OR claim_id = ?1
            OR (table_name = 'links' AND (json_extract(new_values, '$.target_claim_id') = ?1
                                          OR json_extract(old_values, '$.target_claim_id') = ?1))
         ORDER BY id DESC LIMIT ?2) ORDER BY id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![claim, limit], raw_event)?;
    let mut out = Vec::new();
    for raw in rows {
        let raw = raw?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        out.push(Event {
            id: EventId(raw.id),
            at: raw.at,
            editor: raw.editor,
            action: raw.action,
            table: raw.table,
            row_id: raw.row_id,
            claim_id: raw.claim_id.map(ClaimId),
            old_values: parse(raw.old_values),
            new_values: parse(raw.new_values),
            prev_hash: raw.prev_hash,
            hash: raw.hash,
        });
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
        if hex(&Sha256::digest(body.as_bytes())) != sha {
            bad.push(row.get(0)?);
        }
    }
    Ok(bad)
}
