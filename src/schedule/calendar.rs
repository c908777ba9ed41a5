//! Working days in Russia: which dates are off by law, so that a lag like
//! «+ 5 рабочих дней» lands on the date a school would actually count.
//!
//! The bundled data, `calendar/ru.txt`, lists for each year it covers every
//! holiday of art. 112 of the Labour Code and every day-off transfer (by
//! part 2 of art. 112 and by the Government's yearly decree); its header
//! documents the format. Outside the covered years only Saturdays, Sundays
//! and the art. 112 holidays in their current wording are off: no transfers
//! are guessed, since the Government may move even the ones part 2 of
//! art. 112 implies (as it did in 2025).

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// The bundled Russian calendar, in the format [`Calendar::parse`] reads.
const RU_TEXT: &str = include_str!("../../calendar/ru.txt");

/// Non-working holidays by art. 112 of the Labour Code: (month, day, name).
const ART_112: [(u32, u32, &str); 14] = [
    (1, 1, "Новогодние каникулы"),
    (1, 2, "Новогодние каникулы"),
    (1, 3, "Новогодние каникулы"),
    (1, 4, "Новогодние каникулы"),
    (1, 5, "Новогодние каникулы"),
    (1, 6, "Новогодние каникулы"),
    (1, 7, "Рождество Христово"),
    (1, 8, "Новогодние каникулы"),
    (2, 23, "День защитника Отечества"),
    (3, 8, "Международный женский день"),
    (5, 1, "Праздник Весны и Труда"),
    (5, 9, "День Победы"),
    (6, 12, "День России"),
    (11, 4, "День народного единства"),
];

/// A day off's reason as the calendar writes it, in English: the holidays'
/// names and the words of a transfer; dates and decree numbers stay.
pub fn in_english(reason: &str) -> String {
    const WORDS: [(&str, &str); 15] = [
        ("Новогодние каникулы", "New Year holidays"),
        ("Рождество Христово", "Orthodox Christmas"),
        ("День защитника Отечества", "Defender of the Fatherland Day"),
        ("Международный женский день", "International Women's Day"),
        ("Праздник Весны и Труда", "Spring and Labour Day"),
        ("День Победы", "Victory Day"),
        ("День России", "Russia Day"),
        ("День народного единства", "Unity Day"),
        ("перенос выходного дня с ", "day off moved from "),
        (
            ", совпавшего с праздником (ч. 2 ст. 112 ТК РФ)",
            ", which fell on a holiday (Labour Code, art. 112 part 2)",
        ),
        (
            "рабочая суббота: выходной перенесён на ",
            "working Saturday: its day off moved to ",
        ),
        ("(постановление № ", "(Government decree No. "),
        ("(сб)", "(Sat)"),
        ("(вс)", "(Sun)"),
        ("Постановление Правительства РФ", "Government decree"),
    ];
    WORDS
        .iter()
        .fold(reason.to_string(), |text, (ru, en)| text.replace(ru, en))
}

/// The art. 112 holiday on `d`, by its fixed date alone.
fn art_112(d: NaiveDate) -> Option<&'static str> {
    ART_112
        .iter()
        .find(|(m, day, _)| *m == d.month() && *day == d.day())
        .map(|(_, _, name)| *name)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Federal working-day calendar, plus a roadmap's own extra days off.
///
/// A day is off when it is one of the roadmap's extra days off, or listed as
/// off by law (a holiday or a transfer), or a Saturday or Sunday not listed
/// as a working day. Outside [`Calendar::years`] the art. 112 holidays count
/// by their fixed dates, with no transfers.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Days off by law in the covered years, with the reason.
    days_off: HashMap<NaiveDate, String>,
    /// Saturdays and Sundays that are working days, with the reason.
    working: HashMap<NaiveDate, String>,
    /// The roadmap's own days off.
    extra: BTreeSet<NaiveDate>,
    /// The decree (or other basis) of each covered year, if the data names it.
    basis: BTreeMap<i32, String>,
    first: i32,
    last: i32,
}

/// Why a calendar text could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CalendarError {
    /// A line (1-based) that is wrong, and what is wrong with it.
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
    /// The text has no `год` section at all.
    #[error("the calendar has no year section (a line «год YYYY»)")]
    NoYears,
}

fn line_error(line: usize, message: impl Into<String>) -> CalendarError {
    CalendarError::Line {
        line,
        message: message.into(),
    }
}

/// A `DD.MM.YYYY` date, exactly two, two and four digits.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[2] != b'.' || b[5] != b'.' {
        return None;
    }
    if !(digits(0..2) && digits(3..5) && digits(6..10)) {
        return None;
    }
    let day = s[0..2].parse().ok()?;
    let month = s[3..5].parse().ok()?;
    let year = s[6..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The first whitespace-separated word of `s` and the trimmed rest.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

/// A year section being read: its number and the line of its header.
struct Section {
    year: i32,
    line: usize,
}

impl Calendar {
    /// The bundled Russian calendar, `calendar/ru.txt` (parsed once).
    pub fn russia() -> &'static Calendar {
        static RUSSIA: OnceLock<Calendar> = OnceLock::new();
        RUSSIA.get_or_init(|| {
            Calendar::parse(RU_TEXT).expect("calendar/ru.txt is valid (checked by a unit test)")
        })
    }

    /// Parse a calendar text in the format of `calendar/ru.txt`: `#` comment
    /// lines, `год YYYY [basis]` opening each year (consecutive, ascending),
    /// then `выходной DD.MM.YYYY reason` for a day off by law and
    /// `рабочий DD.MM.YYYY reason` for a working Saturday or Sunday. Each
    /// year must list all its art. 112 holidays; a `выходной` on a weekend
    /// that is not such a holiday is refused as a likely typo.
    pub fn parse(text: &str) -> Result<Calendar, CalendarError> {
        let mut days_off: HashMap<NaiveDate, String> = HashMap::new();
        let mut working: HashMap<NaiveDate, String> = HashMap::new();
        let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
        let mut basis = BTreeMap::new();
        let mut first: Option<i32> = None;
        let mut section: Option<Section> = None;

        // Every art. 112 holiday of the section's year must be listed.
        let close = |section: &Section, days_off: &HashMap<NaiveDate, String>| {
            for (m, d, name) in ART_112 {
                let date = NaiveDate::from_ymd_opt(section.year, m, d);
                if !date.is_some_and(|date| days_off.contains_key(&date)) {
                    return Err(line_error(
                        section.line,
                        format!(
                            "year {} does not list the art. 112 holiday {d:02}.{m:02}.{} ({name}) as «выходной»",
                            section.year, section.year
                        ),
                    ));
                }
            }
            Ok(())
        };

        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.trim();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let (keyword, rest) = split_word(content);
            match keyword {
                "год" => {
                    let (number, text) = split_word(rest);
                    let year: i32 = number
                        .parse()
                        .ok()
                        .filter(|y| (1..=9999).contains(y))
                        .ok_or_else(|| {
                            line_error(
                                line,
                                format!("«{number}» is not a year (expected «год YYYY»)"),
                            )
                        })?;
                    if let Some(previous) = &section {
                        if year != previous.year + 1 {
                            return Err(line_error(
                                line,
                                format!(
                                    "year {year} follows {}: years must be consecutive and ascending",
                                    previous.year
                                ),
                            ));
                        }
                        close(previous, &days_off)?;
                    }
                    if !text.is_empty() {
                        basis.insert(year, text.to_string());
                    }
                    first.get_or_insert(year);
                    section = Some(Section { year, line });
                }
                "выходной" | "рабочий" => {
                    let Some(current) = &section else {
                        return Err(line_error(
                            line,
                            format!("«{keyword}» before any «год YYYY» line"),
                        ));
                    };
                    let (date_text, reason) = split_word(rest);
                    let date = parse_date(date_text).ok_or_else(|| {
                        line_error(line, format!("«{date_text}» is not a date DD.MM.YYYY"))
                    })?;
                    if date.year() != current.year {
                        return Err(line_error(
                            line,
                            format!(
                                "{date_text} is outside the section of year {} (line {})",
                                current.year, current.line
                            ),
                        ));
                    }
                    if reason.is_empty() {
                        return Err(line_error(line, format!("{date_text} has no reason")));
                    }
                    if let Some(earlier) = seen.insert(date, line) {
                        return Err(line_error(
                            line,
                            format!("{date_text} is already listed on line {earlier}"),
                        ));
                    }
                    if keyword == "рабочий" {
                        if !is_weekend(date) {
                            return Err(line_error(
                                line,
                                format!(
                                    "{date_text} is a weekday: «рабочий» is only for a Saturday or Sunday"
                                ),
                            ));
                        }
                        working.insert(date, reason.to_string());
                    } else {
                        if is_weekend(date) && art_112(date).is_none() {
                            return Err(line_error(
                                line,
                                format!(
                                    "{date_text} is a Saturday or Sunday and not an art. 112 holiday: it is off anyway"
                                ),
                            ));
                        }
                        days_off.insert(date, reason.to_string());
                    }
                }
                other => {
                    return Err(line_error(
                        line,
                        format!(
                            "unknown keyword «{other}» (expected «год», «выходной» or «рабочий»)"
                        ),
                    ))
                }
            }
        }

        let last = section.ok_or(CalendarError::NoYears)?;
        close(&last, &days_off)?;
        Ok(Calendar {
            days_off,
            working,
            extra: BTreeSet::new(),
            basis,
            first: first.unwrap_or(last.year),
            last: last.year,
        })
    }

    /// A copy with extra days off (a roadmap may declare its own). They win
    /// over everything, a working Saturday included.
    pub fn with_days_off(&self, days: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        let mut copy = self.clone();
        copy.extra.extend(days);
        copy
    }

    /// Whether `d` is a working day: not an extra day off, not a day off by
    /// law, and either a weekday or a listed working Saturday or Sunday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.extra.contains(&d) || self.days_off.contains_key(&d) {
            return false;
        }
        if self.working.contains_key(&d) {
            return true;
        }
        if !self.covers(d) && art_112(d).is_some() {
            return false;
        }
        !is_weekend(d)
    }

    /// Non-working by law (holiday or transfer), not just a weekend: the
    /// reason text if any. A roadmap's extra days off are not law: see
    /// [`Calendar::is_extra_day_off`].
    pub fn holiday(&self, d: NaiveDate) -> Option<&str> {
        match self.days_off.get(&d) {
            Some(reason) => Some(reason),
            None if !self.covers(d) => art_112(d),
            None => None,
        }
    }

    /// A Saturday or Sunday that is a working day by a transfer: the reason.
    pub fn working_weekend(&self, d: NaiveDate) -> Option<&str> {
        self.working.get(&d).map(String::as_str)
    }

    /// Whether `d` is one of the roadmap's own days off.
    pub fn is_extra_day_off(&self, d: NaiveDate) -> bool {
        self.extra.contains(&d)
    }

    /// The decree a covered year's transfers come from, as the data names it.
    pub fn basis(&self, year: i32) -> Option<&str> {
        self.basis.get(&year).map(String::as_str)
    }

    /// `n` working days after `d` (n = 0 → `d` itself if working, else the
    /// next working day). Lag semantics: «+ 5 рабочих дней» after an activity
    /// ending on `d` is the fifth working day after `d`, whatever `d` is.
    ///
    /// Never loops forever: it walks day by day through years that have data
    /// or extra days off, skips whole plain years at once, and returns
    /// `NaiveDate::MAX` when the answer would lie past it.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut current = d;
        if n == 0 {
            // Every plain year has working days and the data is finite, so
            // this ends within the next plain year at the latest.
            while !self.is_working_day(current) {
                match current.succ_opt() {
                    Some(next) => current = next,
                    None => return NaiveDate::MAX,
                }
            }
            return current;
        }
        let mut left = n;
        loop {
            current = match current.succ_opt() {
                Some(next) => next,
                None => return NaiveDate::MAX,
            };
            if current.ordinal() == 1 {
                if let Some(whole) = self.plain_year(current.year()) {
                    if left > whole.working {
                        left -= whole.working;
                        current = whole.last;
                        continue;
                    }
                }
            }
            if self.is_working_day(current) {
                left -= 1;
                if left == 0 {
                    return current;
                }
            }
        }
    }

    /// `n` working days before `d` (n = 0 → `d` itself if working, else the
    /// previous working day): the inverse of [`Calendar::add_working_days`].
    /// Returns `NaiveDate::MIN` when the answer would lie before it.
    pub fn sub_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut current = d;
        if n == 0 {
            while !self.is_working_day(current) {
                match current.pred_opt() {
                    Some(previous) => current = previous,
                    None => return NaiveDate::MIN,
                }
            }
            return current;
        }
        let mut left = n;
        loop {
            current = match current.pred_opt() {
                Some(previous) => previous,
                None => return NaiveDate::MIN,
            };
            if current.month() == 12 && current.day() == 31 {
                if let Some(whole) = self.plain_year(current.year()) {
                    if left > whole.working {
                        left -= whole.working;
                        current = whole.first;
                        continue;
                    }
                }
            }
            if self.is_working_day(current) {
                left -= 1;
                if left == 0 {
                    return current;
                }
            }
        }
    }

    /// Number of working days in [start, end] inclusive (0 when end < start).
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        let mut count: u32 = 0;
        let mut current = start;
        while current <= end {
            let mut last_counted = current;
            let whole = if current.ordinal() == 1 {
                self.plain_year(current.year())
                    .filter(|whole| whole.last <= end)
            } else {
                None
            };
            match whole {
                Some(whole) => {
                    count = count.saturating_add(whole.working);
                    last_counted = whole.last;
                }
                None => {
                    if self.is_working_day(current) {
                        count = count.saturating_add(1);
                    }
                }
            }
            current = match last_counted.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
        count
    }

    /// The first and last years with decree data; outside them only weekends
    /// and the art. 112 holidays (by their fixed dates) are known.
    pub fn years(&self) -> (i32, i32) {
        (self.first, self.last)
    }

    /// Whether `d` falls in a year the data covers.
    pub fn covers(&self, d: NaiveDate) -> bool {
        (self.first..=self.last).contains(&d.year())
    }

    /// A year outside the data with none of the roadmap's extra days off:
    /// its first and last days and how many working days it has.
    fn plain_year(&self, year: i32) -> Option<PlainYear> {
        if (self.first..=self.last).contains(&year) {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
        if self.extra.range(first..=last).next().is_some() {
            return None;
        }
        // 52 whole weeks, then the one or two days left over.
        let start = first.weekday().num_days_from_monday();
        let spare = last.ordinal() - 364;
        let mut working = 52 * 5 + (0..spare).filter(|i| (start + i) % 7 < 5).count() as u32;
        for (m, d, _) in ART_112 {
            if NaiveDate::from_ymd_opt(year, m, d).is_some_and(|date| !is_weekend(date)) {
                working -= 1;
            }
        }
        Some(PlainYear {
            first,
            last,
            working,
        })
    }
}

/// A year outside the data, counted at once.
struct PlainYear {
    first: NaiveDate,
    last: NaiveDate,
    working: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ru() -> &'static Calendar {
        Calendar::russia()
    }

    fn line_of(result: Result<Calendar, CalendarError>) -> usize {
        match result {
            Err(CalendarError::Line { line, .. }) => line,
            other => panic!("expected a line error, got {other:?}"),
        }
    }

    /// The art. 112 holidays of `year` as calendar lines, for small texts.
    fn holidays_of(year: i32) -> String {
        ART_112
            .iter()
            .map(|(m, d, name)| format!("выходной {d:02}.{m:02}.{year} {name}\n"))
            .collect()
    }

    #[test]
    fn bundled_data_parses_and_covers_2020_to_2027() {
        assert!(Calendar::parse(RU_TEXT).is_ok());
        assert_eq!(ru().years(), (2020, 2027));
        assert!(ru().covers(date(1, 1, 2020)));
        assert!(ru().covers(date(31, 12, 2027)));
        assert!(!ru().covers(date(31, 12, 2019)));
        assert!(!ru().covers(date(1, 1, 2028)));
        assert!(ru().basis(2025).unwrap().contains("№ 1335"));
        assert!(ru().basis(2024).unwrap().contains("№ 1314"));
        assert_eq!(ru().basis(2030), None);
    }

    #[test]
    fn working_days_per_year_match_the_production_calendar() {
        // Official totals for a five-day week; 2020 without the one-off
        // non-working days the President declared.
        let totals = [
            (2020, 248),
            (2021, 247),
            (2022, 247),
            (2023, 247),
            (2024, 248),
            (2025, 247),
            (2026, 247),
            (2027, 247),
        ];
        for (year, total) in totals {
            let got = ru().working_days_between(date(1, 1, year), date(31, 12, year));
            assert_eq!(got, total, "{year}");
        }
    }

    #[test]
    fn january_1_to_8_is_off_every_year() {
        for year in 2020..=2027 {
            for day in 1..=8 {
                let d = date(day, 1, year);
                assert!(!ru().is_working_day(d), "{d}");
                let name = if day == 7 {
                    "Рождество Христово"
                } else {
                    "Новогодние каникулы"
                };
                assert_eq!(ru().holiday(d), Some(name), "{d}");
            }
        }
    }

    #[test]
    fn lag_across_the_new_year_holidays() {
        // Fri 29.12.2023; 30–31.12 weekend; 1–8.01.2024 holidays; then
        // Tue 9, Wed 10, Thu 11, Fri 12, (13–14 weekend), Mon 15.
        assert_eq!(
            ru().add_working_days(date(29, 12, 2023), 5),
            date(15, 1, 2024)
        );
        assert_eq!(
            ru().add_working_days(date(29, 12, 2023), 1),
            date(9, 1, 2024)
        );
        // n = 0 is the day itself, or the next working day.
        assert_eq!(
            ru().add_working_days(date(29, 12, 2023), 0),
            date(29, 12, 2023)
        );
        assert_eq!(ru().add_working_days(date(1, 1, 2024), 0), date(9, 1, 2024));
        // 2026: the holidays run to Sun 11.01 (03.01 moved to Fri 09.01).
        assert_eq!(
            ru().add_working_days(date(30, 12, 2025), 1),
            date(12, 1, 2026)
        );
        assert_eq!(
            ru().sub_working_days(date(12, 1, 2026), 1),
            date(30, 12, 2025)
        );
    }

    #[test]
    fn a_working_saturday_counts_and_a_transferred_weekday_does_not() {
        // 2024: Sat 27.04 works; Mon 29.04 and Tue 30.04 are off; Wed 01.05 holiday.
        assert!(ru().is_working_day(date(27, 4, 2024)));
        assert!(ru().working_weekend(date(27, 4, 2024)).is_some());
        assert!(!ru().is_working_day(date(29, 4, 2024)));
        assert!(!ru().is_working_day(date(30, 4, 2024)));
        assert_eq!(
            ru().add_working_days(date(26, 4, 2024), 1),
            date(27, 4, 2024)
        );
        assert_eq!(
            ru().add_working_days(date(27, 4, 2024), 1),
            date(2, 5, 2024)
        );
        assert_eq!(
            ru().working_days_between(date(22, 4, 2024), date(5, 5, 2024)),
            8
        );
        // 2024 also worked on Sat 02.11 and Sat 28.12, with 30–31.12 off.
        assert!(ru().is_working_day(date(2, 11, 2024)));
        assert!(ru().is_working_day(date(28, 12, 2024)));
        assert!(!ru().is_working_day(date(30, 12, 2024)));
        assert!(!ru().is_working_day(date(31, 12, 2024)));
        // 2025: Sat 01.11 works, Mon 03.11 and Tue 04.11 are off.
        assert_eq!(
            ru().add_working_days(date(31, 10, 2025), 1),
            date(1, 11, 2025)
        );
        assert_eq!(
            ru().add_working_days(date(1, 11, 2025), 1),
            date(5, 11, 2025)
        );
        // 2025: the decree moved the days off for 23.02 (Sun) and 08.03 (Sat)
        // to 08.05 and 13.06, so Mondays 24.02 and 10.03 work.
        assert!(ru().is_working_day(date(24, 2, 2025)));
        assert!(ru().is_working_day(date(10, 3, 2025)));
        for d in [
            date(2, 5, 2025),
            date(8, 5, 2025),
            date(13, 6, 2025),
            date(31, 12, 2025),
        ] {
            assert!(!ru().is_working_day(d), "{d}");
        }
        // 2021: Sat 20.02 works and Mon 22.02 is off.
        assert_eq!(
            ru().add_working_days(date(19, 2, 2021), 2),
            date(24, 2, 2021)
        );
    }

    #[test]
    fn reasons_in_english() {
        let c = ru();
        let reason = |y, m, d| {
            in_english(
                c.holiday(NaiveDate::from_ymd_opt(y, m, d).unwrap())
                    .unwrap(),
            )
        };
        assert_eq!(reason(2022, 1, 7), "Orthodox Christmas");
        assert_eq!(reason(2022, 6, 12), "Russia Day");
        assert_eq!(
            reason(2022, 6, 13),
            "day off moved from 12.06.2022 (Sun), which fell on a holiday (Labour Code, art. 112 part 2)"
        );
        assert_eq!(
            in_english(
                c.working_weekend(NaiveDate::from_ymd_opt(2022, 3, 5).unwrap())
                    .unwrap()
            ),
            "working Saturday: its day off moved to 07.03.2022 (Government decree No. 1564)"
        );
        // Nothing Russian is left in any reason of the bundled calendar.
        for (y, m, d) in
            (2020..=2027).flat_map(|y| (1..=12).flat_map(move |m| (1..=31).map(move |d| (y, m, d))))
        {
            let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else {
                continue;
            };
            for reason in [c.holiday(day), c.working_weekend(day)]
                .into_iter()
                .flatten()
            {
                let english = in_english(reason);
                assert!(
                    !english
                        .chars()
                        .any(|ch| matches!(ch, 'а'..='я' | 'А'..='Я' | 'ё')),
                    "{day}: {english}"
                );
            }
        }
    }

    #[test]
    fn holiday_names_and_reasons() {
        assert_eq!(
            ru().holiday(date(23, 2, 2024)),
            Some("День защитника Отечества")
        );
        assert_eq!(
            ru().holiday(date(8, 3, 2025)),
            Some("Международный женский день")
        );
        assert_eq!(
            ru().holiday(date(1, 5, 2022)),
            Some("Праздник Весны и Труда")
        );
        assert_eq!(ru().holiday(date(9, 5, 2026)), Some("День Победы"));
        assert_eq!(ru().holiday(date(12, 6, 2023)), Some("День России"));
        assert_eq!(
            ru().holiday(date(4, 11, 2027)),
            Some("День народного единства")
        );
        assert!(ru()
            .holiday(date(10, 5, 2024))
            .unwrap()
            .contains("06.01.2024"));
        assert!(ru().holiday(date(6, 11, 2023)).unwrap().contains("ст. 112"));
        // A plain weekend, a plain weekday and a working Saturday are no holiday.
        assert_eq!(ru().holiday(date(13, 1, 2024)), None);
        assert_eq!(ru().holiday(date(15, 1, 2024)), None);
        assert_eq!(ru().holiday(date(27, 4, 2024)), None);
    }

    #[test]
    fn outside_the_data_only_weekends_and_fixed_holidays() {
        // 2030: Sat 23.02 is a holiday, but the Monday after is not moved.
        assert_eq!(date(23, 2, 2030).weekday(), Weekday::Sat);
        assert_eq!(
            ru().holiday(date(23, 2, 2030)),
            Some("День защитника Отечества")
        );
        assert!(ru().is_working_day(date(25, 2, 2030)));
        assert_eq!(ru().holiday(date(7, 1, 2019)), Some("Рождество Христово"));
        assert!(!ru().is_working_day(date(4, 11, 2030)));
        assert_eq!(date(4, 11, 2030).weekday(), Weekday::Mon);
        assert_eq!(ru().holiday(date(5, 11, 2030)), None);
        assert!(ru().is_working_day(date(31, 12, 2030)));
    }

    #[test]
    fn whole_plain_years_count_like_day_by_day() {
        for year in (1990..2020).chain(2028..2060) {
            let mut expected = 0;
            let mut d = date(1, 1, year);
            while d.year() == year {
                if ru().is_working_day(d) {
                    expected += 1;
                }
                d = d.succ_opt().unwrap();
            }
            let whole = ru().plain_year(year).unwrap();
            assert_eq!(whole.working, expected, "{year}");
            assert_eq!(
                ru().working_days_between(date(1, 1, year), date(31, 12, year)),
                expected
            );
        }
        assert!(ru().plain_year(2024).is_none());
    }

    #[test]
    fn add_and_count_agree() {
        let calendar = ru().with_days_off([date(5, 3, 2027), date(1, 9, 2028)]);
        let mut d = date(1, 11, 2019);
        while d <= date(31, 12, 2028) {
            for n in [0, 1, 2, 3, 5, 10, 22, 60] {
                let end = calendar.add_working_days(d, n);
                assert!(calendar.is_working_day(end), "{d} + {n}");
                if n == 0 {
                    assert_eq!(calendar.working_days_between(d, end), 1, "{d} + 0");
                } else {
                    let after = d.succ_opt().unwrap();
                    assert_eq!(calendar.working_days_between(after, end), n, "{d} + {n}");
                    // Back from `end` lands on the last working day not after `d`.
                    let back = calendar.sub_working_days(d, 0);
                    assert_eq!(calendar.sub_working_days(end, n), back, "{end} - {n}");
                }
            }
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn long_lags_skip_whole_years_and_stop_at_the_end_of_time() {
        let far = ru().add_working_days(date(1, 1, 2024), 250 * 1000);
        assert!(far.year() > 3000 && far.year() < 3030, "{far}");
        assert_eq!(ru().working_days_between(date(1, 1, 2024), far), 250 * 1000);
        assert_eq!(
            ru().add_working_days(date(1, 1, 2024), u32::MAX),
            NaiveDate::MAX
        );
        assert_eq!(
            ru().sub_working_days(date(1, 1, 2024), u32::MAX),
            NaiveDate::MIN
        );
        assert_eq!(ru().add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        let all = ru().working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(all > 100_000_000);
        assert_eq!(
            ru().working_days_between(date(2, 1, 2024), date(1, 1, 2024)),
            0
        );
    }

    #[test]
    fn extra_days_off_win() {
        let calendar = ru().with_days_off([date(15, 1, 2024), date(27, 4, 2024)]);
        assert!(!calendar.is_working_day(date(15, 1, 2024)));
        assert!(!calendar.is_working_day(date(27, 4, 2024)));
        assert!(calendar.is_extra_day_off(date(15, 1, 2024)));
        assert_eq!(calendar.holiday(date(15, 1, 2024)), None);
        assert_eq!(
            calendar.add_working_days(date(29, 12, 2023), 5),
            date(16, 1, 2024)
        );
        // The bundled calendar itself is untouched.
        assert!(ru().is_working_day(date(15, 1, 2024)));
        // Extra days off far away still count.
        let far = ru().with_days_off([date(3, 3, 2100)]);
        assert!(!far.is_working_day(date(3, 3, 2100)));
        assert_eq!(
            far.working_days_between(date(1, 1, 2100), date(31, 12, 2100)) + 1,
            ru().working_days_between(date(1, 1, 2100), date(31, 12, 2100))
        );
    }

    #[test]
    fn a_small_calendar_parses() {
        let text = format!(
            "# test\n\nгод 2030 тест\n{}рабочий 02.03.2030 рабочая суббота\nвыходной 04.03.2030 перенос\n",
            holidays_of(2030)
        );
        let calendar = Calendar::parse(&text).unwrap();
        assert_eq!(calendar.years(), (2030, 2030));
        assert_eq!(calendar.basis(2030), Some("тест"));
        assert!(calendar.is_working_day(date(2, 3, 2030)));
        assert_eq!(calendar.holiday(date(4, 3, 2030)), Some("перенос"));
        assert_eq!(
            calendar.working_weekend(date(2, 3, 2030)),
            Some("рабочая суббота")
        );
    }

    #[test]
    fn parse_errors_name_the_line() {
        let h = holidays_of(2030); // 14 lines
                                   // Line 1 is «год 2030», lines 2–15 the holidays, line 16 the error.
        let cases = [
            format!("год 2030\n{h}праздник 02.03.2030 x\n"),
            format!("год 2030\n{h}выходной 2.3.2030 x\n"),
            format!("год 2030\n{h}выходной 31.02.2030 x\n"),
            format!("год 2030\n{h}выходной 04.03.2031 x\n"),
            format!("год 2030\n{h}выходной 04.03.2030\n"),
            format!("год 2030\n{h}выходной 23.02.2030 again\n"),
            format!("год 2030\n{h}рабочий 04.03.2030 a Monday\n"),
            format!("год 2030\n{h}выходной 02.03.2030 a plain Saturday\n"),
            format!("год 2030\n{h}год 2032\n"),
            format!("год 2030\n{h}год 2029\n"),
            format!("год 2030\n{h}год двадцать\n"),
        ];
        for text in &cases {
            assert_eq!(line_of(Calendar::parse(text)), 16, "{text}");
        }
        assert_eq!(line_of(Calendar::parse("# x\nвыходной 01.01.2030 x\n")), 2);
        // A year missing an art. 112 holiday: reported at its «год» line.
        let missing = format!("год 2030\n{h}\n# next\nгод 2031\nвыходной 01.01.2031 x\n");
        assert_eq!(line_of(Calendar::parse(&missing)), 18);
        let short = holidays_of(2030).replace("выходной 12.06.2030 День России\n", "");
        assert_eq!(
            Calendar::parse(&format!("\nгод 2030\n{short}")).err(),
            Some(CalendarError::Line {
                line: 2,
                message: "year 2030 does not list the art. 112 holiday 12.06.2030 (День России) as «выходной»"
                    .to_string()
            })
        );
        assert_eq!(
            Calendar::parse("# nothing\n").err(),
            Some(CalendarError::NoYears)
        );
        let duplicate = format!("год 2030\n{h}выходной 04.03.2030 x\nвыходной 04.03.2030 y\n");
        assert_eq!(
            Calendar::parse(&duplicate).err(),
            Some(CalendarError::Line {
                line: 17,
                message: "04.03.2030 is already listed on line 16".to_string()
            })
        );
    }
}
