//! Flags for a scope: every active claim, or the claims asked for, with reasons.

use super::Now;
use crate::error::Result;
use crate::flags::{self, ClaimFlags, FlagSettings};
use crate::model::{ClaimId, Flag};
use crate::store::graph::{self, ClaimScope, Detail};
use crate::store::{Store, claims, settings};
use crate::view::FlagListing;

/// The flag settings in force: the stale age given, or the ledger's.
pub fn settings(store: &Store, now: Now, stale_days: Option<u32>) -> Result<FlagSettings> {
    let stale_days = match stale_days {
        Some(days) => days,
        None => settings::stale_days(store.db())?,
    };
    Ok(FlagSettings::new(now, stale_days))
}

/// Flags for every active claim in the ledger (claims without flags included, with none).
pub fn all(store: &Store, now: Now, stale_days: Option<u32>) -> Result<Vec<ClaimFlags>> {
    let graph = graph::load(store.db(), Detail::Full)?;
    Ok(flags::compute(&graph, &settings(store, now, stale_days)?))
}

/// Flags for the given claims (those still active).
pub fn for_claims(store: &Store, now: Now, ids: &[ClaimId], stale_days: Option<u32>) -> Result<Vec<ClaimFlags>> {
    let graph = graph::load_scope(store.db(), &ClaimScope::Ids(ids.to_vec()))?;
    Ok(flags::compute(&graph, &settings(store, now, stale_days)?))
}

/// What `claimtrack flags` asks.
#[derive(Clone, Debug, Default)]
pub struct FlagQuery {
    /// One claim (by reference), listed even when it has no flags.
    pub claim: Option<String>,
    /// Only this flag.
    pub flag: Option<Flag>,
    /// The stale age, when not the ledger's.
    pub stale_days: Option<u32>,
}

/// The flagged claims (or the one claim asked for), each with its reasons.
pub fn list(store: &Store, now: Now, query: &FlagQuery) -> Result<FlagListing> {
    let single = query.claim.as_deref().map(|c| claims::resolve(store.db(), c)).transpose()?;
    let mut list = match single {
        Some(id) => for_claims(store, now, &[id], query.stale_days)?,
        None => all(store, now, query.stale_days)?,
    };
    if let Some(flag) = query.flag {
        for entry in &mut list {
            entry.flags.retain(|h| h.flag == flag);
        }
    } else {
        // Overdue is the desk's reason, shown beside the flags without being one.
        let clock = super::desk::clock(store, now)?;
        let overdue: std::collections::HashMap<ClaimId, String> = crate::store::desk::due_claims(store.db())?
            .into_iter()
            .filter_map(|(id, due, stage)| {
                clock.overdue_reason(crate::model::ClaimStatus::Active, stage, Some(&due)).map(|r| (id, r))
            })
            .collect();
        for entry in &mut list {
            entry.overdue = overdue.get(&entry.claim).cloned();
        }
    }
    if single.is_none() {
        list.retain(|entry| !entry.flags.is_empty() || entry.overdue.is_some());
    }
    let claim = single.map(|id| claims::get(store.db(), id)).transpose()?;
    Ok(FlagListing { claim, flag: query.flag, entries: list })
}
