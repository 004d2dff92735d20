//! Upgrading a real ledger: the committed schema-1 fixture opens, migrates and verifies with the current binary.

use crate::common::{Ledger, fixture, flags_by_claim};

/// A temp copy of the schema-1 ledger (never the committed file itself), upgraded.
fn schema_1_ledger() -> Ledger {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).expect("copy the fixture ledger");
    let out = ledger.ok(&["upgrade"]);
    assert!(out.contains("from schema version 1 to"), "{out}");
    ledger
}

#[test]
fn reads_never_write_and_name_the_upgrade() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).unwrap();
    for args in [&["flags"][..], &["claim", "list"], &["report"], &["history"], &["verify"], &["claim", "show", "1"]] {
        ledger.rejects(args, 1, "run `claimtrack upgrade`");
    }
    // A write upgrades first, in its own transaction, as `upgrade` does.
    ledger.add(&["claim", "add", "Written after the upgrade"]);
    assert!(ledger.ok(&["upgrade"]).contains("is up to date"));
    ledger.ok(&["verify"]);
}

#[test]
fn a_schema_1_ledger_upgrades_and_keeps_every_record() {
    let ledger = schema_1_ledger();
    let verified = ledger.json(&["verify"]);
    assert_eq!(verified["ok"], true, "{verified}");
    assert_eq!(
        verified["events"],
        53 + 1 + 15,
        "the 53 schema-1 events, the settings row now audited, and the stage each of the 15 claims starts at"
    );
    assert_eq!(ledger.count("claims"), 15);
    assert_eq!(ledger.count("links"), 3, "the removed link stays removed");

    let claim = ledger.json(&["claim", "show", "7"]);
    assert_eq!(claim["text"], "Turkey's defence ministry has not commented");
    let retracted = ledger.json(&["claim", "show", "8"]);
    assert_eq!(retracted["status"], "retracted");
    assert_eq!(retracted["retract_reason"], "logged twice");
    let rated = ledger.json(&["claim", "show", "5"]);
    assert_eq!(rated["verdicts"][0]["rating"], "mostly-true");

    // The merged source's name lives on as an alias.
    let source = ledger.json(&["source", "show", "MEE copy"]);
    assert_eq!(source["name"], "Middle East Eye");

    let flags = flags_by_claim(&ledger);
    assert!(!flags.contains_key(&8), "a retracted claim carries no flags");
    assert!(flags[&2].contains(&"conflicted".to_string()), "{flags:?}");
    assert!(flags[&3].contains(&"circular".to_string()), "{flags:?}");
    assert!(!flags.get(&1).is_some_and(|f| f.contains(&"single-source".to_string())), "{flags:?}");
}

#[test]
fn an_upgraded_ledger_takes_new_writes_and_still_verifies() {
    let ledger = schema_1_ledger();
    let id = ledger.add(&["claim", "add", "Niger received Turkish drones in 2024", "--article", "1"]);
    assert_eq!(id, 16);
    let link = ledger.add(&["link", &id.to_string(), "--corroborates", "--article", "2"]);
    assert_eq!(link, 5, "link 4 was removed before the upgrade, and ids are never reused");
    ledger.ok(&["report", "--format", "json"]);
    let verified = ledger.json(&["verify"]);
    assert_eq!(verified["ok"], true, "{verified}");
    assert_eq!(verified["events"], 69 + 3, "a claim, its citation and a link");
}

#[test]
fn the_upgrade_groups_old_events_into_changes_and_keeps_history_readable() {
    let ledger = schema_1_ledger();
    let history = ledger.json(&["history", "1"]);
    let events = history.as_array().unwrap();
    assert_eq!(events[0]["action"], "insert");
    assert_eq!(events[0]["new_values"]["text"], "Turkey will send elite troops to train Niger's military");
    assert_eq!(events[0]["change"], events[1]["change"], "the claim and its citation were one command");
    // The reworded claim records only what changed.
    let reworded = ledger.json(&["history", "7"]);
    let update = reworded.as_array().unwrap().iter().find(|e| e["action"] == "update").unwrap();
    assert_eq!(update["new_values"]["text"], "Turkey's defence ministry has not commented");
    assert!(update["new_values"].get("status").is_none(), "unchanged columns are not recorded: {update}");
}

#[test]
fn a_broken_schema_1_chain_is_not_laundered_by_the_upgrade() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).unwrap();
    // Tamper with an old event the way someone with sqlite3 could (dropping the guard first).
    let conn = ledger.sql();
    conn.execute_batch(
        "DROP TRIGGER events_are_append_only_update;
         UPDATE events SET new_values = json_set(new_values, '$.text', 'Turkey will send 10,000 troops') WHERE id = 20;",
    )
    .unwrap();
    drop(conn);
    let stderr = ledger.fails_with(&["upgrade"], 1);
    assert!(stderr.contains("broken at event 20") && stderr.contains("not upgraded"), "{stderr}");
    let version: i64 = ledger.sql().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the ledger is left as it was");
}

/// Recomputes every event's hash from the chain's start, as a forger with the file (and no secret) can.
fn rechain(ledger: &Ledger) {
    let conn = ledger.sql();
    let origin = claimtrack::store::log::origin(claimtrack::store::db::Db::Sqlite(&conn)).unwrap();
    let mut events = Vec::new();
    claimtrack::store::log::each_event(claimtrack::store::db::Db::Sqlite(&conn), |e| events.push(e)).unwrap();
    conn.execute_batch("DROP TRIGGER IF EXISTS events_are_append_only_update").unwrap();
    let mut prev = origin;
    for mut event in events {
        event.hash = claimtrack::chain::event_hash(&prev, &event);
        conn.execute("UPDATE events SET hash = ?2 WHERE id = ?1", rusqlite::params![event.id, &event.hash[..]])
            .unwrap();
        prev = event.hash;
    }
}

#[test]
fn a_rewritten_and_rechained_history_is_caught_by_the_kept_schema_1_log() {
    let ledger = schema_1_ledger();
    let conn = ledger.sql();
    conn.execute("UPDATE claims SET text = 'Turkey will send 10,000 troops' WHERE id = 1", []).unwrap();
    conn.execute_batch(
        "DROP TRIGGER events_are_append_only_update;
         UPDATE events SET data = json_set(data, '$.text', 'Turkey will send 10,000 troops')
         WHERE table_name = 'claims' AND row_id = 1 AND action = 'insert';",
    )
    .unwrap();
    drop(conn);
    rechain(&ledger);
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("no longer says what schema-1 event"), "{stdout}");
    // A fake old hash slipped into the kept log does not pass for an old anchor either.
    let conn = ledger.sql();
    conn.execute_batch("DROP TRIGGER events_v1_are_append_only_update").unwrap();
    conn.execute("UPDATE events_v1 SET editor = 'mallory' WHERE id = 30", []).unwrap();
    drop(conn);
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("schema-1 event 30 was altered"), "{stdout}");
}

#[test]
fn a_redaction_reaches_the_kept_schema_1_log() {
    let ledger = schema_1_ledger();
    let secret = "Ibrahim Bachir Abdouyale";
    ledger.ok(&["redact", "source", "3", "name", "--reason", "source protection"]);
    // (The sample article's own text names him too; that is the article's, redacted separately.)
    let left: i64 = ledger
        .sql()
        .query_row(
            "SELECT (SELECT count(*) FROM events_v1 WHERE instr(coalesce(old_values, '') || coalesce(new_values, ''), ?1))
                  + (SELECT count(*) FROM events WHERE instr(data, ?1))
                  + (SELECT count(*) FROM sources WHERE instr(name, ?1))",
            [secret],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "the name is still in the log or the row");
    let verified = ledger.ok(&["verify"]);
    assert!(verified.starts_with("ok:"), "{verified}");
}
