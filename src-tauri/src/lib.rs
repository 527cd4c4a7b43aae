//! The window and the command line over `rapport-core`, as one library for two programs: `rapport`, the command
//! line, and `rapport-window`, the window. Both read the arguments and the clock the same way; only the
//! window's program links WebKit and GTK, so a command starts without loading a browser engine it never shows
//! (docs/PERFORMANCE.md: some 60 ms and 55 MB a command), and `rapport` with no subcommand hands over to the window.
//! The clock is read once, here, and `--now` / `RAPPORT_NOW` replace it.

pub mod autostart;
pub mod campaign;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod error_log;
pub mod location;
pub mod mailbox;
pub mod notify;
pub mod present;
pub mod privacy;
pub mod reach;
pub mod recovery;
pub mod scheduler;
pub mod sign_in;
pub mod transfer;
pub mod tray;
pub mod window;

use std::path::PathBuf;

use clap::Parser;

/// What opens the window: a hand-over to `rapport-window` from `rapport` (which reads the arguments again itself).
pub type OpenWindow = fn();

/// `rapport`: reads the arguments and the clock, then runs the command given, or opens the window when there is none.
pub fn command_line(open_window: OpenWindow) {
    let mut args = arguments();
    let clock = clock(&args);
    // Signing out needs no book: it is how a broken remembered one is left behind.
    if matches!(args.command, Some(cli::Command::SignOut)) {
        log_beside_own_book();
        std::process::exit(cli::sign_out(args.json));
    }
    // A dealership book (given, or remembered by this computer) is no file: its commands go to the shared book, and
    // the error log stays where the salesperson's own book keeps it.
    let Some(command) = args.command.take() else { return open_window() };
    match cli::SignInTo::chosen(args.db.as_deref(), args.user.as_deref()) {
        Ok(Some(to)) => {
            log_beside_own_book();
            std::process::exit(cli::run_shared(command, &to, clock.now(), args.json));
        }
        Ok(None) => {}
        Err(e) => {
            log_beside_own_book();
            cli::fail(args.json, e.code(), &e.public_message())
        }
    }
    let db = own_book(&args);
    std::process::exit(cli::run(command, &db, args.user.as_deref(), clock.now(), args.json))
}

/// `rapport-window`: the window on the book the arguments name, or the one this computer remembers. Commands are
/// `rapport`'s, so that this program does not carry them.
pub fn window() {
    let args = arguments();
    if args.command.is_some() {
        cli::fail(args.json, "invalid_input", "rapport-window opens the window; commands are run by rapport");
    }
    let clock = clock(&args);
    let chosen = cli::SignInTo::chosen(args.db.as_deref(), args.user.as_deref());
    // Read once: the passwords leave the environment, which WebKit's processes and every app the window opens (a
    // mail app, the calendar) would otherwise inherit.
    std::env::remove_var("RAPPORT_PASSWORD");
    if let Some(server) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        rapport_core::dealership::keep_server_password(server);
    }
    std::env::remove_var("PGPASSWORD");
    let waiting = match chosen {
        Ok(None) => None,
        Ok(Some(to)) => {
            log_beside_own_book();
            match cli::sign_in(&to, false) {
                Ok(book) => return window::run_shared(book, &to.address, clock, args.tray),
                // A script that gave a wrong password is told so; a person is shown the sign-in page.
                Err(e) if to.password_given && !to.remembered => cli::fail(args.json, e.code(), &e.public_message()),
                // No password kept here: the page asks for it, as a sign-in page does, without calling it an error.
                Err(_) if to.password.is_none() => Some(commands::Waiting::new(Some(&to), String::new())),
                Err(e) => Some(commands::Waiting::new(Some(&to), e.public_message())),
            }
        }
        Err(e) => Some(commands::Waiting::new(None, e.public_message())),
    };
    window::run(own_book(&args), clock, args.tray, waiting)
}

fn arguments() -> cli::Args {
    cli::Args::try_parse().unwrap_or_else(|e| cli::usage_error(e))
}

fn clock(args: &cli::Args) -> clock::Clock {
    clock::Clock::start(args.now.as_deref()).unwrap_or_else(|message| cli::fail(args.json, "invalid_input", &message))
}

/// On a dealership book (an address, no file), the error log stays where the salesperson's own book keeps it.
fn log_beside_own_book() {
    if let Ok(own) = location::database_path(None) {
        error_log::start(&own);
    }
}

/// The salesperson's own book: its file made the owner's only, and the error log beside it.
fn own_book(args: &cli::Args) -> PathBuf {
    // A dealership book's address names no file of one's own: then it is the usual one.
    let given = args
        .db
        .clone()
        .filter(|p| !p.as_os_str().is_empty() && !p.to_str().is_some_and(rapport_core::dealership::is_address));
    let db = location::database_path(given.clone()).unwrap_or_else(|message| cli::fail(args.json, "io", &message));
    privacy::owner_only(&db, given.is_none());
    error_log::start(&db);
    db
}
