//! When the book cannot be opened, the window opens anyway, on a recovery page: what happened, the newest good
//! backups of this book, and one button that restores one — the damaged file kept aside, never written into. Once
//! the book opens, the app carries on as if it had opened at start.

use std::path::PathBuf;
use std::sync::Mutex;

use rapport_core::store::backup::{self, Backup};
use rapport_core::{Error, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::clock::Clock;
use crate::commands::{Book, IpcError};

/// The book that could not be opened, and why. Managed in both modes; `problem` is `None` once the book is open.
pub struct Recovery {
    pub db: PathBuf,
    pub clock: Clock,
    pub problem: Mutex<Option<Error>>,
}

/// What the recovery page shows.
#[derive(Serialize)]
pub struct RecoveryInfo {
    /// `not_a_database`, `newer_database`, `busy`, …
    code: &'static str,
    /// What happened, in words a salesperson can act on (no path, no SQL).
    message: String,
    /// The book's file name.
    book: String,
    /// Whether the page asks for the book's passphrase.
    asks_passphrase: bool,
    /// Whether restoring a backup is the way out (a damaged or emptied book) — not for a book a newer Rapport
    /// wrote, which an older backup would silently roll back.
    can_restore: bool,
    /// The book's good backups, newest first (each checked: a Rapport book this version can open).
    backups: Vec<Backup>,
}

/// What a recovery did.
#[derive(Serialize)]
pub struct Recovered {
    restored: Option<String>,
    /// The damaged file's name, kept in the book's backups folder.
    damaged_kept_as: Option<String>,
}

fn message(e: &Error) -> String {
    match e {
        Error::NotADatabase { .. } => "Your book's file is damaged or is not a Rapport book, so it was not opened. \
            Nothing was written into it. Restore the newest good backup below; the damaged file is kept aside."
            .into(),
        Error::NewerDatabase { found, supported } => format!(
            "Your book was written by a newer Rapport (book version {found}; this one reads up to {supported}). \
             Update Rapport to open it; restoring an older backup would lose what the newer version saved."
        ),
        Error::Busy => "Another program is writing to your book. Close it, then try again.".into(),
        Error::Encrypted { .. } => "Your book is encrypted. Type its passphrase to open it.".into(),
        Error::WrongPassphrase { .. } => {
            "That passphrase does not open your book. Nothing was changed; try again.".into()
        }
        other => other.public_message(),
    }
}

/// The recovery page's facts, or `null` when the book is open.
#[tauri::command(async)]
pub fn recovery(recovery: State<'_, Recovery>) -> Result<Option<RecoveryInfo>, IpcError> {
    let problem = recovery.problem.lock().unwrap_or_else(|p| p.into_inner());
    let Some(e) = problem.as_ref() else { return Ok(None) };
    let can_restore = matches!(e, Error::NotADatabase { .. });
    let backups = if can_restore {
        backup::list(&recovery.db)?.into_iter().filter(|b| backup::check(&b.path).is_ok()).collect()
    } else {
        Vec::new()
    };
    Ok(Some(RecoveryInfo {
        asks_passphrase: matches!(e, Error::Encrypted { .. } | Error::WrongPassphrase { .. }),
        code: e.code(),
        message: message(e),
        book: recovery.db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        can_restore,
        backups,
    }))
}

/// Restores the book's backup called `name` (from its own backups folder: the page never sends a path), or with no
/// name tries to open the book again (with `passphrase`, for an encrypted book); then the app carries on with the
/// open book.
#[tauri::command(async)]
pub fn recover(
    app: AppHandle,
    recovery: State<'_, Recovery>,
    name: Option<String>,
    passphrase: Option<String>,
) -> Result<Recovered, IpcError> {
    let mut problem = recovery.problem.lock().unwrap_or_else(|p| p.into_inner());
    if problem.is_none() {
        return Ok(Recovered { restored: None, damaged_kept_as: None });
    }
    let mut done = Recovered { restored: None, damaged_kept_as: None };
    if let Some(name) = name {
        let found = backup::list(&recovery.db)?.into_iter().find(|b| b.name == name);
        let b = found.ok_or_else(|| Error::NotFound { what: "backup", key: name.clone() })?;
        let kept = backup::restore_unopenable(&recovery.db, &b.path, recovery.clock.now())?;
        done.restored = Some(b.name);
        done.damaged_kept_as = kept.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    let key = match passphrase.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(
            rapport_core::store::Passphrase::new(p)
                .map_err(|_| Error::WrongPassphrase { path: recovery.db.clone() })
                .inspect_err(|e| *problem = Some(clone_problem(e)))?,
        ),
        None => None,
    };
    let store = Store::open_with(&recovery.db, key.as_ref()).inspect_err(|e| *problem = Some(clone_problem(e)))?;
    app.manage(Book::new(store, recovery.clock));
    crate::scheduler::start(app.clone());
    *problem = None;
    Ok(done)
}

/// The error kept for the page (errors are not `Clone`: the variants the page tells apart are rebuilt).
pub fn clone_problem(e: &Error) -> Error {
    match e {
        Error::NotADatabase { path, newest_backup } => {
            Error::NotADatabase { path: path.clone(), newest_backup: newest_backup.clone() }
        }
        Error::NewerDatabase { found, supported } => Error::NewerDatabase { found: *found, supported: *supported },
        Error::Busy => Error::Busy,
        Error::Encrypted { path } => Error::Encrypted { path: path.clone() },
        Error::WrongPassphrase { path } => Error::WrongPassphrase { path: path.clone() },
        other => Error::BadFile(other.public_message()),
    }
}
