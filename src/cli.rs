//! Command-line types (clap derive). The doc comments here are the `--help` text; one file,
//! longer than most, so that all of `--help` can be read and kept consistent in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::PartialDate;
use crate::model::{CitationKind, Flag, Medium, Rating, SourceKind, Stage};

/// claimtrack — a ledger for fact-checkers.
///
/// Log each claim in a story with the source it is attributed to, link later
/// reports that corroborate or contradict it, and ask which statements are
/// still unverified and why. Everything lives in one SQLite file.
///
/// Records are named by number (`12`), or — for sources and articles — by
/// name, alias, title or URL. Start with `claimtrack init`, or try
/// `claimtrack sample` to load the bundled sample article.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, max_term_width = 100, after_help = EXAMPLES)]
pub struct Cli {
    /// Ledger file [default: the config file's db, else ./claimtrack.db]
    #[arg(long, global = true, env = "CLAIMTRACK_DB", hide_env_values = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// Who is making changes, for the audit trail [default: the config file's editor, else your OS user name]
    #[arg(long, global = true, env = "CLAIMTRACK_EDITOR", hide_env_values = true, value_name = "NAME", help_heading = GLOBAL)]
    pub editor: Option<String>,

    /// Output format: `table` for people, `json` for programs; `report` also writes markdown, csv, html and dot; `export` writes claimreview, claimreview-jsonl, csv and jsonl [default: table, or the config file's]
    #[arg(long, global = true, value_enum, help_heading = GLOBAL)]
    pub format: Option<Format>,

    /// Colour in tables: `auto` colours a terminal unless NO_COLOR is set [default: auto, or the config file's]
    #[arg(long, global = true, value_enum, help_heading = GLOBAL)]
    pub color: Option<ColourChoice>,

    /// After a change, print only the id of what was written
    #[arg(long, short, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// How long to wait for another editor's write before giving up, in milliseconds (at most an hour)
    #[arg(long, global = true, env = "CLAIMTRACK_BUSY_TIMEOUT_MS", hide_env_values = true, value_name = "MS", default_value_t = crate::store::DEFAULT_BUSY_TIMEOUT_MS, value_parser = clap::value_parser!(u64).range(0..=crate::store::MAX_BUSY_TIMEOUT_MS), help_heading = GLOBAL)]
    pub busy_timeout: u64,

    #[command(subcommand)]
    pub command: Command,
}

/// The heading global options are listed under in `claimtrack --help`.
const GLOBAL: &str = "Global options";

/// The command line as `main` parses it: the global options are listed once, in
/// `claimtrack --help`, and hidden from each subcommand's help (where they still work).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut command = Cli::command();
    command.build();
    let globals: Vec<clap::Id> =
        command.get_arguments().filter(|a| a.is_global_set()).map(|a| a.get_id().clone()).collect();
    let names: Vec<String> = command
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let note = format!("Global options ({}) work here too: see `claimtrack --help`.", names.join(", "));
    for sub in command.get_subcommands_mut() {
        hide_globals(sub, &globals, &note);
    }
    command
}

fn hide_globals(command: &mut clap::Command, globals: &[clap::Id], note: &str) {
    // In place (`mut_args`): the built command's lookup tables keep pointing at the same arguments.
    let mut owned = std::mem::take(command).mut_args(|a| if globals.contains(a.get_id()) { a.hide(true) } else { a });
    let after = match owned.get_after_help() {
        Some(text) => format!("{text}\n\n{note}"),
        None => note.to_string(),
    };
    owned = owned.after_help(after);
    for sub in owned.get_subcommands_mut() {
        hide_globals(sub, globals, note);
    }
    *command = owned;
}

const EXAMPLES: &str = "\
Examples:
  claimtrack init
  claimtrack source add \"Middle East Eye\" --kind outlet --alias MEE
  claimtrack article add \"Turkey set to train Niger's military\" --publisher Maghrebi.org \\
      --published \"September 2025\" --text-file article.txt
  claimtrack claim add \"Turkey will send elite troops to train Niger's military\" \\
      --article 1 --source MEE --quote \"Turkey will send some of its elite troops\"
  claimtrack link 1 --corroborates --article 2
  claimtrack flags";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal
    Table,
    /// JSON for programs (the shapes are documented in the README)
    Json,
    /// Markdown, for correction notes, chat and CMS editors (report only)
    Markdown,
    /// CSV, one row per claim and citation (report and export)
    Csv,
    /// One self-contained HTML page with charts (report only)
    Html,
    /// The citation graph for Graphviz (report only)
    Dot,
    /// schema.org ClaimReview JSON-LD, one array (export only; its default)
    #[value(name = "claimreview")]
    ClaimReview,
    /// schema.org ClaimReview, one object per line (export only)
    #[value(name = "claimreview-jsonl")]
    ClaimReviewJsonl,
    /// JSON Lines: one claim per line with its citations, flags and reviews (export only)
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColourChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the ledger file (or bring an older one up to date)
    Init,

    /// Bring a ledger written by an older claimtrack up to date (read commands refuse one until then)
    Upgrade,

    /// Load the bundled sample article (Maghrebi.org, Sept 2025) and show its claims, sources and flags
    Sample,

    /// Sources: who statements are attributed to
    #[command(subcommand)]
    Source(SourceCommand),

    /// Articles: published reports that carry claims
    #[command(subcommand)]
    Article(ArticleCommand),

    /// Claims: checkable statements and where they appeared
    #[command(subcommand)]
    Claim(ClaimCommand),

    /// Record that a claim or article corroborates, conflicts with or duplicates a claim
    ///
    /// `claimtrack link 3 --conflicts 7` links claim 3 to claim 7;
    /// `claimtrack link 3 --corroborates --article 12` links it to article 12.
    Link(LinkArgs),

    /// Remove a link by its id (shown by `claim show`)
    Unlink {
        /// The link's id
        link: String,
    },

    /// Rate a claim with its reasons and evidence; the newest verdict not withdrawn is in force
    ///
    /// `claimtrack verdict 5 mostly-true --rationale "…" --evidence "https://… | Pentagon statement | 2025-09-30"`;
    /// `claimtrack verdict withdraw 7 --reason "rated the wrong claim"`.
    Verdict(VerdictArgs),

    /// My claims, most urgent first: overdue, then flagged (worst flag first), then oldest
    ///
    /// The claims assigned to the current editor (`--editor`, `CLAIMTRACK_EDITOR`, else your
    /// OS user name) that are still active and not published or closed.
    Queue,

    /// Tags: `list` with how many claims carry each, `rename OLD NEW`
    #[command(subcommand)]
    Tag(TagCommand),

    /// Which claims are flagged, and why
    Flags(FlagsArgs),

    /// The audit log: who changed what, when (all of it, or one claim's)
    History {
        /// Only events about this claim (its row, citations, links and verdicts)
        claim: Option<String>,
        /// Only the newest N events (0 for all)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
        limit: Option<u64>,
    },

    /// Take back your last change (one command: a `claim add` with its citation, an import) by recording its inverse
    ///
    /// Nothing leaves the audit log: the inverse is a new change, named
    /// `undo (reverts change N)` in `history`. Undoing an undo applies the
    /// change again. Refused, naming the event, when a later change by anyone
    /// touched the same records.
    Undo,

    /// Take back a named change, by one of its events (ids from `history`) or by its change id
    #[command(group(clap::ArgGroup::new("what").required(true).args(["event", "change"])))]
    Revert {
        /// An event of the change to revert (`history` shows event ids)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        event: Option<i64>,
        /// The change to revert, by its id (`history --format json` shows it as "change")
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(i64).range(1..))]
        change: Option<i64>,
    },

    /// Your settings (default ledger, editor name, output, lint levels) in your config file: `path`, `list`, `get`, `set`, `unset`
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print a shell completion script: bash, zsh, fish, powershell or elvish
    #[command(after_help = COMPLETION_EXAMPLES)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff), or write one page per command into a folder
    Man {
        /// Write claimtrack.1 and a page for every subcommand (claimtrack-claim-add.1 …) here
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },

    /// Check the file, the audit chain, every row against its events, the schema, and anchors kept elsewhere
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify {
        /// An anchor printed earlier by `claimtrack anchor` (ID:HASH) that must still be on the chain (repeatable)
        #[arg(long = "anchor", value_name = "ID:HASH")]
        anchors: Vec<String>,
        /// A file of anchors, one per line; `#` starts a comment
        #[arg(long = "anchors", value_name = "FILE")]
        anchors_file: Option<PathBuf>,
    },

    /// Print the audit chain's head (ID:HASH) to keep outside the ledger, so a removed tail shows
    Anchor,

    /// Replace a recorded value with a marker, in its record and its history, keeping the audit chain intact
    ///
    /// For source protection or a legal request: the value is gone from the
    /// ledger, its SHA-256 stays, and who redacted what and why is recorded.
    /// Redactable: source (name, url, note); alias (alias); article (title,
    /// url, text); claim (text, retract-reason); citation (quote); link
    /// (note); verdict (note, evidence, rationale, withdraw-reason); evidence
    /// (url, title, text); note (text); assignee (editor). Back up first: a
    /// redaction cannot be undone.
    Redact {
        /// What kind of record: source, alias, article, claim, citation, link, verdict, evidence, note or assignee
        record: String,
        /// The record's id
        id: String,
        /// The field to redact
        field: String,
        /// Why, for the record (a legal request, source protection)
        #[arg(long)]
        reason: String,
    },

    /// Write a consistent, verified copy of the ledger while editors keep working, and print its anchor
    ///
    /// On PostgreSQL (`--db postgres://…`) the copy is an SQLite file holding the ledger, audit log
    /// included, checked row for row against the server; it opens, verifies and serves (Datasette) like
    /// any ledger file. To back up a whole server (roles, other databases), use PostgreSQL's `pg_dump`.
    Backup {
        /// Where to write the copy (must not exist yet)
        file: PathBuf,
    },

    /// Copy a whole ledger, audit log included, between an SQLite file and a PostgreSQL server, then check every row arrived
    ///
    /// `--from FILE --to postgres://…` moves a desk to a server: the SQLite ledger must verify first; the
    /// PostgreSQL database (its current schema) must hold no claimtrack rows, and gets claimtrack's schema.
    /// `--from postgres://… --to FILE` takes the server's ledger offline: FILE must not exist (or be a
    /// ledger nothing was written to yet). Either way every row is compared with the source and the copy
    /// must verify; ids, the audit chain and its anchor stay the same.
    Migrate {
        /// The ledger to copy: an SQLite file, or `postgres://user@host/dbname` / `host=… dbname=…`
        #[arg(long, value_name = "FILE|URL")]
        from: String,
        /// Where to copy it: a PostgreSQL database (URL or `host=… dbname=…`, connecting as its owner), or a new SQLite file
        #[arg(long, value_name = "URL|FILE")]
        to: String,
        /// Moving a desk to a server: the newsroom its records belong to there (created when missing)
        #[arg(long, value_name = "NEWSROOM", default_value = "desk")]
        org: String,
        /// Onto a server that already holds other newsrooms: the rows get new ids, recorded in the
        /// newsroom's chain as one import per table naming the file and its anchor (the newsroom must be new)
        #[arg(long)]
        merge: bool,
    },

    /// The PostgreSQL ledger's owner: create or upgrade its schema, verify every newsroom's chain
    ///
    /// Run with `--db` connecting as the role that owns the ledger's tables. Editors never connect
    /// as that role: it reads past row-level security.
    #[command(subcommand)]
    Admin(AdminCommand),

    /// Newsrooms, coalitions and their editors on a PostgreSQL ledger
    ///
    /// The owner adds them (`org add`, `org join`, `org editor`); each editor then connects as their
    /// own role and reads their newsroom's records and what its coalitions share, and nothing else.
    #[command(subcommand, after_help = ORG_EXAMPLES)]
    Org(OrgCommand),

    /// Ledger settings (stale age, organisation, desk time zone): `list`, `get KEY`, `set KEY VALUE`; changes are audited
    #[command(subcommand)]
    Settings(SettingsCommand),

    /// Source-attribution report: who said what, how independent, how well sourced
    ///
    /// For one article (`--article`), one source's track record (`--source`),
    /// articles published in a period (`--since` / `--until`), or the whole
    /// ledger (no scope: a per-source table and the most urgent flags first).
    /// Formats: table, markdown, json, csv (one row per claim and citation),
    /// html (one self-contained page with charts) and dot (Graphviz).
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),

    /// Import claims with their sources, appearances and reviews, in one audited change
    ///
    /// Reads schema.org ClaimReview JSON-LD (one object, an array, an @graph,
    /// JSON Lines, or an HTML page's ld+json scripts), CSV, TSV or JSON Lines
    /// with a column mapping, or a preset archive (LIAR, AVeriTeC). Importing
    /// the same file twice adds nothing. A record that cannot be imported
    /// stops the whole import, with nothing written, unless --skip-bad.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),

    /// Export reviews as schema.org ClaimReview, or claims with citations, flags and reviews as CSV or JSON Lines
    ///
    /// `--format claimreview` (the default) writes one JSON-LD array,
    /// `claimreview-jsonl` one ClaimReview per line; `csv` one row per claim
    /// and citation, `jsonl` one claim per line.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),

    /// Published reviews whose rating's words do not map onto our scale, for an editor to rate
    Unmapped,

    /// Record that the desk published its verdict on a claim (URL and date), for the ClaimReview export
    ///
    /// The review's author is the organisation in the settings
    /// (`settings set organisation.name …`, `organisation.url …`).
    Publish {
        /// The claim whose newest verdict was published
        claim: String,
        /// Where the fact-check is published
        #[arg(long, value_parser = crate::address::parse_url)]
        url: String,
        /// When [default: today]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        published: Option<PartialDate>,
    },

    /// Write a Datasette metadata file: descriptions, labels, facets, canned queries for flags and sources
    ///
    /// `claimtrack datasette-metadata > metadata.json` then
    /// `datasette claimtrack.db -m metadata.json`.
    DatasetteMetadata {
        /// The database name Datasette will show [default: the ledger file's name without its extension]
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },

    /// Attributed statements found in article text: source, cue, kind and content, with positions
    ///
    /// Reads plain text (FILE, `-` for standard input, or the text stored with
    /// an article). Reports each attribution — "according to X", "X said …",
    /// quotes, "sources indicate", "reportedly" — and each sentence that
    /// states figures, dates or named actors doing things with no source
    /// (`unattributed`). Offsets are in characters, end exclusive.
    #[command(after_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),

    /// Check drafts before publication: unattributed figures, anonymous and vague sourcing, as compiler-style diagnostics
    ///
    /// Prints one diagnostic per finding, `path:line:col: level: message`, the
    /// way compilers do, and exits 3 when a finding reaches `--deny` (default
    /// `error`), 0 otherwise; 1 or 2 for bad input. Needs no ledger: use it as a
    /// pre-publication gate in CI or a CMS hook. Kinds: `unattributed`,
    /// `anonymous`, `vague`, `unresolved` (a pronoun or "the outlet" with no named source before it).
    Lint(LintArgs),

    /// Claims that match a text, best first, with the words that differ; or, with --all,
    /// near-duplicates and numeric mismatches across the ledger
    Similar(SimilarArgs),

    /// The word-level difference between two claims, or between a claim and a text
    #[command(override_usage = "claimtrack diff CLAIM (OTHER | --text TEXT)")]
    Diff {
        /// The claim to compare from
        claim: String,
        /// The claim to compare with
        #[arg(required_unless_present = "text", conflicts_with = "text")]
        other: Option<String>,
        /// Compare with this wording instead (`-` reads it from standard input)
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
    },
}

/// What `claimtrack lint` checks, how loudly, and when it fails.
#[derive(Debug, Args)]
#[command(after_help = LINT_EXAMPLES)]
pub struct LintArgs {
    /// Article texts to check (`-` for standard input)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The level of one kind of finding, KIND=LEVEL (levels: allow, note, warning, error); repeatable
    #[arg(long = "level", value_name = "KIND=LEVEL")]
    pub levels: Vec<String>,
    /// Exit 3 when a finding is at this level or above
    #[arg(long, value_enum, default_value_t = LintLevel::Error)]
    pub deny: LintLevel,
    /// Read the word lists from every *.toml file in DIR instead of the built-in lexicons
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// The lexicon's language [default: the one whose common words the text uses most]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// How serious a lint finding is, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Not reported
    Allow,
    /// Reported for information
    Note,
    /// Reported as a warning
    Warning,
    /// Reported as an error
    Error,
}

const LINT_EXAMPLES: &str = "\
Examples:
  claimtrack lint draft.txt
  claimtrack lint drafts/*.txt --level anonymous=error --deny warning
  claimtrack lint draft.txt --format json";

const EXTRACT_EXAMPLES: &str = "\
Examples:
  claimtrack extract article.txt
  claimtrack extract article.txt --format json
  claimtrack extract --article 1
  claimtrack extract article.txt --save --article 1
  claimtrack extract article.txt --save --publisher Maghrebi --interactive
  curl -s https://example.org/story.txt | claimtrack extract -";

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article text (`-` for standard input)
    #[arg(value_name = "FILE", required_unless_present = "article")]
    pub file: Option<PathBuf>,
    /// The article (id, title or URL): without FILE, read its stored text; with --save, record into it
    #[arg(long)]
    pub article: Option<String>,
    /// Record each statement as a claim with its citation, in one change (needs --article or --publisher)
    #[arg(long)]
    pub save: bool,
    /// With --save: create the article from FILE, published by this source (id, name or alias)
    #[arg(long, requires = "save", requires = "file", conflicts_with = "article")]
    pub publisher: Option<String>,
    /// With --publisher: the new article's title [default: the text's first line]
    #[arg(long, requires = "publisher")]
    pub title: Option<String>,
    /// With --save: accept, edit or skip each statement at the terminal before recording
    #[arg(long, requires = "save")]
    pub interactive: bool,
    /// Read the word lists from every *.toml file in DIR instead of the built-in lexicons
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// The lexicon's language (`en`, `fr`, …) [default: the one whose common words the text uses most]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  claimtrack import fact-check.html
  claimtrack import reviews.jsonl --dry-run
  claimtrack import claims.csv --from csv --map text=statement,source=speaker,date=when
  claimtrack import train.tsv --preset liar --skip-bad rejected.tsv
  curl -s https://example.org/fact-check | claimtrack import -";

const EXPORT_EXAMPLES: &str = "\
Examples:
  claimtrack export > claimreview.json
  claimtrack export --format claimreview-jsonl --since 2025-09-01
  claimtrack export --format csv --article 1 > claims.csv";

/// The filters `claim list` and `claim search` share.
#[derive(Debug, Args)]
pub struct ClaimFilters {
    /// Only claims carrying this flag
    #[arg(long, value_enum)]
    pub flag: Option<Flag>,
    /// Only claims cited in this article
    #[arg(long)]
    pub article: Option<String>,
    /// Only claims attributed to this source
    #[arg(long)]
    pub source: Option<String>,
    /// Include retracted claims
    #[arg(long)]
    pub all: bool,
}

/// What `import --from` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// schema.org ClaimReview JSON-LD: JSON, JSON Lines, or an HTML page's ld+json scripts
    #[value(name = "claimreview")]
    ClaimReview,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// JSON Lines: one object per line
    Jsonl,
}

/// A real archive's layout and mapping rules (see the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// LIAR (PolitiFact) TSV: train, valid or test
    Liar,
    /// AVeriTeC JSON: claims with labels and question/answer evidence
    Averitec,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to read (`-` for standard input)
    pub file: PathBuf,
    /// What the file holds [default: claimreview]
    #[arg(long, value_enum, conflicts_with = "preset")]
    pub from: Option<ImportFrom>,
    /// Which column fills which field, FIELD=COLUMN,…: text, source, source_kind, article, url, date, medium, publisher, rating, reviewer, review_url, review_date
    #[arg(long, value_name = "MAP", conflicts_with = "preset")]
    pub map: Option<String>,
    /// A real archive's layout and rules
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// Import the good records and write the rejected ones to this file (nothing written to the ledger without it when any is bad)
    #[arg(long, value_name = "FILE")]
    pub skip_bad: Option<PathBuf>,
    /// Report what would be imported; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this claim's reviews (or row)
    #[arg(long)]
    pub claim: Option<String>,
    /// Only claims cited in this article (id, title or URL)
    #[arg(long)]
    pub article: Option<String>,
    /// Only reviews published on or after this date (claims logged on or after it, for csv and jsonl)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<PartialDate>,
}

const COMPLETION_EXAMPLES: &str = "\
Examples:
  claimtrack completions bash > ~/.local/share/bash-completion/completions/claimtrack
  claimtrack completions zsh > ~/.zfunc/_claimtrack        # with fpath+=~/.zfunc before compinit
  claimtrack completions fish > ~/.config/fish/completions/claimtrack.fish";

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Where your config file is (it need not exist yet)
    Path,
    /// Every key your config file sets
    List,
    /// One key's value: db, editor, format, color or lint.KIND
    Get {
        /// db, editor, format, color or lint.KIND
        key: String,
    },
    /// Set a key in your config file (created when missing; comments are kept)
    Set {
        /// db, editor, format, color or lint.KIND
        key: String,
        /// The value: a path, a name, a format, auto|always|never, or allow|note|warning|error
        value: String,
    },
    /// Remove a key from your config file
    Unset {
        /// db, editor, format, color or lint.KIND
        key: String,
    },
}

const VERIFY_EXAMPLES: &str = "\
Examples:
  claimtrack anchor >> anchors.txt        # keep heads elsewhere: a log, an email, a git commit
  claimtrack verify --anchors anchors.txt
  claimtrack verify --anchor 1203:5f0c…";

const REPORT_EXAMPLES: &str = "\
Examples:
  claimtrack report --article 1
  claimtrack report --article 1 --format html > report.html
  claimtrack report --source \"Middle East Eye\" --format markdown
  claimtrack report --since \"September 2025\" --until 2025-10-15 --format csv > september.csv
  claimtrack report --format dot | dot -Tsvg > graph.svg";

/// `verdict CLAIM RATING …`, or `verdict withdraw VERDICT --reason R`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct VerdictArgs {
    #[command(subcommand)]
    pub action: Option<VerdictCommand>,
    /// The claim's id
    #[arg(required = true)]
    pub claim: Option<String>,
    /// The rating
    #[arg(value_enum, required = true)]
    pub rating: Option<Rating>,
    /// Why, in a sentence
    #[arg(long)]
    pub note: Option<String>,
    /// Why, at length: the rationale shown under the rating in every report (Markdown allowed; `-` reads standard input)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub rationale: Option<String>,
    /// Who reviewed the verdict [default: the editor recording it]
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Evidence: a URL, optionally with its title and the day it was read, after `|`:
    /// "https://… | Pentagon statement | 2025-09-30" (repeatable)
    #[arg(long, value_name = "URL[|TITLE][|ACCESSED]")]
    pub evidence: Vec<String>,
    /// Evidence kept as a saved copy: the file's text and SHA-256, which `verify` checks; optionally with
    /// the URL it was saved from, a title and the day it was read: "page.html | https://… | Title" (repeatable)
    #[arg(long, value_name = "FILE[|URL][|TITLE][|ACCESSED]")]
    pub evidence_file: Vec<String>,
    /// Publish: move the claim to the `published` stage in the same change
    #[arg(long)]
    pub publish: bool,
}

#[derive(Debug, Subcommand)]
pub enum VerdictCommand {
    /// Withdraw a verdict given in error; it stays on record, and the one before it is in force again
    Withdraw {
        /// The verdict's id (`claim show` lists them)
        verdict: String,
        /// Why, for the record
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Every tag with how many claims carry it
    List,
    /// Rename a tag on every claim that carries it (one change)
    Rename {
        /// The tag now
        from: String,
        /// Its new name
        to: String,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One article (id, title or URL)
    #[arg(long, conflicts_with_all = ["source", "since", "until", "tag"])]
    pub article: Option<String>,
    /// One source's track record (id, name, alias or URL)
    #[arg(long, conflicts_with_all = ["since", "until", "tag"])]
    pub source: Option<String>,
    /// The claims carrying one tag, with the per-source table for them
    #[arg(long, value_name = "TAG", conflicts_with_all = ["since", "until"])]
    pub tag: Option<String>,
    /// Claims cited in articles published on or after this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<PartialDate>,
    /// Claims cited in articles published on or before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<PartialDate>,
    /// For the whole ledger: how many of the most urgent claims to detail (0 for all)
    #[arg(long, value_name = "N", default_value_t = 25, value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    pub limit: u64,
    /// Days without a verdict before a claim is stale [default: the ledger's setting, 30]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36_500))]
    pub stale_days: Option<u32>,
}

const ORG_EXAMPLES: &str = "Examples (as the ledger's owner, then as an editor):
  claimtrack --db postgres://owner@db/claims admin upgrade
  claimtrack --db postgres://owner@db/claims org add desk-bamako
  claimtrack --db postgres://owner@db/claims org add coalition-sahel --coalition
  claimtrack --db postgres://owner@db/claims org join desk-bamako coalition-sahel
  claimtrack --db postgres://owner@db/claims org editor amina --org desk-bamako
  claimtrack --db postgres://amina@db/claims claim share 14 --with coalition-sahel";

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create the ledger's schema on an empty database, or bring it up to date, and renew every editor's grants
    Upgrade,
    /// Verify every newsroom's chain and rows, and every foreign key across newsrooms
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add a newsroom (its records and audit chain are its own), or with --coalition a coalition
    Add {
        /// Its name (`desk-bamako`, `coalition-sahel`)
        name: String,
        /// A coalition of newsrooms, which claims are shared with
        #[arg(long)]
        coalition: bool,
    },
    /// Put a newsroom in a coalition: it reads what the coalition's newsrooms share there
    Join {
        /// The newsroom
        newsroom: String,
        /// The coalition
        coalition: String,
    },
    /// Make a PostgreSQL role an editor of a newsroom (the role is created, LOGIN, when missing)
    Editor {
        /// The role the editor connects as
        role: String,
        /// The newsroom
        #[arg(long, value_name = "NEWSROOM")]
        org: String,
    },
    /// The organisations you may see, with their coalitions or members and their editors
    List,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value and what it means
    List,
    /// One setting's value
    Get {
        /// stale_days, organisation.name, organisation.url or desk.timezone
        key: String,
    },
    /// Change a setting (recorded in the audit log)
    Set {
        /// stale_days, organisation.name, organisation.url or desk.timezone
        key: String,
        /// The new value (may start with `-`: desk.timezone -05:00)
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source
    Add {
        /// Its name as it should appear in reports
        name: String,
        /// What kind of source it is
        #[arg(long, value_enum)]
        kind: SourceKind,
        /// Its website or profile
        #[arg(long, value_parser = crate::address::parse_url)]
        url: Option<String>,
        /// Anything an editor should know about it
        #[arg(long)]
        note: Option<String>,
        /// Another name it goes by (repeatable)
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
    },
    /// List sources with how many citations each has
    List {
        /// Only sources of this kind
        #[arg(long, value_enum)]
        kind: Option<SourceKind>,
    },
    /// Show one source: its aliases and the claims attributed to it
    Show {
        /// Id, name, alias or URL
        source: String,
    },
    /// Give a source another name it can be found by
    Alias {
        /// Id, name, alias or URL
        source: String,
        /// The new alias
        alias: String,
    },
    /// Fold one source into another: citations, articles and aliases move over
    Merge {
        /// The source to fold away
        from: String,
        /// The source to keep
        into: String,
    },
    /// Change a source's name, kind, URL or note
    Edit {
        /// Id, name, alias or URL
        source: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<SourceKind>,
        #[arg(long, value_parser = crate::address::parse_url)]
        url: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Add an article
    ///
    /// The URL is stored in its canonical form (tracking parameters such as
    /// utm_* and fbclid dropped, AMP and mobile variants taken back to the
    /// page, a saved page's rel=canonical honoured); the URL as given is kept
    /// beside it. A saved HTML page as --text-file gives its body as the text,
    /// and its title, canonical URL and date when they are not given.
    Add {
        /// Its headline [default: a saved page's title]
        #[arg(required_unless_present = "text_file")]
        title: Option<String>,
        /// Where it was published
        #[arg(long, value_parser = crate::address::parse_url)]
        url: Option<String>,
        /// The source that published it (id, name, alias or URL)
        #[arg(long)]
        publisher: Option<String>,
        /// When: 2025-09-22, "22 September 2025", "July 2025" or 2023
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        published: Option<PartialDate>,
        /// A UTF-8 file with the article's text, kept with its SHA-256 (`-` for standard input)
        #[arg(long, value_name = "PATH")]
        text_file: Option<PathBuf>,
        /// An article this one re-reports (repeatable)
        #[arg(long = "derived-from", value_name = "ARTICLE")]
        derived_from: Vec<String>,
        /// What kind of publication it is; cite a recording by time with `claim add --at`
        #[arg(long, value_enum)]
        medium: Option<Medium>,
    },
    /// List articles, newest first
    List {
        /// Only articles by this publisher
        #[arg(long)]
        publisher: Option<String>,
    },
    /// Show one article and the claims cited in it
    Show {
        /// Id, title or URL
        article: String,
        /// Print the stored text too
        #[arg(long)]
        text: bool,
    },
}

/// Where a claim appeared and who it was attributed to.
#[derive(Debug, Args)]
pub struct CitationArgs {
    /// The article it appeared in (id, title or URL)
    #[arg(long)]
    pub article: Option<String>,
    /// Who it was attributed to (id, name, alias or URL)
    #[arg(long)]
    pub source: Option<String>,
    /// How it was attributed [default: named with --source, else unattributed]
    #[arg(long, value_enum)]
    pub kind: Option<CitationKind>,
    /// The verbatim words from the article; located in its text when the text is stored
    #[arg(long)]
    pub quote: Option<String>,
    /// Where in a recording (audio, video, broadcast): FROM-TO as H:MM:SS, M:SS or seconds
    #[arg(long, value_name = "FROM-TO", value_parser = crate::timerange::TimeRange::parse)]
    pub at: Option<crate::timerange::TimeRange>,
}

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Add a claim, optionally with the citation where it appeared
    Add {
        /// The statement, in canonical wording; `-` reads it from standard input
        #[arg(allow_hyphen_values = true, required_unless_present = "text_file", conflicts_with = "text_file")]
        text: Option<String>,
        /// Read the statement from a UTF-8 file (`-` for standard input), for long texts
        #[arg(long, value_name = "PATH")]
        text_file: Option<PathBuf>,
        #[command(flatten)]
        citation: CitationArgs,
        /// By when it must be checked: a full date (2025-10-01), in the desk's time zone
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// When the ledger already holds the claim or a near-duplicate: ask (the default on a
        /// terminal), add it anyway (the default otherwise; matches are reported on stderr),
        /// skip it (print the existing claim's id instead), or link it as a duplicate of the best match
        #[arg(long, value_enum, value_name = "WHAT")]
        on_duplicate: Option<OnDuplicate>,
    },
    /// Record another place a claim appeared
    Cite {
        /// The claim's id
        claim: String,
        #[command(flatten)]
        citation: CitationArgs,
    },
    /// List claims
    List {
        #[command(flatten)]
        filters: ClaimFilters,
        /// Only claims at this stage
        #[arg(long, value_enum)]
        stage: Option<Stage>,
        /// Only claims this editor is on (`me` for the current editor)
        #[arg(long, value_name = "NAME")]
        assignee: Option<String>,
        /// Only claims carrying this tag
        #[arg(long)]
        tag: Option<String>,
        /// Only claims due on or before this date
        #[arg(long, value_name = "DATE")]
        due_before: Option<String>,
        /// Only overdue claims: past their due date in the desk's time zone, not published or closed
        #[arg(long)]
        overdue: bool,
        /// Only claims whose words match (see `claim search --help`)
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        search: Option<String>,
    },
    /// Find claims by their words: `"exact phrase"`, `prefix*`, `-excluded`, `a OR b`
    ///
    /// Every other word must appear (in any form: "battalion" finds "battalions").
    /// Words are what the claim states: its attribution frame ("according to Reuters")
    /// is not searched; use --source for who said it.
    Search {
        /// The words to look for
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: ClaimFilters,
    },
    /// Move a claim to a stage: open → in-progress → in-review → published, or closed
    ///
    /// Allowed moves: open → in-progress, in-review, closed; in-progress → open,
    /// in-review, closed; in-review → in-progress, published (needs a verdict in
    /// force), closed; published → in-review (a correction); closed → open.
    /// `verdict … --publish` rates and publishes in one change.
    Stage {
        /// The claim's id
        claim: String,
        /// The new stage
        #[arg(value_enum)]
        stage: Stage,
    },
    /// Put editors on a claim (`--to me` for the current editor; repeat --to for several)
    Assign {
        /// The claim's id
        claim: String,
        /// The editor's name, or `me`
        #[arg(long = "to", value_name = "NAME", required = true)]
        to: Vec<String>,
    },
    /// Take editors off a claim
    Unassign {
        /// The claim's id
        claim: String,
        /// The editor's name, or `me`
        #[arg(long = "from", value_name = "NAME", required = true)]
        from: Vec<String>,
    },
    /// Tag a claim with one or more words (a beat or topic: `election-2025 sahel`)
    Tag {
        /// The claim's id
        claim: String,
        /// The tags
        #[arg(required = true)]
        tags: Vec<String>,
    },
    /// Remove tags from a claim
    Untag {
        /// The claim's id
        claim: String,
        /// The tags
        #[arg(required = true)]
        tags: Vec<String>,
    },
    /// Set when a claim must be checked by (a full date), or `--clear` it
    Due {
        /// The claim's id
        claim: String,
        /// The date: 2025-10-01 or "1 October 2025"
        #[arg(required_unless_present = "clear", conflicts_with = "clear")]
        date: Option<String>,
        /// Remove the due date
        #[arg(long)]
        clear: bool,
    },
    /// Add a dated, signed entry to a claim's work log
    Note {
        /// The claim's id
        claim: String,
        /// What happened ("called the ministry, awaiting reply"); `-` reads standard input
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Show a claim: citations, links, verdicts and flags
    Show {
        /// The claim's id
        claim: String,
    },
    /// Reword a claim
    Edit {
        /// The claim's id
        claim: String,
        /// The new wording; `-` reads it from standard input
        #[arg(required_unless_present = "text_file", conflicts_with = "text_file")]
        text: Option<String>,
        /// Read the new wording from a UTF-8 file (`-` for standard input)
        #[arg(long, value_name = "PATH")]
        text_file: Option<PathBuf>,
    },
    /// Bring back a retracted claim; the retraction stays in the audit trail
    Restore {
        /// The claim's id
        claim: String,
    },
    /// Share one of your newsroom's claims, with its citations, links and verdicts, with a coalition (PostgreSQL)
    Share {
        /// The claim's id
        claim: String,
        /// The coalition (one your newsroom is in)
        #[arg(long = "with", value_name = "COALITION")]
        with: String,
    },
    /// Withdraw a claim logged in error; it stays in the audit trail
    Retract {
        /// The claim's id
        claim: String,
        /// Why it is withdrawn
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("stance").required(true).args(["corroborates", "conflicts", "duplicates"])))]
#[command(group(clap::ArgGroup::new("target").required(true).args(["other", "article"])))]
#[command(
    override_usage = "claimtrack link CLAIM (--corroborates | --conflicts | --duplicates) (OTHER | --article ARTICLE) [--note NOTE]"
)]
pub struct LinkArgs {
    /// The claim the link is about
    pub claim: String,
    /// The other claim
    pub other: Option<String>,
    /// The target backs the claim up
    #[arg(long)]
    pub corroborates: bool,
    /// The target contradicts the claim
    #[arg(long)]
    pub conflicts: bool,
    /// The target is the same statement
    #[arg(long)]
    pub duplicates: bool,
    /// Link to an article instead of a claim (id, title or URL)
    #[arg(long)]
    pub article: Option<String>,
    /// Why, in a sentence
    #[arg(long)]
    pub note: Option<String>,
}

/// What `claim add` does with a claim the ledger already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    /// Show the matches and ask (only on a terminal)
    Ask,
    /// Record it as a duplicate of the best match
    Link,
    /// Add nothing; print the existing claim's id
    Skip,
    /// Add it anyway
    Add,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["text", "all", "reindex"])))]
pub struct SimilarArgs {
    /// The text to match; `-` reads it from standard input
    #[arg(allow_hyphen_values = true)]
    pub text: Option<String>,
    /// How many matches to show
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub limit: u64,
    /// Near-duplicates and numeric mismatches among all claims (or those added --since)
    #[arg(long, conflicts_with = "text")]
    pub all: bool,
    /// With --all: only claims added on or after this date (each against the whole ledger)
    #[arg(long, value_name = "DATE", requires = "all", value_parser = parse_date)]
    pub since: Option<PartialDate>,
    /// With --all: store the numeric mismatches found, so the flags show them
    #[arg(long, requires = "all")]
    pub record: bool,
    /// Rebuild the matching index (duplicate keys, words, quantities) from the claims' texts
    #[arg(long, conflicts_with_all = ["text", "all"])]
    pub reindex: bool,
}

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Only this claim (shown even when it has no flags)
    pub claim: Option<String>,
    /// Only this flag
    #[arg(long, value_enum)]
    pub flag: Option<Flag>,
    /// Days without a verdict before a claim is stale [default: the ledger's setting, 30]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36_500))]
    pub stale_days: Option<u32>,
}

fn parse_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse(text)
}

/// The ledger's vocabularies as clap values: the same words, with the model's help text.
macro_rules! vocabulary_values {
    ($($name:ty),* $(,)?) => {$(
        impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                <$name>::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()).help(self.help()))
            }
        }
    )*};
}

vocabulary_values!(SourceKind, CitationKind, Rating, Flag, Stage, Medium);
