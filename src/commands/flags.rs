//! `claimtrack flags [CLAIM]`: which claims are flagged, and why.

use super::Ctx;
use crate::cli::FlagsArgs;
use crate::error::Result;
use crate::flags::{self, ClaimFlags, FlagSettings};
use crate::model::ClaimId;
use crate::render;
use crate::store::{Store, claims, ledger};

/// Flags for the given claims, or for every active claim when `only` is `None`.
pub fn compute_all(ctx: &Ctx, store: &Store, only: Option<&[ClaimId]>) -> Result<Vec<ClaimFlags>> {
    compute_with(ctx, store, only, None)
}

fn compute_with(
    ctx: &Ctx,
    store: &Store,
    only: Option<&[ClaimId]>,
    stale_days: Option<u32>,
) -> Result<Vec<ClaimFlags>> {
    let conn = store.conn();
    let graph = match only {
        Some(ids) => ledger::load_scope(conn, &ledger::ClaimScope::Ids(ids.to_vec()))?,
        None => ledger::load_all(conn, ledger::Detail::Full)?,
    };
    let settings = FlagSettings::new(ctx.now, stale_days.map_or_else(|| ledger::stale_days(conn), Ok)?);
    Ok(flags::compute(&graph, &settings))
}

pub fn run(ctx: &mut Ctx, args: FlagsArgs) -> Result<()> {
    let store = ctx.open()?;
    let single = args.claim.as_deref().map(|c| claims::resolve(store.conn(), c)).transpose()?;
    let mut list = compute_with(ctx, &store, single.as_ref().map(std::slice::from_ref), args.stale_days)?;
    if let Some(flag) = args.flag {
        for entry in &mut list {
            entry.flags.retain(|h| h.flag == flag);
        }
    }
    if single.is_none() {
        list.retain(|entry| !entry.flags.is_empty());
    }
    if ctx.json() {
        return ctx.out.json(&list);
    }
    let text = render::ledger::flag_list(&list, ctx.out.width);
    ctx.out.text(&text)
}
