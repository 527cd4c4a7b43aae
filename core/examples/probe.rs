use std::time::Instant;
fn main() {
    let c = rusqlite::Connection::open("target/bench/book-100000-v6.sqlite3").unwrap();
    c.execute_batch("pragma cache_size=-65536; pragma mmap_size=1000000000; create temp table agenda_ids (id text primary key, since text not null) without rowid;").unwrap();
    c.execute_batch("insert into temp.agenda_ids select customer_id, '2026-05-27T16:00:00Z' from tags union select customer_id, '2026-05-27T16:00:00Z' from promises union select customer_id, '2026-05-27T16:00:00Z' from purchases where warranty_ends_on between '2026-11-23' and '2027-02-22' union select customer_id, '2026-05-27T16:00:00Z' from facts where date between '2026-11-23' and '2027-01-14' union select customer_id, '2026-05-27T16:00:00Z' from purchases where purchased_on >= '2025-11-01'").unwrap();
    let n: i64 = c.query_row("select count(*) from agenda_ids", [], |r| r.get(0)).unwrap();
    println!("{n} candidates");
    let qs = [
        ("inter", "SELECT x.* FROM temp.agenda_ids k CROSS JOIN interactions x ON x.customer_id = k.id AND x.at >= k.since ORDER BY k.id, x.at, x.n"),
        ("purch", "SELECT x.* FROM temp.agenda_ids k CROSS JOIN purchases x ON x.customer_id = k.id"),
        ("svc", "SELECT k.id AS of_customer, x.* FROM temp.agenda_ids k CROSS JOIN purchases p ON p.customer_id = k.id CROSS JOIN included_services x ON x.purchase_id = p.id ORDER BY x.n"),
        ("cust", "SELECT c.* FROM temp.agenda_ids k CROSS JOIN customers c ON c.id = k.id"),
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
            let el = t.elapsed().as_secs_f64() * 1000.0;
            let plan: Vec<String> = c
                .prepare(&format!("EXPLAIN QUERY PLAN {q}"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            println!("{name:12} {k:7} rows {bytes:9} bytes {el:7.1} ms {plan:?}");
        }
    }
}
