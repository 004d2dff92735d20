//! `lint`: compiler-style diagnostics, levels per kind, and the exit codes a pre-publication gate relies on.

use crate::common::{Ledger, fixture};

fn sample_path() -> String {
    fixture("niger-turkey.txt").to_str().unwrap().to_string()
}

#[test]
fn the_sample_article_gets_diagnostics_in_compiler_form() {
    let ledger = Ledger::uninitialised();
    let path = sample_path();
    let out = ledger.ok(&["lint", &path]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with(&format!("{path}:"))), "{out}");
    assert!(
        out.contains(":5:214: warning: anonymous source (\"Sources indicate\") for a specific number [anonymous]"),
        "{out}"
    );
    assert!(out.contains(":6:1: warning: vague attribution (\"reportedly\") [vague]"), "{out}");
    assert!(
        out.contains(":13:1: warning: unattributed statement with figures (\"around 1000 troops\") [unattributed]"),
        "{out}"
    );
    // Named sources are not findings, and the footer is not a statement.
    assert!(!out.contains("Middle East Eye"), "{out}");
    assert!(!out.contains(":15:") && !out.contains(":16:") && !out.contains(":17:"), "{out}");
}

#[test]
fn deny_turns_findings_into_exit_code_3() {
    let ledger = Ledger::uninitialised();
    let path = sample_path();
    // By default only errors fail, and the defaults raise none.
    ledger.ok(&["lint", &path]);
    let (out, err) = ledger.exits(&["lint", &path, "--deny", "warning"], 3);
    assert!(out.contains("warning:"), "the diagnostics are printed before failing");
    assert!(err.contains("--deny warning"), "{err}");
    let (out, _) = ledger.exits(&["lint", &path, "--level", "anonymous=error"], 3);
    assert!(out.contains("error: anonymous source"), "{out}");
    // Allowing every kind leaves nothing to report.
    let quiet = ledger.ok(&[
        "lint",
        &path,
        "--deny",
        "note",
        "--level",
        "unattributed=allow",
        "--level",
        "anonymous=allow",
        "--level",
        "vague=allow",
        "--level",
        "unresolved=allow",
    ]);
    assert_eq!(quiet, "");
}

#[test]
fn a_clean_draft_exits_0() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "clean.txt",
        "Finance Minister Amina Diallo said the budget would be published on Friday.\n".as_bytes(),
    );
    assert_eq!(ledger.ok(&["lint", path.to_str().unwrap(), "--deny", "note"]), "");
}

#[test]
fn lint_json_lists_files_counts_and_whether_it_failed() {
    let ledger = Ledger::uninitialised();
    let path = sample_path();
    let other = ledger.write_file("draft.txt", b"Officials say 40 people died in the floods.\n");
    let (out, _) = ledger.exits(&["lint", &path, other.to_str().unwrap(), "--format", "json", "--deny", "warning"], 3);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["denied"], true);
    assert_eq!(json["files"].as_array().unwrap().len(), 2);
    let draft = &json["files"][1]["diagnostics"][0];
    assert_eq!(draft["kind"], "anonymous");
    assert_eq!(draft["level"], "warning");
    assert_eq!(draft["line"], 1);
    assert_eq!(draft["statement"]["content"]["text"], "40 people died in the floods");
    assert!(json["counts"]["warning"].as_u64().unwrap() >= 5);
}

#[test]
fn bad_levels_and_bad_files_are_usage_and_input_errors() {
    let ledger = Ledger::uninitialised();
    let path = sample_path();
    ledger.rejects(&["lint", &path, "--level", "anonymous"], 2, "KIND=LEVEL");
    ledger.rejects(&["lint", &path, "--level", "anonymous=fatal"], 2, "unknown level");
    ledger.rejects(&["lint", &path, "--level", "gossip=error"], 2, "unknown kind");
    ledger.rejects(&["lint", "/no/such/draft.txt"], 1, "cannot read");
    let binary = ledger.write_file("bad.txt", b"ok \xc3\x28 text");
    ledger.rejects(&["lint", binary.to_str().unwrap()], 1, "offset 3");
}

#[test]
fn the_readme_shows_the_sample_article_linted_as_it_is() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let at = readme
        .find("claimtrack lint fixtures/niger-turkey.txt\n```\n\n```\n")
        .expect("the README shows lint on the sample");
    let block = &readme[at..];
    let shown = block.split("```\n").nth(2).expect("the output block");
    let ledger = Ledger::uninitialised();
    let out = ledger
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "fixtures/niger-turkey.txt"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), shown);
}

#[test]
fn the_config_files_lint_table_sets_levels_and_the_flag_wins() {
    let ledger = Ledger::uninitialised();
    let path = sample_path();
    std::fs::write(ledger.config_file(), "[lint]\nanonymous = \"error\"\nvague = \"allow\"\n").unwrap();
    let (out, _) = ledger.exits(&["lint", &path], 3);
    assert!(out.contains("error: anonymous source"), "{out}");
    assert!(!out.contains("[vague]"), "vague findings are allowed by the config file: {out}");
    // --level wins over the file.
    let out = ledger.ok(&["lint", &path, "--level", "anonymous=warning"]);
    assert!(out.contains("warning: anonymous source"), "{out}");
    // A kind lint does not know is named, with the file's table.
    std::fs::write(ledger.config_file(), "[lint]\nhearsay = \"error\"\n").unwrap();
    ledger.rejects(&["lint", &path], 1, "[lint] hearsay: unknown kind");
}
