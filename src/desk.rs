//! The desk's rules, pure: its time zone (named zones from `chrono-tz`) and which day it is there, due dates and when one has
//! passed, tag words, and the order of an editor's queue (overdue, then flags, then age).

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

use crate::date::{PartialDate, Precision};
use crate::flags::FlagSet;
use crate::model::Flag;

/// The desk's time zone (the ledger setting `desk.timezone`): the machine's, a named zone of the
/// IANA time zone database, or a fixed offset from UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskZone {
    /// The zone of the machine claimtrack runs on (`TZ`, else the system's), daylight saving included.
    Local,
    /// A named zone (`Africa/Niamey`, `Europe/Paris`), daylight saving included.
    Named(chrono_tz::Tz),
    /// A fixed offset: `UTC`, `+01:00`, `-05:00`.
    Fixed(FixedOffset),
}

impl DeskZone {
    /// `local`, a zone name (`Africa/Niamey`), `UTC` (or `Z`), or an offset `+HH:MM` / `-HH:MM`
    /// (also written `UTC+01:00`).
    pub fn parse(text: &str) -> Result<DeskZone, String> {
        let text = text.trim();
        let bad = || {
            format!(
                "desk.timezone takes `local`, a zone name such as Africa/Niamey, `UTC` or an offset such as +01:00, not {text:?}"
            )
        };
        if text.eq_ignore_ascii_case("local") {
            return Ok(DeskZone::Local);
        }
        if text.contains('/') {
            return text.parse::<chrono_tz::Tz>().map(DeskZone::Named).map_err(|_| bad());
        }
        if text.eq_ignore_ascii_case("utc") || text == "Z" {
            return Ok(DeskZone::Fixed(FixedOffset::east_opt(0).expect("zero is an offset")));
        }
        let offset = text.strip_prefix("UTC").or_else(|| text.strip_prefix("utc")).unwrap_or(text);
        let (sign, rest) = match offset.as_bytes().first() {
            Some(b'+') => (1, &offset[1..]),
            Some(b'-') => (-1, &offset[1..]),
            _ => return Err(bad()),
        };
        let (hours, minutes) = rest.split_once(':').ok_or_else(bad)?;
        let two_digits = |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>());
        let (Some(Ok(hours)), Some(Ok(minutes))) = (two_digits(hours), two_digits(minutes)) else {
            return Err(bad());
        };
        if hours > 14 || minutes > 59 {
            return Err(bad());
        }
        FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).map(DeskZone::Fixed).ok_or_else(bad)
    }

    /// The offset in force at `now`.
    pub fn offset_at(self, now: DateTime<Utc>) -> FixedOffset {
        match self {
            DeskZone::Local => now.with_timezone(&chrono::Local).offset().fix(),
            DeskZone::Named(zone) => now.with_timezone(&zone).offset().fix(),
            DeskZone::Fixed(offset) => offset,
        }
    }

    /// The day it is at the desk at `now`.
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.offset_at(now)).date_naive()
    }

    /// How reports name the zone: `UTC+01:00`, or `Europe/Paris, UTC+02:00`.
    pub fn describe(self, now: DateTime<Utc>) -> String {
        let offset = self.offset_at(now);
        let offset = if offset.local_minus_utc() == 0 { "UTC".to_string() } else { format!("UTC{offset}") };
        match self {
            DeskZone::Named(zone) => format!("{}, {offset}", zone.name()),
            _ => offset,
        }
    }
}

/// A due date as stored (`YYYY-MM-DD`): any spelling `PartialDate` reads, but only a full date.
pub fn parse_due(text: &str) -> Result<String, String> {
    let date = PartialDate::parse(text)?;
    if date.precision() != Precision::Day {
        return Err(format!(
            "a due date is a full date such as 2025-10-01, not {:?} (a {})",
            text.trim(),
            date.precision().as_str()
        ));
    }
    Ok(date.iso())
}

/// How many days past its due date a claim is on `today` (none when not yet past, or unreadable).
pub fn days_overdue(due: &str, today: NaiveDate) -> Option<i64> {
    let due = NaiveDate::parse_from_str(due, "%Y-%m-%d").ok()?;
    let days = (today - due).num_days();
    (days > 0).then_some(days)
}

/// The reason `flags` gives for an overdue claim.
pub fn overdue_reason(due: &str, days: i64, zone: &str) -> String {
    let unit = if days == 1 { "day" } else { "days" };
    format!("due {due}, {days} {unit} ago (desk time {zone}), and not yet published or closed")
}

/// A tag as kept: one word in claimtrack's one normalisation (`Sahel` and `sahel` are one tag).
pub fn tag(text: &str) -> Result<String, String> {
    let key = crate::names::key(text);
    if key.is_empty() {
        return Err("a tag cannot be empty".into());
    }
    if key.contains(|c: char| c.is_whitespace() || c == ',') {
        return Err(format!(
            "a tag is one word (use election-2025, not {:?}); give several tags as separate arguments",
            text.trim()
        ));
    }
    Ok(key)
}

/// What orders a queue, smallest first.
pub type QueueKey = (Reverse<bool>, Reverse<i64>, Reverse<(u8, usize)>, String);

/// What orders a queue: overdue first (the longest overdue first), then the worst flags, then the oldest claim.
pub fn queue_key(days_overdue: Option<i64>, flags: &[Flag], created_at: &str) -> QueueKey {
    let mut set = FlagSet::default();
    for &flag in flags {
        set.insert(flag);
    }
    (
        Reverse(days_overdue.is_some()),
        Reverse(days_overdue.unwrap_or(0)),
        Reverse(crate::report::urgency(set)),
        created_at.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_parse_and_name_the_day() {
        let now = DateTime::parse_from_rfc3339("2025-10-01T23:30:00Z").unwrap().with_timezone(&Utc);
        let paris = DeskZone::parse("+02:00").unwrap();
        assert_eq!(paris.today(now).to_string(), "2025-10-02");
        assert_eq!(DeskZone::parse("UTC").unwrap().today(now).to_string(), "2025-10-01");
        assert_eq!(DeskZone::parse("UTC-05:00").unwrap().describe(now), "UTC-05:00");
        assert_eq!(DeskZone::parse("local").unwrap(), DeskZone::Local);
        // Daylight saving: Paris is UTC+02:00 in summer, UTC+01:00 in winter.
        let paris = DeskZone::parse("Europe/Paris").unwrap();
        assert_eq!(paris.describe(now), "Europe/Paris, UTC+02:00");
        assert_eq!(paris.today(now).to_string(), "2025-10-02");
        let winter = DateTime::parse_from_rfc3339("2025-12-01T23:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(paris.describe(winter), "Europe/Paris, UTC+01:00");
        assert_eq!(paris.today(winter).to_string(), "2025-12-02");
        assert_eq!(DeskZone::parse("Africa/Niamey").unwrap().describe(now), "Africa/Niamey, UTC+01:00");
        for bad in ["Europe/Atlantis", "Paris", "+1", "+15:00", "+01:60", "", "01:00"] {
            assert!(DeskZone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn due_dates_are_full_dates_and_pass_the_day_after() {
        assert_eq!(parse_due("1 October 2025").unwrap(), "2025-10-01");
        assert!(parse_due("October 2025").unwrap_err().contains("full date"));
        assert!(parse_due("2025-02-30").is_err());
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(days_overdue("2025-10-01", day("2025-10-01")), None);
        assert_eq!(days_overdue("2025-10-01", day("2025-10-03")), Some(2));
    }

    #[test]
    fn tags_are_one_normalised_word() {
        assert_eq!(tag(" Sahel ").unwrap(), "sahel");
        assert!(tag("two words").is_err());
        assert!(tag("a,b").is_err());
        assert!(tag("  ").is_err());
    }

    #[test]
    fn the_queue_puts_overdue_first_then_flags_then_age() {
        let mut items = [
            ("new-flagged", queue_key(None, &[Flag::Conflicted], "2025-09-03T00:00:00Z")),
            ("old-plain", queue_key(None, &[], "2025-09-01T00:00:00Z")),
            ("overdue-1", queue_key(Some(1), &[], "2025-09-05T00:00:00Z")),
            ("overdue-9", queue_key(Some(9), &[], "2025-09-06T00:00:00Z")),
            ("old-flagged", queue_key(None, &[Flag::Conflicted], "2025-09-02T00:00:00Z")),
            ("single", queue_key(None, &[Flag::SingleSource], "2025-08-01T00:00:00Z")),
        ];
        items.sort_by(|a, b| a.1.cmp(&b.1));
        let order: Vec<&str> = items.iter().map(|i| i.0).collect();
        assert_eq!(order, ["overdue-9", "overdue-1", "old-flagged", "new-flagged", "single", "old-plain"]);
    }
}
