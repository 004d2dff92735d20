//! Byte offsets turned into the character offsets, lines and columns the JSON contract promises, in one pass.

use super::rules::Found;
use super::{Span, Statement};

/// Where a byte offset falls: character offset, line, column (1-based).
#[derive(Clone, Copy)]
struct Place {
    char: usize,
    line: usize,
    column: usize,
}

pub fn statements(text: &str, found: Vec<Found>) -> Vec<Statement> {
    let mut wanted: Vec<usize> = Vec::with_capacity(found.len() * 6);
    for f in &found {
        wanted.extend([f.content.0, f.content.1]);
        if let Some((s, e)) = f.source {
            wanted.extend([s, e]);
        }
        if let Some((s, e)) = f.cue {
            wanted.extend([s, e]);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let places = locate(text, &wanted);
    let at = |byte: usize| places[wanted.binary_search(&byte).expect("every offset was located")].1;
    let span = |(s, e): (usize, usize)| Span { start: at(s).char, end: at(e).char, text: text[s..e].to_string() };
    found
        .into_iter()
        .map(|f| {
            let first =
                [Some(f.content.0), f.source.map(|s| s.0), f.cue.map(|c| c.0)].into_iter().flatten().min().unwrap_or(0);
            let place = at(first);
            super::Statement {
                kind: f.kind,
                content: span(f.content),
                source: f.source.map(span),
                cue: f.cue.map(span),
                resolved_source: f.resolved,
                source_class: f.class,
                line: place.line,
                column: place.column,
                has_figure: f.has_figure,
            }
        })
        .collect()
}

/// Places of sorted byte offsets, found walking the bytes once.
fn locate(text: &str, sorted: &[usize]) -> Vec<(usize, Place)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sorted.len());
    let (mut chars, mut line, mut column) = (0usize, 1usize, 1usize);
    let mut next = 0;
    for (i, &b) in bytes.iter().enumerate() {
        while next < sorted.len() && sorted[next] == i {
            out.push((i, Place { char: chars, line, column }));
            next += 1;
        }
        if next == sorted.len() {
            break;
        }
        if b & 0xC0 != 0x80 {
            chars += 1;
            if b == b'\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
    }
    while next < sorted.len() {
        out.push((sorted[next], Place { char: chars, line, column }));
        next += 1;
    }
    out
}
