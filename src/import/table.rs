//! What every reader hands on: a document's tables as grids of cell texts,
//! with the paragraphs written above each table, whatever the file format.

/// One cell of a grid. A cell that a merged cell covers repeats the merged
/// cell's text with `covered` set, so a header over several columns names
/// each of them while a row's text is read only once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The text, its paragraphs separated by `\n`.
    pub text: String,
    /// Part of a merged cell that starts to the left or above.
    pub covered: bool,
    /// Numbered automatically by the word processor (the text holds no number).
    pub auto_number: Option<String>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn covered(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            covered: true,
            auto_number: None,
        }
    }

    /// The text as it is read in a row: nothing when covered.
    pub fn own(&self) -> &str {
        if self.covered {
            ""
        } else {
            self.text.trim()
        }
    }
}

/// A table and what stands above it.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Paragraphs between the previous table (or the start) and this one.
    pub above: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Where it comes from: «sheet Лист1» for a workbook.
    pub name: Option<String>,
}

impl Table {
    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell at a row and column, empty past the end of a short row.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }

    /// Whether no cell holds any text.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.iter().all(|c| c.text.trim().is_empty()))
    }
}

/// Turns every run of whitespace inside a line into one space and drops
/// empty lines: a cell's text as a value on one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell's paragraphs, each on one line, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(one_line)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A table for the tests, from its cells' texts: a text that starts with `<`
/// is a cell covered by a merge.
#[cfg(test)]
pub(crate) fn test_table(rows: &[&[&str]]) -> Table {
    Table {
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| match t.strip_prefix('<') {
                        Some(t) => Cell::covered(t),
                        None => Cell::new(*t),
                    })
                    .collect()
            })
            .collect(),
        ..Table::default()
    }
}
