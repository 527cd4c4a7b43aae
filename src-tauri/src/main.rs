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
    let given = args.db.clone().filter(|p| !p.as_os_str().is_empty());
    let db = match location::database_path(args.db.clone()) {
        Ok(p) => p,
        Err(message) => cli::fail(args.json, "io", &message),
    };
    privacy::owner_only(&db, given.is_none());
    error_log::start(&db);
    match args.command {
        None => window::run(db, clock, args.tray),
        Some(command) => std::process::exit(cli::run(command, &db, clock.now(), args.json)),
    }
}
