//! Which declared party a written id means, and what to say when it means
//! none: an id in another case is matched; Latin letters typed among Cyrillic
//! ones (the keyboard layout) are named with their place; the line offered to
//! declare a missing party is one the parser reads.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lang::Text;
use crate::syntax::Spanned;
use crate::text;

/// The declared id `written` means: itself, or the one declared id equal to
/// it but for case («кураторы» for «Кураторы»). `None` when no id, or more
/// than one, matches.
pub fn resolve<'a>(ids: &'a [String], written: &str) -> Option<&'a str> {
    if let Some(id) = ids.iter().find(|id| *id == written) {
        return Some(id);
    }
    let folded = fold(written);
    let mut same = ids.iter().filter(|id| fold(id) == folded);
    match (same.next(), same.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    }
}

/// The id a command line's `--party` means in `roadmap`: the declared one
/// in any case («кураторы» for «Кураторы»), else as written (and then
/// reported as unknown by the command).
pub fn declared<'a>(roadmap: &'a super::Roadmap, written: &'a str) -> &'a str {
    let ids: Vec<String> = roadmap.parties.iter().map(|p| p.id.text.clone()).collect();
    match resolve(&ids, written) {
        Some(known) => roadmap
            .parties
            .iter()
            .map(|p| p.id.text.as_str())
            .find(|id| *id == known)
            .unwrap_or(written),
        None => written,
    }
}

/// Lower case, «ё» as «е».
fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

/// Latin letters that look like Cyrillic ones, and back.
const LOOKALIKES: [(char, char); 20] = [
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('k', 'к'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
];

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'Ѐ'..='ӿ')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// The script an id is mostly written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Latin,
}

/// A letter of the other script in an id: its byte range in the id, the
/// letter, and its place among the id's characters (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    pub range: std::ops::Range<usize>,
    pub letter: char,
    pub place: usize,
}

/// The letters of the minority script in an id that mixes Cyrillic and
/// Latin letters («Шкoла»: the Latin `o`); empty for an id in one script.
fn strays(id: &str) -> (Option<Script>, Vec<Stray>) {
    let cyrillic = id.chars().filter(|&c| is_cyrillic(c)).count();
    let latin = id.chars().filter(|&c| is_latin(c)).count();
    if cyrillic == 0 || latin == 0 {
        return (None, Vec::new());
    }
    let (main, stray): (Script, fn(char) -> bool) = if cyrillic >= latin {
        (Script::Cyrillic, is_latin)
    } else {
        (Script::Latin, is_cyrillic)
    };
    let found = id
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| stray(*c))
        .map(|(place, (at, letter))| Stray {
            range: at..at + letter.len_utf8(),
            letter,
            place: place + 1,
        })
        .collect();
    (Some(main), found)
}

/// `id` with every look-alike letter in `script`.
fn retyped(id: &str, script: Script) -> String {
    id.chars()
        .map(|c| {
            LOOKALIKES
                .iter()
                .find_map(|&(latin, cyrillic)| match script {
                    Script::Cyrillic if c == latin => Some(cyrillic),
                    Script::Latin if c == cyrillic => Some(latin),
                    _ => None,
                })
                .unwrap_or(c)
        })
        .collect()
}

/// Whether the parser reads `id` as a party's id: letters, digits, `_`, `-`.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// An id the parser reads, made from what was written: «МБОУ СОШ № 1» →
/// «МБОУ_СОШ_1».
pub fn id_for(written: &str) -> String {
    let mut id = String::new();
    for word in written.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        if word.is_empty() {
            continue;
        }
        if !id.is_empty() {
            id.push('_');
        }
        id.push_str(word);
    }
    if id.is_empty() {
        "Участник".into()
    } else {
        id
    }
}

/// The finding for an id no declared party has, with the help that fits the
/// slip: Latin letters among Cyrillic ones (or a whole id in the other
/// script), a typo, or a party never declared.
pub fn unknown(ids: &[String], id: &Spanned) -> Diagnostic {
    let (script, strays) = strays(&id.text);
    if let (Some(script), Some(first)) = (script, strays.first()) {
        return mixed(ids, id, script, first, &strays);
    }
    // «OO» typed in Latin letters for the declared «ОО».
    for script in [Script::Cyrillic, Script::Latin] {
        let other = retyped(&id.text, script);
        if other != id.text {
            if let Some(known) = resolve(ids, &other) {
                let (ru_script, en_script) = script_words(script);
                let (ru_typed, en_typed) = script_words(match script {
                    Script::Cyrillic => Script::Latin,
                    Script::Latin => Script::Cyrillic,
                });
                return Diagnostic::new(
                    Code::UnknownParty,
                    id.span,
                    text!(
                        ru: "Участник «{}» не объявлен: он набран {} буквами, а объявленный «{}» — {}", id.text, ru_typed, known, ru_script;
                        en: "Party `{}` is not declared: it is typed in {} letters, the declared `{}` in {} ones", id.text, en_typed, known, en_script
                    ),
                )
                .with_label(text!(ru: "буквы другой раскладки"; en: "letters of the other keyboard layout"))
                .with_help(text!(
                    ru: "Наберите «{}» заново в {} раскладке", known, if script == Script::Cyrillic { "русской" } else { "латинской" };
                    en: "Retype it as `{}` in the {} keyboard layout", known, en_script
                ));
            }
        }
    }
    let closest = ids
        .iter()
        .map(|known| {
            (
                strsim::levenshtein(&fold(known), &fold(&id.text)),
                known.as_str(),
            )
        })
        .filter(|(d, known)| *d <= 2.max(known.chars().count() / 3))
        .min()
        .map(|(_, known)| known);
    let help = match closest {
        Some(known) => text!(ru: "Может быть, «{}»?", known; en: "Did you mean `{}`?", known),
        None => declare(ids, &id.text),
    };
    Diagnostic::new(
        Code::UnknownParty,
        id.span,
        text!(ru: "Участник «{}» не объявлен", id.text; en: "Party `{}` is not declared", id.text),
    )
    .with_label(text!(ru: "неизвестный участник"; en: "unknown party"))
    .with_help(help)
}

fn script_words(script: Script) -> (&'static str, &'static str) {
    match script {
        Script::Cyrillic => ("русскими", "Cyrillic"),
        Script::Latin => ("латинскими", "Latin"),
    }
}

fn mixed(ids: &[String], id: &Spanned, script: Script, first: &Stray, all: &[Stray]) -> Diagnostic {
    let letters =
        |describe: fn(&Stray) -> String| all.iter().map(describe).collect::<Vec<_>>().join(", ");
    let ru_letters = letters(|s| format!("«{}» ({}-й знак)", s.letter, s.place));
    let en_letters = letters(|s| format!("`{}` (character {})", s.letter, s.place));
    let (ru_kind, ru_one, en_kind, ru_main, en_main) = match script {
        Script::Cyrillic => ("латинские", "латинская", "Latin", "русских", "Cyrillic"),
        Script::Latin => ("русские", "русская", "Cyrillic", "латинских", "Latin"),
    };
    let fixed = retyped(&id.text, script);
    let help = match resolve(ids, &fixed) {
        Some(known) => text!(
            ru: "Может быть, «{}»? Наберите эти буквы заново в {} раскладке", known, if script == Script::Cyrillic { "русской" } else { "латинской" };
            en: "Did you mean `{}`? Retype those letters in the {} keyboard layout", known, en_main
        ),
        None => text!(
            ru: "Наберите эти буквы заново: «{}»; если такого участника нет, объявите его строкой «участник {}: Полное название»", fixed, id_for(&fixed);
            en: "Retype those letters: `{}`; if there is no such party, declare it with a line `party {}: Full name`", fixed, id_for(&fixed)
        ),
    };
    let mut diagnostic = Diagnostic::new(
        Code::UnknownParty,
        id.span.sub(first.range.start, first.range.end),
        text!(
            ru: "Участник «{}» не объявлен: среди {} букв {} {}", id.text, ru_main, if all.len() == 1 { ru_one } else { ru_kind }, ru_letters;
            en: "Party `{}` is not declared: it has {} {} among {} ones", id.text, if all.len() == 1 { format!("the {en_kind} letter") } else { format!("the {en_kind} letters") }, en_letters, en_main
        ),
    )
    .with_label(text!(ru: "{} «{}»", ru_one, first.letter; en: "{} `{}`", en_kind, first.letter));
    for stray in &all[1..] {
        diagnostic = diagnostic.with_secondary(
            id.span.sub(stray.range.start, stray.range.end),
            Text::new(
                format!("{ru_one} «{}»", stray.letter),
                format!("{en_kind} `{}`", stray.letter),
            ),
        );
    }
    diagnostic.with_help(help)
}

/// The help for a party never declared: a line that declares it, which the
/// parser reads as it is (an id of letters, digits, `_` and `-`; what was
/// written becomes the full name when it is not an id itself).
fn declare(ids: &[String], written: &str) -> Text {
    let known = ids.join(", ");
    if is_id(written) {
        return match ids.is_empty() {
            true => text!(
                ru: "В карте нет ни одного участника: объявите его строкой «участник {}: Полное название»", written;
                en: "The roadmap declares no parties: declare it with a line `party {}: Full name`", written
            ),
            false => text!(
                ru: "Объявите его строкой «участник {}: Полное название» или выберите из объявленных: {}", written, known;
                en: "Declare it with a line `party {}: Full name` or pick a declared one: {}", written, known
            ),
        };
    }
    let id = id_for(written);
    text!(
        ru: "«{}» — не идентификатор участника (только буквы, цифры, «_» и «-»): объявите участника строкой «участник {}: {}» и пишите здесь «{}»{}", written, id, written, id, if ids.is_empty() { String::new() } else { format!(", или выберите из объявленных: {known}") };
        en: "`{}` is not a party id (letters, digits, `_` and `-` only): declare the party with a line `party {}: {}` and write `{}` here{}", written, id, written, id, if ids.is_empty() { String::new() } else { format!(", or pick a declared one: {known}") }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_id_in_another_case_is_matched_when_only_one_fits() {
        let known = ids(&["Кураторы", "ОО", "Оо"]);
        assert_eq!(resolve(&known, "кураторы"), Some("Кураторы"));
        assert_eq!(resolve(&known, "КУРАТОРЫ"), Some("Кураторы"));
        assert_eq!(resolve(&known, "ОО"), Some("ОО"));
        // «оо» could be either.
        assert_eq!(resolve(&known, "оо"), None);
        assert_eq!(resolve(&ids(&["Учёные"]), "ученые"), Some("Учёные"));
    }

    #[test]
    fn latin_letters_among_cyrillic_are_named_with_their_place() {
        let (script, found) = strays("Шкoла");
        assert_eq!(script, Some(Script::Cyrillic));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].letter, found[0].place), ('o', 3));
        assert_eq!(&"Шкoла"[found[0].range.clone()], "o");
        assert_eq!(retyped("Шкoла", Script::Cyrillic), "Школа");
        // Cyrillic «о» in a Latin id.
        let (script, found) = strays("Schоol");
        assert_eq!(script, Some(Script::Latin));
        assert_eq!((found[0].letter, found[0].place), ('о', 4));
        assert_eq!(strays("Школа").1, []);
        assert_eq!(strays("OO").1, []);
    }

    #[test]
    fn an_offered_id_is_one_the_parser_reads() {
        assert!(is_id("СОИРО") && is_id("ОО_1") && is_id("Отдел-образования"));
        assert!(!is_id("МБОУ СОШ № 1") && !is_id("") && !is_id("Отдел."));
        assert_eq!(id_for("МБОУ СОШ № 1"), "МБОУ_СОШ_1");
        assert_eq!(id_for("Управление образования"), "Управление_образования");
        assert_eq!(id_for("«»"), "Участник");
        for written in ["МБОУ СОШ № 1", "Отдел образования (ОО)", "ГАУ ДПО «ИРО»"]
        {
            let id = id_for(written);
            assert!(is_id(&id), "{id}");
            let line = format!("участник {id}: {written}\n");
            let (doc, errors) = crate::syntax::parse(crate::source::FileId(0), &line);
            assert_eq!((doc.parties.len(), errors.len()), (1, 0), "{line}");
            assert_eq!(doc.parties[0].id.text, id);
        }
    }
}
