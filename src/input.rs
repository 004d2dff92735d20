//! Text handed in from outside: a file, or standard input (`-`), read once, checked to be UTF-8 text.
//!
//! `-` means standard input for any one text or file argument; a second `-`
//! in one command is a usage error, since the first one read it all.
//! Diagnostics call it `<stdin>`.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The name diagnostics give standard input.
pub const STDIN: &str = "<stdin>";

/// Reads the command's inputs, remembering whether standard input is spent.
#[derive(Default)]
pub struct Inputs {
    stdin_read_by: Option<String>,
}

impl Inputs {
    /// A text argument: itself, or standard input when it is `-`.
    pub fn text(&mut self, option: &str, given: &str) -> Result<String> {
        if given == "-" { self.stdin(option) } else { Ok(given.to_string()) }
    }

    /// A file argument (`--text-file PATH`), or standard input when it is `-`.
    pub fn file(&mut self, option: &str, path: &Path) -> Result<String> {
        if path.as_os_str() == "-" {
            return self.stdin(option);
        }
        let bytes =
            std::fs::read(path).map_err(|e| Error::Invalid(format!("cannot read {option} {}: {e}", path.display())))?;
        text_from_bytes(option, &path.display().to_string(), bytes)
    }

    fn stdin(&mut self, option: &str) -> Result<String> {
        if let Some(first) = &self.stdin_read_by {
            return Err(Error::Usage(format!(
                "{option} and {first} both ask for standard input (-); only one argument can read it"
            )));
        }
        self.stdin_read_by = Some(option.to_string());
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io(format!("reading {STDIN}"), e))?;
        text_from_bytes(option, STDIN, bytes)
    }
}

/// Checks that what was read is text: no NUL bytes, valid UTF-8.
fn text_from_bytes(option: &str, name: &str, bytes: Vec<u8>) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::invalid(format!("{option} {name} is a binary file, not text")));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{option} {name} is not UTF-8 text (invalid byte at offset {}); convert it, e.g. with iconv",
            e.utf8_error().valid_up_to()
        ))
    })
}
