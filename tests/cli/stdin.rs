//! `-` means standard input, for one text or file argument per command.

use crate::common::Ledger;

fn with_stdin(ledger: &Ledger, args: &[&str], input: &[u8]) -> std::process::Output {
    ledger.cmd().args(args).write_stdin(input.to_vec()).output().expect("run claimtrack")
}

#[test]
fn a_claim_read_from_standard_input() {
    let ledger = Ledger::new();
    let out = with_stdin(&ledger, &["claim", "add", "-"], b"Turkey will train Niger's army\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ledger.json(&["claim", "show", "1"])["text"], "Turkey will train Niger's army", "not \"-\"");
    let out = with_stdin(&ledger, &["claim", "edit", "1", "-"], b"Turkey will train Niger's armed forces");
    assert!(out.status.success());
    assert_eq!(ledger.json(&["claim", "show", "1"])["text"], "Turkey will train Niger's armed forces");
    // A text that starts with a hyphen is still a text.
    ledger.add(&["claim", "add", "-5% growth in 2025"]);
    ledger.add(&["claim", "add", "--", "--the-flag-looking claim"]);
}

#[test]
fn text_files_from_standard_input_and_for_long_claims() {
    let ledger = Ledger::new();
    let out = with_stdin(&ledger, &["article", "add", "Piped article", "--text-file", "-"], "Sources say…".as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ledger.json(&["article", "show", "1", "--text"])["text"], "Sources say…");
    // Longer than one argument may be (about 128 KiB on Linux).
    let long = "word ".repeat(40_000);
    let file = ledger.write_file("long.txt", long.as_bytes());
    let id = ledger.add(&["claim", "add", "--text-file", file.to_str().unwrap()]);
    assert_eq!(ledger.json(&["claim", "show", &id.to_string()])["text"].as_str().unwrap().len(), long.trim().len());
}

#[test]
fn standard_input_is_read_once_and_must_be_text() {
    let ledger = Ledger::new();
    let before = std::fs::read(&ledger.db).unwrap();
    let out = with_stdin(&ledger, &["claim", "add", "-", "--text-file", "-"], b"x");
    assert_eq!(out.status.code(), Some(2), "text and --text-file together are a usage error");
    let out = with_stdin(&ledger, &["claim", "add", "-"], b"a\x00b");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>") && stderr.lines().count() == 1, "{stderr}");
    let out = with_stdin(&ledger, &["claim", "add", "-"], b"\xff\xfe bad");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before, "nothing was written");
}
