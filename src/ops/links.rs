//! Links: record that a claim or an article corroborates, conflicts with or duplicates a claim; remove one.

use crate::error::{Error, Result};
use crate::model::{Link, LinkId, LinkTarget, Stance};
use crate::store::{Author, Store, articles, links};

/// What a link points at, as the editor named it.
#[derive(Clone, Debug)]
pub enum TargetRequest {
    Claim(String),
    Article(String),
}

/// Links `claim` to a target with a stance; returns the link as recorded.
pub fn link(
    store: &mut Store,
    author: &Author,
    claim: &str,
    stance: Stance,
    target: &TargetRequest,
    note: Option<&str>,
) -> Result<Link> {
    let claim = super::claims::resolve_active(store, claim)?;
    let target = match target {
        TargetRequest::Claim(other) => LinkTarget::Claim(super::claims::resolve_active(store, other)?),
        TargetRequest::Article(article) => LinkTarget::Article(articles::resolve(store.db(), article)?),
    };
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let id = store.write(author, |tx| tx.add_link(claim, stance, target, note))?;
    links::links_of(store.db(), claim)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::Internal(format!("link {id} vanished after it was written")))
}

/// Removes a link by its id; returns the link as it was.
pub fn unlink(store: &mut Store, author: &Author, given: &str) -> Result<Link> {
    let id = crate::reference::parse_id(given.trim())
        .ok_or_else(|| Error::invalid(format!("{given:?} is not a link id")))?;
    store.write(author, |tx| tx.remove_link(LinkId(id)))
}
