use rapport_core::model::*;
use std::time::Instant;
#[derive(serde::Serialize, serde::Deserialize)]
struct Digest {
    customer: Customer,
    tags: Vec<Tag>,
    facts: Vec<Fact>,
    goals: Vec<Goal>,
    purchases: Vec<Purchase>,
    promises: Vec<Promise>,
    issues: Vec<CustomerIssue>,
    interactions: Vec<Interaction>,
    reminders: Vec<Reminder>,
    reason_states: Vec<ReasonState>,
    notified: Vec<Notified>,
}
fn main() {
    let path = "target/bench/book-100000-v6.sqlite3";
    let store = rapport_core::Store::open(std::path::Path::new(path)).unwrap();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
    let (customers, _, _) = store.agenda_snapshot(now, 30).unwrap();
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("pragma cache_size=-65536; pragma mmap_size=1073741824; create temp table if not exists dg (customer_id text primary key, data blob not null);").unwrap();
    let t = Instant::now();
    {
        let mut ins = c.prepare("insert or replace into temp.dg values (?1, ?2)").unwrap();
        for r in &customers {
            let d = Digest {
                customer: r.customer.clone(),
                tags: r.tags.clone(),
                facts: r.facts.clone(),
                goals: r.goals.clone(),
                purchases: r.purchases.clone(),
                promises: r.promises.clone(),
                issues: r.issues.clone(),
                interactions: r.interactions.clone(),
                reminders: r.reminders.clone(),
                reason_states: r.reason_states.clone(),
                notified: r.notified.clone(),
            };
            ins.execute(rusqlite::params![r.customer.id, postcard::to_allocvec(&d).unwrap()]).unwrap();
        }
    }
    println!("encode+insert {:?}", t.elapsed());
    let ids: Vec<String> = customers.iter().map(|r| r.customer.id.clone()).collect();
    c.execute_batch("create temp table k (id text primary key) without rowid").unwrap();
    c.execute("insert into temp.k select value from json_each(?1)", [serde_json::to_string(&ids).unwrap()]).unwrap();
    for _ in 0..4 {
        let t = Instant::now();
        let mut st = c.prepare("select d.data from temp.k cross join temp.dg d on d.customer_id = k.id").unwrap();
        let mut rows = st.query([]).unwrap();
        let mut n = 0;
        let mut bytes = 0;
        let mut out = Vec::new();
        while let Some(r) = rows.next().unwrap() {
            let b = r.get_ref(0).unwrap().as_blob().unwrap();
            bytes += b.len();
            n += 1;
            let d: Digest = postcard::from_bytes(b).unwrap();
            out.push(d);
        }
        println!("read+decode {n} {bytes} bytes {:?}", t.elapsed());
    }
}
