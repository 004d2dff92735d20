//! Articles: lookups by id, URL or title; adding one with its text and `derived_from` edges.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use super::Tx;
use super::audit::Table;
use super::db::{Db, Row};
use super::lookup::{self, Found, Kind};
use super::sources::source_ref;
use crate::chain::hex;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Medium, SourceId};

/// A new article as the editor described it.
pub struct NewArticle<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub publisher: Option<SourceId>,
    pub published: Option<PartialDate>,
    pub text: Option<&'a str>,
    pub derived_from: &'a [ArticleId],
    pub medium: Option<Medium>,
}

const ARTICLE_COLUMNS: &str = "a.id, a.title, a.url, a.publisher_id, a.published, a.published_precision, a.body_sha256, a.created_at, a.medium, a.original_url";

fn article_from_row(db: Db<'_>, row: &Row<'_>) -> Result<Article> {
    let publisher: Option<SourceId> = row.get(3)?;
    let published: Option<String> = row.get(4)?;
    let precision: Option<String> = row.get(5)?;
    let id: ArticleId = row.get(0)?;
    let sha: Option<String> = row.get(6)?;
    Ok(Article {
        id,
        title: row.get(1)?,
        url: row.get(2)?,
        publisher: publisher.map(|p| source_ref(db, p)).transpose()?,
        published: match (published, precision) {
            (Some(d), Some(p)) => Some(
                PartialDate::from_stored(&d, &p)
                    .ok_or_else(|| Error::Internal(format!("article {id} has a malformed date {d:?}")))?,
            ),
            _ => None,
        },
        derived_from: derived_from(db, id)?,
        medium: row.get(8)?,
        original_url: row.get(9)?,
        has_text: sha.is_some(),
        text_sha256: sha,
        created_at: row.get(7)?,
    })
}

fn derived_from(db: Db<'_>, id: ArticleId) -> Result<Vec<ArticleId>> {
    db.query(
        "SELECT derived_from_id FROM article_derivations WHERE article_id = ?1 ORDER BY derived_from_id",
        &[&id],
        |row| row.get(0),
    )
}

pub fn get(db: Db<'_>, id: ArticleId) -> Result<Article> {
    db.query_opt(&format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1"), &[&id], |row| {
        article_from_row(db, row)
    })?
    .ok_or_else(|| Error::NotFound { what: "article", given: id.to_string() })
}

/// The article's text, when the editor stored it.
pub fn text(db: Db<'_>, id: ArticleId) -> Result<Option<String>> {
    Ok(db.query_opt("SELECT body FROM articles WHERE id = ?1", &[&id], |r| r.get::<Option<String>>(0))?.flatten())
}

/// Articles with how many citations each holds, newest publication first.
pub fn list(db: Db<'_>, publisher: Option<SourceId>) -> Result<Vec<(Article, i64)>> {
    db.query(
        &format!(
            "SELECT {ARTICLE_COLUMNS}, (SELECT count(*) FROM citations c WHERE c.article_id = a.id)
             FROM articles a WHERE CAST(?1 AS BIGINT) IS NULL OR a.publisher_id = ?1
             ORDER BY a.published IS NULL, a.published DESC, a.id"
        ),
        &[&publisher],
        |row| Ok((article_from_row(db, row)?, row.get(10)?)),
    )
}

/// Finds an article by reference: `#3` (the id), `name:…` (a title), a URL, or
/// plain text — an id when it is a number, and a title compared by
/// [`crate::names::key`]. A number that is both an id and a title is refused as ambiguous.
pub fn resolve(db: Db<'_>, given: &str) -> Result<ArticleId> {
    let found = |(id, title): (ArticleId, String)| Found { id: id.0, label: format!("#{id} {title:?}") };
    lookup::resolve(
        &Kind { what: "article", by: "title" },
        given,
        |id| {
            let row =
                db.query_opt("SELECT id, title FROM articles WHERE id = ?1", &[&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(row.map(found))
        },
        |text| Ok(by_title(db, text)?.into_iter().map(found).collect()),
        // A number ("1984") is no URL: its titles are the ones with its key.
        |id, text| {
            let rows: Vec<(ArticleId, String, bool)> = db.query(
                "SELECT id, title, title_key IS NOT NULL AND title_key = ?2 FROM articles
                 WHERE id = ?1 OR title_key = ?2 ORDER BY id",
                &[&id, &crate::names::key(text)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let by_id = rows.iter().find(|(found, _, _)| found.0 == id).map(|(i, t, _)| found((*i, t.clone())));
            let titled = rows.into_iter().filter(|(_, _, by_key)| *by_key).map(|(i, t, _)| found((i, t))).collect();
            Ok((by_id, titled))
        },
        |ids| db.own_ids("articles", ids),
    )
    .map(ArticleId)
}

/// Articles whose title has the same key as `text`, or whose URL is `text`.
/// Each is an index search: the URL is looked up only when `text` is one.
fn by_title(db: Db<'_>, text: &str) -> Result<Vec<(ArticleId, String)>> {
    let pair = |row: &Row<'_>| Ok((row.get(0)?, row.get(1)?));
    let mut found =
        db.query("SELECT id, title FROM articles WHERE title_key = ?1 ORDER BY id", &[&crate::names::key(text)], pair)?;
    if text.contains("://") {
        let bare = text.trim_end_matches('/');
        // Tracking parameters and AMP or mobile variants name the same article.
        let canonical = crate::address::canonical(text);
        let canonical = canonical.trim_end_matches('/');
        let urls = db.query(
            "SELECT id, title FROM articles WHERE url IN (?1, ?2, ?3, ?4) OR original_url = ?5 ORDER BY id",
            &[&bare, &format!("{bare}/"), &canonical, &format!("{canonical}/"), &text],
            pair,
        )?;
        for article in urls {
            if !found.iter().any(|(id, _)| *id == article.0) {
                found.push(article);
            }
        }
    }
    Ok(found)
}

/// Fills the title keys of every article (migration 3). Migrations are SQLite's own
/// (docs/postgres-port.md, 12), so this stays on the connection.
pub(super) fn fill_keys(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, title FROM articles")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = conn.prepare("UPDATE articles SET title_key = ?2 WHERE id = ?1")?;
    for (id, title) in rows {
        update.execute(params![id, crate::names::key(&title)])?;
    }
    Ok(())
}

impl Tx<'_> {
    /// Stores the text of an article that has none yet (with its SHA-256), as one audited update.
    pub fn set_article_text(&mut self, id: ArticleId, text: &str) -> Result<()> {
        if self::text(self.db(), id)?.is_some() {
            return Err(Error::invalid(format!("article {id} already has a stored text")));
        }
        let sha = hex(&Sha256::digest(text.as_bytes()));
        self.audited(Table::Articles, id.0, None, |db| {
            db.execute("UPDATE articles SET body = ?2, body_sha256 = ?3 WHERE id = ?1", &[&id, &text, &sha])?;
            Ok(())
        })
    }

    /// Keeps the URL an editor gave for an article stored under its canonical URL.
    pub fn set_original_url(&mut self, id: ArticleId, url: &str) -> Result<()> {
        self.audited(Table::Articles, id.0, None, |db| {
            db.execute("UPDATE articles SET original_url = ?2 WHERE id = ?1", &[&id, &url])?;
            Ok(())
        })
    }

    pub fn add_article(&mut self, new: &NewArticle<'_>) -> Result<ArticleId> {
        if let Some(url) = new.url {
            // (On a server, the newsroom's own: another newsroom may log the same story.)
            let sql = format!("SELECT id FROM articles WHERE url = ?1{}", self.db().newsroom_only("org_id"));
            let taken: Option<ArticleId> = self.db().query_opt(&sql, &[&url], |r| r.get(0))?;
            if let Some(other) = taken {
                return Err(Error::invalid(format!("article #{other} already has the URL {url}")));
            }
        }
        self.add_looked_up_article(new)
    }

    /// Adds an article whose URL the caller has looked up already: an import, which holds every
    /// article's URL in memory. (A URL taken after all still fails, on the table's constraint.)
    pub fn add_looked_up_article(&mut self, new: &NewArticle<'_>) -> Result<ArticleId> {
        let at = self.author().at.clone();
        let sha = new.text.map(|t| hex(&Sha256::digest(t.as_bytes())));
        let id = self.audited_insert(Table::Articles, None, |db| {
            let id = db.insert(
                "INSERT INTO articles (title, url, publisher_id, published, published_precision, body,
                                       body_sha256, created_at, title_key, medium)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
                &[
                    &new.title.trim(),
                    &new.url,
                    &new.publisher,
                    &new.published.map(|d| d.iso()),
                    &new.published.map(|d| d.precision().as_str()),
                    &new.text,
                    &sha,
                    &at,
                    &crate::names::key(new.title),
                    &new.medium,
                ],
            )?;
            // The edges are part of the article's snapshot, so they are written
            // before the snapshot is taken. A new article cannot close a cycle.
            for origin in new.derived_from {
                db.execute(
                    "INSERT INTO article_derivations (article_id, derived_from_id) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                    &[&id, origin],
                )?;
            }
            Ok(id)
        })?;
        Ok(ArticleId(id))
    }
}
