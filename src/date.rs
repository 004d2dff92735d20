//! Publication dates that keep their precision ("2023", "July 2025", "2025-09-22") and UTC timestamps.

use std::fmt;

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

/// How much of a date the editor knew.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "year" => Some(Precision::Year),
            "month" => Some(Precision::Month),
            "day" => Some(Precision::Day),
            _ => None,
        }
    }
}

/// A calendar date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: u32,
    day: u32,
    precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The stored form: `2023`, `2025-07` or `2025-09-22`; sorts chronologically as text.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// Parses what an editor types: `2023`, `2025-07`, `2025-09-22`, `July 2025`,
    /// `Jul 2025`, `22 September 2025`, `September 22, 2025`, `Sept 22nd 2025`.
    pub fn parse(input: &str) -> Result<Self, String> {
        let text = input.trim();
        if text.is_empty() {
            return Err("empty date".into());
        }
        if let Some(date) = Self::parse_iso(text)? {
            return Ok(date);
        }
        Self::parse_words(text)?
            .ok_or_else(|| format!("unrecognised date {input:?} (use 2025-09-22, 2025-07, July 2025 or 2023)"))
    }

    /// Reads the stored form back.
    pub fn from_stored(iso: &str, precision: &str) -> Option<Self> {
        let precision = Precision::parse(precision)?;
        let date = Self::parse_iso(iso).ok()??;
        (date.precision == precision).then_some(date)
    }

    fn parse_iso(text: &str) -> Result<Option<Self>, String> {
        let parts: Vec<&str> = text.split('-').collect();
        if !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return Ok(None);
        }
        let number = |p: &str| p.parse::<u32>().map_err(|_| format!("bad number in {text:?}"));
        match parts.as_slice() {
            [y] if y.len() == 4 => Self::build(number(y)? as i32, 1, 1, Precision::Year).map(Some),
            [y, m] if y.len() == 4 && m.len() <= 2 => {
                Self::build(number(y)? as i32, number(m)?, 1, Precision::Month).map(Some)
            }
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                Self::build(number(y)? as i32, number(m)?, number(d)?, Precision::Day).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// `Ok(None)` when the words are not a date; an error when they are one that cannot be (29 February 2025).
    fn parse_words(text: &str) -> Result<Option<Self>, String> {
        let cleaned = text.replace(',', " ");
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        let month = |w: &str| -> Option<u32> {
            let w = w.trim_end_matches('.').to_ascii_lowercase();
            if w.len() < 3 {
                return None;
            }
            MONTHS
                .iter()
                .position(|m| {
                    let m = m.to_ascii_lowercase();
                    m == w || (m.starts_with(&w) && w.len() <= 4)
                })
                .map(|i| i as u32 + 1)
        };
        let day = |w: &str| -> Option<u32> {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !matches!(suffix.to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            (!digits.is_empty() && digits.len() <= 2).then(|| digits.parse().ok())?
        };
        let year = |w: &str| -> Option<i32> {
            (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
        };
        let parts = match words.as_slice() {
            [m, y] => (|| Some((year(y)?, month(m)?, 1, Precision::Month)))(),
            [d, m, y] if day(d).is_some() => (|| Some((year(y)?, month(m)?, day(d)?, Precision::Day)))(),
            [m, d, y] => (|| Some((year(y)?, month(m)?, day(d)?, Precision::Day)))(),
            _ => None,
        };
        match parts {
            Some((y, m, d, precision)) => Self::build(y, m, d, precision).map(Some),
            None => Ok(None),
        }
    }

    fn build(year: i32, month: u32, day: u32, precision: Precision) -> Result<Self, String> {
        if year < 1 {
            return Err(format!("no year {year}: years start at 1"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("no month {month} in a year"));
        }
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(format!("no day {day} in {} {year}", MONTHS[month as usize - 1]));
        }
        Ok(PartialDate { year, month, day, precision })
    }

    /// The first day the date could be, as `YYYY-MM-DD`.
    pub fn earliest_day(&self) -> String {
        self.earliest().format("%Y-%m-%d").to_string()
    }

    /// The last day the date could be, as `YYYY-MM-DD` ("July 2025" ends on the 31st).
    pub fn latest_day(&self) -> String {
        let last = match self.precision {
            Precision::Day => self.earliest(),
            Precision::Month => {
                let (y, m) = if self.month == 12 { (self.year + 1, 1) } else { (self.year, self.month + 1) };
                NaiveDate::from_ymd_opt(y, m, 1).expect("valid month").pred_opt().expect("not the first day ever")
            }
            Precision::Year => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid year"),
        };
        last.format("%Y-%m-%d").to_string()
    }

    /// The first day the date could be, for age arithmetic.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day).expect("validated on build")
    }
}

impl fmt::Display for PartialDate {
    /// Shown at the precision it was given: `2023`, `July 2025`, `22 September 2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS[self.month as usize - 1];
        match self.precision {
            // Four digits at least, so that year 1 reads back as a year and not a day.
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{month} {:04}", self.year),
            Precision::Day => write!(f, "{} {month} {:04}", self.day, self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("PartialDate", 3)?;
        s.serialize_field("date", &self.iso())?;
        s.serialize_field("precision", &self.precision)?;
        s.serialize_field("display", &self.to_string())?;
        s.end()
    }
}

/// A UTC instant in the stored form `2025-09-22T10:04:00Z`.
pub fn timestamp(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Now, or the instant `CLAIMTRACK_NOW` names (RFC 3339) for reproducible runs.
pub fn now() -> Result<chrono::DateTime<Utc>, String> {
    match std::env::var("CLAIMTRACK_NOW") {
        Ok(text) => chrono::DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| format!("CLAIMTRACK_NOW {text:?} is not an RFC 3339 time: {e}")),
        Err(_) => Ok(Utc::now()),
    }
}

/// Parses a stored timestamp; `None` when someone wrote junk into the file by hand.
pub fn parse_timestamp(text: &str) -> Option<chrono::DateTime<Utc>> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(input: &str) -> String {
        PartialDate::parse(input).map(|d| format!("{} {} {}", d.iso(), d.precision().as_str(), d)).unwrap()
    }

    #[test]
    fn keeps_the_precision_it_was_given() {
        assert_eq!(shown("2023"), "2023 year 2023");
        assert_eq!(shown("July 2025"), "2025-07 month July 2025");
        assert_eq!(shown("2025-07"), "2025-07 month July 2025");
        assert_eq!(shown("2025-09-22"), "2025-09-22 day 22 September 2025");
        assert_eq!(shown("September 22nd, 2025"), "2025-09-22 day 22 September 2025");
        assert_eq!(shown("22 Sept 2025"), "2025-09-22 day 22 September 2025");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2025-02-30").unwrap_err().contains("no day 30 in February 2025"));
        assert!(PartialDate::parse("2025-13").unwrap_err().contains("no month 13"));
        assert!(PartialDate::parse("yesterday").is_err());
        assert!(PartialDate::parse("Smarch 2025").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn impossible_dates_in_words_say_why_as_iso_ones_do() {
        for input in ["Feb 29, 2025", "29 February 2025", "February 29th 2025", "2025-02-29"] {
            let err = PartialDate::parse(input).unwrap_err();
            assert!(err.contains("no day 29 in February 2025"), "{input}: {err}");
        }
        assert_eq!(shown("Feb 29, 2024"), "2024-02-29 day 29 February 2024");
    }

    #[test]
    fn there_is_no_year_zero() {
        for input in ["0000", "0000-01", "0000-01-01", "January 0000"] {
            let err = PartialDate::parse(input).unwrap_err();
            assert!(err.contains("no year 0"), "{input}: {err}");
        }
        assert_eq!(shown("0001"), "0001 year 0001");
    }

    #[test]
    fn partial_dates_span_their_whole_period() {
        let d = PartialDate::parse("February 2024").unwrap();
        assert_eq!((d.earliest_day(), d.latest_day()), ("2024-02-01".into(), "2024-02-29".into()));
        let y = PartialDate::parse("2023").unwrap();
        assert_eq!((y.earliest_day(), y.latest_day()), ("2023-01-01".into(), "2023-12-31".into()));
    }

    #[test]
    fn stored_form_round_trips() {
        let d = PartialDate::parse("July 2025").unwrap();
        assert_eq!(PartialDate::from_stored(&d.iso(), "month"), Some(d));
        assert_eq!(PartialDate::from_stored(&d.iso(), "day"), None);
    }
}
