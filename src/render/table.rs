//! Plain-text tables: aligned columns, with one column wrapped to fit the terminal width.

use unicode_width::UnicodeWidthStr;

use super::style::visible_width;

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The columns that wrap when the table is too wide (the claim text first of all).
    wrap: Vec<usize>,
    /// A column whose (already safe) text is coloured as it is printed.
    painter: Option<(usize, Painter)>,
    /// Whether the headings are printed bold.
    colour: bool,
}

/// Colours a cell's text as it is printed.
type Painter = Box<dyn Fn(&str) -> String>;

const GAP: &str = "  ";

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            wrap: Vec::new(),
            painter: None,
            colour: false,
        }
    }

    /// Prints the headings bold (`--color`); painted columns colour their cells too.
    pub fn colour(mut self, on: bool) -> Table {
        self.colour = on;
        self
    }

    /// Lets column `index` wrap onto extra lines when the table would not fit.
    pub fn wrap_column(mut self, index: usize) -> Table {
        self.wrap.push(index);
        self
    }

    /// Colours column `index` with `paint` when printing; widths are measured before.
    pub fn paint_column(mut self, index: usize, paint: impl Fn(&str) -> String + 'static) -> Table {
        self.painter = Some((index, Box::new(paint)));
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        // A cell is one line of plain text: newlines would break the columns,
        // and escape sequences in the data must not reach the terminal.
        self.rows.push(cells.iter().map(|c| super::escape::terminal(c)).collect());
    }

    /// How narrow column `i` may get: its longest word, between 4 and 14 columns.
    fn longest_word(&self, i: usize) -> usize {
        let cells = std::iter::once(&self.headers[i]).chain(self.rows.iter().map(|r| &r[i]));
        let longest = cells.flat_map(|c| c.split_whitespace()).map(visible_width).max().unwrap_or(0);
        longest.clamp(4, 14)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Renders to lines; `width` is the terminal width, `None` when not a terminal.
    pub fn render(&self, width: Option<usize>) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(visible_width(cell));
            }
        }
        if let Some(total) = width {
            // Narrow the widest wrapping column, one character at a time, until
            // the table fits or every wrapping column is down to its longest word.
            let gaps = GAP.len() * (columns - 1);
            let minimum: Vec<usize> = (0..columns).map(|i| self.longest_word(i)).collect();
            while widths.iter().sum::<usize>() + gaps > total {
                let widest = self.wrap.iter().copied().filter(|&i| widths[i] > minimum[i]).max_by_key(|&i| widths[i]);
                match widest {
                    Some(i) => widths[i] -= 1,
                    None => break,
                }
            }
        }
        let mut out = String::new();
        let header: Vec<Vec<String>> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| if self.wrap.contains(&i) { wrap_text(h, widths[i]) } else { vec![h.clone()] })
            .map(|lines| lines.iter().map(|l| super::style::Style::Bold.paint(l, self.colour)).collect())
            .collect();
        push_line(&mut out, &header, &widths);
        let rule: Vec<Vec<String>> = widths.iter().map(|w| vec!["─".repeat(*w)]).collect();
        push_line(&mut out, &rule, &widths);
        for row in &self.rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let lines = if self.wrap.contains(&i) { wrap_text(cell, widths[i]) } else { vec![cell.clone()] };
                    match &self.painter {
                        Some((column, paint)) if *column == i => lines.iter().map(|l| paint(l)).collect(),
                        _ => lines,
                    }
                })
                .collect();
            push_line(&mut out, &cells, &widths);
        }
        out
    }
}

fn push_line(out: &mut String, cells: &[Vec<String>], widths: &[usize]) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let part = cell.get(line).map_or("", String::as_str);
            if i > 0 {
                text.push_str(GAP);
            }
            text.push_str(part);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(widths[i].saturating_sub(visible_width(part))));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

/// Greedy word wrap to `width` display columns; overlong words are cut.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.width() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let mut cut = String::new();
            for ch in word.chars() {
                if (cut.clone() + &ch.to_string()).width() > width {
                    break;
                }
                cut.push(ch);
            }
            word = word[cut.len()..].to_string();
            lines.push(cut);
        }
        let needed = if current.is_empty() { word.width() } else { current.width() + 1 + word.width() };
        if needed > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_only_the_wrap_column_to_fit() {
        let mut t = Table::new(&["id", "claim", "flags"]).wrap_column(1);
        t.row(vec![
            "1".into(),
            "Turkey will send some of its elite troops to train Niger's military".into(),
            "single-source".into(),
        ]);
        let text = t.render(Some(50));
        assert!(text.lines().all(|l| l.width() <= 50), "{text}");
        assert!(text.lines().count() > 3, "{text}");
        let unwrapped = t.render(None);
        assert_eq!(unwrapped.lines().count(), 3, "{unwrapped}");
    }

    #[test]
    fn newlines_in_cells_do_not_break_rows() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["x\ny".into(), "z".into()]);
        assert_eq!(t.render(None).lines().count(), 3);
    }
}
