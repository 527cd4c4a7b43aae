//! The window: opens the book, registers the commands, and shows the main window.
//! A book that cannot be opened is never altered: the window opens on the recovery page (`recovery.rs`) instead.

use std::path::PathBuf;
use std::sync::Mutex;

use rapport_core::dealership::DealershipBook;
use rapport_core::Store;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use crate::clock::Clock;
use crate::commands::{self, Book};

/// Whether the tray icon exists (so closing the window may hide it instead of quitting).
struct TrayReady(bool);

/// The window on one's own book at `db`; `waiting`, a dealership book it could not sign in to, shows its sign-in page.
pub fn run(db: PathBuf, clock: Clock, hidden: bool, waiting: Option<commands::Waiting>) {
    let opened = Store::open(&db);
    if let Err(e) = &opened {
        eprintln!("rapport: cannot open {}: {e}; the window opens on the recovery page", db.display());
    }
    let problem = opened.as_ref().err().map(crate::recovery::clone_problem);
    let book = opened.ok().map(|store| Book::new(store, clock));
    open(book, crate::recovery::Recovery { db, clock, problem: Mutex::new(problem) }, waiting, hidden);
}

/// The window on the dealership's shared book, signed in. Its scheduler sends the signed-in person's notifications
/// and keeps their calendar file; the book's backups are the server's.
pub fn run_shared(book: DealershipBook, address: &str, clock: Clock, hidden: bool) {
    // One's own book stays where it is, for the salesperson who goes back to it (Settings).
    let own = crate::location::database_path(None).unwrap_or_default();
    let nothing_to_recover = crate::recovery::Recovery { db: own, clock, problem: Mutex::new(None) };
    open(Some(Book::shared(book, address, clock)), nothing_to_recover, None, hidden);
}

fn open(book: Option<Book>, recovery: crate::recovery::Recovery, waiting: Option<commands::Waiting>, hidden: bool) {
    let book_open = book.is_some();
    let mut builder = tauri::Builder::default();
    if let Some(book) = book {
        builder = builder.manage(book);
    }
    let result = builder
        .plugin(tauri_plugin_dialog::init())
        // The window comes back at the size and place it was left (not its visibility: `--tray` starts hidden).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        .manage(recovery)
        .manage(commands::WaitingSignIn(Mutex::new(waiting)))
        .manage(crate::transfer::Transfer::default())
        .manage(crate::campaign::LastCampaign::default())
        .manage(crate::mailbox::Dropped::default())
        .invoke_handler(tauri::generate_handler![
            crate::recovery::recovery,
            crate::recovery::recover,
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
            commands::log_contact_heard,
            commands::record_preference,
            commands::check_outreach,
            commands::read_outreach,
            crate::reach::hand_off,
            crate::mailbox::log_email,
            crate::mailbox::log_dropped_email,
            crate::mailbox::file_people,
            crate::mailbox::dropped_people,
            commands::listen,
            commands::held_back,
            commands::list_playbooks,
            commands::save_playbook,
            commands::delete_playbook,
            commands::remove_record,
            commands::passphrase_state,
            commands::set_passphrase,
            commands::agenda,
            commands::set_reason_state,
            commands::set_reason_states,
            commands::undo_reason_state,
            commands::add_reminder,
            commands::export_agenda_ics,
            commands::list_backups,
            commands::backup_now,
            commands::restore_backup,
            crate::transfer::import_preview,
            crate::transfer::import_apply,
            crate::transfer::cancel_import,
            crate::transfer::export_book,
            crate::campaign::check_campaign,
            crate::campaign::save_campaign,
            commands::note_details,
            commands::compose_note,
            commands::lint_note,
            commands::set_note_status,
            commands::list_notes,
            commands::update_note,
            commands::get_profile,
            commands::save_profile,
            crate::sign_in::sign_in_shared,
            crate::sign_in::use_own_book,
            crate::sign_in::forget_shared_password,
        ])
        .setup(move |app| {
            // Reading words takes ~15 ms the first time (models, patterns): on the second core while the page
            // loads its modules, rather than inside Today's first agenda.
            std::thread::spawn(rapport_core::language::warm_up);
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Rapport")
                .inner_size(1280.0, 800.0)
                .min_inner_size(900.0, 600.0)
                .visible(!hidden)
                .build()?;
            // Without a tray (no status notifier host), closing the window quits as usual.
            let tray = crate::tray::build(app);
            if let Err(e) = &tray {
                eprintln!("rapport: no tray icon ({e}); closing the window will quit");
            }
            app.manage(TrayReady(tray.is_ok()));
            // With a book open (one's own or the dealership's); a recovered book starts it once it opens, a
            // sign-in the window waited for once it is done.
            if book_open {
                crate::scheduler::start(app.handle().clone());
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window keeps Rapport in the tray, so notifications still arrive; Quit is in the tray menu.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.app_handle().state::<TrayReady>().0 {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
            // Emails dropped on the window are logged (the page asks which customer when no address tells).
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                crate::mailbox::dropped(window, paths);
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        crate::cli::fail(false, "window", &format!("the window could not start: {e}"));
    }
}
