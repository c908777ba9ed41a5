//! The description of a cell: its words with the targets cut out.

/// The text without the brackets that lost their pair with a target cut
/// out: «2 раза в год (октябрь, апрель)» keeps «октябрь, апрель».
fn balanced(text: &str) -> String {
    let mut open = Vec::new();
    let mut drop = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(_) => {}
                None => drop.push(i),
            },
            _ => {}
        }
    }
    drop.extend(open);
    text.char_indices()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, c)| c)
        .collect()
}

/// The cell without its targets: what the quantities are of.
pub(super) fn describe(original: &str, spans: &[std::ops::Range<usize>]) -> String {
    let mut rest = String::new();
    let mut at = 0;
    for span in spans {
        rest.push_str(original.get(at..span.start).unwrap_or_default());
        rest.push(' ');
        at = span.end;
    }
    rest.push_str(original.get(at..).unwrap_or_default());
    let words: Vec<&str> = rest.split_whitespace().collect();
    let rest = balanced(&words.join(" ").replace("( )", " ").replace("()", " "));
    let words: Vec<&str> = rest.split_whitespace().collect();
    let joined = words.join(" ");
    let tidy = joined
        .replace(" ,", ",")
        .replace(" ;", ";")
        .trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '-' | '—' | '–' | '.' | ' ' | '='))
        .to_string();
    // A description left all in brackets: «(октябрь, апрель)».
    let tidy = match tidy.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim().to_string(),
        _ => tidy,
    };
    let connective = tidy.split_whitespace().all(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
            "" | "и" | "а" | "также" | "and" | "also"
        )
    });
    if connective {
        String::new()
    } else {
        tidy
    }
}
