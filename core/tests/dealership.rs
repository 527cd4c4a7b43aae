//! The dealership book on a real PostgreSQL server, beside the salesperson's own SQLite book.
//!
//! The first tests are written once over [`Book`] and run on both backends: a customer's words bind the Guard, a
//! contact and what was heard in it land together or not at all, a campaign leaves out who declined, search finds
//! a prefix, the agenda shows a promise. The rest is what only a shared book has: people signing in, who entered
//! what, a statement at the service desk binding a salesperson a moment later, two people editing one customer,
//! ten writers at once, a server that goes away, a newer or foreign schema refused untouched.
//!
//! The server is the throwaway cluster `scripts/test` starts (`RAPPORT_TEST_POSTGRES`, its address); each test makes
//! a database of its own on it. Run outside `scripts/test` with no cluster, the PostgreSQL half says so and skips,
//! unless `RAPPORT_TEST_POSTGRES_REQUIRED` is set (as `scripts/test` sets it), where a missing server fails.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::dealership::{DealershipBook, NewUser, Role};
use rapport_core::guard::Outreach;
use rapport_core::model::*;
use rapport_core::store::{Campaign, CampaignList, HeardToRecord};
use rapport_core::{Book, Error, ListQuery, Store};

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

/// A fresh, empty database on the throwaway cluster, or `None` (and a line saying so) when there is no cluster.
fn fresh_database() -> Option<String> {
    let Some(admin) = std::env::var("RAPPORT_TEST_POSTGRES").ok().filter(|u| !u.is_empty()) else {
        assert!(
            std::env::var_os("RAPPORT_TEST_POSTGRES_REQUIRED").is_none(),
            "RAPPORT_TEST_POSTGRES is not set, and scripts/test requires the PostgreSQL tests to run"
        );
        eprintln!("skipped: no PostgreSQL server (scripts/test starts a throwaway one and sets RAPPORT_TEST_POSTGRES)");
        return None;
    };
    let name = format!("book_{}", rapport_core::ids::new_id().replace('-', ""));
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("the throwaway cluster answers");
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    Some(format!("{base}/{name}"))
}

fn person(name: &str, role: Role) -> NewUser {
    NewUser {
        name: name.into(),
        email: format!("{}@dealer.example", name.to_lowercase()),
        role,
        password: format!("{name}'s long password"),
    }
}

/// A new dealership book with its manager, Maria, signed in.
fn dealership() -> Option<(String, DealershipBook)> {
    let url = fresh_database()?;
    let book =
        DealershipBook::start(&url, person("Maria", Role::Manager), now()).expect("a new dealership book starts");
    Some((url, book))
}

/// Signs in as someone the manager added.
fn sign_in(url: &str, name: &str) -> DealershipBook {
    let p = person(name, Role::Salesperson);
    DealershipBook::open(url, &p.email, &p.password).expect("signs in")
}

fn rita(book: &mut dyn Book) -> String {
    book.add_customer_with(
        NewCustomer {
            name: "Rita Kowalski".into(),
            time_zone: Some("America/Denver".into()),
            company: Some("Kowalski Plumbing".into()),
            ..Default::default()
        },
        vec![
            NewContactPoint {
                kind: ContactKind::Email,
                label: None,
                value: "rita@example.com".into(),
                preferred: true,
            },
            NewContactPoint {
                kind: ContactKind::Phone,
                label: None,
                value: "+1 303 555 0142".into(),
                preferred: false,
            },
        ],
        vec!["fleet".into()],
        now() - Duration::days(60),
    )
    .unwrap()
    .id
}

/// Noor Haddad, reached at `email`, with `tags`.
fn noor(book: &mut dyn Book, email: &str, tags: &[&str]) -> String {
    let point = NewContactPoint { kind: ContactKind::Email, label: None, value: email.into(), preferred: true };
    let tags = tags.iter().map(|t| t.to_string()).collect();
    let noor = NewCustomer { name: "Noor Haddad".into(), ..Default::default() };
    book.add_customer_with(noor, vec![point], tags, now()).unwrap().id
}

fn said(book: &mut dyn Book, customer: &str, words: &str, means: Meaning) -> PreferenceStatement {
    book.record_statement(
        customer,
        NewStatement { words: words.into(), means, said_at: None, source_interaction_id: None },
        now() - Duration::days(1),
    )
    .unwrap()
}

/// She asks about her plates on a call, and the salesperson promises `what` in two days.
fn promised_in_a_call(book: &mut dyn Book, customer: &str, what: &str) {
    let inbound = NewInteraction { direction: Direction::Inbound, ..call("She asked about her plates") };
    let promise = NewPromise { what: what.into(), due_on: now().date_naive() + Duration::days(2), made_on: None };
    let heard = HeardToRecord { promises: vec![promise], ..Default::default() };
    book.log_contact_heard(customer, inbound, heard, now()).unwrap();
}

fn call(summary: &str) -> NewInteraction {
    NewInteraction {
        at: Some(now()),
        channel: Channel::Phone,
        direction: Direction::Outbound,
        summary: summary.into(),
        quotes: vec![],
        sentiment: None,
        reason: Some("her plates arrived".into()),
        topic: None,
        asked_for: None,
        justification: None,
        purpose: None,
    }
}

/// Runs one scenario on a fresh SQLite book and on a fresh dealership book.
macro_rules! on_both_books {
    ($name:ident, $scenario:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn on_the_salespersons_own_book() {
                let dir = tempfile::TempDir::new().unwrap();
                let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
                let scenario: fn(&mut dyn Book) = $scenario;
                scenario(&mut store);
            }

            #[test]
            fn on_the_dealership_book() {
                let Some((_, mut book)) = dealership() else { return };
                let scenario: fn(&mut dyn Book) = $scenario;
                scenario(&mut book);
            }
        }
    };
}

on_both_books!(what_is_added_to_a_customer_by_hand_is_kept_tagged_and_searchable, |book| {
    let rita = rita(book);
    let fact = NewFact {
        text: "Daughter Mia starts at UIC in the fall #college".into(),
        learned_on: None,
        source: None,
        date: None,
    };
    let fact = book.add_fact(&rita, fact, now()).unwrap();
    let goal = NewGoal { text: "A third row before the twins arrive".into(), stated_on: None, source: None };
    book.add_goal(&rita, goal, now()).unwrap();
    let purchase = NewPurchase {
        description: "2024 Honda Pilot EX-L".into(),
        features: vec!["CarPlay".into()],
        ownership: Ownership::Cash,
        ..serde_json::from_value(serde_json::json!({ "description": "" })).unwrap()
    };
    book.add_purchase(&rita, purchase, now()).unwrap();
    let phone = |label: &str, value: &str| NewContactPoint {
        kind: ContactKind::Phone,
        label: Some(label.into()),
        value: value.into(),
        preferred: true,
    };
    book.add_contact_point_at(&rita, phone("mobile", "+1 312 555 0142"), now()).unwrap();
    book.add_contact_point_at(&rita, phone("work", "+1 312 555 0199"), now()).unwrap();

    let rec = book.customer_record(&rita).unwrap();
    assert!(rec.facts.iter().any(|f| f.id == fact.id && f.learned_on == now().date_naive()), "{:?}", rec.facts);
    assert_eq!(rec.goals.len(), 1);
    assert_eq!(rec.purchases.len(), 1);
    assert_eq!(rec.purchases[0].features, ["CarPlay"]);
    assert!(
        rec.tags.iter().any(|t| t.tag.eq_ignore_ascii_case("college")),
        "a hashtag in a fact is a tag: {:?}",
        rec.tags
    );
    let preferred: Vec<&ContactPoint> =
        rec.contact_points.iter().filter(|p| p.kind == ContactKind::Phone && p.preferred).collect();
    assert_eq!(preferred.len(), 1, "one preferred phone: {:?}", rec.contact_points);
    assert_eq!(preferred[0].label.as_deref(), Some("work"), "the newer preferred one replaces the older");
    assert!(book.search("UIC", 10).unwrap().iter().any(|h| h.customer_id == rita), "a fact added by hand is found");
    // Nobody by that id, or a fact with no words: an error that says so, and nothing written.
    let nobody = book.add_goal("no-such-customer", NewGoal { text: "x".into(), stated_on: None, source: None }, now());
    assert!(matches!(nobody, Err(Error::NotFound { .. })), "{nobody:?}");
    let empty = book.add_fact(&rita, NewFact { text: "  ".into(), learned_on: None, source: None, date: None }, now());
    assert!(matches!(empty, Err(Error::InvalidInput { .. })), "{empty:?}");
    assert_eq!(book.customer_record(&rita).unwrap().facts.len(), 1);
});

on_both_books!(search_finds_a_customer_by_their_notes_and_what_was_said_in_a_contact, |book| {
    let rita = rita(book);
    let note = NewNote {
        text: "Coaches her son's hockey team on Saturdays".into(),
        kind: NoteKind::Note,
        format: None,
        status: None,
    };
    book.add_note(&rita, note, now()).unwrap();
    let inbound =
        NewInteraction { direction: Direction::Inbound, ..call("She asked whether ceramic coating is worth it") };
    book.log_contact(&rita, inbound, now()).unwrap();
    for typed in ["hockey", "ceram", "coating worth"] {
        let hits = book.search(typed, 10).unwrap();
        assert!(hits.iter().any(|h| h.customer_id == rita), "{typed:?} finds Rita: {hits:?}");
    }
    assert!(book.search("lacrosse", 10).unwrap().is_empty(), "nor by words nobody wrote");
});

on_both_books!(a_declined_channel_blocks_the_call_and_it_is_held_back_with_her_words, |book| {
    let rita = rita(book);
    said(book, &rita, "Please don't call me, email is fine", Meaning::DeclineChannel { channel: Channel::Phone });
    let refused = book.log_contact(&rita, call("Calling about the plates"), now());
    let Err(Error::Blocked(decision)) = refused else { panic!("the call was not blocked: {refused:?}") };
    let quote = decision.deciding().and_then(|f| f.quote.clone()).unwrap_or_default();
    assert!(quote.contains("don't call me"), "the block quotes her: {quote}");
    let rec = book.customer_record(&rita).unwrap();
    assert!(rec.interactions.is_empty(), "nothing was logged");
    assert_eq!(rec.held_back.len(), 1, "the call was kept as held back");
    assert!(rec.held_back[0].quote.as_deref().unwrap_or("").contains("don't call me"));
    // An email is fine.
    let email = NewInteraction { channel: Channel::Email, ..call("Your plates arrived; they are at the front desk") };
    book.log_contact(&rita, email, now()).expect("an email goes through");
    assert_eq!(book.customer_record(&rita).unwrap().interactions.len(), 1);
});

on_both_books!(a_contact_and_what_was_heard_in_it_land_together_or_not_at_all, |book| {
    let rita = rita(book);
    let inbound = NewInteraction { direction: Direction::Inbound, ..call("She called about her plates") };
    let heard = |due_on: NaiveDate| HeardToRecord {
        statements: vec![NewStatement {
            words: "Text me, I never pick up".into(),
            means: Meaning::PreferChannel { channel: Channel::Text },
            said_at: None,
            source_interaction_id: None,
        }],
        promises: vec![NewPromise { what: "Plates to her by Friday".into(), due_on, made_on: None }],
        facts: vec![fact("Her son starts college in the fall")],
    };
    // A promise due before it was made: nothing of the contact is written.
    let bad = book.log_contact_heard(&rita, inbound.clone(), heard(now().date_naive() - Duration::days(3)), now());
    assert!(matches!(bad, Err(Error::InvalidInput { .. })), "{bad:?}");
    let rec = book.customer_record(&rita).unwrap();
    assert!(
        rec.interactions.is_empty() && rec.preferences.is_empty() && rec.promises.is_empty() && rec.facts.is_empty()
    );

    let (contact, _) =
        book.log_contact_heard(&rita, inbound, heard(now().date_naive() + Duration::days(4)), now()).unwrap();
    let rec = book.customer_record(&rita).unwrap();
    assert_eq!(rec.interactions.len(), 1);
    assert_eq!(rec.preferences.len(), 1);
    assert_eq!(rec.preferences[0].source_interaction_id.as_deref(), Some(contact.id.as_str()));
    assert_eq!(rec.promises.len(), 1);
    assert_eq!(rec.facts.len(), 1);
    assert_eq!(rec.contact_points.len(), 2, "the customer's own parts are kept beside what was added");
});

on_both_books!(a_mistake_is_removed_or_corrected_and_what_she_said_stays_in_force, |book| {
    let rita = rita(book);
    let inbound = NewInteraction { direction: Direction::Inbound, ..call("Called about the wrong customer's plates") };
    let heard = HeardToRecord {
        statements: vec![NewStatement {
            words: "Don't ring me at work".into(),
            means: Meaning::DeclineChannel { channel: Channel::Phone },
            said_at: None,
            source_interaction_id: None,
        }],
        facts: vec![fact("Her son starts at #StateU in the fall")],
        ..Default::default()
    };
    let (contact, _) = book.log_contact_heard(&rita, inbound, heard, now()).unwrap();
    assert_eq!(book.customer_of(rapport_core::store::Record::Interaction, &contact.id[..8]).unwrap(), rita);

    // The contact's words corrected, then the contact removed: her statement stays, pointing nowhere.
    let fix = rapport_core::store::InteractionFix { at: None, summary: Some("Called about her own plates".into()) };
    let fixed = book.correct_interaction(&contact.id, fix, now()).unwrap();
    assert_eq!(fixed.summary, "Called about her own plates");
    assert_eq!(book.search("own plates", 5).unwrap().first().map(|h| h.customer_id.clone()), Some(rita.clone()));
    let blank = book.correct_interaction(&contact.id, Default::default(), now());
    assert!(matches!(blank, Err(Error::InvalidInput { .. })), "nothing to correct: {blank:?}");
    let removed = book.remove(rapport_core::store::Record::Interaction, &contact.id, now()).unwrap();
    assert_eq!((removed.customer_id.as_str(), removed.statements_kept), (rita.as_str(), 1));
    let rec = book.customer_record(&rita).unwrap();
    assert!(rec.interactions.is_empty());
    assert_eq!(rec.preferences.len(), 1, "what she said is never removed");
    assert_eq!(rec.preferences[0].source_interaction_id, None);
    assert!(book.search("own plates", 5).unwrap().is_empty(), "search forgets the removed contact's words");
    let call_her = Outreach {
        channel: Channel::Phone,
        at: now(),
        topic: None,
        text: None,
        reason: Some("Her plates are in".into()),
        purpose: Purpose::Proactive,
        in_thank_you: false,
    };
    let call_her = book.check(&rita, &call_her).unwrap();
    assert_eq!(call_her.decision, rapport_core::guard::Verdict::Blocked, "her words still bind the Guard");

    // A fact's text corrected takes its hashtag with it; a tag set by hand stays until removed by hand.
    let son = rec.facts.iter().find(|f| f.text.contains("StateU")).unwrap().id.clone();
    let fix = rapport_core::store::FactFix { text: Some("Her son starts at #TechU in the fall".into()), date: None };
    assert!(book.correct_fact(&son[..10], fix, now()).unwrap().text.contains("TechU"));
    let tags = |book: &dyn Book| -> Vec<String> {
        book.customer_record(&rita).unwrap().tags.iter().map(|t| t.tag.to_lowercase()).collect()
    };
    assert!(
        tags(book).contains(&"techu".to_string()) && !tags(book).contains(&"stateu".to_string()),
        "{:?}",
        tags(book)
    );
    book.add_tag(&rita, "#VIP", now()).unwrap();
    assert!(tags(book).contains(&"vip".to_string()));
    book.remove_tag(&rita, "vip", now()).unwrap();
    assert!(!tags(book).contains(&"vip".to_string()));
    assert!(matches!(book.remove_tag(&rita, "vip", now()), Err(Error::NotFound { .. })));
    book.remove(rapport_core::store::Record::Fact, &son, now()).unwrap();
    assert!(!tags(book).contains(&"techu".to_string()), "the hashtag went with its fact");
    assert!(book.customer_record(&rita).unwrap().facts.is_empty());
    let gone = book.remove(rapport_core::store::Record::Fact, &son, now());
    assert!(matches!(gone, Err(Error::NotFound { .. })), "{gone:?}");
});

on_both_books!(a_campaign_leaves_out_who_declined_its_topic_with_their_words, |book| {
    let rita = rita(book);
    let noor = noor(book, "noor@example.com", &["fleet"]);
    said(book, &rita, "Never ask me to sell my truck", Meaning::DeclineTopic { topic: "buy-back".into() });
    let campaign = Campaign { channel: Channel::Email, topic: Some("buy-back".into()), text: None };
    let checked = book.check_campaign(CampaignList::Tag("fleet".into()), &campaign, now()).unwrap();
    assert_eq!(checked.included.iter().map(|c| c.customer_id.as_str()).collect::<Vec<_>>(), [noor.as_str()]);
    assert_eq!(checked.excluded.len(), 1);
    assert_eq!(checked.excluded[0].customer_id, rita);
    assert!(checked.excluded[0].quote.as_deref().unwrap_or("").contains("sell my truck"));
    assert_eq!(checked.excluded[0].addresses, ["rita@example.com"]);
});

on_both_books!(search_finds_a_name_by_its_start_and_a_customer_by_their_number, |book| {
    let rita = rita(book);
    book.add_customer_with(NewCustomer { name: "Tom Becker".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap();
    let found = |book: &dyn Book, typed: &str| -> Vec<String> {
        book.search(typed, 10).unwrap().into_iter().map(|h| h.customer_id).collect()
    };
    assert_eq!(found(book, "Kowal"), [rita.as_str()]);
    assert_eq!(found(book, "kowalski plumb"), [rita.as_str()]);
    assert_eq!(found(book, "0142"), [rita.as_str()]);
    assert_eq!(found(book, "Ko"), [rita.as_str()], "two letters are a prefix too");
    assert!(found(book, "Zebra").is_empty());
    assert!(found(book, "\"; DROP TABLE customers; --").is_empty(), "typed syntax is only text");
    let listed = book.list_customers(&ListQuery { tag: Some("#fleet".into()), ..Default::default() }).unwrap();
    assert_eq!(listed.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Rita Kowalski"]);
    assert_eq!(book.list_customers(&ListQuery::default()).unwrap().len(), 2);
});

on_both_books!(the_agenda_shows_a_promise_coming_due, |book| {
    let rita = rita(book);
    promised_in_a_call(book, &rita, "Call with the plates' arrival date");
    let agenda = book.agenda(now(), 7).unwrap();
    assert!(
        agenda.reasons.iter().any(|r| r.customer_id == rita && r.value.contains("plates")),
        "the promise is on the agenda: {:?}",
        agenda.reasons.iter().map(|r| &r.value).collect::<Vec<_>>()
    );
});

on_both_books!(a_reason_is_notified_once_and_its_calendar_file_is_written_only_when_it_changes, |book| {
    let rita = rita(book);
    promised_in_a_call(book, &rita, "Call with the plates' arrival date");
    let due = now() + Duration::days(2);
    let mine = book.own_agenda(due, 0).unwrap();
    let reason = mine.reasons.iter().find(|r| r.customer_id == rita).expect("her promise is the reader's own");
    assert!(!book.was_notified(&reason.id).unwrap());
    assert!(book.mark_notified(&reason.id, &rita, due).unwrap(), "notified the first time");
    assert!(!book.mark_notified(&reason.id, &rita, due).unwrap(), "never twice");
    assert!(book.was_notified(&reason.id).unwrap());

    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("calendar.ics");
    assert!(rapport_core::io::ics::keep_calendar_file_at(book, &file, now(), 30).unwrap());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Rita Kowalski: ") && text.contains("plates"), "{text}");
    assert!(!rapport_core::io::ics::keep_calendar_file_at(book, &file, now(), 30).unwrap(), "nothing changed");
    promised_in_a_call(book, &rita, "Send the towing specs");
    assert!(rapport_core::io::ics::keep_calendar_file_at(book, &file, now(), 30).unwrap(), "a new promise");
    assert!(std::fs::read_to_string(&file).unwrap().contains("towing specs"));
});

on_both_books!(a_promise_kept_and_a_reason_done_leave_today_and_undo_brings_it_back, |book| {
    let rita = rita(book);
    let due = now().date_naive() + Duration::days(2);
    let promise = book
        .add_promise(&rita, NewPromise { what: "Bring her plates".into(), due_on: due, made_on: None }, now())
        .unwrap();
    let on_today = |book: &dyn Book| -> Vec<String> {
        book.agenda(now(), 7).unwrap().reasons.iter().filter(|r| r.customer_id == rita).map(|r| r.id.clone()).collect()
    };
    let reasons = on_today(book);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    // A real prefix: the kind and the start of the promise's id.
    let (reason, whose) = book.find_reason(&reasons[0][..reasons[0].len() - 6], now()).unwrap();
    assert_eq!(whose, rita);

    book.set_reason_state(&reason, &rita, ReasonStateKind::Done, None, None, now()).unwrap();
    assert!(on_today(book).is_empty(), "done leaves Today");
    let refused = book.set_reason_state(&reason, &rita, ReasonStateKind::Dismissed, None, None, now());
    assert!(matches!(refused, Err(Error::InvalidInput { .. })), "a dismissal says why");
    let had = book.undo_reason_state(&reason, now()).unwrap();
    assert_eq!(had.state, ReasonStateKind::Done);
    assert_eq!(on_today(book), reasons, "undone, it is back");
    assert!(matches!(book.undo_reason_state(&reason, now()), Err(Error::NotFound { .. })));

    let kept = book.keep_promise(&book.lookup_promise(&promise.id[..13]).unwrap(), now()).unwrap();
    assert_eq!(kept.status, PromiseStatus::Kept);
    assert!(on_today(book).is_empty(), "a kept promise is no reason");
    assert!(matches!(book.keep_promise(&promise.id, now()), Err(Error::InvalidInput { .. })), "kept once");

    // A reminder needs something for the customer in it.
    let reminder = |value: &str| NewReminder { value: value.into(), due_on: due, channel: None };
    assert!(matches!(book.add_reminder(&rita, reminder("Just checking in"), now()), Err(Error::InvalidInput { .. })));
    book.add_reminder(&rita, reminder("Her winter tires came in, the size she asked for"), now()).unwrap();
    assert_eq!(on_today(book).len(), 1, "the reminder is on Today");
    assert_eq!(book.customer_record(&rita).unwrap().reminders.len(), 1);
});

on_both_books!(hashtags_in_notes_and_facts_heard_become_tags_a_campaign_and_a_playbook_read, |book| {
    let rita = rita(book);
    book.add_note(&rita, NewNote::plain("Prefers mornings; #WinterTires customer since 2022"), now()).unwrap();
    let inbound = NewInteraction { direction: Direction::Inbound, ..call("She asked about storage") };
    let heard = HeardToRecord { facts: vec![fact("Stores her boat with us #BoatOwner")], ..Default::default() };
    book.log_contact_heard(&rita, inbound, heard, now()).unwrap();
    let tags: Vec<(String, TagOrigin)> =
        book.customer_record(&rita).unwrap().tags.into_iter().map(|t| (t.tag, t.origin)).collect();
    assert_eq!(
        tags,
        [
            ("BoatOwner".to_string(), TagOrigin::Text),
            ("fleet".to_string(), TagOrigin::Manual),
            ("WinterTires".to_string(), TagOrigin::Text)
        ]
    );
    // The customer list's tags, counted alike on both books.
    let counts = book.tag_counts().unwrap();
    assert_eq!(counts, [("BoatOwner".to_string(), 1), ("fleet".to_string(), 1), ("WinterTires".to_string(), 1)]);
    let campaign = Campaign { channel: Channel::Email, topic: Some("service".into()), text: None };
    let checked = book.check_campaign(CampaignList::Tag("BoatOwner".into()), &campaign, now()).unwrap();
    assert_eq!(checked.included.len(), 1, "the tag a fact wrote reaches the campaign");
});

on_both_books!(an_issue_opened_updated_and_resolved_is_on_today_until_the_customer_is_told, |book| {
    let rita = rita(book);
    let next = now().date_naive() + Duration::days(2);
    let input = NewIssue { title: "Rattle in the dash".into(), opened_on: None, next_update_on: Some(next) };
    let issue = book.open_issue(&rita, input, now()).unwrap();
    assert_eq!(book.lookup_issue(&issue.id[..issue.id.len() - 4]).unwrap(), issue.id);
    let kinds = |book: &dyn Book| -> Vec<String> {
        let a = book.agenda(now(), 7).unwrap();
        a.reasons
            .iter()
            .filter(|r| r.customer_id == rita)
            .map(|r| r.id.split(':').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds(book), ["issue_update"]);
    let updated = book.update_issue(&issue.id, "Parts ordered, in Thursday", None, now()).unwrap();
    assert_eq!(updated.updates.len(), 1);
    assert_eq!(updated.next_update_on, Some(next), "an update without a new day keeps the day");
    assert!(matches!(book.resolve_issue(&issue.id, "  ", now()), Err(Error::InvalidInput { .. })));
    let resolved = book.resolve_issue(&issue.id, "Loose clip, refastened", now()).unwrap();
    assert_eq!(resolved.status, IssueStatus::Resolved);
    assert_eq!(kinds(book), ["issue_resolved"], "the customer is still to be told");
    assert!(matches!(book.update_issue(&issue.id, "More", None, now()), Err(Error::InvalidInput { .. })));
    assert!(matches!(book.resolve_issue(&issue.id, "Again", now()), Err(Error::InvalidInput { .. })));
    let rec = book.customer_record(&rita).unwrap();
    assert_eq!(rec.issues.len(), 1);
    assert_eq!(rec.issues[0].updates[0].text, "Parts ordered, in Thursday");
});

// What only a shared book has.

on_both_books!(a_contact_file_adds_new_customers_joins_those_here_and_again_changes_nothing, |book| {
    let rita = rita(book);
    // A vCard file: Rita again (her email) with a new phone and a note, and a new customer with a birthday.
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rita Kowalski\r\nEMAIL:rita@example.com\r\n\
                TEL:+1 720 555 0199\r\nNOTE:Met at the spring fleet day #FleetDay\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomás Ortega\r\nEMAIL:tomas@example.com\r\nBDAY:1984-03-09\r\n\
                CATEGORIES:Referral,referral\r\nNOTE:Wants a #HeavyDuty truck\r\nEND:VCARD\r\n";
    let plan = book.plan_import(rapport_core::io::vcard::parse(file)).unwrap();
    assert_eq!((plan.new_customers, plan.merges.len()), (1, 1), "{plan:?}");
    // Cancelled, it writes nothing: nobody new, nothing joined to Rita.
    let customers = book.list_customers(&ListQuery::default()).unwrap().len();
    let points = book.customer_record(&rita).unwrap().contact_points.len();
    let cancelled = book.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(true));
    assert!(matches!(cancelled, Err(Error::Cancelled)), "{cancelled:?}");
    assert_eq!(book.list_customers(&ListQuery::default()).unwrap().len(), customers, "nobody new");
    assert_eq!(book.customer_record(&rita).unwrap().contact_points.len(), points, "nothing joined to Rita");
    let report = book.apply_import(&plan, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((report.added, report.merged), (1, 1));

    let rec = book.customer_record(&rita).unwrap();
    let values: Vec<&str> = rec.contact_points.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values.iter().filter(|v| **v == "rita@example.com").count(), 1, "her email once: {values:?}");
    assert!(values.contains(&"+1 720 555 0199"), "the file's new phone joins her: {values:?}");
    assert!(rec.notes.iter().any(|n| n.text.contains("spring fleet day")));
    assert!(rec.tags.iter().any(|t| t.tag == "FleetDay"), "the note's hashtag tags her: {:?}", rec.tags);

    let mut found: Vec<String> = book.search("Ortega", 5).unwrap().into_iter().map(|h| h.customer_id).collect();
    found.dedup();
    assert_eq!(found.len(), 1, "the new customer is searchable when the import returns");
    let rec = book.customer_record(&found[0]).unwrap();
    assert!(rec.facts.iter().any(|f| f.date == chrono::NaiveDate::from_ymd_opt(1984, 3, 9)), "{:?}", rec.facts);
    let tags: Vec<&str> = rec.tags.iter().map(|t| t.tag.as_str()).collect();
    assert!(tags.contains(&"Referral") && tags.contains(&"HeavyDuty"), "{tags:?}");
    assert_eq!(tags.iter().filter(|t| t.eq_ignore_ascii_case("referral")).count(), 1, "one spelling: {tags:?}");
    let tomas = found[0].clone();
    let sizes = |book: &mut dyn Book, id: &str| {
        let r = book.customer_record(id).unwrap();
        (r.contact_points.len(), r.notes.len(), r.facts.len(), r.purchases.len(), r.tags.len())
    };
    let (rita_before, tomas_before) = (sizes(book, &rita), sizes(book, &tomas));

    // The same file again: both are found, nothing is added.
    let again = book.plan_import(rapport_core::io::vcard::parse(file)).unwrap();
    assert_eq!(again.new_customers, 0, "{again:?}");
    let report = book.apply_import(&again, now(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(report.added, 0);
    assert_eq!(book.customer_record(&rita).unwrap().contact_points.len(), 3, "no point twice");
    assert_eq!(sizes(book, &rita), rita_before, "no point, note, fact, purchase or tag twice");
    assert_eq!(sizes(book, &tomas), tomas_before, "no point, note, fact, purchase or tag twice");
    assert_eq!(book.list_customers(&ListQuery::default()).unwrap().len(), 2);
    // The list by a tag, in any spelling, finds whom the tag counts count.
    let by_tag = book.list_customers(&ListQuery { tag: Some("REFERRAL".into()), ..Default::default() }).unwrap();
    assert_eq!(by_tag.len(), 1, "{by_tag:?}");
});

/// A thank-you draft kept as a note, edited, sent.
fn thank_you_draft(book: &mut dyn Book, customer: &str, text: &str, at: DateTime<Utc>) -> Note {
    let note = NewNote {
        text: text.into(),
        kind: NoteKind::ThankYou,
        format: Some("card".into()),
        status: Some(NoteStatus::Draft),
    };
    book.add_note(customer, note, at).unwrap()
}

on_both_books!(a_thank_you_is_drafted_from_her_record_edited_sent_and_never_copied_to_another, |book| {
    use rapport_core::notes::{CardSize, Format, Request, Rule, Shape, ThankYouKind};
    let rita = rita(book);
    let purchase = NewPurchase {
        purchased_on: Some(now().date_naive() - Duration::days(3)),
        description: "2024 Tacoma TRD".into(),
        features: vec!["tow package".into()],
        ..serde_json::from_value(serde_json::json!({ "description": "" })).unwrap()
    };
    book.add_purchase(&rita, purchase, now()).unwrap();
    let noor = book
        .add_customer_with(NewCustomer { name: "Noor Haddad".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap()
        .id;

    // Drafted from what her record holds: her name and what she bought, no form letter's findings.
    let request = Request {
        kind: ThankYouKind::Purchase,
        format: Format::Card,
        card: CardSize::default(),
        variant: 0,
        chosen: None,
    };
    let draft = book.draft_note(&rita, &request, now()).unwrap();
    assert!(draft.text.contains("Rita") && draft.text.contains("Tacoma"), "{}", draft.text);
    let note = thank_you_draft(book, &rita, &draft.text, now());
    let later = now() + Duration::hours(1);
    let edited =
        book.update_note(&note.id, "Rita, the Tacoma suits you. Enjoy the tow package at the lake.", later).unwrap();
    assert_eq!(book.note(&note.id).unwrap(), edited);
    // An editor that read the draft before this save overwrites nothing; one that read it after saves.
    let stale = book.update_note_seen(&note.id, "Rita, thanks!", now() - Duration::hours(2), later).unwrap_err();
    assert_eq!(stale.code(), "changed_meanwhile", "{stale}");
    let edited = book.update_note_seen(&note.id, &edited.text, edited.updated_at, later).unwrap();
    let listed = book.list_notes(Some(NoteStatus::Draft), 50).unwrap();
    assert_eq!(
        listed.iter().map(|n| (n.note.id.as_str(), n.customer_name.as_str())).collect::<Vec<_>>(),
        [(note.id.as_str(), "Rita Kowalski")]
    );

    // Sent: logged as a card by post, through the Guard, and it stays as she got it.
    let (sent, logged) = book.set_note_status(&note.id, NoteStatus::Sent, later).unwrap();
    assert_eq!(sent.status, Some(NoteStatus::Sent));
    assert_eq!(logged.expect("the card is logged").channel, Channel::Mail);
    assert_eq!(book.customer_record(&rita).unwrap().interactions.len(), 1);
    assert!(book.update_note(&note.id, "Something else", later).unwrap_err().to_string().contains("sent"));
    assert!(book.set_note_status(&note.id, NoteStatus::Written, later).is_err(), "a sent note never goes back");
    assert!(book.list_notes(Some(NoteStatus::Draft), 50).unwrap().is_empty());
    assert_eq!(book.list_notes(Some(NoteStatus::Sent), 50).unwrap().len(), 1);

    // The same words to Noor read as a near-copy of Rita's card, and Rita's name as someone else's.
    let shape = Shape { kind: ThankYouKind::Purchase, format: Format::Card, card: CardSize::default() };
    let copied = book.lint_note(&noor, &edited.text, shape, later).unwrap();
    let rules: Vec<Rule> = copied.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::NearCopy) && rules.contains(&Rule::OtherCustomersName), "{rules:?}");

    // A card to a customer who asked not to be contacted is not recorded as sent.
    said(book, &noor, "Take me off your list", Meaning::DoNotContact);
    let card = thank_you_draft(book, &noor, "Noor, thank you for coming by.", later);
    assert_eq!(book.set_note_status(&card.id, NoteStatus::Sent, later).unwrap_err().code(), "blocked_by_preference");
    assert_eq!(book.note(&card.id).unwrap().status, Some(NoteStatus::Draft));
    assert!(matches!(book.note("no-such-note"), Err(Error::NotFound { .. })));
});

on_both_books!(an_email_from_her_and_one_to_her_are_logged_once_with_her_by_her_address, |book| {
    use rapport_core::io::Happened;
    let rita = rita(book);
    let email = |from: &str, to: &str, subject: &str, words: &str| {
        let text = format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: Mon, 23 Nov 2026 09:15:00 -0700\r\n\r\n{words}\r\n"
        );
        Happened::read(text.as_bytes(), "message.eml").unwrap()
    };
    // Her address in another case still finds her; her words are kept as a quote.
    let hers =
        email("Rita K <RITA@Example.com>", "me@dealer.example", "Plates?", "Any news on my plates? Texts are best.");
    let logged = book.log_happened(&hers, None, None, now()).unwrap();
    assert_eq!((logged.customer_id.as_str(), logged.direction), (rita.as_str(), Direction::Inbound));
    let contact = logged.interaction.expect("logged");
    assert_eq!(contact.channel, Channel::Email);
    assert_eq!(contact.quotes, ["Any news on my plates? Texts are best."]);
    assert!(book.log_happened(&hers, None, None, now()).unwrap().interaction.is_none(), "the same email once");
    assert_eq!(book.customer_record(&rita).unwrap().interactions.len(), 1);

    // An email already sent to her after she declined email is logged — it went — and the Guard says what she said.
    said(book, &rita, "Please don't email me, text instead", Meaning::DeclineChannel { channel: Channel::Email });
    let mine = email("me@dealer.example", "rita@example.com", "Checking in", "Hi Rita, how is everything?");
    let sent = book.log_happened(&mine, None, None, now()).unwrap();
    assert_eq!(sent.direction, Direction::Outbound);
    assert!(sent.interaction.is_some());
    let guard = sent.guard.expect("the Guard's word on it");
    assert!(guard.is_blocked() && serde_json::to_string(&guard).unwrap().contains("don't email me"), "{guard:?}");

    // An address nobody has is named, and nothing is logged.
    let stranger = email("sam_lee@example.org", "me@dealer.example", "Hello", "Hi");
    let err = book.log_happened(&stranger, None, None, now()).unwrap_err().to_string();
    assert!(err.contains("sam_lee@example.org"), "{err}");
    assert_eq!(book.customer_record(&rita).unwrap().interactions.len(), 2);
    // An address with "_" in it (a LIKE wildcard to the shared book's search) is matched as written, in any case.
    let noor = noor(book, "noor_h@example.com", &[]);
    let hers = email("NOOR_H@Example.com", "me@dealer.example", "Brochure", "Could you send the brochure?");
    assert_eq!(book.log_happened(&hers, None, None, now()).unwrap().customer_id, noor);
    let lookalike = email("noorxh@example.com", "me@dealer.example", "Hi", "Hi");
    assert!(book.log_happened(&lookalike, None, None, now()).is_err(), "an underscore is no wildcard");
});

on_both_books!(reaching_out_through_her_apps_asks_the_guard_first_and_what_it_held_back_is_listed, |book| {
    let rita = rita(book);
    said(book, &rita, "Please don't phone me, email is fine", Meaning::DeclineChannel { channel: Channel::Phone });
    let asked = |channel: Channel| NewInteraction {
        at: Some(now()),
        channel,
        direction: Direction::Outbound,
        ..call("Your plates are in; the paperwork is attached")
    };
    let handed = book.hand_off(&rita, asked(Channel::Email), Some("Your plates"), now()).unwrap();
    assert!(handed.url.starts_with("mailto:rita@example.com"), "{}", handed.url);
    assert!(book.customer_record(&rita).unwrap().interactions.is_empty(), "nothing is logged until she says it went");
    let err = book.hand_off(&rita, asked(Channel::Phone), None, now()).unwrap_err();
    assert_eq!(err.code(), "blocked_by_preference", "{err}");
    let held = book.held_back(Some(&rita), 10).unwrap();
    assert_eq!(held.len(), 1, "the call is kept as held back");
    assert_eq!(book.held_back(None, 10).unwrap().len(), 1);
});

#[test]
fn each_person_signs_their_own_notes_and_only_a_manager_sets_the_dealerships_rules() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    let rules = Profile {
        dealership: "Kowalski Motors".into(),
        min_days_between: 21,
        signature: "Maria Lopez, sales manager".into(),
        start_at_login: true,
        ..maria.profile().unwrap()
    };
    maria.save_profile(rules).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let hers = dana.profile().unwrap();
    assert_eq!((hers.name.as_str(), hers.dealership.as_str(), hers.min_days_between), ("Dana", "Kowalski Motors", 21));
    assert_eq!(hers.signature, "", "never Maria's signature");
    assert!(!hers.start_at_login, "nor her own settings");

    // Her own signature is hers to set, and signs her notes; Maria's stays Maria's.
    dana.save_profile(Profile { signature: "Warmly, Dana".into(), ..hers.clone() }).unwrap();
    let rita = rita(&mut dana);
    let request = rapport_core::notes::Request::default();
    assert!(dana.draft_note(&rita, &request, now()).unwrap().text.ends_with("Warmly, Dana"));
    assert_eq!(maria.profile().unwrap().signature, "Maria Lopez, sales manager");
    assert!(maria.draft_note(&rita, &request, now()).unwrap().text.ends_with("Maria Lopez, sales manager"));

    // The dealership's rules and playbooks are a manager's to set: Dana's attempt changes nothing.
    let err = dana.save_profile(Profile { min_days_between: 3, ..dana.profile().unwrap() }).unwrap_err();
    assert_eq!(err.code(), "not_allowed", "{err}");
    assert!(err.to_string().contains("days between contacts"), "{err}");
    assert_eq!(maria.profile().unwrap().min_days_between, 21);
    let playbook = Playbook {
        tag: "BuyAndHold".into(),
        never_topics: vec!["buy-back".into()],
        offer: vec!["Service reminders".into()],
        script: String::new(),
    };
    assert_eq!(dana.save_playbook(playbook.clone()).unwrap_err().code(), "not_allowed");
    maria.save_playbook(playbook).unwrap();
    assert_eq!(dana.playbooks().unwrap().len(), 1, "what a manager sets binds everyone at once");
    assert_eq!(dana.delete_playbook("BuyAndHold").unwrap_err().code(), "not_allowed");
    maria.delete_playbook("#BuyAndHold").unwrap();
    assert!(dana.playbooks().unwrap().is_empty());
}

#[test]
fn two_people_saving_one_draft_overwrite_nothing_and_the_second_is_told_who() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let rita = rita(&mut dana);
    let note = thank_you_draft(&mut dana, &rita, "Rita, thank you.", now());
    // Both read the draft; Dana saves first, then Maria saves over what she read: nothing of Dana's is overwritten.
    // (The window's composer sends no version back yet: its save is checked against the note as that save reads it.)
    let opened = maria.note(&note.id).unwrap();
    dana.update_note(&note.id, "Rita, thank you for the pie.", now()).unwrap();
    let mine = Note { text: "Rita, thanks!".into(), ..opened.clone() };
    let err = maria.change_note(&opened, &mine).unwrap_err();
    assert_eq!(err.code(), "changed_meanwhile");
    assert!(err.to_string().contains("Dana"), "{err}");
    assert_eq!(maria.note(&note.id).unwrap().text, "Rita, thank you for the pie.", "Dana's words stand");
    // The Notes place: Dana sees her own customers' notes; Sam's customers' notes are Sam's to change and not on
    // her list. A manager sees every note.
    let own = dana
        .add_customer_with(NewCustomer { name: "Omar Said".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap()
        .id;
    thank_you_draft(&mut dana, &own, "Omar, thank you.", now());
    maria.add_user(person("Sam", Role::Salesperson), now()).unwrap();
    let mut sam = sign_in(&url, "Sam");
    let sams = sam
        .add_customer_with(NewCustomer { name: "Lena Park".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap()
        .id;
    let sams_note = thank_you_draft(&mut sam, &sams, "Lena, thank you.", now());
    let danas: Vec<String> = dana.list_notes(None, 50).unwrap().into_iter().map(|n| n.customer_name).collect();
    assert_eq!(danas, ["Omar Said", "Rita Kowalski"]);
    assert_eq!(maria.list_notes(None, 50).unwrap().len(), 3);
    let err = dana.update_note(&sams_note.id, "Lena, thanks from Dana", now()).unwrap_err();
    assert_eq!(err.code(), "not_allowed", "{err}");
    assert_eq!(dana.set_note_status(&sams_note.id, NoteStatus::Sent, now()).unwrap_err().code(), "not_allowed");
    assert!(sam.customer_record(&sams).unwrap().interactions.is_empty(), "nothing logged on Sam's customer");
    assert_eq!(sam.note(&sams_note.id).unwrap().text, "Lena, thank you.");
    // A card marked sent leaves the customer's version alone: Maria's edit of Rita, opened before, still saves.
    let (opened_rita, version) = maria.customer_at(&rita).unwrap();
    dana.set_note_status(&note.id, NoteStatus::Sent, now()).unwrap();
    let edit = NewCustomer {
        name: opened_rita.name.clone(),
        company: Some("Kowalski & Daughters".into()),
        ..Default::default()
    };
    maria.edit_customer(&rita, edit, version, now()).expect("nothing of Rita's record changed meanwhile");
}

#[test]
fn a_book_made_by_the_previous_version_is_brought_up_to_date_keeping_its_notes() {
    let Some((url, mut maria)) = dealership() else { return };
    let rita = rita(&mut maria);
    let note = thank_you_draft(&mut maria, &rita, "Rita, thank you.", now());
    drop(maria);
    // The book as version 1 left it: no record of who last changed a note, nobody's own settings, no one's
    // notifications.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(
            "ALTER TABLE notes DROP COLUMN updated_by, DROP COLUMN updated_at; ALTER TABLE users DROP COLUMN profile;
             DROP TABLE notified; ALTER TABLE customers DROP COLUMN agenda_keys; DROP INDEX interactions_agenda;
             UPDATE rapport_schema SET version = 1",
        )
        .unwrap();
    let p = person("Maria", Role::Manager);
    let mut maria = DealershipBook::open(&url, &p.email, &p.password).expect("an older book opens");
    let version: i32 = admin.query_one("SELECT version FROM rapport_schema", &[]).unwrap().get(0);
    assert_eq!(i64::from(version), rapport_core::dealership::schema_version());
    maria.update_note(&note.id, "Rita, thank you for the pie.", now()).unwrap();
    assert_eq!(maria.note(&note.id).unwrap().text, "Rita, thank you for the pie.");
    assert_eq!(maria.profile().unwrap().name, "Maria", "her own settings start from her name");
    assert!(maria.mark_notified("a-reason", &rita, now()).unwrap(), "notifications are kept per person");
}

#[test]
fn a_do_not_contact_at_the_service_desk_blocks_the_salespersons_call_a_moment_later() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(NewUser { role: Role::Service, ..person("Sam", Role::Service) }, now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let mut sam = sign_in(&url, "Sam");
    let rita = rita(&mut dana);

    // Each on their own connection, as on their own machines.
    sam.record_statement(
        &rita,
        NewStatement {
            words: "Take me off your list, all of you".into(),
            means: Meaning::DoNotContact,
            said_at: None,
            source_interaction_id: None,
        },
        now(),
    )
    .unwrap();
    let refused = dana.log_contact(&rita, call("Your plates are in"), now() + Duration::seconds(1));
    let Err(Error::Blocked(decision)) = refused else { panic!("Dana's call was not blocked: {refused:?}") };
    assert!(decision.deciding().and_then(|f| f.quote.clone()).unwrap_or_default().contains("off your list"));

    // Who said it to whom: "told Sam".
    let rec = dana.customer_record(&rita).unwrap();
    let entered = dana.entered_by(&rita).unwrap();
    let statement = &rec.preferences[0];
    let by = entered.iter().find(|e| e.record_id == statement.id).expect("the statement names who entered it");
    assert_eq!(by.name, "Sam");
    let held = entered.iter().find(|e| e.record_id == rec.held_back[0].id).expect("the held-back call names Dana");
    assert_eq!(held.name, "Dana");
}

#[test]
fn people_sign_in_as_themselves_and_only_a_manager_adds_people_or_hands_customers_on() {
    let Some((url, mut maria)) = dealership() else { return };
    let second_start = DealershipBook::start(&url, person("Eve", Role::Manager), now());
    assert!(matches!(second_start, Err(Error::NotAllowed(_))), "a started book is not started again");

    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(person("Leo", Role::Salesperson), now()).unwrap();
    let again = maria.add_user(person("Dana", Role::Salesperson), now());
    assert!(matches!(again, Err(Error::InvalidInput { .. })), "one email, one person: {again:?}");

    let wrong = DealershipBook::open(&url, "dana@dealer.example", "not her password");
    assert!(matches!(wrong, Err(Error::SignIn(_))));
    let nobody = DealershipBook::open(&url, "nobody@dealer.example", "Dana's long password");
    assert!(matches!(nobody, Err(Error::SignIn(_))));
    // The password is kept only as a salted Argon2id hash.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let hash: String =
        admin.query_one("SELECT password_hash FROM users WHERE email = 'dana@dealer.example'", &[]).unwrap().get(0);
    assert!(hash.starts_with("$argon2id$") && !hash.contains("long password"));

    let mut dana = sign_in(&url, "Dana");
    assert_eq!(dana.me().role, Role::Salesperson);
    let refused = dana.add_user(person("Zed", Role::Manager), now());
    assert!(matches!(refused, Err(Error::NotAllowed(_))), "{refused:?}");

    // Dana's customers are hers: her Today shows them, Leo's does not; the manager sees the team's.
    let rita = rita(&mut dana);
    dana.log_contact_heard(
        &rita,
        NewInteraction { direction: Direction::Inbound, ..call("She asked about her plates") },
        HeardToRecord {
            promises: vec![NewPromise {
                what: "Plates to her by Friday".into(),
                due_on: now().date_naive() + Duration::days(2),
                made_on: None,
            }],
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let leo = sign_in(&url, "Leo");
    let mine =
        |b: &DealershipBook| b.agenda(now(), 7).unwrap().reasons.iter().filter(|r| r.customer_id == rita).count();
    assert_eq!(mine(&dana), 1);
    assert_eq!(mine(&leo), 0);
    assert_eq!(mine(&maria), 1);

    // Dana leaves: one step hands her customers to Leo, and she can no longer sign in.
    let refused = dana.reassign(Some("dana@dealer.example"), "leo@dealer.example", true, now());
    assert!(matches!(refused, Err(Error::NotAllowed(_))));
    let to_herself = maria.reassign(Some("dana@dealer.example"), "dana@dealer.example", true, now());
    assert!(matches!(to_herself, Err(Error::InvalidInput { .. })), "{to_herself:?}");
    let last_manager = maria.reassign(Some("maria@dealer.example"), "leo@dealer.example", true, now());
    assert!(matches!(last_manager, Err(Error::InvalidInput { .. })), "the only manager cannot leave: {last_manager:?}");
    assert_eq!(maria.reassign(Some("dana@dealer.example"), "leo@dealer.example", true, now()).unwrap(), 1);
    assert_eq!(mine(&leo), 1);
    let gone = DealershipBook::open(&url, "dana@dealer.example", "Dana's long password");
    assert!(matches!(gone, Err(Error::SignIn(_))), "{gone:?}");
}

#[test]
fn a_statement_recorded_while_the_guard_decided_stops_the_contact_it_did_not_see() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(NewUser { role: Role::Service, ..person("Sam", Role::Service) }, now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let mut sam = sign_in(&url, "Sam");
    let rita = rita(&mut dana);
    // Dana's call passes the Guard; before it is written, Sam records a do-not-contact.
    let input = call("Your plates are in").validated().unwrap();
    let seen = dana.guard_outbound(&rita, &input, now(), false).unwrap();
    said(&mut sam, &rita, "Take me off your list", Meaning::DoNotContact);
    let contact = rapport_core::book::Contact {
        interaction: rapport_core::book::interaction_of(&rita, input, now()),
        statements: vec![],
        promises: vec![],
        facts: vec![],
        recorded_at: now(),
        statements_seen: Some(seen),
    };
    let refused = dana.write_contact(&contact);
    let Err(Error::Changed { by, .. }) = &refused else {
        panic!("written without the Guard seeing Sam's: {refused:?}")
    };
    assert_eq!(by, "Sam");
    assert!(dana.customer_record(&rita).unwrap().interactions.is_empty());
    // Checked again, the Guard reads it and blocks.
    assert!(matches!(dana.log_contact(&rita, call("Your plates are in"), now()), Err(Error::Blocked(_))));
}

#[test]
fn the_service_desks_customers_are_the_teams_until_a_manager_hands_them_on() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Leo", Role::Salesperson), now()).unwrap();
    maria.add_user(NewUser { role: Role::Service, ..person("Sam", Role::Service) }, now()).unwrap();
    let mut sam = sign_in(&url, "Sam");
    let leo = sign_in(&url, "Leo");
    let rita = rita(&mut sam);
    promised_in_a_call(&mut sam, &rita, "Plates by Friday");
    let on_today =
        |b: &DealershipBook| b.agenda(now(), 7).unwrap().reasons.iter().filter(|r| r.customer_id == rita).count();
    assert_eq!(on_today(&maria), 1, "the manager sees the team's unowned customers");
    assert_eq!(on_today(&leo), 0);
    assert_eq!(maria.reassign(None, "leo@dealer.example", false, now()).unwrap(), 1);
    assert_eq!(on_today(&leo), 1);
    let to_service = maria.reassign(Some("leo@dealer.example"), "sam@dealer.example", false, now());
    assert!(matches!(to_service, Err(Error::InvalidInput { .. })), "the service desk owns no one");
}

#[test]
fn each_reason_pings_only_who_looks_after_the_customer_once_whichever_computer() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(person("Leo", Role::Salesperson), now()).unwrap();
    maria.add_user(NewUser { role: Role::Service, ..person("Sam", Role::Service) }, now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let leo = sign_in(&url, "Leo");
    let mut sam = sign_in(&url, "Sam");
    let rita = rita(&mut dana);
    promised_in_a_call(&mut dana, &rita, "Plates by Friday");
    // Tom came in at the service desk: he is the team's until a manager hands him on.
    let tom = sam
        .add_customer_with(NewCustomer { name: "Tom Becker".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap()
        .id;
    promised_in_a_call(&mut sam, &tom, "Loaner car booked");
    let due = now() + Duration::days(2);
    let whose = |b: &DealershipBook| -> Vec<String> {
        let mut names: Vec<String> =
            b.own_agenda(due, 0).unwrap().reasons.iter().map(|r| r.customer_name.clone()).collect();
        names.sort();
        names
    };
    assert_eq!(whose(&dana), ["Rita Kowalski"], "Dana looks after Rita");
    assert!(whose(&leo).is_empty(), "nothing of Leo's");
    assert_eq!(whose(&maria), ["Tom Becker"], "the manager: nobody's customers, not Dana's");
    assert_eq!(maria.agenda(due, 0).unwrap().reasons.len(), 2, "though her Today shows the team's");

    let reason = dana.own_agenda(due, 0).unwrap().reasons[0].id.clone();
    assert!(dana.mark_notified(&reason, &rita, due).unwrap());
    // Her second computer knows; the manager's notifications are her own.
    let mut laptop = sign_in(&url, "Dana");
    assert!(laptop.was_notified(&reason).unwrap());
    assert!(!laptop.mark_notified(&reason, &rita, due).unwrap());
    assert!(!maria.was_notified(&reason).unwrap());
    assert!(maria.mark_notified(&reason, &rita, due).unwrap(), "a colleague's notification silences nobody else's");

    // What Leo's own book had notified moves in with it, still notified for him.
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let noor = noor(&mut store, "noor@example.com", &[]);
    store.mark_notified("a-reason-of-noors", &noor, now()).unwrap();
    let own = rapport_core::model::Book::new(Profile::default(), store.export_book().unwrap().customers);
    let mut leo = leo;
    leo.import_book(&own, now()).unwrap();
    assert!(leo.was_notified("a-reason-of-noors").unwrap());
    assert!(!dana.was_notified("a-reason-of-noors").unwrap());
}

#[test]
fn a_mistake_is_corrected_by_who_entered_it_who_looks_after_the_customer_or_a_manager() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(person("Leo", Role::Salesperson), now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let mut leo = sign_in(&url, "Leo");
    let rita = rita(&mut dana);
    let tom = leo
        .add_customer_with(NewCustomer { name: "Tom Becker".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap()
        .id;
    // Leo logs a call on Dana's customer (anyone may reach anyone's customer through the Guard).
    let (leos_call, _) =
        leo.log_contact_heard(&rita, call("Asked about the loaner"), Default::default(), now()).unwrap();
    let danas_fact = dana.add_fact(&rita, fact("Coaches her daughter's soccer team"), now()).unwrap();
    let toms_fact = leo.add_fact(&tom, fact("Drives for a living"), now()).unwrap();

    use rapport_core::store::Record;
    let refused = dana.remove(Record::Fact, &toms_fact.id, now());
    assert!(matches!(refused, Err(Error::NotAllowed(_))), "Tom is Leo's: {refused:?}");
    assert!(matches!(dana.add_tag(&tom, "vip", now()), Err(Error::NotAllowed(_))));
    let refused = leo.remove(Record::Fact, &danas_fact.id, now());
    assert!(matches!(refused, Err(Error::NotAllowed(_))), "Rita's record is Dana's to correct: {refused:?}");
    // Leo's own call on Rita is his to correct; Dana looks after Rita, so it is hers too.
    let fix =
        rapport_core::store::InteractionFix { at: None, summary: Some("Asked about the loaner for Friday".into()) };
    leo.correct_interaction(&leos_call.id, fix, now()).unwrap();
    dana.remove(Record::Interaction, &leos_call.id, now()).unwrap();
    // The manager corrects anyone's.
    maria.remove(Record::Fact, &toms_fact.id, now()).unwrap();
    assert!(maria.customer_record(&tom).unwrap().facts.is_empty());
    assert_eq!(maria.customer_record(&rita).unwrap().facts.len(), 1, "nothing else went");
}

/// The dealership book's agenda reads only the customers who may have a reason (one question to the server), and
/// finds every reason the engine finds over every record: a generated book — promises, issues, services, warranties,
/// personal dates, playbook tags, statements that hold reasons back — moved in whole, its agenda compared with one's
/// own book's on days across a year and windows from a day to a quarter.
#[test]
fn the_agenda_reads_only_candidates_and_finds_every_reason() {
    let Some((_, mut maria)) = dealership() else { return };
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    rapport_core::sample::fill(&mut store, 400, now()).unwrap();
    // What the generated book has none of: reminders of one's own, and a playbook whose tag offers something.
    let some: Vec<String> = store
        .list_customers(&ListQuery { limit: Some(6), ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    for (k, id) in some.iter().enumerate() {
        let reminder = NewReminder {
            value: format!("Ask about the boat, {k}"),
            due_on: now().date_naive() + Duration::days(10 * k as i64),
            channel: None,
        };
        store.add_reminder(id, reminder, now()).unwrap();
    }
    // Birthdays across the year, so a window of a year or more must find them all.
    for (id, day) in some.iter().zip(["1985-01-15", "1979-03-10", "1990-06-20", "1988-09-05", "1992-11-30"]) {
        let birthday = NewFact { date: Some(day.parse().unwrap()), ..fact("Birthday") };
        store.add_fact(id, birthday, now()).unwrap();
    }
    store.add_tag(&some[0], "Collector").unwrap();
    let offer = Playbook {
        tag: "Collector".into(),
        never_topics: vec![],
        offer: vec!["First look at trade-ins of classics".into()],
        script: String::new(),
    };
    rapport_core::Book::save_playbook(&mut store, offer).unwrap();
    let book = store.export_book().unwrap();
    maria.import_book(&book, now()).unwrap();
    let ids = |a: &rapport_core::reasons::Agenda| {
        let mut r: Vec<String> = a.reasons.iter().map(|r| r.id.clone()).collect();
        let mut h: Vec<String> = a.held_back.iter().map(|h| h.reason.id.clone()).collect();
        r.sort();
        h.sort();
        (r, h)
    };
    // The engine over every whole record is what both books' agendas must equal.
    let whole = maria.export_book().unwrap();
    let mut compared = 0;
    for later in [0, 3, 45, 130, 240, 365] {
        for days in [0, 7, 30, 90, 365, 400] {
            let at = now() + Duration::days(later);
            let snapshot = rapport_core::reasons::Snapshot {
                customers: &whole.customers,
                profile: &whole.profile,
                playbooks: &whole.playbooks,
            };
            let engine = ids(&rapport_core::reasons::agenda(&snapshot, at, days));
            let shared = ids(&maria.agenda(at, days).unwrap());
            assert_eq!(shared, engine, "{days}-day agenda {later} days on, against the engine");
            assert_eq!(ids(&store.agenda(at, days).unwrap()), engine, "one's own book, {days} days {later} days on");
            compared += engine.0.len() + engine.1.len();
        }
    }
    assert!(compared > 1_000, "the book gives the agenda much to find: {compared}");
}

#[test]
fn a_salesperson_takes_out_their_own_customers_and_only_a_manager_sets_the_dealerships_rules() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    maria.add_user(person("Leo", Role::Salesperson), now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let mut leo = sign_in(&url, "Leo");
    // Dana moves her own book in: its customers come, her personal settings do not become everyone's.
    let mut own = rapport_core::model::Book::new(
        Profile { dealership: "Dana's own".into(), min_days_between: 3, ..Profile::default() },
        vec![],
    );
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    rita(&mut store);
    own.customers = store.export_book().unwrap().customers;
    let moved = dana.import_book(&own, now()).unwrap();
    assert_eq!(moved.customers, 1);
    assert!(!moved.profile_imported, "a salesperson does not set the dealership's rules");
    assert_ne!(leo.profile().unwrap().min_days_between, 3);
    leo.add_customer_with(NewCustomer { name: "Tom Becker".into(), ..Default::default() }, vec![], vec![], now())
        .unwrap();

    let names = |b: &rapport_core::model::Book| b.customers.iter().map(|c| c.customer.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&dana.export_book().unwrap()), ["Rita Kowalski"], "Dana takes out her own");
    assert_eq!(names(&maria.export_book().unwrap()), ["Rita Kowalski", "Tom Becker"], "the manager, the book");
    let too_far = dana.agenda(now(), 4_000_000_000);
    assert!(matches!(too_far, Err(Error::InvalidInput { .. })), "{too_far:?}");
}

#[test]
fn two_people_editing_one_customer_never_overwrite_each_other_unseen() {
    let Some((url, mut maria)) = dealership() else { return };
    maria.add_user(person("Dana", Role::Salesperson), now()).unwrap();
    let mut dana = sign_in(&url, "Dana");
    let rita = rita(&mut dana);
    let (seen_by_dana, dana_version) = dana.customer_at(&rita).unwrap();
    let (seen_by_maria, maria_version) = maria.customer_at(&rita).unwrap();
    assert_eq!(dana_version, maria_version);

    let as_edit = |c: &Customer, company: &str| NewCustomer {
        name: c.name.clone(),
        preferred_name: c.preferred_name.clone(),
        time_zone: c.time_zone.clone(),
        how_we_met: c.how_we_met.clone(),
        company: Some(company.into()),
        household: c.household.clone(),
    };
    maria.edit_customer(&rita, as_edit(&seen_by_maria, "Kowalski & Sons"), maria_version, now()).unwrap();
    let late = dana.edit_customer(&rita, as_edit(&seen_by_dana, "Kowalski Heating"), dana_version, now());
    let Err(Error::Changed { by, .. }) = &late else { panic!("Dana's edit overwrote Maria's: {late:?}") };
    assert_eq!(by, "Maria");
    assert!(late.unwrap_err().to_string().contains("nothing was overwritten"));
    assert_eq!(dana.customer_record(&rita).unwrap().customer.company.as_deref(), Some("Kowalski & Sons"));

    // Read again, Dana's edit goes through.
    let (fresh, version) = dana.customer_at(&rita).unwrap();
    dana.edit_customer(&rita, as_edit(&fresh, "Kowalski Heating"), version, now()).unwrap();
    assert_eq!(maria.customer_record(&rita).unwrap().customer.company.as_deref(), Some("Kowalski Heating"));
}

#[test]
fn ten_people_writing_at_once_lose_nothing() {
    let Some((url, mut maria)) = dealership() else { return };
    let names: Vec<String> = (0..10).map(|i| format!("Seller{i}")).collect();
    for n in &names {
        maria.add_user(person(n, Role::Salesperson), now()).unwrap();
    }
    let rita = rita(&mut maria);
    const EACH: usize = 20;
    std::thread::scope(|s| {
        for n in &names {
            let (url, rita) = (url.clone(), rita.clone());
            s.spawn(move || {
                let mut me = sign_in(&url, n);
                for i in 0..EACH {
                    // Every writer adds to the same customer: rows of their own, and facts in her record.
                    let inbound = NewInteraction { direction: Direction::Inbound, ..call(&format!("{n} call {i}")) };
                    let heard = HeardToRecord { facts: vec![fact(&format!("{n} fact {i}"))], ..Default::default() };
                    me.log_contact_heard(&rita, inbound, heard, now()).unwrap();
                }
            });
        }
    });
    let rec = maria.customer_record(&rita).unwrap();
    assert_eq!(rec.interactions.len(), names.len() * EACH);
    assert_eq!(rec.facts.len(), names.len() * EACH, "no fact was lost to another writer's");
    for n in &names {
        assert_eq!(rec.facts.iter().filter(|f| f.text.starts_with(&format!("{n} "))).count(), EACH);
    }
}

#[test]
fn a_server_that_goes_away_is_said_plainly_and_the_book_recovers_when_it_returns() {
    let Some((url, mut maria)) = dealership() else { return };
    let rita = rita(&mut maria);
    // The server ends this connection (as a restart or a dropped network does).
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'rapport' AND datname = current_database()",
            &[],
        )
        .unwrap();
    let lost = maria.record_statement(
        &rita,
        NewStatement {
            words: "Email only".into(),
            means: Meaning::PreferChannel { channel: Channel::Email },
            said_at: None,
            source_interaction_id: None,
        },
        now(),
    );
    let Err(e) = &lost else { panic!("a write on a lost connection succeeded") };
    assert!(matches!(e, Error::Unreachable(_)), "{e:?}");
    assert!(e.to_string().contains("nothing was saved"), "{e}");
    assert!(!e.to_string().contains("postgres://"), "the address is not in the message: {e}");
    let written: i64 = admin.query_one("SELECT count(*) FROM statements", &[]).unwrap().get(0);
    assert_eq!(written, 0, "nothing half-written");
    // The next call connects again.
    said(&mut maria, &rita, "Email only", Meaning::PreferChannel { channel: Channel::Email });
    assert_eq!(maria.customer_record(&rita).unwrap().preferences.len(), 1);
}

#[test]
fn a_newer_schema_or_another_programs_database_is_refused_untouched() {
    let Some((url, maria)) = dealership() else { return };
    drop(maria);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let newer = rapport_core::dealership::schema_version() as i32 + 1;
    admin.execute("UPDATE rapport_schema SET version = $1", &[&newer]).unwrap();
    let refused = DealershipBook::open(&url, "maria@dealer.example", "Maria's long password");
    assert!(matches!(refused, Err(Error::NewerDatabase { .. })), "{refused:?}");
    let still: i32 = admin.query_one("SELECT version FROM rapport_schema", &[]).unwrap().get(0);
    assert_eq!(still, newer);

    let Some(other) = fresh_database() else { return };
    let mut theirs = postgres::Client::connect(&other, postgres::NoTls).unwrap();
    theirs.batch_execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)").unwrap();
    let refused = DealershipBook::start(&other, person("Maria", Role::Manager), now());
    assert!(matches!(refused, Err(Error::BadFile(_))), "{refused:?}");
    let tables: i64 =
        theirs.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(tables, 1, "nothing of Rapport's was written into it");
}

#[test]
fn the_server_is_reached_over_tls_with_its_certificate_checked() {
    let Some(url) = fresh_database() else { return };
    let Some(ca) = std::env::var("RAPPORT_TEST_POSTGRES_CA").ok().filter(|c| !c.is_empty()) else {
        eprintln!("skipped: the throwaway cluster offers no TLS (RAPPORT_TEST_POSTGRES_CA is not set)");
        return;
    };
    // The certificate is for "localhost": reach the server by that name, asking for TLS.
    let (who, rest) = url.split_once("@127.0.0.1:").expect("the cluster's address is on 127.0.0.1");
    let by_name = format!("{who}@localhost:{rest}?sslmode=require");

    // Without the dealership's certificate, this machine does not trust the server: nothing is sent.
    let untrusted = DealershipBook::start(&by_name, person("Maria", Role::Manager), now());
    let Err(e) = &untrusted else { panic!("a server with an untrusted certificate was used") };
    assert!(e.to_string().contains("certificate"), "{e}");

    // With it, the book works over TLS.
    let trusted = format!("{by_name}&sslrootcert={ca}");
    let mut maria =
        DealershipBook::start(&trusted, person("Maria", Role::Manager), now()).expect("TLS with the certificate");
    rita(&mut maria);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let over_tls: bool = admin
        .query_one(
            "SELECT bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'rapport' AND a.datname = current_database()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(over_tls, "Rapport's connection is encrypted");

    // A name the certificate is not for is refused, even with the certificate.
    let wrong_name = trusted.replace("@localhost:", "@127.0.0.1:");
    let refused = DealershipBook::open(&wrong_name, "maria@dealer.example", "Maria's long password");
    assert!(matches!(&refused, Err(e) if e.to_string().contains("certificate")), "{refused:?}");
}

#[test]
fn the_guard_reads_the_same_words_on_both_books() {
    let Some((_, mut shared)) = dealership() else { return };
    let dir = tempfile::TempDir::new().unwrap();
    let mut own = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let books: [&mut dyn Book; 2] = [&mut own, &mut shared];
    let mut decisions = Vec::new();
    for book in books {
        let rita = rita(book);
        said(
            book,
            &rita,
            "Only between 10 and 4, please",
            Meaning::ContactHours { start: "10:00:00".parse().unwrap(), end: "16:00:00".parse().unwrap() },
        );
        said(book, &rita, "No more warranty pitches", Meaning::DeclineTopic { topic: "extended-warranty".into() });
        let outreach = Outreach {
            channel: Channel::Phone,
            at: "2026-11-23T15:30:00Z".parse().unwrap(),
            topic: None,
            text: Some("Hi Rita, want to protect the truck with our platinum coverage plan?".into()),
            reason: None,
            purpose: Purpose::Proactive,
            in_thank_you: false,
        };
        let d = book.check(&rita, &outreach).unwrap();
        decisions.push((d.decision, d.reasons.iter().map(|r| (r.rule.as_str(), r.quote.clone())).collect::<Vec<_>>()));
    }
    assert_eq!(decisions[0], decisions[1]);
    assert!(!decisions[0].1.is_empty(), "the Guard found something to say: {decisions:?}");
}

fn fact(text: &str) -> NewFact {
    NewFact { text: text.into(), learned_on: None, source: None, date: None }
}
