//! The bench's one way onto PostgreSQL: a fresh schema per ledger on the server `--pg` names,
//! the SQLite ledger copied into it with `claimtrack migrate`, and the connection string the
//! timed `claimtrack` processes use; the schema is dropped when the ledger is.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{Res, step};

/// An SQLite ledger's copy on the server, in a schema of its own.
pub struct PgLedger {
    /// What the timed commands get as `--db`.
    pub conninfo: String,
    /// The schema the copy lives in (dropped on drop).
    pub schema: String,
    /// How long `claimtrack migrate` took, and the housekeeping after it.
    pub copy: Duration,
    pub vacuum: Duration,
    /// The server's `version()`, for the printout.
    pub version: String,
    admin: postgres::Client,
    /// The editor role the timed commands connect as (dropped with the schema).
    editor: String,
    /// Leave the schema on the server (`--keep`).
    keep: bool,
}

/// Copies the SQLite ledger `from` into a new schema `name` on `server` and returns how the timed
/// processes reach it. Every PostgreSQL connection the bench makes is set up here: the copy runs
/// as the server's owner (for newsroom `desk`), then `org editor` makes a role of the newsroom's
/// and the timed commands connect as that editor, under row-level security, as a desk's would.
///
/// After the copy the tables are `VACUUM ANALYZE`d, which autovacuum does by itself shortly after
/// a bulk load: without it the planner has no statistics and no index-only scan is possible (the
/// visibility map is empty), so the first minutes after a `migrate` are not what a desk sees.
pub fn ledger_on_server(binary: &Path, server: &str, name: &str, from: &Path) -> Res<PgLedger> {
    let mut admin = pg_step("connect to PostgreSQL", postgres::Client::connect(server, postgres::NoTls))?;
    // Left over from an interrupted run of the same size: start afresh.
    pg_step(
        "create schema",
        admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}")),
    )?;
    let version: String = pg_step("server version", admin.query_one("SELECT version()", &[]))?.get(0);
    let huge_pages: String = pg_step("huge_pages", admin.query_one("SHOW huge_pages", &[]))?.get(0);
    let version = format!("{version}; huge_pages={huge_pages}{}", local_huge_pages());
    let owner = confined(server, name);
    // A new role name each run: a pooler keeps server processes logged in as a role, and after
    // the last run dropped one of the same name it would hand them to this run's new role.
    let editor = format!("{name}_editor_{}", std::process::id());
    let started = Instant::now();
    let out = step(
        "claimtrack migrate",
        Command::new(binary)
            .env_remove("CLAIMTRACK_DB")
            .args(["--editor", crate::EDITOR, "migrate", "--from"])
            .arg(from)
            .args(["--to", &owner])
            .output(),
    )?;
    let copy = started.elapsed();
    if !out.status.success() {
        return Err(format!("claimtrack migrate to {name} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let out = step(
        "claimtrack org editor",
        Command::new(binary)
            .env_remove("CLAIMTRACK_DB")
            .args(["--db", &owner, "org", "editor", &editor, "--org", "desk"])
            .output(),
    )?;
    if !out.status.success() {
        return Err(format!("claimtrack org editor on {name} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let conninfo = as_role(&owner, &editor);
    let mut ledger = PgLedger {
        conninfo,
        schema: name.to_string(),
        copy,
        vacuum: Duration::ZERO,
        version,
        admin,
        editor,
        keep: false,
    };
    let started = Instant::now();
    let tables = pg_step(
        "list the copy's tables",
        ledger.admin.query("SELECT tablename::text FROM pg_tables WHERE schemaname = $1 ORDER BY 1", &[&name]),
    )?;
    let tables: Vec<String> = tables.iter().map(|row| format!("{name}.{}", row.get::<_, String>(0))).collect();
    // VACUUM runs outside a transaction: one statement alone.
    pg_step("vacuum analyze", ledger.admin.batch_execute(&format!("VACUUM (ANALYZE) {}", tables.join(", "))))?;
    ledger.vacuum = started.elapsed();
    Ok(ledger)
}

/// What this machine has reserved of huge pages, which a server on it with `huge_pages=try` (the
/// default) maps its shared memory with: each new server process then has far fewer pages to
/// fault in (README, "SQLite and PostgreSQL side by side").
fn local_huge_pages() -> String {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field =
        |name: &str| meminfo.lines().find_map(|l| l.strip_prefix(name)?.trim().split(' ').next()?.parse::<u64>().ok());
    match (field("HugePages_Total:"), field("HugePages_Free:"), field("HugePages_Rsvd:")) {
        (Some(0), ..) => "; this machine reserves no huge pages".into(),
        (Some(total), Some(free), Some(reserved)) => {
            format!("; this machine: {total} huge pages, {} in use or reserved", total - free + reserved)
        }
        _ => String::new(),
    }
}

/// Prefixes a PostgreSQL error with the step that failed, with the server's own message.
fn pg_step<T>(what: &str, result: Result<T, postgres::Error>) -> Res<T> {
    result.map_err(|e| match e.as_db_error() {
        Some(db) => format!("{what}: {}", db.message()),
        None => format!("{what}: {e}"),
    })
}

/// The server's connection string with `name` as the search path (as tests/common/postgres.rs's `Schema::conninfo`).
fn confined(server: &str, name: &str) -> String {
    if server.starts_with("postgres://") || server.starts_with("postgresql://") {
        let joiner = if server.contains('?') { '&' } else { '?' };
        format!("{server}{joiner}options=-csearch_path%3D{name}")
    } else {
        format!("{server} options='-csearch_path={name}'")
    }
}

/// A connection string as `role`.
fn as_role(conninfo: &str, role: &str) -> String {
    if conninfo.starts_with("postgres://") || conninfo.starts_with("postgresql://") {
        format!("{conninfo}&user={role}")
    } else {
        format!("{conninfo} user={role}")
    }
}

impl PgLedger {
    /// The size of the copy on the server: its tables, indexes and TOAST.
    pub fn megabytes(&mut self) -> Res<f64> {
        let bytes: i64 = pg_step(
            "schema size",
            self.admin.query_one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::int8 FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                &[&self.schema],
            ),
        )?
        .get(0);
        Ok(bytes as f64 / 1e6)
    }
}

impl PgLedger {
    /// The timed commands' connection string through `pooler` (PgBouncer, which passes no
    /// `options` to the server): the editor's role is confined to the copy's schema by a setting
    /// of its own, as a desk behind a pooler would set it up (dropped with the role).
    pub fn through(&mut self, pooler: &str) -> Res<String> {
        pg_step(
            "confine the editor's role to the schema",
            self.admin.batch_execute(&format!("ALTER ROLE {} SET search_path = {}", self.editor, self.schema)),
        )?;
        Ok(as_role(pooler, &self.editor))
    }

    /// Leaves the schema on the server when the ledger is dropped; its connection string.
    pub fn keep(&mut self) -> &str {
        self.keep = true;
        &self.conninfo
    }
}

impl Drop for PgLedger {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        let _ = self.admin.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {} CASCADE; DROP OWNED BY {editor}; DROP ROLE IF EXISTS {editor}",
            self.schema,
            editor = self.editor
        ));
    }
}
