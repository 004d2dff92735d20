//! Undo and revert: taking back a change by writing its inverse as a new audited change, as jj does.

use crate::error::{Error, Result};
use crate::store::revert::{Reverted, change_of_event};
use crate::store::{Author, Store};

/// What to revert.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// The newest change by the editor running the command (`undo`).
    Last,
    /// The change that holds this event (`revert EVENT`).
    Event(i64),
    /// A change by its id (`revert --change N`).
    Change(i64),
}

/// Reverts `target` in one transaction: one new change whose events undo the
/// old change's, newest first. Refused, with nothing written, when a later
/// change touched the same rows or a later row depends on one it would remove.
pub fn revert(store: &mut Store, author: &Author, target: Target) -> Result<Reverted> {
    store.write(author, |tx| match target {
        Target::Last => tx.undo_last(),
        Target::Change(id) => tx.revert_change(id),
        Target::Event(id) => {
            let change = change_of_event(tx.db(), id)?
                .ok_or_else(|| Error::NotFound { what: "event", given: id.to_string() })?;
            tx.revert_change(change)
        }
    })
}
