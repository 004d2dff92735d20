//! Redaction: replacing a recorded value (a confidential source's name, personal data under a
//! legal request) with a marker in its row and in every event that carried it, chain intact.

use serde_json::{Map, Value};

use super::Tx;
use super::audit::Table;
use super::db::{Db, Dialect};
use crate::chain;
use crate::error::{Error, Result};
use crate::model::ClaimId;

impl Tx<'_> {
    /// Redacts `column` of one row: records a `redact` event (the column, the
    /// value's digest, the reason), puts `[redacted in event N]` in the row, and
    /// replaces every recorded value of that column in the row's events with a
    /// marker that keeps its digest. Returns the redact event's id.
    pub fn redact(&mut self, table: Table, row_id: i64, column: &'static str, reason: &str) -> Result<i64> {
        let name = table.name();
        let current: Option<Option<String>> =
            self.db().query_opt(&format!("SELECT {column} FROM {name} WHERE id = ?1"), &[&row_id], |r| r.get(0))?;
        let exists = current.is_some();
        let value = match current {
            // A deleted row (a source merged away) lives on in its events: redact it there.
            None => match last_recorded(self.db(), name, row_id, column)? {
                Some(Value::String(v)) => v,
                Some(_) => return Err(Error::invalid(format!("{name} {row_id}'s {column} is already redacted"))),
                None => return Err(Error::NotFound { what: "record", given: format!("{name} {row_id}") }),
            },
            Some(None) => return Err(Error::invalid(format!("{name} {row_id} has no {column} to redact"))),
            Some(Some(v)) if v.starts_with("[redacted in event ") => {
                return Err(Error::invalid(format!("{name} {row_id}'s {column} is already redacted ({v})")));
            }
            Some(Some(v)) => v,
        };
        let claim_id: Option<i64> = match table {
            Table::Claims => Some(row_id),
            Table::Citations
            | Table::Links
            | Table::Verdicts
            | Table::ClaimAssignees
            | Table::ClaimTags
            | Table::ClaimNotes
                if exists =>
            {
                self.db().query_opt(&format!("SELECT claim_id FROM {name} WHERE id = ?1"), &[&row_id], |r| r.get(0))?
            }
            Table::VerdictEvidence if exists => self.db().query_opt(
                "SELECT v.claim_id FROM verdict_evidence e JOIN verdicts v ON v.id = e.verdict_id WHERE e.id = ?1",
                &[&row_id],
                |r| r.get(0),
            )?,
            _ => None,
        };
        let mut data = Map::new();
        data.insert("column".into(), Value::String(column.into()));
        data.insert("digest".into(), Value::String(chain::hex(&chain::digest(&Value::String(value)))));
        data.insert("reason".into(), Value::String(reason.into()));
        self.record("redact", table, row_id, claim_id.map(ClaimId), data)?;
        let event = self.chain_head.map(|(id, _)| id).ok_or_else(|| Error::Internal("no redact event".into()))?;
        let stand_in = crate::verify::redacted_text(event);
        self.db().execute(&format!("UPDATE {name} SET {column} = ?2 WHERE id = ?1"), &[&row_id, &stand_in])?;
        // The lookup key must not keep finding the record by what was redacted.
        if let Some(key) = key_column(table, column) {
            self.db().execute(
                &format!("UPDATE {name} SET {key} = ?2 WHERE id = ?1"),
                &[&row_id, &crate::names::key(&stand_in)],
            )?;
        }
        // Nor may the matching index keep its words or numbers.
        if table == Table::Claims && column == "text" {
            self.index_claim(ClaimId(row_id), &stand_in, true)?;
            self.clear_mismatches(ClaimId(row_id))?;
            super::matching::purge_deleted_in(self.db())?;
        }
        // Every event that carried a value of this column, before the redaction.
        let carried: Vec<(i64, String, String)> = self.db().query(
            &format!(
                "SELECT id, action, data FROM events
                 WHERE table_name = ?1 AND row_id = ?2 AND id < ?3 AND action <> 'import' AND {}
                 ORDER BY id",
                carries(self.db(), 4)
            ),
            &[&name, &row_id, &event, &column],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (id, action, json) in carried {
            let Ok(Value::Object(mut data)) = serde_json::from_str::<Value>(&json) else { continue };
            let hide =
                |v: &Value| if chain::marker_digest(v).is_some() || v.is_null() { v.clone() } else { chain::marker(v) };
            let replaced = match (action.as_str(), data.get(column)) {
                ("update", Some(Value::Array(pair))) => Value::Array(pair.iter().map(hide).collect()),
                (_, Some(v)) => hide(v),
                (_, None) => continue,
            };
            data.insert(column.into(), replaced);
            self.db().execute("UPDATE events SET data = ?2 WHERE id = ?1", &[&id, &Value::Object(data).to_string()])?;
        }
        // The schema-1 log kept after an upgrade carries whole rows: the value goes there too.
        let old: Vec<(i64, Option<String>, Option<String>)> = self.db().query(
            "SELECT id, old_values, new_values FROM events_v1 WHERE table_name = ?1 AND row_id = ?2 ORDER BY id",
            &[&name, &row_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (id, before, after) in old {
            let scrub = |json: Option<String>| -> Option<String> {
                let mut row: Map<String, Value> = serde_json::from_str(&json?).ok()?;
                if let Some(value) = row.get_mut(column)
                    && !value.is_null()
                {
                    *value = Value::String(stand_in.clone());
                }
                Some(Value::Object(row).to_string())
            };
            self.db().execute(
                "UPDATE events_v1 SET old_values = ?2, new_values = ?3 WHERE id = ?1",
                &[&id, &scrub(before), &scrub(after)],
            )?;
        }
        Ok(event)
    }
}

/// The lookup key kept beside a name, alias or title.
pub(super) fn key_column(table: Table, column: &str) -> Option<&'static str> {
    match (table, column) {
        (Table::Sources, "name") => Some("name_key"),
        (Table::SourceAliases, "alias") => Some("alias_key"),
        (Table::Articles, "title") => Some("title_key"),
        (Table::ClaimAssignees, "editor") => Some("editor_key"),
        _ => None,
    }
}

/// The condition that an event's data records the column named by parameter `?n`
/// (as a value, null included): the one place redaction reads inside the JSON.
fn carries(db: Db<'_>, n: usize) -> String {
    match db.dialect() {
        Dialect::Sqlite => format!("json_type(data, '$.' || ?{n}) IS NOT NULL"),
        Dialect::Postgres => format!("jsonb_typeof(data::jsonb -> CAST(?{n} AS TEXT)) IS NOT NULL"),
    }
}

/// The last value the log recorded for a field of a row (its new value when an update changed it).
fn last_recorded(db: Db<'_>, table: &str, row_id: i64, column: &str) -> Result<Option<Value>> {
    let sql = format!(
        "SELECT action, data FROM events WHERE table_name = ?1 AND row_id = ?2 AND action <> 'import'
           AND {} ORDER BY id DESC LIMIT 1",
        carries(db, 3)
    );
    let found: Option<(String, String)> =
        db.query_opt(&sql, &[&table, &row_id, &column], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let Some((action, data)) = found else { return Ok(None) };
    let Ok(Value::Object(mut data)) = serde_json::from_str::<Value>(&data) else { return Ok(None) };
    let value = data.remove(column);
    Ok(match (action.as_str(), value) {
        ("update", Some(Value::Array(mut pair))) => pair.pop(),
        (_, value) => value,
    }
    .filter(|v| chain::marker_digest(v).is_none()))
}
