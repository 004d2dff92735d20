//! Computed warnings on claims, each with a reason an editor can read.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::graph::{ClaimNode, Graph};
use crate::independence::{self, Evidence, Roots, Via, Voice};
use crate::model::{ArticleId, CitationKind, ClaimId, ClaimStatus, Flag, LinkTarget, Stance};

/// What flagging depends on besides the ledger.
pub struct FlagSettings {
    pub now: DateTime<Utc>,
    /// A claim with no verdict this many days after it was logged is stale.
    pub stale_days: u32,
    /// Claims logged before this timestamp are older than `stale_days` days;
    /// comparing stored timestamps as text avoids parsing a million.
    stale_threshold: String,
}

impl FlagSettings {
    pub fn new(now: DateTime<Utc>, stale_days: u32) -> FlagSettings {
        let threshold = now.checked_sub_signed(chrono::Duration::days(i64::from(stale_days)));
        // Past the start of the calendar nothing can be stale.
        let stale_threshold = threshold.map(crate::date::timestamp).unwrap_or_default();
        FlagSettings { now, stale_days, stale_threshold }
    }

    /// Logged more than `stale_days` days before now (the `claim_flags` view's rule too).
    fn is_stale(&self, created_at: &str) -> bool {
        created_at < self.stale_threshold.as_str()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct FlagHit {
    pub flag: Flag,
    pub reason: String,
}

/// The flags on one claim.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimFlags {
    pub claim: ClaimId,
    pub text: String,
    pub independent_sources: usize,
    pub flags: Vec<FlagHit>,
    /// Why the claim is overdue, when it is: shown by `flags` beside the flags, never one of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<String>,
}

/// A set of flags as bits: what `classify` decides for a claim without allocating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlagSet(u16);

impl FlagSet {
    pub fn insert(&mut self, flag: Flag) {
        self.0 |= 1 << flag as u16;
    }

    pub fn contains(self, flag: Flag) -> bool {
        self.0 & (1 << flag as u16) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flags in their canonical order.
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.iter().copied().filter(move |f| self.contains(*f))
    }
}

/// The flags on one claim and how many independent origins its evidence has.
#[derive(Clone, Copy, Debug)]
pub struct Classified {
    pub flags: FlagSet,
    pub independent: usize,
}

/// Flags for every active claim in the graph, in claim order, with reasons.
pub fn compute(graph: &Graph, settings: &FlagSettings) -> Vec<ClaimFlags> {
    let active: Vec<&ClaimNode> = graph.claims.iter().filter(|c| c.status == ClaimStatus::Active).collect();
    let classified = classify_all(graph, settings, &active);
    let mut roots = Roots::default();
    active.iter().zip(classified).map(|(claim, c)| explain(graph, &mut roots, settings, claim, c)).collect()
}

/// The flags on one claim, with reasons.
pub fn assess(graph: &Graph, roots: &mut Roots, settings: &FlagSettings, claim: &ClaimNode) -> ClaimFlags {
    let mut items = Vec::new();
    let classified = classify(graph, roots, settings, claim, &mut items);
    explain(graph, roots, settings, claim, classified)
}

/// Below this many claims one thread is faster than starting more.
const PARALLEL_FROM: usize = 20_000;

/// Classifies many claims, in order, split across the machine's cores.
pub fn classify_all(graph: &Graph, settings: &FlagSettings, claims: &[&ClaimNode]) -> Vec<Classified> {
    let run = |part: &[&ClaimNode]| {
        let mut roots = Roots::default();
        let mut items = Vec::new();
        part.iter().map(|c| classify(graph, &mut roots, settings, c, &mut items)).collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads == 1 || claims.len() < PARALLEL_FROM {
        return run(claims);
    }
    let chunk = claims.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = claims.chunks(chunk).map(|part| scope.spawn(move || run(part))).collect();
        workers.into_iter().flat_map(|w| w.join().expect("a flagging thread panicked")).collect()
    })
}

/// The rules. `items` is scratch space for the claim's evidence, reused across claims.
pub fn classify(
    graph: &Graph,
    roots: &mut Roots,
    settings: &FlagSettings,
    claim: &ClaimNode,
    items: &mut Vec<Evidence>,
) -> Classified {
    independence::evidence_into(graph, claim.id, items);
    let items = &items[..];
    let independent = independence::independent_count(graph, roots, items);
    let mut flags = FlagSet::default();
    let own = || items.iter().filter(|e| matches!(e.via, Via::Citation(_)));

    if own().all(|e| e.kind == Some(CitationKind::Unattributed)) {
        flags.insert(Flag::Unattributed);
    }
    let hedged = own().any(|e| matches!(e.kind, Some(CitationKind::Anonymous | CitationKind::Vague)));
    if hedged && !own().any(|e| e.kind == Some(CitationKind::Named)) {
        flags.insert(Flag::AnonymousOnly);
    }
    if !items.is_empty() && independent < 2 {
        flags.insert(Flag::SingleSource);
    }
    if circular(graph, roots, claim.id, items).is_some() {
        flags.insert(Flag::Circular);
    }
    if !graph.verdicts.contains_key(&claim.id) {
        // A conflict with a verdict is settled; one without is the `conflicted` flag.
        if graph.has_conflict(claim.id) {
            flags.insert(Flag::Conflicted);
        }
        if independent < 2 {
            flags.insert(Flag::Unverified);
        }
        if settings.is_stale(&claim.created_at) {
            flags.insert(Flag::Stale);
        }
        if graph.mismatches.contains_key(&claim.id) {
            flags.insert(Flag::NumericMismatch);
        }
    }
    Classified { flags, independent }
}

/// Puts a classified claim's flags into words.
pub fn explain(
    graph: &Graph,
    roots: &mut Roots,
    settings: &FlagSettings,
    claim: &ClaimNode,
    classified: Classified,
) -> ClaimFlags {
    let items = independence::evidence(graph, claim.id);
    let own: Vec<&Evidence> = items.iter().filter(|e| matches!(e.via, Via::Citation(_))).collect();
    let independent = classified.independent;
    let reason = |flag: Flag, roots: &mut Roots| -> String {
        match flag {
            Flag::Unattributed => unattributed_reason(&own),
            Flag::AnonymousOnly => {
                let list: Vec<String> = own
                    .iter()
                    .filter(|e| matches!(e.kind, Some(CitationKind::Anonymous | CitationKind::Vague)))
                    .map(|e| describe(graph, claim.id, e))
                    .collect();
                format!("only source: {}", join_and(&list))
            }
            Flag::SingleSource => single_source_reason(graph, claim.id, &items),
            Flag::Circular => match circular(graph, roots, claim.id, &items) {
                Some((origin, corroborating)) => circular_reason(graph, roots, origin, &corroborating),
                None => "every corroboration traces back to where the claim first appeared".into(),
            },
            Flag::Conflicted => format!("{} and there is no verdict", join_and(&conflicts(graph, claim.id))),
            Flag::Unverified => match independent {
                0 => "no verdict and no source recorded".to_string(),
                _ => "no verdict and only one independent source".to_string(),
            },
            Flag::Stale => match crate::date::parse_timestamp(&claim.created_at) {
                Some(logged) => format!(
                    "no verdict {} days after it was logged on {} (stale after {} days)",
                    (settings.now - logged).num_days(),
                    logged.format("%Y-%m-%d"),
                    settings.stale_days
                ),
                None => {
                    format!("no verdict, logged at {:?} (stale after {} days)", claim.created_at, settings.stale_days)
                }
            },
            Flag::NumericMismatch => numeric_reason(graph, claim.id),
        }
    };
    let flags = classified.flags.iter().map(|flag| FlagHit { flag, reason: reason(flag, roots) }).collect();
    ClaimFlags { claim: claim.id, text: claim.text.clone(), independent_sources: independent, flags, overdue: None }
}

/// `"three battalions" here, "at least four battalions" in claim 2 and …`, and no verdict.
fn numeric_reason(graph: &Graph, claim: ClaimId) -> String {
    let parts: Vec<String> = graph
        .mismatches
        .get(&claim)
        .map(|found| {
            found
                .iter()
                .map(|(other, ours, theirs)| format!("\"{ours}\" here, \"{theirs}\" in claim {other}"))
                .collect()
        })
        .unwrap_or_default();
    format!("numbers disagree: {} and there is no verdict", join_and(&parts))
}

fn quote_snippet(quote: &str) -> String {
    const WORDS: usize = 5;
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.len() <= WORDS { words.join(" ") } else { format!("{}…", words[..WORDS].join(" ")) }
}

fn quote_of(graph: &Graph, claim: ClaimId, item: &Evidence) -> Option<String> {
    let (owner, citation) = match item.via {
        Via::Citation(c) => (claim, c),
        Via::LinkedClaim(other, c) => (other, c),
        Via::LinkedArticle(_) => return None,
    };
    graph.citations.get(&owner)?.iter().find(|c| c.id == citation).and_then(|c| c.quote.as_deref()).map(quote_snippet)
}

fn publisher(graph: &Graph, article: ArticleId) -> Option<crate::model::SourceId> {
    graph.articles.get(&article).and_then(|a| a.publisher)
}

/// One piece of evidence in words: "Middle East Eye in article 1", "anonymous ("Sources indicate…") in article 1".
fn describe(graph: &Graph, claim: ClaimId, item: &Evidence) -> String {
    let article = item.article;
    let quoted = quote_of(graph, claim, item).map(|q| format!(" ({q:?})")).unwrap_or_default();
    let via_claim = match item.via {
        Via::LinkedClaim(other, _) => format!(" (via claim {other})"),
        _ => String::new(),
    };
    let text = match (item.voice, item.kind) {
        (_, None) => match publisher(graph, article) {
            Some(p) => format!("article {article} ({})", graph.source_name(p)),
            None => format!("article {article}"),
        },
        (Voice::Source(s), Some(CitationKind::Unattributed)) => {
            format!("article {article} itself ({}), with no attribution", graph.source_name(s))
        }
        (Voice::Source(s), Some(_)) if publisher(graph, article) == Some(s) => {
            format!("{} citing itself{quoted} in its own article {article}", graph.source_name(s))
        }
        (Voice::Source(s), Some(CitationKind::Named)) => format!("{} in article {article}", graph.source_name(s)),
        (Voice::Source(s), Some(kind)) => {
            format!("{} {kind}{quoted} in article {article}", graph.source_name(s))
        }
        (Voice::Unnamed(..), Some(CitationKind::Unattributed)) => {
            format!("article {article} itself, with no attribution")
        }
        (Voice::Unnamed(..), Some(kind)) => format!("{kind}{quoted} in article {article}"),
    };
    text + &via_claim
}

fn unattributed_reason(own: &[&Evidence]) -> String {
    if own.is_empty() {
        return "no citation recorded: nothing says where the claim appeared or who made it".into();
    }
    let mut articles: Vec<String> = own.iter().map(|e| e.article.to_string()).collect();
    articles.dedup();
    let noun = if articles.len() == 1 { "article" } else { "articles" };
    format!("stated as fact with no source in {noun} {}", join_and(&articles))
}

fn single_source_reason(graph: &Graph, claim: ClaimId, items: &[Evidence]) -> String {
    let first = describe(graph, claim, &items[0]);
    if items.len() == 1 {
        return format!("only source: {first}");
    }
    let mut others: Vec<String> = items[1..].iter().map(|e| format!("article {}", e.article)).collect();
    others.dedup();
    let (rest, verbs) = match items.len() - 1 {
        1 => ("the other piece of evidence".to_string(), "re-reports it or cites"),
        n => (format!("the other {n} pieces of evidence"), "re-report it or cite"),
    };
    format!("only independent source: {first}; {rest} ({}) {verbs} the same source", join_and(&others))
}

/// The claim's origin and corroborating articles when every corroboration
/// traces back to that origin; `None` when the claim is not circular.
fn circular(
    graph: &Graph,
    roots: &mut Roots,
    claim: ClaimId,
    items: &[Evidence],
) -> Option<(ArticleId, Vec<ArticleId>)> {
    let origin = independence::origin(graph, claim)?;
    let mut corroborating: Vec<ArticleId> = items.iter().map(|e| e.article).filter(|a| *a != origin).collect();
    corroborating.sort_unstable();
    corroborating.dedup();
    if corroborating.is_empty() || !corroborating.iter().all(|&a| roots.related(graph, a, origin)) {
        return None;
    }
    Some((origin, corroborating))
}

/// "corroborated only by article 7, which derives from article 2 where the claim first appeared (7 → 5 → 2)".
fn circular_reason(graph: &Graph, roots: &mut Roots, origin: ArticleId, corroborating: &[ArticleId]) -> String {
    let chain = |path: &[ArticleId]| {
        if path.len() > 2 {
            format!(" ({})", path.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(" → "))
        } else {
            String::new()
        }
    };
    let mut explain = |article: ArticleId| -> String {
        if let Some(path) = independence::derivation_path(graph, article, origin) {
            format!(
                "article {article}, which derives from article {origin} where the claim first appeared{}",
                chain(&path)
            )
        } else if let Some(path) = independence::derivation_path(graph, origin, article) {
            format!(
                "article {article}, the report that article {origin} (where the claim first appeared) itself derives from{}",
                chain(&path)
            )
        } else {
            let origin_roots = roots.of(graph, origin).to_vec();
            let shared = roots.of(graph, article).iter().find(|r| origin_roots.contains(r)).copied();
            match shared {
                Some(root) => format!(
                    "article {article}, which like article {origin} (where the claim first appeared) re-reports article {root}"
                ),
                None => format!("article {article}, which shares its origin with article {origin}"),
            }
        }
    };
    let parts: Vec<String> = corroborating.iter().map(|&a| explain(a)).collect();
    format!("corroborated only by {}", parts.join("; and by "))
}

/// The conflicting reports linked to a claim, in words.
fn conflicts(graph: &Graph, claim: ClaimId) -> Vec<String> {
    graph
        .links
        .get(&claim)
        .into_iter()
        .flatten()
        .filter(|l| l.stance == Stance::Conflicts && graph.link_counts(l, claim))
        .map(|l| match l.target {
            LinkTarget::Article(a) => format!("article {a} conflicts with it (link {})", l.id),
            LinkTarget::Claim(c) if l.claim == claim => format!("claim {c} conflicts with it (link {})", l.id),
            LinkTarget::Claim(_) => format!("claim {} conflicts with it (link {})", l.claim, l.id),
        })
        .collect()
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
