//! A finding whose place is a cell of a form rather than a line of a text
//! file: `school.xlsx`, sheet «Отметки», cell G7; or `school.docx`, table 1,
//! row 4, column «Дата». A filled form comes back from a school with no text
//! to point into, so the place names the sheet (or table), the row and the
//! column the person typed in, and shows what is there.

use crate::code::{Code, Severity};
use crate::lang::{Lang, Text};
use std::fmt::Write as _;
use std::path::PathBuf;

/// What holds the cells.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grid {
    /// A workbook's sheet, by name.
    Sheet(String),
    /// A Word document's table, by its number (1-based).
    Table(u32),
    /// A document's custom property, by name: one value, no rows.
    Property(String),
}

/// One cell: its grid and a 0-based row and column; in a table, the column
/// is named by its header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    pub grid: Grid,
    pub row: u32,
    pub column: u16,
    /// The column's header, named in a table's place.
    pub header: String,
}

impl Cell {
    pub fn new(sheet: &str, row: u32, column: u16) -> Cell {
        Cell {
            grid: Grid::Sheet(sheet.to_string()),
            row,
            column,
            header: String::new(),
        }
    }

    /// A cell of table `table` (1-based) under the header `header`.
    pub fn in_table(table: u32, row: u32, column: u16, header: &str) -> Cell {
        Cell {
            grid: Grid::Table(table),
            row,
            column,
            header: header.to_string(),
        }
    }

    pub fn property(name: &str) -> Cell {
        Cell {
            grid: Grid::Property(name.to_string()),
            row: 0,
            column: 0,
            header: String::new(),
        }
    }

    /// How the value line names the cell: `G7`, the column's header, the
    /// property's name.
    fn label(&self) -> String {
        match &self.grid {
            Grid::Sheet(_) => self.a1(),
            Grid::Table(_) => self.header.clone(),
            Grid::Property(name) => name.clone(),
        }
    }

    /// The place: `лист «Отметки», ячейка G7`, `таблица 1, строка 4, столбец «Дата»`.
    fn place(&self, lang: Lang) -> String {
        let (row, header) = (self.row + 1, &self.header);
        match (&self.grid, lang) {
            (Grid::Sheet(sheet), Lang::Ru) => format!("лист «{sheet}», ячейка {}", self.a1()),
            (Grid::Sheet(sheet), Lang::En) => format!("sheet `{sheet}`, cell {}", self.a1()),
            (Grid::Table(n), Lang::Ru) => {
                format!("таблица {n}, строка {row}, столбец «{header}»")
            }
            (Grid::Table(n), Lang::En) => format!("table {n}, row {row}, column `{header}`"),
            (Grid::Property(name), Lang::Ru) => format!("свойство документа «{name}»"),
            (Grid::Property(name), Lang::En) => format!("document property `{name}`"),
        }
    }

    /// The cell's name as a spreadsheet shows it: `G7`, `AA12`.
    pub fn a1(&self) -> String {
        format!("{}{}", column_name(self.column), self.row + 1)
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_name(column: u16) -> String {
    let mut n = u32::from(column) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A finding in a form: the code and messages of any other diagnostic, with
/// a cell for its place and the cell's text to show.
#[derive(Debug, Clone, PartialEq)]
pub struct CellFinding {
    pub code: Code,
    pub file: PathBuf,
    pub cell: Cell,
    /// What the cell holds, as the reader saw it ("" when empty).
    pub value: String,
    /// The activity the row is about, to name it in the place.
    pub activity: Option<String>,
    pub message: Text,
    pub help: Option<Text>,
}

impl CellFinding {
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// `error[E0605]: …`, the place, the cell's text and the help, in one
    /// language: the layout of the text diagnostics, one cell instead of a
    /// source line.
    pub fn render(&self, lang: Lang) -> String {
        let kind = match (self.severity(), lang) {
            (Severity::Error, Lang::Ru) => "ошибка",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Ru) => "предупреждение",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut out = format!("{kind}[{}]: {}\n", self.code, self.message.get(lang));
        let file = self.file.display();
        let cell = self.cell.label();
        let place = self.cell.place(lang);
        let _ = match (lang, &self.activity) {
            (Lang::Ru, Some(a)) => writeln!(out, "  --> {file}, {place} (мероприятие {a})"),
            (Lang::En, Some(a)) => writeln!(out, "  --> {file}, {place} (activity {a})"),
            (_, None) => writeln!(out, "  --> {file}, {place}"),
        };
        let shown: String = self
            .value
            .chars()
            .take(200)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "   | {cell}: {shown}");
        if let Some(help) = &self.help {
            let _ = match lang {
                Lang::Ru => writeln!(out, "  подсказка: {}", help.get(lang)),
                Lang::En => writeln!(out, "  help: {}", help.get(lang)),
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(6), "G");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(Cell::new("Отметки", 6, 6).a1(), "G7");
    }

    #[test]
    fn a_finding_names_the_file_sheet_and_cell_and_shows_the_value() {
        let finding = CellFinding {
            code: Code::DoneBeforeStarted,
            file: PathBuf::from("vostok.xlsx"),
            cell: Cell::new("Отметки", 6, 6),
            value: "01.02.2022".into(),
            activity: Some("1.4".into()),
            message: Text::new("Выполнено раньше, чем начато", "Done before it was started"),
            help: Some(Text::new("Исправьте дату", "Fix the date")),
        };
        let ru = finding.render(Lang::Ru);
        assert!(ru.starts_with("ошибка[E0602]: Выполнено раньше"), "{ru}");
        assert!(ru.contains("vostok.xlsx, лист «Отметки», ячейка G7 (мероприятие 1.4)"));
        assert!(ru.contains("G7: 01.02.2022"));
        assert!(ru.contains("подсказка: Исправьте дату"));
        let en = finding.render(Lang::En);
        assert!(
            en.contains("sheet `Отметки`, cell G7 (activity 1.4)"),
            "{en}"
        );
    }

    #[test]
    fn a_finding_in_a_word_table_names_the_table_row_and_column() {
        let finding = CellFinding {
            code: Code::BadFormCell,
            file: PathBuf::from("vostok.docx"),
            cell: Cell::in_table(1, 3, 6, "Дата"),
            value: "31.02.2022".into(),
            activity: Some("4.5".into()),
            message: Text::new("«31.02.2022» — не дата", "`31.02.2022` is not a date"),
            help: None,
        };
        let ru = finding.render(Lang::Ru);
        assert!(
            ru.contains("vostok.docx, таблица 1, строка 4, столбец «Дата» (мероприятие 4.5)"),
            "{ru}"
        );
        assert!(ru.contains("   | Дата: 31.02.2022"), "{ru}");
        let en = finding.render(Lang::En);
        assert!(
            en.contains("table 1, row 4, column `Дата` (activity 4.5)"),
            "{en}"
        );
    }
}
