//! `claimtrack report`: scopes, formats, snapshots of the sample article, and hostile text in every format.

use crate::common::html::{event_handlers, external_references, scan};
use crate::common::{Ledger, on_path, sample_with_follow_ups, tool_missing};

#[test]
fn article_report_snapshots() {
    let ledger = sample_with_follow_ups();
    for format in ["table", "markdown", "json", "csv", "html", "dot"] {
        let out = ledger.ok(&["--format", format, "report", "--article", "1"]);
        assert!(!out.contains(&*ledger.dir.path().to_string_lossy()), "{format} shows the temp dir: {out}");
        insta::assert_snapshot!(format!("article_report_{format}"), out);
    }
}

#[test]
fn article_report_counts_the_sourcing_mix() {
    let ledger = sample_with_follow_ups();
    let report = ledger.json(&["report", "--article", "1"]);
    let mix = &report["mix"];
    assert_eq!(mix["statements"], 14);
    assert_eq!(
        (mix["named"].as_i64(), mix["anonymous"].as_i64(), mix["vague"].as_i64(), mix["unattributed"].as_i64()),
        (Some(5), Some(1), Some(1), Some(7))
    );
    assert_eq!(mix["self_citations"], 1);
    assert_eq!(mix["flags"]["single-source"], 13);
    assert_eq!(mix["flags"]["circular"], 1);
    let claims = report["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 14);
    let first = &claims[0];
    assert_eq!(first["independence"]["independent_origins"], 2);
    assert_eq!(first["corroborations"][0]["independent"], true);
    let battalions = &claims[2];
    assert_eq!(battalions["independence"]["articles"], 2);
    assert_eq!(battalions["independence"]["independent_origins"], 1);
    assert_eq!(battalions["corroborations"][0]["independent"], false);
    let text = ledger.ok(&["report", "--article", "1"]);
    assert!(
        text.contains(
            "14 statements: 5 named, 1 anonymous, 1 vague, 7 unattributed; 13 single-source; 1 self-citation"
        ),
        "{text}"
    );
    assert!(
        text.contains("corroborated only by article 3, which derives from article 1 where the claim first appeared"),
        "{text}"
    );
}

#[test]
fn re_reports_collapse_to_their_origin() {
    let ledger = Ledger::with_clock("2025-10-01T09:00:00Z");
    ledger.add(&["source", "add", "Reuters", "--kind", "agency"]);
    ledger.add(&[
        "article",
        "add",
        "Wire: ministry confirms deal",
        "--publisher",
        "Reuters",
        "--published",
        "2025-09-22",
    ]);
    ledger.add(&["claim", "add", "The ministry confirmed the deal", "--article", "1", "--source", "Reuters"]);
    for outlet in 2..=5 {
        let name = format!("Outlet {outlet}");
        ledger.add(&["source", "add", &name, "--kind", "outlet"]);
        let article = ledger.add(&[
            "article",
            "add",
            &format!("Re-report {outlet}"),
            "--publisher",
            &name,
            "--derived-from",
            "1",
        ]);
        ledger.ok(&["claim", "cite", "1", "--article", &article.to_string(), "--source", "Reuters"]);
    }
    let report = ledger.json(&["report", "--source", "Reuters"]);
    let claim = &report["claims"][0];
    assert_eq!(claim["independence"]["articles"], 5);
    assert_eq!(claim["independence"]["independent_origins"], 1);
    let text = ledger.ok(&["report", "--source", "Reuters"]);
    assert!(text.contains("5 articles, 1 independent origin (Reuters, 22 September 2025)"), "{text}");
}

#[test]
fn source_report_is_a_track_record() {
    let ledger = sample_with_follow_ups();
    let report = ledger.json(&["report", "--source", "MEE"]);
    assert_eq!(report["scope"]["type"], "source");
    assert_eq!(report["scope"]["name"], "Middle East Eye");
    let record = &report["sources"][0];
    assert_eq!(record["name"], "Middle East Eye");
    assert_eq!(record["claims"], 2);
    assert_eq!(record["independently_corroborated"], 1);
    assert_eq!(record["single_source"], 1);
    assert_eq!(record["articles"], serde_json::json!([1]));
    assert_eq!(report["claims"].as_array().unwrap().len(), 2);
    let abdouyale = ledger.json(&["report", "--source", "Abdouyale"]);
    assert_eq!(abdouyale["sources"][0]["rated_true"], 1);
}

#[test]
fn period_reports_cover_articles_published_in_the_period() {
    let ledger = sample_with_follow_ups();
    ledger.add(&["article", "add", "Old story", "--published", "2023"]);
    ledger.add(&["claim", "add", "France left Niger", "--article", "4"]);
    ledger.add(&["article", "add", "August story", "--published", "2025-08-15"]);
    ledger.add(&["claim", "add", "Talks began in August", "--article", "5"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        ledger.json(&all)["claims"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(&["--until", "2024"]), [15]);
    assert_eq!(ids(&["--since", "2025-08", "--until", "2025-08-31"]), [16]);
    assert_eq!(
        ids(&["--since", "2025-09-10", "--until", "2025-09-10"]).len(),
        14,
        "\"September 2025\" may be the 10th"
    );
    assert_eq!(ids(&["--since", "2025-10"]), Vec::<i64>::new());
    ledger.rejects(&["report", "--since", "2025-10-01", "--until", "2025-09-01"], 2, "is after --until");
}

#[test]
fn the_whole_ledger_report_puts_the_most_urgent_flags_first() {
    let ledger = sample_with_follow_ups();
    let report = ledger.json(&["report", "--limit", "3"]);
    assert_eq!(report["scope"]["type"], "ledger");
    assert_eq!(report["claims_in_scope"], 14);
    let claims = report["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[0]["id"], 12, "conflicted comes first");
    assert_eq!(claims[1]["id"], 3, "then circular");
    let sources: Vec<&str> =
        report["sources"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sources, ["Ibrahim Bachir Abdouyale", "Middle East Eye", "Maghrebi.org"]);
    let text = ledger.ok(&["report", "--limit", "3"]);
    assert!(text.contains("showing the 3 most urgent of 13 flagged claims (14 claims in scope)"), "{text}");
    assert!(text.contains("origins: \u{201c}1 of 1\u{201d} for claim 12 means 1 independent origin"), "{text}");
    assert!(text.contains("Sources"), "{text}");
}

#[test]
fn report_scope_and_format_errors() {
    let ledger = sample_with_follow_ups();
    ledger.rejects(&["report", "--article", "1", "--source", "MEE"], 2, "cannot be used with");
    ledger.rejects(&["report", "--article", "99"], 1, "no article matches");
    ledger.rejects(&["report", "--source", "Nobody"], 1, "no source matches");
    ledger.rejects(&["--format", "csv", "claim", "list"], 2, "only for `claimtrack report`");
    ledger.rejects(&["report", "--format", "pdf"], 2, "invalid value 'pdf'");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let ledger = sample_with_follow_ups();
    let plain = ledger.ok(&["report", "--article", "1"]);
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let coloured = ledger.ok(&["--color", "always", "report", "--article", "1"]);
    assert!(coloured.contains("\u{1b}[33msingle-source\u{1b}[0m"), "{coloured}");
    // Colour does not upset the column alignment.
    let strip = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(strip(&coloured), plain);
}

/// Text no report may let through as markup, a formula, or a broken row; and
/// markup that would load from outside the page if it ever became markup.
const HOSTILE_CLAIM: &str = "<script>document.title='pwned'</script> =HYPERLINK(\"http://evil.example\",\"x\") | a \"quote\" \\ and\nnewline \
     <img src=\"https://evil.example/pixel.png\"><link rel=stylesheet href=//evil.example/x.css>\
     <style>@import url(https://evil.example/y.css)</style>";
const HOSTILE_SOURCE: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_TITLE: &str = "\"]; evil -> x [label=\"";

fn hostile_ledger() -> Ledger {
    let ledger = Ledger::with_clock("2025-10-01T09:00:00Z");
    ledger.add(&["source", "add", HOSTILE_SOURCE, "--kind", "person"]);
    ledger.add(&["source", "add", "=1+1", "--kind", "organization"]);
    ledger.add(&["article", "add", HOSTILE_TITLE, "--publisher", "2"]);
    ledger.add(&["claim", "add", HOSTILE_CLAIM, "--article", "1", "--source", "1", "--quote", "@SUM(A1:A9)"]);
    ledger.add(&["claim", "add", "-2+3 troops", "--article", "1"]);
    ledger
}

#[test]
fn hostile_text_stays_text_in_html() {
    let ledger = hostile_ledger();
    let html = ledger.ok(&["--format", "html", "report", "--article", "1"]);
    assert!(!html.contains("<script"), "no script element may appear");
    assert!(!html.contains("<img"), "no img element may appear");
    assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("default-src 'none'"), "a CSP forbids scripts even if escaping failed");
    assert!(html.contains("&lt;img src=&quot;https://evil.example/pixel.png&quot;&gt;"), "the loads show as text");
    assert_eq!(external_references(&html), Vec::<String>::new(), "the page loads nothing from outside itself");
    assert_eq!(event_handlers(&html), Vec::<String>::new(), "no element carries a script");
}

/// The check above, shown to catch what it must: the real page, with one
/// external load slipped in at a time, fails it; a link the reader clicks does not.
#[test]
fn the_self_contained_check_catches_every_kind_of_external_load() {
    let ledger = hostile_ledger();
    let html = ledger.ok(&["--format", "html", "report", "--article", "1"]);
    let (tags, styles) = scan(&html);
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    for element in ["meta", "style", "svg", "rect", "path", "td"] {
        assert!(names.contains(&element), "the scanner sees the page's <{element}>: {names:?}");
    }
    assert!(styles.iter().any(|css| css.contains("border-collapse")), "the scanner reads the page's stylesheet");
    let loads = [
        r#"<img src="https://evil.example/pixel.png">"#,
        r#"<img src='http://evil.example/pixel.png' alt="">"#,
        "<img src=//evil.example/pixel.png>",
        "<IMG SRC=\"HTTPS://EVIL.EXAMPLE/PIXEL.PNG\">",
        r#"<img src="&#104;ttps://evil.example/pixel.png">"#,
        r#"<img src="pixel.png">"#,
        r#"<img srcset="https://evil.example/a.png 2x">"#,
        r#"<link rel="stylesheet" href="data:text/css,">"#,
        r#"<script src="data:text/javascript,"></script>"#,
        r#"<iframe srcdoc="x"></iframe>"#,
        r#"<object data="https://evil.example/x.pdf"></object>"#,
        r#"<embed src="//evil.example/x.swf">"#,
        r#"<base href="https://evil.example/">"#,
        r#"<meta http-equiv="refresh" content="0; url=https://evil.example/">"#,
        r#"<video poster="https://evil.example/p.png"></video>"#,
        r#"<style>@import "https://evil.example/x.css";</style>"#,
        r#"<style>body { background: url(https://evil.example/bg.png) }</style>"#,
        r#"<style>body { background: url( "//evil.example/bg.png" ) }</style>"#,
        r#"<style>body { background: \75rl(//evil.example/bg.png) }</style>"#,
        r#"<div style="background-image: url('https://evil.example/bg.png')"></div>"#,
        r#"<svg><image href="https://evil.example/x.svg"/></svg>"#,
        r#"<svg><use xlink:href="https://evil.example/sprite.svg#icon"/></svg>"#,
        r#"<svg><rect fill="url(https://evil.example/paint.svg#p)"/></svg>"#,
        r#"<a href="javascript:alert(1)">x</a>"#,
    ];
    for load in loads {
        let doctored = html.replacen("</body>", &format!("{load}</body>"), 1);
        assert!(!external_references(&doctored).is_empty(), "the check let {load} through");
    }
    for fine in [
        r##"<a href="https://www.middleeasteye.net/news/turkey-niger">the article</a>"##,
        r##"<a href="#claim-1">claim 1</a>"##,
        r##"<svg><use href="#marker"/><rect fill="url(#gradient)"/></svg>"##,
        r##"<img src="data:image/png;base64,iVBORw0KGgo=" alt="">"##,
        "<p>See https://evil.example/ and //evil.example and url(https://evil.example) @import in the text</p>",
    ] {
        let doctored = html.replacen("</body>", &format!("{fine}</body>"), 1);
        assert_eq!(external_references(&doctored), Vec::<String>::new(), "{fine} stays inside the page");
    }
    let handler = html.replacen("</body>", "<img src=\"data:,\" onerror=\"alert(1)\"></body>", 1);
    assert_eq!(event_handlers(&handler).len(), 1, "an inline handler is seen");
}

#[test]
fn hostile_text_cannot_run_as_a_spreadsheet_formula() {
    let ledger = hostile_ledger();
    let csv = ledger.ok(&["--format", "csv", "report", "--article", "1"]);
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 3, "header and one row per claim × citation: {rows:?}");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every row has every column");
    for cell in rows.iter().flatten() {
        let first = cell.trim_start().chars().next();
        assert!(!matches!(first, Some('=' | '+' | '-' | '@')), "cell {cell:?} would run as a formula");
    }
    assert!(rows[1].iter().any(|c| c == "'=1+1"), "{:?}", rows[1]);
    assert!(rows[1].iter().any(|c| c == "'@SUM(A1:A9)"), "{:?}", rows[1]);
    assert_eq!(rows[1][1], HOSTILE_CLAIM, "the text survives, quoted");
}

#[test]
fn hostile_text_cannot_break_markdown_dot_or_json() {
    let ledger = hostile_ledger();
    let md = ledger.ok(&["--format", "markdown", "report", "--article", "1"]);
    assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
    // Every row keeps its table's columns: the claims table's 7, the desk table's 6.
    let mut columns = 0;
    for row in md.lines().filter(|l| l.starts_with("| ")) {
        let unescaped = row.match_indices('|').filter(|(i, _)| !row[..*i].ends_with('\\')).count();
        if row.starts_with("| # |") {
            columns = unescaped;
            continue;
        }
        assert!(columns == 8 || columns == 7, "a table has an unexpected header before {row}");
        assert_eq!(unescaped, columns, "a claim row keeps its table's {} columns: {row}", columns - 1);
    }
    let dot = ledger.ok(&["--format", "dot", "report", "--article", "1"]);
    for line in dot.lines() {
        // What Graphviz reads as syntax: everything outside double-quoted strings.
        let (mut syntax, mut quoted, mut escaped) = (String::new(), false, false);
        for c in line.chars() {
            match (c, quoted, escaped) {
                (_, true, true) => escaped = false,
                ('\\', true, false) => escaped = true,
                ('"', _, false) => quoted = !quoted,
                (c, false, _) => syntax.push(c),
                _ => {}
            }
        }
        assert!(!quoted, "unbalanced quotes in {line}");
        assert!(!syntax.contains("evil"), "the title became syntax: {line}");
    }
    let json = ledger.json(&["report", "--article", "1"]);
    assert_eq!(json["claims"][0]["text"], HOSTILE_CLAIM);
    assert_eq!(json["scope"]["title"], HOSTILE_TITLE);
}

/// A small RFC 4180 reader, enough to check what a spreadsheet would see.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[test]
fn escape_sequences_in_the_data_never_reach_the_terminal() {
    let ledger = hostile_ledger();
    let sneaky = "Clears the screen\u{1b}[2J\u{1b}]0;owned\u{7} and rings\r";
    ledger.add(&["claim", "add", sneaky, "--article", "1"]);
    for args in
        [&["report", "--article", "1"][..], &["claim", "show", "3"], &["claim", "list"], &["flags"], &["history", "3"]]
    {
        let out = ledger.ok(args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\r'),
            "{args:?} passed control characters: {out:?}"
        );
        assert!(args == ["flags"] || out.contains("Clears the screen"), "{args:?} lost the text: {out}");
    }
    let coloured = ledger.ok(&["--color", "always", "report", "--article", "1"]);
    assert!(!coloured.contains("\u{1b}[2J"), "only claimtrack's own colour codes reach the terminal");
}

/// Runs `claimtrack ARGS` on a pseudo-terminal 80 columns wide, through
/// util-linux `script` (Debian's bsdutils; .ci/run installs it); `None` without `script`.
fn on_a_terminal(ledger: &Ledger, args: &str, no_color: bool) -> Option<String> {
    let script = on_path("script")?;
    let mut cmd = std::process::Command::new(script);
    cmd.args(["-qec", &format!("{} {args}", crate::common::bin().display()), "/dev/null"])
        .env_clear()
        .env("CLAIMTRACK_DB", &ledger.db)
        .env("CLAIMTRACK_NOW", "2025-10-01T09:00:00Z")
        .env("COLUMNS", "80");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().expect("run script");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&d| d == 'm');
        } else if c != '\r' {
            out.push(c);
        }
    }
    out
}

#[test]
fn on_a_terminal_the_table_fits_the_width_and_is_coloured_unless_no_color() {
    let ledger = sample_with_follow_ups();
    let Some(coloured) = on_a_terminal(&ledger, "report --article 1", false) else {
        tool_missing("no util-linux `script` to make a terminal (Debian's bsdutils)");
        return;
    };
    assert!(coloured.contains("\u{1b}[33msingle-source\u{1b}[0m"), "{coloured}");
    let visible = strip_ansi(&coloured);
    assert!(visible.contains("Turkey will send"), "{visible}");
    for line in visible.lines() {
        assert!(line.chars().count() <= 80, "wider than the terminal: {line:?}");
    }
    let plain = on_a_terminal(&ledger, "report --article 1", true).unwrap();
    assert!(!plain.contains('\u{1b}'), "NO_COLOR turns colour off: {plain:?}");
    assert_eq!(strip_ansi(&plain), visible);
}
