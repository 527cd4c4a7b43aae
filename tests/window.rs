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
