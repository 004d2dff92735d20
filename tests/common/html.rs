//! What an HTML page would fetch when opened: the check behind "the report is self-contained".
//!
//! The report page is ours, so a small tag scanner is enough: text from the
//! data is escaped, so every `<` left in the page starts real markup. The
//! check is an allowlist: a URL-bearing attribute may point into the page
//! (`#…`) or carry its content inline (`data:`); anything else — http(s),
//! protocol-relative `//host`, a relative path, another scheme — is a
//! reference to something outside the page.
//!
//! What the page legitimately contains (see src/render/html.rs): inline
//! `<style>`, inline `<svg>` with `xmlns="http://www.w3.org/2000/svg"` (a
//! namespace name, never fetched), and no links at all — article URLs are not
//! rendered. Should links ever appear, `<a href="https://…">` is allowed: a
//! link the reader chooses to follow is navigation, not a resource the page
//! loads. `href` on anything else (`<link>`, SVG `<image>`, `<use>`) loads.

/// One start tag: its lowercased name and attributes (lowercased names, values as written).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// Elements whose only job is to fetch, embed or run something, or to change
/// where relative URLs point: refused whatever their attributes say.
const LOADING_ELEMENTS: &[&str] =
    &["link", "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"];

/// Attributes whose value is a URL the browser fetches (or, for `href`, may fetch).
const URL_ATTRIBUTES: &[&str] = &[
    "src",
    "href",
    "xlink:href",
    "poster",
    "data",
    "background",
    "action",
    "formaction",
    "manifest",
    "lowsrc",
    "dynsrc",
    "codebase",
    "archive",
    "classid",
    "ping",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT_ELEMENTS: &[&str] = &["style", "script", "textarea", "title", "xmp", "noembed", "noframes"];

/// The page's start tags in order, and the text of its `<style>` elements.
pub fn scan(html: &str) -> (Vec<Tag>, Vec<String>) {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let (mut tags, mut styles) = (Vec::new(), Vec::new());
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset;
        let rest = &lower[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |end| i + end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(html.len(), |end| i + end + 1);
            continue;
        }
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        // The tag name.
        let mut j = i + 1;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'>' | b'/') {
            j += 1;
        }
        let name = lower[i + 1..j].to_string();
        // Attributes, up to the closing `>`.
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let attr = lower[start..j].to_string();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[j + 1..].find(quote as char).map_or(html.len(), |e| j + 1 + e);
                        value = html[j + 1..end].to_string();
                        j = end + 1;
                    }
                    _ => {
                        let start = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                            j += 1;
                        }
                        value = html[start..j].to_string();
                    }
                }
            }
            attrs.push((attr, value));
        }
        i = j.min(html.len());
        if RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
            let end = lower[i..].find(&format!("</{name}")).map_or(html.len(), |e| i + e);
            if name == "style" {
                styles.push(html[i..end].to_string());
            }
            i = end;
        }
        tags.push(Tag { name, attrs });
    }
    (tags, styles)
}

/// Decodes the character references a browser would decode in an attribute
/// value (numeric ones and the basic named ones), and drops what browsers
/// strip from URLs (ASCII whitespace and control characters).
fn decoded(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
            match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "sol" => Some('/'),
                _ if entity.starts_with("#x") || entity.starts_with("#X") => numeric(&entity[2..], 16),
                _ if entity.starts_with('#') => numeric(&entity[1..], 10),
                _ => None,
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect()
}

/// Whether a URL stays inside the page: a fragment, or inline `data:` content.
fn stays_inside(url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    url.starts_with('#') || url.starts_with("data:")
}

/// What a stylesheet (a `<style>` element or a `style`/presentation attribute) would fetch.
fn css_references(css: &str, place: &str, found: &mut Vec<String>) {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        found.push(format!("{place}: @import in {css:?}"));
    }
    if css.contains('\\') {
        // CSS escapes could spell `url(` so that the search below misses it.
        found.push(format!("{place}: a CSS escape in {css:?}"));
    }
    for (at, _) in lower.match_indices("url(") {
        let argument = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !stays_inside(argument) {
            found.push(format!("{place}: {:?}", &css[at..css.len().min(at + 60)]));
        }
    }
    for function in ["image-set(", "image(", "src("] {
        if lower.contains(function) {
            found.push(format!("{place}: {function} in {css:?}"));
        }
    }
}

/// Every reference the page makes to something outside itself, described; empty when it is self-contained.
pub fn external_references(html: &str) -> Vec<String> {
    let (tags, styles) = scan(html);
    let mut found = Vec::new();
    for tag in &tags {
        let place = format!("<{}>", tag.name);
        if LOADING_ELEMENTS.contains(&tag.name.as_str()) {
            found.push(format!("{place} element"));
        }
        let refresh =
            tag.name == "meta" && tag.attrs.iter().any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("refresh"));
        if refresh {
            found.push(format!("{place} refresh to {:?}", tag.attrs));
        }
        for (attr, value) in &tag.attrs {
            let url = decoded(value);
            if attr == "srcset" || attr == "imagesrcset" {
                found.push(format!("{place} {attr}={value:?}"));
            } else if attr == "href" && tag.name == "a" {
                // A link the reader clicks: navigation, not a load (see the module comment).
                let lower = url.to_ascii_lowercase();
                if !(stays_inside(&lower) || lower.starts_with("https://") || lower.starts_with("http://")) {
                    found.push(format!("{place} {attr}={value:?} (not a web link)"));
                }
            } else if URL_ATTRIBUTES.contains(&attr.as_str()) && !stays_inside(&url) {
                found.push(format!("{place} {attr}={value:?}"));
            }
            // `style`, and SVG presentation attributes (fill, filter, mask, …) that take url(…).
            css_references(&decoded(value), &format!("{place} {attr}"), &mut found);
        }
    }
    for css in &styles {
        css_references(css, "<style>", &mut found);
    }
    found
}

/// Event-handler attributes (`onerror`, `onload`, …): script, which the page never needs.
pub fn event_handlers(html: &str) -> Vec<String> {
    let (tags, _) = scan(html);
    tags.iter()
        .flat_map(|t| {
            t.attrs.iter().filter(|(a, _)| a.starts_with("on")).map(move |(a, v)| format!("<{}> {a}={v:?}", t.name))
        })
        .collect()
}
