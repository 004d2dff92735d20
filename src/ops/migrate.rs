//! Moving a desk from its SQLite file to a PostgreSQL server: check the ledger, copy every row, check the copy.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ops::audit;
use crate::store::Store;
use crate::store::orgs;
use crate::store::transfer::{self, TableCopy};

/// What `claimtrack migrate` did.
#[derive(Debug, Serialize)]
pub struct Migrated {
    /// The audit chain's events, checked on the SQLite ledger before the copy.
    pub events: u64,
    pub rows: u64,
    pub tables: Vec<TableCopy>,
}

/// Copies the ledger in `store` into the PostgreSQL database `target` names (its current schema,
/// which must hold no claimtrack rows: its schema is created or brought up to date first). The
/// SQLite ledger must verify (chain, rows, schema) before anything is copied, and every row must
/// read the same on both engines afterwards, so the copy's chain verifies as the original's does.
pub fn to_postgres(store: &Store, target: &str, newsroom: &str, at: &str, lock_timeout_ms: u64) -> Result<Migrated> {
    let verified = audit::verify(store, &[])?;
    if !verified.ok {
        return Err(Error::Problems(format!(
            "{} does not verify ({}); nothing was copied: run `claimtrack verify` and repair it first",
            store.path().display(),
            verified.problems.join("; ")
        )));
    }
    let mut server = Store::open_postgres_owner(target, lock_timeout_ms)?;
    let org = match orgs::find(server.db(), newsroom)? {
        Some(org) if org.kind == super::orgs::NEWSROOM => org,
        Some(org) => return Err(Error::invalid(format!("{} is a {}, not a newsroom", org.name, org.kind))),
        None => orgs::add(server.db(), newsroom, super::orgs::NEWSROOM, at)?,
    };
    server.act_for(&org)?;
    let pg = server.postgres().ok_or_else(|| Error::Internal("the target is not PostgreSQL".into()))?;
    let report = transfer::copy_ledger(store.sqlite("migrate's source ledger")?, pg)?;
    let differences = transfer::differences(store.sqlite("migrate's source ledger")?, pg)?;
    if !differences.is_empty() {
        return Err(Error::Problems(format!(
            "the copy on PostgreSQL differs from {}: {}",
            store.path().display(),
            differences.join("; ")
        )));
    }
    Ok(Migrated { events: verified.events, rows: report.rows(), tables: report.tables })
}
