//! `claimtrack undo` and `claimtrack revert EVENT`: take back a change by recording its inverse.

use super::Ctx;
use crate::error::Result;
use crate::ops::undo::{self, Target};

/// What `revert` was given: an event, or `--change`.
pub fn target(event: Option<i64>, change: Option<i64>) -> Target {
    match (event, change) {
        (_, Some(change)) => Target::Change(change),
        (Some(event), None) => Target::Event(event),
        (None, None) => Target::Last,
    }
}

pub fn run(ctx: &mut Ctx, target: Target) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let done = undo::revert(&mut store, &ctx.author(), target)?;
    if ctx.quiet {
        return ctx.out.line(&done.change.to_string());
    }
    if ctx.json() {
        return ctx.out.json(&done);
    }
    let old = &done.reverted;
    ctx.out.line(&format!(
        "{}\treverted change {} (`{}` by {} at {})",
        done.change, old.id, old.command, old.editor, old.at
    ))?;
    const SHOWN: usize = 20;
    for inverse in done.inverses.iter().take(SHOWN) {
        let what = match inverse.action {
            "delete" => "removed",
            "insert" => "restored",
            _ => "changed back",
        };
        ctx.out.line(&format!("  {} row {} {what} (event {})", inverse.table, inverse.row_id, inverse.event))?;
    }
    if done.inverses.len() > SHOWN {
        ctx.out.line(&format!("  … and {} more (`claimtrack history` lists them all)", done.inverses.len() - SHOWN))?;
    }
    Ok(())
}
