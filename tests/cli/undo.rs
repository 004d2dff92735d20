//! `undo` and `revert`: a change taken back by its inverse, audited, refused when later work stands on it.

use crate::common::Ledger;

fn verifies(ledger: &Ledger) {
    let report = ledger.json(&["verify"]);
    assert_eq!(report["ok"], true, "verify after undo: {report}");
}

fn as_editor(ledger: &Ledger, editor: &str, args: &[&str]) -> String {
    ledger.ok_env(&[("CLAIMTRACK_EDITOR", editor)], args)
}

#[test]
fn claim_add_with_its_citation_is_undone_as_one_change_and_redone() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet", "--alias", "MEE"]);
    ledger.add(&["article", "add", "Turkey set to train Niger's military", "--publisher", "MEE"]);
    let claim = ledger.add(&["claim", "add", "Turkey will train Niger's army", "--article", "1", "--source", "MEE"]);
    let events_before = ledger.count("events");

    let undone = ledger.json(&["undo"]);
    assert_eq!(undone["reverted"]["command"], "claim add");
    let actions: Vec<(&str, &str)> = undone["inverses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["table"].as_str().unwrap(), i["action"].as_str().unwrap()))
        .collect();
    assert_eq!(actions, [("citations", "delete"), ("claims", "delete")], "newest first");
    assert_eq!(ledger.count("claims"), 0);
    assert_eq!(ledger.count("citations"), 0);
    assert_eq!(ledger.count("events"), events_before + 2, "the log only grows");
    let history = ledger.json(&["history"]);
    let last = history.as_array().unwrap().last().unwrap();
    let reverted = undone["reverted"]["id"].as_i64().unwrap();
    assert_eq!(last["command"], format!("undo (reverts change {reverted})"));
    assert_eq!(last["action"], "delete");
    verifies(&ledger);

    // Undoing the undo brings the claim back, with its id and citation.
    ledger.ok(&["undo"]);
    let shown = ledger.json(&["claim", "show", &claim.to_string()]);
    assert_eq!(shown["text"], "Turkey will train Niger's army");
    assert_eq!(shown["citations"][0]["source"]["name"], "Middle East Eye");
    verifies(&ledger);
}

#[test]
fn an_edit_is_undone_and_the_row_reads_as_before() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "The US withdrew 1,100 troops"]).to_string();
    ledger.ok(&["claim", "edit", &id, "The US withdrew about 1,000 troops"]);
    let out = ledger.ok(&["undo"]);
    assert!(out.contains("reverted change") && out.contains("`claim edit`"), "{out}");
    assert_eq!(ledger.json(&["claim", "show", &id])["text"], "The US withdrew 1,100 troops");
    verifies(&ledger);
}

#[test]
fn undo_is_refused_when_another_editor_later_touched_the_row() {
    let ledger = Ledger::new();
    let id = as_editor(&ledger, "amina", &["claim", "add", "Four battalions will travel"]);
    let id = id.split('\t').next().unwrap().to_string();
    as_editor(&ledger, "bob", &["claim", "edit", &id, "At least four battalions will travel"]);
    let bob_event: i64 = ledger.sql().query_row("SELECT max(id) FROM events", [], |r| r.get(0)).unwrap();
    let before = std::fs::read(&ledger.db).unwrap();
    let (_, stderr) = ledger.exits_env(&[("CLAIMTRACK_EDITOR", "amina")], &["undo"], 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("event {bob_event}")), "names the event: {stderr}");
    assert!(stderr.contains("bob") && stderr.contains("claim edit"), "{stderr}");
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before, "nothing written");
    // Bob's own undo is his to make.
    as_editor(&ledger, "bob", &["undo"]);
    as_editor(&ledger, "amina", &["undo"]);
    assert_eq!(ledger.count("claims"), 0);
    verifies(&ledger);
}

#[test]
fn undo_is_refused_when_a_later_record_depends_on_the_row() {
    let ledger = Ledger::new();
    as_editor(&ledger, "amina", &["source", "add", "Anadolu Agency", "--kind", "agency"]);
    as_editor(&ledger, "bob", &["article", "add", "Trainers bound for Niamey", "--publisher", "Anadolu Agency"]);
    let (_, stderr) = ledger.exits_env(&[("CLAIMTRACK_EDITOR", "amina")], &["undo"], 1);
    assert!(stderr.contains("articles row 1") && stderr.contains("bob"), "{stderr}");
    verifies(&ledger);
}

#[test]
fn revert_takes_back_a_named_event_and_leaves_later_work() {
    let ledger = Ledger::new();
    let a = ledger.add(&["claim", "add", "A"]).to_string();
    let b = ledger.add(&["claim", "add", "B"]).to_string();
    let link = ledger.add(&["link", &a, "--corroborates", &b]);
    ledger.ok(&["verdict", &a, "mostly-true", "--note", "checked"]);
    let history = ledger.json(&["history"]);
    let link_event = history.as_array().unwrap().iter().find(|e| e["table"] == "links").unwrap()["id"].clone();
    let out = ledger.ok(&["revert", &link_event.to_string()]);
    assert!(out.contains(&format!("links row {link} removed")), "{out}");
    assert_eq!(ledger.count("links"), 0);
    assert_eq!(ledger.count("verdicts"), 1, "the later verdict stays");
    verifies(&ledger);
    // Reverting it again is refused: the revert itself touched the row since.
    let stderr = ledger.rejects(&["revert", &link_event.to_string()], 1, "later changed links row");
    assert!(stderr.contains("reverts change"), "{stderr}");
    // By change id, and unknown ones.
    let change = history.as_array().unwrap().iter().find(|e| e["table"] == "verdicts").unwrap()["change"].clone();
    ledger.ok(&["revert", "--change", &change.to_string()]);
    assert_eq!(ledger.count("verdicts"), 0);
    ledger.rejects(&["revert", "999"], 1, "no event matches");
    ledger.rejects(&["revert", "--change", "999"], 1, "no change matches");
    ledger.rejects(&["revert", "0"], 2, "0");
    verifies(&ledger);
}

#[test]
fn a_merge_is_undone_with_the_source_back_under_its_own_id() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    let dup = ledger.add(&["source", "add", "MEE", "--kind", "outlet", "--alias", "M.E.E."]);
    ledger.add(&["article", "add", "A report", "--publisher", "MEE"]);
    ledger.ok(&["source", "merge", "MEE", "Middle East Eye"]);
    ledger.ok(&["undo"]);
    let source = ledger.json(&["source", "show", &format!("#{dup}")]);
    assert_eq!(source["name"], "MEE");
    assert_eq!(source["aliases"], serde_json::json!(["M.E.E."]));
    assert_eq!(ledger.json(&["article", "show", "1"])["publisher"]["name"], "MEE");
    // Found by name again: the lookup key came back with the row.
    ledger.ok(&["source", "show", "m.e.e."]);
    verifies(&ledger);
}

#[test]
fn articles_come_back_with_their_derivations_but_not_a_text_the_log_never_kept() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Wire story"]);
    ledger.add(&["article", "add", "Re-report", "--derived-from", "1"]);
    ledger.ok(&["undo"]);
    assert_eq!(ledger.count("article_derivations"), 0);
    ledger.ok(&["undo"]);
    assert_eq!(ledger.json(&["article", "show", "2"])["derived_from"], serde_json::json!([1]));
    verifies(&ledger);

    let text = ledger.write_file("article.txt", b"Sources indicate that four battalions will travel.");
    ledger.add(&["article", "add", "With text", "--text-file", text.to_str().unwrap()]);
    ledger.ok(&["undo"]);
    ledger.rejects(&["undo"], 1, "kept in the audit log only as its SHA-256");
    verifies(&ledger);
}

#[test]
fn nothing_to_undo_and_redactions_are_refused() {
    let ledger = Ledger::new();
    ledger.rejects(&["undo"], 1, "tester has made no change");
    ledger.add(&["source", "add", "Confidential", "--kind", "person"]);
    ledger.ok(&["redact", "source", "1", "name", "--reason", "source protection"]);
    ledger.rejects(&["undo"], 1, "a redaction cannot be undone");
    // The source's insert carries a redacted name: deleting it is fine, restoring it is not.
    let insert: i64 =
        ledger.sql().query_row("SELECT min(id) FROM events WHERE table_name = 'sources'", [], |r| r.get(0)).unwrap();
    ledger.rejects(&["revert", &insert.to_string()], 1, "later changed sources row 1");
    verifies(&ledger);
}

/// Every audited row of the ledger, as the audit snapshots see it.
fn state(ledger: &Ledger) -> Vec<(String, i64, serde_json::Map<String, serde_json::Value>)> {
    let conn = ledger.sql();
    let mut rows = Vec::new();
    for table in claimtrack::store::audit::Table::ALL {
        for (id, row) in claimtrack::store::audit::snapshots(claimtrack::store::db::Db::Sqlite(&conn), table).unwrap() {
            rows.push((table.name().to_string(), id, row));
        }
    }
    rows
}

#[test]
fn reverting_every_change_newest_first_walks_the_ledger_back_through_each_state() {
    let ledger = Ledger::new();
    let mut states = vec![state(&ledger)];
    let commands: Vec<Vec<&str>> = vec![
        vec!["sample"],
        vec!["source", "add", "Anadolu Agency", "--kind", "agency", "--alias", "AA"],
        vec!["source", "add", "Anadolu", "--kind", "agency", "--note", "a duplicate"],
        vec!["source", "merge", "Anadolu", "Anadolu Agency"],
        vec!["source", "edit", "AA", "--url", "https://www.aa.com.tr/"],
        vec!["article", "add", "Trainers bound for Niamey", "--publisher", "AA", "--derived-from", "1"],
        vec!["claim", "cite", "1", "--article", "2", "--source", "AA"],
        vec!["link", "1", "--corroborates", "--article", "2"],
        vec!["link", "5", "--conflicts", "6", "--note", "figures differ"],
        vec!["unlink", "1"],
        vec!["verdict", "5", "mostly-true", "--note", "about 1,000", "--evidence", "https://example.org/dod"],
        vec!["claim", "edit", "5", "The US withdrew about 1,000 troops from Niger in 2024"],
        vec!["claim", "retract", "3", "--reason", "logged twice"],
        vec!["claim", "restore", "3"],
        vec!["settings", "set", "stale_days", "10"],
        vec!["claim", "add", "A claim with its citation", "--article", "2", "--kind", "vague"],
    ];
    for args in &commands {
        ledger.ok(args);
        states.push(state(&ledger));
    }
    let history = ledger.json(&["history"]);
    let mut changes: Vec<i64> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["editor"] == "tester")
        .map(|e| e["change"].as_i64().unwrap())
        .collect();
    changes.dedup();
    assert_eq!(changes.len(), commands.len(), "one change per command");
    for (i, change) in changes.iter().enumerate().rev() {
        ledger.ok(&["revert", "--change", &change.to_string()]);
        assert_eq!(state(&ledger), states[i], "after reverting change {change} ({:?})", commands[i]);
    }
    assert_eq!(ledger.count("claims") + ledger.count("sources") + ledger.count("articles"), 0);
    assert_eq!(ledger.count("article_derivations"), 0);
    verifies(&ledger);
}
