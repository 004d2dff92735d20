//! The desk's commands: `claim stage|assign|unassign|tag|untag|due|note`, `queue`, `tag list|rename`.

use super::{Ctx, print_created};
use crate::cli::TagCommand;
use crate::error::Result;
use crate::input::Inputs;
use crate::model::Stage;
use crate::ops::{claims, desk};
use crate::render;

/// An editor's name as given, with `me` meaning the current editor (refused when no editor name is set).
pub fn editor_or_me(ctx: &Ctx, name: String) -> Result<String> {
    if !name.trim().eq_ignore_ascii_case("me") {
        return Ok(name);
    }
    ctx.require_editor()?;
    Ok(ctx.editor.clone())
}

pub fn stage(ctx: &mut Ctx, claim: &str, stage: Stage) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let moved = desk::set_stage(&mut store, &ctx.author(), claim, stage)?;
    let what = if moved.from == moved.to {
        format!("claim {} is already {}; nothing changed", moved.claim, moved.to)
    } else {
        format!("claim {} moved from {} to {}", moved.claim, moved.from, moved.to)
    };
    print_created(ctx, moved.claim, &what, &moved)
}

pub fn assign(ctx: &mut Ctx, claim: &str, names: Vec<String>, on: bool) -> Result<()> {
    let names = names.into_iter().map(|n| editor_or_me(ctx, n)).collect::<Result<Vec<String>>>()?;
    let mut store = ctx.open_to_write()?;
    let done = if on {
        desk::assign(&mut store, &ctx.author(), claim, &names)?
    } else {
        desk::unassign(&mut store, &ctx.author(), claim, &names)?
    };
    let now = if done.assignees.is_empty() { "nobody".to_string() } else { done.assignees.join(", ") };
    let what = match (on, done.changed.is_empty()) {
        (true, true) => format!("already on claim {}: {now}; nothing changed", done.claim),
        (true, false) => format!("assigned {} to claim {}; on it now: {now}", done.changed.join(", "), done.claim),
        (false, _) => format!("took {} off claim {}; on it now: {now}", done.changed.join(", "), done.claim),
    };
    print_created(ctx, done.claim, &what, &done)
}

pub fn tag_claim(ctx: &mut Ctx, claim: &str, tags: &[String], on: bool) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let done = if on {
        desk::tag(&mut store, &ctx.author(), claim, tags)?
    } else {
        desk::untag(&mut store, &ctx.author(), claim, tags)?
    };
    let now = if done.tags.is_empty() { "none".to_string() } else { done.tags.join(", ") };
    let what = match (on, done.changed.is_empty()) {
        (true, true) => format!("claim {} already carries those tags; tags: {now}", done.claim),
        (true, false) => format!("tagged claim {} {}; tags: {now}", done.claim, done.changed.join(", ")),
        (false, _) => format!("untagged claim {} {}; tags: {now}", done.claim, done.changed.join(", ")),
    };
    print_created(ctx, done.claim, &what, &done)
}

pub fn due(ctx: &mut Ctx, claim: &str, date: Option<&str>) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let (id, due) = desk::set_due(&mut store, &ctx.author(), claim, date)?;
    let detail = claims::detail(&store, ctx.now, id)?;
    let what = match &due {
        Some(day) => format!("claim {id} is due {day}"),
        None => format!("claim {id} has no due date"),
    };
    print_created(ctx, id, &what, &detail)
}

pub fn note(ctx: &mut Ctx, claim: &str, text: &str) -> Result<()> {
    let text = Inputs::default().text("the note", text)?;
    let mut store = ctx.open_to_write()?;
    let (id, note) = desk::note(&mut store, &ctx.author(), claim, &text)?;
    let notes = desk::notes(&store, id)?;
    let recorded = notes.iter().find(|n| n.id == note);
    print_created(ctx, note, &format!("noted on claim {id}"), &recorded)
}

pub fn queue(ctx: &mut Ctx) -> Result<()> {
    ctx.require_editor()?;
    let store = ctx.open()?;
    let items = desk::queue(&store, ctx.now, &ctx.editor)?;
    if ctx.json() {
        return ctx.out.json(&items);
    }
    ctx.out.text(&render::desk::queue(&ctx.editor, &items, ctx.out.width, ctx.out.colour))
}

pub fn tag(ctx: &mut Ctx, command: TagCommand) -> Result<()> {
    match command {
        TagCommand::List => {
            let store = ctx.open()?;
            let tags = desk::tag_list(&store)?;
            if ctx.json() {
                return ctx.out.json(&tags);
            }
            ctx.out.text(&render::desk::tag_list(&tags, ctx.out.width, ctx.out.colour))
        }
        TagCommand::Rename { from, to } => {
            let mut store = ctx.open_to_write()?;
            let renamed = desk::rename_tag(&mut store, &ctx.author(), &from, &to)?;
            let claims = if renamed.claims == 1 { "claim" } else { "claims" };
            let what = format!("renamed tag {} to {} on {} {claims}", renamed.from, renamed.to, renamed.claims);
            print_created(ctx, renamed.claims, &what, &renamed)
        }
    }
}
