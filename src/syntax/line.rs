//! One line of a roadmap file, read by the pest grammar in `grammar/roadmap.pest`.

use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/roadmap.pest"]
pub(crate) struct LineParser;

/// The keyword of a `key: value` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Key {
    Title,
    Period,
    Approved,
    Owner,
    Include,
    Extends,
    DaysOff,
    StatusOf,
    Email,
    Contact,
    When,
    Duration,
    By,
    After,
    Indicator,
    Result,
    Checkpoint,
    Note,
    Document,
    Risk,
    Funding,
    Goal,
    Task,
    ControlledBy,
    SignedBy,
    Mandatory,
    Started,
    Done,
    Cancelled,
    Rescheduled,
    Actual,
}

impl Key {
    /// Header keys stand unindented at the top of a file.
    pub fn is_header(self) -> bool {
        matches!(
            self,
            Key::Title
                | Key::Period
                | Key::Approved
                | Key::Owner
                | Key::Include
                | Key::Extends
                | Key::DaysOff
                | Key::StatusOf
                | Key::Goal
                | Key::Task
                | Key::ControlledBy
                | Key::SignedBy
        )
    }

    /// Properties a section may hold.
    pub fn is_section_property(self) -> bool {
        matches!(self, Key::Risk | Key::Funding)
    }

    pub fn is_party_property(self) -> bool {
        matches!(self, Key::Email | Key::Contact)
    }

    /// Properties an activity (or a stage) may hold.
    pub fn is_activity_property(self) -> bool {
        matches!(
            self,
            Key::When
                | Key::Duration
                | Key::By
                | Key::After
                | Key::Indicator
                | Key::Result
                | Key::Document
                | Key::Risk
                | Key::Funding
                | Key::Checkpoint
                | Key::Note
                | Key::Mandatory
                | Key::Started
                | Key::Done
                | Key::Cancelled
                | Key::Rescheduled
                | Key::Actual
        )
    }

    /// Status marks: what happened, as opposed to what was planned.
    pub fn is_mark(self) -> bool {
        matches!(
            self,
            Key::Started | Key::Done | Key::Cancelled | Key::Rescheduled | Key::Actual
        )
    }

    /// May stand on several lines of one declaration.
    pub fn repeatable(self) -> bool {
        matches!(
            self,
            Key::Indicator
                | Key::Result
                | Key::Checkpoint
                | Key::Note
                | Key::Include
                | Key::Contact
                | Key::DaysOff
                | Key::Done
                | Key::Actual
                | Key::Document
                | Key::Risk
                | Key::Funding
                | Key::Task
        )
    }

    /// The spelling used in messages: `(Russian, English)`.
    pub fn spelling(self) -> (&'static str, &'static str) {
        match self {
            Key::Title => ("дорожная карта", "roadmap"),
            Key::Period => ("период", "period"),
            Key::Approved => ("утверждена", "approved"),
            Key::Owner => ("владелец", "owner"),
            Key::Include => ("подключить", "include"),
            Key::Extends => ("расширяет", "extends"),
            Key::Mandatory => ("обязательное", "mandatory"),
            Key::DaysOff => ("нерабочие дни", "days off"),
            Key::StatusOf => ("отметки к", "status of"),
            Key::Started => ("начато", "started"),
            Key::Done => ("выполнено", "done"),
            Key::Cancelled => ("отменено", "cancelled"),
            Key::Rescheduled => ("перенесено", "rescheduled"),
            Key::Actual => ("факт", "actual"),
            Key::Email => ("почта", "email"),
            Key::Contact => ("контакты", "contact"),
            Key::When => ("срок", "when"),
            Key::Duration => ("длительность", "duration"),
            Key::By => ("ответственный", "by"),
            Key::After => ("после", "after"),
            Key::Indicator => ("показатель", "indicator"),
            Key::Result => ("результат", "result"),
            Key::Checkpoint => ("контрольная точка", "checkpoint"),
            Key::Note => ("примечание", "note"),
            Key::Document => ("документ", "document"),
            Key::Risk => ("риск", "risk"),
            Key::Funding => ("финансирование", "funding"),
            Key::Goal => ("цель", "goal"),
            Key::Task => ("задача", "task"),
            Key::ControlledBy => ("контроль исполнения", "controlled by"),
            Key::SignedBy => ("подписал", "signed by"),
        }
    }

    pub const ALL: [Key; 31] = [
        Key::Extends,
        Key::Title,
        Key::Period,
        Key::Approved,
        Key::SignedBy,
        Key::ControlledBy,
        Key::Owner,
        Key::Goal,
        Key::Task,
        Key::Include,
        Key::DaysOff,
        Key::StatusOf,
        Key::Email,
        Key::Contact,
        Key::When,
        Key::Duration,
        Key::By,
        Key::After,
        Key::Indicator,
        Key::Result,
        Key::Document,
        Key::Funding,
        Key::Risk,
        Key::Checkpoint,
        Key::Note,
        Key::Mandatory,
        Key::Started,
        Key::Done,
        Key::Cancelled,
        Key::Rescheduled,
        Key::Actual,
    ];

    fn from_rule(rule: Rule) -> Option<Key> {
        Some(match rule {
            Rule::title => Key::Title,
            Rule::period => Key::Period,
            Rule::approved => Key::Approved,
            Rule::owner => Key::Owner,
            Rule::include => Key::Include,
            Rule::days_off => Key::DaysOff,
            Rule::extends => Key::Extends,
            Rule::mandatory => Key::Mandatory,
            Rule::status_of => Key::StatusOf,
            Rule::started => Key::Started,
            Rule::done => Key::Done,
            Rule::cancelled => Key::Cancelled,
            Rule::rescheduled => Key::Rescheduled,
            Rule::actual => Key::Actual,
            Rule::email => Key::Email,
            Rule::contact => Key::Contact,
            Rule::when => Key::When,
            Rule::duration => Key::Duration,
            Rule::by => Key::By,
            Rule::after => Key::After,
            Rule::indicator => Key::Indicator,
            Rule::result => Key::Result,
            Rule::checkpoint => Key::Checkpoint,
            Rule::note => Key::Note,
            Rule::document => Key::Document,
            Rule::risk => Key::Risk,
            Rule::funding => Key::Funding,
            Rule::goal => Key::Goal,
            Rule::task => Key::Task,
            Rule::controlled_by => Key::ControlledBy,
            Rule::signed_by => Key::SignedBy,
            _ => return None,
        })
    }
}

/// The language a keyword was written in; `fmt` keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Script {
    Cyrillic,
    Latin,
}

impl Script {
    fn of(word: &str) -> Script {
        if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            Script::Cyrillic
        } else {
            Script::Latin
        }
    }
}

/// Byte range within one line.
pub type Range = std::ops::Range<usize>;

/// What one line says. Ranges are relative to the start of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Comment {
        text: Range,
    },
    Party {
        script: Script,
        id: Range,
        name: Range,
    },
    Section {
        script: Script,
        number: Range,
        title: Range,
    },
    Activity {
        script: Script,
        number: Range,
        title: Range,
    },
    Stage {
        script: Script,
        label: Range,
    },
    /// `параметр школа` or `параметр школа: значение`.
    Parameter {
        script: Script,
        name: Range,
        value: Option<Range>,
    },
    Keyed {
        key: Key,
        script: Script,
        key_range: Range,
        value: Range,
    },
}

/// Reads one line (no line break). `Err` carries pest's account of where it failed.
pub(crate) fn parse_line(line: &str) -> Result<LineKind, Box<pest::error::Error<Rule>>> {
    read_line(line, true)
}

/// [`parse_line`]; `quickly` off sends every line through pest.
fn read_line(line: &str, quickly: bool) -> Result<LineKind, Box<pest::error::Error<Rule>>> {
    let trimmed_end = line.trim_end_matches([' ', '\t']).len();
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    if indent >= trimmed_end {
        return Ok(LineKind::Blank);
    }
    let body = &line[indent..trimmed_end];
    let shift = |r: Range| r.start + indent..r.end + indent;
    if let Some(kind) = quick(body, indent).filter(|_| quickly) {
        return Ok(kind);
    }
    let folded = fold_case(body);
    let mut pairs = LineParser::parse(Rule::line, &folded).map_err(Box::new)?;
    let line_pair = pairs.next().expect("the line rule yields one pair");
    let Some(pair) = line_pair.into_inner().find(|p| p.as_rule() != Rule::EOI) else {
        return Ok(LineKind::Blank);
    };
    let script = Script::of(pair.as_str());
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    let mut next = || range(inner.next().expect("the grammar yields this part"));
    Ok(match rule {
        Rule::comment => LineKind::Comment {
            text: shift(next()),
        },
        Rule::party => LineKind::Party {
            script,
            id: shift(next()),
            name: shift(next()),
        },
        Rule::section => LineKind::Section {
            script,
            number: shift(next()),
            title: shift(next()),
        },
        Rule::activity => LineKind::Activity {
            script,
            number: shift(next()),
            title: shift(next()),
        },
        Rule::stage => LineKind::Stage {
            script,
            label: shift(next()),
        },
        Rule::parameter => {
            let name = shift(next());
            let value = std::iter::from_fn(|| inner.next())
                .next()
                .map(|p| shift(range(p)));
            LineKind::Parameter {
                script,
                name,
                value,
            }
        }
        Rule::keyed => {
            let mut inner = inner;
            let key_pair = inner.next().expect("a keyed line starts with its key");
            let key = Key::from_rule(key_pair.as_rule()).expect("the key rules are listed");
            LineKind::Keyed {
                key,
                script: Script::of(key_pair.as_str()),
                key_range: shift(range(key_pair)),
                value: shift(range(inner.next().expect("a keyed line has a value"))),
            }
        }
        other => unreachable!("the line rule has no alternative {other:?}"),
    })
}

/// The spellings of the keys in the order the grammar's `key` rule tries
/// them (its alternatives, then each one's): the first that begins a line is
/// its key, as for pest.
const KEY_SPELLINGS: [(Key, &str); 85] = [
    (Key::Title, "дорожная карта"),
    (Key::Title, "roadmap"),
    (Key::Period, "период"),
    (Key::Period, "period"),
    (Key::Approved, "утверждена"),
    (Key::Approved, "утверждено"),
    (Key::Approved, "утверждён"),
    (Key::Approved, "утвержден"),
    (Key::Approved, "approved"),
    (Key::Owner, "владелец"),
    (Key::Owner, "owner"),
    (Key::Include, "подключить"),
    (Key::Include, "include"),
    (Key::Extends, "расширяет"),
    (Key::Extends, "extends"),
    (Key::DaysOff, "нерабочие дни"),
    (Key::DaysOff, "выходные"),
    (Key::DaysOff, "days off"),
    (Key::StatusOf, "отметки к"),
    (Key::StatusOf, "status of"),
    (Key::Goal, "цель"),
    (Key::Goal, "goal"),
    (Key::Task, "задача"),
    (Key::Task, "task"),
    (Key::ControlledBy, "контроль исполнения"),
    (Key::ControlledBy, "controlled by"),
    (Key::SignedBy, "подписал"),
    (Key::SignedBy, "signed by"),
    (Key::Email, "почта"),
    (Key::Email, "e-mail"),
    (Key::Email, "email"),
    (Key::Contact, "контакты"),
    (Key::Contact, "телефон"),
    (Key::Contact, "contacts"),
    (Key::Contact, "contact"),
    (Key::Contact, "phone"),
    (Key::When, "сроки"),
    (Key::When, "срок"),
    (Key::When, "when"),
    (Key::Duration, "длительность"),
    (Key::Duration, "продолжительность"),
    (Key::Duration, "duration"),
    (Key::By, "ответственные"),
    (Key::By, "ответственный"),
    (Key::By, "исполнители"),
    (Key::By, "исполнитель"),
    (Key::By, "responsible"),
    (Key::By, "by"),
    (Key::After, "после"),
    (Key::After, "after"),
    (Key::Indicator, "показатель"),
    (Key::Indicator, "indicator"),
    (Key::Result, "результат"),
    (Key::Result, "result"),
    (Key::Document, "подтверждающие документы"),
    (Key::Document, "подтверждающий документ"),
    (Key::Document, "документы"),
    (Key::Document, "документ"),
    (Key::Document, "confirming documents"),
    (Key::Document, "confirming document"),
    (Key::Document, "documents"),
    (Key::Document, "document"),
    (Key::Risk, "риски"),
    (Key::Risk, "риск"),
    (Key::Risk, "risks"),
    (Key::Risk, "risk"),
    (Key::Funding, "финансирование"),
    (Key::Funding, "funding"),
    (Key::Checkpoint, "контрольная точка"),
    (Key::Checkpoint, "checkpoint"),
    (Key::Note, "примечание"),
    (Key::Note, "note"),
    (Key::Mandatory, "обязательное"),
    (Key::Mandatory, "mandatory"),
    (Key::Started, "начато"),
    (Key::Started, "started"),
    (Key::Done, "выполнено"),
    (Key::Done, "done"),
    (Key::Cancelled, "отменено"),
    (Key::Cancelled, "cancelled"),
    (Key::Cancelled, "canceled"),
    (Key::Rescheduled, "перенесено"),
    (Key::Rescheduled, "rescheduled"),
    (Key::Actual, "факт"),
    (Key::Actual, "actual"),
];

/// The words the grammar tries before any key: a line that begins with one
/// may be a declaration.
const DECLARATION_WORDS: [&str; 10] = [
    "участник",
    "party",
    "раздел",
    "section",
    "мероприятие",
    "activity",
    "этап",
    "stage",
    "параметр",
    "parameter",
];

/// The commonest lines, a comment or `key: value`, read without pest, as
/// the grammar reads them; `None` for any other line, read by pest (which
/// also reports what is wrong). `body` is the line without its indentation
/// (`indent` bytes) or trailing blanks, not empty.
fn quick(body: &str, indent: usize) -> Option<LineKind> {
    // Keywords are looked for in a case-folded copy of the line's start,
    // long enough for the longest.
    let head = fold_case(&body[..crate::source::floor_char_boundary(body, 48)]);
    let first = head.as_bytes().first()?.to_ascii_lowercase();
    let starts = |word: &str| {
        word.as_bytes().first() == Some(&first)
            && head
                .as_bytes()
                .get(..word.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()))
    };
    if body.starts_with('#') {
        return Some(LineKind::Comment {
            text: indent + 1..indent + body.len(),
        });
    }
    let shift = |r: Range| r.start + indent..r.end + indent;
    for (words, activity) in [
        (["раздел", "section"], false),
        (["мероприятие", "activity"], true),
    ] {
        if let Some(word) = words.iter().find(|w| starts(w)) {
            let (number, title) = numbered(body, word.len())?;
            let (script, number, title) = (Script::of(body), shift(number), shift(title));
            return Some(if activity {
                LineKind::Activity {
                    script,
                    number,
                    title,
                }
            } else {
                LineKind::Section {
                    script,
                    number,
                    title,
                }
            });
        }
    }
    if let Some(word) = ["параметр", "parameter"].iter().find(|w| starts(w)) {
        let (name, value) = parameter(body, word.len())?;
        return Some(LineKind::Parameter {
            script: Script::of(body),
            name: shift(name),
            value: value.map(shift),
        });
    }
    if DECLARATION_WORDS.iter().any(|w| starts(w)) {
        return None;
    }
    let (key, word) = KEY_SPELLINGS.iter().find(|(_, word)| starts(word))?;
    let after_key = body[word.len()..].trim_start_matches([' ', '\t']);
    let value = after_key.strip_prefix(':')?.trim_start_matches([' ', '\t']);
    Some(LineKind::Keyed {
        key: *key,
        script: Script::of(&body[..word.len()]),
        key_range: indent..indent + word.len(),
        value: indent + body.len() - value.len()..indent + body.len(),
    })
}

/// The number and the title of a section or an activity line whose keyword
/// ends at `from`, as the grammar's `section` and `activity` read them.
fn numbered(body: &str, from: usize) -> Option<(Range, Range)> {
    let b = body.as_bytes();
    let blanks = |mut at: usize| {
        while b.get(at).is_some_and(|&c| c == b' ' || c == b'\t') {
            at += 1;
        }
        at
    };
    let digits = |at: usize| {
        let end = at + b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        (end > at).then_some(end)
    };
    let start = blanks(from);
    if start == from {
        return None;
    }
    let end = match digits(start) {
        Some(mut end) => {
            while let Some(next) = (b.get(end) == Some(&b'.'))
                .then(|| digits(end + 1))
                .flatten()
            {
                end = next;
            }
            end
        }
        None => {
            let roman = b[start..]
                .iter()
                .take_while(|c| b"IVXLC".contains(c))
                .count();
            (roman > 0).then_some(start + roman)?
        }
    };
    let title = match b.get(end) {
        Some(b'.') => blanks(end + 1),
        Some(b' ' | b'\t') => blanks(end),
        Some(_) => return None,
        None => end,
    };
    Some((start..end, title..b.len()))
}

/// The name and the value of a parameter line whose keyword ends at `from`,
/// as the grammar's `parameter` reads them, for names of ASCII letters and
/// digits, Cyrillic letters, `_` and `-` (the grammar takes any letter or
/// digit: other names are left to it).
fn parameter(body: &str, from: usize) -> Option<(Range, Option<Range>)> {
    let blanks = |at: usize| {
        at + body[at..]
            .bytes()
            .take_while(|&c| c == b' ' || c == b'\t')
            .count()
    };
    let start = blanks(from);
    if start == from {
        return None;
    }
    let name_len: usize = body[start..]
        .chars()
        .take_while(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        })
        .map(char::len_utf8)
        .sum();
    if name_len == 0 {
        return None;
    }
    let name = start..start + name_len;
    let after = blanks(name.end);
    match body.as_bytes().get(after) {
        None => Some((name, None)),
        Some(b':') => Some((name, Some(blanks(after + 1)..body.len()))),
        Some(_) => None,
    }
}

/// Lower-cases Cyrillic letters, so that Russian keywords match in any case
/// (pest's `^"…"` folds ASCII only). Cyrillic case pairs have the same UTF-8
/// length, so every position found in the folded text is valid in the original.
pub(crate) fn fold_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .into()
}

fn range(pair: Pair<'_, Rule>) -> Range {
    let span = pair.as_span();
    span.start()..span.end()
}

/// A lag after a dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum LagUnit {
    Days,
    WorkingDays,
    Weeks,
}

/// One item of an `после:` list: the activity number and an optional lag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DependencyItem {
    pub number: Range,
    pub lag: Option<(u32, LagUnit)>,
}

pub(crate) fn parse_dependency(item: &str) -> Option<DependencyItem> {
    // The commonest item, a number alone, without pest.
    let number = item.trim_start_matches([' ', '\t']);
    let number = number.trim_end_matches([' ', '\t']);
    if number
        .split('.')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    {
        let start = item.len() - item.trim_start_matches([' ', '\t']).len();
        return Some(DependencyItem {
            number: start..start + number.len(),
            lag: None,
        });
    }
    parse_dependency_with_grammar(item)
}

fn parse_dependency_with_grammar(item: &str) -> Option<DependencyItem> {
    let folded = fold_case(item);
    let pair = LineParser::parse(Rule::dependency, &folded).ok()?.next()?;
    let mut inner = pair.into_inner();
    let number = range(inner.next()?);
    let lag = inner.find(|p| p.as_rule() == Rule::lag).and_then(lag);
    Some(DependencyItem { number, lag })
}

/// A `длительность:` value: an amount and a unit.
pub(crate) fn parse_duration(value: &str) -> Option<(u32, LagUnit)> {
    let folded = fold_case(value);
    let pair = LineParser::parse(Rule::duration_value, &folded)
        .ok()?
        .next()?;
    pair.into_inner()
        .find(|p| p.as_rule() == Rule::lag)
        .and_then(lag)
}

fn lag(pair: Pair<'_, Rule>) -> Option<(u32, LagUnit)> {
    let mut parts = pair.into_inner();
    let amount = parts.next()?.as_str().parse().ok()?;
    let unit = match parts.next()?.as_rule() {
        Rule::working_days => LagUnit::WorkingDays,
        Rule::weeks => LagUnit::Weeks,
        _ => LagUnit::Days,
    };
    Some((amount, unit))
}

/// A `DATE — text` value (checkpoints, marks) split into its date and its
/// text; the text is empty when only a date is written.
pub(crate) fn parse_checkpoint(value: &str) -> Option<(Range, Range)> {
    let folded = fold_case(value);
    let pair = LineParser::parse(Rule::checkpoint_value, &folded)
        .ok()?
        .next()?;
    let mut inner = pair.into_inner();
    let date = range(inner.next()?);
    let text = inner
        .next()
        .filter(|p| p.as_rule() == Rule::rest)
        .map_or(value.len()..value.len(), range);
    Some((date, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pest::{consumes_to, parses_to};

    #[test]
    fn a_number_alone_is_read_as_the_grammar_reads_it() {
        for item in [
            "1",
            " 1.2 ",
            "\t3.1\t",
            "10.20.30",
            "1.",
            ".1",
            "1..2",
            "",
            " ",
            "1 2",
            "4.2 + 5 дней",
            "a",
        ] {
            assert_eq!(
                parse_dependency(item),
                parse_dependency_with_grammar(item),
                "{item:?}"
            );
        }
    }

    /// Every line of the bundled roadmaps and of the test corpus, and every
    /// key in several spellings, read with and without the quick path.
    #[test]
    fn the_quick_path_reads_as_the_grammar_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = Vec::new();
        let mut dirs = vec![root.join("roadmaps"), root.join("tests")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "roadmap" || e == "status")
                {
                    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                    lines.extend(text.lines().map(str::to_string));
                }
            }
        }
        assert!(lines.len() > 1000, "{}", lines.len());
        let words = KEY_SPELLINGS
            .iter()
            .map(|(_, w)| *w)
            .chain(DECLARATION_WORDS)
            .chain([
                "срк",
                "by the way",
                "контакт",
                "сроки исполнения",
                "#",
                "# a: b",
            ]);
        for word in words {
            let upper = word.to_uppercase();
            let mut first = word.chars();
            let title: String = first
                .next()
                .map(|c| c.to_uppercase().chain(first).collect())
                .unwrap_or_default();
            for w in [word.to_string(), upper, title] {
                for line in [
                    format!("{w}: значение"),
                    format!("  {w}:значение: ещё"),
                    format!("\t{w} \t:  "),
                    format!("{w}:"),
                    w.clone(),
                    format!("{w}x: значение"),
                    format!("{w} 1.2. Название"),
                    format!("{w} 1.2: Название"),
                    format!("{w} оо: Школа"),
                    format!("{w} IV. Итоги"),
                    format!("{w} iv. Итоги"),
                    format!("{w} XIV"),
                    format!("{w} 1"),
                    format!("{w} 1."),
                    format!("{w}  1.2.3   Название. Ещё"),
                    format!("{w}\t7\tT"),
                    format!("{w} 1а Т"),
                    format!("{w} 1.а Т"),
                    format!("{w} 1..2 Т"),
                    format!("{w}1.1 Т"),
                    format!("{w} .1 Т"),
                    format!("{w} activity 1. Т"),
                    format!("{w} школа"),
                    format!("{w} почта_школы: a@b.c"),
                    format!("{w}  Ёлка-2 \t:\t  значение: ещё"),
                    format!("{w} школа:"),
                    format!("{w} школа :"),
                    format!("{w} шко́ла: x"),
                    format!("{w} école: x"),
                    format!("{w} x.y: z"),
                    format!("{w} : z"),
                    format!("{w}школа: z"),
                ] {
                    lines.push(line);
                }
            }
        }
        let mut quick_lines = 0;
        for line in &lines {
            let quickly = read_line(line, true);
            let slowly = read_line(line, false);
            assert_eq!(format!("{quickly:?}"), format!("{slowly:?}"), "{line:?}");
            let body = line.trim_matches([' ', '\t']);
            quick_lines += usize::from(quick(&fold_case(body), 0).is_some());
        }
        assert!(quick_lines > 1000, "{quick_lines} of {} lines", lines.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Lines made of keywords, numbers, separators and letters of both
        /// alphabets: the quick path and the grammar read them alike.
        #[test]
        fn the_quick_path_agrees_on_made_up_lines(
            line in "[ \t]{0,3}(срок|Срок|СРОК|ответственн(ый|ые)|мероприятие|Мероприятие|раздел|участник|параметр|этап|после|показатель|выполнено|расширяет|дорожная карта|период|#|when|by|activity|section|party|parameter|stage|after)?[ \t]{0,2}[0-9IVXivxа-яА-ЯёЁa-zA-Z_.:,()«»#-]{0,6}[ \t]{0,2}[0-9.:]{0,4}[ \t]{0,2}[а-яa-z :.]{0,12}"
        ) {
            let quickly = read_line(&line, true);
            let slowly = read_line(&line, false);
            proptest::prop_assert_eq!(format!("{quickly:?}"), format!("{slowly:?}"), "{:?}", line);
        }
    }

    fn kind(line: &str) -> LineKind {
        parse_line(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn comment_rule() {
        parses_to! {
            parser: LineParser, input: "# заметка", rule: Rule::comment,
            tokens: [comment(0, 16, [rest(1, 16)])]
        };
    }

    #[test]
    fn party_rule() {
        parses_to! {
            parser: LineParser, input: "party OO: School", rule: Rule::party,
            tokens: [party(0, 16, [ident(6, 8), rest(10, 16)])]
        };
    }

    #[test]
    fn section_rule_with_roman_number() {
        parses_to! {
            parser: LineParser, input: "section II. Support", rule: Rule::section,
            tokens: [section(0, 19, [number(8, 10), rest(12, 19)])]
        };
    }

    #[test]
    fn activity_rule_with_nested_number() {
        parses_to! {
            parser: LineParser, input: "activity 4.12. Survey", rule: Rule::activity,
            tokens: [activity(0, 21, [number(9, 13), rest(15, 21)])]
        };
    }

    #[test]
    fn stage_rule() {
        parses_to! {
            parser: LineParser, input: "stage 2021:", rule: Rule::stage,
            tokens: [stage(0, 11, [stage_label(6, 10)])]
        };
    }

    #[test]
    fn keyed_rule() {
        parses_to! {
            parser: LineParser, input: "when: May 2022", rule: Rule::keyed,
            tokens: [keyed(0, 14, [when(0, 4), rest(6, 14)])]
        };
    }

    #[test]
    fn dependency_rule() {
        parses_to! {
            parser: LineParser, input: "4.2 + 5 days", rule: Rule::dependency,
            tokens: [dependency(0, 12, [arabic(0, 3), lag(6, 12, [lag_amount(6, 7), days(8, 12)]), EOI(12, 12)])]
        };
    }

    #[test]
    fn russian_lines() {
        let line = "  срок: 17.01. – 04.02.2022";
        match kind(line) {
            LineKind::Keyed {
                key: Key::When,
                script: Script::Cyrillic,
                value,
                ..
            } => assert_eq!(&line[value], "17.01. – 04.02.2022"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            kind("КОНТРОЛЬНАЯ ТОЧКА: 15.02.2022 — готово"),
            LineKind::Keyed {
                key: Key::Checkpoint,
                ..
            }
        ));
        assert!(matches!(
            kind("сроки: май"),
            LineKind::Keyed { key: Key::When, .. }
        ));
        assert!(matches!(
            kind("утверждено: приказ"),
            LineKind::Keyed {
                key: Key::Approved,
                ..
            }
        ));
        let line = "мероприятие 1.1. Анкетирование";
        match kind(line) {
            LineKind::Activity { number, title, .. } => {
                assert_eq!(&line[number], "1.1");
                assert_eq!(&line[title], "Анкетирование");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kind("   \t "), LineKind::Blank);
    }

    #[test]
    fn unknown_keyword_fails() {
        assert!(parse_line("  срк: май").is_err());
        assert!(parse_line("раздел Итоги").is_err());
        assert!(parse_line("section Implementation").is_err());
    }

    #[test]
    fn dependency_lags() {
        let dep = parse_dependency(" 3.1 + 10 рабочих дней").unwrap();
        assert_eq!(dep.lag, Some((10, LagUnit::WorkingDays)));
        assert_eq!(
            parse_dependency("1.3 + 2 недели").unwrap().lag,
            Some((2, LagUnit::Weeks))
        );
        assert_eq!(parse_dependency("4").unwrap().lag, None);
        assert!(parse_dependency("4.2 + пять дней").is_none());
        assert!(parse_dependency("ОО").is_none());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2 недели"), Some((2, LagUnit::Weeks)));
        assert_eq!(
            parse_duration("10 Рабочих дней"),
            Some((10, LagUnit::WorkingDays))
        );
        assert_eq!(parse_duration("5 days"), Some((5, LagUnit::Days)));
        assert_eq!(parse_duration("две недели"), None);
    }

    #[test]
    fn checkpoint_split() {
        let v = "15.02.2022 — график посещений утверждён";
        let (date, text) = parse_checkpoint(v).unwrap();
        assert_eq!(&v[date], "15.02.2022");
        assert_eq!(&v[text], "график посещений утверждён");
        let v = "2022-02-15 - plan approved";
        let (date, _) = parse_checkpoint(v).unwrap();
        assert_eq!(&v[date], "2022-02-15");
    }
}
