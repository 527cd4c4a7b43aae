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

/// A book with customers opens on Today; these tests start from the customer list.
async fn to_customers(w: &Window) {
    w.find("#today").await;
    w.find("[data-place='customers']").await.click().await.unwrap();
    w.find("#customer-list").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_book_loads_a_search_finds_a_customer_and_their_page_opens_on_how_to_reach_me() {
    let s = Sandbox::new();
    let w = Window::open(&s, "foundation").await;

    w.find("#load-demo").await.click().await.expect("click the demo offer");
    // The demo book opens on Today; the list is one click away.
    w.find("#today .reason").await;
    w.find("[data-place='customers']").await.click().await.unwrap();
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
    s.ok(&[
        "reminders",
        "add",
        &id,
        "--value",
        "<i>Her winter tires</i> are in — book the swap before the snow",
        "--due",
        "2026-11-23",
    ]);
    let w = Window::open(&s, "escaping").await;
    // Today shows customer text as text too.
    let row = w.find_text("#today li.reason", "<i>Her winter tires</i> are in").await;
    assert!(row.text().await.unwrap().contains("<b>Bold</b> Name"));
    assert!(w.client.find_all(Locator::Css("#today i, #today b")).await.unwrap().is_empty());
    to_customers(&w).await;
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
    to_customers(&w).await;

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
    to_customers(&w).await;
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

/// The reasons on the CLI's agenda for the coming `days`.
fn agenda_reasons(s: &Sandbox, days: &str) -> Vec<Value> {
    s.json(&["agenda", "--days", days])["reasons"].as_array().unwrap().clone()
}

/// The text of every element matching `css`, in document order.
async fn texts(w: &Window, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in w.client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn today_shows_the_demo_books_reasons_and_done_on_a_promise_removes_it() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let agenda = s.json(&["agenda", "--days", "7"]);
    let reasons = agenda["reasons"].as_array().unwrap();
    let promise = reasons
        .iter()
        .find(|r| r["kind"] == "promise_due" && r["overdue_days"].as_i64().unwrap() > 0)
        .expect("the demo book has an overdue promise")
        .clone();
    let reason_id = promise["id"].as_str().unwrap().to_string();
    let customer_id = promise["customer_id"].as_str().unwrap().to_string();
    let value = promise["value"].as_str().unwrap().to_string();
    let overdue = promise["overdue_days"].as_i64().unwrap();
    let promise_id = promise["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "promise")
        .expect("a promise reason names its promise")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let held = agenda["held_back"].as_array().unwrap();
    assert_eq!(held.len(), 2, "{agenda}");

    let w = Window::open(&s, "today").await;
    // It opens on Today, the first place.
    w.find("#today").await;
    let current = w.find("[data-place='today']").await.attr("aria-current").await.unwrap();
    assert_eq!(current.as_deref(), Some("page"));
    let places = texts(&w, ".places [data-place]").await;
    assert_eq!(places.first().map(|p| p.trim()), Some("Today"), "{places:?}");
    w.find_text("#today-date", "Mon 23 Nov 2026").await;

    // The three groups, in this order, each with its heading shown.
    w.find("#today .reason").await;
    let headings = texts(&w, "#today .today-group:not([hidden]) h2").await;
    let wanted = ["Waiting on you", "Time-sensitive", "Worth offering"];
    assert_eq!(headings.len(), 3, "{headings:?}");
    for (heading, word) in headings.iter().zip(wanted) {
        assert!(heading.starts_with(word), "{headings:?}");
    }
    for word in wanted {
        assert!(w.find_text("#today .today-group h2", word).await.is_displayed().await.unwrap());
    }
    let rows = w.client.find_all(Locator::Css("#today li.reason")).await.unwrap();
    assert_eq!(rows.len(), reasons.len(), "one row per reason on the agenda");

    // The overdue promise: who, what they gain, how and when, marked overdue in words.
    let row_css = format!("#today li.reason[data-reason-id='{reason_id}']");
    let row = w.find(&row_css).await;
    assert_eq!(row.attr("data-kind").await.unwrap().as_deref(), Some("promise_due"));
    let text = row.text().await.unwrap();
    assert!(text.contains(promise["customer_name"].as_str().unwrap()), "{text}");
    assert!(text.contains(&value), "{text}");
    assert!(text.contains(&format!("Overdue {overdue} days")), "{text}");
    assert!(text.contains("their time"), "{text}");
    assert!(text.contains("Phone") || text.contains("Email") || text.contains("Text"), "the channel in words: {text}");
    assert!(text.contains(promise["why_now"].as_str().unwrap()), "{text}");
    // Talking points are folded away until asked for.
    let points = row.find(Locator::Css("[data-action='points']")).await.unwrap();
    assert_eq!(points.attr("aria-expanded").await.unwrap().as_deref(), Some("false"));
    points.click().await.unwrap();
    let first_point = promise["talking_points"][0].as_str().unwrap();
    w.find_text(&format!("{row_css} .reason-points"), first_point).await;

    w.shot("1-today").await;

    // Held back: quiet, with what the Guard stopped and the customer's words.
    let held_button = w.find_text("#today-held-back", "Held back (2)").await;
    assert_eq!(held_button.attr("aria-expanded").await.unwrap().as_deref(), Some("false"));
    held_button.click().await.unwrap();
    for h in held {
        let item = w.find_text("#today-held-list .held-item", h["customer_name"].as_str().unwrap()).await;
        let text = item.text().await.unwrap();
        assert!(text.contains(h["value"].as_str().unwrap()), "{text}");
        assert!(text.contains(h["message"].as_str().unwrap()), "{text}");
        if let Some(q) = h["quote"].as_str() {
            assert!(text.contains(&format!("“{q}”")), "their words in quotation marks: {text}");
            assert!(text.contains("said "), "{text}");
        }
    }
    w.client
        .execute("document.querySelector('#today-held-list').scrollIntoView({block: 'end'})", vec![])
        .await
        .unwrap();
    w.shot("2-held-back").await;

    // Done: the Log contact dialog, prefilled from the reason.
    row.find(Locator::Css("[data-action='done']")).await.unwrap().click().await.unwrap();
    w.find("#interaction-dialog[open]").await;
    let prop = |css: &'static str| {
        let w = &w;
        async move { w.find(css).await.prop("value").await.unwrap().unwrap_or_default() }
    };
    assert_eq!(prop("#interaction-reason").await, value);
    assert_eq!(prop("#interaction-direction").await, "out");
    assert_eq!(prop("#interaction-channel").await, promise["channel"].as_str().unwrap());
    assert_eq!(prop("#interaction-purpose").await, promise["purpose"].as_str().unwrap());
    assert!(prop("#interaction-at").await.starts_with("2026-11-23T10:"), "now, in Chicago");
    w.find("#interaction-summary")
        .await
        .send_keys("Called: the plates are in, dropping them off tomorrow")
        .await
        .unwrap();
    w.find("#verdict[data-verdict='allowed']").await;
    let focused = w.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "interaction-summary", "what happened is all that is left to write");
    w.shot("3-done-dialog").await;
    w.find("#interaction-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#interaction-dialog").await;
    gone(&w, &row_css).await;
    w.find_text("#status", "kept the promise").await;
    w.shot("4-after-done").await;
    // The smallest window (900×600) keeps every row usable.
    if w.client.set_window_size(900, 600).await.is_ok() {
        w.client.execute("document.querySelector('#main').scrollTop = 0", vec![]).await.unwrap();
        w.shot("5-small-window").await;
    }

    // The book agrees: the contact is logged, the promise is kept, the reason is gone.
    let record = s.json(&["customers", "show", &customer_id]);
    let kept = record["promises"].as_array().unwrap().iter().find(|p| p["id"] == promise_id.as_str()).unwrap();
    assert_eq!(kept["status"], "kept", "{kept}");
    let logged = record["interactions"].as_array().unwrap();
    assert!(logged.iter().any(|i| i["reason"] == value.as_str() && i["direction"] == "out"), "{record}");
    assert!(agenda_reasons(&s, "7").iter().all(|r| r["id"] != reason_id.as_str()));
    assert!(agenda_reasons(&s, "30").iter().all(|r| r["id"] != reason_id.as_str()));
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn snoozed_and_dismissed_reasons_leave_today() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let reasons = agenda_reasons(&s, "7");
    let first_in = |group: &str| reasons.iter().find(|r| r["group"] == group).unwrap().clone();
    let snoozed = first_in("time_sensitive");
    let dismissed = first_in("worth_offering");
    let snoozed_id = snoozed["id"].as_str().unwrap().to_string();
    let dismissed_id = dismissed["id"].as_str().unwrap().to_string();
    let snoozed_css = format!("#today li.reason[data-reason-id='{snoozed_id}']");
    let dismissed_css = format!("#today li.reason[data-reason-id='{dismissed_id}']");

    let w = Window::open(&s, "today-states").await;

    // Snooze: a day after today (tomorrow by default) and a note.
    w.find(&snoozed_css).await.find(Locator::Css("[data-action='snooze']")).await.unwrap().click().await.unwrap();
    w.find("#snooze-dialog[open]").await;
    assert_eq!(w.find("#snooze-until").await.prop("value").await.unwrap().as_deref(), Some("2026-11-24"));
    set_value(&w, "#snooze-until", "2026-11-23").await;
    w.find("#snooze-form [data-submit]").await.click().await.unwrap();
    w.find_text("#snooze-until-error", "after today").await;
    set_value(&w, "#snooze-until", "2026-12-01").await;
    w.find("#snooze-note").await.send_keys("He is away until the end of the month").await.unwrap();
    w.shot("1-snooze").await;
    w.find("#snooze-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#snooze-dialog").await;
    gone(&w, &snoozed_css).await;

    // Dismiss: only with why.
    w.find(&dismissed_css).await.find(Locator::Css("[data-action='dismiss']")).await.unwrap().click().await.unwrap();
    w.find("#dismiss-dialog[open]").await;
    let label = w.find("label[for='dismiss-why']").await.text().await.unwrap();
    assert!(label.contains("What makes this not worth the customer"), "{label}");
    w.find("#dismiss-form [data-submit]").await.click().await.unwrap();
    let error = w.find("#dismiss-why-error").await.text().await.unwrap();
    assert!(!error.is_empty(), "a dismissal needs a reason");
    assert!(w.find("#dismiss-dialog[open]").await.is_displayed().await.unwrap());
    w.find("#dismiss-why").await.send_keys("She told me last week she has winterizing booked elsewhere").await.unwrap();
    w.shot("2-dismiss").await;
    w.find("#dismiss-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#dismiss-dialog").await;
    gone(&w, &dismissed_css).await;
    w.shot("3-after").await;

    // The book agrees.
    for days in ["0", "7", "30"] {
        let ids: Vec<_> = agenda_reasons(&s, days).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        assert!(!ids.contains(&snoozed_id), "snoozed {snoozed_id} is still on the {days}-day agenda");
        assert!(!ids.contains(&dismissed_id), "dismissed {dismissed_id} is still on the {days}-day agenda");
    }

    // A customer's name opens their page; Back (and Esc) return to Today, on the same row.
    let other = agenda_reasons(&s, "7").into_iter().next().unwrap();
    let other_css = format!("#today li.reason[data-reason-id='{}']", other["id"].as_str().unwrap());
    w.find(&other_css).await.find(Locator::Css(".reason-name")).await.unwrap().click().await.unwrap();
    w.find("#customer-page #how-to-reach").await;
    let back = w.find("#customer-page [data-action='back']").await;
    assert!(back.text().await.unwrap().contains("Today"));
    back.click().await.unwrap();
    w.find(&other_css).await;
    let focused = w
        .client
        .execute("return document.activeElement.closest('li.reason')?.dataset.reasonId ?? null", vec![])
        .await
        .unwrap();
    assert_eq!(focused, other["id"], "focus returns to the row whose customer was opened");
    w.find(&other_css).await.find(Locator::Css(".reason-name")).await.unwrap().click().await.unwrap();
    w.find("#customer-page #how-to-reach").await;
    w.client.execute("document.activeElement.blur()", vec![]).await.unwrap();
    w.client.find(Locator::Css("body")).await.unwrap().send_keys("\u{e00c}").await.unwrap();
    w.find(&other_css).await;

    // From the search field, ArrowDown comes to the first customer on Today; arrows move between them.
    w.client.execute("document.activeElement.blur()", vec![]).await.unwrap();
    w.client.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
    w.find("#search").await.send_keys("\u{e015}").await.unwrap();
    let row_of_focus = "return document.activeElement.closest('li.reason')?.dataset.reasonId ?? null";
    let ids: Vec<Value> = agenda_reasons(&s, "7").iter().map(|r| r["id"].clone()).collect();
    assert_eq!(w.client.execute(row_of_focus, vec![]).await.unwrap(), ids[0]);
    w.client.active_element().await.unwrap().send_keys("\u{e015}").await.unwrap();
    assert_eq!(w.client.execute(row_of_focus, vec![]).await.unwrap(), ids[1]);

    // The range is remembered.
    w.find("#today-range input[value='30']").await.click().await.unwrap();
    let rows30 = agenda_reasons(&s, "30").len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while w.client.find_all(Locator::Css("#today li.reason")).await.unwrap().len() != rows30 {
        assert!(std::time::Instant::now() < deadline, "the 30-day range shows {rows30} reasons");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    w.find("[data-place='customers']").await.click().await.unwrap();
    w.find("#customer-list").await;
    w.find("[data-place='today']").await.click().await.unwrap();
    let checked = w.find("#today-range input:checked").await.prop("value").await.unwrap();
    assert_eq!(checked.as_deref(), Some("30"));

    // Add to calendar: the shown range, as an iCalendar file in Downloads (or home).
    w.find("#today li.reason").await;
    w.find("#today-export").await.click().await.unwrap();
    let said = w.find_text("#status", "Saved rapport-agenda-2026-11-23.ics").await.text().await.unwrap();
    assert!(said.ends_with(&format!("({rows30} events)")), "{said}");
    let home = s.dir.path().join("home");
    let file = [home.join("Downloads"), home.clone()]
        .into_iter()
        .map(|d| d.join("rapport-agenda-2026-11-23.ics"))
        .find(|p| p.exists())
        .expect("the calendar file was written");
    let ics = std::fs::read_to_string(file).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), rows30, "{ics}");
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_must_say_what_the_customer_gains_and_settings_keep_notifications() {
    let s = Sandbox::new();
    let c = s.json(&["customers", "add", "Hannah Schultz", "--preferred", "Hannah", "--tz", "America/Chicago"]);
    let id = c["id"].as_str().unwrap().to_string();
    let w = Window::open(&s, "reminder").await;
    w.find_text("#today-empty", "Nobody is waiting on you today.").await;
    let empty = w.find("#today-empty").await.text().await.unwrap();
    assert_eq!(empty.trim(), "Nobody is waiting on you today.");
    assert!(w.client.find_all(Locator::Css("#today li.reason")).await.unwrap().is_empty());
    assert!(!w.find("#today-held-back").await.is_displayed().await.unwrap(), "nothing held back, no link");
    w.shot("0-empty").await;

    to_customers(&w).await;
    w.find(&format!("#customer-list [data-customer-id='{id}']")).await.click().await.unwrap();
    w.find("#add-reminder").await.click().await.unwrap();
    w.find("#reminder-dialog[open]").await;
    w.find("#reminder-value").await.send_keys("just checking in").await.unwrap();
    set_value(&w, "#reminder-due_on", "2026-11-23").await;
    w.find("#reminder-form [data-submit]").await.click().await.unwrap();
    w.find_text("#reminder-value-error", "What will the customer gain from this contact?").await;
    w.shot("1-contentless").await;
    w.find("#reminder-value").await.clear().await.unwrap();
    w.find("#reminder-value")
        .await
        .send_keys("Her first winter driving: how to check tire pressure before the first snow")
        .await
        .unwrap();
    w.find("#reminder-channel").await.select_by_value("text").await.unwrap();
    w.find("#reminder-form [data-submit]").await.click().await.unwrap();
    gone(&w, "#reminder-dialog").await;

    // It is on Today, worth offering, by text.
    w.find("[data-place='today']").await.click().await.unwrap();
    let row = w.find_text("#today-group-worth_offering li.reason", "tire pressure").await;
    assert_eq!(row.attr("data-kind").await.unwrap().as_deref(), Some("reminder"));
    assert!(row.text().await.unwrap().contains("Text"));

    // Settings: desktop notifications and starting at login.
    w.find("[data-place='settings']").await.click().await.unwrap();
    let notifications = w.find("#profile-notifications").await;
    assert!(notifications.is_selected().await.unwrap(), "notifications are on by default");
    notifications.click().await.unwrap();
    w.find("label[for='profile-start_at_login']").await;
    w.find("#profile-form [data-submit]").await.click().await.unwrap();
    w.find_text("#status", "Saved your profile").await;
    let profile = s.json(&["profile", "show"]);
    assert_eq!(profile["notifications"], false, "{profile}");
    assert_eq!(profile["start_at_login"], false, "{profile}");
    w.close().await;
}
