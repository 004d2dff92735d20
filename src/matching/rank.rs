//! Ranking candidate claims against a text: what the words carry, not how many words match.
//!
//! Candidates come from the full-text index (bm25 over the claims' meaningful
//! words: attribution frame stripped, stopwords dropped, stemmed). Each is then
//! scored from five signals, each 0 to 1:
//!
//! * `bm25`: the index's own score, relative to the best candidate's;
//! * `overlap`: the shared words weighted by rarity (inverse document frequency),
//!   as the share of the candidate's weight the text covers, averaged with the
//!   share of the text's weight the candidate covers — a short claim inside a
//!   long post still scores high;
//! * `chars`: character trigram overlap (Dice) of the two word lists, which
//!   catches spellings and word forms the stemmer misses;
//! * `coverage`: the share of the text's word weight (by rarity) the candidate holds: how
//!   much of what the text says the claim says too, however much else the claim adds. A word
//!   counts as held when the claim has it or another form of it that the stemmer leaves apart
//!   ([`related`]: "Iran" and "Iranian", "America" and "American"). The words only an embedded
//!   post's signature holds (`faint`: who posted it and when) weigh half here;
//! * `rarest`: the rarity of the rarest word the two share, against the rarest word of the
//!   text: a claim that names what the text names least often (a person, a place, an odd
//!   word) is more likely the one it repeats than one sharing many middling words.
//!
//! The score is a weighted sum (`WEIGHTS`), in 0 to 1. The weights were chosen on the
//! CheckThat! 2020 training queries only (see README, "Matching: `similar`, `claim add`, and
//! the CheckThat! figures"): there `coverage` ranks better than the two-way `overlap`, which
//! gets no weight but still decides what counts as a near-duplicate. Agreement of numbers,
//! word pairs (adjacent words shared in order), capitalised names, the candidate-side share
//! (plain and squared rarity), the count of shared words, claim length and character 4-gram
//! cosine were tried there too and added little or nothing on the development sets, so they
//! are left out; so were, later, bm25 with other k1 and b, coverage with other powers of
//! rarity or weighted by how often the text repeats a word, the share of the claim's rarest
//! words the text holds, and fits of these by logistic and listwise models (none beat the
//! five signals under cross-validation on the training queries). Numbers are compared
//! separately, for the numeric-mismatch flag.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// A claim the index found, with its bm25 score (higher is better) and its meaningful words.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: i64,
    pub text: String,
    pub bm25: f64,
    pub words: Vec<String>,
}

/// The parts of a match's score.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Signals {
    pub bm25: f64,
    pub overlap: f64,
    pub chars: f64,
    pub coverage: f64,
    pub rarest: f64,
}

/// A candidate with its score.
#[derive(Clone, Debug)]
pub struct Scored {
    pub candidate: Candidate,
    pub score: f64,
    pub signals: Signals,
}

/// bm25, overlap, chars, coverage, rarest.
pub const WEIGHTS: [f64; 5] = [0.12, 0.0, 0.20, 0.53, 0.15];

/// What a word only a post's signature holds weighs, against a word the post says, in coverage.
/// Chosen on the CheckThat! 2020 training queries (0.25 to 0.75 tried; 0.5 ranked best there).
pub const FAINT: f64 = 0.5;

/// Word rarity: `ln(1 + claims / claims with the word)`; a word the index does not know counts as rare.
pub struct Rarity {
    pub claims: f64,
    pub frequency: HashMap<String, f64>,
}

impl Rarity {
    pub fn idf(&self, word: &str) -> f64 {
        let df = self.frequency.get(word).copied().unwrap_or(1.0).max(1.0);
        (1.0 + self.claims.max(1.0) / df).ln()
    }
}

/// The character trigrams of each word padded with a space at both ends, each packed into
/// one number (three 21-bit code points), sorted, each once.
fn trigrams(words: &[String]) -> Vec<u64> {
    let mut out = Vec::new();
    for w in words {
        let padded: Vec<u64> =
            std::iter::once(' ').chain(w.chars()).chain(std::iter::once(' ')).map(|c| c as u64).collect();
        out.extend(padded.windows(3).map(|g| (g[0] << 42) | (g[1] << 21) | g[2]));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many values two sorted lists without repeats share.
fn in_both(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The most letters one form of a word may add to another for [`related`] to join them.
const FORM_ENDING: usize = 3;

/// Whether two index words are forms of one word that the stemmer leaves apart: one starts
/// with the other, which has at least four letters, and adds at most three ("iran" and
/// "iranian", "america" and "american"; not "state" and "statement"). Numbers never are.
pub fn related(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (n, m) = (short.chars().count(), long.chars().count());
    n >= 4 && m > n && m - n <= FORM_ENDING && long.starts_with(short) && !short.chars().any(|c| c.is_ascii_digit())
}

/// Scores and orders candidates for a text whose meaningful words are `query`, best first.
pub fn rank(query: &[String], faint: &HashSet<String>, candidates: Vec<Candidate>, rarity: &Rarity) -> Vec<Scored> {
    let best_bm25 = candidates.iter().map(|c| c.bm25).fold(0.0_f64, f64::max);
    let query_set: HashSet<&str> = query.iter().map(String::as_str).collect();
    // What a word of the text weighs for coverage: its rarity, less for a post's signature. The
    // two-way overlap, which decides near-duplicates, weighs every word by its rarity alone.
    let weight = |w: &str| if faint.contains(w) { FAINT * rarity.idf(w) } else { rarity.idf(w) };
    let query_rarity: f64 = query_set.iter().map(|w| rarity.idf(w)).sum();
    let query_weight: f64 = query_set.iter().map(|w| weight(w)).sum();
    let query_grams = trigrams(query);
    let rarest_asked = query_set.iter().map(|w| rarity.idf(w)).fold(0.0, f64::max);
    let mut scored: Vec<Scored> = candidates
        .into_iter()
        .map(|candidate| {
            let words: HashSet<&str> = candidate.words.iter().map(String::as_str).collect();
            let shared: f64 = words.intersection(&query_set).map(|w| rarity.idf(w)).sum();
            let own: f64 = words.iter().map(|w| rarity.idf(w)).sum();
            let overlap = if own > 0.0 && query_rarity > 0.0 {
                0.5 * (shared / own) + 0.5 * (shared / query_rarity)
            } else {
                0.0
            };
            // The text's words the claim holds, as written or in a related form.
            let held: f64 = query_set
                .iter()
                .filter(|q| words.contains(*q) || words.iter().any(|w| related(q, w)))
                .map(|q| weight(q))
                .sum();
            let coverage = if query_weight > 0.0 { held / query_weight } else { 0.0 };
            let grams = trigrams(&candidate.words);
            let common = in_both(&grams, &query_grams) as f64;
            let chars = if grams.is_empty() && query_grams.is_empty() {
                0.0
            } else {
                2.0 * common / (grams.len() + query_grams.len()) as f64
            };
            let bm25 = if best_bm25 > 0.0 { candidate.bm25 / best_bm25 } else { 0.0 };
            let rarest_shared = words.intersection(&query_set).map(|w| rarity.idf(w)).fold(0.0, f64::max);
            let rarest = if rarest_asked > 0.0 { rarest_shared / rarest_asked } else { 0.0 };
            let signals = Signals { bm25, overlap, chars, coverage, rarest };
            let score = WEIGHTS[0] * bm25
                + WEIGHTS[1] * overlap
                + WEIGHTS[2] * chars
                + WEIGHTS[3] * coverage
                + WEIGHTS[4] * rarest;
            Scored { candidate, score, signals }
        })
        .collect();
    // Sums over hash sets differ in the last bits from run to run: scores equal to nine places
    // are a tie, which the older claim wins, so the same ledger always ranks the same way.
    let key = |s: &Scored| (s.score * 1e9).round();
    scored.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.candidate.id.cmp(&b.candidate.id)));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        crate::matching::text::content_words(s)
    }

    fn candidate(id: i64, text: &str, bm25: f64) -> Candidate {
        Candidate { id, text: text.into(), bm25, words: words(text) }
    }

    #[test]
    fn rare_shared_words_beat_common_ones() {
        let mut frequency = HashMap::new();
        for w in ["troop", "withdrew", "spokesperson", "told", "reporter"] {
            frequency.insert(w.to_string(), 500.0);
        }
        let rarity = Rarity { claims: 1000.0, frequency };
        let query = words("France withdrew 1500 troops from Niger");
        let ranked = rank(
            &query,
            &HashSet::new(),
            vec![
                candidate(1, "The US withdrew troops, a spokesperson told reporters", 2.0),
                candidate(2, "France pulled 1500 soldiers out of Niger", 1.8),
            ],
            &rarity,
        );
        assert_eq!(ranked[0].candidate.id, 2, "{ranked:?}");
        assert!(ranked[0].score > ranked[1].score && ranked[0].score <= 1.0);
    }

    #[test]
    fn the_rarest_shared_word_counts_and_equal_scores_rank_oldest_first() {
        let frequency: HashMap<String, f64> = [("grisham", 2.0), ("dui", 20.0), ("press", 300.0), ("secretari", 300.0)]
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        let rarity = Rarity { claims: 10_000.0, frequency };
        let query = words("Grisham, the press secretary, has DUIs");
        let ranked = rank(
            &query,
            &HashSet::new(),
            vec![
                candidate(3, "Grisham got DUIs", 1.0),
                candidate(1, "The press secretary got DUIs", 1.0),
                candidate(2, "Grisham got DUIs", 1.0),
            ],
            &rarity,
        );
        let by_id = |id: i64| ranked.iter().find(|s| s.candidate.id == id).unwrap();
        assert_eq!(by_id(2).signals.rarest, 1.0);
        let middling = by_id(1).signals.rarest;
        assert!(middling > 0.0 && middling < 1.0, "{middling}");
        // The same words score the same: the older claim first.
        let order: Vec<i64> = ranked.iter().map(|s| s.candidate.id).filter(|id| *id != 1).collect();
        assert_eq!(order, [2, 3]);
    }

    #[test]
    fn forms_the_stemmer_leaves_apart_are_related() {
        let related_words = |a: &str, b: &str| {
            let (a, b) = (words(a), words(b));
            related(&a[0], &b[0])
        };
        assert!(related_words("Iran", "Iranian"));
        assert!(related_words("American", "America"));
        assert!(related("troop", "troops"));
        // Too short a root, too long an ending, the same word, and numbers are not.
        assert!(!related("war", "warn"));
        assert!(!related("state", "statement"));
        assert!(!related("niger", "niger"));
        assert!(!related("1500", "15000"));
    }

    #[test]
    fn a_related_form_counts_towards_coverage() {
        let frequency: HashMap<String, f64> =
            [("iran", 40.0), ("iranian", 30.0), ("presid", 900.0), ("minist", 300.0), ("met", 400.0)]
                .into_iter()
                .map(|(w, n)| (w.to_string(), n))
                .collect();
        let rarity = Rarity { claims: 10_000.0, frequency };
        let query = words("The Iranian minister met the president");
        let ranked = rank(
            &query,
            &HashSet::new(),
            vec![
                candidate(1, "The minister met the president in Paris", 1.0),
                candidate(2, "The president of Iran met a minister", 1.0),
            ],
            &rarity,
        );
        assert_eq!(ranked[0].candidate.id, 2, "{ranked:?}");
        assert_eq!(ranked[0].signals.coverage, 1.0);
        // Only the words as written make the two-way overlap, which decides near-duplicates.
        assert!(ranked[0].signals.overlap < 1.0);
    }

    #[test]
    fn a_word_only_the_signature_holds_counts_half() {
        let frequency: HashMap<String, f64> = [
            ("wall", 60.0),
            ("around", 500.0),
            ("home", 200.0),
            ("jane", 50.0),
            ("doe", 50.0),
            ("januari", 300.0),
            ("2021", 300.0),
        ]
        .into_iter()
        .map(|(w, n)| (w.to_string(), n))
        .collect();
        let rarity = Rarity { claims: 10_000.0, frequency };
        let post = "A wall around her home — Jane Doe (@jdoe) January 5, 2021";
        let query = words(&crate::matching::index_terms(post));
        let faint = crate::matching::signature_terms(post);
        assert!(faint.contains("januari") && faint.contains("2021") && !faint.contains("wall"), "{faint:?}");
        let claims = || {
            vec![
                candidate(1, "Photographs show a wall around Pelosi's home", 1.0),
                candidate(2, "A wall went up in January 2021", 1.0),
            ]
        };
        let plain = rank(&query, &HashSet::new(), claims(), &rarity);
        let weighed = rank(&query, &faint, claims(), &rarity);
        // Counted in full, the month and year the post went up outweigh its home; counted at half, not.
        assert_eq!(plain[0].candidate.id, 2, "{plain:?}");
        assert_eq!(weighed[0].candidate.id, 1, "{weighed:?}");
    }
}
