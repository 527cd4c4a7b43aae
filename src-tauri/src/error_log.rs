//! The error log: unexpected errors — a database that fails, a file that cannot be written, a book that cannot be
//! opened, a panic — with their cause, in `logs/rapport.log` beside the book, so "something went wrong" can be
//! diagnosed afterwards. Expected answers (a bad value typed, a contact the Guard blocks) are not logged, and
//! neither is customer text: only an error's code and its cause, which name files and fields, never what a
//! customer said. The file is made on the first error (owner-only, like every file Rapport writes) and rotated at
//! 256 KB, keeping one older file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rapport_core::Error;

/// Where errors go, once [`start`] has named the book.
static LOG: OnceLock<PathBuf> = OnceLock::new();

/// Above this size the log is moved to `rapport.log.1` (replacing the one before) and a new one begun.
const ROTATE_AT: u64 = 256 * 1024;

/// The log file for the book at `db`.
pub fn path_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("logs").join("rapport.log")
}

/// Logs unexpected errors of this run beside the book at `db`, and panics with where they happened.
pub fn start(db: &Path) {
    let _ = LOG.set(path_for(db));
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        write("panic", &format!("at {place}: {}", what.chars().take(200).collect::<String>()));
        default(info);
    }));
}

/// Whether an error is one a salesperson cannot cause by what they type: worth a line in the log.
fn unexpected(e: &Error) -> bool {
    matches!(
        e,
        Error::Database(_)
            | Error::Migration(_)
            | Error::Io(_)
            | Error::UnreadableRecord(_)
            | Error::NotADatabase { .. }
            | Error::NewerDatabase { .. }
            | Error::Busy
            | Error::SharedBook(_)
    )
}

/// Records `e`, met while doing `during` (a command's name), if it is unexpected.
pub fn record(e: &Error, during: &str) {
    if unexpected(e) {
        write(e.code(), &format!("{during}: {e}"));
    }
}

fn write(code: &str, message: &str) {
    let Some(path) = LOG.get() else { return };
    let _ = (|| -> std::io::Result<()> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        if std::fs::metadata(path).is_ok_and(|m| m.len() > ROTATE_AT) {
            std::fs::rename(path, path.with_extension("log.1"))?;
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        // One line per error: the time, the code, the cause (control characters never reach the file).
        let line: String = message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        writeln!(
            file,
            "{} {} {code} {line}",
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            env!("CARGO_PKG_VERSION")
        )
    })();
}
