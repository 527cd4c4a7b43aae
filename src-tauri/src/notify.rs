//! Desktop notifications (notify-rust, over D-Bus): the reasons whose time has come, once each.
//! Which reasons is the core's call (`reasons::notice`); this module only sends and remembers.

use chrono::{DateTime, Utc};
use rapport_core::reasons::notice;
use rapport_core::{Book, Error};
use serde::Serialize;

/// A notification that reached the notification server.
#[derive(Serialize)]
pub struct Sent {
    pub reason_id: String,
    pub customer_id: String,
    pub summary: String,
    pub body: String,
}

/// What to do when the salesperson clicks a notification: open that customer (given their id).
pub type OnClick = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// Sends what is due now of the reader's own reasons ([`Book::own_agenda`]) and records each as notified for them,
/// so a restart never repeats one.
/// With no notification server (no D-Bus session), reports it and records nothing. With `on_click`, each
/// notification is waited on for a click (the window's scheduler); without, it is only shown (the command line).
pub fn send_due(book: &mut dyn Book, now: DateTime<Utc>, on_click: Option<OnClick>) -> Result<Vec<Sent>, Error> {
    let profile = book.profile()?;
    let agenda = book.own_agenda(now, 0)?;
    let mut sent = Vec::new();
    // Servers that read markup in bodies would show a customer named "<b>…</b>" in bold, with a hidden link.
    let markup = notify_rust::get_capabilities().is_ok_and(|c| c.iter().any(|x| x == "body-markup"));
    for r in notice::due_now(&agenda, &profile, now) {
        if book.was_notified(&r.id)? {
            continue;
        }
        let summary = r.value.clone();
        let body = format!("{} — by {} · {}", r.customer_name, r.channel.word(), r.window.their_time);
        let mut notification = notify_rust::Notification::new();
        notification
            .appname("Rapport")
            .summary(&summary)
            .body(&if markup { as_text(&body) } else { body.clone() })
            .action("default", "Open customer");
        match &on_click {
            Some(open) => show_and_wait(notification, r.customer_id.clone(), open.clone()),
            None => notification.show().map(drop).map_err(|e| e.to_string()),
        }
        .map_err(|e| Error::Io(std::io::Error::other(format!("desktop notifications are not available: {e}"))))?;
        book.mark_notified(&r.id, &r.customer_id, now)?;
        sent.push(Sent { reason_id: r.id.clone(), customer_id: r.customer_id.clone(), summary, body });
    }
    Ok(sent)
}

/// Shows `notification` from a thread of its own that then waits for the click: the server tells only the
/// connection that showed a notification about its actions, and that connection cannot move between threads.
/// Returns once the server has it (or refused it).
fn show_and_wait(notification: notify_rust::Notification, customer_id: String, open: OnClick) -> Result<(), String> {
    let (shown, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || match notification.show() {
        Ok(handle) => {
            let _ = shown.send(Ok(()));
            handle.wait_for_action(|action| {
                if action == "default" {
                    open(&customer_id);
                }
            });
        }
        Err(e) => {
            let _ = shown.send(Err(e.to_string()));
        }
    });
    answer.recv().unwrap_or_else(|_| Err("the notification thread ended".into()))
}

/// Customer text as text in a markup body: `&`, `<` and `>` escaped.
fn as_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
