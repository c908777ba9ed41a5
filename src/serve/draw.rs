//! Drawing a roadmap's schedule page, away from the server's state: its size
//! is estimated first and a page past [`MAX_PAGE_BYTES`] is refused with
//! what to do instead, and a panic while drawing becomes a refusal too, so
//! that no roadmap can take the server down.

use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::render::{self, By, Format, Options};
use crate::schedule::{self, calendar::Calendar, Kind, Schedule};
use chrono::NaiveDate;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The largest schedule page the server draws, as estimated before drawing:
/// about 8 000 activities with short titles. A browser slows to a crawl
/// well before; `roadmap schedule --format html -o FILE` writes any size.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// What a row of the table and its bar on the chart take, besides its texts
/// (measured: about 930 bytes an activity with a short title, which
/// appears three times).
const ROW_BYTES: usize = 900;
/// What each more window of an activity with several adds to the chart (a
/// series is drawn as one row with its count).
const WINDOW_BYTES: usize = 100;

/// Why a page was not drawn, with the HTTP status to answer with.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub status: u16,
    pub message: String,
}

/// The page's size in bytes, estimated from the schedule before drawing.
pub fn estimate(schedule: &Schedule) -> usize {
    schedule
        .entries
        .iter()
        .map(|e| {
            let texts = 3 * e.title.len()
                + e.timing.iter().map(String::len).sum::<usize>()
                + e.number.len();
            let windows = match e.kind {
                Kind::Recurring => 0,
                _ => e.windows.len().saturating_sub(1),
            };
            ROW_BYTES
                .saturating_add(texts)
                .saturating_add(windows.saturating_mul(WINDOW_BYTES))
                .saturating_add(e.labels.len().saturating_mul(WINDOW_BYTES))
        })
        .fold(0usize, usize::saturating_add)
}

/// The schedule page of `loaded` (the file at `path`), as `roadmap schedule
/// --format html` draws it; or why not.
pub fn draw(
    loaded: &(Roadmap, Graph),
    path: &str,
    as_of: Option<NaiveDate>,
    lang: Lang,
) -> Result<String, Refused> {
    catch_unwind(AssertUnwindSafe(|| drawn(loaded, path, as_of, lang))).unwrap_or_else(|_| {
        Err(Refused {
            status: 500,
            message: match lang {
                Lang::Ru => format!(
                    "Не удалось нарисовать план-график {path}: внутренняя ошибка программы. Сервер продолжает работу; команда `roadmap schedule {path} --format html` покажет ошибку, сообщите о ней разработчикам."
                ),
                Lang::En => format!(
                    "The schedule of {path} could not be drawn: an internal error. The server goes on; `roadmap schedule {path} --format html` shows the error, please report it."
                ),
            },
        })
    })
}

fn drawn(
    loaded: &(Roadmap, Graph),
    path: &str,
    as_of: Option<NaiveDate>,
    lang: Lang,
) -> Result<String, Refused> {
    let (roadmap, graph) = loaded;
    let schedule = schedule::compute(roadmap, graph, Calendar::russia());
    let size = estimate(&schedule);
    if size > MAX_PAGE_BYTES {
        let rows = schedule.entries.len();
        let (mb, cap) = (megabytes(size, lang), megabytes(MAX_PAGE_BYTES, lang));
        return Err(Refused {
            status: 503,
            message: match lang {
                Lang::Ru => format!(
                    "План-график слишком велик для страницы: {rows} строк, около {mb} МБ (сервер рисует до {cap} МБ). Запишите его в файл: roadmap schedule {path} --format html -o план.html (или --format xlsx)."
                ),
                Lang::En => format!(
                    "The schedule is too large for a page: {rows} rows, about {mb} MB (the server draws up to {cap} MB). Write it to a file: roadmap schedule {path} --format html -o plan.html (or --format xlsx)."
                ),
            },
        });
    }
    let (as_of, period_ended) = crate::state::rollup::judged_on(
        as_of,
        chrono::Local::now().date_naive(),
        crate::state::rollup::period_end(roadmap),
    );
    let options = Options {
        lang,
        as_of,
        period_ended,
        by: By::Section,
        party: None,
        templates: None,
        file: path.to_string(),
        findings: Vec::new(),
        progress: true,
    };
    match render::schedule(Format::Html, roadmap, &schedule, &options) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(err) => Err(Refused {
            status: 200,
            message: err.message(lang),
        }),
    }
}

/// Bytes as megabytes with one decimal, written as the language writes it.
fn megabytes(bytes: usize, lang: Lang) -> String {
    let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    match lang {
        Lang::Ru => text.replace('.', ","),
        Lang::En => text,
    }
}
