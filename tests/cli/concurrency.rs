//! Many editors at once: real processes writing one ledger lose nothing.

use std::process::Command;

use crate::common::{Ledger, bin};

#[test]
fn eight_processes_adding_fifty_claims_each_lose_nothing() {
    const WRITERS: usize = 8;
    const CLAIMS: usize = 50;
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    ledger.add(&["article", "add", "Story", "--publisher", "1"]);
    let events_before = ledger.count("events");

    let writers: Vec<_> = (0..WRITERS)
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
                        .args(args)
                        .output()
                        .expect("spawn claimtrack")
                };
                for i in 0..CLAIMS {
                    let text = format!("claim {i} from editor {w}");
                    let out = claimtrack(&["claim", "add", &text, "--article", "1", "--source", "Middle East Eye"]);
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                    if i % 10 == 0 {
                        // A failing write in the crowd must leave nothing behind.
                        let bad = claimtrack(&["claim", "add", &text, "--article", "1", "--source", "Nobody"]);
                        assert_eq!(bad.status.code(), Some(1));
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer thread");
    }

    let total = (WRITERS * CLAIMS) as i64;
    assert_eq!(ledger.count("claims"), total);
    assert_eq!(ledger.count("citations"), total);
    assert_eq!(ledger.count("events"), events_before + 2 * total);
    for w in 0..WRITERS {
        let n: i64 = ledger
            .sql()
            .query_row(
                "SELECT count(*) FROM events e JOIN changes c ON c.id = e.change_id
                 WHERE c.editor = ?1 AND e.table_name = 'claims'",
                [format!("editor-{w}")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, CLAIMS as i64, "editor-{w}'s claims");
    }
    let verify = ledger.ok(&["verify"]);
    assert!(verify.starts_with(&format!("ok: {} events", events_before + 2 * total)), "{verify}");
}
