//! Reaching out through the salesperson's own apps: the core's Guard decides and makes the `mailto:`, `sms:` or
//! `tel:` address (`Book::hand_off`, on either book); this opens it with the system's opener (Tauri's opener plugin, called from
//! Rust — the page is granted none of the plugin's commands). Nothing is sent by Rapport itself.

use std::path::Path;

use rapport_core::handoff::{HandOff, HandOffRequest};
use rapport_core::model::NewInteraction;
use rapport_core::Error;
use tauri::State;

use crate::commands::{with_any, Book, Reply};

/// The only addresses Rapport ever opens: what the core makes, and nothing a page could slip in.
const SCHEMES: [&str; 3] = ["mailto:", "sms:", "tel:"];

/// Opens `url` in the app the system has for its scheme.
pub fn open(url: &str) -> Result<(), Error> {
    if !SCHEMES.iter().any(|s| url.starts_with(s)) {
        return Err(Error::invalid("address", "Rapport opens only mail, message and phone addresses"));
    }
    tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| {
        Error::invalid("app", format!("no app on this computer opens {}: {e}", &url[..url.find(':').unwrap_or(0)]))
    })
}

/// Opens an invitation file in the calendar app the system has for it.
pub fn open_invitation(path: &Path) -> Result<(), Error> {
    tauri_plugin_opener::open_path(path, None::<&str>)
        .map_err(|e| Error::invalid("app", format!("no calendar app on this computer opens {}: {e}", path.display())))
}

/// The window's hand-off: the Guard on the real channel, time and words (a block or a caution without a
/// justification comes back as the error `log_interaction` gives), then the customer's app opens — for a meeting
/// in person, the invitation is written beside the book and opened in the calendar app.
#[tauri::command(async)]
pub fn hand_off(
    book: State<'_, Book>,
    customer_id: String,
    interaction: NewInteraction,
    subject: Option<String>,
    thank_you: Option<bool>,
) -> Reply<HandOff> {
    let beside = book.beside_path()?;
    with_any(&book, move |s, now| {
        let asked = HandOffRequest { subject, thank_you: thank_you.unwrap_or(false), ..Default::default() };
        let h = s.hand_off_with(&customer_id, interaction, &asked, now)?;
        match &h.invitation {
            Some(ics) => {
                let path = rapport_core::handoff::invitation_path(&beside, &h.to, now);
                rapport_core::handoff::write_invitation(&path, ics)?;
                open_invitation(&path)?;
            }
            None => open(&h.url)?,
        }
        Ok(h)
    })
}
