//! `cargo bench -p rapport-core --bench agenda`: the 30-day agenda, a search-as-you-type query and the customer
//! list over a dealership-sized book (100,000 customers, about a million facts, notes and interactions).
//!
//! The book is generated once (about a minute) and kept in `target/bench/`; later runs reuse it.
//! Set `RAPPORT_BENCH_CUSTOMERS` for another size. Results go in `docs/PERFORMANCE.md`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// The allocator the `rapport` binary uses, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use rapport_core::{sample, ListQuery, Store};

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

fn book(customers: usize) -> Store {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("book-{customers}-v{}.sqlite3", rapport_core::store::schema_version()));
    if path.exists() {
        return Store::open(&path).unwrap();
    }
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let started = Instant::now();
    let mut store = Store::open(&partial).unwrap();
    sample::fill(&mut store, customers, now()).unwrap();
    drop(store);
    std::fs::rename(&partial, &path).unwrap();
    for ext in ["partial-wal", "partial-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
    println!("generated {customers} customers in {:.1} s → {}", started.elapsed().as_secs_f64(), path.display());
    Store::open(&path).unwrap()
}

fn measure(name: &str, runs: usize, mut work: impl FnMut() -> usize) {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut size = 0;
    work(); // warm the page cache
    for _ in 0..runs {
        let t = Instant::now();
        size = work();
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<40} min {:>8.1} ms   median {:>8.1} ms   max {:>8.1} ms   ({size} results, {runs} runs)",
        ms(times[0]),
        ms(times[runs / 2]),
        ms(times[runs - 1])
    );
}

fn main() {
    // `cargo test --benches` runs bench targets once as tests; keep that quick.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let customers: usize =
        std::env::var("RAPPORT_BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let store = book(customers);
    let rows = |table: &str| -> i64 {
        rusqlite::Connection::open(store.path())
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    println!(
        "book: {} customers, {} facts + {} notes + {} interactions",
        rows("customers"),
        rows("facts"),
        rows("notes"),
        rows("interactions")
    );
    // Rows of agenda inputs removed (as after an import): the first agenda reads the tables and keeps the rows.
    let forget = || {
        rusqlite::Connection::open(store.path()).unwrap().execute("DELETE FROM agenda_inputs", []).unwrap();
    };
    let mut first = Vec::new();
    for _ in 0..3 {
        forget();
        let t = Instant::now();
        let a = store.agenda(now(), 30).unwrap();
        first.push(t.elapsed());
        assert!(!a.reasons.is_empty());
    }
    first.sort();
    println!(
        "{:<40} min {:>8.1} ms   median {:>8.1} ms   max {:>8.1} ms   (3 runs)",
        "agenda, 30 days, inputs made again",
        first[0].as_secs_f64() * 1000.0,
        first[1].as_secs_f64() * 1000.0,
        first[2].as_secs_f64() * 1000.0
    );
    measure("agenda, 30 days", 15, || {
        let a = store.agenda(now(), 30).unwrap();
        a.reasons.len() + a.held_back.len()
    });
    measure("  one connection: reading the inputs", 10, || store.agenda_snapshot(now(), 30).unwrap().0.len());
    let (customers, profile, playbooks) = store.agenda_snapshot(now(), 30).unwrap();
    measure("  one thread: reasons and the Guard", 10, || {
        let snapshot =
            rapport_core::reasons::Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks };
        rapport_core::reasons::agenda(&snapshot, now(), 30).reasons.len()
    });
    measure("agenda, 7 days", 15, || store.agenda(now(), 7).unwrap().reasons.len());
    measure("search 'mar sch' (prefix, newest 50)", 50, || store.search("mar sch", 50).unwrap().len());
    measure("customer list filtered by 'mar'", 20, || {
        store
            .list_customers(&ListQuery { text: Some("mar".into()), limit: Some(50), ..Default::default() })
            .unwrap()
            .len()
    });
    measure("customer list, first page of 50", 20, || {
        store.list_customers(&ListQuery { limit: Some(50), ..Default::default() }).unwrap().len()
    });
}
