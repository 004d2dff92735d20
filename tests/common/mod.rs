//! Test harness: runs the real `claimtrack` binary against a ledger in a temp dir with a clean environment.

#![allow(dead_code)]

pub mod html;
pub mod postgres;
pub mod random_ledger;
pub mod rng;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub struct Ledger {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    /// A fixed clock (`CLAIMTRACK_NOW`) for output that must not change between runs.
    pub clock: Option<&'static str>,
}

/// Whether this is a CI run: `CI` set, as CI services set it, to anything but `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// For a test whose outside tool is missing: a skip on a workstation, a
/// failure under CI, where .ci/run installs the tool.
pub fn tool_missing(message: &str) {
    assert!(!in_ci(), "CI must have it (.ci/run installs it): {message}");
    eprintln!("skipping: {message}");
}

/// An executable on PATH (or in /usr/bin), as `command -v` finds it.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The project's fixtures folder.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimtrack"))
}

impl Ledger {
    /// An empty, initialised ledger.
    pub fn new() -> Ledger {
        let ledger = Ledger::uninitialised();
        ledger.ok(&["init"]);
        ledger
    }

    /// A temp dir with no ledger file yet.
    pub fn uninitialised() -> Ledger {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("ledger.db");
        Ledger { dir, db, clock: None }
    }

    /// An initialised ledger whose clock is fixed, for snapshots.
    pub fn with_clock(now: &'static str) -> Ledger {
        let mut ledger = Ledger::uninitialised();
        ledger.clock = Some(now);
        ledger.ok(&["init"]);
        ledger
    }

    /// `claimtrack` with only the variables the test chooses.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(bin());
        cmd.env_clear()
            .env("CLAIMTRACK_DB", &self.db)
            .env("CLAIMTRACK_EDITOR", "tester")
            .env("NO_COLOR", "1")
            // Never the real user's config file: one in the temp dir (absent unless a test writes it).
            .env("CLAIMTRACK_CONFIG", self.config_file())
            .current_dir(self.dir.path());
        if let Some(now) = self.clock {
            cmd.env("CLAIMTRACK_NOW", now);
        }
        cmd
    }

    /// The config file every command run by the harness reads (`CLAIMTRACK_CONFIG`).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// The raw outcome, for tests that must look at it themselves; prefer the
    /// helpers below, which check the exit status before anyone reads the output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(&[], args)
    }

    /// Like [`Ledger::run`] with extra environment variables on top of the clean set `cmd` gives.
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        self.cmd().envs(env.iter().copied()).args(args).output().expect("run claimtrack")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_env(&[], args)
    }

    /// Runs with extra environment variables and expects success; returns stdout.
    pub fn ok_env(&self, env: &[(&str, &str)], args: &[&str]) -> String {
        let out = self.run_env(env, args);
        assert!(
            out.status.success(),
            "claimtrack {args:?} (env {env:?}) failed ({:?}): {}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs with `--format json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_env(&[], args)
    }

    /// [`Ledger::json`] with extra environment variables.
    pub fn json_env(&self, env: &[(&str, &str)], args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let text = self.ok_env(env, &all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("claimtrack {args:?} printed bad JSON ({e}): {text}"))
    }

    /// Runs an `add` and returns the id it printed first on its line.
    pub fn add(&self, args: &[&str]) -> i64 {
        let out = self.ok(args);
        let first = out.split(['\t', ' ', '\n']).next().unwrap_or("");
        first.parse().unwrap_or_else(|_| panic!("claimtrack {args:?} did not print an id first: {out:?}"))
    }

    /// Runs with extra environment variables and expects exactly exit code
    /// `code` (never a success, never a signal); returns (stdout, stderr).
    pub fn exits_env(&self, env: &[(&str, &str)], args: &[&str], code: i32) -> (String, String) {
        assert_ne!(code, 0, "a failure is expected here: use `ok` for success");
        let out = self.run_env(env, args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "exit status of claimtrack {args:?} (env {env:?}); stdout: {}; stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        )
    }

    /// Expects exit code `code`; returns (stdout, stderr), for commands that
    /// report on stdout and then fail (`verify`).
    pub fn exits(&self, args: &[&str], code: i32) -> (String, String) {
        self.exits_env(&[], args, code)
    }

    /// Expects exit code `code`; returns stderr.
    pub fn fails_with(&self, args: &[&str], code: i32) -> String {
        self.exits(args, code).1
    }

    /// Expects a failure with exactly one line on stderr and the given exit
    /// code, and the ledger file byte-for-byte as it was.
    pub fn rejects(&self, args: &[&str], code: i32, mentions: &str) -> String {
        let before = std::fs::read(&self.db).ok();
        let stderr = self.fails_with(args, code);
        assert_eq!(stderr.lines().count(), 1, "{args:?} should explain in one line, got: {stderr:?}");
        assert!(
            stderr.to_lowercase().contains(&mentions.to_lowercase()),
            "{args:?}: stderr {stderr:?} should mention {mentions:?}"
        );
        assert_eq!(std::fs::read(&self.db).ok(), before, "{args:?} changed the ledger file");
        stderr
    }

    /// A raw connection for checks and for tampering, as someone with sqlite3 could.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open ledger with rusqlite")
    }

    /// The ledger opened through the library, for writing rows the way the binary does.
    pub fn store(&self) -> claimtrack::store::Store {
        claimtrack::store::Store::open(&self.db, claimtrack::store::OpenMode::Existing, 5_000).expect("open ledger")
    }

    pub fn count(&self, table: &str) -> i64 {
        self.sql().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    pub fn write_file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// The flag names a `flags --format json` entry carries.
pub fn flag_names(entry: &Value) -> Vec<String> {
    entry["flags"].as_array().unwrap().iter().map(|f| f["flag"].as_str().unwrap().to_string()).collect()
}

/// `claim id → flag names` from `flags --format json`.
pub fn flags_by_claim(ledger: &Ledger) -> std::collections::BTreeMap<i64, Vec<String>> {
    ledger.json(&["flags"]).as_array().unwrap().iter().map(|e| (e["claim"].as_i64().unwrap(), flag_names(e))).collect()
}

/// Records the sample article through the CLI, as an editor would, from the
/// fixture the `sample` command also reads. Returns the claim ids in fixture order.
pub fn record_sample(ledger: &Ledger) -> Vec<i64> {
    let ledger_fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("niger-turkey.ledger.json")).unwrap()).unwrap();
    for source in ledger_fixture["sources"].as_array().unwrap() {
        let mut args =
            vec!["source", "add", source["name"].as_str().unwrap(), "--kind", source["kind"].as_str().unwrap()];
        if let Some(url) = source["url"].as_str() {
            args.extend(["--url", url]);
        }
        if let Some(note) = source["note"].as_str() {
            args.extend(["--note", note]);
        }
        for alias in source["aliases"].as_array().unwrap() {
            args.extend(["--alias", alias.as_str().unwrap()]);
        }
        ledger.add(&args);
    }
    let article = &ledger_fixture["article"];
    let text = fixture(article["text_file"].as_str().unwrap());
    let article_id = ledger.add(&[
        "article",
        "add",
        article["title"].as_str().unwrap(),
        "--publisher",
        article["publisher"].as_str().unwrap(),
        "--published",
        article["published"].as_str().unwrap(),
        "--text-file",
        text.to_str().unwrap(),
    ]);
    let article_ref = article_id.to_string();
    ledger_fixture["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|claim| {
            let mut args = vec!["claim", "add", claim["text"].as_str().unwrap(), "--article", &article_ref];
            if let Some(source) = claim["source"].as_str() {
                args.extend(["--source", source]);
            }
            if let Some(kind) = claim["kind"].as_str() {
                args.extend(["--kind", kind]);
            }
            args.extend(["--quote", claim["quote"].as_str().unwrap()]);
            ledger.add(&args)
        })
        .collect()
}

/// The sample article with its follow-ups ([`record_follow_ups`]), a
/// conflicting report linked to claim 12 and a verdict on claim 5, on a fixed
/// clock: the ledger the snapshots show.
pub fn sample_with_follow_ups() -> Ledger {
    let ledger = Ledger::with_clock("2025-10-01T09:00:00Z");
    record_sample(&ledger);
    assert_eq!(record_follow_ups(&ledger), (2, 3));
    ledger.ok(&["link", "12", "--conflicts", "--article", "2", "--note", "Anadolu puts it at 1,100"]);
    ledger.ok(&["verdict", "5", "mostly-true"]);
    ledger
}

/// After [`record_sample`]: an independent agency report corroborating the
/// elite-troops claim (1), and a blog re-report of the sample article that
/// "corroborates" the battalions claim (3). Returns the two article ids.
pub fn record_follow_ups(ledger: &Ledger) -> (i64, i64) {
    ledger.add(&["source", "add", "Anadolu Agency", "--kind", "agency"]);
    let independent = ledger.add(&[
        "article",
        "add",
        "Turkish trainers bound for Niamey",
        "--publisher",
        "Anadolu Agency",
        "--published",
        "2025-09-24",
    ]);
    ledger.ok(&["link", "1", "--corroborates", "--article", &independent.to_string()]);
    ledger.add(&["source", "add", "Sahel Watch", "--kind", "outlet"]);
    let rereport = ledger.add(&[
        "article",
        "add",
        "Four Turkish battalions for Niger",
        "--publisher",
        "Sahel Watch",
        "--derived-from",
        "1",
        "--published",
        "2025-09-25",
    ]);
    ledger.ok(&["link", "3", "--corroborates", "--article", &rereport.to_string()]);
    (independent, rereport)
}
