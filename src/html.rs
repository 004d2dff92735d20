//! Saved web pages read as articles: the body text without navigation, scripts and footers, and the page's
//! title, canonical URL and publication date from its metadata (parsed with html5ever, through scraper).

use scraper::{ElementRef, Html, Selector};

/// What a saved page holds, as an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's text: one paragraph (or heading, list item, quote) per line.
    pub text: String,
    pub title: Option<String>,
    /// `<link rel="canonical">`, else `og:url`.
    pub canonical_url: Option<String>,
    /// `article:published_time`, `datePublished`, `<time datetime>` … as written.
    pub published: Option<String>,
}

/// Whether a text looks like an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String =
        text.trim_start_matches('\u{feff}').trim_start().chars().take(4096).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && ["<body", "<head", "<article", "<p>", "<div"].iter().any(|t| head.contains(t)))
}

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "iframe", "svg", "button",
    "select", "figure", "menu", "dialog",
];
/// Elements that hold one paragraph of text each.
const BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td"];
/// Class or id words of page furniture.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "comment",
    "promo",
    "advert",
    "cookie",
    "breadcrumb",
    "sidebar",
    "footer",
    "navigation",
    "menu",
    "popup",
    "modal",
    "paywall",
    "recommend",
    "sponsor",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors here are valid CSS")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn furniture(element: &ElementRef<'_>) -> bool {
    let v = element.value();
    if SKIPPED.contains(&v.name()) || v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_lowercase();
    marks.split(|c: char| !c.is_alphanumeric()).any(|w| FURNITURE.iter().any(|f| w == *f || w.starts_with(f)))
}

/// The text of `element`, block by block, skipping furniture; appended to `out` one block per line.
fn blocks(element: ElementRef<'_>, out: &mut Vec<String>) {
    for child in element.children() {
        if let Some(child) = ElementRef::wrap(child) {
            if furniture(&child) {
                continue;
            }
            let name = child.value().name();
            let has_block_inside = child
                .descendants()
                .skip(1)
                .any(|d| ElementRef::wrap(d).is_some_and(|e| BLOCKS.contains(&e.value().name())));
            if BLOCKS.contains(&name) && !has_block_inside {
                let text = collapse(&child.text().collect::<String>());
                if !text.is_empty() {
                    out.push(text);
                }
            } else {
                blocks(child, out);
            }
        }
    }
}

/// The text under `element`, furniture left out.
fn plain_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
        } else if let Some(child) = ElementRef::wrap(child)
            && !furniture(&child)
        {
            out.push(' ');
            plain_text(child, out);
            out.push(' ');
        }
    }
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    for key in keys {
        for attr in ["property", "name", "itemprop"] {
            let css = format!("meta[{attr}=\"{key}\"]");
            if let Some(content) = doc.select(&selector(&css)).find_map(|m| m.value().attr("content")) {
                let content = collapse(content);
                if !content.is_empty() {
                    return Some(content);
                }
            }
        }
    }
    None
}

/// Reads a saved page.
pub fn read(html: &str) -> Page {
    let doc = Html::parse_document(html);
    // The article element with the most paragraph text, else the main content, else the body.
    let paragraphs = selector("p");
    let weight =
        |e: &ElementRef<'_>| e.select(&paragraphs).map(|p| p.text().map(str::len).sum::<usize>()).sum::<usize>();
    let root = ["article", "[itemprop=articleBody]", "main", "[role=main]", "body", "html"]
        .iter()
        .find_map(|css| doc.select(&selector(css)).filter(|e| !furniture(e)).max_by_key(|e| weight(e)));
    let mut lines = Vec::new();
    if let Some(root) = root {
        blocks(root, &mut lines);
        if lines.is_empty() {
            let mut raw = String::new();
            plain_text(root, &mut raw);
            let text = collapse(&raw);
            if !text.is_empty() {
                lines.push(text);
            }
        }
    }
    let title = meta(&doc, &["og:title", "twitter:title", "headline"])
        .or_else(|| doc.select(&selector("title")).next().map(|t| collapse(&t.text().collect::<String>())))
        .or_else(|| doc.select(&selector("h1")).next().map(|t| collapse(&t.text().collect::<String>())))
        .filter(|t| !t.is_empty());
    let canonical_url = doc
        .select(&selector("link[rel~=canonical]"))
        .find_map(|l| l.value().attr("href").map(str::trim).map(String::from))
        .filter(|u| !u.is_empty())
        .or_else(|| meta(&doc, &["og:url"]));
    let published = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date.issued",
            "DC.date.issued",
            "dc.date",
            "parsely-pub-date",
            "sailthru.date",
        ],
    )
    .or_else(|| {
        doc.select(&selector("time[datetime], [itemprop=datePublished]"))
            .find_map(|t| t.value().attr("datetime").or_else(|| t.value().attr("content")).map(String::from))
    });
    Page { text: lines.join("\n") + if lines.is_empty() { "" } else { "\n" }, title, canonical_url, published }
}

/// A publication date as claimtrack reads dates: the date part of an ISO timestamp, or the text itself.
pub fn date_part(published: &str) -> &str {
    let p = published.trim();
    match p.get(..10) {
        Some(d) if d.as_bytes().get(4) == Some(&b'-') && d.as_bytes().get(7) == Some(&b'-') => d,
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Turkey to train Niger's army | Maghrebi</title>
<meta property="og:title" content="Turkey set to train Niger’s military">
<link rel="canonical" href="https://maghrebi.org/2025/09/23/turkey-niger/">
<meta property="article:published_time" content="2025-09-23T08:00:00+00:00">
<script>var tracking = "Sources said nothing";</script><style>p { color: red }</style>
</head><body>
<nav><ul><li>Home</li><li>Politics</li></ul></nav>
<header class="site-header"><p>Maghrebi.org — news of North Africa</p></header>
<article>
  <h1>Turkey set to train Niger’s military</h1>
  <p>According to Middle East Eye on September 22nd, Turkey will send some of its elite troops.</p>
  <div class="share-buttons"><p>Share this on Facebook</p></div>
  <p>Sources indicate that <b>at least four</b> battalions will travel to Niger.</p>
  <figure><img src="x.jpg"><figcaption>Troops, file photo</figcaption></figure>
  <blockquote><p>“An ideal partner,” he said.</p></blockquote>
</article>
<aside><p>Related: Mali’s junta</p></aside>
<footer><p>Subscribe to receive our FREE weekly PDF magazine</p></footer>
</body></html>"#;

    #[test]
    fn a_saved_page_gives_its_body_and_metadata() {
        assert!(is_html(PAGE));
        assert!(!is_html("According to MEE, <b> is a tag."));
        let page = read(PAGE);
        assert_eq!(
            page.text,
            "Turkey set to train Niger’s military\nAccording to Middle East Eye on September 22nd, Turkey will send some of its elite troops.\nSources indicate that at least four battalions will travel to Niger.\n“An ideal partner,” he said.\n"
        );
        assert_eq!(page.title.as_deref(), Some("Turkey set to train Niger’s military"));
        assert_eq!(page.canonical_url.as_deref(), Some("https://maghrebi.org/2025/09/23/turkey-niger/"));
        assert_eq!(page.published.as_deref().map(date_part), Some("2025-09-23"));
    }

    #[test]
    fn a_page_without_paragraphs_still_gives_its_text() {
        let page = read("<html><body><div>Officials said 40 people died.</div><script>x()</script></body></html>");
        assert_eq!(page.text, "Officials said 40 people died.\n");
        assert_eq!(page.title, None);
    }
}
