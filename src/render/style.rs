//! ANSI styling for terminals, applied only when colour is on.

use crate::model::Flag;

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

/// How a flag is coloured: conflicts and circular sourcing red, staleness dim, the rest yellow.
fn flag_style(flag: Flag) -> Style {
    match flag {
        Flag::Conflicted | Flag::Circular | Flag::NumericMismatch => Style::Red,
        Flag::Stale => Style::Dim,
        _ => Style::Yellow,
    }
}

/// Colours each flag name in a (possibly wrapped) "flag, flag" line.
pub fn paint_flags(line: &str, colour: bool) -> String {
    line.split(' ')
        .map(|word| {
            let name = word.trim_end_matches(',');
            match Flag::parse(name) {
                Some(flag) => format!("{}{}", flag_style(flag).paint(name, colour), &word[name.len()..]),
                None => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
