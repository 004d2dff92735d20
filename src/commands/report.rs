//! `claimtrack report`: the source-attribution report for an article, a source, a period or the ledger.

use super::Ctx;
use crate::cli::{Format, ReportArgs};
use crate::error::Result;
use crate::ops::report::{self, ReportRequest};
use crate::render;

pub fn run(ctx: &mut Ctx, args: ReportArgs) -> Result<()> {
    let store = ctx.open()?;
    if let Some(counted) = crate::ops::orgs::counted(&store)? {
        eprintln!("claimtrack: note: {counted}");
    }
    let request = ReportRequest {
        article: args.article,
        source: args.source,
        since: args.since,
        until: args.until,
        limit: (args.limit > 0).then(|| usize::try_from(args.limit).unwrap_or(usize::MAX)),
        stale_days: args.stale_days,
        tag: args.tag,
    };
    let report = report::build(&store, ctx.now, &request)?;
    let text = match ctx.format {
        Format::Table => render::report_text::render(&report, ctx.out.width, ctx.out.colour),
        Format::Json => return ctx.out.json(&report),
        Format::Markdown => render::markdown::render(&report),
        Format::Csv => render::csv::render(&report),
        Format::Html => render::html::render(&report),
        Format::Dot => render::dot::render(&report),
        Format::ClaimReview | Format::ClaimReviewJsonl | Format::Jsonl => {
            return Err(crate::error::Error::Usage(
                "--format claimreview, claimreview-jsonl and jsonl are for `claimtrack export`".into(),
            ));
        }
    };
    ctx.out.text(&text)
}
