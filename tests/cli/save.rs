//! `extract --save`: statements recorded as claims with citations, in one change, once; `--interactive` through a real terminal.

use crate::common::{Ledger, fixture, on_path, tool_missing};

fn sample_path() -> String {
    fixture("niger-turkey.txt").to_str().unwrap().to_string()
}

fn changes(ledger: &Ledger) -> i64 {
    ledger.count("changes")
}

#[test]
fn save_records_every_statement_in_one_change_and_only_once() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Maghrebi.org", "--kind", "outlet", "--alias", "Maghrebi"]);
    ledger.add(&["source", "add", "Middle East Eye", "--kind", "outlet", "--alias", "MEE"]);
    let path = sample_path();
    let proposed = ledger.json(&["extract", &path, "--format", "json"])["statements"].as_array().unwrap().len();
    let before = changes(&ledger);
    let saved = ledger.json(&["extract", &path, "--save", "--publisher", "Maghrebi", "--format", "json"]);
    assert_eq!(changes(&ledger), before + 1, "one change for the whole save");
    assert_eq!(saved["recorded"].as_array().unwrap().len(), proposed);
    assert_eq!(saved["text_stored"], true);
    let article = ledger.json(&["article", "show", "1", "--text"]);
    assert_eq!(article["title"], "Turkey set to train Niger’s military: Out with the west, in with Ankara");
    assert_eq!(article["text"], std::fs::read_to_string(&path).unwrap());

    // Sources: matched by name or alias, else created with the inferred kind.
    let sources = ledger.json(&["source", "list", "--format", "json"]);
    let named = |n: &str| sources.as_array().unwrap().iter().find(|s| s["name"] == n).cloned();
    assert_eq!(named("Middle East Eye").unwrap()["citations"], 2, "\"The outlet\" is Middle East Eye");
    assert_eq!(named("Maghrebi.org").unwrap()["citations"], 1, "\"Maghrebi\" is the alias");
    assert_eq!(named("Ibrahim Bachir Abdouyale").unwrap()["kind"], "person");

    // Each citation keeps its kind, verbatim quote and offsets into the stored text.
    let citations = article["citations"].as_array().unwrap();
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    for c in citations {
        let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(text[start..end].iter().collect::<String>(), c["quote"].as_str().unwrap());
    }
    let anonymous = citations.iter().find(|c| c["quote"].as_str().unwrap().contains("four battalions")).unwrap();
    assert_eq!(anonymous["kind"], "anonymous");

    // Twice adds nothing.
    let again = ledger.json(&["extract", &path, "--save", "--article", "1", "--format", "json"]);
    assert_eq!(again["recorded"].as_array().unwrap().len(), 0);
    assert_eq!(again["already_recorded"].as_u64().unwrap() as usize, proposed);
    assert_eq!(ledger.json(&["article", "show", "1"])["citations"].as_array().unwrap().len(), proposed);
    ledger.ok(&["verify"]);
}

#[test]
fn save_stores_the_text_when_none_is_stored_and_refuses_a_different_one() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Turkey set to train Niger's military"]);
    let path = sample_path();
    let saved = ledger.json(&["extract", &path, "--save", "--article", "1", "--format", "json"]);
    assert_eq!(saved["text_stored"], true);
    let other = ledger.write_file("draft.txt", b"Officials said 40 people died in the floods.\n");
    let before = changes(&ledger);
    ledger.rejects(&["extract", other.to_str().unwrap(), "--save", "--article", "1"], 1, "different stored text");
    assert_eq!(changes(&ledger), before, "nothing written");
    // Without FILE, --article reads the stored text, and saving it again adds nothing.
    let again = ledger.json(&["extract", "--article", "1", "--save", "--format", "json"]);
    assert_eq!(again["recorded"].as_array().unwrap().len(), 0);
}

#[test]
fn a_claim_already_in_the_ledger_word_for_word_is_cited_not_added() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "40 people died in the floods"]);
    ledger.add(&["source", "add", "Reuters", "--kind", "agency"]);
    let draft = ledger.write_file("draft.txt", b"Officials said that 40 people died in the floods.\n");
    let saved =
        ledger.json(&["extract", draft.to_str().unwrap(), "--save", "--publisher", "Reuters", "--format", "json"]);
    let recorded = &saved["recorded"][0];
    assert_eq!(recorded["existing_claim"], true);
    assert_eq!(recorded["claim"], 1);
    assert_eq!(ledger.json(&["claim", "show", "1"])["citations"].as_array().unwrap().len(), 1);
}

#[test]
fn save_needs_an_article_and_interactive_needs_a_terminal() {
    let ledger = Ledger::new();
    let path = sample_path();
    ledger.rejects(&["extract", &path, "--save"], 2, "--article");
    ledger.rejects(&["extract", &path, "--interactive"], 2, "--save");
    ledger.add(&["article", "add", "Niger"]);
    let before = changes(&ledger);
    ledger.rejects(&["extract", &path, "--save", "--article", "1", "--interactive"], 2, "terminal");
    assert_eq!(changes(&ledger), before);
    ledger.rejects(&["extract", &path, "--save", "--publisher", "Nobody"], 1, "Nobody");
}

#[test]
fn interactive_accepts_edits_and_skips_at_a_real_terminal() {
    let Some(script) = on_path("script") else {
        return tool_missing("util-linux `script` (a pseudo-terminal) is not installed");
    };
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Maghrebi", "--kind", "outlet"]);
    ledger.add(&["article", "add", "Niger", "--publisher", "Maghrebi"]);
    let command =
        format!("{} extract {} --save --article 1 --interactive", crate::common::bin().display(), sample_path());
    // The editor accepts the first proposal, skips the second, rewords the third, then quits.
    let mut cmd = std::process::Command::new(script);
    cmd.args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "dumb")
        .env("CLAIMTRACK_DB", ledger.store().path())
        .env("CLAIMTRACK_EDITOR", "amina");
    let output = assert_cmd::Command::from_std(cmd)
        .write_stdin("a\ns\ne\nAnkara deepens ties with Niger\nq\n")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("[1/") && shown.contains("accept, edit, skip or quit?"), "it asked: {shown}");
    assert!(shown.contains("2 recorded"), "{shown}");
    let claims = ledger.json(&["claim", "list", "--format", "json"]);
    let texts: Vec<&str> = claims.as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("Facing a relentless jihadist threat"), "{texts:?}");
    assert_eq!(texts[1], "Ankara deepens ties with Niger");
    // The quote stays verbatim even though the claim was reworded.
    let cited = ledger.json(&["claim", "show", "2"]);
    assert!(cited["citations"][0]["quote"].as_str().unwrap().starts_with("This move reflects Ankara’s bid"));
}
