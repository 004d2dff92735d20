//! Whole-process timings: running `claimtrack` commands, and the baselines they are compared
//! with (a bare rusqlite insert, the bare SQL GROUP BY a report needs), which the bench binary
//! runs by re-invoking itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, params};

use crate::random_ledger::Landmarks;
use crate::stats::{Stats, print_stats, ratio};
use crate::{BUSY_TIMEOUT_MS, EDITOR, Res, step};

pub const BARE_INSERT_ARG: &str = "--bare-insert";
pub const BARE_AGGREGATE_ARG: &str = "--bare-aggregate";

/// Report timings beside the bare SQL aggregates they need, all whole-process.
pub struct ReportTimes {
    pub ledger_json: Stats,
    pub ledger_table: Stats,
    pub ledger_aggregate: Stats,
    pub source_json: Stats,
    pub source_aggregate: Stats,
    pub article_json: Stats,
    pub article_aggregate: Stats,
}

/// The release `claimtrack` binary Cargo built for this bench, else `target/release/claimtrack`.
pub fn claimtrack_binary() -> Res<PathBuf> {
    let candidates = [
        option_env!("CARGO_BIN_EXE_claimtrack").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/claimtrack")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_file())
        .ok_or_else(|| "step 2 (locate binary): no claimtrack binary found; run `cargo build --release`".into())
}

/// Runs `command` once untimed, then `runs` times timed; any failure names the run.
pub fn time_runs(runs: usize, mut command: impl FnMut(usize) -> Command) -> Res<Stats> {
    let mut samples = Vec::with_capacity(runs);
    for i in 0..=runs {
        let elapsed = run_once(i, command(i))?;
        if i > 0 {
            samples.push(elapsed);
        }
    }
    Ok(Stats::of(samples))
}

/// Two binaries' timings of one command, run in alternation.
pub struct Alternated {
    pub old: Stats,
    pub new: Stats,
    /// Each new run's time over the old run just before it.
    pub paired_ratios: Vec<f64>,
}

/// Runs `command` for the old binary, then for the new one, once each untimed, then
/// `runs` times each timed, alternating old, new, old, new …; any failure names the run.
pub fn time_alternating(
    runs: usize,
    old: &Path,
    new: &Path,
    mut command: impl FnMut(&Path) -> Command,
) -> Res<Alternated> {
    let (mut old_samples, mut new_samples) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for i in 0..=runs {
        let old_took = run_once(i, command(old)).map_err(|e| format!("old binary: {e}"))?;
        let new_took = run_once(i, command(new)).map_err(|e| format!("new binary: {e}"))?;
        if i > 0 {
            old_samples.push(old_took);
            new_samples.push(new_took);
        }
    }
    let paired_ratios = new_samples.iter().zip(&old_samples).map(|(n, o)| n.as_secs_f64() / o.as_secs_f64()).collect();
    Ok(Alternated { old: Stats::of(old_samples), new: Stats::of(new_samples), paired_ratios })
}

/// Runs one command to completion, output discarded, and returns its wall time spawn to exit.
pub fn run_once(i: usize, mut cmd: Command) -> Res<Duration> {
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    let started = Instant::now();
    let output = cmd.output().map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "run {i} exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(elapsed)
}

fn claimtrack_command(binary: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env_remove("CLAIMTRACK_DB").env_remove("CLAIMTRACK_NOW").arg("--db").arg(db).args(["--editor", EDITOR]);
    // The user's own config file (a default format, colour) must not change what is timed.
    cmd.env("CLAIMTRACK_CONFIG", db.with_extension("no-config.toml"));
    cmd
}

/// `claim add TEXT` with a citation of the landmark person in the landmark article, quoted.
pub fn claim_add_command(binary: &Path, db: &Path, built: &Landmarks, text: &str) -> Command {
    let mut cmd = claimtrack_command(binary, db);
    cmd.args(["claim", "add", text])
        .args(["--article", &built.article.to_string(), "--source", &built.person.to_string()])
        .args(["--quote", "the port will reopen in March"]);
    cmd
}

pub fn time_claim_add(binary: &Path, db: &Path, built: &Landmarks, runs: usize) -> Res<Stats> {
    time_runs(runs, |i| {
        claim_add_command(binary, db, built, &format!("Bench claim {i}: the port will reopen in March"))
    })
}

pub fn time_bare_insert(db: &Path, runs: usize) -> Res<Stats> {
    let me = step("locate the bench binary", std::env::current_exe())?;
    time_runs(runs, |i| {
        let mut cmd = Command::new(&me);
        cmd.arg(BARE_INSERT_ARG).arg(db).arg(format!("Bare claim {i}"));
        cmd
    })
}

/// `flags` over the whole ledger, as JSON or as the table.
pub fn flags_command(binary: &Path, db: &Path, json: bool) -> Command {
    let mut cmd = claimtrack_command(binary, db);
    cmd.arg("flags");
    if json {
        cmd.args(["--format", "json"]);
    }
    cmd
}

pub fn time_flags(binary: &Path, db: &Path, runs: usize, json: bool) -> Res<Stats> {
    time_runs(runs, |_| flags_command(binary, db, json))
}

/// `report` with `args` (none: the whole ledger, as the table).
pub fn report_command(binary: &Path, db: &Path, args: &[String]) -> Command {
    let mut cmd = claimtrack_command(binary, db);
    cmd.arg("report").args(args);
    cmd
}

/// The source with the most citations and the article with the most citations, as report targets.
pub fn busiest(db: &Path) -> Res<(i64, i64)> {
    let conn = step("open for report targets", Connection::open(db))?;
    let query = |sql: &str| -> Res<i64> { step("find report targets", conn.query_row(sql, [], |r| r.get(0))) };
    Ok((
        query("SELECT source_id FROM citations WHERE source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")?,
        query("SELECT article_id FROM citations GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")?,
    ))
}

pub fn time_reports(binary: &Path, db: &Path, runs: usize) -> Res<ReportTimes> {
    let (source, article) = busiest(db)?;
    let me = step("locate the bench binary", std::env::current_exe())?;
    let report = |args: Vec<String>| time_runs(runs, |_| report_command(binary, db, &args));
    let aggregate = |scope: &str, id: i64| {
        time_runs(runs, |_| {
            let mut cmd = Command::new(&me);
            cmd.arg(BARE_AGGREGATE_ARG).arg(db).arg(scope).arg(id.to_string());
            cmd
        })
    };
    let json = || vec!["--format".to_string(), "json".to_string()];
    let times = ReportTimes {
        ledger_json: report(json())?,
        ledger_table: report(vec![])?,
        ledger_aggregate: aggregate("ledger", 0)?,
        source_json: report([json(), vec!["--source".into(), source.to_string()]].concat())?,
        source_aggregate: aggregate("source", source)?,
        article_json: report([json(), vec!["--article".into(), article.to_string()]].concat())?,
        article_aggregate: aggregate("article", article)?,
    };
    print_stats("report ledger", &times.ledger_json);
    print_stats("  as table", &times.ledger_table);
    print_stats("  bare GROUP BY", &times.ledger_aggregate);
    println!(
        "                ratio report / bare aggregate = {:.1}x",
        ratio(&times.ledger_json, &times.ledger_aggregate)
    );
    print_stats(&format!("report source {source}"), &times.source_json);
    print_stats("  bare GROUP BY", &times.source_aggregate);
    println!(
        "                ratio report / bare aggregate = {:.1}x",
        ratio(&times.source_json, &times.source_aggregate)
    );
    print_stats(&format!("report article {article}"), &times.article_json);
    print_stats("  bare GROUP BY", &times.article_aggregate);
    println!(
        "                ratio report / bare aggregate = {:.1}x",
        ratio(&times.article_json, &times.article_aggregate)
    );
    Ok(times)
}

/// The baseline for reports: open the ledger and run the one GROUP BY a report
/// of that scope cannot do without (citations per source and attribution kind),
/// reading every result row.
pub fn bare_aggregate(args: &[String]) -> Res<()> {
    let [db, scope, id] = args else {
        return Err(format!("usage: sweep {BARE_AGGREGATE_ARG} DB ledger|source|article ID"));
    };
    let conn = step("bare aggregate: open", Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
    let id: i64 = step("bare aggregate: id", id.parse::<i64>())?;
    let sql = match scope.as_str() {
        "ledger" => {
            "SELECT source_id, kind, count(*), count(DISTINCT claim_id) FROM citations WHERE ?1 = ?1 GROUP BY source_id, kind"
        }
        "source" => "SELECT kind, count(*), count(DISTINCT claim_id) FROM citations WHERE source_id = ?1 GROUP BY kind",
        "article" => {
            "SELECT kind, count(*), count(DISTINCT claim_id) FROM citations WHERE article_id = ?1 GROUP BY kind"
        }
        other => return Err(format!("bare aggregate: unknown scope {other}")),
    };
    let mut stmt = step("bare aggregate: prepare", conn.prepare(sql))?;
    let mut rows = step("bare aggregate: query", stmt.query([id]))?;
    let mut total = 0_i64;
    while let Some(row) = step("bare aggregate: row", rows.next())? {
        total += step("bare aggregate: count", row.get::<_, i64>(2))?;
    }
    std::hint::black_box(total);
    Ok(())
}

/// The baseline process: open the ledger as the store does, insert one claim row, exit.
pub fn bare_insert(args: &[String]) -> Res<()> {
    let [db, text] = args else {
        return Err(format!("usage: sweep {BARE_INSERT_ARG} DB TEXT"));
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = step("bare insert: open", Connection::open_with_flags(db, flags))?;
    step("bare insert: busy_timeout", conn.busy_timeout(Duration::from_millis(BUSY_TIMEOUT_MS)))?;
    step("bare insert: foreign_keys", conn.pragma_update(None, "foreign_keys", "ON"))?;
    step("bare insert: synchronous", conn.pragma_update(None, "synchronous", "NORMAL"))?;
    // WAL is persistent and was set when the ledger was created; confirm it rather than re-set it.
    let mode: String = step("bare insert: journal_mode", conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(format!("bare insert: {db} is in {mode} mode, not WAL"));
    }
    let at = claimtrack::date::timestamp(chrono::Utc::now());
    step(
        "bare insert: INSERT",
        conn.execute("INSERT INTO claims (text, created_at, updated_at) VALUES (?1, ?2, ?2)", params![text, at]),
    )?;
    Ok(())
}
