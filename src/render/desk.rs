//! The desk's text: an editor's queue, the tag list, a due-date cell, a verdict's reasons
//! (rationale, reviewer, evidence) as `claim show` prints them, and the report's "Verdicts" and
//! "Desk" sections in each format.

use std::fmt::Write;

use super::escape::terminal;
use super::style::paint_flags;
use super::table::{Table, wrap_text};
use crate::model::{Evidence, Stage, Verdict};
use crate::ops::desk::{QueueItem, TagCount};
use crate::report::{ClaimEntry, Report, describe_evidence};

/// "2025-10-01", "2025-10-01 (3 days overdue)" or "—".
pub fn due_cell(due: Option<&str>, overdue_days: Option<i64>) -> String {
    match (due, overdue_days) {
        (Some(due), Some(days)) => format!("{due} ({days} {} overdue)", if days == 1 { "day" } else { "days" }),
        (Some(due), None) => due.to_string(),
        (None, _) => "—".to_string(),
    }
}

/// A verdict's rationale, reviewer and evidence, each line indented.
pub fn verdict_reasons(v: &Verdict, indent: &str) -> String {
    let mut out = String::new();
    if let Some(reviewer) = &v.reviewer {
        let _ = writeln!(out, "{indent}reviewed by {reviewer}");
    }
    if let Some(rationale) = &v.rationale {
        let _ = writeln!(out, "{indent}rationale:");
        for line in rationale.lines() {
            let _ = writeln!(out, "{}", format!("{indent}  {line}").trim_end());
        }
    }
    if !v.evidence_items.is_empty() {
        let _ = writeln!(out, "{indent}evidence:");
        for (i, item) in v.evidence_items.iter().enumerate() {
            let _ = writeln!(out, "{indent}  {}. {}", i + 1, describe_evidence(item));
        }
    }
    out
}

pub fn queue(editor: &str, items: &[QueueItem], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["id", "claim", "stage", "due", "flags", "logged"])
        .colour(colour)
        .wrap_column(1)
        .wrap_column(4)
        .paint_column(4, move |cell| paint_flags(cell, colour));
    for item in items {
        let flags: Vec<&str> = item.flags.iter().map(|h| h.flag.as_str()).collect();
        table.row(vec![
            item.id.to_string(),
            item.text.clone(),
            item.stage.to_string(),
            due_cell(item.due.as_deref(), item.overdue_days),
            if flags.is_empty() { "—".into() } else { flags.join(", ") },
            item.created_at.get(..10).unwrap_or(&item.created_at).to_string(),
        ]);
    }
    if table.is_empty() {
        let name = super::escape::terminal(editor);
        return format!(
            "nothing in {name}'s queue: no active claim assigned to {name} is waiting (assign one with `claimtrack claim assign ID --to {name}`)\n"
        );
    }
    table.render(width)
}

pub fn tag_list(tags: &[TagCount], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["tag", "claims", "active"]).colour(colour);
    for t in tags {
        table.row(vec![t.tag.clone(), t.claims.to_string(), t.active.to_string()]);
    }
    if table.is_empty() {
        return "no tags yet (tag a claim with `claimtrack claim tag ID TAG`)\n".to_string();
    }
    table.render(width)
}

/// A rationale for a Markdown report: its Markdown (emphasis, lists, paragraphs) kept, but no raw
/// HTML, links or images (`<`, `>`, `&`, `[`, `]`, `!` are escaped), each line quoted under `prefix`.
pub fn markdown_rationale(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for line in super::escape::show_bidi(text).lines() {
        let mut escaped = String::with_capacity(line.len());
        for c in line.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '[' | ']' | '!' | '\\' => {
                    escaped.push('\\');
                    escaped.push(c);
                }
                c if c.is_control() && c != '\t' => escaped.push('\u{fffd}'),
                c => escaped.push(c),
            }
        }
        let _ = writeln!(out, "{}", format!("{prefix}{escaped}").trim_end());
    }
    out
}

/// The report's "Verdicts" and "Desk" sections as terminal text.
pub fn report_text(report: &Report, width: Option<usize>) -> String {
    let mut out = String::new();
    let text_width = width.unwrap_or(usize::MAX / 2).saturating_sub(9).max(30);
    let put = |out: &mut String, first: &str, text: &str| {
        let more = " ".repeat(first.chars().count() + 2);
        for (i, part) in wrap_text(&terminal(text), text_width).into_iter().enumerate() {
            let _ = writeln!(out, "{}{part}", if i == 0 { first } else { &more });
        }
    };
    let rated: Vec<&ClaimEntry> = report.claims.iter().filter(|c| c.verdict.is_some()).collect();
    if !rated.is_empty() {
        let _ = writeln!(out, "\nVerdicts");
        for claim in rated {
            let _ = writeln!(out, "{:>3}  {}", claim.id, verdict_heading(claim));
            if let Some(note) = &claim.desk.verdict_note {
                put(&mut out, "       ", &format!("note: {note}"));
            }
            if let Some(rationale) = &claim.desk.rationale {
                let _ = writeln!(out, "       rationale:");
                for line in rationale.lines() {
                    if line.trim().is_empty() {
                        out.push('\n');
                    } else {
                        put(&mut out, "         ", line);
                    }
                }
            }
            if !claim.desk.evidence.is_empty() {
                let _ = writeln!(out, "       evidence:");
            }
            for (i, item) in claim.desk.evidence.iter().enumerate() {
                put(&mut out, "         ", &format!("{}. {}", i + 1, describe_evidence(item)));
            }
        }
    }
    let listed = desk_listed(report);
    if !listed.is_empty() {
        let _ = writeln!(out, "\nDesk{}", unlisted_note(report, &listed, " ("));
        for claim in listed {
            put(&mut out, &format!("{:>3}  ", claim.id), &claim.desk.line());
            for n in &claim.desk.notes {
                put(&mut out, "       ", &format!("{} {}: {}", n.created_at, n.editor, n.body));
            }
        }
    }
    out
}

/// The claims the desk sections list: those with more to say than "open, nobody on it".
fn desk_listed(report: &Report) -> Vec<&ClaimEntry> {
    report
        .claims
        .iter()
        .filter(|c| {
            let d = &c.desk;
            d.stage != Stage::Open
                || !d.assignees.is_empty()
                || !d.tags.is_empty()
                || d.due.is_some()
                || !d.notes.is_empty()
        })
        .collect()
}

/// "claims not listed are open, with nobody on them, no tags and no due date", when some are not listed.
fn unlisted_note(report: &Report, listed: &[&ClaimEntry], open: &str) -> String {
    if listed.len() == report.claims.len() {
        return String::new();
    }
    let note = "the other claims shown are open, with nobody on them, no tags, no due date and no work log";
    if open.is_empty() { note.to_string() } else { format!("{open}{note})") }
}

/// "mostly-true — reviewed by amina, 2025-09-30T10:00:00Z".
fn verdict_heading(claim: &ClaimEntry) -> String {
    let rating = claim.verdict.map(|r| r.to_string()).unwrap_or_default();
    let by = claim.desk.reviewer.as_deref().map(|r| format!(" — reviewed by {r}")).unwrap_or_default();
    let at = claim.desk.verdict_at.as_deref().map(|a| format!(", {a}")).unwrap_or_default();
    format!("{rating}{by}{at}")
}

/// The report's "Verdicts" and "Desk" sections as Markdown.
pub fn report_markdown(report: &Report) -> String {
    let md = super::escape::markdown;
    let mut out = String::new();
    let rated: Vec<&ClaimEntry> = report.claims.iter().filter(|c| c.verdict.is_some()).collect();
    if !rated.is_empty() {
        let _ = writeln!(out, "## Verdicts\n");
        for claim in rated {
            let _ = writeln!(out, "- **{}** {} — **{}**", claim.id, md(&claim.text), md(&verdict_heading(claim)));
            if let Some(note) = &claim.desk.verdict_note {
                let _ = writeln!(out, "  - _Note:_ {}", md(note));
            }
            if let Some(rationale) = &claim.desk.rationale {
                let _ = writeln!(out, "  - _Rationale:_\n");
                out.push_str(&markdown_rationale(rationale, "    > "));
                out.push('\n');
            }
            if !claim.desk.evidence.is_empty() {
                let _ = writeln!(out, "  - _Evidence:_");
                for item in &claim.desk.evidence {
                    let _ = writeln!(out, "    - {}", md(&describe_evidence(item)));
                }
            }
        }
        out.push('\n');
    }
    let listed = desk_listed(report);
    if !listed.is_empty() {
        let _ = writeln!(out, "## Desk\n");
        let note = unlisted_note(report, &listed, "");
        if !note.is_empty() {
            let _ = writeln!(out, "_{}_\n", super::markdown::capitalise(&note));
        }
        let _ = writeln!(out, "| # | Stage | On | Due | Tags | Work log |");
        let _ = writeln!(out, "|---:|---|---|---|---|---|");
        for claim in listed {
            let d = &claim.desk;
            let notes: Vec<String> =
                d.notes.iter().map(|n| md(&format!("{} {}: {}", n.created_at, n.editor, n.body))).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                claim.id,
                d.stage,
                if d.assignees.is_empty() { "—".into() } else { md(&d.assignees.join(", ")) },
                md(&due_cell(d.due.as_deref(), d.overdue_days)),
                if d.tags.is_empty() { "—".into() } else { md(&d.tags.join(", ")) },
                if notes.is_empty() { "—".into() } else { notes.join("<br>") },
            );
        }
        out.push('\n');
    }
    out
}

/// An evidence link for HTML: escaped, opened without handing the report over (`noopener`), and
/// not endorsed (`nofollow`); anything but http(s) stays text.
fn html_evidence(item: &Evidence) -> String {
    let esc = super::escape::html;
    let text = esc(&describe_evidence(item));
    match item.url.as_deref() {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            format!(r#"<a href="{}" rel="noopener nofollow">{text}</a>"#, esc(url))
        }
        _ => text,
    }
}

/// The report's "Verdicts" and "Desk" sections as HTML.
pub fn report_html(report: &Report) -> String {
    let esc = super::escape::html;
    let mut out = String::new();
    let rated: Vec<&ClaimEntry> = report.claims.iter().filter(|c| c.verdict.is_some()).collect();
    if !rated.is_empty() {
        let _ = writeln!(out, r#"<section class="verdicts"><h2>Verdicts</h2>"#);
        for claim in rated {
            let _ = write!(
                out,
                r#"<article class="verdict" id="verdict-{}"><h3>{} {}</h3><p class="rating">{}</p>"#,
                claim.id,
                claim.id,
                esc(&claim.text),
                esc(&verdict_heading(claim))
            );
            if let Some(note) = &claim.desk.verdict_note {
                let _ = write!(out, r#"<p class="note">{}</p>"#, esc(note));
            }
            if let Some(rationale) = &claim.desk.rationale {
                let _ = write!(out, r#"<div class="rationale">{}</div>"#, esc(rationale));
            }
            if !claim.desk.evidence.is_empty() {
                out.push_str(r#"<ol class="evidence">"#);
                for item in &claim.desk.evidence {
                    let _ = write!(out, "<li>{}</li>", html_evidence(item));
                }
                out.push_str("</ol>");
            }
            let _ = writeln!(out, "</article>");
        }
        let _ = writeln!(out, "</section>");
    }
    let listed = desk_listed(report);
    if !listed.is_empty() {
        let note = unlisted_note(report, &listed, "");
        let note = if note.is_empty() { note } else { format!(r#"<p class="meta">{}</p>"#, esc(&note)) };
        let _ = writeln!(
            out,
            r#"<section class="desk"><h2>Desk</h2>{note}<table><thead><tr><th>#</th><th>Stage</th><th>On</th><th>Due</th><th>Tags</th><th>Work log</th></tr></thead><tbody>"#
        );
        for claim in listed {
            let d = &claim.desk;
            let notes: String = d
                .notes
                .iter()
                .map(|n| format!("<li>{} {}: {}</li>", esc(&n.created_at), esc(&n.editor), esc(&n.body)))
                .collect();
            let _ = writeln!(
                out,
                r#"<tr class="stage-{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                d.stage,
                claim.id,
                d.stage,
                if d.assignees.is_empty() { "—".into() } else { esc(&d.assignees.join(", ")) },
                esc(&due_cell(d.due.as_deref(), d.overdue_days)),
                if d.tags.is_empty() { "—".into() } else { esc(&d.tags.join(", ")) },
                if notes.is_empty() { "—".into() } else { format!("<ul>{notes}</ul>") },
            );
        }
        let _ = writeln!(out, "</tbody></table></section>");
    }
    out
}

/// The CSV columns the desk adds after the report's own; evidence URLs share one cell, joined by
/// [`CSV_EVIDENCE_SEPARATOR`] (a URL holds no spaces, so the separator cannot occur inside one).
pub const CSV_HEADER: [&str; 10] = [
    "stage",
    "assignees",
    "tags",
    "due",
    "overdue_days",
    "verdict_note",
    "rationale",
    "reviewer",
    "evidence_urls",
    "work_log",
];

/// What joins the evidence URLs in one CSV cell.
pub const CSV_EVIDENCE_SEPARATOR: &str = " | ";

/// One claim's desk cells for CSV, in [`CSV_HEADER`] order.
pub fn csv_cells(claim: &ClaimEntry) -> Vec<String> {
    let d = &claim.desk;
    let urls: Vec<&str> = d.evidence.iter().filter_map(|e| e.url.as_deref()).collect();
    let notes: Vec<String> = d.notes.iter().map(|n| format!("{} {}: {}", n.created_at, n.editor, n.body)).collect();
    vec![
        d.stage.to_string(),
        d.assignees.join("; "),
        d.tags.join("; "),
        d.due.clone().unwrap_or_default(),
        d.overdue_days.map(|n| n.to_string()).unwrap_or_default(),
        d.verdict_note.clone().unwrap_or_default(),
        d.rationale.clone().unwrap_or_default(),
        d.reviewer.clone().unwrap_or_default(),
        urls.join(CSV_EVIDENCE_SEPARATOR),
        notes.join("\n"),
    ]
}
