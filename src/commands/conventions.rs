//! `claimtrack completions SHELL` and `claimtrack man`: shell completion and the man page, from the clap definitions.

use std::path::Path;

use clap::CommandFactory;

use super::Ctx;
use crate::cli::Cli;
use crate::error::{Error, Result};

pub fn completions(ctx: &mut Ctx, shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "claimtrack", &mut script);
    ctx.out.text(&String::from_utf8_lossy(&script))
}

/// The page for `claimtrack` (to standard output), or a page per command written into `out_dir`.
pub fn man(ctx: &mut Ctx, out_dir: Option<&Path>) -> Result<()> {
    let command = Cli::command();
    let Some(dir) = out_dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page).map_err(|e| Error::io("rendering the man page", e))?;
        return ctx.out.text(&String::from_utf8_lossy(&page));
    };
    if !dir.is_dir() {
        return Err(Error::invalid(format!("{} is not a folder", dir.display())));
    }
    clap_mangen::generate_to(command, dir)
        .map_err(|e| Error::io(format!("writing man pages to {}", dir.display()), e))?;
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("claimtrack") && name.ends_with(".1"))
        .collect();
    pages.sort();
    ctx.out.line(&format!("wrote {} man pages to {}", pages.len(), dir.display()))
}
