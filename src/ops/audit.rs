//! The audit trail: reading the log, and verifying its chain, the rows it describes and the file.

use serde::Serialize;

use crate::chain::Anchor;
use crate::error::{Error, Result};
use crate::model::Event;
use crate::store::check_pg::{self, FreshSchema};
use crate::store::db::Db;
use crate::store::{Store, audit, claims, log};
use crate::verify::ChainCheck;

/// The events about one claim (by reference) or all of them, oldest first; `limit` keeps the newest N.
pub fn history(store: &Store, claim: Option<&str>, limit: Option<u64>) -> Result<Vec<Event>> {
    let claim = claim.map(|c| claims::resolve(store.db(), c)).transpose()?;
    log::events(store.db(), claim, limit)
}

/// What `verify` found.
#[derive(Serialize)]
pub struct Verification {
    pub ok: bool,
    pub events: u64,
    pub problems: Vec<String>,
    /// Whether the engine's storage itself was checked (SQLite's `integrity_check`); on
    /// PostgreSQL the server keeps its own storage, and the verdict says so.
    #[serde(skip)]
    pub storage_checked: bool,
    /// On PostgreSQL, the newsroom whose chain and rows were checked (the JSON stays SQLite's).
    #[serde(skip)]
    pub newsroom: Option<String>,
    /// Whether every foreign key was checked: an editor sees only some rows, so on PostgreSQL only
    /// the owner (`claimtrack admin verify`) checks them.
    #[serde(skip)]
    pub foreign_keys_checked: bool,
}

/// The chain's head as an anchor to keep elsewhere; `None` on a ledger with no events.
pub fn anchor(store: &Store) -> Result<Option<Anchor>> {
    Ok(log::head(store.db())?.map(|(id, hash)| Anchor { id, hash }))
}

/// Whether each anchor is still on the chain: its event is there with its hash
/// (or, for an anchor taken before the upgrade from schema 1, among the old hashes).
fn check_anchors(db: Db<'_>, anchors: &[Anchor], check: &mut ChainCheck) -> Result<()> {
    let last = check.head().map_or(0, |(id, _)| id);
    for anchor in anchors {
        match log::hash_of(db, anchor.id)? {
            Some(hash) if hash == anchor.hash => {}
            _ if log::v1_hash(db, anchor.id)? == Some(anchor.hash) => {}
            Some(_) => check.problem(format!(
                "anchor {anchor} does not match: event {} has another hash, so the log was rewritten after the anchor was taken",
                anchor.id
            )),
            None => check.problem(format!(
                "anchor {anchor} is not on the chain: there is no event {} (the log ends at event {last}), so events were removed from its end",
                anchor.id
            )),
        }
    }
    Ok(())
}

/// Checks the file first (SQLite's `integrity_check`): a damaged file is
/// reported as what it is, and its chain is not read. Then the chain (and the
/// schema-1 log it was converted from), every audited row against its replayed
/// events, anchors, article texts, the foreign keys, id sequences, lookup keys and
/// the schema — all as of one moment, however many editors are writing.
///
/// On PostgreSQL the same, read through the adapter in one read-only REPEATABLE READ
/// transaction, except the storage check (the server's own) and the engine-specific
/// parts, which read PostgreSQL's catalogue (`store::check_pg`).
pub fn verify(store: &Store, anchors: &[Anchor]) -> Result<Verification> {
    let storage_checked = store.postgres().is_none();
    let newsroom = store.newsroom()?.map(|n| n.name.clone());
    let foreign_keys_checked = store.postgres().is_none() || store.is_owner();
    let damaged = |problems: Vec<String>| Verification {
        ok: false,
        events: 0,
        problems,
        storage_checked,
        newsroom: newsroom.clone(),
        foreign_keys_checked,
    };
    // The schema PostgreSQL's ledger is held against: built (and rolled back) before the
    // read-only snapshot begins.
    let fresh = store.postgres().map(FreshSchema::build).transpose()?;
    let integrity = match fresh.is_some() {
        true => Ok(Vec::new()),
        false => store.snapshot(log::integrity_problems),
    };
    let integrity = match integrity {
        Ok(lines) => lines,
        Err(Error::Damaged(detail)) => vec![detail],
        Err(e) => return Err(e),
    };
    if !integrity.is_empty() {
        let mut problems: Vec<String> = integrity.into_iter().map(|l| format!("integrity_check: {l}")).collect();
        problems.push("the file is damaged: restore it from a backup".into());
        return Ok(damaged(problems));
    }
    let checked = store.snapshot_db(|db| {
        let old = log::v1_events(db)?;
        let mut check = ChainCheck::new(crate::chain::v1::origin(&old));
        // The converted events, to hold against the schema-1 log they came from.
        let mut converted = std::collections::HashMap::new();
        // A bulk import records its rows by their digest: rebuild them as they were, for the replay.
        let imports = log::imports(db)?;
        // What happened to each import's rows since, gathered in one pass over the log.
        let mut since: Vec<Vec<crate::chain::ChainEvent>> = vec![Vec::new(); imports.len()];
        if !imports.is_empty() {
            let ranges = crate::verify::ImportRanges::new(imports.iter().map(|i| (i, log::import_last(i))));
            log::each_event(db, |event| {
                if let Some(i) = ranges.covering(&event) {
                    since[i].push(event);
                }
            })?;
        }
        for (import, later) in imports.into_iter().zip(since) {
            let Some(table) = audit::Table::parse(&import.table) else { continue };
            let (first, last) = (import.row_id, log::import_last(&import));
            let current = audit::snapshots_between(db, table, first, last)?;
            let (rows, intact) = crate::verify::imported_rows(&import, current, &later);
            if !intact {
                check.problem(format!(
                    "{} rows {first}–{last}, which event {} imported, were changed outside claimtrack: they no longer match the digest it recorded",
                    import.table, import.id
                ));
            }
            check.expect_import(import.id, rows);
        }
        log::each_event(db, |event| {
            if event.id <= old.len() as i64 {
                converted.insert(event.id, event.clone());
            }
            check.visit(event)
        })?;
        check.finish();
        check.check_v1(&old, &converted);
        check_anchors(db, anchors, &mut check)?;
        let server_tables = if storage_checked { &[][..] } else { &audit::Table::SERVER[..] };
        for table in audit::Table::ALL.iter().chain(server_tables) {
            check.compare_table(table.name(), audit::snapshots(db, *table)?);
        }
        for (id, stand_in) in log::article_text_mismatches(db)? {
            let redacted = check.redaction_of("articles", id, "body").map(crate::verify::redacted_text);
            if stand_in.is_none() || stand_in != redacted {
                check.problem(format!("article {id}'s text no longer matches its SHA-256"));
            }
        }
        for (id, stand_in) in crate::store::desk::evidence_text_mismatches(db)? {
            let redacted = check.redaction_of("verdict_evidence", id, "saved_text").map(crate::verify::redacted_text);
            if stand_in.is_none() || stand_in != redacted {
                check.problem(format!("evidence {id}'s saved copy no longer matches its SHA-256"));
            }
        }
        for line in log::orphan_changes(db)? {
            check.problem(line);
        }
        let (sequences, keys) = match &fresh {
            Some(_) if foreign_keys_checked => (check_pg::sequence_problems(db)?, check_pg::foreign_key_problems(db)?),
            Some(_) => (check_pg::sequence_problems(db)?, Vec::new()),
            None => {
                let conn = db.sqlite("SQLite's sequences and foreign key check")?;
                (log::sequence_problems(conn)?, log::foreign_key_problems(conn)?)
            }
        };
        for line in sequences {
            check.problem(line);
        }
        for line in keys {
            check.problem(format!("foreign_key_check: {line}"));
        }
        for line in log::name_key_mismatches(db)? {
            check.problem(line);
        }
        for line in crate::store::matching::text_key_mismatches(db)? {
            check.problem(line);
        }
        let schema = match &fresh {
            Some(fresh) => fresh.differences(db)?,
            None => crate::store::schema_differences(db.sqlite("SQLite's schema check")?)?,
        };
        for line in schema {
            check.problem(format!("schema: {line}"));
        }
        Ok(check)
    });
    let check = match checked {
        Ok(check) => check,
        Err(Error::Damaged(detail)) => return Ok(damaged(vec![format!("reading the audit log: {detail}")])),
        Err(e) => return Err(e),
    };
    Ok(Verification {
        ok: check.problems.is_empty(),
        events: check.events,
        problems: check.problems,
        storage_checked,
        newsroom,
        foreign_keys_checked,
    })
}
