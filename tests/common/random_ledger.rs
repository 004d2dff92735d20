//! Random ledgers of any size, the same for a given seed, shared by the property tests and the bench.
//!
//! Everything is written through the library: the store's `Tx` methods, and
//! `ops::claims::record` for each claim with the citation where it appeared.
//! Sizes follow the claim count: a source per 100 claims (at least 20), an
//! article per 10 (at least 10). Each claim has 1–3 citations of mixed
//! attribution; quotes run from two words to twelve, one with a `"` in it;
//! about 20% of articles re-report earlier ones, so re-report chains form; 5%
//! of claims are linked to a claim (corroborates, conflicts or duplicates) or
//! to an article, 10% get a verdict and 1% are retracted. Transactions are
//! stamped oldest first over the last ~45 days, so when there are several some
//! claims are stale and some recent.

use claimtrack::date::PartialDate;
use claimtrack::model::{
    ArticleId, Attribution, CitationKind, ClaimId, LinkTarget, Rating, SourceId, SourceKind, Stance,
};
use claimtrack::ops::claims::{self, ResolvedCitation};
use claimtrack::store::articles::NewArticle;
use claimtrack::store::claims::NewCitation;
use claimtrack::store::desk::NewEvidence;
use claimtrack::store::links::NewVerdict;
use claimtrack::store::sources::NewSource;
use claimtrack::store::{Author, Store, Tx};

use super::rng::Rng;

/// How many claims, and how many of them each transaction writes.
pub struct Shape {
    pub claims: usize,
    /// Each transaction is stamped later than the one before; one transaction stamps everything now.
    pub claims_per_tx: usize,
}

impl Shape {
    /// The bench's ledgers: 10,000 claims per transaction, so memory stays bounded at a million.
    pub fn batched(claims: usize) -> Shape {
        Shape { claims, claims_per_tx: 10_000 }
    }
}

/// Rows a caller can aim commands at.
pub struct Landmarks {
    /// A named (person) source to attribute new claims to.
    pub person: SourceId,
    /// An article without stored text, so a `--quote` needs no locating.
    pub article: ArticleId,
}

/// Fills `store` (an initialised ledger, normally empty) with a ledger of `shape`, the same for each `seed`.
pub fn build(store: &mut Store, shape: &Shape, seed: u64) -> Result<Landmarks, String> {
    let size = shape.claims;
    let mut rng = Rng::new(seed);
    let per_tx = shape.claims_per_tx.max(1);
    let batches = size.div_ceil(per_tx).max(1);
    let author = |batch: usize| Author {
        editor: "random-ledger".into(),
        at: batch_timestamp(batch, batches),
        command: "random-ledger".into(),
    };

    let mut pools = Pools {
        sources: Vec::new(),
        publishers: Vec::new(),
        attributable: Vec::new(),
        anonymous: Vec::new(),
        articles: Vec::new(),
        claims: Vec::with_capacity(size),
    };
    let source_count = (size / 100).max(20);
    store
        .write(&author(0), |tx| add_sources(tx, &mut rng, &mut pools, source_count))
        .map_err(|e| format!("add sources: {e}"))?;

    let article_total = (size / 10).max(10);
    for batch in 0..batches {
        let end = ((batch + 1) * per_tx).min(size);
        let articles_by_end = (article_total * end / size.max(1)).max(1);
        let result = store.write(&author(batch), |tx| {
            add_articles(tx, &mut rng, &mut pools, articles_by_end)?;
            add_claims(tx, &mut rng, &mut pools, end)
        });
        result.map_err(|e| format!("write batch {} of {batches}: {e}", batch + 1))?;
    }

    let person = pools.sources.iter().find(|(_, kind)| *kind == SourceKind::Person).map(|(id, _)| *id);
    Ok(Landmarks {
        person: person.ok_or("no person source was generated")?,
        article: pools.articles[pools.articles.len() / 2],
    })
}

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

/// The usual quote, then quotes shorter than, exactly as long as and longer than
/// the five words a flag's reason shows, one of them with a `"` in it; then the
/// ones that test how reasons quote: a `\`, runs of mixed whitespace, French,
/// unusual spaces, and two longer than the 80 characters a reason quotes from
/// (one cut there well after its sixth word, one in the middle of its fourth).
const QUOTES: [&str; 10] = [
    "officials said the plan would go ahead as early as next month",
    "no comment",
    "troops crossed the border overnight",
    "the so-called \"buffer zone\" will reach the river",
    "we will not pay",
    "a C:\\path and \"quoted\" words",
    "  The minister said \"no\" to\tthe  plan\nyesterday ",
    "L’armée nigérienne a confirmé l’arrivée des troupes turques",
    "split\u{a0}by\u{2003}unusual spaces\u{3000}and more",
    "Counterinsurgency-trained battalions, reinforcements-from-Ankara, unprecedented-deployment, yes-indeed, fifth word",
];

/// Everything created so far, so later rows can point at earlier ones.
struct Pools {
    sources: Vec<(SourceId, SourceKind)>,
    publishers: Vec<SourceId>,
    attributable: Vec<SourceId>,
    anonymous: Vec<SourceId>,
    articles: Vec<ArticleId>,
    claims: Vec<ClaimId>,
}

/// Batches are stamped over the last ~45 days, oldest first (a lone batch now), each half a
/// day off a whole number of days, so no claim sits on the stale boundary while flags are read.
fn batch_timestamp(batch: usize, batches: usize) -> String {
    let days_ago = if batches > 1 { 45 * (batches - 1 - batch) / (batches - 1) } else { 0 };
    let at = chrono::Utc::now() - chrono::Duration::days(days_ago as i64) - chrono::Duration::hours(12);
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
            medium: None,
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

/// Adds claims until there are `until`, each with 1–3 citations; ~5% get a link, ~10% a verdict, ~1% are retracted.
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
        let citations = match rng.below(100) {
            0..=49 => 1,
            50..=84 => 2,
            _ => 3,
        };
        // The claim with the citation where it appeared, as `claim add` records it; then the others.
        let first = random_citation(rng, pools, true)?;
        let claim = claims::record(tx, &text, Some(&first))?;
        for _ in 1..citations {
            let cite = random_citation(rng, pools, false)?;
            let record = NewCitation {
                article: cite.article,
                attribution: cite.attribution,
                quote: cite.quote.as_deref(),
                span: cite.span,
                time: None,
            };
            tx.add_citation(claim, &record)?;
        }
        if !pools.claims.is_empty() && rng.percent(5) {
            add_random_link(tx, rng, pools, claim)?;
        }
        if rng.percent(10) {
            let rating = *rng.pick(Rating::ALL);
            let note = rng.percent(50).then_some("Matches the ministry's published figures.");
            let evidence = rng.percent(30).then(|| format!("https://evidence.example.net/check/{seq}"));
            let verdict = tx.add_verdict(claim, &NewVerdict { rating, note, rationale: None, reviewer: None })?;
            if let Some(url) = evidence.as_deref() {
                let item = NewEvidence { url: Some(url), title: None, accessed: None, saved: None };
                tx.add_evidence(verdict, claim, &item)?;
            }
        }
        if rng.percent(1) {
            tx.retract_claim(claim, "Logged twice; the other entry stands.")?;
        }
        pools.claims.push(claim);
    }
    Ok(())
}

/// A citation as `claim add` would have resolved it: the first one in a recent article.
fn random_citation(rng: &mut Rng, pools: &Pools, first: bool) -> claimtrack::error::Result<ResolvedCitation> {
    let article = if first { rng.recent(&pools.articles, 2_000) } else { *rng.pick(&pools.articles) };
    let (kind, source) = match rng.below(100) {
        0..=49 => (CitationKind::Named, Some(*rng.pick(&pools.attributable))),
        50..=64 => (CitationKind::Anonymous, rng.percent(50).then(|| *rng.pick(&pools.anonymous))),
        65..=74 => (CitationKind::Vague, rng.percent(20).then(|| *rng.pick(&pools.attributable))),
        _ => (CitationKind::Unattributed, None),
    };
    let quote = rng.percent(60).then(|| {
        // Most quotes are the usual twelve words, as the bench has always had.
        let quote = if rng.percent(60) { QUOTES[0] } else { QUOTES[1 + rng.below(QUOTES.len() - 1)] };
        quote.to_string()
    });
    let attribution = Attribution::new(kind, source).map_err(claimtrack::error::Error::Internal)?;
    Ok(ResolvedCitation { article, attribution, quote, span: None, time: None })
}

/// Links a new claim to an earlier claim (corroborates, conflicts or duplicates) or to an article.
fn add_random_link(tx: &mut Tx<'_>, rng: &mut Rng, pools: &Pools, claim: ClaimId) -> claimtrack::error::Result<()> {
    let stance = if rng.percent(65) { Stance::Corroborates } else { Stance::Conflicts };
    let (stance, target) = if rng.percent(60) {
        // One claim link in ten records that the claim repeats an earlier one.
        let stance = if rng.percent(10) { Stance::Duplicates } else { stance };
        (stance, LinkTarget::Claim(rng.recent(&pools.claims, 5_000)))
    } else {
        (stance, LinkTarget::Article(*rng.pick(&pools.articles)))
    };
    let note = rng.percent(40).then_some("Same figures reported independently.");
    tx.add_link(claim, stance, target, note)?;
    Ok(())
}
