//! The one integration test binary: every test drives the real `claimtrack` executable.

#[path = "../common/mod.rs"]
mod common;

mod audit;
mod bad_input;
mod browser;
mod concurrency;
mod conventions;
mod damage;
mod desk;
mod docs;
mod extract;
mod generator;
mod html_input;
mod import_audit;
mod interchange;
mod ledger;
mod lint;
mod matching;
mod options;
mod parsers;
mod postgres_cli;
mod postgres_concurrency;
mod postgres_copy;
mod postgres_matching;
mod postgres_orgs;
mod postgres_pooler;
mod postgres_schema;
mod postgres_verify;
mod properties;
mod pure;
mod regressions;
mod report;
mod rough_edges;
mod sample;
mod save;
mod stdin;
mod trust;
mod undo;
mod upgrade;
