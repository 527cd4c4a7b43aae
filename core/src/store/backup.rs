//! Backups: consistent copies of the book (SQLite's online backup, safe while the window writes), kept per book in
//! `backups/<book>/` beside the database, named after the book (`alice-2026-12-06T101500Z.sqlite3`), with rotation — all of the latest day, the newest of each of the 6 days
//! before, then the newest of each of 4 weeks before. Restoring checks the file first and backs up the current book before replacing it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use super::{schema_version, Store};
use crate::{Error, Result};

/// Daily backups kept, then weekly ones.
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backup {
    /// The file name (the window shows names, never full paths).
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub bytes: u64,
}

/// How many ISO weeks the kept days span.
fn weeks_of(days: &[chrono::NaiveDate]) -> usize {
    let mut w: Vec<_> = days.iter().map(|d| (d.iso_week().year(), d.iso_week().week())).collect();
    w.dedup();
    w.len()
}

/// The book's name: its file name without the extension (`rapport` for the default book).
fn book_name(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).filter(|s| !s.is_empty()).unwrap_or("rapport".into())
}

/// The backups folder of one book: `backups/<book>/` beside it. Two books in one folder never share one, so rotating
/// one book's backups never removes the other's, and recovery advice never points at another book.
pub fn folder_for(db: &Path) -> PathBuf {
    shared_folder(db).join(book_name(db))
}

/// `backups/` beside the book: where every book's backups lived before they had a folder each.
fn shared_folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// A name not yet used in `folder`: `<prefix>-<time>.sqlite3`, then `-2`, `-3` … within the same second, so a
/// backup (`alice-…`) or a kept damaged book (`alice-damaged-…`) never replaces another.
fn free_name(folder: &Path, prefix: &str, at: DateTime<Utc>) -> String {
    let stamp = at.format("%Y-%m-%dT%H%M%SZ");
    (1..)
        .map(|n| if n == 1 { format!("{prefix}-{stamp}.sqlite3") } else { format!("{prefix}-{stamp}-{n}.sqlite3") })
        .find(|name| !folder.join(name).exists())
        .expect("an unused name")
}

/// When the backup called `name` was taken, if it is a backup of the book called `book`.
fn taken_at(name: &str, book: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(book)?.strip_prefix('-')?.strip_suffix(".sqlite3")?;
    let stamp = stamp.split_once("Z-").map(|(s, _)| format!("{s}Z")).unwrap_or_else(|| stamp.to_string());
    NaiveDateTime::parse_from_str(&stamp, "%Y-%m-%dT%H%M%SZ").ok().map(|n| n.and_utc())
}

/// Every backup of the book at `db`, newest first: its own folder, and for the default book the ones made before
/// books had a folder each (`backups/rapport-….sqlite3`), so an update hides none.
pub fn list(db: &Path) -> Result<Vec<Backup>> {
    let book = book_name(db);
    let mut out = Vec::new();
    let mut folders = vec![folder_for(db)];
    if book == "rapport" {
        folders.push(shared_folder(db));
    }
    for folder in folders {
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some(at) = taken_at(&name, &book).filter(|_| entry.path().is_file()) {
                out.push(Backup { name, path: entry.path(), taken_at: at, bytes: entry.metadata()?.len() });
            }
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(out)
}

/// The newest backup of `db` that passes the check, if any.
pub fn newest_good(db: &Path) -> Option<PathBuf> {
    list(db).ok()?.into_iter().map(|b| b.path).find(|p| check(p).is_ok())
}

/// Checks that `path` is a readable Rapport book this version can open, without changing it.
pub fn check(path: &Path) -> Result<()> {
    check_with(path, None)
}

/// [`check`] for a book encrypted with `key`.
pub fn check_with(path: &Path, key: Option<&super::Passphrase>) -> Result<()> {
    let damaged = || Error::NotADatabase { path: path.to_path_buf(), newest_backup: None };
    // A missing path, a folder or a pipe is named as such: SQLite would call a missing file damaged, and opening a
    // pipe waits forever for a writer.
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::BadFile(format!("{}: no such file", path.display())));
        }
        Err(e) => return Err(Error::BadFile(format!("{}: cannot be read ({})", path.display(), e.kind()))),
        Ok(m) if !m.is_file() => {
            return Err(Error::BadFile(format!("{}: not a regular file, so not a backup", path.display())));
        }
        Ok(_) => {}
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| damaged())?;
    super::passphrase::quiet(&conn);
    if let Some(k) = key {
        k.unlock(&conn)?;
    }
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|_| damaged())?;
    if found > schema_version() {
        return Err(Error::NewerDatabase { found, supported: schema_version() });
    }
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|_| damaged())?;
    if found < 1 || (app != 0 && app != super::APPLICATION_ID) {
        return Err(damaged());
    }
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| damaged())?;
    let has_book: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'customers')", [], |r| r.get(0))
        .map_err(|_| damaged())?;
    if ok != "ok" || !has_book {
        return Err(damaged());
    }
    Ok(())
}

/// Removes the empty `-wal`/`-shm` that checking a copy we just wrote leaves beside it (a WAL book's copy opens in
/// WAL mode, and a read-only connection cannot tidy up after itself). Only for our own fresh copies: nothing was
/// ever written through that log.
fn remove_side_files(copy: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
}

/// Restores the book at `db` from the backup at `backup` when the book itself cannot be opened (damaged, emptied,
/// or not a database at all). The damaged file is never deleted or written into: it and any `-wal`/`-shm` beside it
/// are moved into the backups folder as `damaged-<time>…`, and the backup is copied beside the book and renamed
/// over it, so the book is the backup, whole, or still the damaged file. Returns where the damaged file was kept.
pub fn restore_unopenable(db: &Path, backup: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    check(backup)?;
    let folder = folder_for(db);
    std::fs::create_dir_all(&folder)?;
    let kept = folder.join(free_name(&folder, &format!("{}-damaged", book_name(db)), now));
    let incoming = db.with_extension("restoring");
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(backup, &incoming)?;
    // The copy must read back as a book before anything of the damaged one moves.
    let checked = check(&incoming);
    remove_side_files(&incoming);
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    if db.exists() {
        std::fs::rename(db, &kept)?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            // A stale log beside the restored book would be replayed into it.
            std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", kept.display())))?;
        }
    }
    std::fs::rename(&incoming, db)?;
    // An older backup may have an older schema: opening brings it up to date.
    Store::open(db)?;
    Ok(kept)
}

/// Removes what a backup killed mid-way left (`….partial`, its `-wal`/`-shm`): never offered as a backup, and
/// otherwise never removed. Only files untouched for a minute, so another process's backup in progress is left alone.
fn remove_stale_partials(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > std::time::Duration::from_secs(60)));
        if name.contains(".partial") && stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl Store {
    /// The backups folder of this book.
    pub fn backup_folder(&self) -> PathBuf {
        folder_for(self.path())
    }

    /// Every backup of this book, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        list(self.path())
    }

    /// Makes a consistent copy of the book now, then applies the rotation. Returns the new backup.
    pub fn backup(&self, now: DateTime<Utc>) -> Result<Backup> {
        let b = self.backup_without_rotation(now)?;
        self.rotate()?;
        Ok(b)
    }

    fn backup_without_rotation(&self, now: DateTime<Utc>) -> Result<Backup> {
        let folder = self.backup_folder();
        std::fs::create_dir_all(&folder)?;
        remove_stale_partials(&folder);
        let name = free_name(&folder, &book_name(self.path()), now);
        let path = folder.join(&name);
        let partial = path.with_extension("partial");
        // Written beside, then renamed: a backup file is whole or absent. An encrypted book's backup is encrypted
        // with the same passphrase (SQLite's backup would write its pages out plain).
        match &self.key {
            None => self.conn().backup(MAIN_DB, &partial, None)?,
            Some(k) => super::passphrase::export(self.conn(), &partial, Some(k))?,
        }
        let checked = check_with(&partial, self.key.as_ref());
        remove_side_files(&partial);
        checked?;
        std::fs::rename(&partial, &path)?;
        let bytes = std::fs::metadata(&path)?.len();
        Ok(Backup { name, path, taken_at: now, bytes })
    }

    /// A backup unless one was taken today (the window calls this at start and once a day).
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<Backup>> {
        let newest = self.backups()?.into_iter().next();
        if newest.is_some_and(|b| b.taken_at.date_naive() == now.date_naive()) {
            return Ok(None);
        }
        self.backup(now).map(Some)
    }

    /// Keeps every backup of the latest day, the newest of each of the 6 days before that have one, then the newest
    /// of each of 4 weeks before those; removes the rest.
    fn rotate(&self) -> Result<()> {
        let mut days = Vec::new();
        let mut weeks = Vec::new();
        let all = self.backups()?;
        let newest_day = all.first().map(|b| b.taken_at.date_naive());
        for b in all {
            let day = b.taken_at.date_naive();
            let week = (day.iso_week().year(), day.iso_week().week());
            // Every backup of the latest day stays (one made before a restore, one made by hand an hour ago).
            let keep = if Some(day) == newest_day && days.contains(&day) {
                true
            } else if days.contains(&day) {
                false
            } else if days.len() < KEEP_DAYS {
                days.push(day);
                // The week of a kept day is covered: the weekly ones are older weeks.
                if !weeks.contains(&week) {
                    weeks.push(week);
                }
                true
            } else if !weeks.contains(&week) && weeks.len() < KEEP_WEEKS + weeks_of(&days) {
                weeks.push(week);
                true
            } else {
                false
            };
            if !keep {
                std::fs::remove_file(&b.path)?;
            }
        }
        Ok(())
    }

    /// Replaces the book with the backup at `path`, after checking it; the current book is backed up first.
    /// Returns the backup of the book as it was.
    pub fn restore(&mut self, path: &Path, now: DateTime<Utc>) -> Result<Backup> {
        check_with(path, self.key.as_ref())?;
        // Read-only, so a file that vanished is an error rather than an empty book.
        let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| Error::NotADatabase { path: path.to_path_buf(), newest_backup: None })?;
        if let Some(k) = &self.key {
            k.unlock(&source)?;
        }
        let before = self.backup_without_rotation(now)?;
        rusqlite::backup::Backup::new(&source, &mut self.conn)?.run_to_completion(
            256,
            std::time::Duration::ZERO,
            None,
        )?;
        drop(source);
        // An older backup may have an older schema: bring it up to date as opening would.
        *self = Store::open_with(&self.path, self.key.as_ref())?;
        self.rotate()?;
        Ok(before)
    }
}
