//! The fields a table's column can hold, the names real tables give them
//! (Russian and English), and the one table that says where each field goes
//! in roadmap text.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Number,
    Title,
    When,
    Responsible,
    Indicator,
    Result,
    Document,
    FundingSource,
    FundingAmount,
    Risk,
    Done,
    Checkpoint,
    Note,
    /// Computed by a tool (our own resolved dates, slack): not read.
    Skip,
}

/// Where a field's text is written: the property's keyword, and a label
/// put before the text when the keyword holds more than this field. This is
/// the one place to change when the language gains a keyword for a field.
pub fn keyword(field: Field) -> Option<(&'static str, Option<&'static str>)> {
    Some(match field {
        Field::When => ("срок", None),
        Field::Responsible => ("ответственный", None),
        Field::Indicator => ("показатель", None),
        Field::Result => ("результат", None),
        Field::Document => ("документ", None),
        Field::FundingSource | Field::FundingAmount => ("финансирование", None),
        Field::Risk => ("риск", None),
        Field::Done => ("примечание", Some("Отметка о выполнении")),
        Field::Checkpoint => ("примечание", Some("Контрольные точки")),
        Field::Note => ("примечание", None),
        Field::Number | Field::Title | Field::Skip => return None,
    })
}

/// The name of a field in a rules file, Russian and English.
pub const NAMES: &[(Field, &str, &str)] = &[
    (Field::Number, "номер", "number"),
    (Field::Title, "мероприятие", "activity"),
    (Field::When, "срок", "when"),
    (Field::Responsible, "ответственный", "by"),
    (Field::Indicator, "показатель", "indicator"),
    (Field::Result, "результат", "result"),
    (Field::Document, "документ", "document"),
    (
        Field::FundingSource,
        "источник финансирования",
        "funding source",
    ),
    (Field::FundingAmount, "финансирование", "funding"),
    (Field::Risk, "риск", "risk"),
    (Field::Done, "отметка", "done"),
    (Field::Checkpoint, "контрольная точка", "checkpoint"),
    (Field::Note, "примечание", "note"),
    (Field::Skip, "пропустить", "skip"),
];

/// A field by its name in a rules file.
pub fn by_name(name: &str) -> Option<Field> {
    let name = name.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(_, ru, en)| *ru == name || *en == name)
        .map(|(f, _, _)| *f)
}

/// The Russian name of a field in a rules file.
pub fn name(field: Field) -> &'static str {
    NAMES
        .iter()
        .find(|(f, _, _)| *f == field)
        .map_or("примечание", |(_, ru, _)| ru)
}

/// Words in column headings, most specific first: the first that a
/// heading contains decides its field.
const WORDS: &[(Field, &[&str])] = &[
    (Field::When, &["как в карте", "as written"]),
    (Field::Skip, &["резерв", "slack", "критическ", "critical"]),
    (
        Field::Done,
        &[
            "отметка о выполнении",
            "отметка об исполнении",
            "status",
            "выполнено",
        ],
    ),
    (
        Field::Document,
        &["документ", "подтвержда", "document", "evidence"],
    ),
    (
        Field::FundingSource,
        &["источник финанс", "source of fund", "funding source"],
    ),
    (
        Field::FundingAmount,
        &["финансир", "тыс. руб", "funding", "budget", "cost"],
    ),
    (
        Field::Checkpoint,
        &["контрольные точки", "контрольная точка", "checkpoint"],
    ),
    (
        Field::When,
        &[
            "срок",
            "дата",
            "период",
            "when",
            "deadline",
            "date",
            "timing",
            "time",
        ],
    ),
    (
        Field::Responsible,
        &[
            "ответствен",
            "исполнител",
            "responsible",
            "executor",
            "by whom",
        ],
    ),
    (
        Field::Result,
        &["результат", "result", "outcome", "deliverable"],
    ),
    (
        Field::Indicator,
        &["показател", "индикатор", "indicator", "target", "kpi"],
    ),
    (
        Field::Title,
        &[
            "мероприят",
            "наименование",
            "содержание",
            "задач",
            "activity",
            "action",
            "task",
            "title",
        ],
    ),
    (Field::Risk, &["риск", "risk"]),
    (
        Field::Note,
        &["примечан", "комментар", "note", "comment", "remark"],
    ),
];

/// The exact headings of columns that the tool computes in its own
/// outputs: the resolved dates, start and end.
const COMPUTED: &[&str] = &["даты", "dates", "начало", "окончание", "start", "end"];

/// Lower case, «ё» as «е», spaces collapsed.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

/// The field a heading names, if it names one.
pub fn field_of(heading: &str) -> Option<Field> {
    let h = fold(heading);
    if h.is_empty() {
        return None;
    }
    if h.starts_with('№')
        || ["no", "no.", "n", "#", "п/п", "n п/п", "номер", "number"].contains(&h.as_str())
    {
        return Some(Field::Number);
    }
    if COMPUTED.contains(&h.as_str()) {
        return Some(Field::Skip);
    }
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| h.contains(w)))
        .map(|(f, _)| *f)
}

/// The year a heading is: «2020», «2021 год», «2022 г.».
pub fn year_of(heading: &str) -> Option<i32> {
    let h = fold(heading);
    let h = h
        .trim_end_matches('.')
        .trim_end_matches(" год")
        .trim_end_matches(" г")
        .trim();
    (h.len() == 4 && h.chars().all(|c| c.is_ascii_digit()))
        .then(|| h.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_of_real_tables_are_known() {
        for (heading, field) in [
            ("№ п/п", Field::Number),
            ("Наименование мероприятия", Field::Title),
            ("Содержание работы", Field::Title),
            ("Сроки (реализации, исполнения, проведения)", Field::When),
            ("Ответственные (исполнители)", Field::Responsible),
            ("Ожидаемый результат", Field::Result),
            (
                "Ожидаемые результаты показателя для контроля",
                Field::Result,
            ),
            ("Показатели (индикаторы)", Field::Indicator),
            ("Целевой показатель", Field::Indicator),
            ("Документ, подтверждающий исполнение", Field::Document),
            ("Источник финансирования", Field::FundingSource),
            ("Риски", Field::Risk),
            ("Объём финансирования", Field::FundingAmount),
            ("Отметка о выполнении", Field::Done),
            ("Дата мероприятия, контрольного события", Field::When),
            ("Срок (как в карте)", Field::When),
            ("Dates", Field::Skip),
            ("Responsible", Field::Responsible),
            ("No.", Field::Number),
        ] {
            assert_eq!(field_of(heading), Some(field), "{heading}");
        }
        assert_eq!(field_of("Подпись"), None);
    }

    #[test]
    fn years_are_read_from_headings() {
        assert_eq!(year_of("2021"), Some(2021));
        assert_eq!(year_of("2022 г."), Some(2022));
        assert_eq!(year_of("2020 год"), Some(2020));
        assert_eq!(year_of("Сроки"), None);
        assert_eq!(year_of("12"), None);
    }

    #[test]
    fn rules_names_go_both_ways() {
        for (field, ru, en) in NAMES {
            assert_eq!(by_name(ru), Some(*field));
            assert_eq!(by_name(en), Some(*field));
            assert_eq!(name(*field), *ru);
        }
    }
}
