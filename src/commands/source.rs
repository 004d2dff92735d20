//! `claimtrack source add|list|show|alias|merge|edit`.

use serde::Serialize;

use super::{Ctx, print_created};
use crate::cli::SourceCommand;
use crate::error::{Error, Result};
use crate::model::{Claim, Source};
use crate::render;
use crate::store::claims::ClaimFilter;
use crate::store::sources::{self, NewSource, SourceEdit};
use crate::store::{Store, claims};

/// A source with the claims attributed to it, for `source show`.
#[derive(Serialize)]
pub struct SourceDetail {
    #[serde(flatten)]
    pub source: Source,
    pub claims: Vec<Claim>,
}

pub fn run(ctx: &mut Ctx, command: SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add { name, kind, url, note, aliases } => {
            if name.trim().is_empty() {
                return Err(Error::invalid("the source name is empty"));
            }
            let mut store = ctx.open()?;
            let id = store.write(&ctx.author(), |tx| {
                let id = tx.add_source(&NewSource { name: &name, kind, url: url.as_deref(), note: note.as_deref() })?;
                for alias in &aliases {
                    tx.add_alias(id, alias)?;
                }
                Ok(id)
            })?;
            let source = sources::get(store.conn(), id)?;
            print_created(ctx, id, &format!("added source {} ({})", source.name, source.kind), &source)
        }
        SourceCommand::List { kind } => {
            let store = ctx.open()?;
            let list = sources::list(store.conn(), kind)?;
            if ctx.json() {
                #[derive(Serialize)]
                struct Row<'a> {
                    #[serde(flatten)]
                    source: &'a Source,
                    citations: i64,
                }
                let rows: Vec<Row> =
                    list.iter().map(|(source, citations)| Row { source, citations: *citations }).collect();
                return ctx.out.json(&rows);
            }
            let text = render::ledger::source_list(&list, ctx.out.width);
            ctx.out.text(&text)
        }
        SourceCommand::Show { source } => {
            let store = ctx.open()?;
            let detail = detail(&store, &source)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            let text = render::ledger::source_detail(&detail.source, &detail.claims, ctx.out.width);
            ctx.out.text(&text)
        }
        SourceCommand::Alias { source, alias } => {
            if alias.trim().is_empty() {
                return Err(Error::invalid("the alias is empty"));
            }
            let mut store = ctx.open()?;
            let id = sources::resolve(store.conn(), &source)?;
            store.write(&ctx.author(), |tx| tx.add_alias(id, &alias))?;
            let source = sources::get(store.conn(), id)?;
            if ctx.json() {
                return ctx.out.json(&source);
            }
            ctx.out.line(&format!("{id}\t{} is now also known as {}", source.name, alias.trim()))
        }
        SourceCommand::Merge { from, into } => {
            let mut store = ctx.open()?;
            let from_id = sources::resolve(store.conn(), &from)?;
            let into_id = sources::resolve(store.conn(), &into)?;
            let gone = sources::get(store.conn(), from_id)?;
            store.write(&ctx.author(), |tx| tx.merge_sources(from_id, into_id))?;
            let kept = sources::get(store.conn(), into_id)?;
            if ctx.json() {
                return ctx.out.json(&kept);
            }
            ctx.out.line(&format!("{into_id}\tmerged source #{from_id} {} into {}", gone.name, kept.name))
        }
        SourceCommand::Edit { source, name, kind, url, note } => {
            if name.is_none() && kind.is_none() && url.is_none() && note.is_none() {
                return Err(Error::Usage("nothing to change: give --name, --kind, --url or --note".into()));
            }
            if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(Error::invalid("the source name is empty"));
            }
            let mut store = ctx.open()?;
            let id = sources::resolve(store.conn(), &source)?;
            let edit = SourceEdit { name: name.as_deref(), kind, url: url.as_deref(), note: note.as_deref() };
            store.write(&ctx.author(), |tx| tx.edit_source(id, &edit))?;
            let source = sources::get(store.conn(), id)?;
            if ctx.json() {
                return ctx.out.json(&source);
            }
            ctx.out.line(&format!("{id}\tupdated source {} ({})", source.name, source.kind))
        }
    }
}

fn detail(store: &Store, given: &str) -> Result<SourceDetail> {
    let id = sources::resolve(store.conn(), given)?;
    let source = sources::get(store.conn(), id)?;
    let claims =
        claims::list(store.conn(), &ClaimFilter { source: Some(id), include_retracted: true, ..Default::default() })?;
    Ok(SourceDetail { source, claims })
}
