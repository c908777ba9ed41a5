//! Any text through the line grammar and the grouping of lines (no model,
//! no checks): the fastest target, for the grammar alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::source::FileId;

fuzz_target!(|data: &[u8]| {
    let (text, _) = roadmap::syntax::decode(FileId(0), data.to_vec());
    let _ = roadmap::syntax::parse(FileId(0), &text);
});
