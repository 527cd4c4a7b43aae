//! `rapport-window`: the window. `rapport` with no subcommand becomes this program.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

/// mimalloc rather than the system's allocator, as in `rapport`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    rapport_app::window();
}
