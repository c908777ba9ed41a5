//! The handlebars templates: built into the binary from `templates/`, each
//! replaced by a file of the same name in `--templates DIR` when there is one.

use super::{helpers, Error};
use crate::lang::Lang;
use handlebars::Handlebars;
use std::path::Path;
use std::sync::Mutex;

/// Every template and partial, by file name.
pub const EMBEDDED: [(&str, &str); 18] = [
    (
        "schedule.md.hbs",
        include_str!("../../templates/schedule.md.hbs"),
    ),
    (
        "schedule.html.hbs",
        include_str!("../../templates/schedule.html.hbs"),
    ),
    (
        "gantt.svg.hbs",
        include_str!("../../templates/gantt.svg.hbs"),
    ),
    (
        "schedule.css.hbs",
        include_str!("../../templates/schedule.css.hbs"),
    ),
    (
        "schedule.mermaid.hbs",
        include_str!("../../templates/schedule.mermaid.hbs"),
    ),
    (
        "graph.dot.hbs",
        include_str!("../../templates/graph.dot.hbs"),
    ),
    (
        "graph.mermaid.hbs",
        include_str!("../../templates/graph.mermaid.hbs"),
    ),
    (
        "status.text.hbs",
        include_str!("../../templates/status.text.hbs"),
    ),
    (
        "status.md.hbs",
        include_str!("../../templates/status.md.hbs"),
    ),
    (
        "status.html.hbs",
        include_str!("../../templates/status.html.hbs"),
    ),
    (
        "rollup.text.hbs",
        include_str!("../../templates/rollup.text.hbs"),
    ),
    (
        "rollup.md.hbs",
        include_str!("../../templates/rollup.md.hbs"),
    ),
    (
        "rollup.html.hbs",
        include_str!("../../templates/rollup.html.hbs"),
    ),
    (
        "status.next.hbs",
        include_str!("../../templates/status.next.hbs"),
    ),
    (
        "remind.ru.hbs",
        include_str!("../../templates/remind.ru.hbs"),
    ),
    (
        "remind.en.hbs",
        include_str!("../../templates/remind.en.hbs"),
    ),
    (
        "remind.subject.ru.hbs",
        include_str!("../../templates/remind.subject.ru.hbs"),
    ),
    (
        "remind.subject.en.hbs",
        include_str!("../../templates/remind.subject.en.hbs"),
    ),
];

/// The text of template `name`: `dir/name` if it exists, else the built-in one.
pub fn source(name: &str, dir: Option<&Path>) -> Result<String, Error> {
    if let Some(dir) = dir {
        // A misspelt folder would silently give the built-in templates.
        if !dir.is_dir() {
            return Err(Error::NoTemplates {
                path: dir.to_path_buf(),
            });
        }
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => return Ok(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::ReadTemplate { path, source }),
        }
    }
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| text.to_string())
        .ok_or_else(|| Error::Template {
            name: name.to_string(),
            message: "no such template".into(),
        })
}

/// How user text is escaped in a template's `{{ }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    Html,
    Markdown,
    MermaidGantt,
    MermaidFlow,
    Dot,
}

/// A registry holding template `main` (registered under its file name) and
/// the `partials` (name used in `{{> name}}`, file name), with the helpers.
/// Compiled once per language, escape and template texts in a process
/// (`watch` and `serve` render again and again); a file of `dir` that changes
/// is compiled again.
pub fn registry(
    lang: Lang,
    escape: Escape,
    dir: Option<&Path>,
    main: &str,
    partials: &[(&str, &str)],
) -> Result<Handlebars<'static>, Error> {
    let mut texts = Vec::with_capacity(partials.len() + 1);
    texts.push((main.to_string(), source(main, dir)?));
    for (name, file) in partials {
        texts.push((name.to_string(), source(file, dir)?));
    }
    let key = Key {
        lang,
        escape,
        files: partials.iter().map(|(_, file)| file.to_string()).collect(),
        texts,
    };
    let mut cache = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, hb)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(hb.clone());
    }
    let hb = compile(&key)?;
    if cache.len() == CACHE_LIMIT {
        cache.remove(0);
    }
    cache.push((key, hb.clone()));
    Ok(hb)
}

/// What a registry is compiled from: the main template first in `texts`
/// (file name, text), then the partials (name, text) from `files`.
#[derive(PartialEq)]
struct Key {
    lang: Lang,
    escape: Escape,
    files: Vec<String>,
    texts: Vec<(String, String)>,
}

/// Registries kept; the oldest goes first. Every built-in combination fits.
const CACHE_LIMIT: usize = 32;

static COMPILED: Mutex<Vec<(Key, Handlebars<'static>)>> = Mutex::new(Vec::new());

fn compile(key: &Key) -> Result<Handlebars<'static>, Error> {
    let mut hb = Handlebars::new();
    helpers::register(&mut hb, key.lang);
    match key.escape {
        Escape::Html => hb.register_escape_fn(handlebars::html_escape),
        Escape::Markdown => hb.register_escape_fn(markdown),
        Escape::MermaidGantt => hb.register_escape_fn(mermaid_gantt),
        Escape::MermaidFlow => hb.register_escape_fn(mermaid_flow),
        Escape::Dot => hb.register_escape_fn(dot),
    }
    let Some(((main, text), partials)) = key.texts.split_first() else {
        return Ok(hb);
    };
    hb.register_template_string(main, text)
        .map_err(|e| Error::Template {
            name: main.to_string(),
            message: e.to_string(),
        })?;
    for ((name, text), file) in partials.iter().zip(&key.files) {
        hb.register_partial(name, text)
            .map_err(|e| Error::Template {
                name: file.to_string(),
                message: e.to_string(),
            })?;
    }
    Ok(hb)
}

/// Markdown table cells: what would end a cell, start markup or HTML is
/// escaped with a backslash; a line break becomes a space.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Mermaid gantt names may hold no `:` (it ends the name), `#` or `;`, and
/// `%%` starts a comment: `: ` becomes ` — `, `:` a ratio sign `∶`, `#` the
/// number sign `№`, `;` a comma.
pub fn mermaid_gantt(s: &str) -> String {
    let s = s.replace(": ", " — ").replace("%%", "% %");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ':' => out.push('∶'),
            '#' => out.push('№'),
            ';' => out.push(','),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Mermaid flowchart labels in `["…"]`: entity codes for `"`, `#`, `<`, `>`, `&`.
pub fn mermaid_flow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#34;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#38;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.replace("%%", "% %")
}

/// Graphviz quoted strings: backslash and quote escaped, line breaks as `\n`.
pub fn dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(markdown("a | b *c*"), "a \\| b \\*c\\*");
        assert_eq!(
            mermaid_gantt("Приказ: № 5 #1; 10:00"),
            "Приказ — № 5 №1, 10∶00"
        );
        assert_eq!(mermaid_flow("«a» \"b\" #1"), "«a» #34;b#34; #35;1");
        assert_eq!(dot("a \"b\" \\"), "a \\\"b\\\" \\\\");
    }

    #[test]
    fn a_changed_template_is_compiled_again() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let render = |text: &str| {
            std::fs::write(dir.path().join("graph.dot.hbs"), text).expect("written");
            registry(
                Lang::Ru,
                Escape::Dot,
                Some(dir.path()),
                "graph.dot.hbs",
                &[],
            )
            .and_then(|hb| {
                hb.render("graph.dot.hbs", &serde_json::json!({ "x": "\"" }))
                    .map_err(|e| Error::Template {
                        name: "graph.dot.hbs".into(),
                        message: e.to_string(),
                    })
            })
            .expect("rendered")
        };
        assert_eq!(render("a {{x}}"), "a \\\"");
        assert_eq!(render("b {{x}}"), "b \\\"");
        assert_eq!(render("a {{x}}"), "a \\\"");
    }

    #[test]
    fn every_builtin_template_compiles() {
        for (name, text) in EMBEDDED {
            let mut hb = Handlebars::new();
            hb.register_template_string(name, text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
