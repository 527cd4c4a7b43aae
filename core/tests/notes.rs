#[test]
fn dump() {
    let now = "2026-11-23T16:00:00Z".parse().unwrap();
    let b = rapport_core::demo::book(now);
    for c in &b.customers {
        if c.purchases.is_empty() {
            continue;
        }
        println!(
            "== {} ({:?}) tags={:?}",
            c.customer.name,
            c.customer.preferred_name,
            c.tags.iter().map(|t| &t.tag).collect::<Vec<_>>()
        );
        for p in &c.purchases {
            println!(
                "  P {} {:?} {:?} ago={}",
                p.description,
                p.vehicle.as_ref().map(|v| &v.model),
                p.features,
                (now.date_naive() - p.purchased_on).num_days()
            );
            for s in &p.included_services {
                println!("    S {} {}/{}", s.name, s.used, s.total);
            }
        }
        for f in &c.facts {
            println!("  F {}", f.text);
        }
        for g in &c.goals {
            println!("  G {}", g.text);
        }
        for i in &c.interactions {
            println!("  I {:?} {:?} {:?} {} {:?}", i.direction, i.channel, i.sentiment, i.summary, i.quotes);
        }
        for i in &c.issues {
            println!("  X {} / {:?}", i.title, i.resolution);
        }
        for p in &c.preferences {
            println!("  W {} {:?}", p.words, p.means);
        }
    }
}
