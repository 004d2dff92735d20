//! Claims and their citations: add, edit, retract, cite, and the lookups behind `claim list|show`.

use super::Tx;
use super::audit::Table;
use super::db::{Db, Row};
use crate::error::{Error, Result};
use crate::model::{ArticleId, Attribution, Citation, CitationId, Claim, ClaimId, ClaimStatus, SourceId, SourceRef};

/// A citation to record: where the claim appeared and who it was attributed to.
pub struct NewCitation<'a> {
    pub article: ArticleId,
    pub attribution: Attribution,
    pub quote: Option<&'a str>,
    /// Character offsets of the quote in the article's text, end exclusive.
    pub span: Option<(i64, i64)>,
    /// Seconds into a recording, from and to.
    pub time: Option<(i64, i64)>,
}

/// Which claims `claim list` wants.
#[derive(Default)]
pub struct ClaimFilter {
    pub article: Option<ArticleId>,
    pub source: Option<SourceId>,
    pub include_retracted: bool,
}

fn claim_from_row(row: &Row<'_>) -> Result<Claim> {
    Ok(Claim {
        id: row.get(0)?,
        text: row.get(1)?,
        status: row.get(2)?,
        retract_reason: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
        stage: row.get(6)?,
        due: row.get(7)?,
    })
}

pub fn get(db: Db<'_>, id: ClaimId) -> Result<Claim> {
    db.query_opt(
        "SELECT id, text, status, retract_reason, created_at, updated_at, stage, due FROM claims WHERE id = ?1",
        &[&id],
        claim_from_row,
    )?
    .ok_or_else(|| Error::NotFound { what: "claim", given: id.to_string() })
}

/// Parses a claim reference (`12` or `#12`) and checks that it exists.
pub fn resolve(db: Db<'_>, given: &str) -> Result<ClaimId> {
    let id = crate::reference::parse_id(given.trim())
        .ok_or_else(|| Error::invalid(format!("{given:?} is not a claim id (claims are named by number, e.g. 12)")))?;
    match get(db, ClaimId(id)) {
        Ok(claim) => Ok(claim.id),
        Err(Error::NotFound { .. }) => Err(Error::NotFound { what: "claim", given: given.into() }),
        Err(e) => Err(e),
    }
}

pub fn list(db: Db<'_>, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    db.query(
        "SELECT id, text, status, retract_reason, created_at, updated_at, stage, due FROM claims c
         WHERE (?1 OR c.status = 'active')
           AND (CAST(?2 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM citations t WHERE t.claim_id = c.id AND t.article_id = ?2))
           AND (CAST(?3 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM citations t WHERE t.claim_id = c.id AND t.source_id = ?3))
         ORDER BY c.id",
        &[&filter.include_retracted, &filter.article, &filter.source],
        claim_from_row,
    )
}

const CITATION_SELECT: &str = "SELECT t.id, t.claim_id, t.article_id, a.title, t.source_id, s.name, s.kind,
        t.kind, t.quote, t.start_offset, t.end_offset, t.created_at, c.text, t.start_second, t.end_second
     FROM citations t JOIN articles a ON a.id = t.article_id LEFT JOIN sources s ON s.id = t.source_id
     JOIN claims c ON c.id = t.claim_id";

fn citation_from_row(row: &Row<'_>) -> Result<Citation> {
    let source_id: Option<SourceId> = row.get(4)?;
    Ok(Citation {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        article_id: row.get(2)?,
        article_title: row.get(3)?,
        source: match source_id {
            Some(id) => Some(SourceRef { id, name: row.get(5)?, kind: row.get(6)? }),
            None => None,
        },
        kind: row.get(7)?,
        quote: row.get(8)?,
        start: row.get(9)?,
        end: row.get(10)?,
        created_at: row.get(11)?,
        claim_text: row.get(12)?,
        time: match (row.get(13)?, row.get(14)?) {
            (Some(from), Some(to)) => Some((from, to)),
            _ => None,
        },
    })
}

/// A claim's citations in the order they were recorded.
pub fn citations(db: Db<'_>, claim: ClaimId) -> Result<Vec<Citation>> {
    db.query(&format!("{CITATION_SELECT} WHERE t.claim_id = ?1 ORDER BY t.id"), &[&claim], citation_from_row)
}

/// The citations an article holds, in the order they appear in its text.
pub fn citations_in_article(db: Db<'_>, article: ArticleId) -> Result<Vec<Citation>> {
    db.query(
        &format!("{CITATION_SELECT} WHERE t.article_id = ?1 ORDER BY t.start_offset IS NULL, t.start_offset, t.id"),
        &[&article],
        citation_from_row,
    )
}

impl Tx<'_> {
    pub fn add_claim(&mut self, text: &str) -> Result<ClaimId> {
        let text = text.trim();
        let at = self.author().at.clone();
        // Written with its title and duplicate key, so no trigger and no second statement touch the row.
        let key = crate::matching::text::duplicate_key(text);
        let id = self.audited_insert_row(
            Table::Claims,
            None,
            "INSERT INTO claims (text, title, text_key, created_at, updated_at) VALUES (?1, ?1, ?2, ?3, ?3)",
            &[&text, &key, &at],
        )?;
        self.index_claim(ClaimId(id), text, false)?;
        Ok(ClaimId(id))
    }

    pub fn add_citation(&mut self, claim: ClaimId, cite: &NewCitation<'_>) -> Result<CitationId> {
        let at = self.author().at.clone();
        self.audited_insert_row(
            Table::Citations,
            Some(claim),
            "INSERT INTO citations (claim_id, article_id, source_id, kind, quote, start_offset,
                                    end_offset, created_at, start_second, end_second)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            &[
                &claim,
                &cite.article,
                &cite.attribution.source(),
                &cite.attribution.kind(),
                &cite.quote,
                &cite.span.map(|s| s.0),
                &cite.span.map(|s| s.1),
                &at,
                &cite.time.map(|t| t.0),
                &cite.time.map(|t| t.1),
            ],
        )
        .map(CitationId)
    }

    /// Rewords a claim; returns whether anything changed (the same wording writes nothing).
    pub fn edit_claim(&mut self, id: ClaimId, text: &str) -> Result<bool> {
        let text = text.trim();
        if get(self.db(), id)?.text == text {
            return Ok(false);
        }
        let at = self.author().at.clone();
        self.audited(Table::Claims, id.0, Some(id), |db| {
            db.execute("UPDATE claims SET text = ?2, updated_at = ?3 WHERE id = ?1", &[&id, &text, &at])?;
            Ok(())
        })?;
        self.index_claim(id, text, true)?;
        self.clear_mismatches(id)?;
        Ok(true)
    }

    /// Brings a retracted claim back; its retraction stays in the audit trail.
    pub fn restore_claim(&mut self, id: ClaimId) -> Result<()> {
        let claim = get(self.db(), id)?;
        if claim.status == ClaimStatus::Active {
            return Err(Error::invalid(format!("claim {id} is not retracted")));
        }
        let at = self.author().at.clone();
        self.audited(Table::Claims, id.0, Some(id), |db| {
            db.execute(
                "UPDATE claims SET status = 'active', retract_reason = NULL, stage = 'open', updated_at = ?2 WHERE id = ?1",
                &[&id, &at],
            )?;
            Ok(())
        })
    }

    pub fn retract_claim(&mut self, id: ClaimId, reason: &str) -> Result<()> {
        let claim = get(self.db(), id)?;
        if claim.status == ClaimStatus::Retracted {
            return Err(Error::invalid(format!("claim {id} is already retracted")));
        }
        let at = self.author().at.clone();
        self.audited(Table::Claims, id.0, Some(id), |db| {
            db.execute(
                "UPDATE claims SET status = 'retracted', retract_reason = ?2, stage = 'closed', updated_at = ?3
                 WHERE id = ?1",
                &[&id, &reason.trim(), &at],
            )?;
            Ok(())
        })
    }
}
