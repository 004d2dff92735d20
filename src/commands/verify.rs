//! `claimtrack verify` (the file, the chain, the rows, the schema, anchors) and `claimtrack anchor`.

use std::path::Path;

use serde::Serialize;

use super::Ctx;
use crate::chain::Anchor;
use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::audit;

pub fn run(ctx: &mut Ctx, anchors: &[String], anchors_file: Option<&Path>) -> Result<()> {
    let anchors = read_anchors(anchors, anchors_file)?;
    let result = match ctx.open() {
        Ok(store) => audit::verify(&store, &anchors)?,
        // Too damaged to open: that is verify's finding, not a failure to run.
        Err(Error::Damaged(detail)) => audit::Verification {
            ok: false,
            events: 0,
            problems: vec![
                format!("the file is damaged: it cannot be read as a database ({detail})"),
                "restore it from a backup".into(),
            ],
            storage_checked: true,
            newsroom: None,
            foreign_keys_checked: true,
        },
        Err(e) => return Err(e),
    };
    if ctx.json() {
        ctx.out.json(&result)?;
    } else if result.ok {
        let anchored = match anchors.len() {
            0 => String::new(),
            1 => "; the anchor is on the chain".to_string(),
            n => format!("; all {n} anchors are on the chain"),
        };
        // SQLite's integrity_check reads the file; a PostgreSQL server checks its own storage.
        ctx.out.line(&format!("ok: {}{anchored}", verified_line(&result)))?;
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

/// What a passing verify checked, after "ok: ".
pub(super) fn verified_line(result: &audit::Verification) -> String {
    let checked = match (result.storage_checked, result.foreign_keys_checked) {
        (true, _) => "integrity, foreign keys and schema check out",
        (false, true) => "foreign keys and schema check out (storage integrity is the PostgreSQL server's own check)",
        (false, false) => {
            "rows and schema check out (the foreign keys, across newsrooms, are the owner's check: \
             `claimtrack admin verify`; storage integrity is the PostgreSQL server's own)"
        }
    };
    match &result.newsroom {
        Some(newsroom) => format!("{} events of {newsroom}'s audit chain link correctly; {checked}", result.events),
        None => format!("{} events chain correctly; {checked}", result.events),
    }
}

/// `--anchor` values and the lines of `--anchors FILE` (blank lines and `#` comments skipped).
fn read_anchors(given: &[String], file: Option<&Path>) -> Result<Vec<Anchor>> {
    let mut anchors: Vec<Anchor> = given
        .iter()
        .map(|a| Anchor::parse(a).map_err(|e| Error::Usage(format!("--anchor {e}"))))
        .collect::<Result<_>>()?;
    if let Some(path) = file {
        let text = Inputs::default().file("--anchors", path)?;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let anchor = Anchor::parse(line)
                .map_err(|e| Error::Usage(format!("--anchors {}:{}: {e}", path.display(), n + 1)))?;
            anchors.push(anchor);
        }
    }
    Ok(anchors)
}

#[derive(Serialize)]
struct Head {
    event: i64,
    hash: String,
    anchor: String,
}

/// `claimtrack anchor`: the chain's head, `ID:HASH`.
pub fn anchor(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    let head =
        audit::anchor(&store)?.ok_or_else(|| Error::invalid("the ledger has no events yet: nothing to anchor"))?;
    if ctx.json() {
        return ctx.out.json(&Head { event: head.id, hash: crate::chain::hex(&head.hash), anchor: head.to_string() });
    }
    ctx.out.line(&head.to_string())
}
