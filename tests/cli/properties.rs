//! The binary's flags and the SQL views agree, reasons and order included, on randomly built ledgers.

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
    // Quotes for citations: fewer, exactly and more than five words, a `"` and a
    // `\`, runs of mixed whitespace, non-ASCII text, and two longer than the 80
    // characters a reason quotes from: one cut there well after its sixth word,
    // one in the middle of its fourth.
    const QUOTES: &[&str] = &[
        "Sources indicate",
        "Turkey will send five battalions",
        "Turkey will send five battalions soon",
        "  The minister said \"no\" to\tthe  plan\nyesterday ",
        "a C:\\path and \"quoted\" words",
        "L’armée nigérienne a confirmé l’arrivée des troupes turques",
        "split\u{a0}by\u{2003}unusual spaces\u{3000}and more",
        "Officials speaking on condition of anonymity confirmed that the deployments would begin in the spring",
        "Counterinsurgency-trained battalions, reinforcements-from-Ankara, unprecedented-deployment, yes-indeed, fifth word",
    ];
    // Rows are logged some whole days and twelve hours ago, so a stale
    // reason's day count cannot tick over between the binary and the view.
    let now = chrono::Utc::now();
    let logged = |days: i64| Author {
        editor: "gen".into(),
        at: claimtrack::date::timestamp(now - chrono::Duration::days(days) - chrono::Duration::hours(12)),
        command: "generate".into(),
    };
    let ages = [0, 0, 0, 3, 29, 30, 45, 400];
    let kinds = [SourceKind::Outlet, SourceKind::Person, SourceKind::Agency, SourceKind::Anonymous];
    let mut sources: Vec<SourceId> = Vec::new();
    let mut articles: Vec<ArticleId> = Vec::new();
    // parents[i]: the indices in `articles` that article i derives from.
    let mut parents: Vec<Vec<usize>> = Vec::new();
    let mut claims: Vec<ClaimId> = Vec::new();
    store
        .write(&logged(500), |tx| {
            for i in 0..12 {
                sources.push(tx.add_source(&NewSource {
                    name: &format!("Source {i}"),
                    kind: kinds[i % kinds.len()],
                    url: None,
                    note: None,
                })?);
            }
            for i in 0..30 {
                // Mostly re-reports of recent articles, so chains run several deep;
                // sometimes of a second article too, so chains fork and meet again.
                let mut from: Vec<usize> = Vec::new();
                if !articles.is_empty() && rng.percent(50) {
                    from.push(articles.len() - 1 - rng.below(articles.len().min(4)));
                }
                if articles.len() > 1 && rng.percent(15) {
                    let other = rng.below(articles.len());
                    if !from.contains(&other) {
                        from.push(other);
                    }
                }
                let published =
                    claimtrack::date::PartialDate::parse(&format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)).ok();
                let derived_from: Vec<ArticleId> = from.iter().map(|&p| articles[p]).collect();
                articles.push(tx.add_article(&NewArticle {
                    title: &format!("Article {i}"),
                    url: None,
                    publisher: rng.percent(85).then(|| sources[rng.below(sources.len())]),
                    published: if rng.percent(80) { published } else { None },
                    text: None,
                    derived_from: &derived_from,
                })?);
                parents.push(from);
            }
            Ok(())
        })
        .unwrap();
    // An article related to article `i`: an ancestor one to three steps up, or
    // one that re-reports a common parent; `i` itself when there is none.
    let related = |rng: &mut Rng, i: usize| -> usize {
        if rng.percent(70) {
            let mut at = i;
            for _ in 0..1 + rng.below(3) {
                if parents[at].is_empty() {
                    break;
                }
                at = parents[at][rng.below(parents[at].len())];
            }
            at
        } else {
            let siblings: Vec<usize> =
                (0..articles.len()).filter(|&j| j != i && parents[j].iter().any(|p| parents[i].contains(p))).collect();
            if siblings.is_empty() { i } else { siblings[rng.below(siblings.len())] }
        }
    };
    for i in 0..150 {
        let author = logged(ages[rng.below(ages.len())]);
        store
            .write(&author, |tx| {
                let claim = tx.add_claim(&format!("Claim {i}"))?;
                claims.push(claim);
                let first = rng.below(articles.len());
                for n in 0..rng.below(4) {
                    let kind =
                        [CitationKind::Named, CitationKind::Anonymous, CitationKind::Vague, CitationKind::Unattributed]
                            [rng.below(4)];
                    let source = match kind {
                        CitationKind::Named => Some(sources[rng.below(sources.len())]),
                        CitationKind::Unattributed => None,
                        _ => rng.percent(30).then(|| sources[rng.below(sources.len())]),
                    };
                    // Later citations often come from articles related to the first, so some claims are circular.
                    let article = match n {
                        0 => first,
                        _ if rng.percent(60) => related(&mut rng, first),
                        _ => rng.below(articles.len()),
                    };
                    let quote = rng.percent(60).then(|| QUOTES[rng.below(QUOTES.len())]);
                    let attribution = Attribution::new(kind, source).unwrap();
                    tx.add_citation(
                        claim,
                        &NewCitation { article: articles[article], attribution, quote, span: None },
                    )?;
                }
                if claims.len() > 1 && rng.percent(25) {
                    let other = claims[rng.below(claims.len() - 1)];
                    let stance = [Stance::Corroborates, Stance::Conflicts, Stance::Duplicates][rng.below(3)];
                    // A pair holds one stance: a second link between the same claims is refused.
                    tx.add_link(claim, stance, LinkTarget::Claim(other), None)?;
                }
                if rng.percent(20) {
                    let stance = [Stance::Corroborates, Stance::Conflicts][rng.below(2)];
                    let article = if rng.percent(50) { related(&mut rng, first) } else { rng.below(articles.len()) };
                    tx.add_link(claim, stance, LinkTarget::Article(articles[article]), None)?;
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
        if seed == 42 {
            // An odd stale age (as another tool might write it, audited), read the way the binary reads it.
            let mut store = Store::open(&ledger.db, OpenMode::Existing, 5_000).unwrap();
            let author = Author {
                editor: "gen".into(),
                at: claimtrack::date::timestamp(chrono::Utc::now()),
                command: "test".into(),
            };
            store.write(&author, |tx| tx.set_setting("stale_days", " +40 ")).unwrap();
        }
        let from_binary: Vec<(i64, String, String)> = ledger
            .json(&["flags"])
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| {
                let id = e["claim"].as_i64().unwrap();
                e["flags"].as_array().unwrap().iter().map(move |f| {
                    (id, f["flag"].as_str().unwrap().to_string(), f["reason"].as_str().unwrap().to_string())
                })
            })
            .collect();
        let conn = ledger.sql();
        let mut stmt =
            conn.prepare("SELECT claim_id, flag, reason FROM claim_flags ORDER BY claim_id, flag_order").unwrap();
        let from_view: Vec<(i64, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
        assert!(from_binary.len() > 100, "seed {seed}: the ledger should carry many flags");
        let binary_only: Vec<_> = from_binary.iter().filter(|t| !from_view.contains(t)).collect();
        let view_only: Vec<_> = from_view.iter().filter(|t| !from_binary.contains(t)).collect();
        assert!(
            binary_only.is_empty() && view_only.is_empty(),
            "seed {seed}: only in the binary {binary_only:#?}\nonly in the views {view_only:#?}"
        );
        assert_eq!(from_binary, from_view, "seed {seed}: the same flags in another order");
        ledger.ok(&["verify"]);
    }
}
