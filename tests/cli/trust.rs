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

#[test]
fn a_version_changed_by_hand_is_reported_as_what_it_is() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A"]);
    for version in ["0", "-1"] {
        ledger.sql().execute_batch(&format!("PRAGMA user_version = {version}")).unwrap();
        for args in [&["flags"][..], &["claim", "add", "B"], &["init"]] {
            ledger.rejects(args, 1, &format!("its schema version (PRAGMA user_version) is {version}"));
        }
    }
}

#[test]
fn init_names_a_missing_folder() {
    let ledger = Ledger::uninitialised();
    let missing = ledger.dir.path().join("no-such-folder").join("ledger.db");
    let stderr = ledger.fails_with(&["--db", missing.to_str().unwrap(), "init"], 1);
    assert!(stderr.contains("the folder") && stderr.contains("does not exist"), "{stderr}");
    assert!(!stderr.contains("is not a claimtrack ledger"), "{stderr}");
}

/// Runs the binary as an unprivileged user, for whom file permissions bite (CI runs as root).
fn as_nobody(ledger: &Ledger, binary: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    let root = std::process::Command::new("id").arg("-u").output().ok()?;
    if !runuser.exists() || String::from_utf8_lossy(&root.stdout).trim() != "0" {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root with runuser: this test must run there");
        eprintln!("skipping: needs root and runuser to run as an unprivileged user");
        return None;
    }
    let mut cmd = std::process::Command::new(runuser);
    cmd.args(["-u", "nobody", "--"]).arg(binary).args(["--db"]).arg(&ledger.db).args(args);
    cmd.env_clear().env("CLAIMTRACK_EDITOR", "reader").env("NO_COLOR", "1");
    Some(cmd.output().expect("run runuser"))
}

#[test]
fn a_ledger_in_a_read_only_folder_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::new();
    record_sample(&ledger);
    // The binary and the folder must be reachable by the unprivileged user.
    let binary = ledger.dir.path().join("claimtrack");
    std::fs::copy(crate::common::bin(), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&ledger.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(ledger.dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = std::fs::read(&ledger.db).unwrap();
    let Some(out) = as_nobody(&ledger, &binary, &["flags"]) else { return };
    std::fs::set_permissions(ledger.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "reading a read-only ledger failed: {stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("single-source"));
    assert!(stderr.contains("cannot be written; reading it as an unchanging file"), "{stderr}");
    std::fs::set_permissions(ledger.dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = as_nobody(&ledger, &binary, &["claim", "add", "Y"]).unwrap();
    std::fs::set_permissions(ledger.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "a write is refused: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before, "nothing was written");
}

/// Runs SQL on the ledger as someone with sqlite3 could, then expects verify to name `finding`.
fn verify_names(ledger: &Ledger, sql: &str, finding: &str) {
    ledger.sql().execute_batch(sql).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains(finding), "after {sql:?} verify should say {finding:?}:\n{stdout}");
}

#[test]
fn verify_sees_a_trigger_that_rewrites_what_claimtrack_writes() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "Honest claim"]);
    verify_names(
        &ledger,
        "CREATE TRIGGER evil AFTER INSERT ON claims BEGIN UPDATE claims SET text = 'x' WHERE id = new.id; END;",
        "trigger evil on claims is not claimtrack's",
    );
    // Writes refuse the tampered ledger, so the honest text cannot be swapped.
    ledger.rejects(&["claim", "add", "Another honest claim"], 1, "triggers are not claimtrack's");
}

#[test]
fn verify_sees_dropped_guards_replaced_views_and_removed_checks() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim"]);
    verify_names(&ledger, "DROP TRIGGER events_are_append_only_update", "trigger events_are_append_only_update is missing");
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim"]);
    verify_names(
        &ledger,
        "DROP VIEW claim_flags; CREATE VIEW claim_flags AS SELECT 1 AS claim_id, 'none' AS flag, '' AS reason WHERE 0",
        "view claim_flags differs",
    );
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim"]);
    verify_names(
        &ledger,
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (length(trim(text)) > 0)', '') WHERE name = 'claims';
         PRAGMA writable_schema = OFF;",
        "table claims differs",
    );
}
