//! SQL behind import and export: what an import must find again (claims, sources,
//! articles, citations, reviews, links) and writes, and what an export reads.
//! (Over 400 lines: one place for every query the interchange paths run.)

use super::Tx;
use super::audit::Table;
use super::db::{Datum, Db, Dialect, FromDatum, Param, Row, Value};
use crate::date::PartialDate;
use crate::error::Result;
use crate::interchange::{ItemArticle, ItemCitation, ItemRating, ItemSource, Scalar};
use crate::model::{ArticleId, ClaimId, Medium, PublishedReview, Rating, ReviewId, SourceId, SourceKind, VerdictId};

/// Every claim's text with its id and whether it is retracted, for finding exact duplicates.
pub fn claim_texts(db: Db<'_>) -> Result<Vec<(String, ClaimId, bool)>> {
    db.query("SELECT text, id, status = 'retracted' FROM claims ORDER BY id", &[], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// A source's id with one of its name keys (name or alias) and its URL.
pub type SourceKey = (SourceId, Option<String>, Option<String>);
/// An article's id, URL, title key, publisher and date.
pub type ArticleKey = (ArticleId, Option<String>, String, Option<SourceId>, Option<String>);
/// A citation's article, source and start second.
pub type CitationKey = (ArticleId, Option<SourceId>, Option<i64>);
/// A review's URL, reviewer, rating words and date.
pub type ReviewKey = (Option<String>, Option<SourceId>, Option<String>, Option<String>);

/// Every source's name key, alias keys and URL, for resolving names without a query per row.
/// (On a server, the newsroom's own: its records refer only to its own, not to what a coalition shares.)
pub fn source_keys(db: Db<'_>) -> Result<Vec<SourceKey>> {
    let own = db.newsroom_only("org_id");
    db.query(
        &format!(
            "SELECT id, name_key, url FROM sources WHERE true{own}
             UNION ALL SELECT source_id, alias_key, NULL FROM source_aliases WHERE true{own}
             ORDER BY 1"
        ),
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Every article's identity: URL, or title key, publisher and date.
/// (On a server, the newsroom's own, as [`source_keys`].)
pub fn article_keys(db: Db<'_>) -> Result<Vec<ArticleKey>> {
    let sql = format!(
        "SELECT id, url, coalesce(title_key, ''), publisher_id, published FROM articles WHERE true{} ORDER BY id",
        db.newsroom_only("org_id")
    );
    db.query(&sql, &[], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
}

/// A claim's citations as (article, source, time), to skip one an import already recorded.
pub fn citation_keys(db: Db<'_>, claim: ClaimId) -> Result<Vec<CitationKey>> {
    db.query("SELECT article_id, source_id, start_second FROM citations WHERE claim_id = ?1", &[&claim], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// A claim's reviews as (url, reviewer, rating words, date), to skip one already imported.
pub fn review_keys(db: Db<'_>, claim: ClaimId) -> Result<Vec<ReviewKey>> {
    db.query("SELECT url, reviewer_id, rating_words, published FROM reviews WHERE claim_id = ?1", &[&claim], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
}

/// Every claim's citation, review and link keys, read in one pass each: what a large
/// import knows before it drops the indexes a per-claim lookup would need.
pub fn all_keys(db: Db<'_>) -> Result<AllKeys> {
    Ok(AllKeys {
        citations: db.query("SELECT claim_id, article_id, source_id, start_second FROM citations", &[], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?,
        reviews: db.query("SELECT claim_id, url, reviewer_id, rating_words, published FROM reviews", &[], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?,
        links: db.query(
            "SELECT claim_id, target_article_id FROM links WHERE target_article_id IS NOT NULL",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    })
}

/// See [`all_keys`].
#[derive(Default)]
pub struct AllKeys {
    pub citations: Vec<(ClaimId, CitationKey)>,
    pub reviews: Vec<(ClaimId, ReviewKey)>,
    pub links: Vec<(ClaimId, ArticleId)>,
}

/// The articles a claim is linked to.
pub fn linked_articles(db: Db<'_>, claim: ClaimId) -> Result<Vec<ArticleId>> {
    db.query(
        "SELECT target_article_id FROM links WHERE claim_id = ?1 AND target_article_id IS NOT NULL",
        &[&claim],
        |r| r.get(0),
    )
}

/// A review to record.
pub struct NewReview<'a> {
    pub claim: ClaimId,
    pub verdict: Option<VerdictId>,
    pub reviewer: Option<SourceId>,
    pub url: Option<&'a str>,
    pub published: Option<&'a str>,
    pub rating: Option<&'a ItemRating>,
    pub body: Option<&'a str>,
}

/// A rating number or word kept as the input typed it: as it is in SQLite's `ANY` column, as
/// its JSON (`5`, `4.5`, `"2/7"`) in PostgreSQL's jsonb cell.
enum Verbatim<'a> {
    Cell(Option<&'a Scalar>),
    Json(Option<String>),
}

impl<'a> Verbatim<'a> {
    fn of(db: Db<'_>, scalar: Option<&'a Scalar>) -> Verbatim<'a> {
        if db.dialect() == Dialect::Sqlite {
            return Verbatim::Cell(scalar);
        }
        Verbatim::Json(scalar.map(|s| {
            match s {
                Scalar::Integer(i) => serde_json::Value::from(*i),
                Scalar::Real(r) => serde_json::Value::from(*r),
                Scalar::Text(t) => serde_json::Value::from(t.as_str()),
            }
            .to_string()
        }))
    }
}

impl Param for Verbatim<'_> {
    fn value(&self) -> Value<'_> {
        match self {
            Verbatim::Cell(None) | Verbatim::Json(None) => Value::Null,
            Verbatim::Cell(Some(Scalar::Integer(i))) => Value::Integer(*i),
            Verbatim::Cell(Some(Scalar::Real(r))) => Value::Real(*r),
            Verbatim::Cell(Some(Scalar::Text(t))) => Value::Text(t),
            Verbatim::Json(Some(json)) => Value::Text(json),
        }
    }
}

/// A rating number or word read back as it was kept (nothing for anything else).
struct Kept(Option<Scalar>);

impl FromDatum for Kept {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        Ok(Kept(match datum {
            Datum::Integer(i) => Some(Scalar::Integer(i)),
            Datum::Real(r) => Some(Scalar::Real(r)),
            Datum::Text(t) => Some(Scalar::Text(t)),
            _ => None,
        }))
    }
}

/// A review's three rating cells (`r.rating_value, r.best_rating, r.worst_rating`) as selected:
/// SQLite keeps a number or a word as it came; PostgreSQL keeps it as jsonb, read as its JSON text.
fn rating_cells(db: Db<'_>) -> &'static str {
    match db.dialect() {
        Dialect::Sqlite => "r.rating_value, r.best_rating, r.worst_rating",
        Dialect::Postgres => "CAST(r.rating_value AS TEXT), CAST(r.best_rating AS TEXT), CAST(r.worst_rating AS TEXT)",
    }
}

/// One of [`rating_cells`] read back as it was kept.
fn rating_cell(db: Db<'_>, row: &Row<'_>, index: usize) -> Result<Option<Scalar>> {
    if db.dialect() == Dialect::Sqlite {
        return Ok(row.get::<Kept>(index)?.0);
    }
    let json: Option<String> = row.get(index)?;
    Ok(match json.as_deref().map(serde_json::from_str::<serde_json::Value>) {
        Some(Ok(serde_json::Value::Number(n))) => {
            n.as_i64().map(Scalar::Integer).or_else(|| n.as_f64().map(Scalar::Real))
        }
        Some(Ok(serde_json::Value::String(t))) => Some(Scalar::Text(t)),
        _ => None,
    })
}

impl Tx<'_> {
    /// A claim that came from an import, with where it came from and its duplicate key
    /// (its full-text words and quantities follow in one pass: `matching::index_claims_after`).
    pub fn add_imported_claim(&mut self, text: &str, from: &str, key: &str) -> Result<ClaimId> {
        let text = text.trim();
        let at = self.author().at.clone();
        let id = self.audited_insert(Table::Claims, None, |db| {
            db.insert(
                "INSERT INTO claims (text, created_at, updated_at, imported_from, text_key, title)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?1) RETURNING id",
                &[&text, &at, &from, &key],
            )
        })?;
        Ok(ClaimId(id))
    }

    pub fn add_review(&mut self, new: &NewReview<'_>) -> Result<ReviewId> {
        let at = self.author().at.clone();
        let rating = new.rating;
        let id = self.audited_insert(Table::Reviews, Some(new.claim), |db| {
            let cells = match db.dialect() {
                Dialect::Sqlite => "?7, ?8, ?9",
                Dialect::Postgres => {
                    "CAST(CAST(?7 AS TEXT) AS JSONB), CAST(CAST(?8 AS TEXT) AS JSONB), CAST(CAST(?9 AS TEXT) AS JSONB)"
                }
            };
            db.insert(
                &format!(
                    "INSERT INTO reviews (claim_id, verdict_id, reviewer_id, url, published, rating_words,
                                          rating_value, best_rating, worst_rating, body, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, {cells}, ?10, ?11) RETURNING id"
                ),
                &[
                    &new.claim,
                    &new.verdict,
                    &new.reviewer,
                    &new.url,
                    &new.published,
                    &rating.and_then(|r| r.words.as_deref()),
                    &Verbatim::of(db, rating.and_then(|r| r.value.as_ref())),
                    &Verbatim::of(db, rating.and_then(|r| r.best.as_ref())),
                    &Verbatim::of(db, rating.and_then(|r| r.worst.as_ref())),
                    &new.body,
                    &at,
                ],
            )
        })?;
        Ok(ReviewId(id))
    }
}

/// Which reviews an export wants.
#[derive(Clone, Debug, Default)]
pub struct ReviewFilter {
    pub claim: Option<ClaimId>,
    pub article: Option<ArticleId>,
    /// Reviews published (or, for a verdict with no published review, given) on or after this day.
    pub since: Option<String>,
}

/// A claim's published reviews, oldest first (`claim show`).
pub fn reviews_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<PublishedReview>> {
    let text = |r: &Row<'_>, index: usize| -> Result<Option<String>> {
        Ok(rating_cell(db, r, index)?.map(|s| match s {
            Scalar::Integer(i) => i.to_string(),
            Scalar::Real(r) => r.to_string(),
            Scalar::Text(t) => t,
        }))
    };
    db.query(
        &format!(
            "SELECT r.id, s.name, r.url, r.published, r.rating_words, {}, r.verdict_id
             FROM reviews r LEFT JOIN sources s ON s.id = r.reviewer_id WHERE r.claim_id = ?1 ORDER BY r.id",
            rating_cells(db)
        ),
        &[&claim],
        |r| {
            Ok(PublishedReview {
                id: r.get(0)?,
                reviewer: r.get(1)?,
                url: r.get(2)?,
                published: r.get(3)?,
                rating_words: r.get(4)?,
                rating_value: text(r, 5)?,
                best_rating: text(r, 6)?,
                worst_rating: text(r, 7)?,
                verdict_id: r.get(8)?,
            })
        },
    )
}

/// One review as stored: a verdict with the review that published it, or a review with no verdict.
#[derive(Clone, Debug)]
pub struct StoredReview {
    pub claim: ClaimId,
    pub claim_text: String,
    pub verdict: Option<Rating>,
    pub verdict_at: Option<String>,
    pub review: Option<ReviewId>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub rating: Option<ItemRating>,
    pub body: Option<String>,
    pub reviewer: Option<ItemSource>,
}

/// Every review of active claims (withdrawn verdicts left out), by claim, then date, then id.
/// (The filters are cast: PostgreSQL cannot type a parameter seen only in `IS NULL`.)
pub fn reviews(db: Db<'_>, filter: &ReviewFilter) -> Result<Vec<StoredReview>> {
    let sql = format!(
        "WITH every (claim_id, verdict_id, review_id) AS (
             SELECT v.claim_id, v.id, (SELECT min(r.id) FROM reviews r WHERE r.verdict_id = v.id) FROM verdicts v
             WHERE v.withdrawn_at IS NULL -- a withdrawn verdict is not published
             UNION ALL
             SELECT r.claim_id, NULL, r.id FROM reviews r WHERE r.verdict_id IS NULL
         )
         SELECT c.id, c.text, v.rating, v.created_at, r.id, r.url, r.published, r.rating_words, {},
                r.body, s.name, s.kind, s.url,
                coalesce(r.published, substr(v.created_at, 1, 10)) AS day
         FROM every e JOIN claims c ON c.id = e.claim_id
         LEFT JOIN verdicts v ON v.id = e.verdict_id
         LEFT JOIN reviews r ON r.id = e.review_id
         LEFT JOIN sources s ON s.id = r.reviewer_id
         WHERE c.status = 'active'
           AND (CAST(?1 AS BIGINT) IS NULL OR c.id = ?1)
           AND (CAST(?2 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM citations t WHERE t.claim_id = c.id AND t.article_id = ?2))
           AND (CAST(?3 AS TEXT) IS NULL OR coalesce(r.published, substr(v.created_at, 1, 10)) >= ?3)
         ORDER BY c.id, day, coalesce(e.verdict_id, 0), e.review_id",
        rating_cells(db)
    );
    db.query(&sql, &[&filter.claim, &filter.article, &filter.since], |r| {
        let words: Option<String> = r.get(7)?;
        let (value, best, worst) = (rating_cell(db, r, 8)?, rating_cell(db, r, 9)?, rating_cell(db, r, 10)?);
        let rating = (words.is_some() || value.is_some()).then_some(ItemRating { words, value, best, worst });
        let reviewer = match r.get::<Option<String>>(12)? {
            Some(name) => Some(ItemSource { name, kind: r.get(13)?, url: r.get(14)? }),
            None => None,
        };
        Ok(StoredReview {
            claim: r.get(0)?,
            claim_text: r.get(1)?,
            verdict: r.get(2)?,
            verdict_at: r.get(3)?,
            review: r.get(4)?,
            url: r.get(5)?,
            published: r.get(6)?,
            rating,
            body: r.get(11)?,
            reviewer,
        })
    })
}

/// Where a claim appeared, earliest publication first (undated last, then by id) — the
/// order `claim_origins` uses, so the first is the claim's first appearance.
pub fn appearances(db: Db<'_>, claim: ClaimId) -> Result<Vec<ItemCitation>> {
    db.query(
        "SELECT a.title, a.url, a.published, a.published_precision, a.medium, p.name, p.kind, p.url,
                s.name, s.kind, s.url, t.kind, t.start_second, t.end_second
         FROM citations t JOIN articles a ON a.id = t.article_id
         LEFT JOIN sources p ON p.id = a.publisher_id
         LEFT JOIN sources s ON s.id = t.source_id
         WHERE t.claim_id = ?1
         ORDER BY a.published IS NULL, a.published, a.id, t.id",
        &[&claim],
        |r| {
            let party = |at: usize| -> Result<Option<ItemSource>> {
                Ok(match r.get::<Option<String>>(at)? {
                    Some(name) => Some(ItemSource { name, kind: r.get(at + 1)?, url: r.get(at + 2)? }),
                    None => None,
                })
            };
            let published: Option<String> = r.get(2)?;
            let precision: Option<String> = r.get(3)?;
            let medium: Option<Medium> = r.get(4)?;
            Ok(ItemCitation {
                article: ItemArticle {
                    title: r.get(0)?,
                    url: r.get(1)?,
                    published: match (published, precision) {
                        (Some(d), Some(p)) => PartialDate::from_stored(&d, &p),
                        _ => None,
                    },
                    medium,
                    publisher: party(5)?,
                },
                source: party(8)?,
                kind: r.get(11)?,
                time: match (r.get(12)?, r.get(13)?) {
                    (Some(from), Some(to)) => Some((from, to)),
                    _ => None,
                },
            })
        },
    )
}

/// Reviews whose rating's words do not map onto our scale, for an editor to map: (review, claim, claim text, words).
pub fn unmapped_reviews(db: Db<'_>) -> Result<Vec<(ReviewId, ClaimId, String, String)>> {
    db.query(
        "SELECT r.id, c.id, c.text, r.rating_words FROM reviews r JOIN claims c ON c.id = r.claim_id
         WHERE r.verdict_id IS NULL AND (r.rating_words IS NOT NULL OR r.rating_value IS NOT NULL)
           AND c.status = 'active'
         ORDER BY c.id, r.id",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<Option<String>>(3)?.unwrap_or_default())),
    )
}

/// The kinds of sources, for `SourceKind` values read back (kept here so the import reads one place).
pub fn source_kind(db: Db<'_>, id: SourceId) -> Result<SourceKind> {
    db.query_opt("SELECT kind FROM sources WHERE id = ?1", &[&id], |r| r.get(0))?
        .ok_or_else(|| crate::error::Error::NotFound { what: "source", given: id.to_string() })
}

/// A citation as the CSV and JSON Lines exports write it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportedCitation {
    pub citation: i64,
    pub article: ArticleId,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub medium: Option<Medium>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    pub source_kind: Option<SourceKind>,
    pub kind: crate::model::CitationKind,
    pub quote: Option<String>,
    /// `H:MM:SS-H:MM:SS` in a recording.
    pub at: Option<String>,
}

/// A claim's citations for export, in the order they were recorded.
pub fn exported_citations(db: Db<'_>, claim: ClaimId) -> Result<Vec<ExportedCitation>> {
    db.query(
        "SELECT t.id, a.id, a.title, a.url, a.published, a.medium, p.name, s.name, s.kind, t.kind, t.quote,
                t.start_second, t.end_second
         FROM citations t JOIN articles a ON a.id = t.article_id
         LEFT JOIN sources p ON p.id = a.publisher_id
         LEFT JOIN sources s ON s.id = t.source_id
         WHERE t.claim_id = ?1 ORDER BY t.id",
        &[&claim],
        |r| {
            let time: (Option<i64>, Option<i64>) = (r.get(11)?, r.get(12)?);
            Ok(ExportedCitation {
                citation: r.get(0)?,
                article: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                published: r.get(4)?,
                medium: r.get(5)?,
                publisher: r.get(6)?,
                source: r.get(7)?,
                source_kind: r.get(8)?,
                kind: r.get(9)?,
                quote: r.get(10)?,
                at: match time {
                    (Some(from), Some(to)) => Some(crate::timerange::TimeRange { from, to }.to_string()),
                    _ => None,
                },
            })
        },
    )
}

/// A claim's id, text, status and where it was imported from.
pub type ExportedClaim = (ClaimId, String, crate::model::ClaimStatus, Option<String>);

/// Claims for export: (id, text, status, imported_from), by id; only one claim's, one article's,
/// or those logged on or after a day when asked.
pub fn exported_claims(db: Db<'_>, filter: &ReviewFilter) -> Result<Vec<ExportedClaim>> {
    db.query(
        "SELECT c.id, c.text, c.status, c.imported_from FROM claims c
         WHERE (CAST(?1 AS BIGINT) IS NULL OR c.id = ?1)
           AND (CAST(?2 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM citations t WHERE t.claim_id = c.id AND t.article_id = ?2))
           AND (CAST(?3 AS TEXT) IS NULL OR substr(c.created_at, 1, 10) >= ?3)
         ORDER BY c.id",
        &[&filter.claim, &filter.article, &filter.since],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// The tables a bulk import writes, whose secondary indexes it builds after the load.
/// (Links keep theirs: recording a link looks its pair up.)
const BULK_TABLES: [&str; 5] = ["claims", "citations", "articles", "sources", "reviews"];

impl Tx<'_> {
    /// Drops the secondary indexes of the tables an import writes and returns their
    /// definitions; [`Tx::restore_indexes`] builds them again, once, after the load.
    /// Constraint indexes (UNIQUE, PRIMARY KEY) stay, so every check still holds. It also
    /// widens this connection's page cache for the load that follows.
    /// (Engine-specific: SQLite's schema table and page cache. On PostgreSQL an import takes
    /// the plain path and keeps its indexes: nothing is dropped, and this returns none.)
    pub fn drop_bulk_indexes(&mut self) -> Result<Vec<(String, String)>> {
        let Db::Sqlite(conn) = self.db() else { return Ok(Vec::new()) };
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (?1, ?2, ?3, ?4, ?5) ORDER BY name",
        )?;
        let found: Vec<(String, String)> =
            stmt.query_map(BULK_TABLES, |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for (name, _) in &found {
            conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        // The rows stay in memory until the commit instead of spilling to the write-ahead log
        // page by page (256 MiB at most; this connection ends with the command).
        conn.pragma_update(None, "cache_size", -262_144)?;
        Ok(found)
    }

    /// Builds again the indexes [`Tx::drop_bulk_indexes`] dropped, from their own definitions.
    pub fn restore_indexes(&mut self, indexes: &[(String, String)]) -> Result<()> {
        if indexes.is_empty() {
            return Ok(());
        }
        let conn = self.sqlite("import")?;
        for (_, sql) in indexes {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// A citation's time range in a recording (seconds, from and to) and its article's medium.
pub type Place = (Option<(i64, i64)>, Option<Medium>);

/// Where a citation sits: see [`Place`].
pub fn citation_place(db: Db<'_>, citation: i64) -> Result<Place> {
    db.query_opt(
        "SELECT t.start_second, t.end_second, a.medium FROM citations t JOIN articles a ON a.id = t.article_id
         WHERE t.id = ?1",
        &[&citation],
        |r| {
            let time = match (r.get::<Option<i64>>(0)?, r.get::<Option<i64>>(1)?) {
                (Some(from), Some(to)) => Some((from, to)),
                _ => None,
            };
            Ok((time, r.get(2)?))
        },
    )?
    .ok_or_else(|| crate::error::Error::NotFound { what: "citation", given: citation.to_string() })
}

/// Whether a review already publishes this verdict.
pub fn verdict_published(db: Db<'_>, verdict: VerdictId) -> Result<bool> {
    Ok(db.query_opt("SELECT 1 FROM reviews WHERE verdict_id = ?1 LIMIT 1", &[&verdict], |_| Ok(()))?.is_some())
}

/// A source by its URL (with or without a trailing slash), else by a name or alias key (on a
/// server, among the newsroom's own, as [`source_keys`]).
pub fn find_source(db: Db<'_>, url: Option<&str>, key: &str) -> Result<Option<SourceId>> {
    let own = db.newsroom_only("org_id");
    if let Some(url) = url {
        let bare = url.trim_end_matches('/');
        let found = db.query_opt(
            &format!("SELECT id FROM sources WHERE url IN (?1, ?2){own} ORDER BY id LIMIT 1"),
            &[&bare, &format!("{bare}/")],
            |r| r.get(0),
        )?;
        if found.is_some() {
            return Ok(found);
        }
    }
    db.query_opt(
        &format!(
            "SELECT id FROM sources WHERE name_key = ?1{own}
             UNION SELECT source_id FROM source_aliases WHERE alias_key = ?1{own} ORDER BY 1 LIMIT 1"
        ),
        &[&key],
        |r| r.get(0),
    )
}
