//! An Excel workbook: one sheet, the roadmap's title on top, a bold frozen
//! header, a shaded row per group with its activities outlined under it (so
//! Excel can fold a group), dates as Excel dates, a filter on the headings;
//! printed landscape on A4, fit to the page's width, the headings on every
//! page and «Страница N из M» in the footer.

use super::view::{Document, Row};
use super::{fields, labels, progress, text};
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The columns of every roadmap's sheet; a plan's has one more, where each
/// activity comes from.
const COLUMNS: u16 = 16;

/// A date as Excel stores it.
pub(crate) fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn lines(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("\n")
}

struct Formats {
    title: Format,
    meta: Format,
    header: Format,
    group: Format,
    cell: Format,
    critical: Format,
    /// A cancelled activity's title and progress, struck through.
    cancelled: Format,
    date: Format,
    number: Format,
}

/// The title row of every workbook the tool writes.
pub(crate) fn title_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(14)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// The header row of every table the tool writes to a workbook.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#D9E1F2")
        .set_border(FormatBorder::Thin)
}

/// The bordered, wrapped, top-aligned cell of every table the tool writes
/// to a workbook.
pub(crate) fn cell_format() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color("#BFBFBF")
}

fn formats() -> Formats {
    let cell = cell_format();
    Formats {
        title: title_format(),
        meta: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        header: header_format(),
        group: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color("#EDEDED")
            .set_border(FormatBorder::Thin),
        critical: cell.clone().set_font_color("#C00000").set_bold(),
        cancelled: cell
            .clone()
            .set_font_strikethrough()
            .set_font_color("#7F7F7F"),
        date: cell.clone().set_num_format("dd.mm.yyyy"),
        number: cell.clone().set_align(FormatAlign::Right),
        cell,
    }
}

/// The columns' headings (a plan's with «Источник», then progress's, at the
/// end); the CSV has the same after its group column.
pub fn header_cells(lang: Lang, plan: bool, progress: bool) -> Vec<String> {
    let l = labels(lang);
    let slack = match lang {
        Lang::Ru => "Резерв, дней",
        Lang::En => "Slack, days",
    };
    let written = match lang {
        Lang::Ru => "Срок (как в карте)",
        Lang::En => "When (as written)",
    };
    let mut cells: Vec<String> = [
        l["number"],
        l["activity"],
        written,
        l["dates"],
        l["start"],
        l["end"],
        l["responsible"],
        l["indicator"],
        l["result"],
        l["checkpoints"],
        l["notes"],
        slack,
        l["critical"],
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    cells.extend(fields::headings(lang));
    if plan {
        cells.push(l["origin"].to_string());
    }
    if progress {
        cells.extend(progress::headings(lang).map(str::to_string));
    }
    cells
}

/// The indicators and the results, the activity's then each stage's with
/// its label.
pub fn indicators_and_results(r: &Row<'_>, lang: Lang) -> (Vec<String>, Vec<String>) {
    let l = labels(lang);
    let mut indicators: Vec<String> = r.indicators.iter().map(|i| i.line()).collect();
    let mut results = r.results.clone();
    for s in &r.stages {
        let staged = |x: &String| format!("{} {}: {x}", l["stage"], s.label);
        indicators.extend(s.indicators.iter().map(|i| staged(&i.line())));
        results.extend(s.results.iter().map(staged));
    }
    (indicators, results)
}

/// The notes, the activity's then each stage's with its label.
pub fn notes(r: &Row<'_>, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut notes = r.notes.clone();
    for s in &r.stages {
        notes.extend(
            s.notes
                .iter()
                .map(|n| format!("{} {}: {n}", l["stage"], s.label)),
        );
    }
    notes
}

/// «да» / "yes" for an activity on the critical path, else nothing.
pub fn critical_cell(r: &Row<'_>, lang: Lang) -> &'static str {
    match (r.entry.critical, lang) {
        (true, Lang::Ru) => "да",
        (true, Lang::En) => "yes",
        (false, _) => "",
    }
}

/// The `срок:` cells as written, each stage's with its label.
pub fn stage_lines(r: &Row<'_>, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut timing: Vec<String> = Vec::new();
    if let Some(t) = &r.activity.facts.timing {
        timing.push(t.text.clone());
    }
    for s in &r.stages {
        if let Some(t) = &s.timing {
            timing.push(format!("{} {}: {t}", l["stage"], s.label));
        }
    }
    timing
}

#[allow(clippy::too_many_arguments)]
fn write_row(
    sheet: &mut Worksheet,
    at: u32,
    r: &Row<'_>,
    when: Option<&str>,
    f: &Formats,
    progress_columns: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    // With progress shown, a cancelled activity is struck through.
    let struck = progress_columns && r.is_cancelled;
    let title_format = if struck {
        &f.cancelled
    } else if r.entry.critical {
        &f.critical
    } else {
        &f.cell
    };
    let timing = stage_lines(r, lang);
    let (indicators, results) = indicators_and_results(r, lang);
    sheet.write_string_with_format(at, 0, r.entry.number.as_str(), &f.cell)?;
    sheet.write_string_with_format(at, 1, r.entry.title.as_str(), title_format)?;
    sheet.write_string_with_format(at, 2, lines(timing), &f.cell)?;
    sheet.write_string_with_format(at, 3, r.dates_cell(when, lang), &f.cell)?;
    match r.entry.start {
        Some(d) => sheet.write_datetime_with_format(at, 4, excel_date(d)?, &f.date)?,
        None => sheet.write_blank(at, 4, &f.date)?,
    };
    match r.entry.end {
        Some(d) => sheet.write_datetime_with_format(at, 5, excel_date(d)?, &f.date)?,
        None => sheet.write_blank(at, 5, &f.date)?,
    };
    sheet.write_string_with_format(
        at,
        6,
        lines(r.responsible.iter().map(|p| p.name.clone())),
        &f.cell,
    )?;
    sheet.write_string_with_format(at, 7, lines(indicators), &f.cell)?;
    sheet.write_string_with_format(at, 8, lines(results), &f.cell)?;
    sheet.write_string_with_format(
        at,
        9,
        lines(
            r.checkpoints
                .iter()
                .map(|c| format!("{} — {}", text::date_short(c.date, lang), c.text)),
        ),
        &f.cell,
    )?;
    sheet.write_string_with_format(at, 10, lines(notes(r, lang)), &f.cell)?;
    match r.entry.free_slack_days {
        Some(s) => sheet.write_number_with_format(at, 11, s as f64, &f.number)?,
        None => sheet.write_blank(at, 11, &f.number)?,
    };
    sheet.write_string_with_format(at, 12, critical_cell(r, lang), &f.cell)?;
    for (col, cell) in (13..).zip(fields::cells(r, lang)) {
        sheet.write_string_with_format(at, col, lines(cell), &f.cell)?;
    }
    let mut next = COLUMNS;
    if let Some(origin) = r.origin_text {
        sheet.write_string_with_format(at, next, origin, &f.cell)?;
        next += 1;
    }
    if progress_columns {
        let cell = if r.is_cancelled {
            &f.cancelled
        } else {
            &f.cell
        };
        for (col, lines_of) in (next..).zip(progress::cells(r.progress.as_ref())) {
            sheet.write_string_with_format(at, col, lines(lines_of), cell)?;
        }
    }
    Ok(())
}

fn build(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let title = doc
        .roadmap
        .title
        .clone()
        .unwrap_or_else(|| doc.roadmap.file.clone());
    let stamp = ExcelDateTime::from_ymd(
        doc.as_of.year() as u16,
        doc.as_of.month() as u8,
        doc.as_of.day() as u8,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("roadmap")
            .set_comment(format!("{} {}", doc.generator, doc.roadmap.file))
            .set_creation_datetime(&stamp),
    );
    let f = formats();
    let l = labels(lang);
    let plan = doc.roadmap.extends.is_some();
    let with_progress = doc.entries.iter().any(|r| r.progress.is_some());
    let columns = COLUMNS + u16::from(plan) + if with_progress { 3 } else { 0 };
    let sheet = workbook.add_worksheet();
    sheet.set_name(l["schedule"])?;
    for (col, width) in [
        6.0, 48.0, 20.0, 22.0, 11.0, 11.0, 30.0, 28.0, 30.0, 28.0, 28.0, 9.0, 10.0, 30.0, 26.0,
        30.0,
    ]
    .into_iter()
    .chain(plan.then_some(16.0))
    .chain(
        with_progress
            .then_some([30.0, 30.0, 36.0])
            .into_iter()
            .flatten(),
    )
    .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.merge_range(0, 0, 0, columns - 1, &title, &f.title)?;
    sheet.set_row_height(0, 40)?;
    let mut meta = Vec::new();
    if let Some(a) = &doc.roadmap.approval {
        meta.push(format!("{}: {}", l["approved"], a.text));
    }
    if let Some(p) = doc.roadmap.period {
        meta.push(format!(
            "{}: {}",
            l["period"],
            text::range_short(p.start, p.end, lang)
        ));
    }
    meta.push(format!(
        "{} {}",
        l["as_of"],
        text::date_long(doc.as_of, lang)
    ));
    if let Some(extends) = &doc.roadmap.extends {
        meta.push(format!(
            "{}: {} ({} — {}, {} — {}, {} — {})",
            l["template"],
            extends.template,
            l["from_template"],
            extends.from_template,
            l["amended"],
            extends.amended,
            l["own"],
            extends.own
        ));
    }
    let order = &doc.roadmap.order;
    for (key, value) in [
        ("goal", &order.goal),
        ("controlled_by", &order.controlled_by),
        ("signed_by", &order.signed_by),
    ] {
        if let Some(value) = value {
            meta.push(format!("{}: {value}", l[key]));
        }
    }
    if !order.tasks.is_empty() {
        let tasks: Vec<String> = order
            .tasks
            .iter()
            .map(|t| format!("{}. {}", t.number, t.text))
            .collect();
        meta.push(format!("{}: {}", l["tasks"], tasks.join("; ")));
    }
    if let Some(party) = &doc.party {
        let name = doc
            .parties
            .iter()
            .find(|p| &p.id == party)
            .map_or(party.as_str(), |p| p.name.as_str());
        meta.push(format!("{}: {name}", l["only_party"]));
    }
    sheet.merge_range(1, 0, 1, columns - 1, &meta.join(" · "), &f.meta)?;
    sheet.set_row_height(1, 30)?;
    for (col, h) in header_cells(lang, plan, with_progress).iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, h, &f.header)?;
    }
    sheet.set_row_height(2, 30)?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!("&L&8{}", title.replace('&', "&&")));
    sheet.set_footer(match lang {
        Lang::Ru => "&R&8Страница &P из &N",
        Lang::En => "&R&8Page &P of &N",
    });

    let mut at: u32 = 3;
    for g in &doc.groups {
        let heading = match &g.subtitle {
            Some(sub) => format!("{} ({sub})", g.title),
            None => g.title.clone(),
        };
        sheet.merge_range(at, 0, at, columns - 1, &heading, &f.group)?;
        at += 1;
        if let Some(cells) = fields::section_cells(doc, &g.key) {
            sheet.write_string_with_format(at, 0, "", &f.cell)?;
            sheet.write_string_with_format(at, 1, fields::section_row_title(lang), &f.cell)?;
            for (col, cell) in (12..).zip(cells) {
                sheet.write_string_with_format(at, col, lines(cell), &f.cell)?;
            }
            at += 1;
        }
        let first = at;
        for m in &g.members {
            write_row(
                sheet,
                at,
                &doc.entries[m.row],
                m.when.as_deref(),
                &f,
                with_progress,
                lang,
            )?;
            at += 1;
        }
        if at > first {
            sheet.group_rows(first, at - 1)?;
        }
    }
    // A filter on every column's heading, over every row below it.
    sheet.autofilter(2, 0, at.max(4) - 1, columns - 1)?;
    if !doc.findings.is_empty() {
        findings_sheet(&mut workbook, doc, &f, lang)?;
    }
    funding_sheet(&mut workbook, doc, &f, lang)?;
    workbook.save_to_buffer()
}

/// A second sheet, «Замечания проверки», when the roadmap has findings.
fn findings_sheet(
    workbook: &mut Workbook,
    doc: &Document<'_>,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let l = labels(lang);
    let sheet = workbook.add_worksheet();
    // A sheet's name is at most 31 characters.
    sheet.set_name(l["findings"].chars().take(31).collect::<String>())?;
    let heading = super::findings::heading(&doc.findings, lang);
    sheet.merge_range(0, 0, 0, 4, &heading, &f.title)?;
    let headers = match lang {
        Lang::Ru => ["Вид", "Код", "Место", "Что не так", "Как исправить"],
        Lang::En => [
            "Severity",
            "Code",
            "Place",
            "What is wrong",
            "How to fix it",
        ],
    };
    for (col, (h, width)) in headers
        .iter()
        .zip([16.0, 8.0, 30.0, 60.0, 60.0])
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
        sheet.write_string_with_format(1, col as u16, *h, &f.header)?;
    }
    for (i, finding) in doc.findings.iter().enumerate() {
        let at = 2 + i as u32;
        sheet.write_string_with_format(at, 0, finding.severity_word(lang), &f.cell)?;
        sheet.write_string_with_format(at, 1, finding.code.as_str(), &f.cell)?;
        sheet.write_string_with_format(at, 2, finding.place(), &f.cell)?;
        sheet.write_string_with_format(at, 3, finding.message.as_str(), &f.cell)?;
        sheet.write_string_with_format(
            at,
            4,
            finding.help.as_deref().unwrap_or_default(),
            &f.cell,
        )?;
    }
    Ok(())
}

/// A second sheet with the funding per year and per source, when the
/// roadmap gives amounts.
fn funding_sheet(
    workbook: &mut Workbook,
    doc: &Document<'_>,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let rows = fields::summary_rows(doc, lang);
    if rows.is_empty() {
        return Ok(());
    }
    let l = labels(lang);
    let money = f.number.clone().set_num_format("#,##0.00");
    let sheet = workbook.add_worksheet();
    sheet.set_name(l["funding"])?;
    sheet.merge_range(0, 0, 0, 2, l["funding_totals"], &f.title)?;
    for (col, (heading, width)) in [
        (l["funding_year"], 16.0),
        (l["funding_source"], 30.0),
        (l["funding"], 20.0),
    ]
    .into_iter()
    .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
        sheet.write_string_with_format(1, col as u16, heading, &f.header)?;
    }
    for (at, (year, source, amount, _)) in (2..).zip(rows) {
        sheet.write_string_with_format(at, 0, year, &f.cell)?;
        sheet.write_string_with_format(at, 1, source, &f.cell)?;
        sheet.write_number_with_format(at, 2, amount, &money)?;
    }
    Ok(())
}

pub fn render(doc: &Document<'_>, lang: Lang) -> Result<Vec<u8>, super::Error> {
    build(doc, lang).map_err(|e| super::Error::Output {
        what: "xlsx",
        message: e.to_string(),
    })
}
