//! `claimtrack sample`: record the bundled sample article in the ledger and show its sourcing.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::flags::FlagHit;
use crate::model::{ArticleId, CitationKind, ClaimId, SourceKind};
use crate::render;
use crate::store::articles::NewArticle;
use crate::store::claims::NewCitation;
use crate::store::sources::NewSource;
use crate::store::{articles, claims};
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

#[derive(Serialize)]
struct SampleReport {
    db: String,
    article: ArticleId,
    loaded: bool,
    claims: Vec<SourcedClaim>,
}

fn bad_fixture(what: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the bundled sample is broken: {what}"))
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let sample: SampleLedger = serde_json::from_str(LEDGER).map_err(bad_fixture)?;
    let mut store = ctx.open_or_create()?;
    // The check and the load share one IMMEDIATE transaction, so editors running
    // `sample` at the same moment record it once.
    let (article, loaded) = store.write(&ctx.author(), |tx| {
        match articles::resolve(tx.conn(), &sample.article.title) {
            Ok(id) => return Ok((id, false)),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let mut source_ids = HashMap::new();
        for s in &sample.sources {
            let kind = SourceKind::parse(&s.kind).ok_or_else(|| bad_fixture(&s.kind))?;
            let id = match crate::store::sources::resolve(tx.conn(), &s.name) {
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
        })?;
        for c in &sample.claims {
            let source =
                c.source.as_ref().map(|s| source_ids.get(s).copied().ok_or_else(|| bad_fixture(s))).transpose()?;
            let kind = match &c.kind {
                Some(k) => CitationKind::parse(k).ok_or_else(|| bad_fixture(k))?,
                None => CitationKind::Unattributed,
            };
            let span = crate::quote::locate(TEXT, &c.quote).ok_or_else(|| bad_fixture(&c.quote))?;
            let claim = tx.add_claim(&c.text)?;
            tx.add_citation(claim, &NewCitation { article, source, kind, quote: Some(&c.quote), span: Some(span) })?;
        }
        Ok((article, true))
    })?;

    let rows = article_rows(ctx, &store, article)?;
    let report = SampleReport { db: store.path().display().to_string(), article, loaded, claims: rows };
    if ctx.json() {
        return ctx.out.json(&report);
    }
    let verb = if report.loaded { "recorded" } else { "already in" };
    ctx.out.line(&format!(
        "sample article {} {verb} {}: \"{}\" ({}, {})\n",
        report.article, report.db, sample.article.title, sample.article.publisher, sample.article.published
    ))?;
    let text = render::ledger::sourcing(&report.claims, ctx.out.width);
    ctx.out.text(&text)?;
    ctx.out.line(&format!(
        "\nnext: `claimtrack claim show {}` for one claim, `claimtrack flags` for every reason",
        report.claims.first().map_or(1, |c| c.claim.0)
    ))
}

/// Each claim cited in an article with its attribution there and its flags.
fn article_rows(ctx: &Ctx, store: &crate::store::Store, article: ArticleId) -> Result<Vec<SourcedClaim>> {
    let citations = claims::citations_in_article(store.conn(), article)?;
    let ids: Vec<ClaimId> = citations.iter().map(|c| c.claim_id).collect();
    let flags = super::flags::compute_all(ctx, store, Some(&ids))?;
    let by_claim: HashMap<ClaimId, Vec<FlagHit>> = flags.into_iter().map(|f| (f.claim, f.flags)).collect();
    Ok(citations
        .into_iter()
        .map(|c| SourcedClaim {
            claim: c.claim_id,
            text: c.claim_text,
            attributed_to: c.source.map(|s| s.name),
            kind: c.kind,
            flags: by_claim.get(&c.claim_id).cloned().unwrap_or_default(),
        })
        .collect())
}
