//! The web server behind `roadmap serve`: an index of every roadmap under
//! PATH and, per roadmap, its schedule page (the table and the Gantt chart
//! of `roadmap schedule --format html`). Every page follows its files: on
//! each re-check the open pages hear of it through Server-Sent Events; a
//! page then fetches itself again and swaps its content in place, scroll
//! kept. When a file is broken, the page shows the findings above the last
//! good schedule. The watching itself is the command's (`cli::serve`).
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
//! When the server listens on loopback, a request must name a loopback
//! host, so that a web page elsewhere cannot read the roadmaps through DNS
//! rebinding.

mod draw;
mod http;
mod marks;
mod pages;
mod state;

use crate::lang::Lang;
use crate::watch::Checked;
use chrono::NaiveDate;
use state::{Shared, State};
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex};

/// How the server answers.
pub struct Options {
    pub lang: Lang,
    /// PATH, as named.
    pub root: String,
    /// Requests must name a loopback host.
    pub loopback: bool,
    /// The date the charts' "today" line marks; today when not given.
    pub as_of: Option<NaiveDate>,
    /// Each schedule page has a form per activity whose marks are added to
    /// the roadmap's status file; otherwise the server only reads.
    pub allow_marks: bool,
    /// The port the server listens on (a form's POST must name it).
    pub port: u16,
}

/// The pages and what they show, shared by the threads answering requests.
pub struct Site {
    shared: Arc<Shared>,
}

impl Site {
    /// Fails only when the operating system gives no random numbers for
    /// the forms' token.
    pub fn new(options: Options) -> std::io::Result<Site> {
        let marks = match options.allow_marks {
            true => Some(marks::Marks::new(options.port)?),
            false => None,
        };
        Ok(Site {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    pages: BTreeMap::new(),
                    version: 0,
                    checked: String::new(),
                }),
                changed: Condvar::new(),
                lang: options.lang,
                root: options.root,
                loopback: options.loopback,
                as_of: options.as_of,
                marks,
            }),
        })
    }

    /// Takes a re-check into the pages and tells the open ones.
    pub fn apply(&self, checked: Checked) {
        state::apply(&self.shared, checked, self.shared.lang);
    }

    /// Answers `server`'s requests on threads of their own, until the
    /// server is unblocked.
    pub fn listen(&self, server: Arc<tiny_http::Server>) {
        http::listen(server, Arc::clone(&self.shared));
    }
}
