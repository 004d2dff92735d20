//! Inline SVG pictures for the HTML report: the sourcing-mix chart and the citation diagram.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape::{html as esc, truncate};
use super::palette::{kind_colour, stance_colour};
use crate::model::{CitationKind, LinkTarget, Stance};
use crate::report::{Mix, Report};

/// A stacked bar of how statements are attributed, with a legend, and bars for the flags.
pub fn mix_chart(mix: &Mix) -> String {
    let parts = [
        (CitationKind::Named, mix.named),
        (CitationKind::Anonymous, mix.anonymous),
        (CitationKind::Vague, mix.vague),
        (CitationKind::Unattributed, mix.unattributed),
    ];
    let total: usize = parts.iter().map(|p| p.1).sum();
    let (width, bar_height) = (640.0_f64, 28.0_f64);
    let flag_rows = mix.flags.len();
    let height = 70.0 + 22.0 * flag_rows as f64 + 10.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="mix-chart" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title>{}</title>"##,
        esc(&mix.line())
    );
    let mut x = 0.0;
    for (kind, count) in parts {
        if count == 0 || total == 0 {
            continue;
        }
        let w = width * count as f64 / total as f64;
        let _ = write!(
            svg,
            r##"<rect class="segment segment-{kind}" x="{x:.1}" y="0" width="{w:.1}" height="{bar_height}" fill="{}"><title>{count} {kind}</title></rect>"##,
            kind_colour(kind)
        );
        if w > 24.0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="19" text-anchor="middle" fill="#fff" font-size="13">{count}</text>"##,
                x + w / 2.0
            );
        }
        x += w;
    }
    let mut lx = 0.0;
    for (kind, count) in parts {
        let _ = write!(
            svg,
            r##"<rect x="{lx}" y="40" width="12" height="12" fill="{}"/><text x="{}" y="51" font-size="12">{kind} ({count})</text>"##,
            kind_colour(kind),
            lx + 16.0
        );
        lx += 150.0;
    }
    let most = mix.flags.values().copied().max().unwrap_or(1).max(1);
    for (i, (flag, count)) in mix.flags.iter().enumerate() {
        let y = 66.0 + 22.0 * i as f64;
        let w = 420.0 * *count as f64 / most as f64;
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="12">{flag}</text><rect class="flag-bar" x="120" y="{:.1}" width="{w:.1}" height="14" fill="#6d4c41"/><text x="{:.1}" y="{:.1}" font-size="12">{count}</text>"##,
            y + 11.0,
            y,
            126.0 + w,
            y + 11.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The citation diagram: attributions on the left, claims in the middle,
/// articles on the right; edges coloured by attribution kind and stance.
pub fn citation_diagram(report: &Report) -> String {
    const ROW: f64 = 34.0;
    const TOP: f64 = 30.0;
    let (left_x, mid_x, right_x) = (10.0, 300.0, 760.0);
    let (left_w, mid_w, right_w) = (250.0, 380.0, 280.0);

    // Left column: who each citation is attributed to, one node per source
    // (by id: two sources may share a name) or per unnamed voice in an article.
    let voice_key = |c: &crate::report::CitationEntry| match c.source_id {
        Some(id) => format!("s{id}"),
        None => format!("{}:{}", c.kind, c.article),
    };
    let voice_label = |c: &crate::report::CitationEntry| match &c.source {
        Some(name) => name.clone(),
        None => format!("{} · article {}", c.attribution(), c.article),
    };
    let mut voices: BTreeMap<String, (usize, CitationKind)> = BTreeMap::new();
    let mut voice_order: Vec<(String, String)> = Vec::new();
    for claim in &report.claims {
        for c in &claim.citations {
            let key = voice_key(c);
            if !voices.contains_key(&key) {
                voices.insert(key.clone(), (voice_order.len(), c.kind));
                voice_order.push((key, voice_label(c)));
            }
        }
    }
    let article_index: BTreeMap<i64, usize> = report.articles.iter().enumerate().map(|(i, a)| (a.id.0, i)).collect();
    let claim_index: BTreeMap<i64, usize> = report.claims.iter().enumerate().map(|(i, c)| (c.id.0, i)).collect();
    let rows = report.claims.len().max(voice_order.len()).max(report.articles.len()).max(1);
    let height = TOP + ROW * rows as f64 + 20.0;
    let spread = |i: usize, n: usize| TOP + (i as f64 + 0.5) * (ROW * rows as f64) / n.max(1) as f64;
    let voice_y = |i: usize| spread(i, voice_order.len());
    let claim_y = |i: usize| spread(i, report.claims.len());
    let article_y = |i: usize| spread(i, report.articles.len());

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="citation-graph" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 {height:.0}" width="1080" height="{height:.0}" font-size="11"><title>Citation graph: who each claim is attributed to and where it appeared</title>"#
    );
    let _ = write!(
        svg,
        r##"<text x="{left_x}" y="16" font-weight="bold">attributed to</text><text x="{mid_x}" y="16" font-weight="bold">claims</text><text x="{right_x}" y="16" font-weight="bold">articles</text>"##
    );
    // Edges first, so nodes sit on top.
    let mut drawn = std::collections::BTreeSet::new();
    for (ci, claim) in report.claims.iter().enumerate() {
        let y = claim_y(ci);
        for c in &claim.citations {
            let vy = voice_y(voices[&voice_key(c)].0);
            let _ = write!(
                svg,
                r##"<path class="edge edge-{}" d="M{:.1},{y:.1} C{:.1},{y:.1} {:.1},{vy:.1} {:.1},{vy:.1}" stroke="{}" stroke-width="1.6" fill="none"/>"##,
                c.kind,
                mid_x,
                mid_x - 30.0,
                left_x + left_w + 30.0,
                left_x + left_w,
                kind_colour(c.kind)
            );
            if let Some(&ai) = article_index.get(&c.article.0) {
                let ay = article_y(ai);
                let _ = write!(
                    svg,
                    r##"<path class="edge edge-cited" d="M{:.1},{y:.1} C{:.1},{y:.1} {:.1},{ay:.1} {right_x:.1},{ay:.1}" stroke="#9e9e9e" stroke-width="1" fill="none"/>"##,
                    mid_x + mid_w,
                    mid_x + mid_w + 40.0,
                    right_x - 40.0
                );
            }
        }
        for s in claim.corroborations.iter().chain(&claim.conflicts) {
            // A link between two claims in the picture is listed under both: draw it once.
            if !drawn.insert(s.link.0) {
                continue;
            }
            let colour = stance_colour(s.stance);
            let d = match s.target {
                LinkTarget::Article(a) => article_index.get(&a.0).map(|&ai| {
                    let ay = article_y(ai);
                    format!(
                        "M{:.1},{y:.1} C{:.1},{y:.1} {:.1},{ay:.1} {right_x:.1},{ay:.1}",
                        mid_x + mid_w,
                        mid_x + mid_w + 60.0,
                        right_x - 60.0
                    )
                }),
                LinkTarget::Claim(other) => claim_index.get(&other.0).map(|&oi| {
                    let oy = claim_y(oi);
                    let bulge = mid_x + mid_w + 25.0 + (oy - y).abs() / 10.0;
                    format!(
                        "M{:.1},{y:.1} C{bulge:.1},{y:.1} {bulge:.1},{oy:.1} {:.1},{oy:.1}",
                        mid_x + mid_w,
                        mid_x + mid_w
                    )
                }),
            };
            if let Some(d) = d {
                let dash = if s.stance == Stance::Duplicates { r##" stroke-dasharray="4 3""## } else { "" };
                let _ = write!(
                    svg,
                    r##"<path class="edge edge-{}" d="{d}" stroke="{colour}" stroke-width="2.2" fill="none"{dash}><title>{} (link {})</title></path>"##,
                    s.stance, s.stance, s.link
                );
            }
        }
    }
    for (ai, article) in report.articles.iter().enumerate() {
        let y = article_y(ai);
        for parent in &article.derived_from {
            if let Some(&pi) = article_index.get(&parent.0) {
                let py = article_y(pi);
                let bulge = right_x + right_w + 12.0 + ((py - y).abs() / 8.0).min(40.0);
                let _ = write!(
                    svg,
                    r##"<path class="edge edge-derived" d="M{:.1},{y:.1} C{bulge:.1},{y:.1} {bulge:.1},{py:.1} {:.1},{py:.1}" stroke="#5d4037" stroke-width="1.4" stroke-dasharray="5 3" fill="none"><title>article {} derives from article {}</title></path>"##,
                    right_x + right_w,
                    right_x + right_w,
                    article.id,
                    parent
                );
            }
        }
    }
    // Nodes.
    for (i, (key, label)) in voice_order.iter().enumerate() {
        let (_, kind) = voices[key];
        let y = voice_y(i);
        let _ = write!(
            svg,
            r##"<g class="node voice"><rect x="{left_x}" y="{:.1}" width="{left_w}" height="24" rx="12" fill="#fff" stroke="{}" stroke-width="1.6"/><text x="{:.1}" y="{:.1}">{}</text><title>{}</title></g>"##,
            y - 12.0,
            kind_colour(kind),
            left_x + 10.0,
            y + 4.0,
            esc(&truncate(label, 38)),
            esc(label)
        );
    }
    for (i, claim) in report.claims.iter().enumerate() {
        let y = claim_y(i);
        let stroke = if claim.flags.is_empty() { "#2e7d32" } else { "#6d4c41" };
        let _ = write!(
            svg,
            r##"<g class="node claim-node"><rect x="{mid_x}" y="{:.1}" width="{mid_w}" height="26" rx="3" fill="#fafafa" stroke="{stroke}"/><text x="{:.1}" y="{:.1}"><tspan font-weight="bold">{}</tspan> {}</text><title>claim {}: {}</title></g>"##,
            y - 13.0,
            mid_x + 8.0,
            y + 4.0,
            claim.id,
            esc(&truncate(&claim.text, 58)),
            claim.id,
            esc(&claim.text)
        );
    }
    for (i, article) in report.articles.iter().enumerate() {
        let y = article_y(i);
        let label = format!("{} · {}", article.id, article.publisher.as_deref().unwrap_or("unknown publisher"));
        let _ = write!(
            svg,
            r##"<g class="node article-node"><rect x="{right_x}" y="{:.1}" width="{right_w}" height="26" fill="#eef3f8" stroke="#37474f"/><text x="{:.1}" y="{:.1}">{}</text><title>article {}: {}</title></g>"##,
            y - 13.0,
            right_x + 8.0,
            y + 4.0,
            esc(&truncate(&format!("{label} — {}", article.title), 46)),
            article.id,
            esc(&article.title)
        );
    }
    svg.push_str("</svg>");
    svg
}
