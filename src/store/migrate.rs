//! Schema migrations from `schema.sql`, tracked in `PRAGMA user_version`, and the flag views from
//! `views.sql` (over 400 lines with its tests, which need the private statement splitter).
//!
//! Migrations run once each, in order, in one IMMEDIATE transaction. The views
//! are not migrations: every open compares the views in `sqlite_schema` with
//! the ones `views.sql` defines (a read), and when any is missing, different or
//! not defined there, drops them all and re-creates them from `views.sql`, in
//! the same transaction as any pending migrations.

use std::collections::BTreeMap;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const SCHEMA: &str = include_str!("../../schema.sql");
const VIEWS: &str = include_str!("../../views.sql");
pub(super) const MARKER: &str = "-- migration ";

/// How many migrations this binary knows; the `user_version` of an up-to-date ledger.
pub const SCHEMA_VERSION: i64 = count_migrations(SCHEMA);

const fn count_migrations(text: &str) -> i64 {
    // A line that starts with the marker begins a migration.
    let bytes = text.as_bytes();
    let marker = MARKER.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i + marker.len() <= bytes.len() {
        if i == 0 || bytes[i - 1] == b'\n' {
            let mut j = 0;
            while j < marker.len() && bytes[i + j] == marker[j] {
                j += 1;
            }
            if j == marker.len() {
                count += 1;
            }
        }
        i += 1;
    }
    count
}

/// The migrations in order, each the SQL that follows its marker line.
fn migrations() -> Vec<&'static str> {
    split_migrations(SCHEMA)
}

/// A schema file's migrations in order, each the SQL from its `-- migration N:` line to the next
/// (both engines' schema files are written this way).
pub(super) fn split_migrations(schema: &'static str) -> Vec<&'static str> {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in schema.split_inclusive('\n') {
        if line.starts_with(MARKER) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| &schema[start..starts.get(i + 1).copied().unwrap_or(schema.len())])
        .collect()
}

/// One view of `views.sql`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct View {
    name: &'static str,
    /// The statement from `CREATE` to its last token, without the `;`:
    /// exactly the text SQLite keeps in `sqlite_schema.sql`.
    sql: &'static str,
}

/// The statements of an SQL text, each from its first token to the `;` that
/// ends it (trailing whitespace trimmed). Semicolons inside comments, string
/// literals and quoted identifiers do not end a statement.
fn statements(text: &'static str) -> Vec<&'static str> {
    let bytes = text.as_bytes();
    let after = |from: usize, needle: &str| text[from..].find(needle).map_or(text.len(), |at| from + at + needle.len());
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'-' if bytes.get(i + 1) == Some(&b'-') => i = after(i, "\n"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = after(i + 2, "*/"),
            b';' => {
                if let Some(s) = start.take() {
                    out.push(text[s..i].trim_end());
                }
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            quote @ (b'\'' | b'"' | b'`' | b'[') => {
                start.get_or_insert(i);
                let close = if quote == b'[' { b']' } else { quote };
                // A doubled quote inside a literal is the quote itself; scanning on past it is the same.
                i = bytes[i + 1..].iter().position(|&b| b == close).map_or(bytes.len(), |at| i + 1 + at + 1);
            }
            _ => {
                start.get_or_insert(i);
                i += 1;
            }
        }
    }
    out.extend(start.map(|s| text[s..].trim_end()));
    out
}

/// The views `views.sql` defines, in the order it creates them; parsed once per
/// process, since every write compares them with the ledger's.
fn views() -> Result<&'static [View]> {
    static PARSED: std::sync::OnceLock<std::result::Result<Vec<View>, String>> = std::sync::OnceLock::new();
    match PARSED.get_or_init(|| parse_views().map_err(|e| e.to_string())) {
        Ok(views) => Ok(views),
        Err(why) => Err(Error::Internal(why.clone())),
    }
}

fn parse_views() -> Result<Vec<View>> {
    const PREFIX: &str = "CREATE VIEW ";
    statements(VIEWS)
        .into_iter()
        .map(|sql| {
            let rest = sql.strip_prefix(PREFIX).unwrap_or("");
            let name = &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len())];
            if name.is_empty() || !rest[name.len()..].starts_with([' ', '\n', '(']) {
                let first = sql.lines().next().unwrap_or("");
                return Err(Error::Internal(format!("views.sql: expected `CREATE VIEW name AS ...`, found {first:?}")));
            }
            Ok(View { name, sql })
        })
        .collect()
}

/// The views in the ledger, by name, with their stored SQL.
fn stored_views(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'view'")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the ledger holds exactly the views of `views.sql`, word for word.
fn views_current(conn: &Connection) -> Result<bool> {
    let defined = views()?;
    let stored = stored_views(conn)?;
    Ok(stored.len() == defined.len() && defined.iter().all(|v| stored.get(v.name).is_some_and(|sql| sql == v.sql)))
}

fn drop_views(conn: &Connection) -> Result<()> {
    for name in stored_views(conn)?.into_keys() {
        conn.execute_batch(&format!("DROP VIEW \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(())
}

/// Drops every view and creates those of `views.sql`.
fn recreate_views(conn: &Connection) -> Result<()> {
    drop_views(conn)?;
    for view in views()? {
        conn.execute_batch(view.sql)
            .map_err(|e| Error::Internal(format!("views.sql: creating view {} failed: {e}", view.name)))?;
    }
    Ok(())
}

/// The triggers the migrations leave behind, by name, with their SQL as written.
fn expected_triggers() -> BTreeMap<String, &'static str> {
    let mut triggers = BTreeMap::new();
    for migration in migrations() {
        let pieces = statements(migration);
        let mut i = 0;
        while i < pieces.len() {
            let sql = pieces[i];
            i += 1;
            let words: Vec<&str> = sql.split_whitespace().take(5).collect();
            match words.as_slice() {
                // A trigger's body has statements of its own: it runs to the `END` that closes it.
                ["CREATE", "TRIGGER", name, ..] => {
                    let start = sql.as_ptr() as usize - migration.as_ptr() as usize;
                    while i < pieces.len() && pieces[i] != "END" {
                        i += 1;
                    }
                    let end = pieces
                        .get(i)
                        .map_or(migration.len(), |p| p.as_ptr() as usize - migration.as_ptr() as usize + p.len());
                    i += 1;
                    triggers.insert(name.to_string(), &migration[start..end]);
                }
                ["DROP", "TRIGGER", "IF", "EXISTS", name] | ["DROP", "TRIGGER", name, ..] => {
                    triggers.remove(*name);
                }
                _ => {}
            }
        }
    }
    triggers
}

/// How the ledger's triggers differ from claimtrack's: one line per trigger missing, extra or changed.
pub fn trigger_differences(conn: &Connection) -> Result<Vec<String>> {
    // What the migrations define, worked out once per process.
    static EXPECTED: std::sync::OnceLock<BTreeMap<String, &'static str>> = std::sync::OnceLock::new();
    let expected = EXPECTED.get_or_init(expected_triggers);
    let mut stmt =
        conn.prepare_cached("SELECT name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'trigger'")?;
    let stored: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (name, table, sql) in &stored {
        match expected.get(name) {
            None => out.push(format!("trigger {name} on {table} is not claimtrack's")),
            Some(want) if want != sql => out.push(format!("trigger {name} on {table} was changed")),
            Some(_) => {}
        }
    }
    for name in expected.keys() {
        if !stored.iter().any(|(n, _, _)| n == name) {
            out.push(format!("trigger {name} is missing"));
        }
    }
    Ok(out)
}

/// Every schema object (type, name) → (table, SQL).
fn schema_objects(conn: &Connection) -> Result<BTreeMap<(String, String), (String, String)>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How the ledger's schema differs from a fresh ledger migrated by this claimtrack:
/// every table, index, trigger and view missing, extra or different.
pub fn schema_differences(conn: &Connection) -> Result<Vec<String>> {
    let fresh = Connection::open_in_memory()?;
    run(&fresh)?;
    Ok(object_differences(&schema_objects(&fresh)?, &schema_objects(conn)?))
}

/// Every schema object (kind, name) → (table, definition) of a ledger against a fresh one's:
/// one line per object missing, extra or different (the words `verify` prints on either engine).
pub(super) fn object_differences(
    want: &BTreeMap<(String, String), (String, String)>,
    have: &BTreeMap<(String, String), (String, String)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for ((kind, name), (table, sql)) in have {
        match want.get(&(kind.clone(), name.clone())) {
            None => out.push(format!("{kind} {name} on {table} is not claimtrack's")),
            Some((_, fresh_sql)) if fresh_sql != sql => out.push(format!("{kind} {name} differs from claimtrack's")),
            Some(_) => {}
        }
    }
    for (kind, name) in want.keys() {
        if !have.contains_key(&(kind.clone(), name.clone())) {
            out.push(format!("{kind} {name} is missing"));
        }
    }
    out
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the ledger up to [`SCHEMA_VERSION`] and its views up to `views.sql`.
///
/// On an up-to-date ledger this only reads `user_version` and `sqlite_schema`.
/// Otherwise it takes an IMMEDIATE transaction and looks again inside it, so
/// two processes opening the same ledger at once do the work exactly once.
/// Pending migrations run with no views in the ledger, so a migration may
/// change any column a view reads; the views are re-created after them.
pub fn run(conn: &Connection) -> Result<()> {
    if user_version(conn)? == SCHEMA_VERSION && views_current(conn)? {
        return Ok(());
    }
    // Rebuilding a table (migration 3) needs foreign keys off, which only takes
    // effect outside a transaction; they are checked before the commit instead.
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrate(conn);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    migrated
}

fn migrate(conn: &Connection) -> Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current = user_version(&tx)?;
    if current > SCHEMA_VERSION {
        return Err(Error::Internal(format!("schema version {current} appeared while migrating")));
    }
    if current < SCHEMA_VERSION {
        drop_views(&tx)?;
        for (index, sql) in migrations().into_iter().enumerate().skip(current as usize) {
            let number = index + 1;
            tx.execute_batch(sql).map_err(|e| Error::Internal(format!("migration {number} failed: {e}")))?;
            // Migration 3 converts the audit log, which takes claimtrack's own hashing, not SQL.
            if number == 3 {
                super::upgrade_v1::convert(&tx)?;
                super::sources::fill_keys(&tx)?;
                super::articles::fill_keys(&tx)?;
            }
            // Word lists in CHECK constraints are rewritten in the stored SQL, which takes code.
            if number == 11 {
                super::check_lists::rewrite_tables(&tx)?;
            }
            // The desk's stages are set by SQL; claimtrack records them as a change, so replay rebuilds them.
            if super::desk::is_desk_migration(sql) {
                super::desk::record_initial_stages(&tx)?;
            }
        }
        // Claims written before the matching index existed get their keys, words and quantities.
        super::matching::fill_missing(super::db::Db::Sqlite(&tx))?;
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(Error::Internal(format!("the migration left {broken} rows pointing at missing rows")));
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    if !views_current(&tx)? {
        recreate_views(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_triggers_are_those_the_migrations_leave() {
        let conn = Connection::open_in_memory().unwrap();
        run(&conn).unwrap();
        assert_eq!(trigger_differences(&conn).unwrap(), Vec::<String>::new());
        let names: Vec<String> = expected_triggers().into_keys().collect();
        assert!(names.contains(&"events_are_append_only_update".to_string()), "{names:?}");
        conn.execute_batch(
            "CREATE TRIGGER evil AFTER INSERT ON claims BEGIN UPDATE claims SET text = 'x' WHERE id = new.id; END;",
        )
        .unwrap();
        conn.execute_batch("DROP TRIGGER events_are_append_only_delete").unwrap();
        let found = trigger_differences(&conn).unwrap();
        assert!(found.iter().any(|d| d.contains("evil on claims is not claimtrack's")), "{found:?}");
        assert!(found.iter().any(|d| d.contains("events_are_append_only_delete is missing")), "{found:?}");
    }

    #[test]
    fn counts_every_marker_once() {
        assert_eq!(SCHEMA_VERSION as usize, migrations().len());
        const { assert!(SCHEMA_VERSION >= 1) };
        // A comment line that happens to start like a marker would split a migration in two.
        for (i, line) in SCHEMA.lines().filter(|l| l.starts_with(MARKER)).enumerate() {
            assert!(line.starts_with(&format!("{MARKER}{}:", i + 1)), "not migration {}'s marker: {line}", i + 1);
        }
    }

    /// Every schema object as (type, name, sql).
    fn schema(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt =
            conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
    }

    fn pragma(conn: &Connection, name: &str) -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        run(&conn).unwrap();
        let before = schema(&conn);
        // Bumped by every CREATE or DROP: unchanged means the views were left alone.
        let schema_version = pragma(&conn, "schema_version");
        run(&conn).unwrap();
        assert_eq!(before, schema(&conn));
        assert_eq!(pragma(&conn, "schema_version"), schema_version, "the second run re-created something");
        assert_eq!(pragma(&conn, "user_version"), SCHEMA_VERSION);
    }

    #[test]
    fn views_are_stored_exactly_as_views_sql_writes_them() {
        // Were SQLite to store a view's text differently, every open would re-create it.
        let conn = Connection::open_in_memory().unwrap();
        run(&conn).unwrap();
        let stored = stored_views(&conn).unwrap();
        for view in views().unwrap() {
            assert_eq!(stored.get(view.name).map(String::as_str), Some(view.sql), "view {}", view.name);
        }
        assert_eq!(stored.len(), views().unwrap().len());
    }

    #[test]
    fn a_view_changed_by_hand_comes_back_and_a_stray_one_goes() {
        let conn = Connection::open_in_memory().unwrap();
        run(&conn).unwrap();
        conn.execute_batch(
            "DROP VIEW claim_flags; CREATE VIEW claim_flags AS SELECT 1 AS claim_id;
             DROP VIEW article_roots;
             CREATE VIEW my_report AS SELECT count(*) FROM claims;",
        )
        .unwrap();
        assert!(!views_current(&conn).unwrap());
        run(&conn).unwrap();
        assert!(views_current(&conn).unwrap());
        let names: Vec<String> = stored_views(&conn).unwrap().into_keys().collect();
        assert!(!names.contains(&"my_report".to_string()), "{names:?}");
        assert!(names.contains(&"article_roots".to_string()), "{names:?}");
        conn.prepare("SELECT claim_id, flag, reason, flag_order FROM claim_flags").unwrap();
    }

    #[test]
    fn a_schema_1_ledger_trades_its_views_for_those_of_views_sql() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(migrations()[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert!(conn.prepare("SELECT flag_order FROM claim_flags").is_err(), "schema 1's claim_flags has no order");
        run(&conn).unwrap();
        assert_eq!(pragma(&conn, "user_version"), SCHEMA_VERSION);
        assert!(views_current(&conn).unwrap());
        conn.prepare("SELECT claim_id, flag, reason, flag_order FROM claim_flags").unwrap();
    }

    #[test]
    fn an_up_to_date_ledger_is_checked_without_taking_the_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let writer = Connection::open(&path).unwrap();
        run(&writer).unwrap();
        writer.execute_batch("BEGIN IMMEDIATE").unwrap();
        // No busy timeout: wanting the lock the writer holds would fail at once.
        let reader = Connection::open(&path).unwrap();
        reader.busy_timeout(std::time::Duration::ZERO).unwrap();
        run(&reader).unwrap();
        writer.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn views_sql_parses_into_the_flag_views() {
        let views = views().unwrap();
        let names: Vec<&str> = views.iter().map(|v| v.name).collect();
        assert_eq!(
            names,
            [
                "article_ancestry",
                "article_roots",
                "claim_evidence",
                "claim_origins",
                "claim_evidence_groups",
                "claim_independence",
                "latest_verdicts",
                "claim_flags",
            ]
        );
        for view in views {
            assert!(view.sql.starts_with(&format!("CREATE VIEW {} AS\n", view.name)), "{}", view.name);
            assert!(!view.sql.ends_with(';') && view.sql.trim_end() == view.sql, "{}", view.name);
        }
    }

    #[test]
    fn statements_end_only_at_semicolons_outside_strings_and_comments() {
        let text = "-- a comment; not a statement\n\
                    CREATE VIEW a AS SELECT ';' AS x, \"b;c\" -- a comment; still a\n;\n\
                    /* a; block */ CREATE VIEW b AS SELECT 'it''s; fine';\n\
                    -- the end;\n";
        assert_eq!(
            statements(text),
            [
                "CREATE VIEW a AS SELECT ';' AS x, \"b;c\" -- a comment; still a",
                "CREATE VIEW b AS SELECT 'it''s; fine'",
            ]
        );
    }
}
