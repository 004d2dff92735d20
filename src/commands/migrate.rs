//! `claimtrack migrate --from FILE --to postgres://…` and back (`--from postgres://… --to FILE`):
//! copy a whole ledger between SQLite and PostgreSQL.

use std::path::Path;

use super::Ctx;
use crate::error::{Error, Result};
use crate::store::{OpenMode, Store, postgres_target};

pub fn run(ctx: &mut Ctx, from: &str, to: &str, newsroom: &str, merge: bool) -> Result<()> {
    let (source, target) = (postgres_target(Path::new(from)), postgres_target(Path::new(to)));
    if merge && !(source.is_none() && target.is_some()) {
        return Err(Error::Usage(
            "--merge brings an SQLite ledger onto a PostgreSQL server (--from FILE --to URL); the way back takes a newsroom whole into a new file".into(),
        ));
    }
    let (migrated, shown_from) = match (source, target) {
        (None, Some(server)) if merge => {
            let store = Store::open(Path::new(from), OpenMode::Read, ctx.busy_timeout_ms)?;
            let migrated =
                crate::ops::migrate::merge_into_postgres(&store, server, newsroom, &ctx.author(), ctx.busy_timeout_ms)?;
            if ctx.json() {
                return ctx.out.json(&migrated);
            }
            for table in migrated.tables.iter().filter(|t| t.rows > 0) {
                ctx.out.line(&format!("  {:<20} {:>9}", table.table, table.rows))?;
            }
            ctx.out.line(&format!(
                "merged {} rows from {from} into newsroom {newsroom} under new ids, recorded as one import per table; \
                 its chain ({} events) verifies",
                migrated.rows, migrated.events
            ))?;
            if let Some(anchor) = &migrated.anchor {
                ctx.out.line(&format!("anchor: {anchor}"))?;
            }
            return Ok(());
        }
        (None, Some(server)) => {
            let store = Store::open(Path::new(from), OpenMode::Read, ctx.busy_timeout_ms)?;
            (
                crate::ops::migrate::to_postgres(&store, server, newsroom, &ctx.author().at, ctx.busy_timeout_ms)?,
                from.to_string(),
            )
        }
        (Some(server), None) => (
            crate::ops::migrate::to_sqlite(server, Path::new(to), ctx.busy_timeout_ms)?,
            crate::store::db::without_password(server),
        ),
        (None, None) => {
            return Err(Error::Usage(
                "--from and --to both name SQLite files: migrate moves a ledger between SQLite and PostgreSQL; copy a file with `claimtrack backup`".into(),
            ));
        }
        (Some(_), Some(_)) => {
            return Err(Error::Usage(
                "--from and --to both name PostgreSQL servers: migrate moves a ledger between SQLite and PostgreSQL; move one between servers with pg_dump and pg_restore".into(),
            ));
        }
    };
    if ctx.json() {
        return ctx.out.json(&migrated);
    }
    for table in migrated.tables.iter().filter(|t| t.rows > 0) {
        ctx.out.line(&format!("  {:<20} {:>9}", table.table, table.rows))?;
    }
    match migrated.to_engine {
        "postgresql" => ctx.out.line(&format!(
            "copied {} rows from {} (its {} audit events verified first); every row reads the same on PostgreSQL, and the copy verifies",
            migrated.rows, shown_from, migrated.events
        ))?,
        _ => ctx.out.line(&format!(
            "copied {} rows from {} into {}; every row reads the same in the file, and its {} audit events verify",
            migrated.rows, shown_from, to, migrated.events
        ))?,
    }
    if let Some(anchor) = &migrated.anchor {
        ctx.out.line(&format!("anchor: {anchor}"))?;
    }
    Ok(())
}
