//! An optional passphrase that encrypts the book and its backups at rest (SQLCipher, through rusqlite's bundled
//! build): turning it on, changing it, turning it off — and telling an encrypted book from a damaged one.
//!
//! A plain book is copied into an encrypted one beside it (`sqlcipher_export`), checked, then renamed over the book,
//! so the book is the plain one or the whole encrypted one; every backup of the book is brought to the same key the
//! same way, so no plain copy of what customers said is left in `backups/`. Without a passphrase SQLCipher reads and
//! writes plain SQLite files exactly as before.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{backup, Store};
use crate::{Error, Result};

/// A passphrase: never printed, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase of at least 8 characters (shorter ones are refused: the book holds people's confidences).
    pub fn new(text: &str) -> Result<Passphrase> {
        let t = text.trim_end_matches(['\r', '\n']);
        if t.chars().count() < 8 {
            return Err(Error::invalid("passphrase", "use at least 8 characters"));
        }
        Ok(Passphrase(t.to_string()))
    }

    /// Unlocks `conn`: must come before anything reads the file.
    pub(crate) fn unlock(&self, conn: &Connection) -> Result<()> {
        quiet(conn);
        conn.pragma_update(None, "key", &self.0)?;
        Ok(())
    }

    fn quoted(&self) -> String {
        format!("'{}'", self.0.replace('\'', "''"))
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// SQLCipher writes a line to standard error when a key does not fit; Rapport says so itself, once, in words.
pub(crate) fn quiet(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
}

/// Whether the file at `path` looks encrypted rather than damaged: no SQLite header, and bytes as random as a cipher
/// writes them (a sync tool's text, zeros or another format are far from random).
pub fn looks_encrypted(path: &Path) -> bool {
    let mut bytes = Vec::with_capacity(4096);
    let Ok(file) = std::fs::File::open(path) else { return false };
    if std::io::Read::read_to_end(&mut std::io::Read::take(file, 4096), &mut bytes).is_err() {
        return false;
    }
    if bytes.len() < 1024 || bytes.starts_with(b"SQLite format 3\0") {
        return false;
    }
    let mut counts = [0usize; 256];
    for b in &bytes {
        counts[*b as usize] += 1;
    }
    let n = bytes.len() as f64;
    let entropy: f64 = counts.iter().filter(|&&c| c > 0).map(|&c| c as f64 / n).map(|p| -p * p.log2()).sum();
    entropy > 7.5
}

/// Copies the database open on `source` into a new file at `target`, keyed with `key` (or plain with `None`).
pub(crate) fn export(source: &Connection, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    let _ = std::fs::remove_file(target);
    let name = target.to_string_lossy().replace('\'', "''");
    let with = key.map_or("''".to_string(), |k| k.quoted());
    source.execute_batch(&format!("ATTACH DATABASE '{name}' AS target KEY {with};"))?;
    let copied = source.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(())).and_then(|()| {
        // The export carries the schema and rows; the book's version and Rapport's stamp go with them.
        let version: i64 = source.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        source.execute_batch(&format!(
            "PRAGMA target.user_version = {version}; PRAGMA target.application_id = {};",
            super::APPLICATION_ID
        ))
    });
    let detached = source.execute_batch("DETACH DATABASE target;");
    copied?;
    detached?;
    Ok(())
}

/// Re-keys the plain or keyed file at `path` (opened with `old`) to `new`: a copy beside it, checked, renamed over.
fn rekey_file(path: &Path, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
    // Read-write: the copy is attached to this connection, and an attached file is opened as its connection is.
    // Nothing is written into the source.
    // (CREATE too: an attached file is created under the connection's flags.)
    if !path.is_file() {
        return Err(Error::BadFile(format!("{}: no such file", path.display())));
    }
    let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    if let Some(k) = old {
        k.unlock(&source)?;
    }
    let aside = PathBuf::from(format!("{}.rekeying", path.display()));
    export(&source, &aside, new)?;
    drop(source);
    if let Err(e) = backup::check_with(&aside, new) {
        let _ = std::fs::remove_file(&aside);
        return Err(e);
    }
    std::fs::rename(&aside, path)?;
    Ok(())
}

/// What changing the passphrase did to the backups.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Rekeyed {
    pub backups: usize,
    pub left_as_they_were: Vec<String>,
}

impl Store {
    /// Whether this book is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `given` is this book's passphrase (the window asks for it before changing or removing it).
    pub fn has_passphrase(&self, given: &str) -> bool {
        Passphrase::new(given).is_ok_and(|p| self.key.as_ref() == Some(&p))
    }

    /// Encrypts the book with `new` (or changes its passphrase to `new`, or with `None` decrypts it), and every
    /// backup of it the same way. The book is reopened with the new key. Returns how many backups were re-keyed and
    /// the names of those that could not be (one made under an older passphrase): they are left as they were.
    pub fn set_passphrase(&mut self, new: Option<Passphrase>) -> Result<Rekeyed> {
        if self.path == Path::new(":memory:") {
            return Err(Error::invalid("passphrase", "an in-memory book has nothing to encrypt"));
        }
        if self.key == new {
            return Err(Error::invalid("passphrase", "that is already how the book is kept"));
        }
        let old = self.key.clone();
        // Everything in the main file first: the WAL holds plain pages of a plain book.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let path = self.path.clone();
        let aside = PathBuf::from(format!("{}.rekeying", path.display()));
        export(&self.conn, &aside, new.as_ref())?;
        if let Err(e) = backup::check_with(&aside, new.as_ref()) {
            let _ = std::fs::remove_file(&aside);
            return Err(e);
        }
        // Close this book's connections before the file under them changes.
        *self = Store::open_in_memory()?;
        if let Err(e) = std::fs::rename(&aside, &path) {
            let _ = std::fs::remove_file(&aside);
            *self = Store::open_with(&path, old.as_ref())?;
            return Err(e.into());
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut done = Rekeyed::default();
        for b in backup::list(&path)? {
            // A backup that does not open with the old key (one kept from before a change) is left as it is.
            match rekey_file(&b.path, old.as_ref(), new.as_ref()) {
                Ok(()) => done.backups += 1,
                Err(_) => done.left_as_they_were.push(b.name),
            }
        }
        *self = Store::open_with(&path, new.as_ref())?;
        Ok(done)
    }
}
