//! The one place output goes through: stdout, its width when it is a terminal, JSON or text.

use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::error::{Error, Result};

pub struct Output {
    stdout: std::io::StdoutLock<'static>,
    /// The terminal's width, or `None` when output is piped or redirected.
    pub width: Option<usize>,
    /// Whether tables may use ANSI colour (decided from `--color`, the terminal and NO_COLOR).
    pub colour: bool,
}

impl Output {
    pub fn stdout() -> Output {
        let stdout = std::io::stdout();
        let width = if stdout.is_terminal() {
            let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
            columns.or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize)).or(Some(80))
        } else {
            None
        };
        Output { stdout: stdout.lock(), width, colour: false }
    }

    /// Writes text as it is (callers end their lines).
    pub fn text(&mut self, text: &str) -> Result<()> {
        self.stdout.write_all(text.as_bytes()).map_err(|e| Error::io("writing output", e))
    }

    /// Writes one line of terminal text; control characters from the data
    /// (escape sequences, bells) are replaced so they cannot drive the terminal.
    pub fn line(&mut self, text: &str) -> Result<()> {
        self.text(&crate::render::escape::terminal_block(text))?;
        self.text("\n")
    }

    /// Writes a value as pretty JSON followed by a newline. The data stays exactly
    /// as stored: characters that could drive a terminal or reorder a line (DEL,
    /// C1 controls, bidirectional overrides) are written as `\uXXXX` escapes,
    /// which every JSON reader turns back into the same text.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(format!("JSON output: {e}")))?;
        let mut safe = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                safe.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                safe.push(c);
            }
        }
        self.text(&safe)?;
        self.text("\n")
    }

    pub fn flush(&mut self) -> Result<()> {
        self.stdout.flush().map_err(|e| Error::io("writing output", e))
    }
}
