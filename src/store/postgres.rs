//! Opening a ledger on PostgreSQL: which `--db` values name a server, connecting as an editor
//! (never the owner) or as the owner (creating or upgrading the schema with `migrate_pg`), and
//! what a new newsroom holds from its first moment.

use std::path::{Path, PathBuf};

use super::db::{Db, Pg};
use super::{Author, Engine, Store, migrate_pg, orgs};
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
    /// Opens the ledger in the connection's current schema on a PostgreSQL server, as an editor:
    /// the role must be one of a newsroom's editors (`claimtrack org editor`), never the tables'
    /// owner, who would read past row-level security. Editors never change the schema: one that
    /// is missing or older is refused with a pointer to `claimtrack admin upgrade`, and one from a
    /// newer claimtrack is refused untouched. Writes then lock only the editor's newsroom's chain.
    pub fn open_postgres(target: &str, lock_timeout_ms: u64) -> Result<Store> {
        Store::open_postgres_as(target, lock_timeout_ms, false)
    }

    /// [`Store::open_postgres`] that also lets the owner in, to read without changing anything
    /// (`org list`: the owner sees every organisation).
    pub fn open_postgres_to_read(target: &str, lock_timeout_ms: u64) -> Result<Store> {
        Store::open_postgres_as(target, lock_timeout_ms, true)
    }

    fn open_postgres_as(target: &str, lock_timeout_ms: u64, owner_may_read: bool) -> Result<Store> {
        let label = super::db::without_password(target);
        let pg = Pg::connect(target)?;
        let known = migrate_pg::schema_version();
        // An up-to-date ledger answers its version and who is connected in one statement; only
        // when that fails (no ledger here, an older one, or no rights) does `found_version` look
        // closer and say why.
        let (found, views, known_who) = match orgs::version_and_connected(&pg) {
            Ok(Some((found, views, who))) => (found, views, Some(who)),
            _ => {
                let (found, views) = migrate_pg::found_version(pg.db(), &label)?;
                (found, views, None)
            }
        };
        if found > known {
            return Err(Error::TooNew { path: label.into(), found, known });
        }
        if found == known && views.as_deref() != Some(migrate_pg::views_sha256().as_str()) {
            return Err(Error::invalid(format!(
                "the flag views at {label} are not this claimtrack's: its owner brings them up to date with \
                 `claimtrack admin upgrade --db …`"
            )));
        }
        if found == 0 {
            return Err(Error::invalid(format!(
                "no ledger at {label}: its owner creates one with `claimtrack admin upgrade --db …` \
                 (or moves a desk there with `claimtrack migrate`)"
            )));
        }
        if found < known {
            return Err(Error::invalid(format!(
                "{label} was written by an older claimtrack (schema version {found}; this one uses {known}): \
                 its owner brings it up to date with `claimtrack admin upgrade --db …`"
            )));
        }
        let who = match known_who {
            Some(who) => who,
            None => orgs::connected(&pg)?,
        };
        if who.owner && owner_may_read {
            return Ok(Store::on_server(pg, label, lock_timeout_ms, found, None));
        }
        if who.owner {
            return Err(Error::invalid(format!(
                "connected to {label} as {}, which owns the ledger (or bypasses row-level security): editors \
                 connect as their own role (`claimtrack org editor ROLE --org NEWSROOM`); the owner runs only \
                 `claimtrack admin …` and `claimtrack org …`",
                who.role
            )));
        }
        let Some(newsroom) = who.newsroom else {
            return Err(Error::invalid(format!(
                "{} is not an editor of any newsroom at {label}: the ledger's owner adds it with \
                 `claimtrack org editor {} --org NEWSROOM`",
                who.role, who.role
            )));
        };
        pg.lock_newsroom(newsroom);
        Ok(Store::on_server(pg, label, lock_timeout_ms, found, Some(newsroom)))
    }

    /// Opens a PostgreSQL ledger as its owner, for `claimtrack admin …`, `org …` and `migrate`:
    /// creates the schema in the connection's current schema, or brings it up to date (under the
    /// server-wide write lock). A role that is a newsroom's editor is refused: it is not the owner.
    pub fn open_postgres_owner(target: &str, lock_timeout_ms: u64) -> Result<Store> {
        let label = super::db::without_password(target);
        let pg = Pg::connect(target)?;
        let (found, _) = migrate_pg::found_version(pg.db(), &label)?;
        if found >= migrate_pg::ORGANISATIONS {
            let who = orgs::connected(&pg)?;
            if !who.owner {
                return Err(Error::invalid(format!(
                    "connected to {label} as {}, which does not own the ledger: `claimtrack admin …` and \
                     `claimtrack org …` run as the role that owns its tables",
                    who.role
                )));
            }
        }
        migrate_pg::run(&pg, &label, lock_timeout_ms)?;
        Ok(Store::on_server(pg, label, lock_timeout_ms, found, None))
    }

    /// A store on a server: an editor's, working for newsroom `newsroom` (an id), or the owner's
    /// (`None`, until [`Store::act_for`]).
    fn on_server(pg: Pg, label: String, lock_timeout_ms: u64, found: i64, newsroom: Option<i64>) -> Store {
        Store {
            engine: Engine::Postgres(Box::new(pg)),
            path: PathBuf::from(label),
            busy_timeout_ms: lock_timeout_ms,
            immutable: false,
            found_version: found,
            owner: newsroom.is_none(),
            newsroom_id: newsroom,
            newsroom: std::cell::OnceCell::new(),
        }
    }

    /// The newsroom an editor's connection reads and writes for (None: an SQLite file, or the owner).
    pub fn newsroom(&self) -> Result<Option<&orgs::Org>> {
        let Some(id) = self.newsroom_id else { return Ok(None) };
        if let Some(org) = self.newsroom.get() {
            return Ok(Some(org));
        }
        let org = orgs::by_id(self.db(), id)?;
        Ok(Some(self.newsroom.get_or_init(|| org)))
    }

    /// Whether the connection is the PostgreSQL ledger's owner, and so reads every newsroom's rows.
    pub fn is_owner(&self) -> bool {
        self.owner
    }

    /// From now on the owner's connection works as `newsroom` would: its new rows belong to it, its
    /// writes chain to and lock that newsroom's chain, and `verify` reads that chain and its rows.
    pub fn act_for(&mut self, newsroom: &orgs::Org) -> Result<()> {
        let pg = self.postgres().ok_or_else(|| Error::Internal("act_for on an SQLite ledger".into()))?;
        pg.batch(&format!("SET claimtrack.org = '{}'", newsroom.id))?;
        pg.lock_newsroom(newsroom.id);
        self.newsroom_id = Some(newsroom.id);
        self.newsroom = std::cell::OnceCell::from(newsroom.clone());
        Ok(())
    }

    /// A newsroom's first settings (as a new SQLite ledger's), written as one change in its chain.
    pub fn start_newsroom(&mut self) -> Result<()> {
        self.write_defaults()
    }

    /// A new ledger's settings, written as one change by `claimtrack` (as SQLite's upgrade records
    /// them); a setting already there (another claimtrack created the ledger meanwhile) is kept.
    fn write_defaults(&mut self) -> Result<()> {
        let now = crate::date::now().map_err(Error::Usage)?;
        let author = Author { editor: "claimtrack".into(), at: crate::date::timestamp(now), command: "upgrade".into() };
        self.write(&author, |tx| {
            for (key, value) in DEFAULT_SETTINGS {
                let sql = format!("SELECT 1 FROM settings WHERE key = ?1{}", tx.db().newsroom_only("org_id"));
                let there = tx.db().query_opt(&sql, &[&key], |r| r.get::<i64>(0))?;
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
