//! Ledger-wide settings kept in the `settings` table (today the stale age).

use rusqlite::Connection;

use crate::error::Result;

/// The stale age when the ledger does not say otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 30;

/// Days without a verdict before a claim is stale (`settings.stale_days`).
pub fn stale_days(conn: &Connection) -> Result<u32> {
    let value: String = conn.query_row("SELECT value FROM settings WHERE key = 'stale_days'", [], |row| row.get(0))?;
    Ok(value.trim().parse().unwrap_or(DEFAULT_STALE_DAYS))
}
