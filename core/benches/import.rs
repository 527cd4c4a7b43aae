//! `cargo bench -p rapport-core --bench import`: a 100,000-row Google Contacts CSV into an empty book — read,
//! planned (duplicates found) and written in one transaction (target: under 5 s), then indexed for search. The CSV is written by
//! Rapport's own Google CSV writer from the sample book, to `target/bench/google-100000.csv`, so the same file
//! can be timed with `sqlite3 .import` (see docs/PERFORMANCE.md). `IMPORT_AT_ONCE=1` times the command line's way
//! (indexed for search inside the import's transaction) instead of the window's (indexed afterwards, in steps).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::{DateTime, Utc};
use rapport_core::io::csv;
use rapport_core::{sample, Store};

/// The allocator the `rapport` binary uses, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let rows: usize = std::env::var("RAPPORT_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("google-{rows}.csv"));
    if !file.exists() {
        let mut source = Store::open_in_memory().unwrap();
        sample::fill(&mut source, rows, now()).unwrap();
        std::fs::write(&file, csv::write(&source.export_book().unwrap().customers)).unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();
    println!("file: {} ({:.1} MB)", file.display(), bytes.len() as f64 / 1e6);
    for run in 1..=3 {
        let db = dir.join(format!("import-{run}.sqlite3"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        let mut store = Store::open(&db).unwrap();
        let t = Instant::now();
        let kind = csv::detect(&csv::headers(&bytes).unwrap()).expect("a Google CSV");
        let parsed = csv::parse(&bytes, &kind).unwrap();
        let read = t.elapsed();
        let plan = store.plan_import(parsed).unwrap();
        let planned = t.elapsed();
        let at_once = std::env::var("IMPORT_AT_ONCE").is_ok();
        let report = if at_once {
            store.apply_import_searchable(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap()
        } else {
            store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap()
        };
        let total = t.elapsed();
        let t = Instant::now();
        store.catch_up_search(&|_| {}).unwrap();
        let searchable = t.elapsed();
        println!(
            "run {run}: read {:>5.0} ms, plan {:>5.0} ms, write {:>6.0} ms → imported in {:>5.2} s ({} added, {} merged, {} skipped); \
             searchable {:>5.1} s later",
            read.as_secs_f64() * 1000.0,
            (planned - read).as_secs_f64() * 1000.0,
            (total - planned).as_secs_f64() * 1000.0,
            total.as_secs_f64(),
            report.added,
            report.merged,
            report.skipped,
            searchable.as_secs_f64()
        );
    }
}
