//! Backups on real files: consistent copies, rotation, restore with a check first, and a damaged book reported
//! with the backup to restore.

use chrono::{DateTime, Duration, Utc};
use rapport_core::model::*;
use rapport_core::store::backup;
use rapport_core::Store;
use tempfile::TempDir;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn add(store: &mut Store, name: &str) -> String {
    store.add_customer(NewCustomer { name: name.into(), ..Default::default() }, t("2026-11-23T16:00:00Z")).unwrap().id
}

#[test]
fn a_backup_is_a_whole_readable_copy_and_restoring_it_brings_the_book_back() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.load_demo(t("2026-11-23T16:00:00Z")).unwrap();
    let taken = store.backup(t("2026-11-23T16:00:00Z")).unwrap();
    assert!(taken.path.starts_with(dir.path().join("backups")));
    backup::check(&taken.path).unwrap();

    // Things change after the backup …
    let later = add(&mut store, "Added after the backup");
    let count = store.customer_count().unwrap();
    // … and restoring brings the book back as it was, keeping the current one as a backup first.
    let before = store.restore(&taken.path, t("2026-11-23T17:00:00Z")).unwrap();
    assert_eq!(store.customer_count().unwrap(), count - 1);
    assert!(store.customer(&later).is_err());
    let saved = Store::open(&before.path).unwrap();
    assert_eq!(saved.customer_count().unwrap(), count, "the book as it was before the restore is kept");
}

#[test]
fn restore_checks_the_file_first_and_changes_nothing_when_it_is_bad() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    add(&mut store, "Ann");
    let junk = dir.path().join("not-a-backup.sqlite3");
    std::fs::write(&junk, b"this is not a database".repeat(300)).unwrap();
    let err = store.restore(&junk, t("2026-11-23T16:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert_eq!(store.customer_count().unwrap(), 1);
    assert!(store.backups().unwrap().is_empty(), "nothing was backed up or replaced");
}

#[test]
fn rotation_keeps_seven_days_then_four_weeks() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let start = t("2026-09-01T12:00:00Z");
    for day in 0..80 {
        store.backup(start + Duration::days(day)).unwrap();
        // Two backups on some days: only the newest of the day is kept (but all of the latest day).
        if day % 10 == 0 {
            store.backup(start + Duration::days(day) + Duration::hours(3)).unwrap();
        }
    }
    let kept = store.backups().unwrap();
    assert_eq!(kept.len(), 11, "7 daily + 4 weekly: {:?}", kept.iter().map(|b| &b.name).collect::<Vec<_>>());
    let days: Vec<_> = kept.iter().map(|b| b.taken_at.date_naive()).collect();
    assert_eq!(days[0], (start + Duration::days(79)).date_naive());
    assert_eq!(days[6], (start + Duration::days(73)).date_naive());
    assert!(days[7..].windows(2).all(|w| (w[0] - w[1]).num_days() >= 7), "weekly after the first week: {days:?}");
}

#[test]
fn a_daily_backup_is_taken_once_a_day() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    assert!(store.backup_if_due(t("2026-11-23T08:00:00Z")).unwrap().is_some());
    assert!(store.backup_if_due(t("2026-11-23T18:00:00Z")).unwrap().is_none());
    assert!(store.backup_if_due(t("2026-11-24T08:00:00Z")).unwrap().is_some());
}

#[test]
fn a_damaged_book_is_reported_with_the_newest_good_backup_and_not_overwritten() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        add(&mut store, "Ann");
        store.backup(t("2026-11-22T16:00:00Z")).unwrap();
    }
    // The file is overwritten by something else entirely (a sync tool gone wrong, a bad disk).
    let _ = std::fs::remove_file(dir.path().join("book.sqlite3-wal"));
    let _ = std::fs::remove_file(dir.path().join("book.sqlite3-shm"));
    std::fs::write(&db, b"garbage".repeat(2000)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).err().expect("refused").to_string();
    assert!(err.contains("rapport restore") && err.contains("backups/book/book-2026-11-22T160000Z.sqlite3"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn backups_of_the_default_book_made_before_books_had_a_folder_each_are_still_listed() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("rapport.sqlite3");
    let mut store = Store::open(&db).unwrap();
    add(&mut store, "Ann Berger");
    let new = store.backup(t("2026-11-23T16:00:00Z")).unwrap();
    assert_eq!(new.path.parent().unwrap(), dir.path().join("backups/rapport"));
    // Where an older Rapport put it.
    let old = dir.path().join("backups/rapport-2026-11-20T090000Z.sqlite3");
    std::fs::copy(&new.path, &old).unwrap();
    let names: Vec<_> = store.backups().unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, ["rapport-2026-11-23T160000Z.sqlite3", "rapport-2026-11-20T090000Z.sqlite3"]);
    // Another book in the same folder does not see them.
    let other = Store::open(&dir.path().join("bob.sqlite3")).unwrap();
    assert!(other.backups().unwrap().is_empty());
}

#[test]
fn what_a_killed_backup_left_is_cleared_by_the_next_one() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    let store = Store::open(&db).unwrap();
    let folder = store.backup_folder();
    std::fs::create_dir_all(&folder).unwrap();
    let old = folder.join("book-2026-11-01T100000Z.partial");
    let fresh = folder.join("book-2026-11-23T160000Z.partial");
    std::fs::write(&old, b"half a backup").unwrap();
    std::fs::write(&fresh, b"another process's backup in progress").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(an_hour_ago).unwrap();
    store.backup(t("2026-11-23T17:00:00Z")).unwrap();
    assert!(!old.exists(), "a stale partial is removed");
    assert!(fresh.exists(), "a recent one may be another process's, still being written");
}
