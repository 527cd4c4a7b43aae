//! While the app runs (window open or in the tray), checks every minute for reasons whose time has come and
//! sends their notification — once each, never for held-back reasons. Clicking one opens that customer.
//! It also takes the day's backup (at start, then once a day) and keeps the calendar subscription file current.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::commands::Book;

/// How often the scheduler looks.
const EVERY: Duration = Duration::from_secs(60);

/// Once per run: the window that signs in to the dealership book and comes back to its own starts it then.
static STARTED: std::sync::Once = std::sync::Once::new();

pub fn start(app: AppHandle) {
    STARTED.call_once(|| run(app));
}

fn run(app: AppHandle) {
    // A click on a notification brings the window up on that customer.
    let open_customer: crate::notify::OnClick = {
        let app = app.clone();
        std::sync::Arc::new(move |customer: &str| {
            crate::tray::show(&app);
            let _ = app.emit_to("main", "open-customer", customer.to_string());
        })
    };
    std::thread::spawn(move || {
        let mut reported = false;
        // A first look shortly after start, then every minute.
        std::thread::sleep(Duration::from_secs(5));
        loop {
            let book = app.state::<Book>();
            // The dealership book's notifications, backups and calendar are not this version's (docs/DECISIONS.md).
            if book.is_shared() {
                std::thread::sleep(EVERY);
                continue;
            }
            let now = book.clock.now();
            // On a connection of its own, so the window never waits for the minute's work.
            let result = book.beside().and_then(|(mut store, _share)| {
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
                crate::notify::send_due(&mut store, now, Some(open_customer.clone()))
            });
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
