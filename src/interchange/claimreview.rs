//! schema.org ClaimReview JSON-LD: reading published reviews into items, and writing
//! the ledger's reviews back out (keys sorted, so two exports diff cleanly).
//!
//! Reading takes a single object, an array, an `@graph` (with `@id`
//! references inside the document followed) or several documents; only
//! `ClaimReview` nodes become items. Nothing is guessed: a rating keeps its
//! own words and numbers, an author known only by URL is named from the URL,
//! and a review without `reviewRating` stays a review without a rating.
//! (Over 400 lines with its tests: reading and writing share the mappings —
//! medium and type, our scale and the rating — so they stay side by side.)

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::documents::Document;
use super::{
    Item, ItemArticle, ItemCitation, ItemRating, ItemReview, ItemSource, Rejected, Scalar, name_from_url, schema_date,
};
use crate::date::PartialDate;
use crate::model::{CitationKind, Medium, Rating, SourceKind};

/// A node's types without the vocabulary prefix (`schema:Claim`, `https://schema.org/Claim` → `Claim`).
fn types(node: &Value) -> Vec<String> {
    let bare = |t: &str| t.rsplit(['/', ':', '#']).next().unwrap_or(t).to_string();
    match node.get("@type") {
        Some(Value::String(t)) => vec![bare(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(bare).collect(),
        _ => Vec::new(),
    }
}

/// A property's value, with a prefix-free key (`schema:url` and `url` are the same).
fn get<'v>(node: &'v Value, key: &str) -> Option<&'v Value> {
    let map = node.as_object()?;
    map.get(key)
        .or_else(|| map.get(&format!("schema:{key}")))
        .or_else(|| map.get(&format!("https://schema.org/{key}")))
        .or_else(|| map.get(&format!("http://schema.org/{key}")))
        .filter(|v| !v.is_null())
}

/// The first value of a property that may be a list.
fn first<'v>(node: &'v Value, key: &str) -> Option<&'v Value> {
    match get(node, key)? {
        Value::Array(items) => items.first(),
        one => Some(one),
    }
}

/// Every value of a property that may be a list.
fn all<'v>(node: &'v Value, key: &str) -> Vec<&'v Value> {
    match get(node, key) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    }
}

/// Text of a property: a string, or a node's `@value`/`name`; trimmed, never empty.
fn text(node: &Value, key: &str) -> Option<String> {
    let value = first(node, key)?;
    let s = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o.get("@value").and_then(Value::as_str)?.to_string(),
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// The nodes of one document, with `@id` references inside it followed.
struct Graph<'v> {
    by_id: HashMap<&'v str, &'v Value>,
}

impl<'v> Graph<'v> {
    fn new(nodes: &[&'v Value]) -> Graph<'v> {
        let mut by_id = HashMap::new();
        for node in nodes {
            collect_ids(node, &mut by_id);
        }
        Graph { by_id }
    }

    /// A node, or the node a bare `{"@id": …}` reference names.
    fn deref(&self, value: &'v Value) -> &'v Value {
        if let Some(map) = value.as_object()
            && map.len() == 1
            && let Some(id) = map.get("@id").and_then(Value::as_str)
        {
            return self.by_id.get(id).copied().unwrap_or(value);
        }
        value
    }
}

fn collect_ids<'v>(value: &'v Value, by_id: &mut HashMap<&'v str, &'v Value>) {
    match value {
        Value::Object(map) => {
            if let Some(id) = map.get("@id").and_then(Value::as_str)
                && map.len() > 1
            {
                by_id.entry(id).or_insert(value);
            }
            map.values().for_each(|v| collect_ids(v, by_id));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, by_id)),
        _ => {}
    }
}

/// The top-level nodes of a document: itself, its array's items, or its `@graph`.
fn nodes(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().flat_map(nodes).collect(),
        Value::Object(map) => match map.get("@graph") {
            Some(graph) => nodes(graph),
            None => vec![value],
        },
        _ => Vec::new(),
    }
}

/// Every ClaimReview in the documents, in order; a review that cannot be read is rejected with its reason.
pub fn read(documents: &[Document]) -> (Vec<Item>, Vec<Rejected>) {
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    for document in documents {
        let top = nodes(&document.value);
        let graph = Graph::new(&top);
        let reviews: Vec<&Value> = top.into_iter().filter(|n| types(n).iter().any(|t| t == "ClaimReview")).collect();
        for (index, node) in reviews.iter().enumerate() {
            let location = match (document.location.as_str(), reviews.len()) {
                ("", 1) => "review 1".to_string(),
                ("", _) => format!("review {}", index + 1),
                (at, 1) => at.to_string(),
                (at, _) => format!("{at}, review {}", index + 1),
            };
            match review(&graph, node, &location) {
                Ok(item) => items.push(item),
                Err(reason) => rejected.push(Rejected { location, reason, raw: Some(node.to_string()) }),
            }
        }
    }
    (items, rejected)
}

fn review(graph: &Graph<'_>, node: &Value, location: &str) -> Result<Item, String> {
    let claim = text(node, "claimReviewed").ok_or("a ClaimReview without claimReviewed (the claim's text)")?;
    let published = text(node, "datePublished");
    if let Some(date) = &published {
        schema_date(date).map_err(|e| format!("datePublished: {e}"))?;
    }
    let reviewer = first(node, "author").map(|a| party(graph.deref(a))).transpose()?.flatten();
    let rating = first(node, "reviewRating").map(|r| rating(graph.deref(r))).transpose()?;
    let mut item = Item {
        location: location.to_string(),
        claim,
        reviews: vec![ItemReview {
            reviewer,
            url: text(node, "url"),
            published,
            rating,
            body: text(node, "reviewBody"),
        }],
        ..Item::default()
    };
    if let Some(reviewed) = first(node, "itemReviewed") {
        item.citations = appearances(graph, graph.deref(reviewed))?;
    }
    Ok(item)
}

/// An author or reviewer: a Person or an Organization, by name, or named from its URL.
fn party(node: &Value) -> Result<Option<ItemSource>, String> {
    if let Value::String(name) = node {
        let name = name.trim();
        return Ok((!name.is_empty()).then(|| ItemSource {
            name: name.into(),
            kind: SourceKind::Organization,
            url: None,
        }));
    }
    let url = text(node, "url").or_else(|| text(node, "@id").filter(|id| id.contains("://")));
    let name = text(node, "name").or_else(|| url.as_deref().and_then(name_from_url));
    let Some(name) = name else {
        return Err("an author with neither a name nor a URL".into());
    };
    let kinds = types(node);
    let kind = if kinds.iter().any(|t| t == "Person") {
        SourceKind::Person
    } else if kinds.iter().any(|t| t == "NewsMediaOrganization") {
        SourceKind::Outlet
    } else if kinds.iter().any(|t| t == "GovernmentOrganization") {
        SourceKind::Government
    } else {
        SourceKind::Organization
    };
    Ok(Some(ItemSource { name, kind, url }))
}

fn rating(node: &Value) -> Result<ItemRating, String> {
    let scalar = |key: &str| first(node, key).and_then(Scalar::from_json);
    let rating = ItemRating {
        words: text(node, "alternateName").or_else(|| text(node, "name")),
        value: scalar("ratingValue"),
        best: scalar("bestRating"),
        worst: scalar("worstRating"),
    };
    if rating == ItemRating::default() {
        return Err("a reviewRating with neither words (alternateName) nor a ratingValue".into());
    }
    Ok(rating)
}

/// Where the reviewed claim appeared: a Claim's appearances, or the reviewed work itself.
fn appearances(graph: &Graph<'_>, item: &Value) -> Result<Vec<ItemCitation>, String> {
    let author = first(item, "author").map(|a| party(graph.deref(a))).transpose()?.flatten();
    let date = text(item, "datePublished").map(|d| schema_date(&d)).transpose()?;
    let cite = |article: ItemArticle, time| ItemCitation {
        kind: if author.is_some() { CitationKind::Named } else { CitationKind::Unattributed },
        source: author.clone(),
        article,
        time,
    };
    if types(item).iter().any(|t| t == "Claim") {
        let mut out = Vec::new();
        let mut works: Vec<&Value> = all(item, "firstAppearance");
        works.extend(all(item, "appearance"));
        for work in works {
            let (mut article, time) = work_article(graph, graph.deref(work))?;
            if article.published.is_none() && out.is_empty() {
                article.published = date;
            }
            let citation = cite(article, time);
            if !out.contains(&citation) {
                out.push(citation);
            }
        }
        if out.is_empty() && author.is_some() {
            // A claim with an author and no appearance: it was said somewhere unnamed.
            let name = author.as_ref().map(|a| a.name.clone()).unwrap_or_default();
            let title = text(item, "name").unwrap_or_else(|| format!("statement by {name}"));
            let article = ItemArticle { title, url: None, published: date, medium: None, publisher: author.clone() };
            out.push(cite(article, None));
        }
        return Ok(out);
    }
    let (mut article, time) = work_article(graph, item)?;
    article.published = article.published.or(date);
    Ok(vec![cite(article, time)])
}

/// A creative work as an article (a clip as the recording it is part of, with its time range).
fn work_article(graph: &Graph<'_>, work: &Value) -> Result<(ItemArticle, Option<(i64, i64)>), String> {
    let kinds = types(work);
    if kinds.iter().any(|t| t == "Clip" || t.ends_with("Clip")) {
        let whole = first(work, "isPartOf").map(|w| graph.deref(w));
        let offset = |key: &str| -> Result<Option<i64>, String> {
            match first(work, key).and_then(Scalar::from_json) {
                None => Ok(None),
                Some(Scalar::Integer(i)) => Ok(Some(i)),
                Some(Scalar::Text(t)) => {
                    crate::timerange::parse_time(&t).map(Some).map_err(|e| format!("the clip's {key}: {e}"))
                }
                Some(Scalar::Real(r)) => Err(format!("the clip's {key} {r} is not a whole number of seconds")),
            }
        };
        let time = match (offset("startOffset")?, offset("endOffset")?) {
            (Some(from), Some(to)) => Some(crate::timerange::TimeRange::new(from, to)?),
            (Some(from), None) => Some(crate::timerange::TimeRange::new(from, from)?),
            _ => None,
        };
        let mut article = match whole {
            Some(whole) => work_article(graph, whole)?.0,
            None => plain_work(work, &kinds)?,
        };
        if article.medium.is_none() {
            article.medium = medium(&kinds);
        }
        if article.published.is_none() {
            article.published = text(work, "datePublished").map(|d| schema_date(&d)).transpose()?;
        }
        return Ok((article, time.map(|t| (t.from, t.to))));
    }
    Ok((plain_work(work, &kinds)?, None))
}

fn plain_work(work: &Value, kinds: &[String]) -> Result<ItemArticle, String> {
    let url = match work {
        Value::String(url) => Some(url.trim().to_string()),
        _ => text(work, "url"),
    };
    let title = text(work, "headline")
        .or_else(|| text(work, "name"))
        .or_else(|| url.clone())
        .ok_or("an appearance with neither a URL nor a name")?;
    let publisher = first(work, "publisher").map(party).transpose()?.flatten();
    Ok(ItemArticle {
        title,
        url,
        published: text(work, "datePublished").map(|d| schema_date(&d)).transpose()?,
        medium: medium(kinds),
        publisher,
    })
}

/// The medium a schema.org type names; a bare `CreativeWork` says nothing.
pub fn medium(kinds: &[String]) -> Option<Medium> {
    kinds.iter().find_map(|t| {
        Some(match t.as_str() {
            "VideoObject" | "Movie" | "VideoGameClip" | "MovieClip" | "Clip" => Medium::Video,
            "AudioObject" | "PodcastEpisode" | "RadioClip" | "Audiobook" => Medium::Audio,
            "TVEpisode" | "TVClip" | "RadioEpisode" | "Episode" | "BroadcastEvent" => Medium::Broadcast,
            "SocialMediaPosting" | "BlogPosting" | "DiscussionForumPosting" | "Comment" => Medium::Post,
            "Article" | "NewsArticle" | "ReportageNewsArticle" | "AnalysisNewsArticle" | "WebPage" => Medium::Article,
            "Report" | "DigitalDocument" | "Legislation" | "Letter" => Medium::Document,
            _ => return None,
        })
    })
}

/// The schema.org type an appearance of each medium is written as.
pub fn medium_type(medium: Option<Medium>) -> &'static str {
    match medium {
        Some(Medium::Article) => "Article",
        Some(Medium::Video) => "VideoObject",
        Some(Medium::Audio) => "AudioObject",
        Some(Medium::Post) => "SocialMediaPosting",
        Some(Medium::Document) => "DigitalDocument",
        Some(Medium::Broadcast | Medium::PressRelease) | None => "CreativeWork",
    }
}

/// Our scale as ClaimReview numbers (1 worst, 5 best) and words. `unproven` and
/// `misattributed` are not points on a true–false line, so they carry words only.
pub fn scale(rating: Rating) -> (&'static str, Option<i64>) {
    match rating {
        Rating::True => ("True", Some(5)),
        Rating::MostlyTrue => ("Mostly true", Some(4)),
        Rating::Mixed => ("Mixed", Some(3)),
        Rating::MostlyFalse => ("Mostly false", Some(2)),
        Rating::False => ("False", Some(1)),
        Rating::Unproven => ("Unproven", None),
        Rating::Misattributed => ("Misattributed", None),
    }
}

/// One review of a claim as the ledger holds it, ready to be written out.
#[derive(Clone, Debug)]
pub struct PublishedReview {
    /// The claim's id in the ledger (not written out).
    pub claim_id: crate::model::ClaimId,
    pub claim: String,
    pub reviewer: Option<ItemSource>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// The rating as published (imported reviews), verbatim.
    pub rating: Option<ItemRating>,
    /// The verdict on our scale, when there is one.
    pub verdict: Option<Rating>,
    pub body: Option<String>,
    /// The claim's attributed source (of its first appearance that names one).
    pub claim_author: Option<ItemSource>,
    /// Where the claim appeared, first appearance first.
    pub appearances: Vec<ItemCitation>,
}

fn party_json(source: &ItemSource) -> Value {
    let mut map = Map::new();
    let kind = if source.kind == SourceKind::Person { "Person" } else { "Organization" };
    map.insert("@type".into(), kind.into());
    map.insert("name".into(), source.name.clone().into());
    if let Some(url) = &source.url {
        map.insert("url".into(), url.clone().into());
    }
    Value::Object(map)
}

fn work_json(citation: &ItemCitation) -> Value {
    let article = &citation.article;
    let mut work = Map::new();
    work.insert("@type".into(), medium_type(article.medium).into());
    work.insert("name".into(), article.title.clone().into());
    if let Some(url) = &article.url {
        work.insert("url".into(), url.clone().into());
    }
    if let Some(date) = &article.published {
        work.insert("datePublished".into(), date.iso().into());
    }
    if let Some(publisher) = &article.publisher {
        work.insert("publisher".into(), party_json(publisher));
    }
    match citation.time {
        Some((from, to)) => json!({
            "@type": "Clip",
            "startOffset": from,
            "endOffset": to,
            "isPartOf": Value::Object(work),
        }),
        None => Value::Object(work),
    }
}

fn rating_json(review: &PublishedReview) -> Option<Value> {
    let mut map = Map::new();
    map.insert("@type".into(), "Rating".into());
    if let Some(rating) = &review.rating {
        let mut put = |key: &str, value: &Option<Scalar>| {
            if let Some(v) = value {
                map.insert(key.into(), v.to_json());
            }
        };
        put("ratingValue", &rating.value);
        put("bestRating", &rating.best);
        put("worstRating", &rating.worst);
        if let Some(words) = &rating.words {
            map.insert("alternateName".into(), words.clone().into());
        }
    } else {
        let (words, value) = scale(review.verdict?);
        map.insert("alternateName".into(), words.into());
        if let Some(value) = value {
            map.insert("ratingValue".into(), value.into());
            map.insert("bestRating".into(), 5.into());
            map.insert("worstRating".into(), 1.into());
        }
    }
    Some(Value::Object(map))
}

/// One ClaimReview object.
pub fn to_json(review: &PublishedReview) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), "https://schema.org".into());
    out.insert("@type".into(), "ClaimReview".into());
    out.insert("claimReviewed".into(), review.claim.clone().into());
    if let Some(reviewer) = &review.reviewer {
        out.insert("author".into(), party_json(reviewer));
    }
    if let Some(url) = &review.url {
        out.insert("url".into(), url.clone().into());
    }
    if let Some(date) = &review.published {
        out.insert("datePublished".into(), date.clone().into());
    }
    if let Some(body) = &review.body {
        out.insert("reviewBody".into(), body.clone().into());
    }
    if let Some(rating) = rating_json(review) {
        out.insert("reviewRating".into(), rating);
    }
    let mut claim = Map::new();
    claim.insert("@type".into(), "Claim".into());
    if let Some(author) = &review.claim_author {
        claim.insert("author".into(), party_json(author));
    }
    if let Some(first) = review.appearances.first() {
        if let Some(date) = first.article.published.as_ref().map(PartialDate::iso) {
            claim.insert("datePublished".into(), date.into());
        }
        claim.insert("firstAppearance".into(), work_json(first));
        claim.insert("appearance".into(), Value::Array(review.appearances.iter().map(work_json).collect()));
    }
    out.insert("itemReviewed".into(), Value::Object(claim));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::documents;

    fn items(text: &str) -> Vec<Item> {
        let (items, rejected) = read(&documents::read(text).unwrap());
        assert!(rejected.is_empty(), "{rejected:?}");
        items
    }

    #[test]
    fn graph_nodes_and_references_are_followed() {
        let text = r##"{"@context": "https://schema.org", "@graph": [
            {"@id": "#org", "@type": "Organization", "name": "Desk", "url": "https://desk.example/"},
            {"@type": "schema:ClaimReview", "claimReviewed": "X did Y", "author": {"@id": "#org"},
             "reviewRating": {"@type": "Rating", "alternateName": "Mostly False"},
             "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "X"},
                              "appearance": [{"@type": "NewsArticle", "url": "https://news.example/1", "headline": "Y"}]}}
        ]}"##;
        let item = &items(text)[0];
        assert_eq!(item.reviews[0].reviewer.as_ref().unwrap().name, "Desk");
        assert_eq!(item.reviews[0].mapped(), Some(Rating::MostlyFalse));
        assert_eq!(item.citations[0].article.medium, Some(Medium::Article));
        assert_eq!(item.citations[0].source.as_ref().unwrap().kind, SourceKind::Person);
    }

    #[test]
    fn a_review_without_its_claim_is_rejected() {
        let (items, rejected) = read(&documents::read(r#"[{"@type": "ClaimReview"}, {"@type": "WebPage"}]"#).unwrap());
        assert!(items.is_empty());
        assert_eq!(rejected.len(), 1);
        assert!(rejected[0].reason.contains("claimReviewed"));
    }
}
