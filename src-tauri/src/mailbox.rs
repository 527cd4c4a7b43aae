//! Emails and invitations logged from the window: a file picked on a customer's page (its bytes come from the page)
//! or `.eml` / `.ics` files dropped on the window (their paths stay here — the page only says which of them to log, by number). Each is read
//! and logged by the core (`io::mail`, `Book::log_happened`), on either book.

use std::path::PathBuf;
use std::sync::Mutex;

use rapport_core::io::mail::Mailbox;
use rapport_core::io::Happened;
use rapport_core::model::Direction;
use rapport_core::store::LoggedEmail;
use rapport_core::Error;
use serde::Serialize;
use tauri::ipc::Request;
use tauri::{Emitter, State};

use crate::commands::{with_any, Book, Reply};
use crate::transfer::header;

/// The files last dropped on the window.
#[derive(Default)]
pub struct Dropped(Mutex<Vec<PathBuf>>);

/// What the page is told when files are dropped: their names, in the order `log_dropped_email` numbers them.
#[derive(Clone, Serialize)]
struct DroppedFiles {
    names: Vec<String>,
}

/// Keeps the emails among dropped files and tells the page (`emails-dropped`); other files are left alone.
pub fn dropped(window: &tauri::Window, paths: &[PathBuf]) {
    use tauri::Manager;
    let loggable = |e: &std::ffi::OsStr| ["eml", "ics", "ical"].iter().any(|x| e.eq_ignore_ascii_case(x));
    let emails: Vec<PathBuf> = paths.iter().filter(|p| p.extension().is_some_and(loggable)).cloned().collect();
    if emails.is_empty() {
        return;
    }
    let names = emails.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().to_string()).collect();
    *window.app_handle().state::<Dropped>().0.lock().unwrap_or_else(|p| p.into_inner()) = emails;
    let _ = window.emit("emails-dropped", DroppedFiles { names });
}

/// The file the page sent (raw bytes, its name in `x-name`), read as an email or an invitation.
fn picked(request: &Request<'_>) -> Result<Happened, Error> {
    let bytes = crate::transfer::file_bytes(request, ("file", "send the file's bytes"))?;
    Happened::read(bytes, &header(request, "x-name").unwrap_or_default())
}

/// Dropped file number `index` (as `emails-dropped` listed them), read as an email or an invitation.
fn dropped_file(dropped: &Dropped, index: usize) -> Result<Happened, Error> {
    let path = dropped.0.lock().unwrap_or_else(|p| p.into_inner()).get(index).cloned();
    let path =
        path.ok_or_else(|| Error::invalid("file", "that file is no longer waiting to be logged: drop it again"))?;
    rapport_core::io::check_import_size(std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0))?;
    let bytes = std::fs::read(&path).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    Happened::read(&bytes, &name)
}

fn direction(text: Option<String>) -> Result<Option<Direction>, Error> {
    text.map(|d| d.parse().map_err(|_| Error::invalid("direction", format!("'{d}' is not in or out")))).transpose()
}

/// Everyone a file names (the page sends its raw bytes and `x-name`), for "Add … as a customer" when nobody in the
/// book has their address.
#[tauri::command(async)]
pub fn file_people(request: Request<'_>) -> Reply<Vec<Mailbox>> {
    Ok(picked(&request)?.people())
}

/// Everyone dropped file number `index` names.
#[tauri::command(async)]
pub fn dropped_people(dropped: State<'_, Dropped>, index: usize) -> Reply<Vec<Mailbox>> {
    Ok(dropped_file(&dropped, index)?.people())
}

/// Logs the email or invitation the page sends as raw bytes (`x-customer`: the customer it belongs to when no
/// address tells; `x-direction`: `in` or `out` when neither does).
#[tauri::command(async)]
pub fn log_email(book: State<'_, Book>, request: Request<'_>) -> Reply<LoggedEmail> {
    let happened = picked(&request)?;
    let customer = header(&request, "x-customer");
    let direction = direction(header(&request, "x-direction"))?;
    with_any(&book, move |s, now| s.log_happened(&happened, customer.as_deref(), direction, now))
}

/// Logs dropped file number `index`.
#[tauri::command(async)]
pub fn log_dropped_email(
    book: State<'_, Book>,
    dropped: State<'_, Dropped>,
    index: usize,
    customer_id: Option<String>,
    direction: Option<Direction>,
) -> Reply<LoggedEmail> {
    let happened = dropped_file(&dropped, index)?;
    with_any(&book, move |s, now| s.log_happened(&happened, customer_id.as_deref(), direction, now))
}
