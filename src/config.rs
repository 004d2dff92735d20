//! The per-user configuration file (TOML): default ledger, editor name, output preferences, lint levels.
//!
//! What belongs to a person lives here; what belongs to a ledger stays in its
//! audited `settings`. The file is `config.toml` in the platform's config
//! folder (`$XDG_CONFIG_HOME/claimtrack` or `~/.config/claimtrack` on Linux,
//! `~/Library/Application Support/org.claimtrack.claimtrack` on macOS,
//! `%APPDATA%\claimtrack\claimtrack\config` on Windows), or the file named by
//! `CLAIMTRACK_CONFIG`. A flag wins over the environment, which wins over this
//! file, which wins over the built-in default.
//!
//! ```toml
//! db = "/home/amina/desk/claims.db"
//! editor = "amina"
//! format = "table"      # table or json; markdown, csv, html and dot apply to `report` only
//! color = "auto"        # auto, always or never
//!
//! [lint]                # per-kind levels for `claimtrack lint`: allow, note, warning or error
//! unattributed = "deny"
//! vague = "allow"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use toml_edit::{DocumentMut, Item, Table, value};

use crate::cli::{ColourChoice, Format};
use crate::error::{Error, Result};

/// The environment variable that names the config file itself (tests, several profiles).
pub const CONFIG_ENV: &str = "CLAIMTRACK_CONFIG";

/// A top-level key the file may hold, with what it means.
pub struct Key {
    pub key: &'static str,
    pub meaning: &'static str,
}

/// Every top-level key; `lint.KIND` keys go in the `[lint]` table.
pub const KEYS: [Key; 4] = [
    Key { key: "db", meaning: "the ledger file used when neither --db nor CLAIMTRACK_DB is given (`~/` is your home)" },
    Key { key: "editor", meaning: "your name in the audit log when neither --editor nor CLAIMTRACK_EDITOR is given" },
    Key {
        key: "format",
        meaning: "output format when --format is not given: table or json (markdown, csv, html, dot: report only)",
    },
    Key {
        key: "color",
        meaning: "colour in tables when --color is not given: auto, always or never (wins over NO_COLOR)",
    },
];

/// How a lint finding of one kind is treated, as `[lint]` sets it: `claimtrack lint`'s own levels.
pub use crate::cli::LintLevel;

/// A `[lint]` level by its name: allow, note, warning or error (`warn` and `deny` are taken as warning and error).
fn parse_lint_level(text: &str) -> Option<LintLevel> {
    match text {
        "allow" => Some(LintLevel::Allow),
        "note" => Some(LintLevel::Note),
        "warning" | "warn" => Some(LintLevel::Warning),
        "error" | "deny" => Some(LintLevel::Error),
        _ => None,
    }
}

fn lint_level_name(level: LintLevel) -> &'static str {
    match level {
        LintLevel::Allow => "allow",
        LintLevel::Note => "note",
        LintLevel::Warning => "warning",
        LintLevel::Error => "error",
    }
}

/// The config file as read (empty when there is none).
pub struct Config {
    path: PathBuf,
    doc: DocumentMut,
}

/// Where the config file lives: `CLAIMTRACK_CONFIG`, else the platform's config folder.
pub fn path() -> Result<PathBuf> {
    if let Some(given) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(given));
    }
    directories::ProjectDirs::from("org", "claimtrack", "claimtrack")
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or_else(|| {
            Error::invalid(format!(
                "cannot find your config folder (no home directory); set {CONFIG_ENV} to a file path"
            ))
        })
}

impl Config {
    /// Reads the config file; a missing file is an empty configuration.
    pub fn load() -> Result<Config> {
        Config::load_from(path()?)
    }

    /// No settings at all: where no config folder can be found and `CLAIMTRACK_CONFIG` is not set.
    pub fn empty() -> Config {
        Config { path: PathBuf::new(), doc: DocumentMut::new() }
    }

    pub fn load_from(path: PathBuf) -> Result<Config> {
        let config = Config::load_unchecked(path)?;
        config.check()?;
        Ok(config)
    }

    /// Reads the file as TOML without checking its values (for `config unset`, which may be removing a bad one).
    pub fn load_unchecked(path: PathBuf) -> Result<Config> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::invalid(format!("cannot read the config file {}: {e}", path.display()))),
        };
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let why = e.message().to_string();
            let line = e.span().map(|s| text[..s.start].lines().count().max(1));
            Error::invalid(format!(
                "the config file {}{} is not valid TOML: {why}",
                path.display(),
                line.map(|l| format!(" (line {l})")).unwrap_or_default()
            ))
        })?;
        Ok(Config { path, doc })
    }

    /// Every value in the file is one claimtrack understands, so a typo is named, not ignored.
    fn check(&self) -> Result<()> {
        for (key, item) in self.doc.iter() {
            if key == "lint" {
                let Some(table) = item.as_table_like() else {
                    return Err(self.bad(
                        "lint must be a table: [lint] with KIND = \"allow\" | \"note\" | \"warning\" | \"error\"",
                    ));
                };
                for (kind, level) in table.iter() {
                    self.checked(&format!("lint.{kind}"), level.as_str().unwrap_or(""))
                        .map_err(|e| self.bad(&e.to_string()))?;
                }
                continue;
            }
            let text = item.as_str().ok_or_else(|| self.bad(&format!("{key} must be a string")))?;
            self.checked(key, text).map_err(|e| self.bad(&e.to_string()))?;
        }
        Ok(())
    }

    fn bad(&self, why: &str) -> Error {
        Error::invalid(format!("the config file {}: {why}", self.path.display()))
    }

    /// `value` for `key`, checked; the message names what the key takes.
    fn checked(&self, key: &str, text: &str) -> Result<String> {
        let takes = |what: &str| Error::Usage(format!("{key} takes {what}, not {text:?}"));
        match key {
            "db" | "editor" if text.trim().is_empty() => Err(takes("a non-empty value")),
            "db" | "editor" => Ok(text.trim().to_string()),
            "format" => match Format::from_str(text, false) {
                Ok(_) => Ok(text.to_string()),
                Err(_) => Err(takes(&choices::<Format>())),
            },
            "color" => match ColourChoice::from_str(text, false) {
                Ok(_) => Ok(text.to_string()),
                Err(_) => Err(takes(&choices::<ColourChoice>())),
            },
            _ => match key.strip_prefix("lint.") {
                Some(kind) if !kind.is_empty() => match parse_lint_level(text) {
                    Some(level) => Ok(lint_level_name(level).to_string()),
                    None => Err(takes("allow, note, warning or error")),
                },
                _ => {
                    let keys: Vec<&str> = KEYS.iter().map(|k| k.key).collect();
                    Err(Error::Usage(format!("no key {key:?}: the keys are {} and lint.KIND", keys.join(", "))))
                }
            },
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn string(&self, key: &str) -> Option<String> {
        self.doc.get(key).and_then(Item::as_str).map(|s| s.trim().to_string())
    }

    /// The default ledger path, with a leading `~/` made your home folder.
    pub fn db(&self) -> Option<PathBuf> {
        let db = self.string("db")?;
        match db.strip_prefix("~/") {
            Some(rest) => directories::BaseDirs::new().map(|d| d.home_dir().join(rest)).or(Some(PathBuf::from(&db))),
            None => Some(PathBuf::from(db)),
        }
    }

    pub fn editor(&self) -> Option<String> {
        self.string("editor")
    }

    pub fn format(&self) -> Option<Format> {
        self.string("format").and_then(|f| Format::from_str(&f, false).ok())
    }

    pub fn color(&self) -> Option<ColourChoice> {
        self.string("color").and_then(|c| ColourChoice::from_str(&c, false).ok())
    }

    /// The `[lint]` table: finding kind → level, for `claimtrack lint` (kinds are its to name).
    pub fn lint_levels(&self) -> BTreeMap<String, LintLevel> {
        let Some(table) = self.doc.get("lint").and_then(Item::as_table_like) else { return BTreeMap::new() };
        table.iter().filter_map(|(kind, level)| Some((kind.to_string(), parse_lint_level(level.as_str()?)?))).collect()
    }

    /// One key's value (`lint.KIND` for a lint level), or `None` when the file does not set it.
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        self.checked_key(key)?;
        Ok(match key.strip_prefix("lint.") {
            Some(kind) => self.lint_levels().get(kind).map(|l| lint_level_name(*l).to_string()),
            None => self.string(key),
        })
    }

    /// Every key the file sets, in file order, `[lint]` entries as `lint.KIND`.
    pub fn list(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (key, item) in self.doc.iter() {
            if key == "lint" {
                out.extend(
                    self.lint_levels().into_iter().map(|(k, l)| (format!("lint.{k}"), lint_level_name(l).to_string())),
                );
            } else if let Some(text) = item.as_str() {
                out.push((key.to_string(), text.to_string()));
            }
        }
        out
    }

    /// Sets a key (checked) and writes the file, keeping its comments and layout.
    pub fn set(&mut self, key: &str, text: &str) -> Result<String> {
        let checked = self.checked(key, text)?;
        match key.strip_prefix("lint.") {
            Some(kind) => {
                let lint = self.doc.entry("lint").or_insert_with(|| Item::Table(Table::new()));
                let table = lint.as_table_like_mut().ok_or_else(|| Error::invalid("lint must be a table"))?;
                table.insert(kind, value(checked.clone()));
            }
            None => {
                self.doc[key] = value(checked.clone());
            }
        }
        self.save()?;
        Ok(checked)
    }

    /// Removes a key from the file; `false` when it was not set.
    pub fn unset(&mut self, key: &str) -> Result<bool> {
        self.checked_key(key)?;
        let removed = match key.strip_prefix("lint.") {
            Some(kind) => {
                self.doc.get_mut("lint").and_then(Item::as_table_like_mut).and_then(|t| t.remove(kind)).is_some()
            }
            None => self.doc.remove(key).is_some(),
        };
        if removed {
            self.save()?;
        }
        Ok(removed)
    }

    fn checked_key(&self, key: &str) -> Result<()> {
        let known = KEYS.iter().any(|k| k.key == key) || key.strip_prefix("lint.").is_some_and(|k| !k.is_empty());
        if known {
            return Ok(());
        }
        let keys: Vec<&str> = KEYS.iter().map(|k| k.key).collect();
        Err(Error::Usage(format!("no config key {key:?}: the keys are {} and lint.KIND", keys.join(", "))))
    }

    /// Writes the file through a temporary file beside it, so a crash never leaves half a config.
    fn save(&self) -> Result<()> {
        if let Some(folder) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|e| Error::io(format!("creating the config folder {}", folder.display()), e))?;
        }
        let temporary = self.path.with_extension("toml.tmp");
        std::fs::write(&temporary, self.doc.to_string())
            .map_err(|e| Error::io(format!("writing {}", temporary.display()), e))?;
        std::fs::rename(&temporary, &self.path).map_err(|e| Error::io(format!("writing {}", self.path.display()), e))
    }
}

/// A clap value enum's words, for messages: "table, json, markdown".
fn choices<T: ValueEnum>() -> String {
    T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("claimtrack-config-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        let out = Config::load_from(path);
        std::fs::remove_dir_all(&dir).unwrap();
        out
    }

    #[test]
    fn reads_typed_values_and_lint_levels() {
        let c = config("editor = \"amina\"\nformat = \"json\"\ncolor = \"never\"\n[lint]\nunattributed = \"deny\"\nvague = \"allow\"\nanonymous = \"error\"\n").unwrap();
        assert_eq!(c.editor().as_deref(), Some("amina"));
        assert_eq!(c.format(), Some(Format::Json));
        assert_eq!(c.color(), Some(ColourChoice::Never));
        let levels = c.lint_levels();
        assert_eq!(levels["unattributed"], LintLevel::Error, "deny is error");
        assert_eq!(levels["vague"], LintLevel::Allow);
        assert_eq!(levels["anonymous"], LintLevel::Error);
    }

    #[test]
    fn names_what_is_wrong() {
        let e = config("format = \"yaml\"").err().unwrap().to_string();
        assert!(e.contains("format takes table, json"), "{e}");
        let e = config("editr = \"amina\"").err().unwrap().to_string();
        assert!(e.contains("no key \"editr\""), "{e}");
        let e = config("[lint]\nvague = \"loud\"").err().unwrap().to_string();
        assert!(e.contains("lint.vague takes allow, note, warning or error"), "{e}");
        let e = config("editor = \n").err().unwrap().to_string();
        assert!(e.contains("not valid TOML") && e.contains("line 1"), "{e}");
    }
}
