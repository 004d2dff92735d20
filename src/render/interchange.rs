//! Exports as text: ClaimReview JSON-LD (an array, or one object per line), and claims
//! as CSV (one row per claim and citation, formula-safe) or JSON Lines (one claim per line).

use serde_json::Value;

use super::escape::csv_cell;
use crate::interchange::claimreview::{PublishedReview, to_json};
use crate::ops::export::ClaimRecord;

/// One JSON-LD array; keys sorted, two-space indent, so two exports diff line by line.
pub fn claimreview(reviews: &[PublishedReview]) -> String {
    let all: Vec<Value> = reviews.iter().map(to_json).collect();
    let mut text = serde_json::to_string_pretty(&all).unwrap_or_default();
    text.push('\n');
    text
}

/// One ClaimReview object per line.
pub fn claimreview_lines(reviews: &[PublishedReview]) -> String {
    reviews.iter().map(|r| format!("{}\n", to_json(r))).collect()
}

/// One claim record per line.
pub fn claim_lines(records: &[ClaimRecord]) -> String {
    records.iter().map(|r| format!("{}\n", serde_json::to_string(r).unwrap_or_default())).collect()
}

const HEADER: [&str; 19] = [
    "claim_id",
    "claim",
    "status",
    "verdict",
    "flags",
    "imported_from",
    "reviews",
    "citation_id",
    "article_id",
    "article_title",
    "url",
    "published",
    "medium",
    "publisher",
    "attributed_to",
    "source_kind",
    "attribution",
    "quote",
    "at",
];

/// A review in a CSV cell: its rating words, who gave it, and its URL.
fn review_cell(review: &Value) -> String {
    let words = review["reviewRating"]["alternateName"].as_str().unwrap_or("no rating");
    let mut cell = words.to_string();
    if let Some(author) = review["author"]["name"].as_str() {
        cell.push_str(&format!(" ({author})"));
    }
    if let Some(url) = review["url"].as_str() {
        cell.push_str(&format!(" {url}"));
    }
    cell
}

/// One row per claim and citation (a claim with no citation gets one row); every cell formula-safe.
pub fn claims_csv(records: &[ClaimRecord]) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for claim in records {
        let flags: Vec<&str> = claim.flags.iter().map(|f| f.as_str()).collect();
        let reviews: Vec<String> = claim.reviews.iter().map(review_cell).collect();
        let common = [
            claim.id.to_string(),
            claim.text.clone(),
            claim.status.as_str().to_string(),
            claim.verdict.map(|v| v.to_string()).unwrap_or_default(),
            flags.join(" "),
            claim.imported_from.clone().unwrap_or_default(),
            reviews.join("; "),
        ];
        if claim.citations.is_empty() {
            let mut row = common.to_vec();
            row.extend(std::iter::repeat_n(String::new(), HEADER.len() - common.len()));
            push_row(&mut out, row.into_iter());
        }
        for c in &claim.citations {
            let mut row = common.to_vec();
            row.extend([
                c.citation.to_string(),
                c.article.to_string(),
                c.title.clone(),
                c.url.clone().unwrap_or_default(),
                c.published.clone().unwrap_or_default(),
                c.medium.map(|m| m.to_string()).unwrap_or_default(),
                c.publisher.clone().unwrap_or_default(),
                c.source.clone().unwrap_or_default(),
                c.source_kind.map(|k| k.to_string()).unwrap_or_default(),
                c.kind.to_string(),
                c.quote.clone().unwrap_or_default(),
                c.at.clone().unwrap_or_default(),
            ]);
            push_row(&mut out, row.into_iter());
        }
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}
