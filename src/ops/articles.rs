//! Articles: add one with its text and what it re-reports, list and show.

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Medium};
use crate::store::articles::{self, NewArticle};
use crate::store::{Author, Store, claims, sources};
use crate::view::{ArticleDetail, ListedArticle};

/// An article as an editor describes it; publisher and origins by reference.
pub struct ArticleRequest {
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub text: Option<String>,
    pub derived_from: Vec<String>,
    pub medium: Option<Medium>,
    /// The URL as the editor gave it, kept when `url` is its canonical form and differs.
    pub original_url: Option<String>,
}

/// Finds an article by id, title or URL.
pub fn resolve(store: &Store, given: &str) -> Result<ArticleId> {
    articles::resolve(store.db(), given)
}

pub fn add(store: &mut Store, author: &Author, new: &ArticleRequest) -> Result<Article> {
    if new.title.trim().is_empty() {
        return Err(Error::invalid("the article title is empty"));
    }
    let publisher = new.publisher.as_deref().map(|p| sources::resolve(store.db(), p)).transpose()?;
    let origins: Vec<ArticleId> = new.derived_from.iter().map(|a| resolve(store, a)).collect::<Result<_>>()?;
    let record = NewArticle {
        title: &new.title,
        url: new.url.as_deref(),
        publisher,
        published: new.published,
        text: new.text.as_deref(),
        derived_from: &origins,
        medium: new.medium,
    };
    let id = store.write(author, |tx| {
        let id = tx.add_article(&record)?;
        if let Some(original) = new.original_url.as_deref().filter(|o| Some(*o) != new.url.as_deref()) {
            tx.set_original_url(id, original)?;
        }
        Ok(id)
    })?;
    articles::get(store.db(), id)
}

/// Articles, newest publication first; only one publisher's when given.
pub fn list(store: &Store, publisher: Option<&str>) -> Result<Vec<ListedArticle>> {
    let publisher = publisher.map(|p| sources::resolve(store.db(), p)).transpose()?;
    let list = articles::list(store.db(), publisher)?;
    Ok(list.into_iter().map(|(article, citations)| ListedArticle { article, citations }).collect())
}

/// An article with the citations it holds, and its stored text when `with_text`.
pub fn show(store: &Store, given: &str, with_text: bool) -> Result<ArticleDetail> {
    let id = resolve(store, given)?;
    Ok(ArticleDetail {
        article: articles::get(store.db(), id)?,
        citations: claims::citations_in_article(store.db(), id)?,
        text: if with_text { articles::text(store.db(), id)? } else { None },
    })
}
