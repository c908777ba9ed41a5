//! The HTTP side: accepting requests (a bounded number at once), checking
//! where they come from, routing them to the pages, and the event streams.

use super::pages;
use super::state::{self, Shared, State};
use std::io::Write;
use std::net::IpAddr;
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
    let Some(path) = pages::percent_decode(path) else {
        return respond(request, 400, "text/plain; charset=utf-8", "Bad path\n");
    };
    match path.as_str() {
        "/" => {
            let body = pages::index(&shared.lock(), &shared.root, lang);
            respond(request, 200, HTML, body)
        }
        "/live.js" => respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            pages::LIVE_JS,
        ),
        "/status.json" => {
            let body = pages::status_json(&shared.lock());
            respond(request, 200, "application/json", body)
        }
        "/events" => events(request, shared, None),
        "/rollup" => {
            let body = pages::rollup_page(&shared.lock(), shared);
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
                        state::make(page, shared.as_of, lang);
                        (200, pages::roadmap_page(name, page, lang))
                    }
                    None => (404, pages::missing_page(name, lang)),
                };
                drop(state);
                respond(request, status, HTML, body)
            } else {
                respond(request, 404, HTML, pages::missing_page(&path, lang))
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
