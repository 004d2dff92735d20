//! PostgreSQL's schema against SQLite's: schema-postgres.sql and views-postgres.sql load, name the same tables,
//! columns and views, keep the log append-only, and a ledger copied over reads the same rows and flags on both.
//!
//! These run when `CLAIMTRACK_TEST_PG` names a server (`.ci/pg-cluster run cargo test` starts one); without it
//! they skip, and under CI they fail (`tool_missing`). Each test works in a fresh schema of its own, dropped
//! afterwards, so they run in parallel.

use std::collections::{BTreeMap, BTreeSet};

use claimtrack::error::Error;
use claimtrack::store::db::Db;
use claimtrack::store::{migrate_pg, transfer};

use crate::common::postgres::Schema;
use crate::common::{Ledger, record_follow_ups, record_sample};

/// SQLite tables that are the engine's, not the ledger's: FTS5's storage and AUTOINCREMENT's counters.
fn engine_table(name: &str) -> bool {
    name == "sqlite_sequence" || (name.starts_with("claims_fts_") && name != "claims_fts_vocab")
}

/// Every table and view of an SQLite ledger with its columns in order, `rowid` first for FTS5's table.
fn sqlite_relations(conn: &rusqlite::Connection) -> BTreeMap<String, Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    names
        .into_iter()
        .filter(|n| !engine_table(n))
        .map(|name| {
            let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid").unwrap();
            let columns: Vec<String> = stmt.query_map([&name], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
            (name, columns)
        })
        .collect()
}

/// Every table and view of the schema with its columns in order.
fn pg_relations(client: &mut postgres::Client) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in client
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        out.entry(row.get(0)).or_default().push(row.get(1));
    }
    out
}

fn pg_names(client: &mut postgres::Client, sql: &str) -> BTreeSet<String> {
    client.query(sql, &[]).unwrap().iter().map(|r| r.get(0)).collect()
}

fn lite_names(conn: &rusqlite::Connection, sql: &str) -> BTreeSet<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn schema_and_views_load_on_a_fresh_schema_and_a_newer_one_is_refused() {
    let Some(mut schema) = Schema::empty("load") else { return };
    migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap();
    let version: i64 = schema.client.query_one("SELECT version FROM schema_version", &[]).unwrap().get(0);
    assert_eq!(version, migrate_pg::schema_version());
    let views = pg_names(
        &mut schema.client,
        "SELECT table_name::text FROM information_schema.views WHERE table_schema = current_schema()",
    );
    for view in migrate_pg::view_names() {
        assert!(views.contains(view), "view {view} missing: {views:?}");
    }
    let flags = schema.client.query("SELECT claim_id, claim_text, flag, reason, flag_order FROM claim_flags", &[]);
    assert_eq!(flags.unwrap().len(), 0);

    // Running again changes nothing: the views are not re-created (their oids stay).
    let oids = |client: &mut postgres::Client| {
        pg_names(client, "SELECT c.oid::text FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace")
    };
    let before = oids(&mut schema.client);
    migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap();
    assert_eq!(before, oids(&mut schema.client));

    // A ledger one migration ahead of this binary is refused and left as it was.
    let ahead = migrate_pg::schema_version() + 1;
    schema.client.execute("UPDATE schema_version SET version = $1", &[&ahead]).unwrap();
    let refused = migrate_pg::run(&schema.pg, &schema.name, 5_000).unwrap_err();
    assert!(matches!(refused, Error::TooNew { found, .. } if found == ahead), "{refused}");
    let version: i64 = schema.client.query_one("SELECT version FROM schema_version", &[]).unwrap().get(0);
    assert_eq!(version, ahead);

    // A schema with tables of its own and no schema_version is not a ledger.
    let Some(other) = Schema::empty("other") else { return };
    other.pg.batch("CREATE TABLE notes (id BIGINT)").unwrap();
    let refused = migrate_pg::run(&other.pg, &other.name, 5_000).unwrap_err();
    assert!(matches!(refused, Error::NotALedger { .. }), "{refused}");
}

#[test]
fn tables_columns_views_indexes_and_triggers_match_sqlite_by_name() {
    let Some(mut schema) = Schema::ledger("names") else { return };
    let ledger = Ledger::new();
    let lite = ledger.sql();
    let mut want = sqlite_relations(&lite);
    // FTS5's rowid is claims_fts.claim_id on PostgreSQL, beside the generated tsvector the GIN index reads.
    assert_eq!(want.get("claims_fts"), Some(&vec!["terms".to_string()]));
    want.insert("claims_fts".into(), vec!["claim_id".into(), "terms".into(), "lexemes".into()]);
    // PostgreSQL's version table plays PRAGMA user_version.
    want.insert("schema_version".into(), vec!["one_row".into(), "version".into(), "views_sha256".into()]);
    // The row and token counts FTS5 keeps inside claims_fts, for bm25 (store::matching::candidates).
    want.insert("claims_fts_totals".into(), vec!["one_row".into(), "claims".into(), "tokens".into()]);
    let mut have = pg_relations(&mut schema.client);
    // A server's own: its organisations, and the newsroom every record belongs to (migration 3).
    for table in ["orgs", "coalition_members", "editors", "claim_shares"] {
        assert!(have.remove(table).is_some(), "{table}");
    }
    let base_tables = pg_names(
        &mut schema.client,
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    for (table, columns) in have.iter_mut() {
        let had = columns.len();
        columns.retain(|c| c != "org_id");
        let expected = base_tables.contains(table) && table != "schema_version";
        assert_eq!(columns.len() + usize::from(expected), had, "org_id on {table}");
    }
    assert_eq!(want.keys().collect::<Vec<_>>(), have.keys().collect::<Vec<_>>(), "tables and views");
    for (name, columns) in &want {
        assert_eq!(Some(columns), have.get(name), "columns of {name}");
    }

    // Which columns may be NULL: SQLite's INTEGER PRIMARY KEY is never NULL though table_info says 0.
    let mut stmt = lite
        .prepare(
            "SELECT m.name, p.name, p.\"notnull\" OR p.pk > 0 FROM sqlite_schema m, pragma_table_info(m.name) p
             WHERE m.type = 'table'",
        )
        .unwrap();
    let lite_not_null: BTreeSet<(String, String, bool)> = stmt
        .query_map([], |r| Ok::<(String, String, bool), _>((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .filter(|(t, _, _)| !engine_table(t) && t != "claims_fts" && t != "claims_fts_vocab")
        .collect();
    let pg_not_null: BTreeSet<(String, String, bool)> = schema
        .client
        .query(
            "SELECT c.table_name::text, c.column_name::text, c.is_nullable = 'NO' FROM information_schema.columns c
             JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
               AND c.table_name NOT IN ('claims_fts', 'claims_fts_totals', 'schema_version', 'orgs',
                                        'coalition_members', 'editors', 'claim_shares')
               AND c.column_name <> 'org_id'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(lite_not_null, pg_not_null, "NOT NULL columns");

    // Every index and trigger SQLite's schema names exists under that name (PostgreSQL adds the
    // indexes behind its keys, the GIN index and one TRUNCATE trigger per append-only table).
    let lite_indexes =
        lite_names(&lite, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'");
    let pg_indexes =
        pg_names(&mut schema.client, "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()");
    let missing: Vec<&String> = lite_indexes.difference(&pg_indexes).collect();
    assert!(missing.is_empty(), "indexes missing on PostgreSQL: {missing:?}");
    let lite_triggers = lite_names(&lite, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");
    let pg_triggers = pg_names(
        &mut schema.client,
        "SELECT tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal",
    );
    let extra: BTreeSet<String> = pg_triggers.difference(&lite_triggers).cloned().collect();
    assert_eq!(
        extra,
        ["changes_are_append_only_truncate", "events_are_append_only_truncate", "events_v1_are_append_only_truncate"]
            .map(String::from)
            .into()
    );
    assert!(lite_triggers.is_subset(&pg_triggers));
}

/// A clock `days` days and 12 hours ago: day counts computed from it (the stale flag's) stay the same
/// for 12 hours either side of the test, whichever engine computes them.
fn clock(days: i64) -> &'static str {
    let at = chrono::Utc::now() - chrono::Duration::days(days) - chrono::Duration::hours(12);
    Box::leak(at.format("%Y-%m-%dT%H:%M:%SZ").to_string().into_boxed_str())
}

/// `claimtrack sample`'s ledger, logged 100½ days ago.
fn sample_ledger() -> Ledger {
    let ledger = Ledger::uninitialised();
    ledger.ok_env(&[("CLAIMTRACK_NOW", clock(100))], &["sample"]);
    ledger
}

/// A ledger with every kind of row the CLI writes: the sample and its follow-ups, claim-to-claim links,
/// verdicts (one withdrawn by a newer one, one with evidence), an edit, a retraction, near-duplicates
/// whose numbers disagree, the desk's tags, notes and assignees, imported reviews whose ratings are a
/// real, an integer and text, a setting, and claims logged now beside claims logged 100 days ago.
pub(crate) fn larger_ledger() -> Ledger {
    let ledger = Ledger::with_clock(clock(100));
    let claims = record_sample(&ledger);
    record_follow_ups(&ledger);
    let now = [("CLAIMTRACK_NOW", clock(0))];
    ledger.ok(&["link", "12", "--conflicts", "--article", "2", "--note", "Anadolu puts it at 1,100"]);
    ledger.ok(&["link", "4", "--corroborates", "5"]);
    ledger.ok(&["link", "6", "--duplicates", "7"]);
    ledger.ok(&["link", "8", "--conflicts", "9"]);
    ledger.ok(&["verdict", "5", "mostly-true", "--note", "two ministries confirm"]);
    ledger.ok(&[
        "verdict",
        "2",
        "unproven",
        "--evidence",
        "https://example.org/evidence|Ministry statement|2025-09-30",
    ]);
    ledger.ok_env(&now, &["verdict", "2", "false", "--rationale", "The *ministry* denied it."]);
    ledger.ok_env(&now, &["claim", "edit", "10", "Turkey has trained Nigerien officers since 2021."]);
    ledger.ok_env(&now, &["claim", "retract", "11", "--reason", "logged twice"]);
    let first = ledger.add(&["claim", "add", "Turkey will send 1,000 troops to Niger by December."]);
    let second = ledger.add(&["claim", "add", "Turkey will send 1,200 troops to Niger by December."]);
    ledger.ok_env(&now, &["claim", "add", "Niger's junta expelled French forces in 2023."]);
    ledger.ok(&["claim", "tag", &first.to_string(), "sahel", "defence"]);
    ledger.ok(&["claim", "assign", &second.to_string(), "--to", "Aïcha", "--to", "Bob"]);
    ledger.ok(&["claim", "note", &second.to_string(), "called the ministry, awaiting reply"]);
    ledger.ok(&["claim", "due", &claims[0].to_string(), "2025-12-01"]);
    ledger.ok(&["settings", "set", "stale_days", "45"]);
    let reviews = ledger.write_file(
        "reviews.json",
        r#"[{"@context":"https://schema.org","@type":"ClaimReview","url":"https://factcheck.example/r/1","datePublished":"2025-09-30","claimReviewed":"Turkey will send 1,000 troops to Niger","author":{"@type":"Organization","name":"Check Desk"},"reviewRating":{"@type":"Rating","ratingValue":4.5,"bestRating":5,"worstRating":"1","alternateName":"Mostly true"}},
{"@context":"https://schema.org","@type":"ClaimReview","url":"https://factcheck.example/r/2","datePublished":"2025-09-30","claimReviewed":"Niger received 3 drones in 2024","author":{"@type":"Organization","name":"Check Desk"},"reviewRating":{"@type":"Rating","ratingValue":"2/7","alternateName":"Gruyère"}}]"#
            .as_bytes(),
    );
    ledger.ok(&["import", reviews.to_str().unwrap()]);
    ledger
}

/// Every cell as text, the same way for both engines: integers in decimal, reals as Rust prints
/// an f64, blobs in lower-case hex, JSON as its text.
type Rows = Vec<Vec<Option<String>>>;

fn lite_rows(conn: &rusqlite::Connection, sql: &str) -> Rows {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let n = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => None,
                    ValueRef::Integer(v) => Some(v.to_string()),
                    ValueRef::Real(v) => Some(format!("{v:?}")),
                    ValueRef::Text(t) => Some(String::from_utf8(t.to_vec()).unwrap()),
                    ValueRef::Blob(b) => Some(b.iter().map(|x| format!("{x:02x}")).collect()),
                })
                .collect(),
        );
    }
    out
}

fn pg_rows(client: &mut postgres::Client, sql: &str) -> Rows {
    use postgres::types::Type;
    let rows = client.query(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| match *row.columns()[i].type_() {
                    Type::INT8 => row.get::<_, Option<i64>>(i).map(|v| v.to_string()),
                    Type::INT4 => row.get::<_, Option<i32>>(i).map(|v| v.to_string()),
                    Type::FLOAT8 => row.get::<_, Option<f64>>(i).map(|v| format!("{v:?}")),
                    Type::BYTEA => {
                        row.get::<_, Option<Vec<u8>>>(i).map(|b| b.iter().map(|x| format!("{x:02x}")).collect())
                    }
                    Type::TEXT => row.get::<_, Option<String>>(i),
                    ref other => panic!("{sql}: column {i} has type {other}"),
                })
                .collect()
        })
        .collect()
}

/// Copies `ledger` into a fresh PostgreSQL ledger, then compares every table's rows and every view's.
fn copy_and_compare(ledger: &Ledger, test: &str) {
    let Some(mut schema) = Schema::ledger(test) else { return };
    let lite = ledger.sql();
    let report = transfer::copy_ledger(Db::Sqlite(&lite), schema.pg.db()).unwrap();
    let relations = sqlite_relations(&lite);
    let views = lite_names(&lite, "SELECT name FROM sqlite_schema WHERE type = 'view'");
    let pg_types: BTreeMap<(String, String), String> = schema
        .client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| ((r.get(0), r.get(1)), r.get(2)))
        .collect();

    let mut compared = 0;
    for (name, columns) in relations.iter().filter(|(n, _)| n.as_str() != "claims_fts_vocab") {
        let is_view = views.contains(name);
        // SQLite's FTS5 rowid is claim_id on PostgreSQL.
        let (lite_cols, pg_cols): (Vec<String>, Vec<String>) = if name == "claims_fts" {
            (vec!["rowid".into(), "terms".into()], vec!["claim_id".into(), "terms".into()])
        } else {
            (columns.clone(), columns.clone())
        };
        let lite_select: Vec<String> = lite_cols
            .iter()
            .zip(&pg_cols)
            .map(|(c, p)| match pg_types.get(&(name.clone(), p.clone())).map(String::as_str) {
                // SQLite's ANY column as the JSON value PostgreSQL's jsonb holds.
                Some("jsonb") => format!("CASE WHEN \"{c}\" IS NOT NULL THEN json_quote(\"{c}\") END"),
                _ => format!("\"{c}\""),
            })
            .collect();
        let pg_select: Vec<String> = pg_cols
            .iter()
            .map(|c| match pg_types.get(&(name.clone(), c.clone())).map(String::as_str) {
                Some("jsonb") => format!("\"{c}\"::text"),
                _ => format!("\"{c}\""),
            })
            .collect();
        // Every column in the ORDER BY, text byte by byte on both engines.
        let order = |cols: &[String], collate: &str| -> String {
            cols.iter().map(|c| format!("\"{c}\"{collate}")).collect::<Vec<_>>().join(", ")
        };
        let pg_order: Vec<String> = pg_cols
            .iter()
            .map(|c| match pg_types.get(&(name.clone(), c.clone())).map(String::as_str) {
                Some("text") => format!("\"{c}\" COLLATE \"C\""),
                Some("jsonb") => format!("\"{c}\"::text COLLATE \"C\""),
                _ => format!("\"{c}\""),
            })
            .collect();
        let on_lite = lite_rows(
            &lite,
            &format!("SELECT {} FROM {name} ORDER BY {}", lite_select.join(", "), order(&lite_cols, "")),
        );
        let on_pg = pg_rows(
            &mut schema.client,
            &format!("SELECT {} FROM {name} ORDER BY {}", pg_select.join(", "), pg_order.join(", ")),
        );
        assert_eq!(on_lite.len(), on_pg.len(), "{test}: how many rows {name} has");
        for (l, p) in on_lite.iter().zip(&on_pg) {
            assert_eq!(l, p, "{test}: a row of {name}");
        }
        if !is_view {
            let copied = report.tables.iter().find(|t| t.table == *name).map(|t| t.rows);
            assert_eq!(copied, Some(on_lite.len() as u64), "{test}: the report's count for {name}");
        }
        compared += 1;
    }
    assert_eq!(compared, relations.len() - 1);
    // The tables the test is about were not empty.
    for table in ["claims", "citations", "events", "changes", "claims_fts", "claim_term_counts"] {
        assert!(report.tables.iter().any(|t| t.table == table && t.rows > 0), "{test}: {table} copied no rows");
    }
    let flags = lite_rows(&lite, "SELECT count(*) FROM claim_flags");
    assert_ne!(flags[0][0].as_deref(), Some("0"), "{test}: no flags to compare");

    // The identity sequences moved past the copied ids: the next claim gets SQLite's next id.
    let next: i64 =
        lite.query_row("SELECT seq + 1 FROM sqlite_sequence WHERE name = 'claims'", [], |r| r.get(0)).unwrap();
    let claims = report.tables.iter().find(|t| t.table == "claims").unwrap();
    assert_eq!(claims.next_id, Some(next));
    let id: i64 = schema
        .client
        .query_one("INSERT INTO claims (text, created_at, updated_at) VALUES ('after', 'x', 'x') RETURNING id", &[])
        .unwrap()
        .get(0);
    assert_eq!(id, next);

    // A second copy into the same ledger is refused and writes nothing.
    let before = pg_rows(&mut schema.client, "SELECT count(*) FROM events");
    let refused = transfer::copy_ledger(Db::Sqlite(&lite), schema.pg.db()).unwrap_err();
    assert!(refused.to_string().contains("not empty"), "{refused}");
    assert_eq!(before, pg_rows(&mut schema.client, "SELECT count(*) FROM events"));
}

#[test]
fn the_sample_ledger_copies_over_with_the_same_rows_and_flags() {
    copy_and_compare(&sample_ledger(), "sample");
}

#[test]
fn a_larger_ledger_copies_over_with_the_same_rows_and_flags() {
    let ledger = larger_ledger();
    // The ledger shows the flags the views must agree on, stale ones included.
    let flags = lite_names(&ledger.sql(), "SELECT DISTINCT flag FROM claim_flags");
    for flag in [
        "unattributed",
        "anonymous-only",
        "single-source",
        "circular",
        "conflicted",
        "unverified",
        "stale",
        "numeric-mismatch",
    ] {
        assert!(flags.contains(flag), "no {flag} flag in the larger ledger: {flags:?}");
    }
    copy_and_compare(&ledger, "larger");
}

#[test]
fn a_ledger_begun_on_schema_1_copies_over_with_its_old_log() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(crate::common::fixture("ledger-schema-1.sqlite"), &ledger.db).unwrap();
    ledger.ok(&["upgrade"]);
    assert!(ledger.count("events_v1") > 0, "the fixture's schema-1 log");
    copy_and_compare(&ledger, "schema1");
}

#[test]
fn the_log_is_append_only_on_both_engines_with_the_same_words() {
    let Some(mut schema) = Schema::ledger("append") else { return };
    let ledger = sample_ledger();
    let lite = ledger.sql();
    transfer::copy_ledger(Db::Sqlite(&lite), schema.pg.db()).unwrap();
    let statements = [
        "UPDATE events SET row_id = row_id + 1 WHERE id = 2",
        "UPDATE events SET claim_id = 99 WHERE id = 2",
        "DELETE FROM events WHERE id = 2",
        "UPDATE changes SET editor = 'mallory' WHERE id = 1",
        "DELETE FROM changes WHERE id = 1",
    ];
    for sql in statements {
        let on_lite = lite.execute(sql, []).unwrap_err().to_string();
        let on_pg = schema.client.execute(sql, &[]).unwrap_err();
        let db_error = on_pg.as_db_error().unwrap();
        assert_eq!(on_lite, db_error.message(), "{sql}");
        assert_eq!(db_error.code(), &postgres::error::SqlState::RESTRICT_VIOLATION, "{sql}");
        // The store reports it as SQLite's is reported: the ledger rejected the change.
        let through_store = schema.pg.db().execute(sql, &[]).unwrap_err();
        assert!(matches!(&through_store, Error::Invalid(m) if m.contains(&on_lite)), "{through_store}");
    }
    // SQLite has no TRUNCATE; PostgreSQL refuses it on the log as DELETE is refused.
    for table in ["events", "changes", "events_v1"] {
        let err = schema.client.batch_execute(&format!("TRUNCATE {table} CASCADE")).unwrap_err();
        assert!(err.as_db_error().unwrap().message().contains("append-only: TRUNCATE refused"), "{err}");
    }
    // A redaction replaces only an event's data: both engines let it through.
    let redact = "UPDATE events SET data = '{\"redacted\":true}' WHERE id = 2";
    assert_eq!(lite.execute(redact, []).unwrap(), 1);
    assert_eq!(schema.client.execute(redact, &[]).unwrap(), 1);
    let lite_events = lite_rows(&lite, "SELECT id, data, hash FROM events ORDER BY id");
    let pg_events = pg_rows(&mut schema.client, "SELECT id, data, hash FROM events ORDER BY id");
    assert_eq!(lite_events, pg_events);
}

#[test]
fn migrate_copies_a_verified_ledger_once_and_refuses_a_second_copy() {
    let Some(mut schema) = Schema::empty("migrate") else { return };
    let ledger = sample_ledger();
    let db = ledger.db.to_str().unwrap().to_string();
    let target = schema.conninfo();
    let out = ledger.ok(&["migrate", "--from", &db, "--to", &target]);
    assert!(out.contains("every row reads the same on PostgreSQL"), "{out}");
    let events = ledger.count("events");
    assert!(out.contains(&format!("its {events} audit events verified first")), "{out}");
    let on_pg: i64 = schema.client.query_one("SELECT count(*) FROM events", &[]).unwrap().get(0);
    assert_eq!(on_pg, events);
    let version: i64 = schema.client.query_one("SELECT version FROM schema_version", &[]).unwrap().get(0);
    assert_eq!(version, migrate_pg::schema_version());

    // Into a ledger that already holds rows: refused, nothing added.
    let stderr = ledger.fails_with(&["migrate", "--from", &db, "--to", &target], 1);
    assert!(stderr.contains("not empty"), "{stderr}");
    let after: i64 = schema.client.query_one("SELECT count(*) FROM events", &[]).unwrap().get(0);
    assert_eq!(after, events);
}

#[test]
fn migrate_refuses_a_ledger_that_does_not_verify_and_copies_nothing() {
    let Some(mut schema) = Schema::empty("tampered") else { return };
    let ledger = sample_ledger();
    // Changed behind claimtrack's back: the row no longer says what its events say.
    ledger.sql().execute("UPDATE claims SET text = 'Turkey will send nobody' WHERE id = 1", []).unwrap();
    let db = ledger.db.to_str().unwrap().to_string();
    let stderr = ledger.fails_with(&["migrate", "--from", &db, "--to", &schema.conninfo()], 3);
    assert!(stderr.contains("does not verify") && stderr.contains("nothing was copied"), "{stderr}");
    let tables: i64 = schema
        .client
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "the target was left as it was");
}

/// Needs no server: the one it names is not there.
#[test]
fn migrate_to_a_server_it_cannot_reach_says_so_in_one_line_without_the_password() {
    let ledger = Ledger::new();
    let db = ledger.db.to_str().unwrap().to_string();
    let nowhere = format!("postgres://desk:hunter2@{}/claims", "%2Fnonexistent%2Fsocket-dir");
    let stderr = ledger.rejects(&["migrate", "--from", &db, "--to", &nowhere], 1, "cannot connect to PostgreSQL");
    assert!(!stderr.contains("hunter2") && stderr.contains("desk:***@"), "{stderr}");
}
