//! The book as JSON: the documented, versioned format of `docs/DATA-FORMAT.md`.
//!
//! Writing is deterministic (same book, same bytes), so export → import → export gives identical files.

use serde::Deserialize;

use crate::model::{Book, BOOK_FORMAT, BOOK_VERSION};
use crate::{Error, Result};

/// The book as pretty-printed JSON with a final newline.
pub fn to_json(book: &Book) -> String {
    let mut text = serde_json::to_string_pretty(book).expect("the book always serializes");
    text.push('\n');
    text
}

/// Reads a book, naming the line and column of anything wrong.
pub fn from_json(text: &str) -> Result<Book> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let at = |e: serde_json::Error| {
        Error::BadFile(format!("line {}, column {}: {}", e.line(), e.column(), clean_message(&e)))
    };
    let header: Header = serde_json::from_str(text).map_err(at)?;
    match header.format.as_deref() {
        Some(BOOK_FORMAT) => {}
        Some(other) => {
            return Err(Error::BadFile(format!(
                "this is not a Rapport book (format '{other}', expected '{BOOK_FORMAT}')"
            )))
        }
        None => {
            return Err(Error::BadFile(format!("this is not a Rapport book (no \"format\": \"{BOOK_FORMAT}\" field)")))
        }
    }
    match header.version {
        Some(v) if (1..=BOOK_VERSION).contains(&v) => {}
        Some(v) => {
            return Err(Error::BadFile(format!(
                "this book is format version {v}; this Rapport reads versions 1 to {BOOK_VERSION} — update Rapport"
            )))
        }
        None => return Err(Error::BadFile("the book has no \"version\" field".into())),
    }
    serde_json::from_str(text).map_err(at)
}

/// serde's message without its own " at line L column C" suffix (we say where first).
fn clean_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}
