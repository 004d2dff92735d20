//! Import and export: ClaimReview in and out (awkward real-world shapes, round trips, the
//! schema.org vocabulary), CSV and JSON Lines, the LIAR and AVeriTeC presets, bad input.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common::{Ledger, fixture};

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// Events in the log: an import that writes nothing leaves it as it was.
fn events(ledger: &Ledger) -> i64 {
    ledger.count("events")
}

fn export(ledger: &Ledger) -> Value {
    serde_json::from_str(&ledger.ok(&["export"])).expect("export writes JSON")
}

#[test]
fn awkward_reviews_import_without_guessing() {
    let ledger = Ledger::new();
    let report = ledger.json(&["import", &path("interchange/awkward-reviews.html")]);
    assert_eq!(report["claims_added"], 2);
    assert_eq!(report["reviews_added"], 2);
    assert_eq!(report["verdicts_added"], 1, "only the rating whose words map gives a verdict");

    let reviews = export(&ledger);
    let first = &reviews[0];
    // A 1-out-of-6 rating whose words say "True": the words map, the numbers are kept as given.
    assert_eq!(first["reviewRating"]["alternateName"], "True");
    assert_eq!(first["reviewRating"]["ratingValue"], 1);
    assert_eq!(first["reviewRating"]["bestRating"], 6);
    assert!(first["reviewRating"].get("worstRating").is_none());
    // An author known only by its URL is named from it.
    assert_eq!(first["author"]["name"], "checkdesk.example");
    assert_eq!(first["author"]["url"], "https://www.checkdesk.example/");
    assert_eq!(first["itemReviewed"]["author"]["name"], "Dana Okafor");
    assert_eq!(first["itemReviewed"]["appearance"][0]["name"], "The Riverside Herald interview [...]");
    assert_eq!(first["itemReviewed"]["datePublished"], "2021-02-25");
    let claim1 = ledger.json(&["claim", "show", "1"]);
    assert_eq!(claim1["verdicts"][0]["rating"], "true");

    // A review without a rating stays one: no verdict, no reviewRating.
    let second = &reviews[1];
    assert!(second.get("reviewRating").is_none());
    assert_eq!(second["reviewBody"], "Records show one dredging that year.");
    assert_eq!(second["author"]["@type"], "Person");
    let clip = &second["itemReviewed"]["firstAppearance"];
    assert_eq!(clip["@type"], "Clip");
    assert_eq!((clip["startOffset"].as_i64(), clip["endOffset"].as_i64()), (Some(125), Some(150)));
    assert_eq!(clip["isPartOf"]["@type"], "VideoObject");
    assert_eq!(clip["isPartOf"]["url"], "https://video.example/watch/harbour-debate");
    let claim2 = ledger.json(&["claim", "show", "2"]);
    assert!(claim2["verdicts"].as_array().unwrap().is_empty());
    assert_eq!(claim2["citations"][0]["time"], serde_json::json!([125, 150]));
    let article = ledger.json(&["article", "show", "2"]);
    assert_eq!(article["medium"], "video");
    ledger.ok(&["verify"]);
}

#[test]
fn importing_twice_adds_nothing() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    let before = events(&ledger);
    let again = ledger.json(&["import", &path("interchange/awkward-reviews.html")]);
    assert_eq!(again["claims_found"], 2);
    for added in ["claims_added", "sources_added", "articles_added", "citations_added", "reviews_added"] {
        assert_eq!(again[added], 0, "{added}");
    }
    assert_eq!(events(&ledger), before);
}

#[test]
fn export_then_import_gives_the_same_export() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    let text = ledger.ok(&["export"]);
    let copy = Ledger::new();
    let file = copy.write_file("exported.json", text.as_bytes());
    copy.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(copy.ok(&["export"]), text, "claim text, reviewer, rating, item author and appearances survive");
    // One object per line reads back the same.
    let lines = ledger.ok(&["export", "--format", "claimreview-jsonl"]);
    assert_eq!(lines.lines().count(), 2);
    let third = Ledger::new();
    let file = third.write_file("exported.jsonl", lines.as_bytes());
    third.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(third.ok(&["export"]), text);
}

/// The schema.org extract in fixtures/: type → supertypes, property → the types it is defined on.
type Vocabulary = (BTreeMap<String, Vec<String>>, BTreeMap<String, BTreeSet<String>>);

fn vocabulary() -> Vocabulary {
    let text = std::fs::read_to_string(fixture("schemaorg/vocabulary.tsv")).unwrap();
    let mut types = BTreeMap::new();
    let mut properties = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split('\t').collect();
        let list = |i: usize| parts[i].split(',').filter(|s| !s.is_empty()).map(String::from);
        match parts[0] {
            "type" => {
                types.insert(parts[1].to_string(), list(2).collect());
            }
            "property" => {
                properties.insert(parts[1].to_string(), list(2).collect());
            }
            other => panic!("unknown line kind {other}"),
        }
    }
    (types, properties)
}

fn ancestors(types: &BTreeMap<String, Vec<String>>, name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut queue = vec![name.to_string()];
    while let Some(t) = queue.pop() {
        if out.insert(t.clone()) {
            queue.extend(types.get(&t).cloned().unwrap_or_default());
        }
    }
    out
}

/// Every (type, property) an export uses, and any problem with it.
fn check_terms(value: &Value, vocabulary: &Vocabulary, problems: &mut Vec<String>, seen: &mut BTreeSet<String>) {
    let (types, properties) = vocabulary;
    match value {
        Value::Array(items) => items.iter().for_each(|v| check_terms(v, vocabulary, problems, seen)),
        Value::Object(map) => {
            let kind = map.get("@type").and_then(Value::as_str);
            match kind {
                None => problems.push(format!("an object without @type: {value}")),
                Some(kind) if !types.contains_key(kind) => {
                    problems.push(format!("{kind} is not a schema.org type here"))
                }
                Some(kind) => {
                    let lineage = ancestors(types, kind);
                    for key in map.keys().filter(|k| !k.starts_with('@')) {
                        seen.insert(format!("{kind}.{key}"));
                        match properties.get(key) {
                            None => problems.push(format!("{key} is not a schema.org property")),
                            Some(domains) if domains.is_disjoint(&lineage) => {
                                problems.push(format!("{key} is not a property of {kind}"))
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
            map.values().for_each(|v| check_terms(v, vocabulary, problems, seen));
        }
        _ => {}
    }
}

#[test]
fn every_emitted_type_and_property_is_in_schema_org() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    ledger.ok(&["settings", "set", "organisation.name", "River Desk"]);
    ledger.ok(&["settings", "set", "organisation.url", "https://riverdesk.example/"]);
    ledger.ok(&["source", "add", "Harbour Board", "--kind", "organization"]);
    ledger.ok(&["source", "add", "Local Paper", "--kind", "outlet"]);
    for (title, medium, url) in [
        ("A post", "post", "https://social.example/p/1"),
        ("A podcast", "audio", "https://pod.example/e/1"),
        ("A filing", "document", "https://docs.example/f/1"),
        ("A report", "article", "https://paper.example/a/1"),
        ("A bulletin", "broadcast", "https://tv.example/b/1"),
    ] {
        ledger.ok(&[
            "article",
            "add",
            title,
            "--medium",
            medium,
            "--url",
            url,
            "--publisher",
            "Local Paper",
            "--published",
            "2024-05-01",
        ]);
    }
    let claim = ledger.add(&[
        "claim",
        "add",
        "The harbour board met in secret.",
        "--article",
        "A post",
        "--source",
        "Harbour Board",
    ]);
    for article in ["A podcast", "A filing", "A report"] {
        ledger.ok(&["claim", "cite", &claim.to_string(), "--article", article, "--source", "Harbour Board"]);
    }
    ledger.ok(&["claim", "cite", &claim.to_string(), "--article", "A bulletin", "--at", "00:01:05-00:01:40"]);
    ledger.ok(&["verdict", &claim.to_string(), "mostly-false"]);
    let other = ledger.add(&["claim", "add", "The board has nine members.", "--article", "A report"]);
    ledger.ok(&["verdict", &other.to_string(), "unproven"]);

    let reviews = export(&ledger);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    check_terms(&reviews, &vocabulary(), &mut problems, &mut seen);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check saw what it is about.
    for term in [
        "ClaimReview.reviewRating",
        "Rating.worstRating",
        "Claim.firstAppearance",
        "Clip.startOffset",
        "SocialMediaPosting.publisher",
        "AudioObject.url",
    ] {
        assert!(seen.contains(term), "{term} never emitted: {seen:?}");
    }
    // Our own verdicts carry the house reviewer and the documented scale.
    let ours =
        reviews.as_array().unwrap().iter().find(|r| r["claimReviewed"] == "The harbour board met in secret.").unwrap();
    assert_eq!(ours["author"]["name"], "River Desk");
    assert_eq!(ours["reviewRating"]["alternateName"], "Mostly false");
    assert_eq!(
        (ours["reviewRating"]["ratingValue"].as_i64(), ours["reviewRating"]["bestRating"].as_i64()),
        (Some(2), Some(5))
    );
    assert_eq!(ours["itemReviewed"]["author"]["@type"], "Organization");
    assert_eq!(ours["itemReviewed"]["appearance"].as_array().unwrap().len(), 5);
}

#[test]
fn export_is_deterministic_and_filtered() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    assert_eq!(ledger.ok(&["export"]), ledger.ok(&["export"]));
    assert_eq!(export(&ledger).as_array().unwrap().len(), 2);
    let one: Value = serde_json::from_str(&ledger.ok(&["export", "--claim", "2"])).unwrap();
    assert_eq!(one.as_array().unwrap().len(), 1);
    let since: Value = serde_json::from_str(&ledger.ok(&["export", "--since", "2022-01-01"])).unwrap();
    assert_eq!(since[0]["claimReviewed"], "The harbour was dredged twice in one year.");
    let by_article: Value = serde_json::from_str(&ledger.ok(&["export", "--article", "1"])).unwrap();
    assert_eq!(by_article.as_array().unwrap().len(), 1);
}

#[test]
fn json_shapes_arrays_graphs_and_lines_all_import() {
    let ledger = Ledger::new();
    let graph = r##"{"@context": "https://schema.org", "@graph": [
        {"@id": "#desk", "@type": "Organization", "name": "Graph Desk"},
        {"@type": "ClaimReview", "claimReviewed": "A graph claim", "author": {"@id": "#desk"},
         "reviewRating": {"@type": "Rating", "alternateName": "Mostly True"}}]}"##;
    let file = ledger.write_file("graph.json", graph.as_bytes());
    ledger.ok(&["import", file.to_str().unwrap()]);
    let array =
        r#"[{"@type": "ClaimReview", "claimReviewed": "An array claim"}, {"@type": "WebPage", "name": "ignored"}]"#;
    let file = ledger.write_file("array.json", array.as_bytes());
    ledger.ok(&["import", file.to_str().unwrap()]);
    let lines = "{\"@type\": \"ClaimReview\", \"claimReviewed\": \"Line one\"}\n{\"@type\": \"ClaimReview\", \"claimReviewed\": \"Line two\"}\n";
    let out = ledger.cmd().args(["import", "-"]).write_stdin(lines).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let texts: Vec<String> = ledger
        .json(&["claim", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["A graph claim", "An array claim", "Line one", "Line two"]);
    let history = ledger.ok(&["history", "3"]);
    assert!(history.contains("import <stdin> (sha256 "), "{history}");
    assert!(history.contains("<stdin> line 1"), "{history}");
    assert_eq!(export(&ledger)[0]["author"]["name"], "Graph Desk");
}

#[test]
fn malformed_json_names_line_and_column_and_writes_nothing() {
    let ledger = Ledger::new();
    let file = ledger.write_file("broken.json", b"[\n  {\"statement\": \"He said \"no\" twice\"}\n]\n");
    let stderr = ledger.rejects(&["import", file.to_str().unwrap()], 1, "line 2, column 27");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    let truncated = ledger.write_file("truncated.json", b"{\"@type\": \"ClaimReview\", \"claimReviewed\": \"X\"");
    ledger.rejects(&["import", truncated.to_str().unwrap()], 1, "EOF");
}

#[test]
fn a_review_without_its_claim_fails_the_import_or_is_skipped() {
    let ledger = Ledger::new();
    let text = r#"[{"@type": "ClaimReview", "claimReviewed": "Good one"}, {"@type": "ClaimReview", "url": "https://x.example/"}]"#;
    let file = ledger.write_file("partial.json", text.as_bytes());
    ledger.rejects(&["import", file.to_str().unwrap()], 1, "claimReviewed");
    assert_eq!(ledger.count("claims"), 0);
    let skipped = ledger.dir.path().join("skipped.jsonl");
    let out = ledger.ok(&["import", file.to_str().unwrap(), "--skip-bad", skipped.to_str().unwrap()]);
    assert!(out.contains("records rejected: 1"), "{out}");
    assert_eq!(ledger.count("claims"), 1);
    let kept = std::fs::read_to_string(&skipped).unwrap();
    assert!(kept.contains("https://x.example/"), "{kept}");
}

#[test]
fn csv_import_maps_columns_and_refuses_bad_rows_whole() {
    let ledger = Ledger::new();
    let csv = path("interchange/claims.csv");
    let map = "text=statement,source=speaker,date=when,rating=rating";
    let dry = ledger.json(&["import", &csv, "--from", "csv", "--map", map, "--dry-run"]);
    assert_eq!(dry["claims_added"], 2);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(ledger.count("claims"), 0, "--dry-run writes nothing");
    ledger.ok(&["import", &csv, "--from", "csv", "--map", map]);
    let claims = ledger.json(&["claim", "list"]);
    assert_eq!(claims[0]["text"], "Water, they said, is dry");
    assert_eq!(ledger.json(&["claim", "show", "1"])["verdicts"][0]["rating"], "false");
    // Formula-safe out, and the same rows in again add nothing.
    let out = ledger.ok(&["export", "--format", "csv"]);
    assert!(out.contains(r#"2,"'=HYPERLINK(""http://x.example"")""#), "{out}");
    let again = ledger.json(&["import", &csv, "--from", "csv", "--map", map]);
    assert_eq!(again["claims_added"], 0);

    let bad = ledger
        .write_file("bad.csv", b"statement,speaker,when\nFine row,Ann,2024-01-01\nBad date,Bob,someday\nShort row\n");
    let before = events(&ledger);
    ledger.rejects(
        &["import", bad.to_str().unwrap(), "--from", "csv", "--map", "text=statement,source=speaker,date=when"],
        1,
        "line 3",
    );
    assert_eq!(events(&ledger), before);
    let skipped = ledger.dir.path().join("rejected.csv");
    ledger.ok(&[
        "import",
        bad.to_str().unwrap(),
        "--from",
        "csv",
        "--map",
        "text=statement,source=speaker,date=when",
        "--skip-bad",
        skipped.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&skipped).unwrap(), "statement,speaker,when\nBad date,Bob,someday\nShort row\n");
    ledger.rejects(&["import", &csv, "--from", "csv", "--map", "text=nope"], 1, "no column \"nope\"");
    ledger.rejects(&["import", &csv, "--from", "csv", "--map", "words=statement"], 2, "no field");
}

#[test]
fn json_lines_import_with_a_mapping() {
    let ledger = Ledger::new();
    let lines = "{\"claim\": \"Tides stopped\", \"who\": \"Port Office\", \"kind\": \"government\", \"where\": \"https://port.example/n/1\", \"medium\": \"press-release\"}\n";
    let file = ledger.write_file("claims.jsonl", lines.as_bytes());
    ledger.ok(&[
        "import",
        file.to_str().unwrap(),
        "--from",
        "jsonl",
        "--map",
        "text=claim,source=who,source_kind=kind,url=where,medium=medium",
    ]);
    let source = ledger.json(&["source", "show", "Port Office"]);
    assert_eq!(source["kind"], "government");
    assert_eq!(ledger.json(&["article", "show", "1"])["medium"], "press-release");
    let record: Value =
        serde_json::from_str(ledger.ok(&["export", "--format", "jsonl"]).lines().next().unwrap()).unwrap();
    assert_eq!(record["citations"][0]["url"], "https://port.example/n/1");
}

#[test]
fn liar_preset_follows_its_rules() {
    let ledger = Ledger::new();
    let report = ledger.json(&["import", &path("interchange/liar-sample.tsv"), "--preset", "liar"]);
    assert_eq!(report["claims_added"], 4);
    assert_eq!(report["verdicts_added"], 4);
    let sources = ledger.json(&["source", "list"]);
    let kinds: BTreeMap<String, String> = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["kind"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(kinds["Jo Marsh"], "person");
    assert_eq!(kinds["Chain Email"], "anonymous");
    assert_eq!(kinds["River County Democratic Party"], "organization");
    assert_eq!(kinds["PolitiFact"], "outlet");
    let claim = ledger.json(&["claim", "show", "2"]);
    assert_eq!(claim["citations"][0]["kind"], "anonymous");
    assert_eq!(claim["verdicts"][0]["rating"], "mostly-false");
    let ad = ledger.json(&["article", "show", "1"]);
    assert_eq!(ad["title"], "a TV ad");
    assert_eq!(ad["medium"], "broadcast");
    let reviews = export(&ledger);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "pants-fire", "the label's own words are kept");
    ledger.ok(&["verify"]);
}

#[test]
fn averitec_preset_links_evidence_by_label() {
    let ledger = Ledger::new();
    let text = r#"[
      {"claim": "The dam was built in 1950.", "label": "Refuted", "claim_date": "02-03-2021", "speaker": "Lee Park",
       "reporting_source": "Facebook", "fact_checking_article": "https://checks.example/dam",
       "justification": "It opened in 1962.",
       "questions": [{"question": "When did the dam open?", "answers": [
          {"answer": "1962", "answer_type": "Extractive", "source_url": "https://archive.example/dam", "source_medium": "Web text"},
          {"answer": "No record found", "answer_type": "Unanswerable"}]}]},
      {"claim": "The lake is the deepest in the region.", "label": "Not Enough Evidence",
       "questions": [{"question": "How deep is it?", "answers": [{"answer": "Unknown", "source_url": "https://survey.example/lake"}]}]}
    ]"#;
    let file = ledger.write_file("dev.json", text.as_bytes());
    ledger.ok(&["import", file.to_str().unwrap(), "--preset", "averitec"]);
    let dam = ledger.json(&["claim", "show", "1"]);
    assert_eq!(dam["links"][0]["stance"], "conflicts");
    assert_eq!(dam["verdicts"][0]["rating"], "false");
    let lake = ledger.json(&["claim", "show", "2"]);
    assert!(lake["links"].as_array().unwrap().is_empty());
    assert_eq!(lake["citations"][0]["kind"], "unattributed", "evidence without a stance is a citation");
    assert_eq!(lake["verdicts"][0]["rating"], "unproven");
    let reviews = export(&ledger);
    assert!(reviews[0]["reviewBody"].as_str().unwrap().contains("No record found"));
    assert_eq!(reviews[0]["author"]["name"], "checks.example");
}

#[test]
fn unmapped_ratings_are_listed_for_an_editor() {
    let ledger = Ledger::new();
    let text = r#"{"@type": "ClaimReview", "claimReviewed": "Cats can vote", "reviewRating": {"@type": "Rating", "alternateName": "Four Pinocchios"}}"#;
    let file = ledger.write_file("one.json", text.as_bytes());
    let out = ledger.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("unmapped rating"), "{out}");
    let listed = ledger.json(&["unmapped"]);
    assert_eq!(listed[0]["rating_words"], "Four Pinocchios");
    assert_eq!(export(&ledger)[0]["reviewRating"]["alternateName"], "Four Pinocchios");
    ledger.ok(&["verdict", "1", "false"]);
    assert_eq!(export(&ledger).as_array().unwrap().len(), 2, "the review and the desk's own verdict");
}

#[test]
fn time_ranges_and_media_are_shown() {
    let ledger = Ledger::new();
    ledger.ok(&["article", "add", "Morning show", "--medium", "broadcast"]);
    ledger.ok(&["claim", "add", "Rents fell 10%", "--article", "1", "--at", "00:12:05-00:12:40"]);
    let shown = ledger.ok(&["claim", "show", "1"]);
    assert!(shown.contains("00:12:05-00:12:40"), "{shown}");
    assert!(ledger.ok(&["article", "show", "1"]).contains("medium: broadcast"));
    let report = ledger.ok(&["report", "--article", "1"]);
    assert!(report.contains("broadcast at 00:12:05-00:12:40"), "{report}");
    let json = ledger.json(&["report", "--article", "1"]);
    assert_eq!(json["claims"][0]["citations"][0]["at"], "00:12:05-00:12:40");
    assert_eq!(json["claims"][0]["citations"][0]["medium"], "broadcast");
    ledger.rejects(&["claim", "add", "X", "--article", "1", "--at", "00:12:40-00:12:05"], 2, "ends");
    ledger.ok(&["verify"]);
}

#[test]
fn importers_never_panic_on_arbitrary_input() {
    use claimtrack::interchange::{claimreview, documents, presets, tabular};
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 300, ..ProptestConfig::default() });
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("\"@type\": \"ClaimReview\"".to_string()),
            Just("\"claimReviewed\":".to_string()),
            Just("\"itemReviewed\": {\"@type\": \"Clip\", \"startOffset\": \"9\", \"endOffset\": 2}".to_string()),
            Just(",".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("\"".to_string()),
            Just("<script type=\"application/ld+json\">".to_string()),
            Just("</script>".to_string()),
            "[ -~]{0,12}",
            "\\PC{0,6}",
        ],
        0..40,
    )
    .prop_map(|p| p.concat());
    runner
        .run(&pieces, |text| {
            if let Ok(docs) = documents::read(&text) {
                let _ = claimreview::read(&docs);
            }
            let mapping = tabular::Mapping::identity();
            let _ = tabular::read_delimited(&text, b',', true, &mapping);
            let _ = tabular::read_delimited(&text, b'\t', false, &tabular::Mapping::parse("text=1,date=2").unwrap());
            let _ = tabular::read_json_lines(&text, &mapping);
            let _ = presets::read_liar(&text);
            let _ = presets::read_averitec(&text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn other_writers_are_told_an_import_is_in_progress() {
    let ledger = Ledger::new();
    // A large import keeps its count beside the ledger while it holds the write lock.
    let rows: String = (0..6000).map(|i| format!("Claim number {i}\n")).collect();
    let file = ledger.write_file("many.csv", format!("statement\n{rows}").as_bytes());
    let marker = ledger.dir.path().join("ledger.db-import");
    let report = ledger.json(&["import", file.to_str().unwrap(), "--from", "csv", "--map", "text=statement"]);
    assert_eq!(report["claims_added"], 6000);
    assert!(!marker.exists(), "the import removes its progress file when it is done");

    // While one holds the lock and says how far it has got, a write is told so.
    std::fs::write(&marker, "4000").unwrap();
    let holder = ledger.sql();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let (_, stderr) = ledger.exits_env(&[("CLAIMTRACK_BUSY_TIMEOUT_MS", "100")], &["claim", "add", "Y"], 1);
    assert!(stderr.contains("an import is in progress (4000 rows so far)"), "{stderr}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_long_import_shows_progress_on_a_terminal_only() {
    let ledger = Ledger::new();
    let rows: String = (0..20_000).map(|i| format!("Claim number {i}\n")).collect();
    let file = ledger.write_file("many.csv", format!("statement\n{rows}").as_bytes());
    let args = format!("import {} --from csv --map text=statement", file.display());
    // Piped: the summary, nothing else.
    let out = ledger.cmd().args(args.split(' ')).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // A large import drops and rebuilds indexes; importing it again still finds every claim.
    let again: Value = serde_json::from_str(
        &ledger.ok(&[&["--format", "json"][..], &args.split(' ').collect::<Vec<_>>()[..]].concat()),
    )
    .unwrap();
    assert_eq!((again["claims_added"].as_u64(), again["claims_found"].as_u64()), (Some(0), Some(20_000)));
    ledger.ok(&["verify"]);
    let Some(script) = crate::common::on_path("script") else {
        crate::common::tool_missing("no util-linux `script` to make a terminal (Debian's bsdutils)");
        return;
    };
    let again = Ledger::new();
    let out = std::process::Command::new(script)
        .args(["-qec", &format!("{} {args}", crate::common::bin().display()), "/dev/null"])
        .env_clear()
        .env("CLAIMTRACK_DB", &again.db)
        .env("CLAIMTRACK_EDITOR", "tester")
        .env("TERM", "xterm")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(seen.contains("/20000 records"), "no progress bar on a terminal: {seen}");
    assert!(seen.contains("claims added: 20000"), "{seen}");
}

#[test]
fn the_title_datasette_labels_claims_by_follows_the_text() {
    let ledger = Ledger::new();
    ledger.ok(&["claim", "add", "First words"]);
    ledger.ok(&["claim", "add", "Other words"]);
    ledger.ok(&["claim", "edit", "1", "Second words"]);
    ledger.ok(&["redact", "claim", "2", "text", "--reason", "source protection"]);
    let titles: Vec<(String, String)> = ledger
        .sql()
        .prepare("SELECT text, title FROM claims ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(titles[0], ("Second words".to_string(), "Second words".to_string()));
    assert_eq!(titles[1].0, titles[1].1, "a redacted text leaves no copy behind");
    assert!(!titles[1].1.contains("Other words"));
    let flags: String = ledger
        .sql()
        .query_row("SELECT claim_text FROM claim_flags WHERE claim_id = 1 LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(flags, "Second words");
    ledger.ok(&["verify"]);
}

#[test]
fn a_published_verdict_exports_with_its_url_date_and_organisation() {
    let ledger = Ledger::new();
    ledger.ok(&["claim", "add", "The ferry is free on Sundays."]);
    ledger.rejects(&["publish", "1", "--url", "https://riverdesk.example/ferry"], 1, "no verdict");
    ledger.ok(&["verdict", "1", "mostly-true"]);
    ledger.rejects(&["publish", "1", "--url", "https://riverdesk.example/ferry"], 1, "organisation.name");
    ledger.ok(&["settings", "set", "organisation.name", "River Desk"]);
    ledger.ok(&["settings", "set", "organisation.url", "https://riverdesk.example/"]);
    ledger.ok(&["publish", "1", "--url", "https://riverdesk.example/ferry", "--published", "2025-03-04"]);
    ledger.rejects(&["publish", "1", "--url", "https://riverdesk.example/ferry2"], 1, "already published");
    let review = &export(&ledger)[0];
    assert_eq!(review["url"], "https://riverdesk.example/ferry");
    assert_eq!(review["datePublished"], "2025-03-04");
    assert_eq!(review["author"]["name"], "River Desk");
    assert_eq!(review["author"]["url"], "https://riverdesk.example/");
    assert_eq!(review["reviewRating"]["alternateName"], "Mostly true");
    assert_eq!(export(&ledger).as_array().unwrap().len(), 1, "the verdict and its publication are one review");
    ledger.ok(&["verify"]);
}

#[test]
fn an_import_leaves_a_retracted_claim_alone() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    ledger.ok(&["claim", "retract", "2", "--reason", "logged in error"]);
    let before = events(&ledger);
    let text = r#"{"@type": "ClaimReview", "claimReviewed": "The harbour was dredged twice in one year.",
        "url": "https://another.example/harbour", "reviewRating": {"alternateName": "False"}}"#;
    let file = ledger.write_file("new-review.json", text.as_bytes());
    let again = ledger.json(&["import", file.to_str().unwrap()]);
    assert_eq!(again["claims_retracted"], 1);
    assert_eq!(again["reviews_added"], 0);
    assert_eq!(events(&ledger), before, "nothing is added to a retracted claim");
}

#[test]
fn claim_show_lists_a_claims_published_reviews_as_published() {
    let ledger = Ledger::new();
    ledger.ok(&["import", &path("interchange/awkward-reviews.html")]);
    // "True", rated 1 of 6: its own words and numbers, and the verdict the words mapped to.
    let rated = ledger.json(&["claim", "show", "1"]);
    let review = &rated["reviews"][0];
    assert_eq!(review["rating_words"], "True", "{rated}");
    assert_eq!((review["rating_value"].as_str(), review["best_rating"].as_str()), (Some("1"), Some("6")));
    assert_eq!(review["verdict_id"], rated["verdicts"][0]["id"]);
    let shown = ledger.ok(&["claim", "show", "1"]);
    assert!(shown.contains("published reviews:") && shown.contains("\"True\" (1 of 6), verdict #"), "{shown}");
    // A review without a rating stays one.
    let unrated = ledger.json(&["claim", "show", "2"]);
    assert_eq!(unrated["reviews"][0]["rating_words"], serde_json::Value::Null, "{unrated}");
    assert!(ledger.ok(&["claim", "show", "2"]).contains(": no rating"));
}
