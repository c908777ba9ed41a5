//! Any `показатель:` text through the indicator reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::model::indicator::Indicator;
use roadmap::source::{FileId, Span};
use roadmap::syntax::Spanned;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Spanned {
        text: text.to_string(),
        span: Span::new(FileId(0), 0, text.len()),
    };
    let indicator = Indicator::parse(source);
    let _ = indicator.is_target();
});
