//! Rapport's own exports come back whole (issue 13): any book — names in any script, people who share a phone or an
//! email, birthdays with and without a year — exported to vCard or CSV and imported into an empty book gives the
//! same people with the same ways to reach them; importing the same file again changes nothing.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use rapport_core::io::{csv, vcard, ExportFormat};
use rapport_core::model::{ContactKind, NewContactPoint, NewCustomer, NewFact};
use rapport_core::Store;

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

/// One generated person.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    emails: BTreeSet<usize>,
    phones: BTreeSet<usize>,
    birthday: Option<NaiveDate>,
}

/// A small pool, so different people often share a number or an address (colleagues, a household).
fn email(n: usize) -> String {
    format!("desk{n}@example.com")
}

fn phone(n: usize) -> String {
    format!("+1 312 555 01{n:02}")
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[ÁÉÍÓÚÑÜ][a-záéíóúñü]{1,6}",
        "O'[A-Z][a-z]{2,5}",
        "[A-Z][a-z]{1,4}-[A-Z][a-z]{1,4}",
        "[一-龥]{1,2}",
        "[Α-Ω][α-ω]{1,5}",
    ]
}

fn person() -> impl Strategy<Value = Person> {
    (
        proptest::collection::vec(word(), 1..4),
        proptest::collection::btree_set(0..6usize, 0..3),
        proptest::collection::btree_set(0..6usize, 0..3),
        proptest::option::of((1950..2006i32, 1..13u32, 1..29u32)),
    )
        .prop_map(|(words, emails, phones, birthday)| Person {
            name: words.join(" "),
            emails,
            phones,
            birthday: birthday.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        })
}

/// The people as a book.
fn book_of(people: &[Person]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for p in people {
        let c = store.add_customer(NewCustomer { name: p.name.clone(), ..Default::default() }, now()).unwrap();
        for (kind, value) in p
            .emails
            .iter()
            .map(|&n| (ContactKind::Email, email(n)))
            .chain(p.phones.iter().map(|&n| (ContactKind::Phone, phone(n))))
        {
            let point = NewContactPoint { kind, label: None, value, preferred: false };
            store.add_contact_point(&c.id, point).unwrap();
        }
        if let Some(day) = p.birthday {
            let fact = NewFact { text: "Birthday".into(), learned_on: None, source: None, date: Some(day) };
            store.add_fact(&c.id, fact, now()).unwrap();
        }
    }
    store
}

/// Who is in a book, and how to reach them: name → (emails, phone digits, birthday).
type Seen = BTreeSet<(String, BTreeSet<String>, BTreeSet<String>, Option<NaiveDate>)>;

fn seen(store: &Store) -> Seen {
    let digits = |v: &str| v.chars().filter(char::is_ascii_digit).collect::<String>();
    store
        .export_book()
        .unwrap()
        .customers
        .iter()
        .map(|r| {
            let of = |kind: ContactKind| r.contact_points.iter().filter(move |p| p.kind == kind);
            let birthday = r.facts.iter().find(|f| f.text.starts_with("Birthday")).and_then(|f| f.date);
            (
                r.customer.name.clone(),
                of(ContactKind::Email).map(|p| p.value.to_lowercase()).collect(),
                of(ContactKind::Phone).map(|p| digits(&p.value)).collect(),
                birthday,
            )
        })
        .collect()
}

/// Imports `bytes` (vCard or Rapport's CSV) into `store`; returns how many new customers it planned.
fn import(store: &mut Store, format: ExportFormat, bytes: &[u8]) -> usize {
    let parsed = match format {
        ExportFormat::Vcard => vcard::parse_bytes(bytes).unwrap(),
        _ => {
            let headers = csv::headers(bytes).unwrap();
            let kind = csv::choose(&headers, None).expect("Rapport's CSV is a known layout");
            csv::parse(bytes, &kind).unwrap()
        }
    };
    assert!(parsed.bad.is_empty(), "{:?}", parsed.bad);
    let plan = store.plan_import(parsed).unwrap();
    let new = plan.new_customers;
    store.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    new
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn an_export_imports_back_to_the_same_people_and_again_to_no_one_new(
        people in proptest::collection::vec(person(), 1..10),
    ) {
        // Two people of one name who also share a number are one person to any reader: names are kept apart.
        let names: BTreeSet<String> = people.iter().map(|p| p.name.to_lowercase()).collect();
        prop_assume!(names.len() == people.len());
        let original = book_of(&people);
        let want = seen(&original);
        for format in [ExportFormat::Vcard, ExportFormat::Csv] {
            let file = format.write(&original.export_book().unwrap());
            let mut copy = Store::open_in_memory().unwrap();
            let new = import(&mut copy, format, file.as_bytes());
            prop_assert_eq!(new, people.len(), "{:?}: every person is a customer of their own", format);
            prop_assert_eq!(seen(&copy), want.clone(), "{:?}: the same people, reached the same ways", format);
            // The same file again: nobody new, nothing doubled.
            let again = import(&mut copy, format, file.as_bytes());
            prop_assert_eq!(again, 0, "{:?}: importing it again adds no one", format);
            prop_assert_eq!(seen(&copy), want.clone(), "{:?}: and doubles nothing", format);
        }
    }
}
