//! Positions as LSP speaks them (a line and a UTF-16 column) to byte offsets
//! and back: in «Срок: II квартал» each Cyrillic letter is two bytes but one
//! UTF-16 unit, so the two must never be confused.

use lsp_types::{Position, Range};

/// Where each line of a text begins.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The LSP position of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = crate::source::floor_char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column: usize = self.text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, column as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of an LSP position; a column past the line's end
    /// means its end, a line past the text's end means the end of the text.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The text of the line holding `offset` up to it.
    pub fn line_before(&self, offset: usize) -> &'a str {
        let offset = crate::source::floor_char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        &self.text[self.starts[line]..offset]
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        self.range(0, self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_column_counts_utf16_units_not_bytes() {
        let text = "мероприятие 1.1. А\n  срок: II квартал\n";
        let lines = Lines::new(text);
        let offset = text.find("II").unwrap();
        assert_eq!(lines.position(offset), Position::new(1, 8));
        assert_eq!(lines.offset(Position::new(1, 8)), offset);
    }

    #[test]
    fn a_character_outside_the_basic_plane_is_two_units() {
        let text = "# 📅 срок\nx";
        let lines = Lines::new(text);
        let offset = text.find("срок").unwrap();
        assert_eq!(lines.position(offset), Position::new(0, 5));
        assert_eq!(lines.offset(Position::new(0, 5)), offset);
    }

    #[test]
    fn a_position_past_the_end_is_clamped() {
        let text = "аб\nв";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(Position::new(0, 40)), "аб".len());
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
    }
}
