//! The `claimtrack` binary: parse the command line, run the command, map errors to exit codes.

use std::process::ExitCode;

use clap::FromArgMatches;
use clap::error::ErrorKind;

use claimtrack::cli::Cli;
use claimtrack::error::{EXIT_USAGE, Error};

fn main() -> ExitCode {
    let parsed = claimtrack::cli::command().try_get_matches().and_then(|matches| {
        let cli = Cli::from_arg_matches(&matches)?;
        Ok((cli, command_name(&matches)))
    });
    let (cli, command) = match parsed {
        Ok(parsed) => parsed,
        Err(err) if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            return ExitCode::from(EXIT_USAGE);
        }
        Err(err) => {
            // clap explains at length; an editor gets the one line that matters.
            // The first paragraph (e.g. the value and the possible values) joined into one line.
            let rendered = err.render().to_string();
            let paragraph: Vec<&str> =
                rendered.trim_start().lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            let line = paragraph.join(" ");
            eprintln!("claimtrack: {}", line.trim_start_matches("error: "));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match claimtrack::commands::run(cli, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

/// The subcommands named on the command line, e.g. "claim add": the audit log records it with each change.
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    names.join(" ")
}

fn report(err: &Error) {
    // One line, and nothing from the data may drive the terminal.
    let text = claimtrack::render::escape::terminal(&err.to_string());
    eprintln!("claimtrack: {text}");
}
