//! Moving a desk between engines: from its SQLite file to a PostgreSQL server, or from the server to
//! an SQLite file (a reporter's offline copy). Check the ledger, copy every row, check the copy.

use std::path::Path;

use serde::Serialize;

use super::offline::{self, Destination};
use crate::error::{Error, Result};
use crate::ops::audit;
use crate::store::orgs;
use crate::store::transfer::{self, TableCopy};
use crate::store::{OpenMode, Store};

/// What `claimtrack migrate` did.
#[derive(Debug, Serialize)]
pub struct Migrated {
    /// Where the ledger went: "postgresql" or "sqlite".
    pub to_engine: &'static str,
    /// The audit chain's events: checked on the copy (and, to PostgreSQL, on the SQLite file first).
    pub events: u64,
    pub rows: u64,
    pub tables: Vec<TableCopy>,
    /// The copy's chain head (the same as the source's as of the copy).
    pub anchor: Option<String>,
}

/// The source must verify (chain, rows, schema) before anything is copied.
fn verified_source(store: &Store) -> Result<u64> {
    let verified = audit::verify(store, &[])?;
    if !verified.ok {
        return Err(Error::Problems(format!(
            "{} does not verify ({}); nothing was copied: run `claimtrack verify` and repair it first",
            store.path().display(),
            verified.problems.join("; ")
        )));
    }
    Ok(verified.events)
}

/// Copies the ledger in `store` into the PostgreSQL database `target` names (its current schema,
/// which must hold no claimtrack rows: its schema is created or brought up to date first). The
/// SQLite ledger must verify (chain, rows, schema) before anything is copied; afterwards every row
/// must read the same on both engines, and the copy must verify on the server as the original does.
///
/// The copy runs as the server's owner (who creates or upgrades its schema) for `newsroom`, created
/// when missing: the desk's records and its chain become that newsroom's.
pub fn to_postgres(store: &Store, target: &str, newsroom: &str, at: &str, lock_timeout_ms: u64) -> Result<Migrated> {
    let events = verified_source(store)?;
    let mut copy = Store::open_postgres_owner(target, lock_timeout_ms)?;
    let org = match orgs::find(copy.db(), newsroom)? {
        Some(org) if org.kind == super::orgs::NEWSROOM => org,
        Some(org) => return Err(Error::invalid(format!("{} is a {}, not a newsroom", org.name, org.kind))),
        None => orgs::add(copy.db(), newsroom, super::orgs::NEWSROOM, at)?,
    };
    copy.act_for(&org)?;
    let report = transfer::copy_ledger(store.db(), copy.db())?;
    // The rows are in and read the same; only the check of the copy could not run (verify on a
    // server needs CREATE on the database for its fresh schema): say so rather than hide it.
    let check = audit::verify(&copy, &[]).map_err(|e| {
        Error::invalid(format!(
            "the copy landed on PostgreSQL and every row reads the same as in {}, but verify could not run there: {e}; run `claimtrack verify` on it as a role that may",
            store.path().display()
        ))
    })?;
    if !check.ok || check.events != events {
        return Err(Error::Problems(format!(
            "the copy on PostgreSQL does not verify ({} events of {events}): {}",
            check.events,
            check.problems.join("; ")
        )));
    }
    let anchor = audit::anchor(&copy)?.map(|a| a.to_string());
    Ok(Migrated { to_engine: "postgresql", events, rows: report.rows(), tables: report.tables, anchor })
}

/// Copies the PostgreSQL ledger `source` names into the SQLite file `target`: a new file, or a
/// ledger nothing was written to yet. The copy is checked row for row against the server's ledger,
/// as of the snapshot it was read from, and must verify as a file (`offline::to_sqlite`): its chain,
/// every row replayed from its log, its schema and integrity. Since every row is the server's, a
/// server ledger that does not verify gives a copy that does not either, which is removed. The
/// server's own `verify` is not run first: it needs the CREATE privilege on the database (for the
/// fresh schema it compares with), which a reporter's role need not have.
pub fn to_sqlite(source: &str, target: &Path, lock_timeout_ms: u64) -> Result<Migrated> {
    if target.exists() && !target.is_file() {
        return Err(Error::invalid(format!("{} is not a file", target.display())));
    }
    let store = Store::open_postgres(source, OpenMode::Read, lock_timeout_ms)?;
    let copy = offline::to_sqlite(&store, target, Destination::NewLedger, lock_timeout_ms)?;
    Ok(Migrated { to_engine: "sqlite", events: copy.events, rows: copy.rows, tables: copy.tables, anchor: copy.anchor })
}
