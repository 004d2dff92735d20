//! `claimtrack upgrade`: bring a ledger from an older claimtrack up to this one's schema.

use serde::Serialize;

use super::Ctx;
use crate::error::Result;
use crate::store::SCHEMA_VERSION;

#[derive(Serialize)]
struct Upgraded {
    db: String,
    from: i64,
    to: i64,
}

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_to_write()?;
    let report = Upgraded { db: store.path().display().to_string(), from: store.found_version(), to: SCHEMA_VERSION };
    if ctx.json() {
        return ctx.out.json(&report);
    }
    if report.from == report.to {
        ctx.out.line(&format!("{} is up to date (schema version {})", report.db, report.to))
    } else {
        ctx.out.line(&format!("upgraded {} from schema version {} to {}", report.db, report.from, report.to))
    }
}
