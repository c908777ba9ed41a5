//! A rules file for tables of a recurring layout, in the spirit of
//! hledger's CSV rules: which row is the header, which column holds which
//! field, the ids of parties with long names, the period, the owner.
//! `roadmap import --print-rules` writes the rules the import guessed.
//!
//! ```text
//! строка заголовка: 3
//! колонка 1: номер
//! колонка 2: мероприятие
//! колонка 4: срок 2021
//! период: 2022
//! участник ОтделОбр: Отдел образования
//! ```

use super::columns::{self, Field};
use crate::lang::Lang;
use std::path::{Path, PathBuf};

/// What a rules file fixes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// The header's first row, from 1.
    pub header_row: Option<usize>,
    pub header_rows: Option<usize>,
    /// (column from 1, field, year).
    pub columns: Vec<(usize, Field, Option<i32>)>,
    pub period: Option<String>,
    pub owner: Option<String>,
    /// (id, full name).
    pub parties: Vec<(String, String)>,
}

/// A line of a rules file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}:{column}: {}", path.display(), kind.message(Lang::En))]
pub struct RulesError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub kind: RulesErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesErrorKind {
    UnknownKey(String),
    NotANumber(String),
    UnknownField(String),
    NoColon,
}

impl RulesErrorKind {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::UnknownKey(k), Lang::Ru) => format!("Правила не знают строки «{k}»"),
            (Self::UnknownKey(k), Lang::En) => format!("A rules file has no line `{k}`"),
            (Self::NotANumber(v), Lang::Ru) => format!("«{v}» — не номер строки или колонки"),
            (Self::NotANumber(v), Lang::En) => format!("`{v}` is not a row or column number"),
            (Self::UnknownField(v), Lang::Ru) => format!("Поля «{v}» нет"),
            (Self::UnknownField(v), Lang::En) => format!("There is no field `{v}`"),
            (Self::NoColon, Lang::Ru) => "После слова правила нужно двоеточие и значение".into(),
            (Self::NoColon, Lang::En) => "A rule is a key, a colon and a value".into(),
        }
    }

    pub fn help(&self, lang: Lang) -> String {
        let fields: Vec<&str> = columns::NAMES
            .iter()
            .map(|(_, ru, en)| if lang == Lang::Ru { *ru } else { *en })
            .collect();
        match (self, lang) {
            (Self::UnknownKey(_) | Self::NoColon, Lang::Ru) => "Строки правил: «строка заголовка: N», «строк в заголовке: N», «колонка N: поле», «период: …», «владелец: …», «участник ID: полное имя»; «#» — комментарий".into(),
            (Self::UnknownKey(_) | Self::NoColon, Lang::En) => "Rules are `header row: N`, `header rows: N`, `column N: field`, `period: …`, `owner: …`, `party ID: full name`; `#` starts a comment".into(),
            (Self::NotANumber(_), Lang::Ru) => "Строки и колонки считаются с 1: «колонка 3: срок»".into(),
            (Self::NotANumber(_), Lang::En) => "Rows and columns count from 1: `column 3: when`".into(),
            (Self::UnknownField(_), Lang::Ru) => format!("Поля: {}; за полем может стоять год: «срок 2021»", fields.join(", ")),
            (Self::UnknownField(_), Lang::En) => format!("Fields: {}; a year may follow a field: `when 2021`", fields.join(", ")),
        }
    }
}

impl RulesError {
    /// The error as `check` shows one: where, the line, what and how to fix.
    pub fn render(&self, lang: Lang) -> String {
        let what = if lang == Lang::Ru {
            "ошибка"
        } else {
            "error"
        };
        let help = if lang == Lang::Ru {
            "подсказка"
        } else {
            "help"
        };
        format!(
            "{what}: {}\n  --> {}:{}:{}\n   |\n{:>3} | {}\n   |\n  {help}: {}\n",
            self.kind.message(lang),
            self.path.display(),
            self.line,
            self.column,
            self.line,
            self.text,
            self.kind.help(lang)
        )
    }
}

const HEADER_ROW: &[&str] = &["строка заголовка", "header row"];
const HEADER_ROWS: &[&str] = &["строк в заголовке", "header rows"];
const COLUMN: &[&str] = &["колонка", "column"];
const PERIOD: &[&str] = &["период", "period"];
const OWNER: &[&str] = &["владелец", "owner"];
const PARTY: &[&str] = &["участник", "party"];

/// The rest of `key` after one of `words` (compared in lower case), cut at
/// a character boundary of `key` itself.
fn strip<'a>(key: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| {
        let n = w.chars().count();
        let end = key.char_indices().nth(n).map_or(key.len(), |(b, _)| b);
        let head = &key[..end];
        (head.chars().count() == n && head.to_lowercase() == *w).then(|| key[end..].trim())
    })
}

/// Reads a rules file's text.
pub fn parse(path: &Path, text: &str) -> Result<Rules, RulesError> {
    let mut rules = Rules::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let error = |kind: RulesErrorKind, at: usize| RulesError {
            path: path.to_path_buf(),
            line: i + 1,
            column: raw[..at.min(raw.len())].chars().count() + 1,
            text: raw.to_string(),
            kind,
        };
        let Some((key, value)) = line.split_once(':') else {
            return Err(error(RulesErrorKind::NoColon, indent));
        };
        let value_at = indent + key.len() + 1 + (value.len() - value.trim_start().len());
        let (key, value) = (key.trim(), value.trim());
        let count = |v: &str, at: usize, least: usize| -> Result<usize, RulesError> {
            v.parse::<usize>()
                .ok()
                .filter(|n| *n >= least)
                .ok_or_else(|| error(RulesErrorKind::NotANumber(v.to_string()), at))
        };
        let number = |v: &str, at: usize| count(v, at, 1);
        if strip(key, HEADER_ROWS).is_some_and(str::is_empty) {
            // 0: the table has no header, the rules name every column.
            rules.header_rows = Some(count(value, value_at, 0)?);
        } else if strip(key, HEADER_ROW).is_some_and(str::is_empty) {
            rules.header_row = Some(number(value, value_at)?);
        } else if let Some(n) = strip(key, COLUMN) {
            let col = number(n, indent + key.len() - n.len())?;
            let (name, year) = match value.rsplit_once(' ') {
                Some((f, y)) if columns::year_of(y).is_some() => (f, columns::year_of(y)),
                _ => (value, None),
            };
            let field = columns::by_name(name)
                .ok_or_else(|| error(RulesErrorKind::UnknownField(value.to_string()), value_at))?;
            rules.columns.push((col, field, year));
        } else if strip(key, PERIOD).is_some_and(str::is_empty) {
            rules.period = Some(value.to_string());
        } else if strip(key, OWNER).is_some_and(str::is_empty) {
            rules.owner = Some(value.to_string());
        } else if let Some(id) = strip(key, PARTY).filter(|id| !id.is_empty()) {
            rules.parties.push((id.to_string(), value.to_string()));
        } else {
            return Err(error(RulesErrorKind::UnknownKey(key.to_string()), indent));
        }
    }
    Ok(rules)
}

/// Writes rules as a file a person edits; `headings` are the columns'
/// headings, kept as comments.
pub fn print(rules: &Rules, headings: &[String]) -> String {
    let mut out =
        String::from("# Правила импорта (roadmap import --rules ФАЙЛ ТАБЛИЦА).\n# Поля колонок: ");
    let names: Vec<&str> = columns::NAMES.iter().map(|(_, ru, _)| *ru).collect();
    out.push_str(&names.join(", "));
    out.push_str(".\n");
    if let Some(r) = rules.header_row {
        out.push_str(&format!("строка заголовка: {r}\n"));
    }
    if let Some(r) = rules.header_rows {
        out.push_str(&format!("строк в заголовке: {r}\n"));
    }
    for (col, field, year) in &rules.columns {
        if let Some(h) = headings.get(col - 1).filter(|h| !h.is_empty()) {
            out.push_str(&format!("# {}\n", super::table::one_line(h)));
        }
        let year = year.map(|y| format!(" {y}")).unwrap_or_default();
        out.push_str(&format!("колонка {col}: {}{year}\n", columns::name(*field)));
    }
    if let Some(p) = &rules.period {
        out.push_str(&format!("период: {p}\n"));
    }
    if let Some(o) = &rules.owner {
        out.push_str(&format!("владелец: {o}\n"));
    }
    for (id, name) in &rules.parties {
        out.push_str(&format!("участник {id}: {name}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_in_russian_and_english_read_the_same() {
        let ru = "# мои правила\nстрока заголовка: 3\nстрок в заголовке: 2\nколонка 1: номер\nколонка 4: срок 2021\nпериод: 2020–2022\nвладелец: ОтделОбр\nучастник ОтделОбр: Отдел образования, молодёжи и спорта\n";
        let en = "header row: 3\nheader rows: 2\ncolumn 1: number\ncolumn 4: when 2021\nperiod: 2020–2022\nowner: ОтделОбр\nparty ОтделОбр: Отдел образования, молодёжи и спорта\n";
        let a = parse(Path::new("r"), ru).unwrap();
        assert_eq!(a, parse(Path::new("r"), en).unwrap());
        assert_eq!(a.header_row, Some(3));
        assert_eq!(
            a.columns,
            [(1, Field::Number, None), (4, Field::When, Some(2021))]
        );
        assert_eq!(a.parties[0].1, "Отдел образования, молодёжи и спорта");
        assert_eq!(parse(Path::new("r"), &print(&a, &[])).unwrap(), a);
    }

    #[test]
    fn a_wrong_line_says_where_and_what() {
        let err = parse(
            Path::new("r.rules"),
            "колонка 2: мероприятие\nколонка 3: сроки\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert_eq!(err.kind, RulesErrorKind::UnknownField("сроки".into()));
        assert!(err.render(Lang::Ru).contains("r.rules:2:12"));
        let err = parse(Path::new("r"), "колонка x: срок\n").unwrap_err();
        assert_eq!(err.kind, RulesErrorKind::NotANumber("x".into()));
        let err = parse(Path::new("r"), "İİİİİİİ 1: срок\n").unwrap_err();
        assert!(matches!(err.kind, RulesErrorKind::UnknownKey(_)));
        let err = parse(Path::new("r"), "столбец 1: срок\n").unwrap_err();
        assert_eq!(err.kind, RulesErrorKind::UnknownKey("столбец 1".into()));
    }
}
