//! Bulk reads that build the in-memory citation graph for flags and reports.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::evidence::{ArticleNode, CitationEdge, ClaimNode, Graph, LinkEdge};
use crate::model::{ArticleId, ClaimId, LinkTarget, SourceRef};

/// How much of a quote the graph keeps: enough to recognise it in a reason.
const QUOTE_PREFIX_CHARS: i64 = 80;

/// The stale age the ledger is configured with (`settings.stale_days`).
pub fn stale_days(conn: &Connection) -> Result<u32> {
    let value: String = conn.query_row("SELECT value FROM settings WHERE key = 'stale_days'", [], |row| row.get(0))?;
    Ok(value.trim().parse().unwrap_or(30))
}

fn claim_node(row: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimNode> {
    Ok(ClaimNode { id: row.get(0)?, text: row.get(1)?, status: row.get(2)?, created_at: row.get(3)? })
}

fn citation_edge(row: &rusqlite::Row<'_>) -> rusqlite::Result<CitationEdge> {
    Ok(CitationEdge {
        id: row.get(0)?,
        claim: row.get(1)?,
        article: row.get(2)?,
        source: row.get(3)?,
        kind: row.get(4)?,
        quote: row.get(5)?,
    })
}

fn link_edge(row: &rusqlite::Row<'_>) -> rusqlite::Result<LinkEdge> {
    let claim: Option<ClaimId> = row.get(3)?;
    Ok(LinkEdge {
        id: row.get(0)?,
        claim: row.get(1)?,
        stance: row.get(2)?,
        target: match claim {
            Some(c) => LinkTarget::Claim(c),
            None => LinkTarget::Article(row.get(4)?),
        },
    })
}

fn article_node(row: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleNode> {
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

/// The whole ledger.
pub fn load_all(conn: &Connection) -> Result<Graph> {
    let mut graph = Graph::default();
    let mut stmt = conn.prepare("SELECT id, text, status, created_at FROM claims ORDER BY id")?;
    graph.claims = stmt.query_map([], claim_node)?.collect::<rusqlite::Result<_>>()?;

    let mut stmt = conn.prepare(&format!("SELECT {CITATION_COLUMNS} FROM citations ORDER BY claim_id, id"))?;
    for cite in stmt.query_map([QUOTE_PREFIX_CHARS], citation_edge)? {
        let cite = cite?;
        graph.citations.entry(cite.claim).or_default().push(cite);
    }
    let mut stmt = conn.prepare(&format!("SELECT {LINK_COLUMNS} FROM links ORDER BY id"))?;
    for link in stmt.query_map([], link_edge)? {
        graph.add_link(link?);
    }
    let mut stmt = conn.prepare("SELECT id, title, publisher_id, published FROM articles")?;
    for article in stmt.query_map([], article_node)? {
        let article = article?;
        graph.articles.insert(article.id, article);
    }
    let mut stmt = conn.prepare("SELECT article_id, derived_from_id FROM article_derivations")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (child, parent): (ArticleId, ArticleId) = (row.get(0)?, row.get(1)?);
        if let Some(node) = graph.articles.get_mut(&child) {
            node.parents.push(parent);
        }
    }
    load_sources(conn, &mut graph, None)?;
    load_verdicts(conn, &mut graph, None)?;
    Ok(graph)
}

/// Just what the given claims need: their rows, citations, links, the linked
/// claims' citations, the articles involved and every article they derive from.
pub fn load_claims(conn: &Connection, ids: &[ClaimId]) -> Result<Graph> {
    let mut graph = Graph::default();
    let mut wanted: HashSet<ClaimId> = HashSet::new();
    for &id in ids {
        let mut stmt = conn.prepare_cached("SELECT id, text, status, created_at FROM claims WHERE id = ?1")?;
        graph.claims.extend(stmt.query_map([id], claim_node)?.collect::<rusqlite::Result<Vec<_>>>()?);
        wanted.insert(id);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM links WHERE claim_id = ?1 OR target_claim_id = ?1 ORDER BY id"
        ))?;
        for link in stmt.query_map([id], link_edge)? {
            let link = link?;
            wanted.insert(link.claim);
            if let LinkTarget::Claim(other) = link.target {
                wanted.insert(other);
            }
            let already = graph.links.get(&link.claim).is_some_and(|ls| ls.iter().any(|l| l.id == link.id));
            if !already {
                graph.add_link(link);
            }
        }
    }
    let mut articles: HashSet<ArticleId> = HashSet::new();
    for links in graph.links.values() {
        for link in links {
            if let LinkTarget::Article(a) = link.target {
                articles.insert(a);
            }
        }
    }
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {CITATION_COLUMNS} FROM citations WHERE claim_id = ?2 ORDER BY id"))?;
    for &claim in &wanted {
        for cite in stmt.query_map(params![QUOTE_PREFIX_CHARS, claim], citation_edge)? {
            let cite = cite?;
            articles.insert(cite.article);
            graph.citations.entry(cite.claim).or_default().push(cite);
        }
    }
    // Every article involved and all of its ancestors, with their edges.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE up (id) AS (SELECT ?1 UNION SELECT d.derived_from_id FROM up
                                    JOIN article_derivations d ON d.article_id = up.id)
         SELECT a.id, a.title, a.publisher_id, a.published FROM up JOIN articles a ON a.id = up.id",
    )?;
    let mut parents = conn.prepare_cached("SELECT derived_from_id FROM article_derivations WHERE article_id = ?1")?;
    for &article in &articles {
        for node in stmt.query_map([article], article_node)? {
            let mut node = node?;
            if graph.articles.contains_key(&node.id) {
                continue;
            }
            node.parents = parents.query_map([node.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            graph.articles.insert(node.id, node);
        }
    }
    load_sources(conn, &mut graph, Some(&wanted))?;
    load_verdicts(conn, &mut graph, Some(&wanted))?;
    Ok(graph)
}

fn load_sources(conn: &Connection, graph: &mut Graph, only: Option<&HashSet<ClaimId>>) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id, name, kind FROM sources")?;
    let rows = stmt.query_map([], |row| Ok(SourceRef { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? }))?;
    let needed: Option<HashSet<_>> = only.map(|_| {
        graph
            .citations
            .values()
            .flatten()
            .filter_map(|c| c.source)
            .chain(graph.articles.values().filter_map(|a| a.publisher))
            .collect()
    });
    for source in rows {
        let source = source?;
        if needed.as_ref().is_none_or(|n| n.contains(&source.id)) {
            graph.sources.insert(source.id, source);
        }
    }
    Ok(())
}

fn load_verdicts(conn: &Connection, graph: &mut Graph, only: Option<&HashSet<ClaimId>>) -> Result<()> {
    match only {
        None => {
            for verdict in super::links::latest_verdicts(conn)? {
                graph.verdicts.insert(verdict.claim_id, verdict.rating);
            }
        }
        Some(claims) => {
            for &claim in claims {
                if let Some(v) = super::links::verdicts_of(conn, claim)?.pop() {
                    graph.verdicts.insert(claim, v.rating);
                }
            }
        }
    }
    Ok(())
}
