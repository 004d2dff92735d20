//! Saved web pages as input: `extract`, `lint` and `article add --text-file` read the body and the metadata;
//! article URLs are stored canonical, the given one kept.

use crate::common::Ledger;

const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Turkey to train Niger's army | Maghrebi</title>
<meta property="og:title" content="Turkey set to train Niger’s military">
<link rel="canonical" href="https://maghrebi.org/2025/09/23/turkey-niger/">
<meta property="article:published_time" content="2025-09-23T08:00:00+00:00">
<script>document.write("Officials said 99 people were hurt.");</script>
</head><body>
<nav><ul><li>Home</li><li>Officials say the menu has 12 items.</li></ul></nav>
<article>
  <h1>Turkey set to train Niger’s military</h1>
  <p>According to Middle East Eye on September 22nd, Turkey will send some of its elite troops to train Niger’s military.</p>
  <div class="share-buttons"><p>Share this: sources say 5,000 readers liked it.</p></div>
  <p>Sources indicate that at least four battalions will travel to Niger.</p>
  <p>The US followed in 2024, withdrawing around 1000 troops from the country.</p>
</article>
<footer><p>Subscribe to receive our FREE weekly PDF magazine</p><p>Officials said 7 footers were written.</p></footer>
</body></html>"#;

#[test]
fn extract_reads_the_body_of_a_saved_page() {
    let ledger = Ledger::uninitialised();
    let page = ledger.write_file("story.html", PAGE.as_bytes());
    let json = ledger.json(&["extract", page.to_str().unwrap(), "--format", "json"]);
    let statements = json["statements"].as_array().unwrap();
    let contents: Vec<&str> = statements.iter().map(|s| s["content"]["text"].as_str().unwrap()).collect();
    assert!(contents.iter().any(|c| c.starts_with("Turkey will send some of its elite troops")), "{contents:?}");
    assert!(contents.iter().any(|c| c.contains("four battalions")), "{contents:?}");
    assert!(contents.iter().any(|c| c.contains("around 1000 troops")), "{contents:?}");
    for furniture in ["99 people", "12 items", "5,000 readers", "7 footers", "Subscribe"] {
        assert!(!contents.iter().any(|c| c.contains(furniture)), "{furniture} came from page furniture: {contents:?}");
    }
    let lint = ledger.ok(&["lint", page.to_str().unwrap()]);
    assert!(lint.contains("anonymous source (\"Sources indicate\")"), "{lint}");
}

#[test]
fn article_add_takes_a_saved_page_with_its_metadata() {
    let ledger = Ledger::new();
    let page = ledger.write_file("story.html", PAGE.as_bytes());
    let given = "https://maghrebi.org/2025/09/23/turkey-niger/amp/?utm_source=twitter&fbclid=abc";
    ledger.add(&["article", "add", "--text-file", page.to_str().unwrap(), "--url", given]);
    let article = ledger.json(&["article", "show", "1", "--text"]);
    assert_eq!(article["title"], "Turkey set to train Niger’s military");
    assert_eq!(article["url"], "https://maghrebi.org/2025/09/23/turkey-niger/");
    assert_eq!(article["published"]["date"], "2025-09-23");
    let text = article["text"].as_str().unwrap();
    assert!(text.starts_with("Turkey set to train Niger’s military\nAccording to Middle East Eye"), "{text}");
    assert!(!text.contains("Subscribe") && !text.contains("document.write"), "{text}");
    let original: Option<String> =
        ledger.sql().query_row("SELECT original_url FROM articles WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(original.as_deref(), Some(given));
    // Other links to the same story find it.
    for link in ["https://m.maghrebi.org/2025/09/23/turkey-niger/?utm_medium=social", given] {
        assert_eq!(ledger.json(&["article", "show", link])["id"], 1, "{link}");
    }
    // Extracting from the stored text gives the same statements as from the page.
    let from_page = ledger.json(&["extract", page.to_str().unwrap(), "--format", "json"]);
    let from_ledger = ledger.json(&["extract", "--article", "1", "--format", "json"]);
    assert_eq!(from_page, from_ledger);
    ledger.ok(&["verify"]);
}

#[test]
fn a_plain_url_is_stored_canonical_and_the_given_one_kept() {
    let ledger = Ledger::new();
    ledger.add(&["article", "add", "Story", "--url", "https://example.org/news/story?id=7&utm_campaign=x#top"]);
    assert_eq!(ledger.json(&["article", "show", "1"])["url"], "https://example.org/news/story?id=7");
    let original: Option<String> =
        ledger.sql().query_row("SELECT original_url FROM articles WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(original.as_deref(), Some("https://example.org/news/story?id=7&utm_campaign=x#top"));
    ledger.add(&["article", "add", "Clean", "--url", "https://example.org/clean"]);
    let original: Option<String> =
        ledger.sql().query_row("SELECT original_url FROM articles WHERE id = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(original, None, "nothing to keep when the URL was already canonical");
    // `article show` gives both, and the given URL can be redacted like the stored one.
    let shown = ledger.json(&["article", "show", "1"]);
    assert_eq!(shown["original_url"], "https://example.org/news/story?id=7&utm_campaign=x#top");
    assert_eq!(ledger.json(&["article", "show", "2"])["original_url"], serde_json::Value::Null);
    ledger.ok(&["redact", "article", "1", "original_url", "--reason", "a tracking link names the reader"]);
    let after = ledger.json(&["article", "show", "1"]);
    assert!(!after["original_url"].as_str().unwrap().contains("utm_campaign"), "{after}");
    assert!(ledger.ok(&["verify"]).starts_with("ok"));
    ledger.rejects(
        &["article", "add", "Twice", "--url", "https://example.org/clean?utm_source=x"],
        1,
        "already has the URL",
    );
    ledger.ok(&["verify"]);
}

#[test]
fn extract_save_with_a_publisher_takes_the_page_metadata() {
    let ledger = Ledger::new();
    ledger.add(&["source", "add", "Maghrebi", "--kind", "outlet"]);
    let page = ledger.write_file("story.html", PAGE.as_bytes());
    ledger.json(&["extract", page.to_str().unwrap(), "--save", "--publisher", "Maghrebi", "--format", "json"]);
    let article = ledger.json(&["article", "show", "1"]);
    assert_eq!(article["title"], "Turkey set to train Niger’s military");
    assert_eq!(article["url"], "https://maghrebi.org/2025/09/23/turkey-niger/");
    assert_eq!(article["published"]["date"], "2025-09-23");
    assert!(article["citations"].as_array().unwrap().len() >= 3);
}
