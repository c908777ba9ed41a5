//! Where a missing year comes from: the next item of a list, the roadmap's period, or an error saying which years it could be.

use chrono::Datelike;

use super::error::{TimingError, TimingErrorKind};
use super::interval::Interval;
use super::resolver::Resolver;
use super::written::{Item, Point, PointAt, PointErr, Shape};

impl Resolver<'_> {
    /// Resolve a list: a bare year right after a dated item repeats that item
    /// («сентябрь 2020, 2021»); an item without a year takes the year of the next
    /// item that has one («февраль, март 2021 года»), or else the roadmap's.
    pub(super) fn resolve_list(&self, items: &[Item]) -> Result<Vec<Interval>, TimingError> {
        let mut expanded: Vec<Item> = Vec::with_capacity(items.len());
        let mut template: Option<usize> = None;
        for item in items {
            if let Shape::One(PointAt {
                p: Point::Year(y), ..
            }) = item.shape
            {
                if let Some(t) = template {
                    let mut again = expanded[t].clone();
                    again.set_year(y);
                    again.span = item.span.clone();
                    expanded.push(again);
                    continue;
                }
            } else {
                template = item.is_part().then_some(expanded.len());
            }
            expanded.push(item.clone());
        }
        let mut fill = vec![None; expanded.len()];
        let mut next = None;
        for (i, item) in expanded.iter().enumerate().rev() {
            fill[i] = next;
            if let Some(y) = item.written_year() {
                next = Some(y);
            }
        }
        expanded
            .iter()
            .zip(fill)
            .map(|(item, fill)| self.resolve_item(item, fill))
            .collect()
    }

    /// Resolve one item; `fill` is the year to use when the item has none.
    pub(super) fn resolve_item(
        &self,
        item: &Item,
        fill: Option<i32>,
    ) -> Result<Interval, TimingError> {
        if !item.needs_year() {
            return self.item_interval(item, None);
        }
        // A school plan's «год» is its school year.
        if let (Shape::CurYear, None, Some(p)) = (&item.shape, fill, self.ctx.period) {
            if p.is_school_year() {
                return Ok(p);
            }
        }
        let y = match fill {
            Some(y) => y,
            None => self.context_year(item)?,
        };
        self.item_interval(item, Some(y))
    }

    /// The year a year-less item means in this roadmap: the period's year when
    /// the period is within one calendar year, else the only year in which the
    /// item falls inside the period («сентябрь» in 2020/2021 school year → 2020).
    pub(super) fn context_year(&self, item: &Item) -> Result<i32, TimingError> {
        let Some(period) = self.ctx.period else {
            return Err(self.err(
                TimingErrorKind::NoYear {
                    text: self.text(&item.span),
                },
                &item.span,
            ));
        };
        let (first, last) = (period.start.year(), period.end.year());
        // School years are named by their first calendar year.
        let from = if item.is_school_term() {
            first - 1
        } else if first == last {
            return Ok(first);
        } else {
            first
        };
        let probe = |y: i32| match &item.shape {
            Shape::From(a) => self.point_interval(a, Some(y)),
            _ => self.item_interval(item, Some(y)),
        };
        let mut found = Vec::with_capacity(2);
        for y in from..=last {
            if let Ok(iv) = probe(y) {
                if iv.intersects(&period) {
                    found.push(y);
                    if found.len() > 1 {
                        break;
                    }
                }
            }
        }
        match found.as_slice() {
            [y] => Ok(*y),
            [] => match probe(first) {
                // The item is wrong whatever the year: say that.
                Err(e) if !matches!(e.kind, TimingErrorKind::AmbiguousYear { .. }) => Err(e),
                _ => Err(self.ambiguous(item, first, last)),
            },
            [a, b, ..] if item.is_school_term() => Err(self.err(
                TimingErrorKind::AmbiguousYear {
                    text: self.text(&item.span),
                    first,
                    last,
                    school: Some((*a, *b)),
                },
                &item.span,
            )),
            _ => Err(self.ambiguous(item, first, last)),
        }
    }

    pub(super) fn ambiguous(&self, item: &Item, first: i32, last: i32) -> TimingError {
        self.err(
            TimingErrorKind::AmbiguousYear {
                text: self.text(&item.span),
                first,
                last,
                school: None,
            },
            &item.span,
        )
    }

    /// The days an item means, with `year` for the parts that have none.
    pub(super) fn item_interval(
        &self,
        item: &Item,
        year: Option<i32>,
    ) -> Result<Interval, TimingError> {
        match &item.shape {
            Shape::One(a) => self.point_interval(a, year),
            Shape::Range(a, b) => {
                let ya = a.p.year().or(b.p.year()).or(year);
                let yb = b.p.year().or(a.p.year()).or(year);
                let start = self.point_interval(a, ya)?.start;
                let mut end = self.point_interval(b, yb)?.end;
                // «сентябрь – май» in a school year: May of the next calendar year.
                let spans_years = self
                    .ctx
                    .period
                    .is_some_and(|p| p.start.year() != p.end.year());
                if end < start && a.p.year().is_none() && b.p.year().is_none() && spans_years {
                    if let Some(next) = yb.and_then(|y| y.checked_add(1)) {
                        end = self.point_interval(b, Some(next))?.end;
                    }
                }
                if end < start {
                    return Err(self.err(TimingErrorKind::Reversed { start, end }, &item.span));
                }
                Ok(Interval::new(start, end))
            }
            Shape::From(a) => {
                let start = self.point_interval(a, year)?.start;
                match self.ctx.period {
                    None => Err(self.err(
                        TimingErrorKind::NoPeriod {
                            text: self.text(&item.span),
                        },
                        &item.span,
                    )),
                    Some(p) if p.end < start => Err(self.err(
                        TimingErrorKind::OutsidePeriod {
                            text: self.text(&item.span),
                            period: p,
                        },
                        &item.span,
                    )),
                    Some(p) => Ok(Interval::new(start, p.end)),
                }
            }
            Shape::CurYear => match year {
                Some(y) => Interval::year_opt(y).ok_or_else(|| {
                    self.err(
                        TimingErrorKind::InvalidDate {
                            text: self.text(&item.span),
                        },
                        &item.span,
                    )
                }),
                None => Err(self.err(
                    TimingErrorKind::NoYear {
                        text: self.text(&item.span),
                    },
                    &item.span,
                )),
            },
            Shape::CurSchoolYear => match self.ctx.period {
                Some(p) if p.is_school_year() => Ok(p),
                _ => Err(self.err(TimingErrorKind::AmbiguousSchoolYear, &item.span)),
            },
            Shape::WholePeriod => self.ctx.period.ok_or_else(|| {
                self.err(
                    TimingErrorKind::NoPeriod {
                        text: self.text(&item.span),
                    },
                    &item.span,
                )
            }),
        }
    }

    pub(super) fn point_interval(
        &self,
        a: &PointAt,
        year: Option<i32>,
    ) -> Result<Interval, TimingError> {
        let Some(y) = a.p.year().or(year) else {
            return Err(self.err(
                TimingErrorKind::NoYear {
                    text: self.text(&a.span),
                },
                &a.span,
            ));
        };
        a.p.interval(y, &self.ctx.calendar).map_err(|e| match e {
            PointErr::Invalid => self.err(
                TimingErrorKind::InvalidDate {
                    text: self.text(&a.span),
                },
                &a.span,
            ),
            PointErr::Reversed(start, end) => {
                self.err(TimingErrorKind::Reversed { start, end }, &a.span)
            }
        })
    }
}
