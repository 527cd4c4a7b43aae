#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let store = rapport_core::Store::open(std::path::Path::new("target/bench/book-100000-v6.sqlite3")).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    let (customers, profile, playbooks) = store.agenda_snapshot(now, 30).unwrap();
    let mut times = vec![];
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(25);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let snapshot =
            rapport_core::reasons::Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks };
        let a = rapport_core::reasons::agenda(&snapshot, now, 30);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(a);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!("derive min {:.0} median {:.0}", times[0], times[times.len() / 2]);
}
