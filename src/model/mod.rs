//! Syntax tree to meaning: parties, sections and activities with their
//! timings resolved to dates, indicators typed, and names checked.

mod approval;
mod build;
pub mod extend;
mod fields;
pub mod funding;
pub mod indicator;
mod load;
mod party;
pub use party::declared as declared_party;
pub mod risk;
pub mod timing;

pub use build::apply_status;
pub use build::build;
pub use funding::{Budget, Funding, Money};
pub use indicator::{same_unit, Comparator, Indicator};
pub use load::{Loaded, Workspace};
pub use risk::Risk;
pub use timing::{Interval, Timing};

use crate::diagnostic::{Diagnostic, Label};
use crate::source::{FileId, Span};
use crate::text;

/// Timings resolved so far, by text and roadmap period.
pub type TimingCache =
    std::collections::HashMap<(String, Option<Interval>), Result<Timing, timing::TimingError>>;
use crate::syntax::{LagUnit, Spanned};
use chrono::NaiveDate;

/// A party: who is responsible for activities.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub id: Spanned,
    pub name: String,
    pub email: Option<String>,
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub number: Spanned,
    pub title: String,
    /// The enclosing section (`4` for `4.1`), when declared.
    pub parent: Option<usize>,
    /// `риск:` lines: the risks the section's activities answer.
    pub risks: Vec<Risk>,
    /// `финансирование:` lines of the section as a whole.
    pub funding: Vec<Funding>,
}

/// A `срок:` cell: the text as written and what it resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct TimingCell {
    pub text: String,
    pub span: Span,
    /// `None` when it cannot be resolved (a diagnostic says why).
    pub resolved: Option<Timing>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    pub date: NaiveDate,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Lag {
    pub amount: u32,
    pub unit: LagUnit,
}

/// One `после:` item.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub number: Spanned,
    pub lag: Option<Lag>,
}

/// `выполнено: 03.02.2022 — протокол № 3`: done on a date, with evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub date: NaiveDate,
    pub evidence: String,
    pub span: Span,
}

/// `отменено: причина` (optionally `отменено: 01.03.2022 — причина`).
#[derive(Debug, Clone, PartialEq)]
pub struct Cancelled {
    pub date: Option<NaiveDate>,
    pub reason: String,
    pub span: Span,
}

/// What has happened to an activity (or a stage): one line per fact, so that
/// git history is the audit trail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub started: Option<(NaiveDate, Span)>,
    /// One per occurrence for a recurring activity.
    pub done: Vec<Done>,
    pub cancelled: Option<Cancelled>,
    /// `перенесено:` a new timing; `Facts::timing` stays as the baseline.
    pub rescheduled: Option<TimingCell>,
    /// `факт: 80 %`: the n-th actual value goes with the n-th indicator that has a number.
    pub actuals: Vec<Indicator>,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        *self == Marks::default()
    }
}

/// What an activity and each of its stages state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub timing: Option<TimingCell>,
    /// `длительность:`: placed by the schedule after its dependencies.
    pub duration: Option<(Lag, Span)>,
    pub responsible: Vec<Spanned>,
    pub indicators: Vec<Indicator>,
    pub results: Vec<Spanned>,
    /// `документ:`: the documents that confirm it was done.
    pub documents: Vec<Spanned>,
    pub risks: Vec<Risk>,
    pub funding: Vec<Funding>,
    pub checkpoints: Vec<Checkpoint>,
    pub notes: Vec<Spanned>,
    pub marks: Marks,
}

impl Facts {
    pub fn window(&self) -> Option<Interval> {
        self.timing.as_ref()?.resolved.as_ref()?.bounds()
    }
}

/// One year (or part) of a multi-year activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub label: Spanned,
    pub facts: Facts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub number: Spanned,
    pub title: String,
    pub section: Option<usize>,
    /// The activity it is a sub-item of: `2.1` for `2.1.1` (the nearest
    /// declared number it extends).
    pub parent: Option<usize>,
    /// The window of its sub-items, when it has no timing of its own.
    pub children_hull: Option<Interval>,
    /// `обязательное: нет` makes it optional: a plan may cancel it without a reason.
    pub mandatory: bool,
    /// Whether the roadmap declares it or takes it from its template.
    pub origin: Origin,
    /// The title as the template writes it, when a parameter of the plan
    /// filled it in («Анкетирование в {школа}»).
    pub template_title: Option<String>,
    pub after: Vec<Dependency>,
    pub facts: Facts,
    pub stages: Vec<Stage>,
}

impl Activity {
    /// The whole window: its own timing joined with its stages'; for an
    /// activity with sub-items and no timing of its own, theirs.
    pub fn window(&self) -> Option<Interval> {
        self.own_window().or(self.children_hull)
    }

    /// Its own timing joined with its stages', sub-items aside.
    pub fn own_window(&self) -> Option<Interval> {
        std::iter::once(self.facts.window())
            .chain(self.stages.iter().map(|s| s.facts.window()))
            .flatten()
            .reduce(|a, b| Interval::new(a.start.min(b.start), a.end.max(b.end)))
    }

    /// Every set of facts: the activity's own, then each stage's.
    pub fn all_facts(&self) -> impl Iterator<Item = &Facts> {
        std::iter::once(&self.facts).chain(self.stages.iter().map(|s| &s.facts))
    }

    pub fn timings(&self) -> impl Iterator<Item = &Timing> {
        self.all_facts()
            .filter_map(|f| f.timing.as_ref()?.resolved.as_ref())
    }
}

/// Where an activity of a plan comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Declared by the roadmap itself (every activity of a roadmap that
    /// extends nothing).
    Own,
    /// Taken from the template as it stands there.
    Template,
    /// Taken from the template and changed by the plan: an earlier deadline,
    /// a higher target, another responsible party, a checkpoint… (marks of
    /// progress alone do not count).
    Amended,
}

/// A value of a template that a plan's parameter filled in: a finding there
/// is the plan's, and says where the plan sets the parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// The value in the template, as a whole.
    pub value: Span,
    /// The parameter's value in the plan.
    pub binding: Span,
    pub parameter: String,
}

/// What a plan takes from the templates it extends.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// The template as the plan's `расширяет:` names it.
    pub named: String,
    /// The templates, from the one `расширяет:` names up to the root.
    pub chain: Vec<FileId>,
    /// Every parameter of the chain with its value, in declaration order.
    pub parameters: Vec<(String, Option<String>)>,
    /// What the plan is for: the value of the first parameter the root
    /// template's title names (`{школа}` in «…поддержки {школа}…»).
    pub subject: Option<String>,
    /// The root template's title as written, `{школа}` and all.
    pub template_title: Option<String>,
    /// The template's values its parameters filled in.
    pub filled: Vec<Filled>,
}

impl Extension {
    /// Makes a finding inside a value the plan's parameter filled in point
    /// at the whole value (its text is the plan's, not the template's) and
    /// at the line of the plan that sets the parameter.
    pub fn point_at_bindings(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            let Some(f) = self.filled.iter().find(|f| {
                f.value.file == d.span.file
                    && f.value.start <= d.span.start
                    && d.span.end <= f.value.end
            }) else {
                continue;
            };
            d.span = f.value;
            d.labels.push(Label {
                span: f.binding,
                text: text!(
                    ru: "значение параметра «{}» задано здесь", f.parameter;
                    en: "the value of parameter `{}` is set here", f.parameter
                ),
            });
        }
    }
}

/// A `задача N:` line of the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// As written, or the task's place among the tasks when no number is written.
    pub number: String,
    pub text: Spanned,
}

/// The approving document.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    pub text: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A roadmap with everything it includes, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Roadmap {
    pub file: FileId,
    pub title: Option<Spanned>,
    pub period: Option<(Interval, Span)>,
    pub approval: Option<Approval>,
    pub owner: Option<Spanned>,
    /// `цель:`: what the roadmap is for.
    pub goal: Option<Spanned>,
    /// `задача N:` lines.
    pub tasks: Vec<Task>,
    /// `контроль исполнения:`: who controls the order's execution.
    pub controlled_by: Option<Spanned>,
    /// `подписал:`: who signed the order.
    pub signed_by: Option<Spanned>,
    /// Set when there is no `период:` and the period is the hull of the timings.
    pub period_inferred: bool,
    /// `нерабочие дни:`: the roadmap's own days off, besides the federal calendar.
    pub days_off: Vec<NaiveDate>,
    pub parties: Vec<Party>,
    pub sections: Vec<Section>,
    pub activities: Vec<Activity>,
    /// Set when the roadmap extends a template (`расширяет:`).
    pub extension: Option<Extension>,
    /// It leaves a parameter without a value: a template for plans, not a
    /// plan of its own.
    pub is_template: bool,
    /// The errors found in building and checking it — in its own file, in
    /// its templates as its parameters fill them in, in its status file —
    /// as the run counted them (0 until a run checks it).
    pub errors: usize,
}

impl Roadmap {
    pub fn activity(&self, number: &str) -> Option<usize> {
        self.activities.iter().position(|a| a.number.text == number)
    }
}
