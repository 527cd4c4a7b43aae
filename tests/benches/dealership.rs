//! The dealership book at dealership scale, beside the salesperson's own book in the same run: the generated book
//! (`RAPPORT_BENCH_CUSTOMERS`, default 100,000) moved onto a PostgreSQL server with `share`, its customers handed to
//! ten salespeople, then each command from start to exit on both books — a 30-day agenda for one salesperson and for
//! the team, search, logging a contact — next to their floors; then ten people writing at once for a minute
//! (`RAPPORT_BENCH_WRITERS_SECONDS`, default 60): throughput, and every write found afterwards.
//!
//! Needs the release binary and a PostgreSQL server to make a database on (`RAPPORT_TEST_POSTGRES`; e.g.
//! `source scripts/throwaway-postgres && start_throwaway_postgres`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rapport_core::dealership::DealershipBook;
use rapport_core::model::*;
use rapport_core::store::HeardToRecord;
use rapport_core::Book;
use rapport_tests::{generated_book, release_binary, run_release, BENCH_NOW};

const SELLERS: usize = 10;

fn password(name: &str) -> String {
    format!("{name}'s bench password")
}

fn email(name: &str) -> String {
    format!("{}@dealer.example", name.to_lowercase())
}

/// Whoever `who` is, signed in to the shared book (no one for one's own book).
fn env_of(who: Option<&str>) -> Vec<(String, String)> {
    who.map(|w| vec![("RAPPORT_USER".to_string(), email(w)), ("RAPPORT_PASSWORD".to_string(), password(w))])
        .unwrap_or_default()
}

/// Times `rapport ARGS` from start to exit on `db` as `who`.
fn measure(name: &str, runs: usize, db: &std::ffi::OsStr, who: Option<&str>, args: &[&str]) {
    rapport_tests::time_command(name, runs, db, &env_of(who), args);
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let Some(admin) = std::env::var("RAPPORT_TEST_POSTGRES").ok().filter(|u| !u.is_empty()) else {
        eprintln!(
            "no PostgreSQL server: source scripts/throwaway-postgres && start_throwaway_postgres, then run again"
        );
        return;
    };
    let customers: usize =
        std::env::var("RAPPORT_BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let seconds: u64 = std::env::var("RAPPORT_BENCH_WRITERS_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let work = tempfile::TempDir::new().unwrap();
    let own = work.path().join("book.sqlite3");
    std::fs::copy(generated_book(customers), &own).unwrap();

    // RAPPORT_BENCH_KEEP_DATABASE=NAME: a database an earlier run left (its book shared already) is used again, and
    // kept; otherwise a new one is made, shared into, and dropped at the end.
    let kept = std::env::var("RAPPORT_BENCH_KEEP_DATABASE").ok().filter(|n| !n.is_empty());
    let name = kept.clone().unwrap_or_else(|| format!("bench_{customers}_{}", std::process::id()));
    let mut server = postgres::Client::connect(&admin, postgres::NoTls).expect("the server answers");
    let exists: bool =
        server.query_one("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", &[&name]).unwrap().get(0);
    let shared = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
    let shared_db = std::ffi::OsStr::new(&shared);
    let sellers: Vec<String> = (0..SELLERS).map(|i| format!("Seller{i}")).collect();
    if !exists {
        server.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        share_in(&own, &shared, &sellers, customers);
    }

    // Hand the customers to the ten salespeople, a tenth each (setting up, not timed), and let the planner know them.
    let mut book = postgres::Client::connect(&shared, postgres::NoTls).unwrap();
    book.batch_execute(&format!(
        "UPDATE customers c SET owner_id = u.id FROM (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k
           FROM users WHERE role = 'salesperson') u WHERE c.n % {SELLERS} = u.k"
    ))
    .unwrap();
    book.batch_execute("VACUUM ANALYZE").unwrap();
    let size: String =
        book.query_one("SELECT pg_size_pretty(pg_database_size(current_database()))", &[]).unwrap().get(0);
    println!("the dealership book on the server: {size}");

    let list: serde_json::Value =
        serde_json::from_str(&run_release(own.as_os_str(), &[], &["customers", "list", "--limit", "1", "--json"]))
            .unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let typed = list[0]["name"].as_str().unwrap().split_whitespace().last().unwrap()[..4].to_string();
    let own_db = own.as_os_str();
    let seller = Some(sellers[0].as_str());

    println!("\n{customers} customers, release binary, the command from start to exit, both books in this run");
    measure("own book, floor: `--version`", 15, own_db, None, &["--version"]);
    measure("own book, floor: `customers show`", 15, own_db, None, &["customers", "show", &id, "--json"]);
    measure(
        "dealership, floor: `users list` (connect, sign in, one read)",
        15,
        shared_db,
        seller,
        &["users", "list", "--json"],
    );
    measure("dealership: `customers show`", 15, shared_db, seller, &["customers", "show", &id, "--json"]);
    measure(
        "own book: `agenda --days 30 --json` (one salesperson: all of it)",
        7,
        own_db,
        None,
        &["agenda", "--days", "30", "--json"],
    );
    measure(
        "dealership: `agenda --days 30 --json`, one salesperson (1/10)",
        5,
        shared_db,
        seller,
        &["agenda", "--days", "30", "--json"],
    );
    measure(
        "dealership: `agenda --days 30 --json`, the manager (the team)",
        3,
        shared_db,
        Some("Maria"),
        &["agenda", "--days", "30", "--json"],
    );
    measure(
        &format!("own book: `customers search {typed}`"),
        15,
        own_db,
        None,
        &["customers", "search", &typed, "--json"],
    );
    measure(
        &format!("dealership: `customers search {typed}`"),
        15,
        shared_db,
        seller,
        &["customers", "search", &typed, "--json"],
    );
    let log = [
        "interactions",
        "add",
        &id,
        "--channel",
        "email",
        "--direction",
        "in",
        "--summary",
        "She wrote back about the plates",
        "--json",
    ];
    measure("own book: `interactions add` (logging a contact)", 15, own_db, None, &log);
    measure("dealership: `interactions add` (logging a contact)", 15, shared_db, seller, &log);

    ten_writers(&shared, &sellers, &id, seconds);
    drop(book);
    if kept.is_none() {
        server.batch_execute(&format!("DROP DATABASE {name}")).unwrap();
    }
}
/// Makes the dealership (Maria the manager and the salespeople) and moves the salesperson's own book in, timed.
fn share_in(own: &std::path::Path, shared: &str, sellers: &[String], customers: usize) {
    let shared_db = std::ffi::OsStr::new(shared);
    // The dealership: Maria the manager and ten salespeople.
    let as_env = |who: &str, new: Option<&str>| {
        let mut env = env_of(Some(who));
        env.extend(new.map(|p| ("RAPPORT_NEW_PASSWORD".to_string(), p.to_string())));
        env
    };
    let run_as = |env: Vec<(String, String)>, args: &[&str]| {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run_release(shared_db, &env, args)
    };
    let maria = password("Maria");
    run_as(
        vec![("RAPPORT_NEW_PASSWORD".into(), maria.clone())],
        &["users", "add", "--first", "--name", "Maria", "--email", &email("Maria")],
    );
    for s in sellers {
        run_as(as_env("Maria", Some(&password(s))), &["users", "add", "--name", s, "--email", &email(s)]);
    }

    // Moving the salesperson's own book in, as the command does it.
    let t = Instant::now();
    let out = Command::new(release_binary())
        .args(["share", "--to", shared])
        .env("RAPPORT_DB", own)
        .env("RAPPORT_NOW", BENCH_NOW)
        .envs(env_of(Some("Maria")))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "share: {}", String::from_utf8_lossy(&out.stderr));
    println!("`share --to` {customers} customers into the dealership book: {:.1} s (once)", t.elapsed().as_secs_f64());
}

/// Ten people, each on their own connection, logging contacts with a fact heard in each for `seconds`, half of them
/// on one shared customer (the worst case: one row everyone writes) and half on customers of their own.
fn ten_writers(shared: &str, sellers: &[String], hot: &str, seconds: u64) {
    let mut admin = postgres::Client::connect(shared, postgres::NoTls).unwrap();
    let before: i64 = admin.query_one("SELECT count(*) FROM interactions", &[]).unwrap().get(0);
    let owned: Vec<String> = sellers
        .iter()
        .map(|s| {
            admin
                .query_one(
                    "SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.email = $1 LIMIT 1",
                    &[&email(s)],
                )
                .unwrap()
                .get(0)
        })
        .collect();
    // This run's writes, told apart from an earlier run's on a kept database.
    let run = std::process::id();
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let written: Vec<(String, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = sellers
            .iter()
            .zip(&owned)
            .enumerate()
            .map(|(i, (s, own))| {
                let target = if i % 2 == 0 { hot.to_string() } else { own.clone() };
                scope.spawn(move || {
                    let mut me = DealershipBook::open(shared, &email(s), &password(s)).unwrap();
                    let mut n = 0;
                    while Instant::now() < until {
                        let contact = NewInteraction {
                            at: None,
                            channel: Channel::Email,
                            direction: Direction::Inbound,
                            summary: format!("{s} write {run} {n}"),
                            quotes: vec![],
                            sentiment: None,
                            reason: None,
                            topic: None,
                            asked_for: None,
                            justification: None,
                            purpose: None,
                        };
                        let heard = HeardToRecord {
                            facts: vec![NewFact {
                                text: format!("{s} fact {run} {n}"),
                                learned_on: None,
                                source: None,
                                date: None,
                            }],
                            ..Default::default()
                        };
                        me.log_contact_heard(&target, contact, heard, BENCH_NOW.parse().unwrap()).unwrap();
                        n += 1;
                    }
                    (s.clone(), n)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let total: usize = written.iter().map(|(_, n)| n).sum();
    let after: i64 = admin.query_one("SELECT count(*) FROM interactions", &[]).unwrap().get(0);
    let mut lost = 0;
    for (s, n) in &written {
        let found: i64 = admin
            .query_one(
                "SELECT count(*) FROM interactions WHERE interaction->>'summary' LIKE $1",
                &[&format!("{s} write {run} %")],
            )
            .unwrap()
            .get(0);
        let facts: i64 = admin
            .query_one(
                "SELECT count(*) FROM customers c, jsonb_array_elements(c.record->'facts') f WHERE f->>'text' LIKE $1",
                &[&format!("{s} fact {run} %")],
            )
            .unwrap()
            .get(0);
        lost += (*n as i64 - found).abs() + (*n as i64 - facts).abs();
    }
    println!(
        "\nten writers for {elapsed:.0} s (half on one customer, half on their own): {total} contacts with a fact each, \
         {:.0} a second; {} new rows; lost or doubled: {lost}",
        total as f64 / elapsed,
        after - before
    );
    assert_eq!(lost, 0, "a write was lost");
    assert_eq!((after - before) as usize, total);
}
