//! `--backends sqlite,postgres`: each size's ledgers built once as SQLite files, copied to
//! PostgreSQL with `claimtrack migrate`, and the same whole-process commands timed on each
//! backend in alternation (SQLite, PostgreSQL, SQLite, …, so both see the same machine load),
//! with the PostgreSQL/SQLite ratio and issue 12's goals beside them; with `--pooler`, also on the
//! same PostgreSQL copy through PgBouncer.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::matching::{self, Found};
use crate::options::{Backend, Options};
use crate::postgres::{PgLedger, ledger_on_server};
use crate::stats::{Stats, median_p90, print_header};
use crate::timing::{busiest, claim_add_command, claimtrack_binary, flags_command, report_command, run_once};
use crate::{BIG_SIZE, FLAGS_RUNS_CAP, Res, breakdown, ledger, step};

/// What issue 12 asks of a PostgreSQL figure.
#[derive(Clone, Copy)]
enum Goal {
    /// PostgreSQL's median at most this many times SQLite's.
    Ratio(f64),
    /// PostgreSQL's median at most this many milliseconds.
    MedianMs(f64),
}

/// One timed command: its times on each backend (in `--backends` order) and its goal, if any,
/// with the smallest ledger the goal is set for.
struct Row {
    label: String,
    times: Vec<Stats>,
    goal: Option<(Goal, usize)>,
}

/// The goals' sizes: "at 1M" in the issue.
const MILLION: usize = 1_000_000;

pub fn run(options: &Options) -> Res<()> {
    let binary = claimtrack_binary()?;
    print_header(options, &binary);
    let server = options.pg.as_deref().ok_or("no PostgreSQL server (--pg or CLAIMTRACK_TEST_PG)")?;
    println!(
        "each ledger is built as an SQLite file, copied to a fresh schema with `claimtrack migrate` (then \
         VACUUM ANALYZE, as autovacuum would), and each command alternates between the backends"
    );
    let mut summary = Vec::new();
    for &size in &options.sizes {
        let mut rows = Vec::new();
        if !options.only_matching {
            rows.extend(sweep_size(&binary, server, size, options)?);
        }
        rows.extend(matching_size(&binary, server, size, options)?);
        summary.push((size, rows));
    }
    print_summary(&options.backends, &summary);
    Ok(())
}

/// Where each backend's copy of a ledger is, as `--db` takes it; the PostgreSQL copy lives as long as this.
struct Copies {
    dbs: Vec<PathBuf>,
    _on_server: Option<PgLedger>,
}

/// The SQLite file `db` and, when PostgreSQL is among the backends, its copy in schema `name`.
fn copies(binary: &Path, server: &str, name: &str, db: &Path, options: &Options) -> Res<Copies> {
    let mut on_server = None;
    let mut dbs = Vec::new();
    for backend in &options.backends {
        match backend {
            Backend::Sqlite => dbs.push(db.to_path_buf()),
            Backend::Postgres => {
                let mut copy = ledger_on_server(binary, server, name, db)?;
                static SERVER: std::sync::Once = std::sync::Once::new();
                SERVER.call_once(|| println!("PostgreSQL: {}", copy.version));
                println!(
                    "copy to PG      {:>8.2} s   `claimtrack migrate` into schema {name}, then VACUUM ANALYZE {:.2} s; {:.1} MB on the server",
                    copy.copy.as_secs_f64(),
                    copy.vacuum.as_secs_f64(),
                    copy.megabytes()?
                );
                dbs.push(PathBuf::from(&copy.conninfo));
                if options.keep {
                    println!("kept PostgreSQL ledger: {}", copy.keep());
                }
                on_server = Some(copy);
            }
            Backend::Pooled => {
                // Options put it after postgres, whose copy it reaches through the pooler.
                let copy = on_server.as_mut().ok_or("the pooled backend needs the PostgreSQL copy first")?;
                let pooler = options.pooler.as_deref().ok_or("no pooler (--pooler)")?;
                let conninfo = copy.through(pooler)?;
                println!("through pooler  {conninfo}");
                dbs.push(PathBuf::from(conninfo));
            }
        }
    }
    Ok(Copies { dbs, _on_server: on_server })
}

/// `claim add`, `flags`, the whole-ledger and the busiest article's `report` on the random ledger.
fn sweep_size(binary: &Path, server: &str, size: usize, options: &Options) -> Res<Vec<Row>> {
    let runs = options.runs;
    println!("\n== N = {size} claims: {} ==", names(&options.backends));
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-sweep-").tempdir())?;
    let db = dir.path().join("ledger.db");
    let started = Instant::now();
    let built = ledger::build(&db, size).map_err(|e| format!("build ledger of {size} claims: {e}"))?;
    println!("build           {:>8.2} s   {}", started.elapsed().as_secs_f64(), ledger::summary(&db));
    let (_, article) = busiest(&db)?;
    let copies = copies(binary, server, &format!("sweep_{size}"), &db, options)?;
    let dbs = &copies.dbs;
    print_columns(&options.backends);

    let mut rows = Vec::new();
    let claim_add = time_each(dbs.len(), runs, |b, i| {
        claim_add_command(binary, &dbs[b], &built, &format!("Bench claim {i}: the port will reopen in March"))
    })
    .map_err(|e| format!("claim add: {e}"))?;
    rows.push(print_row(
        Row { label: "claim add".into(), times: claim_add, goal: Some((Goal::Ratio(2.0), 0)) },
        size,
        &options.backends,
    ));

    let read_runs = if size >= BIG_SIZE { runs.min(FLAGS_RUNS_CAP) } else { runs };
    let json = || vec!["--format".to_string(), "json".to_string()];
    let article_args = [json(), vec!["--article".into(), article.to_string()]].concat();
    let mut read = |label: &str, goal: Option<(Goal, usize)>, command: &dyn Fn(&Path) -> Command| -> Res<()> {
        let times = time_each(dbs.len(), read_runs, |b, _| command(&dbs[b])).map_err(|e| format!("{label}: {e}"))?;
        rows.push(print_row(Row { label: label.into(), times, goal }, size, &options.backends));
        Ok(())
    };
    read("flags json", None, &|db| flags_command(binary, db, true))?;
    read("report ledger", Some((Goal::Ratio(2.0), MILLION)), &|db| report_command(binary, db, &json()))?;
    read("report article", None, &|db| report_command(binary, db, &article_args))?;
    // In-process phases of `claim add`, for where the time goes on each engine.
    for (backend, db) in options.backends.iter().zip(dbs) {
        let phases = breakdown::claim_add_breakdown(db, &built, runs)
            .map_err(|e| format!("claim add breakdown on {}: {e}", backend.name()))?;
        println!("{:<10} {phases}", backend.name());
    }
    if options.keep {
        println!("kept ledger: {}", dir.keep().join("ledger.db").display());
    }
    Ok(rows)
}

/// `similar` for the matching ledger's re-reports and `claim add` (which looks for near-duplicates first).
fn matching_size(binary: &Path, server: &str, size: usize, options: &Options) -> Res<Vec<Row>> {
    println!("\n== N = {size} generated news claims: matching, {} ==", names(&options.backends));
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-matching-").tempdir())?;
    let db = dir.path().join("matching.db");
    let queries = matching::build_and_describe(&db, size)?;
    let copies = copies(binary, server, &format!("sweep_matching_{size}"), &db, options)?;
    let dbs = &copies.dbs;
    print_columns(&options.backends);

    let found = look_up_each(dbs.len(), &queries, |b, text| matching::similar_command(binary, &dbs[b], text))?;
    let mut rows = Vec::new();
    let times = found.iter().map(|f| f.similar.clone()).collect();
    rows.push(print_row(
        Row { label: "similar".into(), times, goal: Some((Goal::MedianMs(50.0), MILLION)) },
        size,
        &options.backends,
    ));
    for (backend, found) in options.backends.iter().zip(&found) {
        print!("{:<10}", backend.name());
        matching::print_recall(found);
    }
    let texts = matching::new_claims(options.runs);
    let claim_add = time_each(dbs.len(), options.runs, |b, i| matching::claim_add_command(binary, &dbs[b], &texts[i]))
        .map_err(|e| format!("claim add (matching ledger): {e}"))?;
    rows.push(print_row(Row { label: "claim add (m)".into(), times: claim_add, goal: None }, size, &options.backends));
    if options.keep {
        println!("kept ledger: {}", dir.keep().join("matching.db").display());
    }
    Ok(rows)
}

fn names(backends: &[Backend]) -> String {
    backends.iter().map(|b| b.name()).collect::<Vec<_>>().join(" and ")
}

/// Runs `command(backend, i)` on each backend in turn, once untimed, then `runs` times timed.
fn time_each(backends: usize, runs: usize, mut command: impl FnMut(usize, usize) -> Command) -> Res<Vec<Stats>> {
    let mut samples = vec![Vec::with_capacity(runs); backends];
    for i in 0..=runs {
        for (b, times) in samples.iter_mut().enumerate() {
            let took = run_once(i, command(b, i))?;
            if i > 0 {
                times.push(took);
            }
        }
    }
    Ok(samples.into_iter().map(Stats::of).collect())
}

/// [`matching::look_up`] on each backend, query by query in alternation, after one warm-up each.
fn look_up_each(
    backends: usize,
    queries: &[(String, i64)],
    mut command: impl FnMut(usize, &str) -> Command,
) -> Res<Vec<Found>> {
    let mut found: Vec<Vec<Found>> = (0..backends).map(|_| Vec::new()).collect();
    for (i, query) in queries.iter().enumerate() {
        for (b, found) in found.iter_mut().enumerate() {
            let one = std::slice::from_ref(query);
            found.push(matching::look_up(one, |text| command(b, text), i == 0)?);
        }
    }
    Ok(found.into_iter().map(|each| Found::merge(&each)).collect())
}

fn print_columns(backends: &[Backend]) {
    let mut line = format!("{:<15}", "command (ms)");
    for backend in backends {
        line.push_str(&format!(" {:>22}", format!("{} p50 [p90]", backend.name())));
    }
    for backend in ratioed(backends) {
        line.push_str(&format!(" {:>12}", format!("{}/SQLite", backend.short())));
    }
    line.push_str("  goal");
    println!("{line}");
}

/// The backends whose medians are shown as ratios to SQLite's (SQLite being the first).
fn ratioed(backends: &[Backend]) -> &[Backend] {
    match backends {
        [Backend::Sqlite, rest @ ..] => rest,
        _ => &[],
    }
}

/// One command's line, printed as soon as it is measured; the row itself, for the summary.
fn print_row(row: Row, size: usize, backends: &[Backend]) -> Row {
    println!("{}", cells(&row, size, backends));
    row
}

/// The line for `row` at ledger size `size`: each backend's median [p90], the ratios to SQLite,
/// and the goal with whether it is met (where it is set for this size) on each PostgreSQL path.
fn cells(row: &Row, size: usize, backends: &[Backend]) -> String {
    let mut line = format!("{:<15}", row.label);
    for times in &row.times {
        line.push_str(&format!(" {:>22}", median_p90(times)));
    }
    let ratios: Vec<f64> = match ratioed(backends) {
        [] => Vec::new(),
        _ => row.times[1..].iter().map(|t| t.median_ms() / row.times[0].median_ms()).collect(),
    };
    for ratio in &ratios {
        line.push_str(&format!(" {:>11.2}x", ratio));
    }
    if let Some((goal, from)) = row.goal {
        let text = match goal {
            Goal::Ratio(max) => format!("PG ≤ {max}× SQLite"),
            Goal::MedianMs(max) => format!("PG p50 ≤ {max} ms"),
        };
        let at = if from > 0 { format!(" at {}", thousands(from)) } else { String::new() };
        line.push_str(&format!("  {text}{at}"));
        if size >= from {
            // Each PostgreSQL path on its own: the direct connection, then the pooled one.
            let verdicts: Vec<String> = backends
                .iter()
                .enumerate()
                .filter(|(_, b)| **b != Backend::Sqlite)
                .filter_map(|(b, backend)| {
                    let met = match goal {
                        Goal::Ratio(max) => ratios.get(b.checked_sub(1)?).map(|r| *r <= max)?,
                        Goal::MedianMs(max) => row.times[b].median_ms() <= max,
                    };
                    let verdict = if met { "met" } else { "MISSED" };
                    Some(if backends.len() > 2 { format!("{} {verdict}", backend.short()) } else { verdict.into() })
                })
                .collect();
            if !verdicts.is_empty() {
                line.push_str(&format!("  {}", verdicts.join(", ")));
            }
        }
    }
    line.trim_end().to_string()
}

fn thousands(n: usize) -> String {
    match n {
        n if n >= MILLION && n % MILLION == 0 => format!("{}M", n / MILLION),
        n if n >= 1000 && n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}

fn print_summary(backends: &[Backend], summary: &[(usize, Vec<Row>)]) {
    println!("\n== side by side (whole process, median ms; p90 in brackets) ==");
    for (size, rows) in summary {
        println!("\n{size} claims");
        print_columns(backends);
        for row in rows {
            println!("{}", cells(row, *size, backends));
        }
    }
}

impl Found {
    /// One query's lookups after another's, as one set.
    fn merge(parts: &[Found]) -> Found {
        let n = parts.len().max(1) as f64;
        Found {
            similar: Stats::of(parts.iter().flat_map(|f| f.similar.samples().iter().copied()).collect()),
            recall_1: parts.iter().map(|f| f.recall_1).sum::<f64>() / n,
            recall_5: parts.iter().map(|f| f.recall_5).sum::<f64>() / n,
        }
    }
}
