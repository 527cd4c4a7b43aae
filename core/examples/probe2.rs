use std::time::Instant;
fn main() {
    let c = rusqlite::Connection::open("target/bench/book-100000-v6.sqlite3").unwrap();
    c.execute_batch("pragma cache_size=-65536; pragma mmap_size=1000000000;").unwrap();
    let q = r#"
            SELECT customer_id FROM promises WHERE status = 'open'
            UNION SELECT customer_id FROM issues WHERE status = 'open' OR resolved_on >= ?1
            UNION SELECT p.customer_id FROM deliverables x JOIN purchases p ON p.id = x.purchase_id WHERE x.delivered_on IS NULL
            UNION SELECT customer_id FROM purchases WHERE warranty_ends_on IS NOT NULL AND warranty_ends_on BETWEEN ?4 AND ?5
            UNION SELECT customer_id FROM purchases WHERE term_ends_on IS NOT NULL AND term_ends_on BETWEEN ?4 AND ?6
                                                          AND ownership <> 'cash'
            UNION SELECT customer_id FROM interactions WHERE asked_for IS NOT NULL AND at >= ?7
            UNION SELECT customer_id FROM interactions WHERE direction = 'in' AND sentiment = 'positive' AND at >= ?8
            UNION SELECT customer_id FROM facts WHERE date IS NOT NULL
                  AND (date BETWEEN ?4 AND ?9
                       OR ((lower(text) LIKE '%birthday%' OR lower(text) LIKE '%anniversary%')
                           AND (strftime('%m-%d', date) BETWEEN strftime('%m-%d', ?4) AND strftime('%m-%d', ?9)
                                OR (strftime('%m-%d', ?9) < strftime('%m-%d', ?4)
                                    AND (strftime('%m-%d', date) >= strftime('%m-%d', ?4)
                                         OR strftime('%m-%d', date) <= strftime('%m-%d', ?9))))))
            UNION SELECT customer_id FROM tags WHERE tag IN (SELECT tag FROM playbooks)
            UNION SELECT customer_id FROM reminders"#;
    let p = [
        "2026-10-23",
        "2026-08-24",
        "2027-01-07",
        "2026-11-23",
        "2027-02-22",
        "2027-03-24",
        "2026-05-26T16:00:00Z",
        "2026-11-08T16:00:00Z",
        "2027-01-14",
    ];
    for _ in 0..3 {
        let t = Instant::now();
        let mut st = c.prepare(q).unwrap();
        let n = st.query_map(rusqlite::params_from_iter(p.iter()), |r| r.get::<_, String>(0)).unwrap().count();
        println!("{n} {:?}", t.elapsed());
    }
    let plan: Vec<String> = c
        .prepare(&format!("EXPLAIN QUERY PLAN {q}"))
        .unwrap()
        .query_map(rusqlite::params_from_iter(p.iter()), |r| r.get::<_, String>(3))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for l in plan {
        println!("{l}");
    }
}
