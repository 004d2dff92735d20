//! Converting a schema-1 audit log to the lasting event format, inside migration 3's transaction.
//!
//! The old chain is checked first: a broken one is refused rather than laundered
//! into a fresh chain. Each old event becomes a new one with the same id (an
//! insert keeps the new row, an update only the columns that changed, a delete
//! the old row); consecutive events by one editor at one moment become one
//! change, as one command wrote them. The old log stays as `events_v1`, and the
//! new chain starts from a hash over its hashes: `verify` recomputes the old
//! chain and checks each converted event against its old one, so an anchor
//! taken before the upgrade still checks.

use rusqlite::Connection;

use super::audit::{self, Table};
use super::log;
use crate::chain::{self, ChainEvent, Change, GENESIS, v1};
use crate::error::{Error, Result};

/// The command recorded for changes converted from schema 1, which did not record commands.
pub const CONVERTED: &str = "(recorded before schema 3)";

/// Converts the log. Runs once, inside the migration's transaction.
pub fn convert(conn: &Connection) -> Result<()> {
    let old = log::v1_events(super::db::Db::Sqlite(conn))?;
    let mut prev = v1::GENESIS;
    for (i, event) in old.iter().enumerate() {
        if !v1::follows(event, i, prev) || v1::event_hash(event) != event.hash || chain::from_hex(&event.hash).is_none()
        {
            return Err(Error::Invalid(format!(
                "the audit log is broken at event {}, so the ledger was not upgraded; check it with `claimtrack verify` from the claimtrack that wrote it",
                event.id
            )));
        }
        prev = &event.hash;
    }
    let mut head = v1::origin(&old);
    let mut change: Option<Change> = None;
    for event in &old {
        let same_moment = change.as_ref().is_some_and(|c| c.at == event.at && c.editor == event.editor);
        if !same_moment {
            change = Some(audit::write_change(super::db::Db::Sqlite(conn), &event.at, &event.editor, CONVERTED)?);
        }
        let converted = ChainEvent {
            id: event.id,
            change: change.clone().expect("a change was opened above"),
            action: event.action.clone(),
            table: event.table.clone(),
            row_id: event.row_id,
            claim_id: event.claim_id,
            data: v1::converted(event).map_err(Error::Internal)?,
            hash: GENESIS,
        };
        head = audit::write_event(super::db::Db::Sqlite(conn), converted, &head)?;
    }
    // Settings were written by migration 1 without events; from now on they are audited.
    let settings = audit::snapshots(super::db::Db::Sqlite(conn), Table::Settings)?;
    if !settings.is_empty() {
        let now = crate::date::now().unwrap_or_else(|_| chrono::Utc::now());
        let change =
            audit::write_change(super::db::Db::Sqlite(conn), &crate::date::timestamp(now), "claimtrack", "upgrade")?;
        for (next, (row, data)) in (old.len() as i64 + 1..).zip(settings) {
            let event = ChainEvent {
                id: next,
                change: change.clone(),
                action: "insert".into(),
                table: Table::Settings.name().into(),
                row_id: row,
                claim_id: None,
                data,
                hash: GENESIS,
            };
            head = audit::write_event(super::db::Db::Sqlite(conn), event, &head)?;
        }
    }
    // Ids deleted before the upgrade stay used: no new row may take one.
    conn.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, coalesce(
             (SELECT max(row_id) FROM events_v1 WHERE events_v1.table_name = sqlite_sequence.name), 0))",
        [],
    )?;
    conn.execute(
        "INSERT INTO sqlite_sequence (name, seq)
         SELECT table_name, max(row_id) FROM events_v1
         WHERE table_name IN ('sources', 'source_aliases', 'articles', 'claims', 'citations', 'links', 'verdicts')
           AND table_name NOT IN (SELECT name FROM sqlite_sequence)
         GROUP BY table_name",
        [],
    )?;
    Ok(())
}
