//! Finding the JSON documents in an input: one JSON value, JSON Lines, or the
//! `<script type="application/ld+json">` blocks of an HTML page (read with a real HTML parser).
//!
//! Malformed JSON is an error naming the line and column, in the file as given
//! (a script block's position counts from the start of the page).

/// One JSON document and where it came from.
#[derive(Debug)]
pub struct Document {
    /// `line 3` (JSON Lines), `script 2` (HTML), or empty for a whole-file document.
    pub location: String,
    pub value: serde_json::Value,
}

/// A reading error with its position: "line 12, column 7: expected `,` or `}`".
#[derive(Debug, PartialEq)]
pub struct Malformed {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// Strips a UTF-8 byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether the text looks like an HTML page rather than JSON.
pub fn is_html(text: &str) -> bool {
    let start = without_bom(text).trim_start();
    start.starts_with('<')
}

/// The JSON documents in `text`: an HTML page's ld+json scripts, one JSON value, or JSON Lines.
pub fn read(text: &str) -> Result<Vec<Document>, Malformed> {
    let text = without_bom(text);
    if is_html(text) {
        return scripts(text);
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Ok(vec![Document { location: String::new(), value }]),
        Err(whole) => {
            // JSON Lines: several values, one per line. Only tried when the
            // first line is a complete value, so that a broken single document
            // is reported where it breaks.
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
            if whole.is_data() || serde_json::from_str::<serde_json::Value>(first).is_err() {
                return Err(positioned(&whole, 0));
            }
            json_lines(text)
        }
    }
}

/// One JSON value per non-blank line.
pub fn json_lines(text: &str) -> Result<Vec<Document>, Malformed> {
    let mut out = Vec::new();
    for (index, line) in without_bom(text).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str(line).map_err(|e| positioned(&e, index))?;
        out.push(Document { location: format!("line {}", index + 1), value });
    }
    Ok(out)
}

fn positioned(error: &serde_json::Error, lines_before: usize) -> Malformed {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is given separately.
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_string();
    Malformed { line: error.line() + lines_before, column: error.column(), message }
}

/// Every `<script type="application/ld+json">` block, parsed.
fn scripts(page: &str) -> Result<Vec<Document>, Malformed> {
    let html = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("script").expect("a fixed selector parses");
    let mut out = Vec::new();
    let mut searched_to = 0;
    for (index, script) in html.select(&selector).enumerate() {
        let kind = script.value().attr("type").unwrap_or_default();
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        let body: String = script.text().collect();
        // Where the block starts in the page, for an error's line number.
        let at = page[searched_to..].find(body.as_str()).map(|i| i + searched_to);
        if let Some(at) = at {
            searched_to = at + body.len();
        }
        let lines_before = at.map_or(0, |at| page[..at].matches('\n').count());
        let value = serde_json::from_str(&body).map_err(|e| {
            let mut bad = positioned(&e, lines_before);
            bad.message = format!("in ld+json script {}: {}", index + 1, bad.message);
            bad
        })?;
        out.push(Document { location: format!("script {}", index + 1), value });
    }
    if out.is_empty() {
        return Err(Malformed {
            line: 1,
            column: 1,
            message: "an HTML page with no <script type=\"application/ld+json\"> block".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_value_lines_and_scripts() {
        assert_eq!(read("{\"a\": 1}").unwrap().len(), 1);
        let lines = read("{\"a\": 1}\n\n{\"a\": 2}\n").unwrap();
        assert_eq!(lines.iter().map(|d| d.location.as_str()).collect::<Vec<_>>(), ["line 1", "line 3"]);
        let page = "<html><head><script type=\"application/ld+json\">{\"x\": [1]}</script>\
                    <script>var x = 1;</script></head><body></body></html>";
        assert_eq!(read(page).unwrap()[0].value["x"][0], 1);
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let bad = read("[\n  {\"a\": \"b\"c\"}\n]").unwrap_err();
        assert_eq!((bad.line, bad.column), (2, 12));
        let bad = read("{\"a\": 1}\n{\"a\": }\n").unwrap_err();
        assert_eq!(bad.line, 2);
        let bad = read("{\"a\": [1, 2").unwrap_err();
        assert!(bad.message.contains("EOF"), "{bad}");
    }
}
