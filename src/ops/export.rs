//! Export: the ledger's reviews as ClaimReview records, claims with their citations,
//! flags and reviews, the unmapped ratings, and publishing a desk verdict.

use std::collections::{HashMap, HashSet};

use super::import::PROGRESS_EVERY;
use crate::error::{Error, Result};
use crate::interchange::claimreview::PublishedReview;
use crate::interchange::{ItemCitation, ItemSource};
use crate::model::{ClaimId, SourceKind};
use crate::store::interchange::{self as stored, NewReview, ReviewFilter};
use crate::store::sources::NewSource;
use crate::store::{Author, Store};

/// The ledger's default reviewer: the organisation in the settings (`organisation.name`, `organisation.url`).
fn house(store: &Store) -> Result<Option<ItemSource>> {
    let name = super::settings::get(store, "organisation.name")?;
    let url = super::settings::get(store, "organisation.url")?;
    Ok(match (name, url) {
        (Some(name), url) => Some(ItemSource { name, kind: SourceKind::Organization, url }),
        (None, Some(url)) => crate::interchange::name_from_url(&url).map(|name| ItemSource {
            name,
            kind: SourceKind::Organization,
            url: Some(url),
        }),
        (None, None) => None,
    })
}

/// Every review as a ClaimReview, by claim, then date.
pub fn claimreviews(store: &Store, filter: &ReviewFilter) -> Result<Vec<PublishedReview>> {
    claimreviews_counted(store, filter, |_, _| {})
}

/// [`claimreviews`], calling `progress(done, total)` every [`PROGRESS_EVERY`] reviews.
pub fn claimreviews_counted(
    store: &Store,
    filter: &ReviewFilter,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<PublishedReview>> {
    store.snapshot_db(|db| {
        let house = house(store)?;
        let mut appearances: HashMap<ClaimId, Vec<ItemCitation>> = HashMap::new();
        let mut out = Vec::new();
        let reviews = stored::reviews(db, filter)?;
        let total = reviews.len();
        for (done, review) in reviews.into_iter().enumerate() {
            if done % PROGRESS_EVERY == 0 {
                progress(done, total);
            }
            let list = match appearances.entry(review.claim) {
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    let mut list = stored::appearances(db, review.claim)?;
                    // One appearance per place, whoever was cited there.
                    let mut seen = HashSet::new();
                    list.retain(|c| seen.insert((c.article.url.clone(), c.article.title.clone(), c.time)));
                    slot.insert(list)
                }
            };
            let claim_author =
                list.iter().filter_map(|c| c.source.as_ref()).find(|s| s.kind != SourceKind::Anonymous).cloned();
            let published = review
                .published
                .clone()
                .or_else(|| review.verdict_at.as_ref().map(|at| at[..10.min(at.len())].to_string()));
            out.push(PublishedReview {
                claim_id: review.claim,
                claim: review.claim_text,
                reviewer: if review.review.is_some() { review.reviewer } else { house.clone() },
                url: review.url,
                published,
                rating: review.rating,
                verdict: review.verdict,
                body: review.body,
                claim_author,
                appearances: list.clone(),
            });
        }
        Ok(out)
    })
}

/// Reviews whose rating could not be mapped onto our scale: (review, claim, claim text, words).
pub fn unmapped(store: &Store) -> Result<Vec<(crate::model::ReviewId, ClaimId, String, String)>> {
    stored::unmapped_reviews(store.db())
}

/// One claim with its citations, flags and reviews, as `export --format csv|jsonl` writes it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ClaimRecord {
    pub id: ClaimId,
    pub text: String,
    pub status: crate::model::ClaimStatus,
    pub imported_from: Option<String>,
    pub verdict: Option<crate::model::Rating>,
    pub flags: Vec<crate::model::Flag>,
    pub citations: Vec<stored::ExportedCitation>,
    pub reviews: Vec<serde_json::Value>,
}

/// Claims with their citations, flags and reviews (each review as its ClaimReview object).
/// Calls `progress(done, total)` every [`PROGRESS_EVERY`] claims.
pub fn claim_records(
    store: &Store,
    now: super::Now,
    filter: &ReviewFilter,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<ClaimRecord>> {
    let mut flagged: HashMap<ClaimId, Vec<crate::model::Flag>> = super::flags::all(store, now, None)?
        .into_iter()
        .map(|f| (f.claim, f.flags.into_iter().map(|h| h.flag).collect()))
        .collect();
    let review_filter = ReviewFilter { since: None, ..filter.clone() };
    let mut reviews: HashMap<ClaimId, Vec<serde_json::Value>> = HashMap::new();
    for review in claimreviews(store, &review_filter)? {
        reviews.entry(review.claim_id).or_default().push(crate::interchange::claimreview::to_json(&review));
    }
    store.snapshot_db(|db| {
        let mut out = Vec::new();
        let claims = stored::exported_claims(db, filter)?;
        let total = claims.len();
        for (done, (id, text, status, imported_from)) in claims.into_iter().enumerate() {
            if done % PROGRESS_EVERY == 0 {
                progress(done, total);
            }
            out.push(ClaimRecord {
                id,
                verdict: crate::store::links::verdicts_of(db, id)?.pop().map(|v| v.rating),
                flags: flagged.remove(&id).unwrap_or_default(),
                citations: stored::exported_citations(db, id)?,
                reviews: reviews.remove(&id).unwrap_or_default(),
                text,
                status,
                imported_from,
            });
        }
        Ok(out)
    })
}

/// Records that the desk published its verdict on a claim: at this URL, on this day, by the
/// organisation in the settings. `export` then gives the review its URL, date and author.
pub fn publish(
    store: &mut Store,
    author: &Author,
    claim: &str,
    url: &str,
    published: &str,
) -> Result<crate::model::ReviewId> {
    let claim = super::claims::resolve_active(store, claim)?;
    let verdict = crate::store::links::verdicts_of(store.db(), claim)?.pop().ok_or_else(|| {
        Error::invalid(format!("claim {claim} has no verdict to publish; rate it first with `claimtrack verdict`"))
    })?;
    if stored::verdict_published(store.db(), verdict.id)? {
        return Err(Error::invalid(format!(
            "verdict {} on claim {claim} is already published; a new verdict can be published again",
            verdict.id
        )));
    }
    let house = house(store)?.ok_or_else(|| {
        Error::invalid("set the publishing organisation first: `claimtrack settings set organisation.name NAME`")
    })?;
    store.write(author, |tx| {
        let found = stored::find_source(tx.db(), house.url.as_deref(), &crate::names::key(&house.name))?;
        let reviewer = match found {
            Some(id) => id,
            None => tx.add_source(&NewSource {
                name: &house.name,
                kind: house.kind,
                url: house.url.as_deref(),
                note: None,
            })?,
        };
        tx.add_review(&NewReview {
            claim,
            verdict: Some(verdict.id),
            reviewer: Some(reviewer),
            url: Some(url),
            published: Some(published),
            rating: None,
            body: None,
        })
    })
}
