//! `roadmap`: plain-text дорожные карты, checked, scheduled and tracked.

pub mod code;
pub mod diagnostic;
pub mod lang;
pub mod source;
pub mod syntax;
