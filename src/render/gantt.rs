//! The Gantt chart's geometry: where every bar, tick, diamond and arrow goes.
//! The markup is the `gantt.svg.hbs` partial; this computes only numbers and
//! the words beside them, so a template never does arithmetic.

use super::text::{self, Case};
use super::view::{section_heading, Row};
use crate::lang::Lang;
use crate::model::{Interval, Roadmap};
use crate::schedule::Kind;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Width of the whole chart, of the label column, and of a row.
const WIDTH: f64 = 1200.0;
const LABEL_WIDTH: f64 = 400.0;
const CHART_LEFT: f64 = 410.0;
const CHART_RIGHT: f64 = 1188.0;
const AXIS_HEIGHT: f64 = 40.0;
const ROW: f64 = 18.0;
const GROUP: f64 = 22.0;
const BAR: f64 = 11.0;
/// The narrowest bar: a one-day activity stays visible on a year's chart.
const MIN_BAR: f64 = 5.0;
/// Characters of a label that fit the label column at the chart's font size.
const LABEL_CHARS: usize = 58;

#[derive(Debug, Serialize)]
pub struct Gantt {
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub chart_left: f64,
    pub chart_right: f64,
    pub chart_width: f64,
    /// Top and bottom of the rows (below the axis).
    pub top: f64,
    pub bottom: f64,
    /// Axis bands: quarters (upper line) and months (lower line).
    pub quarters: Vec<Band>,
    pub months: Vec<Band>,
    pub groups: Vec<GanttGroup>,
    pub rows: Vec<GanttRow>,
    pub arrows: Vec<Arrow>,
    pub today: Option<Today>,
}

#[derive(Debug, Serialize)]
pub struct Band {
    pub x: f64,
    pub width: f64,
    pub center: f64,
    pub label: String,
    /// A year or quarter starts here: a stronger grid line.
    pub strong: bool,
}

#[derive(Debug, Serialize)]
pub struct GanttGroup {
    pub y: f64,
    pub height: f64,
    pub text_y: f64,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `window`, `deadline`, `duration` or `occurrence`.
    pub class: &'static str,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct Diamond {
    pub x: f64,
    pub points: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct GanttRow {
    pub y: f64,
    pub mid: f64,
    pub text_y: f64,
    pub height: f64,
    pub number: String,
    /// «1.1. Анкетирование…», cut to fit.
    pub label: String,
    /// The full «number. title» for the tooltip.
    pub title: String,
    pub critical: bool,
    pub late: bool,
    pub cancelled: bool,
    pub odd: bool,
    pub bars: Vec<Bar>,
    /// A thin line under the occurrences of a recurring activity.
    pub track: Option<Line>,
    pub diamonds: Vec<Diamond>,
    /// A deadline's mark, where the activity has one.
    pub deadline: Option<Line>,
}

#[derive(Debug, Serialize)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

#[derive(Debug, Serialize)]
pub struct Arrow {
    pub d: String,
    pub critical: bool,
}

#[derive(Debug, Serialize)]
pub struct Today {
    pub x: f64,
    pub label: String,
    /// The label's box under the rows.
    pub box_x: f64,
    pub box_width: f64,
    pub label_x: f64,
    pub label_y: f64,
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("day 1 exists")
}

/// Cuts `s` to `n` characters, with «…» when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

struct Scale {
    start: NaiveDate,
    per_day: f64,
}

impl Scale {
    /// The left edge of day `d`.
    fn x(&self, d: NaiveDate) -> f64 {
        CHART_LEFT + (d - self.start).num_days() as f64 * self.per_day
    }
    /// The right edge of day `d`.
    fn x_end(&self, d: NaiveDate) -> f64 {
        self.x(d) + self.per_day
    }
}

/// The chart of the dated rows, grouped by section; `None` when nothing has dates.
pub fn build(
    roadmap: &Roadmap,
    rows: &[Row<'_>],
    period: Option<Interval>,
    as_of: NaiveDate,
    lang: Lang,
) -> Option<Gantt> {
    let dated: Vec<&Row<'_>> = rows.iter().filter(|r| r.dated()).collect();
    if dated.is_empty() {
        return None;
    }
    let mut first = dated.iter().filter_map(|r| r.entry.start).min()?;
    let mut last = dated.iter().filter_map(|r| r.entry.end).max()?;
    for r in &dated {
        for c in &r.checkpoints {
            first = first.min(c.date);
            last = last.max(c.date);
        }
    }
    if let Some(p) = period {
        first = first.min(p.start);
        last = last.max(p.end);
    }
    let start = first_of_month(first);
    let end = next_month(last);
    let total = (end - start).num_days().max(1) as f64;
    let scale = Scale {
        start,
        per_day: (CHART_RIGHT - CHART_LEFT) / total,
    };

    let mut months = Vec::new();
    let mut quarters = Vec::new();
    let multi_year = start.year() != end.pred_opt().map_or(start.year(), |d| d.year());
    let mut m = start;
    while m < end {
        let next = next_month(m);
        let (x, w) = (scale.x(m), scale.x(next) - scale.x(m));
        let label = if w >= 24.0 {
            text::month_name(m.month(), Case::Short, lang).to_string()
        } else {
            format!("{:02}", m.month())
        };
        months.push(Band {
            x: r1(x),
            width: r1(w),
            center: r1(x + w / 2.0),
            label,
            strong: m.month0().is_multiple_of(3),
        });
        if m == start || m.month0().is_multiple_of(3) {
            let q_end = {
                let mut e = m;
                loop {
                    e = next_month(e);
                    if e.month0().is_multiple_of(3) || e >= end {
                        break e.min(end);
                    }
                }
            };
            let (qx, qw) = (scale.x(m), scale.x(q_end) - scale.x(m));
            let q = (m.month0() / 3) as usize;
            let full = match lang {
                Lang::Ru => format!("{} кв. {}", ["I", "II", "III", "IV"][q], m.year()),
                Lang::En => format!("Q{} {}", q + 1, m.year()),
            };
            let label = if qw >= 70.0 || !multi_year {
                full
            } else {
                text::quarter(m, lang)
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            };
            quarters.push(Band {
                x: r1(qx),
                width: r1(qw),
                center: r1(qx + qw / 2.0),
                label,
                strong: m.month0() == 0,
            });
        }
        m = next;
    }

    // Rows, by section in the roadmap's order, then what stands outside sections.
    let mut order: Vec<(Option<usize>, Vec<&Row<'_>>)> = Vec::new();
    let loose: Vec<&Row<'_>> = dated
        .iter()
        .copied()
        .filter(|r| r.activity.section.is_none())
        .collect();
    if !loose.is_empty() {
        order.push((None, loose));
    }
    for s in 0..roadmap.sections.len() {
        let in_section: Vec<&Row<'_>> = dated
            .iter()
            .copied()
            .filter(|r| r.activity.section == Some(s))
            .collect();
        if !in_section.is_empty() {
            order.push((Some(s), in_section));
        }
    }

    let mut y = AXIS_HEIGHT + 4.0;
    let mut groups = Vec::new();
    let mut out_rows = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (section, members) in order {
        let title = match section {
            Some(s) => {
                let s = &roadmap.sections[s];
                section_heading(&s.number.text, &s.title)
            }
            None => match lang {
                Lang::Ru => "Вне разделов".into(),
                Lang::En => "Outside sections".into(),
            },
        };
        groups.push(GanttGroup {
            y: r1(y),
            height: GROUP,
            text_y: r1(y + GROUP / 2.0 + 4.0),
            title: truncate(&title, 150),
        });
        y += GROUP;
        for (i, r) in members.into_iter().enumerate() {
            at.insert(r.entry.number.as_str(), out_rows.len());
            out_rows.push(gantt_row(r, y, i % 2 == 1, &scale, lang));
            y += ROW;
        }
    }
    let bottom = y + 4.0;

    let mut arrows = Vec::new();
    for r in &dated {
        let Some(&to) = at.get(r.entry.number.as_str()) else {
            continue;
        };
        for p in &r.entry.after {
            let Some(&from) = at.get(p.as_str()) else {
                continue;
            };
            let pred = dated
                .iter()
                .find(|x| &x.entry.number == p)
                .expect("a row in the chart");
            let (Some(pred_end), Some(start)) = (pred.entry.end, r.entry.start) else {
                continue;
            };
            let (x1, y1) = (scale.x_end(pred_end), out_rows[from].mid);
            let (x2, y2) = (scale.x(start), out_rows[to].mid);
            let d = if x2 >= x1 + 10.0 {
                format!(
                    "M{} {}H{}V{}H{}",
                    r1(x1),
                    y1,
                    r1(x1 + 5.0),
                    y2,
                    r1(x2 - 1.0)
                )
            } else {
                let between = if y2 > y1 {
                    y2 - ROW / 2.0
                } else {
                    y2 + ROW / 2.0
                };
                format!(
                    "M{} {}H{}V{}H{}V{}H{}",
                    r1(x1),
                    y1,
                    r1(x1 + 5.0),
                    r1(between),
                    r1(x2 - 7.0),
                    y2,
                    r1(x2 - 1.0)
                )
            };
            arrows.push(Arrow {
                d,
                critical: pred.entry.critical && r.entry.critical,
            });
        }
    }

    let today = (as_of >= start && as_of < end).then(|| {
        let x = r1(scale.x(as_of) + scale.per_day / 2.0);
        let label = text::date_short(as_of, lang);
        let box_width = 8.0 + label.chars().count() as f64 * 6.2;
        let box_x = (x - box_width / 2.0).clamp(CHART_LEFT, WIDTH - box_width);
        Today {
            x,
            label,
            box_x: r1(box_x),
            box_width: r1(box_width),
            label_x: r1(box_x + box_width / 2.0),
            label_y: r1(bottom + 13.0),
        }
    });

    Some(Gantt {
        width: WIDTH,
        height: r1(bottom + 20.0),
        label_width: LABEL_WIDTH,
        chart_left: CHART_LEFT,
        chart_right: CHART_RIGHT,
        chart_width: CHART_RIGHT - CHART_LEFT,
        top: AXIS_HEIGHT,
        bottom: r1(bottom),
        quarters,
        months,
        groups,
        rows: out_rows,
        arrows,
        today,
    })
}

fn gantt_row(r: &Row<'_>, y: f64, odd: bool, scale: &Scale, lang: Lang) -> GanttRow {
    let mid = r1(y + ROW / 2.0);
    let full = format!(
        "{}. {}",
        r.entry.number.trim_end_matches('.'),
        r.entry.title
    );
    let tip = format!("{full}\n{}", r.resolved);
    let bar = |s: NaiveDate, e: NaiveDate, class: &'static str, height: f64| {
        let (mut x, mut width) = (scale.x(s), scale.x_end(e) - scale.x(s));
        if width < MIN_BAR {
            // A day or two is a few pixels over a year: keep it visible.
            x -= (MIN_BAR - width) / 2.0;
            width = MIN_BAR;
        }
        Bar {
            x: r1(x),
            y: r1(mid - height / 2.0),
            width: r1(width),
            height,
            class,
            title: tip.clone(),
        }
    };
    let (mut bars, mut track) = (Vec::new(), None);
    let (start, end) = (
        r.entry.start.expect("a dated row"),
        r.entry.end.expect("a dated row"),
    );
    match r.entry.kind {
        Kind::Recurring => {
            track = Some(Line {
                x1: r1(scale.x(start)),
                y1: mid,
                x2: r1(scale.x_end(end)),
                y2: mid,
            });
            if r.entry.long_series() {
                // One bar with its count: thousands of slivers draw nothing more.
                let mut b = bar(start, end, "occurrence", BAR);
                b.title = format!("{full}\n{}", r.resolved);
                bars.push(b);
            } else {
                for w in &r.entry.windows {
                    let mut b = bar(w.start, w.end, "occurrence", BAR);
                    b.title = format!("{full}\n{}", text::range_short(w.start, w.end, lang));
                    bars.push(b);
                }
            }
        }
        Kind::Windows if !r.entry.windows.is_empty() => {
            for w in &r.entry.windows {
                bars.push(bar(w.start, w.end, "window", BAR));
            }
        }
        Kind::Deadline => bars.push(bar(start, end, "deadline", BAR)),
        Kind::Duration => bars.push(bar(start, end, "duration", BAR)),
        _ => bars.push(bar(start, end, "window", BAR)),
    }
    let deadline = r.entry.deadline.map(|d| {
        let x = r1(scale.x_end(d));
        Line {
            x1: x,
            y1: r1(mid - BAR / 2.0 - 2.0),
            x2: x,
            y2: r1(mid + BAR / 2.0 + 2.0),
        }
    });
    let diamonds = r
        .checkpoints
        .iter()
        .map(|c| {
            let x = r1(scale.x(c.date) + scale.per_day / 2.0);
            Diamond {
                x,
                points: format!(
                    "{},{} {},{} {},{} {},{}",
                    x,
                    r1(mid - 6.0),
                    r1(x + 6.0),
                    mid,
                    x,
                    r1(mid + 6.0),
                    r1(x - 6.0),
                    mid
                ),
                title: format!("{} — {}", text::date_short(c.date, lang), c.text),
            }
        })
        .collect();
    GanttRow {
        y: r1(y),
        mid,
        text_y: r1(mid + 4.0),
        height: ROW,
        number: r.entry.number.clone(),
        label: truncate(&full, LABEL_CHARS),
        title: tip,
        critical: r.entry.critical,
        late: r.entry.late,
        cancelled: r.is_cancelled,
        odd,
        bars,
        track,
        diamonds,
        deadline,
    }
}
