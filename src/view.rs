//! Composite read models that operations return and renderers print; their JSON is the `--format json` contract.

use serde::Serialize;

use crate::flags::{ClaimFlags, FlagHit};
use crate::model::{
    Article, Citation, CitationKind, Claim, ClaimId, Flag, Link, Note, PublishedReview, Source, Verdict,
};

/// A claim with everything recorded about it (`claim show`, and `claim add --format json`).
#[derive(Serialize)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: Claim,
    pub citations: Vec<Citation>,
    pub links: Vec<Link>,
    pub verdicts: Vec<Verdict>,
    pub independent_sources: usize,
    pub flags: Vec<FlagHit>,
    /// Who is on it, its tags, its work log, and how many days past due it is (none when not overdue).
    pub assignees: Vec<String>,
    pub tags: Vec<String>,
    pub notes: Vec<Note>,
    pub overdue_days: Option<i64>,
    /// Published reviews (imported ClaimReview and archive labels), oldest first.
    pub reviews: Vec<PublishedReview>,
}

/// A claim in a list, with the flags it carries (`claim list`).
#[derive(Serialize)]
pub struct ListedClaim {
    #[serde(flatten)]
    pub claim: Claim,
    pub flags: Vec<Flag>,
    pub assignees: Vec<String>,
    pub tags: Vec<String>,
    pub overdue_days: Option<i64>,
    /// The newest entry of its work log (`claim show` has them all).
    pub last_note: Option<Note>,
}

/// A source in a list, with how many citations name it (`source list`).
#[derive(Serialize)]
pub struct ListedSource {
    #[serde(flatten)]
    pub source: Source,
    pub citations: i64,
}

/// An article in a list, with how many citations it holds (`article list`).
#[derive(Serialize)]
pub struct ListedArticle {
    #[serde(flatten)]
    pub article: Article,
    pub citations: i64,
}

/// A source with the claims attributed to it (`source show`).
#[derive(Serialize)]
pub struct SourceDetail {
    #[serde(flatten)]
    pub source: Source,
    pub claims: Vec<Claim>,
}

/// An article with the citations it holds, and its text when asked for (`article show`).
#[derive(Serialize)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub article: Article,
    pub citations: Vec<Citation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A claim as cited in one article: who it is attributed to there, and its flags.
#[derive(Serialize)]
pub struct SourcedClaim {
    pub claim: ClaimId,
    pub text: String,
    pub attributed_to: Option<String>,
    pub kind: CitationKind,
    pub flags: Vec<FlagHit>,
}

/// What `flags` found, and what it was asked, so an empty answer can say why it is empty.
pub struct FlagListing {
    /// The one claim asked for, if one was.
    pub claim: Option<Claim>,
    /// The one flag asked for, if one was.
    pub flag: Option<Flag>,
    pub entries: Vec<ClaimFlags>,
}
