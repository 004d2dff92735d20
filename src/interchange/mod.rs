//! Exchanging records with other tools: what every importer turns its input into (an [`Item`]),
//! and the readers and writers for ClaimReview JSON-LD, CSV and JSON Lines.
//!
//! Everything here is pure: readers turn text into items (or a positioned
//! error), writers turn ledger records into text. `ops::interchange` resolves
//! items against the ledger and writes them in one audited change.

pub mod claimreview;
pub mod documents;
pub mod presets;
pub mod tabular;

use crate::date::PartialDate;
use crate::model::{CitationKind, Medium, Rating, SourceKind, Stance};

/// One claim as an input describes it, with everything that hangs off it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    /// Where in the input it came from: `row 12`, `line 3`, `script 2, review 1`.
    pub location: String,
    pub claim: String,
    pub citations: Vec<ItemCitation>,
    pub reviews: Vec<ItemReview>,
    pub links: Vec<ItemLink>,
}

/// An input record that cannot be imported: where it is, why, and its text (for `--skip-bad`).
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub location: String,
    pub reason: String,
    pub raw: Option<String>,
}

/// Who said it, published it, or reviewed it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemSource {
    pub name: String,
    pub kind: SourceKind,
    pub url: Option<String>,
}

/// Where it appeared. Found again by URL, or (without one) by title, publisher and date.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemArticle {
    pub title: String,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub medium: Option<Medium>,
    pub publisher: Option<ItemSource>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemCitation {
    pub article: ItemArticle,
    pub source: Option<ItemSource>,
    pub kind: CitationKind,
    /// Seconds into a recording.
    pub time: Option<(i64, i64)>,
}

/// A number or text exactly as the input gave it (`1`, `"1"`, `4.5`).
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Scalar {
    pub fn from_json(value: &serde_json::Value) -> Option<Scalar> {
        match value {
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Some(Scalar::Integer(i)),
                None => n.as_f64().map(Scalar::Real),
            },
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(Scalar::Text(s.trim().to_string())),
            _ => None,
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Scalar::Integer(i) => (*i).into(),
            Scalar::Real(r) => serde_json::Number::from_f64(*r).map_or(serde_json::Value::Null, Into::into),
            Scalar::Text(t) => t.clone().into(),
        }
    }
}

/// A rating as published: its own words and numbers, verbatim.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemRating {
    pub words: Option<String>,
    pub value: Option<Scalar>,
    pub best: Option<Scalar>,
    pub worst: Option<Scalar>,
}

/// A published review of the claim (a ClaimReview, a LIAR label, an AVeriTeC verdict).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemReview {
    pub reviewer: Option<ItemSource>,
    pub url: Option<String>,
    /// `datePublished` as given (an ISO date, perhaps with a time).
    pub published: Option<String>,
    /// `None`: a review without a rating.
    pub rating: Option<ItemRating>,
    pub body: Option<String>,
}

impl ItemReview {
    /// Our scale's rating for the review's words, when they map (see [`map_rating`]).
    pub fn mapped(&self) -> Option<Rating> {
        self.rating.as_ref().and_then(|r| r.words.as_deref()).and_then(map_rating)
    }
}

/// Evidence about the claim in another article: corroborating, conflicting, or (no stance) only cited.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemLink {
    pub stance: Option<Stance>,
    pub article: ItemArticle,
    pub note: Option<String>,
}

/// A rating's words on our scale. Words only — numbers are never read, since
/// scales run both ways (the first schema.org example rates "True" 1 out of 6).
/// Compared case- and punctuation-blind; anything else stays unmapped.
pub fn map_rating(words: &str) -> Option<Rating> {
    let key: String = crate::names::key(words)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    RATING_WORDS.iter().find(|(w, _)| *w == key).map(|(_, r)| *r)
}

/// The words [`map_rating`] knows, after normalising (the README lists them).
pub const RATING_WORDS: &[(&str, Rating)] = &[
    ("true", Rating::True),
    ("correct", Rating::True),
    ("accurate", Rating::True),
    ("supported", Rating::True),
    ("correct attribution", Rating::True),
    ("mostly true", Rating::MostlyTrue),
    ("mostly correct", Rating::MostlyTrue),
    ("mostly accurate", Rating::MostlyTrue),
    ("half true", Rating::Mixed),
    ("mixed", Rating::Mixed),
    ("mixture", Rating::Mixed),
    ("conflicting evidence cherrypicking", Rating::Mixed),
    ("mostly false", Rating::MostlyFalse),
    ("barely true", Rating::MostlyFalse),
    ("false", Rating::False),
    ("incorrect", Rating::False),
    ("pants on fire", Rating::False),
    ("pants fire", Rating::False),
    ("refuted", Rating::False),
    ("unproven", Rating::Unproven),
    ("unverified", Rating::Unproven),
    ("not enough evidence", Rating::Unproven),
    ("misattributed", Rating::Misattributed),
];

/// A schema.org date (`2014-07-23`, `2014-07-23T10:00:00Z`, `2014`) as a date of its precision.
pub fn schema_date(text: &str) -> Result<PartialDate, String> {
    let day = text.trim().split(['T', ' ']).next().unwrap_or_default();
    PartialDate::parse(day).map_err(|e| format!("date {text:?}: {e}"))
}

/// A name for a source known only by its URL: the host without `www.` (`politifact.com`).
pub fn name_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_words_map_case_and_punctuation_blind() {
        assert_eq!(map_rating("True"), Some(Rating::True));
        assert_eq!(map_rating("Pants on Fire!"), Some(Rating::False));
        assert_eq!(map_rating("barely-true"), Some(Rating::MostlyFalse));
        assert_eq!(map_rating("Conflicting Evidence/Cherrypicking"), Some(Rating::Mixed));
        assert_eq!(map_rating("Misleading"), None);
        assert_eq!(map_rating(""), None);
    }

    #[test]
    fn names_a_source_from_its_url() {
        assert_eq!(name_from_url("http://www.politifact.com/").as_deref(), Some("politifact.com"));
        assert_eq!(name_from_url("not a url"), None);
    }
}
