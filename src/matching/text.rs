//! Claim text for comparing: the exact-duplicate key, attribution frames and post furniture
//! (links, signatures) stripped, and the words that carry meaning (stopwords dropped, stemmed).
//! Over 400 lines with its tests, most of them the frame and stopword tables.
//!
//! The duplicate key is the ledger's one name normalisation (`names::key`: NFKC,
//! full case folding, whitespace collapsed) with quote marks and punctuation
//! removed as well, so "Turkey will send troops." and “turkey will send
//! troops” are one claim. A `.` or `,` between two digits stays ("3.5" is not
//! "35"; "1,500" and "1500" stay apart rather than risk it).

use crate::names;

/// The exact-duplicate key of a claim's text.
pub fn duplicate_key(text: &str) -> String {
    let folded = names::key(text);
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let between_digits = matches!(c, '.' | ',')
            && previous.is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|n| n.is_ascii_digit());
        previous = Some(c);
        if c.is_alphanumeric() || between_digits {
            out.push(c);
        } else if is_quote_mark(c) {
            // "don't" and "dont" are one spelling; quote marks never separate words.
        } else if !out.is_empty() && !out.ends_with(' ') {
            // Anything else separates words, once.
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '"'
            | '`'
            | '´'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '′'
            | '″'
    )
}

/// Words that say how a statement was reported rather than what it says.
const FRAME_OPENINGS: &[&str] = &[
    "according to",
    "as reported by",
    "sources indicate that",
    "sources indicate",
    "sources say that",
    "sources say",
    "sources said that",
    "sources said",
    "it is believed that",
    "it is reported that",
    "it was reported that",
    "reports say that",
    "reports say",
    "officials said that",
    "officials said",
    "officials say that",
    "officials say",
    "reportedly",
    "allegedly",
    "breaking",
    "rt",
    "claim",
    "fact check",
    "a photograph shows",
    "a photo shows",
    "a video shows",
    "an image shows",
    "a picture shows",
    "photographs show",
    "video shows",
    "photograph shows",
];

/// Verbs that close a frame ("X said that …", "…, a spokesperson told reporters").
const FRAME_VERBS: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "told",
    "announced",
    "claimed",
    "claims",
    "reported",
    "reports",
    "stated",
    "confirmed",
    "added",
    "insisted",
    "tweeted",
    "wrote",
];

/// The statement without its attribution frame, URLs, @handles and hashtag marks:
/// "According to Reuters, X" → "X"; "X, a spokesperson told reporters." → "X";
/// "Officials said that X" → "X". What the frame names is left out of the words compared.
pub fn strip_frame(text: &str) -> String {
    let cleaned = strip_post_furniture(text);
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    let lower = |w: &&str| names::key(w).trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // Openings: "According to Reuters, …" drops through the first comma when one comes soon.
    loop {
        let head: Vec<String> = words.iter().take(4).map(lower).collect();
        let joined = head.join(" ");
        let Some(opening) = FRAME_OPENINGS.iter().find(|o| joined == **o || joined.starts_with(&format!("{o} ")))
        else {
            break;
        };
        let n = opening.split(' ').count();
        let skip = if opening.starts_with("according to") || opening.starts_with("as reported by") {
            words.iter().take(8).position(|w| w.ends_with(',') || w.ends_with(':')).map_or(n, |p| p + 1)
        } else {
            n
        };
        if skip >= words.len() {
            break;
        }
        words.drain(..skip);
    }
    // A closing frame after the last comma: ", according to X" or ", X said".
    if let Some(comma) = words.iter().rposition(|w| w.ends_with(',')) {
        let tail: Vec<String> = words[comma + 1..].iter().map(lower).collect();
        let tail_text = tail.join(" ");
        let is_frame = tail.len() <= 8
            && (tail_text.starts_with("according to")
                || FRAME_VERBS.iter().any(|v| tail_text.ends_with(v) || tail_text.contains(&format!(" {v} "))));
        if is_frame && comma + 1 < words.len() && comma > 0 {
            words.truncate(comma + 1);
        }
    }
    // "X said that …" / "X told reporters …" within the first few words.
    let lowered: Vec<String> = words.iter().map(lower).collect();
    for (i, w) in lowered.iter().enumerate().take(6) {
        if i > 0 && FRAME_VERBS.contains(&w.as_str()) && lowered.get(i + 1).is_some_and(|n| n == "that") {
            words.drain(..i + 2);
            break;
        }
    }
    let joined = words.join(" ");
    joined.replace('#', "").trim_matches(|c: char| c.is_whitespace() || c == ',').to_string()
}

/// A social-media post without its furniture: links anywhere in a word go, and hashtags
/// and @handles become words (`#AustralianFires` → "Australian Fires", `@realDonaldTrump` →
/// "real Donald Trump": who posted it is often what the claim names).
fn strip_post_furniture(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // An embedded post's signature ends "— Name (@handle) January 6, 2020": the month and
    // year can place the claim, the day of posting only matches unrelated numbers.
    if let [.., before, month, day, year] = words[..]
        && before.ends_with(')')
        && is_post_date(month, day, year)
    {
        let n = words.len();
        words.remove(n - 2);
    }
    for word in words {
        let mut word = word.to_string();
        for marker in ["https://", "http://", "pic.twitter.com/", "www."] {
            if let Some(at) = word.to_ascii_lowercase().find(marker) {
                word.truncate(at);
            }
        }
        if let Some(tag) = word.strip_prefix('#').or_else(|| word.strip_prefix("(@")).or_else(|| word.strip_prefix('@'))
        {
            // CamelCase hashtags become words.
            let mut split = String::new();
            let mut previous_lower = false;
            let mut previous: Option<char> = None;
            let hashtag = word.starts_with('#');
            for c in tag.chars() {
                // CamelCase, and in hashtags letters against digits: #COVID19 → "COVID 19"
                // (handles keep their digits: "@jane1" is no number).
                let boundary = previous.is_some_and(|p| {
                    (c.is_uppercase() && previous_lower)
                        || (hashtag && c.is_ascii_digit() && p.is_alphabetic())
                        || (hashtag && c.is_alphabetic() && p.is_ascii_digit())
                });
                if boundary {
                    split.push(' ');
                }
                previous_lower = c.is_lowercase() || c.is_ascii_digit();
                previous = Some(c);
                split.push(c);
            }
            word = split;
        }
        if !word.is_empty() {
            out.push_str(&word);
            out.push(' ');
        }
    }
    out
}

/// Words too common to say which claim a text repeats.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "says",
    "said",
    "according",
    "via",
    "amp",
    "rt",
    "just",
    "new",
    "like",
    "get",
    "got",
    "one",
    "us",
    "let",
    "may",
    "might",
    "must",
    "shall",
    "im",
    "dont",
    "cant",
    "wont",
    "it's",
    "that's",
    "there's",
    "here's",
    "http",
    "https",
    "www",
    "com",
];

pub fn is_stopword(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(word)
}

/// The words of a text as compared: folded, split at anything that is not a
/// letter or digit ("1,500" stays one number, written 1500), stopwords dropped, stemmed.
pub fn content_words(text: &str) -> Vec<String> {
    // "US" the country is not "us" the pronoun, which case folding would make it.
    let text: String = if text.contains("US") || text.contains("U.S.") {
        text.split(' ')
            .map(|w| match w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').trim_end_matches('.') {
                "US" | "U.S" => "USA",
                _ => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_string()
    };
    words(&text)
        .into_iter()
        .filter(|w| !is_stopword(w))
        .map(|w| number_word(&w).map_or_else(|| stem(&w), String::from))
        .collect()
}

/// "two" … "twelve" and the tens as digits, so "2 women" meets "two women".
fn number_word(word: &str) -> Option<&'static str> {
    const NUMBERS: &[(&str, &str)] = &[
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
        ("twenty", "20"),
        ("thirty", "30"),
        ("forty", "40"),
        ("fifty", "50"),
        ("sixty", "60"),
        ("seventy", "70"),
        ("eighty", "80"),
        ("ninety", "90"),
        ("hundred", "100"),
        ("thousand", "1000"),
    ];
    NUMBERS.iter().find(|(w, _)| *w == word).map(|(_, d)| *d)
}

/// Every word of a text, folded and without accents, in order (numbers keep their digits,
/// separators dropped).
pub fn words(text: &str) -> Vec<String> {
    let folded = without_accents(names::key(text));
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let in_number = !word.is_empty()
            && word.chars().all(|d| d.is_ascii_digit())
            && matches!(c, ',' | '.')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() {
            word.push(c);
        } else if in_number {
            // 1,500 and 1.500 → 1500; 3.5 → 35 would be wrong, so a decimal point keeps its digits apart.
            if c == '.' && chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count() != 3 {
                out.push(std::mem::take(&mut word));
            }
        } else if is_quote_mark(c) && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) {
            // "don't", "Niger's": one word without the mark.
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Letters without their accents, for comparing words only ("Côte d'Ivoire" meets "Cote
/// d'Ivoire", "Utqiaġvik" meets "Utqiagvik"): texts spell the same name both ways. Names and
/// duplicate keys keep them (`names::key`): "Résumé" the source is not renamed.
fn without_accents(folded: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    if folded.is_ascii() {
        return folded;
    }
    folded.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).nfc().collect()
}

/// English word endings removed (the Snowball "English" stemmer, Porter's second), so
/// "battalions" meets "battalion", "vaccinated" meets "vaccines" and "trained" meets
/// "training". Numbers stay as written.
pub fn stem(word: &str) -> String {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)).stem(word).into_owned()
}

/// An embedded post's signatures ("— Jane Doe (@jdoe) January 6, 2021"), apart from the rest:
/// `(body, signatures)`. A signature is a dash, at most ten words of name, a `(@handle)`, and a
/// date of month, day and year; a quoted post brings its own. Text without one is all body.
pub fn post_signatures(text: &str) -> (String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut body = Vec::new();
    let mut signatures = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let end = (words[i] == "—" || words[i] == "--").then(|| signature_end(&words[i + 1..])).flatten();
        match end {
            Some(n) => {
                signatures.extend_from_slice(&words[i..=i + n]);
                i += n + 1;
            }
            None => {
                body.push(words[i]);
                i += 1;
            }
        }
    }
    (body.join(" "), signatures.join(" "))
}

/// How many words after a dash make a signature: name, `(@handle)`, month, day, year.
fn signature_end(after: &[&str]) -> Option<usize> {
    let handle = after.iter().take(11).position(|w| w.starts_with("(@") && w.ends_with(')'))?;
    // The name runs from the last dash before the handle.
    if after[..handle].iter().any(|w| *w == "—" || *w == "--") {
        return None;
    }
    let [month, day, year] = after.get(handle + 1..handle + 4)? else { return None };
    // A signature may end its sentence: "June 5, 2019."
    is_post_date(month, day, year.trim_end_matches(|c: char| !c.is_ascii_digit())).then_some(handle + 4)
}

/// Whether three words are a post's date as its signature writes it: "January", "6," and "2021".
fn is_post_date(month: &str, day: &str, year: &str) -> bool {
    super::numbers::MONTH_NAMES.contains(&month.to_lowercase().as_str())
        && day.strip_suffix(',').is_some_and(|d| (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()))
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_key_ignores_case_quotes_punctuation_and_spacing() {
        let a = duplicate_key("Turkey will send elite troops to train Niger's military.");
        assert_eq!(a, duplicate_key("  turkey will send ELITE troops to train Niger’s military"));
        assert_eq!(a, duplicate_key("“Turkey will send elite troops — to train Niger's military!”"));
        assert_eq!(a, "turkey will send elite troops to train nigers military");
        assert_ne!(duplicate_key("growth of 3.5%"), duplicate_key("growth of 35%"));
        assert_eq!(duplicate_key("ＡＦＰ: 1,500 troops"), "afp 1,500 troops");
    }

    #[test]
    fn frames_are_stripped() {
        assert_eq!(strip_frame("According to Reuters, the US withdrew 1,000 troops"), "the US withdrew 1,000 troops");
        assert_eq!(
            strip_frame("The US withdrew 1,000 troops, a Pentagon spokesperson told reporters."),
            "The US withdrew 1,000 troops"
        );
        assert_eq!(strip_frame("Officials said that the US withdrew 1,000 troops"), "the US withdrew 1,000 troops");
        assert_eq!(
            strip_frame("Sources indicate that at least four battalions will go"),
            "at least four battalions will go"
        );
        assert_eq!(strip_frame("The minister said that prices rose"), "prices rose");
        assert_eq!(strip_frame("@who Masks work https://t.co/x #covid"), "who Masks work covid");
        assert_eq!(
            strip_frame(
                "Fires spread #AustralianFires pic.twitter.com/0eJ — Center (@CenterForBioDiv) January 14, 2020"
            ),
            "Fires spread Australian Fires — Center Center For Bio Div) January 2020"
        );
        assert_eq!(strip_frame("that stuff.”pic.twitter.com/f5BG"), "that stuff.”");
        assert_eq!(
            strip_frame("Cases rise #COVID19 #Covid19Vaccine @user1"),
            "Cases rise COVID 19 Covid 19 Vaccine user1"
        );
        // Only a post's signature loses its day; a date in the statement stays whole.
        assert_eq!(
            strip_frame("Schools shut on March 16, 2020 — Ann (@ann) March 17, 2020"),
            "Schools shut on March 16, 2020 — Ann ann) March 2020"
        );
        // No frame: unchanged.
        assert_eq!(strip_frame("Prices rose, then fell"), "Prices rose, then fell");
    }

    #[test]
    fn words_keep_numbers_whole() {
        assert_eq!(
            words("France withdrew its 1,500 troops in 2023."),
            ["france", "withdrew", "its", "1500", "troops", "in", "2023"]
        );
        assert_eq!(words("1.500 soldiers"), ["1500", "soldiers"]);
        assert_eq!(words("3.5 percent"), ["3", "5", "percent"]);
        assert_eq!(content_words("Niger's battalions are training"), ["niger", "battalion", "train"]);
        assert_eq!(content_words("The US and the U.S. told us"), ["usa", "usa", "told"]);
        // Snowball stems: word forms meet; numbers stay whole.
        assert_eq!(content_words("vaccinated vaccines vaccine"), ["vaccin", "vaccin", "vaccin"]);
        assert_eq!(content_words("trained training trains 1500s"), ["train", "train", "train", "1500s"]);
    }

    #[test]
    fn post_signatures_are_told_from_what_the_post_says() {
        let (body, signatures) = post_signatures(
            "Looks like rain — and more. pic.twitter.com/x — Jane Doe (@jdoe) June 4, 2019 Agreed \
             — Al B. (@al_b) June 5, 2019.",
        );
        assert_eq!(body, "Looks like rain — and more. pic.twitter.com/x Agreed");
        assert_eq!(signatures, "— Jane Doe (@jdoe) June 4, 2019 — Al B. (@al_b) June 5, 2019.");
        // A dash without handle and date is the post's own.
        let plain = "Troops left — at least 1,500 of them (@army said) in May";
        assert_eq!(post_signatures(plain), (plain.to_string(), String::new()));
    }

    #[test]
    fn words_compare_without_accents() {
        assert_eq!(words("Côte d’Ivoire: Utqiaġvik, PELÉ"), ["cote", "divoire", "utqiagvik", "pele"]);
        assert_eq!(content_words("Forces in Côte d'Ivoire"), content_words("forces in Cote d'Ivoire"));
        // Letters that are not a base letter with a mark stay as they are.
        assert_eq!(words("straße Øresund 1.500"), ["strasse", "øresund", "1500"]);
    }
}
