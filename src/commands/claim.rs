//! `claimtrack claim add|cite|list|show|edit|retract`.

use serde::Serialize;

use crate::view::ClaimDetail;

use super::{Ctx, print_created};
use crate::cli::{CitationArgs, ClaimCommand};
use crate::error::{Error, Result};
use crate::flags::ClaimFlags;
use crate::model::{CitationKind, Claim, ClaimId, SourceKind};
use crate::render;
use crate::store::claims::{self, ClaimFilter, NewCitation};
use crate::store::{Store, Tx, articles, links, sources};

pub fn run(ctx: &mut Ctx, command: ClaimCommand) -> Result<()> {
    match command {
        ClaimCommand::Add { text, citation } => {
            if text.trim().is_empty() {
                return Err(Error::invalid("claim text is empty"));
            }
            let mut store = ctx.open()?;
            let cite = resolve_citation(&store, &citation)?;
            let id = store.write(&ctx.author(), |tx| {
                let id = tx.add_claim(&text)?;
                if let Some(cite) = &cite {
                    add_citation(tx, id, cite)?;
                }
                Ok(id)
            })?;
            if !ctx.json() {
                // Scripts read the id; computing flags for the echo would only slow every add.
                return ctx.out.line(&format!("{id}\tadded claim: {}", text.trim()));
            }
            let detail = detail(ctx, &store, id)?;
            ctx.out.json(&detail)
        }
        ClaimCommand::Cite { claim, citation } => {
            let mut store = ctx.open()?;
            let id = claims::resolve(store.conn(), &claim)?;
            let cite = resolve_citation(&store, &citation)?
                .ok_or_else(|| Error::Usage("`claim cite` needs --article".into()))?;
            let citation_id = store.write(&ctx.author(), |tx| add_citation(tx, id, &cite))?;
            let detail = detail(ctx, &store, id)?;
            print_created(ctx, citation_id, &format!("cited claim {id} in article {}", cite.article), &detail)
        }
        ClaimCommand::List { flag, article, source, all } => {
            let store = ctx.open()?;
            let filter = ClaimFilter {
                article: article.map(|a| articles::resolve(store.conn(), &a)).transpose()?,
                source: source.map(|s| sources::resolve(store.conn(), &s)).transpose()?,
                include_retracted: all,
            };
            let mut list = claims::list(store.conn(), &filter)?;
            let flagged = super::flags::compute_all(ctx, &store, None)?;
            let by_claim: std::collections::HashMap<ClaimId, &ClaimFlags> =
                flagged.iter().map(|f| (f.claim, f)).collect();
            if let Some(flag) = flag {
                list.retain(|c| by_claim.get(&c.id).is_some_and(|f| f.flags.iter().any(|h| h.flag == flag)));
            }
            if ctx.json() {
                #[derive(Serialize)]
                struct Row<'a> {
                    #[serde(flatten)]
                    claim: &'a Claim,
                    flags: Vec<crate::model::Flag>,
                }
                let rows: Vec<Row> = list
                    .iter()
                    .map(|claim| Row {
                        claim,
                        flags: by_claim
                            .get(&claim.id)
                            .map(|f| f.flags.iter().map(|h| h.flag).collect())
                            .unwrap_or_default(),
                    })
                    .collect();
                return ctx.out.json(&rows);
            }
            let text = render::ledger::claim_list(&list, &by_claim, ctx.out.width);
            ctx.out.text(&text)
        }
        ClaimCommand::Show { claim } => {
            let store = ctx.open()?;
            let id = claims::resolve(store.conn(), &claim)?;
            let detail = detail(ctx, &store, id)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            let text = render::ledger::claim_detail(&detail, ctx.out.width);
            ctx.out.text(&text)
        }
        ClaimCommand::Edit { claim, text } => {
            let mut store = ctx.open()?;
            let id = claims::resolve(store.conn(), &claim)?;
            store.write(&ctx.author(), |tx| tx.edit_claim(id, &text))?;
            let detail = detail(ctx, &store, id)?;
            print_created(ctx, id, &format!("reworded claim: {}", detail.claim.text), &detail)
        }
        ClaimCommand::Retract { claim, reason } => {
            if reason.trim().is_empty() {
                return Err(Error::invalid("give a --reason for the retraction"));
            }
            let mut store = ctx.open()?;
            let id = claims::resolve(store.conn(), &claim)?;
            store.write(&ctx.author(), |tx| tx.retract_claim(id, &reason))?;
            let detail = detail(ctx, &store, id)?;
            print_created(ctx, id, &format!("retracted claim: {}", detail.claim.text), &detail)
        }
    }
}

/// A citation with its references resolved and its quote located.
struct ResolvedCitation {
    article: crate::model::ArticleId,
    source: Option<crate::model::SourceId>,
    kind: CitationKind,
    quote: Option<String>,
    span: Option<(i64, i64)>,
}

fn resolve_citation(store: &Store, args: &CitationArgs) -> Result<Option<ResolvedCitation>> {
    let Some(article_ref) = &args.article else {
        if args.source.is_some() || args.kind.is_some() || args.quote.is_some() {
            return Err(Error::Usage(
                "--source, --kind and --quote need --article: say where the claim appeared".into(),
            ));
        }
        return Ok(None);
    };
    let conn = store.conn();
    let article = articles::resolve(conn, article_ref)?;
    let source = args.source.as_deref().map(|s| sources::resolve(conn, s)).transpose()?;
    let kind = match (args.kind, source) {
        (Some(kind), _) => kind,
        (None, Some(id)) if sources::source_ref(conn, id)?.kind == SourceKind::Anonymous => CitationKind::Anonymous,
        (None, Some(_)) => CitationKind::Named,
        (None, None) => CitationKind::Unattributed,
    };
    if kind == CitationKind::Named && source.is_none() {
        return Err(Error::Usage("--kind named needs --source".into()));
    }
    if kind == CitationKind::Unattributed && source.is_some() {
        return Err(Error::Usage("--kind unattributed cannot have a --source".into()));
    }
    let quote = args.quote.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(String::from);
    let span = match (&quote, articles::text(conn, article)?) {
        (Some(q), Some(text)) => Some(crate::quote::locate(&text, q).ok_or_else(|| {
            Error::invalid(format!("the --quote does not appear in article {article}'s text: {q:?}"))
        })?),
        _ => None,
    };
    Ok(Some(ResolvedCitation { article, source, kind, quote, span }))
}

fn add_citation(tx: &mut Tx<'_>, claim: ClaimId, cite: &ResolvedCitation) -> Result<i64> {
    tx.add_citation(
        claim,
        &NewCitation {
            article: cite.article,
            source: cite.source,
            kind: cite.kind,
            quote: cite.quote.as_deref(),
            span: cite.span,
        },
    )
}

pub fn detail(ctx: &Ctx, store: &Store, id: ClaimId) -> Result<ClaimDetail> {
    let conn = store.conn();
    let flags = super::flags::compute_all(ctx, store, Some(&[id]))?;
    let (independent_sources, flags) =
        flags.into_iter().next().map(|f| (f.independent_sources, f.flags)).unwrap_or_default();
    Ok(ClaimDetail {
        claim: claims::get(conn, id)?,
        citations: claims::citations(conn, id)?,
        links: links::links_of(conn, id)?,
        verdicts: links::verdicts_of(conn, id)?,
        independent_sources,
        flags,
    })
}
