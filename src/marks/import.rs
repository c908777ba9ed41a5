//! From a filled form to the plan's status file: one line per fact, under
//! the activity's `мероприятие N` (added when the file has none), in the
//! canonical layout; a fact the status file already holds is not added
//! again. Every new line is checked by the same checks as a line written by
//! hand (the plan is built again with the new status text), and a finding on
//! a line is reported at the form's cell it came from; a line with an error
//! is not written.

use super::read::{self, dmy, Filled, FilledRow, ReadError, Value};
use crate::code::{Code, Severity};
use crate::diagnostic::cell::{Cell, CellFinding, Grid};
use crate::form::layout::*;
use crate::form::{roadmap_fingerprint, Mark};
use crate::lang::Text;
use crate::model::{Activity, Roadmap, Workspace};
use crate::source::FileId;
use crate::text;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Why a form could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Form { path: PathBuf, source: ReadError },
    #[error("{path}: the plan `{plan}` the form was made from is not found")]
    NoPlan { path: PathBuf, plan: String },
    #[error("{path}: the plan `{plan}` holds no roadmap")]
    NotRoadmap { path: PathBuf, plan: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ImportError {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        let code = Code::NotAForm;
        match (self, lang) {
            (_, Lang::En) => format!("error[{code}]: {self}"),
            (ImportError::Form { path, source }, Lang::Ru) => {
                format!("ошибка[{code}]: {}: {}", path.display(), source.ru())
            }
            (ImportError::NoPlan { path, plan }, Lang::Ru) => format!(
                "ошибка[{code}]: {}: план «{plan}», по которому составлена форма, не найден; \
                 запустите импорт из папки, где формы составлялись",
                path.display()
            ),
            (ImportError::NotRoadmap { path, plan }, Lang::Ru) => format!(
                "ошибка[{code}]: {}: «{plan}» — не дорожная карта",
                path.display()
            ),
            (ImportError::Io { path, source }, Lang::Ru) => {
                format!("ошибка: не удалось прочитать {}: {source}", path.display())
            }
        }
    }
}

/// What importing one form gives.
#[derive(Debug)]
pub struct Outcome {
    pub plan: PathBuf,
    pub status: PathBuf,
    /// The status file before and after (equal when nothing is added).
    pub before: String,
    pub after: String,
    /// Lines added.
    pub added: usize,
    pub findings: Vec<CellFinding>,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .count()
    }
}

/// A line to add, with the cell it comes from.
#[derive(Debug, Clone)]
struct NewLine {
    activity: String,
    text: String,
    cell: Cell,
    value: String,
}

/// Reads a filled form and works out its plan's new status file; writes
/// nothing.
pub fn import(form: &Path) -> Result<Outcome, ImportError> {
    import_in(&mut Workspace::default(), form)
}

/// [`import`] in a workspace kept from the forms read before: the plans'
/// template is read once, not once a form.
pub fn import_in(shared: &mut Workspace, form: &Path) -> Result<Outcome, ImportError> {
    let filled = read::read(form).map_err(|source| ImportError::Form {
        path: form.to_path_buf(),
        source,
    })?;
    let plan = PathBuf::from(&filled.plan);
    if filled.plan.is_empty() || !plan.is_file() {
        return Err(ImportError::NoPlan {
            path: form.to_path_buf(),
            plan: filled.plan.clone(),
        });
    }
    work_out(shared, form, plan, |_, _| filled)
}

/// A mark a person enters for one activity of a plan (the form of `roadmap
/// serve --allow-marks`): what a form's row holds, in the same words.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub activity: String,
    /// One of the states of [`Mark`], in either language.
    pub state: String,
    /// The date, `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub date: String,
    pub document: String,
    pub comment: String,
}

/// Works out the plan's new status file with one activity's mark, checked
/// as a form's row is (its findings name the form's columns: [`STATE`],
/// [`DATE`], [`DOCUMENT`], [`COMMENT`]); writes nothing.
pub fn entry(plan: &Path, entry: &Entry) -> Result<Outcome, ImportError> {
    work_out(
        &mut Workspace::default(),
        plan,
        plan.to_path_buf(),
        |roadmap, sources| {
            let title = roadmap
                .activity(entry.activity.trim())
                .map(|i| roadmap.activities[i].title.clone())
                .unwrap_or_default();
            let text = |s: &str| match s.trim() {
                "" => Value::Empty,
                s => Value::Text(s.to_string()),
            };
            let mut cells = vec![Value::Empty; COLUMNS.len()];
            cells[NUMBER as usize] = text(&entry.activity);
            cells[TITLE as usize] = text(&title);
            cells[STATE as usize] = text(&entry.state);
            cells[DATE as usize] = text(&entry.date);
            cells[DOCUMENT as usize] = text(&entry.document);
            cells[COMMENT as usize] = text(&entry.comment);
            Filled {
                plan: plan.display().to_string(),
                hash: roadmap_fingerprint(roadmap, sources),
                hash_cell: Cell::new(META, META_HASH, 1),
                grid: Grid::Sheet(SHEET.to_string()),
                rows: vec![FilledRow {
                    row: 0,
                    activity: entry.activity.trim().to_string(),
                    indicator: None,
                    title,
                    timing: String::new(),
                    allowed: None,
                    cells,
                }],
            }
        },
    )
}

/// The new status file of `plan` with the marks `filled` gives (read from
/// `form`, or made from the plan as built), checked with the plan.
fn work_out(
    shared: &mut Workspace,
    form: &Path,
    plan: PathBuf,
    filled: impl FnOnce(&Roadmap, &crate::source::Sources) -> Filled,
) -> Result<Outcome, ImportError> {
    let status = plan.with_extension("status");
    let before = match std::fs::read(&status) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ImportError::Io {
                path: status,
                source,
            })
        }
    };
    // The plan as it is, with the status file as it is on disk (given as
    // text: the workspace may hold another form's text for it). Only built:
    // the checks run once, on the new status text.
    let (workspace, roadmap) = crate::run::build_with_status_in(
        std::mem::take(shared),
        &plan,
        before.clone().into_bytes(),
    )
    .map_err(|_| ImportError::NoPlan {
        path: form.to_path_buf(),
        plan: plan.display().to_string(),
    })?;
    *shared = workspace;
    let Some(roadmap) = roadmap else {
        return Err(ImportError::NotRoadmap {
            path: form.to_path_buf(),
            plan: plan.display().to_string(),
        });
    };
    let roadmap = &*roadmap;
    let filled = filled(roadmap, &shared.sources);
    let mut importer = Importer {
        form: form.to_path_buf(),
        roadmap,
        grid: filled.grid.clone(),
        findings: Vec::new(),
    };
    let hash = roadmap_fingerprint(roadmap, &shared.sources);
    if hash != filled.hash {
        importer.finding(
            Code::FormOfOtherVersion,
            filled.hash_cell.clone(),
            None,
            &filled.hash,
            text!(
                ru: "Форма составлена по другой редакции плана {}: строки читаются, если их мероприятия есть в плане", filled.plan;
                en: "The form was made from another version of the plan {}: its rows are read where their activities still exist", filled.plan
            ),
            Some(text!(
                ru: "Отличия перечислены ниже; чтобы их не было, отправьте школе новую форму (roadmap form)";
                en: "The differences are listed below; send the school a new form (roadmap form) to avoid them"
            )),
        );
    }
    let lines = importer.lines(&filled, &before);
    let findings = importer.findings;
    let (after, added, mut findings) = checked(shared, form, &plan, &before, lines, findings);
    findings.sort_by(|a, b| {
        // The form's own finding (its version) first, then cell by cell.
        let grid = &filled.grid;
        (a.cell.grid == *grid, a.cell.row, a.cell.column, a.code).cmp(&(
            b.cell.grid == *grid,
            b.cell.row,
            b.cell.column,
            b.code,
        ))
    });
    findings.dedup();
    Ok(Outcome {
        plan,
        status,
        before,
        after,
        added,
        findings,
    })
}

/// Builds the new status text, checks it with the plan, and drops the lines
/// the checks find errors on, until none are left.
fn checked(
    shared: &mut Workspace,
    form: &Path,
    plan: &Path,
    before: &str,
    mut lines: Vec<NewLine>,
    mut findings: Vec<CellFinding>,
) -> (String, usize, Vec<CellFinding>) {
    loop {
        let (after, ranges) = insert(plan, before, &lines);
        if lines.is_empty() {
            return (after, 0, findings);
        }
        let Ok((run, status)) = crate::run::check_with_status_in(
            std::mem::take(shared),
            plan,
            after.clone().into_bytes(),
        ) else {
            return (before.to_string(), 0, findings);
        };
        let mut bad = Vec::new();
        for d in run.diagnostics.iter().filter(|d| d.span.file == status) {
            let Some(i) = ranges
                .iter()
                .position(|r| r.start <= d.span.start && d.span.start < r.end)
            else {
                continue;
            };
            let line = &lines[i];
            findings.push(CellFinding {
                code: d.code,
                file: form.to_path_buf(),
                cell: line.cell.clone(),
                value: line.value.clone(),
                activity: Some(line.activity.clone()),
                message: d.message.clone(),
                help: d.help.clone(),
            });
            if d.severity() == Severity::Error {
                bad.push(i);
            }
        }
        *shared = run.workspace;
        if bad.is_empty() {
            let added = lines.len();
            return (after, added, findings);
        }
        // A row with an error adds nothing: not its comment, nor its other marks.
        let rows: Vec<(Grid, u32)> = bad
            .iter()
            .map(|&i| (lines[i].cell.grid.clone(), lines[i].cell.row))
            .collect();
        lines.retain(|l| !rows.contains(&(l.cell.grid.clone(), l.cell.row)));
    }
}

/// The status text with `lines` added under their activities, and the byte
/// range of each added line in it.
fn insert(plan: &Path, before: &str, lines: &[NewLine]) -> (String, Vec<std::ops::Range<usize>>) {
    let (doc, _) = crate::syntax::parse(FileId(0), before);
    // Where each activity's lines go: after the last line of its own marks
    // in the status file, or at the end in a new block.
    let mut groups: Vec<(String, Option<usize>, Vec<usize>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match groups.iter_mut().find(|g| g.0 == line.activity) {
            Some(g) => g.2.push(i),
            None => {
                let at = doc
                    .activities
                    .iter()
                    .rev()
                    .find(|a| a.number.text == line.activity)
                    .map(|a| {
                        let end = a
                            .properties
                            .iter()
                            .map(|p| p.value.span.end.max(p.key_span.end))
                            .chain([a.number.span.end, a.title.span.end])
                            .max()
                            .unwrap_or(0);
                        before[end..]
                            .find('\n')
                            .map_or(before.len(), |n| end + n + 1)
                    });
                groups.push((line.activity.clone(), at, vec![i]));
            }
        }
    }
    let mut text = String::with_capacity(before.len() + lines.len() * 60);
    let mut ranges = vec![0..0; lines.len()];
    if before.trim().is_empty() {
        let name = plan
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        text.push_str(&format!("отметки к: {name}\n"));
    }
    let mut inside: Vec<&(String, Option<usize>, Vec<usize>)> =
        groups.iter().filter(|g| g.1.is_some()).collect();
    inside.sort_by_key(|g| g.1);
    let mut from = 0;
    let body = if before.trim().is_empty() { "" } else { before };
    for (_, at, members) in inside {
        let at = at.unwrap_or(0).min(body.len());
        text.push_str(&body[from..at]);
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        from = at;
        for &i in members {
            let start = text.len();
            text.push_str(&lines[i].text);
            ranges[i] = start..text.len();
        }
    }
    text.push_str(&body[from..]);
    for (activity, at, members) in &groups {
        if at.is_some() {
            continue;
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.ends_with("\n\n") {
            text.push('\n');
        }
        text.push_str(&format!("мероприятие {activity}\n"));
        for &i in members {
            let start = text.len();
            text.push_str(&lines[i].text);
            ranges[i] = start..text.len();
        }
    }
    (text, ranges)
}

struct Importer<'a> {
    form: PathBuf,
    roadmap: &'a Roadmap,
    /// The sheet or table the rows are in.
    grid: Grid,
    findings: Vec<CellFinding>,
}

impl Importer<'_> {
    fn at(&self, row: u32, column: u16) -> Cell {
        read::cell_at(&self.grid, row, column)
    }

    fn finding(
        &mut self,
        code: Code,
        cell: Cell,
        activity: Option<&str>,
        value: &str,
        message: Text,
        help: Option<Text>,
    ) {
        self.findings.push(CellFinding {
            code,
            file: self.form.clone(),
            cell,
            value: value.to_string(),
            activity: activity.map(str::to_string),
            message,
            help,
        });
    }

    /// The lines the form adds to the status file `existing`.
    fn lines(&mut self, filled: &Filled, existing: &str) -> Vec<NewLine> {
        let mut out = Vec::new();
        // Actual values added so far, by activity: the n-th `факт:` goes
        // with the n-th target.
        let mut actuals: std::collections::HashMap<String, usize> = Default::default();
        for row in &filled.rows {
            self.locked(row);
            let Some(index) = self.roadmap.activity(&row.activity) else {
                if row.indicator.unwrap_or(0) == 0 {
                    self.finding(
                        Code::UnknownMarked,
                        self.at(row.row, NUMBER),
                        Some(&row.activity),
                        &row.activity,
                        text!(
                            ru: "Мероприятия {} больше нет в плане: строку формы нельзя прочитать", row.activity;
                            en: "Activity {} is no longer in the plan: the form's row cannot be read", row.activity
                        ),
                        Some(text!(
                            ru: "Внесите отметку вручную в файл отметок или отправьте школе новую форму";
                            en: "Add the mark to the status file by hand or send the school a new form"
                        )),
                    );
                }
                continue;
            };
            let activity = &self.roadmap.activities[index];
            if row.indicator.unwrap_or(0) == 0 && activity.title != row.title {
                self.finding(
                    Code::FormOfOtherVersion,
                    self.at(row.row, TITLE),
                    Some(&row.activity),
                    &row.title,
                    text!(
                        ru: "В плане мероприятие {} теперь называется «{}»", row.activity, activity.title;
                        en: "The plan now calls activity {} `{}`", row.activity, activity.title
                    ),
                    None,
                );
            }
            if row.indicator.unwrap_or(0) == 0 {
                self.state(row, activity, existing, &mut out);
            }
            if let Some(n) = row.indicator {
                let next = actuals
                    .entry(row.activity.clone())
                    .or_insert(activity.facts.marks.actuals.len());
                self.actual(row, activity, n, next, &mut out);
            }
        }
        out
    }

    /// A locked cell that differs from what the form was written with.
    fn locked(&mut self, row: &FilledRow) {
        let first = row.indicator.unwrap_or(0) == 0;
        let mut changed = Vec::new();
        if row.cell(NUMBER).text() != row.activity {
            changed.push((NUMBER, row.activity.clone()));
        }
        if first {
            if row.cell(TITLE).text() != row.title {
                changed.push((TITLE, row.title.clone()));
            }
            if row.cell(TIMING).text() != row.timing {
                changed.push((TIMING, row.timing.clone()));
            }
        } else {
            for column in [STATE, DATE, DOCUMENT, COMMENT] {
                if !row.cell(column).is_empty() {
                    changed.push((column, String::new()));
                }
            }
        }
        if row.indicator.is_none() && !row.cell(ACTUAL).is_empty() {
            changed.push((ACTUAL, String::new()));
        }
        for (column, was) in changed {
            let header = COLUMNS[column as usize].0;
            self.finding(
                Code::LockedCellChanged,
                self.at(row.row, column),
                Some(&row.activity),
                &row.cell(column).shown(),
                text!(
                    ru: "Защищённая ячейка «{}» изменена (было «{}»): изменение не читается", header, was;
                    en: "The locked cell `{}` was changed (it held `{}`): the change is not read", header, was
                ),
                Some(text!(
                    ru: "Заполняются только жёлтые ячейки; план меняют в самой дорожной карте";
                    en: "Only the yellow cells are filled in; the plan is changed in the roadmap itself"
                )),
            );
        }
    }

    fn bad_cell(
        &mut self,
        row: &FilledRow,
        column: u16,
        ru: String,
        en: String,
        help: Option<Text>,
    ) {
        let value = row.cell(column).shown();
        self.finding(
            Code::BadFormCell,
            self.at(row.row, column),
            Some(&row.activity),
            &value,
            Text::new(ru, en),
            help,
        );
    }

    fn state(
        &mut self,
        row: &FilledRow,
        activity: &Activity,
        existing: &str,
        out: &mut Vec<NewLine>,
    ) {
        let state = row.cell(STATE);
        let date_cell = row.cell(DATE);
        let document = row.cell(DOCUMENT).text();
        let comment = row.cell(COMMENT).text();
        let grid = self.grid.clone();
        let line = |text: String, column: u16, value: String| NewLine {
            activity: row.activity.clone(),
            text,
            cell: read::cell_at(&grid, row.row, column),
            value,
        };
        // A comment the status file has already is not added again.
        let note = format!("# {}", one_line(&comment));
        if !comment.is_empty() && !existing.lines().any(|l| l.trim() == note) {
            out.push(line(format!("  {note}\n"), COMMENT, comment.clone()));
        }
        let mark = match state {
            Value::Empty => {
                if !date_cell.is_empty() || !document.is_empty() {
                    self.bad_cell(
                        row,
                        STATE,
                        "Дата или документ указаны, а отметка не выбрана".into(),
                        "A date or a document is given but no state is chosen".into(),
                        Some(states_help()),
                    );
                }
                return;
            }
            other => match Mark::parse(&other.text()) {
                Some(m) => m,
                None => {
                    self.bad_cell(
                        row,
                        STATE,
                        format!("Отметки «{}» нет в списке", other.text()),
                        format!("`{}` is not one of the states", other.text()),
                        Some(states_help()),
                    );
                    return;
                }
            },
        };
        let date = match date_cell {
            Value::Empty => None,
            cell => match cell.date() {
                None => {
                    self.bad_cell(
                        row,
                        DATE,
                        format!("«{}» — не дата", cell.shown()),
                        format!("`{}` is not a date", cell.shown()),
                        Some(text!(ru: "Введите дату в виде ДД.ММ.ГГГГ: 15.03.2022"; en: "Enter a date as DD.MM.YYYY: 15.03.2022")),
                    );
                    return;
                }
                Some(d) => {
                    if let Some((from, to)) = row.allowed.filter(|(f, t)| d < *f || d > *t) {
                        self.bad_cell(
                            row,
                            DATE,
                            format!("Дата {} вне допустимых дат мероприятия: с {} по {}", dmy(d), dmy(from), dmy(to)),
                            format!("The date {} is outside the activity's allowed dates: {} to {}", dmy(d), dmy(from), dmy(to)),
                            Some(text!(ru: "Проверьте год и месяц"; en: "Check the year and the month")),
                        );
                        return;
                    }
                    Some(d)
                }
            },
        };
        let needs_date = matches!(mark, Mark::Done | Mark::Started | Mark::Rescheduled);
        let Some(date) = date else {
            if needs_date {
                self.bad_cell(
                    row,
                    DATE,
                    format!("Для отметки «{}» нужна дата", mark.ru()),
                    format!("The state `{}` needs a date", mark.en()),
                    Some(text!(
                        ru: "Для «выполнено» — дата выполнения, «начато» — дата начала, «перенесено» — новый срок";
                        en: "For done: the day it was done; started: the day it began; rescheduled: the new deadline"
                    )),
                );
                return;
            }
            if mark == Mark::Cancelled && !already_cancelled(activity, None) {
                let reason = if document.is_empty() {
                    comment.clone()
                } else {
                    document.clone()
                };
                out.push(line(
                    format!("  отменено: {}\n", one_line(&reason)),
                    STATE,
                    mark.ru().into(),
                ));
            }
            return;
        };
        let marks = &activity.facts.marks;
        let value = dmy(date);
        match mark {
            Mark::Done if !marks.done.iter().any(|d| d.date == date) => {
                out.push(line(
                    format!("  выполнено: {}\n", with_reason(date, &document)),
                    DATE,
                    value,
                ));
            }
            Mark::Started if marks.started.map(|s| s.0) != Some(date) => {
                out.push(line(format!("  начато: {value}\n"), DATE, value));
            }
            Mark::Cancelled if !already_cancelled(activity, Some(date)) => {
                let reason = if document.is_empty() {
                    comment.clone()
                } else {
                    document.clone()
                };
                out.push(line(
                    format!("  отменено: {}\n", with_reason(date, &reason)),
                    DATE,
                    value,
                ));
            }
            Mark::Rescheduled => {
                let to = format!("до {value}");
                if marks.rescheduled.as_ref().map(|t| t.text.as_str()) != Some(to.as_str()) {
                    out.push(line(format!("  перенесено: {to}\n"), DATE, value));
                }
            }
            _ => {}
        }
    }

    fn actual(
        &mut self,
        row: &FilledRow,
        activity: &Activity,
        n: usize,
        next: &mut usize,
        out: &mut Vec<NewLine>,
    ) {
        let cell = row.cell(ACTUAL);
        if cell.is_empty() {
            return;
        }
        let Some(value) = cell.number() else {
            self.bad_cell(
                row,
                ACTUAL,
                format!("«{}» — не число", cell.shown()),
                format!("`{}` is not a number", cell.shown()),
                Some(text!(ru: "Введите число: 85 или 12,5"; en: "Enter a number: 85 or 12.5")),
            );
            return;
        };
        let target = activity
            .facts
            .indicators
            .iter()
            .filter(|i| i.is_target())
            .nth(n);
        let unit = target
            .and_then(|t| t.targets.first())
            .and_then(|t| t.unit.clone());
        let text = match &unit {
            Some(u) => format!("{} {u}", read::number(value)),
            None => read::number(value),
        };
        if let Some(existing) = activity.facts.marks.actuals.get(n) {
            if existing.targets.first().map(|t| t.value) != Some(value) {
                self.bad_cell(
                    row,
                    ACTUAL,
                    format!("У показателя уже есть факт «{}»; форма говорит {}", existing.source.text, text),
                    format!("The indicator already has the actual value `{}`; the form says {}", existing.source.text, text),
                    Some(text!(ru: "Исправьте факт в файле отметок вручную"; en: "Correct the actual value in the status file by hand")),
                );
            }
            return;
        }
        if n != *next {
            self.bad_cell(
                row,
                ACTUAL,
                "Фактическое значение указано, а у показателей выше его нет".into(),
                "An actual value is given while the indicators above have none".into(),
                Some(text!(
                    ru: "Факты идут по порядку показателей: заполните значения показателей выше";
                    en: "Actual values follow the order of the targets: fill in the ones above first"
                )),
            );
            return;
        }
        *next += 1;
        out.push(NewLine {
            activity: row.activity.clone(),
            text: format!("  факт: {text}\n"),
            cell: self.at(row.row, ACTUAL),
            value: cell.shown(),
        });
    }
}

fn already_cancelled(activity: &Activity, date: Option<NaiveDate>) -> bool {
    activity
        .facts
        .marks
        .cancelled
        .as_ref()
        .is_some_and(|c| date.is_none() || c.date == date)
}

fn with_reason(date: NaiveDate, reason: &str) -> String {
    let reason = one_line(reason);
    if reason.is_empty() {
        dmy(date)
    } else {
        format!("{} — {reason}", dmy(date))
    }
}

/// A cell's text on one line: a status file holds one fact per line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn states_help() -> Text {
    let ru: Vec<&str> = Mark::ALL.iter().map(|m| m.ru()).collect();
    let en: Vec<&str> = Mark::ALL.iter().map(|m| m.en()).collect();
    Text::new(
        format!("Выберите из списка: {}", ru.join(", ")),
        format!("Pick one from the list: {}", en.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(activity: &str, text: &str, row: u32) -> NewLine {
        NewLine {
            activity: activity.into(),
            text: text.into(),
            cell: Cell::new(SHEET, row, DATE),
            value: String::new(),
        }
    }

    #[test]
    fn lines_go_under_their_activity_or_into_a_new_block_at_the_end() {
        let before = "отметки к: a.roadmap\n\n# Раздел 1\n\nмероприятие 1.1\n  начато: 10.01.2022\n\n# Раздел 2\n\nмероприятие 2.1\n  выполнено: 01.02.2022\n";
        let lines = [
            line("2.1", "  факт: 93 %\n", 7),
            line("1.1", "  выполнено: 20.01.2022 — приказ\n", 5),
            line("3.1", "  начато: 01.03.2022\n", 9),
        ];
        let (after, ranges) = insert(Path::new("a.roadmap"), before, &lines);
        assert_eq!(
            after,
            "отметки к: a.roadmap\n\n# Раздел 1\n\nмероприятие 1.1\n  начато: 10.01.2022\n  выполнено: 20.01.2022 — приказ\n\n# Раздел 2\n\nмероприятие 2.1\n  выполнено: 01.02.2022\n  факт: 93 %\n\nмероприятие 3.1\n  начато: 01.03.2022\n"
        );
        for (l, r) in lines.iter().zip(&ranges) {
            assert_eq!(&after[r.clone()], l.text);
        }
    }

    #[test]
    fn a_status_file_that_does_not_exist_is_begun_with_its_header() {
        let lines = [line("1.1", "  выполнено: 20.01.2022\n", 5)];
        let (after, ranges) = insert(Path::new("dir/plan.roadmap"), "", &lines);
        assert_eq!(
            after,
            "отметки к: plan.roadmap\n\nмероприятие 1.1\n  выполнено: 20.01.2022\n"
        );
        assert_eq!(&after[ranges[0].clone()], "  выполнено: 20.01.2022\n");
    }

    #[test]
    fn a_last_line_without_a_line_break_gets_one() {
        let before = "отметки к: a.roadmap\n\nмероприятие 1.1\n  начато: 10.01.2022";
        let lines = [line("1.1", "  выполнено: 20.01.2022\n", 5)];
        let (after, _) = insert(Path::new("a.roadmap"), before, &lines);
        assert_eq!(
            after,
            "отметки к: a.roadmap\n\nмероприятие 1.1\n  начато: 10.01.2022\n  выполнено: 20.01.2022\n"
        );
    }

    #[test]
    fn a_cell_goes_on_one_line() {
        assert_eq!(one_line("приказ\n№ 7  от\t25.01"), "приказ № 7 от 25.01");
        let d = NaiveDate::from_ymd_opt(2022, 2, 4).unwrap();
        assert_eq!(with_reason(d, ""), "04.02.2022");
        assert_eq!(with_reason(d, " анкета "), "04.02.2022 — анкета");
    }
}
