//! Renderers: turn read models into text. They never touch the database.

pub mod ledger;
pub mod table;
