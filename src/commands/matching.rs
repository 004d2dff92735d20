//! `claimtrack similar` and `claimtrack diff`: matches for a text, the batch pass, the index
//! rebuild, and word-level differences.

use super::Ctx;
use crate::cli::SimilarArgs;
use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::matching::{self, Other};
use crate::render;

pub fn similar(ctx: &mut Ctx, args: SimilarArgs) -> Result<()> {
    if args.reindex {
        let mut store = ctx.open_to_write()?;
        let claims = matching::reindex(&mut store, &ctx.author())?;
        if ctx.json() {
            return ctx.out.json(&serde_json::json!({ "reindexed": claims }));
        }
        return ctx.out.line(&format!("rebuilt the matching index: {claims} claims"));
    }
    if args.all {
        let since = args.since.map(|d| d.earliest_day());
        let found = if args.record {
            let mut store = ctx.open_to_write()?;
            matching::sweep(&mut store, &ctx.author(), since.as_deref(), true)?
        } else {
            // Reading never writes: a read-only ledger can still be swept.
            let mut store = ctx.open()?;
            matching::sweep(&mut store, &ctx.author(), since.as_deref(), false)?
        };
        if ctx.json() {
            return ctx.out.json(&found);
        }
        return ctx.out.text(&render::matches::sweep(&found, ctx.out.width, ctx.out.colour));
    }
    let given = args.text.ok_or_else(|| Error::Usage("give the text to match, `-` to read it, or --all".into()))?;
    let text = Inputs::default().text("the text to match", &given)?;
    let store = ctx.open()?;
    let matches = matching::similar(&store, &text, args.limit as usize)?;
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({ "matches": matches }));
    }
    ctx.out.text(&render::matches::match_table(&matches, ctx.out.width, ctx.out.colour))
}

pub fn diff(ctx: &mut Ctx, claim: &str, other: Option<String>, text: Option<String>) -> Result<()> {
    let other = match (other, text) {
        (Some(other), None) => Other::Claim(other),
        (None, Some(text)) => Other::Text(Inputs::default().text("--text", &text)?),
        _ => return Err(Error::Usage("give another claim or --text, not both".into())),
    };
    let store = ctx.open()?;
    let found = matching::difference(&store, claim, &other)?;
    if ctx.json() {
        return ctx.out.json(&found);
    }
    ctx.out.text(&render::matches::difference(&found, ctx.out.colour))
}
