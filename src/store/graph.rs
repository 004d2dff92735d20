//! Loading the in-memory citation graph that flags and reports compute on: the whole ledger, or a scope.

use rusqlite::{Connection, OpenFlags};

use super::db::{Db, Dialect, Pg, Row};
use crate::error::{Error, Result};
use crate::graph::{ArticleNode, CitationEdge, Citations, ClaimNode, Graph, LinkEdge};
use crate::model::{ArticleId, CitationId, CitationKind, ClaimId, ClaimStatus, SourceId, SourceRef};

/// How much of a quote a whole-ledger load keeps: enough to recognise it in a reason.
const QUOTE_PREFIX_CHARS: i64 = 80;

fn claim_node(row: &Row<'_>) -> Result<ClaimNode> {
    Ok(ClaimNode { id: row.get(0)?, text: row.get(1)?, status: row.get(2)?, created_at: row.get(3)? })
}

fn citation_edge(row: &Row<'_>) -> Result<CitationEdge> {
    Ok(CitationEdge {
        id: row.get(0)?,
        claim: row.get(1)?,
        article: row.get(2)?,
        source: row.get(3)?,
        kind: row.get(4)?,
        quote: row.get(5)?,
    })
}

fn link_edge(row: &Row<'_>) -> Result<LinkEdge> {
    Ok(LinkEdge {
        id: row.get(0)?,
        claim: row.get(1)?,
        stance: row.get(2)?,
        target: super::links::link_target(row, 3)?,
    })
}

fn article_node(row: &Row<'_>) -> Result<ArticleNode> {
    Ok(ArticleNode {
        id: row.get(0)?,
        title: row.get(1)?,
        publisher: row.get(2)?,
        published: row.get(3)?,
        parents: Vec::new(),
    })
}

const CITATION_COLUMNS: &str = "id, claim_id, article_id, source_id, kind, substr(quote, 1, ?1)";
const LINK_COLUMNS: &str = "id, claim_id, stance, target_claim_id, target_article_id";

/// How much text a whole-ledger load carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Claim texts and the start of each quote, for flag reasons.
    Full,
    /// Ids, kinds and dates only: enough to flag and count a million claims.
    Lean,
}

/// Reads the citations of claims `first..=last`, in index order, as rusqlite's typed rows:
/// an engine-specific hot path (the adapter's owned cells cost a whole-ledger report ~5%).
fn citations_between(conn: &Connection, detail: Detail, first: i64, last: i64) -> Result<Vec<CitationEdge>> {
    let sql = match detail {
        Detail::Full => format!("SELECT {CITATION_COLUMNS} FROM citations WHERE claim_id BETWEEN ?2 AND ?3"),
        // Everything here is in the covering index citations_for_graph: the table is never touched.
        Detail::Lean => "SELECT id, claim_id, article_id, source_id, kind, NULL FROM citations
                         WHERE claim_id BETWEEN ?2 AND ?3 AND ?1 = ?1"
            .to_string(),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let edges = stmt.query_map(rusqlite::params![QUOTE_PREFIX_CHARS, first, last], |row| {
        Ok(CitationEdge {
            id: row.get(0)?,
            claim: row.get(1)?,
            article: row.get(2)?,
            source: row.get(3)?,
            kind: row.get(4)?,
            quote: row.get(5)?,
        })
    })?;
    Ok(edges.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The whole ledger. Citations, the largest table, are read in two parts:
/// a second connection reads the first while this one reads the claims, the
/// links, the articles and then the rest of the citations.
///
/// Engine-specific hot path (SQLite's second connection to the same file, rusqlite's
/// typed rows for the claims and citations); the smaller tables go through the shared loaders.
pub fn load_all(conn: &Connection, detail: Detail) -> Result<Graph> {
    let max_claim: i64 = conn.query_row("SELECT coalesce(max(claim_id), 0) FROM citations", [], |r| r.get(0))?;
    // This thread has the claims and the smaller tables to read as well.
    let split = max_claim / 5 * 3;
    let path = conn.path().filter(|p| !p.is_empty()).map(String::from);
    // The second connection waits as long as this one was told to (--busy-timeout).
    let busy_ms: i64 = conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
    let busy_ms = u64::try_from(busy_ms).unwrap_or(super::DEFAULT_BUSY_TIMEOUT_MS);
    let first_part = std::thread::spawn(move || -> Option<Vec<CitationEdge>> {
        // An in-memory database has no second connection, and a file opened as
        // immutable (a read-only folder) may refuse one: this thread then leaves
        // the work to the first connection.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let reader = Connection::open_with_flags(path?, flags).ok()?;
        reader.busy_timeout(std::time::Duration::from_millis(busy_ms)).ok()?;
        citations_between(&reader, detail, i64::MIN, split).ok()
    });

    let mut graph = Graph::default();
    let claims_sql = match detail {
        Detail::Full => "SELECT id, text, status, created_at FROM claims ORDER BY id",
        // No ORDER BY: the scan can then use the covering index claims_for_flags.
        Detail::Lean => "SELECT id, '', status, created_at FROM claims",
    };
    let mut stmt = conn.prepare(claims_sql)?;
    graph.claims = stmt
        .query_map([], |row| {
            Ok(ClaimNode { id: row.get(0)?, text: row.get(1)?, status: row.get(2)?, created_at: row.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    load_around_claims(Db::Sqlite(conn), &mut graph)?;

    let mut rest = citations_between(conn, detail, split.saturating_add(1), i64::MAX)?;
    let mut edges = match first_part.join().map_err(|_| Error::Internal("the citation reader panicked".into()))? {
        Some(edges) => edges,
        None => citations_between(conn, detail, i64::MIN, split)?,
    };
    edges.append(&mut rest);
    graph.citations = Citations::from_edges(edges);
    Ok(graph)
}

/// Everything of the whole-ledger graph but its claims and citations, once the claims are in:
/// which are retracted, the links, articles, sources, verdicts and numeric mismatches.
fn load_around_claims(db: Db<'_>, graph: &mut Graph) -> Result<()> {
    graph.retracted = graph.claims.iter().filter(|c| c.status == ClaimStatus::Retracted).map(|c| c.id).collect();
    db.each(&format!("SELECT {LINK_COLUMNS} FROM links ORDER BY id"), &[], |row| {
        graph.add_link(link_edge(row)?);
        Ok(())
    })?;
    load_articles(db, graph, false)?;
    load_sources(db, graph, false)?;
    load_verdicts(db, graph, false)?;
    load_mismatches(db, graph, None)
}

/// The whole ledger on either engine: SQLite's hot path ([`load_all`]), or on PostgreSQL the
/// shared SQL through the adapter (one connection, the rows read whole; a portal and a second
/// connection are docs/postgres-port.md item 18).
pub fn load(db: Db<'_>, detail: Detail) -> Result<Graph> {
    match db {
        Db::Sqlite(conn) => load_all(conn, detail),
        // Its several queries read one moment of the ledger, however many editors are writing.
        Db::Postgres(pg) => pg.snapshot(|db| load_shared(pg, *db, detail)),
    }
}

/// [`load`] on PostgreSQL: the smaller tables through the adapter's shared SQL, the claims and the
/// citations through [`pg_claims`] and [`pg_citations`].
fn load_shared(pg: &Pg, db: Db<'_>, detail: Detail) -> Result<Graph> {
    let mut graph = Graph { claims: pg_claims(pg, detail)?, ..Graph::default() };
    load_around_claims(db, &mut graph)?;
    graph.citations = Citations::from_edges(pg_citations(pg, detail)?);
    Ok(graph)
}

/// A cell of a `postgres` row, typed, or an error naming the column.
fn pg_cell<'r, T: postgres::types::FromSql<'r>>(row: &'r postgres::Row, index: usize) -> Result<T> {
    row.try_get(index).map_err(|e| Error::Internal(format!("column {index}: {e}")))
}

/// A vocabulary word read without an owned copy.
fn pg_word<T>(row: &postgres::Row, index: usize, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    let word: &str = pg_cell(row, index)?;
    parse(word).ok_or_else(|| Error::Internal(format!("column {index}: unknown word {word:?}")))
}

/// Every claim, in id order. Read in table order (a sequential scan sends the rows sooner than an
/// index scan in id order does) with typed cells: PostgreSQL's hot path, as `load_all` is SQLite's
/// (the adapter's owned cells took longer than the server's scan).
fn pg_claims(pg: &Pg, detail: Detail) -> Result<Vec<ClaimNode>> {
    let sql = match detail {
        Detail::Full => "SELECT id, text, status, created_at FROM claims",
        Detail::Lean => "SELECT id, ''::text, status, created_at FROM claims",
    };
    let mut claims = pg
        .rows(sql, &[])?
        .iter()
        .map(|row| {
            Ok(ClaimNode {
                id: ClaimId(pg_cell(row, 0)?),
                text: pg_cell(row, 1)?,
                status: pg_word(row, 2, ClaimStatus::parse)?,
                created_at: pg_cell(row, 3)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    claims.sort_unstable_by_key(|c| c.id);
    Ok(claims)
}

/// Every citation, in table order (`Citations::from_edges` groups them by claim), with typed cells.
fn pg_citations(pg: &Pg, detail: Detail) -> Result<Vec<CitationEdge>> {
    let rows = match detail {
        Detail::Full => pg.rows(&format!("SELECT {CITATION_COLUMNS} FROM citations"), &[&QUOTE_PREFIX_CHARS])?,
        Detail::Lean => pg.rows("SELECT id, claim_id, article_id, source_id, kind, NULL::text FROM citations", &[])?,
    };
    rows.iter()
        .map(|row| {
            Ok(CitationEdge {
                id: CitationId(pg_cell(row, 0)?),
                claim: ClaimId(pg_cell(row, 1)?),
                article: ArticleId(pg_cell(row, 2)?),
                source: pg_cell::<Option<i64>>(row, 3)?.map(SourceId),
                kind: pg_word(row, 4, CitationKind::parse)?,
                quote: pg_cell(row, 5)?,
            })
        })
        .collect()
}

/// Which claims a scoped computation is about.
#[derive(Clone, Debug)]
pub enum ClaimScope {
    /// These claims.
    Ids(Vec<ClaimId>),
    /// The claims cited in one article.
    Article(ArticleId),
    /// The claims attributed to one source.
    Source(SourceId),
    /// The claims cited in articles published between two days (inclusive, `YYYY-MM-DD`).
    Published { from: String, to: String },
}

/// Just what the claims in `scope` need: their rows, citations and links, the
/// linked claims' citations, the articles involved and every article they
/// derive from. Set-based through two TEMP tables, so a source with fifty
/// thousand claims costs a handful of queries, not fifty thousand.
///
/// The shared SQL names the temporary tables without SQLite's `temp.` prefix: both
/// engines look in the session's temporary tables first.
pub fn load_scope(db: Db<'_>, scope: &ClaimScope) -> Result<Graph> {
    // SQLite's INTEGER PRIMARY KEY is the row id itself; PostgreSQL's ids are BIGINT.
    let id = match db.dialect() {
        Dialect::Sqlite => "INTEGER",
        Dialect::Postgres => "BIGINT",
    };
    for table in ["scope_claims", "related_claims", "scope_articles"] {
        db.execute(&format!("CREATE TEMP TABLE IF NOT EXISTS {table} (id {id} PRIMARY KEY)"), &[])?;
        db.execute(&format!("DELETE FROM {table}"), &[])?;
    }
    // (SQLite wants a WHERE in an INSERT … SELECT … ON CONFLICT, to tell the ON from a join's.)
    match scope {
        ClaimScope::Ids(ids) => {
            for id in ids {
                db.execute("INSERT INTO scope_claims (id) VALUES (?1) ON CONFLICT DO NOTHING", &[id])?;
            }
        }
        ClaimScope::Article(article) => {
            db.execute(
                "INSERT INTO scope_claims (id) SELECT claim_id FROM citations WHERE article_id = ?1
                 ON CONFLICT DO NOTHING",
                &[article],
            )?;
        }
        ClaimScope::Source(source) => {
            db.execute(
                "INSERT INTO scope_claims (id) SELECT claim_id FROM citations WHERE source_id = ?1
                 ON CONFLICT DO NOTHING",
                &[source],
            )?;
        }
        ClaimScope::Published { from, to } => {
            db.execute(
                "INSERT INTO scope_claims (id)
                 SELECT c.claim_id FROM citations c JOIN articles a ON a.id = c.article_id
                 WHERE a.published IS NOT NULL
                   AND (CASE a.published_precision WHEN 'year' THEN a.published || '-12-31'
                        WHEN 'month' THEN a.published || '-31' ELSE a.published END) >= ?1
                   AND (CASE a.published_precision WHEN 'year' THEN a.published || '-01-01'
                        WHEN 'month' THEN a.published || '-01' ELSE a.published END) <= ?2
                 ON CONFLICT DO NOTHING",
                &[from, to],
            )?;
        }
    }
    db.execute(
        "INSERT INTO related_claims (id)
           SELECT id FROM scope_claims
           UNION SELECT target_claim_id FROM links
                 WHERE claim_id IN (SELECT id FROM scope_claims) AND target_claim_id IS NOT NULL
           UNION SELECT claim_id FROM links WHERE target_claim_id IN (SELECT id FROM scope_claims)
         ON CONFLICT DO NOTHING",
        &[],
    )?;
    // PostgreSQL plans a temporary table it holds no statistics for as thousands of rows, and so
    // joins a scope of fifty claims by scanning every claim and citation (45 ms instead of 0.3 at
    // 100,000 claims): the filled tables are analysed first (a few milliseconds).
    let analyze = |tables: &str| -> Result<()> {
        if db.dialect() == Dialect::Postgres {
            db.execute(&format!("ANALYZE {tables}"), &[])?;
        }
        Ok(())
    };
    analyze("scope_claims, related_claims")?;
    db.execute(
        "INSERT INTO scope_articles (id)
           WITH RECURSIVE up (id) AS (
               SELECT article_id FROM citations WHERE claim_id IN (SELECT id FROM related_claims)
               UNION SELECT target_article_id FROM links
                     WHERE claim_id IN (SELECT id FROM scope_claims) AND target_article_id IS NOT NULL
               UNION SELECT d.derived_from_id FROM up JOIN article_derivations d ON d.article_id = up.id)
           SELECT id FROM up WHERE true
         ON CONFLICT DO NOTHING",
        &[],
    )?;
    analyze("scope_articles")?;

    let claims = db.query(
        "SELECT id, text, status, created_at FROM claims WHERE id IN (SELECT id FROM scope_claims) ORDER BY id",
        &[],
        claim_node,
    )?;
    let mut graph = Graph { claims, ..Graph::default() };
    // The linked claims: whether they still stand, and their wording for labels.
    db.each(
        "SELECT id, text, status, id IN (SELECT id FROM scope_claims) FROM claims
         WHERE id IN (SELECT id FROM related_claims)",
        &[],
        |row| {
            let (id, status, in_scope): (ClaimId, ClaimStatus, bool) = (row.get(0)?, row.get(2)?, row.get(3)?);
            if status == ClaimStatus::Retracted {
                graph.retracted.insert(id);
            }
            if !in_scope {
                graph.linked_texts.insert(id, row.get(1)?);
            }
            Ok(())
        },
    )?;
    db.each(
        &format!(
            "SELECT {LINK_COLUMNS} FROM links
             WHERE claim_id IN (SELECT id FROM scope_claims) OR target_claim_id IN (SELECT id FROM scope_claims)
             ORDER BY id"
        ),
        &[],
        |row| {
            graph.add_link(link_edge(row)?);
            Ok(())
        },
    )?;
    // Scoped loads are small enough to carry whole quotes, which reports print.
    let edges = db.query(
        "SELECT id, claim_id, article_id, source_id, kind, quote FROM citations
         WHERE claim_id IN (SELECT id FROM related_claims) ORDER BY claim_id, id",
        &[],
        citation_edge,
    )?;
    graph.citations = Citations::from_edges(edges);
    load_articles(db, &mut graph, true)?;
    load_sources(db, &mut graph, true)?;
    load_verdicts(db, &mut graph, true)?;
    match db.dialect() {
        // One query for the whole scope rather than one round trip to the server per claim.
        Dialect::Postgres => {
            for m in super::matching::mismatches_in_scope(db)? {
                graph.mismatches.entry(m.claim).or_default().push((m.other, m.ours, m.theirs));
            }
        }
        Dialect::Sqlite => {
            let ids: Vec<ClaimId> = graph.claims.iter().map(|c| c.id).collect();
            load_mismatches(db, &mut graph, Some(&ids))?;
        }
    }
    Ok(graph)
}

/// Articles with their `derived_from` edges: all of them, or those in `scope_articles`.
fn load_articles(db: Db<'_>, graph: &mut Graph, scoped: bool) -> Result<()> {
    let (articles_sql, edges_sql) = if scoped {
        (
            "SELECT id, title, publisher_id, published FROM articles WHERE id IN (SELECT id FROM scope_articles)",
            "SELECT article_id, derived_from_id FROM article_derivations
             WHERE article_id IN (SELECT id FROM scope_articles)",
        )
    } else {
        (
            "SELECT id, title, publisher_id, published FROM articles",
            "SELECT article_id, derived_from_id FROM article_derivations",
        )
    };
    db.each(articles_sql, &[], |row| {
        let article = article_node(row)?;
        graph.articles.insert(article.id, article);
        Ok(())
    })?;
    db.each(edges_sql, &[], |row| {
        let (child, parent): (ArticleId, ArticleId) = (row.get(0)?, row.get(1)?);
        if let Some(node) = graph.articles.get_mut(&child) {
            node.parents.push(parent);
        }
        Ok(())
    })
}

fn load_sources(db: Db<'_>, graph: &mut Graph, scoped: bool) -> Result<()> {
    let sql = if scoped {
        "SELECT id, name, kind FROM sources
         WHERE id IN (SELECT source_id FROM citations WHERE claim_id IN (SELECT id FROM related_claims))
            OR id IN (SELECT publisher_id FROM articles WHERE id IN (SELECT id FROM scope_articles))"
    } else {
        "SELECT id, name, kind FROM sources"
    };
    db.each(sql, &[], |row| {
        let source = SourceRef { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? };
        graph.sources.insert(source.id, source);
        Ok(())
    })
}

fn load_verdicts(db: Db<'_>, graph: &mut Graph, scoped: bool) -> Result<()> {
    // Ascending ids: the last verdict inserted for a claim and not withdrawn is the one in force.
    let sql = if scoped {
        "SELECT claim_id, rating FROM verdicts
         WHERE claim_id IN (SELECT id FROM scope_claims) AND withdrawn_at IS NULL ORDER BY id"
    } else {
        "SELECT claim_id, rating FROM verdicts WHERE withdrawn_at IS NULL ORDER BY id"
    };
    db.each(sql, &[], |row| {
        graph.verdicts.insert(row.get(0)?, row.get(1)?);
        Ok(())
    })
}

/// The numeric mismatches of every claim, or of the given ones, with claims that still stand.
fn load_mismatches(db: Db<'_>, graph: &mut Graph, claims: Option<&[ClaimId]>) -> Result<()> {
    for m in super::matching::mismatches_in(db, claims)? {
        graph.mismatches.entry(m.claim).or_default().push((m.other, m.ours, m.theirs));
    }
    Ok(())
}
