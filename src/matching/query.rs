//! Turning what an editor types into an SQLite FTS5 query, with every word quoted, so no
//! text can reach FTS5's own syntax (`NEAR`, `AND`, `col:`, `^`, `*`, brackets).
//!
//! The search syntax: words must all appear (`troops niger`); `"exact phrase"`;
//! `withdr*` matches words that start so; `-word` or `-"a phrase"` leaves out claims
//! that have it; `OR` between two terms accepts either. Everything else — `NEAR`,
//! `AND`, `text:`, brackets — is an ordinary word.

use crate::error::{Error, Result};

/// One piece of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Term {
    Phrase { words: String, prefix: bool, exclude: bool },
    Or,
}

/// An FTS5 string literal: the text in double quotes, inner quotes doubled.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn parse(input: &str) -> Vec<Term> {
    let chars: Vec<char> = input.chars().collect();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let exclude = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if exclude {
            i += 1;
        }
        let (words, prefix) = if chars[i] == '"' {
            let end = chars[i + 1..].iter().position(|&c| c == '"').map_or(chars.len(), |p| i + 1 + p);
            let words: String = chars[i + 1..end].iter().collect();
            i = end + 1;
            (words, false)
        } else {
            let end = chars[i..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |p| i + p);
            let word: String = chars[i..end].iter().collect();
            i = end;
            if word == "OR" && !exclude {
                terms.push(Term::Or);
                continue;
            }
            match word.strip_suffix('*') {
                Some(stem) if has_word(stem) => (stem.trim_end_matches('*').to_string(), true),
                _ => (word, false),
            }
        };
        if has_word(&words) {
            terms.push(Term::Phrase { words, prefix, exclude });
        }
    }
    terms
}

/// The FTS5 MATCH expression for an editor's search, or a usage error when it asks for nothing.
/// `normalise` turns a term's words into the index's (`true` for a prefix); a term left
/// with no word (all stopwords) is dropped. `stems` gives the index words a one-word prefix
/// may stand for that are shorter than it: the index holds stems, so `vaccinat*` must also
/// find "vaccin", which "vaccinated" became.
pub fn search(
    input: &str,
    normalise: &dyn Fn(&str, bool) -> String,
    stems: &dyn Fn(&str) -> Vec<String>,
) -> Result<String> {
    let terms = parse(input);
    let mut wanted: Vec<String> = Vec::new();
    let mut unwanted: Vec<String> = Vec::new();
    let mut pending_or = false;
    for term in terms {
        match term {
            Term::Or => pending_or = !wanted.is_empty(),
            Term::Phrase { words, prefix, exclude } => {
                let words = normalise(&words, prefix);
                if !has_word(&words) {
                    continue;
                }
                let literal = if prefix {
                    let shorter = if words.contains(' ') { Vec::new() } else { stems(&words) };
                    let mut any = vec![format!("{} *", quote(&words))];
                    any.extend(shorter.iter().map(|s| quote(s)));
                    if any.len() == 1 { any.remove(0) } else { format!("({})", any.join(" OR ")) }
                } else {
                    quote(&words)
                };
                if exclude {
                    unwanted.push(literal);
                } else if pending_or {
                    let last = wanted.pop().unwrap_or_default();
                    wanted.push(format!("({last} OR {literal})"));
                    pending_or = false;
                } else {
                    wanted.push(literal);
                }
            }
        }
    }
    if wanted.is_empty() {
        return Err(Error::Usage(format!(
            "the search {input:?} has no word to look for (a search of only -exclusions finds nothing to exclude from)"
        )));
    }
    let mut query = wanted.join(" AND ");
    for not in unwanted {
        query = format!("({query}) NOT {not}");
    }
    Ok(query)
}

/// The FTS5 expression that finds candidates for a text: any of its meaningful words.
/// `None` when the text has none (all stopwords or punctuation).
pub fn any_of(words: &[String]) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let quoted: Vec<String> =
        words.iter().filter(|w| has_word(w) && seen.insert(w.as_str())).map(|w| quote(w)).collect();
    (!quoted.is_empty()).then(|| quoted.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(input: &str) -> Result<String> {
        super::search(input, &|w: &str, _| w.to_string(), &|_| Vec::new())
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        assert_eq!(search("troops niger").unwrap(), r#""troops" AND "niger""#);
        assert_eq!(search(r#""four battalions" withdr*"#).unwrap(), r#""four battalions" AND "withdr" *"#);
        assert_eq!(search("troops -france").unwrap(), r#"("troops") NOT "france""#);
        assert_eq!(search(r#"troops -"elite troops""#).unwrap(), r#"("troops") NOT "elite troops""#);
        assert_eq!(search("niger OR mali troops").unwrap(), r#"("niger" OR "mali") AND "troops""#);
        let stems = |p: &str| if p == "vaccinat" { vec!["vaccin".to_string()] } else { Vec::new() };
        let with_stems = super::search("vaccinat* nurses", &|w: &str, _| w.to_string(), &stems).unwrap();
        assert_eq!(with_stems, r#"("vaccinat" * OR "vaccin") AND "nurses""#);
    }

    #[test]
    fn hostile_text_stays_words() {
        // FTS5 operators and column filters are plain words once quoted.
        assert_eq!(search("NEAR(a b)").unwrap(), r#""NEAR(a""#.to_string() + r#" AND "b)""#);
        assert_eq!(search("a AND b").unwrap(), r#""a" AND "AND" AND "b""#);
        assert_eq!(search("text:troops").unwrap(), r#""text:troops""#);
        assert_eq!(search("claims_fts:x ^y").unwrap(), r#""claims_fts:x" AND "^y""#);
        // A stray quote runs to the end; a doubled quote inside a word stays a quote character.
        assert_eq!(search(r#"say "hi"#).unwrap(), r#""say" AND "hi""#);
        assert_eq!(search(r#"a"b"#).unwrap(), r#""a""b""#);
        // Nothing to look for.
        assert!(search("-").is_err());
        assert!(search("* - \" ").is_err());
        assert!(search("-troops").is_err());
        assert!(search("").is_err());
    }

    #[test]
    fn candidates_are_any_word_once() {
        let words: Vec<String> = ["troops", "niger", "troops", "*", "\"x"].iter().map(|s| s.to_string()).collect();
        assert_eq!(any_of(&words).unwrap(), r#""troops" OR "niger" OR """x""#);
        assert_eq!(any_of(&["-".to_string()]), None);
    }
}
