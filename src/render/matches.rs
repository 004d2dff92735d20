//! Matches and word-level differences for people: `[-old-]{+new+}` marks when piped,
//! red and green on a terminal; claim text escaped for the terminal either way.

use std::fmt::Write as _;

use super::escape;
use super::table::Table;
use crate::matching::diff::{Op, Span};
use crate::ops::matching::{Difference, Match, Pair, Sweep};

/// The spans marked `[-old-]{+new+}`, each span's text made safe for a terminal.
pub fn marked(spans: &[Span]) -> String {
    let safe: Vec<Span> = spans.iter().map(|s| Span { op: s.op, text: escape::terminal(&s.text) }).collect();
    crate::matching::diff::marked(&safe)
}

/// Turns the marks of one printed line into colours; a change cut by wrapping is coloured
/// on both lines.
fn paint_marks(line: &str) -> String {
    const DELETE: &str = "\x1b[31;9m";
    const INSERT: &str = "\x1b[32;4m";
    const RESET: &str = "\x1b[0m";
    let open_delete = line.find("[-");
    let close_delete = line.find("-]");
    let open_insert = line.find("{+");
    let close_insert = line.find("+}");
    let mut out = String::new();
    // A line that closes a change before opening one starts inside it.
    if close_delete.is_some_and(|c| open_delete.is_none_or(|o| c < o)) {
        out.push_str(DELETE);
    } else if close_insert.is_some_and(|c| open_insert.is_none_or(|o| c < o)) {
        out.push_str(INSERT);
    }
    out.push_str(&line.replace("[-", DELETE).replace("-]", RESET).replace("{+", INSERT).replace("+}", RESET));
    out.push_str(RESET);
    out
}

/// The changes as one line for a terminal or a pipe.
pub fn changes_line(spans: &[Span], colour: bool) -> String {
    let text = marked(spans);
    if colour { paint_marks(&text) } else { text }
}

fn kind(m: &Match) -> &'static str {
    if m.exact {
        "exact duplicate"
    } else if m.near_duplicate {
        "near-duplicate"
    } else {
        "shares words"
    }
}

fn numbers_line(m: &Match) -> Option<String> {
    (!m.numbers_disagree.is_empty()).then(|| {
        let parts: Vec<String> = m
            .numbers_disagree
            .iter()
            .map(|d| {
                format!(
                    "\"{}\" here, \"{}\" in claim {}",
                    escape::terminal(&d.ours),
                    escape::terminal(&d.theirs),
                    m.claim_id
                )
            })
            .collect();
        format!("numbers disagree: {}", parts.join("; "))
    })
}

/// The matches as a table: id, score, what kind of match, and the claim's wording with the
/// changes that turn it into the text given.
pub fn match_table(matches: &[Match], width: Option<usize>, colour: bool) -> String {
    if matches.is_empty() {
        return "no claim matches\n".to_string();
    }
    let mut table =
        Table::new(&["claim", "score", "match", "wording ([-claim's words-]{+yours+})"]).colour(colour).wrap_column(3);
    if colour {
        table = table.paint_column(3, paint_marks);
    }
    for m in matches {
        let mut cell = marked(&m.spans);
        if let Some(numbers) = numbers_line(m) {
            cell = format!("{cell}\n{numbers}");
        }
        let label = if m.shared { format!("{}, shared", kind(m)) } else { kind(m).to_string() };
        table.row(vec![m.claim_id.to_string(), format!("{:.3}", m.score), label, cell]);
    }
    table.render(width)
}

/// What `claim add` tells the editor about matches, on standard error: each near-duplicate
/// with its changes, and the command that would record each numeric conflict.
pub fn add_report(new_id: Option<i64>, matches: &[Match], colour: bool) -> String {
    let mut out = String::new();
    for m in matches.iter().filter(|m| m.near_duplicate) {
        let _ = writeln!(out, "claimtrack: {} of claim {} (score {:.3}):", kind(m), m.claim_id, m.score);
        let _ = writeln!(out, "  {}", changes_line(&m.spans, colour));
        if let Some(numbers) = numbers_line(m) {
            let _ = writeln!(out, "  {numbers}");
            if m.shared {
                let _ = writeln!(
                    out,
                    "  claim {} is another newsroom's, shared with a coalition: it can be read, not linked to",
                    m.claim_id
                );
            } else if let Some(id) = new_id {
                let note: Vec<String> =
                    m.numbers_disagree.iter().map(|d| format!("{} vs {}", d.ours, d.theirs)).collect();
                let _ = writeln!(
                    out,
                    "  to record the conflict: claimtrack link {id} --conflicts {} --note {}",
                    m.claim_id,
                    shell_quote(&note.join("; "))
                );
            }
        }
    }
    out
}

/// A shell word: single-quoted, inner single quotes closed and escaped.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", escape::terminal(text).replace('\'', "'\\''"))
}

/// `claimtrack diff` for people.
pub fn difference(d: &Difference, colour: bool) -> String {
    let name = |id: Option<crate::model::ClaimId>| id.map_or("your text".to_string(), |id| format!("claim {id}"));
    let mut out = String::new();
    let _ = writeln!(out, "{} → {} (word ratio {:.3})", name(d.old.claim_id), name(d.new.claim_id), d.word_ratio);
    let _ = writeln!(out, "{}", changes_line(&d.spans, colour));
    for n in &d.numbers_disagree {
        let _ = writeln!(
            out,
            "numbers disagree: \"{}\" in {}, \"{}\" in {}",
            escape::terminal(&n.theirs),
            name(d.old.claim_id),
            escape::terminal(&n.ours),
            name(d.new.claim_id)
        );
    }
    if d.spans.iter().all(|s| s.op == Op::Equal) {
        let _ = writeln!(out, "(the same words)");
    }
    out
}

/// `similar --all` for people: one line per near-duplicate pair.
pub fn sweep(s: &Sweep, width: Option<usize>, colour: bool) -> String {
    let mut out = String::new();
    let mut table = Table::new(&["claim", "other", "score", "match", "numbers"]).colour(colour).wrap_column(4);
    for p in &s.pairs {
        table.row(vec![
            p.claim_id.to_string(),
            p.other_id.to_string(),
            format!("{:.3}", p.score),
            if p.exact { "exact duplicate" } else { "near-duplicate" }.to_string(),
            pair_numbers(p),
        ]);
    }
    if !table.is_empty() {
        out.push_str(&table.render(width));
    }
    let conflicts = s.pairs.iter().filter(|p| !p.numbers_disagree.is_empty()).count();
    let _ = writeln!(
        out,
        "{} claims checked: {} near-duplicate pairs, {} with numbers that disagree{}",
        s.claims_checked,
        s.pairs.len(),
        conflicts,
        if s.recorded { " (recorded: see `claimtrack flags --flag numeric-mismatch`)" } else { "" }
    );
    out
}

fn pair_numbers(p: &Pair) -> String {
    if p.numbers_disagree.is_empty() {
        return "—".into();
    }
    p.numbers_disagree
        .iter()
        .map(|d| format!("\"{}\" vs \"{}\"", escape::terminal(&d.ours), escape::terminal(&d.theirs)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::diff::spans;

    #[test]
    fn piped_output_is_marked_and_terminal_output_coloured() {
        let s = spans("At least four battalions", "Three battalions");
        assert_eq!(changes_line(&s, false), "[-At least four-]{+Three+} battalions");
        let painted = changes_line(&s, true);
        assert!(painted.contains("\x1b[31;9mAt least four\x1b[0m"), "{painted:?}");
        assert!(!painted.contains("[-"), "{painted:?}");
    }

    #[test]
    fn text_cannot_reach_the_terminal_as_escapes() {
        let s = spans("a \x1b[2J b", "a c");
        assert!(!changes_line(&s, false).contains('\x1b'));
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("it's 3 vs 4"), "'it'\\''s 3 vs 4'");
    }
}
