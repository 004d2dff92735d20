//! `claimtrack link`, `unlink` and `verdict`: stances between claims and articles, and ratings.

use super::{Ctx, print_created};
use crate::cli::LinkArgs;
use crate::error::Result;
use crate::model::{LinkId, LinkTarget, Rating, Stance};
use crate::store::{articles, claims, links};

pub fn link(ctx: &mut Ctx, args: LinkArgs) -> Result<()> {
    let stance = if args.corroborates {
        Stance::Corroborates
    } else if args.conflicts {
        Stance::Conflicts
    } else {
        Stance::Duplicates
    };
    let mut store = ctx.open()?;
    let claim = claims::resolve(store.conn(), &args.claim)?;
    let target = match (&args.other, &args.article) {
        (Some(other), _) => LinkTarget::Claim(claims::resolve(store.conn(), other)?),
        (None, Some(article)) => LinkTarget::Article(articles::resolve(store.conn(), article)?),
        (None, None) => unreachable!("clap requires a target"),
    };
    let note = args.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let id = store.write(&ctx.author(), |tx| tx.add_link(claim, stance, target, note))?;
    let link = links::links_of(store.conn(), claim)?.into_iter().find(|l| l.id == id).expect("just written");
    let what = match target {
        LinkTarget::Claim(c) => format!("claim {c} {stance} claim {claim}"),
        LinkTarget::Article(a) => format!("article {a} {stance} claim {claim}"),
    };
    print_created(ctx, id, &format!("linked: {what}"), &link)
}

pub fn unlink(ctx: &mut Ctx, given: &str) -> Result<()> {
    let id = crate::store::sources::parse_id(given)
        .ok_or_else(|| crate::error::Error::invalid(format!("{given:?} is not a link id")))?;
    let mut store = ctx.open()?;
    let link = store.write(&ctx.author(), |tx| tx.remove_link(LinkId(id)))?;
    if ctx.json() {
        return ctx.out.json(&link);
    }
    ctx.out.line(&format!("{id}\tremoved link {id} from claim {}", link.claim_id))
}

pub fn verdict(ctx: &mut Ctx, claim: &str, rating: Rating, note: Option<&str>, evidence: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    let claim = claims::resolve(store.conn(), claim)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let id = store.write(&ctx.author(), |tx| tx.add_verdict(claim, rating, note, evidence))?;
    let verdict = links::verdicts_of(store.conn(), claim)?.pop().expect("just written");
    print_created(ctx, id, &format!("claim {claim} rated {rating}"), &verdict)
}
