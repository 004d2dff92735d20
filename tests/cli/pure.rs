//! The flag, independence and report functions on small graphs built by hand: no database, no binary.
//!
//! Every path into the library is in the one `use` below.

use claimtrack::{
    date::parse_timestamp,
    flags::{ClaimFlags, FlagSettings, classify_all, compute},
    graph::{ArticleNode, CitationEdge, Citations, ClaimNode, Graph, LinkEdge},
    independence::{Roots, Via, Voice, derivation_path, evidence, independent_count, origin, origin_groups},
    model::{
        ArticleId, CitationId, CitationKind, ClaimId, ClaimStatus, Flag, LinkId, LinkTarget, Rating, SourceId,
        SourceKind, SourceRef, Stance,
    },
    report::{Report, Scope, build, summarise},
};

use CitationKind::{Anonymous, Named, Unattributed};

/// The clock every test here reads, unless it sets its own.
const NOW: &str = "2025-10-01T09:00:00Z";
/// When claims are logged unless a test says otherwise: a day before [`NOW`], far from stale.
const LOGGED: &str = "2025-09-30T09:00:00Z";

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    parse_timestamp(text).expect("an RFC 3339 time")
}

fn settings() -> FlagSettings {
    FlagSettings::new(at(NOW), 30)
}

#[derive(Clone)]
struct ArticleSpec {
    id: i64,
    publisher: Option<i64>,
    published: Option<&'static str>,
    parents: Vec<i64>,
}

/// A ledger described in plain values, turned into a [`Graph`] on demand (a
/// `Graph` cannot be cloned, and tests compare before and after a change).
#[derive(Clone, Default)]
struct Ledger {
    /// (id, kind)
    sources: Vec<(i64, SourceKind)>,
    articles: Vec<ArticleSpec>,
    /// (id, created_at, retracted)
    claims: Vec<(i64, &'static str, bool)>,
    /// (claim, article, source, kind)
    citations: Vec<(i64, i64, Option<i64>, CitationKind)>,
    /// (claim, stance, target)
    links: Vec<(i64, Stance, LinkTarget)>,
    verdicts: Vec<(i64, Rating)>,
}

impl Ledger {
    fn source(&mut self, id: i64, kind: SourceKind) -> &mut Self {
        self.sources.push((id, kind));
        self
    }

    fn article(
        &mut self,
        id: i64,
        publisher: Option<i64>,
        published: Option<&'static str>,
        parents: &[i64],
    ) -> &mut Self {
        self.articles.push(ArticleSpec { id, publisher, published, parents: parents.to_vec() });
        self
    }

    fn claim(&mut self, id: i64) -> &mut Self {
        self.claim_logged(id, LOGGED)
    }

    fn claim_logged(&mut self, id: i64, created_at: &'static str) -> &mut Self {
        self.claims.push((id, created_at, false));
        self
    }

    fn cite(&mut self, claim: i64, article: i64, source: Option<i64>, kind: CitationKind) -> &mut Self {
        self.citations.push((claim, article, source, kind));
        self
    }

    fn link(&mut self, claim: i64, stance: Stance, target: LinkTarget) -> &mut Self {
        self.links.push((claim, stance, target));
        self
    }

    fn verdict(&mut self, claim: i64, rating: Rating) -> &mut Self {
        self.verdicts.push((claim, rating));
        self
    }

    fn retract(&mut self, claim: i64) -> &mut Self {
        self.claims.iter_mut().find(|c| c.0 == claim).expect("a claim to retract").2 = true;
        self
    }

    /// Citations get ids 1, 2, … and links 1, 2, … in the order they were added.
    fn graph(&self) -> Graph {
        let mut graph = Graph::default();
        for &(id, kind) in &self.sources {
            graph.sources.insert(SourceId(id), SourceRef { id: SourceId(id), name: format!("Source {id}"), kind });
        }
        for a in &self.articles {
            graph.articles.insert(
                ArticleId(a.id),
                ArticleNode {
                    id: ArticleId(a.id),
                    title: format!("Article {}", a.id),
                    publisher: a.publisher.map(SourceId),
                    published: a.published.map(str::to_string),
                    parents: a.parents.iter().copied().map(ArticleId).collect(),
                },
            );
        }
        for &(id, created_at, retracted) in &self.claims {
            let status = if retracted { ClaimStatus::Retracted } else { ClaimStatus::Active };
            graph.claims.push(ClaimNode {
                id: ClaimId(id),
                text: format!("Claim {id}"),
                status,
                created_at: created_at.to_string(),
            });
            if retracted {
                graph.retracted.insert(ClaimId(id));
            }
        }
        graph.citations = Citations::from_edges(
            self.citations
                .iter()
                .zip(1..)
                .map(|(&(claim, article, source, kind), id)| CitationEdge {
                    id: CitationId(id),
                    claim: ClaimId(claim),
                    article: ArticleId(article),
                    source: source.map(SourceId),
                    kind,
                    quote: None,
                })
                .collect(),
        );
        for (&(claim, stance, target), id) in self.links.iter().zip(1..) {
            graph.add_link(LinkEdge { id: LinkId(id), claim: ClaimId(claim), stance, target });
        }
        for &(claim, rating) in &self.verdicts {
            graph.verdicts.insert(ClaimId(claim), rating);
        }
        graph
    }
}

/// `claim id → flags`, for every active claim `compute` returns.
fn flags_of(graph: &Graph, settings: &FlagSettings) -> Vec<(i64, Vec<Flag>)> {
    compute(graph, settings).iter().map(|c| (c.claim.0, c.flags.iter().map(|h| h.flag).collect())).collect()
}

fn entry(list: &[ClaimFlags], claim: i64) -> &ClaimFlags {
    list.iter().find(|c| c.claim == ClaimId(claim)).unwrap_or_else(|| panic!("no flags entry for claim {claim}"))
}

fn count(graph: &Graph, claim: i64) -> usize {
    independent_count(graph, &mut Roots::default(), &evidence(graph, ClaimId(claim)))
}

fn report_ids(report: &Report) -> Vec<i64> {
    report.claims.iter().map(|c| c.id.0).collect()
}

fn articles(ids: &[i64]) -> Vec<ArticleId> {
    ids.iter().copied().map(ArticleId).collect()
}

#[test]
fn re_reports_of_one_wire_story_count_as_one_origin() {
    // A wire story (article 1, by agency 1) re-reported by four outlets, each
    // stating the claim as its own with no attribution: four different voices,
    // one root.
    let mut ledger = Ledger::default();
    ledger.source(1, SourceKind::Agency).article(1, Some(1), Some("2025-09-20"), &[]).claim(1);
    for (outlet, day) in [(2, "2025-09-21"), (3, "2025-09-22"), (4, "2025-09-23"), (5, "2025-09-24")] {
        ledger.source(outlet, SourceKind::Outlet).article(outlet, Some(outlet), Some(day), &[1]);
        ledger.cite(1, outlet, None, Unattributed);
    }
    let graph = ledger.graph();
    let items = evidence(&graph, ClaimId(1));
    let voices: Vec<Voice> = items.iter().map(|e| e.voice).collect();
    assert_eq!(voices, (2..=5).map(|s| Voice::Source(SourceId(s))).collect::<Vec<_>>(), "the publishers speak");
    assert!(items.iter().all(|e| matches!(e.via, Via::Citation(_))));
    assert_eq!(origin_groups(&graph, &mut Roots::default(), &items), (vec![0, 0, 0, 0], 1));
    assert_eq!(count(&graph, 1), 1);
    // Two re-reports alone (the two-piece shortcut) are one origin too.
    assert_eq!(independent_count(&graph, &mut Roots::default(), &items[..2]), 1);

    let flagged = compute(&graph, &settings());
    let claim = entry(&flagged, 1);
    assert_eq!(claim.independent_sources, 1);
    let flags: Vec<Flag> = claim.flags.iter().map(|h| h.flag).collect();
    assert_eq!(flags, [Flag::Unattributed, Flag::SingleSource, Flag::Circular, Flag::Unverified]);
    let circular = &claim.flags[2].reason;
    assert!(
        circular.starts_with(
            "corroborated only by article 3, which like article 2 (where the claim first appeared) re-reports article 1"
        ),
        "{circular}"
    );

    // An outlet that did its own reporting is a second origin.
    ledger.source(6, SourceKind::Outlet).article(6, Some(6), Some("2025-09-25"), &[]).cite(1, 6, None, Unattributed);
    let graph = ledger.graph();
    let items = evidence(&graph, ClaimId(1));
    assert_eq!(origin_groups(&graph, &mut Roots::default(), &items), (vec![0, 0, 0, 0, 1], 2));
    assert_eq!(count(&graph, 1), 2);
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![Flag::Unattributed])]);
}

#[test]
fn two_sources_in_unrelated_articles_count_as_two() {
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Outlet)
        .source(2, SourceKind::Outlet)
        .source(3, SourceKind::Person)
        .source(4, SourceKind::Government)
        .article(1, Some(1), Some("2025-09-01"), &[])
        .article(2, Some(2), Some("2025-09-02"), &[])
        .claim(1)
        .cite(1, 1, Some(3), Named)
        .cite(1, 2, Some(4), Named);
    let graph = ledger.graph();
    assert_eq!(count(&graph, 1), 2);
    let items = evidence(&graph, ClaimId(1));
    assert_eq!(origin_groups(&graph, &mut Roots::default(), &items), (vec![0, 1], 2));
    let flagged = compute(&graph, &settings());
    assert_eq!(entry(&flagged, 1).independent_sources, 2);
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![])], "independently sourced, nothing to flag");

    // The same person quoted in both unrelated articles is still one source.
    let mut same = ledger.clone();
    same.citations[1].2 = Some(3);
    let graph = same.graph();
    assert_eq!(count(&graph, 1), 1);
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![Flag::SingleSource, Flag::Unverified])]);
}

#[test]
fn a_derived_from_cycle_does_not_loop() {
    // Articles 1 and 2 re-report each other (written by hand into the file);
    // article 3 re-reports 2; article 4 is unrelated.
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Person)
        .source(2, SourceKind::Person)
        .source(3, SourceKind::Person)
        .article(1, None, Some("2025-09-01"), &[2])
        .article(2, None, Some("2025-09-02"), &[1])
        .article(3, None, Some("2025-09-03"), &[2])
        .article(4, None, Some("2025-09-04"), &[])
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .cite(1, 2, Some(2), Named)
        .claim(2)
        .cite(2, 3, Some(1), Named)
        .cite(2, 4, Some(3), Named);
    // A loop would hang the test run; a worker thread turns it into a failure.
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let graph = ledger.graph();
        let mut roots = Roots::default();
        let of = |roots: &mut Roots, a: i64| roots.of(&graph, ArticleId(a)).to_vec();
        let seen = (
            [of(&mut roots, 1), of(&mut roots, 2), of(&mut roots, 3), of(&mut roots, 4)],
            [roots.related(&graph, ArticleId(3), ArticleId(1)), roots.related(&graph, ArticleId(4), ArticleId(1))],
            [
                derivation_path(&graph, ArticleId(3), ArticleId(1)),
                derivation_path(&graph, ArticleId(1), ArticleId(2)),
                derivation_path(&graph, ArticleId(1), ArticleId(4)),
                derivation_path(&graph, ArticleId(1), ArticleId(1)),
            ],
            flags_of(&graph, &settings()),
            compute(&graph, &settings())[0].flags.iter().find(|h| h.flag == Flag::Circular).map(|h| h.reason.clone()),
        );
        done.send(seen).unwrap();
    });
    let (roots, related, paths, flags, circular) =
        result.recv_timeout(std::time::Duration::from_secs(20)).expect("the derivation cycle made something loop");
    let cycle = articles(&[1]);
    assert_eq!(
        roots,
        [cycle.clone(), cycle.clone(), cycle, articles(&[4])],
        "the cycle's smallest article is its root"
    );
    assert_eq!(related, [true, false]);
    assert_eq!(paths, [Some(articles(&[3, 2, 1])), Some(articles(&[1, 2])), None, Some(articles(&[1]))]);
    assert_eq!(
        flags,
        [(1, vec![Flag::SingleSource, Flag::Circular, Flag::Unverified]), (2, vec![])],
        "the cycle is one origin; article 4 stays independent of it"
    );
    assert_eq!(
        circular.as_deref(),
        Some("corroborated only by article 2, which derives from article 1 where the claim first appeared")
    );
}

#[test]
fn a_retracted_linked_claim_counts_for_nothing() {
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Person)
        .source(2, SourceKind::Person)
        .article(1, None, Some("2025-09-01"), &[])
        .article(2, None, Some("2025-09-02"), &[])
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .claim(2)
        .cite(2, 2, Some(2), Named)
        .claim(3)
        .link(1, Stance::Duplicates, LinkTarget::Claim(ClaimId(2)))
        .link(3, Stance::Conflicts, LinkTarget::Claim(ClaimId(1)));
    let graph = ledger.graph();
    let vias: Vec<Via> = evidence(&graph, ClaimId(1)).iter().map(|e| e.via).collect();
    assert_eq!(vias, [Via::Citation(CitationId(1)), Via::LinkedClaim(ClaimId(2), CitationId(2))]);
    assert_eq!(count(&graph, 1), 2);
    assert_eq!(
        flags_of(&graph, &settings())[0],
        (1, vec![Flag::Conflicted]),
        "backed by claim 2's source, contradicted by claim 3"
    );

    ledger.retract(2).retract(3);
    let graph = ledger.graph();
    let vias: Vec<Via> = evidence(&graph, ClaimId(1)).iter().map(|e| e.via).collect();
    assert_eq!(vias, [Via::Citation(CitationId(1))], "the retracted duplicate backs nothing");
    assert_eq!(count(&graph, 1), 1);
    assert_eq!(
        flags_of(&graph, &settings()),
        [(1, vec![Flag::SingleSource, Flag::Unverified])],
        "the retracted conflict contradicts nothing, and retracted claims carry no flags"
    );
}

#[test]
fn a_conflict_with_a_verdict_is_not_conflicted() {
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Outlet)
        .article(1, Some(1), Some("2025-09-01"), &[])
        .article(2, None, Some("2025-09-02"), &[])
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .link(1, Stance::Conflicts, LinkTarget::Article(ArticleId(2)));
    let graph = ledger.graph();
    let flagged = compute(&graph, &settings());
    let flags: Vec<Flag> = entry(&flagged, 1).flags.iter().map(|h| h.flag).collect();
    assert_eq!(flags, [Flag::SingleSource, Flag::Conflicted, Flag::Unverified]);
    assert_eq!(entry(&flagged, 1).flags[1].reason, "article 2 conflicts with it (link 1) and there is no verdict");
    // A conflicting article is not evidence for the claim.
    assert_eq!(evidence(&graph, ClaimId(1)).len(), 1);

    ledger.verdict(1, Rating::False);
    let graph = ledger.graph();
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![Flag::SingleSource])], "the verdict settles the conflict");
}

#[test]
fn stale_starts_strictly_after_the_stale_age() {
    // 30 days before 2 March 2025 is 31 January, 00:00:00.
    let mut ledger = Ledger::default();
    ledger
        .claim_logged(1, "2025-01-30T23:59:59Z")
        .claim_logged(2, "2025-01-31T00:00:00Z")
        .claim_logged(3, "2025-01-31T00:00:01Z")
        .claim_logged(4, "2024-06-01T00:00:00Z")
        .verdict(4, Rating::Unproven);
    let graph = ledger.graph();
    let settings = FlagSettings::new(at("2025-03-02T00:00:00Z"), 30);
    let claims: Vec<&ClaimNode> = graph.claims.iter().collect();
    let stale: Vec<bool> =
        classify_all(&graph, &settings, &claims).iter().map(|c| c.flags.contains(Flag::Stale)).collect();
    assert_eq!(stale, [true, false, false, false], "older than 30 days, exactly 30, younger, and rated");
    let flagged = compute(&graph, &settings);
    let first: Vec<Flag> = entry(&flagged, 1).flags.iter().map(|h| h.flag).collect();
    assert_eq!(first, [Flag::Unattributed, Flag::Unverified, Flag::Stale]);
    assert_eq!(
        entry(&flagged, 1).flags[2].reason,
        "no verdict 30 days after it was logged on 2025-01-30 (stale after 30 days)"
    );

    // With a stale age of 0, anything logged before now is stale, and now itself is not.
    let mut ledger = Ledger::default();
    ledger.claim_logged(1, "2025-03-01T23:59:59Z").claim_logged(2, "2025-03-02T00:00:00Z");
    let graph = ledger.graph();
    let settings = FlagSettings::new(at("2025-03-02T00:00:00Z"), 0);
    let claims: Vec<&ClaimNode> = graph.claims.iter().collect();
    let stale: Vec<bool> =
        classify_all(&graph, &settings, &claims).iter().map(|c| c.flags.contains(Flag::Stale)).collect();
    assert_eq!(stale, [true, false]);
}

/// Seven claims, one per level of urgency, plus a tie: what the whole-ledger report must order.
fn urgency_ledger() -> Ledger {
    let mut ledger = Ledger::default();
    for source in 1..=4 {
        ledger.source(source, SourceKind::Person);
    }
    ledger
        .article(1, None, Some("2025-09-01"), &[])
        .article(2, None, Some("2025-09-02"), &[])
        .article(3, None, Some("2025-09-03"), &[1])
        // 1: two independent sources, nothing to flag.
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .cite(1, 2, Some(2), Named)
        // 2: single-source, unverified.
        .claim(2)
        .cite(2, 1, Some(1), Named)
        // 3: no citation at all: unattributed, unverified.
        .claim(3)
        // 4: anonymous-only, single-source, unverified.
        .claim(4)
        .cite(4, 2, None, Anonymous)
        // 5: corroborated only by a re-report: single-source, circular, unverified.
        .claim(5)
        .cite(5, 1, Some(3), Named)
        .cite(5, 3, Some(4), Named)
        // 6: contradicted: single-source, conflicted, unverified.
        .claim(6)
        .cite(6, 2, Some(2), Named)
        .link(6, Stance::Conflicts, LinkTarget::Article(ArticleId(1)))
        // 7: as urgent as claim 2, and newer.
        .claim(7)
        .cite(7, 2, Some(3), Named);
    ledger
}

#[test]
fn the_whole_ledger_report_orders_by_urgency_and_honours_its_limit() {
    let graph = urgency_ledger().graph();
    let settings = settings();
    let at = NOW.to_string();
    let report = build(&graph, &settings, Scope::Ledger, at.clone(), Some(3));
    assert_eq!(report_ids(&report), [6, 5, 4], "conflicted, circular, anonymous-only");
    assert_eq!((report.claims_in_scope, report.claims_retracted, report.mix.statements), (7, 0, 7));

    let all = build(&graph, &settings, Scope::Ledger, at.clone(), None);
    assert_eq!(report_ids(&all), [6, 5, 4, 3, 7, 2], "unflagged claim 1 is left out; the newer of equals first");
    assert_eq!(summarise(&graph, &settings, &Scope::Ledger, None).order, [6, 5, 4, 3, 7, 2].map(ClaimId));
    let limited = summarise(&graph, &settings, &Scope::Ledger, Some(5)).order;
    assert_eq!(limited, [6, 5, 4, 3, 7].map(ClaimId));
    let mix: Vec<(Flag, usize)> = all.mix.flags.iter().map(|(f, n)| (*f, *n)).collect();
    assert_eq!(
        mix,
        [
            (Flag::Unattributed, 1),
            (Flag::AnonymousOnly, 1),
            (Flag::SingleSource, 5),
            (Flag::Circular, 1),
            (Flag::Conflicted, 1),
            (Flag::Unverified, 6),
        ]
    );

    // A retracted claim leaves the report and its counts.
    let mut ledger = urgency_ledger();
    ledger.retract(6);
    let report = build(&ledger.graph(), &settings, Scope::Ledger, at, Some(2));
    assert_eq!(report_ids(&report), [5, 4]);
    assert_eq!((report.claims_in_scope, report.claims_retracted), (6, 1));
}

#[test]
fn the_source_contested_count_ignores_verdicts_but_the_conflicted_flag_does_not() {
    // Source 1 is cited for two claims; both are contradicted, one has a verdict.
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Outlet)
        .article(1, Some(1), Some("2025-09-01"), &[])
        .article(2, None, Some("2025-09-02"), &[])
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .link(1, Stance::Conflicts, LinkTarget::Article(ArticleId(2)))
        .verdict(1, Rating::True)
        .claim(2)
        .cite(2, 1, Some(1), Named)
        .link(2, Stance::Conflicts, LinkTarget::Article(ArticleId(2)));
    let graph = ledger.graph();
    let settings = settings();
    assert_eq!(
        flags_of(&graph, &settings),
        [(1, vec![Flag::SingleSource]), (2, vec![Flag::SingleSource, Flag::Conflicted, Flag::Unverified])]
    );
    for scope in [Scope::Ledger, Scope::Source { id: SourceId(1), name: "Source 1".into(), kind: SourceKind::Outlet }] {
        let summary = summarise(&graph, &settings, &scope, None);
        assert_eq!(summary.sources.len(), 1, "{scope:?}");
        let record = &summary.sources[0];
        assert_eq!(
            (record.claims, record.contested, record.rated_true, record.single_source),
            (2, 2, 1, 2),
            "the track record counts every contradicted claim, rated or not ({scope:?})"
        );
        assert_eq!(summary.mix.flags.get(&Flag::Conflicted), Some(&1), "the flag counts only the unrated one");
    }
}

#[test]
fn origin_is_the_earliest_dated_article_and_undated_ones_come_last() {
    let mut ledger = Ledger::default();
    ledger
        .article(1, None, None, &[])
        .article(2, None, Some("2025-09"), &[])
        .article(3, None, Some("2025-08-15"), &[])
        .article(4, None, None, &[])
        .claim(1)
        .cite(1, 1, None, Unattributed)
        .cite(1, 2, None, Unattributed)
        .cite(1, 3, None, Unattributed)
        .claim(2)
        .cite(2, 4, None, Unattributed)
        .cite(2, 1, None, Unattributed)
        .claim(3);
    let graph = ledger.graph();
    assert_eq!(origin(&graph, ClaimId(1)), Some(ArticleId(3)));
    assert_eq!(origin(&graph, ClaimId(2)), Some(ArticleId(1)), "undated only: the lowest id");
    assert_eq!(origin(&graph, ClaimId(3)), None);
    // Unattributed with no publisher: each article is its own unnamed voice.
    let voices: Vec<Voice> = evidence(&graph, ClaimId(2)).iter().map(|e| e.voice).collect();
    assert_eq!(voices, [Voice::Unnamed(ArticleId(4), Unattributed), Voice::Unnamed(ArticleId(1), Unattributed)]);
    assert_eq!(count(&graph, 2), 2);
}

#[test]
fn a_corroborating_article_is_evidence_in_its_publisher_voice() {
    let mut ledger = Ledger::default();
    ledger
        .source(1, SourceKind::Outlet)
        .source(2, SourceKind::Agency)
        .article(1, Some(1), Some("2025-09-01"), &[])
        .article(2, Some(2), Some("2025-09-02"), &[])
        .article(3, Some(1), Some("2025-09-03"), &[])
        .claim(1)
        .cite(1, 1, Some(1), Named)
        .link(1, Stance::Corroborates, LinkTarget::Article(ArticleId(2)));
    let graph = ledger.graph();
    let items: Vec<(Via, ArticleId, Voice)> =
        evidence(&graph, ClaimId(1)).iter().map(|e| (e.via, e.article, e.voice)).collect();
    assert_eq!(
        items,
        [
            (Via::Citation(CitationId(1)), ArticleId(1), Voice::Source(SourceId(1))),
            (Via::LinkedArticle(LinkId(1)), ArticleId(2), Voice::Source(SourceId(2))),
        ]
    );
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![])]);
    let report = build(&graph, &settings(), Scope::Ledger, NOW.into(), None);
    assert!(report.claims.is_empty(), "nothing flagged, nothing to show in the whole-ledger report");

    // The same outlet's own later article is not a second origin.
    ledger.links[0].2 = LinkTarget::Article(ArticleId(3));
    let graph = ledger.graph();
    assert_eq!(count(&graph, 1), 1);
    assert_eq!(flags_of(&graph, &settings()), [(1, vec![Flag::SingleSource, Flag::Unverified])]);
}
