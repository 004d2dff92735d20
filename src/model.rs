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

#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub id: VerdictId,
    pub claim_id: ClaimId,
    pub rating: Rating,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub editor: String,
    pub created_at: String,
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
