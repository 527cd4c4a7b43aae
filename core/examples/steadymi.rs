#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let store = rapport_core::Store::open(std::path::Path::new("target/bench/book-100000-v6.sqlite3")).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    let mut times = vec![];
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let a = store.agenda(now, 30).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(a);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!("min {:.0} median {:.0} max {:.0}", times[0], times[7], times[14]);
}
