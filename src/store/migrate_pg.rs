//! PostgreSQL's schema migrations from `schema-postgres.sql`, tracked in its one-row `schema_version` table
//! (what `PRAGMA user_version` is on SQLite), and the flag views from `views-postgres.sql`.
//!
//! Pending migrations run once each, in order, in one transaction holding the ledger's write lock
//! (so two claimtracks upgrading one server do the work once). The views are re-created, in the
//! same transaction, whenever `views-postgres.sql`'s SHA-256 differs from the one recorded beside
//! the version. A ledger with more migrations than this binary knows is refused, untouched.

use sha2::{Digest, Sha256};

use super::db::{Db, Pg};
use crate::error::{Error, Result};

/// PostgreSQL's schema, as migrations.
pub const SCHEMA: &str = include_str!("../../schema-postgres.sql");
/// The migration that brought newsrooms, editors' roles and row-level security: from it on the
/// CLI tells the owner from an editor.
pub const ORGANISATIONS: i64 = 3;
/// The flag views on PostgreSQL.
pub const VIEWS: &str = include_str!("../../views-postgres.sql");
/// The migrations in order, each the SQL that follows its marker line.
fn migrations() -> Vec<&'static str> {
    super::migrate::split_migrations(SCHEMA)
}

/// How many migrations this binary knows for PostgreSQL: the `schema_version` of an up-to-date ledger.
pub fn schema_version() -> i64 {
    migrations().len() as i64
}

/// The names of the views `views-postgres.sql` creates, in its order.
pub fn view_names() -> Vec<&'static str> {
    VIEWS
        .lines()
        .filter_map(|line| line.strip_prefix("CREATE VIEW "))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect()
}

/// The SHA-256 of `views-postgres.sql`, as `schema_version` records it once the views are created.
pub fn views_sha256() -> String {
    Sha256::digest(VIEWS.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The ledger's schema version (0 for a schema with no claimtrack tables) and its views' SHA-256.
/// `ledger` names the database in errors.
pub fn found_version(db: Db<'_>, ledger: &str) -> Result<(i64, Option<String>)> {
    let has_table: bool =
        db.query_opt("SELECT to_regclass('schema_version') IS NOT NULL", &[], |r| r.get(0))?.unwrap_or(false);
    if !has_table {
        // A schema the role may not use drops out of its search path silently: say so, rather
        // than offer to create a ledger there (which would fail with "no schema selected").
        let (usable, path, role): (Option<String>, String, String) = db
            .query_opt("SELECT current_schema()::text, current_setting('search_path'), current_user::text", &[], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .ok_or_else(|| Error::Internal("no row from current_schema()".into()))?;
        if usable.is_none() {
            return Err(Error::Invalid(format!(
                "not allowed: no schema on the search path ({path}) is there for {role} to use at {ledger}: it does \
                 not exist, or {role} has no USAGE on it (its owner can GRANT it)"
            )));
        }
        let tables: i64 = db
            .query_opt(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
                &[],
                |r| r.get(0),
            )?
            .unwrap_or(0);
        if tables > 0 {
            return Err(Error::NotALedger {
                path: ledger.into(),
                reason: "its schema holds other tables and no claimtrack schema_version".into(),
            });
        }
        return Ok((0, None));
    }
    let row = db.query_opt("SELECT version, views_sha256 FROM schema_version", &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(row.unwrap_or((0, None)))
}

/// Brings the PostgreSQL ledger (the connection's current schema) up to [`schema_version`] and its
/// views up to `views-postgres.sql`, or refuses one written by a newer claimtrack.
pub fn run(pg: &Pg, ledger: &str, lock_timeout_ms: u64) -> Result<()> {
    let known = schema_version();
    let views = views_sha256();
    let (current, stored_views) = found_version(pg.db(), ledger)?;
    if current > known {
        return Err(Error::TooNew { path: ledger.into(), found: current, known });
    }
    if current == known && stored_views.as_deref() == Some(views.as_str()) {
        return Ok(());
    }
    pg.write(lock_timeout_ms, |db| {
        // Looked at again under the lock: another process may have migrated meanwhile.
        let (current, stored_views) = found_version(*db, ledger)?;
        if current > known {
            return Err(Error::TooNew { path: ledger.into(), found: current, known });
        }
        for (index, sql) in migrations().into_iter().enumerate().skip(current as usize) {
            pg.batch(sql).map_err(|e| Error::Internal(format!("PostgreSQL migration {} failed: {e}", index + 1)))?;
        }
        // Claims a migration left without their index words (migration 5) are indexed again.
        if current < known {
            super::matching::fill_missing_per_newsroom(*db)?;
        }
        if current < known || stored_views.as_deref() != Some(views.as_str()) {
            for name in view_names().into_iter().rev() {
                pg.batch(&format!("DROP VIEW IF EXISTS {name} CASCADE"))?;
            }
            pg.batch(VIEWS).map_err(|e| Error::Internal(format!("views-postgres.sql failed: {e}")))?;
        }
        // New tables and re-created views start with no grants: every editor gets theirs again.
        db.query("SELECT grant_editor(role) FROM editors", &[], |_| Ok(()))?;
        db.execute(
            "INSERT INTO schema_version (one_row, version, views_sha256) VALUES (1, ?1, ?2)
             ON CONFLICT (one_row) DO UPDATE SET version = excluded.version, views_sha256 = excluded.views_sha256",
            &[&known, &views],
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::migrate::MARKER;

    #[test]
    fn every_migration_has_its_number_and_every_view_its_name() {
        assert!(schema_version() >= 1);
        assert!(
            SCHEMA.contains(&format!("{MARKER}{ORGANISATIONS}: organisations")),
            "ORGANISATIONS names its migration"
        );
        for (i, line) in SCHEMA.lines().filter(|l| l.starts_with(MARKER)).enumerate() {
            assert!(line.starts_with(&format!("{MARKER}{}:", i + 1)), "not migration {}'s marker: {line}", i + 1);
        }
        // views.sql's views, in its order: a view added there must be added here too.
        let sqlite: Vec<&str> = include_str!("../../views.sql")
            .lines()
            .filter_map(|line| line.strip_prefix("CREATE VIEW "))
            .filter_map(|rest| rest.split_whitespace().next())
            .collect();
        assert_eq!(view_names(), sqlite);
        assert!(view_names().contains(&"claim_flags"));
    }
}
