//! The text above the table: the title («Дорожная карта по …»), the
//! approval («УТВЕРЖДЕНА приказом … от … № …»), the period in the title;
//! everything else is kept word for word as comments.

use super::table::one_line;

/// What the text above a table gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Preamble {
    pub title: Option<String>,
    pub approval: Option<String>,
    /// Years named in the title: «в 2022 году», «на 2020–2022 годы».
    pub years: Option<(i32, i32)>,
    /// «Цель: …»
    pub goal: Option<String>,
    /// «Задачи:» and the numbered lines under it.
    pub tasks: Vec<String>,
    /// «Контроль исполнения … возложить на …»
    pub controlled_by: Option<String>,
    /// Paragraphs placed nowhere, kept as comments.
    pub rest: Vec<String>,
}

/// «Цель проекта: текст» → «текст» when the line starts with `word`.
fn labelled<'a>(line: &'a str, words: &[&str]) -> Option<&'a str> {
    let (head, value) = line.split_once(':')?;
    let head = head.trim().to_lowercase();
    (words
        .iter()
        .any(|w| head == *w || head.starts_with(&format!("{w} ")))
        && head.chars().count() <= 40)
        .then_some(value.trim())
}

/// «1. …», «2) …», «- …», «• …»: an item of a list; its text.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        return rest
            .strip_prefix(['.', ')'])
            .map(str::trim)
            .filter(|r| !r.is_empty());
    }
    line.strip_prefix(['-', '•', '–', '—'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
}

const APPROVED: &[&str] = &[
    "утверждена",
    "утверждено",
    "утвержден",
    "утверждён",
    "утверждаю",
    "approved",
];

fn starts_with_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.starts_with(w))
}

/// A paragraph that begins a roadmap's title.
pub fn is_title(text: &str) -> bool {
    let lower = text.to_lowercase();
    let lower = lower.trim_start_matches(['«', '"', ' ']);
    lower.starts_with("дорожная карта")
        || lower.starts_with("план мероприятий")
        || lower.starts_with("план-график")
        || lower.starts_with("roadmap")
        || lower.starts_with("road map")
}

/// Reads the paragraphs above the table. In our own workbooks the title is
/// the first row and the next is «Утверждена: … · Период: …».
pub fn read(paragraphs: &[String]) -> Preamble {
    let mut p = Preamble::default();
    let lines: Vec<String> = paragraphs
        .iter()
        .map(|l| one_line(l))
        .filter(|l| !l.is_empty())
        .collect();
    let title_at = lines.iter().position(|l| is_title(l));
    let approval_at = lines.iter().position(|l| starts_with_any(l, APPROVED));
    let mut used = vec![false; lines.len()];
    if let Some(a) = approval_at {
        // «УТВЕРЖДЕНА» and the lines under it, up to the title or a blank
        // in the document (at most four lines).
        let stop = title_at
            .filter(|&t| t > a)
            .unwrap_or(lines.len())
            .min(a + 5);
        let mut parts = Vec::new();
        for (i, line) in lines.iter().enumerate().take(stop).skip(a) {
            used[i] = true;
            parts.push(line.as_str());
        }
        let text = parts.join(" ");
        let text = strip_word(&text, APPROVED);
        let text = text.trim_start_matches([':', ' ']).to_string();
        let (approval, years) = split_meta(&text);
        if !approval.is_empty() {
            p.approval = Some(approval);
        }
        p.years = years;
    }
    let title_at = title_at.or_else(|| {
        (0..lines.len())
            .find(|&i| !used[i])
            .filter(|_| lines.len() <= 3)
    });
    if let Some(t) = title_at {
        let mut parts = Vec::new();
        for (i, line) in lines.iter().enumerate().skip(t) {
            let other = starts_with_any(line, APPROVED)
                || super::rows::section_heading(line).0.is_some()
                || is_meta(line)
                || labelled(line, &["цель", "goal", "задачи", "tasks"]).is_some();
            if used[i] || (i > t && other) {
                break;
            }
            used[i] = true;
            parts.push(line.as_str());
        }
        let title = parts.join(" ");
        p.years = p.years.or(years(&title));
        p.title = Some(title);
    }
    let mut in_tasks = false;
    for (i, line) in lines.iter().enumerate() {
        if used[i] {
            in_tasks = false;
            continue;
        }
        let lower = line.to_lowercase();
        if lower.contains("контроль") && lower.contains("исполнени") && p.controlled_by.is_none()
        {
            if let Some(at) = lower.find("возложить на ") {
                let start = line
                    .char_indices()
                    .nth(lower[..at].chars().count() + "возложить на ".chars().count())
                    .map_or(line.len(), |(b, _)| b);
                let who = line[start..].trim().trim_end_matches('.');
                if !who.is_empty() {
                    p.controlled_by = Some(who.to_string());
                    continue;
                }
            }
        }
        if in_tasks {
            if let Some(item) = list_item(line) {
                p.tasks.push(item.to_string());
                continue;
            }
            in_tasks = false;
        }
        if let Some(goal) = labelled(line, &["цель", "goal"]).filter(|g| !g.is_empty()) {
            if p.goal.is_none() {
                p.goal = Some(goal.to_string());
                continue;
            }
        }
        if let Some(tasks) = labelled(line, &["задачи", "tasks"]) {
            if !tasks.is_empty() {
                p.tasks.push(tasks.to_string());
            }
            in_tasks = true;
            continue;
        }
        if is_meta(line) {
            let (approval, years) = split_meta(line);
            if p.approval.is_none() && !approval.is_empty() {
                p.approval = Some(approval);
            }
            if p.years.is_none() {
                p.years = years;
            }
            continue;
        }
        p.rest.push(line.clone());
    }
    p
}

/// The line under the title in our own workbooks.
fn is_meta(line: &str) -> bool {
    line.contains(" · ") || starts_with_any(line, &["период:", "period:"])
}

/// «Утверждена: X · Период: Y · …» → (X, years of Y).
fn split_meta(line: &str) -> (String, Option<(i32, i32)>) {
    let mut approval = String::new();
    let mut period = None;
    for (i, part) in line.split(" · ").enumerate() {
        let lower = part.to_lowercase();
        if lower.starts_with("период:") || lower.starts_with("period:") {
            period = years(part);
        } else if i == 0 {
            approval = strip_word(part, APPROVED)
                .trim_start_matches([':', ' '])
                .to_string();
        }
    }
    (approval, period)
}

fn strip_word(text: &str, words: &[&str]) -> String {
    let lower = text.to_lowercase();
    for w in words {
        if lower.starts_with(w) {
            // The words are ASCII or Cyrillic; cut by characters.
            return text
                .chars()
                .skip(w.chars().count())
                .collect::<String>()
                .trim()
                .to_string();
        }
    }
    text.to_string()
}

/// The first and last year a text names (1990–2100).
pub fn years(text: &str) -> Option<(i32, i32)> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|b| chars[b]);
            if i - start == 4 && before != Some('.') {
                let year: i32 = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (1990..=2100).contains(&year) {
                    found.push(year);
                }
            }
        } else {
            i += 1;
        }
    }
    Some((*found.iter().min()?, *found.iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn a_signed_document_above_the_table() {
        let p = read(&lines(
            "ПРИКАЗ\nот 14.03.2022 № 52 -а\nУТВЕРЖДЕНА\nприказом отдела образования\nот 14.03.2022 № 52-а\nДорожная карта\nпо реализации проекта «500+»\nобучающихся в 2022 году",
        ));
        assert_eq!(
            p.title.as_deref(),
            Some("Дорожная карта по реализации проекта «500+» обучающихся в 2022 году")
        );
        assert_eq!(
            p.approval.as_deref(),
            Some("приказом отдела образования от 14.03.2022 № 52-а")
        );
        assert_eq!(p.years, Some((2022, 2022)));
        assert_eq!(p.rest, ["ПРИКАЗ", "от 14.03.2022 № 52 -а"]);
    }

    #[test]
    fn goal_tasks_and_who_controls() {
        let p = read(&lines(
            "Цель: повышение качества образования\nЗадачи:\n1. Провести анализ\n2) Разработать программы\n3. Контроль исполнения настоящего приказа возложить на ведущего специалиста (Галак О.А.).\nДорожная карта школы на 2022 год",
        ));
        assert_eq!(p.goal.as_deref(), Some("повышение качества образования"));
        assert_eq!(p.tasks, ["Провести анализ", "Разработать программы"]);
        assert_eq!(
            p.controlled_by.as_deref(),
            Some("ведущего специалиста (Галак О.А.)")
        );
        assert_eq!(p.title.as_deref(), Some("Дорожная карта школы на 2022 год"));
    }

    #[test]
    fn our_own_workbook() {
        let p = read(&lines("Дорожная карта проекта\nУтверждена: приказ № 7 от 14.01.2022 · Период: 1 января 2020 – 31 декабря 2021 · На 2 декабря 2026"));
        assert_eq!(p.title.as_deref(), Some("Дорожная карта проекта"));
        assert_eq!(p.approval.as_deref(), Some("приказ № 7 от 14.01.2022"));
        assert_eq!(p.years, Some((2020, 2021)));
        assert!(p.rest.is_empty());
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(years("на 2020 год"), Some((2020, 2020)));
        assert_eq!(years("на 2020-2022 годы"), Some((2020, 2022)));
        assert_eq!(years("от 14.03.2022"), None);
        assert_eq!(years("проект «500+»"), None);
    }
}
