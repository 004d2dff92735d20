//! The independence rules that flags and reports share: what evidence backs a claim,
//! who vouches for each piece, and how many independent origins it has.
//!
//! Two pieces of evidence for a claim depend on each other when they share a
//! source, or when their articles share a root: one re-reports the other
//! (following `derived_from` transitively) or both re-report a common origin.
//! Dependence is transitive; the groups it forms are the claim's independent
//! origins. Five outlets re-reporting one wire story are one origin, not five.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::graph::{CitationEdge, Graph, IdMap};
use crate::model::{ArticleId, CitationId, CitationKind, ClaimId, LinkId, LinkTarget, SourceId, Stance};

/// Who vouches for a piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Voice {
    /// A recorded source: the attributed one, or the publisher speaking for itself.
    Source(SourceId),
    /// An unnamed voice in one article: "sources indicate" (anonymous), "reportedly"
    /// (vague), or the article itself when its publisher is unknown (unattributed).
    Unnamed(ArticleId, CitationKind),
}

/// How a piece of evidence reached the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// One of the claim's own citations.
    Citation(CitationId),
    /// An article linked as corroborating the claim.
    LinkedArticle(LinkId),
    /// A citation of a claim linked as corroborating or duplicating this one.
    LinkedClaim(ClaimId, CitationId),
}

/// One piece of evidence behind a claim.
#[derive(Clone, Copy, Debug)]
pub struct Evidence {
    pub via: Via,
    pub article: ArticleId,
    pub voice: Voice,
    pub kind: Option<CitationKind>,
}

fn citation_voice(graph: &Graph, cite: &CitationEdge) -> Voice {
    match (cite.source, cite.kind) {
        (Some(source), _) => Voice::Source(source),
        (None, kind) => {
            let publisher = graph.articles.get(&cite.article).and_then(|a| a.publisher);
            match (kind, publisher) {
                (CitationKind::Unattributed, Some(p)) => Voice::Source(p),
                _ => Voice::Unnamed(cite.article, kind),
            }
        }
    }
}

/// Everything that backs a claim: its own citations, corroborating articles,
/// and the citations of claims linked as corroborating or duplicating it.
pub fn evidence(graph: &Graph, claim: ClaimId) -> Vec<Evidence> {
    let mut out = Vec::new();
    evidence_into(graph, claim, &mut out);
    out
}

/// [`evidence`] into a buffer the caller reuses (cleared first).
pub fn evidence_into(graph: &Graph, claim: ClaimId, out: &mut Vec<Evidence>) {
    out.clear();
    for cite in graph.citations.get(&claim).into_iter().flatten() {
        out.push(Evidence {
            via: Via::Citation(cite.id),
            article: cite.article,
            voice: citation_voice(graph, cite),
            kind: Some(cite.kind),
        });
    }
    let mut seen_claims: Vec<ClaimId> = Vec::new();
    for link in graph.links.get(&claim).into_iter().flatten().filter(|l| graph.link_counts(l, claim)) {
        match (link.stance, link.target) {
            (Stance::Corroborates, LinkTarget::Article(article)) if link.claim == claim => {
                let publisher = graph.articles.get(&article).and_then(|a| a.publisher);
                out.push(Evidence {
                    via: Via::LinkedArticle(link.id),
                    article,
                    voice: publisher.map_or(Voice::Unnamed(article, CitationKind::Unattributed), Voice::Source),
                    kind: None,
                });
            }
            (Stance::Corroborates | Stance::Duplicates, LinkTarget::Claim(target)) => {
                let other = if link.claim == claim { target } else { link.claim };
                if seen_claims.contains(&other) {
                    continue;
                }
                seen_claims.push(other);
                for cite in graph.citations.get(&other).into_iter().flatten() {
                    out.push(Evidence {
                        via: Via::LinkedClaim(other, cite.id),
                        article: cite.article,
                        voice: citation_voice(graph, cite),
                        kind: Some(cite.kind),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Root articles per article, memoised: the articles it ultimately re-reports
/// (itself when it re-reports nothing).
#[derive(Default)]
pub struct Roots {
    memo: IdMap<ArticleId, Vec<ArticleId>>,
}

impl Roots {
    pub fn of(&mut self, graph: &Graph, article: ArticleId) -> &[ArticleId] {
        if !self.memo.contains_key(&article) {
            let roots = self.compute(graph, article);
            self.memo.insert(article, roots);
        }
        &self.memo[&article]
    }

    fn compute(&mut self, graph: &Graph, start: ArticleId) -> Vec<ArticleId> {
        // Iterative walk up the derived_from edges; a cycle someone wrote by
        // hand ends the walk instead of looping.
        let mut roots = Vec::new();
        let mut seen = HashSet::from([start]);
        let mut stack = vec![start];
        while let Some(article) = stack.pop() {
            if let Some(known) = self.memo.get(&article) {
                roots.extend_from_slice(known);
                continue;
            }
            let parents = graph.articles.get(&article).map_or(&[][..], |a| &a.parents[..]);
            let fresh: Vec<ArticleId> = parents.iter().copied().filter(|p| seen.insert(*p)).collect();
            if parents.is_empty() {
                roots.push(article);
            }
            stack.extend(fresh);
        }
        if roots.is_empty() {
            // Every ancestor sits on a derived_from cycle someone wrote by hand:
            // the cycle's smallest article stands in as its root.
            roots.extend(seen.iter().min());
        }
        roots.sort_unstable();
        roots.dedup();
        roots
    }

    /// Whether two articles share a root: one re-reports the other, or both re-report a common origin.
    pub fn related(&mut self, graph: &Graph, a: ArticleId, b: ArticleId) -> bool {
        if a == b {
            return true;
        }
        self.of(graph, a);
        self.of(graph, b);
        let (ra, rb) = (&self.memo[&a], &self.memo[&b]);
        ra.iter().any(|r| rb.binary_search(r).is_ok())
    }
}

/// Groups the evidence into independent origins: two pieces fall in one group
/// when they share a source or their articles share a root, and groups merge
/// transitively. Returns each piece's group number (0, 1, …) and the number of groups.
pub fn origin_groups(graph: &Graph, roots: &mut Roots, items: &[Evidence]) -> (Vec<usize>, usize) {
    if items.len() <= 1 {
        return (vec![0; items.len()], items.len());
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b && dependent(graph, roots, &items[i], &items[j]) {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    // Number the groups 0, 1, … in order of their first piece.
    let mut numbering: Vec<usize> = vec![usize::MAX; items.len()];
    let mut count = 0;
    let groups: Vec<usize> = (0..items.len())
        .map(|i| {
            let root = find(&mut parent, i);
            if numbering[root] == usize::MAX {
                numbering[root] = count;
                count += 1;
            }
            numbering[root]
        })
        .collect();
    (groups, count)
}

/// Whether two pieces of evidence depend on each other directly: one source,
/// or articles that share a root.
fn dependent(graph: &Graph, roots: &mut Roots, a: &Evidence, b: &Evidence) -> bool {
    a.voice == b.voice || roots.related(graph, a.article, b.article)
}

/// How many independent origins the evidence has (0 when there is none).
pub fn independent_count(graph: &Graph, roots: &mut Roots, items: &[Evidence]) -> usize {
    match items {
        [] => 0,
        [_] => 1,
        [a, b] => 1 + usize::from(!dependent(graph, roots, a, b)),
        _ => origin_groups(graph, roots, items).1,
    }
}

/// The earliest-published article citing the claim (undated last, then by id).
pub fn origin(graph: &Graph, claim: ClaimId) -> Option<ArticleId> {
    let key = |a: &ArticleId| {
        let published = graph.articles.get(a).and_then(|n| n.published.as_deref());
        (published.is_none(), published, *a)
    };
    graph.citations.get(&claim)?.iter().map(|c| c.article).min_by(|a, b| key(a).cmp(&key(b)))
}

/// The chain of `derived_from` edges from `from` up to `to`, both included, if there is one.
pub fn derivation_path(graph: &Graph, from: ArticleId, to: ArticleId) -> Option<Vec<ArticleId>> {
    let mut previous: HashMap<ArticleId, ArticleId> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(article) = queue.pop_front() {
        if article == to {
            let mut path = vec![to];
            let mut at = to;
            while let Some(&p) = previous.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        for &parent in graph.articles.get(&article).map_or(&[][..], |a| &a.parents[..]) {
            if parent != from && !previous.contains_key(&parent) {
                previous.insert(parent, article);
                queue.push_back(parent);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ArticleNode;

    fn article(graph: &mut Graph, id: i64, parents: &[i64]) {
        graph.articles.insert(
            ArticleId(id),
            ArticleNode {
                id: ArticleId(id),
                title: format!("article {id}"),
                publisher: None,
                published: None,
                parents: parents.iter().map(|p| ArticleId(*p)).collect(),
            },
        );
    }

    fn item(article: i64, source: i64) -> Evidence {
        Evidence {
            via: Via::Citation(CitationId(article * 100 + source)),
            article: ArticleId(article),
            voice: Voice::Source(SourceId(source)),
            kind: Some(CitationKind::Named),
        }
    }

    #[test]
    fn re_reports_of_one_wire_story_are_one_origin() {
        let mut graph = Graph::default();
        article(&mut graph, 1, &[]);
        for outlet in 2..=6 {
            article(&mut graph, outlet, &[1]);
        }
        let items: Vec<Evidence> = (2..=6).map(|a| item(a, a)).collect();
        assert_eq!(independent_count(&graph, &mut Roots::default(), &items), 1);
        article(&mut graph, 7, &[]);
        let mut more = items.clone();
        more.push(item(7, 7));
        assert_eq!(independent_count(&graph, &mut Roots::default(), &more), 2);
    }

    #[test]
    fn dependence_is_transitive() {
        // Article 1 quotes source 10 and speaks as source 20; article 2 is source 20 again.
        let mut graph = Graph::default();
        article(&mut graph, 1, &[]);
        article(&mut graph, 2, &[]);
        let items = [item(1, 10), item(1, 20), item(2, 20)];
        let (groups, count) = origin_groups(&graph, &mut Roots::default(), &items);
        assert_eq!((groups, count), (vec![0, 0, 0], 1));
    }

    #[test]
    fn derivation_paths_follow_derived_from_upwards() {
        let mut graph = Graph::default();
        article(&mut graph, 1, &[]);
        article(&mut graph, 2, &[1]);
        article(&mut graph, 3, &[2]);
        let path = derivation_path(&graph, ArticleId(3), ArticleId(1)).unwrap();
        assert_eq!(path, [ArticleId(3), ArticleId(2), ArticleId(1)]);
        assert_eq!(derivation_path(&graph, ArticleId(1), ArticleId(3)), None);
    }
}
