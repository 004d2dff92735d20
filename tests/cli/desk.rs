//! The desk's daily work: stages, assignment and the queue, tags, due dates judged in the desk's
//! time zone, verdicts with rationale and evidence in every report format, withdrawal, and the
//! migration that gives existing claims their stage.

use serde_json::Value;

use crate::common::{Ledger, fixture, flags_by_claim};

/// A small desk: one article, three claims, a fixed clock (1 October 2025, 23:30 UTC).
fn desk() -> Ledger {
    let ledger = Ledger::with_clock("2025-10-01T23:30:00Z");
    ledger.ok(&["settings", "set", "desk.timezone", "UTC"]);
    ledger.ok(&["source", "add", "Middle East Eye", "--kind", "outlet", "--alias", "MEE"]);
    ledger.ok(&["article", "add", "Turkey set to train Niger's military", "--published", "2025-09-22"]);
    ledger.add(&["claim", "add", "Turkey will send elite troops to Niger", "--article", "1", "--source", "MEE"]);
    ledger.add(&["claim", "add", "The US withdrew around 1,000 troops from Niger in 2024", "--article", "1"]);
    ledger.add(&["claim", "add", "France withdrew 1,500 troops in 2023", "--article", "1", "--source", "MEE"]);
    ledger
}

fn show(ledger: &Ledger, claim: &str) -> Value {
    ledger.json(&["claim", "show", claim])
}

#[test]
fn stages_follow_the_documented_transitions_and_publish_needs_a_verdict() {
    let ledger = desk();
    assert_eq!(show(&ledger, "1")["stage"], "open");
    assert_eq!(show(&ledger, "1")["status"], "active", "status keeps its meaning beside the stage");
    ledger.ok(&["claim", "stage", "1", "in-progress"]);
    ledger.ok(&["claim", "stage", "1", "in-review"]);
    ledger.rejects(&["claim", "stage", "1", "published"], 1, "no verdict in force");
    ledger.rejects(&["claim", "stage", "2", "published"], 1, "from open it can move to");
    ledger.rejects(&["claim", "stage", "1", "shipped"], 2, "shipped");

    // A verdict does not move the stage unless the editor says so.
    ledger.ok(&["verdict", "1", "true"]);
    assert_eq!(show(&ledger, "1")["stage"], "in-review");
    ledger.ok(&["claim", "stage", "1", "published"]);
    assert_eq!(show(&ledger, "1")["stage"], "published");
    ledger.ok(&["verdict", "2", "mostly-true", "--publish"]);
    assert_eq!(show(&ledger, "2")["stage"], "published");

    ledger.ok(&["claim", "stage", "3", "closed"]);
    ledger.rejects(&["verdict", "3", "false", "--publish"], 1, "reopen it");
    ledger.ok(&["claim", "stage", "3", "open"]);

    // A retracted claim is closed; restored, it is open again.
    ledger.ok(&["claim", "retract", "3", "--reason", "logged twice"]);
    assert_eq!(show(&ledger, "3")["stage"], "closed");
    ledger.ok(&["claim", "restore", "3"]);
    assert_eq!(show(&ledger, "3")["stage"], "open");

    let history = ledger.json(&["history", "1"]);
    let staged = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["command"] == "claim stage" && e["new_values"]["stage"].is_string())
        .count();
    assert_eq!(staged, 3, "each move is an audited change: {history}");
    assert_eq!(ledger.json(&["verify"])["ok"], true);
}

#[test]
fn assignees_tags_due_dates_and_notes_show_and_filter() {
    let ledger = desk();
    ledger.ok(&["claim", "assign", "1", "--to", "amina", "--to", "me"]);
    ledger.ok(&["claim", "assign", "2", "--to", "Amina"]);
    let out = ledger.ok(&["claim", "assign", "2", "--to", "amina"]);
    assert!(out.contains("nothing changed"), "names compare as one: {out}");
    ledger.ok(&["claim", "unassign", "1", "--from", "me"]);
    ledger.rejects(&["claim", "unassign", "1", "--from", "musa"], 1, "not assigned");
    ledger.ok(&["claim", "tag", "1", "Sahel", "election-2025"]);
    ledger.ok(&["claim", "tag", "2", "sahel"]);
    ledger.ok(&["claim", "due", "1", "30 September 2025"]);
    ledger.ok(&["claim", "due", "2", "2025-10-05"]);
    ledger.ok(&["claim", "note", "1", "called the ministry, awaiting reply"]);
    ledger.ok(&["claim", "stage", "2", "in-progress"]);

    let one = show(&ledger, "1");
    assert_eq!(one["assignees"], serde_json::json!(["amina"]));
    assert_eq!(one["tags"], serde_json::json!(["election-2025", "sahel"]));
    assert_eq!(one["due"], "2025-09-30");
    assert_eq!(one["overdue_days"], 1);
    assert_eq!(one["notes"][0]["body"], "called the ministry, awaiting reply");
    assert_eq!(one["notes"][0]["editor"], "tester");
    let table = ledger.ok(&["claim", "show", "1"]);
    assert!(table.contains("due: 2025-09-30 (1 day overdue)") && table.contains("on: amina"), "{table}");
    assert!(table.contains("work log:") && table.contains("tester: called the ministry"), "{table}");

    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["claim", "list"];
        all.extend_from_slice(args);
        ledger.json(&all).as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(&["--assignee", "AMINA"]), [1, 2]);
    assert_eq!(ids(&["--tag", "sahel"]), [1, 2]);
    assert_eq!(ids(&["--tag", "election-2025"]), [1]);
    assert_eq!(ids(&["--stage", "in-progress"]), [2]);
    assert_eq!(ids(&["--stage", "open"]), [1, 3]);
    assert_eq!(ids(&["--due-before", "2025-10-01"]), [1]);
    assert_eq!(ids(&["--overdue"]), [1]);
    let listed = ledger.json(&["claim", "list", "--overdue"]);
    assert_eq!(listed[0]["last_note"]["body"], "called the ministry, awaiting reply");
    let list = ledger.ok(&["claim", "list", "--overdue"]);
    assert!(list.contains("2025-09-30 (1 day overdue)") && list.contains("amina"), "{list}");

    // Bad input: one line, exit 2, nothing written.
    ledger.rejects(&["claim", "due", "1", "October 2025"], 2, "full date");
    ledger.rejects(&["claim", "due", "1", "2025-02-30"], 2, "due date 2025-02-30: no day 30 in February");
    ledger.rejects(&["claim", "add", "x", "--due", "2025"], 2, "--due");
    ledger.rejects(&["claim", "tag", "1", "two words"], 2, "one word");
    ledger.rejects(&["claim", "untag", "2", "election-2025"], 1, "not tagged");
    ledger.rejects(&["claim", "note", "1", "  "], 2, "empty");
    ledger.rejects(&["claim", "list", "--due-before", "soon"], 2, "--due-before");

    ledger.ok(&["claim", "due", "1", "--clear"]);
    assert_eq!(show(&ledger, "1")["due"], Value::Null);
    let added = ledger.add(&["claim", "add", "Niger's junta took power in 2023", "--due", "2025-10-10"]);
    assert_eq!(show(&ledger, &added.to_string())["due"], "2025-10-10");
    assert_eq!(ledger.json(&["verify"])["ok"], true);
}

#[test]
fn overdue_is_judged_in_the_desk_time_zone_and_shown_beside_the_flags() {
    let ledger = desk();
    ledger.ok(&["claim", "due", "1", "2025-10-01"]);
    // 23:30 UTC on 1 October: still the due day in UTC, already 2 October at UTC+02:00.
    assert!(ledger.json(&["claim", "list", "--overdue"]).as_array().unwrap().is_empty());
    ledger.ok(&["settings", "set", "desk.timezone", "+02:00"]);
    let overdue = ledger.json(&["claim", "list", "--overdue"]);
    assert_eq!(overdue[0]["id"], 1, "{overdue}");
    ledger.ok(&["settings", "set", "desk.timezone", "-05:00"]);
    assert!(ledger.json(&["claim", "list", "--overdue"]).as_array().unwrap().is_empty());
    // A named zone with daylight saving: Paris is at UTC+02:00 on 1 October.
    ledger.ok(&["settings", "set", "desk.timezone", "Europe/Paris"]);
    assert_eq!(ledger.json(&["claim", "list", "--overdue"])[0]["id"], 1);
    let reason = ledger.json(&["flags", "1"])[0]["overdue"].as_str().unwrap().to_string();
    assert!(reason.contains("(desk time Europe/Paris, UTC+02:00)"), "{reason}");
    ledger.ok(&["settings", "set", "desk.timezone", "America/New_York"]);
    assert!(ledger.json(&["claim", "list", "--overdue"]).as_array().unwrap().is_empty());
    ledger.rejects(&["settings", "set", "desk.timezone", "Mars/Olympus"], 2, "desk.timezone");
    ledger.ok(&["settings", "set", "desk.timezone", "+02:00"]);

    let flags = ledger.json(&["flags"]);
    let entry = flags.as_array().unwrap().iter().find(|e| e["claim"] == 1).unwrap();
    let reason = entry["overdue"].as_str().unwrap();
    assert!(reason.contains("due 2025-10-01, 1 day ago (desk time UTC+02:00)"), "{reason}");
    assert!(!crate::common::flag_names(entry).contains(&"overdue".to_string()), "overdue is not a sourcing flag");
    let table = ledger.ok(&["flags", "1"]);
    assert!(table.lines().any(|l| l.contains("overdue") && l.contains("due 2025-10-01")), "{table}");
    // The SQL view keeps to the sourcing flags.
    let in_view: i64 =
        ledger.sql().query_row("SELECT count(*) FROM claim_flags WHERE flag = 'overdue'", [], |r| r.get(0)).unwrap();
    assert_eq!(in_view, 0);

    // A published or closed claim is never overdue.
    ledger.ok(&["claim", "stage", "1", "closed"]);
    assert!(ledger.json(&["claim", "list", "--overdue"]).as_array().unwrap().is_empty());
    assert!(ledger.json(&["flags", "1"])[0].get("overdue").is_none());
}

#[test]
fn the_queue_puts_overdue_first_then_flags_then_age() {
    let ledger = desk();
    // Claim 4: the oldest, with no flags once corroborated by an independent report.
    ledger.ok(&["source", "add", "Anadolu Agency", "--kind", "agency"]);
    ledger.ok(&["article", "add", "Turkish trainers bound for Niamey", "--publisher", "Anadolu Agency"]);
    for claim in ["1", "2", "3"] {
        ledger.ok(&["claim", "assign", claim, "--to", "amina"]);
    }
    ledger.ok(&["claim", "assign", "2", "--to", "musa"]);
    ledger.ok(&["link", "3", "--conflicts", "2"]);
    ledger.ok(&["claim", "due", "1", "2025-09-20"]);
    ledger.ok(&["claim", "due", "2", "2025-09-28"]);
    let queue = ledger.json(&["--editor", "amina", "queue"]);
    let order: Vec<i64> = queue.as_array().unwrap().iter().map(|q| q["id"].as_i64().unwrap()).collect();
    assert_eq!(order, [1, 2, 3], "longest overdue first, then the other overdue claim, then the conflicted one");
    assert_eq!(queue[0]["overdue_days"], 11);

    ledger.ok(&["claim", "due", "1", "--clear"]);
    ledger.ok(&["claim", "due", "2", "--clear"]);
    let order: Vec<i64> = ledger
        .json(&["--editor", "amina", "queue"])
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [2, 3, 1], "conflicted claims (by age) before a single-source one");

    // Published and closed claims leave the queue; an editor with nothing gets a plain answer.
    ledger.ok(&["verdict", "2", "false", "--publish"]);
    ledger.ok(&["claim", "stage", "3", "closed"]);
    let order: Vec<i64> = ledger
        .json(&["--editor", "amina", "queue"])
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [1]);
    let out = ledger.ok(&["--editor", "musa", "queue"]);
    assert!(out.contains("nothing in musa's queue"), "{out}");
    let table = ledger.ok(&["--editor", "amina", "queue"]);
    assert!(table.starts_with("id") && table.contains("Turkey will send elite troops"), "{table}");
}

#[test]
fn tags_are_counted_renamed_and_scope_a_report() {
    let ledger = desk();
    ledger.ok(&["claim", "tag", "1", "sahel", "niger"]);
    ledger.ok(&["claim", "tag", "2", "Sahel"]);
    ledger.ok(&["claim", "tag", "3", "france"]);
    let tags = ledger.json(&["tag", "list"]);
    assert_eq!(
        tags,
        serde_json::json!([
            {"tag": "france", "claims": 1, "active": 1},
            {"tag": "niger", "claims": 1, "active": 1},
            {"tag": "sahel", "claims": 2, "active": 2},
        ])
    );
    ledger.ok(&["tag", "rename", "niger", "sahel"]);
    let tags = ledger.json(&["tag", "list"]);
    assert_eq!(
        tags[1],
        serde_json::json!({"tag": "sahel", "claims": 2, "active": 2}),
        "a claim carrying both keeps one"
    );
    ledger.ok(&["tag", "rename", "sahel", "west-africa"]);
    ledger.rejects(&["tag", "rename", "sahel", "x"], 1, "sahel");

    let report = ledger.json(&["report", "--tag", "west-africa"]);
    assert_eq!(report["scope"], serde_json::json!({"type": "tag", "tag": "west-africa"}));
    let ids: Vec<i64> = report["claims"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(report["sources"][0]["name"], "Middle East Eye");
    assert_eq!(report["sources"][0]["claims"], 1, "the per-source table counts only the tagged claims");
    let table = ledger.ok(&["report", "--tag", "west-africa"]);
    assert!(table.contains("claims tagged west-africa") && table.contains("Sources"), "{table}");
    ledger.rejects(&["report", "--tag", "nothing-here"], 1, "nothing-here");
    assert_eq!(ledger.json(&["verify"])["ok"], true);
}

/// A desk with a verdict that carries its reasons: a note, a Markdown rationale, a URL with a
/// title and accessed date, and a saved copy.
fn rated_desk() -> Ledger {
    let ledger = desk();
    let page = ledger.write_file("dod.html", b"<html><body>About 1,000 US troops left Niger.</body></html>\n");
    ledger.ok(&["claim", "assign", "2", "--to", "amina"]);
    ledger.ok(&["claim", "tag", "2", "sahel"]);
    ledger.ok(&["claim", "due", "2", "2025-09-30"]);
    ledger.ok(&["claim", "note", "2", "asked the Pentagon press office"]);
    ledger.ok(&[
        "verdict",
        "2",
        "mostly-true",
        "--note",
        "about 1,000; figures vary",
        "--rationale",
        "The Pentagon put the figure at **about 1,000**.\n\n- AP reported 1,100 <b>two</b> days later",
        "--reviewer",
        "Musa",
        "--evidence",
        "https://example.org/dod?x=1&y=2 | Pentagon statement | 2025-09-30",
        "--evidence",
        "https://example.org/ap",
        "--evidence-file",
        &format!("{} | https://example.org/dod", page.display()),
        "--publish",
    ]);
    ledger
}

#[test]
fn a_verdict_carries_its_reasons_into_every_report_format() {
    let ledger = rated_desk();
    for format in ["table", "markdown", "json", "csv", "html"] {
        let out = ledger.ok(&["--format", format, "report", "--article", "1"]);
        // Whatever a snapshot says, the reasons must be there.
        assert!(out.contains("about 1,000"), "{format}: the rationale is missing: {out}");
        assert!(out.contains("https://example.org/ap"), "{format}: the evidence is missing: {out}");
        assert!(out.contains("Musa"), "{format}: the reviewer is missing: {out}");
        assert!(out.contains("sahel") && out.contains("amina"), "{format}: the desk is missing: {out}");
        insta::assert_snapshot!(format!("desk_report_{format}"), out);
    }
    let json = ledger.json(&["report", "--article", "1"]);
    let claim = &json["claims"][1];
    assert_eq!(claim["verdict"], "mostly-true", "the verdict stays a string");
    assert_eq!(claim["stage"], "published");
    assert_eq!(
        claim["rationale"].as_str().unwrap().lines().next(),
        Some("The Pentagon put the figure at **about 1,000**.")
    );
    assert_eq!(claim["evidence"].as_array().unwrap().len(), 3);
    assert_eq!(claim["evidence"][0]["title"], "Pentagon statement");
    assert_eq!(claim["evidence"][0]["accessed"], "2025-09-30");
    assert_eq!(claim["evidence"][2]["saved_name"], "dod.html");
    assert_eq!(claim["evidence"][2]["saved_sha256"].as_str().unwrap().len(), 64);

    let html = ledger.ok(&["--format", "html", "report", "--article", "1"]);
    assert!(html.contains(r#"<a href="https://example.org/dod?x=1&amp;y=2" rel="noopener nofollow">"#), "{html}");
    assert!(!html.contains("<b>two</b>"), "the rationale's HTML stays text");
    let markdown = ledger.ok(&["--format", "markdown", "report", "--article", "1"]);
    assert!(markdown.contains("**about 1,000**") && markdown.contains("&lt;b&gt;"), "{markdown}");

    let csv = ledger.ok(&["--format", "csv", "report", "--article", "1"]);
    assert!(csv.lines().next().unwrap().contains(",rationale,reviewer,evidence_urls,work_log"), "{csv}");
    assert!(
        csv.contains(",Musa,https://example.org/dod?x=1&y=2 | https://example.org/ap | https://example.org/dod,"),
        "evidence URLs share one cell, joined by \" | \": {csv}"
    );

    let show = ledger.ok(&["claim", "show", "2"]);
    assert!(show.contains("reviewed by Musa") && show.contains("2. https://example.org/ap"), "{show}");
}

#[test]
fn a_withdrawn_verdict_is_no_longer_in_force() {
    let ledger = rated_desk();
    ledger.ok(&["verdict", "2", "false"]);
    assert_eq!(ledger.json(&["report", "--article", "1"])["claims"][1]["verdict"], "false");
    let out = ledger.ok(&["verdict", "withdraw", "2", "--reason", "rated the wrong figure"]);
    assert!(out.contains("in force now: verdict 1 (mostly-true)"), "{out}");
    assert_eq!(ledger.json(&["report", "--article", "1"])["claims"][1]["verdict"], "mostly-true");
    ledger.rejects(&["verdict", "withdraw", "2", "--reason", "again"], 1, "already withdrawn");
    ledger.rejects(&["verdict", "withdraw", "99", "--reason", "x"], 1, "99");
    ledger.rejects(&["verdict", "withdraw", "1", "--reason", " "], 2, "--reason");

    let out = ledger.ok(&["verdict", "withdraw", "1", "--reason", "the figure is disputed"]);
    assert!(out.contains("no verdict in force") && out.contains("back in-review"), "{out}");
    let detail = show(&ledger, "2");
    assert_eq!(detail["stage"], "in-review");
    assert_eq!(detail["verdicts"][0]["withdrawn_reason"], "the figure is disputed");
    assert!(flags_by_claim(&ledger)[&2].contains(&"unverified".to_string()), "with no verdict in force, flags return");
    let in_view: i64 =
        ledger.sql().query_row("SELECT count(*) FROM latest_verdicts WHERE claim_id = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(in_view, 0, "the view agrees");
    let history = ledger.json(&["history", "2"]);
    assert!(history.as_array().unwrap().iter().any(|e| e["command"] == "verdict withdraw"), "{history}");
    assert_eq!(ledger.json(&["verify"])["ok"], true);
}

#[test]
fn verify_reports_a_changed_evidence_copy() {
    let ledger = rated_desk();
    assert_eq!(ledger.json(&["verify"])["ok"], true);
    ledger
        .sql()
        .execute("UPDATE verdict_evidence SET saved_text = 'doctored' WHERE saved_text IS NOT NULL", [])
        .unwrap();
    let (out, _) = ledger.exits(&["verify"], 3);
    assert!(out.contains("saved copy no longer matches its SHA-256"), "{out}");
}

#[test]
fn evidence_and_notes_can_be_redacted_and_the_chain_still_verifies() {
    let ledger = rated_desk();
    ledger.ok(&["redact", "evidence", "3", "text", "--reason", "copyright"]);
    ledger.ok(&["redact", "note", "1", "text", "--reason", "names a source"]);
    ledger.ok(&["redact", "verdict", "1", "rationale", "--reason", "legal"]);
    assert_eq!(ledger.json(&["verify"])["ok"], true);
    assert!(show(&ledger, "2")["notes"][0]["body"].as_str().unwrap().starts_with("[redacted in event"));
}

#[test]
fn bad_evidence_is_refused_before_anything_is_written() {
    let ledger = desk();
    ledger.rejects(&["verdict", "1", "true", "--evidence", "example"], 2, "--evidence");
    ledger.rejects(&["verdict", "1", "true", "--evidence", "https://example.org | a | b | c"], 2, "one title");
    ledger.rejects(&["verdict", "1", "true", "--evidence-file", "missing.html"], 1, "missing.html");
    ledger.rejects(&["verdict", "1", "true", "--evidence", "https://example.org | x | September 2025"], 2, "one title");
}

#[test]
fn the_schema_1_fixture_upgrades_with_a_stage_for_every_claim() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).expect("copy the fixture ledger");
    ledger.ok(&["upgrade"]);
    assert_eq!(ledger.json(&["verify"])["ok"], true);
    let stages: Vec<(i64, String, String, i64)> = {
        let conn = ledger.sql();
        let mut stmt = conn
            .prepare(
                "SELECT id, stage, status, EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = claims.id)
                 FROM claims ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(stages.len(), 15);
    for (id, stage, status, rated) in &stages {
        let want = match (status.as_str(), rated) {
            ("retracted", _) => "closed",
            (_, 1) => "published",
            _ => "open",
        };
        assert_eq!(stage, want, "claim {id}");
    }
    assert!(stages.iter().any(|s| s.1 == "published") && stages.iter().any(|s| s.1 == "closed"));
    // The stages were recorded as a change of their own, so history and replay see them.
    let history = ledger.json(&["history", "5"]);
    let staged = history.as_array().unwrap().iter().find(|e| e["command"] == "upgrade: claim stages").unwrap();
    assert_eq!(staged["editor"], "claimtrack");
    assert_eq!(staged["new_values"]["stage"], "published");
    // Tampering with a stage by hand is caught like any other column.
    ledger.sql().execute("UPDATE claims SET stage = 'open' WHERE id = 5", []).unwrap();
    let (out, _) = ledger.exits(&["verify"], 3);
    assert!(out.contains("claims row 5") && out.contains("stage"), "{out}");
}

#[test]
fn the_readme_desk_day_runs_as_written() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## Running a desk").expect("a \"Running a desk\" section");
    let end = start + readme[start..].find("\n## ").expect("a section after it");
    let mut script = String::from("set -euo pipefail\n");
    for block in readme[start..end].split("```sh\n").skip(1) {
        script.push_str(block.split("```").next().unwrap());
    }
    assert!(script.matches("claimtrack ").count() > 25, "the day lost its commands:\n{script}");
    let ledger = Ledger::uninitialised();
    ledger.write_file("mod.html", b"<html><body>Turkish trainers, not combat troops.</body></html>\n");
    let path = format!("{}:/usr/bin:/bin", crate::common::bin().parent().unwrap().display());
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", path)
        .env("CLAIMTRACK_NOW", "2025-10-04T08:00:00Z")
        .env("CLAIMTRACK_CONFIG", ledger.dir.path().join("config.toml"))
        .current_dir(ledger.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the day failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    // The queue the README shows is the one the commands produce.
    let shown = &readme[start..end];
    let queue_start = stdout.find("id  claim").expect("the queue table");
    for line in stdout[queue_start..].lines().take_while(|l| !l.is_empty()).take(4) {
        assert!(shown.contains(line.trim_end()), "the README's queue differs from what `queue` prints: {line:?}");
    }
    assert!(stdout.contains("rationale:") && stdout.contains("reviewed by musa"), "{stdout}");
    assert!(stdout.contains("ok: "), "verify passed: {stdout}");
}
