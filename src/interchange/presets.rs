//! The two real-archive presets: LIAR (PolitiFact TSV) and AVeriTeC (JSON claims with
//! question/answer evidence), each turned into items by the rules the README lists
//! ("Presets: LIAR and AVeriTeC") and the tests below check. (Over 400 lines with
//! those tests, which sit beside the rules they check.)

use serde_json::Value;

use super::documents::{self, without_bom};
use super::{Item, ItemArticle, ItemCitation, ItemLink, ItemRating, ItemReview, ItemSource, Rejected, name_from_url};
use crate::date::PartialDate;
use crate::model::{CitationKind, Medium, SourceKind, Stance};

// ---------------------------------------------------------------------------
// LIAR: id, label, statement, subjects, speaker, job, state, party, 5 counts, context.
// ---------------------------------------------------------------------------

/// LIAR's columns (a TSV without a header).
const LIAR_COLUMNS: usize = 14;

/// Reads LIAR TSV rows. Label → a PolitiFact review with the label's words;
/// speaker → source (kind by [`speaker_kind`]); context → the appearance and its medium.
pub fn read_liar(text: &str) -> (Vec<Item>, Vec<Rejected>) {
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    for (index, line) in without_bom(text).lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let location = format!("line {}", index + 1);
        let cells: Vec<&str> = line.split('\t').collect();
        let reject = |reason: String| Rejected { location: location.clone(), reason, raw: Some(line.to_string()) };
        if cells.len() != LIAR_COLUMNS {
            rejected.push(reject(format!(
                "{} columns where LIAR has {LIAR_COLUMNS} (a truncated row, or not a LIAR file)",
                cells.len()
            )));
            continue;
        }
        match liar_item(&cells, &location) {
            Ok(item) => items.push(item),
            Err(reason) => rejected.push(reject(reason)),
        }
    }
    (items, rejected)
}

/// LIAR's six labels, exactly as the files spell them.
const LIAR_LABELS: [&str; 6] = ["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"];

fn liar_item(cells: &[&str], location: &str) -> Result<Item, String> {
    let label = cells[1].trim();
    if !LIAR_LABELS.contains(&label) {
        return Err(format!("column 2: {label:?} is not a LIAR label ({})", LIAR_LABELS.join(", ")));
    }
    let statement = cells[2].trim();
    if statement.is_empty() {
        return Err("column 3: no statement".into());
    }
    let speaker = cells[4].trim();
    let source = (!speaker.is_empty()).then(|| {
        let name = speaker_name(speaker);
        ItemSource { kind: speaker_kind(&name, cells[7].trim()), name, url: None }
    });
    let context = cells[13].trim().trim_end_matches('.').trim();
    let mut item = Item { location: location.into(), claim: statement.into(), ..Item::default() };
    if let Some(source) = &source {
        let title = if context.is_empty() { format!("statement by {}", source.name) } else { context.to_string() };
        let kind = if source.kind == SourceKind::Anonymous { CitationKind::Anonymous } else { CitationKind::Named };
        item.citations.push(ItemCitation {
            article: ItemArticle {
                title,
                url: None,
                published: None,
                medium: context_medium(context),
                publisher: Some(source.clone()),
            },
            source: Some(source.clone()),
            kind,
            time: None,
        });
    }
    item.reviews.push(ItemReview {
        reviewer: Some(politifact()),
        url: None,
        published: None,
        rating: Some(ItemRating { words: Some(label.into()), ..ItemRating::default() }),
        body: None,
    });
    Ok(item)
}

fn politifact() -> ItemSource {
    ItemSource { name: "PolitiFact".into(), kind: SourceKind::Outlet, url: Some("https://www.politifact.com/".into()) }
}

/// A LIAR speaker slug as a name: `barack-obama` → `Barack Obama`.
pub fn speaker_name(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that mark circulating content with no known author ("chain email", "viral image"):
/// such a speaker is an anonymous source, not a person.
const CIRCULATING: &[&str] = &[
    "email", "e-mail", "image", "images", "meme", "memes", "posts", "post", "posting", "tweet", "tweets", "video",
    "videos", "blog", "bloggers", "website", "websites", "message", "messages", "rumor", "rumors", "letter",
];

/// Words that mark an organisation ("Republican Party of Texas", "Club for Growth").
const ORGANISATION: &[&str] = &[
    "party",
    "committee",
    "council",
    "association",
    "pac",
    "group",
    "campaign",
    "foundation",
    "institute",
    "union",
    "coalition",
    "center",
    "league",
    "club",
    "inc",
    "corporation",
    "company",
    "network",
    "news",
    "times",
    "post",
    "department",
    "administration",
    "congress",
    "senate",
    "chamber",
    "agency",
    "caucus",
];

/// The rule for a speaker's kind: LIAR's party column "organization", or a
/// name with an organisation word, is an organisation; a name with a word for
/// circulating content (checked first) is anonymous; everyone else is a person.
pub fn speaker_kind(name: &str, party: &str) -> SourceKind {
    let words: Vec<String> = name.to_lowercase().split_whitespace().map(String::from).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(CIRCULATING) && !party.eq_ignore_ascii_case("organization") {
        SourceKind::Anonymous
    } else if party.eq_ignore_ascii_case("organization") || has(ORGANISATION) {
        SourceKind::Organization
    } else {
        SourceKind::Person
    }
}

/// The medium a LIAR context describes ("a TV ad" → broadcast); the first rule whose word appears wins.
pub fn context_medium(context: &str) -> Option<Medium> {
    let lower = context.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w) || (w.contains(' ') && lower.contains(w)));
    let rules: &[(&[&str], Medium)] = &[
        (&["tweet", "twitter", "facebook", "instagram", "social media", "post", "posting"], Medium::Post),
        (&["press release", "news release", "statement"], Medium::PressRelease),
        (&["video", "youtube"], Medium::Video),
        (&["podcast", "robocall", "audio"], Medium::Audio),
        (
            &["tv", "television", "radio", "broadcast", "debate", "show", "interview", "speech", "ad", "commercial"],
            Medium::Broadcast,
        ),
        (
            &[
                "mailer",
                "flier",
                "flyer",
                "letter",
                "brochure",
                "report",
                "email",
                "mail",
                "newsletter",
                "op",
                "editorial",
                "column",
                "book",
                "memo",
                "survey",
                "document",
            ],
            Medium::Document,
        ),
        (&["article", "blog", "website", "web", "story", "newspaper", "news"], Medium::Article),
    ];
    rules.iter().find(|(list, _)| has(list)).map(|(_, m)| *m)
}

// ---------------------------------------------------------------------------
// AVeriTeC: a JSON array of claims with a label and question/answer evidence.
// ---------------------------------------------------------------------------

/// Reads AVeriTeC JSON (see the README for the rules).
pub fn read_averitec(text: &str) -> Result<(Vec<Item>, Vec<Rejected>), documents::Malformed> {
    let value: Value = serde_json::from_str(without_bom(text)).map_err(|e| {
        let message = e.to_string();
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_string();
        documents::Malformed { line: e.line(), column: e.column(), message }
    })?;
    let Value::Array(claims) = value else {
        return Err(documents::Malformed { line: 1, column: 1, message: "AVeriTeC is a JSON array of claims".into() });
    };
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let location = format!("claim {}", index + 1);
        match averitec_item(claim, &location) {
            Ok(item) => items.push(item),
            Err(reason) => rejected.push(Rejected { location, reason, raw: Some(claim.to_string()) }),
        }
    }
    Ok((items, rejected))
}

/// AVeriTeC's four labels.
const AVERITEC_LABELS: [&str; 4] =
    ["Supported", "Refuted", "Not Enough Evidence", "Conflicting Evidence/Cherrypicking"];

/// `31-10-2020` (AVeriTeC's day-month-year), or any date [`PartialDate::parse`] reads.
fn averitec_date(text: &str) -> Result<PartialDate, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
        && d.len() <= 2
    {
        return PartialDate::parse(&format!("{y}-{m:0>2}-{d:0>2}")).map_err(|e| format!("claim_date {text:?}: {e}"));
    }
    PartialDate::parse(text).map_err(|e| format!("claim_date {text:?}: {e}"))
}

fn string(node: &Value, key: &str) -> Option<String> {
    node.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// A fact-checking article's address with a web-archive wrapper removed, for naming its site.
fn unarchived(url: &str) -> &str {
    match url.find("://web.archive.org/web/") {
        Some(_) => url.splitn(6, '/').nth(5).and_then(|rest| rest.find("http").map(|i| &rest[i..])).unwrap_or(url),
        None => url,
    }
}

fn averitec_item(claim: &Value, location: &str) -> Result<Item, String> {
    let text = string(claim, "claim").ok_or("no claim text")?;
    let label = string(claim, "label").ok_or("no label")?;
    if !AVERITEC_LABELS.contains(&label.as_str()) {
        return Err(format!("label {label:?} is not one of AVeriTeC's ({})", AVERITEC_LABELS.join(", ")));
    }
    let date = string(claim, "claim_date").map(|d| averitec_date(&d)).transpose()?;
    let speaker = string(claim, "speaker").map(|name| ItemSource { kind: speaker_kind(&name, ""), name, url: None });
    let reporting = string(claim, "reporting_source");
    let mut item = Item { location: location.into(), claim: text, ..Item::default() };
    let cite = |article: ItemArticle| ItemCitation {
        kind: match &speaker {
            Some(s) if s.kind == SourceKind::Anonymous => CitationKind::Anonymous,
            Some(_) => CitationKind::Named,
            None => CitationKind::Unattributed,
        },
        source: speaker.clone(),
        article,
        time: None,
    };
    let mut notes = Vec::new();
    let mut origin_found = false;
    let questions = claim.get("questions").and_then(Value::as_array).cloned().unwrap_or_default();
    for question in &questions {
        let asked = string(question, "question").unwrap_or_default();
        let about_origin = {
            let q = asked.to_lowercase();
            q.starts_with("where") && q.contains("first")
        };
        for answer in question.get("answers").and_then(Value::as_array).into_iter().flatten() {
            let said = string(answer, "answer").unwrap_or_default();
            let note = format!("Q: {asked} A: {said}");
            let Some(url) = string(answer, "source_url") else {
                notes.push(note);
                continue;
            };
            let url = match crate::address::parse_url(&url) {
                Ok(url) => url,
                Err(_) => {
                    notes.push(format!("{note} (source: {url})"));
                    continue;
                }
            };
            let article = ItemArticle {
                title: url.clone(),
                url: Some(url),
                published: None,
                medium: answer_medium(string(answer, "source_medium").as_deref()),
                publisher: None,
            };
            if about_origin {
                // Where the claim first appeared: a citation there, carrying the claim's date.
                let mut article = article;
                if !origin_found {
                    article.published = date;
                }
                origin_found = true;
                let citation = cite(article);
                if !item.citations.contains(&citation) {
                    item.citations.insert(0, citation);
                }
                continue;
            }
            let stance = match label.as_str() {
                "Supported" => Some(Stance::Corroborates),
                "Refuted" => Some(Stance::Conflicts),
                "Not Enough Evidence" => None,
                _ => match (string(answer, "answer_type").as_deref(), said.to_lowercase().as_str()) {
                    (Some("Boolean"), "yes") => Some(Stance::Corroborates),
                    (Some("Boolean"), "no") => Some(Stance::Conflicts),
                    _ => None,
                },
            };
            let link = ItemLink { stance, article, note: Some(note) };
            if !item.links.iter().any(|l| l.article.url == link.article.url) {
                item.links.push(link);
            }
        }
    }
    if !origin_found {
        let url = string(claim, "original_claim_url").and_then(|u| crate::address::parse_url(&u).ok());
        let title = match (&speaker, &reporting) {
            (Some(s), Some(r)) => format!("{} on {r}", s.name),
            (None, Some(r)) => r.clone(),
            (Some(s), None) => format!("statement by {}", s.name),
            (None, None) => url.clone().unwrap_or_else(|| "unknown appearance".into()),
        };
        let medium = reporting.as_deref().and_then(context_medium).or_else(|| {
            let r = reporting.as_deref().unwrap_or_default().to_lowercase();
            ["facebook", "twitter", "instagram", "tiktok", "youtube", "whatsapp"]
                .iter()
                .any(|p| r.contains(p))
                .then_some(Medium::Post)
        });
        let publisher = reporting.map(|name| ItemSource { name, kind: SourceKind::Outlet, url: None });
        item.citations.insert(0, cite(ItemArticle { title, url, published: date, medium, publisher }));
    }
    let checker = string(claim, "fact_checking_article");
    let mut body: Vec<String> = string(claim, "justification").into_iter().collect();
    body.extend(notes);
    item.reviews.push(ItemReview {
        reviewer: checker.as_deref().map(unarchived).and_then(name_from_url).map(|name| ItemSource {
            url: Some(format!("https://{name}/")),
            name,
            kind: SourceKind::Outlet,
        }),
        url: checker,
        published: None,
        rating: Some(ItemRating { words: Some(label), ..ItemRating::default() }),
        body: (!body.is_empty()).then(|| body.join("\n")),
    });
    Ok(item)
}

fn answer_medium(medium: Option<&str>) -> Option<Medium> {
    match medium? {
        "Web text" | "Web table" => Some(Medium::Article),
        "PDF" => Some(Medium::Document),
        "Video" => Some(Medium::Video),
        "Audio" => Some(Medium::Audio),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liar_rows_map_by_the_documented_rules() {
        let row = "2635.json\tfalse\tSays the Annies List political group supports abortions.\tabortion\tdwayne-bohac\tState representative\tTexas\trepublican\t0\t1\t0\t0\t0\ta mailer\n\
                   1.json\tpants-fire\tObama was born abroad.\tobama\tchain-email\t\t\tnone\t0\t0\t0\t0\t0\tan email.\n";
        let (items, rejected) = read_liar(row);
        assert!(rejected.is_empty(), "{rejected:?}");
        let cite = &items[0].citations[0];
        assert_eq!(cite.source.as_ref().unwrap().name, "Dwayne Bohac");
        assert_eq!(cite.source.as_ref().unwrap().kind, SourceKind::Person);
        assert_eq!(cite.article.title, "a mailer");
        assert_eq!(cite.article.medium, Some(Medium::Document));
        assert_eq!(items[0].reviews[0].mapped(), Some(crate::model::Rating::False));
        let email = &items[1].citations[0];
        assert_eq!(email.source.as_ref().unwrap().kind, SourceKind::Anonymous);
        assert_eq!(email.kind, CitationKind::Anonymous);
        assert_eq!(items[1].reviews[0].mapped(), Some(crate::model::Rating::False));
    }

    #[test]
    fn liar_rejects_short_rows_and_unknown_labels() {
        let (items, rejected) = read_liar("1.json\tfalse\tX\n2.json\tmaybe\tY\ta\tb\tc\td\te\t0\t0\t0\t0\t0\tf\n");
        assert!(items.is_empty());
        assert_eq!(rejected.len(), 2);
        assert!(rejected[0].reason.contains("3 columns"));
        assert!(rejected[1].reason.contains("not a LIAR label"));
    }

    #[test]
    fn kinds_and_media_by_rule() {
        assert_eq!(speaker_kind("Republican Party Of Texas", "republican"), SourceKind::Organization);
        assert_eq!(speaker_kind("Viral Image", "none"), SourceKind::Anonymous);
        assert_eq!(speaker_kind("Club For Growth", "organization"), SourceKind::Organization);
        assert_eq!(speaker_kind("Barack Obama", "democrat"), SourceKind::Person);
        assert_eq!(context_medium("a TV ad"), Some(Medium::Broadcast));
        assert_eq!(context_medium("a tweet"), Some(Medium::Post));
        assert_eq!(context_medium("a press release"), Some(Medium::PressRelease));
        assert_eq!(context_medium("Denver"), None);
    }

    #[test]
    fn averitec_evidence_follows_the_label() {
        let text = r#"[{"claim": "C", "label": "Refuted", "claim_date": "31-10-2020", "speaker": "Jane Roe",
            "reporting_source": "Facebook", "fact_checking_article": "https://web.archive.org/web/2020/https://checkyourfact.com/x",
            "questions": [
              {"question": "Where was the claim first published", "answers": [{"answer": "On a blog", "source_url": "https://blog.example/1"}]},
              {"question": "Did it happen?", "answers": [{"answer": "No", "answer_type": "Boolean", "source_url": "https://news.example/2"},
                                                        {"answer": "Nobody knows", "answer_type": "Abstractive"}]}]}]"#;
        let (items, rejected) = read_averitec(text).unwrap();
        assert!(rejected.is_empty(), "{rejected:?}");
        let item = &items[0];
        assert_eq!(item.citations.len(), 1, "the origin answer replaces the reporting appearance");
        assert_eq!(item.citations[0].article.url.as_deref(), Some("https://blog.example/1"));
        assert_eq!(item.citations[0].article.published.map(|d| d.iso()).as_deref(), Some("2020-10-31"));
        assert_eq!(item.links.len(), 1);
        assert_eq!(item.links[0].stance, Some(Stance::Conflicts));
        let review = &item.reviews[0];
        assert_eq!(review.reviewer.as_ref().unwrap().name, "checkyourfact.com");
        assert!(review.body.as_deref().unwrap().contains("Nobody knows"), "an answer without a URL is a note");
    }

    #[test]
    fn conflicting_evidence_takes_its_stance_from_boolean_answers_only() {
        let text = r#"[{"claim": "C", "label": "Conflicting Evidence/Cherrypicking", "questions": [
            {"question": "Q1", "answers": [{"answer": "Yes", "answer_type": "Boolean", "source_url": "https://a.example/"},
                                          {"answer": "Some", "answer_type": "Extractive", "source_url": "https://b.example/"}]}]}]"#;
        let (items, _) = read_averitec(text).unwrap();
        let stances: Vec<Option<Stance>> = items[0].links.iter().map(|l| l.stance).collect();
        assert_eq!(stances, [Some(Stance::Corroborates), None]);
    }
}
