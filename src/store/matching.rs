//! The matching index in the ledger: each claim's duplicate key, its words in the full-text
//! index (`claims_fts`) with how many claims hold each word (`claim_term_counts`), its
//! quantities, and the numeric mismatches between near-duplicates.
//! Kept in step by `Tx` in the transaction that writes the claim's text; rebuilt by `reindex`.
//!
//! One copy of the SQL for both engines, except the full-text parts: SQLite's `claims_fts` is
//! FTS5 (rowid, MATCH, bm25 `rank`); PostgreSQL's is a table (claim_id, terms, a `lexemes`
//! tsvector under GIN) beside `claims_fts_totals`, the row and token counts FTS5 keeps for
//! itself, so [`candidates`] can score PostgreSQL's rows with FTS5's bm25 (`matching::bm25`).

use rusqlite::Connection;

use super::Tx;
use super::db::{Db, Dialect, Param, values_list};
use crate::error::Result;
use crate::matching::{self, IndexEntry, bm25, numbers::Quantity, query};
use crate::model::{ClaimId, ClaimStatus};

/// A claim the full-text index found: its id, text, bm25 score (higher is better), and the
/// words the index holds for it (as `matching::index_terms` gave them when it was written).
pub struct Hit {
    pub id: ClaimId,
    pub text: String,
    pub bm25: f64,
    pub terms: String,
    /// The newsroom's own claim; on a server, a claim another newsroom shares with a coalition is not.
    pub own: bool,
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
/// `Tx::index_claim` on SQLite; on PostgreSQL, called inside the write that stores the text.
/// A claim written anew holds its duplicate key already; `replace` (new words) writes it here.
pub fn index(db: Db<'_>, id: ClaimId, text: &str, replace: bool) -> Result<()> {
    if replace {
        write_key(db, id, text)?;
        forget_terms(db, id)?;
        db.execute("DELETE FROM claim_quantities WHERE claim_id = ?1", &[&id])?;
    }
    let entry = IndexEntry::of(text);
    if db.dialect() == Dialect::Postgres {
        return index_on_server(db, id, &entry);
    }
    write_words(db, id, &entry)?;
    count_words(db, 1, bm25::length(&entry.terms))?;
    count_terms(db, distinct(&entry.terms).into_iter().map(|term| (term, 1)))
}

/// [`index`]'s words on PostgreSQL in one statement, not three: the claim's index row, one more
/// claim and its tokens in the newsroom's bm25 totals (an upsert: the counts only grow here), and
/// one more claim for each of its words; then its quantities.
fn index_on_server(db: Db<'_>, id: ClaimId, entry: &IndexEntry) -> Result<()> {
    let words: Vec<&str> = distinct(&entry.terms).into_iter().collect();
    db.execute(
        "WITH fts AS (INSERT INTO claims_fts (claim_id, terms) VALUES (?1, ?2)),
              totals AS (INSERT INTO claims_fts_totals (one_row, claims, tokens) VALUES (1, 1, ?3)
                         ON CONFLICT (org_id) DO UPDATE SET claims = claims_fts_totals.claims + 1,
                                                            tokens = claims_fts_totals.tokens + excluded.tokens)
         INSERT INTO claim_term_counts (term, claims)
         SELECT word, 1 FROM unnest(string_to_array(?4, ' ')) AS word WHERE word <> ''
         ON CONFLICT (org_id, term) DO UPDATE SET claims = claim_term_counts.claims + excluded.claims",
        &[&id, &entry.terms, &bm25::length(&entry.terms), &words.join(" ")],
    )?;
    write_quantities(db, id, entry)
}

/// Writes a claim's duplicate key, worked out from its text.
fn write_key(db: Db<'_>, id: ClaimId, text: &str) -> Result<()> {
    db.execute("UPDATE claims SET text_key = ?2 WHERE id = ?1", &[&id, &matching::text::duplicate_key(text)])?;
    Ok(())
}

/// Writes a claim's full-text words and quantities (it has none yet); counting its words
/// (`claim_term_counts`, and on PostgreSQL `claims_fts_totals`) is the caller's part, so a
/// bulk write counts each word once.
fn write_words(db: Db<'_>, id: ClaimId, entry: &IndexEntry) -> Result<()> {
    let insert = match db.dialect() {
        Dialect::Sqlite => "INSERT INTO claims_fts (rowid, terms) VALUES (?1, ?2)",
        Dialect::Postgres => "INSERT INTO claims_fts (claim_id, terms) VALUES (?1, ?2)",
    };
    db.execute(insert, &[&id, &entry.terms])?;
    write_quantities(db, id, entry)
}

/// Writes a claim's quantities (it has none yet).
fn write_quantities(db: Db<'_>, id: ClaimId, entry: &IndexEntry) -> Result<()> {
    if entry.quantities.is_empty() {
        return Ok(());
    }
    let insert = "INSERT INTO claim_quantities (claim_id, position, text, value, high, qualifier, unit, is_year)";
    if db.dialect() == Dialect::Sqlite {
        // One prepared statement, row by row: no round trips to save in a file.
        let sql = format!("{insert} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (position, q) in entry.quantities.iter().enumerate() {
            let year = i64::from(q.year);
            db.execute(
                &sql,
                &[&id, &(position as i64), &q.text, &q.value, &q.high, &q.qualifier.as_str(), &q.unit, &year],
            )?;
        }
        return Ok(());
    }
    // A statement for a thousand of them at a time: on a server, a statement per row is a round
    // trip per row (and PostgreSQL takes at most 65,535 values in one).
    let rows: Vec<(i64, &Quantity, &str, i64)> = entry
        .quantities
        .iter()
        .enumerate()
        .map(|(position, q)| (position as i64, q, q.qualifier.as_str(), i64::from(q.year)))
        .collect();
    for chunk in rows.chunks(1_000) {
        let params: Vec<&dyn Param> = chunk
            .iter()
            .flat_map(|(position, q, qualifier, year)| {
                [&id as &dyn Param, position, &q.text, &q.value, &q.high, qualifier, &q.unit, year]
            })
            .collect();
        db.execute(&format!("{insert} VALUES {}", values_list(chunk.len(), 8)), &params)?;
    }
    Ok(())
}

/// Adds `rows` rows and `tokens` tokens to PostgreSQL's `claims_fts_totals` (FTS5 counts its own).
fn count_words(db: Db<'_>, rows: i64, tokens: i64) -> Result<()> {
    if db.dialect() == Dialect::Sqlite || (rows, tokens) == (0, 0) {
        return Ok(());
    }
    // Not an upsert: PostgreSQL checks the CHECKs on the row an upsert proposes, a negative one here.
    // (The newsroom's own row: each newsroom counts its own claims.)
    let sql = format!(
        "UPDATE claims_fts_totals SET claims = claims + ?1, tokens = tokens + ?2 WHERE one_row = 1{}",
        db.newsroom_only("org_id")
    );
    let changed = db.execute(&sql, &[&rows, &tokens])?;
    if changed == 0 {
        db.execute("INSERT INTO claims_fts_totals (one_row, claims, tokens) VALUES (1, ?1, ?2)", &[&rows, &tokens])?;
    }
    Ok(())
}

/// Adds an SQLite ledger's index counts to the PostgreSQL newsroom's: how many claims hold each
/// word, and the row and token totals bm25 reads (a merge, `store::merge`).
pub(crate) fn add_counts(from: &Connection, to: Db<'_>) -> Result<()> {
    let mut stmt = from.prepare("SELECT term, claims FROM claim_term_counts ORDER BY term")?;
    let counts: Vec<(String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    count_terms(to, counts.iter().map(|(term, claims)| (term.as_str(), *claims)))?;
    let totals = sqlite_totals(from)?;
    count_words(to, totals.rows, totals.tokens)
}

/// Adds to how many claims hold each word.
fn count_terms<'t>(db: Db<'_>, counts: impl IntoIterator<Item = (&'t str, i64)>) -> Result<()> {
    if db.dialect() == Dialect::Postgres {
        return count_terms_at_once(db, counts);
    }
    let sql = "INSERT INTO claim_term_counts (term, claims) VALUES (?1, ?2)
               ON CONFLICT (term) DO UPDATE SET claims = claim_term_counts.claims + excluded.claims";
    for (term, claims) in counts {
        db.execute(sql, &[&term, &claims])?;
    }
    Ok(())
}

/// [`count_terms`] on PostgreSQL, where each newsroom counts its own claims' words (schema-postgres.sql,
/// migration 3): the words and their counts as two space-separated lists (a word holds no space), a
/// few thousand words per statement instead of a statement per word.
fn count_terms_at_once<'t>(db: Db<'_>, counts: impl IntoIterator<Item = (&'t str, i64)>) -> Result<()> {
    const WORDS_PER_STATEMENT: usize = 4_096;
    let sql = "INSERT INTO claim_term_counts (term, claims)
               SELECT * FROM unnest(string_to_array(?1, ' '), CAST(string_to_array(?2, ' ') AS BIGINT[]))
               ON CONFLICT (org_id, term) DO UPDATE SET claims = claim_term_counts.claims + excluded.claims";
    let mut counts = counts.into_iter().peekable();
    while counts.peek().is_some() {
        let (mut terms, mut numbers) = (String::new(), String::new());
        for (term, claims) in counts.by_ref().take(WORDS_PER_STATEMENT) {
            if !terms.is_empty() {
                terms.push(' ');
                numbers.push(' ');
            }
            terms.push_str(term);
            numbers.push_str(&claims.to_string());
        }
        db.execute(sql, &[&terms, &numbers])?;
    }
    Ok(())
}

/// Each word of an index entry once.
fn distinct(terms: &str) -> std::collections::BTreeSet<&str> {
    terms.split(' ').filter(|t| !t.is_empty()).collect()
}

/// The full-text index's row for a claim: FTS5's rowid is PostgreSQL's claim_id.
fn fts_row(db: Db<'_>) -> &'static str {
    match db.dialect() {
        Dialect::Sqlite => "rowid",
        Dialect::Postgres => "claim_id",
    }
}

/// Removes a claim's words from the full-text index and from the counts of claims per word.
fn forget_terms(db: Db<'_>, id: ClaimId) -> Result<()> {
    let row = fts_row(db);
    let old: Option<String> =
        db.query_opt(&format!("SELECT terms FROM claims_fts WHERE {row} = ?1"), &[&id], |r| r.get(0))?;
    let Some(old) = old else { return Ok(()) };
    for term in distinct(&old) {
        db.execute("UPDATE claim_term_counts SET claims = claims - 1 WHERE term = ?1", &[&term])?;
        db.execute("DELETE FROM claim_term_counts WHERE term = ?1 AND claims <= 0", &[&term])?;
    }
    db.execute(&format!("DELETE FROM claims_fts WHERE {row} = ?1"), &[&id])?;
    count_words(db, -1, -bm25::length(&old))
}

/// Tables worked out from claims' texts, not audited: a revert neither checks nor restores
/// them row by row, but keeps them in step through [`forget_in`] and [`index`].
pub(crate) const DERIVED_TABLES: [&str; 2] = ["claim_quantities", "claim_mismatches"];

/// Removes a claim's index words, quantities and mismatches (before the claim row goes).
pub(crate) fn forget_in(db: Db<'_>, id: ClaimId) -> Result<()> {
    forget_terms(db, id)?;
    db.execute("DELETE FROM claim_quantities WHERE claim_id = ?1", &[&id])?;
    db.execute("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1", &[&id])?;
    Ok(())
}

/// Merges the full-text index into one segment, which drops what deleted rows left in it
/// (after a redaction: the redacted words must not stay findable in the file). PostgreSQL
/// keeps no segments: the old row version stays on disk until VACUUM, which cannot run
/// inside the redaction's transaction (docs/postgres-port.md, item 17).
pub(crate) fn purge_deleted_in(db: Db<'_>) -> Result<()> {
    if db.dialect() == Dialect::Sqlite {
        db.execute("INSERT INTO claims_fts (claims_fts) VALUES ('optimize')", &[])?;
    }
    Ok(())
}

/// Indexes a claim again from the text its row now holds (after a revert rewrote or restored it).
pub(crate) fn reindex_claim_in(db: Db<'_>, id: ClaimId, replace: bool) -> Result<()> {
    let text: String = db
        .query_opt("SELECT text FROM claims WHERE id = ?1", &[&id], |r| r.get(0))?
        .ok_or_else(|| crate::error::Error::Internal(format!("claim {id} has no row to index")))?;
    if replace {
        db.execute("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1", &[&id])?;
    } else {
        // A row a revert wrote back holds what its snapshot held: no duplicate key.
        write_key(db, id, &text)?;
    }
    index(db, id, &text, replace)
}

/// Fills the index for every claim that has no key yet (after the migration that added it).
/// On PostgreSQL, the newsroom's own claims: each newsroom counts its own claims' words.
pub(crate) fn fill_missing(db: Db<'_>) -> Result<usize> {
    let sql = format!("SELECT id, text FROM claims WHERE text_key IS NULL{} ORDER BY id", db.newsroom_only("org_id"));
    let todo: Vec<(ClaimId, String)> = db.query(&sql, &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let texts: Vec<&str> = todo.iter().map(|(_, text)| text.as_str()).collect();
    let entries = matching::index_entries(&texts, matching::cores());
    for (id, text) in &todo {
        write_key(db, *id, text)?;
    }
    index_new_claims(db, todo.iter().map(|(id, _)| *id).zip(&entries))?;
    Ok(todo.len())
}

/// [`fill_missing`] for each newsroom of a PostgreSQL ledger in turn, as its owner after a
/// migration that emptied the index (the owner reads every newsroom's rows; each newsroom's words
/// are counted under its own name). Inside the migration's transaction; the newsroom the session
/// acted for before is restored.
pub(crate) fn fill_missing_per_newsroom(db: Db<'_>) -> Result<usize> {
    let before: Option<String> =
        db.query_opt("SELECT current_setting('claimtrack.org', true)", &[], |r| r.get(0))?.flatten();
    let newsrooms: Vec<i64> =
        db.query("SELECT DISTINCT org_id FROM claims WHERE text_key IS NULL ORDER BY org_id", &[], |r| r.get(0))?;
    let mut indexed = 0;
    for newsroom in &newsrooms {
        act_for_locally(db, &newsroom.to_string())?;
        indexed += fill_missing(db)?;
    }
    if !newsrooms.is_empty() {
        act_for_locally(db, before.as_deref().unwrap_or(""))?;
    }
    Ok(indexed)
}

/// Sets the newsroom a PostgreSQL session writes for, until its transaction ends.
fn act_for_locally(db: Db<'_>, newsroom: &str) -> Result<()> {
    db.query_opt("SELECT set_config('claimtrack.org', ?1, true)", &[&newsroom], |r| r.get::<String>(0))?;
    Ok(())
}

/// Empties the whole index and fills it again from the claims' texts; how many claims it holds.
pub(crate) fn rebuild(db: Db<'_>) -> Result<usize> {
    for sql in [
        "DELETE FROM claims_fts",
        "DELETE FROM claim_term_counts",
        "DELETE FROM claim_quantities",
        "UPDATE claims SET text_key = NULL",
    ] {
        db.execute(sql, &[])?;
    }
    if db.dialect() == Dialect::Postgres {
        db.execute("DELETE FROM claims_fts_totals", &[])?;
    }
    fill_missing(db)
}

/// Writes the full-text words and quantities of claims written with their duplicate key
/// and nothing else (an import's new claims), in id order.
pub(crate) fn index_new_claims<'e>(
    db: Db<'_>,
    claims: impl IntoIterator<Item = (ClaimId, &'e IndexEntry)>,
) -> Result<()> {
    let mut counts: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    let (mut rows, mut tokens) = (0, 0);
    // Only PostgreSQL keeps the token total itself (FTS5 counts its own).
    let on_server = db.dialect() == Dialect::Postgres;
    for (id, entry) in claims {
        write_words(db, id, entry)?;
        for term in distinct(&entry.terms) {
            *counts.entry(term).or_default() += 1;
        }
        rows += 1;
        if on_server {
            tokens += bm25::length(&entry.terms);
        }
    }
    count_words(db, rows, tokens)?;
    // Written in word order, so the counts' index is filled front to back.
    let mut counts: Vec<(&str, i64)> = counts.into_iter().collect();
    counts.sort_unstable();
    count_terms(db, counts)
}

/// What FTS5 counts in an SQLite ledger's `claims_fts` (rows, and tokens counted as
/// `matching::bm25` counts them), read row by row: what PostgreSQL's `claims_fts_totals` holds
/// for the same rows.
pub(crate) fn sqlite_totals(conn: &Connection) -> Result<bm25::Totals> {
    let mut totals = bm25::Totals::default();
    let mut stmt = conn.prepare("SELECT terms FROM claims_fts")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        totals.rows += 1;
        totals.tokens += bm25::length(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
    }
    Ok(totals)
}

/// PostgreSQL's `claims_fts_totals`, or None on SQLite (whose FTS5 keeps its own) and on a
/// ledger with nothing indexed yet.
pub(crate) fn totals(db: Db<'_>) -> Result<Option<bm25::Totals>> {
    if db.dialect() == Dialect::Sqlite {
        return Ok(None);
    }
    let sql = format!("SELECT claims, tokens FROM claims_fts_totals WHERE true{}", db.newsroom_only("org_id"));
    db.query_opt(&sql, &[], |r| Ok(bm25::Totals { rows: r.get(0)?, tokens: r.get(1)? }))
}

/// Sets PostgreSQL's `claims_fts_totals` (after a copy brought `claims_fts`'s rows in).
pub(crate) fn set_totals(db: Db<'_>, totals: bm25::Totals) -> Result<()> {
    if db.dialect() == Dialect::Postgres {
        db.execute(&format!("DELETE FROM claims_fts_totals WHERE true{}", db.newsroom_only("org_id")), &[])?;
        count_words(db, totals.rows, totals.tokens)?;
    }
    Ok(())
}

/// Claims whose duplicate key no longer matches their text (edited by hand), for `verify`.
pub fn text_key_mismatches(db: Db<'_>) -> Result<Vec<String>> {
    let message = |id: i64| {
        format!(
            "claims row {id}'s text_key does not match its text, so duplicates of it would be missed; run `claimtrack similar --reindex`"
        )
    };
    let mut out = Vec::new();
    let sql = format!("SELECT id, text, text_key FROM claims WHERE true{} ORDER BY id", db.newsroom_only("org_id"));
    db.each(&sql, &[], |row| {
        let (id, text, stored): (i64, String, Option<String>) = (row.get(0)?, row.get(1)?, row.get(2)?);
        if stored.as_deref() != Some(matching::text::duplicate_key(&text).as_str()) {
            out.push(message(id));
        }
        Ok(())
    })?;
    Ok(out)
}

/// Active claims whose duplicate key is `key`, oldest first. On a server, the newsroom's own:
/// what a write cites or links as the same claim must be its own (a claim a coalition shares
/// still shows among the near-duplicates).
pub fn by_key(db: Db<'_>, key: &str) -> Result<Vec<ClaimId>> {
    let sql = format!(
        "SELECT id FROM claims WHERE text_key = ?1 AND status = 'active'{} ORDER BY id",
        db.newsroom_only("org_id")
    );
    db.query(&sql, &[&key], |r| r.get(0))
}

/// How many claims hold `word` in the index.
pub fn claims_with(db: Db<'_>, word: &str) -> Result<f64> {
    let n: Option<i64> =
        db.query_opt("SELECT claims FROM claim_term_counts WHERE term = ?1", &[&word], |r| r.get(0))?;
    Ok(n.unwrap_or(0) as f64)
}

/// [`claims_with`] for each word, in order: on PostgreSQL in one round trip (index words hold
/// no spaces, so they travel as one space-separated text).
pub fn claims_with_each(db: Db<'_>, words: &[&str]) -> Result<Vec<f64>> {
    if db.dialect() == Dialect::Sqlite || words.iter().any(|w| w.contains(' ') || w.is_empty()) {
        return words.iter().map(|w| claims_with(db, w)).collect();
    }
    let found: std::collections::HashMap<String, i64> = db
        .query(
            "SELECT term, claims FROM claim_term_counts WHERE term = ANY(string_to_array(?1, ' '))",
            &[&words.join(" ")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .into_iter()
        .collect();
    Ok(words.iter().map(|w| found.get(*w).copied().unwrap_or(0) as f64).collect())
}

/// About how many claims the ledger holds (the highest id: no count over a million rows).
pub fn claim_count(db: Db<'_>) -> Result<f64> {
    let n: Option<i64> = db.query_opt("SELECT coalesce(max(id), 0) FROM claims", &[], |r| r.get(0))?;
    Ok(n.unwrap_or(0) as f64)
}

/// Active claims holding any of `words` in the index, at most `limit`, best bm25 first: the
/// `limit` best rows of the whole index (retracted claims' too), then the active ones of them.
/// On PostgreSQL the GIN index finds every row holding a word and FTS5's bm25 is worked out
/// in Rust (`matching::bm25`) over them, from `claims_fts_totals`: the same rows, scores and
/// order as SQLite's FTS5 gives.
pub fn candidates(db: Db<'_>, words: &[String], limit: usize) -> Result<Vec<Hit>> {
    match db.dialect() {
        Dialect::Sqlite => {
            let Some(fts) = query::any_of(words) else { return Ok(Vec::new()) };
            db.query(
                "SELECT c.id, c.text, -f.rank, f.terms FROM
                   (SELECT rowid, rank, terms FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
                 JOIN claims c ON c.id = f.rowid
                 WHERE c.status = 'active'
                 ORDER BY f.rank",
                &[&fts, &limit],
                |r| Ok(Hit { id: r.get(0)?, text: r.get(1)?, bm25: r.get(2)?, terms: r.get(3)?, own: true }),
            )
        }
        Dialect::Postgres => {
            let Some(tsquery) = query::any_of_tsquery(words) else { return Ok(Vec::new()) };
            let totals = self::totals(db)?.unwrap_or_default();
            // Every row holding a word; then the texts of the best ones whose claims stand.
            let rows: Vec<(i64, String)> = db.query(
                // (Through fts_rows, so the GIN index is searched under row-level security too.)
                "SELECT claim_id, terms FROM fts_rows(to_tsquery('simple', ?1))",
                &[&tsquery],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let texts: Vec<(i64, &str)> = rows.iter().map(|(id, terms)| (*id, terms.as_str())).collect();
            let best = bm25::best(&query::distinct_words(words), &texts, totals, limit);
            let ids: Vec<String> = best.iter().map(|(id, _)| id.to_string()).collect();
            // (Whether each is the newsroom's own or one a coalition shares with it, in the same read.)
            let mut standing: std::collections::HashMap<i64, (String, bool)> = db
                .query(
                    "SELECT id, text, org_id = my_newsroom() FROM claims
                     WHERE id = ANY(CAST(string_to_array(?1, ',') AS BIGINT[])) AND status = 'active'",
                    &[&ids.join(",")],
                    |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
                )?
                .into_iter()
                .collect();
            let mut terms: std::collections::HashMap<i64, String> = rows.into_iter().collect();
            Ok(best
                .into_iter()
                .filter_map(|(id, score)| {
                    let (text, own) = standing.remove(&id)?;
                    Some(Hit { id: ClaimId(id), text, bm25: score, terms: terms.remove(&id)?, own })
                })
                .collect())
        }
    }
}

/// Ids of the claims (retracted ones too) matching a search, in id order.
pub fn search_ids(db: Db<'_>, search: &query::Query) -> Result<Vec<ClaimId>> {
    match db.dialect() {
        Dialect::Sqlite => {
            db.query("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid", &[&search.fts5()], |r| {
                r.get(0)
            })
        }
        Dialect::Postgres => db.query(
            "SELECT claim_id FROM claims_fts WHERE claim_id IN (SELECT fts_matches(to_tsquery('simple', ?1)))
             ORDER BY claim_id",
            &[&search.tsquery()],
            |r| r.get(0),
        ),
    }
}

/// A claim's stored quantities, in the order written.
pub fn quantities(db: Db<'_>, id: ClaimId) -> Result<Vec<Quantity>> {
    use crate::matching::numbers::Qualifier;
    db.query(
        "SELECT text, value, high, qualifier, unit, is_year FROM claim_quantities WHERE claim_id = ?1 ORDER BY position",
        &[&id],
        |r| {
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
                year: r.get::<i64>(5)? == 1,
            })
        },
    )
}

/// The stored mismatches of the given claims (or of every claim) with claims that still stand,
/// ordered by claim, other claim and position.
pub fn mismatches_in(db: Db<'_>, claims: Option<&[ClaimId]>) -> Result<Vec<StoredMismatch>> {
    let row = |r: &super::db::Row<'_>| {
        Ok(StoredMismatch { claim: r.get(0)?, other: r.get(1)?, ours: r.get(2)?, theirs: r.get(3)? })
    };
    const SELECT: &str = "SELECT m.claim_id, m.other_claim_id, m.ours, m.theirs FROM claim_mismatches m
         JOIN claims o ON o.id = m.other_claim_id AND o.status = 'active'";
    match claims {
        None => db.query(&format!("{SELECT} ORDER BY m.claim_id, m.other_claim_id, m.position"), &[], row),
        Some(ids) => {
            let sql = format!("{SELECT} WHERE m.claim_id = ?1 ORDER BY m.other_claim_id, m.position");
            let mut out = Vec::new();
            for id in ids {
                out.extend(db.query(&sql, &[id], row)?);
            }
            Ok(out)
        }
    }
}

/// [`mismatches_in`] for the claims in the temporary table `scope_claims` ([`super::graph::load_scope`]),
/// in one query: claim by claim in id order, each as `mismatches_in` orders it.
pub fn mismatches_in_scope(db: Db<'_>) -> Result<Vec<StoredMismatch>> {
    db.query(
        "SELECT m.claim_id, m.other_claim_id, m.ours, m.theirs FROM claim_mismatches m
         JOIN claims o ON o.id = m.other_claim_id AND o.status = 'active'
         WHERE m.claim_id IN (SELECT id FROM scope_claims)
         ORDER BY m.claim_id, m.other_claim_id, m.position",
        &[],
        |r| Ok(StoredMismatch { claim: r.get(0)?, other: r.get(1)?, ours: r.get(2)?, theirs: r.get(3)? }),
    )
}

/// Claims added at or after a time (`created_at >= since`), or all, with their text, in id order.
pub fn claims_since(db: Db<'_>, since: Option<&str>) -> Result<Vec<(ClaimId, String)>> {
    db.query(
        "SELECT id, text FROM claims WHERE status = 'active' AND (CAST(?1 AS TEXT) IS NULL OR created_at >= ?1)
         ORDER BY id",
        &[&since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A claim's text and whether it stands.
pub fn text_of(db: Db<'_>, id: ClaimId) -> Result<Option<(String, ClaimStatus)>> {
    db.query_opt("SELECT text, status FROM claims WHERE id = ?1", &[&id], |r| Ok((r.get(0)?, r.get(1)?)))
}

impl Tx<'_> {
    /// Keeps the matching index in step with a claim's text (called wherever the text is written);
    /// `replace` for a claim that had a text before.
    pub(crate) fn index_claim(&mut self, id: ClaimId, text: &str, replace: bool) -> Result<()> {
        index(self.db(), id, text, replace)
    }

    /// Replaces the numeric mismatches between `claim` and each of `others` with `found`
    /// (stored once each way).
    pub fn set_mismatches(
        &mut self,
        claim: ClaimId,
        found: &[(ClaimId, Vec<matching::numbers::Disagreement>)],
    ) -> Result<()> {
        set_mismatches(self.db(), claim, found)
    }

    /// Forgets every mismatch of a claim (its text changed; they are worked out again).
    pub fn clear_mismatches(&mut self, claim: ClaimId) -> Result<()> {
        self.db().execute("DELETE FROM claim_mismatches WHERE claim_id = ?1 OR other_claim_id = ?1", &[&claim])?;
        Ok(())
    }

    /// Rebuilds the whole index from the claims' texts; returns how many claims it holds.
    pub fn reindex(&mut self) -> Result<usize> {
        rebuild(self.db())
    }
}

/// Which of `claims` are the newsroom's own: all of them on SQLite. On PostgreSQL a near-duplicate
/// may be a claim another newsroom shares with a coalition: its disagreement is shown, not stored,
/// since a newsroom's rows refer only to its own (schema-postgres.sql, migration 4).
fn own_claims(db: Db<'_>, claims: impl Iterator<Item = ClaimId>) -> Result<std::collections::HashSet<ClaimId>> {
    let ids: Vec<i64> = claims.map(|c| c.0).collect();
    Ok(db.own_ids("claims", &ids)?.into_iter().map(ClaimId).collect())
}

/// [`Tx::set_mismatches`] on either engine.
pub(crate) fn set_mismatches(
    db: Db<'_>,
    claim: ClaimId,
    found: &[(ClaimId, Vec<matching::numbers::Disagreement>)],
) -> Result<()> {
    let own = own_claims(db, found.iter().map(|(other, _)| *other))?;
    let found: Vec<&(ClaimId, Vec<matching::numbers::Disagreement>)> =
        found.iter().filter(|(other, _)| own.contains(other)).collect();
    if found.is_empty() {
        return Ok(());
    }
    // One DELETE and one INSERT for them all: on a server, a statement per row is a round trip per row.
    let others: Vec<ClaimId> = found.iter().map(|(other, _)| *other).collect();
    let list = (2..others.len() + 2).map(|n| format!("?{n}")).collect::<Vec<_>>().join(", ");
    let mut params: Vec<&dyn Param> = vec![&claim];
    params.extend(others.iter().map(|o| o as &dyn Param));
    db.execute(
        &format!(
            "DELETE FROM claim_mismatches WHERE (claim_id = ?1 AND other_claim_id IN ({list}))
                                             OR (other_claim_id = ?1 AND claim_id IN ({list}))"
        ),
        &params,
    )?;
    // Each disagreement once each way: (claim, other, position, ours, theirs).
    let mut rows: Vec<(ClaimId, ClaimId, i64, &str, &str)> = Vec::new();
    for (other, disagreements) in &found {
        for (position, d) in disagreements.iter().enumerate() {
            rows.push((claim, *other, position as i64, &d.ours, &d.theirs));
            rows.push((*other, claim, position as i64, &d.theirs, &d.ours));
        }
    }
    for chunk in rows.chunks(1_000) {
        let values = values_list(chunk.len(), 5);
        let params: Vec<&dyn Param> = chunk.iter().flat_map(|(a, b, p, o, t)| [a as &dyn Param, b, p, o, t]).collect();
        db.execute(
            &format!("INSERT INTO claim_mismatches (claim_id, other_claim_id, position, ours, theirs) VALUES {values}"),
            &params,
        )?;
    }
    Ok(())
}
