//! What the salesperson waits for at the command line: each command from start to exit, on a generated book,
//! next to its floor in the same run — the process starting (`--version`) and the book opening for one read
//! (`customers show`). Uses the release binary (`cargo build --release -p rapport` first, or `RAPPORT_BIN`).
//!
//! The book (`RAPPORT_BENCH_CUSTOMERS`, default 100,000) is generated once by `rapport generate` into
//! `target/bench/` and copied for each run, so the commands never change the kept one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = rapport_tests::BENCH_NOW;
const RUNS: usize = 15;

fn binary() -> PathBuf {
    rapport_tests::release_binary()
}

/// Runs `rapport ARGS` on `db`; returns its standard output (it must succeed).
fn rapport(db: &Path, args: &[&str]) -> String {
    rapport_tests::run_release(db.as_os_str(), &[], args)
}

fn kept_book(customers: usize) -> PathBuf {
    rapport_tests::generated_book(customers)
}

/// Times `rapport ARGS` from start to exit on `db`.
fn measure(name: &str, db: &Path, args: &[&str]) {
    rapport_tests::time_command(name, RUNS, db.as_os_str(), &[], args);
}

/// Importing a 100,000-row contacts CSV as the command does it — read, plan, write one transaction, make it
/// searchable, exit — next to `sqlite3 .import` of the same file into one plain table (no checks, no matching, no
/// index), each into a fresh book, 3 runs each.
fn import_next_to_sqlite(csv: &Path) {
    let time = |f: &dyn Fn(&Path) -> bool| -> Option<Vec<Duration>> {
        let mut times = Vec::new();
        for _ in 0..3 {
            let dir = tempfile::TempDir::new().unwrap();
            let db = dir.path().join("book.sqlite3");
            let t = Instant::now();
            if !f(&db) {
                return None;
            }
            times.push(t.elapsed());
        }
        times.sort();
        Some(times)
    };
    let rapport_import = time(&|db: &Path| {
        Command::new(binary())
            .args(["import", "csv", csv.to_str().unwrap(), "--json"])
            .env("RAPPORT_DB", db)
            .env("RAPPORT_NOW", NOW)
            .stdout(Stdio::null())
            .status()
            .expect("rapport runs")
            .success()
    });
    let sqlite = time(&|db: &Path| {
        Command::new("sqlite3")
            .arg(db)
            .arg(format!(".import --csv {} contacts", csv.display()))
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    let s = |t: &[Duration]| {
        format!(
            "median {:>8.2} s   min {:>6.2}   max {:>6.2}",
            t[1].as_secs_f64(),
            t[0].as_secs_f64(),
            t[2].as_secs_f64()
        )
    };
    match sqlite {
        Some(t) => println!("{:<58} {}", "floor: `sqlite3 .import --csv` of the same file", s(&t)),
        None => println!("floor: `sqlite3 .import`: skipped (no sqlite3 command here)"),
    }
    let t = rapport_import.expect("the import succeeds");
    println!("{:<58} {}", "`import csv`, 100,000 rows, until searchable and exited", s(&t));
}

fn main() {
    // `cargo test --benches` runs bench targets once as tests; keep that quick.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let customers: usize =
        std::env::var("RAPPORT_BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let kept = kept_book(customers);
    let work = tempfile::TempDir::new().unwrap();
    let db = work.path().join("book.sqlite3");
    std::fs::copy(&kept, &db).unwrap();

    let list: serde_json::Value =
        serde_json::from_str(&rapport(&db, &["customers", "list", "--limit", "1", "--json"])).unwrap();
    let id = list[0]["id"].as_str().expect("a customer").to_string();
    let summary = work.path().join("summary.txt");
    let sentence = "Called about the Civic's recall; she asked us to text rather than call after 6pm, said her \
                    daughter starts college next month, and I promised to send the loaner form by Friday. ";
    std::fs::write(&summary, sentence.repeat(2000 / sentence.len() + 1)).unwrap();
    let pitch = "Just checking in! Values are high right now, so it is a great time to trade in your car — \
                 call me any time and leave us a review if you liked your visit.";

    println!("{customers} customers, release binary, {RUNS} runs each (the command from start to exit)");
    measure("floor: `rapport --version` (the process alone)", &db, &["--version"]);
    measure("floor: `customers show` (the book opened, one page read)", &db, &["customers", "show", &id, "--json"]);
    measure(
        "`check` a pitch by email (the Guard reading its words)",
        &db,
        &["check", "--customer", &id, "--channel", "email", "--text", pitch, "--json"],
    );
    measure(
        "`listen` to a 2,000-character call summary",
        &db,
        &["listen", "--customer", &id, "--direction", "out", "--json", summary.to_str().unwrap()],
    );
    measure("`agenda --days 7` (text)", &db, &["agenda", "--days", "7"]);
    measure("`agenda --days 30` (text)", &db, &["agenda", "--days", "30"]);
    measure("`agenda --days 30 --json` (every reason, 18.5 MB compact)", &db, &["agenda", "--days", "30", "--json"]);

    // The book as a contacts CSV (Rapport's own export: Google's layout), imported into empty books.
    let csv = work.path().join("contacts.csv");
    rapport(&db, &["export", "csv", "--out", csv.to_str().unwrap()]);
    import_next_to_sqlite(&csv);
}
