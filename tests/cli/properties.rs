//! The binary's flags and the SQL views agree on randomly built ledgers.

use std::collections::BTreeSet;

use claimtrack::model::{
    ArticleId, Attribution, CitationKind, ClaimId, LinkTarget, Rating, SourceId, SourceKind, Stance,
};
use claimtrack::store::articles::NewArticle;
use claimtrack::store::claims::NewCitation;
use claimtrack::store::sources::NewSource;
use claimtrack::store::{Author, OpenMode, Store};

use crate::common::Ledger;
use crate::common::rng::Rng;

fn build(ledger: &Ledger, seed: u64) {
    let mut rng = Rng::new(seed);
    let mut store = Store::open(&ledger.db, OpenMode::Existing, 5_000).unwrap();
    let old = Author { editor: "gen".into(), at: "2024-01-01T00:00:00Z".into() };
    let recent = Author { editor: "gen".into(), at: claimtrack::date::timestamp(chrono::Utc::now()) };
    let kinds = [SourceKind::Outlet, SourceKind::Person, SourceKind::Agency, SourceKind::Anonymous];
    let mut sources: Vec<SourceId> = Vec::new();
    let mut articles: Vec<ArticleId> = Vec::new();
    let mut claims: Vec<ClaimId> = Vec::new();
    store
        .write(&old, |tx| {
            for i in 0..12 {
                sources.push(tx.add_source(&NewSource {
                    name: &format!("Source {i}"),
                    kind: kinds[i % kinds.len()],
                    url: None,
                    note: None,
                })?);
            }
            for i in 0..30 {
                let mut parents = Vec::new();
                if !articles.is_empty() && rng.percent(40) {
                    parents.push(articles[rng.below(articles.len())]);
                }
                let published =
                    claimtrack::date::PartialDate::parse(&format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)).ok();
                articles.push(tx.add_article(&NewArticle {
                    title: &format!("Article {i}"),
                    url: None,
                    publisher: rng.percent(85).then(|| sources[rng.below(sources.len())]),
                    published: if rng.percent(80) { published } else { None },
                    text: None,
                    derived_from: &parents,
                })?);
            }
            Ok(())
        })
        .unwrap();
    for i in 0..150 {
        let author = if rng.percent(30) { &old } else { &recent };
        store
            .write(author, |tx| {
                let claim = tx.add_claim(&format!("Claim {i}"))?;
                claims.push(claim);
                for _ in 0..rng.below(4) {
                    let kind =
                        [CitationKind::Named, CitationKind::Anonymous, CitationKind::Vague, CitationKind::Unattributed]
                            [rng.below(4)];
                    let source = match kind {
                        CitationKind::Named => Some(sources[rng.below(sources.len())]),
                        CitationKind::Unattributed => None,
                        _ => rng.percent(30).then(|| sources[rng.below(sources.len())]),
                    };
                    let article = articles[rng.below(articles.len())];
                    let attribution = Attribution::new(kind, source).unwrap();
                    tx.add_citation(claim, &NewCitation { article, attribution, quote: None, span: None })?;
                }
                if claims.len() > 1 && rng.percent(25) {
                    let other = claims[rng.below(claims.len() - 1)];
                    let stance = [Stance::Corroborates, Stance::Conflicts, Stance::Duplicates][rng.below(3)];
                    tx.add_link(claim, stance, LinkTarget::Claim(other), None)?;
                }
                if rng.percent(15) {
                    let stance = [Stance::Corroborates, Stance::Conflicts][rng.below(2)];
                    tx.add_link(claim, stance, LinkTarget::Article(articles[rng.below(articles.len())]), None)?;
                }
                if rng.percent(15) {
                    tx.add_verdict(claim, Rating::ALL[rng.below(Rating::ALL.len())], None, None)?;
                }
                if rng.percent(5) {
                    tx.retract_claim(claim, "generated")?;
                }
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn flags_and_views_agree_on_random_ledgers() {
    for seed in [1_u64, 7, 42, 2025, 0xC1A1] {
        let ledger = Ledger::new();
        build(&ledger, seed);
        let from_binary: BTreeSet<(i64, String)> = ledger
            .json(&["flags"])
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| {
                let id = e["claim"].as_i64().unwrap();
                e["flags"].as_array().unwrap().iter().map(move |f| (id, f["flag"].as_str().unwrap().to_string()))
            })
            .collect();
        let conn = ledger.sql();
        let mut stmt = conn.prepare("SELECT claim_id, flag FROM claim_flags").unwrap();
        let from_view: BTreeSet<(i64, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
        assert!(from_binary.len() > 100, "seed {seed}: the ledger should carry many flags");
        let binary_only: Vec<_> = from_binary.difference(&from_view).collect();
        let view_only: Vec<_> = from_view.difference(&from_binary).collect();
        assert!(
            binary_only.is_empty() && view_only.is_empty(),
            "seed {seed}: only in the binary {binary_only:?}, only in the views {view_only:?}"
        );
        ledger.ok(&["verify"]);
    }
}
