//! Verdicts: an editor's rating of a claim; the newest one is in force.

use crate::error::{Error, Result};
use crate::model::{Rating, Verdict};
use crate::store::{Author, Store, links};

/// Rates a claim; returns the verdict as recorded.
pub fn rate(
    store: &mut Store,
    author: &Author,
    claim: &str,
    rating: Rating,
    note: Option<&str>,
    evidence: Option<&str>,
) -> Result<Verdict> {
    let claim = super::claims::resolve_active(store, claim)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    store.write(author, |tx| tx.add_verdict(claim, rating, note, evidence))?;
    links::verdicts_of(store.conn(), claim)?
        .pop()
        .ok_or_else(|| Error::Internal(format!("the verdict on claim {claim} vanished after it was written")))
}
