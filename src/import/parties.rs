//! Parties from the responsible column: each cell split into the parties it
//! names, each distinct party given a short id a person would choose
//! («ОО», «ОтделОбр», «Кураторы»), or its transliteration with `--latin-ids`.

use std::collections::{BTreeMap, HashSet};

/// The parties of a roadmap being imported, in order of first mention.
#[derive(Debug, Default, Clone)]
pub struct Parties {
    /// (id, full name).
    pub list: Vec<(String, String)>,
    /// Full names given ids by a rules file.
    pub given: BTreeMap<String, String>,
}

/// Splits a responsible cell into the names it holds: at commas,
/// semicolons and line breaks, except inside quotes or brackets; names the
/// rules know are taken out first, whatever surrounds them.
pub fn split(cell: &str, known: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = cell.to_string();
    let mut known: Vec<&str> = known.to_vec();
    known.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    for k in known {
        if k.trim().is_empty() {
            continue;
        }
        while let Some(at) = rest.find(k) {
            let before_ok = rest[..at]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = rest[at + k.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                break;
            }
            names.push((at, k.to_string()));
            rest.replace_range(at..at + k.len(), &"\u{1}".repeat(k.len()));
        }
    }
    let mut depth = 0i32;
    let mut start = 0;
    let push = |from: usize, to: usize, rest: &str, names: &mut Vec<(usize, String)>| {
        let piece = super::table::one_line(&rest[from..to].replace('\u{1}', " "));
        let piece = piece.trim();
        if !piece.is_empty() {
            names.push((from, piece.to_string()));
        }
    };
    for (i, c) in rest.char_indices() {
        match c {
            '«' | '(' | '"' if c != '"' || depth == 0 => depth += 1,
            '»' | ')' => depth -= 1,
            '"' => depth -= 1,
            ',' | ';' | '\n' if depth <= 0 => {
                push(start, i, &rest, &mut names);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, rest.len(), &rest, &mut names);
    names.sort_by_key(|(at, _)| *at);
    // «…, осуществляющие управление в сфере образования»: a clause after a
    // comma, in lower case and of several words, belongs to the name before.
    let mut joined: Vec<(usize, String)> = Vec::new();
    for (at, n) in names {
        let clause = n
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase)
            && n.split_whitespace().count() >= 3;
        match joined.last_mut() {
            Some((_, prev)) if clause && !cell.contains(&format!("{prev}\n")) => {
                prev.push_str(", ");
                prev.push_str(&n);
            }
            _ => joined.push((at, n)),
        }
    }
    let names: Vec<(usize, String)> = joined
        .into_iter()
        .map(|(at, n)| {
            (
                at,
                n.trim_start_matches(['-', '–', '—', '•', ' ']).to_string(),
            )
        })
        .filter(|(_, n)| !n.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (_, n) in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Splits names that are several other names written one after another
/// («Отдел образования ОО» when «Отдел образования» and «ОО» stand alone
/// elsewhere).
pub fn split_joined(names: &[String], all: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        match cover(name, all) {
            Some(parts) if parts.len() > 1 => out.extend(parts),
            _ => out.push(name.clone()),
        }
    }
    out.dedup();
    out
}

fn cover(name: &str, all: &HashSet<String>) -> Option<Vec<String>> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let j = (i + 1..=words.len())
            .rev()
            .find(|&j| (j - i) < words.len() && all.contains(&words[i..j].join(" ")))?;
        parts.push(words[i..j].join(" "));
        i = j;
    }
    Some(parts)
}

impl Parties {
    /// The id of a party, made when first seen.
    pub fn id(&mut self, name: &str, latin: bool) -> String {
        if let Some((id, _)) = self.list.iter().find(|(_, n)| n == name) {
            return id.clone();
        }
        let base = self.given.get(name).cloned().unwrap_or_else(|| {
            let id = short_id(name);
            if latin {
                transliterate(&id)
            } else {
                id
            }
        });
        let mut id = base.clone();
        let mut n = 2;
        while self.list.iter().any(|(i, _)| *i == id) {
            id = format!("{base}{n}");
            n += 1;
        }
        self.list.push((id.clone(), name.to_string()));
        id
    }
}

/// Words that say whose a party is, not who: «Кураторы проекта» are «Кураторы».
const QUALIFIERS: &[&str] = &["проекта", "Проекта"];

/// The first words of offices.
const OFFICES: &[&str] = &[
    "министерство",
    "департамент",
    "управление",
    "комитет",
    "отдел",
    "центр",
    "институт",
];

const MINOR: &[&str] = &["и", "в", "по", "на", "с", "для", "of", "the", "and", "for"];

/// The id a person would give a party: its abbreviation when it has one
/// («… (далее – АСОУ)», «(МОЦ)», «ОО»), a surname for a person («Морозова
/// О.В.»), one word as it is, two words as «ОтделОбр», more as their
/// initials.
pub fn short_id(name: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    };
    // «Общеобразовательная организация, имеющая …»: the initials of two
    // long words before a comma.
    if let Some((head, _)) = name.split_once(',') {
        let words: Vec<&str> = head.split_whitespace().collect();
        if words.len() == 2 && words.iter().all(|w| w.chars().count() >= 8) {
            return words
                .iter()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
        }
    }
    // «(далее – АСОУ)», «(МОЦ)»
    if let Some(open) = name.rfind('(') {
        let inside = name[open + 1..].trim_end_matches(')');
        let word = inside.rsplit([' ', '–', '-', '—']).next().unwrap_or("");
        if is_abbreviation(word) {
            return clean(word);
        }
    }
    let plain: String = name.split(['«', '"']).next().unwrap_or(name).to_string();
    let words: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // A surname with initials: «Морозова О.В.»
    if words.len() == 2
        && words[1].chars().filter(|c| *c == '.').count() >= 1
        && words[1].chars().count() <= 5
    {
        return clean(words[0]);
    }
    let mut significant: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !MINOR.contains(&w.to_lowercase().as_str()) && !QUALIFIERS.contains(w))
        .collect();
    // «кабинет «Консультант-прогноз»»: a generic word and a name in quotes.
    if significant.len() <= 1 {
        if let Some(quoted) = name.split_once('«').map(|(_, q)| q.trim_end_matches('»')) {
            if !quoted.trim().is_empty() && !quoted.contains('«') {
                return short_id(quoted);
            }
        }
    }
    // «Отдел образования МО …», «Министерство образования Московской
    // области»: an office of something is named by its first two words.
    if significant.len() > 2
        && OFFICES.contains(&significant[0].to_lowercase().as_str())
        && !is_abbreviation(significant[1])
    {
        significant.truncate(2);
    }
    let id = match significant.as_slice() {
        [] => clean(name),
        [one] => capitalise(&clean(one)),
        [a, b] if is_abbreviation(a) || is_abbreviation(b) => format!("{}{}", clean(a), clean(b)),
        [a, b] => format!("{}{}", stem(a), capitalise(&stem(b))),
        many => many
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric))
            .take(4)
            .map(|w| {
                if is_abbreviation(w) {
                    clean(w)
                } else {
                    w.chars()
                        .next()
                        .map(|c| c.to_uppercase().to_string())
                        .unwrap_or_default()
                }
            })
            .collect(),
    };
    if id.is_empty() {
        "Участник".to_string()
    } else {
        id
    }
}

fn is_abbreviation(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len()
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A word shortened as people do: a short word whole; a long one up to the
/// consonants after its first vowels («образования» → «Обр», «координаторы»
/// → «Коорд», «Региональные» → «Рег»).
fn stem(word: &str) -> String {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    if letters.len() <= 6 {
        return capitalise(&letters.iter().collect::<String>());
    }
    let vowel = |c: &char| "аеёиоуыэюяaeiouy".contains(c.to_lowercase().next().unwrap_or(*c));
    let mut i = 0;
    while i < letters.len() && !vowel(&letters[i]) {
        i += 1;
    }
    while i < letters.len() && vowel(&letters[i]) {
        i += 1;
    }
    while i < letters.len() && !vowel(&letters[i]) {
        i += 1;
    }
    let end = i.clamp(3, letters.len());
    capitalise(&letters[..end].iter().collect::<String>())
}

/// Latin letters for a Cyrillic id (ГОСТ 7.79-2000, system B), a capital
/// kept a capital.
pub fn transliterate(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        match crate::translit::latin(c) {
            Some(t) if c.is_uppercase() => out.push_str(&capitalise(t)),
            Some(t) => out.push_str(t),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_a_person_would_choose() {
        assert_eq!(short_id("ОО"), "ОО");
        assert_eq!(short_id("Кураторы"), "Кураторы");
        assert_eq!(short_id("Отдел образования"), "ОтделОбр");
        assert_eq!(short_id("Региональные координаторы"), "РегКоорд");
        assert_eq!(short_id("Морозова О.В."), "Морозова");
        assert_eq!(
            short_id("Муниципальные образовательные центры (МОЦ)"),
            "МОЦ"
        );
        assert_eq!(
            short_id("Государственное бюджетное учреждение «Академия социального управления» (далее – АСОУ)"),
            "АСОУ"
        );
        assert_eq!(
            short_id("Министерство образования Московской области"),
            "МинОбр"
        );
        assert_eq!(
            short_id("Отдел образования МО «Томаринский городской округ»"),
            "ОтделОбр"
        );
        assert_eq!(short_id("Кураторы проекта"), "Кураторы");
        assert_eq!(
            short_id("кабинет «Консультант-прогноз»"),
            "Консультант-прогноз"
        );
        assert_eq!(short_id("Федеральный координатор проекта"), "ФедКоорд");
        assert_eq!(
            short_id("Общеобразовательная организация, имеющая низкие образовательные результаты"),
            "ОО"
        );
    }

    #[test]
    fn cells_naming_several_parties_are_split() {
        assert_eq!(split("ОО, кураторы, МОУО", &[]), ["ОО", "кураторы", "МОУО"]);
        assert_eq!(
            split("АСОУ, Органы местного самоуправления, осуществляющие управление в сфере образования", &[]),
            ["АСОУ", "Органы местного самоуправления, осуществляющие управление в сфере образования"]
        );
        assert_eq!(split("Кураторы\nОО", &[]), ["Кураторы", "ОО"]);
        assert_eq!(split("- Кураторы\n- ОО", &[]), ["Кураторы", "ОО"]);
        let school = "Общеобразовательная организация, имеющая низкие образовательные результаты, — участник проекта (МБОУ СОШ)";
        assert_eq!(split(school, &[]), [school]);
        assert_eq!(
            split("МОЦ, Центр «Консультант, прогноз»", &[]),
            ["МОЦ", "Центр «Консультант, прогноз»"]
        );
        assert_eq!(
            split("Захаров С.П., кабинет «Консультант-прогноз»", &[]),
            ["Захаров С.П.", "кабинет «Консультант-прогноз»"]
        );
        let long = "Органы местного самоуправления, осуществляющие управление";
        assert_eq!(split(&format!("АСОУ; {long}"), &[long]), ["АСОУ", long]);
        let all: HashSet<String> = ["Отдел образования", "ОО"].map(String::from).into();
        assert_eq!(
            split_joined(&["Отдел образования ОО".to_string()], &all),
            ["Отдел образования", "ОО"]
        );
    }

    #[test]
    fn latin_ids() {
        assert_eq!(transliterate("ОтделОбр"), "OtdelObr");
        assert_eq!(transliterate("Кураторы"), "Kuratory");
    }

    #[test]
    fn the_same_name_gets_the_same_id_and_two_names_two_ids() {
        let mut p = Parties::default();
        assert_eq!(p.id("Кураторы", false), "Кураторы");
        assert_eq!(p.id("Кураторы", false), "Кураторы");
        assert_eq!(p.id("Кураторы.", false), "Кураторы2");
    }
}
