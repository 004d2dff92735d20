//! Trust in the ledger: the settled event format, audited settings, ids never reused.

use crate::common::{Ledger, record_sample};

#[test]
fn ids_are_never_reused_after_a_delete() {
    let ledger = Ledger::new();
    let a = ledger.add(&["claim", "add", "A"]).to_string();
    let b = ledger.add(&["claim", "add", "B"]).to_string();
    let first = ledger.add(&["link", &a, "--corroborates", &b]);
    ledger.ok(&["unlink", &first.to_string()]);
    let second = ledger.add(&["link", &a, "--conflicts", &b]);
    assert_ne!(second, first, "the new link is a new row, not link {first} again");
    let history = ledger.json(&["history", &a]);
    let rows: Vec<(String, i64)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["table"] == "links")
        .map(|e| (e["action"].as_str().unwrap().to_string(), e["row_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(rows, [("insert".into(), first), ("delete".into(), first), ("insert".into(), second)]);
}

#[test]
fn an_update_records_only_what_changed() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "Turkey will send 1,500 troops"]).to_string();
    ledger.ok(&["claim", "edit", &id, "Turkey will send about 1,000 troops"]);
    let data: String =
        ledger.sql().query_row("SELECT data FROM events WHERE action = 'update'", [], |r| r.get(0)).unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let columns: Vec<&String> = data.as_object().unwrap().keys().collect();
    assert!(columns.iter().all(|c| ["text", "updated_at"].contains(&c.as_str())), "only what changed: {data}");
    assert_eq!(data["text"][0], "Turkey will send 1,500 troops");
    assert_eq!(data["text"][1], "Turkey will send about 1,000 troops");
    let hash: Vec<u8> = ledger.sql().query_row("SELECT hash FROM events LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(hash.len(), 32, "hashes are stored as 32 bytes, not hex");
}

#[test]
fn settings_are_audited_records() {
    let ledger = Ledger::new();
    assert_eq!(ledger.ok(&["settings", "get", "stale_days"]).trim(), "30");
    ledger.ok(&["settings", "set", "stale_days", "45"]);
    ledger.ok(&["settings", "set", "organisation.name", "Sahel Fact Desk"]);
    ledger.ok(&["settings", "set", "organisation.url", "https://factdesk.example.org"]);
    let list = ledger.json(&["settings", "list"]);
    assert_eq!(list[0]["key"], "stale_days");
    assert_eq!(list[0]["value"], "45");
    ledger.rejects(&["settings", "set", "stale_days", "forever"], 2, "0 to 36500");
    ledger.rejects(&["settings", "set", "organisation.url", "ftp://x.org"], 2, "organisation.url");
    ledger.rejects(&["settings", "set", "colour", "red"], 2, "no setting");
    let history = ledger.json(&["history"]);
    let last = history.as_array().unwrap().last().unwrap();
    assert_eq!((last["table"].as_str(), last["command"].as_str()), (Some("settings"), Some("settings set")));
    ledger.ok(&["verify"]);
    // A setting changed behind claimtrack's back is caught.
    ledger.sql().execute("UPDATE settings SET value = '99999' WHERE key = 'stale_days'", []).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("settings row 1 was changed outside claimtrack"), "{stdout}");
}

#[test]
fn the_log_stays_small() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let bytes: i64 =
        ledger.sql().query_row("SELECT sum(length(data)) + sum(length(hash)) FROM events", [], |r| r.get(0)).unwrap();
    let events = ledger.count("events");
    assert!(bytes / events < 260, "about {} bytes an event", bytes / events);
}
