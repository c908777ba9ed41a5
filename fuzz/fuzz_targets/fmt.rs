//! `fmt` on any file that reads without errors: formatting twice is
//! formatting once, and the formatted file reads the same (the same
//! declarations and values).
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::code::Severity;
use roadmap::format::format;
use roadmap::source::{FileId, SourceFile};
use roadmap::syntax::{decode, parse, Document};

/// What a file says, without where it says it.
fn meaning(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .headers
        .iter()
        .map(|h| format!("{:?}={}", h.key, h.value.text))
        .collect();
    out.extend(
        doc.parties
            .iter()
            .map(|p| format!("party {}={}", p.id.text, p.name.text)),
    );
    out.extend(
        doc.sections
            .iter()
            .map(|s| format!("section {}={}", s.number.text, s.title.text)),
    );
    for a in &doc.activities {
        out.push(format!("activity {}={}", a.number.text, a.title.text));
        // The canonical layout may put an activity's properties in order.
        let mut properties: Vec<String> = a
            .properties
            .iter()
            .map(|p| format!("  {:?}={}", p.key, p.value.text))
            .collect();
        properties.sort();
        out.extend(properties);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (text, encoding) = decode(FileId(0), data.to_vec());
    if encoding.is_some() {
        return;
    }
    let (doc, diagnostics) = parse(FileId(0), &text);
    if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return;
    }
    let once = format(&SourceFile::new("f.roadmap".into(), text.as_str()), &doc);
    let (doc_once, _) = parse(FileId(0), &once);
    let twice = format(
        &SourceFile::new("f.roadmap".into(), once.as_str()),
        &doc_once,
    );
    assert_eq!(once, twice, "fmt twice differs from fmt once");
    assert_eq!(meaning(&doc), meaning(&doc_once), "fmt changed the meaning");
});
