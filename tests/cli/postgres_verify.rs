//! `verify` on PostgreSQL: a ledger copied there by `migrate` verifies as its SQLite file does
//! (same events, same JSON), and each way an owner can tamper with it behind claimtrack (a row
//! edited, inserted or deleted, an event rewritten or removed with its trigger switched off, a
//! foreign key broken with enforcement off, a trigger dropped, an index or a column added, an id
//! sequence moved back) is reported there, exit 3, in the words SQLite's `verify` uses for the same
//! tampering on the file. Anchors taken on either engine verify on the other.
//!
//! These run when `CLAIMTRACK_TEST_PG` names a server (`.ci/pg-cluster run cargo test` starts one);
//! without it they skip, and under CI they fail.

use crate::common::postgres::{Pair, Schema, server, text};
use crate::common::{Ledger, tool_missing};

/// A sample ledger on SQLite and its copy on PostgreSQL (made by `migrate`), which verify alike.
fn copied(test: &str) -> Option<Pair> {
    let mut pair = Pair::empty(test)?;
    pair.lite.ok(&["sample"]);
    pair.migrate();
    Some(pair)
}

/// Runs the same tampering on both engines: `lite` on the SQLite file, `pg` in the PostgreSQL schema.
fn tamper(pair: &mut Pair, lite: &str, pg: &str) {
    pair.lite.sql().execute_batch(lite).unwrap();
    pair.schema.client.batch_execute(pg).unwrap();
}

/// `verify` fails (exit 3) on both with the same lines; one of them starts with `expected`.
fn both_report(pair: &Pair, expected: &str) -> String {
    let out = pair.same(&["verify"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let found = text(&out.stdout);
    assert!(found.lines().any(|l| l.starts_with(expected)), "expected {expected:?} in:\n{found}");
    found
}

#[test]
fn a_copied_ledger_verifies_on_postgresql_as_on_sqlite() {
    let Some(pair) = copied("verify_ok") else { return };
    let lite = pair.lite.ok(&["verify"]);
    let pg = pair.pg.ok(&["verify"]);
    let events = lite.split_whitespace().nth(1).unwrap().to_string();
    assert_eq!(lite, format!("ok: {events} events chain correctly; integrity, foreign keys and schema check out\n"));
    // The same events, checked the same way; SQLite's file check has no counterpart on a server.
    assert_eq!(
        pg,
        format!(
            "ok: {events} events of desk's audit chain link correctly; rows and schema check out (the foreign keys, across \
             newsrooms, are the owner's check: `claimtrack admin verify`; storage integrity is the PostgreSQL server's own)\n"
        )
    );
    pair.ok(&["--format", "json", "verify"]);
    // Writes on both after the copy keep them verifying alike.
    pair.ok(&["claim", "add", "The port handled 3 million containers in 2025"]);
    pair.ok(&["verdict", "1", "false", "--note", "the ministry's own figures differ"]);
    pair.ok(&["--format", "json", "verify"]);
    // verify only reads: the schema it builds to compare with is rolled back, nothing is left behind.
    let mut client = postgres::Client::connect(&server().unwrap(), postgres::NoTls).unwrap();
    let left: i64 = client
        .query_one("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'claimtrack_fresh_%'", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[test]
fn a_ledger_in_a_schema_named_like_a_views_alias_verifies() {
    // The catalogue names the ledger's schema in some definitions (`ON c.claims`); taking it off must
    // not touch a view's `c.id`. One schema named `c` on the server, dropped with `Schema`.
    let Some(conn) = server() else { return };
    let mut client = postgres::Client::connect(&conn, postgres::NoTls).unwrap();
    client.batch_execute("DROP SCHEMA IF EXISTS c CASCADE; CREATE SCHEMA c").unwrap();
    let mut schema = Schema {
        name: "c".into(),
        pg: claimtrack::store::db::Pg::connect(&conn).unwrap(),
        client,
        editors: Vec::new(),
    };
    let ledger = Ledger::uninitialised();
    ledger.ok(&["sample"]);
    ledger.ok(&["migrate", "--from", ledger.db.to_str().unwrap(), "--to", &schema.conninfo()]);
    let editor = schema.add_editor("desk");
    let out = ledger.ok(&["--db", &editor, "verify"]);
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn anchors_taken_on_either_engine_verify_on_the_other() {
    let Some(pair) = copied("verify_anchors") else { return };
    // Taken on SQLite before the copy: on the PostgreSQL copy's chain.
    let from_lite = pair.lite.ok(&["anchor"]);
    pair.pg.ok(&["verify", "--anchor", from_lite.trim()]);
    pair.ok(&["claim", "add", "Unemployment fell to 5.1% in October"]);
    // Taken on PostgreSQL after a write made on both: on SQLite's chain, and the older one too.
    let from_pg = pair.pg.ok(&["anchor"]);
    for ledger in [&pair.lite, &pair.pg] {
        let out = ledger.ok(&["verify", "--anchor", from_pg.trim(), "--anchor", from_lite.trim()]);
        assert!(out.ends_with("; all 2 anchors are on the chain\n"), "{out}");
    }
    pair.ok(&["--format", "json", "verify", "--anchor", from_pg.trim(), "--anchor", from_lite.trim()]);
    // An anchor past the end, or with another hash, fails alike on both.
    let (id, hash) = from_pg.trim().split_once(':').unwrap();
    let beyond = format!("{}:{hash}", id.parse::<i64>().unwrap() + 5);
    let out = pair.same(&["verify", "--anchor", &beyond]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stdout).contains("is not on the chain"), "{}", text(&out.stdout));
    let other = format!("{id}:{}", "0".repeat(64));
    let out = pair.same(&["verify", "--anchor", &other]);
    assert!(text(&out.stdout).contains("does not match"), "{}", text(&out.stdout));
}

#[test]
fn rows_and_events_changed_behind_claimtrack_are_reported_alike() {
    let Some(mut pair) = copied("verify_rows") else { return };
    let anchor = pair.lite.ok(&["anchor"]);

    // A claim's text edited behind the log.
    let edit = "UPDATE claims SET text = 'Turkey will send nobody' WHERE id = 1";
    tamper(&mut pair, edit, edit);
    both_report(&pair, "claims row 1 was changed outside claimtrack (text");

    // A row deleted (an alias nobody points at) and one inserted, neither through claimtrack.
    let delete = "DELETE FROM source_aliases WHERE id = 1";
    tamper(&mut pair, delete, delete);
    both_report(&pair, "source_aliases row 1 was deleted outside claimtrack");

    // An event's data rewritten (the update trigger lets a redaction through: only data may change).
    let event: i64 = pair
        .lite
        .sql()
        .query_row("SELECT min(id) FROM events WHERE table_name = 'claims' AND action = 'insert'", [], |r| r.get(0))
        .unwrap();
    let rewrite = format!("UPDATE events SET data = '{{\"text\": \"nothing\"}}' WHERE id = {event}");
    tamper(&mut pair, &rewrite, &rewrite);
    both_report(
        &pair,
        &format!("event {event} was altered, or an event before it was removed: its hash no longer matches"),
    );

    // The newest event removed, its delete trigger switched off for it as an owner would.
    let lite_trigger: String = pair
        .lite
        .sql()
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'events_are_append_only_delete'", [], |r| r.get(0))
        .unwrap();
    tamper(
        &mut pair,
        &format!(
            "DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE id = (SELECT max(id) FROM events); {lite_trigger};"
        ),
        "ALTER TABLE events DISABLE TRIGGER events_are_append_only_delete;
         DELETE FROM events WHERE id = (SELECT max(id) FROM events);
         ALTER TABLE events ENABLE TRIGGER events_are_append_only_delete;",
    );
    let out = pair.same(&["verify", "--anchor", anchor.trim()]);
    assert_eq!(out.status.code(), Some(3));
    let found = text(&out.stdout);
    assert!(found.contains(&format!("anchor {} is not on the chain", anchor.trim())), "{found}");
}

#[test]
fn foreign_keys_broken_with_enforcement_off_are_reported_alike() {
    let Some(pair) = copied("verify_keys") else { return };
    // SQLite enforces foreign keys only when a connection asks (claimtrack's do); PostgreSQL's are
    // switched off by a superuser's `session_replication_role = replica`.
    let Some(mut admin) = superuser() else { return };
    let orphan = "INSERT INTO claim_notes (id, claim_id, editor, body, created_at)
                  VALUES (900, 999, 'nobody', 'a note on no claim', '2026-11-27T10:00:00Z')";
    pair.lite.sql().execute_batch(&format!("PRAGMA foreign_keys = OFF; {orphan}")).unwrap();
    admin
        .batch_execute(&format!(
            "SET search_path = {}; SET claimtrack.org = '1'; SET session_replication_role = replica; {orphan}",
            pair.schema.name
        ))
        .unwrap();
    // An editor sees only some rows, so the foreign keys are the owner's check, over every newsroom:
    // `admin verify` says what SQLite's verify says, per newsroom.
    let (lite, _) = pair.lite.exits(&["verify"], 3);
    let (owner, _) = pair.schema.owner().exits(&["admin", "verify"], 3);
    assert!(
        lite.lines().any(|l| l == "foreign_key_check: claim_notes row 900 points at a missing claims row"),
        "{lite}"
    );
    assert!(lite.contains("claim_notes row 900 was written without an audit event"), "{lite}");
    let per_newsroom: String = lite.lines().map(|l| format!("desk: {l}\n")).collect();
    assert_eq!(owner, per_newsroom);
    // The editor's verify finds the row written outside claimtrack, and leaves the keys to the owner.
    let (editor, _) = pair.pg.exits(&["verify"], 3);
    assert_eq!(editor, "claim_notes row 900 was written without an audit event\n");
}

#[test]
fn schema_changes_are_reported_alike_and_a_sequence_set_back_on_each_engine() {
    let Some(mut pair) = copied("verify_schema") else { return };
    // A trigger dropped, an index and a column added: the same words on both.
    let drop = "DROP TRIGGER changes_are_append_only_delete ON changes";
    tamper(&mut pair, "DROP TRIGGER changes_are_append_only_delete", drop);
    both_report(&pair, "schema: trigger changes_are_append_only_delete is missing");
    let index = "CREATE INDEX claims_by_author ON claims (created_at)";
    tamper(&mut pair, index, index);
    both_report(&pair, "schema: index claims_by_author on claims is not claimtrack's");
    tamper(&mut pair, "ALTER TABLE claims ADD COLUMN score REAL", "ALTER TABLE claims ADD COLUMN score REAL");
    both_report(&pair, "schema: table claims differs from claimtrack's");

    // A trigger left switched off exists on PostgreSQL only.
    pair.schema.client.batch_execute("ALTER TABLE events DISABLE TRIGGER events_are_append_only_update").unwrap();
    let found = pair.pg.exits(&["verify"], 3).0;
    assert!(
        found.lines().any(|l| l == "schema: trigger events_are_append_only_update differs from claimtrack's"),
        "{found}"
    );

    // An id counter moved back below ids the log has used: SQLite's sqlite_sequence, PostgreSQL's identity sequence.
    let claims: i64 = pair.lite.sql().query_row("SELECT max(id) FROM claims", [], |r| r.get(0)).unwrap();
    pair.lite.sql().execute_batch("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'claims'").unwrap();
    pair.schema.client.batch_execute("SELECT setval(pg_get_serial_sequence('claims', 'id'), 1)").unwrap();
    let lite = pair.lite.exits(&["verify"], 3).0;
    let pg = pair.pg.exits(&["verify"], 3).0;
    assert!(
        lite.contains(&format!(
            "sqlite_sequence for claims was set back to 1 below id {claims} the log has used: deleted ids could be reused"
        )),
        "{lite}"
    );
    assert!(
        pg.contains(&format!(
            "the id sequence of claims was set back to 1 below id {claims} the log has used: deleted ids could be reused"
        )),
        "{pg}"
    );
}

/// A superuser's connection to the test server (`user=postgres`, as `.ci/pg-cluster` makes it).
pub(crate) fn superuser() -> Option<postgres::Client> {
    let conn = format!("{} user=postgres", server()?);
    match postgres::Client::connect(&conn, postgres::NoTls) {
        Ok(client) => Some(client),
        Err(e) => {
            tool_missing(&format!("no superuser on the test server to switch foreign keys off with: {e}"));
            None
        }
    }
}

#[test]
fn imports_and_a_schema_1_log_verify_alike_and_an_imported_row_changed_is_reported_alike() {
    let Some(mut pair) = Pair::empty("verify_imports") else { return };
    std::fs::copy(crate::common::fixture("ledger-schema-1.sqlite"), &pair.lite.db).unwrap();
    pair.lite.ok(&["upgrade"]);
    let csv = pair.lite.write_file(
        "desk.csv",
        b"statement,speaker,outlet,url\n\
          Four battalions crossed the border,Ana Ruiz,Outlet One,https://one.example/a\n\
          The port handled 1500 tonnes,Ben Osei,Outlet Two,https://two.example/b\n",
    );
    let map = "text=statement,source=speaker,publisher=outlet,url=url";
    pair.lite.ok(&["import", csv.to_str().unwrap(), "--from", "csv", "--map", map]);
    let imported: i64 = pair.lite.sql().query_row("SELECT max(id) FROM claims", [], |r| r.get(0)).unwrap();
    pair.migrate();
    // An imported claim edited afterwards, on both: verify rebuilds the import's rows from the log.
    pair.ok(&["claim", "edit", &imported.to_string(), "The port handled 1,500 tonnes in May"]);
    let json = pair.ok(&["--format", "json", "verify"]);
    assert!(json.contains("\"ok\":true") || json.contains("\"ok\": true"), "{json}");

    // The file row an imported claim came from, changed behind the log: the import's digest no longer holds.
    let edit = format!("UPDATE claims SET imported_from = 'elsewhere.csv line 9' WHERE id = {imported}");
    tamper(&mut pair, &edit, &edit);
    let found = both_report(&pair, "claims rows ");
    assert!(found.contains("were changed outside claimtrack: they no longer match the digest it recorded"), "{found}");
}

#[test]
fn an_editor_that_may_not_create_a_schema_is_told_so_in_one_line() {
    let Some(pair) = copied("verify_reader") else { return };
    let Some(mut admin) = superuser() else { return };
    let role = pair.schema.editors[0].clone();
    // Without CREATE on the database (`org editor` grants it where the owner may), the editor may
    // read and write the ledger but cannot build the schema verify compares it with.
    admin.batch_execute(&format!("REVOKE CREATE ON DATABASE claimtrack FROM {role}")).unwrap();
    let stderr = pair.pg.fails_with(&["verify"], 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("verify builds a fresh schema") && stderr.contains("permission denied"), "{stderr}");
}
