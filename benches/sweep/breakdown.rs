//! Where `claim add` spends its time: the same operations done in-process, timed per phase.

use std::fmt::Display;
use std::path::Path;
use std::time::{Duration, Instant};

use claimtrack::store::{Author, OpenMode, Store};

use crate::random_ledger::Landmarks;
use crate::stats::Stats;
use crate::{BUSY_TIMEOUT_MS, EDITOR, Res, step};

/// Median milliseconds of each phase `claim add` goes through, done with the library in this process.
pub struct Breakdown {
    open: Stats,
    resolve: Stats,
    write: Stats,
    /// Flags and the claim's record, which `claim add` computes only for `--format json`.
    detail: Stats,
    /// Dropping the last connection checkpoints the WAL into the main file.
    close: Stats,
}

impl Display for Breakdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "in-process claim add phases (median ms): open {:.2} | resolve refs {:.2} | write tx {:.2} | \
             close {:.2} | (json-only detail+flags {:.2})",
            self.open.median_ms(),
            self.resolve.median_ms(),
            self.write.median_ms(),
            self.close.median_ms(),
            self.detail.median_ms()
        )
    }
}

pub fn claim_add_breakdown(db: &Path, built: &Landmarks, runs: usize) -> Res<Breakdown> {
    let mut phases: [Vec<Duration>; 5] = Default::default();
    let author = Author {
        editor: EDITOR.into(),
        at: claimtrack::date::timestamp(chrono::Utc::now()),
        command: "claim add".into(),
    };
    for i in 0..runs {
        let timed = claim_add_phases(db, built, &author, i).map_err(|e| format!("run {i}: {e}"))?;
        for (phase, took) in phases.iter_mut().zip(timed) {
            phase.push(took);
        }
    }
    let [open, resolve, write, detail, close] = phases.map(Stats::of);
    Ok(Breakdown { open, resolve, write, detail, close })
}

/// `claimtrack claim add` as the operations do it (src/ops/claims.rs), timed per phase; the detail
/// phase (flags and the claim record) runs only for `--format json`, but is timed here every time.
fn claim_add_phases(db: &Path, built: &Landmarks, author: &Author, i: usize) -> Res<[Duration; 5]> {
    use claimtrack::ops::claims::{self, CitationRequest};
    let t0 = Instant::now();
    let opened = match claimtrack::store::postgres_target(db) {
        Some(server) => Store::open_postgres(server, BUSY_TIMEOUT_MS),
        None => Store::open(db, OpenMode::Existing, BUSY_TIMEOUT_MS),
    };
    let mut store = step("open", opened)?;
    let t1 = Instant::now();
    let request = CitationRequest {
        article: built.article.to_string(),
        source: Some(built.person.to_string()),
        kind: None,
        quote: Some("the port will reopen in March".into()),
        time: None,
    };
    let cite = step("resolve", claims::resolve_citation(&store, &request))?;
    let t2 = Instant::now();
    let text = format!("In-process claim {i}: the port will reopen in March");
    let id = step("write", store.write(author, |tx| claims::record(tx, &text, Some(&cite))))?;
    let t3 = Instant::now();
    let detail = step("detail", claims::detail(&store, chrono::Utc::now(), id))?;
    std::hint::black_box(detail);
    let t4 = Instant::now();
    drop(store);
    let t5 = Instant::now();
    Ok([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
}
