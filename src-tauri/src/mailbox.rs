//! Emails and invitations logged from the window: a file picked on a customer's page (its bytes come from the page)
//! or `.eml` / `.ics` files dropped on the window (their paths stay here — the page only says which of them to log, by number). Each is read
//! and logged by the core (`io::mail`, `Store::log_email`).

use std::path::PathBuf;
use std::sync::Mutex;

use rapport_core::model::Direction;
use rapport_core::store::LoggedEmail;
use rapport_core::Error;
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{Emitter, State};

use crate::commands::{with, Book, Reply};

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

fn log(
    book: &State<'_, Book>,
    bytes: &[u8],
    name: &str,
    customer: Option<&str>,
    direction: Option<Direction>,
) -> Reply<LoggedEmail> {
    rapport_core::io::check_import_size(bytes.len() as u64)?;
    let happened = rapport_core::io::Happened::read(bytes, name)?;
    with(book, |s, now| s.log_happened(&happened, customer, direction, now))
}

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from).filter(|v| !v.is_empty())
}

fn direction(text: Option<String>) -> Result<Option<Direction>, Error> {
    text.map(|d| d.parse().map_err(|_| Error::invalid("direction", format!("'{d}' is not in or out")))).transpose()
}

/// Everyone a file names (the page sends its raw bytes and `x-name`), for "Add … as a customer" when nobody in the
/// book has their address.
#[tauri::command(async)]
pub fn file_people(request: Request<'_>) -> Reply<Vec<rapport_core::io::mail::Mailbox>> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::invalid("file", "send the file's bytes").into());
    };
    let name = header(&request, "x-name").unwrap_or_default();
    Ok(rapport_core::io::Happened::read(bytes, &name)?.people())
}

/// Everyone dropped file number `index` names.
#[tauri::command(async)]
pub fn dropped_people(dropped: State<'_, Dropped>, index: usize) -> Reply<Vec<rapport_core::io::mail::Mailbox>> {
    let path = dropped.0.lock().unwrap_or_else(|p| p.into_inner()).get(index).cloned();
    let path =
        path.ok_or_else(|| Error::invalid("file", "that file is no longer waiting to be logged: drop it again"))?;
    let bytes = std::fs::read(&path).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    Ok(rapport_core::io::Happened::read(&bytes, &name)?.people())
}

/// Logs the email file the page sends as raw bytes (`x-customer`: the customer it belongs to when no address
/// tells; `x-direction`: `in` or `out` when neither does).
#[tauri::command(async)]
pub fn log_email(book: State<'_, Book>, request: Request<'_>) -> Reply<LoggedEmail> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::invalid("file", "send the file's bytes").into());
    };
    let customer = header(&request, "x-customer");
    let name = header(&request, "x-name").unwrap_or_default();
    log(&book, bytes, &name, customer.as_deref(), direction(header(&request, "x-direction"))?)
}

/// Logs dropped file number `index` (as `emails-dropped` listed them).
#[tauri::command(async)]
pub fn log_dropped_email(
    book: State<'_, Book>,
    dropped: State<'_, Dropped>,
    index: usize,
    customer_id: Option<String>,
    direction: Option<Direction>,
) -> Reply<LoggedEmail> {
    let path = dropped.0.lock().unwrap_or_else(|p| p.into_inner()).get(index).cloned();
    let path =
        path.ok_or_else(|| Error::invalid("file", "that file is no longer waiting to be logged: drop it again"))?;
    let bytes = std::fs::read(&path).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    log(&book, &bytes, &name, customer_id.as_deref(), direction)
}
