//! One copy of the store's SQL for SQLite and PostgreSQL: a small rusqlite-shaped adapter (the PostgreSQL spike, docs/postgres-port.md).
//!
//! SQL is written once, in SQLite's `?N` placeholders; on PostgreSQL they become `$N`.
//! Parameters go in as [`Param`]s and cells come out as [`FromDatum`]s, so the same
//! call reads the same values from either engine. Inserts end in `RETURNING id`,
//! which both engines understand (SQLite since 3.35), instead of `last_insert_rowid`.
//! Where the dialects differ (string aggregation, case-insensitive ordering) the
//! caller picks a fragment with [`Db::dialect`].
//!
//! Over 400 lines with its tests: binding and reading every value type on both engines, and
//! mapping PostgreSQL's failures (constraints, locks, rights, lost connections) to the errors
//! SQLite's give, belong with the adapter that hands them out.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::types::{Format, IsNull, ToSql as PgToSql, Type};
use rusqlite::types::{ToSql as LiteToSql, ToSqlOutput, ValueRef};

use crate::error::{Error, Result};
use crate::model::{
    ArticleId, CitationId, CitationKind, ClaimId, ClaimStatus, EventId, Flag, LinkId, Medium, Rating, ReviewId,
    SourceId, SourceKind, Stage, Stance, VerdictId,
};

/// Which engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection to either engine, borrowed for one call or one transaction.
#[derive(Clone, Copy)]
pub enum Db<'c> {
    Sqlite(&'c rusqlite::Connection),
    Postgres(&'c Pg),
}

/// A PostgreSQL connection usable through `&self`, as rusqlite's is, with its prepared statements kept by SQL text.
pub struct Pg {
    client: RefCell<postgres::Client>,
    /// Every statement run on this connection: `None` once it has run once (unprepared), its
    /// prepared statement from its second run on ([`Pg::run`]).
    statements: RefCell<HashMap<String, Option<postgres::Statement>>>,
    /// The advisory lock a write takes: the server's ([`WRITE_LOCK`]), or one newsroom's chain.
    write_lock: Cell<i64>,
}

/// A value sent as a bound parameter.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Bool(bool),
    /// Bytes (an event's hash): SQLite's BLOB, PostgreSQL's `bytea`.
    Blob(&'a [u8]),
}

/// A value read from a cell, whichever engine it came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Datum {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Bool(bool),
    Blob(Vec<u8>),
}

/// What can be bound to a placeholder.
pub trait Param {
    fn value(&self) -> Value<'_>;
}

/// What a cell can be read as.
pub trait FromDatum: Sized {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String>;
}

/// One row of a result, from either engine.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// The cell at `index` (0-based) as a `T`.
    pub fn get<T: FromDatum>(&self, index: usize) -> Result<T> {
        let datum = match self {
            Row::Sqlite(row) => match row.get_ref(index)? {
                ValueRef::Null => Datum::Null,
                ValueRef::Integer(v) => Datum::Integer(v),
                ValueRef::Real(v) => Datum::Real(v),
                ValueRef::Text(t) => Datum::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Datum::Blob(b.to_vec()),
            },
            Row::Postgres(row) => pg_datum(row, index)?,
        };
        T::from_datum(datum).map_err(|e| Error::Internal(format!("column {index}: {e}")))
    }
}

fn pg_datum(row: &postgres::Row, index: usize) -> Result<Datum> {
    let column = row.columns().get(index).ok_or_else(|| Error::Internal(format!("no column {index}")))?;
    let ty = column.type_().clone();
    let got = |e: postgres::Error| Error::Internal(format!("column {index} ({ty}): {e}"));
    let datum = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(index).map_err(got)?.map(Datum::Integer),
        Type::INT4 => row.try_get::<_, Option<i32>>(index).map_err(got)?.map(|v| Datum::Integer(v.into())),
        Type::INT2 => row.try_get::<_, Option<i16>>(index).map_err(got)?.map(|v| Datum::Integer(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(index).map_err(got)?.map(Datum::Real),
        Type::BOOL => row.try_get::<_, Option<bool>>(index).map_err(got)?.map(Datum::Bool),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(index).map_err(got)?.map(Datum::Text)
        }
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(index).map_err(got)?.map(Datum::Blob),
        Type::JSON | Type::JSONB => row.try_get::<_, Option<JsonCell>>(index).map_err(got)?.map(|cell| cell.0),
        other => {
            return Err(Error::Internal(format!("column {index} has type {other}, which the adapter does not read")));
        }
    };
    Ok(datum.unwrap_or(Datum::Null))
}

/// A `json`/`jsonb` cell read as the value SQLite's dynamically typed (`ANY`) column holds for
/// it: a JSON number as an integer or a real, a string as text (the PostgreSQL schema keeps the
/// reviews' rating cells as jsonb so that 5, 4.5 and "2/7" keep their types).
struct JsonCell(Datum);

impl<'a> postgres::types::FromSql<'a> for JsonCell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        // jsonb's binary form is a version byte (1) and the JSON text; json's is the text.
        let text = match (ty, raw.split_first()) {
            (&Type::JSONB, Some((1, rest))) => rest,
            (&Type::JSONB, _) => return Err("a jsonb cell in an unknown format".into()),
            _ => raw,
        };
        let value: serde_json::Value = serde_json::from_slice(text)?;
        Ok(JsonCell(match value {
            serde_json::Value::Null => Datum::Null,
            serde_json::Value::Bool(b) => Datum::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(v) => Datum::Integer(v),
                None => Datum::Real(n.as_f64().ok_or("a JSON number out of range")?),
            },
            serde_json::Value::String(t) => Datum::Text(t),
            other => Datum::Text(other.to_string()),
        }))
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::JSON | Type::JSONB)
    }
}

impl<'c> Db<'c> {
    /// The SQLite connection, for code that is SQLite's alone; on PostgreSQL a clear refusal
    /// naming `what` needs SQLite (never a panic).
    pub fn sqlite(self, what: &str) -> Result<&'c rusqlite::Connection> {
        match self {
            Db::Sqlite(conn) => Ok(conn),
            Db::Postgres(_) => {
                Err(Error::Invalid(format!("{what} is SQLite's alone: this does not run on a PostgreSQL ledger yet")))
            }
        }
    }
}

impl Db<'_> {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// `AND {column} = my_newsroom()` on PostgreSQL, where each newsroom's rows and audit chain are its
    /// own, for what must read one newsroom only even as the owner (who bypasses row-level security):
    /// a chain's head, and `verify`'s events and rows. Nothing on SQLite, one desk's file.
    pub fn newsroom_only(&self, column: &str) -> String {
        match self {
            Db::Sqlite(_) => String::new(),
            Db::Postgres(_) => format!(" AND {column} = my_newsroom()"),
        }
    }

    /// Which of `ids` in `table` are the newsroom's own: all of them on SQLite, one desk's file. On a
    /// server, a coalition's newsrooms also read what the others share with it.
    pub fn own_ids(&self, table: &str, ids: &[i64]) -> Result<Vec<i64>> {
        if self.dialect() == Dialect::Sqlite || ids.is_empty() {
            return Ok(ids.to_vec());
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let sql = format!(
            "SELECT id FROM {table} WHERE id = ANY(CAST(string_to_array(?1, ',') AS BIGINT[])){} ORDER BY id",
            self.newsroom_only("org_id")
        );
        self.query(&sql, &[&list.join(",")], |r| r.get(0))
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        match self {
            Db::Sqlite(conn) => {
                let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
                Ok(conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(values))? as u64)
            }
            Db::Postgres(pg) => {
                let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
                pg.run(&values, sql, |c, sql, p| c.execute_typed(sql, p), |c, statement, p| c.execute(statement, p))
            }
        }
    }

    /// Every row of a query, each turned into a `T` by `map`.
    pub fn query<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut map: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let mut rows = statement.query(rusqlite::params_from_iter(values))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(map(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Db::Postgres(pg) => {
                let rows = pg.rows_of(&values, sql)?;
                rows.iter().map(|row| map(&Row::Postgres(row))).collect()
            }
        }
    }

    /// The first row of a query, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        map: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        // Both engines stop at the first row on their own only with a LIMIT; the store's lookups are by key.
        Ok(self.query(sql, params, map)?.into_iter().next())
    }

    /// Inserts one row with a statement ending in `RETURNING id`; the new row's id.
    ///
    /// SQLite runs the statement without its `RETURNING` clause and reads the connection's last
    /// rowid: a `RETURNING` clause makes SQLite open, fill and drop a temporary table for every
    /// row, a fifth of a bulk import's time. (Inserts made by triggers do not change the last
    /// rowid once the statement is done, so it is this statement's row.)
    pub fn insert(&self, sql: &str, params: &[&dyn Param]) -> Result<i64> {
        let no_row = || Error::Internal("an INSERT … RETURNING id returned no row".into());
        match self {
            Db::Sqlite(conn) => {
                let Some(plain) = sql.trim_end().strip_suffix("RETURNING id") else {
                    return Err(Error::Internal(format!("not an INSERT … RETURNING id: {sql}")));
                };
                let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
                match conn.prepare_cached(plain)?.execute(rusqlite::params_from_iter(values))? {
                    1 => Ok(conn.last_insert_rowid()),
                    _ => Err(no_row()),
                }
            }
            Db::Postgres(_) => self.query_opt(sql, params, |row| row.get(0))?.ok_or_else(no_row),
        }
    }

    /// Calls `visit` with every row of a query in turn, without collecting them: the big scans
    /// (`verify`, an import's digest). On SQLite the rows stream from the file. On PostgreSQL
    /// they are read whole first for now (streaming there needs a portal: docs/postgres-port.md
    /// item 18), so `visit` may query the same connection on either engine.
    pub fn each(&self, sql: &str, params: &[&dyn Param], mut visit: impl FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
        let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let mut rows = statement.query(rusqlite::params_from_iter(values))?;
                while let Some(row) = rows.next()? {
                    visit(&Row::Sqlite(row))?;
                }
                Ok(())
            }
            Db::Postgres(pg) => {
                let rows = pg.rows_of(&values, sql)?;
                rows.iter().try_for_each(|row| visit(&Row::Postgres(row)))
            }
        }
    }
}

impl Pg {
    /// Connects with a `postgres://` URL or a `host=… dbname=…` string.
    pub fn connect(params: &str) -> Result<Pg> {
        let client = postgres::Client::connect(params, postgres::NoTls).map_err(|e| {
            Error::invalid(format!("cannot connect to PostgreSQL ({}): {}", without_password(params), plain(&e)))
        })?;
        Ok(Pg {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            write_lock: Cell::new(WRITE_LOCK),
        })
    }

    pub fn db(&self) -> Db<'_> {
        Db::Postgres(self)
    }

    /// Runs statements without parameters (a schema file, SET …).
    pub fn batch(&self, sql: &str) -> Result<()> {
        self.client.borrow_mut().batch_execute(sql).map_err(pg_error)
    }

    /// Writes from now on lock only newsroom `org`'s chain: each newsroom's events chain on their own,
    /// so newsrooms write side by side while one newsroom's writers still append one at a time.
    pub fn lock_newsroom(&self, org: i64) {
        self.write_lock.set(WRITE_LOCK ^ org);
    }

    /// `work` in one transaction that holds the ledger's write lock, as SQLite's BEGIN IMMEDIATE does:
    /// writers queue (for at most `lock_timeout_ms`), readers never wait. Committed when `work` succeeds.
    pub fn write<T>(&self, lock_timeout_ms: u64, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.transaction(lock_timeout_ms, true, work)
    }

    /// [`Pg::write`], committed when `commit` and `work` succeeds, rolled back otherwise
    /// (`Store::rehearse`: what a write would do, without doing it).
    pub fn transaction<T>(
        &self,
        lock_timeout_ms: u64,
        commit: bool,
        work: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        // One round trip: the lock is taken before `work` reads the chain's head.
        let begun = self.batch(&format!(
            "BEGIN; SET LOCAL lock_timeout = {lock_timeout_ms}; SELECT pg_advisory_xact_lock({})",
            self.write_lock.get()
        ));
        let out = begun.and_then(|()| work(&self.db()));
        match out {
            Ok(value) if commit => {
                // A connection lost here may have lost only the reply: the server may have committed.
                self.client.borrow_mut().batch_execute("COMMIT").map_err(|e| {
                    if connection_lost(&e) {
                        Error::Invalid(format!(
                            "lost the connection to PostgreSQL while committing ({}): the write may have landed; \
                             look (`claimtrack history`) before running it again",
                            plain(&e)
                        ))
                    } else {
                        pg_error(e)
                    }
                })?;
                Ok(value)
            }
            Ok(value) => {
                self.batch("ROLLBACK")?;
                Ok(value)
            }
            Err(e) => {
                // A broken connection cannot roll back; the server does so when it notices.
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// `read` inside one read-only REPEATABLE READ transaction: everything it reads is as of one
    /// moment, and writers never wait for it (what a read transaction is on SQLite in WAL mode).
    pub fn snapshot<T>(&self, read: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        let out = read(&self.db());
        // Nothing was written: ending it either way releases the snapshot.
        let end = self.batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let out = out?;
        end?;
        Ok(out)
    }

    /// Every row of a query as the `postgres` crate's own typed rows (through the statement cache),
    /// for a hot path that reads its cells without the adapter's owned [`Datum`]s: a whole-ledger
    /// load's claims and citations, where those cost more than the server's scan.
    pub fn rows(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<postgres::Row>> {
        let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
        self.rows_of(&values, sql)
    }

    fn rows_of(&self, values: &[Value<'_>], sql: &str) -> Result<Vec<postgres::Row>> {
        self.run(values, sql, |c, sql, p| c.query_typed(sql, p), |c, statement, p| c.query(statement, p))
    }

    /// Runs `sql` (with `?N` as `$N`) with `values`. The first time this connection sees `sql` it
    /// goes as an unnamed statement, `once`: parsed, bound and run in one round trip, each value
    /// sent as text for the server to read as the type it infers for that place (what libpq's
    /// `PQexecParams` does), where preparing first would cost a round trip more. From its second
    /// run on it is prepared and kept, `prepared`: the values go in the binary form of the types
    /// the server inferred, and repeated runs (an import's inserts) keep their plan. A whole-process
    /// `claim add` runs about 40 statements, most of them once: this saves it 25 round trips.
    fn run<T>(
        &self,
        values: &[Value<'_>],
        sql: &str,
        once: impl FnOnce(&mut postgres::Client, &str, &[(&(dyn PgToSql + Sync), Type)]) -> PgResult<T>,
        prepared: impl FnOnce(&mut postgres::Client, &postgres::Statement, &[&(dyn PgToSql + Sync)]) -> PgResult<T>,
    ) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let seen = self.statements.borrow().get(sql).cloned();
        let statement = match seen {
            None => {
                self.statements.borrow_mut().insert(sql.to_string(), None);
                let typed: Vec<(&(dyn PgToSql + Sync), Type)> =
                    values.iter().map(|v| (v as &(dyn PgToSql + Sync), Type::UNKNOWN)).collect();
                return once(&mut client, &dollar_placeholders(sql), &typed).map_err(pg_error);
            }
            Some(Some(statement)) => statement,
            Some(None) => {
                let statement = client.prepare(&dollar_placeholders(sql)).map_err(pg_error)?;
                self.statements.borrow_mut().insert(sql.to_string(), Some(statement.clone()));
                statement
            }
        };
        prepared(&mut client, &statement, &pg_params(values)).map_err(pg_error)
    }
}

type PgResult<T> = std::result::Result<T, postgres::Error>;

/// A connection string fit for an error line: any password in it (`user:secret@` in a URL,
/// `password=secret` in a URL's query or a `key=value` string) shown as `***`.
pub fn without_password(params: &str) -> String {
    let mut out = params.to_string();
    if let Some(rest) = ["postgres://", "postgresql://"].iter().find_map(|scheme| params.strip_prefix(scheme)) {
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        if let Some((info, _)) = authority.rsplit_once('@')
            && let Some((user, _)) = info.split_once(':')
        {
            let at = params.len() - rest.len();
            out.replace_range(at + user.len() + 1..at + info.len(), "***");
        }
    }
    let mut from = 0;
    while let Some(at) = out[from..].find("password").map(|i| from + i) {
        let after = out[at + "password".len()..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            from = at + 1;
            continue;
        };
        let value = value.trim_start();
        let start = out.len() - value.len();
        let len = match value.strip_prefix('\'') {
            Some(quoted) => quoted.find('\'').map_or(value.len(), |i| i + 2),
            None => value.find(|c: char| c.is_whitespace() || c == '&').unwrap_or(value.len()),
        };
        out.replace_range(start..start + len, "***");
        from = start + 3;
    }
    out
}

/// The advisory lock key every write takes: "claimtrk" as a number.
const WRITE_LOCK: i64 = i64::from_be_bytes(*b"claimtrk");

/// SQLite's `?N` placeholders as PostgreSQL's `$N`, leaving string literals, quoted names and comments alone.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            c => out.push(c),
        }
    }
    out
}

fn pg_params<'v>(values: &'v [Value<'v>]) -> Vec<&'v (dyn PgToSql + Sync)> {
    values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

/// The placeholders of a multi-row `VALUES` list: `rows` tuples of `columns` values each,
/// numbered from `?1` in order (`(?1, ?2), (?3, ?4)`), for one INSERT where a statement per
/// row would be a round trip per row on a server. Keep `rows × columns` under SQLite's 32,766.
pub fn values_list(rows: usize, columns: usize) -> String {
    let row = |r: usize| {
        let cells: Vec<String> = (1..=columns).map(|c| format!("?{}", r * columns + c)).collect();
        format!("({})", cells.join(", "))
    };
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// PostgreSQL's failures as the errors `classify` gives for SQLite's.
fn pg_error(error: postgres::Error) -> Error {
    let message = plain(&error);
    if let Some(refused) = another_newsrooms(&error) {
        return refused;
    }
    match error.code() {
        Some(code)
            if *code == SqlState::CHECK_VIOLATION
                || *code == SqlState::UNIQUE_VIOLATION
                || *code == SqlState::FOREIGN_KEY_VIOLATION
                || *code == SqlState::NOT_NULL_VIOLATION
                // What the schema's refuse_change() triggers raise (SQLite's RAISE(ABORT, …)).
                || *code == SqlState::RESTRICT_VIOLATION =>
        {
            Error::Invalid(format!("rejected by the ledger: {message}"))
        }
        Some(code) if *code == SqlState::LOCK_NOT_AVAILABLE => {
            Error::Invalid(format!("the ledger is locked by another writer; try again ({message})"))
        }
        Some(code) if *code == SqlState::INSUFFICIENT_PRIVILEGE => Error::Invalid(format!("not allowed: {message}")),
        _ if connection_lost(&error) => {
            Error::Invalid(format!("lost the connection to PostgreSQL ({message}); nothing was committed: try again"))
        }
        _ => Error::Internal(format!("database error: {message}")),
    }
}

/// A reference to another newsroom's record, refused by a `*_same_newsroom` foreign key
/// (schema-postgres.sql, migration 4), as one line that says what and why.
fn another_newsrooms(error: &postgres::Error) -> Option<Error> {
    let db = error.as_db_error().filter(|db| *db.code() == SqlState::FOREIGN_KEY_VIOLATION)?;
    let constraint = db.constraint()?.strip_suffix("_same_newsroom")?;
    let what = ["source", "article", "claim", "verdict"]
        .into_iter()
        .find(|what| constraint.ends_with(&format!("{what}_id")))
        .or_else(|| constraint.ends_with("publisher_id").then_some("source"))
        .or_else(|| constraint.ends_with("reviewer_id").then_some("source"))
        .unwrap_or("record");
    // "Key (target_claim_id, org_id)=(1, 2) is not present …", where the role may read the table
    // past row-level security (the owner); an editor is told less, and the message names no id.
    let named = match db.detail().and_then(|d| d.split(")=(").nth(1)).and_then(|v| v.split(',').next()) {
        Some(id) => format!("{what} {id}"),
        None => format!("the {what} it refers to"),
    };
    Some(Error::Invalid(format!(
        "{named} is another newsroom's: what a coalition shares can be read, but a newsroom's records \
         refer only to its own (add your own {what}, or ask its newsroom to record this)"
    )))
}

/// Whether the session is gone: the server ended it (a shutdown or restart, a crash, a
/// terminated backend) or the connection broke. Whatever was not committed was rolled back.
fn connection_lost(error: &postgres::Error) -> bool {
    let ended = [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW];
    error.is_closed()
        || error.code().is_some_and(|code| ended.contains(code) || code.code().starts_with("08"))
        || std::error::Error::source(error).is_some_and(|cause| cause.is::<std::io::Error>())
}

/// The server's own message, without the crate's wrapping; otherwise the crate's, with its cause
/// ("error connecting to server: No such file or directory").
fn plain(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut message = error.to_string();
            let mut cause = std::error::Error::source(error);
            while let Some(inner) = cause {
                let said = inner.to_string();
                if !message.contains(&said) {
                    message = format!("{message}: {said}");
                }
                cause = inner.source();
            }
            message
        }
    }
}

impl Value<'_> {
    /// The value in PostgreSQL's text form, which the server reads as whatever type it infers for
    /// the parameter (as it reads a literal): integers and reals in decimal (Rust prints the shortest
    /// digits that read back as the same f64), booleans `t`/`f`, bytes as `\x` and hex.
    fn write_text(&self, out: &mut BytesMut) -> IsNull {
        use std::fmt::Write;
        let written = match *self {
            Value::Null => return IsNull::Yes,
            Value::Integer(v) => write!(out, "{v}"),
            Value::Real(v) if v.is_nan() => write!(out, "NaN"),
            Value::Real(v) if v.is_infinite() => write!(out, "{}Infinity", if v < 0.0 { "-" } else { "" }),
            Value::Real(v) => write!(out, "{v}"),
            Value::Text(t) => write!(out, "{t}"),
            Value::Bool(b) => write!(out, "{}", if b { "t" } else { "f" }),
            Value::Blob(b) => {
                out.extend_from_slice(b"\\x");
                b.iter().try_for_each(|byte| write!(out, "{byte:02x}"))
            }
        };
        // Writing to a BytesMut cannot fail.
        debug_assert!(written.is_ok());
        IsNull::No
    }
}

impl LiteToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Integer(v) => ToSqlOutput::from(v),
            Value::Real(v) => ToSqlOutput::from(v),
            Value::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Value::Bool(b) => ToSqlOutput::from(b),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl PgToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        if *ty == Type::UNKNOWN {
            return Ok(self.write_text(out));
        }
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(v) => match *ty {
                Type::INT8 => PgToSql::to_sql(&v, ty, out),
                Type::INT4 => PgToSql::to_sql(&i32::try_from(v)?, ty, out),
                Type::INT2 => PgToSql::to_sql(&i16::try_from(v)?, ty, out),
                _ => Err(format!("an integer cannot be bound where PostgreSQL expects {ty}").into()),
            },
            Value::Real(v) if *ty == Type::FLOAT8 => PgToSql::to_sql(&v, ty, out),
            Value::Text(t) if <&str as PgToSql>::accepts(ty) => PgToSql::to_sql(&t, ty, out),
            Value::Bool(b) if *ty == Type::BOOL => PgToSql::to_sql(&b, ty, out),
            Value::Blob(b) if *ty == Type::BYTEA => PgToSql::to_sql(&b, ty, out),
            _ => Err(format!("{self:?} cannot be bound where PostgreSQL expects {ty}").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    /// Text for a parameter whose type the server infers ([`Pg::run`]'s unprepared statements).
    fn encode_format(&self, ty: &Type) -> Format {
        if *ty == Type::UNKNOWN { Format::Text } else { Format::Binary }
    }

    postgres::types::to_sql_checked!();
}

impl Param for i64 {
    fn value(&self) -> Value<'_> {
        Value::Integer(*self)
    }
}

impl Param for f64 {
    fn value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

/// Counts and limits; a count beyond `i64::MAX` cannot exist in a ledger.
impl Param for usize {
    fn value(&self) -> Value<'_> {
        Value::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Param::value)
    }
}

impl FromDatum for i64 {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Integer(v) => Ok(v),
            other => Err(format!("expected an integer, found {other:?}")),
        }
    }
}

impl FromDatum for String {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Text(t) => Ok(t),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}

/// SQLite keeps booleans as 0 and 1; PostgreSQL has its own type. Both read as `bool`.
impl FromDatum for bool {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Bool(b) => Ok(b),
            Datum::Integer(v @ (0 | 1)) => Ok(v == 1),
            other => Err(format!("expected a boolean, found {other:?}")),
        }
    }
}

impl FromDatum for f64 {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Real(v) => Ok(v),
            Datum::Integer(v) => Ok(v as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}

impl FromDatum for Vec<u8> {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Blob(b) => Ok(b),
            other => Err(format!("expected bytes, found {other:?}")),
        }
    }
}

impl<T: FromDatum> FromDatum for Option<T> {
    fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
        match datum {
            Datum::Null => Ok(None),
            other => T::from_datum(other).map(Some),
        }
    }
}

macro_rules! id_datum {
    ($($name:ident),* $(,)?) => {$(
        impl Param for $name {
            fn value(&self) -> Value<'_> {
                Value::Integer(self.0)
            }
        }
        impl FromDatum for $name {
            fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
                i64::from_datum(datum).map($name)
            }
        }
    )*};
}

id_datum!(SourceId, ArticleId, ClaimId, CitationId, LinkId, VerdictId, EventId, ReviewId);

macro_rules! word_datum {
    ($($name:ident),* $(,)?) => {$(
        impl Param for $name {
            fn value(&self) -> Value<'_> {
                Value::Text(self.as_str())
            }
        }
        impl FromDatum for $name {
            fn from_datum(datum: Datum) -> std::result::Result<Self, String> {
                let text = String::from_datum(datum)?;
                $name::parse(&text).ok_or_else(|| format!("unknown {} {text:?}", stringify!($name)))
            }
        }
    )*};
}

word_datum!(SourceKind, CitationKind, Stance, Rating, Flag, ClaimStatus, Stage, Medium);

#[cfg(test)]
mod tests {
    use super::{Db, Pg, dollar_placeholders, values_list};
    use crate::error::Error;
    use crate::model::{SourceId, SourceKind};
    use crate::ops::sources::{self as ops, SourceRequest};
    use crate::store::sources::{self, NewSource};
    use crate::store::{Author, OpenMode, Store};

    /// Sources whose names sort differently under byte order, ASCII folding and a locale.
    fn requests() -> Vec<SourceRequest> {
        let source = |name: &str, kind, url: Option<&str>, aliases: &[&str]| SourceRequest {
            name: name.into(),
            kind,
            url: url.map(String::from),
            note: Some(format!("about {name}")),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        };
        vec![
            source("Reuters", SourceKind::Agency, Some("https://www.reuters.com"), &["Thomson Reuters", "RTRS"]),
            source("alpha Institute", SourceKind::Organization, None, &[]),
            source("Élysée", SourceKind::Government, None, &["Présidence", "elysee"]),
            source("_press office", SourceKind::Government, None, &[]),
            source("ärzte ohne grenzen", SourceKind::Organization, None, &["MSF", "Médecins Sans Frontières"]),
            source("Zeta", SourceKind::Person, None, &["z"]),
            source("REUTERS Health", SourceKind::Outlet, None, &["Reuters health desk"]),
            source("zeta", SourceKind::Person, Some("https://example.org/zeta/"), &[]),
        ]
    }

    /// The same calls through the adapter on SQLite (the CLI's own path, audit included)
    /// and on PostgreSQL (the store functions alone): the same ids, rows and order.
    /// The server `CLAIMTRACK_TEST_PG` names, or None to skip: on a workstation without one the test
    /// is skipped; under CI (where .ci/run starts one) a missing server fails it, as tests/common's
    /// `tool_missing` does for the integration tests.
    fn test_server() -> Option<String> {
        match std::env::var("CLAIMTRACK_TEST_PG") {
            Ok(target) if !target.is_empty() => Some(target),
            _ => {
                let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
                assert!(!ci, "CI must have a PostgreSQL server: run the tests under .ci/pg-cluster run");
                eprintln!("skipping: CLAIMTRACK_TEST_PG names no PostgreSQL server (.ci/pg-cluster run cargo test)");
                None
            }
        }
    }

    #[test]
    fn pg_spike_sources_agree_on_both_backends() {
        let Some(target) = test_server() else { return };
        let author = Author { editor: "spike".into(), at: "2026-11-27T13:00:00Z".into(), command: "source add".into() };

        let dir = tempfile::tempdir().unwrap();
        let mut lite = Store::open(&dir.path().join("ledger.db"), OpenMode::Create, 5_000).unwrap();
        let pg = Pg::connect(&target).unwrap();
        pg.batch("DROP SCHEMA IF EXISTS spike CASCADE; CREATE SCHEMA spike; SET search_path = spike").unwrap();
        crate::store::migrate_pg::run(&pg, "the spike's schema", 5_000).unwrap();
        // As the owner, working for one newsroom (schema-postgres.sql, migration 3).
        let desk = crate::store::orgs::add(pg.db(), "desk", "newsroom", &author.at).unwrap();
        pg.batch(&format!("SET claimtrack.org = '{}'", desk.id)).unwrap();

        for request in requests() {
            let on_lite = ops::add(&mut lite, &author, &request).unwrap();
            let new = NewSource {
                name: &request.name,
                kind: request.kind,
                url: request.url.as_deref(),
                note: request.note.as_deref(),
            };
            let on_pg = pg
                .write(5_000, |db| {
                    let id = SourceId(sources::insert_source(*db, &new, &author.at)?);
                    for alias in &request.aliases {
                        sources::insert_alias(*db, id, alias.trim(), &author.at)?;
                    }
                    sources::get(*db, id)
                })
                .unwrap();
            assert_eq!(json(&on_lite), json(&on_pg));
        }

        for kind in [None, Some(SourceKind::Person), Some(SourceKind::Government), Some(SourceKind::Anonymous)] {
            let on_lite = sources::list(lite.db(), kind).unwrap();
            let on_pg = sources::list(pg.db(), kind).unwrap();
            assert_eq!(json(&on_lite), json(&on_pg), "sources::list({kind:?})");
        }
        let names: Vec<String> = sources::list(pg.db(), None).unwrap().into_iter().map(|(s, _)| s.name).collect();
        assert_eq!(
            names,
            [
                "_press office",
                "alpha Institute",
                "Reuters",
                "REUTERS Health",
                "Zeta",
                "zeta",
                "Élysée",
                "ärzte ohne grenzen"
            ]
        );

        // What an engine rejects leaves nothing behind, on both, with the same kind of error.
        let blank = NewSource { name: "   ", kind: SourceKind::Person, url: None, note: None };
        let lite_err = lite.write(&author, |tx| sources::insert_source(tx.db(), &blank, "x")).unwrap_err();
        let pg_err = pg.write(5_000, |db| sources::insert_source(*db, &blank, "x")).unwrap_err();
        assert!(matches!(lite.classify(lite_err), Error::Invalid(m) if m.contains("CHECK constraint failed")));
        assert!(matches!(&pg_err, Error::Invalid(m) if m.contains("violates check constraint")), "{pg_err}");
        let twice = |db: Db<'_>| {
            let id = SourceId(sources::insert_source(db, &blank_free("Twice"), "x")?);
            sources::insert_alias(db, id, "TWICE again", "x")?;
            sources::insert_alias(db, id, "twice AGAIN", "x")
        };
        let lite_err = lite.write(&author, |tx| twice(tx.db())).unwrap_err();
        let pg_err = pg.write(5_000, |db| twice(*db)).unwrap_err();
        assert!(matches!(lite.classify(lite_err), Error::Invalid(m) if m.contains("UNIQUE constraint failed")));
        assert!(matches!(&pg_err, Error::Invalid(m) if m.contains("duplicate key")), "{pg_err}");
        let after_lite = json(&sources::list(lite.db(), None).unwrap());
        assert_eq!(after_lite, json(&sources::list(pg.db(), None).unwrap()));
        assert_eq!(sources::list(pg.db(), None).unwrap().len(), requests().len());

        // The next id after the rolled-back writes: SQLite reuses nothing, PostgreSQL's sequence moved on.
        let next = NewSource { name: "After", kind: SourceKind::Person, url: None, note: None };
        let lite_id = lite.write(&author, |tx| sources::insert_source(tx.db(), &next, "x")).unwrap();
        let pg_id = pg.write(5_000, |db| sources::insert_source(*db, &next, "x")).unwrap();
        assert_eq!(lite_id, requests().len() as i64 + 1);
        assert_eq!(pg_id, requests().len() as i64 + 3, "two ids spent by the two rolled-back inserts");
    }

    fn blank_free(name: &str) -> NewSource<'_> {
        NewSource { name, kind: SourceKind::Person, url: None, note: None }
    }

    fn json(value: &impl serde::Serialize) -> String {
        serde_json::to_string_pretty(value).unwrap()
    }

    #[test]
    fn connection_strings_lose_their_passwords_in_error_lines() {
        use super::without_password;
        assert_eq!(
            without_password("postgres://desk:s3cr:et@db.example/claims"),
            "postgres://desk:***@db.example/claims"
        );
        assert_eq!(without_password("postgresql://desk@db.example/claims"), "postgresql://desk@db.example/claims");
        assert_eq!(
            without_password("postgres://desk@db/claims?password=hunter2&sslmode=disable"),
            "postgres://desk@db/claims?password=***&sslmode=disable"
        );
        assert_eq!(
            without_password("host=db dbname=claims password = 'a b' user=desk"),
            "host=db dbname=claims password = *** user=desk"
        );
        assert_eq!(without_password("host=/tmp/pg dbname=claimtrack"), "host=/tmp/pg dbname=claimtrack");
    }

    #[test]
    fn placeholders_become_dollars_outside_literals_and_comments() {
        assert_eq!(
            dollar_placeholders("SELECT '?1', \"a?2\", x FROM t -- ?3\nWHERE a = ?1 AND b IN (?2, ?10)"),
            "SELECT '?1', \"a?2\", x FROM t -- ?3\nWHERE a = $1 AND b IN ($2, $10)"
        );
    }

    #[test]
    fn a_values_list_numbers_its_placeholders_row_by_row() {
        assert_eq!(values_list(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
        assert_eq!(values_list(1, 1), "(?1)");
    }
}
