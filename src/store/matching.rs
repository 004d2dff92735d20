//! The matching index in the ledger: each claim's duplicate key, its words in the full-text
//! index (`claims_fts`) with how many claims hold each word (`claim_term_counts`), its
//! quantities, and the numeric mismatches between near-duplicates.
//! Kept in step by `Tx` in the transaction that writes the claim's text; rebuilt by `reindex`.

use rusqlite::{Connection, params};

use super::{Tx, optional};
use crate::error::Result;
use crate::matching::{self, IndexEntry, numbers::Quantity};
use crate::model::{ClaimId, ClaimStatus};

/// A claim the full-text index found: its id, text, bm25 score (higher is better), and the
/// words the index holds for it (as `matching::index_terms` gave them when it was written).
pub struct Hit {
    pub id: ClaimId,
    pub text: String,
    pub bm25: f64,
    pub terms: String,
}

/// A stored numeric mismatch, seen from `claim`.
#[derive(Clone, Debug)]
pub struct StoredMismatch {
    pub claim: ClaimId,
    pub other: ClaimId,
    pub ours: String,
    pub theirs: String,
}

/// Writes a claim's key, index words and quantities; `replace` when it may have some already.
pub(crate) fn index(conn: &Connection, id: ClaimId, text: &str, replace: bool) -> Result<()> {
    write_key(conn, id, text)?;
    if replace {
        forget_terms(conn, id)?;
        conn.prepare_cached("DELETE FROM claim_quantities WHERE claim_id = ?1")?.execute([id])?;
    }
    let entry = IndexEntry::of(text);
    write_words(conn, id, &entry)?;
    count_terms(conn, distinct(&entry.terms).into_iter().map(|term| (term, 1)))
}

/// Writes a claim's duplicate key, worked out from its text.
fn write_key(conn: &Connection, id: ClaimId, text: &str) -> Result<()> {
    conn.prepare_cached("UPDATE claims SET text_key = ?2 WHERE id = ?1")?
        .execute(params![id, matching::text::duplicate_key(text)])?;
    Ok(())
}

/// Writes a claim's full-text words and quantities (it has none yet); counting its words
/// in `claim_term_counts` is the caller's part, so a bulk write counts each word once.
fn write_words(conn: &Connection, id: ClaimId, entry: &IndexEntry) -> Result<()> {
    conn.prepare_cached("INSERT INTO claims_fts (rowid, terms) VALUES (?1, ?2)")?.execute(params![id, entry.terms])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO claim_quantities (claim_id, position, text, value, high, qualifier, unit, is_year)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, q) in entry.quantities.iter().enumerate() {
        insert.execute(params![id, position as i64, q.text, q.value, q.high, q.qualifier.as_str(), q.unit, q.year])?;
    }
    Ok(())
}

/// Adds to how many claims hold each word.
fn count_terms<'t>(conn: &Connection, counts: impl IntoIterator<Item = (&'t str, i64)>) -> Result<()> {
    let mut count = conn.prepare_cached(
        "INSERT INTO claim_term_counts (term, claims) VALUES (?1, ?2)
         ON CONFLICT (term) DO UPDATE SET claims = claims + excluded.claims",
    )?;
    for (term, claims) in counts {
        count.execute(params![term, claims])?;
    }
    Ok(())
}

/// Each word of an index entry once.
fn distinct(terms: &str) -> std::collections::BTreeSet<&str> {
    terms.split(' ').filter(|t| !t.is_empty()).collect()
}

/// Removes a claim's words from the full-text index and from the counts of claims per word.
fn forget_terms(conn: &Connection, id: ClaimId) -> Result<()> {
    let old: Option<String> =
        optional(conn.prepare_cached("SELECT terms FROM claims_fts WHERE rowid = ?1")?.query_row([id], |r| r.get(0)))?;
    let Some(old) = old else { return Ok(()) };
    let mut uncount = conn.prepare_cached("UPDATE claim_term_counts SET claims = claims - 1 WHERE term = ?1")?;
    let mut drop = conn.prepare_cached("DELETE FROM claim_term_counts WHERE term = ?1 AND claims <= 0")?;
    for term in distinct(&old) {
        uncount.execute([term])?;
        drop.execute([term])?;
    }
    conn.prepare_cached("DELETE FROM claims_fts WHERE rowid = ?1")?.execute([id])?;
    Ok(())
}

/// Tables worked out from claims' texts, not audited: a revert neither checks nor restores
/// them row by row, but keeps them in step through [`forget`] and [`index`].
pub(crate) const DERIVED_TABLES: [&str; 2] = ["claim_quantities", "claim_mismatches"];

/// Removes a claim's index words, quantities and mismatches (before the claim row goes).
pub(crate) fn forget(conn: &Connection, id: ClaimId) -> Result<()> {
    forget_terms(conn, id)?;
    conn.prepare_cached("DELETE FROM claim_quantities WHERE claim_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1")?.execute([id])?;
    Ok(())
}

/// Merges the full-text index into one segment, which drops what deleted rows left in it
/// (after a redaction: the redacted words must not stay findable in the file).
pub(crate) fn purge_deleted(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('optimize')", [])?;
    Ok(())
}

/// Indexes a claim again from the text its row now holds (after a revert rewrote or restored it).
pub(crate) fn reindex_claim(conn: &Connection, id: ClaimId, replace: bool) -> Result<()> {
    let text: String = conn.prepare_cached("SELECT text FROM claims WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    if replace {
        conn.prepare_cached("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1")?
            .execute([id])?;
    }
    index(conn, id, &text, replace)
}

/// Fills the index for every claim that has no key yet (after the migration that added it).
pub(crate) fn fill_missing(conn: &Connection) -> Result<usize> {
    let todo: Vec<(ClaimId, String)> = {
        let mut stmt = conn.prepare("SELECT id, text FROM claims WHERE text_key IS NULL ORDER BY id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let texts: Vec<&str> = todo.iter().map(|(_, text)| text.as_str()).collect();
    let entries = matching::index_entries(&texts, matching::cores());
    for (id, text) in &todo {
        write_key(conn, *id, text)?;
    }
    index_new_claims(conn, todo.iter().map(|(id, _)| *id).zip(&entries))?;
    Ok(todo.len())
}

/// Writes the full-text words and quantities of claims written with their duplicate key
/// and nothing else (an import's new claims), in id order.
pub(crate) fn index_new_claims<'e>(
    conn: &Connection,
    claims: impl IntoIterator<Item = (ClaimId, &'e IndexEntry)>,
) -> Result<()> {
    let mut counts: std::collections::BTreeMap<&str, i64> = std::collections::BTreeMap::new();
    for (id, entry) in claims {
        write_words(conn, id, entry)?;
        for term in distinct(&entry.terms) {
            *counts.entry(term).or_default() += 1;
        }
    }
    count_terms(conn, counts)
}

/// Claims whose duplicate key no longer matches their text (edited by hand), for `verify`.
pub fn text_key_mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id, text, text_key FROM claims")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let (id, text, stored): (i64, String, Option<String>) = (row.get(0)?, row.get(1)?, row.get(2)?);
        if stored.as_deref() != Some(matching::text::duplicate_key(&text).as_str()) {
            out.push(format!(
                "claims row {id}'s text_key does not match its text, so duplicates of it would be missed; run `claimtrack similar --reindex`"
            ));
        }
    }
    Ok(out)
}

/// Active claims whose duplicate key is `key`, oldest first.
pub fn by_key(conn: &Connection, key: &str) -> Result<Vec<ClaimId>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM claims WHERE text_key = ?1 AND status = 'active' ORDER BY id")?;
    Ok(stmt.query_map([key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// How many claims hold `word` in the index.
pub fn claims_with(conn: &Connection, word: &str) -> Result<f64> {
    let n: Option<i64> = optional(
        conn.prepare_cached("SELECT claims FROM claim_term_counts WHERE term = ?1")?.query_row([word], |r| r.get(0)),
    )?;
    Ok(n.unwrap_or(0) as f64)
}

/// About how many claims the ledger holds (the highest id: no count over a million rows).
pub fn claim_count(conn: &Connection) -> Result<f64> {
    let n: i64 = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM claims")?.query_row([], |r| r.get(0))?;
    Ok(n as f64)
}

/// Active claims matching an FTS5 expression over their index words, best bm25 first.
pub fn candidates(conn: &Connection, fts_query: &str, limit: usize) -> Result<Vec<Hit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.text, -f.rank, f.terms FROM
           (SELECT rowid, rank, terms FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
         JOIN claims c ON c.id = f.rowid
         WHERE c.status = 'active'
         ORDER BY f.rank",
    )?;
    let rows = stmt.query_map(params![fts_query, limit as i64], |r| {
        Ok(Hit { id: r.get(0)?, text: r.get(1)?, bm25: r.get(2)?, terms: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ids of the claims (retracted ones too) matching an FTS5 expression, in id order.
pub fn search_ids(conn: &Connection, fts_query: &str) -> Result<Vec<ClaimId>> {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid")?;
    Ok(stmt.query_map([fts_query], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// A claim's stored quantities, in the order written.
pub fn quantities(conn: &Connection, id: ClaimId) -> Result<Vec<Quantity>> {
    use crate::matching::numbers::Qualifier;
    let mut stmt = conn.prepare_cached(
        "SELECT text, value, high, qualifier, unit, is_year FROM claim_quantities WHERE claim_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let qualifier: String = r.get(3)?;
        Ok(Quantity {
            text: r.get(0)?,
            value: r.get(1)?,
            high: r.get(2)?,
            qualifier: match qualifier.as_str() {
                "about" => Qualifier::About,
                "nearly" => Qualifier::Nearly,
                "at-least" => Qualifier::AtLeast,
                "more-than" => Qualifier::MoreThan,
                "at-most" => Qualifier::AtMost,
                "less-than" => Qualifier::LessThan,
                "range" => Qualifier::Range,
                _ => Qualifier::Exact,
            },
            unit: r.get(4)?,
            year: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The stored mismatches of the given claims (or of every claim) with claims that still stand,
/// ordered by claim, other claim and position.
pub fn mismatches(conn: &Connection, claims: Option<&[ClaimId]>) -> Result<Vec<StoredMismatch>> {
    let row = |r: &rusqlite::Row<'_>| {
        Ok(StoredMismatch { claim: r.get(0)?, other: r.get(1)?, ours: r.get(2)?, theirs: r.get(3)? })
    };
    const SELECT: &str = "SELECT m.claim_id, m.other_claim_id, m.ours, m.theirs FROM claim_mismatches m
         JOIN claims o ON o.id = m.other_claim_id AND o.status = 'active'";
    match claims {
        None => {
            let mut stmt =
                conn.prepare_cached(&format!("{SELECT} ORDER BY m.claim_id, m.other_claim_id, m.position"))?;
            Ok(stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?)
        }
        Some(ids) => {
            let mut stmt =
                conn.prepare_cached(&format!("{SELECT} WHERE m.claim_id = ?1 ORDER BY m.other_claim_id, m.position"))?;
            let mut out = Vec::new();
            for id in ids {
                out.extend(stmt.query_map([id], row)?.collect::<rusqlite::Result<Vec<_>>>()?);
            }
            Ok(out)
        }
    }
}

/// Claims added at or after a time (`created_at >= since`), or all, with their text, in id order.
pub fn claims_since(conn: &Connection, since: Option<&str>) -> Result<Vec<(ClaimId, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text FROM claims WHERE status = 'active' AND (?1 IS NULL OR created_at >= ?1) ORDER BY id",
    )?;
    Ok(stmt.query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// A claim's text and whether it stands.
pub fn text_of(conn: &Connection, id: ClaimId) -> Result<Option<(String, ClaimStatus)>> {
    optional(
        conn.prepare_cached("SELECT text, status FROM claims WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?))),
    )
}

impl Tx<'_> {
    /// Keeps the matching index in step with a claim's text (called wherever the text is written);
    /// `replace` for a claim that had a text before.
    pub(crate) fn index_claim(&mut self, id: ClaimId, text: &str, replace: bool) -> Result<()> {
        index(self.conn(), id, text, replace)
    }

    /// Replaces the numeric mismatches between `claim` and each of `others` with `found`
    /// (stored once each way).
    pub fn set_mismatches(
        &mut self,
        claim: ClaimId,
        found: &[(ClaimId, Vec<matching::numbers::Disagreement>)],
    ) -> Result<()> {
        let conn = self.conn();
        let mut forget = conn.prepare_cached(
            "DELETE FROM claim_mismatches WHERE (claim_id = ?1 AND other_claim_id = ?2)
                                             OR (claim_id = ?2 AND other_claim_id = ?1)",
        )?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO claim_mismatches (claim_id, other_claim_id, position, ours, theirs) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (other, disagreements) in found {
            forget.execute(params![claim, other])?;
            for (position, d) in disagreements.iter().enumerate() {
                insert.execute(params![claim, other, position as i64, d.ours, d.theirs])?;
                insert.execute(params![other, claim, position as i64, d.theirs, d.ours])?;
            }
        }
        Ok(())
    }

    /// Forgets every mismatch of a claim (its text changed; they are worked out again).
    pub fn clear_mismatches(&mut self, claim: ClaimId) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1")?
            .execute([claim])?;
        Ok(())
    }

    /// Rebuilds the whole index from the claims' texts; returns how many claims it holds.
    pub fn reindex(&mut self) -> Result<usize> {
        let conn = self.conn();
        conn.execute_batch(
            "DELETE FROM claims_fts; DELETE FROM claim_term_counts;
             DELETE FROM claim_quantities; UPDATE claims SET text_key = NULL;",
        )?;
        fill_missing(conn)
    }
}
