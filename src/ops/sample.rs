//! The bundled sample article (Maghrebi.org, September 2025): record it once, and read back its sourcing.

use std::collections::HashMap;

use serde::Deserialize;

use super::Now;
use super::claims::ResolvedCitation;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::flags::FlagHit;
use crate::model::{ArticleId, Attribution, CitationKind, ClaimId, SourceKind};
use crate::store::articles::{self, NewArticle};
use crate::store::sources::{self, NewSource};
use crate::store::{Author, Store, claims};
use crate::view::SourcedClaim;

const LEDGER: &str = include_str!("../../fixtures/niger-turkey.ledger.json");
const TEXT: &str = include_str!("../../fixtures/niger-turkey.txt");

/// The fixture's shape: how an editor recorded the sample article.
#[derive(Deserialize)]
pub struct SampleLedger {
    pub sources: Vec<SampleSource>,
    pub article: SampleArticle,
    pub claims: Vec<SampleClaim>,
}

#[derive(Deserialize)]
pub struct SampleSource {
    pub name: String,
    pub kind: String,
    pub url: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
pub struct SampleArticle {
    pub title: String,
    pub publisher: String,
    pub published: String,
}

#[derive(Deserialize)]
pub struct SampleClaim {
    pub text: String,
    pub source: Option<String>,
    pub kind: Option<String>,
    pub quote: String,
}

fn bad_fixture(what: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the bundled sample is broken: {what}"))
}

/// The sample as bundled with the binary.
pub fn fixture() -> Result<SampleLedger> {
    serde_json::from_str(LEDGER).map_err(bad_fixture)
}

/// Where the sample is in the ledger, and whether this call recorded it.
pub struct Loaded {
    pub article: ArticleId,
    pub loaded: bool,
}

/// Records the sample unless the ledger already holds it. The check and the load
/// share one transaction, so editors running `sample` at once record it once.
pub fn load(store: &mut Store, author: &Author, sample: &SampleLedger) -> Result<Loaded> {
    store.write(author, |tx| {
        match articles::resolve(tx.db(), &sample.article.title) {
            Ok(article) => return Ok(Loaded { article, loaded: false }),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let mut source_ids = HashMap::new();
        for s in &sample.sources {
            let kind = SourceKind::parse(&s.kind).ok_or_else(|| bad_fixture(&s.kind))?;
            let id = match sources::resolve(tx.db(), &s.name) {
                Ok(id) => id,
                Err(Error::NotFound { .. }) => {
                    let id = tx.add_source(&NewSource {
                        name: &s.name,
                        kind,
                        url: s.url.as_deref(),
                        note: s.note.as_deref(),
                    })?;
                    for alias in &s.aliases {
                        tx.add_alias(id, alias)?;
                    }
                    id
                }
                Err(e) => return Err(e),
            };
            source_ids.insert(s.name.clone(), id);
        }
        let publisher = source_ids.get(&sample.article.publisher).copied();
        let published = PartialDate::parse(&sample.article.published).map_err(bad_fixture)?;
        let article = tx.add_article(&NewArticle {
            title: &sample.article.title,
            url: None,
            publisher,
            published: Some(published),
            text: Some(TEXT),
            derived_from: &[],
            medium: Some(crate::model::Medium::Article),
        })?;
        for c in &sample.claims {
            let source =
                c.source.as_ref().map(|s| source_ids.get(s).copied().ok_or_else(|| bad_fixture(s))).transpose()?;
            let kind = match &c.kind {
                Some(k) => CitationKind::parse(k).ok_or_else(|| bad_fixture(k))?,
                None => CitationKind::Unattributed,
            };
            let span = crate::quote::locate(TEXT, &c.quote).ok_or_else(|| bad_fixture(&c.quote))?;
            let attribution = Attribution::new(kind, source).map_err(bad_fixture)?;
            let cite =
                ResolvedCitation { article, attribution, quote: Some(c.quote.clone()), span: Some(span), time: None };
            super::claims::record(tx, &c.text, Some(&cite))?;
        }
        Ok(Loaded { article, loaded: true })
    })
}

/// Each claim cited in an article, with its attribution there and its flags.
pub fn sourcing(store: &Store, now: Now, article: ArticleId) -> Result<Vec<SourcedClaim>> {
    let citations = claims::citations_in_article(store.db(), article)?;
    let ids: Vec<ClaimId> = citations.iter().map(|c| c.claim_id).collect();
    let flags = super::flags::for_claims(store, now, &ids, None)?;
    let by_claim: HashMap<ClaimId, Vec<FlagHit>> = flags.into_iter().map(|f| (f.claim, f.flags)).collect();
    Ok(citations
        .into_iter()
        .map(|c| SourcedClaim {
            claim: c.claim_id,
            flags: by_claim.get(&c.claim_id).cloned().unwrap_or_default(),
            text: c.claim_text,
            attributed_to: c.source.map(|s| s.name),
            kind: c.kind,
        })
        .collect())
}
