//! Numbers, quantities and years in claim text, and when two of them disagree (over 400 lines
//! with its tests: the number words, qualifiers and scales are tables, and each rule is tested).
//!
//! A quantity is a number (digits with separators — "1,500", "1.500" —, words —
//! "four", "a thousand", "two dozen" —, a range — "1,000-1,500", "between 3 and 5"
//! —, a percentage), the qualifier before it ("at least", "around", "more than",
//! "up to") and what it counts ("battalions", "troops"). A year is a four-digit
//! number from 1800 to 2100 after "in", "since", "by" … or a month.
//!
//! Tolerance: every quantity is an interval. A bare number is exact; "around",
//! "about", "approximately", "roughly", "some", "an estimated" widen it by 10% each
//! way; "nearly", "almost" mean up to 10% below; "at least", "more than", "over"
//! leave it open above; "at most", "up to", "fewer than", "under" leave it open
//! below. Two quantities of the same thing are compatible when their intervals
//! meet: "around 1000" (900–1,100) is compatible with "1,100", not with "1,500";
//! "at least four" is not compatible with "three".

use serde::Serialize;

use super::text::stem;

/// How a number was qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Exact,
    About,
    Nearly,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::AtLeast => "at-least",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtMost => "at-most",
            Qualifier::LessThan => "less-than",
            Qualifier::Range => "range",
        }
    }
}

/// A number found in a claim, with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// The words as written, qualifier and unit included ("at least four battalions").
    pub text: String,
    pub value: f64,
    /// The upper end of a range; the value again otherwise.
    pub high: f64,
    pub qualifier: Qualifier,
    /// What it counts, stemmed ("battalion", "troop"); "%" for a percentage; empty when nothing follows.
    pub unit: String,
    /// A year ("in 2023"), not a count.
    pub year: bool,
}

impl Quantity {
    /// The interval the quantity allows (see the module's tolerance rule); open ends are infinite,
    /// strict ends are nudged inwards.
    pub fn interval(&self) -> (f64, f64) {
        let (v, h) = (self.value, self.high);
        let nudge = (v.abs() * 1e-6).max(1e-6);
        match self.qualifier {
            Qualifier::Exact => (v, v),
            Qualifier::Range => (v.min(h), v.max(h)),
            Qualifier::About => (v * 0.9, v * 1.1),
            Qualifier::Nearly => (v * 0.9, v),
            Qualifier::AtLeast => (v, f64::INFINITY),
            Qualifier::MoreThan => (v + nudge, f64::INFINITY),
            Qualifier::AtMost => (f64::NEG_INFINITY, v),
            Qualifier::LessThan => (f64::NEG_INFINITY, v - nudge),
        }
    }

    /// Whether two quantities of the same thing can both be true.
    pub fn compatible(&self, other: &Quantity) -> bool {
        let (a0, a1) = self.interval();
        let (b0, b1) = other.interval();
        // A little slack for floating point: 900.0000001 still meets 900.
        a0 <= b1 + 1e-9 && b0 <= a1 + 1e-9
    }
}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("at least", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("up to", Qualifier::AtMost),
    ("close to", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("around", Qualifier::About),
    ("about", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("circa", Qualifier::About),
    ("estimated", Qualifier::About),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("~", Qualifier::About),
];

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALES: &[(&str, f64)] = &[
    ("dozen", 12.0),
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("k", 1e3),
];

/// Month names, in lower case (shared with `text.rs`, which reads dates in posts).
pub(super) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Their short forms, as newsrooms write them.
const MONTH_ABBREVIATIONS: &[&str] =
    &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// Whether a lower-case word names a month, in full or short.
fn is_month(word: &str) -> bool {
    MONTH_NAMES.contains(&word) || MONTH_ABBREVIATIONS.contains(&word)
}

const YEAR_WORDS: &[&str] = &["in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "year"];

/// Words between a number and what it counts that are not the thing counted.
const FILLER: &[&str] = &["of", "the", "more", "additional", "extra", "new", "other", "its", "their"];

/// One token of the text: a word or a number as written, lower-cased.
#[derive(Clone, Debug)]
struct Token {
    text: String,
    /// Byte range in the original text.
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            let mut word = String::new();
            while let Some(&(j, d)) = chars.peek() {
                let joins_number = matches!(d, ',' | '.')
                    && word.chars().last().is_some_and(|l| l.is_ascii_digit())
                    && text[j + d.len_utf8()..].chars().next().is_some_and(|n| n.is_ascii_digit());
                if d.is_alphanumeric() || joins_number {
                    word.extend(d.to_lowercase());
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // "1.5m", "10k", "2bn": split a number from its scale.
            let digits = word.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'));
            match digits {
                Some(at) if at > 0 && SCALES.iter().any(|(s, _)| *s == &word[at..]) => {
                    out.push(Token { text: word[..at].to_string(), start, end: start + at });
                    out.push(Token { text: word[at..].to_string(), start: start + at, end });
                }
                _ => out.push(Token { text: word, start, end }),
            }
        } else {
            let piece = match c {
                '%' => Some("%"),
                '-' | '–' | '—' => Some("-"),
                '~' => Some("~"),
                _ => None,
            };
            if let Some(p) = piece {
                out.push(Token { text: p.to_string(), start: i, end: i + c.len_utf8() });
            }
            chars.next();
        }
    }
    out
}

/// A number written in digits: "1,500" and "1.500" are fifteen hundred, "1.5" and "1,5" one and a half.
fn parse_digits(text: &str) -> Option<f64> {
    if !text.starts_with(|c: char| c.is_ascii_digit())
        || !text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let groups_of_three = |sep: char| {
        let parts: Vec<&str> = text.split(sep).collect();
        parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let plain: String = if text.contains(',') && text.contains('.') {
        // "1,500.5" or "1.500,5": the last separator is the decimal point.
        let last = text.rfind([',', '.'])?;
        let (whole, frac) = text.split_at(last);
        format!("{}.{}", whole.replace([',', '.'], ""), &frac[1..])
    } else if groups_of_three(',') || groups_of_three('.') {
        text.replace([',', '.'], "")
    } else {
        text.replace(',', ".")
    };
    plain.parse().ok()
}

/// A number at `i`: digits, or number words ("twenty-five", "a thousand", "two dozen");
/// returns its value and how many tokens it took.
fn number_at(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.text.as_str());
    let scale = |w: Option<&str>| w.and_then(|w| SCALES.iter().find(|(s, _)| *s == w).map(|(_, v)| *v));
    let mut k = i;
    let mut value = if let Some(v) = word(k).and_then(parse_digits) {
        k += 1;
        v
    } else if word(k) == Some("a") && scale(word(k + 1)).is_some() {
        k += 1;
        1.0
    } else if let Some((_, v)) = word(k).and_then(|w| UNITS.iter().find(|(u, _)| *u == w)) {
        k += 1;
        let mut v = *v;
        // "twenty-five", "twenty five"
        if v >= 20.0 && v % 10.0 == 0.0 {
            let next = if word(k) == Some("-") { k + 1 } else { k };
            if let Some((_, u)) =
                word(next).and_then(|w| UNITS.iter().find(|(u, uv)| *u == w && *uv < 10.0 && *uv > 0.0))
            {
                v += u;
                k = next + 1;
            }
        }
        v
    } else {
        return None;
    };
    // Scales: "1.5 million", "two dozen", "a hundred thousand".
    while let Some(s) = scale(word(k)) {
        // A bare "m" or "k" only scales digits written against it.
        if matches!(word(k), Some("m" | "k" | "mn" | "bn")) && tokens[k].start != tokens[k - 1].end {
            break;
        }
        value *= s;
        k += 1;
    }
    Some((value, k - i))
}

/// The quantities and years a claim states, in the order written.
pub fn extract(text: &str) -> Vec<Quantity> {
    let tokens = tokenize(text);
    let word = |k: usize| tokens.get(k).map(|t| t.text.as_str()).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((value, used)) = number_at(&tokens, i) else {
            i += 1;
            continue;
        };
        // "one" alone is more often a pronoun than a count ("one of the…").
        if word(i) == "one" && used == 1 && matches!(word(i + 1), "of" | "" | "-") {
            i += 1;
            continue;
        }
        let mut start = i;
        let mut end = i + used;
        // Qualifier before: the longest phrase that ends right before the number.
        let mut qualifier = Qualifier::Exact;
        for (phrase, q) in QUALIFIERS {
            let n = phrase.split(' ').count();
            if i >= n && (0..n).all(|j| word(i - n + j) == phrase.split(' ').nth(j).unwrap_or("")) {
                qualifier = *q;
                start = i - n;
                break;
            }
        }
        let mut high = value;
        // Ranges: "1,000-1,500", "1,000 to 1,500", "between 3 and 5".
        let range_word = word(end);
        let ranged =
            matches!(range_word, "-" | "to") || (range_word == "and" && start > 0 && word(start - 1) == "between");
        if ranged
            && let Some((h, used_high)) = number_at(&tokens, end + 1)
            && h > value
        {
            high = h;
            qualifier = Qualifier::Range;
            if range_word == "and" {
                start -= 1;
            }
            end += 1 + used_high;
        }
        let digits_only = tokens[i].text.chars().all(|c| c.is_ascii_digit());
        let after_year_word = i > 0 && (YEAR_WORDS.contains(&word(i - 1)) || is_month(word(i - 1)));
        let year = used == 1
            && digits_only
            && tokens[i].text.len() == 4
            && (1800.0..=2100.0).contains(&value)
            && qualifier == Qualifier::Exact
            && (after_year_word || !word(end).ends_with('s') || word(end).is_empty());
        // What it counts: "%", "percent", or the first word after it that is not filler.
        let mut unit = String::new();
        if !year {
            if word(end) == "%" {
                unit = "%".into();
                end += 1;
            } else if word(end) == "percent" || (word(end) == "per" && word(end + 1) == "cent") {
                unit = "%".into();
                end += if word(end) == "per" { 2 } else { 1 };
            } else {
                let mut k = end;
                let mut seen = 0;
                // Up to two describing words before the noun: "four Turkish battalions", "1,500 elite troops".
                while k < tokens.len() && seen < 3 {
                    let w = word(k);
                    if w.is_empty() || w == "-" || number_at(&tokens, k).is_some() {
                        break;
                    }
                    if FILLER.contains(&w) {
                        k += 1;
                        continue;
                    }
                    let plural = w.ends_with('s') && w.len() > 3;
                    let next = word(k + 1);
                    let next_is_noun = next.ends_with('s') && next.len() > 3 && !FILLER.contains(&next);
                    if plural || !next_is_noun || seen == 2 {
                        unit = stem(w);
                        end = k + 1;
                        break;
                    }
                    seen += 1;
                    k += 1;
                }
            }
        }
        let from = tokens[start].start;
        let to = tokens[end.max(start + 1) - 1].end;
        out.push(Quantity { text: text[from..to].to_string(), value, high, qualifier, unit, year });
        i = end.max(i + used);
    }
    out
}

/// Why two near-duplicate claims cannot both be right: each pair of quantities of the same
/// thing that are incompatible, and years that share nothing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// The words in the first claim ("at least four battalions").
    pub ours: String,
    /// The words in the second ("three battalions").
    pub theirs: String,
}

/// The disagreements between two claims' quantities: for each thing both count, a quantity
/// compatible with none of the other's; and years when both name years and none is shared.
pub fn disagreements(ours: &[Quantity], theirs: &[Quantity]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for q in ours.iter().filter(|q| !q.year) {
        let same: Vec<&Quantity> = theirs.iter().filter(|t| !t.year && t.unit == q.unit).collect();
        if q.unit.is_empty() && same.is_empty() {
            continue;
        }
        if !same.is_empty() && !same.iter().any(|t| q.compatible(t)) {
            out.push(Disagreement { ours: q.text.clone(), theirs: same[0].text.clone() });
        }
    }
    let years = |qs: &[Quantity]| qs.iter().filter(|q| q.year).cloned().collect::<Vec<_>>();
    let (a, b) = (years(ours), years(theirs));
    if !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.iter().any(|y| x.value == y.value)) {
        out.push(Disagreement { ours: a[0].text.clone(), theirs: b[0].text.clone() });
    }
    out
}

/// Whether two texts state the same thing apart from their numbers: their meaningful words,
/// leaving out numbers, number words, qualifiers and months, overlap by at least 90% (Dice).
/// Numbers are only compared between such claims: "signed a training agreement in 2020" and
/// "signed a financial agreement in 2025" are two agreements, not one with two dates.
pub fn same_but_numbers(a: &str, b: &str) -> bool {
    // Qualifiers, months, number words and scales, as written and as the stemmer leaves them.
    static EXCLUDED: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    let excluded = EXCLUDED.get_or_init(|| {
        QUALIFIERS
            .iter()
            .flat_map(|(phrase, _)| phrase.split(' '))
            .chain(MONTH_NAMES.iter().chain(MONTH_ABBREVIATIONS).copied())
            .chain(UNITS.iter().chain(SCALES).map(|(w, _)| *w))
            .flat_map(|w| [w.to_string(), stem(w)])
            .collect()
    });
    let masked = |text: &str| -> std::collections::HashSet<String> {
        super::text::content_words(&super::text::strip_frame(text))
            .into_iter()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !excluded.contains(w))
            .collect()
    };
    let (a, b) = (masked(a), masked(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64 >= 0.9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let found = extract(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn the_sample_articles_numbers() {
        let q = one("France withdrew its 1,500 troops");
        assert_eq!(
            (q.value, q.qualifier, q.unit.as_str(), q.text.as_str()),
            (1500.0, Qualifier::Exact, "troop", "1,500 troops")
        );
        let q = one("withdrawing around 1000 troops");
        assert_eq!(
            (q.value, q.qualifier, q.unit.as_str(), q.text.as_str()),
            (1000.0, Qualifier::About, "troop", "around 1000 troops")
        );
        let q = one("at least four battalions will travel");
        assert_eq!((q.value, q.qualifier, q.unit.as_str()), (4.0, Qualifier::AtLeast, "battalion"));
        assert_eq!(q.text, "at least four battalions");
        let q = one("At least four Turkish battalions will travel to Niger");
        assert_eq!((q.value, q.unit.as_str()), (4.0, "battalion"));
        assert_eq!(q.text, "At least four Turkish battalions");
    }

    #[test]
    fn separators_words_scales_ranges_percentages() {
        assert_eq!(one("1.500 soldiers").value, 1500.0);
        assert_eq!(one("1.5 million people").value, 1_500_000.0);
        assert_eq!(one("2bn dollars").value, 2e9);
        assert_eq!(one("a thousand protesters").value, 1000.0);
        assert_eq!(one("two dozen villages").value, 24.0);
        assert_eq!(one("twenty-five tanks").value, 25.0);
        let q = one("between 3 and 5 ships");
        assert_eq!((q.value, q.high, q.qualifier, q.unit.as_str()), (3.0, 5.0, Qualifier::Range, "ship"));
        let q = one("1,000-1,500 troops");
        assert_eq!((q.value, q.high, q.qualifier), (1000.0, 1500.0, Qualifier::Range));
        let q = one("inflation rose 3.5% last year");
        assert_eq!((q.value, q.unit.as_str()), (3.5, "%"));
        assert_eq!(one("up to 40 percent of homes").unit, "%");
        assert_eq!(one("more than 1,000 people").qualifier, Qualifier::MoreThan);
    }

    #[test]
    fn years_are_not_counts() {
        let found = extract("The US withdrew around 1,000 troops from Niger in 2024");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].year && found[1].value == 2024.0);
        assert!(one("since its 2023 coup").year);
        assert!(!one("2000 troops").year);
        assert!(extract("one of the largest").is_empty());
    }

    #[test]
    fn tolerance() {
        let about = one("around 1000 troops");
        assert!(about.compatible(&one("1,100 troops")), "10% either way");
        assert!(about.compatible(&one("900 troops")));
        assert!(!about.compatible(&one("1,500 troops")));
        assert!(!one("at least four battalions").compatible(&one("three battalions")));
        assert!(one("at least four battalions").compatible(&one("five battalions")));
        assert!(!one("more than 1,000 people").compatible(&one("1,000 people")));
        assert!(one("up to 40% of homes").compatible(&one("35% of homes")));
        assert!(one("between 3 and 5 ships").compatible(&one("four ships")));
    }

    #[test]
    fn numbers_are_compared_only_between_the_same_statement() {
        assert!(same_but_numbers(
            "At least four Turkish battalions will travel to Niger",
            "Three Turkish battalions will travel to Niger"
        ));
        assert!(same_but_numbers(
            "The US withdrew around 1,000 troops from Niger in 2024",
            "According to the Pentagon, the US withdrew 1,500 troops from Niger in July 2023"
        ));
        assert!(!same_but_numbers(
            "Niger and Turkey signed a military training cooperation agreement in 2020",
            "Niger and Turkey signed a military financial cooperation agreement in July 2025"
        ));
    }

    #[test]
    fn disagreements_name_both_values() {
        let a = extract("At least four Turkish battalions will travel to Niger");
        let b = extract("Three Turkish battalions will travel to Niger");
        assert_eq!(
            disagreements(&b, &a),
            [Disagreement {
                ours: "Three Turkish battalions".into(),
                theirs: "At least four Turkish battalions".into()
            }]
        );
        let a = extract("France withdrew its troops in 2023");
        let b = extract("France withdrew its troops in 2024");
        assert_eq!(disagreements(&a, &b), [Disagreement { ours: "2023".into(), theirs: "2024".into() }]);
        // Different things counted: no disagreement.
        assert!(disagreements(&extract("four battalions"), &extract("three ships")).is_empty());
        assert!(disagreements(&extract("around 1000 troops"), &extract("1,100 troops")).is_empty());
    }
}
