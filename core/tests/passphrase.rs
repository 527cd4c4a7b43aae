//! An encrypted book on real files: nothing readable at rest, the right passphrase opens it, a wrong one or none is
//! named as such, backups are encrypted with it, and changing or removing it re-keys the book and every backup.

use chrono::{DateTime, Utc};
use rapport_core::model::NewCustomer;
use rapport_core::store::{backup, Passphrase};
use rapport_core::Book as _;
use rapport_core::{Error, Store};
use tempfile::TempDir;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn contains(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_encrypted_book_and_its_backups_keep_nothing_readable_and_open_only_with_the_passphrase() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    let secret = "Her divorce is final next week";
    let mut store = Store::open(&db).unwrap();
    let id = store
        .add_customer(NewCustomer { name: "Ana Souza".into(), ..Default::default() }, t("2026-11-20T10:00:00Z"))
        .unwrap()
        .id;
    store
        .add_note(
            &id,
            rapport_core::model::NewNote {
                text: secret.into(),
                kind: rapport_core::model::NoteKind::Note,
                format: None,
                status: None,
            },
            t("2026-11-20T10:00:00Z"),
        )
        .unwrap();
    let plain_backup = store.backup(t("2026-11-20T11:00:00Z")).unwrap();
    drop(store);
    assert!(contains(&db, secret) || contains(&plain_backup.path, secret), "a plain book is readable at rest");

    // Turned on: the book and the backup from before are encrypted; nothing plain is left beside them.
    let pass = Passphrase::new("correct horse battery").unwrap();
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.set_passphrase(Some(pass.clone())).unwrap().backups, 1, "the one backup re-keyed");
    assert!(store.is_encrypted());
    store.backup(t("2026-11-21T11:00:00Z")).unwrap();
    drop(store);
    let mut files: Vec<std::path::PathBuf> = vec![db.clone()];
    files.extend(backup::list(&db).unwrap().into_iter().map(|b| b.path));
    assert_eq!(files.len(), 3);
    for f in &files {
        assert!(!contains(f, secret) && !contains(f, "Ana Souza"), "{} holds plain text", f.display());
        assert!(rapport_core::store::looks_encrypted(f), "{}", f.display());
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("rekeying") || n.ends_with("-wal") || n.ends_with("-shm"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Without it, or with a wrong one: named as such, nothing changed.
    let before = std::fs::read(&db).unwrap();
    assert!(matches!(Store::open(&db), Err(Error::Encrypted { .. })));
    let wrong = Passphrase::new("incorrect horse").unwrap();
    assert!(matches!(Store::open_with(&db, Some(&wrong)), Err(Error::WrongPassphrase { .. })));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // With it: the book as it was, and its backups check with the same passphrase.
    let store = Store::open_with(&db, Some(&pass)).unwrap();
    assert_eq!(store.customer_count().unwrap(), 1);
    for b in backup::list(&db).unwrap() {
        backup::check_with(&b.path, Some(&pass)).unwrap();
        assert!(backup::check(&b.path).is_err(), "not readable without it");
    }
    drop(store);

    // Changed: the old passphrase no longer opens the book or its backups.
    let new = Passphrase::new("a much longer passphrase now").unwrap();
    let mut store = Store::open_with(&db, Some(&pass)).unwrap();
    let changed = store.set_passphrase(Some(new.clone())).unwrap();
    assert_eq!((changed.backups, changed.left_as_they_were.len()), (2, 0));
    drop(store);
    assert!(matches!(Store::open_with(&db, Some(&pass)), Err(Error::WrongPassphrase { .. })));
    let mut store = Store::open_with(&db, Some(&new)).unwrap();
    // A backup restores into the encrypted book.
    let newest = backup::list(&db).unwrap().into_iter().next().unwrap();
    backup::check_with(&newest.path, Some(&new)).unwrap();
    store.restore(&newest.path, t("2026-11-22T10:00:00Z")).unwrap();
    assert_eq!(store.customer_count().unwrap(), 1);

    // Removed: a plain book again, backups too.
    store.set_passphrase(None).unwrap();
    assert!(!store.is_encrypted());
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.customer_count().unwrap(), 1);
    for b in backup::list(&db).unwrap() {
        backup::check(&b.path).unwrap();
    }
}

#[test]
fn a_damaged_book_is_not_taken_for_an_encrypted_one_and_a_short_passphrase_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    std::fs::write(&db, b"a sync tool wrote this over the book. ".repeat(100)).unwrap();
    assert!(matches!(Store::open(&db), Err(Error::NotADatabase { .. })));
    assert!(Passphrase::new("short").is_err());
    assert_eq!(format!("{:?}", Passphrase::new("never printed").unwrap()), "Passphrase(…)");
}

/// The calendar file beside the book is never written for an encrypted book — its customers' names would lie beside
/// it in plain text — and one written before the passphrase was set is removed.
#[test]
fn an_encrypted_book_keeps_no_calendar_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    let now: DateTime<Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    let mut store = Store::open(&db).unwrap();
    store.import_book(&rapport_core::demo::book(now)).unwrap();
    let file = rapport_core::io::ics::subscription_path(&db);
    assert!(store.keep_calendar_file(now, 30).unwrap());
    assert!(file.exists(), "written while the book is plain");
    store.set_passphrase(Some(Passphrase::new("correct horse battery").unwrap())).unwrap();
    assert!(!store.keep_calendar_file(now, 30).unwrap());
    assert!(!file.exists(), "removed once the book is encrypted");
}
