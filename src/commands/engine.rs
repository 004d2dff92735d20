//! Which engine `--db` names, and the commands that run on a PostgreSQL ledger so far (issue 12).

use super::Ctx;
use crate::error::{Error, Result};
use crate::store::{OpenMode, Store, postgres_target};

/// The commands that run on a PostgreSQL ledger, with output identical to SQLite's
/// (tests/cli/postgres_cli.rs runs each on both). Every other command is refused there with one
/// line before it touches the server; README's "Sharing a ledger" says why for each.
pub const ON_POSTGRES: &[&str] = &[
    "init",
    "source add",
    "source alias",
    "source edit",
    "source list",
    "source show",
    "article add",
    "article list",
    "article show",
    "claim add",
    "claim edit",
    "claim search",
    "similar",
    "diff",
    "claim cite",
    "claim share",
    "org list",
    "claim show",
    "claim list",
    "flags",
    "report",
    "queue",
    "claim retract",
    "claim restore",
    "claim stage",
    "claim assign",
    "claim unassign",
    "claim tag",
    "claim untag",
    "claim due",
    "claim note",
    "link",
    "unlink",
    "verdict",
    "history",
    "anchor",
    "settings get",
    "settings set",
    "settings list",
    "verify",
    "undo",
    "revert",
    "export",
    "publish",
    "unmapped",
    "sample",
    "import",
    "extract",
    "redact",
    "source merge",
    "tag list",
    "tag rename",
    "verdict withdraw",
    "backup",
];

/// Whether `command` (as `Ctx::command` names it: `source add`) runs on a PostgreSQL ledger yet.
pub fn runs_on_postgres(command: &str) -> bool {
    ON_POSTGRES.contains(&command)
}

impl Ctx {
    /// Opens the ledger `--db` names: an SQLite file, or the PostgreSQL server a URL or
    /// `key=value` string names, when the command runs there.
    pub(super) fn open_ledger(&self, mode: OpenMode) -> Result<Store> {
        let Some(target) = postgres_target(&self.db) else {
            return Store::open(&self.db, mode, self.busy_timeout_ms);
        };
        if !runs_on_postgres(&self.command) {
            return Err(Error::Invalid(format!(
                "`claimtrack {}` does not run on a PostgreSQL ledger yet (see README, PostgreSQL)",
                self.command
            )));
        }
        Store::open_postgres(target, self.busy_timeout_ms)
    }

    /// Opens the PostgreSQL ledger `--db` names as its owner (`admin …`, `org …`, `migrate`),
    /// creating or upgrading its schema; an SQLite file is refused: it has one desk and no roles.
    pub(super) fn open_as_owner(&self) -> Result<Store> {
        let Some(target) = postgres_target(&self.db) else {
            return Err(Error::invalid(format!(
                "`claimtrack {}` is for a PostgreSQL ledger that newsrooms share; {} is an SQLite file, one desk's \
                 (README, Sharing a ledger)",
                self.command,
                crate::render::escape::terminal(&self.db.display().to_string())
            )));
        };
        Store::open_postgres_owner(target, self.busy_timeout_ms)
    }
}
