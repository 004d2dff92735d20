//! Use cases: one function for each thing an editor does — add a claim with its
//! citation, cite, link, rate, flag a scope, build a report, load the sample …
//!
//! An operation takes plain values and the store and returns values; it never
//! parses arguments and never prints. Commands parse into those values and print
//! what comes back; the bench, the tests, and the import and extraction paths to
//! come call the same functions. Every write is one transaction (`Store::write`),
//! and an operation that can be part of a larger one (a batch, an import) has a
//! `record…` form that takes the caller's transaction.

pub mod articles;
pub mod audit;
pub mod backup;
pub mod claims;
pub mod desk;
pub mod export;
pub mod extracted;
pub mod flags;
pub mod import;
pub mod links;
pub mod matching;
pub mod migrate;
pub mod offline;
pub mod orgs;
pub mod redact;
pub mod report;
pub mod sample;
pub mod settings;
pub mod sources;
pub mod undo;
pub mod verdicts;

/// The moment an operation runs at: flags and reports measure staleness from it.
pub type Now = chrono::DateTime<chrono::Utc>;
