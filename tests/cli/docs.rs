//! The help text and the README's walkthrough are part of the product: they must stay true.

use crate::common::{Ledger, bin, fixture};

#[test]
fn help_texts() {
    let ledger = Ledger::uninitialised();
    for (name, args) in
        [("help", &["--help"][..]), ("claim_add_help", &["claim", "add", "--help"]), ("link_help", &["link", "--help"])]
    {
        insta::assert_snapshot!(name, ledger.ok_env(&[("COLUMNS", "100")], args));
    }
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## Walkthrough").expect("walkthrough section");
    let end = start + readme[start..].find("\n## ").expect("a section after the walkthrough");
    let mut script = String::from("set -euo pipefail\n");
    for block in readme[start..end].split("```sh\n").skip(1) {
        script.push_str(block.split("```").next().unwrap());
    }
    assert!(script.matches("claimtrack ").count() > 20, "the walkthrough lost its commands:\n{script}");

    let ledger = Ledger::uninitialised();
    std::fs::create_dir(ledger.dir.path().join("fixtures")).unwrap();
    std::fs::copy(fixture("niger-turkey.txt"), ledger.dir.path().join("fixtures/niger-turkey.txt")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin().parent().unwrap().display());
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", path)
        .env("CLAIMTRACK_CONFIG", ledger.config_file())
        .current_dir(ledger.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "walkthrough failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("corroborated only by article 3, which derives from article 1"), "{stdout}");
    assert!(stdout.contains("ok: "), "verify passed: {stdout}");
}
