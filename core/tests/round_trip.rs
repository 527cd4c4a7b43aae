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
    /// Given names and family name, when the person comes from a file that had them (a vCard `N`); with
    /// `family_first` the whole name is written family name first, as Japanese and Chinese names are.
    parts: Option<(String, String, bool)>,
    emails: BTreeSet<usize>,
    phones: BTreeSet<usize>,
    /// Postal addresses from a small pool, in parts.
    addresses: BTreeSet<usize>,
    birthday: Option<NaiveDate>,
}

/// A small pool, so different people often share a number or an address (colleagues, a household).
fn email(n: usize) -> String {
    format!("desk{n}@example.com")
}

fn phone(n: usize) -> String {
    format!("+1 312 555 01{n:02}")
}

/// An address's parts in vCard's order: PO box, extended, street, city, region, postal code, country.
fn address(n: usize) -> [String; 7] {
    const CITIES: [(&str, &str, &str, &str); 3] = [
        ("Naperville", "IL", "60540", "USA"),
        ("Zürich", "", "8001", "Schweiz"),
        ("大阪市", "大阪府", "530-0001", "日本"),
    ];
    let (city, region, postal, country) = CITIES[n % CITIES.len()];
    let extended = if n % 2 == 0 { format!("Apt {n}") } else { String::new() };
    [String::new(), extended, format!("{} Elm St", 10 + n), city.into(), region.into(), postal.into(), country.into()]
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
        proptest::option::of((
            proptest::collection::vec(word(), 1..3),
            proptest::collection::vec(word(), 1..3),
            any::<bool>(),
        )),
        proptest::collection::btree_set(0..6usize, 0..3),
        proptest::collection::btree_set(0..6usize, 0..3),
        proptest::collection::btree_set(0..6usize, 0..2),
        proptest::option::of((1950..2006i32, 1..13u32, 1..29u32)),
    )
        .prop_map(|(words, parts, emails, phones, addresses, birthday)| {
            // "José Ignacio" "Gómez Raya": two given names and two family names stay so on the way out.
            let parts = parts.map(|(given, family, family_first)| (given.join(" "), family.join(" "), family_first));
            let name = match &parts {
                Some((given, family, true)) => format!("{family} {given}"),
                Some((given, family, false)) => format!("{given} {family}"),
                None => words.join(" "),
            };
            Person {
                name,
                parts,
                emails,
                phones,
                addresses,
                birthday: birthday.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            }
        })
}

/// The people as another program's vCard file would have them: names and addresses in parts.
fn their_vcard(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        out += &format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\n", p.name);
        if let Some((given, family, _)) = &p.parts {
            out += &format!("N:{family};{given};;;\r\n");
        }
        for &n in &p.emails {
            out += &format!("EMAIL:{}\r\n", email(n));
        }
        for &n in &p.phones {
            out += &format!("TEL:{}\r\n", phone(n));
        }
        for &n in &p.addresses {
            out += &format!("ADR;TYPE=home:{}\r\n", address(n).join(";"));
        }
        if let Some(day) = p.birthday {
            out += &format!("BDAY:{}\r\n", day.format("%Y-%m-%d"));
        }
        out += "END:VCARD\r\n";
    }
    out
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

/// Who is in a book, and how to reach them: name in parts, emails, phone digits, addresses in parts, birthday.
type Seen =
    BTreeSet<(String, [String; 5], BTreeSet<String>, BTreeSet<String>, BTreeSet<[String; 7]>, Option<NaiveDate>)>;

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
            let n = r.customer.name_in_parts();
            (
                r.customer.name.clone(),
                [n.prefix, n.given, n.additional, n.family, n.suffix],
                of(ContactKind::Email).map(|p| p.value.to_lowercase()).collect(),
                of(ContactKind::Phone).map(|p| digits(&p.value)).collect(),
                of(ContactKind::Address).map(|p| p.address_in_parts().in_order().map(String::from)).collect(),
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

    /// Import another program's file with names and addresses in parts → export → import into an empty book →
    /// export: the same file, and the parts are the file's own ("Gómez Raya" stays the family name; a name written
    /// family first keeps its family name; the flat and the suite stay in their fields).
    #[test]
    fn names_and_addresses_keep_their_parts_through_export_and_back(
        people in proptest::collection::vec(person(), 1..8),
    ) {
        let names: BTreeSet<String> = people.iter().map(|p| p.name.to_lowercase()).collect();
        prop_assume!(names.len() == people.len());
        // This property is about parts; who shares an email or a phone is the one above's. ("Ig" and "Aa-Ig Aa"
        // with one email are one person to the import, rightly: the one name is a word of the other.)
        let ways: Vec<usize> = people.iter().flat_map(|p| p.emails.iter().map(|e| e * 2).chain(p.phones.iter().map(|n| n * 2 + 1))).collect();
        prop_assume!(ways.iter().collect::<BTreeSet<_>>().len() == ways.len());
        let mut book = Store::open_in_memory().unwrap();
        import(&mut book, ExportFormat::Vcard, their_vcard(&people).as_bytes());
        let want = seen(&book);
        for p in &people {
            let entry = want.iter().find(|s| s.0 == p.name).expect("everyone imported");
            if let Some((given, family, _)) = &p.parts {
                prop_assert_eq!((&entry.1[1], &entry.1[3]), (given, family), "{}", p.name);
            }
            let addresses: BTreeSet<[String; 7]> = p.addresses.iter().map(|&n| address(n)).collect();
            prop_assert_eq!(&entry.4, &addresses, "{}", p.name);
        }
        for format in [ExportFormat::Vcard, ExportFormat::Csv] {
            let first = format.write(&book.export_book().unwrap());
            let mut copy = Store::open_in_memory().unwrap();
            import(&mut copy, format, first.as_bytes());
            prop_assert_eq!(seen(&copy), want.clone(), "{:?}: the same parts", format);
            let second = format.write(&copy.export_book().unwrap());
            prop_assert_eq!(first, second, "{:?}: the same file", format);
        }
    }
}
