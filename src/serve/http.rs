//! The HTTP side: accepting requests (a bounded number at once), checking
//! where they come from, routing them to the pages, and the event streams.

use super::marks::{self, Marks, Posted, Problem};
use super::state::{Shared, State};
use super::{draw, pages};
use std::io::Write;
use std::net::IpAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// How often an idle event stream says it is alive (and learns whether the
/// page is still there).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

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

/// Answers the server's requests, each on its own thread, until the server
/// is unblocked.
pub(super) fn listen(server: Arc<Server>, shared: Arc<Shared>) {
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

/// What a page may load: its own styles and the live script, nothing from
/// elsewhere; and send no form anywhere.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/// The same with `--allow-marks`: forms go to this server only.
const CSP_MARKS: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The headers every answer carries. With `--allow-marks`, the referrer is
/// kept within the server: a browser then sends a form's `Origin`, which
/// it blanks under `no-referrer`.
fn respond_with(request: Request, marks: bool, response: Response<std::io::Cursor<Vec<u8>>>) {
    let (csp, referrer) = match marks {
        true => (CSP_MARKS, "same-origin"),
        false => (CSP, "no-referrer"),
    };
    let response = response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("X-Frame-Options", "DENY"))
        .with_header(header("Referrer-Policy", referrer))
        .with_header(header("Content-Security-Policy", csp));
    let _ = request.respond(response);
}

fn respond(request: Request, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
    respond_with(
        request,
        false,
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header("Content-Type", content_type)),
    );
}

const HTML: &str = "text/html; charset=utf-8";

/// What a request gets.
enum Answer {
    Page(u16, &'static str, String),
    Events(Option<String>),
    /// A mark was taken: back to the page (`303 See Other`).
    SeeOther(String),
}

const TEXT: &str = "text/plain; charset=utf-8";

/// Answers one request. A panic while working it out (a roadmap no test
/// foresaw) is answered with a 500 and ends only this request.
fn handle(mut request: Request, shared: &Shared) {
    let answer =
        catch_unwind(AssertUnwindSafe(|| route(&mut request, shared))).unwrap_or_else(|_| {
            Answer::Page(
                500,
                TEXT,
                "Internal error: this page could not be made; the server goes on\n".into(),
            )
        });
    let marks = shared.marks.is_some();
    match answer {
        Answer::Page(status, content_type, body) => respond_with(
            request,
            marks,
            Response::from_data(body)
                .with_status_code(status)
                .with_header(header("Content-Type", content_type)),
        ),
        Answer::SeeOther(location) => respond_with(
            request,
            marks,
            Response::from_data(Vec::new())
                .with_status_code(303)
                .with_header(header("Location", &location)),
        ),
        Answer::Events(name) => events(request, shared, name),
    }
}

fn route(request: &mut Request, shared: &Shared) -> Answer {
    let lang = shared.lang;
    if shared.loopback && !loopback_host(request) {
        return Answer::Page(
            403,
            TEXT,
            "Forbidden: this server answers to localhost only\n".into(),
        );
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = pages::percent_decode(path) else {
        return Answer::Page(400, TEXT, "Bad path\n".into());
    };
    match (request.method(), &shared.marks, path.strip_prefix("/r/")) {
        (Method::Get | Method::Head, _, _) => {}
        (Method::Post, Some(marks), Some(name)) => return post(request, name, marks, shared),
        _ => return Answer::Page(405, TEXT, "Method not allowed\n".into()),
    }
    match path.as_str() {
        "/" => Answer::Page(200, HTML, pages::index(&shared.lock(), &shared.root, lang)),
        "/live.js" => Answer::Page(200, "text/javascript; charset=utf-8", pages::LIVE_JS.into()),
        "/status.json" => Answer::Page(200, "application/json", pages::status_json(&shared.lock())),
        "/events" => Answer::Events(None),
        "/rollup" => {
            let (plans, version) = {
                let state = shared.lock();
                (pages::plans(&state), state.version)
            };
            Answer::Page(200, HTML, pages::rollup_page(&plans, version, shared))
        }
        "/favicon.ico" => Answer::Page(404, "text/plain", String::new()),
        _ => {
            if let Some(name) = path.strip_prefix("/events/") {
                Answer::Events(Some(name.to_string()))
            } else if let Some(name) = path.strip_prefix("/r/") {
                roadmap(name, shared, None)
            } else {
                Answer::Page(404, HTML, pages::missing_page(&path, lang))
            }
        }
    }
}

/// A mark from a roadmap's page (`--allow-marks`): written, then back to the
/// page; or the page again with why not.
fn post(request: &mut Request, name: &str, marks: &Marks, shared: &Shared) -> Answer {
    let plan = shared.lock().pages.get(name).map(|p| p.path.clone());
    let Some(plan) = plan else {
        return Answer::Page(404, HTML, pages::missing_page(name, shared.lang));
    };
    match marks::post(request, Path::new(&plan), marks, shared.lang) {
        Posted::Refused(status, why) => Answer::Page(status, TEXT, why),
        Posted::Written => Answer::SeeOther(format!("/r/{}", pages::percent_encode(name))),
        Posted::Invalid(problem) => match roadmap(name, shared, Some(&problem)) {
            Answer::Page(_, content_type, body) => Answer::Page(422, content_type, body),
            other => other,
        },
    }
}

/// A roadmap's page, with why the last mark was not written (`problem`).
/// Its schedule is drawn (once a version) with the state unlocked: the page
/// is copied out first.
fn roadmap(name: &str, shared: &Shared, problem: Option<&Problem>) -> Answer {
    let lang = shared.lang;
    let Some(page) = shared.lock().pages.get(name).cloned() else {
        return Answer::Page(404, HTML, pages::missing_page(name, lang));
    };
    let drawn = page.good.as_ref().map(|(good, _)| {
        good.page
            .get_or_init(|| draw::draw(&good.loaded, &page.path, shared.as_of, lang))
    });
    let status = match drawn {
        Some(Err(refused)) => refused.status,
        _ => 200,
    };
    let top = problem.map_or_else(String::new, |p| marks::problem_html(p, lang));
    let bottom = match (&shared.marks, &page.good) {
        (Some(marks), Some((good, _))) => marks::section(name, &good.loaded.0, marks, lang),
        _ => String::new(),
    };
    Answer::Page(
        status,
        HTML,
        pages::roadmap_page(name, &page, lang, &top, &bottom),
    )
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
