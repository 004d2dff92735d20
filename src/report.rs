//! The source-attribution report: who said what, how independent it is, how well sourced — as data.
//!
//! Built from the in-memory citation graph; renderers in `render/` turn it
//! into a table, Markdown, JSON, CSV, HTML or Graphviz.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::date::PartialDate;
use crate::evidence::{self, Evidence, Graph, IdMap, IdSet, Roots, Via, Voice};
use crate::flags::{self, Classified, FlagHit, FlagSet, FlagSettings};
use crate::model::{
    ArticleId, CitationKind, ClaimId, ClaimStatus, Flag, LinkId, LinkTarget, Rating, SourceId, SourceKind, Stance,
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
    fn counts(&self, graph: &Graph, cite: &evidence::CitationEdge) -> bool {
        match self {
            Scope::Article { id, .. } => cite.article == *id,
            Scope::Source { id, .. } => cite.source == Some(*id),
            Scope::Ledger => true,
            Scope::Period { first_day, last_day, .. } => {
                let Some(date) = graph.articles.get(&cite.article).and_then(|a| a.published.as_deref()) else {
                    return false;
                };
                let Ok(date) = PartialDate::parse(date) else { return false };
                date.latest_day() >= *first_day && date.earliest_day() <= *last_day
            }
        }
    }

    /// A one-line title.
    pub fn title(&self) -> String {
        match self {
            Scope::Ledger => "the whole ledger".to_string(),
            Scope::Article { id, title, publisher, published } => {
                let details: Vec<&str> = [publisher.as_deref(), published.as_deref()].into_iter().flatten().collect();
                let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
                format!("article {id}: \u{201c}{title}\u{201d}{details}")
            }
            Scope::Source { id, name, kind } => format!("source {id}: {name} ({kind})"),
            Scope::Period { since, until, .. } => match (since, until) {
                (Some(s), Some(u)) => format!("articles published {s} to {u}"),
                (Some(s), None) => format!("articles published since {s}"),
                (None, Some(u)) => format!("articles published until {u}"),
                (None, None) => "every dated article".to_string(),
            },
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

impl Mix {
    /// "14 statements: 5 named, 1 anonymous, 1 vague, 7 unattributed; 14 single-source; 1 self-citation".
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") };
        format!(
            "{}: {} named, {} anonymous, {} vague, {} unattributed; {} single-source; {}",
            plural(self.statements, "statement", "statements"),
            self.named,
            self.anonymous,
            self.vague,
            self.unattributed,
            self.flags.get(&Flag::SingleSource).copied().unwrap_or(0),
            plural(self.self_citations, "self-citation", "self-citations"),
        )
    }

    /// "14 single-source, 14 unverified, 7 unattributed, …" in flag order.
    pub fn flag_line(&self) -> String {
        let parts: Vec<String> = self.flags.iter().map(|(flag, n)| format!("{n} {flag}")).collect();
        if parts.is_empty() { "no flags".to_string() } else { parts.join(", ") }
    }
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
}

impl CitationEntry {
    /// "Middle East Eye", "anonymous sources", "reportedly (vague)", "no source".
    pub fn attribution(&self) -> String {
        match (&self.source, self.kind) {
            (Some(name), CitationKind::Named) if self.self_citation => format!("{name} (itself)"),
            (Some(name), CitationKind::Named) => name.clone(),
            (Some(name), kind) => format!("{name} ({kind})"),
            (None, CitationKind::Anonymous) => "anonymous sources".to_string(),
            (None, CitationKind::Vague) => "vague (no source)".to_string(),
            (None, _) => "no source".to_string(),
        }
    }
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

impl Origin {
    pub fn label(&self) -> String {
        match &self.published {
            Some(date) => format!("{}, {date}", self.voice),
            None => format!("{}, article {}", self.voice, self.article),
        }
    }
}

/// How independent a claim's evidence is.
#[derive(Clone, Debug, Serialize)]
pub struct Independence {
    pub articles: usize,
    pub independent_origins: usize,
    pub origins: Vec<Origin>,
}

impl Independence {
    /// "5 articles, 1 independent origin (Middle East Eye, 22 September 2025)".
    pub fn summary(&self) -> String {
        let articles = if self.articles == 1 { "1 article".to_string() } else { format!("{} articles", self.articles) };
        let origins = match self.independent_origins {
            0 => return "no evidence recorded".to_string(),
            1 => "1 independent origin".to_string(),
            n => format!("{n} independent origins"),
        };
        let labels: Vec<String> = self.origins.iter().map(Origin::label).collect();
        format!("{articles}, {origins} ({})", labels.join("; "))
    }
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

impl StanceEntry {
    /// "corroborated by article 2 “Turkish trainers bound for Niamey” (link 1, independent)".
    pub fn describe(&self) -> String {
        let target = match self.target {
            LinkTarget::Claim(c) => format!("claim {c}"),
            LinkTarget::Article(a) => format!("article {a}"),
        };
        let independence = match self.independent {
            Some(true) => ", independent",
            Some(false) => ", same origin",
            None => "",
        };
        format!("{} {target} \u{201c}{}\u{201d} (link {}{independence})", self.stance.phrase(), self.label, self.link)
    }
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
    /// Claims it is cited for that have a conflicting report linked.
    pub conflicted: usize,
    /// Latest verdict true or mostly-true.
    pub rated_true: usize,
    /// Latest verdict false or mostly-false.
    pub rated_false: usize,
    /// Latest verdict mixed, unproven or misattributed.
    pub rated_other: usize,
    pub articles: Vec<ArticleId>,
}

/// The headings of a source record's counts, in the order [`SourceRecord::counts`] gives them.
pub const SOURCE_COUNT_HEADINGS: [&str; 9] = [
    "claims",
    "named",
    "anonymous",
    "vague",
    "independently corroborated",
    "single-source",
    "conflicted",
    "rated true",
    "rated false",
];

impl SourceRecord {
    pub fn counts(&self) -> [usize; 9] {
        [
            self.claims,
            self.named,
            self.anonymous,
            self.vague,
            self.independently_corroborated,
            self.single_source,
            self.conflicted,
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

impl Report {
    /// "2 retracted claims are left out", when any are.
    pub fn retracted_note(&self) -> Option<String> {
        match self.claims_retracted {
            0 => None,
            1 => Some("1 retracted claim is left out".into()),
            n => Some(format!("{n} retracted claims are left out")),
        }
    }
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
    /// Retracted claims in scope: left out of the report and its counts.
    pub claims_retracted: usize,
    pub sources: Vec<SourceRecord>,
    pub articles: Vec<ArticleEntry>,
}

fn display_date(iso: &Option<String>) -> Option<String> {
    iso.as_deref().and_then(|d| PartialDate::parse(d).ok()).map(|d| d.to_string())
}

/// What orders the whole-ledger report: urgency, then the newest claim.
type UrgencyKey = ((u8, usize), ClaimId);

/// How urgent a flagged claim is: the worst flag first, then how many it has.
fn urgency(flags: FlagSet) -> (u8, usize) {
    let rank = |flag: Flag| match flag {
        Flag::Conflicted => 7,
        Flag::Circular => 6,
        Flag::AnonymousOnly => 5,
        Flag::Unattributed => 4,
        Flag::SingleSource => 3,
        Flag::Unverified => 2,
        Flag::Stale => 1,
    };
    (flags.iter().map(rank).max().unwrap_or(0), flags.iter().count())
}

/// Attribution kinds from strongest to weakest: a statement counts under its strongest.
const KIND_STRENGTH: [CitationKind; 4] =
    [CitationKind::Named, CitationKind::Anonymous, CitationKind::Vague, CitationKind::Unattributed];

/// The parts of a report computed over every claim in scope.
pub struct Summary {
    pub mix: Mix,
    pub sources: Vec<SourceRecord>,
    /// The claims to detail, in report order (for the whole ledger: flagged claims, most urgent first).
    pub order: Vec<ClaimId>,
    pub claims_in_scope: usize,
    pub claims_retracted: usize,
}

/// Flags every claim in scope (without explaining), counts the sourcing mix
/// and the per-source records, and decides which claims to detail in what order.
pub fn summarise(graph: &Graph, settings: &FlagSettings, scope: &Scope, limit: Option<usize>) -> Summary {
    let active: Vec<&evidence::ClaimNode> = graph.claims.iter().filter(|c| c.status == ClaimStatus::Active).collect();
    let assessed: Vec<Classified> = flags::classify_all(graph, settings, &active);
    // The mix and the per-source records read the same graph independently: one thread each.
    let (mix, sources) = std::thread::scope(|threads| {
        let sources = threads.spawn(|| source_records(graph, scope, &active, &assessed));
        let mix = sourcing_mix(graph, scope, &active, &assessed);
        (mix, sources.join().expect("the source records thread panicked"))
    });

    let mut order: Vec<usize> = (0..active.len()).collect();
    match scope {
        Scope::Ledger => {
            // Most urgent first, newest first among equals; only the top `limit` need sorting.
            let mut keyed: Vec<(std::cmp::Reverse<UrgencyKey>, usize)> = order
                .into_iter()
                .filter(|&i| !assessed[i].flags.is_empty())
                .map(|i| (std::cmp::Reverse((urgency(assessed[i].flags), active[i].id)), i))
                .collect();
            if let Some(n) = limit.filter(|&n| n > 0 && n < keyed.len()) {
                keyed.select_nth_unstable(n - 1);
                keyed.truncate(n);
            }
            keyed.sort_unstable();
            order = keyed.into_iter().map(|(_, i)| i).collect();
        }
        Scope::Article { id, .. } => {
            // In the order they were cited in the article.
            let first_citation = |i: usize| -> i64 {
                let cites = graph.citations.get(&active[i].id).into_iter().flatten();
                cites.filter(|c| c.article == *id).map(|c| c.id.0).min().unwrap_or(i64::MAX)
            };
            order.sort_by_cached_key(|&i| first_citation(i));
        }
        Scope::Source { .. } | Scope::Period { .. } => {}
    }
    if let Some(n) = limit {
        order.truncate(n);
    }
    Summary {
        mix,
        sources,
        order: order.into_iter().map(|i| active[i].id).collect(),
        claims_in_scope: active.len(),
        claims_retracted: graph.claims.len() - active.len(),
    }
}

fn sourcing_mix(graph: &Graph, scope: &Scope, active: &[&evidence::ClaimNode], assessed: &[Classified]) -> Mix {
    let mut mix = Mix { statements: active.len(), ..Mix::default() };
    let mut flag_counts = [0_usize; Flag::ALL.len()];
    for (claim, assessment) in active.iter().zip(assessed) {
        for flag in assessment.flags.iter() {
            flag_counts[flag as usize] += 1;
        }
        let in_scope = || graph.citations.get(&claim.id).into_iter().flatten().filter(|c| scope.counts(graph, c));
        // The strongest attribution the statement has in scope.
        let strongest = in_scope().map(|c| c.kind).min_by_key(|k| KIND_STRENGTH.iter().position(|s| s == k));
        match strongest.unwrap_or(CitationKind::Unattributed) {
            CitationKind::Named => mix.named += 1,
            CitationKind::Anonymous => mix.anonymous += 1,
            CitationKind::Vague => mix.vague += 1,
            CitationKind::Unattributed => mix.unattributed += 1,
        }
        if in_scope().any(|c| is_self_citation(graph, c)) {
            mix.self_citations += 1;
        }
    }
    mix.flags = Flag::ALL.iter().zip(flag_counts).filter(|(_, n)| *n > 0).map(|(f, n)| (*f, n)).collect();
    mix
}

/// The detailed entries for the given claims (which the graph must hold), in
/// that order, and the articles they involve.
pub fn detail(
    graph: &Graph,
    settings: &FlagSettings,
    scope: &Scope,
    ids: &[ClaimId],
) -> (Vec<ClaimEntry>, Vec<ArticleEntry>) {
    let mut roots = Roots::default();
    let by_id: HashMap<ClaimId, &evidence::ClaimNode> = graph.claims.iter().map(|c| (c.id, c)).collect();
    let claims: Vec<ClaimEntry> =
        ids.iter().filter_map(|id| by_id.get(id)).map(|c| claim_entry(graph, settings, &mut roots, c)).collect();
    let articles = article_entries(graph, &claims, scope);
    (claims, articles)
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
        claims_retracted: summary.claims_retracted,
        sources: summary.sources,
        articles,
    }
}

fn is_self_citation(graph: &Graph, cite: &evidence::CitationEdge) -> bool {
    cite.kind != CitationKind::Unattributed
        && cite.source.is_some()
        && graph.articles.get(&cite.article).and_then(|a| a.publisher) == cite.source
}

fn voice_name(graph: &Graph, item: &Evidence) -> String {
    match item.voice {
        Voice::Source(s) => graph.source_name(s),
        Voice::Unnamed(article, "anonymous") => format!("anonymous sources in article {article}"),
        Voice::Unnamed(article, "vague") => format!("vague attribution in article {article}"),
        Voice::Unnamed(article, _) => format!("article {article}"),
    }
}

fn claim_entry(graph: &Graph, settings: &FlagSettings, roots: &mut Roots, claim: &evidence::ClaimNode) -> ClaimEntry {
    let assessment = flags::assess(graph, roots, settings, claim);
    let items = evidence::evidence(graph, claim.id);
    let (groups, count) = evidence::origin_groups(graph, roots, &items);

    let published = |a: ArticleId| graph.articles.get(&a).and_then(|n| n.published.clone());
    let earliest = |members: &[usize]| -> usize {
        *members
            .iter()
            .min_by_key(|&&i| (published(items[i].article).is_none(), published(items[i].article), items[i].article))
            .unwrap()
    };
    let mut origins = Vec::new();
    for g in 0..count {
        let members: Vec<usize> = (0..items.len()).filter(|&i| groups[i] == g).collect();
        let first = earliest(&members);
        let root = roots.of(graph, items[first].article).first().copied().unwrap_or(items[first].article);
        let mut articles: Vec<ArticleId> = members.iter().map(|&i| items[i].article).collect();
        articles.sort_unstable();
        articles.dedup();
        origins.push(Origin {
            voice: voice_name(graph, &items[first]),
            article: root,
            published: display_date(&published(root)).or_else(|| display_date(&published(items[first].article))),
            articles,
        });
    }
    let mut all_articles: Vec<ArticleId> = items.iter().map(|e| e.article).collect();
    all_articles.sort_unstable();
    all_articles.dedup();

    // The group the claim's own first appearance belongs to.
    let origin_group = evidence::origin(graph, claim.id)
        .and_then(|o| items.iter().position(|e| e.article == o && matches!(e.via, Via::Citation(_))))
        .map(|i| groups[i]);
    let mut corroborations = Vec::new();
    let mut conflicts = Vec::new();
    for link in graph.links.get(&claim.id).into_iter().flatten().filter(|l| graph.link_counts(l, claim.id)) {
        let target = match link.target {
            LinkTarget::Claim(other) if other == claim.id => LinkTarget::Claim(link.claim),
            t => t,
        };
        let label = match target {
            LinkTarget::Claim(c) => graph
                .linked_texts
                .get(&c)
                .cloned()
                .or_else(|| graph.claims.iter().find(|n| n.id == c).map(|n| n.text.clone()))
                .unwrap_or_else(|| format!("claim {c}")),
            LinkTarget::Article(a) => {
                graph.articles.get(&a).map_or_else(|| format!("article {a}"), |n| n.title.clone())
            }
        };
        let independent = (link.stance != Stance::Conflicts).then(|| {
            let mine: HashSet<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, e)| match (e.via, target) {
                    (Via::LinkedArticle(l), _) => l == link.id,
                    (Via::LinkedClaim(other, _), LinkTarget::Claim(c)) => other == c,
                    _ => false,
                })
                .map(|(i, _)| groups[i])
                .collect();
            !mine.is_empty() && origin_group.is_some_and(|g| !mine.contains(&g))
        });
        let entry = StanceEntry { link: link.id, stance: link.stance, target, label, independent };
        if link.stance == Stance::Conflicts { conflicts.push(entry) } else { corroborations.push(entry) }
    }

    let citations = graph
        .citations
        .get(&claim.id)
        .into_iter()
        .flatten()
        .map(|c| {
            let article = graph.articles.get(&c.article);
            CitationEntry {
                citation: c.id.0,
                article: c.article,
                article_title: article.map(|a| a.title.clone()).unwrap_or_default(),
                publisher: article.and_then(|a| a.publisher).map(|p| graph.source_name(p)),
                published: article.and_then(|a| display_date(&a.published)),
                source_id: c.source,
                source: c.source.map(|s| graph.source_name(s)),
                source_kind: c.source.and_then(|s| graph.sources.get(&s)).map(|s| s.kind),
                kind: c.kind,
                self_citation: is_self_citation(graph, c),
                quote: c.quote.clone(),
            }
        })
        .collect();
    ClaimEntry {
        id: claim.id,
        text: claim.text.clone(),
        status: claim.status,
        citations,
        independence: Independence { articles: all_articles.len(), independent_origins: count, origins },
        corroborations,
        conflicts,
        flags: assessment.flags,
        verdict: graph.verdicts.get(&claim.id).copied(),
    }
}

fn source_records(
    graph: &Graph,
    scope: &Scope,
    active: &[&evidence::ClaimNode],
    assessed: &[Classified],
) -> Vec<SourceRecord> {
    let mut records: IdMap<SourceId, SourceRecord> = IdMap::default();
    let mut articles: IdMap<SourceId, IdSet<ArticleId>> = IdMap::default();
    let mut counted: Vec<SourceId> = Vec::new();
    for (claim, assessment) in active.iter().zip(assessed) {
        counted.clear();
        for cite in graph.citations.get(&claim.id).into_iter().flatten() {
            let Some(source) = cite.source else { continue };
            if let Scope::Source { id, .. } = scope
                && *id != source
            {
                continue;
            }
            if !scope.counts(graph, cite) {
                continue;
            }
            let record = records.entry(source).or_insert_with(|| {
                let s = graph.sources.get(&source);
                SourceRecord {
                    id: source,
                    name: s.map_or_else(|| format!("source #{source}"), |s| s.name.clone()),
                    kind: s.map_or(SourceKind::Organization, |s| s.kind),
                    claims: 0,
                    citations: 0,
                    named: 0,
                    anonymous: 0,
                    vague: 0,
                    independently_corroborated: 0,
                    single_source: 0,
                    conflicted: 0,
                    rated_true: 0,
                    rated_false: 0,
                    rated_other: 0,
                    articles: Vec::new(),
                }
            });
            record.citations += 1;
            match cite.kind {
                CitationKind::Named => record.named += 1,
                CitationKind::Anonymous => record.anonymous += 1,
                CitationKind::Vague => record.vague += 1,
                CitationKind::Unattributed => {}
            }
            articles.entry(source).or_default().insert(cite.article);
            if counted.contains(&source) {
                continue;
            }
            counted.push(source);
            record.claims += 1;
            if assessment.independent >= 2 {
                record.independently_corroborated += 1;
            }
            if assessment.flags.contains(Flag::SingleSource) {
                record.single_source += 1;
            }
            if graph
                .links
                .get(&claim.id)
                .is_some_and(|ls| ls.iter().any(|l| l.stance == Stance::Conflicts && graph.link_counts(l, claim.id)))
            {
                record.conflicted += 1;
            }
            match graph.verdicts.get(&claim.id) {
                Some(Rating::True | Rating::MostlyTrue) => record.rated_true += 1,
                Some(Rating::False | Rating::MostlyFalse) => record.rated_false += 1,
                Some(_) => record.rated_other += 1,
                None => {}
            }
        }
    }
    let mut list: Vec<SourceRecord> = records
        .into_values()
        .map(|mut r| {
            let mut a: Vec<ArticleId> = articles.remove(&r.id).unwrap_or_default().into_iter().collect();
            a.sort_unstable();
            r.articles = a;
            r
        })
        .collect();
    list.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
    list
}

fn article_entries(graph: &Graph, claims: &[ClaimEntry], scope: &Scope) -> Vec<ArticleEntry> {
    let mut wanted: HashSet<ArticleId> = HashSet::new();
    for claim in claims {
        wanted.extend(claim.citations.iter().map(|c| c.article));
        for s in claim.corroborations.iter().chain(&claim.conflicts) {
            if let LinkTarget::Article(a) = s.target {
                wanted.insert(a);
            }
        }
        for o in &claim.independence.origins {
            wanted.insert(o.article);
            wanted.extend(&o.articles);
        }
    }
    if let Scope::Article { id, .. } = scope {
        wanted.insert(*id);
    }
    // Close over derived_from so every re-report chain is complete.
    let mut stack: Vec<ArticleId> = wanted.iter().copied().collect();
    while let Some(a) = stack.pop() {
        for &p in graph.articles.get(&a).map_or(&[][..], |n| &n.parents[..]) {
            if wanted.insert(p) {
                stack.push(p);
            }
        }
    }
    let mut list: Vec<ArticleEntry> = wanted
        .into_iter()
        .filter_map(|id| graph.articles.get(&id))
        .map(|a| ArticleEntry {
            id: a.id,
            title: a.title.clone(),
            publisher: a.publisher.map(|p| graph.source_name(p)),
            published: display_date(&a.published),
            derived_from: {
                let mut p = a.parents.clone();
                p.sort_unstable();
                p
            },
        })
        .collect();
    list.sort_by_key(|a| a.id);
    list
}
