//! Consistent copies of a ledger: one `VACUUM INTO`, a snapshot taken in one read transaction.

use std::path::Path;

use super::Store;
use crate::error::{Error, Result};

impl Store {
    /// Writes a consistent, compacted copy of the ledger to `target` while other
    /// editors keep writing: the copy is the ledger as of one moment. An
    /// incremental copy would restart on every write and might never finish.
    pub fn copy_to(&self, target: &Path) -> Result<()> {
        let target_text = target.to_str().ok_or_else(|| {
            Error::invalid(format!("{} is not a path SQLite can write to (not UTF-8)", target.display()))
        })?;
        self.sqlite("backup (SQLite's VACUUM INTO)")?.execute("VACUUM INTO ?1", [target_text]).map_err(|e| {
            match Error::from(e) {
                Error::Sql(e) => Error::invalid(format!("cannot write the backup {}: {e}", target.display())),
                other => self.classify(other),
            }
        })?;
        Ok(())
    }
}

impl Store {
    /// Leaves a new copy whole in its one file: the write-ahead log moved into it and switched off
    /// (rollback journal), so the file can be renamed, carried away or served read-only (Datasette)
    /// with nothing beside it. claimtrack turns WAL back on when it next writes to it.
    pub fn settle(&self) -> Result<()> {
        let conn = self.sqlite("settling a copied SQLite file")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(|e| self.classify(e.into()))?;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())).map_err(|e| self.classify(e.into()))?;
        Ok(())
    }
}
