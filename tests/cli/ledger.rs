//! Everyday ledger work: adding and finding records, dates, links, verdicts, retractions, merges.

use crate::common::{Ledger, flags_by_claim, sample_with_follow_ups};

fn setup_outlet(ledger: &Ledger) -> i64 {
    ledger.add(&[
        "source",
        "add",
        "Middle East Eye",
        "--kind",
        "outlet",
        "--alias",
        "MEE",
        "--url",
        "https://www.middleeasteye.net/",
    ])
}

#[test]
fn adds_print_the_new_id_first_and_json_prints_the_record() {
    let ledger = Ledger::new();
    let out = ledger.ok(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    assert_eq!(out, "1\tadded source Middle East Eye (outlet)\n");
    let source = ledger.json(&["source", "add", "Reuters", "--kind", "agency", "--alias", "Thomson Reuters"]);
    assert_eq!(source["id"], 2);
    assert_eq!(source["name"], "Reuters");
    assert_eq!(source["kind"], "agency");
    assert_eq!(source["aliases"], serde_json::json!(["Thomson Reuters"]));
    let article = ledger.json(&["article", "add", "A report", "--publisher", "reuters", "--published", "July 2025"]);
    assert_eq!(article["id"], 1);
    assert_eq!(article["publisher"]["name"], "Reuters");
    assert_eq!(
        article["published"],
        serde_json::json!({"date": "2025-07", "precision": "month", "display": "July 2025"})
    );
    let claim = ledger.json(&["claim", "add", "Something happened", "--article", "1", "--source", "Thomson Reuters"]);
    assert_eq!(claim["id"], 1);
    assert_eq!(claim["citations"][0]["kind"], "named");
    assert_eq!(claim["citations"][0]["source"]["name"], "Reuters");
    assert_eq!(claim["flags"].as_array().unwrap().len(), 2);
}

#[test]
fn sources_are_found_by_id_name_alias_or_url_in_any_case() {
    let ledger = Ledger::new();
    let id = setup_outlet(&ledger);
    for given in
        ["1", "#1", "middle east eye", "MEE", "mee", "https://www.middleeasteye.net", "https://www.middleeasteye.net/"]
    {
        let shown = ledger.json(&["source", "show", given]);
        assert_eq!(shown["id"], id, "resolving {given:?}");
    }
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "John Smith", "--kind", "person", "--note", "minister"]);
    ledger.add(&["source", "add", "John Smith", "--kind", "person", "--note", "analyst"]);
    let stderr = ledger.rejects(&["source", "show", "john smith"], 1, "ambiguous");
    assert!(stderr.contains("#1 John Smith (person), #2 John Smith (person)"), "{stderr}");
}

#[test]
fn dates_keep_the_precision_they_were_given() {
    let ledger = Ledger::new();
    for (given, display) in [
        ("2023", "2023"),
        ("July 2025", "July 2025"),
        ("2025-09-22", "22 September 2025"),
        ("Sept 22, 2025", "22 September 2025"),
    ] {
        let article = ledger.json(&["article", "add", &format!("Report dated {given}"), "--published", given]);
        assert_eq!(article["published"]["display"], display, "{given}");
    }
    let listed = ledger.ok(&["article", "list"]);
    assert!(listed.contains("July 2025") && listed.contains("2023"), "{listed}");
    let stored: Vec<(String, String)> = {
        let conn = ledger.sql();
        let mut stmt = conn.prepare("SELECT published, published_precision FROM articles ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(stored[0], ("2023".into(), "year".into()));
    assert_eq!(stored[1], ("2025-07".into(), "month".into()));
    assert_eq!(stored[2], ("2025-09-22".into(), "day".into()));
}

#[test]
fn quotes_are_located_in_the_article_text() {
    let ledger = Ledger::new();
    let text = ledger.write_file("a.txt", "The minister said “the talks failed” on Monday.".as_bytes());
    ledger.add(&["article", "add", "Talks", "--text-file", text.to_str().unwrap()]);
    let claim = ledger.json(&[
        "claim",
        "add",
        "The talks failed",
        "--article",
        "1",
        "--kind",
        "vague",
        "--quote",
        "\"the talks failed\"",
    ]);
    assert_eq!(claim["citations"][0]["start"], 18);
    assert_eq!(claim["citations"][0]["end"], 36);
    ledger.rejects(
        &["claim", "add", "Other", "--article", "1", "--quote", "the talks succeeded"],
        1,
        "does not appear",
    );
}

#[test]
fn verdicts_keep_history_and_the_latest_wins() {
    let ledger = Ledger::new();
    setup_outlet(&ledger);
    ledger.add(&["article", "add", "Story", "--publisher", "MEE"]);
    ledger.add(&["claim", "add", "X", "--article", "1", "--source", "MEE"]);
    ledger.add(&["claim", "add", "not X", "--article", "1"]);
    ledger.ok(&["link", "1", "--conflicts", "2"]);
    assert!(flags_by_claim(&ledger)[&1].contains(&"conflicted".to_string()));
    ledger.ok(&["verdict", "1", "unproven", "--note", "no second source yet"]);
    ledger.ok(&["verdict", "1", "false", "--evidence", "https://example.org/evidence"]);
    let detail = ledger.json(&["claim", "show", "1"]);
    let ratings: Vec<&str> =
        detail["verdicts"].as_array().unwrap().iter().map(|v| v["rating"].as_str().unwrap()).collect();
    assert_eq!(ratings, ["unproven", "false"]);
    assert_eq!(detail["verdicts"][1]["evidence"], "https://example.org/evidence");
    let flags = flags_by_claim(&ledger);
    assert_eq!(flags[&1], ["single-source"], "a verdict settles conflicted and unverified");
    assert!(flags[&2].contains(&"conflicted".to_string()), "the other side still has no verdict");
    let shown = ledger.ok(&["claim", "show", "1"]);
    assert!(shown.contains("verdict: false by tester"), "{shown}");
}

#[test]
fn links_can_be_removed_and_their_flags_go_with_them() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Story"]);
    ledger.add(&["claim", "add", "X", "--article", "1"]);
    ledger.add(&["claim", "add", "not X", "--article", "1"]);
    let link = ledger.add(&["link", "2", "--conflicts", "1", "--note", "contradicts"]);
    assert!(flags_by_claim(&ledger)[&1].contains(&"conflicted".to_string()));
    ledger.rejects(&["link", "2", "--conflicts", "1"], 1, "already exists");
    ledger.ok(&["unlink", &link.to_string()]);
    assert!(!flags_by_claim(&ledger)[&1].contains(&"conflicted".to_string()));
    ledger.rejects(&["unlink", &link.to_string()], 1, "no link matches");
}

#[test]
fn stale_claims_are_flagged_after_the_configured_age() {
    let ledger = Ledger::new();
    ledger.ok_env(&[("CLAIMTRACK_NOW", "2025-01-01T00:00:00Z")], &["claim", "add", "Old news"]);
    let later = |days: &str| {
        ledger.ok_env(
            &[("CLAIMTRACK_NOW", "2025-03-01T00:00:00Z")],
            &["--format", "json", "flags", "1", "--stale-days", days],
        )
    };
    assert!(later("30").contains("no verdict 59 days after it was logged on 2025-01-01 (stale after 30 days)"));
    let not_yet = later("90");
    assert!(not_yet.contains("\"unattributed\"") && !not_yet.contains("stale"), "{not_yet}");
}

#[test]
fn retracted_claims_leave_the_flags_but_stay_listable() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "Logged by mistake"]);
    ledger.ok(&["claim", "retract", "1", "--reason", "duplicate entry"]);
    assert!(flags_by_claim(&ledger).is_empty());
    assert_eq!(ledger.json(&["claim", "list"]).as_array().unwrap().len(), 0);
    let all = ledger.json(&["claim", "list", "--all"]);
    assert_eq!(all[0]["status"], "retracted");
    assert_eq!(all[0]["retract_reason"], "duplicate entry");
    ledger.rejects(&["claim", "retract", "1", "--reason", "again"], 1, "already retracted");
}

#[test]
fn claim_list_filters_by_flag_article_and_source() {
    let ledger = Ledger::new();
    setup_outlet(&ledger);
    ledger.add(&["article", "add", "One"]);
    ledger.add(&["article", "add", "Two"]);
    ledger.add(&["claim", "add", "Named", "--article", "1", "--source", "MEE"]);
    ledger.add(&["claim", "add", "Bare", "--article", "2"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["claim", "list"];
        all.extend_from_slice(args);
        ledger.json(&all).as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(&["--flag", "unattributed"]), [2]);
    assert_eq!(ids(&["--flag", "single-source"]), [1, 2]);
    assert_eq!(ids(&["--article", "Two"]), [2]);
    assert_eq!(ids(&["--source", "mee"]), [1]);
}

#[test]
fn merging_sources_moves_citations_and_keeps_the_name_as_an_alias() {
    let ledger = Ledger::new();
    setup_outlet(&ledger);
    ledger.add(&["source", "add", "Middle-East Eye", "--kind", "outlet", "--alias", "MEE online"]);
    ledger.add(&["article", "add", "Story", "--publisher", "2"]);
    ledger.add(&["claim", "add", "X", "--article", "1", "--source", "2"]);
    ledger.ok(&["source", "merge", "Middle-East Eye", "Middle East Eye"]);
    let kept = ledger.json(&["source", "show", "Middle-East Eye"]);
    assert_eq!(kept["id"], 1);
    assert_eq!(kept["aliases"], serde_json::json!(["MEE", "MEE online", "Middle-East Eye"]));
    assert_eq!(kept["claims"][0]["id"], 1);
    let article = ledger.json(&["article", "show", "1"]);
    assert_eq!(article["publisher"]["id"], 1);
    ledger.rejects(&["source", "show", "2"], 1, "no source matches");
    ledger.ok(&["verify"]);
}

#[test]
fn editing_a_claim_shows_old_and_new_wording_in_history() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "Turkey sends troops"]);
    ledger.ok(&["--editor", "amina", "claim", "edit", "1", "Turkey will send elite troops"]);
    let events = ledger.json(&["history", "1"]);
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["editor"], "amina");
    assert_eq!(last["action"], "update");
    assert_eq!(last["old_values"]["text"], "Turkey sends troops");
    assert_eq!(last["new_values"]["text"], "Turkey will send elite troops");
    let text = ledger.ok(&["history", "1"]);
    assert!(text.contains("text: \"Turkey sends troops\" → \"Turkey will send elite troops\""), "{text}");
}

#[test]
fn source_edit_and_alias_are_recorded() {
    let ledger = Ledger::new();
    setup_outlet(&ledger);
    ledger.ok(&["source", "edit", "MEE", "--note", "London-based"]);
    ledger.ok(&["source", "alias", "1", "Middle East Eye online"]);
    let shown = ledger.json(&["source", "show", "middle east eye online"]);
    assert_eq!(shown["note"], "London-based");
    ledger.rejects(&["source", "alias", "1", "mee"], 1, "already known");
    ledger.rejects(&["source", "edit", "1"], 2, "nothing to change");
    assert_eq!(ledger.count("events"), 1 + 4, "init's settings row, then the source, alias, edit and alias");
}

#[test]
fn the_editor_defaults_to_the_os_user() {
    let ledger = Ledger::new();
    ledger.cmd().env_remove("CLAIMTRACK_EDITOR").env("USER", "osuser").args(["claim", "add", "X"]).assert().success();
    let history = ledger.json(&["history"]);
    let claim = history.as_array().unwrap().iter().find(|e| e["table"] == "claims").unwrap();
    assert_eq!(claim["editor"], "osuser");
}

#[test]
fn the_database_path_comes_from_flag_then_env_then_default() {
    let ledger = Ledger::uninitialised();
    ledger.cmd().env_remove("CLAIMTRACK_DB").arg("init").assert().success();
    assert!(ledger.dir.path().join("claimtrack.db").exists(), "default file in the current directory");
    let other = ledger.dir.path().join("other.db");
    ledger.cmd().args(["--db", other.to_str().unwrap(), "init"]).assert().success();
    assert!(other.exists());
    assert!(!ledger.db.exists(), "--db wins over CLAIMTRACK_DB");
}

#[test]
fn ledger_table_snapshots() {
    let ledger = sample_with_follow_ups();
    for (name, args) in [
        ("claim_show_table", &["claim", "show", "1"][..]),
        ("flags_table", &["flags"]),
        ("history_table", &["history"]),
    ] {
        let out = ledger.ok(args);
        assert!(!out.contains(&*ledger.dir.path().to_string_lossy()), "{name} shows the temp dir: {out}");
        insta::assert_snapshot!(name, out);
    }
}
