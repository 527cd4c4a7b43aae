fn main() {
    let n = std::env::var("N").unwrap_or("100000".into());
    let store = rapport_core::Store::open(std::path::Path::new(&format!("target/bench/book-{n}-v6.sqlite3"))).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let a = store.agenda(now, 30).unwrap();
        let t1 = t.elapsed();
        let t = std::time::Instant::now();
        let (customers, profile, playbooks) = store.agenda_snapshot(now, 30).unwrap();
        let t2 = t.elapsed();
        let t = std::time::Instant::now();
        let snapshot =
            rapport_core::reasons::Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks };
        let b = rapport_core::reasons::agenda(&snapshot, now, 30);
        let t3 = t.elapsed();
        assert_eq!(a, b);
        eprintln!(
            "agenda {t1:?} ({} + {}) | one connection: load {t2:?} derive {t3:?} ({} customers)",
            a.reasons.len(),
            a.held_back.len(),
            customers.len()
        );
    }
}
