//! The resolver of series: «ежемесячно», «не реже 2 раз в квартал», «ежегодно в мае», «ежеквартально: март, июнь».

use std::ops::Range;

use chrono::Datelike;
use pest::iterators::Pair;

use super::error::{TimingError, TimingErrorKind};
use super::expand::{by_date_of_year, by_day_of_month, occurrences, on_weekday};
use super::interval::{hull, Interval};
use super::parse::{count_value, number, span_of, weekday, Rule};
use super::resolved::{DaysOfYear, Frequency, Repeat, Timing};
use super::resolver::Resolver;
use super::written::{Form, Freq, Item, On, Shape};
use super::MAX_OCCURRENCES;

impl Resolver<'_> {
    pub(super) fn freq(&self, pair: Pair<'_, Rule>) -> Freq {
        let span = span_of(&pair);
        let inner = pair.into_inner().next().expect("a frequency has one form");
        let mut on = On::Any;
        let (every, times) = match inner.as_rule() {
            Rule::f_weekday => {
                on = On::Weekday(weekday(inner));
                (Frequency::Weekly, 1)
            }
            Rule::f_monthday => {
                let day = inner
                    .into_inner()
                    .find(|c| c.as_rule() == Rule::day_of_month)
                    .and_then(|d| {
                        d.into_inner()
                            .find(|c| matches!(c.as_rule(), Rule::nth_day | Rule::nth_ord))
                    })
                    .map_or(1, |n| number(&n));
                on = On::DayOfMonth(day);
                (Frequency::Monthly, 1)
            }
            Rule::f_termly => (Frequency::Term, 1),
            Rule::f_weekly => (Frequency::Weekly, 1),
            Rule::f_monthly => (Frequency::Monthly, 1),
            Rule::f_quarterly => (Frequency::Quarterly, 1),
            Rule::f_halfyearly => (Frequency::HalfYearly, 1),
            Rule::f_yearly => (Frequency::Yearly, 1),
            _ => {
                let mut times = 1;
                let mut every = Frequency::Monthly;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::count => times = count_value(c),
                        Rule::mult => {
                            times = match c.into_inner().next().map(|x| x.as_rule()) {
                                Some(Rule::x_2) => 2,
                                Some(Rule::x_3) => 3,
                                _ => 1,
                            }
                        }
                        Rule::unit => {
                            every = match c.into_inner().next().map(|x| x.as_rule()) {
                                Some(Rule::u_week) => Frequency::Weekly,
                                Some(Rule::u_term) => Frequency::Term,
                                Some(Rule::u_quarter) => Frequency::Quarterly,
                                Some(Rule::u_half) => Frequency::HalfYearly,
                                Some(Rule::u_year) => Frequency::Yearly,
                                _ => Frequency::Monthly,
                            }
                        }
                        _ => {}
                    }
                }
                (every, times)
            }
        };
        Freq {
            every,
            times,
            span,
            on,
        }
    }

    /// «ежемесячно», «еженедельно 10.02.–23.06.2022», «ежегодно в мае», «ежеквартально: март, июнь».
    pub(super) fn freq_then_window(
        &self,
        freq: &Freq,
        form: Option<Form>,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        match form {
            None => {
                let window = self.ctx.period.ok_or_else(|| {
                    self.err(
                        TimingErrorKind::NoYear {
                            text: self.text(&freq.span),
                        },
                        &freq.span,
                    )
                })?;
                self.expand(freq, window, span)
            }
            Some(Form::Deadline(by)) => self.expand(freq, self.deadline_window(by), span),
            Some(Form::Items(items)) => self.list_then_freq(items, freq, None, span),
        }
    }

    /// A list with a frequency: «май, ежегодно» (May of every year), «март, июнь, ежеквартально»
    /// (the listed windows), «2022 год, ежемесячно» (one window, expanded).
    pub(super) fn list_then_freq(
        &self,
        items: Vec<Item>,
        freq: &Freq,
        window: Option<Form>,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let mut items = items;
        let mut window = match window {
            Some(f) => Some(self.form_bounds(f)?),
            None => None,
        };
        // «ежегодно в мае, с 2023 года»: a trailing «с …» is the window, not one more occurrence.
        if window.is_none()
            && items.len() > 1
            && matches!(items.last().map(|i| &i.shape), Some(Shape::From(_)))
        {
            if let Some(from) = items.pop() {
                window = Some(self.resolve_item(&from, None)?);
            }
        }
        let anchors =
            freq.every == Frequency::Yearly && items.iter().all(|i| i.is_part() && i.needs_year());
        if anchors {
            let window = match window.or(self.ctx.period) {
                Some(w) => w,
                None => {
                    let span = items.first().map_or(span.clone(), |i| i.span.clone());
                    return Err(self.err(
                        TimingErrorKind::NoYear {
                            text: self.text(&span),
                        },
                        &span,
                    ));
                }
            };
            return self.anchored(&items, freq, window, span);
        }
        let mut ivs = self.resolve_list(&items)?;
        ivs.sort();
        ivs.dedup();
        match (ivs.as_slice(), window) {
            ([one], None) => self.expand(freq, *one, span),
            _ => {
                let window = hull(&ivs).expect("a list has at least one item");
                self.check_count(ivs.len(), span)?;
                Ok(Timing::Recurring {
                    every: freq.every,
                    times: freq.times,
                    window,
                    occurrences: ivs,
                    repeat: Repeat::Listed,
                })
            }
        }
    }

    /// Yearly anchors («ежегодно в мае»): the anchor in every year of the window.
    pub(super) fn anchored(
        &self,
        items: &[Item],
        freq: &Freq,
        window: Interval,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let mut occurrences = Vec::new();
        let mut invalid = None;
        let mut days: Vec<Option<DaysOfYear>> = vec![None; items.len()];
        for y in window.start.year()..=window.end.year() {
            for (item, days) in items.iter().zip(days.iter_mut()) {
                match self.item_interval(item, Some(y)) {
                    Ok(iv) => {
                        days.get_or_insert((
                            (iv.start.day(), iv.start.month()),
                            (iv.end.day(), iv.end.month()),
                        ));
                        occurrences.extend(iv.intersection(&window));
                    }
                    Err(e) if matches!(e.kind, TimingErrorKind::InvalidDate { .. }) => {
                        invalid = Some(e)
                    }
                    Err(e) => return Err(e),
                }
            }
            self.check_count(occurrences.len(), span)?;
        }
        occurrences.sort();
        occurrences.dedup();
        if occurrences.is_empty() {
            return Err(invalid.unwrap_or_else(|| {
                let at = items.first().map_or(span.clone(), |i| i.span.clone());
                self.err(
                    TimingErrorKind::OutsidePeriod {
                        text: self.text(&at),
                        period: window,
                    },
                    &at,
                )
            }));
        }
        Ok(Timing::Recurring {
            every: freq.every,
            times: freq.times,
            window,
            occurrences,
            repeat: Repeat::InYear(days.into_iter().flatten().collect()),
        })
    }

    pub(super) fn expand(
        &self,
        freq: &Freq,
        window: Interval,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let (occurrences, repeat) = match freq.on {
            On::Any => (
                occurrences(freq.every, window, &self.ctx.calendar),
                Repeat::Whole,
            ),
            On::Weekday(day) => (on_weekday(day, window), Repeat::OnWeekday(day)),
            On::DayOfMonth(day) => (by_day_of_month(day, window), Repeat::ByDay(day)),
        };
        let occurrences = occurrences.map_err(|count| {
            self.err(
                TimingErrorKind::TooManyOccurrences {
                    text: self.text(span),
                    count,
                },
                span,
            )
        })?;
        Ok(Timing::Recurring {
            every: freq.every,
            times: freq.times,
            window,
            occurrences,
            repeat,
        })
    }

    /// «ежегодно, до 25 декабря»: from the first of every year of `window` to that day.
    pub(super) fn by_date_of_year(
        &self,
        freq: &Freq,
        day: (u32, u32),
        window: Interval,
        span: &Range<usize>,
    ) -> Result<Timing, TimingError> {
        let occurrences = by_date_of_year(day, window);
        if occurrences.is_empty() {
            return Err(self.err(
                TimingErrorKind::OutsidePeriod {
                    text: self.text(span),
                    period: window,
                },
                span,
            ));
        }
        Ok(Timing::Recurring {
            every: freq.every,
            times: freq.times,
            window,
            occurrences,
            repeat: Repeat::ByDate(day),
        })
    }

    pub(super) fn check_count(&self, count: usize, span: &Range<usize>) -> Result<(), TimingError> {
        if count > MAX_OCCURRENCES {
            return Err(self.err(
                TimingErrorKind::TooManyOccurrences {
                    text: self.text(span),
                    count,
                },
                span,
            ));
        }
        Ok(())
    }
}
