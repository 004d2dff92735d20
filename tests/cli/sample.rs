//! The commissioning article, recorded as an editor would, and the flags it must earn.

use std::collections::BTreeMap;

use crate::common::{Ledger, flag_names, flags_by_claim, record_follow_ups, record_sample};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The flags each sample claim deserves, in fixture order.
fn expected_sample_flags() -> Vec<Vec<String>> {
    let named = names(&["single-source", "unverified"]);
    let hedged = names(&["anonymous-only", "single-source", "unverified"]);
    let bare = names(&["unattributed", "single-source", "unverified"]);
    vec![
        named.clone(),  // Middle East Eye: elite troops
        named.clone(),  // "the outlet claims": commandos and special forces
        hedged.clone(), // "sources indicate": four battalions
        hedged,         // "reportedly": no parliamentary approval
        named.clone(),  // Abdouyale: ideal partner
        named.clone(),  // Abdouyale: crucial agreement
        named,          // "As reported by Maghrebi": self-citation
        bare.clone(),   // distanced from the West since the 2023 coup
        bare.clone(),   // 2020 agreement
        bare.clone(),   // July 2025 agreement
        bare.clone(),   // intelligence-sharing terminated
        bare.clone(),   // US withdrew around 1000 troops
        bare.clone(),   // US visa services suspended
        bare,           // Russia swooped in
    ]
}

#[test]
fn sample_article_claims_get_the_flags_they_deserve() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    let flags = flags_by_claim(&ledger);
    let expected = expected_sample_flags();
    assert_eq!(ids.len(), expected.len());
    for (id, want) in ids.iter().zip(&expected) {
        assert_eq!(flags.get(id), Some(want), "flags of claim {id}");
    }
}

#[test]
fn flag_reasons_say_who_and_where() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    let reason = |claim: i64, flag: &str| -> String {
        let entry = ledger.json(&["flags", &claim.to_string()]);
        let entry = &entry.as_array().unwrap()[0];
        let hit = entry["flags"].as_array().unwrap().iter().find(|f| f["flag"] == flag);
        hit.unwrap_or_else(|| panic!("claim {claim} lacks {flag}: {entry}"))["reason"].as_str().unwrap().to_string()
    };
    assert_eq!(reason(ids[0], "single-source"), "only source: Middle East Eye in article 1");
    let anonymous = reason(ids[2], "anonymous-only");
    assert!(anonymous.starts_with("only source: anonymous (\"Sources indicate"), "{anonymous}");
    assert!(anonymous.ends_with("in article 1"), "{anonymous}");
    assert!(reason(ids[3], "anonymous-only").contains("vague (\"The deployment reportedly"));
    let self_cited = reason(ids[6], "single-source");
    assert!(self_cited.contains("Maghrebi.org citing itself"), "{self_cited}");
    assert!(reason(ids[8], "unattributed").contains("no source in article 1"));
}

#[test]
fn independent_corroboration_clears_single_source_but_a_re_report_does_not() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    let (troops, battalions) = (ids[0], ids[2]);

    // An independent outlet's own report backs the elite-troops claim, and a
    // blog's re-report of the Maghrebi article "corroborates" the battalions claim.
    assert_eq!((troops, battalions), (1, 3));
    let (_, rereport) = record_follow_ups(&ledger);

    let flags = flags_by_claim(&ledger);
    assert_eq!(flags.get(&troops), None, "independently corroborated and no other flag: {flags:?}");
    let battalion_flags = &flags[&battalions];
    for flag in ["single-source", "unverified", "circular", "anonymous-only"] {
        assert!(
            battalion_flags.contains(&flag.to_string()),
            "claim {battalions} should still be {flag}: {battalion_flags:?}"
        );
    }
    let detail = ledger.json(&["flags", &battalions.to_string()]);
    let circular = detail[0]["flags"].as_array().unwrap().iter().find(|f| f["flag"] == "circular").unwrap();
    assert_eq!(
        circular["reason"],
        format!("corroborated only by article {rereport}, which derives from article 1 where the claim first appeared")
    );

    // A re-report of the re-report is still the same origin; the chain is shown.
    let second = ledger.add(&["article", "add", "Battalions, again", "--derived-from", &rereport.to_string()]);
    ledger.ok(&["link", &battalions.to_string(), "--corroborates", "--article", &second.to_string()]);
    let detail = ledger.json(&["flags", &battalions.to_string()]);
    let reason =
        detail[0]["flags"].as_array().unwrap().iter().find(|f| f["flag"] == "circular").unwrap()["reason"].clone();
    assert!(reason.as_str().unwrap().contains(&format!("({second} → {rereport} → 1)")), "{reason}");
}

#[test]
fn sample_command_records_the_same_ledger_as_the_cli() {
    let by_hand = Ledger::new();
    record_sample(&by_hand);
    let sampled = Ledger::uninitialised();
    let report = sampled.json(&["sample"]);
    assert_eq!(report["loaded"], true);
    assert_eq!(report["claims"].as_array().unwrap().len(), 14);
    assert_eq!(flags_by_claim(&by_hand), flags_by_claim(&sampled));

    // Running it again shows the same article instead of recording it twice.
    let again = sampled.json(&["sample"]);
    assert_eq!(again["loaded"], false);
    assert_eq!(sampled.count("articles"), 1);
    assert_eq!(sampled.count("claims"), 14);
}

#[test]
fn sample_text_output_lists_claims_sources_and_flags() {
    let ledger = Ledger::uninitialised();
    let out = ledger.ok(&["sample"]);
    assert!(out.contains("Middle East Eye"), "{out}");
    assert!(out.contains("Ibrahim Bachir Abdouyale"), "{out}");
    assert!(out.contains("anonymous-only, single-source, unverified"), "{out}");
    assert!(out.contains("unattributed, single-source, unverified"), "{out}");
}

#[test]
fn the_flag_views_agree_with_the_binary() {
    let ledger = Ledger::new();
    let ids = record_sample(&ledger);
    // Exercise every rule: links both ways, derivation chains, conflicts, verdicts, retraction.
    ledger.add(&["source", "add", "Reuters", "--kind", "agency"]);
    let wire = ledger.add(&["article", "add", "Wire story", "--publisher", "Reuters", "--published", "2025-09-23"]);
    let copy = ledger.add(&["article", "add", "Copy of the wire", "--derived-from", &wire.to_string()]);
    let other = ledger.add(&[
        "claim",
        "add",
        "Turkey is sending troops",
        "--article",
        &copy.to_string(),
        "--source",
        "Reuters",
    ]);
    ledger.ok(&["link", &ids[1].to_string(), "--corroborates", &other.to_string()]);
    ledger.ok(&["link", &ids[4].to_string(), "--duplicates", &other.to_string()]);
    ledger.ok(&["link", &ids[5].to_string(), "--conflicts", &ids[9].to_string()]);
    ledger.ok(&["link", &ids[7].to_string(), "--conflicts", "--article", &wire.to_string()]);
    ledger.ok(&["link", &ids[8].to_string(), "--corroborates", "--article", &copy.to_string()]);
    ledger.ok(&["verdict", &ids[9].to_string(), "true"]);
    ledger.ok(&["claim", "retract", &ids[10].to_string(), "--reason", "not a checkable claim"]);
    let empty = ledger.add(&["claim", "add", "A claim nobody has cited yet"]);

    let from_binary: BTreeMap<i64, Vec<String>> = flags_by_claim(&ledger)
        .into_iter()
        .map(|(id, mut flags)| {
            flags.sort();
            (id, flags)
        })
        .collect();
    let conn = ledger.sql();
    let mut stmt = conn.prepare("SELECT claim_id, flag FROM claim_flags ORDER BY claim_id, flag").unwrap();
    let mut from_view: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).unwrap() {
        let (id, flag) = row.unwrap();
        from_view.entry(id).or_default().push(flag);
    }
    assert_eq!(from_binary, from_view);
    assert!(from_view[&empty].contains(&"unattributed".to_string()));
    assert!(!from_view.contains_key(&ids[10]), "retracted claims carry no flags");
    let one = ledger.json(&["flags", &ids[1].to_string()]);
    assert_eq!(flag_names(&one[0]), Vec::<String>::new(), "corroborated by an independent wire story");
}
