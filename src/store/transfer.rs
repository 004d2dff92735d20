//! Copying a whole ledger between the engines, row for row, ids and audit log included: one copier
//! for both directions. SQLite into an empty PostgreSQL ledger (`claimtrack migrate --from claims.db
//! --to postgres://…`), and PostgreSQL into a new SQLite file (`migrate --from postgres://… --to
//! file.db`, and `backup` on a server).
//!
//! Tables go in dependency order, columns by name, in one transaction on the target under its write
//! lock, read from one snapshot of the source while its editors go on writing; afterwards each id
//! counter (PostgreSQL's identity sequence, SQLite's AUTOINCREMENT counter) is moved past the
//! highest id the source ever gave, so ids are never reused. Then every row is read back from both,
//! in the same snapshot of the source, and compared. A target holding any row is refused (a new
//! SQLite file's own starting rows, the default setting and its event, make way for the source's),
//! as is a table the copier does not know (a newer schema's). The rows of a ledger are read in one
//! place, [`each_row`], for the copy and the comparison alike.
//!
//! (Over 400 lines: the copy and the comparison share the column matching, the row reader and
//! the snapshots, and must change together when the schema does.)

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use super::db::{Datum, Db, Dialect, FromDatum, Param, Pg, Value};
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

/// PostgreSQL tables that are not ledger tables: the schema's version, bm25's totals (which FTS5
/// keeps inside claims_fts on SQLite; compared on their own), and the server's organisations,
/// editors and coalition shares, which a copy for one newsroom leaves behind (and a new server
/// ledger gets from `org add`).
const PG_OWN: &[&str] =
    &["schema_version", "claims_fts_totals", "orgs", "coalition_members", "editors", "claim_shares"];

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
    /// The id the table's next row gets on the target (None: no id column, or no row yet).
    pub next_id: Option<i64>,
}

impl CopyReport {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

fn engine(db: Db<'_>) -> &'static str {
    match db.dialect() {
        Dialect::Sqlite => "SQLite",
        Dialect::Postgres => "PostgreSQL",
    }
}

/// The two ends of a copy: one SQLite ledger and one PostgreSQL ledger, whichever way it goes.
fn ends<'a>(from: Db<'a>, to: Db<'a>) -> Result<(&'a Connection, &'a Pg)> {
    match (from, to) {
        (Db::Sqlite(lite), Db::Postgres(pg)) | (Db::Postgres(pg), Db::Sqlite(lite)) => Ok((lite, pg)),
        _ => Err(Error::Internal("a ledger is copied between SQLite and PostgreSQL, not within one engine".into())),
    }
}

/// How a column crosses over, matched by name on both engines.
pub(super) struct Column {
    /// SQLite's name, quoted.
    lite: String,
    /// PostgreSQL's name, quoted (FTS5's rowid is PostgreSQL's claim_id).
    pg: String,
    /// jsonb on PostgreSQL, SQLite's `ANY` (a number or text): crosses over as its JSON text.
    json: bool,
    /// Text: ordered by code point (PostgreSQL's "C" collation, SQLite's BINARY) where rows have no id.
    text: bool,
}

impl Column {
    /// The column as `db` reads it for the copy and the comparison.
    fn read(&self, db: Dialect) -> String {
        match (db, self.json) {
            (Dialect::Sqlite, true) => format!("CASE WHEN {0} IS NOT NULL THEN json_quote({0}) END", self.lite),
            (Dialect::Postgres, true) => format!("CAST({} AS TEXT)", self.pg),
            (Dialect::Sqlite, false) => self.lite.clone(),
            (Dialect::Postgres, false) => self.pg.clone(),
        }
    }

    /// The value bound at `placeholder` as `db` stores it.
    pub(super) fn bind(&self, db: Dialect, placeholder: &str) -> String {
        match (db, self.json) {
            (Dialect::Sqlite, true) => format!("json_extract({placeholder}, '$')"),
            (Dialect::Postgres, true) => format!("CAST(CAST({placeholder} AS TEXT) AS jsonb)"),
            (_, false) => placeholder.to_string(),
        }
    }

    pub(super) fn name(&self, db: Dialect) -> &str {
        match db {
            Dialect::Sqlite => &self.lite,
            Dialect::Postgres => &self.pg,
        }
    }

    fn order(&self, db: Dialect) -> String {
        match (db, self.text) {
            (Dialect::Postgres, true) => format!("{} COLLATE \"C\"", self.pg),
            _ => self.name(db).to_string(),
        }
    }
}

/// Copies every ledger table of `from` into `to`, one of them an SQLite ledger and the other a
/// PostgreSQL one, both at this binary's schema version for their engine. `to` must hold no rows (a
/// new SQLite ledger's starting rows excepted, which the copy replaces); all of the copy lands in
/// one transaction, or none of it. Every row is then compared with the source's, as of the same
/// snapshot: a difference is [`Error::Problems`] (the committed copy is left for the caller to
/// remove or report).
pub fn copy_ledger(from: Db<'_>, to: Db<'_>) -> Result<CopyReport> {
    let (lite, pg) = ends(from, to)?;
    check_versions(lite, pg)?;
    for db in [from, to] {
        let unknown = unknown_tables(db)?;
        if !unknown.is_empty() {
            return Err(Error::invalid(format!(
                "the {} ledger has tables the copier does not know: {}",
                engine(db),
                unknown.join(", ")
            )));
        }
    }
    reading(from, |from| {
        let counters = counters(from)?;
        let fts_totals = match from.dialect() {
            Dialect::Sqlite => Some(super::matching::sqlite_totals(lite)?),
            Dialect::Postgres => None,
        };
        let report = writing(to, |to| {
            match to {
                Db::Sqlite(conn) => clear_new_sqlite(conn)?,
                Db::Postgres(_) => refuse_rows(to)?,
            }
            let mut report = CopyReport::default();
            for table in TABLES {
                let columns = columns(lite, pg.db(), table)?;
                let rows = copy_table(from, to, table, &columns)?;
                let next_id = move_counter(to, table, counters.get(*table).copied())?;
                report.tables.push(TableCopy { table: table.to_string(), rows, next_id });
            }
            // What FTS5 counts inside claims_fts, PostgreSQL keeps beside it (for bm25).
            if let Some(totals) = fts_totals {
                super::matching::set_totals(to, totals)?;
            }
            Ok(report)
        })?;
        let found = compare(from, to)?;
        if !found.is_empty() {
            return Err(Error::Problems(format!(
                "the copy in the {} ledger differs from the {} one: {}",
                engine(to),
                engine(from),
                found.join("; ")
            )));
        }
        Ok(report)
    })
}

fn check_versions(lite: &Connection, pg: &Pg) -> Result<()> {
    let version: i64 = lite.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != super::migrate::SCHEMA_VERSION {
        return Err(Error::invalid(format!(
            "the SQLite ledger is at schema version {version}, this claimtrack copies version {}: open it with this claimtrack first (`claimtrack upgrade`)",
            super::migrate::SCHEMA_VERSION
        )));
    }
    let (pg_version, _) = super::migrate_pg::found_version(pg.db(), "the PostgreSQL ledger")?;
    if pg_version != super::migrate_pg::schema_version() {
        return Err(Error::invalid(format!(
            "the PostgreSQL ledger is at schema version {pg_version}, not {}: create or upgrade its schema first",
            super::migrate_pg::schema_version()
        )));
    }
    Ok(())
}

/// `read` in one snapshot of `db`: SQLite's read transaction (unless one is open already), PostgreSQL's
/// REPEATABLE READ, so every table is read as of one moment while editors go on writing.
fn reading<T>(db: Db<'_>, read: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
    match db {
        Db::Sqlite(conn) => {
            let snapshot = match conn.is_autocommit() {
                true => Some(Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?),
                false => None,
            };
            let out = read(db);
            // Only read: ending it changes nothing.
            drop(snapshot);
            out
        }
        Db::Postgres(pg) => pg.snapshot(|db| read(*db)),
    }
}

/// `write` in one transaction on `db` holding its write lock, committed when it succeeds.
fn writing<T>(db: Db<'_>, write: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
    match db {
        Db::Sqlite(conn) => {
            let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let out = write(db)?;
            tx.commit()?;
            Ok(out)
        }
        Db::Postgres(pg) => pg.write(60_000, |db| write(*db)),
    }
}

/// The tables of `db` that are neither ledger tables nor the engine's own.
fn unknown_tables(db: Db<'_>) -> Result<Vec<String>> {
    let all: Vec<String> = match db {
        Db::Sqlite(_) => {
            db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", &[], |r| r.get(0))?
        }
        Db::Postgres(_) => db.query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
            &[],
            |r| r.get(0),
        )?,
    };
    let own = |t: &str| match db.dialect() {
        Dialect::Sqlite => engine_table(t),
        Dialect::Postgres => PG_OWN.contains(&t),
    };
    Ok(all.into_iter().filter(|t| !own(t) && !TABLES.contains(&t.as_str())).collect())
}

/// A PostgreSQL target must hold no row at all.
fn refuse_rows(to: Db<'_>) -> Result<()> {
    for table in TABLES {
        if to.query_opt(&format!("SELECT 1 FROM {table} LIMIT 1"), &[], |_| Ok(()))?.is_some() {
            let hint = match to.dialect() {
                Dialect::Postgres => {
                    " (to bring a desk onto a server other newsrooms use, add --merge: its rows get new ids in a newsroom of its own)"
                }
                Dialect::Sqlite => "",
            };
            return Err(Error::invalid(format!(
                "the {} ledger is not empty (table {table} has rows): copy only into a new ledger{hint}",
                engine(to)
            )));
        }
    }
    Ok(())
}

/// An SQLite target must be a new ledger: nothing but what a new ledger starts with (its default
/// settings, and the one change whose events record them). Those rows are cleared, so the source's
/// own settings and log come across with their ids: the log's append-only triggers are set aside
/// for the moment and put back as they were, in the copy's transaction, on a file no editor uses yet.
fn clear_new_sqlite(conn: &Connection) -> Result<()> {
    let db = Db::Sqlite(conn);
    let starting = ["settings", "changes", "events"];
    for table in TABLES.iter().filter(|t| !starting.contains(t)) {
        if db.query_opt(&format!("SELECT 1 FROM {table} LIMIT 1"), &[], |_| Ok(()))?.is_some() {
            return Err(Error::invalid(format!(
                "the SQLite ledger is not empty (table {table} has rows): copy only into a new ledger"
            )));
        }
    }
    let changes: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?;
    let other: i64 = conn.query_row("SELECT count(*) FROM events WHERE table_name <> 'settings'", [], |r| r.get(0))?;
    if changes > 1 || other > 0 {
        return Err(Error::invalid(
            "the SQLite ledger is not empty (it has changes of its own): copy only into a new ledger",
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('events', 'changes', 'events_v1')
         ORDER BY name",
    )?;
    let triggers: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    conn.execute_batch(
        "DELETE FROM events; DELETE FROM changes; DELETE FROM settings; UPDATE sqlite_sequence SET seq = 0;",
    )?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// The highest id each table ever gave, deleted rows included (and, on PostgreSQL, ids spent by
/// rolled-back writes): SQLite's AUTOINCREMENT counters, PostgreSQL's identity sequences.
fn counters(db: Db<'_>) -> Result<BTreeMap<String, i64>> {
    match db {
        Db::Sqlite(_) => {
            let pairs: Vec<(String, i64)> =
                db.query("SELECT name, seq FROM sqlite_sequence", &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(pairs.into_iter().collect())
        }
        Db::Postgres(_) => {
            let mut out = BTreeMap::new();
            for table in TABLES {
                if !pg_identity(db, table)? {
                    continue;
                }
                let last: Option<i64> = db
                    .query_opt(
                        "SELECT pg_sequence_last_value(CAST(pg_get_serial_sequence(?1, 'id') AS regclass))",
                        &[table],
                        |r| r.get(0),
                    )?
                    .flatten();
                if let Some(last) = last {
                    out.insert(table.to_string(), last);
                }
            }
            Ok(out)
        }
    }
}

fn pg_identity(db: Db<'_>, table: &str) -> Result<bool> {
    Ok(db
        .query_opt(
            "SELECT is_identity = 'YES' FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = 'id'",
            &[&table],
            |r| r.get(0),
        )?
        .unwrap_or(false))
}

/// PostgreSQL's columns SQLite has not: the newsroom a row belongs to. A copy takes its default,
/// the newsroom the copy is for (`my_newsroom()`), and reads back only that newsroom's rows.
const SERVER_ONLY: [&str; 1] = ["org_id"];

/// The columns both engines have for `table`, matched by name. A column on one side only is an
/// error, except PostgreSQL's generated ones; FTS5's rowid is PostgreSQL's claim_id.
pub(super) fn columns(lite: &Connection, pg: Db<'_>, table: &str) -> Result<Vec<Column>> {
    let mut stmt = lite.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut names: Vec<String> = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if table == "claims_fts" {
        names.insert(0, "rowid".into());
    }
    let on_pg: Vec<(String, String, bool)> = pg.query(
        "SELECT column_name::text, data_type::text, is_generated = 'ALWAYS' FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
        &[&table],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let pg_name =
        |name: &str| if table == "claims_fts" && name == "rowid" { "claim_id".to_string() } else { name.into() };
    let wanted: BTreeSet<String> = names.iter().map(|n| pg_name(n)).collect();
    let missing: Vec<&str> = on_pg
        .iter()
        .filter(|(n, _, generated)| !generated && !wanted.contains(n) && !SERVER_ONLY.contains(&n.as_str()))
        .map(|(n, _, _)| n.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(format!("{table}: SQLite has no column {}", missing.join(", "))));
    }
    names
        .iter()
        .map(|name| {
            let target = pg_name(name);
            let (_, ty, _) = on_pg
                .iter()
                .find(|(n, _, _)| *n == target)
                .ok_or_else(|| Error::invalid(format!("{table}: the PostgreSQL ledger has no column {target}")))?;
            Ok(Column {
                lite: format!("\"{name}\""),
                pg: format!("\"{target}\""),
                json: ty == "jsonb",
                text: ty == "text" || ty == "character varying",
            })
        })
        .collect()
}

/// Whether `table`'s rows have an id to order them by (FTS5's rowid for claims_fts).
fn keyed(table: &str, columns: &[Column]) -> bool {
    table == "claims_fts" || columns.iter().any(|c| c.pg == "\"id\"")
}

/// Every row of `table` in `db`, in one order both engines agree on (by id, else by every column
/// in code-point order), handed to `visit` as the cells the other engine binds. The one place the
/// copier reads a ledger's rows: the copy and the comparison both read through it.
pub(super) fn each_row(
    db: Db<'_>,
    table: &str,
    columns: &[Column],
    mut visit: impl FnMut(Vec<Cell>) -> Result<()>,
) -> Result<()> {
    let dialect = db.dialect();
    let reads: Vec<String> = columns.iter().map(|c| c.read(dialect)).collect();
    let order: Vec<String> = match keyed(table, columns) {
        true => vec!["1".into()],
        false => columns.iter().map(|c| c.order(dialect)).collect(),
    };
    // On PostgreSQL, one newsroom's rows: the editor's own (not what coalitions share with it, which
    // is another newsroom's and in its chain), or those of the newsroom the owner works for.
    let sql = format!(
        "SELECT {} FROM {table} WHERE true{} ORDER BY {}",
        reads.join(", "),
        db.newsroom_only("org_id"),
        order.join(", ")
    );
    db.each(&sql, &[], |row| {
        let cells = (0..columns.len()).map(|i| row.get::<Cell>(i)).collect::<Result<Vec<_>>>()?;
        visit(cells)
    })
}

/// Rows per INSERT: fewer round trips, and well under either engine's limit on parameters.
const BATCH_ROWS: usize = 200;

fn copy_table(from: Db<'_>, to: Db<'_>, table: &str, columns: &[Column]) -> Result<u64> {
    let mut batch: Vec<Cell> = Vec::new();
    let mut copied = 0;
    each_row(from, table, columns, |cells| {
        batch.extend(cells);
        if batch.len() == BATCH_ROWS * columns.len() {
            copied += insert(to, table, columns, &batch)?;
            batch.clear();
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        copied += insert(to, table, columns, &batch)?;
    }
    Ok(copied)
}

fn insert(to: Db<'_>, table: &str, columns: &[Column], values: &[Cell]) -> Result<u64> {
    let dialect = to.dialect();
    let names: Vec<&str> = columns.iter().map(|c| c.name(dialect)).collect();
    let rows: Vec<String> = (0..values.len() / columns.len())
        .map(|r| {
            let cells: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(c, column)| column.bind(dialect, &format!("?{}", r * columns.len() + c + 1)))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES {}", names.join(", "), rows.join(", "));
    let params: Vec<&dyn Param> = values.iter().map(|v| v as &dyn Param).collect();
    to.execute(&sql, &params)
}

/// Moves `table`'s id counter on `to` past its highest id and past the source's `counter`, so the
/// next row gets the id the source would have given it. Returns that next id.
fn move_counter(to: Db<'_>, table: &str, counter: Option<i64>) -> Result<Option<i64>> {
    let has_id = match to {
        Db::Postgres(_) => pg_identity(to, table)?,
        Db::Sqlite(conn) => conn
            .query_row("SELECT count(*) FROM pragma_table_info(?1) WHERE name = 'id' AND pk = 1", [table], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n == 1)?,
    };
    if !has_id {
        return Ok(None);
    }
    let max: i64 = to.query_opt(&format!("SELECT coalesce(max(id), 0) FROM {table}"), &[], |r| r.get(0))?.unwrap_or(0);
    let last = max.max(counter.unwrap_or(0));
    if last == 0 {
        return Ok(None);
    }
    match to {
        Db::Postgres(_) => {
            to.query_opt("SELECT setval(pg_get_serial_sequence(?1, 'id'), ?2)", &[&table, &last], |r| r.get::<i64>(0))?;
        }
        Db::Sqlite(conn) => {
            let autoincrement: bool = conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1 AND sql LIKE '%AUTOINCREMENT%'",
                [table],
                |r| r.get::<_, i64>(0).map(|n| n == 1),
            )?;
            // Without AUTOINCREMENT SQLite's next id is the highest one's successor, as on the source.
            if autoincrement
                && to.execute("UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1", &[&table, &last])? == 0
            {
                to.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)", &[&table, &last])?;
            }
            if !autoincrement {
                return Ok(Some(max + 1));
            }
        }
    }
    Ok(Some(last + 1))
}

/// A cell as both engines hand it over: read from one, bound on the other, compared between them.
#[derive(Debug, PartialEq)]
pub(super) struct Cell(pub(super) Datum);

impl FromDatum for Cell {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        Ok(Cell(datum))
    }
}

impl Param for Cell {
    fn value(&self) -> Value<'_> {
        match &self.0 {
            Datum::Null => Value::Null,
            Datum::Integer(v) => Value::Integer(*v),
            Datum::Real(v) => Value::Real(*v),
            Datum::Text(t) => Value::Text(t),
            Datum::Bool(b) => Value::Bool(*b),
            Datum::Blob(b) => Value::Blob(b),
        }
    }
}

/// How ledger `b` differs from ledger `a` (one SQLite, one PostgreSQL), table by table and row by
/// row: empty when every row of every ledger table reads the same on both. What `migrate` and
/// `backup` check after a copy (`copy_ledger` does, in its source's snapshot). A table's rows are
/// read whole, so this wants memory for the largest table.
pub fn differences(a: Db<'_>, b: Db<'_>) -> Result<Vec<String>> {
    reading(a, |a| compare(a, b))
}

fn compare(a: Db<'_>, b: Db<'_>) -> Result<Vec<String>> {
    let (lite, pg) = ends(a, b)?;
    let mut out = Vec::new();
    for table in TABLES {
        let columns = columns(lite, pg.db(), table)?;
        let rows = |db: Db<'_>| {
            let mut rows: Vec<Vec<Cell>> = Vec::new();
            each_row(db, table, &columns, |cells| {
                rows.push(cells);
                Ok(())
            })?;
            Ok::<_, Error>(rows)
        };
        let (left, right) = (rows(a)?, rows(b)?);
        let (a_name, b_name) = (engine(a), engine(b));
        if left.len() != right.len() {
            out.push(format!(
                "{table}: {} rows in the {a_name} ledger, {} in the {b_name} one",
                left.len(),
                right.len()
            ));
            continue;
        }
        if let Some(at) = left.iter().zip(&right).position(|(l, r)| l != r) {
            let shown = |row: &[Cell]| format!("{:?}", row.first().map(|c| &c.0));
            out.push(format!(
                "{table}: row {} differs (first column {} in the {a_name} ledger, {} in the {b_name} one)",
                at + 1,
                shown(&left[at]),
                shown(&right[at])
            ));
        }
    }
    let (lite_totals, pg_totals) = (super::matching::sqlite_totals(lite)?, super::matching::totals(pg.db())?);
    if pg_totals.unwrap_or_default() != lite_totals {
        out.push(format!(
            "claims_fts_totals: {pg_totals:?} in the PostgreSQL ledger, {lite_totals:?} counted in the SQLite one's claims_fts"
        ));
    }
    Ok(out)
}
