//! Step 1: building a ledger of N claims with the shared random-ledger generator, and describing it.

use std::path::Path;

use claimtrack::store::{OpenMode, Store};
use rusqlite::{Connection, OpenFlags};

use crate::random_ledger::{self, Landmarks, Shape};
use crate::{BUSY_TIMEOUT_MS, Res, step};

/// Builds a new ledger file of `size` claims, 10,000 per transaction; every run builds the same one.
pub fn build(db: &Path, size: usize) -> Res<Landmarks> {
    let mut store = step("open new ledger", Store::open(db, OpenMode::Create, BUSY_TIMEOUT_MS))?;
    let landmarks = random_ledger::build(&mut store, &Shape::batched(size), 0x5EED_0000 ^ size as u64)?;
    let conn = step("checkpoint", store.sqlite("the bench's checkpoint"))?;
    step("checkpoint", conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?;
    Ok(landmarks)
}

/// Row counts and file size, for the printout.
pub fn summary(db: &Path) -> String {
    let counts = count_rows(db).unwrap_or_else(|e| format!("(row counts unavailable: {e})"));
    let megabytes = std::fs::metadata(db).map(|m| m.len() as f64 / 1e6).unwrap_or(f64::NAN);
    let per_claim = bytes_per_claim(db).unwrap_or_else(|e| format!("(size per claim unavailable: {e})"));
    format!("{counts}; file {megabytes:.1} MB; {per_claim}")
}

/// The file's bytes per claim, all told, and the audit log's share of it (its
/// tables and indexes, as SQLite's dbstat counts their pages).
fn bytes_per_claim(db: &Path) -> Res<String> {
    let conn = step("open for sizing", Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
    let claims: f64 = step("claims", conn.query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0)))? as f64;
    let file = std::fs::metadata(db).map(|m| m.len() as f64).unwrap_or(f64::NAN);
    let log: i64 = step(
        "dbstat",
        conn.query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat
             WHERE name IN ('events', 'changes', 'events_by_claim', 'events_imports', 'sqlite_autoindex_events_1')",
            [],
            |r| r.get(0),
        ),
    )?;
    Ok(format!(
        "{:.0} bytes a claim all told, of which the audit log (events, changes, their indexes) {:.0}",
        file / claims.max(1.0),
        log as f64 / claims.max(1.0)
    ))
}

fn count_rows(db: &Path) -> Res<String> {
    let conn = step("open for counting", Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
    let tables = ["sources", "articles", "article_derivations", "claims", "citations", "links", "verdicts", "events"];
    let mut parts = Vec::new();
    for table in tables {
        let n: i64 = step(table, conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))?;
        parts.push(format!("{table} {n}"));
    }
    Ok(parts.join(", "))
}
