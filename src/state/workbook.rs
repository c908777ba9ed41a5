//! The regional roll-up as an Excel workbook (`roadmap status DIR --format
//! xlsx`), for the official who sorts, filters and prints it: a sheet of the
//! schools (the most behind first), one of the schools without a plan, one of
//! the template's mandatory activities. Shares are numbers formatted as per
//! cent, dates Excel dates.

use super::helpers::late;
use super::rollup::{Rollup, TemplateRollup};
use crate::lang::Lang;
use crate::render::xlsx::{cell_format, excel_date, header_format, title_format};
use crate::render::Error;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

struct Formats {
    title: Format,
    header: Format,
    cell: Format,
    number: Format,
    share: Format,
    date: Format,
    bad: Format,
    muted: Format,
}

fn formats() -> Formats {
    let cell = cell_format();
    Formats {
        title: title_format(),
        header: header_format(),
        number: cell.clone().set_align(FormatAlign::Right),
        share: cell.clone().set_num_format("0.0%"),
        date: cell.clone().set_num_format("dd.mm.yyyy"),
        bad: cell.clone().set_font_color("#C00000").set_bold(),
        muted: cell.clone().set_italic().set_font_color("#5F6B7A"),
        cell,
    }
}

fn say(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The title, the date line, and the header row at `row`; frozen under it,
/// printed landscape on A4, one page wide.
fn head(
    sheet: &mut Worksheet,
    f: &Formats,
    title: &str,
    facts: &str,
    header: &[(&str, f64)],
) -> Result<u32, XlsxError> {
    let last = header.len().saturating_sub(1) as u16;
    sheet.merge_range(0, 0, 0, last, title, &f.title)?;
    sheet.set_row_height(0, 40)?;
    sheet.merge_range(1, 0, 1, last, facts, &Format::new().set_text_wrap())?;
    for (col, (name, width)) in (0u16..).zip(header) {
        sheet.write_string_with_format(3, col, *name, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(4, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(3, 3)?;
    Ok(4)
}

fn schools(
    sheet: &mut Worksheet,
    f: &Formats,
    t: &TemplateRollup,
    title: &str,
    facts: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut header = vec![(say(lang, "Школа", "School"), 40.0)];
    header.extend([
        (say(lang, "Просрочено", "Overdue"), 12.0),
        (say(lang, "Срок наступил", "Due"), 12.0),
        (say(lang, "Выполнено в срок", "Done on time"), 12.0),
        (say(lang, "Выполнено с опозданием", "Done late"), 12.0),
        (
            say(lang, "Доля выполненных в срок", "Share done on time"),
            12.0,
        ),
        (say(lang, "Своих мероприятий", "Own activities"), 12.0),
        (
            say(lang, "Просроченные мероприятия", "Overdue activities"),
            60.0,
        ),
    ]);
    let mut row = head(sheet, f, title, facts, &header)?;
    for s in &t.schools {
        sheet.write_string_with_format(row, 0, &s.school, &f.cell)?;
        let overdue = if s.counts.overdue > 0 {
            &f.bad
        } else {
            &f.number
        };
        sheet.write_number_with_format(row, 1, s.counts.overdue as f64, overdue)?;
        sheet.write_number_with_format(row, 2, s.counts.due as f64, &f.number)?;
        sheet.write_number_with_format(row, 3, s.counts.done_on_time as f64, &f.number)?;
        sheet.write_number_with_format(row, 4, s.counts.done_late as f64, &f.number)?;
        match s.counts.share_on_time {
            Some(x) => sheet.write_number_with_format(row, 5, x, &f.share)?,
            None => sheet.write_string_with_format(row, 5, "—", &f.number)?,
        };
        sheet.write_number_with_format(row, 6, s.own as f64, &f.number)?;
        let list: Vec<String> = s
            .overdue
            .iter()
            .map(|o| {
                let days = o.days_late.map(|d| late(d, lang)).unwrap_or_default();
                format!("{}. {} — {days}", o.number, o.title)
            })
            .collect();
        sheet.write_string_with_format(row, 7, list.join("\n"), &f.cell)?;
        row += 1;
    }
    sheet.autofilter(3, 0, row.saturating_sub(1).max(3), 7)?;
    Ok(())
}

fn without_plan(
    sheet: &mut Worksheet,
    f: &Formats,
    t: &TemplateRollup,
    title: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let facts = match lang {
        Lang::Ru => format!(
            "Нет плана: {} из {} (по списку {})",
            t.no_plan.len(),
            t.listed.unwrap_or(0),
            t.data.as_deref().unwrap_or("")
        ),
        Lang::En => format!(
            "No plan: {} of {} (as listed in {})",
            t.no_plan.len(),
            t.listed.unwrap_or(0),
            t.data.as_deref().unwrap_or("")
        ),
    };
    let header = [("№", 6.0), (say(lang, "Школа", "School"), 60.0)];
    let first = head(sheet, f, title, &facts, &header)?;
    for (row, school) in (first..).zip(&t.no_plan) {
        sheet.write_number_with_format(row, 0, f64::from(row - first + 1), &f.number)?;
        sheet.write_string_with_format(row, 1, school, &f.cell)?;
    }
    Ok(())
}

fn activities(
    sheet: &mut Worksheet,
    f: &Formats,
    t: &TemplateRollup,
    title: &str,
    facts: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let header = [
        ("№", 6.0),
        (say(lang, "Мероприятие", "Activity"), 50.0),
        (say(lang, "Срок", "Due"), 12.0),
        (say(lang, "Выполнили", "Completed"), 11.0),
        (say(lang, "Из", "Of"), 8.0),
        (say(lang, "Доля выполненных", "Share done"), 12.0),
        (say(lang, "Выполнено с опозданием", "Done late"), 12.0),
        (say(lang, "Просрочили", "Behind"), 40.0),
    ];
    let first = head(sheet, f, title, facts, &header)?;
    for (row, a) in (first..).zip(&t.activities) {
        sheet.write_string_with_format(row, 0, &a.number, &f.cell)?;
        sheet.write_string_with_format(row, 1, &a.title, &f.cell)?;
        match a.due_last {
            Some(d) => sheet.write_datetime_with_format(row, 2, excel_date(d)?, &f.date)?,
            None => sheet.write_blank(row, 2, &f.cell)?,
        };
        if a.not_yet_due {
            sheet.merge_range(
                row,
                3,
                row,
                6,
                say(lang, "срок не наступил", "not yet due"),
                &f.muted,
            )?;
        } else {
            sheet.write_number_with_format(row, 3, a.completed as f64, &f.number)?;
            sheet.write_number_with_format(row, 4, a.expected as f64, &f.number)?;
            match a.share_completed {
                Some(x) => sheet.write_number_with_format(row, 5, x, &f.share)?,
                None => sheet.write_string_with_format(row, 5, "—", &f.number)?,
            };
            sheet.write_number_with_format(row, 6, a.states.done_late as f64, &f.number)?;
        }
        let behind: Vec<String> = a
            .behind
            .iter()
            .map(|b| {
                let days = b.days_late.map(|d| late(d, lang)).unwrap_or_default();
                format!("{} — {days}", b.school)
            })
            .collect();
        sheet.write_string_with_format(row, 7, behind.join("\n"), &f.bad)?;
    }
    Ok(())
}

/// The workbook of the roll-up: per template, its schools, the schools
/// without a plan (when a data table was read) and its mandatory activities.
pub fn render(rollup: &Rollup) -> Result<Vec<u8>, Error> {
    let lang = if rollup.lang == "ru" {
        Lang::Ru
    } else {
        Lang::En
    };
    let make = || -> Result<Vec<u8>, XlsxError> {
        let f = formats();
        let mut book = Workbook::new();
        let date = crate::render::text::date_long(rollup.as_of, lang);
        let facts = match (lang, rollup.period_ended) {
            (Lang::Ru, Some(end)) => format!(
                "По состоянию на {date} (период закончился {})",
                crate::render::text::date_short(end, lang)
            ),
            (Lang::En, Some(end)) => format!(
                "As of {date} (period ended {})",
                crate::render::text::date_short(end, lang)
            ),
            (Lang::Ru, None) => format!("По состоянию на {date}"),
            (Lang::En, None) => format!("As of {date}"),
        };
        let many = rollup.templates.len() > 1;
        for (i, t) in rollup.templates.iter().enumerate() {
            let title = rollup
                .heading
                .clone()
                .or_else(|| t.heading.clone())
                .unwrap_or_else(|| t.file.clone());
            let name = |base: &str| {
                if many {
                    format!("{base} {}", i + 1)
                } else {
                    base.to_string()
                }
            };
            let facts = format!(
                "{facts}; {}: {}{}, {}: {}",
                say(lang, "планов", "plans"),
                t.plans,
                t.listed
                    .map(|n| format!(" {} {n}", say(lang, "из", "of")))
                    .unwrap_or_default(),
                say(lang, "отстают от плана", "behind schedule"),
                t.plans_behind
            );
            let sheet = book
                .add_worksheet()
                .set_name(name(say(lang, "Школы", "Schools")))?;
            schools(sheet, &f, t, &title, &facts, lang)?;
            if t.listed.is_some() {
                let sheet =
                    book.add_worksheet()
                        .set_name(name(say(lang, "Нет плана", "No plan")))?;
                without_plan(sheet, &f, t, &title, lang)?;
            }
            let sheet =
                book.add_worksheet()
                    .set_name(name(say(lang, "Мероприятия", "Activities")))?;
            activities(sheet, &f, t, &title, &facts, lang)?;
        }
        if rollup.templates.is_empty() {
            let sheet = book.add_worksheet();
            sheet.write_string(
                0,
                0,
                say(
                    lang,
                    "Нечего сводить: в папке нет планов, расширяющих шаблон.",
                    "Nothing to roll up: the folder holds no plan extending a template.",
                ),
            )?;
        }
        book.save_to_buffer()
    };
    make().map_err(|e| Error::Output {
        what: "xlsx",
        message: e.to_string(),
    })
}
