//! A form as an Excel workbook: the sheet a school fills in (a drop-down for
//! the state, date cells checked against the activity's dates, number cells
//! for actual values; every other cell locked by a protection without a
//! password) and a hidden sheet that names the plan, its version and the
//! activity of every row.

use super::layout::*;
use super::{Form, Mark, Row};
use crate::render::xlsx::{cell_format, excel_date};
use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

struct Formats {
    title: Format,
    note: Format,
    header: Format,
    locked: Format,
    open: Format,
    open_date: Format,
    open_number: Format,
}

fn formats() -> Formats {
    let cell = cell_format();
    let open = cell.clone().set_unlocked().set_background_color("#FFF2CC");
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        note: Format::new(),
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color("#D9E1F2")
            .set_border(FormatBorder::Thin),
        locked: cell.set_background_color("#F2F2F2"),
        open_date: open.clone().set_num_format("dd.mm.yyyy"),
        open_number: open.clone().set_num_format("General"),
        open,
    }
}

/// The workbook's bytes.
pub fn render(form: &Form) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let f = formats();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    write_visible(sheet, form, &f)?;
    let meta = workbook.add_worksheet();
    meta.set_name(META)?;
    write_meta(meta, form)?;
    meta.set_hidden(true);
    workbook.save_to_buffer()
}

fn write_visible(sheet: &mut Worksheet, form: &Form, f: &Formats) -> Result<(), XlsxError> {
    for (col, (_, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.write_string_with_format(0, 0, "Отчёт о выполнении дорожной карты", &f.title)?;
    sheet.write_string_with_format(1, 0, &form.title, &f.note)?;
    let mut line = form.subject.clone().unwrap_or_default();
    if let Some(as_of) = form.as_of {
        if !line.is_empty() {
            line.push_str(" — ");
        }
        line.push_str(&format!("мероприятия со сроком по {}", dmy(as_of)));
    }
    sheet.write_string_with_format(2, 0, &line, &f.note)?;
    sheet.write_string_with_format(
        3,
        0,
        "Заполните жёлтые ячейки: отметку (из списка), дату, документ, фактическое значение, комментарий. \
         Верните файл, не меняя остальные ячейки.",
        &f.note,
    )?;
    for (col, (name, _)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *name, &f.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    sheet.set_freeze_panes(FIRST_ROW, 2)?;
    // Printed landscape on A4, as wide as the page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let states: Vec<&str> = Mark::ALL.iter().map(|m| m.ru()).collect();
    let state_rule = DataValidation::new()
        .allow_list_strings(&states)?
        .set_error_title("Отметка")?
        .set_error_message(
            "Выберите отметку из списка: выполнено, начато, не выполнено, отменено, перенесено",
        )?;
    let number_rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e12, 1e12))
        .set_error_title("Фактическое значение")?
        .set_error_message("Введите число: 85 или 12,5")?;
    for (i, row) in form.rows.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        write_row(sheet, r, row, f)?;
        sheet.set_row_height(r, height(row))?;
        if row.first {
            sheet.add_data_validation(r, STATE, r, STATE, &state_rule)?;
            let (from, to) = row.allowed;
            if from != NaiveDate::MIN && to != NaiveDate::MAX {
                let rule = DataValidation::new()
                    .allow_date(DataValidationRule::Between(
                        excel_date(from)?,
                        excel_date(to)?,
                    ))
                    .set_input_message(format!(
                        "Дата выполнения (начала, отмены, нового срока) с {} по {}",
                        dmy(from),
                        dmy(to)
                    ))?
                    .set_error_title("Дата")?
                    .set_error_message(format!(
                        "Введите дату с {} по {} в виде ДД.ММ.ГГГГ",
                        dmy(from),
                        dmy(to)
                    ))?;
                sheet.add_data_validation(r, DATE, r, DATE, &rule)?;
            }
        }
        if row.indicator.is_some() {
            sheet.add_data_validation(r, ACTUAL, r, ACTUAL, &number_rule)?;
        }
    }
    // Without a password: a cell that must be fixed can be, and nothing is lost.
    sheet.protect();
    Ok(())
}

/// A row tall enough for its wrapped texts: spreadsheets do not grow a row
/// for wrapped text written by a program until it is edited.
fn height(row: &Row) -> f64 {
    let lines = |text: &str, column: u16| {
        let width = COLUMNS[column as usize].1;
        (text.chars().count() as f64 / (width * 1.1))
            .ceil()
            .max(1.0)
    };
    let indicator = row.indicator.as_ref().map_or("", |(_, t)| t.as_str());
    let most = [
        lines(&row.title, TITLE),
        lines(&row.timing, TIMING),
        lines(&row.responsible, RESPONSIBLE),
        lines(indicator, INDICATOR),
        lines(
            row.known.as_ref().map_or("", |k| k.document.as_str()),
            DOCUMENT,
        ),
    ]
    .into_iter()
    .fold(1.0, f64::max);
    15.0 * most.min(8.0)
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &Row, f: &Formats) -> Result<(), XlsxError> {
    sheet.write_string_with_format(r, NUMBER, &row.activity, &f.locked)?;
    let (title, timing, responsible) = if row.first {
        (
            row.title.as_str(),
            row.timing.as_str(),
            row.responsible.as_str(),
        )
    } else {
        ("", "", "")
    };
    sheet.write_string_with_format(r, TITLE, title, &f.locked)?;
    sheet.write_string_with_format(r, TIMING, timing, &f.locked)?;
    sheet.write_string_with_format(r, RESPONSIBLE, responsible, &f.locked)?;
    let indicator = row.indicator.as_ref().map_or("", |(_, t)| t.as_str());
    sheet.write_string_with_format(r, INDICATOR, indicator, &f.locked)?;
    if row.first {
        match &row.known {
            Some(k) => {
                sheet.write_string_with_format(r, STATE, k.mark.ru(), &f.open)?;
                match k.date {
                    Some(d) => {
                        sheet.write_datetime_with_format(r, DATE, excel_date(d)?, &f.open_date)?
                    }
                    None => sheet.write_blank(r, DATE, &f.open_date)?,
                };
                sheet.write_string_with_format(r, DOCUMENT, &k.document, &f.open)?;
            }
            None => {
                sheet.write_blank(r, STATE, &f.open)?;
                sheet.write_blank(r, DATE, &f.open_date)?;
                sheet.write_blank(r, DOCUMENT, &f.open)?;
            }
        }
        sheet.write_blank(r, COMMENT, &f.open)?;
    } else {
        for col in [STATE, DATE, DOCUMENT, COMMENT] {
            sheet.write_blank(r, col, &f.locked)?;
        }
    }
    if row.indicator.is_some() {
        sheet.write_blank(r, ACTUAL, &f.open_number)?;
    } else {
        sheet.write_blank(r, ACTUAL, &f.locked)?;
    }
    Ok(())
}

fn write_meta(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, MAGIC)?;
    sheet.write_number(0, 1, f64::from(VERSION))?;
    sheet.write_string(META_PLAN, 0, "plan")?;
    sheet.write_string(META_PLAN, 1, &form.plan)?;
    sheet.write_string(META_HASH, 0, "hash")?;
    sheet.write_string(META_HASH, 1, &form.hash)?;
    sheet.write_string(META_AS_OF, 0, "as_of")?;
    sheet.write_string(
        META_AS_OF,
        1,
        form.as_of.map(|d| d.to_string()).unwrap_or_default(),
    )?;
    for (i, row) in form.rows.iter().enumerate() {
        let r = META_ROWS + i as u32;
        sheet.write_number(r, ROW_SHEET_ROW, f64::from(FIRST_ROW + i as u32 + 1))?;
        sheet.write_string(r, ROW_ACTIVITY, &row.activity)?;
        if let Some((n, _)) = &row.indicator {
            sheet.write_number(r, ROW_INDICATOR, *n as f64)?;
        }
        if row.first {
            sheet.write_string(r, ROW_TITLE, &row.title)?;
            sheet.write_string(r, ROW_TIMING, &row.timing)?;
        }
        let (from, to) = row.allowed;
        if from != NaiveDate::MIN && to != NaiveDate::MAX {
            sheet.write_string(r, ROW_FROM, from.to_string())?;
            sheet.write_string(r, ROW_TO, to.to_string())?;
        }
    }
    Ok(())
}
