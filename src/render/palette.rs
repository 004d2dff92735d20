//! The one colour table: attribution kinds and stances, for the HTML page, its SVG pictures and Graphviz.

use crate::model::{CitationKind, Stance};

/// The colour of an attribution kind, in the chart, the diagram, the badges and the graph.
pub fn kind_colour(kind: CitationKind) -> &'static str {
    match kind {
        CitationKind::Named => "#2e7d32",
        CitationKind::Anonymous => "#ef6c00",
        CitationKind::Vague => "#f9a825",
        CitationKind::Unattributed => "#c62828",
    }
}

/// Text on a kind's colour: dark on the light yellow of `vague`, white elsewhere.
pub fn kind_text_colour(kind: CitationKind) -> &'static str {
    match kind {
        CitationKind::Vague => "#1b1b1b",
        _ => "#fff",
    }
}

/// The colour of a link's stance.
pub fn stance_colour(stance: Stance) -> &'static str {
    match stance {
        Stance::Corroborates => "#2e7d32",
        Stance::Conflicts => "#c62828",
        Stance::Duplicates => "#757575",
    }
}
