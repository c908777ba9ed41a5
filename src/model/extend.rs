//! Templates: a plan that `расширяет` a template inherits everything it
//! declares, binds its parameters and may add or tighten, never loosen. The
//! chain is folded into one syntax tree before the model is built, each line
//! keeping the span of the file it came from.

use super::build::Memo;
use super::Workspace;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::{ActivityDecl, Document, Key, Property, SectionDecl, Spanned};
use crate::text;
use std::collections::HashMap;
use std::sync::Arc;

/// A parameter as the chain leaves it.
#[derive(Debug, Clone)]
pub struct Parameter {
    pub declared: Span,
    pub value: Option<Spanned>,
}

/// What a plan changed in an activity of its template, to check that it
/// tightens and does not loosen.
#[derive(Debug, Clone)]
pub struct Override {
    pub activity: String,
    pub template: Property,
    pub plan: Property,
}

/// The chain folded into one tree: the file's own tree, not copied, when it
/// extends nothing and names no parameter.
pub struct Folded {
    pub doc: Arc<Document>,
    pub parameters: Vec<(String, Parameter)>,
    pub overrides: Vec<Override>,
    /// The file is a plan: it extends a template.
    pub extends: bool,
    /// The templates, from the one the file names up to the root.
    pub templates: Vec<FileId>,
    /// The title of the root template as written, before `{name}` is filled in.
    pub template_title: Option<String>,
    /// Activities' titles with `{name}` in them, as written, by number.
    pub raw_titles: HashMap<String, String>,
    /// Values of another file that a plan's parameters filled in.
    pub filled: Vec<super::Filled>,
}

/// Follows `расширяет:` from `file` up to the root template and folds the
/// chain, root first. Cycles and missing templates are reported; the chain
/// stops there.
pub fn fold(ws: &mut Workspace, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Folded {
    let mut chain = vec![file];
    loop {
        let current = *chain.last().expect("the chain starts with the file");
        let doc = ws.document(current);
        let Some(extends) = doc.header(Key::Extends) else {
            break;
        };
        let base = ws
            .sources
            .get(current)
            .path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let path = crate::source::normalize(&base.join(&extends.value.text));
        match ws.load(&path) {
            Err(err) => {
                let help = match err.code() {
                    Some(_) => super::build::refused_help(),
                    None => text!(
                        ru: "Путь отсчитывается от папки этого файла";
                        en: "The path is relative to this file's folder"
                    ),
                };
                diagnostics.push(
                    Diagnostic::new(
                        err.code().unwrap_or(Code::IncludeNotFound),
                        extends.value.span,
                        text!(
                            ru: "Шаблон «{}» нельзя прочитать: {}", path.display(), err.ru();
                            en: "Cannot read the template `{}`: {}", path.display(), err
                        ),
                    )
                    .with_label(text!(ru: "расширяет этот файл"; en: "extends this file"))
                    .with_help(help),
                );
                break;
            }
            Ok(template) if chain.contains(&template) => {
                let names: Vec<String> = chain
                    .iter()
                    .chain(std::iter::once(&template))
                    .map(|f| ws.sources.get(*f).path.display().to_string())
                    .collect();
                let names = names.join(" → ");
                diagnostics.push(
                    Diagnostic::new(
                        Code::IncludeCycle,
                        extends.value.span,
                        text!(ru: "Карты расширяют друг друга по кругу: {}", names; en: "Roadmaps extend each other in a cycle: {}", names),
                    )
                    .with_help(text!(
                        ru: "Шаблон не может расширять план, построенный на нём";
                        en: "A template cannot extend a plan built on it"
                    )),
                );
                break;
            }
            Ok(template) => chain.push(template),
        }
    }
    let templates = chain[1..].to_vec();
    chain.reverse();
    let mut folded = Folded {
        doc: ws.document(chain[0]),
        parameters: Vec::new(),
        overrides: Vec::new(),
        extends: chain.len() > 1,
        templates,
        template_title: None,
        raw_titles: HashMap::new(),
        filled: Vec::new(),
    };
    if folded.extends {
        folded.template_title = folded.doc.header(Key::Title).map(|t| t.value.text.clone());
    }
    declare(&mut folded.parameters, &folded.doc, false, diagnostics);
    for &layer in &chain[1..] {
        let plan = ws.document(layer);
        overlay(&mut folded, &plan, &mut ws.memo);
        declare(&mut folded.parameters, &plan, true, diagnostics);
    }
    if folded.doc.header(Key::Extends).is_some() {
        Arc::make_mut(&mut folded.doc)
            .headers
            .retain(|h| h.key != Key::Extends);
    }
    if folded.extends {
        let plan = ws.document(file);
        unbound(&folded.parameters, &plan, file, diagnostics);
    }
    if folded.extends {
        folded.raw_titles = folded
            .doc
            .activities
            .iter()
            .filter(|a| a.title.text.contains('{'))
            .map(|a| (a.number.text.clone(), a.title.text.clone()))
            .collect();
    }
    substitute(&mut folded, diagnostics);
    folded
}

/// Takes in one layer's parameter lines: a new name is declared, a known name
/// with a value is bound, a known name without one is passed down unbound. In
/// a plan (`plan` set), a new name with a value binds nothing a template
/// declares: a misspelt binding, reported.
fn declare(
    parameters: &mut Vec<(String, Parameter)>,
    doc: &Document,
    plan: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for decl in &doc.parameters {
        let name = decl.name.text.as_str();
        if let Some(first) = seen.insert(name, decl.name.span) {
            diagnostics.push(
                Diagnostic::new(
                    Code::ParameterTwice,
                    decl.name.span,
                    text!(ru: "Параметр «{}» задан второй раз", name; en: "Parameter `{}` is given a second time", name),
                )
                .with_secondary(first, text!(ru: "впервые здесь"; en: "first given here"))
                .with_help(text!(ru: "Оставьте одну строку «параметр {}: …»", name; en: "Keep one `parameter {}: …` line", name)),
            );
            continue;
        }
        match parameters.iter_mut().find(|(n, _)| n == name) {
            Some((_, known)) => known.value = decl.value.clone(),
            None if plan && decl.value.is_some() => {
                let closest = parameters
                    .iter()
                    .map(|(n, _)| (strsim::levenshtein(n, name), n.as_str()))
                    .min()
                    .filter(|(d, _)| *d <= 3)
                    .map(|(_, n)| n.to_string());
                let help = match closest {
                    Some(n) => text!(ru: "Может быть, «{}»?", n; en: "Did you mean `{}`?", n),
                    None => text!(
                        ru: "Шаблон не объявляет такого параметра; новый параметр для планов ниже объявляют без значения: «параметр {}»", name;
                        en: "The template declares no such parameter; a new parameter for the plans below is declared without a value: `parameter {}`", name
                    ),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownParameter,
                        decl.name.span,
                        text!(ru: "Шаблон не объявляет параметр «{}»", name; en: "The template declares no parameter `{}`", name),
                    )
                    .with_help(help),
                );
            }
            None => parameters.push((
                name.to_string(),
                Parameter {
                    declared: decl.name.span,
                    value: decl.value.clone(),
                },
            )),
        }
    }
}

/// A plan must bind every parameter left unbound above it, unless it passes
/// it down by declaring it again without a value.
fn unbound(
    parameters: &[(String, Parameter)],
    plan: &Document,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (name, parameter) in parameters {
        if parameter.value.is_some() || parameter.declared.file == file {
            continue;
        }
        if plan.parameters.iter().any(|p| p.name.text == *name) {
            continue;
        }
        let at = plan
            .header(Key::Extends)
            .map_or(Span::new(file, 0, 0), |h| h.value.span);
        diagnostics.push(
            Diagnostic::new(
                Code::ParameterUnbound,
                at,
                text!(ru: "Параметр шаблона «{}» не задан", name; en: "The template's parameter `{}` is not bound", name),
            )
            .with_label(text!(ru: "шаблон требует «{}»", name; en: "the template needs `{}`", name))
            .with_secondary(parameter.declared, text!(ru: "объявлен в шаблоне"; en: "declared in the template"))
            .with_help(text!(
                ru: "Добавьте строку «параметр {}: значение» (или «параметр {}» без значения, если его задают планы ниже)", name, name;
                en: "Add a line `parameter {}: value` (or `parameter {}` without a value if the plans below bind it)", name, name
            )),
        );
    }
}

/// Lays one plan over the tree folded so far.
fn overlay(folded: &mut Folded, plan: &Document, memo: &mut Memo) {
    let doc = Arc::make_mut(&mut folded.doc);
    for header in &plan.headers {
        if header.key == Key::Extends {
            continue;
        }
        if !header.key.repeatable() {
            doc.headers.retain(|h| h.key != header.key);
        }
        doc.headers.push(header.clone());
    }
    doc.parties.extend(plan.parties.iter().cloned());
    let section_index = |doc: &mut Document, decl: &SectionDecl| -> usize {
        match doc
            .sections
            .iter()
            .position(|s| s.number.text == decl.number.text)
        {
            Some(i) => i,
            None => {
                doc.sections.push(decl.clone());
                doc.sections.len() - 1
            }
        }
    };
    for decl in &plan.sections {
        section_index(doc, decl);
    }
    for decl in &plan.activities {
        let section = decl.section.map(|s| section_index(doc, &plan.sections[s]));
        match doc
            .activities
            .iter()
            .position(|a| a.number.text == decl.number.text)
        {
            Some(i) => merge_activity(&mut doc.activities[i], decl, &mut folded.overrides, memo),
            None => {
                let mut added = decl.clone();
                added.section = section;
                let at = doc
                    .activities
                    .iter()
                    .rposition(|a| a.section == section && section.is_some())
                    .map_or(doc.activities.len(), |i| i + 1);
                doc.activities.insert(at, added);
            }
        }
    }
}

/// A plan's lines for an activity of the template: `срок` and `длительность`
/// replace (and are checked), a target with the same unit replaces, the rest
/// adds up.
fn merge_activity(
    base: &mut ActivityDecl,
    plan: &ActivityDecl,
    overrides: &mut Vec<Override>,
    memo: &mut Memo,
) {
    merge_properties(
        &base.number.text,
        &mut base.properties,
        &plan.properties,
        overrides,
        memo,
    );
    for stage in &plan.stages {
        match base
            .stages
            .iter_mut()
            .find(|s| s.label.text == stage.label.text)
        {
            Some(existing) => merge_properties(
                &base.number.text,
                &mut existing.properties,
                &stage.properties,
                overrides,
                memo,
            ),
            None => base.stages.push(stage.clone()),
        }
    }
}

fn merge_properties(
    activity: &str,
    base: &mut Vec<Property>,
    plan: &[Property],
    overrides: &mut Vec<Override>,
    memo: &mut Memo,
) {
    for property in plan {
        let replaced = match property.key {
            Key::When | Key::Duration | Key::Mandatory => {
                base.iter().position(|p| p.key == property.key)
            }
            Key::Indicator => {
                let mut units = |p: &Property| -> Vec<String> {
                    let indicator = memo.indicator(p.value.clone());
                    indicator
                        .targets
                        .into_iter()
                        .filter_map(|t| t.unit)
                        .collect()
                };
                let wanted = units(property);
                base.iter().position(|p| {
                    p.key == Key::Indicator
                        && units(p)
                            .iter()
                            .any(|u| wanted.iter().any(|w| super::same_unit(w, u)))
                })
            }
            _ => None,
        };
        match replaced {
            Some(i) => {
                overrides.push(Override {
                    activity: activity.to_string(),
                    template: base[i].clone(),
                    plan: property.clone(),
                });
                base[i] = property.clone();
            }
            None => base.push(property.clone()),
        }
    }
}

/// Replaces `{name}` in every value with the parameter's value; a name that
/// no layer declares is an error, a declared but unbound one stays as written.
fn substitute(folded: &mut Folded, diagnostics: &mut Vec<Diagnostic>) {
    // A value may name other parameters (`Отдел образования {муниципалитет}`):
    // one level is filled in.
    let plain: HashMap<String, Option<String>> = folded
        .parameters
        .iter()
        .map(|(n, p)| (n.clone(), p.value.as_ref().map(|v| v.text.clone())))
        .collect();
    let filled: HashMap<String, Option<String>> = plain
        .iter()
        .map(|(name, value)| {
            let value = value.as_ref().map(|v| {
                plain
                    .iter()
                    .fold(v.clone(), |text, (other, other_value)| match other_value {
                        Some(o) if other != name => text.replace(&format!("{{{other}}}"), o),
                        _ => text,
                    })
            });
            (name.clone(), value)
        })
        .collect();
    let values: HashMap<&str, Option<&str>> = filled
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref()))
        .collect();
    let bindings: HashMap<&str, Span> = folded
        .parameters
        .iter()
        .filter_map(|(n, p)| Some((n.as_str(), p.value.as_ref()?.span)))
        .collect();
    let mut places = Vec::new();
    let mut fix = |value: &mut Spanned| {
        if !value.text.contains('{') {
            return;
        }
        let mut out = String::with_capacity(value.text.len());
        let mut rest = value.text.as_str();
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            // `{{` is a `{` of the text, not a parameter.
            if rest[open + 1..].starts_with('{') {
                out.push_str(&rest[..=open]);
                offset += open + 2;
                rest = &rest[open + 2..];
                continue;
            }
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let name = &rest[open + 1..close];
            out.push_str(&rest[..open]);
            match values.get(name) {
                Some(Some(v)) => {
                    out.push_str(v);
                    if let Some(&binding) = bindings.get(name) {
                        if binding.file != value.span.file {
                            places.push(super::Filled {
                                value: value.span,
                                binding,
                                parameter: name.to_string(),
                            });
                        }
                    }
                }
                Some(None) => out.push_str(&rest[open..=close]),
                None => {
                    let at = value.span.sub(offset + open, offset + close + 1);
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnknownParameter,
                            at,
                            text!(ru: "Параметр «{}» не объявлен", name; en: "Parameter `{}` is not declared", name),
                        )
                        .with_help(text!(
                            ru: "Объявите его строкой «параметр {}» в шаблоне или исправьте имя", name;
                            en: "Declare it with `parameter {}` in the template, or correct the name", name
                        )),
                    );
                    out.push_str(&rest[open..=close]);
                }
            }
            offset += close + 1;
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        value.text = out;
    };
    if !names_any(&folded.doc) {
        return;
    }
    let doc = Arc::make_mut(&mut folded.doc);
    for h in &mut doc.headers {
        fix(&mut h.value);
    }
    for p in &mut doc.parties {
        fix(&mut p.name);
        p.properties.iter_mut().for_each(|p| fix(&mut p.value));
    }
    for s in &mut doc.sections {
        fix(&mut s.title);
    }
    for a in &mut doc.activities {
        fix(&mut a.title);
        a.properties.iter_mut().for_each(|p| fix(&mut p.value));
        for stage in &mut a.stages {
            stage.properties.iter_mut().for_each(|p| fix(&mut p.value));
        }
    }
    folded.filled = places;
}

/// Some value, title or name of `doc` holds a `{`: a parameter to fill in.
fn names_any(doc: &Document) -> bool {
    let named = |value: &Spanned| value.text.contains('{');
    doc.headers.iter().any(|h| named(&h.value))
        || doc
            .parties
            .iter()
            .any(|p| named(&p.name) || p.properties.iter().any(|p| named(&p.value)))
        || doc.sections.iter().any(|s| named(&s.title))
        || doc.activities.iter().any(|a| {
            named(&a.title)
                || a.properties.iter().any(|p| named(&p.value))
                || a.stages
                    .iter()
                    .any(|s| s.properties.iter().any(|p| named(&p.value)))
        })
}
