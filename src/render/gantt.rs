//! The Gantt chart's geometry: where every bar, tick, diamond and arrow goes.
//! The markup is the `gantt.svg.hbs` partial; this computes only numbers and
//! the words beside them, so a template never does arithmetic.

use super::text::{self, Case};
use super::view::{section_heading, Row};
use crate::lang::Lang;
use crate::model::{Interval, Roadmap};
use crate::schedule::Kind;
use crate::state::State;
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
    /// The rows show progress (the roadmap has marks).
    pub progress: bool,
    /// The same chart split for printing: as many rows as fit on an A4
    /// landscape page, each page with its axis, labels wrapped, not cut.
    pub pages: Vec<Gantt>,
}

#[derive(Debug, Clone, Serialize)]
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
    /// The width of its done part, from its left end, when progress is shown.
    pub done_width: Option<f64>,
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
    /// The label as drawn: cut to one line on screen, wrapped on paper.
    pub label_lines: Vec<LabelLine>,
    /// The full «number. title» for the tooltip.
    pub title: String,
    pub critical: bool,
    pub late: bool,
    pub cancelled: bool,
    pub odd: bool,
    /// Where it stands on the as-of date (`overdue`, `done_on_time`…), when
    /// progress is shown.
    pub state: Option<&'static str>,
    /// An overdue activity: from its due date to the as-of date.
    pub overrun: Option<Bar>,
    /// A cancelled activity: a line through its bars.
    pub strike: Option<Line>,
    pub bars: Vec<Bar>,
    /// A thin line under the occurrences of a recurring activity.
    pub track: Option<Line>,
    pub diamonds: Vec<Diamond>,
    /// A deadline's mark, where the activity has one.
    pub deadline: Option<Line>,
}

/// One line of a row's label and its baseline.
#[derive(Debug, Serialize)]
pub struct LabelLine {
    pub y: f64,
    pub text: String,
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
    /// Where the time axis begins, right of the labels.
    left: f64,
    per_day: f64,
}

impl Scale {
    /// The left edge of day `d`.
    fn x(&self, d: NaiveDate) -> f64 {
        self.left + (d - self.start).num_days() as f64 * self.per_day
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
    // Rows, by section in the roadmap's order, then what stands outside sections.
    let mut order: Vec<Block<'_, '_>> = Vec::new();
    let loose: Vec<&Row<'_>> = dated
        .iter()
        .copied()
        .filter(|r| r.activity.section.is_none())
        .collect();
    if !loose.is_empty() {
        order.push(Block {
            section: None,
            rows: loose,
            continued: false,
        });
    }
    for s in 0..roadmap.sections.len() {
        let in_section: Vec<&Row<'_>> = dated
            .iter()
            .copied()
            .filter(|r| r.activity.section == Some(s))
            .collect();
        if !in_section.is_empty() {
            order.push(Block {
                section: Some(s),
                rows: in_section,
                continued: false,
            });
        }
    }
    let screen = Axis::new(start, end, SCREEN, as_of, lang);
    let mut chart = lay_out(roadmap, &order, &dated, &screen);
    let paper = Axis::new(start, end, PAPER, as_of, lang);
    chart.pages = paginate(&order)
        .iter()
        .map(|page| lay_out(roadmap, page, &dated, &paper))
        .collect();
    Some(chart)
}

impl Axis {
    /// The time scale from `start` to `end` (first days of months) right of
    /// the label column, and its quarter and month bands.
    fn new(
        start: NaiveDate,
        end: NaiveDate,
        geometry: Geometry,
        as_of: NaiveDate,
        lang: Lang,
    ) -> Axis {
        let total = (end - start).num_days().max(1) as f64;
        let scale = Scale {
            start,
            left: geometry.chart_left,
            per_day: (CHART_RIGHT - geometry.chart_left) / total,
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
        Axis {
            scale,
            geometry,
            start,
            end,
            quarters,
            months,
            as_of,
            lang,
        }
    }
}

/// A section's rows on a chart (or on a printed page of it); `continued`
/// when the section began on the page before.
#[derive(Clone)]
struct Block<'r, 'a> {
    section: Option<usize>,
    rows: Vec<&'r Row<'a>>,
    continued: bool,
}

/// What every page of a chart shares: its time scale and axis.
struct Axis {
    scale: Scale,
    geometry: Geometry,
    start: NaiveDate,
    end: NaiveDate,
    quarters: Vec<Band>,
    months: Vec<Band>,
    as_of: NaiveDate,
    lang: Lang,
}

/// How rows are labelled: on screen a label is cut to one line (its tooltip
/// has it whole); on paper it wraps, at a size printed at 8 pt or more, in a
/// wider label column.
#[derive(Clone, Copy)]
struct Geometry {
    label_width: f64,
    chart_left: f64,
    /// Characters a line; `None`: one line, cut.
    wrap: Option<usize>,
}

const SCREEN: Geometry = Geometry {
    label_width: LABEL_WIDTH,
    chart_left: CHART_LEFT,
    wrap: None,
};

/// A4 landscape: 1,200 units to 277 mm, so the print style's 12.5-unit
/// labels are 8.2 pt.
const PAPER: Geometry = Geometry {
    label_width: 570.0,
    chart_left: 580.0,
    wrap: Some(74),
};
/// A wrapped label's line height.
const LINE: f64 = 14.0;
/// The height of the rows an A4 landscape page holds under its axis, in the
/// chart's units: 190 mm of the page less the axis and the date under it;
/// the first page also holds the chart's heading and legend.
const PAGE_ROWS: f64 = 720.0;
const FIRST_PAGE_ROWS: f64 = 620.0;

/// The lines of a row's label: one, cut to fit, on screen; all of it, wrapped
/// at spaces, on paper.
fn label_lines(full: &str, wrap: Option<usize>) -> Vec<String> {
    let Some(width) = wrap else {
        return vec![truncate(full, LABEL_CHARS)];
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in full.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn row_label(r: &Row<'_>) -> String {
    format!(
        "{}. {}",
        r.entry.number.trim_end_matches('.'),
        r.entry.title
    )
}

fn row_height(lines: usize) -> f64 {
    ROW.max(lines as f64 * LINE + 4.0)
}

/// The rows split into printed pages: as many as fit under the axis, a
/// section's heading repeated (as continued) on the page it runs over to.
fn paginate<'r, 'a>(order: &[Block<'r, 'a>]) -> Vec<Vec<Block<'r, 'a>>> {
    let mut pages: Vec<Vec<Block<'r, 'a>>> = Vec::new();
    let mut page: Vec<Block<'r, 'a>> = Vec::new();
    let mut used = 0.0;
    for block in order {
        let mut continued = false;
        for r in &block.rows {
            let h = row_height(label_lines(&row_label(r), PAPER.wrap).len());
            let starts_block = page.last().is_none_or(|b| b.section != block.section);
            let need = h + if starts_block { GROUP } else { 0.0 };
            let room = if pages.is_empty() {
                FIRST_PAGE_ROWS
            } else {
                PAGE_ROWS
            };
            if used + need > room && !page.is_empty() {
                pages.push(std::mem::take(&mut page));
                used = 0.0;
            }
            if page.last().is_none_or(|b| b.section != block.section) {
                page.push(Block {
                    section: block.section,
                    rows: Vec::new(),
                    continued,
                });
                used += GROUP;
            }
            page.last_mut().expect("just pushed").rows.push(r);
            used += h;
            continued = true;
        }
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

/// One chart: the blocks' rows under the axis, their arrows and the today line.
fn lay_out(roadmap: &Roadmap, order: &[Block<'_, '_>], dated: &[&Row<'_>], axis: &Axis) -> Gantt {
    let (scale, lang) = (&axis.scale, axis.lang);
    let mut y = AXIS_HEIGHT + 4.0;
    let mut groups = Vec::new();
    let mut out_rows = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for block in order {
        let mut title = match block.section {
            Some(s) => {
                let s = &roadmap.sections[s];
                section_heading(&s.number.text, &s.title)
            }
            None => match lang {
                Lang::Ru => "Вне разделов".into(),
                Lang::En => "Outside sections".into(),
            },
        };
        if block.continued {
            let continued = match lang {
                Lang::Ru => "продолжение",
                Lang::En => "continued",
            };
            title = format!("{} ({continued})", truncate(&title, 120));
        }
        groups.push(GanttGroup {
            y: r1(y),
            height: GROUP,
            text_y: r1(y + GROUP / 2.0 + 4.0),
            title: truncate(&title, 150),
        });
        y += GROUP;
        for (i, r) in block.rows.iter().enumerate() {
            at.insert(r.entry.number.as_str(), out_rows.len());
            let row = gantt_row(r, y, i % 2 == 1, axis);
            y += row.height;
            out_rows.push(row);
        }
    }
    let bottom = y + 4.0;

    let mut arrows = Vec::new();
    for r in dated {
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

    let as_of = axis.as_of;
    let today = (as_of >= axis.start && as_of < axis.end).then(|| {
        let x = r1(scale.x(as_of) + scale.per_day / 2.0);
        let label = text::date_short(as_of, lang);
        let box_width = 8.0 + label.chars().count() as f64 * 6.2;
        let box_x = (x - box_width / 2.0).clamp(scale.left, WIDTH - box_width);
        Today {
            x,
            label,
            box_x: r1(box_x),
            box_width: r1(box_width),
            label_x: r1(box_x + box_width / 2.0),
            label_y: r1(bottom + 13.0),
        }
    });

    Gantt {
        width: WIDTH,
        height: r1(bottom + 20.0),
        label_width: axis.geometry.label_width,
        chart_left: axis.geometry.chart_left,
        chart_right: CHART_RIGHT,
        chart_width: CHART_RIGHT - axis.geometry.chart_left,
        top: AXIS_HEIGHT,
        bottom: r1(bottom),
        quarters: axis.quarters.clone(),
        months: axis.months.clone(),
        groups,
        rows: out_rows,
        arrows,
        today,
        progress: dated.iter().any(|r| r.progress.is_some()),
        pages: Vec::new(),
    }
}

fn gantt_row(r: &Row<'_>, y: f64, odd: bool, axis: &Axis) -> GanttRow {
    let (scale, lang) = (&axis.scale, axis.lang);
    let full = row_label(r);
    let lines = label_lines(&full, axis.geometry.wrap);
    let height = row_height(lines.len());
    let mid = r1(y + height / 2.0);
    // The lines' baselines, centred on the row.
    let first = mid + 4.0 - (lines.len() as f64 - 1.0) * LINE / 2.0;
    let label_lines = lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| LabelLine {
            y: r1(first + i as f64 * LINE),
            text,
        })
        .collect();
    let mut tip = format!("{full}\n{}", r.resolved);
    if let Some(p) = &r.progress {
        tip = format!("{tip}\n{}", p.text);
    }
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
            done_width: None,
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
    // Progress: the done part of the bars filled, an overdue activity's
    // overrun from its due date to the as-of date, a cancelled one struck out.
    let (mut overrun, mut strike) = (None, None);
    if let Some(p) = &r.progress {
        let series = bars.len() > 1;
        let mut done = p.series_done.unwrap_or(0);
        for b in &mut bars {
            if p.state.is_done() {
                b.done_width = Some(b.width);
            } else if series && done > 0 {
                b.done_width = Some(b.width);
                done -= 1;
            } else if !series && p.share > 0.0 {
                b.done_width = Some(r1(b.width * p.share));
            }
        }
        if p.state == State::Overdue {
            if let Some(due) = p.due.filter(|&d| d < axis.as_of) {
                let x = scale.x_end(due);
                let mut b = bar(due, due, "overrun", BAR);
                b.x = r1(x);
                b.width = r1((scale.x_end(axis.as_of) - x).max(MIN_BAR));
                b.title = format!("{full}\n{}", p.text);
                overrun = Some(b);
            }
        }
        if p.state == State::Cancelled {
            strike = Some(Line {
                x1: r1(scale.x(start) - 3.0),
                y1: mid,
                x2: r1(scale.x_end(end) + 3.0),
                y2: mid,
            });
        }
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
        height: r1(height),
        number: r.entry.number.clone(),
        label: truncate(&full, LABEL_CHARS),
        label_lines,
        title: tip,
        state: r.progress.as_ref().map(|p| p.state.key()),
        overrun,
        strike,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_label_wraps_whole_words_and_keeps_them_all() {
        let title = "4.11. Методическое сопровождение ОО, осуществляющих подготовку \
                     подтверждающих документов исполненных мероприятий в рамках первого \
                     этапа работы с рисковыми направлениями";
        let lines = label_lines(title, PAPER.wrap);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 74), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            title.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        // On screen: one line, cut.
        let screen = label_lines(title, SCREEN.wrap);
        assert_eq!(screen.len(), 1);
        assert!(screen[0].ends_with('…'));
        assert_eq!(label_lines("1.1. Коротко", PAPER.wrap), ["1.1. Коротко"]);
    }
}
