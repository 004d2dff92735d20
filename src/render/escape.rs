//! Escaping outside text for each output format: HTML, Markdown, CSV (no formulas), Graphviz, terminals.
//!
//! Every format also shows bidirectional embedding, override and isolate
//! controls (U+202A–U+202E, U+2066–U+2069) as a visible `[U+202E]`: one
//! unterminated right-to-left override would otherwise reverse the rest of a
//! line, so a report could display a claim other than the one recorded. The
//! marks that only nudge neutral characters (U+200E, U+200F, U+061C) stay, as
//! Arabic and Hebrew text needs them. JSON output keeps the text as stored.

/// The visible stand-in for a bidirectional control that could reorder what follows it.
fn bidi_stand_in(c: char) -> Option<String> {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}').then(|| format!("[U+{:04X}]", c as u32))
}

/// `text` with every reordering bidirectional control shown as `[U+XXXX]`.
pub(crate) fn show_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| bidi_stand_in(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match bidi_stand_in(c) {
            Some(stand_in) => out.push_str(&stand_in),
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text safe inside HTML (and SVG) elements and quoted attributes.
pub fn html(text: &str) -> String {
    let text = show_bidi(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text safe in a Markdown table cell: no table breaks, no emphasis or links,
/// and no raw HTML (which many Markdown renderers would pass through).
pub fn markdown(text: &str) -> String {
    let text = show_bidi(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One CSV cell, quoted as RFC 4180 wants, that no spreadsheet will run as a
/// formula: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return
/// (after any leading spaces) gets a leading apostrophe.
pub fn csv_cell(text: &str) -> String {
    let text = show_bidi(text);
    let text = text.as_ref();
    let first = text.trim_start_matches(' ').chars().next();
    let guarded = match first {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}') => {
            format!("'{text}")
        }
        _ => text.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded.starts_with(' ') || guarded.ends_with(' ') {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Text inside a double-quoted Graphviz string.
pub fn dot(text: &str) -> String {
    let text = show_bidi(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text safe to print on a terminal: no escape sequences or other control
/// characters from the data can move the cursor, recolour or clear the screen.
pub fn terminal(text: &str) -> String {
    show_bidi(text)
        .chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Like [`terminal`] for a whole block of output: keeps its line breaks and tabs.
pub fn terminal_block(text: &str) -> String {
    show_bidi(text).chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

/// Shortens text to `max` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_cell("=HYPERLINK(\"http://evil\",\"x\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("  =1+1"), "'  =1+1");
        assert_eq!(csv_cell("\tcmd"), "'\tcmd");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn markdown_cells_cannot_break_tables_or_inject_html() {
        assert_eq!(markdown("a|b\nc"), "a\\|b c");
        assert_eq!(markdown("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(markdown("[click](javascript:alert(1))"), "\\[click\\](javascript:alert(1))");
    }

    #[test]
    fn terminal_text_cannot_carry_escape_sequences() {
        assert_eq!(terminal("red\u{1b}[31m clear\u{1b}[2J\u{7}\r"), "red\u{fffd}[31m clear\u{fffd}[2J\u{fffd}\u{fffd}");
        assert_eq!(terminal("two\nlines\tand tab"), "two lines and tab");
    }

    #[test]
    fn reordering_bidi_controls_are_shown_in_every_format() {
        let trojan = "claim \u{202e}gnp.exe and \u{2067}isolate";
        let shown = "claim [U+202E]gnp.exe and [U+2067]isolate";
        assert_eq!(terminal(trojan), shown);
        assert_eq!(terminal_block(trojan), shown);
        assert_eq!(html(trojan), shown);
        assert_eq!(dot(trojan), shown);
        assert_eq!(csv_cell(trojan), shown);
        assert_eq!(markdown(trojan), shown.replace('[', "\\[").replace(']', "\\]"));
        // The marks Arabic and Hebrew need stay.
        assert_eq!(terminal("\u{200f}نيامي\u{200e}"), "\u{200f}نيامي\u{200e}");
    }

    #[test]
    fn dot_strings_stay_closed() {
        assert_eq!(dot("say \"hi\"\\\n"), "say \\\"hi\\\"\\\\\\n");
    }
}
