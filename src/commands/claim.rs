//! `claimtrack claim add|cite|list|show|edit|retract`.

use super::{Ctx, print_created};
use crate::cli::{CitationArgs, ClaimCommand, ClaimFilters, OnDuplicate};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::claims::{self, CitationRequest, ClaimQuery};
use crate::ops::matching::{self, OnDuplicate as Policy};
use crate::render;

pub fn run(ctx: &mut Ctx, command: ClaimCommand) -> Result<()> {
    match command {
        ClaimCommand::Add { text, text_file, citation, due, on_duplicate } => {
            let citation = citation_request(citation)?;
            let text = claim_text(text, text_file)?;
            add(ctx, &text, citation.as_ref(), due.as_deref(), on_duplicate)
        }
        ClaimCommand::Cite { claim, citation } => {
            let citation =
                citation_request(citation)?.ok_or_else(|| Error::Usage("`claim cite` needs --article".into()))?;
            let mut store = ctx.open_to_write()?;
            let cited = claims::cite(&mut store, &ctx.author(), &claim, &citation)?;
            let detail = claims::detail(&store, ctx.now, cited.claim)?;
            let what = format!("cited claim {} in article {}", cited.claim, cited.article);
            print_created(ctx, cited.citation, &what, &detail)
        }
        ClaimCommand::List {
            filters: ClaimFilters { flag, article, source, all },
            stage,
            assignee,
            tag,
            due_before,
            overdue,
            search,
        } => {
            let store = ctx.open()?;
            let assignee = assignee.map(|name| super::desk::editor_or_me(ctx, name)).transpose()?;
            let query = ClaimQuery {
                flag,
                article,
                source,
                include_retracted: all,
                stage,
                assignee,
                tag,
                due_before,
                overdue,
                search,
            };
            let list = claims::list(&store, ctx.now, &query)?;
            if ctx.json() {
                return ctx.out.json(&list);
            }
            ctx.out.text(&render::records::claim_list(&list, ctx.out.width, ctx.out.colour))
        }
        ClaimCommand::Search { query, filters: ClaimFilters { flag, article, source, all } } => {
            let store = ctx.open()?;
            let query = ClaimQuery {
                flag,
                article,
                source,
                include_retracted: all,
                search: Some(query),
                ..ClaimQuery::default()
            };
            let list = claims::list(&store, ctx.now, &query)?;
            if ctx.json() {
                return ctx.out.json(&list);
            }
            ctx.out.text(&render::records::claim_list(&list, ctx.out.width, ctx.out.colour))
        }
        ClaimCommand::Show { claim } => {
            let store = ctx.open()?;
            let id = claims::resolve(&store, &claim)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            ctx.out.text(&render::records::claim_detail(&detail, ctx.out.width, ctx.out.colour))
        }
        ClaimCommand::Edit { claim, text, text_file } => {
            let text = claim_text(text, text_file)?;
            let mut store = ctx.open_to_write()?;
            let edited = claims::edit(&mut store, &ctx.author(), &claim, &text)?;
            let detail = claims::detail(&store, ctx.now, edited.claim)?;
            let what = if edited.changed {
                format!("reworded claim: {}", detail.claim.text)
            } else {
                format!("claim {} already reads so; nothing changed: {}", edited.claim, detail.claim.text)
            };
            print_created(ctx, edited.claim, &what, &detail)
        }
        ClaimCommand::Restore { claim } => {
            let mut store = ctx.open_to_write()?;
            let id = claims::restore(&mut store, &ctx.author(), &claim)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            print_created(ctx, id, &format!("restored claim: {}", detail.claim.text), &detail)
        }
        ClaimCommand::Stage { claim, stage } => super::desk::stage(ctx, &claim, stage),
        ClaimCommand::Assign { claim, to } => super::desk::assign(ctx, &claim, to, true),
        ClaimCommand::Unassign { claim, from } => super::desk::assign(ctx, &claim, from, false),
        ClaimCommand::Tag { claim, tags } => super::desk::tag_claim(ctx, &claim, &tags, true),
        ClaimCommand::Untag { claim, tags } => super::desk::tag_claim(ctx, &claim, &tags, false),
        ClaimCommand::Due { claim, date, .. } => super::desk::due(ctx, &claim, date.as_deref()),
        ClaimCommand::Note { claim, text } => super::desk::note(ctx, &claim, &text),
        ClaimCommand::Share { claim, with } => {
            let mut store = ctx.open_to_write()?;
            let (id, coalition, shared) = crate::ops::orgs::share(&mut store, &ctx.author(), &claim, &with)?;
            if ctx.json() {
                return ctx
                    .out
                    .json(&serde_json::json!({ "claim": id, "coalition": coalition.name, "shared": shared }));
            }
            let what = if shared { "shared" } else { "was already shared" };
            ctx.out.line(&format!("{id}\tclaim {id} {what} with {}", coalition.name))
        }
        ClaimCommand::Retract { claim, reason } => {
            let mut store = ctx.open_to_write()?;
            let id = claims::retract(&mut store, &ctx.author(), &claim, &reason)?;
            let detail = claims::detail(&store, ctx.now, id)?;
            print_created(ctx, id, &format!("retracted claim: {}", detail.claim.text), &detail)
        }
    }
}

/// `claim add`: checks for duplicates (asking on a terminal), adds, and reports the matches
/// and any numeric conflict on standard error, so the id stays first on standard output.
fn add(
    ctx: &mut Ctx,
    text: &str,
    citation: Option<&CitationRequest>,
    due: Option<&str>,
    asked: Option<OnDuplicate>,
) -> Result<()> {
    use std::io::IsTerminal;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut policy = match asked {
        Some(OnDuplicate::Ask) if !interactive => {
            return Err(Error::Usage("--on-duplicate ask needs a terminal; choose add, skip or link".into()));
        }
        Some(OnDuplicate::Ask) => Policy::Ask,
        Some(OnDuplicate::Add) => Policy::Add,
        Some(OnDuplicate::Skip) => Policy::Skip,
        Some(OnDuplicate::Link) => Policy::Link,
        None if interactive => Policy::Ask,
        None => Policy::Add,
    };
    let mut store = ctx.open_to_write()?;
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut prompted = false;
    if policy == Policy::Ask {
        let found = matching::similar(&store, text, matching::SHOWN_ON_ADD)?;
        let near: Vec<_> = found.into_iter().filter(|m| m.near_duplicate).collect();
        // Only the newsroom's own claim can be linked to or kept in place of a new one.
        if let Some(best) = near.iter().find(|m| !m.shared) {
            eprint!("{}", render::matches::add_report(None, &near, colour));
            policy = prompt(best.claim_id)?;
            prompted = true;
        }
    }
    let outcome = matching::add_claim(&mut store, &ctx.author(), text, citation, due, policy)?;
    let report = render::matches::add_report(outcome.added.then_some(outcome.claim_id.0), &outcome.matches, colour);
    // After a prompt the matches were shown already; only the conflicts to record are new.
    if !report.is_empty() && (!prompted || outcome.conflicts().next().is_some()) {
        eprint!("{report}");
    }
    if ctx.quiet {
        return ctx.out.line(&outcome.claim_id.to_string());
    }
    if ctx.json() {
        /// The claim as `claim show` prints it, with what the duplicate check found.
        #[derive(serde::Serialize)]
        struct Added<'a> {
            #[serde(flatten)]
            detail: crate::view::ClaimDetail,
            added: bool,
            duplicate_of: Option<crate::model::ClaimId>,
            link_id: Option<crate::model::LinkId>,
            matches: &'a [matching::Match],
        }
        let detail = claims::detail(&store, ctx.now, outcome.claim_id)?;
        return ctx.out.json(&Added {
            detail,
            added: outcome.added,
            duplicate_of: outcome.duplicate_of,
            link_id: outcome.link_id,
            matches: &outcome.matches,
        });
    }
    // Scripts read the id; computing flags for the echo would only slow every add.
    let line = match (outcome.added, outcome.duplicate_of) {
        (false, _) => {
            format!("{}\tskipped: the ledger already holds it as claim {}", outcome.claim_id, outcome.claim_id)
        }
        (true, Some(of)) => format!(
            "{}\tadded claim as a duplicate of claim {of} (link {}): {}",
            outcome.claim_id,
            outcome.link_id.map(|l| l.to_string()).unwrap_or_default(),
            text.trim()
        ),
        (true, None) => format!("{}\tadded claim: {}", outcome.claim_id, text.trim()),
    };
    ctx.out.line(&line)
}

/// Asks on the terminal what to do with a claim the ledger already holds.
fn prompt(best: crate::model::ClaimId) -> Result<Policy> {
    use std::io::Write;
    loop {
        eprint!("add it anyway [a], link it as a duplicate of claim {best} [l], or skip it [s]? ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).map_err(|e| Error::invalid(format!("reading the answer: {e}")))? == 0
        {
            return Err(Error::invalid("no answer: nothing was added"));
        }
        match answer.trim().to_lowercase().as_str() {
            "a" | "add" => return Ok(Policy::Add),
            "l" | "link" => return Ok(Policy::Link),
            "s" | "skip" => return Ok(Policy::Skip),
            _ => {}
        }
    }
}

/// The claim's wording: the argument, standard input for `-`, or `--text-file`.
fn claim_text(text: Option<String>, text_file: Option<PathBuf>) -> Result<String> {
    let mut inputs = Inputs::default();
    match (text, text_file) {
        (Some(text), _) => inputs.text("the claim text", &text),
        (None, Some(path)) => inputs.file("--text-file", &path),
        (None, None) => Err(Error::Usage("give the claim's text, `-` to read it, or --text-file".into())),
    }
}

/// The citation options as a request; `--source`, `--kind` and `--quote` mean nothing without `--article`.
fn citation_request(args: CitationArgs) -> Result<Option<CitationRequest>> {
    let CitationArgs { article, source, kind, quote, at } = args;
    match article {
        Some(article) => Ok(Some(CitationRequest { article, source, kind, quote, time: at })),
        None if source.is_some() || kind.is_some() || quote.is_some() || at.is_some() => {
            Err(Error::Usage("--source, --kind, --quote and --at need --article: say where the claim appeared".into()))
        }
        None => Ok(None),
    }
}
