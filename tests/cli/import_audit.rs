//! An import's new rows are recorded by one `import` event per table (their ids, the file, its
//! SHA-256 and the rows' digest): `verify` holds them to it, `history` names the file and the
//! row, `undo` takes them back, and later edits, deletions and redactions keep verifying.

use std::path::PathBuf;

use crate::common::Ledger;

const MAP: &str = "text=statement,source=speaker,publisher=outlet,url=url";

fn rows(ledger: &Ledger) -> PathBuf {
    ledger.write_file(
        "desk.csv",
        b"statement,speaker,outlet,url\n\
          Four battalions crossed the border,Ana Ruiz,Outlet One,https://one.example/a\n\
          The port handled 1500 tonnes,Ben Osei,Outlet Two,https://two.example/b\n\
          The minister resigned on Monday,Ana Ruiz,Outlet One,https://one.example/c\n",
    )
}

fn import(ledger: &Ledger) {
    let file = rows(ledger);
    ledger.ok(&["import", file.to_str().unwrap(), "--from", "csv", "--map", MAP]);
}

fn verified(ledger: &Ledger) {
    let out = ledger.ok(&["verify"]);
    assert!(out.starts_with("ok:"), "{out}");
}

#[test]
fn one_event_per_table_and_history_names_the_file_and_row() {
    let ledger = Ledger::new();
    import(&ledger);
    let conn = ledger.sql();
    let mut stmt = conn
        .prepare(
            "SELECT table_name, row_id, json_extract(data, '$.last'), json_extract(data, '$.rows') FROM events
             WHERE action = 'import' ORDER BY id",
        )
        .unwrap();
    let imports: Vec<(String, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        imports,
        [
            ("sources".to_string(), 1, 4, 4),
            ("articles".to_string(), 1, 3, 3),
            ("claims".to_string(), 1, 3, 3),
            ("citations".to_string(), 1, 3, 3)
        ]
    );
    let per_row: i64 = conn
        .query_row("SELECT count(*) FROM events WHERE action <> 'import' AND table_name <> 'settings'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(per_row, 0, "no event per row for what the import added");
    let miscounted: i64 = conn
        .query_row(
            "SELECT count(*) FROM claims_fts_vocab v LEFT JOIN claim_term_counts c ON c.term = v.term
             WHERE c.claims IS NOT v.doc",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(miscounted, 0, "an import counts each word's claims as the full-text index holds them");
    let history = ledger.ok(&["history", "2"]);
    assert!(history.contains("desk.csv"), "{history}");
    assert!(history.contains("sha256="), "{history}");
    assert!(history.contains("desk.csv line 3"), "the claim's own row: {history}");
    verified(&ledger);
}

#[test]
fn later_edits_retractions_redactions_and_deletions_still_verify() {
    let ledger = Ledger::new();
    import(&ledger);
    ledger.ok(&["claim", "edit", "1", "At least four battalions crossed the border"]);
    ledger.ok(&["claim", "retract", "2", "--reason", "misread the tonnage"]);
    ledger.ok(&["redact", "claim", "3", "text", "--reason", "legal request"]);
    ledger.ok(&["redact", "source", "2", "name", "--reason", "source protection"]);
    ledger.ok(&["claim", "add", "A claim logged by hand"]);
    verified(&ledger);
    // A reworded claim can be undone, and the import's rows still check out.
    ledger.ok(&["undo"]);
    ledger.ok(&["undo"]);
    verified(&ledger);
}

#[test]
fn rows_changed_outside_claimtrack_fail_verify() {
    // Claim 2 is edited through claimtrack first: the other rows have only the import's digest to go by.
    for (tamper, found) in [
        ("UPDATE claims SET text = 'Forged wording', text_key = 'forged wording' WHERE id = 1", "claims rows 1–3"),
        ("DELETE FROM citations WHERE id = 3", "citations rows 1–3"),
        ("UPDATE sources SET kind = 'government' WHERE id = 1", "sources rows 1–4"),
        ("INSERT INTO citations (id, claim_id, article_id, kind, created_at) VALUES (3, 3, 1, 'vague', 'now')", ""),
        ("UPDATE claims SET text = 'Forged again', text_key = 'forged again' WHERE id = 2", "claims row 2 was changed"),
    ] {
        let ledger = Ledger::new();
        import(&ledger);
        ledger.ok(&["claim", "edit", "2", "The port handled 1,500 tonnes"]);
        if tamper.starts_with("INSERT") {
            ledger.sql().execute_batch("DELETE FROM citations WHERE id = 3").unwrap();
        }
        ledger.sql().execute_batch(tamper).unwrap();
        let (stdout, _) = ledger.exits(&["verify"], 3);
        assert!(stdout.contains(found), "{tamper}: {stdout}");
    }
}

#[test]
fn undo_takes_an_import_back_row_by_row() {
    let ledger = Ledger::new();
    ledger.ok(&["claim", "add", "Logged before the import"]);
    import(&ledger);
    ledger.ok(&["claim", "edit", "3", "The minister resigned on Tuesday"]);
    // The import's rows were edited since: reverting it would lose that work.
    let (_, stderr) = ledger.exits(&["revert", "--change", "3"], 1);
    assert!(stderr.contains("later changed claims row 3"), "{stderr}");
    ledger.ok(&["undo"]);
    let out = ledger.ok(&["revert", "--change", "3"]);
    assert!(out.contains("claims row 3 removed"), "{out}");
    assert_eq!(ledger.count("claims"), 1);
    assert_eq!(ledger.count("citations"), 0);
    assert_eq!(ledger.count("articles"), 0);
    assert_eq!(ledger.count("sources"), 0);
    verified(&ledger);
    // Undoing the undo brings every row back, as itself.
    ledger.ok(&["undo"]);
    assert_eq!(ledger.count("claims"), 4);
    assert_eq!(ledger.json(&["claim", "show", "3"])["text"], "The port handled 1500 tonnes");
    verified(&ledger);
}
