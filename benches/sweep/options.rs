//! The sweep's command line: which ledger sizes, how many timed runs, an older binary to compare
//! with, and `--help`.

use std::path::PathBuf;

use crate::Res;

const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const DEFAULT_RUNS: usize = 30;

/// What `--help` prints.
pub const HELP: &str = "\
Sweep benchmark: builds ledgers of N claims, then times whole-process `claimtrack claim add`,
`flags` and `report` beside bare SQLite baselines.

usage: cargo bench --bench sweep -- [--sizes A,B,C] [--runs N] [--keep] [--only-matching]
                                   [--compare OLD_BINARY] [--backends sqlite,postgres] [--pg CONNINFO]
                                   [--pooler CONNINFO]

  --sizes A,B,C         ledger sizes in claims (default 1000,10000,100000; `_` separators allowed)
  --runs N              timed runs of each command after one untimed warm-up (default 30);
                        from 100000 claims on, `flags` and `report` run at most 10 times
                        (but all N times with --compare)
  --keep                keep each ledger and print where, instead of deleting it
  --compare OLD_BINARY  instead of the sweep, time `claim add`, `flags` and the whole-ledger
                        `report` (JSON and table) of OLD_BINARY and of this build on the same
                        ledger, N runs each, alternating old, new, old, new …; prints medians,
                        p90s and new/old ratios
  --only-matching       only the matching sweep: a ledger of N generated news claims, `similar`
                        for 200 re-reports of them (latency, Recall@1, Recall@5) and `claim add`
                        on it (the full sweep runs it after the other steps)
  --backends LIST       sqlite (the default: the sweep above), postgres, or sqlite,postgres:
                        each size's ledgers are copied to PostgreSQL (`claimtrack migrate`, a
                        fresh schema per ledger, dropped afterwards) and `claim add`, `flags`,
                        `report` (whole ledger, busiest article) and `similar` are timed on each
                        backend in alternation, with PostgreSQL/SQLite ratios and the goals
  --pg CONNINFO         the PostgreSQL server for --backends (default: $CLAIMTRACK_TEST_PG;
                        `.ci/pg-cluster run` sets it)
  --pooler CONNINFO     PgBouncer (session mode) in front of that server, without a user (default:
                        $CLAIMTRACK_TEST_PG_POOLER, which `.ci/pg-cluster run` sets where PgBouncer
                        is installed): with postgres among the backends, every command is also
                        timed on the same copy through the pooler, a third column
  --help                print this and exit
";

pub struct Options {
    pub sizes: Vec<usize>,
    pub runs: usize,
    /// Keep each ledger (and print where) instead of deleting it, for poking at afterwards.
    pub keep: bool,
    /// An older `claimtrack` binary to time against this build's, instead of the sweep.
    pub compare: Option<PathBuf>,
    /// Only the matching sweep (`matching.rs`).
    pub only_matching: bool,
    /// Which engines to time (`side_by_side.rs` when PostgreSQL is among them).
    pub backends: Vec<Backend>,
    /// The PostgreSQL server's connection string (`--pg`, else `CLAIMTRACK_TEST_PG`).
    pub pg: Option<String>,
    /// PgBouncer in front of that server (`--pooler`, else `CLAIMTRACK_TEST_PG_POOLER`).
    pub pooler: Option<String>,
}

/// An engine the sweep times claimtrack on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
    /// The PostgreSQL copy through PgBouncer in session mode (`--pooler`).
    Pooled,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
            Backend::Pooled => "PgBouncer",
        }
    }

    /// The name in a ratio's heading ("PG/SQLite").
    pub fn short(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PG",
            Backend::Pooled => "pooled",
        }
    }
}

impl Options {
    /// Whether PostgreSQL is among the backends (the side-by-side sweep), not SQLite alone.
    pub fn on_postgres(&self) -> bool {
        self.backends.contains(&Backend::Postgres)
    }
}

/// The options, or `None` when `--help` asked for the usage instead.
pub fn parse(args: &[String]) -> Res<Option<Options>> {
    let mut options = Options {
        sizes: DEFAULT_SIZES.to_vec(),
        runs: DEFAULT_RUNS,
        keep: false,
        compare: None,
        only_matching: false,
        backends: vec![Backend::Sqlite],
        pg: std::env::var("CLAIMTRACK_TEST_PG").ok().filter(|conn| !conn.trim().is_empty()),
        pooler: std::env::var("CLAIMTRACK_TEST_PG_POOLER").ok().filter(|conn| !conn.trim().is_empty()),
    };
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
            "--help" | "-h" => return Ok(None),
            "--sizes" => options.sizes = parse_sizes(&value()?)?,
            "--runs" => options.runs = parse_count("--runs", &value()?)?,
            "--keep" => options.keep = true,
            "--only-matching" => options.only_matching = true,
            "--compare" => options.compare = Some(parse_binary(&value()?)?),
            "--backends" => options.backends = parse_backends(&value()?)?,
            "--pg" => options.pg = Some(value()?),
            "--pooler" => options.pooler = Some(value()?),
            other => {
                return Err(format!(
                    "unknown argument {other:?} (expected --sizes A,B,C, --runs N, --keep, --only-matching, --compare OLD_BINARY, --backends sqlite,postgres, --pg CONNINFO, --pooler CONNINFO, --help)"
                ));
            }
        }
    }
    if options.on_postgres() {
        if options.compare.is_some() {
            return Err("--compare times two builds on SQLite; it does not take --backends postgres".into());
        }
        if options.pg.is_none() {
            return Err("--backends postgres needs a server: --pg CONNINFO or CLAIMTRACK_TEST_PG \
                        (`.ci/pg-cluster run cargo bench …` starts a throwaway one)"
                .into());
        }
        // The same copy, through the pooler: last, after the direct connection.
        if options.pooler.is_some() {
            options.backends.push(Backend::Pooled);
        }
    }
    Ok(Some(options))
}

fn parse_backends(text: &str) -> Res<Vec<Backend>> {
    let mut backends = Vec::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let backend = match name.to_ascii_lowercase().as_str() {
            "sqlite" => Backend::Sqlite,
            "postgres" | "postgresql" | "pg" => Backend::Postgres,
            _ => return Err(format!("--backends: {name:?} is not sqlite or postgres")),
        };
        if !backends.contains(&backend) {
            backends.push(backend);
        }
    }
    if backends.is_empty() {
        return Err("--backends needs sqlite, postgres or both".into());
    }
    Ok(backends)
}

fn parse_sizes(text: &str) -> Res<Vec<usize>> {
    let sizes: Vec<usize> =
        text.split(',').filter(|s| !s.trim().is_empty()).map(|s| parse_count("--sizes", s)).collect::<Res<_>>()?;
    if sizes.is_empty() {
        return Err("--sizes needs at least one size".into());
    }
    Ok(sizes)
}

fn parse_binary(text: &str) -> Res<PathBuf> {
    let path = PathBuf::from(text);
    if !path.is_file() {
        return Err(format!("--compare: {text:?} is not a file (give the old claimtrack binary)"));
    }
    // Absolute, so the command line printed with the results can be run again from anywhere.
    std::fs::canonicalize(&path).map_err(|e| format!("--compare: {text:?}: {e}"))
}

fn parse_count(name: &str, text: &str) -> Res<usize> {
    match text.trim().replace('_', "").parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name}: {text:?} is not a positive whole number")),
    }
}
