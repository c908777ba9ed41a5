//! Builds a [`Roadmap`] from a file's syntax tree and the files it includes:
//! resolves names, timings, indicators and checkpoints.

use super::approval;
use super::fields;
use super::party;
use super::timing::{self, Context, SchoolCalendar};
use super::{
    Activity, Approval, Cancelled, Checkpoint, Dependency, Done, Extension, Facts, Indicator, Lag,
    Loaded, Origin, Party, Roadmap, Section, Stage, Timing, TimingCell, Workspace,
};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lang::{Lang, Text};
use crate::source::{FileId, Span};
use crate::syntax::{self, Document, Key, Property, Spanned};
use crate::text;
use std::collections::{HashMap, HashSet};

/// Builds the roadmap in `file`, reading what it includes.
pub fn build(ws: &mut Workspace, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Loaded {
    let folded = super::extend::fold(ws, file, diagnostics);
    let doc = &folded.doc;
    let mut parties = Vec::new();
    let mut calendar_lines = Vec::new();
    include_parties(
        ws,
        doc,
        &mut vec![file],
        (&mut parties, &mut calendar_lines),
        diagnostics,
    );
    let is_roadmap = doc.header(Key::Title).is_some()
        || doc.header(Key::Period).is_some()
        || !doc.sections.is_empty()
        || !doc.activities.is_empty();
    if !is_roadmap {
        check_parties(&parties, diagnostics);
        return Loaded::Shared;
    }
    let start = Span::new(file, 0, 0);
    // Without `период:`, the hull of the timings that resolve without one;
    // the others resolve against it.
    let hull = doc
        .header(Key::Period)
        .is_none()
        .then(|| fields::hull_of_timings(doc))
        .flatten();
    for (key, ru, en) in [
        (
            Key::Title,
            "Добавьте в начало файла строку «дорожная карта: Название»",
            "Add a line `roadmap: Title` at the top of the file",
        ),
        // A placeholder to fill in: nothing in the roadmap says which year it is.
        (
            Key::Period,
            "Добавьте в начало файла строку «период: ГГГГ», подставив вместо ГГГГ год карты (или годы: «ГГГГ–ГГГГ»)",
            "Add a line `period: YYYY` at the top of the file, with the roadmap's year in place of YYYY (or its years: `YYYY–YYYY`)",
        ),
    ] {
        if doc.header(key).is_none() && !(key == Key::Period && hull.is_some()) {
            let (key_ru, key_en) = key.spelling();
            diagnostics.push(
                Diagnostic::new(
                    Code::MissingHeader,
                    start,
                    text!(ru: "В карте нет строки «{}:»", key_ru; en: "The roadmap has no `{}:` line", key_en),
                )
                .with_help(Text::new(ru, en)),
            );
        }
    }
    let period = doc.header(Key::Period).and_then(|p| {
        match timing::resolve_period(&p.value.text) {
            Ok(interval) => Some((interval, p.value.span)),
            Err(err) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::BadPeriod,
                        p.value.span,
                        text!(ru: "Период «{}» нельзя прочитать", p.value.text; en: "The period `{}` cannot be read", p.value.text),
                    )
                    .with_label(Text::new(err.kind.message(Lang::Ru), err.kind.message(Lang::En)))
                    .with_help(text!(
                        ru: "Период — год («2022»), годы («2020–2022») или даты («01.09.2020 – 31.08.2021»)";
                        en: "A period is a year (`2022`), years (`2020–2022`) or dates (`01.09.2020 – 31.08.2021`)"
                    )),
                );
                None
            }
        }
    });
    check_parties(&parties, diagnostics);
    let school_calendar = school_calendar(&calendar_lines, diagnostics);
    let builder = Builder {
        ids: parties.iter().map(|p| p.id.text.clone()).collect(),
        context: Context::new(period.map(|(p, _)| p).or(hull)).with_calendar(school_calendar),
        cache: std::cell::RefCell::new(std::mem::take(&mut ws.timings)),
        memo: std::cell::RefCell::new(std::mem::take(&mut ws.memo)),
    };
    let sections = sections(doc, diagnostics);
    let mut activities: Vec<Activity> = doc
        .activities
        .iter()
        .map(|decl| builder.activity(decl, diagnostics))
        .collect();
    for activity in &mut activities {
        activity.template_title = folded.raw_titles.get(&activity.number.text).cloned();
    }
    fields::sub_items(&mut activities, diagnostics);
    // …and the period is the hull of them all.
    let hull = hull.map(|h| fields::widen(h, &activities));
    if let Some(hull) = hull {
        let at = doc.header(Key::Title).map_or(start, |t| t.key_span);
        diagnostics.push(fields::inferred_period(at, hull));
    }
    let extension = folded.extends.then(|| {
        let plan = ws.document(file);
        mark_origins(&plan, file, &mut activities);
        extension(&folded, &plan)
    });
    let roadmap = Roadmap {
        file,
        title: doc.header(Key::Title).map(|p| p.value.clone()),
        period: period.or_else(|| hull.map(|h| (h, start))),
        period_inferred: hull.is_some(),
        goal: doc.header(Key::Goal).map(|p| p.value.clone()),
        tasks: fields::tasks(doc),
        controlled_by: doc.header(Key::ControlledBy).map(|p| p.value.clone()),
        signed_by: doc.header(Key::SignedBy).map(|p| p.value.clone()),
        approval: doc
            .header(Key::Approved)
            .map(|p| approval(&p.value, &mut builder.memo.borrow_mut(), diagnostics)),
        owner: doc.header(Key::Owner).map(|p| {
            let mut owner = p.value.clone();
            if let Some(known) = party::resolve(&builder.ids, &owner.text) {
                owner.text = known.to_string();
            }
            owner
        }),
        days_off: days_off(doc, diagnostics),
        school_calendar,
        parties,
        sections,
        activities,
        extension,
        is_template: folded.parameters.iter().any(|(_, p)| p.value.is_none()),
        errors: 0,
    };
    duplicate_activities(&roadmap, diagnostics);
    for o in &folded.overrides {
        builder.conformance(o, diagnostics);
    }
    for decl in doc.activities.iter().filter(|a| a.title.text.is_empty()) {
        diagnostics.push(
            Diagnostic::new(
                Code::EmptyValue,
                decl.number.span,
                text!(ru: "У мероприятия {} нет названия", decl.number.text; en: "Activity {} has no title", decl.number.text),
            )
            .with_help(text!(
                ru: "Напишите название на той же строке: «мероприятие {}. Название»", decl.number.text;
                en: "Write the title on the same line: `activity {}. Title`", decl.number.text
            )),
        );
    }
    ws.timings = builder.cache.into_inner();
    ws.memo = builder.memo.into_inner();
    Loaded::Roadmap(Box::new(roadmap))
}

/// Tells a plan's own activities from those of its template, and those it
/// changed (`plan` is the plan's own file) from those it left as they are.
fn mark_origins(plan: &Document, file: FileId, activities: &mut [Activity]) {
    let changes = |properties: &[Property]| properties.iter().any(|p| !p.key.is_mark());
    let amended: HashSet<&str> = plan
        .activities
        .iter()
        .filter(|a| changes(&a.properties) || a.stages.iter().any(|s| changes(&s.properties)))
        .map(|a| a.number.text.as_str())
        .collect();
    for activity in activities {
        activity.origin = if activity.number.span.file == file {
            Origin::Own
        } else if amended.contains(activity.number.text.as_str()) {
            Origin::Amended
        } else {
            Origin::Template
        };
    }
}

/// The chain, the parameters' values and what the plan is for.
fn extension(folded: &super::extend::Folded, plan: &Document) -> Extension {
    let parameters: Vec<(String, Option<String>)> = folded
        .parameters
        .iter()
        .map(|(name, p)| (name.clone(), p.value.as_ref().map(|v| v.text.clone())))
        .collect();
    let subject = folded.template_title.as_deref().and_then(|title| {
        title.split('{').skip(1).find_map(|rest| {
            let name = &rest[..rest.find('}')?];
            parameters
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, v)| v.clone())
        })
    });
    Extension {
        named: plan
            .header(Key::Extends)
            .map(|h| h.value.text.clone())
            .unwrap_or_default(),
        chain: folded.templates.clone(),
        parameters,
        subject,
        template_title: folded.template_title.clone(),
        filled: folded.filled.clone(),
    }
}

/// Adds the marks of a status file (`отметки к: …`) to its roadmap. The file
/// holds `мероприятие N` lines (titles optional) with marks only.
pub fn apply_status(
    ws: &Workspace,
    roadmap: &mut Roadmap,
    status: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let doc = ws.document(status);
    let builder = Builder {
        ids: roadmap.parties.iter().map(|p| p.id.text.clone()).collect(),
        context: Context::new(roadmap.period.map(|(p, _)| p))
            .with_calendar(roadmap.school_calendar),
        cache: Default::default(),
        memo: Default::default(),
    };
    if let Some(line) = doc
        .headers
        .iter()
        .find(|h| h.key != Key::StatusOf)
        .map(|h| h.key_span)
        .or_else(|| doc.sections.first().map(|s| s.number.span))
        .or_else(|| doc.parties.first().map(|p| p.id.span))
    {
        diagnostics.push(not_a_mark(line));
    }
    for decl in &doc.activities {
        let properties: Vec<&Property> = decl
            .properties
            .iter()
            .chain(decl.stages.iter().flat_map(|s| &s.properties))
            .collect();
        if let Some(p) = properties.iter().find(|p| !p.key.is_mark()) {
            diagnostics.push(not_a_mark(p.key_span));
        }
        let Some(index) = roadmap.activity(&decl.number.text) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnknownMarked,
                    decl.number.span,
                    text!(
                        ru: "Отметка к мероприятию {}, которого нет в карте", decl.number.text;
                        en: "A mark for activity {}, which is not in the roadmap", decl.number.text
                    ),
                )
                .with_help(text!(
                    ru: "Проверьте номер: возможно, мероприятие перенумеровали";
                    en: "Check the number: the activity may have been renumbered"
                )),
            );
            continue;
        };
        let activity = &mut roadmap.activities[index];
        let marks = builder.facts(&decl.properties, diagnostics).marks;
        merge(&mut activity.facts.marks, marks);
        for stage_decl in &decl.stages {
            let marks = builder.facts(&stage_decl.properties, diagnostics).marks;
            match activity
                .stages
                .iter_mut()
                .find(|s| s.label.text == stage_decl.label.text)
            {
                Some(stage) => merge(&mut stage.facts.marks, marks),
                None => diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownMarked,
                        stage_decl.label.span,
                        text!(
                            ru: "У мероприятия {} нет этапа «{}»", decl.number.text, stage_decl.label.text;
                            en: "Activity {} has no stage `{}`", decl.number.text, stage_decl.label.text
                        ),
                    )
                    .with_help(text!(ru: "Этапы мероприятия: {}", stage_names(activity); en: "The activity's stages: {}", stage_names(activity))),
                ),
            }
        }
    }
}

fn stage_names(activity: &Activity) -> String {
    let names: Vec<&str> = activity
        .stages
        .iter()
        .map(|s| s.label.text.as_str())
        .collect();
    if names.is_empty() {
        "—".to_string()
    } else {
        names.join(", ")
    }
}

fn merge(into: &mut super::Marks, from: super::Marks) {
    if from.started.is_some() {
        into.started = from.started;
    }
    into.done.extend(from.done);
    if from.cancelled.is_some() {
        into.cancelled = from.cancelled;
    }
    if from.rescheduled.is_some() {
        into.rescheduled = from.rescheduled;
    }
    into.actuals.extend(from.actuals);
}

fn not_a_mark(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::Misplaced,
        span,
        text!(ru: "В файле отметок могут быть только отметки о выполнении"; en: "A status file may hold only status marks"),
    )
    .with_help(text!(
        ru: "Пишите под «мероприятие N» строки «начато:», «выполнено:», «отменено:», «перенесено:», «факт:»; план меняют в самой карте";
        en: "Under `activity N` write `started:`, `done:`, `cancelled:`, `rescheduled:`, `actual:` lines; the plan is changed in the roadmap itself"
    ))
}

/// How to mend a file the tool refused to read (outside the root, not a
/// regular file, too large).
pub(super) fn refused_help() -> crate::lang::Text {
    text!(
        ru: "Подключайте только файлы .roadmap внутри проекта (git-репозитория или папки проверки); корень можно задать ключом --root";
        en: "Include only .roadmap files inside the project (the git work tree or the folder checked); --root names another root"
    )
}

/// Collects the parties of `doc` and of everything it includes, depth first;
/// an include's path is relative to the file its line stands in.
/// An included file may also hold `учебный календарь:` lines: they are
/// gathered in `calendar`, the including file's after the included ones', so
/// that a roadmap's own lines win.
fn include_parties(
    ws: &mut Workspace,
    doc: &Document,
    stack: &mut Vec<FileId>,
    (parties, calendar): (&mut Vec<Party>, &mut Vec<syntax::Property>),
    diagnostics: &mut Vec<Diagnostic>,
) {
    for include in doc.headers.iter().filter(|h| h.key == Key::Include) {
        let base = ws
            .sources
            .get(include.value.span.file)
            .path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let path = crate::source::normalize(&base.join(&include.value.text));
        let included = match ws.load(&path) {
            Ok(id) => id,
            Err(err) => {
                let help = match err.code() {
                    Some(_) => refused_help(),
                    None => text!(
                        ru: "Путь отсчитывается от папки этого файла; проверьте имя файла";
                        en: "The path is relative to this file's folder; check the file name"
                    ),
                };
                diagnostics.push(
                    Diagnostic::new(
                        err.code().unwrap_or(Code::IncludeNotFound),
                        include.value.span,
                        text!(
                            ru: "Файл «{}» нельзя прочитать: {}", path.display(), err.ru();
                            en: "Cannot read `{}`: {}", path.display(), err
                        ),
                    )
                    .with_label(text!(ru: "подключается здесь"; en: "included here"))
                    .with_help(help),
                );
                continue;
            }
        };
        if let Some(at) = stack.iter().position(|&f| f == included) {
            let chain: Vec<String> = stack[at..]
                .iter()
                .chain(std::iter::once(&included))
                .map(|f| ws.sources.get(*f).path.display().to_string())
                .collect();
            let chain = chain.join(" → ");
            diagnostics.push(
                Diagnostic::new(
                    Code::IncludeCycle,
                    include.value.span,
                    text!(ru: "Файлы подключают друг друга по кругу: {}", chain; en: "Files include each other in a cycle: {}", chain),
                )
                .with_label(text!(ru: "замыкает круг"; en: "closes the cycle"))
                .with_help(text!(
                    ru: "Вынесите общих участников в отдельный файл и подключайте только его";
                    en: "Move the shared parties into one file and include only that file"
                )),
            );
            continue;
        }
        let included_doc = ws.document(included);
        if let Some(line) = first_non_party_line(&included_doc) {
            diagnostics.push(
                Diagnostic::new(
                    Code::IncludeContent,
                    line,
                    text!(
                        ru: "Подключаемый файл может объявлять только участников и учебный календарь";
                        en: "An included file may only declare parties and the school calendar"
                    ),
                )
                .with_secondary(
                    include.value.span,
                    text!(ru: "подключён здесь"; en: "included here"),
                )
                .with_help(text!(
                    ru: "Оставьте в этом файле только строки «участник …», «учебный календарь: …» и комментарии";
                    en: "Keep only `party …` and `school calendar: …` lines and comments in this file"
                )),
            );
        }
        stack.push(included);
        include_parties(
            ws,
            &included_doc,
            stack,
            (&mut *parties, &mut *calendar),
            diagnostics,
        );
        stack.pop();
    }
    parties.extend(doc.parties.iter().map(party));
    calendar.extend(
        doc.headers
            .iter()
            .filter(|h| h.key == Key::SchoolCalendar)
            .cloned(),
    );
}

/// The first declaration other than a party or an include.
fn first_non_party_line(doc: &Document) -> Option<Span> {
    doc.headers
        .iter()
        .find(|h| !matches!(h.key, Key::Include | Key::SchoolCalendar))
        .map(|h| h.key_span)
        .or_else(|| doc.sections.first().map(|s| s.number.span))
        .or_else(|| doc.activities.first().map(|a| a.number.span))
}

fn party(decl: &syntax::PartyDecl) -> Party {
    let values = |key: Key| {
        decl.properties
            .iter()
            .filter(move |p| p.key == key)
            .map(|p| p.value.text.clone())
    };
    Party {
        id: decl.id.clone(),
        name: decl.name.text.clone(),
        email: values(Key::Email).next(),
        contacts: values(Key::Contact).collect(),
    }
}

fn check_parties(parties: &[Party], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for p in parties {
        if let Some(first) = seen.insert(&p.id.text, p.id.span) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateParty,
                    p.id.span,
                    text!(ru: "Участник «{}» объявлен второй раз", p.id.text; en: "Party `{}` is declared a second time", p.id.text),
                )
                .with_label(text!(ru: "второе объявление"; en: "second declaration"))
                .with_secondary(first, text!(ru: "первое объявление"; en: "first declaration"))
                .with_help(text!(ru: "Удалите одно из объявлений или дайте участнику другое имя"; en: "Delete one declaration or give the party another id")),
            );
        }
    }
}

fn sections(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Vec<Section> {
    let mut by_number: HashMap<&str, usize> = HashMap::new();
    let mut sections = Vec::with_capacity(doc.sections.len());
    for (i, decl) in doc.sections.iter().enumerate() {
        let number = decl.number.text.as_str();
        if let Some(&first) = by_number.get(number) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateSection,
                    decl.number.span,
                    text!(ru: "Раздел {} уже есть", number; en: "Section {} already exists", number),
                )
                .with_label(text!(ru: "второй раздел с этим номером"; en: "second section with this number"))
                .with_secondary(doc.sections[first].number.span, text!(ru: "первый"; en: "first"))
                .with_help(text!(ru: "Перенумеруйте разделы так, чтобы номера не повторялись"; en: "Renumber the sections so that no number repeats")),
            );
        } else {
            by_number.insert(number, i);
        }
        let parent = std::iter::successors(number.rsplit_once('.').map(|(p, _)| p), |p| {
            p.rsplit_once('.').map(|(p, _)| p)
        })
        .find_map(|prefix| by_number.get(prefix).copied())
        .filter(|&p| p != i);
        let (risks, funding) = fields::section_fields(&decl.properties, diagnostics);
        sections.push(Section {
            number: decl.number.clone(),
            title: decl.title.text.clone(),
            parent,
            risks,
            funding,
        });
    }
    sections
}

fn duplicate_activities(roadmap: &Roadmap, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for a in &roadmap.activities {
        if let Some(first) = seen.insert(&a.number.text, a.number.span) {
            seen.insert(&a.number.text, first);
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateActivity,
                    a.number.span,
                    text!(ru: "Мероприятие {} уже есть", a.number.text; en: "Activity {} already exists", a.number.text),
                )
                .with_label(text!(ru: "второе мероприятие с этим номером"; en: "second activity with this number"))
                .with_secondary(first, text!(ru: "первое"; en: "first"))
                .with_help(text!(
                    ru: "Номер мероприятия должен быть единственным во всей карте: на него ссылаются «после:» и отметки о выполнении";
                    en: "An activity number must be unique in the whole roadmap: `after:` and status marks refer to it"
                )),
            );
        }
    }
}

fn approval(value: &Spanned, memo: &mut Memo, diagnostics: &mut Vec<Diagnostic>) -> Approval {
    let found = memo.approval(&value.text);
    let blank = |range: &Range, what: crate::lang::Text, diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.push(
            Diagnostic::new(
                Code::BlankApproval,
                value.span.sub(range.start, range.end),
                text!(
                    ru: "В строке утверждения {}: «{}»", what.ru, &value.text[range.clone()];
                    en: "The approval line leaves its {} blank: `{}`", what.en, &value.text[range.clone()]
                ),
            )
            .with_label(text!(ru: "не заполнено"; en: "left blank"))
            .with_help(text!(
                ru: "Перепишите номер и дату из подписанного документа: «утверждена: приказ № 52-а от 14.03.2022»; пока документа нет, уберите пропуски";
                en: "Copy the number and the date from the signed document: `approved: order No. 52-a of 14.03.2022`; until it is signed, leave the blanks out"
            )),
        );
    };
    let number = match &found.number {
        Some(approval::Part::Written(r)) => Some(value.text[r.clone()].to_string()),
        Some(approval::Part::Blank(r)) => {
            blank(r, text!(ru: "не заполнен номер"; en: "number"), diagnostics);
            None
        }
        None => None,
    };
    let date = match &found.date {
        Some(approval::Part::Written(r)) => {
            let written = &value.text[r.clone()];
            let parsed = approval::date(written);
            if parsed.is_none() {
                diagnostics.push(bad_date(value.span.sub(r.start, r.end), written));
            }
            parsed
        }
        Some(approval::Part::Blank(r)) => {
            blank(r, text!(ru: "не заполнена дата"; en: "date"), diagnostics);
            None
        }
        None => None,
    };
    Approval {
        text: value.text.clone(),
        number,
        date,
    }
}

/// The default school calendar with every `учебный календарь:` line applied.
fn school_calendar(
    lines: &[syntax::Property],
    diagnostics: &mut Vec<Diagnostic>,
) -> SchoolCalendar {
    let mut calendar = SchoolCalendar::default();
    for h in lines {
        match timing::calendar_line(&h.value.text) {
            Ok((term, days)) => calendar = calendar.with(term, days),
            Err(err) => {
                let span = h.value.span.sub(
                    err.span.start.min(h.value.text.len()),
                    err.span.end.min(h.value.text.len()),
                );
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnresolvedTiming,
                        span,
                        text!(
                            ru: "Строку учебного календаря «{}» нельзя прочитать", h.value.text;
                            en: "The school calendar line `{}` cannot be read", h.value.text
                        ),
                    )
                    .with_label(Text::new(err.kind.message(Lang::Ru), err.kind.message(Lang::En)))
                    .with_help(text!(
                        ru: "Пишите четверть или каникулы и их первый и последний день: «учебный календарь: I четверть: 01.09 – 27.10»";
                        en: "Write a term or holidays and their first and last day: `school calendar: first term: 01.09 – 27.10`"
                    )),
                );
            }
        }
    }
    calendar
}

/// The dates of every `нерабочие дни:` line.
fn days_off(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Vec<chrono::NaiveDate> {
    doc.headers
        .iter()
        .filter(|h| h.key == Key::DaysOff)
        .flat_map(|h| list(&h.value))
        .filter_map(|item| {
            let date = timing::parse_date(&item.text);
            if date.is_none() {
                diagnostics.push(bad_date(item.span, &item.text));
            }
            date
        })
        .collect()
}

fn bad_date(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadDate,
        span,
        text!(ru: "Дату «{}» нельзя прочитать", written; en: "The date `{}` cannot be read", written),
    )
    .with_help(text!(ru: "Пишите дату как 14.03.2022"; en: "Write the date as 14.03.2022"))
}

/// Distinct timing texts kept; past this a run resolves afresh. The same
/// holds for each kind of value in [`Memo`].
const CACHE_LIMIT: usize = 100_000;

/// What the builder has read from values so far, by text, kept in the
/// [`Workspace`] for every roadmap of the run: the indicators, dependencies
/// and checkpoints of a template are read once for all its plans.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    indicators: HashMap<String, Indicator>,
    dependencies: HashMap<String, Option<syntax::DependencyItem>>,
    durations: HashMap<String, Option<(u32, syntax::LagUnit)>>,
    checkpoints: HashMap<String, Option<(Range, Range)>>,
    approvals: HashMap<String, approval::Found>,
    dates: HashMap<String, Option<chrono::NaiveDate>>,
}

type Range = std::ops::Range<usize>;

impl Memo {
    /// [`Indicator::parse`], read once per text.
    pub(crate) fn indicator(&mut self, source: Spanned) -> Indicator {
        let Some(known) = self.indicators.get(&source.text) else {
            let parsed = Indicator::parse(source);
            if self.indicators.len() < CACHE_LIMIT {
                self.indicators
                    .insert(parsed.source.text.clone(), parsed.clone());
            }
            return parsed;
        };
        Indicator {
            source,
            ..known.clone()
        }
    }

    fn dependency(&mut self, text: &str) -> Option<syntax::DependencyItem> {
        remember(&mut self.dependencies, text, syntax::parse_dependency)
    }

    fn duration(&mut self, text: &str) -> Option<(u32, syntax::LagUnit)> {
        remember(&mut self.durations, text, syntax::parse_duration)
    }

    fn checkpoint(&mut self, text: &str) -> Option<(Range, Range)> {
        remember(&mut self.checkpoints, text, syntax::parse_checkpoint)
    }

    fn approval(&mut self, text: &str) -> approval::Found {
        remember(&mut self.approvals, text, approval::find)
    }

    fn date(&mut self, text: &str) -> Option<chrono::NaiveDate> {
        remember(&mut self.dates, text, timing::parse_date)
    }
}

/// `read(text)`, or what it gave for the same text before.
fn remember<T: Clone>(known: &mut HashMap<String, T>, text: &str, read: fn(&str) -> T) -> T {
    if let Some(value) = known.get(text) {
        return value.clone();
    }
    let value = read(text);
    if known.len() < CACHE_LIMIT {
        known.insert(text.to_string(), value.clone());
    }
    value
}

struct Builder {
    ids: Vec<String>,
    context: Context,
    /// Resolved timings by text, shared by every roadmap of the run: the
    /// cells a template gives its thousands of plans are resolved once.
    cache: std::cell::RefCell<super::TimingCache>,
    memo: std::cell::RefCell<Memo>,
}

impl Builder {
    fn activity(&self, decl: &syntax::ActivityDecl, diagnostics: &mut Vec<Diagnostic>) -> Activity {
        let after = decl
            .properties
            .iter()
            .filter(|p| p.key == Key::After)
            .flat_map(|p| list(&p.value))
            .filter_map(|item| dependency(&item, &mut self.memo.borrow_mut(), diagnostics))
            .collect();
        Activity {
            number: decl.number.clone(),
            title: decl.title.text.clone(),
            section: decl.section,
            parent: None,
            children_hull: None,
            origin: Origin::Own,
            template_title: None,
            after,
            mandatory: !decl.properties.iter().any(|p| {
                p.key == Key::Mandatory
                    && matches!(p.value.text.to_lowercase().as_str(), "нет" | "no" | "false")
            }),
            facts: self.facts(&decl.properties, diagnostics),
            stages: decl
                .stages
                .iter()
                .map(|s| Stage {
                    label: s.label.clone(),
                    facts: self.facts(&s.properties, diagnostics),
                })
                .collect(),
        }
    }

    fn facts(&self, properties: &[Property], diagnostics: &mut Vec<Diagnostic>) -> Facts {
        let mut facts = Facts::default();
        for p in properties {
            let value = &p.value;
            match p.key {
                Key::When => facts.timing = Some(self.timing(value, diagnostics)),
                Key::Duration => match self.memo.borrow_mut().duration(&value.text) {
                    Some((amount, unit)) => facts.duration = Some((Lag { amount, unit }, value.span)),
                    None => diagnostics.push(
                        Diagnostic::new(
                            Code::BadDuration,
                            value.span,
                            text!(ru: "Длительность «{}» нельзя прочитать", value.text; en: "The duration `{}` cannot be read", value.text),
                        )
                        .with_help(text!(
                            ru: "Пишите число и единицу: «5 дней», «2 недели», «10 рабочих дней»";
                            en: "Write a number and a unit: `5 days`, `2 weeks`, `10 working days`"
                        )),
                    ),
                },
                Key::By => {
                    for id in list(value) {
                        let id = self.check_party(id, diagnostics);
                        facts.responsible.push(id);
                    }
                }
                Key::Indicator => facts.indicators.push(self.indicator(value)),
                Key::Result => facts.results.push(value.clone()),
                Key::Document => facts.documents.push(value.clone()),
                Key::Risk => facts.risks.push(fields::risk(value, diagnostics)),
                Key::Funding => facts.funding.push(fields::funding(value, diagnostics)),
                Key::Note => facts.notes.push(value.clone()),
                Key::Checkpoint => {
                    if let Some(c) = checkpoint(value, &mut self.memo.borrow_mut(), diagnostics) {
                        facts.checkpoints.push(c);
                    }
                }
                Key::Started => {
                    if let Some((date, _)) = dated(value, &mut self.memo.borrow_mut(), diagnostics) {
                        facts.marks.started = Some((date, value.span));
                    }
                }
                Key::Done => {
                    if let Some((date, evidence)) = dated(value, &mut self.memo.borrow_mut(), diagnostics) {
                        facts.marks.done.push(Done {
                            date,
                            evidence,
                            span: value.span,
                        });
                    }
                }
                Key::Cancelled => {
                    let parsed = self.memo.borrow_mut().checkpoint(&value.text);
                    let (date, reason) = match parsed {
                        Some((d, text)) => match self.memo.borrow_mut().date(&value.text[d]) {
                            Some(date) => (Some(date), value.text[text].to_string()),
                            None => (None, value.text.clone()),
                        },
                        None => (None, value.text.clone()),
                    };
                    facts.marks.cancelled = Some(Cancelled {
                        date,
                        reason,
                        span: value.span,
                    });
                }
                Key::Rescheduled => facts.marks.rescheduled = Some(self.timing(value, diagnostics)),
                Key::Actual => facts.marks.actuals.push(self.indicator(value)),
                _ => {}
            }
        }
        if let (Some((_, duration_span)), Some(cell)) = (&facts.duration, &facts.timing) {
            if !matches!(cell.resolved, Some(Timing::Deadline { .. }) | None) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DurationWithWindow,
                        *duration_span,
                        text!(ru: "Длительность вместе с точным сроком «{}»", cell.text; en: "A duration together with the fixed timing `{}`", cell.text),
                    )
                    .with_secondary(cell.span, text!(ru: "точный срок"; en: "fixed timing"))
                    .with_help(text!(
                        ru: "Оставьте что-то одно: срок задаёт даты, длительность ставит мероприятие сразу после тех, от которых оно зависит (вместе с длительностью допустим только срок «до …»)";
                        en: "Keep one: a timing fixes the dates, a duration places the activity right after what it depends on (only a `by …` deadline may go with a duration)"
                    )),
                );
            }
        }
        facts
    }

    fn indicator(&self, value: &Spanned) -> Indicator {
        self.memo.borrow_mut().indicator(value.clone())
    }

    /// [`timing::resolve`] in the roadmap's context, once per text.
    fn resolve(&self, text: &str) -> Result<Timing, timing::TimingError> {
        let key = (text.to_string(), self.context.period, self.context.calendar);
        let cached = self.cache.borrow().get(&key).cloned();
        cached.unwrap_or_else(|| {
            let result = timing::resolve(text, &self.context);
            let mut cache = self.cache.borrow_mut();
            if cache.len() < CACHE_LIMIT {
                cache.insert(key, result.clone());
            }
            result
        })
    }

    fn timing(&self, value: &Spanned, diagnostics: &mut Vec<Diagnostic>) -> TimingCell {
        let resolved = match self.resolve(&value.text) {
            Ok(t) => Some(t),
            Err(err) => {
                let code = err.kind.code();
                let span = value.span.sub(
                    err.span.start.min(value.text.len()),
                    err.span.end.min(value.text.len()),
                );
                let mut d = Diagnostic::new(
                    code,
                    span,
                    Text::new(err.kind.message(Lang::Ru), err.kind.message(Lang::En)),
                );
                if let (Some(ru), Some(en)) = (err.kind.help(Lang::Ru), err.kind.help(Lang::En)) {
                    d = d.with_help(Text::new(ru, en));
                }
                diagnostics.push(d);
                None
            }
        };
        TimingCell {
            text: value.text.clone(),
            span: value.span,
            resolved,
        }
    }

    /// A plan may tighten its template, never loosen it.
    fn conformance(&self, o: &super::extend::Override, diagnostics: &mut Vec<Diagnostic>) {
        let fmt = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
        match o.plan.key {
            Key::When => {
                let end = |p: &Property| self.resolve(&p.value.text).ok()?.bounds().map(|b| b.end);
                let (Some(template), Some(plan)) = (end(&o.template), end(&o.plan)) else {
                    return;
                };
                if plan > template {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::LaterDeadline,
                            o.plan.value.span,
                            text!(
                                ru: "Срок мероприятия {} ({}) позже срока шаблона ({})", o.activity, fmt(plan), fmt(template);
                                en: "Activity {} ends {}, later than its template allows ({})", o.activity, fmt(plan), fmt(template)
                            ),
                        )
                        .with_label(text!(ru: "до {}", fmt(plan); en: "until {}", fmt(plan)))
                        .with_secondary(o.template.value.span, text!(ru: "срок шаблона: до {}", fmt(template); en: "the template's timing: until {}", fmt(template)))
                        .with_help(text!(
                            ru: "План может только ужесточить срок шаблона: закончите не позже {}", fmt(template);
                            en: "A plan may only tighten the template's timing: end by {}", fmt(template)
                        )),
                    );
                }
            }
            Key::Indicator => {
                let template = self.indicator(&o.template.value);
                let plan = self.indicator(&o.plan.value);
                // Each target of the template against the plan's in the same unit.
                let lowered = template.targets.iter().find_map(|want| {
                    plan.targets
                        .iter()
                        .find(|got| match (&want.unit, &got.unit) {
                            (Some(w), Some(g)) => super::same_unit(w, g),
                            (None, None) => true,
                            _ => false,
                        })
                        .filter(|got| want.loosened_by(got))
                        .map(|got| (want, got))
                });
                if let Some((want, got)) = lowered {
                    let (was, is) = (
                        template.written(want).unwrap_or(&o.template.value.text),
                        plan.written(got).unwrap_or(&o.plan.value.text),
                    );
                    diagnostics.push(
                        Diagnostic::new(
                            Code::LowerTarget,
                            plan.span_of(got),
                            text!(
                                ru: "Показатель мероприятия {} ({}) ниже показателя шаблона ({})", o.activity, is, was;
                                en: "Activity {}'s target ({}) is lower than the template's ({})", o.activity, is, was
                            ),
                        )
                        .with_secondary(template.span_of(want), text!(ru: "показатель шаблона"; en: "the template's target"))
                        .with_help(text!(
                            ru: "План может только ужесточить показатель шаблона «{}»: поднять нижнюю границу или опустить верхнюю", was;
                            en: "A plan may only tighten the template's target `{}`: raise a lower bound or lower an upper one", was
                        )),
                    );
                }
            }
            _ => {}
        }
    }

    /// The party `id` names, written as declared (an id in another case
    /// becomes the declared one); an unknown id is reported and kept.
    fn check_party(&self, mut id: Spanned, diagnostics: &mut Vec<Diagnostic>) -> Spanned {
        match party::resolve(&self.ids, &id.text) {
            Some(known) => {
                if known != id.text {
                    id.text = known.to_string();
                }
            }
            None => diagnostics.push(party::unknown(&self.ids, &id)),
        }
        id
    }
}

/// Splits a comma-separated value, keeping each item's span.
fn list(value: &Spanned) -> Vec<Spanned> {
    let mut items = Vec::new();
    let mut start = 0;
    for piece in value.text.split([',', ';']) {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let from = start + lead;
            items.push(Spanned {
                text: trimmed.to_string(),
                span: value.span.sub(from, from + trimmed.len()),
            });
        }
        start += piece.len() + 1;
    }
    items
}

fn dependency(
    item: &Spanned,
    memo: &mut Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Dependency> {
    match memo.dependency(&item.text) {
        Some(dep) => Some(Dependency {
            number: Spanned {
                text: item.text[dep.number.clone()].to_string(),
                span: item.span.sub(dep.number.start, dep.number.end),
            },
            lag: dep.lag.map(|(amount, unit)| Lag { amount, unit }),
        }),
        None => {
            // `1 + 99999999999 дней` reads but its lag does not fit a number.
            let too_large = item
                .text
                .split(|c: char| !c.is_ascii_digit())
                .find(|run| !run.is_empty() && run.parse::<u32>().is_err());
            let message = match too_large {
                Some(run) => text!(
                    ru: "Число {} слишком велико: задержка бывает не больше {} дней", run, u32::MAX;
                    en: "The number {} is too large: a lag is at most {} days", run, u32::MAX
                ),
                None => {
                    text!(ru: "«{}» — не номер мероприятия", item.text; en: "`{}` is not an activity number", item.text)
                }
            };
            diagnostics.push(
                Diagnostic::new(Code::Syntax, item.span, message)
                .with_help(text!(
                    ru: "Пишите номера через запятую, с необязательной задержкой: «после: 4.2 + 5 дней, 3.1»";
                    en: "Write numbers separated by commas, with an optional lag: `after: 4.2 + 5 days, 3.1`"
                )),
            );
            None
        }
    }
}

/// A `DATE — text` mark value.
fn dated(
    value: &Spanned,
    memo: &mut Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(chrono::NaiveDate, String)> {
    let parsed = memo
        .checkpoint(&value.text)
        .and_then(|(d, text)| Some((memo.date(&value.text[d])?, value.text[text].to_string())));
    if parsed.is_none() {
        diagnostics.push(
            Diagnostic::new(
                Code::BadDate,
                value.span,
                text!(ru: "Отметка без даты: «{}»", value.text; en: "A mark without a date: `{}`", value.text),
            )
            .with_help(text!(
                ru: "Пишите дату и, если нужно, подтверждение: «выполнено: 03.02.2022 — протокол № 3»";
                en: "Write the date and, if you like, the evidence: `done: 03.02.2022 — minutes No. 3`"
            )),
        );
    }
    parsed
}

fn checkpoint(
    value: &Spanned,
    memo: &mut Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Checkpoint> {
    let Some((date_range, text_range)) = memo.checkpoint(&value.text) else {
        diagnostics.push(
            Diagnostic::new(
                Code::BadDate,
                value.span,
                text!(ru: "Контрольная точка без даты"; en: "A checkpoint without a date"),
            )
            .with_help(text!(
                ru: "Пишите «контрольная точка: 15.02.2022 — что должно быть сделано»";
                en: "Write `checkpoint: 15.02.2022 — what must be true then`"
            )),
        );
        return None;
    };
    let written = &value.text[date_range.clone()];
    let Some(date) = memo.date(written) else {
        diagnostics.push(bad_date(
            value.span.sub(date_range.start, date_range.end),
            written,
        ));
        return None;
    };
    Some(Checkpoint {
        date,
        text: value.text[text_range].to_string(),
        span: value.span.sub(date_range.start, date_range.end),
    })
}
