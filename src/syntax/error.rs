//! Pest's account of a failed line, and the shape errors of a file, turned
//! into diagnostics that speak of keywords and values, not grammar rules.

use super::line::{Key, Rule};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lang::Text;
use crate::source::{floor_char_boundary, Span};
use crate::text;

/// Where a misplaced property was found.
pub(super) enum Context {
    TopLevel,
    Party,
    Section,
    Activity,
    Stage,
}

const KEYWORD_HELP_RU: &str = "Строка начинается с ключевого слова: «срок:», «ответственный:», «после:», «показатель:», «результат:», «контрольная точка:», «примечание:» — или с объявления: «участник ID: …», «раздел 1. …», «мероприятие 1.1. …», «этап 2021:». Комментарий начинается с «#».";
const KEYWORD_HELP_EN: &str = "A line starts with a keyword — `when:`, `by:`, `after:`, `indicator:`, `result:`, `checkpoint:`, `note:` — or a declaration: `party ID: …`, `section 1. …`, `activity 1.1. …`, `stage 2021:`. A comment starts with `#`.";

/// A line the grammar does not accept.
pub(super) fn line_error(line: Span, text: &str, err: &pest::error::Error<Rule>) -> Diagnostic {
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    let body = &text[indent..];
    if let Some(word) = unknown_keyword(body) {
        let span = line.sub(indent, indent + word.len());
        let mut diagnostic = Diagnostic::new(
            Code::UnknownKeyword,
            span,
            text!(ru: "Неизвестное ключевое слово «{}»", word; en: "Unknown keyword `{}`", word),
        )
        .with_label(text!(ru: "такого слова нет в языке"; en: "not a keyword of the language"));
        diagnostic = match suggest(word) {
            Some(known) => diagnostic.with_help(text!(
                ru: "Может быть, имелось в виду «{}:»?", known;
                en: "Did you mean `{}:`?", known
            )),
            None => diagnostic.with_help(Text::new(KEYWORD_HELP_RU, KEYWORD_HELP_EN)),
        };
        return diagnostic;
    }
    let at = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let at = floor_char_boundary(body, at);
    let found: String = body[at..].chars().take(30).collect();
    let span = line.sub(
        indent + at,
        indent + at + body[at..].chars().next().map_or(0, char::len_utf8),
    );
    let expected = expected_words(err);
    let message = if at == 0 {
        text!(ru: "Эту строку нельзя прочитать: «{}»", clip(body); en: "This line cannot be read: `{}`", clip(body))
    } else if found.is_empty() {
        text!(ru: "Строка обрывается: ожидается {}", expected.ru; en: "The line ends too early: expected {}", expected.en)
    } else {
        text!(ru: "Ожидается {}, а написано «{}»", expected.ru, found; en: "Expected {}, found `{}`", expected.en, found)
    };
    let diagnostic = Diagnostic::new(Code::Syntax, span, message);
    if at == 0 {
        diagnostic
            .with_label(text!(ru: "строка не начинается с ключевого слова"; en: "no keyword starts this line"))
            .with_help(Text::new(
                format!("{KEYWORD_HELP_RU} Текст значения пишется в одну строку."),
                format!("{KEYWORD_HELP_EN} A value is written on one line."),
            ))
    } else {
        diagnostic
            .with_label(text!(ru: "ожидается {}", expected.ru; en: "expected {}", expected.en))
    }
}

/// `word:` at the start of a line that is not one of the keywords.
fn unknown_keyword(body: &str) -> Option<&str> {
    let colon = body.char_indices().take(40).find(|(_, c)| *c == ':')?.0;
    let word = body[..colon].trim_end();
    let is_word = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '_');
    (is_word && word.split(' ').count() <= 3).then_some(word)
}

/// The known keyword closest to a misspelt one, if any is close.
fn suggest(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    let extra = [
        ("участник", "участник"),
        ("party", "party"),
        ("этап", "этап"),
        ("stage", "stage"),
    ];
    Key::ALL
        .iter()
        .flat_map(|k| {
            let (ru, en) = k.spelling();
            [(ru, ru), (en, en)]
        })
        .chain(extra)
        .map(|(candidate, shown)| (strsim::levenshtein(&word, candidate), shown))
        .filter(|(distance, shown)| *distance <= 2.max(shown.chars().count() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, shown)| shown)
}

fn clip(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Pest's expected rules, said in words.
fn expected_words(err: &pest::error::Error<Rule>) -> Text {
    let positives = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut ru: Vec<&str> = Vec::new();
    let mut en: Vec<&str> = Vec::new();
    for rule in positives {
        let (r, e) = match rule {
            Rule::number | Rule::arabic | Rule::roman => {
                ("номер (1, 4.1 или II)", "a number (1, 4.1 or II)")
            }
            Rule::ident => (
                "короткое имя участника (одно слово)",
                "the party's short id (one word)",
            ),
            Rule::stage_label => ("метка этапа (например, 2021)", "a stage label (e.g. 2021)"),
            _ => ("«:» после ключевого слова", "`:` after the keyword"),
        };
        if !ru.contains(&r) {
            ru.push(r);
            en.push(e);
        }
    }
    if ru.is_empty() {
        return Text::new("«:» или пробел", "`:` or a space");
    }
    Text::new(ru.join(" или "), en.join(" or "))
}

pub(super) fn misplaced_stage(line: Span) -> Diagnostic {
    Diagnostic::new(
        Code::Misplaced,
        line,
        text!(ru: "Этап стоит вне мероприятия"; en: "A stage outside an activity"),
    )
    .with_label(
        text!(ru: "этап должен идти внутри мероприятия"; en: "a stage belongs inside an activity"),
    )
    .with_help(text!(
        ru: "Поставьте «этап …:» с отступом под строкой «мероприятие …»";
        en: "Put `stage …:`, indented, under an `activity …` line"
    ))
}

pub(super) fn empty_value(span: Span, key: Option<Key>) -> Diagnostic {
    let message = match key {
        Some(key) => {
            let (ru, en) = key.spelling();
            text!(ru: "У «{}:» нет значения", ru; en: "`{}:` has no value", en)
        }
        None => text!(ru: "Нет названия"; en: "The name is missing"),
    };
    Diagnostic::new(Code::EmptyValue, span, message).with_help(text!(
        ru: "Напишите значение на той же строке после двоеточия или удалите строку";
        en: "Write the value on the same line, or delete the line"
    ))
}

pub(super) fn unindented_property(span: Span, key: Key) -> Diagnostic {
    let (ru, en) = key.spelling();
    Diagnostic::new(
        Code::Misplaced,
        span,
        text!(ru: "«{}:» без отступа — непонятно, к чему оно относится", ru; en: "`{}:` is not indented, so it belongs to nothing", en),
    )
    .with_label(text!(ru: "свойство мероприятия или участника"; en: "a property of an activity or a party"))
    .with_help(text!(
        ru: "Сдвиньте строку на два пробела под своё мероприятие";
        en: "Indent the line by two spaces under its activity"
    ))
}

pub(super) fn repeated(span: Span, first: Span, key: Key) -> Diagnostic {
    let (ru, en) = key.spelling();
    Diagnostic::new(
        Code::Repeated,
        span,
        text!(ru: "«{}:» указано второй раз", ru; en: "`{}:` is given a second time", en),
    )
    .with_label(text!(ru: "второй раз"; en: "second time"))
    .with_secondary(first, text!(ru: "впервые здесь"; en: "first given here"))
    .with_help(text!(
        ru: "Оставьте одну строку; несколько ответственных пишутся через запятую, разные сроки по годам — этапами («этап 2021:»)";
        en: "Keep one line; several parties go on one line separated by commas, per-year deadlines go into stages (`stage 2021:`)"
    ))
}

pub(super) fn misplaced_property(span: Span, key: Key, context: Context) -> Diagnostic {
    let (ru, en) = key.spelling();
    let (where_ru, where_en) = match context {
        Context::TopLevel => (
            "вне мероприятия и участника",
            "outside any activity or party",
        ),
        Context::Party => ("у участника", "in a party"),
        Context::Section => ("у раздела", "in a section"),
        Context::Activity => ("у мероприятия", "in an activity"),
        Context::Stage => ("у этапа", "in a stage"),
    };
    let (help_ru, help_en) = if key.is_header() {
        (
            "Заголовки карты пишутся без отступа в начале файла",
            "Headers of the roadmap stand unindented at the top of the file",
        )
    } else if key.is_party_property() {
        (
            "Почта и контакты пишутся с отступом под строкой «участник …»",
            "Email and contacts go indented under a `party …` line",
        )
    } else if key == Key::After {
        (
            "«после:» относится ко всему мероприятию: поставьте строку до первого этапа, с тем же отступом, что «срок:»",
            "`after:` belongs to the whole activity: put it before the first stage, indented like `when:`",
        )
    } else {
        (
            "Это свойство мероприятия: поставьте его с отступом под строкой «мероприятие …»",
            "This is an activity's property: put it indented under an `activity …` line",
        )
    };
    Diagnostic::new(
        Code::Misplaced,
        span,
        text!(ru: "«{}:» не может стоять {}", ru, where_ru; en: "`{}:` cannot stand {}", en, where_en),
    )
    .with_help(Text::new(help_ru, help_en))
}

pub(super) fn misplaced_parameter(line: Span) -> Diagnostic {
    Diagnostic::new(
        Code::Misplaced,
        line,
        text!(ru: "Параметр с отступом"; en: "An indented parameter"),
    )
    .with_help(text!(
        ru: "«параметр …» пишется без отступа, среди заголовков карты";
        en: "`parameter …` stands unindented, among the roadmap's headers"
    ))
}
