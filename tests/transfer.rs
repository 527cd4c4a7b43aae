//! Import, export and backups from the command line, on the fixtures written for the purpose.

use rapport_tests::Sandbox;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/../core/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_dry_run_previews_and_writes_nothing_then_the_import_lands() {
    let s = Sandbox::new();
    let preview = s.json(&["import", "csv", &fixture("google.csv"), "--dry-run"]);
    assert_eq!(preview["dry_run"], true);
    let new = preview["plan"]["new_customers"].as_u64().unwrap();
    assert!(new >= 3);
    let bad = preview["plan"]["bad"].as_array().unwrap();
    assert!(bad.iter().all(|b| b["line"].as_u64().unwrap() > 1 && !b["message"].as_str().unwrap().is_empty()));
    assert_eq!(s.json(&["customers", "list"]).as_array().unwrap().len(), 0, "a dry run writes nothing");

    let done = s.json(&["import", "csv", &fixture("google.csv")]);
    assert_eq!(done["report"]["added"].as_u64().unwrap(), new);
    assert_eq!(s.json(&["customers", "list"]).as_array().unwrap().len() as u64, new);
    // The same file again finds everyone already here.
    let again = s.json(&["import", "csv", &fixture("google.csv"), "--dry-run"]);
    assert_eq!(again["plan"]["new_customers"], 0);
}

#[test]
fn a_sheet_that_is_not_google_or_outlook_needs_a_mapping() {
    let s = Sandbox::new();
    let err = s.fails(&["import", "csv", &fixture("dealer.csv")]);
    assert!(err.contains("--mapping") && err.contains("\"vin\""), "{err}");
    let done = s.json(&["import", "csv", &fixture("dealer.csv"), "--mapping", &fixture("dealer-mapping.json")]);
    let bad: Vec<u64> = done["plan"]["bad"].as_array().unwrap().iter().map(|b| b["line"].as_u64().unwrap()).collect();
    // Line 7 has no name but an email: imported, named from it (issue 13).
    assert_eq!(bad, vec![5, 6], "{done}");
    let list = s.json(&["customers", "list"]);
    let with_purchase = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            !s.json(&["customers", "show", c["id"].as_str().unwrap()])["purchases"].as_array().unwrap().is_empty()
        })
        .count();
    assert!(with_purchase >= 3, "the vehicle columns make purchases: {with_purchase}");
}

#[test]
fn vcard_and_csv_exports_read_back_as_the_same_people() {
    let a = Sandbox::new();
    a.ok(&["demo"]);
    let names = |s: &Sandbox| {
        let mut n = s.customer_names();
        n.sort();
        n
    };
    for format in ["vcard", "csv"] {
        let file = a.dir.path().join(format!("book.{format}"));
        a.ok(&["export", format, "--out", file.to_str().unwrap()]);
        let b = Sandbox::new();
        b.ok(&["import", format, file.to_str().unwrap()]);
        assert_eq!(names(&b), names(&a), "{format}");
    }
}

#[test]
fn broken_files_name_the_line_and_write_nothing() {
    let s = Sandbox::new();
    let preview: Value = s.json(&["import", "vcard", &fixture("broken.vcf"), "--dry-run"]);
    assert!(!preview["plan"]["bad"].as_array().unwrap().is_empty());
    let empty = s.dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let err = s.fails(&["import", "csv", empty.to_str().unwrap()]);
    assert!(err.contains("empty.csv"), "{err}");
    assert_eq!(s.json(&["customers", "list"]).as_array().unwrap().len(), 0);
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ann Berger"]);
    let b = s.json(&["backup"]);
    let name = b["name"].as_str().unwrap().to_string();
    s.ok(&["customers", "add", "Bo Lindqvist"]);
    let path = s.dir.path().join("backups/book").join(&name);
    assert!(name.starts_with("book-"), "a backup is named after its book: {name}");
    s.ok(&["restore", path.to_str().unwrap()]);
    let names = s.customer_names();
    assert_eq!(names, ["Ann Berger"]);
    assert!(s.json(&["backup", "--list"]).as_array().unwrap().len() >= 2, "the book as it was is kept too");
}

/// Two cards under different names share a phone: the dry run lists them as a possible match with its line and
/// the row it shares with, the import keeps them apart, and `--join LINE` joins them — a line that is not a
/// possible match is refused by name and nothing is written.
#[test]
fn a_possible_match_is_joined_only_with_join() {
    let s = Sandbox::new();
    let file = s.dir.path().join("shared.vcf");
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nTEL:+1 312 555 0100\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A. S. (work)\r\nTEL:312-555-0100\r\nEMAIL:as@work.example\r\nEND:VCARD\r\n";
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let plan = s.json(&["import", "vcard", file, "--dry-run"])["plan"].clone();
    let possible = plan["possible_matches"].as_array().unwrap();
    assert_eq!(possible.len(), 1, "{plan}");
    assert_eq!((possible[0]["line"].as_u64(), possible[0]["with_line"].as_u64()), (Some(6), Some(1)), "{plan}");
    assert!(s.ok(&["import", "vcard", file, "--dry-run"]).contains("--join"), "the text says how to join");

    let err = s.fails(&["import", "vcard", file, "--join", "1"]);
    assert!(err.contains("line 1") && err.contains("possible matches"), "{err}");
    assert!(s.customer_names().is_empty(), "a refused join writes nothing");

    let done = s.json(&["import", "vcard", file, "--join", "6"]);
    assert_eq!(done["report"]["added"], 1, "{done}");
    assert_eq!(s.customer_names(), ["Ana Souza"]);
    let id = s.json(&["customers", "list"])[0]["id"].as_str().unwrap().to_string();
    let points = s.json(&["customers", "show", &id])["contact_points"].clone();
    assert!(points.to_string().contains("as@work.example"), "the joined card's email is Ana's: {points}");
}

/// Two rows of one file that are one person (same name, same email) make one customer: the preview says the second
/// is the same person as an earlier row of this file — not "already in your book" — and the report counts it.
#[test]
fn rows_of_one_file_that_are_one_person_are_said_to_be_so() {
    let s = Sandbox::new();
    let file = s.dir.path().join("twice.vcf");
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@example.com\r\nTEL:312 555 0100\r\nEND:VCARD\r\n";
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let said = s.ok(&["import", "vcard", file, "--dry-run"]);
    assert!(said.contains("1 row is the same person as an earlier row of this file"), "{said}");
    assert!(!said.contains("already in your book"), "{said}");
    let done = s.json(&["import", "vcard", file]);
    assert_eq!(
        (done["report"]["added"].as_u64(), done["report"]["joined_rows"].as_u64()),
        (Some(1), Some(1)),
        "{done}"
    );
    assert_eq!(s.customer_names(), ["Ana Souza"]);
}
