fn main() {
    let store = rapport_core::Store::open(std::path::Path::new("target/bench/book-100000-v6.sqlite3")).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    for _ in 0..8 {
        let t = std::time::Instant::now();
        let (c, _, _) = store.agenda_snapshot(now, 30).unwrap();
        eprintln!("load {:?} {}", t.elapsed(), c.len());
    }
}
