//! The desk's work in the ledger: a claim's stage and due date, its assignees, tags and work log,
//! a verdict's evidence items and withdrawal, and the audited change that gives existing claims a stage.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::Tx;
use super::audit::{self, Table};
use super::db::Db;
use super::log;
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
/// Part of SQLite's migrations (docs/postgres-port.md, 12), so it stays on the connection.
pub fn record_initial_stages(conn: &Connection) -> Result<()> {
    let stages: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, stage FROM claims ORDER BY id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    if stages.is_empty() {
        return Ok(());
    }
    let now = crate::date::now().unwrap_or_else(|_| chrono::Utc::now());
    let change =
        audit::write_change(Db::Sqlite(conn), &crate::date::timestamp(now), "claimtrack", "upgrade: claim stages")?;
    let (mut id, mut head) = match log::head(Db::Sqlite(conn))? {
        Some(head) => head,
        None => (0, log::origin(Db::Sqlite(conn))?),
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
        head = audit::write_event(Db::Sqlite(conn), event, &head)?;
    }
    Ok(())
}

/// A claim's assignees, in the order they were assigned.
pub fn assignees_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<String>> {
    db.query("SELECT editor FROM claim_assignees WHERE claim_id = ?1 ORDER BY id", &[&claim], |r| r.get(0))
}

/// A claim's tags, alphabetically.
pub fn tags_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<String>> {
    db.query("SELECT tag FROM claim_tags WHERE claim_id = ?1 ORDER BY tag", &[&claim], |r| r.get(0))
}

/// A claim's work log, oldest first.
pub fn notes_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<Note>> {
    db.query("SELECT id, body, editor, created_at FROM claim_notes WHERE claim_id = ?1 ORDER BY id", &[&claim], |r| {
        Ok(Note { id: r.get(0)?, body: r.get(1)?, editor: r.get(2)?, created_at: r.get(3)? })
    })
}

/// Names per claim: its assignees, or its tags.
pub type ByClaim = HashMap<ClaimId, Vec<String>>;

/// Every claim's assignees and tags, for lists and reports (both tables are small beside the claims).
pub fn all_assignees_and_tags(db: Db<'_>) -> Result<(ByClaim, ByClaim)> {
    // Each row goes straight into its map: the closures return nothing, so nothing else is kept.
    let mut assignees: HashMap<ClaimId, Vec<String>> = HashMap::new();
    db.query("SELECT claim_id, editor FROM claim_assignees ORDER BY id", &[], |r| {
        assignees.entry(r.get(0)?).or_default().push(r.get(1)?);
        Ok(())
    })?;
    let mut tags: HashMap<ClaimId, Vec<String>> = HashMap::new();
    db.query("SELECT claim_id, tag FROM claim_tags ORDER BY tag", &[], |r| {
        tags.entry(r.get(0)?).or_default().push(r.get(1)?);
        Ok(())
    })?;
    Ok((assignees, tags))
}

/// Each claim's newest work-log entry, for lists.
pub fn last_notes(db: Db<'_>) -> Result<HashMap<ClaimId, Note>> {
    let rows = db.query(
        "SELECT claim_id, id, body, editor, created_at FROM claim_notes
         WHERE id IN (SELECT max(id) FROM claim_notes GROUP BY claim_id)",
        &[],
        |r| Ok((r.get(0)?, Note { id: r.get(1)?, body: r.get(2)?, editor: r.get(3)?, created_at: r.get(4)? })),
    )?;
    Ok(rows.into_iter().collect())
}

/// Every active claim with a due date: (claim, due, stage).
pub fn due_claims(db: Db<'_>) -> Result<Vec<(ClaimId, String, Stage)>> {
    db.query("SELECT id, due, stage FROM claims WHERE due IS NOT NULL AND status = 'active' ORDER BY id", &[], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// The claims carrying a tag, in id order.
pub fn claims_tagged(db: Db<'_>, tag: &str) -> Result<Vec<ClaimId>> {
    db.query("SELECT claim_id FROM claim_tags WHERE tag = ?1 ORDER BY claim_id", &[&tag], |r| r.get(0))
}

/// The claims an editor (by normalised name) is assigned to, in id order.
pub fn claims_assigned(db: Db<'_>, editor_key: &str) -> Result<Vec<ClaimId>> {
    db.query("SELECT claim_id FROM claim_assignees WHERE editor_key = ?1 ORDER BY claim_id", &[&editor_key], |r| {
        r.get(0)
    })
}

/// Every tag with how many claims carry it, and how many of those are still active.
/// (`count(*) FILTER`, not `sum(c.status = 'active')`: PostgreSQL does not sum booleans.)
pub fn tag_counts(db: Db<'_>) -> Result<Vec<(String, i64, i64)>> {
    db.query(
        "SELECT t.tag, count(*), count(*) FILTER (WHERE c.status = 'active')
         FROM claim_tags t JOIN claims c ON c.id = t.claim_id
         GROUP BY t.tag ORDER BY t.tag",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// A verdict's evidence items, in the order recorded.
pub fn evidence_of(db: Db<'_>, verdict: VerdictId) -> Result<Vec<Evidence>> {
    db.query(
        "SELECT id, url, title, accessed, saved_name, saved_sha256 FROM verdict_evidence
         WHERE verdict_id = ?1 ORDER BY id",
        &[&verdict],
        |r| {
            Ok(Evidence {
                id: Some(r.get(0)?),
                url: r.get(1)?,
                title: r.get(2)?,
                accessed: r.get(3)?,
                saved_name: r.get(4)?,
                saved_sha256: r.get(5)?,
            })
        },
    )
}

/// The claim a verdict is about.
pub fn verdict_claim(db: Db<'_>, verdict: VerdictId) -> Result<Option<ClaimId>> {
    db.query_opt("SELECT claim_id FROM verdicts WHERE id = ?1", &[&verdict], |r| r.get(0))
}

/// Saved evidence copies whose text no longer matches its SHA-256, with the text when it is a
/// redaction's stand-in (which `verify` accepts only for a recorded redaction).
/// Stays on the connection: it streams every saved text (`Db::query` would hold them all), and
/// `verify` calls it inside `Store::snapshot`, which hands out a connection (docs/postgres-port.md, 18).
pub fn evidence_text_mismatches(db: Db<'_>) -> Result<Vec<(i64, Option<String>)>> {
    let mut bad = Vec::new();
    let sql = format!(
        "SELECT id, saved_text, saved_sha256 FROM verdict_evidence WHERE saved_text IS NOT NULL{} ORDER BY id",
        db.newsroom_only("org_id")
    );
    db.each(&sql, &[], |row| {
        let text: String = row.get(1)?;
        let sha: String = row.get(2)?;
        if crate::chain::hex(&crate::chain::sha256(text.as_bytes())) != sha {
            let stand_in = text.starts_with("[redacted in event ").then_some(text);
            bad.push((row.get(0)?, stand_in));
        }
        Ok(())
    })?;
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
        self.audited(Table::Claims, claim.0, Some(claim), |db| {
            db.execute(
                "UPDATE claims SET stage = ?2, updated_at = ?3 WHERE id = ?1 AND stage <> ?2",
                &[&claim, &stage, &at],
            )?;
            Ok(())
        })
    }

    /// Sets or clears a claim's due date (`YYYY-MM-DD`).
    pub fn set_due(&mut self, claim: ClaimId, due: Option<&str>) -> Result<()> {
        let at = self.author().at.clone();
        self.audited(Table::Claims, claim.0, Some(claim), |db| {
            // `IS DISTINCT FROM` is SQLite's `IS NOT`, spelled as PostgreSQL also reads it.
            db.execute(
                "UPDATE claims SET due = ?2, updated_at = ?3 WHERE id = ?1 AND due IS DISTINCT FROM CAST(?2 AS TEXT)",
                &[&claim, &due, &at],
            )?;
            Ok(())
        })
    }

    /// The id of the row assigning an editor (by normalised name) to a claim.
    fn assignee_row(&self, claim: ClaimId, key: &str) -> Result<Option<i64>> {
        self.db().query_opt(
            "SELECT id FROM claim_assignees WHERE claim_id = ?1 AND editor_key = ?2",
            &[&claim, &key],
            |r| r.get(0),
        )
    }

    /// Assigns an editor; `false` when they already were.
    pub fn assign(&mut self, claim: ClaimId, editor: &str) -> Result<bool> {
        let key = crate::names::key(editor);
        if self.assignee_row(claim, &key)?.is_some() {
            return Ok(false);
        }
        let at = self.author().at.clone();
        self.audited_insert(Table::ClaimAssignees, Some(claim), |db| {
            db.insert(
                "INSERT INTO claim_assignees (claim_id, editor, editor_key, created_at) VALUES (?1, ?2, ?3, ?4)
                 RETURNING id",
                &[&claim, &editor.trim(), &key, &at],
            )
        })?;
        Ok(true)
    }

    /// Takes an editor off a claim; `false` when they were not on it.
    pub fn unassign(&mut self, claim: ClaimId, editor: &str) -> Result<bool> {
        let key = crate::names::key(editor);
        let Some(row) = self.assignee_row(claim, &key)? else { return Ok(false) };
        self.audited(Table::ClaimAssignees, row, Some(claim), |db| {
            db.execute("DELETE FROM claim_assignees WHERE id = ?1", &[&row])?;
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
        self.audited_insert(Table::ClaimTags, Some(claim), |db| {
            db.insert(
                "INSERT INTO claim_tags (claim_id, tag, created_at) VALUES (?1, ?2, ?3) RETURNING id",
                &[&claim, &tag, &at],
            )
        })?;
        Ok(true)
    }

    /// Removes a tag from a claim; `false` when it did not carry it.
    pub fn remove_tag(&mut self, claim: ClaimId, tag: &str) -> Result<bool> {
        let Some(row) = self.tag_row(claim, tag)? else { return Ok(false) };
        self.audited(Table::ClaimTags, row, Some(claim), |db| {
            db.execute("DELETE FROM claim_tags WHERE id = ?1", &[&row])?;
            Ok(())
        })?;
        Ok(true)
    }

    fn tag_row(&self, claim: ClaimId, tag: &str) -> Result<Option<i64>> {
        self.db().query_opt("SELECT id FROM claim_tags WHERE claim_id = ?1 AND tag = ?2", &[&claim, &tag], |r| r.get(0))
    }

    /// Renames a tag on every claim; a claim that carries both keeps one. Returns how many claims it touched.
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<usize> {
        let rows: Vec<(i64, ClaimId)> =
            self.db().query("SELECT id, claim_id FROM claim_tags WHERE tag = ?1 ORDER BY id", &[&from], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for &(row, claim) in &rows {
            let has_both = self.tag_row(claim, to)?.is_some();
            self.audited(Table::ClaimTags, row, Some(claim), |db| {
                if has_both {
                    db.execute("DELETE FROM claim_tags WHERE id = ?1", &[&row])?;
                } else {
                    db.execute("UPDATE claim_tags SET tag = ?2 WHERE id = ?1", &[&row, &to])?;
                }
                Ok(())
            })?;
        }
        Ok(rows.len())
    }

    /// Adds a dated, signed entry to a claim's work log.
    pub fn add_note(&mut self, claim: ClaimId, body: &str) -> Result<i64> {
        let author = self.author().clone();
        self.audited_insert(Table::ClaimNotes, Some(claim), |db| {
            db.insert(
                "INSERT INTO claim_notes (claim_id, body, editor, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                &[&claim, &body.trim(), &author.editor, &author.at],
            )
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
        self.audited_insert(Table::VerdictEvidence, Some(claim), |db| {
            db.insert(
                "INSERT INTO verdict_evidence (verdict_id, url, title, accessed, saved_name, saved_text,
                                               saved_sha256, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                &[&verdict, &item.url, &item.title, &item.accessed, &name, &text, &sha, &at],
            )
        })
    }

    /// Withdraws a verdict: it stays on record, no longer in force.
    pub fn withdraw_verdict(&mut self, verdict: VerdictId, claim: ClaimId, reason: &str) -> Result<()> {
        let author = self.author().clone();
        let changed = std::cell::Cell::new(0);
        self.audited(Table::Verdicts, verdict.0, Some(claim), |db| {
            changed.set(db.execute(
                "UPDATE verdicts SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4
                 WHERE id = ?1 AND withdrawn_at IS NULL",
                &[&verdict, &author.at, &author.editor, &reason.trim()],
            )?);
            Ok(())
        })?;
        if changed.get() == 0 {
            return Err(Error::invalid(format!("verdict {verdict} is already withdrawn")));
        }
        Ok(())
    }
}
