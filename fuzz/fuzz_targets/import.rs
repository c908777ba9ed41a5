//! Any bytes through `roadmap import`, under the name the first byte picks:
//! a CSV, TSV or text table, or a Word, Excel or OpenDocument archive.
//! Nothing may panic, and the work is bounded (a zip bomb, a row of a
//! million cells, a deeply nested document end in an error, not a hang).
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::import::{import, Options};
use std::path::Path;

/// The names a document is read under; the first byte of the input picks one.
const NAMES: [&str; 6] = [
    "fuzz.csv",
    "fuzz.tsv",
    "fuzz.txt",
    "fuzz.docx",
    "fuzz.xlsx",
    "fuzz.ods",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(which) % NAMES.len()];
    let _ = import(Path::new(name), bytes, &Options::default());
});
