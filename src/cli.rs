//! Command-line types (clap derive). The doc comments here are the `--help` text; one file,
//! longer than most, so that all of `--help` can be read and kept consistent in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::PartialDate;
use crate::model::{CitationKind, Flag, Rating, SourceKind};

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
    /// Ledger file [default: ./claimtrack.db]
    #[arg(long, global = true, env = "CLAIMTRACK_DB", hide_env_values = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// Who is making changes, for the audit trail [default: your OS user name]
    #[arg(long, global = true, env = "CLAIMTRACK_EDITOR", hide_env_values = true, value_name = "NAME", help_heading = GLOBAL)]
    pub editor: Option<String>,

    /// Output format: `table` for people, `json` for programs; `report` also writes markdown, csv, html and dot
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, help_heading = GLOBAL)]
    pub format: Format,

    /// Colour in tables: `auto` colours a terminal unless NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = ColourChoice::Auto, help_heading = GLOBAL)]
    pub color: ColourChoice,

    /// How long to wait for another editor's write before giving up, in milliseconds (at most an hour)
    #[arg(long, global = true, env = "CLAIMTRACK_BUSY_TIMEOUT_MS", hide_env_values = true, value_name = "MS", default_value_t = crate::store::DEFAULT_BUSY_TIMEOUT_MS, value_parser = clap::value_parser!(u64).range(0..=crate::store::MAX_BUSY_TIMEOUT_MS), help_heading = GLOBAL)]
    pub busy_timeout: u64,

    #[command(subcommand)]
    pub command: Command,
}

/// The heading global options are listed under in every `--help`.
const GLOBAL: &str = "Global options";

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
    /// CSV, one row per claim and citation (report only)
    Csv,
    /// One self-contained HTML page with charts (report only)
    Html,
    /// The citation graph for Graphviz (report only)
    Dot,
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

    /// Rate a claim; the newest verdict is the one in force
    Verdict {
        /// The claim's id
        claim: String,
        /// The rating
        #[arg(value_enum)]
        rating: Rating,
        /// Why, in a sentence
        #[arg(long)]
        note: Option<String>,
        /// A URL to the evidence behind the verdict
        #[arg(long, value_name = "URL", value_parser = crate::address::parse_url)]
        evidence: Option<String>,
    },

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
    /// (note); verdict (note, evidence). Back up first: a redaction cannot be undone.
    Redact {
        /// What kind of record: source, alias, article, claim, citation, link or verdict
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
    Backup {
        /// Where to write the copy (must not exist yet)
        file: PathBuf,
    },

    /// Ledger settings (stale age, organisation): `list`, `get KEY`, `set KEY VALUE`; changes are audited
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

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One article (id, title or URL)
    #[arg(long, conflicts_with_all = ["source", "since", "until"])]
    pub article: Option<String>,
    /// One source's track record (id, name, alias or URL)
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub source: Option<String>,
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

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value and what it means
    List,
    /// One setting's value
    Get {
        /// stale_days, organisation.name or organisation.url
        key: String,
    },
    /// Change a setting (recorded in the audit log)
    Set {
        /// stale_days, organisation.name or organisation.url
        key: String,
        /// The new value
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
    Add {
        /// Its headline
        title: String,
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
        /// Only claims carrying this flag
        #[arg(long, value_enum)]
        flag: Option<Flag>,
        /// Only claims cited in this article
        #[arg(long)]
        article: Option<String>,
        /// Only claims attributed to this source
        #[arg(long)]
        source: Option<String>,
        /// Include retracted claims
        #[arg(long)]
        all: bool,
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
        /// Only claims carrying this flag
        #[arg(long, value_enum)]
        flag: Option<Flag>,
        /// Only claims cited in this article
        #[arg(long)]
        article: Option<String>,
        /// Only claims attributed to this source
        #[arg(long)]
        source: Option<String>,
        /// Include retracted claims
        #[arg(long)]
        all: bool,
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

vocabulary_values!(SourceKind, CitationKind, Rating, Flag);
