//! The one error type of the core: each variant is something a salesperson can act on, and each has a
//! stable `code` so the window can react by kind instead of parsing messages.

use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field of some input is wrong; `field` names it the way the form or flag does.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },

    /// Something looked up by id (or id prefix) is not in the book.
    #[error("no {what} matches '{key}'")]
    NotFound { what: &'static str, key: String },

    /// An id prefix matches more than one thing.
    #[error("'{key}' matches {count} {what}s; type more of the id")]
    Ambiguous { what: &'static str, key: String, count: usize },

    /// The database was written by a newer Rapport; it is left untouched.
    #[error(
        "this database was written by a newer version of Rapport (schema {found}, this version knows up to {supported}); \
         it was not changed — update Rapport to open it"
    )]
    NewerDatabase { found: i64, supported: i64 },

    /// The file is not a Rapport database, or it is damaged.
    #[error(
        "{} is not a readable Rapport database (damaged or another kind of file); it was not changed — {}",
        path.display(),
        match newest_backup {
            Some(b) => format!("restore the newest good backup with: rapport restore \"{}\"", b.display()),
            None => "restore it from a backup".to_string(),
        }
    )]
    NotADatabase { path: PathBuf, newest_backup: Option<PathBuf> },

    /// The book is encrypted and no passphrase was given.
    #[error(
        "{} is encrypted with a passphrase; give it (RAPPORT_PASSPHRASE, or type it when asked) to open the book",
        path.display()
    )]
    Encrypted { path: PathBuf },

    /// The passphrase given does not open the book (or the file is damaged).
    #[error("the passphrase does not open {} (or the file is damaged); nothing was changed", path.display())]
    WrongPassphrase { path: PathBuf },

    /// The Guard refused an outreach; the decision carries the customer's words.
    #[error("{}", blocked_message(.0))]
    Blocked(Box<crate::guard::Decision>),

    /// The Guard urged caution; going ahead needs a typed justification.
    #[error("{} — to go ahead anyway, give a justification", caution_message(.0))]
    NeedsJustification(Box<crate::guard::Decision>),

    /// The salesperson cancelled a long job; nothing was written.
    #[error("cancelled; nothing was written")]
    Cancelled,

    /// Another program holds a write lock for longer than we wait.
    #[error("the database is busy in another window or command; try again in a moment")]
    Busy,

    /// A book file (export) cannot be read; names the line and column when known.
    #[error("{0}")]
    BadFile(String),

    #[error("file: {0}")]
    Io(#[from] std::io::Error),

    #[error("database: {0}")]
    Database(rusqlite::Error),

    /// One record of the book cannot be read (a value an older version let in, or a hand edit): names the record,
    /// the field and the value, and how to repair it.
    #[error("{0}")]
    UnreadableRecord(String),

    #[error("database schema: {0}")]
    Migration(String),

    /// The dealership's server could not be reached, or went away during the work; nothing of it was saved.
    #[error("the dealership book is unreachable ({0}); nothing was saved — check the network and the server, then try again")]
    Unreachable(String),

    /// The connection was lost while the work was being committed: it may have been saved, or not.
    #[error("the dealership book went away while saving this ({0}); it may or may not have been saved — look at the customer's page before doing it again")]
    UnreachableWhileSaving(String),

    /// The dealership's server refused or failed the work (its words, without the address or a password).
    #[error("the dealership book: {0}")]
    SharedBook(String),

    /// Signing in to the dealership book failed.
    #[error("{0}")]
    SignIn(String),

    /// The signed-in person's role does not allow this.
    #[error("{0}")]
    NotAllowed(String),

    /// Someone else saved the same record since it was read: nothing was overwritten.
    #[error("{what} was changed by {by} at {at} since you opened it; nothing was overwritten — open it again to see what they saved")]
    Changed { what: String, by: String, at: String },
}

impl Error {
    /// [`Error::Changed`]: `what` was saved by `by` at `at` since it was read.
    pub fn changed(what: impl Into<String>, by: impl Into<String>, at: chrono::DateTime<chrono::Utc>) -> Error {
        Error::Changed { what: what.into(), by: by.into(), at: at.format("%Y-%m-%d %H:%M UTC").to_string() }
    }

    /// The stable code the window and `--json` errors carry.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::Blocked(_) => "blocked_by_preference",
            Error::NeedsJustification(_) => "needs_justification",
            Error::NotFound { .. } => "not_found",
            Error::Ambiguous { .. } => "ambiguous",
            Error::NewerDatabase { .. } => "newer_database",
            Error::NotADatabase { .. } => "not_a_database",
            Error::Encrypted { .. } => "encrypted",
            Error::WrongPassphrase { .. } => "wrong_passphrase",
            Error::Busy => "busy",
            Error::Cancelled => "cancelled",
            Error::BadFile(_) => "bad_file",
            Error::Io(_) => "io",
            Error::Database(_) | Error::Migration(_) => "database",
            Error::UnreadableRecord(_) => "unreadable_record",
            Error::Unreachable(_) => "unreachable",
            Error::UnreachableWhileSaving(_) => "unreachable_while_saving",
            Error::SharedBook(_) => "shared_book",
            Error::SignIn(_) => "sign_in",
            Error::NotAllowed(_) => "not_allowed",
            Error::Changed { .. } => "changed_meanwhile",
        }
    }

    /// A message safe to show in the window: never a file path or SQL text.
    pub fn public_message(&self) -> String {
        match self {
            Error::Encrypted { .. } => "Your book is encrypted: type its passphrase to open it.".to_string(),
            Error::WrongPassphrase { .. } => {
                "That passphrase does not open your book. Nothing was changed; try again.".to_string()
            }
            Error::NotADatabase { .. } => {
                "The database file is damaged or is not a Rapport database. It was not changed; restore it from a backup."
                    .to_string()
            }
            Error::Io(e) => format!("a file could not be read or written ({})", e.kind()),
            Error::Database(_) | Error::Migration(_) | Error::SharedBook(_) => {
                "the database could not complete this; nothing was changed".to_string()
            }
            other => other.to_string(),
        }
    }

    /// An `InvalidInput` naming the field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), message: message.into() }
    }
}

/// Why one record could not be read, as the row reader says it (named record, field, value, repair): carried inside
/// SQLite's conversion error and turned into [`Error::UnreadableRecord`].
#[derive(Debug)]
pub(crate) struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            _ => match &e {
                rusqlite::Error::FromSqlConversionFailure(_, _, cause) if cause.is::<Unreadable>() => {
                    Error::UnreadableRecord(cause.to_string())
                }
                _ => Error::Database(e),
            },
        }
    }
}

fn blocked_message(d: &crate::guard::Decision) -> String {
    let mut m = String::from("blocked");
    if let Some(f) = d.deciding() {
        m = format!("blocked: {}", f.message);
        if let Some(q) = &f.quote {
            m += &format!(" — they said: “{q}”");
            if let Some(on) = f.said_on {
                m += &format!(" ({on})");
            }
        }
    }
    if let Some(s) = &d.suggestion {
        m += &format!(". {s}");
    }
    m
}

fn caution_message(d: &crate::guard::Decision) -> String {
    let parts: Vec<String> = d
        .reasons
        .iter()
        .map(|f| match &f.quote {
            Some(q) => format!("{} (they said: “{q}”)", f.message),
            None => f.message.clone(),
        })
        .collect();
    format!("caution: {}", parts.join("; "))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
