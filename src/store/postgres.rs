//! Opening a ledger on PostgreSQL: which `--db` values name a server, connecting, creating or
//! upgrading the schema (`migrate_pg`), and what a new ledger holds from its first moment.

use std::path::{Path, PathBuf};

use super::db::{Db, Pg};
use super::{Author, Engine, OpenMode, Store, migrate_pg};
use crate::error::{Error, Result};

/// The settings a new ledger starts with, as SQLite's schema writes them (migration 1, audited by
/// migration 3): on PostgreSQL the store writes them, through the audit log, when it creates the schema.
const DEFAULT_SETTINGS: [(&str, &str); 1] = [("stale_days", "30")];

/// The keywords a libpq `key=value` connection string starts with.
const KEYWORDS: [&str; 12] = [
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "options",
    "sslmode",
    "application_name",
    "connect_timeout",
    "target_session_attrs",
    "channel_binding",
];

/// The connection string when `--db` (or `CLAIMTRACK_DB`, or the config's `db`) names a PostgreSQL
/// server rather than an SQLite file: a `postgres://` or `postgresql://` URL, or a libpq
/// `key=value …` string (`host=/run/postgresql dbname=claims`).
pub fn postgres_target(db: &Path) -> Option<&str> {
    let text = db.to_str()?.trim();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        return Some(text);
    }
    let first = text.split_whitespace().next()?;
    let (key, _) = first.split_once('=')?;
    KEYWORDS.contains(&key.trim()).then_some(text)
}

impl Store {
    /// Opens the ledger in the connection's current schema on a PostgreSQL server. `Create` and
    /// `Existing` bring the schema up to date (`migrate_pg::run`, under the write lock) and a new
    /// ledger gets its default settings as SQLite's does; `Read` never changes anything, and a
    /// schema from a newer claimtrack is refused untouched.
    pub fn open_postgres(target: &str, mode: OpenMode, lock_timeout_ms: u64) -> Result<Store> {
        let label = super::db::without_password(target);
        let pg = Pg::connect(target)?;
        let known = migrate_pg::schema_version();
        // An existing ledger answers in one statement; only when that fails (no ledger here, or
        // no rights) does `found_version` look closer and say why.
        let version = pg.db().query_opt("SELECT version, views_sha256 FROM schema_version", &[], |r| {
            Ok((r.get::<i64>(0)?, r.get::<Option<String>>(1)?))
        });
        let (found, views) = match version {
            Ok(Some(found)) => found,
            _ => migrate_pg::found_version(pg.db(), &label)?,
        };
        if found > known {
            return Err(Error::TooNew { path: label.into(), found, known });
        }
        if found == 0 && mode != OpenMode::Create {
            return Err(Error::NoLedger(PathBuf::from(&label)));
        }
        if mode == OpenMode::Read && found < known {
            return Err(Error::NeedsUpgrade { path: label.into(), found, known });
        }
        // Up to date: nothing to migrate, and no need to look again.
        let current = found == known && views.as_deref() == Some(migrate_pg::views_sha256().as_str());
        if mode != OpenMode::Read && !current {
            migrate_pg::run(&pg, &label, lock_timeout_ms)?;
        }
        let mut store = Store {
            engine: Engine::Postgres(Box::new(pg)),
            path: PathBuf::from(label),
            busy_timeout_ms: lock_timeout_ms,
            immutable: false,
            found_version: found,
        };
        if found == 0 {
            store.write_defaults()?;
        }
        Ok(store)
    }

    /// A new ledger's settings, written as one change by `claimtrack` (as SQLite's upgrade records
    /// them); a setting already there (another claimtrack created the ledger meanwhile) is kept.
    fn write_defaults(&mut self) -> Result<()> {
        let now = crate::date::now().map_err(Error::Usage)?;
        let author = Author { editor: "claimtrack".into(), at: crate::date::timestamp(now), command: "upgrade".into() };
        self.write(&author, |tx| {
            for (key, value) in DEFAULT_SETTINGS {
                let there = tx.db().query_opt("SELECT 1 FROM settings WHERE key = ?1", &[&key], |r| r.get::<i64>(0))?;
                if there.is_none() {
                    tx.set_setting(key, value)?;
                }
            }
            Ok(())
        })
    }

    /// The PostgreSQL connection, when the ledger is there.
    pub fn postgres(&self) -> Option<&Pg> {
        match self.db() {
            Db::Postgres(pg) => Some(pg),
            Db::Sqlite(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::postgres_target;
    use std::path::Path;

    #[test]
    fn urls_and_keyword_strings_name_a_server_and_anything_else_a_file() {
        for server in [
            "postgres://desk@db.example/claims",
            "postgresql:///claims?host=/run/postgresql",
            "host=/tmp/pg dbname=claimtrack",
            "dbname=claims",
            "  user=desk host=db",
        ] {
            assert!(postgres_target(Path::new(server)).is_some(), "{server}");
        }
        for file in ["claimtrack.db", "desk/claims.db", "host.db", "notes=1.db", "postgres.db", "./host=x"] {
            assert!(postgres_target(Path::new(file)).is_none(), "{file}");
        }
    }
}
