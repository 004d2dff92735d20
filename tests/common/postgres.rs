//! A fresh PostgreSQL schema per test on the server `CLAIMTRACK_TEST_PG` names, for the tests that
//! compare the engines (postgres_schema, postgres_matching, postgres_cli, postgres_verify), and
//! [`Pair`], one SQLite ledger and one PostgreSQL ledger driven alike; without a server they skip,
//! under CI they fail.

use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use claimtrack::store::db::Pg;
use claimtrack::store::migrate_pg;
use claimtrack::store::{Store, audit, log};

use super::{Ledger, tool_missing};

/// A fresh schema on the test server: the store's connection and a plain client, both inside it
/// and both the owner's; with [`Schema::desk`], also a newsroom `desk` and its editor's role.
pub struct Schema {
    pub name: String,
    pub pg: Pg,
    pub client: postgres::Client,
    /// The editor role this schema's ledger was given (dropped with the schema).
    pub editors: Vec<String>,
}

pub fn server() -> Option<String> {
    named_by("CLAIMTRACK_TEST_PG", "names no PostgreSQL server (run the tests under .ci/pg-cluster run)")
}

/// PgBouncer in session mode in front of the test server (`CLAIMTRACK_TEST_PG_POOLER`, which
/// `.ci/pg-cluster run` sets where PgBouncer is installed): its connection string without a role.
pub fn pooler() -> Option<String> {
    named_by("CLAIMTRACK_TEST_PG_POOLER", "names no pooler (install pgbouncer; .ci/pg-cluster run starts it)")
}

/// The connection string the environment variable `var` holds; when it holds none, the test
/// skips (and under CI fails) with `var` and `missing` as the reason.
fn named_by(var: &str, missing: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(conn) if !conn.is_empty() => Some(conn),
        _ => {
            tool_missing(&format!("{var} {missing}"));
            None
        }
    }
}

/// `psql` through `conninfo` (a role's own connection string), one query, its unaligned rows; or the error.
pub fn psql(conninfo: &str, sql: &str) -> Result<String, String> {
    let out = std::process::Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql])
        .output()
        .expect("psql is installed with PostgreSQL");
    match out.status.success() {
        true => Ok(text(&out.stdout).trim().to_string()),
        false => Err(text(&out.stderr).trim().to_string()),
    }
}

impl Schema {
    /// An empty schema, or None when there is no server to test against.
    pub fn empty(test: &str) -> Option<Schema> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let conn = server()?;
        let name = format!("t_{}_{}_{test}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut client = postgres::Client::connect(&conn, postgres::NoTls).expect("connect to CLAIMTRACK_TEST_PG");
        client.batch_execute(&format!("CREATE SCHEMA {name}; SET search_path = {name}")).unwrap();
        let pg = Pg::connect(&conn).unwrap();
        pg.batch(&format!("SET search_path = {name}")).unwrap();
        Some(Schema { name, pg, client, editors: Vec::new() })
    }

    /// A schema holding an up-to-date, empty PostgreSQL ledger with one newsroom, `desk`, whose
    /// rows the owner's connections (`pg` and `client`) write and read.
    pub fn ledger(test: &str) -> Option<Schema> {
        let mut schema = Schema::empty(test)?;
        migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap();
        let desk = "INSERT INTO orgs (name, name_key, kind, created_at) VALUES ('desk', 'desk', 'newsroom', '2026-11-27T10:00:00Z')";
        schema.pg.batch(desk).unwrap();
        schema.pg.batch("SET claimtrack.org = '1'").unwrap();
        schema.pg.lock_newsroom(1);
        schema.client.batch_execute("SET claimtrack.org = '1'").unwrap();
        Some(schema)
    }

    /// A store on this schema's ledger as its owner, working for newsroom `desk` (in-process tests).
    pub fn store(&self) -> Store {
        let mut store = Store::open_postgres_owner(&self.conninfo(), 5_000).unwrap();
        let desk = claimtrack::store::orgs::find(store.db(), "desk").unwrap().expect("newsroom desk");
        store.act_for(&desk).unwrap();
        store
    }
}

impl Schema {
    /// A ledger set up as its owner sets one up for a desk, through the CLI at the clock [`NOW`]:
    /// `admin upgrade`, `org add desk`, and an editor's role for it ([`Schema::editor_conninfo`]).
    pub fn desk(test: &str) -> Option<Schema> {
        let mut schema = Schema::empty(test)?;
        let owner = schema.owner();
        owner.ok(&["admin", "upgrade"]);
        owner.ok(&["org", "add", "desk"]);
        schema.add_editor("desk");
        Some(schema)
    }

    /// The harness, connected as the schema's owner, at the clock [`NOW`].
    pub fn owner(&self) -> Ledger {
        at_clock(&self.conninfo())
    }

    /// A new editor role for `newsroom` (`org editor`); its connection string.
    pub fn add_editor(&mut self, newsroom: &str) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let role = format!("ed_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        self.owner().ok(&["org", "editor", &role, "--org", newsroom]);
        self.editors.push(role.clone());
        self.conninfo_as(&role)
    }

    /// The first editor's connection string (see [`Schema::desk`]).
    pub fn editor_conninfo(&self) -> String {
        self.conninfo_as(&self.editors[0])
    }

    /// The schema's connection string as `role`.
    pub fn conninfo_as(&self, role: &str) -> String {
        let conn = self.conninfo();
        if conn.starts_with("postgres://") || conn.starts_with("postgresql://") {
            format!("{conn}&user={role}")
        } else {
            format!("{conn} user={role}")
        }
    }

    /// `role`'s connection string through the pooler: a pooler passes no `options` to the server,
    /// so the role's own setting confines it to this schema, as a desk's setup would. None when
    /// there is no pooler to test through.
    pub fn pooled_as(&mut self, role: &str) -> Option<String> {
        let pooler = pooler()?;
        self.client.batch_execute(&format!("ALTER ROLE {role} SET search_path = {}", self.name)).unwrap();
        Some(format!("{pooler} user={role}"))
    }

    /// The server's connection string, confined to this schema (for the claimtrack binary).
    pub fn conninfo(&self) -> String {
        let conn = server().unwrap();
        if conn.starts_with("postgres://") || conn.starts_with("postgresql://") {
            let joiner = if conn.contains('?') { '&' } else { '?' };
            format!("{conn}{joiner}options=-csearch_path%3D{}", self.name)
        } else {
            format!("{conn} options='-csearch_path={}'", self.name)
        }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = self.client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        for role in &self.editors {
            let _ = self.client.batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE IF EXISTS {role}"));
        }
    }
}

/// The harness on the ledger `db` names (a connection string here), at the clock [`NOW`].
pub fn at_clock(db: &str) -> Ledger {
    let mut ledger = new_file();
    ledger.db = db.into();
    ledger
}

/// A temp dir with no ledger file yet, at the clock [`NOW`].
fn new_file() -> Ledger {
    let mut ledger = Ledger::uninitialised();
    ledger.clock = Some(NOW);
    ledger
}

/// The clock both ledgers of a [`Pair`] run at.
pub const NOW: &str = "2026-11-27T10:00:00Z";

/// A fresh SQLite ledger and a fresh (empty) PostgreSQL schema, driven by the same harness.
pub struct Pair {
    pub lite: Ledger,
    pub pg: Ledger,
    /// The schema the PostgreSQL ledger lives in, kept until the test ends; dropped with it.
    pub schema: Schema,
}

impl Pair {
    /// A new SQLite file and newsroom `desk`'s editor on a fresh server ledger ([`Schema::desk`]).
    pub fn new(test: &str) -> Option<Pair> {
        let schema = Schema::desk(test)?;
        let pg = at_clock(&schema.editor_conninfo());
        Some(Pair { lite: new_file(), pg, schema })
    }

    /// A pair whose PostgreSQL schema is still empty, for a test that moves the SQLite ledger
    /// there with [`Pair::migrate`]; until then `pg` connects as the schema's owner.
    pub fn empty(test: &str) -> Option<Pair> {
        let schema = Schema::empty(test)?;
        Some(Pair { lite: new_file(), pg: schema.owner(), schema })
    }

    /// `claimtrack migrate` of the SQLite ledger into the empty schema, as its owner, for newsroom
    /// `desk`; from then on `pg` is desk's editor. `migrate`'s output.
    pub fn migrate(&mut self) -> String {
        let target = self.schema.conninfo();
        let out = self.lite.ok(&["migrate", "--from", self.lite.db.to_str().unwrap(), "--to", &target]);
        self.pg.db = self.schema.add_editor("desk").into();
        out
    }

    /// Runs `args` once on each ledger: the same exit code, stdout and stderr. Returns SQLite's outcome.
    pub fn same(&self, args: &[&str]) -> Output {
        let (lite, pg) = (self.lite.run(args), self.pg.run(args));
        assert_eq!(lite.status.code(), pg.status.code(), "exit code of {args:?}\n{}", both(&lite, &pg));
        assert_eq!(text(&lite.stdout), text(&pg.stdout), "stdout of {args:?}");
        assert_eq!(text(&lite.stderr), without_scope_note(&text(&pg.stderr)), "stderr of {args:?}");
        lite
    }

    /// [`Pair::same`] for a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.same(args);
        assert!(out.status.success(), "{args:?} failed on both: {}", text(&out.stderr));
        text(&out.stdout)
    }

    /// [`Pair::same`] for a command that must fail with `code` and one line on stderr, and leave both
    /// ledgers as they were (the whole audit log and every source, article and setting read the same).
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let before = self.state();
        let out = self.same(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr).lines().count(), 1, "{args:?}: {}", text(&out.stderr));
        assert_eq!(self.state(), before, "{args:?} changed a ledger");
        text(&out.stderr)
    }

    /// What a failed write must not change, read from both (which must agree).
    pub fn state(&self) -> String {
        ["history", "source list", "article list", "settings list"]
            .iter()
            .map(|command| {
                let args: Vec<&str> = ["--format", "json"].into_iter().chain(command.split(' ')).collect();
                self.ok(&args)
            })
            .collect()
    }
}

/// PostgreSQL's stderr without the line a report or `flags` adds there to say whose view it counted
/// (`ops::orgs::counted`), which SQLite, one desk's file, has no need of.
pub fn without_scope_note(stderr: &str) -> String {
    stderr.lines().filter(|l| !l.starts_with("claimtrack: note: counts what ")).map(|l| format!("{l}\n")).collect()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn both(lite: &Output, pg: &Output) -> String {
    format!(
        "SQLite: {}{}\nPostgreSQL: {}{}",
        text(&lite.stdout),
        text(&lite.stderr),
        text(&pg.stdout),
        text(&pg.stderr)
    )
}

/// The audit chain read back through the store's adapter, checked as `verify` checks it: each
/// event's hash over the previous one, and every audited table's rows replayed from the log.
/// The number of events; any problem fails the test.
pub fn checked_chain(target: &str) -> u64 {
    let store = Store::open_postgres(target, 5_000).unwrap();
    let db = store.db();
    // Event ids come from a sequence on PostgreSQL: a write rolled back (a restart) leaves a gap.
    let mut check = claimtrack::verify::ChainCheck::new(log::origin(db).unwrap());
    log::each_event(db, |event| check.visit(event)).unwrap();
    check.finish();
    for table in audit::Table::ALL.into_iter().chain(audit::Table::SERVER) {
        check.compare_table(table.name(), audit::snapshots(db, table).unwrap());
    }
    assert_eq!(check.problems, Vec::<String>::new());
    check.events
}
