//! The fields of real tables in every output: the order's goal, tasks,
//! controller and signatory; each activity's (stage's, section's)
//! confirming documents, funding and risks; and the funding summed per year
//! and per source. The views here are flattened into the JSON document the
//! templates see; the CSV and xlsx columns are made here too.

use super::view::{Document, Row};
use crate::lang::Lang;
use crate::model::funding::{self, Budget, Money, Totals};
use crate::model::{Facts, Funding, Risk, Roadmap};
use serde::Serialize;

/// The words of these fields in the page templates.
pub const LABELS: &[(&str, &str, &str)] = &[
    (
        "documents",
        "Подтверждающие документы",
        "Confirming documents",
    ),
    ("document", "Подтверждающий документ", "Confirming document"),
    ("funding", "Финансирование", "Funding"),
    (
        "funding_totals",
        "Финансирование по годам",
        "Funding by year",
    ),
    ("funding_total", "Итого", "Total"),
    ("funding_year", "Год", "Year"),
    ("funding_source", "Источник финансирования", "Source"),
    (
        "funding_no_source",
        "источник не указан",
        "source not given",
    ),
    ("funding_no_year", "год не указан", "year not given"),
    ("funding_not_applicable", "не требуется", "not required"),
    ("risks", "Риски", "Risks"),
    ("risk_own", "свой риск", "own risk"),
    ("goal", "Цель", "Goal"),
    ("tasks", "Задачи", "Tasks"),
    ("controlled_by", "Контроль исполнения", "Controlled by"),
    ("signed_by", "Подписал", "Signed by"),
    (
        "period_inferred",
        "по срокам мероприятий",
        "from the activities' timings",
    ),
    ("sub_item_of", "подпункт мероприятия", "sub-item of"),
];

/// A `задача N:` line.
#[derive(Debug, Serialize)]
pub struct TaskView {
    pub number: String,
    pub text: String,
}

/// The order around the table, flattened into the document's `roadmap`.
#[derive(Debug, Serialize)]
pub struct OrderView {
    pub goal: Option<String>,
    pub tasks: Vec<TaskView>,
    pub controlled_by: Option<String>,
    pub signed_by: Option<String>,
    /// The period was taken from the timings (no `период:` line).
    pub period_inferred: bool,
}

pub fn order(roadmap: &Roadmap) -> OrderView {
    let party_or_text = |value: &crate::syntax::Spanned| {
        roadmap
            .parties
            .iter()
            .find(|p| p.id.text == value.text)
            .map_or_else(|| value.text.clone(), |p| p.name.clone())
    };
    OrderView {
        goal: roadmap.goal.as_ref().map(|g| g.text.clone()),
        tasks: roadmap
            .tasks
            .iter()
            .map(|t| TaskView {
                number: t.number.clone(),
                text: t.text.text.clone(),
            })
            .collect(),
        controlled_by: roadmap.controlled_by.as_ref().map(party_or_text),
        signed_by: roadmap.signed_by.as_ref().map(party_or_text),
        period_inferred: roadmap.period_inferred,
    }
}

/// A `риск:` line: as written, and the factor it names.
#[derive(Debug, Serialize)]
pub struct RiskView {
    pub text: String,
    /// 1–10 for one of the «500+» risk factors; `null` for the roadmap's own wording.
    pub factor: Option<u8>,
    /// The factor's official name (in the output's language), or the text as written.
    pub name: String,
}

/// A `финансирование:` line.
#[derive(Debug, Serialize)]
pub struct FundingView {
    pub text: String,
    pub year: Option<i32>,
    /// In roubles.
    pub amount: Option<f64>,
    pub amount_text: Option<String>,
    pub source: Option<Budget>,
    pub source_text: Option<String>,
    pub not_applicable: bool,
    /// The line in words: «2023: 1 200 500 руб., региональный бюджет», «не требуется».
    pub shown: String,
}

/// The documents, funding and risks of an activity, a stage or a section.
#[derive(Debug, Serialize)]
pub struct FieldsView {
    pub documents: Vec<String>,
    pub funding: Vec<FundingView>,
    pub risks: Vec<RiskView>,
}

fn risk(r: &Risk, lang: Lang) -> RiskView {
    RiskView {
        text: r.source.text.clone(),
        factor: r.factor.map(|f| f.number()),
        name: r
            .factor
            .map_or_else(|| r.source.text.clone(), |f| f.name(lang).to_string()),
    }
}

fn label(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, ru, en)| if lang == Lang::Ru { ru } else { en })
}

fn funding_line(f: &Funding, lang: Lang) -> FundingView {
    let amount_text = f.amount.map(|a| a.show(lang));
    let source_text = f.budget.map(|b| b.name(lang).to_string());
    let mut parts: Vec<String> = Vec::new();
    if f.not_applicable {
        parts.push(label("funding_not_applicable", lang).to_string());
    }
    parts.extend(amount_text.clone());
    parts.extend(source_text.clone());
    let body = if parts.is_empty() {
        f.source.text.clone()
    } else {
        parts.join(", ")
    };
    FundingView {
        text: f.source.text.clone(),
        year: f.year,
        amount: f.amount.map(Money::roubles),
        amount_text,
        source: f.budget,
        source_text,
        not_applicable: f.not_applicable,
        shown: match f.year {
            Some(year) => format!("{year}: {body}"),
            None => body,
        },
    }
}

/// The funding and risks of a section.
#[derive(Debug, Serialize)]
pub struct SectionFieldsView {
    pub funding: Vec<FundingView>,
    pub risks: Vec<RiskView>,
}

pub fn of_section(section: &crate::model::Section, lang: Lang) -> SectionFieldsView {
    SectionFieldsView {
        funding: section
            .funding
            .iter()
            .map(|f| funding_line(f, lang))
            .collect(),
        risks: section.risks.iter().map(|r| risk(r, lang)).collect(),
    }
}

pub fn of_facts(facts: &Facts, lang: Lang) -> FieldsView {
    of(&facts.documents, &facts.funding, &facts.risks, lang)
}

/// A stage's fields; a funding line of `этап 2023:` that says `2023:` is
/// shown without saying the year again.
pub fn of_stage(facts: &Facts, label: &str, lang: Lang) -> FieldsView {
    let mut view = of_facts(facts, lang);
    for (line, f) in view.funding.iter_mut().zip(&facts.funding) {
        if f.year.is_some_and(|y| y.to_string() == label.trim()) {
            line.shown = funding_line(
                &Funding {
                    year: None,
                    ..f.clone()
                },
                lang,
            )
            .shown;
        }
    }
    view
}

fn of(
    documents: &[crate::syntax::Spanned],
    funding: &[Funding],
    risks: &[Risk],
    lang: Lang,
) -> FieldsView {
    FieldsView {
        documents: documents.iter().map(|d| d.text.clone()).collect(),
        funding: funding.iter().map(|f| funding_line(f, lang)).collect(),
        risks: risks.iter().map(|r| risk(r, lang)).collect(),
    }
}

/// A sum, with its words.
#[derive(Debug, Serialize)]
pub struct SumView {
    /// In roubles.
    pub amount: f64,
    pub amount_text: String,
}

#[derive(Debug, Serialize)]
pub struct SourceSumView {
    pub source: Option<Budget>,
    pub source_text: String,
    #[serde(flatten)]
    pub sum: SumView,
}

#[derive(Debug, Serialize)]
pub struct YearSumView {
    /// `null` for lines whose year is not known.
    pub year: Option<i32>,
    pub year_text: String,
    #[serde(flatten)]
    pub total: SumView,
    pub by_source: Vec<SourceSumView>,
}

/// The funding of the whole roadmap, per year and per source.
#[derive(Debug, Serialize)]
pub struct TotalsView {
    pub years: Vec<YearSumView>,
    pub by_source: Vec<SourceSumView>,
    #[serde(flatten)]
    pub total: SumView,
}

fn sum(m: Money, lang: Lang) -> SumView {
    SumView {
        amount: m.roubles(),
        amount_text: m.show(lang),
    }
}

fn by_source(list: &[(Option<Budget>, Money)], lang: Lang) -> Vec<SourceSumView> {
    list.iter()
        .map(|(b, m)| SourceSumView {
            source: *b,
            source_text: b
                .map_or(label("funding_no_source", lang), |b| b.name(lang))
                .to_string(),
            sum: sum(*m, lang),
        })
        .collect()
}

pub fn totals(roadmap: &Roadmap, lang: Lang) -> Option<TotalsView> {
    let Totals {
        years,
        total,
        by_budget,
    } = funding::totals(roadmap)?;
    Some(TotalsView {
        years: years
            .iter()
            .map(|y| YearSumView {
                year: y.year,
                year_text: y.year.map_or_else(
                    || label("funding_no_year", lang).to_string(),
                    |y| y.to_string(),
                ),
                total: sum(y.total, lang),
                by_source: by_source(&y.by_budget, lang),
            })
            .collect(),
        by_source: by_source(&by_budget, lang),
        total: sum(total, lang),
    })
}

/// The headings of the spreadsheet columns these fields add.
pub fn headings(lang: Lang) -> [String; 3] {
    ["documents", "funding", "risks"].map(|k| label(k, lang).to_string())
}

/// An activity's cells for those columns: its own lines, then each stage's
/// with its label.
pub fn cells(r: &Row<'_>, lang: Lang) -> [Vec<String>; 3] {
    let stage = match lang {
        Lang::Ru => "Этап",
        Lang::En => "Stage",
    };
    let mut out: [Vec<String>; 3] = Default::default();
    let mut add = |prefix: Option<&str>, f: &FieldsView| {
        let staged = |x: String| match prefix {
            Some(p) => format!("{stage} {p}: {x}"),
            None => x,
        };
        out[0].extend(f.documents.iter().cloned().map(staged));
        out[1].extend(f.funding.iter().map(|x| staged(x.shown.clone())));
        out[2].extend(f.risks.iter().map(|x| staged(risk_cell(x))));
    };
    add(None, &r.fields);
    for s in &r.stages {
        add(Some(&s.label), &s.fields);
    }
    out
}

fn risk_cell(r: &RiskView) -> String {
    match r.factor {
        Some(n) => format!("{n}. {}", r.name),
        None => r.name.clone(),
    }
}

/// The rows of the funding summary, for a spreadsheet: year, source, the
/// sum in roubles and in words; each year's sources, then its total; then
/// each source's total and the grand total.
pub fn summary_rows(doc: &Document<'_>, lang: Lang) -> Vec<(String, String, f64, String)> {
    let Some(t) = &doc.funding_totals else {
        return Vec::new();
    };
    let total = label("funding_total", lang).to_string();
    let row = |a: &str, b: &str, s: &SumView| {
        (
            a.to_string(),
            b.to_string(),
            s.amount,
            s.amount_text.clone(),
        )
    };
    let mut rows = Vec::new();
    for y in &t.years {
        for s in &y.by_source {
            rows.push(row(&y.year_text, &s.source_text, &s.sum));
        }
        rows.push(row(&y.year_text, &total, &y.total));
    }
    for s in &t.by_source {
        rows.push(row(&total, &s.source_text, &s.sum));
    }
    rows.push(row(&total, &total, &t.total));
    rows
}

/// Which of these columns a page shows: only those some activity fills.
#[derive(Debug, Default, Serialize)]
pub struct Columns {
    pub has_documents: bool,
    pub has_funding: bool,
    pub has_risks: bool,
    /// Where each activity stands on the as-of date (the roadmap has marks).
    pub has_progress: bool,
    /// The HTML table's columns: six, and one for each of these shown.
    pub html_columns: usize,
}

pub fn columns(doc: &Document<'_>) -> Columns {
    let mut c = Columns::default();
    for r in &doc.entries {
        for f in std::iter::once(&r.fields).chain(r.stages.iter().map(|s| &s.fields)) {
            c.has_documents |= !f.documents.is_empty();
            c.has_funding |= !f.funding.is_empty();
            c.has_risks |= !f.risks.is_empty();
        }
    }
    c.has_progress = doc.entries.iter().any(|r| r.progress.is_some());
    c.html_columns = 6 + [c.has_documents, c.has_funding, c.has_risks, c.has_progress]
        .into_iter()
        .filter(|&shown| shown)
        .count();
    c
}

/// The words of the row that holds a section's own risks and funding.
pub fn section_row_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Раздел в целом",
        Lang::En => "The section as a whole",
    }
}

/// A section's own funding and risks for the spreadsheet columns (no
/// documents), when the table is grouped by section and the section has any.
pub fn section_cells(doc: &Document<'_>, group_key: &str) -> Option<[Vec<String>; 3]> {
    if doc.by != super::By::Section {
        return None;
    }
    let section = doc.sections.iter().find(|s| s.number == group_key)?;
    if section.fields.funding.is_empty() && section.fields.risks.is_empty() {
        return None;
    }
    Some([
        Vec::new(),
        section
            .fields
            .funding
            .iter()
            .map(|f| f.shown.clone())
            .collect(),
        section.fields.risks.iter().map(risk_cell).collect(),
    ])
}
