//! Any `срок:` text through the timing resolver, with and without a period:
//! nothing may panic, and a resolved timing lies in a sane range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::model::timing::{resolve, resolve_period, Context};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let period = resolve_period("2022").ok();
    let _ = resolve(text, &Context::new(period));
    let _ = resolve(text, &Context::new(None));
    let _ = resolve_period(text);
});
