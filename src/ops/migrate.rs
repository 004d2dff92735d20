//! Moving a desk between engines: from its SQLite file to a PostgreSQL server, or from the server to
//! an SQLite file (a reporter's offline copy). Check the ledger, copy every row, check the copy.

use std::path::Path;

use serde::Serialize;

use super::offline::{self, Destination};
use crate::error::{Error, Result};
use crate::ops::audit;
use crate::store::orgs;
use crate::store::transfer::{self, TableCopy};
use crate::store::{Author, Store};

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
    newsroom_for(&mut copy, newsroom, at)?;
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

/// The owner's store, from now on working for `newsroom` (created when missing).
fn newsroom_for(server: &mut Store, newsroom: &str, at: &str) -> Result<()> {
    let org = match orgs::find(server.db(), newsroom)? {
        Some(org) if org.kind == super::orgs::NEWSROOM => org,
        Some(org) => return Err(Error::invalid(format!("{} is a {}, not a newsroom", org.name, org.kind))),
        None => orgs::add(server.db(), newsroom, super::orgs::NEWSROOM, at)?,
    };
    server.act_for(&org)
}

/// Merges the SQLite ledger in `store` into a PostgreSQL server that may already hold other
/// newsrooms, as `newsroom` (created when missing; it must hold no records yet). The file must
/// verify first. Its rows get new ids on the server, their references follow, and the receiving
/// newsroom's chain records them as one change of `import` events, one per table, each naming
/// the file and the anchor of its chain (the file's own history stays in the file: its hashes
/// cover the old ids). Its settings are set through the log. The newsroom must verify after.
pub fn merge_into_postgres(
    store: &Store,
    target: &str,
    newsroom: &str,
    author: &Author,
    lock_timeout_ms: u64,
) -> Result<Migrated> {
    verified_source(store)?;
    let lite = store.sqlite("merge's source ledger")?;
    let source_anchor = audit::anchor(store)?.map_or_else(|| "no events".to_string(), |a| a.to_string());
    let bytes = std::fs::read(store.path()).map_err(|e| Error::io(format!("reading {}", store.path().display()), e))?;
    let file = format!("{} at anchor {source_anchor}", store.path().display());
    let sha256 = crate::chain::hex(&crate::chain::sha256(&bytes));
    let settings = crate::store::settings::list(store.db())?;
    let mut server = Store::open_postgres_owner(target, lock_timeout_ms)?;
    newsroom_for(&mut server, newsroom, &author.at)?;
    let tables = server.write(author, |tx| {
        tx.begin_batch(&file, &sha256)?;
        let tables = crate::store::merge::merge_ledger(lite, tx)?;
        for (key, value) in &settings {
            tx.set_setting(key, value)?;
        }
        tx.end_batch()?;
        Ok(tables)
    })?;
    let check = audit::verify(&server, &[])?;
    if !check.ok {
        return Err(Error::Problems(format!(
            "the merged newsroom on PostgreSQL does not verify: {}",
            check.problems.join("; ")
        )));
    }
    let anchor = audit::anchor(&server)?.map(|a| a.to_string());
    let rows = tables.iter().map(|t| t.rows).sum();
    Ok(Migrated { to_engine: "postgresql", events: check.events, rows, tables, anchor })
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
    let store = Store::open_postgres(source, lock_timeout_ms)?;
    let copy = offline::to_sqlite(&store, target, Destination::NewLedger, lock_timeout_ms)?;
    Ok(Migrated { to_engine: "sqlite", events: copy.events, rows: copy.rows, tables: copy.tables, anchor: copy.anchor })
}
