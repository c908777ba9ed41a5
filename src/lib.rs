//! `roadmap`: plain-text дорожные карты, checked, scheduled and tracked.

pub mod atomic;
pub mod check;
pub mod cli;
pub mod code;
pub mod confine;
pub mod data;
pub mod diagnostic;
pub mod form;
pub mod format;
pub mod graph;
pub mod import;
pub mod lang;
pub mod lsp;
pub mod marks;
pub mod model;
pub mod render;
pub mod run;
pub mod schedule;
pub mod serve;
pub mod source;
pub mod state;
pub mod syntax;
pub mod translit;
pub mod watch;

pub use cli::run as main;
