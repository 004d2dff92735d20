//! The report's counts over every claim in scope: the sourcing mix, the per-source
//! records, and which claims to detail in what order (urgency for the whole ledger).

use crate::flags::{self, Classified, FlagSet, FlagSettings};
use crate::graph::{ClaimNode, Graph, IdMap, IdSet};
use crate::model::{ArticleId, CitationKind, ClaimId, ClaimStatus, Flag, Rating, SourceId, SourceKind};

use super::{Mix, Scope, SourceRecord, is_self_citation};

/// What orders the whole-ledger report: urgency, then the newest claim.
type UrgencyKey = ((u8, usize), ClaimId);

/// How urgent a flagged claim is: the worst flag first, then how many it has.
pub(crate) fn urgency(flags: FlagSet) -> (u8, usize) {
    let rank = |flag: Flag| match flag {
        Flag::Conflicted | Flag::NumericMismatch => 7,
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
    /// Active claims in scope that carry at least one flag.
    pub claims_flagged: usize,
    pub claims_retracted: usize,
}

/// Flags every claim in scope (without explaining), counts the sourcing mix
/// and the per-source records, and decides which claims to detail in what order.
pub fn summarise(graph: &Graph, settings: &FlagSettings, scope: &Scope, limit: Option<usize>) -> Summary {
    let active: Vec<&ClaimNode> = graph.claims.iter().filter(|c| c.status == ClaimStatus::Active).collect();
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
        Scope::Source { .. } | Scope::Period { .. } | Scope::Tag { .. } => {}
    }
    if let Some(n) = limit {
        order.truncate(n);
    }
    Summary {
        mix,
        sources,
        order: order.into_iter().map(|i| active[i].id).collect(),
        claims_in_scope: active.len(),
        claims_flagged: assessed.iter().filter(|a| !a.flags.is_empty()).count(),
        claims_retracted: graph.claims.len() - active.len(),
    }
}

fn sourcing_mix(graph: &Graph, scope: &Scope, active: &[&ClaimNode], assessed: &[Classified]) -> Mix {
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

fn source_records(graph: &Graph, scope: &Scope, active: &[&ClaimNode], assessed: &[Classified]) -> Vec<SourceRecord> {
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
                    contested: 0,
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
            if graph.has_conflict(claim.id) {
                record.contested += 1;
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
