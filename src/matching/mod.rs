//! Claim-text matching, pure: the exact-duplicate key, attribution frames, the words the
//! full-text index holds, FTS5 query building, ranking, word-level diffs, and numbers.
//!
//! Nothing here touches the database; `store::matching` keeps the index and
//! `ops::matching` puts the pieces together for commands, imports and extraction.

pub mod diff;
pub mod numbers;
pub mod query;
pub mod rank;
pub mod text;

/// The words the full-text index holds for a claim, space-separated: its statement without
/// the attribution frame, folded, stopwords dropped, stemmed.
pub fn index_terms(text: &str) -> String {
    text::content_words(&text::strip_frame(text)).join(" ")
}
