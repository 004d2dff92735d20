//! Sweep benchmark: builds ledgers of N claims, then times whole-process `claimtrack claim add`
//! against a bare rusqlite insert, `claimtrack flags`, and `claimtrack report` (whole ledger,
//! busiest source, busiest article) against the bare SQL GROUP BY each report needs.
//!
//! Run with `cargo bench --bench sweep -- [--sizes 1000,10000,100000] [--runs N] [--keep]`.
//! The bench binary re-invokes itself with `--bare-insert DB TEXT` for the baseline.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use claimtrack::date::PartialDate;
use claimtrack::model::{
    ArticleId, Attribution, CitationKind, ClaimId, LinkTarget, Rating, SourceId, SourceKind, Stance,
};
use claimtrack::store::articles::NewArticle;
use claimtrack::store::claims::NewCitation;
use claimtrack::store::sources::NewSource;
use claimtrack::store::{Author, OpenMode, Store, Tx};
use rusqlite::{Connection, OpenFlags, params};

const BARE_INSERT_ARG: &str = "--bare-insert";
const BARE_AGGREGATE_ARG: &str = "--bare-aggregate";
const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const DEFAULT_RUNS: usize = 30;
/// Claims written per transaction while building, so memory stays bounded.
const CLAIMS_PER_TX: usize = 10_000;
/// From this size on, `flags` (which reads the whole ledger) runs at most `FLAGS_RUNS_CAP` times.
const BIG_SIZE: usize = 100_000;
const FLAGS_RUNS_CAP: usize = 10;
const BUSY_TIMEOUT_MS: u64 = claimtrack::store::DEFAULT_BUSY_TIMEOUT_MS;
const EDITOR: &str = "bench";

// The same generator the property tests use, so every run builds the same ledger.
#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

type Res<T> = Result<T, String>;

/// Prefixes an error with the step that failed.
fn step<T, E: Display>(what: &str, result: Result<T, E>) -> Res<T> {
    result.map_err(|e| format!("{what}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(BARE_INSERT_ARG) => bare_insert(&args[1..]),
        Some(BARE_AGGREGATE_ARG) => bare_aggregate(&args[1..]),
        _ => parse_options(&args).and_then(|options| run(&options)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sweep: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    /// Keep each ledger (and print where) instead of deleting it, for poking at afterwards.
    keep: bool,
}

fn parse_options(args: &[String]) -> Res<Options> {
    let mut options = Options { sizes: DEFAULT_SIZES.to_vec(), runs: DEFAULT_RUNS, keep: false };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| rest.next().cloned()).ok_or(format!("{name} needs a value"));
        match name {
            // `cargo bench` passes `--bench` to harness-less benches.
            "--bench" => {}
            "--sizes" => options.sizes = parse_sizes(&value()?)?,
            "--runs" => options.runs = parse_count("--runs", &value()?)?,
            "--keep" => options.keep = true,
            other => return Err(format!("unknown argument {other:?} (expected --sizes A,B,C, --runs N, --keep)")),
        }
    }
    Ok(options)
}

fn parse_sizes(text: &str) -> Res<Vec<usize>> {
    let sizes: Vec<usize> =
        text.split(',').filter(|s| !s.trim().is_empty()).map(|s| parse_count("--sizes", s)).collect::<Res<_>>()?;
    if sizes.is_empty() {
        return Err("--sizes needs at least one size".into());
    }
    Ok(sizes)
}

fn parse_count(name: &str, text: &str) -> Res<usize> {
    match text.trim().replace('_', "").parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name}: {text:?} is not a positive whole number")),
    }
}

// ---------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------

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

/// Report timings beside the bare SQL aggregates they need, all whole-process.
struct ReportTimes {
    ledger_json: Stats,
    ledger_table: Stats,
    ledger_aggregate: Stats,
    source_json: Stats,
    source_aggregate: Stats,
    article_json: Stats,
    article_aggregate: Stats,
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
    for &size in &options.sizes {
        results.push(run_size(&binary, size, options)?);
    }
    print_summary(&results);
    Ok(())
}

fn run_size(binary: &Path, size: usize, options: &Options) -> Res<SizeResult> {
    let runs = options.runs;
    println!("\n== N = {size} claims ==");
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-sweep-").tempdir())?;
    let db = dir.path().join("ledger.db");

    let started = Instant::now();
    let built = build_ledger(&db, size).map_err(|e| format!("step 1 (build ledger of {size} claims): {e}"))?;
    let build = started.elapsed();
    println!("build           {:>8.2} s   {}", build.as_secs_f64(), built.summary(&db));

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

    let breakdown = claim_add_breakdown(&db, &built, runs).map_err(|e| format!("claim add breakdown: {e}"))?;
    println!("{breakdown}");
    if options.keep {
        println!("kept ledger: {}", dir.keep().join("ledger.db").display());
    }
    Ok(SizeResult { size, build, claim_add, bare_insert, flags_json, flags_table, report })
}

// ---------------------------------------------------------------------------
// Step 1: building a ledger through the library
// ---------------------------------------------------------------------------

/// The mix of source kinds, repeated over the sources in order.
const KIND_MIX: [SourceKind; 20] = {
    use SourceKind::*;
    [
        Outlet,
        Person,
        Agency,
        Government,
        Person,
        Outlet,
        Organization,
        Person,
        Document,
        Anonymous,
        Outlet,
        Person,
        Government,
        Agency,
        Person,
        Outlet,
        Organization,
        Person,
        Government,
        Anonymous,
    ]
};

const FIRST_NAMES: [&str; 8] = ["Amina", "Boris", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana"];
const LAST_NAMES: [&str; 8] = ["Okafor", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Yilmaz", "Silva", "Novak"];
const PLACES: [&str; 10] =
    ["Niamey", "Ankara", "Lagos", "Tripoli", "Bamako", "Khartoum", "Dakar", "Tunis", "Rabat", "Cairo"];
const ACTORS: [&str; 8] = [
    "The defence ministry",
    "Rebel forces",
    "The central bank",
    "A UN panel",
    "The governor",
    "Aid agencies",
    "Police",
    "The president",
];
const VERBS: [&str; 8] = [
    "will deploy",
    "has suspended",
    "plans to build",
    "denied funding",
    "agreed to train",
    "seized",
    "postponed",
    "doubled",
];
const OBJECTS: [&str; 8] = [
    "elite troops",
    "the fuel subsidy",
    "a new port",
    "border patrols",
    "the election",
    "grain exports",
    "two dams",
    "drone strikes",
];

/// What the build produced, for choosing ids in later steps and for the printout.
struct Built {
    /// A named (person) source to attribute bench claims to.
    person: SourceId,
    /// An article without stored text, so `--quote` needs no locating.
    article: ArticleId,
}

impl Built {
    fn summary(&self, db: &Path) -> String {
        let counts = count_rows(db).unwrap_or_else(|e| format!("(row counts unavailable: {e})"));
        let megabytes = std::fs::metadata(db).map(|m| m.len() as f64 / 1e6).unwrap_or(f64::NAN);
        format!("{counts}; file {megabytes:.1} MB")
    }
}

/// Everything created so far, so later rows can point at earlier ones.
struct Pools {
    sources: Vec<(SourceId, SourceKind)>,
    publishers: Vec<SourceId>,
    attributable: Vec<SourceId>,
    anonymous: Vec<SourceId>,
    articles: Vec<ArticleId>,
    claims: Vec<ClaimId>,
}

fn build_ledger(db: &Path, size: usize) -> Res<Built> {
    let mut store = step("open new ledger", Store::open(db, OpenMode::Create, BUSY_TIMEOUT_MS))?;
    let mut rng = Rng::new(0x5EED_0000 ^ size as u64);
    let batches = size.div_ceil(CLAIMS_PER_TX);
    let author = |batch: usize| Author {
        editor: "bench-loader".into(),
        at: batch_timestamp(batch, batches),
        command: "bench load".into(),
    };

    let mut pools = Pools {
        sources: Vec::new(),
        publishers: Vec::new(),
        attributable: Vec::new(),
        anonymous: Vec::new(),
        articles: Vec::new(),
        claims: Vec::with_capacity(size),
    };
    let source_count = (size / 100).max(20);
    step("add sources", store.write(&author(0), |tx| add_sources(tx, &mut rng, &mut pools, source_count)))?;

    let article_total = (size / 10).max(10);
    for batch in 0..batches {
        let end = ((batch + 1) * CLAIMS_PER_TX).min(size);
        let articles_by_end = article_total * end / size;
        let result = store.write(&author(batch), |tx| {
            add_articles(tx, &mut rng, &mut pools, articles_by_end)?;
            add_claims(tx, &mut rng, &mut pools, end)
        });
        step(&format!("write batch {} of {batches}", batch + 1), result)?;
    }
    step("checkpoint", store.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?;

    let person = pools.sources.iter().find(|(_, kind)| *kind == SourceKind::Person).map(|(id, _)| *id);
    Ok(Built {
        person: person.ok_or("no person source was generated")?,
        article: pools.articles[pools.articles.len() / 2],
    })
}

/// Batches are stamped over the last ~45 days, oldest first, so some claims are stale.
fn batch_timestamp(batch: usize, batches: usize) -> String {
    let days_ago = if batches > 1 { 45 * (batches - 1 - batch) / (batches - 1) } else { 0 };
    let at = chrono::Utc::now() - chrono::Duration::days(days_ago as i64);
    claimtrack::date::timestamp(at)
}

fn add_sources(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, count: usize) -> claimtrack::error::Result<()> {
    for i in 0..count {
        let kind = KIND_MIX[i % KIND_MIX.len()];
        let name = source_name(kind, i, rng);
        let url = matches!(kind, SourceKind::Outlet | SourceKind::Agency | SourceKind::Organization)
            .then(|| format!("https://source{i}.example.org/"));
        let note = rng.percent(20).then_some("Checked by the desk; reliable on regional security.");
        let id = tx.add_source(&NewSource { name: &name, kind, url: url.as_deref(), note })?;
        if rng.percent(25) {
            tx.add_alias(id, &format!("{}-{i}", initials(&name)))?;
        }
        pools.sources.push((id, kind));
        match kind {
            SourceKind::Outlet | SourceKind::Agency => pools.publishers.push(id),
            SourceKind::Anonymous => pools.anonymous.push(id),
            _ => {}
        }
        if kind != SourceKind::Anonymous {
            pools.attributable.push(id);
        }
    }
    Ok(())
}

fn source_name(kind: SourceKind, i: usize, rng: &mut Rng) -> String {
    let place = rng.pick(&PLACES);
    match kind {
        SourceKind::Person => format!("{} {} ({i})", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES)),
        SourceKind::Outlet => format!("The {place} Observer {i}"),
        SourceKind::Agency => format!("{place} Press Agency {i}"),
        SourceKind::Government => format!("Ministry of Interior of {place} {i}"),
        SourceKind::Organization => format!("{place} Human Rights Watchers {i}"),
        SourceKind::Document => format!("{place} budget report {i}"),
        SourceKind::Anonymous => format!("a senior official in {place} ({i})"),
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_alphabetic()).collect()
}

/// Adds articles until there are `until` of them; ~20% re-report earlier ones.
fn add_articles(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, until: usize) -> claimtrack::error::Result<()> {
    while pools.articles.len() < until {
        let seq = pools.articles.len() + 1;
        let title = format!(
            "{} {} {} in {} ({seq})",
            rng.pick(&ACTORS),
            rng.pick(&VERBS),
            rng.pick(&OBJECTS),
            rng.pick(&PLACES)
        );
        let url = rng.percent(90).then(|| format!("https://news.example.com/{}/story-{seq}", 2023 + seq % 3));
        let publisher = rng.percent(90).then(|| *rng.pick(&pools.publishers));
        let published = random_date(rng);
        let mut derived_from = Vec::new();
        if !pools.articles.is_empty() && rng.percent(20) {
            derived_from.push(rng.recent(&pools.articles, 500));
            if rng.percent(25) {
                derived_from.push(*rng.pick(&pools.articles));
            }
            derived_from.dedup();
        }
        let id = tx.add_article(&NewArticle {
            title: &title,
            url: url.as_deref(),
            publisher,
            published,
            text: None,
            derived_from: &derived_from,
        })?;
        pools.articles.push(id);
    }
    Ok(())
}

/// Mostly day precision, some month or year only, a few undated.
fn random_date(rng: &mut Rng) -> Option<PartialDate> {
    let year = 2023 + rng.below(3);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let text = match rng.below(100) {
        0..=4 => return None,
        5..=14 => format!("{year:04}"),
        15..=34 => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}-{month:02}-{day:02}"),
    };
    Some(PartialDate::parse(&text).expect("generated dates are valid"))
}

/// Adds claims until there are `until`, each with 1–3 citations; ~5% get a link, ~10% a verdict.
fn add_claims(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, until: usize) -> claimtrack::error::Result<()> {
    while pools.claims.len() < until {
        let seq = pools.claims.len() + 1;
        let text = format!(
            "{} {} {} in {} (claim {seq})",
            rng.pick(&ACTORS),
            rng.pick(&VERBS),
            rng.pick(&OBJECTS),
            rng.pick(&PLACES)
        );
        let claim = tx.add_claim(&text)?;
        let citations = match rng.below(100) {
            0..=49 => 1,
            50..=84 => 2,
            _ => 3,
        };
        for n in 0..citations {
            add_random_citation(tx, rng, pools, claim, n == 0)?;
        }
        if !pools.claims.is_empty() && rng.percent(5) {
            add_random_link(tx, rng, pools, claim)?;
        }
        if rng.percent(10) {
            let rating = *rng.pick(Rating::ALL);
            let note = rng.percent(50).then_some("Matches the ministry's published figures.");
            let evidence = rng.percent(30).then(|| format!("https://evidence.example.net/check/{seq}"));
            tx.add_verdict(claim, rating, note, evidence.as_deref())?;
        }
        pools.claims.push(claim);
    }
    Ok(())
}

fn add_random_citation(
    tx: &mut Tx<'_>,
    rng: &mut Rng,
    pools: &Pools,
    claim: ClaimId,
    first: bool,
) -> claimtrack::error::Result<()> {
    let article = if first { rng.recent(&pools.articles, 2_000) } else { *rng.pick(&pools.articles) };
    let (kind, source) = match rng.below(100) {
        0..=49 => (CitationKind::Named, Some(*rng.pick(&pools.attributable))),
        50..=64 => (CitationKind::Anonymous, rng.percent(50).then(|| *rng.pick(&pools.anonymous))),
        65..=74 => (CitationKind::Vague, rng.percent(20).then(|| *rng.pick(&pools.attributable))),
        _ => (CitationKind::Unattributed, None),
    };
    let quote = rng.percent(60).then_some("officials said the plan would go ahead as early as next month");
    let attribution = Attribution::new(kind, source).map_err(claimtrack::error::Error::Internal)?;
    tx.add_citation(claim, &NewCitation { article, attribution, quote, span: None })?;
    Ok(())
}

fn add_random_link(tx: &mut Tx<'_>, rng: &mut Rng, pools: &Pools, claim: ClaimId) -> claimtrack::error::Result<()> {
    let stance = if rng.percent(65) { Stance::Corroborates } else { Stance::Conflicts };
    let target = if rng.percent(60) {
        LinkTarget::Claim(rng.recent(&pools.claims, 5_000))
    } else {
        LinkTarget::Article(*rng.pick(&pools.articles))
    };
    let note = rng.percent(40).then_some("Same figures reported independently.");
    tx.add_link(claim, stance, target, note)?;
    Ok(())
}

fn count_rows(db: &Path) -> Res<String> {
    let conn = step("open for counting", Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
    let tables = ["sources", "articles", "article_derivations", "claims", "citations", "links", "verdicts", "events"];
    let mut parts = Vec::new();
    for table in tables {
        let n: i64 = step(table, conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))?;
        parts.push(format!("{table} {n}"));
    }
    Ok(parts.join(", "))
}

// ---------------------------------------------------------------------------
// Steps 2–5: whole-process timings
// ---------------------------------------------------------------------------

/// The release `claimtrack` binary Cargo built for this bench, else `target/release/claimtrack`.
fn claimtrack_binary() -> Res<PathBuf> {
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
fn time_runs(runs: usize, mut command: impl FnMut(usize) -> Command) -> Res<Stats> {
    let mut samples = Vec::with_capacity(runs);
    for i in 0..=runs {
        let mut cmd = command(i);
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
        if i > 0 {
            samples.push(elapsed);
        }
    }
    Ok(Stats::of(samples))
}

fn claimtrack_command(binary: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env_remove("CLAIMTRACK_DB").env_remove("CLAIMTRACK_NOW").arg("--db").arg(db).args(["--editor", EDITOR]);
    cmd
}

fn time_claim_add(binary: &Path, db: &Path, built: &Built, runs: usize) -> Res<Stats> {
    time_runs(runs, |i| {
        let mut cmd = claimtrack_command(binary, db);
        cmd.args(["claim", "add", &format!("Bench claim {i}: the port will reopen in March")])
            .args(["--article", &built.article.to_string(), "--source", &built.person.to_string()])
            .args(["--quote", "the port will reopen in March"]);
        cmd
    })
}

fn time_bare_insert(db: &Path, runs: usize) -> Res<Stats> {
    let me = step("locate the bench binary", std::env::current_exe())?;
    time_runs(runs, |i| {
        let mut cmd = Command::new(&me);
        cmd.arg(BARE_INSERT_ARG).arg(db).arg(format!("Bare claim {i}"));
        cmd
    })
}

fn time_flags(binary: &Path, db: &Path, runs: usize, json: bool) -> Res<Stats> {
    time_runs(runs, |_| {
        let mut cmd = claimtrack_command(binary, db);
        cmd.arg("flags");
        if json {
            cmd.args(["--format", "json"]);
        }
        cmd
    })
}

/// The source with the most citations and the article with the most citations, as report targets.
fn busiest(db: &Path) -> Res<(i64, i64)> {
    let conn = step("open for report targets", Connection::open(db))?;
    let query = |sql: &str| -> Res<i64> { step("find report targets", conn.query_row(sql, [], |r| r.get(0))) };
    Ok((
        query("SELECT source_id FROM citations WHERE source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")?,
        query("SELECT article_id FROM citations GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")?,
    ))
}

fn time_reports(binary: &Path, db: &Path, runs: usize) -> Res<ReportTimes> {
    let (source, article) = busiest(db)?;
    let me = step("locate the bench binary", std::env::current_exe())?;
    let report = |args: Vec<String>| {
        time_runs(runs, |_| {
            let mut cmd = claimtrack_command(binary, db);
            cmd.arg("report").args(&args);
            cmd
        })
    };
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
fn bare_aggregate(args: &[String]) -> Res<()> {
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
fn bare_insert(args: &[String]) -> Res<()> {
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

// ---------------------------------------------------------------------------
// Where `claim add` spends its time, in-process
// ---------------------------------------------------------------------------

/// Median milliseconds of each phase `claim add` goes through, done with the library in this process.
struct Breakdown {
    open: Stats,
    resolve: Stats,
    write: Stats,
    /// Flags and the claim's record, which `claim add` computes only for `--format json`.
    detail: Stats,
    /// Dropping the last connection checkpoints the WAL into the main file.
    close: Stats,
}

impl Display for Breakdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "in-process claim add phases (median ms): open {:.2} | resolve refs {:.2} | write tx {:.2} | \
             close {:.2} | (json-only detail+flags {:.2})",
            self.open.median_ms(),
            self.resolve.median_ms(),
            self.write.median_ms(),
            self.close.median_ms(),
            self.detail.median_ms()
        )
    }
}

fn claim_add_breakdown(db: &Path, built: &Built, runs: usize) -> Res<Breakdown> {
    let mut phases: [Vec<Duration>; 5] = Default::default();
    let author = Author {
        editor: EDITOR.into(),
        at: claimtrack::date::timestamp(chrono::Utc::now()),
        command: "claim add".into(),
    };
    for i in 0..runs {
        let timed = claim_add_phases(db, built, &author, i).map_err(|e| format!("run {i}: {e}"))?;
        for (phase, took) in phases.iter_mut().zip(timed) {
            phase.push(took);
        }
    }
    let [open, resolve, write, detail, close] = phases.map(Stats::of);
    Ok(Breakdown { open, resolve, write, detail, close })
}

/// `claimtrack claim add` as the operations do it (src/ops/claims.rs), timed per phase; the detail
/// phase (flags and the claim record) runs only for `--format json`, but is timed here every time.
fn claim_add_phases(db: &Path, built: &Built, author: &Author, i: usize) -> Res<[Duration; 5]> {
    use claimtrack::ops::claims::{self, CitationRequest};
    let t0 = Instant::now();
    let mut store = step("open", Store::open(db, OpenMode::Existing, BUSY_TIMEOUT_MS))?;
    let t1 = Instant::now();
    let request = CitationRequest {
        article: built.article.to_string(),
        source: Some(built.person.to_string()),
        kind: None,
        quote: Some("the port will reopen in March".into()),
    };
    let cite = step("resolve", claims::resolve_citation(&store, &request))?;
    let t2 = Instant::now();
    let text = format!("In-process claim {i}: the port will reopen in March");
    let id = step("write", store.write(author, |tx| claims::record(tx, &text, Some(&cite))))?;
    let t3 = Instant::now();
    let detail = step("detail", claims::detail(&store, chrono::Utc::now(), id))?;
    std::hint::black_box(detail);
    let t4 = Instant::now();
    drop(store);
    let t5 = Instant::now();
    Ok([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
}

// ---------------------------------------------------------------------------
// Statistics and printing
// ---------------------------------------------------------------------------

struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats { samples }
    }

    fn median_ms(&self) -> f64 {
        let s = &self.samples;
        match s.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => ms(s[n / 2]),
            n => (ms(s[n / 2 - 1]) + ms(s[n / 2])) / 2.0,
        }
    }

    /// Nearest-rank 90th percentile.
    fn p90_ms(&self) -> f64 {
        let n = self.samples.len();
        if n == 0 {
            return f64::NAN;
        }
        ms(self.samples[(n * 9).div_ceil(10) - 1])
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ratio(a: &Stats, b: &Stats) -> f64 {
    a.median_ms() / b.median_ms()
}

fn print_stats(label: &str, stats: &Stats) {
    println!(
        "{label:<15} {:>8.2} ms median  {:>8.2} ms p90  ({} runs)",
        stats.median_ms(),
        stats.p90_ms(),
        stats.samples.len()
    );
}

fn print_header(options: &Options, binary: &Path) {
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown cpu".into());
    let sizes: Vec<String> = options.sizes.iter().map(usize::to_string).collect();
    println!("claimtrack sweep benchmark");
    println!("machine: nproc={nproc}, cpu={cpu}, os={}/{}", std::env::consts::OS, std::env::consts::ARCH);
    println!("command: cargo bench --bench sweep -- --sizes {} --runs {}", sizes.join(","), options.runs);
    println!("binary:  {}", binary.display());
    println!("timings are whole-process wall time (spawn to exit), one untimed warm-up run first");
}

fn print_summary(results: &[SizeResult]) {
    println!("\n== summary (median ms; p90 in brackets) ==");
    println!(
        "{:>9} {:>9} {:>19} {:>19} {:>7} {:>21} {:>21}",
        "size", "build s", "claim add ms", "bare insert ms", "ratio", "flags json ms", "flags table ms"
    );
    for r in results {
        println!(
            "{:>9} {:>9.2} {:>19} {:>19} {:>6.1}x {:>21} {:>21}",
            r.size,
            r.build.as_secs_f64(),
            median_p90(&r.claim_add),
            median_p90(&r.bare_insert),
            ratio(&r.claim_add, &r.bare_insert),
            median_p90(&r.flags_json),
            median_p90(&r.flags_table),
        );
    }
    println!("\n== reports (median ms; p90 in brackets; ratio to the bare GROUP BY in the same run) ==");
    println!(
        "{:>9} {:>19} {:>19} {:>7} {:>19} {:>7} {:>19} {:>7}",
        "size", "ledger json", "ledger table", "ratio", "source json", "ratio", "article json", "ratio"
    );
    for r in results {
        let t = &r.report;
        println!(
            "{:>9} {:>19} {:>19} {:>6.1}x {:>19} {:>6.1}x {:>19} {:>6.1}x",
            r.size,
            median_p90(&t.ledger_json),
            median_p90(&t.ledger_table),
            ratio(&t.ledger_json, &t.ledger_aggregate),
            median_p90(&t.source_json),
            ratio(&t.source_json, &t.source_aggregate),
            median_p90(&t.article_json),
            ratio(&t.article_json, &t.article_aggregate),
        );
    }
}

fn median_p90(stats: &Stats) -> String {
    format!("{:.2} [{:.2}]", stats.median_ms(), stats.p90_ms())
}
