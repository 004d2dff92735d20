//! Claims: add one with the citation where it appeared, cite it again, reword,
//! retract, list and show — each written once for every caller.

use super::Now;
use crate::error::{Error, Result};
use crate::model::{ArticleId, Attribution, CitationId, CitationKind, ClaimId, ClaimStatus, Flag};
use crate::store::claims::{self, ClaimFilter, NewCitation};
use crate::store::{Author, Store, Tx, articles, links, sources};
use crate::view::{ClaimDetail, ListedClaim};

/// Where a claim appeared and who it was attributed to, as the editor named them.
#[derive(Clone, Debug, Default)]
pub struct CitationRequest {
    /// The article (id, title or URL).
    pub article: String,
    /// The source (id, name, alias or URL).
    pub source: Option<String>,
    /// How it was attributed; derived from the source when not given.
    pub kind: Option<CitationKind>,
    /// The verbatim words; located in the article's text when the text is stored.
    pub quote: Option<String>,
    /// Where in a recording (audio, video, broadcast), in seconds: `--at 00:12:05-00:12:40`.
    pub time: Option<crate::timerange::TimeRange>,
}

/// A citation with its references resolved, its attribution checked and its quote located.
#[derive(Clone, Debug)]
pub struct ResolvedCitation {
    pub article: ArticleId,
    pub attribution: Attribution,
    pub quote: Option<String>,
    pub span: Option<(i64, i64)>,
    pub time: Option<(i64, i64)>,
}

impl ResolvedCitation {
    pub fn record(&self) -> NewCitation<'_> {
        NewCitation {
            article: self.article,
            attribution: self.attribution,
            quote: self.quote.as_deref(),
            span: self.span,
            time: self.time,
        }
    }
}

/// Finds a claim by its number (`12` or `#12`).
pub fn resolve(store: &Store, given: &str) -> Result<ClaimId> {
    claims::resolve(store.db(), given)
}

/// Finds a claim that still stands: changing a retracted claim (citing, rewording,
/// linking, rating it) is refused until it is restored.
pub fn resolve_active(store: &Store, given: &str) -> Result<ClaimId> {
    let id = resolve(store, given)?;
    let claim = claims::get(store.db(), id)?;
    if claim.status == ClaimStatus::Retracted {
        return Err(Error::invalid(format!(
            "claim {id} is retracted ({}); restore it first with `claimtrack claim restore {id}`",
            claim.retract_reason.as_deref().unwrap_or("no reason given")
        )));
    }
    Ok(id)
}

/// Resolves a citation's article and source, checks the attribution rule, and
/// finds the quote in the article's stored text (refusing a quote that is not there).
pub fn resolve_citation(store: &Store, request: &CitationRequest) -> Result<ResolvedCitation> {
    let db = store.db();
    let article = articles::resolve(db, &request.article)?;
    let source = match request.source.as_deref() {
        Some(given) => Some(sources::resolve_ref(db, given)?),
        None => None,
    };
    let kind = request.kind.unwrap_or_else(|| Attribution::implied_kind(source.as_ref().map(|s| s.kind)));
    let attribution = Attribution::new(kind, source.map(|s| s.id)).map_err(Error::Usage)?;
    let quote = request.quote.as_deref().map(str::trim).map(String::from);
    if quote.as_deref().is_some_and(str::is_empty) {
        return Err(Error::Usage("--quote is empty: give the verbatim words, or leave --quote out".into()));
    }
    let span = match (&quote, articles::text(db, article)?) {
        (Some(q), Some(text)) => Some(crate::quote::locate(&text, q).ok_or_else(|| {
            Error::invalid(format!("the --quote does not appear in article {article}'s text: {q:?}"))
        })?),
        _ => None,
    };
    let time = request.time.map(|t| (t.from, t.to));
    Ok(ResolvedCitation { article, attribution, quote, span, time })
}

/// Adds a claim, with the citation where it appeared and its due date (`YYYY-MM-DD`) when given, in one transaction.
pub fn add(
    store: &mut Store,
    author: &Author,
    text: &str,
    citation: Option<&CitationRequest>,
    due: Option<&str>,
) -> Result<ClaimId> {
    check_text(text)?;
    let cite = citation.map(|c| resolve_citation(store, c)).transpose()?;
    let due = due.map(crate::desk::parse_due).transpose().map_err(|e| Error::Usage(format!("--due: {e}")))?;
    store.write(author, |tx| {
        let id = record(tx, text, cite.as_ref())?;
        if let Some(due) = &due {
            tx.set_due(id, Some(due))?;
        }
        Ok(id)
    })
}

/// Records a claim and its citation inside the caller's transaction (the sample, batches, imports).
pub fn record(tx: &mut Tx<'_>, text: &str, citation: Option<&ResolvedCitation>) -> Result<ClaimId> {
    check_text(text)?;
    let id = tx.add_claim(text)?;
    if let Some(cite) = citation {
        tx.add_citation(id, &cite.record())?;
    }
    Ok(id)
}

fn check_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("claim text is empty"));
    }
    Ok(())
}

/// What `cite` recorded.
pub struct Cited {
    pub claim: ClaimId,
    pub citation: CitationId,
    pub article: ArticleId,
}

/// Records another place a claim appeared.
pub fn cite(store: &mut Store, author: &Author, claim: &str, request: &CitationRequest) -> Result<Cited> {
    let claim = resolve_active(store, claim)?;
    let cite = resolve_citation(store, request)?;
    let citation = store.write(author, |tx| tx.add_citation(claim, &cite.record()))?;
    Ok(Cited { claim, citation, article: cite.article })
}

/// What `edit` did: whether the wording changed at all.
pub struct Edited {
    pub claim: ClaimId,
    pub changed: bool,
}

/// Rewords a claim; the same wording again changes nothing and writes no event. The new
/// wording's numeric mismatches with its near-duplicates replace the old ones.
pub fn edit(store: &mut Store, author: &Author, claim: &str, text: &str) -> Result<Edited> {
    check_text(text)?;
    let id = resolve_active(store, claim)?;
    let changed = store.write(author, |tx| {
        let changed = tx.edit_claim(id, text)?;
        if changed {
            super::matching::record_mismatches(tx, id, text)?;
        }
        Ok(changed)
    })?;
    Ok(Edited { claim: id, changed })
}

/// Withdraws a claim logged in error; it stays in the audit trail.
pub fn retract(store: &mut Store, author: &Author, claim: &str, reason: &str) -> Result<ClaimId> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("give a --reason for the retraction"));
    }
    let id = resolve(store, claim)?;
    store.write(author, |tx| tx.retract_claim(id, reason))?;
    Ok(id)
}

/// Brings back a claim retracted in error.
pub fn restore(store: &mut Store, author: &Author, claim: &str) -> Result<ClaimId> {
    let id = resolve(store, claim)?;
    store.write(author, |tx| tx.restore_claim(id))?;
    Ok(id)
}

/// A claim with its citations, links, verdicts, independence and flags.
pub fn detail(store: &Store, now: Now, id: ClaimId) -> Result<ClaimDetail> {
    let db = store.db();
    let flagged = super::flags::for_claims(store, now, &[id], None)?;
    let (independent_sources, flags) =
        flagged.into_iter().next().map(|f| (f.independent_sources, f.flags)).unwrap_or_default();
    let claim = claims::get(db, id)?;
    let overdue_days = super::desk::clock(store, now)?.days_overdue(claim.status, claim.stage, claim.due.as_deref());
    Ok(ClaimDetail {
        claim,
        citations: claims::citations(db, id)?,
        links: links::links_of(db, id)?,
        verdicts: links::verdicts_of(db, id)?,
        independent_sources,
        flags,
        assignees: crate::store::desk::assignees_of(db, id)?,
        tags: crate::store::desk::tags_of(db, id)?,
        notes: crate::store::desk::notes_of(db, id)?,
        overdue_days,
        reviews: crate::store::interchange::reviews_of(store.db(), id)?,
    })
}

/// Which claims `claim list` wants, as the editor named them.
#[derive(Clone, Debug, Default)]
pub struct ClaimQuery {
    pub flag: Option<Flag>,
    pub article: Option<String>,
    pub source: Option<String>,
    pub include_retracted: bool,
    /// The desk's filters: stage, an assignee (by name), a tag, due on or before a date, overdue.
    pub stage: Option<crate::model::Stage>,
    pub assignee: Option<String>,
    pub tag: Option<String>,
    pub due_before: Option<String>,
    pub overdue: bool,
    /// Only claims whose words match this search (`ops::matching::search_ids`).
    pub search: Option<String>,
}

/// Claims in id order with the flags each carries.
pub fn list(store: &Store, now: Now, query: &ClaimQuery) -> Result<Vec<ListedClaim>> {
    let db = store.db();
    let filter = ClaimFilter {
        article: query.article.as_deref().map(|a| articles::resolve(db, a)).transpose()?,
        source: query.source.as_deref().map(|s| sources::resolve(db, s)).transpose()?,
        include_retracted: query.include_retracted,
    };
    let mut claims = claims::list(db, &filter)?;
    if let Some(search) = &query.search {
        let found: std::collections::HashSet<ClaimId> = super::matching::search_ids(db, search)?.into_iter().collect();
        claims.retain(|c| found.contains(&c.id));
    }
    let mut flagged: std::collections::HashMap<ClaimId, Vec<Flag>> = super::flags::all(store, now, None)?
        .into_iter()
        .map(|f| (f.claim, f.flags.into_iter().map(|h| h.flag).collect()))
        .collect();
    let clock = super::desk::clock(store, now)?;
    let (mut assignees, mut tags) = super::desk::assignees_and_tags(store)?;
    let mut notes = crate::store::desk::last_notes(db)?;
    let assignee = query.assignee.as_deref().map(crate::names::key);
    let tag = query.tag.as_deref().map(crate::desk::tag).transpose().map_err(Error::Usage)?;
    let due_before = query
        .due_before
        .as_deref()
        .map(crate::desk::parse_due)
        .transpose()
        .map_err(|e| Error::Usage(format!("--due-before: {e}")))?;
    let listed = claims.into_iter().map(|claim| {
        let flags = flagged.remove(&claim.id).unwrap_or_default();
        let overdue_days = clock.days_overdue(claim.status, claim.stage, claim.due.as_deref());
        let assignees = assignees.remove(&claim.id).unwrap_or_default();
        let tags = tags.remove(&claim.id).unwrap_or_default();
        let last_note = notes.remove(&claim.id);
        ListedClaim { claim, flags, assignees, tags, overdue_days, last_note }
    });
    Ok(listed
        .filter(|c| query.flag.is_none_or(|flag| c.flags.contains(&flag)))
        .filter(|c| query.stage.is_none_or(|stage| c.claim.stage == stage))
        .filter(|c| assignee.as_ref().is_none_or(|key| c.assignees.iter().any(|a| crate::names::key(a) == *key)))
        .filter(|c| tag.as_ref().is_none_or(|tag| c.tags.contains(tag)))
        .filter(|c| due_before.as_ref().is_none_or(|day| c.claim.due.as_ref().is_some_and(|due| due <= day)))
        .filter(|c| !query.overdue || c.overdue_days.is_some())
        .collect())
}
