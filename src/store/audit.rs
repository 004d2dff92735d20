//! Writing the audit log: row snapshots, one change per command, one event per row touched,
//! chained by `crate::chain`. Reading it back lives in `store/log.rs`.
//!
//! An insert records the new row, an update only the columns that changed
//! (old and new), a delete the old row: enough for `verify` to replay the log
//! and rebuild every row. Every event of one command shares its change.

use rusqlite::{Connection, params};
use serde_json::{Map, Value};

use super::log::{head, origin};
use super::{Tx, optional};
use crate::chain::{self, ChainEvent, Change, GENESIS};
use crate::error::{Error, Result};
use crate::model::ClaimId;

/// The audited tables, each with the SQL that snapshots one row as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Sources,
    SourceAliases,
    Articles,
    Claims,
    Citations,
    Links,
    Verdicts,
    Settings,
    ClaimAssignees,
    ClaimTags,
    ClaimNotes,
    VerdictEvidence,
    Reviews,
}

impl Table {
    pub const ALL: [Table; 13] = [
        Table::Sources,
        Table::SourceAliases,
        Table::Articles,
        Table::Claims,
        Table::Citations,
        Table::Links,
        Table::Verdicts,
        Table::Settings,
        Table::ClaimAssignees,
        Table::ClaimTags,
        Table::ClaimNotes,
        Table::VerdictEvidence,
        Table::Reviews,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Sources => "sources",
            Table::SourceAliases => "source_aliases",
            Table::Articles => "articles",
            Table::Claims => "claims",
            Table::Citations => "citations",
            Table::Links => "links",
            Table::Verdicts => "verdicts",
            Table::Settings => "settings",
            Table::ClaimAssignees => "claim_assignees",
            Table::ClaimTags => "claim_tags",
            Table::ClaimNotes => "claim_notes",
            Table::VerdictEvidence => "verdict_evidence",
            Table::Reviews => "reviews",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// `SELECT id, <json of the other columns>`: what events record and `verify` compares.
    fn snapshot_select(self) -> &'static str {
        match self {
            Table::Sources => {
                "SELECT id, json_object('name', name, 'kind', kind, 'url', url, 'note', note,
                 'created_at', created_at) FROM sources"
            }
            Table::SourceAliases => {
                "SELECT id, json_object('source_id', source_id, 'alias', alias, 'created_at', created_at)
                 FROM source_aliases"
            }
            Table::Articles => {
                "SELECT id, json_object('publisher_id', publisher_id, 'url', url, 'title', title,
                 'published', published, 'published_precision', published_precision,
                 'body_sha256', body_sha256, 'created_at', created_at, 'medium', medium, 'original_url', original_url,
                 'derived_from', json((SELECT json_group_array(derived_from_id) FROM
                    (SELECT derived_from_id FROM article_derivations d
                     WHERE d.article_id = articles.id ORDER BY derived_from_id)))) FROM articles"
            }
            Table::Claims => {
                "SELECT id, json_object('text', text, 'status', status,
                 'retract_reason', retract_reason, 'created_at', created_at, 'updated_at', updated_at,
                 'stage', stage, 'due', due, 'imported_from', imported_from)
                 FROM claims"
            }
            Table::Citations => {
                "SELECT id, json_object('claim_id', claim_id, 'article_id', article_id,
                 'source_id', source_id, 'kind', kind, 'quote', quote, 'start_offset', start_offset,
                 'end_offset', end_offset, 'created_at', created_at, 'start_second', start_second,
                 'end_second', end_second) FROM citations"
            }
            Table::Links => {
                "SELECT id, json_object('claim_id', claim_id, 'stance', stance,
                 'target_claim_id', target_claim_id, 'target_article_id', target_article_id,
                 'note', note, 'editor', editor, 'created_at', created_at) FROM links"
            }
            Table::Verdicts => {
                "SELECT id, json_object('claim_id', claim_id, 'rating', rating, 'note', note,
                 'evidence', evidence, 'editor', editor, 'created_at', created_at,
                 'rationale', rationale, 'reviewer', reviewer, 'withdrawn_at', withdrawn_at,
                 'withdrawn_by', withdrawn_by, 'withdrawn_reason', withdrawn_reason) FROM verdicts"
            }
            Table::Settings => "SELECT id, json_object('key', key, 'value', value) FROM settings",
            Table::ClaimAssignees => {
                "SELECT id, json_object('claim_id', claim_id, 'editor', editor, 'created_at', created_at)
                 FROM claim_assignees"
            }
            Table::ClaimTags => {
                "SELECT id, json_object('claim_id', claim_id, 'tag', tag, 'created_at', created_at) FROM claim_tags"
            }
            Table::ClaimNotes => {
                "SELECT id, json_object('claim_id', claim_id, 'body', body, 'editor', editor,
                 'created_at', created_at) FROM claim_notes"
            }
            // The saved copy's text is checked against its SHA-256, as an article's is.
            Table::VerdictEvidence => {
                "SELECT id, json_object('verdict_id', verdict_id, 'url', url, 'title', title,
                 'accessed', accessed, 'saved_name', saved_name, 'saved_sha256', saved_sha256,
                 'created_at', created_at) FROM verdict_evidence"
            }
            Table::Reviews => {
                "SELECT id, json_object('claim_id', claim_id, 'verdict_id', verdict_id, 'reviewer_id', reviewer_id,
                 'url', url, 'published', published, 'rating_words', rating_words, 'rating_value', rating_value,
                 'best_rating', best_rating, 'worst_rating', worst_rating, 'body', body,
                 'created_at', created_at) FROM reviews"
            }
        }
    }

    /// The WHERE clause that picks one row by its id.
    fn by_id(self) -> &'static str {
        "WHERE id = ?1"
    }

    /// The highest id this table has ever used (its AUTOINCREMENT counter, or its
    /// largest id): every row a change adds gets a higher one.
    fn high_water(self, conn: &Connection) -> Result<i64> {
        let sql = format!(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
                        coalesce((SELECT max(id) FROM {}), 0))",
            self.name()
        );
        Ok(conn.prepare_cached(&sql)?.query_row([self.name()], |r| r.get(0))?)
    }
}

/// A bulk import's rows, recorded as one `import` event per table instead of one
/// event per row: which rows are new in this change, and where they came from.
#[derive(Clone, Debug)]
pub(crate) struct Batch {
    file: String,
    sha256: String,
    /// Per table, the highest id before the import: rows above it are the import's.
    before: Vec<(Table, i64)>,
}

impl Batch {
    fn covers(&self, table: Table, row_id: i64) -> bool {
        self.before.iter().any(|&(t, high)| t == table && row_id > high)
    }
}

pub(super) fn columns(json: String) -> Result<Map<String, Value>> {
    match serde_json::from_str(&json) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::Internal(format!("a row snapshot is not a JSON object: {json}"))),
    }
}

/// The ids of the first and last rows of a table from id `from` on, and their digest in
/// their recorded form (`None` when there are none). Another core parses and hashes each
/// chunk of rows while this one reads the next.
fn digest_rows(conn: &Connection, table: Table, from: i64, at: &str) -> Result<Option<(i64, i64, chain::RowsDigest)>> {
    const CHUNK: usize = 16_384;
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(i64, String)>>(2);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || -> Result<chain::RowsDigest> {
            let mut digest = chain::RowsDigest::new();
            for chunk in receive {
                for (id, json) in chunk {
                    let mut row = columns(json)?;
                    chain::compact(table.name(), &mut row, at);
                    digest.add(id, &row);
                }
            }
            Ok(digest)
        });
        let read = || -> Result<Option<(i64, i64)>> {
            let sql = format!("{} WHERE id >= ?1 ORDER BY id", table.snapshot_select());
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query([from])?;
            let mut range = None;
            let mut chunk = Vec::with_capacity(CHUNK);
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                range = Some((range.map_or(id, |(first, _)| first), id));
                chunk.push((id, row.get(1)?));
                // A hasher that stopped has an error to report: it is read below.
                if chunk.len() == CHUNK && send.send(std::mem::take(&mut chunk)).is_err() {
                    break;
                }
            }
            let _ = send.send(chunk);
            Ok(range)
        };
        let range = read();
        drop(send);
        let digest = hasher.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(range?.map(|(first, last)| (first, last, digest)))
    })
}

/// Rows `first..=last` of a table as (id, columns), in id order.
pub fn snapshots_between(
    conn: &Connection,
    table: Table,
    first: i64,
    last: i64,
) -> Result<Vec<(i64, Map<String, Value>)>> {
    let mut out = Vec::new();
    each_between(conn, table, first, last, |id, row| out.push((id, row)))?;
    Ok(out)
}

/// Calls `visit` with rows `first..=last` of a table as (id, columns), in id order,
/// without holding them all: what an `import` event's digest covers.
pub fn each_between(
    conn: &Connection,
    table: Table,
    first: i64,
    last: i64,
    mut visit: impl FnMut(i64, Map<String, Value>),
) -> Result<()> {
    let sql = format!("{} WHERE id BETWEEN ?1 AND ?2 ORDER BY id", table.snapshot_select());
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        visit(row.get(0)?, columns(row.get(1)?)?);
    }
    Ok(())
}

/// One row's columns, or `None` when it does not exist.
pub fn snapshot(conn: &Connection, table: Table, id: i64) -> Result<Option<Map<String, Value>>> {
    let sql = format!("{} {}", table.snapshot_select(), table.by_id());
    let json: Option<String> = optional(conn.prepare_cached(&sql)?.query_row([id], |row| row.get(1)))?;
    json.map(columns).transpose()
}

/// Every row of a table as (id, columns), for `verify`.
pub fn snapshots(conn: &Connection, table: Table) -> Result<Vec<(i64, Map<String, Value>)>> {
    let mut stmt = conn.prepare(table.snapshot_select())?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push((row.get(0)?, columns(row.get(1)?)?));
    }
    Ok(out)
}

/// What an event records for a row that went from `old` to `new`; `None` when nothing changed.
fn event_data(
    old: Option<Map<String, Value>>,
    new: Option<Map<String, Value>>,
) -> Option<(&'static str, Map<String, Value>)> {
    match (old, new) {
        (None, Some(new)) => Some(("insert", new)),
        (Some(old), None) => Some(("delete", old)),
        (Some(mut old), Some(new)) => {
            let changed: Map<String, Value> = new
                .into_iter()
                .filter_map(|(column, value)| {
                    let before = old.remove(&column).unwrap_or(Value::Null);
                    (before != value).then(|| (column, Value::Array(vec![before, value])))
                })
                .collect();
            (!changed.is_empty()).then_some(("update", changed))
        }
        (None, None) => None,
    }
}

impl Tx<'_> {
    /// Runs `change` on one row and records its event: the columns that changed,
    /// the row inserted, or the row deleted. A change that changes nothing records nothing.
    pub(crate) fn audited(
        &mut self,
        table: Table,
        row_id: i64,
        claim_id: Option<ClaimId>,
        change: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<()> {
        if self.in_batch(table, row_id) {
            return change(self.conn());
        }
        let old = snapshot(self.conn(), table, row_id)?;
        change(self.conn())?;
        let new = snapshot(self.conn(), table, row_id)?;
        match event_data(old, new) {
            Some((action, data)) => self.record(action, table, row_id, claim_id, data),
            None => Ok(()),
        }
    }

    /// Inserts a row with `insert` (which returns its id) and records the event.
    pub(crate) fn audited_insert(
        &mut self,
        table: Table,
        claim_id: Option<ClaimId>,
        insert: impl FnOnce(&Connection) -> Result<i64>,
    ) -> Result<i64> {
        let id = insert(self.conn())?;
        if self.in_batch(table, id) {
            return Ok(id);
        }
        let new = snapshot(self.conn(), table, id)?
            .ok_or_else(|| Error::Internal(format!("{} row {id} vanished as it was written", table.name())))?;
        self.record("insert", table, id, claim_id, new)?;
        Ok(id)
    }

    /// Appends one event to the chain, opening the transaction's change first when needed.
    pub(crate) fn record(
        &mut self,
        action: &str,
        table: Table,
        row_id: i64,
        claim_id: Option<ClaimId>,
        data: Map<String, Value>,
    ) -> Result<()> {
        if self.in_batch(table, row_id) {
            return Ok(());
        }
        // A claim's own row is about that claim.
        // (An import event is about many rows: `history` finds it by its range.)
        let claim_id = if table == Table::Claims && action != "import" { Some(ClaimId(row_id)) } else { claim_id };
        let change = self.change()?;
        let (prev_id, prev_hash) = match self.chain_head {
            Some(head) => head,
            None => match head(self.conn())? {
                Some(head) => head,
                None => (0, origin(self.conn())?),
            },
        };
        let event = ChainEvent {
            id: prev_id + 1,
            change,
            action: action.to_string(),
            table: table.name().to_string(),
            row_id,
            claim_id: claim_id.map(|c| c.0),
            data,
            hash: GENESIS,
        };
        let hash = write_event(self.conn(), event, &prev_hash)?;
        self.chain_head = Some((prev_id + 1, hash));
        Ok(())
    }

    /// Whether a row is one a bulk import in this transaction adds: recorded by the
    /// import's digest when the batch ends, not by an event of its own.
    fn in_batch(&self, table: Table, row_id: i64) -> bool {
        self.batch.as_ref().is_some_and(|batch| batch.covers(table, row_id))
    }

    /// Starts recording this transaction's new rows as a batch (see [`Tx::end_batch`]):
    /// `file` and `sha256` name what they were imported from.
    pub(crate) fn begin_batch(&mut self, file: &str, sha256: &str) -> Result<()> {
        let before = Table::ALL.into_iter().map(|t| Ok((t, t.high_water(self.conn())?))).collect::<Result<_>>()?;
        self.batch = Some(Batch { file: file.into(), sha256: sha256.into(), before });
        Ok(())
    }

    /// Records the batch's rows: per table with new rows, one `import` event with the
    /// range of ids, how many rows stand in it, the file and its SHA-256, and the
    /// digest of the rows as they stand (see [`chain::RowsDigest`]). `verify` holds
    /// the rows against it; `history` shows it for every row in the range.
    pub(crate) fn end_batch(&mut self) -> Result<()> {
        let Some(batch) = self.batch.take() else { return Ok(()) };
        let at = self.author().at.clone();
        for (table, before) in batch.before {
            let Some((first, last, digest)) = digest_rows(self.conn(), table, before + 1, &at)? else { continue };
            let mut data = Map::new();
            data.insert("first".into(), first.into());
            data.insert("last".into(), last.into());
            data.insert("rows".into(), digest.rows().into());
            data.insert("digest".into(), Value::String(chain::hex(&digest.finish())));
            data.insert("file".into(), Value::String(batch.file.clone()));
            data.insert("sha256".into(), Value::String(batch.sha256.clone()));
            self.record("import", table, first, None, data)?;
        }
        Ok(())
    }

    /// This transaction's change: who, when and which command; written with its first event.
    fn change(&mut self) -> Result<Change> {
        if let Some(change) = &self.change {
            return Ok(change.clone());
        }
        let author = self.author().clone();
        let change = write_change(self.conn(), &author.at, &author.editor, &author.command)?;
        self.change = Some(change.clone());
        Ok(change)
    }
}

/// Writes one change: who, when, which command.
pub(super) fn write_change(conn: &Connection, at: &str, editor: &str, command: &str) -> Result<Change> {
    conn.prepare_cached("INSERT INTO changes (at, editor, command) VALUES (?1, ?2, ?3)")?
        .execute(params![at, editor, command])?;
    Ok(Change { id: conn.last_insert_rowid(), at: at.into(), editor: editor.into(), command: command.into() })
}

/// Writes one event chained to `prev`, in its recorded form (see [`chain::compact`]); returns its hash.
pub(super) fn write_event(conn: &Connection, mut event: ChainEvent, prev: &chain::Hash) -> Result<chain::Hash> {
    if matches!(event.action.as_str(), "insert" | "delete") {
        chain::compact(&event.table, &mut event.data, &event.change.at);
    }
    event.hash = chain::event_hash(prev, &event);
    conn.prepare_cached(
        "INSERT INTO events (id, change_id, action, table_name, row_id, claim_id, data, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event.id,
        event.change.id,
        event.action,
        event.table,
        event.row_id,
        event.claim_id,
        Value::Object(event.data).to_string(),
        &event.hash[..]
    ])?;
    Ok(event.hash)
}
