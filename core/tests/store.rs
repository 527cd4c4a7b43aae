//! The store on real SQLite files in temp folders: migrations, refusal of newer or foreign files, search,
//! hashtag tags, the append-only history of statements, and the export/import round trip.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::io::json;
use rapport_core::model::*;
use rapport_core::Book as _;
use rapport_core::{Error, ListQuery, Store};
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

fn book_in(dir: &TempDir) -> Store {
    Store::open(&dir.path().join("book.sqlite3")).expect("a fresh book opens")
}

fn customer(store: &mut Store, name: &str) -> String {
    store
        .add_customer(
            NewCustomer { name: name.into(), time_zone: Some("America/Denver".into()), ..Default::default() },
            now(),
        )
        .unwrap()
        .id
}

#[test]
fn a_fresh_file_gets_the_whole_schema_in_wal_mode() {
    let dir = TempDir::new().unwrap();
    let store = book_in(&dir);
    assert_eq!(store.customer_count().unwrap(), 0);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("book.sqlite3")).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, rapport_core::store::schema_version());
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    for table in [
        "customers",
        "contact_points",
        "facts",
        "goals",
        "tags",
        "preferences",
        "purchases",
        "included_services",
        "deliverables",
        "interactions",
        "promises",
        "issues",
        "issue_updates",
        "notes",
        "profile",
        "search_index",
    ] {
        let n: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "table {table} exists");
    }
}

#[test]
fn reopening_keeps_the_book_and_runs_no_migration_twice() {
    let dir = TempDir::new().unwrap();
    let id = customer(&mut book_in(&dir), "Ann Berger");
    let store = book_in(&dir);
    assert_eq!(store.customer(&id).unwrap().name, "Ann Berger");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE customers (id TEXT); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NewerDatabase { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer version of Rapport"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is byte for byte as it was");
    assert!(!dir.path().join("future.sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.sqlite3");
    let junk = b"These are my notes, not a database. ".repeat(200);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "not_a_database", "{err}");
    assert!(err.to_string().contains("notes.sqlite3"), "names the file: {err}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn the_window_and_the_command_line_can_have_the_book_open_at_once() {
    let dir = TempDir::new().unwrap();
    let mut window = book_in(&dir);
    let mut cli = book_in(&dir);
    let a = customer(&mut window, "From the window");
    let b = customer(&mut cli, "From the command line");
    assert_eq!(window.customer(&b).unwrap().name, "From the command line");
    assert_eq!(cli.customer(&a).unwrap().name, "From the window");
}

#[test]
fn search_finds_prefixes_in_every_kind_of_text_newest_first() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ann = customer(&mut store, "Ann Berger");
    let bo = customer(&mut store, "Bo Lindqvist");
    store
        .add_fact(
            &ann,
            NewFact {
                text: "Daughter Mia starts college in Boulder".into(),
                learned_on: None,
                source: None,
                date: None,
            },
            now(),
        )
        .unwrap();
    store.add_note(&bo, NewNote::plain("Loves fly fishing in Montana"), now()).unwrap();
    store
        .log_interaction(
            &bo,
            NewInteraction {
                at: None,
                channel: Channel::Phone,
                direction: Direction::Inbound,
                summary: "Asked about towing".into(),
                quotes: vec!["Can the Ascent tow a camper?".into()],
                sentiment: None,
                reason: None,
                topic: None,
                asked_for: Some("towing capacity".into()),
                justification: None,
                purpose: None,
            },
            now(),
        )
        .unwrap();
    store
        .add_contact_point(
            &ann,
            NewContactPoint {
                kind: ContactKind::Email,
                label: None,
                value: "ann.berger@example.com".into(),
                preferred: true,
            },
        )
        .unwrap();

    let kinds =
        |q: &str| store.search(q, 50).unwrap().into_iter().map(|h| (h.customer_name, h.kind)).collect::<Vec<_>>();
    assert_eq!(kinds("berg"), vec![("Ann Berger".into(), "contact".into()), ("Ann Berger".into(), "customer".into())]);
    assert_eq!(kinds("boul"), vec![("Ann Berger".to_string(), "fact".to_string())]);
    assert_eq!(kinds("fly fish"), vec![("Bo Lindqvist".to_string(), "note".to_string())]);
    assert_eq!(kinds("camper"), vec![("Bo Lindqvist".to_string(), "interaction".to_string())]);
    assert!(kinds("nothing-like-this").is_empty());
    // FTS5 syntax typed by a person is just text, never an error.
    for odd in ["\"", "AND", "NEAR(", "a*b", "-", "ann OR", "'; DROP TABLE customers; --"] {
        store.search(odd, 10).unwrap_or_else(|e| panic!("{odd}: {e}"));
    }
    let list = store.list_customers(&ListQuery { text: Some("montana".into()), ..Default::default() }).unwrap();
    assert_eq!(list.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Bo Lindqvist"]);
}

#[test]
fn hashtags_in_notes_and_facts_become_tags_and_hand_set_tags_stay() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ann = customer(&mut store, "Ann Berger");
    let bo = customer(&mut store, "Bo Lindqvist");
    store.add_note(&ann, NewNote::plain("Keeps cars 12 years. #BuyAndHold"), now()).unwrap();
    store
        .add_fact(
            &ann,
            NewFact { text: "Runs a #fleet of three vans".into(), learned_on: None, source: None, date: None },
            now(),
        )
        .unwrap();
    store.add_tag(&bo, "#VIP").unwrap();
    store.add_note(&bo, NewNote::plain("mentioned #buyandhold too"), now()).unwrap();

    let tags_of = |s: &Store, id: &str| {
        s.customer_record(id).unwrap().tags.into_iter().map(|t| (t.tag, t.origin)).collect::<Vec<_>>()
    };
    assert_eq!(tags_of(&store, &ann), vec![("BuyAndHold".into(), TagOrigin::Text), ("fleet".into(), TagOrigin::Text)]);
    assert_eq!(tags_of(&store, &bo), vec![("buyandhold".into(), TagOrigin::Text), ("VIP".into(), TagOrigin::Manual)]);

    let by_tag = store.list_customers(&ListQuery { tag: Some("#BUYANDHOLD".into()), ..Default::default() }).unwrap();
    assert_eq!(by_tag.len(), 2, "tags compare without case");
    assert_eq!(store.tag_counts().unwrap().iter().find(|(t, _)| t.eq_ignore_ascii_case("buyandhold")).unwrap().1, 2);
}

#[test]
fn what_a_customer_said_is_never_rewritten_only_added_to() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ann = customer(&mut store, "Ann Berger");
    let stop = NewStatement {
        words: "Remove me from your list.".into(),
        means: Meaning::DoNotContact,
        said_at: Some("2026-10-01T15:00:00Z".parse().unwrap()),
        source_interaction_id: None,
    };
    store.record_statement(&ann, stop, now()).unwrap();
    let again = NewStatement {
        words: "You can call me again about the Outback.".into(),
        means: Meaning::ResumeContact,
        said_at: None,
        source_interaction_id: None,
    };
    store.record_statement(&ann, again, now()).unwrap();

    let rec = store.customer_record(&ann).unwrap();
    assert_eq!(rec.preferences.len(), 2, "the history is kept");
    assert_eq!(rec.preferences[0].words, "Remove me from your list.");
    assert_eq!(rec.preferences[1].means, Meaning::ResumeContact);

    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("book.sqlite3")).unwrap();
    let err = conn.execute("UPDATE preferences SET words = 'happy to hear from you'", []).unwrap_err();
    assert!(err.to_string().contains("never changed"), "{err}");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let cases: Vec<(NewCustomer, &str)> = vec![
        (NewCustomer { name: "  ".into(), ..Default::default() }, "name"),
        (NewCustomer { name: "Zed".into(), time_zone: Some("Mars/Olympus".into()), ..Default::default() }, "time zone"),
    ];
    for (input, field) in cases {
        match store.add_customer(input, now()) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    let ann = customer(&mut store, "Ann");
    let bad_point =
        NewContactPoint { kind: ContactKind::Email, label: None, value: "ann at example".into(), preferred: false };
    assert!(store
        .add_customer_with(NewCustomer { name: "Half".into(), ..Default::default() }, vec![bad_point], vec![], now())
        .is_err());
    assert_eq!(store.customer_count().unwrap(), 1, "no customer without their contact points");
    let vin = NewPurchase {
        description: "2024 Outback".into(),
        vehicle: Some(Vehicle { vin: Some("123".into()), ..Default::default() }),
        purchased_on: None,
        features: vec![],
        ownership: Ownership::Cash,
        term_ends_on: None,
        warranty_ends_on: None,
        warranty_terms: None,
        included_services: vec![],
        deliverables: vec![],
    };
    assert!(store.add_purchase(&ann, vin, now()).unwrap_err().to_string().contains("VIN"));
    let note = store.add_note(&ann, NewNote::plain("<img src=x onerror=alert(1)> stays text"), now()).unwrap();
    assert_eq!(store.customer_record(&ann).unwrap().notes[0].text, note.text, "markup is kept as the text it is");
}

#[test]
fn ids_can_be_given_by_any_unique_prefix() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let a = customer(&mut store, "Ann");
    let b = customer(&mut store, "Bo");
    assert_eq!(store.lookup_customer(&a).unwrap(), a);
    assert_eq!(store.lookup_customer(&a[..30]).unwrap(), a);
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    assert!(matches!(store.lookup_customer(&a[..common]), Err(Error::Ambiguous { .. })));
    assert!(matches!(store.lookup_customer("ffff"), Err(Error::NotFound { .. })));
    assert!(matches!(store.lookup_customer("x' OR 1=1 --"), Err(Error::NotFound { .. })));
}

fn demo_store(dir: &TempDir, name: &str) -> Store {
    let mut store = Store::open(&dir.path().join(name)).unwrap();
    store.load_demo(now()).unwrap();
    store
}

#[test]
fn export_then_import_then_export_gives_identical_bytes() {
    let dir = TempDir::new().unwrap();
    let mut first = demo_store(&dir, "first.sqlite3");
    let ann = customer(&mut first, "Ann Ünal");
    first.add_note(&ann, NewNote::plain("Quotes \"inside\", a tab\tand émoji 🚗 #Roundtrip"), now()).unwrap();
    first
        .add_promise(
            &ann,
            NewPromise {
                what: "Second key".into(),
                due_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                made_on: None,
            },
            now(),
        )
        .unwrap();
    let exported = json::to_json(&first.export_book().unwrap());

    let mut second = Store::open(&dir.path().join("second.sqlite3")).unwrap();
    second.import_book(&json::from_json(&exported).unwrap()).unwrap();
    let again = json::to_json(&second.export_book().unwrap());
    assert!(exported.len() > 10_000, "the demo book is not empty");
    assert_eq!(exported, again);
}

#[test]
fn an_import_with_a_bad_record_writes_nothing_and_names_it() {
    let dir = TempDir::new().unwrap();
    let source = demo_store(&dir, "source.sqlite3");
    let mut book = source.export_book().unwrap();
    let middle = book.customers.len() / 2;
    book.customers[middle].customer.time_zone = Some("Atlantis/Lost".into());
    let mut target = Store::open(&dir.path().join("target.sqlite3")).unwrap();
    let err = target.import_book(&book).unwrap_err().to_string();
    assert!(err.contains(&format!("customers[{middle}]")) && err.contains("Atlantis/Lost"), "{err}");
    assert_eq!(target.customer_count().unwrap(), 0);

    // A customer already in the book stops the whole import, too.
    let mut book = source.export_book().unwrap();
    target.import_book(&Book::new(book.profile.clone(), vec![book.customers[3].clone()])).unwrap();
    book.customers.truncate(5);
    let err = target.import_book(&book).unwrap_err().to_string();
    assert!(err.contains("already in this book"), "{err}");
    assert_eq!(target.customer_count().unwrap(), 1);
}

#[test]
fn a_broken_book_file_names_the_line() {
    let err = json::from_json("{\n  \"format\": \"rapport-book\",\n  \"version\": 1,\n  \"profile\": 7\n}")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("line 4"), "{err}");
    let err = json::from_json("{\"format\": \"rapport-book\", \"version\": 9}").unwrap_err().to_string();
    assert!(err.contains("version 9"), "{err}");
    let err = json::from_json("{\"contacts\": []}").unwrap_err().to_string();
    assert!(err.contains("not a Rapport book"), "{err}");
}

/// The Notes place lists the notes to customers across the book; saving a draft again changes that draft, never
/// what a customer was sent.
#[test]
fn notes_to_customers_are_listed_book_wide_and_a_draft_is_edited_in_place() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let (ana, ben) = (customer(&mut store, "Ana Ortiz"), customer(&mut store, "Ben Okafor"));
    let note = |text: &str, kind: NoteKind| NewNote {
        text: text.into(),
        kind,
        format: Some("card".into()),
        status: Some(NoteStatus::Draft),
    };
    let own = NewNote { text: "Prefers mornings #golf".into(), kind: NoteKind::Note, format: None, status: None };
    let own = store.add_note(&ana, own, now()).unwrap();
    let draft = store.add_note(&ana, note("Dear Ana, thank you", NoteKind::ThankYou), now()).unwrap();
    let later = now() + chrono::Duration::hours(1);
    let card = store.add_note(&ben, note("Ben — the trip to Banff", NoteKind::CardPrompt), later).unwrap();
    store.set_note_status(&card.id, NoteStatus::Sent, later).unwrap();

    let all = store.list_notes(None, 50).unwrap();
    let listed: Vec<(&str, &str)> = all.iter().map(|n| (n.note.id.as_str(), n.customer_name.as_str())).collect();
    assert_eq!(listed, vec![(card.id.as_str(), "Ben Okafor"), (draft.id.as_str(), "Ana Ortiz")], "newest first");
    let drafts = store.list_notes(Some(NoteStatus::Draft), 50).unwrap();
    assert_eq!(drafts.iter().map(|n| n.note.id.as_str()).collect::<Vec<_>>(), vec![draft.id.as_str()]);
    assert_eq!(store.list_notes(None, 1).unwrap().len(), 1, "at most the limit");

    let edited = store.update_note(&draft.id, "Dear Ana, thank you for the pie", later).unwrap();
    assert_eq!((edited.id.as_str(), edited.text.as_str()), (draft.id.as_str(), "Dear Ana, thank you for the pie"));
    assert_eq!(edited.updated_at, later);
    let notes_to_ana = store.customer_record(&ana).unwrap().notes;
    assert_eq!(notes_to_ana.len(), 2, "the draft changed; no second note");

    let sent = store.update_note(&card.id, "Something else", later).unwrap_err();
    assert!(sent.to_string().contains("sent"), "{sent}");
    assert_eq!(store.customer_record(&ben).unwrap().notes[0].text, "Ben — the trip to Banff");
    assert!(store.update_note(&own.id, "x", later).is_err(), "the salesperson's own notes are not drafts");
    let empty = store.update_note(&draft.id, "  ", later).unwrap_err();
    assert_eq!(empty.code(), "invalid_input");
    assert!(matches!(store.update_note("nope", "x", later), Err(Error::NotFound { .. })));
}

/// The export reads each table once for the whole book; what it holds of each customer is their whole record, as
/// the customer's page reads it.
#[test]
fn the_export_holds_every_customers_whole_record() {
    let dir = TempDir::new().unwrap();
    let demo = demo_store(&dir, "demo.sqlite3");
    let mut sample = Store::open(&dir.path().join("sample.sqlite3")).unwrap();
    rapport_core::sample::fill(&mut sample, 300, now()).unwrap();
    for store in [&demo, &sample] {
        let book = store.export_book().unwrap();
        assert_eq!(book.customers.len() as i64, store.customer_count().unwrap());
        for rec in &book.customers {
            assert_eq!(rec, &store.customer_record(&rec.customer.id).unwrap(), "{}", rec.customer.name);
        }
        let rich = |f: fn(&CustomerRecord) -> usize| book.customers.iter().map(f).sum::<usize>() > 0;
        assert!(
            rich(|r| r.interactions.len()) && rich(|r| r.purchases.iter().map(|p| p.included_services.len()).sum())
        );
        assert!(rich(|r| r.issues.len()) && rich(|r| r.notes.len()) && rich(|r| r.preferences.len()));
    }
}

/// A thank-you marked sent is logged as what it is: a customer who said email is best gets no caution for a card
/// by post, while a call to her still asks why.
#[test]
fn a_sent_thank_you_is_no_caution_off_her_preferred_channel() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ana = customer(&mut store, "Ana Ortiz");
    let said = NewStatement {
        words: "Email is best for me, I'm in meetings all day.".into(),
        means: Meaning::PreferChannel { channel: Channel::Email },
        said_at: Some(now()),
        source_interaction_id: None,
    };
    store.record_statement(&ana, said, now()).unwrap();
    let card = NewNote {
        text: "Ana — thank you for the pie at delivery.".into(),
        kind: NoteKind::CardPrompt,
        format: Some("card".into()),
        status: Some(NoteStatus::Written),
    };
    let card = store.add_note(&ana, card, now()).unwrap();
    let (_, logged) = store.set_note_status(&card.id, NoteStatus::Sent, now()).unwrap();
    assert_eq!(logged.expect("the card is logged as a contact").channel, Channel::Mail);

    let call = NewInteraction {
        at: Some(now()),
        channel: Channel::Phone,
        direction: Direction::Outbound,
        summary: "Called about her plates".into(),
        quotes: vec![],
        sentiment: None,
        reason: Some("Her plates are in".into()),
        topic: None,
        asked_for: None,
        justification: None,
        purpose: Some(Purpose::Waiting),
    };
    let err = store.log_contact(&ana, call, now()).unwrap_err();
    assert!(matches!(err, rapport_core::Error::NeedsJustification(_)), "{err}");
    assert!(err.to_string().to_lowercase().contains("email"), "{err}");
}

/// A card already in the post is recorded as sent whatever its words: they were checked when it was written.
#[test]
fn a_card_in_the_post_is_recorded_as_sent() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ben = customer(&mut store, "Ben Okafor");
    let said = NewStatement {
        words: "Please don't call me at work.".into(),
        means: Meaning::DeclineChannel { channel: Channel::Phone },
        said_at: Some(now()),
        source_interaction_id: None,
    };
    store.record_statement(&ben, said, now()).unwrap();
    let card = NewNote {
        text: "Ben — enjoy the Tacoma. I'm a phone call away.".into(),
        kind: NoteKind::CardPrompt,
        format: Some("card".into()),
        status: Some(NoteStatus::Written),
    };
    let card = store.add_note(&ben, card, now()).unwrap();
    let (note, logged) = store.set_note_status(&card.id, NoteStatus::Sent, now()).unwrap();
    assert_eq!(note.status, Some(NoteStatus::Sent));
    assert!(logged.is_some());
    // A sent note never goes back to written: it stays as the customer got it.
    let err = store.set_note_status(&card.id, NoteStatus::Written, now()).unwrap_err().to_string();
    assert!(err.contains("sent already"), "{err}");
    let notes = store.customer_record(&ben).unwrap().notes;
    assert_eq!(notes.iter().find(|n| n.id == card.id).unwrap().status, Some(NoteStatus::Sent));
}

/// A contact and what was heard in it go in together: a bad item writes nothing, the contact included.
#[test]
fn a_contact_and_what_was_heard_in_it_are_recorded_whole_or_not_at_all() {
    use rapport_core::store::HeardToRecord;
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ana = customer(&mut store, "Ana Ortiz");
    let call = || NewInteraction {
        at: Some(now()),
        channel: Channel::Phone,
        direction: Direction::Inbound,
        summary: "Please don't call me at work, email is best. I'll have the title to you Friday.".into(),
        quotes: vec![],
        sentiment: None,
        reason: None,
        topic: None,
        asked_for: None,
        justification: None,
        purpose: None,
    };
    let heard = |due: &str| HeardToRecord {
        statements: vec![NewStatement {
            words: "Please don't call me at work, email is best.".into(),
            means: Meaning::DeclineChannel { channel: Channel::Phone },
            said_at: None,
            source_interaction_id: None,
        }],
        promises: vec![NewPromise { what: "Send the brochure".into(), due_on: due.parse().unwrap(), made_on: None }],
        facts: vec![NewFact { text: "Twins turn 7 in March".into(), learned_on: None, source: None, date: None }],
    };
    let err = store.log_contact_heard(&ana, call(), heard("2020-01-01"), now()).unwrap_err();
    assert!(err.to_string().contains("before the promise was made"), "{err}");
    let rec = store.customer_record(&ana).unwrap();
    assert!(
        rec.interactions.is_empty() && rec.preferences.is_empty() && rec.promises.is_empty() && rec.facts.is_empty()
    );

    let (contact, recorded) = store.log_contact_heard(&ana, call(), heard("2026-11-27"), now()).unwrap();
    assert_eq!(recorded.statements.len(), 1);
    let rec = store.customer_record(&ana).unwrap();
    assert_eq!(rec.interactions.len(), 1);
    assert_eq!(rec.preferences[0].source_interaction_id.as_deref(), Some(contact.id.as_str()));
    assert_eq!(rec.preferences[0].said_at, contact.at);
    assert_eq!((rec.promises.len(), rec.facts.len()), (1, 1));
}

/// Handing a contact to the salesperson's own app (issue 16): the Guard decides on the real channel, time and
/// words first — a declined channel is refused with the customer's words and kept as held back, a check-in with
/// nothing in it is refused — and only an allowed contact gets its `mailto:` / `sms:` / `tel:` address, to the
/// customer's own preferred address. Nothing is logged by the hand-off itself.
#[test]
fn a_hand_off_is_decided_by_the_guard_before_any_app_opens() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let ana = store
        .add_customer(
            NewCustomer { name: "Ana Souza".into(), time_zone: Some("America/Chicago".into()), ..Default::default() },
            now(),
        )
        .unwrap();
    for (kind, label, value, preferred) in [
        (ContactKind::Email, None, "ana@work.example", false),
        (ContactKind::Email, None, "ana@home.example", true),
        (ContactKind::Phone, Some("mobile"), "+1 (312) 555-0142", false),
    ] {
        let point = NewContactPoint { kind, label: label.map(String::from), value: value.into(), preferred };
        store.add_contact_point(&ana.id, point).unwrap();
    }
    let said = NewStatement {
        words: "Please don't text me, email is fine.".into(),
        means: Meaning::DeclineChannel { channel: Channel::Text },
        said_at: Some(now()),
        source_interaction_id: None,
    };
    store.record_statement(&ana.id, said, now()).unwrap();
    // Tuesday 1 December 2026, 10:00 in Chicago.
    let at: DateTime<Utc> = "2026-12-01T16:00:00Z".parse().unwrap();
    let contact = |channel: Channel, words: &str| NewInteraction {
        at: Some(at),
        channel,
        direction: Direction::Outbound,
        summary: words.into(),
        quotes: vec![],
        sentiment: None,
        reason: None,
        topic: None,
        asked_for: None,
        justification: None,
        purpose: Some(Purpose::Waiting),
    };
    let words = "Your plates arrived today; they are at the front desk until Friday.";

    let email = store.hand_off(&ana.id, contact(Channel::Email, words), Some("Your plates"), at).unwrap();
    assert_eq!(email.to, "ana@home.example", "the preferred address");
    assert!(
        email.url.starts_with("mailto:ana@home.example?subject=Your%20plates&body=Your%20plates%20arrived"),
        "{}",
        email.url
    );
    let call = store.hand_off(&ana.id, contact(Channel::Phone, words), None, at).unwrap();
    assert_eq!(call.url, "tel:+13125550142");

    let err = store.hand_off(&ana.id, contact(Channel::Text, words), None, at).unwrap_err();
    let Error::Blocked(decision) = &err else { panic!("{err:?}") };
    assert!(
        decision.reasons.iter().any(|r| r.quote.as_deref() == Some("Please don't text me, email is fine.")),
        "{decision:?}"
    );
    assert_eq!(store.held_back(Some(&ana.id), 10).unwrap().len(), 1, "the attempt is kept as held back");
    let check_in = NewInteraction { purpose: Some(Purpose::Proactive), ..contact(Channel::Email, "Just checking in!") };
    let empty = store.hand_off(&ana.id, check_in, None, at).unwrap_err();
    assert!(matches!(empty, Error::Blocked(_)), "{empty:?}");
    assert!(store.customer_record(&ana.id).unwrap().interactions.is_empty(), "a hand-off logs nothing by itself");

    // A meeting in person: an invitation file for the salesperson's calendar, with her as the attendee.
    let asked = rapport_core::handoff::HandOffRequest {
        subject: Some("Pick up your plates".into()),
        minutes: 20,
        thank_you: false,
    };
    let meet = store.hand_off_with(&ana.id, contact(Channel::InPerson, words), &asked, at).unwrap();
    let ics = meet.invitation.expect("an invitation").replace("\r\n ", "");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:Ana Souza: Pick up your plates"), "{ics}");
    assert!(ics.contains("DTSTART:20261201T160000Z") && ics.contains("DTEND:20261201T162000Z"), "{ics}");
    assert!(ics.contains("mailto:ana@home.example") && ics.contains("CN=Ana Souza"), "{ics}");
    assert!(ics.contains("BEGIN:VALARM") && ics.contains("TRIGGER:-PT3600S"), "a reminder an hour before: {ics}");
    let alarm = &ics[ics.find("BEGIN:VALARM").unwrap()..];
    assert!(!alarm.contains("DTSTAMP") && !alarm.contains("UID"), "nothing from the wall clock: {ics}");

    let bea = store.add_customer(NewCustomer { name: "Bea Lund".into(), ..Default::default() }, now()).unwrap();
    let missing = store.hand_off(&bea.id, contact(Channel::Email, words), None, at).unwrap_err().to_string();
    assert!(missing.contains("Bea Lund has no email address"), "{missing}");
}

/// The agenda's ready rows are read back, not made again on every agenda: a second agenda of an unchanged book
/// writes nothing (another connection sees the same `data_version`). A model type the rows hold that encodes
/// differently from how it decodes would make every agenda read the tables and rewrite every row.
#[test]
fn a_second_agenda_reads_the_ready_rows_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("book.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let mut book = rapport_core::demo::book(now());
    // A customer with name parts, as an import keeps them.
    let name = book.customers[0].customer.name.clone();
    book.customers[0].customer.name_parts = Some(NameParts::guess(&name));
    store.import_book(&book).unwrap();
    let first = store.agenda(now(), 30).unwrap();
    let watcher = rusqlite::Connection::open(&db).unwrap();
    let version = || -> i64 { watcher.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap() };
    let before = version();
    let second = store.agenda(now(), 30).unwrap();
    assert_eq!(version(), before, "the second agenda wrote nothing");
    assert_eq!(first.reasons.len(), second.reasons.len());
}

/// The generated book goes in as one big write (issue 14): its rows are searchable when `fill` returns, and the
/// triggers and indexes set aside meanwhile are all back — a customer added afterwards is found too, and the
/// schema is what a fresh book's is.
#[test]
fn a_generated_book_is_searchable_at_once_and_keeps_its_triggers_and_indexes() {
    let dir = TempDir::new().unwrap();
    let mut store = book_in(&dir);
    let schema = |s: &Store| -> Vec<String> {
        let conn = rusqlite::Connection::open(s.path()).unwrap();
        let mut stmt = conn.prepare("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    let before = schema(&store);
    rapport_core::sample::fill(&mut store, 1_500, now()).unwrap();
    assert_eq!(schema(&store), before, "every trigger and index is back");
    assert_eq!(store.search_backlog().unwrap(), 0, "nothing left for the catch-up");
    let hits = store.search("customer1234@example.com", 5).unwrap();
    assert!(hits.iter().any(|h| h.customer_name.ends_with(" 1234")), "{hits:?}");
    // Contacts too (indexed in bulk with the rest, not one by one by their trigger).
    let contacts = store.search("infotainment", 5).unwrap();
    assert!(contacts.iter().any(|h| h.kind == "interaction"), "{contacts:?}");
    let id = customer(&mut store, "Zebulon Quartermaine");
    assert_eq!(store.search("Quartermaine", 5).unwrap()[0].customer_id, id, "the search triggers work again");
}
