//! Composite read models that commands assemble and renderers print.

use serde::Serialize;

use crate::flags::FlagHit;
use crate::model::{Citation, CitationKind, Claim, ClaimId, Link, Verdict};

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
