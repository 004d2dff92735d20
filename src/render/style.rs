//! ANSI styling for terminals, applied only when colour is on.

#[derive(Clone, Copy, Debug)]
pub enum Style {
    Bold,
    Dim,
    Red,
    Yellow,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Red => "31",
            Style::Yellow => "33",
        }
    }

    pub fn paint(self, text: &str, colour: bool) -> String {
        if colour { format!("\x1b[{}m{text}\x1b[0m", self.code()) } else { text.to_string() }
    }
}

/// Display width of text, not counting ANSI escape sequences.
pub fn visible_width(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    if !text.contains('\x1b') {
        return text.width();
    }
    let mut width = 0;
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        width += rest[..start].width();
        let after = &rest[start..];
        let end = after.find('m').map_or(after.len(), |i| i + 1);
        rest = &after[end..];
    }
    width + rest.width()
}
