//! Bad input: one clear line on stderr, a non-zero exit code, and the ledger file untouched.

use crate::common::Ledger;

fn sample_ledger() -> Ledger {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    ledger.add(&["article", "add", "Story", "--publisher", "1"]);
    ledger.add(&["claim", "add", "X", "--article", "1", "--source", "1"]);
    ledger
}

#[test]
fn unknown_ids_and_names() {
    let ledger = sample_ledger();
    ledger.rejects(&["claim", "show", "99"], 1, "no claim matches \"99\"");
    ledger.rejects(&["claim", "show", "twelve"], 1, "not a claim id");
    ledger.rejects(&["source", "show", "Al Jazeera"], 1, "no source matches \"Al Jazeera\"");
    ledger.rejects(&["article", "show", "42"], 1, "no article matches");
    ledger.rejects(&["claim", "add", "Y", "--article", "7"], 1, "no article matches \"7\"");
    ledger.rejects(&["link", "1", "--corroborates", "5"], 1, "no claim matches \"5\"");
    ledger.rejects(&["verdict", "8", "true"], 1, "no claim matches");
    ledger.rejects(&["history", "8"], 1, "no claim matches");
}

#[test]
fn malformed_dates_name_the_field() {
    let ledger = sample_ledger();
    ledger.rejects(&["article", "add", "T", "--published", "2025-02-30"], 2, "--published");
    let stderr = ledger.rejects(&["article", "add", "T", "--published", "2025-02-30"], 2, "no day 30 in February 2025");
    assert!(stderr.starts_with("claimtrack: "), "{stderr}");
    ledger.rejects(&["article", "add", "T", "--published", "next week"], 2, "unrecognised date");
    ledger.rejects(&["article", "add", "T", "--published", "2025-13-01"], 2, "no month 13");
}

#[test]
fn malformed_urls() {
    let ledger = sample_ledger();
    ledger.rejects(&["article", "add", "T", "--url", "not a url"], 2, "--url");
    ledger.rejects(&["article", "add", "T", "--url", "ftp://example.org/x"], 2, "only http and https");
    ledger.rejects(
        &["source", "add", "S", "--kind", "outlet", "--url", "javascript:alert(1)"],
        2,
        "only http and https",
    );
    ledger.rejects(&["verdict", "1", "true", "--evidence", "example"], 2, "--evidence");
}

#[test]
fn empty_text() {
    let ledger = sample_ledger();
    ledger.rejects(&["claim", "add", "   "], 1, "claim text is empty");
    ledger.rejects(&["claim", "edit", "1", ""], 1, "claim text is empty");
    ledger.rejects(&["source", "add", " ", "--kind", "person"], 1, "name is empty");
}

#[test]
fn text_files_that_are_missing_or_not_utf8() {
    let ledger = sample_ledger();
    let missing = ledger.dir.path().join("nope.txt");
    ledger.rejects(&["article", "add", "T", "--text-file", missing.to_str().unwrap()], 1, "cannot read --text-file");
    let latin1 = ledger.write_file("latin1.txt", b"Niger\xe2s army \xe9t\xe9");
    ledger.rejects(&["article", "add", "T", "--text-file", latin1.to_str().unwrap()], 1, "not UTF-8");
    let binary = ledger.write_file("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00");
    ledger.rejects(&["article", "add", "T", "--text-file", binary.to_str().unwrap()], 1, "binary file");
}

#[test]
fn verdicts_outside_the_scale() {
    let ledger = sample_ledger();
    let stderr = ledger.rejects(&["verdict", "1", "pants-on-fire"], 2, "invalid value 'pants-on-fire'");
    assert!(stderr.contains("mostly-true"), "lists the scale: {stderr}");
}

#[test]
fn a_claim_linked_to_itself() {
    let ledger = sample_ledger();
    ledger.rejects(&["link", "1", "--corroborates", "1"], 1, "cannot link claim 1 to itself");
}

#[test]
fn usage_errors_are_one_line_with_exit_code_2() {
    let ledger = sample_ledger();
    ledger.rejects(&["link", "1", "2"], 2, "required");
    ledger.rejects(&["link", "1", "--corroborates", "--conflicts", "2"], 2, "cannot be used with");
    ledger.rejects(&["claim", "add", "Y", "--source", "1"], 2, "need --article");
    ledger.rejects(&["frobnicate"], 2, "unrecognized subcommand");
}

#[test]
fn a_file_that_is_not_sqlite() {
    let ledger = Ledger::uninitialised();
    std::fs::write(&ledger.db, "id,claim\n1,Turkey will send troops\n".repeat(50)).unwrap();
    ledger.rejects(&["claim", "list"], 1, "not an SQLite database");
    ledger.rejects(&["claim", "add", "X"], 1, "not an SQLite database");
    ledger.rejects(&["init"], 1, "not an SQLite database");
}

#[test]
fn an_sqlite_file_from_another_program() {
    let ledger = Ledger::uninitialised();
    rusqlite::Connection::open(&ledger.db).unwrap().execute_batch("CREATE TABLE recipes (name TEXT)").unwrap();
    ledger.rejects(&["init"], 1, "no claimtrack schema");
    ledger.rejects(&["claim", "list"], 1, "no claimtrack schema");
}

#[test]
fn a_missing_ledger_is_not_created_by_accident() {
    let ledger = Ledger::uninitialised();
    let stderr = ledger.fails_with(&["claim", "add", "X"], 1);
    assert!(stderr.contains("claimtrack init"), "{stderr}");
    assert!(!ledger.db.exists());
}

#[test]
fn a_ledger_from_a_newer_claimtrack() {
    let ledger = sample_ledger();
    ledger.sql().pragma_update(None, "user_version", 999).unwrap();
    ledger.rejects(&["claim", "list"], 1, "newer claimtrack (schema version 999");
    ledger.rejects(&["claim", "add", "Y"], 1, "upgrade claimtrack");
    ledger.rejects(&["init"], 1, "newer claimtrack");
}

#[test]
fn a_ledger_locked_past_the_timeout() {
    let ledger = sample_ledger();
    let holder = ledger.sql();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', 'yes');").unwrap();
    let before = std::fs::read(&ledger.db).unwrap();
    let (_, stderr) = ledger.exits_env(&[("CLAIMTRACK_BUSY_TIMEOUT_MS", "200")], &["claim", "add", "Y"], 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("locked by another writer and stayed locked for 200 ms"), "{stderr}");
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before);
    holder.execute_batch("ROLLBACK").unwrap();
    // Reads do not wait for writers.
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    ledger.ok(&["claim", "list"]);
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(ledger.count("claims"), 1);
}
