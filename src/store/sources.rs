//! Sources and their aliases: lookups by id, name, alias or URL; add, edit, alias, merge.

use rusqlite::{Connection, params};

use super::Tx;
use super::audit::Table;
use super::db::{Db, Dialect, Row};
use super::lookup::{self, Found, Kind};
use crate::error::{Error, Result};
use crate::model::{ClaimId, Source, SourceId, SourceKind, SourceRef};
use crate::names;

/// A new source as the editor described it.
pub struct NewSource<'a> {
    pub name: &'a str,
    pub kind: SourceKind,
    pub url: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Changes to a source; `None` leaves a field as it is.
#[derive(Default)]
pub struct SourceEdit<'a> {
    pub name: Option<&'a str>,
    pub kind: Option<SourceKind>,
    pub url: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// The source with this id, with its aliases, if there is one.
fn source_row(db: Db<'_>, id: SourceId) -> Result<Option<Source>> {
    let row =
        db.query_opt("SELECT id, name, kind, url, note, created_at FROM sources WHERE id = ?1", &[&id], |row| {
            Ok(Source {
                id: row.get(0)?,
                name: row.get(1)?,
                kind: row.get(2)?,
                url: row.get(3)?,
                note: row.get(4)?,
                aliases: Vec::new(),
                created_at: row.get(5)?,
            })
        })?;
    let Some(mut source) = row else { return Ok(None) };
    source.aliases = aliases(db, id)?;
    Ok(Some(source))
}

fn aliases(db: Db<'_>, id: SourceId) -> Result<Vec<String>> {
    db.query("SELECT alias FROM source_aliases WHERE source_id = ?1 ORDER BY alias", &[&id], |row| row.get(0))
}

pub fn get(db: Db<'_>, id: SourceId) -> Result<Source> {
    source_row(db, id)?.ok_or_else(|| Error::NotFound { what: "source", given: id.to_string() })
}

/// The list query with the two places where the dialects differ: joining the aliases
/// into one cell, and ordering names with ASCII letters folded (SQLite's NOCASE).
macro_rules! list_sql {
    ($aliases:literal, $nocase:literal) => {
        concat!(
            "SELECT s.id, s.name, s.kind, s.url, s.note, s.created_at,
                    (SELECT count(*) FROM citations c WHERE c.source_id = s.id),
                    (SELECT ",
            $aliases,
            " FROM (SELECT alias FROM source_aliases a WHERE a.source_id = s.id ORDER BY alias) x)
             FROM sources s WHERE CAST(?1 AS TEXT) IS NULL OR s.kind = ?1
             ORDER BY ",
            $nocase,
            ", s.id"
        )
    };
}

/// All sources with the number of citations attributed to each, by name.
/// (`CAST(?1 AS TEXT) IS NULL`: PostgreSQL cannot type a parameter seen only in `IS NULL`.)
pub fn list(db: Db<'_>, kind: Option<SourceKind>) -> Result<Vec<(Source, i64)>> {
    let sql = match db.dialect() {
        Dialect::Sqlite => list_sql!("group_concat(alias, char(31))", "s.name COLLATE NOCASE"),
        // `lower` under the "C" collation folds ASCII letters only, as NOCASE does.
        Dialect::Postgres => list_sql!("string_agg(alias, chr(31) ORDER BY alias)", "lower(s.name COLLATE \"C\")"),
    };
    db.query(sql, &[&kind], |row| {
        let aliases: Option<String> = row.get(7)?;
        Ok((
            Source {
                id: row.get(0)?,
                name: row.get(1)?,
                kind: row.get(2)?,
                url: row.get(3)?,
                note: row.get(4)?,
                aliases: aliases.map(|a| a.split('\u{1f}').map(String::from).collect()).unwrap_or_default(),
                created_at: row.get(5)?,
            },
            row.get(6)?,
        ))
    })
}

/// Inserts a source row (no audit event: see [`Tx::add_source`]); its id.
pub fn insert_source(db: Db<'_>, new: &NewSource<'_>, at: &str) -> Result<i64> {
    db.insert(
        "INSERT INTO sources (name, kind, url, note, created_at, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[&new.name.trim(), &new.kind, &new.url, &new.note, &at, &names::key(new.name)],
    )
}

/// Inserts an alias row (no audit event: see [`Tx::add_alias`]); its id.
pub fn insert_alias(db: Db<'_>, id: SourceId, alias: &str, at: &str) -> Result<i64> {
    db.insert(
        "INSERT INTO source_aliases (source_id, alias, created_at, alias_key) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        &[&id, &alias, &at, &names::key(alias)],
    )
}

/// Finds a source by reference: `#12` (the id), `name:…` (a name or alias), a
/// URL, or plain text — an id when it is a number, and a name or alias compared
/// by [`names::key`]. A number that is both an id and a name is refused as ambiguous.
pub fn resolve(db: Db<'_>, given: &str) -> Result<SourceId> {
    resolve_ref(db, given).map(|s| s.id)
}

/// [`resolve`], with the name and kind of the source it found (read as it was found).
pub fn resolve_ref(db: Db<'_>, given: &str) -> Result<SourceRef> {
    let seen = std::cell::RefCell::new(Vec::<SourceRef>::new());
    let found = |s: SourceRef| {
        let label = format!("#{} {} ({})", s.id, s.name, s.kind);
        let id = s.id.0;
        seen.borrow_mut().push(s);
        Found { id, label }
    };
    let id = lookup::resolve(
        &Kind { what: "source", by: "name" },
        given,
        |id| {
            let row = db.query_opt("SELECT id, name, kind FROM sources WHERE id = ?1", &[&id], |row| {
                Ok(SourceRef { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? })
            })?;
            Ok(row.map(found))
        },
        |text| Ok(by_name(db, text)?.into_iter().map(found).collect()),
        // A number ("1984") is no URL: its names are the sources and aliases with its key.
        |id, text| {
            let rows: Vec<(SourceRef, bool, bool)> = db.query(
                "SELECT id, name, kind, id = ?1, name_key = ?2 FROM sources WHERE id = ?1 OR name_key = ?2
                 UNION
                 SELECT s.id, s.name, s.kind, false, true FROM source_aliases a JOIN sources s ON s.id = a.source_id
                 WHERE a.alias_key = ?2
                 ORDER BY 1",
                &[&id, &names::key(text)],
                |row| {
                    Ok((SourceRef { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? }, row.get(3)?, row.get(4)?))
                },
            )?;
            let by_id = rows.iter().find(|(_, by_id, _)| *by_id).map(|(s, _, _)| found(s.clone()));
            let mut named: Vec<SourceRef> = Vec::new();
            for (source, _, by_key) in rows {
                if by_key && !named.contains(&source) {
                    named.push(source);
                }
            }
            Ok((by_id, named.into_iter().map(found).collect()))
        },
        |ids| db.own_ids("sources", ids),
    )?;
    let seen = seen.into_inner();
    seen.into_iter()
        .find(|s| s.id.0 == id)
        .ok_or_else(|| Error::Internal(format!("source #{id} was found but not kept")))
}

/// Sources whose name or an alias has the same key as `text`, or whose URL is `text`.
/// Each is an index search: the URL is looked up only when `text` is one.
fn by_name(db: Db<'_>, text: &str) -> Result<Vec<SourceRef>> {
    let source_ref = |row: &Row<'_>| Ok(SourceRef { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? });
    let mut found = db.query(
        "SELECT id, name, kind FROM sources WHERE name_key = ?1
         UNION
         SELECT s.id, s.name, s.kind FROM source_aliases a JOIN sources s ON s.id = a.source_id
         WHERE a.alias_key = ?1
         ORDER BY 1",
        &[&names::key(text)],
        source_ref,
    )?;
    if text.contains("://") {
        let bare = text.trim_end_matches('/');
        let urls = db.query(
            "SELECT id, name, kind FROM sources WHERE url IN (?1, ?2) ORDER BY id",
            &[&bare, &format!("{bare}/")],
            source_ref,
        )?;
        for source in urls {
            if !found.contains(&source) {
                found.push(source);
            }
        }
    }
    Ok(found)
}

/// Fills the name keys of every source and alias (migration 3, and `verify`'s comparison).
/// Migrations are SQLite's own (docs/postgres-port.md, 12), so this stays on the connection.
pub(super) fn fill_keys(conn: &Connection) -> Result<()> {
    for (table, column, key) in [("sources", "name", "name_key"), ("source_aliases", "alias", "alias_key")] {
        let rows: Vec<(i64, String)> = {
            let mut stmt = conn.prepare(&format!("SELECT id, {column} FROM {table}"))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut update = conn.prepare(&format!("UPDATE {table} SET {key} = ?2 WHERE id = ?1"))?;
        for (id, name) in rows {
            update.execute(params![id, names::key(&name)])?;
        }
    }
    Ok(())
}

pub fn source_ref(db: Db<'_>, id: SourceId) -> Result<SourceRef> {
    let s = get(db, id)?;
    Ok(SourceRef { id: s.id, name: s.name, kind: s.kind })
}

impl Tx<'_> {
    pub fn add_source(&mut self, new: &NewSource<'_>) -> Result<SourceId> {
        let at = self.author().at.clone();
        let id = self.audited_insert(Table::Sources, None, |db| insert_source(db, new, &at))?;
        Ok(SourceId(id))
    }

    pub fn edit_source(&mut self, id: SourceId, edit: &SourceEdit<'_>) -> Result<()> {
        get(self.db(), id)?;
        self.audited(Table::Sources, id.0, None, |db| {
            db.execute(
                "UPDATE sources SET name = coalesce(?2, name), kind = coalesce(?3, kind),
                        url = coalesce(?4, url), note = coalesce(?5, note),
                        name_key = coalesce(?6, name_key) WHERE id = ?1",
                &[&id, &edit.name.map(str::trim), &edit.kind, &edit.url, &edit.note, &edit.name.map(names::key)],
            )?;
            Ok(())
        })
    }

    pub fn add_alias(&mut self, id: SourceId, alias: &str) -> Result<()> {
        let source = get(self.db(), id)?;
        let alias = alias.trim();
        if names::same(&source.name, alias) || source.aliases.iter().any(|a| names::same(a, alias)) {
            return Err(Error::invalid(format!("source #{id} is already known as {alias:?}")));
        }
        let at = self.author().at.clone();
        self.audited_insert(Table::SourceAliases, None, |db| insert_alias(db, id, alias, &at))?;
        Ok(())
    }

    /// Folds `from` into `into`: its citations, articles and aliases move
    /// over, its name becomes an alias of `into`, and `from` is deleted.
    pub fn merge_sources(&mut self, from: SourceId, into: SourceId) -> Result<()> {
        if from == into {
            return Err(Error::invalid(format!("cannot merge source #{from} into itself")));
        }
        let gone = get(self.db(), from)?;
        let kept = get(self.db(), into)?;
        // In id order, so both engines record the events in the same order.
        let citations: Vec<(i64, Option<ClaimId>)> = self.db().query(
            "SELECT id, claim_id FROM citations WHERE source_id = ?1 ORDER BY id",
            &[&from],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        for (citation, claim) in citations {
            self.audited(Table::Citations, citation, claim, |db| {
                db.execute("UPDATE citations SET source_id = ?2 WHERE id = ?1", &[&citation, &into])?;
                Ok(())
            })?;
        }
        let articles: Vec<i64> =
            self.db()
                .query("SELECT id FROM articles WHERE publisher_id = ?1 ORDER BY id", &[&from], |row| row.get(0))?;
        for article in articles {
            self.audited(Table::Articles, article, None, |db| {
                db.execute("UPDATE articles SET publisher_id = ?2 WHERE id = ?1", &[&article, &into])?;
                Ok(())
            })?;
        }
        let known: Vec<String> = std::iter::once(kept.name.clone()).chain(kept.aliases.iter().cloned()).collect();
        let is_known = |name: &str| known.iter().any(|k| names::same(k, name));
        let moving: Vec<(i64, String)> = self.db().query(
            "SELECT id, alias FROM source_aliases WHERE source_id = ?1 ORDER BY id",
            &[&from],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        for (alias_id, alias) in moving {
            self.audited(Table::SourceAliases, alias_id, None, |db| {
                if is_known(&alias) {
                    db.execute("DELETE FROM source_aliases WHERE id = ?1", &[&alias_id])?;
                } else {
                    db.execute("UPDATE source_aliases SET source_id = ?2 WHERE id = ?1", &[&alias_id, &into])?;
                }
                Ok(())
            })?;
        }
        // Asked afresh: the aliases just moved over may already carry the name.
        let now_known = get(self.db(), into)?;
        let carried =
            names::same(&now_known.name, &gone.name) || now_known.aliases.iter().any(|a| names::same(a, &gone.name));
        if !carried {
            self.add_alias(into, &gone.name)?;
        }
        self.audited(Table::Sources, from.0, None, |db| {
            db.execute("DELETE FROM sources WHERE id = ?1", &[&from])?;
            Ok(())
        })
    }
}
