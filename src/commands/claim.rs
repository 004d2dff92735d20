//! `claimtrack claim add|cite|list|show|edit|retract`.

use super::{Ctx, print_created};
use crate::cli::{CitationArgs, ClaimCommand};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::claims::{self, CitationRequest, ClaimQuery};
use crate::render;

pub fn run(ctx: &mut Ctx, command: ClaimCommand) -> Result<()> {
    match command {
        ClaimCommand::Add { text, text_file, citation, due } => {
            let citation = citation_request(citation)?;
            let text = claim_text(text, text_file)?;
            let mut store = ctx.open_to_write()?;
            let id = claims::add(&mut store, &ctx.author(), &text, citation.as_ref(), due.as_deref())?;
            if !ctx.json() || ctx.quiet {
                // Scripts read the id; computing flags for the echo would only slow every add.
                return super::print_done(ctx, id, &format!("added claim: {}", text.trim()));
            }
            let detail = claims::detail(&store, ctx.now, id)?;
            ctx.out.json(&detail)
        }
        ClaimCommand::Cite { claim, citation } => {
            let citation =
                citation_request(citation)?.ok_or_else(|| Error::Usage("`claim cite` needs --article".into()))?;
            let mut store = ctx.open_to_write()?;
            let cited = claims::cite(&mut store, &ctx.author(), &claim, &citation)?;
            let detail = claims::detail(&store, ctx.now, cited.claim)?;
            let what = format!("cited claim {} in article {}", cited.claim, cited.article);
            print_created(ctx, cited.citation, &what, &detail)
        }
        ClaimCommand::List { flag, article, source, all, stage, assignee, tag, due_before, overdue } => {
            let store = ctx.open()?;
            let assignee = assignee.map(|name| super::desk::editor_or_me(ctx, name)).transpose()?;
            let query =
                ClaimQuery { flag, article, source, include_retracted: all, stage, assignee, tag, due_before, overdue };
            let list = claims::list(&store, ctx.now, &query)?;
            if ctx.json() {
                return ctx.out.json(&list);
            }
            ctx.out.text(&render::records::claim_list(&list, ctx.out.width, ctx.out.colour))
        }
        ClaimCommand::Show { claim } => {
            let store = ctx.open()?;
            let id = claims::resolve(&store, &claim)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            ctx.out.text(&render::records::claim_detail(&detail, ctx.out.width, ctx.out.colour))
        }
        ClaimCommand::Edit { claim, text, text_file } => {
            let text = claim_text(text, text_file)?;
            let mut store = ctx.open_to_write()?;
            let edited = claims::edit(&mut store, &ctx.author(), &claim, &text)?;
            let detail = claims::detail(&store, ctx.now, edited.claim)?;
            let what = if edited.changed {
                format!("reworded claim: {}", detail.claim.text)
            } else {
                format!("claim {} already reads so; nothing changed: {}", edited.claim, detail.claim.text)
            };
            print_created(ctx, edited.claim, &what, &detail)
        }
        ClaimCommand::Restore { claim } => {
            let mut store = ctx.open_to_write()?;
            let id = claims::restore(&mut store, &ctx.author(), &claim)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            print_created(ctx, id, &format!("restored claim: {}", detail.claim.text), &detail)
        }
        ClaimCommand::Stage { claim, stage } => super::desk::stage(ctx, &claim, stage),
        ClaimCommand::Assign { claim, to } => super::desk::assign(ctx, &claim, to, true),
        ClaimCommand::Unassign { claim, from } => super::desk::assign(ctx, &claim, from, false),
        ClaimCommand::Tag { claim, tags } => super::desk::tag_claim(ctx, &claim, &tags, true),
        ClaimCommand::Untag { claim, tags } => super::desk::tag_claim(ctx, &claim, &tags, false),
        ClaimCommand::Due { claim, date, .. } => super::desk::due(ctx, &claim, date.as_deref()),
        ClaimCommand::Note { claim, text } => super::desk::note(ctx, &claim, &text),
        ClaimCommand::Retract { claim, reason } => {
            let mut store = ctx.open_to_write()?;
            let id = claims::retract(&mut store, &ctx.author(), &claim, &reason)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            print_created(ctx, id, &format!("retracted claim: {}", detail.claim.text), &detail)
        }
    }
}

/// The claim's wording: the argument, standard input for `-`, or `--text-file`.
fn claim_text(text: Option<String>, text_file: Option<PathBuf>) -> Result<String> {
    let mut inputs = Inputs::default();
    match (text, text_file) {
        (Some(text), _) => inputs.text("the claim text", &text),
        (None, Some(path)) => inputs.file("--text-file", &path),
        (None, None) => Err(Error::Usage("give the claim's text, `-` to read it, or --text-file".into())),
    }
}

/// The citation options as a request; `--source`, `--kind` and `--quote` mean nothing without `--article`.
fn citation_request(args: CitationArgs) -> Result<Option<CitationRequest>> {
    let CitationArgs { article, source, kind, quote, at } = args;
    match article {
        Some(article) => Ok(Some(CitationRequest { article, source, kind, quote, time: at })),
        None if source.is_some() || kind.is_some() || quote.is_some() || at.is_some() => {
            Err(Error::Usage("--source, --kind, --quote and --at need --article: say where the claim appeared".into()))
        }
        None => Ok(None),
    }
}
