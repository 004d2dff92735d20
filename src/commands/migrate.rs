//! `claimtrack migrate --from FILE --to postgres://…`: copy a whole SQLite ledger into a new PostgreSQL ledger.

use std::path::Path;

use super::Ctx;
use crate::error::Result;
use crate::store::{OpenMode, Store};

pub fn run(ctx: &mut Ctx, from: &Path, to: &str, newsroom: &str) -> Result<()> {
    let store = Store::open(from, OpenMode::Read, ctx.busy_timeout_ms)?;
    let migrated = crate::ops::migrate::to_postgres(&store, to, newsroom, &ctx.author().at, ctx.busy_timeout_ms)?;
    if ctx.json() {
        return ctx.out.json(&migrated);
    }
    for table in migrated.tables.iter().filter(|t| t.rows > 0) {
        ctx.out.line(&format!("  {:<20} {:>9}", table.table, table.rows))?;
    }
    ctx.out.line(&format!(
        "copied {} rows from {} (its {} audit events verified first); every row reads the same on PostgreSQL",
        migrated.rows,
        from.display(),
        migrated.events
    ))
}
