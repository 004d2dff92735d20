//! Writing the audit log: row snapshots, one change per command, one event per row touched,
//! chained by `crate::chain`. Reading it back lives in `store/log.rs`.
//!
//! An insert records the new row, an update only the columns that changed
//! (old and new), a delete the old row: enough for `verify` to replay the log
//! and rebuild every row. Every event of one command shares its change.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Tx;
use super::db::{Datum, Db, Dialect, FromDatum, Param};
use super::log::{head, origin};
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
    /// A claim shared with a coalition: PostgreSQL only (`claimtrack claim share`).
    ClaimShares,
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

    /// The audited tables only a PostgreSQL ledger has, besides [`Table::ALL`].
    pub const SERVER: [Table; 1] = [Table::ClaimShares];

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
            Table::ClaimShares => "claim_shares",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().chain(Table::SERVER).find(|t| t.name() == name)
    }

    /// The columns a row snapshot records (besides `id`), as `verify` compares them.
    /// An article's snapshot also records `derived_from`: see [`each_snapshot`].
    fn snapshot_columns(self) -> &'static [&'static str] {
        match self {
            Table::Sources => &["name", "kind", "url", "note", "created_at"],
            Table::SourceAliases => &["source_id", "alias", "created_at"],
            Table::Articles => &[
                "publisher_id",
                "url",
                "title",
                "published",
                "published_precision",
                "body_sha256",
                "created_at",
                "medium",
                "original_url",
            ],
            Table::Claims => {
                &["text", "status", "retract_reason", "created_at", "updated_at", "stage", "due", "imported_from"]
            }
            Table::Citations => &[
                "claim_id",
                "article_id",
                "source_id",
                "kind",
                "quote",
                "start_offset",
                "end_offset",
                "created_at",
                "start_second",
                "end_second",
            ],
            Table::Links => {
                &["claim_id", "stance", "target_claim_id", "target_article_id", "note", "editor", "created_at"]
            }
            Table::Verdicts => &[
                "claim_id",
                "rating",
                "note",
                "evidence",
                "editor",
                "created_at",
                "rationale",
                "reviewer",
                "withdrawn_at",
                "withdrawn_by",
                "withdrawn_reason",
            ],
            Table::Settings => &["key", "value"],
            Table::ClaimAssignees => &["claim_id", "editor", "created_at"],
            Table::ClaimTags => &["claim_id", "tag", "created_at"],
            Table::ClaimNotes => &["claim_id", "body", "editor", "created_at"],
            // The saved copy's text is checked against its SHA-256, as an article's is.
            Table::VerdictEvidence => {
                &["verdict_id", "url", "title", "accessed", "saved_name", "saved_sha256", "created_at"]
            }
            Table::ClaimShares => &["claim_id", "coalition_id", "created_at"],
            Table::Reviews => &[
                "claim_id",
                "verdict_id",
                "reviewer_id",
                "url",
                "published",
                "rating_words",
                "rating_value",
                "best_rating",
                "worst_rating",
                "body",
                "created_at",
            ],
        }
    }

    /// The highest id this table has ever used (its AUTOINCREMENT counter, or its
    /// largest id): every row a change adds gets a higher one.
    /// (Engine-specific: on SQLite it reads `sqlite_sequence`. On PostgreSQL the largest id
    /// is enough: the write holds the ledger's advisory lock, and the identity sequence only
    /// hands out numbers above it, so every row this change adds lies above it too.)
    fn high_water(self, db: Db<'_>) -> Result<i64> {
        let name = self.name();
        let found = match db.dialect() {
            Dialect::Sqlite => db.query_opt(
                &format!(
                    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
                                coalesce((SELECT max(id) FROM {name}), 0))"
                ),
                &[&name],
                |r| r.get(0),
            )?,
            Dialect::Postgres => {
                db.query_opt(&format!("SELECT coalesce(max(id), 0) FROM {name}"), &[], |r| r.get(0))?
            }
        };
        Ok(found.unwrap_or(0))
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

/// A cell as a row snapshot records it: what SQLite's `json_object` made of it, so the
/// snapshots (and the hashes over them) are the same as when SQLite built them as JSON.
impl FromDatum for Value {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        Ok(match datum {
            Datum::Null => Value::Null,
            Datum::Integer(v) => v.into(),
            Datum::Real(v) => v.into(),
            Datum::Text(t) => Value::String(t),
            // A flag kept as PostgreSQL's boolean records as SQLite's 0 or 1.
            Datum::Bool(b) => i64::from(b).into(),
            Datum::Blob(_) => return Err("a blob has no place in a row snapshot".into()),
        })
    }
}

/// Calls `visit` with rows `first..=last` of a table as (id, cells), in id order: the
/// values of [`Table::snapshot_columns`] (and an article's `derived_from` list last), read
/// as typed cells (no JSON functions in SQL, so the same on both engines). [`snapshot_of`]
/// makes them a row snapshot.
fn each_cells(
    db: Db<'_>,
    table: Table,
    first: i64,
    last: i64,
    mut visit: impl FnMut(i64, Vec<Value>) -> Result<()>,
) -> Result<()> {
    let columns = table.snapshot_columns();
    // An article's sources of derivation, read for the range first: `visit` gets whole rows.
    let mut derived: HashMap<i64, Vec<Value>> = HashMap::new();
    if table == Table::Articles {
        let sql = format!(
            "SELECT article_id, derived_from_id FROM article_derivations
             WHERE article_id BETWEEN ?1 AND ?2{} ORDER BY article_id, derived_from_id",
            db.newsroom_only("org_id")
        );
        db.each(&sql, &[&first, &last], |row| {
            derived.entry(row.get(0)?).or_default().push(Value::from(row.get::<i64>(1)?));
            Ok(())
        })?;
    }
    let sql = format!(
        "SELECT id, {} FROM {} WHERE id BETWEEN ?1 AND ?2{} ORDER BY id",
        columns.join(", "),
        table.name(),
        db.newsroom_only("org_id")
    );
    db.each(&sql, &[&first, &last], |row| {
        let id: i64 = row.get(0)?;
        let mut cells = Vec::with_capacity(columns.len() + 1);
        for index in 1..=columns.len() {
            cells.push(row.get(index)?);
        }
        if table == Table::Articles {
            cells.push(Value::Array(derived.remove(&id).unwrap_or_default()));
        }
        visit(id, cells)
    })
}

/// A row's cells from [`each_cells`] as its snapshot: what events record and `verify` compares.
fn snapshot_of(table: Table, cells: Vec<Value>) -> Map<String, Value> {
    snapshot_names(table).map(String::from).zip(cells).collect()
}

/// The names of a row snapshot's columns, in the order [`each_cells`] reads their cells.
fn snapshot_names(table: Table) -> impl Iterator<Item = &'static str> {
    table.snapshot_columns().iter().copied().chain((table == Table::Articles).then_some("derived_from"))
}

/// [`each_cells`] as row snapshots.
fn each_snapshot(
    db: Db<'_>,
    table: Table,
    first: i64,
    last: i64,
    mut visit: impl FnMut(i64, Map<String, Value>) -> Result<()>,
) -> Result<()> {
    each_cells(db, table, first, last, |id, cells| visit(id, snapshot_of(table, cells)))
}

/// The ids of the first and last rows of a table from id `from` on, and their digest in
/// their recorded form (`None` when there are none). Another core makes each chunk of
/// rows snapshots, compacts and hashes them while this one reads the next.
fn digest_rows(db: Db<'_>, table: Table, from: i64, at: &str) -> Result<Option<(i64, i64, chain::RowsDigest)>> {
    const CHUNK: usize = 16_384;
    type Chunk = Vec<(i64, Vec<Value>)>;
    let (send, receive) = std::sync::mpsc::sync_channel::<Chunk>(2);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut digest = chain::RowsDigest::new();
            // Each row's recorded form, hashed from its cells: the columns in the order of their
            // names (a snapshot map's order), nulls and time columns left to the change skipped.
            let names: Vec<&str> = snapshot_names(table).collect();
            let mut order: Vec<usize> = (0..names.len()).collect();
            order.sort_by_key(|&i| names[i]);
            let mut kept = Vec::with_capacity(order.len());
            for chunk in receive {
                for (id, cells) in chunk {
                    kept.clear();
                    kept.extend(order.iter().copied().filter(|&i| {
                        cells.get(i).is_some_and(|value| chain::recorded(table.name(), names[i], value, at))
                    }));
                    digest.add_columns(id, kept.iter().map(|&i| (names[i], &cells[i])));
                }
            }
            digest
        });
        let mut range = None;
        let mut chunk = Vec::with_capacity(CHUNK);
        let read = each_cells(db, table, from, i64::MAX, |id, cells| {
            range = Some((range.map_or(id, |(first, _)| first), id));
            chunk.push((id, cells));
            if chunk.len() == CHUNK && send.send(std::mem::take(&mut chunk)).is_err() {
                return Err(Error::Internal("the row hasher stopped".into()));
            }
            Ok(())
        });
        let _ = send.send(chunk);
        drop(send);
        // A hasher that panicked says why here, before the reader's error it caused.
        let digest = hasher.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read?;
        Ok(range.map(|(first, last)| (first, last, digest)))
    })
}

/// Rows `first..=last` of a table as (id, columns), in id order.
pub fn snapshots_between(db: Db<'_>, table: Table, first: i64, last: i64) -> Result<Vec<(i64, Map<String, Value>)>> {
    let mut out = Vec::new();
    each_between(db, table, first, last, |id, row| out.push((id, row)))?;
    Ok(out)
}

/// Calls `visit` with rows `first..=last` of a table as (id, columns), in id order,
/// without holding them all: what an `import` event's digest covers.
pub fn each_between(
    db: Db<'_>,
    table: Table,
    first: i64,
    last: i64,
    mut visit: impl FnMut(i64, Map<String, Value>),
) -> Result<()> {
    each_snapshot(db, table, first, last, |id, row| {
        visit(id, row);
        Ok(())
    })
}

/// One row's columns, or `None` when it does not exist.
pub fn snapshot(db: Db<'_>, table: Table, id: i64) -> Result<Option<Map<String, Value>>> {
    let mut found = None;
    each_snapshot(db, table, id, id, |_, row| {
        found = Some(row);
        Ok(())
    })?;
    Ok(found)
}

/// Every row of a table as (id, columns), in id order, for `verify`.
pub fn snapshots(db: Db<'_>, table: Table) -> Result<Vec<(i64, Map<String, Value>)>> {
    snapshots_between(db, table, i64::MIN, i64::MAX)
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
        change: impl FnOnce(Db<'_>) -> Result<()>,
    ) -> Result<()> {
        if self.in_batch(table, row_id) {
            return change(self.db());
        }
        let old = snapshot(self.db(), table, row_id)?;
        change(self.db())?;
        let new = snapshot(self.db(), table, row_id)?;
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
        insert: impl FnOnce(Db<'_>) -> Result<i64>,
    ) -> Result<i64> {
        let id = insert(self.db())?;
        if self.in_batch(table, id) {
            return Ok(id);
        }
        let new = snapshot(self.db(), table, id)?
            .ok_or_else(|| Error::Internal(format!("{} row {id} vanished as it was written", table.name())))?;
        self.record("insert", table, id, claim_id, new)?;
        Ok(id)
    }

    /// Inserts a row with `insert` (an INSERT without RETURNING) and records its event from the
    /// columns the insert returns: one statement where reading the row back would be a second.
    /// (Not for articles, whose snapshot holds their sources of derivation too.)
    pub(crate) fn audited_insert_row(
        &mut self,
        table: Table,
        claim_id: Option<ClaimId>,
        insert: &str,
        params: &[&dyn Param],
    ) -> Result<i64> {
        if table == Table::Articles {
            return Err(Error::Internal("an article's snapshot is more than its row".into()));
        }
        // In a batch the new row is the batch's (its digest is read when the batch ends): no
        // columns to return. Were it not, its snapshot is read back as `audited_insert` does.
        if self.batch.is_some() {
            return self.audited_insert(table, claim_id, |db| db.insert(&format!("{insert} RETURNING id"), params));
        }
        let columns = table.snapshot_columns();
        let sql = format!("{insert} RETURNING id, {}", columns.join(", "));
        let (id, cells) = self
            .db()
            .query_opt(&sql, params, |row| {
                let cells = (1..=columns.len()).map(|index| row.get(index)).collect::<Result<Vec<Value>>>()?;
                Ok((row.get::<i64>(0)?, cells))
            })?
            .ok_or_else(|| Error::Internal(format!("an insert into {} returned no row", table.name())))?;
        if !self.in_batch(table, id) {
            self.record("insert", table, id, claim_id, snapshot_of(table, cells))?;
        }
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
        // SQLite's log is one chain: the next id. On PostgreSQL each newsroom's events chain on their
        // own among every newsroom's, so ids come from the table's sequence (each hash covers the
        // one before it in the newsroom's chain, whatever lies between).
        let first_on_server =
            self.db().dialect() == Dialect::Postgres && self.change.is_none() && self.chain_head.is_none();
        let (change, prev_hash, id) = if first_on_server {
            self.open_chain_on_server()?
        } else {
            let change = self.change()?;
            let (prev_id, prev_hash) = match self.chain_head {
                Some(head) => head,
                // Read inside the write transaction, which holds the write lock on either engine.
                None => match head(self.db())? {
                    Some(head) => head,
                    None => (0, origin(self.db())?),
                },
            };
            let id = match self.db().dialect() {
                Dialect::Sqlite => prev_id + 1,
                Dialect::Postgres => self
                    .db()
                    .query_opt("SELECT nextval(pg_get_serial_sequence('events', 'id'))", &[], |r| r.get(0))?
                    .ok_or_else(|| Error::Internal("no next event id".into()))?,
            };
            (change, prev_hash, id)
        };
        let event = ChainEvent {
            id,
            change,
            action: action.to_string(),
            table: table.name().to_string(),
            row_id,
            claim_id: claim_id.map(|c| c.0),
            data,
            hash: GENESIS,
        };
        let hash = write_event(self.db(), event, &prev_hash)?;
        self.chain_head = Some((id, hash));
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
        let db = self.db();
        let before = Table::ALL.into_iter().map(|t| Ok((t, t.high_water(db)?))).collect::<Result<_>>()?;
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
            let Some((first, last, digest)) = digest_rows(self.db(), table, before + 1, &at)? else { continue };
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

    /// A transaction's first event on PostgreSQL, in one round trip: writes its change, reads the
    /// newsroom's chain head (under the newsroom's lock, which the transaction holds) and draws the
    /// event's id. What [`Tx::change`], [`head`] and a `nextval` do one statement each.
    fn open_chain_on_server(&mut self) -> Result<(Change, chain::Hash, i64)> {
        let author = self.author().clone();
        let sql = format!(
            "WITH c AS ({CHANGE_INSERT})
             SELECT c.id, h.id, h.hash, nextval(pg_get_serial_sequence('events', 'id'))
             FROM c LEFT JOIN LATERAL ({}) h ON true",
            super::log::head_query(self.db())
        );
        let (change_id, head_id, head_hash, id) = self
            .db()
            .query_opt(&sql, &[&author.at, &author.editor, &author.command], |r| {
                Ok((r.get::<i64>(0)?, r.get::<Option<i64>>(1)?, r.get::<Option<Vec<u8>>>(2)?, r.get::<i64>(3)?))
            })?
            .ok_or_else(|| Error::Internal("no change written".into()))?;
        let change = Change { id: change_id, at: author.at, editor: author.editor, command: author.command };
        self.change = Some(change.clone());
        let prev_hash = match (head_id, head_hash) {
            (Some(head), Some(hash)) => super::log::to_hash(head, hash)?,
            _ => origin(self.db())?,
        };
        Ok((change, prev_hash, id))
    }

    /// This transaction's change: who, when and which command; written with its first event.
    fn change(&mut self) -> Result<Change> {
        if let Some(change) = &self.change {
            return Ok(change.clone());
        }
        let author = self.author().clone();
        let change = write_change(self.db(), &author.at, &author.editor, &author.command)?;
        self.change = Some(change.clone());
        Ok(change)
    }
}

/// A change's row (who, when, which command), with the id it gets.
const CHANGE_INSERT: &str = "INSERT INTO changes (at, editor, command) VALUES (?1, ?2, ?3) RETURNING id";

/// Writes one change: who, when, which command.
pub(super) fn write_change(db: Db<'_>, at: &str, editor: &str, command: &str) -> Result<Change> {
    let id = db.insert(CHANGE_INSERT, &[&at, &editor, &command])?;
    Ok(Change { id, at: at.into(), editor: editor.into(), command: command.into() })
}

/// Writes one event chained to `prev`, in its recorded form (see [`chain::compact`]); returns its hash.
pub(super) fn write_event(db: Db<'_>, mut event: ChainEvent, prev: &chain::Hash) -> Result<chain::Hash> {
    if matches!(event.action.as_str(), "insert" | "delete") {
        chain::compact(&event.table, &mut event.data, &event.change.at);
    }
    event.hash = chain::event_hash(prev, &event);
    let data = Value::Object(event.data).to_string();
    db.execute(
        "INSERT INTO events (id, change_id, action, table_name, row_id, claim_id, data, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[
            &event.id,
            &event.change.id,
            &event.action,
            &event.table,
            &event.row_id,
            &event.claim_id,
            &data,
            &&event.hash[..],
        ],
    )?;
    Ok(event.hash)
}
