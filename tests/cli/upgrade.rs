//! Upgrading a real ledger: the committed schema-1 fixture opens, migrates and verifies with the current binary.

use crate::common::{Ledger, fixture, flags_by_claim};

/// A temp copy of the schema-1 ledger (never the committed file itself).
fn schema_1_ledger() -> Ledger {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).expect("copy the fixture ledger");
    ledger
}

#[test]
fn a_schema_1_ledger_upgrades_and_keeps_every_record() {
    let ledger = schema_1_ledger();
    let verified = ledger.json(&["verify"]);
    assert_eq!(verified["ok"], true, "{verified}");
    assert_eq!(verified["events"], 53);
    assert_eq!(ledger.count("claims"), 15);
    assert_eq!(ledger.count("links"), 3, "the removed link stays removed");

    let claim = ledger.json(&["claim", "show", "7"]);
    assert_eq!(claim["text"], "Turkey's defence ministry has not commented");
    let retracted = ledger.json(&["claim", "show", "8"]);
    assert_eq!(retracted["status"], "retracted");
    assert_eq!(retracted["retract_reason"], "logged twice");
    let rated = ledger.json(&["claim", "show", "5"]);
    assert_eq!(rated["verdicts"][0]["rating"], "mostly-true");

    // The merged source's name lives on as an alias.
    let source = ledger.json(&["source", "show", "MEE copy"]);
    assert_eq!(source["name"], "Middle East Eye");

    let flags = flags_by_claim(&ledger);
    assert!(!flags.contains_key(&8), "a retracted claim carries no flags");
    assert!(flags[&2].contains(&"conflicted".to_string()), "{flags:?}");
    assert!(flags[&3].contains(&"circular".to_string()), "{flags:?}");
    assert!(!flags.get(&1).is_some_and(|f| f.contains(&"single-source".to_string())), "{flags:?}");
}

#[test]
fn an_upgraded_ledger_takes_new_writes_and_still_verifies() {
    let ledger = schema_1_ledger();
    let id = ledger.add(&["claim", "add", "Niger received Turkish drones in 2024", "--article", "1"]);
    assert_eq!(id, 16);
    ledger.ok(&["link", &id.to_string(), "--corroborates", "--article", "2"]);
    ledger.ok(&["report", "--format", "json"]);
    let verified = ledger.json(&["verify"]);
    assert_eq!(verified["ok"], true, "{verified}");
    assert_eq!(verified["events"], 53 + 3, "a claim, its citation and a link");
}
