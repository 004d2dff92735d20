//! `claimtrack history [CLAIM]`: the audit log, who changed what and when.

use super::Ctx;
use crate::error::Result;
use crate::ops::audit;
use crate::render;

pub fn run(ctx: &mut Ctx, claim: Option<&str>, limit: Option<u64>) -> Result<()> {
    let store = ctx.open()?;
    let events = audit::history(&store, claim, limit)?;
    if ctx.json() {
        return ctx.out.json(&events);
    }
    ctx.out.text(&render::records::history(&events, ctx.out.width, ctx.out.colour))
}
