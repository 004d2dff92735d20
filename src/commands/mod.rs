//! Command dispatch and what every command shares: the resolved database, editor, clock and output.
//!
//! One file per command group: each parses its arguments into plain values,
//! calls one operation in `crate::ops`, and prints what comes back. No command
//! module uses another.

mod article;
mod backup;
mod claim;
mod flags;
mod history;
mod init;
mod link;
mod matching;
mod redact;
mod report;
mod sample;
mod settings;
mod source;
mod upgrade;
mod verdict;
mod verify;

use std::path::PathBuf;

use clap::ValueEnum;

use crate::cli::{Cli, ColourChoice, Command, Format};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::{Author, OpenMode, Store};

/// Where the ledger lives when neither `--db` nor `CLAIMTRACK_DB` says.
pub const DEFAULT_DB: &str = "claimtrack.db";

/// Everything a command needs besides its own arguments.
pub struct Ctx {
    pub db: PathBuf,
    pub editor: String,
    pub format: Format,
    pub busy_timeout_ms: u64,
    pub now: chrono::DateTime<chrono::Utc>,
    pub out: Output,
    /// The command being run ("claim add"), recorded with every change it makes.
    pub command: String,
}

impl Ctx {
    /// Opens the ledger to read it: never writes, never upgrades.
    pub fn open(&self) -> Result<Store> {
        let store = Store::open(&self.db, OpenMode::Read, self.busy_timeout_ms)?;
        if store.is_immutable() {
            let shown = crate::render::escape::terminal(&self.db.display().to_string());
            eprintln!(
                "claimtrack: note: {shown} is in a place that cannot be written; reading it as an unchanging file"
            );
        }
        Ok(store)
    }

    /// Opens the ledger to change it, upgrading an older one first.
    pub fn open_to_write(&self) -> Result<Store> {
        Store::open(&self.db, OpenMode::Existing, self.busy_timeout_ms)
    }

    pub fn open_or_create(&self) -> Result<Store> {
        Store::open(&self.db, OpenMode::Create, self.busy_timeout_ms)
    }

    pub fn author(&self) -> Author {
        Author { editor: self.editor.clone(), at: crate::date::timestamp(self.now), command: self.command.clone() }
    }

    pub fn json(&self) -> bool {
        self.format == Format::Json
    }
}

/// The editor's name: `--editor`, then `CLAIMTRACK_EDITOR` (both via clap), then the OS user.
fn editor_name(given: Option<String>) -> Result<String> {
    let name = given
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .unwrap_or_else(|| "unknown".to_string());
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Usage("the editor name is empty (set --editor or CLAIMTRACK_EDITOR)".into()));
    }
    Ok(name)
}

pub fn run(cli: Cli, command: String) -> Result<()> {
    if !matches!(cli.format, Format::Table | Format::Json) && !matches!(cli.command, Command::Report(_)) {
        return Err(Error::Usage(format!(
            "--format {} is only for `claimtrack report`; other commands write table or json",
            cli.format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        )));
    }
    let mut out = Output::stdout();
    out.colour = match cli.color {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => out.width.is_some() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut ctx = Ctx {
        db: cli.db.unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
        editor: editor_name(cli.editor)?,
        format: cli.format,
        busy_timeout_ms: cli.busy_timeout,
        now: crate::date::now().map_err(Error::Usage)?,
        out,
        command,
    };
    match cli.command {
        Command::Init => init::run(&mut ctx),
        Command::Upgrade => upgrade::run(&mut ctx),
        Command::Sample => sample::run(&mut ctx),
        Command::Source(command) => source::run(&mut ctx, command),
        Command::Article(command) => article::run(&mut ctx, command),
        Command::Claim(command) => claim::run(&mut ctx, command),
        Command::Link(args) => link::link(&mut ctx, args),
        Command::Unlink { link } => link::unlink(&mut ctx, &link),
        Command::Verdict { claim, rating, note, evidence } => {
            verdict::run(&mut ctx, &claim, rating, note.as_deref(), evidence.as_deref())
        }
        Command::Flags(args) => flags::run(&mut ctx, args),
        Command::History { claim, limit } => history::run(&mut ctx, claim.as_deref(), limit),
        Command::Verify { anchors, anchors_file } => verify::run(&mut ctx, &anchors, anchors_file.as_deref()),
        Command::Anchor => verify::anchor(&mut ctx),
        Command::Backup { file } => backup::run(&mut ctx, &file),
        Command::Redact { record, id, field, reason } => redact::run(&mut ctx, &record, &id, &field, &reason),
        Command::Settings(command) => settings::run(&mut ctx, command),
        Command::Report(args) => report::run(&mut ctx, args),
        Command::Similar(args) => matching::similar(&mut ctx, args),
        Command::Diff { claim, other, text } => matching::diff(&mut ctx, &claim, other, text),
    }?;
    ctx.out.flush()
}

/// Prints what an `add` created: the id first on its line, or the record as JSON.
fn print_created<T: serde::Serialize>(ctx: &mut Ctx, id: impl std::fmt::Display, what: &str, record: &T) -> Result<()> {
    if ctx.json() { ctx.out.json(record) } else { ctx.out.line(&format!("{id}\t{what}")) }
}
