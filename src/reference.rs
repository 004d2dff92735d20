//! How editors name records on the command line.
//!
//! `12` is record 12 — or, for sources and articles, also a name or title
//! that reads "12"; when both exist the reference is refused as ambiguous.
//! `#12` is always the id, `name:12` always the name (or alias, or title).
//! Anything else is a name, alias, title or URL.

/// A reference as typed, before it is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference<'a> {
    /// `#12`: the id and nothing else.
    Id(i64),
    /// `12`: the id, or a name that reads "12".
    IdOrName(i64, &'a str),
    /// `name:12`, or any text that is not a number: a name, alias, title or URL.
    Name(&'a str),
}

impl<'a> Reference<'a> {
    pub fn parse(given: &'a str) -> Reference<'a> {
        let text = given.trim();
        if let Some(name) = text.strip_prefix("name:") {
            return Reference::Name(name.trim());
        }
        if let Some(digits) = text.strip_prefix('#') {
            return match number(digits) {
                Some(id) => Reference::Id(id),
                None => Reference::Name(text),
            };
        }
        match number(text) {
            Some(id) => Reference::IdOrName(id, text),
            None => Reference::Name(text),
        }
    }
}

fn number(digits: &str) -> Option<i64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `12` or `#12` as an id; anything else is not an id (claims, links: named by number only).
pub fn parse_id(text: &str) -> Option<i64> {
    number(text.strip_prefix('#').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::{Reference, parse_id};

    #[test]
    fn ids_are_digits_with_an_optional_hash() {
        assert_eq!(parse_id("12"), Some(12));
        assert_eq!(parse_id("#12"), Some(12));
        assert_eq!(parse_id("#"), None);
        assert_eq!(parse_id("12a"), None);
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("99999999999999999999"), None, "too big for an id");
    }

    #[test]
    fn hash_means_the_id_and_name_prefix_the_name() {
        assert_eq!(Reference::parse("#2"), Reference::Id(2));
        assert_eq!(Reference::parse("2"), Reference::IdOrName(2, "2"));
        assert_eq!(Reference::parse("name:2"), Reference::Name("2"));
        assert_eq!(Reference::parse(" name: 1984 "), Reference::Name("1984"));
        assert_eq!(Reference::parse("1984"), Reference::IdOrName(1984, "1984"));
        assert_eq!(Reference::parse("Reuters"), Reference::Name("Reuters"));
        assert_eq!(Reference::parse("#x"), Reference::Name("#x"));
    }
}
