//! Command dispatch and what every command shares: the resolved database, editor, clock and output.
//!
//! One file per command group: each parses its arguments into plain values,
//! calls one operation in `crate::ops`, and prints what comes back. No command
//! module uses another.

mod article;
mod backup;
mod claim;
mod config;
mod conventions;
mod desk;
mod engine;
mod extract;
mod flags;
mod history;
mod init;
mod interchange;
mod link;
mod lint;
mod matching;
mod migrate;
mod org;
mod redact;
mod report;
mod sample;
mod settings;
mod source;
mod undo;
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
    /// `--quiet`: a write prints only the id of what it wrote.
    pub quiet: bool,
    /// The user's config file (empty when there is none).
    pub config: crate::config::Config,
}

impl Ctx {
    /// Opens the ledger to read it: never writes, never upgrades.
    pub fn open(&self) -> Result<Store> {
        let store = self.open_ledger(OpenMode::Read)?;
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
        self.require_editor()?;
        self.open_ledger(OpenMode::Existing)
    }

    pub fn open_or_create(&self) -> Result<Store> {
        self.require_editor()?;
        self.open_ledger(OpenMode::Create)
    }

    /// Every write is signed: with no editor name found, writes are refused rather than signed "unknown".
    pub(super) fn require_editor(&self) -> Result<()> {
        if self.editor.is_empty() {
            return Err(Error::invalid(
                "no editor name for the audit log: pass --editor NAME, set CLAIMTRACK_EDITOR, or run `claimtrack config set editor NAME`",
            ));
        }
        Ok(())
    }

    pub fn author(&self) -> Author {
        Author { editor: self.editor.clone(), at: crate::date::timestamp(self.now), command: self.command.clone() }
    }

    pub fn json(&self) -> bool {
        self.format == Format::Json
    }
}

/// The editor's name: `--editor`, then `CLAIMTRACK_EDITOR` (both via clap), then the
/// config file, then the OS user; empty when none is found (writes then refuse).
fn editor_name(given: Option<String>, config: &crate::config::Config) -> Result<String> {
    if let Some(given) = given {
        let given = given.trim().to_string();
        if given.is_empty() {
            return Err(Error::Usage("the editor name is empty (set --editor or CLAIMTRACK_EDITOR)".into()));
        }
        return Ok(given);
    }
    let found = config
        .editor()
        .into_iter()
        .chain(["USER", "USERNAME", "LOGNAME"].into_iter().filter_map(|v| std::env::var(v).ok()))
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .or_else(account_name);
    Ok(found.unwrap_or_default())
}

/// The login name of the account running claimtrack, from the system's account database,
/// for when the environment names none (a container, cron, a service manager).
#[cfg(target_os = "linux")]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let accounts = std::fs::read_to_string("/etc/passwd").ok()?;
    accounts.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?.trim();
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(not(target_os = "linux"))]
fn account_name() -> Option<String> {
    None
}

pub fn run(cli: Cli, command: String) -> Result<()> {
    let report_only = |format: Format| !matches!(format, Format::Table | Format::Json);
    let is_report = matches!(cli.command, Command::Report(_));
    let is_export = matches!(cli.command, Command::Export(_));
    if is_export {
        if let Some(format) = cli.format {
            interchange::check_export_format(format)?;
        }
    } else if let Some(format) = cli.format.filter(|f| report_only(*f) && !is_report) {
        return Err(Error::Usage(format!(
            "--format {} is only for `claimtrack report`; other commands write table or json",
            format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        )));
    }
    // `config path` and `config unset` must work even when the file does not parse.
    let config = match &cli.command {
        Command::Config(crate::cli::ConfigCommand::Path | crate::cli::ConfigCommand::Unset { .. }) => {
            crate::config::Config::empty()
        }
        _ => match crate::config::path() {
            Ok(path) => crate::config::Config::load_from(path)?,
            Err(_) => crate::config::Config::empty(),
        },
    };
    // Flag, then the config file (a report-only format there applies to `report` only), then table.
    let format =
        cli.format.or_else(|| config.format().filter(|f| is_report || !report_only(*f))).unwrap_or(Format::Table);
    let mut out = Output::stdout();
    out.colour = match cli.color.or_else(|| config.color()).unwrap_or(ColourChoice::Auto) {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => out.width.is_some() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut ctx = Ctx {
        db: cli.db.or_else(|| config.db()).unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
        editor: editor_name(cli.editor, &config)?,
        format,
        busy_timeout_ms: cli.busy_timeout,
        now: crate::date::now().map_err(Error::Usage)?,
        out,
        command,
        quiet: cli.quiet,
        config,
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
        Command::Verdict(args) => verdict::run(&mut ctx, args),
        Command::Queue => desk::queue(&mut ctx),
        Command::Tag(command) => desk::tag(&mut ctx, command),
        Command::Flags(args) => flags::run(&mut ctx, args),
        Command::History { claim, limit } => history::run(&mut ctx, claim.as_deref(), limit),
        Command::Undo => undo::run(&mut ctx, crate::ops::undo::Target::Last),
        Command::Revert { event, change } => undo::run(&mut ctx, undo::target(event, change)),
        Command::Config(command) => config::run(&mut ctx, command),
        Command::Completions { shell } => conventions::completions(&mut ctx, shell),
        Command::Man { out_dir } => conventions::man(&mut ctx, out_dir.as_deref()),
        Command::Verify { anchors, anchors_file } => verify::run(&mut ctx, &anchors, anchors_file.as_deref()),
        Command::Anchor => verify::anchor(&mut ctx),
        Command::Backup { file } => backup::run(&mut ctx, &file),
        Command::Migrate { from, to, org, merge } => migrate::run(&mut ctx, &from, &to, &org, merge),
        Command::Admin(command) => org::admin(&mut ctx, command),
        Command::Org(command) => org::run(&mut ctx, command),
        Command::Redact { record, id, field, reason } => redact::run(&mut ctx, &record, &id, &field, &reason),
        Command::Settings(command) => settings::run(&mut ctx, command),
        Command::Report(args) => report::run(&mut ctx, args),
        Command::Import(args) => interchange::import(&mut ctx, args),
        Command::Export(args) => interchange::export(&mut ctx, args),
        Command::Unmapped => interchange::unmapped(&mut ctx),
        Command::Publish { claim, url, published } => interchange::publish(&mut ctx, &claim, &url, published),
        Command::DatasetteMetadata { name } => interchange::datasette_metadata(&mut ctx, name),
        Command::Extract(args) => extract::run(&mut ctx, args),
        Command::Lint(args) => lint::run(&mut ctx, args),
        Command::Similar(args) => matching::similar(&mut ctx, args),
        Command::Diff { claim, other, text } => matching::diff(&mut ctx, &claim, other, text),
    }?;
    ctx.out.flush()
}

/// Prints what an `add` created: the id first on its line, or the record as JSON; with `--quiet` only the id.
fn print_created<T: serde::Serialize>(ctx: &mut Ctx, id: impl std::fmt::Display, what: &str, record: &T) -> Result<()> {
    if ctx.quiet {
        return ctx.out.line(&id.to_string());
    }
    if ctx.json() { ctx.out.json(record) } else { ctx.out.line(&format!("{id}\t{what}")) }
}

/// Prints what a write did when it has no record to show as JSON: `ID<tab>what`, or only the id with `--quiet`.
fn print_done(ctx: &mut Ctx, id: impl std::fmt::Display, what: &str) -> Result<()> {
    if ctx.quiet { ctx.out.line(&id.to_string()) } else { ctx.out.line(&format!("{id}\t{what}")) }
}
