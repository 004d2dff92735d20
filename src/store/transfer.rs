//! Copying a whole SQLite ledger into an empty PostgreSQL one, row for row, ids and audit log included
//! (the seed of issue 12's `claimtrack migrate --from claims.db --to postgres://…`).
//!
//! Tables go in dependency order, columns by name, in one PostgreSQL transaction under the ledger's
//! write lock; afterwards each identity sequence is moved past the highest id the table held
//! (or SQLite's AUTOINCREMENT counter, when that is higher), so ids are never reused. A target
//! holding any row is refused, as is a table the copier does not know (a newer schema's).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::db::{Datum, Db, FromDatum, Param, Pg, Value};
use crate::error::{Error, Result};

/// Every ledger table, parents before the tables that point at them.
const TABLES: &[&str] = &[
    "sources",
    "source_aliases",
    "articles",
    "article_derivations",
    "claims",
    "citations",
    "links",
    "verdicts",
    "verdict_evidence",
    "reviews",
    "claim_assignees",
    "claim_tags",
    "claim_notes",
    "settings",
    "changes",
    "events",
    "events_v1",
    "claims_fts",
    "claim_term_counts",
    "claim_quantities",
    "claim_mismatches",
];

/// SQLite tables that are not ledger tables: FTS5's own storage and vocabulary, AUTOINCREMENT's counters.
fn engine_table(name: &str) -> bool {
    name == "sqlite_sequence"
        || name == "claims_fts_vocab"
        || ["_data", "_idx", "_content", "_docsize", "_config"].iter().any(|s| name == format!("claims_fts{s}"))
}

/// How many rows each table received, in the order copied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CopyReport {
    pub tables: Vec<TableCopy>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableCopy {
    pub table: String,
    pub rows: u64,
    /// The id the table's next row gets on PostgreSQL (None: no id column, or no row yet).
    pub next_id: Option<i64>,
}

impl CopyReport {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

/// How a column's value crosses over: read from SQLite as `select`, bound on PostgreSQL as `bind`.
struct Column {
    name: String,
    select: String,
    /// `{}` stands for the placeholder.
    bind: &'static str,
    /// The PostgreSQL column read back as `select` reads SQLite's.
    read: String,
}

/// Copies every ledger table of `from` (an SQLite ledger at this binary's schema version) into `to`
/// (a PostgreSQL ledger at its current schema version, every table empty), in one transaction.
pub fn copy_ledger(from: &Connection, to: &Pg) -> Result<CopyReport> {
    let version: i64 = from.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != super::migrate::SCHEMA_VERSION {
        return Err(Error::invalid(format!(
            "the SQLite ledger is at schema version {version}, this claimtrack copies version {}: open it with this claimtrack first (`claimtrack upgrade`)",
            super::migrate::SCHEMA_VERSION
        )));
    }
    let (pg_version, _) = super::migrate_pg::found_version(to.db(), "the PostgreSQL ledger")?;
    if pg_version != super::migrate_pg::schema_version() {
        return Err(Error::invalid(format!(
            "the PostgreSQL ledger is at schema version {pg_version}, not {}: create or upgrade its schema first",
            super::migrate_pg::schema_version()
        )));
    }
    let unknown: Vec<String> =
        sqlite_tables(from)?.into_iter().filter(|t| !engine_table(t) && !TABLES.contains(&t.as_str())).collect();
    if !unknown.is_empty() {
        return Err(Error::invalid(format!(
            "the SQLite ledger has tables the copier does not know: {}",
            unknown.join(", ")
        )));
    }
    // Every table from one snapshot of the SQLite ledger, while its editors go on writing.
    let snapshot = match from.is_autocommit() {
        true => Some(rusqlite::Transaction::new_unchecked(from, rusqlite::TransactionBehavior::Deferred)?),
        false => None,
    };
    let sequences = autoincrement_counters(from)?;
    let fts_totals = super::matching::sqlite_totals(from)?;

    let copied = to.write(60_000, |db| {
        for table in TABLES {
            if db.query_opt(&format!("SELECT 1 FROM {table} LIMIT 1"), &[], |_| Ok(()))?.is_some() {
                return Err(Error::invalid(format!(
                    "the PostgreSQL ledger is not empty (table {table} has rows): copy only into a new ledger"
                )));
            }
        }
        let mut report = CopyReport::default();
        for table in TABLES {
            let columns = columns(from, *db, table)?;
            let rows = copy_table(from, *db, table, &columns)?;
            let next_id = move_sequence(*db, table, sequences.get(*table).copied())?;
            report.tables.push(TableCopy { table: table.to_string(), rows, next_id });
        }
        // What FTS5 counts inside claims_fts, PostgreSQL keeps beside it (for bm25).
        super::matching::set_totals(*db, fts_totals)?;
        Ok(report)
    });
    // Only read: ending it changes nothing.
    drop(snapshot);
    copied
}

fn sqlite_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// SQLite's AUTOINCREMENT counters: the highest id each table ever gave, deleted rows included.
fn autoincrement_counters(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT name, seq FROM sqlite_sequence")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// PostgreSQL's columns SQLite has not: the newsroom a row belongs to. A copy takes its default,
/// the newsroom the copy is for (`my_org()`), and reads back only that newsroom's rows.
const SERVER_ONLY: [&str; 1] = ["org_id"];

/// The columns both engines have for `table`, matched by name. A column on one side only is an
/// error, except PostgreSQL's generated ones; FTS5's rowid is PostgreSQL's claim_id.
fn columns(from: &Connection, to: Db<'_>, table: &str) -> Result<Vec<Column>> {
    let mut stmt = from.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut lite: Vec<String> = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if table == "claims_fts" {
        lite.insert(0, "rowid".into());
    }
    let pg: Vec<(String, String, bool)> = to.query(
        "SELECT column_name, data_type, is_generated = 'ALWAYS' FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
        &[&table],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let pg_name =
        |name: &str| if table == "claims_fts" && name == "rowid" { "claim_id".to_string() } else { name.into() };
    let wanted: BTreeSet<String> = lite.iter().map(|n| pg_name(n)).collect();
    let missing: Vec<&str> = pg
        .iter()
        .filter(|(n, _, generated)| !generated && !wanted.contains(n) && !SERVER_ONLY.contains(&n.as_str()))
        .map(|(n, _, _)| n.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(format!("{table}: SQLite has no column {}", missing.join(", "))));
    }
    lite.iter()
        .map(|name| {
            let target = pg_name(name);
            let (_, ty, _) = pg
                .iter()
                .find(|(n, _, _)| *n == target)
                .ok_or_else(|| Error::invalid(format!("{table}: the PostgreSQL ledger has no column {target}")))?;
            let quoted = format!("\"{name}\"");
            let column = format!("\"{target}\"");
            let (select, bind, read) = match ty.as_str() {
                "bytea" => (format!("hex({quoted})"), "decode({}, 'hex')", format!("upper(encode({column}, 'hex'))")),
                // SQLite's ANY: a number or text, as the JSON value it reads as.
                "jsonb" => (
                    format!("CASE WHEN {quoted} IS NOT NULL THEN json_quote({quoted}) END"),
                    "CAST(CAST({} AS TEXT) AS jsonb)",
                    format!("CAST({column} AS TEXT)"),
                ),
                _ => (quoted, "{}", column.clone()),
            };
            Ok(Column { name: column, select, bind, read })
        })
        .collect()
}

/// Rows per INSERT: fewer round trips, and well under PostgreSQL's 65535 parameters.
const BATCH_ROWS: usize = 200;

fn copy_table(from: &Connection, to: Db<'_>, table: &str, columns: &[Column]) -> Result<u64> {
    let selects: Vec<&str> = columns.iter().map(|c| c.select.as_str()).collect();
    let order = if table == "claims_fts" || columns.iter().any(|c| c.name == "\"id\"") { "ORDER BY 1" } else { "" };
    let mut stmt = from.prepare(&format!("SELECT {} FROM {table} {order}", selects.join(", ")))?;
    let mut rows = stmt.query([])?;
    let mut batch: Vec<Owned> = Vec::new();
    let mut copied = 0;
    while let Some(row) = rows.next()? {
        for i in 0..columns.len() {
            batch.push(match row.get_ref(i)? {
                ValueRef::Null => Owned::Null,
                ValueRef::Integer(v) => Owned::Integer(v),
                ValueRef::Real(v) => Owned::Real(v),
                ValueRef::Text(t) => Owned::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => {
                    return Err(Error::Internal(format!("{table}: a blob where the copier expected none")));
                }
            });
        }
        if batch.len() == BATCH_ROWS * columns.len() {
            copied += insert(to, table, columns, &batch)?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        copied += insert(to, table, columns, &batch)?;
    }
    Ok(copied)
}

/// A cell read from SQLite, owned until its batch is sent.
enum Owned {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Param for Owned {
    fn value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Integer(v) => Value::Integer(*v),
            Owned::Real(v) => Value::Real(*v),
            Owned::Text(t) => Value::Text(t),
        }
    }
}

fn insert(to: Db<'_>, table: &str, columns: &[Column], values: &[Owned]) -> Result<u64> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let rows: Vec<String> = values
        .chunks(columns.len())
        .enumerate()
        .map(|(r, _)| {
            let cells: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(c, column)| column.bind.replace("{}", &format!("?{}", r * columns.len() + c + 1)))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES {}", names.join(", "), rows.join(", "));
    let params: Vec<&dyn Param> = values.iter().map(|v| v as &dyn Param).collect();
    to.execute(&sql, &params)
}

/// Moves `table`'s identity sequence past its highest id (and past SQLite's counter), so the next
/// row gets the id SQLite would have given it. Returns that next id.
fn move_sequence(to: Db<'_>, table: &str, counter: Option<i64>) -> Result<Option<i64>> {
    let identity: bool = to
        .query_opt(
            "SELECT is_identity = 'YES' FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = 'id'",
            &[&table],
            |r| r.get(0),
        )?
        .unwrap_or(false);
    if !identity {
        return Ok(None);
    }
    let max: i64 = to.query_opt(&format!("SELECT coalesce(max(id), 0) FROM {table}"), &[], |r| r.get(0))?.unwrap_or(0);
    let last = max.max(counter.unwrap_or(0));
    if last == 0 {
        return Ok(None);
    }
    to.query_opt("SELECT setval(pg_get_serial_sequence(?1, 'id'), ?2)", &[&table, &last], |r| r.get::<i64>(0))?;
    Ok(Some(last + 1))
}

/// A cell as both engines hand it over, for comparing a copy with its original.
#[derive(Debug, PartialEq)]
struct Cell(Datum);

impl FromDatum for Cell {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        Ok(Cell(datum))
    }
}

/// How the PostgreSQL ledger differs from the SQLite one, table by table and row by row (empty when
/// every row of every ledger table is equal on both): what `claimtrack migrate` checks after the copy.
/// A table's rows are read whole, so this wants memory for the largest table.
pub fn differences(from: &Connection, to: &Pg) -> Result<Vec<String>> {
    let snapshot = match from.is_autocommit() {
        true => Some(rusqlite::Transaction::new_unchecked(from, rusqlite::TransactionBehavior::Deferred)?),
        false => None,
    };
    let mut out = Vec::new();
    for table in TABLES {
        let columns = columns(from, to.db(), table)?;
        let keyed = table == &"claims_fts" || columns.iter().any(|c| c.name == "\"id\"");
        let order = match keyed {
            true => "1".to_string(),
            false => (1..=columns.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
        };
        let lite_select: Vec<&str> = columns.iter().map(|c| c.select.as_str()).collect();
        let mut stmt = from.prepare(&format!("SELECT {} FROM {table} ORDER BY {order}", lite_select.join(", ")))?;
        let lite: Vec<Vec<Cell>> = stmt
            .query_map([], |row| {
                (0..columns.len())
                    .map(|i| {
                        Ok(Cell(match row.get_ref(i)? {
                            ValueRef::Null => Datum::Null,
                            ValueRef::Integer(v) => Datum::Integer(v),
                            ValueRef::Real(v) => Datum::Real(v),
                            ValueRef::Text(t) => Datum::Text(String::from_utf8_lossy(t).into_owned()),
                            ValueRef::Blob(b) => Datum::Text(b.iter().map(|x| format!("{x:02X}")).collect()),
                        }))
                    })
                    .collect()
            })?
            .collect::<rusqlite::Result<_>>()?;
        // PostgreSQL's side read as SQLite's is written: BYTEA in SQLite's hex(), jsonb as its JSON text.
        let pg_select: Vec<String> = columns.iter().map(|c| c.read.clone()).collect();
        let pg: Vec<Vec<Cell>> =
            to.db().query(&format!("SELECT {} FROM {table} ORDER BY {order}", pg_select.join(", ")), &[], |row| {
                (0..columns.len()).map(|i| row.get::<Cell>(i)).collect()
            })?;
        if lite.len() != pg.len() {
            out.push(format!("{table}: {} rows in the SQLite ledger, {} in the PostgreSQL one", lite.len(), pg.len()));
            continue;
        }
        if let Some(at) = lite.iter().zip(&pg).position(|(l, p)| l != p) {
            let shown = |row: &[Cell]| format!("{:?}", row.first().map(|c| &c.0));
            out.push(format!(
                "{table}: row {} differs (first column {} in the SQLite ledger, {} in the PostgreSQL one)",
                at + 1,
                shown(&lite[at]),
                shown(&pg[at])
            ));
        }
    }
    let (lite_totals, pg_totals) = (super::matching::sqlite_totals(from)?, super::matching::totals(to.db())?);
    if pg_totals.unwrap_or_default() != lite_totals {
        out.push(format!(
            "claims_fts_totals: {pg_totals:?} in the PostgreSQL ledger, {lite_totals:?} counted in the SQLite one's claims_fts"
        ));
    }
    drop(snapshot);
    Ok(out)
}
