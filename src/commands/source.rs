//! `claimtrack source add|list|show|alias|merge|edit`.

use super::{Ctx, print_created};
use crate::cli::SourceCommand;
use crate::error::Result;
use crate::ops::sources::{self, SourceChanges, SourceRequest};
use crate::render;

pub fn run(ctx: &mut Ctx, command: SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add { name, kind, url, note, aliases } => {
            let mut store = ctx.open_to_write()?;
            let source = sources::add(&mut store, &ctx.author(), &SourceRequest { name, kind, url, note, aliases })?;
            print_created(ctx, source.id, &format!("added source {} ({})", source.name, source.kind), &source)
        }
        SourceCommand::List { kind } => {
            let store = ctx.open()?;
            let list = sources::list(&store, kind)?;
            if ctx.json() {
                return ctx.out.json(&list);
            }
            ctx.out.text(&render::records::source_list(&list, ctx.out.width, ctx.out.colour))
        }
        SourceCommand::Show { source } => {
            let store = ctx.open()?;
            let detail = sources::show(&store, &source)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            ctx.out.text(&render::records::source_detail(&detail, ctx.out.width, ctx.out.colour))
        }
        SourceCommand::Alias { source, alias } => {
            let mut store = ctx.open_to_write()?;
            let source = sources::alias(&mut store, &ctx.author(), &source, &alias)?;
            if ctx.json() && !ctx.quiet {
                return ctx.out.json(&source);
            }
            super::print_done(ctx, source.id, &format!("{} is now also known as {}", source.name, alias.trim()))
        }
        SourceCommand::Merge { from, into } => {
            let mut store = ctx.open_to_write()?;
            let merged = sources::merge(&mut store, &ctx.author(), &from, &into)?;
            if ctx.json() && !ctx.quiet {
                return ctx.out.json(&merged.kept);
            }
            let (gone, kept) = (&merged.gone, &merged.kept);
            super::print_done(ctx, kept.id, &format!("merged source #{} {} into {}", gone.id, gone.name, kept.name))
        }
        SourceCommand::Edit { source, name, kind, url, note } => {
            let mut store = ctx.open_to_write()?;
            let changes = SourceChanges { name, kind, url, note };
            let source = sources::edit(&mut store, &ctx.author(), &source, &changes)?;
            if ctx.json() && !ctx.quiet {
                return ctx.out.json(&source);
            }
            super::print_done(ctx, source.id, &format!("updated source {} ({})", source.name, source.kind))
        }
    }
}
