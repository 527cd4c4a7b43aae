//! `rapport`: the command line. With no subcommand it hands over to `rapport-window`, the window's program beside
//! it, so that no command loads the window's libraries.

/// mimalloc rather than the system's allocator: an agenda of a big book makes and drops hundreds of thousands of
/// small strings, and this was a sixth of its time (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // No transparent huge pages: the allocator's arenas would otherwise be resident 2 MiB at a time, and a command
    // lives for a fraction of a second (the month's agenda of a big book peaks at some 135 MB instead of 160, no
    // slower: docs/PERFORMANCE.md). The window's program, started from here, inherits the setting.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    rapport_app::command_line(hand_over);
}

/// Becomes `rapport-window` with the same arguments (the same process, so whoever started `rapport` — a desktop
/// entry, autostart, a test's WebDriver — has the window's process).
fn hand_over() {
    let window = std::env::current_exe().map(|p| p.with_file_name("rapport-window"));
    let failed = match &window {
        Ok(path) => {
            let mut program = std::process::Command::new(path);
            program.args(std::env::args_os().skip(1));
            become_program(program)
        }
        Err(e) => e.to_string(),
    };
    let shown = window.map(|p| p.display().to_string()).unwrap_or_else(|_| "rapport-window".into());
    rapport_app::cli::fail(false, "io", &format!("cannot open the window: {shown}: {failed}"));
}

#[cfg(unix)]
fn become_program(mut program: std::process::Command) -> String {
    use std::os::unix::process::CommandExt;
    program.arg0("rapport").exec().to_string()
}

#[cfg(not(unix))]
fn become_program(mut program: std::process::Command) -> String {
    match program.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => e.to_string(),
    }
}
