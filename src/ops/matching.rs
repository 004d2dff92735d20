//! Matching claims by their words: near-duplicates with a score and the changed words,
//! exact duplicates inside the write transaction, numeric mismatches, search, diffs, and the
//! batch pass over what imports added. Imports and extraction call `exact_duplicates` per row.

use serde::Serialize;

use super::claims::{CitationRequest, ResolvedCitation};
use crate::error::{Error, Result};
use crate::matching::diff::{self, Change, Span};
use crate::matching::numbers::{self, Disagreement};
use crate::matching::rank::{self, Candidate, Rarity, Signals};
use crate::matching::{query, text};
use crate::model::{ClaimId, LinkTarget, Stance};
use crate::store::db::Db;
use crate::store::{Author, Store, Tx, matching as index};

/// How many candidates the index hands to the ranking.
const CANDIDATES: usize = 100;
/// The most index words a lookup asks for (the rarest first).
const MAX_TERMS: usize = 48;
/// Once the words asked for are this common together (postings to score), rarer ones suffice.
/// FTS5 scores every posting of the words asked for (about 1 ms per 1,000 at a million claims);
/// the rarest words find the duplicates, so 2,000 loses none on CheckThat! or the sweep's re-reports.
const POSTINGS_BUDGET: f64 = 2_000.0;
/// A match is a near-duplicate when the shared words carry at least this share of the
/// meaning (rarity-weighted overlap, `rank::Signals::overlap`) — or when it is an exact duplicate.
pub const NEAR_DUPLICATE: f64 = 0.6;

/// A claim that matches a text.
#[derive(Clone, Debug, Serialize)]
pub struct Match {
    pub claim_id: ClaimId,
    /// 0 to 1; 1 for an exact duplicate.
    pub score: f64,
    pub text: String,
    /// The same claim after normalisation (case, quote marks, punctuation, spacing).
    pub exact: bool,
    /// Close enough to be the same statement reworded.
    pub near_duplicate: bool,
    /// `similar`'s word ratio between the two wordings, 0 to 1.
    pub word_ratio: f64,
    pub signals: Signals,
    /// From the stored claim's wording to the text given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    #[serde(skip)]
    pub spans: Vec<Span>,
    /// Numbers that cannot both be right: `ours` in the text given, `theirs` in this claim.
    pub numbers_disagree: Vec<Disagreement>,
    /// Another newsroom's claim that a coalition shares (on a server): shown, but never linked
    /// to or stored against, since a newsroom's records refer only to its own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
}

/// The claims that match `text`, best first, at most `limit`; `exclude` leaves one out (the claim itself).
/// On either engine: the candidates and their bm25 scores are the same on both (`store::matching::candidates`).
pub fn matches_in(db: Db<'_>, text: &str, limit: usize, exclude: Option<ClaimId>) -> Result<Vec<Match>> {
    let terms: Vec<String> =
        crate::matching::index_terms(text).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
    let key = text::duplicate_key(text);
    let exact: Vec<ClaimId> = index::by_key(db, &key)?.into_iter().filter(|id| Some(*id) != exclude).collect();
    let claims = index::claim_count(db)?;
    let mut distinct: Vec<&str> = Vec::new();
    for term in &terms {
        if !distinct.contains(&term.as_str()) {
            distinct.push(term);
        }
    }
    let counts = index::claims_with_each(db, &distinct)?;
    let unique: Vec<(String, f64)> = distinct.iter().map(|t| t.to_string()).zip(counts).collect();
    let rarity = Rarity { claims, frequency: unique.iter().cloned().collect() };
    // Ask for the rarest words the ledger holds, within the postings budget (at least one).
    let mut known: Vec<&(String, f64)> = unique.iter().filter(|(_, df)| *df > 0.0).collect();
    known.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut asked = Vec::new();
    let mut postings = 0.0;
    for (term, df) in known.into_iter().take(MAX_TERMS) {
        if !asked.is_empty() && postings + df > POSTINGS_BUDGET {
            break;
        }
        postings += df;
        asked.push(term.clone());
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut shared = Vec::new();
    for hit in index::candidates(db, &asked, CANDIDATES)? {
        if Some(hit.id) == exclude {
            continue;
        }
        if !hit.own {
            shared.push(hit.id);
        }
        // The words the index holds for it: what `index_terms` gave, without working them out again.
        let words = hit.terms.split(' ').map(String::from).collect();
        candidates.push(Candidate { id: hit.id.0, text: hit.text, bm25: hit.bm25, words });
    }
    for id in &exact {
        if !candidates.iter().any(|c| c.id == id.0)
            && let Some((text, _)) = index::text_of(db, *id)?
        {
            let words = crate::matching::index_terms(&text).split(' ').map(String::from).collect();
            candidates.push(Candidate { id: id.0, text, bm25: 0.0, words });
        }
    }
    let mut ranked = rank::rank(&terms, &crate::matching::signature_terms(text), candidates, &rarity);
    // Exact duplicates first, whatever their words scored.
    ranked.sort_by_key(|s| !exact.contains(&ClaimId(s.candidate.id)));
    let ours = numbers::extract(text);
    Ok(ranked
        .into_iter()
        .take(limit)
        .map(|s| {
            let id = ClaimId(s.candidate.id);
            let described = describe(id, s.candidate.text, text, &ours, s.score, s.signals, exact.contains(&id));
            Match { shared: shared.contains(&id), ..described }
        })
        .collect())
}

/// A match with its diff, word ratio and numeric disagreements.
fn describe(
    id: ClaimId,
    theirs: String,
    text: &str,
    ours: &[numbers::Quantity],
    score: f64,
    signals: Signals,
    is_exact: bool,
) -> Match {
    let word_ratio = diff::word_ratio(&text::words(&theirs), &text::words(text));
    let near_duplicate = is_exact || signals.overlap >= NEAR_DUPLICATE;
    let numbers_disagree = if near_duplicate && !is_exact && numbers::same_but_numbers(&theirs, text) {
        numbers::disagreements(ours, &numbers::extract(&theirs))
    } else {
        Vec::new()
    };
    Match {
        claim_id: id,
        score: if is_exact { 1.0 } else { (score * 1000.0).round() / 1000.0 },
        changes: diff::changes(&theirs, text),
        spans: diff::spans(&theirs, text),
        text: theirs,
        exact: is_exact,
        near_duplicate,
        word_ratio: (word_ratio * 1000.0).round() / 1000.0,
        signals,
        numbers_disagree,
        shared: false,
    }
}

/// The claims that match a text, best first.
pub fn similar(store: &Store, text: &str, limit: usize) -> Result<Vec<Match>> {
    check(text)?;
    store.snapshot_db(|db| matches_in(db, text, limit, None))
}

fn check(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("the text to match is empty"));
    }
    Ok(())
}

/// Active claims with exactly this text after normalisation: what imports and `extract --save`
/// check for each row, inside their transaction (an index lookup).
pub fn exact_duplicates(db: Db<'_>, text: &str) -> Result<Vec<ClaimId>> {
    index::by_key(db, &text::duplicate_key(text))
}

/// The oldest active claim with the same duplicate key, if any (for `extract --save`).
pub fn exact_active_duplicate(db: Db<'_>, text: &str) -> Result<Option<ClaimId>> {
    Ok(exact_duplicates(db, text)?.first().copied())
}

/// What `claim add` does when the ledger already holds the claim or a near-duplicate of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Nothing was decided because nothing matched when the editor was asked; an exact
    /// duplicate that appears meanwhile (another editor) is refused rather than added silently.
    Ask,
    /// Add it anyway; the matches are reported.
    Add,
    /// Add nothing; the best match's id stands in for the new one.
    Skip,
    /// Add it and record it as a duplicate of the best match.
    Link,
}

/// What `claim add` did.
#[derive(Clone, Debug, Serialize)]
pub struct AddOutcome {
    /// The new claim, or the existing one that stands in for it (`skip`).
    pub claim_id: ClaimId,
    pub added: bool,
    /// The match a `link` recorded the claim as duplicating, and the link.
    pub duplicate_of: Option<ClaimId>,
    pub link_id: Option<crate::model::LinkId>,
    /// The matches found inside the write transaction, best first.
    pub matches: Vec<Match>,
}

impl AddOutcome {
    /// The newsroom's own near-duplicates whose numbers disagree with the new claim's: the conflicts it can record.
    pub fn conflicts(&self) -> impl Iterator<Item = &Match> {
        self.matches.iter().filter(|m| !m.numbers_disagree.is_empty() && !m.shared)
    }
}

/// How many matches `claim add` reports.
pub const SHOWN_ON_ADD: usize = 5;

/// Adds a claim after checking, inside the write transaction, for exact duplicates and
/// near-duplicates; stores the numeric mismatches with the near-duplicates it found.
pub fn add_claim(
    store: &mut Store,
    author: &Author,
    text: &str,
    citation: Option<&CitationRequest>,
    due: Option<&str>,
    policy: OnDuplicate,
) -> Result<AddOutcome> {
    if text.trim().is_empty() {
        return Err(Error::invalid("claim text is empty"));
    }
    let cite = citation.map(|c| super::claims::resolve_citation(store, c)).transpose()?;
    let due = due.map(crate::desk::parse_due).transpose().map_err(|e| Error::Usage(format!("--due: {e}")))?;
    // Ranking reads a good deal; it runs before the write, so editors do not queue behind it.
    let found = store.read_db(|db| matches_in(db, text, SHOWN_ON_ADD, None))?;
    store.write(author, |tx| {
        let outcome = record_checked(tx, text, cite.as_ref(), policy, found)?;
        if let (true, Some(due)) = (outcome.added, &due) {
            tx.set_due(outcome.claim_id, Some(due))?;
        }
        Ok(outcome)
    })
}

/// [`add_claim`] inside the caller's transaction, given the matches found just before it:
/// the exact-duplicate check (an index lookup) runs again here, so a claim another editor
/// added meanwhile is seen.
pub fn record_checked(
    tx: &mut Tx<'_>,
    text: &str,
    cite: Option<&ResolvedCitation>,
    policy: OnDuplicate,
    mut matches: Vec<Match>,
) -> Result<AddOutcome> {
    for id in exact_duplicates(tx.db(), text)?.into_iter().rev() {
        if !matches.iter().any(|m| m.claim_id == id && m.exact) {
            matches.retain(|m| m.claim_id != id);
            let (theirs, _) =
                index::text_of(tx.db(), id)?.ok_or_else(|| Error::Internal(format!("claim {id} vanished")))?;
            let signals = Signals { bm25: 1.0, overlap: 1.0, chars: 1.0, coverage: 1.0, rarest: 1.0 };
            matches.insert(0, describe(id, theirs, text, &[], 1.0, signals, true));
        }
    }
    // What `skip` and `link` point at is the newsroom's own claim, never one a coalition shares.
    let best = matches.iter().find(|m| m.near_duplicate && !m.shared).map(|m| m.claim_id);
    if let Some(exact) = matches.iter().find(|m| m.exact)
        && policy == OnDuplicate::Ask
    {
        return Err(Error::invalid(format!(
            "claim {} with the same text was added meanwhile; run the command again to decide (--on-duplicate)",
            exact.claim_id
        )));
    }
    if let (OnDuplicate::Skip, Some(existing)) = (policy, best) {
        return Ok(AddOutcome { claim_id: existing, added: false, duplicate_of: None, link_id: None, matches });
    }
    let id = super::claims::record(tx, text, cite)?;
    let mismatches: Vec<(ClaimId, Vec<Disagreement>)> = matches
        .iter()
        .filter(|m| !m.numbers_disagree.is_empty())
        .map(|m| (m.claim_id, m.numbers_disagree.clone()))
        .collect();
    tx.set_mismatches(id, &mismatches)?;
    let (duplicate_of, link_id) = match (policy, best) {
        (OnDuplicate::Link, Some(existing)) => {
            let link =
                tx.add_link(id, Stance::Duplicates, LinkTarget::Claim(existing), Some("same statement, reworded"))?;
            (Some(existing), Some(link))
        }
        _ => (None, None),
    };
    Ok(AddOutcome { claim_id: id, added: true, duplicate_of, link_id, matches })
}

/// Works out and stores a claim's numeric mismatches with its near-duplicates, inside the
/// caller's transaction (after a rewording, whose old mismatches the store has cleared).
pub fn record_mismatches(tx: &mut Tx<'_>, id: ClaimId, text: &str) -> Result<()> {
    let found: Vec<(ClaimId, Vec<Disagreement>)> = matches_in(tx.db(), text, SHOWN_ON_ADD, Some(id))?
        .into_iter()
        .filter(|m| !m.numbers_disagree.is_empty())
        .map(|m| (m.claim_id, m.numbers_disagree))
        .collect();
    tx.set_mismatches(id, &found)
}

/// A near-duplicate pair and what its numbers disagree on, from `similar --all`.
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    pub claim_id: ClaimId,
    pub other_id: ClaimId,
    pub score: f64,
    pub exact: bool,
    pub numbers_disagree: Vec<Disagreement>,
}

/// What `similar --all` found.
#[derive(Clone, Debug, Serialize)]
pub struct Sweep {
    pub claims_checked: usize,
    pub pairs: Vec<Pair>,
    /// Whether the numeric mismatches were stored (the flags then show them).
    pub recorded: bool,
}

/// Near-duplicates and numeric mismatches among the claims added since a time (all when `None`),
/// each against the whole ledger; each pair once. With `record`, stores the mismatches in one transaction.
pub fn sweep(store: &mut Store, author: &Author, since: Option<&str>, record: bool) -> Result<Sweep> {
    let work = |db: Db<'_>| -> Result<Sweep> {
        let claims = index::claims_since(db, since)?;
        let mut pairs: Vec<Pair> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (id, text) in &claims {
            for m in matches_in(db, text, SHOWN_ON_ADD, Some(*id))? {
                if !m.near_duplicate {
                    continue;
                }
                let key = ((*id).min(m.claim_id), (*id).max(m.claim_id));
                if seen.insert(key) {
                    pairs.push(Pair {
                        claim_id: *id,
                        other_id: m.claim_id,
                        score: m.score,
                        exact: m.exact,
                        numbers_disagree: m.numbers_disagree,
                    });
                }
            }
        }
        Ok(Sweep { claims_checked: claims.len(), pairs, recorded: false })
    };
    if !record {
        return store.snapshot_db(work);
    }
    store.write(author, |tx| {
        let mut found = work(tx.db())?;
        for pair in found.pairs.iter().filter(|p| !p.numbers_disagree.is_empty()) {
            tx.set_mismatches(pair.claim_id, &[(pair.other_id, pair.numbers_disagree.clone())])?;
        }
        found.recorded = true;
        Ok(found)
    })
}

/// Rebuilds the matching index (keys, words, quantities) from the claims' texts.
pub fn reindex(store: &mut Store, author: &Author) -> Result<usize> {
    store.write(author, |tx| tx.reindex())
}

/// The claim ids a search finds (retracted ones included; the caller filters).
pub fn search_ids(db: Db<'_>, search: &str) -> Result<Vec<ClaimId>> {
    let normalise = |words: &str, prefix: bool| {
        if prefix { text::words(words).join(" ") } else { text::content_words(words).join(" ") }
    };
    // Index words (stems) of four letters or more that the prefix starts with.
    let stems = |prefix: &str| -> Vec<String> {
        let ends: Vec<usize> = prefix.char_indices().map(|(i, _)| i).skip(4).collect();
        ends.into_iter()
            .map(|end| &prefix[..end])
            .filter(|stem| index::claims_with(db, stem).is_ok_and(|n| n > 0.0))
            .map(String::from)
            .collect()
    };
    let search = query::search(search, &normalise, &stems)?;
    index::search_ids(db, &search)
}

/// One side of a diff.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub claim_id: Option<ClaimId>,
    pub text: String,
}

/// The word-level difference between two wordings.
#[derive(Clone, Debug, Serialize)]
pub struct Difference {
    pub old: Side,
    pub new: Side,
    pub word_ratio: f64,
    pub changes: Vec<Change>,
    pub spans: Vec<Span>,
    pub numbers_disagree: Vec<Disagreement>,
}

/// What a diff compares a claim with.
pub enum Other {
    Claim(String),
    Text(String),
}

/// The difference from a claim to another claim or to a text.
pub fn difference(store: &Store, claim: &str, other: &Other) -> Result<Difference> {
    let db = store.db();
    let side = |given: &str| -> Result<Side> {
        let id = super::claims::resolve(store, given)?;
        let (text, _) =
            index::text_of(db, id)?.ok_or_else(|| Error::NotFound { what: "claim", given: given.into() })?;
        Ok(Side { claim_id: Some(id), text })
    };
    let old = side(claim)?;
    let new = match other {
        Other::Claim(given) => side(given)?,
        Other::Text(text) => {
            check(text)?;
            Side { claim_id: None, text: text.trim().to_string() }
        }
    };
    let spans = diff::spans(&old.text, &new.text);
    Ok(Difference {
        word_ratio: (diff::word_ratio(&text::words(&old.text), &text::words(&new.text)) * 1000.0).round() / 1000.0,
        changes: diff::changes(&old.text, &new.text),
        numbers_disagree: if numbers::same_but_numbers(&old.text, &new.text) {
            numbers::disagreements(&numbers::extract(&new.text), &numbers::extract(&old.text))
        } else {
            Vec::new()
        },
        old,
        new,
        spans,
    })
}
