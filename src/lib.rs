//! claimtrack: a ledger for fact-checkers — claims, their sources, how independent they are, and why they are flagged.

pub mod address;
pub mod chain;
pub mod cli;
pub mod commands;
pub mod date;
pub mod error;
pub mod flags;
pub mod graph;
pub mod independence;
pub mod input;
pub mod matching;
pub mod model;
pub mod names;
pub mod ops;
pub mod output;
pub mod quote;
pub mod reference;
pub mod render;
pub mod report;
pub mod store;
pub mod verify;
pub mod view;
