//! Turning what an editor types into a full-text query, with every word quoted, so no text
//! can reach the engine's own syntax: SQLite FTS5's (`NEAR`, `AND`, `col:`, `^`, `*`,
//! brackets) or PostgreSQL tsquery's (`&`, `|`, `!`, `<->`, `:*`, `:AB`, brackets).
//! One parse gives a [`Query`]; [`Query::fts5`] and [`Query::tsquery`] write it for each engine.
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

/// A search, parsed: every word it asks for and how they combine, for either engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// Each must match; an inner list is one term, or several joined by OR.
    wanted: Vec<Vec<Literal>>,
    /// None may match.
    unwanted: Vec<Literal>,
}

/// Index words that must stand in this order (a phrase of one or more); with `prefix`, the
/// last may be the start of a longer word. `stems` are index words it may also be.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Literal {
    words: String,
    prefix: bool,
    stems: Vec<String>,
}

/// A PostgreSQL tsquery operand: the word in single quotes, with inner quotes doubled and
/// backslashes escaped, so `:`, `&`, `|`, `!`, `<->`, brackets and quotes stay text.
pub fn tsquery_quote(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('\'');
    for c in word.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

impl Literal {
    fn fts5(&self) -> String {
        if !self.prefix {
            return quote(&self.words);
        }
        let mut any = vec![format!("{} *", quote(&self.words))];
        any.extend(self.stems.iter().map(|s| quote(s)));
        if any.len() == 1 { any.remove(0) } else { format!("({})", any.join(" OR ")) }
    }

    /// The words as a tsquery phrase (`'a' <-> 'b'`), only the last one `:*` for a prefix, as
    /// FTS5's `"a b" *` reads (PostgreSQL's `'a b':*` would make every word a prefix).
    fn tsquery(&self) -> String {
        let words: Vec<&str> = self.words.split(' ').filter(|w| !w.is_empty()).collect();
        let last = words.len().saturating_sub(1);
        let parts: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| if self.prefix && i == last { format!("{}:*", tsquery_quote(w)) } else { tsquery_quote(w) })
            .collect();
        let phrase = if parts.len() == 1 { parts.join("") } else { format!("({})", parts.join(" <-> ")) };
        if self.stems.is_empty() {
            return phrase;
        }
        let mut any = vec![phrase];
        any.extend(self.stems.iter().map(|s| tsquery_quote(s)));
        format!("({})", any.join(" | "))
    }
}

impl Query {
    /// The SQLite FTS5 MATCH expression.
    pub fn fts5(&self) -> String {
        let any = |terms: &[Literal]| {
            let parts: Vec<String> = terms.iter().map(Literal::fts5).collect();
            if parts.len() == 1 { parts.join("") } else { format!("({})", parts.join(" OR ")) }
        };
        let mut query = self.wanted.iter().map(|terms| any(terms)).collect::<Vec<_>>().join(" AND ");
        for not in &self.unwanted {
            query = format!("({query}) NOT {}", not.fts5());
        }
        query
    }

    /// The PostgreSQL tsquery text, for `to_tsquery('simple', …)` with it bound as a parameter.
    pub fn tsquery(&self) -> String {
        let any = |terms: &[Literal]| {
            let parts: Vec<String> = terms.iter().map(Literal::tsquery).collect();
            if parts.len() == 1 { parts.join("") } else { format!("({})", parts.join(" | ")) }
        };
        let mut query = self.wanted.iter().map(|terms| any(terms)).collect::<Vec<_>>().join(" & ");
        for not in &self.unwanted {
            query = format!("({query}) & !{}", not.tsquery());
        }
        query
    }
}

/// An editor's search, parsed, or a usage error when it asks for nothing.
/// `normalise` turns a term's words into the index's (`true` for a prefix); a term left
/// with no word (all stopwords) is dropped. `stems` gives the index words a one-word prefix
/// may stand for that are shorter than it: the index holds stems, so `vaccinat*` must also
/// find "vaccin", which "vaccinated" became.
pub fn search(
    input: &str,
    normalise: &dyn Fn(&str, bool) -> String,
    stems: &dyn Fn(&str) -> Vec<String>,
) -> Result<Query> {
    let mut wanted: Vec<Vec<Literal>> = Vec::new();
    let mut unwanted: Vec<Literal> = Vec::new();
    let mut pending_or = false;
    for term in parse(input) {
        match term {
            Term::Or => pending_or = !wanted.is_empty(),
            Term::Phrase { words, prefix, exclude } => {
                let words = normalise(&words, prefix);
                if !has_word(&words) {
                    continue;
                }
                let stems = if prefix && !words.contains(' ') { stems(&words) } else { Vec::new() };
                let literal = Literal { words, prefix, stems };
                if exclude {
                    unwanted.push(literal);
                } else if let (true, Some(last)) = (pending_or, wanted.last_mut()) {
                    last.push(literal);
                    pending_or = false;
                } else {
                    wanted.push(vec![literal]);
                }
            }
        }
    }
    if wanted.is_empty() {
        return Err(Error::Usage(format!(
            "the search {input:?} has no word to look for (a search of only -exclusions finds nothing to exclude from)"
        )));
    }
    Ok(Query { wanted, unwanted })
}

/// The FTS5 expression that finds candidates for a text: any of its meaningful words.
/// `None` when the text has none (all stopwords or punctuation).
pub fn any_of(words: &[String]) -> Option<String> {
    let quoted: Vec<String> = distinct_words(words).into_iter().map(quote).collect();
    (!quoted.is_empty()).then(|| quoted.join(" OR "))
}

/// [`any_of`] as a PostgreSQL tsquery: `'a' | 'b'`.
pub fn any_of_tsquery(words: &[String]) -> Option<String> {
    let quoted: Vec<String> = distinct_words(words).into_iter().map(tsquery_quote).collect();
    (!quoted.is_empty()).then(|| quoted.join(" | "))
}

/// The words with something to look for, each once, in order: the phrases of [`any_of`].
pub fn distinct_words(words: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    words.iter().map(String::as_str).filter(|w| has_word(w) && seen.insert(*w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> Result<Query> {
        super::search(input, &|w: &str, _| w.to_string(), &|_| Vec::new())
    }

    fn search(input: &str) -> Result<String> {
        parsed(input).map(|q| q.fts5())
    }

    fn tsquery(input: &str) -> Result<String> {
        parsed(input).map(|q| q.tsquery())
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
        assert_eq!(with_stems.fts5(), r#"("vaccinat" * OR "vaccin") AND "nurses""#);
        assert_eq!(with_stems.tsquery(), "('vaccinat':* | 'vaccin') & 'nurses'");
    }

    #[test]
    fn the_same_searches_as_tsqueries() {
        assert_eq!(tsquery("troops niger").unwrap(), "'troops' & 'niger'");
        assert_eq!(tsquery(r#""four battalions" withdr*"#).unwrap(), "('four' <-> 'battalions') & 'withdr':*");
        assert_eq!(tsquery("elite troo*").unwrap(), "'elite' & 'troo':*");
        assert_eq!(tsquery("troops -france").unwrap(), "('troops') & !'france'");
        assert_eq!(tsquery(r#"troops -"elite troops""#).unwrap(), "('troops') & !('elite' <-> 'troops')");
        assert_eq!(tsquery("niger OR mali troops").unwrap(), "('niger' | 'mali') & 'troops'");
        assert_eq!(tsquery("a -b -c").unwrap(), "(('a') & !'b') & !'c'");
        let normalise = |w: &str, _| w.split_whitespace().collect::<Vec<_>>().join(" ");
        let phrase = super::search("\"elite  troo\"", &normalise, &|_| Vec::new()).unwrap();
        assert_eq!(phrase.tsquery(), "('elite' <-> 'troo')");
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
    fn hostile_text_stays_one_tsquery_operand() {
        assert_eq!(tsquery_quote("it's"), "'it''s'");
        assert_eq!(tsquery_quote(r"a\b"), r"'a\\b'");
        assert_eq!(tsquery("NEAR(a b)").unwrap(), "'NEAR(a' & 'b)'");
        assert_eq!(tsquery("x:AB | !y & <-> 'z").unwrap(), "'x:AB' & '!y' & '''z'");
        assert_eq!(tsquery(r"back\slash:*").unwrap(), r"'back\\slash:':*");
    }

    #[test]
    fn candidates_are_any_word_once() {
        let words: Vec<String> = ["troops", "niger", "troops", "*", "\"x"].iter().map(|s| s.to_string()).collect();
        assert_eq!(any_of(&words).unwrap(), r#""troops" OR "niger" OR """x""#);
        assert_eq!(any_of_tsquery(&words).unwrap(), r#"'troops' | 'niger' | '"x'"#);
        assert_eq!(any_of_tsquery(&["it's".to_string()]).unwrap(), "'it''s'");
        assert_eq!(any_of(&["-".to_string()]), None);
    }
}
