//! Verdicts: an editor's rating of a claim with its rationale and evidence; the newest one not
//! withdrawn is in force.

use crate::error::{Error, Result};
use crate::model::{ClaimId, Rating, Stage, Verdict, VerdictId};
use crate::store::desk::NewEvidence;
use crate::store::links::NewVerdict;
use crate::store::{Author, Store, claims, desk, links};

/// One piece of evidence as the editor gave it.
#[derive(Clone, Debug, Default)]
pub struct EvidenceRequest {
    pub url: Option<String>,
    pub title: Option<String>,
    /// The day it was read, any full-date spelling.
    pub accessed: Option<String>,
    /// A saved copy: its file name and text.
    pub saved: Option<(String, String)>,
}

/// A verdict as the editor gave it.
#[derive(Clone, Debug)]
pub struct VerdictRequest {
    pub rating: Rating,
    pub note: Option<String>,
    pub rationale: Option<String>,
    /// Who reviewed it [default: the editor recording it].
    pub reviewer: Option<String>,
    pub evidence: Vec<EvidenceRequest>,
    /// Move the claim to `published` in the same change.
    pub publish: bool,
}

/// Rates a claim; returns the verdict as recorded.
pub fn rate(store: &mut Store, author: &Author, claim: &str, request: &VerdictRequest) -> Result<Verdict> {
    let claim = super::claims::resolve_active(store, claim)?;
    let trimmed = |t: &Option<String>| t.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(String::from);
    let note = trimmed(&request.note);
    let rationale = trimmed(&request.rationale);
    let reviewer = trimmed(&request.reviewer).unwrap_or_else(|| author.editor.clone());
    let mut evidence = Vec::with_capacity(request.evidence.len());
    for item in &request.evidence {
        let accessed = item
            .accessed
            .as_deref()
            .map(crate::desk::parse_due)
            .transpose()
            .map_err(|e| Error::Usage(format!("evidence accessed date: {e}")))?;
        evidence.push((item, accessed));
    }
    if request.publish {
        let current = claims::get(store.db(), claim)?;
        if current.stage == Stage::Closed {
            return Err(Error::invalid(format!(
                "claim {claim} is closed; reopen it with `claimtrack claim stage {claim} open` before publishing a verdict"
            )));
        }
    }
    let verdict = NewVerdict {
        rating: request.rating,
        note: note.as_deref(),
        rationale: rationale.as_deref(),
        reviewer: Some(&reviewer),
    };
    store.write(author, |tx| {
        let id = tx.add_verdict(claim, &verdict)?;
        for (item, accessed) in &evidence {
            let new = NewEvidence {
                url: item.url.as_deref(),
                title: item.title.as_deref().map(str::trim).filter(|t| !t.is_empty()),
                accessed: accessed.as_deref(),
                saved: item.saved.as_ref().map(|(name, text)| (name.as_str(), text.as_str())),
            };
            tx.add_evidence(id, claim, &new)?;
        }
        if request.publish {
            tx.set_stage(claim, Stage::Published)?;
        }
        Ok(())
    })?;
    links::verdicts_of(store.db(), claim)?
        .pop()
        .ok_or_else(|| Error::Internal(format!("the verdict on claim {claim} vanished after it was written")))
}

/// What withdrawing did: the verdict, and the claim's stage when it moved back to review.
pub struct Withdrawn {
    pub verdict: Verdict,
    pub in_force: Option<Verdict>,
    pub back_to_review: bool,
}

/// Withdraws a verdict given in error; the one before it (not withdrawn) is in force again. A
/// published claim left with no verdict in force goes back to `in-review`, in the same change.
pub fn withdraw(store: &mut Store, author: &Author, verdict: &str, reason: &str) -> Result<Withdrawn> {
    if reason.trim().is_empty() {
        return Err(Error::Usage("give a --reason: it stays on record with the withdrawal".into()));
    }
    let id = crate::reference::parse_id(verdict.trim())
        .map(VerdictId)
        .ok_or_else(|| Error::Usage(format!("{verdict:?} is not a verdict id (`claim show` lists them)")))?;
    let claim: ClaimId = desk::verdict_claim(store.db(), id)?
        .ok_or_else(|| Error::NotFound { what: "verdict", given: verdict.to_string() })?;
    let back_to_review = store.write(author, |tx| {
        tx.withdraw_verdict(id, claim, reason)?;
        let published = claims::get(tx.db(), claim)?.stage == Stage::Published;
        let none_left = links::verdict_in_force(tx.db(), claim)?.is_none();
        if published && none_left {
            tx.set_stage(claim, Stage::InReview)?;
        }
        Ok(published && none_left)
    })?;
    let verdicts = links::verdicts_of(store.db(), claim)?;
    let in_force = verdicts.iter().rev().find(|v| !v.is_withdrawn()).cloned();
    let verdict = verdicts
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| Error::Internal(format!("verdict {id} vanished as it was withdrawn")))?;
    Ok(Withdrawn { verdict, in_force, back_to_review })
}
