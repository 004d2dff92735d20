//! Merging a desk's SQLite ledger into a PostgreSQL server that already holds other newsrooms
//! (`claimtrack migrate --from FILE --to URL --org NEWSROOM --merge`): every row under a new id,
//! its references to other rows following it, recorded in the receiving newsroom's chain as one
//! `import` event per table, as a bulk import is. The file's own chain cannot come across: each of
//! its events' hashes covers its row's old id. So it stays in the file, and each import event names
//! the file with the anchor of the chain it came from, where that history can still be checked.

use std::collections::HashMap;

use rusqlite::Connection;

use super::Tx;
use super::db::{Datum, Db, Dialect, Param};
use super::transfer::{self, Cell, TableCopy};
use crate::error::{Error, Result};

/// The tables merged, parents first, each with the columns that hold another merged table's id.
/// (The audit log, the matching index's counts and the settings are not rows to carry over: the
/// receiving chain records the merge, the counts are added to, and settings are set through the
/// log.)
const MERGED: &[(&str, &[(&str, &str)])] = &[
    ("sources", &[]),
    ("source_aliases", &[("source_id", "sources")]),
    ("articles", &[("publisher_id", "sources")]),
    ("article_derivations", &[("article_id", "articles"), ("derived_from_id", "articles")]),
    ("claims", &[]),
    ("citations", &[("claim_id", "claims"), ("article_id", "articles"), ("source_id", "sources")]),
    ("links", &[("claim_id", "claims"), ("target_claim_id", "claims"), ("target_article_id", "articles")]),
    ("verdicts", &[("claim_id", "claims")]),
    ("verdict_evidence", &[("verdict_id", "verdicts")]),
    ("reviews", &[("claim_id", "claims"), ("verdict_id", "verdicts"), ("reviewer_id", "sources")]),
    ("claim_assignees", &[("claim_id", "claims")]),
    ("claim_tags", &[("claim_id", "claims")]),
    ("claim_notes", &[("claim_id", "claims")]),
    ("claims_fts", &[("claim_id", "claims")]),
    ("claim_quantities", &[("claim_id", "claims")]),
    ("claim_mismatches", &[("claim_id", "claims"), ("other_claim_id", "claims")]),
];

/// The records a newsroom must not hold yet for a merge into it: a merge is a newsroom's start.
const RECORDS: [&str; 3] = ["sources", "articles", "claims"];

/// Old id → new id, per table.
type Ids = HashMap<&'static str, HashMap<i64, i64>>;

/// Merges the SQLite ledger `from` into the newsroom `tx` writes for (which must hold no records
/// yet), inside `tx`'s transaction: the rows are recorded by `tx`'s batch (see `Tx::begin_batch`).
/// What each table received.
pub fn merge_ledger(from: &Connection, tx: &mut Tx<'_>) -> Result<Vec<TableCopy>> {
    let to = tx.db();
    for table in RECORDS {
        let sql = format!("SELECT count(*) FROM {table} WHERE org_id = my_newsroom()");
        let held: i64 = to.query_opt(&sql, &[], |r| r.get(0))?.unwrap_or(0);
        if held > 0 {
            return Err(Error::invalid(format!(
                "the newsroom already holds {held} {table}: a ledger merges into a newsroom of its own \
                 (`claimtrack org add`), so no record arrives twice"
            )));
        }
    }
    let mut ids: Ids = HashMap::new();
    let mut copied = Vec::new();
    for &(table, references) in MERGED {
        let columns = transfer::columns(from, to, table)?;
        let names: Vec<&str> = columns.iter().map(|c| c.name(Dialect::Postgres)).collect();
        let position = |name: &str| names.iter().position(|n| n.trim_matches('"') == name);
        let id_at = position("id");
        let fixes: Vec<(usize, &str)> = references
            .iter()
            .map(|&(column, parent)| {
                position(column)
                    .map(|at| (at, parent))
                    .ok_or_else(|| Error::Internal(format!("{table} has no column {column}")))
            })
            .collect::<Result<_>>()?;
        // The id is the server's to give; every other column crosses as it is, references renumbered.
        let kept: Vec<usize> = (0..columns.len()).filter(|&i| Some(i) != id_at).collect();
        let binds: Vec<String> =
            kept.iter().enumerate().map(|(n, &i)| columns[i].bind(Dialect::Postgres, &format!("?{}", n + 1))).collect();
        let returning = if id_at.is_some() { " RETURNING id" } else { "" };
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({}){returning}",
            kept.iter().map(|&i| names[i]).collect::<Vec<_>>().join(", "),
            binds.join(", ")
        );
        let mut given = HashMap::new();
        let mut rows = 0;
        transfer::each_row(Db::Sqlite(from), table, &columns, |mut cells| {
            for &(at, parent) in &fixes {
                if let Datum::Integer(old) = cells[at].0 {
                    let new = ids.get(parent).and_then(|m| m.get(&old)).ok_or_else(|| {
                        Error::invalid(format!("{table} points at {parent} row {old}, which the ledger does not hold"))
                    })?;
                    cells[at] = Cell(Datum::Integer(*new));
                }
            }
            let params: Vec<&dyn Param> = kept.iter().map(|&i| &cells[i] as &dyn Param).collect();
            match id_at {
                Some(at) => {
                    let Datum::Integer(old) = cells[at].0 else {
                        return Err(Error::Internal(format!("a {table} row without an id")));
                    };
                    given.insert(old, to.insert(&sql, &params)?);
                }
                None => {
                    to.execute(&sql, &params)?;
                }
            }
            rows += 1;
            Ok(())
        })?;
        if id_at.is_some() {
            ids.insert(table, given);
        }
        copied.push(TableCopy { table: table.to_string(), rows, next_id: None });
    }
    super::matching::add_counts(from, to)?;
    Ok(copied)
}
