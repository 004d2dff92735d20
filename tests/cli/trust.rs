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
    // Copied by `cp`, not std::fs::copy: a write handle open in this process leaks into any
    // child another test thread forks meanwhile, and running the copy then fails with ETXTBSY.
    let copied = std::process::Command::new("cp").arg(crate::common::bin()).arg(&binary).status().unwrap();
    assert!(copied.success(), "copy the binary");
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
    verify_names(
        &ledger,
        "DROP TRIGGER events_are_append_only_update",
        "trigger events_are_append_only_update is missing",
    );
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

#[test]
fn an_anchor_shows_a_removed_tail_that_the_chain_alone_cannot() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A"]);
    let last = ledger.add(&["claim", "add", "B"]);
    let anchor = ledger.ok(&["anchor"]).trim().to_string();
    let (id, hash) = anchor.split_once(':').unwrap();
    assert_eq!(hash.len(), 64);
    let anchors =
        ledger.write_file("anchors.txt", format!("# kept in the newsroom log\n\n{anchor}  # after B\n").as_bytes());
    ledger.ok(&["verify", "--anchors", anchors.to_str().unwrap()]);
    // Someone removes the newest event together with its row: the chain still verifies...
    ledger
        .sql()
        .execute_batch(&format!(
            "DROP TRIGGER events_are_append_only_delete;
             DROP TRIGGER changes_are_append_only_delete;
             CREATE TEMP TABLE gone AS SELECT change_id FROM events WHERE id = {id};
             DELETE FROM events WHERE id = {id};
             DELETE FROM changes WHERE id IN (SELECT change_id FROM temp.gone);
             DELETE FROM claims WHERE id = {last};
             CREATE TRIGGER changes_are_append_only_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'changes are append-only: DELETE refused');
END;
             CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;"
        ))
        .unwrap();
    assert!(ledger.ok(&["verify"]).starts_with("ok:"), "without an anchor a missing tail cannot show");
    // ...but not against the anchor kept elsewhere.
    let (stdout, _) = ledger.exits(&["verify", "--anchor", &anchor], 3);
    assert!(stdout.contains(&format!("there is no event {id}")), "{stdout}");
    ledger.exits(&["verify", "--anchors", anchors.to_str().unwrap()], 3);
    ledger.rejects(&["verify", "--anchor", "12:not-hex"], 2, "64 hex digits");
}

#[test]
fn an_anchor_taken_before_the_upgrade_still_checks() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(crate::common::fixture("ledger-schema-1.sqlite"), &ledger.db).unwrap();
    let old_head: String =
        ledger.sql().query_row("SELECT id || ':' || hash FROM events ORDER BY id DESC", [], |r| r.get(0)).unwrap();
    let old_middle: String =
        ledger.sql().query_row("SELECT id || ':' || hash FROM events WHERE id = 20", [], |r| r.get(0)).unwrap();
    ledger.ok(&["upgrade"]);
    ledger.ok(&["verify", "--anchor", &old_head, "--anchor", &old_middle]);
    let forged = format!("{}{}", &old_head[..old_head.len() - 1], if old_head.ends_with('0') { '1' } else { '0' });
    ledger.exits(&["verify", "--anchor", &forged], 3);
}

#[test]
fn a_backup_taken_while_eight_editors_write_is_a_verified_prefix() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let db = ledger.db.clone();
            let config = ledger.config_file();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let out = std::process::Command::new(crate::common::bin())
                        .env_clear()
                        .env("CLAIMTRACK_DB", &db)
                        .env("CLAIMTRACK_CONFIG", &config)
                        .env("CLAIMTRACK_EDITOR", format!("editor-{w}"))
                        .args(["claim", "add", &format!("Claim {i} by editor {w}")])
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let copy = ledger.dir.path().join("backup.db");
    let out = ledger.ok(&["backup", copy.to_str().unwrap()]);
    for w in writers {
        w.join().unwrap();
    }
    assert!(out.contains("it verifies") && out.contains("anchor: "), "{out}");
    let copied = rusqlite::Connection::open(&copy).unwrap();
    let mut stmt = copied.prepare("SELECT id, hash FROM events ORDER BY id").unwrap();
    let in_copy: Vec<(i64, Vec<u8>)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    let original = ledger.sql();
    for (id, hash) in &in_copy {
        let same: Vec<u8> = original.query_row("SELECT hash FROM events WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(&same, hash, "event {id} of the copy is the original's: the copy is a prefix");
    }
    assert_eq!(in_copy.first().map(|e| e.0), Some(1));
    assert!(in_copy.len() as i64 <= ledger.count("events"));
    assert_eq!(ledger.count("claims"), 14 + 8 * 15, "the writers lost nothing to the backup");
    ledger.rejects(&["backup", copy.to_str().unwrap()], 1, "never overwrites");
}

#[test]
fn a_redaction_removes_the_value_everywhere_and_verify_still_passes() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    // The researcher asks to be removed; his name was also edited once.
    ledger.ok(&["source", "edit", "Abdouyale", "--name", "Ibrahim B. Abdouyale"]);
    let secret_names = ["Ibrahim Bachir Abdouyale", "Ibrahim B. Abdouyale"];
    let out = ledger.ok(&["redact", "source", "3", "name", "--reason", "source protection (request of 2025-10-02)"]);
    assert!(out.contains("redacted source 3's name"), "{out}");
    ledger.ok(&["redact", "claim", "1", "text", "--reason", "legal request"]);
    ledger.ok(&["redact", "article", "1", "text", "--reason", "copyright request"]);
    let verified = ledger.ok(&["verify"]);
    assert!(verified.starts_with("ok:"), "{verified}");
    // Gone from the rows and from every event; the reason is on record.
    let dump: String = ledger.sql().query_row("SELECT group_concat(data, '|') FROM events", [], |r| r.get(0)).unwrap();
    for secret in secret_names {
        assert!(!dump.contains(secret), "{secret} is still in the log");
    }
    assert!(!dump.contains("Turkey will send elite troops"), "the claim text is still in the log");
    let shown = ledger.json(&["source", "show", "3"]);
    assert!(shown["name"].as_str().unwrap().starts_with("[redacted in event "), "{shown}");
    let history = ledger.json(&["history", "1"]);
    let redaction = history.as_array().unwrap().iter().find(|e| e["action"] == "redact").unwrap();
    assert_eq!(redaction["new_values"]["reason"], "legal request");
    assert_eq!(history[0]["new_values"]["text"], "[redacted]");
    ledger.rejects(&["redact", "source", "3", "name", "--reason", "again"], 1, "already redacted");
    ledger.rejects(&["redact", "source", "3", "kind", "--reason", "x"], 2, "cannot be redacted");
    ledger.rejects(&["redact", "claim", "1", "text", "--reason", " "], 2, "--reason");
}

#[test]
fn a_marker_without_its_redaction_is_caught() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim"]);
    // Someone replaces a value with a marker by hand (with the right digest, even).
    let data: String =
        ledger.sql().query_row("SELECT data FROM events WHERE table_name = 'claims'", [], |r| r.get(0)).unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let digest = {
        use sha2::Digest;
        let bytes: [u8; 32] = sha2::Sha256::digest(serde_json::Value::from("A claim").to_string().as_bytes()).into();
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    data["text"] = serde_json::json!({ "redacted": digest });
    ledger.sql().execute("UPDATE events SET data = ?1 WHERE table_name = 'claims'", [data.to_string()]).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("no redact event records"), "{stdout}");
}

#[test]
fn a_number_that_is_both_an_id_and_a_name_is_refused_and_hash_and_name_say_which() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Reuters", "--kind", "agency"]);
    ledger.add(&["source", "add", "Government of Niger", "--kind", "government"]);
    let orwell = ledger.add(&["source", "add", "1984", "--kind", "document"]);
    let two = ledger.add(&["source", "add", "2", "--kind", "document"]);
    ledger.ok(&["article", "add", "Story"]);
    // "1984" is no source's id: it is the document's name.
    ledger.ok(&["claim", "add", "Big Brother is watching", "--article", "1", "--source", "1984"]);
    assert_eq!(ledger.json(&["claim", "show", "1"])["citations"][0]["source"]["id"], orwell);
    // "2" is source #2 and the source named "2": refused, naming both.
    let stderr = ledger.rejects(&["source", "show", "2"], 1, "ambiguous");
    assert!(stderr.contains("#2 Government of Niger") && stderr.contains(&format!("#{two} 2")), "{stderr}");
    assert_eq!(ledger.json(&["source", "show", "#2"])["name"], "Government of Niger");
    assert_eq!(ledger.json(&["source", "show", "name:2"])["id"], two);
    ledger.rejects(&["source", "show", "#99"], 1, "no source matches");
    // An alias counts as a name: "4" is source #4 and Reuters' alias "4".
    ledger.ok(&["source", "alias", "Reuters", "4"]);
    let stderr = ledger.rejects(&["source", "show", "4"], 1, "ambiguous");
    assert!(stderr.contains("#1 Reuters") && stderr.contains(&format!("#{two} 2")), "{stderr}");
    // Articles alike: "1" is article #1 and the article titled "1".
    let one = ledger.add(&["article", "add", "1"]);
    let stderr = ledger.rejects(&["article", "show", "1"], 1, "ambiguous");
    assert!(stderr.contains("#1 \"Story\"") && stderr.contains(&format!("#{one} \"1\"")), "{stderr}");
    assert_eq!(ledger.json(&["article", "show", "#1"])["title"], "Story");
    assert_eq!(ledger.json(&["article", "show", "name:1"])["id"], one);
    assert_eq!(ledger.json(&["article", "show", &one.to_string()])["id"], one);
}

#[test]
fn names_match_under_unicode_case_folding_and_compatibility_forms() {
    let ledger = Ledger::new();
    let elysee = ledger.add(&["source", "add", "Élysée", "--kind", "government", "--alias", "Présidence"]);
    for given in ["élysée", "ÉLYSÉE", "  Élysée ", "PRÉSIDENCE"] {
        assert_eq!(ledger.json(&["source", "show", given])["id"], elysee, "{given}");
    }
    // Accents count: an unaccented spelling is another name until it is an alias.
    ledger.rejects(&["source", "show", "Elysee"], 1, "no source matches");
    let afp = ledger.add(&["source", "add", "AFP", "--kind", "agency"]);
    assert_eq!(ledger.json(&["source", "show", "ＡＦＰ"])["id"], afp, "full-width letters are the same name");
    ledger.rejects(&["source", "alias", "Élysée", "élysée"], 1, "already known");
    ledger.add(&["article", "add", "Straße der Republik"]);
    ledger.ok(&["article", "show", "STRASSE DER REPUBLIK"]);
    // A lookup key edited by hand is caught.
    ledger.sql().execute("UPDATE sources SET name_key = 'reuters' WHERE id = ?1", [afp]).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("name_key does not match its name"), "{stdout}");
}

/// Every byte the ledger keeps on disk: the file and its write-ahead log.
pub(crate) fn raw_bytes(ledger: &Ledger) -> Vec<u8> {
    let mut bytes = std::fs::read(&ledger.db).unwrap();
    if let Ok(wal) = std::fs::read(ledger.db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

#[test]
fn a_redacted_value_leaves_no_trace_in_the_file() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let secret = "Zqsecret Informant";
    let id = ledger.add(&["source", "add", secret, "--kind", "person"]).to_string();
    ledger.ok(&["source", "edit", &id, "--note", "met in Niamey"]);
    let contains = |hay: &[u8]| hay.windows(secret.len()).any(|w| w == secret.as_bytes());
    assert!(contains(&raw_bytes(&ledger)));
    ledger.ok(&["redact", "source", &id, "name", "--reason", "source protection"]);
    assert!(!contains(&raw_bytes(&ledger)), "the name is still somewhere in the file or its WAL");
    ledger.ok(&["verify"]);
}

#[test]
fn tampering_the_redaction_rules_allow_is_still_caught() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    // An article's text replaced with something that merely looks like a redaction.
    ledger.sql().execute("UPDATE articles SET body = '[redacted in event 99] anything' WHERE id = 1", []).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("article 1's text no longer matches"), "{stdout}");

    // A value recorded after a redaction cannot hide behind that redaction.
    let ledger = Ledger::new();
    let id = ledger.add(&["source", "add", "First Name", "--kind", "person"]).to_string();
    ledger.ok(&["redact", "source", &id, "name", "--reason", "request"]);
    ledger.ok(&["source", "edit", &id, "--name", "Later Value"]);
    let conn = ledger.sql();
    let (event, data): (i64, String) = conn
        .query_row("SELECT id, data FROM events WHERE action = 'update' ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let digest = {
        use sha2::Digest;
        let bytes: [u8; 32] =
            sha2::Sha256::digest(serde_json::Value::from("Later Value").to_string().as_bytes()).into();
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    data["name"][1] = serde_json::json!({ "redacted": digest });
    conn.execute("UPDATE events SET data = ?2 WHERE id = ?1", rusqlite::params![event, data.to_string()]).unwrap();
    drop(conn);
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("no redact event records"), "{stdout}");
}

#[test]
fn a_sequence_set_back_and_unreadable_event_data_are_reported_not_crashed_on() {
    let ledger = Ledger::new();
    let a = ledger.add(&["claim", "add", "A"]).to_string();
    let b = ledger.add(&["claim", "add", "B"]).to_string();
    let link = ledger.add(&["link", &a, "--corroborates", &b]);
    ledger.ok(&["unlink", &link.to_string()]);
    ledger.sql().execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'links'", []).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("sqlite_sequence for links was set back"), "{stdout}");

    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A"]);
    ledger.sql().execute("UPDATE events SET data = '[]' WHERE table_name = 'claims'", []).unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("was altered"), "{stdout}");
    ledger.ok(&["history"]);
}

#[test]
fn a_source_merged_away_can_still_be_redacted_from_its_history() {
    let ledger = Ledger::new();
    let secret = "Zqsecret Two";
    let gone = ledger.add(&["source", "add", secret, "--kind", "person"]).to_string();
    let kept = ledger.add(&["source", "add", "Official Spokesperson", "--kind", "person"]).to_string();
    ledger.ok(&["source", "merge", &gone, &kept]);
    ledger.ok(&["redact", "source", &gone, "name", "--reason", "source protection"]);
    // The merge kept the name as an alias of the other source: that row is redacted on its own.
    let alias: i64 =
        ledger.sql().query_row("SELECT id FROM source_aliases WHERE alias = ?1", [secret], |r| r.get(0)).unwrap();
    ledger.ok(&["redact", "alias", &alias.to_string(), "alias", "--reason", "source protection"]);
    let left: i64 =
        ledger.sql().query_row("SELECT count(*) FROM events WHERE instr(data, ?1)", [secret], |r| r.get(0)).unwrap();
    assert_eq!(left, 0, "the name is still in the log");
    let verified = ledger.ok(&["verify"]);
    assert!(verified.starts_with("ok:"), "{verified}");
}

#[test]
fn a_change_with_no_events_is_reported() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A"]);
    ledger
        .sql()
        .execute("INSERT INTO changes (at, editor, command) VALUES ('2025-01-01T00:00:00Z', 'mallory', 'x')", [])
        .unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("has no events: it was added outside claimtrack"), "{stdout}");
}
