//! Links (corroborates / conflicts / duplicates) and verdicts: recording, removing, listing.

use super::Tx;
use super::audit::Table;
use super::db::{Db, Row};
use crate::error::{Error, Result};
use crate::model::{ClaimId, Evidence, Link, LinkId, LinkTarget, Rating, Stance, Verdict, VerdictId};

/// A verdict to record; its evidence items follow it (`Tx::add_evidence`).
pub struct NewVerdict<'a> {
    pub rating: Rating,
    pub note: Option<&'a str>,
    pub rationale: Option<&'a str>,
    pub reviewer: Option<&'a str>,
}

/// A link's target from its two columns (`target_claim_id`, `target_article_id`) starting at `first`.
/// The schema guarantees exactly one of them is set.
pub(super) fn link_target(row: &Row<'_>, first: usize) -> Result<LinkTarget> {
    match row.get::<Option<ClaimId>>(first)? {
        Some(claim) => Ok(LinkTarget::Claim(claim)),
        None => Ok(LinkTarget::Article(row.get(first + 1)?)),
    }
}

fn link_from_row(row: &Row<'_>) -> Result<Link> {
    Ok(Link {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        stance: row.get(2)?,
        target: link_target(row, 3)?,
        note: row.get(5)?,
        editor: row.get(6)?,
        created_at: row.get(7)?,
    })
}

const LINK_SELECT: &str =
    "SELECT id, claim_id, stance, target_claim_id, target_article_id, note, editor, created_at FROM links";

/// Links from or to a claim, oldest first.
pub fn links_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<Link>> {
    db.query(
        &format!("{LINK_SELECT} WHERE claim_id = ?1 OR target_claim_id = ?1 ORDER BY id"),
        &[&claim],
        link_from_row,
    )
}

fn verdict_from_row(row: &Row<'_>) -> Result<Verdict> {
    Ok(Verdict {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        rating: row.get(2)?,
        note: row.get(3)?,
        evidence: row.get(4)?,
        editor: row.get(5)?,
        created_at: row.get(6)?,
        rationale: row.get(7)?,
        reviewer: row.get(8)?,
        withdrawn_at: row.get(9)?,
        withdrawn_by: row.get(10)?,
        withdrawn_reason: row.get(11)?,
        evidence_items: Vec::new(),
    })
}

/// A claim's verdicts with their evidence, oldest first; the last one not withdrawn is in force.
pub fn verdicts_of(db: Db<'_>, claim: ClaimId) -> Result<Vec<Verdict>> {
    let mut verdicts = db.query(
        "SELECT id, claim_id, rating, note, evidence, editor, created_at, rationale, reviewer,
                withdrawn_at, withdrawn_by, withdrawn_reason
         FROM verdicts WHERE claim_id = ?1 ORDER BY id",
        &[&claim],
        verdict_from_row,
    )?;
    for verdict in &mut verdicts {
        // An older verdict's single URL is its first item; `evidence` stays the first URL, as it always was.
        let legacy = verdict.evidence.iter().map(|url| Evidence { url: Some(url.clone()), ..Evidence::default() });
        verdict.evidence_items = legacy.chain(super::desk::evidence_of(db, verdict.id)?).collect();
        verdict.evidence = verdict.evidence_items.iter().find_map(|e| e.url.clone());
    }
    Ok(verdicts)
}

/// The verdict in force on a claim: its newest not withdrawn.
pub fn verdict_in_force(db: Db<'_>, claim: ClaimId) -> Result<Option<Verdict>> {
    Ok(verdicts_of(db, claim)?.into_iter().rev().find(|v| !v.is_withdrawn()))
}

impl Tx<'_> {
    pub fn add_link(
        &mut self,
        claim: ClaimId,
        stance: Stance,
        target: LinkTarget,
        note: Option<&str>,
    ) -> Result<LinkId> {
        if target == LinkTarget::Claim(claim) {
            return Err(Error::invalid(format!("cannot link claim {claim} to itself")));
        }
        let (target_claim, target_article) = match target {
            LinkTarget::Claim(c) => (Some(c), None),
            LinkTarget::Article(a) => (None, Some(a)),
        };
        // One stance per pair: a claim cannot both corroborate and contradict another.
        // (`IS NOT DISTINCT FROM` is SQLite's `IS` spelled as PostgreSQL also reads it.)
        let existing: Option<(LinkId, Stance)> = self.db().query_opt(
            "SELECT id, stance FROM links WHERE
               (claim_id = ?1 AND target_claim_id IS NOT DISTINCT FROM CAST(?2 AS BIGINT)
                AND target_article_id IS NOT DISTINCT FROM CAST(?3 AS BIGINT))
               OR (CAST(?2 AS BIGINT) IS NOT NULL AND claim_id = ?2 AND target_claim_id = ?1)
             ORDER BY id LIMIT 1",
            &[&claim, &target_claim, &target_article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match existing {
            Some((id, same)) if same == stance => {
                return Err(Error::invalid(format!("that link already exists (link {id})")));
            }
            Some((id, other)) => {
                return Err(Error::invalid(format!(
                    "these are already linked as `{other}` (link {id}); remove that link with `claimtrack unlink {id}` before recording `{stance}`"
                )));
            }
            None => {}
        }
        let author = self.author().clone();
        let id = self.audited_insert(Table::Links, Some(claim), |db| {
            db.insert(
                "INSERT INTO links (claim_id, stance, target_claim_id, target_article_id, note, editor, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                &[&claim, &stance, &target_claim, &target_article, &note, &author.editor, &author.at],
            )
        })?;
        Ok(LinkId(id))
    }

    pub fn remove_link(&mut self, id: LinkId) -> Result<Link> {
        let link = self
            .db()
            .query_opt(&format!("{LINK_SELECT} WHERE id = ?1"), &[&id], link_from_row)?
            .ok_or_else(|| Error::NotFound { what: "link", given: id.to_string() })?;
        self.audited(Table::Links, id.0, Some(link.claim_id), |db| {
            db.execute("DELETE FROM links WHERE id = ?1", &[&id])?;
            Ok(())
        })?;
        Ok(link)
    }

    pub fn add_verdict(&mut self, claim: ClaimId, verdict: &NewVerdict<'_>) -> Result<VerdictId> {
        let author = self.author().clone();
        let id = self.audited_insert(Table::Verdicts, Some(claim), |db| {
            db.insert(
                "INSERT INTO verdicts (claim_id, rating, note, evidence, editor, created_at, rationale, reviewer)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7) RETURNING id",
                &[
                    &claim,
                    &verdict.rating,
                    &verdict.note,
                    &author.editor,
                    &author.at,
                    &verdict.rationale,
                    &verdict.reviewer,
                ],
            )
        })?;
        Ok(VerdictId(id))
    }
}
