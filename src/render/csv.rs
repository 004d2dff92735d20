//! The report as CSV: one row per claim × citation (the desk's columns last), every cell safe from spreadsheet formulas.

use super::escape::csv_cell;
use crate::report::Report;

const HEADER: [&str; 18] = [
    "claim_id",
    "claim",
    "status",
    "verdict",
    "flags",
    "independent_origins",
    "evidence_articles",
    "citation_id",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "attributed_to",
    "source_kind",
    "attribution",
    "self_citation",
    "quote",
    "origins",
];

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let header = HEADER.iter().chain(super::desk::CSV_HEADER.iter());
    push_row(&mut out, header.map(|h| h.to_string()));
    for claim in &report.claims {
        let flags: Vec<&str> = claim.flags.iter().map(|h| h.flag.as_str()).collect();
        let origins: Vec<String> = claim.independence.origins.iter().map(|o| o.label()).collect();
        let common = [
            claim.id.to_string(),
            claim.text.clone(),
            claim.status.as_str().to_string(),
            claim.verdict.map(|v| v.to_string()).unwrap_or_default(),
            flags.join(" "),
            claim.independence.independent_origins.to_string(),
            claim.independence.articles.to_string(),
        ];
        if claim.citations.is_empty() {
            let mut row: Vec<String> = common.to_vec();
            row.extend(std::iter::repeat_n(String::new(), 10));
            row.push(origins.join("; "));
            row.extend(super::desk::csv_cells(claim));
            push_row(&mut out, row.into_iter());
        }
        for c in &claim.citations {
            let mut row: Vec<String> = common.to_vec();
            row.extend([
                c.citation.to_string(),
                c.article.to_string(),
                c.article_title.clone(),
                c.publisher.clone().unwrap_or_default(),
                c.published.clone().unwrap_or_default(),
                c.source.clone().unwrap_or_default(),
                c.source_kind.map(|k| k.to_string()).unwrap_or_default(),
                c.kind.to_string(),
                c.self_citation.to_string(),
                c.quote.clone().unwrap_or_default(),
                origins.join("; "),
            ]);
            row.extend(super::desk::csv_cells(claim));
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
