//! Real contact files from other projects' test suites (`../shared/fixtures/contacts/`, sources and licences in its
//! SOURCES.md), read in place — never copied into the project. A clone alone skips this (the project's own
//! fixtures in `formats.rs` and `import.rs` prove each quirk). Per file: every card or row with a name, an email or
//! a phone becomes a customer (or joins one of the same name), and every email address in the file is kept.
//! `cargo test -p rapport-core --test real_contacts -- --nocapture` prints the table docs/IMPORT.md shows.

use std::sync::atomic::AtomicBool;

use rapport_core::io::{csv, vcard};
use rapport_core::Store;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/contacts")
}

/// Every email address a file gives as an email — a vCard's `EMAIL` properties (lines unfolded), a CSV's columns
/// whose header says mail — not IM or SIP addresses.
fn emails_of_file(name: &str, bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    if name.ends_with(".vcf") {
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        let unfolded = text.replace("\n ", "").replace("\n\t", "");
        for line in unfolded.lines() {
            let Some((head, value)) = line.split_once(':') else { continue };
            let property = head.split(';').next().unwrap_or("").rsplit('.').next().unwrap_or("");
            if property.eq_ignore_ascii_case("EMAIL") {
                out.extend(emails_in(value));
            }
        }
    } else if let Ok((headers, rows)) = csv::preview(bytes, 100_000) {
        for row in rows {
            for (h, cell) in headers.iter().zip(row) {
                if h.to_lowercase().contains("mail") {
                    out.extend(emails_in(&cell));
                }
            }
        }
    }
    out
}

/// Every email address written in a piece of text.
fn emails_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || ",;:<>\"'()[]".contains(c)) {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some((user, host)) = w.split_once('@') {
            if !user.is_empty() && host.contains('.') && !host.starts_with('.') && !w.contains("@@") {
                let w = w.to_lowercase();
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

#[test]
fn real_contact_files_lose_nobody_and_no_email_address() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".vcf") || n.ends_with(".csv"))
        .collect();
    names.sort();
    println!(
        "| file | cards or rows | customers | joined (same person) | possible matches | values left out | unreadable |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut lost: Vec<String> = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let parsed = if name.ends_with(".vcf") {
            match vcard::parse_bytes(&bytes) {
                Ok(p) => p,
                Err(e) => {
                    println!("| {name} | — | refused: {e} | | | | |");
                    continue;
                }
            }
        } else {
            let kind = match csv::headers(&bytes).map(|h| csv::detect(&h)) {
                Ok(Some(k)) => k,
                Ok(None) => match csv::headers(&bytes) {
                    Ok(h) => csv::CsvKind::Mapped(csv::propose(&h)),
                    Err(e) => {
                        println!("| {name} | — | refused: {e} | | | | |");
                        continue;
                    }
                },
                Err(e) => {
                    println!("| {name} | — | refused: {e} | | | | |");
                    continue;
                }
            };
            match csv::parse(&bytes, &kind) {
                Ok(p) => p,
                Err(e) => {
                    println!("| {name} | — | refused: {e} | | | | |");
                    continue;
                }
            }
        };
        let read = parsed.contacts.len() + parsed.bad.len();
        let tmp = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&tmp.path().join("book.sqlite3")).unwrap();
        let plan = store.plan_import(parsed).unwrap();
        let (made, joined, possible, skipped, bad) = (
            plan.new_customers,
            plan.merges.len(),
            plan.possible_matches.len(),
            plan.skipped_values.len(),
            plan.bad.len(),
        );
        store
            .apply_import(&plan, "2026-11-23T16:00:00Z".parse().unwrap(), &|_, _| {}, &AtomicBool::new(false))
            .unwrap();
        println!("| {name} | {read} | {made} | {joined} | {possible} | {skipped} | {bad} |");
        // Every email address of the file is in the book (unless its whole card was unreadable).
        let book = rapport_core::io::json::to_json(&store.export_book().unwrap()).to_lowercase();
        if bad == 0 {
            for e in emails_of_file(name, &bytes) {
                if !book.contains(&e) {
                    lost.push(format!("{name}: {e}"));
                }
            }
        }
    }
    assert!(lost.is_empty(), "email addresses lost:\n{}", lost.join("\n"));
}

/// Names in other encodings read as they were written: a Japanese phone's Shift-JIS cards (with and without
/// quoted-printable), Thunderbird's Shift-JIS CSV, and a UTF-8 card whose lines were folded in the middle of a
/// character.
#[test]
fn names_in_other_encodings_read_as_written() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let names_of = |file: &str| -> Vec<String> {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let parsed = if file.ends_with(".csv") {
            let headers = csv::headers(&bytes).unwrap();
            let kind = csv::choose(&headers, None).unwrap_or_else(csv::CsvKind::Mapped);
            csv::parse(&bytes, &kind).unwrap()
        } else {
            vcard::parse_bytes(&bytes).unwrap()
        };
        parsed.contacts.iter().map(|c| c.name.clone()).collect()
    };
    assert_eq!(names_of("an_v21_japanese_1.vcf"), ["安藤ロイド"]);
    assert_eq!(names_of("an_v21_japanese_2.vcf"), ["安藤 ロイド 1"]);
    assert_eq!(names_of("an_v21_japanese_3.vcf"), ["伊能 圭一 伊予"]);
    assert_eq!(names_of("an_v30_japanese.vcf"), ["伊能 圭一 伊予"]);
    assert!(names_of("an_v21_multiple_entry.vcf").iter().any(|n| n == "安藤ロイド3"));
    let thunderbird = names_of("tb_resources_shiftjis_addressbook.csv");
    assert!(thunderbird.len() == 1 && thunderbird[0].contains("権兵衛"), "{thunderbird:?}");
    let greek = names_of("kc_vcard9.vcf");
    assert!(greek[0].starts_with("βγδεαβγδ1βγδεαβγδ1") && !greek[0].contains('\u{fffd}'), "{greek:?}");
}

/// Names and addresses keep the parts their file gave them through import and export: an iPhone's "Mr. John
/// Richter James Doe Sr." goes out with "Doe" as the family name and his middle names in their place, a street of
/// three lines stays the street, and a Japanese name keeps its family name first.
#[test]
fn real_names_and_addresses_keep_their_parts_on_export() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let exported = |file: &str| -> String {
        let parsed = vcard::parse_bytes(&std::fs::read(dir.join(file)).unwrap()).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let plan = store.plan_import(parsed).unwrap();
        let now = "2026-11-23T16:00:00Z".parse().unwrap();
        store.apply_import(&plan, now, &|_, _| {}, &AtomicBool::new(false)).unwrap();
        vcard::write(&store.export_book().unwrap().customers).replace("\r\n ", "")
    };
    let lines = |text: &str, name: &str| -> Vec<String> {
        text.lines().filter(|l| l.split([':', ';']).next() == Some(name)).map(String::from).collect()
    };
    let iphone = exported("ez_John_Doe_IPHONE.vcf");
    assert_eq!(lines(&iphone, "N"), ["N:Doe;John;Richter James;Mr.;Sr."]);
    let adr = lines(&iphone, "ADR").join("\n");
    assert!(adr.contains(":;;Street4\\nBuilding 6\\nFloor 8;New York;;12345;USA"), "{adr}");
    assert!(adr.contains(":;;Silicon Alley 5\\,;New York;New York;12345;United States of America"), "{adr}");
    let japanese = exported("an_v30_japanese.vcf");
    assert_eq!(lines(&japanese, "N"), ["N:伊能;圭一;伊予;;"]);
}
