//! CSV, TSV and plain-text tables: the separator is guessed from the first
//! lines (`;`, tab, `,`), quotes and cells of several lines follow RFC 4180.

use super::limits;
use super::table::{Cell, Table};
use super::ImportError;
use std::path::Path;

/// Reads the bytes of a delimited file as one table; `forced` is the
/// separator a `.tsv` name asks for.
pub fn read(path: &Path, bytes: &[u8], forced: Option<u8>) -> Result<Table, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = forced.unwrap_or_else(|| guess(text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cells = limits::Counter::default();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv {
            path: path.to_path_buf(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        cells
            .row(1, rows.len() + 1, record.len())
            .map_err(|exceeded| ImportError::TooLarge {
                path: path.to_path_buf(),
                exceeded,
            })?;
        rows.push(record.iter().map(Cell::new).collect());
    }
    Ok(Table {
        above: Vec::new(),
        rows,
        name: None,
    })
}

/// The separator that splits the first lines most evenly: tab, then `;`,
/// then `,`.
fn guess(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let score = |sep: char| -> usize {
        let counts: Vec<usize> = lines.iter().map(|l| l.matches(sep).count()).collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        if most == 0 {
            return 0;
        }
        counts.iter().filter(|&&c| c == most).count() * most
    };
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&sep| (score(sep as char), sep == b'\t'))
        .unwrap_or(b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &Table) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn semicolons_tabs_and_commas_are_told_apart() {
        let path = Path::new("t.csv");
        let semi = read(
            path,
            "№;Мероприятие;Срок\n1;Анкетирование, опрос;май\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(texts(&semi)[1], ["1", "Анкетирование, опрос", "май"]);
        let tab = read(
            path,
            "№\tМероприятие\tСрок\n1\tА; Б\tмай\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(texts(&tab)[1], ["1", "А; Б", "май"]);
        let comma = read(
            path,
            "№,Мероприятие,Срок\n1,\"А,\nБ\",май\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(texts(&comma)[1], ["1", "А,\nБ", "май"]);
    }

    #[test]
    fn a_row_of_a_million_cells_is_refused_by_its_number() {
        let mut text = "№;Мероприятие\n1;a\n".to_string();
        text.push_str(&";".repeat(1_000_000));
        let err = read(Path::new("t.csv"), text.as_bytes(), None).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::TooLarge {
                    exceeded: limits::Exceeded::Row { table: 1, row: 3 },
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_file_not_in_utf8_says_where() {
        let err = read(Path::new("t.csv"), b"\xcf\xf0\xe8;x\n", None).unwrap_err();
        assert!(matches!(err, ImportError::NotUtf8 { offset: 0, .. }));
    }
}
