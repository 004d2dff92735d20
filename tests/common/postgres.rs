//! A fresh PostgreSQL schema per test on the server `CLAIMTRACK_TEST_PG` names, for the tests that
//! compare the engines (postgres_schema, postgres_matching); without a server they skip, under CI they fail.

use std::sync::atomic::{AtomicUsize, Ordering};

use claimtrack::store::db::Pg;
use claimtrack::store::migrate_pg;

use super::tool_missing;

/// A fresh schema on the test server: the store's connection and a plain client, both inside it.
pub struct Schema {
    pub name: String,
    pub pg: Pg,
    pub client: postgres::Client,
}

pub fn server() -> Option<String> {
    match std::env::var("CLAIMTRACK_TEST_PG") {
        Ok(conn) if !conn.is_empty() => Some(conn),
        _ => {
            tool_missing("CLAIMTRACK_TEST_PG names no PostgreSQL server (run the tests under .ci/pg-cluster run)");
            None
        }
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
        Some(Schema { name, pg, client })
    }

    /// A schema holding an up-to-date, empty PostgreSQL ledger.
    pub fn ledger(test: &str) -> Option<Schema> {
        let schema = Schema::empty(test)?;
        migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap();
        Some(schema)
    }
}

impl Schema {
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
    }
}
