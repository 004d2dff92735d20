//! Recording what `extract` found: each statement as a claim with its citation, in one change.
//!
//! Offsets always point into the article's stored text, so the text is stored
//! with the first save and a different text is refused. A statement already
//! recorded in the article (same start and end) is not recorded again, so
//! saving twice adds nothing. Sources are found by name or alias with the one
//! name normalisation; an unknown one is created with the kind the extractor inferred.

use std::collections::HashMap;

use serde::Serialize;

use super::claims::ResolvedCitation;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::extract::{SourceClass, Statement};
use crate::model::{ArticleId, Attribution, CitationId, CitationKind, ClaimId, SourceId, SourceKind};
use crate::store::articles::{self, NewArticle};
use crate::store::claims::{self, NewCitation};
use crate::store::db::Db;
use crate::store::sources::{self, NewSource};
use crate::store::{Author, Store, Tx};

/// Which article the statements belong to.
pub enum Target {
    /// An article already in the ledger (id, title or URL).
    Article(String),
    /// A new article from this publisher; the title is given or the text's first line.
    New { publisher: String, title: Option<String>, url: Option<String>, published: Option<PartialDate> },
}

/// A statement an editor accepted, with the claim's wording (the content, unless edited).
#[derive(Clone, Debug)]
pub struct Proposal {
    pub statement: Statement,
    pub claim_text: String,
}

impl Proposal {
    /// The proposal as extracted: the claim reads as the content, without the quotation marks around it and
    /// without the "that" opening reported speech (the content span keeps it, as attribution corpora mark it).
    pub fn from(statement: Statement) -> Proposal {
        let text = statement.content.text.trim();
        let text = ["that ", "That ", "que ", "qu'", "qu’"]
            .iter()
            .find_map(|w| text.strip_prefix(w))
            .filter(|rest| !rest.trim().is_empty())
            .unwrap_or(text);
        let trimmed = text
            .trim()
            .trim_start_matches(['“', '"', '«', '‘', '\''])
            .trim_end_matches(['”', '"', '»', '’', '\''])
            .trim()
            .trim_end_matches([',', ';', ':'])
            .trim()
            .to_string();
        let claim_text = if trimmed.is_empty() { statement.content.text.trim().to_string() } else { trimmed };
        Proposal { statement, claim_text }
    }
}

/// One statement recorded.
#[derive(Debug, Serialize)]
pub struct Recorded {
    pub claim: ClaimId,
    pub citation: CitationId,
    /// The claim was already in the ledger, word for word: cited again, not added.
    pub existing_claim: bool,
    pub source: Option<SourceId>,
    /// The source was created by this save.
    pub new_source: bool,
    pub kind: CitationKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A statement left out, and why.
#[derive(Debug, Serialize)]
pub struct Skipped {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

/// What a save did.
#[derive(Debug, Serialize)]
pub struct Saved {
    pub article: ArticleId,
    pub text_stored: bool,
    pub recorded: Vec<Recorded>,
    /// Statements already recorded in this article (same offsets).
    pub already_recorded: usize,
    pub skipped: Vec<Skipped>,
}

/// The title of an article made from a text: its first non-empty line, shortened to 200 characters.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(line.chars().take(200).collect())
}

/// Refuses, before anything is asked or written, a target whose stored text differs from `text`.
pub fn check(store: &Store, target: &Target, text: &str) -> Result<()> {
    match target {
        Target::Article(given) => {
            let id = articles::resolve(store.db(), given)?;
            stored_text_matches(store.db(), id, text).map(|_| ())
        }
        Target::New { publisher, title, .. } => {
            sources::resolve(store.db(), publisher)?;
            if title.as_deref().or(first_line(text).as_deref()).is_none_or(|t| t.trim().is_empty()) {
                return Err(Error::invalid("the text is empty, so it gives no title; pass --title"));
            }
            Ok(())
        }
    }
}

/// Whether the article has a text to compare: Ok(true) when it matches, Ok(false) when there is none.
fn stored_text_matches(db: Db<'_>, id: ArticleId, text: &str) -> Result<bool> {
    match articles::text(db, id)? {
        None => Ok(false),
        Some(stored) if stored == text => Ok(true),
        Some(_) => Err(Error::invalid(format!(
            "article {id} already has a different stored text; the offsets would not point into it (extract --article {id} reads the stored one)"
        ))),
    }
}

/// The claim already in the ledger that says the same thing: an active claim with the same
/// duplicate key (the exact-duplicate check `claim add` and imports use).
fn same_claim(tx: &Tx<'_>, text: &str) -> Result<Option<ClaimId>> {
    crate::ops::matching::exact_active_duplicate(tx.db(), text)
}

fn source_kind(class: Option<SourceClass>) -> SourceKind {
    match class {
        Some(SourceClass::Person) => SourceKind::Person,
        Some(SourceClass::Outlet) => SourceKind::Outlet,
        Some(SourceClass::Anonymous) => SourceKind::Anonymous,
        Some(SourceClass::Organisation | SourceClass::Unknown) | None => SourceKind::Organization,
    }
}

/// Records the proposals in one transaction (one change in the audit log).
pub fn save(store: &mut Store, author: &Author, target: &Target, text: &str, proposals: &[Proposal]) -> Result<Saved> {
    check(store, target, text)?;
    store.write(author, |tx| {
        let (article, text_stored) = match target {
            Target::Article(given) => {
                let id = articles::resolve(tx.db(), given)?;
                let has = stored_text_matches(tx.db(), id, text)?;
                if !has {
                    tx.set_article_text(id, text)?;
                }
                (id, !has)
            }
            Target::New { publisher, title, url, published } => {
                let publisher = sources::resolve(tx.db(), publisher)?;
                let title = title.clone().or_else(|| first_line(text)).unwrap_or_default();
                let id = tx.add_article(&NewArticle {
                    title: &title,
                    url: url.as_deref(),
                    publisher: Some(publisher),
                    published: *published,
                    text: Some(text),
                    derived_from: &[],
                    medium: None,
                })?;
                (id, true)
            }
        };
        let existing: Vec<(i64, i64)> =
            claims::citations_in_article(tx.db(), article)?.iter().filter_map(|c| Some((c.start?, c.end?))).collect();
        let mut created: HashMap<String, SourceId> = HashMap::new();
        let mut saved = Saved { article, text_stored, recorded: Vec::new(), already_recorded: 0, skipped: Vec::new() };
        for proposal in proposals {
            let s = &proposal.statement;
            let span = (s.content.start as i64, s.content.end as i64);
            if existing.contains(&span) {
                saved.already_recorded += 1;
                continue;
            }
            let (source, new_source) = if s.kind == CitationKind::Named {
                let Some(name) = s.resolved_source.as_deref().filter(|n| !n.trim().is_empty()) else {
                    saved.skipped.push(Skipped {
                        start: s.content.start,
                        end: s.content.end,
                        reason: format!(
                            "{:?} points to no named source; record it by hand with the source it stands for",
                            s.source.as_ref().map_or("", |x| x.text.as_str())
                        ),
                    });
                    continue;
                };
                let key = crate::names::key(name);
                if let Some(id) = created.get(&key) {
                    (Some(*id), false)
                } else {
                    match sources::resolve(tx.db(), name) {
                        Ok(id) => (Some(id), false),
                        Err(Error::NotFound { .. }) => {
                            let id = tx.add_source(&NewSource {
                                name: name.trim(),
                                kind: source_kind(s.source_class),
                                url: None,
                                note: None,
                            })?;
                            created.insert(key, id);
                            (Some(id), true)
                        }
                        Err(e) => return Err(e),
                    }
                }
            } else {
                (None, false)
            };
            let attribution = Attribution::new(s.kind, source).map_err(Error::Internal)?;
            let quote = s.content.text.as_str();
            let (claim, citation, existing_claim) = match same_claim(tx, &proposal.claim_text)? {
                Some(claim) => {
                    let citation = tx.add_citation(
                        claim,
                        &NewCitation { article, attribution, quote: Some(quote), span: Some(span), time: None },
                    )?;
                    (claim, citation, true)
                }
                None => {
                    let cite = ResolvedCitation {
                        article,
                        attribution,
                        quote: Some(quote.to_string()),
                        span: Some(span),
                        time: None,
                    };
                    let claim = super::claims::record(tx, &proposal.claim_text, Some(&cite))?;
                    let citation = claims::citations(tx.db(), claim)?
                        .last()
                        .map(|c| c.id)
                        .ok_or_else(|| Error::Internal(format!("claim {claim} was recorded without its citation")))?;
                    (claim, citation, false)
                }
            };
            saved.recorded.push(Recorded {
                claim,
                citation,
                existing_claim,
                source,
                new_source,
                kind: s.kind,
                text: proposal.claim_text.clone(),
                start: s.content.start,
                end: s.content.end,
            });
        }
        Ok(saved)
    })
}
