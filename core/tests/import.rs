//! Importing into a real book: the preview matches people already there, the import lands whole or not at all
//! (a cancel or a failure in the middle leaves nothing), and export → import gives the same book.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use rapport_core::io::{csv, vcard};
use rapport_core::model::*;
use rapport_core::store::MatchedBy;
use rapport_core::Book as _;
use rapport_core::{ListQuery, Store};
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn google(bytes: &[u8]) -> rapport_core::io::contact::Parsed {
    let kind = csv::detect(&csv::headers(bytes).unwrap()).unwrap();
    csv::parse(bytes, &kind).unwrap()
}

fn book(dir: &TempDir) -> Store {
    Store::open(&dir.path().join("book.sqlite3")).unwrap()
}

#[test]
fn the_preview_matches_customers_already_here_and_the_import_only_adds_to_them() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let parsed = google(&fixture("google.csv"));
    let first = parsed.contacts[0].clone();
    let email = first.emails[0].value.to_uppercase();
    let known = store
        .add_customer_with(
            // The same person under a shorter name: one of her names' words is all of this one's.
            NewCustomer { name: "Ana".into(), ..Default::default() },
            vec![NewContactPoint { kind: ContactKind::Email, label: None, value: email, preferred: false }],
            vec![],
            now(),
        )
        .unwrap();

    let plan = store.plan_import(parsed.clone()).unwrap();
    assert_eq!(plan.new_customers, parsed.contacts.len() - 1);
    let m = &plan.merges[0];
    assert_eq!((m.customer_id.as_str(), m.matched_by), (known.id.as_str(), MatchedBy::SameEmail));
    assert!(m.adds.iter().any(|a| a.starts_with("phone")), "{:?}", m.adds);
    assert_eq!(store.customer_count().unwrap(), 1, "a plan writes nothing");

    let report = store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((report.added, report.merged), (parsed.contacts.len() - 1, 1));
    let rec = store.customer_record(&known.id).unwrap();
    assert_eq!(rec.customer.name, "Ana", "a match never renames the customer");
    assert!(rec.contact_points.iter().any(|p| p.kind == ContactKind::Phone));
    assert_eq!(rec.contact_points.iter().filter(|p| p.kind == ContactKind::Email).count() as usize, first.emails.len());

    // The same file again: everyone is already here, nothing new, nothing doubled.
    let again = store.plan_import(google(&fixture("google.csv"))).unwrap();
    assert_eq!(again.new_customers, 0);
    let count = store.customer_count().unwrap();
    store.apply_import(&again, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(store.customer_count().unwrap(), count);
    let points: i64 = rusqlite::Connection::open(dir.path().join("book.sqlite3"))
        .unwrap()
        .query_row("SELECT count(*) - count(DISTINCT customer_id || lower(value)) FROM contact_points", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(points, 0, "no contact point twice");
}

#[test]
fn rows_of_one_file_that_match_each_other_become_one_customer() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ANA@example.com\r\nTEL:+1 312 555 0101\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    assert_eq!(plan.new_customers, 1);
    assert_eq!(plan.merges.len(), 1);
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let list = store.export_book().unwrap().customers;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].contact_points.len(), 2, "the second row's phone joined the first");
}

#[test]
fn a_cancelled_import_leaves_nothing_behind() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    // 2,000 contacts, cancelled once the first progress report arrives.
    let mut text = String::from("Name,Email\n");
    for n in 0..2000 {
        text += &format!("Person {n},person{n}@example.com\n");
    }
    let mapping = csv::CsvKind::Mapped(csv::propose(&csv::headers(text.as_bytes()).unwrap()));
    let plan = store.plan_import(csv::parse(text.as_bytes(), &mapping).unwrap()).unwrap();
    assert_eq!(plan.new_customers, 2000);
    let cancel = AtomicBool::new(false);
    let err = store
        .apply_import(
            &plan,
            now(),
            &|done, _| {
                if done >= 500 {
                    cancel.store(true, Ordering::Relaxed)
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert_eq!(store.customer_count().unwrap(), 0, "all or nothing");
}

#[test]
fn a_failure_in_the_middle_of_an_import_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let plan = store.plan_import(google(&fixture("google.csv"))).unwrap();
    // Another program damages the schema between the preview and the import: the insert fails halfway.
    rusqlite::Connection::open(dir.path().join("book.sqlite3"))
        .unwrap()
        .execute_batch("CREATE TRIGGER fail_third AFTER INSERT ON customers WHEN (SELECT count(*) FROM customers) >= 3 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;")
        .unwrap();
    let err = store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false));
    assert!(err.is_err());
    assert_eq!(store.customer_count().unwrap(), 0);
    assert_eq!(store.search_backlog().unwrap(), 0);
    // The rollback put the search index's triggers back: a customer added now is searchable at once.
    store.add_customer(NewCustomer { name: "Yusuf After".into(), ..Default::default() }, now()).unwrap();
    assert_eq!(store.search("yusuf", 10).unwrap().len(), 1);
}

#[test]
fn import_then_export_then_import_gives_the_same_book() {
    let dir = TempDir::new().unwrap();
    let mut first = Store::open(&dir.path().join("first.sqlite3")).unwrap();
    for name in ["iphone.vcf", "google.vcf", "outlook.vcf"] {
        let plan = first.plan_import(vcard::parse_bytes(&fixture(name)).unwrap()).unwrap();
        first.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    }
    let plan = first.plan_import(google(&fixture("google.csv"))).unwrap();
    first.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();

    let shape = |s: &Store| {
        let mut people: Vec<(String, Vec<String>, Vec<String>)> = s
            .export_book()
            .unwrap()
            .customers
            .iter()
            .map(|c| {
                let mut points: Vec<String> =
                    c.contact_points.iter().map(|p| format!("{}:{}", p.kind, p.value.to_lowercase())).collect();
                points.sort();
                let mut tags: Vec<String> = c.tags.iter().map(|t| t.tag.to_lowercase()).collect();
                tags.sort();
                (c.customer.name.clone(), points, tags)
            })
            .collect();
        people.sort();
        people
    };
    for (format, write, read) in [
        (
            "vcard",
            vcard::write as fn(&[CustomerRecord]) -> String,
            (|b: &[u8]| vcard::parse_bytes(b).unwrap()) as fn(&[u8]) -> _,
        ),
        ("csv", csv::write, |b: &[u8]| google(b)),
    ] {
        let text = write(&first.export_book().unwrap().customers);
        let mut second = Store::open(&dir.path().join(format!("second-{format}.sqlite3"))).unwrap();
        let plan = second.plan_import(read(text.as_bytes())).unwrap();
        assert!(plan.bad.is_empty(), "{format}: {:?}", plan.bad);
        second.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!(shape(&second), shape(&first), "{format}");
    }
}

#[test]
fn imported_customers_become_searchable_once_the_index_catches_up() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let already =
        store.add_customer(NewCustomer { name: "Zelda Already".into(), ..Default::default() }, now()).unwrap();
    let mut text = String::from("Name,Email,Notes\n");
    for n in 0..12_000 {
        text += &format!("Quillon Person{n},person{n}@example.com,Likes #Quilting\n");
    }
    let mapping = csv::CsvKind::Mapped(csv::propose(&csv::headers(text.as_bytes()).unwrap()));
    let plan = store.plan_import(csv::parse(text.as_bytes(), &mapping).unwrap()).unwrap();
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(store.customer_count().unwrap(), 12_001, "the rows are in at once");
    assert!(store.search_backlog().unwrap() > 0);
    assert!(store.search("quillon", 10).unwrap().is_empty(), "search catches up after the import");

    // A customer edited before the index caught up is indexed once, not twice.
    let first = store.list_customers(&ListQuery { limit: Some(1), ..Default::default() }).unwrap()[0].id.clone();
    store.edit_customer(&first, NewCustomer { name: "Quillon Renamed".into(), ..Default::default() }, now()).unwrap();
    let steps = std::cell::Cell::new(0);
    store.catch_up_search(&|_| steps.set(steps.get() + 1)).unwrap();
    assert!(steps.get() > 1, "in steps");
    assert_eq!(store.search_backlog().unwrap(), 0);
    assert_eq!(store.search("person11999", 10).unwrap().len(), 2, "the name and the email");
    assert_eq!(store.search("quilting", 20_000).unwrap().len(), 12_000, "every note");
    assert_eq!(store.search("quillon renamed", 10).unwrap().len(), 1);
    assert_eq!(store.search("zelda", 10).unwrap()[0].customer_id, already.id);
    // A normal add after the import is searchable at once, as always.
    store.add_customer(NewCustomer { name: "Xavier After".into(), ..Default::default() }, now()).unwrap();
    assert_eq!(store.search("xavier", 10).unwrap().len(), 1);
}

/// An import sets the agenda's triggers aside while it writes, and still leaves no stale agenda row: a birthday
/// it adds to a customer already here shows on Today at once, and the triggers are back.
#[test]
fn what_an_import_adds_to_a_customer_reaches_today() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let point =
        NewContactPoint { kind: ContactKind::Email, label: None, value: "ana@example.com".into(), preferred: false };
    let ana = store
        .add_customer_with(NewCustomer { name: "Ana Souza".into(), ..Default::default() }, vec![point], vec![], now())
        .unwrap();
    let promise = NewPromise { what: "Send the winter tire quote".into(), due_on: now().date_naive(), made_on: None };
    store.add_promise(&ana.id, promise, now()).unwrap();
    let kinds = |store: &Store| -> Vec<String> {
        let a = store.agenda(now(), 30).unwrap();
        a.reasons.iter().filter(|r| r.customer_id == ana.id).map(|r| r.kind.as_str().to_string()).collect()
    };
    assert_eq!(kinds(&store), vec!["promise_due"], "Today has read Ana (and kept what it read)");

    let card =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@example.com\r\nBDAY:1985-12-05\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(card)).unwrap();
    assert_eq!(plan.merges.len(), 1);
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let mut after = kinds(&store);
    after.sort();
    assert_eq!(after, vec!["personal_date", "promise_due"], "the birthday the import added");

    let triggers: i64 = rusqlite::Connection::open(dir.path().join("book.sqlite3"))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'agenda_inputs_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 42, "every trigger is back");
    store.keep_promise(&store.customer_record(&ana.id).unwrap().promises[0].id, now()).unwrap();
    assert_eq!(kinds(&store), vec!["personal_date"], "and they work again");
}

#[test]
fn people_who_share_a_number_stay_apart_and_rapports_own_export_comes_back_whole() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    // Two colleagues on one office line, and a card with no name; a bad phone on a good card.
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nTEL;TYPE=WORK:+1 312 555 0100\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Carter\r\nTEL;TYPE=WORK:312-555-0100\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:walkin@example.com\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Okafor\r\nEMAIL:cy@example.com\r\nTEL:not a number\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dee Name-Only\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    assert_eq!(plan.new_customers, 5, "{plan:?}");
    assert!(plan.merges.is_empty(), "{:?}", plan.merges);
    assert_eq!(plan.possible_matches.len(), 1, "{:?}", plan.possible_matches);
    let pm = &plan.possible_matches[0];
    assert_eq!((pm.name.as_str(), pm.customer_name.as_str()), ("Ben Carter", "Ana Souza"));
    assert!(pm.shares.starts_with("phone"), "{pm:?}");
    assert_eq!(plan.skipped_values.len(), 1, "{:?}", plan.skipped_values);
    assert!(
        plan.skipped_values[0].message.contains("Cy Okafor") && plan.skipped_values[0].message.contains("not a number")
    );
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let names: Vec<String> = store.export_book().unwrap().customers.iter().map(|c| c.customer.name.clone()).collect();
    assert!(names.contains(&"walkin@example.com".to_string()), "{names:?}");

    // The same file again changes nothing, the name-only card included.
    let again = store.plan_import(vcard::parse(text)).unwrap();
    assert_eq!(again.new_customers, 0, "{again:?}");

    // Rapport's own export, into an empty book: the two who share a line come back as two.
    let vcf = rapport_core::io::vcard::write(&store.export_book().unwrap().customers);
    let other = TempDir::new().unwrap();
    let mut fresh = book(&other);
    let plan = fresh.plan_import(vcard::parse(&vcf)).unwrap();
    assert_eq!((plan.new_customers, plan.merges.len(), plan.possible_matches.len()), (5, 0, 0), "{plan:?}");
    fresh.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    // And the export imported into the book it came from joins each customer to itself.
    let back = store.plan_import(vcard::parse(&vcf)).unwrap();
    assert_eq!(back.new_customers, 0);
    assert!(back.merges.iter().all(|m| m.matched_by == MatchedBy::SameRapportId), "{:?}", back.merges);
}

#[test]
fn short_service_and_vanity_numbers_are_kept_as_written_and_placeholders_left_out() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Road Help\r\nTEL:*86\r\nTEL:911\r\nTEL:1-800-FLOWERS\r\nTEL:-\r\n\
                TEL;TYPE=CELL:+1 312 555 0199\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    assert_eq!(plan.new_customers, 1);
    assert_eq!(plan.skipped_values.len(), 1, "only the dash: {:?}", plan.skipped_values);
    assert!(plan.skipped_values[0].message.contains("Road Help"), "{:?}", plan.skipped_values);
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let rec = &store.export_book().unwrap().customers[0];
    let phones: Vec<(Option<&str>, &str)> =
        rec.contact_points.iter().map(|p| (p.label.as_deref(), p.value.as_str())).collect();
    assert!(phones.contains(&(Some("service"), "*86")) && phones.contains(&(Some("service"), "911")), "{phones:?}");
    assert!(phones.contains(&(Some("vanity"), "1-800-FLOWERS")), "{phones:?}");
    assert_eq!(phones.len(), 4, "{phones:?}");
}

#[test]
fn birthdays_go_out_in_vcard_and_csv_and_come_back_as_dated_facts() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let text =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nBDAY:1990-02-14\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let customers = store.export_book().unwrap().customers;
    let vcf = vcard::write(&customers);
    assert!(vcf.contains("BDAY:19900214"), "{vcf}");
    let sheet = csv::write(&customers);
    assert!(sheet.contains("1990-02-14"), "{sheet}");
    for (what, parsed) in [("vcard", vcard::parse(&vcf)), ("csv", google(sheet.as_bytes()))] {
        let other = TempDir::new().unwrap();
        let mut fresh = book(&other);
        let plan = fresh.plan_import(parsed).unwrap();
        fresh.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
        let back = &fresh.export_book().unwrap().customers[0];
        let birthday = back.facts.iter().find(|f| f.text == "Birthday").and_then(|f| f.date);
        assert_eq!(birthday, "1990-02-14".parse().ok(), "{what}: {:?}", back.facts);
    }
}

#[test]
fn the_preview_says_only_what_is_new_to_the_customer() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    store
        .add_customer_with(
            NewCustomer { name: "Ana Souza".into(), ..Default::default() },
            vec![NewContactPoint {
                kind: ContactKind::Phone,
                label: None,
                value: "(312) 555-0101".into(),
                preferred: false,
            }],
            vec![],
            now(),
        )
        .unwrap();
    let text =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nTEL:+1 312 555 0101\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    assert_eq!(plan.merges.len(), 1);
    assert_eq!(plan.merges[0].adds, ["email ana@example.com"], "not the phone she has");
}

#[test]
fn a_birthday_without_a_year_is_a_dated_fact_that_goes_out_and_comes_back_without_one() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let text =
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Olivia Grant\r\nBDAY:--0412\r\nEMAIL:olivia@example.com\r\nEND:VCARD\r\n";
    let plan = store.plan_import(vcard::parse(text)).unwrap();
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let customers = store.export_book().unwrap().customers;
    let fact = customers[0].facts.iter().find(|f| f.text == "Birthday (no year)").expect("a dated fact");
    assert_eq!(fact.date, "1904-04-12".parse().ok());
    assert!(vcard::write(&customers).contains("BDAY:--0412"));
    let sheet = csv::write(&customers);
    assert!(sheet.contains("--04-12"), "{sheet}");
    for parsed in [vcard::parse(&vcard::write(&customers)), google(sheet.as_bytes())] {
        let other = TempDir::new().unwrap();
        let mut fresh = book(&other);
        let plan = fresh.plan_import(parsed).unwrap();
        fresh.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
        let back = &fresh.export_book().unwrap().customers[0];
        assert!(back.facts.iter().any(|f| f.text == "Birthday (no year)" && f.date == fact.date), "{:?}", back.facts);
    }
    // It makes the yearly reason a birthday with a year would (the next 12 April).
    let agenda = store.agenda(now(), 200).unwrap();
    let shown = format!("{agenda:?}");
    assert!(shown.contains("Birthday (no year)") && shown.contains("2027-04"), "the birthday is on Today in April");
}

#[test]
fn honorifics_and_suffixes_go_out_in_their_own_fields_and_names_come_back_whole() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    for name in ["Mr. John Doe Sr.", "Dr. Grace Lee", "Ana Souza", "Cher"] {
        store.add_customer(NewCustomer { name: name.into(), ..Default::default() }, now()).unwrap();
    }
    let customers = store.export_book().unwrap().customers;
    let vcf = vcard::write(&customers);
    assert!(vcf.contains("N:Doe;John;;Mr.;Sr."), "{vcf}");
    assert!(vcf.contains("N:Lee;Grace;;Dr.;"), "{vcf}");
    let sheet = csv::write(&customers);
    assert!(sheet.contains("John,,Doe,,,,Mr.,Sr."), "{sheet}");
    for parsed in [vcard::parse(&vcf), google(sheet.as_bytes())] {
        let mut names: Vec<String> = parsed.contacts.iter().map(|c| c.name.clone()).collect();
        names.sort();
        assert_eq!(names, ["Ana Souza", "Cher", "Dr. Grace Lee", "Mr. John Doe Sr."]);
    }
}

/// The salesperson decides each possible match in the preview: the ones they say are the same person join (the
/// customer already in the book, or the earlier row of the file — following it when that row was joined too);
/// the others stay apart; a line that is not a possible match is refused by name and changes nothing.
#[test]
fn a_possible_match_joins_only_when_the_salesperson_says_so() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let ana = store.add_customer(NewCustomer { name: "Ana Souza".into(), ..Default::default() }, now()).unwrap();
    let point =
        NewContactPoint { kind: ContactKind::Phone, label: None, value: "+1 312 555 0100".into(), preferred: false };
    store.add_contact_point(&ana.id, point).unwrap();
    let card = |name: &str, lines: &str| format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{lines}END:VCARD\r\n");
    // Cards on lines 1, 7, 12, 18 and 23: "A. Souza (work)" shares Ana's phone; Ben, his wife Bea and his son
    // Carl share an email; Dee shares only Bea's phone.
    let text = [
        card("A. Souza (work)", "TEL:312-555-0100\r\nEMAIL:asouza@work.example\r\n"),
        card("Ben Carter", "EMAIL:carters@example.com\r\n"),
        card("Bea Carter", "EMAIL:carters@example.com\r\nTEL:312 555 0177\r\n"),
        card("Carl Carter", "EMAIL:carters@example.com\r\n"),
        card("Dee Carter", "TEL:312 555 0177\r\n"),
    ]
    .concat();
    let plan = store.plan_import(vcard::parse(&text)).unwrap();
    let lines: Vec<usize> = plan.possible_matches.iter().map(|m| m.line).collect();
    assert_eq!(lines, [1, 12, 18, 23], "{:?}", plan.possible_matches);
    let with: Vec<usize> = plan.possible_matches.iter().map(|m| m.with_line).collect();
    assert_eq!(with, [0, 7, 7, 12], "Ana is in the book; Bea and Carl share with Ben's row, Dee with Bea's");
    assert!(plan.possible_matches[0].adds.iter().any(|a| a.contains("asouza@work.example")));

    let mut refused = plan.clone();
    let err = refused.join(&[7]).unwrap_err().to_string();
    assert!(err.contains("line 7"), "{err}");
    assert_eq!(refused, plan, "a refused join changes nothing");

    let mut decided = plan.clone();
    decided.join(&[23, 1, 12]).unwrap();
    assert_eq!(decided.new_customers, 2, "Ben (with Bea, and Dee through her) and Carl");
    assert_eq!(decided.possible_matches.iter().map(|m| m.line).collect::<Vec<_>>(), [18]);
    store.apply_import(&decided, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let book = store.export_book().unwrap();
    let names: Vec<&str> = book.customers.iter().map(|r| r.customer.name.as_str()).collect();
    assert_eq!(names, ["Ana Souza", "Ben Carter", "Carl Carter"]);
    let values = |name: &str| -> Vec<String> {
        let r = book.customers.iter().find(|r| r.customer.name == name).unwrap();
        r.contact_points.iter().map(|p| p.value.clone()).collect()
    };
    assert!(values("Ana Souza").contains(&"asouza@work.example".to_string()), "joined Ana");
    assert_eq!(values("Ben Carter"), ["carters@example.com", "312 555 0177"], "Bea and Dee joined Ben's row");
}

/// The command line's import: the new rows are searchable when it commits (indexed in the same transaction, one
/// statement per table), with nothing left waiting — and a big import (the lookup indexes set aside and built again)
/// gives the same book as a small one.
#[test]
fn an_import_searchable_at_once_leaves_nothing_waiting_and_finds_every_new_row() {
    let dir = TempDir::new().unwrap();
    let mut store = book(&dir);
    let parsed = google(&fixture("google.csv"));
    let email = parsed.contacts.iter().flat_map(|c| &c.emails).next().unwrap().value.clone();
    let plan = store.plan_import(parsed.clone()).unwrap();
    store.apply_import_searchable(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(store.search_backlog().unwrap(), 0, "nothing waits for the index");
    let hits = store.search(&email, 10).unwrap();
    assert!(hits.iter().any(|h| h.text.eq_ignore_ascii_case(&email)), "{email}: {hits:?}");
    // The same file through the window's path (indexed afterwards) makes the same customers.
    let other = TempDir::new().unwrap();
    let mut second = book(&other);
    let plan = second.plan_import(parsed).unwrap();
    second.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert!(second.search_backlog().unwrap() > 0, "the window's path indexes afterwards");
    second.catch_up_search(&|_| {}).unwrap();
    let names = |s: &Store| {
        let mut n: Vec<String> = s.export_book().unwrap().customers.into_iter().map(|c| c.customer.name).collect();
        n.sort();
        n
    };
    assert_eq!(names(&store), names(&second));
    assert_eq!(second.search(&email, 10).unwrap().len(), store.search(&email, 10).unwrap().len());
}
