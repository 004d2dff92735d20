//! The attribution rules: cue, source and content found around reporting verbs, "according to", hedges and quotes.
//!
//! Everything here works on one sentence at a time with scans of bounded
//! length, so the work grows with the text, never with its square.
//!
//! Long (over 1,000 lines) because it is one job with many cases: each way newswriting
//! attributes a statement is a rule here with its tests, and splitting them apart would
//! scatter rules that must be tried in order against each other.

use super::SourceClass;
use super::lexicon::{Lexicon, PhraseKind, flag};
use super::tokens::{Paragraph, Sentence, Tk, Token, Tokens};
use crate::model::CitationKind;

/// How far a source phrase reaches from its cue, in tokens.
const SOURCE_REACH: usize = 10;
/// The longest content, in tokens: a run-on "sentence" of a megabyte yields bounded spans.
const CONTENT_REACH: usize = 400;
/// How many earlier mentions a pronoun or a surname is looked up among.
const MENTION_REACH: usize = 200;
/// Conjunctions that, after a comma and before a subject, join a clause of the writer's own.
const JOINERS: &[&str] = &["but", "while", "whereas", "although", "though", "yet"];
/// How many channel words ("in a statement on Tuesday") may sit between a verb and "that".
const FILLER_REACH: usize = 8;

/// A statement found, in byte offsets.
#[derive(Debug)]
pub struct Found {
    pub kind: CitationKind,
    pub content: (usize, usize),
    pub source: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub resolved: Option<String>,
    pub class: Option<SourceClass>,
    pub has_figure: bool,
}

/// A named thing seen in the text, for pronouns and "the outlet" to point back to.
struct Mention {
    name: String,
    class: SourceClass,
    at: usize,
}

/// Which way the content lies from the cue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

struct Candidate {
    cue: (usize, usize),    // token range
    source: (usize, usize), // token range
    side: Side,
    content: Option<(usize, usize)>, // token range, decided later for Side::After
    hedge: bool,
}

struct Reader<'a> {
    text: &'a str,
    t: &'a [Token],
    paras: &'a [Paragraph],
    ids: Vec<Option<u32>>,
    lex: &'a Lexicon,
    mentions: Vec<Mention>,
    out: Vec<Found>,
    /// Where the last attribution found in this sentence ends: content before a cue starts no earlier.
    floor: usize,
    /// The source of the last attribution found in this sentence: "X said …, adding …" reports for X.
    prev_source: Option<(usize, usize)>,
}

pub fn find(text: &str, tokens: &Tokens, lex: &Lexicon) -> Vec<Found> {
    let mut r = Reader {
        text,
        t: &tokens.tokens,
        paras: &tokens.paragraphs,
        ids: tokens.tokens.iter().map(|t| t.id).collect(),
        lex,
        mentions: Vec::new(),
        out: Vec::new(),
        floor: 0,
        prev_source: None,
    };
    let boiler: Vec<bool> = tokens.paragraphs.iter().map(|p| r.boilerplate(p.first, p.last)).collect();
    // "“…” — Jane Doe": quotations tagged with a dash and a name after them, by paragraph.
    let tags: Vec<Option<Candidate>> = tokens.paragraphs.iter().map(|p| r.dash_tag(*p)).collect();
    for s in &tokens.sentences {
        if boiler[s.paragraph] {
            continue;
        }
        if let Some(c) = &tags[s.paragraph] {
            let content = c.content.unwrap_or_default();
            if s.first < content.1 && content.0 < s.last {
                // The quotation's sentences are the speaker's words: reported once, with the tag.
                if s.last >= content.1 {
                    r.emit(c, content);
                }
                continue;
            }
            if s.first >= c.cue.0 {
                continue;
            }
        }
        r.sentence(*s);
    }
    r.out.sort_by_key(|f| {
        (f.content.0.min(f.source.map_or(usize::MAX, |s| s.0)).min(f.cue.map_or(usize::MAX, |c| c.0)), f.content.0)
    });
    r.out
}

impl<'a> Reader<'a> {
    fn word(&self, i: usize) -> &'a str {
        &self.text[self.t[i].start..self.t[i].end]
    }

    fn boilerplate(&self, first: usize, last: usize) -> bool {
        if last - first > 60 {
            return false;
        }
        let para = &self.text[self.t[first].start..self.t[last - 1].end];
        if !self.lex.boilerplate_marks.iter().any(|m| para.contains(m.as_str()))
            && !(first..last).any(|i| self.lex.phrase_at(&self.ids[i..last], PhraseKind::Boilerplate).is_some())
        {
            return false;
        }
        // "Twitter said threats were against its terms of service", "Holm said the advertisement is misleading" is
        // reporting that names page furniture: a paragraph with a reporting verb in running text is copy, not a
        // footer, unless the furniture opens it ("Advertisement", "Read more: …", "Copyright …").
        let lead = (first..last.min(first + 3)).find(|&i| self.t[i].is_word()).unwrap_or(first);
        let opens = self.lex.boilerplate_marks.iter().any(|m| para.starts_with(m.as_str()))
            || self.lex.phrase_at(&self.ids[lead..last], PhraseKind::Boilerplate).is_some();
        opens
            || self.words_in(first, last) <= 6
            || !(first + 1..last).any(|i| {
                let t = &self.t[i];
                let p = &self.t[i - 1];
                t.is(flag::VERB)
                    && !t.is(flag::WEAK)
                    && !t.cap
                    // "Sen. Jo Hale (D-Pa.) said …, which was sponsored by …": a party tag in brackets before the verb.
                    && (p.is_word() || matches!(p.kind, Tk::Close | Tk::Punct(',' | ')')))
            })
    }

    fn sentence(&mut self, s: Sentence) {
        let mut cands: Vec<Candidate> = Vec::new();
        let mut hedges: Vec<Candidate> = Vec::new();
        // "Trump: “We will win.”" — a name, a colon and a quote.
        if let Some(c) = self.colon_quote(s) {
            cands.push(c);
        }
        let mut i = s.first;
        self.floor = s.first;
        self.prev_source = None;
        // The last candidate that reports something: "He was unable to find a taker, he said" — "find" with nothing
        // reported after it does not end the content of "he said".
        let mut reporting = cands.len().wrapping_sub(1);
        while i < s.last {
            if reporting < cands.len() {
                let c = &cands[reporting];
                self.floor = c.cue.1.max(c.source.1);
            }
            if let Some(c) = cands.last() {
                // "an architect who said he was stiffed, saying …": a relative pronoun stands for no later verb's subject.
                if !self.relative(c.source) {
                    self.prev_source = Some(c.source).filter(|x| x.0 < x.1);
                }
            }
            let tok = &self.t[i];
            if !tok.is_word() {
                i += 1;
                continue;
            }
            let window = &self.ids[i..s.last.min(i + 8)];
            if let Some(n) = self.lex.phrase_at(window, PhraseKind::BeforeSource)
                && let Some(c) = self.before_source(s, i, n)
            {
                i = c.source.1.max(i + n);
                reporting = cands.len();
                cands.push(c);
                continue;
            }
            if let Some(n) = self.lex.phrase_at(window, PhraseKind::Hedge) {
                if let Some(c) = self.hedge(s, i, n) {
                    hedges.push(c);
                }
                i += n;
                continue;
            }
            if tok.is(flag::ADJECTIVE)
                && !tok.cap
                && let Some(c) = self.stance_adjective(s, i)
            {
                reporting = cands.len();
                cands.push(c);
                i += 1;
                continue;
            }
            let verb_len =
                self.lex.phrase_at(window, PhraseKind::Verb).or(if tok.is(flag::VERB) { Some(1) } else { None });
            if let Some(n) = verb_len {
                if let Some(c) = self.verb(s, i, n) {
                    if c.content.is_some() || c.side == Side::Before || self.after_cue(s, &c).is_some() {
                        reporting = cands.len();
                    }
                    cands.push(c);
                }
                i += n;
                continue;
            }
            i += 1;
        }
        // Content after a cue runs to the next attribution's source, or the end of the sentence.
        // Each later attribution's source and cue end the content before it, unless that attribution
        // opens the content itself ("told a crowd that he knows that …" is one report).
        // A verb that reports nothing ("who does not answer questions") bounds no one's content.
        // "He said:" closing a paragraph, a quotation the next: the last verb before the colon reports it.
        let block = self.block_quote(s);
        let block_cue = block.and_then(|_| {
            let k = cands.iter().rposition(|c| c.side == Side::After && c.content.is_none())?;
            let c = &cands[k];
            let colon = s.last - 1;
            (c.cue.1 <= colon && colon - c.cue.1 <= 12 && (c.cue.1..colon).all(|x| self.t[x].is_word())).then_some(k)
        });
        let mut k = 0;
        cands.retain(|c| {
            k += 1;
            block_cue == Some(k - 1) || c.content.is_some() || c.side == Side::Before || self.after_cue(s, c).is_some()
        });
        let block_cue =
            block_cue.and_then(|_| cands.iter().rposition(|c| c.side == Side::After && c.content.is_none()));
        let mut bounds: Vec<(usize, usize)> =
            cands.iter().enumerate().flat_map(|(k, c)| [(c.source.0, k), (c.cue.0, k)]).collect();
        bounds.sort_unstable();
        // "Democrats believe the plan will fail, the senator said.": an attribution set off at the end of the
        // sentence reports the whole clause before it, and the attributions inside that clause are part of what
        // it reports (they had cut its content short).
        let mut absorbed = vec![false; cands.len()];
        let mut contents: Vec<Option<(usize, usize)>> = cands.iter().map(|c| c.content).collect();
        let start = self.first_word(s);
        for (k, c) in cands.iter().enumerate() {
            let Some((a, b)) = c.content else { continue };
            let tag = c.source.0.min(c.cue.0);
            if c.side != Side::Before
                || c.hedge
                || a <= start
                || tag < b
                || tag <= s.first
                || self.t[a].kind == Tk::Open
                || !self.t[tag - 1].is_punct(',')
                || !self.t[c.cue.1 - 1].is(flag::INVERTIBLE | flag::TELL)
                || (start..tag).any(|m| self.t[m].is_punct(';') || self.t[m].inside)
            {
                continue;
            }
            let inner: Vec<usize> = (0..k)
                .filter(|&o| {
                    let x = &cands[o];
                    x.cue.0 >= start && x.cue.1 <= tag && x.source.0.min(x.cue.0) >= start && x.source.1 <= tag
                })
                .collect();
            // "Other candidates said …, but …, they said.": a report of its own inside keeps its place.
            if inner.is_empty() || inner.iter().any(|&o| self.t[cands[o].cue.1 - 1].is(flag::INVERTIBLE | flag::TELL)) {
                continue;
            }
            for o in inner {
                absorbed[o] = true;
            }
            contents[k] = Some(self.trim(start, b));
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (k, c) in cands.iter().enumerate() {
            if absorbed[k] {
                continue;
            }
            let content = match (c.side, contents[k]) {
                (_, Some(range)) => Some(range),
                (Side::After, None) if block_cue == Some(k) => block,
                (Side::After, None) => {
                    let start = self.after_cue(s, c);
                    start.and_then(|st| {
                        let from = bounds.partition_point(|&(x, _)| x <= c.cue.1);
                        let limit = bounds[from..]
                            .iter()
                            .take(16)
                            // "said that while he fears …, the war is over": a clause the content opens with
                            // a subordinator holds the later attribution, and does not end the content.
                            .find(|&&(x, k)| {
                                let held = cands[k].source.0.min(cands[k].cue.0);
                                x > st
                                    && cands[k].source.0 != st
                                    && !(held > st
                                        && (st..held).all(|m| {
                                            !self.t[m].is_word()
                                                || self.t[m].is(flag::BARRIER)
                                                || self.word(m).eq_ignore_ascii_case("once")
                                        }))
                            })
                            .map_or(s.last, |&(x, _)| x);
                        self.content_after(s, st, limit)
                    })
                }
                (Side::Before, None) => None,
            };
            let Some(content) = content else { continue };
            // "I think", "you know", "people say", "Lincoln said" inside a quote are the speaker's words, part of
            // what the speaker is quoted saying; unnamed sources cited inside a quote ("many sources claim") are
            // the speaker's sourcing, and reported as such.
            if self.t[c.cue.0].inside && !c.hedge && !(c.source.0..c.source.1).any(|k| self.t[k].is(flag::ANONYMOUS)) {
                continue;
            }
            // A cue inside the content of another, outside quotation marks, is part of what that one says.
            let inside = self.t[c.cue.0].inside;
            if taken.iter().rev().take(8).any(|&(a, b)| c.cue.0 >= a && c.cue.1 <= b && !inside) {
                continue;
            }
            // One word is enough when it is quoted ("“Savage,” she said") or what a say-verb reports ("he said that").
            // A preposition left alone ("said on", cut short by what follows) is no content.
            let one_word = self.t[content.0].kind == Tk::Open
                || (self.t[c.cue.1 - 1].is(flag::INVERTIBLE)
                    && !self.t[content.0].is(flag::FILLER | flag::PREPOSITION)
                    && !self.t[content.0].cap);
            if self.words_in(content.0, content.1) < if one_word { 1 } else { 2 } {
                continue;
            }
            // "It declined in every state", "went on to win", "adding to her lead": verbs
            // that also name a change or an act report only in their reporting use ("declined to comment", "went on
            // to say", "added that …").
            let cue_last = self.word(c.cue.1 - 1).to_ascii_lowercase();
            let first_word = self.word(content.0).to_ascii_lowercase();
            // "went on to win the seat": what followed was an act, not words.
            let to_act = first_word == "to"
                && content.0 + 1 < content.1
                && (self.t[content.0 + 1].is(flag::ACTION)
                    || matches!(
                        self.word(content.0 + 1),
                        "win" | "become" | "defeat" | "beat" | "lose" | "serve" | "lead" | "build" | "found"
                    ));
            let act = match cue_last.as_str() {
                "declined" | "declines" | "decline" | "declining" => {
                    first_word != "to" && (self.t[content.0].is(flag::PREPOSITION) || first_word.ends_with("ly"))
                }
                "on" if matches!(
                    self.word(c.cue.0).to_ascii_lowercase().as_str(),
                    "went" | "goes" | "go" | "going"
                ) =>
                {
                    to_act
                }
                "add" | "adds" | "added" | "adding" => first_word == "to",
                _ => false,
            };
            if act && !c.hedge {
                continue;
            }
            // "Costa reported from Washington.", "…, he said last week.": where or when, no clause, is no content.
            let first = &self.t[content.0];
            if first.is_word()
                && !first.cap
                && matches!(
                    self.word(content.0),
                    "from" | "in" | "at" | "on" | "during" | "after" | "before" | "outside" | "inside" | "near" | "via"
                )
                && self.words_in(content.0, content.1) <= 4
                && (content.0..content.1)
                    .all(|k| self.t[k].is_word() && !self.t[k].is(flag::VERB | flag::AUXILIARY | flag::ACTION))
            {
                continue;
            }
            taken.push(content);
            self.emit(c, content);
        }
        // "Trump's claim that …", "her call for a recount": a noun cue with a possessive source, outside what the
        // sentence's other attributions say.
        for k in s.first..s.last {
            let t = &self.t[k];
            if !t.is(flag::NOUN) || t.cap || t.inside {
                continue;
            }
            let Some(c) = self.noun_cue(s, k) else { continue };
            let Some(content) = c.content else { continue };
            if taken.iter().any(|&(a, b)| (c.source.0 < b && a < c.cue.1) || (content.0 < b && a < content.1)) {
                continue;
            }
            taken.push(content);
            self.emit(&c, content);
        }
        if taken.is_empty()
            && let Some(h) = hedges.into_iter().next()
            && let Some(content) = h.content
            && self.words_in(content.0, content.1) >= 2
        {
            self.emit(&h, content);
            taken.push(content);
        }
        if taken.is_empty() {
            self.unattributed(s);
        }
        self.note_names(s);
    }

    /// Whether a source is a bare relative pronoun: "anybody who complains about …" inside what was said is part of it.
    fn relative(&self, (a, b): (usize, usize)) -> bool {
        b == a + 1 && self.t[a].is_word() && matches!(self.word(a), "who" | "which" | "that")
    }

    /// Whether a source phrase names someone or an unnamed group, rather than being a bare pronoun.
    fn names_someone(&self, a: usize, b: usize) -> bool {
        self.name_tokens(a, b).is_some() || (a..b).any(|k| self.t[k].is(flag::ANONYMOUS | flag::VAGUE))
    }

    /// The first word of a sentence (past opening marks and dashes).
    fn first_word(&self, s: Sentence) -> usize {
        let k = (s.first..s.last).take(8).find(|&k| self.t[k].is_word()).unwrap_or(s.last);
        // "BEDFORD, N.H. (AP) — Jeb Bush said …": a dateline is no part of the sentence.
        match self.dateline_end(s, k) {
            Some(dash) => (dash + 1..s.last).take(4).find(|&k| self.t[k].is_word()).unwrap_or(k),
            None => k,
        }
    }

    /// The dash closing a dateline that opens a sentence: a place in capitals, maybe a state and an agency in
    /// brackets ("WASHINGTON —", "ORLANDO, Fla. (Reuters) -"; a sentence may start at the bracket when the state's
    /// full stop ended the one before).
    fn dateline_end(&self, s: Sentence, k: usize) -> Option<usize> {
        let shouting = |x: usize| {
            let w = self.word(x);
            w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        };
        if k >= s.last || !self.t[k].is_word() {
            return None;
        }
        let mut x = s.first;
        let mut bracket = false;
        let mut seen = false;
        while x < s.last && x - s.first < 14 {
            let t = &self.t[x];
            match t.kind {
                Tk::Punct('\u{2014}' | '\u{2013}' | '-') if !bracket => {
                    return Some(x).filter(|&d| seen && d + 1 < s.last);
                }
                Tk::Punct(',' | '.') => {}
                Tk::Punct('(') => bracket = true,
                Tk::Punct(')') => {
                    seen |= bracket;
                    bracket = false;
                }
                Tk::Word if t.cap => seen |= shouting(x),
                _ => return None,
            }
            x += 1;
        }
        None
    }

    fn words_in(&self, a: usize, b: usize) -> usize {
        self.t[a..b].iter().filter(|t| t.is_word()).count()
    }

    /// Where a headline's speaker (from `fw`) ends before the colon: at the lower-case word that
    /// says to whom or where ("Clinton to Planned Parenthood:", "Mukasey at RNC:"), else the colon.
    fn speaker_end(&self, fw: usize, colon: usize) -> usize {
        (fw + 1..colon)
            .find(|&k| {
                self.t[k].is_word()
                    && !self.t[k].cap
                    && matches!(self.word(k), "to" | "at" | "on" | "in" | "for" | "about" | "with")
            })
            .unwrap_or(colon)
    }

    // ---- cue kinds ----------------------------------------------------------

    /// "according to X, …" / "…, according to X".
    fn before_source(&self, s: Sentence, i: usize, n: usize) -> Option<Candidate> {
        let src_start = i + n;
        let mut end = src_start;
        while end < s.last && end - src_start < SOURCE_REACH + 2 {
            let t = &self.t[end];
            if t.is_word() {
                if end > src_start
                    && (t.is(flag::SOURCE_ENDER) || (t.is(flag::BARRIER) && !t.is(flag::CONNECTOR)))
                    && !t.cap
                {
                    break;
                }
                end += 1;
            } else if t.is_punct('.') && end > src_start && self.abbreviation(end - 1) && end + 1 < s.last {
                end += 1;
            } else {
                break;
            }
        }
        if end == src_start {
            return None;
        }
        // "according to a tally by the Associated Press", "… a statement from his office": the one behind the document.
        if end + 1 < s.last
            && end - src_start <= 4
            && self.t[end].is_word()
            && matches!(self.word(end).to_ascii_lowercase().as_str(), "by" | "from")
            && (self.t[end + 1].cap
                || self.t[end + 1].is(flag::DETERMINER | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN))
        {
            let from = end + 1;
            let mut e = from;
            while e < s.last && e - from < SOURCE_REACH {
                let t = &self.t[e];
                if t.is_word() {
                    if e > from && (t.is(flag::SOURCE_ENDER) || t.is(flag::BARRIER) && !t.is(flag::CONNECTOR)) && !t.cap
                    {
                        break;
                    }
                    e += 1;
                } else if t.is_punct('.') && self.abbreviation(e - 1) && e + 1 < s.last {
                    e += 1;
                } else {
                    break;
                }
            }
            end = e;
        }
        let cue = (i, i + n);
        let source = (src_start, end);
        // At the head of the sentence the content follows the source's clause; elsewhere it precedes the cue.
        let lead = (self.first_word(s)..i).all(|k| !self.t[k].is_word() || self.t[k].is(flag::BARRIER));
        if lead {
            let mut k = end;
            while k < s.last && !self.t[k].is_punct(',') && k - end < 12 {
                k += 1;
            }
            let start = if k < s.last && self.t[k].is_punct(',') { k + 1 } else { end };
            let content = self.content_after(s, start, s.last)?;
            Some(Candidate { cue, source, side: Side::After, content: Some(content), hedge: false })
        } else {
            // "In addition, according to the department, nearly nine million …", "Fundraising, according to the
            // campaign, has surged …": set off by commas, the longer side is what the source says.
            if i > s.first
                && self.t[i - 1].is_punct(',')
                && end < s.last
                && self.t[end].is_punct(',')
                && let Some(after) = self.content_after(s, end + 1, s.last)
            {
                let before = self.content_before(s, i - 1);
                if before.is_none_or(|b| self.words_in(after.0, after.1) > self.words_in(b.0, b.1)) {
                    return Some(Candidate { cue, source, side: Side::After, content: Some(after), hedge: false });
                }
            }
            // "“…,” Grayson said, according to Frankel": the quote is Frankel's account too.
            let content = match (self.content_before(s, i), self.prev_source) {
                (Some(c), _) if self.words_in(c.0, c.1) >= 2 => c,
                (_, Some(prev)) if prev.1 <= i => self.content_before_from(s, prev.0, s.first)?,
                (c, _) => c?,
            };
            Some(Candidate { cue, source, side: Side::Before, content: Some(content), hedge: false })
        }
    }

    /// A short name at the head of a sentence, a colon, then a quotation: the name said the quote.
    fn colon_quote(&self, s: Sentence) -> Option<Candidate> {
        let mut fw = self.first_word(s);
        // "EXCLUSIVE – Roger Stone: …": a label and a dash before the speaker.
        if fw + 2 < s.last
            && self.t[fw].is(flag::LABEL)
            && matches!(self.t[fw + 1].kind, Tk::Punct('\u{2013}' | '\u{2014}' | '-'))
        {
            fw += 2;
        }
        // "Polls were early - Carl Bialik: “…”": a section's line, a dash, then the speaker and a quotation.
        if let Some(colon) = (fw..s.last.min(fw + 40)).find(|&k| self.t[k].is_punct(':'))
            && colon + 1 < s.last
            && self.t[colon + 1].kind == Tk::Open
            && let Some(dash) = (fw.max(colon.saturating_sub(7))..colon)
                .rev()
                .find(|&k| matches!(self.t[k].kind, Tk::Punct('\u{2013}' | '\u{2014}')))
            && dash + 1 < colon
            && (dash + 1..colon).all(|k| self.t[k].is_word() && self.t[k].cap)
        {
            fw = dash + 1;
        }
        let colon = (fw..s.last.min(fw + 10)).find(|&k| self.t[k].is_punct(':'))?;
        if colon == fw
            || !(fw..colon)
                .all(|k| self.t[k].is_word() || (self.t[k].is_punct('.') && k > fw && self.abbreviation(k - 1)))
        {
            return None;
        }
        // "Correction:", "Editor's note:", "Q:" label what follows; nobody says it.
        if !(fw..colon).any(|k| self.t[k].cap && !self.t[k].is(flag::BARRIER | flag::DETERMINER))
            || (fw..colon).any(|k| self.t[k].is(flag::VERB) && !self.t[k].cap)
            || self.t[colon - 1].is(flag::LABEL)
        {
            return None;
        }
        let open = colon + 1;
        let quoted = self.t.get(open).filter(|t| t.kind == Tk::Open && open < s.last).and_then(|t| t.pair);
        let content = match quoted {
            Some(close) if close < s.last => (open, close + 1),
            _ if colon + 1 == s.last && self.block_quote(s).is_some() => self.block_quote(s)?,
            _ => self.headline_content(s, fw, colon)?,
        };
        if self.words_in(content.0, content.1) < 3 {
            return None;
        }
        // "Clinton to Planned Parenthood: …", "Former AG Mukasey at RNC: …": whom or where, after the speaker.
        let end = self.speaker_end(fw, colon);
        Some(Candidate {
            cue: (colon, colon + 1),
            source: (fw, end),
            side: Side::After,
            content: Some(content),
            hedge: false,
        })
    }

    /// A paragraph that is a quotation, then a dash and a short name closing it: "“We will win.” — Jane Doe",
    /// "“…” ― Sen. Ted Cruz (@tedcruz)". The name is the source, the dash the cue, the quotation the content.
    fn dash_tag(&self, p: Paragraph) -> Option<Candidate> {
        let mut end = p.last;
        while end > p.first + 1 && self.t[end - 1].is_punct('.') && !self.abbreviation(end - 2) {
            end -= 1;
        }
        // Back over the name: up to six capitalised words (initials and "Sen." included), a handle in brackets.
        let mut k = end;
        if k > p.first && self.t[k - 1].is_punct(')') {
            let open = (p.first.max(k.saturating_sub(6))..k - 1).rev().find(|&m| self.t[m].is_punct('('))?;
            k = open;
        }
        // "— Maria Lopez, mayor of Ashford": a description after the name.
        if let Some(comma) = (p.first.max(k.saturating_sub(7))..k).rev().find(|&m| self.t[m].is_punct(','))
            && comma + 1 < k
            && (comma + 1..k).all(|m| self.t[m].is_word())
        {
            k = comma;
        }
        let name_end = k;
        while k > p.first
            && name_end - k < 8
            && ((self.t[k - 1].is_word() && (self.t[k - 1].cap || self.t[k - 1].is(flag::CONNECTOR)))
                || (self.t[k - 1].is_punct('.') && k >= p.first + 2 && self.abbreviation(k - 2)))
        {
            k -= 1;
        }
        if k == name_end || k < p.first + 2 || !self.t[k].cap || self.words_in(k, name_end) > 6 {
            return None;
        }
        let dash = k - 1;
        if !matches!(self.t[dash].kind, Tk::Punct('\u{2015}' | '\u{2014}' | '\u{2013}')) {
            return None;
        }
        // The quotation before the dash, with its closing mark; an unpaired one runs from the paragraph's start.
        let mut close = dash;
        while close > p.first && matches!(self.t[close - 1].kind, Tk::Punct(',' | '.')) {
            close -= 1;
        }
        if close == p.first || self.t[close - 1].kind != Tk::Close {
            return None;
        }
        let open = match self.t[close - 1].pair {
            Some(o) if o >= p.first && o < close - 1 => o,
            _ => p.first,
        };
        let content = self.trim(open, close);
        if content.0 >= content.1 || self.words_in(content.0, content.1) < 3 {
            return None;
        }
        let content = (if open == p.first { content.0 } else { open }, close);
        Some(Candidate {
            cue: (dash, dash + 1),
            source: (k, end),
            side: Side::Before,
            content: Some(content),
            hedge: false,
        })
    }

    /// A noun cue at `k` with whose it is before it and what it says after it: "Trump's claim that …",
    /// "her call for a recount", "his repeated attacks on the press". Without a possessive ("the claim") or
    /// without content ("his comments."), nothing.
    fn noun_cue(&self, s: Sentence, k: usize) -> Option<Candidate> {
        // The possessive: right before the noun, or past one or two modifiers ("his repeated attacks").
        let mut p = k;
        let whose = loop {
            if p == s.first || k - p > 2 || !self.t[p - 1].is_word() {
                return None;
            }
            p -= 1;
            let t = &self.t[p];
            let w = self.word(p);
            let lower = w.to_lowercase();
            if matches!(lower.as_str(), "his" | "her" | "their" | "its" | "our" | "my") {
                break (p, p + 1);
            }
            let possessive = ["'s", "\u{2019}s", "s'", "s\u{2019}"].iter().any(|e| w.ends_with(e));
            if possessive && t.cap && !self.t[p].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN) {
                let base = lower.trim_end_matches(['s', '\'', '\u{2019}']);
                if matches!(base, "it" | "he" | "she" | "that" | "there" | "what" | "who" | "here" | "let" | "this") {
                    return None;
                }
                // The name before the possessive: "Hillary Clinton's", "Sen. Ted Cruz's".
                let mut a = p;
                while a > s.first
                    && p - a < 6
                    && (self.t[a - 1].is_word() && self.t[a - 1].cap
                        || self.t[a - 1].is_punct('.') && a >= s.first + 2 && self.abbreviation(a - 2))
                {
                    a -= 1;
                }
                while a < p && !self.t[a].is_word() {
                    a += 1;
                }
                break (a, p + 1);
            }
            // "the governor's insistence that …", "the campaign's claim": a noun for a person or a body, with its article.
            let heads = flag::PERSON_ROLE | flag::ORGANISATION_ROLE | flag::OUTLET_ROLE | flag::ANONYMOUS | flag::VAGUE;
            if possessive && p > s.first && self.t[p - 1].is(flag::DETERMINER) && {
                let base = lower.trim_end_matches(['s', '\'', '\u{2019}']);
                self.lex.id(base).is_some_and(|id| self.lex.flags(Some(id)) & heads != 0)
            } {
                break (p - 1, p + 1);
            }
            if t.cap || t.is(flag::BARRIER | flag::DETERMINER | flag::AUXILIARY | flag::VERB) || possessive {
                return None;
            }
        };
        let e = k + 1;
        if e >= s.last {
            return None;
        }
        let next = self.word(e).to_lowercase();
        let (cue_end, content) = if self.t[e].is_word() && next == "that" {
            (k + 1, self.content_after(s, e + 1, s.last)?)
        } else if self.t[e].kind == Tk::Open || self.t[e].is_punct(':') {
            (k + 1, self.content_after(s, e, s.last)?)
        } else if self.t[e].is_word() && matches!(next.as_str(), "for" | "on" | "of" | "to" | "against" | "about") {
            // What it is about: the phrase after the preposition, to a mark, a verb or a clause of its own.
            let mut b = e + 1;
            while b < s.last && b - e <= 25 {
                let t = &self.t[b];
                let ends = match t.kind {
                    Tk::Open | Tk::Close => false,
                    Tk::Punct('.') if self.abbreviation(b - 1) && b + 1 < s.last => false,
                    _ if !t.is_word() => !t.is_punct('-'),
                    _ => t.is(flag::AUXILIARY) || (t.is(flag::BARRIER) && !t.is(flag::CONNECTOR | flag::PREPOSITION)),
                };
                if ends {
                    break;
                }
                b += 1;
            }
            let range = self.trim(e + 1, b);
            // "her criticism on Tuesday": a time says when, not what.
            if range.0 >= range.1
                || (range.0..range.1)
                    .all(|x| !self.t[x].is_word() || self.t[x].is(flag::MONTH | flag::FILLER | flag::DETERMINER))
            {
                return None;
            }
            (e + 1, range)
        } else {
            return None;
        };
        Some(Candidate { cue: (k, cue_end), source: whose, side: Side::After, content: Some(content), hedge: false })
    }

    /// A paragraph ending in a colon ("Reed said:", "Reed:") and the next opening with a quotation mark: that
    /// quotation, set off as a block, is what the paragraph introduces.
    fn block_quote(&self, s: Sentence) -> Option<(usize, usize)> {
        let p = self.paras[s.paragraph];
        if s.last != p.last || s.last <= s.first || !self.t[s.last - 1].is_punct(':') {
            return None;
        }
        let next = self.paras.get(s.paragraph + 1)?;
        if next.first >= next.last || self.t[next.first].kind != Tk::Open {
            return None;
        }
        let end = match self.t[next.first].pair {
            Some(close) if close < next.last => close + 1,
            _ => next.last.min(next.first + CONTENT_REACH),
        };
        Some(self.trim(next.first, end)).filter(|r| r.0 < r.1 && self.words_in(r.0, r.1) >= 3)
    }

    /// "Graham: Trump’s Rhetoric Destroying GOP’s Chance": a headline line, a name of up to four capitalised
    /// words, a colon and what they said, quoted or not.
    fn headline_content(&self, s: Sentence, fw: usize, colon: usize) -> Option<(usize, usize)> {
        let p = self.paras[s.paragraph];
        let pfw = self.first_word(Sentence { first: p.first, last: p.last, paragraph: s.paragraph });
        let opens = fw == pfw || (fw == pfw + 2 && self.t[pfw].is(flag::LABEL));
        if !opens {
            return None;
        }
        // "TAPPER: Do you think …": a transcript's speaker in capitals opens a paragraph of any length.
        let speaker = (fw..colon).all(|k| {
            let w = self.word(k);
            !self.t[k].is_word()
                || (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
        });
        // Counted up to 31: a megabyte-long paragraph costs no more than a headline.
        let alone = speaker || self.t[p.first..p.last].iter().filter(|t| t.is_word()).take(31).count() <= 30;
        // "Clinton to Planned Parenthood:", "Mukasey at RNC:": the speaker, then whom or where, in capitals too.
        let end = self.speaker_end(fw, colon);
        let named = end - fw <= 5
            && self.words_in(fw, end) <= 4
            && self.words_in(end, colon) <= 5
            && !self.t[fw].is(flag::DETERMINER | flag::BARRIER | flag::ADVERB)
            && (fw..colon).all(|k| {
                let t = &self.t[k];
                !t.is_word()
                    || k >= end
                    || ((t.cap || t.is(flag::ANONYMOUS | flag::ORGANISATION_ROLE)) && !t.is(flag::AUXILIARY))
            });
        // "Update: the minister said that …" is a label; the verb makes the attribution.
        if !(alone && named) || (!speaker && (colon..s.last).any(|k| self.t[k].is(flag::VERB) && !self.t[k].cap)) {
            return None;
        }
        Some(self.trim(colon + 1, s.last)).filter(|r| r.0 < r.1)
    }

    /// "reportedly", "it is understood that …": vague, no source.
    fn hedge(&self, s: Sentence, i: usize, n: usize) -> Option<Candidate> {
        // "It was announced on Tuesday that …": past when and where.
        let k = self.skip_fillers(s, i + n);
        let content = if k < s.last && self.t[k].is(flag::COMPLEMENTIZER) {
            self.content_after(s, k + 1, s.last)?
        } else {
            self.content_after(s, self.clause_start(s, i), s.last)?
        };
        Some(Candidate { cue: (i, i + n), source: (i, i), side: Side::After, content: Some(content), hedge: true })
    }

    /// A stance adjective after a form of "to be" and before "that": "Protesters were frustrated that the police …",
    /// "The minister is increasingly confident that …". Without "that" ("were frustrated by the delay"), nothing.
    fn stance_adjective(&self, s: Sentence, i: usize) -> Option<Candidate> {
        let that = i + 1;
        if that + 1 >= s.last || !self.t[that].is_word() || !self.word(that).eq_ignore_ascii_case("that") {
            return None;
        }
        let mut j = i;
        while j > s.first
            && self.t[j - 1].is_word()
            && !self.t[j - 1].cap
            && (self.t[j - 1].is(flag::ADVERB) || (self.word(j - 1).ends_with("ly") && self.word(j - 1).len() > 4))
        {
            j -= 1;
        }
        // "were frustrated", and linking verbs too: "remains convinced that", "seemed confident that".
        let linking = j > s.first
            && matches!(
                self.word(j - 1),
                "remain"
                    | "remains"
                    | "remained"
                    | "seem"
                    | "seems"
                    | "seemed"
                    | "appear"
                    | "appears"
                    | "appeared"
                    | "feel"
                    | "feels"
                    | "felt"
                    | "became"
                    | "become"
                    | "becomes"
                    | "grew"
            );
        if j == s.first || !(self.t[j - 1].is(flag::PASSIVE) || linking) || self.t[j - 1].cap {
            return None;
        }
        if linking {
            j -= 1;
        }
        while j > s.first
            && self.t[j - 1].is_word()
            && self.t[j - 1].is(flag::AUXILIARY | flag::ADVERB)
            && !self.t[j - 1].cap
        {
            j -= 1;
        }
        let source = self.source_left(s, j)?;
        let content = self.content_after(s, that + 1, s.last)?;
        Some(Candidate { cue: (j, i + 1), source, side: Side::After, content: Some(content), hedge: false })
    }

    /// A reporting verb with its source before it ("X said …", "…, X said") or after it ("…, said X").
    fn verb(&self, s: Sentence, i: usize, n: usize) -> Option<Candidate> {
        // Auxiliaries and adverbs between source and verb belong to the cue: "has also said".
        let mut j = i;
        let mut passive = false;
        while j > s.first {
            let p = &self.t[j - 1];
            if p.is_word() && (p.is(flag::AUXILIARY) || p.is(flag::ADVERB)) && !p.cap {
                passive |= p.is(flag::PASSIVE);
                j -= 1;
            } else if p.is_word() && !p.cap && p.flags == 0 && self.adverb_after_subject(s, j - 1) {
                j -= 1;
            } else {
                break;
            }
        }
        let verb_text = self.word(i);
        if j == i && self.naming(s, i) {
            return None;
        }
        if passive && !verb_text.ends_with("ing") {
            return self.passive_agent(s, j, i + n);
        }
        // A capitalised "Post" or "State" is part of a name, and "their calls", "the candidate’s vow" are nouns.
        // In a title-case headline "Bellwether County Says Trump Should Win" the verb is capitalised too.
        let headline_verb =
            !self.t[i].is(flag::WEAK) && i > s.first && self.t[i - 1].cap && s.last - s.first <= 40 && {
                let words = self.words_in(s.first, s.last);
                let caps = (s.first..s.last).filter(|&k| self.t[k].cap).count();
                words >= 4 && caps * 4 >= words * 3
            };
        if self.t[i].cap && !headline_verb {
            return None;
        }
        if j == i && i > s.first {
            let p = &self.t[i - 1];
            let possessive = p.is_word() && {
                let w = self.word(i - 1);
                (w.ends_with("'s") || w.ends_with("\u{2019}s")) && !p.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
            };
            // "Some say", "One in three said", "the two said" are sources, not "the say";
            // "one million tweets", "two shows" are nouns.
            let counts = p.digit || p.is(flag::VAGUE | flag::NUMBER_WORD);
            if counts && verb_text.ends_with('s') && !verb_text.ends_with("ss") && !p.is(flag::VAGUE) {
                return None;
            }
            // "384 pledged delegates": a participle between a figure and a plain noun describes the noun.
            if p.digit
                && verb_text.ends_with("ed")
                && i + n < s.last
                && self.t[i + n].is_word()
                && !self.t[i + n].cap
                && !self.t[i + n].is(flag::FUNCTION_WORD | flag::BARRIER | flag::AUXILIARY)
            {
                return None;
            }
            // "her call for a recount", "their claims": after a possessive the word is a noun ("her" is never a subject).
            let whose = p.is_word()
                && matches!(
                    self.word(i - 1).to_lowercase().as_str(),
                    "his" | "her" | "its" | "their" | "our" | "my" | "your"
                );
            if possessive
                || whose
                || (p.is_word()
                    && p.is(flag::DETERMINER)
                    && !p.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
                    && !counts)
            {
                return None;
            }
        }
        let cue = (j, i + n);
        // "A 2014 study by a law professor found 31 cases …", "The average of polls taken over two weeks shows …":
        // a document, however long the phrase it heads, reports what follows.
        if self.t[i + n - 1].is(flag::WEAK)
            && let Some(source) = self.long_subject_of(s, j, true)
            && self.document_head(source)
        {
            return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
        }
        // "Sen. Bernie Sanders (I-Vt.) on Saturday criticized …": a time between subject and verb is not the source.
        // "The State Department less than two weeks ago said": so is a span of time ending in "ago".
        let ago = j > s.first + 1 && self.t[j - 1].is_word() && self.word(j - 1).eq_ignore_ascii_case("ago");
        let mut when = j;
        while when > s.first + 1 && j - when < if ago { 6 } else { 4 } && self.t[when - 1].is_word() && {
            let w = self.word(when - 1).to_ascii_lowercase();
            matches!(
                w.as_str(),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "on"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "today"
                    | "yesterday"
            ) || (ago
                && (self.t[when - 1].digit
                    || self.t[when - 1].is(flag::NUMBER_WORD)
                    || matches!(
                        w.as_str(),
                        "ago"
                            | "a"
                            | "few"
                            | "than"
                            | "less"
                            | "more"
                            | "about"
                            | "just"
                            | "day"
                            | "days"
                            | "week"
                            | "weeks"
                            | "month"
                            | "months"
                            | "year"
                            | "years"
                    )))
        } {
            when -= 1;
        }
        let timed = when < j && (ago || (when..j).any(|k| self.t[k].cap));
        if timed
            && let Some(source) = self.source_left(s, when)
            && (self.names_someone(source.0, source.1)
                || (source.0..source.1)
                    .any(|k| self.t[k].is(flag::PERSON_ROLE | flag::ORGANISATION_ROLE | flag::OUTLET_ROLE)))
        {
            return self.place(s, cue, source);
        }
        // "Speaker Paul Ryan, the party's leader, on Tuesday called …": the subject and its apposition before the time.
        if timed && let Some(source) = self.apposed_subject(s, when) {
            return self.place(s, cue, source);
        }
        // The day itself is no source.
        if let Some(source) = self.source_left(s, j).filter(|src| !(timed && src.0 >= when)) {
            return self.place(s, cue, source);
        }
        // "Sandra Inman, a Cruz supporter from Jackson, Miss., said she …": a name and its apposition open the sentence.
        // "Sanders remains committed to the race, his top aide, Tad Devine, said.": a clause, then a name set off
        // by commas before the verb — the name is the source, the clause what was said.
        if j > s.first + 4
            && self.t[j - 1].is_punct(',')
            && let Some(m) = (s.first.max(j.saturating_sub(12))..j - 1).rev().find(|&m| self.t[m].is_punct(','))
            && let Some(source) = self.source_left(s, m)
            && (self.names_someone(source.0, source.1)
                || (source.0..source.1).any(|k| self.t[k].is(flag::PERSON_ROLE | flag::ORGANISATION_ROLE)))
            && source.0 > s.first + 1
            && self.t[source.0 - 1].is_punct(',')
            && self.words_in(self.first_word(s), source.0) >= 4
            && (m + 1..j - 1).all(|k| self.t[k].is_word() || self.t[k].is_punct('.'))
            && self.t[m + 1].cap
            && let Some(content) = self.content_before(s, source.0)
            && self.words_in(content.0, content.1) >= 4
            && (content.0..content.1).any(|k| {
                self.t[k].is(flag::AUXILIARY | flag::VERB | flag::ACTION) || {
                    let w = self.word(k);
                    !self.t[k].cap && w.len() > 3 && (w.ends_with("ed") || w.ends_with('s'))
                }
            })
            && (j + 1 >= s.last || matches!(self.t[j + 1].kind, Tk::Punct(_)) || self.t[i + n - 1].is(flag::TELL))
        {
            return Some(Candidate {
                cue,
                source: (source.0, j - 1),
                side: Side::Before,
                content: Some(content),
                hedge: false,
            });
        }
        if let Some(source) = self.apposed_subject(s, j) {
            return self.place(s, cue, source);
        }
        // "…,” said Trump." — the source after the verb.
        if j > s.first
            && matches!(self.t[j - 1].kind, Tk::Close | Tk::Punct(',' | '\u{2014}'))
            && self.t[i].is(flag::INVERTIBLE)
            && let Some(source) = self.source_right(s, i + n)
        {
            let e = source.1;
            let closes = e >= s.last
                || matches!(self.t[e].kind, Tk::Close | Tk::Punct(',' | '.' | ';' | '!' | '?' | '\u{2014}' | '('))
                || self.t[e].is(flag::FILLER)
                || self.t[e].is(flag::SOURCE_ENDER);
            if closes {
                let content = self.content_before(s, j)?;
                let source = self.apposition_after(s, source);
                return Some(Candidate { cue, source, side: Side::Before, content: Some(content), hedge: false });
            }
        }
        // "…, saying …", "…, citing …": the participle reports for the sentence's subject.
        // "…after saying in a debate that …", "…by saying it was …": so does one after a preposition.
        // "…called it “a disgrace,” adding …": the comma may sit inside the closing mark.
        let participle_after = j > s.first + 1
            && (matches!(self.t[j - 1].kind, Tk::Punct(',' | '\u{2014}' | '\u{2013}'))
                || (self.t[j - 1].kind == Tk::Close && self.t[j - 2].is_punct(','))
                || (self.t[j - 1].is_word()
                    && !self.t[j - 1].cap
                    && (self.t[j - 1].is(flag::PREPOSITION)
                        || matches!(self.word(j - 1), "after" | "before" | "while" | "when" | "by" | "without"))));
        if participle_after && j == i && self.word(i).ends_with("ing") {
            if let Some(source) = self.prev_source {
                return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
            }
            if let Some(source) = self.sentence_subject(s, j) {
                return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
            }
        }
        // "Giles attempted to re-engage the campaign and said he had …": a second verb of the sentence's subject.
        if j > s.first + 1
            && self.t[j - 1].is_word()
            && matches!(self.word(j - 1), "and" | "but")
            && let Some(source) = self.prev_source.or_else(|| self.sentence_subject(s, j))
        {
            return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
        }
        // "Democratic voters are more likely to say that …", "O'Malley interjected to say": an infinitive of
        // the subject's, a few words after it in the same clause ("It is hard to say" names nobody).
        if j == i
            && j > s.first + 1
            && self.t[j - 1].is_word()
            && self.word(j - 1) == "to"
            && let Some(source) = self.sentence_subject(s, j - 1)
            && j - 1 - source.1 <= 6
            && (source.1..j - 1).all(|k| self.t[k].is_word() && !self.t[k].is(flag::COMPLEMENTIZER))
            && !(source.1 - source.0 == 1 && self.t[source.0].is(flag::OTHER_PRONOUN))
        {
            return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
        }
        // "Joyce — who is listed as an attorney — told …": the subject before an aside set off by dashes.
        if j > s.first + 2 && matches!(self.t[j - 1].kind, Tk::Punct('\u{2014}' | '\u{2013}')) {
            let dash = self.t[j - 1].kind;
            let mut m = j - 2;
            while m > s.first && j - m < 30 && self.t[m].kind != dash {
                m -= 1;
            }
            if m > s.first
                && self.t[m].kind == dash
                && let Some(source) = self.source_left(s, m)
                && self.names_someone(source.0, source.1)
            {
                let mut first = self.first_word(s);
                while first < source.0 && self.t[first].is(flag::BARRIER) {
                    first += 1;
                }
                let lead = first >= source.0 || matches!(self.t[source.0 - 1].kind, Tk::Close | Tk::Punct(','));
                if lead {
                    return self.place(s, cue, source);
                }
            }
        }
        // "Tester, himself up for reelection, said …", "“…,” Graham, a former candidate, told CBS":
        // the subject before a parenthetical.
        if j > s.first + 1 && self.t[j - 1].is_punct(',') {
            let mut m = j - 1;
            while m > s.first && j - m < 25 && !self.t[m - 1].is_punct(',') {
                m -= 1;
            }
            if m > s.first + 1
                && let Some(source) = self.source_left(s, m - 1)
            {
                let mut first = self.first_word(s);
                while first < source.0 && self.t[first].is(flag::BARRIER) {
                    first += 1;
                }
                let lead = first >= source.0 || matches!(self.t[source.0 - 1].kind, Tk::Close | Tk::Punct(','));
                if lead {
                    return self.place(s, cue, source);
                }
            }
        }
        // "People briefed on the move said that …", "Several people I've spoken with said …": a long subject,
        // taken only when a verb of saying introduces what was said.
        let say = self.t[i + n - 1].is(flag::INVERTIBLE | flag::TELL) && !self.t[i + n - 1].is(flag::WEAK | flag::AS);
        let next = i + n;
        // "Political observers in Virginia and around the country say Scott deserves …": a verb of saying takes
        // a clause whose subject opens at once.
        if say
            && next < s.last
            && (self.t[next].is(flag::COMPLEMENTIZER)
                || matches!(self.t[next].kind, Tk::Open | Tk::Punct(':'))
                || self.bare_clause(s, next)
                || (self.t[next].is_word()
                    && (self.t[next].cap || self.t[next].is(flag::DETERMINER))
                    && !self.t[next].is(flag::TELL | flag::FILLER | flag::MONTH)))
            && let Some(source) = self.long_subject(s, j)
        {
            return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
        }
        None
    }

    /// Whether "called" or "named" at `i` names something rather than reports: "a website called Real News",
    /// "one PAC called Stop Hillary" — an indefinite thing (no person, no unnamed source) and a name after it.
    fn naming(&self, s: Sentence, i: usize) -> bool {
        if !matches!(self.word(i), "called" | "named" | "dubbed") || i < s.first + 2 || i + 1 >= s.last {
            return false;
        }
        let next = &self.t[i + 1];
        if !(next.kind == Tk::Open || (next.is_word() && next.cap)) {
            return false;
        }
        let who = flag::PERSON_ROLE | flag::ANONYMOUS | flag::VAGUE | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN;
        let head = &self.t[i - 1];
        if !head.is_word() || head.cap || head.is(who | flag::BARRIER) {
            return false;
        }
        (s.first..i - 1)
            .rev()
            .take(5)
            .take_while(|&k| self.t[k].is_word() && !self.t[k].is(who))
            .any(|k| matches!(self.word(k).to_ascii_lowercase().as_str(), "a" | "an" | "another" | "one"))
    }

    /// Whether a subject is headed by a document: "A 2014 study by …", "The Real Clear Politics average of polls …"
    /// (a document noun before the first preposition).
    fn document_head(&self, (a, b): (usize, usize)) -> bool {
        (a..b)
            .take_while(|&k| (self.t[k].cap || !self.t[k].is(flag::PREPOSITION)) && k < a + 8)
            .any(|k| self.t[k].is(flag::DOCUMENT))
    }

    /// The whole subject opening the sentence before a verb at `j`, however long, when it is a noun phrase:
    /// a name or a noun for people first, then modifiers or a relative clause, no clause of its own before that.
    fn long_subject(&self, s: Sentence, j: usize) -> Option<(usize, usize)> {
        self.long_subject_of(s, j, false)
    }

    /// The long subject; with `participles`, past participles may modify it ("polls taken over two weeks").
    fn long_subject_of(&self, s: Sentence, j: usize, participles: bool) -> Option<(usize, usize)> {
        let mut a = self.first_word(s);
        while a < j && self.t[a].is(flag::BARRIER) && !self.t[a].is(flag::DETERMINER) {
            a += 1;
        }
        let mut b = j;
        while b > a && self.t[b - 1].is_punct(',') {
            b -= 1;
        }
        if a >= b || self.words_in(a, b) > 25 || self.words_in(a, b) < 2 {
            return None;
        }
        let first = &self.t[a];
        // "All the experts I interviewed said …": a quantifier may open it.
        let quantifier = matches!(self.word(a).to_lowercase().as_str(), "all" | "none" | "each" | "both" | "few");
        if !(quantifier
            || first.cap
            || first.digit
            || first.is(flag::DETERMINER | flag::VAGUE | flag::ANONYMOUS | flag::NUMBER_WORD))
            || first.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN | flag::COMPLEMENTIZER | flag::PREPOSITION)
        {
            return None;
        }
        // Someone in the first four words: a name, or a noun for people, a body or a document.
        let heads = flag::ANONYMOUS
            | flag::VAGUE
            | flag::PERSON_ROLE
            | flag::ORGANISATION_ROLE
            | flag::OUTLET_ROLE
            | flag::DOCUMENT;
        if !(a..b.min(a + 4)).any(|k| {
            self.t[k].is(heads) || (self.t[k].cap && !self.t[k].is(flag::DETERMINER | flag::BARRIER | flag::ADVERB))
        }) {
            return None;
        }
        let mut relative = false;
        for k in a..b {
            let t = &self.t[k];
            match t.kind {
                Tk::Word => {}
                Tk::Punct(',' | '.' | '-' | '(' | ')' | '&') => continue,
                _ => return None,
            }
            let w = self.word(k).to_lowercase();
            if matches!(
                w.as_str(),
                "because"
                    | "although"
                    | "though"
                    | "if"
                    | "unless"
                    | "whereas"
                    | "when"
                    | "while"
                    | "since"
                    | "until"
                    | "whether"
                    | "how"
                    | "what"
                    | "but"
                    | "so"
                    | "yet"
                    | "as"
                    | "than"
                    | "there"
                    | "it"
            ) {
                return None;
            }
            let base = w.split(['\'', '\u{2019}']).next().unwrap_or("");
            if k > a
                && !relative
                && (matches!(
                    base,
                    "who" | "which" | "that" | "whom" | "whose" | "i" | "we" | "they" | "he" | "she" | "you"
                ))
            {
                relative = true;
                continue;
            }
            if !relative
                && !t.cap
                && t.is(flag::AUXILIARY | flag::VERB | flag::ACTION)
                && (!participles || t.is(flag::AUXILIARY))
            {
                return None;
            }
        }
        Some((a, b))
    }

    /// Whether token `k`, before a verb, is a manner adverb the lexicon does not list ("Clinton emphatically
    /// proclaimed", "I sincerely hope", "wouldn't directly speculate", "… and officially endorsed"): a long "-ly"
    /// word after a name, a pronoun, a noun that names people, an auxiliary, or "and"/"but".
    fn adverb_after_subject(&self, s: Sentence, k: usize) -> bool {
        let w = self.word(k);
        if !(w.ends_with("ly") && w.chars().count() >= 7) || k == s.first {
            return false;
        }
        let p = &self.t[k - 1];
        let possessive = {
            let pw = self.word(k - 1);
            pw.ends_with("'s") || pw.ends_with("\u{2019}s")
        };
        p.is_word()
            && !possessive
            && (p.cap
                || matches!(self.word(k - 1), "and" | "but")
                || p.is(flag::AUXILIARY | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN | flag::ANONYMOUS | flag::VAGUE)
                || p.is(flag::PERSON_ROLE | flag::ORGANISATION_ROLE | flag::OUTLET_ROLE))
    }

    /// A source after its verb with a description closing the sentence: "…,” said Jim Clyburn, a congressman
    /// from South Carolina." takes the description (and a relative clause in it) too.
    fn apposition_after(&self, s: Sentence, source: (usize, usize)) -> (usize, usize) {
        let comma = source.1;
        if comma + 2 >= s.last || !self.t[comma].is_punct(',') {
            return source;
        }
        let mut end = s.last;
        // "…, said Stephanie Formas, the campaign's spokeswoman, adding that …": up to the participle.
        if let Some(k) = (comma + 2..s.last.min(comma + 30)).find(|&k| {
            self.t[k].is_punct(',')
                && self.t.get(k + 1).is_some_and(|n| n.is_word() && !n.cap)
                && k + 1 < s.last
                && self.word(k + 1).ends_with("ing")
        }) {
            end = k;
        }
        while end > comma + 1 && matches!(self.t[end - 1].kind, Tk::Punct('.' | '!' | '?') | Tk::Close) {
            end -= 1;
        }
        let first = &self.t[comma + 1];
        let who = first.is_word() && !first.cap && matches!(self.word(comma + 1), "who" | "whose");
        let opens = who
            || (first.is_word()
                && (first.is(flag::DETERMINER | flag::TITLE | flag::PERSON_ROLE) || first.cap)
                && !first.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN | flag::BARRIER | flag::MONTH));
        if !opens || end <= comma + 1 || self.words_in(comma + 1, end) > 25 {
            return source;
        }
        let mut relative = false;
        for k in comma + 1..end {
            let t = &self.t[k];
            match t.kind {
                Tk::Word => {}
                Tk::Punct('.') if self.abbreviation(k - 1) => continue,
                Tk::Punct(',' | '(' | ')' | '-') => continue,
                _ => return source,
            }
            if !t.cap && matches!(self.word(k), "who" | "which" | "whose") {
                relative = true;
            }
            if !relative && !t.cap && t.is(flag::AUXILIARY | flag::VERB | flag::COMPLEMENTIZER) {
                return source;
            }
        }
        (source.0, end)
    }

    /// A passive report with its agent: "Rubio was asked by the moderator whether …" (the moderator asked what
    /// follows), "The mayor has been endorsed by the union" (the union endorsed the subject).
    fn passive_agent(&self, s: Sentence, j: usize, after: usize) -> Option<Candidate> {
        if after + 1 >= s.last || !self.t[after].is_word() || self.word(after) != "by" {
            return None;
        }
        let agent = self.source_right(s, after + 1)?;
        if !self.names_someone(agent.0, agent.1) && !self.t[agent.0].is(flag::DETERMINER) {
            return None;
        }
        let cue = (j, after + 1);
        let e = agent.1;
        if e < s.last && (self.t[e].is(flag::COMPLEMENTIZER) || matches!(self.t[e].kind, Tk::Open | Tk::Punct(':'))) {
            let content = self.content_after(s, if self.t[e].is(flag::COMPLEMENTIZER) { e + 1 } else { e }, s.last)?;
            return Some(Candidate { cue, source: agent, side: Side::After, content: Some(content), hedge: false });
        }
        // Only a stance taken on the subject: "has been endorsed by", "was criticized by".
        if self.t[cue.1 - 2].is(flag::TELL) || !(e >= s.last || matches!(self.t[e].kind, Tk::Punct(_))) {
            return None;
        }
        let subject = self.source_left(s, j).filter(|x| x.1 == j && self.names_someone(x.0, x.1))?;
        Some(Candidate { cue, source: agent, side: Side::Before, content: Some(subject), hedge: false })
    }

    /// The subject of a verb at `j` when a name, then commas setting off who they are, open the sentence:
    /// "Murphy, though, said", "Anne Richards, assistant secretary of state, said". The source takes the apposition.
    fn apposed_subject(&self, s: Sentence, j: usize) -> Option<(usize, usize)> {
        if j < s.first + 3 || self.t[j - 2].kind == Tk::Close {
            return None;
        }
        // "A former candidate — John McCain, who lost in 2008 — said": dashes set the apposition off as commas do.
        let mark = match self.t[j - 1].kind {
            Tk::Punct(c @ (',' | '\u{2014}' | '\u{2013}')) => c,
            _ => return None,
        };
        let mut first = self.first_word(s);
        // "“Very good reporter,” Trump, the GOP frontrunner, said …": the subject follows the quote.
        if self.t[s.first].kind == Tk::Open
            && let Some(close) = self.t[s.first].pair.filter(|&c| c + 2 < j)
        {
            first = close + 1;
            while first < j && !self.t[first].is_word() {
                first += 1;
            }
        }
        while first < j && self.t[first].is_word() && self.t[first].is(flag::BARRIER) && !self.t[first].cap {
            first += 1;
        }
        // "In a statement, one of the family's lawyers, Ann Cole, said": past a lead-in phrase.
        if first < j && self.t[first].is(flag::PREPOSITION) {
            first = self.lead_end(first, j);
        }
        // Past one leading "But", "And", "Yet" ("In …" opens a phrase of its own, not a subject).
        if first < j
            && self.t[first].is_word()
            && self.t[first].is(flag::BARRIER)
            && !self.t[first].is(flag::PREPOSITION)
            && self.t[first].cap
        {
            first += 1;
        }
        if first >= j || j - first > 40 {
            return None;
        }
        let comma = (first..j.min(first + SOURCE_REACH + 2)).find(|&k| self.t[k].is_punct(mark))?;
        if comma == j - 1 {
            // "Sen. Jack Reed (D-R.I.), said …": a stray comma after the subject.
            return self.source_left(s, comma).filter(|h| {
                h.0 <= first
                    && self.names_someone(h.0, h.1)
                    && (h.0..h.1).all(|k| {
                        let t = &self.t[k];
                        !t.is_word() || t.cap || t.digit || t.is(flag::CONNECTOR | flag::DETERMINER)
                    })
            });
        }
        // "the field's biggest hawks, like Rubio and Bush, say": a determiner opens the subject.
        // "One delegate not on the Cruz slate, Kelly Schmdit, told": the whole opening phrase.
        let head = match self.source_left(s, comma) {
            Some(h) if h.0 <= first => h,
            // "The plans are steps in the right direction, Anne Richards, …, said": a clause is what was said, not who.
            _ if (self.t[first].is(flag::DETERMINER) || (self.t[first].cap && !self.t[first].is(flag::BARRIER)))
                && !(first..comma).any(|k| {
                    (self.t[k].is(flag::AUXILIARY | flag::VERB | flag::ACTION) && !self.t[k].cap)
                        || self.t[k].is_punct(',')
                }) =>
            {
                (first, comma)
            }
            _ => return None,
        };
        if head.0 > first || !self.names_someone(head.0, head.1) && !self.t[head.0].is(flag::DETERMINER) {
            return None;
        }
        // The apposition holds no verb of its own that reports, and no full stop.
        // "Humphrey, who calls Trump a “sociopath,” said": a relative clause may hold a verb.
        // "Kasich, a Republican who has refused to endorse him, said": the relative may follow a noun.
        let relative = (comma + 1..j).any(|k| self.t[k].is_word() && matches!(self.word(k), "who" | "whose" | "who's"));
        // "…, it is highly unusual …, said Latimer": a clause with a verb of its own is no apposition either.
        if (comma..j).any(|k| {
            let t = &self.t[k];
            (t.is(flag::VERB) && !relative) || (t.is(flag::AUXILIARY) && !t.cap && !relative) || t.is_punct(';')
        }) {
            return None;
        }
        // "Smith, in a statement, blamed …": an aside that a preposition opens says how, not who.
        if self.t[comma + 1].is(flag::PREPOSITION) && !self.t[comma + 1].cap {
            return Some(head);
        }
        Some((head.0, j - 1))
    }

    /// Where the subject starts past an opening "On Sunday,", "Realistically,", "In a statement,": the first word
    /// after the lead-in, or `fw` when there is none (before token `j`).
    fn lead_end(&self, fw: usize, j: usize) -> usize {
        let mut fw = fw;
        // Past an opening "On Sunday,", "Realistically,", "In a statement,".
        // "In an interview with The Wall Street Journal," may run longer when a preposition opens it.
        let reach = if self.t[fw].is(flag::PREPOSITION) { 14 } else { 6 };
        if let Some(comma) = (fw..j.min(fw + reach)).find(|&k| self.t[k].is_punct(','))
            && comma + 1 < j
            && (fw..comma).all(|k| self.t[k].is_word())
            && (fw..comma).any(|k| {
                self.t[k].is(flag::MONTH | flag::BARRIER | flag::ADVERB) || {
                    let w = self.word(k);
                    w.ends_with("ly") || w.ends_with("ing")
                }
            })
        {
            fw = comma + 1;
            // "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton …": a place and a day may each take a comma.
            while let Some(next) = (fw..j.min(fw + 6)).find(|&k| self.t[k].is_punct(','))
                && next + 1 < j
                && (fw..next).all(|k| {
                    let t = &self.t[k];
                    t.is_word()
                        && (t.cap || t.digit || t.is(flag::MONTH | flag::PREPOSITION | flag::FILLER | flag::ADVERB))
                })
                && ((fw..next).any(|k| self.t[k].is(flag::MONTH | flag::PREPOSITION) || self.t[k].digit)
                    // "On Thursday, however, Trump …".
                    || (next == fw + 1 && self.t[fw].is(flag::ADVERB | flag::BARRIER))
                    || (next - fw <= 2
                        && fw >= 2
                        && self.t[fw - 2].is_word()
                        && self.t[fw - 2].cap
                        && !self.t[fw - 2].is(flag::MONTH)))
            {
                fw = next + 1;
            }
        }
        fw
    }

    /// The subject opening the sentence before token `j`: a run of capitalised words, a determiner phrase or a pronoun,
    /// past an opening "On Sunday," or "But".
    fn sentence_subject(&self, s: Sentence, j: usize) -> Option<(usize, usize)> {
        let mut fw = self.lead_end(self.first_word(s), j);
        while fw < j && self.t[fw].is(flag::BARRIER) {
            fw += 1;
        }
        let mut e = fw;
        while e < j.min(fw + 8) {
            let t = &self.t[e];
            let part = t.is_word()
                && (t.cap
                    || t.is(flag::DETERMINER | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
                    || (t.is(flag::CONNECTOR) && e > fw));
            if part || (t.is_punct('.') && e > fw && self.abbreviation(e - 1)) {
                e += 1;
            } else {
                break;
            }
        }
        // "Democratic voters", "Pentagon officials": a name used as a modifier, then the noun it modifies.
        let heads = flag::PERSON_ROLE | flag::ORGANISATION_ROLE | flag::OUTLET_ROLE | flag::ANONYMOUS | flag::VAGUE;
        if e > fw && e < j && self.t[e - 1].cap && self.t[e].is_word() && !self.t[e].cap && self.t[e].is(heads) {
            e += 1;
        }
        // "The billionaire businessman began …": a determiner, then words up to a noun that names a person or a body.
        if e > fw
            && self.t[e - 1].is(flag::DETERMINER)
            && !self.t[e - 1].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
            && let Some(h) = (e..j.min(e + 4))
                .take_while(|&k| self.t[k].is_word() && !self.t[k].is(flag::VERB | flag::AUXILIARY | flag::BARRIER))
                .find(|&k| self.t[k].is(heads))
        {
            return Some((fw, h + 1));
        }
        while e > fw
            && self.t[e - 1].is(flag::CONNECTOR | flag::DETERMINER)
            && !self.t[e - 1].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
        {
            e -= 1;
        }
        // "It's …", "The party's …": a contraction or a possessive is no subject; "He's comparing …" is one.
        let possessive = e > fw && {
            let w = self.word(e - 1);
            (w.ends_with("'s") || w.ends_with("\u{2019}s"))
                && !(e - fw == 1 && matches!(w.to_lowercase().split(['\'', '\u{2019}']).next(), Some("he" | "she")))
        };
        if e > fw
            && !possessive
            && (fw..e).any(|k| self.t[k].cap || self.t[k].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN))
        {
            return Some((fw, e));
        }
        None
    }

    /// A source phrase cut before a verb of its own, outside a relative clause: "His campaign sued the DNC …,
    /// seeking …" is "His campaign"; "Sen. Kirk, who faces a tough race," keeps its clause.
    fn clause_free_source(&self, (a, b): (usize, usize)) -> (usize, usize) {
        for k in a..b {
            let t = &self.t[k];
            if !t.is_word() || t.cap {
                continue;
            }
            if matches!(self.word(k), "who" | "which" | "whose" | "whom" | "that") {
                break;
            }
            if (t.is(flag::VERB) && !t.is(flag::WEAK)) || t.is(flag::ACTION) {
                let (x, y) = self.trim(a, k);
                if x < y && self.names_someone(x, y) {
                    return (x, y);
                }
                break;
            }
        }
        (a, b)
    }

    /// Which side of a verb cue with its source before it the content lies on.
    fn place(&self, s: Sentence, cue: (usize, usize), source: (usize, usize)) -> Option<Candidate> {
        let source = self.clause_free_source(source);
        let before_source = source.0;
        let next = cue.1;
        let after = self.skip_fillers(s, next);
        let lands_on_content = next < s.last
            && (self.t[next].kind == Tk::Open
                || self.t[next].is(flag::COMPLEMENTIZER)
                || (after > next
                    && after < s.last
                    && (self.t[after].is(flag::COMPLEMENTIZER)
                        || matches!(self.t[after].kind, Tk::Open | Tk::Punct(':')))));
        let ends = |k: usize| {
            k >= s.last || matches!(self.t[k].kind, Tk::Punct(',' | '.' | '!' | '?' | ';' | '\u{2014}' | '\u{2013}'))
        };
        // After a closing quote, "…,” he said at a rally in Ohio." still reports the quote.
        let after_quote = before_source > s.first
            && (self.t[before_source - 1].kind == Tk::Close
                || (before_source >= s.first + 2
                    && self.t[before_source - 1].is_punct(',')
                    && self.t[before_source - 2].kind == Tk::Close));
        let trailing = ends(after)
            || ends(next)
            || (after_quote
                && self.t[next].is_word()
                && self.t[next].is(flag::FILLER)
                && !self.t[next].is(flag::COMPLEMENTIZER));
        let set_off = before_source > s.first
            && matches!(self.t[before_source - 1].kind, Tk::Close | Tk::Punct(',' | '\u{2014}' | '\u{2013}' | ';'));
        // Right after a closing quote the content is that quote, unless "that", a colon or a quote opens at once.
        let opens_at_once = next < s.last
            && (self.t[next].is(flag::COMPLEMENTIZER)
                || matches!(self.t[next].kind, Tk::Open | Tk::Punct(':'))
                || (after > next && after < s.last && self.t[after].is(flag::COMPLEMENTIZER)));
        // What follows the verb: a clause of its own has an auxiliary, "that", a colon or a quote; "said on the same
        // call", "said as he launched the process" only say when or where (counted up to 13 words).
        let clause_after = (next..s.last.min(next + 24))
            .take_while(|&k| !matches!(self.t[k].kind, Tk::Punct(',' | ';' | '\u{2014}' | '\u{2013}')))
            .any(|k| {
                let t = &self.t[k];
                (t.is(flag::AUXILIARY | flag::COMPLEMENTIZER) && !t.cap) || matches!(t.kind, Tk::Open | Tk::Punct(':'))
            });
        // What comes before the source is a quote or a clause, not a lead-in ("Friday morning, as …, CNN reported").
        let said_before = || {
            self.content_before(s, before_source).is_some_and(|c| {
                let first = &self.t[c.0];
                self.t[c.1 - 1].kind == Tk::Close
                    || first.is(flag::DETERMINER)
                    || !first.is(flag::MONTH | flag::PREPOSITION | flag::FILLER | flag::BARRIER)
            })
        };
        let say = self.t[cue.1 - 1].is(flag::INVERTIBLE);
        let adjunct = say
            && next < s.last
            && self.t[next].is_word()
            && !self.word(next).eq_ignore_ascii_case("to")
            && !self.t[next].cap
            && (self.t[next].is(flag::PREPOSITION)
                || (self.t[next].is(flag::FILLER | flag::BARRIER)
                    && !self.t[next].is(flag::DETERMINER | flag::COMPLEMENTIZER | flag::AUXILIARY)))
            && (next..s.last).filter(|&k| self.t[k].is_word()).take(13).count() <= 12
            && !clause_after
            && said_before();
        // "…“Marco! Marco!,” the senator said his campaign was …": after a quote, a verb opening a clause reports it.
        let opens_clause = !self.t[cue.1 - 1].is(flag::TELL)
            && next < s.last
            && self.t[next].is_word()
            && (self.t[next].is(flag::DETERMINER | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
                || (self.t[next].cap && !self.t[next].is(flag::MONTH)))
            && !self.t[next].is(flag::COMPLEMENTIZER)
            && clause_after;
        // "…, the campaign told USA TODAY." — only who was told follows the verb.
        let told_only = self.t[cue.1 - 1].is(flag::TELL) && {
            // "…, he told the court in his filing.": whom, then where or when — a noun phrase, no clause of its own.
            let mut e = next;
            while e < s.last && e - next < 10 && self.t[e].is_word() && {
                let t = &self.t[e];
                let w = self.word(e);
                t.cap
                    || t.is(flag::DETERMINER | flag::FILLER | flag::PREPOSITION | flag::CONNECTOR)
                    || (t.flags & (flag::VERB | flag::AUXILIARY | flag::BARRIER | flag::PERSON_PRONOUN | flag::ACTION)
                        == 0
                        && !(w.len() > 4 && w.ends_with("ed")))
                    || matches!(w, "him" | "her" | "them" | "us" | "me")
            } {
                e += 1;
            }
            // "Instead, Trump told CNN, his policy …": after a one-word lead-in the comma opens what was told.
            let lead_in = e < s.last
                && self.t[e].is_punct(',')
                && self.content_before(s, before_source).is_some_and(|c| self.words_in(c.0, c.1) < 3);
            e > next && ends(e) && !lead_in && said_before()
        } || (after_quote && self.t[cue.1 - 1].is(flag::TELL) && !clause_after && {
            // "“…?” Obama asked Republican senators at the dinner.": whom and where, no clause.
            (next..s.last.min(next + 16))
                .take_while(|&k| !matches!(self.t[k].kind, Tk::Punct('.' | '!' | '?' | ';')))
                .all(|k| !self.t[k].is(flag::COMPLEMENTIZER | flag::VERB) || self.t[k].cap)
        });
        let (trailing, lands_on_content) = if after_quote {
            (true, opens_at_once || opens_clause)
        } else {
            (trailing || adjunct || told_only, lands_on_content)
        };
        // "The economy is weak, as Smith said last week.", "the race “is a dead heat,” as Cruz said on Monday, only
        // magnifies …": what "as" attributes comes before it, whatever follows the verb.
        if before_source >= s.first + 2
            && self.t[before_source - 1].is_word()
            && self.word(before_source - 1) == "as"
            && matches!(self.t[before_source - 2].kind, Tk::Close | Tk::Punct(',' | '\u{2014}'))
            && !clause_after
            && (ends(next)
                || (self.t[next].is_word()
                    && !self.t[next].cap
                    && self.t[next].is(flag::PREPOSITION | flag::FILLER)
                    && !self.t[next].is(flag::DETERMINER | flag::COMPLEMENTIZER)
                    && self.word(next) != "to"))
            && let Some(content) = self.content_before(s, before_source - 1)
            // "Of course, as Pollak observed, the biggest victor …": a short lead-in is not what was said.
            && (self.t[content.1 - 1].kind == Tk::Close || self.words_in(content.0, content.1) >= 4)
        {
            return Some(Candidate { cue, source, side: Side::Before, content: Some(content), hedge: false });
        }
        // "Sales were great, he said, wiping his brow": a participle after the verb says what the speaker did.
        let participle_next = next + 1 < s.last && {
            let n = &self.t[next + 1];
            n.is_word() && !n.cap && self.word(next + 1).ends_with("ing") && self.word(next + 1).len() > 5
        };
        // "In the end, Mr. Rosenthal said, union voters …": a short lead-in is not what was said.
        if set_off && !after_quote && !participle_next && next < s.last && self.t[next].is_punct(',') {
            // Counted up to 5 either way: a run-on sentence costs no more than a short one.
            let from = self.clause_start(s, before_source).max(self.floor);
            let before_words = (from..before_source).rev().filter(|&k| self.t[k].is_word()).take(5).count();
            let after_words = (next..s.last).filter(|&k| self.t[k].is_word()).take(5).count();
            if before_words < 5 && after_words > before_words {
                return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
            }
            // "During his years in office, Mr. Obama said, a majority of Americans …": a lead-in a preposition opens,
            // shorter than what follows, is not what was said either (counted up to 40).
            let first = (from..before_source).find(|&k| self.t[k].is_word());
            if let Some(f) = first
                && (self.t[f].is(flag::PREPOSITION)
                    || matches!(
                        self.word(f).to_lowercase().as_str(),
                        "during" | "after" | "before" | "since" | "despite"
                    ))
            {
                let before = (from..before_source).filter(|&k| self.t[k].is_word()).take(40).count();
                let after = (next..s.last).filter(|&k| self.t[k].is_word()).take(40).count();
                if after > before {
                    return Some(Candidate { cue, source, side: Side::After, content: None, hedge: false });
                }
            }
        }
        if set_off && trailing && !lands_on_content {
            let mut content = self.content_before(s, before_source)?;
            // "“Judge,” Brafman said, “I have never …”": the quote goes on after the cue; take the longer part.
            if next + 1 < s.last
                && self.t[next].is_punct(',')
                && self.t[next + 1].kind == Tk::Open
                && let Some(close) = self.t[next + 1].pair.filter(|&c| c < s.last)
                && (self.words_in(next + 1, close + 1) > self.words_in(content.0, content.1)
                    // "Asked what he wants, Adelson said, “…”": a lead-in clause is not what was said.
                    || (!after_quote && self.t[content.0].kind != Tk::Open && self.words_in(next + 1, close + 1) >= 3))
            {
                content = (next + 1, close + 1);
            }
            // "Weighing in on the debate, Huckabee agreed", "Asked about it, she said": a participle's phrase
            // opening the sentence says what the speaker was doing, not what was said.
            let lead = &self.t[content.0];
            // "Riding alone at night, they said, can be risky": a verb with no subject of its own after the tag
            // makes the participle's phrase the subject of what was said.
            let predicate = next + 1 < s.last
                && self.t[next].is_punct(',')
                && self.t[next + 1].is_word()
                && !self.t[next + 1].cap
                && !self.t[next + 1].is(flag::FUNCTION_WORD)
                && (self.t[next + 1].is(flag::AUXILIARY) || {
                    let w = self.word(next + 1);
                    w.len() > 3 && (w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss")))
                });
            if lead.is_word()
                && lead.cap
                && !predicate
                && content.0 == self.first_word(s)
                && (self.word(content.0).ends_with("ing") || matches!(self.word(content.0), "Asked" | "Pressed"))
                && !(content.0..content.1).any(|k| self.t[k].is(flag::AUXILIARY) || self.t[k].kind == Tk::Open)
            {
                return None;
            }
            return Some(Candidate { cue, source, side: Side::Before, content: Some(content), hedge: false });
        }
        Some(Candidate { cue, source, side: Side::After, content: None, hedge: false })
    }

    // ---- sources -----------------------------------------------------------

    fn abbreviation(&self, i: usize) -> bool {
        let t = &self.t[i];
        t.is_word() && (t.is(flag::ABBREVIATION) || (t.cap && self.word(i).chars().count() == 1))
    }

    /// The source phrase ending right before token `j`, walking left.
    fn source_left(&self, s: Sentence, j: usize) -> Option<(usize, usize)> {
        self.source_left_within(s, j, 2)
    }

    /// Whether a phrase starting at token `k` starts a clause: the sentence's start, or after a mark or a conjunction.
    fn clause_boundary(&self, s: Sentence, k: usize) -> bool {
        if k <= self.first_word(s) {
            return true;
        }
        let p = &self.t[k - 1];
        match p.kind {
            Tk::Open | Tk::Close => true,
            Tk::Punct(c) => matches!(c, ',' | ';' | ':' | '(' | '\u{2014}' | '\u{2013}'),
            Tk::Word => p.is(flag::BARRIER) && !p.is(flag::PREPOSITION | flag::AUXILIARY | flag::FILLER),
        }
    }

    /// The source phrase ending right before token `j`, taking up to `hops` prepositional phrases that say
    /// whose it is ("a spokesman for the buyer", "Senator John Cornyn of Texas").
    fn source_left_within(&self, s: Sentence, j: usize, hops: usize) -> Option<(usize, usize)> {
        if j == s.first {
            return None;
        }
        let first = &self.t[j - 1];
        if first.is_word() && (first.is(flag::PERSON_PRONOUN) || first.is(flag::OTHER_PRONOUN)) {
            return Some((j - 1, j));
        }
        let mut k = j;
        while k > s.first && j - k < SOURCE_REACH {
            let p = &self.t[k - 1];
            if p.is_word() {
                if p.is(flag::BARRIER) && !p.cap {
                    // "a source familiar with the matter", "officials in Washington": a preposition after a source noun.
                    let joins = k >= s.first + 2
                        && self.t[k - 2].is_word()
                        && self.t[k - 2].is(flag::ANONYMOUS | flag::VAGUE)
                        && p.is(flag::FILLER)
                        && !p.is(flag::COMPLEMENTIZER)
                        && !p.is(flag::AUXILIARY);
                    if joins {
                        k -= 1;
                        continue;
                    }
                    // "…, he and Mr. Allen said", "Smith and Jones said": two names joined open the clause.
                    if self.word(k - 1) == "and"
                        && k < j
                        && (self.t[k].cap || self.t[k].is(flag::PERSON_PRONOUN))
                        && k >= s.first + 2
                    {
                        let mut m = k - 1;
                        while m > s.first
                            && k - 1 - m < 4
                            && self.t[m - 1].is_word()
                            && (self.t[m - 1].cap || self.t[m - 1].is(flag::PERSON_PRONOUN))
                            && !self.t[m - 1].is(flag::BARRIER)
                        {
                            m -= 1;
                        }
                        if m < k - 1 && self.clause_boundary(s, m) {
                            k = m;
                        }
                        break;
                    }
                    // "About four in 10 voters said": a count is part of the group.
                    if self.word(k - 1) == "in"
                        && k < j
                        && k >= s.first + 2
                        && (self.t[k - 2].digit || self.t[k - 2].is(flag::NUMBER_WORD))
                    {
                        k -= 2;
                        if k > s.first
                            && self.t[k - 1].is_word()
                            && matches!(
                                self.word(k - 1).to_ascii_lowercase().as_str(),
                                "about" | "nearly" | "roughly" | "almost" | "only" | "just" | "some" | "over"
                            )
                        {
                            k -= 1;
                        }
                        break;
                    }
                    // "this source said", "these officials say": a demonstrative opens the phrase.
                    // "this week" says when.
                    if k < j
                        && matches!(self.word(k - 1), "this" | "these" | "those")
                        && !(k..j).any(|x| self.t[x].is(flag::FILLER | flag::MONTH) || self.word(x) == "past")
                    {
                        k -= 1;
                    }
                    break;
                }
                if p.is(flag::INVERTIBLE) && !p.cap {
                    break;
                }
                k -= 1;
            } else if p.is_punct('.') && k >= s.first + 2 && self.abbreviation(k - 2) {
                k -= 1;
            } else if p.is_punct(')')
                && let Some(open) = (s.first.max(k.saturating_sub(8))..k - 1).rev().find(|&m| self.t[m].is_punct('('))
                && open > s.first
                && self.t[open - 1].is_word()
                && self.t[open - 1].cap
            {
                // "Sen. Bernie Sanders (I-Vt.) said": a party and state in brackets belong to the name.
                k = open;
            } else {
                break;
            }
        }
        if k == j {
            return None;
        }
        // "he voted said": a verb is no source's last word; but "those surveyed said", "voters polled say" name people.
        let head = &self.t[j - 1];
        let polled =
            j >= k + 2 && matches!(self.word(j - 1), "surveyed" | "polled" | "interviewed" | "questioned") && {
                let p = &self.t[j - 2];
                p.is_word() && (self.word(j - 2).eq_ignore_ascii_case("those") || p.is(flag::VAGUE | flag::ANONYMOUS))
            };
        if !polled
            && head.is_word()
            && !head.cap
            && head.flags & !(flag::ACTION) == 0
            && (head.is(flag::ACTION) || {
                let w = self.word(j - 1);
                w.len() > 4 && w.ends_with("ed")
            })
        {
            return None;
        }
        // Drop a leading conjunction-like capital ("But", "And"), an adverb, or a dangling "of".
        while k < j
            && (self.t[k].is(flag::BARRIER)
                || self.t[k].is(flag::ADVERB)
                || (self.t[k].is(flag::CONNECTOR) && !self.t[k].is(flag::DETERMINER)))
            && !(k + 1 < j
                && matches!(self.word(k).to_lowercase().as_str(), "this" | "these" | "those")
                && !(k + 1..j).any(|x| self.t[x].is(flag::FILLER | flag::MONTH) || self.word(x) == "past"))
            // "About four in 10 voters": a count keeps its "about".
            && !(k + 1 < j
                && matches!(self.word(k).to_lowercase().as_str(), "about" | "nearly")
                && (self.t[k + 1].digit || self.t[k + 1].is(flag::NUMBER_WORD)))
        {
            k += 1;
        }
        // "officials who spoke to The Huffington Post said": the subject is before the relative clause.
        if k > s.first + 1 {
            let mut w = k;
            while w > s.first && k - w < 12 && self.t[w - 1].is_word() && !self.word(w - 1).eq_ignore_ascii_case("who")
            {
                w -= 1;
            }
            if w > s.first + 1
                && w < k
                && self.word(w - 1).eq_ignore_ascii_case("who")
                && self.t[w - 2].is_word()
                && let Some(subject) = self.source_left_within(s, w - 1, hops)
                && subject.1 == w - 1
                && !self.t[subject.0].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)
            {
                return Some(subject);
            }
        }
        if k == j {
            return None;
        }
        // A digit-only or lower-case run that names nobody and has no noun we know is not a source.
        let has_head = (k..j).any(|x| {
            let t = &self.t[x];
            t.cap
                || t.digit
                || t.flags
                    & (flag::ANONYMOUS
                        | flag::VAGUE
                        | flag::PERSON_PRONOUN
                        | flag::OTHER_PRONOUN
                        | flag::PERSON_ROLE
                        | flag::OUTLET_ROLE
                        | flag::ORGANISATION_ROLE
                        | flag::NUMBER_WORD)
                    != 0
        });
        // "If it doesn't slow down, forecasters say …", "…, federal prosecutors wrote": a bare plural noun, with a
        // word or two before it, opening a clause.
        let bare_plural = (1..=3).contains(&(j - k))
            && (k..j).all(|x| self.t[x].is_word() && !self.t[x].cap && self.t[x].flags == 0)
            && self.word(j - 1).len() > 3
            && self.word(j - 1).ends_with('s')
            && !self.word(j - 1).ends_with("ss")
            && (k == self.first_word(s)
                || matches!(self.t[k - 1].kind, Tk::Punct(',' | ';' | ':'))
                // "But security specialists say …", "…, while economists say …": after a conjunction too, before a
                // verb of saying.
                || (self.t[k - 1].is_word()
                    && j < s.last
                    && self.t[j].is(flag::INVERTIBLE | flag::TELL)
                    && matches!(
                        self.word(k - 1).to_lowercase().as_str(),
                        "but" | "and" | "while" | "though" | "although" | "yet" | "whereas" | "because" | "so"
                    )));
        if bare_plural {
            return Some((k, j));
        }
        // "the statement said", "the data show": a determiner and a noun.
        let determined = j - k >= 2
            && self.t[k].is(flag::DETERMINER)
            && !self.t[k].is(flag::COMPLEMENTIZER)
            && (k == self.first_word(s)
                || matches!(self.t[k - 1].kind, Tk::Close | Tk::Open | Tk::Punct(',' | ':' | ';'))
                || (self.t[k - 1].is(flag::BARRIER)
                    && !self.t[k - 1].is(flag::CONNECTOR | flag::AUXILIARY | flag::FILLER))
                // "He left, and the authorities said they …": "and" after a comma opens a clause of its own.
                || (k >= s.first + 2
                    && self.t[k - 2].is_punct(',')
                    && matches!(self.word(k - 1).to_ascii_lowercase().as_str(), "and" | "but" | "or")));
        // "A spokesman for the buyer said", "Some advocates for stem cell research said": the phrase before the
        // preposition is the source's head, when it names someone and opens the clause.
        if hops > 0
            && k >= s.first + 2
            && self.t[k - 1].is_word()
            && self.t[k - 1].is(flag::PREPOSITION)
            && !self.t[k - 1].cap
            && self.t[k - 2].is_word()
            && !self.t[k - 2].is(flag::BARRIER
                | flag::AUXILIARY
                | flag::VERB
                | flag::PERSON_PRONOUN
                | flag::OTHER_PRONOUN)
            && !(k..j).any(|x| self.t[x].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN))
            && let Some(head) = self.source_left_within(s, k - 1, hops - 1)
            && head.1 == k - 1
            && (self.names_someone(head.0, head.1)
                || (head.0..head.1)
                    .any(|x| self.t[x].is(flag::PERSON_ROLE | flag::ORGANISATION_ROLE | flag::OUTLET_ROLE)))
            && self.clause_boundary(s, head.0)
        {
            // "The minister in March said": a date says when, not who.
            let when = j - k <= 3 && (k..j).any(|x| self.t[x].is(flag::MONTH) || self.t[x].digit);
            return Some(if when { head } else { (head.0, j) });
        }
        // "in 2013 alleging", "two weeks ago said": a time is no source.
        let year = |x: usize| {
            let w = self.word(x);
            w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
        };
        if (k..j).any(|x| year(x) || self.t[x].is(flag::MONTH) || self.word(x).eq_ignore_ascii_case("ago"))
            && (k..j).all(|x| {
                let t = &self.t[x];
                year(x)
                    || t.is(flag::MONTH | flag::FILLER | flag::NUMBER_WORD)
                    || t.digit
                    || matches!(
                        self.word(x).to_ascii_lowercase().as_str(),
                        "ago" | "weeks" | "days" | "months" | "years"
                    )
            })
        {
            return None;
        }
        if !has_head && !determined {
            return None;
        }
        // Apposition: "Ibrahim Bachir Abdouyale, a doctoral researcher, spoke" takes the name too.
        if k >= s.first + 2 && self.t[k - 1].is_punct(',') && self.t[k].is(flag::DETERMINER) && !self.t[k].cap {
            let mut m = k - 1;
            while m > s.first && self.t[m - 1].is_word() && self.t[m - 1].cap && (k - 1) - m < 5 {
                m -= 1;
            }
            let at_clause_start = m == s.first || matches!(self.t[m - 1].kind, Tk::Punct(',' | ';') | Tk::Open);
            if m < k - 1 && at_clause_start {
                return Some((m, j));
            }
        }
        Some((k, j))
    }

    /// The source phrase starting at token `k`, walking right ("said Trump", "said the spokesman").
    fn source_right(&self, s: Sentence, k: usize) -> Option<(usize, usize)> {
        let mut e = k;
        while e < s.last && e - k < SOURCE_REACH {
            let t = &self.t[e];
            if t.is_word() {
                if e > k
                    && (t.is(flag::BARRIER) || t.is(flag::SOURCE_ENDER) || t.is(flag::FILLER) && !t.cap)
                    && !t.is(flag::CONNECTOR)
                {
                    break;
                }
                e += 1;
            } else if t.is_punct('(')
                && e > k
                && self.t[e - 1].cap
                && let Some(close) = (e + 1..s.last.min(e + 8)).find(|&m| self.t[m].is_punct(')'))
                && (e + 1..close).all(|m| !self.t[m].is_word() || self.t[m].cap)
            {
                // "said Sen. Chris Murphy (D-Conn.)": the bracket belongs to the name; "(a view shared by …)" does not.
                e = close + 1;
                break;
            } else if t.is_punct('.') && e > k && self.abbreviation(e - 1) && e + 1 < s.last {
                e += 1;
            } else {
                break;
            }
        }
        if e == k {
            return None;
        }
        let first = &self.t[k];
        // "…,” said he" is rare; "…, said he would" is the start of what was said.
        let pronoun = first.is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN);
        let ok = if pronoun {
            e - k == 1
        } else {
            first.cap
                || first.is(flag::DETERMINER | flag::TITLE | flag::PERSON_ROLE | flag::ANONYMOUS)
                // "said 9/11 widow Terry Strada", "said master of ceremonies Asab Al-Tabchi": a description, then a name.
                || (!first.is(flag::FILLER | flag::BARRIER | flag::AUXILIARY | flag::VERB)
                    && e - k >= 2
                    && self.t[e - 1].cap
                    && self.name_tokens(k, e).is_some())
        };
        (ok && !first.is(flag::COMPLEMENTIZER)).then_some((k, e))
    }

    // ---- content -----------------------------------------------------------

    /// Skips channel words after a verb ("in a statement on Tuesday"), but only when "that", a colon or a quote follows.
    fn skip_fillers(&self, s: Sentence, from: usize) -> usize {
        let mut k = from;
        while k < s.last && k - from < FILLER_REACH {
            let t = &self.t[k];
            if t.is_word() && (t.is(flag::FILLER) || (t.cap && k > from)) && !t.is(flag::COMPLEMENTIZER) {
                k += 1;
            } else {
                break;
            }
        }
        let lands = k > from
            && (k >= s.last
                || self.t[k].is(flag::COMPLEMENTIZER)
                || matches!(self.t[k].kind, Tk::Open | Tk::Punct(':' | ',' | '.' | '\u{2014}')));
        if lands {
            return k;
        }
        // "said in her opening remarks that …", "has argued for years that …": any short phrase a preposition opens,
        // when "that" follows it.
        if from < s.last && self.t[from].is(flag::PREPOSITION) && !self.t[from].cap {
            let mut e = from + 1;
            while e < s.last
                && e - from < FILLER_REACH
                && self.t[e].is_word()
                && !self.t[e].is(flag::COMPLEMENTIZER | flag::AUXILIARY)
                && (!self.t[e].is(flag::VERB | flag::BARRIER) || self.t[e].is(flag::PREPOSITION | flag::FILLER))
            {
                e += 1;
            }
            if e < s.last && e > from + 1 && self.t[e].is_word() && self.word(e).eq_ignore_ascii_case("that") {
                return e;
            }
        }
        from
    }

    /// Where the content starts after a verb cue, or None when nothing is reported.
    fn after_cue(&self, s: Sentence, c: &Candidate) -> Option<usize> {
        let verb = c.cue.1 - 1;
        let mut k = c.cue.1;
        // "told reporters that", "told CNN:" — who was told is not what was said.
        if self.t[verb].is(flag::TELL) {
            let mut e = k;
            // "told Jeb Bush to quiet down", "urged Congress to act": the one told and what they were told to do.
            let mut to = None;
            let mut opens = false;
            while e < s.last && e - k < 12 {
                // "told the Associated Press (AP), “…”", "told MSNBC’s “Morning Joe” on Friday that …": a bracket
                // or a quoted title belongs to the one told.
                let title = |o: usize| {
                    self.t[o].pair.filter(|&c| {
                        c > o + 1 && c - o <= 8 && (o + 1..c).all(|m| !self.t[m].is_word() || self.t[m].cap)
                    })
                };
                if e > k
                    && self.t[e].is_punct('(')
                    && let Some(close) = (e + 1..s.last.min(e + 8)).find(|&m| self.t[m].is_punct(')'))
                {
                    e = close + 1;
                    continue;
                }
                if e > k
                    && self.t[e].kind == Tk::Open
                    && let Some(close) = title(e)
                    && close + 1 < s.last
                    && !matches!(self.t[close + 1].kind, Tk::Punct('.' | '!' | '?'))
                {
                    e = close + 1;
                    continue;
                }
                if !self.t[e].is_word() || self.t[e].is(flag::COMPLEMENTIZER) {
                    break;
                }
                if to.is_none() && e > k && e - k <= 4 && self.word(e).eq_ignore_ascii_case("to") {
                    to = Some(e);
                }
                // "told TheBlaze founder Glenn Beck he would consider …", "told the National Post he’s …",
                // "told the AP his firm …": a subject pronoun opens what was told.
                if e > k && !self.t[e].cap && {
                    let w = self.word(e).to_ascii_lowercase();
                    let base = w.split(['\'', '\u{2019}']).next().unwrap_or("");
                    matches!(base, "he" | "she" | "they" | "we" | "i" | "it")
                        || ((e - k >= 2
                            || matches!(self.word(k), "me" | "us" | "them" | "him")
                            || (k..e).all(|x| self.t[x].cap))
                            && matches!(base, "his" | "her" | "their" | "its" | "our" | "my"))
                } {
                    opens = true;
                    break;
                }
                e += 1;
            }
            if e < s.last
                && (self.t[e].is(flag::COMPLEMENTIZER)
                    || matches!(self.t[e].kind, Tk::Open | Tk::Punct(':' | ','))
                    || opens
                    || (e > k && self.t[e].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN)))
                && to.is_none()
            {
                k = e;
            } else if to.is_some() {
                return Some(k);
            } else if e > k {
                return None;
            }
        }
        // Channel words running to the sentence's end are the content after all ("Says The Battle Will Be …").
        let past = self.skip_fillers(s, k);
        if past < s.last && !self.t[past].is_punct('.') {
            k = past;
        }
        // "found that …" reports; "found the keys" does not; "the poll shows Clinton ahead" does.
        // "Video of the incident shows him …": the document may head a phrase that says whose or of what it is.
        let document = c.source.1 > c.source.0
            && (c.source.0..c.source.1)
                .take_while(|&k| !self.t[k].is(flag::PREPOSITION) || self.t[k].cap || k == c.source.0)
                .any(|k| self.t[k].is(flag::DOCUMENT));
        // "sees the state as fertile ground": a verb of opinion with "as" after its object.
        let regards = self.t[verb].is(flag::AS)
            && (k..s.last.min(k + 6))
                .take_while(|&x| self.t[x].is_word())
                .any(|x| x > k && self.word(x).eq_ignore_ascii_case("as"));
        // "We'll see if …", "I don't see how …" perceive; only "as" makes those verbs report.
        if self.t[verb].is(flag::AS) && !regards {
            return None;
        }
        if self.t[verb].is(flag::WEAK) && !document && !regards {
            let opens = k < s.last
                && (self.t[k].is(flag::COMPLEMENTIZER)
                    || matches!(self.t[k].kind, Tk::Open | Tk::Punct(':'))
                    || (self.t[k].is_punct(',') && k + 1 < s.last && self.t[k + 1].kind == Tk::Open))
                || self.bare_clause(s, k);
            if !opens {
                return None;
            }
        }
        // "said, however, that …", "said, in a statement, that …": an aside set off by commas.
        if k < s.last && self.t[k].is_punct(',') {
            let mut e = k + 1;
            while e < s.last && e - k <= 5 && self.t[e].is_word() {
                e += 1;
            }
            if e > k + 1
                && e + 1 < s.last
                && self.t[e].is_punct(',')
                && (self.t[e + 1].is(flag::COMPLEMENTIZER) || self.t[e + 1].kind == Tk::Open)
            {
                k = e + 1;
            }
        }
        // Particles of the verb and punctuation before the content: what was said, not "that".
        while k < s.last {
            let t = &self.t[k];
            if t.is(flag::COMPLEMENTIZER) || matches!(t.kind, Tk::Punct(':' | ',' | '\u{2014}' | '\u{2013}' | '-')) {
                k += 1;
            } else {
                break;
            }
        }
        if k >= s.last {
            return None;
        }
        Some(k)
    }

    /// Whether a clause without "that" opens at token `k`: "records show he backed …", "officials hope the
    /// technology can aid …", "many fear Trump will …". A subject pronoun ("he", "they", "it's") opens one at once;
    /// otherwise a short subject phrase with no verb of its own, then an auxiliary ("will", "is", "had").
    /// "feel terrible", "know this", "found the keys" open none.
    fn bare_clause(&self, s: Sentence, k: usize) -> bool {
        if k >= s.last || !self.t[k].is_word() {
            return false;
        }
        let w = self.word(k).to_lowercase();
        let mut parts = w.split(['\'', '\u{2019}']);
        let base = parts.next().unwrap_or("");
        let contracted = parts.next().is_some_and(|rest| matches!(rest, "s" | "re" | "ll" | "d" | "ve" | "m"));
        if matches!(base, "he" | "she" | "they" | "we" | "i") || (contracted && matches!(base, "it" | "there" | "you"))
        {
            return true;
        }
        // "agreed it was still top-heavy": "it" or "there" with an auxiliary right after it.
        if matches!(w.as_str(), "it" | "there")
            && k + 1 < s.last
            && self.t[k + 1].is(flag::AUXILIARY)
            && self.word(k + 1).chars().next().is_some_and(char::is_alphabetic)
        {
            return true;
        }
        let first = &self.t[k];
        // "charged his campaign for rent", "has shown her …": a possessive opens an object more often than a clause.
        if !(first.cap || first.digit || first.is(flag::DETERMINER | flag::VAGUE | flag::ANONYMOUS | flag::NUMBER_WORD))
            || (first.is(flag::COMPLEMENTIZER | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN) && w != "this")
            || matches!(w.as_str(), "his" | "her" | "its" | "their" | "our" | "my" | "your")
        {
            return false;
        }
        for x in k + 1..s.last.min(k + 12) {
            let t = &self.t[x];
            match t.kind {
                Tk::Open | Tk::Close => continue,
                Tk::Punct('-') => continue,
                Tk::Punct('.') if self.abbreviation(x - 1) => continue,
                Tk::Word => {}
                _ => return false,
            }
            if t.is(flag::AUXILIARY) && !t.cap && self.word(x).chars().next().is_some_and(char::is_alphabetic) {
                return x > k;
            }
            if (t.is(flag::VERB | flag::ACTION | flag::COMPLEMENTIZER) && !t.cap)
                || (t.is(flag::BARRIER) && !t.is(flag::CONNECTOR | flag::PREPOSITION))
            {
                return false;
            }
        }
        false
    }

    /// The content from token `start` to the end of the sentence (or `limit`), without the final stop.
    fn content_after(&self, s: Sentence, start: usize, limit: usize) -> Option<(usize, usize)> {
        let mut start = start;
        while start < limit && matches!(self.t[start].kind, Tk::Punct(',' | ':' | ';' | '\u{2014}' | '\u{2013}')) {
            start += 1;
        }
        if start >= limit {
            return None;
        }
        // A quotation is the content, unless the clause goes on after it ("that “exactly who did it” remains …").
        if self.t[start].kind == Tk::Open
            && let Some(close) = self.t[start].pair
            && close < s.last
            && (close + 1 >= limit.min(s.last)
                || !self.t[close + 1].is_word()
                || self.t[close + 1].cap
                || self.t[close + 1].is(flag::VERB))
        {
            return Some((start, close + 1));
        }
        let mut end = limit.min(s.last).min(start + CONTENT_REACH);
        // A clause of the writer's own ends the content: ", but" with a subject of its own
        // ("said they back the plan, but they would not campaign for it").
        if !self.t[start].inside
            && let Some(k) = (start + 1..end).find(|&k| {
                let t = &self.t[k];
                !t.inside
                    && t.is_punct(',')
                    && k + 2 < end
                    && self.t[k + 1].is_word()
                    && !self.t[k + 1].cap
                    && JOINERS.contains(&self.word(k + 1))
                    && self.t[k + 2].is_word()
                    && (self.t[k + 2].cap
                        || self.t[k + 2].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN | flag::DETERMINER))
                    && !self.t[k + 2].is(flag::COMPLEMENTIZER)
            })
        {
            end = k;
        }
        // Stop before a clause joining the next attribution: ", but", ", and".
        if end < s.last {
            while end > start + 1 && (self.t[end - 1].is(flag::BARRIER) || matches!(self.t[end - 1].kind, Tk::Punct(_)))
            {
                end -= 1;
            }
        }
        Some(self.trim(start, end)).filter(|r| r.0 < r.1)
    }

    /// The content before token `before` (the source or cue set off by a comma or a closing mark).
    fn content_before(&self, s: Sentence, before: usize) -> Option<(usize, usize)> {
        self.content_before_from(s, before, self.floor)
    }

    /// The content before token `before`, starting no earlier than `floor`.
    fn content_before_from(&self, s: Sentence, before: usize, floor: usize) -> Option<(usize, usize)> {
        let mut end = before;
        while end > s.first && matches!(self.t[end - 1].kind, Tk::Punct(',' | '\u{2014}' | '\u{2013}' | ';')) {
            end -= 1;
        }
        if end == s.first {
            return None;
        }
        // A quoted word or two ("may be “strategic,” said …") is part of the clause around it.
        let clause = self.clause_start(s, end).max(floor);
        if self.t[end - 1].kind == Tk::Close
            && let Some(open) = self.t[end - 1].pair
            && open >= s.first
            && (open <= clause || self.words_in(open, end) >= 3)
        {
            return Some((open, end));
        }
        let start = clause.max(end.saturating_sub(CONTENT_REACH));
        Some(self.trim(start, end)).filter(|r| r.0 < r.1)
    }

    /// The start of the clause holding token `i`: the sentence start, past a leading "But"/"And".
    fn clause_start(&self, s: Sentence, _i: usize) -> usize {
        let mut k = s.first;
        while k < s.last.min(s.first + 8)
            && self.t[k].is_word()
            && self.t[k].is(flag::BARRIER)
            && self.t[k].is(flag::COMPLEMENTIZER)
        {
            k += 1;
        }
        k
    }

    /// Drops final stops and stray marks from a token range.
    fn trim(&self, mut a: usize, mut b: usize) -> (usize, usize) {
        while b > a
            && matches!(
                self.t[b - 1].kind,
                Tk::Punct('.' | ',' | ';' | ':' | '!' | '?' | '\u{2014}' | '\u{2013}' | '-' | '(')
            )
        {
            b -= 1;
        }
        // A closing mark whose opening is not in the range is dropped, and the other way round.
        if b > a && self.t[b - 1].kind == Tk::Close && self.t[b - 1].pair.is_none_or(|p| p < a) {
            b -= 1;
            while b > a && matches!(self.t[b - 1].kind, Tk::Punct('.' | ',' | ';' | ':' | '!' | '?')) {
                b -= 1;
            }
        }
        while a < b
            && (matches!(self.t[a].kind, Tk::Punct(',' | ';' | ':' | '\u{2014}' | '\u{2013}' | ')'))
                || (self.t[a].kind == Tk::Open && self.t[a].pair.is_none_or(|p| p >= b)))
        {
            a += 1;
        }
        (a, b)
    }

    // ---- kinds, names, coreference -----------------------------------------

    fn emit(&mut self, c: &Candidate, content: (usize, usize)) {
        let span = |a: usize, b: usize| (self.t[a].start, self.t[b - 1].end);
        // "said that the plan failed", "asked whether it would": the word that opens reported speech is part of
        // what is reported, as attribution corpora (PARC, PolNeAR) mark it.
        let mut content = content;
        if content.0 > c.cue.1.max(c.source.1)
            && self.t[content.0 - 1].is_word()
            && self.t[content.0 - 1].is(flag::COMPLEMENTIZER)
            && !self.t[content.0 - 1].cap
        {
            content.0 -= 1;
        }
        let content_bytes = span(content.0, content.1);
        let cue = Some(span(c.cue.0, c.cue.1));
        let has_figure = self.has_figure(content.0, content.1);
        if c.hedge {
            self.out.push(Found {
                kind: CitationKind::Vague,
                content: content_bytes,
                source: None,
                cue,
                resolved: None,
                class: None,
                has_figure,
            });
            return;
        }
        let (a, b) = c.source;
        let (kind, class, resolved) = self.classify(a, b, c);
        self.out.push(Found {
            kind,
            content: content_bytes,
            source: Some(span(a, b)),
            cue,
            resolved,
            class: Some(class),
            has_figure,
        });
    }

    fn has_figure(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.t[k].digit || self.t[k].is(flag::NUMBER_WORD))
            || (a..b).any(|k| self.lex.phrase_at(&self.ids[k..b], PhraseKind::NumberWord).is_some())
    }

    /// Proper-name tokens of a source phrase (capitalised, past titles and determiners).
    fn name_tokens(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut k = a;
        while k < b {
            let t = &self.t[k];
            let starts = t.is_word()
                && t.cap
                && !t.is(flag::DETERMINER)
                && !t.is(flag::TITLE)
                && !t.is(flag::PERSON_PRONOUN)
                && !t.is(flag::OTHER_PRONOUN)
                && !t.is(flag::BARRIER)
                && !(t.is(flag::ANONYMOUS) || t.is(flag::VAGUE))
                && !t.is(flag::ABBREVIATION);
            if !starts {
                k += 1;
                continue;
            }
            let mut e = k + 1;
            while e < b {
                let n = &self.t[e];
                let joins = n.is_word() && (n.cap || (n.is(flag::CONNECTOR) && e + 1 < b && self.t[e + 1].cap));
                if joins || (n.is_punct('.') && self.abbreviation(e - 1) && e + 1 < b) {
                    e += 1;
                } else {
                    break;
                }
            }
            if best.is_none_or(|(x, y)| e - k > y - x) {
                best = Some((k, e));
            }
            k = e;
        }
        best
    }

    fn classify(&mut self, a: usize, b: usize, c: &Candidate) -> (CitationKind, SourceClass, Option<String>) {
        let name = self.name_tokens(a, b);
        let any = |f: u64| (a..b).any(|k| self.t[k].is(f));
        let phrase = |kind: PhraseKind| (a..b).any(|k| self.lex.phrase_at(&self.ids[k..b], kind).is_some());
        if name.is_none() {
            if any(flag::ANONYMOUS) || phrase(PhraseKind::Anonymous) {
                return (CitationKind::Anonymous, SourceClass::Anonymous, None);
            }
            if (b - a > 1 || !self.t[a].is(flag::PERSON_PRONOUN | flag::OTHER_PRONOUN))
                && (any(flag::VAGUE) || phrase(PhraseKind::Vague))
            {
                return (CitationKind::Vague, SourceClass::Anonymous, None);
            }
            // A pronoun or a role: the most recent named source that fits.
            let want = if any(flag::PERSON_PRONOUN) || any(flag::PERSON_ROLE) || phrase(PhraseKind::PersonRole) {
                Some(SourceClass::Person)
            } else if any(flag::OUTLET_ROLE) || phrase(PhraseKind::OutletRole) {
                Some(SourceClass::Outlet)
            } else if any(flag::ORGANISATION_ROLE) || phrase(PhraseKind::OrganisationRole) {
                Some(SourceClass::Organisation)
            } else {
                None
            };
            let pos = self.t[a].start;
            let found = self.mentions.iter().rev().take(MENTION_REACH).filter(|m| m.at < pos).find(|m| match want {
                Some(SourceClass::Person) => m.class == SourceClass::Person,
                Some(SourceClass::Outlet) => m.class == SourceClass::Outlet,
                Some(SourceClass::Organisation) => matches!(m.class, SourceClass::Organisation | SourceClass::Outlet),
                _ => {
                    m.class != SourceClass::Person
                        || any(flag::OTHER_PRONOUN) && self.word(a).eq_ignore_ascii_case("they")
                }
            });
            let class = want.unwrap_or(SourceClass::Unknown);
            return match found {
                Some(m) => (CitationKind::Named, m.class, Some(m.name.clone())),
                None => (CitationKind::Named, class, None),
            };
        }
        let (x, y) = name.unwrap_or((a, b));
        let name_text = self.text[self.t[x].start..self.t[y - 1].end].to_string();
        let reported = self.text[self.t[c.cue.0].start..self.t[c.cue.1 - 1].end].to_lowercase().contains("report");
        let mut class = if (a..b).any(|k| self.lex.phrase_at(&self.ids[k..b], PhraseKind::Outlet).is_some())
            || (x..y).any(|k| self.t[k].is(flag::OUTLET_WORD))
            || name_text.ends_with(".org")
            || name_text.ends_with(".com")
        {
            SourceClass::Outlet
        } else if (x..y).any(|k| self.t[k].is(flag::ORGANISATION_WORD))
            || any(flag::ORGANISATION_ROLE) && !any(flag::PERSON_ROLE)
        {
            SourceClass::Organisation
        } else if (a..x).any(|k| self.t[k].is(flag::TITLE)) || any(flag::PERSON_ROLE) || y - x >= 2 {
            SourceClass::Person
        } else if reported {
            SourceClass::Outlet
        } else {
            SourceClass::Unknown
        };
        // A surname alone stands for the full name seen before it.
        let mut resolved = name_text.clone();
        if y - x == 1 {
            let key = crate::names::key(&name_text);
            if let Some(m) = self.mentions.iter().rev().take(MENTION_REACH).find(|m| {
                m.name.len() > name_text.len()
                    && m.name.rsplit(' ').next().is_some_and(|last| crate::names::key(last) == key)
            }) {
                resolved = m.name.clone();
                class = m.class;
            }
        }
        if (x..y).any(|k| self.t[k].is(flag::ANONYMOUS))
            && !(x..y).any(|k| self.t[k].cap && !self.t[k].is(flag::ANONYMOUS))
        {
            return (CitationKind::Anonymous, SourceClass::Anonymous, None);
        }
        // Anonymous nouns with a name only as a modifier: "Pentagon officials", "U.S. officials".
        if self.t[b - 1].is(flag::ANONYMOUS) && !self.t[b - 1].cap {
            return (CitationKind::Anonymous, SourceClass::Anonymous, None);
        }
        self.mentions.push(Mention { name: resolved.clone(), class, at: self.t[a].start });
        (CitationKind::Named, class, Some(resolved))
    }

    /// Capitalised runs of two or more words inside a sentence are people or bodies a pronoun may point back to.
    fn note_names(&mut self, s: Sentence) {
        let mut k = s.first;
        while k < s.last {
            let t = &self.t[k];
            if !(t.is_word() && t.cap)
                || t.is(flag::DETERMINER)
                || t.is(flag::MONTH)
                || t.is(flag::BARRIER)
                || t.is(flag::TITLE)
            {
                k += 1;
                continue;
            }
            let mut e = k + 1;
            while e < s.last && self.t[e].is_word() && self.t[e].cap {
                e += 1;
            }
            let seen = {
                let at = self.mentions.partition_point(|m| m.at < t.start);
                self.mentions.get(at).is_some_and(|m| m.at == t.start)
            };
            if e - k >= 2 && !seen {
                let name = self.text[t.start..self.t[e - 1].end].to_string();
                let class = if (k..e).any(|x| self.t[x].is(flag::OUTLET_WORD))
                    || (k..e).any(|x| self.lex.phrase_at(&self.ids[x..e], PhraseKind::Outlet).is_some())
                {
                    SourceClass::Outlet
                } else if (k..e).any(|x| self.t[x].is(flag::ORGANISATION_WORD)) {
                    SourceClass::Organisation
                } else {
                    SourceClass::Person
                };
                let at = t.start;
                let pos = self.mentions.partition_point(|m| m.at < at);
                self.mentions.insert(pos, Mention { name, class, at });
            }
            k = e;
        }
    }

    /// A sentence that asserts figures, dates or a named actor doing something, on nobody's word.
    fn unattributed(&mut self, s: Sentence) {
        let last = &self.t[s.last - 1];
        let closes = matches!(last.kind, Tk::Punct('.' | '!'))
            || (last.kind == Tk::Close
                && s.last >= s.first + 2
                && matches!(self.t[s.last - 2].kind, Tk::Punct('.' | '!')));
        if !closes || self.words_in(s.first, s.last) < 6 {
            return;
        }
        let figure =
            self.has_figure(s.first, s.last) || (s.first..s.last).any(|k| self.t[k].is(flag::MONTH) && self.t[k].cap);
        let named_actor = (s.first..s.last).any(|k| {
            let t = &self.t[k];
            t.is_word()
                && t.cap
                && !t.is(flag::DETERMINER)
                && !t.is(flag::PERSON_PRONOUN)
                && !t.is(flag::OTHER_PRONOUN)
                && !t.is(flag::BARRIER)
        }) && (s.first..s.last).any(|k| self.t[k].is(flag::ACTION));
        if !(figure || named_actor) {
            return;
        }
        let (a, b) = self.trim(s.first, s.last);
        if a >= b {
            return;
        }
        let has_figure = self.has_figure(a, b);
        self.out.push(Found {
            kind: CitationKind::Unattributed,
            content: (self.t[a].start, self.t[b - 1].end),
            source: None,
            cue: None,
            resolved: None,
            class: None,
            has_figure,
        });
    }
}
