//! Reaching out through the salesperson's own apps: the core's Guard decides and makes the `mailto:`, `sms:` or
//! `tel:` address (`Store::hand_off`); this opens it with the system's opener (Tauri's opener plugin, called from
//! Rust — the page is granted none of the plugin's commands). Nothing is sent by Rapport itself.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
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

/// Where a meeting's invitation is written: `invitations/` beside the book, named after the customer and the day.
pub fn invitation_path(book: &Path, h: &HandOff, now: DateTime<Utc>) -> PathBuf {
    let who: String = h.to.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let dir = book.parent().unwrap_or(Path::new(".")).join("invitations");
    dir.join(format!("{}-{}.ics", who.trim_matches('-'), now.format("%Y%m%dT%H%M%S")))
}

/// Writes an invitation file whole (its folder made when missing).
pub fn write_invitation(path: &Path, ics: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::BadFile(format!("{}: {e}", dir.display())))?;
    }
    rapport_core::io::write_whole(path, ics.as_bytes()).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))
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
    with(&book, |s, now| {
        let h = if thank_you.unwrap_or(false) {
            s.hand_off_thank_you(&customer_id, interaction, subject.as_deref(), now)?
        } else {
            s.hand_off(&customer_id, interaction, subject.as_deref(), now)?
        };
        match &h.invitation {
            Some(ics) => {
                let path = invitation_path(s.path(), &h, now);
                write_invitation(&path, ics)?;
                open_invitation(&path)?;
            }
            None => open(&h.url)?,
        }
        Ok(h)
    })
}
