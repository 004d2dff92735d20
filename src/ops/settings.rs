//! Ledger settings: which there are, what values each takes, and reading and changing them.

use crate::error::{Error, Result};
use crate::store::{Author, Store, settings};

/// A setting the ledger knows: its key, what it means, and its default.
pub struct Known {
    pub key: &'static str,
    pub meaning: &'static str,
    pub default: Option<&'static str>,
}

/// Every setting claimtrack reads.
pub const KNOWN: [Known; 4] = [
    Known {
        key: "stale_days",
        meaning: "days without a verdict before a claim is flagged stale (0 to 36500)",
        default: Some("30"),
    },
    Known {
        key: "organisation.name",
        meaning: "the organisation that publishes this desk's fact-checks",
        default: None,
    },
    Known { key: "organisation.url", meaning: "the organisation's website (http or https)", default: None },
    Known {
        key: "desk.timezone",
        meaning: "the desk's time zone, for due dates: local (the machine's), a zone name such as Africa/Niamey, UTC, or an offset such as +01:00",
        default: Some("local"),
    },
];

fn known(key: &str) -> Result<&'static Known> {
    KNOWN.iter().find(|k| k.key == key).ok_or_else(|| {
        let keys: Vec<&str> = KNOWN.iter().map(|k| k.key).collect();
        Error::Usage(format!("no setting {key:?}: the settings are {}", keys.join(", ")))
    })
}

/// The value a setting is stored with, checked: a number in range, a URL, or non-empty text.
fn checked(key: &str, value: &str) -> Result<String> {
    let value = value.trim();
    match key {
        "stale_days" => match value.parse::<u32>() {
            Ok(days) if days <= 36_500 => Ok(days.to_string()),
            _ => Err(Error::Usage(format!("stale_days takes a whole number of days from 0 to 36500, not {value:?}"))),
        },
        "desk.timezone" => crate::desk::DeskZone::parse(value).map(|_| value.to_string()).map_err(Error::Usage),
        "organisation.url" => {
            crate::address::parse_url(value).map_err(|e| Error::Usage(format!("organisation.url: {e}")))
        }
        _ if value.is_empty() => Err(Error::Usage(format!("{key} cannot be empty"))),
        _ => Ok(value.to_string()),
    }
}

/// A setting's value as the ledger holds it, or its default.
pub fn get(store: &Store, key: &str) -> Result<Option<String>> {
    let known = known(key)?;
    Ok(settings::get(store.db(), key)?.or_else(|| known.default.map(String::from)))
}

/// Every known setting with its value (or default) and what it means.
pub fn list(store: &Store) -> Result<Vec<(&'static Known, Option<String>)>> {
    let stored = settings::list(store.db())?;
    Ok(KNOWN
        .iter()
        .map(|k| {
            let value = stored.iter().find(|(key, _)| key == k.key).map(|(_, v)| v.clone());
            (k, value.or_else(|| k.default.map(String::from)))
        })
        .collect())
}

/// Sets a setting, audited like every change; returns the value stored.
pub fn set(store: &mut Store, author: &Author, key: &str, value: &str) -> Result<String> {
    known(key)?;
    let value = checked(key, value)?;
    store.write(author, |tx| tx.set_setting(key, &value))?;
    Ok(value)
}
