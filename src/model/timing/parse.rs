//! The grammar glue: runs `grammar/timing.pest` on a case-folded copy of the cell, hands the tree to the resolver, and turns pest's failures into errors in the user's words.

use std::ops::Range;

use chrono::NaiveDate;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser as _;

use super::error::{Expected, TimingError, TimingErrorKind};
use super::interval::{ymd, Interval};
use super::resolved::{Context, Timing};
use super::resolver::Resolver;
use super::school::{Days2, Term};
use super::written::Point;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/timing.pest"]
    pub(in crate::model::timing) struct TimingParser;
}
pub(super) use grammar::{Rule, TimingParser};

/// Parse and resolve one timing cell.
pub fn resolve(text: &str, ctx: &Context) -> Result<Timing, TimingError> {
    let folded = fold(text);
    let mut pairs = match TimingParser::parse(Rule::timing, &folded) {
        Ok(pairs) => pairs,
        // Labels are read only where nothing else fits, so that a misspelt
        // month is reported as such and not taken for a label.
        Err(e) => TimingParser::parse(Rule::labelled_timing, &folded)
            .map_err(|_| syntax_error(&e, text, Expected::ANY_TIMING))?,
    };
    let timing = pairs.next().expect("the parser returns the timing rule");
    let body = timing
        .into_inner()
        .find(|p| !matches!(p.as_rule(), Rule::EOI | Rule::lead))
        .expect("a timing has a body");
    Resolver { src: text, ctx }.body(body)
}

/// Whether a deadline names its day («до 01.03.2022», «к 5 сентября»), and
/// is not only a month or a year whose last day it is by rule («к 2025 году»,
/// «до конца марта»).
pub fn names_its_day(text: &str) -> bool {
    let folded = fold(text);
    let Ok(pairs) = TimingParser::parse(Rule::timing, &folded) else {
        return false;
    };
    pairs
        .flatten()
        .filter(|p| p.as_rule() == Rule::deadline)
        .any(|d| {
            d.into_inner().any(|c| {
                matches!(
                    c.as_rule(),
                    Rule::date_full | Rule::dm | Rule::date_iso | Rule::dmn
                )
            })
        })
}

/// One `учебный календарь:` line: which part of the school year, and its
/// first and last day as `((day, month), (day, month))`.
pub fn calendar_line(text: &str) -> Result<(Term, Days2), TimingError> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::calendar_line, &folded)
        .map_err(|e| syntax_error(&e, text, &[Expected::Quarter, Expected::HalfYear]))?;
    let line = pairs.next().expect("the parser returns the calendar line");
    let ctx = Context::default();
    let r = Resolver {
        src: text,
        ctx: &ctx,
    };
    let mut term = None;
    let mut days = Vec::with_capacity(2);
    for c in line.into_inner() {
        match c.as_rule() {
            Rule::cal_term => {
                let span = span_of(&c);
                let mut n = None;
                let mut kind = None;
                for t in c.into_inner() {
                    match t.as_rule() {
                        Rule::ord => n = ord_value(t),
                        Rule::k_term => kind = Some(Term::Quarter(0)),
                        Rule::k_half => kind = Some(Term::Half(0)),
                        Rule::season => {
                            kind = Some(match t.into_inner().next().map(|s| s.as_rule()) {
                                Some(Rule::s_winter) => Term::WinterHolidays,
                                Some(Rule::s_spring) => Term::SpringHolidays,
                                Some(Rule::s_summer) => Term::SummerHolidays,
                                _ => Term::AutumnHolidays,
                            })
                        }
                        _ => {}
                    }
                }
                term = match (kind, n) {
                    (Some(Term::Quarter(_)), Some(q @ 1..=4)) => Some(Term::Quarter(q)),
                    (Some(Term::Half(_)), Some(h @ 1..=2)) => Some(Term::Half(h)),
                    (Some(Term::Quarter(_) | Term::Half(_)), _) => {
                        return Err(TimingError {
                            kind: TimingErrorKind::InvalidDate {
                                text: r.text(&span),
                            },
                            span,
                        })
                    }
                    (other, _) => other,
                };
            }
            Rule::dm | Rule::dmn => {
                let span = span_of(&c);
                match r.point(c)?.p {
                    Point::Day {
                        day,
                        month,
                        year: None,
                    } => days.push((day, month)),
                    _ => {
                        return Err(TimingError {
                            kind: TimingErrorKind::Syntax {
                                found: r.text(&span),
                                expected: vec![Expected::Date],
                            },
                            span,
                        })
                    }
                }
            }
            _ => {}
        }
    }
    let term = term.expect("a calendar line names a term");
    match days.as_slice() {
        [a, b] => Ok((term, (*a, *b))),
        _ => unreachable!("a calendar line has two days"),
    }
}

/// Resolve the roadmap's «период:» header: `2022`, `2020–2022`, `2020-2022 годы`,
/// `01.09.2020 – 31.08.2021`, `2020/2021 учебный год`.
pub fn resolve_period(text: &str) -> Result<Interval, TimingError> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::period, &folded)
        .map_err(|e| syntax_error(&e, text, Expected::ANY_PERIOD))?;
    let period = pairs.next().expect("the parser returns the period rule");
    let item = period
        .into_inner()
        .find(|p| p.as_rule() == Rule::item)
        .expect("a period has an item");
    let ctx = Context::default();
    let r = Resolver {
        src: text,
        ctx: &ctx,
    };
    let item = r.item(item)?;
    r.resolve_item(&item, None)
}

/// A single date written `DD.MM.YYYY` (optionally with «г.») or `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let folded = fold(text);
    let mut pairs = TimingParser::parse(Rule::date, &folded).ok()?;
    let point = pairs
        .next()?
        .into_inner()
        .find(|p| matches!(p.as_rule(), Rule::date_iso | Rule::date_full))?;
    let ctx = Context::default();
    let r = Resolver {
        src: text,
        ctx: &ctx,
    };
    match r.point(point).ok()?.p {
        Point::Day {
            day,
            month,
            year: Some(y),
        } => ymd(y, month, day),
        _ => None,
    }
}

/// Lowercase letter by letter, keeping each character's byte length (so byte
/// offsets stay valid in the original), and write «ё» as «е».
pub(super) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ё' | 'Ё' => 'е',
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            _ => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            }
        })
        .collect()
}

/// A syntax error at pest's furthest failure; `start` is what may begin the text.
pub(super) fn syntax_error(
    err: &pest::error::Error<Rule>,
    src: &str,
    start: &[Expected],
) -> TimingError {
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = word_at(src, pos);
    let mut expected: Vec<Expected> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .flat_map(|r| expected_for(*r).iter().copied())
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    // Nothing read yet: anything that starts a timing could come.
    if expected.is_empty() || src.get(..pos).is_some_and(|s| s.trim().is_empty()) {
        expected = start.to_vec();
    }
    let end = pos + found.len();
    TimingError {
        kind: TimingErrorKind::Syntax { found, expected },
        span: pos..end,
    }
}

/// The word (or the one other character) at byte `pos`.
pub(super) fn word_at(src: &str, pos: usize) -> String {
    let rest = src.get(pos..).unwrap_or("");
    match rest.chars().next() {
        None => String::new(),
        Some(c) if c.is_alphanumeric() => rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .take(40)
            .collect(),
        Some(c) => c.to_string(),
    }
}

/// What a rule that failed to match stands for, in the user's words.
pub(super) fn expected_for(rule: Rule) -> &'static [Expected] {
    use Expected as E;
    match rule {
        Rule::day | Rule::mon_num | Rule::date_full | Rule::date_iso | Rule::dm | Rule::dmn => {
            &[E::Date]
        }
        Rule::digit_lead => &[E::Date, E::Year],
        Rule::month
        | Rule::month_pt
        | Rule::m_jan
        | Rule::m_feb
        | Rule::m_mar
        | Rule::m_apr
        | Rule::m_may
        | Rule::m_jun
        | Rule::m_jul
        | Rule::m_aug
        | Rule::m_sep
        | Rule::m_oct
        | Rule::m_nov
        | Rule::m_dec => &[E::Month],
        Rule::quarter | Rule::k_quarter | Rule::q_code => &[E::Quarter],
        Rule::half | Rule::k_half | Rule::h_code => &[E::HalfYear],
        Rule::ord | Rule::roman | Rule::ord_num | Rule::ord_word => &[E::Quarter, E::HalfYear],
        Rule::year | Rule::yr | Rule::year_pt | Rule::year_end | Rule::year_short => &[E::Year],
        Rule::school_year | Rule::k_school | Rule::cur_school_year => &[E::SchoolYear],
        Rule::dash => &[E::Dash],
        Rule::k_and => &[E::Separator],
        Rule::deadline | Rule::k_by => &[E::Deadline],
        Rule::freq
        | Rule::rec_suffix
        | Rule::recurring
        | Rule::every_anchor
        | Rule::k_every
        | Rule::f_weekly
        | Rule::f_monthly
        | Rule::f_quarterly
        | Rule::f_halfyearly
        | Rule::f_yearly
        | Rule::times
        | Rule::k_at_least => &[E::Frequency],
        Rule::count | Rule::count_num | Rule::count_word | Rule::mult | Rule::k_raz => &[E::Times],
        Rule::k_per | Rule::unit => &[E::Unit],
        Rule::schedule
        | Rule::on_demand
        | Rule::continuous
        | Rule::k_schedule
        | Rule::k_on_demand
        | Rule::k_continuous
        | Rule::sched_in
        | Rule::sched_tail
        | Rule::demand_in
        | Rule::demand_tail => &[E::NoFixedDate],
        Rule::EOI => &[E::End],
        Rule::item | Rule::item_list | Rule::span | Rule::from_to | Rule::during | Rule::prep => {
            &[E::Date, E::Month, E::Quarter, E::Year]
        }
        _ => &[],
    }
}

// Spans and the kinds of rule.

pub(super) fn span_of(pair: &Pair<'_, Rule>) -> Range<usize> {
    let s = pair.as_span();
    s.start()..s.end()
}

pub(super) fn is_form(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::during | Rule::deadline | Rule::whole_period | Rule::item_list
    )
}

pub(super) fn is_point(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::date_iso
            | Rule::date_full
            | Rule::school_year
            | Rule::quarter
            | Rule::half
            | Rule::dmn
            | Rule::dm
            | Rule::month_pt
            | Rule::year_pt
            | Rule::week_pt
            | Rule::term_pt
            | Rule::holidays_pt
            | Rule::after_term
            | Rule::school_half_pt
    )
}
// Numbers as written.

/// A number of at most a few digits (the grammar bounds them).
pub(super) fn number(pair: &Pair<'_, Rule>) -> u32 {
    pair.as_str()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .filter_map(|c| c.to_digit(10))
        .fold(0, |acc, d| acc * 10 + d)
}

pub(super) fn month_number(pair: Pair<'_, Rule>) -> u32 {
    match pair.into_inner().next().map(|m| m.as_rule()) {
        Some(Rule::m_jan) => 1,
        Some(Rule::m_feb) => 2,
        Some(Rule::m_mar) => 3,
        Some(Rule::m_apr) => 4,
        Some(Rule::m_may) => 5,
        Some(Rule::m_jun) => 6,
        Some(Rule::m_jul) => 7,
        Some(Rule::m_aug) => 8,
        Some(Rule::m_sep) => 9,
        Some(Rule::m_oct) => 10,
        Some(Rule::m_nov) => 11,
        Some(Rule::m_dec) => 12,
        _ => 0,
    }
}

pub(super) fn count_value(pair: Pair<'_, Rule>) -> u32 {
    let Some(c) = pair.into_inner().next() else {
        return 1;
    };
    match c.as_rule() {
        Rule::count_num => number(&c).max(1),
        _ => match c.into_inner().next().map(|w| w.as_rule()) {
            Some(Rule::c_2) => 2,
            Some(Rule::c_3) => 3,
            Some(Rule::c_4) => 4,
            _ => 1,
        },
    }
}

/// The number of a quarter or half-year: «II», «2», «2-й», «2nd», «второй», «second».
pub(super) fn ord_value(pair: Pair<'_, Rule>) -> Option<u32> {
    let c = pair.into_inner().next()?;
    match c.as_rule() {
        Rule::roman => roman_value(c.as_str()),
        Rule::ord_num => Some(number(&c)),
        _ => match c.into_inner().next()?.as_rule() {
            Rule::o_1 => Some(1),
            Rule::o_2 => Some(2),
            Rule::o_3 => Some(3),
            Rule::o_4 => Some(4),
            _ => None,
        },
    }
}

/// The day of «каждый понедельник», «по средам», «every Friday».
pub(super) fn weekday(pair: Pair<'_, Rule>) -> chrono::Weekday {
    use chrono::Weekday as W;
    let day = pair
        .into_inner()
        .find(|c| c.as_rule() == Rule::weekday)
        .and_then(|w| w.into_inner().next())
        .map(|d| d.as_rule());
    match day {
        Some(Rule::wd_tue) => W::Tue,
        Some(Rule::wd_wed) => W::Wed,
        Some(Rule::wd_thu) => W::Thu,
        Some(Rule::wd_fri) => W::Fri,
        Some(Rule::wd_sat) => W::Sat,
        Some(Rule::wd_sun) => W::Sun,
        _ => W::Mon,
    }
}

/// A small Roman numeral in lowercase (i, v, x).
pub(super) fn roman_value(s: &str) -> Option<u32> {
    if s.len() > 8 {
        return None;
    }
    let digits: Vec<i32> = s
        .chars()
        .map(|c| match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => 0,
        })
        .collect();
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if d < next => total -= d,
            _ => total += d,
        }
    }
    u32::try_from(total).ok()
}
