//! The report's detailed claim entries: citations, independent origins, linked
//! corroborations and conflicts, flags with reasons, and the articles involved.

use std::collections::{HashMap, HashSet};

use crate::flags::{self, FlagSettings};
use crate::graph::{ClaimNode, Graph};
use crate::independence::{self, Evidence, Roots, Via, Voice};
use crate::model::{ArticleId, CitationKind, ClaimId, LinkTarget, Stance};

use super::{
    ArticleEntry, CitationEntry, ClaimEntry, Independence, Origin, Scope, StanceEntry, display_date, is_self_citation,
};

/// The detailed entries for the given claims (which the graph must hold), in
/// that order, and the articles they involve.
pub fn detail(
    graph: &Graph,
    settings: &FlagSettings,
    scope: &Scope,
    ids: &[ClaimId],
) -> (Vec<ClaimEntry>, Vec<ArticleEntry>) {
    let mut roots = Roots::default();
    let by_id: HashMap<ClaimId, &ClaimNode> = graph.claims.iter().map(|c| (c.id, c)).collect();
    let claims: Vec<ClaimEntry> =
        ids.iter().filter_map(|id| by_id.get(id)).map(|c| claim_entry(graph, settings, &mut roots, c)).collect();
    let articles = article_entries(graph, &claims, scope);
    (claims, articles)
}

fn voice_name(graph: &Graph, item: &Evidence) -> String {
    match item.voice {
        Voice::Source(s) => graph.source_name(s),
        Voice::Unnamed(article, CitationKind::Anonymous) => format!("anonymous sources in article {article}"),
        Voice::Unnamed(article, CitationKind::Vague) => format!("vague attribution in article {article}"),
        Voice::Unnamed(article, CitationKind::Named | CitationKind::Unattributed) => format!("article {article}"),
    }
}

fn claim_entry(graph: &Graph, settings: &FlagSettings, roots: &mut Roots, claim: &ClaimNode) -> ClaimEntry {
    let assessment = flags::assess(graph, roots, settings, claim);
    let items = independence::evidence(graph, claim.id);
    let (groups, count) = independence::origin_groups(graph, roots, &items);

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
    let origin_group = independence::origin(graph, claim.id)
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
                at: None,
                medium: None,
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
        desk: Default::default(),
    }
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
