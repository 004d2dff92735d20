//! Domain types of the ledger: ids, the closed vocabularies, and the records the store returns.

use std::fmt;

use serde::Serialize;

use crate::date::PartialDate;

macro_rules! id_type {
    ($($name:ident: $what:literal),* $(,)?) => {$(
        #[doc = concat!("Row id of ", $what, ".")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    SourceId: "a source",
    ArticleId: "an article",
    ClaimId: "a claim",
    CitationId: "a citation",
    LinkId: "a link",
    VerdictId: "a verdict",
    ReviewId: "a published review",
    EventId: "an audit event",
);

/// A closed vocabulary written as lowercase text; the store and the command
/// line read and write it through `as_str`, `parse` and `help`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal: $help:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $(
                #[doc = $help]
                #[serde(rename = $text)]
                $variant,
            )*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            /// What the value means, in a few words (the command line's help).
            pub fn help(self) -> &'static str {
                match self { $($name::$variant => $help),* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What kind of thing a source is.
    SourceKind {
        Outlet = "outlet": "A news outlet or publication (Middle East Eye)",
        Person = "person": "A named person (a researcher, an official)",
        Agency = "agency": "A news or wire agency (AFP, Reuters)",
        Government = "government": "A government, ministry or official body",
        Organization = "organization": "A company, NGO, party or other organisation",
        Document = "document": "A report, filing or other document",
        Anonymous = "anonymous": "An unnamed source kept as one entry (\"a senior official\")",
    }
);

vocabulary!(
    /// How a citation attributes its claim.
    CitationKind {
        Named = "named": "Attributed to a named source (\"According to Middle East Eye\")",
        Anonymous = "anonymous": "Attributed to unnamed sources (\"sources indicate\")",
        Vague = "vague": "Hedged with no source (\"reportedly\", \"it is believed\")",
        Unattributed = "unattributed": "Stated as fact with no source at all",
    }
);

vocabulary!(
    /// The stance a link records.
    Stance {
        Corroborates = "corroborates": "The target backs the claim up",
        Conflicts = "conflicts": "The target contradicts the claim",
        Duplicates = "duplicates": "The target is the same statement",
    }
);

vocabulary!(
    /// An editor's rating; maps onto schema.org ClaimReview.
    Rating {
        True = "true": "Accurate",
        MostlyTrue = "mostly-true": "Accurate with minor caveats",
        Mixed = "mixed": "Partly accurate, partly not",
        MostlyFalse = "mostly-false": "Mostly inaccurate",
        False = "false": "Inaccurate",
        Unproven = "unproven": "Cannot be established either way",
        Misattributed = "misattributed": "Attributed to the wrong source",
    }
);

vocabulary!(
    /// What kind of publication an article is; a recording is cited by time range.
    Medium {
        Article = "article": "A written news article or web page",
        Broadcast = "broadcast": "A radio or TV broadcast (an interview, a bulletin, an ad)",
        Video = "video": "A video (a clip, a speech recording)",
        Audio = "audio": "An audio recording (a podcast, a voice message)",
        Post = "post": "A social-media post",
        PressRelease = "press-release": "A press release or statement",
        Document = "document": "A report, filing, letter, mailer or other document",
    }
);

vocabulary!(
    /// A computed warning on a claim.
    Flag {
        Unattributed = "unattributed": "Stated with no source",
        AnonymousOnly = "anonymous-only": "Only anonymous or vague sources",
        SingleSource = "single-source": "Only one independent source",
        Circular = "circular": "Every corroboration traces back to the claim's own origin",
        Conflicted = "conflicted": "A conflicting report is linked and there is no verdict",
        Unverified = "unverified": "No verdict and fewer than two independent sources",
        Stale = "stale": "No verdict for longer than the stale age",
        NumericMismatch = "numeric-mismatch": "A near-duplicate claim states numbers or years this one contradicts",
    }
);

vocabulary!(
    /// Where a claim is in the desk's work (set by an editor; not a flag).
    Stage {
        Open = "open": "Logged, nobody has started on it",
        InProgress = "in-progress": "Someone is checking it",
        InReview = "in-review": "Checked, waiting for an editor's review",
        Published = "published": "Its verdict is published",
        Closed = "closed": "No check needed (or retracted)",
    }
);

impl Default for Stage {
    /// Where every claim starts.
    fn default() -> Stage {
        Stage::Open
    }
}

impl Stage {
    /// The stages a claim may move to from this one, as `claim stage` allows:
    /// forward through the work, back a step, closed from anywhere but
    /// published, reopened from closed; `published` only from review (or by
    /// `verdict --publish`), and out of it only back to review for a correction.
    pub fn next(self) -> &'static [Stage] {
        match self {
            Stage::Open => &[Stage::InProgress, Stage::InReview, Stage::Closed],
            Stage::InProgress => &[Stage::Open, Stage::InReview, Stage::Closed],
            Stage::InReview => &[Stage::InProgress, Stage::Published, Stage::Closed],
            Stage::Published => &[Stage::InReview],
            Stage::Closed => &[Stage::Open],
        }
    }

    /// Whether the desk still owes work on a claim at this stage (so it can be overdue or queued).
    pub fn is_pending(self) -> bool {
        !matches!(self, Stage::Published | Stage::Closed)
    }
}

/// Whether a claim still stands in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    Active,
    Retracted,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Active => "active",
            ClaimStatus::Retracted => "retracted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(ClaimStatus::Active),
            "retracted" => Some(ClaimStatus::Retracted),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: SourceId,
    pub name: String,
    pub kind: SourceKind,
    pub url: Option<String>,
    pub note: Option<String>,
    pub aliases: Vec<String>,
    pub created_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<SourceRef>,
    pub published: Option<PartialDate>,
    pub derived_from: Vec<ArticleId>,
    pub medium: Option<Medium>,
    /// The URL as the editor gave it, when `url` holds its canonical form and differs.
    pub original_url: Option<String>,
    pub has_text: bool,
    pub text_sha256: Option<String>,
    pub created_at: String,
}

/// A short reference to a source, embedded in other records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub id: SourceId,
    pub name: String,
    pub kind: SourceKind,
}

#[derive(Clone, Debug, Serialize)]
pub struct Claim {
    pub id: ClaimId,
    pub text: String,
    pub status: ClaimStatus,
    pub retract_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Where it is in the desk's work.
    pub stage: Stage,
    /// By when it must be checked (`YYYY-MM-DD`, in the desk's time zone).
    pub due: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Citation {
    pub id: CitationId,
    pub claim_id: ClaimId,
    pub claim_text: String,
    pub article_id: ArticleId,
    pub article_title: String,
    pub source: Option<SourceRef>,
    pub kind: CitationKind,
    pub quote: Option<String>,
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// Where in a recording, in seconds from its start: (from, to).
    pub time: Option<(i64, i64)>,
    pub created_at: String,
}

/// What a link points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "lowercase")]
pub enum LinkTarget {
    Claim(ClaimId),
    Article(ArticleId),
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub id: LinkId,
    pub claim_id: ClaimId,
    pub stance: Stance,
    pub target: LinkTarget,
    pub note: Option<String>,
    pub editor: String,
    pub created_at: String,
}

/// A published review of a claim (an imported ClaimReview, a LIAR label…): who reviewed
/// it, where and when, and its rating as published — its own words and numbers, verbatim —
/// with the verdict those words mapped to on our scale, if any.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishedReview {
    pub id: ReviewId,
    pub reviewer: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub rating_words: Option<String>,
    pub rating_value: Option<String>,
    pub best_rating: Option<String>,
    pub worst_rating: Option<String>,
    /// The verdict the rating's words mapped to; none when they are not on our scale.
    pub verdict_id: Option<VerdictId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub id: VerdictId,
    pub claim_id: ClaimId,
    pub rating: Rating,
    pub note: Option<String>,
    /// The first evidence URL (all a verdict could carry before evidence items).
    pub evidence: Option<String>,
    pub editor: String,
    pub created_at: String,
    /// Why, at length (Markdown allowed).
    pub rationale: Option<String>,
    /// Who reviewed it (verdicts from before reviewers were recorded: none).
    pub reviewer: Option<String>,
    /// When it was withdrawn, by whom and why; a withdrawn verdict is no longer in force.
    pub withdrawn_at: Option<String>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_reason: Option<String>,
    /// What it rests on, in the order recorded (an older verdict's single URL first).
    pub evidence_items: Vec<Evidence>,
}

impl Verdict {
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn_at.is_some()
    }
}

/// One entry of a claim's work log: dated and signed.
#[derive(Clone, Debug, Serialize)]
pub struct Note {
    pub id: i64,
    pub body: String,
    pub editor: String,
    pub created_at: String,
}

/// One piece of evidence behind a verdict: a URL, a saved copy, or both.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The day it was read (`YYYY-MM-DD`).
    pub accessed: Option<String>,
    /// The saved copy's file name and SHA-256 (its text is kept in the ledger).
    pub saved_name: Option<String>,
    pub saved_sha256: Option<String>,
}

/// One row of the audit log, as `history` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: EventId,
    /// The change this event belongs to: every event of one command shares it.
    pub change: i64,
    pub at: String,
    pub editor: String,
    /// The command that made the change (`claim add`, `link`, …).
    pub command: String,
    /// `insert`, `update`, `delete` or `redact`.
    pub action: String,
    pub table: String,
    pub row_id: i64,
    pub claim_id: Option<ClaimId>,
    /// For updates, only the columns that changed; for deletes, the row as it was.
    pub old_values: Option<serde_json::Value>,
    /// For inserts, the new row; for updates, the new values of the columns that changed.
    pub new_values: Option<serde_json::Value>,
    /// SHA-256 over the previous event's hash and this event (values by their digests).
    pub hash: String,
}

/// How a citation attributes its claim, checked: the one home of the citation rule.
///
/// A `named` citation needs a source and an `unattributed` one has none;
/// `anonymous` ("sources indicate") and `vague` ("reportedly") may name one.
/// The schema's CHECK constraints hold the same rule as a last line of defence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribution {
    source: Option<SourceId>,
    kind: CitationKind,
}

impl Attribution {
    /// Checks the rule: `named` needs a source, `unattributed` has none.
    pub fn new(kind: CitationKind, source: Option<SourceId>) -> Result<Attribution, String> {
        match (kind, source) {
            (CitationKind::Named, None) => Err("--kind named needs --source".into()),
            (CitationKind::Unattributed, Some(_)) => Err("--kind unattributed cannot have a --source".into()),
            _ => Ok(Attribution { source, kind }),
        }
    }

    /// The kind an editor means when they give none: `named` when they give a
    /// source (`anonymous` for an anonymous one), else `unattributed`.
    pub fn implied_kind(source: Option<SourceKind>) -> CitationKind {
        match source {
            Some(SourceKind::Anonymous) => CitationKind::Anonymous,
            Some(_) => CitationKind::Named,
            None => CitationKind::Unattributed,
        }
    }

    pub fn source(self) -> Option<SourceId> {
        self.source
    }

    pub fn kind(self) -> CitationKind {
        self.kind
    }
}
