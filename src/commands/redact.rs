//! `claimtrack redact RECORD ID FIELD --reason`: remove a recorded value, chain intact.

use super::Ctx;
use crate::error::Result;
use crate::ops::redact;

pub fn run(ctx: &mut Ctx, record: &str, id: &str, field: &str, reason: &str) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let done = redact::redact(&mut store, &ctx.author(), record, id, field, reason)?;
    if ctx.json() {
        return ctx.out.json(&done);
    }
    ctx.out.line(&format!(
        "{}\tredacted {} {}'s {} (event {}): {}",
        done.event, done.record, done.id, done.field, done.event, done.reason
    ))
}
