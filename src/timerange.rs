//! A place in a recording: `00:12:05-00:12:40`, `12:05-12:40` or `725-760` (seconds), parsed and shown.

use std::fmt;

/// From and to, in whole seconds from the start of the recording; `to` is not before `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRange {
    pub from: i64,
    pub to: i64,
}

/// The longest recording a range may point into: 100 hours.
const MAX_SECONDS: i64 = 100 * 3600;

impl TimeRange {
    /// Parses `FROM-TO`, each `H:MM:SS`, `M:SS` or plain seconds.
    pub fn parse(text: &str) -> Result<TimeRange, String> {
        let text = text.trim();
        let (from, to) = text
            .split_once('-')
            .ok_or_else(|| format!("{text:?} is not a time range: write FROM-TO, e.g. 00:12:05-00:12:40"))?;
        let from = parse_time(from.trim())?;
        let to = parse_time(to.trim())?;
        TimeRange::new(from, to)
    }

    pub fn new(from: i64, to: i64) -> Result<TimeRange, String> {
        if !(0..=MAX_SECONDS).contains(&from) || !(0..=MAX_SECONDS).contains(&to) {
            return Err(format!("a time in a recording must be between 0 and {MAX_SECONDS} seconds"));
        }
        if to < from {
            return Err(format!("the time range ends ({}) before it starts ({})", clock(to), clock(from)));
        }
        Ok(TimeRange { from, to })
    }
}

/// One point in time: `H:MM:SS`, `M:SS` or seconds.
pub fn parse_time(text: &str) -> Result<i64, String> {
    let bad = || format!("{text:?} is not a time: write H:MM:SS, M:SS or whole seconds");
    if text.is_empty() {
        return Err(bad());
    }
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let numbers: Vec<i64> = parts.iter().map(|p| p.parse::<i64>().map_err(|_| bad())).collect::<Result<_, _>>()?;
    // Minutes and seconds after the first part stay below 60.
    if numbers.iter().skip(1).any(|n| *n >= 60) {
        return Err(bad());
    }
    Ok(numbers.iter().fold(0, |total, n| total * 60 + n))
}

/// Seconds as `H:MM:SS`.
pub fn clock(seconds: i64) -> String {
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", clock(self.from), clock(self.to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clock_and_seconds() {
        assert_eq!(TimeRange::parse("00:12:05-00:12:40"), Ok(TimeRange { from: 725, to: 760 }));
        assert_eq!(TimeRange::parse("12:05-12:40"), Ok(TimeRange { from: 725, to: 760 }));
        assert_eq!(TimeRange::parse("350-370"), Ok(TimeRange { from: 350, to: 370 }));
        assert_eq!(TimeRange::parse("00:12:05-00:12:40").unwrap().to_string(), "00:12:05-00:12:40");
    }

    #[test]
    fn refuses_what_is_not_a_range() {
        for bad in ["", "12:05", "1:60-2:00", "a-b", "10-5", "-5", "1:2:3:4-5", "1.5-2"] {
            assert!(TimeRange::parse(bad).is_err(), "{bad:?} parsed");
        }
    }
}
