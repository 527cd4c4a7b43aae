//! Listening and reading outreach from the command line: `rapport listen` proposes what a customer's words mean
//! (and records nothing); `rapport check` says what a text does beside the Guard's decision.

use rapport_tests::Sandbox;
use serde_json::Value;

/// A customer in New York; returns the id.
fn rita(s: &Sandbox) -> String {
    let c = s.json(&["customers", "add", "Rita Alvarez", "--tz", "America/New_York", "--email", "rita@example.com"]);
    c["id"].as_str().unwrap().to_string()
}

/// Writes `text` to a file in the sandbox and returns its path.
fn file(s: &Sandbox, name: &str, text: &[u8]) -> String {
    let p = s.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn statements(v: &Value) -> Vec<Value> {
    v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["kind"] == "statement")
        .map(|x| x["means"].clone())
        .collect()
}

/// The characters `start..end` of `text` (the spans are in characters, not bytes).
fn chars(text: &str, start: &Value, end: &Value) -> String {
    let (a, b) = (start.as_u64().unwrap() as usize, end.as_u64().unwrap() as usize);
    text.chars().skip(a).take(b - a).collect()
}

#[test]
fn a_customers_words_become_statements_with_their_words_and_nothing_is_recorded() {
    let s = Sandbox::new();
    let id = rita(&s);
    let text = "Thanks — the Civic’s great. Please don't call me at work, email is best.";
    let heard = s.json(&["listen", "--customer", &id, &file(&s, "said.txt", text.as_bytes())]);
    let means = statements(&heard);
    assert!(means.contains(&serde_json::json!({"kind": "decline_channel", "channel": "phone"})), "{heard}");
    assert!(means.contains(&serde_json::json!({"kind": "prefer_channel", "channel": "email"})), "{heard}");
    for sug in heard["suggestions"].as_array().unwrap() {
        assert_eq!(chars(text, &sug["start"], &sug["end"]), sug["words"].as_str().unwrap(), "{sug}");
    }
    let st = heard["suggestions"].as_array().unwrap().iter().find(|x| x["kind"] == "statement").unwrap();
    assert!(st["words"].as_str().unwrap().contains("don't call me"), "{st}");
    // Praise is heard too.
    assert!(heard["suggestions"].as_array().unwrap().iter().any(|x| x["sentiment"] == "positive"), "{heard}");
    // Nothing was recorded.
    let page = s.json(&["customers", "show", &id]);
    assert_eq!(page["preferences"].as_array().map_or(0, |p| p.len()), 0, "{page}");
}

#[test]
fn negation_and_reversal_are_understood() {
    let s = Sandbox::new();
    let id = rita(&s);
    let none = s.json(&["listen", "--customer", &id, &file(&s, "a.txt", b"Honestly I don't mind calls at all.")]);
    assert!(statements(&none).is_empty(), "{none}");
    let again = s.json(&["listen", "--customer", &id, &file(&s, "b.txt", b"New job, so you can call me again.")]);
    assert_eq!(statements(&again), vec![serde_json::json!({"kind": "allow_channel", "channel": "phone"})]);
}

#[test]
fn a_call_summary_gives_the_promise_and_its_date_on_the_customers_calendar() {
    let s = Sandbox::new();
    let id = rita(&s);
    // Friday 20 November 2026, 21:30 in New York — already Saturday in UTC: "by Friday" is the next Friday on
    // her calendar, not the day after.
    let summary = "Called Rita. I told her I'd get the plates to her by Friday.";
    let heard = s.json(&[
        "listen",
        "--customer",
        &id,
        "--direction",
        "out",
        "--at",
        "2026-11-20 21:30",
        &file(&s, "call.txt", summary.as_bytes()),
    ]);
    let promise = heard["suggestions"].as_array().unwrap().iter().find(|x| x["kind"] == "promise").expect("a promise");
    assert_eq!(promise["due_on"], "2026-11-27", "{heard}");
    assert!(promise["what"].as_str().unwrap().contains("plates"), "{promise}");
}

#[test]
fn bad_input_gets_a_clear_answer() {
    let s = Sandbox::new();
    let id = rita(&s);
    let empty = s.json(&["listen", "--customer", &id, &file(&s, "empty.txt", b"")]);
    assert_eq!(empty["suggestions"], serde_json::json!([]));
    let big = "Please don't call me. ".repeat(50_000);
    let out = s.json(&["listen", "--customer", &id, &file(&s, "big.txt", big.as_bytes())]);
    assert!(!statements(&out).is_empty());
    assert_eq!(out["truncated"], true, "a megabyte is read up to the limit, and says so");
    let other = s.json(&["listen", "--customer", &id, &file(&s, "ja.txt", "電話はしないでください。".as_bytes())]);
    assert!(other["suggestions"].is_array());
    let err = s.fails(&["listen", "--customer", &id, &file(&s, "bin.txt", &[0xff, 0xfe, 0x00, 0x41])]);
    assert!(err.contains("bin.txt") && err.contains("UTF-8"), "{err}");
    let err = s.fails(&["listen", "--customer", &id, "/nonexistent/said.txt"]);
    assert!(err.contains("/nonexistent/said.txt"), "{err}");
}

#[test]
fn check_says_what_the_text_does_and_which_words_trip_her_wish() {
    let s = Sandbox::new();
    let id = rita(&s);
    s.ok(&["prefs", "add", &id, "--words", "Please don't call me at work.", "--means", "decline:phone"]);
    let d = s.json(&[
        "check",
        "--customer",
        &id,
        "--channel",
        "email",
        "--at",
        "2026-11-24 10:00",
        "--reason",
        "Her plates are in",
        "--text",
        "Your plates are in! Do you have five minutes for a phone call tomorrow?",
    ]);
    assert_eq!(d["decision"], "blocked", "{d}");
    assert_eq!(d["reasons"][0]["rule"], "pushes_declined_channel", "{d}");
    assert_eq!(d["reasons"][0]["quote"], "Please don't call me at work.");
    let push = d["intents"].as_array().unwrap().iter().find(|i| i["intent"] == "asks_for_channel").expect("the push");
    assert_eq!(push["channel"], "phone");
    assert_eq!(push["rule"], "pushes_declined_channel");
    assert_eq!(push["quote"], "Please don't call me at work.");
    assert!(d["intents"].as_array().unwrap().iter().any(|i| i["intent"] == "value"), "{d}");
}
