//! SQLite copies that land whole or not at all: written beside their destination, verified, then
//! moved into place without overwriting anything. `backup` (on either engine) and `migrate --to
//! FILE` (a PostgreSQL ledger taken offline) write through here.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ops::audit::{self, Verification};
use crate::store::transfer::{self, TableCopy};
use crate::store::{OpenMode, Store};

/// A file being written beside its destination (`.NAME.PID.claimtrack-tmp` in the same folder, so
/// the final move stays on one file system). Removed, with any journal beside it, unless published.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    published: bool,
}

impl Staged {
    /// A staging name for `target`, whose folder must exist; `target` itself must not exist.
    pub fn beside(target: &Path) -> Result<Staged> {
        refuse_existing(target)?;
        let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return Err(Error::invalid(format!(
                "cannot write {}: its folder {} does not exist",
                target.display(),
                folder.display()
            )));
        }
        let name = target
            .file_name()
            .ok_or_else(|| Error::invalid(format!("{} names no file to write", target.display())))?
            .to_string_lossy();
        let path = folder.join(format!(".{name}.{}.claimtrack-tmp", std::process::id()));
        let staged = Staged { path, published: false };
        staged.remove();
        Ok(staged)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the finished file to `target`, which must still not exist: a hard link (which never
    /// replaces a file), then the staging name goes. Where the file system has no hard links, a
    /// rename after one more look.
    pub fn publish(mut self, target: &Path) -> Result<()> {
        match std::fs::hard_link(&self.path, target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(appeared(target)),
            Err(_) => {
                if target.exists() {
                    return Err(appeared(target));
                }
                std::fs::rename(&self.path, target)
                    .map_err(|e| Error::invalid(format!("cannot move the copy to {}: {e}", target.display())))?;
            }
        }
        self.published = true;
        self.remove();
        Ok(())
    }

    /// Removes the staging file and whatever SQLite kept beside it.
    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.published {
            self.remove();
        }
    }
}

fn appeared(target: &Path) -> Error {
    Error::invalid(format!(
        "{} appeared while the copy was written: it was left alone, the copy removed",
        target.display()
    ))
}

/// A copy never overwrites a file.
pub fn refuse_existing(target: &Path) -> Result<()> {
    match target.exists() {
        true => Err(Error::invalid(format!("{} already exists: a copy never overwrites a file", target.display()))),
        false => Ok(()),
    }
}

/// The SQLite ledger at `path` as `verify` sees it (chain, rows, schema, integrity), read-only, and its chain head.
pub fn verified(path: &Path, busy_timeout_ms: u64) -> Result<(Verification, Option<String>)> {
    let copy = Store::open(path, OpenMode::Read, busy_timeout_ms)?;
    let report = audit::verify(&copy, &[])?;
    let head = audit::anchor(&copy)?;
    Ok((report, head.map(|a| a.to_string())))
}

/// An SQLite copy of a PostgreSQL ledger, made by [`to_sqlite`].
#[derive(Debug, Serialize)]
pub struct SqliteCopy {
    /// The file written.
    pub path: String,
    /// The server and database copied (any password shown as `***`).
    pub from: String,
    /// The copy's audit events, which verify.
    pub events: u64,
    /// The copy's chain head: keep it, and `verify --anchor` it later.
    pub anchor: Option<String>,
    pub rows: u64,
    pub tables: Vec<TableCopy>,
}

/// Where [`to_sqlite`] may write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Only a file that does not exist yet (`backup`).
    NewFile,
    /// That, or an SQLite ledger nothing was written to yet (`init`'s), filled in place (`migrate`).
    NewLedger,
}

/// Copies the PostgreSQL ledger in `source` (everything it holds, audit log included) into the
/// SQLite file `target`, then checks the copy: every row reads as on the server, as of the
/// snapshot the copy was read from, and the copy verifies as `claimtrack verify` would. A new file
/// is written beside `target` and moved into place only once it checks out; a copy that does not
/// is removed, and nothing is left at `target`.
pub fn to_sqlite(source: &Store, target: &Path, into: Destination, busy_timeout_ms: u64) -> Result<SqliteCopy> {
    if source.postgres().is_none() {
        return Err(Error::Internal("to_sqlite copies a PostgreSQL ledger".into()));
    }
    let (report, (verification, anchor)) = match (into, target.exists()) {
        (Destination::NewLedger, true) => {
            let copy = Store::open(target, OpenMode::Existing, busy_timeout_ms)?;
            let report = transfer::copy_ledger(source.db(), copy.db()).map_err(|e| naming(e, target))?;
            copy.settle()?;
            drop(copy);
            (report, verified(target, busy_timeout_ms)?)
        }
        _ => {
            let staged = Staged::beside(target)?;
            let copy = Store::open(staged.path(), OpenMode::Create, busy_timeout_ms)?;
            let report = transfer::copy_ledger(source.db(), copy.db()).map_err(|e| naming(e, target))?;
            copy.settle()?;
            drop(copy);
            let checked = verified(staged.path(), busy_timeout_ms)?;
            if checked.0.ok {
                staged.publish(target)?;
            }
            (report, checked)
        }
    };
    if !verification.ok {
        let fate = match target.exists() {
            true => "it is left there for a look",
            false => "so it was removed",
        };
        return Err(Error::Problems(format!(
            "the copy in {} does not verify, {fate}: {}",
            target.display(),
            verification.problems.join("; ")
        )));
    }
    Ok(SqliteCopy {
        path: target.display().to_string(),
        from: source.path().display().to_string(),
        events: verification.events,
        anchor,
        rows: report.rows(),
        tables: report.tables,
    })
}

/// A refusal from the copier, saying which file it was about.
fn naming(error: Error, target: &Path) -> Error {
    match error {
        Error::Invalid(message) => Error::Invalid(format!("{}: {message}", target.display())),
        Error::Problems(message) => Error::Problems(format!("{}: {message}", target.display())),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::Staged;

    #[test]
    fn a_staged_copy_never_replaces_a_file_that_appeared_meanwhile_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("backup.db");
        let staged = Staged::beside(&target).unwrap();
        std::fs::write(staged.path(), b"the copy").unwrap();
        std::fs::write(format!("{}-wal", staged.path().display()), b"its log").unwrap();
        std::fs::write(&target, b"someone else's file").unwrap();
        let refused = staged.publish(&target).unwrap_err();
        assert!(refused.to_string().contains("appeared while the copy was written"), "{refused}");
        assert_eq!(std::fs::read(&target).unwrap(), b"someone else's file");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["backup.db"], "the staging file and its log are gone");

        // Published: the copy is at the target, and only there.
        std::fs::remove_file(&target).unwrap();
        let staged = Staged::beside(&target).unwrap();
        std::fs::write(staged.path(), b"the copy").unwrap();
        staged.publish(&target).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"the copy");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["backup.db"]);

        // A target that exists already is refused before anything is written.
        assert!(Staged::beside(&target).unwrap_err().to_string().contains("never overwrites"));
        let missing = dir.path().join("no-folder").join("x.db");
        assert!(Staged::beside(&missing).unwrap_err().to_string().contains("does not exist"));
    }
}
