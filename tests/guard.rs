//! The Guard from the command line, on the demo book: `rapport check`, guarded logging, held back, playbooks.

use rapport_tests::{email_in_export, Sandbox};
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

/// Issue 17, part 4 (on the single-user book): a campaign's mailing list is checked against what each customer said.
/// Whoever declined the topic or asked to be left alone is excluded with their words — also when the list has their
/// address under another name — and lands in the suppression file by address; a row that matches nobody and a row
/// that cannot be read are listed; the files are not replaced without --force; a tag works as the list.
#[test]
fn a_campaign_leaves_out_whoever_said_no_with_their_words() {
    let (s, book) = demo();
    let (gordon, no_buy_back) = customer_who(&book, "decline_topic", Some(("topic", "buy-back")));
    let (diane, leave_me) = customer_who(&book, "do_not_contact", None);
    let email_of =
        |id: &str| email_in_export(book["customers"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap());
    let others: Vec<&Value> = book["customers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] != gordon.as_str() && c["id"] != diane.as_str())
        .collect();
    let someone = others.iter().find(|c| c["preferences"].as_array().unwrap().is_empty()).unwrap();
    let someone_email = email_in_export(someone);
    let list = s.dir.path().join("list.csv");
    std::fs::write(
        &list,
        format!(
            "Name,Email\n{},{}\nD. K. (household),{}\n{},{}\nNew Person,new.person@example.org\n\"Broken, row\n",
            book["customers"].as_array().unwrap().iter().find(|c| c["id"] == gordon.as_str()).unwrap()["name"]
                .as_str()
                .unwrap(),
            email_of(&gordon),
            email_of(&diane),
            someone["name"].as_str().unwrap(),
            someone_email
        ),
    )
    .unwrap();
    let out = s.dir.path().join("campaign");
    std::fs::create_dir(&out).unwrap();
    let args = ["campaign", "check", list.to_str().unwrap(), "--topic", "buy-back", "--channel", "email"];
    let checked = s.json(&[&args[..], &["--out", out.to_str().unwrap()]].concat());
    let excluded = checked["excluded"].as_array().unwrap();
    let by = |id: &str| {
        excluded.iter().find(|e| e["customer_id"] == id).unwrap_or_else(|| panic!("{id} excluded: {checked}"))
    };
    assert_eq!(by(&gordon)["rule"], "declined_topic");
    assert_eq!(by(&gordon)["quote"], no_buy_back.as_str());
    assert_eq!(by(&diane)["rule"], "do_not_contact", "her address under another name is still her");
    assert_eq!(by(&diane)["quote"], leave_me.as_str());
    let included = checked["included"].as_array().unwrap();
    assert_eq!(included.len(), 1, "{checked}");
    assert_eq!(included[0]["customer_id"], someone["id"]);
    let unmatched = checked["unmatched"].as_array().unwrap();
    assert_eq!(unmatched.len(), 2, "{checked}");
    assert_eq!((unmatched[0]["line"].as_u64(), unmatched[0]["name"].as_str()), (Some(5), Some("New Person")));
    assert!(unmatched[1]["why"].as_str().unwrap().contains("quote"), "{}", unmatched[1]);

    let suppression = std::fs::read_to_string(out.join("excluded.csv")).unwrap();
    assert!(suppression.starts_with("customer_id,name,address,rule,message,their_words"));
    assert!(suppression.contains(&email_of(&diane)) && suppression.contains(&email_of(&gordon)), "{suppression}");
    let allowed = std::fs::read_to_string(out.join("included.csv")).unwrap();
    assert!(allowed.contains(&someone_email) && !allowed.contains(&email_of(&diane)), "{allowed}");
    let again = s.fails(&[&args[..], &["--out", out.to_str().unwrap()]].concat());
    assert!(again.contains("already exists") && again.contains("--force"), "{again}");

    let tagged = s.json(&["campaign", "check", "--tag", "BuyAndHold", "--topic", "buy-back", "--channel", "email"]);
    assert!(tagged["included"].as_array().unwrap().is_empty(), "no #BuyAndHold owner is offered a buy-back: {tagged}");
    assert!(!tagged["excluded"].as_array().unwrap().is_empty());
}
