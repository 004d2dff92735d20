//! Many newsrooms on one PostgreSQL ledger: the owner's part (bring the schema up to date, add
//! newsrooms and coalitions, make roles editors, verify every newsroom's chain) and the editor's
//! (share a claim with a coalition). Row-level security on the server keeps the rest apart.

use serde::Serialize;

use super::audit::{self, Verification};
use crate::error::{Error, Result};
use crate::model::ClaimId;
use crate::store::orgs::{self, Org, OrgListing};
use crate::store::{Author, Store};

/// The two kinds of organisation.
pub const NEWSROOM: &str = "newsroom";
pub const COALITION: &str = "coalition";

/// What `admin upgrade` found and left.
#[derive(Debug, Serialize)]
pub struct Upgraded {
    /// The schema version before (0: there was no ledger) and after.
    pub from: i64,
    pub to: i64,
    /// The editors whose grants were renewed.
    pub editors: u64,
}

/// Creates the ledger's schema or brings it up to date (the store opened as owner did it) and
/// renews every editor's grants.
pub fn upgraded(store: &Store) -> Result<Upgraded> {
    let editors = orgs::list(store.db())?.iter().map(|o| o.editors.len() as u64).sum();
    Ok(Upgraded { from: store.found_version(), to: crate::store::migrate_pg::schema_version(), editors })
}

/// Adds a newsroom (with its first settings, as a new ledger's, in a chain of its own) or a coalition.
pub fn add(store: &mut Store, name: &str, kind: &str, at: &str) -> Result<Org> {
    let org = orgs::add(store.db(), name, kind, at)?;
    if kind == NEWSROOM {
        store.act_for(&org)?;
        store.start_newsroom()?;
    }
    Ok(org)
}

/// Puts a newsroom in a coalition. Whether it was not in it already.
pub fn join(store: &Store, newsroom: &str, coalition: &str, at: &str) -> Result<bool> {
    let db = store.db();
    let newsroom = orgs::named(db, newsroom, NEWSROOM)?;
    let coalition = orgs::named(db, coalition, COALITION)?;
    orgs::join(db, &newsroom, &coalition, at)
}

/// Makes a role an editor of a newsroom. Whether it was not one already.
pub fn add_editor(store: &Store, role: &str, newsroom: &str, at: &str) -> Result<bool> {
    let newsroom = orgs::named(store.db(), newsroom, NEWSROOM)?;
    orgs::add_editor(store.db(), role, &newsroom, at)
}

/// Every organisation the connection may see.
pub fn list(store: &Store) -> Result<Vec<OrgListing>> {
    orgs::list(store.db())
}

/// Shares one of the editor's newsroom's claims with a coalition it is in; recorded in its chain.
/// Whether it was not shared there already.
pub fn share(store: &mut Store, author: &Author, claim: &str, coalition: &str) -> Result<(ClaimId, Org, bool)> {
    if store.postgres().is_none() {
        return Err(Error::invalid(
            "sharing with a coalition needs a PostgreSQL ledger that newsrooms share (README, Sharing a ledger)",
        ));
    }
    let id = super::claims::resolve(store, claim)?;
    let coalition = orgs::named(store.db(), coalition, COALITION)?;
    let shared = store.write(author, |tx| tx.share_claim(id, &coalition))?;
    Ok((id, coalition, shared))
}

/// The coalitions a claim is shared with (none on SQLite).
pub fn shared_with(store: &Store, claim: ClaimId) -> Result<Vec<String>> {
    match store.postgres() {
        Some(_) => orgs::shared_with(store.db(), claim),
        None => Ok(Vec::new()),
    }
}

/// On a PostgreSQL ledger, what a report or the flags counted: the editor's newsroom's records and
/// the claims its coalitions share with it, never the rest of the server. None on SQLite.
pub fn counted(store: &Store) -> Result<Option<String>> {
    let Some(newsroom) = store.newsroom()? else { return Ok(None) };
    let shared = orgs::shared_in(store.db())?;
    let claims = if shared == 1 { "claim" } else { "claims" };
    Ok(Some(format!(
        "counts what {} may see: its own records and {shared} {claims} its coalitions share with it",
        newsroom.name
    )))
}

/// One newsroom's verification, as `admin verify` reports it.
#[derive(Serialize)]
pub struct NewsroomVerification {
    pub newsroom: String,
    #[serde(flatten)]
    pub verification: Verification,
}

/// Verifies every newsroom's chain and rows, each as its editors would, and every foreign key
/// (which only the owner, seeing every row, can check).
pub fn verify_every_chain(store: &mut Store) -> Result<Vec<NewsroomVerification>> {
    let newsrooms: Vec<Org> =
        orgs::list(store.db())?.into_iter().map(|l| l.org).filter(|o| o.kind == NEWSROOM).collect();
    let mut out = Vec::with_capacity(newsrooms.len());
    for newsroom in newsrooms {
        store.act_for(&newsroom)?;
        let verification = audit::verify(store, &[])?;
        out.push(NewsroomVerification { newsroom: newsroom.name, verification });
    }
    Ok(out)
}
