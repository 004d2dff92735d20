//! Import: items from any reader written as one audited change, each record found
//! again rather than added twice. (Over 400 lines: the loader's lookups and writes
//! for claims, sources, articles, citations, links and reviews belong together.)

// The loader's maps hold a million keys and are hit several times a record: foldhash hashes
// them at a fraction of SipHash's cost (seeded per process; the keys come from the file an
// editor chose to import).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::error::{Error, Result};
use crate::interchange::{Item, ItemArticle, ItemCitation, ItemReview, ItemSource, Rejected};
use crate::matching::{self, text::duplicate_key};
use crate::model::{ArticleId, Attribution, ClaimId, LinkTarget, SourceId, SourceKind};
use crate::store::articles::NewArticle;
use crate::store::claims::NewCitation;
use crate::store::desk::NewEvidence;
use crate::store::interchange::{self as stored, NewReview};
use crate::store::links::NewVerdict;
use crate::store::sources::NewSource;
use crate::store::{Author, Store, Tx};

/// What to import and how.
pub struct ImportRequest {
    /// The file's name as given, or `<stdin>`.
    pub file: String,
    pub sha256: String,
    pub items: Vec<Item>,
    pub rejected: Vec<Rejected>,
    /// Import the good rows and leave the rejected ones out (the caller writes them to a file).
    pub skip_bad: bool,
    /// Report what would be imported, and write nothing.
    pub dry_run: bool,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ImportReport {
    pub file: String,
    pub sha256: String,
    pub dry_run: bool,
    /// Records read (imported, already there, or rejected).
    pub records: usize,
    pub claims_added: usize,
    /// Records whose claim the ledger already had (an exact duplicate).
    pub claims_found: usize,
    /// Of those, records whose claim is retracted: left as they are (restore the claim, then import again).
    pub claims_retracted: usize,
    pub sources_added: usize,
    pub articles_added: usize,
    pub citations_added: usize,
    pub links_added: usize,
    pub reviews_added: usize,
    pub verdicts_added: usize,
    /// Reviews whose rating's words do not map onto our scale: (location, words).
    pub unmapped: Vec<(String, String)>,
    #[serde(skip)]
    pub rejected: Vec<Rejected>,
    pub rejected_count: usize,
    /// Where the time went, in milliseconds: loading the rows; the matching index (duplicate
    /// keys, full-text words, quantities) for the new claims; building the indexes dropped for a
    /// large import; recording the import's events (the rows' digests); and the whole write
    /// including its commit.
    pub load_ms: u128,
    pub matching_ms: u128,
    pub index_ms: u128,
    pub audit_ms: u128,
    pub write_ms: u128,
}

/// From this many records on, secondary indexes are built after the load.
pub const BULK_FROM: usize = 20_000;

/// Called every this many records with the count so far (progress bars, the lock note for other writers).
pub const PROGRESS_EVERY: usize = 1000;

/// Imports items as one audited change, or refuses them all when any record was rejected (without `skip_bad`).
pub fn import(
    store: &mut Store,
    author: &Author,
    request: ImportRequest,
    mut progress: impl FnMut(usize),
) -> Result<ImportReport> {
    let ImportRequest { file, sha256, items, rejected, skip_bad, dry_run } = request;
    if let (false, Some(first)) = (skip_bad, rejected.first()) {
        return Err(Error::invalid(format!(
            "{file}: {} record(s) cannot be imported, the first at {}: {}; nothing was written (--skip-bad FILE imports the rest and writes these there)",
            rejected.len(),
            first.location,
            first.reason
        )));
    }
    let mut report = ImportReport {
        file: file.clone(),
        sha256: sha256.clone(),
        dry_run,
        records: items.len() + rejected.len(),
        rejected_count: rejected.len(),
        rejected,
        ..ImportReport::default()
    };
    let work = |tx: &mut Tx<'_>| -> Result<ImportReport> {
        let bulk = items.len() >= BULK_FROM;
        // The rows the import adds are recorded together, one `import` event per table naming the
        // file, its SHA-256 and the rows' digest; changes to rows that were already there keep an
        // event each.
        tx.begin_batch(&file, &sha256)?;
        let mut loader = Loader::new(tx, &file)?;
        // A large import builds the secondary indexes once, after the load, instead of row by row;
        // what it would have looked up per claim through them it reads first, in one pass.
        let dropped = if bulk {
            loader.know_every_claim(tx)?;
            tx.drop_bulk_indexes()?
        } else {
            Vec::new()
        };
        let started = std::time::Instant::now();
        // The new claims' full-text words and quantities depend on their texts alone: another
        // core works them out while this one loads the rows, and they are written after.
        let texts: Vec<&str> = items.iter().map(|item| item.claim.trim()).collect();
        let (added, entries) = std::thread::scope(|scope| -> Result<_> {
            let entries = scope.spawn(|| matching::index_entries(&texts, (matching::cores() - 1).max(1)));
            let mut added = Vec::new();
            for (index, item) in items.iter().enumerate() {
                if let Some(claim) = loader.item(tx, item, &mut report)? {
                    added.push((claim, index));
                }
                if (index + 1) % PROGRESS_EVERY == 0 {
                    progress(index + 1);
                }
            }
            report.load_ms = started.elapsed().as_millis();
            Ok((added, entries.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))))
        })?;
        let started = std::time::Instant::now();
        // Written in one pass, before the secondary indexes are built again.
        crate::store::matching::index_new_claims(tx.db(), added.iter().map(|&(id, index)| (id, &entries[index])))?;
        report.matching_ms = started.elapsed().as_millis();
        let started = std::time::Instant::now();
        tx.restore_indexes(&dropped)?;
        report.index_ms = started.elapsed().as_millis();
        let started = std::time::Instant::now();
        tx.end_batch()?;
        report.audit_ms = started.elapsed().as_millis();
        progress(items.len());
        Ok(report)
    };
    let started = std::time::Instant::now();
    let mut report = if dry_run { store.rehearse(author, work) } else { store.write(author, work) }?;
    report.write_ms = started.elapsed().as_millis();
    Ok(report)
}

/// What an import has found or added so far, so each record is one lookup in memory.
struct Loader {
    file: String,
    claims: HashMap<String, ClaimId>,
    /// Retracted claims: an import finds them but adds nothing to them.
    retracted: HashSet<ClaimId>,
    sources_by_key: HashMap<String, SourceId>,
    sources_by_url: HashMap<String, SourceId>,
    /// Sources named without a URL, by the name exactly as the import wrote it.
    sources_as_written: HashMap<String, SourceId>,
    articles_by_url: HashMap<String, ArticleId>,
    articles_by_identity: HashMap<(String, Option<SourceId>, Option<String>), ArticleId>,
    /// Claims whose citations, reviews and links are in the sets below.
    known: HashSet<ClaimId>,
    citations: HashSet<(ClaimId, ArticleId, Option<SourceId>, Option<i64>)>,
    reviews: HashSet<(ClaimId, String)>,
    links: HashSet<(ClaimId, ArticleId)>,
    /// Kinds of the sources cited so far.
    kinds: HashMap<SourceId, SourceKind>,
}

fn bare_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

/// A review's identity within its claim: its URL, or who rated it how and when.
fn review_key(url: Option<&str>, reviewer: Option<SourceId>, words: Option<&str>, published: Option<&str>) -> String {
    match url {
        Some(url) => format!("url {}", bare_url(url)),
        None => format!("{:?} {:?} {:?}", reviewer.map(|r| r.0), words, published),
    }
}

impl Loader {
    fn new(tx: &Tx<'_>, file: &str) -> Result<Loader> {
        let mut loader = Loader {
            file: file.to_string(),
            claims: HashMap::new(),
            retracted: HashSet::new(),
            sources_by_key: HashMap::new(),
            sources_by_url: HashMap::new(),
            sources_as_written: HashMap::new(),
            articles_by_url: HashMap::new(),
            articles_by_identity: HashMap::new(),
            known: HashSet::new(),
            citations: HashSet::new(),
            reviews: HashSet::new(),
            links: HashSet::new(),
            kinds: HashMap::new(),
        };
        for (text, id, retracted) in stored::claim_texts(tx.db())? {
            loader.claims.entry(duplicate_key(&text)).or_insert(id);
            if retracted {
                loader.retracted.insert(id);
            }
        }
        for (id, key, url) in stored::source_keys(tx.db())? {
            if let Some(key) = key {
                loader.sources_by_key.entry(key).or_insert(id);
            }
            if let Some(url) = url {
                loader.sources_by_url.entry(bare_url(&url)).or_insert(id);
            }
        }
        for (id, url, title_key, publisher, published) in stored::article_keys(tx.db())? {
            match url {
                Some(url) => {
                    loader.articles_by_url.entry(bare_url(&url)).or_insert(id);
                }
                None => {
                    loader.articles_by_identity.entry((title_key, publisher, published)).or_insert(id);
                }
            }
        }
        Ok(loader)
    }

    /// The exact-duplicate check: an imported claim is a claim the ledger (or this import)
    /// already holds when their duplicate keys are equal — the ledger's one text normalisation,
    /// as `claim add` uses it (`matching::text::duplicate_key`). Near-duplicates are left to
    /// `claimtrack similar --all --since …`, in batch.
    fn existing_claim(&self, key: &str) -> Option<ClaimId> {
        self.claims.get(key).copied()
    }

    /// Imports one record; returns its claim when the import added it.
    fn item(&mut self, tx: &mut Tx<'_>, item: &Item, report: &mut ImportReport) -> Result<Option<ClaimId>> {
        let key = duplicate_key(&item.claim);
        let (claim, added) = match self.existing_claim(&key) {
            Some(id) if self.retracted.contains(&id) => {
                report.claims_found += 1;
                report.claims_retracted += 1;
                return Ok(None);
            }
            Some(id) => {
                report.claims_found += 1;
                self.load_known(tx, id)?;
                (id, false)
            }
            None => {
                let from = format!("{} {}", self.file, item.location);
                let id = tx.add_imported_claim(&item.claim, from.trim(), &key)?;
                self.claims.insert(key, id);
                self.known.insert(id);
                report.claims_added += 1;
                (id, true)
            }
        };
        for citation in &item.citations {
            self.citation(tx, claim, citation, report)?;
        }
        for link in &item.links {
            let article = self.article(tx, &link.article, report)?;
            match link.stance {
                Some(stance) => {
                    if self.links.insert((claim, article)) {
                        tx.add_link(claim, stance, LinkTarget::Article(article), link.note.as_deref())?;
                        report.links_added += 1;
                    }
                }
                // Evidence without a stance is kept as a citation of the claim in that article.
                None => {
                    let citation = ItemCitation {
                        article: link.article.clone(),
                        source: None,
                        kind: crate::model::CitationKind::Unattributed,
                        time: None,
                    };
                    self.citation(tx, claim, &citation, report)?;
                }
            }
        }
        for review in &item.reviews {
            self.review(tx, claim, review, &item.location, report)?;
        }
        Ok(added.then_some(claim))
    }

    /// Reads what the ledger holds about every existing claim, in one pass per table.
    fn know_every_claim(&mut self, tx: &Tx<'_>) -> Result<()> {
        let keys = stored::all_keys(tx.db())?;
        self.known.extend(self.claims.values().copied());
        for (claim, (article, source, start)) in keys.citations {
            self.citations.insert((claim, article, source, start));
        }
        for (claim, (url, reviewer, words, published)) in keys.reviews {
            self.reviews.insert((claim, review_key(url.as_deref(), reviewer, words.as_deref(), published.as_deref())));
        }
        self.links.extend(keys.links);
        Ok(())
    }

    /// Reads what the ledger already holds about an existing claim, once.
    fn load_known(&mut self, tx: &Tx<'_>, claim: ClaimId) -> Result<()> {
        if !self.known.insert(claim) {
            return Ok(());
        }
        for (article, source, start) in stored::citation_keys(tx.db(), claim)? {
            self.citations.insert((claim, article, source, start));
        }
        for (url, reviewer, words, published) in stored::review_keys(tx.db(), claim)? {
            self.reviews.insert((claim, review_key(url.as_deref(), reviewer, words.as_deref(), published.as_deref())));
        }
        for article in stored::linked_articles(tx.db(), claim)? {
            self.links.insert((claim, article));
        }
        Ok(())
    }

    fn source(&mut self, tx: &mut Tx<'_>, source: &ItemSource, report: &mut ImportReport) -> Result<SourceId> {
        if source.url.is_some() {
            return self.source_by_url_or_key(tx, source, report);
        }
        // A name written as before is the same source, without working out its key again.
        if let Some(id) = self.sources_as_written.get(&source.name) {
            return Ok(*id);
        }
        let id = self.source_by_url_or_key(tx, source, report)?;
        self.sources_as_written.insert(source.name.clone(), id);
        Ok(id)
    }

    /// A source found by its URL or its name's key, or added.
    fn source_by_url_or_key(
        &mut self,
        tx: &mut Tx<'_>,
        source: &ItemSource,
        report: &mut ImportReport,
    ) -> Result<SourceId> {
        if let Some(id) = source.url.as_deref().and_then(|u| self.sources_by_url.get(&bare_url(u))) {
            return Ok(*id);
        }
        let key = crate::names::key(&source.name);
        if let Some(id) = self.sources_by_key.get(&key) {
            return Ok(*id);
        }
        let url = source.url.as_deref().and_then(|u| crate::address::parse_url(u).ok());
        let id =
            tx.add_source(&NewSource { name: &source.name, kind: source.kind, url: url.as_deref(), note: None })?;
        self.sources_by_key.insert(key, id);
        if let Some(url) = url {
            self.sources_by_url.insert(bare_url(&url), id);
        }
        report.sources_added += 1;
        Ok(id)
    }

    fn article(&mut self, tx: &mut Tx<'_>, article: &ItemArticle, report: &mut ImportReport) -> Result<ArticleId> {
        let url = article.url.as_deref().and_then(|u| crate::address::parse_url(u).ok());
        let bare = url.as_deref().map(bare_url);
        if let Some(id) = bare.as_ref().and_then(|u| self.articles_by_url.get(u)) {
            return Ok(*id);
        }
        let publisher = article.publisher.as_ref().map(|p| self.source(tx, p, report)).transpose()?;
        // Without a URL, an article is known by its title, publisher and date.
        let identity =
            url.is_none().then(|| (crate::names::key(&article.title), publisher, article.published.map(|d| d.iso())));
        if let Some(id) = identity.as_ref().and_then(|identity| self.articles_by_identity.get(identity)) {
            return Ok(*id);
        }
        // Looked up above, in the import's map of every article's URL.
        let id = tx.add_looked_up_article(&NewArticle {
            title: &article.title,
            url: url.as_deref(),
            publisher,
            published: article.published,
            text: None,
            derived_from: &[],
            medium: article.medium,
        })?;
        match (bare, identity) {
            (Some(bare), _) => self.articles_by_url.insert(bare, id),
            (None, Some(identity)) => self.articles_by_identity.insert(identity, id),
            (None, None) => None,
        };
        report.articles_added += 1;
        Ok(id)
    }

    fn citation(
        &mut self,
        tx: &mut Tx<'_>,
        claim: ClaimId,
        citation: &ItemCitation,
        report: &mut ImportReport,
    ) -> Result<()> {
        let article = self.article(tx, &citation.article, report)?;
        let source = citation.source.as_ref().map(|s| self.source(tx, s, report)).transpose()?;
        if !self.citations.insert((claim, article, source, citation.time.map(|t| t.0))) {
            return Ok(());
        }
        let kind = match (citation.kind, source) {
            // A source that is anonymous in the ledger makes the attribution anonymous.
            (crate::model::CitationKind::Named, Some(id)) if self.kind(tx, id)? == SourceKind::Anonymous => {
                crate::model::CitationKind::Anonymous
            }
            (kind, _) => kind,
        };
        let attribution = Attribution::new(kind, source).map_err(Error::invalid)?;
        tx.add_citation(claim, &NewCitation { article, attribution, quote: None, span: None, time: citation.time })?;
        report.citations_added += 1;
        Ok(())
    }

    fn kind(&mut self, tx: &Tx<'_>, id: SourceId) -> Result<SourceKind> {
        if let Some(kind) = self.kinds.get(&id) {
            return Ok(*kind);
        }
        let kind = stored::source_kind(tx.db(), id)?;
        self.kinds.insert(id, kind);
        Ok(kind)
    }

    fn review(
        &mut self,
        tx: &mut Tx<'_>,
        claim: ClaimId,
        review: &ItemReview,
        location: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        let reviewer = review.reviewer.as_ref().map(|r| self.source(tx, r, report)).transpose()?;
        let words = review.rating.as_ref().and_then(|r| r.words.as_deref());
        let key = review_key(review.url.as_deref(), reviewer, words, review.published.as_deref());
        if !self.reviews.insert((claim, key)) {
            return Ok(());
        }
        let mapped = review.mapped();
        let verdict = match mapped {
            Some(rating) => {
                report.verdicts_added += 1;
                let verdict = NewVerdict { rating, note: None, rationale: None, reviewer: None };
                let id = tx.add_verdict(claim, &verdict)?;
                if let Some(url) = review.url.as_deref() {
                    // The published review is the verdict's evidence.
                    let evidence = NewEvidence { url: Some(url), title: None, accessed: None, saved: None };
                    tx.add_evidence(id, claim, &evidence)?;
                }
                Some(id)
            }
            None => {
                if let Some(rating) = &review.rating {
                    let words = rating.words.clone().unwrap_or_else(|| "(a rating with no words)".into());
                    report.unmapped.push((location.to_string(), words));
                }
                None
            }
        };
        tx.add_review(&NewReview {
            claim,
            verdict,
            reviewer,
            url: review.url.as_deref(),
            published: review.published.as_deref(),
            rating: review.rating.as_ref(),
            body: review.body.as_deref(),
        })?;
        report.reviews_added += 1;
        Ok(())
    }
}
