//! How editors name records on the command line: by number (`12` or `#12`), or by name, title or URL.

/// `12` or `#12` as an id; anything else is not an id.
pub fn parse_id(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('#').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_id;

    #[test]
    fn ids_are_digits_with_an_optional_hash() {
        assert_eq!(parse_id("12"), Some(12));
        assert_eq!(parse_id("#12"), Some(12));
        assert_eq!(parse_id("#"), None);
        assert_eq!(parse_id("12a"), None);
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("99999999999999999999"), None, "too big for an id");
    }
}
