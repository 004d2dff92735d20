//! Sweep benchmark entry: builds ledgers of N claims, then times whole-process `claimtrack claim add`
//! against a bare rusqlite insert, `claimtrack flags`, and `claimtrack report` (whole ledger,
//! busiest source, busiest article) against the bare SQL GROUP BY each report needs.
//!
//! With `--compare OLD_BINARY` it instead times an older `claimtrack` against this build on the
//! same ledger, alternating their runs. With `--backends sqlite,postgres` it copies each ledger to
//! PostgreSQL and times the same commands on both engines side by side (`side_by_side.rs`).
//!
//! Run with `cargo bench --bench sweep -- [--sizes 1000,10000,100000] [--runs N] [--keep]
//! [--compare OLD_BINARY] [--backends sqlite,postgres] [--pg CONNINFO]` (`--help` lists the
//! options). The bench binary re-invokes itself with `--bare-insert DB TEXT` and
//! `--bare-aggregate DB SCOPE ID` for the baselines.

mod breakdown;
mod compare;
mod ledger;
mod matching;
mod options;
mod postgres;
mod side_by_side;
mod stats;
mod timing;

// The same PRNG and ledger generator the property tests use, so every run builds the same ledger.
#[path = "../../tests/common/random_ledger.rs"]
mod random_ledger;
#[path = "../../tests/common/rng.rs"]
mod rng;

use std::fmt::Display;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use options::Options;
use stats::{Stats, print_header, print_stats, print_summary, ratio};
use timing::{ReportTimes, claimtrack_binary, time_bare_insert, time_claim_add, time_flags, time_reports, time_runs};

/// From this size on, `flags` (which reads the whole ledger) runs at most `FLAGS_RUNS_CAP` times.
const BIG_SIZE: usize = 100_000;
const FLAGS_RUNS_CAP: usize = 10;
const BUSY_TIMEOUT_MS: u64 = claimtrack::store::DEFAULT_BUSY_TIMEOUT_MS;
const EDITOR: &str = "bench";

type Res<T> = Result<T, String>;

/// Prefixes an error with the step that failed.
fn step<T, E: Display>(what: &str, result: Result<T, E>) -> Res<T> {
    result.map_err(|e| format!("{what}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(timing::BARE_INSERT_ARG) => timing::bare_insert(&args[1..]),
        Some(timing::BARE_AGGREGATE_ARG) => timing::bare_aggregate(&args[1..]),
        _ => match options::parse(&args) {
            Ok(None) => {
                print!("{}", options::HELP);
                Ok(())
            }
            Ok(Some(options)) => match &options.compare {
                Some(old) => compare::run(&options, old),
                None if options.on_postgres() => side_by_side::run(&options),
                None => run(&options),
            },
            Err(message) => Err(message),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sweep: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Timings for one ledger size, for the summary table.
struct SizeResult {
    size: usize,
    build: Duration,
    claim_add: Stats,
    bare_insert: Stats,
    flags_json: Stats,
    flags_table: Stats,
    report: ReportTimes,
}

fn run(options: &Options) -> Res<()> {
    let binary = claimtrack_binary()?;
    print_header(options, &binary);
    let floor = time_runs(options.runs, |_| {
        let mut cmd = Command::new(&binary);
        cmd.arg("--version");
        cmd
    })
    .map_err(|e| format!("step 2 (run claimtrack --version): {e}"))?;
    print_stats("process floor", &floor);
    println!("                (`claimtrack --version`: spawn, exec, clap, exit; no database)");
    let mut results = Vec::new();
    let mut matched = Vec::new();
    for &size in &options.sizes {
        if !options.only_matching {
            results.push(run_size(&binary, size, options)?);
        }
        println!("\n== N = {size} generated news claims: matching ==");
        matched.push((
            size,
            matching::run(&binary, size, options.runs, options.keep).map_err(|e| format!("matching sweep: {e}"))?,
        ));
    }
    if !results.is_empty() {
        print_summary(&results);
    }
    println!("\n== matching (median ms; p90 in brackets; whole process) ==");
    println!("{:>10}  {:>18}  {:>8}  {:>8}  {:>18}", "claims", "similar", "R@1", "R@5", "claim add");
    for (size, m) in &matched {
        println!(
            "{size:>10}  {:>18}  {:>8.3}  {:>8.3}  {:>18}",
            format!("{:.1} [{:.1}]", m.similar.median_ms(), m.similar.p90_ms()),
            m.recall_1,
            m.recall_5,
            format!("{:.1} [{:.1}]", m.claim_add.median_ms(), m.claim_add.p90_ms())
        );
    }
    Ok(())
}

fn run_size(binary: &Path, size: usize, options: &Options) -> Res<SizeResult> {
    let runs = options.runs;
    println!("\n== N = {size} claims ==");
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-sweep-").tempdir())?;
    let db = dir.path().join("ledger.db");

    let started = Instant::now();
    let built = ledger::build(&db, size).map_err(|e| format!("step 1 (build ledger of {size} claims): {e}"))?;
    let build = started.elapsed();
    println!("build           {:>8.2} s   {}", build.as_secs_f64(), ledger::summary(&db));

    let claim_add = time_claim_add(binary, &db, &built, runs).map_err(|e| format!("step 3 (claim add): {e}"))?;
    print_stats("claim add", &claim_add);
    let bare_insert = time_bare_insert(&db, runs).map_err(|e| format!("step 4 (bare insert): {e}"))?;
    print_stats("bare insert", &bare_insert);
    println!("                ratio claim add / bare insert = {:.1}x", ratio(&claim_add, &bare_insert));

    let flag_runs = if size >= BIG_SIZE { runs.min(FLAGS_RUNS_CAP) } else { runs };
    let flags_json =
        time_flags(binary, &db, flag_runs, true).map_err(|e| format!("step 5 (flags --format json): {e}"))?;
    print_stats("flags json", &flags_json);
    let flags_table = time_flags(binary, &db, flag_runs, false).map_err(|e| format!("step 5 (flags table): {e}"))?;
    print_stats("flags table", &flags_table);

    let report = time_reports(binary, &db, flag_runs).map_err(|e| format!("step 6 (report): {e}"))?;

    let breakdown =
        breakdown::claim_add_breakdown(&db, &built, runs).map_err(|e| format!("claim add breakdown: {e}"))?;
    println!("{breakdown}");
    if options.keep {
        println!("kept ledger: {}", dir.keep().join("ledger.db").display());
    }
    Ok(SizeResult { size, build, claim_add, bare_insert, flags_json, flags_table, report })
}
