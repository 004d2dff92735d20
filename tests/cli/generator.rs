//! The shared random-ledger generator builds what the property test relies on, the same for a seed.

use crate::common::Ledger;
use crate::common::random_ledger;

use super::properties::SHAPE;

/// How many rows of each kind the property test needs at least one of.
const FEATURES: [(&str, &str); 13] = [
    (
        "quote under five words",
        "SELECT count(*) FROM citations WHERE length(quote) - length(replace(quote, ' ', '')) + 1 < 5",
    ),
    (
        "quote of five words",
        "SELECT count(*) FROM citations WHERE length(quote) - length(replace(quote, ' ', '')) + 1 = 5",
    ),
    (
        "quote over five words",
        "SELECT count(*) FROM citations WHERE length(quote) - length(replace(quote, ' ', '')) + 1 > 5",
    ),
    ("quote with a double quote", "SELECT count(*) FROM citations WHERE instr(quote, '\"') > 0"),
    (
        "re-report chain of two or more",
        "SELECT count(*) FROM article_derivations d JOIN article_derivations p ON p.article_id = d.derived_from_id",
    ),
    (
        "claim corroborating a claim",
        "SELECT count(*) FROM links WHERE stance = 'corroborates' AND target_claim_id IS NOT NULL",
    ),
    (
        "claim conflicting with a claim",
        "SELECT count(*) FROM links WHERE stance = 'conflicts' AND target_claim_id IS NOT NULL",
    ),
    ("claim duplicating a claim", "SELECT count(*) FROM links WHERE stance = 'duplicates'"),
    ("claim linked to an article", "SELECT count(*) FROM links WHERE target_article_id IS NOT NULL"),
    ("verdict", "SELECT count(*) FROM verdicts"),
    ("retracted claim", "SELECT count(*) FROM claims WHERE status = 'retracted'"),
    (
        "claim logged over 30 days ago",
        "SELECT count(*) FROM claims WHERE julianday('now') - julianday(created_at) > 31",
    ),
    (
        "claim logged in the last 30 days",
        "SELECT count(*) FROM claims WHERE julianday('now') - julianday(created_at) < 29",
    ),
];

#[test]
fn random_ledgers_have_every_feature_the_property_test_needs() {
    // The property test's seeds.
    for seed in [1_u64, 7, 42, 2025, 0xC1A1] {
        let ledger = Ledger::new();
        random_ledger::build(&mut ledger.store(), &SHAPE, seed).unwrap();
        let conn = ledger.sql();
        for (feature, sql) in FEATURES {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
            assert!(n > 0, "seed {seed}: no {feature} ({sql})");
        }
    }
}

/// Everything but the timestamps, in id order.
fn contents(ledger: &Ledger) -> Vec<String> {
    let queries = [
        "SELECT id, name, kind, url, note FROM sources",
        "SELECT id, title, url, publisher_id, published FROM articles",
        "SELECT article_id, derived_from_id FROM article_derivations",
        "SELECT id, text, status FROM claims",
        "SELECT id, claim_id, article_id, source_id, kind, quote FROM citations",
        "SELECT id, claim_id, stance, target_claim_id, target_article_id, note FROM links",
        "SELECT id, claim_id, rating, note, evidence FROM verdicts",
    ];
    let conn = ledger.sql();
    let mut rows = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(&format!("{sql} ORDER BY 1, 2")).unwrap();
        let width = stmt.column_count();
        let mut result = stmt.query([]).unwrap();
        while let Some(row) = result.next().unwrap() {
            let values: Vec<String> =
                (0..width).map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            rows.push(values.join("|"));
        }
    }
    rows
}

#[test]
fn random_ledgers_are_the_same_for_a_seed_and_differ_between_seeds() {
    let build = |seed| {
        let ledger = Ledger::new();
        random_ledger::build(&mut ledger.store(), &SHAPE, seed).unwrap();
        contents(&ledger)
    };
    let first = build(42);
    assert_eq!(first, build(42), "seed 42 built two different ledgers");
    assert_ne!(first, build(7), "seeds 42 and 7 built the same ledger");
}
