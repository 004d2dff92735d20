//! Ledger-wide settings kept in the `settings` table: audited like every other record.

use rusqlite::{Connection, params};

use super::audit::Table;
use super::{Tx, optional};
use crate::error::Result;

/// The stale age when the ledger does not say otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 30;

/// Days without a verdict before a claim is stale (`settings.stale_days`).
pub fn stale_days(conn: &Connection) -> Result<u32> {
    Ok(get(conn, "stale_days")?.and_then(|v| v.trim().parse().ok()).unwrap_or(DEFAULT_STALE_DAYS))
}

/// One setting's value, if it is set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    optional(conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)))
}

/// Every setting, by key.
pub fn list(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Tx<'_> {
    /// Sets a setting, recording the change; setting the value it already has records nothing.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let row: Option<i64> = optional(
            self.conn().prepare_cached("SELECT id FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)),
        )?;
        match row {
            Some(id) => self.audited(Table::Settings, id, None, |conn| {
                conn.prepare_cached("UPDATE settings SET value = ?2 WHERE id = ?1")?.execute(params![id, value])?;
                Ok(())
            }),
            None => {
                self.audited_insert(Table::Settings, None, |conn| {
                    conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2)")?
                        .execute(params![key, value])?;
                    Ok(conn.last_insert_rowid())
                })?;
                Ok(())
            }
        }
    }
}
