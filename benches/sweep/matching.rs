//! The matching sweep: a ledger of N generated news claims, then whole-process `similar` for
//! re-reports of some of them (latency, Recall@1 and Recall@5 of the original) and whole-process
//! `claim add` (which checks for duplicates and near-duplicates before it writes).
//!
//! The claims: each is a sentence built from a vocabulary of 40,000 made-up words drawn with
//! Zipf-like frequencies (so common and rare words behave as in news text), a named actor and
//! place from pools of 5,000 made-up names, and a number with its unit ("1,500 troops").
//!
//! A re-report ("true duplicate") of a claim is made by these transformations, all applied:
//! * a different attribution frame: "According to NAME, …", "…, officials said",
//!   "…, a spokesperson told reporters", "Sources indicate that …";
//! * one or two of the claim's common words swapped for other words;
//! * the number changed the way outlets round or hedge it ("1,500" → "around 1,400");
//! * the closing "in PLACE" clause moved to the front ("In PLACE, …").

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use claimtrack::store::{Author, OpenMode, Store};

use crate::rng::Rng;
use crate::stats::{Stats, print_stats};
use crate::timing::time_runs;
use crate::{BUSY_TIMEOUT_MS, EDITOR, Res, step};

const VOCABULARY: usize = 40_000;
const NAMES: usize = 5_000;
/// How many re-reports are looked up per size.
const QUERIES: usize = 200;
const UNITS: [&str; 8] = ["troops", "battalions", "people", "tonnes", "homes", "vehicles", "dollars", "schools"];
const FRAMES: [(&str, &str); 4] = [
    ("According to {name}, ", ""),
    ("", ", officials said"),
    ("", ", a spokesperson told reporters"),
    ("Sources indicate that ", ""),
];

/// What the matching sweep measured at one size.
pub struct MatchingResult {
    pub similar: Stats,
    pub recall_1: f64,
    pub recall_5: f64,
    pub claim_add: Stats,
}

/// A made-up word from syllables: word `i` is always the same word.
fn word(i: usize, syllables: &[&str]) -> String {
    let mut n = i + 1;
    let mut out = String::new();
    while n > 0 {
        out.push_str(syllables[n % syllables.len()]);
        n /= syllables.len();
    }
    out
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ra", "te", "zu", "po", "ne", "sa", "di", "gu", "ve", "ba", "ko", "ri", "tu", "fe", "ja", "mo",
    "ni", "sh", "ar", "el", "on",
];
const NAME_SYLLABLES: [&str; 16] =
    ["Ab", "Ze", "Ko", "Ma", "Ri", "Tal", "Ven", "Or", "Is", "Du", "Fa", "Ly", "Ne", "Go", "Sa", "Hu"];

/// A word index with Zipf-like frequency: small indexes are common.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    // The inverse of a power-law CDF over 1..n, from a uniform draw.
    let u = (rng.below(1_000_000) as f64 + 0.5) / 1e6;
    ((n as f64).powf(u) - 1.0).floor() as usize % n
}

/// One generated claim and the pieces a re-report changes.
struct Claim {
    actor: String,
    words: Vec<String>,
    number: u64,
    unit: &'static str,
    place: String,
}

impl Claim {
    fn generate(rng: &mut Rng) -> Claim {
        let actor = word(rng.below(NAMES), &NAME_SYLLABLES);
        let place = word(rng.below(NAMES) + NAMES, &NAME_SYLLABLES);
        let count = 5 + rng.below(6);
        let words = (0..count).map(|_| word(zipf(rng, VOCABULARY), &SYLLABLES)).collect();
        let number = 10 * (1 + rng.below(500) as u64);
        Claim { actor, words, number, unit: UNITS[rng.below(UNITS.len())], place }
    }

    fn text(&self) -> String {
        format!("{} {} {} {} in {}", self.actor, self.words.join(" "), grouped(self.number), self.unit, self.place)
    }

    /// The same statement as another outlet reports it (see the module's list).
    fn re_report(&self, rng: &mut Rng) -> String {
        let mut words = self.words.clone();
        for _ in 0..1 + rng.below(2) {
            let at = rng.below(words.len());
            words[at] = word(zipf(rng, 200), &SYLLABLES);
        }
        let hedged = (self.number as f64 * (0.9 + rng.below(20) as f64 / 100.0)).round() as u64 / 10 * 10;
        let number = if rng.below(2) == 0 { format!("around {}", grouped(hedged)) } else { grouped(hedged) };
        let body = format!("{} {} {number} {}", self.actor, words.join(" "), self.unit);
        let (before, after) = FRAMES[rng.below(FRAMES.len())];
        let name = word(rng.below(NAMES), &NAME_SYLLABLES);
        format!("{}In {}, {body}{after}", before.replace("{name}", &name), self.place)
    }
}

/// 1500 → "1,500".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds the ledger of `size` generated claims (10,000 a transaction, through the library as
/// `claim add` records them) and returns the re-reports to look up with the id each repeats.
pub fn build(db: &Path, size: usize) -> Res<Vec<(String, i64)>> {
    let mut store = step("open new ledger", Store::open(db, OpenMode::Create, BUSY_TIMEOUT_MS))?;
    let author = Author { editor: EDITOR.into(), at: "2025-09-22T10:00:00Z".into(), command: "bench".into() };
    let mut rng = Rng::new(0x4D41_5443 ^ size as u64);
    let every = (size / QUERIES).max(1);
    let mut queries = Vec::new();
    let mut written = 0;
    while written < size {
        let batch = (size - written).min(10_000);
        let found = step(
            "write claims",
            store.write(&author, |tx| {
                let mut found = Vec::new();
                for i in written..written + batch {
                    let claim = Claim::generate(&mut rng);
                    let id = claimtrack::ops::claims::record(tx, &claim.text(), None)?;
                    if i % every == every / 2 && found.len() + queries.len() < QUERIES {
                        found.push((claim.re_report(&mut rng), id.0));
                    }
                }
                Ok(found)
            }),
        )?;
        queries.extend(found);
        written += batch;
    }
    let conn = step("checkpoint", store.sqlite("the bench's checkpoint"))?;
    step("checkpoint", conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?;
    Ok(queries)
}

/// Runs the matching sweep for one size; `keep` keeps the ledger, with the re-reports looked up
/// beside it (`queries.tsv`: the text and the id of the claim it repeats).
pub fn run(binary: &Path, size: usize, runs: usize, keep: bool) -> Res<MatchingResult> {
    let dir = step("create temp dir", tempfile::Builder::new().prefix("claimtrack-matching-").tempdir())?;
    let db = dir.path().join("matching.db");
    let queries = build_and_describe(&db, size)?;
    let found = look_up(&queries, |text| similar_command(binary, &db, text), false)?;
    print_stats("similar", &found.similar);
    print_recall(&found);
    let claim_add = time_claim_add(runs, |text| claim_add_command(binary, &db, text))?;
    print_stats("claim add (m)", &claim_add);
    if keep {
        let kept = dir.keep();
        let lines: String = queries.iter().map(|(text, id)| format!("{text}\t{id}\n")).collect();
        step("write queries.tsv", std::fs::write(kept.join("queries.tsv"), lines))?;
        println!("kept ledger: {} (re-reports in queries.tsv beside it)", kept.join("matching.db").display());
    }
    Ok(MatchingResult { similar: found.similar, recall_1: found.recall_1, recall_5: found.recall_5, claim_add })
}

/// Builds the matching ledger of `size` claims at `db`, says how long it took, and returns the
/// re-reports to look up.
pub fn build_and_describe(db: &Path, size: usize) -> Res<Vec<(String, i64)>> {
    let started = Instant::now();
    let queries = build(db, size)?;
    println!(
        "matching ledger {:>8.2} s   {size} generated claims; {} re-reports to look up",
        started.elapsed().as_secs_f64(),
        queries.len()
    );
    if let Some((text, id)) = queries.first() {
        println!("                e.g. claim {id} re-reported as {text:?}");
    }
    Ok(queries)
}

/// Whole-process `similar` timings for a set of re-reports, and how often the original was found.
pub struct Found {
    pub similar: Stats,
    pub recall_1: f64,
    pub recall_5: f64,
}

pub fn print_recall(found: &Found) {
    println!(
        "                Recall@1 {:.3}  Recall@5 {:.3} (the original among the matches of its re-report)",
        found.recall_1, found.recall_5
    );
}

/// `similar --format json --limit 5 -- TEXT` on the ledger at `db` (a file or a server).
pub fn similar_command(binary: &Path, db: &Path, text: &str) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env_remove("CLAIMTRACK_DB")
        .arg("--db")
        .arg(db)
        .args(["--format", "json", "similar", "--limit", "5", "--", text]);
    cmd
}

/// `claim add TEXT`, which looks for duplicates and near-duplicates before it writes.
pub fn claim_add_command(binary: &Path, db: &Path, text: &str) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env_remove("CLAIMTRACK_DB").arg("--db").arg(db);
    cmd.args(["--editor", EDITOR, "claim", "add", "--on-duplicate", "add", "--", text]);
    cmd
}

/// Runs `command` for every re-report (one untimed warm-up first when `warm_up`), timing each
/// whole process and checking where the original claim ranks.
pub fn look_up(queries: &[(String, i64)], mut command: impl FnMut(&str) -> Command, warm_up: bool) -> Res<Found> {
    if warm_up && let Some((text, _)) = queries.first() {
        ranked(command(text))?;
    }
    let mut samples = Vec::new();
    let (mut at_1, mut at_5) = (0, 0);
    for (text, id) in queries {
        let started = Instant::now();
        let ids = ranked(command(text))?;
        samples.push(started.elapsed());
        at_1 += usize::from(ids.first() == Some(id));
        at_5 += usize::from(ids.contains(id));
    }
    let n = queries.len().max(1) as f64;
    Ok(Found { similar: Stats::of(samples), recall_1: at_1 as f64 / n, recall_5: at_5 as f64 / n })
}

/// The claim ids `similar --format json` printed, best first.
fn ranked(mut cmd: Command) -> Res<Vec<i64>> {
    let out = step("similar", cmd.output())?;
    if !out.status.success() {
        return Err(format!("similar failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let json: serde_json::Value = step("similar JSON", serde_json::from_slice(&out.stdout))?;
    Ok(json["matches"]
        .as_array()
        .map(|m| m.iter().filter_map(|m| m["claim_id"].as_i64()).collect())
        .unwrap_or_default())
}

/// The new claims `claim add` timings write: generated like the ledger's, the same every run.
pub fn new_claims(runs: usize) -> Vec<String> {
    let mut rng = Rng::new(0xADD5);
    (0..=runs).map(|_| Claim::generate(&mut rng).text()).collect()
}

/// Whole-process `claim add` of `runs` new generated claims (and one untimed warm-up).
fn time_claim_add(runs: usize, mut command: impl FnMut(&str) -> Command) -> Res<Stats> {
    let texts = new_claims(runs);
    time_runs(runs, |i| command(&texts[i]))
}
