//! CheckThat! claim retrieval in one process: loads a collection's claim sentences into a
//! fresh ledger through the library (as `claim add` records them), asks `ops::matching::similar`
//! for each query, and prints MAP@1, MAP@5 and Recall@5 as `score-matching` does (trec_eval's
//! convention: AP over the relevant claims), in seconds rather than the scorer's minutes of
//! process starts. For tuning the ranking; the README's figures come from `score-matching`.
//!
//! `cargo bench --bench checkthat -- --collection CLAIMS.tsv --queries QUERIES.tsv --qrels QRELS
//! [--signals FILE] [--misses FILE]`. `--signals` writes, for every query and each of its top
//! 100 matches, the query id, whether the match is right (1/0) and the ranking's signals,
//! tab-separated, so other weights can be tried on them (`src/matching/rank.rs`, `WEIGHTS`).
//! `--misses` writes each query whose right claim is not ranked first, with the right claim and
//! the three claims found first, for reading what the ranking gets wrong.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use claimtrack::ops::matching;
use claimtrack::store::{Author, OpenMode, Store};

type Res<T> = Result<T, String>;

fn read_tsv(path: &str) -> Res<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("{path}: {e}"))?;
    reader
        .records()
        .map(|r| r.map(|r| r.iter().map(String::from).collect()).map_err(|e| format!("{path}: {e}")))
        .collect()
}

/// The claim sentences (`vclaim` column) with their ids, as `score-matching` reads them.
fn collection(path: &str) -> Res<Vec<(String, String)>> {
    let rows = read_tsv(path)?;
    let header = rows.first().ok_or(format!("{path} is empty"))?;
    let column = header.iter().position(|h| h == "vclaim").ok_or(format!("{path}: no 'vclaim' column"))?;
    Ok(rows[1..]
        .iter()
        .filter(|r| r.len() > column && !r[column].trim().is_empty())
        .map(|r| (r[0].clone(), r[column].clone()))
        .collect())
}

/// Query id and text, skipping a header row.
fn queries(path: &str) -> Res<Vec<(String, String)>> {
    let rows = read_tsv(path)?;
    Ok(rows
        .into_iter()
        .enumerate()
        .filter(|(i, r)| r.len() >= 2 && !(*i == 0 && (r[0].is_empty() || r[1] == "tweet_content" || r[1] == "text")))
        .map(|(_, r)| (r[0].clone(), r[1].clone()))
        .collect())
}

/// The right claims of each query (TREC qrels: `query 0 claim relevance`).
fn qrels(path: &str) -> Res<HashMap<String, HashSet<String>>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut gold: HashMap<String, HashSet<String>> = HashMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() >= 4 && parts[3] != "0" {
            gold.entry(parts[0].into()).or_default().insert(parts[2].into());
        }
    }
    Ok(gold)
}

fn run(args: &HashMap<String, String>) -> Res<()> {
    let get = |k: &str| args.get(k).cloned().ok_or(format!("{k} is needed (see the top of benches/checkthat.rs)"));
    let claims = collection(&get("--collection")?)?;
    let queries = queries(&get("--queries")?)?;
    let gold = qrels(&get("--qrels")?)?;
    let dir = tempfile::Builder::new().prefix("claimtrack-checkthat-").tempdir().map_err(|e| e.to_string())?;
    let mut store = Store::open(&dir.path().join("claims.db"), OpenMode::Create, 5_000).map_err(|e| e.to_string())?;
    let author = Author { editor: "bench".into(), at: "2025-09-22T10:00:00Z".into(), command: "bench".into() };
    let started = Instant::now();
    let ids: HashMap<i64, String> = store
        .write(&author, |tx| {
            let mut ids = HashMap::new();
            for (vclaim, text) in &claims {
                ids.insert(claimtrack::ops::claims::record(tx, text, None)?.0, vclaim.clone());
            }
            Ok(ids)
        })
        .map_err(|e| e.to_string())?;
    println!("loaded {} claims in {:.1} s", ids.len(), started.elapsed().as_secs_f64());
    let signals = args.get("--signals");
    let mut dump = String::new();
    let mut misses = String::new();
    let (mut ap1, mut ap5, mut recall5, mut n) = (0.0, 0.0, 0.0, 0usize);
    let started = Instant::now();
    for (qid, text) in &queries {
        let Some(relevant) = gold.get(qid) else { continue };
        let found = matching::similar(&store, text, if signals.is_some() { 100 } else { 5 }).unwrap_or_default();
        let ranking: Vec<&str> = found.iter().map(|m| ids.get(&m.claim_id.0).map_or("", String::as_str)).collect();
        let ap = |k: usize| {
            let (mut hits, mut total) = (0.0, 0.0);
            for (rank, v) in ranking.iter().take(k).enumerate() {
                if relevant.contains(*v) {
                    hits += 1.0;
                    total += hits / (rank + 1) as f64;
                }
            }
            total / relevant.len() as f64
        };
        ap1 += ap(1);
        ap5 += ap(5);
        recall5 += ranking.iter().take(5).filter(|v| relevant.contains(**v)).count() as f64 / relevant.len() as f64;
        n += 1;
        if let Some(misses) = args.get("--misses").map(|_| &mut misses) {
            let at = ranking.iter().position(|v| relevant.contains(*v));
            if at != Some(0) {
                let texts: HashMap<&str, &str> = claims.iter().map(|(v, t)| (v.as_str(), t.as_str())).collect();
                let _ = writeln!(
                    misses,
                    "## {qid} (right claim at {})\nQ: {}",
                    at.map_or("-".into(), |a| (a + 1).to_string()),
                    text.replace('\n', " ")
                );
                for v in relevant {
                    let _ = writeln!(misses, "GOLD: {}", texts.get(v.as_str()).unwrap_or(&""));
                }
                for (m, _) in found.iter().zip(&ranking).take(3) {
                    let _ = writeln!(misses, "  {:.3} {}", m.score, m.text);
                }
            }
        }
        for (m, v) in found.iter().zip(&ranking) {
            let s = &m.signals;
            let right = u8::from(relevant.contains(*v));
            let _ =
                writeln!(dump, "{qid}\t{right}\t{}\t{}\t{}\t{}\t{}", s.bm25, s.overlap, s.chars, s.coverage, s.rarest);
        }
    }
    let q = n.max(1) as f64;
    println!(
        "{n} queries, {:.1} ms each in-process\nMAP@1={:.3} MAP@5={:.3} Recall@5={:.3}",
        started.elapsed().as_secs_f64() * 1000.0 / q,
        ap1 / q,
        ap5 / q,
        recall5 / q
    );
    if let Some(path) = args.get("--misses") {
        std::fs::write(path, misses).map_err(|e| format!("{path}: {e}"))?;
    }
    if let Some(path) = signals {
        std::fs::write(path, dump).map_err(|e| format!("{path}: {e}"))?;
        println!("signals (query, right, bm25, overlap, chars, coverage, rarest) in {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut options = HashMap::new();
    for pair in args.chunks(2) {
        match pair {
            [k, v] if k.starts_with("--") => {
                options.insert(k.clone(), v.clone());
            }
            _ => {
                eprintln!("usage: cargo bench --bench checkthat -- --collection F --queries F --qrels F [--signals F]");
                return ExitCode::from(2);
            }
        }
    }
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("checkthat: {e}");
            ExitCode::FAILURE
        }
    }
}
