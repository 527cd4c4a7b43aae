//! Thank-you drafts and the form-letter detector from the command line, on the demo book.

use rapport_tests::Sandbox;
use serde_json::Value;

fn demo() -> (Sandbox, Vec<Value>) {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let book: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    let customers = book["customers"].as_array().unwrap().clone();
    (s, customers)
}

fn removed_from_lists(c: &Value) -> bool {
    let prefs = c["preferences"].as_array().unwrap();
    let last = prefs.iter().rfind(|p| matches!(p["means"]["kind"].as_str(), Some("do_not_contact" | "resume_contact")));
    last.is_some_and(|p| p["means"]["kind"] == "do_not_contact")
}

#[test]
fn every_buyer_gets_a_personal_card_that_passes_its_own_detector() {
    let (s, customers) = demo();
    let mut texts: Vec<String> = Vec::new();
    for c in customers.iter().filter(|c| !c["purchases"].as_array().unwrap().is_empty() && !removed_from_lists(c)) {
        let id = c["id"].as_str().unwrap();
        let d = s.json(&["draft", "thank-you", "--customer", id, "--card", "a6"]);
        let text = d["text"].as_str().unwrap().to_string();
        assert!(d["score"].as_u64().unwrap() >= 80, "{}: {d}", c["name"]);
        assert!(text.chars().count() <= 480, "{}: fits an A6 card", c["name"]);
        assert!(d["details_used"].as_array().unwrap().len() >= 2, "{}: at least two specific details", c["name"]);
        assert!(d["findings"].is_array());
        texts.push(text);
    }
    assert!(texts.len() >= 30);
    let unique: std::collections::HashSet<_> = texts.iter().collect();
    assert_eq!(unique.len(), texts.len(), "no two customers get the same text");
}

#[test]
fn lint_flags_the_sync_form_letter_with_spans_and_reasons() {
    let (s, customers) = demo();
    // A buyer whose purchase records SYNC.
    let buyer = customers
        .iter()
        .find(|c| {
            c["purchases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["features"].as_array().unwrap().iter().any(|f| f.as_str().unwrap().starts_with("SYNC")))
        })
        .expect("a SYNC buyer in the demo book");
    let letter =
        "Dear Valued Customer,\nThank you for your recent purchase. If your new vehicle is equipped with SYNC, \
                  pair your phone today! Know anyone looking for a car? Send them our way.\n\
                  Visit https://example.com/offers | Unsubscribe | © 2026 All rights reserved";
    let file = s.dir.path().join("letter.txt");
    std::fs::write(&file, letter).unwrap();
    let r = s.json(&["lint", "--customer", buyer["id"].as_str().unwrap(), file.to_str().unwrap()]);
    assert!(r["score"].as_u64().unwrap() < 40, "{r}");
    let rules: Vec<&str> = r["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    for rule in ["generic_salutation", "hedging", "referral_ask", "link_or_footer"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let chars: Vec<char> = letter.chars().collect();
    for f in r["findings"].as_array().unwrap() {
        let (a, b) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert!(a <= b && b <= chars.len(), "{f}");
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let salutation = r["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "generic_salutation").unwrap();
    let words: String = chars
        [salutation["start"].as_u64().unwrap() as usize..salutation["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(words, "Dear Valued Customer");
}

#[test]
fn a_buy_back_line_to_a_buy_and_hold_owner_is_the_guards_call_with_his_words() {
    let (s, customers) = demo();
    let (gordon, words) = customers
        .iter()
        .find_map(|c| {
            let p = c["preferences"].as_array().unwrap().iter().find(|p| p["means"]["topic"] == "buy-back")?;
            Some((c["id"].as_str().unwrap().to_string(), p["words"].as_str().unwrap().to_string()))
        })
        .unwrap();
    let file = s.dir.path().join("note.txt");
    std::fs::write(&file, "Gordon, thank you for trusting me with the Outback service. When you're ready, we'd love to buy it back at a great price.").unwrap();
    let r = s.json(&["lint", "--customer", &gordon, file.to_str().unwrap()]);
    let f = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "declined_topic")
        .expect("blocked by what he said");
    assert_eq!(f["quote"], words.as_str());
}

#[test]
fn prompts_and_email_have_their_shape_and_a_saved_draft_can_be_sent() {
    let (s, customers) = demo();
    let c =
        customers.iter().find(|c| !c["purchases"].as_array().unwrap().is_empty() && !removed_from_lists(c)).unwrap();
    let id = c["id"].as_str().unwrap();
    let prompts = s.json(&["draft", "thank-you", "--customer", id, "--format", "prompts"]);
    let text = prompts["text"].as_str().unwrap();
    let bullets = text.lines().filter(|l| l.starts_with("- ")).count();
    assert!(text.starts_with("Open with:") && text.contains("Close with:") && (3..=5).contains(&bullets), "{text}");
    let email = s.json(&["draft", "thank-you", "--customer", id, "--format", "email", "--variant", "1"]);
    assert!(email["score"].as_u64().unwrap() >= 80);

    s.ok(&["draft", "thank-you", "--customer", id, "--save"]);
    let page = s.json(&["customers", "show", id]);
    let note = page["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "thank_you" && n["status"] == "draft")
        .expect("the saved draft");
    assert_eq!(note["format"], "card");
}
