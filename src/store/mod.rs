//! The store: opening a ledger on SQLite or PostgreSQL (version checks, migrations) and write
//! transactions. Over 400 lines: SQLite's open (pragmas, read-only and immutable files, the
//! newer-schema and foreign-file refusals) and its error classification live here.
//!
//! All SQL lives in this module and its files, `schema*.sql` and `views*.sql`. Reads are
//! free functions over a [`db::Db`]; writes are methods on [`Tx`], which begins IMMEDIATE on
//! SQLite or takes the ledger's advisory lock on PostgreSQL, and records an audit event for
//! every row it touches.

pub mod articles;
pub mod audit;
mod backup;
mod check_lists;
pub mod check_pg;
pub mod claims;
mod convert;
pub mod datasette;
pub mod db;
pub mod desk;
pub mod graph;
pub mod interchange;
pub mod links;
pub mod log;
mod lookup;
pub mod matching;
pub mod merge;
mod migrate;
pub mod migrate_pg;
pub mod orgs;
mod postgres;
mod redact;
pub mod revert;
pub mod settings;
pub mod sources;
pub mod transfer;
mod upgrade_v1;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use rusqlite::Connection;
use rusqlite::{ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
use db::{Db, Pg};

pub use migrate::{SCHEMA_VERSION, schema_differences};
pub use postgres::postgres_target;

/// How long a write waits for another editor's transaction before giving up.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 5_000;
/// The longest wait `--busy-timeout` accepts: an hour (SQLite itself takes at most about 24 days).
pub const MAX_BUSY_TIMEOUT_MS: u64 = 3_600_000;

/// What a command will do with the ledger it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Only read: never writes, never upgrades. A ledger that needs an upgrade
    /// is refused with a pointer to `claimtrack upgrade`; one on a read-only
    /// disc or share is still read.
    Read,
    /// Write to an existing ledger, upgrading it first (in its own transaction) when it is older.
    Existing,
    /// Create the file and schema when missing (`init`, `sample`, `upgrade`).
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

/// An open ledger, on either engine.
pub struct Store {
    engine: Engine,
    /// The ledger's file; on PostgreSQL, the connection string without its password.
    path: PathBuf,
    busy_timeout_ms: u64,
    /// Opened as an unchanging file because the place it lives in cannot be written.
    immutable: bool,
    /// The schema version the ledger had when it was opened (older than now when this open upgraded it).
    found_version: i64,
    /// On PostgreSQL, the id of the newsroom the connection works for (`postgres.rs`); None on SQLite.
    newsroom_id: Option<i64>,
    /// That newsroom's row, read the first time something asks for its name.
    newsroom: std::cell::OnceCell<orgs::Org>,
    /// Connected to PostgreSQL as the ledger's owner, who reads past row-level security.
    owner: bool,
}

/// The engine a [`Store`] holds its ledger in.
enum Engine {
    Sqlite(Connection),
    Postgres(Box<Pg>),
}

/// The tables only a claimtrack ledger has.
const LEDGER_TABLES: [&str; 3] = ["claims", "citations", "events"];

impl Store {
    pub fn open(path: &Path, mode: OpenMode, busy_timeout_ms: u64) -> Result<Store> {
        let exists = path.exists();
        if mode != OpenMode::Create && !exists {
            return Err(Error::NoLedger(path.to_path_buf()));
        }
        if exists && path.is_dir() {
            return Err(Error::NotALedger { path: path.into(), reason: "it is a directory".into() });
        }
        if !exists {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if !folder.is_dir() {
                return Err(Error::invalid(format!(
                    "cannot create {}: the folder {} does not exist",
                    path.display(),
                    folder.display()
                )));
            }
        }
        let mut store = match mode {
            OpenMode::Read => Store::open_for_reading(path, busy_timeout_ms)?,
            OpenMode::Existing | OpenMode::Create => {
                let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                if mode == OpenMode::Create {
                    flags |= OpenFlags::SQLITE_OPEN_CREATE;
                }
                let conn = Connection::open_with_flags(path, flags).map_err(|e| match exists {
                    true => Error::NotALedger { path: path.into(), reason: e.to_string() },
                    false => Error::invalid(format!("cannot create {}: {}", path.display(), plain(&e))),
                })?;
                Store::ready(conn, path, busy_timeout_ms, false)?
            }
        };

        // Read the version before changing anything: a file from a newer
        // claimtrack, or not a database at all, must be left exactly as it was.
        let version = store.user_version()?;
        store.found_version = version;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew { path: path.into(), found: version, known: SCHEMA_VERSION });
        }
        let has_ledger_tables = store.has_ledger_tables()?;
        if version < 0 || (version == 0 && has_ledger_tables) {
            return Err(Error::NotALedger {
                path: path.into(),
                reason: format!(
                    "its schema version (PRAGMA user_version) is {version}, which no claimtrack writes, yet it holds claimtrack's tables: the version was changed by hand; restore the file from a backup"
                ),
            });
        }
        if version == 0 && store.has_any_tables()? {
            return Err(Error::NotALedger {
                path: path.into(),
                reason: "it is an SQLite database with other tables and no claimtrack schema".into(),
            });
        }
        if version == 0 && mode != OpenMode::Create {
            return Err(Error::NoLedger(path.to_path_buf()));
        }
        store.lite().pragma_update(None, "foreign_keys", "ON")?;
        store.lite().pragma_update(None, "synchronous", "NORMAL")?;
        if mode == OpenMode::Read {
            if version < SCHEMA_VERSION {
                return Err(Error::NeedsUpgrade { path: path.into(), found: version, known: SCHEMA_VERSION });
            }
            return Ok(store);
        }
        // What a write removes (a redacted value, an updated row's old cell) is
        // overwritten in the file, not left on a free page for anyone to read.
        store.lite().pragma_update(None, "secure_delete", "ON")?;
        if version < SCHEMA_VERSION {
            store.set_wal()?;
        }
        // Migrates an older ledger; on a current one, re-creates the views only if views.sql changed.
        migrate::run(store.lite()).map_err(|e| store.classify(e))?;
        // A trigger someone added can rewrite what claimtrack writes, and a dropped
        // one lets the log be rewritten: no write goes through either.
        let tampered = migrate::trigger_differences(store.lite())?;
        if !tampered.is_empty() {
            return Err(Error::invalid(format!(
                "{}'s triggers are not claimtrack's ({}); writes are refused: run `claimtrack verify` and restore from a backup",
                path.display(),
                tampered.join("; ")
            )));
        }
        Ok(store)
    }

    /// A read-only connection; where even that cannot be had (a read-only folder
    /// gives WAL no place for its shared-memory file) the file is opened as
    /// immutable: read without locks, as a file nobody changes.
    fn open_for_reading(path: &Path, busy_timeout_ms: u64) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| Error::NotALedger { path: path.into(), reason: e.to_string() })?;
        conn.busy_timeout(Duration::from_millis(busy_timeout_ms))?;
        match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if matches!(
                    failure.code,
                    ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied
                ) =>
            {
                // An immutable open would skip changes still in a write-ahead log beside the file.
                let wal = PathBuf::from(format!("{}-wal", path.display()));
                if wal.metadata().is_ok_and(|m| m.len() > 0) {
                    return Err(Error::invalid(format!(
                        "{} cannot be read here: its write-ahead log {} holds changes that only a writable folder can apply; copy both files somewhere writable",
                        path.display(),
                        wal.display()
                    )));
                }
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|e| Error::NotALedger { path: path.into(), reason: e.to_string() })?;
                Store::ready(conn, path, busy_timeout_ms, true)
            }
            // Anything else (not a database, damage) is for the version check to name.
            _ => Store::ready(conn, path, busy_timeout_ms, false),
        }
    }

    fn ready(conn: Connection, path: &Path, busy_timeout_ms: u64, immutable: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_millis(busy_timeout_ms))?;
        Ok(Store {
            engine: Engine::Sqlite(conn),
            path: path.to_path_buf(),
            busy_timeout_ms,
            immutable,
            found_version: 0,
            newsroom_id: None,
            newsroom: std::cell::OnceCell::new(),
            owner: false,
        })
    }

    /// After a redaction: moves everything out of the write-ahead log and rebuilds
    /// the file, so no page, free or not, still holds what was redacted.
    pub fn scrub(&mut self) -> Result<()> {
        let conn = self.sqlite("scrubbing a redaction from the file")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(|e| self.classify(e.into()))?;
        conn.execute_batch("VACUUM").map_err(|e| self.classify(e.into()))?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(|e| self.classify(e.into()))?;
        Ok(())
    }

    /// Whether the ledger was opened as an unchanging file (a read-only folder, disc or share).
    pub fn is_immutable(&self) -> bool {
        self.immutable
    }

    /// The schema version the ledger had before this open upgraded it (or its version, when current).
    pub fn found_version(&self) -> i64 {
        self.found_version
    }

    fn set_wal(&self) -> Result<()> {
        let mode: String = self
            .lite()
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| self.classify(e.into()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Internal(format!("could not switch {} to WAL (got {mode})", self.path.display())));
        }
        Ok(())
    }

    /// The first read of the file: a file that is not a database at all is not a ledger (not a damaged one).
    fn user_version(&self) -> Result<i64> {
        self.lite().query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|e| match Error::from(e) {
            // An SQLite file whose header no longer fits its body (truncated, overwritten) is damaged.
            Error::Damaged(detail) if has_sqlite_header(&self.path) => Error::Damaged(detail),
            Error::Damaged(_) => {
                Error::NotALedger { path: self.path.clone(), reason: "the file is not an SQLite database".into() }
            }
            other => self.classify(other),
        })
    }

    fn has_any_tables(&self) -> Result<bool> {
        let count: i64 = self
            .lite()
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |row| row.get(0))
            .map_err(|e| self.classify(e.into()))?;
        Ok(count > 0)
    }

    fn has_ledger_tables(&self) -> Result<bool> {
        let count: i64 = self
            .lite()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (?1, ?2, ?3)",
                LEDGER_TABLES,
                |row| row.get(0),
            )
            .map_err(|e| self.classify(e.into()))?;
        Ok(count == LEDGER_TABLES.len() as i64)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLite connection, or a clear refusal on PostgreSQL: `what` names what needs SQLite.
    pub fn sqlite(&self, what: &str) -> Result<&Connection> {
        self.db().sqlite(what)
    }

    /// The SQLite connection while opening one: only SQLite's open path calls it.
    fn lite(&self) -> &Connection {
        match &self.engine {
            Engine::Sqlite(conn) => conn,
            Engine::Postgres(_) => unreachable!("SQLite's open path on a PostgreSQL ledger"),
        }
    }

    /// Which engine holds the ledger.
    pub fn dialect(&self) -> db::Dialect {
        self.db().dialect()
    }

    /// The ledger through the engine-neutral adapter, for reads.
    pub fn db(&self) -> Db<'_> {
        match &self.engine {
            Engine::Sqlite(conn) => Db::Sqlite(conn),
            Engine::Postgres(pg) => Db::Postgres(pg),
        }
    }

    /// The ledger's schema version, as this binary knows it for the ledger's engine.
    pub fn schema_version(&self) -> i64 {
        match self.engine {
            Engine::Sqlite(_) => SCHEMA_VERSION,
            Engine::Postgres(_) => migrate_pg::schema_version(),
        }
    }

    /// Runs `work` in one write transaction: all of it lands, audit events included, or none.
    /// On SQLite it is IMMEDIATE; on PostgreSQL it holds the ledger's advisory write lock.
    pub fn write<T>(&mut self, author: &Author, work: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.immediate(author, work, true)
    }

    /// Runs `work` as [`Store::write`] would, then rolls it all back: what a write would do, without doing it.
    pub fn rehearse<T>(&mut self, author: &Author, work: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.immediate(author, work, false)
    }

    /// `work` in one write transaction, committed or rolled back at the end.
    fn immediate<T>(
        &mut self,
        author: &Author,
        work: impl FnOnce(&mut Tx<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        let conn = match &mut self.engine {
            Engine::Sqlite(conn) => conn,
            Engine::Postgres(pg) => {
                // The chain's head is read inside `work`, after the lock: writers append one at a time.
                let pg: &Pg = pg;
                return pg.transaction(self.busy_timeout_ms, commit, |_| {
                    let mut tx = Tx::new(TxConn::Postgres(pg), author);
                    work(&mut tx)
                });
            }
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&self.path, self.busy_timeout_ms, e.into()))?;
        let mut tx = Tx::new(TxConn::Sqlite(tx), author);
        let out = work(&mut tx).map_err(|e| classify(&self.path, self.busy_timeout_ms, e))?;
        let TxConn::Sqlite(tx) = tx.tx else { unreachable!("an SQLite write holds an SQLite transaction") };
        let end = if commit { tx.commit() } else { tx.rollback() };
        end.map_err(|e| classify(&self.path, self.busy_timeout_ms, e.into()))?;
        Ok(out)
    }

    /// Runs `read` inside one read transaction: everything it reads is as of one moment.
    /// (SQLite's; refused on PostgreSQL.)
    pub fn snapshot<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let snapshot = self.sqlite("a read from one snapshot")?.unchecked_transaction()?;
        let out = read(&snapshot)?;
        drop(snapshot);
        Ok(out)
    }

    /// Runs `read` on one snapshot of the ledger, on either engine: an SQLite read transaction, or a
    /// read-only REPEATABLE READ transaction on PostgreSQL. (For code that takes `Db`; [`Store::snapshot`]
    /// hands out SQLite's connection.)
    pub fn snapshot_db<T>(&self, read: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(conn) => {
                let snapshot = conn.unchecked_transaction()?;
                let out = read(Db::Sqlite(&snapshot))?;
                drop(snapshot);
                Ok(out)
            }
            Engine::Postgres(pg) => pg.snapshot(|db| read(*db)),
        }
    }

    /// Runs `read` for an answer whose parts need not agree to the row, as ranking near-duplicates
    /// before a write (which checks exact duplicates again itself): on SQLite in one read
    /// transaction, as [`Store::snapshot_db`]; on PostgreSQL statement by statement, each seeing
    /// what was committed when it ran, without a transaction's two extra round trips.
    pub fn read_db<T>(&self, read: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(_) => self.snapshot_db(read),
            Engine::Postgres(pg) => read(pg.db()),
        }
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
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => match import_progress(path) {
            Some(rows) => Error::ImportInProgress { path: path.into(), rows },
            None => Error::Locked { path: path.into(), waited_ms },
        },
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

/// The file beside a ledger that says an import holds its write lock, and how many rows it has loaded.
pub fn import_marker(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-import", path.display()))
}

/// How far a running import has got, when one has said so beside the ledger.
fn import_progress(path: &Path) -> Option<u64> {
    std::fs::read_to_string(import_marker(path)).ok()?.trim().parse().ok()
}

/// SQLite's own message, without rusqlite's wrapping.
fn plain(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}

/// A path as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether the file starts as every SQLite database does.
fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0_u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"SQLite format 3\0"
}

/// A write transaction with its author; every change goes through its methods.
pub struct Tx<'c> {
    tx: TxConn<'c>,
    author: Author,
    /// The change this transaction's events share, once the first is written.
    change: Option<crate::chain::Change>,
    /// The last event written in this transaction: the next one chains to it.
    chain_head: Option<(i64, crate::chain::Hash)>,
    /// A bulk import's rows, recorded together when it ends (see `Tx::begin_batch`).
    batch: Option<audit::Batch>,
}

/// What a [`Tx`] writes through: SQLite's transaction, or the PostgreSQL connection inside `Pg::write`.
enum TxConn<'c> {
    Sqlite(rusqlite::Transaction<'c>),
    Postgres(&'c Pg),
}

impl<'c> Tx<'c> {
    fn new(tx: TxConn<'c>, author: &Author) -> Tx<'c> {
        Tx { tx, author: author.clone(), change: None, chain_head: None, batch: None }
    }
}

impl Tx<'_> {
    /// The SQLite transaction, or a clear refusal on PostgreSQL: `what` names what needs SQLite.
    pub fn sqlite(&self, what: &str) -> Result<&Connection> {
        self.db().sqlite(what)
    }

    /// The transaction through the engine-neutral adapter.
    pub fn db(&self) -> Db<'_> {
        match &self.tx {
            TxConn::Sqlite(tx) => Db::Sqlite(tx),
            TxConn::Postgres(pg) => Db::Postgres(pg),
        }
    }

    pub fn author(&self) -> &Author {
        &self.author
    }
}
