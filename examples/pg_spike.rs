//! The PostgreSQL spike's timing (docs/postgres-port.md): the same store calls through `store::db` on SQLite and PostgreSQL.
//!
//! `.ci/pg-cluster run cargo run --release --example pg_spike -- 2000`
//! Each write is its own transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN + advisory lock),
//! inserting one source and one alias, without audit events on either side.

use std::time::Instant;

use claimtrack::model::{SourceId, SourceKind};
use claimtrack::store::db::Pg;
use claimtrack::store::sources::{self, NewSource};
use claimtrack::store::{Author, OpenMode, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = std::env::args().nth(1).map_or(Ok(1000), |n| n.parse())?;
    let target = std::env::var("CLAIMTRACK_TEST_PG").map_err(|_| "set CLAIMTRACK_TEST_PG (see .ci/pg-cluster)")?;
    let author = Author { editor: "spike".into(), at: "2026-11-27T13:00:00Z".into(), command: "spike".into() };
    let names: Vec<String> = (0..count).map(|i| format!("Source {i:06}")).collect();

    let dir = std::env::temp_dir().join(format!("claimtrack-pg-spike-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut lite = Store::open(&dir.join("ledger.db"), OpenMode::Create, 5_000)?;
    let started = Instant::now();
    for name in &names {
        lite.write(&author, |tx| {
            let id = SourceId(sources::insert_source(tx.db(), &new(name), &author.at)?);
            sources::insert_alias(tx.db(), id, &format!("{name} alias"), &author.at)
        })?;
    }
    let lite_write = started.elapsed();
    drop(lite);
    let started = Instant::now();
    let lite = Store::open(&dir.join("ledger.db"), OpenMode::Existing, 5_000)?;
    let lite_open = started.elapsed();
    let started = Instant::now();
    let lite_list = sources::list(lite.db(), None)?;
    let lite_read = started.elapsed();

    let started = Instant::now();
    let pg = Pg::connect(&target)?;
    let pg_open = started.elapsed();
    pg.batch("DROP SCHEMA IF EXISTS spike_bench CASCADE; CREATE SCHEMA spike_bench; SET search_path = spike_bench")?;
    pg.batch(include_str!("../schema-postgres.sql"))?;
    // As the owner, for one newsroom (schema-postgres.sql, migration 3).
    let desk = claimtrack::store::orgs::add(pg.db(), "desk", "newsroom", "2026-11-27T00:00:00Z")?;
    pg.batch(&format!("SET claimtrack.org = '{}'", desk.id))?;
    let started = Instant::now();
    for name in &names {
        pg.write(5_000, |db| {
            let id = SourceId(sources::insert_source(*db, &new(name), &author.at)?);
            sources::insert_alias(*db, id, &format!("{name} alias"), &author.at)
        })?;
    }
    let pg_write = started.elapsed();
    let started = Instant::now();
    let pg_list = sources::list(pg.db(), None)?;
    let pg_read = started.elapsed();
    pg.batch("DROP SCHEMA spike_bench CASCADE")?;
    std::fs::remove_dir_all(&dir)?;

    if serde_json::to_string(&lite_list)? != serde_json::to_string(&pg_list)? {
        return Err("the two backends listed different sources".into());
    }
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / count as f64;
    println!("{count} write transactions (one source + one alias each), then one list of them all:");
    println!("        open (existing)   per write    list");
    println!("SQLite      {:>6.2} ms {:>8.1} µs {:>7.1} ms", ms(lite_open), per(lite_write), ms(lite_read));
    println!("PostgreSQL  {:>6.2} ms {:>8.1} µs {:>7.1} ms", ms(pg_open), per(pg_write), ms(pg_read));
    println!("the two lists agree ({} sources)", pg_list.len());
    Ok(())
}

fn new(name: &str) -> NewSource<'_> {
    NewSource { name, kind: SourceKind::Outlet, url: None, note: None }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
