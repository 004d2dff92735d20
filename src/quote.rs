//! Finding a verbatim quote in article text, forgiving only typographic quote marks.

/// Straight and curly quote marks compare equal; everything else must match exactly.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        _ => c,
    }
}

/// The character span (start inclusive, end exclusive, counted in Unicode
/// scalar values) of the first place `quote` occurs in `text`.
pub fn locate(text: &str, quote: &str) -> Option<(i64, i64)> {
    let needle: Vec<char> = quote.trim().chars().map(fold).collect();
    if needle.is_empty() {
        return None;
    }
    let hay: Vec<char> = text.chars().map(fold).collect();
    hay.windows(needle.len())
        .position(|w| w == needle.as_slice())
        .map(|start| (start as i64, (start + needle.len()) as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quotes_by_character_offset() {
        let text = "Niger’s army — “ineffective”, they said.";
        assert_eq!(locate(text, "Niger's army"), Some((0, 12)));
        assert_eq!(locate(text, "\"ineffective\""), Some((15, 28)));
        let (start, end) = locate(text, "they said").unwrap();
        assert_eq!(text.chars().skip(start as usize).take((end - start) as usize).collect::<String>(), "they said");
        assert_eq!(locate(text, "not there"), None);
        assert_eq!(locate(text, "  "), None);
    }
}
