//! While the app runs (window open or in the tray), checks every minute for reasons whose time has come and
//! sends their notification — once each, never for held-back reasons. Clicking one opens that customer.
//! It also keeps the calendar subscription file current and, on one's own book, takes the day's backup (at start,
//! then once a day). On the dealership book it works as the person signed in, on a connection of its own.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rapport_core::dealership::DealershipBook;
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::Book;
use crate::notify::OnClick;

/// How often the scheduler looks.
const EVERY: Duration = Duration::from_secs(60);

/// Once per run: the window that signs in to the dealership book and comes back to its own starts it then.
static STARTED: std::sync::Once = std::sync::Once::new();

pub fn start(app: AppHandle) {
    STARTED.call_once(|| run(app));
}

fn run(app: AppHandle) {
    // A click on a notification brings the window up on that customer.
    let open_customer: OnClick = {
        let app = app.clone();
        std::sync::Arc::new(move |customer: &str| {
            crate::tray::show(&app);
            let _ = app.emit_to("main", "open-customer", customer.to_string());
        })
    };
    std::thread::spawn(move || {
        let mut reported = false;
        // On the dealership book: a connection of the scheduler's own, as whoever the window is signed in as.
        let mut shared: Option<((String, String), DealershipBook)> = None;
        // A first look shortly after start, then every minute.
        std::thread::sleep(Duration::from_secs(5));
        loop {
            let book = app.state::<Book>();
            let now = book.clock.now();
            let result = match book.signed_in_as() {
                None => {
                    shared = None;
                    own_book_minute(&book, now, &open_customer)
                }
                Some(who) => {
                    if shared.as_ref().is_none_or(|(was, _)| *was != who) {
                        // Connected here, on the scheduler's thread (a server away costs this minute, not the window).
                        shared = match book.shared_beside() {
                            Some(Ok((who, beside))) => beside.connect().ok().map(|b| (who, b)),
                            _ => None,
                        };
                    }
                    match shared.as_mut() {
                        Some((_, b)) => shared_book_minute(b, now, &open_customer),
                        None => Err(rapport_core::Error::invalid("book", "the dealership book cannot be reached")),
                    }
                }
            };
            match result {
                Ok(_) => reported = false,
                Err(e) if !reported => {
                    eprintln!("rapport: notifications: {e}");
                    reported = true;
                }
                Err(_) => {}
            }
            std::thread::sleep(EVERY);
        }
    });
}

/// One's own book: the day's backup, search catch-up, the calendar file and notifications, on a connection of its
/// own so the window never waits for the minute's work.
fn own_book_minute(book: &Book, now: DateTime<Utc>, open_customer: &OnClick) -> Result<(), rapport_core::Error> {
    let (mut store, _share) = book.beside()?;
    // A backup at start and once a day, while the book is open.
    if let Err(e) = store.backup_if_due(now) {
        eprintln!("rapport: backup: {e}");
        crate::error_log::record(&e, "daily backup");
    }
    // Finish making an interrupted import searchable.
    if store.search_backlog().unwrap_or(0) > 0 {
        let _ = store.catch_up_search(&|_| {});
    }
    // The calendar file a calendar app subscribes to, rewritten when an event changed.
    if let Err(e) = store.keep_calendar_file(now, 30) {
        crate::error_log::record(&e, "calendar file");
    }
    crate::notify::send_due(&mut store, now, Some(open_customer.clone())).map(drop)
}

/// The dealership book: the signed-in person's own calendar file and notifications. Its backups are the server's
/// (`pg_dump`, docs/SHARED-BOOK.md), and it has no search to catch up (the server indexes as it writes).
fn shared_book_minute(
    book: &mut DealershipBook,
    now: DateTime<Utc>,
    open_customer: &OnClick,
) -> Result<(), rapport_core::Error> {
    match crate::location::dealership_calendar_file() {
        Ok(path) => {
            if let Err(e) = rapport_core::io::ics::keep_calendar_file_at(book, &path, now, 30) {
                crate::error_log::record(&e, "calendar file");
            }
        }
        Err(e) => crate::error_log::record(&e, "calendar file"),
    }
    crate::notify::send_due(book, now, Some(open_customer.clone())).map(drop)
}
