//! The real window under Xvfb, driven through WebDriver (`tauri-driver` → WebKitWebDriver).

use fantoccini::Locator;
use rapport_tests::{Sandbox, Window};
use serde_json::Value;

/// The demo customer who asked for email only, found in the exported book rather than by a hard-coded name.
fn email_only_customer(s: &Sandbox) -> (String, String, String) {
    let book: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    for c in book["customers"].as_array().unwrap() {
        for p in c["preferences"].as_array().unwrap() {
            if p["means"]["kind"] == "prefer_channel" && p["means"]["channel"] == "email" {
                return (
                    c["id"].as_str().unwrap().to_string(),
                    c["name"].as_str().unwrap().to_string(),
                    p["words"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    panic!("the demo book has an email-only customer");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_book_loads_a_search_finds_a_customer_and_their_page_opens_on_how_to_reach_me() {
    let s = Sandbox::new();
    let w = Window::open(&s, "foundation").await;

    w.find("#load-demo").await.click().await.expect("click the demo offer");
    w.find("#customer-list [data-customer-id]").await;
    let rows = w.client.find_all(Locator::Css("#customer-list [data-customer-id]")).await.unwrap();
    assert!(rows.len() >= 40, "the list shows the demo book: {} rows", rows.len());
    w.shot("1-list").await;

    let (id, name, words) = email_only_customer(&s);
    let surname = name.split_whitespace().last().unwrap().to_string();
    w.client.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
    let search = w.find("#search").await;
    search.send_keys(&surname).await.unwrap();
    let row = w.find_text("#customer-list [data-customer-id]", &name).await;
    // Search as you type narrows the list.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let n = w.client.find_all(Locator::Css("#customer-list [data-customer-id]")).await.unwrap().len();
        if n < rows.len() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the search did not narrow the list");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(row.attr("data-customer-id").await.unwrap().as_deref(), Some(id.as_str()));
    w.shot("2-search").await;

    row.click().await.unwrap();
    w.find("#customer-page").await;
    let card = w.find_text("#how-to-reach", &words).await;
    let card_text = card.text().await.unwrap();
    assert!(card_text.contains("How to reach"), "{card_text}");
    // The How to reach me card comes before every other part of the page.
    let first: bool = w
        .client
        .execute(
            "const page = document.querySelector('#customer-page');
             const card = document.querySelector('#how-to-reach');
             const sections = [...page.querySelectorAll('section')].filter(s => s !== card && !card.contains(s));
             return sections.every(s => card.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(first, "How to reach me is the first card on the page");
    w.shot("3-customer").await;
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customer_text_with_markup_shows_as_text() {
    let s = Sandbox::new();
    let c: Value = s.json(&["customers", "add", "<b>Bold</b> Name", "--met", "<script>alert(1)</script>"]);
    let id = c["id"].as_str().unwrap().to_string();
    s.ok(&["notes", "add", &id, "<img src=x onerror=\"document.title='pwned'\"> likes <i>jazz</i>"]);
    let w = Window::open(&s, "escaping").await;
    let row = w.find(&format!("#customer-list [data-customer-id='{id}']")).await;
    assert!(row.text().await.unwrap().contains("<b>Bold</b> Name"));
    row.click().await.unwrap();
    w.find_text("#customer-page", "likes <i>jazz</i>").await;
    let page = w.find("#customer-page").await;
    assert!(page.text().await.unwrap().contains("<script>alert(1)</script>"));
    let injected = w
        .client
        .find_all(Locator::Css(
            "#customer-page img[src='x'], #customer-page i, #customer-page b, #customer-page script",
        ))
        .await
        .unwrap();
    assert!(injected.is_empty(), "no element was made from customer text");
    assert_ne!(w.client.title().await.unwrap(), "pwned");
    w.shot("markup").await;
    w.close().await;
}

/// Waits until `css` matches nothing (a dialog closed, a panel went away).
async fn gone(w: &Window, css: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !w.client.find_all(Locator::Css(css)).await.unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "{css} is still there");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_call_to_an_email_only_customer_is_refused_with_their_words() {
    let words = "Email only please, I travel most weeks.";
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Naomi Brandt", "--preferred", "Naomi", "--tz", "America/Denver"]);
    let id = c["id"].as_str().unwrap().to_string();
    let w = Window::open(&s, "guard").await;

    w.find(&format!("#customer-list [data-customer-id='{id}']")).await.click().await.unwrap();
    w.find("#customer-page #how-to-reach").await;

    // Record what she said: she declines phone calls.
    w.find("#record-said").await.click().await.unwrap();
    w.find("#statement-dialog[open]").await;
    w.find("#statement-words").await.send_keys(words).await.unwrap();
    w.find("#statement-means").await.select_by_value("decline_channel").await.unwrap();
    w.find("#statement-channel").await.select_by_value("phone").await.unwrap();
    w.find("#statement-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#statement-dialog").await;
    let card = w.find_text("#how-to-reach", "No phone calls").await;
    assert!(card.text().await.unwrap().contains(&format!("“{words}”")), "the card quotes her");

    // Log an outbound call at 11:00 her time (18:00 UTC; the profile's zone is UTC) with a real reason.
    w.find("#log-contact").await.click().await.unwrap();
    w.find("#interaction-dialog[open]").await;
    w.find("#interaction-direction").await.select_by_value("out").await.unwrap();
    w.find("#interaction-channel").await.select_by_value("phone").await.unwrap();
    w.client
        .execute(
            "const at = document.querySelector('#interaction-at');
             at.value = '2026-11-23T18:00';
             at.dispatchEvent(new Event('input', { bubbles: true }));
             at.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    w.find("#interaction-reason").await.send_keys("Her licence plates arrived and are ready for her").await.unwrap();
    w.find("#interaction-summary").await.send_keys("Called to say the plates are in").await.unwrap();

    let verdict = w.find("#verdict[data-verdict='blocked']").await;
    assert_eq!(verdict.attr("role").await.unwrap().as_deref(), Some("status"));
    let text = w.find_text("#verdict", words).await.text().await.unwrap();
    assert!(text.contains("Blocked"), "a word, not only a colour: {text}");
    assert!(text.contains(&format!("“{words}”")), "her words in quotation marks: {text}");
    assert!(text.contains("said Mon 23 Nov 2026"), "the day she said it: {text}");
    assert!(text.contains("Use email instead"), "what to do instead: {text}");
    w.shot("1-verdict").await;

    // Logging it anyway is refused: the dialog stays open with her words, and the attempt is held back.
    let submit = w.find("#interaction-form [data-submit]").await;
    assert!(submit.is_enabled().await.unwrap(), "submit stays enabled when blocked");
    assert_eq!(submit.text().await.unwrap().trim(), "Log contact");
    submit.click().await.unwrap();
    let refused = w.find_text("#verdict", "Not logged — Naomi asked for this.").await.text().await.unwrap();
    assert!(refused.contains(words), "{refused}");
    assert!(w.find("#interaction-dialog[open]").await.is_displayed().await.unwrap());
    w.shot("2-refused").await;

    w.find("#interaction-form [data-cancel]").await.click().await.unwrap();
    gone(&w, "#interaction-dialog").await;
    let held = w.find_text("#held-back", "Held back (1)").await;
    w.find("#held-back summary").await.click().await.unwrap();
    w.find_text("#held-back .held-item", words).await;
    let items = w.client.find_all(Locator::Css("#held-back .held-item")).await.unwrap();
    assert_eq!(items.len(), 1);
    assert!(held.text().await.unwrap().contains("Phone"));
    w.shot("3-held-back").await;

    // The book agrees: nothing was logged, one attempt was held back, with her words.
    let record = s.json(&["customers", "show", &id]);
    assert_eq!(record["interactions"].as_array().unwrap().len(), 0, "{record}");
    let held_back = record["held_back"].as_array().unwrap();
    assert_eq!(held_back.len(), 1, "{record}");
    assert_eq!(held_back[0]["quote"], words);
    assert_eq!(held_back[0]["rule"], "declined_channel");
    assert_eq!(held_back[0]["channel"], "phone");
    w.close().await;
}

/// Sets a form control's value as typing would, with the events the window listens to.
async fn set_value(w: &Window, css: &str, value: &str) {
    w.find(css).await;
    w.client
        .execute(
            "const el = document.querySelector(arguments[0]);
             el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![Value::from(css), Value::from(value)],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caution_asks_why_and_do_not_contact_shows_its_banner_at_once() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Ravi Patel", "--preferred", "Ravi", "--tz", "America/Chicago"]);
    let id = c["id"].as_str().unwrap().to_string();
    // A proactive email three days ago: another within the profile's 14 days needs a reason to go ahead.
    s.ok(&[
        "interactions",
        "add",
        &id,
        "--channel",
        "email",
        "--direction",
        "out",
        "--summary",
        "Sent the winter service schedule",
        "--reason",
        "The winter service schedule for his Outback",
        "--at",
        "2026-11-20 10:00",
    ]);
    let w = Window::open(&s, "caution").await;
    w.find(&format!("#customer-list [data-customer-id='{id}']")).await.click().await.unwrap();
    w.find("#customer-page #how-to-reach").await;

    w.find("#log-contact").await.click().await.unwrap();
    w.find("#interaction-dialog[open]").await;
    w.find("#interaction-channel").await.select_by_value("email").await.unwrap();
    w.find("#interaction-reason").await.send_keys("His tire rotation, included with the car, is due").await.unwrap();
    w.find("#interaction-summary").await.send_keys("Emailed to book the tire rotation").await.unwrap();
    let text = w.find("#verdict[data-verdict='caution']").await.text().await.unwrap();
    assert!(text.contains("Caution"), "{text}");
    assert!(text.contains("2026-11-20"), "the last contact is named: {text}");
    assert!(w.find("#interaction-justification").await.is_displayed().await.unwrap(), "a caution asks why");
    w.shot("1-caution").await;

    // Going ahead without saying why is refused next to the field; with a reason it is logged and kept.
    w.find("#interaction-form [data-submit]").await.click().await.unwrap();
    let error = w.find_text("#interaction-justification-error", "justification").await;
    assert!(!error.text().await.unwrap().is_empty());
    let focused = w.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "interaction-justification");
    w.shot("2-justification").await;
    w.find("#interaction-justification").await.send_keys("He asked me on Friday to book it this week").await.unwrap();
    w.find("#interaction-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#interaction-dialog").await;
    w.find_text(".timeline", "He asked me on Friday to book it this week").await;

    // "Take me off your list": the banner is there as soon as it is saved, in his words.
    let words = "Please take me off your list, I have all I need.";
    w.find("#record-said").await.click().await.unwrap();
    w.find("#statement-dialog[open]").await;
    let options = w.client.find_all(Locator::Css("#statement-means option")).await.unwrap();
    assert_eq!(options.len(), 9, "all nine meanings are offered");
    w.find("#statement-words").await.send_keys(words).await.unwrap();
    w.find("#statement-means").await.select_by_value("do_not_contact").await.unwrap();
    w.find("#statement-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#statement-dialog").await;
    let banner = w.find_text("#how-to-reach #do-not-contact", words).await;
    assert!(banner.text().await.unwrap().contains("Do not contact"));
    w.shot("3-do-not-contact").await;

    // Every proactive contact is blocked now, whatever the channel, with his words.
    w.find("#log-contact").await.click().await.unwrap();
    w.find("#interaction-dialog[open]").await;
    w.find("#interaction-channel").await.select_by_value("mail").await.unwrap();
    w.find_text("#verdict[data-verdict='blocked']", words).await;
    // A contact he started is never blocked: no verdict at all.
    w.find("#interaction-direction").await.select_by_value("in").await.unwrap();
    gone(&w, "#verdict:not([hidden])").await;
    assert!(w.find("#verdict-inbound").await.is_displayed().await.unwrap());
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_keep_the_guards_defaults_and_the_playbooks() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Lena Vogel", "--tz", "Europe/Berlin"]);
    s.ok(&["playbooks", "set", "BuyAndHold", "--never", "buy-back", "--offer", "A longevity service plan"]);
    let w = Window::open(&s, "settings").await;
    w.find("[data-place='settings']").await.click().await.unwrap();

    // The Guard's defaults.
    w.find("#profile-contact_start").await;
    assert_eq!(w.find("#profile-min_days_between").await.prop("value").await.unwrap().as_deref(), Some("14"));
    w.find("#profile-calling_rule").await.select_by_value("strict").await.unwrap();
    set_value(&w, "#profile-min_days_between", "0").await;
    w.find("#profile-form [data-submit]").await.click().await.unwrap();
    w.find_text("#profile-min_days_between-error", "from 1 to 3650").await;
    set_value(&w, "#profile-min_days_between", "30").await;
    set_value(&w, "#profile-contact_start", "10:00").await;
    set_value(&w, "#profile-contact_end", "18:30").await;
    w.find("#profile-form [data-submit]").await.click().await.unwrap();
    w.find_text("#status", "Saved your profile").await;
    w.client.execute("document.querySelector('#profile-guard').scrollIntoView()", vec![]).await.unwrap();
    w.shot("0-profile").await;
    let profile = s.json(&["profile", "show"]);
    assert_eq!(profile["calling_rule"], "strict", "{profile}");
    assert_eq!(profile["min_days_between"], 30, "{profile}");
    assert_eq!(profile["contact_start"], "10:00:00", "{profile}");
    assert_eq!(profile["contact_end"], "18:30:00", "{profile}");

    // Playbooks: shown, added, edited, deleted after a confirmation.
    let book = w.find("#playbooks [data-playbook='BuyAndHold']").await;
    assert!(book.text().await.unwrap().contains("A longevity service plan"));
    w.find("#add-playbook").await.click().await.unwrap();
    w.find("#playbook-dialog[open]").await;
    w.find("#playbook-tag").await.send_keys("#buyandhold").await.unwrap();
    w.find("#playbook-form [data-submit]").await.click().await.unwrap();
    w.find_text("#playbook-tag-error", "already has a playbook").await;
    w.find("#playbook-tag").await.clear().await.unwrap();
    w.find("#playbook-tag").await.send_keys("Commuter").await.unwrap();
    w.find("#playbook-never_topics").await.send_keys("referrals").await.unwrap();
    w.find("#playbook-offer").await.send_keys("A loaner car during every service").await.unwrap();
    w.find("#playbook-script").await.send_keys("They need the car every day: talk about time saved.").await.unwrap();
    w.shot("1-add-playbook").await;
    w.find("#playbook-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#playbook-dialog").await;
    w.find_text("#playbooks [data-playbook='Commuter']", "A loaner car during every service").await;

    w.find("[data-edit-playbook='BuyAndHold']").await.click().await.unwrap();
    w.find("#playbook-dialog[open]").await;
    set_value(&w, "#playbook-never_topics", "buy-back, trade-in").await;
    w.find("#playbook-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#playbook-dialog").await;
    w.find_text("#playbooks [data-playbook='BuyAndHold']", "trade-in").await;
    w.shot("2-playbooks").await;

    w.find("[data-delete-playbook='Commuter']").await.click().await.unwrap();
    w.find("#confirm-dialog[open]").await;
    w.shot("3-confirm").await;
    w.find("#confirm-dialog [data-answer='yes']").await.click().await.unwrap();
    gone(&w, "#playbooks [data-playbook='Commuter']").await;

    let playbooks = s.json(&["playbooks", "list"]);
    let list = playbooks.as_array().unwrap();
    assert!(list.iter().all(|p| p["tag"] != "Commuter"), "{playbooks}");
    let kept = list.iter().find(|p| p["tag"] == "BuyAndHold").unwrap();
    assert_eq!(kept["never_topics"], serde_json::json!(["buy-back", "trade-in"]));
    assert_eq!(kept["offer"], serde_json::json!(["A longevity service plan"]));
    w.close().await;
}
