//! Human-readable text for the records the read commands show: source, article and claim lists and details, flags, history.

use std::fmt::Write;

use super::escape::{terminal, terminal_block};
use super::style::paint_flags;
use super::table::{Table, wrap_text};
use crate::model::{Claim, ClaimStatus, Event, Flag, LinkTarget};
use crate::view::{
    ArticleDetail, ClaimDetail, FlagListing, ListedArticle, ListedClaim, ListedSource, SourceDetail, SourcedClaim,
};

fn or_dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("—").to_string()
}

fn empty_or(table: &Table, width: Option<usize>, nothing: &str) -> String {
    if table.is_empty() { format!("{}\n", terminal(nothing)) } else { table.render(width) }
}

/// Moves the text written so far, made safe for a terminal, onto the page, so
/// that a table (already safe, perhaps coloured) can follow it untouched.
fn flush(page: &mut String, text: &mut String) {
    page.push_str(&terminal_block(text));
    text.clear();
}

pub fn source_list(list: &[ListedSource], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["id", "name", "kind", "aliases", "citations"]).colour(colour).wrap_column(3);
    for ListedSource { source, citations } in list {
        table.row(vec![
            source.id.to_string(),
            source.name.clone(),
            source.kind.to_string(),
            or_dash(Some(&source.aliases.join(", "))),
            citations.to_string(),
        ]);
    }
    empty_or(&table, width, "no sources yet (add one with `claimtrack source add NAME --kind KIND`)")
}

pub fn source_detail(detail: &SourceDetail, width: Option<usize>, colour: bool) -> String {
    let SourceDetail { source, claims } = detail;
    let mut out = String::new();
    let _ = writeln!(out, "source {}: {} ({})", source.id, source.name, source.kind);
    if !source.aliases.is_empty() {
        let _ = writeln!(out, "also known as: {}", source.aliases.join(", "));
    }
    if let Some(url) = &source.url {
        let _ = writeln!(out, "url: {url}");
    }
    if let Some(note) = &source.note {
        let _ = writeln!(out, "note: {note}");
    }
    let _ = writeln!(out, "added: {}", source.created_at);
    let _ = writeln!(out);
    let mut page = String::new();
    flush(&mut page, &mut out);
    let rows = claims.iter().map(|c| (c, &[][..]));
    page.push_str(&claim_table(rows, width, colour, "no claims attributed to it yet"));
    page
}

pub fn article_list(list: &[ListedArticle], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["id", "published", "publisher", "title", "citations", "derived from"])
        .colour(colour)
        .wrap_column(3);
    for ListedArticle { article, citations } in list {
        table.row(vec![
            article.id.to_string(),
            article.published.map_or("—".into(), |d| d.to_string()),
            or_dash(article.publisher.as_ref().map(|p| p.name.as_str())),
            article.title.clone(),
            citations.to_string(),
            or_dash(Some(&article.derived_from.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "))),
        ]);
    }
    empty_or(&table, width, "no articles yet (add one with `claimtrack article add TITLE`)")
}

pub fn article_detail(detail: &ArticleDetail, width: Option<usize>, colour: bool) -> String {
    let ArticleDetail { article, citations, text } = detail;
    let mut out = String::new();
    let _ = writeln!(out, "article {}: {}", article.id, article.title);
    if let Some(p) = &article.publisher {
        let _ = writeln!(out, "publisher: {} ({})", p.name, p.kind);
    }
    if let Some(d) = &article.published {
        let _ = writeln!(out, "published: {d}");
    }
    if let Some(url) = &article.url {
        let _ = writeln!(out, "url: {url}");
    }
    if !article.derived_from.is_empty() {
        let ids: Vec<String> = article.derived_from.iter().map(|a| a.to_string()).collect();
        let _ = writeln!(out, "derived from: article {}", ids.join(", "));
    }
    if let Some(medium) = article.medium {
        let _ = writeln!(out, "medium: {medium}");
    }
    if let Some(sha) = &article.text_sha256 {
        let _ = writeln!(out, "text: stored (sha256 {sha})");
    }
    let _ = writeln!(out);
    let mut table = Table::new(&["claim", "attributed to", "kind", "at", "quote"]).colour(colour).wrap_column(4);
    for c in citations {
        table.row(vec![
            c.claim_id.to_string(),
            or_dash(c.source.as_ref().map(|s| s.name.as_str())),
            c.kind.to_string(),
            place(c),
            c.quote.clone().unwrap_or_else(|| c.claim_text.clone()),
        ]);
    }
    let mut page = String::new();
    flush(&mut page, &mut out);
    page.push_str(&empty_or(&table, width, "no claims cited in it yet"));
    if let Some(text) = text {
        let _ = writeln!(out, "\n{text}");
    }
    flush(&mut page, &mut out);
    page
}

fn claim_table<'a>(
    claims: impl Iterator<Item = (&'a Claim, &'a [Flag])>,
    width: Option<usize>,
    colour: bool,
    nothing: &str,
) -> String {
    let mut table = Table::new(&["id", "claim", "status", "flags"])
        .colour(colour)
        .wrap_column(1)
        .wrap_column(3)
        .paint_column(3, move |cell| paint_flags(cell, colour));
    for (claim, flags) in claims {
        let flag_names: Vec<&str> = flags.iter().map(|f| f.as_str()).collect();
        table.row(vec![
            claim.id.to_string(),
            claim.text.clone(),
            claim.status.as_str().to_string(),
            or_dash(Some(&flag_names.join(", "))),
        ]);
    }
    empty_or(&table, width, nothing)
}

pub fn claim_list(claims: &[ListedClaim], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["id", "claim", "stage", "on", "due", "tags", "flags"])
        .colour(colour)
        .wrap_column(1)
        .wrap_column(6)
        .wrap_column(3)
        .wrap_column(5)
        .paint_column(6, move |cell| paint_flags(cell, colour));
    for c in claims {
        let flag_names: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
        let stage = match c.claim.status {
            ClaimStatus::Retracted => format!("{} (retracted)", c.claim.stage),
            ClaimStatus::Active => c.claim.stage.to_string(),
        };
        table.row(vec![
            c.claim.id.to_string(),
            c.claim.text.clone(),
            stage,
            or_dash(Some(&c.assignees.join(", "))),
            super::desk::due_cell(c.claim.due.as_deref(), c.overdue_days),
            or_dash(Some(&c.tags.join(", "))),
            or_dash(Some(&flag_names.join(", "))),
        ]);
    }
    empty_or(&table, width, "no claims match")
}

pub fn claim_detail(d: &ClaimDetail, width: Option<usize>, colour: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "claim {}: {}", d.claim.id, d.claim.text);
    if d.claim.status == ClaimStatus::Retracted {
        let _ = writeln!(out, "RETRACTED: {}", d.claim.retract_reason.as_deref().unwrap_or("no reason given"));
    }
    let _ = writeln!(out, "logged: {}   independent sources: {}", d.claim.created_at, d.independent_sources);
    let _ = writeln!(
        out,
        "stage: {}   due: {}   on: {}   tags: {}",
        d.claim.stage,
        super::desk::due_cell(d.claim.due.as_deref(), d.overdue_days),
        or_dash(Some(&d.assignees.join(", "))),
        or_dash(Some(&d.tags.join(", ")))
    );
    match d.verdicts.iter().rev().find(|v| !v.is_withdrawn()) {
        Some(v) => {
            let note = v.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
            let _ = writeln!(out, "verdict: {} by {} on {}{note}", v.rating, v.editor, v.created_at);
            out.push_str(&super::desk::verdict_reasons(v, "  "));
        }
        None => {
            let _ = writeln!(out, "verdict: none in force");
        }
    }
    let _ = writeln!(out, "\ncitations:");
    let mut table = Table::new(&["#", "article", "attributed to", "kind", "quote"]).colour(colour).wrap_column(4);
    for c in &d.citations {
        table.row(vec![
            c.id.to_string(),
            format!("{} {}", c.article_id, c.article_title),
            or_dash(c.source.as_ref().map(|s| s.name.as_str())),
            c.kind.to_string(),
            match (c.time, c.quote.as_deref()) {
                (Some(_), Some(quote)) => format!("{} {quote}", place(c)),
                (Some(_), None) => place(c),
                (None, quote) => or_dash(quote),
            },
        ]);
    }
    let mut page = String::new();
    flush(&mut page, &mut out);
    page.push_str(&empty_or(&table, width, "  none recorded"));
    if !d.links.is_empty() {
        let _ = writeln!(out, "\nlinks:");
        let mut table = Table::new(&["#", "stance", "with", "note", "editor"]).colour(colour).wrap_column(3);
        for l in &d.links {
            let with = match l.target {
                LinkTarget::Article(a) => format!("article {a}"),
                LinkTarget::Claim(c) if c == d.claim.id => format!("claim {}", l.claim_id),
                LinkTarget::Claim(c) => format!("claim {c}"),
            };
            table.row(vec![l.id.to_string(), l.stance.to_string(), with, or_dash(l.note.as_deref()), l.editor.clone()]);
        }
        flush(&mut page, &mut out);
        page.push_str(&table.render(width));
    }
    if d.verdicts.len() > 1 || d.verdicts.iter().any(|v| v.is_withdrawn()) {
        let _ = writeln!(out, "\nverdict history:");
        for v in &d.verdicts {
            let withdrawn = match (&v.withdrawn_at, &v.withdrawn_by) {
                (Some(at), by) => format!(
                    "  WITHDRAWN {at} by {}: {}",
                    by.as_deref().unwrap_or("?"),
                    v.withdrawn_reason.as_deref().unwrap_or("no reason given")
                ),
                (None, _) => String::new(),
            };
            let _ = writeln!(out, "  #{}  {}  {}  by {}{withdrawn}", v.id, v.created_at, v.rating, v.editor);
        }
    }
    if !d.reviews.is_empty() {
        let _ = writeln!(out, "\npublished reviews:");
        for r in &d.reviews {
            let rating = match (&r.rating_words, &r.rating_value, &r.best_rating) {
                (None, None, _) => "no rating".to_string(),
                (words, value, best) => {
                    let numbers = match (value, best) {
                        (Some(v), Some(b)) => format!(" ({v} of {b})"),
                        (Some(v), None) => format!(" ({v})"),
                        _ => String::new(),
                    };
                    format!("{:?}{numbers}", words.as_deref().unwrap_or(""))
                }
            };
            let mapped = match r.verdict_id {
                Some(v) => format!(", verdict #{v}"),
                None if r.rating_words.is_some() || r.rating_value.is_some() => ", not on our scale".to_string(),
                None => String::new(),
            };
            let by = r.reviewer.as_deref().unwrap_or("an unnamed reviewer");
            let when = r.published.as_deref().map(|p| format!(" on {p}")).unwrap_or_default();
            let _ = writeln!(out, "  #{}  {by}{when}: {rating}{mapped}", r.id);
            if let Some(url) = &r.url {
                let _ = writeln!(out, "      {url}");
            }
        }
    }
    if !d.notes.is_empty() {
        let _ = writeln!(out, "\nwork log:");
        for n in &d.notes {
            let _ = writeln!(out, "  {}  {}: {}", n.created_at, n.editor, n.body);
        }
    }
    let _ = writeln!(out, "\nflags:");
    if d.flags.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for hit in &d.flags {
        let indent = "    ";
        let lines = wrap_text(&hit.reason, width.unwrap_or(usize::MAX / 2).saturating_sub(indent.len()).max(30));
        flush(&mut page, &mut out);
        let _ = writeln!(page, "  {}", paint_flags(hit.flag.as_str(), colour));
        for line in lines {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    flush(&mut page, &mut out);
    page
}

pub fn flag_list(listing: &FlagListing, width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["claim", "flag", "why"])
        .colour(colour)
        .wrap_column(2)
        .paint_column(1, move |cell| paint_flags(cell, colour));
    for entry in &listing.entries {
        for (i, hit) in entry.flags.iter().enumerate() {
            let id = if i == 0 { entry.claim.to_string() } else { String::new() };
            table.row(vec![id, hit.flag.to_string(), hit.reason.clone()]);
        }
        if let Some(reason) = &entry.overdue {
            let id = if entry.flags.is_empty() { entry.claim.to_string() } else { String::new() };
            table.row(vec![id, "overdue".into(), reason.clone()]);
        }
    }
    let nothing = match (&listing.claim, listing.flag) {
        (Some(claim), _) if claim.status == ClaimStatus::Retracted => format!(
            "claim {} is retracted ({}): retracted claims carry no flags",
            claim.id,
            claim.retract_reason.as_deref().unwrap_or("no reason given")
        ),
        (Some(claim), Some(flag)) => format!("claim {} does not carry the {flag} flag", claim.id),
        (Some(claim), None) => {
            format!("claim {} has no flags: it is independently sourced or has a verdict, and is not stale", claim.id)
        }
        (None, Some(flag)) => format!("no claim carries the {flag} flag"),
        (None, None) => "no flags: every claim is independently sourced or has a verdict".to_string(),
    };
    empty_or(&table, width, &nothing)
}

pub fn history(events: &[Event], width: Option<usize>, colour: bool) -> String {
    let mut table =
        Table::new(&["event", "at", "editor", "command", "action", "row", "values"]).colour(colour).wrap_column(6);
    for e in events {
        table.row(vec![
            e.id.to_string(),
            e.at.clone(),
            e.editor.clone(),
            format!("#{} {}", e.change, e.command),
            e.action.clone(),
            format!("{} {}", e.table, e.row_id),
            change_summary(e),
        ]);
    }
    empty_or(&table, width, "no events")
}

/// "text: "old" → "new"" for updates; the new row's main fields for inserts.
fn change_summary(event: &Event) -> String {
    use serde_json::Value;
    let show = |v: &Value| match v {
        Value::String(s) => format!("{s:?}"),
        Value::Null => "null".into(),
        other => other.to_string(),
    };
    match (&event.old_values, &event.new_values) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            let changes: Vec<String> = new
                .iter()
                .filter(|(k, v)| old.get(*k) != Some(v) && k.as_str() != "updated_at")
                .map(|(k, v)| format!("{k}: {} → {}", old.get(k).map_or("—".into(), show), show(v)))
                .collect();
            changes.join("; ")
        }
        (None, Some(Value::Object(new))) => new
            .iter()
            .filter(|(k, v)| !v.is_null() && !matches!(k.as_str(), "id" | "created_at" | "updated_at" | "editor"))
            .map(|(k, v)| format!("{k}={}", show(v)))
            .collect::<Vec<_>>()
            .join(" "),
        (Some(_), None) => "deleted".into(),
        _ => String::new(),
    }
}

/// The claims of one article with their attribution and flags: what an editor checks first.
pub fn sourcing(rows: &[SourcedClaim], width: Option<usize>, colour: bool) -> String {
    let mut table = Table::new(&["id", "claim", "attributed to", "kind", "flags"])
        .colour(colour)
        .wrap_column(1)
        .wrap_column(4)
        .wrap_column(2)
        .paint_column(4, move |cell| paint_flags(cell, colour));
    for row in rows {
        let flags: Vec<&str> = row.flags.iter().map(|h| h.flag.as_str()).collect();
        table.row(vec![
            row.claim.to_string(),
            row.text.clone(),
            or_dash(row.attributed_to.as_deref()),
            row.kind.to_string(),
            or_dash(Some(&flags.join(", "))),
        ]);
    }
    empty_or(&table, width, "no claims cited in this article")
}

/// Where a citation sits: a time range in a recording, or character offsets in the text.
fn place(c: &crate::model::Citation) -> String {
    match (c.time, c.start) {
        (Some((from, to)), _) => crate::timerange::TimeRange { from, to }.to_string(),
        (None, Some(s)) => format!("{s}–{}", c.end.unwrap_or(s)),
        (None, None) => "—".into(),
    }
}
