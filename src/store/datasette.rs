//! A Datasette metadata file for a ledger: what each table and column holds, which
//! columns label and facet a table, and canned queries for the flags and the per-source report.
//! (The SQL of the canned queries lives here, with the rest of claimtrack's SQL.)

use serde_json::{Value, json};

/// Flagged claims with their text, in the order `claimtrack flags` lists them.
const FLAGGED: &str = "SELECT claim_id, claim_text, flag, reason
FROM claim_flags
WHERE (:flag = '' OR flag = :flag)
ORDER BY claim_id, flag_order";

/// Each source's record: claims and citations attributed to it, how, and the verdicts on them.
const PER_SOURCE: &str = "SELECT s.id AS source_id, s.name, s.kind,
       count(DISTINCT t.claim_id) AS claims,
       count(t.id) AS citations,
       count(DISTINCT t.article_id) AS articles,
       sum(t.kind = 'named') AS named,
       sum(t.kind IN ('anonymous', 'vague')) AS hedged,
       count(DISTINCT CASE WHEN v.rating IN ('true', 'mostly-true') THEN t.claim_id END) AS rated_true,
       count(DISTINCT CASE WHEN v.rating = 'mixed' THEN t.claim_id END) AS rated_mixed,
       count(DISTINCT CASE WHEN v.rating IN ('false', 'mostly-false') THEN t.claim_id END) AS rated_false,
       count(DISTINCT CASE WHEN v.rating IS NULL THEN t.claim_id END) AS unrated
FROM sources s
LEFT JOIN citations t ON t.source_id = s.id
LEFT JOIN latest_verdicts v ON v.claim_id = t.claim_id
GROUP BY s.id
ORDER BY claims DESC, s.name";

/// Published reviews whose rating's words are not on claimtrack's scale.
const UNMAPPED: &str = "SELECT r.id AS review_id, r.claim_id, c.text AS claim_text, r.rating_words,
       r.rating_value, r.best_rating, r.url
FROM reviews r JOIN claims c ON c.id = r.claim_id
WHERE r.verdict_id IS NULL AND (r.rating_words IS NOT NULL OR r.rating_value IS NOT NULL)
ORDER BY r.claim_id, r.id";

/// The metadata for a ledger Datasette serves as `database` (the file name without `.db`).
pub fn metadata(database: &str) -> Value {
    json!({
        "title": "claimtrack ledger",
        "description": "Claims, the sources they are attributed to, where they appeared, links, verdicts and published reviews, kept by claimtrack. Flags are computed views.",
        "databases": {
            database: {
                "tables": {
                    "claims": {
                        "description": "One checkable statement each, in canonical wording.",
                        "facets": ["status"],
                        "columns": {
                            "text": "The statement, in canonical wording.",
                            "status": "active, or retracted (logged in error).",
                            "retract_reason": "Why it was retracted.",
                            "imported_from": "The file and row an import took it from.",
                            "title": "The text again: the column Datasette labels claims by where no metadata is given."
                        }
                    },
                    "sources": {
                        "description": "Who statements are attributed to.",
                        "label_column": "name",
                        "facets": ["kind"],
                        "columns": {"kind": "outlet, person, agency, government, organization, document or anonymous."}
                    },
                    "articles": {
                        "description": "Published reports, broadcasts, posts and recordings that carry claims.",
                        "label_column": "title",
                        "facets": ["medium", "publisher_id"],
                        "columns": {
                            "medium": "article, broadcast, video, audio, post, press-release or document.",
                            "published": "Publication date at its precision (year, month or day).",
                            "body_sha256": "SHA-256 of the stored text."
                        }
                    },
                    "citations": {
                        "description": "A claim appearing in an article, attributed to a source.",
                        "facets": ["source_id", "kind", "article_id"],
                        "columns": {
                            "kind": "named, anonymous, vague or unattributed.",
                            "quote": "The verbatim words.",
                            "start_offset": "Where the quote starts in the article's text, in characters.",
                            "start_second": "Where it starts in a recording, in seconds.",
                            "end_second": "Where it ends in a recording, in seconds."
                        }
                    },
                    "links": {
                        "description": "A stance between a claim and another claim or an article.",
                        "facets": ["stance"]
                    },
                    "verdicts": {
                        "description": "Editors' ratings; the newest per claim is in force.",
                        "facets": ["rating", "editor"]
                    },
                    "reviews": {
                        "description": "Published reviews (schema.org ClaimReview): reviewer, URL, date, and the rating's own words and numbers.",
                        "facets": ["reviewer_id", "rating_words"],
                        "columns": {
                            "verdict_id": "The verdict the rating's words map to; empty when they do not map or there is no rating.",
                            "rating_words": "The rating's own words (alternateName), verbatim."
                        }
                    },
                    "changes": {"description": "One row per command that changed the ledger (who, when, which command)."},
                    "events": {"description": "The hash-chained audit log: one row per row touched."},
                    "claim_flags": {
                        "description": "Every flag on every active claim, with the claim's text and the reason claimtrack gives.",
                        "facets": ["flag"]
                    }
                },
                "queries": {
                    "flagged_claims": {
                        "title": "Flagged claims",
                        "description": "Every flag on every active claim, with the reason; give a flag to see one kind.",
                        "sql": FLAGGED
                    },
                    "per_source": {
                        "title": "Per-source report",
                        "description": "Each source's claims and citations, how they were attributed, and the verdicts on them.",
                        "sql": PER_SOURCE
                    },
                    "unmapped_reviews": {
                        "title": "Unmapped ratings",
                        "description": "Published reviews whose rating is not on claimtrack's scale: rate these claims.",
                        "sql": UNMAPPED
                    }
                }
            }
        }
    })
}
