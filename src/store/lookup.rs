//! Resolving a reference to a source or an article: `#12`, `name:…`, or plain text that may be
//! an id or a name, with the same refusals for both kinds of record.

use crate::error::{Error, Result};
use crate::reference::Reference;

/// A record a reference found: its id, and how a message names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub id: i64,
    pub label: String,
}

/// What is being looked up: "source" by "name", "article" by "title".
pub(super) struct Kind {
    pub what: &'static str,
    pub by: &'static str,
}

/// Finds the one record `given` names. A number that is both an id and a name
/// is refused, naming both; a name that fits several records is refused with them,
/// unless exactly one of them is the newsroom's own (`own` says which are: on a server, a
/// coalition may share a "Reuters" with a newsroom that has its own).
/// A plain number asks `by_id_or_name` for both at once (one query where two would do).
pub(super) fn resolve(
    kind: &Kind,
    given: &str,
    by_id: impl Fn(i64) -> Result<Option<Found>>,
    by_name: impl Fn(&str) -> Result<Vec<Found>>,
    by_id_or_name: impl Fn(i64, &str) -> Result<(Option<Found>, Vec<Found>)>,
    own: impl Fn(&[i64]) -> Result<Vec<i64>>,
) -> Result<i64> {
    let found = match Reference::parse(given) {
        Reference::Id(id) => by_id(id)?.into_iter().collect(),
        Reference::Name(text) => by_name(text)?,
        Reference::IdOrName(id, text) => {
            let (by_id, by_name) = by_id_or_name(id, text)?;
            let mut found: Vec<Found> = by_id.into_iter().collect();
            for named in by_name {
                if !found.iter().any(|f| f.id == named.id) {
                    found.push(named);
                }
            }
            if let [first, second] = found.as_slice()
                && first.id == id
            {
                let by = kind.by;
                return Err(Error::Ambiguous {
                    what: kind.what,
                    given: given.into(),
                    candidates: format!(
                        "{} by id and {} by {by}; say #{id} for the id or name:{text} for the {by}",
                        first.label, second.label
                    ),
                });
            }
            found
        }
    };
    match found.as_slice() {
        [] => Err(Error::NotFound { what: kind.what, given: given.into() }),
        [one] => Ok(one.id),
        many => {
            let ids: Vec<i64> = many.iter().map(|f| f.id).collect();
            match own(&ids)?.as_slice() {
                [one] => Ok(*one),
                _ => Err(Error::Ambiguous {
                    what: kind.what,
                    given: given.into(),
                    candidates: many.iter().map(|f| f.label.as_str()).collect::<Vec<_>>().join(", "),
                }),
            }
        }
    }
}
