//! Rows in, items out: CSV, TSV and JSON Lines with a column mapping (`--map text=statement,…`).
//! The real-archive presets (LIAR, AVeriTeC) live in `presets.rs`.
//!
//! Each row becomes one item or one rejection naming the row, the column
//! and the reason; a header or mapping that does not fit fails the whole file.

use std::collections::BTreeMap;

use serde_json::Value;

use super::documents::{self, without_bom};
use super::{Item, ItemArticle, ItemCitation, ItemRating, ItemReview, ItemSource, Rejected};
use crate::date::PartialDate;
use crate::model::{CitationKind, Medium, SourceKind};

/// The fields a row can fill, and what each means (`--map FIELD=COLUMN`).
pub const FIELDS: &[(&str, &str)] = &[
    ("text", "the claim's text (required)"),
    ("source", "who it is attributed to"),
    ("source_kind", "the source's kind (outlet, person, …); person when not given"),
    ("article", "where it appeared: a title or description"),
    ("url", "where it appeared: a URL"),
    ("date", "when that appearance was published"),
    ("medium", "that appearance's medium (article, broadcast, video, …)"),
    ("publisher", "who published that appearance"),
    ("rating", "a review's rating, in its own words"),
    ("reviewer", "who reviewed it"),
    ("review_url", "the review's URL"),
    ("review_date", "when the review was published"),
];

/// Which field reads which column: a column name, or a 1-based column number for files without a header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub fields: BTreeMap<String, String>,
}

impl Mapping {
    /// Parses `text=statement,source=speaker`.
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let mut fields = BTreeMap::new();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) =
                pair.split_once('=').ok_or_else(|| format!("--map takes FIELD=COLUMN pairs, not {pair:?}"))?;
            let field = field.trim();
            if !FIELDS.iter().any(|(f, _)| *f == field) {
                let names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                return Err(format!("--map: no field {field:?}; the fields are {}", names.join(", ")));
            }
            if fields.insert(field.to_string(), column.trim().to_string()).is_some() {
                return Err(format!("--map names {field} twice"));
            }
        }
        if !fields.contains_key("text") {
            return Err("--map must say which column holds the claim's text (text=COLUMN)".into());
        }
        Ok(Mapping { fields })
    }

    /// Every field read from the column of the same name.
    pub fn identity() -> Mapping {
        Mapping { fields: FIELDS.iter().map(|(f, _)| (f.to_string(), f.to_string())).collect() }
    }
}

/// One row's cells by field, with its location and raw text.
struct Row<'a> {
    location: String,
    cells: BTreeMap<&'a str, String>,
}

impl Row<'_> {
    fn get(&self, field: &str) -> Option<&str> {
        self.cells.get(field).map(|s| s.trim()).filter(|s| !s.is_empty())
    }
}

/// Reads delimited text (`,` or tab). With `header`, the first row names the
/// columns; without, columns are numbered from 1.
/// A header or mapping that does not fit the file is an error for the whole file.
pub fn read_delimited(
    text: &str,
    delimiter: u8,
    header: bool,
    mapping: &Mapping,
) -> Result<(Vec<Item>, Vec<Rejected>), String> {
    let text = without_bom(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(header)
        .flexible(false)
        .quoting(delimiter != b'\t')
        .from_reader(text.as_bytes());
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    // Which column index each mapped field reads.
    let mut columns: Vec<(&str, usize)> = Vec::new();
    if header {
        let names = match reader.headers() {
            Ok(names) => names.clone(),
            Err(e) => return Err(format!("the header: {}", csv_reason(&e))),
        };
        for (field, column) in &mapping.fields {
            match names.iter().position(|n| n.trim() == column) {
                Some(i) => columns.push((field.as_str(), i)),
                None if column.parse::<usize>().is_ok_and(|n| n >= 1) => {
                    columns.push((field.as_str(), column.parse::<usize>().unwrap_or(1) - 1))
                }
                // The identity mapping names every field; only a named column must exist.
                None if *mapping != Mapping::identity() || field == "text" => {
                    return Err(format!(
                        "no column {column:?} for {field} (the columns are: {})",
                        names.iter().collect::<Vec<_>>().join(", ")
                    ));
                }
                None => {}
            }
        }
    } else {
        for (field, column) in &mapping.fields {
            match column.parse::<usize>() {
                Ok(n) if n >= 1 => columns.push((field.as_str(), n - 1)),
                _ => {
                    return Err(format!("a file without a header names columns by number (1, 2, …), not {column:?}"));
                }
            }
        }
    }
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::default();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let end = reader.position().byte() as usize;
                let raw = text.get(start..end).map(|r| r.trim_matches(['\r', '\n']).to_string());
                // Counted from the byte offset: csv's own line count misses CRLF line ends.
                let at = record.position().map_or(start, |p| p.byte() as usize);
                let location = format!("line {}", lines.line_of(text, at));
                let mut cells = BTreeMap::new();
                for (field, index) in &columns {
                    if let Some(cell) = record.get(*index) {
                        cells.insert(*field, cell.to_string());
                    }
                }
                match mapped_item(&Row { location: location.clone(), cells }) {
                    Ok(item) => items.push(item),
                    Err(reason) => rejected.push(Rejected { location, reason, raw }),
                }
            }
            Err(e) => {
                let end = reader.position().byte() as usize;
                let raw = text.get(start..end.max(start)).map(|r| r.trim_matches(['\r', '\n']).to_string());
                let at = e.position().map_or(start, |p| p.byte() as usize);
                let location = format!("line {}", lines.line_of(text, at));
                rejected.push(Rejected { location, reason: csv_reason(&e), raw });
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    Ok((items, rejected))
}

/// The 1-based line a byte offset falls on.
/// Line numbers for byte offsets that only move forward, counted as the reader goes.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    /// The 1-based line a byte offset falls on. csv counts a CRLF's `\n` as the
    /// start of the next record, so line ends at `byte` are skipped first.
    fn line_of(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut at = byte.min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at >= self.byte {
            self.newlines += bytes[self.byte..at].iter().filter(|b| **b == b'\n').count();
            self.byte = at;
            self.newlines + 1
        } else {
            bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
        }
    }
}

fn csv_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} columns where the file has {expected_len} (a truncated or mis-delimited row)")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8 text (field {})", err.field() + 1),
        _ => error.to_string(),
    }
}

/// Reads JSON Lines: each line an object whose keys are the mapping's columns.
pub fn read_json_lines(text: &str, mapping: &Mapping) -> Result<(Vec<Item>, Vec<Rejected>), documents::Malformed> {
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    for document in documents::json_lines(text)? {
        let raw = Some(document.value.to_string());
        let Value::Object(object) = &document.value else {
            rejected.push(Rejected { location: document.location, reason: "not a JSON object".into(), raw });
            continue;
        };
        let cells = match json_cells(object, mapping) {
            Ok(cells) => cells,
            Err(reason) => {
                rejected.push(Rejected { location: document.location, reason, raw });
                continue;
            }
        };
        match mapped_item(&Row { location: document.location.clone(), cells }) {
            Ok(item) => items.push(item),
            Err(reason) => rejected.push(Rejected { location: document.location, reason, raw }),
        }
    }
    Ok((items, rejected))
}

/// An object's values by field: text and numbers as text, null as absent, anything else refused.
fn json_cells<'m>(
    object: &serde_json::Map<String, Value>,
    mapping: &'m Mapping,
) -> Result<BTreeMap<&'m str, String>, String> {
    let mut cells = BTreeMap::new();
    for (field, column) in &mapping.fields {
        match object.get(column) {
            Some(Value::String(s)) => {
                cells.insert(field.as_str(), s.clone());
            }
            Some(Value::Number(n)) => {
                cells.insert(field.as_str(), n.to_string());
            }
            Some(Value::Null) | None => {}
            Some(other) => return Err(format!("{column:?} holds {other}, not text")),
        }
    }
    Ok(cells)
}

/// A row's cells as an item, by the generic mapping.
fn mapped_item(row: &Row<'_>) -> Result<Item, String> {
    let text = row.get("text").ok_or("no claim text")?.to_string();
    let date = |field: &str| -> Result<Option<PartialDate>, String> {
        row.get(field).map(|d| super::schema_date(d).map_err(|e| format!("column {field}: {e}"))).transpose()
    };
    let kind = match row.get("source_kind") {
        Some(k) => SourceKind::parse(&k.to_lowercase()).ok_or_else(|| format!("no source kind {k:?}"))?,
        None => SourceKind::Person,
    };
    let source = row.get("source").map(|name| ItemSource { name: name.into(), kind, url: None });
    let medium = row
        .get("medium")
        .map(|m| Medium::parse(&m.to_lowercase()).ok_or_else(|| format!("no medium {m:?}")))
        .transpose()?;
    let url =
        row.get("url").map(|u| crate::address::parse_url(u).map_err(|e| format!("column url: {e}"))).transpose()?;
    let published = date("date")?;
    let publisher =
        row.get("publisher").map(|name| ItemSource { name: name.into(), kind: SourceKind::Outlet, url: None });
    let mut item = Item { location: row.location.clone(), claim: text, ..Item::default() };
    let title = row.get("article").map(String::from).or_else(|| url.clone());
    let title = match (&title, &source) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(s)) => Some(format!("statement by {}", s.name)),
        (None, None) => None,
    };
    if let Some(title) = title {
        let article = ItemArticle { title, url, published, medium, publisher };
        let kind = if source.is_some() { CitationKind::Named } else { CitationKind::Unattributed };
        let kind = if kind == CitationKind::Named && source.as_ref().is_some_and(|s| s.kind == SourceKind::Anonymous) {
            CitationKind::Anonymous
        } else {
            kind
        };
        item.citations.push(ItemCitation { article, source, kind, time: None });
    }
    if row.get("rating").is_some() || row.get("review_url").is_some() {
        let review_date = date("review_date")?;
        item.reviews.push(ItemReview {
            reviewer: row.get("reviewer").map(|n| ItemSource {
                name: n.into(),
                kind: SourceKind::Organization,
                url: None,
            }),
            url: row.get("review_url").map(String::from),
            published: review_date.map(|d| d.iso()),
            rating: row.get("rating").map(|w| ItemRating { words: Some(w.into()), ..ItemRating::default() }),
            body: None,
        });
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_crlf_and_a_bad_date() {
        let text = "\u{feff}statement,speaker,when\r\nThe sky is green,Jane Roe,2024-01-02\r\nWater is dry,John Doe,yesterday\r\n";
        let mapping = Mapping::parse("text=statement,source=speaker,date=when").unwrap();
        let (items, rejected) = read_delimited(text, b',', true, &mapping).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].citations[0].article.published.map(|d| d.iso()).as_deref(), Some("2024-01-02"));
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].location, "line 3");
        assert!(rejected[0].reason.contains("column date"), "{}", rejected[0].reason);
        assert_eq!(rejected[0].raw.as_deref(), Some("Water is dry,John Doe,yesterday"));
    }

    #[test]
    fn csv_wrong_columns_are_named() {
        let mapping = Mapping::parse("text=statement,source=nobody").unwrap();
        let whole = read_delimited("statement\nX\n", b',', true, &mapping).unwrap_err();
        assert!(whole.contains("no column \"nobody\""), "{whole}");
        let mapping = Mapping::parse("text=statement").unwrap();
        let (items, rejected) = read_delimited("statement,b\nX,1\nY\n", b',', true, &mapping).unwrap();
        assert_eq!(items.len(), 1);
        assert!(rejected[0].reason.contains("1 columns where the file has 2"), "{}", rejected[0].reason);
    }
}
