//! Reaching out through the salesperson's own apps: the core's Guard decides and makes the `mailto:`, `sms:` or
//! `tel:` address (`Store::hand_off`); this opens it with the system's opener (Tauri's opener plugin, called from
//! Rust — the page is granted none of the plugin's commands). Nothing is sent by Rapport itself.

use rapport_core::handoff::HandOff;
use rapport_core::model::NewInteraction;
use rapport_core::Error;
use tauri::State;

use crate::commands::{with, Book, Reply};

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

/// The window's hand-off: the Guard on the real channel, time and words (a block or a caution without a
/// justification comes back as the error `log_interaction` gives), then the customer's app opens.
#[tauri::command(async)]
pub fn hand_off(
    book: State<'_, Book>,
    customer_id: String,
    interaction: NewInteraction,
    subject: Option<String>,
) -> Reply<HandOff> {
    with(&book, |s, now| {
        let h = s.hand_off(&customer_id, interaction, subject.as_deref(), now)?;
        open(&h.url)?;
        Ok(h)
    })
}
