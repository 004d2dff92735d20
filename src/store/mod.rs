//! The SQLite store: opening a ledger (pragmas, version checks, migrations) and write transactions.
//!
//! All SQL lives in this module and in `schema.sql`. Reads are free functions
//! over a `&Connection`; writes are methods on [`Tx`], which begins IMMEDIATE
//! and records an audit event for every row it touches.

pub mod articles;
pub mod audit;
pub mod claims;
mod convert;
pub mod graph;
pub mod links;
mod migrate;
pub mod settings;
pub mod sources;
mod upgrade_v1;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use migrate::SCHEMA_VERSION;

/// How long a write waits for another editor's transaction before giving up.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 5_000;
/// The longest wait `--busy-timeout` accepts: an hour (SQLite itself takes at most about 24 days).
pub const MAX_BUSY_TIMEOUT_MS: u64 = 3_600_000;

/// Whether opening may create a new ledger file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// The ledger must already exist (every command but `init`).
    Existing,
    /// Create the file and schema when missing (`init`, `sample`).
    Create,
}

/// Who is writing and when; stamped on every audit event of a transaction.
#[derive(Clone, Debug)]
pub struct Author {
    pub editor: String,
    pub at: String,
    /// The command being run (`claim add`), recorded with the change.
    pub command: String,
}

/// An open ledger.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    busy_timeout_ms: u64,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode, busy_timeout_ms: u64) -> Result<Store> {
        let exists = path.exists();
        if mode == OpenMode::Existing && !exists {
            return Err(Error::NoLedger(path.to_path_buf()));
        }
        if exists && path.is_dir() {
            return Err(Error::NotALedger { path: path.into(), reason: "it is a directory".into() });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if mode == OpenMode::Create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| Error::NotALedger { path: path.into(), reason: e.to_string() })?;
        conn.busy_timeout(Duration::from_millis(busy_timeout_ms))?;
        let store = Store { conn, path: path.to_path_buf(), busy_timeout_ms };

        // Read the version before changing anything: a file from a newer
        // claimtrack, or not a database at all, must be left exactly as it was.
        let version = store.user_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew { path: path.into(), found: version, known: SCHEMA_VERSION });
        }
        if version == 0 && store.has_foreign_tables()? {
            return Err(Error::NotALedger {
                path: path.into(),
                reason: "it is an SQLite database with other tables and no claimtrack schema".into(),
            });
        }
        if version == 0 && mode == OpenMode::Existing {
            return Err(Error::NoLedger(path.to_path_buf()));
        }
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        if version < SCHEMA_VERSION {
            store.set_wal()?;
        }
        // Migrates an older ledger; on a current one, re-creates the views only if views.sql changed.
        migrate::run(&store.conn).map_err(|e| store.classify(e))?;
        Ok(store)
    }

    fn set_wal(&self) -> Result<()> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| self.classify(e.into()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Internal(format!("could not switch {} to WAL (got {mode})", self.path.display())));
        }
        Ok(())
    }

    /// The first read of the file: a file that is not a database at all is not a ledger (not a damaged one).
    fn user_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|e| match Error::from(e) {
            // An SQLite file whose header no longer fits its body (truncated, overwritten) is damaged.
            Error::Damaged(detail) if has_sqlite_header(&self.path) => Error::Damaged(detail),
            Error::Damaged(_) => {
                Error::NotALedger { path: self.path.clone(), reason: "the file is not an SQLite database".into() }
            }
            other => self.classify(other),
        })
    }

    fn has_foreign_tables(&self) -> Result<bool> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |row| row.get(0))
            .map_err(|e| self.classify(e.into()))?;
        Ok(count > 0)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it lands, audit events included, or none.
    pub fn write<T>(&mut self, author: &Author, work: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&self.path, self.busy_timeout_ms, e.into()))?;
        let mut tx = Tx { tx, author: author.clone(), change: None, chain_head: None };
        let out = work(&mut tx).map_err(|e| classify(&self.path, self.busy_timeout_ms, e))?;
        tx.tx.commit().map_err(|e| classify(&self.path, self.busy_timeout_ms, e.into()))?;
        Ok(out)
    }

    /// Runs `read` inside one read transaction: everything it reads is as of one moment.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let snapshot = self.conn.unchecked_transaction()?;
        let out = read(&snapshot)?;
        drop(snapshot);
        Ok(out)
    }

    /// Turns SQLite's low-level failures into errors an editor can act on.
    pub fn classify(&self, error: Error) -> Error {
        classify(&self.path, self.busy_timeout_ms, error)
    }
}

fn classify(path: &Path, waited_ms: u64, error: Error) -> Error {
    let Error::Sql(rusqlite::Error::SqliteFailure(failure, message)) = &error else {
        return error;
    };
    match failure.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::Locked { path: path.into(), waited_ms },
        ErrorCode::NotADatabase => {
            Error::NotALedger { path: path.into(), reason: "the file is not an SQLite database".into() }
        }
        ErrorCode::ConstraintViolation => {
            Error::Invalid(format!("rejected by the ledger: {}", message.as_deref().unwrap_or("constraint failed")))
        }
        ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
            Error::Invalid(format!("cannot write {}: {}", path.display(), message.as_deref().unwrap_or("read-only")))
        }
        _ => error,
    }
}

/// Whether the file starts as every SQLite database does.
fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0_u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"SQLite format 3\0"
}

/// A write transaction with its author; every change goes through its methods.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    author: Author,
    /// The change this transaction's events share, once the first is written.
    change: Option<crate::chain::Change>,
    /// The last event written in this transaction: the next one chains to it.
    chain_head: Option<(i64, crate::chain::Hash)>,
}

impl Tx<'_> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    pub fn author(&self) -> &Author {
        &self.author
    }
}

/// Maps "no row" to `None`, as every lookup by id wants.
pub(crate) fn optional<T>(result: rusqlite::Result<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
