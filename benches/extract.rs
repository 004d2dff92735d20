//! Extraction throughput: reads every `*.txt` under a directory, then runs `extract` over the texts
//! one after another, in this process, and reports MB/s of article text (one core).
//!
//! Run with `cargo bench --bench extract -- DIR [--runs N]`, e.g.
//! `cargo bench --bench extract -- ../shared/data/polnear/train/text`. The texts are read into
//! memory first, so disk and process start-up are not measured; the best and median of N passes
//! (default 5) are printed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use claimtrack::extract::{self, Lexicon};

fn texts(dir: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                let text =
                    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                out.push((path, text));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut dir = None;
    let mut runs = 5usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0).unwrap_or(5),
            "--help" | "-h" => {
                println!("usage: cargo bench --bench extract -- DIR [--runs N]   (DIR holds *.txt article texts)");
                return ExitCode::SUCCESS;
            }
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("extract bench: give a directory of *.txt article texts, e.g. ../shared/data/polnear/train/text");
        return ExitCode::from(2);
    };
    let texts = match texts(&dir) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => {
            eprintln!("extract bench: no *.txt files under {}", dir.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("extract bench: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let lexicons = Lexicon::built_in();
    let mut times = Vec::new();
    let mut statements = 0;
    for _ in 0..runs {
        let started = Instant::now();
        statements = 0;
        for (_, text) in &texts {
            statements += std::hint::black_box(extract::extract(text, &lexicons)).len();
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {:.2} MB, {} statements; {} passes: best {:.3} s ({:.1} MB/s), median {:.3} s ({:.1} MB/s)",
        texts.len(),
        mb,
        statements,
        runs,
        times[0],
        mb / times[0],
        times[runs / 2],
        mb / times[runs / 2]
    );
    ExitCode::SUCCESS
}
