//! `claimtrack article add|list|show`.

use super::{Ctx, print_created};
use crate::cli::ArticleCommand;
use crate::error::Result;
use crate::input::Inputs;
use crate::ops::articles::{self, ArticleRequest};
use crate::render;

pub fn run(ctx: &mut Ctx, command: ArticleCommand) -> Result<()> {
    match command {
        ArticleCommand::Add { title, url, publisher, published, text_file, derived_from, medium } => {
            let mut inputs = Inputs::default();
            let text = text_file.as_deref().map(|path| inputs.file("--text-file", path)).transpose()?;
            let mut store = ctx.open_to_write()?;
            let request = ArticleRequest { title, url, publisher, published, text, derived_from, medium };
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
