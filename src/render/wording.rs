//! The report and the ledger's stances in English words: titles, one-line summaries,
//! attributions and headings that every renderer prints the same way.

use crate::model::{CitationKind, Flag, LinkTarget, Stance};
use crate::report::{CitationEntry, Independence, Mix, Origin, Report, Scope, StanceEntry};

/// The headings of a source record's counts, in the order `SourceRecord::counts` gives them.
pub const SOURCE_COUNT_HEADINGS: [&str; 9] = [
    "claims",
    "named",
    "anonymous",
    "vague",
    "independently corroborated",
    "single-source",
    "contested",
    "rated true",
    "rated false",
];

impl Scope {
    /// A one-line title.
    pub fn title(&self) -> String {
        match self {
            Scope::Ledger => "the whole ledger".to_string(),
            Scope::Article { id, title, publisher, published } => {
                let details: Vec<&str> = [publisher.as_deref(), published.as_deref()].into_iter().flatten().collect();
                let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
                format!("article {id}: \u{201c}{title}\u{201d}{details}")
            }
            Scope::Source { id, name, kind } => format!("source {id}: {name} ({kind})"),
            Scope::Tag { tag } => format!("claims tagged {tag}"),
            Scope::Period { since, until, .. } => match (since, until) {
                (Some(s), Some(u)) => format!("articles published {s} to {u}"),
                (Some(s), None) => format!("articles published since {s}"),
                (None, Some(u)) => format!("articles published until {u}"),
                (None, None) => "every dated article".to_string(),
            },
        }
    }
}

impl Mix {
    /// "14 statements: 5 named, 1 anonymous, 1 vague, 7 unattributed; 14 single-source; 1 self-citation".
    pub fn line(&self) -> String {
        format!(
            "{}: {} named, {} anonymous, {} vague, {} unattributed; {} single-source; {}",
            plural(self.statements, "statement", "statements"),
            self.named,
            self.anonymous,
            self.vague,
            self.unattributed,
            self.flags.get(&Flag::SingleSource).copied().unwrap_or(0),
            plural(self.self_citations, "self-citation", "self-citations"),
        )
    }

    /// "14 single-source, 14 unverified, 7 unattributed, …" in flag order.
    pub fn flag_line(&self) -> String {
        let parts: Vec<String> = self.flags.iter().map(|(flag, n)| format!("{n} {flag}")).collect();
        if parts.is_empty() { "no flags".to_string() } else { parts.join(", ") }
    }
}

impl CitationEntry {
    /// "Middle East Eye", "anonymous sources", "reportedly (vague)", "no source".
    pub fn attribution(&self) -> String {
        let who = match (&self.source, self.kind) {
            (Some(name), CitationKind::Named) if self.self_citation => format!("{name} (itself)"),
            (Some(name), CitationKind::Named) => name.clone(),
            (Some(name), kind) => format!("{name} ({kind})"),
            (None, CitationKind::Anonymous) => "anonymous sources".to_string(),
            (None, CitationKind::Vague) => "vague (no source)".to_string(),
            (None, _) => "no source".to_string(),
        };
        match (&self.at, self.medium) {
            (Some(at), Some(medium)) => format!("{who}, {medium} at {at}"),
            (Some(at), None) => format!("{who}, at {at}"),
            (None, _) => who,
        }
    }
}

impl Origin {
    pub fn label(&self) -> String {
        match &self.published {
            Some(date) => format!("{}, {date}", self.voice),
            None => format!("{}, article {}", self.voice, self.article),
        }
    }
}

impl Independence {
    /// "5 articles, 1 independent origin (Middle East Eye, 22 September 2025)".
    pub fn summary(&self) -> String {
        let articles = if self.articles == 1 { "1 article".to_string() } else { format!("{} articles", self.articles) };
        let origins = match self.independent_origins {
            0 => return "no evidence recorded".to_string(),
            1 => "1 independent origin".to_string(),
            n => format!("{n} independent origins"),
        };
        let labels: Vec<String> = self.origins.iter().map(Origin::label).collect();
        format!("{articles}, {origins} ({})", labels.join("; "))
    }
}

impl StanceEntry {
    /// "corroborated by article 2 “Turkish trainers bound for Niamey” (link 1, independent)".
    pub fn describe(&self) -> String {
        let target = match self.target {
            LinkTarget::Claim(c) => format!("claim {c}"),
            LinkTarget::Article(a) => format!("article {a}"),
        };
        let independence = match self.independent {
            Some(true) => ", independent",
            Some(false) => ", same origin",
            None => "",
        };
        format!("{} {target} \u{201c}{}\u{201d} (link {}{independence})", self.stance.phrase(), self.label, self.link)
    }
}

impl Report {
    /// What part of the scope the report shows, when it is not all of it:
    /// "showing the 4 most urgent of 5 flagged claims (7 claims in scope)".
    pub fn showing_note(&self) -> Option<String> {
        let shown = self.claims.len();
        match self.scope {
            Scope::Ledger if shown < self.claims_flagged => Some(format!(
                "showing the {shown} most urgent of {} flagged claims ({} in scope)",
                self.claims_flagged,
                plural(self.claims_in_scope, "claim", "claims")
            )),
            Scope::Ledger => None,
            _ if shown < self.claims_in_scope => Some(format!("showing {shown} of {} claims", self.claims_in_scope)),
            _ => None,
        }
    }

    /// How to read the origins column, on the report's first row: "origins: “1 of 2”
    /// for claim 3 means 1 independent origin among 2 articles of evidence".
    pub fn origins_legend(&self) -> Option<String> {
        let claim = self.claims.first()?;
        let (origins, articles) = (claim.independence.independent_origins, claim.independence.articles);
        Some(format!(
            "origins: \u{201c}{origins} of {articles}\u{201d} for claim {} means {} among {} of evidence",
            claim.id,
            plural(origins, "independent origin", "independent origins"),
            plural(articles, "article", "articles")
        ))
    }

    /// "2 retracted claims are left out", when any are.
    pub fn retracted_note(&self) -> Option<String> {
        match self.claims_retracted {
            0 => None,
            1 => Some("1 retracted claim is left out".into()),
            n => Some(format!("{n} retracted claims are left out")),
        }
    }
}

impl Stance {
    /// How a linked report relates to the claim: "corroborated by article 7".
    pub fn phrase(self) -> &'static str {
        match self {
            Stance::Corroborates => "corroborated by",
            Stance::Conflicts => "contradicted by",
            Stance::Duplicates => "duplicated by",
        }
    }
}

/// "1 claim", "2 claims".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
