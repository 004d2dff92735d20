//! `claimtrack lint`: compiler-style diagnostics for article drafts, and an exit code a CI gate can use.

use serde::Serialize;

use super::Ctx;
use crate::cli::{LintArgs, LintLevel};
use crate::error::{Error, Result};
use crate::extract;
use crate::input::{Inputs, STDIN};
use crate::lint::{self, Diagnostic, Levels};

#[derive(Serialize)]
struct FileDiagnostics {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Linted {
    files: Vec<FileDiagnostics>,
    /// Findings at each level, over every file.
    counts: std::collections::BTreeMap<&'static str, usize>,
    /// Whether a finding reached `--deny`.
    denied: bool,
}

fn level_name(level: LintLevel) -> &'static str {
    match level {
        LintLevel::Allow => "allow",
        LintLevel::Note => "note",
        LintLevel::Warning => "warning",
        LintLevel::Error => "error",
    }
}

pub fn run(ctx: &mut Ctx, args: LintArgs) -> Result<()> {
    // Levels: the built-in defaults, then your config file's `[lint]` table, then --level.
    let mut levels = Levels::default();
    for (kind, level) in ctx.config.lint_levels() {
        levels.set(&kind, level).map_err(|e| Error::invalid(format!("config file, [lint] {kind}: {e}")))?;
    }
    let levels = levels.with(&args.levels).map_err(Error::Usage)?;
    let lexicons = super::extract::lexicons(args.lexicon.as_deref(), args.lang.as_deref())?;
    let mut inputs = Inputs::default();
    // Read every file first: a bad one stops the run before anything is printed.
    let mut texts = Vec::new();
    for file in &args.files {
        let name = if file.as_os_str() == "-" { STDIN.to_string() } else { file.display().to_string() };
        let text = inputs.file("FILE", file)?;
        // A saved web page is linted on its body text; positions count in that text.
        let text = if crate::html::is_html(&text) { crate::html::read(&text).text } else { text };
        texts.push((name, text));
    }
    let mut files = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut denied = false;
    for (path, text) in texts {
        let statements = extract::extract(&text, &lexicons);
        let diagnostics = lint::diagnose(&statements, &levels);
        for d in &diagnostics {
            *counts.entry(level_name(d.level)).or_insert(0) += 1;
            denied |= d.level >= args.deny && args.deny != LintLevel::Allow;
        }
        files.push(FileDiagnostics { path, diagnostics });
    }
    if ctx.json() {
        ctx.out.json(&Linted { files, counts: counts.clone(), denied })?;
    } else {
        for file in &files {
            for d in &file.diagnostics {
                ctx.out.line(&format!(
                    "{}:{}:{}: {}: {} [{}]",
                    file.path,
                    d.line,
                    d.column,
                    level_name(d.level),
                    d.message,
                    d.kind
                ))?;
            }
        }
    }
    if denied {
        ctx.out.flush()?;
        let found: Vec<String> =
            counts.iter().rev().map(|(level, n)| format!("{n} {level}{}", if *n == 1 { "" } else { "s" })).collect();
        return Err(Error::Findings(format!(
            "lint: {} (--deny {} fails on a finding at that level or above)",
            found.join(", "),
            level_name(args.deny)
        )));
    }
    Ok(())
}
