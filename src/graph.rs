//! The citation graph in memory: claims, their citations, links, articles with their
//! `derived_from` edges, sources and verdicts — what flags and reports compute on.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{
    ArticleId, CitationId, CitationKind, ClaimId, ClaimStatus, LinkId, LinkTarget, Rating, SourceId, SourceRef, Stance,
};

/// A hasher for the ledger's integer ids: one multiply instead of SipHash.
/// The keys are row ids the ledger assigned, not text an attacker chooses.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by ledger ids.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
/// A set of ledger ids.
pub type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

pub struct ArticleNode {
    pub id: ArticleId,
    pub title: String,
    pub publisher: Option<SourceId>,
    /// Publication date in its stored, sortable form (`2025-09-22`, `2025-07`, `2023`).
    pub published: Option<String>,
    pub parents: Vec<ArticleId>,
}

pub struct ClaimNode {
    pub id: ClaimId,
    pub text: String,
    pub status: ClaimStatus,
    pub created_at: String,
}

pub struct CitationEdge {
    pub id: CitationId,
    pub claim: ClaimId,
    pub article: ArticleId,
    pub source: Option<SourceId>,
    pub kind: CitationKind,
    /// The start of the verbatim quote, enough to recognise it.
    pub quote: Option<String>,
}

#[derive(Clone, Copy)]
pub struct LinkEdge {
    pub id: LinkId,
    pub claim: ClaimId,
    pub stance: Stance,
    pub target: LinkTarget,
}

/// Citations grouped by claim in one flat vector: a million claims cost one
/// allocation, not a million, and finding a claim's citations is an index,
/// not a hash lookup.
#[derive(Default)]
pub struct Citations {
    edges: Vec<CitationEdge>,
    /// `ranges[claim id]` is the claim's slice of `edges` (empty when it has none).
    ranges: Vec<(u32, u32)>,
}

impl Citations {
    pub fn from_edges(mut edges: Vec<CitationEdge>) -> Citations {
        if edges.windows(2).all(|w| w[0].claim <= w[1].claim) {
            // Already grouped by claim (an index scan): order each small group by id.
            let mut start = 0;
            for i in 1..=edges.len() {
                if i == edges.len() || edges[i].claim != edges[start].claim {
                    edges[start..i].sort_unstable_by_key(|e| e.id);
                    start = i;
                }
            }
        } else {
            edges.sort_by_key(|e| (e.claim, e.id));
        }
        let max_id = edges.last().map_or(0, |e| e.claim.0.max(0) as usize);
        let mut ranges = vec![(0_u32, 0_u32); if edges.is_empty() { 0 } else { max_id + 1 }];
        let mut start = 0;
        for i in 1..=edges.len() {
            if i == edges.len() || edges[i].claim != edges[start].claim {
                if let Ok(id) = usize::try_from(edges[start].claim.0) {
                    ranges[id] = (start as u32, i as u32);
                }
                start = i;
            }
        }
        Citations { edges, ranges }
    }

    /// A claim's citations, in id order.
    pub fn get(&self, claim: &ClaimId) -> Option<&[CitationEdge]> {
        let &(start, end) = self.ranges.get(usize::try_from(claim.0).ok()?)?;
        (end > start).then(|| &self.edges[start as usize..end as usize])
    }
}

/// The part of the ledger a computation needs.
#[derive(Default)]
pub struct Graph {
    /// The claims to compute for, by id.
    pub claims: Vec<ClaimNode>,
    /// Citations of those claims and of the claims linked to them.
    pub citations: Citations,
    /// Links touching a claim, filed under both ends when the target is a claim.
    pub links: IdMap<ClaimId, Vec<LinkEdge>>,
    pub articles: IdMap<ArticleId, ArticleNode>,
    pub sources: IdMap<SourceId, SourceRef>,
    /// The verdict in force per claim.
    pub verdicts: IdMap<ClaimId, Rating>,
    /// Retracted claims the graph knows of: a link to one counts for nothing.
    pub retracted: IdSet<ClaimId>,
    /// The wording of linked claims that are not in `claims`, for labels.
    pub linked_texts: IdMap<ClaimId, String>,
    /// Numeric mismatches with near-duplicate claims that still stand, per claim:
    /// (other claim, what this one says, what the other says), in the order stored.
    pub mismatches: IdMap<ClaimId, Vec<(ClaimId, String, String)>>,
}

impl Graph {
    /// Files a link under its claim and, for claim targets, under the target too.
    pub fn add_link(&mut self, link: LinkEdge) {
        if let LinkTarget::Claim(other) = link.target {
            self.links.entry(other).or_default().push(link);
        }
        self.links.entry(link.claim).or_default().push(link);
    }

    /// The claim at the other end of `link`, seen from `claim` (`None` for an article).
    pub fn other_claim(link: &LinkEdge, claim: ClaimId) -> Option<ClaimId> {
        match link.target {
            LinkTarget::Claim(target) => Some(if link.claim == claim { target } else { link.claim }),
            LinkTarget::Article(_) => None,
        }
    }

    /// Whether a link still says something about `claim`: not when the claim at its other end was retracted.
    pub fn link_counts(&self, link: &LinkEdge, claim: ClaimId) -> bool {
        Graph::other_claim(link, claim).is_none_or(|other| !self.retracted.contains(&other))
    }

    /// Whether a conflicting report is linked to the claim and still stands
    /// (the other claim not retracted), whatever the claim's verdict.
    pub fn has_conflict(&self, claim: ClaimId) -> bool {
        self.links
            .get(&claim)
            .is_some_and(|links| links.iter().any(|l| l.stance == Stance::Conflicts && self.link_counts(l, claim)))
    }

    pub fn source_name(&self, id: SourceId) -> String {
        self.sources.get(&id).map_or_else(|| format!("source #{id}"), |s| s.name.clone())
    }
}
