//! `claimtrack redact RECORD ID FIELD --reason`: remove a recorded value, chain intact.

use super::Ctx;
use crate::error::Result;
use crate::ops::redact;

pub fn run(ctx: &mut Ctx, record: &str, id: &str, field: &str, reason: &str) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let done = redact::redact(&mut store, &ctx.author(), record, id, field, reason)?;
    if let Some(note) = &done.note {
        eprintln!("claimtrack: note: {note}");
    }
    if ctx.json() && !ctx.quiet {
        return ctx.out.json(&done);
    }
    let what = format!("redacted {} {}'s {} (event {}): {}", done.record, done.id, done.field, done.event, done.reason);
    super::print_done(ctx, done.event, &what)
}
