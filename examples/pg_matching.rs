//! `similar` on both engines over one ledger, in-process: copies an SQLite ledger into a fresh
//! PostgreSQL schema, then times `ops::matching::matches_in` for re-worded copies of some of its
//! claims on each engine and counts the lookups whose matches (ids, order, scores) differ.
//!
//! `.ci/pg-cluster run cargo run --release --example pg_matching -- LEDGER.db [QUERIES]`
//! (a ledger from `cargo bench --bench sweep -- --only-matching --sizes 100000 --keep`, say).

use std::time::{Duration, Instant};

use claimtrack::ops::matching::matches_in;
use claimtrack::store::db::Pg;
use claimtrack::store::{OpenMode, Store, transfer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: pg_matching LEDGER.db [QUERIES]")?;
    let queries: usize = args.next().map_or(Ok(200), |n| n.parse())?;
    let target = std::env::var("CLAIMTRACK_TEST_PG").map_err(|_| "set CLAIMTRACK_TEST_PG (see .ci/pg-cluster)")?;
    let lite = Store::open(std::path::Path::new(&path), OpenMode::Existing, 5_000)?;

    let pg = Pg::connect(&target)?;
    let schema = format!("similar_timing_{}", std::process::id());
    pg.batch(&format!("CREATE SCHEMA {schema}; SET search_path = {schema}"))?;
    claimtrack::store::migrate_pg::run(&pg, &schema, 60_000)?;
    // As the owner, for one newsroom (schema-postgres.sql, migration 3).
    let desk = claimtrack::store::orgs::add(pg.db(), "desk", "newsroom", "2026-11-27T00:00:00Z")?;
    pg.batch(&format!("SET claimtrack.org = '{}'", desk.id))?;
    let started = Instant::now();
    let copied = transfer::copy_ledger(lite.db(), pg.db())?;
    println!("copied {} rows in {:.1} s", copied.rows(), started.elapsed().as_secs_f64());
    pg.batch("ANALYZE")?;

    // Every n-th claim, re-worded the way outlets re-report: a frame added, the first word dropped.
    let claims: Vec<String> = {
        let mut stmt = lite
            .sqlite("the ledger's claims")?
            .prepare("SELECT text FROM claims WHERE status = 'active' ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let step = (claims.len() / queries.max(1)).max(1);
    let texts: Vec<String> = claims
        .iter()
        .step_by(step)
        .take(queries)
        .map(|c| format!("According to officials, {}", c.split_once(' ').map_or(c.as_str(), |(_, rest)| rest)))
        .collect();

    let (mut on_lite, mut on_pg, mut differ) = (Vec::new(), Vec::new(), 0);
    for text in &texts {
        let started = Instant::now();
        let a = matches_in(lite.db(), text, 5, None)?;
        on_lite.push(started.elapsed());
        let started = Instant::now();
        let b = matches_in(pg.db(), text, 5, None)?;
        on_pg.push(started.elapsed());
        let key = |m: &[claimtrack::ops::matching::Match]| {
            m.iter().map(|m| (m.claim_id, m.score.to_bits())).collect::<Vec<_>>()
        };
        if key(&a) != key(&b) {
            differ += 1;
        }
    }
    println!("{} claims, {} lookups; matches differ in {differ}", claims.len(), texts.len());
    println!("          p50       p90");
    for (name, times) in [("SQLite", &mut on_lite), ("PostgreSQL", &mut on_pg)] {
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!("{name:<10} {:>6.2} ms {:>6.2} ms", ms(at(0.5)), ms(at(0.9)));
    }
    pg.batch(&format!("DROP SCHEMA {schema} CASCADE"))?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
