//! Suggestions for a timing that could not be read: the closest keyword, digits for lookalike letters, the text with its year added.

use pest::Parser as _;

use super::parse::{fold, Rule, TimingParser};

/// «в течение года» → «в течение 2021 года», «28.12» → «28.12.2021».
pub(super) fn with_year(text: &str, y: impl std::fmt::Display) -> String {
    let t = text.trim();
    let lower = fold(t);
    let cyrillic = t.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
    if t.ends_with(|c: char| c.is_ascii_digit() || c == '.') && t.contains('.') {
        return format!("{}.{y}", t.trim_end_matches('.'));
    }
    if let Some(head) = lower.strip_suffix("года") {
        if let Some(orig) = t.get(..head.len()) {
            return format!("{orig}{y} года");
        }
    }
    if let Some(head) = lower.strip_suffix("the year") {
        if let Some(orig) = t.get(..head.len()) {
            return format!("{orig}{y}");
        }
    }
    if cyrillic {
        format!("{t} {y} года")
    } else {
        format!("{t} {y}")
    }
}

/// `found` with letters that look like digits (О, о, O, o → 0; З, з → 3) made
/// digits, when it is a number typed on the wrong keyboard layout («2О22»).
pub(super) fn digits_for_lookalikes(found: &str) -> Option<String> {
    let mut fixed = String::with_capacity(found.len());
    let (mut digits, mut letters) = (false, false);
    for c in found.chars() {
        match c {
            '0'..='9' => {
                digits = true;
                fixed.push(c);
            }
            'О' | 'о' | 'O' | 'o' => {
                letters = true;
                fixed.push('0');
            }
            'З' | 'з' => {
                letters = true;
                fixed.push('3');
            }
            _ => return None,
        }
    }
    (digits && letters).then_some(fixed)
}

/// The keyword closest to a misspelt word («Сентбярь» → «Сентябрь»), if one is close.
pub(super) fn closest_keyword(found: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "январь",
        "января",
        "февраль",
        "февраля",
        "март",
        "марта",
        "апрель",
        "апреля",
        "июнь",
        "июня",
        "июль",
        "июля",
        "август",
        "августа",
        "сентябрь",
        "сентября",
        "октябрь",
        "октября",
        "ноябрь",
        "ноября",
        "декабрь",
        "декабря",
        "января",
        "февраля",
        "квартал",
        "квартала",
        "полугодие",
        "полугодия",
        "года",
        "учебного",
        "учебный",
        "течение",
        "еженедельно",
        "ежемесячно",
        "ежеквартально",
        "ежеполугодно",
        "ежегодно",
        "постоянно",
        "графику",
        "заявкам",
        "четверть",
        "четверти",
        "каникулы",
        "каникул",
        "осенние",
        "зимние",
        "весенние",
        "летние",
        "неделя",
        "недели",
        "числа",
        "каждого",
        "каждый",
        "понедельник",
        "вторник",
        "среду",
        "четверг",
        "пятницу",
        "реализации",
        "итогам",
        "необходимости",
        "поступления",
        "запросу",
        "отдельному",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "quarter",
        "weekly",
        "monthly",
        "quarterly",
        "annually",
        "yearly",
        "during",
        "throughout",
        "continuously",
        "according",
        "schedule",
        "request",
    ];
    let len = found.chars().count();
    if !(4..=20).contains(&len) || !found.chars().all(char::is_alphabetic) {
        return None;
    }
    let lower = fold(found);
    // «годах» is correct Russian: a word the grammar knows is not misspelt.
    if is_keyword(&lower) {
        return None;
    }
    let limit = if len >= 6 { 2 } else { 1 };
    let (word, distance) = WORDS
        .iter()
        .map(|w| (*w, edit_distance(&lower, w)))
        .min_by_key(|(_, d)| *d)?;
    if distance == 0 || distance > limit {
        return None;
    }
    // Keep the writer's capital letter.
    let mut chars = word.chars();
    Some(match (found.chars().next(), chars.next()) {
        (Some(f), Some(first)) if f.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    })
}

/// Whether `word` (case-folded) is one whole keyword of the timing grammar, in
/// any of the forms it accepts.
fn is_keyword(word: &str) -> bool {
    const RULES: &[Rule] = &[
        Rule::month,
        Rule::year_word,
        Rule::k_quarter,
        Rule::k_half,
        Rule::k_term,
        Rule::k_week,
        Rule::k_holidays,
        Rule::season,
        Rule::weekday,
        Rule::l_unit,
        Rule::k_school,
        Rule::k_during,
        Rule::k_by,
        Rule::k_from,
        Rule::k_to,
        Rule::k_and,
        Rule::prep,
        Rule::k_raz,
        Rule::k_per,
        Rule::unit,
        Rule::k_chislo,
        Rule::k_continuous,
        Rule::f_weekly,
        Rule::f_monthly,
        Rule::f_quarterly,
        Rule::f_halfyearly,
        Rule::f_yearly,
        Rule::f_termly,
        Rule::ord_word,
        Rule::cur_year,
        Rule::whole_period,
    ];
    RULES.iter().any(|rule| {
        TimingParser::parse(*rule, word)
            .ok()
            .and_then(|mut pairs| pairs.next())
            .is_some_and(|p| p.as_str().trim_end_matches('.') == word.trim_end_matches('.'))
    })
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = rows.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}
