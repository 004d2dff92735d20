//! One test per defect found in review, named after it, so none comes back.

use std::process::Command;

use crate::common::{Ledger, bin, flag_names, flags_by_claim, record_sample};

#[test]
fn verify_sees_no_tampering_while_editors_write() {
    let ledger = Ledger::new();
    let db = ledger.db.clone();
    let config = ledger.config_file();
    let writer = std::thread::spawn(move || {
        for i in 0..80 {
            let out = Command::new(bin())
                .env_clear()
                .env("CLAIMTRACK_DB", &db)
                .env("CLAIMTRACK_CONFIG", &config)
                .env("CLAIMTRACK_EDITOR", "writer")
                .args(["claim", "add", &format!("claim {i}")])
                .output()
                .unwrap();
            assert!(out.status.success());
        }
    });
    for _ in 0..25 {
        // `ok` shows verify's stdout too, where it lists what it thought was tampering.
        ledger.ok(&["verify"]);
    }
    writer.join().unwrap();
    ledger.ok(&["verify"]);
}

#[test]
fn a_retracted_claim_no_longer_corroborates_or_conflicts() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    ledger.add(&["source", "add", "Wire", "--kind", "agency"]);
    ledger.add(&["article", "add", "Wire copy", "--publisher", "Wire"]);
    let other = ledger.add(&["claim", "add", "Turkey is sending troops", "--article", "2", "--source", "Wire"]);
    ledger.ok(&["link", &ids[0].to_string(), "--duplicates", &other.to_string()]);
    ledger.ok(&["link", &ids[1].to_string(), "--conflicts", &other.to_string()]);
    assert!(!flags_by_claim(&ledger).contains_key(&ids[0]), "corroborated while the other claim stands");
    ledger.ok(&["claim", "retract", &other.to_string(), "--reason", "misattributed"]);
    let flags = flags_by_claim(&ledger);
    assert_eq!(flags[&ids[0]], ["single-source", "unverified"]);
    assert!(!flags[&ids[1]].contains(&"conflicted".to_string()), "{:?}", flags[&ids[1]]);
    let view: Vec<String> = {
        let conn = ledger.sql();
        let mut stmt = conn.prepare("SELECT flag FROM claim_flags WHERE claim_id = ?1 ORDER BY flag").unwrap();
        stmt.query_map([ids[0]], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(view, ["single-source", "unverified"], "the SQL view agrees");
}

#[test]
fn a_hand_written_derivation_cycle_does_not_make_re_reports_independent() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "A", "--kind", "outlet"]);
    ledger.add(&["source", "add", "B", "--kind", "outlet"]);
    ledger.add(&["article", "add", "Original", "--publisher", "A"]);
    ledger.add(&["article", "add", "Copy", "--publisher", "B", "--derived-from", "1"]);
    ledger.add(&["claim", "add", "X", "--article", "1"]);
    ledger.ok(&["claim", "cite", "1", "--article", "2"]);
    assert!(flags_by_claim(&ledger)[&1].contains(&"circular".to_string()));
    ledger.sql().execute("INSERT INTO article_derivations VALUES (1, 2)", []).unwrap();
    let flags = &flags_by_claim(&ledger)[&1];
    assert!(flags.contains(&"single-source".to_string()), "{flags:?}");
    let view: i64 = ledger
        .sql()
        .query_row("SELECT independent_sources FROM claim_independence WHERE claim_id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(view, 1);
}

#[test]
fn verify_reports_a_forged_non_hex_hash_instead_of_crashing() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "X"]);
    ledger
        .sql()
        .execute(
            "INSERT INTO events (id, change_id, action, table_name, row_id, data, hash)
             VALUES (3, 1, 'insert', 'sources', 99, '{}', zeroblob(32))",
            [],
        )
        .unwrap();
    let (stdout, _) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("event 3"), "the forged event is named: {stdout}");
}

#[test]
fn editors_running_sample_at_once_record_it_once() {
    let ledger = Ledger::new();
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let db = ledger.db.clone();
            let config = ledger.config_file();
            std::thread::spawn(move || {
                Command::new(bin())
                    .env_clear()
                    .env("CLAIMTRACK_DB", &db)
                    .env("CLAIMTRACK_CONFIG", &config)
                    .env("CLAIMTRACK_EDITOR", "t")
                    .arg("sample")
                    .output()
            })
        })
        .collect();
    for run in runs {
        assert!(run.join().unwrap().unwrap().status.success());
    }
    assert_eq!(ledger.count("articles"), 1);
    assert_eq!(ledger.count("claims"), 14);
}

#[test]
fn names_with_escape_sequences_cannot_drive_the_terminal() {
    let ledger = Ledger::new();
    let evil = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}";
    let out = ledger.ok(&["source", "add", evil, "--kind", "person", "--alias", "dup"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    ledger.add(&["source", "add", "Other", "--kind", "person", "--alias", "dup"]);
    let stderr = ledger.rejects(&["source", "show", "dup"], 1, "ambiguous");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
}

#[test]
fn stale_means_older_than_the_stale_age_as_in_the_view() {
    let ledger = Ledger::new();
    ledger.ok_env(&[("CLAIMTRACK_NOW", "2025-01-01T00:00:00Z")], &["claim", "add", "Old"]);
    let stale = |now: &str| {
        let flags = ledger.json_env(&[("CLAIMTRACK_NOW", now)], &["flags", "1", "--stale-days", "30"]);
        let names = flag_names(&flags[0]);
        assert!(names.contains(&"unattributed".to_string()), "the claim's other flags are there: {names:?}");
        names.contains(&"stale".to_string())
    };
    assert!(!stale("2025-01-30T23:59:59Z"), "29.99 days is not older than 30");
    assert!(stale("2025-01-31T12:00:00Z"), "30.5 days is older than 30");
}

#[test]
fn an_absurd_stale_age_is_a_usage_error_not_a_crash() {
    let ledger = Ledger::new();
    ledger.rejects(&["flags", "--stale-days", "4000000000"], 2, "--stale-days");
    ledger.rejects(&["report", "--stale-days", "99999"], 2, "--stale-days");
}

#[test]
fn history_of_a_claim_includes_links_that_point_at_it() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "X"]);
    ledger.add(&["claim", "add", "Y"]);
    ledger.ok(&["link", "1", "--duplicates", "2"]);
    let events = ledger.json(&["history", "2"]);
    let tables: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["table"].as_str().unwrap()).collect();
    assert_eq!(tables, ["claims", "links"]);
}

#[test]
fn report_labels_a_linked_claim_with_its_wording() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "One"]);
    ledger.add(&["article", "add", "Two"]);
    ledger.add(&["claim", "add", "X", "--article", "1"]);
    ledger.add(&["claim", "add", "Not X at all", "--article", "2"]);
    ledger.ok(&["link", "1", "--conflicts", "2"]);
    let report = ledger.json(&["report", "--article", "1"]);
    assert_eq!(report["claims"][0]["conflicts"][0]["label"], "Not X at all");
}

#[test]
fn merging_a_source_renamed_to_its_own_alias() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Agence", "--kind", "agency", "--alias", "AA"]);
    ledger.add(&["source", "add", "Agency Two", "--kind", "agency"]);
    ledger.ok(&["source", "edit", "1", "--name", "aa"]);
    ledger.ok(&["source", "merge", "1", "2"]);
    ledger.ok(&["verify"]);
}

#[test]
fn same_named_sources_stay_apart_in_the_graph() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "John Smith", "--kind", "person"]);
    ledger.add(&["source", "add", "John Smith", "--kind", "person"]);
    ledger.add(&["article", "add", "Story"]);
    ledger.add(&["claim", "add", "X", "--article", "1", "--source", "1"]);
    ledger.add(&["claim", "add", "Y", "--article", "1", "--source", "2"]);
    let dot = ledger.ok(&["--format", "dot", "report", "--article", "1"]);
    assert!(dot.contains("  s1 [shape=ellipse") && dot.contains("  s2 [shape=ellipse"), "{dot}");
}

#[test]
fn article_reports_say_when_retracted_claims_are_left_out() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Story"]);
    ledger.add(&["claim", "add", "X", "--article", "1"]);
    ledger.add(&["claim", "add", "Y", "--article", "1"]);
    ledger.ok(&["claim", "retract", "2", "--reason", "logged twice"]);
    let report = ledger.json(&["report", "--article", "1"]);
    assert_eq!(report["claims_retracted"], 1);
    assert!(ledger.ok(&["report", "--article", "1"]).contains("1 retracted claim is left out"));
}
