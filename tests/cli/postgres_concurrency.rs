//! Many editors on one PostgreSQL ledger, and the faults a server brings (issue 12, items 3 and 8):
//! 32 `claim add` processes at once lose and duplicate nothing; a wrong database, a role without
//! rights, a server restarted under 8 writers and a server that is down each fail in one line,
//! leave no half-written claim, and writers that retry lose nothing.
//!
//! These run when `CLAIMTRACK_TEST_PG` names a server (`.ci/pg-cluster run cargo test`); without it
//! they skip, and under CI they fail. The fault tests restart and stop a server, so they start a
//! cluster of their own with `.ci/pg-cluster start DIR` (as root, it runs as `postgres`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::bin;
use crate::common::postgres::{Schema, checked_chain, server};

/// How long each writer waits for the ledger's lock. A write holds it for one short transaction
/// (a few ms), but 32 writers queue behind each other on 2 cores shared with the rest of the suite,
/// and a writer holding the lock can be descheduled: two minutes is a bound a slow, loaded machine
/// stays well inside, not a figure tuned to pass (a writer that waits longer fails the test).
const BUSY_TIMEOUT_MS: &str = "120000";

/// `claimtrack` as editor `editor` on `target`, with nothing from the environment but that.
fn claimtrack(target: &str, editor: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .env_clear()
        .env("CLAIMTRACK_DB", target)
        .env("CLAIMTRACK_EDITOR", editor)
        .env("CLAIMTRACK_CONFIG", "/nonexistent/claimtrack-config.toml")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("spawn claimtrack")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The id `claim add` printed first on its line ("7\tadded claim: …" or "7\tskipped: …").
fn printed_id(out: &Output) -> i64 {
    let stdout = text(&out.stdout);
    stdout.split('\t').next().and_then(|id| id.trim().parse().ok()).unwrap_or_else(|| panic!("no id in {stdout:?}"))
}

/// A new ledger at `owner` (connecting as its owner), set up as an owner sets one up: newsroom
/// `desk` and its editor's role `desk_editor`, whose connection string it returns; then, as that
/// editor, what the fault tests' claims cite: source 1 (Reuters) and article 1.
fn start_ledger(owner: &str) -> String {
    for args in [&["admin", "upgrade"][..], &["org", "add", "desk"], &["org", "editor", "desk_editor", "--org", "desk"]]
    {
        let out = claimtrack(owner, "owner", args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let editor = format!("{owner} user=desk_editor");
    for args in [
        &["init"][..],
        &["source", "add", "Reuters", "--kind", "agency"],
        &["article", "add", "Story", "--publisher", "1"],
    ] {
        let out = claimtrack(&editor, "desk", args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    editor
}

/// One count from the ledger.
fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).unwrap().get(0)
}

/// Claims without their citation or without their two events (claim and citation): a half-written
/// claim. Every claim these tests add cites one article, so there must be none.
fn half_written(client: &mut postgres::Client) -> Vec<i64> {
    client
        .query(
            "SELECT c.id FROM claims c
             WHERE NOT EXISTS (SELECT 1 FROM citations t WHERE t.claim_id = c.id)
                OR NOT EXISTS (SELECT 1 FROM events e WHERE e.table_name = 'claims' AND e.row_id = c.id)
                OR NOT EXISTS (SELECT 1 FROM events e JOIN citations t ON e.table_name = 'citations' AND e.row_id = t.id
                               WHERE t.claim_id = c.id)
             ORDER BY c.id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// `writers` processes adding `claims` claims each, at once, into the ledger at `target`:
/// every claim there once, under the id its writer was given, with its citation and its events.
pub(crate) fn writers_lose_nothing(
    target: &str,
    client: &mut postgres::Client,
    writers: usize,
    claims: usize,
) -> Duration {
    let editor = |w: usize| format!("editor-{w}");
    claimtrack(target, "desk", &["init"]);
    for args in [
        &["source", "add", "Middle East Eye", "--kind", "outlet"][..],
        &["article", "add", "Story", "--publisher", "1"],
    ] {
        let out = claimtrack(target, "desk", args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let events_before = count(client, "SELECT count(*) FROM events");

    let started = Instant::now();
    let given: Vec<Vec<(i64, String)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                scope.spawn(move || {
                    let mut given = Vec::new();
                    for i in 0..claims {
                        let text = format!("claim {i} from editor {w}");
                        let args = [
                            "--busy-timeout",
                            BUSY_TIMEOUT_MS,
                            "claim",
                            "add",
                            &text,
                            "--article",
                            "1",
                            "--source",
                            "Middle East Eye",
                        ];
                        let out = claimtrack(target, &editor(w), &args);
                        assert!(
                            out.status.success(),
                            "editor {w}, claim {i}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        given.push((printed_id(&out), text));
                        if i % 10 == 0 {
                            // A failing write in the crowd must leave nothing behind.
                            let bad = claimtrack(
                                target,
                                &editor(w),
                                &["claim", "add", "nobody said it", "--article", "1", "--source", "Nobody"],
                            );
                            assert_eq!(bad.status.code(), Some(1), "{}", String::from_utf8_lossy(&bad.stderr));
                        }
                    }
                    given
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("writer thread")).collect()
    });
    let took = started.elapsed();

    let total = (writers * claims) as i64;
    assert_eq!(count(client, "SELECT count(*) FROM claims"), total, "claims lost or duplicated");
    assert_eq!(count(client, "SELECT count(DISTINCT text) FROM claims"), total, "the same text twice");
    assert_eq!(count(client, "SELECT count(*) FROM citations"), total);
    assert_eq!(count(client, "SELECT count(*) FROM events"), events_before + 2 * total);
    assert_eq!(half_written(client), Vec::<i64>::new());
    // Every writer's ids are its own and hold what it wrote.
    let stored: BTreeMap<i64, String> =
        client.query("SELECT id, text FROM claims", &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect();
    let mut ids = BTreeSet::new();
    for (w, given) in given.iter().enumerate() {
        assert_eq!(given.len(), claims);
        for (id, text) in given {
            assert!(ids.insert(*id), "id {id} given twice");
            assert_eq!(stored.get(id), Some(text), "editor {w}'s claim {id}");
        }
        let recorded = client
            .query_one(
                "SELECT count(*) FROM events e JOIN changes c ON c.id = e.change_id
                 WHERE c.editor = $1 AND e.table_name = 'claims'",
                &[&editor(w)],
            )
            .unwrap()
            .get::<_, i64>(0);
        assert_eq!(recorded, claims as i64, "editor-{w}'s claims in the log");
    }
    assert_eq!(checked_chain(target) as i64, events_before + 2 * total);
    took
}

#[test]
fn thirty_two_processes_adding_fifty_claims_each_on_postgresql_lose_nothing() {
    let Some(mut schema) = Schema::desk("writers32") else { return };
    let target = schema.editor_conninfo();
    let took = writers_lose_nothing(&target, &mut schema.client, 32, 50);
    eprintln!("32 writers x 50 claims on PostgreSQL: {:.1} s", took.as_secs_f64());
}

/// A cluster of the test's own (`.ci/pg-cluster start DIR`), stopped and removed when dropped.
struct Cluster {
    dir: PathBuf,
    /// Connects as the ledger's owner, `claimtrack`, as the CLI does.
    conn: String,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci").join("pg-cluster")
}

impl Cluster {
    fn start(name: &str) -> Option<Cluster> {
        // Same rule as every PostgreSQL test: a server is there (CI) or the test skips.
        server()?;
        let dir = std::env::temp_dir().join(format!("claimtrack-pg-{name}-{}", std::process::id()));
        let out = Command::new(script()).arg("start").arg(&dir).output().expect("run .ci/pg-cluster");
        assert!(out.status.success(), ".ci/pg-cluster start: {}", text(&out.stderr));
        Some(Cluster { dir, conn: text(&out.stdout).trim().to_string() })
    }

    fn as_user(&self, user: &str) -> String {
        format!("host={} dbname=claimtrack user={user}", self.dir.display())
    }

    fn superuser(&self) -> postgres::Client {
        postgres::Client::connect(&self.as_user("postgres"), postgres::NoTls).unwrap()
    }

    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.conn, postgres::NoTls).unwrap()
    }

    /// `pg_ctl restart -m fast`: every session is ended, mid-transaction or not.
    fn restart(&self) {
        let out = Command::new(script()).arg("restart").arg(&self.dir).output().expect("run .ci/pg-cluster");
        assert!(out.status.success(), ".ci/pg-cluster restart: {}", text(&out.stderr));
    }

    fn stop(&self) {
        let out = Command::new(script()).arg("stop").arg(&self.dir).output().expect("run .ci/pg-cluster");
        assert!(out.status.success(), ".ci/pg-cluster stop: {}", text(&out.stderr));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
    }
}

/// A failed command's stderr: exit 1, one line, naming the problem with one of `names`.
fn one_clear_line(out: &Output, names: &[&str]) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(names.iter().any(|name| stderr.contains(name)), "{stderr}");
    stderr.trim_end().to_string()
}

/// Words no other claim shares: each claim's text is its own, so a retry's `--on-duplicate skip`
/// can only ever match that claim's own earlier attempt, never another claim's near-duplicate.
fn unique_words(n: usize) -> String {
    (0..4)
        .map(|k| {
            let mut v = n * 4 + k;
            let mut word = String::from("q");
            for _ in 0..4 {
                word.push(char::from(b'a' + (v % 26) as u8));
                v /= 26;
            }
            word
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_wrong_database_a_role_without_rights_and_a_down_server_fail_in_one_line_writing_nothing() {
    let Some(cluster) = Cluster::start("faults") else { return };
    // The ledger in a schema of its own, as a desk sharing a database would keep it.
    cluster.client().batch_execute("CREATE SCHEMA desk").unwrap();
    let in_desk = |conn: &str| format!("{conn} options='-csearch_path=desk'");
    let desk = &start_ledger(&in_desk(&cluster.conn));
    let mut client = cluster.client();
    client.batch_execute("SET search_path = desk").unwrap();
    let events = count(&mut client, "SELECT count(*) FROM events");
    let add = ["claim", "add", "The port reopened", "--article", "1", "--source", "Reuters"];

    // A database that is not there.
    let wrong = format!("postgres://claimtrack@/nosuchdb?host={}", cluster.dir.display());
    for args in [&add[..], &["claim", "list"]] {
        let line = one_clear_line(&claimtrack(&wrong, "desk", args), &["database \"nosuchdb\" does not exist"]);
        assert!(line.contains("cannot connect to PostgreSQL"), "{line}");
        eprintln!("wrong database: {line}");
    }

    // A role that may log in and nothing else: no rights on the ledger's schema (so PostgreSQL
    // leaves the schema out of its search path), or on the schema and none on its tables.
    cluster.superuser().batch_execute("CREATE ROLE outsider LOGIN; CREATE ROLE visitor LOGIN").unwrap();
    cluster.client().batch_execute("GRANT USAGE ON SCHEMA desk TO visitor").unwrap();
    for (role, says) in [("outsider", "has no USAGE on it"), ("visitor", "permission denied for table")] {
        let target = in_desk(&cluster.as_user(role));
        for args in [&add[..], &["claim", "list"], &["source", "add", "AFP", "--kind", "agency"], &["init"]] {
            let line = one_clear_line(&claimtrack(&target, role, args), &[says]);
            assert!(line.contains("not allowed"), "{line}");
            eprintln!("role without rights: {line}");
        }
    }

    // Nothing of it was written.
    assert_eq!(count(&mut client, "SELECT count(*) FROM events"), events);
    assert_eq!(count(&mut client, "SELECT count(*) FROM claims"), 0);
    assert_eq!(count(&mut client, "SELECT count(*) FROM sources"), 1);

    // The server down: its socket is gone.
    drop(client);
    cluster.stop();
    for args in [&add[..], &["claim", "list"]] {
        let line = one_clear_line(&claimtrack(desk, "desk", args), &["cannot connect to PostgreSQL"]);
        eprintln!("server down: {line}");
    }
}

#[test]
fn a_server_restarted_under_eight_writers_loses_nothing_they_retry_and_half_writes_nothing() {
    const WRITERS: usize = 8;
    const CLAIMS: usize = 25;
    let Some(cluster) = Cluster::start("restart") else { return };
    let desk = &start_ledger(&cluster.conn);
    let added = AtomicUsize::new(0);
    let total = WRITERS * CLAIMS;
    let (failures, skipped): (Vec<Vec<String>>, usize) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let added = &added;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    let mut skipped = 0;
                    for i in 0..CLAIMS {
                        let claim = unique_words(w * CLAIMS + i);
                        // The writer's retry loop: the same command again until it succeeds. A failure
                        // after COMMIT was sent (its reply lost to the restart) may have landed: with
                        // `--on-duplicate skip`, the re-run finds that claim by its exact text, under
                        // the write lock, and adds nothing ("skipped: the ledger already holds it").
                        let args = [
                            "--busy-timeout",
                            "30000",
                            "claim",
                            "add",
                            &claim,
                            "--article",
                            "1",
                            "--source",
                            "Reuters",
                            "--on-duplicate",
                            "skip",
                        ];
                        loop {
                            let out = claimtrack(desk, &format!("editor-{w}"), &args);
                            if out.status.success() {
                                skipped += usize::from(text(&out.stdout).contains("skipped"));
                                break;
                            }
                            failures.push(one_clear_line(&out, RESTART_WORDS));
                            assert!(failures.len() < 100, "editor {w} keeps failing: {failures:?}");
                            std::thread::sleep(Duration::from_millis(100));
                        }
                        added.fetch_add(1, Ordering::Relaxed);
                    }
                    (failures, skipped)
                })
            })
            .collect();
        // Two restarts, a third and two thirds of the way through, while every writer is busy.
        for part in [3, 3 * 2] {
            // (A writer that stopped early has failed the test; its panic is reported at the join.)
            while added.load(Ordering::Relaxed) < total * part / 9 && !handles.iter().any(|h| h.is_finished()) {
                std::thread::sleep(Duration::from_millis(20));
            }
            cluster.restart();
        }
        handles.into_iter().map(|h| h.join().expect("writer thread")).fold((Vec::new(), 0), |(mut all, n), (f, s)| {
            all.push(f);
            (all, n + s)
        })
    });
    let failed: Vec<&String> = failures.iter().flatten().collect();
    eprintln!(
        "{} writes failed under the restarts and were retried; {skipped} retries found their claim had landed",
        failed.len()
    );
    for line in BTreeSet::from_iter(failed.iter().map(|l| l.as_str())) {
        eprintln!("  {line}");
    }
    assert!(!failed.is_empty(), "the restarts interrupted no writer: nothing was tested");

    let mut client = cluster.client();
    assert_eq!(count(&mut client, "SELECT count(*) FROM claims"), total as i64, "claims lost or duplicated");
    assert_eq!(count(&mut client, "SELECT count(DISTINCT text) FROM claims"), total as i64);
    let stored: BTreeSet<String> =
        client.query("SELECT text FROM claims", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    for n in 0..total {
        assert!(stored.contains(&unique_words(n)), "claim {n} lost");
    }
    assert_eq!(count(&mut client, "SELECT count(*) FROM citations"), total as i64);
    assert_eq!(half_written(&mut client), Vec::<i64>::new());
    checked_chain(desk);
}

/// What a write cut off by a restart may say: the connection lost, the server shutting down or
/// starting up, or not there while it restarts.
const RESTART_WORDS: &[&str] = &["lost the connection to PostgreSQL", "cannot connect to PostgreSQL"];
