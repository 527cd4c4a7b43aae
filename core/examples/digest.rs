use std::time::Instant;
fn main() {
    let store = rapport_core::Store::open(std::path::Path::new("target/bench/book-100000-v5.sqlite3")).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    let (customers, _, _) = store.agenda_snapshot(now, 30).unwrap();
    let blobs: Vec<String> = customers.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
    let total: usize = blobs.iter().map(|b| b.len()).sum();
    println!("{} records, {} bytes avg", blobs.len(), total / blobs.len());
    for _ in 0..3 {
        let t = Instant::now();
        let back: Vec<rapport_core::model::CustomerRecord> =
            blobs.iter().map(|b| serde_json::from_str(b).unwrap()).collect();
        println!("decode {:?} {}", t.elapsed(), back.len());
        let t = Instant::now();
        let n: usize = customers.iter().map(|c| serde_json::to_string(c).unwrap().len()).sum();
        println!("encode {:?} {}", t.elapsed(), n);
    }
}
