//! The source-attribution report as data: what it covers, the shapes it is made of, and how a whole one is built.
//!
//! Built from the in-memory citation graph: `summary` counts and orders every
//! claim in scope, `claims` details the ones the report shows. Renderers in
//! `render/` turn it into a table, Markdown, JSON, CSV, HTML or Graphviz, and
//! put it into words (`render/wording.rs`).

mod claims;
mod summary;

pub use claims::detail;
pub(crate) use summary::urgency;
pub use summary::{Summary, summarise};

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::PartialDate;
use crate::flags::{FlagHit, FlagSettings};
use crate::graph::{CitationEdge, Graph};
use crate::model::{
    ArticleId, CitationKind, ClaimId, ClaimStatus, Evidence, Flag, LinkId, LinkTarget, Note, Rating, SourceId,
    SourceKind, Stage, Stance, VerdictId,
};

/// What the report covers.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Scope {
    /// The whole ledger.
    Ledger,
    /// One article, before it is published or corrected.
    Article { id: ArticleId, title: String, publisher: Option<String>, published: Option<String> },
    /// One source's track record.
    Source { id: SourceId, name: String, kind: SourceKind },
    /// Claims carrying one tag.
    Tag { tag: String },
    /// Claims cited in articles published in a period (either end may be open).
    Period {
        since: Option<String>,
        until: Option<String>,
        /// The period as days, `YYYY-MM-DD`, inclusive.
        #[serde(skip)]
        first_day: String,
        #[serde(skip)]
        last_day: String,
    },
}

impl Scope {
    /// The claims whose citations count towards the sourcing mix.
    fn counts(&self, graph: &Graph, cite: &CitationEdge) -> bool {
        match self {
            Scope::Article { id, .. } => cite.article == *id,
            Scope::Source { id, .. } => cite.source == Some(*id),
            Scope::Ledger | Scope::Tag { .. } => true,
            Scope::Period { first_day, last_day, .. } => {
                let Some(date) = graph.articles.get(&cite.article).and_then(|a| a.published.as_deref()) else {
                    return false;
                };
                let Ok(date) = PartialDate::parse(date) else { return false };
                date.latest_day() >= *first_day && date.earliest_day() <= *last_day
            }
        }
    }
}

/// How the statements in scope are sourced.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Mix {
    pub statements: usize,
    pub named: usize,
    pub anonymous: usize,
    pub vague: usize,
    pub unattributed: usize,
    /// Statements attributed to the very outlet that published them.
    pub self_citations: usize,
    /// How many statements carry each flag.
    pub flags: BTreeMap<Flag, usize>,
}

/// One place a claim appeared.
#[derive(Clone, Debug, Serialize)]
pub struct CitationEntry {
    pub citation: i64,
    pub article: ArticleId,
    pub article_title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub source_id: Option<SourceId>,
    pub source: Option<String>,
    pub source_kind: Option<SourceKind>,
    pub kind: CitationKind,
    /// Attributed to the outlet that published it ("As reported by Maghrebi" in Maghrebi).
    pub self_citation: bool,
    pub quote: Option<String>,
    /// Where in a recording (`00:12:05-00:12:40`), for a citation of audio or video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The citing article's medium, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium: Option<crate::model::Medium>,
}

/// One independent origin: the group of evidence that traces back to one place or voice.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    /// Who the group's earliest evidence speaks for.
    pub voice: String,
    /// The article it first appeared in, and when.
    pub article: ArticleId,
    pub published: Option<String>,
    /// Every article whose evidence falls in this group.
    pub articles: Vec<ArticleId>,
}

/// How independent a claim's evidence is.
#[derive(Clone, Debug, Serialize)]
pub struct Independence {
    pub articles: usize,
    pub independent_origins: usize,
    pub origins: Vec<Origin>,
}

/// A corroborating or conflicting report linked to a claim.
#[derive(Clone, Debug, Serialize)]
pub struct StanceEntry {
    pub link: LinkId,
    pub stance: Stance,
    pub target: LinkTarget,
    /// The other claim's text or the article's title.
    pub label: String,
    /// For corroborations: whether it is independent of the claim's own origin.
    pub independent: Option<bool>,
}

/// One claim in the report.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimEntry {
    pub id: ClaimId,
    pub text: String,
    pub status: ClaimStatus,
    pub citations: Vec<CitationEntry>,
    pub independence: Independence,
    pub corroborations: Vec<StanceEntry>,
    pub conflicts: Vec<StanceEntry>,
    pub flags: Vec<FlagHit>,
    pub verdict: Option<Rating>,
    /// The desk's side: stage, assignees, tags, due date, work log, and the verdict's reasons.
    #[serde(flatten)]
    pub desk: DeskEntry,
}

/// What the desk knows about a claim in the report, beside what the citation graph gives:
/// its stage, who is on it, tags, due date and work log, and the verdict in force with its
/// rationale, reviewer and evidence (`verdict` above stays the rating's word).
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeskEntry {
    pub stage: Stage,
    pub due: Option<String>,
    /// Days past the due date, judged in the desk's time zone; none when not overdue.
    pub overdue_days: Option<i64>,
    pub assignees: Vec<String>,
    pub tags: Vec<String>,
    pub notes: Vec<Note>,
    pub verdict_id: Option<VerdictId>,
    pub rationale: Option<String>,
    /// The verdict's one-line note.
    pub verdict_note: Option<String>,
    /// Who reviewed it (or, for an older verdict, who recorded it).
    pub reviewer: Option<String>,
    pub verdict_at: Option<String>,
    pub evidence: Vec<Evidence>,
}

impl DeskEntry {
    /// "in-review · amina, musa · due 2025-10-01 (3 days overdue) · #sahel"
    pub fn line(&self) -> String {
        let mut parts = vec![self.stage.to_string()];
        if !self.assignees.is_empty() {
            parts.push(self.assignees.join(", "));
        }
        if let Some(due) = &self.due {
            parts.push(match self.overdue_days {
                Some(days) => format!("due {due} ({days} {} overdue)", if days == 1 { "day" } else { "days" }),
                None => format!("due {due}"),
            });
        }
        if !self.tags.is_empty() {
            parts.push(self.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
        }
        parts.join(" · ")
    }

    /// Whether the verdict in force has reasons to show (rationale, note or evidence).
    pub fn has_reasons(&self) -> bool {
        self.rationale.is_some() || self.verdict_note.is_some() || !self.evidence.is_empty()
    }
}

/// How reports describe one piece of evidence: "Title — URL (accessed 2025-09-30; saved copy SHA-256 ab12…)".
pub fn describe_evidence(item: &Evidence) -> String {
    let mut text = match (&item.title, &item.url) {
        (Some(title), Some(url)) => format!("{title} — {url}"),
        (None, Some(url)) => url.clone(),
        (Some(title), None) => title.clone(),
        (None, None) => item.saved_name.clone().unwrap_or_else(|| "saved copy".into()),
    };
    let mut extra = Vec::new();
    if let Some(day) = &item.accessed {
        extra.push(format!("accessed {day}"));
    }
    if let Some(sha) = &item.saved_sha256 {
        let name = item.saved_name.as_deref().unwrap_or("saved copy");
        extra.push(format!("{name}, SHA-256 {}", &sha[..sha.len().min(12)]));
    }
    if !extra.is_empty() {
        text.push_str(&format!(" ({})", extra.join("; ")));
    }
    text
}

impl ClaimEntry {
    /// The citations that belong to the report's scope, or all of them.
    pub fn attribution_in(&self, scope: &Scope) -> Vec<&CitationEntry> {
        let chosen: Vec<&CitationEntry> = match scope {
            Scope::Article { id, .. } => self.citations.iter().filter(|c| c.article == *id).collect(),
            Scope::Source { id, .. } => self.citations.iter().filter(|c| c.source_id == Some(*id)).collect(),
            _ => Vec::new(),
        };
        if chosen.is_empty() { self.citations.iter().collect() } else { chosen }
    }
}

/// One source's record within the report's scope.
#[derive(Clone, Debug, Serialize)]
pub struct SourceRecord {
    pub id: SourceId,
    pub name: String,
    pub kind: SourceKind,
    pub claims: usize,
    pub citations: usize,
    pub named: usize,
    pub anonymous: usize,
    pub vague: usize,
    /// Claims it is cited for that have at least two independent origins.
    pub independently_corroborated: usize,
    pub single_source: usize,
    /// Claims it is cited for that have a conflicting report linked, whatever
    /// their verdict (unlike the `conflicted` flag, which a verdict settles).
    pub contested: usize,
    /// Latest verdict true or mostly-true.
    pub rated_true: usize,
    /// Latest verdict false or mostly-false.
    pub rated_false: usize,
    /// Latest verdict mixed, unproven or misattributed.
    pub rated_other: usize,
    pub articles: Vec<ArticleId>,
}

impl SourceRecord {
    pub fn counts(&self) -> [usize; 9] {
        [
            self.claims,
            self.named,
            self.anonymous,
            self.vague,
            self.independently_corroborated,
            self.single_source,
            self.contested,
            self.rated_true,
            self.rated_false,
        ]
    }
}

/// An article that appears in the report (cited, linked, or re-reported).
#[derive(Clone, Debug, Serialize)]
pub struct ArticleEntry {
    pub id: ArticleId,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub derived_from: Vec<ArticleId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub scope: Scope,
    pub generated_at: String,
    pub mix: Mix,
    /// Claims in scope; for the whole ledger, the most urgent first, up to the limit.
    pub claims: Vec<ClaimEntry>,
    /// How many claims the scope holds (more than `claims.len()` when limited).
    pub claims_in_scope: usize,
    /// Of those, how many carry at least one flag.
    pub claims_flagged: usize,
    /// Retracted claims in scope: left out of the report and its counts.
    pub claims_retracted: usize,
    pub sources: Vec<SourceRecord>,
    pub articles: Vec<ArticleEntry>,
}

pub(crate) fn display_date(iso: &Option<String>) -> Option<String> {
    iso.as_deref().and_then(|d| PartialDate::parse(d).ok()).map(|d| d.to_string())
}

/// A whole report from one graph that holds everything in scope.
pub fn build(
    graph: &Graph,
    settings: &FlagSettings,
    scope: Scope,
    generated_at: String,
    limit: Option<usize>,
) -> Report {
    let summary = summarise(graph, settings, &scope, limit);
    let (claims, articles) = detail(graph, settings, &scope, &summary.order);
    assemble(scope, generated_at, summary, claims, articles)
}

pub fn assemble(
    scope: Scope,
    generated_at: String,
    summary: Summary,
    claims: Vec<ClaimEntry>,
    articles: Vec<ArticleEntry>,
) -> Report {
    Report {
        scope,
        generated_at,
        mix: summary.mix,
        claims,
        claims_in_scope: summary.claims_in_scope,
        claims_flagged: summary.claims_flagged,
        claims_retracted: summary.claims_retracted,
        sources: summary.sources,
        articles,
    }
}

/// Attributed to the very outlet that published it ("As reported by Maghrebi" in Maghrebi).
pub(crate) fn is_self_citation(graph: &Graph, cite: &CitationEdge) -> bool {
    cite.kind != CitationKind::Unattributed
        && cite.source.is_some()
        && graph.articles.get(&cite.article).and_then(|a| a.publisher) == cite.source
}
