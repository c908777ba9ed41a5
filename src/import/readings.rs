//! What the engine makes of a timing or an indicator cell, read once per
//! distinct text: a table repeats the same «в течение года» or «100 %» in
//! hundreds of rows, and reading a cell is most of what import costs.

use crate::lang::Lang;
use crate::model::indicator::Indicator;
use crate::model::timing::{self, Context};
use crate::source::{FileId, Span};
use crate::syntax::Spanned;
use std::cell::RefCell;
use std::collections::HashMap;

/// The roadmap's timing context and the readings made in it so far.
pub struct Readings {
    ctx: Context,
    /// A timing text → `None` when it resolves, else the Russian message.
    timings: RefCell<HashMap<String, Option<String>>>,
    /// An indicator text → whether it reads as a target.
    targets: RefCell<HashMap<String, bool>>,
}

impl Readings {
    pub fn new(ctx: Context) -> Self {
        Self {
            ctx,
            timings: RefCell::new(HashMap::new()),
            targets: RefCell::new(HashMap::new()),
        }
    }

    /// Why the timing does not resolve (in Russian), or `None` when it does.
    pub fn timing_error(&self, text: &str) -> Option<String> {
        if let Some(known) = self.timings.borrow().get(text) {
            return known.clone();
        }
        let error = timing::resolve(text, &self.ctx)
            .err()
            .map(|e| e.message(Lang::Ru));
        self.timings
            .borrow_mut()
            .insert(text.to_string(), error.clone());
        error
    }

    /// Whether the timing resolves.
    pub fn resolves(&self, text: &str) -> bool {
        self.timing_error(text).is_none()
    }

    /// Whether the indicator text states a target (a number to reach).
    pub fn is_target(&self, text: &str) -> bool {
        if let Some(&known) = self.targets.borrow().get(text) {
            return known;
        }
        let target = Indicator::parse(Spanned {
            text: text.to_string(),
            span: Span {
                file: FileId(0),
                start: 0,
                end: text.len(),
            },
        })
        .is_target();
        self.targets.borrow_mut().insert(text.to_string(), target);
        target
    }
}
