//! `claimtrack backup FILE`: a consistent, verified copy of the ledger and its anchor (on PostgreSQL, an SQLite file).

use std::path::Path;

use super::Ctx;
use crate::error::Result;
use crate::ops::backup;

pub fn run(ctx: &mut Ctx, file: &Path) -> Result<()> {
    let store = ctx.open()?;
    let made = backup::backup(&store, file, ctx.busy_timeout_ms)?;
    if ctx.json() {
        return ctx.out.json(&made);
    }
    match (&made.from, made.rows) {
        (Some(server), Some(rows)) => ctx.out.line(&format!(
            "backed up {} events ({rows} rows) from {server} to {} as an SQLite ledger; every row reads as on the server, and it verifies",
            made.events, made.path
        ))?,
        _ => ctx.out.line(&format!("backed up {} events to {}; it verifies", made.events, made.path))?,
    }
    if let Some(anchor) = &made.anchor {
        ctx.out.line(&format!("anchor: {anchor}"))?;
    }
    Ok(())
}
