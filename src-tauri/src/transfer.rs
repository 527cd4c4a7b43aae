//! The window's import and export: the file's bytes come from the page (the salesperson picked the file there),
//! the plan is shown before anything is written, the import runs in the background with progress events and can
//! be cancelled (nothing lands), and exports are written in Rust on the path a save dialog returns.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rapport_core::io::{csv, vcard, ExportFormat};
use rapport_core::store::{ImportPlan, ImportReport};
use rapport_core::Error;
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{Book, IpcError};

/// The plan waiting for the salesperson's go-ahead, and the cancel switch of a running import.
#[derive(Default)]
pub struct Transfer {
    pending: Mutex<Option<ImportPlan>>,
    cancel: Arc<AtomicBool>,
}

impl Transfer {
    /// Forgets a previewed import: its matches were the other book's (after switching books).
    pub fn forget_plan(&self) {
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// What the window shows before an import.
#[derive(Serialize)]
pub struct Preview {
    /// `vcard`, `google`, `outlook` or `mapped`.
    kind: String,
    plan: ImportPlan,
    /// For a CSV: its headers, the first rows, and the mapping in use (proposed when none was given).
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    mapping: Option<csv::Mapping>,
}

/// A request header's value, when it is given and not empty.
/// The file the page sent as the raw body, refused past the import size limit; `missing` says what to send when
/// the body is not raw bytes.
pub(crate) fn file_bytes<'r>(request: &'r Request<'_>, missing: (&str, &str)) -> Result<&'r [u8], Error> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::invalid(missing.0, missing.1));
    };
    rapport_core::io::check_import_size(bytes.len() as u64)?;
    Ok(bytes)
}

pub(crate) fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from).filter(|v| !v.is_empty())
}

/// Reads the picked file (sent as raw bytes, with `x-format: vcard|csv` and an optional `x-mapping` JSON header)
/// and plans the import. Nothing is written.
#[tauri::command(async)]
pub fn import_preview(
    book: State<'_, Book>,
    transfer: State<'_, Transfer>,
    request: Request<'_>,
) -> Result<Preview, IpcError> {
    let bytes = file_bytes(&request, ("file", "send the file's bytes"))?;
    let format = header(&request, "x-format").unwrap_or_default();
    let (kind, parsed, headers, rows, mapping) = if format == "vcard" {
        ("vcard".to_string(), vcard::parse_bytes(bytes)?, vec![], vec![], None)
    } else {
        let (headers, rows) = csv::preview(bytes, 5)?;
        let given: Option<csv::Mapping> = match header(&request, "x-mapping") {
            Some(m) => Some(serde_json::from_str(&m).map_err(|e| Error::invalid("mapping", e.to_string()))?),
            None => None,
        };
        // A sheet of no known layout is previewed through the proposed mapping, which the window shows to confirm.
        let kind = csv::choose(&headers, given).unwrap_or_else(csv::CsvKind::Mapped);
        let mapping = match &kind {
            csv::CsvKind::Mapped(m) => Some(m.clone()),
            _ => None,
        };
        (kind.name().to_string(), csv::parse(bytes, &kind)?, headers, rows, mapping)
    };
    let plan = crate::commands::with_any(&book, move |s, _| s.plan_import(parsed))?;
    *transfer.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(plan.clone());
    Ok(Preview { kind, plan, headers, rows, mapping })
}

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

/// Runs the planned import in the background: `import-progress` events as it goes, then `import-done` with the
/// report or the error. One transaction: a failure or a cancel leaves the book as it was. `join` holds the lines of
/// the possible matches the salesperson marked as the same person.
#[tauri::command]
pub fn import_apply(app: AppHandle, transfer: State<'_, Transfer>, join: Option<Vec<usize>>) -> Result<(), IpcError> {
    let mut pending = transfer.pending.lock().unwrap_or_else(|p| p.into_inner());
    let mut plan = pending.clone().ok_or_else(|| Error::invalid("import", "preview the file first"))?;
    plan.join(&join.unwrap_or_default())?;
    pending.take();
    drop(pending);
    let cancel = transfer.cancel.clone();
    cancel.store(false, Ordering::Relaxed);
    std::thread::spawn(move || {
        let book = app.state::<Book>();
        let now = book.clock.now();
        let done = |result: Result<ImportReport, Error>| {
            let payload = match result {
                Ok(report) => serde_json::json!({ "ok": true, "report": report }),
                Err(e) => serde_json::json!({ "ok": false, "error": IpcError::from(e) }),
            };
            let _ = app.emit_to("main", "import-done", payload);
        };
        // The dealership book writes it on its own thread, in one transaction that a cancel rolls back.
        if book.is_shared() {
            let shown = app.clone();
            let cancel = cancel.clone();
            return done(
                book.run_any(move |shared, now| shared.apply_import(&plan, now, &progress_to(&shown), &cancel)),
            );
        }
        // On a connection of its own: the window keeps reading (and Today keeps showing) while the import writes.
        let (mut store, _share) = match book.beside() {
            Ok(beside) => beside,
            Err(e) => return done(Err(e)),
        };
        done(store.apply_import(&plan, now, &progress_to(&app), &cancel));
        // Then make the new rows searchable, a step at a time so a window write gets the book in between.
        while matches!(store.catch_up_search_step(), Ok(n) if n > 0) {}
    });
    Ok(())
}

/// An import's progress, told to the window as `import-progress` events.
fn progress_to(app: &AppHandle) -> impl Fn(usize, usize) + '_ {
    move |done, total| {
        let _ = app.emit_to("main", "import-progress", Progress { done, total });
    }
}

/// Stops a running import; nothing of it is kept.
#[tauri::command(async)]
pub fn cancel_import(transfer: State<'_, Transfer>) {
    transfer.cancel.store(true, Ordering::Relaxed);
}

#[derive(Serialize)]
pub struct Exported {
    /// The file name only (the window never shows full paths).
    file: Option<String>,
    customers: usize,
}

/// Asks where to save (a native save dialog), then writes the whole book as `json`, `vcard` or `csv`.
/// `file: null` when the salesperson cancelled the dialog.
#[tauri::command]
pub async fn export_book(app: AppHandle, format: String) -> Result<Exported, IpcError> {
    let format = ExportFormat::parse(&format)?;
    let (text, customers, ext) = {
        let book = app.state::<Book>();
        let b = crate::commands::with_any(&book, move |s, _| s.export_book())?;
        (format.write(&b), b.customers.len(), format.extension())
    };
    let picked =
        app.dialog().file().set_file_name(format!("rapport-book.{ext}")).add_filter(ext, &[ext]).blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(Exported { file: None, customers });
    };
    rapport_core::io::write_whole(&path, text.as_bytes()).map_err(|e| IpcError::from(Error::Io(e)))?;
    Ok(Exported { file: path.file_name().map(|f| f.to_string_lossy().to_string()), customers })
}
