//! The word lists extraction reads (`lexicons/*.toml`): parsed, checked, and compiled into word ids and phrase tables.
//!
//! A lexicon is plain data an editor can read and extend. Words are compared
//! without regard to case, with curly and straight apostrophes the same. The
//! built-in lexicons are compiled into the binary; `--lexicon DIR` replaces
//! them with every `*.toml` file in DIR.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use serde::Deserialize;

/// The lexicons compiled into claimtrack, by file name.
pub const BUILT_IN: &[(&str, &str)] =
    &[("en.toml", include_str!("../../lexicons/en.toml")), ("fr.toml", include_str!("../../lexicons/fr.toml"))];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: String,
    #[serde(default)]
    detect: Vec<String>,
    cues: Cues,
    sources: Sources,
    grammar: Grammar,
    checkworthy: Checkworthy,
    boilerplate: Boilerplate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cues {
    verbs: Vec<String>,
    #[serde(default)]
    tell_verbs: Vec<String>,
    #[serde(default)]
    as_verbs: Vec<String>,
    #[serde(default)]
    invertible: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default)]
    before_source: Vec<String>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    #[serde(default)]
    anonymous: Vec<String>,
    #[serde(default)]
    vague: Vec<String>,
    #[serde(default)]
    person_pronouns: Vec<String>,
    #[serde(default)]
    other_pronouns: Vec<String>,
    #[serde(default)]
    person_roles: Vec<String>,
    #[serde(default)]
    outlet_roles: Vec<String>,
    #[serde(default)]
    organisation_roles: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    outlet_words: Vec<String>,
    #[serde(default)]
    outlets: Vec<String>,
    #[serde(default)]
    organisation_words: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Grammar {
    #[serde(default)]
    auxiliaries: Vec<String>,
    #[serde(default)]
    adverbs: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    barriers: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    source_enders: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checkworthy {
    #[serde(default)]
    number_words: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    actions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Boilerplate {
    #[serde(default)]
    phrases: Vec<String>,
}

/// FNV-1a: lookups of short words in a fixed table, faster than the default SipHash. The table
/// holds only the lexicon's own words, so text from outside cannot crowd one bucket.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// What a single word can be; a word may be several things at once.
pub mod flag {
    pub const VERB: u64 = 1 << 0;
    pub const TELL: u64 = 1 << 1;
    pub const INVERTIBLE: u64 = 1 << 2;
    pub const FILLER: u64 = 1 << 3;
    pub const COMPLEMENTIZER: u64 = 1 << 4;
    pub const ANONYMOUS: u64 = 1 << 5;
    pub const VAGUE: u64 = 1 << 6;
    pub const PERSON_PRONOUN: u64 = 1 << 7;
    pub const OTHER_PRONOUN: u64 = 1 << 8;
    pub const PERSON_ROLE: u64 = 1 << 9;
    pub const OUTLET_ROLE: u64 = 1 << 10;
    pub const ORGANISATION_ROLE: u64 = 1 << 11;
    pub const OUTLET_WORD: u64 = 1 << 12;
    pub const ORGANISATION_WORD: u64 = 1 << 13;
    pub const TITLE: u64 = 1 << 14;
    pub const AUXILIARY: u64 = 1 << 15;
    pub const ADVERB: u64 = 1 << 16;
    pub const BARRIER: u64 = 1 << 17;
    pub const CONNECTOR: u64 = 1 << 18;
    pub const SOURCE_ENDER: u64 = 1 << 19;
    pub const DETERMINER: u64 = 1 << 20;
    pub const ABBREVIATION: u64 = 1 << 21;
    pub const NUMBER_WORD: u64 = 1 << 22;
    pub const MONTH: u64 = 1 << 23;
    pub const ACTION: u64 = 1 << 24;
    pub const PASSIVE: u64 = 1 << 25;
    pub const WEAK: u64 = 1 << 26;
    pub const PREPOSITION: u64 = 1 << 27;
    pub const DOCUMENT: u64 = 1 << 28;
    pub const LABEL: u64 = 1 << 29;
    pub const AS: u64 = 1 << 30;
    pub const NOUN: u64 = 1 << 31;
    pub const ADJECTIVE: u64 = 1 << 32;

    /// Words that only hold a phrase together (determiners, prepositions, fillers, "that",
    /// pronouns): a word that is none of these can carry a phrase's meaning.
    pub const FUNCTION_WORD: u64 = DETERMINER | PREPOSITION | FILLER | COMPLEMENTIZER | PERSON_PRONOUN | OTHER_PRONOUN;
}

/// Which table a multi-word phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    Verb,
    BeforeSource,
    Hedge,
    Anonymous,
    Vague,
    Outlet,
    Boilerplate,
    Filler,
    PersonRole,
    OutletRole,
    OrganisationRole,
    NumberWord,
}

/// One lexicon, compiled: words are ids, phrases are sequences of ids.
#[derive(Debug)]
pub struct Lexicon {
    pub language: String,
    ids: Map<String, u32>,
    flags: Vec<u64>,
    /// Phrases by their first word, longest first.
    phrases: Map<u32, Vec<(Vec<u32>, PhraseKind)>>,
    detect: Vec<u32>,
    /// Boilerplate marks that are not words ("©").
    pub boilerplate_marks: Vec<String>,
}

/// The form a word is looked up by: lowercase, with one apostrophe.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// Splits a lexicon entry into the words the tokenizer would find.
fn entry_words(entry: &str) -> Vec<String> {
    let mut folded = String::new();
    super::tokens::words_of(entry)
        .into_iter()
        .map(|w| {
            fold_into(w, &mut folded);
            folded.clone()
        })
        .collect()
}

impl Lexicon {
    /// Parses one lexicon file; `name` is for the error message.
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("lexicon {name}: {}", e.message()))?;
        let mut lexicon = Lexicon {
            language: file.language.clone(),
            ids: Map::default(),
            flags: Vec::new(),
            phrases: Map::default(),
            detect: Vec::new(),
            boilerplate_marks: Vec::new(),
        };
        let c = &file.cues;
        let s = &file.sources;
        let g = &file.grammar;
        let k = &file.checkworthy;
        let words: [(&[String], u64, Option<PhraseKind>); 33] = [
            (&c.weak, flag::WEAK | flag::VERB, None),
            (&g.passive, flag::PASSIVE, None),
            (&c.verbs, flag::VERB, Some(PhraseKind::Verb)),
            (&c.tell_verbs, flag::TELL, None),
            (&c.as_verbs, flag::AS | flag::WEAK | flag::VERB, None),
            (&c.invertible, flag::INVERTIBLE, None),
            (&c.before_source, 0, Some(PhraseKind::BeforeSource)),
            (&c.hedges, 0, Some(PhraseKind::Hedge)),
            (&c.fillers, flag::FILLER, Some(PhraseKind::Filler)),
            (&c.complementizers, flag::COMPLEMENTIZER, None),
            (&c.nouns, flag::NOUN, None),
            (&c.adjectives, flag::ADJECTIVE, None),
            (&s.anonymous, flag::ANONYMOUS, Some(PhraseKind::Anonymous)),
            (&s.vague, flag::VAGUE, Some(PhraseKind::Vague)),
            (&s.person_pronouns, flag::PERSON_PRONOUN, None),
            (&s.other_pronouns, flag::OTHER_PRONOUN, None),
            (&s.person_roles, flag::PERSON_ROLE, Some(PhraseKind::PersonRole)),
            (&s.outlet_roles, flag::OUTLET_ROLE, Some(PhraseKind::OutletRole)),
            (&s.organisation_roles, flag::ORGANISATION_ROLE, Some(PhraseKind::OrganisationRole)),
            (&s.outlet_words, flag::OUTLET_WORD, None),
            (&s.documents, flag::DOCUMENT, None),
            (&s.labels, flag::LABEL, None),
            (&s.outlets, 0, Some(PhraseKind::Outlet)),
            (&s.organisation_words, flag::ORGANISATION_WORD, None),
            (&s.titles, flag::TITLE, None),
            (&g.auxiliaries, flag::AUXILIARY, None),
            (&g.adverbs, flag::ADVERB, None),
            (&g.barriers, flag::BARRIER, None),
            (&g.connectors, flag::CONNECTOR, None),
            (&g.source_enders, flag::SOURCE_ENDER, None),
            (&g.determiners, flag::DETERMINER, None),
            (&g.prepositions, flag::PREPOSITION, None),
            (&k.number_words, flag::NUMBER_WORD, Some(PhraseKind::NumberWord)),
        ];
        for (list, word_flag, phrase) in words {
            for entry in list {
                lexicon.add(entry, word_flag, phrase);
            }
        }
        for entry in &g.abbreviations {
            // "u.s" is looked up as the word before its final full stop.
            lexicon.add_word(&entry.to_lowercase(), flag::ABBREVIATION);
        }
        for (list, word_flag) in [(&k.months, flag::MONTH), (&k.actions, flag::ACTION)] {
            for entry in list {
                lexicon.add(entry, word_flag, None);
            }
        }
        for entry in &file.boilerplate.phrases {
            if entry_words(entry).is_empty() {
                lexicon.boilerplate_marks.push(entry.clone());
            } else {
                lexicon.add(entry, 0, Some(PhraseKind::Boilerplate));
            }
        }
        for entry in &file.detect {
            let words = entry_words(entry);
            if let [word] = words.as_slice() {
                let id = lexicon.intern(word);
                lexicon.detect.push(id);
            }
        }
        for list in lexicon.phrases.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        if lexicon.flags.iter().all(|f| f & flag::VERB == 0) {
            return Err(format!("lexicon {name}: [cues] verbs is empty"));
        }
        Ok(lexicon)
    }

    /// The built-in lexicons.
    pub fn built_in() -> Vec<Lexicon> {
        BUILT_IN.iter().map(|(name, text)| Lexicon::parse(name, text).expect("built-in lexicons parse")).collect()
    }

    /// Every `*.toml` lexicon in a directory, in name order.
    pub fn load_dir(dir: &Path) -> Result<Vec<Lexicon>, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read --lexicon {}: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(format!("--lexicon {} holds no *.toml lexicon", dir.display()));
        }
        paths
            .iter()
            .map(|p| {
                let text =
                    std::fs::read_to_string(p).map_err(|e| format!("cannot read lexicon {}: {e}", p.display()))?;
                Lexicon::parse(&p.display().to_string(), &text)
            })
            .collect()
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.flags.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.flags.push(0);
        id
    }

    fn add_word(&mut self, word: &str, word_flag: u64) {
        let id = self.intern(word);
        self.flags[id as usize] |= word_flag;
    }

    fn add(&mut self, entry: &str, word_flag: u64, phrase: Option<PhraseKind>) {
        let words = entry_words(entry);
        match (words.len(), phrase) {
            (0, _) => {}
            (1, Some(kind)) if word_flag == 0 => {
                let id = self.intern(&words[0]);
                self.push_phrase(vec![id], kind);
            }
            (1, _) => self.add_word(&words[0], word_flag),
            (_, Some(kind)) => {
                let ids: Vec<u32> = words.iter().map(|w| self.intern(w)).collect();
                self.push_phrase(ids, kind);
            }
            (_, None) => {
                // A multi-word entry in a word list counts by its last word ("prime minister").
                let last = words.last().cloned().unwrap_or_default();
                self.add_word(&last, word_flag);
            }
        }
    }

    fn push_phrase(&mut self, ids: Vec<u32>, kind: PhraseKind) {
        let list = self.phrases.entry(ids[0]).or_default();
        if !list.iter().any(|(p, k)| *p == ids && *k == kind) {
            list.push((ids, kind));
        }
    }

    /// The id of a folded word, if the lexicon knows it.
    pub fn id(&self, folded: &str) -> Option<u32> {
        self.ids.get(folded).copied()
    }

    pub fn flags(&self, id: Option<u32>) -> u64 {
        id.map_or(0, |id| self.flags[id as usize])
    }

    /// The longest phrase of `kind` starting at `words[0]`; its length in words.
    pub fn phrase_at(&self, words: &[Option<u32>], kind: PhraseKind) -> Option<usize> {
        let first = words.first().copied().flatten()?;
        let list = self.phrases.get(&first)?;
        list.iter()
            .filter(|(_, k)| *k == kind)
            .find(|(p, _)| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| Some(*a) == *b))
            .map(|(p, _)| p.len())
    }

    /// Whether a folded word is one of this language's common words.
    pub fn is_common(&self, folded: &str) -> bool {
        self.id(folded).is_some_and(|id| self.detect.contains(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lexicons_parse() {
        let all = Lexicon::built_in();
        assert_eq!(all.iter().map(|l| l.language.as_str()).collect::<Vec<_>>(), ["en", "fr"]);
    }

    #[test]
    fn an_unknown_section_is_refused_with_the_file_name() {
        let err = Lexicon::parse("x.toml", "language = \"en\"\n[cuez]\n").unwrap_err();
        assert!(err.starts_with("lexicon x.toml:"), "{err}");
    }
}
