//! CHECK constraints that list a column's allowed words, rewritten as chains of `=` (migration 11).
//!
//! SQLite checks `kind IN ('named', 'anonymous', 'vague')` — a list of three or more constants —
//! by building a temporary table of the list, every time a statement that writes the column
//! runs: for one row, a page cache opened, filled and dropped. The bare floor of a million-row
//! import spent nearly half its load in it (`cargo bench --bench import-floor`). The same check
//! written `(kind = 'named' OR kind = 'anonymous' OR kind = 'vague')` is compared in place, and
//! means the same for every value, NULL included (both are NULL, which a CHECK lets through).
//!
//! Only a table's stored SQL changes: SQLite's documented way to change a CHECK constraint
//! without copying the table (`PRAGMA writable_schema`, then a new `schema_version` and
//! `writable_schema = RESET` so every connection, this one included, reads the schema again).
//! Rows are untouched and already satisfy the new text.

use rusqlite::Connection;

use crate::error::Result;

/// Rewrites, in every table's stored SQL, each `column IN ('a', 'b', 'c', …)` of three or more
/// quoted words as `(column = 'a' OR column = 'b' OR …)`. Returns how many tables changed.
pub(super) fn rewrite_tables(conn: &Connection) -> Result<usize> {
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let changed: Vec<(String, String)> = tables
        .into_iter()
        .filter_map(|(name, sql)| {
            let new = rewrite(&sql);
            (new != sql).then_some((name, new))
        })
        .collect();
    if changed.is_empty() {
        return Ok(0);
    }
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let written = changed.iter().try_for_each(|(name, sql)| {
        conn.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", [sql, name]).map(drop)
    });
    if written.is_ok() {
        // Other connections read the schema again when its version moves.
        conn.pragma_update(None, "schema_version", version + 1)?;
    }
    // Off again whatever happened (a failure is rolled back by the caller's transaction), and
    // this connection reads the schema again too.
    conn.execute_batch("PRAGMA writable_schema = RESET")?;
    written?;
    Ok(changed.len())
}

/// `sql` with each `IN` list of three or more quoted words written as a chain of `=`.
pub(super) fn rewrite(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = find_in(rest) {
        let (before, from_in) = rest.split_at(at);
        let column_start = before.trim_end().rfind(|c: char| !is_name_char(c)).map_or(0, |i| i + 1);
        let column = before.trim_end()[column_start..].to_string();
        let list_start = from_in.find('(').map_or(from_in.len(), |i| i + 1);
        match (column.is_empty(), quoted_list(&from_in[list_start..])) {
            (false, Some((words, used))) if words.len() >= 3 => {
                out.push_str(&before[..column_start]);
                let chain: Vec<String> = words.iter().map(|w| format!("{column} = {w}")).collect();
                out.push('(');
                out.push_str(&chain.join(" OR "));
                out.push(')');
                rest = &from_in[list_start + used..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Where the next ` IN (` keyword is (its `I`), outside quoted words.
fn find_in(sql: &str) -> Option<usize> {
    let bytes = sql.as_bytes();
    let mut quoted = false;
    for i in 0..bytes.len() {
        match bytes[i] {
            b'\'' => quoted = !quoted,
            b'I' | b'i' if !quoted && i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                let word = bytes.get(i..i + 2).is_some_and(|w| w.eq_ignore_ascii_case(b"in"));
                let after = &sql[(i + 2).min(sql.len())..];
                if word
                    && after.trim_start().starts_with('(')
                    && after.starts_with(|c: char| c.is_whitespace() || c == '(')
                {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The quoted words of a list up to its closing `)`, each with its quotes, and how many bytes
/// of `list` they took (the `)` included); None when the list holds anything else.
fn quoted_list(list: &str) -> Option<(Vec<&str>, usize)> {
    let mut words = Vec::new();
    let mut i = 0;
    let bytes = list.as_bytes();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'\'') {
            return None;
        }
        let start = i;
        i += 1;
        // A quote inside a word is written twice.
        loop {
            match bytes.get(i) {
                None => return None,
                Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                Some(b'\'') => break,
                Some(_) => i += 1,
            }
        }
        i += 1;
        words.push(&list[start..i]);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b')') => return Some((words, i + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_three_or_more_words_become_chains() {
        let sql =
            "CREATE TABLE t (kind TEXT CHECK (kind IN ('a', 'b',\n   'c')), status TEXT CHECK (status IN ('x', 'y')))";
        assert_eq!(
            rewrite(sql),
            "CREATE TABLE t (kind TEXT CHECK ((kind = 'a' OR kind = 'b' OR kind = 'c')), status TEXT CHECK (status IN ('x', 'y')))"
        );
    }

    #[test]
    fn quotes_inside_words_numbers_and_words_that_merely_contain_in_stay() {
        assert_eq!(rewrite("CHECK (w IN ('it''s', 'b', 'c'))"), "CHECK ((w = 'it''s' OR w = 'b' OR w = 'c'))");
        for unchanged in [
            "CHECK (n IN (1, 2, 3))",
            "CHECK (note <> ' IN (''a'', ''b'', ''c'')')",
            "CREATE TABLE origin (x TEXT)",
            "CHECK (w IN ('a', 'b', 'c'",
        ] {
            assert_eq!(rewrite(unchanged), unchanged);
        }
    }

    #[test]
    fn the_rewritten_checks_refuse_and_allow_what_the_lists_did_without_a_temporary_table() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (medium TEXT CHECK (medium IN ('article', 'video', 'audio')));
             CREATE TABLE u (stage TEXT NOT NULL CHECK (stage IN ('open', 'in-review', 'closed')))",
        )
        .unwrap();
        assert_eq!(rewrite_tables(&conn).unwrap(), 2);
        let plan: Vec<String> = conn
            .prepare("EXPLAIN INSERT INTO t (medium) VALUES ('video')")
            .unwrap()
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
        for ok in ["INSERT INTO t VALUES ('video')", "INSERT INTO t VALUES (NULL)", "INSERT INTO u VALUES ('closed')"] {
            conn.execute(ok, []).unwrap();
        }
        for refused in ["INSERT INTO t VALUES ('podcast')", "INSERT INTO u VALUES ('Open')"] {
            let error = conn.execute(refused, []).unwrap_err().to_string();
            assert!(error.contains("CHECK constraint failed"), "{refused}: {error}");
        }
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        assert_eq!(rewrite_tables(&conn).unwrap(), 0, "a second run has nothing to rewrite");
    }
}
