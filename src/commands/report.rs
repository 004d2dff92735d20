//! `claimtrack report`: the source-attribution report for an article, a source, a period or the ledger.

use super::Ctx;
use crate::cli::{Format, ReportArgs};
use crate::error::{Error, Result};
use crate::flags::FlagSettings;
use crate::render;
use crate::report::{self, Report, Scope};
use crate::store::ledger::{self, ClaimScope, Detail};
use crate::store::{Store, articles, sources};

pub fn run(ctx: &mut Ctx, args: ReportArgs) -> Result<()> {
    let store = ctx.open()?;
    let report = build(ctx, &store, &args)?;
    let text = match ctx.format {
        Format::Table => render::report_text::render(&report, ctx.out.width, ctx.out.colour),
        Format::Json => return ctx.out.json(&report),
        Format::Markdown => render::markdown::render(&report),
        Format::Csv => render::csv::render(&report),
        Format::Html => render::html::render(&report),
        Format::Dot => render::dot::render(&report),
    };
    ctx.out.text(&text)
}

fn build(ctx: &Ctx, store: &Store, args: &ReportArgs) -> Result<Report> {
    let conn = store.conn();
    let stale_days = match args.stale_days {
        Some(days) => days,
        None => ledger::stale_days(conn)?,
    };
    let settings = FlagSettings::new(ctx.now, stale_days);
    let generated_at = crate::date::timestamp(ctx.now);
    let limit = (args.limit > 0).then_some(args.limit);

    if let Some(given) = &args.article {
        let id = articles::resolve(conn, given)?;
        let article = articles::get(conn, id)?;
        let scope = Scope::Article {
            id,
            title: article.title,
            publisher: article.publisher.map(|p| p.name),
            published: article.published.map(|d| d.to_string()),
        };
        let graph = ledger::load_scope(conn, &ClaimScope::Article(id))?;
        return Ok(report::build(&graph, &settings, scope, generated_at, None));
    }
    if let Some(given) = &args.source {
        let id = sources::resolve(conn, given)?;
        let source = sources::get(conn, id)?;
        let scope = Scope::Source { id, name: source.name, kind: source.kind };
        let graph = ledger::load_scope(conn, &ClaimScope::Source(id))?;
        return Ok(report::build(&graph, &settings, scope, generated_at, None));
    }
    if args.since.is_some() || args.until.is_some() {
        let first_day = args.since.map_or_else(|| "0000-01-01".to_string(), |d| d.earliest_day());
        let last_day = args.until.map_or_else(|| "9999-12-31".to_string(), |d| d.latest_day());
        if first_day > last_day {
            return Err(Error::Usage(format!("--since {first_day} is after --until {last_day}")));
        }
        let scope = Scope::Period {
            since: args.since.map(|d| d.to_string()),
            until: args.until.map(|d| d.to_string()),
            first_day: first_day.clone(),
            last_day: last_day.clone(),
        };
        let graph = ledger::load_scope(conn, &ClaimScope::Published { from: first_day, to: last_day })?;
        return Ok(report::build(&graph, &settings, scope, generated_at, None));
    }

    // The whole ledger: flag and count everything from a lean graph, then
    // load the few claims the report details with their full text.
    let scope = Scope::Ledger;
    let lean = ledger::load_all(conn, Detail::Lean)?;
    let summary = report::summarise(&lean, &settings, &scope, limit);
    // The process is about to exit: handing a million small allocations back
    // one by one would cost more than the rest of the report.
    std::mem::forget(lean);
    let detailed = ledger::load_scope(conn, &ClaimScope::Ids(summary.order.clone()))?;
    let (claims, articles) = report::detail(&detailed, &settings, &scope, &summary.order);
    Ok(report::assemble(scope, generated_at, summary, claims, articles))
}
