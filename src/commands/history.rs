//! `claimtrack history` (the audit log) and `claimtrack verify` (its chain and the file's integrity).

use serde::Serialize;

use super::Ctx;
use crate::error::{Error, Result};
use crate::render;
use crate::store::audit::{self, Table};
use crate::store::claims;
use crate::verify::ChainCheck;

pub fn history(ctx: &mut Ctx, claim: Option<&str>, limit: Option<u64>) -> Result<()> {
    let store = ctx.open()?;
    let claim = claim.map(|c| claims::resolve(store.conn(), c)).transpose()?;
    let events = audit::events(store.conn(), claim, limit)?;
    if ctx.json() {
        return ctx.out.json(&events);
    }
    let text = render::ledger::history(&events, ctx.out.width);
    ctx.out.text(&text)
}

#[derive(Serialize)]
struct Verification {
    ok: bool,
    events: u64,
    problems: Vec<String>,
}

pub fn verify(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    // One read transaction: the log and the tables are compared as of one
    // moment, however many editors are writing meanwhile.
    let snapshot = store.conn().unchecked_transaction()?;
    let conn: &rusqlite::Connection = &snapshot;
    let mut check = ChainCheck::default();
    audit::each_event(conn, |event| check.visit(event))?;
    for table in Table::ALL {
        check.compare_table(table.name(), audit::snapshots(conn, table)?);
    }
    for id in audit::article_text_mismatches(conn)? {
        check.problem(format!("article {id}'s text no longer matches its SHA-256"));
    }
    for line in audit::integrity_problems(conn)? {
        check.problem(format!("integrity_check: {line}"));
    }
    for line in audit::foreign_key_problems(conn)? {
        check.problem(format!("foreign_key_check: {line}"));
    }
    drop(snapshot);
    let result = Verification { ok: check.problems.is_empty(), events: check.events, problems: check.problems };
    if ctx.json() {
        ctx.out.json(&result)?;
    } else if result.ok {
        ctx.out.line(&format!("ok: {} events chain correctly; integrity and foreign keys check out", result.events))?;
    } else {
        for problem in &result.problems {
            ctx.out.line(problem)?;
        }
    }
    if result.ok {
        Ok(())
    } else {
        let count = result.problems.len();
        Err(Error::Problems(format!("{count} problem{} found (listed above)", if count == 1 { "" } else { "s" })))
    }
}
