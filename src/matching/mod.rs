//! Claim-text matching, pure: the exact-duplicate key, attribution frames, the words the
//! full-text index holds, FTS5 query building, ranking, word-level diffs, and numbers.
//!
//! Nothing here touches the database; `store::matching` keeps the index and
//! `ops::matching` puts the pieces together for commands, imports and extraction.

pub mod bm25;
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

/// The index words only an embedded post's signature holds (its author's name and handle, the
/// month and year it was posted), which [`rank::rank`] weighs at half: who posted says less
/// about which claim a post repeats than what the post says.
pub fn signature_terms(text: &str) -> std::collections::HashSet<String> {
    let (body, signatures) = text::post_signatures(text);
    if signatures.is_empty() {
        return std::collections::HashSet::new();
    }
    let said = index_terms(&body);
    let said: std::collections::HashSet<&str> = said.split(' ').collect();
    index_terms(&signatures).split(' ').filter(|w| !w.is_empty() && !said.contains(w)).map(String::from).collect()
}

/// What the index holds for one claim besides its duplicate key: its words and its
/// quantities, worked out from its text alone.
pub struct IndexEntry {
    pub terms: String,
    pub quantities: Vec<numbers::Quantity>,
}

impl IndexEntry {
    pub fn of(text: &str) -> IndexEntry {
        IndexEntry { terms: index_terms(text), quantities: numbers::extract(text) }
    }
}

/// [`IndexEntry::of`] each text, in order, spread over `cores` threads: for a large import,
/// working out the words and numbers takes longer than writing them.
pub fn index_entries<S: AsRef<str> + Sync>(texts: &[S], cores: usize) -> Vec<IndexEntry> {
    if cores <= 1 || texts.len() < 2_000 {
        return texts.iter().map(|text| IndexEntry::of(text.as_ref())).collect();
    }
    let chunk = texts.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let workers: Vec<_> = texts
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|t| IndexEntry::of(t.as_ref())).collect::<Vec<_>>()))
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// How many threads to work out index entries on: the machine's cores, up to eight.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}
