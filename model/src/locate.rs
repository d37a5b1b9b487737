//! Finds where things stand in the spec text, so that a semantic error (found after parsing, where the
//! YAML library keeps no positions) can still name `file:line:col`. It reads the block style that
//! spec files use; when it cannot place something, the error simply has no position.

/// A position, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A top-level list of entries keyed by `code:` (`name:` for `headers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Codes,
    Overrides,
    Headers,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Codes => "codes",
            List::Overrides => "overrides",
            List::Headers => "headers",
        }
    }
}

/// The lines of `text`, broken as YAML breaks them: at CR LF, LF, or a lone CR (YAML 1.2 §5.4).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\r', '\n']) {
        lines.push(&rest[..at]);
        let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

/// Line index of a spec text.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// The 0-based line of each `code:` key under `codes:`, in file order: entry `i` is at `codes[i]`.
    codes: Vec<usize>,
    /// The same under `overrides:`.
    overrides: Vec<usize>,
    /// The 0-based line of each `name:` key under `headers:`.
    headers: Vec<usize>,
}

/// The key of a line, after its indentation and an optional list dash: `  - code: 405` → `code`.
fn key_of(line: &str) -> Option<(&str, usize)> {
    let trimmed = line.trim_start();
    let mut column = line.len() - trimmed.len();
    let rest = match trimmed.strip_prefix("- ") {
        Some(rest) => {
            let inner = rest.trim_start();
            column += 2 + (rest.len() - inner.len());
            inner
        }
        None => trimmed,
    };
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some((key, column))
}

impl<'a> Locator<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let lines = split_lines(text);
        let (mut codes, mut overrides, mut headers) = (Vec::new(), Vec::new(), Vec::new());
        let mut section = "";
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with([' ', '-', '#']) && !line.is_empty() {
                section = key_of(line).map_or("", |(key, _)| key);
                continue;
            }
            // An entry's first key opens it: `code:` in the code lists, `name:` under `headers:`.
            match (section, key_of(line)) {
                ("codes", Some(("code", _))) => codes.push(i),
                ("overrides", Some(("code", _))) => overrides.push(i),
                ("headers", Some(("name", column))) if line[..column].ends_with("- ") => {
                    headers.push(i)
                }
                _ => {}
            }
        }
        Locator {
            lines,
            codes,
            overrides,
            headers,
        }
    }

    fn entries(&self, list: List) -> &[usize] {
        match list {
            List::Codes => &self.codes,
            List::Overrides => &self.overrides,
            List::Headers => &self.headers,
        }
    }

    /// The first top-level line after line `at` (or the end of the text).
    fn top_level_after(&self, at: usize) -> usize {
        (at + 1..self.lines.len())
            .find(|&i| !self.lines[i].is_empty() && !self.lines[i].starts_with([' ', '#', '-']))
            .unwrap_or(self.lines.len())
    }

    /// The lines of entry `index` of `list`: from its `code:` line (or the dash that opens it) to the next.
    fn entry_range(&self, list: List, index: usize) -> Option<(usize, usize)> {
        let at = *self.entries(list).get(index)?;
        // The entry may open with another key before `code:`; go back to its dash.
        let indent = self.lines[at].len() - self.lines[at].trim_start().len();
        let mut start = at;
        while start > 0 && !self.lines[start].trim_start().starts_with("- ") {
            let previous = self.lines[start - 1];
            if previous.trim().is_empty()
                || previous.len() - previous.trim_start().len() < indent.saturating_sub(2)
            {
                break;
            }
            start -= 1;
        }
        let next = self
            .entries(list)
            .get(index + 1)
            .copied()
            .unwrap_or(self.lines.len());
        Some((start, next.min(self.top_level_after(at))))
    }

    /// The `code:` key of entry `index` of `list`.
    pub fn entry(&self, list: List, index: usize) -> Option<Pos> {
        let at = *self.entries(list).get(index)?;
        key_of(self.lines[at]).map(|(_, column)| Pos {
            line: at + 1,
            column: column + 1,
        })
    }

    /// Key `key` inside entry `index` of `list` (the first one, at any depth).
    pub fn field(&self, list: List, index: usize, key: &str) -> Option<Pos> {
        let (start, end) = self.entry_range(list, index)?;
        self.find_key(start, end, key)
            .or_else(|| self.entry(list, index))
    }

    /// The first occurrence of `needle` inside entry `index` of `list`, after the line of key `after`.
    pub fn text_in_entry(
        &self,
        list: List,
        index: usize,
        after: Option<&str>,
        needle: &str,
    ) -> Option<Pos> {
        let (start, end) = self.entry_range(list, index)?;
        let from = after
            .and_then(|key| self.find_key(start, end, key))
            .map_or(start, |p| p.line - 1);
        self.find_text(from, end, needle)
            .or_else(|| self.entry(list, index))
    }

    /// The top-level list `list` itself.
    pub fn list(&self, list: List) -> Option<Pos> {
        self.top_level(list.key())
    }

    /// The first occurrence of `needle` inside the `common:` block.
    pub fn text_in_common(&self, needle: &str) -> Option<Pos> {
        self.text_in_block("common", needle)
    }

    /// The first occurrence of `needle` inside the top-level block `key` (or the block's key itself).
    pub fn text_in_block(&self, key: &str, needle: &str) -> Option<Pos> {
        let start = self.top_level(key)?.line - 1;
        let end = self.top_level_after(start);
        self.find_text(start, end, needle).or(Some(Pos {
            line: start + 1,
            column: 1,
        }))
    }

    /// A top-level key.
    pub fn top_level(&self, key: &str) -> Option<Pos> {
        let prefix = format!("{key}:");
        (0..self.lines.len())
            .find(|&i| self.lines[i].starts_with(&prefix))
            .map(|i| Pos {
                line: i + 1,
                column: 1,
            })
    }

    fn find_key(&self, start: usize, end: usize, key: &str) -> Option<Pos> {
        (start..end.min(self.lines.len())).find_map(|i| match key_of(self.lines[i]) {
            Some((k, column)) if k == key => Some(Pos {
                line: i + 1,
                column: column + 1,
            }),
            _ => None,
        })
    }

    fn find_text(&self, start: usize, end: usize, needle: &str) -> Option<Pos> {
        (start..end.min(self.lines.len())).find_map(|i| {
            let line = self.lines[i];
            let code = line.find('#').map_or(line, |hash| &line[..hash]);
            code.find(needle).map(|column| Pos {
                line: i + 1,
                column: column + 1,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "schema: 1\nextends: sip-codes\ncodes:\n  - code: 100\n    phrase: Trying\n  - code: 405\n    phrase: Method Not Allowed\n    headers:\n      must:\n        - header: Allow\n          rfc: 3261\noverrides:\n  - code: 403\n    phrase: Wrong Guess\ncommon:\n  must_not:\n    - header: Event\n";

    fn pos(line: usize, column: usize) -> Option<Pos> {
        Some(Pos { line, column })
    }

    #[test]
    fn lines_break_where_yaml_breaks_them() {
        assert_eq!(split_lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        let at = Locator::new("schema: 1\rcodes:\r  - code: 100\r    phrase: Trying\r");
        assert_eq!(at.field(List::Codes, 0, "phrase"), pos(4, 5));
    }

    #[test]
    fn finds_entries_fields_and_text() {
        let at = Locator::new(TEXT);
        assert_eq!(at.entry(List::Codes, 0), pos(4, 5));
        assert_eq!(at.entry(List::Codes, 1), pos(6, 5));
        assert_eq!(at.entry(List::Codes, 2), None);
        assert_eq!(at.field(List::Codes, 1, "phrase"), pos(7, 5));
        assert_eq!(at.field(List::Codes, 0, "phrase"), pos(5, 5));
        assert_eq!(
            at.text_in_entry(List::Codes, 1, Some("must"), "Allow"),
            pos(10, 19)
        );
        assert_eq!(at.entry(List::Overrides, 0), pos(13, 5));
        assert_eq!(at.field(List::Overrides, 0, "phrase"), pos(14, 5));
        assert_eq!(at.text_in_common("Event"), pos(17, 15));
        assert_eq!(at.top_level("schema"), pos(1, 1));
        assert_eq!(at.list(List::Overrides), pos(12, 1));
    }
}
