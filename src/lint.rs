//! Extracted statements judged as a pre-publication linter would: which ones to report, at what level, saying what.

use serde::Serialize;

use crate::cli::LintLevel;
use crate::extract::Statement;
use crate::model::CitationKind;

/// The kinds of finding, with their default levels.
pub const KINDS: &[(&str, LintLevel, &str)] = &[
    ("unattributed", LintLevel::Warning, "a check-worthy statement with no source"),
    ("anonymous", LintLevel::Warning, "a statement attributed to unnamed sources"),
    (
        "vague",
        LintLevel::Warning,
        "a statement hedged with \"reportedly\" or the like, or pinned on \"some\", \"critics\"",
    ),
    ("unresolved", LintLevel::Note, "a pronoun or \"the outlet\" with no named source before it"),
];

/// The level each kind is reported at.
#[derive(Clone, Debug)]
pub struct Levels(Vec<(&'static str, LintLevel)>);

impl Default for Levels {
    fn default() -> Self {
        Levels(KINDS.iter().map(|(k, l, _)| (*k, *l)).collect())
    }
}

impl Levels {
    /// Applies `KIND=LEVEL` settings in order; the last one for a kind wins.
    pub fn with(mut self, settings: &[String]) -> Result<Levels, String> {
        for setting in settings {
            let (kind, level) = setting
                .split_once('=')
                .ok_or_else(|| format!("--level {setting:?}: write KIND=LEVEL, e.g. anonymous=error"))?;
            let level = match level.trim() {
                "allow" => LintLevel::Allow,
                "note" => LintLevel::Note,
                "warning" => LintLevel::Warning,
                "error" => LintLevel::Error,
                other => {
                    return Err(format!("--level {setting:?}: unknown level {other:?} (allow, note, warning, error)"));
                }
            };
            self.set(kind.trim(), level).map_err(|e| format!("--level {setting:?}: {e}"))?;
        }
        Ok(self)
    }

    /// Sets one kind's level; an unknown kind is refused, naming the kinds there are.
    pub fn set(&mut self, kind: &str, level: LintLevel) -> Result<(), String> {
        let slot = self.0.iter_mut().find(|(k, _)| *k == kind).ok_or_else(|| {
            let kinds: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
            format!("unknown kind {kind:?} ({})", kinds.join(", "))
        })?;
        slot.1 = level;
        Ok(())
    }

    pub fn of(&self, kind: &str) -> LintLevel {
        self.0.iter().find(|(k, _)| *k == kind).map_or(LintLevel::Allow, |(_, l)| *l)
    }
}

/// One finding.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub level: LintLevel,
    pub kind: &'static str,
    pub message: String,
    pub statement: Statement,
}

/// A short quotation of a text for a message: its first words, cut on a word boundary.
fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words { all.join(" ") } else { format!("{}…", all[..words].join(" ")) }
}

/// The figure a statement states, for the message: an amount with the words around it
/// ("around 1000 troops"), or else a year with the word before it ("in 2020").
fn figure(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')')))
        .collect();
    let is_year =
        |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"));
    let has_digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    if let Some(at) = words.iter().position(|w| has_digit(w) && !is_year(w)) {
        let to = (at + 2).min(words.len());
        return Some(words[at.saturating_sub(1)..to].join(" "));
    }
    let at = words.iter().position(|w| has_digit(w))?;
    Some(words[at.saturating_sub(1)..=at].join(" "))
}

/// The source and cue as written ("sources indicate", "reportedly"), for a message.
fn attribution_words(s: &Statement) -> String {
    [s.source.as_ref(), s.cue.as_ref()].into_iter().flatten().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The findings among `statements`, at their levels; `allow`ed kinds are left out.
pub fn diagnose(statements: &[Statement], levels: &Levels) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in statements {
        let (kind, message) = match s.kind {
            CitationKind::Unattributed => {
                let message = match figure(&s.content.text) {
                    Some(f) if s.has_figure => format!("unattributed statement with figures (\"{f}\")"),
                    _ => format!("unattributed statement (\"{}\")", excerpt(&s.content.text, 8)),
                };
                ("unattributed", message)
            }
            CitationKind::Anonymous => {
                let said = attribution_words(s);
                let message = if s.has_figure {
                    format!("anonymous source (\"{said}\") for a specific number")
                } else {
                    format!("anonymous source (\"{said}\")")
                };
                ("anonymous", message)
            }
            CitationKind::Vague => {
                let said = attribution_words(s);
                let tail = if s.has_figure { " for a specific number" } else { "" };
                ("vague", format!("vague attribution (\"{said}\"){tail}"))
            }
            CitationKind::Named => {
                let pronoun_like = s.resolved_source.is_none() && s.source.is_some();
                if !pronoun_like {
                    continue;
                }
                let source = s.source.as_ref().map_or("", |x| x.text.as_str());
                ("unresolved", format!("\"{source}\" points to no named source before it"))
            }
        };
        let level = levels.of(kind);
        if level == LintLevel::Allow {
            continue;
        }
        out.push(Diagnostic { line: s.line, column: s.column, level, kind, message, statement: s.clone() });
    }
    out
}
