//! The audit trail: reading the log, and verifying its chain, the rows it describes and the file.

use serde::Serialize;

use crate::error::Result;
use crate::model::Event;
use crate::store::{Store, audit, claims};
use crate::verify::ChainCheck;

/// The events about one claim (by reference) or all of them, oldest first; `limit` keeps the newest N.
pub fn history(store: &Store, claim: Option<&str>, limit: Option<u64>) -> Result<Vec<Event>> {
    let claim = claim.map(|c| claims::resolve(store.conn(), c)).transpose()?;
    audit::events(store.conn(), claim, limit)
}

/// What `verify` found.
#[derive(Serialize)]
pub struct Verification {
    pub ok: bool,
    pub events: u64,
    pub problems: Vec<String>,
}

/// Checks the chain, every audited row against its last event, article texts
/// against their hashes, and SQLite's integrity and foreign keys — all as of
/// one moment, however many editors are writing meanwhile.
pub fn verify(store: &Store) -> Result<Verification> {
    let check = store.snapshot(|conn| {
        let mut check = ChainCheck::default();
        audit::each_event(conn, |event| check.visit(event))?;
        for table in audit::Table::ALL {
            check.compare_table(table.name(), audit::snapshots(conn, table)?);
        }
        for id in audit::article_text_mismatches(conn)? {
            check.problem(format!("article {id}'s text no longer matches its SHA-256"));
        }
        for line in audit::integrity_problems(conn)? {
            check.problem(format!("integrity_check: {line}"));
        }
        for line in audit::foreign_key_problems(conn)? {
            check.problem(format!("foreign_key_check: {line}"));
        }
        Ok(check)
    })?;
    Ok(Verification { ok: check.problems.is_empty(), events: check.events, problems: check.problems })
}
