//! Renderers: turn read models into text. They never touch the database.

pub mod csv;
pub mod desk;
pub mod dot;
pub mod escape;
pub mod html;
pub mod interchange;
pub mod markdown;
pub mod matches;
pub mod palette;
pub mod records;
pub mod report_text;
pub mod style;
pub mod svg;
pub mod table;
pub mod wording;
