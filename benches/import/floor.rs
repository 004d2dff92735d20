//! The floor under `claimtrack import`: a bare rusqlite loop writing the rows an import of the
//! bench CSV writes (per record a claim, an article with its own URL and a citation; 22,000
//! sources) into a fresh ledger's schema, in one transaction, with the secondary indexes dropped
//! and built after, as the import does — but no lookups, no audit record, no matching index.
//!
//! Run with `cargo bench --bench import-floor -- [ROWS]` (default 1,000,000). It prints the
//! seconds each phase took: what any loader that keeps this schema must spend at least.

use std::time::Instant;

use rusqlite::{Connection, params};

const SPEAKERS: i64 = 20_000;
const OUTLETS: i64 = 2_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: i64 = std::env::args().skip(1).find(|a| !a.starts_with('-')).map_or(Ok(1_000_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("floor.db");
    drop(claimtrack::store::Store::open(&db, claimtrack::store::OpenMode::Create, 5_000)?);
    let conn = Connection::open(&db)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -262_144)?;
    let started = Instant::now();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('claims', 'citations', 'articles', 'sources')",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let at = "2026-01-01T00:00:00Z";
    {
        let mut source =
            conn.prepare("INSERT INTO sources (name, kind, created_at, name_key) VALUES (?1, ?2, ?3, ?4)")?;
        for i in 0..SPEAKERS {
            let name = format!("Speaker {i}");
            source.execute(params![name, "person", at, name.to_lowercase()])?;
        }
        for i in 0..OUTLETS {
            let name = format!("Outlet {i}");
            source.execute(params![name, "outlet", at, name.to_lowercase()])?;
        }
        let mut article = conn.prepare(
            "INSERT INTO articles (publisher_id, url, title, published, published_precision, created_at, title_key)
             VALUES (?1, ?2, ?2, '2016-01-03', 'day', ?3, ?2)",
        )?;
        let mut claim = conn.prepare(
            "INSERT INTO claims (text, created_at, updated_at, imported_from, title, text_key)
             VALUES (?1, ?2, ?2, ?3, ?1, ?4)",
        )?;
        let mut citation = conn.prepare(
            "INSERT INTO citations (claim_id, article_id, source_id, kind, created_at) VALUES (?1, ?2, ?3, 'named', ?4)",
        )?;
        for i in 0..rows {
            let url = format!("https://news{}.example/a/{i}", i % OUTLETS);
            article.execute(params![SPEAKERS + 1 + i % OUTLETS, url, at])?;
            let article_id = conn.last_insert_rowid();
            let text = format!("police tax road gas harbour council union job budget hospital ({i})");
            claim.execute(params![text, at, format!("claims.csv line {}", i + 2), text.to_lowercase()])?;
            let claim_id = conn.last_insert_rowid();
            citation.execute(params![claim_id, article_id, 1 + i % SPEAKERS, at])?;
        }
    }
    let loaded = started.elapsed();
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    let indexed = started.elapsed();
    conn.execute_batch("COMMIT")?;
    let total = started.elapsed();
    println!(
        "bare rusqlite, {rows} records: load {:.2} s, indexes {:.2} s, commit {:.2} s, total {:.2} s",
        loaded.as_secs_f64(),
        (indexed - loaded).as_secs_f64(),
        (total - indexed).as_secs_f64(),
        total.as_secs_f64()
    );
    Ok(())
}
