//! Roadmaps written by an attacker, run through the real binary: each test
//! takes its file from `tests/corpus/hostile/` and asserts the safe outcome
//! (nothing read outside the root, nothing blocking, nothing lost, outputs
//! that other programs cannot misread), and that it is reached in a time
//! bounded by a generous factor. See SECURITY.md.

#[path = "hostile/bounded.rs"]
mod bounded;
#[path = "hostile/files.rs"]
mod files;
#[path = "hostile/lost.rs"]
mod lost;
#[path = "hostile/misleading.rs"]
mod misleading;
#[path = "hostile/outputs.rs"]
mod outputs;

use std::time::{Duration, Instant};

/// A hostile file's bytes.
fn hostile_bytes(name: &str) -> Vec<u8> {
    let path = crate::common::repo_root()
        .join("tests/corpus/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A hostile file's text.
fn hostile(name: &str) -> String {
    String::from_utf8(hostile_bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Fails when `run` takes longer than `limit`: a bound far above the time a
/// safe run needs (a hang or quadratic work overshoots it by far).
fn within<T>(limit: Duration, what: &str, run: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = run();
    let took = started.elapsed();
    assert!(took < limit, "{what} took {took:?}, more than {limit:?}");
    result
}

/// A secret that must never be printed.
const SECRET: &str = "ROADMAP_TEST_SECRET=s3cr3t-t0k3n";
