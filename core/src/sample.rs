//! A dealership-sized book for measuring: `sample::fill(store, customers, now)` writes a deterministic,
//! plausible book — about ten facts, notes and interactions per customer, a purchase each, and the promises,
//! issues, statements and persona tags a real book has in proportion. Like a real dealership's book it has
//! grown over twelve years: each customer's purchase and history fall anywhere in that time. Used by `cargo bench` and
//! `rapport generate`; never by the app itself.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

use crate::store::Store;
use crate::time::stamp;
use crate::Result;

/// A small deterministic generator (xorshift64*), so every run builds the same book.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Ann", "Bo", "Carmen", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Marta", "Nils",
    "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Vik", "Wen", "Yara", "Zoë",
];
const LAST: &[&str] = &[
    "Berger",
    "Chen",
    "Delgado",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quiroga",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ünal",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
];
const ZONES: &[&str] = &[
    "America/Chicago",
    "America/New_York",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Australia/Sydney",
];
const FACTS: &[&str] = &[
    "Coaches the kids' soccer team on Saturdays",
    "Daughter starts college in the fall",
    "Has a golden retriever named Biscuit",
    "Restoring a 1967 Mustang in the garage",
    "Runs marathons; Chicago in October",
    "Moving to a bigger house in spring",
    "Twins turn seven in March",
    "Fly-fishing trip to Montana every August",
    "Works night shifts at the hospital",
    "Grows tomatoes and gives them away",
];
const NOTES: &[&str] = &[
    "Careful planner; reads every clause",
    "Prefers straight numbers, no haggling",
    "Came in with her father; decided herself",
    "Wants the same service advisor every time",
    "Asked about winter tires for the hill",
];
const SUMMARIES: &[&str] = &[
    "Delivered the car and walked through the features",
    "Answered a question about the infotainment",
    "Booked the first oil change",
    "Sent the towing figures",
    "Talked through the lease-end options",
    "Helped with the tire-pressure light",
    "Thanked them for the referral",
];
const MODELS: &[&str] = &[
    "Subaru|Outback|Touring",
    "Subaru|Forester|Premium",
    "Ford|Escape|SE",
    "Ford|F-150|XLT",
    "Ford|Maverick|Lariat",
    "Subaru|Ascent|Limited",
];

/// Adds `customers` customers (and everything around them) to the book, in one transaction.
pub fn fill(store: &mut Store, customers: usize, now: DateTime<Utc>) -> Result<()> {
    let mut dice = Dice(0x5EED_CAFE_F00D_BEEF);
    let today = now.date_naive();
    let ts = |days_ago: i64| stamp(now - Duration::days(days_ago));
    let day = |days_ago: i64| (today - Duration::days(days_ago)).format("%Y-%m-%d").to_string();
    // Triggers and lookup indexes aside while the rows go in, the search index built in one pass after.
    store.write_new_customers(customers, |tx| {
        let mut customer = tx.prepare("INSERT INTO customers (id, name, time_zone, how_we_met, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")?;
        let mut point = tx.prepare("INSERT INTO contact_points (id, customer_id, kind, value, preferred) VALUES (?1, ?2, ?3, ?4, 0)")?;
        let mut fact = tx.prepare("INSERT INTO facts (id, customer_id, text, learned_on, date) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut note = tx.prepare("INSERT INTO notes (id, customer_id, kind, text, created_at, updated_at) VALUES (?1, ?2, 'note', ?3, ?4, ?4)")?;
        let mut tag = tx.prepare("INSERT OR IGNORE INTO tags (customer_id, tag, origin) VALUES (?1, ?2, 'text')")?;
        let mut contact = tx.prepare(
            "INSERT INTO interactions (id, customer_id, at, channel, direction, summary, quotes, sentiment, asked_for, purpose)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut purchase = tx.prepare(
            "INSERT INTO purchases (id, customer_id, purchased_on, description, vehicle_year, vehicle_make, vehicle_model, vehicle_trim,
                                    features, ownership, term_ends_on, warranty_ends_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '[\"heated seats\"]', ?9, ?10, ?11)",
        )?;
        let mut service = tx.prepare("INSERT INTO included_services (id, purchase_id, name, every_months, total, used) VALUES (?1, ?2, 'Oil change', 6, 4, ?3)")?;
        let mut promise = tx.prepare("INSERT INTO promises (id, customer_id, what, made_on, due_on, status) VALUES (?1, ?2, ?3, ?4, ?5, 'open')")?;
        let mut issue = tx.prepare("INSERT INTO issues (id, customer_id, title, opened_on, status, next_update_on) VALUES (?1, ?2, ?3, ?4, 'open', ?5)")?;
        let mut said = tx.prepare(
            "INSERT INTO preferences (id, customer_id, said_at, words, kind, channel, topic, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?3)",
        )?;
        for n in 0..customers {
            let id = crate::ids::new_id();
            let name = format!("{} {} {}", dice.pick(FIRST), dice.pick(LAST), n);
            // When they became a customer: any day in the last twelve years; their history follows from there.
            let since = dice.below(12 * 365) as i64;
            let within = |dice: &mut Dice| dice.below(since as u64 + 1) as i64;
            customer.execute(params![id, name, dice.pick(ZONES), "Walked in on a Saturday", ts(since)])?;
            point.execute(params![crate::ids::new_id(), id, "email", format!("customer{n}@example.com")])?;
            // Unique numbers: a 555 exchange in a different area code for every ten thousand customers.
            point.execute(params![crate::ids::new_id(), id, "phone", format!("+1 {} 555 {:04}", 300 + n / 10_000, n % 10_000)])?;
            for _ in 0..3 {
                let dated = dice.chance(5).then(|| day(-(dice.below(365) as i64)));
                fact.execute(params![crate::ids::new_id(), id, dice.pick(FACTS), day(within(&mut dice)), dated])?;
            }
            for _ in 0..2 {
                let text = if dice.chance(3) { format!("{} #BuyAndHold", dice.pick(NOTES)) } else { dice.pick(NOTES).to_string() };
                if text.contains("#BuyAndHold") {
                    tag.execute(params![id, "BuyAndHold"])?;
                }
                note.execute(params![crate::ids::new_id(), id, text, ts(within(&mut dice))])?;
            }
            for _ in 0..5 {
                let outbound = dice.chance(60);
                let sentiment = if dice.chance(10) { Some("positive") } else if dice.chance(5) { Some("negative") } else { None };
                let asked = (!outbound && dice.chance(3)).then_some("the towing capacity");
                contact.execute(params![
                    crate::ids::new_id(),
                    id,
                    ts(within(&mut dice)),
                    dice.pick(&["phone", "email", "text"]),
                    if outbound { "out" } else { "in" },
                    dice.pick(SUMMARIES),
                    "[\"Thanks, that helps.\"]",
                    sentiment,
                    asked,
                    outbound.then_some("proactive")
                ])?;
            }
            let pid = crate::ids::new_id();
            let bought = since;
            let parts: Vec<&str> = dice.pick(MODELS).split('|').collect();
            let year = (now - Duration::days(bought)).format("%Y").to_string().parse::<i32>().unwrap_or(2026) + 1;
            let ownership = dice.pick(&["cash", "finance", "lease"]);
            let term = (ownership != "cash").then(|| day(bought - 36 * 30));
            purchase.execute(params![
                pid,
                id,
                day(bought),
                format!("{year} {} {} {}", parts[0], parts[1], parts[2]),
                year,
                parts[0],
                parts[1],
                parts[2],
                ownership,
                term,
                day(bought - 36 * 30)
            ])?;
            // Four included oil changes, one every six months; those whose time has passed were had.
            service.execute(params![crate::ids::new_id(), pid, (bought / 183).min(4)])?;
            if dice.chance(2) {
                promise.execute(params![crate::ids::new_id(), id, "Send the winter tire quote", day(10), day(dice.below(40) as i64 - 20)])?;
            }
            if dice.chance(1) {
                issue.execute(params![crate::ids::new_id(), id, "Rattle in the dashboard", day(20), day(dice.below(20) as i64 - 10)])?;
            }
            if dice.chance(10) {
                let (words, kind, channel, topic) = match dice.below(4) {
                    0 => ("Email only please", "decline_channel", Some("phone"), None),
                    1 => ("Don't ask me to sell it back", "decline_topic", None, Some("buy-back")),
                    2 => ("Please remove me from your list", "do_not_contact", None, None),
                    _ => ("Email is best", "prefer_channel", Some("email"), None),
                };
                said.execute(params![crate::ids::new_id(), id, ts(200), words, kind, channel, topic])?;
            }
        }
        Ok(())
    })
}
