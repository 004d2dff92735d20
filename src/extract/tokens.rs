//! Article text cut into tokens, paragraphs and sentences, with quotation marks paired; all in one pass, byte offsets.

use super::lexicon::{Lexicon, flag, fold_into};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tk {
    /// Letters, digits and the marks inside a word ("U.S.", "it’s", "1,500", "intelligence-sharing").
    Word,
    /// A quotation mark that opens a quote.
    Open,
    /// A quotation mark that closes a quote.
    Close,
    /// Any other mark.
    Punct(char),
}

#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Tk,
    /// The lexicon's id for the word, if it knows it.
    pub id: Option<u32>,
    /// The lexicon's flags for the word.
    pub flags: u64,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Holds a digit.
    pub digit: bool,
    /// For a quotation mark, the index of the mark it pairs with.
    pub pair: Option<usize>,
    /// Lies between a paired opening and closing mark.
    pub inside: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Tk::Word
    }

    pub fn is(&self, f: u64) -> bool {
        self.flags & f != 0
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Tk::Punct(c)
    }
}

/// A sentence: tokens `first..last` (exclusive) within one paragraph.
#[derive(Clone, Copy, Debug)]
pub struct Sentence {
    pub first: usize,
    pub last: usize,
    pub paragraph: usize,
}

/// A paragraph (a line, or lines joined where a line breaks mid-sentence): tokens `first..last`.
#[derive(Clone, Copy, Debug)]
pub struct Paragraph {
    pub first: usize,
    pub last: usize,
}

pub struct Tokens {
    pub tokens: Vec<Token>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@' || c == '#' || c == '%' || c == '$' || c == '€' || c == '£'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',' | '&' | '/' | ':' | '\u{2011}')
}

/// The words of a short text as the tokenizer cuts them (used for lexicon entries).
pub fn words_of(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let spans = scan(text);
    for (s, e, kind) in spans {
        if kind == Tk::Word {
            out.push(&text[s..e]);
        }
    }
    out
}

/// Cuts text into (start, end, kind) spans; quotation marks are classified by their neighbours.
fn scan(text: &str) -> Vec<(usize, usize, Tk)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' {
                out.push((i, i + 1, Tk::Punct('\n')));
            }
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    chars.next();
                    end = j + d.len_utf8();
                } else if is_joiner(d) {
                    // A joiner stays in the word only between word characters ("U.S", "1,500", "it’s").
                    let after = j + d.len_utf8();
                    let next = text[after..].chars().next();
                    let digit_joiner = matches!(d, ',' | ':');
                    let ok = match next {
                        Some(n) if is_word_char(n) => {
                            if digit_joiner {
                                text[i..end].chars().last().is_some_and(|p| p.is_ascii_digit()) && n.is_ascii_digit()
                            } else if d == '.' {
                                // "U.S", "N.D", "Maghrebi.org", "3.5" — but not "end.Next" at a sentence break.
                                let segment = text[i..end].rsplit(['.', '-']).next().unwrap_or("");
                                !n.is_uppercase() || segment.chars().count() <= 2
                            } else {
                                true
                            }
                        }
                        _ => false,
                    };
                    if ok {
                        chars.next();
                        end = after;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push((i, end, Tk::Word));
            continue;
        }
        // "…a special case,'''": a single quotation closing inside a double one, the double's two marks last.
        if c == '\''
            && text[i + 1..].starts_with("''")
            && text[..i].chars().next_back().is_some_and(|b| !b.is_whitespace())
        {
            out.push((i, i + 1, Tk::Punct(c)));
            continue;
        }
        // Two apostrophes (or two backticks) are a double quotation mark in some newsroom copy: ``like this''.
        if (c == '\'' || c == '`') && text[i + 1..].starts_with(c) {
            chars.next();
            let before = text[..i].chars().next_back();
            let after = text[i + 2..].chars().next();
            let open_before = before
                .is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '\u{2014}' | '\u{2013}' | '-' | '/'));
            let space_after = after.is_none_or(|a| a.is_whitespace());
            let kind = if c == '`' || (open_before && !space_after) { Tk::Open } else { Tk::Close };
            out.push((i, i + 2, kind));
            continue;
        }
        // Typewriter dashes: "--" and a hyphen with spaces either side ("the board - which met Monday - said")
        // set off a phrase as "—" does.
        if c == '-' && text[i + 1..].starts_with('-') {
            chars.next();
            out.push((i, i + 2, Tk::Punct('\u{2014}')));
            continue;
        }
        if c == '-'
            && text[..i].chars().next_back().is_some_and(char::is_whitespace)
            && text[i + 1..].chars().next().is_some_and(char::is_whitespace)
        {
            out.push((i, i + 1, Tk::Punct('\u{2014}')));
            continue;
        }
        let kind = match c {
            '\u{201c}' | '\u{00ab}' | '\u{201e}' => Tk::Open,
            '\u{201d}' | '\u{00bb}' => Tk::Close,
            '"' | '\u{201f}' => {
                let before = text[..i].chars().next_back();
                // "‟" is three bytes: what follows starts after the whole mark.
                let after = text[i + c.len_utf8()..].chars().next();
                // "Clinton:\"We learned …\"": a colon opens a quotation set right after it.
                let open_before = before.is_none_or(|b| {
                    b.is_whitespace() || matches!(b, '(' | '[' | '\u{2014}' | '\u{2013}' | '-' | '/' | ':')
                });
                let space_after = after.is_none_or(|a| a.is_whitespace());
                if open_before && !space_after { Tk::Open } else { Tk::Close }
            }
            _ => Tk::Punct(c),
        };
        let _ = bytes;
        out.push((i, i + c.len_utf8(), kind));
    }
    out
}

impl Tokens {
    pub fn new(text: &str, lexicon: &Lexicon) -> Tokens {
        let mut folded = String::new();
        let mut tokens: Vec<Token> = Vec::new();
        let mut breaks: Vec<usize> = Vec::new(); // token indexes where a paragraph starts
        breaks.push(0);
        let spans = scan(text);
        let mut k = 0;
        // The first span after a run of line breaks, found once per run.
        let mut next_text = 0;
        while k < spans.len() {
            let (s, e, kind) = spans[k];
            k += 1;
            if kind == Tk::Punct('\n') {
                // A line break ends a paragraph unless the line stops mid-sentence and the next starts in lower case.
                let prev = tokens.last();
                if next_text < k {
                    next_text = k + spans[k..].iter().position(|t| t.2 != Tk::Punct('\n')).unwrap_or(spans.len() - k);
                }
                let next = spans.get(next_text);
                let blank = spans.get(k).is_some_and(|t| t.2 == Tk::Punct('\n'));
                let mid_sentence = prev.is_some_and(|p| p.kind == Tk::Word || p.is_punct(','))
                    && next
                        .is_some_and(|n| n.2 == Tk::Word && text[n.0..].chars().next().is_some_and(char::is_lowercase));
                if (blank || !mid_sentence) && breaks.last() != Some(&tokens.len()) {
                    breaks.push(tokens.len());
                }
                continue;
            }
            let word = &text[s..e];
            let (id, flags, cap, digit) = if kind == Tk::Word {
                fold_into(word, &mut folded);
                let mut id = lexicon.id(&folded);
                if id.is_none() && folded.ends_with("'s") {
                    id = lexicon.id(&folded[..folded.len() - 2]);
                }
                let first = word.chars().next().unwrap_or(' ');
                (id, lexicon.flags(id), first.is_uppercase(), word.bytes().any(|b| b.is_ascii_digit()))
            } else {
                (None, 0, false, false)
            };
            tokens.push(Token { start: s, end: e, kind, id, flags, cap, digit, pair: None, inside: false });
        }
        let mut paragraphs = Vec::new();
        breaks.push(tokens.len());
        for w in breaks.windows(2) {
            if w[0] < w[1] {
                paragraphs.push(Paragraph { first: w[0], last: w[1] });
            }
        }
        let mut sentences = Vec::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            pair_quotes(&mut tokens[p.first..p.last], p.first);
            split_sentences(&tokens, text, *p, pi, &mut sentences);
        }
        Tokens { tokens, paragraphs, sentences }
    }
}

/// Pairs opening and closing marks within a paragraph; a mark left alone pairs with nothing.
fn pair_quotes(tokens: &mut [Token], offset: usize) {
    let mut open: Option<usize> = None;
    for i in 0..tokens.len() {
        match tokens[i].kind {
            Tk::Open => open = Some(i),
            Tk::Close => {
                if let Some(o) = open.take() {
                    tokens[o].pair = Some(i + offset);
                    tokens[i].pair = Some(o + offset);
                    for t in &mut tokens[o + 1..i] {
                        t.inside = true;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether the full stop after token `i` belongs to an abbreviation or an initial.
fn abbreviation_before(tokens: &[Token], text: &str, i: usize) -> bool {
    let t = &tokens[i];
    if !t.is_word() {
        return false;
    }
    let word = &text[t.start..t.end];
    if t.is(flag::ABBREVIATION) {
        return true;
    }
    let mut chars = word.chars();
    // A single capital letter is an initial ("John F. Kennedy").
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn split_sentences(tokens: &[Token], text: &str, p: super::tokens::Paragraph, pi: usize, out: &mut Vec<Sentence>) {
    let mut start = p.first;
    let mut depth_open: Option<usize> = None; // the open quote we are inside, if paired
    let mut i = p.first;
    while i < p.last {
        let t = &tokens[i];
        match t.kind {
            Tk::Open => {
                if let Some(pair) = t.pair {
                    depth_open = Some(pair);
                }
            }
            Tk::Close if depth_open == Some(i) => {
                depth_open = None;
                // `…end.” Next` ends a sentence after the closing mark.
                let prev_end = i > p.first && matches!(tokens[i - 1].kind, Tk::Punct('.' | '!' | '?' | '\u{2026}'));
                let next = tokens.get(i + 1).filter(|_| i + 1 < p.last);
                // "…?” Mr. Trump asked." — a speaker and a reporting verb right after keep the quote's sentence going,
                // but "…politics.” Sanders said he didn’t …" is a new sentence: the verb reports what follows it.
                let attribution_follows =
                    (i + 1..p.last.min(i + 6)).take_while(|&k| tokens[k].is_word() || tokens[k].is_punct('.')).any(
                        |k| tokens[k].is(flag::VERB) && !tokens[k].cap && tags_quote(tokens, k + 1, p.last, k == i + 1),
                    );
                if prev_end && !attribution_follows && next.is_some_and(|n| n.cap || n.kind == Tk::Open) {
                    out.push(Sentence { first: start, last: i + 1, paragraph: pi });
                    start = i + 1;
                }
            }
            Tk::Punct('.' | '!' | '?' | '\u{2026}') if depth_open.is_none() => {
                let next = tokens.get(i + 1).filter(|_| i + 1 < p.last);
                let ends = match next {
                    None => true,
                    Some(n) => {
                        (n.cap
                            || n.digit
                            || n.kind == Tk::Open
                            || matches!(n.kind, Tk::Punct('(' | '[' | '\u{2014}' | '-')))
                            && !(t.is_punct('.')
                                && i > p.first
                                && abbreviation_before(tokens, text, i - 1)
                                && !n.kind.eq(&Tk::Open)
                                && is_name_continuation(n))
                    }
                };
                // A closing mark right after the stop belongs to this sentence.
                if ends && next.is_some_and(|n| n.kind == Tk::Close) {
                    // handled when the close is reached (or it is unpaired: keep going)
                } else if ends {
                    out.push(Sentence { first: start, last: i + 1, paragraph: pi });
                    start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if start < p.last {
        out.push(Sentence { first: start, last: p.last, paragraph: pi });
    }
}

/// Whether what follows a reporting verb at `k` ends its clause ("asked.", "said, adding", "said on Tuesday"),
/// so that the verb tags the quote before it rather than opening a report of its own; a verb right after the quote
/// may have its speaker after it ("…,” said Mr. Trump).
fn tags_quote(tokens: &[Token], k: usize, last: usize, inverted: bool) -> bool {
    let Some(n) = tokens.get(k).filter(|_| k < last) else { return true };
    match n.kind {
        // "…resume.” He adds, “In a campaign …”": a verb that opens the next quotation tags none before it.
        Tk::Punct(',' | ':') if tokens.get(k + 1).is_some_and(|m| k + 1 < last && m.kind == Tk::Open) => false,
        Tk::Punct(_) | Tk::Close => true,
        Tk::Open => false,
        Tk::Word => {
            (n.is(flag::FILLER | flag::PREPOSITION | flag::BARRIER)
                && !n.is(flag::DETERMINER | flag::COMPLEMENTIZER | flag::AUXILIARY))
                || (inverted && (n.cap || n.is(flag::DETERMINER | flag::TITLE | flag::PERSON_ROLE)))
                // "…?” Obama asked Republican senators." — whom it was put to, and no clause after them.
                || (k > 0
                    && tokens[k - 1].is(flag::TELL)
                    && (k..last.min(k + 10))
                        .take_while(|&m| !matches!(tokens[m].kind, Tk::Punct('.' | '!' | '?')))
                        .all(|m| {
                            let t = &tokens[m];
                            (!t.is(flag::COMPLEMENTIZER | flag::AUXILIARY | flag::VERB) || t.cap)
                                && (m == k || !t.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN))
                                && !matches!(t.kind, Tk::Open | Tk::Punct(':'))
                        }))
        }
    }
}

/// After "Mr." a capitalised word continues the name; after "Inc." it may start a sentence, but a name is likelier.
/// A number continues "No. 2", "Jan. 31", "Sept. 11".
fn is_name_continuation(n: &Token) -> bool {
    n.cap || n.digit
}
