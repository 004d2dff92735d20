//! The one integration test binary: every test drives the real `claimtrack` executable.

#[path = "../common/mod.rs"]
mod common;

mod audit;
mod bad_input;
mod browser;
mod concurrency;
mod damage;
mod docs;
mod generator;
mod ledger;
mod matching;
mod options;
mod parsers;
mod properties;
mod pure;
mod regressions;
mod report;
mod rough_edges;
mod sample;
mod stdin;
mod trust;
mod upgrade;
