//! `rapport`: the window when run without a subcommand, the command line with one. Both are thin faces over
//! `rapport-core`. The clock is read once, here, and `--now` / `RAPPORT_NOW` replace it.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

mod autostart;
mod campaign;
mod cli;
mod clock;
mod commands;
mod error_log;
mod location;
mod mailbox;
mod notify;
mod present;
mod privacy;
mod reach;
mod recovery;
mod scheduler;
mod transfer;
mod tray;
mod window;

use clap::Parser;

/// mimalloc rather than the system's allocator: an agenda of a big book makes and drops hundreds of thousands of
/// small strings, and this was a sixth of its time (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = match cli::Args::try_parse() {
        Ok(a) => a,
        Err(e) => cli::usage_error(e),
    };
    let clock = match clock::Clock::start(args.now.as_deref()) {
        Ok(c) => c,
        Err(message) => cli::fail(args.json, "invalid_input", &message),
    };
    // A dealership book's address is no file: its commands go to the shared book, and the error log stays where the
    // salesperson's own book keeps it.
    if let Some(address) =
        args.db.as_deref().and_then(|p| p.to_str()).filter(|a| rapport_core::dealership::is_address(a))
    {
        if let Ok(own) = location::database_path(None) {
            error_log::start(&own);
        }
        let Some(command) = args.command else {
            cli::fail(
                args.json,
                "invalid_input",
                "the window opens your own book; a dealership book works from the command line in this version \
                 (see rapport --help)",
            )
        };
        std::process::exit(cli::run_shared(command, address, args.user.as_deref(), clock.now(), args.json));
    }
    let given = args.db.clone().filter(|p| !p.as_os_str().is_empty());
    let db = match location::database_path(args.db.clone()) {
        Ok(p) => p,
        Err(message) => cli::fail(args.json, "io", &message),
    };
    privacy::owner_only(&db, given.is_none());
    error_log::start(&db);
    match args.command {
        None => window::run(db, clock, args.tray),
        Some(command) => std::process::exit(cli::run(command, &db, args.user.as_deref(), clock.now(), args.json)),
    }
}
