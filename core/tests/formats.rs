//! Contact files from other tools: every fixture reads to the contacts and bad rows expected, the writers read
//! back to the same customers, and no input — random, cut short, ragged or huge — makes a parser panic.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rapport_core::io::contact::{BadRow, Contact, ContactPurchase, Labeled, Parsed};
use rapport_core::io::csv::{self as csv_files, CsvKind, Field, Mapping};
use rapport_core::io::vcard;
use rapport_core::model::{ContactKind, CustomerRecord, NoteKind, Vehicle};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn l(label: &str, value: &str) -> Labeled {
    Labeled {
        label: (!label.is_empty()).then(|| label.to_string()),
        value: value.to_string(),
        preferred: false,
        parts: None,
    }
}

/// A preferred one.
fn p(label: &str, value: &str) -> Labeled {
    Labeled { preferred: true, ..l(label, value) }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| t.to_string()).collect()
}

/// The contact without the structured parts of its name and addresses (asserted on their own, below).
fn plain(c: &Contact) -> Contact {
    let mut c = c.clone();
    c.name_parts = None;
    for a in &mut c.addresses {
        a.parts = None;
    }
    c
}

/// Compares contact by contact, so a failure names the one that differs.
fn assert_contacts(got: &[Contact], expected: &[Contact]) {
    for (g, e) in got.iter().zip(expected) {
        assert_eq!(plain(g), plain(e), "contact of line {}", e.line);
    }
    let names = |cs: &[Contact]| cs.iter().map(|c| (c.line, c.name.clone())).collect::<Vec<_>>();
    assert_eq!(names(got), names(expected));
}

fn bad_lines(parsed: &Parsed) -> Vec<usize> {
    parsed.bad.iter().map(|b| b.line).collect()
}

fn assert_bad(bad: &BadRow, line: usize, says: &str) {
    assert_eq!(bad.line, line, "{bad:?}");
    assert!(bad.message.contains(says), "line {line}: '{}' does not say '{says}'", bad.message);
}

// ----- vCard fixtures -----

#[test]
fn iphone_vcard_reads_groups_labels_folds_and_skips_the_photo() {
    let parsed = vcard::parse_bytes(&fixture("iphone.vcf")).unwrap();
    assert_eq!(parsed.bad, vec![]);
    let expected = vec![
        Contact {
            line: 1,
            name: "Chidi Okafor".into(),
            preferred_name: s("Chid"),
            company: s("Prairie State Roofing"),
            emails: vec![p("home", "chidi.okafor@example.com"), l("work", "chidi@example.org")],
            phones: vec![p("mobile", "+1 (630) 555-0101"), l("home", "(630) 555-0102")],
            addresses: vec![p("home", "1200 Ogden Ave, Apt 4, Naperville, IL 60563, United States")],
            notes: s("Bought an Ascent for the family in 2023. Coaches his daughter's soccer team on Saturday \
                      mornings, so call on weekday evenings after six. #SoccerDad\nWife Ada; twins start high \
                      school next fall."),
            tags: tags(&["Customers", "TopCustomers"]),
            birthday: Some(date(1984, 6, 2)),
            ..Contact::default()
        },
        Contact {
            line: 29,
            name: "山田 花子".into(),
            emails: vec![l("home", "hanako.yamada@example.net")],
            phones: vec![l("Shop", "+1 630 555 0112"), p("iPhone", "+1 630 555 0113")],
            notes: s("Runs the bakery on Main St. Prefers LINE or text."),
            ..Contact::default()
        },
        Contact {
            line: 42,
            name: "María José Castillo".into(),
            emails: vec![p("", "mj.castillo@example.com")],
            phones: vec![l("mobile", "(331) 555-0114")],
            // Apple's "no year" (1604): the day is kept in the notes, no year is invented.
            birthday: Some(date(1904, 11, 30)),
            tags: tags(&["Customers"]),
            ..Contact::default()
        },
        Contact {
            line: 52,
            name: "Kaminski Precision Machining".into(),
            company: s("Kaminski Precision Machining"),
            emails: vec![l("Orders", "orders@example.net")],
            phones: vec![p("work", "(630) 555-0115")],
            addresses: vec![l("work", "88 Industrial Dr, Aurora, IL 60504, United States")],
            ..Contact::default()
        },
        Contact {
            line: 64,
            name: "Linh Nguyen".into(),
            emails: vec![l("work", "linh.nguyen@example.org")],
            phones: vec![l("home fax", "(630) 555-0116"), l("other", "(630) 555-0117")],
            time_zone: s("America/Chicago"),
            ..Contact::default()
        },
        Contact {
            line: 75,
            name: "Dr. Erik Lindqvist".into(),
            phones: vec![l("mobile", "(630) 555-0118")],
            notes: s("Prefers texts, not calls; answers after 7pm.\nGolf on Sundays."),
            birthday: Some(date(1969, 3, 8)),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
}

#[test]
fn google_vcard_drops_system_groups_and_keeps_custom_labels() {
    let parsed = vcard::parse_bytes(&fixture("google.vcf")).unwrap();
    assert_eq!(parsed.bad, vec![]);
    let expected = vec![
        Contact {
            line: 1,
            name: "Ana Souza".into(),
            preferred_name: s("Aninha"),
            company: s("Fox Valley Dental"),
            emails: vec![l("home", "ana.souza@example.com"), l("work", "asouza@example.org")],
            phones: vec![l("mobile", "(630) 555-0121")],
            addresses: vec![l("home", "48 Birch Ln, Aurora, IL 60502, US")],
            notes: s("Wants a third row for the in-laws.\nAsked about #winter-tires."),
            tags: tags(&["Customers"]),
            birthday: Some(date(1990, 2, 14)),
            ..Contact::default()
        },
        Contact {
            line: 18,
            name: "Ben Carter".into(),
            emails: vec![l("other", "ben.carter@example.net")],
            phones: vec![l("Boat", "+1 312-555-0133"), l("work", "312-555-0134")],
            tags: tags(&["FleetAccounts"]),
            ..Contact::default()
        },
        Contact {
            line: 28,
            name: "Olivia Grant".into(),
            emails: vec![l("", "olivia.grant@example.com")],
            phones: vec![l("mobile", "+1 630-555-0135"), l("home", "+1 630-555-0136")],
            // No year: a dated fact on the book's "no year" leap year (issue 13), no longer a line of notes.
            birthday: Some(date(1904, 4, 12)),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
}

#[test]
fn outlook_vcard_21_reads_quoted_printable_in_its_charset() {
    let parsed = vcard::parse_bytes(&fixture("outlook.vcf")).unwrap();
    assert_eq!(parsed.bad, vec![]);
    let expected = vec![
        Contact {
            line: 1,
            name: "Petra Novak".into(),
            company: s("Lakeshore Mutual Insurance"),
            emails: vec![p("", "petra.novak@example.com")],
            phones: vec![l("work", "(630) 555-0170"), l("mobile", "(630) 555-0171")],
            addresses: vec![p("work", "100 Main St, Naperville, IL 60540, United States of America")],
            notes: s("Fleet of six Transit vans, renews every spring.\nAsk for Petra, not the front desk. #Fleet"),
            ..Contact::default()
        },
        Contact {
            line: 19,
            name: "Renée Dubois".into(),
            emails: vec![p("", "renee.dubois@example.org")],
            phones: vec![l("home", "630-555-0180")],
            notes: s("Café owner on Jefferson Ave."),
            birthday: Some(date(1977, 9, 21)),
            ..Contact::default()
        },
        Contact {
            line: 29,
            name: "Wolfgang Brandt".into(),
            emails: vec![l("", "w.brandt@example.net")],
            phones: vec![l("work fax", "630-555-0191"), p("work", "630-555-0190")],
            // vCard 2.1 has no backslash escapes but `\;`: a path stays as typed.
            notes: s(r"Shop drawings in C:\new\tools, keep as typed"),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
}

#[test]
fn broken_vcard_reports_each_bad_card_at_its_line() {
    let parsed = vcard::parse_bytes(&fixture("broken.vcf")).unwrap();
    let good: Vec<(usize, &str)> = parsed.contacts.iter().map(|c| (c.line, c.name.as_str())).collect();
    // The card with no name but an email is named from it (issue 13).
    // So is the card with one line that cannot be read: that line is left out, not the card (issue 13).
    assert_eq!(good, vec![(1, "Good Person"), (6, "nobody@example.com"), (10, "Broken Fold"), (22, "Second Good")]);
    let fold = &parsed.contacts[2];
    assert_eq!(fold.skipped.len(), 1, "{fold:?}");
    assert_bad(&fold.skipped[0], 14, "is not a vCard line");
    assert_bad(&fold.skipped[0], 14, "starting on line 10");
    assert_eq!(bad_lines(&parsed), vec![16, 18, 27]);
    assert_bad(&parsed.bad[0], 16, "outside any card");
    assert_bad(&parsed.bad[1], 18, "no END:VCARD before the next BEGIN:VCARD on line 22");
    assert_bad(&parsed.bad[2], 27, "cut short");
}

#[test]
fn vcard_versions_escapes_and_parameters() {
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Rivera;Tomás;Andrés;Mr.;Jr.\r\nEMAIL;PREF=1;TYPE=\"work,internet\":\
                mailto:tomas@example.com\r\nTEL;VALUE=uri;TYPE=\"cell,text\":tel:+1-773-555-0156\r\n\
                TEL;type=HOME;type=pref:773-555-0157\r\nTZ:-05:00\r\nNOTE:a\\\\b\\nc\\,d\\;e\r\n\
                CATEGORIES:#Referral,2024 buyers,winter-tires\r\nBDAY:19850412T000000Z\r\nX-UNKNOWN;FOO=bar:ignored\r\n\
                END:VCARD\r\n";
    let parsed = vcard::parse(text);
    assert_eq!(parsed.bad, vec![]);
    let c = &parsed.contacts[0];
    assert_eq!(c.name, "Mr. Tomás Andrés Rivera Jr.", "built from N when there is no FN");
    assert_eq!(c.emails, vec![p("work", "tomas@example.com")]);
    assert_eq!(c.phones, vec![l("mobile", "+1-773-555-0156"), p("home", "773-555-0157")]);
    assert_eq!(c.time_zone, None, "an offset is not a zone");
    assert_eq!(c.notes.as_deref(), Some("a\\b\nc,d;e"));
    assert_eq!(c.tags, tags(&["Referral", "winter-tires"]), "a category starting with a digit cannot be a tag");
    assert_eq!(c.birthday, Some(date(1985, 4, 12)));

    // LF only, tab folding, a card with only a nickname or only an organization.
    let text =
        "BEGIN:VCARD\nVERSION:3.0\nNICKNAME:Bo\nNOTE:one\n\ttwo\nEND:VCARD\nBEGIN:VCARD\nORG:Acme\\, Inc.;Sales\n\
                END:VCARD\n";
    let parsed = vcard::parse(text);
    assert_eq!(parsed.bad, vec![]);
    assert_eq!((parsed.contacts[0].name.as_str(), parsed.contacts[0].preferred_name.as_deref()), ("Bo", None));
    assert_eq!(parsed.contacts[0].notes.as_deref(), Some("onetwo"));
    assert_eq!(parsed.contacts[1].name, "Acme, Inc.");
    assert_eq!(parsed.contacts[1].line, 7);
}

#[test]
fn vcard_encodings_are_decoded() {
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n";
    let utf16 = |big: bool| -> Vec<u8> {
        let mut out = if big { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in card.encode_utf16() {
            out.extend(if big { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    };
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), card.as_bytes()].concat();
    let windows_1252: Vec<u8> = card.chars().map(|c| c as u32 as u8).collect(); // ë, Å, ö are Latin-1 too.
    for (what, bytes) in [("utf-8 bom", with_bom), ("utf-16le", utf16(false)), ("utf-16be", utf16(true))] {
        assert_eq!(vcard::parse_bytes(&bytes).unwrap().contacts[0].name, "Zoë Ångström", "{what}");
    }
    assert_eq!(vcard::parse_bytes(&windows_1252).unwrap().contacts[0].name, "Zoë Ångström", "windows-1252");
    // UTF-16 without a BOM, as some Windows tools write it.
    let no_bom = utf16(false)[2..].to_vec();
    assert_eq!(vcard::parse_bytes(&no_bom).unwrap().contacts[0].name, "Zoë Ångström");
}

#[test]
fn files_that_are_not_contacts_are_refused_with_a_reason() {
    for empty in [&b""[..], b"  \r\n\n", b"\xEF\xBB\xBF"] {
        let e = vcard::parse_bytes(empty).unwrap_err().to_string();
        assert!(e.contains("empty"), "{e}");
        let e = csv_files::parse(empty, &CsvKind::Google).unwrap_err().to_string();
        assert!(e.contains("empty"), "{e}");
        assert!(csv_files::headers(empty).is_err());
    }
    let e = vcard::parse_bytes(b"First Name,Last Name\nAna,Souza\n").unwrap_err().to_string();
    assert!(e.contains("not a vCard"), "{e}");
    let e = vcard::parse_bytes(b"BEGIN:VCARD\nFN:A\n\x00\x01\x02END:VCARD\n").unwrap_err().to_string();
    assert!(e.contains("line 3") && e.contains("binary"), "{e}");
    let e = csv_files::parse(b"Name\nAna\nBen\x00\n", &CsvKind::Google).unwrap_err().to_string();
    assert!(e.contains("line 3") && e.contains("binary"), "{e}");
}

// ----- CSV fixtures -----

fn parse_csv(name: &str) -> (CsvKind, Parsed) {
    let bytes = fixture(name);
    let headers = csv_files::headers(&bytes).unwrap();
    let kind = csv_files::detect(&headers).unwrap_or_else(|| CsvKind::Mapped(csv_files::propose(&headers)));
    let parsed = csv_files::parse(&bytes, &kind).unwrap();
    (kind, parsed)
}

#[test]
fn google_csv_reads_multi_values_labels_and_notes_over_lines() {
    let bytes = fixture("google.csv");
    let headers = csv_files::headers(&bytes).unwrap();
    assert_eq!(headers[0], "First Name", "the BOM is dropped");
    let (kind, parsed) = parse_csv("google.csv");
    assert_eq!(kind, CsvKind::Google);
    let expected = vec![
        Contact {
            line: 2,
            name: "Ana Souza".into(),
            preferred_name: s("Aninha"),
            company: s("Fox Valley Dental"),
            emails: vec![
                p("home", "ana.souza@example.com"),
                l("home", "ana@example.net"),
                l("work", "asouza@example.org"),
            ],
            phones: vec![l("mobile", "(630) 555-0121")],
            addresses: vec![l("home", "48 Birch Ln, Aurora, IL 60502, US")],
            notes: s("Wants a third row for the in-laws.\nAsked about #winter-tires."),
            tags: tags(&["Customers"]),
            birthday: Some(date(1990, 2, 14)),
            ..Contact::default()
        },
        Contact {
            line: 6,
            name: "Ben Carter".into(),
            emails: vec![p("other", "ben.carter@example.net")],
            phones: vec![l("mobile", "312-555-0133"), l("Boat", "312-555-0135"), l("work", "312-555-0134")],
            tags: tags(&["FleetAccounts"]),
            ..Contact::default()
        },
        Contact {
            line: 7,
            name: "小明 王".into(),
            phones: vec![l("mobile", "+1 630 555 0137")],
            // No year: a dated fact on the book's "no year" leap year (issue 13), no longer a line of notes.
            birthday: Some(date(1904, 4, 12)),
            ..Contact::default()
        },
        Contact {
            line: 8,
            name: "Mendoza Landscaping".into(),
            company: s("Mendoza Landscaping"),
            phones: vec![l("work", "630-555-0150")],
            ..Contact::default()
        },
        // No name at all: named from the email, not left out (issue 13).
        Contact {
            line: 9,
            name: "ghost@example.com".into(),
            emails: vec![p("other", "ghost@example.com")],
            ..Contact::default()
        },
        Contact {
            line: 10,
            name: "Dr. Grace Lee".into(),
            emails: vec![l("work", "grace.lee@example.org")],
            addresses: vec![l("work", "9 Elm Ct, Lisle, IL 60532, US")],
            tags: tags(&["Customers"]),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
    assert!(parsed.bad.is_empty(), "{:?}", parsed.bad);
}

#[test]
fn google_legacy_csv_in_utf16_reads_types_and_group_membership() {
    let (kind, parsed) = parse_csv("google-legacy.csv");
    assert_eq!(kind, CsvKind::Google);
    assert_eq!(parsed.bad, vec![]);
    let expected = vec![
        Contact {
            line: 2,
            name: "Hannah Weiss".into(),
            emails: vec![p("home", "hannah.weiss@example.com")],
            phones: vec![l("mobile", "+1 630-555-0141")],
            addresses: vec![l("home", "5 Cedar St, Wheaton, IL 60187")],
            notes: s("Trades in every three years, always in spring. #Lessee"),
            tags: tags(&["Customers"]),
            birthday: Some(date(1982, 7, 19)),
            ..Contact::default()
        },
        Contact {
            line: 4,
            name: "Jürgen Vogel".into(),
            preferred_name: s("Jo"),
            company: s("Naperville Water Works"),
            phones: vec![l("work", "+1 630 555 0144")],
            notes: s("Engineer at the water plant, likes specs, not small talk."),
            tags: tags(&["Friends"]),
            ..Contact::default()
        },
        Contact {
            line: 5,
            name: "Sam Ortiz".into(),
            emails: vec![l("work", "sam.ortiz@example.org"), l("home", "sam@example.net")],
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
}

/// LinkedIn's connections export (a fixture written for this project in its layout): the "Notes:" paragraph before
/// the header is not a row, line numbers still count it, and the position, profile and day of connecting are kept
/// in the note.
#[test]
fn linkedin_connections_read_past_their_notes_paragraph() {
    let (kind, parsed) = parse_csv("linkedin.csv");
    assert_eq!(kind, CsvKind::Outlook);
    assert_eq!(parsed.bad, vec![]);
    let names: Vec<(usize, &str)> = parsed.contacts.iter().map(|c| (c.line, c.name.as_str())).collect();
    assert_eq!(names, [(5, "Ana Souza"), (6, "Ben Carter")]);
    let ana = &parsed.contacts[0];
    assert_eq!(ana.emails, vec![l("", "ana@example.com")]);
    assert_eq!(ana.company.as_deref(), Some("Souza Fleet"));
    let note = ana.notes.as_deref().unwrap_or_default();
    assert!(note.contains("Job title: Fleet Manager") && note.contains("Connected on LinkedIn: 12 Mar 2023"), "{note}");
    assert!(note.contains("LinkedIn: https://www.linkedin.com/in/anasouza"), "{note}");
    assert!(parsed.contacts[1].emails.is_empty(), "a connection who hides their email has none");
}

#[test]
fn outlook_csv_in_windows_1252_reads_phones_addresses_and_categories() {
    let (kind, parsed) = parse_csv("outlook.csv");
    assert_eq!(kind, CsvKind::Outlook);
    assert_eq!(parsed.bad, vec![]);
    let expected = vec![
        Contact {
            line: 2,
            name: "Petra Novak".into(),
            company: s("Lakeshore Mutual Insurance"),
            emails: vec![l("", "petra.novak@example.com"), l("", "pnovak@example.net")],
            // "Primary Phone" repeats the mobile: it marks it preferred.
            phones: vec![p("mobile", "(630) 555-0171"), l("work", "(630) 555-0170")],
            addresses: vec![l("work", "100 Main St, Suite 200, Naperville, IL 60540, United States of America")],
            notes: s("Fleet of six Transit vans, renews every spring.\nAsk for Petra. #Fleet\nJob title: Agent"),
            tags: tags(&["Fleet", "Customers"]),
            ..Contact::default()
        },
        Contact {
            line: 4,
            name: "Renée Dubois".into(),
            emails: vec![l("", "renee.dubois@example.org")],
            phones: vec![l("home", "630-555-0180")],
            notes: s("Café owner on Jefferson Ave."),
            birthday: Some(date(1977, 9, 21)),
            ..Contact::default()
        },
        Contact {
            line: 5,
            name: "Mr. Wolfgang Brandt Jr.".into(),
            phones: vec![l("work", "630-555-0190"), l("work fax", "630-555-0191")],
            addresses: vec![l("home", "27 Willow Ct, Naperville, IL 60563")],
            tags: tags(&["TopCustomers"]),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
}

fn dealer_mapping() -> Mapping {
    serde_json::from_slice(&fixture("dealer-mapping.json")).unwrap()
}

#[test]
fn a_dealer_sheet_is_proposed_a_mapping_from_its_headers() {
    let headers = csv_files::headers(&fixture("dealer.csv")).unwrap();
    assert_eq!(csv_files::detect(&headers), None);
    let proposed = csv_files::propose(&headers);
    assert_eq!(proposed.columns, dealer_mapping().columns, "Salesperson stays unmapped");
    assert_eq!(proposed.date_format, None);

    let synonyms: Vec<String> =
        ["Customer Name", "E-Mail Address", "Cell Phone", "Delivery Date", "Stock/VIN", "Model Year", "Make", "Trim"]
            .iter()
            .map(|h| h.to_string())
            .collect();
    let m = csv_files::propose(&synonyms);
    let want: BTreeMap<Field, String> = [
        (Field::Name, "Customer Name"),
        (Field::Email, "E-Mail Address"),
        (Field::Mobile, "Cell Phone"),
        (Field::PurchasedOn, "Delivery Date"),
        (Field::Vin, "Stock/VIN"),
        (Field::Year, "Model Year"),
        (Field::Make, "Make"),
        (Field::Trim, "Trim"),
    ]
    .into_iter()
    .map(|(f, h)| (f, h.to_string()))
    .collect();
    assert_eq!(m.columns, want);
}

#[test]
fn the_mapping_file_is_json_with_snake_case_fields() {
    let m = dealer_mapping();
    assert_eq!(m.columns[&Field::PurchasedOn], "Sold Date");
    assert_eq!(m.date_format.as_deref(), Some("%m/%d/%Y"));
    let json = serde_json::to_string(&m).unwrap();
    assert!(json.contains("\"purchased_on\":\"Sold Date\""), "{json}");
    assert_eq!(serde_json::from_str::<Mapping>(&json).unwrap(), m);
    let kind: CsvKind = serde_json::from_str(&serde_json::to_string(&CsvKind::Mapped(m.clone())).unwrap()).unwrap();
    assert_eq!(kind, CsvKind::Mapped(m));
}

#[test]
fn a_dealer_sheet_reads_purchases_and_reports_bad_vins_and_dates() {
    let parsed = csv_files::parse(&fixture("dealer.csv"), &CsvKind::Mapped(dealer_mapping())).unwrap();
    let vehicle = |year, make: &str, model: &str, vin: &str| Vehicle {
        year: Some(year),
        make: s(make),
        model: s(model),
        trim: None,
        vin: s(vin),
    };
    let expected = vec![
        Contact {
            line: 2,
            name: "Gordon Pike".into(),
            emails: vec![l("", "gordon.pike@example.net")],
            phones: vec![l("mobile", "630-555-0111")],
            notes: s("Keeps his cars 12 years #BuyAndHold"),
            purchase: Some(ContactPurchase {
                description: "2024 Subaru Outback Wilderness".into(),
                vehicle: vehicle(2024, "Subaru", "Outback Wilderness", "4S4BTGUD1R3214587"),
                purchased_on: Some(date(2024, 3, 14)),
            }),
            ..Contact::default()
        },
        Contact {
            line: 3,
            name: "Priya Raman".into(),
            emails: vec![l("", "priya.raman@example.com")],
            phones: vec![l("mobile", "630-555-0123")],
            notes: s("Plates still owed"),
            purchase: Some(ContactPurchase {
                description: "2025 Ford Escape Platinum".into(),
                vehicle: vehicle(2025, "Ford", "Escape Platinum", "1FMCU9JAXSUA41739"),
                purchased_on: Some(date(2025, 11, 11)),
            }),
            ..Contact::default()
        },
        Contact {
            line: 4,
            name: "Marco Bellini".into(),
            phones: vec![l("mobile", "630-555-0131")],
            purchase: Some(ContactPurchase {
                description: "2023 Alfa Romeo Giulia Ti".into(),
                vehicle: vehicle(2023, "Alfa Romeo", "Giulia Ti", "ZARFANBN3P7654321"),
                purchased_on: Some(date(2023, 7, 4)),
            }),
            ..Contact::default()
        },
        // A walk-in who left no name: named from the email.
        Contact {
            line: 7,
            name: "walkin@example.com".into(),
            emails: vec![l("", "walkin@example.com")],
            phones: vec![l("mobile", "630-555-0150")],
            notes: s("Walk-in, left no name"),
            ..Contact::default()
        },
        Contact {
            line: 8,
            name: "Keisha Thompson".into(),
            emails: vec![l("", "keisha.thompson@example.com")],
            phones: vec![l("mobile", "630-555-0164")],
            notes: s("Rattle above 40 mph.\nFixed on the second visit."),
            purchase: Some(ContactPurchase {
                description: "2025 Ford Bronco Sport Badlands".into(),
                vehicle: vehicle(2025, "Ford", "Bronco Sport Badlands", "3FMCR9D92SRA63020"),
                purchased_on: Some(date(2025, 10, 14)),
            }),
            ..Contact::default()
        },
        Contact {
            line: 10,
            name: "Diane Kowalski".into(),
            emails: vec![l("", "dkowalski@example.net")],
            phones: vec![l("mobile", "630-555-0138")],
            notes: s("Service customer only"),
            ..Contact::default()
        },
    ];
    assert_contacts(&parsed.contacts, &expected);
    assert_eq!(bad_lines(&parsed), vec![5, 6]);
    assert_bad(&parsed.bad[0], 5, "VIN: '3FTTW8E9XNRA1234' is not a VIN");
    assert_bad(&parsed.bad[1], 6, "Sold Date: '13/45/2021' is not a date");
}

#[test]
fn mapped_sheets_without_a_date_format_read_common_dates() {
    let sheet = "Name,Year,Make,Model,Trim,Purchase Date,Birthday,Time Zone\n\
                 Ana,2024,Subaru,Outback,Touring,2024-03-14,4/12/1985,America/Chicago\n\
                 Ben,24,Ford,Escape,,03/14/24,,\n\
                 Cy,,,,,14.03.2024,--04-12,Central\n";
    let m = csv_files::propose(&csv_files::headers(sheet.as_bytes()).unwrap());
    let parsed = csv_files::parse(sheet.as_bytes(), &CsvKind::Mapped(m)).unwrap();
    let ana = &parsed.contacts[0];
    let purchase = ana.purchase.as_ref().unwrap();
    assert_eq!(purchase.description, "2024 Subaru Outback Touring");
    assert_eq!(purchase.vehicle.trim.as_deref(), Some("Touring"));
    assert_eq!(purchase.purchased_on, Some(date(2024, 3, 14)));
    assert_eq!(ana.birthday, Some(date(1985, 4, 12)));
    assert_eq!(ana.time_zone.as_deref(), Some("America/Chicago"));
    assert_bad(&parsed.bad[0], 3, "Year: '24' is not a model year");
    assert_bad(&parsed.bad[1], 4, "Time Zone: 'Central' is not an IANA time zone");
    assert_eq!(parsed.bad.len(), 2);
}

#[test]
fn mappings_naming_missing_columns_are_refused() {
    let sheet = b"Customer,Phone\nAna,555-0100\n";
    let mut m = Mapping::default();
    m.columns.insert(Field::Name, "Client".into());
    let e = csv_files::parse(sheet, &CsvKind::Mapped(m)).unwrap_err().to_string();
    assert!(e.contains("'Client'"), "{e}");
    let mut m = Mapping::default();
    m.columns.insert(Field::Phone, "Phone".into());
    let e = csv_files::parse(sheet, &CsvKind::Mapped(m)).unwrap_err().to_string();
    assert!(e.contains("name"), "{e}");
    let mut m = csv_files::propose(&csv_files::headers(sheet).unwrap());
    m.date_format = Some("%Q".into());
    assert!(csv_files::parse(sheet, &CsvKind::Mapped(m)).is_err());
}

#[test]
fn broken_csv_reads_ragged_rows_with_names_and_reports_the_rest() {
    let (kind, parsed) = parse_csv("broken.csv");
    assert!(matches!(kind, CsvKind::Mapped(_)));
    let good: Vec<(usize, &str)> = parsed.contacts.iter().map(|c| (c.line, c.name.as_str())).collect();
    assert_eq!(good, vec![(2, "Good One"), (3, "Short Row"), (4, "nobody@example.com"), (5, "Extra Field")]);
    assert_eq!(parsed.contacts[1].emails, vec![l("", "short@example.com")]);
    assert_eq!(parsed.contacts[1].phones, vec![]);
    assert_eq!(bad_lines(&parsed), vec![7]);
    assert_bad(&parsed.bad[0], 7, "quote");
}

#[test]
fn preview_shows_the_first_rows() {
    let (headers, rows) = csv_files::preview(&fixture("dealer.csv"), 2).unwrap();
    assert_eq!(headers.len(), 8);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "Priya Raman");
    let (_, rows) = csv_files::preview(&fixture("broken.csv"), 100).unwrap();
    assert_eq!(rows.len(), 6, "the unclosed quote swallows the last lines");
}

// ----- Writing and reading back -----

fn demo_customers() -> Vec<CustomerRecord> {
    let now = rapport_core::time::parse_now("2026-11-23T16:00:00Z").unwrap();
    rapport_core::demo::book(now).customers
}

fn notes_of(r: &CustomerRecord) -> Option<String> {
    let texts: Vec<&str> = r.notes.iter().filter(|n| n.kind == NoteKind::Note).map(|n| n.text.trim()).collect();
    Some(texts.join("\n\n")).filter(|t| !t.is_empty())
}

fn points_of(r: &CustomerRecord, kind: ContactKind) -> Vec<Labeled> {
    let mut out: Vec<Labeled> = r
        .contact_points
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| Labeled { label: p.label.clone(), value: p.value.clone(), preferred: p.preferred, parts: None })
        .collect();
    out.sort_by(|a, b| (&a.value, &a.label).cmp(&(&b.value, &b.label)));
    out
}

fn sorted(mut list: Vec<Labeled>) -> Vec<Labeled> {
    list.sort_by(|a, b| (&a.value, &a.label).cmp(&(&b.value, &b.label)));
    list
}

/// The customers read back from a written file are the same people.
fn assert_round_trip(customers: &[CustomerRecord], parsed: &Parsed) {
    assert_eq!(parsed.bad, vec![]);
    assert_eq!(parsed.contacts.len(), customers.len());
    for (r, c) in customers.iter().zip(&parsed.contacts) {
        let who = &r.customer.name;
        assert_eq!(c.name, r.customer.name);
        assert_eq!(c.preferred_name, r.customer.preferred_name, "{who}");
        assert_eq!(c.company, r.customer.company, "{who}");
        assert_eq!(c.time_zone, r.customer.time_zone, "{who}");
        assert_eq!(sorted(c.emails.clone()), points_of(r, ContactKind::Email), "{who}");
        assert_eq!(sorted(c.phones.clone()), points_of(r, ContactKind::Phone), "{who}");
        let addresses = c.addresses.iter().map(|a| Labeled { parts: None, ..a.clone() }).collect();
        assert_eq!(sorted(addresses), points_of(r, ContactKind::Address), "{who}");
        // The parts written are the parts read: the file's own while they describe the value, else the whole line.
        for point in r.contact_points.iter().filter(|p| p.kind == ContactKind::Address) {
            let read = c.addresses.iter().find(|a| a.value == point.value).and_then(|a| a.parts.clone());
            assert_eq!(read, Some(point.address_in_parts()), "{who}: {}", point.value);
        }
        let parts = r.customer.name_in_parts();
        assert_eq!(c.name_parts.clone().unwrap_or_default(), parts, "{who}");
        assert_eq!(c.notes, notes_of(r), "{who}");
        assert_eq!(c.tags, r.tags.iter().map(|t| t.tag.clone()).collect::<Vec<_>>(), "{who}");
    }
}

#[test]
fn vcard_export_reads_back_to_the_same_customers() {
    let customers = demo_customers();
    assert!(customers.iter().any(|r| r.contact_points.iter().any(|p| p.kind == ContactKind::Address)));
    let text = vcard::write(&customers);
    assert_round_trip(&customers, &vcard::parse(&text));
    assert_round_trip(&customers, &vcard::parse_bytes(text.as_bytes()).unwrap());

    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line}");
    }
    let first = &customers[0];
    let card = text.split("END:VCARD").next().unwrap();
    assert!(card.contains("VERSION:4.0"));
    assert!(card.contains(&format!("X-RAPPORT-ID:{}", first.customer.id)));
    assert!(card.contains("PREF=1"));
    assert!(text.contains("TYPE=cell"), "mobile phones are TYPE=cell");
    assert!(text.contains("X-ABLabel:personal"), "labels vCard has no word for go in X-ABLabel");
}

#[test]
fn csv_export_reads_back_to_the_same_customers() {
    let customers = demo_customers();
    let text = csv_files::write(&customers);
    let headers = csv_files::headers(text.as_bytes()).unwrap();
    assert_eq!(csv_files::detect(&headers), Some(CsvKind::Google));
    assert_eq!(&headers[..3], ["First Name", "Middle Name", "Last Name"]);
    assert_eq!(&headers[headers.len() - 2..], ["Rapport ID", "Time Zone"]);
    assert!(text.contains("\r\n"));
    let parsed = csv_files::parse(text.as_bytes(), &CsvKind::Google).unwrap();
    assert_round_trip(&customers, &parsed);
}

#[test]
fn values_sharing_a_label_are_written_in_one_cell() {
    let mut customers = demo_customers();
    let r = &mut customers[0];
    let mut extra = r.contact_points[0].clone();
    extra.value = "+1 630 555 0199".into();
    extra.kind = ContactKind::Phone;
    extra.label = Some("home".into());
    extra.preferred = false;
    r.contact_points.push(extra);
    let text = csv_files::write(&customers[..1]);
    assert!(text.contains(" ::: +1 630 555 0199"), "{text}");
    let parsed = csv_files::parse(text.as_bytes(), &CsvKind::Google).unwrap();
    assert_round_trip(&customers[..1], &parsed);
    let parsed = vcard::parse(&vcard::write(&customers[..1]));
    assert_round_trip(&customers[..1], &parsed);
}

// ----- Size -----

fn google_sheet(rows: usize) -> String {
    let mut out = String::from(
        "First Name,Last Name,Nickname,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,\
         Address 1 - Label,Address 1 - Formatted\r\n",
    );
    for i in 0..rows {
        out += &format!(
            "Customer{i},Number{i},,\"Bought in {}; #Fleet\",* myContacts ::: Customers,* Home,c{i}@example.com ::: \
             c{i}@example.org,Mobile,+1 630 555 {:04},Home,\"{i} Elm St\nNaperville, IL 60540\"\r\n",
            2000 + i % 25,
            i % 10000
        );
    }
    out
}

#[test]
fn a_hundred_thousand_google_rows_are_read() {
    let sheet = google_sheet(100_000);
    let started = std::time::Instant::now();
    let parsed = csv_files::parse(sheet.as_bytes(), &CsvKind::Google).unwrap();
    eprintln!("100,000 Google rows parsed in {:?}", started.elapsed());
    assert_eq!(parsed.contacts.len(), 100_000);
    assert_eq!(parsed.bad, vec![]);
    let last = parsed.contacts.last().unwrap();
    assert_eq!(last.line, 200_000, "each row runs over two lines");
    assert_eq!(last.emails.len(), 2);
}

#[test]
fn a_megabyte_field_is_read_whole() {
    let huge = "x".repeat(1 << 20);
    let sheet = format!("Name,Notes\nAna,{huge}\nBen,short\n");
    let m = csv_files::propose(&csv_files::headers(sheet.as_bytes()).unwrap());
    let parsed = csv_files::parse(sheet.as_bytes(), &CsvKind::Mapped(m)).unwrap();
    assert_eq!(parsed.contacts[0].notes.as_ref().map(String::len), Some(1 << 20));
    assert_eq!(parsed.contacts[1].line, 3);

    let card = format!("BEGIN:VCARD\r\nFN:Ana\r\nNOTE:{huge}\r\nEND:VCARD\r\n");
    assert_eq!(vcard::parse(&card).contacts[0].notes.as_ref().map(String::len), Some(1 << 20));
    // Written, the note folds into many lines that read back whole.
    let mut customers = demo_customers();
    customers.truncate(1);
    customers[0].notes[0].text = huge.clone();
    customers[0].notes.truncate(1);
    customers[0].notes[0].kind = NoteKind::Note;
    let back = vcard::parse(&vcard::write(&customers));
    assert_eq!(back.contacts[0].notes.as_deref(), Some(huge.as_str()));
    let back = csv_files::parse(csv_files::write(&customers).as_bytes(), &CsvKind::Google).unwrap();
    assert_eq!(back.contacts[0].notes.as_deref(), Some(huge.as_str()));
}

// ----- Anything at all -----

/// Lines as a reader counts them: at line feeds, or at bare carriage returns in a file with no line feed (a CSV
/// from an old Mac).
fn lines_in(bytes: &[u8]) -> usize {
    let feeds = bytes.iter().filter(|b| **b == b'\n').count();
    let returns = bytes.iter().filter(|b| **b == b'\r').count();
    if feeds == 0 {
        returns + 1
    } else {
        feeds + 1
    }
}

/// Every contact and bad row names a line of the file.
fn assert_lines_within(parsed: &Parsed, bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = lines_in(bytes);
    for b in &parsed.bad {
        prop_assert!(b.line >= 1 && b.line <= lines, "bad row at line {} of {lines}: {}", b.line, b.message);
        prop_assert!(!b.message.is_empty());
    }
    for c in &parsed.contacts {
        prop_assert!(c.line >= 1 && c.line <= lines, "contact at line {} of {lines}", c.line);
        prop_assert!(!c.name.trim().is_empty());
    }
    Ok(())
}

fn all_kinds() -> Vec<CsvKind> {
    let mut m = Mapping::default();
    for (f, h) in [(Field::Name, "a"), (Field::Vin, "b"), (Field::PurchasedOn, "c"), (Field::Year, "d")] {
        m.columns.insert(f, h.into());
    }
    vec![CsvKind::Google, CsvKind::Outlook, CsvKind::Mapped(m)]
}

/// Feeds bytes to every parser; none may panic, and whatever they read names lines of the file.
fn feed_all(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(parsed) = vcard::parse_bytes(bytes) {
        assert_lines_within(&parsed, bytes)?;
    }
    let _ = csv_files::headers(bytes);
    let _ = csv_files::preview(bytes, 5);
    for kind in all_kinds() {
        if let Ok(parsed) = csv_files::parse(bytes, &kind) {
            assert_lines_within(&parsed, bytes)?;
        }
    }
    Ok(())
}

const FIXTURES: [&str; 10] = [
    "iphone.vcf",
    "google.vcf",
    "outlook.vcf",
    "broken.vcf",
    "google.csv",
    "google-legacy.csv",
    "outlook.csv",
    "dealer.csv",
    "broken.csv",
    "dealer-mapping.json",
];

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        feed_all(&bytes)?;
    }

    #[test]
    fn random_text_never_panics(text in "(?s).{0,600}") {
        let parsed = vcard::parse(&text);
        assert_lines_within(&parsed, text.as_bytes())?;
        feed_all(text.as_bytes())?;
    }

    #[test]
    fn vcard_like_lines_never_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("BEGIN:VCARD".to_string()),
                Just("END:VCARD".to_string()),
                Just("VERSION:2.1".to_string()),
                Just(" folded".to_string()),
                Just("NOTE;ENCODING=QUOTED-PRINTABLE:a=".to_string()),
                Just("PHOTO;ENCODING=BASE64:AAAA".to_string()),
                "[A-Za-z0-9.;=,\"\\\\: -]{0,30}",
                concat!(
                    "(item[0-9]\\.)?(FN|N|TEL|EMAIL|ADR|NOTE|BDAY|TZ|CATEGORIES|X-ABLabel)",
                    "(;[A-Za-z]+(=[A-Za-z0-9,\"]*)?)*:.{0,20}",
                ),
            ],
            0..40,
        ),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let parsed = vcard::parse(&text);
        assert_lines_within(&parsed, text.as_bytes())?;
    }

    #[test]
    fn fixtures_cut_anywhere_never_panic(which in 0..FIXTURES.len(), cut in 0.0..1.0f64) {
        let bytes = fixture(FIXTURES[which]);
        let end = (bytes.len() as f64 * cut) as usize;
        feed_all(&bytes[..end])?;
    }

    #[test]
    fn fixtures_split_at_random_places_never_panic(
        which in 0..FIXTURES.len(),
        splits in proptest::collection::vec((0.0..1.0f64, 0..4usize), 1..8),
    ) {
        let mut bytes = fixture(FIXTURES[which]);
        for (at, how) in splits {
            let at = (bytes.len() as f64 * at) as usize;
            let insert: &[u8] = [&b"\r\n"[..], b"\n ", b"\"", b","][how];
            bytes.splice(at..at, insert.iter().copied());
        }
        feed_all(&bytes)?;
    }

    #[test]
    fn ragged_rows_never_panic(
        rows in proptest::collection::vec(proptest::collection::vec("[a-z0-9@. \"]{0,8}", 0..12), 0..20),
    ) {
        let mut text = String::from("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Notes\n");
        for r in &rows {
            text += &r.join(",");
            text.push('\n');
        }
        let proposed = csv_files::propose(&csv_files::headers(text.as_bytes()).unwrap());
        for kind in [CsvKind::Google, CsvKind::Mapped(proposed)] {
            let parsed = csv_files::parse(text.as_bytes(), &kind).unwrap();
            assert_lines_within(&parsed, text.as_bytes())?;
            // Never more contacts and reports than rows.
            let with_text = rows.iter().filter(|r| r.iter().any(|f| !f.trim().is_empty())).count();
            prop_assert!(parsed.contacts.len() + parsed.bad.len() <= with_text.max(rows.len()));
        }
    }
}

/// The demo book as its export, made once for the properties below.
static DEMO_BOOK: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut store = rapport_core::Store::open_in_memory().unwrap();
    store.load_demo("2026-11-23T16:00:00Z".parse().unwrap()).unwrap();
    rapport_core::io::json::to_json(&store.export_book().unwrap())
});

proptest! {
    /// A book file of any shape — random text, or a real export cut and spliced — is read or refused with a message,
    /// never a panic; a refused one names where.
    #[test]
    fn any_book_file_is_read_or_refused(text in "(?s).{0,400}", cut in 0.0..1.0f64, splice in "[\\[\\]{}\",:0-9a-z\\-]{0,12}") {
        let _ = rapport_core::io::json::from_json(&text);
        let real = &*DEMO_BOOK;
        let at = (real.len() as f64 * cut) as usize;
        let at = (0..=at).rev().find(|&i| real.is_char_boundary(i)).unwrap_or(0);
        let spliced = format!("{}{splice}{}", &real[..at], &real[at..]);
        if let Err(e) = rapport_core::io::json::from_json(&spliced) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    /// A column mapping file of any shape is a mapping or a serde error, never a panic, and a mapping that parses
    /// can be applied to any sheet.
    #[test]
    fn any_mapping_file_is_read_or_refused(text in "(?s)\\{.{0,200}\\}", header in "[A-Za-z ]{1,10}") {
        if let Ok(mapping) = serde_json::from_str::<csv_files::Mapping>(&text) {
            let sheet = format!("{header},Other\nAna,1\n");
            let _ = csv_files::parse(sheet.as_bytes(), &CsvKind::Mapped(mapping));
        }
    }

    /// Times as typed (`--at`, `--now`, dates and clock times in forms) are read or refused with a message.
    #[test]
    fn any_time_typed_is_read_or_refused(text in "[0-9T:\\-+Z. /a-zA-Z]{0,40}") {
        use rapport_core::time;
        for result in [
            time::parse_now(&text).map(|_| ()),
            time::parse_moment(&text, chrono_tz::America::New_York).map(|_| ()),
            time::parse_moment(&text, chrono_tz::Australia::Lord_Howe).map(|_| ()),
            time::parse_date(&text).map(|_| ()),
            time::parse_clock(&text).map(|_| ()),
            time::parse_zone(&text).map(|_| ()),
        ] {
            if let Err(m) = result {
                prop_assert!(!m.is_empty());
            }
        }
    }
}

/// Thunderbird's CSV: its own column names for emails, phones, the organization, addresses and the birthday.
const THUNDERBIRD: &str = "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,\
Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,\
Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,\
Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes
Ana,Souza,Ana Souza,Aninha,ana@example.com,ana.s@example.net,,630-555-0101,630-555-0102,,,630-555-0103,\
48 Birch Ln,,Aurora,IL,60502,USA,,,,,,,,,Fox Valley Dental,,,1990,2,14,,,,,Wants a third row
";

#[test]
fn thunderbird_csv_reads_its_emails_phones_organization_address_and_birthday() {
    let headers = csv_files::headers(THUNDERBIRD.as_bytes()).unwrap();
    let kind = csv_files::detect(&headers).expect("recognised without a mapping");
    let parsed = csv_files::parse(THUNDERBIRD.as_bytes(), &kind).unwrap();
    assert!(parsed.bad.is_empty(), "{:?}", parsed.bad);
    let c = &parsed.contacts[0];
    assert_eq!(c.name, "Ana Souza");
    assert_eq!(c.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), ["ana@example.com", "ana.s@example.net"]);
    let phones: Vec<(&str, &str)> =
        c.phones.iter().map(|p| (p.label.as_deref().unwrap_or(""), p.value.as_str())).collect();
    assert!(phones.contains(&("work", "630-555-0101")) && phones.contains(&("home", "630-555-0102")), "{phones:?}");
    assert!(phones.contains(&("mobile", "630-555-0103")), "{phones:?}");
    assert_eq!(c.company.as_deref(), Some("Fox Valley Dental"));
    assert_eq!(c.addresses[0].value, "48 Birch Ln, Aurora, IL 60502, USA");
    assert_eq!(c.birthday, Some(date(1990, 2, 14)));
    assert_eq!(c.notes.as_deref(), Some("Wants a third row"));
}

/// Thunderbird's own test-suite export, read in place when `../shared/fixtures/contacts/` is there (see its
/// SOURCES.md); a clone alone skips this and relies on the test above.
#[test]
fn thunderbird_test_suite_exports_keep_every_email() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/contacts");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    for name in ["tb_data_export.csv", "tb_resources_basic_addressbook.csv"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let kind = csv_files::detect(&csv_files::headers(&bytes).unwrap()).expect(name);
        let parsed = csv_files::parse(&bytes, &kind).unwrap();
        assert!(!parsed.contacts.is_empty(), "{name}");
        for c in &parsed.contacts {
            assert!(!c.emails.is_empty(), "{name}: {} lost their email", c.name);
        }
    }
}

#[test]
fn semicolon_and_tab_separated_sheets_and_bare_cr_line_ends_are_read() {
    for sheet in [
        "Display Name;First Name;Last Name;Primary Email\nJohn Doe;John;Doe;john@doe.invalid\n",
        "Display Name\tFirst Name\tLast Name\tPrimary Email\nJohn Doe\tJohn\tDoe\tjohn@doe.invalid\n",
        "Display Name,First Name,Last Name,Primary Email\rJohn Doe,John,Doe,john@doe.invalid\r",
    ] {
        let kind = csv_files::detect(&csv_files::headers(sheet.as_bytes()).unwrap()).expect(sheet);
        let parsed = csv_files::parse(sheet.as_bytes(), &kind).unwrap();
        assert_eq!(parsed.contacts.len(), 1, "{sheet:?}: {parsed:?}");
        assert_eq!(parsed.contacts[0].emails[0].value, "john@doe.invalid", "{sheet:?}");
    }
    // A comma inside quotes does not make a semicolon sheet a comma one.
    let quoted = "\"Name, as written\";Email\n\"Doe, John\";john@doe.invalid\n";
    let (headers, rows) = csv_files::preview(quoted.as_bytes(), 1).unwrap();
    assert_eq!(headers, ["Name, as written", "Email"]);
    assert_eq!(rows[0], ["Doe, John", "john@doe.invalid"]);
}

#[test]
fn an_email_written_with_a_display_name_keeps_its_address() {
    let parsed = vcard::parse("BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Omega;;;\r\nEMAIL;INTERNET:\"Omega\"\r\n  <omega@example.com>\r\nFN:Omega\r\nEND:VCARD\r\n");
    assert_eq!(parsed.contacts[0].emails[0].value, "omega@example.com", "{parsed:?}");
}

/// Issue 13: a file that is not UTF-8 as a whole is read line by line. One Latin-1 card (named or not in its
/// `CHARSET`) in a UTF-8 file no longer garbles the UTF-8 names around it; a Japanese phone's Shift-JIS cards read
/// in Japanese; a character a fold split in two is mended.
#[test]
fn every_card_reads_in_its_own_encoding() {
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("伊能 圭一");
    let (sjis_n, _, _) = encoding_rs::SHIFT_JIS.encode("安藤;ロイド;;;");
    let mut bytes: Vec<u8> = Vec::new();
    bytes.extend_from_slice("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller\r\nEND:VCARD\r\n".as_bytes());
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Ren\xe9e Fa\xffe\r\nEND:VCARD\r\n");
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Fran\xe7ois B\xe9rub\xe9\r\nEND:VCARD\r\n");
    bytes.extend_from_slice("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:小明 王\r\nEND:VCARD\r\n".as_bytes());
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:");
    bytes.extend_from_slice(&sjis_n);
    bytes.extend_from_slice(b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:");
    bytes.extend_from_slice(&sjis);
    bytes.extend_from_slice(b"\r\nEND:VCARD\r\n");
    // "Δημήτρης" folded in the middle of its "ή" (CE AE): the fold's CRLF and space between the two bytes.
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xce\x94\xce\xb7\xce\xbc\xce\r\n \xae\xcf\x84\xcf\x81\xce\xb7\xcf\x82\r\nEND:VCARD\r\n");
    assert!(std::str::from_utf8(&bytes).is_err(), "the file as a whole is not UTF-8");
    let parsed = vcard::parse_bytes(&bytes).unwrap();
    let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["José Müller", "Renée Faÿe", "François Bérubé", "小明 王", "ロイド 安藤", "伊能 圭一", "Δημήτρης"],
        "{:?}",
        parsed.bad
    );
    assert!(parsed.bad.is_empty(), "{:?}", parsed.bad);
}

/// Thunderbird's Shift-JIS address book export reads in Japanese, not as Windows-1252.
#[test]
fn a_shift_jis_csv_reads_in_japanese() {
    let text = "First Name,Last Name,Display Name,Primary Email\r\n権兵衛,名無し,名無しの権兵衛,gonbee@example.jp\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let headers = csv_files::headers(&bytes).unwrap();
    let kind = csv_files::choose(&headers, None).unwrap_or_else(CsvKind::Mapped);
    let parsed = csv_files::parse(&bytes, &kind).unwrap();
    assert_eq!(parsed.contacts.len(), 1, "{:?}", parsed.bad);
    // Read in Japanese (which of the names leads is the layout's business: given name, then family name).
    let name = &parsed.contacts[0].name;
    assert!(name.contains("権兵衛") && name.contains("名無し"), "{name}");
    // A Latin-1 sheet is still read as Latin-1.
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Name,E-mail Address\r\nJosé Garcîa,jose@example.com\r\n");
    let headers = csv_files::headers(&latin).unwrap();
    let kind = csv_files::choose(&headers, None).unwrap_or_else(CsvKind::Mapped);
    assert_eq!(csv_files::parse(&latin, &kind).unwrap().contacts[0].name, "José Garcîa");
}
