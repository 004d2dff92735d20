//! `claimtrack admin …` and `claimtrack org …`: the PostgreSQL ledger's owner keeps its schema,
//! newsrooms, coalitions and editors; anyone lists the organisations they may see.

use super::Ctx;
use crate::cli::{AdminCommand, OrgCommand};
use crate::error::{Error, Result};
use crate::ops::orgs::{self, COALITION, NEWSROOM};
use crate::store::{Store, postgres_target};

pub fn admin(ctx: &mut Ctx, command: AdminCommand) -> Result<()> {
    match command {
        AdminCommand::Upgrade => {
            let store = ctx.open_as_owner()?;
            let upgraded = orgs::upgraded(&store)?;
            if ctx.json() {
                return ctx.out.json(&upgraded);
            }
            let what = match (upgraded.from, upgraded.to) {
                (0, to) => format!("created the ledger's schema (version {to})"),
                (from, to) if from < to => format!("upgraded the ledger's schema from version {from} to {to}"),
                (_, to) => format!("the ledger's schema is up to date (version {to})"),
            };
            ctx.out.line(&format!("{what}; {} editors' grants renewed", upgraded.editors))
        }
        AdminCommand::Verify => {
            let mut store = ctx.open_as_owner()?;
            let results = orgs::verify_every_chain(&mut store)?;
            if ctx.json() {
                ctx.out.json(&serde_json::json!({ "newsrooms": &results }))?;
            } else {
                for result in &results {
                    if result.verification.ok {
                        ctx.out.line(&format!("ok: {}", super::verify::verified_line(&result.verification)))?;
                    } else {
                        for problem in &result.verification.problems {
                            ctx.out.line(&format!("{}: {problem}", result.newsroom))?;
                        }
                    }
                }
            }
            let failed = results.iter().filter(|r| !r.verification.ok).count();
            match failed {
                0 => Ok(()),
                n => Err(Error::Problems(format!(
                    "{n} of {} newsrooms' chains have problems (listed above)",
                    results.len()
                ))),
            }
        }
    }
}

pub fn run(ctx: &mut Ctx, command: OrgCommand) -> Result<()> {
    let at = ctx.author().at;
    match command {
        OrgCommand::Add { name, coalition } => {
            let mut store = ctx.open_as_owner()?;
            let kind = if coalition { COALITION } else { NEWSROOM };
            let org = orgs::add(&mut store, &name, kind, &at)?;
            super::print_created(ctx, org.id, &format!("added {kind} {}", org.name), &org)
        }
        OrgCommand::Join { newsroom, coalition } => {
            let store = ctx.open_as_owner()?;
            let added = orgs::join(&store, &newsroom, &coalition, &at)?;
            if ctx.json() {
                return ctx
                    .out
                    .json(&serde_json::json!({ "newsroom": newsroom, "coalition": coalition, "added": added }));
            }
            let what = if added { "is now in" } else { "was already in" };
            ctx.out.line(&format!("{newsroom} {what} {coalition}"))
        }
        OrgCommand::Editor { role, org } => {
            let store = ctx.open_as_owner()?;
            let added = orgs::add_editor(&store, &role, &org, &at)?;
            if ctx.json() {
                return ctx.out.json(&serde_json::json!({ "role": role, "newsroom": org, "added": added }));
            }
            let what = if added { "is now an editor of" } else { "was already an editor of" };
            ctx.out.line(&format!("{role} {what} {org}; grants renewed"))
        }
        OrgCommand::List => {
            let Some(target) = postgres_target(&ctx.db) else {
                return Err(Error::invalid(
                    "organisations live on a PostgreSQL ledger that newsrooms share (README, Sharing a ledger)",
                ));
            };
            // The owner sees every organisation; an editor, theirs, its coalitions and who shares with them.
            let store = Store::open_postgres_to_read(target, ctx.busy_timeout_ms)?;
            let listed = orgs::list(&store)?;
            if ctx.json() {
                return ctx.out.json(&serde_json::json!({ "organisations": listed }));
            }
            for org in &listed {
                let with = match org.with.is_empty() {
                    true => String::new(),
                    false if org.org.kind == NEWSROOM => format!(" · in {}", org.with.join(", ")),
                    false => format!(" · members {}", org.with.join(", ")),
                };
                let editors = match org.editors.is_empty() {
                    true => String::new(),
                    false => format!(" · editors {}", org.editors.join(", ")),
                };
                ctx.out.line(&format!("{:>4}  {:<10} {}{with}{editors}", org.org.id, org.org.kind, org.org.name))?;
            }
            Ok(())
        }
    }
}
