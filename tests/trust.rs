//! A book you can trust (issue 12, the parts done so far): no panic on an absurd number, a damaged book restored by
//! the command its error gives, every file Rapport writes
//! readable by its owner only, exports that never replace a file unless asked and never follow a planted link.

use std::os::unix::fs::PermissionsExt;

use rapport_tests::Sandbox;

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o777
}

#[test]
fn an_agenda_too_far_ahead_is_refused_with_a_reason_not_a_panic() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let out = s.rapport(&["agenda", "--days", "100000000"]);
    assert!(!out.status.success() && out.status.code() != Some(101), "a bad value, not a crash: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("days") && err.contains("too far ahead"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The most a salesperson would ask still works.
    s.ok(&["agenda", "--days", "3660", "--json"]);
}

#[test]
fn every_file_rapport_writes_is_its_owners_only() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza", "--tz", "America/Sao_Paulo"]);
    assert_eq!(mode(&s.db), 0o600, "the book");
    for suffix in ["-wal", "-shm"] {
        let p = std::path::PathBuf::from(format!("{}{suffix}", s.db.display()));
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
    }
    s.ok(&["backup"]);
    let backups = s.db.parent().unwrap().join("backups");
    assert_eq!(mode(&backups), 0o700, "the backups folder");
    assert_eq!(mode(&backups.join("book")), 0o700, "the book's own backups folder");
    for e in std::fs::read_dir(backups.join("book")).unwrap().flatten() {
        assert_eq!(mode(&e.path()), 0o600, "{}", e.path().display());
    }
    let out = s.dir.path().join("book.json");
    s.ok(&["export", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(mode(&out), 0o600, "the export");

    // A book someone made readable to others is made private again when Rapport opens it.
    std::fs::set_permissions(&s.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    s.ok(&["customers", "list"]);
    assert_eq!(mode(&s.db), 0o600);
}

#[test]
fn an_export_replaces_a_file_only_when_asked_and_never_follows_a_link() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza"]);
    let out = s.dir.path().join("book.json");
    std::fs::write(&out, "my tax return").unwrap();
    let err = s.fails(&["export", "json", "--out", out.to_str().unwrap()]);
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my tax return", "nothing was written");
    s.ok(&["export", "json", "--out", out.to_str().unwrap(), "--force"]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Ana Souza"));

    // A link planted where the export goes: replacing it replaces the link, never the file it points to.
    let target = s.dir.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = s.dir.path().join("contacts.vcf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = s.fails(&["export", "vcard", "--out", link.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    s.ok(&["export", "vcard", "--out", link.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link itself was replaced");
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn escape_sequences_in_customer_text_never_reach_the_terminal() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Eve \u{1b}[2J\u{1b}]0;pwned\u{7}Mallory"]);
    let shown = s.ok(&["customers", "list"]);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
    assert!(shown.contains("Eve") && shown.contains("Mallory"), "{shown:?}");
    // JSON keeps the text as it is, escaped by JSON itself.
    let json = s.json(&["customers", "list"]);
    assert!(json[0]["name"].as_str().unwrap().contains('\u{1b}'));
}

/// One mistyped value is refused at the door with a message naming it, and the book keeps working: an
/// interaction in the year 9999 and an oil change every four billion months once broke the whole book.
#[test]
fn one_bad_value_is_refused_and_the_book_keeps_working() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Ana Souza", "--tz", "America/New_York"]);
    let id = c["id"].as_str().unwrap();
    let err = s.fails(&[
        "interactions",
        "add",
        id,
        "--channel",
        "phone",
        "--direction",
        "in",
        "--summary",
        "Called",
        "--at",
        "9999-12-31T23:59",
    ]);
    assert!(err.contains("outside the years 1900–2200"), "{err}");
    let err = s.fails(&["purchases", "add", id, "2026 Civic", "--service", "Oil:4294967295:4294967295"]);
    assert!(err.contains("included service") && err.contains("at most"), "{err}");
    let err = s.fails(&["promises", "add", id, "Plates", "--due", "20261-01-01"]);
    assert!(!err.contains("panicked"), "{err}");
    // Nothing of it was written, and everything still reads.
    let page = s.json(&["customers", "show", id]);
    assert_eq!(page["interactions"].as_array().unwrap().len(), 0);
    assert_eq!(page["purchases"].as_array().unwrap().len(), 0);
    s.ok(&["agenda", "--json"]);
    s.ok(&["export", "json"]);

    // The same values in a book file are refused, naming the customer and field, and nothing is imported.
    let mut book: serde_json::Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    book["customers"][0]["interactions"] = serde_json::json!([{
        "id": "01a2f000-0000-7000-8000-000000000001", "customer_id": id, "at": "9999-12-31T23:59:00Z",
        "channel": "phone", "direction": "in", "summary": "x", "quotes": []
    }]);
    book["customers"][0]["customer"]["id"] = serde_json::json!("01a2f000-0000-7000-8000-0000000000aa");
    let file = s.dir.path().join("bad.json");
    std::fs::write(&file, book.to_string()).unwrap();
    let other = Sandbox::new();
    let err = other.fails(&["import", "json", file.to_str().unwrap()]);
    assert!(err.contains("outside the years") && err.contains("interaction"), "{err}");
    assert_eq!(other.json(&["customers", "list"]).as_array().unwrap().len(), 0, "nothing imported");
}

/// A damaged book names its newest good backup and the command to restore it; that command works although the book
/// cannot be opened, the damaged file is kept (never deleted or written into), and a backup that is missing or is
/// a pipe is named as such without touching the book.
#[test]
fn a_damaged_book_is_restored_by_the_command_its_error_gives() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza"]);
    s.ok(&["backup"]);
    s.ok(&["customers", "add", "Bo Lindqvist"]);

    // A disk error or a sync tool leaves the book unreadable.
    let garbage = b"this was a book until a sync tool wrote over it".repeat(200);
    std::fs::write(&s.db, &garbage).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.db.display()));
    }
    let err = s.fails(&["customers", "list"]);
    assert!(err.contains("not a readable Rapport database") && err.contains("rapport restore"), "{err}");
    let backup = err.split("rapport restore \"").nth(1).and_then(|r| r.split('"').next()).expect("a backup named");

    // A backup that is not there, or is a pipe, is refused by name and the damaged book is left as it was.
    let missing = s.dir.path().join("backups/book/book-2020-01-01T000000Z.sqlite3");
    let err = s.fails(&["restore", missing.to_str().unwrap()]);
    assert!(err.contains("no such file"), "{err}");
    let pipe = s.dir.path().join("a-pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let err = s.fails(&["restore", pipe.to_str().unwrap()]);
    assert!(err.contains("not a regular file"), "{err}");
    assert_eq!(std::fs::read(&s.db).unwrap(), garbage, "the damaged book is untouched by a refused restore");

    // The command the error gave works.
    let done = s.json(&["restore", backup]);
    let kept = std::path::PathBuf::from(done["damaged_book_kept_as"].as_str().unwrap());
    assert_eq!(std::fs::read(&kept).unwrap(), garbage, "the damaged book is kept, byte for byte");
    let names = s.customer_names();
    assert_eq!(names, ["Ana Souza"], "the book is the backup");
    s.ok(&["customers", "add", "Cy Okafor"]);
    // Nothing is left behind: no copy being restored beside the book, only whole files among the backups.
    let leftovers: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .chain(std::fs::read_dir(s.dir.path().join("backups/book")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("restoring") || n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The kept damaged file is not offered as a backup.
    let backups = s.json(&["backup", "--list"]);
    assert!(!backups.to_string().contains("damaged-"), "{backups}");
    assert!(kept.starts_with(s.dir.path().join("backups/book")) && kept.to_string_lossy().contains("book-damaged-"));
}

/// An emptied book (a sync tool, a full disk) with backups beside it, or another program's database given as the
/// book, is refused rather than made into a new empty book; nothing is written into either.
#[test]
fn an_emptied_book_or_another_programs_database_is_never_written_into() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza"]);
    s.ok(&["backup"]);
    // The book's changes are all in the main file once no connection is open; then it is emptied.
    std::fs::write(&s.db, b"").unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.db.display()));
    }
    let err = s.fails(&["customers", "list"]);
    assert!(err.contains("rapport restore"), "{err}");
    assert_eq!(std::fs::metadata(&s.db).unwrap().len(), 0, "still empty: not made into a new book");
    let backup = err.split("rapport restore \"").nth(1).and_then(|r| r.split('"').next()).unwrap();
    s.ok(&["restore", backup]);
    assert_eq!(s.json(&["customers", "list"]).as_array().unwrap().len(), 1);

    let other = Sandbox::new();
    let foreign = rusqlite::Connection::open(&other.db).unwrap();
    foreign.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread');").unwrap();
    drop(foreign);
    let before = std::fs::read(&other.db).unwrap();
    let err = other.fails(&["customers", "list"]);
    assert!(err.contains("not a readable Rapport database"), "{err}");
    assert_eq!(std::fs::read(&other.db).unwrap(), before, "the other program's database is untouched");
    // Nor is it accepted as a backup.
    let err = s.fails(&["restore", other.db.to_str().unwrap()]);
    assert!(err.contains("not a readable Rapport database"), "{err}");
}

#[test]
fn two_books_in_one_folder_keep_their_own_backups_and_their_own_advice() {
    let s = Sandbox::new();
    let alice = s.dir.path().join("alice.sqlite3");
    let bob = s.dir.path().join("bob.sqlite3");
    let (alice, bob) = (alice.to_str().unwrap(), bob.to_str().unwrap());
    s.ok(&["--db", alice, "customers", "add", "Ana Souza"]);
    s.ok(&["--db", alice, "--now", "2026-09-01T10:00:00Z", "backup"]);
    s.ok(&["--db", bob, "customers", "add", "Bea Lund"]);
    // Two months of bob's daily backups: his rotation keeps 7 days and 4 weeks of his own, and none of alice's.
    let days = (2..=30).map(|d| format!("2026-09-{d:02}")).chain((1..=31).map(|d| format!("2026-10-{d:02}")));
    for day in days {
        s.ok(&["--db", bob, "--now", &format!("{day}T10:00:00Z"), "backup"]);
    }
    let alices = s.json(&["--db", alice, "backup", "--list"]);
    assert_eq!(alices.as_array().unwrap().len(), 1, "{alices}");
    assert!(alices[0]["name"].as_str().unwrap().starts_with("alice-2026-09-01"), "{alices}");
    let bobs = s.json(&["--db", bob, "backup", "--list"]);
    assert!(bobs.as_array().unwrap().iter().all(|b| b["name"].as_str().unwrap().starts_with("bob-")), "{bobs}");
    assert!(bobs.as_array().unwrap().len() <= 11, "bob's rotation ran: {bobs}");

    // Alice's book is damaged: the advice names her backup, and restoring it gives her customers back.
    std::fs::write(alice, b"this is not a database, it only looks like a book file").unwrap();
    let err = s.fails(&["--db", alice, "customers", "list"]);
    let backup = err.split("rapport restore \"").nth(1).and_then(|r| r.split('"').next()).expect("a backup named");
    assert!(backup.contains("backups/alice/alice-"), "{err}");
    s.ok(&["--db", alice, "restore", backup]);
    let names = s.json(&["--db", alice, "customers", "list"]);
    assert_eq!(names[0]["name"], "Ana Souza", "{names}");
}

#[test]
fn a_file_marked_as_another_programs_is_neither_opened_nor_restored() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza"]);
    // A copy of a real book, then stamped with another program's application id (as Fossil or GeoPackage do).
    let other = s.dir.path().join("other.sqlite3");
    let copy = rusqlite::Connection::open(&s.db).unwrap();
    copy.execute("VACUUM INTO ?1", [other.to_str().unwrap()]).unwrap();
    let marked = rusqlite::Connection::open(&other).unwrap();
    marked.pragma_update(None, "application_id", 0x4750_4b47).unwrap();
    drop(marked);
    let before = std::fs::read(&other).unwrap();
    let err = s.fails(&["restore", other.to_str().unwrap()]);
    assert!(err.contains("not a readable Rapport database"), "{err}");
    let err = s.fails(&["--db", other.to_str().unwrap(), "customers", "list"]);
    assert!(err.contains("not a readable Rapport database"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before, "untouched");
    assert_eq!(s.customer_names(), ["Ana Souza"]);
}

#[test]
fn an_answer_that_cannot_be_written_is_told_apart_from_a_command_that_failed() {
    let s = Sandbox::new();
    // A full disk under the redirect: the customer is saved, the confirmation is lost, and the exit says so.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out = std::process::Command::new(rapport_tests::binary())
        .args(["customers", "add", "Ana Souza"])
        .envs(s.env())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("could not be written") && err.contains("is saved"), "{err}");
    assert_eq!(s.customer_names(), ["Ana Souza"], "the work was done");
    // A reader that stops early (`| head -1`) is the same case, with --json a code to match on.
    let mut child = std::process::Command::new(rapport_tests::binary())
        .args(["--json", "export", "json"])
        .envs(s.env())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("\"output_lost\""), "{err}");
    // A command that fails before doing anything still exits 1.
    let out = s.rapport(&["customers", "show", "nobody-by-this-id"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn a_mistaken_record_is_corrected_or_removed_and_the_customers_words_stay() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Ana Souza", "--tz", "America/New_York"])["id"].as_str().unwrap().to_string();
    let logged = s.json(&[
        "interactions",
        "add",
        &c,
        "--channel",
        "phone",
        "--direction",
        "in",
        "--summary",
        "Called about the plates; asked us to stop calling",
        "--at",
        "2026-11-20T10:00",
    ]);
    let i = logged["id"].as_str().unwrap().to_string();
    s.ok(&[
        "prefs",
        "add",
        &c,
        "--words",
        "Please stop calling me, email is fine",
        "--means",
        "decline:phone",
        "--from",
        &i,
    ]);

    // The time was wrong: corrected, read in her zone as logging reads it.
    let fixed = s.json(&["interactions", "correct", &i[..13], "--at", "2026-11-19T10:00"]);
    assert_eq!(fixed["at"], "2026-11-19T15:00:00Z", "{fixed}");
    let err = s.fails(&["interactions", "correct", &i, "--at", "9999-12-31T23:59"]);
    assert!(err.contains("at") && err.contains("outside the years"), "{err}");

    // It was the wrong customer altogether: removed. Her words stay, and the Guard still keeps to them.
    let removed = s.json(&["remove", "interaction", &i]);
    assert_eq!(removed["statements_kept"], 1, "{removed}");
    let shown = s.json(&["customers", "show", &c]);
    assert!(shown["interactions"].as_array().unwrap().is_empty(), "{shown}");
    assert_eq!(shown["preferences"].as_array().unwrap().len(), 1, "{shown}");
    let verdict = s.json(&["check", "--customer", &c, "--channel", "phone", "--text", "Your plates are in"]);
    assert_eq!(verdict["decision"], "blocked", "{verdict}");
    assert!(verdict.to_string().contains("Please stop calling me"), "{verdict}");

    // A fact corrected, then removed; its hashtag goes with it.
    let f =
        s.json(&["facts", "add", &c, "Daughter starts at #stanford in the fall"])["id"].as_str().unwrap().to_string();
    let f2 =
        s.json(&["facts", "correct", &f, "--text", "Daughter starts at #berkeley in the fall", "--date", "2027-08-20"]);
    assert_eq!(f2["date"], "2027-08-20", "{f2}");
    let tags = s.json(&["customers", "show", &c])["tags"].to_string();
    assert!(tags.contains("berkeley") && !tags.contains("stanford"), "{tags}");
    s.ok(&["remove", "fact", &f]);
    let shown = s.json(&["customers", "show", &c]);
    assert!(
        shown["facts"].as_array().unwrap().is_empty() && !shown["tags"].to_string().contains("berkeley"),
        "{shown}"
    );

    // What cannot be removed is named.
    let err = s.fails(&["remove", "statement", "01"]);
    assert!(err.contains("not a record that can be removed"), "{err}");
    let err = s.fails(&["remove", "purchase", "0123"]);
    assert!(err.contains("no purchase matches"), "{err}");
}

#[test]
fn a_row_an_older_version_let_in_is_removed_and_the_book_works_again() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let c = s.json(&["customers", "list"])[0]["id"].as_str().unwrap().to_string();
    // Written as an older Rapport let it in: a contact dated in the year 10000, a service due every 4 billion months.
    let book = rusqlite::Connection::open(&s.db).unwrap();
    book.execute(
        "INSERT INTO interactions (id, customer_id, at, channel, direction, summary, quotes)
         VALUES ('01a24b40-dead-7000-8000-000000000001', ?1, '+10000-01-01T04:59:00Z', 'phone', 'out', 'typo', '[]')",
        [&c],
    )
    .unwrap();
    book.execute(
        "INSERT INTO purchases (id, customer_id, description, purchased_on, ownership)
         VALUES ('01a24b40-dead-7000-8000-000000000002', ?1, 'Oil plan', '2026-01-01', 'cash')",
        [&c],
    )
    .unwrap();
    book.execute(
        "INSERT INTO included_services (id, purchase_id, name, every_months, total, used)
         VALUES ('01a24b40-dead-7000-8000-000000000003', '01a24b40-dead-7000-8000-000000000002', 'Oil', 4294967295, 4294967295, 0)",
        [],
    )
    .unwrap();
    drop(book);
    // The agenda of everyone else still comes; what cannot read the bad row names it, its field and the repair.
    s.ok(&["agenda", "--days", "30"]);
    for args in [&["customers", "show", c.as_str()][..], &["export", "json"]] {
        let err = s.fails(args);
        assert!(err.contains(&format!("record 01a24b40-dead-7000-8000-000000000001 of customer {c}")), "{err}");
        assert!(err.contains("its at '+10000-01-01T04:59:00Z'"), "{err}");
        assert!(err.contains("rapport remove"), "{err}");
    }
    let out = s.rapport(&["--json", "export", "json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"unreadable_record\""), "{out:?}");
    // Removing a record by its id needs no reading of it.
    s.ok(&["remove", "interaction", "01a24b40-dead-7000-8000-000000000001"]);
    s.ok(&["remove", "purchase", "01a24b40-dead-7000-8000-000000000002"]);
    s.ok(&["customers", "show", &c]);
    s.ok(&["agenda", "--days", "30"]);
    s.ok(&["export", "json"]);
}

#[test]
fn unexpected_errors_are_logged_beside_the_book_without_customer_text() {
    let s = Sandbox::new();
    let log = s.dir.path().join("logs/rapport.log");
    // What a salesperson typed wrong is an answer, not something to diagnose: no log.
    let err = s.fails(&["customers", "add", "Ana Souza", "--tz", "Mars/Olympus"]);
    assert!(err.contains("Mars/Olympus"), "{err}");
    let id = s.json(&["customers", "add", "Ana Souza", "--tz", "America/New_York"])["id"].as_str().unwrap().to_string();
    s.ok(&["notes", "add", &id, "Her divorce is final next week; keep it quiet"]);
    assert!(!log.exists(), "nothing unexpected happened yet");

    // The book is overwritten: that is logged, with the command and the cause — and nothing a customer said.
    std::fs::write(&s.db, b"not a book at all".repeat(100)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.db.display()));
    }
    s.fails(&["customers", "show", &id]);
    let text = std::fs::read_to_string(&log).expect("the log is written");
    assert!(text.contains(" not_a_database customers: "), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(!text.contains("Ana") && !text.contains("divorce"), "{text}");
    assert_eq!(mode(&log), 0o600, "owner-only like every file Rapport writes");
}

/// Values that have broken programs before: out-of-range dates and numbers, overflows, markup, escapes, other
/// scripts, a very long word, empty and blank.
fn nasty_values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "-1",
        "0",
        "1",
        "4294967295",
        "18446744073709551616",
        "9999-12-31",
        "9999-12-31T23:59",
        "0000-01-01",
        "2026-02-30",
        "1899-12-31",
        "2201-01-01",
        "2026-12-06T25:61",
        "Mars/Olympus",
        "America/New_York",
        "phone",
        "email",
        "in",
        "out",
        "prefer:email",
        "hours:23:00-01:00",
        "min-days:0",
        "min-days:99999999",
        "topic:",
        "Oil:0:0",
        "Oil:4294967295:1",
        "Oil:6:3",
        "Plates:9999-12-31",
        "<b>x</b><script>",
        "\u{1b}[31mred",
        "ñandú 😀 日本",
        "%s%n%x",
        "'; DROP TABLE customers;--",
        "NaN",
        "1e309",
        "--json",
        "-",
        "/dev/null",
        "interaction",
        "fact",
        "01",
        "Mon,Funday",
        "08:30-17:30",
        "17:30-08:30",
        "json",
        "csv",
        "vcard",
        "card",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(5000));
    v
}

/// Every command, with `{C}` for a customer's id and `{V}` for a value.
const SHAPES: &[&str] = &[
    "customers add {V} --tz {V}",
    "customers add {V} --email {V} --phone {V} --tag {V}",
    "customers show {V}",
    "customers list --limit {V} --offset {V}",
    "customers search {V} --limit {V}",
    "customers edit {C} --name {V} --tz {V}",
    "contact-points add {C} phone {V}",
    "contact-points add {C} {V} {V}",
    "facts add {C} {V} --date {V} --learned {V}",
    "facts correct {V} --text {V} --date {V}",
    "goals add {C} {V} --stated {V}",
    "notes add {C} {V}",
    "tags add {C} {V}",
    "purchases add {C} {V} --on {V} --year {V} --service {V} --deliverable {V}",
    "promises add {C} {V} --due {V} --made {V}",
    "promises keep {V}",
    "issues open {C} {V} --next-update {V}",
    "interactions add {C} --channel {V} --direction {V} --summary {V} --at {V}",
    "interactions add {C} --channel phone --direction out --summary {V} --at {V} --purpose {V}",
    "interactions correct {V} --at {V} --summary {V}",
    "prefs add {C} --words {V} --means {V} --said {V}",
    "profile set --tz {V} --hours {V} --days {V}",
    "agenda --days {V}",
    "agenda --days {V} --json",
    "check --customer {C} --channel {V} --at {V} --text {V} --topic {V}",
    "listen --customer {C} --at {V} /dev/null",
    "lint --customer {C} /dev/null",
    "draft thank-you --customer {C} --format {V}",
    "reminders add {C} --value {V} --due {V}",
    "reasons snooze {V} --until {V}",
    "remove {V} {V}",
    "--now {V} customers list",
    "export {V}",
    "import {V} /dev/null",
    "held-back --customer {V} --limit {V}",
];

/// A small, fixed sequence of choices (xorshift): the same cases in every run, so a failure can be replayed.
struct Choices(u64);

impl Choices {
    fn pick(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn no_command_panics_on_any_value_and_the_book_stays_whole() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let customer = s.json(&["customers", "list"])[0]["id"].as_str().unwrap().to_string();
    let values = nasty_values();
    let mut choices = Choices(0x5261_7070_2026_1206);
    let cases = SHAPES.len() * 6;
    let (mut accepted, mut reached) = (0, 0);
    for case in 0..cases {
        // Each shape in turn, with values chosen afresh each time.
        let shape = SHAPES[case % SHAPES.len()];
        let args: Vec<String> = shape
            .split(' ')
            .map(|w| match w {
                "{C}" => customer.clone(),
                "{V}" => values[choices.pick(values.len())].clone(),
                other => other.to_string(),
            })
            .collect();
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = s.rapport(&argv);
        let err = String::from_utf8_lossy(&out.stderr);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
        assert!(!err.contains("panicked"), "case {case} {shown:?} panicked: {err}");
        assert!(matches!(out.status.code(), Some(0..=2)), "case {case} {shown:?}: {:?} {err}", out.status);
        reached += usize::from(matches!(out.status.code(), Some(0 | 1)));
        accepted += usize::from(out.status.success());
        if out.status.code() == Some(1) {
            // A refusal says what is wrong, on one line.
            assert!(err.starts_with("rapport: ") || err.starts_with("{\"error\""), "case {case} {shown:?}: {err}");
        }
    }
    // The values reach the commands (not only the parser's refusals): some are taken, most are refused by name.
    assert!(reached >= cases / 3 && accepted >= cases / 20, "{reached} of {cases} reached a command, {accepted} taken");
    // Whatever was refused or accepted, the book is whole and every reader still works.
    let book = rusqlite::Connection::open(&s.db).unwrap();
    let ok: String = book.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    drop(book);
    s.ok(&["customers", "list"]);
    s.ok(&["agenda", "--days", "30"]);
    s.ok(&["export", "json"]);
    s.ok(&["customers", "show", &customer]);
}

/// `rapport ARGS…` with extra environment (a passphrase).
fn with_env(s: &Sandbox, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    std::process::Command::new(rapport_tests::binary())
        .args(args)
        .envs(s.env())
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_passphrase_encrypts_the_book_and_its_backups_and_opens_them_again() {
    let s = Sandbox::new();
    let id = s.json(&["customers", "add", "Ana Souza"])["id"].as_str().unwrap().to_string();
    s.ok(&["notes", "add", &id, "Her divorce is final next week; keep it quiet"]);
    s.ok(&["backup"]);
    let readable = |p: &std::path::Path| {
        let b = std::fs::read(p).unwrap();
        b.windows(7).any(|w| w == b"divorce") || b.windows(9).any(|w| w == b"Ana Souza")
    };
    let backups = s.dir.path().join("backups/book");
    let files = || -> Vec<std::path::PathBuf> {
        let mut f = vec![s.db.clone()];
        f.extend(std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()));
        f
    };

    // Asked for where it cannot be typed: refused by name, nothing changed.
    let err = s.fails(&["passphrase", "set"]);
    assert!(err.contains("RAPPORT_NEW_PASSPHRASE"), "{err}");
    let out = with_env(&s, &[("RAPPORT_NEW_PASSPHRASE", "short")], &["passphrase", "set"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8 characters"), "{out:?}");

    let pass = [("RAPPORT_NEW_PASSPHRASE", "correct horse battery")];
    let out = with_env(&s, &pass, &["passphrase", "set"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("encrypted, and 1 backup with it"), "{out:?}");
    for f in files() {
        assert!(!readable(&f), "{} is readable at rest", f.display());
    }

    // Without it, or with a wrong one, the book does not open and says why.
    let err = s.fails(&["customers", "list"]);
    assert!(err.contains("is encrypted with a passphrase"), "{err}");
    let out = with_env(&s, &[("RAPPORT_PASSPHRASE", "incorrect horse")], &["--json", "customers", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"wrong_passphrase\""), "{out:?}");
    let open = [("RAPPORT_PASSPHRASE", "correct horse battery")];
    let out = with_env(&s, &open, &["--json", "customers", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ana Souza"), "{out:?}");
    // A backup made now is encrypted too.
    assert!(with_env(&s, &open, &["backup"]).status.success());
    for f in files() {
        assert!(!readable(&f), "{} is readable at rest", f.display());
    }

    // Changed, then removed: the old one stops working; plain again at the end, backups too.
    let out = with_env(
        &s,
        &[("RAPPORT_PASSPHRASE", "correct horse battery"), ("RAPPORT_NEW_PASSPHRASE", "a brand new passphrase")],
        &["passphrase", "change"],
    );
    assert!(out.status.success(), "{out:?}");
    assert!(!with_env(&s, &open, &["customers", "list"]).status.success());
    let out = with_env(&s, &[("RAPPORT_PASSPHRASE", "a brand new passphrase")], &["passphrase", "remove"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(s.customer_names(), ["Ana Souza"]);
    assert!(readable(&s.db), "plain again");
    let names = s.json(&["backup", "--list"]);
    assert_eq!(names.as_array().unwrap().len(), 2, "{names}");
}

#[test]
fn an_imported_birthday_past_the_books_years_keeps_the_person_and_the_book_working() {
    let s = Sandbox::new();
    let vcf = s.dir.path().join("cards.vcf");
    std::fs::write(
        &vcf,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Far Future\nBDAY:9999-12-31\nEMAIL:far@example.com\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:3.0\nFN:Fine Person\nBDAY:1980-05-04\nEND:VCARD\n",
    )
    .unwrap();
    let csv = s.dir.path().join("google.csv");
    std::fs::write(&csv, "Name,Birthday,E-mail 1 - Value\nLate Comer,2999-01-01,late@example.com\n").unwrap();
    s.ok(&["import", "vcard", vcf.to_str().unwrap()]);
    s.ok(&["import", "csv", csv.to_str().unwrap()]);
    let book: serde_json::Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    let text = book.to_string();
    assert!(text.contains("Birthday: 9999-12-31") && text.contains("1980-05-04"), "{text}");
    assert!(!text.contains("\"date\":\"9999") && !text.contains("\"date\":\"2999"), "no date past 2200: {text}");
    assert_eq!(book["customers"].as_array().unwrap().len(), 3, "nobody lost");
    s.ok(&["agenda", "--days", "30"]);
}

#[test]
fn a_file_too_large_to_import_is_refused_before_it_is_read() {
    let s = Sandbox::new();
    let big = s.dir.path().join("everyone.csv");
    // Sparse: 600 MB on paper, nothing on the disk.
    std::fs::File::create(&big).unwrap().set_len(600 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let err = s.fails(&["import", "csv", big.to_str().unwrap()]);
    assert!(err.contains("600 MB") && err.contains("up to 512 MB") && err.contains("split it"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "refused without reading it");
    assert!(s.customer_names().is_empty());
}
