//! The report as terminal text: a header, the sourcing mix, the claims table and the reasons.

use std::fmt::Write;

use super::escape::terminal;
use super::style::{Style, paint_flags};
use super::table::{Table, wrap_text};
use super::wording::SOURCE_COUNT_HEADINGS;
use crate::report::{ClaimEntry, Report, Scope};

pub fn render(report: &Report, width: Option<usize>, colour: bool) -> String {
    let paint = |style: Style, text: &str| style.paint(text, colour);
    let mut out = String::new();
    let title = terminal(&format!("Source-attribution report — {}", report.scope.title()));
    let fit = |text: &str| match width {
        Some(w) => wrap_text(text, w).join("\n"),
        None => text.to_string(),
    };
    let _ = writeln!(out, "{}", paint(Style::Bold, &fit(&title)));
    let _ = writeln!(out, "{}", fit(&report.mix.line()));
    let _ = writeln!(out, "{}", fit(&format!("flags: {}", report.mix.flag_line())));
    if let Some(legend) = report.origins_legend() {
        let _ = writeln!(out, "{}", fit(&legend));
    }
    if let Some(note) = report.retracted_note() {
        let _ = writeln!(out, "{note}");
    }
    if let Some(note) = report.showing_note() {
        let _ = writeln!(out, "{note}");
    }
    let _ = writeln!(out);

    let mut table = Table::new(&["id", "claim", "attributed to", "origins", "flags", "verdict"])
        .colour(colour)
        .wrap_column(1)
        .wrap_column(4)
        .wrap_column(2)
        .paint_column(4, move |cell| paint_flags(cell, colour));
    for claim in &report.claims {
        let who: Vec<String> = claim.attribution_in(&report.scope).iter().map(|c| c.attribution()).collect();
        let flags: Vec<&str> = claim.flags.iter().map(|h| h.flag.as_str()).collect();
        table.row(vec![
            claim.id.to_string(),
            claim.text.clone(),
            if who.is_empty() { "—".into() } else { who.join("; ") },
            format!("{} of {}", claim.independence.independent_origins, claim.independence.articles),
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
        let text_width = width.unwrap_or(usize::MAX / 2).saturating_sub(9).max(30);
        for claim in details {
            let heading = format!("{:>3}  {}", claim.id, terminal(&claim.independence.summary()));
            for (i, part) in wrap_text(&heading, width.unwrap_or(usize::MAX / 2)).into_iter().enumerate() {
                let _ = writeln!(out, "{}{part}", if i == 0 { "" } else { "     " });
            }
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

    out.push_str(&super::desk::report_text(report, width));

    if !report.sources.is_empty() && !matches!(report.scope, Scope::Article { .. }) {
        let _ = writeln!(out, "\n{}", paint(Style::Bold, "Sources"));
        // Nine counts do not fit a terminal as columns: they go in one wrapping "record" cell.
        let mut table = Table::new(&["id", "source", "claims", "record", "articles"])
            .colour(colour)
            .wrap_column(3)
            .wrap_column(1)
            .wrap_column(4);
        for s in &report.sources {
            let record: Vec<String> =
                SOURCE_COUNT_HEADINGS.iter().zip(s.counts()).skip(1).map(|(h, n)| format!("{h} {n}")).collect();
            table.row(vec![
                s.id.to_string(),
                format!("{} ({})", s.name, s.kind),
                s.claims.to_string(),
                record.join(" · "),
                articles_cell(&s.articles),
            ]);
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
