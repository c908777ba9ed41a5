//! The pages: the index, a roadmap's page (its schedule under a bar with
//! the findings), the roll-up, `/status.json`, and the live script.

use super::state::{Page, Shared, State};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::state::rollup;
use std::sync::Arc;

/// The script every page loads: it follows the page's event stream and, on
/// a new version, fetches the page again and swaps head and body in place.
pub(super) const LIVE_JS: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.dataset.version;
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        document.title = page.title;
        document.head.replaceWith(page.head);
        document.body.replaceWith(page.body);
        window.roadmapUpdates = (window.roadmapUpdates || 0) + 1;
        document.dispatchEvent(new Event("roadmap:updated"));
      })
      .catch(function () { location.reload(); })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var events = new EventSource(me.dataset.events);
  events.onmessage = function (event) {
    if (event.data !== version) { version = event.data; refresh(); }
  };
})();
"#;

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A name as a URL path: every byte but letters, digits, `-._~/` as `%XX`.
pub(super) fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn live_script(events: &str, version: u64) -> String {
    format!(
        "<script src=\"/live.js\" data-events=\"{}\" data-version=\"{version}\"></script>",
        escape(events)
    )
}

const BAR_CSS: &str = "#roadmap-live{font:14px/1.4 system-ui,sans-serif;margin:0 0 12px;padding:8px 12px;border-radius:4px;background:#eef3f8;border:1px solid #c9d6e3;color:#1b2733}
#roadmap-live.errors{background:#fdecea;border-color:#f5b5ae}
#roadmap-live.warnings{background:#fff6e0;border-color:#f0d48a}
#roadmap-live a{color:inherit}
#roadmap-live pre{font:12px/1.35 ui-monospace,monospace;white-space:pre-wrap;margin:8px 0 0;max-height:50vh;overflow:auto;background:#fff;padding:8px;border-radius:3px}
#roadmap-live p{margin:6px 0 0}
@media print{#roadmap-live{display:none}}";

fn plural(lang: Lang, n: usize, ru: [&str; 3], en: [&str; 2]) -> String {
    let n64 = n as u64;
    match lang {
        Lang::Ru => format!("{n} {}", crate::lang::plural_ru(n64, ru[0], ru[1], ru[2])),
        Lang::En => format!("{n} {}", crate::lang::plural_en(n64, en[0], en[1])),
    }
}

fn errors_text(lang: Lang, n: usize) -> String {
    plural(lang, n, ["ошибка", "ошибки", "ошибок"], ["error", "errors"])
}

fn warnings_text(lang: Lang, n: usize) -> String {
    plural(
        lang,
        n,
        ["предупреждение", "предупреждения", "предупреждений"],
        ["warning", "warnings"],
    )
}

/// The bar above a roadmap's schedule: where it is, when it was checked,
/// and the findings.
fn bar(name: &str, page: &Page, lang: Lang) -> String {
    let class = if page.errors > 0 {
        "errors"
    } else if page.warnings > 0 {
        "warnings"
    } else {
        "clean"
    };
    let all = match lang {
        Lang::Ru => "← все дорожные карты",
        Lang::En => "← all roadmaps",
    };
    let state = match (page.errors, page.warnings) {
        (0, 0) => match lang {
            Lang::Ru => "ошибок нет".to_string(),
            Lang::En => "no errors".to_string(),
        },
        (e, w) => format!("{}, {}", errors_text(lang, e), warnings_text(lang, w)),
    };
    let checked = match lang {
        Lang::Ru => format!("проверено в {}", page.checked),
        Lang::En => format!("checked at {}", page.checked),
    };
    let mut out = format!(
        "<div id=\"roadmap-live\" class=\"{class}\" data-version=\"{}\"><style>{BAR_CSS}</style><a href=\"/\">{all}</a> · <b>{}</b> · {checked} · <span class=\"state\">{state}</span>",
        page.version,
        escape(name)
    );
    if page.errors > 0 && page.roadmap {
        out.push_str(&match (&page.good, lang) {
            (Some((_, at)), Lang::Ru) => format!(
                "<p class=\"stale\">Ниже — последний план-график без ошибок (от {at}); исправьте ошибки, и он обновится.</p>"
            ),
            (Some((_, at)), Lang::En) => format!(
                "<p class=\"stale\">Below is the last schedule made without errors (from {at}); fix the errors and it updates.</p>"
            ),
            (None, Lang::Ru) => "<p class=\"stale\">План-графика ещё нет: исправьте ошибки.</p>".to_string(),
            (None, Lang::En) => "<p class=\"stale\">No schedule yet: fix the errors.</p>".to_string(),
        });
    }
    if let Some(Err(refused)) = page.drawn() {
        out.push_str(&format!(
            "<p class=\"render-error\">{}</p>",
            escape(&refused.message)
        ));
    }
    if !page.roadmap && page.errors == 0 {
        out.push_str(match lang {
            Lang::Ru => "<p>Файл без заголовка дорожной карты (например, только участники): его подключают другие карты.</p>",
            Lang::En => "<p>A file without a roadmap header (parties only, say): other roadmaps include it.</p>",
        });
    }
    if !page.report.is_empty() {
        out.push_str(&format!(
            "<pre class=\"diagnostics\">{}</pre>",
            escape(&page.report)
        ));
    }
    out.push_str("</div>");
    out
}

/// A roadmap's page: its last good schedule with the bar inserted at the top
/// of the body and the live script at the end; or the bar alone.
/// `top` goes under the bar, `bottom` under the schedule.
pub(super) fn roadmap_page(name: &str, page: &Page, lang: Lang, top: &str, bottom: &str) -> String {
    let bar = format!("{}{top}", bar(name, page, lang));
    let script = format!(
        "{bottom}{}",
        live_script(&format!("/events/{}", percent_encode(name)), page.version)
    );
    let Some(Ok(html)) = page.drawn() else {
        let title = page.title.as_deref().unwrap_or(name);
        return bare_page(title, &format!("{bar}{script}"), lang);
    };
    let mut out = String::with_capacity(html.len() + bar.len() + script.len());
    let body = html
        .find("<body")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1));
    let end = html.rfind("</body>");
    match (body, end) {
        (Some(body), Some(end)) if body <= end => {
            out.push_str(&html[..body]);
            out.push_str(&bar);
            out.push_str(&html[body..end]);
            out.push_str(&script);
            out.push_str(&html[end..]);
        }
        _ => {
            out.push_str(&bar);
            out.push_str(html);
            out.push_str(&script);
        }
    }
    out
}

fn bare_page(title: &str, body: &str, lang: Lang) -> String {
    let lang = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font:15px/1.45 system-ui,sans-serif;margin:24px;color:#1b2733}}table{{border-collapse:collapse}}th,td{{text-align:left;padding:4px 10px;border-bottom:1px solid #dde3ea;vertical-align:top}}td.n{{text-align:right}}.errors{{color:#b3261e}}.warnings{{color:#8a5a00}}.clean{{color:#1e7b34}}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

pub(super) fn missing_page(name: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::Ru => format!(
            "<p><a href=\"/\">← все дорожные карты</a></p><h1>Нет файла {}</h1><p>Страница откроется сама, когда файл появится.</p>",
            escape(name)
        ),
        Lang::En => format!(
            "<p><a href=\"/\">← all roadmaps</a></p><h1>No file {}</h1><p>The page opens by itself when the file appears.</p>",
            escape(name)
        ),
    };
    let script = live_script(&format!("/events/{}", percent_encode(name)), 0);
    bare_page(name, &format!("{text}{script}"), lang)
}

/// The index: every file under PATH, its title, and how it checks.
pub(super) fn index(state: &State, root: &str, lang: Lang) -> String {
    let (errors, warnings) = state
        .pages
        .values()
        .fold((0, 0), |(e, w), p| (e + p.errors, w + p.warnings));
    let (heading, file, roadmap, activities, status) = match lang {
        Lang::Ru => (
            "Дорожные карты",
            "Файл",
            "Дорожная карта",
            "Мероприятий",
            "Проверка",
        ),
        Lang::En => ("Roadmaps", "File", "Roadmap", "Activities", "Check"),
    };
    let mut out = format!(
        "<h1>{heading}: {}</h1>\n<p>{}: {}, {} · {}</p>\n",
        escape(root),
        plural(
            lang,
            state.pages.len(),
            ["файл", "файла", "файлов"],
            ["file", "files"]
        ),
        errors_text(lang, errors),
        warnings_text(lang, warnings),
        match lang {
            Lang::Ru => format!("проверено в {}", state.checked),
            Lang::En => format!("checked at {}", state.checked),
        }
    );
    if state.pages.values().any(|p| p.roadmap) {
        out.push_str(match lang {
            Lang::Ru => {
                "<p><a href=\"/rollup\">Сводный мониторинг: все планы на сегодня →</a></p>\n"
            }
            Lang::En => "<p><a href=\"/rollup\">Roll-up: every plan as of today →</a></p>\n",
        });
    }
    if state.pages.is_empty() {
        out.push_str(match lang {
            Lang::Ru => "<p>Файлов .roadmap пока нет.</p>\n",
            Lang::En => "<p>No .roadmap files yet.</p>\n",
        });
    } else {
        out.push_str(&format!(
            "<table>\n<thead><tr><th>{file}</th><th>{roadmap}</th><th>{activities}</th><th>{status}</th></tr></thead>\n<tbody>\n"
        ));
        for (name, page) in &state.pages {
            let (class, check) = match (page.errors, page.warnings) {
                (0, 0) => ("clean", "✓".to_string()),
                (0, w) => ("warnings", warnings_text(lang, w)),
                (e, 0) => ("errors", errors_text(lang, e)),
                (e, w) => (
                    "errors",
                    format!("{}, {}", errors_text(lang, e), warnings_text(lang, w)),
                ),
            };
            let title = match (&page.title, page.roadmap) {
                (Some(title), _) => escape(title),
                (None, false) => match lang {
                    Lang::Ru => "<i>подключаемый файл</i>".to_string(),
                    Lang::En => "<i>included file</i>".to_string(),
                },
                (None, true) => String::new(),
            };
            out.push_str(&format!(
                "<tr><td><a href=\"/r/{}\">{}</a></td><td>{title}</td><td class=\"n\">{}</td><td class=\"{class}\">{check}</td></tr>\n",
                percent_encode(name),
                escape(name),
                if page.roadmap { page.activities.to_string() } else { String::new() },
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str(&live_script("/events", state.version));
    bare_page(&format!("{heading}: {root}"), &out, lang)
}

/// A plan as the roll-up judges it: its name, the roadmap as last checked,
/// and the templates it extends.
pub(super) type Plan = (String, Arc<(Roadmap, Graph)>, Vec<String>);

/// The plans to roll up, taken out of the state so that the roll-up is made
/// while other requests are answered.
pub(super) fn plans(state: &State) -> Vec<Plan> {
    state
        .pages
        .iter()
        .filter_map(|(name, page)| {
            let current = page.current.as_ref()?;
            Some((name.clone(), Arc::clone(current), page.templates.clone()))
        })
        .collect()
}

/// The roll-up of every plan whose last check found no error, as `roadmap
/// status PATH --format html` makes it, following the tree's events
/// (`version`).
pub(super) fn rollup_page(plans: &[Plan], version: u64, shared: &Shared) -> String {
    let lang = shared.lang;
    let candidates = plans
        .iter()
        .map(|(name, current, templates)| rollup::Candidate {
            file: name.clone(),
            roadmap: &current.0,
            graph: &current.1,
            templates: templates.clone(),
        })
        .collect();
    let ask = rollup::Ask {
        folder: &shared.root,
        party: None,
        as_of: shared.as_of,
        today: chrono::Local::now().date_naive(),
        within: crate::state::DUE_SOON_DAYS,
        files: false,
        lang,
    };
    let root = std::path::Path::new(&shared.root);
    let rollup = rollup::rollup(candidates, &ask, |template| {
        let path = crate::data::beside(&root.join(template))?;
        let (header, rows) = crate::data::read(&path).ok()?;
        Some(crate::data::Table {
            file: path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string(),
            header,
            rows,
        })
    });
    let all = match lang {
        Lang::Ru => "← все дорожные карты",
        Lang::En => "← all roadmaps",
    };
    let bar = format!("<p><a href=\"/\">{all}</a></p>");
    let script = live_script("/events", version);
    match rollup::render(&rollup, crate::state::report::Format::Html, None) {
        Ok(html) => match (html.find("<body>"), html.rfind("</body>")) {
            (Some(body), Some(end)) if body < end => {
                let body = body + "<body>".len();
                format!(
                    "{}{bar}{}{script}{}",
                    &html[..body],
                    &html[body..end],
                    &html[end..]
                )
            }
            _ => format!("{bar}{html}{script}"),
        },
        Err(err) => bare_page(
            "roll-up",
            &format!(
                "{bar}<p class=\"errors\">{}</p>{script}",
                escape(&err.message(lang))
            ),
            lang,
        ),
    }
}

pub(super) fn status_json(state: &State) -> String {
    let files: Vec<serde_json::Value> = state
        .pages
        .iter()
        .map(|(name, page)| {
            serde_json::json!({
                "name": name,
                "path": page.path,
                "url": format!("/r/{}", percent_encode(name)),
                "title": page.title,
                "roadmap": page.roadmap,
                "activities": page.activities,
                "errors": page.errors,
                "warnings": page.warnings,
                "good": page.good.as_ref().map(|(_, at)| at),
                "checked": page.checked,
                "version": page.version,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&serde_json::json!({
        "version": state.version,
        "checked": state.checked,
        "files": files,
    }))
    .unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::state::Good;

    #[test]
    fn names_survive_the_url() {
        let name = "школы/м 01/план #1.roadmap";
        let url = percent_encode(name);
        assert!(url.is_ascii() && !url.contains(' ') && !url.contains('#'));
        assert_eq!(percent_decode(&url).as_deref(), Some(name));
        assert_eq!(percent_decode("/r/%zz"), None);
        assert_eq!(percent_decode("/r/%D0"), None, "half a character");
    }

    #[test]
    fn the_bar_goes_into_the_body() {
        let run = crate::run::check_bytes(
            "a.roadmap".into(),
            "дорожная карта: A\nпериод: 2022\n\nмероприятие 1. Б\n  срок: до 01.03.2022\n".into(),
        );
        let loaded = run.roadmaps.into_iter().next().expect("a roadmap");
        let good = Good::new(Arc::new(loaded));
        let html = "<!DOCTYPE html><html><head></head><body class=\"x\"><h1>A</h1></body></html>";
        let _ = good.page.set(Ok(html.into()));
        let page = Page {
            path: "a.roadmap".into(),
            title: Some("A".into()),
            roadmap: true,
            activities: 1,
            good: Some((Arc::new(good), "10:00:00".into())),
            report: "× error <script>".into(),
            errors: 1,
            warnings: 0,
            checked: "10:00:05".into(),
            version: 7,
            current: None,
            templates: Vec::new(),
        };
        let html = roadmap_page("a.roadmap", &page, Lang::En, "", "");
        let bar = html.find("id=\"roadmap-live\"").unwrap();
        assert!(html.find("<body class=\"x\">").unwrap() < bar);
        assert!(bar < html.find("<h1>A</h1>").unwrap());
        assert!(html.contains("&lt;script&gt;"), "the findings are escaped");
        assert!(html.contains("last schedule made without errors (from 10:00:00)"));
        assert!(
            html.contains("data-events=\"/events/a.roadmap\" data-version=\"7\"></script></body>")
        );
    }
}
