//! PostgreSQL's side of `verify`'s engine-specific checks: the schema against a freshly built one
//! (read from the catalogue), the foreign keys, and the identity sequences' high-water marks.
//!
//! SQLite's `PRAGMA integrity_check` has no counterpart here: the server keeps its own storage.

use std::collections::BTreeMap;

use super::db::{Db, Pg};
use crate::error::{Error, Result};

/// Every schema object (kind, name) → (table, definition), as `migrate::object_differences` compares them.
type Objects = BTreeMap<(String, String), (String, String)>;

/// The schema's objects as the catalogue describes them, each in words that do not name the schema
/// it lives in, so a ledger's and a fresh schema's read the same: read with the schema first on the
/// search path, the server names its objects unqualified, except the table an index or a trigger
/// is on (`ON schema.table`, always qualified), whose qualifier is taken off. Tables with their columns (type,
/// collation, nullability, default, identity), constraints (and whether they are validated and
/// enforced) and row security; indexes; triggers (and whether they are enabled); views; functions
/// (with the search path a SECURITY DEFINER one pins, its schema's name left out); row-level
/// security policies; sequences. `?1` names the schema.
const OBJECTS: &str = r#"
WITH ns AS (SELECT oid, ' ON ' || quote_ident(nspname) || '.' AS prefix,
                   'search_path=' || quote_ident(nspname) || ', pg_temp' AS pinned
            FROM pg_namespace WHERE nspname = CAST(?1 AS TEXT))
SELECT 'table', c.relname::text, c.relname::text,
    coalesce((SELECT string_agg(format('%s %s%s%s%s%s', quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),
                 CASE WHEN a.attcollation <> 0 THEN ' collate ' || (SELECT quote_ident(collname) FROM pg_collation WHERE oid = a.attcollation) ELSE '' END,
                 CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                 CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
                 CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
                 || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')), ', ' ORDER BY a.attnum)
              FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
    || ' | ' || coalesce((SELECT string_agg(format('%s %s%s', quote_ident(k.conname), pg_get_constraintdef(k.oid),
                 CASE WHEN k.convalidated THEN '' ELSE ' not valid' END), ', ' ORDER BY k.conname)
              FROM pg_constraint k WHERE k.conrelid = c.oid), '')
    || ' | enforced by ' || (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgisinternal AND t.tgenabled <> 'D')
    || ' of ' || (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgisinternal)
    || CASE WHEN c.relrowsecurity THEN ' | row security' ELSE '' END
    || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END
FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'index', i.relname::text, t.relname::text, replace(pg_get_indexdef(i.oid), ns.prefix, ' ON ')
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid, ns
WHERE t.relnamespace = ns.oid
UNION ALL
SELECT 'trigger', g.tgname::text, t.relname::text,
    replace(pg_get_triggerdef(g.oid), ns.prefix, ' ON ') || CASE g.tgenabled WHEN 'O' THEN '' ELSE ' enabled ' || g.tgenabled::text END
FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid, ns
WHERE t.relnamespace = ns.oid AND NOT g.tgisinternal
UNION ALL
SELECT 'view', c.relname::text, c.relname::text, pg_get_viewdef(c.oid)
FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'function', p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', '',
    format('returns %s language %s volatility %s strict %s security definer %s: %s', pg_get_function_result(p.oid),
        (SELECT lanname FROM pg_language WHERE oid = p.prolang), p.provolatile, p.proisstrict, p.prosecdef, p.prosrc)
    || coalesce(' set ' || replace(array_to_string(p.proconfig, ','), ns.pinned, 'search_path=(its own schema), pg_temp'), '')
FROM pg_proc p, ns WHERE p.pronamespace = ns.oid
UNION ALL
SELECT 'policy', p.polname::text, c.relname::text,
    format('%s for %s to %s using %s check %s', CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END,
        p.polcmd, array_to_string(p.polroles::regrole[]::text[], ','), coalesce(pg_get_expr(p.polqual, p.polrelid), '-'),
        coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'))
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid, ns WHERE c.relnamespace = ns.oid
UNION ALL
SELECT 'sequence', c.relname::text, coalesce((SELECT t.relname::text FROM pg_depend dep JOIN pg_class t ON t.oid = dep.refobjid
        WHERE dep.objid = c.oid AND dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
          AND dep.deptype IN ('a', 'i') LIMIT 1), ''),
    format('%s start %s increment %s min %s max %s cache %s cycle %s', format_type(s.seqtypid, NULL), s.seqstart,
        s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid, ns WHERE c.relnamespace = ns.oid
"#;

fn objects(db: Db<'_>, schema: &str) -> Result<Objects> {
    let rows = db.query(OBJECTS, &[&schema], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    Ok(rows.into_iter().collect())
}

/// The objects of a schema built from `schema-postgres.sql` and `views-postgres.sql` by this
/// claimtrack, for [`schema_differences`] to hold a ledger against. It is built in a schema of its
/// own inside a transaction that is rolled back, so nothing of it stays on the server; that needs
/// the CREATE privilege on the database. Built before `verify`'s read snapshot begins (which is
/// read-only), on the same connection.
pub struct FreshSchema(Objects);

impl FreshSchema {
    pub fn build(pg: &Pg) -> Result<FreshSchema> {
        let pid: i64 =
            pg.db().query_opt("SELECT CAST(pg_backend_pid() AS BIGINT)", &[], |r| r.get(0))?.unwrap_or_default();
        // One name per server session: two verifies at once never wait on each other's schema.
        let name = format!("claimtrack_fresh_{pid}");
        pg.batch(&format!("BEGIN; CREATE SCHEMA {name}; SET LOCAL search_path = {name}"))
            .and_then(|()| pg.batch(super::migrate_pg::SCHEMA))
            .and_then(|()| pg.batch(super::migrate_pg::VIEWS))
            .map_err(|e| {
                let _ = pg.batch("ROLLBACK");
                Error::invalid(format!(
                    "verify builds a fresh schema to compare this one with, in a transaction it rolls back, and could not: {e}"
                ))
            })?;
        let read = objects(pg.db(), &name);
        pg.batch("ROLLBACK")?;
        Ok(FreshSchema(read?))
    }

    /// How the ledger's schema (the connection's current schema) differs from the fresh one: every
    /// table, index, trigger, view, function and sequence missing, extra or different, in the words
    /// SQLite's check uses.
    pub fn differences(&self, db: Db<'_>) -> Result<Vec<String>> {
        let current: String = db.query_opt("SELECT current_schema()::text", &[], |r| r.get(0))?.unwrap_or_default();
        Ok(super::migrate::object_differences(&self.0, &objects(db, &current)?))
    }
}

/// Rows that point at a row which is not there, one line per row and foreign key, as SQLite's
/// `foreign_key_check` reports them. PostgreSQL enforces its foreign keys as rows are written, but
/// an owner can turn that off (`ALTER TABLE … DISABLE TRIGGER ALL`, `session_replication_role =
/// replica`), so each key is checked against the rows as they are.
/// A `*_same_newsroom` key (schema-postgres.sql, migration 4) twins a key on its first column: a
/// missing row is that key's to report, and the twin reports a row that points into another newsroom.
pub fn foreign_key_problems(db: Db<'_>) -> Result<Vec<String>> {
    let keys: Vec<(String, String, String, String, bool, String)> = db.query(
        "SELECT child.relname::text, parent.relname::text,
                (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ' ORDER BY n)
                   FROM unnest(k.conkey) WITH ORDINALITY u(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
                (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ' ORDER BY n)
                   FROM unnest(k.conkey, k.confkey) WITH ORDINALITY u(c_attnum, p_attnum, n)
                   JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.c_attnum
                   JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.p_attnum),
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'id' AND NOT a.attisdropped),
                k.conname::text
         FROM pg_constraint k
         JOIN pg_class child ON child.oid = k.conrelid
         JOIN pg_class parent ON parent.oid = k.confrelid
         WHERE k.contype = 'f' AND child.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
         ORDER BY child.relname, k.conname",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let mut out = Vec::new();
    for (child, parent, present, matches, has_id, name) in keys {
        let id = if has_id { "CAST(c.id AS BIGINT)" } else { "CAST(NULL AS BIGINT)" };
        let twin = name.ends_with("_same_newsroom");
        // The twin's pairs are "p.id = c.col AND p.org_id = c.org_id": the row is there, in another newsroom.
        let sql = match matches.split_once(" AND ") {
            Some((same_id, same_org)) if twin => format!(
                "SELECT {id} FROM {} c WHERE {present} AND EXISTS (SELECT 1 FROM {} p WHERE {same_id} AND NOT ({same_org}))
                 ORDER BY 1",
                quote(&child),
                quote(&parent)
            ),
            _ => format!(
                "SELECT {id} FROM {} c WHERE {present} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {matches}) ORDER BY 1",
                quote(&child),
                quote(&parent)
            ),
        };
        let what = if twin { "another newsroom's" } else { "a missing" };
        for row in db.query(&sql, &[], |r| r.get::<Option<i64>>(0))? {
            out.push(format!(
                "{child} row {} points at {what} {parent} row",
                row.map_or("?".into(), |r| r.to_string())
            ));
        }
    }
    Ok(out)
}

/// Tables whose identity sequence was set back below an id the log has used, so deleted ids could
/// return: what `log::sequence_problems` finds in SQLite's `sqlite_sequence`. A sequence's high-water
/// mark is the last value it handed out (none yet: 0).
pub fn sequence_problems(db: Db<'_>) -> Result<Vec<String>> {
    db.query(
        "WITH used AS (
             SELECT e.table_name,
                    max(CASE e.action WHEN 'import' THEN CAST(e.data::jsonb->>'last' AS BIGINT) ELSE e.row_id END) AS used
             FROM events e WHERE e.action IN ('insert', 'import') AND e.table_name <> 'settings'
             GROUP BY e.table_name),
         sequences AS (
             SELECT t.relname::text AS table_name,
                    CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - s.increment_by END AS mark
             FROM pg_class t
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'id'
             JOIN pg_depend dep ON dep.refobjid = t.oid AND dep.refobjsubid = a.attnum
                  AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
             JOIN pg_class q ON q.oid = dep.objid AND q.relkind = 'S'
             JOIN LATERAL (SELECT (pg_sequence_last_value(q.oid) IS NOT NULL) AS is_called,
                                  coalesce(pg_sequence_last_value(q.oid), sq.seqstart) AS last_value,
                                  sq.seqincrement AS increment_by
                           FROM pg_sequence sq WHERE sq.seqrelid = q.oid) s ON true
             WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))
         SELECT u.table_name, u.used, coalesce(s.mark, 0)
         FROM used u LEFT JOIN sequences s ON s.table_name = u.table_name
         WHERE u.used > coalesce(s.mark, 0)
         ORDER BY u.table_name",
        &[],
        |r| {
            Ok(format!(
                "the id sequence of {} was set back to {} below id {} the log has used: deleted ids could be reused",
                r.get::<String>(0)?,
                r.get::<i64>(2)?,
                r.get::<i64>(1)?
            ))
        },
    )
}

/// A catalogue name as an SQL identifier.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
