//! Marks from filled forms: reading a form a school filled in ([`read`]) and
//! turning it into lines of the plan's status file, checked as if written by
//! hand, appended atomically ([`import`]).

pub mod import;
pub mod read;
