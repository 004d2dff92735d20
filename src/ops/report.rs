//! Building the source-attribution report for an article, a source, a period or the whole ledger.

use super::Now;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::report::{self, DeskEntry, Report, Scope};
use crate::store::graph::{self, ClaimScope, Detail};
use crate::store::{Store, articles, desk, sources};

/// What the report covers, as the editor asked; no scope means the whole ledger.
#[derive(Clone, Debug, Default)]
pub struct ReportRequest {
    pub article: Option<String>,
    pub source: Option<String>,
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// For the whole ledger: how many of the most urgent claims to detail (`None` for all).
    pub limit: Option<usize>,
    pub stale_days: Option<u32>,
    /// Only the claims carrying this tag.
    pub tag: Option<String>,
}

/// The report with the desk's side of each claim it shows: stage, assignees, tags, due date,
/// work log, and the verdict in force with its rationale, reviewer and evidence.
pub fn build(store: &Store, now: Now, request: &ReportRequest) -> Result<Report> {
    let mut report = build_report(store, now, request)?;
    fill_desk(store, now, &mut report)?;
    Ok(report)
}

/// Past this many claims, every assignee and tag is read in one pass rather than claim by claim.
const BULK: usize = 500;

fn fill_desk(store: &Store, now: Now, report: &mut Report) -> Result<()> {
    let db = store.db();
    let clock = super::desk::clock(store, now)?;
    let bulk = report.claims.len() > BULK;
    let (mut assignees, mut tags) = if bulk { desk::all_assignees_and_tags(db)? } else { Default::default() };
    for claim in &mut report.claims {
        let row = crate::store::claims::get(db, claim.id)?;
        // The graph knows which claims have a verdict in force; only those need reading.
        let verdict = match claim.verdict {
            Some(_) => crate::store::links::verdict_in_force(db, claim.id)?,
            None => None,
        };
        claim.desk = DeskEntry {
            stage: row.stage,
            overdue_days: clock.days_overdue(row.status, row.stage, row.due.as_deref()),
            due: row.due,
            assignees: match bulk {
                true => assignees.remove(&claim.id).unwrap_or_default(),
                false => desk::assignees_of(db, claim.id)?,
            },
            tags: match bulk {
                true => tags.remove(&claim.id).unwrap_or_default(),
                false => desk::tags_of(db, claim.id)?,
            },
            notes: desk::notes_of(db, claim.id)?,
            verdict_id: verdict.as_ref().map(|v| v.id),
            rationale: verdict.as_ref().and_then(|v| v.rationale.clone()),
            verdict_note: verdict.as_ref().and_then(|v| v.note.clone()),
            reviewer: verdict.as_ref().map(|v| v.reviewer.clone().unwrap_or_else(|| v.editor.clone())),
            verdict_at: verdict.as_ref().map(|v| v.created_at.clone()),
            evidence: verdict.map(|v| v.evidence_items).unwrap_or_default(),
        };
    }
    Ok(())
}

fn build_report(store: &Store, now: Now, request: &ReportRequest) -> Result<Report> {
    let db = store.db();
    let settings = super::flags::settings(store, now, request.stale_days)?;
    let generated_at = crate::date::timestamp(now);

    let (scope, claims) = if let Some(given) = &request.article {
        let id = articles::resolve(db, given)?;
        let article = articles::get(db, id)?;
        let scope = Scope::Article {
            id,
            title: article.title,
            publisher: article.publisher.map(|p| p.name),
            published: article.published.map(|d| d.to_string()),
        };
        (scope, ClaimScope::Article(id))
    } else if let Some(given) = &request.source {
        let id = sources::resolve(db, given)?;
        let source = sources::get(db, id)?;
        (Scope::Source { id, name: source.name, kind: source.kind }, ClaimScope::Source(id))
    } else if let Some(given) = &request.tag {
        let tag = crate::desk::tag(given).map_err(Error::Usage)?;
        let ids = desk::claims_tagged(db, &tag)?;
        if ids.is_empty() {
            return Err(Error::NotFound { what: "tag", given: tag });
        }
        (Scope::Tag { tag }, ClaimScope::Ids(ids))
    } else if request.since.is_some() || request.until.is_some() {
        let first_day = request.since.map_or_else(|| "0000-01-01".to_string(), |d| d.earliest_day());
        let last_day = request.until.map_or_else(|| "9999-12-31".to_string(), |d| d.latest_day());
        if first_day > last_day {
            return Err(Error::Usage(format!("--since {first_day} is after --until {last_day}")));
        }
        let scope = Scope::Period {
            since: request.since.map(|d| d.to_string()),
            until: request.until.map(|d| d.to_string()),
            first_day: first_day.clone(),
            last_day: last_day.clone(),
        };
        (scope, ClaimScope::Published { from: first_day, to: last_day })
    } else {
        return whole_ledger(store, &settings, generated_at, request.limit);
    };
    let graph = graph::load_scope(store.db(), &claims)?;
    let mut report = report::build(&graph, &settings, scope, generated_at, None);
    places(store.db(), &mut report)?;
    Ok(report)
}

/// The whole ledger: flag and count everything from a lean graph (no texts),
/// then load the few claims the report details with their full text.
fn whole_ledger(
    store: &Store,
    settings: &crate::flags::FlagSettings,
    generated_at: String,
    limit: Option<usize>,
) -> Result<Report> {
    let scope = Scope::Ledger;
    let lean = graph::load(store.db(), Detail::Lean)?;
    let summary = report::summarise(&lean, settings, &scope, limit);
    release(lean);
    let detailed = graph::load_scope(store.db(), &ClaimScope::Ids(summary.order.clone()))?;
    let (claims, articles) = report::detail(&detailed, settings, &scope, &summary.order);
    let mut report = report::assemble(scope, generated_at, summary, claims, articles);
    places(store.db(), &mut report)?;
    Ok(report)
}

/// Frees a large graph on another thread: handing a million small allocations
/// back one by one costs more than the rest of the report, and nothing waits
/// for it (a process that exits first simply ends the thread).
/// Should no thread be had, the graph is dropped here instead.
fn release(graph: Graph) {
    let _ = std::thread::Builder::new().name("release graph".into()).spawn(move || drop(graph));
}

/// Fills in where each shown citation sits in a recording, and its article's medium.
fn places(db: crate::store::db::Db<'_>, report: &mut Report) -> Result<()> {
    for claim in &mut report.claims {
        for citation in &mut claim.citations {
            let (time, medium) = crate::store::interchange::citation_place(db, citation.citation)?;
            citation.at = time.map(|(from, to)| crate::timerange::TimeRange { from, to }.to_string());
            citation.medium = medium;
        }
    }
    Ok(())
}
