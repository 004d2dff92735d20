//! The HTML report in a real headless browser: it renders, and hostile text stays text.

use std::path::PathBuf;
use std::process::Command;

use crate::common::html::external_references;
use crate::common::{Ledger, record_sample, tool_missing};

/// Debian's chromium (installed by .ci/run), or `CLAIMTRACK_CHROMIUM`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CLAIMTRACK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn headless(browser: &PathBuf, profile: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .env("HOME", profile)
        .output()
        .expect("start chromium")
}

#[test]
fn the_html_report_renders_in_a_browser_and_hostile_text_stays_text() {
    let Some(browser) = chromium() else {
        tool_missing("no chromium here (install Debian's chromium, or set CLAIMTRACK_CHROMIUM)");
        return;
    };
    let ledger = Ledger::with_clock("2025-10-01T09:00:00Z");
    record_sample(&ledger);
    ledger.add(&["claim", "add", "<script>document.title='pwned'</script>", "--article", "1"]);
    ledger.add(&["claim", "add", "=HYPERLINK(\"http://evil.example\",\"click\")", "--article", "1"]);
    let hostile = ledger.add(&["source", "add", "<img src=x onerror=\"document.title='img'\">", "--kind", "person"]);
    ledger.ok(&["claim", "cite", "1", "--article", "1", "--source", &hostile.to_string()]);

    let html = ledger.ok(&["--format", "html", "report", "--article", "1"]);
    let page = ledger.write_file("report.html", html.as_bytes());
    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();

    let dom = headless(&browser, profile.path(), &["--dump-dom", &url]);
    assert!(dom.status.success(), "chromium failed: {}", String::from_utf8_lossy(&dom.stderr));
    let dom = String::from_utf8(dom.stdout).unwrap();
    assert_eq!(dom.matches("<tr class=\"claim\"").count(), 16, "one row per claim in the article");
    assert!(dom.contains("<title>Source-attribution report"), "the title is ours: {}", &dom[..dom.len().min(400)]);
    assert!(!dom.contains("pwned</title>") && !dom.contains("<title>img"), "a script ran");
    assert!(!dom.contains("<script") && !dom.contains("<img"), "hostile markup became elements");
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "the script shows as text");
    assert!(dom.contains("=HYPERLINK(\"http://evil.example\",\"click\")"), "the formula shows as text");
    assert!(dom.contains("&lt;img src=x onerror=\"document.title='img'\"&gt;"), "the tag shows as text");
    assert_eq!(external_references(&dom), Vec::<String>::new(), "the page as the browser built it loads nothing");
    assert_eq!(dom.matches("<svg").count(), 2, "the mix chart and the citation graph are drawn");
    assert!(dom.contains("class=\"segment segment-unattributed\""), "the mix chart has its segments");

    let shot = ledger.dir.path().join("report.png");
    let screenshot = headless(
        &browser,
        profile.path(),
        &["--window-size=1200,2400", &format!("--screenshot={}", shot.display()), &url],
    );
    assert!(screenshot.status.success(), "screenshot failed: {}", String::from_utf8_lossy(&screenshot.stderr));
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "the screenshot is a PNG");
    assert!(png.len() > 20_000, "the screenshot has content ({} bytes)", png.len());
}
