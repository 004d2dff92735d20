//! `claimtrack verdict`: rate a claim with its reasons and evidence, or withdraw a verdict;
//! the newest verdict not withdrawn is the one in force.

use std::path::Path;

use super::{Ctx, print_created};
use crate::cli::{VerdictArgs, VerdictCommand};
use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::verdicts::{self, EvidenceRequest, VerdictRequest};

pub fn run(ctx: &mut Ctx, args: VerdictArgs) -> Result<()> {
    if let Some(VerdictCommand::Withdraw { verdict, reason }) = args.action {
        let mut store = ctx.open_to_write()?;
        let done = verdicts::withdraw(&mut store, &ctx.author(), &verdict, &reason)?;
        let mut what = format!("withdrew verdict {} on claim {}", done.verdict.id, done.verdict.claim_id);
        match &done.in_force {
            Some(v) => what.push_str(&format!("; in force now: verdict {} ({})", v.id, v.rating)),
            None => what.push_str("; no verdict in force now"),
        }
        if done.back_to_review {
            what.push_str("; the claim is back in-review");
        }
        return print_created(ctx, done.verdict.id, &what, &done.verdict);
    }
    let (Some(claim), Some(rating)) = (args.claim, args.rating) else {
        return Err(Error::Usage("give the claim and the rating: `claimtrack verdict CLAIM RATING`".into()));
    };
    let mut inputs = Inputs::default();
    let rationale = args.rationale.map(|r| inputs.text("--rationale", &r)).transpose()?;
    let mut evidence = Vec::new();
    for given in &args.evidence {
        let (url, rest) = fields(given);
        let url = crate::address::parse_url(url).map_err(|e| Error::Usage(format!("--evidence: {e}")))?;
        let mut item = EvidenceRequest { url: Some(url), ..EvidenceRequest::default() };
        describe(&mut item, &rest, false)?;
        evidence.push(item);
    }
    for given in &args.evidence_file {
        let (path, rest) = fields(given);
        if path.is_empty() {
            return Err(Error::Usage("--evidence-file needs a file name".into()));
        }
        let text = inputs.file("--evidence-file", Path::new(path))?;
        let name = Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
        let mut item = EvidenceRequest { saved: Some((name, text)), ..EvidenceRequest::default() };
        describe(&mut item, &rest, true)?;
        evidence.push(item);
    }
    let request =
        VerdictRequest { rating, note: args.note, rationale, reviewer: args.reviewer, evidence, publish: args.publish };
    let mut store = ctx.open_to_write()?;
    let verdict = verdicts::rate(&mut store, &ctx.author(), &claim, &request)?;
    let mut what = format!("claim {} rated {rating}", verdict.claim_id);
    if args.publish {
        what.push_str(" and published");
    }
    print_created(ctx, verdict.id, &what, &verdict)
}

/// An evidence value split at `|`: the URL or file first, then the rest, each trimmed.
fn fields(given: &str) -> (&str, Vec<String>) {
    let mut parts = given.split('|').map(str::trim);
    let first = parts.next().unwrap_or("");
    (first, parts.filter(|p| !p.is_empty()).map(String::from).collect())
}

/// The words after an evidence item's URL or file: a full date is when it was read, a URL
/// (after a file) is where it was saved from, anything else is its title.
fn describe(item: &mut EvidenceRequest, rest: &[String], after_file: bool) -> Result<()> {
    for value in rest {
        let value = value.trim();
        if after_file && item.url.is_none() && (value.starts_with("http://") || value.starts_with("https://")) {
            item.url =
                Some(crate::address::parse_url(value).map_err(|e| Error::Usage(format!("--evidence-file: {e}")))?);
        } else if item.accessed.is_none() && crate::desk::parse_due(value).is_ok() {
            item.accessed = Some(value.to_string());
        } else if item.title.is_none() {
            item.title = Some(value.to_string());
        } else {
            return Err(Error::Usage(format!(
                "evidence {:?}: one title and one accessed date at most (got {value:?} too)",
                item.url.as_deref().or(item.saved.as_ref().map(|s| s.0.as_str())).unwrap_or("")
            )));
        }
    }
    Ok(())
}
