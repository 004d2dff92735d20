//! Backups: a consistent copy, verified (chain, schema, integrity), with the anchor to keep beside it.
//! On PostgreSQL, a verified SQLite copy of the ledger (`pg_dump` backs up a whole server).

use std::path::Path;

use serde::Serialize;

use super::offline::{self, Destination, Staged};
use crate::error::{Error, Result};
use crate::store::Store;

/// What `backup` made.
#[derive(Serialize)]
pub struct Backup {
    pub path: String,
    pub events: u64,
    /// The copy's chain head: keep it, and `verify --anchor` it after a restore.
    pub anchor: Option<String>,
    /// On PostgreSQL: the server and database copied (any password as `***`); the copy is an SQLite file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// On PostgreSQL: the rows copied, every one of which reads in the copy as on the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
}

/// Copies the ledger to `target` (which must not exist) and verifies the copy. The copy is
/// written beside `target` and moved there only once it verifies; one that does not is removed
/// and the failure reported. A PostgreSQL ledger is copied into a new SQLite file
/// (`offline::to_sqlite`), which also checks every row against the server's.
pub fn backup(store: &Store, target: &Path, busy_timeout_ms: u64) -> Result<Backup> {
    if store.postgres().is_some() {
        let copy = offline::to_sqlite(store, target, Destination::NewFile, busy_timeout_ms)?;
        return Ok(Backup {
            path: copy.path,
            events: copy.events,
            anchor: copy.anchor,
            from: Some(copy.from),
            rows: Some(copy.rows),
        });
    }
    let staged = Staged::beside(target)?;
    store.copy_to(staged.path())?;
    let (report, head) = offline::verified(staged.path(), busy_timeout_ms)?;
    if !report.ok {
        return Err(Error::Problems(format!(
            "the copy did not verify, so it was removed: {}",
            report.problems.join("; ")
        )));
    }
    staged.publish(target)?;
    Ok(Backup { path: target.display().to_string(), events: report.events, anchor: head, from: None, rows: None })
}
