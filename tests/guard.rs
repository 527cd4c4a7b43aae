//! The Guard from the command line, on the demo book: `rapport check`, guarded logging, held back, playbooks.

use rapport_tests::Sandbox;
use serde_json::Value;

/// The first demo customer whose statements include one of kind `kind` (and `channel`/`topic`, when given).
fn customer_who(book: &Value, kind: &str, detail: Option<(&str, &str)>) -> (String, String) {
    for c in book["customers"].as_array().unwrap() {
        for p in c["preferences"].as_array().unwrap() {
            let detail_ok = detail.is_none_or(|(k, v)| p["means"][k] == v);
            if p["means"]["kind"] == kind && detail_ok {
                return (c["id"].as_str().unwrap().to_string(), p["words"].as_str().unwrap().to_string());
            }
        }
    }
    panic!("no demo customer with a {kind} statement");
}

fn demo() -> (Sandbox, Value) {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let book: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    (s, book)
}

#[test]
fn check_prints_the_decision_with_the_customers_words() {
    let (s, book) = demo();
    let (naomi, words) = customer_who(&book, "decline_channel", Some(("channel", "phone")));
    let d = s.json(&[
        "check",
        "--customer",
        &naomi,
        "--channel",
        "phone",
        "--at",
        "2026-11-24 10:00",
        "--reason",
        "Her brochure is ready",
    ]);
    assert_eq!(d["decision"], "blocked");
    assert_eq!(d["reasons"][0]["rule"], "declined_channel");
    assert_eq!(d["reasons"][0]["quote"], words.as_str());
    assert!(d["reasons"][0]["said_on"].is_string());
    assert!(d["suggestion"].as_str().unwrap().contains("email"), "{d}");

    let ok = s.json(&[
        "check",
        "--customer",
        &naomi,
        "--channel",
        "email",
        "--at",
        "2026-11-24 10:00",
        "--reason",
        "Her brochure is ready",
    ]);
    assert_eq!(ok["decision"], "allowed", "{ok}");
    assert_eq!(ok["reasons"].as_array().unwrap().len(), 0);

    let text = s.ok(&["check", "--customer", &naomi, "--channel", "phone", "--reason", "Her brochure is ready"]);
    assert!(text.starts_with("BLOCKED") && text.contains(&words), "{text}");
}

#[test]
fn a_customer_who_asked_to_be_removed_is_blocked_on_every_channel() {
    let (s, book) = demo();
    // The demo customer who asked to be removed and never took it back.
    let (diane, words) = book["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| {
            let prefs = c["preferences"].as_array().unwrap();
            let stop = prefs.iter().find(|p| p["means"]["kind"] == "do_not_contact")?;
            let resumed = prefs.iter().any(|p| p["means"]["kind"] == "resume_contact");
            (!resumed).then(|| (c["id"].as_str().unwrap().to_string(), stop["words"].as_str().unwrap().to_string()))
        })
        .expect("a do-not-contact customer");
    for channel in ["phone", "text", "email", "mail", "in_person", "video"] {
        let d = s.json(&["check", "--customer", &diane, "--channel", channel, "--reason", "Winter tires are in stock"]);
        assert_eq!(d["decision"], "blocked", "{channel}: {d}");
        assert!(d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "do_not_contact" && r["quote"] == words.as_str()));
    }
}

#[test]
fn a_buy_and_hold_owner_is_never_offered_a_buy_back() {
    let (s, book) = demo();
    let (gordon, words) = customer_who(&book, "decline_topic", Some(("topic", "buy-back")));
    let d = s.json(&[
        "check",
        "--customer",
        &gordon,
        "--channel",
        "mail",
        "--text",
        "We'd love to buy back your Outback — top dollar!",
    ]);
    assert_eq!(d["decision"], "blocked");
    assert!(
        d["reasons"].as_array().unwrap().iter().any(|r| r["rule"] == "declined_topic" && r["quote"] == words.as_str()),
        "{d}"
    );

    // A #BuyAndHold customer who never said it is protected by the playbook, which offers something better.
    let holders = s.json(&["customers", "list", "--tag", "BuyAndHold"]);
    let quiet =
        holders.as_array().unwrap().iter().find(|c| c["id"] != gordon.as_str()).expect("another #BuyAndHold owner");
    let d = s.json(&[
        "check",
        "--customer",
        quiet["id"].as_str().unwrap(),
        "--channel",
        "email",
        "--topic",
        "trade-in",
        "--reason",
        "Trade-in values are high",
    ]);
    assert_eq!(d["decision"], "blocked", "{d}");
    assert!(
        d["reasons"].as_array().unwrap().iter().any(|r| r["rule"] == "playbook" || r["rule"] == "declined_topic"),
        "{d}"
    );
    assert!(
        d["suggestion"].as_str().unwrap_or("").contains("Offer instead") || d["reasons"][0]["rule"] == "declined_topic",
        "{d}"
    );

    // Edited playbooks apply at once.
    s.ok(&["playbooks", "set", "BuyAndHold", "--offer", "Winterizing each autumn"]);
    let list = s.json(&["playbooks", "list"]);
    let bh = list.as_array().unwrap().iter().find(|p| p["tag"] == "BuyAndHold").unwrap();
    assert_eq!(bh["never_topics"].as_array().unwrap().len(), 0);
}

#[test]
fn logging_a_blocked_contact_is_refused_held_back_and_nothing_is_logged() {
    let (s, book) = demo();
    let (naomi, words) = customer_who(&book, "decline_channel", Some(("channel", "phone")));
    let before = s.json(&["customers", "show", &naomi])["interactions"].as_array().unwrap().len();
    let err = s.fails(&[
        "interactions",
        "add",
        &naomi,
        "--channel",
        "phone",
        "--direction",
        "out",
        "--summary",
        "Called about the Solterra",
        "--reason",
        "Her test-drive slot is confirmed",
        "--at",
        "2026-11-24 10:00",
    ]);
    assert!(err.contains(&words) && err.contains("blocked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1);
    let page = s.json(&["customers", "show", &naomi]);
    assert_eq!(page["interactions"].as_array().unwrap().len(), before, "nothing logged");
    let held = s.json(&["held-back", "--customer", &naomi]);
    let newest = &held[0];
    assert_eq!(newest["rule"], "declined_channel");
    assert_eq!(newest["quote"], words.as_str());
    assert_eq!(newest["source"], "log");

    // Inbound contacts are never blocked.
    s.ok(&[
        "interactions",
        "add",
        &naomi,
        "--channel",
        "phone",
        "--direction",
        "in",
        "--summary",
        "She called about her order",
    ]);
}

#[test]
fn a_caution_needs_a_justification_which_is_kept() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Sam Ortiz", "--tz", "America/Chicago"]);
    let id = c["id"].as_str().unwrap();
    s.ok(&[
        "interactions",
        "add",
        id,
        "--channel",
        "email",
        "--direction",
        "out",
        "--summary",
        "Sent the winter tire prices",
        "--reason",
        "He asked what winter tires cost",
        "--at",
        "2026-11-20 10:00",
    ]);
    let args = [
        "interactions",
        "add",
        id,
        "--channel",
        "email",
        "--direction",
        "out",
        "--summary",
        "Sent the service coupon",
        "--reason",
        "His first oil change is due",
        "--at",
        "2026-11-23 10:00",
    ];
    let err = s.fails(&args);
    assert!(err.contains("caution") && err.contains("justification") && err.contains("14 days"), "{err}");
    let mut with = args.to_vec();
    with.extend(["--justification", "He asked me to send it today"]);
    let i = s.json(&with);
    assert_eq!(i["justification"], "He asked me to send it today");
    assert_eq!(i["purpose"], "proactive");
    // What he is waiting on is never rate-limited.
    s.ok(&[
        "interactions",
        "add",
        id,
        "--channel",
        "email",
        "--direction",
        "out",
        "--summary",
        "Sent the towing numbers",
        "--reason",
        "The towing capacity he asked for",
        "--purpose",
        "waiting",
        "--at",
        "2026-11-23 11:00",
    ]);
}

#[test]
fn contentless_outreach_is_refused_with_the_question() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Sam Ortiz", "--tz", "America/Chicago"]);
    let id = c["id"].as_str().unwrap();
    let err = s.fails(&[
        "interactions",
        "add",
        id,
        "--channel",
        "email",
        "--direction",
        "out",
        "--summary",
        "Just checking in",
        "--reason",
        "touch base",
    ]);
    assert!(err.contains("What will the customer gain from this contact?"), "{err}");
    let d =
        s.json(&["check", "--customer", id, "--channel", "email", "--text", "Just checking in to see how it's going!"]);
    assert_eq!(d["decision"], "blocked");
    assert_eq!(d["reasons"][0]["rule"], "contentless");
}
