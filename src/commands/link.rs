//! `claimtrack link` and `unlink`: stances between claims and articles.

use super::{Ctx, print_created};
use crate::cli::LinkArgs;
use crate::error::{Error, Result};
use crate::model::{LinkTarget, Stance};
use crate::ops::links::{self, TargetRequest};

pub fn link(ctx: &mut Ctx, args: LinkArgs) -> Result<()> {
    let stance = if args.corroborates {
        Stance::Corroborates
    } else if args.conflicts {
        Stance::Conflicts
    } else {
        Stance::Duplicates
    };
    let target = match (args.other, args.article) {
        (Some(other), _) => TargetRequest::Claim(other),
        (None, Some(article)) => TargetRequest::Article(article),
        (None, None) => return Err(Error::Usage("say what the claim is linked to: OTHER or --article".into())),
    };
    let mut store = ctx.open_to_write()?;
    let link = links::link(&mut store, &ctx.author(), &args.claim, stance, &target, args.note.as_deref())?;
    let what = match link.target {
        LinkTarget::Claim(c) => format!("claim {c} {stance} claim {}", link.claim_id),
        LinkTarget::Article(a) => format!("article {a} {stance} claim {}", link.claim_id),
    };
    print_created(ctx, link.id, &format!("linked: {what}"), &link)
}

pub fn unlink(ctx: &mut Ctx, given: &str) -> Result<()> {
    let mut store = ctx.open_to_write()?;
    let link = links::unlink(&mut store, &ctx.author(), given)?;
    if ctx.json() && !ctx.quiet {
        return ctx.out.json(&link);
    }
    super::print_done(ctx, link.id, &format!("removed link {} from claim {}", link.id, link.claim_id))
}
