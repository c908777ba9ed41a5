//! Where everything stands in a form: the visible sheet's columns and the
//! hidden sheet's records. The writer and the reader both go by these, so a
//! form written by one version is read by the same rules.

/// The sheet a school fills in.
pub const SHEET: &str = "Отметки";
/// The hidden sheet: which plan, which version, which activity on which row.
pub const META: &str = "roadmap";
/// The first cell of the hidden sheet says what the file is.
pub const MAGIC: &str = "roadmap-form";
pub const VERSION: u32 = 1;

/// Rows above the table: title, school, date, notes, header.
pub const HEADER_ROW: u32 = 4;
pub const FIRST_ROW: u32 = HEADER_ROW + 1;

/// The visible sheet's columns, left to right.
pub const NUMBER: u16 = 0;
pub const TITLE: u16 = 1;
pub const TIMING: u16 = 2;
pub const RESPONSIBLE: u16 = 3;
pub const INDICATOR: u16 = 4;
pub const STATE: u16 = 5;
pub const DATE: u16 = 6;
pub const DOCUMENT: u16 = 7;
pub const ACTUAL: u16 = 8;
pub const COMMENT: u16 = 9;

/// Column headers and widths.
pub const COLUMNS: [(&str, f64); 10] = [
    ("№", 7.0),
    ("Мероприятие", 48.0),
    ("Срок", 18.0),
    ("Ответственные", 16.0),
    ("Показатель", 30.0),
    ("Отметка о выполнении", 16.0),
    ("Дата", 12.0),
    ("Подтверждающий документ", 32.0),
    ("Фактическое значение", 14.0),
    ("Комментарий", 32.0),
];

/// The hidden sheet: `key | value` lines, then from [`META_ROWS`] one line
/// per row of the visible sheet.
pub const META_PLAN: u32 = 1;
pub const META_HASH: u32 = 2;
pub const META_AS_OF: u32 = 3;
pub const META_ROWS: u32 = 5;

/// Columns of a row's record in the hidden sheet.
pub const ROW_SHEET_ROW: u16 = 0;
pub const ROW_ACTIVITY: u16 = 1;
/// The indicator's position among the activity's targets, or empty.
pub const ROW_INDICATOR: u16 = 2;
/// The title and timing as written, to tell a locked cell that was changed.
pub const ROW_TITLE: u16 = 3;
pub const ROW_TIMING: u16 = 4;
/// The first and last day a date cell accepts.
pub const ROW_FROM: u16 = 5;
pub const ROW_TO: u16 = 6;
