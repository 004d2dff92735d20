//! Reading text an editor hands in as a file: it must exist, be UTF-8, and not be binary.

use std::path::Path;

use crate::error::{Error, Result};

/// Reads a text file named by `option` (e.g. `--text-file`), for error messages that say which one.
pub fn read_text_file(option: &str, path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::Invalid(format!("cannot read {option} {}: {e}", path.display())))?;
    if bytes.contains(&0) {
        return Err(Error::invalid(format!("{option} {} is a binary file, not article text", path.display())));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{option} {} is not UTF-8 text (invalid byte at offset {}); convert it, e.g. with iconv",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}
