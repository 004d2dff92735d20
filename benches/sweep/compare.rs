//! `--compare OLD_BINARY`: an older `claimtrack` and this build timed on the same ledger, their runs
//! alternating (old, new, old, new …) so that both see the same machine load and the same ledger.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::options::Options;
use crate::random_ledger::Landmarks;
use crate::stats::{median, median_p90, print_header};
use crate::timing::{
    Alternated, claim_add_command, claimtrack_binary, flags_command, report_command, time_alternating,
};
use crate::{Res, ledger, step};

/// Slower than the old binary by more than this (new/old median) is called out.
const TOLERANCE: f64 = 1.10;

/// One compared command's results.
struct Row {
    label: &'static str,
    times: Alternated,
    /// Bytes each binary printed on one run, to show both did the same work (empty for `claim add`).
    output_bytes: Option<(usize, usize)>,
}

pub fn run(options: &Options, old: &Path) -> Res<()> {
    let new = claimtrack_binary()?;
    print_header(options, &new);
    println!("runs alternate old, new, old, new …; `claim add` writes, so both binaries grow the ledger alike");
    let mut summary = Vec::new();
    for &size in &options.sizes {
        summary.push((size, compare_size(old, &new, size, options)?));
    }
    println!("\n== new/old ratio of medians (paired median in brackets; over {TOLERANCE:.2} is marked) ==");
    let labels: Vec<&str> = summary.first().map(|(_, rows)| rows.iter().map(|r| r.label).collect()).unwrap_or_default();
    println!("{:>9} {}", "size", labels.iter().map(|l| format!("{l:>22}")).collect::<String>());
    for (size, rows) in &summary {
        let cells: String = rows
            .iter()
            .map(|r| {
                let cell = format!("{:.3}x [{:.3}x]{}", r.ratio(), r.paired(), if r.slower() { " !" } else { "  " });
                format!("{cell:>22}")
            })
            .collect();
        println!("{}", format!("{size:>9} {cells}").trim_end());
    }
    Ok(())
}

impl Row {
    fn ratio(&self) -> f64 {
        self.times.new.median_ms() / self.times.old.median_ms()
    }

    fn paired(&self) -> f64 {
        median(&self.times.paired_ratios)
    }

    fn slower(&self) -> bool {
        self.ratio() > TOLERANCE
    }
}

fn compare_size(old: &Path, new: &Path, size: usize, options: &Options) -> Res<Vec<Row>> {
    let runs = options.runs;
    println!("\n== N = {size} claims: old vs new, {runs} runs each, alternating ==");
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-compare-").tempdir())?;
    let db = dir.path().join("ledger.db");
    let started = Instant::now();
    let built = ledger::build(&db, size).map_err(|e| format!("build ledger of {size} claims: {e}"))?;
    println!("build           {:>8.2} s   {}", started.elapsed().as_secs_f64(), ledger::summary(&db));

    println!(
        "{:<13} {:>20} {:>20} {:>8} {:>8} {:>11} {:>17}",
        "command", "old ms median [p90]", "new ms median [p90]", "new/old", "paired", "new faster", "output bytes o/n"
    );
    let rows = compare_commands(old, new, &db, &built, runs)?;
    if options.keep {
        println!("kept ledger: {}", dir.keep().join("ledger.db").display());
    }
    Ok(rows)
}

fn compare_commands(old: &Path, new: &Path, db: &Path, built: &Landmarks, runs: usize) -> Res<Vec<Row>> {
    let mut added = 0;
    let claim_add = time_alternating(runs, old, new, |binary| {
        added += 1;
        claim_add_command(binary, db, built, &format!("Compared claim {added:>4}: the port will reopen in March"))
    })
    .map_err(|e| format!("claim add: {e}"))?;
    let mut rows = vec![Row { label: "claim add", times: claim_add, output_bytes: None }];
    print_row(&rows[0]);

    let json = ["--format".to_string(), "json".to_string()];
    // (label, whole-ledger report rather than flags, JSON rather than the table)
    let reads = [
        ("flags json", false, true),
        ("flags table", false, false),
        ("report json", true, true),
        ("report table", true, false),
    ];
    for (label, report, as_json) in reads {
        let command = |binary: &Path| match (report, as_json) {
            (false, _) => flags_command(binary, db, as_json),
            (true, true) => report_command(binary, db, &json),
            (true, false) => report_command(binary, db, &[]),
        };
        let output_bytes = Some((output_len(command(old))?, output_len(command(new))?));
        let times = time_alternating(runs, old, new, command).map_err(|e| format!("{label}: {e}"))?;
        let row = Row { label, times, output_bytes };
        print_row(&row);
        rows.push(row);
    }
    Ok(rows)
}

/// One command's line of the table, printed as soon as it is measured.
fn print_row(row: &Row) {
    let t = &row.times;
    let faster = t.paired_ratios.iter().filter(|r| **r < 1.0).count();
    let bytes = row.output_bytes.map(|(o, n)| format!("{o}/{n}")).unwrap_or_else(|| "-".into());
    println!(
        "{:<13} {:>20} {:>20} {:>7.3}x {:>7.3}x {:>11} {:>17}{}",
        row.label,
        median_p90(&t.old),
        median_p90(&t.new),
        row.ratio(),
        row.paired(),
        format!("{faster}/{}", t.paired_ratios.len()),
        bytes,
        if row.slower() { "  SLOWER by more than 10%" } else { "" }
    );
}

/// How many bytes a command prints on stdout.
fn output_len(mut cmd: Command) -> Res<usize> {
    cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    let output = cmd.output().map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    if !output.status.success() {
        return Err(format!("{:?} exited with {}: {}", cmd, output.status, String::from_utf8_lossy(&output.stderr)));
    }
    Ok(output.stdout.len())
}
