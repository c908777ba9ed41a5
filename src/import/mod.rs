//! `roadmap import`: the Word and Excel roadmaps that exist today, turned
//! into roadmap text that keeps every word, resolves what it can and marks
//! what a person must decide. One stage of its own: readers per format,
//! the header and its columns, rows, parties, the text above the table,
//! the rules file, the writer and the report.

pub mod columns;
pub mod delimited;
pub mod docx;
pub mod layout;
pub mod limits;
pub mod parties;
pub mod preamble;
pub mod readings;
pub mod report;
pub mod rows;
pub mod rules;
pub mod sheet;
pub mod table;
pub mod write;

use crate::lang::Lang;
use layout::Layout;
use report::Report;
use rules::Rules;
use std::path::{Path, PathBuf};
use table::Table;

/// Why a document cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: an old binary .{kind} file", path.display())]
    OldBinary { path: PathBuf, kind: &'static str },
    #[error("{}: protected by a password", path.display())]
    Encrypted { path: PathBuf },
    #[error("{}: damaged: {detail}", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{}: not UTF-8 at byte {offset}", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}:{line}: {message}", path.display())]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{}: no table", path.display())]
    NoTable { path: PathBuf },
    #[error("{}: no table with a header", path.display())]
    NoHeader { path: PathBuf, tables: usize },
    #[error("{}: no table {asked}", path.display())]
    NoSuchTable {
        path: PathBuf,
        asked: usize,
        tables: usize,
    },
    #[error("{}: the header has no rows under it", path.display())]
    NoRows { path: PathBuf },
    #[error("{}: too large to import ({exceeded:?})", path.display())]
    TooLarge {
        path: PathBuf,
        exceeded: limits::Exceeded,
    },
}

impl ImportError {
    /// What is wrong and how to fix it, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Self::OldBinary { path, kind } => {
                if ru {
                    format!("{}: это старый двоичный формат .{kind}, его импорт не читает\n  подсказка: откройте файл в Word/Excel/LibreOffice и сохраните как .{kind}x, затем импортируйте его", path.display())
                } else {
                    format!("{}: this is the old binary .{kind} format, which import does not read\n  help: open it in Word/Excel/LibreOffice, save it as .{kind}x and import that", path.display())
                }
            }
            Self::Encrypted { path } => {
                if ru {
                    format!("{}: документ защищён паролем\n  подсказка: снимите пароль (Файл → Сведения → Защита) и сохраните документ заново", path.display())
                } else {
                    format!("{}: the document is protected by a password\n  help: remove the password (File → Info → Protect) and save it again", path.display())
                }
            }
            Self::Damaged { path, detail } => {
                if ru {
                    format!("{}: файл повреждён или это не тот формат, что в имени ({detail})\n  подсказка: откройте его в Word/Excel/LibreOffice и сохраните заново", path.display())
                } else {
                    format!("{}: the file is damaged or not the format its name says ({detail})\n  help: open it in Word/Excel/LibreOffice and save it again", path.display())
                }
            }
            Self::NotUtf8 { path, offset } => {
                if ru {
                    format!("{}: текст не в UTF-8 (байт {offset})\n  подсказка: сохраните таблицу как «CSV UTF-8»", path.display())
                } else {
                    format!("{}: the text is not UTF-8 (byte {offset})\n  help: save the table as “CSV UTF-8”", path.display())
                }
            }
            Self::Csv {
                path,
                line,
                message,
            } => {
                if ru {
                    format!("{}:{line}: строку таблицы нельзя прочитать: {message}\n  подсказка: проверьте кавычки в этой строке", path.display())
                } else {
                    format!("{}:{line}: the table's line cannot be read: {message}\n  help: check the quotes on that line", path.display())
                }
            }
            Self::NoTable { path } => {
                if ru {
                    format!("{}: в документе нет таблицы\n  подсказка: импорт читает таблицу мероприятий; в документе её нет или она пуста", path.display())
                } else {
                    format!("{}: the document holds no table\n  help: import reads the table of activities; there is none, or it is empty", path.display())
                }
            }
            Self::NoHeader { path, tables } => {
                if ru {
                    format!("{}: ни в одной таблице ({tables}) нет заголовка, который можно узнать\n  подсказка: над колонками нужны их названия («№ п/п», «Наименование мероприятия», «Срок», «Ответственный»), или укажите их в правилах: --rules ФАЙЛ со строками «строка заголовка: N» и «колонка N: поле»", path.display())
                } else {
                    format!("{}: none of its {tables} table(s) has a header import recognises\n  help: the columns need their names («№ п/п», «Наименование мероприятия», «Срок», «Ответственный»), or name them in a rules file: --rules FILE with `header row: N` and `column N: field`", path.display())
                }
            }
            Self::NoSuchTable {
                path,
                asked,
                tables,
            } => {
                if ru {
                    format!("{}: таблицы {asked} нет, в документе их {tables}\n  подсказка: --table от 1 до {tables}", path.display())
                } else {
                    format!("{}: there is no table {asked}; the document has {tables}\n  help: --table from 1 to {tables}", path.display())
                }
            }
            Self::NoRows { path } => {
                if ru {
                    format!("{}: под заголовком таблицы нет ни одной строки\n  подсказка: таблица пуста — заполните её или выберите другую (--table N)", path.display())
                } else {
                    format!("{}: there are no rows under the table's header\n  help: the table is empty: fill it in or choose another (--table N)", path.display())
                }
            }
            Self::TooLarge { path, exceeded } => too_large(path, exceeded, lang),
        }
    }
}

/// What is too large in a document, and what to do about it.
fn too_large(path: &Path, exceeded: &limits::Exceeded, lang: Lang) -> String {
    use limits::Exceeded;
    let path = path.display();
    let mib = |bytes: u64| bytes >> 20;
    match (exceeded, lang) {
        (Exceeded::Part { name }, Lang::Ru) => format!(
            "{path}: часть архива {name} распаковывается больше чем в {} МиБ — это не документ дорожной карты\n  подсказка: откройте файл в Word/Excel/LibreOffice и сохраните заново; если он и правда так велик, разделите его",
            mib(limits::PART_BYTES)
        ),
        (Exceeded::Part { name }, Lang::En) => format!(
            "{path}: the archive's part {name} unpacks to more than {} MiB, more than a roadmap document holds\n  help: open the file in Word/Excel/LibreOffice and save it again; if it really is that large, split it",
            mib(limits::PART_BYTES)
        ),
        (Exceeded::Archive, Lang::Ru) => format!(
            "{path}: архив распаковывается больше чем в {} МиБ — это не документ дорожной карты\n  подсказка: откройте файл в Word/Excel/LibreOffice и сохраните заново; если он и правда так велик, разделите его",
            mib(limits::ARCHIVE_BYTES)
        ),
        (Exceeded::Archive, Lang::En) => format!(
            "{path}: the archive unpacks to more than {} MiB, more than a roadmap document holds\n  help: open the file in Word/Excel/LibreOffice and save it again; if it really is that large, split it",
            mib(limits::ARCHIVE_BYTES)
        ),
        (Exceeded::Parts { parts }, Lang::Ru) => format!(
            "{path}: в архиве {parts} частей, импорт читает не больше {}\n  подсказка: откройте файл в Word/Excel/LibreOffice и сохраните заново",
            limits::PARTS
        ),
        (Exceeded::Parts { parts }, Lang::En) => format!(
            "{path}: the archive holds {parts} parts; import reads at most {}\n  help: open the file in Word/Excel/LibreOffice and save it again",
            limits::PARTS
        ),
        (Exceeded::Row { table, row }, Lang::Ru) => format!(
            "{path}: в строке {row} таблицы {table} больше {} ячеек\n  подсказка: в таблице мероприятий столько колонок не бывает; удалите лишние колонки или сохраните только таблицу мероприятий",
            limits::COLUMNS
        ),
        (Exceeded::Row { table, row }, Lang::En) => format!(
            "{path}: row {row} of table {table} has more than {} cells\n  help: a table of activities has far fewer columns; delete the extra columns or save only the table of activities",
            limits::COLUMNS
        ),
        (Exceeded::Cells, Lang::Ru) => format!(
            "{path}: в таблицах больше {} ячеек\n  подсказка: сохраните в отдельный файл только таблицу мероприятий и импортируйте его",
            limits::CELLS
        ),
        (Exceeded::Cells, Lang::En) => format!(
            "{path}: the tables hold more than {} cells\n  help: save only the table of activities in a file of its own and import that",
            limits::CELLS
        ),
    }
}

/// How to import.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Only this table, from 1.
    pub table: Option<usize>,
    pub latin_ids: bool,
    pub rules: Option<Rules>,
}

/// The result: the roadmap's text, the report, and the rules the import
/// followed (guessed or given).
#[derive(Debug)]
pub struct Imported {
    pub text: String,
    pub report: Report,
    pub rules: Rules,
    /// The headings of the first table read, for the printed rules.
    pub headings: Vec<String>,
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a document's tables, whichever format it is in.
pub fn read_tables(path: &Path, bytes: &[u8]) -> Result<Vec<Table>, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(OLE) {
        return Err(match ext.as_str() {
            "docx" | "xlsx" | "xlsm" => ImportError::Encrypted {
                path: path.to_path_buf(),
            },
            "xls" | "xlt" => ImportError::OldBinary {
                path: path.to_path_buf(),
                kind: "xls",
            },
            _ => ImportError::OldBinary {
                path: path.to_path_buf(),
                kind: "doc",
            },
        });
    }
    let zipped = bytes.starts_with(b"PK");
    let tables = match ext.as_str() {
        "docx" | "docm" => {
            within_limits(path, bytes)?;
            docx::read(path, bytes)
        }
        "xlsx" | "xlsm" => {
            within_limits(path, bytes)?;
            sheet::read(path, bytes, sheet::Kind::Xlsx)
        }
        "ods" => {
            within_limits(path, bytes)?;
            sheet::read(path, bytes, sheet::Kind::Ods)
        }
        "doc" => Err(ImportError::OldBinary {
            path: path.to_path_buf(),
            kind: "doc",
        }),
        "xls" => Err(ImportError::OldBinary {
            path: path.to_path_buf(),
            kind: "xls",
        }),
        _ if zipped => Err(ImportError::Damaged {
            path: path.to_path_buf(),
            detail: "a zip archive with a name that is not .docx, .xlsx or .ods".into(),
        }),
        "tsv" | "tab" => Ok(vec![delimited::read(path, bytes, Some(b'\t'))?]),
        _ => Ok(vec![delimited::read(path, bytes, None)?]),
    }?;
    // Each reader stops early where a document could make it do much more
    // work than its size; every table is counted here the same way.
    let mut counter = limits::Counter::default();
    for (t, table) in tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            counter
                .row(t + 1, r + 1, row.len())
                .map_err(|exceeded| ImportError::TooLarge {
                    path: path.to_path_buf(),
                    exceeded,
                })?;
        }
    }
    Ok(tables)
}

/// A zip archive that unpacks to more than import reads is refused before
/// any reader opens it.
fn within_limits(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    match limits::archive(bytes) {
        None => Ok(()),
        Some(exceeded) => Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            exceeded,
        }),
    }
}

/// Imports a document.
pub fn import(path: &Path, bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    let mut tables = read_tables(path, bytes)?;
    let given = options.rules.clone().unwrap_or_default();
    // A table that lies in a document with nothing in it is only its text.
    let count = tables.iter().filter(|t| !t.rows.is_empty()).count();
    if count == 0 || tables.iter().all(Table::is_empty) {
        return Err(ImportError::NoTable {
            path: path.to_path_buf(),
        });
    }
    let mut above_all: Vec<String> = Vec::new();
    let mut chosen: Vec<(usize, Table, Layout)> = Vec::new();
    let mut skipped = Vec::new();
    let mut n = 0;
    for table in tables.drain(..) {
        if table.rows.is_empty() {
            above_all.extend(table.above);
            continue;
        }
        n += 1;
        if options.table.is_some_and(|t| t != n) {
            // The text above a table left out still belongs to the document.
            above_all.extend(table.above);
            continue;
        }
        let layout = layout::detect(&table, given.header_row.map(|r| r - 1), given.header_rows)
            .map(|l| apply(l, &given));
        match layout {
            Some(l) => chosen.push((n, table, l)),
            None => {
                above_all.extend(table.above.iter().cloned());
                skipped.push(n);
            }
        }
    }
    if let Some(asked) = options.table.filter(|&t| t == 0 || t > count) {
        return Err(ImportError::NoSuchTable {
            path: path.to_path_buf(),
            asked,
            tables: count,
        });
    }
    if chosen.is_empty() {
        return Err(ImportError::NoHeader {
            path: path.to_path_buf(),
            tables: count,
        });
    }
    let source = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut report = Report {
        source: source.clone(),
        tables: count,
        read: chosen.iter().map(|(n, _, _)| *n).collect(),
        skipped,
        ..Report::default()
    };
    // The text above the first table read (with the rows above its header)
    // is the roadmap's header; above later tables, a section's title.
    let mut preamble_lines = above_all;
    let mut read_tables = Vec::new();
    let headings: Vec<String> = chosen
        .first()
        .map(|(_, _, l)| l.columns.iter().map(|c| c.heading.clone()).collect())
        .unwrap_or_default();
    // Several tables (or one that is not the document's first) each begin
    // a section: the heading right above the table names it.
    let sectioned = chosen.len() > 1 || options.table.is_some_and(|t| t > 1);
    let mut elsewhere: Vec<String> = Vec::new();
    for (i, (n, table, layout)) in chosen.into_iter().enumerate() {
        let mut above = table.above.clone();
        for r in 0..layout.first {
            let line: Vec<String> = table.rows[r]
                .iter()
                .map(|c| c.own().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            if !line.is_empty() {
                above.push(line.join(" "));
            }
        }
        let mut read = rows::read(&table, &layout);
        report.rows += read.rows;
        if sectioned && !matches!(read.items.first(), Some(rows::Item::Section(_))) {
            // Above the first table the title may be the only line.
            let own = if i == 0 {
                preamble_lines.len() + above.len() >= 2
            } else {
                true
            };
            let heading = above
                .last()
                .filter(|l| own && !preamble::is_title(l))
                .cloned();
            if heading.is_some() {
                above.pop();
            }
            let (number, title) = match heading {
                Some(h) => rows::section_heading(&h),
                None => (None, format!("Таблица {n}")),
            };
            read.items.insert(
                0,
                rows::Item::Section(rows::Section {
                    counted: number.is_none(),
                    number: number.unwrap_or_else(|| n.to_string()),
                    title,
                }),
            );
        }
        if i == 0 {
            preamble_lines.extend(above);
        } else {
            elsewhere.extend(above);
        }
        read_tables.push((layout, read.items));
    }
    if read_tables.iter().all(|(_, items)| items.is_empty()) {
        return Err(ImportError::NoRows {
            path: path.to_path_buf(),
        });
    }
    let mut preamble = preamble::read(&preamble_lines);
    // Text between later tables, word for word, with the rest.
    preamble.rest.extend(elsewhere);
    let (period, from_dates) = match (&given.period, preamble.years) {
        (Some(p), _) => (Some(p.clone()), false),
        (None, Some(y)) => (Some(years_text(y)), false),
        (None, None) => (timing_years(&read_tables).map(years_text), true),
    };
    let mut parties = parties::Parties::default();
    for (id, name) in &given.parties {
        parties.given.insert(name.clone(), id.clone());
    }
    let first_layout = read_tables.first().map(|(l, _)| l.clone());
    let text = write::write(
        write::Input {
            source: &source,
            preamble,
            period: period.clone(),
            period_from_dates: from_dates,
            owner: given.owner.clone(),
            tables: read_tables,
            parties: parties.clone(),
            latin_ids: options.latin_ids,
        },
        &mut report,
    );
    let guessed = Rules {
        header_row: first_layout.as_ref().map(|l| l.first + 1),
        header_rows: first_layout.as_ref().map(|l| l.rows),
        columns: first_layout
            .map(|l| {
                l.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i + 1, c.field, c.year))
                    .collect()
            })
            .unwrap_or_default(),
        period,
        owner: given.owner.clone(),
        parties: party_rules(&text),
    };
    Ok(Imported {
        text,
        report,
        rules: guessed,
        headings,
    })
}

/// The parties as the written text declares them.
fn party_rules(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("участник "))
        .filter_map(|l| l.split_once(": "))
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect()
}

/// The columns a rules file names replace the guessed ones.
fn apply(mut layout: Layout, rules: &Rules) -> Layout {
    for &(col, field, year) in &rules.columns {
        while layout.columns.len() < col {
            layout.columns.push(layout::Column {
                field: columns::Field::Note,
                year: None,
                heading: String::new(),
                label: None,
            });
        }
        let c = &mut layout.columns[col - 1];
        c.field = field;
        c.year = year;
        c.label =
            (field == columns::Field::Note && !c.heading.is_empty()).then(|| c.heading.clone());
    }
    layout
}

fn years_text((a, b): (i32, i32)) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// The first and last year the timing cells name.
fn timing_years(tables: &[(Layout, Vec<rows::Item>)]) -> Option<(i32, i32)> {
    let mut range: Option<(i32, i32)> = None;
    for (layout, items) in tables {
        for item in items {
            let rows::Item::Activity(a) = item else {
                continue;
            };
            for (c, col) in layout.columns.iter().enumerate() {
                let found = match (col.field, col.year) {
                    (_, Some(y)) => Some((y, y)),
                    (columns::Field::When, None) => a.text(c).and_then(preamble::years),
                    _ => None,
                };
                if let Some((lo, hi)) = found {
                    range = Some(range.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
                }
            }
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that are no document, under every name: an error, never a panic.
    #[test]
    fn garbage_under_every_name_is_an_error() {
        let garbage: [&[u8]; 4] = [
            b"",
            b"PK\x03\x04 not a zip",
            b"\xff\xfe\x00",
            b"\xd0\xcf\x11\xe0",
        ];
        for name in [
            "a.docx", "a.xlsx", "a.ods", "a.csv", "a.tsv", "a.txt", "a.doc", "a.xls", "a",
        ] {
            for bytes in garbage {
                let result = import(Path::new(name), bytes, &Options::default());
                assert!(result.is_err(), "{name} {bytes:?}");
            }
        }
    }

    #[test]
    fn a_table_of_one_cell_or_one_row_is_reported_not_a_panic() {
        let path = Path::new("t.csv");
        assert!(matches!(
            import(path, b"x\n", &Options::default()),
            Err(ImportError::NoHeader { .. })
        ));
        let header_only = "№;Мероприятие;Срок\n".as_bytes();
        assert!(matches!(
            import(path, header_only, &Options::default()),
            Err(ImportError::NoRows { .. })
        ));
        let rules = Rules {
            header_row: Some(99),
            ..Rules::default()
        };
        let options = Options {
            rules: Some(rules),
            ..Options::default()
        };
        assert!(import(path, header_only, &options).is_err());
    }
}
