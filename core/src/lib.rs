//! rapport-core: the whole of Rapport's domain, as a library.
//!
//! The window and the command line are two faces over the calls in this crate; it knows nothing of Tauri,
//! of a GUI or of a command-line parser. Every decision takes `now` as an argument: the binary reads the clock
//! once and passes it down, so tests and demos can set the time.
//!
//! - [`model`]: the plain data types (customers, what they said, purchases, promises …).
//! - [`store`]: the SQLite book — migrations, queries, full-text search, hashtag tags.
//! - [`io`]: moving the whole book in and out (the versioned JSON format).
//! - [`demo`]: the demo book a first launch offers.

pub mod book;
pub mod date_style;
pub mod dealership;
pub mod demo;
mod error;
pub mod guard;
pub mod handoff;
pub mod ids;
pub mod io;
pub mod language;
pub mod model;
pub mod notes;
pub mod reasons;
pub mod sample;
pub mod store;
pub mod tags;
pub mod time;

pub use book::Book;
pub use error::{Error, Result};
pub use store::{ImportSummary, ListQuery, SearchHit, Store};
