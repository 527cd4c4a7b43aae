//! The standing fault suite: the real binary killed (`kill -9`) at random points of an import, a restore, a backup, a
//! big write and a run of adds; a full disk; a read-only disk; a book locked by another program. After every fault
//! the book is whole — SQLite's integrity check passes and it holds the old state or the whole new one — and the
//! message says what happened. `RAPPORT_FAULT_TRIALS=500` runs a longer suite than the 50 kills CI runs.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rapport_tests::{binary, Sandbox};

/// A small, fixed sequence of choices (xorshift): the same trials in every run, so a failure can be replayed.
struct Choices(u64);

impl Choices {
    fn pick(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn integrity(s: &Sandbox) -> String {
    let book = rusqlite::Connection::open(&s.db).expect("the book opens");
    book.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check")
}

fn count(s: &Sandbox) -> usize {
    s.json(&["customers", "list"]).as_array().unwrap().len()
}

/// A Google Contacts CSV of `n` people, each with their own email.
fn google_csv(s: &Sandbox, n: usize) -> std::path::PathBuf {
    let mut text = String::from("Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Notes\n");
    for i in 0..n {
        text += &format!("Person {i},Person,{i},* Home,person{i}@example.com,Met at the spring open house #{i}\n");
    }
    let path = s.dir.path().join("contacts.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Starts `rapport ARGS…`, kills it after `after`, and waits for it.
fn kill_after(s: &Sandbox, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(binary())
        .args(args)
        .envs(s.env())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rapport starts");
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    true
}

#[test]
fn killed_at_any_point_the_book_is_the_old_one_or_the_whole_new_one() {
    let trials: u64 = std::env::var("RAPPORT_FAULT_TRIALS").ok().and_then(|n| n.parse().ok()).unwrap_or(50);
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let demo = count(&s);
    let name = s.json(&["backup"])["name"].as_str().unwrap().to_string();
    let backup = s.dir.path().join("backups/book").join(name).to_str().unwrap().to_string();
    let csv = google_csv(&s, 2_000);
    let csv = csv.to_str().unwrap().to_string();
    let mut choices = Choices(0x6b69_6c6c_2026_1206);
    let mut killed = 0;
    for trial in 0..trials {
        let before = count(&s);
        let (what, args): (&str, Vec<&str>) = match trial % 5 {
            0 => ("import", vec!["import", "csv", &csv]),
            1 => ("restore", vec!["restore", &backup]),
            2 => ("backup", vec!["backup"]),
            3 => ("generate", vec!["generate", "--customers", "3000"]),
            _ => ("add", vec!["customers", "add", "Kill Nine", "--email", "kill@example.com"]),
        };
        // Quick commands are killed early: the command line starts in a few milliseconds (it loads none of the
        // window's libraries), so most of a quick command's life is opening the book and writing.
        let after = match what {
            "backup" | "add" => Duration::from_millis(2 + choices.pick(15)),
            _ => Duration::from_millis(5 + choices.pick(300)),
        };
        killed += usize::from(kill_after(&s, &args, after));
        assert_eq!(integrity(&s), "ok", "trial {trial}: {what} killed after {after:?}");
        let now = count(&s);
        let whole = match what {
            "import" => now == before || now >= before + 1_000,
            "restore" => now == before || now == demo,
            "generate" => now == before || now == before + 3_000,
            "add" => now == before || now == before + 1,
            _ => now == before,
        };
        assert!(whole, "trial {trial}: {what} killed after {after:?} left {now} customers (before: {before})");
        // Every file offered as a backup is a whole, readable book.
        for b in s.json(&["backup", "--list"]).as_array().unwrap() {
            let path = s.dir.path().join("backups/book").join(b["name"].as_str().unwrap());
            let copy =
                rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let ok: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
            assert_eq!(ok, "ok", "trial {trial}: backup {} after {what} was killed", path.display());
        }
        // Keep the book small enough for the next trial to be killed mid-way again.
        if now > 20_000 {
            s.ok(&["restore", &backup]);
        }
    }
    assert!(killed as u64 >= trials / 2, "most trials were killed mid-way: {killed} of {trials}");
    eprintln!("{killed} of {trials} trials killed mid-way; the book whole after every one");
}

#[test]
fn a_book_locked_by_another_program_waits_then_says_so_and_nothing_is_lost() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ana Souza"]);
    let other = rusqlite::Connection::open(&s.db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; UPDATE customers SET name = name;").unwrap();
    let started = Instant::now();
    let out = s.rapport(&["--json", "customers", "add", "Bea Lund"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("\"busy\""), "{err}");
    assert!(started.elapsed() >= Duration::from_secs(4), "it waited for the other program first");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert_eq!(s.customer_names(), ["Ana Souza"]);
    s.ok(&["customers", "add", "Bea Lund"]);
    assert_eq!(integrity(&s), "ok");
}

/// Runs `script` with a small tmpfs mounted at `$DISK` (as root, or in a user namespace with `unshare -rm`).
/// `None` when this machine allows neither: the caller says so and skips.
fn on_a_small_disk(s: &Sandbox, kib: u64, script: &str) -> Option<std::process::Output> {
    let disk = s.dir.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let body = format!(
        "set -e\nmount -t tmpfs -o size={kib}k,mode=0700 tmpfs \"$DISK\"\n{script}\numount \"$DISK\" 2>/dev/null || true\n"
    );
    let root = rustix_uid_is_root();
    let mut cmd = if root {
        Command::new("sh")
    } else {
        let mut c = Command::new("unshare");
        c.args(["-rm", "sh"]);
        c
    };
    let out = cmd
        .args(["-c", &body])
        .envs(s.env())
        .env("DISK", &disk)
        .env("RAPPORT", binary())
        .env("RAPPORT_DB", disk.join("book.sqlite3"))
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && (err.contains("mount:") || err.contains("unshare:")) {
        return None;
    }
    Some(out)
}

fn rustix_uid_is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_full_disk_gives_a_clear_error_and_an_intact_book() {
    let s = Sandbox::new();
    let csv = google_csv(&s, 20_000);
    // The demo book fits; twenty thousand more people do not.
    let script = format!(
        r#"
"$RAPPORT" demo >/dev/null
before=$("$RAPPORT" --json customers list | grep -c '"id"')
if "$RAPPORT" import csv "{csv}" >/dev/null 2>"$DISK/../err.txt"; then echo "IMPORTED"; fi
cp "$DISK/../err.txt" "$DISK/../err-copy.txt"
after=$("$RAPPORT" --json customers list | grep -c '"id"')
echo "BEFORE $before AFTER $after"
"$RAPPORT" customers add "Still Works" >/dev/null 2>&1 && echo "ADDED" || echo "NOT ADDED"
"#,
        csv = csv.display()
    );
    let Some(out) = on_a_small_disk(&s, 1_400, &script) else {
        eprintln!("skipped: this machine allows neither mounting a tmpfs nor `unshare -rm`");
        return;
    };
    let said = String::from_utf8_lossy(&out.stdout);
    let err = std::fs::read_to_string(s.dir.path().join("err.txt")).unwrap_or_default();
    assert!(!said.contains("IMPORTED"), "{said} {err}");
    assert!(err.contains("full") || err.contains("No space left"), "a full disk is named: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let counts: Vec<&str> = said.split_whitespace().collect();
    let before = counts.iter().position(|w| *w == "BEFORE").map(|i| counts[i + 1]);
    let after = counts.iter().position(|w| *w == "AFTER").map(|i| counts[i + 1]);
    assert!(before.is_some() && before == after, "nothing half-imported: {said}");
}

#[test]
fn a_read_only_disk_refuses_writes_by_name_and_keeps_the_book() {
    let s = Sandbox::new();
    let script = r#"
"$RAPPORT" customers add "Ana Souza" >/dev/null
mount -o remount,ro "$DISK"
"$RAPPORT" customers add "Bea Lund" >/dev/null 2>"$DISK/../err.txt" && echo "WROTE" || echo "REFUSED"
mount -o remount,rw "$DISK"
"$RAPPORT" --json customers list
"#;
    let Some(out) = on_a_small_disk(&s, 4_096, script) else {
        eprintln!("skipped: this machine allows neither mounting a tmpfs nor `unshare -rm`");
        return;
    };
    let said = String::from_utf8_lossy(&out.stdout);
    let err = std::fs::read_to_string(s.dir.path().join("err.txt")).unwrap_or_default();
    assert!(said.contains("REFUSED"), "{said}");
    assert!(err.contains("read-only") || err.contains("readonly") || err.contains("Read-only"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(said.contains("Ana Souza") && !said.contains("Bea Lund"), "{said}");
}

const MIGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/migrations");

/// How many migrations there are: the schema version a book is brought up to.
fn latest_schema() -> i64 {
    let files = std::fs::read_dir(MIGRATIONS).expect("the migrations").filter_map(Result::ok);
    files.filter(|f| f.path().extension().is_some_and(|e| e == "sql")).count() as i64
}

/// The book as the version before the agenda's ready rows (schema 5) left it: every object migration 6 and later
/// ones make is dropped again (read from the migrations themselves), and the indexes they replaced are as they were
/// (as migrations 1 to 5 made them).
fn back_to_schema_5(db: &std::path::Path) {
    let book = rusqlite::Connection::open(db).unwrap();
    let mut all: Vec<_> = std::fs::read_dir(MIGRATIONS).unwrap().filter_map(Result::ok).map(|f| f.path()).collect();
    all.sort();
    let later = |p: &&std::path::PathBuf| p.file_name().is_some_and(|n| n.to_string_lossy().as_ref() >= "0006");
    // The indexes of schema 5, by name, as written (one statement a line).
    let mut old_indexes = std::collections::BTreeMap::new();
    for path in all.iter().filter(|p| !later(p)) {
        for line in std::fs::read_to_string(path).expect("the migration").lines() {
            if let ["CREATE", "INDEX", name, ..] = line.split_whitespace().collect::<Vec<_>>().as_slice() {
                old_indexes.insert(name.to_string(), line.to_string());
            }
        }
    }
    let mut replaced = Vec::new();
    for path in all.iter().filter(later) {
        let sql = std::fs::read_to_string(path).expect("the migration");
        for line in sql.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["DROP", "INDEX", "IF", "EXISTS", name] | ["DROP", "INDEX", name] => {
                    replaced.push(name.trim_end_matches(';').to_string());
                }
                ["CREATE", kind @ ("INDEX" | "TABLE" | "TRIGGER"), name, ..] => {
                    book.execute_batch(&format!("DROP {kind} IF EXISTS {name};")).unwrap();
                }
                ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] => {
                    book.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column};")).unwrap();
                }
                _ => {}
            }
        }
    }
    for name in replaced {
        if let Some(create) = old_indexes.get(&name) {
            book.execute_batch(&format!("DROP INDEX IF EXISTS {name}; {create}")).unwrap();
        }
    }
    book.execute_batch("PRAGMA user_version = 5;").unwrap();
}

#[test]
fn killed_during_a_migration_the_book_is_the_old_schema_or_the_new_one() {
    let s = Sandbox::new();
    s.ok(&["generate", "--customers", "4000"]);
    s.ok(&["customers", "list", "--limit", "1"]);
    back_to_schema_5(&s.db);
    let old = s.dir.path().join("schema-5.sqlite3");
    std::fs::copy(&s.db, &old).unwrap();
    let version = |s: &Sandbox| -> i64 {
        rusqlite::Connection::open(&s.db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    };
    let mut choices = Choices(0x6d69_6772_6174_6521);
    let (mut before, mut after) = (0, 0);
    for trial in 0..12 {
        std::fs::copy(&old, &s.db).unwrap();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", s.db.display()));
        }
        let when = Duration::from_millis(40 + choices.pick(160));
        kill_after(&s, &["customers", "list", "--limit", "1"], when);
        assert_eq!(integrity(&s), "ok", "trial {trial}: killed after {when:?}");
        match version(&s) {
            5 => before += 1,
            v if v > 5 && v <= latest_schema() => after += 1,
            v => panic!("trial {trial}: schema {v}"),
        }
        // Whichever it is, the next command brings it up to date and reads every customer.
        assert_eq!(count(&s), 4000, "trial {trial}");
        assert_eq!(version(&s), latest_schema());
    }
    eprintln!("{before} trials killed before the migration landed, {after} after; the book whole each time");
}
