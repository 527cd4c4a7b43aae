//! The reminder engine over a real book, with `now` moving forward: reasons appear, escalate and go away as a
//! salesperson would expect, and every one of them goes through the Guard.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::model::*;
use rapport_core::reasons::{self, Agenda, Group, ReasonKind, Snapshot};
use rapport_core::Book as _;
use rapport_core::Store;
use tempfile::TempDir;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Monday 2 November 2026, 10:00 in Chicago, where the salesperson works 8:30–17:30 Monday to Saturday.
const MONDAY: &str = "2026-11-02T16:00:00Z";

struct Book {
    _dir: TempDir,
    store: Store,
}

fn book() -> Book {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let profile = Profile {
        name: "Dana".into(),
        time_zone: "America/Chicago".into(),
        work_start: chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
        work_days: vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
            chrono::Weekday::Sat,
        ],
        ..Profile::default()
    };
    store.save_profile(profile).unwrap();
    Book { _dir: dir, store }
}

impl Book {
    fn customer(&mut self, name: &str, tz: &str) -> String {
        self.store
            .add_customer(
                NewCustomer { name: name.into(), time_zone: Some(tz.into()), ..Default::default() },
                t("2026-01-05T15:00:00Z"),
            )
            .unwrap()
            .id
    }

    fn say(&mut self, id: &str, words: &str, means: Meaning) {
        let s = NewStatement {
            words: words.into(),
            means,
            said_at: Some(t("2026-06-01T15:00:00Z")),
            source_interaction_id: None,
        };
        self.store.record_statement(id, s, t("2026-06-01T15:00:00Z")).unwrap();
    }

    fn agenda(&self, now: &str, days: u32) -> Agenda {
        self.store.agenda(t(now), days).unwrap()
    }
}

fn kinds_for(a: &Agenda, customer: &str) -> Vec<ReasonKind> {
    a.reasons.iter().filter(|r| r.customer_id == customer).map(|r| r.kind).collect()
}

#[test]
fn a_promise_appears_escalates_when_overdue_and_goes_when_kept() {
    let mut b = book();
    let priya = b.customer("Priya Raman", "America/Chicago");
    let other = b.customer("Ann Berger", "America/Chicago");
    let lease = NewPurchase {
        purchased_on: Some(d("2026-11-01")),
        description: "2027 Ford Escape".into(),
        vehicle: None,
        features: vec![],
        ownership: Ownership::Lease,
        term_ends_on: Some(d("2029-11-01")),
        warranty_ends_on: None,
        warranty_terms: None,
        included_services: vec![],
        deliverables: vec![NewDeliverable { what: "License plates".into(), due_on: Some(d("2026-11-20")) }],
    };
    b.store.add_purchase(&priya, lease, t(MONDAY)).unwrap();
    let plates = b
        .store
        .add_promise(
            &priya,
            NewPromise { what: "Bring her license plates".into(), due_on: d("2026-11-20"), made_on: None },
            t(MONDAY),
        )
        .unwrap();
    b.store
        .add_promise(
            &other,
            NewPromise { what: "Send the brochure".into(), due_on: d("2026-11-25"), made_on: None },
            t(MONDAY),
        )
        .unwrap();

    // Eighteen days ahead: not yet on a week's agenda, on a month's.
    assert!(kinds_for(&b.agenda(MONDAY, 7), &priya).is_empty());
    assert_eq!(kinds_for(&b.agenda(MONDAY, 30), &priya), vec![ReasonKind::PromiseDue]);

    // Four days late: overdue, first in Waiting on you, and it says so.
    let late = b.agenda("2026-11-24T16:00:00Z", 7);
    let r = &late.reasons[0];
    assert_eq!(
        (r.customer_id.as_str(), r.kind, r.group, r.overdue_days),
        (priya.as_str(), ReasonKind::PromiseDue, Group::WaitingOnYou, 4)
    );
    assert!(r.value.starts_with("4 days late"), "{}", r.value);
    let later = b.agenda("2026-11-27T16:00:00Z", 7);
    assert_eq!(later.reasons[0].overdue_days, 7, "it escalates while it waits");

    // The promise covers the plates still owed: one reason, not two.
    assert_eq!(kinds_for(&later, &priya), vec![ReasonKind::PromiseDue]);

    // Kept: gone for good, and the plates count as delivered.
    b.store.keep_promise(&plates.id, t("2026-11-27T18:00:00Z")).unwrap();
    assert!(kinds_for(&b.agenda("2026-11-28T16:00:00Z", 30), &priya).is_empty());
    let rec = b.store.customer_record(&priya).unwrap();
    let owed = &rec.purchases[0].deliverables[0];
    assert_eq!(owed.delivered_on, Some(d("2026-11-27")));
}

#[test]
fn an_issue_asks_for_updates_then_for_telling_them_it_is_done() {
    let mut b = book();
    let keisha = b.customer("Keisha Thompson", "America/Chicago");
    let issue = b
        .store
        .open_issue(
            &keisha,
            NewIssue {
                title: "Rattle in the dashboard".into(),
                opened_on: None,
                next_update_on: Some(d("2026-11-04")),
            },
            t(MONDAY),
        )
        .unwrap();
    let a = b.agenda(MONDAY, 7);
    assert_eq!(kinds_for(&a, &keisha), vec![ReasonKind::IssueUpdate]);

    // An update given, the next one set: the reason moves to the new date.
    b.store
        .update_issue(&issue.id, "Part ordered from Subaru", Some(d("2026-11-12")), t("2026-11-04T16:00:00Z"))
        .unwrap();
    assert!(kinds_for(&b.agenda("2026-11-05T16:00:00Z", 3), &keisha).is_empty());
    assert_eq!(kinds_for(&b.agenda("2026-11-05T16:00:00Z", 7), &keisha), vec![ReasonKind::IssueUpdate]);

    // Resolved: now the reason is to tell her it's done …
    b.store.resolve_issue(&issue.id, "Replaced the dash clip", t("2026-11-10T16:00:00Z")).unwrap();
    let a = b.agenda("2026-11-10T17:00:00Z", 7);
    assert_eq!(kinds_for(&a, &keisha), vec![ReasonKind::IssueResolved]);
    assert!(a.reasons[0].value.contains("tell Keisha it's done"));

    // … and once she has been told, nothing is left.
    let call = NewInteraction {
        at: Some(t("2026-11-10T18:00:00Z")),
        channel: Channel::Phone,
        direction: Direction::Outbound,
        summary: "Told her the rattle is fixed".into(),
        quotes: vec![],
        sentiment: Some(Sentiment::Positive),
        reason: Some("Her rattle is fixed".into()),
        topic: None,
        asked_for: None,
        justification: None,
        purpose: Some(Purpose::Waiting),
    };
    b.store.log_contact(&keisha, call, t("2026-11-10T18:00:00Z")).unwrap();
    assert!(kinds_for(&b.agenda("2026-11-11T16:00:00Z", 30), &keisha).is_empty());
}

#[test]
fn a_do_not_contact_customer_has_every_reason_held_back_with_their_words() {
    let mut b = book();
    let diane = b.customer("Diane Kowalski", "America/Chicago");
    let purchase = NewPurchase {
        purchased_on: Some(d("2026-05-02")),
        description: "2026 Subaru Forester Premium".into(),
        vehicle: None,
        features: vec![],
        ownership: Ownership::Lease,
        term_ends_on: Some(d("2027-01-15")),
        warranty_ends_on: Some(d("2026-12-20")),
        warranty_terms: None,
        included_services: vec![NewIncludedService { name: "Oil change".into(), every_months: 6, total: 3, used: 0 }],
        deliverables: vec![NewDeliverable { what: "Second key".into(), due_on: Some(d("2026-11-05")) }],
    };
    b.store.add_purchase(&diane, purchase, t("2026-05-02T16:00:00Z")).unwrap();
    b.store
        .add_promise(
            &diane,
            NewPromise { what: "Mail the title".into(), due_on: d("2026-11-06"), made_on: None },
            t(MONDAY),
        )
        .unwrap();
    let before = b.agenda(MONDAY, 30);
    assert!(kinds_for(&before, &diane).len() >= 4, "she has real reasons: {:?}", kinds_for(&before, &diane));

    b.say(&diane, "Please remove me from your list. I'll call you if I need anything.", Meaning::DoNotContact);
    let after = b.agenda(MONDAY, 30);
    assert!(kinds_for(&after, &diane).is_empty());
    let held: Vec<_> = after.held_back.iter().filter(|h| h.reason.customer_id == diane).collect();
    assert_eq!(held.len(), kinds_for(&before, &diane).len());
    for h in held {
        assert_eq!(h.rule, "do_not_contact");
        assert_eq!(h.quote.as_deref(), Some("Please remove me from your list. I'll call you if I need anything."));
    }
}

#[test]
fn a_buy_and_hold_owner_gets_winterizing_in_autumn_and_never_a_buy_back() {
    let mut b = book();
    let gordon = b.customer("Gordon Pike", "America/Chicago");
    b.store.add_note(&gordon, NewNote::plain("Keeps cars 12 years. #BuyAndHold"), t(MONDAY)).unwrap();
    b.store
        .add_goal(
            &gordon,
            NewGoal { text: "Keep the Outback to 250,000 miles".into(), stated_on: None, source: None },
            t(MONDAY),
        )
        .unwrap();
    b.say(
        &gordon,
        "I keep my cars 12 years, record that, don't ask me to sell it back.",
        Meaning::DeclineTopic { topic: "buy-back".into() },
    );

    let october = b.agenda("2026-10-05T15:00:00Z", 14);
    let winter: Vec<_> =
        october.reasons.iter().filter(|r| r.customer_id == gordon && r.kind == ReasonKind::PlaybookOffer).collect();
    assert!(winter.iter().any(|r| r.value.contains("Winterizing") && r.value.contains("250,000 miles")), "{winter:#?}");
    // Nothing in any season offers to buy the car back.
    for when in ["2026-01-12T16:00:00Z", "2026-04-06T15:00:00Z", "2026-07-06T15:00:00Z", "2026-10-05T15:00:00Z"] {
        let a = b.agenda(when, 60);
        for r in a.reasons.iter().filter(|r| r.customer_id == gordon) {
            assert!(
                rapport_core::language::topics::topics_in(&r.value).iter().all(|t| *t != "buy-back"),
                "{}",
                r.value
            );
        }
    }
    // In spring there is no winterizing.
    let april = b.agenda("2026-04-06T15:00:00Z", 14);
    assert!(!april.reasons.iter().any(|r| r.customer_id == gordon && r.value.contains("Winterizing")));
}

#[test]
fn an_email_only_customers_reasons_suggest_email_in_their_own_hours() {
    let mut b = book();
    let naomi = b.customer("Naomi Feldman", "America/Los_Angeles");
    b.say(&naomi, "Email only please — I travel most weeks.", Meaning::PreferChannel { channel: Channel::Email });
    b.say(&naomi, "Email only please — I travel most weeks.", Meaning::DeclineChannel { channel: Channel::Phone });
    b.store
        .add_promise(
            &naomi,
            NewPromise { what: "Send the Solterra range figures".into(), due_on: d("2026-11-03"), made_on: None },
            t(MONDAY),
        )
        .unwrap();
    let purchase = NewPurchase {
        purchased_on: Some(d("2026-05-20")),
        description: "2026 Subaru Solterra".into(),
        vehicle: None,
        features: vec![],
        ownership: Ownership::Cash,
        term_ends_on: None,
        warranty_ends_on: None,
        warranty_terms: None,
        included_services: vec![NewIncludedService {
            name: "Tire rotation".into(),
            every_months: 6,
            total: 2,
            used: 0,
        }],
        deliverables: vec![],
    };
    b.store.add_purchase(&naomi, purchase, t("2026-05-20T16:00:00Z")).unwrap();
    let a = b.agenda(MONDAY, 30);
    let hers: Vec<_> = a.reasons.iter().filter(|r| r.customer_id == naomi).collect();
    assert_eq!(hers.len(), 2, "{hers:#?}");
    for r in hers {
        assert_eq!(r.channel, Channel::Email, "{}", r.value);
        assert!(r.window.their_time.ends_with("their time") && r.window.your_time.ends_with("yours"));
    }
}

#[test]
fn calls_are_suggested_inside_the_customers_hours_and_the_salespersons() {
    let mut b = book();
    let rosa = b.customer("Rosa Delgado", "America/Denver");
    b.say(
        &rosa,
        "Only call after 6pm, I'm a nurse on day shifts.",
        Meaning::ContactHours {
            start: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end: chrono::NaiveTime::from_hms_opt(20, 30, 0).unwrap(),
        },
    );
    b.store
        .add_promise(
            &rosa,
            NewPromise {
                what: "Call with the trade-in-free lease numbers".into(),
                due_on: d("2026-11-02"),
                made_on: None,
            },
            t(MONDAY),
        )
        .unwrap();
    let a = b.agenda(MONDAY, 7);
    let r = a.reasons.iter().find(|r| r.customer_id == rosa).expect("her promise");
    // 18:00 in Denver is 19:00 in Chicago — after Dana's day: the only window is outside her hours, and it says so.
    assert_eq!(r.channel, Channel::Phone);
    assert!(r.window.their_time.contains("18:00"), "{:?}", r.window);
    assert!(r.window.outside_your_hours);
    let local = r.window.start.with_timezone(&chrono_tz::America::Denver);
    assert!(local.format("%H:%M").to_string().as_str() >= "18:00");
}

#[test]
fn done_dismissed_and_snoozed_reasons_stay_away_until_their_time() {
    let mut b = book();
    let ann = b.customer("Ann Berger", "America/Chicago");
    let bo = b.customer("Bo Lindqvist", "America/Chicago");
    let cy = b.customer("Cy Young", "America/Chicago");
    for (who, what) in [(&ann, "Bring the floor mats"), (&bo, "Send the winter tire quote"), (&cy, "Book the detail")] {
        b.store
            .add_promise(who, NewPromise { what: what.into(), due_on: d("2026-11-04"), made_on: None }, t(MONDAY))
            .unwrap();
    }
    let a = b.agenda(MONDAY, 7);
    let id_of = |who: &str| a.reasons.iter().find(|r| r.customer_id == who).unwrap().id.clone();
    let now = t(MONDAY);
    b.store.set_reason_state(&id_of(&ann), &ann, ReasonStateKind::Done, None, None, now).unwrap();
    assert!(
        b.store.set_reason_state(&id_of(&bo), &bo, ReasonStateKind::Dismissed, None, None, now).is_err(),
        "a dismissal says why"
    );
    b.store
        .set_reason_state(
            &id_of(&bo),
            &bo,
            ReasonStateKind::Dismissed,
            None,
            Some("He bought tires elsewhere".into()),
            now,
        )
        .unwrap();
    b.store
        .set_reason_state(
            &id_of(&cy),
            &cy,
            ReasonStateKind::Snoozed,
            Some(d("2026-11-09")),
            Some("Back from vacation on the 9th".into()),
            now,
        )
        .unwrap();

    for day in ["2026-11-03T16:00:00Z", "2026-11-08T16:00:00Z"] {
        let a = b.agenda(day, 7);
        assert!(a.reasons.iter().all(|r| r.customer_id != ann && r.customer_id != bo && r.customer_id != cy), "{day}");
    }
    let back = b.agenda("2026-11-09T16:00:00Z", 7);
    assert_eq!(back.reasons.iter().filter(|r| r.customer_id == cy).count(), 1, "the snooze is over");
    assert!(
        back.reasons.iter().all(|r| r.customer_id != ann && r.customer_id != bo),
        "done and dismissed do not come back"
    );
}

#[test]
fn purchases_bring_services_on_schedule_warranty_and_lease_ends_in_time() {
    let mut b = book();
    let al = b.customer("Al Moreno", "America/Chicago");
    let purchase = NewPurchase {
        purchased_on: Some(d("2026-05-15")),
        description: "2026 Ford Maverick XLT".into(),
        vehicle: None,
        features: vec![],
        ownership: Ownership::Lease,
        term_ends_on: Some(d("2027-01-31")),
        warranty_ends_on: Some(d("2026-12-31")),
        warranty_terms: None,
        included_services: vec![NewIncludedService { name: "Oil change".into(), every_months: 6, total: 3, used: 0 }],
        deliverables: vec![],
    };
    b.store.add_purchase(&al, purchase, t("2026-05-15T16:00:00Z")).unwrap();
    // 2 November: the first oil change (15 Nov) is within two weeks, the warranty (31 Dec) within 60 days,
    // the lease (31 Jan) within 90 days.
    let a = b.agenda(MONDAY, 0);
    let mut kinds = kinds_for(&a, &al);
    kinds.sort();
    assert_eq!(kinds, vec![ReasonKind::ServiceDue, ReasonKind::WarrantyEnding, ReasonKind::TermEnding]);
    let service = a.reasons.iter().find(|r| r.kind == ReasonKind::ServiceDue).unwrap();
    assert_eq!(service.due, d("2026-11-15"));
    assert!(service.value.contains("1 of 3"));
    // In September none of it is due yet.
    assert!(kinds_for(&b.agenda("2026-09-01T15:00:00Z", 0), &al).is_empty());
    // The first one was never had and has lapsed; the second comes around in May.
    assert!(kinds_for(&b.agenda("2027-05-03T15:00:00Z", 14), &al).contains(&ReasonKind::ServiceDue));
}

#[test]
fn personal_dates_requests_referral_moments_and_own_reminders() {
    let mut b = book();
    let pat = b.customer("Patrick O'Neill", "America/Chicago");
    b.store
        .add_fact(
            &pat,
            NewFact {
                text: "Daughter Caitlin's wedding at Cantigny Park".into(),
                learned_on: None,
                source: None,
                date: Some(d("2026-11-21")),
            },
            t(MONDAY),
        )
        .unwrap();
    b.store
        .add_fact(
            &pat,
            NewFact { text: "His birthday".into(), learned_on: None, source: None, date: Some(d("1968-11-12")) },
            t(MONDAY),
        )
        .unwrap();
    let inbound = |summary: &str, sentiment, asked: Option<&str>, at: &str| NewInteraction {
        at: Some(t(at)),
        channel: Channel::Email,
        direction: Direction::Inbound,
        summary: summary.into(),
        quotes: vec![],
        sentiment,
        reason: None,
        topic: None,
        asked_for: asked.map(Into::into),
        justification: None,
        purpose: None,
    };
    b.store
        .log_contact(
            &pat,
            inbound(
                "Asked about towing",
                None,
                Some("the towing capacity with the tow package"),
                "2026-10-30T15:00:00Z",
            ),
            t(MONDAY),
        )
        .unwrap();
    b.store
        .log_contact(
            &pat,
            inbound("Loved the delivery", Some(Sentiment::Positive), None, "2026-10-31T15:00:00Z"),
            t(MONDAY),
        )
        .unwrap();

    let a = b.agenda(MONDAY, 7);
    let mut kinds = kinds_for(&a, &pat);
    kinds.sort();
    assert_eq!(
        kinds,
        vec![ReasonKind::InfoRequested, ReasonKind::PersonalDate, ReasonKind::PersonalDate, ReasonKind::ReferralMoment]
    );
    let birthday = a.reasons.iter().find(|r| r.value.contains("birthday")).unwrap();
    assert!(birthday.value.contains("Thu 12 Nov"), "the next birthday, this year: {}", birthday.value);
    assert_eq!(birthday.channel, Channel::Mail, "a card");

    // Three weeks after the praise, the referral moment is gone.
    assert!(!kinds_for(&b.agenda("2026-11-23T16:00:00Z", 7), &pat).contains(&ReasonKind::ReferralMoment));

    // A reminder of one's own needs a value for the customer.
    let empty = b.store.add_reminder(
        &pat,
        NewReminder { value: "Just checking in".into(), due_on: d("2026-11-05"), channel: None },
        t(MONDAY),
    );
    assert!(empty.unwrap_err().to_string().contains("What will the customer gain"));
    b.store
        .add_reminder(
            &pat,
            NewReminder {
                value: "His winter tires arrived: book the swap before the first snow".into(),
                due_on: d("2026-11-05"),
                channel: None,
            },
            t(MONDAY),
        )
        .unwrap();
    assert!(kinds_for(&b.agenda(MONDAY, 7), &pat).contains(&ReasonKind::Reminder));
}

/// The agenda of `store` at `now` is the engine's over every customer's whole record.
fn agrees_with_whole_records(store: &Store, now: DateTime<Utc>, days: u32) -> Agenda {
    let ids: Vec<String> = rusqlite::Connection::open(store.path())
        .unwrap()
        .prepare("SELECT id FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let whole: Vec<CustomerRecord> = ids.iter().map(|id| store.customer_record(id).unwrap()).collect();
    let (profile, playbooks) = (store.profile().unwrap(), store.playbooks().unwrap());
    let snapshot = Snapshot { customers: &whole, profile: &profile, playbooks: &playbooks };
    let read = store.agenda(now, days).unwrap();
    let expected = reasons::agenda(&snapshot, now, days);
    // The first difference, not two agendas of a thousand reasons each.
    let ids = |a: &Agenda| -> Vec<String> {
        a.reasons
            .iter()
            .map(|r| r.id.clone())
            .chain(a.held_back.iter().map(|h| format!("held {}", h.reason.id)))
            .collect()
    };
    assert_eq!(ids(&read), ids(&expected), "the agenda of {now} for {days} days: the same reasons");
    for (r, e) in read.reasons.iter().zip(&expected.reasons) {
        assert_eq!(r, e, "the agenda of {now} for {days} days");
    }
    for (r, e) in read.held_back.iter().zip(&expected.held_back) {
        assert_eq!(r, e, "the agenda of {now} for {days} days");
    }
    read
}

/// Today reads only part of each customer's record (the customers who can have a reason; of their interactions,
/// the engine's look-back), kept ready in one row per customer, and a big book on two connections at once. Its
/// reasons must be exactly those of the whole records, on any day, and after any change.
#[test]
fn the_agenda_of_a_big_book_is_the_agenda_of_its_whole_records() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let made = t("2026-11-23T16:00:00Z");
    rapport_core::sample::fill(&mut store, 2_000, made).unwrap();
    // Made from the tables, then read ready; later days; a day before the rows were made (they reach back too
    // little and are made again).
    for (now, days) in [(made, 30), (made, 30), (made + Duration::days(40), 7), (made + Duration::days(200), 90)] {
        let a = agrees_with_whole_records(&store, now, days);
        assert!(a.reasons.len() > 200 && !a.held_back.is_empty(), "a book this size has a full agenda");
    }
    agrees_with_whole_records(&store, made - Duration::days(60), 30);

    // Every kind of change reaches the agenda at once (each on another customer, so each is seen on its own).
    let a = store.agenda(made, 30).unwrap();
    let mut used: Vec<String> = Vec::new();
    let mut with = |kind: ReasonKind| {
        let r = a.reasons.iter().find(|r| r.kind == kind && !used.contains(&r.customer_id)).unwrap().clone();
        used.push(r.customer_id.clone());
        r
    };
    let (promise, dated, praised) =
        (with(ReasonKind::PromiseDue), with(ReasonKind::ServiceDue), with(ReasonKind::ServiceDue));
    let (offer, warranty) = (with(ReasonKind::PlaybookOffer), with(ReasonKind::WarrantyEnding));
    store.keep_promise(&promise.sources[0].id, made).unwrap();
    let birthday = NewFact {
        text: "Her birthday".into(),
        learned_on: Some(d("2026-11-20")),
        source: None,
        date: Some(d("1980-12-01")),
    };
    store.add_fact(&dated.customer_id, birthday, made).unwrap();
    let praise = NewInteraction {
        at: Some(made - Duration::hours(2)),
        channel: Channel::Phone,
        direction: Direction::Inbound,
        summary: "Loves the car".into(),
        quotes: vec!["Best purchase I ever made".into()],
        sentiment: Some(Sentiment::Positive),
        reason: None,
        topic: None,
        asked_for: None,
        justification: None,
        purpose: None,
    };
    store.log_interaction(&praised.customer_id, praise, made).unwrap();
    let stop = NewStatement {
        words: "Please take me off your list".into(),
        means: Meaning::DoNotContact,
        said_at: Some(made - Duration::hours(1)),
        source_interaction_id: None,
    };
    store.record_statement(&offer.customer_id, stop, made).unwrap();
    store.set_reason_state(&warranty.id, &warranty.customer_id, ReasonStateKind::Done, None, None, made).unwrap();

    let after = agrees_with_whole_records(&store, made, 30);
    assert!(!after.reasons.iter().any(|r| r.id == promise.id || r.id == warranty.id), "kept and done are gone");
    assert!(after.reasons.iter().any(|r| r.customer_id == dated.customer_id && r.kind == ReasonKind::PersonalDate));
    assert!(after.reasons.iter().any(|r| r.customer_id == praised.customer_id && r.kind == ReasonKind::ReferralMoment));
    assert!(after.held_back.iter().any(|h| h.reason.id == offer.id && h.rule == "do_not_contact"));
}

/// Some look-backs count calendar days (the salesperson's today against the day of a contact); what the store reads
/// must reach as far, in any zone and at any hour: requests and praise on either side of their last day.
#[test]
fn the_agenda_agrees_with_whole_records_at_the_edges_of_its_look_backs() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let base = t("2026-11-23T00:00:00Z");
    let contact = |at: DateTime<Utc>, asked: bool| NewInteraction {
        at: Some(at),
        channel: Channel::Email,
        direction: Direction::Inbound,
        summary: if asked { "Asked about towing".into() } else { "Loves the car".into() },
        quotes: vec![],
        sentiment: if asked { None } else { Some(Sentiment::Positive) },
        reason: None,
        topic: None,
        asked_for: asked.then(|| "the towing capacity".into()),
        justification: None,
        purpose: None,
    };
    for h in (-60..=60).step_by(5) {
        let id = store
            .add_customer(NewCustomer { name: format!("Edge {h}"), ..Default::default() }, base - Duration::days(400))
            .unwrap()
            .id;
        let asked = base - Duration::days(reasons::LOOK_BACK_DAYS) + Duration::hours(h);
        store.log_interaction(&id, contact(asked, true), asked).unwrap();
        let praised = base - Duration::days(14) + Duration::hours(h);
        store.log_interaction(&id, contact(praised, false), praised).unwrap();
    }
    for zone in ["Pacific/Honolulu", "UTC", "Pacific/Kiritimati"] {
        store.save_profile(Profile { name: "Dana".into(), time_zone: zone.into(), ..Profile::default() }).unwrap();
        for hour in [0, 5, 11, 17, 23] {
            let a = agrees_with_whole_records(&store, base + Duration::hours(hour), 7);
            assert!(a
                .reasons
                .iter()
                .chain(a.held_back.iter().map(|h| &h.reason))
                .any(|r| r.kind == ReasonKind::InfoRequested));
        }
    }
}

/// While another program writes to the book, Today is still read — its rows of inputs are made another time.
#[test]
fn today_is_read_while_another_program_writes_and_its_inputs_are_kept_later() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let now = t("2026-11-23T16:00:00Z");
    store.load_demo(now).unwrap();
    let other = rusqlite::Connection::open(store.path()).unwrap();
    let kept = || -> i64 { other.query_row("SELECT count(*) FROM agenda_inputs", [], |r| r.get(0)).unwrap() };
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let busy = agrees_with_whole_records(&store, now, 30);
    assert!(!busy.reasons.is_empty());
    other.execute_batch("COMMIT").unwrap();
    assert_eq!(kept(), 0, "nothing kept while the other program held the book");
    assert_eq!(store.agenda(now, 30).unwrap(), busy);
    assert!(kept() > 0, "kept once the book was free");
    store
        .keep_promise(&busy.reasons.iter().find(|r| r.kind == ReasonKind::PromiseDue).unwrap().sources[0].id, now)
        .unwrap();
    agrees_with_whole_records(&store, now, 30);
}

/// A page of Today (issue 14): the window gets the first reasons of each group and the counts of all of them — a big
/// book's month costs it a page, not the book.
#[test]
fn a_page_of_the_agenda_holds_the_first_reasons_of_each_group_and_every_count() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let now = t("2026-11-23T16:00:00Z");
    rapport_core::sample::fill(&mut store, 2_000, now).unwrap();
    let whole = store.agenda(now, 30).unwrap();
    let page = whole.clone().page(|list| if list == "time_sensitive" { 5 } else { 3 });
    for (group, shown) in [("waiting_on_you", 3), ("time_sensitive", 5), ("worth_offering", 3)] {
        let all: Vec<&str> =
            whole.reasons.iter().filter(|r| r.group.as_str() == group).map(|r| r.id.as_str()).collect();
        let got: Vec<&str> = page.reasons.iter().filter(|r| r.group.as_str() == group).map(|r| r.id.as_str()).collect();
        assert!(all.len() > shown, "{group}: a book this size has more than a page ({})", all.len());
        assert_eq!(got, all[..shown], "{group}: the first of the group, in the agenda's order");
        assert_eq!(page.counts[group], all.len(), "{group}: the whole count");
    }
    assert_eq!(page.held_back.len(), 3.min(whole.held_back.len()));
    assert_eq!(page.counts["held_back"], whole.held_back.len());
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(
        json["counts"]["time_sensitive"],
        whole.reasons.iter().filter(|r| r.group.as_str() == "time_sensitive").count()
    );
    // The whole agenda (the command line's) carries no counts.
    assert!(serde_json::to_value(&whole).unwrap().get("counts").is_none());
}

/// Today for a big book (issue 15): the long overdue leave their groups for the review pile, what can be done now
/// comes first in its group, a customer's reasons sit together and a page never splits them, the channel filter
/// narrows every list while the per-channel counts stay whole, and the summary line counts what it says.
#[test]
fn today_on_a_big_book_is_triaged() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let now = t("2026-11-23T16:00:00Z");
    rapport_core::sample::fill(&mut store, 2_000, now).unwrap();
    let whole = store.agenda(now, 30).unwrap();
    let today = reasons::local_today(&store.profile().unwrap(), now);
    let big = reasons::TodayAsk {
        shown: ["waiting_on_you", "time_sensitive", "worth_offering", "review"]
            .iter()
            .map(|l| (l.to_string(), 100_000))
            .collect(),
        channel: None,
    };
    let all = whole.clone().triage(today, &big);
    let review = all.review.clone().unwrap();
    assert!(!review.is_empty(), "a book this size has reasons more than a month late");
    assert!(review.iter().all(|r| r.overdue_days > reasons::REVIEW_AFTER_DAYS));
    assert!(all.reasons.iter().all(|r| r.overdue_days <= reasons::REVIEW_AFTER_DAYS));
    assert_eq!(all.reasons.len() + review.len(), whole.reasons.len(), "nothing is lost");
    let summary = all.summary.unwrap();
    assert_eq!(summary.long_overdue, review.len());
    assert_eq!(summary.due_today, all.reasons.iter().filter(|r| r.due == today).count());
    let open = |r: &reasons::Reason| r.window.start <= now && now < r.window.end;
    assert_eq!(summary.open_now, all.reasons.iter().filter(|r| open(r)).count());
    for g in [Group::WaitingOnYou, Group::TimeSensitive, Group::WorthOffering] {
        let mine: Vec<&reasons::Reason> = all.reasons.iter().filter(|r| r.group == g).collect();
        assert_eq!(all.counts[g.as_str()], mine.len());
        // A customer's reasons are one run.
        let mut seen = std::collections::HashSet::new();
        for (i, r) in mine.iter().enumerate() {
            if i > 0 && mine[i - 1].customer_id != r.customer_id {
                assert!(seen.insert(r.customer_id.clone()), "{g:?}: {} comes back later in the list", r.customer_name);
            } else if i == 0 {
                seen.insert(r.customer_id.clone());
            }
        }
        // What can be done now is before what cannot, customer by customer.
        let first_later = mine.iter().position(|r| !mine.iter().any(|x| x.customer_id == r.customer_id && open(x)));
        if let Some(at) = first_later {
            assert!(mine[at..].iter().all(|r| !open(r)), "{g:?}: a reason open now after one that is not");
        }
    }
    // A page ends at a customer's last reason.
    let page = whole
        .clone()
        .triage(today, &reasons::TodayAsk { shown: [("time_sensitive".to_string(), 7)].into(), channel: None });
    let shown: Vec<&reasons::Reason> = page.reasons.iter().filter(|r| r.group == Group::TimeSensitive).collect();
    assert!(shown.len() >= 7);
    let last = shown.last().unwrap();
    let of_last =
        all.reasons.iter().filter(|r| r.group == Group::TimeSensitive && r.customer_id == last.customer_id).count();
    assert_eq!(shown.iter().filter(|r| r.customer_id == last.customer_id).count(), of_last);
    assert_eq!(page.counts["time_sensitive"], all.counts["time_sensitive"]);
    // The channel filter.
    let by_email = whole.clone().triage(today, &reasons::TodayAsk { channel: Some(Channel::Email), ..big.clone() });
    assert!(!by_email.reasons.is_empty());
    assert!(by_email.reasons.iter().chain(by_email.review.as_ref().unwrap()).all(|r| r.channel == Channel::Email));
    assert!(by_email.held_back.iter().all(|h| h.reason.channel == Channel::Email));
    assert_eq!(by_email.by_channel, all.by_channel, "the filter's counts are the whole agenda's");
    assert_eq!(by_email.by_channel["email"], by_email.reasons.len() + by_email.review.as_ref().unwrap().len());
    assert_eq!(all.by_channel.values().sum::<usize>(), whole.reasons.len());
}

/// The review pile's Snooze and Dismiss: every reason chosen, with one why, or none of them.
#[test]
fn several_reasons_are_set_aside_at_once_or_not_at_all() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let now = t("2026-11-23T16:00:00Z");
    rapport_core::sample::fill(&mut store, 300, now).unwrap();
    let before = store.agenda(now, 30).unwrap();
    let two: Vec<(&str, &str)> =
        before.reasons.iter().take(2).map(|r| (r.id.as_str(), r.customer_id.as_str())).collect();
    assert_eq!(two.len(), 2);
    let mut with_a_stranger = two.clone();
    with_a_stranger.push(("promise_due:nobody", "no-such-customer"));
    let why = Some("Cleared the backlog after the move".to_string());
    assert!(store.set_reason_states(&with_a_stranger, ReasonStateKind::Dismissed, None, why.clone(), now).is_err());
    assert_eq!(store.agenda(now, 30).unwrap().reasons.len(), before.reasons.len(), "none of them was set aside");
    assert!(store.set_reason_states(&two, ReasonStateKind::Dismissed, None, None, now).is_err(), "a why is asked for");
    let done = store.set_reason_states(&two, ReasonStateKind::Dismissed, None, why, now).unwrap();
    assert_eq!(done.len(), 2);
    let after = store.agenda(now, 30).unwrap();
    assert_eq!(after.reasons.len(), before.reasons.len() - 2);
    assert!(!after.reasons.iter().any(|r| two.iter().any(|(id, _)| *id == r.id)));
}

/// The Guard reads Rapport's own line about a customer without their name and its days: a customer called Will or
/// May, a day in May, gets what Rita gets — and "the twins turn seven" is an age, not a trade-in pitched to a
/// customer who declined buy-back offers.
#[test]
fn who_the_customer_is_and_when_a_reason_falls_do_not_change_what_the_guard_reads() {
    let mut b = book();
    let mut ids = Vec::new();
    for (name, day) in [("Will Baker", "2026-11-12"), ("May Chen", "2026-11-13"), ("Rita Ortiz", "2026-11-14")] {
        let id = b.customer(name, "America/Chicago");
        b.say(&id, "Don't ask me to sell it back, ever.", Meaning::DeclineTopic { topic: "buy-back".into() });
        let fact = NewFact {
            text: "The twins turn seven in March".into(),
            learned_on: None,
            source: None,
            date: Some(d(day)),
        };
        b.store.add_fact(&id, fact, t(MONDAY)).unwrap();
        b.store
            .add_promise(
                &id,
                NewPromise { what: "Send the May service specials".into(), due_on: d(day), made_on: None },
                t(MONDAY),
            )
            .unwrap();
        ids.push(id);
    }
    let a = b.agenda(MONDAY, 30);
    assert!(
        a.held_back.is_empty(),
        "{:#?}",
        a.held_back.iter().map(|h| (&h.reason.value, &h.message)).collect::<Vec<_>>()
    );
    for id in &ids {
        let mut kinds = kinds_for(&a, id);
        kinds.sort_by_key(|k| format!("{k:?}"));
        assert_eq!(kinds, vec![ReasonKind::PersonalDate, ReasonKind::PromiseDue], "{id}");
        let cautions: Vec<_> = a.reasons.iter().filter(|r| &r.customer_id == id).map(|r| r.cautions.len()).collect();
        assert_eq!(
            cautions,
            a.reasons.iter().filter(|r| r.customer_id == ids[2]).map(|r| r.cautions.len()).collect::<Vec<_>>()
        );
    }
}
