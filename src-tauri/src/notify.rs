//! Desktop notifications (notify-rust, over D-Bus): the reasons whose time has come, once each.
//! Which reasons is the core's call (`reasons::notice`); this module only sends and remembers.

use chrono::{DateTime, Utc};
use rapport_core::reasons::notice;
use rapport_core::{Error, Store};
use serde::Serialize;

/// A notification that reached the notification server.
#[derive(Serialize)]
pub struct Sent {
    pub reason_id: String,
    pub customer_id: String,
    pub summary: String,
    pub body: String,
    /// The server's id for it, to wait for the salesperson to click it (the window then opens that customer).
    #[serde(skip)]
    pub notification_id: Option<u32>,
}

/// Sends what is due now and records each as notified, so a restart never repeats one.
/// With no notification server (no D-Bus session), reports it and records nothing.
pub fn send_due(store: &mut Store, now: DateTime<Utc>) -> Result<Vec<Sent>, Error> {
    let profile = store.profile()?;
    let agenda = store.agenda(now, 0)?;
    let mut sent = Vec::new();
    // Servers that read markup in bodies would show a customer named "<b>…</b>" in bold, with a hidden link.
    let markup = notify_rust::get_capabilities().is_ok_and(|c| c.iter().any(|x| x == "body-markup"));
    for r in notice::due_now(&agenda, &profile, now) {
        if store.was_notified(&r.id)? {
            continue;
        }
        let summary = r.value.clone();
        let body = format!("{} — by {} · {}", r.customer_name, r.channel.word(), r.window.their_time);
        let shown = notify_rust::Notification::new()
            .appname("Rapport")
            .summary(&summary)
            .body(&if markup { as_text(&body) } else { body.clone() })
            .action("default", "Open customer")
            .show()
            .map_err(|e| Error::Io(std::io::Error::other(format!("desktop notifications are not available: {e}"))))?;
        store.mark_notified(&r.id, &r.customer_id, now)?;
        sent.push(Sent {
            reason_id: r.id.clone(),
            customer_id: r.customer_id.clone(),
            summary,
            body,
            notification_id: Some(shown.id()),
        });
    }
    Ok(sent)
}

/// Waits (on its own D-Bus connection, so on any thread) until notification `id` is clicked or closed, and calls
/// `open` when it was clicked.
pub fn on_click(id: u32, open: impl FnOnce()) {
    let _ = notify_rust::handle_action(id, |response| {
        if matches!(response, notify_rust::ActionResponse::Custom("default")) {
            open();
        }
    });
}

/// Customer text as text in a markup body: `&`, `<` and `>` escaped.
fn as_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
