//! Marks from the browser (`serve --allow-marks`): under a roadmap's
//! schedule, a small form per activity — state, date, confirming document,
//! comment — whose POST is checked as a row of a filled form is
//! (`crate::marks::import::entry`) and appended to the roadmap's `.status`
//! file atomically. A POST must carry the token the server drew at start
//! and come from the server's own origin; its body is capped.

use super::pages::{escape, percent_encode};
use crate::form::layout::{COMMENT, DATE, DOCUMENT, STATE};
use crate::form::Mark;
use crate::lang::Lang;
use crate::marks::import::{self, Entry};
use crate::model::{Activity, Roadmap};
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use subtle::ConstantTimeEq;
use tiny_http::Request;

/// The largest form body read.
pub const MAX_BODY: usize = 64 * 1024;

/// What the server needs to take marks.
pub struct Marks {
    /// Drawn at start; every form carries it and every POST must.
    token: String,
    /// The port the server listens on: a POST's origin must name it.
    port: u16,
    /// One mark is worked out and written at a time, so that two at once
    /// cannot both start from the same status file.
    writing: Mutex<()>,
}

impl Marks {
    /// With a token from the operating system's random source.
    pub fn new(port: u16) -> std::io::Result<Marks> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(Marks {
            token: bytes.iter().map(|b| format!("{b:02x}")).collect(),
            port,
            writing: Mutex::new(()),
        })
    }
}

/// A mark that was not written, and why: the entry as typed, to show it
/// again, and each problem with the field it is about.
pub struct Problem {
    pub entry: Entry,
    pub errors: Vec<(Option<u16>, String)>,
}

/// What a POST comes to.
pub enum Posted {
    /// Refused before reading the mark: the status and a plain-text reason.
    Refused(u16, String),
    /// Written (or nothing new to write).
    Written,
    /// Not written: the page shows why.
    Invalid(Problem),
}

/// A refusal's text in the user's language, on a line of its own.
fn refusal(lang: Lang, ru: impl Into<String>, en: impl Into<String>) -> String {
    let text = match lang {
        Lang::Ru => ru.into(),
        Lang::En => en.into(),
    };
    format!("{text}\n")
}

fn too_large(lang: Lang) -> Posted {
    let kb = MAX_BODY / 1024;
    Posted::Refused(
        413,
        refusal(
            lang,
            format!("Слишком большой запрос: форма больше {kb} КБ"),
            format!("Payload too large: the form is over {kb} KB"),
        ),
    )
}

/// Checks a POST to the page of the roadmap at `plan`, and writes its mark.
pub fn post(request: &mut Request, plan: &Path, marks: &Marks, lang: Lang) -> Posted {
    if !same_origin(request, marks.port) {
        return Posted::Refused(
            403,
            refusal(
                lang,
                "Запрещено: форму можно отправить только со страницы этого сервера",
                "Forbidden: the form must be sent from this server's page",
            ),
        );
    }
    let form = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .is_some_and(|h| {
            h.value
                .as_str()
                .trim()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if !form {
        return Posted::Refused(
            415,
            refusal(
                lang,
                "Неподдерживаемый тип данных: отправьте форму со страницы",
                "Unsupported media type: send the page's form",
            ),
        );
    }
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return too_large(lang);
    }
    let mut body = Vec::new();
    if request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
    {
        return Posted::Refused(
            400,
            refusal(
                lang,
                "Неверный запрос: тело запроса не прочитано",
                "Bad request: the body could not be read",
            ),
        );
    }
    if body.len() > MAX_BODY {
        return too_large(lang);
    }
    let mut token = String::new();
    let mut entry = Entry::default();
    for (key, value) in form_urlencoded::parse(&body) {
        let field = match key.as_ref() {
            "token" => &mut token,
            "activity" => &mut entry.activity,
            "state" => &mut entry.state,
            "date" => &mut entry.date,
            "document" => &mut entry.document,
            "comment" => &mut entry.comment,
            _ => continue,
        };
        *field = value.into_owned();
    }
    if !bool::from(token.as_bytes().ct_eq(marks.token.as_bytes())) {
        return Posted::Refused(
            403,
            refusal(
                lang,
                "Запрещено: у формы нет верного ключа; обновите страницу",
                "Forbidden: the form's token is missing or wrong; reload the page",
            ),
        );
    }
    let _writing = marks
        .writing
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let outcome = match import::entry(plan, &entry) {
        Ok(outcome) => outcome,
        Err(err) => {
            return Posted::Invalid(Problem {
                entry,
                errors: vec![(None, err.message(lang))],
            })
        }
    };
    let errors: Vec<(Option<u16>, String)> = outcome
        .findings
        .iter()
        .filter(|f| f.severity() == crate::code::Severity::Error)
        .map(|f| {
            let help = f.help.as_ref().map(|h| h.get(lang)).unwrap_or_default();
            let message = f.message.get(lang);
            let text = if help.is_empty() {
                message.to_string()
            } else {
                format!("{message}. {help}")
            };
            (Some(f.cell.column), text)
        })
        .collect();
    if !errors.is_empty() {
        return Posted::Invalid(Problem { entry, errors });
    }
    if outcome.added > 0 {
        if let Err(err) = crate::atomic::write_atomically(&outcome.status, &outcome.after) {
            let status = outcome.status.display();
            return Posted::Invalid(Problem {
                entry,
                errors: vec![(
                    None,
                    match lang {
                        Lang::Ru => format!("Не удалось записать {status}: {err}"),
                        Lang::En => format!("Cannot write {status}: {err}"),
                    },
                )],
            });
        }
    }
    Posted::Written
}

/// The POST names this server as its origin: an `Origin` header (which
/// browsers send with every form POST) equal to `http://` and the `Host`,
/// and a `Host` that names the server's port.
fn same_origin(request: &Request, port: u16) -> bool {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().trim().to_ascii_lowercase())
    };
    let (Some(host), Some(origin)) = (header("Host"), header("Origin")) else {
        return false;
    };
    let named_port = host
        .rsplit_once(':')
        .filter(|(name, _)| !name.is_empty() && (!name.starts_with('[') || name.ends_with(']')))
        .and_then(|(_, p)| p.parse::<u16>().ok())
        .unwrap_or(80);
    named_port == port && origin == format!("http://{host}")
}

/// The field a column of the form stands for, as the page names it.
fn field(column: u16, lang: Lang) -> &'static str {
    match (column, lang) {
        (STATE, Lang::Ru) => "Отметка",
        (STATE, Lang::En) => "State",
        (DATE, Lang::Ru) => "Дата",
        (DATE, Lang::En) => "Date",
        (DOCUMENT, Lang::Ru) => "Документ",
        (DOCUMENT, Lang::En) => "Document",
        (COMMENT, Lang::Ru) => "Комментарий",
        (COMMENT, Lang::En) => "Comment",
        (_, Lang::Ru) => "Мероприятие",
        (_, Lang::En) => "Activity",
    }
}

/// Why the last mark was not written, for the top of the page.
pub fn problem_html(problem: &Problem, lang: Lang) -> String {
    let heading = match lang {
        Lang::Ru => format!(
            "Отметка к мероприятию {} не записана:",
            escape(&problem.entry.activity)
        ),
        Lang::En => format!(
            "The mark for activity {} was not written:",
            escape(&problem.entry.activity)
        ),
    };
    let mut out = format!("<div id=\"mark-error\" role=\"alert\"><b>{heading}</b><ul>");
    for (column, message) in &problem.errors {
        match column {
            Some(column) => out.push_str(&format!(
                "<li data-field=\"{}\"><b>{}</b>: {}</li>",
                name_of(*column),
                field(*column, lang),
                escape(message)
            )),
            None => out.push_str(&format!("<li>{}</li>", escape(message))),
        }
    }
    out.push_str("</ul></div>");
    out
}

/// The form's field name of a column.
fn name_of(column: u16) -> &'static str {
    match column {
        STATE => "state",
        DATE => "date",
        DOCUMENT => "document",
        COMMENT => "comment",
        _ => "activity",
    }
}

const CSS: &str = "#roadmap-marks{font:14px/1.4 system-ui,sans-serif;margin:24px 0}
#roadmap-marks table{border-collapse:collapse;width:100%}
#roadmap-marks td,#roadmap-marks th{border-bottom:1px solid #dde3ea;padding:4px 6px;text-align:left;vertical-align:top}
#roadmap-marks form{display:flex;flex-wrap:wrap;gap:4px;margin:0}
#roadmap-marks input,#roadmap-marks select,#roadmap-marks button{font:inherit}
#mark-error{background:#fdecea;border:1px solid #f5b5ae;border-radius:4px;padding:6px 12px;margin:8px 0}
@media print{#roadmap-marks form{display:none}}";

/// What the status file says of an activity now, in a few words.
fn marked(activity: &Activity, lang: Lang) -> String {
    let marks = &activity.facts.marks;
    let state = |mark: Mark| match lang {
        Lang::Ru => mark.ru(),
        Lang::En => mark.en(),
    };
    let dmy = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    let mut out = Vec::new();
    if let Some(c) = &marks.cancelled {
        out.push(match c.date {
            Some(d) => format!("{} {}", state(Mark::Cancelled), dmy(d)),
            None => state(Mark::Cancelled).to_string(),
        });
    }
    if let Some(done) = marks.done.last() {
        let mut text = format!("{} {}", state(Mark::Done), dmy(done.date));
        if !done.evidence.is_empty() {
            text.push_str(&format!(" — {}", done.evidence));
        }
        out.push(text);
    } else if let Some((d, _)) = marks.started {
        out.push(format!("{} {}", state(Mark::Started), dmy(d)));
    }
    if let Some(to) = &marks.rescheduled {
        out.push(format!("{}: {}", state(Mark::Rescheduled), to.text));
    }
    out.join("; ")
}

/// The forms under a roadmap's schedule (`name` is its page's name): one
/// row per activity, with what is marked now and a form to add a mark.
pub fn section(name: &str, roadmap: &Roadmap, marks: &Marks, lang: Lang) -> String {
    let (heading, note, number, activity, now, mark, send, date, document, comment) = match lang
    {
        Lang::Ru => (
            "Отметки о выполнении",
            "Отметка добавляется в файл отметок (.status) рядом с дорожной картой, с теми же проверками, что и отметка, внесённая вручную.",
            "№",
            "Мероприятие",
            "Отмечено",
            "Новая отметка",
            "Отметить",
            "ДД.ММ.ГГГГ",
            "подтверждающий документ",
            "комментарий",
        ),
        Lang::En => (
            "Progress marks",
            "A mark is added to the status file (.status) beside the roadmap, checked as a mark written by hand.",
            "No.",
            "Activity",
            "Marked",
            "New mark",
            "Mark",
            "DD.MM.YYYY",
            "confirming document",
            "comment",
        ),
    };
    let action = format!("/r/{}", percent_encode(name));
    let options: String = Mark::ALL
        .iter()
        .map(|m| {
            let shown = match lang {
                Lang::Ru => m.ru(),
                Lang::En => m.en(),
            };
            format!("<option value=\"{}\">{shown}</option>", m.ru())
        })
        .collect();
    let mut out = format!(
        "<section id=\"roadmap-marks\"><style>{CSS}</style><h2>{heading}</h2><p>{note}</p><table><thead><tr><th>{number}</th><th>{activity}</th><th>{now}</th><th>{mark}</th></tr></thead><tbody>"
    );
    for a in &roadmap.activities {
        let n = escape(&a.number.text);
        out.push_str(&format!(
            "<tr id=\"mark-{n}\"><td>{n}</td><td>{}</td><td class=\"marked\">{}</td><td><form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"activity\" value=\"{n}\"><select name=\"state\" aria-label=\"{}\">{options}</select><input name=\"date\" size=\"10\" placeholder=\"{date}\" aria-label=\"{}\"><input name=\"document\" placeholder=\"{document}\" aria-label=\"{}\"><input name=\"comment\" placeholder=\"{comment}\" aria-label=\"{}\"><button type=\"submit\">{send}</button></form></td></tr>",
            escape(&a.title),
            escape(&marked(a, lang)),
            marks.token,
            field(STATE, lang),
            field(DATE, lang),
            field(DOCUMENT, lang),
            field(COMMENT, lang),
        ));
    }
    out.push_str("</tbody></table></section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_from_start_to_start() {
        let (a, b) = (Marks::new(8080).unwrap(), Marks::new(8080).unwrap());
        assert_eq!(a.token.len(), 64);
        assert_ne!(a.token, b.token);
    }
}
