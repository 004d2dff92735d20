//! Damaged ledger files are named as damage: verify exits 3 with what integrity_check found,
//! every other command that meets the damage exits 1 with one line that says what to do.
//!
//! The damage lands on pages known to be live (the root pages of the claims
//! table, an index and the events table, found in sqlite_schema), so no test
//! can pass by scribbling over free space.

use std::io::{Seek, SeekFrom, Write};

use crate::common::{Ledger, record_follow_ups, record_sample};

fn sample_ledger() -> Ledger {
    let ledger = Ledger::new();
    record_sample(&ledger);
    record_follow_ups(&ledger);
    assert!(!ledger.db.with_extension("db-wal").exists(), "the WAL is checkpointed when the last editor leaves");
    ledger
}

/// (page size, root page) of a table or index.
fn root_page(ledger: &Ledger, name: &str) -> (u64, u64) {
    let conn = ledger.sql();
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let root: i64 = conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0)).unwrap();
    assert!(root > 1, "{name} lives past the header page");
    (size as u64, root as u64)
}

/// Overwrites a whole page with `byte`.
fn overwrite_page(ledger: &Ledger, name: &str, byte: u8) {
    let (size, page) = root_page(ledger, name);
    let mut file = std::fs::OpenOptions::new().write(true).open(&ledger.db).unwrap();
    file.seek(SeekFrom::Start((page - 1) * size)).unwrap();
    file.write_all(&vec![byte; size as usize]).unwrap();
}

/// `verify` reports the damage itself (exit 3), on stdout, with one summary line on stderr.
fn verify_finds_damage(ledger: &Ledger) {
    let (stdout, stderr) = ledger.exits(&["verify"], 3);
    assert!(stdout.contains("integrity_check") || stdout.contains("damaged"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let json = ledger.exits(&["--format", "json", "verify"], 3).0;
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["ok"], false);
}

/// A command that reads the damaged page exits 1 with the damage message.
fn command_names_the_damage(ledger: &Ledger, args: &[&str]) {
    let stderr = ledger.fails_with(args, 1);
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(
        stderr.contains("the ledger file is damaged") && stderr.contains("claimtrack verify"),
        "{args:?}: {stderr}"
    );
}

#[test]
fn garbage_over_the_claims_table() {
    let ledger = sample_ledger();
    overwrite_page(&ledger, "claims", 0xA5);
    verify_finds_damage(&ledger);
    command_names_the_damage(&ledger, &["claim", "list"]);
    command_names_the_damage(&ledger, &["claim", "show", "1"]);
}

#[test]
fn garbage_over_an_index() {
    let ledger = sample_ledger();
    overwrite_page(&ledger, "citations_for_graph", 0xFF);
    verify_finds_damage(&ledger);
    command_names_the_damage(&ledger, &["flags"]);
}

#[test]
fn garbage_over_the_audit_log() {
    let ledger = sample_ledger();
    overwrite_page(&ledger, "events", 0x5A);
    verify_finds_damage(&ledger);
    command_names_the_damage(&ledger, &["history"]);
}

#[test]
fn a_zeroed_page() {
    let ledger = sample_ledger();
    overwrite_page(&ledger, "claims", 0);
    verify_finds_damage(&ledger);
    command_names_the_damage(&ledger, &["claim", "list"]);
}

#[test]
fn a_file_truncated_to_half_its_size() {
    let ledger = sample_ledger();
    let len = std::fs::metadata(&ledger.db).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&ledger.db).unwrap().set_len(len / 2).unwrap();
    verify_finds_damage(&ledger);
    command_names_the_damage(&ledger, &["report"]);
}
