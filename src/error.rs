//! Error kinds and the exit codes they map to.

use std::path::PathBuf;

/// Exit code for a wrong command line (clap's own errors use it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for bad input or a state the user can fix.
pub const EXIT_USER: u8 = 1;
/// Exit code when `verify` finds a problem in the ledger.
pub const EXIT_PROBLEMS: u8 = 3;
/// Exit code for a bug or an I/O failure claimtrack did not expect.
pub const EXIT_INTERNAL: u8 = 70;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),

    #[error("{0}")]
    Invalid(String),

    #[error("no {what} matches {given:?}")]
    NotFound { what: &'static str, given: String },

    #[error("{what} {given:?} is ambiguous: it matches {candidates}")]
    Ambiguous { what: &'static str, given: String, candidates: String },

    #[error("no ledger at {0} (create one with `claimtrack init`, or pass --db)")]
    NoLedger(PathBuf),

    #[error("{path} is not a claimtrack ledger: {reason}")]
    NotALedger { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer claimtrack (schema version {found}, this binary knows {known}); upgrade claimtrack to open it"
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },

    #[error(
        "{path} was written by an older claimtrack (schema version {found}; this one uses {known}): run `claimtrack upgrade` to bring it up to date (back it up first with `claimtrack backup`)"
    )]
    NeedsUpgrade { path: PathBuf, found: i64, known: i64 },

    #[error("{path} is locked by another writer and stayed locked for {waited_ms} ms; try again")]
    Locked { path: PathBuf, waited_ms: u64 },

    #[error("{path} is locked: an import is in progress ({rows} rows so far); try again when it is done")]
    ImportInProgress { path: PathBuf, rows: u64 },

    #[error("the ledger failed verification: {0}")]
    Problems(String),

    /// `lint` found statements at or above the `--deny` level.
    #[error("{0}")]
    Findings(String),

    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },

    #[error("the ledger file is damaged ({0}); run `claimtrack verify` to see where, and restore from a backup")]
    Damaged(String),

    #[error("database error: {0}")]
    Sql(rusqlite::Error),

    #[error("{0}")]
    Internal(String),
}

impl From<rusqlite::Error> for Error {
    /// A corrupt page or a file that stopped being a database part-way is
    /// damage to report to the editor, not a bug in claimtrack.
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::SqliteFailure(failure, message)
                if matches!(failure.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) =>
            {
                Error::Damaged(message.clone().unwrap_or_else(|| failure.to_string()))
            }
            _ => Error::Sql(error),
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Problems(_) | Error::Findings(_) => EXIT_PROBLEMS,
            Error::Sql(_) | Error::Internal(_) => EXIT_INTERNAL,
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => 0,
            _ => EXIT_USER,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
