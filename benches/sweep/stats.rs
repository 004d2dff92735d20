//! Statistics over timed runs (medians, 90th percentiles, ratios) and the printed header and summary.

use std::path::Path;
use std::time::Duration;

use crate::SizeResult;
use crate::options::Options;

#[derive(Clone)]
pub struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats { samples }
    }

    /// The timed runs, shortest first.
    pub fn samples(&self) -> &[Duration] {
        &self.samples
    }

    pub fn median_ms(&self) -> f64 {
        let s = &self.samples;
        match s.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => ms(s[n / 2]),
            n => (ms(s[n / 2 - 1]) + ms(s[n / 2])) / 2.0,
        }
    }

    /// Nearest-rank 90th percentile.
    pub fn p90_ms(&self) -> f64 {
        let n = self.samples.len();
        if n == 0 {
            return f64::NAN;
        }
        ms(self.samples[(n * 9).div_ceil(10) - 1])
    }
}

/// The middle value (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn ratio(a: &Stats, b: &Stats) -> f64 {
    a.median_ms() / b.median_ms()
}

pub fn print_stats(label: &str, stats: &Stats) {
    println!(
        "{label:<15} {:>8.2} ms median  {:>8.2} ms p90  ({} runs)",
        stats.median_ms(),
        stats.p90_ms(),
        stats.samples.len()
    );
}

pub fn print_header(options: &Options, binary: &Path) {
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
    let compare = options.compare.as_ref().map(|old| format!(" --compare {}", old.display())).unwrap_or_default();
    let backends = if options.on_postgres() {
        use crate::options::Backend;
        // The pooled column is the postgres copy through `--pooler`, not a backend of its own.
        let names: Vec<&str> = options
            .backends
            .iter()
            .filter_map(|b| match b {
                Backend::Sqlite => Some("sqlite"),
                Backend::Postgres => Some("postgres"),
                Backend::Pooled => None,
            })
            .collect();
        let pooler = match (&options.pooler, options.backends.contains(&Backend::Pooled)) {
            (Some(pooler), true) => format!(" --pooler '{pooler}'"),
            _ => String::new(),
        };
        format!(" --backends {}{pooler}", names.join(","))
    } else {
        String::new()
    };
    let only = if options.only_matching { " --only-matching" } else { "" };
    println!("claimtrack sweep benchmark");
    println!("machine: nproc={nproc}, cpu={cpu}, os={}/{}", std::env::consts::OS, std::env::consts::ARCH);
    println!(
        "command: cargo bench --bench sweep -- --sizes {} --runs {}{compare}{backends}{only}",
        sizes.join(","),
        options.runs
    );
    match &options.compare {
        Some(old) => {
            println!("old binary: {}", old.display());
            println!("new binary: {}", binary.display());
        }
        None => println!("binary:  {}", binary.display()),
    }
    println!("timings are whole-process wall time (spawn to exit), one untimed warm-up run first");
}

pub fn print_summary(results: &[SizeResult]) {
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

pub fn median_p90(stats: &Stats) -> String {
    format!("{:.2} [{:.2}]", stats.median_ms(), stats.p90_ms())
}
