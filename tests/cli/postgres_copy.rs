//! Copies between the engines, both ways (issue 12, item 6), and `backup` on PostgreSQL (item 5): a
//! ledger taken from a server into an SQLite file opens and verifies with the ordinary CLI; SQLite →
//! PostgreSQL → SQLite gives back every row, the same ids and the same chain; `backup` on a server
//! writes a verified SQLite copy whole or not at all, also while editors write.
//!
//! These run when `CLAIMTRACK_TEST_PG` names a server (`.ci/pg-cluster run cargo test` starts one);
//! without it they skip, and under CI they fail. The usage test needs no server.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::ValueRef;

use crate::common::postgres::Schema;
use crate::common::{Ledger, fixture};
use crate::postgres_schema::larger_ledger;
use crate::postgres_verify::superuser;

/// Every row of every table of an SQLite ledger file, each cell with its type, sorted; FTS5's own
/// storage tables left out (their pages depend on how the rows were written; the rows themselves
/// are compared through `claims_fts`), AUTOINCREMENT's counters included.
fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'claims_fts_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names.retain(|n| n != "claims_fts_vocab");
    names
        .into_iter()
        .map(|name| {
            let sql = match name.as_str() {
                "claims_fts" => "SELECT rowid, terms FROM claims_fts".to_string(),
                _ => format!("SELECT * FROM \"{name}\""),
            };
            let mut stmt = conn.prepare(&sql).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            let mut out = Vec::new();
            while let Some(row) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| match row.get_ref(i).unwrap() {
                        ValueRef::Null => "null".into(),
                        ValueRef::Integer(v) => format!("int {v}"),
                        ValueRef::Real(v) => format!("real {v:?}"),
                        ValueRef::Text(t) => format!("text {:?}", String::from_utf8_lossy(t)),
                        ValueRef::Blob(b) => format!("blob {b:02x?}"),
                    })
                    .collect();
                out.push(cells.join(" | "));
            }
            out.sort();
            (name, out)
        })
        .collect()
}

/// What is in a folder, hidden staging files included.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// `ledger` copied to a fresh PostgreSQL schema with `migrate` (as the server's owner, for newsroom
/// `desk`); the schema and the connection string of an editor of desk.
fn on_server(ledger: &Ledger, test: &str) -> Option<(Schema, String)> {
    let mut schema = Schema::empty(test)?;
    ledger.ok(&["migrate", "--from", ledger.db.to_str().unwrap(), "--to", &schema.conninfo()]);
    let target = schema.add_editor("desk");
    Some((schema, target))
}

#[test]
fn a_ledger_taken_to_a_server_and_back_keeps_every_row_its_ids_and_its_chain() {
    let ledger = larger_ledger();
    // A redaction rewrites an event's data in place; its marker must come back as it is.
    ledger.ok(&["redact", "claim", "3", "text", "--reason", "source protection"]);
    // The newest assignee taken off: the id counter is past every id the table still holds.
    let (claim, editor): (i64, String) = ledger
        .sql()
        .query_row("SELECT claim_id, editor FROM claim_assignees ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    ledger.ok(&["claim", "unassign", &claim.to_string(), "--from", &editor]);
    let Some((_schema, target)) = on_server(&ledger, "round_trip") else { return };
    let back = Ledger::uninitialised();
    let to = back.db.to_str().unwrap();
    let out = back.ok(&["migrate", "--from", &target, "--to", to]);
    let events = ledger.count("events");
    assert!(
        out.contains(&format!("into {to}; every row reads the same in the file, and its {events} audit events verify")),
        "{out}"
    );

    let (original, copy) = (dump(&ledger.db), dump(&back.db));
    assert!(original["reviews"].iter().any(|r| r.contains("real 4.5")) && original["events"].len() > 50);
    for (table, rows) in &original {
        assert_eq!(Some(rows), copy.get(table), "table {table}");
    }
    assert_eq!(original.len(), copy.len());

    // One chain on all three: the same head, and each verifies against it.
    let anchor = ledger.ok(&["anchor"]);
    assert_eq!(ledger.ok(&["--db", &target, "anchor"]), anchor);
    assert_eq!(back.ok(&["anchor"]), anchor);
    let verified = back.ok(&["verify", "--anchor", anchor.trim()]);
    assert!(verified.starts_with("ok: ") && verified.contains("integrity"), "{verified}");
    // An ordinary ledger file from here on: the next rows get the ids the original gives them.
    let args = ["claim", "add", "The ferry resumed service on 2 October."];
    assert_eq!(back.add(&args), ledger.add(&args));
    assert_eq!(
        back.add(&["source", "add", "Port authority", "--kind", "organization"]),
        ledger.add(&["source", "add", "Port authority", "--kind", "organization"])
    );
    // Not even an id given once and deleted since is given again.
    for ledger in [&ledger, &back] {
        ledger.ok(&["claim", "assign", &claim.to_string(), "--to", "Chen"]);
    }
    let newest =
        |l: &Ledger| l.sql().query_row("SELECT max(id) FROM claim_assignees", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(newest(&back), newest(&ledger));
    back.ok(&["verify"]);
    // Nothing else was left in the folder: no staging file, no journal.
    assert_eq!(files(back.dir.path()), ["ledger.db"]);
}

#[test]
fn a_ledger_begun_on_schema_1_comes_back_from_the_server_with_its_old_log() {
    let ledger = Ledger::uninitialised();
    std::fs::copy(fixture("ledger-schema-1.sqlite"), &ledger.db).unwrap();
    ledger.ok(&["upgrade"]);
    assert!(ledger.count("events_v1") > 0, "the fixture's schema-1 log");
    let Some((_schema, target)) = on_server(&ledger, "round_trip_v1") else { return };
    let back = Ledger::uninitialised();
    back.ok(&["migrate", "--from", &target, "--to", back.db.to_str().unwrap()]);
    assert_eq!(dump(&ledger.db), dump(&back.db));
    back.ok(&["verify", "--anchor", ledger.ok(&["anchor"]).trim()]);
}

#[test]
fn migrate_from_a_server_fills_only_a_new_file_or_a_ledger_nothing_was_written_to() {
    let ledger = larger_ledger();
    let Some((_schema, target)) = on_server(&ledger, "targets") else { return };

    // A ledger with rows of its own: refused, the file untouched.
    let used = Ledger::new();
    used.add(&["source", "add", "Reuters", "--kind", "agency"]);
    let stderr = used.rejects(&["migrate", "--from", &target, "--to", used.db.to_str().unwrap()], 1, "not empty");
    assert!(stderr.contains("copy only into a new ledger"), "{stderr}");

    // A file that is not a ledger: refused, untouched.
    let other = Ledger::uninitialised();
    std::fs::write(&other.db, "notes, not a ledger\n").unwrap();
    other.fails_with(&["migrate", "--from", &target, "--to", other.db.to_str().unwrap()], 1);
    assert_eq!(std::fs::read_to_string(&other.db).unwrap(), "notes, not a ledger\n");

    // `init`'s ledger, nothing written to it yet: filled in place, its own starting rows replaced.
    let fresh = Ledger::new();
    fresh.ok(&["migrate", "--from", &target, "--to", fresh.db.to_str().unwrap()]);
    assert_eq!(dump(&fresh.db), dump(&ledger.db));
    fresh.ok(&["verify", "--anchor", ledger.ok(&["anchor"]).trim()]);

    // A folder that does not exist: one line, nothing made.
    let nowhere = ledger.dir.path().join("no-such-folder").join("copy.db");
    ledger.rejects(&["migrate", "--from", &target, "--to", nowhere.to_str().unwrap()], 1, "does not exist");
}

#[test]
fn a_server_ledger_that_does_not_verify_gives_a_copy_that_does_not_and_leaves_no_file() {
    let ledger = larger_ledger();
    let Some((mut schema, target)) = on_server(&ledger, "tampered_out") else { return };
    // Changed behind claimtrack's back, by someone with the owner's rights.
    schema.client.batch_execute("UPDATE claims SET text = 'Turkey will send nobody' WHERE id = 1").unwrap();
    // The copy carries the tampered row, so it does not verify as a file either, and goes.
    let out = Ledger::uninitialised();
    for args in [&["migrate", "--from", &target, "--to", "copy.db"][..], &["--db", &target, "backup", "copy.db"]] {
        let stderr = out.fails_with(args, 3);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("copy.db does not verify, so it was removed"), "{args:?}: {stderr}");
        assert!(stderr.contains("claims row 1"), "{args:?} names the row: {stderr}");
        assert_eq!(files(out.dir.path()), Vec::<String>::new(), "{args:?} left a file");
    }
}

/// Needs no server: the connection strings are never used.
#[test]
fn migrate_between_two_files_or_two_servers_is_a_usage_error() {
    let ledger = Ledger::new();
    let db = ledger.db.to_str().unwrap();
    let stderr = ledger.rejects(&["migrate", "--from", db, "--to", "other.db"], 2, "both name SQLite files");
    assert!(stderr.contains("claimtrack backup"), "{stderr}");
    let servers = ["postgres://desk@db.example/a", "host=/nonexistent dbname=b"];
    let stderr =
        ledger.rejects(&["migrate", "--from", servers[0], "--to", servers[1]], 2, "both name PostgreSQL servers");
    assert!(stderr.contains("pg_dump"), "{stderr}");
}

#[test]
fn backup_on_a_server_writes_a_verified_sqlite_copy_and_says_what_it_wrote() {
    let ledger = larger_ledger();
    let Some((_schema, target)) = on_server(&ledger, "backup") else { return };
    let copy = Ledger::uninitialised();
    let file = copy.db.to_str().unwrap();
    let anchor = ledger.ok(&["anchor"]);
    let (events, rows) = (ledger.count("events"), dump(&ledger.db).values().map(Vec::len).sum::<usize>());
    assert!(rows > 0);

    let out = copy.ok(&["--db", &target, "backup", file]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with(&format!("backed up {events} events (")), "{out}");
    assert!(first.contains(&format!("to {file} as an SQLite ledger")), "{out}");
    assert!(first.ends_with("every row reads as on the server, and it verifies"), "{out}");
    assert_eq!(out.lines().nth(1), Some(format!("anchor: {}", anchor.trim()).as_str()));
    assert_eq!(dump(&copy.db), dump(&ledger.db));
    copy.ok(&["verify", "--anchor", anchor.trim()]);
    // One file, nothing beside it: no write-ahead log, no staging name left.
    assert_eq!(files(copy.dir.path()), ["ledger.db"]);
    let journal: String =
        rusqlite::Connection::open(&copy.db).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "delete");

    // The JSON says the same.
    let second = copy.dir.path().join("second.db");
    let json = copy.json(&["--db", &target, "backup", second.to_str().unwrap()]);
    assert_eq!(json["path"], second.to_str().unwrap());
    assert_eq!(json["events"], events);
    assert_eq!(json["anchor"], anchor.trim());
    assert!(json["from"].as_str().unwrap().contains("search_path"), "{json}");
    assert!(json["rows"].as_u64().unwrap() > events as u64, "{json}");
    // A backup never overwrites a file.
    copy.rejects(&["--db", &target, "backup", file], 1, "never overwrites");
}

#[test]
fn a_backup_taken_on_a_server_while_editors_write_is_a_verified_snapshot() {
    let ledger = Ledger::new();
    ledger.ok(&["sample"]);
    let Some((mut schema, target)) = on_server(&ledger, "backup_live") else { return };
    let before: i64 = ledger.count("claims");
    let (writers, claims) = (4, 15);
    let copy = Ledger::uninitialised();
    std::thread::scope(|scope| {
        for w in 0..writers {
            let (ledger, target) = (&ledger, &target);
            scope.spawn(move || {
                for c in 0..claims {
                    let text = format!("Writer {w} logged claim {c} while the backup ran.");
                    ledger.ok(&["--db", target, "claim", "add", &text]);
                }
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
        copy.ok(&["--db", &target, "backup", copy.db.to_str().unwrap()]);
    });
    // The copy is the ledger as of one moment: it verifies, and holds a prefix of the writers' claims.
    let verified = copy.ok(&["verify"]);
    assert!(verified.starts_with("ok: "), "{verified}");
    let in_copy = copy.count("claims");
    assert!((before..=before + writers * claims).contains(&in_copy), "{in_copy}");
    let ids: Vec<i64> = copy
        .sql()
        .prepare("SELECT id FROM claims ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(ids, (1..=in_copy).collect::<Vec<_>>(), "no gap: a snapshot, not a mix of moments");
    // The writers lost nothing to it, and the server's ledger still verifies.
    let on_server: i64 = schema.client.query_one("SELECT count(*) FROM claims", &[]).unwrap().get(0);
    assert_eq!(on_server, before + writers * claims);
    ledger.ok(&["--db", &target, "verify"]);
}

#[test]
fn an_editor_without_create_on_the_database_takes_a_backup_and_an_offline_copy() {
    let ledger = larger_ledger();
    let Some((schema, target)) = on_server(&ledger, "reader_copy") else { return };
    let Some(mut admin) = superuser() else { return };
    // No CREATE on the database, so no server-side `verify` (it builds a fresh schema to compare
    // with): the copies need none, as each is verified as a file.
    admin.batch_execute(&format!("REVOKE CREATE ON DATABASE claimtrack FROM {}", schema.editors[0])).unwrap();
    let reader = Ledger::uninitialised();
    reader.ok(&["--db", &target, "backup", "desk.db"]);
    reader.ok(&["migrate", "--from", &target, "--to", "road.db"]);
    for file in ["desk.db", "road.db"] {
        assert_eq!(dump(&reader.dir.path().join(file)), dump(&ledger.db), "{file}");
    }
}

#[test]
fn a_second_desk_merges_onto_a_server_under_new_ids_in_a_newsroom_of_its_own() {
    let first = larger_ledger();
    let Some((mut schema, first_editor)) = on_server(&first, "merge") else { return };
    let owner = schema.owner();
    let owner_target = schema.conninfo();
    let second = Ledger::new();
    second.ok(&["sample"]);
    second.ok(&["claim", "add", "Forty drones landed in Agadez", "--on-duplicate", "add"]);
    let file = second.db.to_str().unwrap().to_string();

    // Without --merge a server holding rows is refused, with the way to do it.
    let stderr = second.fails_with(&["migrate", "--from", &file, "--to", &owner_target, "--org", "desk-b"], 1);
    assert!(stderr.contains("not empty") && stderr.contains("--merge"), "{stderr}");
    // --merge goes one way only.
    second.exits(&["migrate", "--from", &first_editor, "--to", "back.db", "--merge"], 2);

    let out = second.ok(&["migrate", "--from", &file, "--to", &owner_target, "--org", "desk-b", "--merge"]);
    assert!(out.contains("under new ids") && out.contains("verifies"), "{out}");
    let mut second_editor = Ledger::uninitialised();
    second_editor.db = schema.add_editor("desk-b").into();
    // The same claims, texts and flags, under new ids; the first desk is untouched.
    let texts = |ledger: &Ledger| -> Vec<String> {
        let listed = ledger.json(&["claim", "list"]);
        let mut texts: Vec<String> =
            listed.as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect();
        texts.sort();
        texts
    };
    assert_eq!(texts(&second_editor), texts(&second));
    let first_ids: Vec<i64> =
        first.json(&["claim", "list"]).as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    let merged_ids: Vec<i64> =
        second_editor.json(&["claim", "list"]).as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert!(merged_ids.iter().all(|id| id > first_ids.iter().max().unwrap()), "new ids above the server's");
    assert_eq!(
        second_editor.json(&["flags"]).to_string().matches("single-source").count(),
        second.json(&["flags"]).to_string().matches("single-source").count()
    );
    // The receiving chain records the merge: one import per table, naming the file and its anchor.
    let anchor = second.ok(&["anchor"]);
    let history = second_editor.ok(&["history"]);
    assert!(history.contains("import") && history.contains(&format!("at anchor {}", anchor.trim())), "{history}");
    assert!(second_editor.ok(&["verify"]).starts_with("ok: "));
    assert!(second_editor.json(&["similar", "Forty drones landed in Agadez"]).to_string().contains("Forty drones"));
    let all = owner.ok(&["admin", "verify"]);
    assert_eq!(all.lines().filter(|l| l.starts_with("ok: ")).count(), 2, "{all}");

    // A second merge into the same newsroom would bring every record twice: refused, nothing written.
    let before = second_editor.ok(&["history"]);
    let stderr =
        second.fails_with(&["migrate", "--from", &file, "--to", &owner_target, "--org", "desk-b", "--merge"], 1);
    assert!(stderr.contains("already holds"), "{stderr}");
    assert_eq!(second_editor.ok(&["history"]), before);
}
