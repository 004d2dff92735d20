//! The citation graph for Graphviz: claims, articles, sources, `derived_from` and link edges.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::escape::{dot as esc, truncate};
use super::palette::{kind_colour, stance_colour};
use crate::model::{LinkTarget, Stance};
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph claimtrack {{");
    let _ = writeln!(out, "  label=\"{}\";", esc(&format!("Citation graph — {}", report.scope.title())));
    let _ = writeln!(out, "  labelloc=t; rankdir=LR; node [fontname=\"Helvetica\", fontsize=10]; edge [fontsize=9];");

    let mut sources: BTreeSet<(String, String)> = BTreeSet::new();
    let shown: BTreeSet<i64> = report.claims.iter().map(|c| c.id.0).collect();
    let mut linked: BTreeSet<(i64, String)> = BTreeSet::new();
    // A link between two claims in the report is listed under both: draw it once.
    let mut drawn: BTreeSet<i64> = BTreeSet::new();
    for claim in &report.claims {
        let flags: Vec<&str> = claim.flags.iter().map(|h| h.flag.as_str()).collect();
        let flagged = if flags.is_empty() { String::new() } else { format!("\n[{}]", flags.join(", ")) };
        let label = format!("claim {}\n{}{flagged}", claim.id, truncate(&claim.text, 60));
        let _ = writeln!(out, "  c{} [shape=box, style=rounded, label=\"{}\"];", claim.id, esc(&label));
        for c in &claim.citations {
            let (node, name) = match (&c.source, c.source_id) {
                (Some(name), Some(id)) => (format!("s{id}"), name.clone()),
                _ => (format!("v_{}_{}", c.kind, c.article), format!("{} in article {}", c.attribution(), c.article)),
            };
            sources.insert((node.clone(), name));
            let colour = kind_colour(c.kind);
            let _ = writeln!(
                out,
                "  c{} -> {node} [label=\"{}\", color=\"{colour}\", fontcolor=\"{colour}\"];",
                claim.id, c.kind
            );
            let _ = writeln!(out, "  c{} -> a{} [label=\"cited in\", style=dotted];", claim.id, c.article);
        }
        for s in claim.corroborations.iter().chain(&claim.conflicts) {
            if !drawn.insert(s.link.0) {
                continue;
            }
            let colour = stance_colour(s.stance);
            let style = match s.stance {
                Stance::Corroborates => "solid",
                Stance::Conflicts => "bold",
                Stance::Duplicates => "dashed",
            };
            let to = match s.target {
                LinkTarget::Claim(other) => {
                    if !shown.contains(&other.0) {
                        linked.insert((other.0, s.label.clone()));
                    }
                    format!("c{other}")
                }
                LinkTarget::Article(a) => format!("a{a}"),
            };
            let _ =
                writeln!(out, "  {to} -> c{} [label=\"{}\", color=\"{colour}\", style={style}];", claim.id, s.stance);
        }
    }
    for article in &report.articles {
        let mut label = format!("article {}\n{}", article.id, truncate(&article.title, 50));
        if let Some(p) = &article.publisher {
            let _ = write!(label, "\n{p}");
        }
        if let Some(d) = &article.published {
            let _ = write!(label, ", {d}");
        }
        let _ = writeln!(out, "  a{} [shape=note, label=\"{}\"];", article.id, esc(&label));
        for parent in &article.derived_from {
            let _ = writeln!(out, "  a{} -> a{parent} [label=\"derived from\", style=dashed];", article.id);
        }
    }
    for (id, text) in &linked {
        let label = format!("claim {id}\n{}", truncate(text, 60));
        let _ = writeln!(out, "  c{id} [shape=box, style=\"rounded,dashed\", label=\"{}\"];", esc(&label));
    }
    for (node, name) in &sources {
        let _ = writeln!(out, "  {node} [shape=ellipse, label=\"{}\"];", esc(name));
    }
    let _ = writeln!(out, "}}");
    out
}
