//! The book on disk: one SQLite file (WAL, foreign keys on), versioned migrations, queries and search.
//!
//! `Store` is a concrete type, not a trait: there is one backend today. Every write that belongs together is one
//! transaction, opened `IMMEDIATE` so two processes (the window and the command line) queue instead of failing.

pub(crate) mod agenda;
mod agenda_inputs;
mod as_book;
pub mod backup;
mod big_write;
pub(crate) mod book;
mod bulk_indexes;
pub(crate) mod campaign;
mod corrections;
mod customers;
mod guard;
pub(crate) mod import;
pub(crate) mod logged;
mod notes;
mod passphrase;
pub(crate) mod read;
pub(crate) mod records;
mod rows;
mod search;
mod search_backlog;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::model::Profile;
use crate::{Error, Result};

pub use book::ImportSummary;
pub use campaign::{Campaign, CampaignCheck, CampaignList, Excluded, Included, Unmatched};
pub use corrections::{FactFix, InteractionFix, Record, Removed};
pub use customers::ListQuery;
pub use guard::{Facts, HeardToRecord};
pub use import::{ImportPlan, ImportReport, MatchedBy, Merge};
pub use logged::LoggedEmail;
pub use passphrase::{looks_encrypted, Passphrase, Rekeyed};
pub use search::SearchHit;

mod schema {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    schema::MIGRATIONS.len() as i64
}

/// `PRAGMA application_id` of a Rapport book ("Rapp" in ASCII): a file that says it belongs to another program is
/// never opened as a book or restored over one. Books made before it was set read 0, and get it when next opened.
pub const APPLICATION_ID: i64 = 0x5261_7070;

/// How long a write waits for another program's write to finish before giving up with [`Error::Busy`].
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite's page cache per connection, in KiB. The window has two connections open (its own and the agenda's second
/// reader), and the scheduler and an import one each while they work; the operating system caches the file too, so
/// a page SQLite dropped is a memory copy away, not a disk read.
const PAGE_CACHE_KIB: i64 = 16 * 1024;

/// No memory-mapped reads. With a 1 GiB map, every page of a 100,000-customer book (580 MB) the agenda touched
/// counted as the app's memory — 700 MiB of the window's 1 GB — and the agenda was no quicker for it: 185 ms
/// with the map, 166 ms without (docs/PERFORMANCE.md). Reads go through SQLite's own page cache (`cache_size`).
const MMAP_SIZE: i64 = 0;

/// An open book.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A second, read-only connection to the same file, opened on first use: the agenda of a big book reads
    /// half of its customers on each (see `agenda.rs`).
    reader: std::sync::Mutex<Option<Connection>>,
    /// The passphrase the book is encrypted with, if it is (every connection and backup uses it).
    key: Option<Passphrase>,
}

impl Store {
    /// Opens (or creates) the book at `path` and brings its schema up to date.
    ///
    /// A file written by a newer Rapport is refused before anything touches it; a file that is not a SQLite
    /// database is reported as such, and left as it was.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, None)
    }

    /// Opens the book at `path` with its passphrase, if it has one. An encrypted book opened without one is
    /// [`Error::Encrypted`]; a passphrase that does not open it is [`Error::WrongPassphrase`]. Neither changes it.
    pub fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        // A book emptied by a sync tool or a full disk would otherwise open as a new empty book, and its daily
        // backups would in a few weeks rotate the good ones away: with a backup beside it, it is a damaged book.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            if let Some(newest) = backup::newest_good(path) {
                return Err(Error::NotADatabase { path: path.into(), newest_backup: Some(newest) });
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        passphrase::quiet(&conn);
        if let Some(k) = key {
            k.unlock(&conn)?;
        }

        // Read the version before any pragma that writes (journal_mode=WAL changes the file header).
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| match key {
            // A passphrase that does not fit reads as a file that is not a database.
            Some(_) if matches!(classify_open_error_code(&e), Some(true)) => {
                Error::WrongPassphrase { path: path.into() }
            }
            None if matches!(classify_open_error_code(&e), Some(true)) && passphrase::looks_encrypted(path) => {
                Error::Encrypted { path: path.into() }
            }
            _ => classify_open_error(e, path),
        })?;
        if found > schema_version() {
            return Err(Error::NewerDatabase { found, supported: schema_version() });
        }
        let app: i64 =
            conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| classify_open_error(e, path))?;
        if app != 0 && app != APPLICATION_ID {
            return Err(Error::NotADatabase { path: path.into(), newest_backup: backup::newest_good(path) });
        }
        // Another program's database (tables, but never a Rapport schema) is not made into a book by writing ours
        // into it.
        if found == 0 {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| classify_open_error(e, path))?;
            if tables > 0 {
                return Err(Error::NotADatabase { path: path.into(), newest_backup: backup::newest_good(path) });
            }
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| classify_open_error(e, path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;

        let migrations = Migrations::new(schema::MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations.to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => classify_open_error(err, path),
            other => Error::Migration(other.to_string()),
        })?;
        if app == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(Store { conn, path: path.to_path_buf(), reader: Default::default(), key: key.cloned() })
    }

    /// An in-memory book, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let migrations = Migrations::new(schema::MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations.to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
        Ok(Store { conn, path: PathBuf::from(":memory:"), reader: Default::default(), key: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Another connection to the same book, with its passphrase: for work that runs beside the window (an import,
    /// the scheduler's minute) so the window's own connection never waits for it. WAL lets readers go on while one
    /// writer writes; two writers take turns (`BUSY_TIMEOUT`).
    pub fn reopen(&self) -> Result<Store> {
        Store::open_with(&self.path, self.key.as_ref())
    }

    /// Runs `work` in one IMMEDIATE transaction: it all lands, or nothing does.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::write`] for many new customers at once (the generated book): see `big_write`. Their rows are
    /// searchable when it returns.
    pub(crate) fn write_new_customers<T>(
        &mut self,
        adding: usize,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| {
            let big = big_write::BigWrite::begin(tx, adding)?;
            let out = work(tx)?;
            big.finish(tx, &[], true)?;
            Ok(out)
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The second connection (read-only), opened on first use; `None` for an in-memory book.
    pub(crate) fn reader(&self) -> Result<std::sync::MutexGuard<'_, Option<Connection>>> {
        let mut slot = self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_none() && self.path != Path::new(":memory:") {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(&self.path, flags)?;
            if let Some(k) = &self.key {
                k.unlock(&conn)?;
            }
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
            conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;
            *slot = Some(conn);
        }
        Ok(slot)
    }

    /// The salesperson's profile.
    pub fn profile(&self) -> Result<Profile> {
        rows::profile(&self.conn)
    }

    /// Saves the profile after checking it.
    pub fn save_profile(&mut self, profile: Profile) -> Result<Profile> {
        let p = profile.validated()?;
        self.write(|tx| rows::save_profile(tx, &p))?;
        Ok(p)
    }

    /// How many customers the book holds.
    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
    }
}

/// `Some(true)` when SQLite says the file is not a database or is corrupt.
fn classify_open_error_code(e: &rusqlite::Error) -> Option<bool> {
    use rusqlite::ffi::ErrorCode;
    e.sqlite_error_code().map(|c| matches!(c, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// Turns SQLite's "not a database" family of errors into an error naming the file.
fn classify_open_error(e: rusqlite::Error, path: &Path) -> Error {
    use rusqlite::ffi::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            Error::NotADatabase { path: path.into(), newest_backup: backup::newest_good(path) }
        }
        // A read-only disk or folder, or a file that is not the user's: said in those words, nothing changed.
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            Error::BadFile(format!(
                "{} cannot be opened for writing: the disk or its folder is read-only, or the file is not yours; \
                 nothing was changed",
                path.display()
            ))
        }
        _ => Error::from(e),
    }
}
