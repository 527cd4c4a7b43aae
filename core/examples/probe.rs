use std::time::Instant;
fn main() {
    let c = rusqlite::Connection::open("target/bench/book-100000-v5.sqlite3").unwrap();
    c.execute_batch("pragma cache_size=-65536; pragma mmap_size=1000000000; pragma temp_store=memory; create temp table k (id text primary key) without rowid;").unwrap();
    c.execute_batch("insert into temp.k select customer_id from tags union select customer_id from promises union select customer_id from purchases where warranty_ends_on between '2026-11-23' and '2027-02-22' union select customer_id from facts where date between '2026-11-23' and '2027-01-14' union select customer_id from purchases where purchased_on >= '2025-10-01'").unwrap();
    let n: i64 = c.query_row("select count(*) from k", [], |r| r.get(0)).unwrap();
    println!("{n} candidates");
    let qs = [
        ("customers", "SELECT c.* FROM temp.k CROSS JOIN customers c ON c.id = k.id"),
        ("customers_n", "SELECT c.n FROM temp.k CROSS JOIN customers c ON c.id = k.id"),
        ("prefs", "SELECT p.* FROM preferences p CROSS JOIN temp.k ON k.id = p.customer_id"),
        ("dated", "SELECT f.* FROM facts f CROSS JOIN temp.k ON k.id = f.customer_id WHERE f.date IS NOT NULL"),
        ("latestfact", "SELECT f.* FROM temp.k CROSS JOIN facts f ON f.n = (SELECT g.n FROM facts g WHERE g.customer_id = k.id ORDER BY g.learned_on DESC, g.n DESC LIMIT 1)"),
        ("allfacts", "SELECT f.* FROM temp.k CROSS JOIN facts f ON f.customer_id = k.id"),
        ("inter400", "SELECT i.* FROM temp.k CROSS JOIN interactions i ON i.customer_id = k.id AND i.at >= '2025-10-19'"),
        ("inter180", "SELECT i.* FROM temp.k CROSS JOIN interactions i ON i.customer_id = k.id AND i.at >= '2026-05-27'"),
        ("lastout", "SELECT i.* FROM temp.k CROSS JOIN interactions i ON i.n = (SELECT o.n FROM interactions o WHERE o.customer_id = k.id AND o.direction = 'out' ORDER BY o.at DESC LIMIT 1)"),
        ("purch", "SELECT p.* FROM temp.k CROSS JOIN purchases p ON p.customer_id = k.id"),
        ("svc", "SELECT s.* FROM temp.k CROSS JOIN purchases p ON p.customer_id = k.id CROSS JOIN included_services s ON s.purchase_id = p.id"),
    ];
    for _ in 0..2 {
        for (name, q) in qs {
            let t = Instant::now();
            let mut st = c.prepare(q).unwrap();
            let cols = st.column_count();
            let mut rows = st.query([]).unwrap();
            let mut k = 0usize;
            let mut bytes = 0usize;
            while let Some(r) = rows.next().unwrap() {
                k += 1;
                for i in 0..cols {
                    if let Ok(rusqlite::types::ValueRef::Text(t)) = r.get_ref(i) {
                        bytes += t.len();
                    }
                }
            }
            println!("{name:12} {k:7} rows {bytes:9} bytes {:7.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
