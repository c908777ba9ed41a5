//! Reading a table's rows under its header: section rows across the whole
//! width, activities with their numbers («1.», «1.1.», none), rows that carry
//! on the row above (a cell split across a page), and the header repeated
//! on every page.

use super::columns::Field;
use super::layout::{is_column_numbers, Layout};
use super::table::{one_line, Table};

/// A section row: its number (given or counted) and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub number: String,
    pub title: String,
    /// The number was not written and was given in order.
    pub counted: bool,
}

/// One cell of an activity, as written, with the column it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub column: usize,
    pub text: String,
}

/// An activity row (with the rows that carry it on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub number: String,
    pub counted: bool,
    /// The table's row, from 1, for the report.
    pub row: usize,
    pub values: Vec<Value>,
}

impl Activity {
    /// The texts of a column, its paragraphs kept.
    pub fn text(&self, column: usize) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.column == column)
            .map(|v| v.text.as_str())
            .filter(|t| !t.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Section(Section),
    Activity(Activity),
}

/// What the rows of one table gave.
#[derive(Debug, Default)]
pub struct Read {
    pub items: Vec<Item>,
    /// Data rows read (header rows and repeated headers not counted).
    pub rows: usize,
}

/// «1», «1.», «1.1.», «2.1.3» → «1», «1.1», «2.1.3».
pub fn activity_number(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('.').trim();
    let ok = !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| t.to_string())
}

/// A section title with its number: «1. Организационная работа»,
/// «Направление 2. …», «II. …», «III Проведение …».
pub fn section_heading(text: &str) -> (Option<String>, String) {
    let text = one_line(text);
    let mut rest = text.as_str();
    for word in ["Направление", "Раздел", "Section", "Блок", "Задача"] {
        if let Some(r) = rest.strip_prefix(word) {
            if r.starts_with(' ') {
                rest = r.trim_start();
            }
        }
    }
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let (head, tail) = rest.split_at(end);
    let head_trimmed = head.trim_end_matches('.');
    let roman = !head_trimmed.is_empty() && head_trimmed.chars().all(|c| "IVXLC".contains(c));
    let arabic = activity_number(head).is_some();
    if (roman || arabic) && !tail.trim().is_empty() {
        (Some(head_trimmed.to_string()), tail.trim().to_string())
    } else {
        (None, text)
    }
}

/// Reads the rows under the header.
pub fn read(table: &Table, layout: &Layout) -> Read {
    let number_col = layout.column(Field::Number);
    // Measured once: a table's width is its widest row.
    let width = table.width();
    let header: Vec<Vec<String>> = (layout.first..layout.first + layout.rows)
        .map(|r| row_texts(table, r, width))
        .collect();
    let numbered_table = number_col.is_some_and(|c| {
        (layout.end()..table.rows.len()).any(|r| {
            table
                .cell(r, c)
                .is_some_and(|x| activity_number(x.own()).is_some() || x.auto_number.is_some())
        })
    });
    let mut out = Read::default();
    let mut counted_sections = 0;
    let mut counted_activities = 0;
    for r in layout.end()..table.rows.len() {
        let texts = row_texts(table, r, width);
        if texts.iter().all(|t| t.is_empty())
            || header.contains(&texts)
            || is_column_numbers(&texts)
        {
            continue;
        }
        out.rows += 1;
        let cells = &table.rows[r];
        let own: Vec<(usize, &str)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.own()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let number = number_col.and_then(|c| {
            let cell = table.cell(r, c)?;
            activity_number(cell.own()).or_else(|| cell.auto_number.clone())
        });
        let spans = cells
            .iter()
            .filter(|c| c.covered && !c.text.is_empty())
            .count();
        let is_section = number.is_none()
            && own.len() == 1
            && (spans + 1 >= cells.len().max(2) / 2 || own[0].0 == number_col.unwrap_or(0));
        if is_section {
            let (n, title) = section_heading(own[0].1);
            let counted = n.is_none();
            if counted {
                counted_sections += 1;
            }
            let number = n.unwrap_or_else(|| counted_sections.to_string());
            out.items.push(Item::Section(Section {
                number,
                title,
                counted,
            }));
            continue;
        }
        let values: Vec<Value> = own
            .iter()
            .filter(|(c, _)| Some(*c) != number_col)
            .map(|&(column, text)| Value {
                column,
                text: text.to_string(),
            })
            .collect();
        let follows_activity = matches!(out.items.last(), Some(Item::Activity(_)));
        match (
            number,
            numbered_table && follows_activity,
            out.items.last_mut(),
        ) {
            (None, true, Some(Item::Activity(previous))) => {
                // A row without a number carries on the row above: a cell
                // split across a page.
                for v in values {
                    match previous.values.iter_mut().find(|p| p.column == v.column) {
                        Some(p) => {
                            p.text.push('\n');
                            p.text.push_str(&v.text);
                        }
                        None => previous.values.push(v),
                    }
                }
            }
            (number, _, _) => {
                let counted = number.is_none();
                let number = number.unwrap_or_else(|| {
                    counted_activities += 1;
                    counted_activities.to_string()
                });
                out.items.push(Item::Activity(Activity {
                    number,
                    counted,
                    row: r + 1,
                    values,
                }));
            }
        }
    }
    out
}

fn row_texts(table: &Table, row: usize, width: usize) -> Vec<String> {
    (0..width)
        .map(|c| {
            table
                .cell(row, c)
                .map(|x| x.text.trim().to_string())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::detect;
    use crate::import::table::test_table as table;

    #[test]
    fn numbers_are_read_in_every_spelling() {
        assert_eq!(activity_number("1."), Some("1".into()));
        assert_eq!(activity_number("1.1"), Some("1.1".into()));
        assert_eq!(activity_number(" 1.1. "), Some("1.1".into()));
        assert_eq!(activity_number("2.1.3"), Some("2.1.3".into()));
        assert_eq!(activity_number("II"), None);
        assert_eq!(activity_number("1..2"), None);
    }

    #[test]
    fn section_titles_lose_their_number() {
        assert_eq!(
            section_heading("1. Организационно-подготовительная работа"),
            (
                Some("1".into()),
                "Организационно-подготовительная работа".into()
            )
        );
        assert_eq!(
            section_heading("Направление 2. Кадры"),
            (Some("2".into()), "Кадры".into())
        );
        assert_eq!(
            section_heading("III Проведение мониторингов"),
            (Some("III".into()), "Проведение мониторингов".into())
        );
        assert_eq!(
            section_heading("Повышение уровня кадрового потенциала"),
            (None, "Повышение уровня кадрового потенциала".into())
        );
    }

    #[test]
    fn sections_activities_continued_rows_and_repeated_headers() {
        let t = table(&[
            &["№", "Мероприятие", "Срок", "Ответственный"],
            &["Организационная работа", "", "", ""],
            &["1.", "Консультирование кураторов по", "февраль", "Кураторы"],
            &["", "вопросам посещения", "2022 года", "ОО"],
            &["№", "Мероприятие", "Срок", "Ответственный"],
            &["2. Кадры", "<2. Кадры", "<2. Кадры", "<2. Кадры"],
            &["2.", "Курсы", "март 2022", "ОО"],
        ]);
        let layout = detect(&t, None, None).unwrap();
        let read = read(&t, &layout);
        assert_eq!(read.rows, 5);
        let Item::Section(s) = &read.items[0] else {
            panic!("{:?}", read.items)
        };
        assert_eq!((s.number.as_str(), s.counted), ("1", true));
        let Item::Activity(a) = &read.items[1] else {
            panic!()
        };
        assert_eq!(
            a.text(1),
            Some("Консультирование кураторов по\nвопросам посещения")
        );
        assert_eq!(a.text(2), Some("февраль\n2022 года"));
        let Item::Section(s) = &read.items[2] else {
            panic!()
        };
        assert_eq!(
            (s.number.as_str(), s.title.as_str(), s.counted),
            ("2", "Кадры", false)
        );
        assert_eq!(read.items.len(), 4);
    }

    #[test]
    fn a_table_without_numbers_counts_its_activities() {
        let t = table(&[
            &["Мероприятие", "Срок", "Ответственный"],
            &["Курсы", "март 2022", "ОО"],
            &["Семинар", "май 2022", "ОО"],
        ]);
        let read = read(&t, &detect(&t, None, None).unwrap());
        let numbers: Vec<_> = read
            .items
            .iter()
            .map(|i| match i {
                Item::Activity(a) => (a.number.clone(), a.counted),
                Item::Section(_) => unreachable!(),
            })
            .collect();
        assert_eq!(numbers, [("1".to_string(), true), ("2".to_string(), true)]);
    }
}
