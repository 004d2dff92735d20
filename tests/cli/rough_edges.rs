//! The rough edges a hostile tester found, one test each: each failed before its fix.

use crate::common::{Ledger, record_follow_ups, record_sample};

#[test]
fn an_alias_that_repeats_the_name_is_refused_without_naming_a_source_that_does_not_exist() {
    let ledger = Ledger::new();
    let stderr = ledger.rejects(&["source", "add", "Reuters", "--kind", "agency", "--alias", "Reuters"], 1, "--alias");
    assert!(!stderr.contains('#'), "no source id may be named for a source never written: {stderr}");
    ledger.rejects(&["source", "add", "Reuters", "--kind", "agency", "--alias", "R", "--alias", "r"], 1, "repeats");
    assert_eq!(ledger.count("sources"), 0);
}

#[test]
fn rewording_a_claim_to_the_same_text_changes_nothing() {
    let ledger = Ledger::new();
    let id = ledger.add(&["claim", "add", "Turkey will train Niger's army"]);
    let events = ledger.count("events");
    let out = ledger.ok(&["claim", "edit", &id.to_string(), "  Turkey will train Niger's army "]);
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(ledger.count("events"), events, "no update event for an edit that changes nothing");
    ledger.ok(&["claim", "edit", &id.to_string(), "Turkey will train Niger's armed forces"]);
    assert_eq!(ledger.count("events"), events + 1);
}

#[test]
fn flags_on_one_claim_says_why_there_are_none() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    let retracted = ids[1].to_string();
    ledger.ok(&["claim", "retract", &retracted, "--reason", "logged twice"]);
    let out = ledger.ok(&["flags", &retracted]);
    assert!(out.contains(&format!("claim {retracted} is retracted (logged twice)")), "{out}");
    // Rated true and corroborated independently: no flags at all.
    let (independent, _) = record_follow_ups(&ledger);
    let clean = ledger.add(&["claim", "add", "Turkey trains Niger's army", "--article", "1", "--source", "MEE"]);
    ledger.ok(&[
        "claim",
        "cite",
        &clean.to_string(),
        "--article",
        &independent.to_string(),
        "--source",
        "Anadolu Agency",
    ]);
    ledger.ok(&["verdict", &clean.to_string(), "true"]);
    let out = ledger.ok(&["flags", &clean.to_string()]);
    assert!(out.contains(&format!("claim {clean} has no flags")), "{out}");
    let out = ledger.ok(&["flags", &clean.to_string(), "--flag", "stale"]);
    assert!(out.contains("does not carry the stale flag"), "{out}");
    let out = ledger.ok(&["flags", "--flag", "circular", "--stale-days", "36500"]);
    assert!(!out.contains("no claim carries"), "the sample has a circular claim: {out}");
}

#[test]
fn the_graph_draws_a_link_between_two_shown_claims_once() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    let link = ledger.add(&["link", &ids[5].to_string(), "--conflicts", &ids[9].to_string()]);
    let dot = ledger.ok(&["report", "--article", "1", "--format", "dot"]);
    let edges = dot.lines().filter(|l| l.contains("label=\"conflicts\"")).count();
    assert_eq!(edges, 1, "link {link} drawn {edges} times:\n{dot}");
    let html = ledger.ok(&["report", "--article", "1", "--format", "html"]);
    assert_eq!(html.matches(&format!("(link {link})</title>")).count(), 1, "the SVG draws it once too");
}

#[test]
fn impossible_dates_say_why_in_every_spelling_and_there_is_no_year_zero() {
    let ledger = Ledger::new();
    for date in ["Feb 29, 2025", "29 February 2025", "2025-02-29"] {
        ledger.rejects(&["article", "add", "A", "--published", date], 2, "no day 29 in February 2025");
    }
    ledger.rejects(&["article", "add", "A", "--published", "0000"], 2, "no year 0");
}

#[test]
fn an_empty_quote_is_refused_not_dropped() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    ledger.rejects(&["claim", "add", "X", "--article", "1", "--quote", ""], 2, "--quote is empty");
    ledger.rejects(&["claim", "add", "X", "--article", "1", "--quote", "   "], 2, "--quote is empty");
}

#[test]
fn an_unterminated_right_to_left_override_reaches_no_format_raw() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let trojan = "Turkey will send \u{202e}0001\u{202c} troops \u{2067}and more";
    let id = ledger.add(&["claim", "add", trojan, "--article", "1", "--source", "MEE"]).to_string();
    ledger.add(&["source", "add", "Evil \u{202e}gnp.exe", "--kind", "outlet"]);
    let outputs = [
        ledger.ok(&["claim", "list"]),
        ledger.ok(&["claim", "show", &id]),
        ledger.ok(&["flags"]),
        ledger.ok(&["history"]),
        ledger.ok(&["source", "list"]),
        ledger.ok(&["report"]),
        ledger.ok(&["report", "--article", "1"]),
        ledger.ok(&["report", "--article", "1", "--format", "markdown"]),
        ledger.ok(&["report", "--article", "1", "--format", "html"]),
        ledger.ok(&["report", "--article", "1", "--format", "csv"]),
        ledger.ok(&["report", "--article", "1", "--format", "dot"]),
    ];
    for out in &outputs {
        assert!(!out.contains(['\u{202e}', '\u{2067}', '\u{202c}']), "a bidi control reached the output:\n{out}");
    }
    assert!(outputs[1].contains("[U+202E]"), "shown, not dropped: {}", outputs[1]);
    // JSON keeps the text exactly as recorded.
    assert_eq!(ledger.json(&["claim", "show", &id])["text"], trojan);
}

#[test]
fn one_pair_cannot_both_corroborate_and_conflict() {
    let ledger = Ledger::new();
    let a = ledger.add(&["claim", "add", "Turkey will send 1,500 troops"]).to_string();
    let b = ledger.add(&["claim", "add", "Turkey will send about 1,000 troops"]).to_string();
    let link = ledger.add(&["link", &a, "--corroborates", &b]);
    ledger.rejects(&["link", &b, "--conflicts", &a], 1, &format!("already linked as `corroborates` (link {link})"));
    ledger.rejects(&["link", &a, "--corroborates", &b], 1, &format!("link {link}"));
    ledger.ok(&["unlink", &link.to_string()]);
    ledger.add(&["link", &b, "--conflicts", &a]);
}

#[test]
fn a_retracted_claim_refuses_changes_until_restored() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    let id = ledger.add(&["claim", "add", "A claim logged in error"]).to_string();
    let other = ledger.add(&["claim", "add", "Another claim"]).to_string();
    ledger.ok(&["claim", "retract", &id, "--reason", "duplicate entry"]);
    for args in [
        vec!["verdict", &id, "true"],
        vec!["claim", "edit", &id, "New words"],
        vec!["link", &id, "--corroborates", &other],
        vec!["link", &other, "--corroborates", &id],
        vec!["claim", "cite", &id, "--article", "1"],
    ] {
        ledger.rejects(&args, 1, "is retracted (duplicate entry)");
    }
    ledger.ok(&["claim", "restore", &id]);
    assert_eq!(ledger.json(&["claim", "show", &id])["status"], "active");
    ledger.ok(&["verdict", &id, "false"]);
    ledger.rejects(&["claim", "restore", &id], 1, "not retracted");
    ledger.ok(&["verify"]);
}

#[test]
fn color_always_colours_every_table_and_never_the_data() {
    let ledger = Ledger::new();
    record_sample(&ledger);
    ledger.add(&["claim", "add", "Injected \u{1b}[31mred\u{1b}[0m text", "--article", "1"]);
    for args in [
        vec!["claim", "list"],
        vec!["claim", "show", "1"],
        vec!["flags"],
        vec!["source", "list"],
        vec!["source", "show", "MEE"],
        vec!["article", "list"],
        vec!["article", "show", "1"],
        vec!["history"],
        vec!["report"],
    ] {
        let mut coloured = vec!["--color", "always"];
        coloured.extend(&args);
        let out = ledger.ok(&coloured);
        assert!(out.contains("\u{1b}[1m"), "{args:?} --color always has bold headings: {out}");
        assert!(!out.contains("\u{1b}[31mred"), "{args:?}: the data's own escape sequence is neutralised: {out}");
        let plain = ledger.ok(&[&["--color", "never"][..], &args].concat());
        assert!(!plain.contains('\u{1b}'), "{args:?} --color never: {plain}");
    }
    let flags = ledger.ok(&["--color", "always", "flags"]);
    assert!(flags.contains("\u{1b}[33msingle-source\u{1b}[0m"), "flag names are coloured: {flags}");
}
