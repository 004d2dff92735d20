//! `claimtrack extract`: the attributed statements in an article's text, as a table or as JSON.

use serde::Serialize;

use super::Ctx;
use crate::cli::ExtractArgs;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::extract::{self, Lexicon, Statement};
use crate::html::Page;
use crate::input::Inputs;
use crate::ops::extracted::{self, Proposal, Target};
use crate::render::{self, table::Table};
use std::io::{BufRead, IsTerminal, Write};

/// The JSON contract: `{"statements": [...]}`.
#[derive(Serialize)]
struct Extracted<'a> {
    statements: &'a [Statement],
}

/// The lexicons asked for: `--lexicon DIR` or the built-in ones, narrowed by `--lang`.
pub fn lexicons(dir: Option<&std::path::Path>, lang: Option<&str>) -> Result<Vec<Lexicon>> {
    let all = match dir {
        Some(dir) => Lexicon::load_dir(dir).map_err(Error::Invalid)?,
        None => Lexicon::built_in(),
    };
    match lang {
        None => Ok(all),
        Some(lang) => {
            let known: Vec<String> = all.iter().map(|l| l.language.clone()).collect();
            let chosen: Vec<Lexicon> = all.into_iter().filter(|l| l.language.eq_ignore_ascii_case(lang)).collect();
            if chosen.is_empty() {
                return Err(Error::Usage(format!("no lexicon for --lang {lang} (there are: {})", known.join(", "))));
            }
            Ok(chosen)
        }
    }
}

pub fn run(ctx: &mut Ctx, args: ExtractArgs) -> Result<()> {
    let lexicons = lexicons(args.lexicon.as_deref(), args.lang.as_deref())?;
    if args.save && args.article.is_none() && args.publisher.is_none() {
        return Err(Error::Usage(
            "--save needs --article A (an article in the ledger) or --publisher P (a new one)".into(),
        ));
    }
    if args.interactive && !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(
            "--interactive needs a terminal to ask at; without one, leave it out to record every statement".into(),
        ));
    }
    let mut page = None;
    let text = match (&args.file, &args.article) {
        (Some(file), _) => {
            let text = Inputs::default().file("FILE", file)?;
            // A saved web page: its body is what is read, and offsets point into that text.
            if crate::html::is_html(&text) {
                let read = crate::html::read(&text);
                let body = read.text.clone();
                page = Some(read);
                body
            } else {
                text
            }
        }
        (None, Some(article)) => {
            let store = ctx.open()?;
            let detail = crate::ops::articles::show(&store, article, true)?;
            detail.text.ok_or_else(|| {
                Error::invalid(format!(
                    "article {} has no stored text (add it with `claimtrack article add … --text-file FILE`)",
                    detail.article.id
                ))
            })?
        }
        (None, None) => return Err(Error::Usage("give FILE, - or --article".into())),
    };
    let statements = extract::extract(&text, &lexicons);
    if args.save {
        return save(ctx, &args, &text, statements, page);
    }
    if ctx.json() {
        return ctx.out.json(&Extracted { statements: &statements });
    }
    let table = table(&statements, ctx.out.colour);
    if table.is_empty() {
        return ctx.out.line("no statements found");
    }
    ctx.out.text(&table.render(ctx.out.width))
}

/// `--save`: the statements (or those the editor accepts) recorded in one change.
fn save(ctx: &mut Ctx, args: &ExtractArgs, text: &str, statements: Vec<Statement>, page: Option<Page>) -> Result<()> {
    let target = match (&args.article, &args.publisher) {
        (Some(article), _) => Target::Article(article.clone()),
        (None, Some(publisher)) => {
            let page = page.unwrap_or_default();
            Target::New {
                publisher: publisher.clone(),
                title: args.title.clone().or(page.title),
                url: page
                    .canonical_url
                    .filter(|u| crate::address::parse_url(u).is_ok())
                    .map(|u| crate::address::canonical(&u)),
                published: page.published.as_deref().and_then(|p| PartialDate::parse(crate::html::date_part(p)).ok()),
            }
        }
        (None, None) => return Err(Error::Usage("--save needs --article or --publisher".into())),
    };
    let mut store = ctx.open_to_write()?;
    extracted::check(&store, &target, text)?;
    let mut proposals: Vec<Proposal> = statements.into_iter().map(Proposal::from).collect();
    if args.interactive {
        proposals = ask(proposals)?;
    }
    let saved = extracted::save(&mut store, &ctx.author(), &target, text, &proposals)?;
    if ctx.json() {
        return ctx.out.json(&saved);
    }
    for r in &saved.recorded {
        let how = if r.existing_claim { "cited existing claim" } else { "added claim" };
        ctx.out.line(&format!("{}	{how} ({}): {}", r.claim, r.kind, render::escape::truncate(&r.text, 80)))?;
    }
    for s in &saved.skipped {
        eprintln!(
            "claimtrack: note: skipped the statement at {}..{}: {}",
            s.start,
            s.end,
            render::escape::terminal(&s.reason)
        );
    }
    let stored = if saved.text_stored { "; the text is now stored with the article" } else { "" };
    ctx.out.line(&format!(
        "article {}: {} recorded, {} already recorded, {} skipped{stored}",
        saved.article,
        saved.recorded.len(),
        saved.already_recorded,
        saved.skipped.len()
    ))
}

/// Asks about each proposal at the terminal: accept, edit the claim's wording, skip, or quit (skip the rest).
fn ask(proposals: Vec<Proposal>) -> Result<Vec<Proposal>> {
    let stdin = std::io::stdin();
    let mut err = std::io::stderr();
    let total = proposals.len();
    let mut accepted = Vec::new();
    let read = |prompt: &str, err: &mut std::io::Stderr| -> Result<Option<String>> {
        write!(err, "{prompt}").and_then(|_| err.flush()).map_err(|e| Error::io("writing the prompt", e))?;
        let mut line = String::new();
        let n = stdin.lock().read_line(&mut line).map_err(|e| Error::io("reading the answer", e))?;
        Ok((n > 0).then(|| line.trim_end_matches(['\r', '\n']).to_string()))
    };
    for (i, mut p) in proposals.into_iter().enumerate() {
        let s = &p.statement;
        let source = match (&s.source, &s.resolved_source) {
            (Some(src), Some(r)) if *r != src.text => format!("{} → {r}", src.text),
            (Some(src), _) => src.text.clone(),
            (None, _) => "no source".to_string(),
        };
        let card = format!("\n[{}/{total}] line {}: {} — {source}\n  {}\n", i + 1, s.line, s.kind, p.claim_text);
        write!(err, "{}", render::escape::terminal_block(&card)).map_err(|e| Error::io("writing the prompt", e))?;
        loop {
            let Some(answer) = read("accept, edit, skip or quit? [a/e/s/q] ", &mut err)? else {
                return Ok(accepted);
            };
            match answer.trim().to_lowercase().as_str() {
                "" | "a" | "accept" | "y" | "yes" => {
                    accepted.push(p);
                    break;
                }
                "e" | "edit" => {
                    let Some(text) = read("claim text (empty keeps it): ", &mut err)? else {
                        return Ok(accepted);
                    };
                    if !text.trim().is_empty() {
                        p.claim_text = text.trim().to_string();
                    }
                    accepted.push(p);
                    break;
                }
                "s" | "skip" | "n" | "no" => break,
                "q" | "quit" => return Ok(accepted),
                _ => continue,
            }
        }
    }
    Ok(accepted)
}

/// One row per statement: where, how attributed, to whom, by which cue, saying what.
fn table(statements: &[Statement], colour: bool) -> Table {
    let mut table =
        Table::new(&["at", "kind", "source", "cue", "statement"]).colour(colour).wrap_column(4).wrap_column(2);
    for s in statements {
        let source = match (&s.source, &s.resolved_source) {
            (Some(src), Some(resolved)) if *resolved != src.text => format!("{} → {resolved}", src.text),
            (Some(src), _) => src.text.clone(),
            (None, _) => "—".to_string(),
        };
        table.row(vec![
            format!("{}:{}", s.line, s.column),
            s.kind.to_string(),
            source,
            s.cue.as_ref().map_or("—".to_string(), |c| c.text.clone()),
            s.content.text.clone(),
        ]);
    }
    table
}
