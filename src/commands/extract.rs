//! `claimtrack extract`: the attributed statements in an article's text, as a table or as JSON.

use serde::Serialize;

use super::Ctx;
use crate::cli::ExtractArgs;
use crate::error::{Error, Result};
use crate::extract::{self, Lexicon, Statement};
use crate::input::Inputs;
use crate::render::table::Table;

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
    let text = match (&args.file, &args.article) {
        (Some(file), _) => Inputs::default().file("FILE", file)?,
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
    if ctx.json() {
        return ctx.out.json(&Extracted { statements: &statements });
    }
    let table = table(&statements, ctx.out.colour);
    if table.is_empty() {
        return ctx.out.line("no statements found");
    }
    ctx.out.text(&table.render(ctx.out.width))
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
