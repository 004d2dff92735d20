//! Backups: a consistent copy, verified (chain, schema, integrity), with the anchor to keep beside it.

use std::path::Path;

use serde::Serialize;

use crate::chain::Anchor;
use crate::error::{Error, Result};
use crate::store::{OpenMode, Store};

/// What `backup` made.
#[derive(Serialize)]
pub struct Backup {
    pub path: String,
    pub events: u64,
    /// The copy's chain head: keep it, and `verify --anchor` it after a restore.
    pub anchor: Option<String>,
}

/// Copies the ledger to `target` (which must not exist) and verifies the copy;
/// a copy that does not verify is removed and the failure reported.
pub fn backup(store: &Store, target: &Path, busy_timeout_ms: u64) -> Result<Backup> {
    if target.exists() {
        return Err(Error::invalid(format!("{} already exists: a backup never overwrites a file", target.display())));
    }
    store.copy_to(target)?;
    let verified = Store::open(target, OpenMode::Read, busy_timeout_ms).and_then(|copy| {
        let report = super::audit::verify(&copy, &[])?;
        let head: Option<Anchor> = super::audit::anchor(&copy)?;
        Ok((report, head))
    });
    match verified {
        Ok((report, head)) if report.ok => Ok(Backup {
            path: target.display().to_string(),
            events: report.events,
            anchor: head.map(|a| a.to_string()),
        }),
        Ok((report, _)) => {
            let _ = std::fs::remove_file(target);
            Err(Error::Problems(format!("the copy did not verify, so it was removed: {}", report.problems.join("; "))))
        }
        Err(e) => {
            let _ = std::fs::remove_file(target);
            Err(e)
        }
    }
}
