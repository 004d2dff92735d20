//! Near-duplicate search and claim search on both engines: a ledger built with the CLI, copied into
//! PostgreSQL, answers `similar` with the same candidates, bm25 scores, matches and order, and every
//! search (phrases, prefixes, exclusions, hostile text) with the same claims; a claim indexed on
//! PostgreSQL is then found there as the same claim added on SQLite is.
//!
//! These run when `CLAIMTRACK_TEST_PG` names a server, as postgres_schema's do (`tests/common/postgres.rs`).

use claimtrack::error::Error;
use claimtrack::ops::matching::{self, Match};
use claimtrack::store::db::Db;
use claimtrack::store::{matching as index, transfer};

use crate::common::Ledger;
use crate::common::postgres::Schema;

/// Near-duplicates of each other: reworded, numbers changed, attribution frames, other scripts.
const CLAIMS: &[&str] = &[
    "Turkey will send 1,000 troops to Niger by December.",
    "Turkey will send 1,200 troops to Niger by December.",
    "According to Reuters, Turkey will send 1,000 troops to Niger by December.",
    "Turkey is sending a thousand soldiers to Niger before December, officials said.",
    "Ankara plans to deploy troops in Niger, sources say.",
    "France withdrew 1,500 troops from Niger in 2023.",
    "The French army pulled 1,500 soldiers out of Niger in 2023, a spokesperson told reporters.",
    "Nurses were vaccinated against measles in Niamey.",
    "Vaccination of nurses against measles began in Niamey last week.",
    "The vaccine campaign reached 20,000 children in Zinder.",
    "Reportedly, the vaccination campaign reached 25,000 children in Zinder.",
    "L'Élysée a confirmé le retrait des troupes françaises du Niger.",
    "Selon l'AFP, l'Élysée a confirmé le retrait des troupes françaises du Niger.",
    "Ärzte ohne Grenzen meldet 3.500 Cholerafälle in Maradi.",
    "Ärzte ohne Grenzen meldet 3.800 Cholerafälle in Maradi.",
    "Η Ελλάδα θα στείλει 200 στρατιώτες στον Νίγηρα.",
    "Η Ελλάδα θα στείλει 250 στρατιώτες στον Νίγηρα.",
    "東京都は新しい規則を発表した",
    "भारत ने नाइजर को 500 टन चावल भेजा",
    "भारत ने नाइजर को 700 टन चावल भेजा",
    "Turkey's drones were delivered to Niger's air force in 2024.",
    "Niger received three Turkish drones in 2024.",
];

/// Texts to look for near-duplicates of.
const QUERIES: &[&str] = &[
    "Turkey will send 1,100 troops to Niger by December.",
    "According to AFP, Ankara is sending a thousand troops to Niger.",
    "France pulled 1,500 soldiers out of Niger",
    "nurses vaccinated against measles",
    "The vaccination campaign reached 30,000 children in Zinder, officials said.",
    "L'Élysée confirme le retrait des troupes du Niger",
    "Ärzte ohne Grenzen: 4.000 Cholerafälle in Maradi",
    "Η Ελλάδα θα στείλει 300 στρατιώτες",
    "東京都は新しい規則を発表した",
    "भारत ने नाइजर को 900 टन चावल भेजा",
    "Niger received Turkish drones",
    "convoy attacked near Tillabéri",
    "A convoy was attacked near Tillabéri on day 7 of the operation.",
    "the of and",
    "Ouagadougou",
];

/// Searches as an editor types them, hostile ones included.
const SEARCHES: &[&str] = &[
    "troops niger",
    "\"send 1,000 troops\"",
    "vaccinat*",
    "vaccinat* -measles",
    "niger -france -\"thousand soldiers\"",
    "drones OR vaccine",
    "turk* niger",
    "élysée",
    "cholerafälle",
    "στρατιώτες",
    "東京都は新しい規則を発表した",
    "चावल",
    "convoy tillab*",
    "\"",
    "*",
    ":",
    "NEAR(",
    "'",
    "troops:*",
    "niger & !france",
    "it's troops",
    "\\ troops |",
    "a <-> b niger",
    "-troops",
    "the",
];

/// The SQLite ledger: the claims above, 110 claims that tie on bm25 (more than the 100 candidates
/// `similar` reads), one retracted near-duplicate and one reworded claim.
fn ledger() -> Ledger {
    let ledger = Ledger::new();
    for text in CLAIMS {
        ledger.add(&["claim", "add", text, "--on-duplicate", "add"]);
    }
    for day in 1..=110 {
        ledger.add(&[
            "claim",
            "add",
            &format!("Convoy attacked near Tillabéri on day {day}."),
            "--on-duplicate",
            "add",
        ]);
    }
    ledger.ok(&["claim", "retract", "2", "--reason", "logged twice"]);
    ledger.ok(&["claim", "retract", "30", "--reason", "logged twice"]);
    ledger.ok(&["claim", "edit", "6", "France withdrew its last 1,500 troops from Niger in December 2023."]);
    ledger
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// Two engines' matches are the same: every field equal, ids, order and scores included, except the
/// signals' last bits. `rank` sums them over hash sets, whose order changes from one set to the next
/// on either engine (which is why it rounds scores to nine places before ordering them).
fn assert_same(lite: &[Match], pg: &[Match], what: &str) {
    let signals = |m: &Match| {
        let s = m.signals;
        [s.bm25, s.overlap, s.chars, s.coverage, s.rarest]
    };
    let without = |m: &Match| {
        let mut m = m.clone();
        m.signals = Default::default();
        json(&m)
    };
    assert_eq!(lite.iter().map(without).collect::<Vec<_>>(), pg.iter().map(without).collect::<Vec<_>>(), "{what}");
    for (l, p) in lite.iter().zip(pg) {
        for (a, b) in signals(l).iter().zip(signals(p)) {
            assert!(
                (a - b).abs() < 1e-12,
                "{what}: claim {}'s signals {:?} and {:?}",
                l.claim_id,
                l.signals,
                p.signals
            );
        }
    }
}

/// The candidates the index gives for a text (ids and bm25 to the last bit) and the ranked matches.
fn similar(db: Db<'_>, text: &str) -> (Vec<(i64, u64)>, Vec<Match>) {
    let words: Vec<String> =
        claimtrack::matching::index_terms(text).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
    let hits = index::candidates(db, &words, 100).unwrap();
    let candidates = hits.iter().map(|h| (h.id.0, h.bm25.to_bits())).collect();
    (candidates, matching::matches_in(db, text, 10, None).unwrap())
}

/// A search's claims, or the usage error it is refused with.
fn search(db: Db<'_>, text: &str) -> Result<Vec<i64>, String> {
    match matching::search_ids(db, text) {
        Ok(ids) => Ok(ids.into_iter().map(|id| id.0).collect()),
        Err(Error::Usage(message)) => Err(message),
        Err(other) => panic!("{text:?}: {other}"),
    }
}

#[test]
fn similar_and_search_agree_on_both_engines() {
    let Some(mut schema) = Schema::ledger("matching") else { return };
    let ledger = ledger();
    let conn = ledger.sql();
    transfer::copy_ledger(Db::Sqlite(&conn), schema.pg.db()).unwrap();
    // Every row, and the counts FTS5 keeps for bm25 (claims_fts_totals on PostgreSQL).
    assert_eq!(transfer::differences(Db::Sqlite(&conn), schema.pg.db()).unwrap(), Vec::<String>::new());
    let (lite, pg) = (Db::Sqlite(&conn), schema.pg.db());

    for text in QUERIES {
        let (lite_candidates, lite_matches) = similar(lite, text);
        let (pg_candidates, pg_matches) = similar(pg, text);
        assert_eq!(lite_candidates, pg_candidates, "candidates and bm25 for {text:?}");
        assert_same(&lite_matches, &pg_matches, &format!("similar {text:?}"));
    }
    // The searches found what they are for, so the comparisons above compare something.
    let (candidates, matches) = similar(lite, QUERIES[0]);
    assert!(candidates.len() >= 3 && !candidates.iter().any(|(id, _)| *id == 2), "{candidates:?}");
    assert_eq!(matches[0].claim_id.0, 1);
    assert!(matches[0].near_duplicate && !matches[0].numbers_disagree.is_empty());
    assert!(matches.iter().any(|m| m.claim_id.0 == 3 && m.near_duplicate), "the framed claim");
    let (_, matches) = similar(lite, "भारत ने नाइजर को 900 टन चावल भेजा");
    assert_eq!(matches.iter().take(2).map(|m| m.claim_id.0).collect::<Vec<_>>(), [19, 20]);
    // 110 convoy claims tie on bm25: both engines keep the same 100 (the oldest), less the retracted one.
    let (candidates, _) = similar(lite, "convoy attacked near Tillabéri");
    assert_eq!(candidates.len(), 99);
    assert!(candidates.iter().all(|(id, _)| (23..=122).contains(id) && *id != 30), "{candidates:?}");

    for text in SEARCHES {
        assert_eq!(search(lite, text), search(pg, text), "claim search {text:?}");
    }
    assert_eq!(search(lite, "vaccinat*").unwrap(), [8, 9, 10, 11]);
    assert_eq!(search(lite, "vaccinat* -measles").unwrap(), [10, 11]);
    assert_eq!(search(lite, "\"send 1,000 troops\"").unwrap(), [1, 3]);
    let niger = search(lite, "niger").unwrap();
    let fewer = search(lite, "niger -france -\"thousand soldiers\"").unwrap();
    assert!(fewer.len() > 3 && fewer.len() < niger.len() && !fewer.contains(&4), "{fewer:?} of {niger:?}");
    assert_eq!(search(pg, "convoy tillab*").unwrap().len(), 110);
    assert!(search(pg, "\"").is_err() && search(pg, "-troops").is_err());

    // Counts out of step with the rows are a difference `migrate` reports.
    schema.client.batch_execute("UPDATE claims_fts_totals SET tokens = tokens + 1").unwrap();
    let found = transfer::differences(Db::Sqlite(&conn), schema.pg.db()).unwrap();
    assert!(found.len() == 1 && found[0].starts_with("claims_fts_totals:"), "{found:?}");
}

/// The tsquery operands the store builds from words stay those words on a real server: whatever
/// the word holds, `to_tsquery` reads it as the lexemes `to_tsvector` makes of it, never as syntax.
#[test]
fn quoted_words_are_words_to_to_tsquery() {
    let Some(mut schema) = Schema::empty("tsquery_quote") else { return };
    let hostile = [
        "it's",
        "a\\b",
        "x:*",
        "x:AB",
        "!y",
        "a|b",
        "a&b",
        "(niger",
        "niger)",
        "a<->b",
        "a <-> b",
        "NEAR(a",
        "''q''",
        "\\'x",
        "troops:*B",
        "élysée",
        "東京都",
        "भारत",
    ];
    for word in hostile {
        let quoted = claimtrack::matching::query::tsquery_quote(word);
        let row = schema
            .client
            .query_one(
                "SELECT to_tsvector('simple', $1) @@ to_tsquery('simple', $2), to_tsquery('simple', $2)::text",
                &[&word, &quoted],
            )
            .unwrap_or_else(|e| panic!("{word:?} as {quoted:?}: {e}"));
        let (found, read): (bool, String) = (row.get(0), row.get(1));
        assert!(found, "{word:?} as {quoted:?} reads as {read}");
        assert!(!read.contains(':') && !read.contains('|') && !read.contains('!'), "{word:?}: {read}");
    }
}

/// Writes a claim as `claim add` does, with its duplicate key, and indexes it; its id.
fn add_indexed(db: Db<'_>, text: &str, at: &str) -> Result<i64, Error> {
    let key = claimtrack::matching::text::duplicate_key(text);
    let id = db.insert(
        "INSERT INTO claims (text, text_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?3) RETURNING id",
        &[&text, &key, &at],
    )?;
    index::index(db, claimtrack::model::ClaimId(id), text, false)?;
    Ok(id)
}

#[test]
fn a_claim_indexed_on_postgresql_is_found_as_on_sqlite() {
    let Some(schema) = Schema::ledger("matching_write") else { return };
    let ledger = ledger();
    transfer::copy_ledger(Db::Sqlite(&ledger.sql()), schema.pg.db()).unwrap();
    let added = "Turkey will send 1,000 troops and four drones to Niger by December.";
    let reworded = "Ouagadougou hosted the Sahel defence summit.";

    // SQLite: the CLI adds a claim and rewords another. PostgreSQL: the same rows, indexed by the store.
    let id = ledger.add(&["claim", "add", added, "--on-duplicate", "add"]);
    ledger.ok(&["claim", "edit", "5", reworded]);
    let at = "2026-11-27T12:00:00Z";
    let pg_id = schema
        .pg
        .write(5_000, |db| {
            let new = add_indexed(*db, added, at)?;
            db.execute("UPDATE claims SET text = ?2 WHERE id = ?1", &[&5_i64, &reworded])?;
            index::index(*db, claimtrack::model::ClaimId(5), reworded, true)?;
            Ok(new)
        })
        .unwrap();
    assert_eq!(pg_id, id);

    let lite = ledger.sql();
    let (lite, pg) = (Db::Sqlite(&lite), schema.pg.db());
    for text in [added, "Turkey sends drones to Niger", reworded, "Ankara plans to deploy troops in Niger", "drones"] {
        let (lite_candidates, lite_matches) = similar(lite, text);
        let (pg_candidates, pg_matches) = similar(pg, text);
        assert_eq!(lite_candidates, pg_candidates, "candidates and bm25 for {text:?}");
        assert_same(&lite_matches, &pg_matches, &format!("similar {text:?}"));
    }
    assert_eq!(similar(pg, added).1[0].claim_id.0, id);
    assert!(similar(pg, added).1[0].exact);
    for text in ["drones", "ouagadougou", "ankara", "summit -sahel", "\"four drones\""] {
        assert_eq!(search(lite, text), search(pg, text), "claim search {text:?}");
    }
    assert_eq!(search(pg, "\"four drones\"").unwrap(), [id]);
    assert_eq!(search(pg, "ouagadougou").unwrap(), [5]);
    assert!(search(pg, "ankara").unwrap().is_empty(), "the old wording is gone from the index");
}

/// JSON output with its `signals` rounded to 12 places (their last bits change from one run to the
/// next on either engine: see `assert_same`); any other output as it is.
fn steady(stdout: &str) -> String {
    fn round(value: &mut serde_json::Value, in_signals: bool) {
        match value {
            serde_json::Value::Number(n) if in_signals => {
                let x = (n.as_f64().unwrap() * 1e12).round() / 1e12;
                *value = serde_json::json!(x);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| round(v, in_signals)),
            serde_json::Value::Object(map) => map.iter_mut().for_each(|(k, v)| round(v, in_signals || k == "signals")),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(stdout) {
        Ok(mut value) => {
            round(&mut value, false);
            value.to_string()
        }
        Err(_) => stdout.to_string(),
    }
}

/// The matching commands end to end: the same commands on a fresh SQLite file and a fresh PostgreSQL
/// schema (`--db` a connection string) print the same, ids, scores and changed words included.
#[test]
fn the_matching_commands_print_the_same_on_both_engines() {
    let Some(schema) = Schema::desk("matching_cli") else { return };
    let mut lite = Ledger::uninitialised();
    lite.clock = Some("2026-11-27T10:00:00Z");
    let mut pg = Ledger::uninitialised();
    pg.clock = lite.clock;
    pg.db = schema.editor_conninfo().into();
    let same = |args: &[&str]| {
        let (a, b) = (lite.run(args), pg.run(args));
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        assert_eq!(a.status.code(), b.status.code(), "exit code of {args:?}: {}{}", text(&a.stderr), text(&b.stderr));
        assert_eq!(steady(&text(&a.stdout)), steady(&text(&b.stdout)), "stdout of {args:?}");
        assert_eq!(text(&a.stderr), text(&b.stderr), "stderr of {args:?}");
        text(&a.stdout)
    };
    // `init` names the ledger, which differs; everything after prints the same.
    lite.ok(&["init"]);
    pg.ok(&["init"]);
    for text in &CLAIMS[..12] {
        same(&["claim", "add", text]);
    }
    same(&["claim", "add", "Turkey will send 1,000 troops to Niger by December!", "--on-duplicate", "skip"]);
    same(&["claim", "add", "Turkey will send 1,100 troops to Niger by December.", "--on-duplicate", "link"]);
    same(&["claim", "edit", "5", "Ankara plans to deploy 500 troops in Niger, sources say."]);
    for text in QUERIES {
        same(&["--format", "json", "similar", "--limit", "5", "--", text]);
        same(&["similar", "--", text]);
    }
    let found = same(&["--format", "json", "claim", "search", "vaccinat*"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&found).unwrap().as_array().map(Vec::len), Some(4));
    for search in SEARCHES {
        same(&["--format", "json", "claim", "search", "--", search]);
        same(&["claim", "list", "--search", search]);
    }
    same(&["diff", "1", "2"]);
    same(&["--format", "json", "diff", "1", "--text", "Turkey sends 900 troops to Niger."]);
    same(&["--format", "json", "similar", "--all"]);
    same(&["--format", "json", "similar", "--reindex"]);
    same(&["--format", "json", "similar", "Turkey will send 1,000 troops to Niger by December."]);
    same(&["--format", "json", "history"]);
}

#[test]
fn the_upgrade_to_migration_5_indexes_every_newsrooms_claims_again_under_its_own_counts() {
    let Some(mut schema) = Schema::ledger("matching_reindex") else { return };
    let ledger = ledger();
    let conn = ledger.sql();
    transfer::copy_ledger(Db::Sqlite(&conn), schema.pg.db()).unwrap();
    // A second newsroom with claims of its own, some in words the first one uses too.
    schema
        .pg
        .batch(
            "INSERT INTO orgs (name, name_key, kind, created_at) VALUES ('other', 'other', 'newsroom', '2026-11-27T10:00:00Z');
             SET claimtrack.org = '2'",
        )
        .unwrap();
    schema.pg.lock_newsroom(2);
    for text in ["Turkey will send 900 troops to Niger.", "Côte d'Ivoire sent 300 troops to Niamey."] {
        schema.pg.write(5_000, |db| add_indexed(*db, text, "2026-11-27T12:00:00Z")).unwrap();
    }
    schema.pg.batch("SET claimtrack.org = '1'").unwrap();
    schema.pg.lock_newsroom(1);
    let index_rows = |client: &mut postgres::Client| -> Vec<String> {
        let sql = "SELECT format('%s %s %s', org_id, term, claims) FROM claim_term_counts
                   UNION ALL SELECT format('%s totals %s %s', org_id, claims, tokens) FROM claims_fts_totals
                   UNION ALL SELECT format('%s fts %s %s', org_id, claim_id, terms) FROM claims_fts
                   UNION ALL SELECT format('key %s %s', id, text_key) FROM claims
                   UNION ALL SELECT format('q %s %s %s', claim_id, position, value) FROM claim_quantities
                   ORDER BY 1";
        client.query(sql, &[]).unwrap().iter().map(|r| r.get(0)).collect()
    };
    let before = index_rows(&mut schema.client);
    assert!(before.iter().any(|r| r.starts_with("2 troop 2")) && before.iter().any(|r| r.starts_with("1 troop ")));
    // An index written by an older claimtrack (accented words, say), one migration behind.
    schema
        .client
        .batch_execute(
            "UPDATE claims_fts SET terms = terms || ' stale';
             DELETE FROM claim_term_counts WHERE term LIKE 'n%';
             UPDATE claims_fts_totals SET tokens = tokens + 1;
             UPDATE claims SET text_key = 'stale' WHERE id = 1;
             UPDATE schema_version SET version = 4",
        )
        .unwrap();
    assert_ne!(index_rows(&mut schema.client), before);
    claimtrack::store::migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap();
    // Keys, words, each newsroom's counts and totals, and quantities: as they were written.
    assert_eq!(index_rows(&mut schema.client), before);
    assert_eq!(transfer::differences(Db::Sqlite(&conn), schema.pg.db()).unwrap(), Vec::<String>::new());
    let version: i64 = schema.client.query_one("SELECT version FROM schema_version", &[]).unwrap().get(0);
    assert_eq!(version, claimtrack::store::migrate_pg::schema_version());
}
