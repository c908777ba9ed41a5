//! `roadmap serve PATH [--port N] [--bind ADDR]`: a local web server with an
//! index of every roadmap under PATH and, per roadmap, its schedule page (the
//! table and the Gantt chart of `roadmap schedule --format html`). Every page
//! follows its files: on each save the server re-checks what the save
//! touches and tells the open pages through Server-Sent Events; a page then
//! fetches itself again and swaps its content in place, scroll kept. When a
//! file is broken, the page shows the findings above the last good schedule.
//!
//! | path | what |
//! |---|---|
//! | `/` | the index |
//! | `/r/NAME` | a roadmap's page (NAME relative to PATH) |
//! | `/rollup` | the roll-up of every plan, as `roadmap status PATH --format html` |
//! | `/events`, `/events/NAME` | `text/event-stream`: a version number, sent again on every change |
//! | `/status.json` | every file's version, title and counts |
//! | `/live.js` | the script that follows the events |
//!
//! Only loopback is served unless `--bind` says otherwise, and then (for a
//! loopback address) a request must name a loopback host, so that a web
//! page elsewhere cannot read the roadmaps through DNS rebinding.

use super::watch::{self as watching, Loop, Settings};
use super::{Env, CLEAN, FAILURE};
use crate::diagnostic::{Human, Report};
use crate::graph::Graph;
use crate::lang::Lang;
use crate::model::Roadmap;
use crate::render::Format;
use crate::render::{self, By, Options};
use crate::schedule::{self, calendar::Calendar};
use crate::state::rollup;
use crate::text;
use crate::watch::{self, Checked};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub settings: Settings,
    /// The port to listen on; 0 picks a free one. The URL is printed.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on: loopback (127.0.0.1) unless another is given,
    /// e.g. 0.0.0.0 for every network interface.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
}

/// How often an idle event stream says it is alive (and learns whether the
/// page is still there).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The script every page loads: it follows the page's event stream and, on
/// a new version, fetches the page again and swaps head and body in place.
const LIVE_JS: &str = r#"(function () {
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

/// One file as the pages show it.
struct Page {
    /// The file, as found under PATH.
    path: String,
    title: Option<String>,
    /// A roadmap (not a file of parties only).
    roadmap: bool,
    activities: usize,
    /// The last version without errors, and when it was checked.
    good: Option<(Good, String)>,
    /// The findings, as `check` prints them without colour.
    report: String,
    errors: usize,
    warnings: usize,
    /// Why the schedule could not be made, when the roadmap is fine.
    render_error: Option<String>,
    /// When it was last checked.
    checked: String,
    /// [`State::version`] at its last check.
    version: u64,
    /// The roadmap as last checked, errors and all: what the roll-up judges.
    current: Option<Arc<(Roadmap, Graph)>>,
    /// The templates it extends, by name, from the one it names to the root.
    templates: Vec<String>,
}

/// A schedule page is made when it is first asked for (a thousand plans
/// are checked in a second, and their pages would take half a minute), and
/// kept until the roadmap changes.
enum Good {
    Pending(Arc<(Roadmap, Graph)>),
    Html(String),
}

struct State {
    pages: BTreeMap<String, Page>,
    /// Goes up on every re-check.
    version: u64,
    checked: String,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    lang: Lang,
    /// PATH, as named.
    root: String,
    /// Requests must name a loopback host.
    loopback: bool,
    as_of: Option<NaiveDate>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// How many requests are answered at once (each open page holds one for
/// its event stream).
const MAX_CONNECTIONS: usize = 64;

/// One request being answered; counted while it lives.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn new(active: &Arc<AtomicUsize>) -> Busy {
        active.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(active))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

pub fn run(args: &Args, env: &Env) -> i32 {
    let lang = env.lang;
    let address = SocketAddr::new(args.bind, args.port);
    let server = match Server::http(address) {
        Ok(server) => server,
        Err(err) => {
            eprintln!(
                "{}",
                text!(
                    ru: "ошибка: не удалось открыть {}: {}", address, err;
                    en: "error: cannot listen on {}: {}", address, err
                )
                .get(lang)
            );
            return FAILURE;
        }
    };
    let bound = server.server_addr().to_ip().unwrap_or(address);
    let mut watching = match Loop::start(&args.settings, None, env) {
        Ok(watching) => watching,
        Err(code) => return code,
    };
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            pages: BTreeMap::new(),
            version: 0,
            checked: String::new(),
        }),
        changed: Condvar::new(),
        lang,
        root: args.settings.path.display().to_string(),
        loopback: args.bind.is_loopback(),
        as_of: args.settings.as_of,
    });
    let first = watching.check_all();
    watching::print(&first, env);
    apply(&shared, first, lang);

    let server = Arc::new(server);
    {
        let shared = Arc::clone(&shared);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            let active = Arc::new(AtomicUsize::new(0));
            for request in server.incoming_requests() {
                // Each request (an event stream for as long as a page is
                // open) holds a thread: past the bound, a busy answer.
                if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    respond(
                        request,
                        503,
                        "text/plain; charset=utf-8",
                        "Too many connections; try again later\n",
                    );
                    continue;
                }
                let busy = Busy::new(&active);
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _busy = busy;
                    handle(request, &shared)
                });
            }
        });
    }
    let shown = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    println!("http://{}/", SocketAddr::new(shown, bound.port()));
    let _ = std::io::stdout().flush();
    if !args.bind.is_loopback() {
        eprintln!(
            "{}",
            text!(
                ru: "внимание: страницы видны всем, кто может обратиться к {}", bound;
                en: "note: the pages are open to anyone who can reach {}", bound
            )
            .get(lang)
        );
    }

    while let Some(checked) = watching.next(lang) {
        watching::print(&checked, env);
        apply(&shared, checked, lang);
    }
    server.unblock();
    eprintln!(
        "{}",
        text!(ru: "[{}] остановлено", watch::timestamp(); en: "[{}] stopped", watch::timestamp())
            .get(lang)
    );
    CLEAN
}

/// Takes a re-check into the pages and wakes the event streams.
fn apply(shared: &Shared, checked: Checked, lang: Lang) {
    let time = watch::timestamp();
    let reports: Vec<String> = checked
        .files
        .iter()
        .map(|file| {
            let diagnostics = checked.diagnostics_of(file);
            if diagnostics.is_empty() {
                return String::new();
            }
            Human::plain(lang).render(&Report {
                sources: &checked.sources,
                diagnostics: &diagnostics,
                files: 1,
                activities: 0,
            })
        })
        .collect();
    let mut state = shared.lock();
    state.version += 1;
    let version = state.version;
    state.checked = time.clone();
    for (_, name) in &checked.removed {
        state.pages.remove(name);
    }
    let root = std::path::Path::new(&shared.root);
    let name_of = |id: crate::source::FileId| {
        let path = &checked.sources.get(id).path;
        let relative = path.strip_prefix(root).unwrap_or(path);
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.is_empty() {
            path.to_string_lossy().into_owned()
        } else {
            name
        }
    };
    for (file, report) in checked.files.into_iter().zip(reports) {
        let roadmap = file.roadmap.as_ref().map(|(r, _)| r);
        let templates = roadmap
            .and_then(|r| r.extension.as_ref())
            .map(|e| e.chain.iter().map(|&id| name_of(id)).collect())
            .unwrap_or_default();
        let mut page = Page {
            path: file.path.display().to_string(),
            title: roadmap
                .and_then(|r| r.title.as_ref())
                .map(|t| t.text.clone()),
            roadmap: roadmap.is_some(),
            activities: roadmap.map_or(0, |r| r.activities.len()),
            good: None,
            report,
            errors: file.errors,
            warnings: file.warnings,
            render_error: None,
            checked: time.clone(),
            version,
            current: None,
            templates,
        };
        let old = state.pages.remove(&file.name);
        let loaded = file.roadmap.map(Arc::new);
        page.current = loaded.clone();
        page.good = match loaded {
            Some(loaded) if file.errors == 0 => Some((Good::Pending(loaded), time.clone())),
            Some(_) => old.and_then(|old| old.good),
            None => None,
        };
        state.pages.insert(file.name, page);
    }
    drop(state);
    shared.changed.notify_all();
}

/// Makes a page's schedule if it is not made yet.
fn make(page: &mut Page, as_of: Option<NaiveDate>, lang: Lang) {
    let Some((good, _)) = &mut page.good else {
        return;
    };
    let Good::Pending(loaded) = good else {
        return;
    };
    let (roadmap, graph) = &**loaded;
    let schedule = schedule::compute(roadmap, graph, Calendar::russia());
    let options = Options {
        lang,
        as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        by: By::Section,
        party: None,
        templates: None,
        file: page.path.clone(),
        findings: Vec::new(),
    };
    match render::schedule(Format::Html, roadmap, &schedule, &options) {
        Ok(bytes) => {
            *good = Good::Html(String::from_utf8_lossy(&bytes).into_owned());
            page.render_error = None;
        }
        Err(err) => {
            page.render_error = Some(err.message(lang));
            page.good = None;
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

/// What a page may load: its own styles and the live script, nothing from
/// elsewhere.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

fn respond(request: Request, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("Content-Security-Policy", CSP));
    let _ = request.respond(response);
}

const HTML: &str = "text/html; charset=utf-8";

fn handle(request: Request, shared: &Shared) {
    let lang = shared.lang;
    if shared.loopback && !loopback_host(&request) {
        return respond(
            request,
            403,
            "text/plain; charset=utf-8",
            "Forbidden: this server answers to localhost only\n",
        );
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            "Method not allowed\n",
        );
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = percent_decode(path) else {
        return respond(request, 400, "text/plain; charset=utf-8", "Bad path\n");
    };
    match path.as_str() {
        "/" => {
            let body = index(&shared.lock(), &shared.root, lang);
            respond(request, 200, HTML, body)
        }
        "/live.js" => respond(request, 200, "text/javascript; charset=utf-8", LIVE_JS),
        "/status.json" => {
            let body = status_json(&shared.lock());
            respond(request, 200, "application/json", body)
        }
        "/events" => events(request, shared, None),
        "/rollup" => {
            let body = rollup_page(&shared.lock(), shared);
            respond(request, 200, HTML, body)
        }
        "/favicon.ico" => respond(request, 404, "text/plain", ""),
        _ => {
            if let Some(name) = path.strip_prefix("/events/") {
                events(request, shared, Some(name.to_string()))
            } else if let Some(name) = path.strip_prefix("/r/") {
                let mut state = shared.lock();
                let (status, body) = match state.pages.get_mut(name) {
                    Some(page) => {
                        make(page, shared.as_of, lang);
                        (200, roadmap_page(name, page, lang))
                    }
                    None => (404, missing_page(name, lang)),
                };
                drop(state);
                respond(request, status, HTML, body)
            } else {
                respond(request, 404, HTML, missing_page(&path, lang))
            }
        }
    }
}

/// The `Host` a request names is a loopback one (or it names none).
fn loopback_host(request: &Request) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().trim().to_ascii_lowercase())
    else {
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An event stream: the version of one page (`0` while there is no such
/// file) or of the whole tree, now and after every change.
fn events(request: Request, shared: &Shared, name: Option<String>) {
    let version = |state: &State| match &name {
        Some(name) => state.pages.get(name).map_or(0, |p| p.version),
        None => state.version,
    };
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    let mut sent: Option<u64> = None;
    loop {
        let state = shared.lock();
        let (state, _) = shared
            .changed
            .wait_timeout_while(state, KEEP_ALIVE, |s| Some(version(s)) == sent)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = version(&state);
        drop(state);
        let message = if Some(now) == sent {
            ": alive\n\n".to_string()
        } else {
            sent = Some(now);
            format!("data: {now}\n\n")
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

fn escape(text: &str) -> String {
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
fn percent_encode(name: &str) -> String {
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

fn percent_decode(path: &str) -> Option<String> {
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
    if let Some(err) = &page.render_error {
        out.push_str(&format!("<p class=\"render-error\">{}</p>", escape(err)));
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
fn roadmap_page(name: &str, page: &Page, lang: Lang) -> String {
    let bar = bar(name, page, lang);
    let script = live_script(&format!("/events/{}", percent_encode(name)), page.version);
    let Some((Good::Html(html), _)) = &page.good else {
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

fn missing_page(name: &str, lang: Lang) -> String {
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
fn index(state: &State, root: &str, lang: Lang) -> String {
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

/// The roll-up of every plan whose last check found no error, as `roadmap
/// status PATH --format html` makes it, following the tree's events.
fn rollup_page(state: &State, shared: &Shared) -> String {
    let lang = shared.lang;
    let candidates = state
        .pages
        .iter()
        .filter_map(|(name, page)| {
            let (roadmap, graph) = &**page.current.as_ref()?;
            Some(rollup::Candidate {
                file: name.clone(),
                roadmap,
                graph,
                templates: page.templates.clone(),
            })
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
    let script = live_script("/events", state.version);
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

fn status_json(state: &State) -> String {
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
        let page = Page {
            path: "a.roadmap".into(),
            title: Some("A".into()),
            roadmap: true,
            activities: 1,
            good: Some((
                Good::Html(
                    "<!DOCTYPE html><html><head></head><body class=\"x\"><h1>A</h1></body></html>"
                        .into(),
                ),
                "10:00:00".into(),
            )),
            report: "× error <script>".into(),
            errors: 1,
            warnings: 0,
            render_error: None,
            checked: "10:00:05".into(),
            version: 7,
            current: None,
            templates: Vec::new(),
        };
        let html = roadmap_page("a.roadmap", &page, Lang::En);
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
