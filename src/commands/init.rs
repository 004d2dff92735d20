//! `claimtrack init`: create the ledger file, or migrate an older one.

use serde::Serialize;

use super::Ctx;
use crate::error::Result;

#[derive(Serialize)]
struct Initialised {
    db: String,
    schema_version: i64,
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_or_create()?;
    let report = Initialised { db: store.path().display().to_string(), schema_version: store.schema_version() };
    if ctx.json() {
        ctx.out.json(&report)
    } else {
        ctx.out.line(&format!("ledger ready at {} (schema version {})", report.db, report.schema_version))
    }
}
