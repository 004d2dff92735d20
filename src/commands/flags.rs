//! `claimtrack flags [CLAIM]`: which claims are flagged, and why.

use super::Ctx;
use crate::cli::FlagsArgs;
use crate::error::Result;
use crate::ops::flags::{self, FlagQuery};
use crate::render;

pub fn run(ctx: &mut Ctx, args: FlagsArgs) -> Result<()> {
    let store = ctx.open()?;
    if let Some(counted) = crate::ops::orgs::counted(&store)? {
        eprintln!("claimtrack: note: {counted}");
    }
    let query = FlagQuery { claim: args.claim, flag: args.flag, stale_days: args.stale_days };
    let listing = flags::list(&store, ctx.now, &query)?;
    if ctx.json() {
        return ctx.out.json(&listing.entries);
    }
    ctx.out.text(&render::records::flag_list(&listing, ctx.out.width, ctx.out.colour))
}
