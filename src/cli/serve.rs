//! `roadmap serve PATH [--port N] [--bind ADDR]`: the web server of
//! `crate::serve` over the watch loop `roadmap watch` runs: the pages follow
//! every save. Only loopback is served unless `--bind` says otherwise;
//! `--allow-marks` lets the pages add marks to the status files.

use super::watch::{self as watching, Loop, Settings};
use super::{Env, CLEAN, FAILURE};
use crate::serve::{Options, Site};
use crate::text;
use crate::watch;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use tiny_http::Server;

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
    /// Let a person mark progress from the browser: each schedule page gets a
    /// form per activity (state, date, document, comment) whose marks are
    /// checked and added to the roadmap's .status file. Without it the
    /// server only reads.
    #[arg(long)]
    pub allow_marks: bool,
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
    let site = Site::new(Options {
        lang,
        root: args.settings.path.display().to_string(),
        loopback: args.bind.is_loopback(),
        as_of: args.settings.as_of,
        allow_marks: args.allow_marks,
        port: bound.port(),
    });
    let site = match site {
        Ok(site) => site,
        Err(err) => {
            eprintln!(
                "{}",
                text!(
                    ru: "ошибка: нет случайных чисел для защиты формы отметок: {}", err;
                    en: "error: no random numbers for the marks form's token: {}", err
                )
                .get(lang)
            );
            return FAILURE;
        }
    };
    let first = watching.check_all();
    watching::print(&first, env);
    site.apply(first);

    let server = Arc::new(server);
    site.listen(Arc::clone(&server));
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
        site.apply(checked);
    }
    server.unblock();
    eprintln!(
        "{}",
        text!(ru: "[{}] остановлено", watch::timestamp(); en: "[{}] stopped", watch::timestamp())
            .get(lang)
    );
    CLEAN
}
