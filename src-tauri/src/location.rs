//! Where the book lives: `--db PATH` / `RAPPORT_DB`, else one file in the OS data directory — the folder Tauri's
//! app data dir gives for our identifier (`~/.local/share/org.rapport.desktop` on Linux).

use std::path::PathBuf;

/// The app identifier of `tauri.conf.json`.
pub const IDENTIFIER: &str = "org.rapport.desktop";
pub const FILE_NAME: &str = "rapport.sqlite3";

pub fn database_path(given: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(path) = given.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path);
    }
    let dirs = directories::BaseDirs::new().ok_or("cannot find your home folder; give the database with --db PATH")?;
    Ok(dirs.data_dir().join(IDENTIFIER).join(FILE_NAME))
}

/// The calendar file a calendar app subscribes to while the window is on the dealership book: the signed-in
/// person's own reasons, in the folder of their own book (`dealership-calendar.ics`), never beside their own book's.
pub fn dealership_calendar_file() -> Result<PathBuf, rapport_core::Error> {
    let own = database_path(None).map_err(|m| rapport_core::Error::invalid("home", m))?;
    Ok(own.with_file_name("dealership-calendar.ics"))
}

/// Signing out: the dealership's reasons leave this computer's calendar file with the book.
pub fn forget_dealership_calendar() {
    if let Ok(calendar) = dealership_calendar_file() {
        let _ = std::fs::remove_file(calendar);
    }
}

/// The app's configuration folder (`~/.config/org.rapport.desktop` on Linux): what this computer remembers, such as
/// the dealership book it signs in to.
pub fn settings_folder() -> Result<PathBuf, rapport_core::Error> {
    let dirs = directories::BaseDirs::new()
        .ok_or_else(|| rapport_core::Error::invalid("home", "cannot find your home folder"))?;
    Ok(dirs.config_dir().join(IDENTIFIER))
}
