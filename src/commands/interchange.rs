//! `claimtrack import`, `export` and `unmapped`: records in from other tools, reviews and claims out.

use std::io::IsTerminal;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::Ctx;
use crate::cli::{ExportArgs, Format, ImportArgs, ImportFrom, Preset};
use crate::error::{Error, Result};
use crate::input::{Inputs, STDIN};
use crate::interchange::tabular::{self, Mapping};
use crate::interchange::{Item, Rejected, claimreview, documents, presets};
use crate::ops::export;
use crate::ops::import::{self, ImportReport, ImportRequest};
use crate::render;
use crate::store::interchange::ReviewFilter;

/// More records than this show a progress bar on a terminal.
const PROGRESS_FROM: usize = 5_000;

/// `export` writes ClaimReview (also for the default `table` and for `json`), CSV or JSON Lines.
pub fn check_export_format(format: Format) -> Result<()> {
    match format {
        Format::Table | Format::Json | Format::ClaimReview | Format::ClaimReviewJsonl | Format::Csv | Format::Jsonl => {
            Ok(())
        }
        _ => Err(Error::Usage("export writes --format claimreview, claimreview-jsonl, csv or jsonl".into())),
    }
}

/// What a reader made of the input.
struct Read {
    items: Vec<Item>,
    rejected: Vec<Rejected>,
    /// The first line of a delimited file, written atop `--skip-bad`'s file.
    header: Option<String>,
}

fn read(args: &ImportArgs, name: &str, text: &str) -> Result<Read> {
    let malformed = |m: documents::Malformed| Error::invalid(format!("{name}: {m}; nothing was written"));
    let whole = |reason: String| Error::invalid(format!("{name}: {reason}; nothing was written"));
    let header_line = || documents::without_bom(text).lines().next().map(String::from);
    let mapping = || match &args.map {
        Some(map) => Mapping::parse(map).map_err(Error::Usage),
        None => Ok(Mapping::identity()),
    };
    let (items, rejected, header) = match (args.preset, args.from) {
        (Some(Preset::Liar), _) => {
            let (items, rejected) = presets::read_liar(text);
            (items, rejected, None)
        }
        (Some(Preset::Averitec), _) => {
            let (items, rejected) = presets::read_averitec(text).map_err(malformed)?;
            (items, rejected, None)
        }
        (None, Some(ImportFrom::Csv)) => {
            let (items, rejected) = tabular::read_delimited(text, b',', true, &mapping()?).map_err(whole)?;
            (items, rejected, header_line())
        }
        (None, Some(ImportFrom::Tsv)) => {
            let (items, rejected) = tabular::read_delimited(text, b'\t', true, &mapping()?).map_err(whole)?;
            (items, rejected, header_line())
        }
        (None, Some(ImportFrom::Jsonl)) => {
            let (items, rejected) = tabular::read_json_lines(text, &mapping()?).map_err(malformed)?;
            (items, rejected, None)
        }
        (None, None | Some(ImportFrom::ClaimReview)) => {
            if args.map.is_some() {
                return Err(Error::Usage("--map is for --from csv, tsv or jsonl".into()));
            }
            let docs = documents::read(text).map_err(malformed)?;
            let (items, rejected) = claimreview::read(&docs);
            if items.is_empty() && rejected.is_empty() {
                return Err(Error::invalid(format!(
                    "{name}: no ClaimReview in it (for CSV, TSV or other JSON Lines, say --from); nothing was written"
                )));
            }
            (items, rejected, None)
        }
    };
    Ok(Read { items, rejected, header })
}

pub fn import(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let name = if args.file.as_os_str() == "-" { STDIN.to_string() } else { args.file.display().to_string() };
    let started = std::time::Instant::now();
    let text = Inputs::default().file("the import file", &args.file)?;
    let sha256 = crate::chain::hex(&Sha256::digest(text.as_bytes()));
    let Read { items, rejected, header } = read(&args, &name, &text)?;
    let read_ms = started.elapsed().as_millis();
    let mut store = ctx.open_to_write()?;
    let mut author = ctx.author();
    author.command = format!("import {name} (sha256 {sha256})");
    // PostgreSQL's writers wait on the advisory lock, not on a file beside the ledger: no marker there.
    let marker =
        (store.dialect() == crate::store::db::Dialect::Sqlite).then(|| crate::store::import_marker(store.path()));
    let total = items.len();
    let bar = progress_bar(total);
    let request = ImportRequest {
        file: name.clone(),
        sha256,
        items,
        rejected,
        skip_bad: args.skip_bad.is_some(),
        dry_run: args.dry_run,
    };
    let large = total >= PROGRESS_FROM;
    let result = import::import(&mut store, &author, request, |done| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
        // Other editors' writes wait on this import; they are told how far it has got.
        if let Some(marker) = marker.as_ref().filter(|_| large && !args.dry_run) {
            let _ = std::fs::write(marker, done.to_string());
        }
    });
    if let Some(marker) = marker.as_ref().filter(|_| large) {
        let _ = std::fs::remove_file(marker);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = result?;
    if let Some(path) = &args.skip_bad {
        write_rejected(path, header.as_deref(), &report.rejected)?;
    }
    if ctx.json() {
        let mut shown = serde_json::to_value(&report).map_err(|e| Error::Internal(e.to_string()))?;
        shown["read_ms"] = (read_ms as u64).into();
        return ctx.out.json(&shown);
    }
    ctx.out.text(&summary(&report, args.skip_bad.as_deref()))
}

/// A progress bar on standard error, only on a terminal and only for a long import.
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} records  {per_sec}  {eta} left")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn write_rejected(path: &Path, header: Option<&str>, rejected: &[Rejected]) -> Result<()> {
    let mut text = String::new();
    if let Some(header) = header.filter(|_| !rejected.is_empty()) {
        text.push_str(header);
        text.push('\n');
    }
    for r in rejected {
        if let Some(raw) = &r.raw {
            text.push_str(raw);
            text.push('\n');
        }
    }
    std::fs::write(path, text).map_err(|e| Error::io(format!("writing the rejected records to {}", path.display()), e))
}

fn summary(report: &ImportReport, skip_bad: Option<&Path>) -> String {
    let shown = |t: &str| crate::render::escape::terminal(t);
    let verb = if report.dry_run { "would import" } else { "imported" };
    let mut out = format!("{verb} {} (sha256 {}): {} record(s)\n", shown(&report.file), report.sha256, report.records);
    let lines = [
        ("claims added", report.claims_added),
        ("claims already in the ledger", report.claims_found),
        ("  of which retracted, left as they are", report.claims_retracted),
        ("sources added", report.sources_added),
        ("articles added", report.articles_added),
        ("citations added", report.citations_added),
        ("links added", report.links_added),
        ("reviews added", report.reviews_added),
        ("verdicts added", report.verdicts_added),
        ("records rejected", report.rejected_count),
    ];
    for (what, n) in lines {
        out.push_str(&format!("  {what}: {n}\n"));
    }
    for r in report.rejected.iter().take(20) {
        out.push_str(&format!("  rejected {}: {}\n", shown(&r.location), shown(&r.reason)));
    }
    if report.rejected.len() > 20 {
        out.push_str(&format!("  … and {} more rejected\n", report.rejected.len() - 20));
    }
    if let Some(path) = skip_bad.filter(|_| report.rejected_count > 0) {
        out.push_str(&format!("  the rejected records are in {}\n", shown(&path.display().to_string())));
    }
    for (location, words) in report.unmapped.iter().take(20) {
        out.push_str(&format!(
            "  unmapped rating at {}: {:?} is not on our scale; rate the claim with `claimtrack verdict` (see `claimtrack unmapped`)\n",
            shown(location),
            shown(words)
        ));
    }
    if report.unmapped.len() > 20 {
        out.push_str(&format!(
            "  … and {} more unmapped ratings (`claimtrack unmapped` lists them)\n",
            report.unmapped.len() - 20
        ));
    }
    if report.dry_run {
        out.push_str("nothing was written (--dry-run)\n");
    }
    out
}

fn filter(ctx: &Ctx, args: &ExportArgs) -> Result<ReviewFilter> {
    let store = ctx.open()?;
    Ok(ReviewFilter {
        claim: args.claim.as_deref().map(|c| crate::ops::claims::resolve(&store, c)).transpose()?,
        article: args.article.as_deref().map(|a| crate::ops::articles::resolve(&store, a)).transpose()?,
        since: args.since.map(|d| d.earliest_day()),
    })
}

pub fn export(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    let filter = filter(ctx, &args)?;
    let store = ctx.open()?;
    // A bar appears once there are enough rows to wait for, on a terminal only.
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut progress = |done: usize, total: usize| {
        if bar.is_none() {
            bar = progress_bar(total);
        }
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let text = match ctx.format {
        Format::Csv | Format::Jsonl => {
            let records = export::claim_records(&store, ctx.now, &filter, &mut progress)?;
            if ctx.format == Format::Csv {
                render::interchange::claims_csv(&records)
            } else {
                render::interchange::claim_lines(&records)
            }
        }
        Format::ClaimReviewJsonl => {
            render::interchange::claimreview_lines(&export::claimreviews_counted(&store, &filter, &mut progress)?)
        }
        _ => render::interchange::claimreview(&export::claimreviews_counted(&store, &filter, &mut progress)?),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    ctx.out.text(&text)
}

pub fn unmapped(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    let list = export::unmapped(&store)?;
    if ctx.json() {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|(review, claim, text, words)| {
                serde_json::json!({"review": review, "claim": claim, "claim_text": text, "rating_words": words})
            })
            .collect();
        return ctx.out.json(&rows);
    }
    if list.is_empty() {
        return ctx.out.line("no unmapped ratings");
    }
    for (review, claim, text, words) in list {
        ctx.out.line(&format!("review {review}\tclaim {claim}\t{words:?}\t{text}"))?;
    }
    Ok(())
}

pub fn datasette_metadata(ctx: &mut Ctx, name: Option<String>) -> Result<()> {
    // Datasette names a database after its file, without the extension.
    let name = name.unwrap_or_else(|| {
        ctx.db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "claimtrack".into())
    });
    ctx.out.json(&crate::store::datasette::metadata(&name))
}

pub fn publish(ctx: &mut Ctx, claim: &str, url: &str, published: Option<crate::date::PartialDate>) -> Result<()> {
    let day = published.map_or_else(|| ctx.now.format("%Y-%m-%d").to_string(), |d| d.iso());
    let mut store = ctx.open_to_write()?;
    let review = export::publish(&mut store, &ctx.author(), claim, url, &day)?;
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({"review": review, "url": url, "published": day}));
    }
    ctx.out.line(&format!("{review}\tpublished the verdict on claim {claim} at {url} ({day})"))
}
