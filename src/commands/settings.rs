//! `claimtrack settings list|get|set`: the ledger's audited settings.

use serde::Serialize;

use super::Ctx;
use crate::cli::SettingsCommand;
use crate::error::{Error, Result};
use crate::ops::settings;

#[derive(Serialize)]
struct Setting<'a> {
    key: &'a str,
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meaning: Option<&'a str>,
}

pub fn run(ctx: &mut Ctx, command: SettingsCommand) -> Result<()> {
    match command {
        SettingsCommand::List => {
            let store = ctx.open()?;
            let list = settings::list(&store)?;
            if ctx.json() {
                let rows: Vec<Setting> = list
                    .iter()
                    .map(|(k, v)| Setting { key: k.key, value: v.clone(), meaning: Some(k.meaning) })
                    .collect();
                return ctx.out.json(&rows);
            }
            for (known, value) in list {
                let value = value.unwrap_or_else(|| "(not set)".into());
                ctx.out.line(&format!("{} = {value}\t{}", known.key, known.meaning))?;
            }
            Ok(())
        }
        SettingsCommand::Get { key } => {
            let store = ctx.open()?;
            let value = settings::get(&store, &key)?;
            if ctx.json() {
                return ctx.out.json(&Setting { key: &key, value, meaning: None });
            }
            match value {
                Some(value) => ctx.out.line(&value),
                None => {
                    Err(Error::invalid(format!("{key} is not set (set it with `claimtrack settings set {key} VALUE`)")))
                }
            }
        }
        SettingsCommand::Set { key, value } => {
            let mut store = ctx.open_to_write()?;
            let value = settings::set(&mut store, &ctx.author(), &key, &value)?;
            if ctx.json() {
                return ctx.out.json(&Setting { key: &key, value: Some(value), meaning: None });
            }
            ctx.out.line(&format!("{key} = {value}"))
        }
    }
}
