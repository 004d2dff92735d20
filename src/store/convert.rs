//! How domain values travel to and from SQLite: ids as integers, vocabularies as their lowercase words.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::{
    ArticleId, CitationId, CitationKind, ClaimId, ClaimStatus, EventId, Flag, LinkId, Medium, Rating, ReviewId,
    SourceId, SourceKind, Stage, Stance, VerdictId,
};

macro_rules! id_sql {
    ($($name:ident),* $(,)?) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

id_sql!(SourceId, ArticleId, ClaimId, CitationId, LinkId, VerdictId, EventId, ReviewId);

macro_rules! word_sql {
    ($($name:ident),* $(,)?) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text)
                    .ok_or_else(|| FromSqlError::Other(format!("unknown {} {text:?}", stringify!($name)).into()))
            }
        }
    )*};
}

word_sql!(SourceKind, CitationKind, Stance, Rating, Flag, ClaimStatus, Stage, Medium);
