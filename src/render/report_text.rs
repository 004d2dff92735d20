//! The report as terminal text: a header, the sourcing mix, the claims table and the reasons.

use std::fmt::Write;

use super::escape::terminal;
use super::style::Style;
use super::table::{Table, wrap_text};
use crate::model::Flag;
use crate::report::{ClaimEntry, Report, SOURCE_COUNT_HEADINGS, Scope};

fn flag_style(flag: Flag) -> Style {
    match flag {
        Flag::Conflicted | Flag::Circular => Style::Red,
        Flag::Stale => Style::Dim,
        _ => Style::Yellow,
    }
}

/// Colours each flag name in a "flag, flag" cell.
fn paint_flags(cell: &str, colour: bool) -> String {
    cell.split(", ")
        .map(|name| match Flag::parse(name) {
            Some(flag) => flag_style(flag).paint(name, colour),
            None => name.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn attribution(claim: &ClaimEntry, scope: &Scope) -> (String, String) {
    let cites = claim.attribution_in(scope);
    let who: Vec<String> = cites.iter().map(|c| c.attribution()).collect();
    let mut kinds: Vec<&str> = cites.iter().map(|c| c.kind.as_str()).collect();
    kinds.dedup();
    (
        if who.is_empty() { "—".into() } else { who.join("; ") },
        if kinds.is_empty() { "—".into() } else { kinds.join(", ") },
    )
}

pub fn render(report: &Report, width: Option<usize>, colour: bool) -> String {
    let paint = |style: Style, text: &str| style.paint(text, colour);
    let mut out = String::new();
    let title = terminal(&format!("Source-attribution report — {}", report.scope.title()));
    let _ = writeln!(out, "{}", paint(Style::Bold, &title));
    let _ = writeln!(out, "{}", report.mix.line());
    let _ = writeln!(out, "flags: {}", report.mix.flag_line());
    if report.claims.len() < report.claims_in_scope {
        let what = if matches!(report.scope, Scope::Ledger) { "most urgent flagged claims" } else { "claims" };
        let _ = writeln!(out, "showing the {} {what} of {}", report.claims.len(), report.claims_in_scope);
    }
    let _ = writeln!(out);

    let mut table = Table::new(&["id", "claim", "attributed to", "kind", "origins/articles", "flags", "verdict"])
        .wrap_column(1)
        .paint_column(5, move |cell| paint_flags(cell, colour));
    for claim in &report.claims {
        let (who, kind) = attribution(claim, &report.scope);
        let flags: Vec<&str> = claim.flags.iter().map(|h| h.flag.as_str()).collect();
        table.row(vec![
            claim.id.to_string(),
            claim.text.clone(),
            who,
            kind,
            format!("{}/{}", claim.independence.independent_origins, claim.independence.articles),
            if flags.is_empty() { "—".into() } else { flags.join(", ") },
            claim.verdict.map_or("—".into(), |v| v.to_string()),
        ]);
    }
    if table.is_empty() {
        let _ = writeln!(out, "no claims to show");
    } else {
        out.push_str(&table.render(width));
    }

    let details: Vec<&ClaimEntry> = report
        .claims
        .iter()
        .filter(|c| !c.flags.is_empty() || !c.corroborations.is_empty() || !c.conflicts.is_empty())
        .collect();
    if !details.is_empty() {
        let _ = writeln!(out, "\n{}", paint(Style::Bold, "Why"));
        let text_width = width.unwrap_or(usize::MAX / 2).saturating_sub(6).max(30);
        for claim in details {
            let _ = writeln!(out, "{:>3}  {}", claim.id, terminal(&claim.independence.summary()));
            let mut lines: Vec<String> = Vec::new();
            for s in claim.corroborations.iter().chain(&claim.conflicts) {
                lines.push(s.describe());
            }
            for hit in &claim.flags {
                lines.push(format!("{}: {}", hit.flag, hit.reason));
            }
            for line in lines {
                for (i, part) in wrap_text(&terminal(&line), text_width).into_iter().enumerate() {
                    let _ = writeln!(out, "{}{part}", if i == 0 { "       " } else { "         " });
                }
            }
        }
    }

    if !report.sources.is_empty() && !matches!(report.scope, Scope::Article { .. }) {
        let _ = writeln!(out, "\n{}", paint(Style::Bold, "Sources"));
        let mut headings = vec!["id", "source", "kind"];
        headings.extend(SOURCE_COUNT_HEADINGS);
        headings.push("articles");
        let mut table = Table::new(&headings).wrap_column(headings.len() - 1);
        for s in &report.sources {
            let mut cells = vec![s.id.to_string(), s.name.clone(), s.kind.to_string()];
            cells.extend(s.counts().iter().map(|n| n.to_string()));
            cells.push(articles_cell(&s.articles));
            table.row(cells);
        }
        out.push_str(&table.render(width));
    }
    let _ = writeln!(out, "\ngenerated {}", report.generated_at);
    out
}

/// "1, 2, 3" or "1, 2, 3 … (+40)".
pub fn articles_cell(articles: &[crate::model::ArticleId]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = articles.iter().take(SHOWN).map(|a| a.to_string()).collect();
    if articles.len() > SHOWN {
        format!("{} … (+{})", shown.join(", "), articles.len() - SHOWN)
    } else {
        shown.join(", ")
    }
}
