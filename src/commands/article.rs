//! `claimtrack article add|list|show`.

use std::path::Path;

use serde::Serialize;

use super::{Ctx, print_created};
use crate::cli::ArticleCommand;
use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Citation};
use crate::render;
use crate::store::articles::{self, NewArticle};
use crate::store::{claims, sources};

/// An article with the citations it holds, for `article show`.
#[derive(Serialize)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub article: Article,
    pub citations: Vec<Citation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Reads an article's text: it must exist, be UTF-8, and not be binary.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Invalid(format!("cannot read --text-file {}: {e}", path.display())))?;
    if bytes.contains(&0) {
        return Err(Error::invalid(format!("--text-file {} is a binary file, not article text", path.display())));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "--text-file {} is not UTF-8 text (invalid byte at offset {}); convert it, e.g. with iconv",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

pub fn run(ctx: &mut Ctx, command: ArticleCommand) -> Result<()> {
    match command {
        ArticleCommand::Add { title, url, publisher, published, text_file, derived_from } => {
            if title.trim().is_empty() {
                return Err(Error::invalid("the article title is empty"));
            }
            let text = text_file.as_deref().map(read_text_file).transpose()?;
            let mut store = ctx.open()?;
            let publisher = publisher.map(|p| sources::resolve(store.conn(), &p)).transpose()?;
            let origins: Vec<ArticleId> =
                derived_from.iter().map(|a| articles::resolve(store.conn(), a)).collect::<Result<_>>()?;
            let new = NewArticle {
                title: &title,
                url: url.as_deref(),
                publisher,
                published,
                text: text.as_deref(),
                derived_from: &origins,
            };
            let id = store.write(&ctx.author(), |tx| tx.add_article(&new))?;
            let article = articles::get(store.conn(), id)?;
            print_created(ctx, id, &format!("added article {:?}", article.title), &article)
        }
        ArticleCommand::List { publisher } => {
            let store = ctx.open()?;
            let publisher = publisher.map(|p| sources::resolve(store.conn(), &p)).transpose()?;
            let list = articles::list(store.conn(), publisher)?;
            if ctx.json() {
                #[derive(Serialize)]
                struct Row<'a> {
                    #[serde(flatten)]
                    article: &'a Article,
                    citations: i64,
                }
                let rows: Vec<Row> =
                    list.iter().map(|(article, citations)| Row { article, citations: *citations }).collect();
                return ctx.out.json(&rows);
            }
            let text = render::ledger::article_list(&list, ctx.out.width);
            ctx.out.text(&text)
        }
        ArticleCommand::Show { article, text } => {
            let store = ctx.open()?;
            let id = articles::resolve(store.conn(), &article)?;
            let detail = ArticleDetail {
                article: articles::get(store.conn(), id)?,
                citations: claims::citations_in_article(store.conn(), id)?,
                text: if text { articles::text(store.conn(), id)? } else { None },
            };
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            let text = render::ledger::article_detail(
                &detail.article,
                &detail.citations,
                detail.text.as_deref(),
                ctx.out.width,
            );
            ctx.out.text(&text)
        }
    }
}
