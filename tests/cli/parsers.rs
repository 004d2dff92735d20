//! Property tests with shrinking for the parsers and escapers: no input panics, and escaping round-trips.

use claimtrack::date::PartialDate;
use claimtrack::quote::locate;
use claimtrack::reference::{Reference, parse_id};
use claimtrack::render::escape;
use proptest::prelude::*;

/// Text that is not changed on purpose by an escaper: no control characters, no bidi overrides.
fn plain_text() -> impl Strategy<Value = String> {
    any::<String>().prop_map(|s| {
        s.chars()
            .filter(|c| !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
            .collect()
    })
}

/// Undoes `escape::html`.
fn html_unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Reads one RFC 4180 cell back.
fn csv_unquote(cell: &str) -> String {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_string(),
    }
}

/// Undoes `escape::dot` inside a double-quoted Graphviz string.
fn dot_unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Undoes `escape::markdown` (backslash escapes and the three entities).
fn markdown_unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn dates_never_panic_and_round_trip(text in "\\PC{0,24}|[0-9]{1,4}(-[0-9]{1,2}){0,2}|[A-Za-z]{3,9}\\.? [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}") {
        if let Ok(date) = PartialDate::parse(&text) {
            let stored = PartialDate::from_stored(&date.iso(), date.precision().as_str());
            prop_assert_eq!(stored, Some(date));
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
            prop_assert!(date.earliest_day() <= date.latest_day());
        }
    }

    #[test]
    fn references_never_panic(text in "\\PC{0,12}|#?[0-9]{1,22}|name:\\PC{0,8}") {
        match Reference::parse(&text) {
            Reference::Id(id) | Reference::IdOrName(id, _) => prop_assert!(id >= 0),
            Reference::Name(_) => {}
        }
        let _ = parse_id(&text);
    }

    #[test]
    fn ids_round_trip(id in 0_i64..i64::MAX) {
        prop_assert_eq!(parse_id(&id.to_string()), Some(id));
        let hashed = format!("#{id}");
        prop_assert_eq!(Reference::parse(&hashed), Reference::Id(id));
    }

    #[test]
    fn a_quote_taken_from_a_text_is_found_there(text in "\\PC{1,80}", a in 0_usize..80, len in 1_usize..20) {
        let chars: Vec<char> = text.chars().collect();
        let start = a % chars.len();
        let end = (start + len).min(chars.len());
        let quote: String = chars[start..end].iter().collect();
        // The quote is trimmed before it is looked for.
        let taken_at = start + quote.chars().take_while(|c| c.is_whitespace()).count();
        match locate(&text, &quote) {
            Some((s, e)) => {
                prop_assert!(0 <= s && s <= e && e as usize <= chars.len());
                prop_assert!(s as usize <= taken_at, "the first occurrence comes no later than the one taken");
            }
            None => prop_assert!(quote.trim().is_empty(), "{quote:?} is in {text:?}"),
        }
    }

    #[test]
    fn quotes_never_panic(text in "\\PC{0,40}", quote in "\\PC{0,10}") {
        if let Some((s, e)) = locate(&text, &quote) {
            prop_assert!(s <= e && e as usize <= text.chars().count());
        }
    }

    #[test]
    fn html_round_trips_and_carries_no_markup(text in plain_text()) {
        let escaped = escape::html(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        prop_assert_eq!(html_unescape(&escaped), text);
    }

    #[test]
    fn csv_round_trips_and_never_starts_a_formula(text in plain_text()) {
        let cell = escape::csv_cell(&text);
        let value = csv_unquote(&cell);
        let guarded = value.trim_start_matches(' ').starts_with(['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}']);
        prop_assert!(!guarded, "{cell:?} would run as a formula");
        let original = if value.starts_with('\'') && !text.starts_with('\'') { &value[1..] } else { value.as_str() };
        prop_assert_eq!(original, text.as_str());
    }

    #[test]
    fn dot_round_trips_and_stays_inside_its_quotes(text in plain_text()) {
        let escaped = escape::dot(&text);
        let unescaped_quote = escaped.char_indices().any(|(i, c)| c == '"' && !escaped[..i].ends_with('\\'));
        prop_assert!(!unescaped_quote || escaped.contains("\\\\\""), "{escaped:?}");
        prop_assert_eq!(dot_unescape(&escaped), text);
    }

    #[test]
    fn markdown_round_trips_and_cannot_break_a_table(text in plain_text()) {
        let escaped = escape::markdown(&text);
        prop_assert!(!escaped.contains(['<', '>', '\n']));
        prop_assert_eq!(markdown_unescape(&escaped), text);
    }

    #[test]
    fn terminal_text_carries_no_controls(text in any::<String>()) {
        for shown in [escape::terminal(&text), escape::terminal_block(&text)] {
            prop_assert!(!shown.chars().any(|c| (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "{shown:?}");
        }
    }
}
