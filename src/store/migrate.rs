//! Schema migrations from `schema.sql`, tracked in `PRAGMA user_version`, run in one transaction.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const SCHEMA: &str = include_str!("../../schema.sql");
const MARKER: &str = "-- migration ";

/// How many migrations this binary knows; the `user_version` of an up-to-date ledger.
pub const SCHEMA_VERSION: i64 = count_migrations(SCHEMA);

const fn count_migrations(text: &str) -> i64 {
    // A line that starts with the marker begins a migration.
    let bytes = text.as_bytes();
    let marker = MARKER.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i + marker.len() <= bytes.len() {
        if i == 0 || bytes[i - 1] == b'\n' {
            let mut j = 0;
            while j < marker.len() && bytes[i + j] == marker[j] {
                j += 1;
            }
            if j == marker.len() {
                count += 1;
            }
        }
        i += 1;
    }
    count
}

/// The migrations in order, each the SQL that follows its marker line.
fn migrations() -> Vec<&'static str> {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in SCHEMA.split_inclusive('\n') {
        if line.starts_with(MARKER) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| &SCHEMA[start..starts.get(i + 1).copied().unwrap_or(SCHEMA.len())])
        .collect()
}

/// Brings the ledger up to [`SCHEMA_VERSION`]. Runs under an IMMEDIATE
/// transaction and re-reads the version inside it, so two processes creating
/// the same ledger at once migrate it exactly once.
pub fn run(conn: &Connection) -> Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::Internal(format!("schema version {current} appeared while migrating")));
    }
    for (index, sql) in migrations().into_iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql).map_err(|e| Error::Internal(format!("migration {} failed: {e}", index + 1)))?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_marker_once() {
        assert_eq!(SCHEMA_VERSION as usize, migrations().len());
        const { assert!(SCHEMA_VERSION >= 1) };
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        run(&conn).unwrap();
        let tables = |c: &Connection| -> Vec<String> {
            let mut stmt = c.prepare("SELECT name FROM sqlite_schema ORDER BY name").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        let before = tables(&conn);
        run(&conn).unwrap();
        assert_eq!(before, tables(&conn));
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
