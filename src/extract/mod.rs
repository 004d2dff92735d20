//! Attributed statements found in article text: who is quoted, by which cue, saying what — pure, no database.
//!
//! `extract(text, lexicons)` reads plain text and returns one [`Statement`]
//! per attribution: its content, the source as written, the cue, the kind
//! (`named`, `anonymous`, `vague`) and the named source a pronoun or "the
//! outlet" stands for; sentences that state figures, dates or named actors
//! doing things with no source at all come back as `unattributed`. Offsets are
//! in characters (Unicode scalar values), end exclusive, as the JSON contract
//! and the ledger's citations use them. Word lists live in `lexicons/*.toml`.

pub mod lexicon;
mod offsets;
#[cfg(test)]
mod rule_tests;
mod rules;
pub mod tokens;

use serde::Serialize;

use crate::model::CitationKind;
pub use lexicon::Lexicon;

/// A stretch of the input: character offsets (end exclusive) and the text itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What a source looks like it is, for recording it in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceClass {
    Person,
    Outlet,
    Organisation,
    Anonymous,
    Unknown,
}

/// One proposed statement.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub kind: CitationKind,
    pub content: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    /// The named source the phrase stands for: "The outlet" → "Middle East Eye", "he" → the last person named.
    pub resolved_source: Option<String>,
    /// What the source looks like (person, outlet…), when there is one.
    pub source_class: Option<SourceClass>,
    /// Line and column (1-based, in characters) where the statement starts.
    pub line: usize,
    pub column: usize,
    /// Whether the content states a figure (a number, an amount, a percentage).
    pub has_figure: bool,
}

impl Statement {
    /// Where the statement starts: the earliest of its spans.
    pub fn start(&self) -> usize {
        [Some(&self.content), self.source.as_ref(), self.cue.as_ref()]
            .into_iter()
            .flatten()
            .map(|s| s.start)
            .min()
            .unwrap_or(0)
    }
}

/// Picks the lexicon whose common words the text uses most (the first on a tie), from its first five hundred words.
pub fn choose<'a>(text: &str, lexicons: &'a [Lexicon]) -> &'a Lexicon {
    let mut scores = vec![0usize; lexicons.len()];
    let mut folded = String::new();
    let words =
        text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '\u{2019}').filter(|w| !w.is_empty()).take(500);
    for word in words {
        lexicon::fold_into(word, &mut folded);
        for (score, lexicon) in scores.iter_mut().zip(lexicons) {
            if lexicon.is_common(&folded) {
                *score += 1;
            }
        }
    }
    let best = scores.iter().enumerate().fold(0, |best, (i, s)| if *s > scores[best] { i } else { best });
    &lexicons[best]
}

/// The statements in `text`, in reading order, read with the lexicon that fits it.
pub fn extract(text: &str, lexicons: &[Lexicon]) -> Vec<Statement> {
    if lexicons.is_empty() {
        return Vec::new();
    }
    let lexicon = if lexicons.len() == 1 { &lexicons[0] } else { choose(text, lexicons) };
    extract_with(text, lexicon)
}

/// The statements in `text`, read with one lexicon.
pub fn extract_with(text: &str, lexicon: &Lexicon) -> Vec<Statement> {
    let tokens = tokens::Tokens::new(text, lexicon);
    let found = rules::find(text, &tokens, lexicon);
    offsets::statements(text, found)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lexicons() -> &'static [Lexicon] {
        static ALL: std::sync::OnceLock<Vec<Lexicon>> = std::sync::OnceLock::new();
        ALL.get_or_init(Lexicon::built_in)
    }

    /// Every span lies in the text, says what the text says there, and the position matches.
    fn check(text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for s in extract(text, lexicons()) {
            for span in [Some(&s.content), s.source.as_ref(), s.cue.as_ref()].into_iter().flatten() {
                assert!(span.start <= span.end && span.end <= chars.len(), "{span:?} in {} chars", chars.len());
                assert_eq!(chars[span.start..span.end].iter().collect::<String>(), span.text);
            }
            assert!(s.line >= 1 && s.column >= 1);
        }
    }

    /// Pieces that stress the rules: cues, quotes of every kind, abbreviations, line endings, other scripts.
    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "said",
            "according to",
            "“",
            "”",
            "\"",
            "''",
            "``",
            "«",
            "»",
            "‘",
            "’",
            ",",
            ".",
            "!",
            "?",
            ":",
            ";",
            "—",
            "-",
            "(",
            ")",
            "Mr.",
            "U.S.",
            "Sources",
            "reportedly",
            "he",
            "The outlet",
            "that",
            "told",
            "reporters",
            "1,500",
            "2023",
            "\r\n",
            "\n",
            "\n\n",
            "\u{a0}",
            " ",
            "  ",
            "Abdouyale",
            "selon",
            "a déclaré",
            "que",
            "北京",
            "مصادر",
            "Москва",
            "🙂",
            "\u{202e}",
            "a-t-il",
            "it is understood",
            "is said to",
            "who",
            "per cent",
            "'s",
            "…",
            "\t",
            "\u{feff}",
            "é",
            "e\u{301}",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_text_yields_spans_inside_it(text in ".{0,400}") {
            check(&text);
        }

        #[test]
        fn adversarial_mixtures_yield_spans_inside_them(pieces in prop::collection::vec(piece(), 0..200)) {
            check(&pieces.join(" "));
            check(&pieces.concat());
        }
    }

    /// A megabyte in release builds; a quarter of one in debug builds, still far past where a quadratic scan stalls.
    const MEGABYTE: usize = if cfg!(debug_assertions) { 250_000 } else { 1_000_000 };

    /// A megabyte on one line, of the shapes that would make a careless scan quadratic.
    #[test]
    fn a_megabyte_on_one_line_is_read_in_linear_time() {
        for unit in [
            "“",
            "\"",
            "said ",
            "according to X, ",
            "a, ",
            "Mr. ",
            "he said, ",
            "“x,” he said, ",
            "Sources say that ",
            "that ",
            "Ibrahim Bachir ",
            ". ",
            "reportedly ",
            "Trump Says ",
            "Trump: “x y z” ",
            "\n",
            "\r\n",
            "!",
            "x.y.",
            "1,1,",
            "it is said that ",
        ] {
            let text = unit.repeat(MEGABYTE / unit.len());
            let started = std::time::Instant::now();
            check(&text);
            // Not a speed test (the bench measures speed): a quadratic scan would take minutes here.
            assert!(started.elapsed().as_secs() < 60, "{unit:?} took {:?}", started.elapsed());
        }
    }

    #[test]
    fn only_punctuation_and_empty_text_yield_nothing() {
        assert!(extract("", lexicons()).is_empty());
        assert!(extract(".,;:!?“”\"'«»—()[]…", lexicons()).is_empty());
        assert!(extract("\n\n\r\n   \u{a0}\n", lexicons()).is_empty());
    }
}
