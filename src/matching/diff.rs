//! The word-level difference between two wordings (the `similar` crate), as spans that
//! renderers mark `[-old-]{+new+}` or colour, and the word ratio used as a display threshold.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a span of the diff is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text the two wordings share, or that only one has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub op: Op,
    pub text: String,
}

/// A change: words removed from the old wording and the words put in their place
/// (either may be empty), with character offsets in each text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub old: String,
    pub new: String,
    pub old_start: usize,
    pub new_start: usize,
}

/// The spans from `old` to `new`, word by word; neighbouring spans of one kind are merged.
pub fn spans(old: &str, new: &str) -> Vec<Span> {
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_words(old, new);
    let mut out: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        let text = change.value();
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Span { op, text: text.to_string() }),
        }
    }
    // Whitespace alone between two changes belongs to them: "[-a b-]" reads better than "[-a-] [-b-]".
    let mut merged: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < out.len() {
        let span = out[i].clone();
        let is_gap = span.op == Op::Equal && span.text.trim().is_empty();
        let changed = |s: Option<&Span>| s.is_some_and(|s| s.op != Op::Equal);
        if is_gap && i > 0 && changed(out.get(i - 1)) && changed(out.get(i + 1)) {
            for op in [Op::Delete, Op::Insert] {
                if let Some(s) = merged.iter_mut().rev().take(2).find(|s| s.op == op) {
                    s.text.push_str(&span.text);
                } else {
                    merged.push(Span { op, text: span.text.clone() });
                }
            }
            i += 1;
            continue;
        }
        match merged.last_mut() {
            Some(last) if last.op == span.op => last.text.push_str(&span.text),
            // A delete after an insert: keep deletes first within one change.
            Some(last) if last.op == Op::Insert && span.op == Op::Delete => {
                let insert = merged.pop().unwrap_or(Span { op: Op::Insert, text: String::new() });
                match merged.last_mut() {
                    Some(prev) if prev.op == Op::Delete => prev.text.push_str(&span.text),
                    _ => merged.push(span),
                }
                merged.push(insert);
            }
            _ => merged.push(span),
        }
        i += 1;
    }
    merged
}

/// The changes between two wordings, each a replaced, removed or added run of words.
pub fn changes(old: &str, new: &str) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let (mut at_old, mut at_new) = (0, 0);
    let mut open: Option<Change> = None;
    for span in spans(old, new) {
        let len = span.text.chars().count();
        match span.op {
            Op::Equal => {
                out.extend(open.take());
                at_old += len;
                at_new += len;
            }
            Op::Delete => {
                let c = open.get_or_insert(Change {
                    old: String::new(),
                    new: String::new(),
                    old_start: at_old,
                    new_start: at_new,
                });
                c.old.push_str(&span.text);
                at_old += len;
            }
            Op::Insert => {
                let c = open.get_or_insert(Change {
                    old: String::new(),
                    new: String::new(),
                    old_start: at_old,
                    new_start: at_new,
                });
                c.new.push_str(&span.text);
                at_new += len;
            }
        }
    }
    out.extend(open);
    out
}

/// `[-old-]{+new+}` marks, for output that is not a terminal.
pub fn marked(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s.op {
            Op::Equal => s.text.clone(),
            Op::Delete => format!("[-{}-]", s.text),
            Op::Insert => format!("{{+{}+}}", s.text),
        })
        .collect()
}

/// Red strike-through for removed words and green for added ones, for a terminal.
pub fn coloured(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s.op {
            Op::Equal => s.text.clone(),
            Op::Delete => format!("\x1b[31;9m{}\x1b[0m", s.text),
            Op::Insert => format!("\x1b[32;4m{}\x1b[0m", s.text),
        })
        .collect()
}

/// `similar`'s word ratio (0 to 1) between two word lists: 2 × shared words / all words.
pub fn word_ratio(old: &[String], new: &[String]) -> f64 {
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    f64::from(TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_slices(&old, &new).ratio())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words() {
        let old = "At least four Turkish battalions will travel to Niger";
        let new = "Three Turkish battalions will travel to Niger";
        assert_eq!(marked(&spans(old, new)), "[-At least four-]{+Three+} Turkish battalions will travel to Niger");
        let changes = changes(old, new);
        assert_eq!(changes, [Change { old: "At least four".into(), new: "Three".into(), old_start: 0, new_start: 0 }]);
    }

    #[test]
    fn additions_removals_and_offsets() {
        let spans = spans("France withdrew 1,500 troops", "France withdrew around 1,000 troops in 2023");
        assert_eq!(marked(&spans), "France withdrew [-1,500-]{+around 1,000+} troops{+ in 2023+}");
        let c = changes("France withdrew 1,500 troops", "France withdrew around 1,000 troops in 2023");
        assert_eq!(c[0].old_start, 16);
        assert_eq!((c[1].old.as_str(), c[1].new.as_str(), c[1].new_start), ("", " in 2023", 35));
        assert_eq!(marked(&super::spans("same words", "same words")), "same words");
    }

    #[test]
    fn colours_only_changes() {
        let text = coloured(&spans("a b", "a c"));
        assert_eq!(text, "a \x1b[31;9mb\x1b[0m\x1b[32;4mc\x1b[0m");
    }

    #[test]
    fn ratio() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(word_ratio(&w("a b c d"), &w("a b c d")), 1.0);
        assert!(word_ratio(&w("a b c d"), &w("a b x d")) > 0.7);
        assert_eq!(word_ratio(&w("a b"), &w("c d")), 0.0);
    }
}
