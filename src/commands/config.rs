//! `claimtrack config path|list|get|set|unset`: the user's own config file (not the ledger's settings).

use serde::Serialize;

use super::Ctx;
use crate::cli::ConfigCommand;
use crate::config::{self, Config};
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Entry<'a> {
    key: &'a str,
    value: Option<&'a str>,
}

pub fn run(ctx: &mut Ctx, command: ConfigCommand) -> Result<()> {
    match command {
        ConfigCommand::Path => {
            let path = config::path()?.display().to_string();
            if ctx.json() { ctx.out.json(&serde_json::json!({ "path": path })) } else { ctx.out.line(&path) }
        }
        ConfigCommand::List => {
            let config = Config::load_from(config::path()?)?;
            let entries = config.list();
            if ctx.json() {
                let rows: Vec<Entry> = entries.iter().map(|(k, v)| Entry { key: k, value: Some(v) }).collect();
                return ctx.out.json(&rows);
            }
            for (key, value) in entries {
                ctx.out.line(&format!("{key} = {value}"))?;
            }
            Ok(())
        }
        ConfigCommand::Get { key } => {
            let config = Config::load_from(config::path()?)?;
            let value = config.get(&key)?;
            if ctx.json() {
                return ctx.out.json(&Entry { key: &key, value: value.as_deref() });
            }
            match value {
                Some(value) => ctx.out.line(&value),
                None => Err(Error::invalid(format!(
                    "{key} is not set in {} (set it with `claimtrack config set {key} VALUE`)",
                    config.path().display()
                ))),
            }
        }
        ConfigCommand::Set { key, value } => {
            let mut config = Config::load_from(config::path()?)?;
            let value = config.set(&key, &value)?;
            if ctx.json() {
                return ctx.out.json(&Entry { key: &key, value: Some(&value) });
            }
            ctx.out.line(&format!("{key} = {value}"))
        }
        ConfigCommand::Unset { key } => {
            // Read without checking the other values, so a bad one can be removed.
            let mut config = Config::load_unchecked(config::path()?)?;
            let removed = config.unset(&key)?;
            if ctx.json() {
                return ctx.out.json(&serde_json::json!({ "key": key, "removed": removed }));
            }
            let path = config.path().display().to_string();
            ctx.out.line(&if removed {
                format!("removed {key} from {path}")
            } else {
                format!("{key} was not set in {path}")
            })
        }
    }
}
