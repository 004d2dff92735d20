//! The audit trail: one event per change, in the same transaction, hash-chained and append-only.

use crate::common::{Ledger, record_sample};

#[test]
fn every_change_writes_its_event() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    // The settings row written by init, 3 sources + 3 aliases + 1 article + 14 claims + 14 citations.
    assert_eq!(ledger.count("events"), 1 + 3 + 3 + 1 + 14 + 14);
    // One change per command: init, 3 source adds, an article add, 14 claim adds.
    assert_eq!(ledger.count("changes"), 1 + 3 + 1 + 14);
    let history = ledger.json(&["history", &ids[0].to_string()]);
    let tables: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["table"].as_str().unwrap()).collect();
    assert_eq!(tables, ["claims", "citations"]);
    assert_eq!(history[0]["editor"], "tester");
    assert_eq!(history[0]["command"], "claim add");
    assert_eq!(history[0]["change"], history[1]["change"], "one claim add is one change");
    assert_eq!(history[0]["new_values"]["text"], "Turkey will send elite troops to train Niger's military");
    ledger.ok(&["verify"]);
}

#[test]
fn the_log_refuses_updates_and_deletes() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "X"]);
    let conn = ledger.sql();
    let update = conn.execute("UPDATE events SET row_id = 7", []).unwrap_err().to_string();
    assert!(update.contains("append-only"), "{update}");
    let delete = conn.execute("DELETE FROM events", []).unwrap_err().to_string();
    assert!(delete.contains("append-only"), "{delete}");
    let update = conn.execute("UPDATE changes SET editor = 'mallory'", []).unwrap_err().to_string();
    assert!(update.contains("append-only"), "{update}");
}

#[test]
fn verify_catches_a_row_changed_behind_its_back() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    ledger.sql().execute("UPDATE claims SET text = 'Turkey will send 10,000 troops' WHERE id = 1", []).unwrap();
    let (stdout, stderr) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("claims row 1 was changed outside claimtrack"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn verify_catches_a_rewritten_or_removed_event() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let conn = ledger.sql();
    // Someone with sqlite3 drops the guard and rewrites history.
    conn.execute_batch(
        "DROP TRIGGER events_are_append_only_update; DROP TRIGGER events_are_append_only_delete;
         UPDATE events SET data = json_set(data, '$.name', 'Mallory News') WHERE id = 5;
         DELETE FROM events WHERE id = 9;",
    )
    .unwrap();
    let (report, _) = ledger.exits(&["--format", "json", "verify"], 3);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["ok"], false);
    let problems: Vec<&str> = report["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(problems.iter().any(|p| p.contains("event 5 was altered")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("event 10 follows event 8")), "{problems:?}");
}

#[test]
fn verify_catches_tampered_article_text_and_rows_added_by_hand() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let conn = ledger.sql();
    conn.execute("UPDATE articles SET body = replace(body, '1,500', '15,000')", []).unwrap();
    conn.execute("INSERT INTO claims (text, created_at, updated_at) VALUES ('planted', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", []).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("article 1's text no longer matches its SHA-256"), "{stdout}");
    assert!(stdout.contains("claims row 15 was written without an audit event"), "{stdout}");
}

#[test]
fn a_failed_write_leaves_no_event() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Story"]);
    let before = ledger.count("events");
    // The citation fails after the claim row was inserted: the whole command rolls back.
    ledger.rejects(&["claim", "add", "X", "--article", "1", "--kind", "named"], 2, "needs --source");
    ledger.rejects(&["claim", "add", "X", "--article", "1", "--source", "Nobody"], 1, "no source matches");
    assert_eq!(ledger.count("events"), before);
    assert_eq!(ledger.count("claims"), 0);
}
