//! `claimtrack backup FILE`: a consistent, verified copy of the ledger and its anchor.

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
    ctx.out.line(&format!("backed up {} events to {}; it verifies", made.events, made.path))?;
    if let Some(anchor) = &made.anchor {
        ctx.out.line(&format!("anchor: {anchor}"))?;
    }
    Ok(())
}
