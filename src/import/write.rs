//! Writing the roadmap text: the header, the parties, then each section and
//! activity with every cell of its row. A timing or an indicator the
//! engine cannot read is written as it stands, under a `# импорт:` comment
//! that says what was not understood, so `check` points at it.

use super::columns::{keyword, Field};
use super::layout::Layout;
use super::parties::{split, split_joined, Parties};
use super::preamble::Preamble;
use super::readings::Readings;
use super::report::Report;
use super::rows::{Activity, Item};
use super::table::{one_line, paragraphs};
use crate::lang::Lang;
use crate::model::funding::{self, FundingError};
use crate::model::timing::{self, Context};
use std::collections::{BTreeMap, HashSet};

/// Everything the text is written from.
pub struct Input<'a> {
    pub source: &'a str,
    pub preamble: Preamble,
    pub period: Option<String>,
    /// Where the period came from when the document does not say it.
    pub period_from_dates: bool,
    pub owner: Option<String>,
    /// Each table read: its layout and items.
    pub tables: Vec<(Layout, Vec<Item>)>,
    pub parties: Parties,
    pub latin_ids: bool,
}

/// A stage's or the activity's own values.
#[derive(Default)]
struct Facts {
    when: Option<String>,
    /// The year the import added to the timing, from its column's heading.
    year_added: Option<i32>,
    /// Funding cells: (year of the column, amount or source, text).
    funding: Vec<(Option<i32>, Field, String)>,
    /// Units the import added to bare amounts, from the column's heading.
    units_added: Vec<String>,
    props: Vec<(Field, Option<String>, String)>,
}

fn stage_prefix(line: &str) -> Option<(String, String)> {
    for word in ["Этап ", "этап ", "Stage ", "stage "] {
        if let Some(rest) = line.strip_prefix(word) {
            let (label, text) = rest.split_once(": ")?;
            if !label.is_empty() && !label.contains(char::is_whitespace) {
                return Some((label.to_string(), text.to_string()));
            }
        }
    }
    None
}

/// Writes the roadmap; fills in the report's figures about what it wrote.
pub fn write(mut input: Input<'_>, report: &mut Report) -> String {
    let mut out: Vec<String> = Vec::new();
    let period = input
        .period
        .as_deref()
        .and_then(|p| timing::resolve_period(p).ok());
    let read = Readings::new(Context::new(period));
    out.push(format!(
        "# Импортировано из {}: roadmap import",
        input.source
    ));
    for line in &input.preamble.rest {
        out.push(format!("# {line}"));
    }
    match &input.preamble.title {
        Some(t) => out.push(format!("дорожная карта: {t}")),
        None => {
            report.missing.push("title");
            out.push("# импорт: над таблицей нет названия карты — впишите его".into());
            out.push(format!("дорожная карта: {}", input.source));
        }
    }
    match &input.period {
        Some(p) => {
            if input.period_from_dates {
                out.push("# импорт: период взят из сроков мероприятий".into());
            }
            out.push(format!("период: {p}"));
        }
        None => {
            report.missing.push("period");
            out.push(
                "# импорт: период не найден — впишите «период: ГГГГ» или «период: ГГГГ–ГГГГ»"
                    .into(),
            );
        }
    }
    if let Some(a) = &input.preamble.approval {
        out.push(format!("утверждена: {a}"));
    }
    if let Some(c) = &input.preamble.controlled_by {
        out.push(format!("контроль исполнения: {c}"));
    }
    if let Some(o) = &input.owner {
        out.push(format!("владелец: {o}"));
    }
    if let Some(g) = &input.preamble.goal {
        out.push(format!("цель: {g}"));
    }
    for (i, t) in input.preamble.tasks.iter().enumerate() {
        out.push(format!("задача {}: {t}", i + 1));
    }

    // Parties first: every responsible cell, split.
    let known: Vec<String> = input.parties.given.keys().cloned().collect();
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut cells: Vec<Vec<String>> = Vec::new();
    for (layout, items) in &input.tables {
        for item in items {
            if let Item::Activity(a) = item {
                for (c, col) in layout.columns.iter().enumerate() {
                    if col.field == Field::Responsible && col.label.is_none() {
                        if let Some(t) = a.text(c) {
                            cells.push(split(t, &known_refs));
                        }
                    }
                }
            }
        }
    }
    let all: HashSet<String> = cells.iter().flatten().cloned().collect();
    let mut responsible: BTreeMap<(usize, String), Vec<String>> = BTreeMap::new();
    let mut k = 0;
    for (t, (layout, items)) in input.tables.iter().enumerate() {
        for item in items {
            if let Item::Activity(a) = item {
                for (c, col) in layout.columns.iter().enumerate() {
                    if col.field == Field::Responsible && col.label.is_none() && a.text(c).is_some()
                    {
                        let names = split_joined(&cells[k], &all);
                        k += 1;
                        let ids: Vec<String> = names
                            .iter()
                            .map(|n| input.parties.id(n, input.latin_ids))
                            .collect();
                        responsible
                            .insert((t, a.number.clone() + "\u{0}" + &a.row.to_string()), ids);
                    }
                }
            }
        }
    }
    if !input.parties.list.is_empty() {
        out.push(String::new());
    }
    for (id, name) in &input.parties.list {
        out.push(format!("участник {id}: {name}"));
    }
    report.parties = input
        .parties
        .list
        .iter()
        .map(|(id, _)| id.clone())
        .collect();

    for (t, (layout, items)) in input.tables.iter().enumerate() {
        for item in items {
            match item {
                Item::Section(s) => {
                    report.sections += 1;
                    out.push(String::new());
                    if s.counted {
                        report.counted += 1;
                        out.push(
                            "# импорт: номер раздела дан по порядку, в таблице его нет".into(),
                        );
                    }
                    out.push(format!("раздел {}. {}", s.number, s.title));
                }
                Item::Activity(a) => {
                    report.activities += 1;
                    let ids = responsible
                        .get(&(t, a.number.clone() + "\u{0}" + &a.row.to_string()))
                        .cloned()
                        .unwrap_or_default();
                    activity(&mut out, layout, a, &ids, &read, report);
                }
            }
        }
    }
    report.comments = out
        .iter()
        .filter(|l| l.trim_start().starts_with("# импорт:"))
        .count();
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn activity(
    out: &mut Vec<String>,
    layout: &Layout,
    a: &Activity,
    ids: &[String],
    read: &Readings,
    report: &mut Report,
) {
    out.push(String::new());
    if a.counted {
        report.counted += 1;
        out.push("# импорт: номер дан по порядку, в таблице его нет".into());
    }
    let title = layout
        .column(Field::Title)
        .and_then(|c| a.text(c))
        .map(one_line)
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => out.push(format!("мероприятие {}. {t}", a.number)),
        None => {
            out.push(format!(
                "# импорт: в строке {} таблицы нет названия мероприятия",
                a.row
            ));
            out.push(format!("мероприятие {}. —", a.number));
        }
    }
    let mut own = Facts::default();
    let mut stages: Vec<(String, Facts)> = Vec::new();
    let stage = |label: String, stages: &mut Vec<(String, Facts)>| -> usize {
        match stages.iter().position(|(l, _)| *l == label) {
            Some(i) => i,
            None => {
                stages.push((label, Facts::default()));
                stages.len() - 1
            }
        }
    };
    for (c, col) in layout.columns.iter().enumerate() {
        let Some(text) = a.text(c) else { continue };
        match col.field {
            Field::Number | Field::Title | Field::Skip => {}
            Field::Responsible if col.label.is_none() => {}
            Field::When if col.label.is_none() => {
                let lines = paragraphs(text);
                let staged: Vec<(String, String)> =
                    lines.iter().filter_map(|l| stage_prefix(l)).collect();
                if !staged.is_empty() && staged.len() == lines.len() {
                    for (label, t) in staged {
                        let i = stage(label, &mut stages);
                        stages[i].1.when = Some(t);
                    }
                } else if let Some(y) = col.year {
                    let i = stage(y.to_string(), &mut stages);
                    let written = one_line(text);
                    let when = with_year(&written, y, read);
                    stages[i].1.year_added = (when != written).then_some(y);
                    stages[i].1.when = Some(when);
                } else {
                    own.when = Some(text.to_string());
                }
            }
            Field::FundingAmount | Field::FundingSource => {
                for line in paragraphs(text) {
                    let unit = (col.field == Field::FundingAmount)
                        .then(|| unit_of(&col.heading))
                        .flatten();
                    let line = match unit {
                        Some(unit)
                            if funding::parse(&line) == Err(FundingError::NoCurrency)
                                && funding::parse(&format!("{line} {unit}")).is_ok() =>
                        {
                            if !own.units_added.contains(&unit.to_string()) {
                                own.units_added.push(unit.to_string());
                            }
                            format!("{line} {unit}")
                        }
                        _ => line,
                    };
                    own.funding.push((col.year, col.field, line));
                }
            }
            field => {
                for line in paragraphs(text) {
                    let target = match (stage_prefix(&line), col.year) {
                        (Some((label, t)), _) => Some((label, t)),
                        (None, Some(y)) => Some((y.to_string(), line.clone())),
                        (None, None) => None,
                    };
                    match target {
                        Some((label, t)) => {
                            let i = stage(label, &mut stages);
                            stages[i].1.props.push((field, col.label.clone(), t));
                        }
                        None => own.props.push((field, col.label.clone(), line)),
                    }
                }
            }
        }
    }
    // A timing of several lines that is not one timing: one stage per line
    // when each line is one.
    if let (Some(w), true) = (&own.when, stages.is_empty()) {
        let lines = paragraphs(w);
        if lines.len() > 1 && !read.resolves(&one_line(w)) && lines.iter().all(|l| read.resolves(l))
        {
            for (i, l) in lines.iter().enumerate() {
                stages.push((
                    (i + 1).to_string(),
                    Facts {
                        when: Some(l.clone()),
                        ..Facts::default()
                    },
                ));
            }
            own.when = None;
        }
    }
    facts(out, "  ", &a.number, &own, ids, read, report);
    for (label, f) in &stages {
        out.push(format!("  этап {label}:"));
        facts(out, "    ", &a.number, f, &[], read, report);
    }
}

/// «сентябрь» in the 2021 column: «сентябрь 2021 года» when only the year
/// makes it readable.
fn with_year(text: &str, year: i32, read: &Readings) -> String {
    if read.resolves(text) || super::preamble::years(text).is_some() {
        return text.to_string();
    }
    let dated = format!("{text} {year} года");
    if read.resolves(&dated) {
        dated
    } else {
        text.to_string()
    }
}

fn facts(
    out: &mut Vec<String>,
    indent: &str,
    number: &str,
    f: &Facts,
    ids: &[String],
    read: &Readings,
    report: &mut Report,
) {
    if let Some(w) = &f.when {
        let w = one_line(w);
        if let Some(y) = f.year_added {
            out.push(format!(
                "{indent}# импорт: год {y} добавлен из заголовка колонки"
            ));
        }
        match read.timing_error(&w) {
            None => report.timings_resolved += 1,
            Some(message) => {
                out.push(format!("{indent}# импорт: срок не распознан: {message}"));
                report
                    .timings_left
                    .push((number.to_string(), out.len() + 1));
            }
        }
        out.push(format!("{indent}срок: {w}"));
    }
    match ids {
        [] => {}
        [one] => out.push(format!("{indent}ответственный: {one}")),
        many => out.push(format!("{indent}ответственные: {}", many.join(", "))),
    }
    // The language's order (the one `roadmap fmt` keeps): indicators,
    // results, documents, funding, risks, notes.
    let order = |f: &Field| match keyword(*f).map(|k| k.0) {
        Some("показатель") => 0,
        Some("результат") => 1,
        Some("документ") => 2,
        Some("риск") => 4,
        _ => 5,
    };
    let mut props: Vec<&(Field, Option<String>, String)> = f.props.iter().collect();
    props.sort_by_key(|(field, _, _)| order(field));
    let mut funding_written = false;
    for (field, label, text) in props {
        if order(field) > 2 && !funding_written {
            write_funding(out, indent, number, f, report);
            funding_written = true;
        }
        let Some((key, fixed)) = keyword(*field) else {
            continue;
        };
        let label = label.as_deref().or(fixed);
        let value = match label {
            Some(l) => format!("{}: {text}", one_line(l)),
            None => text.clone(),
        };
        if key == "показатель" {
            if read.is_target(&value) {
                report.indicators_typed += 1;
            } else {
                out.push(format!(
                    "{indent}# импорт: в показателе нет числа — оставлен текстом"
                ));
                report
                    .indicators_left
                    .push((number.to_string(), out.len() + 1));
            }
        }
        out.push(format!("{indent}{key}: {value}"));
    }
    if !funding_written {
        write_funding(out, indent, number, f, report);
    }
}

/// The unit a funding column's heading gives its bare numbers:
/// «Объём финансирования (тыс. руб.)».
fn unit_of(heading: &str) -> Option<&'static str> {
    let h = heading.to_lowercase().replace(' ', "");
    [
        ("млн.руб", "млн руб."),
        ("млнруб", "млн руб."),
        ("тыс.руб", "тыс. руб."),
        ("тысруб", "тыс. руб."),
        ("тыс.рублей", "тыс. руб."),
        ("руб", "руб."),
    ]
    .into_iter()
    .find(|(written, _)| h.contains(written))
    .map(|(_, unit)| unit)
}

/// The funding cells of a row as `финансирование:` lines: an amount and a
/// source of the same year go on one line; a year column's year leads it.
fn write_funding(
    out: &mut Vec<String>,
    indent: &str,
    number: &str,
    f: &Facts,
    report: &mut Report,
) {
    if f.funding.is_empty() {
        return;
    }
    for unit in &f.units_added {
        out.push(format!(
            "{indent}# импорт: единица «{unit}» взята из заголовка колонки"
        ));
    }
    let mut years: Vec<Option<i32>> = Vec::new();
    for (y, _, _) in &f.funding {
        if !years.contains(y) {
            years.push(*y);
        }
    }
    for year in years {
        let of = |field: Field| -> Vec<&str> {
            f.funding
                .iter()
                .filter(|(y, f, _)| *y == year && *f == field)
                .map(|(_, _, t)| t.as_str())
                .collect()
        };
        let (amounts, sources) = (of(Field::FundingAmount), of(Field::FundingSource));
        let lines: Vec<String> = if amounts.len() == sources.len() {
            amounts
                .iter()
                .zip(&sources)
                .map(|(a, s)| format!("{a}, {s}"))
                .collect()
        } else if sources.len() == 1 {
            amounts
                .iter()
                .map(|a| format!("{a}, {}", sources[0]))
                .collect()
        } else {
            amounts
                .iter()
                .chain(&sources)
                .map(|t| t.to_string())
                .collect()
        };
        for line in lines {
            let line = match year {
                Some(y) => format!("{y}: {line}"),
                None => line,
            };
            match funding::parse(&line) {
                Ok(_) => report.funding_read += 1,
                Err(e) => {
                    out.push(format!(
                        "{indent}# импорт: финансирование не распознано: {}",
                        e.message(Lang::Ru)
                    ));
                    report
                        .funding_left
                        .push((number.to_string(), out.len() + 1));
                }
            }
            out.push(format!("{indent}финансирование: {line}"));
        }
    }
}
