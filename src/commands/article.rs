//! `claimtrack article add|list|show`.

use super::{Ctx, print_created};
use crate::cli::ArticleCommand;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::input::Inputs;
use crate::ops::articles::{self, ArticleRequest};
use crate::render;

pub fn run(ctx: &mut Ctx, command: ArticleCommand) -> Result<()> {
    match command {
        ArticleCommand::Add { title, url, publisher, published, text_file, derived_from, medium } => {
            let mut inputs = Inputs::default();
            let text = text_file.as_deref().map(|path| inputs.file("--text-file", path)).transpose()?;
            // A saved web page: its body is the text, its metadata fills what was not given.
            let page = text.as_deref().filter(|t| crate::html::is_html(t)).map(crate::html::read);
            let (text, title, given_url, published) = match page {
                Some(page) => {
                    let published = published.or_else(|| {
                        page.published.as_deref().and_then(|p| PartialDate::parse(crate::html::date_part(p)).ok())
                    });
                    let canonical = page.canonical_url.filter(|u| crate::address::parse_url(u).is_ok());
                    (
                        Some(page.text),
                        title.or(page.title),
                        url.or(canonical.clone()).map(|u| (u, canonical)),
                        published,
                    )
                }
                None => (text, title, url.map(|u| (u, None)), published),
            };
            let title = title
                .ok_or_else(|| Error::invalid("the article has no title: give one, or a saved page with a <title>"))?;
            // The canonical URL is stored (a page's rel=canonical first); the one given is kept when it differs.
            let (url, original_url) = match given_url {
                Some((given, canonical)) => {
                    let stored = crate::address::canonical(canonical.as_deref().unwrap_or(&given));
                    (Some(stored), Some(given))
                }
                None => (None, None),
            };
            let mut store = ctx.open_to_write()?;
            let request = ArticleRequest { title, url, publisher, published, text, derived_from, medium, original_url };
            let article = articles::add(&mut store, &ctx.author(), &request)?;
            print_created(ctx, article.id, &format!("added article {:?}", article.title), &article)
        }
        ArticleCommand::List { publisher } => {
            let store = ctx.open()?;
            let list = articles::list(&store, publisher.as_deref())?;
            if ctx.json() {
                return ctx.out.json(&list);
            }
            ctx.out.text(&render::records::article_list(&list, ctx.out.width, ctx.out.colour))
        }
        ArticleCommand::Show { article, text } => {
            let store = ctx.open()?;
            let detail = articles::show(&store, &article, text)?;
            if ctx.json() {
                return ctx.out.json(&detail);
            }
            ctx.out.text(&render::records::article_detail(&detail, ctx.out.width, ctx.out.colour))
        }
    }
}
