//! `claimtrack verdict`: rate a claim; the newest verdict is the one in force.

use super::{Ctx, print_created};
use crate::error::Result;
use crate::model::Rating;
use crate::ops::verdicts;

pub fn run(ctx: &mut Ctx, claim: &str, rating: Rating, note: Option<&str>, evidence: Option<&str>) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let verdict = verdicts::rate(&mut store, &ctx.author(), claim, rating, note, evidence)?;
    print_created(ctx, verdict.id, &format!("claim {} rated {rating}", verdict.claim_id), &verdict)
}
