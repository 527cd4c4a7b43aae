//! Starting Rapport at login (a setting): an XDG autostart entry that opens it in the tray.

use std::path::PathBuf;

fn entry() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new()?;
    Some(dirs.config_dir().join("autostart").join(format!("{}.desktop", crate::location::IDENTIFIER)))
}

/// Writes or removes the autostart entry to match the setting.
pub fn apply(enabled: bool) -> std::io::Result<()> {
    let Some(path) = entry() else { return Ok(()) };
    if !enabled {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    // `rapport`, which becomes the window, is what a person starts; the window's own program is beside it.
    let here = std::env::current_exe()?;
    let exe = Some(here.with_file_name("rapport")).filter(|p| p.exists()).unwrap_or(here);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(
        &path,
        format!(
            "[Desktop Entry]\nType=Application\nName=Rapport\nComment=Reasons worth your customers' time\nExec=\"{}\" --tray\nX-GNOME-Autostart-enabled=true\n",
            exe.display()
        ),
    )
}
