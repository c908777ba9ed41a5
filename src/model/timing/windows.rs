//! The resolver of windows as written: dates, ranges, «с … по …», months, quarters, half-years, years, school years and deadlines.

use std::ops::Range;

use chrono::NaiveDate;
use pest::iterators::Pair;

use super::error::{Expected, TimingError, TimingErrorKind};
use super::interval::{day_fits, hull, ymd, Interval};
use super::parse::{is_point, month_number, number, ord_value, span_of, Rule};
use super::resolved::Timing;
use super::resolver::Resolver;
use super::school::Term;
use super::written::{Form, Item, Point, PointAt, Shape};
use super::{MAX_YEAR, MIN_YEAR};

impl Resolver<'_> {
    pub(super) fn form(&self, pair: Pair<'_, Rule>) -> Result<Form, TimingError> {
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::item_list => Ok(Form::Items(self.item_list(pair)?)),
            Rule::whole_period => Ok(Form::Items(vec![Item {
                shape: Shape::WholePeriod,
                span,
            }])),
            Rule::during => {
                let body = pair
                    .into_inner()
                    .find(|c| c.as_rule() != Rule::k_during)
                    .expect("«в течение» is followed by something");
                let shape = match body.as_rule() {
                    Rule::cur_year => Shape::CurYear,
                    Rule::cur_school_year => Shape::CurSchoolYear,
                    Rule::whole_period => Shape::WholePeriod,
                    _ => return Ok(Form::Items(self.item_list(body)?)),
                };
                Ok(Form::Items(vec![Item { shape, span }]))
            }
            Rule::deadline => {
                let mut item = None;
                for c in pair.into_inner() {
                    let c_span = span_of(&c);
                    item = match c.as_rule() {
                        Rule::cur_year => Some(Item {
                            shape: Shape::CurYear,
                            span: span.clone(),
                        }),
                        Rule::cur_school_year => Some(Item {
                            shape: Shape::CurSchoolYear,
                            span: span.clone(),
                        }),
                        Rule::whole_period => Some(Item {
                            shape: Shape::WholePeriod,
                            span: span.clone(),
                        }),
                        Rule::item => Some(self.item(c)?),
                        r if is_point(r) => Some(Item {
                            shape: Shape::One(self.point(c)?),
                            span: c_span,
                        }),
                        _ => item,
                    };
                }
                let item = item.expect("«до» is followed by a date");
                Ok(Form::Deadline(self.resolve_item(&item, None)?.end))
            }
            r => unreachable!("the grammar has no window form {r:?}"),
        }
    }

    /// A window form resolved to a timing of its own.
    pub(super) fn form_timing(&self, form: Form) -> Result<Timing, TimingError> {
        match form {
            Form::Deadline(by) => Ok(Timing::Deadline {
                by,
                window: self.deadline_window(by),
            }),
            Form::Items(items) => {
                let mut ivs = self.resolve_list(&items)?;
                ivs.sort();
                ivs.dedup();
                Ok(match ivs.as_slice() {
                    [one] => Timing::Window(*one),
                    _ => Timing::Windows(ivs),
                })
            }
        }
    }

    /// A window form resolved to one window (first day .. last day).
    pub(super) fn form_bounds(&self, form: Form) -> Result<Interval, TimingError> {
        match form {
            Form::Deadline(by) => Ok(self.deadline_window(by)),
            Form::Items(items) => {
                let ivs = self.resolve_list(&items)?;
                Ok(hull(&ivs).expect("a list has at least one item"))
            }
        }
    }

    pub(super) fn deadline_window(&self, by: NaiveDate) -> Interval {
        match self.ctx.period {
            Some(p) if p.start <= by => Interval::new(p.start, by),
            _ => Interval::day(by),
        }
    }

    pub(super) fn item_list(&self, pair: Pair<'_, Rule>) -> Result<Vec<Item>, TimingError> {
        let mut items = Vec::new();
        for c in pair.into_inner().filter(|c| c.as_rule() == Rule::item) {
            let span = span_of(&c);
            let body = c
                .clone()
                .into_inner()
                .find(|c| !matches!(c.as_rule(), Rule::prep | Rule::days_n))
                .expect("an item has a body");
            if body.as_rule() == Rule::each_year {
                items.extend(self.each_year(body, &span)?);
            } else if body.as_rule() == Rule::day_list {
                items.extend(self.day_list(body)?);
            } else {
                items.push(self.item(c)?);
            }
        }
        Ok(items)
    }

    /// «март–май 2021–2022»: the months in each year, one item per year.
    fn each_year(
        &self,
        pair: Pair<'_, Rule>,
        span: &Range<usize>,
    ) -> Result<Vec<Item>, TimingError> {
        let mut months = Vec::with_capacity(2);
        let mut first = None;
        let mut last = None;
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::month => months.push((month_number(c.clone()), span_of(&c))),
                Rule::year => first = Some(self.year(&c)?),
                Rule::year_end => last = Some(c),
                _ => {}
            }
        }
        let first = first.expect("the years start with a year");
        let last = last.expect("the years end with a year");
        let last_span = span_of(&last);
        let last = match self.second_year(first, last.as_str()) {
            Some(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => y,
            _ => {
                return Err(self.err(
                    TimingErrorKind::InvalidDate {
                        text: self.text(&last_span),
                    },
                    &last_span,
                ))
            }
        };
        if last < first {
            let start = ymd(first, 1, 1).expect("a year in range");
            let end = ymd(last, 12, 31).expect("a year in range");
            return Err(self.err(TimingErrorKind::Reversed { start, end }, span));
        }
        let point = |(month, span): &(u32, Range<usize>), year: i32| PointAt {
            p: Point::Month {
                month: *month,
                year: Some(year),
            },
            span: span.clone(),
        };
        let (a, b) = match months.as_slice() {
            [a] => (a, a),
            [a, b, ..] => (a, b),
            [] => unreachable!("the grammar starts each_year with a month"),
        };
        Ok((first..=last)
            .map(|y| Item {
                shape: if a == b {
                    Shape::One(point(a, y))
                } else {
                    Shape::Range(point(a, y), point(b, y))
                },
                span: span.clone(),
            })
            .collect())
    }

    /// «30 и 31 мая»: one item per day, each with the month (and year) of the last.
    fn day_list(&self, pair: Pair<'_, Rule>) -> Result<Vec<Item>, TimingError> {
        let mut days = Vec::new();
        let mut last = None;
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::day => days.push((number(&c), span_of(&c))),
                Rule::dmn => last = Some(self.point(c)?),
                _ => {}
            }
        }
        let last = last.expect("a list of days ends with a month");
        let Point::Day { month, year, .. } = last.p else {
            unreachable!("a day with a month name is a day")
        };
        let mut items = Vec::with_capacity(days.len() + 1);
        for (day, span) in days {
            if !day_fits(day, month) {
                return Err(self.err(
                    TimingErrorKind::InvalidDate {
                        text: self.text(&span),
                    },
                    &span,
                ));
            }
            items.push(Item {
                shape: Shape::One(PointAt {
                    p: Point::Day { day, month, year },
                    span: span.clone(),
                }),
                span,
            });
        }
        items.push(Item {
            span: last.span.clone(),
            shape: Shape::One(last),
        });
        Ok(items)
    }

    /// The second year of «2021–2022» or «2021/22».
    fn second_year(&self, first: i32, digits: &str) -> Option<i32> {
        if digits.len() == 2 {
            let e: i32 = digits.parse().ok()?;
            let mut s = first - first.rem_euclid(100) + e;
            if s <= first {
                s += 100;
            }
            Some(s)
        } else {
            digits.parse::<i32>().ok()
        }
    }

    pub(super) fn item(&self, pair: Pair<'_, Rule>) -> Result<Item, TimingError> {
        let span = span_of(&pair);
        let body = pair
            .into_inner()
            .find(|c| !matches!(c.as_rule(), Rule::prep | Rule::days_n))
            .expect("an item has a body");
        let shape = match body.as_rule() {
            Rule::during_cur => match body.into_inner().last().map(|c| c.as_rule()) {
                Some(Rule::cur_school_year) => Shape::CurSchoolYear,
                Some(Rule::whole_period) => Shape::WholePeriod,
                _ => Shape::CurYear,
            },
            Rule::until | Rule::day_list => {
                let points = if body.as_rule() == Rule::until {
                    let mut points = Vec::with_capacity(2);
                    for c in body.into_inner() {
                        if is_point(c.as_rule()) {
                            points.push(self.point(c)?);
                        }
                    }
                    points
                } else {
                    self.day_list(body)?
                        .into_iter()
                        .filter_map(|i| match i.shape {
                            Shape::One(a) => Some(a),
                            _ => None,
                        })
                        .collect()
                };
                match (points.first(), points.last()) {
                    (Some(a), Some(b)) => Shape::Range(a.clone(), b.clone()),
                    _ => unreachable!("the grammar gives two points"),
                }
            }
            Rule::each_year => {
                // Where one window is needed («до конца …»): from the first to the last.
                let items = self.each_year(body, &span)?;
                match (items.first(), items.last()) {
                    (
                        Some(Item {
                            shape: Shape::One(a) | Shape::Range(a, _),
                            ..
                        }),
                        Some(Item {
                            shape: Shape::One(b) | Shape::Range(_, b),
                            ..
                        }),
                    ) => Shape::Range(a.clone(), b.clone()),
                    _ => unreachable!("each_year gives at least one item"),
                }
            }
            Rule::span => {
                let mut points = Vec::with_capacity(2);
                for c in body.into_inner() {
                    if is_point(c.as_rule()) {
                        points.push(self.point(c)?);
                    }
                }
                let mut points = points.into_iter();
                let a = points.next().expect("a span has a point");
                match points.next() {
                    Some(b) => Shape::Range(a, b),
                    None => Shape::One(a),
                }
            }
            Rule::day_range => self.day_range(body.into_inner().collect())?,
            Rule::from_to => {
                let parts: Vec<_> = body
                    .into_inner()
                    .filter(|c| c.as_rule() == Rule::day || is_point(c.as_rule()))
                    .collect();
                if parts.first().map(|p| p.as_rule()) == Some(Rule::day) {
                    self.day_range(parts)?
                } else {
                    let mut points = Vec::with_capacity(2);
                    for c in parts {
                        points.push(self.point(c)?);
                    }
                    let mut points = points.into_iter();
                    let a = points.next().expect("«с» is followed by a point");
                    match points.next() {
                        Some(b) => Shape::Range(a, b),
                        None => Shape::From(a),
                    }
                }
            }
            r => unreachable!("the grammar has no item {r:?}"),
        };
        Ok(Item { shape, span })
    }

    /// «14–16 октября 2021»: the first day takes the month and year of the second.
    pub(super) fn day_range(&self, parts: Vec<Pair<'_, Rule>>) -> Result<Shape, TimingError> {
        let mut day = None;
        let mut end = None;
        for c in parts {
            match c.as_rule() {
                Rule::day => day = Some((number(&c), span_of(&c))),
                Rule::dmn => end = Some(self.point(c)?),
                _ => {}
            }
        }
        let ((day, day_span), end) = day.zip(end).expect("a day range has two days");
        let Point::Day { month, year, .. } = end.p else {
            unreachable!("a day with a month name is a day")
        };
        if !day_fits(day, month) {
            let span = day_span.start..end.span.end;
            return Err(self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&span),
                },
                &span,
            ));
        }
        let start = PointAt {
            p: Point::Day { day, month, year },
            span: day_span,
        };
        Ok(Shape::Range(start, end))
    }

    /// «I четверть», «осенние каникулы 2021/2022 учебного года», «по итогам I полугодия».
    fn school_point(&self, pair: Pair<'_, Rule>) -> Result<PointAt, TimingError> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let invalid = || {
            self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&span),
                },
                &span,
            )
        };
        let mut ords = Vec::with_capacity(2);
        let mut terms: Option<(Term, Term)> = None;
        let mut school = None;
        let mut calendar_year = None;
        let mut half = false;
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::ord => ords.push(ord_value(c)),
                Rule::k_half => half = true,
                Rule::season => {
                    let term = match c.into_inner().next().map(|s| s.as_rule()) {
                        Some(Rule::s_winter) => Term::WinterHolidays,
                        Some(Rule::s_spring) => Term::SpringHolidays,
                        Some(Rule::s_summer) => Term::SummerHolidays,
                        _ => Term::AutumnHolidays,
                    };
                    terms = Some((term, term));
                }
                Rule::school_year => {
                    if let Point::SchoolYear(y) = self.point(c)?.p {
                        school = Some(y);
                    }
                }
                Rule::cur_school_year => terms = terms.or(Some((Term::Lessons, Term::Lessons))),
                Rule::yr => calendar_year = Some(self.yr(c)?),
                Rule::term_pt | Rule::school_half => {
                    if let Point::Term { first, last, year } = self.school_point(c)?.p {
                        terms = Some((first, last));
                        school = school.or(year);
                    }
                }
                _ => {}
            }
        }
        if rule == Rule::after_term && terms.is_none() && school.is_some() {
            terms = Some((Term::Lessons, Term::Lessons));
        }
        if !ords.is_empty() {
            let (max, make): (u32, fn(u32) -> Term) = if half {
                (2, Term::Half)
            } else {
                (4, Term::Quarter)
            };
            let mut values = Vec::with_capacity(2);
            for o in ords {
                match o {
                    Some(v) if (1..=max).contains(&v) => values.push(make(v)),
                    _ => return Err(invalid()),
                }
            }
            terms = values.first().copied().zip(values.last().copied());
        }
        let (first, last) = terms.ok_or_else(invalid)?;
        let year = school.or(calendar_year.map(|y| self.ctx.calendar.school_year_of(first, y)));
        let p = if rule == Rule::after_term {
            Point::After { term: last, year }
        } else {
            Point::Term { first, last, year }
        };
        Ok(PointAt { p, span })
    }

    /// The year of a `yr` rule («2021 года», «of 2021»), or the error of a short one.
    fn yr(&self, c: Pair<'_, Rule>) -> Result<i32, TimingError> {
        let y = c
            .into_inner()
            .find(|x| matches!(x.as_rule(), Rule::year | Rule::year_short))
            .expect("a year");
        if y.as_rule() == Rule::year_short {
            let span = span_of(&y);
            let found = self.text(&span);
            return Err(self.err(
                TimingErrorKind::Syntax {
                    found,
                    expected: vec![Expected::Year],
                },
                &span,
            ));
        }
        self.year(&y)
    }

    pub(super) fn point(&self, pair: Pair<'_, Rule>) -> Result<PointAt, TimingError> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        if matches!(
            rule,
            Rule::term_pt | Rule::holidays_pt | Rule::after_term | Rule::school_half_pt
        ) {
            return self.school_point(pair);
        }
        let invalid = || {
            self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&span),
                },
                &span,
            )
        };
        let mut day = None;
        let mut month = None;
        let mut year = None;
        let mut year_end = None;
        let mut year_span = None;
        let mut ords: Vec<Option<u32>> = Vec::with_capacity(2);
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::day => day = Some(number(&c)),
                Rule::mon_num => month = Some(number(&c)),
                Rule::month => month = Some(month_number(c)),
                Rule::year => {
                    year_span = Some(span_of(&c));
                    year = Some(self.year(&c)?);
                }
                Rule::yr => year = Some(self.yr(c)?),
                Rule::year_end => year_end = Some(c),
                Rule::ord => ords.push(ord_value(c)),
                Rule::q_code | Rule::h_code => {
                    ords.push(c.as_str().chars().nth(1).and_then(|d| d.to_digit(10)))
                }
                _ => {}
            }
        }
        let p = match rule {
            Rule::date_iso | Rule::date_full | Rule::dm | Rule::dmn => {
                let (day, month) = (day.unwrap_or(0), month.unwrap_or(0));
                let ok = match year {
                    Some(y) => ymd(y, month, day).is_some(),
                    None => day_fits(day, month),
                };
                if !ok {
                    return Err(invalid());
                }
                Point::Day { day, month, year }
            }
            Rule::month_pt => Point::Month {
                month: month.unwrap_or(0),
                year,
            },
            Rule::year_pt => Point::Year(year.expect("a year")),
            Rule::school_year => {
                let y = year.expect("a school year starts with a year");
                let end = year_end.expect("a school year has a second year");
                let end_span = span_of(&end);
                let digits = end.as_str();
                let second = if digits.len() == 2 {
                    let e: i32 = digits.parse().unwrap_or(-1);
                    let mut s = y - y.rem_euclid(100) + e;
                    if s <= y {
                        s += 100;
                    }
                    Some(s)
                } else {
                    digits.parse::<i32>().ok()
                };
                if second != y.checked_add(1) {
                    let years = year_span.map_or(span.clone(), |s| s.start..end_span.end);
                    return Err(self.err(
                        TimingErrorKind::InvalidSchoolYear {
                            text: self.text(&years),
                        },
                        &span,
                    ));
                }
                Point::SchoolYear(y)
            }
            Rule::week_pt => {
                let first = ords.first().copied().flatten();
                let last = ords.last().copied().flatten();
                match (first, last) {
                    (Some(first), Some(last))
                        if (1..=5).contains(&first) && (first..=5).contains(&last) =>
                    {
                        Point::Week {
                            first,
                            last,
                            month: month.unwrap_or(0),
                            year,
                        }
                    }
                    _ => return Err(invalid()),
                }
            }
            Rule::quarter | Rule::half => {
                let max = if rule == Rule::quarter { 4 } else { 2 };
                let mut values = Vec::with_capacity(2);
                for o in ords {
                    match o {
                        Some(v) if (1..=max).contains(&v) => values.push(v),
                        _ => return Err(invalid()),
                    }
                }
                let first = *values.first().expect("a quarter has a number");
                let last = *values.last().expect("a quarter has a number");
                if rule == Rule::quarter {
                    Point::Quarter { first, last, year }
                } else {
                    Point::Half { first, last, year }
                }
            }
            r => unreachable!("the grammar has no point {r:?}"),
        };
        Ok(PointAt { p, span })
    }

    pub(super) fn year(&self, pair: &Pair<'_, Rule>) -> Result<i32, TimingError> {
        match pair.as_str().parse::<i32>() {
            Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
            _ => {
                let span = span_of(pair);
                Err(self.err(
                    TimingErrorKind::InvalidDate {
                        text: self.text(&span),
                    },
                    &span,
                ))
            }
        }
    }
}
