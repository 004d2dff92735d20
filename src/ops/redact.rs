//! Redaction: which recorded values may be redacted, and doing it with the reason on record.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::audit::Table;
use crate::store::db::Dialect;
use crate::store::{Author, Store};

/// A field as editors name it, and its column.
type Field = (&'static str, &'static str);

/// The records and fields that hold what a legal request or source protection may need gone.
const REDACTABLE: [(&str, Table, &[Field]); 10] = [
    ("source", Table::Sources, &[("name", "name"), ("url", "url"), ("note", "note")]),
    ("alias", Table::SourceAliases, &[("alias", "alias")]),
    (
        "article",
        Table::Articles,
        &[("title", "title"), ("url", "url"), ("original_url", "original_url"), ("text", "body")],
    ),
    ("claim", Table::Claims, &[("text", "text"), ("retract-reason", "retract_reason")]),
    ("citation", Table::Citations, &[("quote", "quote")]),
    ("link", Table::Links, &[("note", "note")]),
    (
        "verdict",
        Table::Verdicts,
        &[
            ("note", "note"),
            ("evidence", "evidence"),
            ("rationale", "rationale"),
            ("withdraw-reason", "withdrawn_reason"),
        ],
    ),
    ("evidence", Table::VerdictEvidence, &[("url", "url"), ("title", "title"), ("text", "saved_text")]),
    ("note", Table::ClaimNotes, &[("text", "body")]),
    ("assignee", Table::ClaimAssignees, &[("editor", "editor")]),
];

/// What a redaction did.
#[derive(Serialize)]
pub struct Redacted {
    pub event: i64,
    pub record: String,
    pub id: i64,
    pub field: String,
    pub reason: String,
    /// What a redaction cannot reach on this engine (PostgreSQL: see [`ON_THE_SERVER`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What stays after a redaction on PostgreSQL: the server keeps the old row versions until its
/// VACUUM reclaims them, and its write-ahead log, replicas and backups keep them longer.
pub const ON_THE_SERVER: &str = "the old values stay in the server's storage until VACUUM reclaims their row versions, and in its write-ahead log, replicas and backups (pg_dump files) taken before";

/// The kinds of record and their redactable fields, for help and errors.
pub fn redactable() -> String {
    REDACTABLE
        .iter()
        .map(|(kind, _, fields)| format!("{kind} ({})", fields.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn redact(
    store: &mut Store,
    author: &Author,
    record: &str,
    id: &str,
    field: &str,
    reason: &str,
) -> Result<Redacted> {
    let (_, table, fields) = REDACTABLE
        .iter()
        .find(|(kind, _, _)| *kind == record)
        .ok_or_else(|| Error::Usage(format!("cannot redact a {record:?}; redactable: {}", redactable())))?;
    let (_, column) = fields.iter().find(|(name, _)| *name == field).ok_or_else(|| {
        Error::Usage(format!("a {record}'s {field:?} cannot be redacted; redactable: {}", redactable()))
    })?;
    let row = crate::reference::parse_id(id.trim())
        .ok_or_else(|| Error::Usage(format!("{id:?} is not a {record} id (name the record by its number)")))?;
    if reason.trim().is_empty() {
        return Err(Error::Usage("give a --reason: it stays on record with the redaction".into()));
    }
    let event = store.write(author, |tx| tx.redact(*table, row, column, reason.trim()))?;
    // The value may still sit in the write-ahead log or in a page's unused space. A PostgreSQL
    // server's files are its own: VACUUM cannot run in a transaction, and WAL and backups keep
    // what they kept; the editor is told so.
    let note = match store.dialect() {
        Dialect::Sqlite => {
            store.scrub()?;
            None
        }
        Dialect::Postgres => Some(ON_THE_SERVER.to_string()),
    };
    Ok(Redacted { event, record: record.into(), id: row, field: field.into(), reason: reason.trim().into(), note })
}
