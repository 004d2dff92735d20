//! Many editors at once: real processes writing one ledger lose nothing.

use std::process::Command;

use crate::common::{Ledger, bin};

#[test]
fn eight_processes_adding_fifty_claims_each_lose_nothing() {
    writers_lose_nothing(8, 50, None);
}

/// Issue 12's figure, as on PostgreSQL (tests/cli/postgres_concurrency.rs). 32 writers queue for
/// one file's lock on 2 shared cores: each write holds it briefly, but a writer waits behind up to
/// 31 others, any of which can be descheduled while holding it, so the wait is two minutes, not
/// the default (a writer that gives up fails the test).
#[test]
fn thirty_two_processes_adding_fifty_claims_each_lose_nothing() {
    let took = writers_lose_nothing(32, 50, Some("120000"));
    eprintln!("32 writers x 50 claims on SQLite: {:.1} s", took.as_secs_f64());
}

/// `writers` processes adding `claims` claims each at once (`--busy-timeout` if given); how long they took.
fn writers_lose_nothing(writers: usize, claims: usize, busy_timeout_ms: Option<&'static str>) -> std::time::Duration {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    ledger.add(&["article", "add", "Story", "--publisher", "1"]);
    let events_before = ledger.count("events");

    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let db = ledger.db.clone();
            let config = ledger.config_file();
            std::thread::spawn(move || {
                let claimtrack = |args: &[&str]| {
                    Command::new(bin())
                        .env_clear()
                        .env("CLAIMTRACK_DB", &db)
                        .env("CLAIMTRACK_CONFIG", &config)
                        .env("CLAIMTRACK_EDITOR", format!("editor-{w}"))
                        .args(busy_timeout_ms.iter().flat_map(|ms| ["--busy-timeout", ms]))
                        .args(args)
                        .output()
                        .expect("spawn claimtrack")
                };
                let mut given = Vec::new();
                for i in 0..claims {
                    let text = format!("claim {i} from editor {w}");
                    let out = claimtrack(&["claim", "add", &text, "--article", "1", "--source", "Middle East Eye"]);
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                    let id: i64 = stdout.split('\t').next().and_then(|id| id.parse().ok()).expect("the new claim's id");
                    given.push((id, text.clone()));
                    if i % 10 == 0 {
                        // A failing write in the crowd must leave nothing behind.
                        let bad = claimtrack(&["claim", "add", &text, "--article", "1", "--source", "Nobody"]);
                        assert_eq!(bad.status.code(), Some(1));
                    }
                }
                given
            })
        })
        .collect();
    let given: Vec<Vec<(i64, String)>> = handles.into_iter().map(|w| w.join().expect("writer thread")).collect();
    let took = started.elapsed();

    let total = (writers * claims) as i64;
    assert_eq!(ledger.count("claims"), total);
    let distinct: i64 = ledger.sql().query_row("SELECT count(DISTINCT text) FROM claims", [], |r| r.get(0)).unwrap();
    assert_eq!(distinct, total, "the same text twice");
    assert_eq!(ledger.count("citations"), total);
    // Every writer's printed ids are its own and hold what it wrote.
    let mut ids = std::collections::BTreeSet::new();
    let sql = ledger.sql();
    for (id, text) in given.iter().flatten() {
        assert!(ids.insert(*id), "id {id} given twice");
        let stored: String = sql.query_row("SELECT text FROM claims WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(&stored, text, "claim {id}");
    }
    assert_eq!(ledger.count("events"), events_before + 2 * total);
    for w in 0..writers {
        let n: i64 = ledger
            .sql()
            .query_row(
                "SELECT count(*) FROM events e JOIN changes c ON c.id = e.change_id
                 WHERE c.editor = ?1 AND e.table_name = 'claims'",
                [format!("editor-{w}")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, claims as i64, "editor-{w}'s claims");
    }
    let verify = ledger.ok(&["verify"]);
    assert!(verify.starts_with(&format!("ok: {} events", events_before + 2 * total)), "{verify}");
    took
}
