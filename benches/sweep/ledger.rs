//! Step 1: building a ledger of N claims through the library, and describing what was built.

use std::path::Path;

use claimtrack::date::PartialDate;
use claimtrack::model::{
    ArticleId, Attribution, CitationKind, ClaimId, LinkTarget, Rating, SourceId, SourceKind, Stance,
};
use claimtrack::store::articles::NewArticle;
use claimtrack::store::claims::NewCitation;
use claimtrack::store::sources::NewSource;
use claimtrack::store::{Author, OpenMode, Store, Tx};
use rusqlite::{Connection, OpenFlags};

use crate::rng::Rng;
use crate::{BUSY_TIMEOUT_MS, Res, step};

/// Claims written per transaction while building, so memory stays bounded.
const CLAIMS_PER_TX: usize = 10_000;

/// The mix of source kinds, repeated over the sources in order.
const KIND_MIX: [SourceKind; 20] = {
    use SourceKind::*;
    [
        Outlet,
        Person,
        Agency,
        Government,
        Person,
        Outlet,
        Organization,
        Person,
        Document,
        Anonymous,
        Outlet,
        Person,
        Government,
        Agency,
        Person,
        Outlet,
        Organization,
        Person,
        Government,
        Anonymous,
    ]
};

const FIRST_NAMES: [&str; 8] = ["Amina", "Boris", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana"];
const LAST_NAMES: [&str; 8] = ["Okafor", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Yilmaz", "Silva", "Novak"];
const PLACES: [&str; 10] =
    ["Niamey", "Ankara", "Lagos", "Tripoli", "Bamako", "Khartoum", "Dakar", "Tunis", "Rabat", "Cairo"];
const ACTORS: [&str; 8] = [
    "The defence ministry",
    "Rebel forces",
    "The central bank",
    "A UN panel",
    "The governor",
    "Aid agencies",
    "Police",
    "The president",
];
const VERBS: [&str; 8] = [
    "will deploy",
    "has suspended",
    "plans to build",
    "denied funding",
    "agreed to train",
    "seized",
    "postponed",
    "doubled",
];
const OBJECTS: [&str; 8] = [
    "elite troops",
    "the fuel subsidy",
    "a new port",
    "border patrols",
    "the election",
    "grain exports",
    "two dams",
    "drone strikes",
];

/// What the build produced, for choosing ids in later steps and for the printout.
pub struct Built {
    /// A named (person) source to attribute bench claims to.
    pub person: SourceId,
    /// An article without stored text, so `--quote` needs no locating.
    pub article: ArticleId,
}

impl Built {
    pub fn summary(&self, db: &Path) -> String {
        let counts = count_rows(db).unwrap_or_else(|e| format!("(row counts unavailable: {e})"));
        let megabytes = std::fs::metadata(db).map(|m| m.len() as f64 / 1e6).unwrap_or(f64::NAN);
        format!("{counts}; file {megabytes:.1} MB")
    }
}

/// Everything created so far, so later rows can point at earlier ones.
struct Pools {
    sources: Vec<(SourceId, SourceKind)>,
    publishers: Vec<SourceId>,
    attributable: Vec<SourceId>,
    anonymous: Vec<SourceId>,
    articles: Vec<ArticleId>,
    claims: Vec<ClaimId>,
}

pub fn build(db: &Path, size: usize) -> Res<Built> {
    let mut store = step("open new ledger", Store::open(db, OpenMode::Create, BUSY_TIMEOUT_MS))?;
    let mut rng = Rng::new(0x5EED_0000 ^ size as u64);
    let batches = size.div_ceil(CLAIMS_PER_TX);
    let author = |batch: usize| Author { editor: "bench-loader".into(), at: batch_timestamp(batch, batches) };

    let mut pools = Pools {
        sources: Vec::new(),
        publishers: Vec::new(),
        attributable: Vec::new(),
        anonymous: Vec::new(),
        articles: Vec::new(),
        claims: Vec::with_capacity(size),
    };
    let source_count = (size / 100).max(20);
    step("add sources", store.write(&author(0), |tx| add_sources(tx, &mut rng, &mut pools, source_count)))?;

    let article_total = (size / 10).max(10);
    for batch in 0..batches {
        let end = ((batch + 1) * CLAIMS_PER_TX).min(size);
        let articles_by_end = article_total * end / size;
        let result = store.write(&author(batch), |tx| {
            add_articles(tx, &mut rng, &mut pools, articles_by_end)?;
            add_claims(tx, &mut rng, &mut pools, end)
        });
        step(&format!("write batch {} of {batches}", batch + 1), result)?;
    }
    step("checkpoint", store.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?;

    let person = pools.sources.iter().find(|(_, kind)| *kind == SourceKind::Person).map(|(id, _)| *id);
    Ok(Built {
        person: person.ok_or("no person source was generated")?,
        article: pools.articles[pools.articles.len() / 2],
    })
}

/// Batches are stamped over the last ~45 days, oldest first, so some claims are stale.
fn batch_timestamp(batch: usize, batches: usize) -> String {
    let days_ago = if batches > 1 { 45 * (batches - 1 - batch) / (batches - 1) } else { 0 };
    let at = chrono::Utc::now() - chrono::Duration::days(days_ago as i64);
    claimtrack::date::timestamp(at)
}

fn add_sources(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, count: usize) -> claimtrack::error::Result<()> {
    for i in 0..count {
        let kind = KIND_MIX[i % KIND_MIX.len()];
        let name = source_name(kind, i, rng);
        let url = matches!(kind, SourceKind::Outlet | SourceKind::Agency | SourceKind::Organization)
            .then(|| format!("https://source{i}.example.org/"));
        let note = rng.percent(20).then_some("Checked by the desk; reliable on regional security.");
        let id = tx.add_source(&NewSource { name: &name, kind, url: url.as_deref(), note })?;
        if rng.percent(25) {
            tx.add_alias(id, &format!("{}-{i}", initials(&name)))?;
        }
        pools.sources.push((id, kind));
        match kind {
            SourceKind::Outlet | SourceKind::Agency => pools.publishers.push(id),
            SourceKind::Anonymous => pools.anonymous.push(id),
            _ => {}
        }
        if kind != SourceKind::Anonymous {
            pools.attributable.push(id);
        }
    }
    Ok(())
}

fn source_name(kind: SourceKind, i: usize, rng: &mut Rng) -> String {
    let place = rng.pick(&PLACES);
    match kind {
        SourceKind::Person => format!("{} {} ({i})", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES)),
        SourceKind::Outlet => format!("The {place} Observer {i}"),
        SourceKind::Agency => format!("{place} Press Agency {i}"),
        SourceKind::Government => format!("Ministry of Interior of {place} {i}"),
        SourceKind::Organization => format!("{place} Human Rights Watchers {i}"),
        SourceKind::Document => format!("{place} budget report {i}"),
        SourceKind::Anonymous => format!("a senior official in {place} ({i})"),
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_alphabetic()).collect()
}

/// Adds articles until there are `until` of them; ~20% re-report earlier ones.
fn add_articles(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, until: usize) -> claimtrack::error::Result<()> {
    while pools.articles.len() < until {
        let seq = pools.articles.len() + 1;
        let title = format!(
            "{} {} {} in {} ({seq})",
            rng.pick(&ACTORS),
            rng.pick(&VERBS),
            rng.pick(&OBJECTS),
            rng.pick(&PLACES)
        );
        let url = rng.percent(90).then(|| format!("https://news.example.com/{}/story-{seq}", 2023 + seq % 3));
        let publisher = rng.percent(90).then(|| *rng.pick(&pools.publishers));
        let published = random_date(rng);
        let mut derived_from = Vec::new();
        if !pools.articles.is_empty() && rng.percent(20) {
            derived_from.push(rng.recent(&pools.articles, 500));
            if rng.percent(25) {
                derived_from.push(*rng.pick(&pools.articles));
            }
            derived_from.dedup();
        }
        let id = tx.add_article(&NewArticle {
            title: &title,
            url: url.as_deref(),
            publisher,
            published,
            text: None,
            derived_from: &derived_from,
        })?;
        pools.articles.push(id);
    }
    Ok(())
}

/// Mostly day precision, some month or year only, a few undated.
fn random_date(rng: &mut Rng) -> Option<PartialDate> {
    let year = 2023 + rng.below(3);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let text = match rng.below(100) {
        0..=4 => return None,
        5..=14 => format!("{year:04}"),
        15..=34 => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}-{month:02}-{day:02}"),
    };
    Some(PartialDate::parse(&text).expect("generated dates are valid"))
}

/// Adds claims until there are `until`, each with 1–3 citations; ~5% get a link, ~10% a verdict.
fn add_claims(tx: &mut Tx<'_>, rng: &mut Rng, pools: &mut Pools, until: usize) -> claimtrack::error::Result<()> {
    while pools.claims.len() < until {
        let seq = pools.claims.len() + 1;
        let text = format!(
            "{} {} {} in {} (claim {seq})",
            rng.pick(&ACTORS),
            rng.pick(&VERBS),
            rng.pick(&OBJECTS),
            rng.pick(&PLACES)
        );
        let claim = tx.add_claim(&text)?;
        let citations = match rng.below(100) {
            0..=49 => 1,
            50..=84 => 2,
            _ => 3,
        };
        for n in 0..citations {
            add_random_citation(tx, rng, pools, claim, n == 0)?;
        }
        if !pools.claims.is_empty() && rng.percent(5) {
            add_random_link(tx, rng, pools, claim)?;
        }
        if rng.percent(10) {
            let rating = *rng.pick(Rating::ALL);
            let note = rng.percent(50).then_some("Matches the ministry's published figures.");
            let evidence = rng.percent(30).then(|| format!("https://evidence.example.net/check/{seq}"));
            tx.add_verdict(claim, rating, note, evidence.as_deref())?;
        }
        pools.claims.push(claim);
    }
    Ok(())
}

fn add_random_citation(
    tx: &mut Tx<'_>,
    rng: &mut Rng,
    pools: &Pools,
    claim: ClaimId,
    first: bool,
) -> claimtrack::error::Result<()> {
    let article = if first { rng.recent(&pools.articles, 2_000) } else { *rng.pick(&pools.articles) };
    let (kind, source) = match rng.below(100) {
        0..=49 => (CitationKind::Named, Some(*rng.pick(&pools.attributable))),
        50..=64 => (CitationKind::Anonymous, rng.percent(50).then(|| *rng.pick(&pools.anonymous))),
        65..=74 => (CitationKind::Vague, rng.percent(20).then(|| *rng.pick(&pools.attributable))),
        _ => (CitationKind::Unattributed, None),
    };
    let quote = rng.percent(60).then_some("officials said the plan would go ahead as early as next month");
    let attribution = Attribution::new(kind, source).map_err(claimtrack::error::Error::Internal)?;
    tx.add_citation(claim, &NewCitation { article, attribution, quote, span: None })?;
    Ok(())
}

fn add_random_link(tx: &mut Tx<'_>, rng: &mut Rng, pools: &Pools, claim: ClaimId) -> claimtrack::error::Result<()> {
    let stance = if rng.percent(65) { Stance::Corroborates } else { Stance::Conflicts };
    let target = if rng.percent(60) {
        LinkTarget::Claim(rng.recent(&pools.claims, 5_000))
    } else {
        LinkTarget::Article(*rng.pick(&pools.articles))
    };
    let note = rng.percent(40).then_some("Same figures reported independently.");
    tx.add_link(claim, stance, target, note)?;
    Ok(())
}

fn count_rows(db: &Path) -> Res<String> {
    let conn = step("open for counting", Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
    let tables = ["sources", "articles", "article_derivations", "claims", "citations", "links", "verdicts", "events"];
    let mut parts = Vec::new();
    for table in tables {
        let n: i64 = step(table, conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))?;
        parts.push(format!("{table} {n}"));
    }
    Ok(parts.join(", "))
}
