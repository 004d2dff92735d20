//! Sources: add one with its aliases, alias, merge, edit, list and show.

use crate::error::{Error, Result};
use crate::model::{Source, SourceId, SourceKind};
use crate::store::claims::{self, ClaimFilter};
use crate::store::sources::{self, NewSource, SourceEdit};
use crate::store::{Author, Store};
use crate::view::{ListedSource, SourceDetail};

/// A source as an editor describes it.
pub struct SourceRequest {
    pub name: String,
    pub kind: SourceKind,
    pub url: Option<String>,
    pub note: Option<String>,
    pub aliases: Vec<String>,
}

/// Finds a source by id, name, alias or URL.
pub fn resolve(store: &Store, given: &str) -> Result<SourceId> {
    sources::resolve(store.db(), given)
}

pub fn add(store: &mut Store, author: &Author, new: &SourceRequest) -> Result<Source> {
    if new.name.trim().is_empty() {
        return Err(Error::invalid("the source name is empty"));
    }
    // Checked before writing: the new source has no id to name yet.
    let mut known = vec![new.name.trim()];
    for alias in &new.aliases {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(Error::invalid("an --alias is empty"));
        }
        if let Some(same) = known.iter().find(|k| crate::names::same(k, alias)) {
            return Err(Error::invalid(format!(
                "--alias {alias:?} repeats the source's name or another alias ({same:?})"
            )));
        }
        known.push(alias);
    }
    let id = store.write(author, |tx| {
        let id = tx.add_source(&NewSource {
            name: &new.name,
            kind: new.kind,
            url: new.url.as_deref(),
            note: new.note.as_deref(),
        })?;
        for alias in &new.aliases {
            tx.add_alias(id, alias)?;
        }
        Ok(id)
    })?;
    sources::get(store.db(), id)
}

pub fn list(store: &Store, kind: Option<SourceKind>) -> Result<Vec<ListedSource>> {
    let list = sources::list(store.db(), kind)?;
    Ok(list.into_iter().map(|(source, citations)| ListedSource { source, citations }).collect())
}

/// A source with every claim attributed to it, retracted ones included.
pub fn show(store: &Store, given: &str) -> Result<SourceDetail> {
    let id = resolve(store, given)?;
    let source = sources::get(store.db(), id)?;
    let filter = ClaimFilter { source: Some(id), include_retracted: true, ..Default::default() };
    let claims = claims::list(store.db(), &filter)?;
    Ok(SourceDetail { source, claims })
}

/// Gives a source another name; returns the source as it now stands.
pub fn alias(store: &mut Store, author: &Author, given: &str, alias: &str) -> Result<Source> {
    if alias.trim().is_empty() {
        return Err(Error::invalid("the alias is empty"));
    }
    let id = resolve(store, given)?;
    store.write(author, |tx| tx.add_alias(id, alias))?;
    sources::get(store.db(), id)
}

/// What a merge folded away and what it kept.
pub struct Merged {
    pub gone: Source,
    pub kept: Source,
}

pub fn merge(store: &mut Store, author: &Author, from: &str, into: &str) -> Result<Merged> {
    let from_id = resolve(store, from)?;
    let into_id = resolve(store, into)?;
    let gone = sources::get(store.db(), from_id)?;
    store.write(author, |tx| tx.merge_sources(from_id, into_id))?;
    let kept = sources::get(store.db(), into_id)?;
    Ok(Merged { gone, kept })
}

/// What to change in a source; `None` leaves a field as it is.
#[derive(Default)]
pub struct SourceChanges {
    pub name: Option<String>,
    pub kind: Option<SourceKind>,
    pub url: Option<String>,
    pub note: Option<String>,
}

pub fn edit(store: &mut Store, author: &Author, given: &str, changes: &SourceChanges) -> Result<Source> {
    if changes.name.is_none() && changes.kind.is_none() && changes.url.is_none() && changes.note.is_none() {
        return Err(Error::Usage("nothing to change: give --name, --kind, --url or --note".into()));
    }
    if changes.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(Error::invalid("the source name is empty"));
    }
    let id = resolve(store, given)?;
    let edit = SourceEdit {
        name: changes.name.as_deref(),
        kind: changes.kind,
        url: changes.url.as_deref(),
        note: changes.note.as_deref(),
    };
    store.write(author, |tx| tx.edit_source(id, &edit))?;
    sources::get(store.db(), id)
}
