//! Words for dates, periods and counts in Russian and English: what the
//! template helpers and the non-template outputs (csv, xlsx, ics) print.

use crate::lang::{plural_en, plural_ru, Lang};
use crate::model::timing::{Frequency, Labelled, LengthUnit, NoDate, Repeat};
use crate::model::{Comparator, Target, Timing};
use crate::schedule::{Entry, Kind, Undated};
use chrono::{Datelike, NaiveDate};

/// The months in the nominative, as a heading or a completion names them.
pub(crate) const MONTHS_NOM_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const MONTHS_GEN_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_SHORT_RU: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];
/// English month names, January first.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_RU: [&str; 7] = [
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// Grammatical case of a month name: «март» or «1 марта».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nominative,
    Genitive,
    Short,
}

/// A month's name (`month` is 1–12).
pub fn month_name(month: u32, case: Case, lang: Lang) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match (lang, case) {
        (Lang::Ru, Case::Nominative) => MONTHS_NOM_RU[i],
        (Lang::Ru, Case::Genitive) => MONTHS_GEN_RU[i],
        (Lang::Ru, Case::Short) => MONTHS_SHORT_RU[i],
        (Lang::En, Case::Short) => &MONTHS_EN[i][..3],
        (Lang::En, _) => MONTHS_EN[i],
    }
}

pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Ru => WEEKDAYS_RU[i],
        Lang::En => WEEKDAYS_EN[i],
    }
}

/// The first letter in upper case: «март» → «Март».
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// «1 марта 2022 г.» / "1 March 2022".
pub fn date_long(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "{} {} {} г.",
            d.day(),
            month_name(d.month(), Case::Genitive, lang),
            d.year()
        ),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            month_name(d.month(), Case::Nominative, lang),
            d.year()
        ),
    }
}

/// «01.03.2022» / "1 Mar 2022".
pub fn date_short(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
        Lang::En => en_day(d, true),
    }
}

/// For tables read by programs: «01.03.2022» / "2022-03-01".
pub fn date_numeric(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// «1 марта» / "1 March".
pub fn day_month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "{} {}",
            d.day(),
            month_name(d.month(), Case::Genitive, lang)
        ),
        Lang::En => format!(
            "{} {}",
            d.day(),
            month_name(d.month(), Case::Nominative, lang)
        ),
    }
}

/// «март 2022» / "March 2022".
pub fn month_year(d: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {}",
        month_name(d.month(), Case::Nominative, lang),
        d.year()
    )
}

/// «II квартал» / "Q2".
pub fn quarter(d: NaiveDate, lang: Lang) -> String {
    let q = (d.month0() / 3) as usize;
    match lang {
        Lang::Ru => format!("{} квартал", ROMAN[q]),
        Lang::En => format!("Q{}", q + 1),
    }
}

/// «I полугодие» / "H1".
pub fn half_year(d: NaiveDate, lang: Lang) -> String {
    let h = (d.month0() / 6) as usize;
    match lang {
        Lang::Ru => format!("{} полугодие", ROMAN[h]),
        Lang::En => format!("H{}", h + 1),
    }
}

/// `n` and the word that agrees with it: «1 день», «2 дня», «5 дней», «21 день».
/// In English `few` is not used.
pub fn plural(n: i64, one: &str, few: &str, many: &str, lang: Lang) -> String {
    let word = match lang {
        Lang::Ru => plural_ru(n.unsigned_abs(), one, few, many),
        Lang::En => plural_en(n.unsigned_abs(), one, many),
    };
    format!("{n} {word}")
}

/// «5 дней» / "5 days".
pub fn days(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Ru => plural(n, "день", "дня", "дней", lang),
        Lang::En => plural(n, "day", "days", "days", lang),
    }
}

/// A range in short form: «17.01–04.02.2022», «01.03.2022», «01.09.2020–31.08.2021»;
/// "17 Jan – 4 Feb 2022" in English.
pub fn range_short(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru if start == end => date_short(start, lang),
        Lang::Ru if start.year() == end.year() => {
            format!("{}–{}", start.format("%d.%m"), end.format("%d.%m.%Y"))
        }
        Lang::Ru => format!("{}–{}", date_short(start, lang), date_short(end, lang)),
        Lang::En if start == end => en_day(start, true),
        Lang::En if start.year() == end.year() && start.month() == end.month() => {
            format!("{}–{}", start.day(), en_day(end, true))
        }
        Lang::En if start.year() == end.year() => {
            format!("{} – {}", en_day(start, false), en_day(end, true))
        }
        Lang::En => format!("{} – {}", en_day(start, true), en_day(end, true)),
    }
}

fn en_day(d: NaiveDate, year: bool) -> String {
    let m = month_name(d.month(), Case::Short, Lang::En);
    if year {
        format!("{} {m} {}", d.day(), d.year())
    } else {
        format!("{} {m}", d.day())
    }
}

/// A range in long form: «17 января – 4 февраля 2022 г.», «1–15 марта 2022 г.».
pub fn range_long(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        return date_long(start, lang);
    }
    let same_year = start.year() == end.year();
    let same_month = same_year && start.month() == end.month();
    match lang {
        Lang::Ru if same_month => format!("{}–{}", start.day(), date_long(end, lang)),
        Lang::Ru if same_year => format!("{} – {}", day_month(start, lang), date_long(end, lang)),
        Lang::En if same_month => format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month_name(end.month(), Case::Nominative, lang),
            end.year()
        ),
        Lang::En if same_year => format!("{} – {}", day_month(start, lang), date_long(end, lang)),
        _ => format!("{} – {}", date_long(start, lang), date_long(end, lang)),
    }
}

/// «еженедельно» / "weekly".
pub fn frequency(every: Frequency, lang: Lang) -> &'static str {
    match (every, lang) {
        (Frequency::Weekly, Lang::Ru) => "еженедельно",
        (Frequency::Monthly, Lang::Ru) => "ежемесячно",
        (Frequency::Quarterly, Lang::Ru) => "ежеквартально",
        (Frequency::HalfYearly, Lang::Ru) => "раз в полугодие",
        (Frequency::Yearly, Lang::Ru) => "ежегодно",
        (Frequency::Term, Lang::Ru) => "раз в четверть",
        (Frequency::Term, Lang::En) => "every term",
        (Frequency::Weekly, Lang::En) => "weekly",
        (Frequency::Monthly, Lang::En) => "monthly",
        (Frequency::Quarterly, Lang::En) => "quarterly",
        (Frequency::HalfYearly, Lang::En) => "every half-year",
        (Frequency::Yearly, Lang::En) => "yearly",
    }
}

/// «по графику СОИРО», «по заявкам», «постоянно».
pub fn undated(u: &Undated, lang: Lang) -> String {
    match (u, lang) {
        (Undated::Schedule { owner: Some(o) }, Lang::Ru) => format!("по графику {o}"),
        (Undated::Schedule { owner: None }, Lang::Ru) => "по графику".into(),
        (Undated::OnDemand, Lang::Ru) => "по заявкам".into(),
        (Undated::Continuous, Lang::Ru) => "постоянно".into(),
        (Undated::Schedule { owner: Some(o) }, Lang::En) => format!("on {o}'s schedule"),
        (Undated::Schedule { owner: None }, Lang::En) => "on a schedule".into(),
        (Undated::OnDemand, Lang::En) => "on request".into(),
        (Undated::Continuous, Lang::En) => "continuous".into(),
    }
}

fn no_date(kind: &NoDate) -> Undated {
    match kind {
        NoDate::Schedule { owner } => Undated::Schedule {
            owner: owner.clone(),
        },
        NoDate::OnDemand => Undated::OnDemand,
        NoDate::Continuous => Undated::Continuous,
    }
}

fn list(windows: &[crate::model::Interval], lang: Lang) -> String {
    windows
        .iter()
        .map(|w| range_short(w.start, w.end, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// «входной мониторинг: 1–30 сентября 2020, итоговый: 1–31 мая 2021».
fn labelled(windows: &[Labelled], lang: Lang) -> String {
    windows
        .iter()
        .map(|l| {
            format!(
                "{}: {}",
                l.label,
                range_short(l.window.start, l.window.end, lang)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn series(
    every: Frequency,
    repeat: Option<&Repeat>,
    window: (NaiveDate, NaiveDate),
    count: usize,
    lang: Lang,
) -> String {
    let times = match lang {
        Lang::Ru => plural(count as i64, "раз", "раза", "раз", lang),
        Lang::En => plural(count as i64, "time", "times", "times", lang),
    };
    let how = repeat
        .and_then(|r| repeat_words(r, lang))
        .unwrap_or_else(|| frequency(every, lang).to_string());
    format!("{how}, {}, {times}", range_short(window.0, window.1, lang))
}

/// «по понедельникам», «до 5 числа каждого месяца», «ежегодно до 25 декабря»:
/// the day inside each unit of a series, when the timing names one.
pub fn repeat_words(repeat: &Repeat, lang: Lang) -> Option<String> {
    const ON_RU: [&str; 7] = [
        "понедельникам",
        "вторникам",
        "средам",
        "четвергам",
        "пятницам",
        "субботам",
        "воскресеньям",
    ];
    const ON_EN: [&str; 7] = [
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
        "Sundays",
    ];
    Some(match (repeat, lang) {
        (Repeat::OnWeekday(d), Lang::Ru) => {
            format!("по {}", ON_RU[d.num_days_from_monday() as usize])
        }
        (Repeat::OnWeekday(d), Lang::En) => {
            format!("on {}", ON_EN[d.num_days_from_monday() as usize])
        }
        (Repeat::ByDay(n), Lang::Ru) => format!("до {n} числа каждого месяца"),
        (Repeat::ByDay(n), Lang::En) => format!("by day {n} of each month"),
        (Repeat::ByDate((d, m)), Lang::Ru) => {
            format!("ежегодно до {d} {}", month_name(*m, Case::Genitive, lang))
        }
        (Repeat::ByDate((d, m)), Lang::En) => {
            format!("yearly by {d} {}", month_name(*m, Case::Nominative, lang))
        }
        _ => return None,
    })
}

/// A yearly series in the words of the table it came from: «май, ежегодно
/// 2023–2028» when every occurrence is the same whole month, «ежегодно
/// 2024–2028» when each is a whole year; `None` for any other series.
pub fn yearly(occurrences: &[crate::model::Interval], lang: Lang) -> Option<String> {
    let first = occurrences.first()?;
    let last = occurrences.last()?;
    let whole_month = |w: &crate::model::Interval| {
        w.start.day() == 1
            && w.start.year() == w.end.year()
            && w.start.month() == w.end.month()
            && w.end.succ_opt().is_none_or(|next| next.day() == 1)
    };
    let whole_year = |w: &crate::model::Interval| {
        (w.start.month(), w.start.day(), w.end.month(), w.end.day()) == (1, 1, 12, 31)
            && w.start.year() == w.end.year()
    };
    let consecutive = occurrences
        .windows(2)
        .all(|p| p[1].start.year() == p[0].start.year() + 1);
    if !consecutive {
        return None;
    }
    let years = if first.start.year() == last.start.year() {
        first.start.year().to_string()
    } else {
        format!("{}–{}", first.start.year(), last.start.year())
    };
    let every = frequency(Frequency::Yearly, lang);
    if occurrences.iter().all(whole_year) {
        return Some(format!("{every} {years}"));
    }
    let month = first.start.month();
    if occurrences
        .iter()
        .all(|w| whole_month(w) && w.start.month() == month)
    {
        let name = month_name(month, Case::Nominative, lang);
        return Some(format!("{name}, {every} {years}"));
    }
    None
}

/// What a resolved `срок:` cell means, in words: for a stage's own timing.
pub fn timing(t: &Timing, lang: Lang) -> String {
    match t {
        Timing::Window(w) => range_short(w.start, w.end, lang),
        Timing::Windows(ws) => list(ws, lang),
        Timing::Labelled(ls) => labelled(ls, lang),
        Timing::Length { amount, unit } => length(*amount, *unit, lang),
        Timing::Deadline { by, .. } => by_date(*by, lang),
        Timing::Recurring {
            every,
            window,
            occurrences,
            repeat,
            ..
        } => match every {
            Frequency::Yearly => yearly(occurrences, lang),
            _ => None,
        }
        .unwrap_or_else(|| {
            series(
                *every,
                Some(repeat),
                (window.start, window.end),
                occurrences.len(),
                lang,
            )
        }),
        Timing::NoDate { kind, .. } => undated(&no_date(kind), lang),
    }
}

/// «5 лет», «6 months».
pub fn length(amount: u32, unit: LengthUnit, lang: Lang) -> String {
    let n = i64::from(amount);
    match (unit, lang) {
        (LengthUnit::Days, Lang::Ru) => plural(n, "день", "дня", "дней", lang),
        (LengthUnit::Weeks, Lang::Ru) => plural(n, "неделя", "недели", "недель", lang),
        (LengthUnit::Months, Lang::Ru) => plural(n, "месяц", "месяца", "месяцев", lang),
        (LengthUnit::Years, Lang::Ru) => plural(n, "год", "года", "лет", lang),
        (LengthUnit::Days, Lang::En) => plural(n, "day", "days", "days", lang),
        (LengthUnit::Weeks, Lang::En) => plural(n, "week", "weeks", "weeks", lang),
        (LengthUnit::Months, Lang::En) => plural(n, "month", "months", "months", lang),
        (LengthUnit::Years, Lang::En) => plural(n, "year", "years", "years", lang),
    }
}

fn by_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("до {}", date_short(d, lang)),
        Lang::En => format!("by {}", date_short(d, lang)),
    }
}

/// The dates the schedule gives an activity, in words.
pub fn resolved(e: &Entry, lang: Lang) -> String {
    let range = match (e.start, e.end) {
        (Some(s), Some(f)) => Some(range_short(s, f, lang)),
        _ => None,
    };
    let text = match e.kind {
        Kind::Recurring => match (e.every, e.start, e.end) {
            (Some(Frequency::Yearly), _, _) if yearly(&e.windows, lang).is_some() => {
                yearly(&e.windows, lang).unwrap_or_default()
            }
            (Some(every), Some(s), Some(f)) => {
                series(every, e.repeat.as_ref(), (s, f), e.windows.len(), lang)
            }
            _ => range.clone().unwrap_or_default(),
        },
        Kind::Windows if !e.labels.is_empty() => labelled(&e.labels, lang),
        Kind::Windows if !e.windows.is_empty() => list(&e.windows, lang),
        Kind::Deadline => match (e.deadline, e.start) {
            // After its dependencies: from when they allow it.
            (Some(by), Some(from)) if !e.after.is_empty() && from < by => match lang {
                Lang::Ru => format!("с {} до {}", date_short(from, lang), date_short(by, lang)),
                Lang::En => format!("{} to {}", date_short(from, lang), date_short(by, lang)),
            },
            (Some(by), _) => by_date(by, lang),
            (None, _) => range.clone().unwrap_or_default(),
        },
        Kind::NoDate => {
            let how = e
                .undated
                .as_ref()
                .map(|u| undated(u, lang))
                .unwrap_or_default();
            match &range {
                Some(r) => format!("{r} ({how})"),
                None => how,
            }
        }
        Kind::Unknown if range.is_none() && e.length.is_some() => e
            .length
            .map(|(amount, unit)| length(amount, unit, lang))
            .unwrap_or_default(),
        Kind::Unknown if range.is_none() => match lang {
            Lang::Ru => "срок не определён".into(),
            Lang::En => "no date".into(),
        },
        _ => range.clone().unwrap_or_default(),
    };
    if e.late {
        match lang {
            Lang::Ru => format!("{text} — позже срока"),
            Lang::En => format!("{text} — past its deadline"),
        }
    } else {
        text
    }
}

/// Targets in signs: «≥ 45 школ и ≥ 32 куратора», «5–10 человек», «охват 50
/// ОО», «= 6 баллов из 6»; nothing for none.
pub fn targets(targets: &[Target], lang: Lang) -> Option<String> {
    if targets.is_empty() {
        return None;
    }
    let number = |x: f64| grouped(&crate::state::helpers::number(x, 6, lang), lang);
    let shown: Vec<String> = targets
        .iter()
        .map(|t| {
            let value = number(t.value);
            let mut s = match t.comparator {
                Comparator::AtLeast => format!("≥ {value}"),
                Comparator::More => format!("> {value}"),
                Comparator::AtMost => format!("≤ {value}"),
                Comparator::Less => format!("< {value}"),
                Comparator::Exactly => format!("= {value}"),
                Comparator::Between => format!("{value}–{}", number(t.upper.unwrap_or(t.value))),
                Comparator::Coverage => match lang {
                    Lang::Ru => format!("охват {value}"),
                    Lang::En => format!("coverage {value}"),
                },
            };
            if let Some(unit) = &t.unit {
                s.push(' ');
                s.push_str(unit);
            }
            if let Some(of) = t.out_of {
                let word = match lang {
                    Lang::Ru => "из",
                    Lang::En => "out of",
                };
                s.push_str(&format!(" {word} {}", number(of)));
            }
            s
        })
        .collect();
    let and = match lang {
        Lang::Ru => " и ",
        Lang::En => " and ",
    };
    Some(shown.join(and))
}

/// Thousands apart from 10 000 on: «2 500 000», "2,500,000".
fn grouped(number: &str, lang: Lang) -> String {
    let (whole, fraction) = match number.find([',', '.']) {
        Some(i) => number.split_at(i),
        None => (number, ""),
    };
    if whole.len() < 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return number.to_string();
    }
    let separator = match lang {
        Lang::Ru => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out + fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn russian_dates() {
        assert_eq!(date_long(d(2022, 3, 1), Lang::Ru), "1 марта 2022 г.");
        assert_eq!(month_name(3, Case::Nominative, Lang::Ru), "март");
        assert_eq!(month_name(3, Case::Genitive, Lang::Ru), "марта");
        assert_eq!(quarter(d(2022, 5, 1), Lang::Ru), "II квартал");
        assert_eq!(quarter(d(2022, 12, 31), Lang::En), "Q4");
        assert_eq!(
            range_short(d(2022, 1, 17), d(2022, 2, 4), Lang::Ru),
            "17.01–04.02.2022"
        );
        assert_eq!(
            range_short(d(2020, 9, 1), d(2020, 9, 30), Lang::En),
            "1–30 Sep 2020"
        );
        assert_eq!(
            range_short(d(2022, 1, 17), d(2022, 2, 4), Lang::En),
            "17 Jan – 4 Feb 2022"
        );
        assert_eq!(
            range_long(d(2022, 3, 1), d(2022, 3, 15), Lang::Ru),
            "1–15 марта 2022 г."
        );
        assert_eq!(
            range_long(d(2022, 1, 17), d(2022, 2, 4), Lang::Ru),
            "17 января – 4 февраля 2022 г."
        );
    }

    #[test]
    fn a_yearly_series_shows_its_month() {
        use crate::model::Interval;
        let mays: Vec<Interval> = (2023..=2028)
            .map(|y| Interval::new(d(y, 5, 1), d(y, 5, 31)))
            .collect();
        assert_eq!(
            yearly(&mays, Lang::Ru).as_deref(),
            Some("май, ежегодно 2023–2028")
        );
        assert_eq!(
            yearly(&mays, Lang::En).as_deref(),
            Some("May, yearly 2023–2028")
        );
        let years: Vec<Interval> = (2024..=2026)
            .map(|y| Interval::new(d(y, 1, 1), d(y, 12, 31)))
            .collect();
        assert_eq!(
            yearly(&years, Lang::Ru).as_deref(),
            Some("ежегодно 2024–2026")
        );
        // A series cut by a dependency is no longer whole months: dates.
        let cut = [Interval::new(d(2023, 5, 10), d(2023, 5, 31)), mays[1]];
        assert_eq!(yearly(&cut, Lang::Ru), None);
    }

    #[test]
    fn agreement() {
        let p = |n| plural(n, "день", "дня", "дней", Lang::Ru);
        assert_eq!(p(1), "1 день");
        assert_eq!(p(2), "2 дня");
        assert_eq!(p(5), "5 дней");
        assert_eq!(p(11), "11 дней");
        assert_eq!(p(21), "21 день");
        assert_eq!(p(112), "112 дней");
        assert_eq!(days(1, Lang::En), "1 day");
        assert_eq!(days(3, Lang::En), "3 days");
    }

    #[test]
    fn targets_in_signs() {
        let read = |text: &str, lang| {
            let i = crate::model::Indicator::parse(crate::syntax::Spanned {
                text: text.to_string(),
                span: crate::source::Span::new(crate::source::FileId(0), 0, text.len()),
            });
            targets(&i.targets, lang)
        };
        assert_eq!(
            read("45 школ и 32 куратора", Lang::Ru).as_deref(),
            Some("≥ 45 школ и ≥ 32 куратора")
        );
        assert_eq!(
            read("от 2,5 до 10 %", Lang::Ru).as_deref(),
            Some("2,5–10 %")
        );
        assert_eq!(
            read("from 2.5 to 10 %", Lang::En).as_deref(),
            Some("2.5–10 %")
        );
        assert_eq!(
            read("Охват 50 ОО", Lang::Ru).as_deref(),
            Some("охват 50 ОО")
        );
        assert_eq!(
            read("coverage 50 schools", Lang::En).as_deref(),
            Some("coverage 50 schools")
        );
        assert_eq!(
            read("6 баллов из 6 возможных", Lang::Ru).as_deref(),
            Some("= 6 баллов из 6")
        );
        assert_eq!(
            read("6 points out of 6", Lang::En).as_deref(),
            Some("= 6 points out of 6")
        );
        assert_eq!(read("менее 5 %", Lang::Ru).as_deref(), Some("< 5 %"));
        assert_eq!(read("more than 5 %", Lang::En).as_deref(), Some("> 5 %"));
        assert_eq!(read("не более 5 %", Lang::Ru).as_deref(), Some("≤ 5 %"));
        assert_eq!(
            read("2,5 млн руб.", Lang::Ru).as_deref(),
            Some("= 2\u{a0}500\u{a0}000 руб.")
        );
        assert_eq!(
            read("1,5 million roubles", Lang::En).as_deref(),
            Some("= 1,500,000 RUB")
        );
        assert_eq!(read("1500 руб.", Lang::Ru).as_deref(), Some("= 1500 руб."));
        assert_eq!(read("увеличение доли учителей", Lang::Ru), None);
    }
}
