//! `claimtrack sample`: record the bundled sample article in the ledger and show its sourcing.

use serde::Serialize;

use super::Ctx;
use crate::error::Result;
use crate::model::ArticleId;
use crate::ops;
use crate::render;
use crate::view::SourcedClaim;

#[derive(Serialize)]
struct SampleReport {
    db: String,
    article: ArticleId,
    loaded: bool,
    claims: Vec<SourcedClaim>,
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let sample = ops::sample::fixture()?;
    let mut store = ctx.open_or_create()?;
    let loaded = ops::sample::load(&mut store, &ctx.author(), &sample)?;
    let claims = ops::sample::sourcing(&store, ctx.now, loaded.article)?;
    let report =
        SampleReport { db: store.path().display().to_string(), article: loaded.article, loaded: loaded.loaded, claims };
    if ctx.json() {
        return ctx.out.json(&report);
    }
    let verb = if report.loaded { "recorded" } else { "already in" };
    ctx.out.line(&format!(
        "sample article {} {verb} {}: \"{}\" ({}, {})\n",
        report.article, report.db, sample.article.title, sample.article.publisher, sample.article.published
    ))?;
    let text = render::records::sourcing(&report.claims, ctx.out.width, ctx.out.colour);
    ctx.out.text(&text)?;
    ctx.out.line(&format!(
        "\nnext: `claimtrack claim show {}` for one claim, `claimtrack flags` for every reason",
        report.claims.first().map_or(1, |c| c.claim.0)
    ))
}
