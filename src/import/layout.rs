//! Finding a table's header by its words and mapping each column to a field:
//! a header of one to three rows, merged cells over year columns («Сроки»
//! over «2020 | 2021»), a row of column numbers under it.

use super::columns::{field_of, year_of, Field};
use super::table::Table;

/// One column as the import reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    /// The year of a column per year, or the label of a stage.
    pub year: Option<i32>,
    /// The heading as written (its header rows joined with « / »).
    pub heading: String,
    /// A second column of a field that holds one value goes to a note
    /// with its heading as label.
    pub label: Option<String>,
}

/// Where the header is and what the columns are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The header's first row, from 0.
    pub first: usize,
    /// The number of header rows.
    pub rows: usize,
    pub columns: Vec<Column>,
    /// A row of column numbers («1 | 2 | 3») just under the header.
    pub numbered: bool,
}

impl Layout {
    /// The column of a field (the first one).
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.field == field && c.label.is_none())
    }

    /// Rows that belong to the header, counting the row of column numbers.
    pub fn end(&self) -> usize {
        self.first + self.rows + usize::from(self.numbered)
    }
}

/// The headings of a row: each cell's text, merged cells repeated.
fn texts(table: &Table, row: usize) -> Vec<String> {
    (0..table.width())
        .map(|c| {
            table
                .cell(row, c)
                .map(|x| x.text.trim().to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// How many different fields a row's cells name; a header names the
/// activity and at least one of its number, timing or responsible.
fn header_score(texts: &[String]) -> usize {
    let mut fields: Vec<Field> = texts.iter().filter_map(|t| field_of(t)).collect();
    fields.sort_by_key(|f| *f as u8);
    fields.dedup();
    let core = [Field::Number, Field::When, Field::Responsible]
        .iter()
        .filter(|f| fields.contains(f))
        .count();
    if fields.contains(&Field::Title) && core >= 1 {
        fields.len()
    } else {
        0
    }
}

/// Whether a row's texts are «1, 2, 3 …».
pub fn is_column_numbers(texts: &[String]) -> bool {
    let own: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    own.len() >= 2
        && own
            .iter()
            .enumerate()
            .all(|(i, t)| t.trim_end_matches('.') == (i + 1).to_string())
}

/// Finds the header among the first rows of a table; `first` from a rules
/// file names its first row.
pub fn detect(table: &Table, first: Option<usize>, rows: Option<usize>) -> Option<Layout> {
    let width = table.width();
    let first = match first {
        Some(f) => f,
        None => (0..table.rows.len().min(30)).find(|&r| header_score(&texts(table, r)) > 0)?,
    };
    if first >= table.rows.len() {
        return None;
    }
    let count = rows.unwrap_or_else(|| {
        let mut n = 1;
        while n < 3 && first + n < table.rows.len() && continues_header(table, first + n) {
            n += 1;
        }
        n
    });
    let header: Vec<Vec<String>> = (first..(first + count).min(table.rows.len()))
        .map(|r| texts(table, r))
        .collect();
    let mut columns = Vec::with_capacity(width);
    for c in 0..width {
        let parts: Vec<&str> = header
            .iter()
            .map(|row| row[c].as_str())
            .filter(|t| !t.is_empty())
            .collect();
        let mut unique: Vec<&str> = Vec::new();
        for p in &parts {
            if !unique.contains(p) {
                unique.push(p);
            }
        }
        let year = unique.iter().rev().find_map(|t| year_of(t));
        // The lowest heading that names a field decides; a year alone
        // takes its field from the heading above it.
        let field = unique
            .iter()
            .rev()
            .filter(|t| year_of(t).is_none())
            .find_map(|t| field_of(t))
            .unwrap_or(if year.is_some() {
                Field::When
            } else {
                Field::Note
            });
        columns.push(Column {
            field,
            year,
            heading: unique.join(" / "),
            label: None,
        });
    }
    // A field that holds one value takes its first column; the others are
    // kept as notes under their headings.
    for single in [Field::Number, Field::Title, Field::Responsible] {
        let mut seen = false;
        for col in columns.iter_mut().filter(|c| c.field == single) {
            if seen {
                col.label = Some(col.heading.clone());
                col.field = Field::Note;
            }
            seen = true;
        }
    }
    let mut seen_when = false;
    for col in columns
        .iter_mut()
        .filter(|c| c.field == Field::When && c.year.is_none())
    {
        if seen_when {
            col.label = Some(col.heading.clone());
            col.field = Field::Note;
        }
        seen_when = true;
    }
    for col in columns
        .iter_mut()
        .filter(|c| c.field == Field::Note && c.label.is_none() && !c.heading.is_empty())
    {
        if field_of(&col.heading).is_none() {
            col.label = Some(col.heading.clone());
        }
    }
    let end = first + count;
    let numbered = end < table.rows.len() && is_column_numbers(&texts(table, end));
    Some(Layout {
        first,
        rows: count,
        columns,
        numbered,
    })
}

/// A row under the header's first row is part of it when it only names
/// fields or years, or carries on the merged cells above.
fn continues_header(table: &Table, row: usize) -> bool {
    let cells = &table.rows[row];
    let own: Vec<&str> = cells
        .iter()
        .map(|c| c.own())
        .filter(|t| !t.is_empty())
        .collect();
    if own.is_empty() || is_column_numbers(&texts(table, row)) {
        return false;
    }
    let first_is_number = cells
        .first()
        .map(|c| super::rows::activity_number(c.own()).is_some())
        .unwrap_or(false);
    !first_is_number
        && own
            .iter()
            .all(|t| year_of(t).is_some() || field_of(t).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::test_table as table;

    #[test]
    fn a_header_of_two_rows_with_years_under_a_merged_cell() {
        let t = table(&[
            &["Дорожная карта", "", "", "", ""],
            &[
                "№ п/п",
                "Наименование мероприятия",
                "Сроки",
                "<Сроки",
                "Ответственные",
            ],
            &[
                "<",
                "<Наименование мероприятия",
                "2020",
                "2021",
                "<Ответственные",
            ],
            &["1", "2", "3", "4", "5"],
            &["1.", "Анкетирование", "май", "", "ОО"],
        ]);
        let layout = detect(&t, None, None).unwrap();
        assert_eq!((layout.first, layout.rows, layout.numbered), (1, 2, true));
        let fields: Vec<_> = layout.columns.iter().map(|c| (c.field, c.year)).collect();
        assert_eq!(
            fields,
            [
                (Field::Number, None),
                (Field::Title, None),
                (Field::When, Some(2020)),
                (Field::When, Some(2021)),
                (Field::Responsible, None)
            ]
        );
        assert_eq!(layout.end(), 4);
    }

    #[test]
    fn a_table_without_the_words_of_a_header_has_none() {
        let t = table(&[&["Иванов", "Петров"], &["1", "2"]]);
        assert_eq!(detect(&t, None, None), None);
    }
}
