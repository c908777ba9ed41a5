//! A finding whose place is a cell of a spreadsheet form rather than a line of
//! a text file: `school.xlsx`, sheet «Отметки», cell G7. A filled form comes
//! back from a school with no text to point into, so the place names the
//! sheet, the row and the column the person typed in, and shows what is there.

use crate::code::{Code, Severity};
use crate::lang::{Lang, Text};
use std::fmt::Write as _;
use std::path::PathBuf;

/// One cell: a sheet's name and a 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    pub sheet: String,
    pub row: u32,
    pub column: u16,
}

impl Cell {
    pub fn new(sheet: &str, row: u32, column: u16) -> Cell {
        Cell {
            sheet: sheet.to_string(),
            row,
            column,
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
        let cell = self.cell.a1();
        let sheet = &self.cell.sheet;
        let _ = match (lang, &self.activity) {
            (Lang::Ru, Some(a)) => writeln!(
                out,
                "  --> {file}, лист «{sheet}», ячейка {cell} (мероприятие {a})"
            ),
            (Lang::Ru, None) => writeln!(out, "  --> {file}, лист «{sheet}», ячейка {cell}"),
            (Lang::En, Some(a)) => writeln!(
                out,
                "  --> {file}, sheet `{sheet}`, cell {cell} (activity {a})"
            ),
            (Lang::En, None) => writeln!(out, "  --> {file}, sheet `{sheet}`, cell {cell}"),
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
}
