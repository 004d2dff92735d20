//! SQLite FTS5's bm25, worked out in Rust for an index that is not FTS5 (PostgreSQL's
//! `claims_fts`): the same tokens, counts and arithmetic as `fts5Bm25Function` in
//! sqlite3.c, so `similar` ranks the same candidates with the same scores on both engines.
//!
//! FTS5 (`unicode61`, `remove_diacritics 0`) splits an index word's text at every character
//! that is not a letter or a digit; combining marks (Devanagari vowel signs, Thai vowels,
//! Arabic harakat) are separators to it, so such a word is several tokens, and a phrase
//! of them. [`tokens`] splits the same way; a row's length and a phrase's occurrences are
//! counted in those tokens, as FTS5 counts them.

/// Whether FTS5's `unicode61` tokenizer keeps `c` inside a token (Unicode categories L*, N*
/// and Co; the index words hold nothing else but combining marks, which it splits at).
pub fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c)
}

/// The tokens FTS5 reads in a text, in order.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_token_char(c)).filter(|t| !t.is_empty())
}

/// What FTS5 keeps for the whole table: how many rows it holds and how many tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub rows: i64,
    pub tokens: i64,
}

/// How many tokens FTS5 counts in a row's text.
pub fn length(text: &str) -> i64 {
    tokens(text).count() as i64
}

/// How often the phrase (its tokens in order) occurs in a row's tokens.
fn occurrences(row: &[&str], phrase: &[&str]) -> usize {
    if phrase.is_empty() || phrase.len() > row.len() {
        return 0;
    }
    row.windows(phrase.len()).filter(|w| *w == phrase).count()
}

/// The rows that `"w1" OR "w2" OR …` (each word a phrase) matches, with FTS5's bm25 score for
/// each (higher is better, FTS5's `-rank`), best first, ties in row-id order (FTS5 reads its
/// rows in rowid order and sorts them stably), at most `limit`. `rows` are every row holding
/// any of the words, as `(id, text)`; a row holding none of them is left out.
pub fn best(words: &[&str], rows: &[(i64, &str)], totals: Totals, limit: usize) -> Vec<(i64, f64)> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let phrases: Vec<Vec<&str>> = words.iter().map(|w| tokens(w).collect()).collect();
    let mut found: Vec<(i64, f64, Vec<f64>)> = Vec::with_capacity(rows.len());
    let mut hits = vec![0_i64; phrases.len()];
    let mut row_tokens: Vec<&str> = Vec::new();
    for &(id, text) in rows {
        row_tokens.clear();
        row_tokens.extend(tokens(text));
        let freq: Vec<f64> = phrases.iter().map(|p| occurrences(&row_tokens, p) as f64).collect();
        if freq.iter().all(|f| *f == 0.0) {
            continue;
        }
        for (hit, f) in hits.iter_mut().zip(&freq) {
            *hit += i64::from(*f > 0.0);
        }
        found.push((id, row_tokens.len() as f64, freq));
    }
    // As fts5Bm25GetData: average length, and an IDF per phrase floored at 1e-6.
    let avgdl = totals.tokens as f64 / totals.rows as f64;
    let idf: Vec<f64> = hits
        .iter()
        .map(|&n| {
            let idf = ((totals.rows - n) as f64 + 0.5) / (n as f64 + 0.5);
            let idf = idf.ln();
            if idf <= 0.0 { 1e-6 } else { idf }
        })
        .collect();
    let mut scored: Vec<(i64, f64)> = found
        .into_iter()
        .map(|(id, d, freq)| {
            let mut score = 0.0;
            for (f, idf) in freq.iter().zip(&idf) {
                score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / avgdl)));
            }
            (id, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_where_fts5_splits() {
        assert_eq!(tokens("troop niger 1500").collect::<Vec<_>>(), ["troop", "niger", "1500"]);
        assert_eq!(tokens("naïve ελληνικά 東京都").count(), 3);
        // Devanagari's vowel sign is a combining mark: FTS5 reads two tokens.
        assert_eq!(tokens("हिन").collect::<Vec<_>>(), ["ह", "न"]);
        assert_eq!(length(""), 0);
    }

    #[test]
    fn scores_follow_fts5s_formula_and_ties_go_to_the_lower_id() {
        let rows = [(1, "apple pear"), (2, "apple plum"), (3, "pear pear fig"), (4, "kiwi")];
        let totals = Totals { rows: 10, tokens: 25 };
        let ranked = best(&["pear", "apple"], &rows, totals, 10);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 3, 2]);
        // Row 2 by hand: apple in 2 of 10 rows, once in a row of 2 tokens, average 2.5.
        let idf = ((10.0 - 2.0 + 0.5) / (2.0 + 0.5_f64)).ln();
        let expected = idf * ((1.0 * 2.2) / (1.0 + 1.2 * (1.0 - 0.75 + 0.75 * 2.0 / 2.5)));
        assert_eq!(ranked[2].1, expected);
        let same = [(7, "fig"), (5, "fig"), (6, "fig")];
        let ranked = best(&["fig"], &same, totals, 2);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [5, 6]);
    }
}
