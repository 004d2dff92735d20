//! The desk's daily work: a claim's stage, assignees, tags, due date and work log, and an editor's queue.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Now;
use crate::desk::{self, DeskZone};
use crate::error::{Error, Result};
use crate::flags::FlagHit;
use crate::model::{ClaimId, ClaimStatus, Note, Stage};
use crate::store::{Author, Store, claims, desk as store_desk, settings};

/// The desk's clock: its time zone and which day it is there.
#[derive(Clone, Debug)]
pub struct DeskClock {
    pub zone: DeskZone,
    pub today: NaiveDate,
    /// The zone as reports name it (`UTC+01:00`).
    pub zone_name: String,
}

impl DeskClock {
    /// How many days past due a claim is, when it is overdue: a due date before today at the
    /// desk, on an active claim the desk still owes work on.
    pub fn days_overdue(&self, status: ClaimStatus, stage: Stage, due: Option<&str>) -> Option<i64> {
        if status != ClaimStatus::Active || !stage.is_pending() {
            return None;
        }
        desk::days_overdue(due?, self.today)
    }

    /// The reason `flags` and reports give for an overdue claim.
    pub fn overdue_reason(&self, status: ClaimStatus, stage: Stage, due: Option<&str>) -> Option<String> {
        let days = self.days_overdue(status, stage, due)?;
        Some(desk::overdue_reason(due?, days, &self.zone_name))
    }
}

/// The desk's clock at `now`, in the zone the ledger's `desk.timezone` names.
pub fn clock(store: &Store, now: Now) -> Result<DeskClock> {
    let setting = settings::get(store.db(), "desk.timezone")?;
    // A value written by hand that claimtrack cannot read falls back to the machine's zone, as the default does.
    let zone = setting.and_then(|s| DeskZone::parse(&s).ok()).unwrap_or(DeskZone::Local);
    Ok(DeskClock { zone, today: zone.today(now), zone_name: zone.describe(now) })
}

/// What a stage change did.
#[derive(Serialize)]
pub struct Staged {
    pub claim: ClaimId,
    pub from: Stage,
    pub to: Stage,
}

/// Moves a claim to a stage along the documented transitions (`Stage::next`).
pub fn set_stage(store: &mut Store, author: &Author, claim: &str, to: Stage) -> Result<Staged> {
    let id = claims::resolve(store.db(), claim)?;
    let current = claims::get(store.db(), id)?;
    check_move(store, &current, to)?;
    store.write(author, |tx| tx.set_stage(id, to))?;
    Ok(Staged { claim: id, from: current.stage, to })
}

/// Whether a claim may move to `to`: along `Stage::next`, active, and published only with a verdict in force.
pub(crate) fn check_move(store: &Store, claim: &crate::model::Claim, to: Stage) -> Result<()> {
    let from = claim.stage;
    if from == to {
        return Ok(());
    }
    if claim.status == ClaimStatus::Retracted {
        return Err(Error::invalid(format!(
            "claim {} is retracted; restore it with `claimtrack claim restore {}` before moving it",
            claim.id, claim.id
        )));
    }
    if !from.next().contains(&to) {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
        return Err(Error::invalid(format!(
            "claim {} is {from}; from {from} it can move to {} (not {to})",
            claim.id,
            allowed.join(", ")
        )));
    }
    if to == Stage::Published && crate::store::links::verdict_in_force(store.db(), claim.id)?.is_none() {
        return Err(Error::invalid(format!(
            "claim {} has no verdict in force to publish: rate it with `claimtrack verdict {} RATING --publish`",
            claim.id, claim.id
        )));
    }
    Ok(())
}

/// Who was added or taken off, and who is on the claim now.
#[derive(Serialize)]
pub struct Assigned {
    pub claim: ClaimId,
    /// The names that changed (added by `assign`, removed by `unassign`).
    pub changed: Vec<String>,
    pub assignees: Vec<String>,
}

/// Puts editors on a claim (several at once; one already on it is left as is).
pub fn assign(store: &mut Store, author: &Author, claim: &str, editors: &[String]) -> Result<Assigned> {
    let id = claims::resolve(store.db(), claim)?;
    let editors = editor_names(editors)?;
    let changed = store.write(author, |tx| {
        let mut added = Vec::new();
        for editor in &editors {
            if tx.assign(id, editor)? {
                added.push(editor.clone());
            }
        }
        Ok(added)
    })?;
    Ok(Assigned { claim: id, changed, assignees: store_desk::assignees_of(store.db(), id)? })
}

/// Takes editors off a claim; naming one who is not on it is refused.
pub fn unassign(store: &mut Store, author: &Author, claim: &str, editors: &[String]) -> Result<Assigned> {
    let id = claims::resolve(store.db(), claim)?;
    let editors = editor_names(editors)?;
    let changed = store.write(author, |tx| {
        for editor in &editors {
            if !tx.unassign(id, editor)? {
                return Err(Error::invalid(format!("{editor} is not assigned to claim {id}")));
            }
        }
        Ok(editors.clone())
    })?;
    Ok(Assigned { claim: id, changed, assignees: store_desk::assignees_of(store.db(), id)? })
}

fn editor_names(editors: &[String]) -> Result<Vec<String>> {
    if editors.is_empty() {
        return Err(Error::Usage("name at least one editor with --to".into()));
    }
    editors
        .iter()
        .map(|e| {
            let e = e.trim();
            if e.is_empty() { Err(Error::Usage("an editor's name cannot be empty".into())) } else { Ok(e.to_string()) }
        })
        .collect()
}

/// A claim's tags after a change.
#[derive(Serialize)]
pub struct Tagged {
    pub claim: ClaimId,
    pub changed: Vec<String>,
    pub tags: Vec<String>,
}

/// Tags a claim (several at once; a tag it already carries is left as is).
pub fn tag(store: &mut Store, author: &Author, claim: &str, tags: &[String]) -> Result<Tagged> {
    let id = claims::resolve(store.db(), claim)?;
    let tags = tag_words(tags)?;
    let changed = store.write(author, |tx| {
        let mut added = Vec::new();
        for tag in &tags {
            if tx.add_tag(id, tag)? {
                added.push(tag.clone());
            }
        }
        Ok(added)
    })?;
    Ok(Tagged { claim: id, changed, tags: store_desk::tags_of(store.db(), id)? })
}

/// Removes tags from a claim; naming one it does not carry is refused.
pub fn untag(store: &mut Store, author: &Author, claim: &str, tags: &[String]) -> Result<Tagged> {
    let id = claims::resolve(store.db(), claim)?;
    let tags = tag_words(tags)?;
    let changed = store.write(author, |tx| {
        for tag in &tags {
            if !tx.remove_tag(id, tag)? {
                return Err(Error::invalid(format!("claim {id} is not tagged {tag}")));
            }
        }
        Ok(tags.clone())
    })?;
    Ok(Tagged { claim: id, changed, tags: store_desk::tags_of(store.db(), id)? })
}

fn tag_words(tags: &[String]) -> Result<Vec<String>> {
    if tags.is_empty() {
        return Err(Error::Usage("name at least one tag".into()));
    }
    let mut words: Vec<String> = Vec::new();
    for tag in tags {
        let word = desk::tag(tag).map_err(Error::Usage)?;
        if !words.contains(&word) {
            words.push(word);
        }
    }
    Ok(words)
}

/// One tag with how many claims carry it.
#[derive(Serialize)]
pub struct TagCount {
    pub tag: String,
    pub claims: i64,
    pub active: i64,
}

pub fn tag_list(store: &Store) -> Result<Vec<TagCount>> {
    Ok(store_desk::tag_counts(store.db())?
        .into_iter()
        .map(|(tag, claims, active)| TagCount { tag, claims, active })
        .collect())
}

/// What `tag rename` did.
#[derive(Serialize)]
pub struct Renamed {
    pub from: String,
    pub to: String,
    pub claims: usize,
}

/// Renames a tag on every claim that carries it, in one change.
pub fn rename_tag(store: &mut Store, author: &Author, from: &str, to: &str) -> Result<Renamed> {
    let from = desk::tag(from).map_err(Error::Usage)?;
    let to = desk::tag(to).map_err(Error::Usage)?;
    if store_desk::claims_tagged(store.db(), &from)?.is_empty() {
        return Err(Error::NotFound { what: "tag", given: from });
    }
    let claims = if from == to { 0 } else { store.write(author, |tx| tx.rename_tag(&from, &to))? };
    Ok(Renamed { from, to, claims })
}

/// Sets (or with `None` clears) a claim's due date; any full date spelling is accepted.
pub fn set_due(
    store: &mut Store,
    author: &Author,
    claim: &str,
    due: Option<&str>,
) -> Result<(ClaimId, Option<String>)> {
    let id = claims::resolve(store.db(), claim)?;
    let due = due
        .map(|given| desk::parse_due(given).map_err(|e| Error::Usage(format!("due date {}: {e}", given.trim()))))
        .transpose()?;
    store.write(author, |tx| tx.set_due(id, due.as_deref()))?;
    Ok((id, due))
}

/// Adds a dated, signed entry to a claim's work log.
pub fn note(store: &mut Store, author: &Author, claim: &str, body: &str) -> Result<(ClaimId, i64)> {
    if body.trim().is_empty() {
        return Err(Error::Usage("the note is empty".into()));
    }
    let id = claims::resolve(store.db(), claim)?;
    let note = store.write(author, |tx| tx.add_note(id, body))?;
    Ok((id, note))
}

/// A claim's work log.
pub fn notes(store: &Store, claim: ClaimId) -> Result<Vec<Note>> {
    store_desk::notes_of(store.db(), claim)
}

/// Every claim's assignees and tags.
pub fn assignees_and_tags(store: &Store) -> Result<(store_desk::ByClaim, store_desk::ByClaim)> {
    store_desk::all_assignees_and_tags(store.db())
}

/// One claim in an editor's queue.
#[derive(Serialize)]
pub struct QueueItem {
    pub id: ClaimId,
    pub text: String,
    pub stage: Stage,
    pub due: Option<String>,
    pub overdue_days: Option<i64>,
    pub flags: Vec<FlagHit>,
    pub assignees: Vec<String>,
    pub tags: Vec<String>,
    pub created_at: String,
}

/// An editor's queue: the active claims they are on that are not published or closed, most urgent first.
pub fn queue(store: &Store, now: Now, editor: &str) -> Result<Vec<QueueItem>> {
    let db = store.db();
    let clock = clock(store, now)?;
    let ids: Vec<ClaimId> = store_desk::claims_assigned(db, &crate::names::key(editor))?
        .into_iter()
        .filter(|id| claims::get(db, *id).is_ok_and(|c| c.status == ClaimStatus::Active && c.stage.is_pending()))
        .collect();
    let mut flagged: HashMap<ClaimId, Vec<FlagHit>> =
        super::flags::for_claims(store, now, &ids, None)?.into_iter().map(|f| (f.claim, f.flags)).collect();
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let claim = claims::get(db, id)?;
        items.push(QueueItem {
            overdue_days: clock.days_overdue(claim.status, claim.stage, claim.due.as_deref()),
            flags: flagged.remove(&id).unwrap_or_default(),
            assignees: store_desk::assignees_of(db, id)?,
            tags: store_desk::tags_of(db, id)?,
            id,
            text: claim.text,
            stage: claim.stage,
            due: claim.due,
            created_at: claim.created_at,
        });
    }
    items.sort_by_cached_key(|item| {
        let flags: Vec<_> = item.flags.iter().map(|h| h.flag).collect();
        (desk::queue_key(item.overdue_days, &flags, &item.created_at), item.id)
    });
    Ok(items)
}
