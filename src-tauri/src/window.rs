//! The window: opens the book, registers the commands, and shows the main window.
//! A book that cannot be opened is reported on the terminal and in a plain error page, never altered.

use std::path::PathBuf;
use std::sync::Mutex;

use rapport_core::Store;
use tauri::{WebviewUrl, WebviewWindowBuilder};

use crate::clock::Clock;
use crate::commands::{self, Book};

pub fn run(db: PathBuf, clock: Clock) {
    let store = match Store::open(&db) {
        Ok(s) => s,
        Err(e) => crate::cli::fail(false, e.code(), &format!("cannot open {}: {e}", db.display())),
    };
    let result = tauri::Builder::default()
        .manage(Book { store: Mutex::new(store), clock })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::load_demo,
            commands::list_customers,
            commands::list_tags,
            commands::search,
            commands::customer_page,
            commands::save_customer,
            commands::add_contact_point,
            commands::add_fact,
            commands::add_goal,
            commands::add_note,
            commands::add_purchase,
            commands::add_promise,
            commands::keep_promise,
            commands::open_issue,
            commands::update_issue,
            commands::resolve_issue,
            commands::log_interaction,
            commands::record_preference,
            commands::check_outreach,
            commands::held_back,
            commands::list_playbooks,
            commands::save_playbook,
            commands::delete_playbook,
            commands::get_profile,
            commands::save_profile,
        ])
        .setup(|app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Rapport")
                .inner_size(1280.0, 800.0)
                .min_inner_size(900.0, 600.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        crate::cli::fail(false, "window", &format!("the window could not start: {e}"));
    }
}
