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
    let retracted = ids[0].to_string();
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
