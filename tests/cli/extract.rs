//! `extract`: the sample article's attributions, the JSON contract, and text that is not what it claims.

use serde_json::Value;

use crate::common::{Ledger, fixture};

fn sample() -> (Vec<Value>, Vec<char>) {
    let ledger = Ledger::uninitialised();
    let path = fixture("niger-turkey.txt");
    let json = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json"]);
    let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    (json["statements"].as_array().expect("a statements list").clone(), text)
}

fn text_of(v: &Value) -> &str {
    v["text"].as_str().unwrap_or("")
}

/// The statement whose source reads `source` and whose content holds `content`.
fn find<'a>(statements: &'a [Value], source: Option<&str>, content: &str) -> &'a Value {
    statements
        .iter()
        .find(|s| {
            let src = s["source"].get("text").and_then(Value::as_str);
            src == source && text_of(&s["content"]).contains(content)
        })
        .unwrap_or_else(|| panic!("no statement from {source:?} saying {content:?} in {statements:#?}"))
}

#[test]
fn the_sample_article_yields_its_attributions() {
    let (statements, _) = sample();
    let mee = find(&statements, Some("Middle East Eye"), "Turkey will send some of its elite troops");
    assert_eq!(mee["kind"], "named");
    assert_eq!(text_of(&mee["cue"]), "According to");
    assert!(!text_of(&mee["content"]).contains("According"), "the content is the claim, not the sentence");

    let outlet = find(&statements, Some("The outlet"), "Turkish commandos");
    assert_eq!(outlet["resolved_source"], "Middle East Eye");
    assert_eq!(outlet["kind"], "named");

    let sources = find(&statements, Some("Sources"), "four battalions");
    assert_eq!(sources["kind"], "anonymous");
    assert_eq!(text_of(&sources["cue"]), "indicate");

    let reportedly = find(&statements, None, "does not require Turkish parliamentary approval");
    assert_eq!(reportedly["kind"], "vague");
    assert_eq!(text_of(&reportedly["cue"]), "reportedly");

    let quote = find(&statements, Some("he"), "ideal partner for Niger");
    assert_eq!(quote["resolved_source"], "Ibrahim Bachir Abdouyale");
    assert!(text_of(&quote["content"]).starts_with('“'), "the quote itself: {quote}");
    let stated = find(&statements, Some("he"), "exact contents of the agreement");
    assert_eq!(stated["resolved_source"], "Ibrahim Bachir Abdouyale");
    let highlighted = find(&statements, Some("Abdouyale"), "crucial for strengthening its army");
    assert_eq!(highlighted["resolved_source"], "Ibrahim Bachir Abdouyale");

    // A quote nested inside the researcher's quote.
    let nested = find(&statements, Some("many sources"), "presence of Turkish troops");
    assert_eq!(nested["kind"], "anonymous");

    let maghrebi = find(&statements, Some("Maghrebi"), "France withdrew");
    assert_eq!(maghrebi["kind"], "named");
    assert_eq!(text_of(&maghrebi["cue"]), "As reported by");
}

#[test]
fn the_sample_article_states_figures_on_its_own_authority() {
    let (statements, _) = sample();
    let agreements = find(&statements, None, "in 2020, they signed a military training cooperation agreement");
    assert_eq!(agreements["kind"], "unattributed");
    assert!(text_of(&agreements["content"]).contains("July 2025"));
    let troops = find(&statements, None, "around 1000 troops");
    assert_eq!(troops["kind"], "unattributed");
    assert!(troops["cue"].is_null() && troops["source"].is_null());
}

#[test]
fn the_footer_is_not_a_claim() {
    let (statements, text) = sample();
    let text: String = text.into_iter().collect();
    let footer_line = text.lines().position(|l| l.starts_with("Middle East Eye, Maghrebi.org")).unwrap() + 1;
    let late: Vec<&Value> = statements.iter().filter(|s| s["line"].as_u64().unwrap() as usize >= footer_line).collect();
    assert!(late.is_empty(), "the footer yielded {late:#?}");
}

#[test]
fn spans_are_character_offsets_into_the_input() {
    let (statements, text) = sample();
    assert!(statements.len() >= 10);
    for s in &statements {
        for field in ["content", "source", "cue"] {
            let span = &s[field];
            if span.is_null() {
                continue;
            }
            let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            let slice: String = text[start..end].iter().collect();
            assert_eq!(slice, text_of(span), "{field} of {s}");
        }
        let start = ["content", "source", "cue"].iter().filter_map(|f| s[*f]["start"].as_u64()).min().unwrap() as usize;
        let line = text[..start].iter().filter(|c| **c == '\n').count() + 1;
        let column = start - text[..start].iter().rposition(|c| *c == '\n').map_or(0, |p| p + 1) + 1;
        assert_eq!(
            (s["line"].as_u64().unwrap() as usize, s["column"].as_u64().unwrap() as usize),
            (line, column),
            "{s}"
        );
        assert!(["named", "anonymous", "vague", "unattributed"].contains(&s["kind"].as_str().unwrap()));
        assert!(s.get("resolved_source").is_some());
    }
}

#[test]
fn offsets_count_characters_not_bytes_and_crlf_is_read() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "crlf.txt",
        "Préambule «\u{a0}élan\u{a0}».\r\nÉtude: the minister said that 4,000 jobs were lost.\r\n".as_bytes(),
    );
    let json = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json", "--lang", "en"]);
    let s = &json["statements"][0];
    assert_eq!(s["content"]["text"], "that 4,000 jobs were lost");
    let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    let start = s["content"]["start"].as_u64().unwrap() as usize;
    assert_eq!(text[start..start + 10].iter().collect::<String>(), "that 4,000");
    assert_eq!(s["line"], 2);
}

#[test]
fn french_reporting_is_read_with_the_french_lexicon() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "fr.txt",
        "Selon l’AFP, les soldats turcs arriveront à Niamey en octobre. De sources sécuritaires, on indique que quatre bataillons seront déployés. Le ministre a déclaré que la coopération était « cruciale » pour le pays.\n"
            .as_bytes(),
    );
    let json = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json"]);
    let statements = json["statements"].as_array().unwrap();
    let afp = find(statements, Some("l’AFP"), "les soldats turcs arriveront");
    assert_eq!(text_of(&afp["cue"]), "Selon");
    let minister = find(statements, Some("Le ministre"), "la coopération était");
    assert_eq!(minister["kind"], "named");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file("bad.txt", b"Sources said \xff that");
    let err = ledger.rejects(&["extract", path.to_str().unwrap()], 1, "byte");
    assert!(err.contains("offset 13"), "{err}");
}

#[test]
fn a_lexicon_directory_replaces_the_built_in_word_lists() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "a.txt",
        b"The mayor grumped that the budget was 3 million short. The mayor said that taxes would rise.",
    );
    let lex = path.parent().unwrap().join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    let en =
        claimtrack::extract::lexicon::BUILT_IN[0].1.replace("\"say\", \"says\", \"said\", \"saying\",", "\"grumped\",");
    std::fs::write(lex.join("en.toml"), en).unwrap();
    let json =
        ledger.json(&["extract", path.to_str().unwrap(), "--format", "json", "--lexicon", lex.to_str().unwrap()]);
    let cues: Vec<&str> =
        json["statements"].as_array().unwrap().iter().filter_map(|s| s["cue"]["text"].as_str()).collect();
    assert_eq!(cues, ["grumped"]);
    let bad = path.parent().unwrap().join("badlex");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("en.toml"), "language = \"en\"\n[cuez]\n").unwrap();
    ledger.rejects(&["extract", path.to_str().unwrap(), "--lexicon", bad.to_str().unwrap()], 1, "lexicon");
}

#[test]
fn extract_reads_the_text_stored_with_an_article() {
    let ledger = Ledger::new();
    let path = fixture("niger-turkey.txt");
    ledger.add(&["article", "add", "Turkey set to train Niger's military", "--text-file", path.to_str().unwrap()]);
    let from_ledger = ledger.json(&["extract", "--article", "1", "--format", "json"]);
    let from_file = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(from_ledger, from_file);
    ledger.add(&["article", "add", "No text"]);
    ledger.rejects(&["extract", "--article", "2"], 1, "no stored text");
}

/// The attribution shapes news copy uses that the first rules missed (issue 8, accuracy).
#[test]
fn appositions_brackets_counts_second_verbs_headlines_and_speakers_are_read() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "shapes.txt",
        "Graham: Trump’s Rhetoric Destroying GOP’s Chance to Win\n\n\
         Sandra Inman, a Cruz supporter from Jackson, Miss., said she could not support Trump.\n\n\
         Sen. Bernie Sanders (I-Vt.) said he will release his medical records.\n\n\
         One in three said the party does not care about the community.\n\n\
         Giles attempted to re-engage the campaign in October and said he had prepared policy papers.\n\n\
         Trump's misinformation may be \"strategic,\" said Jeffery Hemsley, an assistant professor at Syracuse University.\n\n\
         TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n"
            .as_bytes(),
    );
    let json = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json"]);
    let statements = json["statements"].as_array().unwrap();
    let headline = find(statements, Some("Graham"), "Trump’s Rhetoric Destroying");
    assert_eq!(text_of(&headline["cue"]), ":");
    find(statements, Some("Sandra Inman, a Cruz supporter from Jackson, Miss."), "she could not support Trump");
    find(statements, Some("Sen. Bernie Sanders (I-Vt.)"), "he will release his medical records");
    find(statements, Some("three"), "the party does not care");
    let giles = find(statements, Some("Giles"), "he had prepared policy papers");
    assert_eq!(text_of(&giles["cue"]), "said");
    // The quoted word belongs to the clause around it.
    find(
        statements,
        Some("Jeffery Hemsley, an assistant professor at Syracuse University"),
        "Trump's misinformation may be",
    );
    find(statements, Some("TAPPER"), "Do you think Donald Trump");
}

/// Dashed asides, asides after the verb, passive quotes, documents' authors and lead-in clauses (issue 8).
#[test]
fn dashes_asides_passives_authors_and_lead_ins_are_read() {
    let ledger = Ledger::uninitialised();
    let path = ledger.write_file(
        "shapes-2.txt",
        "Reached by phone, Joyce — who is listed as an attorney in Illinois — told reporters he is not planning an appeal.\n\n\
         Joyce met reporters. He said, however, that he hopes somebody else takes up the cause.\n\n\
         Mr. Smith was quoted as saying the plan would fail.\n\n\
         Clinton had 2,205 delegates, according to a tally by the Associated Press.\n\n\
         Asked what he wants in a nominee, Adelson said, “They have got to be able to win.”\n\n\
         “Very good reporter, this guy,” Trump, the GOP frontrunner, said when Boyle asked him a question.\n\n\
         Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord, saying it goes “nowhere near far enough.”\n\n\
         Calabrese told the National Post he’s already received hundreds of emails.\n\n\
         Podesta told the AP his firm worked closely with the nonprofit.\n\n\
         CNN reported at least six skywriting planes filled the skies with anti-Trump messages.\n"
            .as_bytes(),
    );
    let json = ledger.json(&["extract", path.to_str().unwrap(), "--format", "json"]);
    let statements = json["statements"].as_array().unwrap();
    find(statements, Some("Joyce"), "he is not planning an appeal");
    find(statements, Some("He"), "somebody else takes up the cause");
    let smith = find(statements, Some("Mr. Smith"), "the plan would fail");
    assert_eq!(text_of(&smith["cue"]), "was quoted as saying");
    find(statements, Some("a tally by the Associated Press"), "Clinton had 2,205 delegates");
    let adelson = find(statements, Some("Adelson"), "They have got to be able to win");
    assert!(!text_of(&adelson["content"]).contains("Asked"));
    find(statements, Some("Trump, the GOP frontrunner"), "Very good reporter");
    find(statements, Some("Sen. Bernie Sanders (I-Vt.)"), "nowhere near far enough");
    find(statements, Some("Calabrese"), "he’s already received hundreds of emails");
    find(statements, Some("Podesta"), "his firm worked closely");
    find(statements, Some("CNN"), "at least six skywriting planes");
}
