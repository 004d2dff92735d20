//! Duplicates, near-duplicates, search, diffs and numeric conflicts, as an editor meets them.

use crate::common::{Ledger, flags_by_claim};

const FOUR: &str = "At least four Turkish battalions will travel to Niger";
const THREE: &str = "Three Turkish battalions will travel to Niger";

/// (stdout, stderr) of a command that must succeed.
fn both(ledger: &Ledger, args: &[&str]) -> (String, String) {
    let out = ledger.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn three_battalions_after_at_least_four_is_a_numeric_mismatch_with_a_proposed_conflict() {
    let ledger = Ledger::new();
    let four = ledger.add(&["claim", "add", FOUR]);
    let (out, err) = both(&ledger, &["claim", "add", THREE]);
    let three: i64 = out.split('\t').next().unwrap().parse().expect("the id comes first on stdout");
    assert!(err.contains(&format!("near-duplicate of claim {four}")), "{err}");
    assert!(err.contains("[-At least four-]{+Three+} Turkish battalions"), "{err}");
    assert!(err.contains(&format!("claimtrack link {three} --conflicts {four} --note")), "{err}");
    // Proposed, not recorded.
    assert_eq!(ledger.count("links"), 0);

    // The flag, in the binary and in the SQL views, with both values in the reason.
    let flags = flags_by_claim(&ledger);
    assert!(flags[&three].contains(&"numeric-mismatch".to_string()), "{flags:?}");
    assert!(flags[&four].contains(&"numeric-mismatch".to_string()), "{flags:?}");
    let json = ledger.json(&["flags", &three.to_string()]);
    let reason = json[0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["flag"] == "numeric-mismatch")
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .unwrap();
    assert_eq!(
        reason,
        format!(
            "numbers disagree: \"Three Turkish battalions\" here, \"At least four Turkish battalions\" in claim {four} and there is no verdict"
        )
    );
    let sql: String = ledger
        .sql()
        .query_row("SELECT reason FROM claim_flags WHERE claim_id = ?1 AND flag = 'numeric-mismatch'", [three], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sql, reason);

    // Rewording clears the mismatch, and a wording that disagrees again brings it back.
    ledger.ok(&["claim", "edit", &three.to_string(), "At least four Turkish battalions will travel to Niger soon"]);
    assert!(!flags_by_claim(&ledger)[&three].contains(&"numeric-mismatch".to_string()));
    ledger.ok(&["claim", "edit", &three.to_string(), THREE]);
    assert!(flags_by_claim(&ledger)[&three].contains(&"numeric-mismatch".to_string()));

    // Running the proposed command records the conflict; a verdict settles the mismatch.
    ledger.ok(&["link", &three.to_string(), "--conflicts", &four.to_string()]);
    ledger.ok(&["verdict", &three.to_string(), "false"]);
    assert!(!flags_by_claim(&ledger)[&three].contains(&"numeric-mismatch".to_string()));
    ledger.ok(&["verify"]);
}

#[test]
fn compatible_numbers_are_no_mismatch() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "The US withdrew around 1000 troops from Niger in 2024"]);
    let (_, err) = both(&ledger, &["claim", "add", "The US withdrew 1,100 troops from Niger in 2024"]);
    assert!(err.contains("near-duplicate"), "{err}");
    assert!(!err.contains("numbers disagree"), "{err}");
    let (_, err) = both(&ledger, &["claim", "add", "The US withdrew around 1000 troops from Niger in 2023"]);
    assert!(err.contains("numbers disagree: \"2023\" here, \"2024\""), "{err}");
}

#[test]
fn an_exact_duplicate_is_never_added_silently() {
    let ledger = Ledger::new();
    let first = ledger.add(&["claim", "add", FOUR]);
    // Not a terminal: added, with the match on stderr; the new id first on stdout.
    let (out, err) = both(&ledger, &["claim", "add", "“at least four turkish battalions will travel to Niger.”"]);
    assert!(out.starts_with(&format!("{}\tadded claim", first + 1)), "{out}");
    assert!(err.contains(&format!("exact duplicate of claim {first}")), "{err}");
    // skip: the existing id in place of a new one, nothing written.
    let before = ledger.count("claims");
    let out =
        ledger.ok(&["claim", "add", "--on-duplicate", "skip", "AT LEAST FOUR Turkish battalions will travel to Niger"]);
    assert!(out.starts_with(&format!("{first}\tskipped")), "{out}");
    assert_eq!(ledger.count("claims"), before);
    // link: the new wording recorded as a duplicate of the match.
    let json = ledger.json(&[
        "claim",
        "add",
        "--on-duplicate",
        "link",
        "According to Reuters, at least four Turkish battalions will travel to Niger",
    ]);
    assert_eq!(json["duplicate_of"], first);
    assert_eq!(json["links"][0]["stance"], "duplicates");
    assert_eq!(json["matches"][0]["claim_id"], first);
    // ask needs a terminal.
    ledger.rejects(&["claim", "add", "--on-duplicate", "ask", FOUR], 2, "terminal");
    ledger.ok(&["verify"]);
}

#[test]
fn text_starting_with_a_hyphen_after_double_dash() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "--", "-5% growth in Niger's economy"]);
    let json = ledger.json(&["similar", "--", "-5% growth in Niger"]);
    assert_eq!(json["matches"][0]["claim_id"], id);
    ledger.ok(&["claim", "search", "--", "-economy growth"]);
}

#[test]
fn similar_ranks_the_reworded_claim_first_and_lists_changed_spans() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "The US withdrew around 1,000 troops from Niger in 2024"]);
    let target = ledger.add(&["claim", "add", "France withdrew its 1,500 troops from Niger in 2023"]);
    ledger.add(&["claim", "add", "Turkey will send elite troops to train Niger's military"]);
    let json =
        ledger.json(&["similar", "Paris pulled its 1,500 troops out of Niger in 2023, a spokesperson told reporters"]);
    let matches = json["matches"].as_array().unwrap();
    assert_eq!(matches[0]["claim_id"], target, "{json}");
    assert!(matches[0]["score"].as_f64().unwrap() > matches[1]["score"].as_f64().unwrap());
    assert!(matches[0]["text"].as_str().unwrap().starts_with("France"));
    assert!(
        matches[0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["old"] == "France withdrew" && c["new"] == "Paris pulled"),
        "{json}"
    );
    // Piped: marks, no colour.
    let table = ledger.ok(&["similar", "France pulled its 1,500 troops from Niger in 2023"]);
    assert!(table.contains("[-withdrew-]{+pulled+}"), "{table}");
    assert!(!table.contains('\x1b'));
    // Standard input.
    let out =
        ledger.cmd().args(["similar", "-", "--format", "json"]).write_stdin("France troops Niger").output().unwrap();
    assert!(out.status.success());
    ledger.rejects(&["similar", "   "], 1, "empty");
}

#[test]
fn search_with_phrases_prefixes_exclusions_and_filters() {
    let ledger = Ledger::new();
    ledger.ok(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    ledger.ok(&["article", "add", "Turkey set to train Niger's military"]);
    let a = ledger.add(&["claim", "add", FOUR, "--article", "1", "--source", "Middle East Eye"]);
    let b = ledger.add(&["claim", "add", "France withdrew its 1,500 troops from Niger in 2023"]);
    let c = ledger.add(&["claim", "add", "The US withdrew around 1,000 troops from Niger in 2024"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["claim", "search"];
        all.extend_from_slice(args);
        ledger.json(&all).as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(&["niger"]), [a, b, c]);
    assert_eq!(ids(&["\"withdrew its 1,500\""]), [b], "stopwords inside a phrase");
    assert_eq!(ids(&["withdr*"]), [b, c]);
    assert_eq!(ids(&["niger -france"]), [a, c]);
    assert_eq!(ids(&["france OR turkish"]), [a, b]);
    assert_eq!(ids(&["battalion"]), [a], "word forms meet");
    assert_eq!(ids(&["niger", "--source", "Middle East Eye"]), [a]);
    assert_eq!(ids(&["troops", "--article", "1"]), Vec::<i64>::new());
    let listed: Vec<i64> = ledger
        .json(&["claim", "list", "--search", "troops niger", "--flag", "unattributed"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [b, c]);
    // The index holds stems ("vaccinated" is "vaccin"): a prefix longer than the stem still finds it.
    let d = ledger.add(&["claim", "add", "Nurses in Niamey were vaccinated first"]);
    assert_eq!(ids(&["vaccinat*"]), [d]);
    assert_eq!(ids(&["vacc*"]), [d]);
    // Hostile text is words, never FTS5 syntax.
    for hostile in ["NEAR(niger troops)", "niger AND", "terms:niger", "claims_fts:x", "* niger", "niger\"\"", "^niger"]
    {
        ledger.ok(&["claim", "search", "--", hostile]);
    }
    assert_eq!(ids(&["terms:niger"]), Vec::<i64>::new());
    ledger.rejects(&["claim", "search", "--", "-niger"], 2, "no word to look for");
    ledger.rejects(&["claim", "search", "--", "\""], 2, "no word to look for");
}

#[test]
fn diff_between_claims_and_against_a_text() {
    let ledger = Ledger::new();
    let four = ledger.add(&["claim", "add", FOUR]);
    let three = ledger.add(&["claim", "add", THREE, "--on-duplicate", "add"]);
    let out = ledger.ok(&["diff", &four.to_string(), &three.to_string()]);
    assert!(out.contains("[-At least four-]{+Three+} Turkish battalions will travel to Niger"), "{out}");
    assert!(out.contains("numbers disagree"), "{out}");
    let json =
        ledger.json(&["diff", &four.to_string(), "--text", "At least five Turkish battalions will travel to Niger"]);
    assert_eq!(json["changes"][0]["old"], "four");
    assert_eq!(json["changes"][0]["new"], "five");
    assert_eq!(json["changes"][0]["old_start"], 9);
    assert_eq!(json["new"]["claim_id"], serde_json::Value::Null);
    ledger.rejects(&["diff", "99", &four.to_string()], 1, "99");
}

#[test]
fn similar_all_finds_pairs_and_records_mismatches_for_imported_rows() {
    let ledger = Ledger::new();
    // Written the way a batch import does: no near-duplicate matching row by row.
    {
        let mut store = ledger.store();
        let author = claimtrack::store::Author {
            editor: "import".into(),
            at: "2025-09-22T10:00:00Z".into(),
            command: "import".into(),
        };
        store
            .write(&author, |tx| {
                claimtrack::ops::claims::record(tx, FOUR, None)?;
                claimtrack::ops::claims::record(tx, THREE, None)?;
                claimtrack::ops::claims::record(tx, "Prices rose in Niamey", None)
            })
            .unwrap();
        assert_eq!(
            claimtrack::ops::matching::exact_duplicates(
                store.db(),
                "at least four turkish battalions will travel to niger!"
            )
            .unwrap()
            .len(),
            1
        );
    }
    assert!(!flags_by_claim(&ledger)[&2].contains(&"numeric-mismatch".to_string()));
    let json = ledger.json(&["similar", "--all", "--since", "2025-09-01"]);
    assert_eq!(json["pairs"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["recorded"], false);
    let out = ledger.ok(&["similar", "--all", "--record"]);
    assert!(out.contains("1 with numbers that disagree"), "{out}");
    assert!(flags_by_claim(&ledger)[&2].contains(&"numeric-mismatch".to_string()));
    assert_eq!(ledger.json(&["similar", "--all", "--since", "2030"])["claims_checked"], 0);
    // The index can be rebuilt and still finds the same.
    ledger.ok(&["similar", "--reindex"]);
    assert_eq!(ledger.json(&["similar", THREE])["matches"][0]["claim_id"], 2);
    ledger.ok(&["verify"]);
}

#[test]
fn rewording_and_redacting_keep_the_index_in_step() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "Secret troop movements near Agadez"]);
    ledger.ok(&["claim", "edit", &id.to_string(), "Troop movements near Arlit"]);
    assert!(ledger.json(&["claim", "search", "agadez"]).as_array().unwrap().is_empty());
    assert_eq!(ledger.json(&["claim", "search", "arlit"]).as_array().unwrap().len(), 1);
    ledger.ok(&["redact", "claim", &id.to_string(), "text", "--reason", "source protection"]);
    assert!(ledger.json(&["claim", "search", "arlit"]).as_array().unwrap().is_empty());
    let key: String = ledger.sql().query_row("SELECT text_key FROM claims WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    assert!(!key.contains("arlit"), "{key}");
    ledger.ok(&["verify"]);
    // A key changed by hand is caught, and the rebuild mends it.
    ledger.sql().execute("UPDATE claims SET text_key = 'something else' WHERE id = ?1", [id]).unwrap();
    let (out, _) = ledger.exits(&["verify"], 3);
    assert!(out.contains("text_key does not match its text"), "{out}");
    ledger.ok(&["similar", "--reindex"]);
    ledger.ok(&["verify"]);
}

/// `claimtrack ARGS` on a pseudo-terminal (util-linux `script`), with `answer` typed in;
/// `None` without `script`.
fn on_a_terminal(ledger: &Ledger, args: &str, answer: &str) -> Option<String> {
    let script = crate::common::on_path("script")?;
    let out = assert_cmd::Command::new(script)
        .args(["-qec", &format!("{} {args}", crate::common::bin().display()), "/dev/null"])
        .env_clear()
        .env("CLAIMTRACK_DB", &ledger.db)
        .env("CLAIMTRACK_EDITOR", "tester")
        .write_stdin(answer.to_string())
        .output()
        .expect("run script");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn on_a_terminal_claim_add_shows_the_coloured_match_and_asks() {
    let ledger = Ledger::new();
    let first = ledger.add(&["claim", "add", FOUR]);
    let Some(skipped) =
        on_a_terminal(&ledger, "claim add 'at least four turkish battalions will travel to niger'", "s\n")
    else {
        crate::common::tool_missing("no util-linux `script` to make a terminal (Debian's bsdutils)");
        return;
    };
    assert!(skipped.contains(&format!("exact duplicate of claim {first}")), "{skipped}");
    assert!(skipped.contains("\u{1b}[31;9mAt\u{1b}[0m"), "removed words in red: {skipped:?}");
    assert!(skipped.contains("or skip it [s]?"), "{skipped}");
    assert!(skipped.contains(&format!("{first}\tskipped")), "{skipped}");
    assert_eq!(ledger.count("claims"), 1);
    let linked = on_a_terminal(&ledger, &format!("claim add '{THREE}'"), "l\n").unwrap();
    assert!(linked.contains(&format!("as a duplicate of claim {first}")), "{linked}");
    assert_eq!(ledger.count("claims"), 2);
    assert_eq!(ledger.count("links"), 1);
    // Nothing like it: no question.
    let plain = on_a_terminal(&ledger, "claim add 'Prices rose in Niamey'", "").unwrap();
    assert!(plain.contains("3\tadded claim"), "{plain}");
}

#[test]
fn undo_and_revert_keep_the_matching_index_in_step() {
    let ledger = Ledger::new();
    let first = ledger.add(&["claim", "add", "At least four Turkish battalions will travel to Niger"]);
    let second = ledger.add(&["claim", "add", "Turkey signed a defence agreement with Niger in 2020"]);
    // Undoing an add takes the claim's index rows with it; verify checks key and text agree.
    ledger.ok(&["undo"]);
    assert!(ledger.ok(&["verify"]).starts_with("ok"));
    let found = ledger.json(&["similar", "defence agreement Niger 2020", "--format", "json"]);
    assert!(
        found["matches"].as_array().unwrap().iter().all(|m| m["claim_id"] != second),
        "an undone claim is not found: {found}"
    );
    // Undo again re-adds it, indexed again.
    ledger.ok(&["undo"]);
    let found = ledger.json(&["claim", "search", "defence agreement", "--format", "json"]);
    assert_eq!(found[0]["id"], second, "{found}");
    // An edit undone: the old words are searchable again, the new ones are not.
    ledger.ok(&["claim", "edit", &first.to_string(), "Three Turkish battalions will travel to Mali"]);
    ledger.ok(&["undo"]);
    assert_eq!(ledger.json(&["claim", "search", "Niger battalions", "--format", "json"])[0]["id"], first);
    assert_eq!(ledger.json(&["claim", "search", "Mali", "--format", "json"]), serde_json::json!([]));
    assert!(ledger.ok(&["verify"]).starts_with("ok"));
}

#[test]
fn imports_find_exact_duplicates_by_the_one_normalisation_and_index_what_they_add() {
    let ledger = Ledger::new();
    let existing = ledger.add(&["claim", "add", "Water, they said, is dry"]);
    // Differs in case, quote marks and punctuation only: the same claim.
    let csv = ledger.write_file(
        "rows.csv",
        "statement,speaker\n\"WATER they said is “dry”.\",Jane Roe\nThe moon is made of cheese,John Doe\n".as_bytes(),
    );
    let report =
        ledger.json(&["import", csv.to_str().unwrap(), "--from", "csv", "--map", "text=statement,source=speaker"]);
    assert_eq!(report["claims_found"], 1, "{report}");
    assert_eq!(report["claims_added"], 1, "{report}");
    let shown = ledger.json(&["claim", "show", &existing.to_string()]);
    assert_eq!(shown["citations"].as_array().unwrap().len(), 1, "the row cited the existing claim: {shown}");
    // What the import added is in the index: searchable, and an exact duplicate for `claim add`.
    let found = ledger.json(&["claim", "search", "cheese", "--format", "json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let skipped = ledger.ok(&["claim", "add", "the moon is made of cheese!", "--on-duplicate", "skip"]);
    assert!(skipped.contains("skipped"), "{skipped}");
    assert!(ledger.ok(&["verify"]).starts_with("ok"));
}

#[test]
fn a_redacted_claims_words_leave_the_full_text_index_in_the_file() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "Zqinformant Abdoulkarim met officers near Zqarlit"]).to_string();
    ledger.add(&["claim", "add", "Convoys were seen near Agadez"]);
    let contains = |word: &str| {
        let hay = crate::trust::raw_bytes(&ledger);
        hay.windows(word.len()).any(|w| w == word.as_bytes())
    };
    assert!(contains("zqarlit"), "the index holds the claim's words");
    ledger.ok(&["redact", "claim", &id, "text", "--reason", "source protection"]);
    assert!(!contains("zqarlit") && !contains("zqinformant"), "a redacted claim's words are still in the file");
    assert!(ledger.ok(&["verify"]).starts_with("ok"));
}

#[test]
fn the_ledger_opens_in_an_older_sqlite_client() {
    // Debian 12's sqlite3 and Python (hence Datasette) have SQLite 3.40: the full-text
    // index must not use options newer than that, or the whole file fails to open there.
    let Some(python) = crate::common::on_path("python3") else {
        return crate::common::tool_missing("python3 is not installed");
    };
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", FOUR]);
    let program = "import sqlite3, sys\n\
                   c = sqlite3.connect(sys.argv[1])\n\
                   print(c.execute(\"SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'battalion*'\").fetchone()[0])";
    let out = std::process::Command::new(python).args(["-c", program]).arg(&ledger.db).output().unwrap();
    assert!(
        out.status.success(),
        "python's sqlite3 could not read the ledger: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
}

#[test]
fn the_word_counts_stay_in_step_with_the_full_text_index() {
    let ledger = Ledger::new();
    // Rows of one table missing from the other: a count that drifted from the index's own.
    let drift = || -> i64 {
        ledger
            .sql()
            .query_row(
                "SELECT (SELECT count(*) FROM (SELECT term, claims FROM claim_term_counts
                                               EXCEPT SELECT term, doc FROM claims_fts_vocab WHERE doc > 0))
                      + (SELECT count(*) FROM (SELECT term, doc FROM claims_fts_vocab WHERE doc > 0
                                               EXCEPT SELECT term, claims FROM claim_term_counts))",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let first = ledger.add(&["claim", "add", "Turkish troops troops reached Agadez"]).to_string();
    ledger.add(&["claim", "add", "Turkish battalions reached Niamey"]);
    let word = |w: &str| -> Option<i64> {
        ledger.sql().query_row("SELECT claims FROM claim_term_counts WHERE term = ?1", [w], |r| r.get(0)).ok()
    };
    assert_eq!((word("turkish"), word("troop"), word("agadez")), (Some(2), Some(1), Some(1)));
    ledger.ok(&["claim", "edit", &first, "Turkish troops reached Zinder"]);
    assert_eq!((word("agadez"), word("zinder")), (None, Some(1)));
    ledger.ok(&["undo"]);
    assert_eq!((word("agadez"), word("zinder")), (Some(1), None));
    ledger.ok(&["redact", "claim", &first, "text", "--reason", "source protection"]);
    assert_eq!((word("agadez"), word("turkish")), (None, Some(1)));
    assert_eq!(drift(), 0);
    ledger.sql().execute("DELETE FROM claim_term_counts", []).unwrap();
    ledger.ok(&["similar", "--reindex"]);
    assert_eq!(word("turkish"), Some(1));
    assert_eq!(drift(), 0);
}

#[test]
fn accents_do_not_keep_a_match_apart_and_an_older_index_is_rebuilt_on_upgrade() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "Côte d'Ivoire sent 300 troops to Niamey"]);
    let found = |text: &str| -> Vec<i64> {
        let out = ledger.ok(&["--format", "json", "similar", text]);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["matches"].as_array().unwrap().iter().map(|m| m["claim_id"].as_i64().unwrap()).collect()
    };
    assert_eq!(found("Cote d'Ivoire troops in Niamey"), [id]);
    let holds = |term: &str| -> i64 {
        ledger
            .sql()
            .query_row("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?1", [term], |r| r.get(0))
            .unwrap()
    };
    assert_eq!((holds("cote"), holds("côte")), (1, 0));
    // As a ledger indexed before migration 12 held it: the words with their accents.
    let conn = ledger.sql();
    let accented: String =
        conn.query_row("SELECT replace(terms, 'cote', 'côte') FROM claims_fts", [], |r| r.get(0)).unwrap();
    conn.execute_batch("DELETE FROM claims_fts; UPDATE claim_term_counts SET term = 'côte' WHERE term = 'cote'; PRAGMA user_version = 11;")
        .unwrap();
    conn.execute("INSERT INTO claims_fts (rowid, terms) VALUES (?1, ?2)", rusqlite::params![id, accented]).unwrap();
    drop(conn);
    assert_eq!(holds("côte"), 1);
    let stderr = ledger.fails_with(&["similar", "Cote d'Ivoire troops"], 1);
    assert!(stderr.contains("claimtrack upgrade"), "{stderr}");
    ledger.ok(&["upgrade"]);
    assert_eq!((holds("cote"), holds("côte")), (1, 0));
    let counted: i64 =
        ledger.sql().query_row("SELECT count(*) FROM claim_term_counts WHERE term = 'cote'", [], |r| r.get(0)).unwrap();
    assert_eq!(counted, 1);
    assert_eq!(found("Cote d'Ivoire troops in Niamey"), [id]);
    ledger.ok(&["verify"]);
}
