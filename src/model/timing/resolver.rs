//! Walks the parse tree of one cell: the body of a timing (a window, a series, no fixed date) and who keeps a schedule.

use std::ops::Range;

use pest::iterators::Pair;

use super::error::{TimingError, TimingErrorKind};
use super::interval::Interval;
use super::parse::{fold, is_form, number, span_of, Rule};
use super::resolved::{Context, Frequency, Labelled, LengthUnit, NoDate, Repeat, Timing};
use super::school::{school_years, Term};
use super::written::{Form, Freq, On, Point};
use super::QUOTE_LIMIT;

/// Walks the parse tree of one cell and resolves it.
pub(super) struct Resolver<'a> {
    /// The original text (the parse ran on its lowercased copy, with the same byte offsets).
    pub(super) src: &'a str,
    pub(super) ctx: &'a Context,
}

impl Resolver<'_> {
    /// The user's text at `span`, trimmed and cut to a quotable length.
    pub(super) fn text(&self, span: &Range<usize>) -> String {
        let s = self.src.get(span.clone()).unwrap_or("").trim();
        if s.chars().count() <= QUOTE_LIMIT {
            s.to_string()
        } else {
            let mut cut: String = s.chars().take(QUOTE_LIMIT).collect();
            cut.push('…');
            cut
        }
    }

    pub(super) fn err(&self, kind: TimingErrorKind, span: &Range<usize>) -> TimingError {
        TimingError {
            kind,
            span: span.clone(),
        }
    }

    pub(super) fn body(&self, pair: Pair<'_, Rule>) -> Result<Timing, TimingError> {
        match pair.as_rule() {
            Rule::schedule | Rule::on_demand | Rule::continuous => self.nodate(pair, None),
            Rule::recurring => {
                let span = span_of(&pair);
                let mut freq: Option<Freq> = None;
                let mut forms = Vec::with_capacity(2);
                let mut by_date = None;
                for c in pair.into_inner() {
                    match c.as_rule() {
                        Rule::freq => freq = Some(self.freq(c)),
                        // «ежегодно, до 25 декабря»: a deadline inside every year.
                        Rule::deadline
                            if by_date.is_none()
                                && freq.as_ref().is_some_and(|f| f.every == Frequency::Yearly) =>
                        {
                            match self.yearless_day(&c)? {
                                Some(day) => by_date = Some(day),
                                None => forms.push(self.form(c)?),
                            }
                        }
                        r if is_form(r) => forms.push(self.form(c)?),
                        _ => {}
                    }
                }
                let freq = freq.expect("a recurrence starts with a frequency");
                if let Some(day) = by_date {
                    let window = match forms.pop() {
                        Some(form) => self.form_bounds(form)?,
                        None => self.ctx.period.ok_or_else(|| {
                            self.err(
                                TimingErrorKind::NoYear {
                                    text: self.text(&span),
                                },
                                &span,
                            )
                        })?,
                    };
                    return self.by_date_of_year(&freq, day, window, &span);
                }
                let mut forms = forms.into_iter();
                match (forms.next(), forms.next()) {
                    // «ежегодно в мае с 2023 года»: what repeats, then the window.
                    (Some(Form::Items(items)), Some(window)) => {
                        self.list_then_freq(items, &freq, Some(window), &span)
                    }
                    (Some(Form::Deadline(by)), Some(_)) => {
                        self.expand(&freq, self.deadline_window(by), &span)
                    }
                    (form, _) => self.freq_then_window(&freq, form, &span),
                }
            }
            Rule::every_anchor => {
                let span = span_of(&pair);
                let mut freq_span = span.clone();
                let mut items = None;
                let mut window = None;
                for c in pair.into_inner() {
                    match c.as_rule() {
                        Rule::k_every => freq_span = span_of(&c),
                        Rule::item_list if items.is_none() => items = Some(self.item_list(c)?),
                        r if is_form(r) => window = Some(self.form(c)?),
                        _ => {}
                    }
                }
                let items = items.expect("«every» is followed by what repeats");
                let freq = Freq {
                    every: Frequency::Yearly,
                    times: 1,
                    span: freq_span,
                    on: On::Any,
                };
                self.list_then_freq(items, &freq, window, &span)
            }
            Rule::windowed => {
                let span = span_of(&pair);
                let mut inner = pair.into_inner();
                let form = self.form(inner.next().expect("a window comes first"))?;
                for c in inner {
                    match c.as_rule() {
                        Rule::rec_suffix => {
                            let mut freq = None;
                            let mut window = None;
                            for r in c.into_inner() {
                                match r.as_rule() {
                                    Rule::freq => freq = Some(self.freq(r)),
                                    x if is_form(x) => window = Some(self.form(r)?),
                                    _ => {}
                                }
                            }
                            let freq = freq.expect("a recurrence has a frequency");
                            return match form {
                                Form::Items(items) => {
                                    self.list_then_freq(items, &freq, window, &span)
                                }
                                Form::Deadline(by) => {
                                    self.expand(&freq, self.deadline_window(by), &span)
                                }
                            };
                        }
                        Rule::sched_in
                        | Rule::sched_tail
                        | Rule::demand_in
                        | Rule::demand_tail
                        | Rule::k_continuous => {
                            let window = self.form_bounds(form)?;
                            return self.nodate(c, Some(window));
                        }
                        _ => {}
                    }
                }
                self.form_timing(form)
            }
            Rule::length => self.length(pair),
            Rule::after_each => self.after_each(pair),
            Rule::labelled_list | Rule::after_list => self.labelled(pair),
            r => unreachable!("the grammar has no body {r:?}"),
        }
    }

    /// «по итогам четверти»: the days after every term (every school
    /// half-year for «полугодия») of the roadmap's period. In one school year
    /// these are so many windows; over several, a series.
    fn after_each(&self, pair: Pair<'_, Rule>) -> Result<Timing, TimingError> {
        let span = span_of(&pair);
        let halves = pair.into_inner().any(|c| c.as_rule() == Rule::k_half);
        let window = self.ctx.period.ok_or_else(|| {
            self.err(
                TimingErrorKind::NoYear {
                    text: self.text(&span),
                },
                &span,
            )
        })?;
        let terms: Vec<Term> = if halves {
            vec![Term::Half(1), Term::Half(2)]
        } else {
            (1..=4).map(Term::Quarter).collect()
        };
        let years = school_years(window);
        let several = years.start() != years.end();
        let mut occurrences: Vec<Interval> = years
            .flat_map(|y| {
                terms
                    .iter()
                    .filter_map(move |t| self.ctx.calendar.after(*t, y))
            })
            .filter(|w| window.covers(w))
            .collect();
        occurrences.sort();
        if occurrences.is_empty() {
            return Err(self.err(
                TimingErrorKind::OutsidePeriod {
                    text: self.text(&span),
                    period: window,
                },
                &span,
            ));
        }
        if !several {
            return Ok(Timing::Windows(occurrences));
        }
        Ok(Timing::Recurring {
            every: if halves {
                Frequency::HalfYearly
            } else {
                Frequency::Term
            },
            times: 1,
            window,
            occurrences,
            repeat: Repeat::Whole,
        })
    }

    /// The day and month of «до 25 декабря» when no year is written.
    fn yearless_day(&self, deadline: &Pair<'_, Rule>) -> Result<Option<(u32, u32)>, TimingError> {
        for c in deadline.clone().into_inner() {
            if matches!(c.as_rule(), Rule::dm | Rule::dmn) {
                if let Point::Day {
                    day,
                    month,
                    year: None,
                } = self.point(c)?.p
                {
                    return Ok(Some((day, month)));
                }
            }
        }
        Ok(None)
    }

    /// «срок реализации 5 лет», «6 месяцев».
    /// «3 неделя» is the third week, not a length (that is «3 недели»): without
    /// its month it is an error.
    fn length(&self, pair: Pair<'_, Rule>) -> Result<Timing, TimingError> {
        let span = span_of(&pair);
        let mut amount = 1;
        let mut unit = LengthUnit::Years;
        for c in pair.into_inner() {
            match c.as_rule() {
                Rule::count_num => amount = number(&c).max(1),
                Rule::l_unit => {
                    let word = c.as_str().trim_end_matches('.');
                    let one = amount % 10 == 1 && amount % 100 != 11;
                    if matches!(word, "неделя" | "неделю" | "week") && !one {
                        return Err(self.err(
                            TimingErrorKind::WeekWithoutMonth {
                                text: self.text(&span),
                                week: amount,
                            },
                            &span,
                        ));
                    }
                    unit = match c.into_inner().next().map(|u| u.as_rule()) {
                        Some(Rule::l_day) => LengthUnit::Days,
                        Some(Rule::l_week) => LengthUnit::Weeks,
                        Some(Rule::l_month) => LengthUnit::Months,
                        _ => LengthUnit::Years,
                    }
                }
                _ => {}
            }
        }
        Ok(Timing::Length { amount, unit })
    }

    /// «входной мониторинг — сентябрь 2020; итоговый — май 2021»: each window
    /// with its label. Windows that all have one label are just windows.
    fn labelled(&self, pair: Pair<'_, Rule>) -> Result<Timing, TimingError> {
        let mut out = Vec::new();
        let items = pair
            .into_inner()
            .filter(|c| matches!(c.as_rule(), Rule::labelled | Rule::label_after));
        for item in items {
            let mut label = String::new();
            let mut windows = Vec::new();
            for c in item.into_inner() {
                match c.as_rule() {
                    Rule::label | Rule::label_text => {
                        label = self
                            .src
                            .get(span_of(&c))
                            .unwrap_or("")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                    }
                    r if is_form(r) => {
                        let form = self.form(c)?;
                        windows.extend(self.form_timing(form)?.intervals());
                    }
                    _ => {}
                }
            }
            out.extend(windows.into_iter().map(|window| Labelled {
                window,
                label: label.clone(),
            }));
        }
        out.sort();
        out.dedup();
        // One label for everything is the cell's comment, not a label.
        if out.windows(2).all(|w| w[0].label == w[1].label) {
            let mut windows: Vec<Interval> = out.iter().map(|l| l.window).collect();
            windows.dedup();
            return Ok(match windows.as_slice() {
                [one] => Timing::Window(*one),
                _ => Timing::Windows(windows),
            });
        }
        Ok(Timing::Labelled(out))
    }

    /// «по графику СОИРО», «по заявкам», «постоянно», with the window around them if any.
    pub(super) fn nodate(
        &self,
        pair: Pair<'_, Rule>,
        outer: Option<Interval>,
    ) -> Result<Timing, TimingError> {
        let rule = pair.as_rule();
        let span = span_of(&pair);
        let mut words_end = span.start;
        let mut owner = None;
        let mut window = outer;
        for c in pair.into_inner() {
            match c.as_rule() {
                r if is_form(r) => window = Some(self.form_bounds(self.form(c)?)?),
                r => {
                    words_end = words_end.max(c.as_span().end());
                    if matches!(r, Rule::owner | Rule::owner_in) {
                        owner = self.owner_name(&span_of(&c));
                    }
                }
            }
        }
        let words = self
            .src
            .get(span.start..words_end)
            .unwrap_or("")
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let written = window.is_some();
        let kind = match rule {
            Rule::schedule | Rule::sched_in | Rule::sched_tail => NoDate::Schedule { owner },
            Rule::on_demand | Rule::demand_in | Rule::demand_tail => NoDate::OnDemand,
            _ => NoDate::Continuous,
        };
        if kind == NoDate::Continuous && window.is_none() {
            window = self.ctx.period;
        }
        Ok(Timing::NoDate {
            kind,
            window,
            words,
            written,
        })
    }

    /// Who keeps the schedule: the words after «по графику», less «мероприятий» and the like.
    pub(super) fn owner_name(&self, span: &Range<usize>) -> Option<String> {
        const FILLER: &[&str] = &[
            "мероприятий",
            "проведения",
            "работы",
            "the",
            "events",
            "activities",
        ];
        let raw = self.src.get(span.clone())?;
        let mut s = raw
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';'))
            .trim_start();
        loop {
            let word_end = s.find(char::is_whitespace).unwrap_or(s.len());
            let (word, rest) = s.split_at(word_end);
            if !word.is_empty() && FILLER.contains(&fold(word).as_str()) {
                s = rest.trim_start();
            } else {
                break;
            }
        }
        (!s.is_empty()).then(|| s.to_string())
    }
}
