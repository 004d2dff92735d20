//! Ledger-wide settings kept in the `settings` table: audited like every other record.

use super::Tx;
use super::audit::Table;
use super::db::Db;
use crate::error::Result;

/// The stale age when the ledger does not say otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 30;

/// Days without a verdict before a claim is stale (`settings.stale_days`).
pub fn stale_days(db: Db<'_>) -> Result<u32> {
    Ok(get(db, "stale_days")?.and_then(|v| v.trim().parse().ok()).unwrap_or(DEFAULT_STALE_DAYS))
}

/// One setting's value, if it is set.
pub fn get(db: Db<'_>, key: &str) -> Result<Option<String>> {
    db.query_opt("SELECT value FROM settings WHERE key = ?1", &[&key], |r| r.get(0))
}

/// Every setting, by key.
pub fn list(db: Db<'_>) -> Result<Vec<(String, String)>> {
    db.query("SELECT key, value FROM settings ORDER BY key", &[], |r| Ok((r.get(0)?, r.get(1)?)))
}

impl Tx<'_> {
    /// Sets a setting, recording the change; setting the value it already has records nothing.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        // (One newsroom's settings on PostgreSQL, also for the owner setting up a new newsroom.)
        let sql = format!("SELECT id FROM settings WHERE key = ?1{}", self.db().newsroom_only("org_id"));
        let row: Option<i64> = self.db().query_opt(&sql, &[&key], |r| r.get(0))?;
        match row {
            Some(id) => self.audited(Table::Settings, id, None, |db| {
                db.execute("UPDATE settings SET value = ?2 WHERE id = ?1", &[&id, &value])?;
                Ok(())
            }),
            None => {
                self.audited_insert(Table::Settings, None, |db| {
                    db.insert("INSERT INTO settings (key, value) VALUES (?1, ?2) RETURNING id", &[&key, &value])
                })?;
                Ok(())
            }
        }
    }
}
