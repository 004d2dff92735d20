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

/// Picks the lexicon whose common words the text uses most (the first on a tie).
pub fn choose<'a>(text: &str, lexicons: &'a [Lexicon]) -> &'a Lexicon {
    let sample: String = text.chars().take(20_000).collect();
    let mut best = (0, 0usize);
    for (i, lexicon) in lexicons.iter().enumerate() {
        let tokens = tokens::Tokens::new(&sample, lexicon);
        let ids: Vec<Option<u32>> = tokens.tokens.iter().map(|t| t.id).collect();
        let score = lexicon.detect_score(&ids);
        if i == 0 || score > best.1 {
            best = (i, score);
        }
    }
    &lexicons[best.0]
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
