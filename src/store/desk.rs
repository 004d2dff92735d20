//! The desk's work in the ledger: a claim's stage and due date, its assignees, tags and work log,
//! a verdict's evidence items and withdrawal, and the audited change that gives existing claims a stage.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde_json::{Map, Value};

use super::audit::{self, Table};
use super::log;
use super::{Tx, optional};
use crate::chain::{ChainEvent, GENESIS};
use crate::error::{Error, Result};
use crate::model::{ClaimId, Evidence, Note, Stage, VerdictId};

/// What the desk migration's first line says after its number: how `migrate` knows it,
/// whatever number it ends up with.
pub const MIGRATION: &str = ": the desk's work — ";

/// Whether a migration's SQL is the desk migration.
pub fn is_desk_migration(sql: &str) -> bool {
    sql.lines().next().is_some_and(|line| line.contains(MIGRATION))
}

/// The migration sets every existing claim's stage in SQL; this records those values as one
/// change by `claimtrack` (one update event per claim), so replaying the log rebuilds the rows.
pub fn record_initial_stages(conn: &Connection) -> Result<()> {
    let stages: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, stage FROM claims ORDER BY id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    if stages.is_empty() {
        return Ok(());
    }
    let now = crate::date::now().unwrap_or_else(|_| chrono::Utc::now());
    let change = audit::write_change(conn, &crate::date::timestamp(now), "claimtrack", "upgrade: claim stages")?;
    let (mut id, mut head) = match log::head(conn)? {
        Some(head) => head,
        None => (0, log::origin(conn)?),
    };
    for (claim, stage) in stages {
        id += 1;
        let mut data = Map::new();
        data.insert("stage".into(), Value::Array(vec![Value::Null, Value::String(stage)]));
        let event = ChainEvent {
            id,
            change: change.clone(),
            action: "update".into(),
            table: Table::Claims.name().into(),
            row_id: claim,
            claim_id: Some(claim),
            data,
            hash: GENESIS,
        };
        head = audit::write_event(conn, event, &head)?;
    }
    Ok(())
}

/// A claim's assignees, in the order they were assigned.
pub fn assignees_of(conn: &Connection, claim: ClaimId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT editor FROM claim_assignees WHERE claim_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([claim], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A claim's tags, alphabetically.
pub fn tags_of(conn: &Connection, claim: ClaimId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag")?;
    let rows = stmt.query_map([claim], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A claim's work log, oldest first.
pub fn notes_of(conn: &Connection, claim: ClaimId) -> Result<Vec<Note>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, body, editor, created_at FROM claim_notes WHERE claim_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([claim], |r| {
        Ok(Note { id: r.get(0)?, body: r.get(1)?, editor: r.get(2)?, created_at: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Names per claim: its assignees, or its tags.
pub type ByClaim = HashMap<ClaimId, Vec<String>>;

/// Every claim's assignees and tags, for lists and reports (both tables are small beside the claims).
pub fn all_assignees_and_tags(conn: &Connection) -> Result<(ByClaim, ByClaim)> {
    let mut assignees: HashMap<ClaimId, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT claim_id, editor FROM claim_assignees ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (claim, editor): (ClaimId, String) = row?;
        assignees.entry(claim).or_default().push(editor);
    }
    let mut tags: HashMap<ClaimId, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT claim_id, tag FROM claim_tags ORDER BY tag")?;
    for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (claim, tag): (ClaimId, String) = row?;
        tags.entry(claim).or_default().push(tag);
    }
    Ok((assignees, tags))
}

/// Each claim's newest work-log entry, for lists.
pub fn last_notes(conn: &Connection) -> Result<HashMap<ClaimId, Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT claim_id, id, body, editor, created_at FROM claim_notes
         WHERE id IN (SELECT max(id) FROM claim_notes GROUP BY claim_id)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, Note { id: r.get(1)?, body: r.get(2)?, editor: r.get(3)?, created_at: r.get(4)? }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every active claim with a due date: (claim, due, stage).
pub fn due_claims(conn: &Connection) -> Result<Vec<(ClaimId, String, Stage)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, due, stage FROM claims WHERE due IS NOT NULL AND status = 'active' ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The claims carrying a tag, in id order.
pub fn claims_tagged(conn: &Connection, tag: &str) -> Result<Vec<ClaimId>> {
    let mut stmt = conn.prepare_cached("SELECT claim_id FROM claim_tags WHERE tag = ?1 ORDER BY claim_id")?;
    let rows = stmt.query_map([tag], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The claims an editor (by normalised name) is assigned to, in id order.
pub fn claims_assigned(conn: &Connection, editor_key: &str) -> Result<Vec<ClaimId>> {
    let mut stmt =
        conn.prepare_cached("SELECT claim_id FROM claim_assignees WHERE editor_key = ?1 ORDER BY claim_id")?;
    let rows = stmt.query_map([editor_key], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every tag with how many claims carry it, and how many of those are still active.
pub fn tag_counts(conn: &Connection) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.tag, count(*), sum(c.status = 'active') FROM claim_tags t JOIN claims c ON c.id = t.claim_id
         GROUP BY t.tag ORDER BY t.tag",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A verdict's evidence items, in the order recorded.
pub fn evidence_of(conn: &Connection, verdict: VerdictId) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, url, title, accessed, saved_name, saved_sha256 FROM verdict_evidence
         WHERE verdict_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([verdict], |r| {
        Ok(Evidence {
            id: Some(r.get(0)?),
            url: r.get(1)?,
            title: r.get(2)?,
            accessed: r.get(3)?,
            saved_name: r.get(4)?,
            saved_sha256: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The claim a verdict is about.
pub fn verdict_claim(conn: &Connection, verdict: VerdictId) -> Result<Option<ClaimId>> {
    optional(conn.prepare_cached("SELECT claim_id FROM verdicts WHERE id = ?1")?.query_row([verdict], |r| r.get(0)))
}

/// Saved evidence copies whose text no longer matches its SHA-256, with the text when it is a
/// redaction's stand-in (which `verify` accepts only for a recorded redaction).
pub fn evidence_text_mismatches(conn: &Connection) -> Result<Vec<(i64, Option<String>)>> {
    let mut stmt =
        conn.prepare("SELECT id, saved_text, saved_sha256 FROM verdict_evidence WHERE saved_text IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    let mut bad = Vec::new();
    while let Some(row) = rows.next()? {
        let text: String = row.get(1)?;
        let sha: String = row.get(2)?;
        if crate::chain::hex(&crate::chain::sha256(text.as_bytes())) != sha {
            let stand_in = text.starts_with("[redacted in event ").then_some(text);
            bad.push((row.get(0)?, stand_in));
        }
    }
    Ok(bad)
}

/// A piece of evidence to record with a verdict.
pub struct NewEvidence<'a> {
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub accessed: Option<&'a str>,
    /// The saved copy: its file name and text (its SHA-256 is computed here).
    pub saved: Option<(&'a str, &'a str)>,
}

impl Tx<'_> {
    /// Moves a claim to a stage (the caller has checked the move is allowed).
    pub fn set_stage(&mut self, claim: ClaimId, stage: Stage) -> Result<()> {
        let at = self.author().at.clone();
        self.audited(Table::Claims, claim.0, Some(claim), |conn| {
            conn.prepare_cached("UPDATE claims SET stage = ?2, updated_at = ?3 WHERE id = ?1 AND stage <> ?2")?
                .execute(params![claim, stage, at])?;
            Ok(())
        })
    }

    /// Sets or clears a claim's due date (`YYYY-MM-DD`).
    pub fn set_due(&mut self, claim: ClaimId, due: Option<&str>) -> Result<()> {
        let at = self.author().at.clone();
        self.audited(Table::Claims, claim.0, Some(claim), |conn| {
            conn.prepare_cached("UPDATE claims SET due = ?2, updated_at = ?3 WHERE id = ?1 AND due IS NOT ?2")?
                .execute(params![claim, due, at])?;
            Ok(())
        })
    }

    /// Assigns an editor; `false` when they already were.
    pub fn assign(&mut self, claim: ClaimId, editor: &str) -> Result<bool> {
        let key = crate::names::key(editor);
        let exists: Option<i64> = optional(
            self.conn()
                .prepare_cached("SELECT id FROM claim_assignees WHERE claim_id = ?1 AND editor_key = ?2")?
                .query_row(params![claim, key], |r| r.get(0)),
        )?;
        if exists.is_some() {
            return Ok(false);
        }
        let at = self.author().at.clone();
        self.audited_insert(Table::ClaimAssignees, Some(claim), |conn| {
            conn.prepare_cached(
                "INSERT INTO claim_assignees (claim_id, editor, editor_key, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![claim, editor.trim(), key, at])?;
            Ok(conn.last_insert_rowid())
        })?;
        Ok(true)
    }

    /// Takes an editor off a claim; `false` when they were not on it.
    pub fn unassign(&mut self, claim: ClaimId, editor: &str) -> Result<bool> {
        let key = crate::names::key(editor);
        let row: Option<i64> = optional(
            self.conn()
                .prepare_cached("SELECT id FROM claim_assignees WHERE claim_id = ?1 AND editor_key = ?2")?
                .query_row(params![claim, key], |r| r.get(0)),
        )?;
        let Some(row) = row else { return Ok(false) };
        self.audited(Table::ClaimAssignees, row, Some(claim), |conn| {
            conn.prepare_cached("DELETE FROM claim_assignees WHERE id = ?1")?.execute([row])?;
            Ok(())
        })?;
        Ok(true)
    }

    /// Tags a claim (the tag already normalised); `false` when it already carried it.
    pub fn add_tag(&mut self, claim: ClaimId, tag: &str) -> Result<bool> {
        if self.tag_row(claim, tag)?.is_some() {
            return Ok(false);
        }
        let at = self.author().at.clone();
        self.audited_insert(Table::ClaimTags, Some(claim), |conn| {
            conn.prepare_cached("INSERT INTO claim_tags (claim_id, tag, created_at) VALUES (?1, ?2, ?3)")?
                .execute(params![claim, tag, at])?;
            Ok(conn.last_insert_rowid())
        })?;
        Ok(true)
    }

    /// Removes a tag from a claim; `false` when it did not carry it.
    pub fn remove_tag(&mut self, claim: ClaimId, tag: &str) -> Result<bool> {
        let Some(row) = self.tag_row(claim, tag)? else { return Ok(false) };
        self.audited(Table::ClaimTags, row, Some(claim), |conn| {
            conn.prepare_cached("DELETE FROM claim_tags WHERE id = ?1")?.execute([row])?;
            Ok(())
        })?;
        Ok(true)
    }

    fn tag_row(&self, claim: ClaimId, tag: &str) -> Result<Option<i64>> {
        optional(
            self.conn()
                .prepare_cached("SELECT id FROM claim_tags WHERE claim_id = ?1 AND tag = ?2")?
                .query_row(params![claim, tag], |r| r.get(0)),
        )
    }

    /// Renames a tag on every claim; a claim that carries both keeps one. Returns how many claims it touched.
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<usize> {
        let rows: Vec<(i64, ClaimId)> = {
            let mut stmt =
                self.conn().prepare_cached("SELECT id, claim_id FROM claim_tags WHERE tag = ?1 ORDER BY id")?;
            stmt.query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        };
        for &(row, claim) in &rows {
            let has_both = self.tag_row(claim, to)?.is_some();
            self.audited(Table::ClaimTags, row, Some(claim), |conn| {
                if has_both {
                    conn.prepare_cached("DELETE FROM claim_tags WHERE id = ?1")?.execute([row])?;
                } else {
                    conn.prepare_cached("UPDATE claim_tags SET tag = ?2 WHERE id = ?1")?.execute(params![row, to])?;
                }
                Ok(())
            })?;
        }
        Ok(rows.len())
    }

    /// Adds a dated, signed entry to a claim's work log.
    pub fn add_note(&mut self, claim: ClaimId, body: &str) -> Result<i64> {
        let author = self.author().clone();
        self.audited_insert(Table::ClaimNotes, Some(claim), |conn| {
            conn.prepare_cached(
                "INSERT INTO claim_notes (claim_id, body, editor, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![claim, body.trim(), author.editor, author.at])?;
            Ok(conn.last_insert_rowid())
        })
    }

    /// Records one piece of evidence for a verdict.
    pub fn add_evidence(&mut self, verdict: VerdictId, claim: ClaimId, item: &NewEvidence<'_>) -> Result<i64> {
        let at = self.author().at.clone();
        let (name, text, sha) = match item.saved {
            Some((name, text)) => {
                (Some(name), Some(text), Some(crate::chain::hex(&crate::chain::sha256(text.as_bytes()))))
            }
            None => (None, None, None),
        };
        self.audited_insert(Table::VerdictEvidence, Some(claim), |conn| {
            conn.prepare_cached(
                "INSERT INTO verdict_evidence (verdict_id, url, title, accessed, saved_name, saved_text,
                                               saved_sha256, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![verdict, item.url, item.title, item.accessed, name, text, sha, at])?;
            Ok(conn.last_insert_rowid())
        })
    }

    /// Withdraws a verdict: it stays on record, no longer in force.
    pub fn withdraw_verdict(&mut self, verdict: VerdictId, claim: ClaimId, reason: &str) -> Result<()> {
        let author = self.author().clone();
        let changed = std::cell::Cell::new(0);
        self.audited(Table::Verdicts, verdict.0, Some(claim), |conn| {
            changed.set(
                conn.prepare_cached(
                    "UPDATE verdicts SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4
                     WHERE id = ?1 AND withdrawn_at IS NULL",
                )?
                .execute(params![verdict, author.at, author.editor, reason.trim()])?,
            );
            Ok(())
        })?;
        if changed.get() == 0 {
            return Err(Error::invalid(format!("verdict {verdict} is already withdrawn")));
        }
        Ok(())
    }
}
